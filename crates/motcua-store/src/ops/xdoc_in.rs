//! Incoming documents from agencies of other installations (docs/documents.md,
//! "Between installations"). Inside the consumer's transaction
//! (`bus_log::receive`), an accepted document addressed to identifiers
//! the directory gives to this installation's units arrives at each of
//! those units like an in-house copy: "arrived", waiting for the clerk.
//! One addressed to none of them is refused ("02", `exchange_unknown_recipient`).
//! When the clerk registers or refuses such a document, the status reply
//! ("03" accepted, "02" refused with the reason) is queued back to the
//! sender in that act's transaction.

use chrono::NaiveDateTime;
use motcua_edxml::{Envelope, Organ, OrganId, ResponseFor, StatusCode, parse};
use motcua_rules::RuleError;
use motcua_rules::documents::DOC_TYPES;

use super::bus_log::{Incoming, send};
use super::exchange_agencies::{ExchangeAgency, ExchangeIdentity, own_unit};
use crate::db::Conn;
use crate::{StoreError, params};

/// An accepted document and this installation's units it is addressed to.
pub(crate) struct Arrival {
    envelope: Envelope,
    units: Vec<ExchangeAgency>,
}

/// Reads the accepted document of `incoming` and finds the units it is
/// addressed to. None of them: the message becomes a refusal
/// (`exchange_unknown_recipient` on `MessageHeader/To`) and its reply a
/// "02" with the reason. `None` for anything but a new document.
pub(crate) fn screen(
    c: &mut dyn Conn,
    me: &ExchangeIdentity,
    incoming: &mut Incoming,
    digest: &str,
    now: NaiveDateTime,
) -> Result<Option<Arrival>, StoreError> {
    let Ok(envelope) = parse(&incoming.message.payload) else { return Ok(None) };
    if envelope.business != motcua_edxml::BusinessType::New {
        // Revocations, updates and replacements are not built: logged and answered "01" only.
        return Ok(None);
    }
    let mut units = Vec::new();
    for to in &envelope.to {
        if let Some(u) = own_unit(c, to.id.as_str())? {
            units.push(u);
        }
    }
    if !units.is_empty() {
        return Ok(Some(Arrival { envelope, units }));
    }
    let e = RuleError::invalid("exchange_unknown_recipient", "MessageHeader/To");
    let m = &mut incoming.message;
    m.refusal = Some((e.code.to_owned(), "MessageHeader/To".to_owned()));
    m.status = Some(StatusCode::Refused.code().to_owned());
    let about = ResponseFor {
        organ_id: envelope.from.id.clone(),
        code: envelope.code.joined(),
        promulgation_date: envelope.promulgation_date,
        document_id: envelope.document_id.clone(),
    };
    let reason = format!("{} [{} MessageHeader/To]", e.message_vi, e.code);
    let key = me.reply_key(digest, StatusCode::Refused);
    incoming.reply = Some(me.status_entry(&me.agency, about, StatusCode::Refused, Some(reason), key, now)?);
    Ok(None)
}

/// The type of a received document: the one whose Vietnamese name is its
/// TypeName, else a công văn (the sender's name is kept in the history).
fn doc_type_of(e: &Envelope) -> &'static str {
    let name = e.type_name.trim().to_lowercase();
    DOC_TYPES.iter().find(|t| t.name_vi.to_lowercase() == name).map_or("CV", |t| t.code)
}

/// Writes the arrived copy at each addressed unit, with a history line.
pub(crate) fn register_arrival(c: &mut dyn Conn, a: &Arrival, now: NaiveDateTime) -> Result<(), StoreError> {
    let e = &a.envelope;
    let ty = doc_type_of(e);
    let note = format!("{} ({}; {})", e.from.name, e.from.id.as_str(), e.type_name);
    for u in &a.units {
        let unit_id = u.unit_id.ok_or_else(|| StoreError::internal("an own unit's entry without a unit"))?;
        let id = c
            .query_one(
                "INSERT INTO documents (unit_id, direction, series, state, doc_type, subject, notation, doc_date, \
                 signer_position, signer_name, sender_name, arrived_at, xdoc_id, xdoc_sender, xdoc_recipient, \
                 created_at, updated_at) \
                 VALUES ($1, 'den', 'thuong', 'arrived', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $9, $9) \
                 RETURNING id",
                params![
                    unit_id,
                    ty,
                    e.subject.as_str(),
                    e.code.joined(),
                    e.promulgation_date,
                    e.signer.position.as_str(),
                    e.signer.full_name.as_str(),
                    e.from.name.as_str(),
                    now,
                    e.document_id.as_str(),
                    e.from.id.as_str(),
                    u.organ_code.as_str()
                ],
            )?
            .i64(0)?;
        c.execute(
            "INSERT INTO document_history (document_id, at, user_id, action, note) VALUES ($1, $2, NULL, 'arrived', $3)",
            params![id, now, note.as_str()],
        )?;
    }
    Ok(())
}

/// After the clerk registered (`03`) or refused (`02`, with `reason`)
/// incoming document `id`: queues the status reply to its sender when it
/// came through the exchange; nothing otherwise. `document_exchange_off`
/// when this installation is no longer on the exchange (the act fails,
/// nothing is lost).
pub(crate) fn reply_to_sender(
    c: &mut dyn Conn,
    me: Option<&ExchangeIdentity>,
    id: i64,
    code: StatusCode,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let row = c.query_one(
        "SELECT xdoc_id, xdoc_sender, xdoc_recipient, notation, doc_date FROM documents WHERE id = $1",
        params![id],
    )?;
    let (Some(document_id), Some(sender), Some(here)) = (row.opt_string(0)?, row.opt_string(1)?, row.opt_string(2)?)
    else {
        return Ok(());
    };
    let me = me.ok_or_else(|| StoreError::conflict("document_exchange_off", None))?;
    let from =
        own_unit(c, &here)?.map(|u| u.name).ok_or_else(|| StoreError::conflict("exchange_unknown_recipient", None))?;
    let about = ResponseFor {
        organ_id: OrganId::parse(&sender)?,
        code: row.opt_string(3)?.unwrap_or_default(),
        promulgation_date: row.opt_date(4)?.ok_or_else(|| StoreError::internal("a received document without date"))?,
        document_id: document_id.clone(),
    };
    let key = format!("status:{here}:{sender}:{document_id}:{}", code.code());
    let from = Organ::new(OrganId::parse(&here)?, from);
    let entry = me.status_entry(&from, about, code, reason.map(str::to_owned), key, now)?;
    send(c, &entry, now)?;
    Ok(())
}
