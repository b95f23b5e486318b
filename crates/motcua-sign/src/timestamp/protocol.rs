//! The RFC 3161 messages: the request motcua sends, the reply's checks, and
//! the object identifiers the token and the CMS attribute use.

use cmpv2::status::PkiStatus;
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5912::ID_SHA_256;
use der::asn1::{Int, OctetString};
use der::{Any, Decode, Encode};
use x509_cert::spki::AlgorithmIdentifier;
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion, TstInfo};

use super::unavailable;
use crate::SignError;

/// id-aa-signatureTimeStampToken (RFC 3161 appendix A, ETSI EN 319 122-1).
pub(crate) const ID_AA_SIGNATURE_TIME_STAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// id-ct-TSTInfo: the content type of a time-stamp token's SignedData.
pub(crate) const ID_CT_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");

/// A SHA-256 message imprint.
pub(crate) fn sha256_imprint(digest: &[u8; 32]) -> Result<MessageImprint, SignError> {
    Ok(MessageImprint {
        hash_algorithm: AlgorithmIdentifier { oid: ID_SHA_256, parameters: Some(Any::null()) },
        hashed_message: OctetString::new(digest.as_slice()).map_err(|e| unavailable(e.to_string()))?,
    })
}

/// The DER `TimeStampReq` for `imprint`, asking for the TSA's certificate
/// in the token (`certReq`), so that a verifier has the certificate to check
/// without fetching anything, and carrying `nonce` against replays.
pub(crate) fn request(imprint: &[u8; 32], nonce: &[u8; 8]) -> Result<Vec<u8>, SignError> {
    // A positive INTEGER: clear the top bit.
    let mut n = *nonce;
    n[0] &= 0x7f;
    n[0] |= 0x01;
    let req = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: sha256_imprint(imprint)?,
        req_policy: None,
        nonce: Some(Int::new(&n).map_err(|e| unavailable(e.to_string()))?),
        cert_req: true,
        extensions: None,
    };
    req.to_der().map_err(|e| unavailable(e.to_string()))
}

/// The token of a `TimeStampResp`, once it is known to answer the request:
/// a granted status, the same imprint, the same nonce.
pub(crate) fn token_from_reply(reply: &[u8], request_der: &[u8]) -> Result<Vec<u8>, SignError> {
    let req = TimeStampReq::from_der(request_der).map_err(|e| unavailable(e.to_string()))?;
    let resp = TimeStampResp::from_der(reply).map_err(|e| unavailable(format!("reply unreadable: {e}")))?;
    if !matches!(resp.status.status, PkiStatus::Accepted | PkiStatus::GrantedWithMods) {
        return Err(unavailable(format!("the authority refused: {:?}", resp.status.status)));
    }
    let token = resp.time_stamp_token.ok_or_else(|| unavailable("granted without a token"))?;
    let tst = tst_info(&token.to_der().map_err(|e| unavailable(e.to_string()))?)
        .ok_or_else(|| unavailable("the token holds no TSTInfo"))?;
    if tst.message_imprint != req.message_imprint {
        return Err(unavailable("the token's message imprint is not the one asked for"));
    }
    if tst.nonce != req.nonce {
        return Err(unavailable("the token's nonce is not the one sent"));
    }
    token.to_der().map_err(|e| unavailable(e.to_string()))
}

/// The TSTInfo inside a DER token, with the bytes it was encoded as (what
/// the token's signature covers).
pub(crate) fn tst_info_and_bytes(token: &[u8]) -> Option<(TstInfo, Vec<u8>)> {
    let info = cms::content_info::ContentInfo::from_der(token).ok()?;
    let signed: cms::signed_data::SignedData = info.content.decode_as().ok()?;
    if signed.encap_content_info.econtent_type != ID_CT_TST_INFO {
        return None;
    }
    let bytes = signed.encap_content_info.econtent?.decode_as::<OctetString>().ok()?.into_bytes();
    Some((TstInfo::from_der(&bytes).ok()?, bytes))
}

fn tst_info(token: &[u8]) -> Option<TstInfo> {
    tst_info_and_bytes(token).map(|(t, _)| t)
}
