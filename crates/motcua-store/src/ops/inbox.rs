//! The officer inbox: open dossiers waiting at a unit subtree and role,
//! soonest due first, with keyset (cursor) pagination so a page costs the
//! same on the first page and the thousandth, and no COUNT is run.

use chrono::NaiveDateTime;
use motcua_rules::Role;
use motcua_rules::dossier::Status;
use serde::Serialize;

use crate::db::{QueryBuilder, Row};
use crate::model::{Channel, Page};
use crate::{Store, StoreError};

#[derive(Debug, Clone)]
pub struct InboxQuery {
    /// The path of the officer's unit: the subtree they act in.
    pub scope_path: String,
    /// The role whose work is listed; `None` lists every role (leaders' overview).
    pub role: Option<Role>,
    pub status: Option<Status>,
    pub procedure_code: Option<String>,
    pub field_code: Option<String>,
    pub channel: Option<Channel>,
    pub received_from: Option<NaiveDateTime>,
    pub received_to: Option<NaiveDateTime>,
    /// Only dossiers past their due moment at this time.
    pub overdue_at: Option<NaiveDateTime>,
    /// Only dossiers whose running step is past its own due moment at this
    /// time, with the clock running.
    pub step_overdue_at: Option<NaiveDateTime>,
    /// "Assigned to me" (Được giao cho tôi): only the dossiers assigned to
    /// this user whose current unit is in the scope, whatever their role;
    /// `None` lists the unit's work (Của đơn vị), assigned or not.
    pub assigned_to: Option<i64>,
    pub after: Option<InboxCursor>,
    pub limit: u32,
}

impl InboxQuery {
    /// The first page of `role`'s work in the subtree at `scope_path`, no
    /// other filter.
    pub fn new(scope_path: impl Into<String>, role: Option<Role>, limit: u32) -> InboxQuery {
        InboxQuery {
            scope_path: scope_path.into(),
            role,
            status: None,
            procedure_code: None,
            field_code: None,
            channel: None,
            received_from: None,
            received_to: None,
            overdue_at: None,
            step_overdue_at: None,
            assigned_to: None,
            after: None,
            limit,
        }
    }
}

/// Where the next page starts: the last row's sort key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxCursor {
    pub due: NaiveDateTime,
    pub id: i64,
}

impl InboxCursor {
    /// `YYYYMMDDHHMMSS.ID`: opaque to clients, readable in logs.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.due.format("%Y%m%d%H%M%S"), self.id)
    }

    pub fn decode(s: &str) -> Option<InboxCursor> {
        let (due, id) = s.split_once('.')?;
        Some(InboxCursor { due: NaiveDateTime::parse_from_str(due, "%Y%m%d%H%M%S").ok()?, id: id.parse().ok()? })
    }
}

/// One line of the inbox.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InboxItem {
    pub id: i64,
    pub code: Option<String>,
    pub procedure_code: String,
    pub procedure_name: String,
    pub applicant_name: String,
    #[schema(value_type = String)]
    pub status: Status,
    pub channel: Channel,
    pub received_at: Option<NaiveDateTime>,
    pub due_at: Option<NaiveDateTime>,
    pub current_unit_id: i64,
    #[schema(value_type = String)]
    pub current_role: Role,
    pub step: Option<u32>,
    /// When the running step began, and its own due moment
    /// (`motcua_rules::dossier::step_clock`).
    pub step_started_at: Option<NaiveDateTime>,
    pub step_due_at: Option<NaiveDateTime>,
    /// Set while the clock is stopped for a supplement.
    pub paused_at: Option<NaiveDateTime>,
    pub version: i64,
    /// The officer the current step is assigned to, and their name.
    pub assigned_user_id: Option<i64>,
    pub assigned_name: Option<String>,
    /// Set while a supplement the citizen sent online waits for the
    /// counter to accept it or ask again.
    pub supplement_arrived_at: Option<NaiveDateTime>,
    #[serde(skip)]
    pub sort_due: NaiveDateTime,
}

/// The statuses that wait in someone's inbox. Must match the partial
/// index `dossiers_inbox` in the migrations.
const OPEN: &str = "d.status IN (1, 2, 4, 5, 6, 9)";

/// The columns [`item_from_row`] reads, over `d` (dossiers), `p`
/// (procedures) and `au` (the assigned user, left-joined).
pub(crate) const ITEM_COLUMNS: &str = "d.id, d.code, p.code, p.name, d.applicant_name, d.status, d.channel, d.received_at, \
     d.due_at, d.inbox_due, d.current_unit_id, d.inbox_role, d.step, d.version, \
     d.step_started_at, d.step_due_at, d.paused_at, d.assigned_user_id, au.full_name, d.supplement_arrived_at";

pub(crate) fn item_from_row(r: &Row) -> Result<InboxItem, StoreError> {
    let status_code = r.i64(5)?;
    let role = r.str(11)?;
    Ok(InboxItem {
        id: r.i64(0)?,
        code: r.opt_string(1)?,
        procedure_code: r.string(2)?,
        procedure_name: r.string(3)?,
        applicant_name: r.string(4)?,
        status: i16::try_from(status_code)
            .ok()
            .and_then(Status::from_code)
            .ok_or_else(|| StoreError::internal("unknown status"))?,
        channel: Channel::from_code(r.i64(6)?).ok_or_else(|| StoreError::internal("unknown channel"))?,
        received_at: r.opt_time(7)?,
        due_at: r.opt_time(8)?,
        sort_due: r.time(9)?,
        current_unit_id: r.i64(10)?,
        current_role: Role::parse(role).ok_or_else(|| StoreError::internal("unknown role"))?,
        step: r.opt_i64(12)?.map(|s| s as u32),
        version: r.i64(13)?,
        step_started_at: r.opt_time(14)?,
        step_due_at: r.opt_time(15)?,
        paused_at: r.opt_time(16)?,
        assigned_user_id: r.opt_i64(17)?,
        assigned_name: r.opt_string(18)?,
        supplement_arrived_at: r.opt_time(19)?,
    })
}

/// The upper bound of a path prefix range: `/1/4/` → `/1/40`, since `0`
/// follows `/` in every collation we use; `path >= lo AND path < hi` is
/// then an index range in both databases, unlike `LIKE` with a parameter.
pub(crate) fn path_upper_bound(path: &str) -> String {
    let mut hi = path.trim_end_matches('/').to_owned();
    hi.push('0');
    hi
}

/// Scopes with at most this many (unit, role) pairs are read pair by pair,
/// each straight off the `dossiers_inbox` index in due order, and merged
/// here: a page then costs a few index reads whatever the inbox's size.
/// Larger scopes (a province's overview) use one query that the database
/// must sort.
const MERGE_PAIRS: usize = 24;

/// The staff roles whose work waits in inboxes.
const INBOX_ROLES: [Role; 3] = [Role::CounterOfficer, Role::Specialist, Role::Leader];

/// Which dossiers a page query reads before the filters.
enum Pick<'a> {
    /// Waiting at these units for these roles (the unit's inbox).
    Waiting { units: &'a [i64], roles: &'a [Role] },
    /// Assigned to this user, at a unit in the scope (off `dossiers_assigned`).
    AssignedTo(i64),
}

/// The page query for `pick`, with every filter of `q`.
fn page_query(q: &InboxQuery, pick: Pick<'_>, limit: u32) -> QueryBuilder {
    let mut b = QueryBuilder::new(
        format!(
            "SELECT {ITEM_COLUMNS} FROM dossiers d JOIN procedures p ON p.id = d.procedure_id \
             LEFT JOIN users au ON au.id = d.assigned_user_id"
        ),
        Vec::new(),
    );
    match pick {
        Pick::Waiting { units, roles } => {
            b.push(&format!(" WHERE {OPEN}"), []);
            match units {
                [one] => b.push(" AND d.current_unit_id = $?", [(*one).into()]),
                many => {
                    let list = vec!["$?"; many.len()].join(", ");
                    b.push(&format!(" AND d.current_unit_id IN ({list})"), many.iter().map(|&u| u.into()))
                }
            };
            match roles {
                [one] => b.push(" AND d.inbox_role = $?", [one.as_str().into()]),
                many => {
                    let list = vec!["$?"; many.len()].join(", ");
                    b.push(&format!(" AND d.inbox_role IN ({list})"), many.iter().map(|r| r.as_str().into()))
                }
            };
        }
        Pick::AssignedTo(user) => {
            // An officer moved to another unit keeps no view of the old one.
            b.push(
                &format!(
                    " JOIN units cu ON cu.id = d.current_unit_id WHERE {OPEN} AND d.assigned_user_id = $? \
                     AND cu.path >= $? AND cu.path < $?"
                ),
                [user.into(), q.scope_path.clone().into(), path_upper_bound(&q.scope_path).into()],
            );
        }
    }
    if let Some(st) = q.status {
        b.push(" AND d.status = $?", [st.code().into()]);
    }
    if let Some(code) = &q.procedure_code {
        b.push(" AND p.code = $?", [code.into()]);
    }
    if let Some(field) = &q.field_code {
        b.push(" AND p.field_id = (SELECT id FROM fields WHERE code = $?)", [field.into()]);
    }
    if let Some(ch) = q.channel {
        b.push(" AND d.channel = $?", [ch.code().into()]);
    }
    if let Some(from) = q.received_from {
        b.push(" AND d.received_at >= $?", [from.into()]);
    }
    if let Some(to) = q.received_to {
        b.push(" AND d.received_at < $?", [to.into()]);
    }
    if let Some(at) = q.overdue_at {
        // Past due with the clock running (`Status::clock_running`).
        b.push(" AND d.due_at < $? AND d.status IN (2, 4, 6)", [at.into()]);
    }
    if let Some(at) = q.step_overdue_at {
        b.push(" AND d.step_due_at < $? AND d.status IN (4, 6)", [at.into()]);
    }
    if let Some(after) = &q.after {
        // Row-value comparison: both databases evaluate it on the index.
        b.push(" AND (d.inbox_due, d.id) > ($?, $?)", [after.due.into(), after.id.into()]);
    }
    b.push(" ORDER BY d.inbox_due, d.id LIMIT $?", [i64::from(limit).into()]);
    b
}

impl Store {
    /// The open dossiers received in a subtree that are past their due
    /// moment at `now` with the clock running, the most overdue first: a
    /// dashboard's list. Walks the province's `dossiers_past_due` index in
    /// due order and keeps the subtree's, so a province's list reads
    /// `limit` rows, not its whole inbox.
    pub async fn past_due(
        &self,
        scope_path: String,
        province_id: i64,
        now: NaiveDateTime,
        limit: u32,
    ) -> Result<Vec<InboxItem>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!(
                    "SELECT {ITEM_COLUMNS} FROM dossiers d JOIN procedures p ON p.id = d.procedure_id \
                     LEFT JOIN users au ON au.id = d.assigned_user_id \
                     JOIN units u ON u.id = d.receiving_unit_id \
                     WHERE d.province_id = $1 AND d.status IN (2, 4, 6) AND d.due_at < $2 \
                     AND u.path >= $3 AND u.path < $4 ORDER BY d.due_at, d.id LIMIT $5"
                );
                let args = [
                    province_id.into(),
                    now.into(),
                    scope_path.clone().into(),
                    path_upper_bound(&scope_path).into(),
                    i64::from(limit).into(),
                ];
                c.query(&sql, &args)?.iter().map(item_from_row).collect()
            })
        })
        .await
    }

    pub async fn inbox(&self, q: InboxQuery) -> Result<Page<InboxItem>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let units: Vec<i64> = c
                    .query(
                        "SELECT id FROM units WHERE path >= $1 AND path < $2 ORDER BY id",
                        &[q.scope_path.clone().into(), path_upper_bound(&q.scope_path).into()],
                    )?
                    .iter()
                    .map(|r| r.i64(0))
                    .collect::<Result<_, _>>()?;
                let roles: Vec<Role> = q.role.map_or(INBOX_ROLES.to_vec(), |r| vec![r]);
                let limit = q.limit.clamp(1, 200);
                let mut items = Vec::new();
                if let Some(user) = q.assigned_to {
                    let b = page_query(&q, Pick::AssignedTo(user), limit + 1);
                    for r in c.query(&b.sql, &b.args)? {
                        items.push(item_from_row(&r)?);
                    }
                } else if units.is_empty() {
                    // No unit in scope: an empty page.
                } else if units.len() * roles.len() <= MERGE_PAIRS {
                    for &unit in &units {
                        for &role in &roles {
                            let b = page_query(&q, Pick::Waiting { units: &[unit], roles: &[role] }, limit + 1);
                            for r in c.query(&b.sql, &b.args)? {
                                items.push(item_from_row(&r)?);
                            }
                        }
                    }
                    items.sort_by_key(|i: &InboxItem| (i.sort_due, i.id));
                } else {
                    let b = page_query(&q, Pick::Waiting { units: &units, roles: &roles }, limit + 1);
                    for r in c.query(&b.sql, &b.args)? {
                        items.push(item_from_row(&r)?);
                    }
                }
                let next_cursor = if items.len() > limit as usize {
                    items.truncate(limit as usize);
                    items.last().map(|i| InboxCursor { due: i.sort_due, id: i.id }.encode())
                } else {
                    None
                };
                Ok(Page { items, next_cursor })
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::TIME_FORMAT;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = InboxCursor { due: NaiveDateTime::parse_from_str("2026-03-05 23:59:59", TIME_FORMAT).unwrap(), id: 42 };
        assert_eq!(InboxCursor::decode(&c.encode()), Some(c));
        assert_eq!(InboxCursor::decode("nonsense"), None);
        assert_eq!(path_upper_bound("/1/4/"), "/1/40");
    }
}
