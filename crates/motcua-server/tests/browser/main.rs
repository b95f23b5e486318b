//! Browser tests: whole journeys in real headless Chromium. See
//! `harness.rs` for how the browser is found and when the tests skip.

#[allow(unused_macros)]
#[path = "../common/mod.rs"]
mod common;

mod harness;

mod counter;
mod documents;
mod eforms;
mod everyday;
mod exchange;
mod feedback;
mod forms;
mod index766;
mod journey;
mod notifications;
mod one_procedure;
mod online;
mod payment;
mod portal_sync;
mod reform;
mod register;
mod results;
mod review_fixes;
mod smoke;
mod stats;
mod supplement;
mod toan_trinh;
mod wrong_role;
