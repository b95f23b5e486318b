//! Issue 17, authentication: the bounded hashing pool, the throttling in
//! the database (parallel attempts counted one by one, a stranger cannot
//! lock the owner out), registrations per address and day, the password
//! policy, the `Secure` session cookie and the CSRF token's rotation.

use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{TestApp, header};

/// Trust `X-Forwarded-For`, so that a test can speak from many addresses.
fn behind_proxy() -> crate::common::TestAppBuilder {
    TestApp::builder().configure(|c| c.trust_proxy = true)
}

async fn login_from(app: &TestApp, addr: &str, username: &str, password: &str) -> crate::common::Resp {
    app.req(Method::POST, "/api/v1/auth/login")
        .header("x-forwarded-for", addr)
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
}

/// Sends all the requests at once and waits for every answer, in order.
async fn all_at_once(requests: Vec<crate::common::Req>) -> Vec<crate::common::Resp> {
    let tasks: Vec<_> = requests.into_iter().map(|r| tokio::spawn(r.send())).collect();
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        out.push(t.await.expect("the request task ends"));
    }
    out
}

fn count(answers: &[crate::common::Resp], status: u16) -> usize {
    answers.iter().filter(|r| r.status.as_u16() == status).count()
}

both_backends!(parallel_wrong_passwords_are_checked_a_bounded_number_of_times, |app| async move {
    // 200 wrong passwords for one account, all at once, from one address.
    // The in-memory limiter checked 137 of them against a limit of 10.
    let answers = all_at_once(
        (0..200)
            .map(|i| {
                let body = json!({"username": "lanhdao", "password": format!("guess-number-{i}")});
                app.req(Method::POST, "/api/v1/auth/login").json(&body)
            })
            .collect(),
    )
    .await;
    let (checked, waited, busy) = (count(&answers, 401), count(&answers, 429), count(&answers, 503));
    assert_eq!(checked + waited + busy, 200, "only 401, 429 and 503: {answers:#?}");
    let limit = motcua_rules::throttle::LOGIN_ACCOUNT_ADDRESS.free as usize + 1;
    assert!((1..=limit).contains(&checked), "{checked} passwords checked, at most {limit} allowed");
    // The database counted exactly the attempts that were checked.
    let failures = app.state.store.throttle_failures("login:lanhdao@127.0.0.1".into()).await.unwrap();
    assert_eq!(failures, checked as i64);
    for r in answers.iter().filter(|r| r.status == 429) {
        r.assert_error(429, "too_many_attempts", None);
        assert!(header(&r.headers, "retry-after").is_some_and(|s| s.parse::<u64>().unwrap() >= 1));
    }
});

both_backends!(a_stranger_hammering_an_account_does_not_lock_its_owner_out, behind_proxy(), |app| async move {
    let attacker = "203.0.113.9";
    let owner = "198.51.100.7";
    let password = TestApp::password("admin");
    let mut refused = 0;
    for i in 0..40 {
        let r = login_from(&app, attacker, "admin", &format!("admin-guess-{i}")).await;
        match r.status.as_u16() {
            401 => {}
            429 => refused += 1,
            s => panic!("unexpected {s}: {:#}", r.body),
        }
    }
    assert!(refused >= 30, "the attacker's address waits: {refused} of 40 refused");
    // The owner, elsewhere, logs in at once, while the stranger still waits.
    login_from(&app, owner, "admin", password).await.assert_status(200);
    login_from(&app, attacker, "admin", "admin-guess-again").await.assert_error(429, "too_many_attempts", None);

    // One address guessing many accounts (one password each) waits too,
    // even for an account it never tried.
    let sprayer = "192.0.2.44";
    let free = motcua_rules::throttle::LOGIN_ADDRESS.free as usize;
    for i in 0..=free {
        let r = login_from(&app, sprayer, &format!("staff{i}"), "mat-khau-mua-xuan").await;
        r.assert_error(401, "invalid_credentials", None);
    }
    login_from(&app, sprayer, "chuyenvien", TestApp::password("chuyenvien")).await.assert_error(
        429,
        "too_many_attempts",
        None,
    );
    login_from(&app, owner, "chuyenvien", TestApp::password("chuyenvien")).await.assert_status(200);
});

/// `n` logins for unknown usernames, each from its own address.
fn unknown_logins(app: &TestApp, n: usize) -> Vec<crate::common::Req> {
    (0..n)
        .map(|i| {
            app.req(Method::POST, "/api/v1/auth/login")
                .header("x-forwarded-for", &format!("10.9.{}.{}", i / 200, i % 200 + 1))
                .json(&json!({"username": format!("ghost{i}"), "password": "x"}))
        })
        .collect()
}

both_backends!(
    a_flood_of_logins_is_answered_503_beyond_the_pool,
    behind_proxy().configure(|c| {
        c.trust_proxy = true;
        c.hash_workers = 1;
    }),
    |app| async move {
        // One hash at a time and a queue of two: wrong passwords for 30
        // real accounts from 30 addresses at once (no address and no
        // account over its share) cannot all be hashed.
        assert_eq!((app.state.hashes.workers(), app.state.hashes.capacity()), (1, 3));
        let accounts: Vec<String> = motcua_server::demo::all_logins()
            .into_iter()
            .filter(|l| l.username != "lanhdao")
            .map(|l| l.username)
            .take(30)
            .collect();
        let n = accounts.len();
        assert_eq!(n, 30);
        let answers = all_at_once(
            (0..n)
                .map(|i| {
                    app.req(Method::POST, "/api/v1/auth/login")
                        .header("x-forwarded-for", &format!("10.9.{}.{}", i / 200, i % 200 + 1))
                        .json(&json!({"username": accounts[i], "password": "not-the-password"}))
                })
                .collect(),
        )
        .await;
        let (denied, busy) = (count(&answers, 401), count(&answers, 503));
        assert_eq!(denied + busy, n, "{answers:#?}");
        assert!(busy > 0 && denied >= 1, "{denied} checked, {busy} turned away");
        for r in answers.iter().filter(|r| r.status == 503) {
            r.assert_error(503, "server_busy", None);
            assert_eq!(header(&r.headers, "retry-after"), Some("1"));
        }
        for r in answers.iter().filter(|r| r.status == 401) {
            r.assert_error(401, "invalid_credentials", None);
        }
        // Turned away is not counted against anyone: the address may try
        // again at once, and a real user still logs in.
        let busy_addr = (0..n).find(|i| answers[*i].status == 503).unwrap();
        let addr = format!("10.9.{}.{}", busy_addr / 200, busy_addr % 200 + 1);
        let key = format!("login-from:{addr}");
        assert_eq!(app.state.store.throttle_failures(key).await.unwrap(), 0);
        login_from(&app, "10.1.1.1", "lanhdao", TestApp::password("lanhdao")).await.assert_status(200);
    }
);

both_backends!(
    unknown_usernames_take_no_place_from_real_users,
    behind_proxy().configure(|c| {
        c.trust_proxy = true;
        c.hash_workers = 1;
    }),
    |app| async move {
        // A first real check gives the latency that unknown usernames wait.
        login_from(&app, "10.1.1.1", "lanhdao", TestApp::password("lanhdao")).await.assert_status(200);
        // 60 logins for unknown usernames from 60 addresses at once, on a
        // pool of three places, and a real user in the middle of them: the
        // flood is answered 401 after the wait, none of it is turned away,
        // and the real user logs in (it used to get 503 most of the time).
        let mut requests = unknown_logins(&app, 60);
        let real = app
            .req(Method::POST, "/api/v1/auth/login")
            .header("x-forwarded-for", "198.51.100.20")
            .json(&json!({"username": "chuyenvien", "password": TestApp::password("chuyenvien")}));
        requests.insert(30, real);
        let answers = all_at_once(requests).await;
        answers[30].assert_status(200);
        assert_eq!(count(&answers, 401), 60, "{answers:#?}");
        // (With the pool full of real checks, an unknown username is turned
        // away exactly like a known one: the pool's unit tests.)
    }
);

fn citizen(username: &str, password: &str) -> Value {
    json!({"username": username, "password": password, "full_name": "Lò Văn Tú"})
}

async fn register_from(app: &TestApp, addr: &str, body: &Value) -> crate::common::Resp {
    app.req(Method::POST, "/api/v1/auth/register").header("x-forwarded-for", addr).json(body).send().await
}

both_backends!(registrations_are_limited_per_address_and_day, behind_proxy(), |app| async move {
    let limit = motcua_rules::throttle::REGISTRATIONS_PER_ADDRESS_PER_DAY;
    for i in 0..limit {
        register_from(&app, "203.0.113.50", &citizen(&format!("nguoidan{i}"), "mưa rào đầu hạ"))
            .await
            .assert_status(201);
    }
    let r = register_from(&app, "203.0.113.50", &citizen("nguoidan-thua", "mưa rào đầu hạ")).await;
    r.assert_error(429, "too_many_registrations", None);
    // 09:00 in Vietnam: 15 hours to midnight.
    assert_eq!(header(&r.headers, "retry-after"), Some("54000"));
    register_from(&app, "203.0.113.51", &citizen("nguoidan-khac", "mưa rào đầu hạ")).await.assert_status(201);
    app.advance(Duration::days(1));
    register_from(&app, "203.0.113.50", &citizen("nguoidan-mai", "mưa rào đầu hạ")).await.assert_status(201);
});

both_backends!(weak_passwords_are_refused_everywhere, |app| async move {
    let r = app.send(Method::POST, None, "/api/v1/auth/register", &citizen("lovantu", "12345678")).await;
    r.assert_error(422, "password_too_short", Some("password"));
    assert!(r.body["error"]["message_en"].as_str().unwrap().contains("12"), "{:#}", r.body);
    let r = app.send(Method::POST, None, "/api/v1/auth/register", &citizen("lovantu", "password")).await;
    r.assert_error(422, "password_too_short", Some("password"));
    for common in ["qwerty123456", "1Q2W3E4R5T6Y", "123456789123"] {
        let r = app.send(Method::POST, None, "/api/v1/auth/register", &citizen("lovantu", common)).await;
        r.assert_error(422, "password_common", Some("password"));
        assert!(r.body["error"]["message_vi"].as_str().unwrap().contains("phổ biến"), "{:#}", r.body);
    }
    let long = "đ".repeat(129);
    let r = app.send(Method::POST, None, "/api/v1/auth/register", &citizen("lovantu", &long)).await;
    r.assert_error(422, "password_too_long", Some("password"));
    let r = app.send(Method::POST, None, "/api/v1/auth/register", &citizen("lovantu12345", "LoVanTu12345")).await;
    r.assert_error(422, "password_is_username", Some("password"));
    // 65 characters, spaces, no digits or capitals: fine (ASVS 2.1.2: 64
    // and more are allowed).
    let passphrase = "trâu ăn cỏ non ven suối nước trong xanh, chim hót trên cành cao!!";
    assert_eq!(passphrase.chars().count(), 65);
    app.send(Method::POST, None, "/api/v1/auth/register", &citizen("lovantu", passphrase)).await.assert_status(201);

    // An administrator creating staff meets the same policy.
    let admin = app.login("admin").await;
    let (_, units) = app.get(Some(&admin), "/api/v1/units").await;
    let unit = units.as_array().unwrap().iter().find(|u| u["code"] == "H11.100").unwrap()["id"].clone();
    let staff = |password: &str| {
        json!({"username": "canbo.moi", "password": password, "full_name": "Lục Văn Thành",
               "role": "specialist", "unit_id": unit})
    };
    let r = app.send(Method::POST, Some(&admin), "/api/v1/users", &staff("Abc12345!")).await;
    r.assert_error(422, "password_too_short", Some("password"));
    let r = app.send(Method::POST, Some(&admin), "/api/v1/users", &staff("qazwsxedcrfv")).await;
    r.assert_error(422, "password_common", Some("password"));
    app.send(Method::POST, Some(&admin), "/api/v1/users", &staff("mat-khau-ban-dau-1")).await.assert_status(201);
});

both_backends!(
    the_session_cookie_is_secure_behind_https,
    TestApp::builder().configure(|c| c.public_url = Some("https://dichvucong.caobang.gov.vn".into())),
    |app| async move {
        let body = json!({"username": "motcua", "password": TestApp::password("motcua")});
        let r = app.send(Method::POST, None, "/api/v1/auth/login", &body).await;
        r.assert_status(200);
        let cookies: Vec<&str> = r.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
        let session = cookies.iter().find(|c| c.starts_with("motcua_session=")).expect("a session cookie");
        assert!(session.split(';').any(|a| a.trim() == "Secure"), "{session}");
        let csrf = cookies.iter().find(|c| c.starts_with("motcua_csrf=")).expect("a new CSRF cookie");
        assert!(csrf.split(';').any(|a| a.trim() == "Secure"), "{csrf}");
    }
);

/// The `motcua_csrf` token a response sets, if any.
fn csrf_set(res: &reqwest::Response) -> Option<String> {
    res.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find_map(|c| {
        let v = c.strip_prefix("motcua_csrf=")?;
        Some(v.split(';').next()?.to_owned())
    })
}

both_backends!(the_csrf_token_changes_at_login_and_logout, |app| async move {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client =
        reqwest::Client::builder().cookie_provider(jar).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let res = client.get(app.url("/login")).send().await.unwrap();
    let before = csrf_set(&res).expect("a first token");
    let form =
        [("_csrf", before.as_str()), ("username", "motcua"), ("password", TestApp::password("motcua")), ("next", "")];
    let res = client.post(app.url("/login")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let after = csrf_set(&res).expect("a new token at login");
    assert_ne!(after, before);
    assert_eq!(after.len(), 64);
    // The token from before the login no longer passes.
    let res = client.post(app.url("/logout")).form(&[("_csrf", before.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let res = client.post(app.url("/logout")).form(&[("_csrf", after.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let out = csrf_set(&res).expect("a new token at logout");
    assert_ne!(out, after);
});
