//! The directory backend's behaviour; the S3 backend runs the same
//! scenarios in `tests/s3.rs` against a local S3 server when one exists.

use std::collections::HashSet;
use std::time::{Duration, SystemTime};

use super::*;

fn age(store: &FileStore, hash: &str, by: Duration) {
    let path = store.dir().unwrap().path_of(hash);
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - by).unwrap();
}

const DAY: Duration = Duration::from_secs(24 * 3600);

#[tokio::test]
async fn put_then_get_returns_the_bytes_under_their_hash() {
    let store = FileStore::temporary();
    let hash = store.put(b"don xin cap phep").await.unwrap();
    assert_eq!(hash, hash_of(b"don xin cap phep"));
    let path = store.dir().unwrap().path_of(&hash);
    assert!(path.ends_with(format!("{}/{}/{hash}", &hash[..2], &hash[2..4])), "{}", path.display());
    assert_eq!(store.get(&hash).await.unwrap().as_deref(), Some(&b"don xin cap phep"[..]));
    assert!(store.exists(&hash).await.unwrap());
    let absent = hash_of(b"never stored");
    assert_eq!(store.get(&absent).await.unwrap(), None);
    assert!(!store.exists(&absent).await.unwrap());
}

#[tokio::test]
async fn the_same_bytes_are_stored_once_and_made_young_again() {
    let store = FileStore::temporary();
    let first = store.put(b"same").await.unwrap();
    age(&store, &first, 2 * DAY);
    let second = store.put(b"same").await.unwrap();
    assert_eq!(first, second);
    let files = store.list().await.unwrap();
    assert_eq!(files.len(), 1);
    // Touched by the second put: a sweep now must not take it.
    assert!(files[0].modified > SystemTime::now() - Duration::from_secs(60));
    let report = store.sweep(&HashSet::new(), SystemTime::now() - DAY).await.unwrap();
    assert_eq!((report.removed.len(), report.young), (0, 1));
}

#[tokio::test]
async fn corrupted_bytes_are_refused_not_served() {
    let store = FileStore::temporary();
    let hash = store.put(b"ket qua").await.unwrap();
    std::fs::write(store.dir().unwrap().path_of(&hash), b"ket qua sua").unwrap();
    assert!(matches!(store.get(&hash).await, Err(FilesError::Corrupt(h)) if h == hash));
}

#[tokio::test]
async fn names_that_are_not_hashes_never_become_paths() {
    let store = FileStore::temporary();
    for bad in ["../../etc/passwd", "ABCDEF", &"A".repeat(64), &format!("{}/", "a".repeat(63))] {
        assert!(matches!(store.get(bad).await, Err(FilesError::BadName(_))), "{bad}");
        assert!(matches!(store.exists(bad).await, Err(FilesError::BadName(_))), "{bad}");
    }
}

#[tokio::test]
async fn sweep_removes_only_old_unreferenced_files() {
    let store = FileStore::temporary();
    let kept = store.put(b"named by a row").await.unwrap();
    let orphan = store.put(b"a failed transaction's file").await.unwrap();
    let fresh = store.put(b"a transaction not yet committed").await.unwrap();
    age(&store, &kept, 3 * DAY);
    age(&store, &orphan, 3 * DAY);
    // An abandoned write and a half-done sweep of an earlier crash.
    let dir = store.dir().unwrap().path_of(&kept).parent().unwrap().to_owned();
    let tmp = dir.join(format!(".tmp-{kept}-1-1"));
    std::fs::write(&tmp, b"part").unwrap();
    std::fs::File::options().write(true).open(&tmp).unwrap().set_modified(SystemTime::now() - 3 * DAY).unwrap();
    let referenced: HashSet<String> = [kept.clone()].into();
    let report = store.sweep(&referenced, SystemTime::now() - DAY).await.unwrap();
    assert_eq!(report.removed, vec![orphan.clone()]);
    assert_eq!((report.young, report.referenced), (1, 1));
    assert!(store.exists(&kept).await.unwrap());
    assert!(store.exists(&fresh).await.unwrap());
    assert!(!store.exists(&orphan).await.unwrap());
    assert!(!tmp.exists(), "the abandoned write is gone");
    // Once the grace period has passed, the unreferenced young file goes too.
    let report = store.sweep(&referenced, SystemTime::now() + Duration::from_secs(1)).await.unwrap();
    assert_eq!(report.removed, vec![fresh]);
}

#[tokio::test]
async fn a_file_set_aside_by_an_interrupted_sweep_is_put_back() {
    let store = FileStore::temporary();
    let hash = store.put(b"set aside").await.unwrap();
    let home = store.dir().unwrap().path_of(&hash);
    std::fs::rename(&home, home.with_file_name(format!(".sweep-{hash}"))).unwrap();
    let referenced: HashSet<String> = [hash.clone()].into();
    store.sweep(&referenced, SystemTime::now() - DAY).await.unwrap();
    assert_eq!(store.get(&hash).await.unwrap().as_deref(), Some(&b"set aside"[..]));
}

#[tokio::test]
async fn a_temporary_store_is_removed_with_its_last_clone() {
    let store = FileStore::temporary();
    store.put(b"x").await.unwrap();
    let root = store.dir().unwrap().root().to_owned();
    let clone = store.clone();
    drop(store);
    assert!(root.exists());
    drop(clone);
    assert!(!root.exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_directory_store_is_created_on_the_first_put_and_listed() {
    let root = std::env::temp_dir().join(format!("motcua-files-open-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let store = FileStore::open(root.to_str().unwrap()).unwrap();
    assert!(store.list().await.unwrap().is_empty(), "a missing directory lists nothing");
    let a = store.put(b"a").await.unwrap();
    let b = store.put(b"b").await.unwrap();
    let mut listed: Vec<String> = store.list().await.unwrap().into_iter().map(|f| f.hash).collect();
    listed.sort();
    let mut expected = vec![a, b];
    expected.sort();
    assert_eq!(listed, expected);
    assert!(matches!(FileStore::open(""), Err(FilesError::Location(_))));
    std::fs::remove_dir_all(&root).unwrap();
}
