//! Storage of motcua.
//!
//! [`Store`] is the one storage interface the server uses. Its operations
//! are written once, in SQL both databases understand, against the
//! [`db::Conn`] trait; [`db::Backend`] picks SQLite (the embedded default)
//! or PostgreSQL from the database URL at start-up. Every operation runs in
//! one transaction on tokio's blocking threads.

pub mod db;
mod error;
pub mod model;
mod ops;
pub mod reform;
pub mod search;
pub mod testing;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

pub use error::StoreError;
pub use motcua_files::SweepReport;
pub use ops::accounts::{NewSession, SESSION_ID_CHARS};
pub use ops::bus::OutboxMessage;
pub use ops::bus_log::{Incoming, LogEntry, LogKind, LogLine, Received};
pub use ops::calendar::StoredCalendar;
pub use ops::data_views::{DataView, ViewedVia};
pub use ops::documents::OutsideDelivery;
pub use ops::documents::{
    DOCUMENT_LIST_MAX, Delivery, Document, DocumentDetail, DocumentEvent, DocumentList, NamedUnit,
};
pub use ops::documents_flow::{DocumentAction, DocumentActor, NewIncoming, NewOutgoing, actor_for};
pub use ops::dossier_search::{DossierSearch, MAX_MATCHES, SearchHits};
pub use ops::dossiers::Idempotency;
pub use ops::dossiers::{DossierRef, NewDossier};
pub use ops::eforms::{DossierEform, ProcedureEform};
pub use ops::escalation_round::EscalationReport;
pub use ops::escalations::{Escalation, EscalationCandidate, EscalationView, RuleLine};
pub use ops::exchange_agencies::{ExchangeAgency, ExchangeIdentity, NewExchangeAgency};
pub use ops::feedback::FEEDBACK_LIST_MAX;
pub use ops::feedback_handling::{Closing, FeedbackHandler};
pub use ops::files::{FILE_TABLES, FileRow, FilesCheck, MoveReport};
pub use ops::inbox::{InboxCursor, InboxItem, InboxQuery};
pub use ops::kept_documents::{Digitise, KeptDocument, Reuse};
pub use ops::notifications::{DueNotice, NotificationCounts, NotificationView, NotifyContact, Outcome};
pub use ops::payments::{
    Decide, OnlineOutcome, Payment, PaymentMethod, PaymentRequest, PlatformPayment, RecordedOnline, StoredStatement,
    payable,
};
pub use ops::portal_scores::{GroupScores, NewPortalScore, PortalScore};
pub use ops::portal_sync::{DossierSync, SyncHead, SyncItem, SyncOverview, SyncProblem, SyncResult};
pub use ops::procedure_forms::MAX_FORMS;
pub use ops::procedures::ProcedureQuery;
pub use ops::reform_audit::{AuditLine, AuditPage};
pub use ops::reform_sheet::{MAX_DRAFT_BYTES, RowError, SheetDraft, SheetEdit};
pub use ops::register::{RegisterEntry, RegisterPage, RegisterQuery, RegisterTimeliness};
pub use ops::results::{DossierResult, Issue, NewResult, ResultsNow};
pub use ops::rollups::UnitSet;
pub use ops::sipas::{DesignMeta, MAX_PAPER_FORMS, MAX_TOKENS_PER_ISSUE, StoredDesign, TokenSurvey, parse_answers};
pub use ops::sipas_links::{MAX_CARDS, UnusedLinks};
pub use ops::stats::{ProcedureStats, RebuildReport, UnitStats};
pub use ops::steps::{StepVisit, UnitStepFigures};
pub use ops::throttle::ThrottleKey;
pub use ops::trusted_devices::{MAX_DEVICES_PER_USER, TRUSTED_DEVICE_DAYS};
pub use ops::{reform_audit::AUDIT_LIST_MAX, reform_entries::MAX_NOTE_CHARS, reform_evaluations::RatedDossier};

use db::Backend;
use model::ProcedureVersion;
pub use motcua_files::FileStore;
use motcua_rules::codes::DossierCodeFormat;

/// The storage handle: cheap to clone, shared by all requests.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    backend: Backend,
    /// Where file bytes live; the database keeps their hashes (docs/storage.md).
    files: FileStore,
    code_format: DossierCodeFormat,
    /// Procedure versions never change once written, so they are cached
    /// for the life of the process.
    versions: RwLock<HashMap<i64, Arc<ProcedureVersion>>>,
    /// Units are never edited or moved once created: their routing facts
    /// are cached too (`ops/routing.rs`).
    units: RwLock<HashMap<i64, Arc<motcua_rules::dossier::routing::UnitFact>>>,
    /// This installation on the exchange, once known (`Store::set_exchange`).
    exchange: RwLock<Option<ops::exchange_agencies::ExchangeIdentity>>,
}

impl Store {
    /// Connects to `url` (`sqlite://FILE`, `sqlite::memory:`, `postgres://...`),
    /// with the files in their default place ([`default_files_dir`]).
    /// Does not migrate: call [`Store::migrate`].
    pub fn open(url: &str, code_format: DossierCodeFormat) -> Result<Store, StoreError> {
        Store::open_at(url, code_format, None)
    }

    /// Connects to `url` with the files at `files` (a directory or an
    /// `s3://bucket/prefix` URL, see [`FileStore::open`]), or in their
    /// default place ([`default_files_dir`]) when `None`: the operator's
    /// `files_dir` setting.
    pub fn open_at(url: &str, code_format: DossierCodeFormat, files: Option<&str>) -> Result<Store, StoreError> {
        let files = match (files, default_files_dir(url)) {
            (Some(location), _) => FileStore::open(location).map_err(|e| StoreError::internal(e.to_string()))?,
            (None, Some(dir)) => FileStore::directory(dir),
            (None, None) => FileStore::temporary(),
        };
        Store::open_with_files(url, code_format, files)
    }

    /// Connects to `url` with the files in `files`.
    pub fn open_with_files(url: &str, code_format: DossierCodeFormat, files: FileStore) -> Result<Store, StoreError> {
        let backend = Backend::connect(url)?;
        Ok(Store {
            inner: Arc::new(Inner {
                backend,
                files,
                code_format,
                versions: RwLock::new(HashMap::new()),
                units: RwLock::new(HashMap::new()),
                exchange: RwLock::new(None),
            }),
        })
    }

    /// Where the file bytes live.
    pub fn files(&self) -> &FileStore {
        &self.inner.files
    }

    pub fn dialect(&self) -> db::Dialect {
        self.inner.backend.dialect()
    }

    pub fn code_format(&self) -> DossierCodeFormat {
        self.inner.code_format
    }

    /// Applies pending migrations; returns the ones applied.
    pub async fn migrate(&self) -> Result<Vec<String>, StoreError> {
        self.blocking(|s| s.inner.backend.migrate()).await
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.blocking(|s| s.read(|c| c.query_one("SELECT 1", &[]).map(|_| ()).map_err(Into::into))).await
    }

    /// Runs `f` with the store where blocking is allowed: the database
    /// calls are synchronous and must not stall other async tasks. On a
    /// multi-threaded runtime the call runs in place (`block_in_place` hands
    /// this worker's other tasks to another thread), which saves the two
    /// cross-thread wake-ups of `spawn_blocking` on every operation;
    /// elsewhere it goes to the blocking pool.
    pub(crate) async fn blocking<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        use tokio::runtime::{Handle, RuntimeFlavor};
        if Handle::try_current().is_ok_and(|h| h.runtime_flavor() == RuntimeFlavor::MultiThread) {
            return tokio::task::block_in_place(|| f(self));
        }
        let store = self.clone();
        tokio::task::spawn_blocking(move || f(&store))
            .await
            .map_err(|e| StoreError::internal(format!("storage task failed: {e}")))?
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&mut dyn db::Conn) -> Result<T, StoreError>) -> Result<T, StoreError> {
        self.inner.backend.read(f)
    }

    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut dyn db::Conn) -> Result<T, StoreError>) -> Result<T, StoreError> {
        self.inner.backend.write(f)
    }
}

/// Where a database's files go when the operator names no place: beside
/// the SQLite file (`motcua.db` → `motcua.db.files`), so the two are found
/// and backed up together; `motcua-files` in the working directory for
/// PostgreSQL, whose database is elsewhere (the server says where at start).
/// `None` for `sqlite::memory:` and unknown URLs: such a database's files
/// go to a temporary directory that disappears with the store.
pub fn default_files_dir(url: &str) -> Option<std::path::PathBuf> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        // Without the URL's options (`?synchronous=full`).
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        Some(format!("{path}.files").into())
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        // Absolute, so that what the server prints at start is where the files are.
        let dir = std::env::current_dir().unwrap_or_default();
        Some(dir.join("motcua-files"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::default_files_dir;

    #[test]
    fn files_live_beside_the_sqlite_file_or_in_the_working_directory() {
        let dir = |url| default_files_dir(url).map(|p| p.display().to_string());
        assert_eq!(dir("sqlite://motcua.db").as_deref(), Some("motcua.db.files"));
        assert_eq!(
            dir("sqlite:///var/lib/motcua/m.db?synchronous=full").as_deref(),
            Some("/var/lib/motcua/m.db.files")
        );
        let cwd = std::env::current_dir().unwrap().join("motcua-files");
        assert_eq!(default_files_dir("postgres://u@h/db"), Some(cwd));
        assert_eq!(default_files_dir("sqlite::memory:"), None);
    }
}
