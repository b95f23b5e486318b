//! [`identify`]: what a received message says about itself, read leniently
//! (no check of the rest), so that a message [`parse`](crate::parse)
//! refuses can still be logged against its sender and answered with a
//! status reply "02 refused" that names the document.

use chrono::NaiveDate;

use crate::OrganId;
use crate::dom::{At, read};

/// What kind of message the bytes hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// A document (`edXMLHeader/MessageHeader`).
    Document,
    /// A status reply (`edXMLHeader/Status`).
    Status,
    /// Neither could be read (not XML, not edXML).
    Unknown,
}

/// The identifying elements of a message, each `None` when missing or
/// not readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub kind: MessageKind,
    /// The sending agency (MessageHeader/From or Status/From).
    pub from: Option<OrganId>,
    /// The document's DocumentId (a status reply: the one it answers).
    pub document_id: Option<String>,
    /// A document's "số/ký hiệu" (`CodeNumber/CodeNotation`).
    pub code: Option<String>,
    /// A document's PromulgationDate.
    pub promulgation_date: Option<NaiveDate>,
    /// A document's BussinessDocType as written, when it is a number.
    pub business_type: Option<u8>,
}

/// Reads what identifies the message in `bytes`; never fails.
pub fn identify(bytes: &[u8]) -> Identity {
    let mut id = Identity {
        kind: MessageKind::Unknown,
        from: None,
        document_id: None,
        code: None,
        promulgation_date: None,
        business_type: None,
    };
    let Ok(root) = read(bytes) else { return id };
    let top = At::new(&root, "");
    let Some(header) = top.child("edXMLEnvelope").and_then(|e| e.child("edXMLHeader")) else { return id };
    let organ = |at: Option<At>| at.and_then(|f| f.opt_text("OrganId")).and_then(|t| OrganId::parse(&t).ok());
    if let Some(h) = header.child("MessageHeader") {
        id.kind = MessageKind::Document;
        id.from = organ(h.child("From"));
        id.document_id = h.opt_text("DocumentId");
        id.code = h.child("Code").and_then(|c| {
            let number = c.opt_text("CodeNumber")?;
            Some(match c.opt_text("CodeNotation") {
                Some(n) => format!("{number}/{n}"),
                None => number,
            })
        });
        id.promulgation_date = h.child("PromulgationInfo").and_then(|p| p.opt_date("PromulgationDate").ok().flatten());
        id.business_type = header
            .child("TraceHeaderList")
            .and_then(|l| l.child("Bussiness"))
            .and_then(|b| b.opt_text("BussinessDocType"))
            .and_then(|t| t.parse().ok());
    } else if let Some(s) = header.child("Status") {
        id.kind = MessageKind::Status;
        id.from = organ(s.child("From"));
        id.document_id = s.child("ResponseFor").and_then(|r| r.opt_text("DocumentId"));
    }
    id
}
