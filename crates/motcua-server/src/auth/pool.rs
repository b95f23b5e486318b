//! The bounded pool of password hashing, with a fair share per client.
//!
//! * At most `workers` hashes run at once (each holds
//!   [`super::ARGON2_MEMORY_KIB`] while it runs), at most `queue` more wait
//!   their turn, and any request beyond that is answered at once with 503
//!   `server_busy` and `Retry-After`. A flood of logins costs at most
//!   `workers` × 19 MiB and `workers` cores, whatever its size.
//! * **Fair shares.** Every request is charged, while it is in the pool, to
//!   its client's keys: its address may hold at most [`HashPool::address_share`]
//!   of the pool's places, the account it names at most
//!   [`HashPool::account_share`]. Over its share a request gets the same
//!   503 at once, without hashing. One address (or a botnet aiming at one
//!   account) cannot fill the queue that the other users need.
//! * **Unknown usernames take no place in the pool.** There is no hash to
//!   check them against, so checking a fixed hash would only burn a slot that
//!   a real user needs. Instead the answer waits for a latency drawn at
//!   random from the last [`LATENCY_SAMPLES`] real checks (measured from
//!   admission to result, so queueing is included), while the request holds
//!   its fair shares as a real check would, and it gets the same 503 when
//!   the pool is full or its share is used up. The time of an answer
//!   therefore follows the same distribution for a known and an unknown
//!   username. Until a first real check has been measured, an unknown
//!   username is checked against a fixed hash in the pool (the old way),
//!   which gives the first sample.
//! * **A lane for proven clients.** A login from a browser or client that
//!   has logged in to that account before (it holds the account's device
//!   cookie, `crate::auth::DEVICE_COOKIE`, OWASP's "device cookies") is
//!   admitted through its own `workers` tickets ([`HashPool::admit_proven`]),
//!   without fair shares: a botnet that fills the open queue with wrong
//!   passwords for real accounts cannot turn such a user away. It still
//!   waits its turn for a running slot, behind at most the open queue.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use tokio::sync::{OnceCell, Semaphore};

use super::{hash_password, verify_password};
use crate::error::ApiError;

/// Seconds a client told `server_busy` should wait.
pub const BUSY_RETRY_SECS: u64 = 1;

/// How many recent check latencies an unknown username's answer is drawn from.
pub const LATENCY_SAMPLES: usize = 64;

/// Who a hash is done for: the keys its fair shares are charged to.
#[derive(Debug, Clone, Copy)]
pub struct Claimant<'a> {
    /// The client's address ([`super::ClientAddr`]).
    pub address: &'a str,
    /// The account the request names (a login's username, normalised), if any.
    pub account: Option<&'a str>,
}

type Job = Box<dyn FnOnce() + Send>;

pub struct HashPool {
    workers: usize,
    queue: usize,
    /// Admission: `workers + queue` tickets, taken without waiting.
    admitted: Arc<Semaphore>,
    /// Admission of proven clients: `workers` tickets of their own.
    proven: Arc<Semaphore>,
    /// The running hashes: `workers` slots, waited for.
    running: Arc<Semaphore>,
    /// Places held per fair-share key (`addr:…`, `acct:…`).
    shares: Arc<Mutex<HashMap<String, usize>>>,
    /// Latencies of recent real checks, newest last.
    latencies: Mutex<VecDeque<Duration>>,
    /// The hash an unknown username is checked against before any real
    /// check has been measured.
    dummy: OnceCell<String>,
    /// The pool's `workers` threads take their jobs here. Hashing on a
    /// few threads of its own, rather than on any of tokio's blocking
    /// threads, keeps the 19 MiB buffers in a few malloc arenas, where
    /// they are reused instead of piling up in one arena per thread.
    jobs: Mutex<std::sync::mpsc::Sender<Job>>,
}

/// A check let into the pool: through the open lane with the claimant's
/// places in the fair-share table ([`HashPool::admit`]), or through the
/// proven clients' lane ([`HashPool::admit_proven`]); held until the check
/// ends.
pub struct Admission {
    shares: Option<Shares>,
    lane: Lane,
}

/// Which admission tickets a check takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lane {
    Open,
    Proven,
}

struct Shares {
    table: Arc<Mutex<HashMap<String, usize>>>,
    keys: Vec<String>,
}

impl Drop for Shares {
    fn drop(&mut self) {
        let mut table = self.table.lock().unwrap_or_else(|e| e.into_inner());
        for k in &self.keys {
            if let Some(n) = table.get_mut(k) {
                *n -= 1;
                if *n == 0 {
                    table.remove(k);
                }
            }
        }
    }
}

impl HashPool {
    /// `workers` hashes at once (0: one per CPU core) and a queue of twice
    /// as many.
    pub fn new(workers: usize) -> HashPool {
        let workers = match workers {
            0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
            n => n,
        };
        HashPool::with_queue(workers, 2 * workers)
    }

    pub fn with_queue(workers: usize, queue: usize) -> HashPool {
        let workers = workers.max(1);
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..workers {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new().name(format!("motcua-hash-{i}")).spawn(move || {
                loop {
                    // The lock is released before the job runs.
                    let job = match rx.lock() {
                        Ok(r) => r.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => {
                            // A panicking job must not take the thread with it.
                            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                        }
                        Err(_) => return, // the pool is gone
                    }
                }
            });
            if let Err(e) = spawned {
                tracing::error!(error.cause = %e, "cannot start a password hashing thread");
            }
        }
        HashPool {
            jobs: Mutex::new(tx),
            workers,
            queue,
            admitted: Arc::new(Semaphore::new(workers + queue)),
            proven: Arc::new(Semaphore::new(workers)),
            running: Arc::new(Semaphore::new(workers)),
            shares: Arc::new(Mutex::new(HashMap::new())),
            latencies: Mutex::new(VecDeque::with_capacity(LATENCY_SAMPLES)),
            dummy: OnceCell::new(),
        }
    }

    /// How many hashes run at once.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// How many requests the pool holds at once, running and waiting.
    pub fn capacity(&self) -> usize {
        self.workers + self.queue
    }

    /// The places one address may hold: a third of the pool (at least one).
    pub fn address_share(&self) -> usize {
        (self.capacity() / 3).max(1)
    }

    /// The places the requests naming one account may hold, from any
    /// number of addresses: half the pool (at least one). A flood aimed at
    /// one account leaves the other half to everyone else.
    pub fn account_share(&self) -> usize {
        (self.capacity() / 2).max(1)
    }

    /// Takes one place of each of the claimant's keys, or 503 at once if
    /// any of them has used up its share.
    fn take_shares(&self, who: Option<Claimant<'_>>) -> Result<Shares, ApiError> {
        let mut keys: Vec<(String, usize)> = Vec::with_capacity(2);
        if let Some(who) = who {
            keys.push((format!("addr:{}", who.address), self.address_share()));
            if let Some(account) = who.account {
                keys.push((format!("acct:{account}"), self.account_share()));
            }
        }
        let mut table = self.shares.lock().unwrap_or_else(|e| e.into_inner());
        if keys.iter().any(|(k, limit)| table.get(k).copied().unwrap_or(0) >= *limit) {
            return Err(busy());
        }
        for (k, _) in &keys {
            *table.entry(k.clone()).or_insert(0) += 1;
        }
        Ok(Shares { table: self.shares.clone(), keys: keys.into_iter().map(|(k, _)| k).collect() })
    }

    /// Runs `job` on one of the pool's own threads when a slot is free;
    /// 503 at once when the queue is full. The slot (and `shares`) are held
    /// until `job` ends, even if the request that asked for it is gone.
    async fn run<T: Send + 'static>(
        &self,
        shares: Option<Shares>,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        self.run_in(Lane::Open, shares, job).await
    }

    /// [`HashPool::run`] with the admission ticket of `lane`.
    async fn run_in<T: Send + 'static>(
        &self,
        lane: Lane,
        shares: Option<Shares>,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let tickets = match lane {
            Lane::Open => &self.admitted,
            Lane::Proven => &self.proven,
        };
        let ticket = tickets.clone().try_acquire_owned().map_err(|_| busy())?;
        let slot = self.running.clone().acquire_owned().await.map_err(|_| ApiError::internal())?;
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let out = job();
            drop((slot, ticket, shares));
            let _ = tx.send(out);
        });
        self.jobs.lock().map_err(|_| ApiError::internal())?.send(job).map_err(|_| ApiError::internal())?;
        rx.await.map_err(|_| ApiError::internal())
    }

    /// Hashes a new password; `who` (if given) is charged its fair share.
    pub async fn hash(&self, who: Option<Claimant<'_>>, password: String) -> Result<String, ApiError> {
        let shares = self.take_shares(who)?;
        self.run(Some(shares), move || hash_password(&password)).await?
    }

    /// Checks `password` against `hash`. When there is no account
    /// (`hash` is `None`) the answer is false, given after a latency drawn
    /// from recent real checks, with the same admission (pool full or share
    /// used up: 503) but without taking a place in the pool (see the
    /// module's documentation).
    pub async fn verify(&self, who: Claimant<'_>, hash: Option<String>, password: String) -> Result<bool, ApiError> {
        let admission = self.admit(who)?;
        self.verify_admitted(admission, hash, password).await
    }

    /// The admission half of [`HashPool::verify`]: takes the claimant's
    /// fair shares, or 503 at once when a share is used up or the queue is
    /// full. A login takes it before anything is counted against the
    /// client in the database, so a request turned away here costs no
    /// throttle write (and needs no refund) however many arrive at once.
    pub fn admit(&self, who: Claimant<'_>) -> Result<Admission, ApiError> {
        if self.admitted.available_permits() == 0 {
            return Err(busy());
        }
        Ok(Admission { shares: Some(self.take_shares(Some(who))?), lane: Lane::Open })
    }

    /// Admission through the proven clients' lane: for a login that
    /// presented the account's device cookie. 503 only when `workers`
    /// proven checks are already in the pool.
    pub fn admit_proven(&self) -> Result<Admission, ApiError> {
        if self.proven.available_permits() == 0 {
            return Err(busy());
        }
        Ok(Admission { shares: None, lane: Lane::Proven })
    }

    /// The checking half of [`HashPool::verify`], with the shares taken by
    /// [`HashPool::admit`]. The queue may still be full by now (503).
    pub async fn verify_admitted(
        &self,
        admission: Admission,
        hash: Option<String>,
        password: String,
    ) -> Result<bool, ApiError> {
        let Admission { shares, lane } = admission;
        match hash {
            Some(hash) => {
                let started = Instant::now();
                let ok = self.run_in(lane, shares, move || verify_password(&hash, &password)).await?;
                self.record(started.elapsed());
                Ok(ok)
            }
            None => {
                if lane == Lane::Open && self.admitted.available_permits() == 0 {
                    return Err(busy());
                }
                match self.sample() {
                    Some(wait) => {
                        tokio::time::sleep(wait).await;
                        drop(shares);
                    }
                    None => {
                        // No real check measured yet: check a fixed hash once.
                        let dummy = self.dummy().await?.to_owned();
                        let started = Instant::now();
                        self.run_in(lane, shares, move || verify_password(&dummy, &password)).await?;
                        self.record(started.elapsed());
                    }
                }
                Ok(false)
            }
        }
    }

    fn record(&self, latency: Duration) {
        let mut log = self.latencies.lock().unwrap_or_else(|e| e.into_inner());
        if log.len() == LATENCY_SAMPLES {
            log.pop_front();
        }
        log.push_back(latency);
    }

    /// One of the recent latencies, at random; `None` before the first.
    fn sample(&self) -> Option<Duration> {
        let log = self.latencies.lock().unwrap_or_else(|e| e.into_inner());
        if log.is_empty() {
            return None;
        }
        let mut r = [0u8; 4];
        // Without randomness, the newest latency is as good an answer.
        let i = getrandom::fill(&mut r).map_or(log.len() - 1, |_| u32::from_le_bytes(r) as usize % log.len());
        log.get(i).copied()
    }

    async fn dummy(&self) -> Result<&str, ApiError> {
        self.dummy
            .get_or_try_init(|| async { self.run(None, || hash_password("not a password of anyone")).await? })
            .await
            .map(String::as_str)
    }
}

/// 503 `server_busy`: the hashing pool and its queue are full, or the
/// client has used up its share of them.
pub fn busy() -> ApiError {
    ApiError::coded(StatusCode::SERVICE_UNAVAILABLE, "server_busy", None)
        .arg("seconds", BUSY_RETRY_SECS)
        .retry_after(BUSY_RETRY_SECS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(address: &str) -> Claimant<'_> {
        Claimant { address, account: None }
    }

    /// Jobs that run until told to end, to hold places in the pool.
    struct Gate {
        tx: std::sync::mpsc::Sender<()>,
        rx: Arc<Mutex<std::sync::mpsc::Receiver<()>>>,
    }

    impl Gate {
        fn new() -> Gate {
            let (tx, rx) = std::sync::mpsc::channel::<()>();
            Gate { tx, rx: Arc::new(Mutex::new(rx)) }
        }

        fn hold(&self, pool: &Arc<HashPool>, who: Option<Claimant<'_>>) -> tokio::task::JoinHandle<bool> {
            let shares = pool.take_shares(who).expect("within its share");
            let (pool, rx) = (pool.clone(), self.rx.clone());
            tokio::spawn(
                async move { pool.run(Some(shares), move || rx.lock().unwrap().recv().is_ok()).await.unwrap() },
            )
        }

        async fn release(self, held: Vec<tokio::task::JoinHandle<bool>>) {
            for _ in 0..held.len() {
                self.tx.send(()).unwrap();
            }
            for h in held {
                assert!(h.await.unwrap());
            }
        }
    }

    async fn settle() {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_pool_runs_a_bounded_number_and_turns_the_rest_away() {
        let pool = Arc::new(HashPool::with_queue(1, 1));
        assert_eq!(pool.capacity(), 2);
        let gate = Gate::new();
        // One job runs (blocked until told), one waits in the queue...
        let held = vec![gate.hold(&pool, None), gate.hold(&pool, None)];
        settle().await;
        // ...and the third is refused at once, with a Retry-After, whether
        // or not its account exists.
        let e = pool.verify(from("192.0.2.1"), None, "x".into()).await.unwrap_err();
        assert_eq!((e.status.as_u16(), e.code, e.retry_after_secs()), (503, "server_busy", Some(1)));
        let e = pool.hash(Some(from("192.0.2.1")), "x".into()).await.unwrap_err();
        assert_eq!((e.status.as_u16(), e.code), (503, "server_busy"));
        gate.release(held).await;
        // Free again: an unknown account never matches; a real hash does.
        assert!(!pool.verify(from("192.0.2.1"), None, "not a password of anyone".into()).await.unwrap());
        let h = pool.hash(Some(from("192.0.2.1")), "mưa rào đầu hạ".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(pool.verify(from("192.0.2.1"), Some(h.clone()), "mưa rào đầu hạ".into()).await.unwrap());
        assert!(!pool.verify(from("192.0.2.1"), Some(h), "mưa rào".into()).await.unwrap());
        // Every place was given back.
        assert_eq!(pool.admitted.available_permits(), 2);
        assert!(pool.shares.lock().unwrap().is_empty());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_proven_client_gets_in_when_the_open_queue_is_full() {
        let pool = Arc::new(HashPool::with_queue(1, 1));
        let h = hash_password("mưa rào đầu hạ").unwrap();
        let gate = Gate::new();
        // The open lane is full: one running, one waiting...
        let held = vec![gate.hold(&pool, None), gate.hold(&pool, None)];
        settle().await;
        let e = pool.admit(from("192.0.2.1")).err().expect("the open lane is full");
        assert_eq!(e.code, "server_busy");
        // ...a proven client is admitted, and checked once a slot is free.
        let admission = pool.admit_proven().expect("its own lane");
        let check = {
            let (pool, h) = (pool.clone(), h.clone());
            tokio::spawn(async move { pool.verify_admitted(admission, Some(h), "mưa rào đầu hạ".into()).await })
        };
        settle().await;
        // Its lane holds `workers` checks (here one): a second is turned away.
        let e = pool.admit_proven().err().expect("the proven lane holds one");
        assert_eq!(e.code, "server_busy");
        gate.release(held).await;
        assert!(check.await.unwrap().unwrap(), "the proven client's password is checked");
        assert_eq!((pool.admitted.available_permits(), pool.proven.available_permits()), (2, 1));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_address_or_an_account_holds_no_more_than_its_share() {
        let pool = Arc::new(HashPool::with_queue(2, 4));
        assert_eq!((pool.address_share(), pool.account_share()), (2, 3));
        let h = hash_password("mưa rào đầu hạ").unwrap();
        // One address holds its two places (as two waiting checks would)...
        let mut held = vec![
            pool.take_shares(Some(from("198.51.100.7"))).unwrap(),
            pool.take_shares(Some(from("198.51.100.7"))).unwrap(),
        ];
        // ...so its third request is refused at once, known account or not,
        // with the pool's places free...
        let e = pool.verify(from("198.51.100.7"), Some(h.clone()), "mưa rào đầu hạ".into()).await.unwrap_err();
        assert_eq!((e.status.as_u16(), e.code), (503, "server_busy"));
        let e = pool.verify(from("198.51.100.7"), None, "x".into()).await.unwrap_err();
        assert_eq!(e.code, "server_busy");
        assert_eq!(pool.admitted.available_permits(), 6);
        // ...while another address gets through.
        assert!(pool.verify(from("203.0.113.5"), Some(h.clone()), "mưa rào đầu hạ".into()).await.unwrap());
        // Requests naming one account from many addresses hold at most half.
        for i in 0..3 {
            let address = format!("10.0.0.{i}");
            held.push(pool.take_shares(Some(Claimant { address: &address, account: Some("admin") })).unwrap());
        }
        let e = pool
            .verify(Claimant { address: "10.0.0.9", account: Some("admin") }, Some(h.clone()), "x".into())
            .await
            .unwrap_err();
        assert_eq!(e.code, "server_busy");
        let who = Claimant { address: "10.0.0.9", account: Some("congdan") };
        assert!(pool.verify(who, Some(h.clone()), "mưa rào đầu hạ".into()).await.unwrap());
        // Places are given back: the address and the account are served again.
        drop(held);
        assert!(pool.shares.lock().unwrap().is_empty());
        assert!(pool.verify(from("198.51.100.7"), Some(h.clone()), "mưa rào đầu hạ".into()).await.unwrap());
        let who = Claimant { address: "10.0.0.9", account: Some("admin") };
        assert!(!pool.verify(who, Some(h), "x".into()).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn unknown_usernames_wait_a_measured_latency_without_a_place_in_the_pool() {
        let pool = Arc::new(HashPool::with_queue(1, 0));
        let h = hash_password("mưa rào đầu hạ").unwrap();
        // The first unknown username is checked in the pool: a first sample.
        assert!(!pool.verify(from("10.1.0.0"), None, "x".into()).await.unwrap());
        assert_eq!(pool.latencies.lock().unwrap().len(), 1);
        // Known latencies of 1.5 s and more, as under heavy load.
        pool.latencies.lock().unwrap().clear();
        for ms in [1500u64, 1750, 2000] {
            pool.record(Duration::from_millis(ms));
        }
        // Twenty unknown usernames at once from twenty addresses, on a
        // pool of one place: none is refused, none takes the place...
        let unknown: Vec<_> = (0..20)
            .map(|i| {
                let pool = pool.clone();
                tokio::spawn(async move {
                    let address = format!("10.1.0.{i}");
                    let t = Instant::now();
                    let ok = pool.verify(from(&address), None, "x".into()).await.unwrap();
                    (ok, t.elapsed())
                })
            })
            .collect();
        settle().await;
        assert_eq!(pool.admitted.available_permits(), 1, "no place taken by an unknown username");
        // ...so a real user is checked meanwhile, before they are answered.
        assert!(pool.verify(from("203.0.113.5"), Some(h), "mưa rào đầu hạ".into()).await.unwrap());
        assert!(unknown.iter().all(|u| !u.is_finished()), "checked before the unknown ones were answered");
        for u in unknown {
            let (ok, waited) = u.await.unwrap();
            assert!(!ok);
            // Each waited one of the measured latencies.
            assert!(waited >= Duration::from_millis(1500), "{waited:?}");
            assert!(waited < Duration::from_millis(2000 + 1500), "{waited:?}");
        }
        // With the pool full, an unknown username is refused as a known one is.
        let gate = Gate::new();
        let held = vec![gate.hold(&pool, None)];
        settle().await;
        let e = pool.verify(from("10.1.0.1"), None, "x".into()).await.unwrap_err();
        assert_eq!(e.code, "server_busy");
        gate.release(held).await;
    }
}
