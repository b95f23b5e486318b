use super::*;
use crate::error::ErrorKind;

fn assert_err<T: fmt::Debug>(r: Result<T, RuleError>, code: &str, field: &str) {
    let e = r.unwrap_err();
    assert_eq!(e.code, code);
    assert_eq!(e.field.as_deref(), Some(field));
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert!(!e.message_vi.is_empty() && !e.message_en.is_empty());
}

fn phone(s: &str) -> PhoneNumber {
    PhoneNumber::parse(s, "phone").unwrap()
}

fn id(s: &str) -> CitizenId {
    CitizenId::parse(s, "id").unwrap()
}

#[test]
fn phones_are_normalised_to_the_national_form() {
    for s in [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        "+84912345678",
        "+84 912 345 678",
        "84912345678",
        "  (+84) 91 234 5678 ",
    ] {
        assert_eq!(phone(s).as_str(), "0912345678", "{s:?}");
    }
    for s in ["0312345678", "0512345678", "0712345678", "0812345678"] {
        assert!(phone(s).is_mobile());
    }
    let fixed = phone("(024) 3825 1234");
    assert_eq!(fixed.as_str(), "02438251234");
    assert!(!fixed.is_mobile());
    assert_eq!(phone("+84 206 385 1234").as_str(), "02063851234");
}

#[test]
fn malformed_phones_are_refused() {
    for s in [
        "",
        "   ",
        "091234567",
        "09123456789",
        "0112345678",
        "0412345678",
        "0612345678",
        "1912345678",
        "0212345678",
        "+1 212 555 0100",
        "+0912345678",
        "091234567a",
        "0912_345_678",
        "+84+912345678",
        "0912 345 678 ext 2",
        "٠٩١٢٣٤٥٦٧٨",
        &"0".repeat(100),
    ] {
        assert_err(PhoneNumber::parse(s, "applicant.phone"), "invalid_phone", "applicant.phone");
    }
}

#[test]
fn phones_round_trip_through_json_and_mask_in_debug() {
    let p = phone("+84 912 345 678");
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, "\"0912345678\"");
    assert_eq!(serde_json::from_str::<PhoneNumber>(&json).unwrap(), p);
    assert!(serde_json::from_str::<PhoneNumber>("\"12345\"").is_err());
    assert_eq!(format!("{p:?}"), "PhoneNumber(\"09******78\")");
    assert_eq!(p.to_string(), "0912345678");
    // Parsing the normal form gives it back unchanged.
    assert_eq!(phone(p.as_str()), p);
}

#[test]
fn identity_numbers_of_each_kind() {
    let c = id(" 001099012345 ");
    assert_eq!((c.as_str(), c.kind()), ("001099012345", IdKind::Cccd));
    assert_eq!(id("001 099 012 345").as_str(), "001099012345");
    let m = id("123456789");
    assert_eq!(m.kind(), IdKind::Cmnd);
    for (raw, norm) in [
        ("c1234567", "C1234567"),
        ("B12345678", "B12345678"),
        ("X9Y8Z7W6", "X9Y8Z7W6"),
        ("12345678", "12345678"),
        ("AB1234567", "AB1234567"),
    ] {
        let p = id(raw);
        assert_eq!(p.as_str(), norm);
        assert_eq!(p.kind(), IdKind::Passport, "{raw:?}");
    }
    assert_eq!(format!("{c:?}"), "CitizenId(\"00********45\")");
    assert_eq!(serde_json::from_str::<CitizenId>("\"001099012345\"").unwrap(), c);
}

#[test]
fn malformed_identity_numbers_are_refused() {
    for s in [
        "",
        "1234567",
        "1234567890",
        "12345678901",
        "0010990123456",
        "C123456",
        "C12345678X",
        "C123-4567",
        "Đ1234567",
        "00109901234５",
    ] {
        assert_err(CitizenId::parse(s, "applicant.id"), "invalid_citizen_id", "applicant.id");
    }
}

#[test]
fn emails() {
    let e = Email::parse("  An.Nguyen@Gmail.COM ", "email").unwrap();
    assert_eq!(e.as_str(), "An.Nguyen@gmail.com");
    assert!(Email::parse("x@sub.example.gov.vn", "email").is_ok());
    assert!(Email::parse("a+tag@bộ.vn", "email").is_ok());
    assert_eq!(format!("{e:?}"), "Email(\"A***@gmail.com\")");
    let local = "a".repeat(64);
    let ok = format!("{local}@{}.vn", "b".repeat(63));
    assert!(Email::parse(&ok, "email").is_ok());
    let too_long = format!("{local}@{}.vn", vec!["b".repeat(63); 3].join("."));
    assert!(too_long.chars().count() > Email::MAX_LEN);
    let long_local = format!("{}@x.vn", "a".repeat(65));
    for s in [
        "",
        "an",
        "an@",
        "@gmail.com",
        "an@gmail",
        "an@@gmail.com",
        "an@gmail..com",
        "an@.gmail.com",
        "an@gmail.com.",
        "an@-gmail.com",
        "an nguyen@gmail.com",
        ".an@gmail.com",
        "an.@gmail.com",
        "an..nguyen@gmail.com",
        "an@gm ail.com",
        "an@gmail.com\n@x",
        "<an>@gmail.com",
        too_long.as_str(),
        long_local.as_str(),
    ] {
        assert_err(Email::parse(s, "contact.email"), "invalid_email", "contact.email");
    }
}

#[test]
fn vietnamese_names_are_accepted_and_tidied() {
    let n = PersonName::parse("  Nguyễn   Văn\u{00A0}An ", "name").unwrap();
    assert_eq!(n.as_str(), "Nguyễn Văn An");
    assert_eq!(format!("{n:?}"), "PersonName(\"N***** V** A*\")");
    for s in ["Đặng Thị Ánh Tuyết", "Ưng Hoàng Phúc", "John O'Neil-Smith", "Lê A", "李小龍"] {
        assert_eq!(PersonName::parse(s, "name").unwrap().as_str(), s);
    }
    let max = "ễ".repeat(PersonName::MAX_CHARS);
    assert!(PersonName::parse(&max, "name").is_ok());
}

#[test]
fn bad_names_are_refused() {
    let long = "ễ".repeat(PersonName::MAX_CHARS + 1);
    for s in [
        "",
        "   ",
        "Nguyễn\nVăn An",
        "Nguyễn\tAn",
        "An\u{0000}",
        "An\u{202E}nuyeN",
        "An\u{200B}",
        "123",
        "- .",
        long.as_str(),
    ] {
        assert_err(PersonName::parse(s, "applicant.name"), "invalid_name", "applicant.name");
    }
}

#[test]
fn free_text() {
    assert_eq!(text("  lý do:\r\n\tthiếu giấy tờ \r", "reason", 50).unwrap(), "lý do:\n\tthiếu giấy tờ");
    assert_eq!(text("   ", "note", 10).unwrap(), "");
    assert_eq!(text("ễễễ", "note", 3).unwrap(), "ễễễ");
    assert_err(text("ễễễễ", "note", 3), "text_too_long", "note");
    assert_err(text("a\u{0007}b", "note", 30), "invalid_text", "note");
    assert_err(text("a\u{001B}[31m", "note", 30), "invalid_text", "note");
    assert_eq!(required_text(" x ", "reason", 5).unwrap(), "x");
    assert_err(required_text(" \n ", "reason", 5), "required", "reason");
    assert_err(required_text("abcdef", "reason", 5), "text_too_long", "reason");
}

#[test]
fn lookup_check_matches_the_last_four_of_phone_or_id() {
    let p = phone("0912345678");
    let i = id("001099012345");
    assert!(last4_matches("5678", Some(&p), Some(&i)));
    assert!(last4_matches("2345", Some(&p), Some(&i)));
    assert!(last4_matches("5678", Some(&p), None));
    assert!(last4_matches("2345", None, Some(&i)));
    assert!(!last4_matches("5678", None, Some(&i)));
    assert!(!last4_matches("2345", Some(&p), None));
    assert!(!last4_matches("5678", None, None));
    // Every position matters, not only the first.
    for wrong in ["0678", "5078", "5608", "5670", "8765", "1234"] {
        assert!(!last4_matches(wrong, Some(&p), Some(&i)), "{wrong}");
    }
    // The check must be exactly four ASCII digits.
    for bad in ["", "678", "45678", " 5678", "5678 ", "56a8", "５６７８"] {
        assert!(!last4_matches(bad, Some(&p), Some(&i)), "{bad:?}");
    }
    // A passport ending in letters never matches digits.
    let pp = id("X9Y8Z7W6");
    assert!(!last4_matches("7W6", None, Some(&pp)));
    let pp = id("C1234567");
    assert!(last4_matches("4567", None, Some(&pp)));
}

#[test]
fn constant_time_compare_is_a_plain_equality() {
    let all: Vec<[u8; 4]> = vec![*b"0000", *b"0001", *b"1000", *b"9999", *b"5678", *b"5677"];
    for a in &all {
        for b in &all {
            assert_eq!(ct_eq4(a, b), a == b);
        }
    }
}
