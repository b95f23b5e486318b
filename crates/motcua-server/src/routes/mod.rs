//! HTTP handlers, one file per area.

pub mod account;
pub mod auth;
pub mod calendar;
pub mod data_views;
pub mod dossiers;
pub mod eforms;
pub mod flow;
pub mod health;
pub mod inbox;
pub mod procedure_forms;
pub mod procedures;
pub mod public;
pub mod reform;
pub mod reform_campaigns;
pub mod reform_evaluations;
pub mod reform_results;
pub mod reform_sheets;
pub mod register;
pub mod results;
pub mod search;
pub mod signatures;
pub mod sipas;
pub mod stats;
pub mod supplement;
pub mod synonyms;
pub mod units;
