use super::*;

fn ex(code: &str, percent: u8) -> Exemption {
    Exemption { code: code.into(), name: format!("Category {code}"), percent }
}

fn line<'a>(name: &'a str, amount: i64, at: Collection, exemptions: &'a [Exemption]) -> FeeLine<'a> {
    FeeLine { name, amount_vnd: amount, kind: FeeKind::Charge, collected_at: at, exemptions }
}

#[test]
fn the_fees_of_the_stage_are_summed() {
    let none: [Exemption; 0] = [];
    let fees = [
        line("Lệ phí cấp giấy", 50_000, Collection::Reception, &none),
        line("Phí thẩm định", 120_000, Collection::Reception, &none),
        line("Lệ phí trả kết quả", 30_000, Collection::Result, &none),
    ];
    let due = amount_due(&fees, Collection::Reception, None, &[]).unwrap();
    assert_eq!(due.total_vnd, 170_000);
    assert_eq!(due.lines.len(), 2);
    assert!(due.lines.iter().all(|l| l.reduction_vnd == 0 && l.exemption.is_none()));
    let at_result = amount_due(&fees, Collection::Result, None, &[]).unwrap();
    assert_eq!((at_result.total_vnd, at_result.lines[0].name.as_str()), (30_000, "Lệ phí trả kết quả"));
}

#[test]
fn an_exemption_applies_to_the_fees_that_define_it_rounded_for_the_applicant() {
    let half = [ex("ho-ngheo", 50)];
    let third = [ex("ho-ngheo", 33), ex("nguoi-co-cong", 100)];
    let fees = [
        line("A", 50_001, Collection::Reception, &half),
        line("B", 10_000, Collection::Reception, &third),
        line("C", 7_000, Collection::Reception, &[]),
    ];
    let due = amount_due(&fees, Collection::Reception, Some("ho-ngheo"), &[]).unwrap();
    // 50% of 50,001 is 25,000.5: the reduction is rounded down (25,000).
    assert_eq!((due.lines[0].reduction_vnd, due.lines[0].due_vnd), (25_000, 25_001));
    assert_eq!((due.lines[1].reduction_vnd, due.lines[1].due_vnd), (3_300, 6_700));
    assert_eq!((due.lines[2].reduction_vnd, due.lines[2].exemption.as_deref()), (0, None));
    assert_eq!(due.total_vnd, 25_001 + 6_700 + 7_000);
    let full = amount_due(&fees, Collection::Reception, Some("nguoi-co-cong"), &[]).unwrap();
    assert_eq!(full.lines[1].due_vnd, 0);
    assert_eq!(full.total_vnd, 50_001 + 7_000);
}

#[test]
fn an_exemption_no_fee_of_the_stage_defines_is_refused() {
    let e = [ex("ho-ngheo", 50)];
    let fees = [line("A", 1_000, Collection::Result, &e), line("B", 1_000, Collection::Reception, &[])];
    let err = amount_due(&fees, Collection::Reception, Some("ho-ngheo"), &[]).unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), ("unknown_exemption", Some("exemption")));
    // A blank exemption is none.
    assert_eq!(amount_due(&fees, Collection::Reception, Some("  "), &[]).unwrap().total_vnd, 1_000);
}

#[test]
fn nothing_due_and_a_stage_paid_are_refused() {
    let all = [ex("mien", 100)];
    let fees = [line("A", 1_000, Collection::Reception, &all), line("Z", 0, Collection::Supplement, &[])];
    assert_eq!(amount_due(&fees, Collection::Result, None, &[]).unwrap_err().code, "no_fee_due");
    assert_eq!(amount_due(&fees, Collection::Supplement, None, &[]).unwrap_err().code, "no_fee_due");
    assert_eq!(amount_due(&fees, Collection::Reception, Some("mien"), &[]).unwrap_err().code, "no_fee_due");
    let paid = amount_due(&fees, Collection::Reception, None, &[Collection::Reception]).unwrap_err();
    assert_eq!(paid.code, "fee_stage_paid");
}

#[test]
fn the_catalogue_check_names_every_bad_field() {
    let bad = [ex("", 10), ex("x", 0), ex("x", 101)];
    let fees = [line("A", -1, Collection::Reception, &bad)];
    let errs: Vec<(&str, String)> =
        check_fees(&fees).into_iter().map(|e| (e.code, e.field.unwrap_or_default())).collect();
    assert_eq!(
        errs,
        vec![
            ("negative_fee", "fees[0].amount_vnd".to_owned()),
            ("exemption_code_invalid", "fees[0].exemptions[0].code".to_owned()),
            ("exemption_percent_invalid", "fees[0].exemptions[1].percent".to_owned()),
            ("exemption_code_twice", "fees[0].exemptions[2].code".to_owned()),
            ("exemption_percent_invalid", "fees[0].exemptions[2].percent".to_owned()),
        ]
    );
    let good = [ex("a", 100), ex("b", 1)];
    assert!(check_fees(&[line("A", 0, Collection::Result, &good)]).is_empty());
}

#[test]
fn exemptions_offered_at_a_stage_are_those_of_its_fees_once_each() {
    let a = [ex("a", 10), ex("b", 20)];
    let b = [ex("b", 50), ex("c", 30)];
    let r = [ex("r", 5)];
    let fees = [
        line("1", 1, Collection::Reception, &a),
        line("2", 1, Collection::Reception, &b),
        line("3", 1, Collection::Result, &r),
    ];
    let codes: Vec<&str> = exemptions_at(&fees, Collection::Reception).iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["a", "b", "c"]);
    assert!(charges_fees(&fees));
    assert!(!charges_fees(&[line("0", 0, Collection::Reception, &[])]));
}

#[test]
fn a_payment_must_match_an_open_request_of_an_open_dossier() {
    assert!(check_payment(Status::PaymentRequested, Some(50_000), 50_000).is_ok());
    let e = check_payment(Status::PaymentRequested, Some(50_000), 49_999).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("payment_amount_mismatch", Some("amount")));
    assert_eq!(check_payment(Status::InProcess, None, 50_000).unwrap_err().code, "payment_not_requested");
    assert_eq!(check_payment(Status::InProcess, Some(50_000), 50_000).unwrap_err().code, "payment_not_requested");
    for closed in [Status::Withdrawn, Status::Stopped, Status::Handled, Status::Returned, Status::NotReceived] {
        assert_eq!(check_payment(closed, Some(50_000), 50_000).unwrap_err().code, "dossier_closed", "{closed:?}");
    }
}

#[test]
fn stages_are_the_national_hinh_thuc_thu_codes() {
    assert_eq!(Collection::ALL.map(Collection::code), [1, 2, 4]);
    assert_eq!(Collection::from_code(4), Some(Collection::Result));
    assert_eq!(Collection::from_code(3), None);
    assert_eq!(serde_json::to_string(&Collection::Supplement).unwrap(), "\"supplement\"");
    assert_eq!(Collection::parse("result"), Some(Collection::Result));
    assert_eq!(FeeKind::parse("fee"), Some(FeeKind::Fee));
    assert_eq!(FeeKind::default(), FeeKind::Charge);
}

#[test]
fn amounts_are_grouped_by_thousands_with_dots() {
    assert_eq!(grouped(0), "0");
    assert_eq!(grouped(950), "950");
    assert_eq!(grouped(50_000), "50.000");
    assert_eq!(grouped(1_250_000), "1.250.000");
    assert_eq!(grouped(-1_000), "-1.000");
}
