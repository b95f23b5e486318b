//! Online payment of a dossier's fees through a payment platform: the
//! signed redirect that sends the citizen to the platform's payment page,
//! the signed answer the platform sends back (to the citizen's browser and,
//! server to server, to motcua's callback), and the platform's daily
//! statement for reconciliation.
//!
//! The national payment platform of the public service portal (PayGov,
//! <https://pay.gov.vn>) works this way: the one-stop system redirects the
//! citizen to it with the amount and the dossier, the platform hands over
//! to a payment intermediary, and the result comes back to the system. Its
//! message format and checksum are given to connected systems under an
//! agreement and are **not public**; the protocol here is motcua's, built
//! on the fields the national sync catalogue names, with the algorithm and
//! key as configuration. docs/payments.md says exactly what is UNVERIFIED
//! and what an adapter for the real platform would change.
//!
//! Nothing here knows about the database or HTTP frameworks: strings and
//! bytes in, checked values or a [`RuleError`] with a stable code out.

mod callback;
mod config;
mod request;
mod signing;
mod statement;

#[cfg(feature = "testing")]
pub mod testing;

pub use callback::{Callback, CallbackStatus};
pub use config::{Algorithm, PlatformConfig};
pub use request::PaymentRequest;
pub use signing::{canonical, sign, verify};
pub use statement::{Difference, Recorded, Statement, StatementLine, parse_statement, reconcile, write_statement};

pub use motcua_rules::error::RuleError;

/// Times on the wire: Vietnamese wall-clock time (UTC+7), `yyyyMMddHHmmss`.
pub const TIME_FORMAT: &str = "%Y%m%d%H%M%S";
