//! Adding the signature time-stamp to a finished CMS: the token over the
//! SignerInfo's signature value, as the unsigned attribute
//! id-aa-signatureTimeStampToken (ETSI EN 319 122-1 §5.3). Unsigned
//! attributes are outside the signed attributes, so the signature stays
//! valid; the CMS grows by the token, inside the reserved `/Contents`.

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfos};
use der::asn1::SetOfVec;
use der::{Any, Decode, Encode};
use sha2::{Digest, Sha256};
use x509_cert::attr::Attribute;

use super::protocol::ID_AA_SIGNATURE_TIME_STAMP_TOKEN;
use super::{TimestampAuthority, unavailable};
use crate::SignError;

/// The CMS `cms_der` with a signature time-stamp from `tsa` on its (only)
/// signer.
pub(crate) fn add_signature_timestamp(cms_der: &[u8], tsa: &dyn TimestampAuthority) -> Result<Vec<u8>, SignError> {
    let internal = |e: der::Error| SignError::internal(format!("CMS for the time-stamp: {e}"));
    let info = ContentInfo::from_der(cms_der).map_err(internal)?;
    let mut signed: SignedData = info.content.decode_as().map_err(internal)?;
    let mut infos = signed.signer_infos.0.into_vec();
    let si = infos.first_mut().ok_or_else(|| SignError::internal("CMS without a SignerInfo"))?;
    let imprint: [u8; 32] = Sha256::digest(si.signature.as_bytes()).into();
    let token = tsa.timestamp(imprint)?;
    let value = Any::from_der(&token).map_err(|e| unavailable(format!("token unreadable: {e}")))?;
    let attribute =
        Attribute { oid: ID_AA_SIGNATURE_TIME_STAMP_TOKEN, values: SetOfVec::try_from(vec![value]).map_err(internal)? };
    let mut unsigned = si.unsigned_attrs.take().map(SetOfVec::into_vec).unwrap_or_default();
    unsigned.retain(|a| a.oid != ID_AA_SIGNATURE_TIME_STAMP_TOKEN);
    unsigned.push(attribute);
    si.unsigned_attrs = Some(SetOfVec::try_from(unsigned).map_err(internal)?);
    signed.signer_infos = SignerInfos(SetOfVec::try_from(infos).map_err(internal)?);
    let content = Any::encode_from(&signed).map_err(internal)?;
    ContentInfo { content_type: info.content_type, content }.to_der().map_err(internal)
}
