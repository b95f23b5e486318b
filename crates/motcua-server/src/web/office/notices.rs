//! The dossier page's notices: what the applicant and staff were told about
//! the dossier, through which channel (the address masked), and whether it
//! went out ("Đang gửi lại" with the next try while a mail server is down).

use motcua_rules::notice::DeliveryStatus;
use motcua_store::NotificationView;

use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::format;
use crate::web::i18n::Lang;
use crate::web::page::Page;

/// One row of the table.
pub(super) struct NoticeLine {
    pub kind: String,
    pub to: String,
    /// `Thư điện tử · n***@example.vn`, or a dash.
    pub channel: String,
    pub status: String,
    pub status_class: &'static str,
    /// The last failure's message, and when it is tried again or when it went.
    pub detail: String,
    pub created: String,
    pub attempts: u32,
}

fn line(page: &Page, n: NotificationView) -> NoticeLine {
    let channel = match (n.channel, &n.address) {
        (Some(c), Some(a)) => format!("{} · {a}", page.t(&format!("ntf-channel-{}", c.as_str()))),
        (Some(c), None) => page.t(&format!("ntf-channel-{}", c.as_str())),
        _ => "—".to_owned(),
    };
    let status_class = match n.status {
        DeliveryStatus::Sent => "badge-done",
        DeliveryStatus::Pending => "badge-progress",
        DeliveryStatus::Retrying => "badge-wait",
        DeliveryStatus::Failed => "badge-late",
        DeliveryStatus::NotSent => "badge-closed",
    };
    let mut detail = Vec::new();
    if let Some(code) = &n.last_error {
        let (vi, en) = motcua_rules::messages::error_message(code, &[]);
        detail.push(if page.lang == Lang::En { en } else { vi });
    }
    if let Some(at) = n.next_attempt_at {
        detail.push(page.t1("ntf-next-try", "at", &format::datetime(at)));
    }
    if let Some(at) = n.sent_at {
        detail.push(page.t1("ntf-sent-at", "at", &format::datetime(at)));
    }
    NoticeLine {
        kind: page.t(&format!("ntf-kind-{}", n.kind.as_str())),
        to: page.t(&format!("ntf-recipient-{}", n.recipient)),
        channel,
        status: page.t(&format!("ntf-status-{}", n.status.as_str())),
        status_class,
        detail: detail.join(" · "),
        created: format::datetime(n.created_at),
        attempts: n.attempts,
    }
}

/// The notices of a dossier, oldest first, in the page's language.
pub(super) async fn lines(state: &AppState, page: &Page, dossier_id: i64) -> ApiResult<Vec<NoticeLine>> {
    Ok(state.store.dossier_notifications(dossier_id).await?.into_iter().map(|n| line(page, n)).collect())
}
