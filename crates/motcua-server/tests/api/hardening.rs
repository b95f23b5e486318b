//! Issue 17's input hardening: text PostgreSQL cannot store refused at the
//! edge on every input of every operation (finding 3), strict JSON
//! (finding 8), proof of origin for cookie-authenticated API writes
//! (finding 6), and `Cache-Control: no-store` on answers with personal data
//! (finding 9).

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{BIRTH, CHECK, TestApp, header, submission};

/// A plausible value for a path parameter, so that only the one under test
/// is wrong.
fn sample(param: &str) -> &'static str {
    match param {
        "code" => "1.001193",
        "year" => "2026",
        "level" => "commune",
        "token" => "abc",
        _ => "1",
    }
}

/// `$ref`s resolved against the document's schemas.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
        Some(name) => &doc["components"]["schemas"][name],
        None => schema,
    }
}

/// The string fields of a request body schema, as (path, body holding NUL
/// there), one level of nesting deep.
fn string_fields(doc: &Value, schema: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let schema = resolve(doc, schema);
    for (name, prop) in schema["properties"].as_object().into_iter().flatten() {
        let prop = resolve(doc, prop);
        let types = prop["type"].clone();
        let is = |t: &str| types == t || types.as_array().is_some_and(|a| a.iter().any(|x| x == t));
        if is("string") {
            out.push((name.clone(), json!({ name.as_str(): "a\u{0}b" })));
        } else if is("object") {
            for (inner, prop) in prop["properties"].as_object().into_iter().flatten() {
                if resolve(doc, prop)["type"] == "string" {
                    out.push((format!("{name}.{inner}"), json!({ name.as_str(): { inner.as_str(): "\u{0}" } })));
                }
            }
        }
    }
    out
}

both_backends!(nul_in_any_input_of_any_operation_is_a_422_naming_it, |app| async move {
    let admin = app.login("admin").await;
    let doc = app.fetch(None, "/api/v1/openapi.json").await.assert_status(200).clone();
    let mut checked = 0;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let in_path: Vec<&str> =
                params.iter().filter(|p| p["in"] == "path").filter_map(|p| p["name"].as_str()).collect();
            let concrete = |nul: Option<&str>| {
                let mut p = path.clone();
                for name in &in_path {
                    p = p.replace(&format!("{{{name}}}"), if Some(*name) == nul { "a%00b" } else { sample(name) });
                }
                p
            };
            // Every path parameter.
            for name in &in_path {
                let r = app.req(m.clone(), &concrete(Some(name))).token(&admin).send().await;
                r.assert_error(422, "forbidden_character", Some(name));
                checked += 1;
            }
            // Every query parameter, and its invalid-UTF-8 twin.
            for p in params.iter().filter(|p| p["in"] == "query") {
                let name = p["name"].as_str().unwrap();
                let r = app.req(m.clone(), &format!("{}?{name}=%00", concrete(None))).token(&admin).send().await;
                r.assert_error(422, "forbidden_character", Some(name));
                let r = app.req(m.clone(), &format!("{}?{name}=%C3%28", concrete(None))).token(&admin).send().await;
                r.assert_error(422, "invalid_utf8", Some(name));
                checked += 1;
            }
            // Every string field of a JSON body.
            let body_schema = &op["requestBody"]["content"]["application/json"]["schema"];
            if !body_schema.is_null() {
                let fields = string_fields(&doc, body_schema);
                for (field, body) in fields {
                    let r = app.req(m.clone(), &concrete(None)).token(&admin).json(&body).send().await;
                    r.assert_error(422, "forbidden_character", Some(&field));
                    checked += 1;
                }
                // Whatever the shape, a NUL anywhere in the body is refused.
                let r = app.req(m.clone(), &concrete(None)).token(&admin).json(&json!({"x": ["\u{0}"]})).send().await;
                r.assert_error(422, "forbidden_character", Some("x[0]"));
            }
        }
    }
    assert!(checked > 60, "only {checked} inputs were found in the document");

    // The report's examples, without a login, and the pages.
    for (path, field) in [
        ("/api/v1/procedures?q=%00", "q"),
        ("/api/v1/procedures?cursor=%00", "cursor"),
        ("/api/v1/procedures?field=%00", "field"),
        ("/api/v1/public/ranking?province=%00", "province"),
        ("/api/v1/units?q=%00", "q"),
        ("/api/v1/public/dossiers/H11.100-260304-0001?check=%00", "check"),
        ("/api/v1/calendar/deadline?from=%00", "from"),
        ("/api/v1/stats/units?unit=%00", "unit"),
    ] {
        app.fetch(None, path).await.assert_error(422, "forbidden_character", Some(field));
    }
    for path in ["/?q=%00", "/thu-tuc?q=%00", "/tra-cuu?code=%00", "/static/%00", "/x%00y"] {
        let r = app.fetch(None, path).await;
        assert!(r.status.is_client_error(), "{path}: {} {:#}", r.status, r.body);
    }
    let r = app.fetch(None, "/?q=%00").await;
    assert_eq!(r.status, 422, "{:#}", r.body);
    assert!(header(&r.headers, "content-type").is_some_and(|c| c.starts_with("text/html")));

    // A form field (the login page).
    let r = app
        .req(Method::POST, "/login")
        .raw("application/x-www-form-urlencoded", "_csrf=x&username=ad%00min&password=p")
        .send()
        .await;
    assert_eq!(r.status, 422, "{:#}", r.body);
    // A JSON body with the NUL in a nested field, and in the API's own words.
    let mut b = submission(BIRTH);
    b["applicant"]["name"] = json!("An\u{0}");
    app.create_dossier(&admin, &b).await.assert_error(422, "forbidden_character", Some("applicant.name"));
    let mut b = submission(BIRTH);
    b["components"][1]["name"] = json!("\u{0}");
    app.create_dossier(&admin, &b).await.assert_error(422, "forbidden_character", Some("components[1].name"));
    // A lone surrogate cannot be text at all: malformed JSON, not a 500.
    let r = app
        .req(Method::POST, "/api/v1/auth/login")
        .raw("application/json", r#"{"username": "\ud800", "password": "x"}"#)
        .send()
        .await;
    r.assert_error(400, "malformed_json", None);
    // The look-up still works with good input.
    let code = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    app.fetch(None, &format!("/api/v1/public/dossiers/{code}?check={CHECK}")).await.assert_status(200);
});

both_backends!(json_bodies_are_strict, |app| async move {
    let counter = app.login("motcua").await;
    let body = serde_json::to_string(&submission(BIRTH)).unwrap();
    // Nothing after the value.
    let r = app
        .req(Method::POST, "/api/v1/dossiers")
        .token(&counter)
        .raw("application/json", format!("{body} xyz"))
        .send()
        .await;
    r.assert_error(400, "malformed_json", None);
    // UTF-8 only; other media types are not JSON.
    for ct in ["application/json; charset=latin1", "application/json;charset=\"ISO-8859-1\""] {
        let r = app.req(Method::POST, "/api/v1/dossiers").token(&counter).raw(ct, body.clone()).send().await;
        r.assert_error(415, "unsupported_charset", None);
    }
    for ct in ["text/plain", "application/jsonp", "application/x-www-form-urlencoded"] {
        let r = app.req(Method::POST, "/api/v1/dossiers").token(&counter).raw(ct, body.clone()).send().await;
        r.assert_error(415, "unsupported_media_type", None);
    }
    let r = app
        .req(Method::POST, "/api/v1/dossiers")
        .token(&counter)
        .raw("application/json; charset=UTF-8", body.clone())
        .send()
        .await;
    r.assert_status(201);
    // The framework import reads its body itself: text/plain is refused too.
    let office = app.login("noivu").await;
    let r = app.req(Method::POST, "/api/v1/reform/frameworks").token(&office).raw("text/plain", "{}").send().await;
    r.assert_error(415, "unsupported_media_type", None);

    // Repeated and overlong lists.
    let mut b = submission(BIRTH);
    b["components"] = json!(vec![json!({"name": "Tờ khai theo mẫu", "count": 1}); 5000]);
    app.create_dossier(&counter, &b).await.assert_error(422, "too_many_items", Some("components"));
    let mut b = submission(BIRTH);
    let first = b["components"][0].clone();
    b["components"].as_array_mut().unwrap().push(first);
    app.create_dossier(&counter, &b).await.assert_error(422, "duplicate_item", Some("components[2]"));
    let admin = app.login("admin").await;
    let year = json!({"year": 2026, "days_off": ["2026-09-02", "2026-09-02"], "extra_working_days": [], "verified": true, "notes": ""});
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/calendar/years/2026", &year).await;
    r.assert_error(422, "duplicate_item", Some("days_off[1]"));
    let days: Vec<String> = (0..400)
        .map(|i| (chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(i)).to_string())
        .collect();
    let year = json!({"year": 2026, "days_off": days, "extra_working_days": [], "verified": true, "notes": ""});
    let r = app.send(Method::PUT, Some(&admin), "/api/v1/calendar/years/2026", &year).await;
    r.assert_error(422, "too_many_items", Some("days_off"));

    // axum's own rejections answer in the API's JSON error body too.
    let r = app.fetch(Some(&office), "/api/v1/reform/campaigns/9223372036854775808").await;
    r.assert_error(400, "malformed_request", None);
    let r = app.fetch(Some(&office), "/api/v1/reform/campaigns/1/units/x").await;
    r.assert_error(400, "malformed_request", None);
});

both_backends!(cookie_authenticated_api_writes_must_come_from_this_site, |app| async move {
    let office = app.login("noivu").await;
    let counter = app.login("motcua").await;
    let cookie = |t: &str| format!("motcua_session={t}");
    let own = app.base.clone();
    // The report's forged requests: a cookie and a foreign Origin.
    let r = app
        .req(Method::POST, "/api/v1/reform/campaigns/3/fill")
        .header("cookie", &cookie(&office))
        .header("origin", "https://evil.example")
        .raw("application/json", "{}")
        .send()
        .await;
    r.assert_error(403, "cross_site_request", None);
    let r = app
        .req(Method::POST, "/api/v1/reform/campaigns/1/units/1/evidence")
        .header("cookie", &cookie(&office))
        .header("origin", "https://evil.example")
        .raw(
            "multipart/form-data; boundary=X",
            "--X\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\n1.1\r\n--X--\r\n",
        )
        .send()
        .await;
    r.assert_error(403, "cross_site_request", None);
    let r = app
        .req(Method::POST, "/api/v1/reform/frameworks")
        .header("cookie", &cookie(&office))
        .raw("text/plain", "{}")
        .send()
        .await;
    r.assert_error(403, "cross_site_request", None);
    // JSON without any Origin, or with the right Origin but a form type.
    let body = serde_json::to_string(&submission(BIRTH)).unwrap();
    let r = app
        .req(Method::POST, "/api/v1/dossiers")
        .header("cookie", &cookie(&counter))
        .raw("application/json", body.clone())
        .send()
        .await;
    r.assert_error(403, "cross_site_request", None);
    let r = app
        .req(Method::POST, "/api/v1/dossiers")
        .header("cookie", &cookie(&counter))
        .header("origin", &own)
        .raw("text/plain", body.clone())
        .send()
        .await;
    r.assert_error(403, "cross_site_request", None);
    // This site's JSON passes, as does the pages' token whatever the body.
    let r = app
        .req(Method::POST, "/api/v1/dossiers")
        .header("cookie", &cookie(&counter))
        .header("origin", &own)
        .raw("application/json", body.clone())
        .send()
        .await;
    r.assert_status(201);
    let token = "e".repeat(64);
    let r = app
        .req(Method::POST, "/api/v1/dossiers")
        .header("cookie", &format!("{}; motcua_csrf={token}", cookie(&counter)))
        .header("x-csrf-token", &token)
        .raw("application/json", body.clone())
        .send()
        .await;
    r.assert_status(201);
    // A bearer token needs no such proof; reads never do.
    let r = app
        .req(Method::POST, "/api/v1/dossiers")
        .token(&counter)
        .header("origin", "https://evil.example")
        .raw("application/json", body)
        .send()
        .await;
    r.assert_status(201);
    let r = app
        .req(Method::GET, "/api/v1/auth/me")
        .header("cookie", &cookie(&counter))
        .header("origin", "https://evil.example")
        .send()
        .await;
    r.assert_status(200);
});

both_backends!(answers_with_personal_data_are_not_stored_by_caches, |app| async move {
    let counter = app.login("motcua").await;
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    for (token, path) in [
        (Some(counter.as_str()), format!("/api/v1/dossiers/{code}")),
        (Some(counter.as_str()), "/api/v1/inbox?role=counter_officer".to_owned()),
        (Some(counter.as_str()), "/api/v1/auth/me".to_owned()),
        (None, format!("/api/v1/public/dossiers/{code}?check={CHECK}")),
        (None, "/".to_owned()),
        (None, "/api/v1/procedures".to_owned()),
    ] {
        let r = app.fetch(token, &path).await;
        assert!(r.status.is_success(), "{path}: {}", r.status);
        assert_eq!(header(&r.headers, "cache-control"), Some("no-store"), "{path}");
    }
    // Errors too (they may echo input), and the login's answer (a token).
    let r = app.fetch(None, "/api/v1/dossiers/1").await;
    assert_eq!(header(&r.headers, "cache-control"), Some("no-store"));
    let r = app
        .send(
            Method::POST,
            None,
            "/api/v1/auth/login",
            &json!({"username": "motcua", "password": TestApp::password("motcua")}),
        )
        .await;
    assert_eq!(header(&r.headers, "cache-control"), Some("no-store"));
});
