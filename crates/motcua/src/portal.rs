//! The national public service portal (docs/portal-sync.md): the flags of
//! `motcua serve` that connect the sync, `motcua portal validate` (the
//! export checked against the catalogue's rules, nothing sent) and
//! `motcua portal import-procedures FILE` (the national TTHC database's
//! records over the catalogue's).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use motcua_portal::PortalConfig;
use motcua_portal::validate::validate_message;
use motcua_server::portal_sync::PortalSettings;

use crate::DbArgs;

/// `motcua serve`'s portal flags. Without `--portal-url` nothing is sent.
#[derive(clap::Args, Clone)]
pub struct ServeArgs {
    /// The portal adapter's address (https://…); unset: the sync is off and
    /// the events wait in the outbox.
    #[arg(long, env = "MOTCUA_PORTAL_URL")]
    portal_url: Option<String>,
    /// The account's username; the password is read from
    /// MOTCUA_PORTAL_PASSWORD only (never a flag).
    #[arg(long, env = "MOTCUA_PORTAL_USERNAME", default_value = "")]
    portal_username: String,
    /// The province's identifier at the portal (madonvi).
    #[arg(long, env = "MOTCUA_PORTAL_UNIT", default_value = "")]
    portal_unit: String,
    /// The session endpoint's path at the adapter.
    #[arg(long, env = "MOTCUA_PORTAL_AUTH_PATH", default_value = PortalConfig::DEFAULT_AUTH_PATH)]
    portal_auth_path: String,
    /// The sync endpoint's path at the adapter.
    #[arg(long, env = "MOTCUA_PORTAL_SYNC_PATH", default_value = PortalConfig::DEFAULT_SYNC_PATH)]
    portal_sync_path: String,
    /// Seconds between the sender's rounds.
    #[arg(long, env = "MOTCUA_PORTAL_EVERY", default_value_t = PortalSettings::DEFAULT_EVERY.as_secs())]
    portal_every: u64,
    /// Seconds one request to the portal may take.
    #[arg(long, env = "MOTCUA_PORTAL_TIMEOUT", default_value_t = PortalConfig::DEFAULT_TIMEOUT.as_secs())]
    portal_timeout: u64,
}

impl ServeArgs {
    pub fn settings(&self) -> Option<PortalSettings> {
        let url = self.portal_url.clone().filter(|u| !u.trim().is_empty())?;
        Some(PortalSettings {
            client: PortalConfig {
                base_url: url,
                auth_path: self.portal_auth_path.clone(),
                sync_path: self.portal_sync_path.clone(),
                username: self.portal_username.clone(),
                // Like the PKCS#11 PIN: from the environment only, so it
                // never shows in the process list.
                password: std::env::var("MOTCUA_PORTAL_PASSWORD").unwrap_or_default(),
                unit_code: self.portal_unit.clone(),
                timeout: Duration::from_secs(self.portal_timeout.max(1)),
            },
            every: Duration::from_secs(self.portal_every.max(1)),
            batch: PortalSettings::DEFAULT_BATCH,
        })
    }
}

#[derive(clap::Subcommand)]
pub enum Cmd {
    /// Build the portal's records of the dossiers received in a period
    /// (all by default) and check them against the catalogue's rules,
    /// sending nothing; prints every problem by dossier and field, exits 1
    /// if there is one.
    Validate {
        #[command(flatten)]
        db: DbArgs,
        /// First day of reception (YYYY-MM-DD), inclusive.
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last day of reception (YYYY-MM-DD), inclusive.
        #[arg(long)]
        to: Option<NaiveDate>,
    },
    /// Update the catalogue's procedures from the national TTHC database's
    /// records (its `LayThuTuc` answer as JSON, docs/portal-sync.md): all
    /// or nothing; procedures motcua does not have are listed, not created.
    ImportProcedures {
        #[command(flatten)]
        db: DbArgs,
        /// The JSON file.
        file: PathBuf,
    },
}

pub async fn run(cmd: Cmd) -> Result<(), String> {
    match cmd {
        Cmd::Validate { db, from, to } => validate(db, from, to).await,
        Cmd::ImportProcedures { db, file } => import(db, file).await,
    }
}

fn message_en(code: &str) -> String {
    motcua_rules::messages::error_message(code, &[]).1
}

async fn validate(db: DbArgs, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(), String> {
    let store = crate::open(&db).await?;
    let from = from.and_then(|d| d.and_hms_opt(0, 0, 0));
    let to = to.and_then(|d| d.succ_opt()).and_then(|d| d.and_hms_opt(0, 0, 0));
    let (mut dossiers, mut events, mut bad) = (0usize, 0usize, 0usize);
    let mut after = 0;
    loop {
        let page = store.portal_export_page(from, to, after, 500).await.map_err(|e| e.to_string())?;
        let Some(&(last, _)) = page.last() else { break };
        for (id, seqs) in page {
            dossiers += 1;
            // Each problem once per dossier, with the events it is in.
            let mut problems: BTreeMap<(String, &'static str), Vec<i64>> = BTreeMap::new();
            let mut code = String::new();
            for seq in seqs {
                events += 1;
                let item = store.portal_item(id, seq).await.map_err(|e| e.to_string())?;
                let Some(m) = motcua_server::portal_sync::message(&item) else { continue };
                code = m.record.ma_ho_so.clone();
                for p in validate_message(&m) {
                    problems.entry((p.field, p.code)).or_default().push(seq);
                }
            }
            if !problems.is_empty() {
                bad += 1;
                println!("{code}");
                for ((field, problem), seqs) in problems {
                    let seqs: Vec<String> = seqs.iter().map(|s| format!("#{s}")).collect();
                    println!("  {field}: {problem} ({}) in {}", message_en(problem), seqs.join(" "));
                }
            }
        }
        after = last;
    }
    println!(
        "motcua: {dossiers} dossiers, {events} events checked against the portal's catalogue; {bad} with problems"
    );
    if bad > 0 { Err(format!("{bad} dossiers would be refused")) } else { Ok(()) }
}

async fn import(db: DbArgs, file: PathBuf) -> Result<(), String> {
    let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let national = match motcua_portal::national::parse_procedures(&bytes) {
        Ok(n) => n,
        Err(problems) => {
            for p in &problems {
                eprintln!("  {}: {} ({})", p.field, p.code, message_en(p.code));
            }
            return Err(format!("{}: {} problems, nothing imported", file.display(), problems.len()));
        }
    };
    let store = crate::open(&db).await?;
    let stored: BTreeMap<String, _> =
        store.export_procedures().await.map_err(|e| e.to_string())?.into_iter().map(|p| (p.code.clone(), p)).collect();
    let mut merged = Vec::new();
    let mut unknown = Vec::new();
    for n in &national {
        match stored.get(&n.code) {
            Some(p) => merged.push(motcua_server::portal_sync::import::merge(p, n)),
            None => unknown.push(n.code.as_str()),
        }
    }
    let now = (motcua_server::time::system_clock())();
    let changed = store.import_procedures(merged, None, now).await.map_err(|e| e.to_string())?;
    println!(
        "motcua: {} national records read; {changed} procedures changed, {} already the same",
        national.len(),
        national.len() - unknown.len() - changed
    );
    if !unknown.is_empty() {
        println!(
            "motcua: not in the catalogue (create them with their agency and workflow first): {}",
            unknown.join(", ")
        );
    }
    Ok(())
}
