//! Accounts, the same on every database: a password change ends every
//! session of the account and opens one new session; a reset marks the
//! account for a change and ends its sessions; an owner lists and ends
//! only their own sessions.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_rules::Role;
use motcua_store::{NewSession, Store};

on_both!(a_password_change_or_reset_ends_every_session, owners_list_and_end_only_their_own_sessions);

/// A 64-hex-digit token hash starting with `prefix` (hashes are lowercase hex).
fn hash(prefix: &str) -> String {
    format!("{prefix:0<64}")
}

async fn a_password_change_or_reset_ends_every_session(store: Store) {
    let province = unit(&store, None, "H97", "province").await;
    let me = staff(&store, &province, Role::Specialist).await;
    let other = staff(&store, &province, Role::Leader).await;
    let (t0, t1, end) = (at("2026-03-09 08:00"), at("2026-03-09 09:00"), at("2026-03-09 20:00"));
    let live = |h: String| {
        let store = store.clone();
        async move { store.session_user(h, t1).await.unwrap().is_some() }
    };
    for (h, user) in [("a1", me.user_id), ("a2", me.user_id), ("b1", other.user_id)] {
        store.create_session(hash(h), user, t0, end, Some("Firefox · Linux".into())).await.unwrap();
    }

    // The administrator resets: the flag is set, every session ends.
    let u = store.reset_password(me.user_id, "temporary".into(), t1).await.unwrap();
    assert!(u.must_change_password);
    assert!(!live(hash("a1")).await && !live(hash("a2")).await, "reset: the account's sessions end");
    assert!(live(hash("b1")).await, "another account keeps its session");
    let (stored, password_hash) = store.user_for_login(u.username.clone()).await.unwrap().unwrap();
    assert!(stored.must_change_password);
    assert_eq!(password_hash, "temporary");

    // The owner logs in with it and changes it: the flag clears, the old
    // session ends, the new one (opened in the same transaction) lives.
    store.create_session(hash("a3"), me.user_id, t1, end, None).await.unwrap();
    let new = NewSession { token_hash: hash("a4"), expires_at: end, device: Some("Chrome · Windows".into()) };
    let u = store.change_password(me.user_id, "chosen".into(), t1, new).await.unwrap();
    assert!(!u.must_change_password);
    assert!(!live(hash("a3")).await, "the session that made the change is replaced");
    assert!(live(hash("a4")).await, "the new session is open");
    let (stored, password_hash) = store.user_for_login(u.username).await.unwrap().unwrap();
    assert_eq!((stored.must_change_password, password_hash.as_str()), (false, "chosen"));
    assert!(live(hash("b1")).await);

    // An unknown account: not found, nothing written.
    let none = NewSession { token_hash: hash("c1"), expires_at: end, device: None };
    assert!(store.change_password(999_999, "x".into(), t1, none).await.is_err());
    assert!(store.reset_password(999_999, "x".into(), t1).await.is_err());
    assert!(!live(hash("c1")).await);
}

async fn owners_list_and_end_only_their_own_sessions(store: Store) {
    let province = unit(&store, None, "H97", "province").await;
    let me = staff(&store, &province, Role::Specialist).await;
    let other = staff(&store, &province, Role::Leader).await;
    let end = at("2026-03-09 20:00");
    store
        .create_session(hash("aa"), me.user_id, at("2026-03-09 08:00"), end, Some("Firefox · Linux".into()))
        .await
        .unwrap();
    store.create_session(hash("ab"), me.user_id, at("2026-03-09 09:00"), end, None).await.unwrap();
    store.create_session(hash("ac"), me.user_id, at("2026-03-08 09:00"), at("2026-03-08 20:00"), None).await.unwrap();
    store.create_session(hash("ba"), other.user_id, at("2026-03-09 08:00"), end, None).await.unwrap();

    let list = store.sessions_of(me.user_id, hash("aa"), at("2026-03-09 10:00")).await.unwrap();
    let ids: Vec<_> = list.iter().map(|s| (s.id.clone(), s.current, s.device.clone())).collect();
    assert_eq!(
        ids,
        [
            (hash("ab")[..16].to_owned(), false, None),
            (hash("aa")[..16].to_owned(), true, Some("Firefox · Linux".to_owned()))
        ],
        "live sessions only, newest first, the caller's marked"
    );

    // Another account's session cannot be ended by its id; nor can a
    // pattern.
    let theirs = hash("ba")[..16].to_owned();
    assert!(!store.end_session(me.user_id, theirs).await.unwrap());
    assert!(!store.end_session(me.user_id, "%".repeat(16)).await.unwrap());
    assert!(!store.end_session(me.user_id, "a".into()).await.unwrap());
    assert!(store.session_user(hash("ba"), at("2026-03-09 10:00")).await.unwrap().is_some());

    assert!(store.end_session(me.user_id, hash("ab")[..16].to_owned()).await.unwrap());
    assert!(store.session_user(hash("ab"), at("2026-03-09 10:00")).await.unwrap().is_none());
    assert!(store.session_user(hash("aa"), at("2026-03-09 10:00")).await.unwrap().is_some());
}
