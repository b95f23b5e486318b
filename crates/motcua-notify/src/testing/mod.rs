//! TEST FIXTURES ONLY (feature `testing`): servers on 127.0.0.1 that speak
//! the protocols of the real providers, for this crate's tests and the
//! server's. `motcua serve` never talks to them.

pub mod gateway;
pub mod smtp_receiver;

pub use gateway::{GatewayBehaviour, GatewayStandIn, ZALO_TOKEN};
pub use smtp_receiver::{Behaviour, ReceivedMail, SmtpReceiver};
