//! Statistics counters: written in the same transaction as each action
//! (see `dossiers.rs`), rebuilt from the history on demand, and summed for
//! a unit subtree and a period.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use motcua_rules::dossier::Status;
use motcua_rules::stats::{self, Delta, EventFacts, Metric, StatsView};
use serde::Serialize;

use super::inbox::path_upper_bound;
use crate::db::{Conn, QueryBuilder, Value};
use crate::{Store, StoreError, params};

/// Adds `deltas` to the counters of one receiving unit and procedure, in
/// one statement (deltas to the same counter merged first: PostgreSQL
/// refuses to update one row twice in a statement).
pub(crate) fn add_counts(
    c: &mut dyn Conn,
    unit_id: i64,
    procedure_id: i64,
    province_id: i64,
    deltas: &[Delta],
) -> Result<(), StoreError> {
    let mut merged: BTreeMap<(NaiveDate, Metric), i64> = BTreeMap::new();
    for d in deltas {
        *merged.entry((d.day, d.metric)).or_insert(0) += d.n;
    }
    merged.retain(|_, n| *n != 0);
    if merged.is_empty() {
        return Ok(());
    }
    let mut b = QueryBuilder::new(
        "INSERT INTO stat_counts (unit_id, procedure_id, day, metric, province_id, n) VALUES ",
        Vec::new(),
    );
    for (i, ((day, metric), n)) in merged.into_iter().enumerate() {
        b.push(
            if i == 0 { "($?, $?, $?, $?, $?, $?)" } else { ", ($?, $?, $?, $?, $?, $?)" },
            [unit_id.into(), procedure_id.into(), day.into(), metric.code().into(), province_id.into(), n.into()],
        );
    }
    b.push(" ON CONFLICT (unit_id, procedure_id, day, metric) DO UPDATE SET n = stat_counts.n + excluded.n", []);
    c.execute(&b.sql, &b.args)?;
    Ok(())
}

/// A counter's key.
type Key = (i64, i64, NaiveDate, Metric);

/// Counters from a replay, and each receiving unit's province.
type Replayed = (BTreeMap<Key, i64>, HashMap<i64, i64>);

/// Dossiers replayed per batch: bounds the memory a rebuild holds.
const BATCH: i64 = 20_000;

/// Replays the whole history through `rules::stats::deltas`; returns every
/// counter with its value (zeros left out).
fn replay(c: &mut dyn Conn) -> Result<Replayed, StoreError> {
    let mut counts: BTreeMap<Key, i64> = BTreeMap::new();
    let mut provinces: HashMap<i64, i64> = HashMap::new();
    let mut after = 0i64;
    loop {
        let dossiers = c.query(
            "SELECT id, receiving_unit_id, procedure_id, province_id, channel FROM dossiers \
             WHERE id > $1 ORDER BY id LIMIT $2",
            params![after, BATCH],
        )?;
        let (Some(first), Some(last)) = (dossiers.first(), dossiers.last()) else { break };
        let (lo, hi) = (first.i64(0)?, last.i64(0)?);
        let mut info = HashMap::new();
        for d in &dossiers {
            info.insert(d.i64(0)?, (d.i64(1)?, d.i64(2)?, d.i64(3)?, d.i64(4)? as i16));
            provinces.insert(d.i64(1)?, d.i64(3)?);
        }
        let events = c.query(
            "SELECT dossier_id, at, action, to_status, due_at, supplement_count, processing_days \
             FROM dossier_events WHERE dossier_id >= $1 AND dossier_id <= $2 ORDER BY dossier_id, seq",
            params![lo, hi],
        )?;
        let mut current = (0i64, StatsView::default());
        for e in &events {
            let id = e.i64(0)?;
            if id != current.0 {
                current = (id, StatsView::default());
            }
            let to_status = i16::try_from(e.i64(3)?)
                .ok()
                .and_then(Status::from_code)
                .ok_or_else(|| StoreError::internal("unknown status in history"))?;
            let facts = EventFacts {
                at: e.time(1)?,
                action: e.str(2)?,
                to_status,
                due_at: e.opt_time(4)?,
                supplement_count: e.i64(5)? as u32,
                processing_days: e.opt_i64(6)?.map(|d| d as u32),
            };
            let next = current.1.after_event(&facts);
            let &(unit, procedure, _, channel) =
                info.get(&id).ok_or_else(|| StoreError::internal("event without dossier"))?;
            for d in stats::deltas(&current.1, &next, channel, facts.at) {
                *counts.entry((unit, procedure, d.day, d.metric)).or_insert(0) += d.n;
            }
            current.1 = next;
        }
        after = hi;
    }
    counts.retain(|_, n| *n != 0);
    Ok((counts, provinces))
}

fn stored(c: &mut dyn Conn) -> Result<BTreeMap<Key, i64>, StoreError> {
    let mut out = BTreeMap::new();
    for r in c.query("SELECT unit_id, procedure_id, day, metric, n FROM stat_counts WHERE n <> 0", &[])? {
        let metric = Metric::from_code(r.i64(3)? as i16).ok_or_else(|| StoreError::internal("unknown metric"))?;
        out.insert((r.i64(0)?, r.i64(1)?, r.date(2)?, metric), r.i64(4)?);
    }
    Ok(out)
}

/// How a rebuild or a check went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RebuildReport {
    /// Counters with a non-zero value after the replay.
    pub counters: usize,
    /// Counters whose stored value differed from the replay (before a
    /// rebuild wrote them; 0 means the live counters were exact).
    pub differences: usize,
}

fn differences(a: &BTreeMap<Key, i64>, b: &BTreeMap<Key, i64>) -> usize {
    let keys: std::collections::BTreeSet<&Key> = a.keys().chain(b.keys()).collect();
    keys.into_iter().filter(|k| a.get(k) != b.get(k)).count()
}

/// Totals for one unit over a period, in the columns of the periodic report
/// (Biểu II.06a, regulations.md §4.7).
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct UnitStats {
    pub unit_id: i64,
    /// Received before the period and still open when it began.
    pub carried_over: i64,
    pub received_online: i64,
    pub received_counter: i64,
    pub received_postal: i64,
    pub resolved_early: i64,
    pub resolved_on_time: i64,
    pub resolved_late: i64,
    /// Open at the end of the period, within and past their due dates.
    pub in_process_within_due: i64,
    pub in_process_past_due: i64,
    pub supplement_requests: i64,
    pub refused: i64,
    pub withdrawn: i64,
    pub stopped: i64,
    pub returned: i64,
    /// Average processing time of the dossiers resolved in the period, in
    /// working days, supplement waits excluded.
    pub average_processing_days: Option<f64>,
}

impl Store {
    /// Recomputes every counter from the history, replacing the stored ones,
    /// in one transaction. Reports how many stored counters were wrong.
    pub async fn rebuild_stats(&self) -> Result<RebuildReport, StoreError> {
        self.blocking(|s| {
            s.write(|c| {
                let (replayed, provinces) = replay(c)?;
                let differences = differences(&replayed, &stored(c)?);
                c.execute("DELETE FROM stat_counts", &[])?;
                for (&(unit, procedure, day, metric), &n) in &replayed {
                    let province = provinces.get(&unit).copied().unwrap_or(unit);
                    c.execute(
                        "INSERT INTO stat_counts (unit_id, procedure_id, day, metric, province_id, n) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                        params![unit, procedure, day, metric.code(), province, n],
                    )?;
                }
                Ok(RebuildReport { counters: replayed.len(), differences })
            })
        })
        .await
    }

    /// Compares the live counters with a replay of the history, changing nothing.
    pub async fn check_stats(&self) -> Result<RebuildReport, StoreError> {
        self.blocking(|s| {
            s.read(|c| {
                let (replayed, _) = replay(c)?;
                Ok(RebuildReport { counters: replayed.len(), differences: differences(&replayed, &stored(c)?) })
            })
        })
        .await
    }

    /// Per-unit totals for the receiving units of a subtree, from `from`
    /// to `to` inclusive.
    pub async fn unit_stats(
        &self,
        scope_path: String,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<UnitStats>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let b = QueryBuilder::new(
                    // CAST: PostgreSQL sums bigints as numeric.
                    "SELECT k.unit_id, k.metric, \
                     CAST(SUM(CASE WHEN k.day >= $1 THEN k.n ELSE 0 END) AS BIGINT), CAST(SUM(k.n) AS BIGINT) \
                     FROM stat_counts k JOIN units u ON u.id = k.unit_id \
                     WHERE u.path >= $3 AND u.path < $4 AND k.day <= $2 GROUP BY k.unit_id, k.metric",
                    vec![
                        Value::from(from),
                        Value::from(to),
                        scope_path.clone().into(),
                        path_upper_bound(&scope_path).into(),
                    ],
                );
                let mut by_unit: BTreeMap<i64, HashMap<Metric, (i64, i64)>> = BTreeMap::new();
                for r in c.query(&b.sql, &b.args)? {
                    let Some(metric) = Metric::from_code(r.i64(1)? as i16) else { continue };
                    by_unit.entry(r.i64(0)?).or_default().insert(metric, (r.i64(2)?, r.i64(3)?));
                }
                Ok(by_unit.into_iter().map(|(unit_id, m)| unit_totals(unit_id, &m)).collect())
            })
        })
        .await
    }
}

/// Turns (in period, up to the end) sums into the report's columns.
fn unit_totals(unit_id: i64, m: &HashMap<Metric, (i64, i64)>) -> UnitStats {
    let period = |k: Metric| m.get(&k).map_or(0, |v| v.0);
    let to_end = |k: Metric| m.get(&k).map_or(0, |v| v.1);
    let before = |k: Metric| to_end(k) - period(k);
    let received = [Metric::ReceivedCounter, Metric::ReceivedOnline, Metric::ReceivedPostal];
    let received_before: i64 = received.iter().map(|&k| before(k)).sum();
    let received_to_end: i64 = received.iter().map(|&k| to_end(k)).sum();
    let open_at_end = received_to_end - to_end(Metric::Closed);
    let past_due_at_end = to_end(Metric::PastDue) - to_end(Metric::PastDueSettled);
    let resolved = period(Metric::ResolvedEarly) + period(Metric::ResolvedOnTime) + period(Metric::ResolvedLate);
    UnitStats {
        unit_id,
        carried_over: received_before - before(Metric::Closed),
        received_online: period(Metric::ReceivedOnline),
        received_counter: period(Metric::ReceivedCounter),
        received_postal: period(Metric::ReceivedPostal),
        resolved_early: period(Metric::ResolvedEarly),
        resolved_on_time: period(Metric::ResolvedOnTime),
        resolved_late: period(Metric::ResolvedLate),
        in_process_within_due: open_at_end - past_due_at_end,
        in_process_past_due: past_due_at_end,
        supplement_requests: period(Metric::SupplementRequests),
        refused: period(Metric::Refused),
        withdrawn: period(Metric::Withdrawn),
        stopped: period(Metric::Stopped),
        returned: period(Metric::Returned),
        average_processing_days: (resolved > 0).then(|| period(Metric::ProcessingDays) as f64 / resolved as f64),
    }
}
