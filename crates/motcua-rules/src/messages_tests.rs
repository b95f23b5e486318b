use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::*;
use crate::RuleError;

fn ids(text: &str) -> BTreeSet<String> {
    FluentResource::try_new(text.to_owned()).expect("errors.ftl parses");
    text.lines()
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
        .filter(|id| !id.is_empty() && !id.starts_with(['#', ' ', '.', '-', '*', '[']))
        .map(str::to_owned)
        .collect()
}

#[test]
fn both_languages_have_the_same_ids() {
    let vi = ids(ERRORS_VI);
    let en = ids(ERRORS_EN);
    assert!(!vi.is_empty());
    assert_eq!(vi.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "only in vi/errors.ftl");
    assert_eq!(en.difference(&vi).collect::<Vec<_>>(), Vec::<&String>::new(), "only in en/errors.ftl");
    for id in &vi {
        assert!(id.starts_with("error-"), "{id}: error ids start with `error-`");
        // The web catalog has these two; loading errors.ftl next to it must not clash.
        assert!(id != "error-title" && id != "error-code", "{id} clashes with the web catalog");
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The constructors that take a code and render its message from the catalog.
const CONSTRUCTORS: &[&str] = &[
    "RuleError::of(",
    "RuleError::invalid(",
    "RuleError::invalid_data(",
    "RuleError::not_allowed(",
    "RuleError::forbidden(",
    "RuleError::conflict(",
    "RuleError::not_found(",
    "StoreError::not_found(",
    "StoreError::conflict(",
    ".on_unique(",
    "ApiError::coded(",
    "ApiError::unprocessable(",
];

/// The first string literal inside the call that starts at `rest`: the code.
fn first_literal(rest: &str) -> Option<&str> {
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '"' => {
                let end = rest[i + 1..].find('"')?;
                return Some(&rest[i + 1..i + 1 + end]);
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return None,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Every code passed as a string literal to a catalog constructor in
/// `crates/*/src`, with where it is.
fn codes_in_sources() -> Vec<(String, String)> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&crates).unwrap() {
        let src = entry.unwrap().path().join("src");
        if src.is_dir() {
            rust_files(&src, &mut files);
        }
    }
    let mut found = Vec::new();
    for file in files {
        if file.ends_with("messages_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for ctor in CONSTRUCTORS {
            for (at, _) in text.match_indices(ctor) {
                let rest = &text[at + ctor.len()..];
                // The constructors themselves pass the code on.
                let head = rest.split(')').next().unwrap_or("");
                if head.split(',').any(|arg| matches!(arg.trim(), "code" | "code: &'static str")) {
                    continue;
                }
                let code = first_literal(rest).unwrap_or_else(|| {
                    let line = text[..at].lines().count();
                    panic!("{}:{line}: `{ctor}` without a string-literal code", file.display())
                });
                let line = text[..at].lines().count();
                found.push((code.to_owned(), format!("{}:{line}", file.display())));
            }
        }
    }
    found
}

#[test]
fn every_code_used_has_a_message_in_both_languages() {
    let found = codes_in_sources();
    assert!(found.len() > 100, "the scan finds the constructors ({} found)", found.len());
    let missing: Vec<_> = found.iter().filter(|(code, _)| !has_message(code)).collect();
    assert!(missing.is_empty(), "codes with no message in locales/{{vi,en}}/errors.ftl: {missing:#?}");
    for (code, at) in &found {
        let (vi, en) = error_message(code, &[]);
        assert!(vi != *code && en != *code, "{at}: {code}");
    }
}

#[test]
fn a_missing_message_gives_the_code() {
    assert_eq!(error_message("no_such_code_at_all", &[]), ("no_such_code_at_all".into(), "no_such_code_at_all".into()));
}

#[test]
fn arguments_are_filled_in() {
    let e = RuleError::invalid_data("calendar_year_unknown").arg("year", 2031);
    assert_eq!(e.message_vi, "Chưa có dữ liệu lịch làm việc (ngày nghỉ lễ) của năm 2031");
    assert_eq!(e.message_en, "No working-day calendar (holidays) is known for the year 2031");
    assert_eq!(e.code, "calendar_year_unknown");
    assert_eq!(e.field, None);
}

/// A `.arg("case", "…")` whose variant is missing would silently show the
/// default wording: every variant named in the sources is in the catalog.
#[test]
fn every_case_named_in_the_sources_is_a_variant() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&crates).unwrap() {
        let src = entry.unwrap().path().join("src");
        if src.is_dir() {
            rust_files(&src, &mut files);
        }
    }
    let mut seen = 0;
    for file in files {
        if file.ends_with("messages_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices(".arg(\"case\", \"") {
            let rest = &text[at + ".arg(\"case\", \"".len()..];
            let key = &rest[..rest.find('"').unwrap()];
            let variant = format!("[{key}]");
            assert!(
                ERRORS_VI.contains(&variant) && ERRORS_EN.contains(&variant),
                "{}: no variant {variant} in errors.ftl",
                file.display()
            );
            seen += 1;
        }
    }
    assert!(seen > 10, "the scan finds the cases ({seen} found)");
}
