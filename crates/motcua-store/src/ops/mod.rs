//! The store's operations, one file per area. Each public method runs one
//! transaction on a blocking thread.

pub mod accounts;
pub mod attachments;
pub mod calendar;
pub mod catalogue_search;
pub mod data_views;
pub mod dossier_search;
pub mod dossiers;
pub mod eforms;
pub mod feedback;
pub mod files;
pub mod inbox;
pub mod installation;
pub mod kept_documents;
pub mod procedure_forms;
pub mod procedures;
pub mod ratings;
pub mod reform_audit;
pub mod reform_campaigns;
pub mod reform_entries;
pub mod reform_evaluations;
pub mod reform_frameworks;
pub mod reform_sheet;
pub mod register;
pub mod results;
pub mod rollups;
pub mod routing;
pub mod sipas;
pub mod sipas_links;
pub mod stats;
pub(crate) mod stats_replay;
pub mod steps;
pub mod throttle;
pub mod trusted_devices;
pub mod units;
pub mod users;
