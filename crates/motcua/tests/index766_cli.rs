//! `motcua index766 recompute` on hand-written responses of the national
//! portal's evaluation API. Every portal figure in the fixtures was worked
//! out by hand from the formulas of docs/sources.md#766-formulas (see the comments).

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/index766").join(name)
}

fn motcua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["index766", "recompute"])
        .args(args)
        .env("MOTCUA_LOG", "off")
        .output()
        .expect("the motcua binary runs")
}

/// Runs `recompute FILE --json [extra]` and returns the array.
fn recompute_json(name: &str, extra: &[&str]) -> Vec<Value> {
    let file = fixture(name);
    let mut args = vec![file.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let out = motcua(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status.code());
    let value: Value = serde_json::from_slice(&out.stdout).expect("the output is JSON");
    value.as_array().expect("the output is an array").clone()
}

/// Runs on a malformed file: exit code 1 and the error message.
fn recompute_error(name: &str) -> String {
    let out = motcua(&[fixture(name).to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty(), "nothing is printed on stdout on error");
    String::from_utf8(out.stderr).unwrap()
}

fn num(unit: &Value, key: &str) -> f64 {
    unit[key].as_f64().unwrap_or_else(|| panic!("`{key}` is a number in {unit}"))
}

fn unit<'a>(units: &'a [Value], code: &str) -> &'a Value {
    units.iter().find(|u| u["code"] == code).unwrap_or_else(|| panic!("unit {code} in the output"))
}

/// motcua's figure, the portal's, and a diff within 0.01.
fn assert_matches(unit: &Value, expected: f64) {
    let motcua = num(unit, "motcua");
    assert!((motcua - expected).abs() < 1e-9, "motcua {motcua}, expected {expected}: {unit}");
    let diff = num(unit, "diff");
    assert!(diff.abs() <= 0.01 + 1e-9, "diff {diff} above 0.01: {unit}");
    assert!((diff - (motcua - num(unit, "portal"))).abs() < 0.005 + 1e-9, "diff is motcua − portal: {unit}");
}

fn codes(units: &[Value]) -> Vec<&str> {
    units.iter().map(|u| u["code"].as_str().unwrap()).collect()
}

#[test]
fn progress_tree() {
    let units = recompute_json("progress_tree.json", &[]);
    assert_eq!(codes(&units), ["X99", "X99.01", "X99.02", "X99.03"], "parent first");
    for u in &units {
        assert_eq!(u["group"], "progress");
        assert!(u["name"].as_str().unwrap().starts_with("UBND"));
    }
    // 20 × 42/47 = 17.8723; 20 × 37/40 = 18.5; 20 × 5/7 = 14.2857 (counts written as floats).
    assert_matches(unit(&units, "X99"), 17.87);
    assert_matches(unit(&units, "X99.01"), 18.5);
    assert_matches(unit(&units, "X99.02"), 14.29);
    assert_eq!(unit(&units, "X99"), &units[0]);
    assert_eq!(units[0]["provisional"], false);
    assert_eq!(units[0]["name"], "UBND tỉnh Mẫu");
    // totalReceived = 0: never observed on the portal; the configured 0, provisional.
    let empty = unit(&units, "X99.03");
    assert_matches(empty, 0.0);
    assert_eq!(empty["provisional"], true);
    assert!(empty["notes"][0].as_str().unwrap().contains("totalReceived = 0"), "{empty}");
}

#[test]
fn progress_with_no_dossier_follows_the_configuration() {
    let dir = std::env::temp_dir().join(format!("motcua-index766-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.json");
    std::fs::write(&config, r#"{"progress_when_empty": 20}"#).unwrap();
    let units = recompute_json("progress_tree.json", &["--config", config.to_str().unwrap()]);
    let empty = unit(&units, "X99.03");
    assert_eq!(num(empty, "motcua"), 20.0);
    assert_eq!(num(empty, "diff"), 20.0);
    assert_eq!(empty["provisional"], true);

    std::fs::write(&config, r#"{"progress_when_empty": 30}"#).unwrap();
    let out = motcua(&[fixture("progress_tree.json").to_str().unwrap(), "--config", config.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("progress_when_empty"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_difference_from_the_portal_is_shown_with_its_sign() {
    let units = recompute_json("progress_mismatch.json", &[]);
    // 20 × 9/10 = 18 against the portal's 17.5.
    let parent = unit(&units, "X99");
    assert_eq!(num(parent, "motcua"), 18.0);
    assert_eq!(num(parent, "diff"), 0.5);
    assert_matches(unit(&units, "X99.01"), 20.0);
}

#[test]
fn online_payment_tree() {
    let units = recompute_json("online_payment_tree.json", &[]);
    assert_eq!(codes(&units), ["X99", "X99.01", "X99.02", "X99.03", "X99.04", "X99.05"]);
    for u in &units {
        assert_eq!(u["group"], "online_payment");
        assert_eq!(u["provisional"], false, "{u}");
    }
    // 6·40/52 + min(2, 2.5·16/23) + 2.5·14/23 = 4.6154 + 1.7391 + 1.5217 = 7.8763.
    assert_matches(unit(&units, "X99"), 7.88);
    // 6·0.75 + min(2, 1.5) + 2.5·0.5 = 7.25.
    assert_matches(unit(&units, "X99.01"), 7.25);
    // Every denominator 0: every ratio 0.
    assert_matches(unit(&units, "X99.02"), 0.0);
    // 6 + min(2, 2.25) + 1.75 = 9.75.
    assert_matches(unit(&units, "X99.03"), 9.75);
    // 2 + 0.8333 + 1.6667 = 4.5.
    assert_matches(unit(&units, "X99.04"), 4.5);
    // totalDossierFinancialObligation = 0: A = 0; then min(2, 1.25) + 1.25 = 2.5.
    assert_matches(unit(&units, "X99.05"), 2.5);
}

#[test]
fn satisfaction_metric_list() {
    let units = recompute_json("satisfaction_metrics.json", &[]);
    assert_eq!(codes(&units), ["X99", "X99.01", "X99.02", "X99.03"], "overview first");
    for u in &units {
        assert_eq!(u["group"], "satisfaction");
        assert_eq!(u["provisional"], false, "{u}");
    }
    // 6·0.9 + 6·0.8 + 6·0.85/0.9 = 5.4 + 4.8 + 5.6667 = 15.8667.
    assert_matches(unit(&units, "X99"), 15.87);
    // No PAKN: 6 + 6; no dossier rated: 0.
    let empty = unit(&units, "X99.01");
    assert_matches(empty, 12.0);
    let metric =
        |u: &Value, code: &str| u["metrics"].as_array().unwrap().iter().find(|m| m["code"] == code).unwrap().clone();
    assert_eq!(num(&metric(empty, "PETITION_PROCESSING_ON_TIME"), "motcua"), 6.0);
    assert_eq!(num(&metric(empty, "DOSSIER_RECEIVING_SATISFACTION"), "motcua"), 0.0);
    let tracked = metric(empty, "PETITION_CLASSIFICATION_TTHC");
    assert!(tracked["motcua"].is_null());
    assert!(tracked["reason"].as_str().unwrap().contains("tracked"));
    // 6·9/12 + 6·7/12 + min(6, 6·0.92/0.9) = 4.5 + 3.5 + 6 = 14.
    assert_matches(unit(&units, "X99.02"), 14.0);
    // 2.5714 + 4.2857 + 5.0667 = 11.9238.
    let third = unit(&units, "X99.03");
    assert_matches(third, 11.92);
    for m in third["metrics"].as_array().unwrap() {
        assert!(num(m, "diff").abs() <= 0.01 + 1e-9, "{m}");
    }
}

#[test]
fn transparency_metric_list() {
    let units = recompute_json("transparency_metrics.json", &[]);
    assert_eq!(codes(&units), ["X99", "X99.01", "X99.02"]);
    // 5.4 + 3 + 1.9 + 5.76 = 16.06.
    assert_matches(unit(&units, "X99"), 16.06);
    // Nothing published: 0 + 0; 2 + 6·301/320 = 7.6438.
    assert_matches(unit(&units, "X99.01"), 7.64);
    // 5 + 2.6667 + 1.8 + 6 = 15.4667.
    assert_matches(unit(&units, "X99.02"), 15.47);
    assert!(units.iter().all(|u| u["group"] == "transparency" && u["provisional"] == false));
}

#[test]
fn digitisation_metric_list() {
    let units = recompute_json("digitisation_metrics.json", &[]);
    // 5.4 + 3.4 (full marks only at 100%) + 1.5 + 2·0.6/0.8 + 0 + 1.4 + 1 = 14.2.
    let overview = unit(&units, "X99");
    assert_matches(overview, 14.2);
    assert_eq!(overview["provisional"], false, "4.4 at 0% is exact");
    // 0 + 4 + 0 + 2 (capped from 80%) + 0.4 (4.4's slope is a guess) + 1 = 7.4.
    let first = unit(&units, "X99.01");
    assert_matches(first, 7.4);
    assert_eq!(first["provisional"], true);
    assert!(first["notes"][0].as_str().unwrap().starts_with("SYNCED_WITH_DVCQG_PERSONAL_STORAGE"));
    // An unknown metric with points: no motcua total, with the reason.
    let second = unit(&units, "X99.02");
    assert!(second["motcua"].is_null() && second["diff"].is_null(), "{second}");
    assert_eq!(num(second, "portal"), 3.0);
    assert!(second["reason"].as_str().unwrap().contains("NEW_METRIC_NOT_IN_SPEC"));
}

#[test]
fn the_online_service_group_is_unresolved() {
    let units = recompute_json("online_service_tree.json", &[]);
    assert_eq!(codes(&units), ["X99", "X99.01"]);
    for u in &units {
        assert_eq!(u["group"], "online_service");
        assert!(u["motcua"].is_null() && u["diff"].is_null(), "{u}");
        assert!(u["portal"].is_number());
        assert!(u["reason"].as_str().unwrap().contains("unresolved"), "{u}");
        assert_eq!(u["provisional"], true);
    }
}

#[test]
fn a_configured_online_service_formula_is_provisional() {
    let config = fixture("online_service_formula.json");
    let units = recompute_json("online_service_tree.json", &["--config", config.to_str().unwrap()]);
    // 4 × 30/40 + 8 × min(1, 0.2/0.5) = 3 + 3.2; child: 0 (no service) + 8 × 0.05/0.5 = 0.8.
    assert_eq!(num(&units[0], "motcua"), 6.2);
    assert_eq!(num(&units[1], "motcua"), 0.8);
    assert!(units.iter().all(|u| u["provisional"] == true && u["reason"].is_null()));
}

#[test]
fn the_table_lists_every_unit_and_a_summary() {
    let out = motcua(&[fixture("progress_tree.json").to_str().unwrap()]);
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("CODE") && lines[0].contains("PORTAL") && lines[0].contains("DIFF"));
    assert!(lines[1].starts_with("X99 ") && lines[1].contains("17.87"), "{table}");
    assert!(table.contains("UBND xã Ba"));
    assert!(table.contains("0.00*"), "a provisional score is marked: {table}");
    assert!(table.contains("4 unit(s): 4 within 0.01 of the portal, 0 differ"), "{table}");
}

// ---- malformed files ---------------------------------------------------------------------

#[test]
fn invalid_json_is_an_error() {
    let err = recompute_error("bad_json.json");
    assert!(err.starts_with("motcua: "), "{err}");
    assert!(err.contains("bad_json.json: not valid JSON"), "{err}");
}

#[test]
fn a_missing_field_is_named_by_its_path() {
    let err = recompute_error("missing_field.json");
    assert!(err.contains("missing field `data.children[2].totalOnTime`"), "{err}");
}

#[test]
fn a_response_that_is_not_ok_is_an_error() {
    let err = recompute_error("not_ok.json");
    assert!(err.contains("`code` is \"UNAUTHORIZED\", not \"OK\""), "{err}");
    assert!(err.contains("Phiên làm việc đã hết hạn"), "{err}");
}

#[test]
fn a_field_of_the_wrong_type_is_named() {
    let err = recompute_error("wrong_type.json");
    assert!(err.contains("`data.evaluation[0].metrics[0].numerator` must be a number, found a string"), "{err}");
}

#[test]
fn a_missing_file_is_an_error() {
    let err = recompute_error("no_such_file.json");
    assert!(err.contains("cannot read") && err.contains("no_such_file.json"), "{err}");
}
