//! Remote signing in three phases with the local test provider, and the
//! signing plugin's upload checks.

mod common;

use common::{options, pki, signing_time, simple_pdf};
use motcua_sign::remote::{POLL_INTERVAL, POLL_LIMIT};
use motcua_sign::{
    LocalTestProvider, RemoteSigningProvider, RemoteStatus, SignRequest, SignatureRole, Verdict, check_signed_upload,
    finalize, finalize_remote, prepare, sign_pdf, verify_pdf,
};

fn provider() -> LocalTestProvider {
    LocalTestProvider::new().with_user("an", pki().person.signer()).with_user("la", pki().unknown_ca.signer())
}

fn request(role: SignatureRole) -> SignRequest {
    SignRequest::new(role, signing_time())
}

#[test]
fn remote_signing_in_three_phases_passes() {
    let provider = provider();
    let pdf = simple_pdf(1);
    let chain = provider.certificate_chain("an").unwrap();
    let prepared = prepare(&pdf, &chain, &request(SignatureRole::Signer)).unwrap();
    let id = provider.start("an", prepared.digest(), "Quyết định 12/QĐ-UBND").unwrap();

    // What the server's job does: poll every 5 s for at most 3 minutes.
    assert_eq!((POLL_INTERVAL.as_secs(), POLL_LIMIT.as_secs()), (5, 180));
    let mut status = provider.poll(&id).unwrap();
    assert_eq!(status, RemoteStatus::Pending);
    for _ in 0..(POLL_LIMIT.as_secs() / POLL_INTERVAL.as_secs()) {
        if status != RemoteStatus::Pending {
            break;
        }
        status = provider.poll(&id).unwrap();
    }
    let signed = finalize_remote(prepared, status).unwrap();
    assert!(signed.starts_with(&pdf));
    let report = verify_pdf(&signed, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", report.signatures[0].findings);
}

#[test]
fn a_refused_or_expired_request_embeds_nothing() {
    let provider = provider();
    let chain = provider.certificate_chain("an").unwrap();
    for (outcome, code) in [("refuse", "remote_refused"), ("expire", "remote_expired")] {
        let prepared = prepare(&simple_pdf(1), &chain, &request(SignatureRole::Signer)).unwrap();
        let id = provider.start("an", prepared.digest(), "x").unwrap();
        if outcome == "refuse" {
            provider.refuse(&id);
        } else {
            provider.expire(&id);
        }
        let err = finalize_remote(prepared, provider.poll(&id).unwrap()).unwrap_err();
        assert_eq!(err.code, code);
    }
    let prepared = prepare(&simple_pdf(1), &chain, &request(SignatureRole::Signer)).unwrap();
    assert_eq!(finalize_remote(prepared, RemoteStatus::Pending).unwrap_err().code, "remote_pending");
    assert_eq!(provider.certificate_chain("nobody").unwrap_err().code, "remote_unknown_user");
}

#[test]
fn a_signature_by_another_key_or_certificate_is_refused() {
    let provider = provider();
    let chain = provider.certificate_chain("an").unwrap();
    let prepared = prepare(&simple_pdf(1), &chain, &request(SignatureRole::Signer)).unwrap();
    // The right certificate, a wrong value.
    let err = finalize(prepared, &[0u8; 256]).unwrap_err();
    assert_eq!(err.code, "signature_invalid");

    // Signed by another person than the one prepared for.
    let prepared = prepare(&simple_pdf(1), &chain, &request(SignatureRole::Signer)).unwrap();
    let id = provider.start("la", prepared.digest(), "x").unwrap();
    let _pending = provider.poll(&id).unwrap();
    let err = finalize_remote(prepared, provider.poll(&id).unwrap()).unwrap_err();
    assert_eq!(err.code, "remote_certificate_mismatch");
}

/// The served document: signed by the person, to be signed by the agency
/// through the plugin.
fn served() -> Vec<u8> {
    sign_pdf(&simple_pdf(1), &pki().person.signer(), &request(SignatureRole::Signer)).unwrap()
}

#[test]
fn the_plugin_upload_of_the_served_document_plus_a_signature_is_accepted() {
    let served = served();
    let uploaded = sign_pdf(&served, &pki().agency.signer(), &request(SignatureRole::Agency)).unwrap();
    let report = check_signed_upload(&served, &uploaded, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Passed);
    assert_eq!(report.signatures.len(), 2);
}

#[test]
fn an_upload_of_another_document_is_refused() {
    let served = served();
    let other = sign_pdf(&simple_pdf(2), &pki().agency.signer(), &request(SignatureRole::Agency)).unwrap();
    let err = check_signed_upload(&served, &other, &pki().trust(), &options()).unwrap_err();
    assert_eq!((err.code, err.field), ("upload_not_served_document", "upload"));
}

#[test]
fn the_same_signed_upload_twice_is_a_duplicate() {
    let served = served();
    let uploaded = sign_pdf(&served, &pki().agency.signer(), &request(SignatureRole::Agency)).unwrap();
    check_signed_upload(&served, &uploaded, &pki().trust(), &options()).unwrap();
    // The server now serves the signed document; the plugin sends it again.
    let err = check_signed_upload(&uploaded, &uploaded, &pki().trust(), &options()).unwrap_err();
    assert_eq!(err.code, "duplicate_signature");
}

#[test]
fn an_upload_that_adds_no_signature_is_refused() {
    let served = served();
    let mut uploaded = served.clone();
    uploaded.extend_from_slice(b"% a comment, and nothing else\n");
    let err = check_signed_upload(&served, &uploaded, &pki().trust(), &options()).unwrap_err();
    assert_eq!(err.code, "no_new_signature");
}

#[test]
fn an_upload_whose_new_signature_does_not_verify_is_refused() {
    let served = served();
    let mut uploaded = sign_pdf(&served, &pki().agency.signer(), &request(SignatureRole::Agency)).unwrap();
    // A byte of the new revision, inside the new signature's signed range.
    let at = served.len() + 5;
    uploaded[at] ^= 0x20;
    let err = check_signed_upload(&served, &uploaded, &pki().trust(), &options()).unwrap_err();
    assert_eq!(err.code, "signature_invalid", "{err}");

    let by_stranger = sign_pdf(&served, &pki().unknown_ca.signer(), &request(SignatureRole::Agency)).unwrap();
    let err = check_signed_upload(&served, &by_stranger, &pki().trust(), &options()).unwrap_err();
    assert_eq!(err.code, "signature_indeterminate");
}
