//! The agency key in a PKCS#11 token: Debian's softhsm2 stands in for the
//! province's HSM. Skipped with a plain line when softhsm2 is missing,
//! unless `MOTCUA_TEST_PKCS11=require` (CI sets it), then it fails.

mod common;

use common::{options, pki, signing_time, simple_pdf};
use motcua_sign::testing::softhsm::SoftHsm;
use motcua_sign::{Pkcs11Signer, SignRequest, SignatureRole, Verdict, sign_pdf, verify_pdf};

#[test]
fn a_key_in_a_pkcs11_token_signs_and_a_wrong_pin_or_label_is_refused() {
    let Some(hsm) = SoftHsm::token("motcua-sign", "motcua-test", "1234", &pki().agency.key_pem, "agency") else {
        return;
    };
    let module = hsm.module.as_path();
    let chain = &pki().agency.chain_pem;

    let err = Pkcs11Signer::open(module, "motcua-test", "0000", "agency", chain).unwrap_err();
    assert_eq!(err.code, "pkcs11_login_failed");
    let err = Pkcs11Signer::open(module, "no-such-token", "1234", "agency", chain).unwrap_err();
    assert_eq!(err.code, "pkcs11_token_not_found");
    let err = Pkcs11Signer::open(module, "motcua-test", "1234", "someone-else", chain).unwrap_err();
    assert_eq!(err.code, "pkcs11_key_not_found");
    let err = Pkcs11Signer::open(module, "motcua-test", "1234", "agency", &pki().person.chain_pem).unwrap_err();
    assert_eq!(err.code, "key_certificate_mismatch");

    let signer = Pkcs11Signer::open(module, "motcua-test", "1234", "agency", chain).unwrap();
    let signed = sign_pdf(&simple_pdf(1), &signer, &SignRequest::new(SignatureRole::Agency, signing_time())).unwrap();
    let report = verify_pdf(&signed, &pki().trust(), &options()).unwrap();
    assert_eq!(report.verdict, Verdict::Passed, "{:?}", report.signatures[0].findings);
}
