//! The cryptographic check of one CMS signature (RFC 5652): the message
//! digest attribute against the signed bytes, and the signature value
//! against the signer's certificate.

use chrono::{DateTime, Utc};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use const_oid::ObjectIdentifier;
use const_oid::db::{rfc5911, rfc5912};
use der::asn1::OctetStringRef;
use der::{Decode, Encode};
use rsa::RsaPublicKey;
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::DecodePublicKey;
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::Certificate;
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::time::Time;

use crate::timestamp::protocol::ID_AA_SIGNATURE_TIME_STAMP_TOKEN;

/// What the CMS says and whether it holds.
pub(crate) struct CmsFacts {
    pub signer: Certificate,
    /// Every certificate the CMS carries (the signer's among them).
    pub certificates: Vec<Certificate>,
    /// The CMS signing-time attribute, when present (adbe.pkcs7.detached
    /// signers put it there; PAdES ones use /M).
    pub signing_time: Option<DateTime<Utc>>,
    pub digest_matches: bool,
    pub signature_valid: bool,
    /// The signature value, which a signature time-stamp covers.
    pub signature_value: Vec<u8>,
    /// The DER id-aa-signatureTimeStampToken of the unsigned attributes
    /// (PAdES B-T), the first when there are several.
    pub timestamp_token: Option<Vec<u8>>,
}

/// Why the CMS could not be checked at all.
pub(crate) enum CmsProblem {
    /// Not a CMS SignedData we can read, or no signer certificate.
    Unreadable(String),
    /// An algorithm this crate does not implement (EC, PSS, SHA-1…).
    Unsupported(String),
}

#[derive(Clone, Copy)]
pub(crate) enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub(crate) fn from_oid(oid: ObjectIdentifier) -> Option<Self> {
        match oid {
            rfc5912::ID_SHA_256 => Some(Hash::Sha256),
            rfc5912::ID_SHA_384 => Some(Hash::Sha384),
            rfc5912::ID_SHA_512 => Some(Hash::Sha512),
            _ => None,
        }
    }

    pub(crate) fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut h = D::new();
            for p in parts {
                h.update(p);
            }
            h.finalize().to_vec()
        }
        match self {
            Hash::Sha256 => run::<Sha256>(parts),
            Hash::Sha384 => run::<Sha384>(parts),
            Hash::Sha512 => run::<Sha512>(parts),
        }
    }

    fn pkcs1(self) -> Pkcs1v15Sign {
        match self {
            Hash::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
            Hash::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
            Hash::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
        }
    }
}

/// The DER value at the start of `contents` (the /Contents string is
/// padded with zeros after it).
fn trim_der(contents: &[u8]) -> Option<&[u8]> {
    if contents.first() != Some(&0x30) {
        return None;
    }
    let first = *contents.get(1)? as usize;
    let (len, header) = if first < 0x80 {
        (first, 2)
    } else {
        let n = first & 0x7f;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *contents.get(2 + i)? as usize;
        }
        (len, 2 + n)
    };
    contents.get(..header.checked_add(len)?)
}

/// Checks the CMS in `contents` over the two signed byte ranges.
pub(crate) fn check(contents: &[u8], ranges: [&[u8]; 2]) -> Result<CmsFacts, CmsProblem> {
    let der = trim_der(contents).ok_or_else(|| CmsProblem::Unreadable("no DER value".into()))?;
    let info = ContentInfo::from_der(der).map_err(|e| CmsProblem::Unreadable(e.to_string()))?;
    if info.content_type != rfc5911::ID_SIGNED_DATA {
        return Err(CmsProblem::Unreadable("not SignedData".into()));
    }
    let signed: SignedData = info.content.decode_as().map_err(|e| CmsProblem::Unreadable(e.to_string()))?;
    let certificates: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(cert) => Some(cert.clone()),
            _ => None,
        })
        .collect();
    let si = signed.signer_infos.0.iter().next().ok_or_else(|| CmsProblem::Unreadable("no SignerInfo".into()))?;
    let signer = find_signer(&si.sid, &certificates)
        .ok_or_else(|| CmsProblem::Unreadable("the signer's certificate is not in the CMS".into()))?;
    let hash = Hash::from_oid(si.digest_alg.oid)
        .ok_or_else(|| CmsProblem::Unsupported(format!("digest {}", si.digest_alg.oid)))?;
    let sig_hash = match si.signature_algorithm.oid {
        rfc5912::RSA_ENCRYPTION => hash,
        rfc5912::SHA_256_WITH_RSA_ENCRYPTION => Hash::Sha256,
        rfc5912::SHA_384_WITH_RSA_ENCRYPTION => Hash::Sha384,
        rfc5912::SHA_512_WITH_RSA_ENCRYPTION => Hash::Sha512,
        other => return Err(CmsProblem::Unsupported(format!("signature algorithm {other}"))),
    };
    let public = rsa_key(&signer).ok_or_else(|| CmsProblem::Unsupported("signer key is not RSA".into()))?;
    let data_digest = hash.digest(&ranges);

    let (digest_matches, signed_bytes, signing_time) = match &si.signed_attrs {
        Some(attrs) => {
            let mut message_digest = None;
            let mut signing_time = None;
            for attr in attrs.iter() {
                let Some(value) = attr.values.iter().next() else { continue };
                if attr.oid == rfc5911::ID_MESSAGE_DIGEST {
                    message_digest = value.decode_as::<OctetStringRef<'_>>().ok().map(|o| o.as_bytes().to_vec());
                } else if attr.oid == rfc5911::ID_SIGNING_TIME {
                    signing_time = value.to_der().ok().and_then(|d| Time::from_der(&d).ok()).map(|t| to_utc(&t));
                }
            }
            // The signature covers the attributes DER-encoded as a SET
            // (RFC 5652 5.4), not as the [0] IMPLICIT field they sit in.
            let encoded = attrs.to_der().map_err(|e| CmsProblem::Unreadable(e.to_string()))?;
            (message_digest.as_deref() == Some(data_digest.as_slice()), encoded, signing_time.flatten())
        }
        // Old-style PKCS#7: the signature is over the data itself.
        None => (true, Vec::new(), None),
    };
    let to_verify =
        if si.signed_attrs.is_some() { sig_hash.digest(&[&signed_bytes]) } else { sig_hash.digest(&ranges) };
    let signature_valid = public.verify(sig_hash.pkcs1(), &to_verify, si.signature.as_bytes()).is_ok();
    let timestamp_token = si
        .unsigned_attrs
        .iter()
        .flat_map(|attrs| attrs.iter())
        .filter(|a| a.oid == ID_AA_SIGNATURE_TIME_STAMP_TOKEN)
        .find_map(|a| a.values.iter().next().and_then(|v| v.to_der().ok()));
    Ok(CmsFacts {
        signer,
        certificates,
        signing_time,
        digest_matches,
        signature_valid,
        signature_value: si.signature.as_bytes().to_vec(),
        timestamp_token,
    })
}

fn find_signer(sid: &SignerIdentifier, certs: &[Certificate]) -> Option<Certificate> {
    certs
        .iter()
        .find(|c| match sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => {
                c.tbs_certificate.issuer == ias.issuer && c.tbs_certificate.serial_number == ias.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                c.tbs_certificate.get::<SubjectKeyIdentifier>().ok().flatten().is_some_and(|(_, own)| own == *ski)
            }
        })
        .cloned()
}

pub(crate) fn rsa_key(cert: &Certificate) -> Option<RsaPublicKey> {
    let spki = cert.tbs_certificate.subject_public_key_info.to_der().ok()?;
    RsaPublicKey::from_public_key_der(&spki).ok()
}

/// Checks `signature` (by the key of `issuer`) over `tbs`, with the
/// algorithm a certificate or a CRL declares.
pub(crate) fn check_issuer_signature(
    issuer: &Certificate,
    alg: ObjectIdentifier,
    tbs: &[u8],
    signature: &[u8],
) -> bool {
    let hash = match alg {
        rfc5912::SHA_256_WITH_RSA_ENCRYPTION => Hash::Sha256,
        rfc5912::SHA_384_WITH_RSA_ENCRYPTION => Hash::Sha384,
        rfc5912::SHA_512_WITH_RSA_ENCRYPTION => Hash::Sha512,
        _ => return false,
    };
    let Some(key) = rsa_key(issuer) else { return false };
    key.verify(hash.pkcs1(), &hash.digest(&[tbs]), signature).is_ok()
}

pub(crate) fn to_utc(t: &Time) -> Option<DateTime<Utc>> {
    let secs = i64::try_from(t.to_unix_duration().as_secs()).ok()?;
    DateTime::from_timestamp(secs, 0)
}
