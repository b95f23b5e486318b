//! The 766 index from motcua's own counters, for a unit's dashboard between
//! two publications of the national portal.
//!
//! motcua holds the dossiers and the feedback, so it counts what the
//! progress group and 5.1–5.2 count exactly; it does not hold the TTHC
//! database, the payment gateway or the national data stores, so those
//! indicators are
//! [`Source::Unmeasured`] and their groups show no score (the portal's own
//! figures can be checked with `motcua index766 recompute`).
//!
//! - **2.1** (verified formula, docs/sources.md#766-formulas): the dossiers handled
//!   in the period plus those still in process at its end; on time = handled
//!   early or on time plus in process within the due date. The spec's
//!   "received or handled in the period" read this way gives the portal's
//!   `received = onTime + overdue`. Refused, withdrawn and stopped dossiers
//!   have no timeliness in motcua's counters and are left out (the spec's
//!   end-time rules would time them too: a small difference, documented).
//! - **3.3** (tracking): dossiers received online / all received.
//! - **5.4** ([`Source::Estimated`]): "100% − (overdue rate + rate of
//!   dossiers with PAKN or dislike)" over the 2.1 dossiers: numerator = the
//!   2.1 dossiers − the overdue ones − the dissatisfied ratings given in the
//!   period (`stats::DISSATISFIED_BELOW`). PAKN about a dossier is not linked
//!   to it in motcua, so it is not subtracted: provisional.
//! - **4.1** ([`Source::Estimated`]): dossiers with an electronic result /
//!   dossiers "of procedures whose result is a paper document". motcua
//!   counts a dossier when its first electronic result is issued (with the
//!   agency's signature, at "finish"), and takes the dossiers handled in the
//!   period as the denominator: which procedures' results are paper
//!   documents is the national TTHC database's, not motcua's, so the ratio
//!   is motcua's reading (provisional).
//! - **4.2** ([`Source::Estimated`]): of those dossiers, the ones whose
//!   every received component had a file (digitised at the counter, reused
//!   or uploaded online) when the result was issued / the dossiers handled.
//!   "Where a result is required" is read as "always", for the reason of 4.1.
//! - **4.3** ([`Source::Counted`]): dossiers received with a component that
//!   reuses a kept digitised document / dossiers received.
//! - **4.6** ([`Source::Estimated`]): the portal counts it without a
//!   published definition; motcua divides the certified-copy dossiers whose
//!   copy was issued as a signed electronic result by the certified-copy
//!   dossiers handled.
//! - **5.1** (tracking) and **5.2** ([`Source::Counted`]): feedback (PAKN)
//!   by topic, and handled on time (a refusal within 2 working days, an
//!   answer within 15) plus still open within its deadline, over handled
//!   in the period plus open at its end (`rules::feedback`).
//! - **5.3** ([`Source::Estimated`]): feedback first received in the period
//!   minus those rated dissatisfied, repeated or overdue, over those
//!   received. The portal counts "more dislikes than likes"; motcua has one
//!   verdict per feedback, the sender's.
//! - **3.6** ([`Source::Estimated`]): dossiers paid online through the
//!   platform / dossiers of procedures charging a fee, both counted on the
//!   reception day (the spec's "start date in the period"). A dossier whose
//!   every fee was exempted stays in the denominator: motcua does not ask
//!   it to pay, and whether the portal's fee list of such a dossier reads
//!   "Gia: 0" is not known (docs/payments.md).
//! - **3.5** and **3.5b** ([`Source::Estimated`]): procedures with a dossier
//!   asked to pay (3.5) or paid online (3.5b) in the period / procedures
//!   charging a fee **with dossiers in the period**. The spec's denominator
//!   is every fee-charging procedure of the unit in the national TTHC
//!   database, which motcua does not hold per unit; its reading is the
//!   procedures the unit actually handled, so its ratio can only be higher.
//! - **1.4** ([`Source::Counted`]): received dossiers whose record reached
//!   the national portal / dossiers received, both by the day of
//!   reception. The spec's denominator is the larger of the national
//!   reporting system's and the portal's received counts; motcua's own is
//!   the count it holds (docs/index766.md). A dossier counts once the
//!   portal accepts its first event (`stats::synced_deltas`).
//! - **1.1–1.3** ([`Source::Estimated`]): from motcua's own catalogue
//!   ([`super::publication`]): the publication decisions' dates, the legal
//!   basis' effective date and the day each procedure was made public on
//!   the national database, as the province records them; and the parts
//!   each procedure in force states. Not measured (the group keeps no
//!   score) for a unit none of whose procedures has a dated decision, or,
//!   for 1.3, none in force; a decision without the dates an indicator
//!   needs is left out of it and counted apart.
//! - 4.4 and 4.5 need the national personal data store and the population
//!   database, which motcua does not connect to: unmeasured, so the
//!   digitisation group has no score from motcua's own data.

use super::indicator::Indicator;
use super::score::{Counts, Inputs, Source};

/// The indicators motcua computes from its own data; every other one is
/// [`Source::Unmeasured`].
pub const MEASURED_BY_MOTCUA: [Indicator; 18] = [
    Indicator::PublishOnTime,
    Indicator::PublicUpdateOnTime,
    Indicator::PublicContentFull,
    Indicator::DossierSync,
    Indicator::ProgressOnTime,
    Indicator::OnlineSubmission,
    Indicator::PaymentFormalityIntegrated,
    Indicator::PaymentFormalityTransactions,
    Indicator::PaymentDossiers,
    Indicator::ElectronicResult,
    Indicator::DigitisedComponents,
    Indicator::ReusedDigitisedData,
    Indicator::ElectronicCertifiedCopy,
    Indicator::DossierSatisfaction,
    Indicator::PetitionClassificationTthc,
    Indicator::PetitionClassificationStaff,
    Indicator::PetitionOnTime,
    Indicator::PetitionSatisfaction,
];

/// What the statistics counters give for one unit and period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OwnCounts {
    pub received: u64,
    pub received_online: u64,
    /// Handled in the period early or on time.
    pub resolved_on_time: u64,
    pub resolved_late: u64,
    /// In process at the end of the period.
    pub open_within_due: u64,
    pub open_past_due: u64,
    /// Ratings given in the period below `DISSATISFIED_BELOW`.
    pub rated_dissatisfied: u64,
    /// Dossiers whose first electronic result was issued in the period.
    pub results_issued: u64,
    /// Of those, the ones whose every received component had a file.
    pub results_digitised: u64,
    /// Dossiers received in the period reusing a kept digitised document.
    pub received_reusing: u64,
    /// Dossiers of certified-copy procedures handled in the period.
    pub certified_copies_handled: u64,
    /// Of those, the ones whose copy was issued as an electronic result.
    pub certified_copies_issued: u64,
    /// Feedback (PAKN) owned by the unit: `rules::feedback::FeedbackCounts`.
    pub feedback: crate::feedback::FeedbackCounts,
    /// Dossiers of fee-charging procedures received in the period (3.6).
    pub fee_dossiers: u64,
    /// Of those, the ones paid online (3.6).
    pub paid_online: u64,
    /// Fee-charging procedures with dossiers received in the period.
    pub fee_procedures: u64,
    /// Of those, the ones with a dossier asked to pay (3.5) and with one
    /// paid online (3.5b).
    pub fee_procedures_requested: u64,
    pub fee_procedures_paid_online: u64,
    /// Dossiers received in the period whose record reached the national
    /// portal.
    pub received_synced: u64,
    /// The catalogue's 1.1–1.3 counts for the unit's procedures.
    pub publication: super::publication::PublicationCounts,
}

/// The inputs of [`super::score_unit`] from motcua's counters.
pub fn own_inputs(c: &OwnCounts) -> Inputs {
    let mut inputs = Inputs::default();
    for indicator in Indicator::ALL {
        if !MEASURED_BY_MOTCUA.contains(&indicator) {
            inputs.set_from(indicator, Counts::default(), Source::Unmeasured);
        }
    }
    let total = c.resolved_on_time + c.resolved_late + c.open_within_due + c.open_past_due;
    let on_time = c.resolved_on_time + c.open_within_due;
    let overdue = c.resolved_late + c.open_past_due;
    let satisfied = total.saturating_sub(overdue).saturating_sub(c.rated_dissatisfied);
    inputs
        .set_from(Indicator::DossierSync, Counts::new(c.received_synced, c.received), Source::Counted)
        .set_from(Indicator::ProgressOnTime, Counts::new(on_time, total), Source::Counted)
        .set_from(Indicator::OnlineSubmission, Counts::new(c.received_online, c.received), Source::Counted)
        .set_from(
            Indicator::ElectronicResult,
            Counts::new(c.results_issued, c.resolved_on_time + c.resolved_late),
            Source::Estimated,
        )
        .set_from(
            Indicator::DigitisedComponents,
            Counts::new(c.results_digitised, c.resolved_on_time + c.resolved_late),
            Source::Estimated,
        )
        .set_from(Indicator::ReusedDigitisedData, Counts::new(c.received_reusing, c.received), Source::Counted)
        .set_from(
            Indicator::ElectronicCertifiedCopy,
            Counts::new(c.certified_copies_issued, c.certified_copies_handled),
            Source::Estimated,
        )
        .set_from(Indicator::DossierSatisfaction, Counts::new(satisfied, total), Source::Estimated)
        .set_from(Indicator::PaymentDossiers, Counts::new(c.paid_online, c.fee_dossiers), Source::Estimated)
        .set_from(
            Indicator::PaymentFormalityIntegrated,
            Counts::new(c.fee_procedures_requested, c.fee_procedures),
            Source::Estimated,
        )
        .set_from(
            Indicator::PaymentFormalityTransactions,
            Counts::new(c.fee_procedures_paid_online, c.fee_procedures),
            Source::Estimated,
        );
    let p = &c.publication;
    let measured = |yes: bool| if yes { Source::Estimated } else { Source::Unmeasured };
    inputs
        .set_from(
            Indicator::PublishOnTime,
            Counts::new(p.published_on_time, p.published),
            measured(p.with_decisions > 0),
        )
        .set_from(
            Indicator::PublicUpdateOnTime,
            Counts::new(p.public_on_time, p.public_due),
            measured(p.with_decisions > 0),
        )
        .set_from(Indicator::PublicContentFull, Counts::new(p.content_complete, p.in_force), measured(p.in_force > 0));
    let f = &c.feedback;
    inputs
        .set_from(Indicator::PetitionClassificationTthc, Counts::new(f.about_regulation, f.received), Source::Counted)
        .set_from(Indicator::PetitionClassificationStaff, Counts::new(f.about_conduct, f.received), Source::Counted)
        .set_from(Indicator::PetitionOnTime, Counts::new(f.on_time, f.due_in_period), Source::Counted)
        .set_from(Indicator::PetitionSatisfaction, Counts::new(f.satisfactory, f.received), Source::Estimated);
    inputs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index766::{Config, Group, NOT_MEASURED, round2, score_unit};

    #[test]
    fn progress_counts_handled_and_open_dossiers() {
        // 30 handled on time, 5 late, 10 open within, 5 open past due:
        // 40 / 50 on time ⇒ 16 points of 20.
        let c = OwnCounts {
            received: 48,
            received_online: 12,
            resolved_on_time: 30,
            resolved_late: 5,
            open_within_due: 10,
            open_past_due: 5,
            rated_dissatisfied: 2,
            results_issued: 28,
            results_digitised: 14,
            received_reusing: 6,
            certified_copies_handled: 4,
            certified_copies_issued: 1,
            feedback: Default::default(),
            fee_dossiers: 20,
            paid_online: 5,
            fee_procedures: 4,
            fee_procedures_requested: 3,
            fee_procedures_paid_online: 2,
            received_synced: 36,
            publication: Default::default(),
        };
        let s = score_unit(&own_inputs(&c), &Config::default());
        let p = s.indicator(Indicator::ProgressOnTime);
        assert_eq!((p.numerator, p.denominator, p.score), (40, 50, Some(16.0)));
        assert!(!p.provisional);
        assert_eq!(s.group(Group::Progress).score, Some(16.0));
        // 3.3 is tracked: 12 / 48 = 25%, no points.
        let o = s.indicator(Indicator::OnlineSubmission);
        assert_eq!((o.ratio, o.score), (Some(0.25), None));
        // 5.4: (50 − 10 overdue − 2 dissatisfied) / 50 = 76% ⇒ 6 × 0.76 / 0.9.
        let d = s.indicator(Indicator::DossierSatisfaction);
        assert_eq!((d.numerator, d.denominator), (38, 50));
        assert_eq!(round2(d.score.unwrap()), 5.07);
        assert!(d.provisional, "motcua's reading of 'dislike'");
        // 4.1: 28 of the 35 handled have an electronic result: 6 × 0.8.
        let e = s.indicator(Indicator::ElectronicResult);
        assert_eq!((e.numerator, e.denominator), (28, 35));
        assert_eq!(round2(e.score.unwrap()), 4.8);
        assert!(e.provisional, "the denominator is motcua's reading");
        // 4.2: 14 of the 35 handled had every component as a file: 4 × 0.4.
        let g = s.indicator(Indicator::DigitisedComponents);
        assert_eq!((g.numerator, g.denominator, g.score.map(round2)), (14, 35, Some(1.6)));
        assert!(g.provisional);
        // 4.3: 6 of the 48 received reused a kept document: 12.5%, full
        // marks at 80% ⇒ 2 × 0.125 / 0.8.
        let r = s.indicator(Indicator::ReusedDigitisedData);
        assert_eq!((r.numerator, r.denominator, r.score.map(round2)), (6, 48, Some(0.31)));
        assert!(!r.provisional);
        // 4.6: 1 of 4 certified copies electronic ⇒ 2 × 0.25.
        let c = s.indicator(Indicator::ElectronicCertifiedCopy);
        assert_eq!((c.numerator, c.denominator, c.score.map(round2)), (1, 4, Some(0.5)));
        assert!(c.provisional);
        // 1.4: 36 of the 48 received reached the portal: 6 × 0.75, counted;
        // 1.1–1.3 have no catalogue dates here: not measured, no group score.
        let y = s.indicator(Indicator::DossierSync);
        assert_eq!((y.numerator, y.denominator, y.score.map(round2)), (36, 48, Some(4.5)));
        assert!(!y.provisional);
        assert_eq!(s.group(Group::Transparency).score, None);
        // 4.4 and 4.5 are the national data stores': no group score.
        assert_eq!(s.group(Group::Digitisation).score, None);
        // Online payment, the verified group formula 6·A + min(2, 2.5·B) + 2.5·C:
        // A = 5/20 (3.6), B = 2/4 (3.5b), C = 3/4 (3.5) ⇒ 1.5 + 1.25 + 1.875.
        let pay = s.group(Group::OnlinePayment);
        assert_eq!(pay.score.map(round2), Some(round2(1.5 + 1.25 + 1.875)));
        for i in
            [Indicator::PaymentDossiers, Indicator::PaymentFormalityIntegrated, Indicator::PaymentFormalityTransactions]
        {
            assert!(s.indicator(i).provisional, "{i:?} is motcua's reading");
        }
        assert_eq!(s.indicator(Indicator::PaymentDossiers).numerator, 5);
    }

    #[test]
    fn groups_with_data_held_elsewhere_have_no_score() {
        let s = score_unit(&own_inputs(&OwnCounts { resolved_on_time: 1, ..OwnCounts::default() }), &Config::default());
        for g in [Group::Transparency, Group::Digitisation] {
            assert_eq!((s.group(g).score, s.group(g).reason), (None, Some(NOT_MEASURED)), "{g:?}");
        }
        // No feedback: 5.2 and 5.3 give their 6 points each, as the portal does;
        // online payment scores 0 with no fee dossier.
        assert_eq!(s.group(Group::Satisfaction).score, Some(18.0));
        assert_eq!(s.group(Group::OnlinePayment).score, Some(0.0));
        assert_eq!(s.total, 38.0, "the progress and satisfaction groups score");
        assert_eq!(s.resolved_max, 48.0);
        assert!(!s.complete());
        assert!(s.provisional, "5.3, 5.4 and the online-payment group are motcua's readings of the spec");
        assert_eq!(s.indicator(Indicator::PublishOnTime).score, None);
    }

    #[test]
    fn the_catalogue_gives_the_transparency_group() {
        use crate::index766::publication::PublicationCounts;
        let publication = PublicationCounts {
            published: 8,
            published_on_time: 6,
            published_unmeasurable: 2,
            public_due: 10,
            public_on_time: 7,
            public_unmeasurable: 0,
            in_force: 20,
            content_complete: 15,
            with_decisions: 12,
        };
        let c = OwnCounts { received: 10, received_synced: 9, publication, ..OwnCounts::default() };
        let s = score_unit(&own_inputs(&c), &Config::default());
        // 1.1: 6 / 8 ⇒ 6 × 0.75 = 4.5; 1.2: 7 / 10 ⇒ 4 × 0.7 = 2.8;
        // 1.3: 15 / 20 ⇒ 2 × 0.75 = 1.5; 1.4: 9 / 10 ⇒ 6 × 0.9 = 5.4.
        let got: Vec<_> = [
            Indicator::PublishOnTime,
            Indicator::PublicUpdateOnTime,
            Indicator::PublicContentFull,
            Indicator::DossierSync,
        ]
        .iter()
        .map(|&i| s.indicator(i).score.map(round2))
        .collect();
        assert_eq!(got, vec![Some(4.5), Some(2.8), Some(1.5), Some(5.4)]);
        let t = s.group(Group::Transparency);
        assert_eq!((t.score.map(round2), t.provisional), (Some(14.2), true));
        // A unit whose procedures have no dated decision: 1.1 and 1.2 are
        // not measured, so the group has no score, even with 1.3.
        let none = PublicationCounts { with_decisions: 0, published: 0, public_due: 0, ..publication };
        let s = score_unit(&own_inputs(&OwnCounts { publication: none, ..c }), &Config::default());
        assert_eq!(s.indicator(Indicator::PublishOnTime).source, Source::Unmeasured);
        assert_eq!(s.indicator(Indicator::PublicContentFull).score, Some(1.5));
        assert_eq!(s.group(Group::Transparency).score, None);
        // Dated decisions but none in the period: 1.1 is empty ⇒ 0 points.
        let quiet = PublicationCounts { published: 0, published_on_time: 0, ..publication };
        let s = score_unit(&own_inputs(&OwnCounts { publication: quiet, ..c }), &Config::default());
        assert_eq!(s.indicator(Indicator::PublishOnTime).score, Some(0.0));
    }

    #[test]
    fn no_dossier_gives_the_configured_progress_and_no_satisfaction_points() {
        let s = score_unit(&own_inputs(&OwnCounts::default()), &Config::default());
        assert_eq!(s.indicator(Indicator::ProgressOnTime).score, Some(0.0));
        assert!(s.indicator(Indicator::ProgressOnTime).provisional);
        assert_eq!(s.indicator(Indicator::DossierSatisfaction).score, Some(0.0));
    }

    #[test]
    fn feedback_gives_the_petition_indicators() {
        let feedback = crate::feedback::FeedbackCounts {
            received: 10,
            about_regulation: 6,
            about_conduct: 3,
            due_in_period: 12,
            on_time: 9,
            satisfactory: 7,
        };
        let s = score_unit(&own_inputs(&OwnCounts { feedback, ..OwnCounts::default() }), &Config::default());
        // 5.1 is tracked: 60% about regulations, 30% about conduct, no points.
        let a = s.indicator(Indicator::PetitionClassificationTthc);
        assert_eq!((a.numerator, a.denominator, a.score), (6, 10, None));
        assert_eq!(s.indicator(Indicator::PetitionClassificationStaff).numerator, 3);
        // 5.2: 9 / 12 on time ⇒ 6 × 0.75; counted as the spec says.
        let on_time = s.indicator(Indicator::PetitionOnTime);
        assert_eq!((on_time.score, on_time.provisional), (Some(4.5), false));
        // 5.3: 7 / 10 ⇒ 6 × 0.7; motcua's reading of "dislikes".
        let sat = s.indicator(Indicator::PetitionSatisfaction);
        assert_eq!((sat.score.map(round2), sat.provisional), (Some(4.2), true));
    }
}
