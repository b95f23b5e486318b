//! A dossier's route: the unit of each workflow step, resolved by the rules
//! (`motcua_rules::dossier::routing`) from the unit tree when the dossier
//! is created, and stored with it (`dossiers.route`).

use std::sync::Arc;

use motcua_rules::credit;
use motcua_rules::dossier::routing::{self, RoutingFacts, UnitFact};
use motcua_rules::scope::UnitRef;

use super::units::unit_by_id;
use crate::db::Conn;
use crate::model::{ProcedureVersion, Unit};
use crate::{Store, StoreError};

impl Store {
    /// The route a dossier of `version` received at `receiving` would get,
    /// or why it would be refused (for load-test data and checks).
    pub async fn route(&self, version: Arc<ProcedureVersion>, receiving: Unit) -> Result<Vec<UnitRef>, StoreError> {
        self.blocking(move |s| s.read(|c| route_for(c, s, &version, &receiving).map(|(route, _)| route))).await
    }

    /// A unit's routing facts. Units are never edited or moved once
    /// created, so they are cached for the life of the process.
    fn unit_fact(&self, c: &mut dyn Conn, id: i64) -> Result<Arc<UnitFact>, StoreError> {
        if let Some(f) = self.inner.units.read().expect("cache poisoned").get(&id) {
            return Ok(f.clone());
        }
        let unit = unit_by_id(c, id)?.ok_or_else(|| StoreError::not_found("unit_not_found"))?;
        let fact = Arc::new(UnitFact { unit: unit.as_ref(), level: unit.level, name: unit.name });
        self.inner.units.write().expect("cache poisoned").insert(id, fact.clone());
        Ok(fact)
    }
}

/// Checks that `receiving` may receive the procedure and resolves the unit
/// of every step for a dossier received there, and the unit that handles
/// it (its statistics' "handling" credit, `rules::credit::handling_unit`).
pub(crate) fn route_for(
    c: &mut dyn Conn,
    store: &Store,
    version: &ProcedureVersion,
    receiving: &Unit,
) -> Result<(Vec<UnitRef>, UnitRef), StoreError> {
    let lineage: Vec<i64> = receiving.as_ref().lineage().collect();
    let mut upward = Vec::with_capacity(lineage.len());
    for id in lineage.into_iter().rev() {
        upward.push(store.unit_fact(c, id)?.as_ref().clone());
    }
    let agency = store.unit_fact(c, version.agency_unit_id)?;
    let facts = RoutingFacts { upward: &upward, procedure_level: &version.data.level, agency: &agency };
    if !routing::may_receive(&facts, &version.extra_receivers) {
        return Err(routing::not_a_receiver(&receiving.name, &version.data.code).into());
    }
    let route = routing::resolve_route(&version.steps, &facts)?;
    let handling = credit::handling_unit(&facts).ok_or_else(|| StoreError::not_found("unit_not_found"))?;
    Ok((route, handling))
}
