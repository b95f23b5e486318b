//! The S3-compatible backend, through `object_store`: `s3://bucket/prefix`,
//! with credentials, region and endpoint from the standard AWS environment
//! variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`,
//! `AWS_ENDPOINT_URL` for a province's own S3-compatible server,
//! `AWS_ALLOW_HTTP=true` for one without TLS).
//!
//! A completed PUT is durable by the object store's contract, which is the
//! guarantee the store needs before it commits. A PUT of bytes already
//! there is simply repeated: it renews the object's time, which keeps it
//! from a sweep running meanwhile (see `sweep` for the gap that remains).

use std::collections::HashSet;
use std::time::SystemTime;

use futures::TryStreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{ObjectStore, PutPayload};

use crate::{FilesError, StoredFile, SweepReport, check_name};

#[derive(Debug)]
pub(crate) struct S3Store {
    store: AmazonS3,
    bucket: String,
    /// Path segments before `ab/cd/<hash>`; empty for the bucket's root.
    prefix: String,
}

fn io(e: object_store::Error) -> FilesError {
    FilesError::Io(e.to_string())
}

impl S3Store {
    pub(crate) fn open(url: &str) -> Result<S3Store, FilesError> {
        let rest = url.strip_prefix("s3://").unwrap_or(url);
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(FilesError::Location("expected s3://BUCKET/PREFIX".into()));
        }
        let store = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()
            .map_err(|e| FilesError::Location(e.to_string()))?;
        Ok(S3Store { store, bucket: bucket.to_owned(), prefix: prefix.trim_matches('/').to_owned() })
    }

    pub(crate) fn location(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.prefix)
    }

    fn path_of(&self, hash: &str) -> Path {
        let key = format!("{}/{}/{hash}", &hash[0..2], &hash[2..4]);
        if self.prefix.is_empty() { Path::from(key) } else { Path::from(format!("{}/{key}", self.prefix)) }
    }

    pub(crate) async fn put(&self, hash: &str, data: &[u8]) -> Result<(), FilesError> {
        check_name(hash)?;
        self.store.put(&self.path_of(hash), PutPayload::from(data.to_vec())).await.map_err(io)?;
        Ok(())
    }

    pub(crate) async fn get(&self, hash: &str) -> Result<Option<Vec<u8>>, FilesError> {
        match self.store.get(&self.path_of(hash)).await {
            Ok(r) => Ok(Some(r.bytes().await.map_err(io)?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(io(e)),
        }
    }

    pub(crate) async fn exists(&self, hash: &str) -> Result<bool, FilesError> {
        match self.store.head(&self.path_of(hash)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(io(e)),
        }
    }

    pub(crate) async fn list(&self) -> Result<Vec<StoredFile>, FilesError> {
        let prefix = (!self.prefix.is_empty()).then(|| Path::from(self.prefix.as_str()));
        let mut out = Vec::new();
        let mut objects = self.store.list(prefix.as_ref());
        while let Some(meta) = objects.try_next().await.map_err(io)? {
            let Some(name) = meta.location.filename() else { continue };
            if check_name(name).is_ok() {
                out.push(StoredFile {
                    hash: name.to_owned(),
                    size: meta.size,
                    modified: SystemTime::from(meta.last_modified),
                });
            }
        }
        Ok(out)
    }

    /// As the directory's sweep, except that object storage cannot set a
    /// file aside atomically: the object's time is read again just before
    /// the delete, which narrows to a request's length (not closes) the gap
    /// where a PUT of the same bytes lands between that read and the delete.
    /// Run the sweep when uploads are quiet (docs/operations.md).
    pub(crate) async fn sweep(
        &self,
        referenced: &HashSet<String>,
        cutoff: SystemTime,
    ) -> Result<SweepReport, FilesError> {
        let mut report = SweepReport::default();
        for f in self.list().await? {
            if referenced.contains(&f.hash) {
                report.referenced += 1;
                continue;
            }
            if f.modified >= cutoff {
                report.young += 1;
                continue;
            }
            let path = self.path_of(&f.hash);
            match self.store.head(&path).await {
                Ok(meta) if SystemTime::from(meta.last_modified) >= cutoff => report.young += 1,
                Ok(_) => {
                    self.store.delete(&path).await.map_err(io)?;
                    report.removed.push(f.hash);
                }
                Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(io(e)),
            }
        }
        Ok(report)
    }
}
