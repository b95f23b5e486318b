use super::*;

fn field(key: &str, kind: FieldKind, required: bool) -> EformField {
    EformField {
        key: key.into(),
        label_vi: format!("Nhãn {key}"),
        label_en: None,
        kind,
        required,
        max_length: None,
        options: if kind == FieldKind::Choice { vec!["Nam".into(), "Nữ".into()] } else { vec![] },
    }
}

fn def() -> EformDefinition {
    EformDefinition {
        title_vi: "Tờ khai đăng ký khai sinh".into(),
        title_en: None,
        component: "Tờ khai".into(),
        fields: vec![
            EformField { max_length: Some(10), ..field("name", FieldKind::Text, true) },
            field("note", FieldKind::LongText, false),
            field("born", FieldKind::Date, true),
            field("weight", FieldKind::Number, false),
            field("sex", FieldKind::Choice, true),
            field("pledge", FieldKind::YesNo, true),
            field("copy", FieldKind::YesNo, false),
        ],
    }
}

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn codes(errors: &[RuleError]) -> Vec<(&'static str, String)> {
    errors.iter().map(|e| (e.code, e.field.clone().unwrap_or_default())).collect()
}

#[test]
fn good_values_are_normalised_in_the_definitions_order() {
    let v = values(&[
        ("sex", "Nữ"),
        ("name", "  An  "),
        ("born", "4/3/2026"),
        ("weight", "3 200"),
        ("pledge", "yes"),
        ("note", "dòng 1\r\ndòng 2"),
    ]);
    let out = check_values(&def(), &v).unwrap();
    let got: Vec<(&str, &str)> = out.iter().map(|f| (f.key.as_str(), f.value.as_str())).collect();
    assert_eq!(
        got,
        [
            ("name", "An"),
            ("note", "dòng 1\ndòng 2"),
            ("born", "04/03/2026"),
            ("weight", "3200"),
            ("sex", "Nữ"),
            ("pledge", "yes"),
            ("copy", "no")
        ]
    );
    assert_eq!(out[5].printed_vi(), "Có");
    assert_eq!(out[6].printed_vi(), "Không");
}

#[test]
fn every_problem_is_reported_at_once_each_naming_its_field() {
    let v = values(&[
        ("name", "Nguyễn Văn An dài"),
        ("born", "31/02/2026"),
        ("weight", "3,2kg"),
        ("sex", "Khác"),
        ("copy", "maybe"),
        ("extra", "x"),
    ]);
    let errors = check_values(&def(), &v).unwrap_err();
    assert_eq!(
        codes(&errors),
        [
            ("eform_unknown_field", "eform.extra".to_owned()),
            ("eform_too_long", "eform.name".to_owned()),
            ("eform_not_a_date", "eform.born".to_owned()),
            ("eform_not_a_number", "eform.weight".to_owned()),
            ("eform_not_an_option", "eform.sex".to_owned()),
            ("eform_required", "eform.pledge".to_owned()),
            ("eform_not_yes_no", "eform.copy".to_owned()),
        ]
    );
    // The messages name the field by its label, never the value typed.
    let too_long = &errors[1];
    assert!(too_long.message_vi.contains("Nhãn name"), "{}", too_long.message_vi);
    assert!(!errors.iter().any(|e| e.message_vi.contains("Nguyễn") || e.message_en.contains("3,2kg")));
}

#[test]
fn required_fields_left_empty_are_refused_and_optional_ones_kept_empty() {
    let errors = check_values(&def(), &values(&[("name", "   ")])).unwrap_err();
    let required: Vec<String> =
        errors.iter().filter(|e| e.code == "eform_required").map(|e| e.field.clone().unwrap()).collect();
    assert_eq!(required, ["eform.name", "eform.born", "eform.sex", "eform.pledge"]);
    let ok = check_values(
        &def(),
        &values(&[("name", "An"), ("born", "2026-03-04"), ("sex", "Nam"), ("pledge", "on"), ("weight", "")]),
    )
    .unwrap();
    assert_eq!(ok[3].value, "");
    assert_eq!(ok[2].value, "04/03/2026");
}

#[test]
fn dates_as_vietnamese_users_type_them_and_iso() {
    let d = |s| parse_date(s).map(|d| d.format("%Y-%m-%d").to_string());
    assert_eq!(d("04/03/2026").as_deref(), Some("2026-03-04"));
    assert_eq!(d("4/3/2026").as_deref(), Some("2026-03-04"));
    assert_eq!(d("04-03-2026").as_deref(), Some("2026-03-04"));
    assert_eq!(d("04.03.2026").as_deref(), Some("2026-03-04"));
    assert_eq!(d("2026-03-04").as_deref(), Some("2026-03-04"));
    assert_eq!(d("29/02/2024").as_deref(), Some("2024-02-29"));
    for bad in ["29/02/2025", "2026/03/04", "04/03/26", "4 tháng 3 2026", "", "00/01/2026", "1/13/2026", "2026-3-4"] {
        assert_eq!(d(bad), None, "{bad}");
    }
}

#[test]
fn whole_numbers_only() {
    assert_eq!(parse_number("42"), Some(42));
    assert_eq!(parse_number("-7"), Some(-7));
    assert_eq!(parse_number("1 000 000"), Some(1_000_000));
    for bad in ["1.5", "1,000", "abc", "-", "", "12a", "9999999999999999999"] {
        assert_eq!(parse_number(bad), None, "{bad}");
    }
}

#[test]
fn a_good_definition_is_normalised() {
    let mut d = def();
    d.title_vi = "  Tờ khai  ".into();
    d.title_en = Some("  ".into());
    d.fields[2].max_length = Some(50); // a date has no length
    d.fields[4].options = vec![" Nam ".into(), "".into(), "Nữ".into()];
    let ok = check_definition(&d, &["Tờ khai".into()]).unwrap();
    assert_eq!(ok.title_vi, "Tờ khai");
    assert_eq!(ok.title_en, None);
    assert_eq!(ok.fields[2].max_length, None);
    assert_eq!(ok.fields[4].options, ["Nam", "Nữ"]);
    assert_eq!(ok.fields[0].max_chars(), 10);
    assert_eq!(ok.fields[1].max_chars(), DEFAULT_LONG as usize);
}

#[test]
fn every_definition_problem_is_reported_on_its_input() {
    let d = EformDefinition {
        title_vi: " ".into(),
        title_en: None,
        component: "Không có".into(),
        fields: vec![
            EformField { key: "Họ tên".into(), ..field("a", FieldKind::Text, true) },
            EformField { label_vi: "".into(), ..field("b", FieldKind::Text, true) },
            field("b", FieldKind::Date, false),
            EformField { max_length: Some(0), ..field("c", FieldKind::LongText, false) },
            EformField { options: vec!["Một".into(), "Một".into()], ..field("d", FieldKind::Choice, false) },
            EformField { options: vec!["Một".into()], ..field("e", FieldKind::Choice, false) },
            EformField { key: "".into(), ..field("f", FieldKind::Number, false) },
        ],
    };
    let errors = check_definition(&d, &["Tờ khai".into()]).unwrap_err();
    assert_eq!(
        codes(&errors),
        [
            ("eform_label_required", "title_vi".to_owned()),
            ("eform_component_unknown", "component".to_owned()),
            ("eform_key_invalid", "fields[0].key".to_owned()),
            ("eform_label_required", "fields[1].label_vi".to_owned()),
            ("eform_key_taken", "fields[2].key".to_owned()),
            ("eform_max_length_invalid", "fields[3].max_length".to_owned()),
            ("eform_option_repeated", "fields[4].options".to_owned()),
            ("eform_options_required", "fields[4].options".to_owned()),
            ("eform_options_required", "fields[5].options".to_owned()),
            ("eform_key_required", "fields[6].key".to_owned()),
        ]
    );
    let empty = EformDefinition { fields: vec![], ..def() };
    assert_eq!(
        codes(&check_definition(&empty, &["Tờ khai".into()]).unwrap_err()),
        [("eform_no_fields", "fields".into())]
    );
}

#[test]
fn kinds_round_trip_through_their_names_and_json() {
    for k in FieldKind::ALL {
        assert_eq!(FieldKind::parse(k.as_str()), Some(k));
        assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.as_str()));
    }
    let d = def();
    let back: EformDefinition = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(back, d);
}
