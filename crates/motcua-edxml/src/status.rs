//! Status replies (phản hồi trạng thái): a separate edXML message that
//! tells the sender what became of its document. The codes are those of
//! the public SDK's status sample and one provincial implementation
//! (SECONDARY, docs/exchange.md, "Status codes"); the official text that
//! defines them, and codes 07–12 and 14, are not found, so a code outside
//! this list is refused rather than guessed.

use chrono::NaiveDateTime;
use motcua_rules::RuleError;

use crate::OrganId;
use crate::dom::At;
use crate::model::{Organ, ResponseFor, SUBJECT_MAX, max_len};
use crate::read::{organ, response_for, root};
use crate::write::Xml;

/// What the recipient did with the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusCode {
    /// 01 đã đến.
    Arrived,
    /// 02 từ chối tiếp nhận.
    Refused,
    /// 03 đã tiếp nhận.
    Accepted,
    /// 04 phân công (the SDK's text: "đang chờ phân công").
    AwaitingAssignment,
    /// 05 đã phân công, đang xử lý.
    InProgress,
    /// 06 đã xử lý xong.
    Done,
    /// 13 thu hồi.
    Revoke,
    /// 15 đồng ý thu hồi/cập nhật.
    RevokeOrUpdateAccepted,
    /// 16 từ chối thu hồi/cập nhật.
    RevokeOrUpdateRefused,
}

impl StatusCode {
    pub const ALL: [StatusCode; 9] = [
        StatusCode::Arrived,
        StatusCode::Refused,
        StatusCode::Accepted,
        StatusCode::AwaitingAssignment,
        StatusCode::InProgress,
        StatusCode::Done,
        StatusCode::Revoke,
        StatusCode::RevokeOrUpdateAccepted,
        StatusCode::RevokeOrUpdateRefused,
    ];

    /// The two-digit code on the wire.
    pub fn code(self) -> &'static str {
        match self {
            StatusCode::Arrived => "01",
            StatusCode::Refused => "02",
            StatusCode::Accepted => "03",
            StatusCode::AwaitingAssignment => "04",
            StatusCode::InProgress => "05",
            StatusCode::Done => "06",
            StatusCode::Revoke => "13",
            StatusCode::RevokeOrUpdateAccepted => "15",
            StatusCode::RevokeOrUpdateRefused => "16",
        }
    }

    /// `None` for a code not in the list (also 07–12 and 14, whose meaning
    /// is not found).
    pub fn from_code(code: &str) -> Option<StatusCode> {
        StatusCode::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Who acted, as the reply names them (StaffInfo).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Staff {
    pub department: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub mobile: Option<String>,
}

/// A status reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReply {
    /// The document it is about.
    pub response_for: ResponseFor,
    /// The agency replying.
    pub from: Organ,
    pub code: StatusCode,
    /// Why (a refusal's reason), at most 500 characters.
    pub description: Option<String>,
    pub timestamp: NaiveDateTime,
    pub staff: Staff,
}

impl StatusReply {
    /// The agency that sent the document, to whom the reply goes.
    pub fn to(&self) -> &OrganId {
        &self.response_for.organ_id
    }
}

fn validate(s: &StatusReply) -> Result<(), RuleError> {
    crate::model::organ(&s.from, "Status/From")?;
    crate::model::required(&s.response_for.document_id, "Status/ResponseFor/DocumentId")?;
    if let Some(d) = &s.description {
        max_len(d, SUBJECT_MAX, "Status/Description")?;
    }
    if s.code == StatusCode::Refused && s.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
        return Err(RuleError::invalid("edxml_reason_required", "Status/Description"));
    }
    Ok(())
}

/// The edXML bytes of a status reply.
pub fn build_status(s: &StatusReply) -> Result<Vec<u8>, RuleError> {
    validate(s)?;
    let mut x = Xml::root();
    x.open("edXMLEnvelope").open("edXMLHeader").open("Status");
    x.response_for(&s.response_for);
    x.organ("From", &s.from);
    x.leaf("StatusCode", s.code.code());
    x.opt("Description", s.description.as_deref());
    x.time("Timestamp", s.timestamp);
    x.open("StaffInfo")
        .opt("Department", s.staff.department.as_deref())
        .opt("Staff", s.staff.name.as_deref())
        .opt("Email", s.staff.email.as_deref())
        .opt("Mobile", s.staff.mobile.as_deref())
        .close("StaffInfo");
    x.close("Status").close("edXMLHeader").close("edXMLEnvelope");
    Ok(x.finish())
}

/// The status reply in `bytes`, or the first problem with its field.
pub fn parse_status(bytes: &[u8]) -> Result<StatusReply, RuleError> {
    let root = root(bytes)?;
    let top = At::new(&root, "");
    let header = top.need("edXMLEnvelope")?.need("edXMLHeader")?;
    let st = At::new(header.need("Status")?.node, "Status");
    let code = st.text("StatusCode")?;
    let code =
        StatusCode::from_code(&code).ok_or_else(|| RuleError::invalid("edxml_bad_value", "Status/StatusCode"))?;
    let staff = st
        .child("StaffInfo")
        .map(|i| Staff {
            department: i.opt_text("Department"),
            name: i.opt_text("Staff"),
            email: i.opt_text("Email"),
            mobile: i.opt_text("Mobile"),
        })
        .unwrap_or_default();
    let reply = StatusReply {
        response_for: response_for(&st.need("ResponseFor")?)?,
        from: organ(&st.need("From")?)?,
        code,
        description: st.opt_text("Description"),
        timestamp: st.time("Timestamp")?,
        staff,
    };
    validate(&reply)?;
    Ok(reply)
}
