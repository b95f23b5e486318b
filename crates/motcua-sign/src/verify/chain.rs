//! The certificate path from the signer to a configured anchor (RFC 5280
//! 6.1, the parts a signature check needs: names, signatures, validity
//! periods) and revocation from the configured CRLs.

use chrono::{DateTime, Utc};
use der::Encode;
use x509_cert::Certificate;

use super::cms_check::{check_issuer_signature, to_utc};
use super::{Finding, Verdict};
use crate::TrustStore;

/// Longest path accepted; real ones have 2 or 3 certificates.
const MAX_PATH: usize = 6;

/// The path from `leaf` to an anchor, leaf first, anchor last; `None` when
/// no configured anchor is reached.
pub(crate) fn build_path(leaf: &Certificate, pool: &[Certificate], trust: &TrustStore) -> Option<Vec<Certificate>> {
    let mut path = vec![leaf.clone()];
    loop {
        let current = path.last()?;
        if trust.is_anchor(current) {
            return Some(path);
        }
        if path.len() >= MAX_PATH {
            return None;
        }
        let issuer = trust
            .anchors
            .iter()
            .chain(pool.iter())
            .find(|cand| {
                cand.tbs_certificate.subject == current.tbs_certificate.issuer
                    && cand.to_der().ok() != current.to_der().ok()
                    && signed_by(current, cand)
            })?
            .clone();
        path.push(issuer);
    }
}

fn signed_by(cert: &Certificate, issuer: &Certificate) -> bool {
    let Ok(tbs) = cert.tbs_certificate.to_der() else { return false };
    let Some(sig) = cert.signature.as_bytes() else { return false };
    check_issuer_signature(issuer, cert.signature_algorithm.oid, &tbs, sig)
}

/// The findings on validity periods and revocation of every certificate of
/// `path` at `signing_time`, seen from `now`.
///
/// Mapping (docs/signatures.md has the reasons): outside its validity at
/// the signing time → failed; valid then but expired now, no timestamp →
/// indeterminate; revoked at or before the signing time → failed; revoked
/// after it, no timestamp → indeterminate; no CRL of the issuer issued at
/// or after the signing time → indeterminate. A proof of existence `poe`
/// (a valid signature time-stamp's genTime) settles the two "since
/// signing" cases: passed when it is before the expiry or the revocation,
/// indeterminate (`expired_before_timestamp`, `revoked_before_timestamp`)
/// when it is not.
pub(crate) fn check_path(
    path: &[Certificate],
    trust: &TrustStore,
    signing_time: DateTime<Utc>,
    now: DateTime<Utc>,
    poe: Option<DateTime<Utc>>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, cert) in path.iter().enumerate() {
        let who = if i == 0 { "signer certificate".to_string() } else { format!("CA certificate {i}") };
        let validity = &cert.tbs_certificate.validity;
        let (nb, na) = (to_utc(&validity.not_before), to_utc(&validity.not_after));
        if nb.is_some_and(|nb| signing_time < nb) {
            findings.push(Finding::new(
                "certificate_not_yet_valid",
                Verdict::Failed,
                format!("{who} not valid before {}", nb.unwrap_or_default()),
            ));
        } else if na.is_some_and(|na| signing_time > na) {
            findings.push(Finding::new(
                "certificate_expired",
                Verdict::Failed,
                format!("{who} expired {} before signing", na.unwrap_or_default()),
            ));
        } else if let Some(na) = na.filter(|na| now > *na) {
            match poe {
                Some(p) if p <= na => {}
                Some(p) => findings.push(Finding::new(
                    "expired_before_timestamp",
                    Verdict::Indeterminate,
                    format!("{who} expired {na}, before the time-stamp of {p}"),
                )),
                None => findings.push(Finding::new(
                    "expired_since_signing_no_timestamp",
                    Verdict::Indeterminate,
                    format!("{who} expired {na}; without a timestamp nothing proves the signature was made before"),
                )),
            }
        }
        // The anchor is trusted as configured: no CRL speaks for it.
        if let Some(issuer) = path.get(i + 1).filter(|_| !trust.is_anchor(cert)) {
            findings.extend(revocation(cert, issuer, trust, signing_time, poe, &who));
        }
    }
    findings
}

fn revocation(
    cert: &Certificate,
    issuer: &Certificate,
    trust: &TrustStore,
    signing_time: DateTime<Utc>,
    poe: Option<DateTime<Utc>>,
    who: &str,
) -> Option<Finding> {
    let serial = &cert.tbs_certificate.serial_number;
    let mut covering = false;
    for crl in &trust.crls {
        if crl.tbs_cert_list.issuer != issuer.tbs_certificate.subject {
            continue;
        }
        let (Ok(tbs), Some(sig)) = (crl.tbs_cert_list.to_der(), crl.signature.as_bytes()) else { continue };
        if !check_issuer_signature(issuer, crl.signature_algorithm.oid, &tbs, sig) {
            continue;
        }
        if let Some(entry) =
            crl.tbs_cert_list.revoked_certificates.iter().flatten().find(|r| r.serial_number == *serial)
        {
            let when = to_utc(&entry.revocation_date).unwrap_or_default();
            return if when <= signing_time {
                Some(Finding::new(
                    "certificate_revoked",
                    Verdict::Failed,
                    format!("{who} revoked {when}, before signing"),
                ))
            } else if let Some(p) = poe {
                // The time-stamp proves the signature existed at `p`.
                (p >= when).then(|| {
                    Finding::new(
                        "revoked_before_timestamp",
                        Verdict::Indeterminate,
                        format!("{who} revoked {when}, before the time-stamp of {p}"),
                    )
                })
            } else {
                Some(Finding::new(
                    "revoked_since_signing_no_timestamp",
                    Verdict::Indeterminate,
                    format!(
                        "{who} revoked {when}, after the claimed signing time; without a timestamp nothing proves the signature was made before"
                    ),
                ))
            };
        }
        if to_utc(&crl.tbs_cert_list.this_update).is_some_and(|t| t >= signing_time) {
            covering = true;
        }
    }
    (!covering).then(|| {
        Finding::new(
            "revocation_unknown",
            Verdict::Indeterminate,
            format!("no configured CRL of the issuer of the {who} issued at or after the signing time"),
        )
    })
}
