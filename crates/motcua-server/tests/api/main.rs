//! HTTP integration tests of the motcua server: the real router, layers and
//! store, over a fresh database per test, on SQLite and (when
//! `MOTCUA_TEST_POSTGRES_URL` is set) on PostgreSQL.
//!
//! One test binary (one link, one process) with a module per area; every
//! test body runs twice through `both_backends!` (see `../common/mod.rs`):
//! `cargo test -p motcua-server --test api journeys::` runs one area.

#[macro_use]
#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod admin_scope;
mod auth;
mod bad_input;
mod calendar;
mod catalog;
mod catalogue_search;
mod concurrency;
mod credit;
mod demo;
mod device_cookies;
mod digitised;
mod documents;
mod documents_exchange;
mod eforms;
mod exchange;
mod feedback;
mod flow;
mod hardening;
mod health;
mod index766_catalogue;
mod journeys;
mod login_limits;
mod notes;
mod notifications;
mod online;
mod online_forms;
mod online_pages;
mod openapi;
mod pages_admin;
mod pages_flow;
mod pages_forms;
mod pages_office;
mod pages_public;
mod pages_reform;
mod pages_reform_screens;
mod pages_stats;
mod payments;
mod portal_sync;
mod reform;
mod register;
mod results;
mod results_pages;
mod routing;
mod search;
mod signatures;
mod stats;
mod steps;
