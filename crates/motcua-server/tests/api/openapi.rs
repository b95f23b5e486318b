//! The OpenAPI document: served, committed and complete.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::Value;

const REGENERATE: &str = "regenerate it with `cargo run -q -p motcua -- openapi > docs/openapi.json`";

fn document() -> Value {
    serde_json::from_str(&motcua_server::openapi::document()).expect("the document is JSON")
}

fn repo_file(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

/// The routes the router declares in `src/app.rs`, as (METHOD, path) with
/// the nested ones under `/api/v1`. Read from the source because axum does
/// not list a router's routes.
fn declared_routes() -> BTreeSet<(String, String)> {
    let source = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app.rs"))
        .expect("src/app.rs");
    let mut routes = BTreeSet::new();
    // The reform routes live in their own file, all merged under `/api/v1`.
    let reform = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes/reform.rs"))
        .expect("src/routes/reform.rs");
    let app_lines = source.lines().map(|l| (l, false));
    let mut in_api = false;
    for (line, always_api) in app_lines.chain(reform.lines().map(|l| (l, true))) {
        let line = line.trim();
        if line.starts_with("let api = Router::new()") {
            in_api = true;
        }
        if line.starts_with("Router::new()") {
            in_api = false;
        }
        let in_api = in_api || always_api;
        let Some(rest) = line.strip_prefix(".route(\"") else { continue };
        let (path, handlers) = rest.split_once('"').expect("a quoted path");
        let path = if in_api { format!("/api/v1{path}") } else { path.to_owned() };
        for method in ["get", "post", "put", "delete", "patch"] {
            let called = handlers.contains(&format!(" {method}(")) || handlers.contains(&format!(".{method}("));
            if called {
                routes.insert((method.to_owned(), path.clone()));
            }
        }
    }
    routes
}

/// The (method, path) pairs of the document.
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, ops) in doc["paths"].as_object().expect("paths") {
        for method in ops.as_object().unwrap().keys() {
            out.insert((method.clone(), path.clone()));
        }
    }
    out
}

#[test]
fn the_committed_document_is_up_to_date() {
    let path = repo_file("docs/openapi.json");
    let committed =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}; {REGENERATE}", path.display()));
    let generated = motcua_server::openapi::document();
    if committed.trim_end() != generated.trim_end() {
        let committed_json: Result<Value, _> = serde_json::from_str(&committed);
        let hint = match committed_json {
            Ok(c) => {
                let (old, new) = (documented(&c), documented(&document()));
                format!(
                    "paths only in the committed file: {:?}; only in the code: {:?}",
                    old.difference(&new).collect::<Vec<_>>(),
                    new.difference(&old).collect::<Vec<_>>()
                )
            }
            Err(e) => format!("the committed file is not JSON: {e}"),
        };
        panic!("docs/openapi.json differs from motcua_server::openapi::document() ({hint}); {REGENERATE}");
    }
}

#[test]
fn every_route_is_documented() {
    let routes = declared_routes();
    assert!(routes.len() >= 25, "src/app.rs could not be read for routes: {routes:?}");
    let doc = documented(&document());
    let missing: Vec<_> = routes.difference(&doc).collect();
    assert!(missing.is_empty(), "routes served but not in the OpenAPI document: {missing:?}");
    let extra: Vec<_> = doc.difference(&routes).collect();
    assert!(extra.is_empty(), "documented but not routed: {extra:?}");
    // Every operation says what it answers, errors included where it can fail.
    let doc = document();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap_or_else(|| panic!("{method} {path}: no responses"));
            assert!(!responses.is_empty(), "{method} {path}: no responses");
            assert!(op["tags"].as_array().is_some_and(|t| !t.is_empty()), "{method} {path}: no tag");
        }
    }
    // The error body is described once and used.
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}

both_backends!(the_served_document_is_the_generated_one_and_every_path_answers, |app| async move {
    let r = app.fetch(None, "/api/v1/openapi.json").await;
    let served = r.assert_status(200).clone();
    assert_eq!(served, document());
    assert_eq!(served["openapi"].as_str().map(|v| v.starts_with("3.")), Some(true));

    // Every documented operation is routed: none falls to the 404 fallback
    // or gets 405, whatever else it answers without a login or a body.
    for (method, path) in documented(&served) {
        let concrete = path.replace("{code}", "1.001193").replace("{ref}", "1").replace("{year}", "2026");
        let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let r = app.req(m, &concrete).send().await;
        assert_ne!(r.status, 405, "{method} {path} is documented but not routed");
        assert!(
            !(r.status == 404 && r.code() == "not_found"),
            "{method} {path} is documented but answers the router's fallback: {:#}",
            r.body
        );
    }
});

#[test]
fn every_path_parameter_is_declared_and_the_edge_failures_documented() {
    let doc = document();
    let mut missing = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        let names: Vec<&str> =
            path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).collect();
        for (method, op) in ops.as_object().unwrap() {
            let declared: Vec<&str> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "path")
                .filter_map(|p| p["name"].as_str())
                .collect();
            for name in &names {
                if !declared.contains(name) {
                    missing.push(format!("{method} {path}: {{{name}}}"));
                }
            }
            for extra in declared.iter().filter(|d| !names.contains(d)) {
                missing.push(format!("{method} {path}: declares {extra}, not in the path"));
            }
            // What the layers answer, whatever the handler: the input guard,
            // errors and a busy database.
            let responses = op["responses"].as_object().unwrap();
            for status in ["422", "500", "503"] {
                assert!(responses.contains_key(status), "{method} {path} does not document {status}");
            }
            if path.starts_with("/api/v1/") && method != "get" && path != "/api/v1/openapi.json" {
                for status in ["400", "401", "403", "413", "415"] {
                    assert!(responses.contains_key(status), "{method} {path} does not document {status}");
                }
            }
        }
    }
    assert!(missing.is_empty(), "path parameters not declared: {missing:#?}");
}
