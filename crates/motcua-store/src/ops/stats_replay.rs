//! `motcua stats rebuild` and `stats check`: every counter replayed from
//! what is stored, through the same rules the live path calls
//! (`motcua_rules::stats`), so the two agree by construction.
//!
//! - the history, event by event, through `deltas` (and, for the 766
//!   digitisation group, `certified_copy_deltas` for dossiers of a
//!   certified-copy procedure version and `reuse_deltas` for dossiers with
//!   a reused kept document);
//! - the ratings through `rating_deltas`;
//! - each dossier's first issued electronic result through
//!   `result_deltas`, with whether every received component had a file at
//!   that moment (4.2) and whether it is a certified copy (4.6);
//! - for the 766 online-payment group, `fee_obligation_deltas` for dossiers
//!   of a fee-charging procedure version, and a dossier's first payment
//!   request and first online payment (`fee_requested_deltas`,
//!   `paid_online_deltas`) on its reception day.
//! - each received dossier with an event the national portal accepted
//!   through `synced_deltas` (766 indicator 1.4).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDateTime;
use motcua_rules::credit::Basis;
use motcua_rules::dossier::Status;
use motcua_rules::dossier::digitised::components_digitised;
use motcua_rules::stats::{self, Delta, EventFacts, StatsView};

use super::stats::Key;
use crate::db::Conn;
use crate::model::ComponentReceived;
use crate::{StoreError, params};

/// Counters from a replay, and each credited unit's province.
pub(crate) type Replayed = (BTreeMap<Key, i64>, HashMap<i64, i64>);

/// Dossiers replayed per batch: bounds the memory a rebuild holds.
const BATCH: i64 = 20_000;

/// What the replay needs of one dossier.
struct Facts {
    units: [(Basis, i64); 2],
    procedure: i64,
    channel: i16,
    certified_copy: bool,
    charges_fees: bool,
    received_at: Option<NaiveDateTime>,
    components: Vec<ComponentReceived>,
}

/// The procedure versions that are certified electronic copies, and those
/// that charge a fee.
fn special_versions(c: &mut dyn Conn) -> Result<(HashSet<i64>, HashSet<i64>), StoreError> {
    let (mut certified, mut fees) = (HashSet::new(), HashSet::new());
    for r in c.query("SELECT id, data FROM procedure_versions", &[])? {
        let data: serde_json::Value = r.json(1)?;
        if data.get("certified_copy").and_then(serde_json::Value::as_bool) == Some(true) {
            certified.insert(r.i64(0)?);
        }
        let charged = data.get("fees").and_then(serde_json::Value::as_array).is_some_and(|fees| {
            fees.iter().any(|f| f.get("amount_vnd").and_then(serde_json::Value::as_i64).is_some_and(|a| a > 0))
        });
        if charged {
            fees.insert(r.i64(0)?);
        }
    }
    Ok((certified, fees))
}

/// Replays everything stored; returns every counter with its value (zeros
/// left out).
pub(crate) fn replay(c: &mut dyn Conn) -> Result<Replayed, StoreError> {
    let (certified, fee_versions) = special_versions(c)?;
    let mut counts: BTreeMap<Key, i64> = BTreeMap::new();
    let mut provinces: HashMap<i64, i64> = HashMap::new();
    let mut after = 0i64;
    loop {
        let dossiers = c.query(
            "SELECT id, receiving_unit_id, procedure_id, province_id, channel, handling_unit_id, \
             procedure_version_id, components, received_at FROM dossiers WHERE id > $1 ORDER BY id LIMIT $2",
            params![after, BATCH],
        )?;
        let (Some(first), Some(last)) = (dossiers.first(), dossiers.last()) else { break };
        let (lo, hi) = (first.i64(0)?, last.i64(0)?);
        let mut info = HashMap::new();
        for d in &dossiers {
            let units = [(Basis::Intake, d.i64(1)?), (Basis::Handling, d.i64(5)?)];
            for (_, unit) in units {
                provinces.insert(unit, d.i64(3)?);
            }
            let facts = Facts {
                units,
                procedure: d.i64(2)?,
                channel: d.i64(4)? as i16,
                certified_copy: certified.contains(&d.i64(6)?),
                charges_fees: fee_versions.contains(&d.i64(6)?),
                received_at: d.opt_time(8)?,
                components: d.json(7)?,
            };
            info.insert(d.i64(0)?, facts);
        }
        let mut add = |id: i64, deltas: Vec<Delta>| -> Result<(), StoreError> {
            let f = info.get(&id).ok_or_else(|| StoreError::internal("row without dossier"))?;
            for d in deltas {
                for (basis, unit) in f.units {
                    *counts.entry((basis, unit, f.procedure, d.day, d.metric)).or_insert(0) += d.n;
                }
            }
            Ok(())
        };
        let reusing: HashSet<i64> = c
            .query(
                "SELECT DISTINCT dossier_id FROM attachments WHERE kept_document_id IS NOT NULL \
                 AND dossier_id >= $1 AND dossier_id <= $2",
                params![lo, hi],
            )?
            .iter()
            .map(|r| r.i64(0))
            .collect::<Result<_, _>>()?;
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
            let f = info.get(&id).ok_or_else(|| StoreError::internal("event without dossier"))?;
            let mut deltas = stats::deltas(&current.1, &next, f.channel, facts.at);
            if f.certified_copy {
                deltas.extend(stats::certified_copy_deltas(&current.1, &next, facts.at));
            }
            if reusing.contains(&id) {
                deltas.extend(stats::reuse_deltas(&current.1, &next, facts.at));
            }
            if f.charges_fees {
                deltas.extend(stats::fee_obligation_deltas(&current.1, &next, facts.at));
            }
            add(id, deltas)?;
            current.1 = next;
        }
        let ratings = c.query(
            "SELECT dossier_id, total, rated_at FROM dossier_ratings WHERE dossier_id >= $1 AND dossier_id <= $2",
            params![lo, hi],
        )?;
        for r in &ratings {
            add(r.i64(0)?, stats::rating_deltas(r.i64(1)? as u32, r.time(2)?))?;
        }
        // The files by component, for whether a dossier's components were
        // all digitised when its first result was issued.
        let mut files: HashMap<i64, Vec<(String, NaiveDateTime)>> = HashMap::new();
        for r in c.query(
            "SELECT dossier_id, component, uploaded_at FROM attachments WHERE component IS NOT NULL \
             AND kind IN ('submission', 'supplement', 'digitised') AND dossier_id >= $1 AND dossier_id <= $2",
            params![lo, hi],
        )? {
            files.entry(r.i64(0)?).or_default().push((r.string(1)?, r.time(2)?));
        }
        let results = c.query(
            "SELECT dossier_id, MIN(issued_at) FROM results WHERE issued_at IS NOT NULL \
             AND dossier_id >= $1 AND dossier_id <= $2 GROUP BY dossier_id",
            params![lo, hi],
        )?;
        for r in &results {
            let (id, issued_at) = (r.i64(0)?, r.time(1)?);
            let f = info.get(&id).ok_or_else(|| StoreError::internal("result without dossier"))?;
            let with_files: BTreeSet<&str> = files
                .get(&id)
                .into_iter()
                .flatten()
                .filter(|(_, at)| *at <= issued_at)
                .map(|(name, _)| name.as_str())
                .collect();
            let received: Vec<&str> = f.components.iter().map(|c| c.name.as_str()).collect();
            let deltas =
                stats::result_deltas(issued_at, components_digitised(&received, &with_files), f.certified_copy);
            add(id, deltas)?;
        }
        // Counters dated on the dossier's reception day: the online-payment
        // group (its first payment request, its first online payment) and
        // 766 indicator 1.4 (an event the national portal accepted).
        for (sql, deltas) in [
            (
                "SELECT DISTINCT dossier_id FROM payment_requests WHERE dossier_id >= $1 AND dossier_id <= $2",
                stats::fee_requested_deltas as fn(NaiveDateTime) -> Vec<Delta>,
            ),
            (
                "SELECT DISTINCT dossier_id FROM payments WHERE method = 'online' AND dossier_id >= $1 AND dossier_id <= $2",
                stats::paid_online_deltas,
            ),
            (
                "SELECT DISTINCT dossier_id FROM portal_sync WHERE state = 'sent' AND dossier_id >= $1 AND dossier_id <= $2",
                stats::synced_deltas,
            ),
        ] {
            for r in c.query(sql, params![lo, hi])? {
                let id = r.i64(0)?;
                let received = info.get(&id).and_then(|f| f.received_at);
                if let Some(received) = received {
                    add(id, deltas(received))?;
                }
            }
        }
        after = hi;
    }
    counts.retain(|_, n| *n != 0);
    Ok((counts, provinces))
}
