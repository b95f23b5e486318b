//! Authentication and who sees what: sessions (cookie and bearer), the
//! citizens' privacy, unit scope and the officer inbox.

use std::collections::BTreeSet;

use chrono::Duration;
use motcua_rules::Role;
use motcua_server::auth::hash_password;
use motcua_store::model::NewUser;
use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{BIRTH, SIGNATURE, TestApp, at, components_of, header, submission, submission_with};

async fn me_with_cookie(app: &TestApp, cookie: &str) -> crate::common::Resp {
    app.req(Method::GET, "/api/v1/auth/me").header("cookie", cookie).send().await
}

both_backends!(login_cookie_logout_and_expiry, TestApp::builder().session_hours(12), |app| async move {
    let login = |username: &str, password: &str| {
        let body = json!({"username": username, "password": password});
        let app = &app;
        async move { app.send(Method::POST, None, "/api/v1/auth/login", &body).await }
    };

    // Wrong password and unknown user answer alike.
    let wrong = login("motcua", "not-the-password").await;
    wrong.assert_error(401, "invalid_credentials", None);
    let unknown = login("nobody", "whatever-it-is").await;
    assert_eq!(unknown.body, wrong.body);
    assert!(header(&wrong.headers, "set-cookie").is_none());

    // A good login: a token, its expiry, the user, and an HttpOnly cookie.
    let r = login("motcua", TestApp::password("motcua")).await;
    let body = r.assert_status(200).clone();
    let token = body["token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 64);
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(body["expires_at"], "2026-03-04T21:00:00+07:00");
    assert_eq!(body["user"]["username"], "motcua");
    assert_eq!(body["user"]["role"], "counter_officer");
    assert!(!body.to_string().contains("argon2"), "no password hash in the answer");
    let cookie = header(&r.headers, "set-cookie").expect("a session cookie").to_owned();
    let attrs: Vec<&str> = cookie.split(';').map(str::trim).collect();
    assert_eq!(attrs[0], format!("motcua_session={token}"));
    for a in ["HttpOnly", "Path=/", "SameSite=Lax", "Max-Age=43200"] {
        assert!(attrs.contains(&a), "{a} missing in {cookie}");
    }
    assert!(!attrs.contains(&"Secure"), "not Secure by default (plain HTTP in tests): {cookie}");

    // The cookie alone authenticates, as does the bearer token.
    let session = attrs[0].to_owned();
    let r = me_with_cookie(&app, &session).await;
    assert_eq!(r.assert_status(200)["username"], "motcua");
    let r = me_with_cookie(&app, &format!("theme=dark; {session}; lang=vi")).await;
    assert_eq!(r.assert_status(200)["username"], "motcua");
    let (s, me) = app.get(Some(&token), "/api/v1/auth/me").await;
    assert_eq!((s.as_u16(), me["username"].as_str()), (200, Some("motcua")));

    // No token, a made-up token: 401.
    app.fetch(None, "/api/v1/auth/me").await.assert_error(401, "unauthenticated", None);
    app.fetch(Some(&"0".repeat(64)), "/api/v1/auth/me").await.assert_error(401, "unauthenticated", None);
    me_with_cookie(&app, "motcua_session=deadbeef").await.assert_error(401, "unauthenticated", None);
    app.fetch(None, "/api/v1/inbox").await.assert_error(401, "unauthenticated", None);
    app.fetch(None, "/api/v1/dossiers/1").await.assert_error(401, "unauthenticated", None);

    // A second session of the same user lives on its own.
    let other =
        login("motcua", TestApp::password("motcua")).await.assert_status(200)["token"].as_str().unwrap().to_owned();
    assert_ne!(other, token);

    // Logout with the cookie alone is a cookie-authenticated write: it must
    // show it comes from this site (JSON and its Origin, or the CSRF token).
    let r = app.req(Method::POST, "/api/v1/auth/logout").header("cookie", &session).send().await;
    r.assert_error(403, "cross_site_request", None);
    me_with_cookie(&app, &session).await.assert_status(200);
    // Logout with the cookie ends that session and clears the cookie.
    let r = app
        .req(Method::POST, "/api/v1/auth/logout")
        .header("cookie", &session)
        .header("origin", &app.base)
        .raw("application/json", "")
        .send()
        .await;
    assert_eq!(r.status, 204, "{:#}", r.body);
    let cleared = header(&r.headers, "set-cookie").unwrap();
    assert!(cleared.starts_with("motcua_session=;") && cleared.contains("Max-Age=0"), "{cleared}");
    me_with_cookie(&app, &session).await.assert_error(401, "unauthenticated", None);
    app.fetch(Some(&token), "/api/v1/auth/me").await.assert_error(401, "unauthenticated", None);
    let r = app.req(Method::POST, "/api/v1/auth/logout").token(&token).send().await;
    r.assert_error(401, "unauthenticated", None);
    app.fetch(Some(&other), "/api/v1/auth/me").await.assert_status(200);

    // Sessions end after 12 hours.
    app.advance(Duration::hours(12) - Duration::seconds(1));
    app.fetch(Some(&other), "/api/v1/auth/me").await.assert_status(200);
    app.advance(Duration::seconds(1));
    app.fetch(Some(&other), "/api/v1/auth/me").await.assert_error(401, "unauthenticated", None);
});

both_backends!(repeated_wrong_passwords_are_slowed_down_not_locked, |app| async move {
    let login = |password: &str| {
        let body = json!({"username": "lanhdao", "password": password});
        let app = &app;
        async move { app.send(Method::POST, None, "/api/v1/auth/login", &body).await }
    };
    // Five mistakes are free, the sixth is checked too and brings a wait
    // of one second (the test clock stands still meanwhile).
    for _ in 0..6 {
        login("wrong-password").await.assert_error(401, "invalid_credentials", None);
    }
    let r = login("wrong-password").await;
    r.assert_error(429, "too_many_attempts", None);
    assert_eq!(header(&r.headers, "retry-after"), Some("1"));
    assert!(r.body["error"]["message_en"].as_str().unwrap().contains("1 seconds"), "{:#}", r.body);
    // Even the right password waits now (case and spaces do not dodge it)...
    let right = json!({"username": " LanhDao ", "password": TestApp::password("lanhdao")});
    app.send(Method::POST, None, "/api/v1/auth/login", &right).await.assert_error(429, "too_many_attempts", None);
    // ...while other users log in normally.
    app.login("chuyenvien").await;
    // After the wait, one more try; a wrong one doubles the wait.
    app.advance(Duration::seconds(1));
    login("wrong-password").await.assert_error(401, "invalid_credentials", None);
    let r = login("wrong-password").await;
    assert_eq!(header(&r.headers, "retry-after"), Some("2"));
    // Not a lockout: after the wait the right password works, and clears
    // the count (five free mistakes again).
    app.advance(Duration::seconds(2));
    app.send(Method::POST, None, "/api/v1/auth/login", &right).await.assert_status(200);
    for _ in 0..6 {
        login("wrong-password").await.assert_error(401, "invalid_credentials", None);
    }
});

/// A second citizen account (citizens register outside this API).
async fn another_citizen(app: &TestApp) -> String {
    let password = "mat-khau-cong-dan-2";
    let password_hash = hash_password(password).unwrap();
    app.state
        .store
        .create_user(
            NewUser {
                username: "congdan2".into(),
                password_hash,
                full_name: "Trần Thị Bình".into(),
                role: Role::Citizen,
                unit_id: None,
            },
            app.now(),
        )
        .await
        .unwrap();
    let r = app
        .send(Method::POST, None, "/api/v1/auth/login", &json!({"username": "congdan2", "password": password}))
        .await;
    r.assert_status(200)["token"].as_str().unwrap().to_owned()
}

both_backends!(people_see_only_what_is_theirs, |app| async move {
    let citizen = app.login("congdan").await;
    let other_citizen = another_citizen(&app).await;
    let counter = app.login("motcua").await;
    let admin = app.login("admin").await;
    let other_unit_leader = app.login("lanhdao.snmt").await;

    let mine = app.online_submission().await;
    let id = mine["id"].to_string();
    // The owner sees it; another citizen gets the same 404 as for a
    // dossier that does not exist, and cannot withdraw it.
    app.dossier(&citizen, &id).await;
    let r = app.fetch(Some(&other_citizen), &format!("/api/v1/dossiers/{id}")).await;
    r.assert_error(404, "dossier_not_found", None);
    let missing = app.fetch(Some(&other_citizen), "/api/v1/dossiers/999999").await;
    assert_eq!(missing.body, r.body);
    let r = app.act(&other_citizen, &id, &json!({"action": "withdraw", "version": mine["version"]})).await;
    r.assert_error(404, "dossier_not_found", None);
    assert_eq!(app.dossier(&citizen, &id).await["status"]["code"], 1);
    // After reception, by code: still only the owner.
    let code = app.act_ok(&counter, &id, "receive", None).await["code"].as_str().unwrap().to_owned();
    app.fetch(Some(&other_citizen), &format!("/api/v1/dossiers/{code}")).await.assert_error(
        404,
        "dossier_not_found",
        None,
    );
    app.dossier(&citizen, &code).await;

    // Staff outside the unit do not see it; the province's administrator
    // does, but may not act on dossiers.
    app.fetch(Some(&other_unit_leader), &format!("/api/v1/dossiers/{code}")).await.assert_error(
        404,
        "dossier_not_found",
        None,
    );
    let d = app.dossier(&admin, &code).await;
    assert_eq!(d["allowed_actions"], json!([]));
    let r = app.act(&admin, &code, &json!({"action": "forward", "version": d["version"]})).await;
    r.assert_error(403, "role_not_allowed", None);

    // Citizens have no inbox and no view of the organisation.
    app.fetch(Some(&citizen), "/api/v1/inbox").await.assert_error(403, "forbidden", None);
    app.fetch(Some(&citizen), "/api/v1/units").await.assert_error(403, "forbidden", None);
    app.fetch(Some(&counter), "/api/v1/users").await.assert_error(403, "forbidden", None);
    let (s, units) = app.get(Some(&counter), "/api/v1/units").await;
    assert_eq!(s, 200);
    assert!(units.as_array().unwrap().iter().any(|u| u["code"] == "H11.100"));
});

fn ids(page: &Value) -> Vec<i64> {
    page["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect()
}

both_backends!(the_inbox_lists_the_unit_and_role_by_due_date_page_by_page, |app| async move {
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;
    let province_counter = app.login("motcua.tinh").await;
    let other_specialist = app.login("chuyenvien.snmt").await;
    let (_, units) = app.get(Some(&counter), "/api/v1/units").await;
    let unit_id = |code: &str| units.as_array().unwrap().iter().find(|u| u["code"] == code).unwrap()["id"].clone();
    let h11_100 = unit_id("H11.100");
    let snnmt = unit_id("H11.SNNMT");

    // Work for the specialist of H11.100, received on different days and
    // with different limits, so the due dates differ and some tie.
    let signature: Vec<String> = components_of(&app, SIGNATURE).await;
    let signature: Vec<&str> = signature.iter().map(String::as_str).collect();
    let mut mine = BTreeSet::new();
    for (day, hour) in [(4, 9), (4, 10), (5, 9), (2, 14), (3, 8), (5, 9)] {
        app.set_now(at(2026, 3, day, hour, 0));
        let body = if hour == 10 { submission_with(SIGNATURE, &signature) } else { submission(BIRTH) };
        let d = app.create_dossier(&counter, &body).await;
        let code = d.assert_status(201)["code"].as_str().unwrap().to_owned();
        let d = app.act_ok(&counter, &code, "forward", None).await;
        mine.insert(d["id"].as_i64().unwrap());
    }
    app.set_now(at(2026, 3, 5, 11, 0));
    // Not the specialist's: waiting at the counter, at the leader's step.
    let at_counter = app.counter_intake().await["id"].as_i64().unwrap();
    let online = app.online_submission().await["id"].as_i64().unwrap();
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "forward", None).await;
    let at_leader = app.act_ok(&specialist, &code, "forward", None).await["id"].as_i64().unwrap();
    // Another unit's specialist work (a department procedure received at
    // the provincial centre, handled by H11.SNNMT).
    let (_, p) = app.get(None, "/api/v1/procedures/1.004227").await;
    assert_eq!(p["agency_unit_code"], "H11.SNNMT");
    let names: Vec<String> =
        p["components"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let d = app.create_dossier(&province_counter, &submission_with("1.004227", &names)).await;
    let code = d.assert_status(201)["code"].as_str().unwrap().to_owned();
    assert!(code.starts_with("H11.TTPVHCC-260305-"), "{code}");
    let elsewhere = app.act_ok(&province_counter, &code, "forward", None).await;
    assert_eq!(elsewhere["current"]["unit_id"], snnmt);
    let elsewhere = elsewhere["id"].as_i64().unwrap();

    // The whole inbox in one page.
    let (s, full) = app.get(Some(&specialist), "/api/v1/inbox?limit=200").await;
    assert_eq!(s, 200, "{full:#}");
    assert!(full["next_cursor"].is_null());
    let all = ids(&full);
    let listed: BTreeSet<i64> = all.iter().copied().collect();
    assert!(mine.is_subset(&listed), "{mine:?} not all in {all:?}");
    for not_mine in [at_counter, online, at_leader, elsewhere] {
        assert!(!listed.contains(&not_mine), "{not_mine} is not the specialist's work");
    }
    let items = full["items"].as_array().unwrap();
    for i in items {
        assert_eq!(i["current_role"], "specialist", "{i:#}");
        assert_eq!(i["current_unit_id"], h11_100, "{i:#}");
        assert!([4, 5, 6].contains(&i["status"]["code"].as_i64().unwrap()), "{i:#}");
        assert!(!i.to_string().contains("0912345678"), "no phone in the inbox");
    }
    // Soonest due first; ties by id.
    let keys: Vec<(String, i64)> =
        items.iter().map(|i| (i["due_at"].as_str().unwrap().to_owned(), i["id"].as_i64().unwrap())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(keys.windows(2).any(|w| w[0].0 == w[1].0), "the test wants a tie on the due date: {keys:?}");

    // Page by page, for every page size: the same items in the same order.
    for limit in [1, 2, 3, 5] {
        let mut walked = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let path = match &cursor {
                Some(c) => format!("/api/v1/inbox?limit={limit}&cursor={c}"),
                None => format!("/api/v1/inbox?limit={limit}"),
            };
            let (s, page) = app.get(Some(&specialist), &path).await;
            assert_eq!(s, 200, "{page:#}");
            let got = ids(&page);
            assert!(got.len() <= limit);
            walked.extend(got);
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(walked, all, "pages of {limit}");
    }

    // Work that leaves the inbox while someone pages through it skips
    // nothing else: read a page, forward an item of a later page away,
    // read on.
    let (_, first) = app.get(Some(&specialist), "/api/v1/inbox?limit=2").await;
    assert_eq!(ids(&first), all[..2]);
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let moved = *all[3..].iter().find(|i| mine.contains(i)).expect("one of ours on a later page");
    app.act_ok(&specialist, &moved.to_string(), "forward", None).await;
    let (_, rest) = app.get(Some(&specialist), &format!("/api/v1/inbox?limit=200&cursor={cursor}")).await;
    let mut expected: Vec<i64> = all[2..].to_vec();
    expected.retain(|i| *i != moved);
    assert_eq!(ids(&rest), expected);

    // Overdue on Friday: only what was due before now.
    app.set_now(at(2026, 3, 6, 9, 0));
    let (_, overdue) = app.get(Some(&specialist), "/api/v1/inbox?overdue=true&limit=200").await;
    assert!(!ids(&overdue).is_empty());
    for i in overdue["items"].as_array().unwrap() {
        assert_eq!(i["overdue"], true, "{i:#}");
        assert!(i["due_at"].as_str().unwrap() < "2026-03-06T09:00:00+07:00", "{i:#}");
    }
    let (_, now_all) = app.get(Some(&specialist), "/api/v1/inbox?limit=200").await;
    let late_flagged: BTreeSet<i64> = now_all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["overdue"] == true)
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(late_flagged, ids(&overdue).into_iter().collect(), "the filter and the flag agree");

    // The other unit's specialist sees that one; the leader may look at
    // every role of the unit.
    let (_, theirs) = app.get(Some(&other_specialist), "/api/v1/inbox?limit=200").await;
    assert!(ids(&theirs).contains(&elsewhere));
    assert!(!ids(&theirs).iter().any(|i| mine.contains(i)));
    let (_, everything) = app.get(Some(&leader), "/api/v1/inbox?role=any&limit=200").await;
    let everything: BTreeSet<i64> = ids(&everything).into_iter().collect();
    for id in [at_counter, online, at_leader] {
        assert!(everything.contains(&id), "{id} missing from the leader's overview");
    }
    assert!(!everything.contains(&elsewhere));
    let (_, leaders) = app.get(Some(&leader), "/api/v1/inbox?limit=200").await;
    assert!(ids(&leaders).contains(&at_leader) && ids(&leaders).contains(&moved));
    app.fetch(Some(&specialist), "/api/v1/inbox?role=any").await.assert_error(422, "invalid_role", Some("role"));
});

both_backends!(a_dossier_waiting_for_a_supplement_is_not_overdue, |app| async move {
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "forward", None).await;
    app.act_ok(&specialist, &code, "request_supplement", Some("Thiếu giấy tờ")).await;
    // Due Thursday; on Friday the clock is still stopped.
    app.set_now(at(2026, 3, 6, 9, 0));
    let (_, all) = app.get(Some(&specialist), "/api/v1/inbox?limit=200").await;
    let item = all["items"].as_array().unwrap().iter().find(|i| i["code"] == code.as_str()).cloned().unwrap();
    assert_eq!(item["overdue"], false, "{item:#}");
    let (_, overdue) = app.get(Some(&specialist), "/api/v1/inbox?overdue=true&limit=200").await;
    assert!(
        !overdue["items"].as_array().unwrap().iter().any(|i| i["code"] == code.as_str()),
        "listed as overdue while the item says it is not: {overdue:#}"
    );
});

both_backends!(citizens_register_then_submit_online, |app| async move {
    let register = |body: Value| {
        let app = &app;
        async move { app.send(Method::POST, None, "/api/v1/auth/register", &body).await }
    };
    register(json!({"username": "ab", "password": "mưa rào đầu hạ", "full_name": "Lò Văn Tú"})).await.assert_error(
        422,
        "invalid_username",
        Some("username"),
    );
    register(json!({"username": "lovantu", "password": "short", "full_name": "Lò Văn Tú"})).await.assert_error(
        422,
        "password_too_short",
        Some("password"),
    );
    register(json!({"username": "lovantu", "password": "mưa rào đầu hạ", "full_name": "  "})).await.assert_error(
        422,
        "invalid_name",
        Some("full_name"),
    );
    register(json!({"username": "congdan", "password": "mưa rào đầu hạ", "full_name": "Lò Văn Tú"}))
        .await
        .assert_error(409, "username_taken", Some("username"));

    let created =
        register(json!({"username": "LoVanTu", "password": "mưa rào đầu hạ", "full_name": "Lò Văn Tú"})).await;
    let user = created.assert_status(201).clone();
    assert_eq!(
        (user["username"].as_str(), user["role"].as_str(), &user["unit_id"]),
        (Some("lovantu"), Some("citizen"), &Value::Null)
    );
    assert!(user.get("password_hash").is_none());

    // The new account logs in and submits online.
    let (status, login) =
        app.post(None, "/api/v1/auth/login", &json!({"username": "lovantu", "password": "mưa rào đầu hạ"})).await;
    assert_eq!(status, 200);
    let token = login["token"].as_str().unwrap().to_owned();
    let (status, d) = app.post(Some(&token), "/api/v1/dossiers", &submission(BIRTH)).await;
    assert_eq!(status, 201, "{d}");
    assert_eq!(d["status"]["code"], 1);
});

both_backends!(a_calendar_year_in_the_path_must_be_a_year, |app| async move {
    let admin = app.login("admin").await;
    let r = app.send(Method::DELETE, Some(&admin), "/api/v1/calendar/years/abc", &json!(null)).await;
    r.assert_error(422, "invalid_year", Some("year"));
    let schedule = json!({"year": 99999, "days_off": [], "extra_working_days": [], "verified": false, "notes": ""});
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/calendar/years/99999", &schedule).await;
    r.assert_error(422, "invalid_year", Some("year"));
});
