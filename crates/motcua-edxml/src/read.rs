//! [`parse`]: received edXML bytes to an [`Envelope`], refused unless the
//! root is in the edXML namespace and every check of [`validate`] passes.

use motcua_rules::RuleError;

use crate::dom::{At, Node, read};
use crate::model::{Attachment, BusinessType, Code, Envelope, Organ, Priority, ResponseFor, Signer, Trace, validate};

/// The root of `bytes`, checked to be `edXML` in the edXML namespace.
pub(crate) fn root(bytes: &[u8]) -> Result<Node, RuleError> {
    let root = read(bytes)?;
    if !root.in_ns || root.name != "edXML" {
        return Err(RuleError::invalid("edxml_namespace", "edXML").arg("namespace", crate::NAMESPACE));
    }
    Ok(root)
}

pub(crate) fn organ(at: &At) -> Result<Organ, RuleError> {
    Ok(Organ {
        id: at.organ_id("OrganId")?,
        name: at.text("OrganName")?,
        in_charge: at.opt_text("OrganizationInCharge"),
        address: at.opt_text("OrganAdd"),
        email: at.opt_text("Email"),
        telephone: at.opt_text("Telephone"),
        fax: at.opt_text("Fax"),
        website: at.opt_text("Website"),
    })
}

pub(crate) fn response_for(at: &At) -> Result<ResponseFor, RuleError> {
    Ok(ResponseFor {
        organ_id: at.organ_id("OrganId")?,
        code: at.opt_text("Code").unwrap_or_default(),
        promulgation_date: at.date("PromulgationDate")?,
        document_id: at.text("DocumentId")?,
    })
}

/// The envelope in `bytes`, or the first problem with its field.
pub fn parse(bytes: &[u8]) -> Result<Envelope, RuleError> {
    let root = root(bytes)?;
    let top = At::new(&root, "");
    let envelope = top.need("edXMLEnvelope")?;
    let header = envelope.need("edXMLHeader")?;
    let h = At::new(header.need("MessageHeader")?.node, "MessageHeader");

    let from = organ(&h.need("From")?)?;
    let to = h.all("To").iter().map(organ).collect::<Result<Vec<_>, _>>()?;
    let code = h.need("Code")?;
    let promulgation = h.need("PromulgationInfo")?;
    let doc_type = h.need("DocumentType")?;
    let type_code = doc_type
        .text("Type")?
        .parse::<u16>()
        .map_err(|_| RuleError::invalid("edxml_bad_value", "MessageHeader/DocumentType/Type"))?;
    // Trimmed like every other text: a pretty-printed message keeps its subject.
    let subject = h.text("Subject")?;
    let signer = match h.child("SignerInfo") {
        Some(s) => Signer {
            competence: s.opt_text("Competence"),
            position: s.opt_text("Position").unwrap_or_default(),
            full_name: s.opt_text("FullName").unwrap_or_default(),
        },
        None => Signer::default(),
    };
    let to_places = h
        .child("ToPlaces")
        .map(|p| p.all("Place").iter().map(|p| p.node.text.trim().to_owned()).filter(|t| !t.is_empty()).collect())
        .unwrap_or_default();
    let priority = match h.child("OtherInfo") {
        Some(o) => o.code("Priority", Priority::from_code)?.unwrap_or_default(),
        None => Priority::Normal,
    };

    let trace_list = header.child("TraceHeaderList").map(|l| At::new(l.node, "TraceHeaderList"));
    let mut trace = Vec::new();
    let mut business = BusinessType::New;
    let mut business_reason = None;
    if let Some(list) = &trace_list {
        for t in list.all("TraceHeader") {
            trace.push(Trace { organ_id: t.organ_id("OrganId")?, timestamp: t.time("Timestamp")? });
        }
        if let Some(b) = list.child("Bussiness") {
            business = b.code("BussinessDocType", BusinessType::from_code)?.unwrap_or(BusinessType::New);
            business_reason = b.opt_text("BussinessDocReason");
        }
    }

    let mut attachments = Vec::new();
    if let Some(encoded) = top.child("AttachmentEncoded") {
        for a in encoded.all("Attachment") {
            attachments.push(Attachment {
                content_id: a.text("ContentId")?,
                name: a.text("AttachmentName")?,
                content_type: a.text("ContentType")?,
                description: a.opt_text("Description"),
                bytes: a.base64("ContentTransferEncoded")?,
            });
        }
    }

    let e = Envelope {
        from,
        to,
        code: Code { number: code.text("CodeNumber")?, notation: code.opt_text("CodeNotation").unwrap_or_default() },
        place: promulgation.opt_text("Place").unwrap_or_default(),
        promulgation_date: promulgation.date("PromulgationDate")?,
        type_code,
        type_name: doc_type.text("TypeName")?,
        subject,
        content: h.opt_text("Content"),
        signer,
        due_date: h.opt_date("DueDate")?,
        to_places,
        priority,
        steering_type: h.code("SteeringType", Some)?,
        document_id: h.text("DocumentId")?,
        response_for: h.all("ResponseFor").iter().map(response_for).collect::<Result<_, _>>()?,
        trace,
        business,
        business_reason,
        secrecy: None,
        attachments,
    };
    validate(&e)?;
    Ok(e)
}
