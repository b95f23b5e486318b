//! Requests racing each other: optimistic concurrency on actions, the daily
//! code sequence, and idempotent submissions.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{BIRTH, Resp, TestApp, submission};

/// Sorts two racing answers into (winner, loser) and checks there is
/// exactly one of each.
#[track_caller]
fn one_winner(a: Resp, b: Resp) -> (Resp, Resp) {
    let (win, lose) = if a.status == 200 { (a, b) } else { (b, a) };
    assert_eq!(win.status, 200, "no request won: {:#} / {:#}", win.body, lose.body);
    lose.assert_error(409, "stale_version", Some("version"));
    (win, lose)
}

both_backends!(the_same_action_on_the_same_version_twice_at_once_wins_once, |app| async move {
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;
    for round in 0..4 {
        let d = app.counter_intake().await;
        let code = d["code"].as_str().unwrap().to_owned();
        let d = app.act_ok(&counter, &code, "forward", None).await;
        let version = d["version"].as_i64().unwrap();
        let body = json!({"action": "forward", "version": version});
        // The specialist and their leader (both own the step) click at once;
        // on odd rounds the same officer double-clicks.
        let second = if round % 2 == 0 { &leader } else { &specialist };
        let (a, b) = tokio::join!(app.act(&specialist, &code, &body), app.act(second, &code, &body));
        let (win, _) = one_winner(a, b);
        assert_eq!(win.body["version"], version + 1);
        // Exactly one forward was written.
        let after = app.dossier(&counter, &code).await;
        assert_eq!(after["version"], version + 1);
        assert_eq!(after["current"]["step"], 1);
        assert_eq!(after["events"].as_array().unwrap().len(), 3, "{:#}", after["events"]);
    }

    // Two different actions on one version: the counter's supplement
    // request and the counter's forward race; one of them happens.
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    let forward = json!({"action": "forward", "version": d["version"]});
    let supplement = json!({"action": "request_supplement", "version": d["version"], "note": "Thiếu giấy tờ"});
    let (a, b) = tokio::join!(app.act(&counter, &code, &forward), app.act(&counter, &code, &supplement));
    let (win, _) = one_winner(a, b);
    let after = app.dossier(&counter, &code).await;
    assert_eq!(after["status"], win.body["status"]);
    assert_eq!(after["events"].as_array().unwrap().len(), 2);
});

both_backends!(fifty_concurrent_intakes_get_fifty_distinct_codes, |app| async move {
    fifty_intakes(&app).await;
});

/// The same on `sqlite::memory:` (`motcua_store::testing::sqlite_url()`),
/// whose connections would lock whole tables against each other: the store
/// serves an in-memory database from one connection.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_memory_sqlite_under_concurrent_intakes() {
    let app = TestApp::builder().sqlite_in_memory().start(crate::common::Backend::Sqlite, "in_memory").await.unwrap();
    fifty_intakes(&app).await;
}

async fn fifty_intakes(app: &TestApp) {
    let counter = app.login("motcua").await;
    let mut set = tokio::task::JoinSet::new();
    for i in 0..50 {
        let client = app.client.clone();
        let url = app.url("/api/v1/dossiers");
        let token = counter.clone();
        let mut body = submission(BIRTH);
        body["applicant"]["name"] = json!(format!("Lê Thị Lan {}", char::from(b'A' + (i % 26) as u8)));
        set.spawn(async move {
            let r = client.post(url).bearer_auth(token).json(&body).send().await.expect("answer");
            (r.status().as_u16(), r.json::<Value>().await.expect("json"))
        });
    }
    let mut codes = BTreeSet::new();
    let mut ids = BTreeSet::new();
    while let Some(res) = set.join_next().await {
        let (status, body) = res.expect("task");
        assert_eq!(status, 201, "{body:#}");
        assert_eq!(body["status"]["code"], 2);
        ids.insert(body["id"].as_i64().unwrap());
        codes.insert(body["code"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 50);
    assert_eq!(codes.len(), 50, "duplicate codes: {codes:?}");
    // One unit, one day: one gap-free run of sequence numbers.
    let seqs: Vec<u32> = codes
        .iter()
        .map(|c| {
            let seq = c.strip_prefix("H11.100-260304-").unwrap_or_else(|| panic!("code {c}"));
            seq.parse().unwrap()
        })
        .collect();
    assert_eq!(seqs.last().unwrap() - seqs.first().unwrap(), 49, "{seqs:?}");
    // And the next intake continues the sequence.
    let next = app.counter_intake().await;
    assert_eq!(next["code"].as_str().unwrap(), format!("H11.100-260304-{:04}", seqs.last().unwrap() + 1));
}

/// How many online submissions wait at the H11.100 counter.
async fn waiting_online(app: &TestApp, counter: &str) -> usize {
    let (s, page) = app.get(Some(counter), "/api/v1/inbox?status=submitted&channel=online&limit=200").await;
    assert_eq!(s, 200, "{page:#}");
    assert!(page["next_cursor"].is_null());
    page["items"].as_array().unwrap().len()
}

both_backends!(an_idempotency_key_makes_one_dossier, |app| async move {
    let citizen = app.login("congdan").await;
    let counter = app.login("motcua").await;
    let before = waiting_online(&app, &counter).await;
    let post = |key: &str, body: &Value| {
        app.req(Method::POST, "/api/v1/dossiers").token(&citizen).header("idempotency-key", key).json(body).send()
    };
    let body = submission(BIRTH);

    let first = post("nop-lan-1", &body).await;
    first.assert_status(201);
    let again = post("nop-lan-1", &body).await;
    again.assert_status(200);
    assert_eq!(again.body["id"], first.body["id"]);
    assert_eq!(again.body["version"], first.body["version"]);
    assert_eq!(waiting_online(&app, &counter).await, before + 1);

    // The same key with another body is refused, and makes nothing.
    let mut other = body.clone();
    other["applicant"]["name"] = json!("Trần Thị Bình");
    let r = post("nop-lan-1", &other).await;
    r.assert_error(409, "idempotency_key_reused", Some("Idempotency-Key"));
    assert_eq!(waiting_online(&app, &counter).await, before + 1);

    // Two retries racing with a new key: still one dossier.
    let (a, b) = tokio::join!(post("nop-lan-2", &body), post("nop-lan-2", &body));
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 201], "{:#} / {:#}", a.body, b.body);
    assert_eq!(a.body["id"], b.body["id"]);
    assert_ne!(a.body["id"], first.body["id"]);
    assert_eq!(waiting_online(&app, &counter).await, before + 2);

    // Without a key, each request is a new dossier; a bad key is refused.
    app.create_dossier(&citizen, &body).await.assert_status(201);
    assert_eq!(waiting_online(&app, &counter).await, before + 3);
    let r = post(&"k".repeat(129), &body).await;
    r.assert_error(422, "invalid_idempotency_key", Some("Idempotency-Key"));
    assert_eq!(waiting_online(&app, &counter).await, before + 3);
});
