//! A dossier's history as its page and the API's answers show it: the
//! events, and the step visits beside them.

use super::dossiers::status;
use super::steps::{StepVisit, VISITS_SQL, visit_from_row};
use crate::db::Row;
use crate::model::DossierEvent;
use crate::{Store, StoreError, params};

/// A dossier's events, oldest first (`$1`: the dossier).
const EVENTS_SQL: &str = "SELECT seq, at, action, from_status, to_status, actor_user_id, actor_unit_id, note, \
     due_at, from_step, to_step, assigned_from, assigned_to, note_for_applicant \
     FROM dossier_events WHERE dossier_id = $1 ORDER BY seq";

/// A row whose first 14 columns are those of [`EVENTS_SQL`], in its order.
pub(crate) fn event_from_row(r: &Row) -> Result<DossierEvent, StoreError> {
    Ok(DossierEvent {
        id: r.i64(0)?,
        at: r.time(1)?,
        action: r.string(2)?,
        from_status: status(r.opt_i64(3)?)?,
        to_status: status(Some(r.i64(4)?))?.expect("present"),
        actor_user_id: r.opt_i64(5)?,
        actor_unit_id: r.opt_i64(6)?,
        note: r.opt_string(7)?,
        due_at: r.opt_time(8)?,
        from_step: r.opt_i64(9)?.map(|v| v as u32),
        to_step: r.opt_i64(10)?.map(|v| v as u32),
        assigned_from: r.opt_i64(11)?,
        assigned_to: r.opt_i64(12)?,
        note_for_applicant: r.bool(13)?,
    })
}

impl Store {
    /// The dossier's history, oldest first.
    pub async fn dossier_events(&self, dossier_id: i64) -> Result<Vec<DossierEvent>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| c.query(EVENTS_SQL, params![dossier_id])?.iter().map(event_from_row).collect())
        })
        .await
    }

    /// The dossier's events and step visits, read together: one round trip
    /// on PostgreSQL (`Conn::query_all`), for every dossier page and every
    /// action's answer.
    pub async fn dossier_history(&self, dossier_id: i64) -> Result<(Vec<DossierEvent>, Vec<StepVisit>), StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let id = params![dossier_id];
                let [events, visits]: [Vec<Row>; 2] =
                    c.query_all(&[(EVENTS_SQL, id), (VISITS_SQL, id)])?.try_into().expect("two queries, two answers");
                let events = events.iter().map(event_from_row).collect::<Result<_, _>>()?;
                let visits = visits.iter().map(visit_from_row).collect::<Result<_, _>>()?;
                Ok((events, visits))
            })
        })
        .await
    }
}
