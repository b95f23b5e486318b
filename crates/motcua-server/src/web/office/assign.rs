//! The dossier page's forms for assignment (Phân công) and return to an
//! earlier step (Trả lại bước trước), and the words of their history lines.
//!
//! Both post to `/office/dossiers/{ref}/act` like every other action form
//! (`action=assign` with `assignee_id`; `action=return_to_step` with
//! `to_step` and a required `note`); the rules are the API's.

use motcua_rules::dossier::ActionKind;
use motcua_store::model::{Dossier, DossierEvent, ProcedureVersion, User};

use crate::web::page::{FormError, Page};
use crate::web::{format, i18n};

/// An option of a select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// What came back from a refused form: the action, its error and the
/// values typed.
pub struct Typed<'a> {
    pub action: &'a str,
    pub error: &'a FormError,
    pub assignee_id: Option<&'a str>,
    pub to_step: Option<&'a str>,
    pub note: Option<&'a str>,
}

impl Typed<'_> {
    fn of(&self, kind: ActionKind) -> Option<&Self> {
        (self.action == kind.as_str() && self.error.code != "stale_version").then_some(self)
    }
}

/// The "Phân công" form.
pub struct AssignForm {
    pub title: String,
    pub help: String,
    /// Who has the step now, or "not assigned".
    pub current: String,
    pub officers: Vec<Choice>,
    pub error: Option<String>,
    pub open: bool,
}

/// The "Trả lại bước trước" form.
pub struct ReturnForm {
    pub title: String,
    pub help: String,
    pub steps: Vec<Choice>,
    pub note: String,
    pub error: Option<String>,
    /// The input the error is about (`to_step`, `note`).
    pub error_field: String,
    pub open: bool,
}

impl ReturnForm {
    pub fn invalid(&self, field: &str) -> bool {
        self.error.is_some() && self.error_field == field
    }
}

/// The assignment form when the user may assign now; `officers` are the
/// step's eligible officers (`routes::flow::eligible`), `current` the name
/// of the one assigned.
pub fn assign_form(
    page: &Page,
    d: &Dossier,
    allowed: &[ActionKind],
    officers: Vec<User>,
    current: Option<String>,
    typed: Option<&Typed<'_>>,
) -> Option<AssignForm> {
    if !allowed.contains(&ActionKind::Assign) {
        return None;
    }
    let mine = typed.and_then(|t| t.of(ActionKind::Assign));
    let chosen = mine.and_then(|t| t.assignee_id).map(str::to_owned);
    let officers = officers
        .into_iter()
        // Reassigning to the same officer changes nothing: not offered.
        .filter(|u| Some(u.id) != d.state.assigned_user_id)
        .map(|u| {
            let value = u.id.to_string();
            Choice {
                selected: chosen.as_deref() == Some(value.as_str()),
                label: format!("{} ({})", u.full_name, page.t(&format!("role-{}", u.role.as_str()))),
                value,
            }
        })
        .collect();
    Some(AssignForm {
        title: format::action(ActionKind::Assign, page.lang),
        help: page.t("office-help-assign"),
        current: current.unwrap_or_else(|| page.t("office-not-assigned")),
        officers,
        error: mine.map(|t| t.error.message.clone()),
        open: true,
    })
}

/// The return form when the user may send the dossier back now: one
/// option per earlier step, named with its unit role.
pub fn return_form(
    page: &Page,
    d: &Dossier,
    version: &ProcedureVersion,
    allowed: &[ActionKind],
    typed: Option<&Typed<'_>>,
) -> Option<ReturnForm> {
    if !allowed.contains(&ActionKind::ReturnToStep) {
        return None;
    }
    let current = d.state.step?;
    let mine = typed.and_then(|t| t.of(ActionKind::ReturnToStep));
    // The step just before is the usual choice.
    let chosen = mine.and_then(|t| t.to_step).map_or_else(|| (current - 1).to_string(), str::to_owned);
    let steps = version
        .steps
        .iter()
        .enumerate()
        .take(current as usize)
        .map(|(i, st)| {
            let value = i.to_string();
            let role = page.t(&format!("role-{}", st.role.as_str()));
            Choice {
                selected: value == chosen,
                label: t3(
                    page,
                    "office-return-step-option",
                    [("n", (i + 1).to_string()), ("name", st.name.clone()), ("role", role)],
                ),
                value,
            }
        })
        .collect();
    Some(ReturnForm {
        title: format::action(ActionKind::ReturnToStep, page.lang),
        help: page.t("office-help-return-to-step"),
        steps,
        note: mine.and_then(|t| t.note).unwrap_or_default().to_owned(),
        error: mine.map(|t| t.error.message.clone()),
        error_field: mine.and_then(|t| t.error.field.clone()).unwrap_or_default(),
        open: mine.is_some(),
    })
}

/// A message with three arguments.
fn t3(page: &Page, id: &str, args: [(&str, String); 3]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    i18n::message(page.lang, id, &args)
}

/// The line under a history entry that says who an assignment went from
/// and to, or which step a return went from and to. Names are given by
/// the caller (`from`, `to`: the officers' names).
pub fn event_detail(
    page: &Page,
    e: &DossierEvent,
    version: &ProcedureVersion,
    from: Option<String>,
    to: Option<String>,
) -> Option<String> {
    match ActionKind::parse(&e.action)? {
        ActionKind::Assign => {
            let to = to?;
            Some(match from {
                Some(from) => page.t2("office-event-reassigned", ("from", &from), ("to", &to)),
                None => page.t1("office-event-assigned", "to", &to),
            })
        }
        ActionKind::ReturnToStep => {
            let (from, to) = (e.from_step?, e.to_step?);
            let name = version.steps.get(to as usize).map(|s| s.name.clone()).unwrap_or_default();
            Some(t3(
                page,
                "office-event-returned",
                [("from", (from + 1).to_string()), ("to", (to + 1).to_string()), ("name", name)],
            ))
        }
        _ => None,
    }
}
