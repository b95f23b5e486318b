//! Citizens' feedback (phản ánh, kiến nghị, PAKN) and its answers.
//!
//! Feedback is addressed to a unit, or to none when the citizen does not
//! know which one. Staff see the feedback of their unit subtree; feedback
//! addressed to no unit is seen by whoever holds a whole province (a scope
//! that is a root path such as `/1/`, or `/` for every unit): the province
//! is where unaddressed feedback is sorted out. With several provinces in
//! one database, each province root sees it, since it names no province.

use motcua_rules::RuleError;

use super::inbox::path_upper_bound;
use crate::db::{Conn, Row, Value};
use crate::model::{Feedback, NewFeedback};
use crate::{Store, StoreError, params};

pub(crate) const COLUMNS: &str = "f.id, f.unit_id, u.name, f.dossier_code, f.name, f.contact, f.subject, f.content, \
    f.status, f.answer, f.created_at, f.answered_at, f.topic, f.refuse_by, f.answer_by, f.publish_consent, \
    f.published_at, f.rating, f.repeat_of, f.repeated";
pub(crate) const FROM: &str = "FROM feedback f LEFT JOIN units u ON u.id = f.unit_id";

/// The most feedback one list returns.
pub const FEEDBACK_LIST_MAX: u32 = 500;

pub(crate) fn feedback_from_row(r: &Row) -> Result<Feedback, StoreError> {
    Ok(Feedback {
        id: r.i64(0)?,
        unit_id: r.opt_i64(1)?,
        unit_name: r.opt_string(2)?,
        dossier_code: r.opt_string(3)?,
        name: r.string(4)?,
        contact: r.opt_string(5)?,
        subject: r.string(6)?,
        content: r.string(7)?,
        status: r.string(8)?,
        answer: r.opt_string(9)?,
        created_at: r.time(10)?,
        answered_at: r.opt_time(11)?,
        topic: r.opt_string(12)?,
        refuse_by: r.opt_time(13)?,
        answer_by: r.opt_time(14)?,
        publish_consent: r.bool(15)?,
        published_at: r.opt_time(16)?,
        rating: r.opt_string(17)?,
        repeat_of: r.opt_i64(18)?,
        repeated: r.bool(19)?,
    })
}

/// Whether a scope holds a whole province (`/1/`) or everything (`/`), and
/// so sees feedback addressed to no unit.
fn is_root_scope(prefix: &str) -> bool {
    prefix == "/"
        || prefix
            .strip_prefix('/')
            .and_then(|p| p.strip_suffix('/'))
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// The condition selecting the feedback visible in a scope, with its
/// parameters (`$1`, `$2`).
pub(crate) fn scope(prefix: &str) -> (&'static str, Vec<Value>) {
    let cond = if is_root_scope(prefix) {
        "((u.path >= $1 AND u.path < $2) OR f.unit_id IS NULL)"
    } else {
        "u.path >= $1 AND u.path < $2"
    };
    (cond, vec![prefix.into(), path_upper_bound(prefix).into()])
}

pub(crate) fn feedback_not_found() -> StoreError {
    StoreError::not_found("feedback_not_found")
}

pub(crate) fn in_scope(c: &mut dyn Conn, id: i64, prefix: &str) -> Result<Option<Feedback>, StoreError> {
    let (cond, mut args) = scope(prefix);
    args.push(id.into());
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE {cond} AND f.id = $3");
    c.query_opt(&sql, &args)?.as_ref().map(feedback_from_row).transpose()
}

impl Store {
    /// Records a citizen's feedback; returns its id, the reference number
    /// the citizen keeps. Fails with `unknown_unit` (field `unit_id`).
    pub async fn create_feedback(&self, f: NewFeedback) -> Result<i64, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                if let Some(unit_id) = f.unit_id
                    && c.query_opt("SELECT id FROM units WHERE id = $1", params![unit_id])?.is_none()
                {
                    return Err(StoreError::Rule(
                        RuleError::invalid("unknown_unit", "unit_id").arg("case", "id").arg("id", unit_id),
                    ));
                }
                let row = c.query_one(
                    "INSERT INTO feedback (unit_id, dossier_code, name, contact, subject, content, status, created_at, \
                     topic, publish_consent, track_key_hash, refuse_by, answer_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                    params![
                        f.unit_id,
                        f.dossier_code.as_deref(),
                        f.name.as_str(),
                        f.contact.as_deref(),
                        f.subject.as_str(),
                        f.content.as_str(),
                        Feedback::RECEIVED,
                        f.now,
                        f.topic.as_deref(),
                        f.publish_consent,
                        f.track_key_hash.as_str(),
                        f.refuse_by,
                        f.answer_by
                    ],
                )?;
                Ok(row.i64(0)?)
            })
        })
        .await
    }

    /// The feedback visible in the unit subtree `unit_path_prefix`, newest
    /// first, at most `limit` (1 to [`FEEDBACK_LIST_MAX`]). Feedback
    /// addressed to no unit is included only for a province root (`/1/`) or
    /// `/` (see the module documentation).
    pub async fn feedback_list(&self, unit_path_prefix: &str, limit: u32) -> Result<Vec<Feedback>, StoreError> {
        let (cond, mut args) = scope(unit_path_prefix);
        args.push(i64::from(limit.clamp(1, FEEDBACK_LIST_MAX)).into());
        self.blocking(move |s| {
            s.read(|c| {
                let sql =
                    format!("SELECT {COLUMNS} {FROM} WHERE {cond} ORDER BY f.created_at DESC, f.id DESC LIMIT $3");
                c.query(&sql, &args)?.iter().map(feedback_from_row).collect()
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_scopes_are_a_province_or_everything() {
        assert!(is_root_scope("/1/"));
        assert!(is_root_scope("/123/"));
        assert!(is_root_scope("/"));
        assert!(!is_root_scope("/1/4/"));
        assert!(!is_root_scope("/1"));
        assert!(!is_root_scope(""));
        assert!(!is_root_scope("//"));
        assert!(!is_root_scope("/a/"));
    }
}
