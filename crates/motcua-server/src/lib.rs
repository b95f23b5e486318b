//! The motcua HTTP server: the JSON API under `/api/v1` and the web pages.
//!
//! Handlers are thin: they parse input into domain types, ask the rules
//! (`motcua-rules`) what may happen, and let the store (`motcua-store`)
//! persist it in one transaction. See ARCHITECTURE.md.

pub mod admin_scope;
pub mod app;
pub mod auth;
pub mod bootstrap;
pub mod config;
pub mod dashboard;
pub mod demo;
pub mod digitised;
pub mod dto;
pub mod error;
pub mod exchange;
pub mod extract;
pub mod input;
pub mod limits;
pub mod logging;
pub mod notify;
pub mod openapi;
pub mod origin;
pub mod payments;
pub mod portal_sync;
pub mod reports;
pub mod results;
pub mod routes;
pub mod signatures;
pub mod signing;
pub mod state;
pub mod time;
pub mod web;
pub mod worker;

pub use app::{Application, router};
pub use config::Config;
pub use state::AppState;
