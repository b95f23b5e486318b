//! The submission form's offer to reuse a kept document (số hóa, tái sử
//! dụng) for a component, instead of a new upload: the citizen's own kept
//! documents (`crate::digitised::mine`), one choice per component.

use std::collections::BTreeMap;

use crate::auth::CurrentUser;
use crate::digitised::ReuseInput;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::page::Page;

/// A kept document as a choice of the form.
#[derive(Clone)]
pub struct KeptOption {
    pub id: i64,
    /// What it is, where it came from and who signed it.
    pub label: String,
}

/// The citizen's kept documents as the form offers them.
pub async fn options(state: &AppState, me: &CurrentUser, page: &Page) -> ApiResult<Vec<KeptOption>> {
    let kept = crate::digitised::mine(state, me).await?;
    Ok(kept
        .into_iter()
        .map(|k| {
            let what =
                page.t(if k.kind.as_str() == "result" { "pub-reuse-kind-result" } else { "pub-reuse-kind-digitised" });
            let from = k.dossier_code.unwrap_or_default();
            KeptOption { id: k.id, label: format!("{} · {what} · {from} · {}", k.name, k.unit_name) }
        })
        .collect())
}

/// The form part `reuse_{index}` with the id of a kept document: the
/// choice for the component at `index`; an empty or unreadable value is no
/// choice.
pub fn read(name: &str, value: &str, components: usize, into: &mut BTreeMap<usize, i64>) -> bool {
    let Some(index) = name.strip_prefix("reuse_").and_then(|i| i.parse::<usize>().ok()) else { return false };
    if index < components
        && let Ok(id) = value.trim().parse::<i64>()
    {
        into.insert(index, id);
    }
    true
}

/// The choices as the API takes them, by component name.
pub fn inputs(chosen: &BTreeMap<usize, i64>, component_names: &[String]) -> Vec<ReuseInput> {
    chosen
        .iter()
        .filter_map(|(i, id)| {
            component_names.get(*i).map(|name| ReuseInput { component: name.clone(), kept_document_id: *id })
        })
        .collect()
}
