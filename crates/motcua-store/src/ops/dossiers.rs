//! Dossiers: creation, actions with optimistic concurrency, history.
//!
//! An action is one transaction: read the dossier, check its version, let
//! the rules compute the next state, write it back only if nobody changed
//! it meanwhile (`WHERE version = $expected`), issue the code if it was just
//! received, and append the event and the notice it causes the applicant
//! (`ops/notifications.rs`: this is the one place actions are written, so
//! no path forgets it). Two officers acting at once: the second
//! `UPDATE` finds the version moved on and gets `stale_version` (409).

use std::sync::Arc;

use chrono::NaiveDateTime;
use motcua_rules::Role;
use motcua_rules::RuleError;
use motcua_rules::dossier::step_clock::running;
use motcua_rules::dossier::{DossierState, Status};
use motcua_rules::scope::UnitRef;

use motcua_rules::stats::{self, StatsView};

use super::attachments::{PutFile, check_files, insert_files};
use super::routing::route_for;
use super::stats::add_counts;
use crate::db::{Conn, DbError, Deferred, Dialect, Row, Value};
use crate::model::{Applicant, Channel, ComponentReceived, Dossier, EventInput, NewAttachment, ProcedureVersion, Unit};
use crate::{Store, StoreError, params};

/// A dossier by its internal id or by its public code.
#[derive(Debug, Clone)]
pub enum DossierRef {
    Id(i64),
    Code(String),
}

/// A retried online submission carries the same key; the store answers
/// with the dossier the first attempt made.
#[derive(Debug, Clone)]
pub struct Idempotency {
    pub user_id: i64,
    pub key: String,
    /// A hash of the request body: the same key with another body is refused.
    pub request_hash: String,
}

#[derive(Debug, Clone)]
pub struct NewDossier {
    pub version: Arc<ProcedureVersion>,
    pub receiving_unit: Unit,
    pub channel: Channel,
    pub applicant: Applicant,
    pub components: Vec<ComponentReceived>,
    /// From `rules::dossier::submit_online` or `receive_at_counter`.
    pub state: DossierState,
    pub event: EventInput,
    pub idempotency: Option<Idempotency>,
    pub now: NaiveDateTime,
}

pub(crate) const COLUMNS: &str = "d.id, d.code, d.province_id, d.procedure_id, d.procedure_version_id, \
    d.receiving_unit_id, d.current_unit_id, d.inbox_role, d.step, d.status, d.channel, d.owner_user_id, \
    d.applicant, d.components, d.submitted_at, d.received_at, d.due_at, d.paused_at, d.resume_status, \
    d.supplement_count, d.rescheduled, d.finished_at, d.returned_at, d.version, d.updated_at, ru.path, cu.path, \
    d.paused_days, d.processing_days, d.route, d.step_started_at, d.step_due_at, d.step_paused_days, \
    d.handling_unit_id, hu.path, d.assigned_user_id, d.supplement_arrived_at";
/// How many columns [`COLUMNS`] has: a query that adds its own reads them
/// from this index on.
pub(crate) const COLUMN_COUNT: usize = 37;
pub(crate) const FROM: &str = "FROM dossiers d JOIN units ru ON ru.id = d.receiving_unit_id \
    JOIN units cu ON cu.id = d.current_unit_id JOIN units hu ON hu.id = d.handling_unit_id";

pub(crate) fn status(code: Option<i64>) -> Result<Option<Status>, StoreError> {
    code.map(|c| {
        i16::try_from(c)
            .ok()
            .and_then(Status::from_code)
            .ok_or_else(|| StoreError::internal(format!("unknown status {c}")))
    })
    .transpose()
}

pub(crate) fn dossier_from_row(r: &Row) -> Result<Dossier, StoreError> {
    let role = r.str(7)?;
    let state = DossierState {
        status: status(Some(r.i64(9)?))?.expect("present"),
        step: r.opt_i64(8)?.map(|s| s as u32),
        current_unit: UnitRef { id: r.i64(6)?, path: r.string(26)? },
        current_role: Role::parse(role).ok_or_else(|| StoreError::internal(format!("unknown role {role}")))?,
        receiving_unit: UnitRef { id: r.i64(5)?, path: r.string(25)? },
        owner_user_id: r.opt_i64(11)?,
        received_at: r.opt_time(15)?,
        due_at: r.opt_time(16)?,
        paused_at: r.opt_time(17)?,
        resume_status: status(r.opt_i64(18)?)?,
        supplement_count: r.i64(19)? as u32,
        rescheduled: r.bool(20)?,
        paused_days: r.i64(27)? as u32,
        processing_days: r.opt_i64(28)?.map(|d| d as u32),
        finished_at: r.opt_time(21)?,
        step_started_at: r.opt_time(30)?,
        step_due_at: r.opt_time(31)?,
        step_paused_days: r.i64(32)? as u32,
        ended_step: None,
        assigned_user_id: r.opt_i64(35)?,
        supplement_arrived_at: r.opt_time(COLUMN_COUNT - 1)?,
    };
    Ok(Dossier {
        id: r.i64(0)?,
        code: r.opt_string(1)?,
        province_id: r.i64(2)?,
        procedure_id: r.i64(3)?,
        procedure_version_id: r.i64(4)?,
        channel: Channel::from_code(r.i64(10)?).ok_or_else(|| StoreError::internal("unknown channel"))?,
        applicant: r.json(12)?,
        components: r.json(13)?,
        submitted_at: r.time(14)?,
        returned_at: r.opt_time(22)?,
        version: r.i64(23)?,
        updated_at: r.time(24)?,
        state,
        route: r.json(29)?,
        handling_unit: UnitRef { id: r.i64(33)?, path: r.string(34)? },
    })
}

pub(crate) fn load(c: &mut dyn Conn, r: &DossierRef) -> Result<Option<Dossier>, StoreError> {
    let (sql, arg): (String, Value) = match r {
        DossierRef::Id(id) => (format!("SELECT {COLUMNS} {FROM} WHERE d.id = $1"), (*id).into()),
        DossierRef::Code(code) => (format!("SELECT {COLUMNS} {FROM} WHERE d.code = $1"), code.into()),
    };
    c.query_opt(&sql, &[arg])?.as_ref().map(dossier_from_row).transpose()
}

/// [`load`] in a write that will change the dossier. On PostgreSQL the row
/// is locked until commit (`FOR UPDATE`): a concurrent action waits, then
/// reads the version this one wrote. SQLite's write transaction holds the
/// whole database's write lock already.
fn load_locked(c: &mut dyn Conn, r: &DossierRef) -> Result<Option<Dossier>, StoreError> {
    let lock = if c.dialect() == Dialect::Postgres { " FOR UPDATE OF d" } else { "" };
    let (sql, arg): (String, Value) = match r {
        DossierRef::Id(id) => (format!("SELECT {COLUMNS} {FROM} WHERE d.id = $1{lock}"), (*id).into()),
        DossierRef::Code(code) => (format!("SELECT {COLUMNS} {FROM} WHERE d.code = $1{lock}"), code.into()),
    };
    c.query_opt(&sql, &[arg])?.as_ref().map(dossier_from_row).transpose()
}

pub(crate) fn dossier_not_found() -> StoreError {
    StoreError::not_found("dossier_not_found")
}

fn stale_version() -> StoreError {
    StoreError::conflict("stale_version", Some("version")).arg("case", "dossier")
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::internal(e.to_string()))
}

/// The next number of the receiving unit's daily sequence, unique under
/// concurrency: the upsert locks the counter row until commit.
fn next_code(c: &mut dyn Conn, store: &Store, unit_id: i64, received_at: NaiveDateTime) -> Result<String, StoreError> {
    let day = received_at.date();
    let seq =
        super::numbering::next(c, "dossier_code_seq", "last_seq", &[("unit_id", unit_id.into()), ("day", day.into())])?;
    let unit_code = c.query_one("SELECT code FROM units WHERE id = $1", params![unit_id])?.string(0)?;
    let unit = motcua_rules::codes::UnitCode::parse(&unit_code, "receiving_unit")?;
    let seq = u32::try_from(seq).map_err(|_| StoreError::internal("sequence overflow"))?;
    Ok(store.code_format().format(&unit, day, seq)?)
}

/// Where an event goes in the history: the dossier and the version the
/// event produced (its key), the province, and the time.
struct EventPlace {
    dossier_id: i64,
    seq: i64,
    province_id: i64,
    at: NaiveDateTime,
}

/// Writes one history row and queues it for the national portal: the
/// event, and the state after it; `from` is
/// the state before it (`None` for the dossier's first event). The step and
/// the assignment before and after let a history line show a return and a
/// reassignment (from … to …).
fn insert_event(
    c: &mut dyn Conn,
    place: EventPlace,
    from: Option<&DossierState>,
    to: &DossierState,
    event: &EventInput,
) -> Result<(), StoreError> {
    let EventPlace { dossier_id, seq, province_id, at } = place;
    c.execute(
        "INSERT INTO dossier_events (dossier_id, seq, province_id, at, action, from_status, to_status, \
         actor_user_id, actor_unit_id, note, due_at, supplement_count, processing_days, from_step, to_step, \
         assigned_from, assigned_to, note_for_applicant) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
        params![
            dossier_id,
            seq,
            province_id,
            at,
            event.action,
            from.map(|f| f.status.code()),
            to.status.code(),
            event.actor_user_id,
            event.actor_unit_id,
            event.note.as_deref(),
            to.due_at,
            to.supplement_count,
            to.processing_days,
            from.and_then(|f| f.step),
            to.step,
            from.and_then(|f| f.assigned_user_id),
            to.assigned_user_id,
            event.note_audience.is_applicant()
        ],
    )?;
    // Every event goes to the national portal: queued here, the one place
    // every action path writes its event, so none can forget it
    // (docs/portal-sync.md).
    super::portal_sync::enqueue(c, dossier_id, seq, at)?;
    Ok(())
}

/// Creates the dossier and writes its files; an idempotent replay answers
/// the dossier the first attempt made and writes nothing (its files came
/// with that attempt).
fn create(
    c: &mut dyn Conn,
    store: &Store,
    new: &NewDossier,
    files: Vec<PutFile>,
    then: impl FnOnce(&mut dyn Conn, i64) -> Result<(), StoreError>,
) -> Result<(Dossier, bool), StoreError> {
    if let Some(idem) = &new.idempotency
        && let Some(existing) = by_idempotency(c, idem)?
    {
        return Ok((existing, false));
    }
    let id = insert(c, store, new, true)?;
    insert_files(c, id, files, new.event.actor_user_id, new.now)?;
    then(c, id)?;
    let dossier = load(c, &DossierRef::Id(id))?.ok_or_else(dossier_not_found)?;
    Ok((dossier, true))
}

/// Writes a new dossier: its row with its route (refused when the unit may
/// not receive the procedure or a step has no unit), its code when
/// received, its first event and its idempotency key. Returns its id.
fn insert(c: &mut dyn Conn, store: &Store, new: &NewDossier, notify: bool) -> Result<i64, StoreError> {
    let s = &new.state;
    let (route, handling) = route_for(c, store, &new.version, &new.receiving_unit)?;
    let province_id = new.receiving_unit.province_id;
    let inbox_due = s.due_at.unwrap_or(new.now);
    let id = c
        .query_one(
            "INSERT INTO dossiers (province_id, procedure_id, procedure_version_id, receiving_unit_id, \
             current_unit_id, inbox_role, step, status, channel, owner_user_id, applicant, applicant_name, \
             components, submitted_at, received_at, due_at, inbox_due, supplement_count, rescheduled, version, \
             updated_at, route, step_started_at, step_due_at, handling_unit_id) VALUES ($1, $2, $3, $4, $5, $6, \
             $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 0, $18, 1, $19, $20, $21, $22, $23) RETURNING id",
            params![
                province_id,
                new.version.procedure_id,
                new.version.id,
                s.receiving_unit.id,
                s.current_unit.id,
                s.current_role.as_str(),
                s.step,
                s.status.code(),
                new.channel.code(),
                s.owner_user_id,
                to_json(&new.applicant)?,
                new.applicant.name.as_str(),
                to_json(&new.components)?,
                new.now,
                s.received_at,
                s.due_at,
                inbox_due,
                false,
                new.now,
                to_json(&route)?,
                s.step_started_at,
                s.step_due_at,
                handling.id
            ],
        )?
        .i64(0)?;
    if let Some(received_at) = s.received_at {
        let code = next_code(c, store, s.receiving_unit.id, received_at)?;
        c.execute("UPDATE dossiers SET code = $1 WHERE id = $2", params![&code, id])?;
    }
    // The history row, the search keys and the counters: one round trip on
    // PostgreSQL (`db::Deferred`).
    let mut w = Deferred::new(c);
    let place = EventPlace { dossier_id: id, seq: 1, province_id, at: new.now };
    insert_event(&mut w, place, None, s, &new.event)?;
    let route_paths = route.iter().map(|u| u.path.as_str());
    super::dossier_search::index_dossier(&mut w, id, &new.applicant, &s.receiving_unit.path, route_paths)?;
    if notify {
        super::notifications::enqueue_for_action(&mut w, id, 1, new.event.action, new.now)?;
    }
    // A dossier written already in a step (generated load data; a real
    // one starts at the counter) gets its open visit, as an action would.
    if running(s) && s.step.is_some() && s.step_started_at.is_some() {
        super::steps::open_visit(&mut w, id, province_id, 1, s)?;
    }
    let mut counts = stats::deltas(&StatsView::default(), &StatsView::of(s), new.channel.code(), new.now);
    // 766 group 4: a dossier of a fee-charging procedure, once received (3.6).
    if new.version.data.charges_fees() {
        counts.extend(stats::fee_obligation_deltas(&StatsView::default(), &StatsView::of(s), new.now));
    }
    add_counts(&mut w, &s.receiving_unit, &handling, new.version.procedure_id, province_id, &counts)?;
    w.flush()?;
    if let Some(idem) = &new.idempotency {
        c.execute(
            "INSERT INTO idempotency_keys (user_id, key, request_hash, dossier_id, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
            params![idem.user_id, &idem.key, &idem.request_hash, id, new.now],
        )?;
    }
    Ok(id)
}

fn by_idempotency(c: &mut dyn Conn, idem: &Idempotency) -> Result<Option<Dossier>, StoreError> {
    let Some(row) = c.query_opt(
        "SELECT request_hash, dossier_id FROM idempotency_keys WHERE user_id = $1 AND key = $2",
        params![idem.user_id, &idem.key],
    )?
    else {
        return Ok(None);
    };
    if row.str(0)? != idem.request_hash {
        return Err(StoreError::Rule(RuleError::of(
            "idempotency_key_reused",
            motcua_rules::error::ErrorKind::Conflict,
            Some("Idempotency-Key"),
        )));
    }
    load(c, &DossierRef::Id(row.i64(1)?))
}

/// An action inside the caller's transaction (see [`Store::act`]); the
/// online supplement writes its files in the same one.
pub(crate) fn act_in<F>(
    c: &mut dyn Conn,
    s: &Store,
    r: &DossierRef,
    expected_version: i64,
    event: &EventInput,
    now: NaiveDateTime,
    decide: F,
) -> Result<Dossier, StoreError>
where
    F: FnOnce(&Dossier, &ProcedureVersion) -> Result<DossierState, RuleError>,
{
    let d = load_locked(c, r)?.ok_or_else(dossier_not_found)?;
    if d.version != expected_version {
        return Err(stale_version());
    }
    let version = s.version_in(c, d.procedure_version_id)?;
    let next = decide(&d, &version)?;
    if let Some(to) = next.assigned_user_id.filter(|to| d.state.assigned_user_id != Some(*to)) {
        super::users::recheck_assignee(c, &d.state, to)?;
    }
    let returned_at = if next.status == Status::Returned { Some(now) } else { d.returned_at };
    // The code is issued when the dossier is received (reads and the
    // counter's upsert), before the writes are queued.
    let mut code = d.code.clone();
    if code.is_none()
        && let Some(received_at) = next.received_at
    {
        code = Some(next_code(c, s, next.receiving_unit.id, received_at)?);
    }
    let (before, after) = (StatsView::of(&d.state), StatsView::of(&next));
    let mut counts = stats::deltas(&before, &after, d.channel.code(), now);
    // 766 group 5: a certified copy handled (4.6); a reuse counted when an
    // online dossier is received (one read, once in its life: 4.3).
    if version.data.certified_copy {
        counts.extend(stats::certified_copy_deltas(&before, &after, now));
    }
    if version.data.charges_fees() {
        counts.extend(stats::fee_obligation_deltas(&before, &after, now));
    }
    if d.state.received_at.is_none() && next.received_at.is_some() && super::kept_documents::reuses_kept(c, d.id)? {
        counts.extend(stats::reuse_deltas(&before, &after, now));
    }
    let place = EventPlace { dossier_id: d.id, seq: expected_version + 1, province_id: d.province_id, at: now };
    // The dossier, its history row, the step visits and the counters:
    // queued, and sent with the commit on PostgreSQL (`db::Deferred`). The
    // update need not report what it changed: the row was locked when its
    // version was checked, so the version still holds.
    let mut w = Deferred::new(c);
    w.execute(
        "UPDATE dossiers SET current_unit_id = $1, inbox_role = $2, step = $3, status = $4, \
         received_at = $5, due_at = $6, inbox_due = $7, paused_at = $8, resume_status = $9, \
         supplement_count = $10, rescheduled = $11, finished_at = $12, returned_at = $13, \
         version = $14, updated_at = $15, paused_days = $16, processing_days = $17, \
         step_started_at = $18, step_due_at = $19, step_paused_days = $20, \
         assigned_user_id = $21, supplement_arrived_at = $24, code = $25 \
         WHERE id = $22 AND version = $23",
        params![
            next.current_unit.id,
            next.current_role.as_str(),
            next.step,
            next.status.code(),
            next.received_at,
            next.due_at,
            next.due_at.unwrap_or(d.submitted_at),
            next.paused_at,
            next.resume_status.map(Status::code),
            next.supplement_count,
            next.rescheduled,
            next.finished_at,
            returned_at,
            expected_version + 1,
            now,
            next.paused_days,
            next.processing_days,
            next.step_started_at,
            next.step_due_at,
            next.step_paused_days,
            next.assigned_user_id,
            d.id,
            expected_version,
            next.supplement_arrived_at,
            code.as_deref()
        ],
    )?;
    insert_event(&mut w, place, Some(&d.state), &next, event)?;
    super::steps::record(&mut w, &d, &next, expected_version + 1)?;
    super::notifications::enqueue_for_action(&mut w, d.id, expected_version + 1, event.action, now)?;
    add_counts(&mut w, &d.state.receiving_unit, &d.handling_unit, d.procedure_id, d.province_id, &counts)?;
    w.flush()?;
    // What was written, without reading it back (the ended step
    // is written to its row above, not kept on the dossier).
    let state = DossierState { ended_step: None, ..next };
    Ok(Dossier { code, returned_at, version: expected_version + 1, updated_at: now, state, ..d })
}

impl Store {
    /// Creates a dossier; returns it and whether it was created now (false
    /// when an earlier request with the same idempotency key made it).
    pub async fn create_dossier(&self, new: NewDossier) -> Result<(Dossier, bool), StoreError> {
        self.create_dossier_with_files(new, Vec::new()).await
    }

    /// Like [`Store::create_dossier`], and writes the dossier's files in the
    /// same transaction, uploaded by the event's actor at `new.now`. On an
    /// idempotent replay (`false`) the files are not written again. An empty
    /// file fails with `empty_file` (field `files`) and nothing is written,
    /// the dossier included.
    pub async fn create_dossier_with_files(
        &self,
        new: NewDossier,
        files: Vec<NewAttachment>,
    ) -> Result<(Dossier, bool), StoreError> {
        self.create_dossier_then(new, files, |_, _| Ok(())).await
    }

    /// [`Store::create_dossier_with_files`], then `then` with the new
    /// dossier's id in the same transaction (not on an idempotent replay):
    /// what another area keeps with a new dossier (its e-form's values).
    pub(crate) async fn create_dossier_then<F>(
        &self,
        new: NewDossier,
        files: Vec<NewAttachment>,
        then: F,
    ) -> Result<(Dossier, bool), StoreError>
    where
        F: FnOnce(&mut dyn Conn, i64) -> Result<(), StoreError> + Send + 'static,
    {
        check_files(&files)?;
        // On an idempotent replay the bytes are put again: the same bytes,
        // the same file, touched, and nothing recorded twice.
        let files = self.put_files(files).await?;
        self.blocking(move |s| match s.write(|c| create(c, s, &new, files, then)) {
            // Two attempts with one key raced past the check: the loser's
            // insert hit the key's primary key. Answer with the winner's.
            Err(StoreError::Db(DbError::Unique(_))) if new.idempotency.is_some() => {
                let idem = new.idempotency.as_ref().expect("checked");
                s.read(|c| by_idempotency(c, idem))?
                    .map(|d| (d, false))
                    .ok_or_else(|| StoreError::internal("idempotent dossier vanished"))
            }
            other => other,
        })
        .await
    }

    /// Writes many dossiers in one transaction, without reading them back:
    /// for generating benchmark data.
    pub async fn create_dossiers_bulk(&self, batch: Vec<NewDossier>) -> Result<usize, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                for new in &batch {
                    // Generated data: no notice for events of the past.
                    insert(c, s, new, false)?;
                }
                Ok(batch.len())
            })
        })
        .await
    }

    pub async fn dossier(&self, r: DossierRef) -> Result<Option<Dossier>, StoreError> {
        self.blocking(move |s| s.read(|c| load(c, &r))).await
    }

    /// The procedure version a dossier was received under.
    pub async fn procedure_version(&self, id: i64) -> Result<Arc<ProcedureVersion>, StoreError> {
        self.blocking(move |s| s.read(|c| s.version_in(c, id))).await
    }

    /// Applies an action: `decide` gets the dossier as it is inside the
    /// transaction and its procedure version, and returns the next state
    /// (from `rules::dossier::apply`). Fails with `stale_version` when the
    /// dossier's version is not `expected_version`.
    pub async fn act<F>(
        &self,
        r: DossierRef,
        expected_version: i64,
        event: EventInput,
        now: NaiveDateTime,
        decide: F,
    ) -> Result<Dossier, StoreError>
    where
        F: FnOnce(&Dossier, &ProcedureVersion) -> Result<DossierState, RuleError> + Send + 'static,
    {
        self.blocking(move |s| s.write(|c| act_in(c, s, &r, expected_version, &event, now, decide))).await
    }

    /// A citizen's own dossiers, newest first, a page at a time: those
    /// with an id below `before_id` (the last id of the previous page),
    /// and with one of `statuses` when it is not empty (the filter of "My
    /// dossiers").
    pub async fn dossiers_of_owner(
        &self,
        user_id: i64,
        before_id: Option<i64>,
        limit: u32,
        statuses: &[Status],
    ) -> Result<Vec<Dossier>, StoreError> {
        // The national codes are small integers from the enum, written into
        // the SQL as such: no input reaches it.
        let only = if statuses.is_empty() {
            String::new()
        } else {
            let codes: Vec<String> = statuses.iter().map(|s| s.code().to_string()).collect();
            format!(" AND d.status IN ({})", codes.join(", "))
        };
        self.blocking(move |s| {
            s.read(|c| {
                let rows = c.query(
                    &format!(
                        "SELECT {COLUMNS} {FROM} WHERE d.owner_user_id = $1 AND d.id < $2{only} \
                         ORDER BY d.id DESC LIMIT $3"
                    ),
                    params![user_id, before_id.unwrap_or(i64::MAX), i64::from(limit.clamp(1, 200))],
                )?;
                rows.iter().map(dossier_from_row).collect()
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_column_count_is_the_columns() {
        assert_eq!(super::COLUMNS.split(", ").count(), super::COLUMN_COUNT);
    }
}
