//! How pages write dates, times, statuses and numbers: the Vietnamese way
//! (dd/mm/yyyy, 24-hour clock) in both languages, as official documents do.

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::dossier::{ActionKind, Status};
use motcua_store::model::Channel;

use super::i18n::{self, Lang};

/// `04/03/2026`.
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `04/03/2026 09:15`.
pub fn datetime(t: NaiveDateTime) -> String {
    t.format("%d/%m/%Y %H:%M").to_string()
}

/// An optional time, or a dash.
pub fn opt_datetime(t: Option<NaiveDateTime>) -> String {
    t.map_or_else(|| "—".to_owned(), datetime)
}

/// A dossier status in `lang`.
pub fn status(s: Status, lang: Lang) -> &'static str {
    if lang.english() { s.name_en() } else { s.name_vi() }
}

/// The CSS class that colours a status badge.
pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Submitted => "badge-new",
        Status::Received | Status::InProcess => "badge-progress",
        Status::SupplementRequested | Status::PaymentRequested => "badge-wait",
        Status::NotReceived | Status::Withdrawn | Status::Stopped => "badge-closed",
        _ => "badge-done",
    }
}

/// An action's name in `lang` (history lines, buttons).
pub fn action(kind: ActionKind, lang: Lang) -> String {
    i18n::message(lang, &format!("action-{}", kind.as_str().replace('_', "-")), &[])
}

/// A history line's event, from the action's stored name ("Đã tiếp nhận",
/// "Accepted": what happened, not the button that did it); unknown names
/// show as stored.
pub fn action_str(raw: &str, lang: Lang) -> String {
    ActionKind::parse(raw).map_or_else(
        || raw.to_owned(),
        |k| i18n::message(lang, &format!("event-{}", k.as_str().replace('_', "-")), &[]),
    )
}

/// A channel in `lang`.
pub fn channel(c: Channel, lang: Lang) -> String {
    let id = match c {
        Channel::Counter => "channel-counter",
        Channel::Online => "channel-online",
        Channel::Postal => "channel-postal",
    };
    i18n::message(lang, id, &[])
}

/// `1.234.567` with Vietnamese digit grouping (both languages, for money).
pub fn thousands(n: i64) -> String {
    motcua_rules::fees::grouped(n)
}

/// A count with `lang`'s digit grouping: `1.261` in Vietnamese, `1,261`
/// in English (statistics, rankings, 766 tables).
pub fn count(n: i64, lang: Lang) -> String {
    let vi = thousands(n);
    if lang.english() { vi.replace('.', ",") } else { vi }
}

/// A number with `places` decimals in `lang`'s way: `17,41` and
/// `1.234,50` in Vietnamese, `17.41` and `1,234.50` in English.
pub fn fixed(x: f64, places: usize, lang: Lang) -> String {
    let s = format!("{:.*}", places, x.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let negative = x < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let mut out = if negative { "-".to_owned() } else { String::new() };
    out.push_str(&count(int.parse::<i64>().unwrap_or(0), lang));
    if let Some(f) = frac {
        out.push(if lang.english() { '.' } else { ',' });
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_read_the_vietnamese_way() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_234_567), "1.234.567");
        assert_eq!(thousands(-1000), "-1.000");
        let t = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap().and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(datetime(t), "04/03/2026 09:05");
        assert_eq!(date(t.date()), "04/03/2026");
    }

    #[test]
    fn statistics_numbers_follow_the_page_language() {
        assert_eq!((count(1261, Lang::Vi), count(1261, Lang::En)), ("1.261".to_owned(), "1,261".to_owned()));
        assert_eq!(count(-1_234_567, Lang::En), "-1,234,567");
        assert_eq!((fixed(17.4123, 2, Lang::Vi), fixed(17.4123, 2, Lang::En)), ("17,41".into(), "17.41".into()));
        assert_eq!(fixed(1234.5, 2, Lang::Vi), "1.234,50");
        assert_eq!(fixed(1234.5, 2, Lang::En), "1,234.50");
        assert_eq!(fixed(-0.001, 2, Lang::Vi), "0,00", "no minus zero");
        assert_eq!(fixed(-2.5, 1, Lang::Vi), "-2,5");
        assert_eq!(fixed(20.0, 0, Lang::Vi), "20");
    }

    #[test]
    fn every_action_and_channel_has_a_name_in_both_languages() {
        for lang in [Lang::Vi, Lang::En] {
            for c in [Channel::Counter, Channel::Online, Channel::Postal] {
                assert!(!channel(c, lang).starts_with("channel-"), "{c:?} {lang:?}");
            }
            for k in motcua_rules::dossier::ActionKind::ALL {
                assert!(!action(k, lang).starts_with("action-"), "{k:?} {lang:?}");
                assert!(!action_str(k.as_str(), lang).starts_with("event-"), "{k:?} {lang:?}");
            }
        }
    }
}
