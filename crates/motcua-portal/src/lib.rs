//! Dossier sync to the national public service portal (Cổng Dịch vụ công
//! quốc gia, DVCQG), without storage: plain data in, the portal's JSON and
//! its answers out. The server composes it with the store (the outbox and
//! the sender live in `motcua-server`); see docs/portal-sync.md.
//!
//! | Module | Owns |
//! |---|---|
//! | [`catalogue`] | the national codes: `TrangThai` 1–10, `KenhThucHien`, `LoaiDoiTuong`, `LoaiBan`, `HinhThucThu`; the portal's time format |
//! | [`record`] | the messages as typed structs serialised to the portal's field names: the dossier record (`HoSo`), a progress entry (`TienTrinh`) |
//! | [`mapping`] | a dossier event (what the store knows, as [`mapping::DossierFacts`] and [`mapping::EventFacts`]) → the record and the progress entry |
//! | [`validate`] | a record and an entry against the catalogue's rules: every problem with its field |
//! | [`client`] | the HTTP flow (session → dossier record → progress), the answers parsed strictly |
//! | [`national`] | the national TTHC database's procedure records (the `LayThuTuc` answer) |
//! | `standin` | TEST-ONLY (`testing` feature): a stand-in portal on 127.0.0.1 |
//!
//! Nothing here logs: records carry personal data (the applicant's name,
//! identity number, phone), and only the caller decides what to keep.

pub mod catalogue;
pub mod client;
pub mod mapping;
pub mod national;
pub mod record;
pub mod validate;

#[cfg(feature = "testing")]
pub mod standin;

pub use client::{Outcome, PortalClient, PortalConfig, PortalError};
pub use mapping::{DossierFacts, EventFacts, Message};
pub use record::{HoSo, TienTrinh};
pub use validate::Problem;
