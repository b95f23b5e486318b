//! Feedback (PAKN) in words, shared by the sender's pages and the office
//! page: where it stands, its topic, and its history.

use motcua_store::model::{Feedback, FeedbackEvent};

use crate::web::format;
use crate::web::page::Page;

/// The words for where a feedback stands, by its status.
pub fn stage_words(page: &Page, f: &Feedback) -> String {
    page.t(match f.status.as_str() {
        Feedback::ANSWERED => "feedback-stage-answered",
        Feedback::REFUSED => "feedback-stage-refused",
        _ => "feedback-stage-received",
    })
}

/// The words for a topic, or for none.
pub fn topic_words(page: &Page, topic: Option<&str>) -> String {
    page.t(match topic {
        Some("regulation") => "feedback-topic-regulation",
        Some("conduct") => "feedback-topic-conduct",
        _ => "feedback-topic-none",
    })
}

/// One history line in words: what happened, and where.
pub struct Line {
    pub at: String,
    pub what: String,
}

pub fn lines(page: &Page, events: &[FeedbackEvent], with_names: bool) -> Vec<Line> {
    events
        .iter()
        .map(|e| {
            let mut what = page.t(&format!("feedback-event-{}", e.action));
            if let (Some(from), Some(to)) = (&e.from_unit, &e.to_unit) {
                what = format!("{what}: {from} → {to}");
            } else if let Some(to) = &e.to_unit {
                what = format!("{what}: {to}");
            }
            if with_names && let Some(who) = &e.user_name {
                what = format!("{what} · {who}");
            }
            // A rating's note is the verdict's id; any other note is text.
            match (e.action.as_str(), &e.note) {
                ("rated", Some(verdict)) => what = format!("{what}: {}", page.t(&format!("feedback-rating-{verdict}"))),
                (_, Some(note)) => what = format!("{what} · {note}"),
                _ => {}
            }
            Line { at: format::datetime(e.at), what }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::web::i18n::{self, Lang};

    /// The ids built with `format!` have words in both languages.
    #[test]
    fn every_action_and_rating_has_words() {
        let actions = ["forwarded", "answered", "refused", "published", "rated", "repeat"];
        let ids = actions
            .iter()
            .map(|a| format!("feedback-event-{a}"))
            .chain(["satisfied", "dissatisfied"].iter().map(|r| format!("feedback-rating-{r}")));
        for id in ids {
            for lang in [Lang::Vi, Lang::En] {
                assert!(i18n::has(lang, &id), "{id} ({})", lang.code());
            }
        }
    }
}
