//! `/admin/procedures/{code}/eform`: a procedure's electronic form (tờ khai
//! điện tử) in the editor: its title, the component it fills and its
//! fields, edited as one form with one save. Every problem is shown at
//! once, in a summary linking to each input and beside the input, as on
//! the procedure editor. The administrator who may edit the procedure may
//! change it (`AdminScope`, checked by the store); saving and removing go
//! through the API's functions and into the procedure's history.
//!
//! The fields are rows named `fields[i].part`. A row left empty is dropped,
//! so the page always offers blank rows without JavaScript; the rows are
//! put in the order of their "order" numbers (a row without one keeps its
//! place), and a refused form is shown again in that order, so the
//! problems' `fields[i]` point at the rows shown.

use std::collections::BTreeMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use motcua_rules::eform::{EformDefinition, EformField, FieldKind, MAX_FIELDS};
use motcua_store::model::Procedure;
use serde::Deserialize;

use super::AdminPage;
use crate::error::{ApiError, ApiResult};
use crate::routes::eforms::save_eform;
use crate::state::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::format;
use crate::web::page::{FormError, Page, is_form_error, redirect_done, render, urlencode};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/procedures/{code}/eform", get(show).post(save))
        .route("/admin/procedures/{code}/eform/remove", post(remove))
}

/// Blank rows offered after the fields.
const BLANK_ROWS: usize = 3;

/// A field as the form shows it: the text of its inputs.
#[derive(Debug, Clone, Default)]
struct Row {
    key: String,
    label_vi: String,
    label_en: String,
    kind: String,
    required: bool,
    max_length: String,
    /// One option per line.
    options: String,
    order: String,
}

impl Row {
    fn is_blank(&self) -> bool {
        self.key.trim().is_empty()
            && self.label_vi.trim().is_empty()
            && self.label_en.trim().is_empty()
            && self.options.trim().is_empty()
            && self.max_length.trim().is_empty()
    }

    fn from_field(f: &EformField) -> Row {
        Row {
            key: f.key.clone(),
            label_vi: f.label_vi.clone(),
            label_en: f.label_en.clone().unwrap_or_default(),
            kind: f.kind.as_str().to_owned(),
            required: f.required,
            max_length: f.max_length.map(|n| n.to_string()).unwrap_or_default(),
            options: f.options.join("\n"),
            order: String::new(),
        }
    }
}

/// The whole form as typed.
#[derive(Debug, Clone, Default)]
struct Typed {
    title_vi: String,
    title_en: String,
    component: String,
    rows: Vec<Row>,
}

impl Typed {
    fn from_definition(d: &EformDefinition) -> Typed {
        Typed {
            title_vi: d.title_vi.clone(),
            title_en: d.title_en.clone().unwrap_or_default(),
            component: d.component.clone(),
            rows: d.fields.iter().map(Row::from_field).collect(),
        }
    }

    /// Reads the posted fields: rows by index, blank rows dropped, the rest
    /// put in the order of their order numbers (stable).
    fn from_fields(fields: &[(String, String)]) -> Typed {
        let mut t = Typed::default();
        let mut rows: BTreeMap<usize, Row> = BTreeMap::new();
        for (name, value) in fields {
            match name.as_str() {
                "title_vi" => t.title_vi = value.clone(),
                "title_en" => t.title_en = value.clone(),
                "component" => t.component = value.clone(),
                _ => {
                    let Some((i, part)) = name
                        .strip_prefix("fields[")
                        .and_then(|r| r.split_once("]."))
                        .and_then(|(i, part)| Some((i.parse::<usize>().ok()?, part)))
                    else {
                        continue;
                    };
                    if i >= MAX_FIELDS + BLANK_ROWS + 10 {
                        continue;
                    }
                    let row = rows.entry(i).or_default();
                    match part {
                        "key" => row.key = value.clone(),
                        "label_vi" => row.label_vi = value.clone(),
                        "label_en" => row.label_en = value.clone(),
                        "kind" => row.kind = value.clone(),
                        "required" => row.required = !value.is_empty(),
                        "max_length" => row.max_length = value.clone(),
                        "options" => row.options = value.clone(),
                        "order" => row.order = value.clone(),
                        _ => {}
                    }
                }
            }
        }
        let mut rows: Vec<(f64, Row)> = rows
            .into_values()
            .filter(|r| !r.is_blank())
            .enumerate()
            .map(|(i, r)| (r.order.trim().parse::<f64>().ok().filter(|n| n.is_finite()).unwrap_or(i as f64 + 1.0), r))
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        t.rows = rows.into_iter().map(|(_, r)| Row { order: String::new(), ..r }).collect();
        t
    }

    /// The definition, or the problems of the inputs that are not even
    /// of the right type (a kind not offered, a length that is no number).
    fn to_definition(&self) -> Result<EformDefinition, ApiError> {
        let mut problems = Vec::new();
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let fields = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let kind = FieldKind::parse(r.kind.trim()).unwrap_or_else(|| {
                    problems.push(ApiError::unprocessable("eform_kind_invalid", &format!("fields[{i}].kind")));
                    FieldKind::Text
                });
                let max_length = match r.max_length.trim() {
                    "" => None,
                    n => n.parse::<u32>().ok().or_else(|| {
                        problems.push(
                            ApiError::from(motcua_rules::RuleError::invalid(
                                "eform_max_length_invalid",
                                &format!("fields[{i}].max_length"),
                            ))
                            .arg("max", motcua_rules::eform::MAX_LENGTH),
                        );
                        None
                    }),
                };
                EformField {
                    key: r.key.trim().to_owned(),
                    label_vi: r.label_vi.clone(),
                    label_en: opt(&r.label_en),
                    kind,
                    required: r.required,
                    max_length,
                    options: r.options.lines().map(str::to_owned).collect(),
                }
            })
            .collect();
        let def = EformDefinition {
            title_vi: self.title_vi.clone(),
            title_en: opt(&self.title_en),
            component: self.component.clone(),
            fields,
        };
        match ApiError::many(problems) {
            Some(e) => Err(e),
            None => Ok(def),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/procedure_eform.html")]
struct EformPage {
    page: Page,
    procedure: Procedure,
    form: Typed,
    /// The rows shown: the fields and blank rows after them.
    rows: Vec<Row>,
    exists: bool,
    updated_at: Option<String>,
    error: Option<FormError>,
}

impl EformPage {
    fn kinds(&self) -> Vec<(&'static str, String)> {
        FieldKind::ALL
            .iter()
            .map(|k| (k.as_str(), self.page.t(&format!("adm-eform-kind-{}", k.as_str().replace('_', "-")))))
            .collect()
    }

    fn row_name(&self, i: &usize, part: &str) -> String {
        format!("fields[{i}].{part}")
    }

    fn row_id(&self, i: &usize, part: &str) -> String {
        format!("fields-{i}-{part}")
    }

    fn on(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.on(field))
    }

    fn msg(&self, field: &str) -> Option<String> {
        self.error.as_ref().and_then(|e| e.message_on(field))
    }

    /// A problem of the list as a whole (no field, too many).
    fn list_msg(&self) -> Option<String> {
        self.error.as_ref().and_then(|e| e.message_exactly("fields"))
    }

    fn row_on(&self, i: &usize, part: &str) -> bool {
        self.on(&self.row_name(i, part))
    }

    fn row_msg(&self, i: &usize, part: &str) -> Option<String> {
        self.msg(&self.row_name(i, part))
    }

    /// Every problem with the id of its input, for the summary's links.
    fn summary(&self) -> Vec<(String, String)> {
        let Some(e) = &self.error else { return Vec::new() };
        e.all
            .iter()
            .map(|p| {
                let f = p.field.as_deref().unwrap_or("");
                let anchor = match f {
                    "title_vi" | "title_en" | "component" => f.to_owned(),
                    f if f.starts_with("fields[") => f.replace('[', "-").replace("].", "-"),
                    _ => "eform-form".to_owned(),
                };
                (anchor, p.message.clone())
            })
            .collect()
    }
}

async fn page(state: &AppState, admin: AdminPage, code: &str, typed: Option<(Typed, ApiError)>) -> ApiResult<Response> {
    let procedure = state.store.procedure(code.to_owned()).await?.ok_or_else(crate::web::not_found)?;
    let stored = state.store.procedure_eform(code.to_owned()).await?;
    let (form, error) = match typed {
        Some((t, e)) => (t, Some(e)),
        None => match &stored {
            Some(s) => (Typed::from_definition(&s.definition), None),
            None => {
                // A new form: a title from the first component that names a
                // form, and that component.
                let component =
                    procedure.data.components.iter().find(|c| c.form.is_some()).or(procedure.data.components.first());
                let t = Typed {
                    title_vi: component.and_then(|c| c.form.clone()).unwrap_or_default(),
                    component: component.map(|c| c.name.clone()).unwrap_or_default(),
                    ..Typed::default()
                };
                (t, None)
            }
        },
    };
    let mut rows = form.rows.clone();
    let blank = if rows.len() < MAX_FIELDS { BLANK_ROWS.min(MAX_FIELDS - rows.len()) } else { 0 };
    rows.extend((0..blank).map(|_| Row { kind: "text".into(), ..Row::default() }));
    let status = error.as_ref().map(|e| e.status);
    let mut res = render(&EformPage {
        error: error.as_ref().map(|e| FormError::new(&admin.page, e)),
        page: admin.page,
        procedure,
        form,
        rows,
        exists: stored.is_some(),
        updated_at: stored.map(|s| format::datetime(s.updated_at)),
    })?;
    if let Some(s) = status {
        *res.status_mut() = s;
    }
    Ok(res)
}

async fn show(State(state): State<AppState>, admin: AdminPage, Path(code): Path<String>) -> ApiResult<Response> {
    page(&state, admin, &code, None).await
}

fn back(code: &str, notice: &str) -> Response {
    redirect_done(&format!("/admin/procedures/{}/eform", urlencode(code)), notice)
}

/// `POST /admin/procedures/{code}/eform`: the whole form, saved at once.
async fn save(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(code): Path<String>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> ApiResult<Response> {
    let typed = Typed::from_fields(&fields);
    let result = match typed.to_definition() {
        Ok(def) => save_eform(&state, &admin.scope, code.clone(), def).await.map(|_| ()),
        Err(e) => {
            // The inputs of the wrong type, and every other problem too.
            let mut all = vec![e];
            if let Ok(p) = state.store.procedure(code.clone()).await
                && let Some(p) = p
            {
                let names: Vec<String> = p.data.components.iter().map(|c| c.name.clone()).collect();
                let lenient = Typed {
                    rows: typed
                        .rows
                        .iter()
                        .map(|r| Row {
                            kind: if FieldKind::parse(r.kind.trim()).is_some() {
                                r.kind.clone()
                            } else {
                                "text".into()
                            },
                            max_length: if r.max_length.trim().parse::<u32>().is_ok() {
                                r.max_length.clone()
                            } else {
                                String::new()
                            },
                            ..r.clone()
                        })
                        .collect(),
                    ..typed.clone()
                };
                if let Ok(def) = lenient.to_definition()
                    && let Err(more) = motcua_rules::eform::check_definition(&def, &names)
                {
                    all.extend(more.into_iter().map(ApiError::from));
                }
            }
            Err(ApiError::many(all).unwrap_or_else(ApiError::internal))
        }
    };
    match result {
        Ok(()) => Ok(back(&code, "eform-saved")),
        Err(e) if is_form_error(&e) || e.status.as_u16() == 403 => page(&state, admin, &code, Some((typed, e))).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct RemoveForm {
    confirm: Option<String>,
}

/// Removing asks first; the dossiers filled with the form keep what was filled.
async fn remove(
    State(state): State<AppState>,
    admin: AdminPage,
    Path(code): Path<String>,
    CsrfForm(f): CsrfForm<RemoveForm>,
) -> ApiResult<Response> {
    let stored = state.store.procedure_eform(code.clone()).await?.ok_or_else(crate::web::not_found)?;
    if !crate::web::confirm::given(f.confirm.as_deref()) {
        let p = &admin.page;
        let here = format!("/admin/procedures/{}/eform", urlencode(&code));
        return crate::web::confirm::ConfirmPage {
            title: p.t1("adm-eform-remove-title", "name", &stored.definition.title_vi),
            effect: p.t("adm-eform-remove-effect"),
            facts: vec![
                (p.t("adm-procedure-code"), code.clone()),
                (p.t("adm-eform-title-vi"), stored.definition.title_vi.clone()),
            ],
            action: format!("{here}/remove"),
            fields: vec![],
            confirm: p.t("adm-eform-remove-do"),
            cancel: here,
            page: admin.page,
        }
        .render();
    }
    let scope = Some(admin.scope.unit().clone());
    state.store.remove_procedure_eform(scope, code.clone(), Some(admin.scope.user_id()), state.now()).await?;
    Ok(back(&code, "eform-removed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn blank_rows_are_dropped_and_rows_follow_their_order_numbers() {
        let t = Typed::from_fields(&pairs(&[
            ("title_vi", "Tờ khai"),
            ("fields[0].key", "b"),
            ("fields[0].label_vi", "B"),
            ("fields[0].kind", "text"),
            ("fields[0].order", "2"),
            ("fields[1].key", ""),
            ("fields[1].kind", "text"),
            ("fields[2].key", "a"),
            ("fields[2].label_vi", "A"),
            ("fields[2].kind", "choice"),
            ("fields[2].options", "Nam\r\nNữ"),
            ("fields[2].order", "1"),
            ("fields[2].required", "on"),
        ]));
        let keys: Vec<&str> = t.rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        let d = t.to_definition().unwrap();
        assert_eq!(d.fields[0].options, ["Nam", "Nữ"]);
        assert!(d.fields[0].required && !d.fields[1].required);
    }

    #[test]
    fn inputs_of_the_wrong_type_are_named() {
        let t = Typed::from_fields(&pairs(&[
            ("fields[0].key", "a"),
            ("fields[0].kind", "picture"),
            ("fields[0].max_length", "ten"),
        ]));
        let e = t.to_definition().unwrap_err();
        let fields: Vec<String> = e.each().map(|p| p.field.clone().unwrap_or_default()).collect();
        assert_eq!(fields, ["fields[0].kind", "fields[0].max_length"]);
    }
}
