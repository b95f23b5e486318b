//! Job leases, the same on every database: one holder at a time, renewed
//! by its holder, taken over only once it has expired or been released.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_store::Store;

on_both!(one_holder_at_a_time_until_the_lease_expires);

async fn one_holder_at_a_time_until_the_lease_expires(store: Store) {
    let (t0, t1, t2, t3) =
        (at("2026-03-09 08:00"), at("2026-03-09 08:01"), at("2026-03-09 08:02"), at("2026-03-09 08:03"));
    let take = |holder: &'static str, now, until| {
        let store = store.clone();
        async move { store.lease_take("portal_sync", holder, now, until).await.unwrap() }
    };

    assert!(take("a", t0, t2).await, "a free lease is taken");
    assert!(!take("b", t1, t3).await, "another process waits while it runs");
    assert!(take("a", t1, t3).await, "its holder renews it");
    assert!(!take("b", t2, t3).await, "renewed, so still not expired");
    assert!(take("b", t3, t3 + chrono::Duration::minutes(2)).await, "expired: another process takes it");
    assert!(!take("a", t3, t3 + chrono::Duration::minutes(2)).await, "the old holder has lost it");

    // Another job's lease is its own.
    assert!(store.lease_take("escalation", "a", t3, t3 + chrono::Duration::minutes(2)).await.unwrap());

    // Released: taken at once, and releasing what one does not hold does nothing.
    store.lease_release("portal_sync", "a").await.unwrap();
    assert!(!take("a", t3, t3 + chrono::Duration::minutes(2)).await);
    store.lease_release("portal_sync", "b").await.unwrap();
    assert!(take("a", t3, t3 + chrono::Duration::minutes(2)).await);
}
