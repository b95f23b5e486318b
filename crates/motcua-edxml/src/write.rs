//! Writing edXML: the envelope of a document ([`build`]) on a small
//! text writer whose escaping is quick-xml's.

use base64::Engine;
use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::RuleError;
use quick_xml::escape::escape;

use crate::model::{Envelope, Organ, ResponseFor, validate};
use crate::{NAMESPACE, XLINK};

/// `yyyy/MM/dd`, the dates of the samples.
pub(crate) const DATE_FORMAT: &str = "%Y/%m/%d";
/// `yyyy/MM/dd HH:mm:ss`, the trace and status times.
pub(crate) const TIME_FORMAT: &str = "%Y/%m/%d %H:%M:%S";

/// An XML text being written, every element in the edXML namespace.
pub(crate) struct Xml(String);

impl Xml {
    /// The root `edXML:edXML` opened, with the namespace declared as the
    /// default and as the `edXML` prefix (the samples use both spellings).
    pub(crate) fn root() -> Xml {
        let mut s = String::with_capacity(4096);
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.push_str(&format!("<edXML:edXML xmlns=\"{NAMESPACE}\" xmlns:edXML=\"{NAMESPACE}\" xmlns:xlink=\"{XLINK}\">"));
        Xml(s)
    }

    pub(crate) fn open(&mut self, name: &str) -> &mut Self {
        self.0.push_str("<edXML:");
        self.0.push_str(name);
        self.0.push('>');
        self
    }

    pub(crate) fn open_with(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.0.push_str("<edXML:");
        self.0.push_str(name);
        for (k, v) in attrs {
            self.0.push_str(&format!(" {k}=\"{}\"", escape(*v)));
        }
        self.0.push('>');
        self
    }

    pub(crate) fn close(&mut self, name: &str) -> &mut Self {
        self.0.push_str("</edXML:");
        self.0.push_str(name);
        self.0.push('>');
        self
    }

    pub(crate) fn leaf(&mut self, name: &str, text: &str) -> &mut Self {
        self.open(name);
        self.0.push_str(&escape(text));
        self.close(name)
    }

    /// The element when there is a value; nothing otherwise.
    pub(crate) fn opt(&mut self, name: &str, text: Option<&str>) -> &mut Self {
        if let Some(t) = text {
            self.leaf(name, t);
        }
        self
    }

    pub(crate) fn date(&mut self, name: &str, d: NaiveDate) -> &mut Self {
        self.leaf(name, &d.format(DATE_FORMAT).to_string())
    }

    pub(crate) fn time(&mut self, name: &str, t: NaiveDateTime) -> &mut Self {
        self.leaf(name, &t.format(TIME_FORMAT).to_string())
    }

    pub(crate) fn organ(&mut self, name: &str, o: &Organ) -> &mut Self {
        self.open(name)
            .leaf("OrganId", o.id.as_str())
            .opt("OrganizationInCharge", o.in_charge.as_deref())
            .leaf("OrganName", &o.name)
            .opt("OrganAdd", o.address.as_deref())
            .opt("Email", o.email.as_deref())
            .opt("Telephone", o.telephone.as_deref())
            .opt("Fax", o.fax.as_deref())
            .opt("Website", o.website.as_deref())
            .close(name)
    }

    pub(crate) fn response_for(&mut self, r: &ResponseFor) -> &mut Self {
        self.open("ResponseFor")
            .leaf("OrganId", r.organ_id.as_str())
            .leaf("Code", &r.code)
            .date("PromulgationDate", r.promulgation_date)
            .leaf("DocumentId", &r.document_id)
            .close("ResponseFor")
    }

    pub(crate) fn finish(mut self) -> Vec<u8> {
        self.close("edXML");
        self.0.into_bytes()
    }
}

/// The edXML bytes of `e`, after [`validate`]: a refusal names the field.
pub fn build(e: &Envelope) -> Result<Vec<u8>, RuleError> {
    validate(e)?;
    let mut x = Xml::root();
    x.open("edXMLEnvelope").open("edXMLHeader").open("MessageHeader");
    x.organ("From", &e.from);
    for to in &e.to {
        x.organ("To", to);
    }
    x.open("Code").leaf("CodeNumber", &e.code.number).leaf("CodeNotation", &e.code.notation).close("Code");
    x.open("PromulgationInfo")
        .leaf("Place", &e.place)
        .date("PromulgationDate", e.promulgation_date)
        .close("PromulgationInfo");
    x.open("DocumentType").leaf("Type", &e.type_code.to_string()).leaf("TypeName", &e.type_name).close("DocumentType");
    x.leaf("Subject", &e.subject).opt("Content", e.content.as_deref());
    x.open("SignerInfo")
        .opt("Competence", e.signer.competence.as_deref())
        .leaf("Position", &e.signer.position)
        .leaf("FullName", &e.signer.full_name)
        .close("SignerInfo");
    if let Some(due) = e.due_date {
        x.date("DueDate", due);
    }
    x.open("ToPlaces");
    for p in &e.to_places {
        x.leaf("Place", p);
    }
    x.close("ToPlaces");
    x.open("OtherInfo").leaf("Priority", &e.priority.code().to_string()).close("OtherInfo");
    for r in &e.response_for {
        x.response_for(r);
    }
    x.opt("SteeringType", e.steering_type.map(|s| s.to_string()).as_deref());
    x.leaf("DocumentId", &e.document_id);
    x.close("MessageHeader");
    x.open_with(
        "TraceHeaderList",
        &[
            ("id", "TraceHeaderList"),
            ("version", "1.0"),
            ("mustUnderstand", "1"),
            ("actor", "http://schemas.xmlsoap.org/soap/actor/next"),
        ],
    );
    for t in &e.trace {
        x.open("TraceHeader").leaf("OrganId", t.organ_id.as_str()).time("Timestamp", t.timestamp).close("TraceHeader");
    }
    x.open("Bussiness")
        .leaf("BussinessDocType", &e.business.code().to_string())
        .opt("BussinessDocReason", e.business_reason.as_deref())
        .leaf("Paper", "0")
        .close("Bussiness");
    x.close("TraceHeaderList");
    x.close("edXMLHeader");
    x.open("edXMLBody").open_with("edXMLManifest", &[("version", "1.0")]);
    for a in &e.attachments {
        x.open_with("Reference", &[("xlink:href", &format!("cid:{}", a.content_id))])
            .leaf("AttachmentName", &a.name)
            .close("Reference");
    }
    x.close("edXMLManifest").close("edXMLBody").close("edXMLEnvelope");
    x.open("AttachmentEncoded");
    let b64 = base64::engine::general_purpose::STANDARD;
    for a in &e.attachments {
        x.open("Attachment")
            .leaf("ContentType", &a.content_type)
            .leaf("ContentId", &a.content_id)
            .opt("Description", a.description.as_deref())
            .leaf("ContentTransferEncoded", &b64.encode(&a.bytes))
            .leaf("AttachmentName", &a.name)
            .close("Attachment");
    }
    x.close("AttachmentEncoded");
    Ok(x.finish())
}
