//! The rules of motcua, with no IO.
//!
//! Everything here is a pure function of its inputs: the caller passes the
//! current time, the calendar data and the dossier state. Nothing in this
//! crate knows about HTTP, SQL or the wall clock, so every rule can be read
//! and tested on its own.
//!
//! - [`calendar`]: the working-day calendar and deadline arithmetic
//!   (Civil Code 2015 art. 147–148, one-stop practice).
//! - [`documents`]: official documents under Decree 30/2020: registers,
//!   numbers and notations, incoming and outgoing states, routing deadlines.
//! - [`dossier`]: the ten national dossier statuses and the actions
//!   between them.
//! - [`codes`]: unit codes, procedure codes and dossier codes.
//! - [`eform`]: electronic forms (tờ khai điện tử): their definition and
//!   the citizen's values.
//! - [`validate`] and [`mask`]: input checks and masking of personal data.
//! - [`password`]: the policy of new passwords (OWASP ASVS 2.1).
//! - [`scope`]: unit subtrees, for "staff act only inside their unit".
//! - [`stats`]: what each dossier event adds to the statistics counters;
//!   [`credit`]: the units they are credited to (intake and handling).
//! - [`index766`]: the Decision 766 real-time service index.
//! - [`par`] and [`sipas`]: PAR INDEX and citizen satisfaction (SIPAS).
//! - [`throttle`]: exponential delays after failed logins and look-ups.
//! - [`ranking`]: competition ranking among peers, shared by the indices.
//! - [`notice`] and [`escalation`]: which events people are told of, and
//!   when a step's officer and leaders are reminded of its due moment.
//! - [`error`]: the rule errors, each with a stable code and a message in
//!   Vietnamese and English.

pub mod calendar;
pub mod catalogue_search;
pub mod codes;
pub mod counter_hours;
pub mod credit;
pub mod documents;
pub mod dossier;
pub mod dossier_search;
pub mod eform;
pub mod error;
pub mod escalation;
pub mod feedback;
pub mod fees;
pub mod fold;
pub mod index766;
pub mod mask;
pub mod messages;
pub mod notice;
pub mod par;
pub mod password;
pub mod period;
pub mod ranking;
pub mod role;
pub mod scope;
pub mod sipas;
pub mod stats;
pub mod throttle;
pub mod time_limit;
pub mod validate;

pub use error::{Field, Problems, RuleError};
pub use role::Role;
pub use time_limit::{TimeLimit, TimeUnit};
