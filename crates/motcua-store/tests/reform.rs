//! Reform evaluation (PAR INDEX) and SIPAS storage, the same on every
//! database: frameworks, a campaign from self-assessment to a published
//! ranking, refusals that write nothing, evidence, published results,
//! single-use survey links.

#[macro_use]
mod common;

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::Role;
use motcua_rules::par::{
    DEMO_BAC_KAN_2021_CSV, Input, Points, commune_template, demo_bac_kan_2022_districts, parse_published_csv,
};
use motcua_rules::sipas::{Aggregation, sipas_template};
use motcua_store::model::{NewUnit, NewUser, Unit};
use motcua_store::reform::{CampaignStatus, NewCampaign, NewEvidence};
use motcua_store::{Store, StoreError};

on_both!(
    reform_frameworks_are_versioned_per_province,
    reform_campaign_runs_from_self_assessment_to_published_ranking,
    reform_bad_input_is_refused_and_writes_nothing,
    reform_evidence_is_kept_per_sheet_until_submission,
    reform_published_results_import_all_or_nothing,
    reform_survey_links_are_single_use_and_answers_anonymous,
);

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn rule(e: StoreError) -> (&'static str, Option<String>) {
    let r = e.rule().unwrap_or_else(|| panic!("expected a rule error, got {e}"));
    (r.code, r.field.clone())
}

async fn unit(store: &Store, parent: Option<i64>, code: &str, name: &str, level: &str) -> Unit {
    let new = NewUnit { parent_id: parent, code: code.into(), name: name.into(), level: level.into() };
    store.create_unit(new, at("2022-01-01 08:00")).await.unwrap()
}

async fn officer(store: &Store, name: &str, unit: &Unit) -> i64 {
    let new = NewUser {
        username: name.into(),
        password_hash: "x".into(),
        full_name: name.into(),
        role: Role::ReformOfficer,
        unit_id: Some(unit.id),
    };
    store.create_user(new, at("2022-01-01 08:00")).await.unwrap().id
}

fn p(h: i64) -> Points {
    Points::from_hundredths(h)
}

/// A province with the demo's eight districts and a reform officer.
struct World {
    province: Unit,
    districts: Vec<Unit>,
    officer: i64,
}

async fn world(store: &Store) -> World {
    let province = unit(store, None, "BK", "Tỉnh Bắc Kạn", "province").await;
    let mut districts = Vec::new();
    for s in demo_bac_kan_2022_districts().sheets {
        districts.push(unit(store, Some(province.id), &s.unit_code, &s.unit_name, "district").await);
    }
    let officer = officer(store, "noivu", &province).await;
    World { province, districts, officer }
}

fn new_campaign(w: &World, framework_id: i64) -> NewCampaign {
    NewCampaign {
        province_id: w.province.id,
        framework_id,
        year: 2022,
        name: "Chỉ số CCHC 2022".into(),
        bands: motcua_rules::par::demo_bac_kan_bands(),
        period_from: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
        period_to: NaiveDate::from_ymd_opt(2022, 12, 31).unwrap(),
        deadline: at("2023-01-15 17:00"),
        unit_ids: w.districts.iter().map(|d| d.id).collect(),
    }
}

async fn reform_frameworks_are_versioned_per_province(store: Store) {
    let w = world(&store).await;
    let other = unit(&store, None, "H11", "Tỉnh Cao Bằng", "province").await;
    let now = at("2022-12-01 09:00");
    let meta = store.create_framework(w.province.id, commune_template(), Some(w.officer), now).await.unwrap();
    assert_eq!((meta.code.as_str(), meta.version, meta.level.as_str()), ("par-commune", 1, "commune"));
    let stored = store.framework(w.province.id, meta.id).await.unwrap();
    assert_eq!(stored.framework.to_json(), commune_template().to_json(), "the document round-trips");
    // The same (code, version) again is refused: a campaign may use it.
    let (code, field) = rule(store.create_framework(w.province.id, commune_template(), None, now).await.unwrap_err());
    assert_eq!((code, field.as_deref()), ("reform_framework_version_taken", Some("version")));
    // Another province may hold the same code and version, and cannot read this one.
    store.create_framework(other.id, commune_template(), None, now).await.unwrap();
    assert_eq!(rule(store.framework(other.id, meta.id).await.unwrap_err()).0, "reform_framework_not_found");
    assert_eq!(store.frameworks(w.province.id).await.unwrap().len(), 1);
    let audit = store.province_audit(w.province.id, 10).await.unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!((audit[0].action.as_str(), audit[0].actor_id), ("framework.create", Some(w.officer)));
}

/// The whole year of the Bắc Kạn demo through the store: self-scores,
/// office figures, submissions, appraisals with reasons, publication.
async fn reform_campaign_runs_from_self_assessment_to_published_ranking(store: Store) {
    let w = world(&store).await;
    let demo = demo_bac_kan_2022_districts();
    let t = at("2022-12-01 09:00");
    let fw = store.create_framework(w.province.id, demo.framework.clone(), Some(w.officer), t).await.unwrap();
    let c = store.create_campaign(new_campaign(&w, fw.id), Some(w.officer), t).await.unwrap();
    assert_eq!((c.status, c.units.len()), (CampaignStatus::Draft, 8));
    store.advance_campaign(c.id, CampaignStatus::Open, Some(w.officer), t).await.unwrap();

    for (sheet, district) in demo.sheets.iter().zip(&w.districts) {
        for e in &sheet.entries {
            match &e.input {
                Input::Assessed { self_score, .. } => {
                    store
                        .self_score(
                            c.id,
                            district.id,
                            e.code.clone(),
                            *self_score,
                            Some("Có minh chứng".into()),
                            None,
                            t,
                        )
                        .await
                        .unwrap();
                }
                other => {
                    store
                        .office_entry(c.id, district.id, e.code.clone(), other.clone(), None, Some(w.officer), t)
                        .await
                        .unwrap();
                }
            }
        }
        store.submit_self_assessment(c.id, district.id, None, at("2023-01-10 10:00")).await.unwrap();
    }
    let opened = store.campaign(c.id).await.unwrap();
    assert!(opened.units.iter().all(|u| u.submitted_at.is_some()), "who submitted is visible");
    store.advance_campaign(c.id, CampaignStatus::Appraising, Some(w.officer), t).await.unwrap();

    // Publishing before every item is appraised is refused, naming the unit.
    let (code, field) =
        rule(store.advance_campaign(c.id, CampaignStatus::Published, Some(w.officer), t).await.unwrap_err());
    assert_eq!(code, "par_not_appraised");
    assert!(field.unwrap().starts_with("BK."), "the field names the unit");
    assert_eq!(store.campaign(c.id).await.unwrap().status, CampaignStatus::Appraising, "nothing written");

    for (sheet, district) in demo.sheets.iter().zip(&w.districts) {
        for e in &sheet.entries {
            if let Input::Assessed { appraised: Some(a), reason, .. } = &e.input {
                store
                    .appraise(c.id, district.id, e.code.clone(), *a, reason.clone(), Some(w.officer), t)
                    .await
                    .unwrap();
            }
        }
    }
    let published = store.advance_campaign(c.id, CampaignStatus::Published, Some(w.officer), t).await.unwrap();
    assert_eq!(published.status, CampaignStatus::Published);

    let sheets = store.campaign_sheets(c.id).await.unwrap();
    let (_, ranked) = sheets.ranking().unwrap();
    let ngan_son = ranked.iter().find(|r| r.unit_code == "BK.NS").unwrap();
    assert_eq!(
        (ngan_son.index.to_string(), ngan_son.rank, ngan_son.band_label_vi.as_str()),
        ("70.56".into(), 8, "Khá")
    );
    // The published ranking is next year's "last year".
    let kept = store.previous_results(w.province.id, 2023).await.unwrap();
    assert_eq!(kept.len(), 8);
    assert_eq!((kept[7].unit_code.as_str(), kept[7].rank), ("BK.NS", Some(8)));

    let audit = store.campaign_audit(c.id).await.unwrap();
    let count = |a: &str| audit.iter().filter(|l| l.action == a).count();
    assert_eq!(count("unit.submit"), 8);
    assert_eq!(count("campaign.status"), 3);
    let appraisal = audit.iter().find(|l| l.action == "entry.appraise").unwrap();
    assert!(appraisal.before.is_some() && appraisal.after.is_some(), "before and after are kept");
    // Nothing changes after publication.
    let (code, _) = rule(
        store
            .office_entry(c.id, w.districts[0].id, "9.1".into(), Input::Adjustment { points: p(0) }, None, None, t)
            .await
            .unwrap_err(),
    );
    assert_eq!(code, "reform_campaign_status");
}

async fn reform_bad_input_is_refused_and_writes_nothing(store: Store) {
    let w = world(&store).await;
    let t = at("2022-12-01 09:00");
    let fw = store.create_framework(w.province.id, commune_template(), None, t).await.unwrap();
    let unit_id = w.districts[0].id;

    // A unit of another province cannot join the peer group.
    let stranger = unit(&store, None, "H11", "Tỉnh Cao Bằng", "province").await;
    let mut new = new_campaign(&w, fw.id);
    new.unit_ids.push(stranger.id);
    let (code, field) = rule(store.create_campaign(new, None, t).await.unwrap_err());
    assert_eq!((code, field.as_deref()), ("reform_unit_outside_province", Some("unit_ids[8]")));
    assert!(store.campaigns(w.province.id).await.unwrap().is_empty(), "no campaign half-written");
    let mut new = new_campaign(&w, fw.id);
    new.unit_ids.clear();
    assert_eq!(rule(store.create_campaign(new, None, t).await.unwrap_err()).0, "reform_units_empty");

    let c = store.create_campaign(new_campaign(&w, fw.id), None, t).await.unwrap();
    // Nothing is scored on a draft.
    let (code, _) = rule(store.self_score(c.id, unit_id, "1.2".into(), p(100), None, None, t).await.unwrap_err());
    assert_eq!(code, "reform_campaign_status");
    store.advance_campaign(c.id, CampaignStatus::Open, None, t).await.unwrap();
    // Skipping a step is refused.
    let (code, _) = rule(store.advance_campaign(c.id, CampaignStatus::Published, None, t).await.unwrap_err());
    assert_eq!(code, "reform_campaign_status");

    let leaf = commune_template().leaf("1.2").unwrap().clone();
    let above = p(leaf.max.hundredths() + 1);
    let (code, field) = rule(store.self_score(c.id, unit_id, "1.2".into(), above, None, None, t).await.unwrap_err());
    assert_eq!((code, field.as_deref()), ("par_points_above_max", Some("self_score")));
    let (code, field) = rule(store.self_score(c.id, unit_id, "1.2".into(), p(-1), None, None, t).await.unwrap_err());
    assert_eq!((code, field.as_deref()), ("par_points_negative", Some("self_score")));
    let (code, _) = rule(store.self_score(c.id, unit_id, "nope".into(), p(0), None, None, t).await.unwrap_err());
    assert_eq!(code, "par_entry_unknown");
    // Survey and bonus items are the reform office's; assessed ones the unit's.
    let (code, _) = rule(store.self_score(c.id, unit_id, "9.1".into(), p(100), None, None, t).await.unwrap_err());
    assert_eq!(code, "reform_entry_office_only");
    let office = store.office_entry(c.id, unit_id, "1.2".into(), Input::Survey { points: p(1) }, None, None, t);
    assert_eq!(rule(office.await.unwrap_err()).0, "reform_entry_unit_only");
    let big = Input::Adjustment { points: p(10_000) };
    let (code, field) = rule(store.office_entry(c.id, unit_id, "9.1".into(), big, None, None, t).await.unwrap_err());
    assert_eq!((code, field.as_deref()), ("par_points_above_max", Some("points")));
    assert!(store.entries(c.id, unit_id).await.unwrap().is_empty(), "no refused entry was written");

    // Submitting with items left unscored names the first one.
    let (code, _) = rule(store.submit_self_assessment(c.id, unit_id, None, t).await.unwrap_err());
    assert_eq!(code, "reform_self_incomplete");
    for leaf in commune_template().leaves() {
        if matches!(leaf.method, motcua_rules::par::Method::SelfAssessed) {
            store.self_score(c.id, unit_id, leaf.code.clone(), leaf.max, None, None, t).await.unwrap();
        }
    }
    store.submit_self_assessment(c.id, unit_id, None, t).await.unwrap();
    let (code, _) = rule(store.submit_self_assessment(c.id, unit_id, None, t).await.unwrap_err());
    assert_eq!(code, "reform_already_submitted");
    let (code, _) = rule(store.self_score(c.id, unit_id, "1.2".into(), p(0), None, None, t).await.unwrap_err());
    assert_eq!(code, "reform_already_submitted");

    // An appraisal that changes a score needs a reason.
    store.advance_campaign(c.id, CampaignStatus::Appraising, None, t).await.unwrap();
    let (code, field) = rule(
        store.appraise(c.id, unit_id, "1.2".into(), p(0), Some("  ".into()), Some(w.officer), t).await.unwrap_err(),
    );
    assert_eq!((code, field.as_deref()), ("par_appraisal_reason_missing", Some("reason")));
    let kept = store.entries(c.id, unit_id).await.unwrap();
    let e11 = kept.iter().find(|e| e.code == "1.2").unwrap();
    assert_eq!(e11.appraised_at, None, "the refused appraisal wrote nothing");
    // With a reason, the unit sees the score and why.
    let why = "Thiếu kế hoạch CCHC năm";
    let e = store.appraise(c.id, unit_id, "1.2".into(), p(0), Some(why.into()), Some(w.officer), t).await.unwrap();
    assert_eq!(e.input, Input::Assessed { self_score: leaf.max, appraised: Some(p(0)), reason: Some(why.into()) });
    assert_eq!(e.appraised_by, Some(w.officer));
    // A unit that has not scored an item cannot have it appraised.
    let other = w.districts[1].id;
    let (code, _) = rule(store.appraise(c.id, other, "1.2".into(), p(0), Some(why.into()), None, t).await.unwrap_err());
    assert_eq!(code, "reform_not_self_scored");
    // A unit outside the campaign is not found.
    let (code, _) = rule(store.self_score(c.id, stranger.id, "1.2".into(), p(0), None, None, t).await.unwrap_err());
    assert_eq!(code, "reform_unit_not_in_campaign");
}

async fn reform_evidence_is_kept_per_sheet_until_submission(store: Store) {
    let w = world(&store).await;
    let t = at("2022-12-01 09:00");
    let fw = store.create_framework(w.province.id, commune_template(), None, t).await.unwrap();
    let c = store.create_campaign(new_campaign(&w, fw.id), None, t).await.unwrap();
    store.advance_campaign(c.id, CampaignStatus::Open, None, t).await.unwrap();
    let (a, b) = (w.districts[0].id, w.districts[1].id);
    let file = |data: &[u8]| NewEvidence {
        code: "1.2".into(),
        name: "ke-hoach.pdf".into(),
        content_type: "application/pdf".into(),
        data: data.to_vec(),
    };
    let meta = store.add_evidence(c.id, a, file(b"%PDF-1.4 plan"), None, t).await.unwrap();
    assert_eq!((meta.size, meta.code.as_str()), (13, "1.2"));
    assert_eq!(store.evidence(c.id, a).await.unwrap().len(), 1);
    assert!(store.evidence(c.id, b).await.unwrap().is_empty(), "another unit's sheet has none");
    let (got, data) = store.evidence_file(c.id, a, meta.id).await.unwrap().unwrap();
    assert_eq!((got.sha256, data), (meta.sha256.clone(), b"%PDF-1.4 plan".to_vec()));
    assert!(store.evidence_file(c.id, b, meta.id).await.unwrap().is_none(), "not through another unit");
    assert_eq!(rule(store.add_evidence(c.id, a, file(b""), None, t).await.unwrap_err()).0, "empty_file");
    let mut unknown = file(b"%PDF-1.4");
    unknown.code = "99.9".into();
    assert_eq!(rule(store.add_evidence(c.id, a, unknown, None, t).await.unwrap_err()).0, "par_entry_unknown");
}

async fn reform_published_results_import_all_or_nothing(store: Store) {
    let w = world(&store).await;
    let t = at("2022-12-01 09:00");
    let table = parse_published_csv(DEMO_BAC_KAN_2021_CSV).unwrap();
    assert_eq!(store.import_published(w.province.id, table, Some(w.officer), t).await.unwrap(), 8);
    let rows = store.previous_results(w.province.id, 2022).await.unwrap();
    assert_eq!(rows.len(), 8);
    assert_eq!(rows[0].rank, Some(1), "by rank");
    let ns = rows.iter().find(|r| r.unit_code == "BK.NS").unwrap();
    assert_eq!((ns.index.to_string(), ns.rank), ("73.48".into(), Some(6)));
    // Importing again replaces, never duplicates.
    let table = parse_published_csv(DEMO_BAC_KAN_2021_CSV).unwrap();
    store.import_published(w.province.id, table, None, t).await.unwrap();
    assert_eq!(store.published(w.province.id, 2021).await.unwrap().len(), 8);
    let empty = parse_published_csv("year,unit_code,unit_name,par_index,rank\n").unwrap();
    assert_eq!(rule(store.import_published(w.province.id, empty, None, t).await.unwrap_err()).0, "reform_csv_empty");
}

async fn reform_survey_links_are_single_use_and_answers_anonymous(store: Store) {
    let w = world(&store).await;
    let t = at("2026-03-04 09:00");
    let mut design = sipas_template().into_design();
    design.year = Some(2026);
    let design = design.validate().unwrap();
    let q = design.question_count();
    let meta = store.create_design(w.province.id, design.clone(), Aggregation::MeanOfMeans, None, t).await.unwrap();
    let (code, field) =
        rule(store.create_design(w.province.id, design.clone(), Aggregation::MeanOfMeans, None, t).await.unwrap_err());
    assert_eq!((code, field.as_deref()), ("sipas_design_version_taken", Some("version")));
    assert_eq!(store.design_for_year(w.province.id, 2026).await.unwrap().unwrap().id, meta.id);

    let unit_id = w.districts[0].id;
    let hashes: Vec<String> = (0..3).map(|i| format!("{i:064x}")).collect();
    let links = hashes.iter().map(|h| (h.clone(), format!("token-{h}"))).collect();
    assert_eq!(store.issue_tokens(meta.id, unit_id, links, Some(w.officer), t).await.unwrap(), 3);
    let survey = store.token_survey(hashes[0].clone()).await.unwrap();
    assert_eq!((survey.unit_id, survey.year, survey.used), (unit_id, 2026, false));
    // Unused links can be printed again; the other unit has none.
    let unused = store.unused_links(meta.id, unit_id).await.unwrap();
    assert_eq!((unused.tokens.len(), unused.without_token), (3, 0));
    assert!(store.unused_links(meta.id, w.districts[1].id).await.unwrap().tokens.is_empty());

    let all_satisfied = vec![Some(4u8); q];
    let day = t.date();
    // A wrong form is refused and leaves the link unused.
    let (code, _) = rule(store.answer_by_token(hashes[0].clone(), vec![Some(4)], day).await.unwrap_err());
    assert_eq!(code, "sipas_response_length");
    let mut bad = all_satisfied.clone();
    bad[2] = Some(6);
    let (code, field) = rule(store.answer_by_token(hashes[0].clone(), bad, day).await.unwrap_err());
    assert_eq!((code, field.as_deref()), ("sipas_answer_invalid", Some("answers[2]")));
    store.answer_by_token(hashes[0].clone(), all_satisfied.clone(), day).await.unwrap();
    assert!(store.token_survey(hashes[0].clone()).await.unwrap().used);
    // An answered link is forgotten: it can no longer be printed.
    let unused = store.unused_links(meta.id, unit_id).await.unwrap().tokens;
    assert_eq!(unused, [format!("token-{}", hashes[1]), format!("token-{}", hashes[2])]);
    let (code, _) = rule(store.answer_by_token(hashes[0].clone(), all_satisfied.clone(), day).await.unwrap_err());
    assert_eq!(code, "sipas_token_used");
    let (code, _) = rule(store.answer_by_token("f".repeat(64), all_satisfied.clone(), day).await.unwrap_err());
    assert_eq!(code, "sipas_token_not_found");

    // Two links answered at once: both count, each once.
    let (a, b) = tokio::join!(
        store.answer_by_token(hashes[1].clone(), vec![Some(2); q], day),
        store.answer_by_token(hashes[1].clone(), vec![Some(2); q], day),
    );
    assert!(a.is_ok() != b.is_ok(), "exactly one answer per link");

    // Paper forms, all or nothing.
    let mut skipped = vec![Some(5u8); q];
    skipped[0] = None;
    let (code, field) = rule(
        store
            .enter_paper_forms(meta.id, unit_id, vec![skipped.clone(), vec![Some(0); q]], Some(w.officer), t)
            .await
            .unwrap_err(),
    );
    assert_eq!((code, field.as_deref()), ("sipas_answer_invalid", Some("forms[1].answers[0]")));
    assert_eq!(store.enter_paper_forms(meta.id, unit_id, vec![skipped], Some(w.officer), t).await.unwrap(), 1);

    let tally = store.sipas_tally(meta.id, w.province.path.clone(), 2026).await.unwrap();
    assert_eq!(tally.respondents(), 3, "link, link, paper");
    assert_eq!(tally.counts()[0].answers(), 2, "a skipped question is not an answer");
    assert_eq!(tally.counts()[1].satisfied(), 2);
    let elsewhere = store.sipas_tally(meta.id, w.districts[1].path.clone(), 2026).await.unwrap();
    assert_eq!(elsewhere.respondents(), 0);
}
