//! Dossier actions per second through HTTP, at 1, 8, 32 and 128 clients,
//! on each database (issue 15: PostgreSQL against SQLite, measured on the
//! running release server, not in-process).
//!
//! ```sh
//! cargo bench -p motcua --bench actions
//! MOTCUA_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/EMPTY_DB cargo bench -p motcua --bench actions
//! ```
//!
//! For each database the bench loads the demo (no dossiers), starts
//! `motcua serve`, logs in the counter officer, specialist and leader of
//! each of the demo's six communes, and lets N clients run whole birth
//! registrations at once, client i at commune i mod 6 (a unit gives out at
//! most 9,999 dossier codes a day, which one commune would exhaust in a
//! run): the counter receives the dossier, forwards it, the specialist
//! forwards it, the leader finishes it and the counter returns the result.
//! That is five writes, each one `POST` (the create, then four
//! `/actions` with the version the previous answer gave), each its own
//! transaction with its history line and counters: the "actions" counted
//! here. Every answer is checked (201 or 200, and the returned dossier ends
//! in status 10), so a refusal stops the bench instead of being timed.
//!
//! The databases: SQLite as shipped (WAL, `synchronous=NORMAL`: a commit is
//! durable against a crash of motcua, not of the machine), SQLite with
//! `synchronous=FULL` (one flush of the log per commit, the same durability
//! as PostgreSQL's default) and PostgreSQL when the URL of an empty
//! database is given. Per level: `MOTCUA_BENCH_WARMUP` seconds (2) not
//! counted, then `MOTCUA_BENCH_SECONDS` (10) measured; `MOTCUA_BENCH_CLIENTS`
//! ("1,8,32,128") picks the levels. The figures: actions per second
//! (completed in the window), the p50 and p99 of an action's latency as the
//! client saw it, and the server's CPU time per action (`/proc`). The load
//! generator runs on the same machine and takes its share of the cores.
//! Without `--bench` (`cargo test --benches`) one second at 1 and 4 clients
//! on SQLite runs as a smoke test. `MOTCUA_BENCH_BINARY` runs an earlier
//! build of `motcua` instead (kept aside before a change, as the baseline);
//! `MOTCUA_BENCH_KEEP=1` keeps the databases and the servers' logs.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{Value, json};

#[path = "../common/server.rs"]
mod server;

/// Đăng ký khai sinh in the demo catalogue, a commune procedure: counter,
/// specialist, leader of the commune that receives it.
const PROCEDURE: &str = "1.001193";
/// The demo's communes by the slug of their staff's usernames; Phường Thục
/// Phán's staff are `motcua`, `chuyenvien` and `lanhdao` without a slug.
const COMMUNES: [&str; 6] = ["", "nungtricao", "tangiang", "hoaan", "nguyenbinh", "quanguyen"];
/// A returned dossier's status (Đã trả kết quả).
const RETURNED: i64 = 10;

/// One client's view of the API: one HTTP connection pool shared by all.
#[derive(Clone)]
struct Api {
    http: reqwest::Client,
    base: Arc<str>,
}

/// The demo staff of one commune who handle a birth registration there.
struct Staff {
    counter: String,
    specialist: String,
    leader: String,
}

/// One write as the client saw it: when it started, and how long it took.
struct Sample {
    started: Instant,
    took: Duration,
}

impl Api {
    /// Sends and panics unless the answer is `want`; returns the answer's body.
    async fn expect(&self, want: u16, token: Option<&str>, path: &str, body: &Value) -> Value {
        let mut req = self.http.request(Method::POST, format!("{}{path}", self.base)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.unwrap_or_else(|e| panic!("{path}: {e}"));
        let status = res.status().as_u16();
        let v: Value = res.json().await.unwrap_or(Value::Null);
        assert_eq!(status, want, "{path}: {v:#}");
        v
    }

    async fn login(&self, username: &str, password: &str) -> String {
        let v =
            self.expect(200, None, "/api/v1/auth/login", &json!({"username": username, "password": password})).await;
        v["token"].as_str().expect("a session token").to_owned()
    }

    /// The commune's counter officer, specialist and leader, logged in.
    async fn staff(&self, slug: &str) -> Staff {
        let name = |role: &str| if slug.is_empty() { role.to_owned() } else { format!("{role}.{slug}") };
        Staff {
            counter: self.login(&name("motcua"), "motcua-demo-2026").await,
            specialist: self.login(&name("chuyenvien"), "chuyenvien-demo-2026").await,
            leader: self.login(&name("lanhdao"), "lanhdao-demo-2026").await,
        }
    }

    /// One birth registration from reception to the returned result; the
    /// five writes are appended to `samples`.
    async fn lifecycle(&self, staff: &Staff, samples: &mut Vec<Sample>) {
        let create = json!({
            "procedure_code": PROCEDURE,
            "applicant": {"name": "Nguyễn Văn An", "id_number": "001099012345", "phone": "0912345678",
                          "address": "Tổ 5, phường Thục Phán, tỉnh Cao Bằng"},
            "components": [{"name": "Tờ khai theo mẫu", "count": 1}, {"name": "Giấy chứng sinh", "count": 1}],
        });
        let started = Instant::now();
        let mut d = self.expect(201, Some(&staff.counter), "/api/v1/dossiers", &create).await;
        samples.push(Sample { started, took: started.elapsed() });
        let code = d["code"].as_str().expect("a received dossier has a code").to_owned();
        let path = format!("/api/v1/dossiers/{code}/actions");
        let steps = [
            (&staff.counter, "forward"),
            (&staff.specialist, "forward"),
            (&staff.leader, "finish"),
            (&staff.counter, "return_result"),
        ];
        for (token, action) in steps {
            let body = json!({"action": action, "version": d["version"]});
            let started = Instant::now();
            d = self.expect(200, Some(token), &path, &body).await;
            samples.push(Sample { started, took: started.elapsed() });
        }
        assert_eq!(d["status"]["code"].as_i64(), Some(RETURNED), "{code}: {d:#}");
    }
}

/// What one level of concurrency measured.
struct Level {
    actions_per_s: f64,
    dossiers_per_s: f64,
    p50_ms: f64,
    p99_ms: f64,
    cpu_ms_per_action: f64,
}

fn quantile(sorted: &[Duration], q: f64) -> f64 {
    let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1e3
}

/// `clients` clients run lifecycles for `warmup + window`; the writes that
/// started after the warm-up and ended within the window are counted.
async fn level(
    server: &server::Server,
    api: &Api,
    staff: &[Arc<Staff>],
    clients: usize,
    warmup: Duration,
    window: Duration,
) -> Level {
    let begin = Instant::now();
    let (from, until) = (begin + warmup, begin + warmup + window);
    let mut tasks = Vec::with_capacity(clients);
    for i in 0..clients {
        let (api, staff) = (api.clone(), staff[i % staff.len()].clone());
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            while Instant::now() < until {
                api.lifecycle(&staff, &mut samples).await;
            }
            samples
        }));
    }
    tokio::time::sleep_until(from.into()).await;
    let cpu_from = server.cpu_time();
    tokio::time::sleep_until(until.into()).await;
    let cpu = server.cpu_time().saturating_sub(cpu_from);
    let mut counted = Vec::new();
    for t in tasks {
        let samples = t.await.expect("a client panicked");
        counted.extend(samples.iter().filter(|s| s.started >= from && s.started + s.took <= until).map(|s| s.took));
    }
    assert!(!counted.is_empty(), "no action completed in the window");
    counted.sort();
    let n = counted.len() as f64;
    let secs = window.as_secs_f64();
    Level {
        actions_per_s: n / secs,
        dossiers_per_s: n / 5.0 / secs,
        p50_ms: quantile(&counted, 0.5),
        p99_ms: quantile(&counted, 0.99),
        cpu_ms_per_action: cpu.as_secs_f64() * 1e3 / n,
    }
}

async fn run(name: &str, url: &str, dir: &std::path::Path, levels: &[usize], warmup: Duration, window: Duration) {
    std::fs::create_dir_all(dir).expect("the bench's directory");
    let server = server::start(url, dir).await;
    let api = Api { http: reqwest::Client::new(), base: server.base.as_str().into() };
    let mut staff = Vec::with_capacity(COMMUNES.len());
    for slug in COMMUNES {
        staff.push(Arc::new(api.staff(slug).await));
    }
    let binary = std::env::var("MOTCUA_BENCH_BINARY").map(|b| format!(", server {b}")).unwrap_or_default();
    println!("\n{name} (load average before: {}{binary})", server::load_average());
    println!("  clients   actions/s   dossiers/s   p50 ms   p99 ms   server CPU ms/action");
    for &clients in levels {
        let l = level(&server, &api, &staff, clients, warmup, window).await;
        println!(
            "  {clients:>7}   {:>9.0}   {:>10.1}   {:>6.2}   {:>6.2}   {:>8.2}",
            l.actions_per_s, l.dossiers_per_s, l.p50_ms, l.p99_ms, l.cpu_ms_per_action
        );
    }
    println!("  load average after: {}; the server's log: {}", server::load_average(), server.log.display());
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: a short smoke run.
    let bench = std::env::args().any(|a| a == "--bench");
    let secs = |name: &str, default: u64| {
        Duration::from_secs(std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default))
    };
    let (levels, warmup, window) = if bench {
        let levels = std::env::var("MOTCUA_BENCH_CLIENTS").unwrap_or_else(|_| "1,8,32,128".into());
        let levels: Vec<usize> = levels
            .split(',')
            .map(|l| l.trim().parse().expect("MOTCUA_BENCH_CLIENTS: numbers, comma-separated"))
            .collect();
        (levels, secs("MOTCUA_BENCH_WARMUP", 2), secs("MOTCUA_BENCH_SECONDS", 10))
    } else {
        (vec![1, 4], Duration::ZERO, Duration::from_secs(1))
    };
    let dir = std::env::temp_dir().join(format!("motcua-actions-{}", std::process::id()));
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(async {
        let normal = dir.join("sqlite-normal");
        let url = format!("sqlite://{}", normal.join("bench.db").display());
        run("SQLite (WAL, synchronous=NORMAL, the default)", &url, &normal, &levels, warmup, window).await;
        if bench {
            let full = dir.join("sqlite-full");
            let url = format!("sqlite://{}?synchronous=full", full.join("bench.db").display());
            run("SQLite (WAL, synchronous=FULL: one flush per commit)", &url, &full, &levels, warmup, window).await;
        }
        match std::env::var("MOTCUA_BENCH_POSTGRES_URL") {
            Ok(url) => run("PostgreSQL", &url, &dir.join("postgres"), &levels, warmup, window).await,
            Err(_) => println!("\nPostgreSQL: skipped (set MOTCUA_BENCH_POSTGRES_URL to an empty database)"),
        }
    });
    // MOTCUA_BENCH_KEEP keeps the databases and the servers' logs.
    if std::env::var_os("MOTCUA_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
