//! `identify` reads who sent a message and which document it is about even
//! when `parse` refuses it, so the refusal can be logged and answered.

use chrono::NaiveDate;
use motcua_edxml::{
    BusinessType, Code, Envelope, MessageKind, Organ, OrganId, Priority, ResponseFor, Signer, Staff, StatusCode,
    StatusReply, build, build_status, identify, parse,
};

fn id(s: &str) -> OrganId {
    OrganId::parse(s).unwrap()
}

fn envelope() -> Envelope {
    Envelope {
        from: Organ::new(id("000.00.00.H30"), "UBND tỉnh Hậu Giang"),
        to: vec![Organ::new(id("000.00.04.G18"), "Bộ Nội vụ")],
        code: Code { number: "05".into(), notation: "UBND-VP".into() },
        place: "Hậu Giang".into(),
        promulgation_date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        type_code: 18,
        type_name: "Công văn".into(),
        subject: "V/v báo cáo".into(),
        content: None,
        signer: Signer::default(),
        due_date: None,
        to_places: vec![],
        priority: Priority::Normal,
        steering_type: None,
        document_id: "000.00.00.H30,2026/03/04,05/UBND-VP".into(),
        response_for: vec![],
        trace: vec![],
        business: BusinessType::Update,
        business_reason: Some("Sửa".into()),
        secrecy: None,
        attachments: vec![],
    }
}

#[test]
fn a_refused_document_is_still_identified() {
    let good = String::from_utf8(build(&envelope()).unwrap()).unwrap();
    // A priority outside the list: parse refuses it.
    let bad = good.replace(">0</edXML:Priority>", ">9</edXML:Priority>");
    assert_ne!(bad, good, "the sample writes a Priority");
    assert_eq!(parse(bad.as_bytes()).unwrap_err().code, "edxml_bad_value");
    let i = identify(bad.as_bytes());
    assert_eq!(i.kind, MessageKind::Document);
    assert_eq!(i.from, Some(id("000.00.00.H30")));
    assert_eq!(i.document_id.as_deref(), Some("000.00.00.H30,2026/03/04,05/UBND-VP"));
    assert_eq!(i.code.as_deref(), Some("05/UBND-VP"));
    assert_eq!(i.promulgation_date, NaiveDate::from_ymd_opt(2026, 3, 4));
    assert_eq!(i.business_type, Some(2));
}

#[test]
fn a_status_reply_and_garbage() {
    let reply = StatusReply {
        response_for: ResponseFor {
            organ_id: id("000.00.00.H30"),
            code: "05/UBND-VP".into(),
            promulgation_date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
            document_id: "doc-1".into(),
        },
        from: Organ::new(id("000.00.04.G18"), "Bộ Nội vụ"),
        code: StatusCode::Arrived,
        description: None,
        timestamp: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap().and_hms_opt(9, 0, 0).unwrap(),
        staff: Staff::default(),
    };
    let i = identify(&build_status(&reply).unwrap());
    assert_eq!(
        (i.kind, i.from, i.document_id.as_deref()),
        (MessageKind::Status, Some(id("000.00.04.G18")), Some("doc-1"))
    );
    let i = identify(b"not xml at all");
    assert_eq!((i.kind, i.from, i.document_id), (MessageKind::Unknown, None, None));
}
