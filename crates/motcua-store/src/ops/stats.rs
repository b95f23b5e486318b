//! Statistics counters: written in the same transaction as each action
//! (see `dossiers.rs`), rebuilt from the history on demand, and summed for
//! a unit subtree and a period. Every change is counted twice: for the
//! receiving unit (intake) and for the handling unit (handling),
//! `motcua_rules::credit`.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use motcua_rules::credit::{self, Basis};
use motcua_rules::period::Period;
use motcua_rules::scope::UnitRef;
use motcua_rules::stats::{Delta, Metric};
use serde::Serialize;

use super::inbox::path_upper_bound;
use super::rollups::{UnitSet, add_rollups, lineages, period_sums, replace_rollups, rollups_of, stored_rollups};
use super::stats_replay::replay;
use crate::db::{Conn, QueryBuilder, Value};
use crate::{Store, StoreError};

/// Adds `deltas` to the counters of one dossier's procedure, for its
/// receiving unit (intake) and its handling unit (handling), and to the
/// roll-ups of each of them and every unit above it, in two statements
/// (deltas to the same counter merged first: PostgreSQL refuses to update
/// one row twice in a statement).
pub(crate) fn add_counts(
    c: &mut dyn Conn,
    receiving: &UnitRef,
    handling: &UnitRef,
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
    let credits = credit::credited(receiving, handling);
    // One row per unit, day and metric, both bases in its two columns: when
    // the receiving unit handles the dossier too (every commune procedure)
    // a counter is one row, not two (migration 0012).
    let mut rows: BTreeMap<(i64, NaiveDate, Metric), [i64; 2]> = BTreeMap::new();
    for (basis, unit) in credits {
        for (&(day, metric), &n) in &merged {
            rows.entry((unit.id, day, metric)).or_default()[slot(basis)] += n;
        }
    }
    let mut b = QueryBuilder::new(
        "INSERT INTO stat_counts (unit_id, procedure_id, day, metric, province_id, n_intake, n_handling) VALUES ",
        Vec::new(),
    );
    for (i, ((unit, day, metric), [intake, handled])) in rows.into_iter().enumerate() {
        b.push(
            if i == 0 { "($?, $?, $?, $?, $?, $?, $?)" } else { ", ($?, $?, $?, $?, $?, $?, $?)" },
            [
                unit.into(),
                procedure_id.into(),
                day.into(),
                metric.code().into(),
                province_id.into(),
                intake.into(),
                handled.into(),
            ],
        );
    }
    b.push(
        " ON CONFLICT (unit_id, procedure_id, day, metric) DO UPDATE SET \
         n_intake = stat_counts.n_intake + excluded.n_intake, n_handling = stat_counts.n_handling + excluded.n_handling",
        [],
    );
    c.execute(&b.sql, &b.args)?;
    let lineages: Vec<(Basis, Vec<i64>)> = credits.iter().map(|(b, u)| (*b, u.lineage().collect())).collect();
    add_rollups(c, &lineages, &merged)
}

/// The index of `basis`'s count in a stored row's two columns.
pub(crate) fn slot(basis: Basis) -> usize {
    match basis {
        Basis::Intake => 0,
        Basis::Handling => 1,
    }
}

/// The column holding `basis`'s counts in `stat_counts` and `stat_rollups`.
pub(crate) fn column(basis: Basis) -> &'static str {
    match basis {
        Basis::Intake => "n_intake",
        Basis::Handling => "n_handling",
    }
}

/// A counter's key: basis, credited unit, procedure, day, metric.
pub(crate) type Key = (Basis, i64, i64, NaiveDate, Metric);

fn stored(c: &mut dyn Conn) -> Result<BTreeMap<Key, i64>, StoreError> {
    let mut out = BTreeMap::new();
    for r in c.query(
        "SELECT unit_id, procedure_id, day, metric, n_intake, n_handling FROM stat_counts \
         WHERE n_intake <> 0 OR n_handling <> 0",
        &[],
    )? {
        let metric = Metric::from_code(r.i64(3)? as i16).ok_or_else(|| StoreError::internal("unknown metric"))?;
        for basis in Basis::ALL {
            let n = r.i64(4 + slot(basis))?;
            if n != 0 {
                out.insert((basis, r.i64(0)?, r.i64(1)?, r.date(2)?, metric), n);
            }
        }
    }
    Ok(out)
}

/// How a rebuild or a check went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RebuildReport {
    /// Counters with a non-zero value after the replay.
    pub counters: usize,
    /// Roll-up rows (per unit subtree, day, month, year) after the replay.
    pub rollups: usize,
    /// Counters and roll-up rows whose stored value differed from the
    /// replay (before a rebuild wrote them; 0 means the live ones were exact).
    pub differences: usize,
}

fn differences<K: Ord>(a: &BTreeMap<K, i64>, b: &BTreeMap<K, i64>) -> usize {
    let keys: std::collections::BTreeSet<&K> = a.keys().chain(b.keys()).collect();
    keys.into_iter().filter(|k| a.get(k) != b.get(k)).count()
}

/// Rows per INSERT when a rebuild writes the counters (7 parameters each).
const INSERT_BATCH: usize = 1000;

/// Replaces every counter with `counts`, in statements of many rows: a
/// rebuild writes millions, and one round trip each would dominate it on
/// PostgreSQL.
fn replace_counts(
    c: &mut dyn Conn,
    counts: &BTreeMap<Key, i64>,
    provinces: &HashMap<i64, i64>,
) -> Result<(), StoreError> {
    c.execute("DELETE FROM stat_counts", &[])?;
    let mut pivoted: BTreeMap<(i64, i64, NaiveDate, Metric), [i64; 2]> = BTreeMap::new();
    for (&(basis, unit, procedure, day, metric), &n) in counts {
        pivoted.entry((unit, procedure, day, metric)).or_default()[slot(basis)] += n;
    }
    let rows: Vec<_> = pivoted.into_iter().collect();
    for chunk in rows.chunks(INSERT_BATCH) {
        let mut b = QueryBuilder::new(
            "INSERT INTO stat_counts (unit_id, procedure_id, day, metric, province_id, n_intake, n_handling) VALUES ",
            Vec::new(),
        );
        for (i, &((unit, procedure, day, metric), [intake, handled])) in chunk.iter().enumerate() {
            let province = provinces.get(&unit).copied().unwrap_or(unit);
            b.push(
                if i == 0 { "($?, $?, $?, $?, $?, $?, $?)" } else { ", ($?, $?, $?, $?, $?, $?, $?)" },
                [
                    unit.into(),
                    procedure.into(),
                    day.into(),
                    metric.code().into(),
                    province.into(),
                    intake.into(),
                    handled.into(),
                ],
            );
        }
        c.execute(&b.sql, &b.args)?;
    }
    Ok(())
}

/// Totals for one unit over a period, in the columns of the periodic report
/// (Biểu II.06a, docs/sources.md#periodic-report).
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
    /// Citizens' ratings given in the period, and of those the dissatisfied
    /// ones (`rules::stats::DISSATISFIED_BELOW`).
    pub rated: i64,
    pub rated_dissatisfied: i64,
    /// Dossiers whose first electronic result was issued in the period
    /// (766 indicator 4.1).
    pub results_issued: i64,
    /// Of those, the dossiers whose every received component had a file
    /// (4.2).
    pub results_digitised: i64,
    /// Dossiers received in the period reusing a kept document (4.3).
    pub received_reusing: i64,
    /// Dossiers of certified-copy procedures handled in the period, and of
    /// those the ones with an electronic copy (4.6).
    pub certified_copies_handled: i64,
    pub certified_copies_issued: i64,
    /// Feedback (PAKN) owned by the subtree, for 766 indicators 5.1–5.3
    /// (`rules::feedback::FeedbackCounts`): first received in the period,
    /// of those about a regulation and about conduct; handled in the
    /// period or open at its end, of those on time; and the first received
    /// that were handled satisfactorily.
    pub feedback_received: i64,
    pub feedback_about_regulation: i64,
    pub feedback_about_conduct: i64,
    pub feedback_due: i64,
    pub feedback_on_time: i64,
    pub feedback_satisfactory: i64,
    /// Dossiers of fee-charging procedures received in the period, and of
    /// those the ones paid online (766 indicator 3.6).
    pub fee_dossiers: i64,
    pub paid_online: i64,
    /// Fee-charging procedures with dossiers received in the period, and of
    /// those the ones with a dossier asked to pay (3.5) and with one paid
    /// online (3.5b). Counted per subtree (procedures do not add up over
    /// units); 0 on a month of a trend.
    pub fee_procedures: i64,
    pub fee_procedures_requested: i64,
    pub fee_procedures_paid_online: i64,
    /// Dossiers received in the period whose record reached the national
    /// portal (766 indicator 1.4).
    pub received_synced: i64,
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
                let rollups =
                    rollups_of(replayed.iter().map(|(&(b, u, _, d, m), &n)| ((b, u, d, m), n)), &lineages(c)?)?;
                let differences = differences(&replayed, &stored(c)?) + differences(&rollups, &stored_rollups(c)?);
                replace_counts(c, &replayed, &provinces)?;
                replace_rollups(c, &rollups)?;
                Ok(RebuildReport { counters: replayed.len(), rollups: rollups.len(), differences })
            })
        })
        .await
    }

    /// Compares the live counters with a replay of the history, changing nothing.
    pub async fn check_stats(&self) -> Result<RebuildReport, StoreError> {
        self.blocking(|s| {
            s.read(|c| {
                let (replayed, _) = replay(c)?;
                let rollups =
                    rollups_of(replayed.iter().map(|(&(b, u, _, d, m), &n)| ((b, u, d, m), n)), &lineages(c)?)?;
                let differences = differences(&replayed, &stored(c)?) + differences(&rollups, &stored_rollups(c)?);
                Ok(RebuildReport { counters: replayed.len(), rollups: rollups.len(), differences })
            })
        })
        .await
    }

    /// Per-unit totals for the units of a subtree credited under `basis`
    /// (the receiving units for intake, the handling units for handling),
    /// from `from` to `to` inclusive, as of `today` (a period running past
    /// today ends today; one starting after today has no figures).
    pub async fn unit_stats(
        &self,
        scope_path: String,
        basis: Basis,
        period: Period,
        today: NaiveDate,
    ) -> Result<Vec<UnitStats>, StoreError> {
        let Some(Period { from, to }) = period.as_of(today) else { return Ok(Vec::new()) };
        self.blocking(move |s| {
            s.read(|c| {
                let n = column(basis);
                let b = QueryBuilder::new(
                    // CAST: PostgreSQL sums bigints as numeric.
                    format!(
                        "SELECT k.unit_id, k.metric, \
                         CAST(SUM(CASE WHEN k.day >= $1 THEN k.{n} ELSE 0 END) AS BIGINT), CAST(SUM(k.{n}) AS BIGINT) \
                         FROM stat_counts k JOIN units u ON u.id = k.unit_id \
                         WHERE k.{n} <> 0 AND u.path >= $3 AND u.path < $4 AND k.day <= $2 \
                         GROUP BY k.unit_id, k.metric"
                    ),
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

/// Totals for one procedure over a period, in the report's columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ProcedureStats {
    pub procedure_id: i64,
    pub code: String,
    pub name: String,
    pub field_name: String,
    #[serde(flatten)]
    pub stats: UnitStats,
}

impl Store {
    /// Each unit of `set` with the report's columns summed over its whole
    /// subtree under `basis`, from the roll-ups (all zeros for a unit with
    /// no count), in code order, in one read. As of `today`: a period
    /// running past today ends today (so "past due" counts only dossiers
    /// already past due), one starting after it has nothing.
    pub async fn subtree_figures(
        &self,
        set: UnitSet,
        basis: Basis,
        period: Period,
        today: NaiveDate,
    ) -> Result<Vec<(crate::model::Unit, UnitStats)>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let units = super::units::units_of(c, &set)?;
                let sums = match period.as_of(today) {
                    Some(period) => period_sums(c, basis, &set, period)?,
                    None => Default::default(),
                };
                let feedback = super::feedback_counts::feedback_counts(c, &units, period, today)?;
                let procedures = match period.as_of(today) {
                    Some(period) => fee_procedures(c, basis, &units, period)?,
                    None => HashMap::new(),
                };
                let mut out = Vec::with_capacity(units.len());
                for u in units {
                    let mut stats = sums.get(&u.id).map_or_else(|| zero(u.id), |m| unit_totals(u.id, m));
                    if stats.fee_dossiers > 0
                        && let Some(counts) = procedures.get(&u.id)
                    {
                        [stats.fee_procedures, stats.fee_procedures_requested, stats.fee_procedures_paid_online] =
                            *counts;
                    }
                    if let Some(f) = feedback.get(&u.id) {
                        add_feedback(&mut stats, f);
                    }
                    out.push((u, stats));
                }
                Ok(out)
            })
        })
        .await
    }

    /// The report's columns for each unit of `set`, each summed over its
    /// whole subtree ([`Store::subtree_figures`] without the units).
    pub async fn subtree_stats(
        &self,
        set: UnitSet,
        basis: Basis,
        period: Period,
        today: NaiveDate,
    ) -> Result<Vec<UnitStats>, StoreError> {
        Ok(self.subtree_figures(set, basis, period, today).await?.into_iter().map(|(_, s)| s).collect())
    }

    /// One unit's subtree month by month through the period (each month cut
    /// to the period, and read as of `today`): the trend chart of a dashboard.
    pub async fn subtree_trend(
        &self,
        unit_id: i64,
        basis: Basis,
        period: Period,
        today: NaiveDate,
    ) -> Result<Vec<(Period, UnitStats)>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let mut out = Vec::new();
                for month in period.months() {
                    let sums = match month.as_of(today) {
                        Some(cut) => period_sums(c, basis, &UnitSet::One(unit_id), cut)?,
                        None => Default::default(),
                    };
                    out.push((month, sums.get(&unit_id).map_or_else(|| zero(unit_id), |m| unit_totals(unit_id, m))));
                }
                Ok(out)
            })
        })
        .await
    }

    /// Per procedure, over the units of a subtree credited under `basis`,
    /// from the daily counters, as of `today`. Meant for one commune or
    /// department (the last level of a drill-down), whose counters are few;
    /// a province's would be millions.
    pub async fn procedure_stats(
        &self,
        scope_path: String,
        basis: Basis,
        period: Period,
        today: NaiveDate,
    ) -> Result<Vec<ProcedureStats>, StoreError> {
        let Some(period) = period.as_of(today) else { return Ok(Vec::new()) };
        self.blocking(move |s| {
            s.read(|c| {
                let n = column(basis);
                let sql = format!(
                    "SELECT k.procedure_id, k.metric, \
                     CAST(SUM(CASE WHEN k.day >= $1 THEN k.{n} ELSE 0 END) AS BIGINT), CAST(SUM(k.{n}) AS BIGINT) \
                     FROM stat_counts k JOIN units u ON u.id = k.unit_id \
                     WHERE k.{n} <> 0 AND u.path >= $3 AND u.path < $4 AND k.day <= $2 \
                     GROUP BY k.procedure_id, k.metric"
                );
                let args = [
                    Value::from(period.from),
                    Value::from(period.to),
                    scope_path.clone().into(),
                    path_upper_bound(&scope_path).into(),
                ];
                let mut by_procedure: BTreeMap<i64, HashMap<Metric, (i64, i64)>> = BTreeMap::new();
                for r in c.query(&sql, &args)? {
                    let Some(metric) = Metric::from_code(r.i64(1)? as i16) else { continue };
                    by_procedure.entry(r.i64(0)?).or_default().insert(metric, (r.i64(2)?, r.i64(3)?));
                }
                let mut rows: Vec<ProcedureStats> = by_procedure
                    .into_iter()
                    .map(|(procedure_id, m)| ProcedureStats {
                        procedure_id,
                        stats: unit_totals(0, &m),
                        ..ProcedureStats::default()
                    })
                    // A procedure with nothing in the period or open at its end
                    // is history, not a row of this report.
                    .filter(|p| p.stats.has_activity())
                    .collect();
                if rows.is_empty() {
                    return Ok(rows);
                }
                let mut b = QueryBuilder::new(
                    "SELECT p.id, p.code, p.name, f.name FROM procedures p JOIN fields f ON f.id = p.field_id \
                     WHERE p.id IN (",
                    Vec::new(),
                );
                b.push_list(rows.iter().map(|r| r.procedure_id)).push(")", []);
                let mut names = HashMap::new();
                for r in c.query(&b.sql, &b.args)? {
                    names.insert(r.i64(0)?, (r.string(1)?, r.string(2)?, r.string(3)?));
                }
                for r in &mut rows {
                    if let Some((code, name, field)) = names.remove(&r.procedure_id) {
                        (r.code, r.name, r.field_name) = (code, name, field);
                    }
                }
                rows.sort_by(|a, b| (&a.field_name, &a.code).cmp(&(&b.field_name, &b.code)));
                Ok(rows)
            })
        })
        .await
    }
}

/// A unit's feedback counts, in the statistics' integers.
fn add_feedback(stats: &mut UnitStats, f: &motcua_rules::feedback::FeedbackCounts) {
    let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    stats.feedback_received = n(f.received);
    stats.feedback_about_regulation = n(f.about_regulation);
    stats.feedback_about_conduct = n(f.about_conduct);
    stats.feedback_due = n(f.due_in_period);
    stats.feedback_on_time = n(f.on_time);
    stats.feedback_satisfactory = n(f.satisfactory);
}

fn zero(unit_id: i64) -> UnitStats {
    UnitStats { unit_id, ..UnitStats::default() }
}

impl UnitStats {
    pub fn received(&self) -> i64 {
        self.received_online + self.received_counter + self.received_postal
    }

    pub fn resolved(&self) -> i64 {
        self.resolved_early + self.resolved_on_time + self.resolved_late
    }

    pub fn in_process(&self) -> i64 {
        self.in_process_within_due + self.in_process_past_due
    }

    /// Anything received, handled or refused in the period, or open at its end.
    pub fn has_activity(&self) -> bool {
        self.received() + self.resolved() + self.in_process() + self.refused + self.withdrawn + self.stopped > 0
    }
}

/// 766 indicators 3.5 and 3.5b count procedures, which the counters summed
/// per unit cannot give: for each unit of `units` (disjoint subtrees), the
/// distinct procedures of its subtree's counters of the period with a fee
/// dossier, a dossier asked to pay, and one paid online. One read per
/// province of the set, each row credited to its unit by path.
///
/// The read filters on the counters' own province and names the three
/// metrics as the constants they are. Written with the units' province and
/// the metrics as parameters, PostgreSQL's generic plan for the prepared
/// statement (used from its sixth run on) walked every unit of the province
/// and took 0.7–1.2 s at 1,000,000 dossiers, against about 0.2 s for this
/// form (BENCHMARKS.md, "The dashboard and the 766 ranking on PostgreSQL").
fn fee_procedures(
    c: &mut dyn Conn,
    basis: Basis,
    units: &[crate::model::Unit],
    period: Period,
) -> Result<HashMap<i64, [i64; 3]>, StoreError> {
    let wanted = [Metric::FeeObligation, Metric::FeeRequested, Metric::PaidOnline];
    let by_path: HashMap<&str, i64> = units.iter().map(|u| (u.path.as_str(), u.id)).collect();
    let provinces: std::collections::BTreeSet<i64> = units.iter().map(|u| u.province_id).collect();
    // Small integers from the enum: no input reaches the SQL.
    let codes = wanted.map(|m| m.code().to_string()).join(", ");
    let sql = format!(
        "SELECT DISTINCT u.path, k.metric, k.procedure_id FROM stat_counts k JOIN units u ON u.id = k.unit_id \
         WHERE k.province_id = $1 AND k.day >= $2 AND k.day <= $3 AND k.metric IN ({codes}) AND k.{} > 0",
        column(basis)
    );
    let mut seen = std::collections::HashSet::new();
    let mut out: HashMap<i64, [i64; 3]> = HashMap::new();
    for province in provinces {
        let args: [Value; 3] = [province.into(), period.from.into(), period.to.into()];
        for r in c.query(&sql, &args)? {
            let path = r.string(0)?;
            let Some(owner) = super::units::owner_in(&by_path, &path) else { continue };
            let metric = Metric::from_code(r.i64(1)? as i16);
            let Some(i) = wanted.iter().position(|m| Some(*m) == metric) else { continue };
            // Several units of one subtree may count the same procedure.
            if seen.insert((owner, i, r.i64(2)?)) {
                out.entry(owner).or_default()[i] += 1;
            }
        }
    }
    Ok(out)
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
        rated: period(Metric::Rated),
        rated_dissatisfied: period(Metric::RatedDissatisfied),
        results_issued: period(Metric::ResultIssued),
        results_digitised: period(Metric::ResultDigitised),
        received_reusing: period(Metric::ReceivedReusing),
        certified_copies_handled: period(Metric::CertifiedCopyHandled),
        certified_copies_issued: period(Metric::CertifiedCopyIssued),
        fee_dossiers: period(Metric::FeeObligation),
        paid_online: period(Metric::PaidOnline),
        fee_procedures: 0,
        fee_procedures_requested: 0,
        fee_procedures_paid_online: 0,
        received_synced: period(Metric::DossierSynced),
        average_processing_days: (resolved > 0).then(|| period(Metric::ProcessingDays) as f64 / resolved as f64),
        // Feedback is not in the counters: `add_feedback` fills it in.
        ..UnitStats::default()
    }
}
