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

    /// Rebuilds the calendar from the database: the stored weekly pattern
    /// (or the Vietnamese default) and the stored years.
    pub async fn reload_calendar(&self) -> Result<(), ApiError> {
        let stored = self.store.calendar().await?;
        let config = stored.config.unwrap_or_else(vietnam_default_config);
        // The years no administrator has entered yet, up to two years ahead,
        // are proposed from the Labour Code and the lunar calendar (marked
        // provisional), so that a dossier received in December gets a due
        // date in February.
        let through = chrono::Datelike::year(&self.now()) + PROPOSED_YEARS_AHEAD;
        let calendar =
            WorkCalendar::with_proposals(config, stored.years, through).map_err(motcua_rules::RuleError::from)?;
        *self.calendar.write().expect("calendar lock poisoned") = LoadedCalendar { calendar: Arc::new(calendar) };
        Ok(())
    }
}

/// How many years after the current one the calendar proposes when no
/// administrator has entered them.
pub const PROPOSED_YEARS_AHEAD: i32 = 2;

/// The calendar in use.
struct LoadedCalendar {
    calendar: Arc<WorkCalendar>,
}

impl Default for LoadedCalendar {
    fn default() -> Self {
        LoadedCalendar { calendar: Arc::new(WorkCalendar::vietnam()) }
    }
}
