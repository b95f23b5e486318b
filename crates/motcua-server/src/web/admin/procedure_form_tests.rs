use super::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[test]
fn empty_rows_are_dropped_and_the_rest_keep_their_order() {
    let f = ProcedureForm::from_fields(&pairs(&[
        ("workflow[0].name", "Thẩm định"),
        ("workflow[0].unit_code", "H11.100"),
        ("workflow[0].role", "specialist"),
        ("workflow[0].share", "2"),
        ("workflow[1].name", ""),
        ("workflow[1].unit_code", ""),
        ("workflow[1].role", "specialist"),
        ("workflow[1].share", ""),
        ("workflow[2].name", "Phê duyệt"),
        ("workflow[2].unit_code", "H11.100"),
        ("workflow[2].role", "leader"),
        ("workflow[2].share", "1"),
        ("components[0].name", ""),
        ("components[0].originals", "1"),
        ("components[0].required", "on"),
        ("fees[7].amount_vnd", "50.000"),
        ("fees[7].name", "Lệ phí"),
        ("workflow[99999999999].name", "ignored"),
    ]));
    assert_eq!(f.workflow.len(), 2);
    assert_eq!(f.workflow[1].name, "Phê duyệt");
    assert!(f.components.is_empty());
    assert_eq!(f.fees.len(), 1);
    assert_eq!(money(&f.fees[0].amount_vnd, "x").unwrap(), 50_000);
}

#[test]
fn a_step_unit_is_chosen_by_kind_and_only_its_own_detail_is_kept() {
    let f = ProcedureForm::from_fields(&pairs(&[
        ("workflow[0].name", "Thẩm định"),
        ("workflow[0].unit", "implementing"),
        ("workflow[0].role", "specialist"),
        ("workflow[0].share", "2"),
        ("workflow[1].name", "Ý kiến của tỉnh"),
        ("workflow[1].unit", "ancestor"),
        ("workflow[1].unit_level", "province"),
        ("workflow[1].role", "leader"),
        ("workflow[1].share", "1"),
        ("extra_receivers", "h11.ttpvhcc, H11.101\nH11.102"),
    ]));
    let mut f = ProcedureForm { field_code: "HOTICH".into(), agency_unit_code: "H11.100".into(), ..f };
    f.level = "commune".into();
    f.amount = "3".into();
    f.time_unit = "working_days".into();
    f.online_level = "partial".into();
    f.publication_status = "published".into();
    let d = f.to_data(None).unwrap();
    assert_eq!(d.workflow[0].unit, StepUnitKind::Implementing);
    assert_eq!((d.workflow[0].unit_level.as_deref(), d.workflow[0].unit_code.as_str()), (None, ""));
    assert_eq!(d.workflow[1].unit, StepUnitKind::Ancestor);
    assert_eq!(d.workflow[1].unit_level.as_deref(), Some("province"));
    assert_eq!(d.extra_receivers, vec!["H11.TTPVHCC", "H11.101", "H11.102"]);
    f.workflow[0].unit = "somewhere".into();
    assert_eq!(f.to_data(None).unwrap_err().field.as_deref(), Some("workflow[0].unit"));
    f.workflow[0].unit = "fixed".into();
    f.workflow[0].unit_code = " ".into();
    assert_eq!(f.to_data(None).unwrap_err().field.as_deref(), Some("workflow[0].unit_code"));
}

#[test]
fn errors_name_the_field_as_the_api_does() {
    let mut f = ProcedureForm::blank();
    f.amount = "mười".into();
    f.field_code = "HOTICH".into();
    f.agency_unit_code = "H11.100".into();
    assert_eq!(f.to_data(None).unwrap_err().field.as_deref(), Some("time_limit.amount"));
    f.amount = "5".into();
    f.workflow.push(StepRow {
        name: "A".into(),
        unit_code: "H11".into(),
        role: "citizen?".into(),
        share: "1".into(),
        ..StepRow::default()
    });
    assert_eq!(f.to_data(None).unwrap_err().field.as_deref(), Some("workflow[0].role"));
    assert_eq!(parse_date("04/03/2026"), NaiveDate::from_ymd_opt(2026, 3, 4));
}
