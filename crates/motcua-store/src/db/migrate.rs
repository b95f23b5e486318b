//! A minimal migration runner: numbered SQL files embedded in the binary,
//! applied in order, each recorded in `schema_migrations`, all in the one
//! transaction the caller opened (both databases have transactional DDL).
//!
//! Hand-written rather than a crate because the common migration crates
//! pin the database driver versions; this is 30 lines and has no such tie.

use super::{Conn, Dialect};
use crate::params;

struct Migration {
    version: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: "0001_init",
        sqlite: include_str!("../../migrations/sqlite/0001_init.sql"),
        postgres: include_str!("../../migrations/postgres/0001_init.sql"),
    },
    Migration {
        version: "0002_statistics",
        sqlite: include_str!("../../migrations/sqlite/0002_statistics.sql"),
        postgres: include_str!("../../migrations/postgres/0002_statistics.sql"),
    },
    Migration {
        version: "0003_web",
        sqlite: include_str!("../../migrations/sqlite/0003_web.sql"),
        postgres: include_str!("../../migrations/postgres/0003_web.sql"),
    },
    Migration {
        version: "0004_rollups",
        sqlite: include_str!("../../migrations/sqlite/0004_rollups.sql"),
        postgres: include_str!("../../migrations/postgres/0004_rollups.sql"),
    },
    Migration {
        version: "0005_reform",
        sqlite: include_str!("../../migrations/sqlite/0005_reform.sql"),
        postgres: include_str!("../../migrations/postgres/0005_reform.sql"),
    },
    Migration {
        version: "0006_throttle",
        sqlite: include_str!("../../migrations/sqlite/0006_throttle.sql"),
        postgres: include_str!("../../migrations/postgres/0006_throttle.sql"),
    },
    Migration {
        version: "0007_routing",
        sqlite: include_str!("../../migrations/sqlite/0007_routing.sql"),
        postgres: include_str!("../../migrations/postgres/0007_routing.sql"),
    },
    Migration {
        version: "0008_assignment",
        sqlite: include_str!("../../migrations/sqlite/0008_assignment.sql"),
        postgres: include_str!("../../migrations/postgres/0008_assignment.sql"),
    },
    Migration {
        version: "0009_step_deadlines",
        sqlite: include_str!("../../migrations/sqlite/0009_step_deadlines.sql"),
        postgres: include_str!("../../migrations/postgres/0009_step_deadlines.sql"),
    },
    Migration {
        version: "0010_handling_stats",
        sqlite: include_str!("../../migrations/sqlite/0010_handling_stats.sql"),
        postgres: include_str!("../../migrations/postgres/0010_handling_stats.sql"),
    },
    Migration {
        version: "0011_dossier_search",
        sqlite: include_str!("../../migrations/sqlite/0011_dossier_search.sql"),
        postgres: include_str!("../../migrations/postgres/0011_dossier_search.sql"),
    },
    Migration {
        version: "0012_counter_keys",
        sqlite: include_str!("../../migrations/sqlite/0012_counter_keys.sql"),
        postgres: include_str!("../../migrations/postgres/0012_counter_keys.sql"),
    },
    Migration {
        version: "0013_note_audience",
        sqlite: include_str!("../../migrations/sqlite/0013_note_audience.sql"),
        postgres: include_str!("../../migrations/postgres/0013_note_audience.sql"),
    },
    Migration {
        version: "0014_accounts",
        sqlite: include_str!("../../migrations/sqlite/0014_accounts.sql"),
        postgres: include_str!("../../migrations/postgres/0014_accounts.sql"),
    },
    Migration {
        version: "0015_catalogue_search",
        sqlite: include_str!("../../migrations/sqlite/0015_catalogue_search.sql"),
        postgres: include_str!("../../migrations/postgres/0015_catalogue_search.sql"),
    },
    Migration {
        version: "0016_unit_counter",
        sqlite: include_str!("../../migrations/sqlite/0016_unit_counter.sql"),
        postgres: include_str!("../../migrations/postgres/0016_unit_counter.sql"),
    },
    Migration {
        version: "0018_reform_screens",
        sqlite: include_str!("../../migrations/sqlite/0018_reform_screens.sql"),
        postgres: include_str!("../../migrations/postgres/0018_reform_screens.sql"),
    },
    Migration {
        version: "0019_trusted_devices",
        sqlite: include_str!("../../migrations/sqlite/0019_trusted_devices.sql"),
        postgres: include_str!("../../migrations/postgres/0019_trusted_devices.sql"),
    },
    Migration {
        version: "0020_online_supplement_forms",
        sqlite: include_str!("../../migrations/sqlite/0020_online_supplement_forms.sql"),
        postgres: include_str!("../../migrations/postgres/0020_online_supplement_forms.sql"),
    },
    Migration {
        version: "0021_electronic_results",
        sqlite: include_str!("../../migrations/sqlite/0021_electronic_results.sql"),
        postgres: include_str!("../../migrations/postgres/0021_electronic_results.sql"),
    },
    Migration {
        version: "0022_eforms",
        sqlite: include_str!("../../migrations/sqlite/0022_eforms.sql"),
        postgres: include_str!("../../migrations/postgres/0022_eforms.sql"),
    },
    Migration {
        version: "0023_files_out",
        sqlite: include_str!("../../migrations/sqlite/0023_files_out.sql"),
        postgres: include_str!("../../migrations/postgres/0023_files_out.sql"),
    },
    Migration {
        version: "0024_kept_documents",
        sqlite: include_str!("../../migrations/sqlite/0024_kept_documents.sql"),
        postgres: include_str!("../../migrations/postgres/0024_kept_documents.sql"),
    },
    Migration {
        version: "0025_worker_leases",
        sqlite: include_str!("../../migrations/sqlite/0025_worker_leases.sql"),
        postgres: include_str!("../../migrations/postgres/0025_worker_leases.sql"),
    },
    Migration {
        version: "0026_portal_sync",
        sqlite: include_str!("../../migrations/sqlite/0026_portal_sync.sql"),
        postgres: include_str!("../../migrations/postgres/0026_portal_sync.sql"),
    },
    Migration {
        version: "0027_payments",
        sqlite: include_str!("../../migrations/sqlite/0027_payments.sql"),
        postgres: include_str!("../../migrations/postgres/0027_payments.sql"),
    },
    Migration {
        version: "0028_notifications",
        sqlite: include_str!("../../migrations/sqlite/0028_notifications.sql"),
        postgres: include_str!("../../migrations/postgres/0028_notifications.sql"),
    },
    Migration {
        version: "0029_feedback_deadlines",
        sqlite: include_str!("../../migrations/sqlite/0029_feedback_deadlines.sql"),
        postgres: include_str!("../../migrations/postgres/0029_feedback_deadlines.sql"),
    },
    Migration {
        version: "0030_documents",
        sqlite: include_str!("../../migrations/sqlite/0030_documents.sql"),
        postgres: include_str!("../../migrations/postgres/0030_documents.sql"),
    },
    Migration {
        version: "0031_catalogue_publication",
        sqlite: include_str!("../../migrations/sqlite/0031_catalogue_publication.sql"),
        postgres: include_str!("../../migrations/postgres/0031_catalogue_publication.sql"),
    },
    Migration {
        version: "0032_bus_outbox",
        sqlite: include_str!("../../migrations/sqlite/0032_bus_outbox.sql"),
        postgres: include_str!("../../migrations/postgres/0032_bus_outbox.sql"),
    },
    Migration {
        version: "0033_bus_log",
        sqlite: include_str!("../../migrations/sqlite/0033_bus_log.sql"),
        postgres: include_str!("../../migrations/postgres/0033_bus_log.sql"),
    },
    Migration {
        version: "0034_escalation_on_visit",
        sqlite: include_str!("../../migrations/sqlite/0034_escalation_on_visit.sql"),
        postgres: include_str!("../../migrations/postgres/0034_escalation_on_visit.sql"),
    },
    Migration {
        version: "0035_exchange_documents",
        sqlite: include_str!("../../migrations/sqlite/0035_exchange_documents.sql"),
        postgres: include_str!("../../migrations/postgres/0035_exchange_documents.sql"),
    },
];

/// Work a migration needs that SQL cannot do, run right after its file in
/// the same transaction.
fn after(version: &str, c: &mut dyn Conn) -> Result<(), crate::StoreError> {
    if version == "0011_dossier_search" {
        // Folding names needs Rust: the search keys of existing dossiers.
        crate::ops::dossier_search::index_missing(c)?;
    }
    if version == "0015_catalogue_search" {
        // The catalogue words are folded by Rust too.
        crate::ops::catalogue_search::index_all(c)?;
    }
    Ok(())
}

pub(super) fn run(c: &mut dyn Conn, dialect: Dialect) -> Result<Vec<String>, crate::StoreError> {
    c.batch("CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY)")?;
    let mut applied = Vec::new();
    for m in MIGRATIONS {
        let seen = c.query_opt("SELECT version FROM schema_migrations WHERE version = $1", params![m.version])?;
        if seen.is_some() {
            continue;
        }
        c.batch(match dialect {
            Dialect::Sqlite => m.sqlite,
            Dialect::Postgres => m.postgres,
        })?;
        after(m.version, c)?;
        c.execute("INSERT INTO schema_migrations (version) VALUES ($1)", params![m.version])?;
        applied.push(m.version.to_owned());
    }
    Ok(applied)
}
