//! The unit's register of dossiers (sổ theo dõi hồ sơ): every dossier a
//! subtree's counters received, in the order they were received, with what
//! the register's columns need (docs/register.md). Offset pages, because
//! the register numbers its lines (STT) from the start of the period.

use chrono::NaiveDateTime;
use motcua_rules::dossier::Status;

use super::dossiers::{COLUMN_COUNT, COLUMNS, FROM, dossier_from_row};
use super::inbox::path_upper_bound;
use crate::db::{QueryBuilder, Value};
use crate::model::Dossier;
use crate::{Store, StoreError};

/// On time or late, as `DossierState::timeliness` decides it: late when
/// supplemented more than once, or when the clock stopped (paused,
/// finished, or now) after the due moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterTimeliness {
    OnTime,
    Late,
}

#[derive(Debug, Clone)]
pub struct RegisterQuery {
    /// The receiving units' subtree: the user's scope, or a unit within it.
    pub scope_path: String,
    pub received_from: Option<NaiveDateTime>,
    /// Exclusive.
    pub received_before: Option<NaiveDateTime>,
    pub procedure_code: Option<String>,
    pub status: Option<Status>,
    pub timeliness: Option<RegisterTimeliness>,
    /// "Now" for open dossiers' timeliness.
    pub now: NaiveDateTime,
    pub offset: u32,
    pub limit: u32,
}

/// One line of the register.
#[derive(Debug, Clone)]
pub struct RegisterEntry {
    pub dossier: Dossier,
    pub procedure_code: String,
    pub procedure_name: String,
    pub receiving_unit_name: String,
    /// The first step after the counter: when the dossier was handed to the
    /// unit that handles it, and that unit's name ("chuyển cơ quan giải quyết").
    pub handed_to: Option<(NaiveDateTime, String)>,
}

#[derive(Debug, Clone)]
pub struct RegisterPage {
    pub entries: Vec<RegisterEntry>,
    /// Lines matching the filters, over all pages.
    pub total: u64,
}

/// The filters as SQL, after `FROM … WHERE` has been started.
fn filters(b: &mut QueryBuilder, q: &RegisterQuery) {
    b.push(
        " WHERE d.received_at IS NOT NULL AND ru.path >= $? AND ru.path < $?",
        [q.scope_path.clone().into(), path_upper_bound(&q.scope_path).into()],
    );
    if let Some(from) = q.received_from {
        b.push(" AND d.received_at >= $?", [from.into()]);
    }
    if let Some(before) = q.received_before {
        b.push(" AND d.received_at < $?", [before.into()]);
    }
    if let Some(code) = &q.procedure_code {
        b.push(" AND p.code = $?", [code.into()]);
    }
    if let Some(st) = q.status {
        b.push(" AND d.status = $?", [st.code().into()]);
    }
    // The same test as `DossierState::timeliness`, kept in one expression.
    let late = "(d.supplement_count > 1 OR COALESCE(d.paused_at, d.finished_at, $?) > d.due_at)";
    match q.timeliness {
        Some(RegisterTimeliness::Late) => {
            b.push(&format!(" AND d.due_at IS NOT NULL AND {late}"), [q.now.into()]);
        }
        Some(RegisterTimeliness::OnTime) => {
            b.push(&format!(" AND d.due_at IS NOT NULL AND NOT {late}"), [q.now.into()]);
        }
        None => {}
    }
}

impl Store {
    /// A page of the register: dossiers received in the subtree, oldest
    /// first, with the total for the page links.
    pub async fn register(&self, q: RegisterQuery) -> Result<RegisterPage, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let joins = " JOIN procedures p ON p.id = d.procedure_id";
                let mut count = QueryBuilder::new(format!("SELECT COUNT(*) {FROM}{joins}"), Vec::new());
                filters(&mut count, &q);
                let total = c.query_one(&count.sql, &count.args)?.i64(0)?;
                let mut b =
                    QueryBuilder::new(format!("SELECT {COLUMNS}, p.code, p.name, ru.name {FROM}{joins}"), Vec::new());
                filters(&mut b, &q);
                b.push(
                    " ORDER BY d.received_at, d.id LIMIT $? OFFSET $?",
                    [i64::from(q.limit.clamp(1, 1000)).into(), i64::from(q.offset).into()],
                );
                let mut entries = Vec::new();
                for r in c.query(&b.sql, &b.args)? {
                    entries.push(RegisterEntry {
                        dossier: dossier_from_row(&r)?,
                        procedure_code: r.string(COLUMN_COUNT)?,
                        procedure_name: r.string(COLUMN_COUNT + 1)?,
                        receiving_unit_name: r.string(COLUMN_COUNT + 2)?,
                        handed_to: None,
                    });
                }
                if !entries.is_empty() {
                    // The page's step visits at once, in order; the first is
                    // the counter's hand-over (the counter is no step).
                    let list = vec!["$?"; entries.len()].join(", ");
                    let mut steps = QueryBuilder::new(
                        "SELECT s.dossier_id, s.started_at, u.name FROM dossier_steps s \
                         JOIN units u ON u.id = s.unit_id",
                        Vec::new(),
                    );
                    steps.push(
                        &format!(" WHERE s.dossier_id IN ({list}) ORDER BY s.dossier_id, s.seq"),
                        entries.iter().map(|e| Value::from(e.dossier.id)),
                    );
                    for r in c.query(&steps.sql, &steps.args)? {
                        let id = r.i64(0)?;
                        if let Some(e) = entries.iter_mut().find(|e| e.dossier.id == id)
                            && e.handed_to.is_none()
                        {
                            e.handed_to = Some((r.time(1)?, r.string(2)?));
                        }
                    }
                }
                Ok(RegisterPage { entries, total: u64::try_from(total).unwrap_or(0) })
            })
        })
        .await
    }
}
