//! The `motcua` binary: a thin shell over `motcua-server` and `motcua-store`.

use clap::{Parser, Subcommand};
use motcua_rules::codes::DossierCodeFormat;
use motcua_rules::counter_hours::CounterHours;
use motcua_rules::credit::Basis;
use motcua_server::time::system_clock;
use motcua_server::{Application, Config, demo};
use motcua_store::Store;

mod exchange;
mod files;
mod generate;
mod index766;
mod portal;

#[derive(Parser)]
#[command(
    name = "motcua",
    version,
    about = "One-stop public administration (một cửa) for Vietnamese provinces and communes"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct DbArgs {
    /// Database URL: sqlite://FILE (embedded default) or postgres://USER@HOST/DB.
    #[arg(long = "db", env = "MOTCUA_DATABASE_URL", default_value = "sqlite://motcua.db")]
    url: String,
    /// Dossier code format: circular01 (<unit>-YYMMDD-XXXX, TT 01/2018) or extended.
    #[arg(long, env = "MOTCUA_CODE_FORMAT", default_value = "circular01", value_parser = parse_format)]
    code_format: DossierCodeFormat,
    /// Where file bytes live: a directory, or s3://BUCKET/PREFIX (AWS_*
    /// variables for credentials and endpoint). Default: beside the SQLite
    /// file (FILE.files), or ./motcua-files for PostgreSQL.
    #[arg(long, env = "MOTCUA_FILES_DIR")]
    files_dir: Option<String>,
}

impl DbArgs {
    fn open(&self) -> Result<Store, String> {
        Store::open_at(&self.url, self.code_format, self.files_dir.as_deref())
            .map_err(|e| format!("cannot open the database: {e}"))
    }
}

fn parse_format(s: &str) -> Result<DossierCodeFormat, String> {
    DossierCodeFormat::ALL
        .into_iter()
        .find(|f| f.as_str() == s)
        .ok_or_else(|| "expected circular01 or extended".to_owned())
}

fn parse_counter_hours(s: &str) -> Result<CounterHours, String> {
    CounterHours::parse(s, "counter_hours").map_err(|e| e.message_en)
}

fn parse_basis(s: &str) -> Result<Basis, String> {
    Basis::parse(s).ok_or_else(|| "expected handling or intake".to_owned())
}

#[derive(Subcommand)]
enum Command {
    /// Run the server; migrates first, and loads demo data into an empty database.
    Serve {
        #[command(flatten)]
        db: DbArgs,
        /// Address to listen on.
        #[arg(long, env = "MOTCUA_BIND", default_value = "127.0.0.1:8080")]
        bind: String,
        /// Do not load demo data into an empty database.
        #[arg(long)]
        no_demo: bool,
        /// Mark the session cookie Secure (serve behind HTTPS).
        #[arg(long, env = "MOTCUA_SECURE_COOKIES")]
        secure_cookies: bool,
        /// The site's public address, printed in the receipt's QR code
        /// (default: the address the request came to).
        #[arg(long, env = "MOTCUA_PUBLIC_URL")]
        public_url: Option<String>,
        /// Behind a reverse proxy: the client's address is the last entry
        /// of X-Forwarded-For (for the login and look-up throttling).
        #[arg(long, env = "MOTCUA_TRUST_PROXY")]
        trust_proxy: bool,
        /// Password hashes computed at the same time (default: one per core).
        #[arg(long, env = "MOTCUA_HASH_WORKERS", default_value_t = 0)]
        hash_workers: usize,
        /// Which figures the 766 index and the rankings read: handling (the
        /// unit that implements the procedure, default) or intake (the
        /// receiving unit). Both are always counted.
        #[arg(long, env = "MOTCUA_STATS_CREDIT", default_value = "handling", value_parser = parse_basis)]
        stats_credit: Basis,
        /// The counters' working hours where a unit has set none; the slips
        /// give the closing time of the due day as the appointment.
        #[arg(long, env = "MOTCUA_COUNTER_HOURS", default_value = "07:30-17:00", value_parser = parse_counter_hours)]
        counter_hours: CounterHours,
        /// The directory of trust anchors (*.pem, *.crt, *.cer) and CRLs
        /// (*.crl) that signature verification trusts; none by default,
        /// so no signature is called valid (docs/signatures.md).
        #[arg(long, env = "MOTCUA_TRUST_DIR")]
        trust_dir: Option<std::path::PathBuf>,
        /// The directory of the units' agency signing keys (`CODE.key`,
        /// `CODE.pem`, `CODE.png` for each unit coded CODE) with which
        /// "finish" issues electronic results (docs/signatures.md).
        #[arg(long, env = "MOTCUA_AGENCY_KEYS_DIR")]
        agency_keys_dir: Option<std::path::PathBuf>,
        /// The PKCS#11 module (the HSM vendor's .so) for units whose agency
        /// key is in a token (`CODE.pkcs11` in the agency keys directory);
        /// the PIN is read from MOTCUA_PKCS11_PIN, never a flag.
        #[arg(long, env = "MOTCUA_PKCS11_MODULE")]
        pkcs11_module: Option<std::path::PathBuf>,
        /// The RFC 3161 time-stamp authority that time-stamps the agency's
        /// signature of issued results (PAdES B-T); none by default (B-B).
        #[arg(long, env = "MOTCUA_TSA_URL")]
        tsa_url: Option<String>,
        /// The online payment platform's payment page (docs/payments.md);
        /// unset: no online payment, the counter records payments. Needs
        /// MOTCUA_PAYMENT_MERCHANT and MOTCUA_PAYMENT_KEY (environment only).
        #[arg(long, env = "MOTCUA_PAYMENT_URL")]
        payment_url: Option<String>,
        /// The code the platform knows this installation by.
        #[arg(long, env = "MOTCUA_PAYMENT_MERCHANT")]
        payment_merchant: Option<String>,
        /// `hmac-sha256` (default) or `hmac-sha512`.
        #[arg(long, env = "MOTCUA_PAYMENT_ALGORITHM", default_value = "hmac-sha256")]
        payment_algorithm: String,
        /// The sync to the national public service portal (docs/portal-sync.md).
        #[command(flatten)]
        portal: Box<portal::ServeArgs>,
        /// The exchange of official documents over NATS (docs/exchange.md).
        #[command(flatten)]
        exchange: Box<exchange::ExchangeArgs>,
    },
    /// Apply database migrations and exit.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Load demo data into an empty database.
    Demo {
        #[command(flatten)]
        db: DbArgs,
        /// How many dossiers to simulate over the past year.
        #[arg(long, default_value_t = demo::DEFAULT_DOSSIERS)]
        dossiers: usize,
    },
    /// Set up a real installation in an empty database: the province, its
    /// first administrator (password from MOTCUA_ADMIN_PASSWORD, never a
    /// flag, so it stays out of the process list) and the shipped calendar.
    Init {
        #[command(flatten)]
        db: DbArgs,
        /// The province's unit code, e.g. H11.
        #[arg(long)]
        province_code: String,
        /// The province's name, e.g. "Tỉnh Cao Bằng".
        #[arg(long)]
        province_name: String,
        /// The administrator's username.
        #[arg(long, default_value = "admin")]
        admin: String,
    },
    /// Statistics counters: `rebuild` recomputes them from the history,
    /// `check` compares the live ones with a replay and changes nothing.
    Stats {
        #[command(subcommand)]
        command: StatsCommand,
    },
    /// File bytes (docs/storage.md): `move` copies the bytes still in the
    /// database out to the file store, `check` lists rows without their
    /// file and files without a row, `sweep` removes the latter.
    Files {
        #[command(subcommand)]
        command: files::Cmd,
    },
    /// Print the OpenAPI document (as committed in docs/openapi.json).
    Openapi,
    /// Add N synthetic dossiers quickly (for benchmarks), spread over the demo units.
    GenerateDossiers {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, default_value_t = 1_000_000)]
        count: usize,
        /// First add communes under the province until it has this many,
        /// and spread commune-level dossiers over all of them (3321 is the
        /// number of commune-level units in Vietnam since 01/07/2025).
        #[arg(long)]
        communes: Option<usize>,
    },
    /// Decision 766 index: recompute the national portal's published scores.
    Index766 {
        #[command(subcommand)]
        cmd: index766::Cmd,
    },
    /// The national public service portal: `validate` checks the export of
    /// dossiers against the sync catalogue without sending; `import-procedures`
    /// reads the national TTHC database's records into the catalogue.
    Portal {
        #[command(subcommand)]
        cmd: portal::Cmd,
    },
}

#[derive(Subcommand)]
enum StatsCommand {
    /// Replace every counter with a replay of the dossier history.
    Rebuild {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Replay the history and report counters that differ; exit 1 if any.
    Check {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[tokio::main]
async fn main() {
    // MOTCUA_LOG as asked, except the database drivers' statement logging
    // (personal data in the parameters), capped at warn.
    let spec = std::env::var("MOTCUA_LOG").ok();
    if let Err(e) = motcua_server::logging::init(spec.as_deref(), std::io::stdout) {
        eprintln!("motcua: cannot set up logging: {e}");
    }
    if let Err(e) = run(Cli::parse()).await {
        eprintln!("motcua: {e}");
        std::process::exit(1);
    }
}

/// The payment platform from the settings: all of URL, merchant and key
/// (MOTCUA_PAYMENT_KEY, from the environment only: a flag would show it in
/// the process list), or none of them.
fn payment_config(
    url: Option<String>,
    merchant: Option<String>,
    algorithm: &str,
) -> Result<Option<motcua_payment::PlatformConfig>, String> {
    let key = std::env::var("MOTCUA_PAYMENT_KEY").ok().filter(|k| !k.is_empty());
    match (url, merchant, key) {
        (None, None, None) => Ok(None),
        (Some(url), Some(merchant), Some(key)) => {
            let algorithm = motcua_payment::Algorithm::parse(algorithm).map_err(|e| e.message_en)?;
            motcua_payment::PlatformConfig::new(&url, &merchant, key.as_bytes(), algorithm)
                .map(Some)
                .map_err(|e| format!("payment platform: {} ({})", e.message_en, e.field.unwrap_or_default()))
        }
        _ => {
            Err("payment platform: set MOTCUA_PAYMENT_URL, MOTCUA_PAYMENT_MERCHANT and MOTCUA_PAYMENT_KEY together"
                .into())
        }
    }
}

async fn open(db: &DbArgs) -> Result<Store, String> {
    let store = db.open()?;
    store.migrate().await.map_err(|e| format!("cannot migrate the database: {e}"))?;
    Ok(store)
}

async fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Serve {
            db,
            bind,
            no_demo,
            secure_cookies,
            public_url,
            trust_proxy,
            hash_workers,
            stats_credit,
            counter_hours,
            trust_dir,
            agency_keys_dir,
            pkcs11_module,
            tsa_url,
            payment_url,
            payment_merchant,
            payment_algorithm,
            portal,
            exchange,
        } => {
            let payment = payment_config(payment_url, payment_merchant, &payment_algorithm)?;
            let config = Config {
                database_url: db.url.clone(),
                bind,
                code_format: db.code_format,
                secure_cookies,
                public_url,
                trust_proxy,
                hash_workers,
                stats_credit,
                counter_hours,
                trust_dir,
                agency_keys_dir,
                pkcs11_module,
                // The PIN only from the environment, like the first
                // administrator's password: a flag would show it to anyone
                // who lists processes.
                pkcs11_pin: std::env::var("MOTCUA_PKCS11_PIN").ok().map(motcua_server::config::Secret::new),
                tsa_url,
                files_dir: db.files_dir.clone(),
                // MOTCUA_SMTP_*, MOTCUA_SMS_*, MOTCUA_ZALO_* (docs/notifications.md).
                notify: motcua_server::notify::NotifyConfig::from_env()?,
                payment,
                portal: portal.settings(),
                exchange: exchange.settings()?,
                ..Config::default()
            };
            println!("motcua: database {}", config.database_url_redacted());
            let app = Application::build(config, system_clock()).await.map_err(|e| e.to_string())?;
            println!("motcua: files {}", app.state.store.files().location());
            println!("motcua: notifications {:?}", app.state.channels());
            if demo::is_empty(&app.state.store).await.map_err(|e| e.to_string())? {
                if no_demo {
                    println!("motcua: the database is empty; set it up with `motcua init` (see docs/operations.md)");
                } else {
                    load_demo(&app.state.store, demo::DEFAULT_DOSSIERS).await?;
                    app.state.reload_calendar().await.map_err(|e| e.message_en)?;
                    app.state.reload_signing().await.map_err(|e| e.message_en)?;
                }
            }
            println!("motcua: listening on http://{}", app.local_addr().map_err(|e| e.to_string())?);
            app.run().await.map_err(|e| e.to_string())
        }
        Command::Migrate { db } => {
            let store = db.open()?;
            let applied = store.migrate().await.map_err(|e| e.to_string())?;
            println!("motcua: {} migration(s) applied: {}", applied.len(), applied.join(", "));
            Ok(())
        }
        Command::Demo { db, dossiers } => {
            let store = open(&db).await?;
            if !demo::is_empty(&store).await.map_err(|e| e.to_string())? {
                return Err("the database already has data; demo data goes only into an empty database".into());
            }
            load_demo(&store, dossiers).await
        }
        Command::Init { db, province_code, province_name, admin } => {
            let password = std::env::var("MOTCUA_ADMIN_PASSWORD")
                .map_err(|_| "set MOTCUA_ADMIN_PASSWORD to the first administrator's password".to_owned())?;
            let store = open(&db).await?;
            let (province, user) = motcua_server::bootstrap::init(
                &store,
                &province_code,
                &province_name,
                &admin,
                &password,
                (system_clock())(),
            )
            .await
            .map_err(|e| format!("{} ({})", e.message_en, e.code))?;
            println!("motcua: created {} {} and administrator `{}`", province.code, province.name, user.username);
            println!("motcua: calendar years loaded: check and complete them (GET /api/v1/calendar)");
            Ok(())
        }
        Command::Stats { command } => {
            let (db, rebuild) = match command {
                StatsCommand::Rebuild { db } => (db, true),
                StatsCommand::Check { db } => (db, false),
            };
            let store = open(&db).await?;
            let started = std::time::Instant::now();
            let report = if rebuild { store.rebuild_stats().await } else { store.check_stats().await }
                .map_err(|e| e.to_string())?;
            println!(
                "motcua: {} counters from the history in {:.1}s; {} differed from the live counters{}",
                report.counters,
                started.elapsed().as_secs_f64(),
                report.differences,
                if rebuild { " (now replaced)" } else { "" }
            );
            if !rebuild && report.differences > 0 {
                return Err("the live counters differ from the history".into());
            }
            Ok(())
        }
        Command::Files { command } => files::run(command).await,
        Command::Openapi => {
            println!("{}", motcua_server::openapi::document());
            Ok(())
        }
        Command::GenerateDossiers { db, count, communes } => {
            let store = open(&db).await?;
            if let Some(n) = communes {
                generate::communes(&store, n).await?;
            }
            generate::dossiers(&store, count).await
        }
        Command::Index766 { cmd } => index766::run(cmd),
        Command::Portal { cmd } => portal::run(cmd).await,
    }
}

async fn load_demo(store: &Store, dossiers: usize) -> Result<(), String> {
    println!("motcua: empty database, loading demo data ({dossiers} dossiers over the past year)...");
    let started = std::time::Instant::now();
    let summary = demo::load(store, (system_clock())(), dossiers).await.map_err(|e| format!("demo data: {e}"))?;
    println!(
        "motcua: demo loaded in {:.1}s: {} units, {} procedures, {} dossiers",
        started.elapsed().as_secs_f64(),
        summary.units,
        summary.procedures,
        summary.dossiers
    );
    println!("motcua: demo logins (demo data only; they do not exist in a real installation):");
    for (user, password, role, unit) in demo::LOGINS {
        println!("  {user:<18} {password:<22} {:<16} {unit}", role.as_str());
    }
    let slugs: Vec<&str> = demo::STAFFED_UNITS.iter().map(|(_, slug)| *slug).collect();
    println!(
        "  and for every commune, department and the centre: motcua.<unit>, chuyenvien.<unit>, lanhdao.<unit> \
         (passwords as above), <unit> one of: {}",
        slugs.join(", ")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own checks of the command line (unique argument and group
    /// names among them) run in debug builds when a command is parsed; here
    /// they run for every subcommand, so a clash fails a test, not `serve`.
    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
