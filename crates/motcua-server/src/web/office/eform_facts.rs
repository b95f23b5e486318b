//! The e-form (tờ khai điện tử) a citizen filled online, as the dossier
//! page shows it: the labels as defined then, the values as text.

use super::dossier::Fact;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::page::Page;

/// What the citizen filled in.
pub(super) struct EformFacts {
    pub(super) title: String,
    pub(super) component: String,
    pub(super) fields: Vec<Fact>,
}

/// What the citizen filled in, in the page's language (labels as defined
/// then; a yes/no as a word; an empty optional value as a dash).
pub(super) async fn eform_facts(state: &AppState, p: &Page, dossier_id: i64) -> ApiResult<Option<EformFacts>> {
    let Some(e) = state.store.dossier_eform(dossier_id).await? else { return Ok(None) };
    let en = p.lang == crate::web::i18n::Lang::En;
    let fields = e
        .fields
        .iter()
        .map(|f| {
            let value = match (f.kind, f.value.as_str()) {
                (motcua_rules::eform::FieldKind::YesNo, "yes") => p.t("yes"),
                (motcua_rules::eform::FieldKind::YesNo, _) => p.t("no"),
                (_, "") => "—".to_owned(),
                (_, v) => v.to_owned(),
            };
            let label = match (&f.label_en, en) {
                (Some(l), true) => l.clone(),
                _ => f.label_vi.clone(),
            };
            Fact { label, value, mono: false }
        })
        .collect();
    let title = match (&e.title_en, en) {
        (Some(t), true) => t.clone(),
        _ => e.title_vi.clone(),
    };
    Ok(Some(EformFacts { title, component: e.component, fields }))
}
