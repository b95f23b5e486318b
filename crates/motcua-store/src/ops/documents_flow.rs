//! Writing official documents (docs/documents.md): registering an incoming
//! paper document, drafting an outgoing one, and every act after that, each
//! in one transaction with its history line. A number (số đến, số đi) is
//! taken from the register in the same transaction (`numbering::next`), so
//! a refused or failed act leaves no gap. Issuing an outgoing document to
//! units of this installation writes their incoming copies, "arrived" and
//! waiting for their clerk, in that transaction too; issuing it to outside
//! agencies queues its edXML envelope for them (`xdoc_out`), and
//! registering or refusing a document received through the exchange
//! queues the status reply to its sender (`xdoc_in`), in the act's
//! transaction as well.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use motcua_rules::documents::{self as rules, Act, Actor, Direction, Routing, Series, State};
use motcua_rules::{Role, RuleError};

use super::documents::{Document, DocumentDetail, detail, document_not_found, visible_document};
use super::exchange_agencies::outside_agency;
use super::{numbering, xdoc_in, xdoc_out};
use crate::db::Conn;
use crate::{Store, StoreError, params};
use motcua_edxml::StatusCode;

/// The member of staff acting and the unit they work in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentActor {
    pub user_id: i64,
    pub role: Role,
    pub unit_id: i64,
}

/// An incoming document handed in on paper, registered at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIncoming {
    pub series: Series,
    pub doc_type: String,
    pub subject: String,
    /// The issuing agency (cơ quan ban hành).
    pub sender_name: String,
    /// Its số, ký hiệu.
    pub notation: String,
    pub doc_date: NaiveDate,
}

/// A new outgoing draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutgoing {
    pub series: Series,
    pub doc_type: String,
    pub subject: String,
    /// The issuer's part of the notation (`UBND`, `UBND-VP`).
    pub issuer: String,
    pub signer_position: String,
    /// Units of this installation it goes to.
    pub recipients: Vec<i64>,
    /// Recipients outside motcua, as the nơi nhận lists them.
    pub external_recipients: Option<String>,
    /// Outside agencies of the directory (`exchange_agencies`) it is sent
    /// to through the exchange when issued.
    pub outside: Vec<i64>,
}

/// An act on a document, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentAction {
    Register,
    Refuse {
        reason: String,
    },
    /// `due_at`: from `rules::due` on the working-day calendar.
    Route {
        routing: Routing,
        due_at: NaiveDateTime,
    },
    Start,
    Finish {
        note: Option<String>,
    },
    Submit,
    Return {
        reason: String,
    },
    Sign,
    Issue,
}

impl DocumentAction {
    pub fn act(&self) -> Act {
        match self {
            DocumentAction::Register => Act::Register,
            DocumentAction::Refuse { .. } => Act::Refuse,
            DocumentAction::Route { .. } => Act::Route,
            DocumentAction::Start => Act::Start,
            DocumentAction::Finish { .. } => Act::Finish,
            DocumentAction::Submit => Act::Submit,
            DocumentAction::Return { .. } => Act::Return,
            DocumentAction::Sign => Act::Sign,
            DocumentAction::Issue => Act::Issue,
        }
    }
}

/// The actor as the rules see them, for `doc`.
pub fn actor_for(by: &DocumentActor, doc: &Document) -> Actor {
    Actor { role: by.role, holds: by.unit_id == doc.unit_id, in_lead_unit: doc.lead_unit_id == Some(by.unit_id) }
}

fn history(
    c: &mut dyn Conn,
    id: i64,
    at: NaiveDateTime,
    user: Option<i64>,
    action: &str,
    note: Option<&str>,
) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO document_history (document_id, at, user_id, action, note) VALUES ($1, $2, $3, $4, $5)",
        params![id, at, user, action, note],
    )?;
    Ok(())
}

/// The next number of `unit_id`'s register for `direction`, `series` and
/// the year of `now`: `(year, number)`.
fn take_number(
    c: &mut dyn Conn,
    unit_id: i64,
    direction: Direction,
    series: Series,
    now: NaiveDateTime,
) -> Result<(i64, i64), StoreError> {
    let year = i64::from(now.year());
    let no = numbering::next(
        c,
        "document_numbers",
        "last_no",
        &[
            ("unit_id", unit_id.into()),
            ("direction", direction.as_str().into()),
            ("series", series.as_str().into()),
            ("year", year.into()),
        ],
    )?;
    Ok((year, no))
}

/// The root path (`/1/`) of unit `id`'s province, or `None` when there is no such unit.
fn province_of(c: &mut dyn Conn, id: i64) -> Result<Option<String>, StoreError> {
    let Some(row) = c.query_opt("SELECT path FROM units WHERE id = $1", params![id])? else { return Ok(None) };
    let path = row.string(0)?;
    Ok(path.split('/').nth(1).map(|root| format!("/{root}/")))
}

/// Every unit of `units` exists and is in `province`; `code` on `field` otherwise.
fn check_units(
    c: &mut dyn Conn,
    units: &[i64],
    province: &str,
    code: &'static str,
    field: &str,
) -> Result<(), StoreError> {
    for u in units {
        if province_of(c, *u)?.as_deref() != Some(province) {
            return Err(RuleError::invalid(code, field).into());
        }
    }
    Ok(())
}

fn holder_province(c: &mut dyn Conn, unit_id: i64) -> Result<String, StoreError> {
    province_of(c, unit_id)?.ok_or_else(|| StoreError::internal("the actor's unit does not exist"))
}

fn read(c: &mut dyn Conn, id: i64, unit_id: i64) -> Result<Document, StoreError> {
    visible_document(c, id, unit_id)?.ok_or_else(document_not_found)
}

/// Moves document `id` from `from` to `to`, guarded by its state: a
/// concurrent act that moved it first makes this one `document_changed`.
fn set_state(c: &mut dyn Conn, id: i64, from: State, to: State, now: NaiveDateTime) -> Result<(), StoreError> {
    let n = c.execute(
        "UPDATE documents SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4",
        params![to.as_str(), now, id, from.as_str()],
    )?;
    if n == 1 { Ok(()) } else { Err(StoreError::conflict("document_changed", None)) }
}

impl Store {
    /// Registers an incoming paper document at the clerk's unit with the
    /// next number of its incoming register.
    pub async fn register_incoming(
        &self,
        by: DocumentActor,
        new: NewIncoming,
        now: NaiveDateTime,
    ) -> Result<DocumentDetail, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                rules::check(Act::Register, State::Arrived, &Actor { role: by.role, holds: true, in_lead_unit: false }, false)?;
                rules::doc_type(&new.doc_type, "doc_type")?;
                Series::parse(new.series.as_str(), Direction::Incoming, "series")?;
                if new.doc_date > now.date() {
                    return Err(RuleError::invalid("document_date_invalid", "doc_date").into());
                }
                let (year, no) = take_number(c, by.unit_id, Direction::Incoming, new.series, now)?;
                let id = c
                    .query_one(
                        "INSERT INTO documents (unit_id, direction, series, state, doc_type, subject, reg_year, reg_no, \
                         notation, doc_date, sender_name, arrived_at, created_by, created_at, updated_at) \
                         VALUES ($1, 'den', $2, 'registered', $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $10) RETURNING id",
                        params![
                            by.unit_id,
                            new.series.as_str(),
                            new.doc_type.as_str(),
                            new.subject.as_str(),
                            year,
                            no,
                            new.notation.as_str(),
                            new.doc_date,
                            new.sender_name.as_str(),
                            now,
                            by.user_id
                        ],
                    )?
                    .i64(0)?;
                history(c, id, now, Some(by.user_id), "register", None)?;
                let doc = read(c, id, by.unit_id)?;
                detail(c, doc)
            })
        })
        .await
    }

    /// Writes an outgoing draft at the drafter's unit.
    pub async fn create_outgoing(
        &self,
        by: DocumentActor,
        new: NewOutgoing,
        now: NaiveDateTime,
    ) -> Result<DocumentDetail, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                rules::check(
                    Act::Submit,
                    State::Draft,
                    &Actor { role: by.role, holds: true, in_lead_unit: false },
                    false,
                )?;
                rules::doc_type(&new.doc_type, "doc_type")?;
                Series::parse(new.series.as_str(), Direction::Outgoing, "series")?;
                if new.recipients.is_empty() && new.outside.is_empty() && new.external_recipients.is_none() {
                    return Err(RuleError::invalid("document_recipients_required", "recipients").into());
                }
                let mut seen = std::collections::BTreeSet::new();
                if new.recipients.iter().any(|u| *u == by.unit_id || !seen.insert(*u)) {
                    return Err(RuleError::invalid("document_recipient_invalid", "recipients").into());
                }
                let province = holder_province(c, by.unit_id)?;
                check_units(c, &new.recipients, &province, "document_recipient_invalid", "recipients")?;
                let mut seen = std::collections::BTreeSet::new();
                for a in &new.outside {
                    if !seen.insert(*a) || outside_agency(c, *a)?.is_none() {
                        return Err(RuleError::invalid("document_recipient_invalid", "outside").into());
                    }
                }
                let id = c
                    .query_one(
                        "INSERT INTO documents (unit_id, direction, series, state, doc_type, subject, issuer, \
                         signer_position, external_recipients, created_by, created_at, updated_at) \
                         VALUES ($1, 'di', $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                        params![
                            by.unit_id,
                            new.series.as_str(),
                            new.doc_type.as_str(),
                            new.subject.as_str(),
                            new.issuer.as_str(),
                            new.signer_position.as_str(),
                            new.external_recipients.as_deref(),
                            by.user_id,
                            now
                        ],
                    )?
                    .i64(0)?;
                for u in &new.recipients {
                    c.execute(
                        "INSERT INTO document_units (document_id, role, unit_id) VALUES ($1, 'recipient', $2)",
                        params![id, *u],
                    )?;
                }
                for a in &new.outside {
                    c.execute(
                        "INSERT INTO document_outside (document_id, agency_id) VALUES ($1, $2)",
                        params![id, *a],
                    )?;
                }
                history(c, id, now, Some(by.user_id), "created", None)?;
                let doc = read(c, id, by.unit_id)?;
                detail(c, doc)
            })
        })
        .await
    }

    /// Does `action` to document `id` as `by`, if the rules allow it
    /// (`motcua_rules::documents::check`); `document_not_found` when `by`'s
    /// unit does not see it.
    pub async fn act_on_document(
        &self,
        id: i64,
        by: DocumentActor,
        action: DocumentAction,
        now: NaiveDateTime,
    ) -> Result<DocumentDetail, StoreError> {
        self.blocking(move |s| {
            let me = s.exchange();
            s.write(|c| {
                let doc = read(c, id, by.unit_id)?;
                let recipients = super::documents::named_units(c, id, "recipient")?;
                let outside = c
                    .query_opt("SELECT 1 FROM document_outside WHERE document_id = $1", params![id])?
                    .is_some();
                let to = rules::check(action.act(), doc.state, &actor_for(&by, &doc), !recipients.is_empty() || outside)?;
                set_state(c, id, doc.state, to, now)?;
                let mut note: Option<String> = None;
                match &action {
                    DocumentAction::Register => {
                        let (year, no) = take_number(c, doc.unit_id, Direction::Incoming, doc.series, now)?;
                        c.execute("UPDATE documents SET reg_year = $1, reg_no = $2 WHERE id = $3", params![year, no, id])?;
                        xdoc_in::reply_to_sender(c, me.as_ref(), id, StatusCode::Accepted, None, now)?;
                    }
                    DocumentAction::Refuse { reason } | DocumentAction::Return { reason } => {
                        c.execute("UPDATE documents SET reason = $1 WHERE id = $2", params![reason.as_str(), id])?;
                        if matches!(action, DocumentAction::Refuse { .. }) {
                            xdoc_in::reply_to_sender(c, me.as_ref(), id, StatusCode::Refused, Some(reason), now)?;
                        }
                        note = Some(reason.clone());
                    }
                    DocumentAction::Route { routing, due_at } => {
                        let province = holder_province(c, doc.unit_id)?;
                        check_units(c, &[routing.lead_unit], &province, "document_unit_invalid", "lead_unit")?;
                        check_units(c, &routing.cooperating, &province, "document_unit_invalid", "cooperating")?;
                        c.execute(
                            "UPDATE documents SET lead_unit_id = $1, due_at = $2 WHERE id = $3",
                            params![routing.lead_unit, *due_at, id],
                        )?;
                        c.execute("DELETE FROM document_units WHERE document_id = $1 AND role = 'cooperating'", params![id])?;
                        for u in &routing.cooperating {
                            c.execute(
                                "INSERT INTO document_units (document_id, role, unit_id) VALUES ($1, 'cooperating', $2)",
                                params![id, *u],
                            )?;
                        }
                        let lead = c.query_one("SELECT name FROM units WHERE id = $1", params![routing.lead_unit])?.string(0)?;
                        note = Some(lead);
                    }
                    DocumentAction::Start | DocumentAction::Submit => {}
                    DocumentAction::Finish { note: n } => {
                        c.execute("UPDATE documents SET done_at = $1 WHERE id = $2", params![now, id])?;
                        note = n.clone();
                    }
                    DocumentAction::Sign => {
                        let name = c.query_one("SELECT full_name FROM users WHERE id = $1", params![by.user_id])?.string(0)?;
                        c.execute(
                            "UPDATE documents SET signer_id = $1, signer_name = $2 WHERE id = $3",
                            params![by.user_id, name.as_str(), id],
                        )?;
                    }
                    DocumentAction::Issue => {
                        let notation = issue(c, &doc, &recipients, by.user_id, now)?;
                        let signed = read(c, id, by.unit_id)?;
                        xdoc_out::send_issued(c, me.as_ref(), &signed, &notation, now)?;
                        note = Some(notation);
                    }
                }
                history(c, id, now, Some(by.user_id), action.act().as_str(), note.as_deref())?;
                let doc = read(c, id, by.unit_id)?;
                detail(c, doc)
            })
        })
        .await
    }
}

/// Numbers and dates an outgoing document and writes the incoming copy at
/// each recipient unit; returns its notation.
fn issue(
    c: &mut dyn Conn,
    doc: &Document,
    recipients: &[super::documents::NamedUnit],
    user: i64,
    now: NaiveDateTime,
) -> Result<String, StoreError> {
    let ty = rules::doc_type(&doc.doc_type, "doc_type")?;
    let issuer = doc.issuer.as_deref().ok_or_else(|| StoreError::internal("an outgoing document without issuer"))?;
    let (year, no) = take_number(c, doc.unit_id, Direction::Outgoing, doc.series, now)?;
    let notation = rules::notation(no, ty, issuer);
    c.execute(
        "UPDATE documents SET reg_year = $1, reg_no = $2, notation = $3, doc_date = $4 WHERE id = $5",
        params![year, no, notation.as_str(), now.date(), doc.id],
    )?;
    for r in recipients {
        let copy = c
            .query_one(
                "INSERT INTO documents (unit_id, direction, series, state, doc_type, subject, notation, doc_date, \
                 sender_name, source_id, arrived_at, created_by, created_at, updated_at) \
                 VALUES ($1, 'den', $2, 'arrived', $3, $4, $5, $6, $7, $8, $9, $10, $9, $9) RETURNING id",
                params![
                    r.id,
                    doc.series.incoming_of().as_str(),
                    doc.doc_type.as_str(),
                    doc.subject.as_str(),
                    notation.as_str(),
                    now.date(),
                    doc.unit_name.as_str(),
                    doc.id,
                    now,
                    user
                ],
            )?
            .i64(0)?;
        history(c, copy, now, Some(user), "arrived", Some(&doc.unit_name))?;
    }
    Ok(notation)
}
