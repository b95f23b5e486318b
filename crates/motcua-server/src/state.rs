//! What every request handler shares.

use std::sync::{Arc, RwLock};

use motcua_notify::Channels;
use motcua_rules::calendar::{WorkCalendar, vietnam_default_config};
use motcua_rules::feedback::Deadlines;
use motcua_store::Store;

use crate::auth::HashPool;
use crate::config::Config;
use crate::error::ApiError;
use crate::signatures::Signatures;
use crate::signing::Signing;
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
    /// The province's name for the page header, read again after a while.
    province: Arc<RwLock<Option<ProvinceName>>>,
    /// The trust anchors and the bound on verifications at once.
    pub signatures: Signatures,
    /// The units' agency keys and the remote-signing provider; read again
    /// when the demo is loaded ([`AppState::reload_signing`]).
    signing: Arc<RwLock<Arc<Signing>>>,
    /// The channels notices go out by, from the configuration (none by
    /// default); tests put stand-ins here ([`AppState::set_channels`]).
    channels: Arc<RwLock<Channels>>,
}

/// The province's name as read, and when.
type ProvinceName = (std::time::Instant, Option<String>);

/// How long the province's name is kept before it is read again: a rename
/// shows within this, and a page costs no query for it.
const PROVINCE_TTL: std::time::Duration = std::time::Duration::from_secs(300);

impl AppState {
    pub async fn new(store: Store, config: Config, clock: Clock) -> Result<AppState, ApiError> {
        let hashes = Arc::new(HashPool::new(config.hash_workers));
        let signatures = Signatures::load(config.trust_dir.as_deref()).map_err(|e| {
            tracing::error!(error.cause = %e, "the trust directory cannot be read");
            ApiError::internal()
        })?;
        let channels = config.notify.channels().map_err(|e| {
            tracing::error!(error.cause = %e, "the notification channels cannot be set up");
            ApiError::internal()
        })?;
        let state = AppState {
            store,
            config: Arc::new(config),
            clock,
            calendar: Arc::new(RwLock::new(LoadedCalendar::default())),
            hashes,
            province: Arc::new(RwLock::new(None)),
            signatures,
            signing: Arc::new(RwLock::new(Arc::new(Signing::none()))),
            channels: Arc::new(RwLock::new(channels)),
        };
        state.reload_calendar().await?;
        state.reload_signing().await?;
        // Feedback received before it had deadlines gets them now, on the
        // calendar just loaded (docs/feedback.md).
        let filled = state.store.fill_feedback_deadlines(state.calendar(), Deadlines::SPEC).await?;
        if filled > 0 {
            tracing::info!(feedback = filled, "gave earlier feedback its deadlines");
        }
        Ok(state)
    }

    /// The keys and provider to sign with.
    pub fn signing(&self) -> Arc<Signing> {
        self.signing.read().expect("signing lock poisoned").clone()
    }

    /// Loads the agency keys of `agency_keys_dir` (files or PKCS#11 tokens)
    /// and the time-stamp authority, and, when the database
    /// holds the demo, the demo's keys, provider and trusted root.
    pub async fn reload_signing(&self) -> Result<(), ApiError> {
        let demo = self.store.installation_fact("demo").await?.as_deref() == Some("true");
        let signing = Signing::load(&self.config, demo).map_err(|e| {
            tracing::error!(error.cause = %e, "the signing keys cannot be loaded");
            ApiError::internal()
        })?;
        self.signatures.set_demo(demo);
        *self.signing.write().expect("signing lock poisoned") = Arc::new(signing);
        Ok(())
    }

    /// The channels notices go out by.
    pub fn channels(&self) -> Channels {
        self.channels.read().expect("channels lock poisoned").clone()
    }

    /// Replaces the channels (tests: the local SMTP receiver and stand-ins).
    pub fn set_channels(&self, channels: Channels) {
        *self.channels.write().expect("channels lock poisoned") = channels;
    }

    pub fn now(&self) -> chrono::NaiveDateTime {
        (self.clock)()
    }

    /// The name of the installation's province: the first root of the unit
    /// tree (the one it was set up for; other roots are added later, such
    /// as the demo's reform provinces). `None` before any unit exists.
    pub async fn province_name(&self) -> Option<String> {
        if let Some((at, name)) = self.province.read().ok().and_then(|p| p.clone())
            && at.elapsed() < PROVINCE_TTL
        {
            return name;
        }
        let units = self.store.units().await.ok()?;
        let name = units.into_iter().filter(|u| u.parent_id.is_none()).min_by_key(|u| u.id).map(|u| u.name);
        if let Ok(mut p) = self.province.write() {
            *p = Some((std::time::Instant::now(), name.clone()));
        }
        name
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
