//! Tests of [`super`]: sheets scored by hand, and every refusal with its path.

use super::super::framework::Framework;
use super::*;

fn pts(s: &str) -> Points {
    Points::parse(s).unwrap()
}

/// Scale 20: area A (10) self-assessed 4 + 6; area B (10) survey 4
/// (from SIPAS, proportional), computed 6 (linear 80–100%), penalty up
/// to 2; area C adjustments only: bonus up to 1.
fn fw() -> ValidFramework {
    let f: Framework = serde_json::from_str(
        r#"{"code":"t","version":1,"name":"Thử","level":"department","maximum":20,"areas":[
          {"code":"A","name":"Chỉ đạo","max":10,"criteria":[
            {"code":"A1","name":"Kế hoạch","max":4,"method":{"kind":"self_assessed"}},
            {"code":"A2","name":"Báo cáo","max":6,"method":{"kind":"self_assessed"}}]},
          {"code":"B","name":"TTHC","max":10,"criteria":[
            {"code":"B1","name":"Hài lòng","max":4,"method":{"kind":"survey","from_sipas":{"rule":"proportional"}}},
            {"code":"B2","name":"Đúng hạn","max":6,"method":{"kind":"computed","metric":"on_time_rate",
              "mapping":{"rule":"linear","zero_at":80,"full_at":100},"if_no_data":"full_points"}},
            {"code":"B3","name":"Kỷ luật","max":2,"method":{"kind":"penalty"}}]},
          {"code":"C","name":"Thưởng","max":0,"criteria":[
            {"code":"C1","name":"Sáng kiến","max":1,"method":{"kind":"bonus"}}]}]}"#,
    )
    .unwrap();
    f.validate().unwrap()
}

fn entry(code: &str, input: Input) -> Entry {
    Entry { code: code.into(), input }
}

fn assessed(own: &str, appraised: Option<&str>, reason: Option<&str>) -> Input {
    Input::Assessed { self_score: pts(own), appraised: appraised.map(pts), reason: reason.map(str::to_owned) }
}

fn sheet(entries: Vec<Entry>) -> Sheet {
    Sheet { unit_code: "U1".into(), unit_name: "Đơn vị 1".into(), entries }
}

fn full() -> Vec<Entry> {
    vec![
        entry("A1", assessed("4", Some("3.5"), Some("Kế hoạch ban hành chậm"))),
        entry("A2", assessed("5", Some("5"), None)),
        entry("B1", Input::Sipas { percent: Percent::parse("82.66").unwrap() }),
        entry("B2", Input::Computed { numerator: 988, denominator: 1000 }),
        entry("B3", Input::Adjustment { points: pts("0.5") }),
        entry("C1", Input::Adjustment { points: pts("1") }),
    ]
}

#[test]
fn a_sheet_by_hand() {
    let s = score_sheet(&fw(), &sheet(full()), ScoreBasis::Appraisal).unwrap();
    // A: 3.5 + 5 = 8.5 / 10.
    assert_eq!(s.areas[0].points, pts("8.5"));
    assert_eq!(s.areas[0].self_points, pts("9"));
    assert_eq!(s.areas[0].index, Some(Percent::parse("85").unwrap()));
    // B: SIPAS 82.66% of 4 = 3.3064 → 3.31; on time 98.8% → 6 × 18.8/20
    // = 5.64; penalty 0.5: 3.31 + 5.64 − 0.5 = 8.45.
    assert_eq!(s.areas[1].breakdown.survey, pts("3.31"));
    assert_eq!(s.areas[1].breakdown.computed, pts("5.64"));
    assert_eq!(s.areas[1].breakdown.penalty, pts("0.5"));
    assert_eq!(s.areas[1].points, pts("8.45"));
    // C: the bonus, no index of its own.
    assert_eq!(s.areas[2].points, pts("1"));
    assert_eq!(s.areas[2].index, None);
    // Total 8.5 + 8.45 + 1 = 17.95 of 20 = 89.75%.
    assert_eq!(s.points, pts("17.95"));
    assert_eq!(s.index, Percent::parse("89.75").unwrap());
    assert_eq!(s.self_points, pts("18.45"));
    assert_eq!(s.leaves.len(), 6);
    assert_eq!(s.leaves[4].points, pts("-0.5"));
    // Worst first: B lost 1.55, A lost 1.5, C lost nothing.
    let order: Vec<(String, Points)> = s.losses().into_iter().map(|l| (l.code, l.lost)).collect();
    assert_eq!(order, [("B".into(), pts("1.55")), ("A".into(), pts("1.5")), ("C".into(), Points::ZERO)]);
}

#[test]
fn the_self_assessment_basis_ignores_appraisals_and_waits_for_the_survey() {
    let mut e = full();
    e.remove(2);
    e[0] = entry("A1", assessed("4", None, None));
    let s = score_sheet(&fw(), &sheet(e.clone()), ScoreBasis::SelfAssessment).unwrap();
    assert_eq!(s.pending, ["B1"]);
    assert_eq!(s.areas[0].points, pts("9"));
    let err = score_sheet(&fw(), &sheet(e), ScoreBasis::Appraisal).unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), ("par_not_appraised", Some("entries[0].appraised")));
}

#[test]
fn bounds_hold_with_a_large_bonus_and_penalty() {
    let mut e = full();
    e[0] = entry("A1", assessed("4", Some("4"), None));
    e[1] = entry("A2", assessed("6", Some("6"), None));
    e[2] = entry("B1", Input::Survey { points: pts("4") });
    e[3] = entry("B2", Input::Computed { numerator: 0, denominator: 0 });
    e[4] = entry("B3", Input::Adjustment { points: Points::ZERO });
    let s = score_sheet(&fw(), &sheet(e), ScoreBasis::Appraisal).unwrap();
    // 20 + bonus 1 is capped at the scale.
    assert_eq!(s.points, pts("20"));
    assert_eq!(s.index, Percent::HUNDRED);
    assert_eq!(s.areas[1].breakdown.computed, pts("6"), "no dossier: full points, as the rule says");
}

fn refused(change: impl FnOnce(&mut Vec<Entry>)) -> (String, String) {
    let mut e = full();
    change(&mut e);
    let err = score_sheet(&fw(), &sheet(e), ScoreBasis::Appraisal).unwrap_err();
    (err.code.to_owned(), err.field.unwrap_or_default())
}

#[test]
fn each_bad_entry_is_refused_with_its_path() {
    let r = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        refused(|e| e[0] = entry("A1", assessed("4.5", None, None))),
        r("par_points_above_max", "entries[0].self_score")
    );
    assert_eq!(
        refused(|e| e[1] = entry("A2", assessed("5", Some("-1"), Some("x")))),
        r("par_points_negative", "entries[1].appraised")
    );
    assert_eq!(
        refused(|e| e[0] = entry("A1", assessed("4", Some("3"), None))),
        r("par_appraisal_reason_missing", "entries[0].reason")
    );
    assert_eq!(
        refused(|e| e[0] = entry("A1", assessed("4", Some("3"), Some("  ")))),
        r("par_appraisal_reason_missing", "entries[0].reason")
    );
    assert_eq!(
        refused(|e| e[2] = entry("B1", Input::Survey { points: pts("4.01") })),
        r("par_points_above_max", "entries[2].points")
    );
    assert_eq!(
        refused(|e| e[2] = entry("B1", Input::Sipas { percent: Percent::whole(101) })),
        r("par_percent_out_of_range", "entries[2].percent")
    );
    assert_eq!(
        refused(|e| e[3] = entry("B2", Input::Computed { numerator: 5, denominator: 4 })),
        r("par_ratio_invalid", "entries[3].numerator")
    );
    assert_eq!(
        refused(|e| e[4] = entry("B3", Input::Adjustment { points: pts("2.5") })),
        r("par_points_above_max", "entries[4].points")
    );
    assert_eq!(
        refused(|e| e[3] = entry("B2", Input::Survey { points: pts("1") })),
        r("par_entry_kind", "entries[3].kind")
    );
    assert_eq!(
        refused(|e| e[0] = entry("A1", assessed("4", Some("3"), Some("chậm\u{7}")))),
        r("invalid_text", "entries[0].reason")
    );
    let long = "ạ".repeat(MAX_REASON_CHARS + 1);
    assert_eq!(
        refused(|e| e[0] = entry("A1", assessed("4", Some("3"), Some(&long)))),
        r("text_too_long", "entries[0].reason")
    );
    assert_eq!(refused(|e| e[5].code = "A1".into()), r("par_entry_duplicate", "entries[5].code"));
    assert_eq!(refused(|e| e[5].code = "Z9".into()), r("par_entry_unknown", "entries[5].code"));
    assert_eq!(refused(|e| drop(e.remove(1))), r("par_entry_missing", "entries"));
}

#[test]
fn control_characters_are_found_on_the_bytes() {
    for (text, control) in
        [("Lý do: thiếu\ngiấy tờ\t", false), ("a\u{0}", true), ("\u{7f}", true), ("x\u{85}y", true), ("Ā", false)]
    {
        assert_eq!(has_control(text), control, "{text:?}");
        assert_eq!(has_control(text), text.chars().any(|c| c.is_control() && !"\n\r\t".contains(c)));
    }
}

#[test]
fn an_equal_appraisal_needs_no_reason_and_adjustments_may_be_left_out() {
    let mut e = full();
    e.truncate(4);
    e[0] = entry("A1", assessed("4", Some("4"), None));
    assert!(score_sheet(&fw(), &sheet(e), ScoreBasis::Appraisal).is_ok());
}

#[test]
fn sheet_json_shape() {
    let s: Sheet = serde_json::from_str(
        r#"{"unit_code":"U1","unit_name":"Đơn vị 1","entries":[
            {"code":"A1","kind":"assessed","self_score":4,"appraised":3.5,"reason":"Chậm"},
            {"code":"B1","kind":"sipas","percent":82.66},
            {"code":"B2","kind":"computed","numerator":988,"denominator":1000},
            {"code":"B3","kind":"adjustment","points":0.5}]}"#,
    )
    .unwrap();
    assert_eq!(s.entries[0], entry("A1", assessed("4", Some("3.5"), Some("Chậm"))));
    assert_eq!(serde_json::from_str::<Sheet>(&serde_json::to_string(&s).unwrap()).unwrap(), s);
}
