use super::*;

fn fact(id: i64, path: &str, level: &str, name: &str) -> UnitFact {
    UnitFact { unit: UnitRef { id, path: path.into() }, level: level.into(), name: name.into() }
}

fn province() -> UnitFact {
    fact(1, "/1/", "province", "Tỉnh Cao Bằng")
}
fn centre() -> UnitFact {
    fact(2, "/1/2/", "centre", "Trung tâm Phục vụ hành chính công")
}
fn department() -> UnitFact {
    fact(3, "/1/3/", "department", "Sở Tư pháp")
}
fn commune(id: i64) -> UnitFact {
    fact(id, &format!("/1/{id}/"), "commune", &format!("Xã {id}"))
}

fn step(unit: StepUnit) -> StepSpec {
    StepSpec { name: "Thẩm định".into(), unit, role: Role::Specialist, share: 1 }
}

#[test]
fn one_commune_procedure_routes_to_whichever_commune_received_it() {
    let agency = commune(10);
    let steps = [step(StepUnit::Implementing), step(StepUnit::Receiving)];
    for id in [10, 11] {
        let upward = [commune(id), province()];
        let facts = RoutingFacts { upward: &upward, procedure_level: "commune", agency: &agency };
        let route = resolve_route(&steps, &facts).unwrap();
        assert_eq!(route.iter().map(|u| u.id).collect::<Vec<_>>(), vec![id, id]);
        assert!(may_receive(&facts, &[]));
    }
}

#[test]
fn a_province_procedure_received_at_the_centre_goes_to_its_department() {
    let agency = department();
    let upward = [centre(), province()];
    let facts = RoutingFacts { upward: &upward, procedure_level: "province", agency: &agency };
    let steps = [
        step(StepUnit::Implementing),
        step(StepUnit::Ancestor { level: "province".into() }),
        step(StepUnit::Fixed(commune(12).unit)),
    ];
    let route = resolve_route(&steps, &facts).unwrap();
    assert_eq!(route.iter().map(|u| u.id).collect::<Vec<_>>(), vec![3, 1, 12]);
    assert!(may_receive(&facts, &[]));
    // The department's own counter may receive it; a commune may not,
    // unless an administrator added it.
    let at_department = [department(), province()];
    assert!(may_receive(&RoutingFacts { upward: &at_department, ..facts }, &[]));
    let at_commune = [commune(11), province()];
    let facts = RoutingFacts { upward: &at_commune, ..facts };
    assert!(!may_receive(&facts, &[]));
    assert!(may_receive(&facts, &[11]));
}

#[test]
fn a_step_that_cannot_be_resolved_names_the_step_and_the_missing_unit() {
    // A commune procedure handed in at the centre has no commune.
    let agency = commune(10);
    let upward = [centre(), province()];
    let facts = RoutingFacts { upward: &upward, procedure_level: "commune", agency: &agency };
    let steps = [step(StepUnit::Receiving), step(StepUnit::Implementing)];
    let err = resolve_route(&steps, &facts).unwrap_err();
    assert_eq!(err.code, "step_unit_unresolved");
    assert_eq!(err.field.as_deref(), Some("workflow[1].unit"));
    assert!(err.message_vi.contains("Bước 2") && err.message_vi.contains("cấp xã"), "{}", err.message_vi);
    assert!(err.message_en.contains("Trung tâm Phục vụ"), "{}", err.message_en);
    assert!(!may_receive(&facts, &[]));

    let steps = [step(StepUnit::Ancestor { level: "district".into() })];
    let err = resolve_route(&steps, &facts).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("workflow[0].unit"));
    assert!(err.message_en.contains("district"), "{}", err.message_en);
}

#[test]
fn another_province_may_not_receive() {
    let agency = commune(10);
    let upward = [fact(20, "/19/20/", "commune", "Xã khác"), fact(19, "/19/", "province", "Tỉnh khác")];
    let facts = RoutingFacts { upward: &upward, procedure_level: "commune", agency: &agency };
    assert!(!may_receive(&facts, &[]));
    let at_centre = [fact(21, "/19/21/", "centre", "Trung tâm khác")];
    let department = department();
    assert!(!may_receive(&RoutingFacts { upward: &at_centre, procedure_level: "province", agency: &department }, &[]));
}

#[test]
fn the_workflow_pairs_each_step_with_its_unit() {
    let steps = [step(StepUnit::Receiving), step(StepUnit::Implementing)];
    let route = [commune(10).unit, department().unit];
    let wf = workflow_for(&steps, &route);
    assert_eq!(wf.len(), 2);
    assert_eq!(wf[1].unit.id, 3);
    assert_eq!(wf[1].role, Role::Specialist);
}
