//! The dossier page's line on the sync to the national public service
//! portal (docs/portal-sync.md): synced, waiting, refused (with the
//! portal's field), or not sent at all.

use super::dossier::Fact;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::format;
use crate::web::page::Page;

pub(super) async fn fact(state: &AppState, p: &Page, dossier_id: i64) -> ApiResult<Fact> {
    let s = state.store.portal_dossier(dossier_id).await?;
    let total = s.sent + s.pending + s.failed + s.skipped;
    let value = if total == 0 {
        "—".to_owned()
    } else if s.failed > 0 {
        let field = s.last_error.as_ref().and_then(|(_, f, _)| f.clone()).unwrap_or_else(|| "—".to_owned());
        p.t1("office-portal-refused", "field", &field)
    } else if s.pending > 0 && state.config.portal.is_none() {
        p.t1("office-portal-not-configured", "n", &s.pending)
    } else if s.pending > 0 {
        p.t2("office-portal-pending", ("sent", &s.sent), ("total", &(total - s.skipped)))
    } else if s.sent > 0 {
        let last = s.last_sent_at.map(format::datetime).unwrap_or_default();
        p.t2("office-portal-synced", ("n", &s.sent), ("at", &last))
    } else {
        p.t("office-portal-no-code")
    };
    Ok(Fact { label: p.t("office-portal"), value, mono: false })
}
