//! The check of a signature time-stamp (PAdES B-T): the token's own CMS
//! signature over its TSTInfo, its message imprint against the signature
//! value, and the time-stamp authority's certificate: a path to a
//! configured anchor, the id-kp-timeStamping extended key usage (RFC 3161
//! §2.3), valid and not revoked at the token's time. Only a token that
//! holds gives its genTime as the proof of existence of the signature.

use chrono::{DateTime, Utc};
use const_oid::db::rfc5912::ID_KP_TIME_STAMPING;
use serde::Serialize;
use x509_cert::Certificate;
use x509_cert::ext::pkix::ExtendedKeyUsage;

use super::cms_check::{self, CmsProblem, Hash};
use super::{Finding, Verdict, attribute, chain};
use crate::TrustStore;
use crate::timestamp::protocol::tst_info_and_bytes;

/// A signature's time-stamp as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimestampReport {
    /// The token's genTime: when the authority saw the signature.
    pub time: DateTime<Utc>,
    /// The authority's common name (else organisation), from its
    /// certificate.
    pub authority: Option<String>,
    /// Whether every check of the token held, so that `time` proves the
    /// signature existed then. When false, the findings say why, and the
    /// time is the token's claim only.
    pub holds: bool,
}

/// The outcome: what to report, the findings, and the proof of existence
/// when the token holds.
pub(crate) struct Checked {
    pub report: Option<TimestampReport>,
    pub findings: Vec<Finding>,
    pub proof_of_existence: Option<DateTime<Utc>>,
}

/// Mapping (docs/signatures.md has the reasons): a token that is not one,
/// whose signature does not verify or whose imprint is not of this
/// signature's value → `timestamp_invalid`; a token whose authority is not
/// trusted, lacks the time-stamping usage, or whose certificate was not
/// valid at the token's time → `timestamp_untrusted`. Both indeterminate:
/// the signature's own bytes hold, but what the token would prove is not
/// established.
pub(crate) fn check(token: &[u8], signature_value: &[u8], trust: &TrustStore, now: DateTime<Utc>) -> Checked {
    let invalid = |why: String| Checked {
        report: None,
        findings: vec![Finding::new("timestamp_invalid", Verdict::Indeterminate, why)],
        proof_of_existence: None,
    };
    let Some((tst, tst_bytes)) = tst_info_and_bytes(token) else {
        return invalid("the time-stamp token holds no TSTInfo".into());
    };
    let Some(time) = cms_check::to_utc(&x509_cert::time::Time::GeneralTime(tst.gen_time)) else {
        return invalid("the time-stamp's genTime is out of range".into());
    };
    let facts = match cms_check::check(token, [&tst_bytes, &[]]) {
        Ok(facts) => facts,
        Err(CmsProblem::Unreadable(why) | CmsProblem::Unsupported(why)) => {
            return invalid(format!("time-stamp token: {why}"));
        }
    };
    let mut report = TimestampReport { time, authority: authority(&facts.signer), holds: false };
    let fail = |report: TimestampReport, code: &'static str, why: String| Checked {
        report: Some(report),
        findings: vec![Finding::new(code, Verdict::Indeterminate, why)],
        proof_of_existence: None,
    };
    let imprint = &tst.message_imprint;
    let Some(hash) = Hash::from_oid(imprint.hash_algorithm.oid) else {
        return fail(report, "timestamp_invalid", format!("imprint digest {}", imprint.hash_algorithm.oid));
    };
    if hash.digest(&[signature_value]) != imprint.hashed_message.as_bytes() {
        return fail(report, "timestamp_invalid", "the time-stamp is not over this signature's value".into());
    }
    if !facts.digest_matches || !facts.signature_valid {
        return fail(report, "timestamp_invalid", "the time-stamp token's signature does not verify".into());
    }
    if !has_time_stamping_usage(&facts.signer) {
        return fail(report, "timestamp_untrusted", "the authority's certificate lacks id-kp-timeStamping".into());
    }
    let Some(path) = chain::build_path(&facts.signer, &facts.certificates, trust) else {
        return fail(report, "timestamp_untrusted", "no path from the authority to a configured anchor".into());
    };
    let problems = chain::check_path(&path, trust, time, now, None);
    if let Some(first) = problems.first() {
        return fail(report, "timestamp_untrusted", format!("the authority's certificate: {}", first.detail));
    }
    report.holds = true;
    Checked { report: Some(report), findings: Vec::new(), proof_of_existence: Some(time) }
}

fn has_time_stamping_usage(cert: &Certificate) -> bool {
    matches!(cert.tbs_certificate.get::<ExtendedKeyUsage>(), Ok(Some((_, eku))) if eku.0.contains(&ID_KP_TIME_STAMPING))
}

fn authority(cert: &Certificate) -> Option<String> {
    let subject = &cert.tbs_certificate.subject;
    attribute(subject, const_oid::db::rfc4519::CN).or_else(|| attribute(subject, const_oid::db::rfc4519::O))
}
