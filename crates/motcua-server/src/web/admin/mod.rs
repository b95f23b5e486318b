//! Pages: the administrator's (quản trị): the unit tree, staff accounts, the
//! procedure catalog with its workflows, the working-day calendar, and the
//! record of staff views of personal data.
//!
//! Only administrators use them: anyone else gets the 403 page, anonymous
//! visitors go to the login page first. Every write goes through the same
//! function as the JSON API (`crate::routes::{units, procedures, calendar}`),
//! so a rule is checked in one place.

mod calendar;
mod data_views;
mod exchange;
mod exchange_agencies;
mod fee_rows;
mod notifications;
mod portal;
mod procedure_eform;
mod procedure_files;
mod procedure_form;
mod procedures;
mod reconciliation;
mod synonyms;
mod units;
mod user_reset;
mod users;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use motcua_rules::scope::UnitRef;
use motcua_store::model::Unit;

use super::page::{Authed, Page};
use crate::admin_scope::AdminScope;
use crate::auth::CurrentUser;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(home))
        .merge(units::routes())
        .merge(users::routes())
        .merge(procedures::routes())
        .merge(procedure_files::routes())
        .merge(procedure_eform::routes())
        .merge(calendar::routes())
        .merge(data_views::routes())
        .merge(portal::routes())
        .merge(exchange::routes())
        .merge(exchange_agencies::routes())
        .merge(synonyms::routes())
        .merge(notifications::routes())
        .merge(reconciliation::routes())
}

async fn home(_: AdminPage) -> Redirect {
    Redirect::to("/admin/units")
}

/// A page only an administrator may open: the page context, the user, and
/// the subtree they administer (every write on these pages takes `scope`).
pub struct AdminPage {
    pub page: Page,
    pub me: CurrentUser,
    pub scope: AdminScope,
}

impl FromRequestParts<AppState> for AdminPage {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Authed { page, me } = Authed::from_request_parts(parts, state).await?;
        let scope = AdminScope::of(&me).map_err(IntoResponse::into_response)?;
        Ok(AdminPage { page, me, scope })
    }
}

/// A unit in the tree as the pages list it: parents before their children.
#[derive(Debug, Clone)]
pub struct TreeUnit {
    pub unit: Unit,
    /// 0 for a province.
    pub depth: usize,
    /// Whether the administrator may add units or staff under it.
    pub in_scope: bool,
}

impl TreeUnit {
    /// The name with a dash per level, for `<option>`s (which cannot be
    /// styled).
    pub fn indented_name(&self) -> String {
        format!("{}{} ({})", "— ".repeat(self.depth), self.unit.name, self.unit.code)
    }

    /// The CSS class that indents the row (`depth-0` … `depth-4`).
    pub fn depth_class(&self) -> String {
        format!("depth-{}", self.depth.min(4))
    }
}

/// Gives a page struct with an `error: Option<FormError>` the helpers its
/// template uses to mark a field: `error_on("code")`, `error_msg("code")`
/// (the message to show beside it) and `error_anchor()` (the input's id).
macro_rules! form_errors {
    ($ty:ident) => {
        impl $ty {
            #[allow(dead_code)]
            fn error_on(&self, field: &str) -> bool {
                self.error.as_ref().is_some_and(|e| e.on(field))
            }

            /// Every message about `field`, to show beside it.
            #[allow(dead_code)]
            fn error_msg(&self, field: &str) -> Option<String> {
                self.error.as_ref()?.message_on(field)
            }

            /// Every problem of the refusal, with the id of its input (or
            /// `None`), for the summary above the form.
            #[allow(dead_code)]
            fn error_list(&self) -> Vec<(Option<String>, String)> {
                let Some(e) = self.error.as_ref() else { return Vec::new() };
                e.all
                    .iter()
                    .map(|p| (p.field.as_deref().map($crate::web::admin::anchor_of), p.message.clone()))
                    .collect()
            }

            /// The id of the input the refusal is about, for the link in
            /// the error summary (`workflow[1].unit_code` → `workflow-1-unit_code`).
            #[allow(dead_code)]
            fn error_anchor(&self) -> Option<String> {
                self.error.as_ref()?.field.as_deref().map($crate::web::admin::anchor_of)
            }
        }
    };
}

/// The id of the input of a field (`workflow[1].unit_code` → `workflow-1-unit_code`).
pub(crate) fn anchor_of(field: &str) -> String {
    field.replace("].", "-").replace('[', "-").replace(']', "").replace('.', "-")
}
pub(crate) use form_errors;

/// Departments before the old districts before communes, under a parent.
fn level_rank(level: &str) -> u8 {
    match level {
        "province" => 0,
        "centre" | "department" => 1,
        "division" => 2,
        "district" => 3,
        "commune" => 4,
        _ => 5,
    }
}

/// Orders `units` as a tree (depth first: siblings by level, then code) and
/// marks those inside `scope`.
pub fn unit_tree(units: Vec<Unit>, scope: Option<&UnitRef>) -> Vec<TreeUnit> {
    let ids: std::collections::HashSet<i64> = units.iter().map(|u| u.id).collect();
    let mut children: std::collections::HashMap<Option<i64>, Vec<Unit>> = std::collections::HashMap::new();
    for u in units {
        // A unit whose parent is missing is shown as a root rather than lost.
        let parent = u.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(u);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| (level_rank(&a.level), &a.code).cmp(&(level_rank(&b.level), &b.code)));
    }
    let mut out = Vec::new();
    let mut stack: Vec<(Unit, usize)> =
        children.remove(&None).unwrap_or_default().into_iter().rev().map(|u| (u, 0)).collect();
    while let Some((unit, depth)) = stack.pop() {
        if let Some(kids) = children.remove(&Some(unit.id)) {
            stack.extend(kids.into_iter().rev().map(|u| (u, depth + 1)));
        }
        let in_scope = scope.is_some_and(|s| s.contains(&unit.as_ref()));
        out.push(TreeUnit { unit, depth, in_scope });
    }
    out
}

/// The name of a unit level (`province`, `commune` …) in the page's
/// language; a level the catalog does not know shows as stored.
pub fn level_name(page: &Page, level: &str) -> String {
    let id = format!("adm-level-{level}");
    if super::i18n::has(page.lang, &id) { page.t(&id) } else { level.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, parent: Option<i64>, code: &str, path: &str) -> Unit {
        Unit {
            id,
            parent_id: parent,
            code: code.into(),
            name: code.into(),
            level: "commune".into(),
            path: path.into(),
            province_id: 1,
            phone: None,
            counter_hours: None,
        }
    }

    #[test]
    fn the_tree_lists_parents_before_children_and_siblings_by_code() {
        let units = vec![
            unit(1, None, "H11", "/1/"),
            unit(10, Some(1), "H11.200", "/1/10/"),
            unit(2, Some(1), "H11.100", "/1/2/"),
            unit(3, Some(2), "H11.100.01", "/1/2/3/"),
        ];
        let scope = UnitRef { id: 2, path: "/1/2/".into() };
        let tree = unit_tree(units, Some(&scope));
        let order: Vec<(&str, usize, bool)> =
            tree.iter().map(|t| (t.unit.code.as_str(), t.depth, t.in_scope)).collect();
        assert_eq!(
            order,
            vec![("H11", 0, false), ("H11.100", 1, true), ("H11.100.01", 2, true), ("H11.200", 1, false)]
        );
        assert_eq!(tree[2].indented_name(), "— — H11.100.01 (H11.100.01)");
    }
}
