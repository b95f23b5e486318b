//! Official documents (văn bản đến, văn bản đi; docs/documents.md): what
//! they are as stored, who sees them, and the registers. The writes are in
//! `documents_flow`.
//!
//! A document is held by one unit, the agency whose register numbers it.
//! Only the staff of that unit see it, and those of the lead unit and the
//! cooperating units of an incoming document's routing: the unit itself,
//! not its parents (a province's staff do not read a commune's mail). To
//! anyone else it does not exist ("not found").

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::documents::{Direction, Series, State};

use crate::db::{Conn, Row};
use crate::{Store, StoreError, params};

/// One document as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub direction: Direction,
    pub series: Series,
    pub state: State,
    /// Its type's code (`motcua_rules::documents::DOC_TYPES`).
    pub doc_type: String,
    pub subject: String,
    /// The register's year and number (số đến or số đi), once numbered.
    pub reg_year: Option<i64>,
    pub reg_no: Option<i64>,
    /// Số, ký hiệu: ours when outgoing (once issued), the sender's when incoming.
    pub notation: Option<String>,
    pub doc_date: Option<NaiveDate>,
    pub issuer: Option<String>,
    pub signer_position: Option<String>,
    pub signer_name: Option<String>,
    pub external_recipients: Option<String>,
    pub sender_name: Option<String>,
    /// The outgoing document an incoming one is the copy of.
    pub source_id: Option<i64>,
    pub arrived_at: Option<NaiveDateTime>,
    pub lead_unit_id: Option<i64>,
    pub lead_unit_name: Option<String>,
    pub due_at: Option<NaiveDateTime>,
    pub done_at: Option<NaiveDateTime>,
    pub reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A unit named on a document (cooperating or recipient).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedUnit {
    pub id: i64,
    pub name: String,
}

/// What became of an outgoing document at one recipient unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub unit_id: i64,
    pub unit_name: String,
    /// The recipient's copy: arrived, registered, routed, … or refused.
    pub state: State,
    pub reg_no: Option<i64>,
    pub reason: Option<String>,
    pub updated_at: NaiveDateTime,
}

/// What became of an outgoing document at one outside agency (sent
/// through the exchange), from its status replies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideDelivery {
    /// Its entry in the directory (`exchange_agencies`).
    pub agency_id: i64,
    pub organ_code: String,
    pub name: String,
    /// The last status code its replies gave (`01` arrived, `02` refused,
    /// `03` registered, …); `None` before the first reply.
    pub status: Option<String>,
    /// The same in the terms of an in-house copy (arrived, refused, registered, …).
    pub state: Option<State>,
    pub reason: Option<String>,
    pub updated_at: Option<NaiveDateTime>,
}

/// One step in a document's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentEvent {
    pub at: NaiveDateTime,
    pub user_name: Option<String>,
    /// The act (`register`, `route`, …), or `created`, `arrived`.
    pub action: String,
    pub note: Option<String>,
}

/// A document with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDetail {
    pub doc: Document,
    pub cooperating: Vec<NamedUnit>,
    pub recipients: Vec<NamedUnit>,
    pub deliveries: Vec<Delivery>,
    /// Outside agencies it was (or is to be) sent to through the exchange.
    pub outside: Vec<OutsideDelivery>,
    pub history: Vec<DocumentEvent>,
}

/// The most documents one list returns.
pub const DOCUMENT_LIST_MAX: u32 = 500;

pub(crate) const COLUMNS: &str = "d.id, d.unit_id, hu.name, d.direction, d.series, d.state, d.doc_type, d.subject, \
    d.reg_year, d.reg_no, d.notation, d.doc_date, d.issuer, d.signer_position, d.signer_name, \
    d.external_recipients, d.sender_name, d.source_id, d.arrived_at, d.lead_unit_id, lu.name, d.due_at, \
    d.done_at, d.reason, d.created_at, d.updated_at";
pub(crate) const FROM: &str =
    "FROM documents d JOIN units hu ON hu.id = d.unit_id LEFT JOIN units lu ON lu.id = d.lead_unit_id";

fn bad(what: &str) -> StoreError {
    StoreError::internal(format!("stored document has an unknown {what}"))
}

pub(crate) fn document_from_row(r: &Row) -> Result<Document, StoreError> {
    let direction = Direction::parse(r.str(3)?, "direction").map_err(|_| bad("direction"))?;
    Ok(Document {
        id: r.i64(0)?,
        unit_id: r.i64(1)?,
        unit_name: r.string(2)?,
        direction,
        series: Series::parse(r.str(4)?, direction, "series").map_err(|_| bad("series"))?,
        state: State::parse(r.str(5)?).ok_or_else(|| bad("state"))?,
        doc_type: r.string(6)?,
        subject: r.string(7)?,
        reg_year: r.opt_i64(8)?,
        reg_no: r.opt_i64(9)?,
        notation: r.opt_string(10)?,
        doc_date: r.opt_date(11)?,
        issuer: r.opt_string(12)?,
        signer_position: r.opt_string(13)?,
        signer_name: r.opt_string(14)?,
        external_recipients: r.opt_string(15)?,
        sender_name: r.opt_string(16)?,
        source_id: r.opt_i64(17)?,
        arrived_at: r.opt_time(18)?,
        lead_unit_id: r.opt_i64(19)?,
        lead_unit_name: r.opt_string(20)?,
        due_at: r.opt_time(21)?,
        done_at: r.opt_time(22)?,
        reason: r.opt_string(23)?,
        created_at: r.time(24)?,
        updated_at: r.time(25)?,
    })
}

/// The condition selecting the documents visible to the staff of unit
/// `$1`: those it holds, leads or cooperates on.
pub(crate) const VISIBLE: &str = "(d.unit_id = $1 OR d.lead_unit_id = $1 OR EXISTS (SELECT 1 FROM document_units du \
     WHERE du.document_id = d.id AND du.role = 'cooperating' AND du.unit_id = $1))";

pub(crate) fn document_not_found() -> StoreError {
    StoreError::not_found("document_not_found")
}

/// The document `id` if the staff of `unit_id` see it.
pub(crate) fn visible_document(c: &mut dyn Conn, id: i64, unit_id: i64) -> Result<Option<Document>, StoreError> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE {VISIBLE} AND d.id = $2");
    c.query_opt(&sql, params![unit_id, id])?.as_ref().map(document_from_row).transpose()
}

/// The units of `role` named on document `id`.
pub(crate) fn named_units(c: &mut dyn Conn, id: i64, role: &str) -> Result<Vec<NamedUnit>, StoreError> {
    c.query(
        "SELECT u.id, u.name FROM document_units du JOIN units u ON u.id = du.unit_id \
         WHERE du.document_id = $1 AND du.role = $2 ORDER BY u.path",
        params![id, role],
    )?
    .iter()
    .map(|r| Ok(NamedUnit { id: r.i64(0)?, name: r.string(1)? }))
    .collect()
}

pub(crate) fn detail(c: &mut dyn Conn, doc: Document) -> Result<DocumentDetail, StoreError> {
    let cooperating = named_units(c, doc.id, "cooperating")?;
    let recipients = named_units(c, doc.id, "recipient")?;
    let deliveries = c
        .query(
            "SELECT d.unit_id, u.name, d.state, d.reg_no, d.reason, d.updated_at FROM documents d \
             JOIN units u ON u.id = d.unit_id WHERE d.source_id = $1 ORDER BY u.path",
            params![doc.id],
        )?
        .iter()
        .map(|r| {
            Ok(Delivery {
                unit_id: r.i64(0)?,
                unit_name: r.string(1)?,
                state: State::parse(r.str(2)?).ok_or_else(|| bad("state"))?,
                reg_no: r.opt_i64(3)?,
                reason: r.opt_string(4)?,
                updated_at: r.time(5)?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let outside = super::xdoc_out::outside_deliveries(c, doc.id)?;
    let history = c
        .query(
            "SELECT h.at, u.full_name, h.action, h.note FROM document_history h \
             LEFT JOIN users u ON u.id = h.user_id WHERE h.document_id = $1 ORDER BY h.id",
            params![doc.id],
        )?
        .iter()
        .map(|r| {
            Ok(DocumentEvent {
                at: r.time(0)?,
                user_name: r.opt_string(1)?,
                action: r.string(2)?,
                note: r.opt_string(3)?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(DocumentDetail { doc, cooperating, recipients, deliveries, outside, history })
}

/// Which documents a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentList {
    /// The register of `unit_id` for a direction, series and year: the
    /// numbered documents in number order (the sổ văn bản).
    Register { unit_id: i64, direction: Direction, series: Series, year: i64 },
    /// The work still open that the staff of `unit_id` see (arrived,
    /// registered, routed, in progress; drafts to signed), oldest first.
    Open { unit_id: i64 },
}

impl Store {
    /// Document `id` with its units, deliveries and history, if the staff
    /// of `unit_id` see it; `document_not_found` otherwise.
    pub async fn document(&self, id: i64, unit_id: i64) -> Result<DocumentDetail, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let doc = visible_document(c, id, unit_id)?.ok_or_else(document_not_found)?;
                detail(c, doc)
            })
        })
        .await
    }

    /// The documents of a list, at most `limit` (1 to [`DOCUMENT_LIST_MAX`]).
    pub async fn documents(&self, list: DocumentList, limit: u32) -> Result<Vec<Document>, StoreError> {
        let limit = i64::from(limit.clamp(1, DOCUMENT_LIST_MAX));
        self.blocking(move |s| {
            s.read(|c| {
                let rows = match &list {
                    DocumentList::Register { unit_id, direction, series, year } => c.query(
                        &format!(
                            "SELECT {COLUMNS} {FROM} WHERE d.unit_id = $1 AND d.direction = $2 AND d.series = $3 \
                             AND d.reg_year = $4 AND d.reg_no IS NOT NULL ORDER BY d.reg_no LIMIT $5"
                        ),
                        params![*unit_id, direction.as_str(), series.as_str(), *year, limit],
                    )?,
                    DocumentList::Open { unit_id } => {
                        let open: Vec<String> = State::ALL
                            .into_iter()
                            .filter(|s| s.is_open())
                            .map(|s| format!("'{}'", s.as_str()))
                            .collect();
                        c.query(
                            &format!(
                                "SELECT {COLUMNS} {FROM} WHERE {VISIBLE} AND d.state IN ({}) ORDER BY d.id LIMIT $2",
                                open.join(", ")
                            ),
                            params![*unit_id, limit],
                        )?
                    }
                };
                rows.iter().map(document_from_row).collect()
            })
        })
        .await
    }
}
