//! What every request handler shares.

use std::sync::{Arc, RwLock};

use motcua_rules::calendar::{WorkCalendar, vietnam_default_config};
use motcua_store::Store;

use crate::auth::HashPool;
use crate::config::Config;
use crate::error::ApiError;
use crate::time::Clock;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub clock: Clock,
    /// The working-day calendar, rebuilt whenever an administrator edits it.
    calendar: Arc<RwLock<LoadedCalendar>>,
    /// The bounded pool every password hash of a request runs in.
    pub hashes: Arc<HashPool>,
}

impl AppState {
    pub async fn new(store: Store, config: Config, clock: Clock) -> Result<AppState, ApiError> {
        let hashes = Arc::new(HashPool::new(config.hash_workers));
        let state = AppState {
            store,
            config: Arc::new(config),
            clock,
            calendar: Arc::new(RwLock::new(LoadedCalendar::default())),
            hashes,
        };
        state.reload_calendar().await?;
        Ok(state)
    }

    pub fn now(&self) -> chrono::NaiveDateTime {
        (self.clock)()
    }

    pub fn calendar(&self) -> Arc<WorkCalendar> {
        self.calendar.read().expect("calendar lock poisoned").calendar.clone()
    }

    /// Whether any year from `from` to `to` is not confirmed yet.
    pub fn provisional(&self, from: i32, to: i32) -> bool {
        let loaded = self.calendar.read().expect("calendar lock poisoned");
        loaded.unverified.iter().any(|y| (from..=to).contains(y))
    }

    /// Rebuilds the calendar from the database: the stored weekly pattern
    /// (or the Vietnamese default) and the stored years.
    pub async fn reload_calendar(&self) -> Result<(), ApiError> {
        let stored = self.store.calendar().await?;
        let config = stored.config.unwrap_or_else(vietnam_default_config);
        let unverified = stored.years.iter().filter(|y| !y.verified).map(|y| y.year).collect();
        let calendar = WorkCalendar::new(config, stored.years).map_err(motcua_rules::RuleError::from)?;
        *self.calendar.write().expect("calendar lock poisoned") =
            LoadedCalendar { calendar: Arc::new(calendar), unverified };
        Ok(())
    }
}

/// The calendar in use and the years in it that are still provisional.
struct LoadedCalendar {
    calendar: Arc<WorkCalendar>,
    unverified: Vec<i32>,
}

impl Default for LoadedCalendar {
    fn default() -> Self {
        LoadedCalendar { calendar: Arc::new(WorkCalendar::vietnam()), unverified: Vec::new() }
    }
}
