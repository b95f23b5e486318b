//! Feedback (phản ánh, kiến nghị, PAKN) handled to a deadline: what it is
//! about, when each step is due on the working-day calendar, who may do
//! what to it, and how the Decision 766 indicators 5.1–5.3 count it
//! (docs/feedback.md, docs/sources.md#766-formulas).
//!
//! The deadlines are the 766 technical specification's: a feedback is
//! refused (không xử lý) within 2 working days of its reception, handled
//! (answered) within 15 working days, and its answer published within 2
//! working days of the answer. They are [`Deadlines::SPEC`] and can be
//! replaced by configuration.

use chrono::NaiveDateTime;

use crate::calendar::WorkCalendar;
use crate::error::RuleError;
use crate::time_limit::TimeLimit;

/// What a feedback is about: the classification 766 indicator 5.1 tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// About an administrative regulation or procedure (quy định hành
    /// chính, thủ tục hành chính): 5.1a.
    Regulation,
    /// About an officer's conduct (hành vi, thái độ của cán bộ, công chức,
    /// viên chức): 5.1b.
    Conduct,
}

impl Topic {
    pub const ALL: [Topic; 2] = [Topic::Regulation, Topic::Conduct];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Regulation => "regulation",
            Topic::Conduct => "conduct",
        }
    }

    /// The topic stored or sent as `s`; `feedback_topic_invalid` on `field`
    /// otherwise.
    pub fn parse(s: &str, field: &str) -> Result<Topic, RuleError> {
        Topic::ALL
            .into_iter()
            .find(|t| t.as_str() == s.trim())
            .ok_or_else(|| RuleError::invalid("feedback_topic_invalid", field))
    }
}

/// Where a feedback stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Received, not handled yet (it may have been forwarded).
    Received,
    /// Refused with a reason (không đủ điều kiện xử lý).
    Refused,
    /// Answered; published too when `published` is set.
    Answered,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Received => "received",
            Stage::Refused => "refused",
            Stage::Answered => "answered",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        [Stage::Received, Stage::Refused, Stage::Answered].into_iter().find(|t| t.as_str() == s)
    }
}

/// The sender's verdict on the answer (5.3 subtracts the dissatisfied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Satisfaction {
    Satisfied,
    Dissatisfied,
}

impl Satisfaction {
    pub fn as_str(self) -> &'static str {
        match self {
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::Dissatisfied => "dissatisfied",
        }
    }

    pub fn parse(s: &str, field: &str) -> Result<Satisfaction, RuleError> {
        match s.trim() {
            "satisfied" => Ok(Satisfaction::Satisfied),
            "dissatisfied" => Ok(Satisfaction::Dissatisfied),
            _ => Err(RuleError::invalid("feedback_rating_invalid", field)),
        }
    }
}

/// How many working days each step may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    /// From reception to a refusal.
    pub refuse_days: u32,
    /// From reception to the answer.
    pub answer_days: u32,
    /// From the answer to its publication.
    pub publish_days: u32,
}

impl Deadlines {
    /// The 766 technical specification's deadlines (docs/sources.md#766-formulas).
    pub const SPEC: Deadlines = Deadlines { refuse_days: 2, answer_days: 15, publish_days: 2 };

    /// When a feedback received at `received` must be refused by, and
    /// answered by: the end of the working day that many working days
    /// after its reception (the day of reception not counted).
    pub fn due(&self, cal: &WorkCalendar, received: NaiveDateTime) -> Result<Due, RuleError> {
        let refuse_by = cal.deadline(received, TimeLimit::working_days(self.refuse_days))?;
        let answer_by = cal.deadline(received, TimeLimit::working_days(self.answer_days))?;
        Ok(Due { refuse_by, answer_by })
    }

    /// When an answer given at `answered` must be published by.
    pub fn publish_by(&self, cal: &WorkCalendar, answered: NaiveDateTime) -> Result<NaiveDateTime, RuleError> {
        Ok(cal.deadline(answered, TimeLimit::working_days(self.publish_days))?)
    }
}

/// A feedback's due moments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub refuse_by: NaiveDateTime,
    pub answer_by: NaiveDateTime,
}

/// What staff do to a feedback that is still being handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handling {
    /// Send it to the unit that owns the matter (chuyển xử lý).
    Forward,
    /// Refuse it with a reason.
    Refuse,
    /// Answer it.
    Answer,
    /// Mark it as repeating an earlier feedback of the same matter.
    MarkRepeat,
}

/// Whether `action` may be done to a feedback at `stage`: every handling
/// step needs a feedback still being handled (`feedback_already_handled`).
/// Refusing and answering also need a topic (`feedback_topic_required`), so
/// that every handled feedback is classified for 5.1.
pub fn check_handling(action: &Handling, stage: Stage, topic: Option<Topic>) -> Result<(), RuleError> {
    if stage != Stage::Received {
        return Err(RuleError::conflict("feedback_already_handled"));
    }
    if matches!(action, Handling::Refuse | Handling::Answer) && topic.is_none() {
        return Err(RuleError::invalid("feedback_topic_required", "topic"));
    }
    Ok(())
}

/// Whether an answer may be published: answered, the sender agreed, and
/// not published yet.
pub fn check_publish(stage: Stage, consent: bool, published: bool) -> Result<(), RuleError> {
    if stage != Stage::Answered {
        return Err(RuleError::conflict("feedback_not_answered"));
    }
    if !consent {
        return Err(RuleError::conflict("feedback_no_consent"));
    }
    if published {
        return Err(RuleError::conflict("feedback_already_published"));
    }
    Ok(())
}

/// Whether the sender may rate the handling: once, after the answer or the
/// refusal.
pub fn check_rating(stage: Stage, rated: bool) -> Result<(), RuleError> {
    if stage == Stage::Received {
        return Err(RuleError::conflict("feedback_not_answered"));
    }
    if rated {
        return Err(RuleError::conflict("feedback_already_rated"));
    }
    Ok(())
}

/// One feedback as the 766 counts see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub received_at: NaiveDateTime,
    pub topic: Option<Topic>,
    pub due: Due,
    /// When it was refused or answered, and which.
    pub handled: Option<(Stage, NaiveDateTime)>,
    pub dissatisfied: bool,
    /// A later feedback was marked as repeating this one.
    pub repeated: bool,
    /// It repeats an earlier one (so it is not "first received").
    pub is_repeat: bool,
}

impl Counted {
    /// Handled within its deadline: a refusal by `refuse_by`, an answer by
    /// `answer_by`.
    fn handled_on_time(&self) -> Option<bool> {
        self.handled.map(|(stage, at)| match stage {
            Stage::Refused => at <= self.due.refuse_by,
            _ => at <= self.due.answer_by,
        })
    }

    /// Late at `as_of`: handled late, or not handled and past `answer_by`.
    fn overdue(&self, as_of: NaiveDateTime) -> bool {
        match self.handled_on_time() {
            Some(on_time) => !on_time,
            None => as_of > self.due.answer_by,
        }
    }
}

/// The counts of indicators 5.1–5.3 for one unit and period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeedbackCounts {
    /// First received in the period (repeats left out): 5.1's and 5.3's
    /// denominator.
    pub received: u64,
    /// Of those, about a regulation or procedure (5.1a) and about conduct
    /// (5.1b); the rest is not classified yet.
    pub about_regulation: u64,
    pub about_conduct: u64,
    /// Handled in the period, plus received by its end and still being
    /// handled then: 5.2's denominator.
    pub due_in_period: u64,
    /// Of those, handled on time or still within the deadline: 5.2.
    pub on_time: u64,
    /// First received in the period and neither rated dissatisfied, nor
    /// repeated, nor overdue: 5.3.
    pub satisfactory: u64,
}

/// Counts `items` for the period `[from, to)`, as the period looks at
/// `as_of`: its end, or now for the current period (`as_of <= to`). Items
/// received at or after `to` are ignored.
pub fn count(items: &[Counted], from: NaiveDateTime, to: NaiveDateTime, as_of: NaiveDateTime) -> FeedbackCounts {
    let mut c = FeedbackCounts::default();
    for f in items.iter().filter(|f| f.received_at < to) {
        let handled_in_period = f.handled.is_some_and(|(_, at)| at >= from && at < to);
        let open_at_end = f.handled.is_none_or(|(_, at)| at >= to);
        if handled_in_period || open_at_end {
            c.due_in_period += 1;
            let on_time = if handled_in_period { f.handled_on_time() == Some(true) } else { as_of <= f.due.answer_by };
            c.on_time += u64::from(on_time);
        }
        if f.received_at >= from && !f.is_repeat {
            c.received += 1;
            match f.topic {
                Some(Topic::Regulation) => c.about_regulation += 1,
                Some(Topic::Conduct) => c.about_conduct += 1,
                None => {}
            }
            if !(f.dissatisfied || f.repeated || f.overdue(as_of)) {
                c.satisfactory += 1;
            }
        }
    }
    c
}

#[cfg(test)]
#[path = "feedback_tests.rs"]
mod tests;
