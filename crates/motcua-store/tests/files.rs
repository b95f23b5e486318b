//! File bytes in the content-addressed file store (docs/storage.md), the
//! same on every database: new rows name their file and hold no bytes, a
//! refused write leaves no row and at most an orphan that the sweep
//! removes after the grace period, `files move` empties old rows, `files
//! check` finds rows without their file.

#[macro_use]
mod common;

use std::time::{Duration, SystemTime};

use common::fixtures::*;
use motcua_rules::Role;
use motcua_store::model::*;
use motcua_store::testing::{bytes_in_row, set_bytes_in_row};
use motcua_store::{FileRow, Store};

on_both!(
    new_files_live_in_the_file_store_and_read_back,
    a_refused_write_leaves_no_row_and_an_orphan_swept_after_the_grace,
    files_move_empties_old_rows_and_resumes,
    files_check_finds_missing_and_corrupt_files
);

const DAY: Duration = Duration::from_secs(86_400);

fn attachment(data: &[u8]) -> NewAttachment {
    NewAttachment {
        kind: AttachmentKind::Submission,
        component: None,
        name: "to-khai.pdf".into(),
        content_type: "application/pdf".into(),
        data: data.to_vec(),
    }
}

fn form(name: &str, data: &[u8]) -> NewProcedureForm {
    NewProcedureForm { name: name.into(), content_type: "application/pdf".into(), data: data.to_vec() }
}

/// A dossier received at a commune, for files to attach to.
async fn dossier(store: &Store) -> Dossier {
    let province = unit(store, None, "H99", "province").await;
    let commune = unit(store, Some(&province), "H99.01", "commune").await;
    publish(store, "1.000001", "commune", "H99").await;
    let counter = staff(store, &commune, Role::CounterOfficer).await;
    receive(store, "1.000001", &commune, &counter, at("2025-03-03 09:00")).await.unwrap()
}

/// Takes a stored file away, as a lost disk or a bad restore would.
fn lose(store: &Store, sha256: &str) {
    std::fs::remove_file(store.files().dir().unwrap().path_of(sha256)).unwrap();
}

async fn new_files_live_in_the_file_store_and_read_back(store: Store) {
    let d = dossier(&store).await;
    let now = at("2025-03-03 10:00");
    let added = store.add_attachments(d.id, vec![attachment(b"%PDF scan")], None, now).await.unwrap();
    let meta = &added[0];
    assert_eq!(bytes_in_row(&store, "attachments", meta.id).await.unwrap(), None, "no bytes in the row");
    assert!(store.files().exists(&meta.sha256).await.unwrap());
    assert_eq!(store.attachment(d.id, meta.id).await.unwrap().unwrap().1, b"%PDF scan");

    // The same bytes again, as another file of the dossier: one stored file.
    let again = store.add_attachments(d.id, vec![attachment(b"%PDF scan")], None, now).await.unwrap();
    assert_eq!(again[0].sha256, meta.sha256);
    assert_eq!(store.files().list().await.unwrap().len(), 1);

    let f = store.add_procedure_form(None, "1.000001".into(), form("mau.pdf", b"%PDF mau"), None, now).await.unwrap();
    assert_eq!(bytes_in_row(&store, "procedure_forms", f.id).await.unwrap(), None);
    assert_eq!(store.procedure_form("1.000001".into(), f.id).await.unwrap().unwrap().1, b"%PDF mau");

    // A corrupted file is an error, never other bytes served as the file.
    std::fs::write(store.files().dir().unwrap().path_of(&f.sha256), b"%PDF sua").unwrap();
    assert!(store.procedure_form("1.000001".into(), f.id).await.is_err());
}

async fn a_refused_write_leaves_no_row_and_an_orphan_swept_after_the_grace(store: Store) {
    let d = dossier(&store).await;
    let now = at("2025-03-03 10:00");
    let kept = store.add_attachments(d.id, vec![attachment(b"kept")], None, now).await.unwrap();
    let err = store.add_attachments(d.id + 1000, vec![attachment(b"orphan")], None, now).await.unwrap_err();
    assert_eq!(err.rule().unwrap().code, "dossier_not_found");
    store.add_procedure_form(None, "1.000001".into(), form("mau.pdf", b"form 1"), None, now).await.unwrap();
    let err = store.add_procedure_form(None, "1.000001".into(), form("MAU.pdf", b"form 2"), None, now).await;
    assert_eq!(err.unwrap_err().rule().unwrap().code, "procedure_form_name_taken");
    assert_eq!(store.attachments(d.id + 1000).await.unwrap(), vec![], "no row");
    assert_eq!(store.procedure_forms("1.000001".into()).await.unwrap().len(), 1, "no row");

    let orphans = vec![motcua_files::hash_of(b"form 2"), motcua_files::hash_of(b"orphan")];
    let mut sorted = orphans.clone();
    sorted.sort();
    assert_eq!(store.check_files().await.unwrap().unreferenced, sorted, "at most an orphan per refused file");

    // Within the grace period the orphans stay: they could be an upload
    // whose transaction is about to commit.
    let report = store.sweep_files(DAY, SystemTime::now()).await.unwrap();
    assert_eq!((report.removed.len(), report.young, report.referenced), (0, 2, 2));
    let report = store.sweep_files(DAY, SystemTime::now() + 2 * DAY).await.unwrap();
    let mut removed = report.removed.clone();
    removed.sort();
    assert_eq!(removed, sorted);
    assert!(store.check_files().await.unwrap().unreferenced.is_empty());
    assert_eq!(store.attachment(d.id, kept[0].id).await.unwrap().unwrap().1, b"kept", "a referenced file stays");
    for hash in &orphans {
        assert!(!store.files().exists(hash).await.unwrap());
    }
}

async fn files_move_empties_old_rows_and_resumes(store: Store) {
    let d = dossier(&store).await;
    let now = at("2025-03-03 10:00");
    let files = vec![attachment(b"old scan"), attachment(b"old result"), attachment(b"bad bytes")];
    let metas = store.add_attachments(d.id, files, None, now).await.unwrap();
    let f = store.add_procedure_form(None, "1.000001".into(), form("mau.pdf", b"old form"), None, now).await.unwrap();
    // As written before migration 0023: the bytes in the row, none in the store.
    for (m, data) in metas.iter().zip([&b"old scan"[..], b"old result"]) {
        set_bytes_in_row(&store, "attachments", m.id, Some(data.to_vec())).await.unwrap();
        lose(&store, &m.sha256);
    }
    set_bytes_in_row(&store, "procedure_forms", f.id, Some(b"old form".to_vec())).await.unwrap();
    lose(&store, &f.sha256);
    // A row whose bytes no longer match its hash: never moved, reported.
    set_bytes_in_row(&store, "attachments", metas[2].id, Some(b"changed".to_vec())).await.unwrap();
    assert!(store.files().list().await.unwrap().iter().all(|s| s.hash == metas[2].sha256));

    // Before the move, reading falls back to the row.
    assert_eq!(store.attachment(d.id, metas[0].id).await.unwrap().unwrap().1, b"old scan");
    assert_eq!(store.procedure_form("1.000001".into(), f.id).await.unwrap().unwrap().1, b"old form");
    assert!(store.check_files().await.unwrap().is_clean(), "bytes in the row are not missing");

    let report = store.move_files_out().await.unwrap();
    assert_eq!(report.moved, 3);
    let bad = FileRow { table: "attachments", id: metas[2].id, sha256: metas[2].sha256.clone() };
    assert_eq!(report.mismatched, vec![bad.clone()]);
    for m in &metas[..2] {
        assert_eq!(bytes_in_row(&store, "attachments", m.id).await.unwrap(), None);
        assert!(store.files().exists(&m.sha256).await.unwrap());
    }
    assert_eq!(bytes_in_row(&store, "procedure_forms", f.id).await.unwrap(), None);
    assert_eq!(bytes_in_row(&store, "attachments", metas[2].id).await.unwrap().as_deref(), Some(&b"changed"[..]));
    assert_eq!(store.attachment(d.id, metas[1].id).await.unwrap().unwrap().1, b"old result");
    assert_eq!(store.procedure_form("1.000001".into(), f.id).await.unwrap().unwrap().1, b"old form");

    // Run again (after a stop, say): nothing left but the mismatch.
    let again = store.move_files_out().await.unwrap();
    assert_eq!((again.moved, again.mismatched), (0, vec![bad]));
}

async fn files_check_finds_missing_and_corrupt_files(store: Store) {
    let d = dossier(&store).await;
    let now = at("2025-03-03 10:00");
    let files = vec![attachment(b"present"), attachment(b"lost"), attachment(b"damaged")];
    let metas = store.add_attachments(d.id, files, None, now).await.unwrap();
    let clean = store.check_files().await.unwrap();
    assert!(clean.is_clean());
    assert_eq!((clean.rows, clean.unreferenced.len()), (3, 0));

    lose(&store, &metas[1].sha256);
    std::fs::write(store.files().dir().unwrap().path_of(&metas[2].sha256), b"damaged!").unwrap();
    let stray = store.files().put(b"no row names this").await.unwrap();
    let check = store.check_files().await.unwrap();
    let row = |i: usize| FileRow { table: "attachments", id: metas[i].id, sha256: metas[i].sha256.clone() };
    assert_eq!(check.missing, vec![row(1)]);
    assert_eq!(check.corrupt, vec![row(2)]);
    assert_eq!(check.unreferenced, vec![stray]);
    assert!(!check.is_clean());
    assert!(store.attachment(d.id, metas[1].id).await.is_err(), "a missing file is an error, not empty bytes");
}
