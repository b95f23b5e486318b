//! Handling a feedback to its deadline (docs/feedback.md): forwarding it to
//! the unit that owns the matter, refusing or answering it, marking it as a
//! repeat, publishing the answer; the sender's tracking page and rating;
//! the history of all of it. Each is one transaction, and the rules
//! (`motcua_rules::feedback`) decide what may happen.
//!
//! The conditions on `status` in the updates make two officers acting on
//! one feedback at once safe: the second changes nothing and is told so.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDateTime;
use motcua_rules::RuleError;
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::feedback::{self, Deadlines, Handling, Satisfaction, Stage, Topic};

use super::feedback::{COLUMNS, FROM, feedback_from_row, feedback_not_found, in_scope};
use crate::db::{Conn, QueryBuilder, Row};
use crate::model::{Feedback, FeedbackEvent};
use crate::{Store, StoreError, params};

/// The officer handling a feedback: who, in which unit, and the subtree
/// and province they act in.
#[derive(Debug, Clone)]
pub struct FeedbackHandler {
    pub user_id: i64,
    pub unit_id: i64,
    /// The unit subtree whose feedback they see (`/1/4/`).
    pub scope: String,
    pub province_id: i64,
}

/// How a feedback is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    Answer,
    Refuse,
}

fn stage_of(f: &Feedback) -> Stage {
    Stage::parse(&f.status).unwrap_or(Stage::Received)
}

fn topic_of(f: &Feedback) -> Option<Topic> {
    f.topic.as_deref().and_then(|t| Topic::parse(t, "topic").ok())
}

fn rule(e: RuleError) -> StoreError {
    StoreError::Rule(e)
}

/// Writes one history line.
fn history(
    c: &mut dyn Conn,
    id: i64,
    at: NaiveDateTime,
    user_id: Option<i64>,
    action: &str,
    units: (Option<i64>, Option<i64>),
    note: Option<&str>,
) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO feedback_history (feedback_id, at, user_id, action, from_unit_id, to_unit_id, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        params![id, at, user_id, action, units.0, units.1, note],
    )?;
    Ok(())
}

/// The feedback in the handler's scope, still being handled; checked by
/// the rules for `action`.
fn open_in_scope(c: &mut dyn Conn, id: i64, by: &FeedbackHandler, action: &Handling) -> Result<Feedback, StoreError> {
    let f = in_scope(c, id, &by.scope)?.ok_or_else(feedback_not_found)?;
    feedback::check_handling(action, stage_of(&f), topic_of(&f)).map_err(rule)?;
    Ok(f)
}

/// Updates a feedback only while it is still being handled: 0 rows means
/// another officer closed it first.
fn update_open(c: &mut dyn Conn, sql: &str, params: &[crate::db::Value]) -> Result<(), StoreError> {
    if c.execute(sql, params)? == 0 {
        return Err(rule(RuleError::conflict("feedback_already_handled")));
    }
    Ok(())
}

fn event_from_row(r: &Row) -> Result<FeedbackEvent, StoreError> {
    Ok(FeedbackEvent {
        at: r.time(0)?,
        user_name: r.opt_string(1)?,
        action: r.string(2)?,
        from_unit: r.opt_string(3)?,
        to_unit: r.opt_string(4)?,
        note: r.opt_string(5)?,
    })
}

const HISTORY: &str = "SELECT h.at, us.full_name, h.action, fu.name, tu.name, h.note, h.feedback_id \
    FROM feedback_history h LEFT JOIN users us ON us.id = h.user_id \
    LEFT JOIN units fu ON fu.id = h.from_unit_id LEFT JOIN units tu ON tu.id = h.to_unit_id";

fn history_of(c: &mut dyn Conn, id: i64) -> Result<Vec<FeedbackEvent>, StoreError> {
    c.query(&format!("{HISTORY} WHERE h.feedback_id = $1 ORDER BY h.id"), params![id])?
        .iter()
        .map(event_from_row)
        .collect()
}

fn get(c: &mut dyn Conn, id: i64) -> Result<Feedback, StoreError> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE f.id = $1");
    feedback_from_row(&c.query_one(&sql, params![id])?)
}

impl Store {
    /// The histories of the feedback `ids` in one read, by feedback; the
    /// caller has already read those feedback within its scope.
    pub async fn feedback_histories(&self, ids: Vec<i64>) -> Result<HashMap<i64, Vec<FeedbackEvent>>, StoreError> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        self.blocking(move |s| {
            s.read(|c| {
                let mut q = QueryBuilder::new(format!("{HISTORY} WHERE h.feedback_id IN ("), Vec::new());
                q.push_list(ids).push(") ORDER BY h.id", []);
                let mut out: HashMap<i64, Vec<FeedbackEvent>> = HashMap::new();
                for r in c.query(&q.sql, &q.args)? {
                    out.entry(r.i64(6)?).or_default().push(event_from_row(&r)?);
                }
                Ok(out)
            })
        })
        .await
    }

    /// One feedback visible in `scope`, with its history; `None` outside it.
    pub async fn feedback_in_scope(
        &self,
        id: i64,
        scope: &str,
    ) -> Result<Option<(Feedback, Vec<FeedbackEvent>)>, StoreError> {
        let scope = scope.to_owned();
        self.blocking(move |s| {
            s.read(|c| match in_scope(c, id, &scope)? {
                Some(f) => Ok(Some((f, history_of(c, id)?))),
                None => Ok(None),
            })
        })
        .await
    }

    /// Sends a feedback to the unit that owns the matter, in the handler's
    /// province. Fails with `unknown_unit` (field `to_unit`) for a unit that
    /// does not exist or is in another province, and `feedback_same_unit`
    /// when it is already there.
    pub async fn forward_feedback(
        &self,
        id: i64,
        by: FeedbackHandler,
        to_unit_id: i64,
        note: Option<String>,
        now: NaiveDateTime,
    ) -> Result<Feedback, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let f = open_in_scope(c, id, &by, &Handling::Forward)?;
                let target = c.query_opt("SELECT province_id FROM units WHERE id = $1", params![to_unit_id])?;
                if target.map(|r| r.i64(0)).transpose()? != Some(by.province_id) {
                    return Err(rule(
                        RuleError::invalid("unknown_unit", "to_unit").arg("case", "id").arg("id", to_unit_id),
                    ));
                }
                if f.unit_id == Some(to_unit_id) {
                    return Err(rule(RuleError::invalid("feedback_same_unit", "to_unit")));
                }
                update_open(
                    c,
                    "UPDATE feedback SET unit_id = $1 WHERE id = $2 AND status = $3",
                    params![to_unit_id, id, Feedback::RECEIVED],
                )?;
                history(c, id, now, Some(by.user_id), "forwarded", (f.unit_id, Some(to_unit_id)), note.as_deref())?;
                get(c, id)
            })
        })
        .await
    }

    /// Answers or refuses a feedback, with its topic (required to close it,
    /// for 766 indicator 5.1) and the answer or the reason. A feedback
    /// addressed to no unit becomes the handler's unit's.
    pub async fn close_feedback(
        &self,
        id: i64,
        by: FeedbackHandler,
        how: Closing,
        topic: Option<Topic>,
        text: String,
        now: NaiveDateTime,
    ) -> Result<Feedback, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let action = match how {
                    Closing::Answer => Handling::Answer,
                    Closing::Refuse => Handling::Refuse,
                };
                let f = in_scope(c, id, &by.scope)?.ok_or_else(feedback_not_found)?;
                let topic = topic.or_else(|| topic_of(&f));
                feedback::check_handling(&action, stage_of(&f), topic).map_err(rule)?;
                let (status, verb) = match how {
                    Closing::Answer => (Feedback::ANSWERED, "answered"),
                    Closing::Refuse => (Feedback::REFUSED, "refused"),
                };
                let topic = topic.map(Topic::as_str);
                update_open(
                    c,
                    "UPDATE feedback SET status = $1, answer = $2, answered_at = $3, topic = $4, \
                     unit_id = COALESCE(unit_id, $5) WHERE id = $6 AND status = $7",
                    params![status, text.as_str(), now, topic, by.unit_id, id, Feedback::RECEIVED],
                )?;
                history(c, id, now, Some(by.user_id), verb, (None, None), None)?;
                get(c, id)
            })
        })
        .await
    }

    /// Marks a feedback as repeating the earlier feedback `of` (same matter
    /// sent again), which then counts as not satisfactorily handled (5.3).
    /// `of` must be an earlier feedback (`feedback_repeat_invalid`, field
    /// `repeat_of`).
    pub async fn mark_feedback_repeat(
        &self,
        id: i64,
        by: FeedbackHandler,
        of: i64,
        now: NaiveDateTime,
    ) -> Result<Feedback, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                open_in_scope(c, id, &by, &Handling::MarkRepeat)?;
                let earlier = c.query_opt("SELECT id FROM feedback WHERE id = $1 AND id < $2", params![of, id])?;
                if earlier.is_none() {
                    return Err(rule(RuleError::invalid("feedback_repeat_invalid", "repeat_of")));
                }
                update_open(
                    c,
                    "UPDATE feedback SET repeat_of = $1 WHERE id = $2 AND status = $3",
                    params![of, id, Feedback::RECEIVED],
                )?;
                c.execute("UPDATE feedback SET repeated = $1 WHERE id = $2", params![true, of])?;
                let note = format!("#{of}");
                history(c, id, now, Some(by.user_id), "repeat", (None, None), Some(&note))?;
                get(c, id)
            })
        })
        .await
    }

    /// Publishes an answer whose sender agreed.
    pub async fn publish_feedback(
        &self,
        id: i64,
        by: FeedbackHandler,
        now: NaiveDateTime,
    ) -> Result<Feedback, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let f = in_scope(c, id, &by.scope)?.ok_or_else(feedback_not_found)?;
                feedback::check_publish(stage_of(&f), f.publish_consent, f.published_at.is_some()).map_err(rule)?;
                let changed = c.execute(
                    "UPDATE feedback SET published_at = $1 WHERE id = $2 AND published_at IS NULL",
                    params![now, id],
                )?;
                if changed == 0 {
                    return Err(rule(RuleError::conflict("feedback_already_published")));
                }
                history(c, id, now, Some(by.user_id), "published", (None, None), None)?;
                get(c, id)
            })
        })
        .await
    }

    /// The sender's view of their feedback, by its number and the SHA-256
    /// of their tracking key; `None` when either is wrong.
    pub async fn feedback_for_sender(
        &self,
        id: i64,
        key_hash: String,
    ) -> Result<Option<(Feedback, Vec<FeedbackEvent>)>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!("SELECT {COLUMNS} {FROM} WHERE f.id = $1 AND f.track_key_hash = $2");
                match c.query_opt(&sql, params![id, key_hash.as_str()])? {
                    Some(r) => Ok(Some((feedback_from_row(&r)?, history_of(c, id)?))),
                    None => Ok(None),
                }
            })
        })
        .await
    }

    /// The sender rates the handling, once it is answered or refused.
    pub async fn rate_feedback(
        &self,
        id: i64,
        key_hash: String,
        rating: Satisfaction,
        now: NaiveDateTime,
    ) -> Result<Feedback, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let sql = format!("SELECT {COLUMNS} {FROM} WHERE f.id = $1 AND f.track_key_hash = $2");
                let f = c.query_opt(&sql, params![id, key_hash.as_str()])?.ok_or_else(feedback_not_found)?;
                let f = feedback_from_row(&f)?;
                feedback::check_rating(stage_of(&f), f.rating.is_some()).map_err(rule)?;
                let changed = c.execute(
                    "UPDATE feedback SET rating = $1, rated_at = $2 WHERE id = $3 AND rating IS NULL",
                    params![rating.as_str(), now, id],
                )?;
                if changed == 0 {
                    return Err(rule(RuleError::conflict("feedback_already_rated")));
                }
                history(c, id, now, None, "rated", (None, None), Some(rating.as_str()))?;
                get(c, id)
            })
        })
        .await
    }

    /// The published answers, newest first, at most `limit`.
    pub async fn published_feedback(&self, limit: u32) -> Result<Vec<Feedback>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!(
                    "SELECT {COLUMNS} {FROM} WHERE f.published_at IS NOT NULL ORDER BY f.published_at DESC, f.id DESC \
                     LIMIT $1"
                );
                c.query(&sql, params![i64::from(limit.clamp(1, 500))])?.iter().map(feedback_from_row).collect()
            })
        })
        .await
    }

    /// Gives the feedback received before deadlines existed its due moments
    /// on `calendar`; returns how many. Run when the server starts.
    pub async fn fill_feedback_deadlines(
        &self,
        calendar: Arc<WorkCalendar>,
        deadlines: Deadlines,
    ) -> Result<u64, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let rows = c.query("SELECT id, created_at FROM feedback WHERE answer_by IS NULL", params![])?;
                for r in &rows {
                    let due = deadlines.due(&calendar, r.time(1)?).map_err(rule)?;
                    c.execute(
                        "UPDATE feedback SET refuse_by = $1, answer_by = $2 WHERE id = $3",
                        params![due.refuse_by, due.answer_by, r.i64(0)?],
                    )?;
                }
                Ok(rows.len() as u64)
            })
        })
        .await
    }
}
