//! The directory of agency identifiers (mã định danh) for documents sent
//! and received between installations (migration 0035, docs/documents.md,
//! "Between installations"), and this installation's own identity on the
//! exchange.
//!
//! An administrator keeps the directory. An entry is either an **outside
//! agency** (no unit): an agency of another installation or of the national
//! hub, which an outgoing document can name as a recipient; or one of this
//! installation's **own units**, which receives the documents addressed to
//! that identifier. Identifiers are checked for their shape only
//! (`motcua_edxml::OrganId`); whether one exists is the national
//! directory's question.

use chrono::NaiveDateTime;
use motcua_edxml::{
    Envelope, ORGAN_NAME_MAX, Organ, OrganId, ResponseFor, Staff, StatusCode, StatusReply, build, build_status,
};
use motcua_rules::RuleError;

use crate::db::{Conn, Row};
use crate::ops::bus_log::{LogEntry, LogKind};
use crate::{Store, StoreError, params};

/// This installation on the exchange: the agency it sends as and receives
/// for, and the prefix of the bus subjects (a message to agency X goes to
/// `{prefix}.X`). The same pair as `motcua_bus::Exchange`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeIdentity {
    pub agency: Organ,
    pub subject_prefix: String,
}

impl ExchangeIdentity {
    /// The subject of the messages to `to`.
    pub fn subject_for(&self, to: &str) -> String {
        format!("{}.{}", self.subject_prefix, to)
    }

    /// The messages of a document, one per recipient, to queue with
    /// `ops::bus_log::send` in the sending action's transaction (or
    /// [`Store::send_message`]). The key names the sender, the document,
    /// the business type and the recipient: the same sending is queued once.
    pub fn outgoing(&self, e: &Envelope) -> Result<Vec<LogEntry>, RuleError> {
        let payload = build(e)?;
        Ok(e.to
            .iter()
            .map(|to| LogEntry {
                kind: LogKind::Document,
                sender: Some(e.from.id.as_str().to_owned()),
                recipient: Some(to.id.as_str().to_owned()),
                document_id: Some(e.document_id.clone()),
                business_type: Some(i16::from(e.business.code())),
                status: None,
                refusal: None,
                subject: self.subject_for(to.id.as_str()),
                key: format!("doc:{}:{}:{}:{}", e.from.id.as_str(), e.document_id, e.business.code(), to.id.as_str()),
                payload: payload.clone(),
            })
            .collect())
    }

    /// The key of the automatic reply `code` to a received message whose
    /// bytes have the SHA-256 `digest` (hex): one reply per message and
    /// code, whatever the retries.
    pub fn reply_key(&self, digest: &str, code: StatusCode) -> String {
        format!("status:{}:{}:{}", self.agency.id.as_str(), &digest[..32.min(digest.len())], code.code())
    }

    /// The status reply `code` from `from` about the document `about`,
    /// queued under `key`, to its sender.
    pub fn status_entry(
        &self,
        from: &Organ,
        about: ResponseFor,
        code: StatusCode,
        description: Option<String>,
        key: String,
        now: NaiveDateTime,
    ) -> Result<LogEntry, RuleError> {
        let to = about.organ_id.as_str().to_owned();
        let document_id = about.document_id.clone();
        let payload = build_status(&StatusReply {
            response_for: about,
            from: from.clone(),
            code,
            description,
            timestamp: now,
            staff: Staff::default(),
        })?;
        Ok(LogEntry {
            kind: LogKind::Status,
            sender: Some(from.id.as_str().to_owned()),
            recipient: Some(to.clone()),
            document_id: Some(document_id),
            business_type: None,
            status: Some(code.code().to_owned()),
            refusal: None,
            subject: self.subject_for(&to),
            key,
            payload,
        })
    }
}

/// One entry of the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeAgency {
    pub id: i64,
    pub organ_code: String,
    pub name: String,
    /// One of this installation's units (and its name); `None`: an outside agency.
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A new entry, as the administrator typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExchangeAgency {
    pub organ_code: String,
    pub name: String,
    pub unit_id: Option<i64>,
}

const COLUMNS: &str = "a.id, a.organ_code, a.name, a.unit_id, u.name, a.created_at \
    FROM exchange_agencies a LEFT JOIN units u ON u.id = a.unit_id";

fn from_row(r: &Row) -> Result<ExchangeAgency, StoreError> {
    Ok(ExchangeAgency {
        id: r.i64(0)?,
        organ_code: r.string(1)?,
        name: r.string(2)?,
        unit_id: r.opt_i64(3)?,
        unit_name: r.opt_string(4)?,
        created_at: r.time(5)?,
    })
}

/// The outside agency `id` (not one of ours), if there is one.
pub(crate) fn outside_agency(c: &mut dyn Conn, id: i64) -> Result<Option<ExchangeAgency>, StoreError> {
    let sql = format!("SELECT {COLUMNS} WHERE a.id = $1 AND a.unit_id IS NULL");
    c.query_opt(&sql, params![id])?.as_ref().map(from_row).transpose()
}

/// The entry of this installation's unit with identifier `code`, if there is one.
pub(crate) fn own_unit(c: &mut dyn Conn, code: &str) -> Result<Option<ExchangeAgency>, StoreError> {
    let sql = format!("SELECT {COLUMNS} WHERE a.organ_code = $1 AND a.unit_id IS NOT NULL");
    c.query_opt(&sql, params![code])?.as_ref().map(from_row).transpose()
}

/// The entry with identifier `code`, outside or ours.
pub(crate) fn by_code(c: &mut dyn Conn, code: &str) -> Result<Option<ExchangeAgency>, StoreError> {
    let sql = format!("SELECT {COLUMNS} WHERE a.organ_code = $1");
    c.query_opt(&sql, params![code])?.as_ref().map(from_row).transpose()
}

fn check(c: &mut dyn Conn, new: &NewExchangeAgency) -> Result<(String, String), StoreError> {
    let code = OrganId::parse(&new.organ_code).map_err(|e| e.at("organ_code"))?;
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > ORGAN_NAME_MAX {
        return Err(RuleError::invalid("exchange_agency_name_invalid", "name").arg("max", ORGAN_NAME_MAX).into());
    }
    if by_code(c, code.as_str())?.is_some() {
        return Err(StoreError::conflict("exchange_agency_taken", Some("organ_code")));
    }
    if let Some(unit) = new.unit_id {
        if c.query_opt("SELECT 1 FROM units WHERE id = $1", params![unit])?.is_none() {
            return Err(RuleError::invalid("document_unit_invalid", "unit_id").into());
        }
        if c.query_opt("SELECT 1 FROM exchange_agencies WHERE unit_id = $1", params![unit])?.is_some() {
            return Err(StoreError::conflict("exchange_agency_taken", Some("unit_id")));
        }
    }
    Ok((code.as_str().to_owned(), name.to_owned()))
}

impl Store {
    /// Tells the store which agency this installation is on the exchange:
    /// documents issued to outside agencies are sent as it, and received
    /// documents are registered only once it is known (the server sets it
    /// when the exchange is configured; `motcua_bus::Consumer::new` too).
    pub fn set_exchange(&self, identity: ExchangeIdentity) {
        *self.inner.exchange.write().unwrap_or_else(|e| e.into_inner()) = Some(identity);
    }

    /// This installation on the exchange, when known.
    pub fn exchange(&self) -> Option<ExchangeIdentity> {
        self.inner.exchange.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Adds an entry to the directory (an administrator's act).
    pub async fn create_exchange_agency(
        &self,
        new: NewExchangeAgency,
        now: NaiveDateTime,
    ) -> Result<ExchangeAgency, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let (code, name) = check(c, &new)?;
                let id = c
                    .query_one(
                        "INSERT INTO exchange_agencies (organ_code, name, unit_id, created_at) \
                         VALUES ($1, $2, $3, $4) RETURNING id",
                        params![code.as_str(), name.as_str(), new.unit_id, now],
                    )?
                    .i64(0)?;
                let sql = format!("SELECT {COLUMNS} WHERE a.id = $1");
                from_row(&c.query_one(&sql, params![id])?)
            })
        })
        .await
    }

    /// The whole directory, outside agencies first, by identifier.
    pub async fn exchange_agencies(&self) -> Result<Vec<ExchangeAgency>, StoreError> {
        self.blocking(|s| {
            s.read(|c| {
                let sql = format!("SELECT {COLUMNS} ORDER BY a.unit_id IS NOT NULL, a.organ_code");
                c.query(&sql, &[])?.iter().map(from_row).collect()
            })
        })
        .await
    }
}
