//! A real nats-server for the tests: started by the test on a free port
//! with JetStream and its store in a temporary directory, killed with
//! SIGKILL and restarted on the same store to test durability.
//!
//! When no `nats-server` is installed the tests say SKIPPED and pass,
//! unless `MOTCUA_TEST_NATS=require` (as `.ci/run` sets), when they fail.

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use futures::StreamExt;
use motcua_bus::{Deliveries, Delivery, JetStream, StreamSettings};

pub const NATS_ENV: &str = "MOTCUA_TEST_NATS";

/// A running nats-server and where it keeps its streams.
pub struct NatsServer {
    binary: PathBuf,
    pub port: u16,
    store: tempfile::TempDir,
    child: Option<Child>,
}

fn binary() -> Option<PathBuf> {
    let from_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join("nats-server")).collect::<Vec<_>>())
        .unwrap_or_default();
    from_path.into_iter().chain([PathBuf::from("/usr/sbin/nats-server")]).find(|p| p.is_file())
}

impl NatsServer {
    /// A fresh server, or `None` (SKIPPED on stderr) when none is installed
    /// and the environment does not require one.
    pub fn start(test: &str) -> Option<NatsServer> {
        let Some(binary) = binary() else {
            if std::env::var(NATS_ENV).as_deref() == Ok("require") {
                panic!("{test}: nats-server is not installed and {NATS_ENV}=require");
            }
            use std::io::Write;
            let _ =
                writeln!(std::io::stderr(), "SKIPPED: {test} (no nats-server; install it or set {NATS_ENV}=require)");
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut server =
            NatsServer { binary, port, store: tempfile::tempdir().expect("a temporary directory"), child: None };
        server.run();
        Some(server)
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    fn run(&mut self) {
        let child = Command::new(&self.binary)
            .args(["-js", "-a", "127.0.0.1", "-p", &self.port.to_string(), "-sd"])
            .arg(self.store.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nats-server");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "nats-server did not listen on {}", self.port);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL: no clean shutdown, no flush beyond what the server did.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            c.kill().expect("kill nats-server");
            c.wait().expect("reap nats-server");
        }
    }

    /// The server again, on the same port and store.
    pub fn restart(&mut self) {
        self.kill();
        self.run();
    }

    /// A client of the test stream; retried while the server recovers its
    /// streams after a start.
    pub async fn connect(&self, settings: &StreamSettings) -> JetStream {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match JetStream::connect(&self.url(), settings.clone()).await {
                Ok(js) => return js,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("cannot connect to the test nats-server: {e}"),
            }
        }
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A stream of its own for each test.
pub fn settings(name: &str) -> StreamSettings {
    StreamSettings {
        name: name.to_owned(),
        subjects: vec![format!("{name}.>")],
        duplicate_window: Duration::from_secs(120),
        ack_wait: Duration::from_secs(30),
    }
}

/// Every delivery until none comes for `quiet`, each acknowledged.
pub async fn drain(sub: &mut Deliveries, quiet: Duration) -> Vec<(String, String, Vec<u8>)> {
    let mut out = Vec::new();
    while let Ok(Some(d)) = tokio::time::timeout(quiet, sub.next()).await {
        let d: Delivery = d.expect("a delivery");
        out.push((d.subject.clone(), d.msg_id.clone(), d.payload.to_vec()));
        d.ack().await.expect("ack");
    }
    out
}

pub fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}
