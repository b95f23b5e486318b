//! The server under test, shared by the HTTP benches: the `motcua` binary
//! cargo built with the bench (the bench profile, so release code), on a
//! database the demo loader filled, started as an operator would start it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `motcua serve`; stopped when dropped, so a failed check
/// leaves no server behind.
pub struct Server {
    child: Child,
    pub base: String,
    pub log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// The CPU time the server's process has used so far (user and
    /// system, all threads), from `/proc/PID/stat`: what the measured
    /// requests cost in work, apart from the time they waited for a core or
    /// the disk.
    pub fn cpu_time(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        // The fields after the command's name, which ends with ')'.
        let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, f)| f).split_whitespace().collect();
        let ticks: u64 = [11, 12].iter().filter_map(|&i| fields.get(i)?.parse::<u64>().ok()).sum();
        // The kernel's USER_HZ, 100 on Linux.
        Duration::from_millis(ticks * 10)
    }
}

/// The machine's load average over 1, 5 and 15 minutes, printed beside
/// the figures: the benches share the cores with whatever else runs.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// The `motcua` cargo built with the bench, or `MOTCUA_BENCH_BINARY`: an
/// earlier build kept aside, to measure a change against the code before
/// it in the same run.
fn binary() -> String {
    std::env::var("MOTCUA_BENCH_BINARY").unwrap_or_else(|_| env!("CARGO_BIN_EXE_motcua").to_owned())
}

/// A port nobody listens on now (the server binds it a moment later).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// Loads the demo's units, staff, catalogue and keys (no dossiers) into the
/// empty database `url`, then starts the server on it with its files in
/// `dir`. The demo data is what gives the units their agency keys and the
/// leaders a remote-signing provider.
pub async fn start(url: &str, dir: &Path) -> Server {
    let files = dir.join("files");
    let files = files.to_str().expect("a UTF-8 path");
    let status = Command::new(binary())
        .args(["demo", "--db", url, "--files-dir", files, "--dossiers", "0"])
        .stdout(Stdio::null())
        .status()
        .expect("run motcua demo");
    assert!(status.success(), "motcua demo failed on {url} (is the database empty?)");
    let log = dir.join("server.log");
    let out = std::fs::File::create(&log).expect("the server's log file");
    let bind = format!("127.0.0.1:{}", free_port());
    let child = Command::new(binary())
        .args(["serve", "--db", url, "--files-dir", files, "--bind", &bind, "--no-demo"])
        .stdout(out.try_clone().expect("log handle"))
        .stderr(out)
        .spawn()
        .expect("start motcua serve");
    let server = Server { child, base: format!("http://{bind}"), log };
    let client = reqwest::Client::new();
    let started = Instant::now();
    loop {
        let up = client.get(format!("{}/healthz", server.base)).send().await;
        if up.is_ok_and(|r| r.status().is_success()) {
            return server;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the server did not start; see {}", server.log.display());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
