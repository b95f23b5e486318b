//! Subtree roll-ups of the statistics counters (`stat_rollups`, migrations
//! 0004, 0010 and 0012): for every unit, the counts credited to all units
//! at or below it, per day, month and year, for each basis (intake,
//! handling) in a column of its own. A province's dashboard for a year then reads a
//! few yearly rows per unit instead of every daily counter of its 3,000
//! communes. Written in the same transaction as `stat_counts`, recomputed by
//! `motcua stats rebuild`, and compared by `motcua stats check`.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate};
use motcua_rules::credit::Basis;
use motcua_rules::period::{Grain, Period, Span, cover_before};
use motcua_rules::stats::Metric;

use super::stats::{column, slot};
use crate::StoreError;
use crate::db::{Conn, QueryBuilder, Value};

/// A roll-up row's key: the basis, the unit whose subtree is summed, the
/// grain, the first day of the period, the metric.
pub(crate) type RollupKey = (Basis, i64, Grain, NaiveDate, Metric);

/// Adds the roll-up rows of one dossier's changes (`merged`: per day and
/// metric, zeros removed), for each basis to every unit of the credited
/// unit's lineage (root first, the unit itself last), in one statement.
pub(crate) fn add_rollups(
    c: &mut dyn Conn,
    credits: &[(Basis, Vec<i64>)],
    merged: &BTreeMap<(NaiveDate, Metric), i64>,
) -> Result<(), StoreError> {
    // One row per unit, grain, period and metric, both bases in its two
    // columns (migration 0012): the units of the two lineages that coincide
    // (all of them when the receiving unit handles the dossier, the province
    // always) are one row each.
    let mut rows: BTreeMap<RowKey, [i64; 2]> = BTreeMap::new();
    for (&(day, metric), &n) in merged {
        for (basis, lineage) in credits {
            for &unit in lineage {
                for grain in Grain::ALL {
                    rows.entry((unit, grain, grain.start(day), metric)).or_default()[slot(*basis)] += n;
                }
            }
        }
    }
    rows.retain(|_, n| *n != [0, 0]);
    if rows.is_empty() {
        return Ok(());
    }
    insert_rows(c, rows.into_iter())?;
    Ok(())
}

/// A stored roll-up row's key: the unit whose subtree is summed, the grain,
/// the period's first day, the metric.
type RowKey = (i64, Grain, NaiveDate, Metric);

const INSERT_ROLLUPS: &str = "INSERT INTO stat_rollups (unit_id, grain, period, metric, n_intake, n_handling) VALUES ";

/// Upserts `rows` in one statement.
fn insert_rows(c: &mut dyn Conn, rows: impl Iterator<Item = (RowKey, [i64; 2])>) -> Result<(), StoreError> {
    let mut b = QueryBuilder::new(INSERT_ROLLUPS, Vec::new());
    for (i, (key, n)) in rows.enumerate() {
        b.push(if i == 0 { "($?, $?, $?, $?, $?, $?)" } else { ", ($?, $?, $?, $?, $?, $?)" }, row_values(key, n));
    }
    b.push(
        " ON CONFLICT (unit_id, grain, period, metric) DO UPDATE SET \
         n_intake = stat_rollups.n_intake + excluded.n_intake, n_handling = stat_rollups.n_handling + excluded.n_handling",
        [],
    );
    c.execute(&b.sql, &b.args)?;
    Ok(())
}

fn row_values((unit, grain, period, metric): RowKey, [intake, handled]: [i64; 2]) -> [Value; 6] {
    [unit.into(), grain.code().into(), period.into(), metric.code().into(), intake.into(), handled.into()]
}

/// The roll-ups of a whole set of counters (a replay), given each
/// credited unit's lineage.
pub(crate) fn rollups_of(
    counts: impl IntoIterator<Item = ((Basis, i64, NaiveDate, Metric), i64)>,
    lineage: &HashMap<i64, Vec<i64>>,
) -> Result<BTreeMap<RollupKey, i64>, StoreError> {
    let mut out: BTreeMap<RollupKey, i64> = BTreeMap::new();
    for ((basis, unit, day, metric), n) in counts {
        let units = lineage.get(&unit).ok_or_else(|| StoreError::internal("counter of an unknown unit"))?;
        for &u in units {
            for grain in Grain::ALL {
                *out.entry((basis, u, grain, grain.start(day), metric)).or_insert(0) += n;
            }
        }
    }
    out.retain(|_, n| *n != 0);
    Ok(out)
}

/// Every unit's lineage (root first, itself last), from the stored paths.
pub(crate) fn lineages(c: &mut dyn Conn) -> Result<HashMap<i64, Vec<i64>>, StoreError> {
    let mut out = HashMap::new();
    for r in c.query("SELECT id, path FROM units", &[])? {
        let unit = motcua_rules::scope::UnitRef { id: r.i64(0)?, path: r.string(1)? };
        out.insert(unit.id, unit.lineage().collect());
    }
    Ok(out)
}

/// The stored roll-ups (zeros left out).
pub(crate) fn stored_rollups(c: &mut dyn Conn) -> Result<BTreeMap<RollupKey, i64>, StoreError> {
    let mut out = BTreeMap::new();
    for r in c.query(
        "SELECT unit_id, grain, period, metric, n_intake, n_handling FROM stat_rollups \
         WHERE n_intake <> 0 OR n_handling <> 0",
        &[],
    )? {
        let grain = match r.i64(1)? {
            0 => Grain::Day,
            1 => Grain::Month,
            2 => Grain::Year,
            _ => return Err(StoreError::internal("unknown roll-up grain")),
        };
        let metric = Metric::from_code(r.i64(3)? as i16).ok_or_else(|| StoreError::internal("unknown metric"))?;
        for basis in Basis::ALL {
            let n = r.i64(4 + slot(basis))?;
            if n != 0 {
                out.insert((basis, r.i64(0)?, grain, r.date(2)?, metric), n);
            }
        }
    }
    Ok(out)
}

/// Rows per INSERT when a rebuild writes: few statements, well under both
/// databases' limits on parameters (6 per row).
const INSERT_BATCH: usize = 1000;

/// Replaces every roll-up with `rows`.
pub(crate) fn replace_rollups(c: &mut dyn Conn, rows: &BTreeMap<RollupKey, i64>) -> Result<(), StoreError> {
    c.execute("DELETE FROM stat_rollups", &[])?;
    let mut pivoted: BTreeMap<RowKey, [i64; 2]> = BTreeMap::new();
    for (&(basis, unit, grain, period, metric), &n) in rows {
        pivoted.entry((unit, grain, period, metric)).or_default()[slot(basis)] += n;
    }
    let rows: Vec<_> = pivoted.into_iter().collect();
    for chunk in rows.chunks(INSERT_BATCH) {
        let mut b = QueryBuilder::new(INSERT_ROLLUPS, Vec::new());
        for (i, &(key, n)) in chunk.iter().enumerate() {
            b.push(if i == 0 { "($?, $?, $?, $?, $?, $?)" } else { ", ($?, $?, $?, $?, $?, $?)" }, row_values(key, n));
        }
        c.execute(&b.sql, &b.args)?;
    }
    Ok(())
}

/// Whose subtrees to sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitSet {
    /// One unit (its whole subtree).
    One(i64),
    /// The direct children of a unit, each with its subtree: the rows of a
    /// drill-down.
    Children(i64),
    /// Every unit of one level in a province: the peers a ranking compares.
    Level { province_id: i64, level: String },
}

impl UnitSet {
    pub(crate) fn push_ids(&self, b: &mut QueryBuilder) {
        match self {
            UnitSet::One(id) => b.push("SELECT id FROM units WHERE id = $?", [Value::from(*id)]),
            UnitSet::Children(id) => b.push("SELECT id FROM units WHERE parent_id = $?", [Value::from(*id)]),
            UnitSet::Level { province_id, level } => b.push(
                "SELECT id FROM units WHERE province_id = $? AND level = $?",
                [Value::from(*province_id), Value::from(level.clone())],
            ),
        };
    }
}

/// Per unit, per metric: (in the period, everything up to its end).
pub(crate) type SumsByUnit = BTreeMap<i64, HashMap<Metric, (i64, i64)>>;

/// Sums per unit of `set` and metric: `(in the period, everything up to its
/// end)`. Reads the fewest roll-up rows: "up to the end" and "before the
/// start" are each covered by years, then months, then days
/// ([`cover_before`]), and the period's own sum is their difference. Each
/// grain is read in one range scan that feeds both sums (for a year, one
/// scan of the yearly rows), summed in place rather than through a UNION.
pub(crate) fn period_sums(
    c: &mut dyn Conn,
    basis: Basis,
    set: &UnitSet,
    period: Period,
) -> Result<SumsByUnit, StoreError> {
    let before = cover_before(period.from);
    let to_end = cover_before(period.to + Duration::days(1));
    let mut sums: HashMap<(i64, Metric), (i64, i64)> = HashMap::new();
    for grain in Grain::ALL {
        let b_span = before.iter().find(|s| s.grain == grain);
        let t_span = to_end.iter().find(|s| s.grain == grain);
        let spans: Vec<&Span> = b_span.iter().chain(t_span.iter()).copied().collect();
        let Some(until) = spans.iter().map(|s| s.until).max() else { continue };
        // The lowest start; no start at all when either span has none.
        let from = spans.iter().map(|s| s.from).min().flatten();
        let mut b = QueryBuilder::new(
            // CAST: PostgreSQL sums bigints as numeric.
            "SELECT unit_id, metric, CAST(SUM(CASE WHEN ",
            Vec::new(),
        );
        let n = column(basis);
        push_in_span(&mut b, b_span);
        b.push(&format!(" THEN {n} ELSE 0 END) AS BIGINT), CAST(SUM(CASE WHEN "), []);
        push_in_span(&mut b, t_span);
        b.push(&format!(" THEN {n} ELSE 0 END) AS BIGINT) FROM stat_rollups WHERE {n} <> 0 AND unit_id IN ("), []);
        set.push_ids(&mut b);
        b.push(") AND grain = $? AND period < $?", [Value::from(grain.code()), Value::from(until)]);
        if let Some(from) = from {
            b.push(" AND period >= $?", [Value::from(from)]);
        }
        b.push(" GROUP BY unit_id, metric", []);
        for r in c.query(&b.sql, &b.args)? {
            let Some(metric) = Metric::from_code(r.i64(1)? as i16) else { continue };
            let e = sums.entry((r.i64(0)?, metric)).or_insert((0, 0));
            e.0 += r.i64(2)?;
            e.1 += r.i64(3)?;
        }
    }
    let mut out: SumsByUnit = BTreeMap::new();
    for ((unit, metric), (before, to_end)) in sums {
        out.entry(unit).or_default().insert(metric, (to_end - before, to_end));
    }
    Ok(out)
}

/// `period` lies in `span` (always false without one).
fn push_in_span(b: &mut QueryBuilder, span: Option<&Span>) {
    match span {
        None => b.push("1 = 0", []),
        Some(s) => {
            b.push("period < $?", [Value::from(s.until)]);
            if let Some(from) = s.from {
                b.push(" AND period >= $?", [Value::from(from)]);
            }
            b
        }
    };
}
