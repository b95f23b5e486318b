//! The public portal, for citizens: the procedure catalogue, online
//! submission, the citizen's own dossiers, the status look-up with the
//! rating of a returned dossier, and feedback (PAKN).
//!
//! No login is needed except to submit online and to see one's own
//! dossiers. Personal data never goes into a URL: the look-up's check digits
//! travel in a POST body, and the citizen's pages are addressed by dossier
//! id or code only.

mod catalog;
mod feedback;
mod feedback_track;
mod lookup;
mod mine;
mod mine_act;
mod payment;
mod rating;
mod results;
mod reuse;
mod submit;
pub(crate) mod uploads;
mod verify;

pub(crate) use mine::size;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use chrono::NaiveDateTime;
use motcua_rules::TimeLimit;
use motcua_rules::calendar::{Timeliness, WorkCalendar};
use motcua_store::model::{Dossier, OnlineLevel, Unit};

use super::i18n::{self, Lang};
use super::page::Page;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(catalog::home))
        .route("/procedures/{code}", get(catalog::procedure))
        .route(
            "/procedures/{code}/submit",
            get(submit::form)
                .post(submit::submit)
                // Only this route takes files: the rest of the site keeps
                // the application's small body limit.
                .layer(DefaultBodyLimit::max(uploads::MAX_BODY)),
        )
        .route("/my", get(mine::list))
        .route("/my/{id}", get(mine::dossier))
        .route("/my/{id}/rate", axum::routing::post(rating::rate))
        .route("/my/{id}/supplement", post(mine_act::supplement).layer(DefaultBodyLimit::max(uploads::MAX_BODY)))
        .route("/my/{id}/withdraw", post(mine_act::withdraw))
        .route("/my/{id}/pay", get(payment::pay))
        .route("/my/{id}/payment/return", get(payment::back))
        .route("/procedures/{code}/forms/{id}", get(catalog::form_file))
        .route("/my/{id}/files/{file}", get(mine::file))
        .route("/my/{id}/results/{result}", get(results::mine))
        .route("/lookup/result", post(results::lookup))
        .route("/verify/r/{token}", get(verify::issued))
        .route("/lookup", get(lookup::form).post(lookup::lookup))
        .route("/lookup/rate", post(lookup::rate))
        .route("/feedback", get(feedback::form).post(feedback::send))
        .route("/verify", get(verify::form).post(verify::verify).layer(crate::signatures::body_limit()))
        .route("/feedback/received/{id}", get(feedback::received))
        .route("/feedback/answers", get(feedback_track::answers))
        .route("/feedback/{id}", get(feedback_track::track))
        .route("/feedback/{id}/rating", post(feedback_track::rate))
}

/// An online level's name in `lang`.
pub(crate) fn online_level(level: OnlineLevel, lang: Lang) -> String {
    i18n::message(lang, &format!("pub-online-{}", level.as_str()), &[])
}

/// The badge colour of an online level.
pub(crate) fn online_class(level: OnlineLevel) -> &'static str {
    match level {
        OnlineLevel::Full => "badge-done",
        OnlineLevel::Partial => "badge-progress",
        OnlineLevel::None => "badge-closed",
    }
}

/// An implementing level (`province`, `commune` ...) in `lang`; a level the
/// catalogue does not name shows as stored.
pub(crate) fn level_name(level: &str, lang: Lang) -> String {
    let id = format!("pub-level-{level}");
    if i18n::has(lang, &id) { i18n::message(lang, &id, &[]) } else { level.to_owned() }
}

/// `15 ngày làm việc`, `8 working hours`, `1 working day`.
pub(crate) fn time_limit(limit: TimeLimit, lang: Lang) -> String {
    // English needs the singular; the catalogue has a `-one` form of each.
    let one = if limit.amount == 1 { "-one" } else { "" };
    let id = format!("pub-limit-{}{one}", limit.unit.as_str().replace('_', "-"));
    i18n::message(lang, &id, &[("n", &limit.amount.to_string())])
}

/// A due moment: the date alone when it is the end of a day (limits in
/// days), else the date and time (limits in hours).
pub(crate) fn due(t: NaiveDateTime) -> String {
    use chrono::Timelike;
    if t.hour() == 23 && t.minute() == 59 { super::format::date(t.date()) } else { super::format::datetime(t) }
}

/// A dossier's due moment as [`due`] writes it, marked "tạm tính" when the
/// days from its receipt (or submission) to it use a proposed calendar
/// year; "—" without a due date.
pub(crate) fn dossier_due(calendar: &WorkCalendar, page: &Page, d: &Dossier) -> String {
    let Some(t) = d.state.due_at else { return "—".to_owned() };
    let from = d.state.received_at.unwrap_or(d.submitted_at).date();
    if calendar.rests_on_proposal(from, t.date()) {
        format!("{} ({})", due(t), page.t("due-provisional"))
    } else {
        due(t)
    }
}

/// How a dossier stands against its time limit, in `lang`, with its badge
/// colour: while it is open, "within the time limit" or "overdue"; once
/// handling is over (`closed`), early / on time / late. The same words as
/// the office's dossier page.
pub(crate) fn timeliness(t: Timeliness, closed: bool, lang: Lang) -> (String, &'static str) {
    let (id, class) = match (t, closed) {
        (Timeliness::Late, false) => ("pub-timeliness-overdue", "badge-late"),
        (_, false) => ("pub-timeliness-within", "badge-progress"),
        (Timeliness::Early, true) => ("pub-timeliness-early", "badge-done"),
        (Timeliness::OnTime, true) => ("pub-timeliness-on-time", "badge-done"),
        (Timeliness::Late, true) => ("pub-timeliness-late", "badge-late"),
    };
    (i18n::message(lang, id, &[]), class)
}

/// The catalogue id suffix naming the time a dossier's handling closed:
/// a refusal, a withdrawal or a stop is not a result.
pub(crate) fn closing_kind(status: motcua_rules::dossier::Status) -> &'static str {
    use motcua_rules::dossier::Status;
    match status {
        Status::NotReceived => "refused",
        Status::Withdrawn => "withdrawn",
        Status::Stopped => "stopped",
        _ => "done",
    }
}

/// A choice in a list of units.
#[derive(Debug, Clone)]
pub(crate) struct UnitOption {
    pub id: i64,
    pub code: String,
    /// The name, indented by its depth in the tree.
    pub label: String,
}

/// Units in tree order (each parent followed by its children, siblings in
/// the order they were created), labelled with their depth.
pub(crate) fn unit_tree(units: &[Unit]) -> Vec<UnitOption> {
    fn walk(units: &[Unit], parent: Option<i64>, depth: usize, out: &mut Vec<UnitOption>) {
        let mut children: Vec<&Unit> = units.iter().filter(|u| u.parent_id == parent).collect();
        children.sort_by_key(|u| u.id);
        for u in children {
            out.push(UnitOption {
                // Indented with no-break spaces: a dash reads as part of the name.
                id: u.id,
                code: u.code.clone(),
                label: format!("{}{}", "\u{a0}\u{a0}\u{a0}".repeat(depth), u.name),
            });
            walk(units, Some(u.id), depth + 1, out);
        }
    }
    let mut out = Vec::with_capacity(units.len());
    // Roots are units without a parent, or whose parent is not in the list.
    let ids: std::collections::HashSet<i64> = units.iter().map(|u| u.id).collect();
    let mut roots: Vec<&Unit> = units.iter().filter(|u| u.parent_id.is_none_or(|p| !ids.contains(&p))).collect();
    roots.sort_by_key(|u| u.id);
    for r in roots {
        out.push(UnitOption { id: r.id, code: r.code.clone(), label: r.name.clone() });
        walk(units, Some(r.id), 1, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, parent: Option<i64>, name: &str) -> Unit {
        Unit {
            id,
            parent_id: parent,
            code: format!("U{id}"),
            name: name.into(),
            level: "x".into(),
            path: String::new(),
            province_id: 1,
            phone: None,
            counter_hours: None,
        }
    }

    #[test]
    fn units_come_in_tree_order_with_their_depth() {
        let units =
            [unit(1, None, "Tỉnh"), unit(3, Some(1), "Xã B"), unit(2, Some(1), "Sở A"), unit(4, Some(2), "Phòng")];
        let labels: Vec<String> = unit_tree(&units).into_iter().map(|o| o.label).collect();
        let pad = "\u{a0}\u{a0}\u{a0}";
        assert_eq!(labels, ["Tỉnh".to_owned(), format!("{pad}Sở A"), format!("{pad}{pad}Phòng"), format!("{pad}Xã B")]);
    }

    #[test]
    fn due_dates_show_a_time_only_for_limits_in_hours() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(due(d.and_hms_opt(23, 59, 59).unwrap()), "05/03/2026");
        assert_eq!(due(d.and_hms_opt(14, 30, 0).unwrap()), "05/03/2026 14:30");
    }

    #[test]
    fn every_level_and_limit_has_words_in_both_languages() {
        for lang in [Lang::Vi, Lang::En] {
            for l in [OnlineLevel::Full, OnlineLevel::Partial, OnlineLevel::None] {
                assert!(!online_level(l, lang).starts_with("pub-online-"), "{l:?}");
            }
            for u in motcua_rules::TimeUnit::ALL {
                for n in [1, 3] {
                    let text = time_limit(TimeLimit::new(n, u), lang);
                    assert!(text.starts_with(&format!("{n} ")) && !text.contains("pub-limit-"), "{text}");
                }
            }
        }
        assert_eq!(time_limit(TimeLimit::new(1, motcua_rules::TimeUnit::WorkingDays), Lang::En), "1 working day");
        assert_eq!(time_limit(TimeLimit::new(1, motcua_rules::TimeUnit::WorkingDays), Lang::Vi), "1 ngày làm việc");
        assert_eq!(level_name("commune", Lang::Vi), "Cấp xã");
        assert_eq!(level_name("galaxy", Lang::En), "galaxy");
    }

    /// `t("…")` is checked for every template by `i18n`; this checks the
    /// messages with arguments (`t1`, `t2`) of the portal's templates.
    #[test]
    fn every_message_with_arguments_the_portal_uses_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/public");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for marker in ["t1(\"", "t2(\""] {
                for part in text.split(marker).skip(1) {
                    let id = part.split('"').next().unwrap();
                    for lang in [Lang::Vi, Lang::En] {
                        if !i18n::has(lang, id) {
                            missing.push(format!("{id} ({})", lang.code()));
                        }
                    }
                }
            }
        }
        for id in
            ["notice-dossier-submitted", "pub-proc-decision", "pub-submit-files-hint", "pub-feedback-content-hint"]
        {
            assert!(i18n::has(Lang::Vi, id) && i18n::has(Lang::En, id), "{id}");
        }
        assert!(missing.is_empty(), "{missing:?}");
    }
}
