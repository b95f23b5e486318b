//! Verifying every signature of a PDF, with a verdict per signature and
//! for the document from the three of EN 319 102-1 (as EU DSS names them):
//! passed, indeterminate, failed. "Passed" only when every check could be
//! made and held; when something cannot be known the answer is
//! indeterminate. No network access: anchors and CRLs come from the
//! [`TrustStore`].

mod chain;
mod cms_check;
mod extract;
mod revisions;
mod timestamp;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc4519;
use der::asn1::{Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
use serde::Serialize;
use x509_cert::Certificate;
use x509_cert::name::Name;

use crate::input::{Limits, load_pdf};
use crate::sign::SignatureRole;
use crate::{SignError, TrustStore};
use cms_check::CmsProblem;

pub(crate) use extract::{FoundSignature, signatures};
pub use timestamp::TimestampReport;

/// EN 319 102-1's three indications, worst last (the order `max` uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Passed,
    Indeterminate,
    Failed,
}

/// One thing a check found: a stable code, the verdict it leads to, and
/// words for the log (English, not for display).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub verdict: Verdict,
    pub detail: String,
}

impl Finding {
    pub(crate) fn new(code: &'static str, verdict: Verdict, detail: impl Into<String>) -> Self {
        Self { code, verdict, detail: detail.into() }
    }
}

/// Who signed, from the signer's certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignerIdentity {
    pub common_name: Option<String>,
    pub organization: Option<String>,
    /// The certificate's serial number, hexadecimal.
    pub serial: String,
    /// The issuer's distinguished name (RFC 4514).
    pub issuer: String,
}

/// Where the signing time came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeSource {
    /// The CMS signing-time signed attribute.
    CmsAttribute,
    /// The signature dictionary's `/M` (PAdES), inside the signed bytes.
    PdfM,
}

/// The result for one signature.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureReport {
    pub field_name: String,
    /// From a motcua field name; `None` for signatures made elsewhere.
    pub role: Option<SignatureRole>,
    pub sub_filter: String,
    pub signer: Option<SignerIdentity>,
    /// The claimed signing time (a time-stamp, when present, proves only
    /// that the signature existed at the time-stamp's time).
    pub signing_time: Option<DateTime<Utc>>,
    pub time_source: Option<TimeSource>,
    /// The signature time-stamp (PAdES B-T), when the CMS carries one.
    pub timestamp: Option<TimestampReport>,
    /// Whether the signature's byte range ends at the end of the file.
    pub covers_whole_document: bool,
    /// The length of the revision it signs.
    pub signed_revision_length: usize,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

/// The result for a document: each signature (in file order), findings
/// about the document as a whole (the order of signatures), and the worst
/// verdict of all.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub verdict: Verdict,
    pub signatures: Vec<SignatureReport>,
    pub findings: Vec<Finding>,
}

/// How to verify: the time the verification is made ("now", which the
/// caller passes) and the input limits.
#[derive(Debug, Clone, Copy)]
pub struct VerifyOptions {
    pub now: DateTime<Utc>,
    pub limits: Limits,
}

impl VerifyOptions {
    pub fn at(now: DateTime<Utc>) -> Self {
        Self { now, limits: Limits::default() }
    }
}

/// Verifies every signature of `pdf`. A document without signatures is
/// an error (`no_signatures`), not a report.
pub fn verify_pdf(pdf: &[u8], trust: &TrustStore, options: &VerifyOptions) -> Result<Report, SignError> {
    let doc = load_pdf(pdf, options.limits, "document")?;
    let mut found = signatures(&doc);
    if found.is_empty() {
        return Err(SignError::new("no_signatures", "document", "no signed signature field"));
    }
    found.sort_by_key(FoundSignature::revision_end);
    let signatures: Vec<SignatureReport> =
        found.iter().map(|sig| verify_one(pdf, &doc, sig, trust, options.now)).collect();
    let findings = order_findings(&signatures);
    let verdict =
        signatures.iter().map(|s| s.verdict).chain(findings.iter().map(|f| f.verdict)).max().unwrap_or(Verdict::Passed);
    Ok(Report { verdict, signatures, findings })
}

fn verify_one(
    pdf: &[u8],
    doc: &lopdf::Document,
    sig: &FoundSignature,
    trust: &TrustStore,
    now: DateTime<Utc>,
) -> SignatureReport {
    let mut findings = Vec::new();
    let role = [SignatureRole::Signer, SignatureRole::Agency]
        .into_iter()
        .find(|r| sig.field_name.starts_with(r.field_prefix()));
    let m_time = sig.m.as_deref().and_then(parse_pdf_date);
    let mut report = SignatureReport {
        field_name: sig.field_name.clone(),
        role,
        sub_filter: sig.sub_filter.clone(),
        signer: None,
        signing_time: m_time,
        time_source: m_time.map(|_| TimeSource::PdfM),
        timestamp: None,
        covers_whole_document: false,
        signed_revision_length: sig.revision_end(),
        verdict: Verdict::Passed,
        findings: Vec::new(),
    };
    if !matches!(sig.sub_filter.as_str(), "ETSI.CAdES.detached" | "adbe.pkcs7.detached") {
        findings.push(Finding::new("unsupported_subfilter", Verdict::Indeterminate, sig.sub_filter.clone()));
        return finish(report, findings);
    }
    if !extract::byte_range_is_sound(pdf, sig) {
        findings.push(Finding::new(
            "signature_invalid",
            Verdict::Failed,
            "the byte range does not frame the signature",
        ));
        return finish(report, findings);
    }
    let [_, a, b, c] = sig.byte_range;
    report.covers_whole_document = b + c == pdf.len();
    let facts = match cms_check::check(&sig.contents, [&pdf[..a], &pdf[b..b + c]]) {
        Ok(facts) => facts,
        Err(CmsProblem::Unreadable(why)) => {
            findings.push(Finding::new("signature_invalid", Verdict::Failed, format!("CMS unreadable: {why}")));
            return finish(report, findings);
        }
        Err(CmsProblem::Unsupported(why)) => {
            findings.push(Finding::new("unsupported_algorithm", Verdict::Indeterminate, why));
            return finish(report, findings);
        }
    };
    report.signer = Some(identity(&facts.signer));
    if let Some(t) = facts.signing_time {
        report.signing_time = Some(t);
        report.time_source = Some(TimeSource::CmsAttribute);
    }
    if !facts.digest_matches {
        findings.push(Finding::new(
            "modified_after_signing",
            Verdict::Failed,
            "the signed bytes changed: the message digest does not match",
        ));
    }
    if !facts.signature_valid {
        findings.push(Finding::new(
            "signature_invalid",
            Verdict::Failed,
            "the signature value does not verify with the signer's certificate",
        ));
    }
    if !report.covers_whole_document
        && let Err(why) = revisions::only_signatures_added(doc, pdf, b + c)
    {
        findings.push(Finding::new("modified_after_signing", Verdict::Failed, why));
    }
    let mut proof_of_existence = None;
    if let Some(token) = &facts.timestamp_token {
        let checked = timestamp::check(token, &facts.signature_value, trust, now);
        report.timestamp = checked.report;
        findings.extend(checked.findings);
        proof_of_existence = checked.proof_of_existence;
    }
    let signing_time = report.signing_time;
    match chain::build_path(&facts.signer, &facts.certificates, trust) {
        None => {
            findings.push(Finding::new("unknown_ca", Verdict::Indeterminate, "no path to a configured trust anchor"))
        }
        Some(path) => match signing_time {
            Some(t) => findings.extend(chain::check_path(&path, trust, t, now, proof_of_existence)),
            None => findings.push(Finding::new(
                "signing_time_missing",
                Verdict::Indeterminate,
                "neither /M nor a signing-time attribute",
            )),
        },
    }
    finish(report, findings)
}

fn finish(mut report: SignatureReport, findings: Vec<Finding>) -> SignatureReport {
    report.verdict = findings.iter().map(|f| f.verdict).max().unwrap_or(Verdict::Passed);
    report.findings = findings;
    report
}

/// Decree 30: the signer signs first, the agency's signature (applied when
/// the document is issued) comes last. A signer's signature in a revision
/// after an agency's means the document changed after it was issued:
/// failed for the document, each signature keeping its own verdict.
fn order_findings(signatures: &[SignatureReport]) -> Vec<Finding> {
    let first_agency = signatures.iter().position(|s| s.role == Some(SignatureRole::Agency));
    match first_agency {
        Some(i) if signatures[i + 1..].iter().any(|s| s.role == Some(SignatureRole::Signer)) => vec![Finding::new(
            "agency_before_signer",
            Verdict::Failed,
            format!("{} is followed by a signer's signature", signatures[i].field_name),
        )],
        _ => Vec::new(),
    }
}

fn identity(cert: &Certificate) -> SignerIdentity {
    let tbs = &cert.tbs_certificate;
    SignerIdentity {
        common_name: attribute(&tbs.subject, rfc4519::CN),
        organization: attribute(&tbs.subject, rfc4519::O),
        serial: hex::encode_upper(tbs.serial_number.as_bytes()),
        issuer: tbs.issuer.to_string(),
    }
}

pub(crate) fn attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.0.iter().flat_map(|rdn| rdn.0.iter()).find(|atv| atv.oid == oid).and_then(|atv| {
        let v = &atv.value;
        v.decode_as::<Utf8StringRef<'_>>()
            .map(|s| s.as_str().to_owned())
            .or_else(|_| v.decode_as::<PrintableStringRef<'_>>().map(|s| s.as_str().to_owned()))
            .or_else(|_| v.decode_as::<Ia5StringRef<'_>>().map(|s| s.as_str().to_owned()))
            .or_else(|_| v.decode_as::<TeletexStringRef<'_>>().map(|s| s.as_str().to_owned()))
            .ok()
    })
}

/// `D:YYYYMMDDHHmmSS` with an optional `Z` or `+HH'mm'` offset (PDF
/// 32000-1 7.9.4); the seconds and the offset may be missing.
fn parse_pdf_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 12 {
        return None;
    }
    let padded = format!("{digits:0<14}");
    let local = NaiveDateTime::parse_from_str(&padded[..14], "%Y%m%d%H%M%S").ok()?;
    let rest = &s[digits.len()..];
    let offset_secs = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let nums: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
            let h: i32 = nums.get(..2)?.parse().ok()?;
            let m: i32 = nums.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            let secs = h * 3600 + m * 60;
            if sign == '-' { -secs } else { secs }
        }
        _ => 0,
    };
    let offset = chrono::FixedOffset::east_opt(offset_secs)?;
    offset.from_local_datetime(&local).single().map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_with_and_without_offset() {
        let t = parse_pdf_date("D:20261206091503+07'00'").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-06T02:15:03+00:00");
        assert_eq!(parse_pdf_date("D:20261206091503Z").unwrap().to_rfc3339(), "2026-12-06T09:15:03+00:00");
        assert!(parse_pdf_date("D:2026").is_none());
        assert!(parse_pdf_date("garbage").is_none());
    }
}
