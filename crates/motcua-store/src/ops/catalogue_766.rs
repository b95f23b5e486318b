//! 766 indicators 1.1–1.3 from the catalogue (docs/index766.md §9): each
//! unit of a set is scored on the procedures whose implementing agency lies
//! in its subtree. Read at request time from the catalogue, not from
//! counters: a province's catalogue holds a few thousand procedures and
//! their decisions, and the dates an administrator corrects change past
//! periods, which counters would have to replay.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::index766::publication::{Decision, PublicationCounts, PublisherLevel, count_decisions};
use motcua_rules::period::Period;

use super::rollups::UnitSet;
use crate::db::Conn;
use crate::model::ProcedureData;
use crate::{Store, StoreError, params};

impl Store {
    /// The 1.1–1.3 counts of each unit of `set` (its subtree) for `period`
    /// as of `today`, on `calendar`'s working days with the deadlines of
    /// `level`. A unit with no procedure has all zeros (not measured).
    pub async fn publication_counts(
        &self,
        set: UnitSet,
        period: Period,
        today: NaiveDate,
        level: PublisherLevel,
        calendar: Arc<WorkCalendar>,
    ) -> Result<HashMap<i64, PublicationCounts>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let units = super::units::units_of(c, &set)?;
                publication_counts(c, &units, period.as_of(today), level, &calendar)
            })
        })
        .await
    }
}

fn publication_counts(
    c: &mut dyn Conn,
    units: &[crate::model::Unit],
    period: Option<Period>,
    level: PublisherLevel,
    calendar: &WorkCalendar,
) -> Result<HashMap<i64, PublicationCounts>, StoreError> {
    let by_path: HashMap<&str, i64> = units.iter().map(|u| (u.path.as_str(), u.id)).collect();
    let provinces: BTreeSet<i64> = units.iter().map(|u| u.province_id).collect();
    let mut out: HashMap<i64, PublicationCounts> = HashMap::new();
    for province in provinces {
        // 1.1 and 1.2: every dated decision up to the period's end; of the
        // versions naming one decision, the latest holds its dates (an
        // administrator's correction replaces the earlier values).
        let mut decisions: HashMap<(i64, String), (i64, i64, Decision)> = HashMap::new();
        if let Some(p) = period {
            let rows = c.query(
                "SELECT u.path, v.procedure_id, v.version, v.decision, v.decision_date, v.basis_effective, \
                 v.public_date FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id \
                 JOIN units u ON u.id = p.agency_unit_id \
                 WHERE u.province_id = $1 AND v.decision_date IS NOT NULL AND v.decision_date <= $2",
                params![province, p.to],
            )?;
            for r in &rows {
                let Some(owner) = super::units::owner_in(&by_path, r.str(0)?) else { continue };
                let (procedure_id, version, decided) = (r.i64(1)?, r.i64(2)?, r.date(4)?);
                let key = r.opt_string(3)?.unwrap_or_else(|| decided.to_string());
                let d =
                    Decision { procedure_id, decided, basis_effective: r.opt_date(5)?, made_public: r.opt_date(6)? };
                let slot = decisions.entry((procedure_id, key)).or_insert((version, owner, d));
                if version >= slot.0 {
                    *slot = (version, owner, d);
                }
            }
        }
        let mut per_unit: HashMap<i64, Vec<Decision>> = HashMap::new();
        for (_, owner, d) in decisions.into_values() {
            per_unit.entry(owner).or_default().push(d);
        }
        for (owner, list) in per_unit {
            if let Some(p) = period {
                out.insert(owner, count_decisions(&list, p, level, calendar));
            }
        }
        // 1.3, a point-in-time count: the current version of each
        // procedure in force.
        let rows = c.query(
            "SELECT u.path, v.data FROM procedures p JOIN procedure_versions v ON v.id = p.current_version_id \
             JOIN units u ON u.id = p.agency_unit_id \
             WHERE u.province_id = $1 AND p.publication_status <> 'abolished'",
            params![province],
        )?;
        for r in &rows {
            let Some(owner) = super::units::owner_in(&by_path, r.str(0)?) else { continue };
            let data: ProcedureData = r.json(1)?;
            let slot = out.entry(owner).or_default();
            slot.in_force += 1;
            slot.content_complete += u64::from(data.content_parts().complete());
        }
    }
    Ok(out)
}
