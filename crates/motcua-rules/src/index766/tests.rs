//! Hand-worked figures for every rule, then properties.

use proptest::prelude::*;

use super::*;

fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-9, "expected {expected}, got {actual}");
}

fn score_of(indicator: Indicator, numerator: u64, denominator: u64) -> Outcome {
    evaluate(indicator, indicator.def().max, Counts::new(numerator, denominator).ratio(), &Config::default())
}

fn points(indicator: Indicator, numerator: u64, denominator: u64) -> f64 {
    score_of(indicator, numerator, denominator).score.expect("a scored indicator")
}

// ---- the definitions -------------------------------------------------------

#[test]
fn the_table_is_in_the_order_of_the_enum() {
    for (i, indicator) in Indicator::ALL.into_iter().enumerate() {
        assert_eq!(INDICATORS[i].indicator, indicator);
        assert_eq!(indicator.index(), i);
        assert_eq!(INDICATORS[i].id, indicator.id(), "{indicator:?}");
        assert_eq!(Indicator::parse_id(indicator.id()), Some(indicator));
    }
}

#[test]
fn maxima_add_up_to_the_groups_and_to_100() {
    let mut total = 0.0;
    for group in Group::ALL {
        let sum: f64 = Indicator::of_group(group).map(|i| i.def().max).sum();
        close(sum, group.max());
        total += group.max();
        assert_eq!(Group::parse(group.as_str()), Some(group));
    }
    close(total, 100.0);
}

#[test]
fn metric_codes_and_ids_are_unique() {
    for a in Indicator::ALL {
        for b in Indicator::ALL {
            if a != b {
                assert_ne!(a.id(), b.id());
                if let (Some(x), Some(y)) = (a.def().metric_code, b.def().metric_code) {
                    assert_ne!(x, y);
                }
            }
        }
        if let Some(code) = a.def().metric_code {
            assert_eq!(Indicator::from_metric_code(code), Some(a));
        }
    }
    assert_eq!(Indicator::from_metric_code("NOT_A_METRIC"), None);
}

#[test]
fn unverified_and_unresolved_indicators_are_the_documented_ones() {
    let unverified: Vec<&str> = INDICATORS.iter().filter(|d| !d.verified).map(|d| d.id).collect();
    assert_eq!(unverified, ["3.0", "3.1", "3.2", "3.3", "4.4"]);
    let unresolved: Vec<&str> =
        INDICATORS.iter().filter(|d| matches!(d.rule, Rule::Unresolved { .. })).map(|d| d.id).collect();
    assert_eq!(unresolved, ["3.0"]);
}

#[test]
fn indicators_serialise_as_their_id() {
    assert_eq!(serde_json::to_string(&Indicator::PaymentFormalityTransactions).unwrap(), "\"3.5b\"");
    let back: Indicator = serde_json::from_str("\"4.5a\"").unwrap();
    assert_eq!(back, Indicator::CitizenDataFormality);
    let err = serde_json::from_str::<Indicator>("\"9.9\"").unwrap_err().to_string();
    assert!(err.contains("unknown 766 indicator id `9.9`"), "{err}");
}

// ---- Linear ----------------------------------------------------------------

#[test]
fn linear_is_max_times_ratio() {
    // PUBLISH_ON_TIME: 18 of 20 on time = 90% of 6 points.
    close(points(Indicator::PublishOnTime, 18, 20), 5.4);
    // PUBLIC_UPDATE_ON_TIME: 2/3 of 4 = 2.6667.
    close(points(Indicator::PublicUpdateOnTime, 2, 3), 8.0 / 3.0);
    // DOSSIER_SYNC: 301/320 of 6 = 5.64375.
    close(points(Indicator::DossierSync, 301, 320), 5.64375);
    let o = score_of(Indicator::PublicContentFull, 45, 50);
    close(o.ratio.unwrap(), 0.9);
    close(o.score.unwrap(), 1.8);
    assert!(!o.provisional);
}

#[test]
fn linear_with_zero_denominator_is_not_applicable_and_0() {
    let o = score_of(Indicator::PublishOnTime, 0, 0);
    assert_eq!(o, Outcome { ratio: None, score: Some(0.0), provisional: false });
}

#[test]
fn a_numerator_above_the_denominator_never_scores_above_the_maximum() {
    let o = score_of(Indicator::DossierSync, 130, 100);
    close(o.ratio.unwrap(), 1.3);
    close(o.score.unwrap(), 6.0);
    close(points(Indicator::ReusedDigitisedData, 500, 100), 2.0);
}

// ---- Threshold ---------------------------------------------------------------

#[test]
fn threshold_gives_full_marks_from_full_at() {
    // REUSED_DIGITIZED_DATA: full marks at 80%; 60% ⇒ 2 × 0.6 / 0.8 = 1.5.
    close(points(Indicator::ReusedDigitisedData, 600, 1000), 1.5);
    close(points(Indicator::ReusedDigitisedData, 80, 100), 2.0);
    close(points(Indicator::ReusedDigitisedData, 90, 100), 2.0);
    // ORIGINAL_RESULT_AVAILABLE: full marks only at 100%; 90% ⇒ 5.4.
    close(points(Indicator::ElectronicResult, 450, 500), 5.4);
    close(points(Indicator::ElectronicResult, 500, 500), 6.0);
}

#[test]
fn digitised_components_follow_the_portal_not_the_spec() {
    // (A) would give full marks (4) at 85%; the portal gives 4 × 0.85 = 3.4.
    close(points(Indicator::DigitisedComponents, 850, 1000), 3.4);
    assert!(Indicator::DigitisedComponents.def().note.unwrap().contains("80%"));
}

#[test]
fn the_personal_data_store_is_provisional_only_above_zero() {
    let zero = score_of(Indicator::PersonalDataStore, 0, 1000);
    assert_eq!(zero, Outcome { ratio: Some(0.0), score: Some(0.0), provisional: false });
    let some = score_of(Indicator::PersonalDataStore, 10, 100);
    close(some.score.unwrap(), 0.4);
    assert!(some.provisional);
    assert!(!score_of(Indicator::PersonalDataStore, 0, 0).provisional);
}

// ---- satisfaction: fixed scores when empty ------------------------------------

#[test]
fn petitions_score_6_when_there_is_none() {
    for indicator in [Indicator::PetitionOnTime, Indicator::PetitionSatisfaction] {
        assert_eq!(score_of(indicator, 0, 0), Outcome { ratio: None, score: Some(6.0), provisional: false });
    }
    // 9 of 12 on time ⇒ 6 × 0.75 = 4.5; 5 of 7 satisfied ⇒ 4.2857.
    close(points(Indicator::PetitionOnTime, 9, 12), 4.5);
    close(points(Indicator::PetitionSatisfaction, 5, 7), 30.0 / 7.0);
    close(points(Indicator::PetitionOnTime, 0, 5), 0.0);
}

#[test]
fn dossier_satisfaction_scores_0_when_empty_and_full_from_90_percent() {
    assert_eq!(
        score_of(Indicator::DossierSatisfaction, 0, 0),
        Outcome { ratio: None, score: Some(0.0), provisional: false }
    );
    // 85% ⇒ 6 × 0.85 / 0.9 = 5.6667; 76% ⇒ 5.0667; 92% ⇒ capped at 6.
    close(points(Indicator::DossierSatisfaction, 850, 1000), 6.0 * 0.85 / 0.9);
    close(points(Indicator::DossierSatisfaction, 190, 250), 6.0 * 0.76 / 0.9);
    close(points(Indicator::DossierSatisfaction, 460, 500), 6.0);
    close(points(Indicator::DossierSatisfaction, 9, 10), 6.0);
}

#[test]
fn classification_metrics_are_tracked_not_scored() {
    let o = score_of(Indicator::PetitionClassificationStaff, 20, 50);
    assert_eq!(o, Outcome { ratio: Some(0.4), score: None, provisional: false });
}

// ---- progress ---------------------------------------------------------------

#[test]
fn progress_is_20_times_on_time_over_received() {
    close(points(Indicator::ProgressOnTime, 37, 40), 18.5);
    close(points(Indicator::ProgressOnTime, 5, 7), 100.0 / 7.0);
    close(points(Indicator::ProgressOnTime, 42, 47), 20.0 * 42.0 / 47.0);
}

#[test]
fn progress_with_no_dossier_is_configured_and_provisional() {
    let o = score_of(Indicator::ProgressOnTime, 0, 0);
    assert_eq!(o, Outcome { ratio: None, score: Some(0.0), provisional: true });
    let config = Config { progress_when_empty: 20.0, ..Config::default() };
    let o = evaluate(Indicator::ProgressOnTime, 20.0, None, &config);
    assert_eq!(o, Outcome { ratio: None, score: Some(20.0), provisional: true });
}

// ---- online payment -----------------------------------------------------------

fn payment(success: u64, obligation: u64, formality_success: u64, fee_formality: u64, fee_dossier: u64) -> UnitScore {
    let mut inputs = Inputs::default();
    inputs.set_online_payment(PaymentCounters {
        dossier_online_payment_success: success,
        dossier_financial_obligation: obligation,
        dossier_online_formality_payment_success: formality_success,
        fee_formality,
        fee_dossier_formality: fee_dossier,
    });
    score_unit(&inputs, &Config::default())
}

fn payment_points(success: u64, obligation: u64, formality_success: u64, fee_formality: u64, fee_dossier: u64) -> f64 {
    payment(success, obligation, formality_success, fee_formality, fee_dossier)
        .group(Group::OnlinePayment)
        .score
        .unwrap()
}

#[test]
fn online_payment_is_6a_plus_min_2_25b_plus_25c() {
    // A = 30/40, B = 6/10, C = 5/10: 4.5 + 1.5 + 1.25 = 7.25.
    close(payment_points(30, 40, 6, 10, 5), 7.25);
    // A = 1, B = 0.9 ⇒ min(2, 2.25) = 2, C = 0.7 ⇒ 1.75: 9.75.
    close(payment_points(9, 9, 9, 10, 7), 9.75);
    // A = B = 1/3, C = 2/3: 2 + 0.8333 + 1.6667 = 4.5.
    close(payment_points(1, 3, 1, 3, 2), 4.5);
    // The parent of the CLI fixture: 40/52, 16/23, 14/23 ⇒ 7.876254.
    close(payment_points(40, 52, 16, 23, 14), 6.0 * 40.0 / 52.0 + 2.5 * 16.0 / 23.0 + 2.5 * 14.0 / 23.0);
}

#[test]
fn online_payment_with_zero_denominators_has_ratio_0() {
    let unit = payment(0, 0, 0, 0, 0);
    close(unit.group(Group::OnlinePayment).score.unwrap(), 0.0);
    assert!(!unit.group(Group::OnlinePayment).provisional);
    for i in Indicator::of_group(Group::OnlinePayment) {
        assert_eq!(unit.indicator(i).ratio, Some(0.0), "{i:?}");
    }
    // Only the dossier denominator is 0: 0 + min(2, 2.5 × 0.5) + 2.5 × 0.5 = 2.5.
    close(payment_points(0, 0, 5, 10, 5), 2.5);
}

#[test]
fn online_payment_caps_c_at_2_points() {
    // C = 90% would give 2.25 uncapped (C); (A) caps at 2.
    close(payment_points(0, 10, 0, 10, 9), 2.0);
    close(payment_points(10, 10, 10, 10, 10), 10.0);
}

// ---- units, groups, total ---------------------------------------------------------

fn perfect_inputs() -> Inputs {
    let mut inputs = Inputs::default();
    for i in Indicator::ALL {
        inputs.set(i, 10, 10);
    }
    inputs
}

#[test]
fn the_online_service_group_is_unresolved_by_default() {
    let unit = score_unit(&perfect_inputs(), &Config::default());
    let online = unit.group(Group::OnlineService);
    assert_eq!(online.score, None);
    assert!(online.reason.unwrap().contains("unresolved"));
    close(unit.total, 88.0);
    close(unit.resolved_max, 88.0);
    close(unit.max, 100.0);
    assert!(!unit.complete());
    assert!(unit.provisional);
    assert!(unit.classification(&Config::default()).is_none());
    assert_eq!(unit.indicator(Indicator::OnlineFullDossiers).score, None);
    for group in Group::ALL.into_iter().filter(|g| *g != Group::OnlineService) {
        assert_eq!(unit.group(group).score, Some(group.max()), "{group:?}");
        // Only 4.4's slope is a guess, and only above 0%.
        assert_eq!(unit.group(group).provisional, group == Group::Digitisation, "{group:?}");
    }
}

fn override_formula() -> Config {
    Config {
        online_service: Some(OnlineServiceFormula {
            terms: vec![
                OnlineTerm { indicator: Indicator::OnlineServiceWithDossiers, points: 4.0, full_at: 1.0 },
                OnlineTerm { indicator: Indicator::OnlineSubmission, points: 8.0, full_at: 0.5 },
            ],
        }),
        ..Config::default()
    }
}

#[test]
fn an_override_formula_scores_the_online_service_group_provisionally() {
    let config = override_formula();
    config.check().unwrap();
    let mut inputs = Inputs::default();
    // 3.2: 30 of 40 services had dossiers ⇒ 4 × 0.75 = 3; 3.3: 20% online ⇒ 8 × 0.2 / 0.5 = 3.2.
    inputs.set(Indicator::OnlineServiceWithDossiers, 30, 40).set(Indicator::OnlineSubmission, 200, 1000);
    let unit = score_unit(&inputs, &config);
    let online = unit.group(Group::OnlineService);
    close(online.score.unwrap(), 6.2);
    assert!(online.provisional);
    // A zero denominator counts as 0.
    let unit = score_unit(&Inputs::default(), &config);
    close(unit.group(Group::OnlineService).score.unwrap(), 0.0);
    // Everything at 100% reaches 100, classified, still provisional.
    let unit = score_unit(&perfect_inputs(), &config);
    close(unit.total, 100.0);
    assert!(unit.complete());
    assert!(unit.provisional);
    let class = unit.classification(&config).unwrap();
    assert_eq!(class.band.unwrap().name_vi, "Xuất sắc");
    assert!(class.provisional);
}

#[test]
fn a_unit_with_no_activity() {
    let unit = score_unit(&Inputs::default(), &Config::default());
    // Transparency and digitisation 0, progress 0 (configured), payment 0,
    // satisfaction 6 + 6 + 0.
    close(unit.total, 12.0);
    assert!(unit.group(Group::Progress).provisional);
    assert!(!unit.group(Group::Satisfaction).provisional);
    close(unit.group(Group::Satisfaction).score.unwrap(), 12.0);
}

#[test]
fn the_satisfaction_group_of_the_cli_fixture() {
    let mut inputs = Inputs::default();
    inputs
        .set(Indicator::PetitionOnTime, 3, 7)
        .set(Indicator::PetitionSatisfaction, 5, 7)
        .set(Indicator::DossierSatisfaction, 190, 250)
        .set(Indicator::PetitionClassificationTthc, 4, 7);
    let unit = score_unit(&inputs, &Config::default());
    let expected = 18.0 / 7.0 + 30.0 / 7.0 + 6.0 * 0.76 / 0.9;
    close(unit.group(Group::Satisfaction).score.unwrap(), expected);
    close(round2(expected), 11.92);
}

#[test]
fn rounding_and_percentages() {
    close(round2(17.872340425531913), 17.87);
    close(round2(14.285714285714286), 14.29);
    close(percent(6.0 / 7.0), 85.71);
    close(percent(1.0), 100.0);
}

// ---- configuration ------------------------------------------------------------------

#[test]
fn the_default_configuration_is_valid_and_documented() {
    let config = Config::default();
    config.check().unwrap();
    assert_eq!(config.bands.len(), 5);
    assert!(!config.bands_confirmed);
    close(config.progress_when_empty, 0.0);
    assert!(config.online_service.is_none());
}

#[test]
fn configuration_reads_from_json_with_defaults_for_what_is_left_out() {
    let config: Config = serde_json::from_str(
        r#"{"progress_when_empty": 20,
            "online_service": {"terms": [{"indicator": "3.2", "points": 12}]}}"#,
    )
    .unwrap();
    config.check().unwrap();
    assert_eq!(config.bands, Config::default_bands());
    let terms = &config.online_service.unwrap().terms;
    assert_eq!(terms[0].indicator, Indicator::OnlineServiceWithDossiers);
    close(terms[0].full_at, 1.0);
    assert!(serde_json::from_str::<Config>(r#"{"bandz": []}"#).is_err());
}

#[test]
fn invalid_configurations_name_the_field() {
    let field = |config: Config| config.check().unwrap_err().field.unwrap();
    let mut bands = Config::default();
    bands.bands.swap(0, 1);
    assert_eq!(field(bands), "bands[1].min");
    let mut range = Config::default();
    range.bands[0].min = 120.0;
    assert_eq!(field(range), "bands[0].min");
    assert_eq!(field(Config { progress_when_empty: 25.0, ..Config::default() }), "progress_when_empty");
    let term = |indicator, points, full_at| Config {
        online_service: Some(OnlineServiceFormula { terms: vec![OnlineTerm { indicator, points, full_at }] }),
        ..Config::default()
    };
    assert_eq!(field(term(Indicator::ProgressOnTime, 4.0, 1.0)), "online_service.terms[0].indicator");
    assert_eq!(field(term(Indicator::OnlineSubmission, -1.0, 1.0)), "online_service.terms[0].points");
    assert_eq!(field(term(Indicator::OnlineSubmission, 4.0, 0.0)), "online_service.terms[0].full_at");
    assert_eq!(field(term(Indicator::OnlineSubmission, 13.0, 1.0)), "online_service.terms");
    let err = term(Indicator::OnlineSubmission, 13.0, 1.0).check().unwrap_err();
    assert_eq!(err.code, "index766_config_invalid");
    assert!(err.message_vi.contains("12 điểm"));
}

#[test]
fn classification_by_the_default_bands() {
    let config = Config::default();
    let name = |total| config.classify(total).band.map(|b| b.name_vi.as_str());
    // Lâm Đồng Q2/2024: 83.61 tốt, 90.96 xuất sắc.
    assert_eq!(name(83.61), Some("Tốt"));
    assert_eq!(name(90.96), Some("Xuất sắc"));
    assert_eq!(name(89.995), Some("Xuất sắc")); // 90.00 as published
    assert_eq!(name(89.994), Some("Tốt"));
    assert_eq!(name(67.9), Some("Trung bình"));
    assert_eq!(name(12.0), Some("Yếu"));
    assert!(config.classify(95.0).provisional);
    let custom = Config {
        bands: vec![Band { min: 50.0, name_vi: "Đạt".into(), name_en: "Pass".into() }],
        bands_confirmed: true,
        ..Config::default()
    };
    assert_eq!(custom.classify(49.0).band, None);
    assert!(!custom.classify(60.0).provisional);
}

// ---- ranking ------------------------------------------------------------------------

#[test]
fn ties_share_a_rank_and_the_next_skips() {
    let units = [("D", 80.0), ("C", 85.5), ("A", 90.0), ("B", 85.5)];
    assert_eq!(ranks(&units), [4, 2, 1, 2]);
    let order: Vec<(usize, u32)> = rank(&units).into_iter().map(|r| (r.index, r.rank)).collect();
    // Ties listed by code: B before C.
    assert_eq!(order, [(2, 1), (3, 2), (1, 2), (0, 4)]);
}

#[test]
fn ranking_compares_totals_rounded_to_2_decimals() {
    let units = [("X99.02", 85.496), ("X99.01", 85.504), ("X99.03", 85.49)];
    assert_eq!(ranks(&units), [1, 1, 3]);
    assert!(rank::<&str>(&[]).is_empty());
    assert_eq!(ranks(&[("A", f64::NAN), ("B", 0.0)]), [2, 1]);
}

// ---- properties ------------------------------------------------------------------------

fn any_counts() -> impl Strategy<Value = Counts> {
    prop_oneof![
        (0u64..1000).prop_flat_map(|d| (0..=d, Just(d))).prop_map(|(n, d)| Counts::new(n, d)),
        (0u64..u64::MAX, 0u64..u64::MAX).prop_map(|(n, d)| Counts::new(n, d)),
        Just(Counts::new(0, 0)),
        (1u64..1000).prop_map(|n| Counts::new(n, 0)),
    ]
}

fn any_config() -> impl Strategy<Value = Config> {
    let term = (0usize..4, 0.01f64..12.0, 0.05f64..=1.0).prop_map(|(i, points, full_at)| OnlineTerm {
        indicator: Indicator::of_group(Group::OnlineService).nth(i).unwrap(),
        points,
        full_at,
    });
    (0.0f64..=20.0, proptest::option::of(proptest::collection::vec(term, 0..4))).prop_map(|(empty, terms)| Config {
        progress_when_empty: empty,
        online_service: terms.map(|mut terms| {
            // Keep the configuration valid: the points add up to at most 12.
            let sum: f64 = terms.iter().map(|t| t.points).sum();
            if sum > 12.0 {
                terms.iter_mut().for_each(|t| t.points *= 12.0 / sum);
            }
            OnlineServiceFormula { terms }
        }),
        ..Config::default()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_score_leaves_its_range(counts in proptest::array::uniform24(any_counts()), config in any_config()) {
        let unit = score_unit(&Inputs { counts, ..Inputs::default() }, &config);
        for s in &unit.indicators {
            if let Some(score) = s.score {
                prop_assert!((0.0..=s.max).contains(&score), "{:?} scored {} of {}", s.indicator, score, s.max);
            }
        }
        for g in &unit.groups {
            if let Some(score) = g.score {
                prop_assert!((0.0..=g.max + 1e-9).contains(&score), "{:?} scored {} of {}", g.group, score, g.max);
            }
        }
        prop_assert!(unit.total >= 0.0);
        prop_assert!(unit.total <= unit.resolved_max + 1e-9);
        prop_assert!(unit.resolved_max <= 100.0 + 1e-9);
        prop_assert_eq!(unit.complete(), config.online_service.is_some());
    }

    #[test]
    fn any_ratio_scores_between_0_and_the_maximum(
        i in 0usize..Indicator::COUNT,
        ratio in proptest::option::of(prop_oneof![-10.0f64..10.0, Just(f64::NAN), Just(f64::INFINITY)]),
        max in prop_oneof![0.0f64..30.0, Just(-1.0), Just(f64::NAN)],
    ) {
        let o = evaluate(Indicator::ALL[i], max, ratio, &Config::default());
        if let Some(score) = o.score {
            prop_assert!(score >= 0.0 && score <= max.max(0.0), "{} of {}", score, max);
        }
    }

    #[test]
    fn ranks_are_competition_ranks(scores in proptest::collection::vec((0u8..5, 0.0f64..100.0), 0..40)) {
        // Few distinct codes and coarse scores, so ties happen.
        let units: Vec<(String, f64)> =
            scores.iter().map(|(c, s)| (format!("X{c}"), (s / 10.0).round() * 10.0)).collect();
        let r = ranks(&units);
        let n = units.len() as u32;
        for (a, ua) in units.iter().enumerate() {
            prop_assert!(r[a] >= 1 && r[a] <= n);
            // Rank = 1 + the number of units with a higher total.
            let higher = units.iter().filter(|u| round2(u.1) > round2(ua.1)).count() as u32;
            prop_assert_eq!(r[a], higher + 1);
            for (b, ub) in units.iter().enumerate() {
                if round2(ua.1) > round2(ub.1) { prop_assert!(r[a] < r[b]); }
                if round2(ua.1) == round2(ub.1) { prop_assert_eq!(r[a], r[b]); }
            }
        }
        // The order is a permutation: best first, ties by code.
        let order = rank(&units);
        let mut seen: Vec<usize> = order.iter().map(|x| x.index).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..units.len()).collect::<Vec<_>>());
        for w in order.windows(2) {
            prop_assert!(w[0].rank <= w[1].rank);
            if w[0].rank == w[1].rank {
                prop_assert!(units[w[0].index].0 <= units[w[1].index].0);
            }
        }
    }
}
