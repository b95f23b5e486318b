//! The sender job: one round claims the notices due, composes each for the
//! channel its reader chose (or the first configured one they have an
//! address for), delivers it and records the outcome. A failure that may
//! pass (a mail server down) is tried again with a growing wait
//! (`motcua_rules::notice::backoff`); one that will not (a refused address)
//! is final. With no channel configured, notices are kept, marked not sent.
//!
//! Log lines name the notice, its kind, the channel and the outcome's
//! code: never an address, a name or a text.

use motcua_notify::{Channels, compose};
use motcua_rules::notice::DeliveryStatus;
use motcua_store::{DueNotice, Outcome};

use crate::error::ApiResult;
use crate::state::AppState;

/// The most notices one round delivers; the next round takes the rest.
pub const BATCH: usize = 50;

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    pub failed: usize,
    pub not_sent: usize,
}

/// Who reads it: their chosen channel, e-mail and phone.
fn reader(n: &DueNotice) -> (Option<motcua_rules::notice::ChannelKind>, Option<String>, Option<String>) {
    match (&n.contact, n.recipient_user_id) {
        (Some(c), _) => (Some(c.channel), c.email.clone(), c.phone.clone()),
        // A member of staff who set no contact has none.
        (None, Some(_)) => (None, None, None),
        // An applicant with no account settings: the dossier's details.
        (None, None) => (None, n.applicant.email.clone(), n.applicant.phone.clone()),
    }
}

async fn deliver(state: &AppState, channels: &Channels, n: &DueNotice) -> ApiResult<Outcome> {
    let (preferred, email, phone) = reader(n);
    let Some((kind, to)) = motcua_notify::choose(channels, preferred, email.as_deref(), phone.as_deref()) else {
        return Ok(Outcome::NotSent { code: "notify_no_address" });
    };
    let address_masked = to.masked();
    let vars = super::vars::of(state, n).await?;
    let message = match compose(n.kind, kind, to, vars, format!("motcua-{}", n.id)) {
        Ok(m) => m,
        Err(e) => return Ok(Outcome::Failed { channel: kind, address_masked, code: e.code, transient: false }),
    };
    let channel = channels.get(kind).expect("chosen among the configured");
    Ok(match channel.send(&message).await {
        Ok(receipt) => Outcome::Sent { channel: kind, address_masked, provider_id: receipt.provider_id },
        Err(e) => Outcome::Failed { channel: kind, address_masked, code: e.code, transient: e.transient },
    })
}

/// One round of the sender.
pub async fn send_round(state: &AppState) -> ApiResult<SendReport> {
    let channels = state.channels();
    let mut report = SendReport::default();
    // No channel (the default): everything due is kept, marked not sent, at once.
    if channels.is_empty() {
        let kept = state.store.keep_unsent_notifications(state.now(), "notify_channel_not_configured").await?;
        report.not_sent = usize::try_from(kept).unwrap_or(usize::MAX);
        return Ok(report);
    }
    let due = state.store.claim_notifications(state.now(), BATCH).await?;
    for n in due {
        let outcome = deliver(state, &channels, &n).await?;
        let (status, code, channel) = match &outcome {
            Outcome::Sent { channel, .. } => (DeliveryStatus::Sent, "", channel.as_str()),
            Outcome::Failed { channel, code, transient, .. } => {
                (motcua_rules::notice::after_failure(n.attempts + 1, *transient), *code, channel.as_str())
            }
            Outcome::NotSent { code } => (DeliveryStatus::NotSent, *code, ""),
        };
        match status {
            DeliveryStatus::Sent => report.sent += 1,
            DeliveryStatus::NotSent => report.not_sent += 1,
            _ => report.failed += 1,
        }
        tracing::info!(
            notification.id = n.id,
            notification.kind = n.kind.as_str(),
            notification.channel = channel,
            notification.status = status.as_str(),
            error.code = code,
            "notification"
        );
        state.store.record_notification(&n, outcome, state.now()).await?;
    }
    Ok(report)
}
