//! A TEST-ONLY time-stamp authority: an HTTP server on 127.0.0.1 that
//! answers real RFC 3161 requests with tokens signed by a TSA certificate
//! of the test PKI. Never a production default: whoever runs it decides
//! the time it certifies.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use chrono::{DateTime, Utc};
use cmpv2::status::{PkiStatus, PkiStatusInfo};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5911::{ID_CONTENT_TYPE, ID_MESSAGE_DIGEST, ID_SIGNED_DATA};
use const_oid::db::rfc5912::{ID_SHA_256, SHA_256_WITH_RSA_ENCRYPTION};
use der::asn1::{GeneralizedTime, Int, OctetString, SetOfVec};
use der::{Any, Decode, Encode, Tag};
use rsa::RsaPrivateKey;
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::DecodePrivateKey;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_tsp::{TimeStampReq, TimeStampResp, TspVersion, TstInfo};

use crate::timestamp::protocol::ID_CT_TST_INFO;

const ID_AA_SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// A policy arc for tests only.
const TEST_POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.55555.1");

/// A running test TSA; its thread lives as long as the test binary.
pub struct TestTsa {
    pub url: String,
}

impl TestTsa {
    /// Starts a TSA signing with the PKCS#8 `key_pem` and the certificate
    /// chain `chain_pem` (the TSA's first; all but the root are put in the
    /// tokens), dating every token `gen_time`. Panics on a bad key or
    /// chain: it is a test fixture.
    pub fn start(key_pem: &str, chain_pem: &str, gen_time: DateTime<Utc>) -> TestTsa {
        let key = RsaPrivateKey::from_pkcs8_pem(key_pem).expect("the test TSA's key");
        let chain: Vec<Certificate> = Certificate::load_pem_chain(chain_pem.as_bytes()).expect("the test TSA's chain");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/tsa", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for (serial, stream) in listener.incoming().enumerate() {
                let Ok(stream) = stream else { continue };
                let _ = answer(stream, &key, &chain, gen_time, serial as u32 + 1);
            }
        });
        TestTsa { url }
    }
}

fn answer(
    mut stream: TcpStream,
    key: &RsaPrivateKey,
    chain: &[Certificate],
    gen_time: DateTime<Utc>,
    serial: u32,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut length = 0usize;
    let mut content_type = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse().unwrap_or(0),
                "content-type" => content_type = value.trim().to_string(),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let (status, reply) = match TimeStampReq::from_der(&body) {
        Ok(req) if content_type == "application/timestamp-query" => {
            ("200 OK", reply_der(&req, key, chain, gen_time, serial))
        }
        _ => ("400 Bad Request", Vec::new()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        reply.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(&reply)?;
    stream.flush()
}

/// ESS SigningCertificateV2 (RFC 5035) naming the TSA's certificate by its
/// SHA-256, which RFC 5816 asks a time-stamp token to carry:
/// `SEQUENCE { SEQUENCE OF { ESSCertIDv2 { certHash } } }`, the hash
/// algorithm being the default SHA-256.
fn signing_certificate_v2(cert: &Certificate) -> Any {
    let hash = Sha256::digest(cert.to_der().unwrap());
    let mut der = vec![0x30, 0x26, 0x30, 0x24, 0x30, 0x22, 0x04, 0x20];
    der.extend_from_slice(&hash);
    Any::from_der(&der).unwrap()
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned { oid: ID_SHA_256, parameters: Some(Any::null()) }
}

/// A granted `TimeStampResp` with a token over the request's imprint.
fn reply_der(
    req: &TimeStampReq,
    key: &RsaPrivateKey,
    chain: &[Certificate],
    gen_time: DateTime<Utc>,
    serial: u32,
) -> Vec<u8> {
    let tst = TstInfo {
        version: TspVersion::V1,
        policy: TEST_POLICY,
        message_imprint: req.message_imprint.clone(),
        // One byte below 0x80: a minimal, positive DER INTEGER.
        serial_number: Int::new(&[(serial % 0x7f) as u8 + 1]).unwrap(),
        gen_time: GeneralizedTime::from_unix_duration(Duration::from_secs(gen_time.timestamp() as u64)).unwrap(),
        accuracy: None,
        ordering: false,
        nonce: req.nonce.clone(),
        tsa: None,
        extensions: None,
    };
    let tst_der = tst.to_der().unwrap();
    let attr = |oid, value: Any| Attribute { oid, values: SetOfVec::try_from(vec![value]).unwrap() };
    let signed_attrs = SetOfVec::try_from(vec![
        attr(ID_CONTENT_TYPE, Any::encode_from(&ID_CT_TST_INFO).unwrap()),
        attr(ID_AA_SIGNING_CERTIFICATE_V2, signing_certificate_v2(&chain[0])),
        attr(
            ID_MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(Sha256::digest(&tst_der).to_vec()).unwrap()).unwrap(),
        ),
    ])
    .unwrap();
    let to_sign = Sha256::digest(signed_attrs.to_der().unwrap());
    let signature = key.sign(Pkcs1v15Sign::new::<Sha256>(), &to_sign).unwrap();
    let tsa_cert = &chain[0].tbs_certificate;
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tsa_cert.issuer.clone(),
            serial_number: tsa_cert.serial_number.clone(),
        }),
        digest_alg: sha256_alg(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: SHA_256_WITH_RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        },
        signature: OctetString::new(signature).unwrap(),
        unsigned_attrs: None,
    };
    // The TSA's certificate and its CA's, not the root (the verifier has it).
    let certs = chain.iter().take(chain.len().saturating_sub(1).max(1)).cloned().map(CertificateChoices::Certificate);
    let signed = SignedData {
        version: CmsVersion::V3,
        digest_algorithms: SetOfVec::try_from(vec![sha256_alg()]).unwrap(),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_CT_TST_INFO,
            econtent: Some(Any::new(Tag::OctetString, tst_der).unwrap()),
        },
        certificates: Some(CertificateSet(SetOfVec::try_from(certs.collect::<Vec<_>>()).unwrap())),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info]).unwrap()),
    };
    let token = ContentInfo { content_type: ID_SIGNED_DATA, content: Any::encode_from(&signed).unwrap() };
    TimeStampResp {
        status: PkiStatusInfo { status: PkiStatus::Accepted, status_string: None, fail_info: None },
        time_stamp_token: Some(token),
    }
    .to_der()
    .unwrap()
}
