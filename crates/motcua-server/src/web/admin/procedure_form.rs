//! The procedure edit form as text: built from a `ProcedureData`, read back
//! from the submitted fields, and turned into a `ProcedureData` with errors
//! that name the same fields as the JSON API (`time_limit.amount`,
//! `workflow[1].unit_code`), so one `FormError` marks the input either way.
//!
//! The repeated parts (components, fees, legal basis, workflow steps) are
//! rows named `list[i].field`. A row left empty is ignored, so the page can
//! always offer a couple of blank rows without JavaScript.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use motcua_rules::fees::{Collection, FeeKind};
use motcua_rules::{Role, TimeLimit, TimeUnit};
use motcua_store::model::{
    Component, Fee, LegalDoc, OnlineLevel, ProcedureData, Publication, PublicationStatus, StepData, StepUnitKind,
};

use super::fee_rows::{exemptions, exemptions_text};
use crate::error::ApiError;

/// The most rows a list may have; more is not a real procedure.
const MAX_ROWS: usize = 100;

#[derive(Debug, Clone, Default)]
pub struct ComponentRow {
    pub name: String,
    pub form: String,
    pub originals: String,
    pub copies: String,
    pub required: bool,
}

#[derive(Debug, Clone, Default)]
pub struct FeeRow {
    pub name: String,
    pub amount_vnd: String,
    pub note: String,
    /// `fee` or `charge` (`motcua_rules::fees::FeeKind`).
    pub kind: String,
    /// `reception`, `supplement` or `result` (`HinhThucThu`).
    pub collected_at: String,
    /// One exemption category a line: `code; name; percent`.
    pub exemptions: String,
}

#[derive(Debug, Clone, Default)]
pub struct LegalRow {
    pub number: String,
    pub title: String,
    pub issued: String,
    pub issuer: String,
}

#[derive(Debug, Clone, Default)]
pub struct StepRow {
    pub name: String,
    /// `implementing`, `receiving`, `ancestor` or `fixed` (`StepUnitKind`).
    pub unit: String,
    /// The level, for `ancestor`.
    pub unit_level: String,
    /// The unit, for `fixed`.
    pub unit_code: String,
    pub role: String,
    pub share: String,
}

/// Everything the form shows, as the text in its inputs.
#[derive(Debug, Clone, Default)]
pub struct ProcedureForm {
    pub code: String,
    pub name: String,
    pub field_code: String,
    pub level: String,
    pub agency_unit_code: String,
    pub amount: String,
    pub time_unit: String,
    pub online_level: String,
    pub publication_status: String,
    pub decision: String,
    pub effective_from: String,
    pub effective_to: String,
    /// The decision's date, the legal basis' latest effective date and the
    /// day made public on the national database (766 indicators 1.1, 1.2).
    pub dates: [String; 3],
    pub applicants: String,
    pub result: String,
    /// A certified electronic copy from the original (4.6): a checkbox.
    pub certified_copy: bool,
    pub components: Vec<ComponentRow>,
    pub fees: Vec<FeeRow>,
    pub legal_basis: Vec<LegalRow>,
    pub workflow: Vec<StepRow>,
    /// Units that may also receive the procedure: codes separated by
    /// commas, spaces or new lines.
    pub extra_receivers: String,
    /// The version the form was read at (optimistic concurrency).
    pub version: String,
    /// `updated`, `amended` or `abolished`.
    pub change: String,
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

impl ProcedureForm {
    /// A blank form for a new procedure.
    pub fn blank() -> ProcedureForm {
        ProcedureForm {
            level: "commune".into(),
            time_unit: TimeUnit::WorkingDays.as_str().into(),
            online_level: OnlineLevel::Partial.as_str().into(),
            publication_status: PublicationStatus::Published.as_str().into(),
            change: "updated".into(),
            ..ProcedureForm::default()
        }
    }

    pub fn from_data(d: &ProcedureData, version: i64) -> ProcedureForm {
        ProcedureForm {
            code: d.code.clone(),
            name: d.name.clone(),
            field_code: d.field_code.clone(),
            level: d.level.clone(),
            agency_unit_code: d.agency_unit_code.clone(),
            amount: d.time_limit.amount.to_string(),
            time_unit: d.time_limit.unit.as_str().into(),
            online_level: d.online_level.as_str().into(),
            publication_status: d.publication.status.as_str().into(),
            decision: d.publication.decision.clone().unwrap_or_default(),
            effective_from: opt_date(d.publication.effective_from),
            effective_to: opt_date(d.publication.effective_to),
            dates: [d.publication.decision_date, d.publication.basis_effective, d.publication.public_date]
                .map(opt_date),
            applicants: d.applicants.clone().unwrap_or_default(),
            result: d.result.clone().unwrap_or_default(),
            certified_copy: d.certified_copy,
            components: d
                .components
                .iter()
                .map(|c| ComponentRow {
                    name: c.name.clone(),
                    form: c.form.clone().unwrap_or_default(),
                    originals: c.originals.to_string(),
                    copies: c.copies.to_string(),
                    required: c.required,
                })
                .collect(),
            fees: d
                .fees
                .iter()
                .map(|f| FeeRow {
                    name: f.name.clone(),
                    amount_vnd: f.amount_vnd.to_string(),
                    note: f.note.clone().unwrap_or_default(),
                    kind: f.kind.as_str().to_owned(),
                    collected_at: f.collected_at.as_str().to_owned(),
                    exemptions: exemptions_text(&f.exemptions),
                })
                .collect(),
            legal_basis: d
                .legal_basis
                .iter()
                .map(|l| LegalRow {
                    number: l.number.clone(),
                    title: l.title.clone(),
                    issued: opt_date(l.issued),
                    issuer: l.issuer.clone().unwrap_or_default(),
                })
                .collect(),
            workflow: d
                .workflow
                .iter()
                .map(|s| StepRow {
                    name: s.name.clone(),
                    unit: s.unit.as_str().into(),
                    unit_level: s.unit_level.clone().unwrap_or_default(),
                    unit_code: s.unit_code.clone(),
                    role: s.role.as_str().into(),
                    share: s.share.to_string(),
                })
                .collect(),
            extra_receivers: d.extra_receivers.join(", "),
            version: version.to_string(),
            change: "updated".into(),
        }
    }

    /// Reads the submitted fields. Rows keep their order; empty rows are
    /// dropped, so row `i` of each list is item `i` of the data.
    pub fn from_fields(fields: &[(String, String)]) -> ProcedureForm {
        let mut f = ProcedureForm { change: "updated".into(), ..ProcedureForm::default() };
        let mut components: BTreeMap<usize, ComponentRow> = BTreeMap::new();
        let mut fees: BTreeMap<usize, FeeRow> = BTreeMap::new();
        let mut legal: BTreeMap<usize, LegalRow> = BTreeMap::new();
        let mut steps: BTreeMap<usize, StepRow> = BTreeMap::new();
        for (key, value) in fields {
            let v = value.clone();
            match key.as_str() {
                "code" => f.code = v,
                "name" => f.name = v,
                "field_code" => f.field_code = v,
                "level" => f.level = v,
                "agency_unit_code" => f.agency_unit_code = v,
                "time_limit.amount" => f.amount = v,
                "time_limit.unit" => f.time_unit = v,
                "online_level" => f.online_level = v,
                "publication.status" => f.publication_status = v,
                "publication.decision" => f.decision = v,
                "publication.effective_from" => f.effective_from = v,
                "publication.effective_to" => f.effective_to = v,
                "publication.decision_date" => f.dates[0] = v,
                "publication.basis_effective" => f.dates[1] = v,
                "publication.public_date" => f.dates[2] = v,
                "applicants" => f.applicants = v,
                "result" => f.result = v,
                "certified_copy" => f.certified_copy = !v.is_empty(),
                "extra_receivers" => f.extra_receivers = v,
                "version" => f.version = v,
                "change" => f.change = v,
                _ => {
                    let Some((list, i, part)) = row_key(key) else { continue };
                    match list {
                        "components" => {
                            let row = components.entry(i).or_default();
                            match part {
                                "name" => row.name = v,
                                "form" => row.form = v,
                                "originals" => row.originals = v,
                                "copies" => row.copies = v,
                                "required" => row.required = true,
                                _ => {}
                            }
                        }
                        "fees" => {
                            let row = fees.entry(i).or_default();
                            match part {
                                "name" => row.name = v,
                                "amount_vnd" => row.amount_vnd = v,
                                "note" => row.note = v,
                                "kind" => row.kind = v,
                                "collected_at" => row.collected_at = v,
                                "exemptions" => row.exemptions = v,
                                _ => {}
                            }
                        }
                        "legal_basis" => {
                            let row = legal.entry(i).or_default();
                            match part {
                                "number" => row.number = v,
                                "title" => row.title = v,
                                "issued" => row.issued = v,
                                "issuer" => row.issuer = v,
                                _ => {}
                            }
                        }
                        "workflow" => {
                            let row = steps.entry(i).or_default();
                            match part {
                                "name" => row.name = v,
                                "unit" => row.unit = v,
                                "unit_level" => row.unit_level = v,
                                "unit_code" => row.unit_code = v,
                                "role" => row.role = v,
                                "share" => row.share = v,
                                _ => {}
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        let blank = |parts: &[&str]| parts.iter().all(|p| p.trim().is_empty());
        f.components = components.into_values().filter(|r| !blank(&[&r.name, &r.form])).take(MAX_ROWS).collect();
        f.fees = fees
            .into_values()
            .filter(|r| !blank(&[&r.name, &r.amount_vnd, &r.note, &r.exemptions]))
            .take(MAX_ROWS)
            .collect();
        f.legal_basis = legal
            .into_values()
            .filter(|r| !blank(&[&r.number, &r.title, &r.issued, &r.issuer]))
            .take(MAX_ROWS)
            .collect();
        f.workflow =
            steps.into_values().filter(|r| !blank(&[&r.name, &r.unit_code, &r.share])).take(MAX_ROWS).collect();
        f
    }

    /// The form with `n` blank rows added to each list, for display.
    pub fn with_blank_rows(&self, n: usize) -> ProcedureForm {
        let mut f = self.clone();
        for _ in 0..n {
            f.components.push(ComponentRow {
                originals: "1".into(),
                copies: "0".into(),
                required: true,
                ..ComponentRow::default()
            });
            f.fees.push(FeeRow::default());
            f.legal_basis.push(LegalRow::default());
            f.workflow.push(StepRow {
                role: Role::Specialist.as_str().into(),
                unit: StepUnitKind::Implementing.as_str().into(),
                ..StepRow::default()
            });
        }
        f
    }

    /// The procedure the form describes; `field_name` is the name of the
    /// field chosen (used only when an import has to create the field).
    pub fn to_data(&self, field_name: Option<String>) -> Result<ProcedureData, ApiError> {
        // Every problem of the form at once: each check that fails is noted
        // and a stand-in value keeps the building going.
        let mut errs: Vec<ApiError> = Vec::new();
        let unit = take(
            &mut errs,
            TimeUnit::parse(self.time_unit.trim())
                .ok_or_else(|| choose("time_limit.unit", "đơn vị thời hạn", "time limit unit")),
        )
        .unwrap_or(TimeUnit::WorkingDays);
        let online_level = take(
            &mut errs,
            OnlineLevel::parse(self.online_level.trim())
                .ok_or_else(|| choose("online_level", "mức độ dịch vụ trực tuyến", "online service level")),
        )
        .unwrap_or(OnlineLevel::None);
        let status = match self.publication_status.trim() {
            "published" => PublicationStatus::Published,
            "amended" => PublicationStatus::Amended,
            "abolished" => PublicationStatus::Abolished,
            _ => {
                errs.push(choose("publication.status", "tình trạng công bố", "publication status"));
                PublicationStatus::Published
            }
        };
        let mut components = Vec::with_capacity(self.components.len());
        for (i, c) in self.components.iter().enumerate() {
            components.push(Component {
                name: take(&mut errs, required(&c.name, &format!("components[{i}].name"))).unwrap_or_default(),
                form: optional(&c.form),
                originals: take(&mut errs, count(&c.originals, &format!("components[{i}].originals")))
                    .unwrap_or_default(),
                copies: take(&mut errs, count(&c.copies, &format!("components[{i}].copies"))).unwrap_or_default(),
                required: c.required,
            });
        }
        let mut fees = Vec::with_capacity(self.fees.len());
        for (i, fee) in self.fees.iter().enumerate() {
            fees.push(Fee {
                name: take(&mut errs, required(&fee.name, &format!("fees[{i}].name"))).unwrap_or_default(),
                amount_vnd: take(&mut errs, money(&fee.amount_vnd, &format!("fees[{i}].amount_vnd")))
                    .unwrap_or_default(),
                note: optional(&fee.note),
                kind: FeeKind::parse(fee.kind.trim()).unwrap_or_default(),
                collected_at: Collection::parse(fee.collected_at.trim()).unwrap_or_default(),
                exemptions: take(&mut errs, exemptions(&fee.exemptions, &format!("fees[{i}].exemptions")))
                    .unwrap_or_default(),
            });
        }
        let mut legal_basis = Vec::with_capacity(self.legal_basis.len());
        for (i, l) in self.legal_basis.iter().enumerate() {
            legal_basis.push(LegalDoc {
                number: take(&mut errs, required(&l.number, &format!("legal_basis[{i}].number"))).unwrap_or_default(),
                title: take(&mut errs, required(&l.title, &format!("legal_basis[{i}].title"))).unwrap_or_default(),
                issued: take(&mut errs, date(&l.issued, &format!("legal_basis[{i}].issued"))).flatten(),
                issuer: optional(&l.issuer),
            });
        }
        let mut workflow = Vec::with_capacity(self.workflow.len());
        for (i, s) in self.workflow.iter().enumerate() {
            let role = take(
                &mut errs,
                Role::parse(s.role.trim()).ok_or_else(|| choose(&format!("workflow[{i}].role"), "vai trò", "role")),
            )
            .unwrap_or(Role::Specialist);
            // A row without a kind (a form from before routing) is fixed.
            let unit = match s.unit.trim() {
                "" => StepUnitKind::Fixed,
                kind => take(
                    &mut errs,
                    StepUnitKind::parse(kind)
                        .ok_or_else(|| ApiError::unprocessable("step_unit_kind", &format!("workflow[{i}].unit"))),
                )
                .unwrap_or(StepUnitKind::Fixed),
            };
            // A detail chosen for another kind would be dropped silently:
            // say so instead.
            if unit != StepUnitKind::Fixed && !s.unit_code.trim().is_empty() {
                errs.push(
                    ApiError::unprocessable("step_unit_detail_unused", &format!("workflow[{i}].unit_code"))
                        .arg("case", "fixed"),
                );
            }
            if unit != StepUnitKind::Ancestor && !s.unit_level.trim().is_empty() {
                errs.push(
                    ApiError::unprocessable("step_unit_detail_unused", &format!("workflow[{i}].unit_level"))
                        .arg("case", "ancestor"),
                );
            }
            workflow.push(StepData {
                name: s.name.trim().to_owned(),
                unit,
                unit_level: match unit {
                    StepUnitKind::Ancestor => Some(s.unit_level.trim().to_owned()),
                    _ => None,
                },
                unit_code: match unit {
                    StepUnitKind::Fixed => {
                        take(&mut errs, required(&s.unit_code, &format!("workflow[{i}].unit_code"))).unwrap_or_default()
                    }
                    _ => String::new(),
                },
                role,
                share: take(&mut errs, count(&s.share, &format!("workflow[{i}].share"))).unwrap_or_default(),
            });
        }
        let data = ProcedureData {
            certified_copy: self.certified_copy,
            code: self.code.trim().to_owned(),
            name: self.name.trim().to_owned(),
            field_code: take(&mut errs, required(&self.field_code, "field_code")).unwrap_or_default(),
            field_name,
            level: take(&mut errs, required(&self.level, "level")).unwrap_or_default(),
            agency_unit_code: take(&mut errs, required(&self.agency_unit_code, "agency_unit_code")).unwrap_or_default(),
            time_limit: TimeLimit::new(
                take(&mut errs, count(&self.amount, "time_limit.amount")).unwrap_or_default(),
                unit,
            ),
            fees,
            components,
            legal_basis,
            online_level,
            publication: Publication {
                status,
                decision: optional(&self.decision),
                effective_from: take(&mut errs, date(&self.effective_from, "publication.effective_from")).flatten(),
                effective_to: take(&mut errs, date(&self.effective_to, "publication.effective_to")).flatten(),
                decision_date: take(&mut errs, date(&self.dates[0], "publication.decision_date")).flatten(),
                basis_effective: take(&mut errs, date(&self.dates[1], "publication.basis_effective")).flatten(),
                public_date: take(&mut errs, date(&self.dates[2], "publication.public_date")).flatten(),
            },
            workflow,
            extra_receivers: self
                .extra_receivers
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|c| !c.is_empty())
                .map(str::to_uppercase)
                .collect(),
            applicants: optional(&self.applicants),
            result: optional(&self.result),
        };
        match ApiError::many(errs) {
            Some(e) => Err(e),
            None => Ok(data),
        }
    }

    /// The version as a number (`stale_version`-style refusal if it is not).
    pub fn version_number(&self) -> Result<i64, ApiError> {
        self.version
            .trim()
            .parse()
            .map_err(|_| ApiError::unprocessable("required", "version").arg("case", "record-version"))
    }
}

/// `workflow[2].unit_code` → ("workflow", 2, "unit_code").
fn row_key(key: &str) -> Option<(&str, usize, &str)> {
    let (list, rest) = key.split_once('[')?;
    let (index, rest) = rest.split_once(']')?;
    let part = rest.strip_prefix('.')?;
    let i: usize = index.parse().ok()?;
    (i < 10 * MAX_ROWS).then_some((list, i, part))
}

/// The value of a check that passed; a failure is noted in `errs`.
fn take<T>(errs: &mut Vec<ApiError>, r: Result<T, ApiError>) -> Option<T> {
    r.map_err(|e| errs.push(e)).ok()
}

fn optional(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn required(s: &str, field: &str) -> Result<String, ApiError> {
    optional(s).ok_or_else(|| ApiError::unprocessable("required", field).arg("case", "not-empty"))
}

fn choose(field: &str, vi: &str, en: &str) -> ApiError {
    ApiError::unprocessable("invalid_choice", field).arg_each("what", vi, en)
}

/// A whole number of at least 0 (days, copies); blank is 0.
fn count(s: &str, field: &str) -> Result<u32, ApiError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(0);
    }
    t.parse().map_err(|_| ApiError::unprocessable("invalid_number", field).arg("case", "not-negative").arg("value", t))
}

/// An amount in đồng, written with or without thousands separators
/// (`50.000`, `50,000`, `50 000`).
fn money(s: &str, field: &str) -> Result<i64, ApiError> {
    let digits: String = s.trim().chars().filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}')).collect();
    if digits.is_empty() {
        return Ok(0);
    }
    digits
        .parse()
        .map_err(|_| ApiError::unprocessable("invalid_number", field).arg("case", "money").arg("value", s.trim()))
}

/// A date from an `<input type="date">` (`2026-03-04`) or typed the
/// Vietnamese way (`04/03/2026`); blank is none.
pub fn date(s: &str, field: &str) -> Result<Option<NaiveDate>, ApiError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    parse_date(t)
        .map(Some)
        .ok_or_else(|| ApiError::unprocessable("invalid_date", field).arg("case", "form").arg("value", t))
}

/// `2026-03-04` or `04/03/2026`.
pub fn parse_date(t: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(t, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y")).ok()
}

#[cfg(test)]
#[path = "procedure_form_tests.rs"]
mod tests;
