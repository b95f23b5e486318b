//! Outgoing documents to agencies of other installations (docs/documents.md,
//! "Between installations"): issuing a document whose recipients include
//! outside agencies of the directory (`exchange_agencies`) builds its edXML
//! envelope and queues one message per outside recipient with
//! `bus_log::send`, in the issuing transaction; a status reply from one of
//! them moves that recipient's progress (`document_outside`).

use chrono::NaiveDateTime;
use motcua_edxml::{BusinessType, Code, Envelope, Organ, OrganId, Priority, Secrecy, Signer, StatusCode, parse_status};
use motcua_rules::documents::{self as rules, Series, State};

use super::bus_log::send;
use super::documents::{Document, OutsideDelivery};
use super::exchange_agencies::ExchangeIdentity;
use crate::db::Conn;
use crate::{StoreError, params};

/// DocumentType/Type of the types whose number is known: only the công
/// văn's (18) is seen in the public samples (docs/exchange.md); the others
/// are sent as 0, UNVERIFIED.
const TYPE_CODES: &[(&str, u16)] = &[("CV", 18)];

/// The outside recipients of document `id` with their progress.
pub(crate) fn outside_deliveries(c: &mut dyn Conn, id: i64) -> Result<Vec<OutsideDelivery>, StoreError> {
    c.query(
        "SELECT a.id, a.organ_code, a.name, o.status, o.reason, o.updated_at FROM document_outside o \
         JOIN exchange_agencies a ON a.id = o.agency_id WHERE o.document_id = $1 ORDER BY a.organ_code",
        params![id],
    )?
    .iter()
    .map(|r| {
        let status = r.opt_string(3)?;
        Ok(OutsideDelivery {
            agency_id: r.i64(0)?,
            organ_code: r.string(1)?,
            name: r.string(2)?,
            state: status.as_deref().and_then(state_of),
            status,
            reason: r.opt_string(4)?,
            updated_at: r.opt_time(5)?,
        })
    })
    .collect()
}

/// What a status code says about the recipient's copy, in the terms of an
/// in-house copy: 01 arrived, 02 refused, 03 and 04 registered (waiting
/// for the leader), 05 in progress, 06 done.
pub fn state_of(code: &str) -> Option<State> {
    Some(match StatusCode::from_code(code)? {
        StatusCode::Arrived => State::Arrived,
        StatusCode::Refused => State::Refused,
        StatusCode::Accepted | StatusCode::AwaitingAssignment => State::Registered,
        StatusCode::InProgress => State::InProgress,
        StatusCode::Done => State::Done,
        _ => return None,
    })
}

/// The envelope of issued document `doc` (numbered as `notation`) to `to`.
fn envelope(me: &ExchangeIdentity, doc: &Document, notation: &str, to: Vec<Organ>, now: NaiveDateTime) -> Envelope {
    let ty = rules::doc_type(&doc.doc_type, "doc_type").ok();
    let (number, code_notation) = notation.split_once('/').unwrap_or((notation, ""));
    let date = now.date();
    Envelope {
        from: me.agency.clone(),
        to,
        code: Code { number: number.to_owned(), notation: code_notation.to_owned() },
        place: String::new(),
        promulgation_date: date,
        type_code: TYPE_CODES.iter().find(|(c, _)| *c == doc.doc_type).map_or(0, |(_, n)| *n),
        type_name: ty.map_or_else(|| doc.doc_type.clone(), |t| t.name_vi.to_owned()),
        subject: doc.subject.clone(),
        content: None,
        signer: Signer {
            competence: None,
            position: doc.signer_position.clone().unwrap_or_default(),
            full_name: doc.signer_name.clone().unwrap_or_default(),
        },
        due_date: None,
        to_places: vec![],
        priority: Priority::Normal,
        steering_type: None,
        document_id: format!("{},{},{}", me.agency.id.as_str(), date.format("%Y/%m/%d"), notation),
        response_for: vec![],
        trace: vec![],
        business: BusinessType::New,
        business_reason: None,
        // QCVN 102 does not carry secret documents: `build` refuses them.
        secrecy: (doc.series == Series::Secret).then_some(Secrecy::Secret),
        attachments: vec![],
    }
}

/// Queues issued document `doc` (numbered as `notation`) to each of its
/// outside recipients, in the issuing transaction; nothing when it has
/// none. `document_exchange_off` when this installation is not on the
/// exchange; the envelope's refusal (`edxml_*`) when it cannot be built.
pub(crate) fn send_issued(
    c: &mut dyn Conn,
    me: Option<&ExchangeIdentity>,
    doc: &Document,
    notation: &str,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let outside = outside_deliveries(c, doc.id)?;
    if outside.is_empty() {
        return Ok(());
    }
    let me = me.ok_or_else(|| StoreError::conflict("document_exchange_off", None))?;
    let to = outside
        .iter()
        .map(|o| Ok(Organ::new(OrganId::parse(&o.organ_code)?, o.name.clone())))
        .collect::<Result<Vec<_>, motcua_rules::RuleError>>()?;
    let env = envelope(me, doc, notation, to, now);
    for entry in me.outgoing(&env)? {
        send(c, &entry, now)?;
    }
    c.execute("UPDATE documents SET xdoc_id = $1 WHERE id = $2", params![env.document_id.as_str(), doc.id])?;
    c.execute("UPDATE document_outside SET updated_at = $1 WHERE document_id = $2", params![now, doc.id])?;
    Ok(())
}

/// A status reply received for a document this installation sent: moves
/// that recipient's progress, never back (02 refused stands; a code
/// outside 01–06 moves nothing). A reply about a document or from an
/// agency this installation did not send to changes nothing.
pub(crate) fn status_arrived(c: &mut dyn Conn, payload: &[u8], now: NaiveDateTime) -> Result<(), StoreError> {
    let Ok(reply) = parse_status(payload) else { return Ok(()) };
    if state_of(reply.code.code()).is_none() {
        return Ok(());
    }
    let Some(row) = c.query_opt(
        "SELECT o.document_id, o.agency_id, o.status FROM document_outside o \
         JOIN documents d ON d.id = o.document_id JOIN exchange_agencies a ON a.id = o.agency_id \
         WHERE d.direction = 'di' AND d.xdoc_id = $1 AND a.organ_code = $2",
        params![reply.response_for.document_id.as_str(), reply.from.id.as_str()],
    )?
    else {
        return Ok(());
    };
    let current = row.opt_string(2)?;
    if current.as_deref().is_some_and(|c| c == "02" || c >= reply.code.code()) {
        return Ok(());
    }
    let reason = (reply.code == StatusCode::Refused).then(|| reply.description.clone()).flatten();
    c.execute(
        "UPDATE document_outside SET status = $1, reason = $2, updated_at = $3 WHERE document_id = $4 AND agency_id = $5",
        params![reply.code.code(), reason, now, row.i64(0)?, row.i64(1)?],
    )?;
    Ok(())
}
