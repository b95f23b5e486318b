//! Electronic forms (tờ khai điện tử): a procedure's declaration defined as
//! fields, filled in by the citizen in the browser, checked here.
//!
//! Two pure checks, each returning every problem at once:
//!
//! * [`check_definition`]: what an administrator defines (a title, the
//!   dossier component the form fills, an ordered list of fields). Errors
//!   name the JSON path of the input: `title_vi`, `component`,
//!   `fields[2].key`, `fields[2].options`.
//! * [`check_values`]: what a citizen typed, against a definition. Errors
//!   name `eform.<key>` and never carry the value typed (it may be
//!   personal data): `eform_required`, `eform_too_long`, `eform_not_a_date`,
//!   `eform_not_a_number`, `eform_not_an_option`, `eform_not_yes_no`,
//!   `eform_unknown_field`.
//!
//! The sources say nothing on how a tờ khai điện tử is defined (NOT FOUND in
//! docs/sources.md): the kinds of field, the limits and the date forms are
//! **decisions** written in docs/lifecycle.md#decisions.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::RuleError;

/// The most fields one form has: a real tờ khai has a dozen or two.
pub const MAX_FIELDS: usize = 60;
/// The most options of a choice.
pub const MAX_OPTIONS: usize = 30;
/// A key: ASCII letters, digits and `_`, a letter first, at most this long.
pub const MAX_KEY: usize = 40;
/// A title, a label or an option.
pub const MAX_LABEL: usize = 200;
/// The length a short text gets when the administrator gives none.
pub const DEFAULT_SHORT: u32 = 200;
/// The length a long text gets when the administrator gives none.
pub const DEFAULT_LONG: u32 = 2000;
/// The longest a text field may be defined.
pub const MAX_LENGTH: u32 = 5000;

/// The kind of a field, as the JSON API spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A day: typed `dd/mm/yyyy` (or `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`)
    /// or ISO `yyyy-mm-dd` (a browser's date input); kept as `dd/mm/yyyy`.
    Date,
    /// A whole number, optionally negative; spaces between digits ignored.
    Number,
    /// One of the field's options.
    Choice,
    /// Yes or no: `yes` / `no` (also `true`/`false`, `có`/`không`, `on`);
    /// empty is no. A required yes/no must be yes (an undertaking).
    YesNo,
}

impl FieldKind {
    pub const ALL: [FieldKind; 6] =
        [FieldKind::Text, FieldKind::LongText, FieldKind::Date, FieldKind::Number, FieldKind::Choice, FieldKind::YesNo];

    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::LongText => "long_text",
            FieldKind::Date => "date",
            FieldKind::Number => "number",
            FieldKind::Choice => "choice",
            FieldKind::YesNo => "yes_no",
        }
    }

    pub fn parse(s: &str) -> Option<FieldKind> {
        FieldKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    fn is_text(self) -> bool {
        matches!(self, FieldKind::Text | FieldKind::LongText)
    }
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EformField {
    /// Stable name of the value (`child_name`); the API's values use it.
    pub key: String,
    pub label_vi: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// Text fields: the most characters; [`DEFAULT_SHORT`] or
    /// [`DEFAULT_LONG`] when not given. Ignored for other kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Choice fields: the options, in order, as printed (Vietnamese).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

impl EformField {
    /// The most characters a text field takes.
    pub fn max_chars(&self) -> usize {
        let default = if self.kind == FieldKind::LongText { DEFAULT_LONG } else { DEFAULT_SHORT };
        self.max_length.unwrap_or(default) as usize
    }

    /// The label in `en` when asked and given, else the Vietnamese one.
    pub fn label(&self, en: bool) -> &str {
        match (&self.label_en, en) {
            (Some(l), true) => l,
            _ => &self.label_vi,
        }
    }
}

/// A procedure's e-form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EformDefinition {
    pub title_vi: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The name of the dossier component the form fills, as in the procedure.
    pub component: String,
    pub fields: Vec<EformField>,
}

impl EformDefinition {
    pub fn title(&self, en: bool) -> &str {
        match (&self.title_en, en) {
            (Some(t), true) => t,
            _ => &self.title_vi,
        }
    }
}

/// One value as kept with the dossier: the field as it was defined when the
/// citizen filled it, and the value normalised (dates `dd/mm/yyyy`, yes/no
/// `yes`/`no`, empty when an optional field was left empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilledField {
    pub key: String,
    pub label_vi: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    pub kind: FieldKind,
    pub value: String,
}

impl FilledField {
    /// The value as printed on the tờ khai (Vietnamese).
    pub fn printed_vi(&self) -> String {
        match (self.kind, self.value.as_str()) {
            (FieldKind::YesNo, "yes") => "Có".to_owned(),
            (FieldKind::YesNo, _) => "Không".to_owned(),
            _ => self.value.clone(),
        }
    }
}

fn trimmed_label(raw: &str, field: &str, p: &mut Vec<RuleError>, required: bool) -> String {
    let s = raw.trim();
    if s.chars().any(char::is_control) {
        p.push(RuleError::invalid("invalid_text", field));
    } else if s.chars().count() > MAX_LABEL {
        p.push(RuleError::invalid("text_too_long", field).arg("n", s.chars().count()).arg("max", MAX_LABEL));
    } else if required && s.is_empty() {
        p.push(RuleError::invalid("eform_label_required", field));
    }
    s.to_owned()
}

fn valid_key(k: &str) -> bool {
    let mut chars = k.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && k.len() <= MAX_KEY
}

/// Checks and normalises a definition (labels trimmed, empty English
/// labels dropped, options only on choices, a length only on texts).
/// `components` are the names of the procedure's dossier components.
pub fn check_definition(def: &EformDefinition, components: &[String]) -> Result<EformDefinition, Vec<RuleError>> {
    let mut p = Vec::new();
    let title_vi = trimmed_label(&def.title_vi, "title_vi", &mut p, true);
    let title_en =
        def.title_en.as_deref().map(|t| trimmed_label(t, "title_en", &mut p, false)).filter(|t| !t.is_empty());
    let component = def.component.trim().to_owned();
    if component.is_empty() {
        p.push(RuleError::invalid("eform_component_required", "component"));
    } else if !components.iter().any(|c| c == &component) {
        p.push(RuleError::invalid("eform_component_unknown", "component").arg("name", &component));
    }
    if def.fields.is_empty() {
        p.push(RuleError::invalid("eform_no_fields", "fields"));
    }
    if def.fields.len() > MAX_FIELDS {
        p.push(RuleError::invalid("eform_too_many_fields", "fields").arg("max", MAX_FIELDS));
    }
    let mut fields = Vec::with_capacity(def.fields.len());
    for (i, f) in def.fields.iter().enumerate() {
        let at = |part: &str| format!("fields[{i}].{part}");
        let key = f.key.trim().to_owned();
        if key.is_empty() {
            p.push(RuleError::invalid("eform_key_required", &at("key")));
        } else if !valid_key(&key) {
            p.push(RuleError::invalid("eform_key_invalid", &at("key")).arg("max", MAX_KEY));
        } else if def.fields[..i].iter().any(|o| o.key.trim() == key) {
            p.push(RuleError::invalid("eform_key_taken", &at("key")).arg("key", &key));
        }
        let label_vi = trimmed_label(&f.label_vi, &at("label_vi"), &mut p, true);
        let label_en =
            f.label_en.as_deref().map(|l| trimmed_label(l, &at("label_en"), &mut p, false)).filter(|l| !l.is_empty());
        let max_length = if f.kind.is_text() {
            match f.max_length {
                Some(n) if n == 0 || n > MAX_LENGTH => {
                    p.push(RuleError::invalid("eform_max_length_invalid", &at("max_length")).arg("max", MAX_LENGTH));
                    None
                }
                n => n,
            }
        } else {
            None
        };
        let mut options = Vec::new();
        if f.kind == FieldKind::Choice {
            for (j, o) in f.options.iter().enumerate() {
                let o = trimmed_label(o, &at("options"), &mut p, false);
                if o.is_empty() {
                    continue;
                }
                if options.contains(&o) {
                    p.push(RuleError::invalid("eform_option_repeated", &at("options")).arg("option", &o));
                } else if j < MAX_OPTIONS {
                    options.push(o);
                }
            }
            if f.options.len() > MAX_OPTIONS {
                p.push(RuleError::invalid("eform_too_many_options", &at("options")).arg("max", MAX_OPTIONS));
            } else if options.len() < 2 {
                p.push(RuleError::invalid("eform_options_required", &at("options")));
            }
        }
        fields.push(EformField { key, label_vi, label_en, kind: f.kind, required: f.required, max_length, options });
    }
    if p.is_empty() { Ok(EformDefinition { title_vi, title_en, component, fields }) } else { Err(p) }
}

/// The field name a value's errors are reported on.
pub fn value_field(key: &str) -> String {
    format!("eform.{key}")
}

/// A day typed the Vietnamese way (`dd/mm/yyyy`, with `/`, `-` or `.`, one
/// or two digits for day and month) or ISO (`yyyy-mm-dd`).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        && s.len() == 10
    {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let digits =
        |p: &str, min: usize, max: usize| (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if !(digits(d, 1, 2) && digits(m, 1, 2) && digits(y, 4, 4)) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A whole number, spaces between digits ignored, at most 18 digits.
pub fn parse_number(raw: &str) -> Option<i64> {
    let s: String = raw.trim().chars().filter(|c| *c != ' ').collect();
    let digits = s.strip_prefix('-').unwrap_or(&s);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_yes_no(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "" | "no" | "false" | "không" | "off" | "0" => Some(false),
        "yes" | "true" | "có" | "on" | "1" => Some(true),
        _ => None,
    }
}

/// Checks the values a citizen typed against `def`: every field of the
/// definition in its order, normalised, or every problem at once. A key
/// not in the definition is `eform_unknown_field`. Line breaks are kept in
/// long texts only.
pub fn check_values(
    def: &EformDefinition,
    values: &BTreeMap<String, String>,
) -> Result<Vec<FilledField>, Vec<RuleError>> {
    let mut p = Vec::new();
    for key in values.keys() {
        if !def.fields.iter().any(|f| &f.key == key) {
            // The key is the client's; shown cut, never the value.
            let shown: String = key.chars().take(MAX_KEY).collect();
            p.push(RuleError::invalid("eform_unknown_field", &value_field(&shown)).arg("key", &shown));
        }
    }
    let mut out = Vec::with_capacity(def.fields.len());
    for f in &def.fields {
        let field = value_field(&f.key);
        let raw = values.get(&f.key).map(String::as_str).unwrap_or("");
        let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
        let raw = if f.kind == FieldKind::LongText {
            raw.trim().to_owned()
        } else {
            raw.replace('\n', " ").trim().to_owned()
        };
        let label = || (f.label_vi.clone(), f.label_en.clone().unwrap_or_else(|| f.label_vi.clone()));
        let named = |e: RuleError| {
            let (vi, en) = label();
            e.arg_each("label", vi, en)
        };
        if raw.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            p.push(named(RuleError::invalid("invalid_text", &field)));
            continue;
        }
        let value = match f.kind {
            FieldKind::YesNo => match parse_yes_no(&raw) {
                Some(true) => "yes".to_owned(),
                Some(false) if f.required => {
                    p.push(named(RuleError::invalid("eform_required", &field)));
                    continue;
                }
                Some(false) => "no".to_owned(),
                None => {
                    p.push(named(RuleError::invalid("eform_not_yes_no", &field)));
                    continue;
                }
            },
            _ if raw.is_empty() => {
                if f.required {
                    p.push(named(RuleError::invalid("eform_required", &field)));
                    continue;
                }
                String::new()
            }
            FieldKind::Text | FieldKind::LongText => {
                let n = raw.chars().count();
                if n > f.max_chars() {
                    p.push(named(RuleError::invalid("eform_too_long", &field).arg("n", n).arg("max", f.max_chars())));
                    continue;
                }
                raw
            }
            FieldKind::Date => match parse_date(&raw) {
                Some(d) => d.format("%d/%m/%Y").to_string(),
                None => {
                    p.push(named(RuleError::invalid("eform_not_a_date", &field)));
                    continue;
                }
            },
            FieldKind::Number => match parse_number(&raw) {
                Some(n) => n.to_string(),
                None => {
                    p.push(named(RuleError::invalid("eform_not_a_number", &field)));
                    continue;
                }
            },
            FieldKind::Choice => match f.options.iter().find(|o| o.trim() == raw) {
                Some(o) => o.clone(),
                None => {
                    p.push(named(RuleError::invalid("eform_not_an_option", &field)));
                    continue;
                }
            },
        };
        out.push(FilledField {
            key: f.key.clone(),
            label_vi: f.label_vi.clone(),
            label_en: f.label_en.clone(),
            kind: f.kind,
            value,
        });
    }
    if p.is_empty() { Ok(out) } else { Err(p) }
}

#[cfg(test)]
#[path = "eform_tests.rs"]
mod tests;
