//! HTTP handlers, one file per area.

pub mod auth;
pub mod calendar;
pub mod dossiers;
pub mod health;
pub mod inbox;
pub mod procedures;
pub mod public;
pub mod stats;
pub mod units;
