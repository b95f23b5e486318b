//! The exchange format of official documents between agencies: the edXML
//! envelope of QCVN 102:2016/BTTTT (amended 2022) and its status replies.
//! Pure: bytes in, an [`Envelope`] or a [`StatusReply`] out, and back; no
//! IO. What the format is, where each element name comes from and what is
//! not settled: docs/exchange.md.
//!
//! Refusals are `RuleError`s with a stable code (`edxml_*`, messages in
//! `errors.ftl`) and the element path as the field
//! (`MessageHeader/To[2]/OrganId`).
//!
//! ```
//! use motcua_edxml::{OrganId, StatusCode};
//! assert!(OrganId::parse("000.00.04.G18").is_ok());
//! assert_eq!(StatusCode::from_code("06"), Some(StatusCode::Done));
//! ```

mod dom;
mod identify;
mod model;
mod organ;
mod read;
mod status;
mod write;

pub use identify::{Identity, MessageKind, identify};
pub use model::{
    ATTACHMENT_NAME_MAX, Attachment, BusinessType, Code, Envelope, ORGAN_NAME_MAX, Organ, PLACE_MAX, Priority,
    ResponseFor, SUBJECT_MAX, Secrecy, Signer, Trace, validate,
};
pub use organ::OrganId;
pub use read::parse;
pub use status::{Staff, StatusCode, StatusReply, build_status, parse_status};
pub use write::build;

/// The namespace of QCVN 102:2016's messages, as every public sample
/// writes it.
pub const NAMESPACE: &str = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
/// The XLink namespace of the manifest's references.
pub const XLINK: &str = "http://www.w3.org/1999/xlink";
