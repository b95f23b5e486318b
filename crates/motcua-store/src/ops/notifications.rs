//! The notification outbox (`notifications`): a row written in the
//! transaction of the action that causes it ([`enqueue_for_action`], called
//! from the one place actions are written), claimed and delivered by the
//! sender job, its outcome kept for the staff's dossier page.
//!
//! A row holds no personal data: the sender reads the dossier and the
//! person's contact details when it delivers, and keeps only the masked
//! address it used.

use chrono::NaiveDateTime;
use motcua_rules::dossier::ActionKind;
use motcua_rules::notice::{ChannelKind, DeliveryStatus, NoticeKind, after_failure, backoff};
use serde::Serialize;

use crate::db::{Conn, QueryBuilder, Row};
use crate::model::Applicant;
use crate::{Store, StoreError, params};

/// How long a claimed notice stays out of the queue: a sender that dies
/// while delivering leaves it to be tried again after this.
pub const CLAIM_MINUTES: i64 = 5;

/// Writes the notice an action causes to the applicant, if any: one INSERT,
/// queued with the action's other writes (`db::Deferred`).
pub(crate) fn enqueue_for_action(
    c: &mut dyn Conn,
    dossier_id: i64,
    event_seq: i64,
    action: &str,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let Some(kind) = ActionKind::parse(action).and_then(NoticeKind::for_action) else { return Ok(()) };
    c.execute(
        "INSERT INTO notifications (dossier_id, event_seq, kind, status, attempts, created_at, next_attempt_at) \
         VALUES ($1, $2, $3, 'pending', 0, $4, $4)",
        params![dossier_id, event_seq, kind.as_str(), now],
    )?;
    Ok(())
}

/// A notice to a member of staff about an escalation.
pub(crate) fn enqueue_for_staff(
    c: &mut dyn Conn,
    dossier_id: i64,
    kind: NoticeKind,
    user_id: i64,
    level: i64,
    visit_seq: i64,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO notifications (dossier_id, kind, recipient_user_id, escalation_level, visit_seq, status, \
         attempts, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6)",
        params![dossier_id, kind.as_str(), user_id, level, visit_seq, now],
    )?;
    Ok(())
}

/// A person's contact details and chosen channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NotifyContact {
    #[schema(value_type = String, example = "email")]
    pub channel: ChannelKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub phone: Option<String>,
}

/// A notice to deliver, with what composing it needs.
#[derive(Debug, Clone)]
pub struct DueNotice {
    pub id: i64,
    pub kind: NoticeKind,
    pub attempts: u32,
    pub dossier_id: i64,
    pub dossier_code: Option<String>,
    pub procedure_version_id: i64,
    pub receiving_unit_id: i64,
    /// The dossier's applicant as written on it.
    pub applicant: Applicant,
    /// The dossier's citizen account, when it has one.
    pub owner_user_id: Option<i64>,
    /// A member of staff, for an escalation.
    pub recipient_user_id: Option<i64>,
    /// The chosen channel and details of the person told (the account's,
    /// the staff member's), when they set them.
    pub contact: Option<NotifyContact>,
    /// The event that caused it: its time, the due date after it, the note
    /// when written for the applicant; and the due date before it.
    pub event_at: Option<NaiveDateTime>,
    pub due_after: Option<NaiveDateTime>,
    pub due_before: Option<NaiveDateTime>,
    pub note_for_applicant: Option<String>,
    /// An escalation's step: its index, its unit and its due moment.
    pub escalation: Option<(u32, i64, NaiveDateTime)>,
}

/// How a try ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent {
        channel: ChannelKind,
        address_masked: String,
        provider_id: Option<String>,
    },
    Failed {
        channel: ChannelKind,
        address_masked: String,
        code: &'static str,
        transient: bool,
    },
    /// Nothing can carry it: no channel configured, or no address.
    NotSent {
        code: &'static str,
    },
}

/// One notice of a dossier as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NotificationView {
    pub id: i64,
    #[schema(value_type = String, example = "result_ready")]
    pub kind: NoticeKind,
    /// `applicant`, or `staff` for an escalation's notice.
    pub recipient: String,
    #[schema(value_type = String, example = "sent")]
    pub status: DeliveryStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, required = false)]
    pub channel: Option<ChannelKind>,
    /// The address used, masked.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub address: Option<String>,
    pub attempts: u32,
    /// The code of the last failure (its message is in the error catalog).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub last_error: Option<String>,
    #[schema(value_type = String)]
    pub created_at: NaiveDateTime,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, required = false)]
    pub sent_at: Option<NaiveDateTime>,
    /// When it is tried again, while retrying.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, required = false)]
    pub next_attempt_at: Option<NaiveDateTime>,
}

/// How many notices are in each state (the administrator's page).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NotificationCounts {
    pub pending: i64,
    pub sent: i64,
    pub retrying: i64,
    pub failed: i64,
    pub not_sent: i64,
}

fn status_of(s: &str) -> Result<DeliveryStatus, StoreError> {
    DeliveryStatus::parse(s).ok_or_else(|| StoreError::internal(format!("unknown notification status {s}")))
}

fn kind_of(s: &str) -> Result<NoticeKind, StoreError> {
    NoticeKind::parse(s).ok_or_else(|| StoreError::internal(format!("unknown notice kind {s}")))
}

fn contact_from(r: &Row, at: usize) -> Result<Option<NotifyContact>, StoreError> {
    let Some(channel) = r.opt_str(at)? else { return Ok(None) };
    let channel = ChannelKind::parse(channel).ok_or_else(|| StoreError::internal("unknown channel"))?;
    Ok(Some(NotifyContact { channel, email: r.opt_string(at + 1)?, phone: r.opt_string(at + 2)? }))
}

const DUE_SELECT: &str = "SELECT n.id, n.kind, n.attempts, d.id, d.code, d.procedure_version_id, d.receiving_unit_id, \
     d.applicant, d.owner_user_id, n.recipient_user_id, nc.channel, nc.email, nc.phone, \
     e.at, e.due_at, pe.due_at, CASE WHEN e.note_for_applicant THEN e.note END, \
     x.step, x.unit_id, x.due_at \
     FROM notifications n JOIN dossiers d ON d.id = n.dossier_id \
     LEFT JOIN notify_contacts nc ON nc.user_id = COALESCE(n.recipient_user_id, d.owner_user_id) \
     LEFT JOIN dossier_events e ON e.dossier_id = n.dossier_id AND e.seq = n.event_seq \
     LEFT JOIN dossier_events pe ON pe.dossier_id = n.dossier_id AND pe.seq = n.event_seq - 1 \
     LEFT JOIN escalations x ON x.dossier_id = n.dossier_id AND x.visit_seq = n.visit_seq \
          AND x.level = n.escalation_level";

fn due_from_row(r: &Row) -> Result<DueNotice, StoreError> {
    let escalation = match (r.opt_i64(17)?, r.opt_i64(18)?, r.opt_time(19)?) {
        (Some(step), Some(unit), Some(due)) => Some((step as u32, unit, due)),
        _ => None,
    };
    Ok(DueNotice {
        id: r.i64(0)?,
        kind: kind_of(r.str(1)?)?,
        attempts: r.i64(2)? as u32,
        dossier_id: r.i64(3)?,
        dossier_code: r.opt_string(4)?,
        procedure_version_id: r.i64(5)?,
        receiving_unit_id: r.i64(6)?,
        applicant: r.json(7)?,
        owner_user_id: r.opt_i64(8)?,
        recipient_user_id: r.opt_i64(9)?,
        contact: contact_from(r, 10)?,
        event_at: r.opt_time(13)?,
        due_after: r.opt_time(14)?,
        due_before: r.opt_time(15)?,
        note_for_applicant: r.opt_string(16)?,
        escalation,
    })
}

fn view_from_row(r: &Row) -> Result<NotificationView, StoreError> {
    let status = status_of(r.str(3)?)?;
    Ok(NotificationView {
        id: r.i64(0)?,
        kind: kind_of(r.str(1)?)?,
        recipient: if r.opt_i64(2)?.is_some() { "staff".into() } else { "applicant".into() },
        status,
        channel: r.opt_str(4)?.and_then(ChannelKind::parse),
        address: r.opt_string(5)?,
        attempts: r.i64(6)? as u32,
        last_error: r.opt_string(7)?,
        created_at: r.time(8)?,
        sent_at: r.opt_time(9)?,
        next_attempt_at: (status == DeliveryStatus::Retrying).then(|| r.opt_time(10)).transpose()?.flatten(),
    })
}

impl Store {
    /// Claims up to `limit` notices due at `now` (oldest first) and returns
    /// them with what composing them needs. A claimed notice leaves the
    /// queue for [`CLAIM_MINUTES`]; a second sender claiming at the same
    /// time gets the others (the claim is an `UPDATE` guarded by the due
    /// time it read).
    pub async fn claim_notifications(&self, now: NaiveDateTime, limit: usize) -> Result<Vec<DueNotice>, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                // One statement claims the page: on PostgreSQL a row another
                // process claimed meanwhile fails the re-checked condition.
                let until = now + chrono::Duration::minutes(CLAIM_MINUTES);
                let ids = c
                    .query(
                        "UPDATE notifications SET next_attempt_at = $1 WHERE id IN (SELECT id FROM notifications \
                         WHERE status IN ('pending', 'retrying') AND next_attempt_at <= $2 \
                         ORDER BY next_attempt_at, id LIMIT $3) \
                         AND status IN ('pending', 'retrying') AND next_attempt_at <= $2 RETURNING id",
                        params![until, now, limit as i64],
                    )?
                    .iter()
                    .map(|r| r.i64(0))
                    .collect::<Result<Vec<_>, _>>()?;
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut q = QueryBuilder::new(format!("{DUE_SELECT} WHERE n.id IN ("), Vec::new());
                q.push_list(ids).push(") ORDER BY n.id", []);
                let due = c.query(&q.sql, &q.args)?.iter().map(due_from_row).collect::<Result<Vec<_>, _>>()?;
                Ok(due)
            })
        })
        .await
    }

    /// With no channel configured, every notice due at `now` is kept, marked
    /// not sent with `code`, in one statement (not a claim and a write per
    /// notice). Returns how many.
    pub async fn keep_unsent_notifications(&self, now: NaiveDateTime, code: &'static str) -> Result<u64, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                Ok(c.execute(
                    "UPDATE notifications SET status = 'not_sent', last_error = $1 \
                     WHERE status IN ('pending', 'retrying') AND next_attempt_at <= $2",
                    params![code, now],
                )?)
            })
        })
        .await
    }

    /// Records how the try of a claimed notice ended (its tries so far, as
    /// claimed, plus this one: the claim keeps other senders off it).
    pub async fn record_notification(
        &self,
        notice: &DueNotice,
        outcome: Outcome,
        now: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let (id, attempts) = (notice.id, notice.attempts + 1);
        self.blocking(move |s| {
            s.write(|c| {
                match outcome {
                    Outcome::Sent { channel, address_masked, provider_id } => c.execute(
                        "UPDATE notifications SET status = 'sent', channel = $1, address_masked = $2, \
                         provider_id = $3, attempts = $4, sent_at = $5, last_error = NULL WHERE id = $6",
                        params![channel.as_str(), address_masked, provider_id, attempts, now, id],
                    )?,
                    Outcome::Failed { channel, address_masked, code, transient } => {
                        let status = after_failure(attempts, transient);
                        c.execute(
                            "UPDATE notifications SET status = $1, channel = $2, address_masked = $3, attempts = $4, \
                             last_error = $5, next_attempt_at = $6 WHERE id = $7",
                            params![
                                status.as_str(),
                                channel.as_str(),
                                address_masked,
                                attempts,
                                code,
                                now + backoff(attempts),
                                id
                            ],
                        )?
                    }
                    Outcome::NotSent { code } => c.execute(
                        "UPDATE notifications SET status = 'not_sent', last_error = $1 WHERE id = $2",
                        params![code, id],
                    )?,
                };
                Ok(())
            })
        })
        .await
    }

    /// The notices of a dossier, oldest first.
    pub async fn dossier_notifications(&self, dossier_id: i64) -> Result<Vec<NotificationView>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query(
                    "SELECT id, kind, recipient_user_id, status, channel, address_masked, attempts, last_error, \
                     created_at, sent_at, next_attempt_at FROM notifications WHERE dossier_id = $1 ORDER BY id",
                    params![dossier_id],
                )?
                .iter()
                .map(view_from_row)
                .collect()
            })
        })
        .await
    }

    /// How many notices are in each state.
    pub async fn notification_counts(&self) -> Result<NotificationCounts, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let mut counts = NotificationCounts::default();
                for r in c.query("SELECT status, COUNT(*) FROM notifications GROUP BY status", &[])? {
                    let n = r.i64(1)?;
                    match status_of(r.str(0)?)? {
                        DeliveryStatus::Pending => counts.pending = n,
                        DeliveryStatus::Sent => counts.sent = n,
                        DeliveryStatus::Retrying => counts.retrying = n,
                        DeliveryStatus::Failed => counts.failed = n,
                        DeliveryStatus::NotSent => counts.not_sent = n,
                    }
                }
                Ok(counts)
            })
        })
        .await
    }

    /// A user's chosen channel and contact details, if set.
    pub async fn notify_contact(&self, user_id: i64) -> Result<Option<NotifyContact>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                match c.query_opt(
                    "SELECT channel, email, phone FROM notify_contacts WHERE user_id = $1",
                    params![user_id],
                )? {
                    Some(r) => contact_from(&r, 0),
                    None => Ok(None),
                }
            })
        })
        .await
    }

    /// Sets a user's channel and contact details (checked by the caller).
    pub async fn set_notify_contact(
        &self,
        user_id: i64,
        contact: NotifyContact,
        now: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                c.execute(
                    "INSERT INTO notify_contacts (user_id, channel, email, phone, updated_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (user_id) DO UPDATE SET channel = excluded.channel, email = excluded.email, \
                     phone = excluded.phone, updated_at = excluded.updated_at",
                    params![user_id, contact.channel.as_str(), contact.email, contact.phone, now],
                )?;
                Ok(())
            })
        })
        .await
    }
}
