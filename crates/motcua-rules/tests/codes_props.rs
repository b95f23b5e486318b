//! Property tests of codes, validation and masking.

use chrono::NaiveDate;
use motcua_rules::codes::{DossierCodeFormat, MAX_DOSSIER_CODE_LEN, UnitCode, looks_like_dossier_code};
use motcua_rules::mask::{mask_address, mask_email, mask_id, mask_name, mask_phone};
use motcua_rules::validate::{CitizenId, PhoneNumber, last4_matches};
use proptest::prelude::*;

/// Canonical unit codes: 1–5 dot-separated segments of `[A-Z0-9]`, at most
/// [`UnitCode::MAX_LEN`] characters.
fn unit_code() -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Z0-9]{1,8}", 1..=5)
        .prop_map(|segs| segs.join("."))
        .prop_filter("unit codes are at most MAX_LEN long", |s| s.len() <= UnitCode::MAX_LEN)
}

/// A day the format can write: 2000–2099 for the two-digit year, 0–9999
/// for the four-digit one.
fn day_for(format: DossierCodeFormat) -> impl Strategy<Value = NaiveDate> {
    let (from, to) = match format {
        DossierCodeFormat::Circular01 => {
            (NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2099, 12, 31).unwrap())
        }
        DossierCodeFormat::Extended => {
            (NaiveDate::from_ymd_opt(0, 1, 1).unwrap(), NaiveDate::from_ymd_opt(9999, 12, 31).unwrap())
        }
    };
    (0..=(to - from).num_days()).prop_map(move |d| from + chrono::Duration::days(d))
}

fn format_day_seq() -> impl Strategy<Value = (DossierCodeFormat, NaiveDate, u32)> {
    prop::sample::select(DossierCodeFormat::ALL.to_vec()).prop_flat_map(|f| (Just(f), day_for(f), 1..=f.max_sequence()))
}

/// Arbitrary text of at least 4 characters without `*`: an input made of
/// stars is legitimately its own mask, so it is left out of the "never
/// shown in full" property.
fn starless() -> impl Strategy<Value = String> {
    prop_oneof!["[^*]{4,40}", "[0-9 .+-]{4,20}", "[a-zA-ZđĐăâêôơưễếạảấầẩẫậ\u{0300}-\u{0303}\u{0309}\u{0323} ,@.]{4,40}",]
}

proptest! {
    #[test]
    fn dossier_codes_round_trip(unit in unit_code(), (f, day, seq) in format_day_seq()) {
        let unit = UnitCode::parse(&unit, "unit").unwrap();
        let code = f.format(&unit, day, seq).unwrap();
        prop_assert!(code.len() <= MAX_DOSSIER_CODE_LEN);
        prop_assert!(looks_like_dossier_code(&code));
        let parsed = f.parse(&code).unwrap();
        prop_assert_eq!(&parsed.unit, &unit);
        prop_assert_eq!(parsed.day, day);
        prop_assert_eq!(parsed.seq, seq);
        // The other format never reads it.
        for other in DossierCodeFormat::ALL {
            if other != f {
                prop_assert!(other.parse(&code).is_none());
            }
        }
    }

    #[test]
    fn sequences_past_the_capacity_are_refused(
        unit in unit_code(),
        (f, day, _) in format_day_seq(),
        extra in 1..=1_000_000u32,
    ) {
        let unit = UnitCode::parse(&unit, "unit").unwrap();
        let e = f.format(&unit, day, f.max_sequence() + extra).unwrap_err();
        prop_assert_eq!(e.code, "dossier_sequence_exhausted");
    }

    #[test]
    fn unit_code_parsing_is_idempotent(s in "\\PC{0,50}") {
        if let Ok(u) = UnitCode::parse(&s, "unit") {
            prop_assert_eq!(UnitCode::parse(u.as_str(), "unit").unwrap(), u.clone());
            prop_assert!(u.as_str().len() <= UnitCode::MAX_LEN);
        }
    }

    #[test]
    fn parsers_never_panic(s in "\\PC{0,80}") {
        let _ = looks_like_dossier_code(&s);
        for f in DossierCodeFormat::ALL {
            let _ = f.parse(&s);
        }
        if let Ok(p) = PhoneNumber::parse(&s, "phone") {
            prop_assert_eq!(PhoneNumber::parse(p.as_str(), "phone").unwrap(), p);
        }
        if let Ok(i) = CitizenId::parse(&s, "id") {
            prop_assert_eq!(CitizenId::parse(i.as_str(), "id").unwrap(), i);
        }
    }

    #[test]
    fn masks_never_panic(s in "\\PC{0,60}|.{0,60}") {
        let _ = mask_phone(&s);
        let _ = mask_id(&s);
        let _ = mask_name(&s);
        let _ = mask_email(&s);
        let _ = mask_address(&s);
    }

    #[test]
    fn masks_never_show_the_whole_input(s in starless()) {
        for (name, masked) in [
            ("phone", mask_phone(&s)),
            ("id", mask_id(&s)),
            ("name", mask_name(&s)),
            ("email", mask_email(&s)),
            ("address", mask_address(&s)),
        ] {
            prop_assert!(!masked.contains(s.as_str()), "mask_{}({:?}) = {:?}", name, s, masked);
        }
    }

    #[test]
    fn masked_phones_and_ids_never_show_the_lookup_check(digits in "[0-9]{9,12}") {
        let last4 = &digits[digits.len() - 4..];
        prop_assert!(!mask_phone(&digits).contains(last4));
        prop_assert!(!mask_id(&digits).contains(last4));
    }

    #[test]
    fn the_lookup_check_is_the_last_four(mobile in "0[35789][0-9]{8}", check in "[0-9]{4}") {
        let p = PhoneNumber::parse(&mobile, "phone").unwrap();
        let expected = mobile.ends_with(&check);
        prop_assert_eq!(last4_matches(&check, Some(&p), None), expected);
        prop_assert!(last4_matches(&mobile[6..], Some(&p), None));
    }
}
