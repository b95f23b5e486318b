//! The store's operations, one file per area. Each public method runs one
//! transaction on a blocking thread.

pub mod calendar;
pub mod dossiers;
pub mod inbox;
pub mod procedures;
pub mod stats;
pub mod units;
pub mod users;
