//! A small in-memory limiter of failed attempts, per key (a username, a
//! dossier code), over a sliding window. One process, so in memory is
//! enough; several servers behind a balancer would each count their own.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed attempts allowed per key inside [`WINDOW`]: enough for typing
/// mistakes, far too few to guess a 4-digit check (10,000 values).
pub const MAX_FAILURES: usize = 10;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct Limiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Limiter {
    /// Whether `key` may try again now.
    pub fn allowed(&self, key: &str) -> bool {
        let mut map = self.failures.lock().expect("limiter poisoned");
        let now = Instant::now();
        match map.get_mut(key) {
            Some(times) => {
                times.retain(|t| now.duration_since(*t) < WINDOW);
                times.len() < MAX_FAILURES
            }
            None => true,
        }
    }

    pub fn record_failure(&self, key: &str) {
        let mut map = self.failures.lock().expect("limiter poisoned");
        // Keep the map bounded: forget keys whose failures have all expired.
        if map.len() > 100_000 {
            let now = Instant::now();
            map.retain(|_, times| times.iter().any(|t| now.duration_since(*t) < WINDOW));
        }
        map.entry(key.to_owned()).or_default().push(Instant::now());
    }

    pub fn clear(&self, key: &str) {
        self.failures.lock().expect("limiter poisoned").remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_too_many_failures() {
        let l = Limiter::default();
        for _ in 0..MAX_FAILURES {
            assert!(l.allowed("k"));
            l.record_failure("k");
        }
        assert!(!l.allowed("k"));
        assert!(l.allowed("other"));
        l.clear("k");
        assert!(l.allowed("k"));
    }
}
