//! Notices of motcua (thông báo): what a citizen or an officer is told, in
//! which words, and through which channel.
//!
//! - [`template`]: templates with named variables; an unknown variable is
//!   refused with `notify_unknown_variable`.
//! - [`builtin`]: the built-in texts of each kind of notice, Vietnamese
//!   first and English second, and a short SMS.
//! - [`message`]: a notice composed for one channel ([`compose`]), its
//!   [`Address`] (masked whenever printed).
//! - [`channel`]: the [`Channel`] trait, the configured [`Channels`] (none
//!   by default) and the choice of a channel for a person ([`choose`]).
//! - [`smtp`], [`sms`], [`zalo`]: e-mail over SMTP (`lettre`), SMS through
//!   an HTTP gateway whose JSON shape is configuration, Zalo ZNS.
//! - `testing` (feature): a local SMTP receiver and stand-ins for an SMS
//!   gateway and Zalo on 127.0.0.1, speaking the same protocols. Test
//!   fixtures only.
//!
//! The crate knows no database and no HTTP server: the store keeps the
//! outbox, the server's jobs call [`Channel::send`]. See
//! docs/notifications.md.

pub mod builtin;
pub mod channel;
pub mod message;
pub mod sms;
pub mod smtp;
pub mod template;
pub mod zalo;

#[cfg(feature = "testing")]
pub mod testing;

pub use channel::{Channel, Channels, Receipt, SendError, choose};
pub use message::{Address, Outgoing, compose};
pub use template::Vars;
