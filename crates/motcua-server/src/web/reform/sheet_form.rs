//! The sheet as one form: its field names, reading every row of it into
//! the store's [`SheetEdit`]s, and the refusals by row.
//!
//! Field names carry the item's code (`self:1.2`, `appr:1.2`), so one
//! form holds the whole sheet and a refused save can put every typed value
//! back where it was. A blank field is a row nobody filled in yet: it is
//! skipped, never read as 0.

use std::collections::HashMap;

use motcua_rules::par::{Input, Percent, Points};
use motcua_store::SheetEdit;

use super::parse_points;
use crate::error::ApiError;
use crate::routes::reform_sheets::ItemView;

pub type Form = HashMap<String, String>;

/// What the user may write on this sheet now.
#[derive(Debug, Clone, Copy)]
pub struct Rights {
    /// The unit's own scores and notes.
    pub self_score: bool,
    /// The office's appraisals.
    pub appraise: bool,
    /// The office's figures for the items it fills.
    pub office: bool,
}

/// The prefixes of the sheet's fields: a draft keeps only these.
pub const PREFIXES: [&str; 8] = ["self:", "note:", "appr:", "reason:", "pts:", "pct:", "num:", "den:"];

pub fn field<'a>(f: &'a Form, name: &str) -> &'a str {
    f.get(name).map(String::as_str).unwrap_or("").trim()
}

/// Which office field an item's figure is typed in, by its method.
pub fn office_kind(item: &ItemView) -> &'static str {
    match item.method {
        "computed" => "computed",
        "survey" if item.rule_vi.is_some() => "sipas",
        "survey" => "survey",
        _ => "adjustment",
    }
}

/// Reads every row the user may write. Returns the edits, and the rows
/// whose text does not parse (code, refusal), all of them.
pub fn read(form: &Form, items: &[ItemView], rights: Rights) -> (Vec<SheetEdit>, Vec<(String, ApiError)>) {
    let mut edits = Vec::new();
    let mut refused = Vec::new();
    for item in items {
        let code = item.code.clone();
        let row = |result: Result<Option<SheetEdit>, ApiError>, edits: &mut Vec<SheetEdit>, refused: &mut Vec<_>| {
            match result {
                Ok(Some(e)) => edits.push(e),
                Ok(None) => {}
                Err(e) => refused.push((code.clone(), e)),
            }
        };
        if item.filled_by == "unit" && rights.self_score {
            row(self_row(form, &code), &mut edits, &mut refused);
        }
        if item.filled_by == "unit" && rights.appraise && item.entry.is_some() {
            row(appraisal_row(form, &code), &mut edits, &mut refused);
        }
        if item.filled_by == "office" && rights.office {
            row(office_row(form, item), &mut edits, &mut refused);
        }
    }
    (edits, refused)
}

fn self_row(form: &Form, code: &str) -> Result<Option<SheetEdit>, ApiError> {
    let raw = field(form, &format!("self:{code}"));
    if raw.is_empty() {
        return Ok(None);
    }
    let self_score = parse_points(raw, "self_score")?;
    let note = field(form, &format!("note:{code}")).to_owned();
    Ok(Some(SheetEdit::SelfScore { code: code.to_owned(), self_score, note }))
}

fn appraisal_row(form: &Form, code: &str) -> Result<Option<SheetEdit>, ApiError> {
    let raw = field(form, &format!("appr:{code}"));
    if raw.is_empty() {
        return Ok(None);
    }
    let appraised = parse_points(raw, "appraised")?;
    let reason = field(form, &format!("reason:{code}")).to_owned();
    Ok(Some(SheetEdit::Appraisal { code: code.to_owned(), appraised, reason }))
}

fn office_row(form: &Form, item: &ItemView) -> Result<Option<SheetEdit>, ApiError> {
    let code = &item.code;
    let get = |prefix: &str| field(form, &format!("{prefix}:{code}"));
    let input = match office_kind(item) {
        "computed" => {
            let (num, den) = (get("num"), get("den"));
            if num.is_empty() && den.is_empty() {
                return Ok(None);
            }
            Input::Computed { numerator: count(num, "numerator")?, denominator: count(den, "denominator")? }
        }
        "sipas" => {
            let raw = get("pct");
            if raw.is_empty() {
                return Ok(None);
            }
            let percent = Percent::parse(raw)
                .ok_or_else(|| ApiError::unprocessable("reform_points_invalid", "percent").arg("value", raw))?;
            Input::Sipas { percent }
        }
        kind => {
            let raw = get("pts");
            if raw.is_empty() {
                return Ok(None);
            }
            let points = parse_points(raw, "points")?;
            if kind == "survey" { Input::Survey { points } } else { Input::Adjustment { points } }
        }
    };
    Ok(Some(SheetEdit::Office { code: code.clone(), input, note: get("note").to_owned() }))
}

fn count(raw: &str, name: &str) -> Result<u64, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::unprocessable("invalid_number", name).arg("case", "not-negative").arg("value", raw))
}

/// The appraisal a blank row gets when the office agrees with the unit:
/// its self-score, for every self-scored row not appraised and left blank.
pub fn agree_with_unit(form: &mut Form, items: &[ItemView]) {
    for item in items.iter().filter(|i| i.filled_by == "unit") {
        // A row already appraised keeps its appraisal.
        let Some(Input::Assessed { self_score, appraised: None, .. }) = item.entry.as_ref().map(|e| &e.input) else {
            continue;
        };
        let name = format!("appr:{}", item.code);
        if field(form, &name).is_empty() {
            form.insert(name, self_score.to_string());
        }
    }
}

/// The fields of a draft: the sheet's own, as typed.
pub fn draft_fields(form: &Form) -> serde_json::Map<String, serde_json::Value> {
    form.iter()
        .filter(|(k, _)| PREFIXES.iter().any(|p| k.starts_with(p)))
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect()
}

/// A draft's fields back as a form.
pub fn from_draft(fields: &serde_json::Map<String, serde_json::Value>) -> Form {
    fields.iter().filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned()))).collect()
}

/// A stored figure as the office typed it: points, percent or counts.
pub fn office_value(item: &ItemView, prefix: &str, english: bool) -> String {
    let p = |v: Points| if english { v.to_vi_short().replace(',', ".") } else { v.to_vi_short() };
    match (item.entry.as_ref().map(|e| &e.input), prefix) {
        (Some(Input::Survey { points } | Input::Adjustment { points }), "pts") => p(*points),
        (Some(Input::Sipas { percent }), "pct") => {
            if english {
                percent.to_string()
            } else {
                percent.to_vi()
            }
        }
        (Some(Input::Computed { numerator, .. }), "num") => numerator.to_string(),
        (Some(Input::Computed { denominator, .. }), "den") => denominator.to_string(),
        _ => String::new(),
    }
}
