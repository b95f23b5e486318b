//! The envelope of an official document as QCVN 102 carries it, and the
//! checks both [`crate::build`] and [`crate::parse`] apply
//! ([`validate`]). Field names in errors are the edXML element paths
//! (`MessageHeader/To[2]/OrganId`), so a refusal points at the element.
//!
//! Limits and code lists come from the public SDK samples and validators
//! (docs/exchange.md, "Fields and limits"; SECONDARY there).

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::RuleError;

use crate::OrganId;

/// The longest subject (trích yếu) and content.
pub const SUBJECT_MAX: usize = 500;
/// The longest copy recipient (ToPlaces/Place).
pub const PLACE_MAX: usize = 150;
/// The longest attachment name.
pub const ATTACHMENT_NAME_MAX: usize = 200;
/// The longest agency name (OrganName in NĐ 30's appendix VI).
pub const ORGAN_NAME_MAX: usize = 200;

/// A sending or receiving agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organ {
    pub id: OrganId,
    pub name: String,
    /// The body it answers to (OrganizationInCharge).
    pub in_charge: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub telephone: Option<String>,
    pub fax: Option<String>,
    pub website: Option<String>,
}

impl Organ {
    /// An agency with its identifier and name only.
    pub fn new(id: OrganId, name: impl Into<String>) -> Organ {
        Organ {
            id,
            name: name.into(),
            in_charge: None,
            address: None,
            email: None,
            telephone: None,
            fax: None,
            website: None,
        }
    }
}

/// Số and ký hiệu: `05` and `UBND-VP` in `Số: 05/UBND-VP`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub number: String,
    pub notation: String,
}

impl Code {
    /// "Số/ký hiệu" as one text (`05/UBND-VP`; the number alone without a notation).
    pub fn joined(&self) -> String {
        if self.notation.is_empty() { self.number.clone() } else { format!("{}/{}", self.number, self.notation) }
    }
}

/// The signer as printed: authority prefix (TM., KT., TL., TUQ., Q.),
/// position and name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signer {
    pub competence: Option<String>,
    pub position: String,
    pub full_name: String,
}

/// The document a reply answers (ResponseFor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseFor {
    pub organ_id: OrganId,
    /// Its "số/ký hiệu" as one text, e.g. `267/VPCP-TTĐT`.
    pub code: String,
    pub promulgation_date: NaiveDate,
    pub document_id: String,
}

/// One hop of the routing history (TraceHeader).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    pub organ_id: OrganId,
    pub timestamp: NaiveDateTime,
}

/// What the message does to the document (BussinessDocType).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BusinessType {
    New,
    Revoke,
    Update,
    Replace,
}

impl BusinessType {
    pub fn code(self) -> u8 {
        match self {
            BusinessType::New => 0,
            BusinessType::Revoke => 1,
            BusinessType::Update => 2,
            BusinessType::Replace => 3,
        }
    }

    pub fn from_code(code: u8) -> Option<BusinessType> {
        Some(match code {
            0 => BusinessType::New,
            1 => BusinessType::Revoke,
            2 => BusinessType::Update,
            3 => BusinessType::Replace,
            _ => return None,
        })
    }
}

/// Urgency (OtherInfo/Priority): the marks of Nghị định 30/2020 and the
/// timed "hỏa tốc hẹn giờ".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Priority {
    #[default]
    Normal,
    /// Khẩn.
    Urgent,
    /// Thượng khẩn.
    VeryUrgent,
    /// Hỏa tốc.
    Flash,
    /// Hỏa tốc hẹn giờ.
    FlashTimed,
}

impl Priority {
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<Priority> {
        [Priority::Normal, Priority::Urgent, Priority::VeryUrgent, Priority::Flash, Priority::FlashTimed]
            .get(usize::from(code))
            .copied()
    }
}

/// Secrecy marks of Nghị định 30/2020 (mật, tối mật, tuyệt mật). QCVN 102
/// does not cover secret documents, so an envelope carrying one is never
/// built nor accepted. No edXML element for the mark is known: it is set
/// by the document model before building (docs/exchange.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secrecy {
    Secret,
    TopSecret,
    UltraSecret,
}

/// A file carried in the message (AttachmentEncoded/Attachment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The id the manifest refers to (`cid:<content_id>`).
    pub content_id: String,
    pub name: String,
    pub content_type: String,
    pub description: Option<String>,
    pub bytes: Vec<u8>,
}

/// An official document's envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub from: Organ,
    /// The recipients (at least one, none twice).
    pub to: Vec<Organ>,
    pub code: Code,
    pub place: String,
    pub promulgation_date: NaiveDate,
    /// DocumentType/Type (18 = công văn) and its name.
    pub type_code: u16,
    pub type_name: String,
    pub subject: String,
    pub content: Option<String>,
    pub signer: Signer,
    pub due_date: Option<NaiveDate>,
    /// Copy recipients named in words (nơi nhận not on the exchange).
    pub to_places: Vec<String>,
    pub priority: Priority,
    /// SteeringType: 1 not a direction, 2 direction, 3 report on one in
    /// the SDK's list; implementations send 0 and 1, so it is kept as a
    /// number (docs/exchange.md, unsettled).
    pub steering_type: Option<u8>,
    /// The sender's id of the document, in practice
    /// `{OrganId},{yyyy/MM/dd},{số/ký hiệu}`.
    pub document_id: String,
    pub response_for: Vec<ResponseFor>,
    pub trace: Vec<Trace>,
    pub business: BusinessType,
    pub business_reason: Option<String>,
    pub secrecy: Option<Secrecy>,
    pub attachments: Vec<Attachment>,
}

/// Every check of an envelope, in document order; the first failure is
/// returned (a received message is refused as a whole).
pub fn validate(e: &Envelope) -> Result<(), RuleError> {
    if e.secrecy.is_some() {
        return Err(RuleError::invalid("edxml_secret", "Secrecy"));
    }
    organ(&e.from, "MessageHeader/From")?;
    if e.to.is_empty() {
        return Err(RuleError::invalid("edxml_no_recipient", "MessageHeader/To"));
    }
    for (i, to) in e.to.iter().enumerate() {
        let path = format!("MessageHeader/To[{}]", i + 1);
        organ(to, &path)?;
        if e.to[..i].iter().any(|t| t.id == to.id) {
            return Err(
                RuleError::invalid("edxml_duplicate_recipient", &format!("{path}/OrganId")).arg("organ", &to.id)
            );
        }
    }
    required(&e.code.number, "MessageHeader/Code/CodeNumber")?;
    required(&e.type_name, "MessageHeader/DocumentType/TypeName")?;
    required(&e.subject, "MessageHeader/Subject")?;
    max_len(&e.subject, SUBJECT_MAX, "MessageHeader/Subject")?;
    if let Some(c) = &e.content {
        max_len(c, SUBJECT_MAX, "MessageHeader/Content")?;
    }
    for (i, p) in e.to_places.iter().enumerate() {
        max_len(p, PLACE_MAX, &format!("MessageHeader/ToPlaces/Place[{}]", i + 1))?;
    }
    if let Some(due) = e.due_date
        && due < e.promulgation_date
    {
        return Err(RuleError::invalid("edxml_due_before_date", "MessageHeader/DueDate"));
    }
    required(&e.document_id, "MessageHeader/DocumentId")?;
    for (i, r) in e.response_for.iter().enumerate() {
        required(&r.document_id, &format!("MessageHeader/ResponseFor[{}]/DocumentId", i + 1))?;
    }
    for (i, a) in e.attachments.iter().enumerate() {
        let path = format!("AttachmentEncoded/Attachment[{}]", i + 1);
        required(&a.content_id, &format!("{path}/ContentId"))?;
        required(&a.name, &format!("{path}/AttachmentName"))?;
        max_len(&a.name, ATTACHMENT_NAME_MAX, &format!("{path}/AttachmentName"))?;
        required(&a.content_type, &format!("{path}/ContentType"))?;
        if e.attachments[..i].iter().any(|b| b.content_id == a.content_id) {
            return Err(RuleError::invalid("edxml_duplicate_attachment", &format!("{path}/ContentId")));
        }
    }
    Ok(())
}

pub(crate) fn organ(o: &Organ, path: &str) -> Result<(), RuleError> {
    required(&o.name, &format!("{path}/OrganName"))?;
    max_len(&o.name, ORGAN_NAME_MAX, &format!("{path}/OrganName"))
}

pub(crate) fn required(value: &str, field: &str) -> Result<(), RuleError> {
    if value.trim().is_empty() { Err(RuleError::invalid("edxml_required", field)) } else { Ok(()) }
}

pub(crate) fn max_len(value: &str, max: usize, field: &str) -> Result<(), RuleError> {
    if value.chars().count() > max { Err(RuleError::invalid("edxml_too_long", field).arg("max", max)) } else { Ok(()) }
}
