//! The feedback a unit's 766 indicators 5.1–5.3 count: each feedback is
//! credited to its owner unit (the unit it was addressed or forwarded to,
//! or the unit that answered it when it was addressed to none), and each
//! unit of a set counts its subtree. The counting itself is the rules'
//! (`motcua_rules::feedback::count`); this reads the rows once per set.
//!
//! Feedback is read from its own table, not from counters: a province
//! receives thousands a year, not millions, and the rows that matter to a
//! period are those received in it, handled in it or still open.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::feedback::{Counted, Due, FeedbackCounts, Stage, Topic, count};
use motcua_rules::period::Period;

use crate::StoreError;
use crate::db::Conn;
use crate::model::Unit;
use crate::params;

fn start(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default()
}

/// The 5.1–5.3 counts of each unit of `units` (each its subtree) for
/// `period`, read as of `today`: a feedback still open is within its
/// deadline through its due day, as a dossier is.
pub(crate) fn feedback_counts(
    c: &mut dyn Conn,
    units: &[Unit],
    period: Period,
    today: NaiveDate,
) -> Result<HashMap<i64, FeedbackCounts>, StoreError> {
    let mut out = HashMap::new();
    let Some(seen) = period.as_of(today) else {
        return Ok(out);
    };
    let (from, to) = (start(period.from), start(period.to.succ_opt().unwrap_or(period.to)));
    let as_of = start(seen.to);
    let rows = c.query(
        "SELECT u.path, f.created_at, f.topic, f.refuse_by, f.answer_by, f.status, f.answered_at, f.rating, \
         f.repeated, f.repeat_of FROM feedback f JOIN units u ON u.id = f.unit_id \
         WHERE f.created_at < $1 AND f.answer_by IS NOT NULL \
         AND (f.created_at >= $2 OR f.answered_at IS NULL OR f.answered_at >= $2)",
        params![to, from],
    )?;
    let by_path: HashMap<&str, i64> = units.iter().map(|u| (u.path.as_str(), u.id)).collect();
    let mut items: HashMap<i64, Vec<Counted>> = HashMap::new();
    for r in &rows {
        let path = r.string(0)?;
        let Some(owner) = super::units::owner_in(&by_path, &path) else { continue };
        let (Some(refuse_by), Some(answer_by)) = (r.opt_time(3)?, r.opt_time(4)?) else { continue };
        let stage = Stage::parse(r.str(5)?).unwrap_or(Stage::Received);
        let handled = match (stage, r.opt_time(6)?) {
            (Stage::Received, _) | (_, None) => None,
            (stage, Some(at)) => Some((stage, at)),
        };
        items.entry(owner).or_default().push(Counted {
            received_at: r.time(1)?,
            topic: r.opt_str(2)?.and_then(|t| Topic::parse(t, "topic").ok()),
            due: Due { refuse_by, answer_by },
            handled,
            dissatisfied: r.opt_str(7)? == Some("dissatisfied"),
            repeated: r.bool(8)?,
            is_repeat: r.opt_i64(9)?.is_some(),
        });
    }
    for (unit, list) in items {
        out.insert(unit, count(&list, from, to, as_of));
    }
    Ok(out)
}
