//! The envelope and the status reply: what is built is parsed back to the
//! same value, the XML has the element names of the public samples, and
//! every bad input is refused with its code and the element it concerns.

use chrono::{NaiveDate, NaiveDateTime};
use motcua_edxml::{
    Attachment, BusinessType, Code, Envelope, Organ, OrganId, Priority, ResponseFor, Secrecy, Signer, Staff,
    StatusCode, StatusReply, Trace, build, build_status, parse, parse_status,
};

fn id(s: &str) -> OrganId {
    OrganId::parse(s).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn envelope() -> Envelope {
    let mut from = Organ::new(id("000.00.00.H30"), "UBND tỉnh Hậu Giang");
    from.in_charge = Some("Chính phủ".into());
    from.email = Some("vanthu@haugiang.gov.vn".into());
    Envelope {
        from,
        to: vec![Organ::new(id("000.00.04.G18"), "Bộ Nội vụ"), Organ::new(id("000.00.04.G14"), "Văn phòng Chính phủ")],
        code: Code { number: "05".into(), notation: "UBND-VP".into() },
        place: "Hậu Giang".into(),
        promulgation_date: day(2026, 3, 4),
        type_code: 18,
        type_name: "Công văn".into(),
        subject: "V/v báo cáo kết quả cải cách hành chính quý I & II <năm 2026>".into(),
        content: Some("Tóm tắt nội dung".into()),
        signer: Signer {
            competence: Some("KT. CHỦ TỊCH".into()),
            position: "Phó Chủ tịch".into(),
            full_name: "Nguyễn Văn A".into(),
        },
        due_date: Some(day(2026, 3, 20)),
        to_places: vec!["Như trên".into(), "Lưu: VT".into()],
        priority: Priority::Urgent,
        steering_type: Some(1),
        document_id: "000.00.00.H30,2026/03/04,05/UBND-VP".into(),
        response_for: vec![ResponseFor {
            organ_id: id("000.00.04.G18"),
            code: "267/BNV-CCHC".into(),
            promulgation_date: day(2026, 2, 10),
            document_id: "000.00.04.G18,2026/02/10,267/BNV-CCHC".into(),
        }],
        trace: vec![Trace { organ_id: id("000.00.00.H30"), timestamp: at("2026-03-04 09:05:07") }],
        business: BusinessType::New,
        business_reason: None,
        secrecy: None,
        attachments: vec![Attachment {
            content_id: "a1b2c3".into(),
            name: "05-UBND-VP.pdf".into(),
            content_type: "application/pdf".into(),
            description: Some("Văn bản chính".into()),
            bytes: b"%PDF-1.7\n\x00\x01\xff binary".to_vec(),
        }],
    }
}

#[test]
fn an_envelope_round_trips() {
    let e = envelope();
    let bytes = build(&e).unwrap();
    assert_eq!(parse(&bytes).unwrap(), e);
    for business in [BusinessType::Revoke, BusinessType::Update, BusinessType::Replace] {
        let e = Envelope { business, business_reason: Some("Sai sót nội dung".into()), ..envelope() };
        assert_eq!(parse(&build(&e).unwrap()).unwrap(), e);
    }
    // Optional parts left out come back as left out.
    let bare = Envelope {
        content: None,
        due_date: None,
        to_places: vec![],
        steering_type: None,
        response_for: vec![],
        trace: vec![],
        attachments: vec![],
        priority: Priority::Normal,
        ..envelope()
    };
    assert_eq!(parse(&build(&bare).unwrap()).unwrap(), bare);
}

#[test]
fn the_xml_has_the_sample_element_names() {
    let xml = String::from_utf8(build(&envelope()).unwrap()).unwrap();
    for part in [
        "xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"",
        "<edXML:edXMLEnvelope><edXML:edXMLHeader><edXML:MessageHeader><edXML:From><edXML:OrganId>000.00.00.H30</edXML:OrganId>",
        "<edXML:To><edXML:OrganId>000.00.04.G18</edXML:OrganId><edXML:OrganName>Bộ Nội vụ</edXML:OrganName></edXML:To>",
        "<edXML:Code><edXML:CodeNumber>05</edXML:CodeNumber><edXML:CodeNotation>UBND-VP</edXML:CodeNotation></edXML:Code>",
        "<edXML:PromulgationDate>2026/03/04</edXML:PromulgationDate>",
        "<edXML:DocumentType><edXML:Type>18</edXML:Type>",
        "quý I &amp; II &lt;năm 2026&gt;",
        "<edXML:DocumentId>000.00.00.H30,2026/03/04,05/UBND-VP</edXML:DocumentId>",
        "<edXML:Timestamp>2026/03/04 09:05:07</edXML:Timestamp>",
        "<edXML:Bussiness><edXML:BussinessDocType>0</edXML:BussinessDocType>",
        "<edXML:Reference xlink:href=\"cid:a1b2c3\">",
        "<edXML:ContentTransferEncoded>JVBERi0xLjcKAAH/IGJpbmFyeQ==</edXML:ContentTransferEncoded>",
    ] {
        assert!(xml.contains(part), "missing {part} in {xml}");
    }
}

#[test]
fn the_default_namespace_spelling_is_read_too() {
    // The same message written with the namespace as the default and no
    // prefix, as some samples do.
    let xml = String::from_utf8(build(&envelope()).unwrap()).unwrap();
    let unprefixed = xml.replace("edXML:", "").replace("xmlns:edXML=", "xmlns:unused=");
    assert_eq!(parse(unprefixed.as_bytes()).unwrap(), envelope());
}

#[test]
fn a_pretty_printed_message_reads_the_same() {
    let xml = String::from_utf8(build(&envelope()).unwrap()).unwrap();
    let pretty = xml.replace("><", ">\n    <").replace("<edXML:Subject>", "<edXML:Subject>\n      ");
    assert_eq!(parse(pretty.as_bytes()).unwrap(), envelope());
}

fn refused(bytes: &[u8]) -> (&'static str, String) {
    let e = parse(bytes).unwrap_err();
    (e.code, e.field.unwrap_or_default())
}

fn edit(from: &str, to: &str) -> Vec<u8> {
    let xml = String::from_utf8(build(&envelope()).unwrap()).unwrap();
    assert!(xml.contains(from), "{from}");
    xml.replacen(from, to, 1).into_bytes()
}

#[test]
fn a_wrong_namespace_or_no_xml_is_refused() {
    let wrong = edit("\"http://www.mic.gov.vn/TBT/QCVN_102_2016\" xmlns:edXML", "\"urn:other\" xmlns:edXML");
    let wrong = String::from_utf8(wrong)
        .unwrap()
        .replace("xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"", "xmlns:edXML=\"urn:other\"");
    assert_eq!(refused(wrong.as_bytes()), ("edxml_namespace", "edXML".into()));
    let e = parse(wrong.as_bytes()).unwrap_err();
    assert!(e.message_vi.contains("http://www.mic.gov.vn/TBT/QCVN_102_2016"), "{}", e.message_vi);
    assert_eq!(refused(b"not xml at all <"), ("edxml_malformed", "edXML".into()));
    assert_eq!(refused(b"<a><b></a>"), ("edxml_malformed", "edXML".into()));
    assert_eq!(refused(&[0xff, 0xfe, b'<']), ("edxml_malformed", "edXML".into()));
    assert_eq!(refused(b""), ("edxml_malformed", "edXML".into()));
}

#[test]
fn recipients_are_required_and_never_twice() {
    let none = Envelope { to: vec![], ..envelope() };
    let e = build(&none).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("edxml_no_recipient", Some("MessageHeader/To")));
    let twice = String::from_utf8(edit("000.00.04.G14</edXML:OrganId>", "000.00.04.G18</edXML:OrganId>")).unwrap();
    assert_eq!(refused(twice.as_bytes()), ("edxml_duplicate_recipient", "MessageHeader/To[2]/OrganId".into()));
    let e = parse(twice.as_bytes()).unwrap_err();
    assert!(e.message_en.contains("000.00.04.G18") && e.message_vi.contains("000.00.04.G18"));
    let removed = String::from_utf8(build(&envelope()).unwrap()).unwrap();
    let start = removed.find("<edXML:To>").unwrap();
    let end = removed.rfind("</edXML:To>").unwrap() + "</edXML:To>".len();
    let no_to = format!("{}{}", &removed[..start], &removed[end..]);
    assert_eq!(refused(no_to.as_bytes()), ("edxml_no_recipient", "MessageHeader/To".into()));
    let bad = edit("<edXML:OrganId>000.00.04.G14<", "<edXML:OrganId>000.00.04.14<");
    assert_eq!(refused(&bad), ("edxml_organ_id", "MessageHeader/To[2]/OrganId".into()));
}

#[test]
fn a_subject_over_500_characters_is_refused_and_500_accepted() {
    // 500 Vietnamese characters are more than 500 bytes: the limit counts characters.
    let at_limit = Envelope { subject: "ạ".repeat(500), ..envelope() };
    assert_eq!(parse(&build(&at_limit).unwrap()).unwrap().subject.chars().count(), 500);
    let long = Envelope { subject: "ạ".repeat(501), ..envelope() };
    let e = build(&long).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("edxml_too_long", Some("MessageHeader/Subject")));
    assert!(e.message_en.contains("500"));
    let received = edit("<edXML:Subject>", &format!("<edXML:Subject>{}", "x".repeat(500)));
    assert_eq!(refused(&received), ("edxml_too_long", "MessageHeader/Subject".into()));
    let empty = Envelope { subject: "  ".into(), ..envelope() };
    assert_eq!(build(&empty).unwrap_err().code, "edxml_required");
}

#[test]
fn malformed_dates_and_codes_are_refused_with_their_element() {
    let cases = [
        (
            ("2026/03/04</edXML:PromulgationDate>", "04/03/2026</edXML:PromulgationDate>"),
            ("edxml_bad_date", "MessageHeader/PromulgationInfo/PromulgationDate"),
        ),
        (("<edXML:DueDate>2026/03/20", "<edXML:DueDate>2026/02/30"), ("edxml_bad_date", "MessageHeader/DueDate")),
        (
            ("2026/03/04 09:05:07", "2026-03-04T09:05:07"),
            ("edxml_bad_date", "TraceHeaderList/TraceHeader[1]/Timestamp"),
        ),
        (("<edXML:Priority>1<", "<edXML:Priority>7<"), ("edxml_bad_value", "MessageHeader/OtherInfo/Priority")),
        (
            ("<edXML:BussinessDocType>0<", "<edXML:BussinessDocType>4<"),
            ("edxml_bad_value", "TraceHeaderList/Bussiness/BussinessDocType"),
        ),
        (("<edXML:Type>18<", "<edXML:Type>công văn<"), ("edxml_bad_value", "MessageHeader/DocumentType/Type")),
        (
            ("JVBERi0xLjcKAAH/IGJpbmFyeQ==", "not base64!"),
            ("edxml_bad_base64", "AttachmentEncoded/Attachment[1]/ContentTransferEncoded"),
        ),
        (
            ("<edXML:DocumentId>000.00.00.H30,2026/03/04,05/UBND-VP<", "<edXML:DocumentId> <"),
            ("edxml_required", "MessageHeader/DocumentId"),
        ),
    ];
    for ((from, to), (code, field)) in cases {
        assert_eq!(refused(&edit(from, to)), (code, field.to_owned()), "{from} -> {to}");
    }
    let e = parse(&edit("2026/03/04</edXML:PromulgationDate>", "4.3.2026</edXML:PromulgationDate>")).unwrap_err();
    assert!(e.message_en.contains("yyyy/MM/dd"), "{}", e.message_en);
    let early = Envelope { due_date: Some(day(2026, 3, 1)), ..envelope() };
    let e = build(&early).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("edxml_due_before_date", Some("MessageHeader/DueDate")));
}

#[test]
fn a_secret_document_is_never_built() {
    for mark in [Secrecy::Secret, Secrecy::TopSecret, Secrecy::UltraSecret] {
        let e = build(&Envelope { secrecy: Some(mark), ..envelope() }).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("edxml_secret", Some("Secrecy")));
        assert!(e.message_vi.contains("mật"), "{}", e.message_vi);
    }
}

#[test]
fn attachments_need_a_name_within_200_characters_and_distinct_ids() {
    let mut e = envelope();
    e.attachments[0].name = "a".repeat(201);
    let err = build(&e).unwrap_err();
    assert_eq!(
        (err.code, err.field.as_deref()),
        ("edxml_too_long", Some("AttachmentEncoded/Attachment[1]/AttachmentName"))
    );
    let mut e = envelope();
    e.attachments.push(e.attachments[0].clone());
    let err = build(&e).unwrap_err();
    assert_eq!(
        (err.code, err.field.as_deref()),
        ("edxml_duplicate_attachment", Some("AttachmentEncoded/Attachment[2]/ContentId"))
    );
}

fn reply(code: StatusCode) -> StatusReply {
    StatusReply {
        response_for: ResponseFor {
            organ_id: id("000.00.00.H30"),
            code: "05/UBND-VP".into(),
            promulgation_date: day(2026, 3, 4),
            document_id: "000.00.00.H30,2026/03/04,05/UBND-VP".into(),
        },
        from: Organ::new(id("000.00.04.G18"), "Bộ Nội vụ"),
        code,
        description: Some("Đã vào sổ văn bản đến".into()),
        timestamp: at("2026-03-04 10:00:00"),
        staff: Staff {
            department: Some("Văn thư".into()), name: Some("Trần Thị B".into()), email: None, mobile: None
        },
    }
}

#[test]
fn every_status_code_round_trips_with_its_two_digits() {
    let expected = ["01", "02", "03", "04", "05", "06", "13", "15", "16"];
    for (code, digits) in StatusCode::ALL.into_iter().zip(expected) {
        assert_eq!(code.code(), digits);
        assert_eq!(StatusCode::from_code(digits), Some(code));
        let r = reply(code);
        let bytes = build_status(&r).unwrap();
        assert!(String::from_utf8_lossy(&bytes).contains(&format!("<edXML:StatusCode>{digits}</edXML:StatusCode>")));
        let back = parse_status(&bytes).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.to().as_str(), "000.00.00.H30");
    }
    for unknown in ["00", "07", "12", "14", "17", "1", "ab"] {
        assert_eq!(StatusCode::from_code(unknown), None, "{unknown}");
    }
}

#[test]
fn bad_status_replies_are_refused() {
    let xml = String::from_utf8(build_status(&reply(StatusCode::Accepted)).unwrap()).unwrap();
    let bad = xml.replace("<edXML:StatusCode>03<", "<edXML:StatusCode>07<");
    let e = parse_status(bad.as_bytes()).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("edxml_bad_value", Some("Status/StatusCode")));
    let bad = xml.replace("2026/03/04 10:00:00", "yesterday");
    assert_eq!(parse_status(bad.as_bytes()).unwrap_err().code, "edxml_bad_date");
    let refusal = StatusReply { description: None, ..reply(StatusCode::Refused) };
    let e = build_status(&refusal).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), ("edxml_reason_required", Some("Status/Description")));
    // An envelope is not a status reply, nor the other way round.
    assert_eq!(
        parse_status(&build(&envelope()).unwrap()).unwrap_err().field.as_deref(),
        Some("edXMLEnvelope/edXMLHeader/Status")
    );
    assert_eq!(parse(xml.as_bytes()).unwrap_err().field.as_deref(), Some("edXMLEnvelope/edXMLHeader/MessageHeader"));
}
