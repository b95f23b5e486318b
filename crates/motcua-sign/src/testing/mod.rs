//! TEST-ONLY fixtures, behind the `testing` feature (the tests of this
//! crate and of the server enable it as a dev-dependency; no build of the
//! server does): a time-stamp authority on 127.0.0.1 ([`tsa::TestTsa`]) and
//! a SoftHSM token ([`softhsm::SoftHsm`]). Never a production default.

pub mod softhsm;
pub mod tsa;
