//! Property tests of SIPAS: Slovin's n never exceeds N, shares stay within
//! 0..=1 under every aggregation, counting is additive, evaluations stay
//! within their 18 points.

use motcua_rules::par::{Percent, Points};
use motcua_rules::sipas::{
    Aggregation, AnswerCounts, DossierEvaluation, ElementWeight, EvaluationTally, Level, Tally, sipas_index,
    sipas_template, slovin, thanh_hoa_bands,
};
use proptest::prelude::*;

fn aggregations() -> Vec<Aggregation> {
    let weights =
        (1..=5).map(|e| ElementWeight { element: e.to_string(), weight: f64::from(e) * 0.7 }).collect::<Vec<_>>();
    vec![Aggregation::MeanOfMeans, Aggregation::Pooled, Aggregation::WeightedElements { weights }]
}

/// Counts for the 14 template questions; a third of questions unanswered.
fn counts() -> impl Strategy<Value = Vec<AnswerCounts>> {
    prop::collection::vec(
        prop_oneof![
            1 => Just(AnswerCounts::default()),
            2 => prop::array::uniform5(0u64..1_000_000).prop_map(AnswerCounts),
        ],
        14,
    )
}

fn answer() -> impl Strategy<Value = Option<Level>> {
    prop_oneof![1 => Just(None), 5 => (1u8..=5).prop_map(Level::from_number)]
}

proptest! {
    #[test]
    fn slovin_never_exceeds_the_population(n in any::<u64>(), margin in 1i64..10_000) {
        let margin = Percent::from_hundredths(margin);
        let s = slovin(n, margin).unwrap();
        prop_assert!(s <= n);
        prop_assert!(n == 0 || s >= 1);
        // Never more than ⌈1/e²⌉, however large the population.
        let m = margin.hundredths() as u128;
        prop_assert!(u128::from(s) <= 100_000_000u128.div_ceil(m * m));
        // A larger population never needs a smaller sample.
        prop_assert!(slovin(n.saturating_add(1), margin).unwrap() >= s);
    }

    #[test]
    fn shares_stay_within_zero_and_one(counts in counts()) {
        let d = sipas_template();
        let t = Tally::from_counts(&d, counts, 1).unwrap();
        for a in aggregations() {
            let i = sipas_index(&d, &t, &a).unwrap();
            let shares = i.questions.iter().map(|q| q.share).chain(i.elements.iter().map(|e| e.share)).chain([i.overall]);
            for s in shares.flatten() {
                prop_assert!((0.0..=1.0).contains(&s), "{s} under {a:?}");
            }
            if let Some(p) = i.overall_percent() {
                prop_assert!(Percent::ZERO <= p && p <= Percent::HUNDRED);
            }
            // A mean of element shares lies between the lowest and highest.
            if !matches!(a, Aggregation::Pooled) && let Some(o) = i.overall {
                let el: Vec<f64> = i.elements.iter().filter_map(|e| e.share).collect();
                let (lo, hi) = el.iter().fold((1.0f64, 0.0f64), |(l, h), s| (l.min(*s), h.max(*s)));
                prop_assert!(lo - 1e-12 <= o && o <= hi + 1e-12);
            }
            prop_assert_eq!(i.overall.is_some(), t.counts().iter().any(|c| c.answers() > 0));
        }
    }

    #[test]
    fn counting_is_additive(forms in prop::collection::vec(prop::collection::vec(answer(), 14), 0..60), split in any::<prop::sample::Index>()) {
        let d = sipas_template();
        let cut = if forms.is_empty() { 0 } else { split.index(forms.len() + 1) };
        let (mut all, mut left, mut right) = (Tally::new(&d), Tally::new(&d), Tally::new(&d));
        for (k, f) in forms.iter().enumerate() {
            all.add_response(f).unwrap();
            if k < cut { left.add_response(f).unwrap() } else { right.add_response(f).unwrap() }
        }
        left.merge(&right).unwrap();
        prop_assert_eq!(&left, &all);
        prop_assert_eq!(all.respondents(), forms.len() as u64);
        for (q, c) in all.counts().iter().enumerate() {
            prop_assert_eq!(c.answers(), forms.iter().filter(|f| f[q].is_some()).count() as u64);
            prop_assert_eq!(c.satisfied(), forms.iter().filter(|f| f[q].is_some_and(Level::is_satisfied)).count() as u64);
        }
    }

    #[test]
    fn evaluations_stay_within_18_points(evals in prop::collection::vec(prop::array::uniform9(0u8..=2), 0..50)) {
        let bands = thanh_hoa_bands();
        let mut tally = EvaluationTally::default();
        for p in &evals {
            let e = DossierEvaluation::from_points(p).unwrap();
            prop_assert!(e.total() <= 18);
            tally.add(&e);
        }
        let s = tally.summary(&bands);
        prop_assert_eq!(s.count, evals.len() as u64);
        prop_assert_eq!(s.mean_total.is_some(), !evals.is_empty());
        if let Some(t) = s.mean_total {
            prop_assert!(Points::ZERO <= t && t <= Points::whole(18));
            prop_assert_eq!(s.band_code.as_deref(), Some(bands.classify(t).code.as_str()));
        }
        for m in s.mean_per_criterion.iter().flatten() {
            prop_assert!(Points::ZERO <= *m && *m <= Points::whole(2));
        }
    }

    #[test]
    fn points_above_two_are_refused(p in prop::array::uniform9(0u8..=2), at in 0usize..9, bad in 3u8..) {
        let mut p = p;
        p[at] = bad;
        let e = DossierEvaluation::from_points(&p).unwrap_err();
        prop_assert_eq!(e.field, Some(format!("points[{at}]")));
    }
}
