//! Content-addressed storage of motcua's file bytes (docs/storage.md).
//!
//! The database keeps each file's metadata and SHA-256; the bytes live
//! here, named by that hash (`ab/cd/abcd…`). A name is its content, so a
//! file never changes once written and the same bytes are stored once.
//! The guarantees this crate gives its caller, the store:
//!
//! - [`FileStore::put`] returns only when the bytes are durable, so the
//!   store can commit the row naming them afterwards and an acknowledged
//!   upload is never lost;
//! - nothing deletes a file except [`FileStore::sweep`], which removes only
//!   files that no row names and that are older than a grace period, so a
//!   failed transaction leaves at most an orphan and never a dangling row;
//! - [`FileStore::get`] checks the bytes against their name.
//!
//! Two backends: a directory (the default, beside the SQLite file) and
//! S3-compatible object storage (`s3://bucket/prefix`).

mod dir;
mod s3;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

pub use dir::DirStore;

/// A failure of the file storage.
#[derive(Debug, thiserror::Error)]
pub enum FilesError {
    /// The disk or the object store said no.
    #[error("file storage: {0}")]
    Io(String),
    /// A stored file's bytes do not hash to its name: the disk or someone
    /// changed them. Never served.
    #[error("file {0} does not match its SHA-256")]
    Corrupt(String),
    /// Not a SHA-256 in lowercase hex: refused before it becomes a path.
    #[error("not a file name: {0}")]
    BadName(String),
    /// The configured location cannot be used.
    #[error("file storage location: {0}")]
    Location(String),
}

impl From<std::io::Error> for FilesError {
    fn from(e: std::io::Error) -> Self {
        FilesError::Io(e.to_string())
    }
}

/// One stored file as the sweep and the check see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub hash: String,
    pub size: u64,
    pub modified: SystemTime,
}

/// What a sweep did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    /// Files no row named, older than the grace period: removed.
    pub removed: Vec<String>,
    /// Files no row named but younger than the grace period: kept, as they
    /// may belong to a transaction that has not committed yet.
    pub young: usize,
    /// Files a row names.
    pub referenced: usize,
}

/// The file storage: cheap to clone, shared by all requests.
#[derive(Clone, Debug)]
pub struct FileStore {
    backend: Arc<Backend>,
}

#[derive(Debug)]
enum Backend {
    Dir(DirStore),
    S3(s3::S3Store),
}

/// The SHA-256 of `data` in lowercase hex: a file's name.
pub fn hash_of(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Refuses anything but 64 lowercase hex digits, so a name from the
/// database can never climb out of the storage directory.
pub fn check_name(hash: &str) -> Result<(), FilesError> {
    if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        Ok(())
    } else {
        Err(FilesError::BadName(hash.chars().take(80).collect()))
    }
}

/// Runs blocking file IO from async code: in place on a multi-threaded
/// runtime (`block_in_place` hands this worker's other tasks on), inline
/// elsewhere (a current-thread runtime, as some tests use, has no other
/// worker to hand them to).
fn blocking<T>(f: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    if Handle::try_current().is_ok_and(|h| h.runtime_flavor() == RuntimeFlavor::MultiThread) {
        tokio::task::block_in_place(f)
    } else {
        f()
    }
}

impl FileStore {
    /// `s3://bucket/prefix` for object storage (credentials and region from
    /// the standard AWS environment variables), anything else a directory,
    /// created when missing.
    pub fn open(location: &str) -> Result<FileStore, FilesError> {
        if location.starts_with("s3://") {
            return Ok(FileStore { backend: Arc::new(Backend::S3(s3::S3Store::open(location)?)) });
        }
        if location.is_empty() {
            return Err(FilesError::Location("empty".into()));
        }
        Ok(FileStore::directory(location))
    }

    /// A directory, created on the first write.
    pub fn directory(path: impl Into<PathBuf>) -> FileStore {
        FileStore { backend: Arc::new(Backend::Dir(DirStore::new(path.into(), false))) }
    }

    /// A new private directory under the system's temporary directory,
    /// removed when the last clone is dropped: for databases that live as
    /// briefly (`sqlite::memory:`, tests).
    pub fn temporary() -> FileStore {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let name = format!("motcua-files-{}-{}-{nanos}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
        FileStore { backend: Arc::new(Backend::Dir(DirStore::new(std::env::temp_dir().join(name), true))) }
    }

    /// Where the files are, for messages (a path or an `s3://` URL).
    pub fn location(&self) -> String {
        match &*self.backend {
            Backend::Dir(d) => d.root().display().to_string(),
            Backend::S3(s) => s.location(),
        }
    }

    /// The directory, when the files are in one.
    pub fn dir(&self) -> Option<&DirStore> {
        match &*self.backend {
            Backend::Dir(d) => Some(d),
            Backend::S3(_) => None,
        }
    }

    /// Stores `data` and returns its SHA-256 once the bytes are durable.
    /// Storing bytes that are already there costs a check, not a copy.
    pub async fn put(&self, data: &[u8]) -> Result<String, FilesError> {
        let hash = hash_of(data);
        match &*self.backend {
            Backend::Dir(d) => blocking(|| d.put(&hash, data))?,
            Backend::S3(s) => s.put(&hash, data).await?,
        }
        Ok(hash)
    }

    /// The bytes named `hash`, checked against it; `None` when there is no
    /// such file, [`FilesError::Corrupt`] when they do not match.
    pub async fn get(&self, hash: &str) -> Result<Option<Vec<u8>>, FilesError> {
        check_name(hash)?;
        let data = match &*self.backend {
            Backend::Dir(d) => blocking(|| d.get(hash))?,
            Backend::S3(s) => s.get(hash).await?,
        };
        match data {
            Some(data) if hash_of(&data) != hash => Err(FilesError::Corrupt(hash.to_owned())),
            other => Ok(other),
        }
    }

    /// Whether a file named `hash` is stored (its contents unread).
    pub async fn exists(&self, hash: &str) -> Result<bool, FilesError> {
        check_name(hash)?;
        match &*self.backend {
            Backend::Dir(d) => blocking(|| d.exists(hash)),
            Backend::S3(s) => s.exists(hash).await,
        }
    }

    /// Every stored file, in no particular order.
    pub async fn list(&self) -> Result<Vec<StoredFile>, FilesError> {
        match &*self.backend {
            Backend::Dir(d) => blocking(|| d.list()),
            Backend::S3(s) => s.list().await,
        }
    }

    /// Removes the files whose name is not in `referenced` and that were
    /// last written before `cutoff` (now less the grace period).
    ///
    /// The caller reads `referenced` from the database *before* calling:
    /// a row committed after that read names a file written (or, for bytes
    /// already stored, touched) after it, which is younger than `cutoff`.
    pub async fn sweep(&self, referenced: &HashSet<String>, cutoff: SystemTime) -> Result<SweepReport, FilesError> {
        match &*self.backend {
            Backend::Dir(d) => blocking(|| d.sweep(referenced, cutoff)),
            Backend::S3(s) => s.sweep(referenced, cutoff).await,
        }
    }
}

#[cfg(test)]
mod tests;
