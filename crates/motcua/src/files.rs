//! `motcua files move | check | sweep`: the file store's upkeep
//! (docs/storage.md, docs/operations.md "Files").

use std::time::{Duration, SystemTime};

use clap::Subcommand;
use motcua_store::FileRow;

use crate::{DbArgs, open};

#[derive(Subcommand)]
pub enum Cmd {
    /// Copy the bytes still held in the database out to the file store,
    /// check each copy and only then clear the column. Resumable: run it
    /// again after a stop and it goes on with the rows not yet moved.
    Move {
        #[command(flatten)]
        db: DbArgs,
    },
    /// List rows whose file is missing or does not match its SHA-256, and
    /// files no row names. Changes nothing; exit 1 when a row lacks its file.
    Check {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Remove files no row names that are older than the grace period.
    Sweep {
        #[command(flatten)]
        db: DbArgs,
        /// How old an unreferenced file must be to go: it covers uploads
        /// whose transaction has not committed yet (s, m, h or d).
        #[arg(long, default_value = "24h", value_parser = parse_grace)]
        grace: Duration,
    },
}

/// `90s`, `30m`, `24h`, `2d`. At least a minute: a shorter grace could take
/// the file of an upload whose transaction is about to commit.
pub fn parse_grace(s: &str) -> Result<Duration, String> {
    let bad = || "expected a duration of at least a minute, such as 30m, 24h or 2d".to_owned();
    let (number, unit) = s.split_at(s.len().saturating_sub(1));
    let n: u64 = number.parse().map_err(|_| bad())?;
    let secs = match unit {
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(bad()),
    };
    if secs < 60 {
        return Err(bad());
    }
    Ok(Duration::from_secs(secs))
}

fn row(r: &FileRow) -> String {
    format!("{} {} {}", r.table, r.id, r.sha256)
}

pub async fn run(cmd: Cmd) -> Result<(), String> {
    match cmd {
        Cmd::Move { db } => {
            let store = open(&db).await?;
            println!("motcua: moving file bytes to {}", store.files().location());
            let report = store.move_files_out().await.map_err(|e| e.to_string())?;
            println!("motcua: {} file(s) moved out of the database", report.moved);
            for r in &report.mismatched {
                println!("mismatch {} (left in the database: its bytes do not hash to its sha256)", row(r));
            }
            if !report.mismatched.is_empty() {
                return Err(format!("{} row(s) hold bytes that do not match their sha256", report.mismatched.len()));
            }
            Ok(())
        }
        Cmd::Check { db } => {
            let store = open(&db).await?;
            let check = store.check_files().await.map_err(|e| e.to_string())?;
            for r in &check.missing {
                println!("missing {}", row(r));
            }
            for r in &check.corrupt {
                println!("corrupt {}", row(r));
            }
            for hash in &check.unreferenced {
                println!("unreferenced {hash}");
            }
            println!(
                "motcua: {} row(s) checked in {}: {} missing, {} corrupt; {} unreferenced file(s)",
                check.rows,
                store.files().location(),
                check.missing.len(),
                check.corrupt.len(),
                check.unreferenced.len()
            );
            if !check.is_clean() {
                return Err("some rows lack their file (see above; restore the files from a backup)".into());
            }
            Ok(())
        }
        Cmd::Sweep { db, grace } => {
            let store = open(&db).await?;
            let report = store.sweep_files(grace, SystemTime::now()).await.map_err(|e| e.to_string())?;
            println!(
                "motcua: {} unreferenced file(s) removed, {} kept as younger than {}s, {} referenced",
                report.removed.len(),
                report.young,
                grace.as_secs(),
                report.referenced
            );
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grace_periods_read_in_seconds_minutes_hours_days() {
        assert_eq!(parse_grace("24h"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_grace("2d"), Ok(Duration::from_secs(2 * 86_400)));
        assert_eq!(parse_grace("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_grace("90s"), Ok(Duration::from_secs(90)));
        for bad in ["", "h", "24", "10s", "-1h", "1w", "1.5h"] {
            assert!(parse_grace(bad).is_err(), "{bad}");
        }
    }
}
