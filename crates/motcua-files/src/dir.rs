//! The directory backend: `root/ab/cd/abcd…`, written the durable way.
//!
//! A write goes to a temporary name in the file's own directory, is
//! flushed (`fsync`), renamed to its hash and the directory flushed, so
//! after a crash a name either holds all its bytes or does not exist.
//! Two levels of two hex digits keep directories at a few thousand
//! entries for a province's tens of millions of files.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use crate::{FilesError, StoredFile, SweepReport, check_name};

/// Prefix of a write in progress (or abandoned by a crash).
const TMP: &str = ".tmp-";
/// Prefix of a file the sweep has set aside to decide on (see `sweep`).
const SWEEP: &str = ".sweep-";

#[derive(Debug)]
pub struct DirStore {
    root: PathBuf,
    /// Remove the whole directory on drop (temporary stores).
    remove_on_drop: bool,
}

impl Drop for DirStore {
    fn drop(&mut self) {
        if self.remove_on_drop {
            let _ = fs::remove_dir_all(&self.root);
        }
    }
}

/// Flushes a directory's entries (a rename or a new entry in it).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

fn modified(meta: &fs::Metadata) -> SystemTime {
    meta.modified().unwrap_or(SystemTime::UNIX_EPOCH)
}

impl DirStore {
    pub(crate) fn new(root: PathBuf, remove_on_drop: bool) -> DirStore {
        DirStore { root, remove_on_drop }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the file named `hash` lives.
    pub fn path_of(&self, hash: &str) -> PathBuf {
        self.root.join(&hash[0..2]).join(&hash[2..4]).join(hash)
    }

    /// Creates `dir` and its missing parents up to the root, flushing each
    /// parent whose entries changed so the new directory survives a crash.
    fn make_dir(&self, dir: &Path) -> std::io::Result<()> {
        if dir.is_dir() {
            return Ok(());
        }
        if let Some(parent) = dir.parent() {
            if dir != self.root {
                self.make_dir(parent)?;
            }
            match fs::create_dir(dir) {
                Ok(()) => {}
                Err(e) if e.kind() == ErrorKind::AlreadyExists => return Ok(()),
                Err(e) => return Err(e),
            }
            if dir != self.root {
                sync_dir(parent)?;
            }
            Ok(())
        } else {
            fs::create_dir_all(dir)
        }
    }

    pub(crate) fn put(&self, hash: &str, data: &[u8]) -> Result<(), FilesError> {
        check_name(hash)?;
        let path = self.path_of(hash);
        if touch(&path)? {
            // The same bytes are stored already. The touch made the file
            // young, so a sweep running now keeps it; if the sweep had set
            // it aside before the touch, it is gone now and written anew.
            if path.exists() {
                return Ok(());
            }
        }
        let dir = path.parent().expect("a hash path has a directory");
        self.make_dir(dir)?;
        static N: AtomicU64 = AtomicU64::new(0);
        let tmp = dir.join(format!("{TMP}{hash}-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
        let written = (|| {
            let mut f = File::options().write(true).create_new(true).open(&tmp)?;
            f.write_all(data)?;
            f.sync_all()?;
            fs::rename(&tmp, &path)?;
            sync_dir(dir)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        Ok(written?)
    }

    pub(crate) fn get(&self, hash: &str) -> Result<Option<Vec<u8>>, FilesError> {
        match fs::read(self.path_of(hash)) {
            Ok(data) => Ok(Some(data)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    pub(crate) fn exists(&self, hash: &str) -> Result<bool, FilesError> {
        Ok(self.path_of(hash).try_exists()?)
    }

    /// Calls `each` with every entry of the `ab/cd/` directories (stored
    /// files, writes in progress, files a sweep set aside) and its metadata.
    fn walk(
        &self,
        mut each: impl FnMut(&Path, &str, &fs::Metadata) -> Result<(), FilesError>,
    ) -> Result<(), FilesError> {
        let read = |dir: &Path| match fs::read_dir(dir) {
            Ok(entries) => Ok(Some(entries)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(FilesError::from(e)),
        };
        let is_level = |name: &str| name.len() == 2 && name.bytes().all(|b| b.is_ascii_hexdigit());
        let Some(top) = read(&self.root)? else { return Ok(()) };
        for a in top {
            let a = a?;
            if !is_level(&a.file_name().to_string_lossy()) {
                continue;
            }
            let Some(mid) = read(&a.path())? else { continue };
            for b in mid {
                let b = b?;
                if !is_level(&b.file_name().to_string_lossy()) {
                    continue;
                }
                let Some(files) = read(&b.path())? else { continue };
                for f in files {
                    let f = f?;
                    let name = f.file_name().to_string_lossy().into_owned();
                    let meta = match f.metadata() {
                        Ok(m) => m,
                        // Removed meanwhile (another sweep, a rename).
                        Err(e) if e.kind() == ErrorKind::NotFound => continue,
                        Err(e) => return Err(e.into()),
                    };
                    each(&f.path(), &name, &meta)?;
                }
            }
        }
        Ok(())
    }

    pub(crate) fn list(&self) -> Result<Vec<StoredFile>, FilesError> {
        let mut out = Vec::new();
        self.walk(|_, name, meta| {
            if check_name(name).is_ok() {
                out.push(StoredFile { hash: name.to_owned(), size: meta.len(), modified: modified(meta) });
            }
            Ok(())
        })?;
        Ok(out)
    }

    pub(crate) fn sweep(&self, referenced: &HashSet<String>, cutoff: SystemTime) -> Result<SweepReport, FilesError> {
        let mut report = SweepReport::default();
        let mut candidates = Vec::new();
        let mut stale_tmp = Vec::new();
        let mut set_aside = Vec::new();
        self.walk(|path, name, meta| {
            if let Some(hash) = name.strip_prefix(SWEEP) {
                set_aside.push((path.to_owned(), hash.to_owned()));
            } else if name.starts_with(TMP) {
                // A write that never finished (a crash between create and rename).
                if modified(meta) < cutoff {
                    stale_tmp.push(path.to_owned());
                }
            } else if check_name(name).is_ok() {
                if referenced.contains(name) {
                    report.referenced += 1;
                } else if modified(meta) >= cutoff {
                    report.young += 1;
                } else {
                    candidates.push(name.to_owned());
                }
            }
            Ok(())
        })?;
        // A sweep that stopped half-way: put back what it had set aside.
        for (path, hash) in set_aside {
            let home = self.path_of(&hash);
            if home.exists() { fs::remove_file(&path)? } else { fs::rename(&path, &home)? }
        }
        for path in stale_tmp {
            remove_if_there(&path)?;
        }
        for hash in candidates {
            // Set the file aside under another name, then look at its time
            // again: a `put` of the same bytes either touched it before the
            // rename (the time is now young: it goes back) or finds the
            // name empty after it and writes the file anew. Deleting after
            // a plain second look would leave a gap in between.
            let home = self.path_of(&hash);
            let aside = home.with_file_name(format!("{SWEEP}{hash}"));
            match fs::rename(&home, &aside) {
                Ok(()) => {}
                Err(e) if e.kind() == ErrorKind::NotFound => continue,
                Err(e) => return Err(e.into()),
            }
            if modified(&fs::metadata(&aside)?) >= cutoff {
                fs::rename(&aside, &home)?;
                report.young += 1;
            } else {
                fs::remove_file(&aside)?;
                report.removed.push(hash);
            }
        }
        Ok(report)
    }
}

fn remove_if_there(path: &Path) -> Result<(), FilesError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// Sets a file's modification time to now; `false` when there is no file.
fn touch(path: &Path) -> Result<bool, FilesError> {
    match File::options().write(true).open(path) {
        Ok(f) => {
            f.set_modified(SystemTime::now())?;
            Ok(true)
        }
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e.into()),
    }
}
