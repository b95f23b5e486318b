//! A unit's whole sheet saved at once, the same on every database: every
//! row in one transaction, every refused row reported with nothing
//! written, unchanged rows skipped (no audit line, no reason asked), and
//! the drafts kept while someone types.

#[macro_use]
mod common;

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::Role;
use motcua_rules::par::{Input, Points, commune_template};
use motcua_store::model::{NewUnit, NewUser, Unit};
use motcua_store::reform::{CampaignStatus, NewCampaign};
use motcua_store::{SheetEdit, Store};

on_both!(reform_sheet_saves_every_row_at_once_or_none, reform_sheet_drafts_are_kept_per_user_until_saved);

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn p(h: i64) -> Points {
    Points::from_hundredths(h)
}

async fn unit(store: &Store, parent: Option<i64>, code: &str, level: &str) -> Unit {
    let new = NewUnit { parent_id: parent, code: code.into(), name: format!("Đơn vị {code}"), level: level.into() };
    store.create_unit(new, at("2022-01-01 08:00")).await.unwrap()
}

async fn user(store: &Store, name: &str, role: Role, unit: &Unit) -> i64 {
    let new = NewUser {
        username: name.into(),
        password_hash: "x".into(),
        full_name: name.into(),
        role,
        unit_id: Some(unit.id),
    };
    store.create_user(new, at("2022-01-01 08:00")).await.unwrap().id
}

/// A province, one commune in an open campaign on the commune template,
/// the commune's specialist and the province's reform officer.
async fn open_campaign(store: &Store) -> (i64, i64, i64, i64) {
    let province = unit(store, None, "T", "province").await;
    let commune = unit(store, Some(province.id), "T.X", "commune").await;
    let officer = user(store, "noivu", Role::ReformOfficer, &province).await;
    let specialist = user(store, "xa", Role::Specialist, &commune).await;
    let t = at("2022-12-01 09:00");
    let fw = store.create_framework(province.id, commune_template(), Some(officer), t).await.unwrap();
    let new = NewCampaign {
        province_id: province.id,
        framework_id: fw.id,
        year: 2022,
        name: "Chỉ số CCHC cấp xã 2022".into(),
        bands: motcua_rules::par::par_default_bands(),
        period_from: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
        period_to: NaiveDate::from_ymd_opt(2022, 12, 31).unwrap(),
        deadline: at("2023-01-15 17:00"),
        unit_ids: vec![commune.id],
    };
    let c = store.create_campaign(new, Some(officer), t).await.unwrap();
    store.advance_campaign(c.id, CampaignStatus::Open, Some(officer), t).await.unwrap();
    (c.id, commune.id, specialist, officer)
}

fn own(code: &str, h: i64, note: &str) -> SheetEdit {
    SheetEdit::SelfScore { code: code.into(), self_score: p(h), note: note.into() }
}

fn appraisal(code: &str, h: i64, reason: &str) -> SheetEdit {
    SheetEdit::Appraisal { code: code.into(), appraised: p(h), reason: reason.into() }
}

async fn reform_sheet_saves_every_row_at_once_or_none(store: Store) {
    let (c, u, specialist, officer) = open_campaign(&store).await;
    let t = at("2022-12-02 10:00");
    let lines = |store: Store| async move { store.campaign_audit(c).await.unwrap().len() };
    let before = lines(store.clone()).await;

    // Three rows saved at once, each with its own value and note.
    let rows = vec![own("1.1.1", 100, "Kế hoạch số 12"), own("1.2", 150, ""), own("1.3", 200, "Đủ")];
    assert_eq!(store.save_sheet(c, u, rows, Some(specialist), t).await.unwrap().unwrap(), 3);
    let kept = store.entries(c, u).await.unwrap();
    let score = |code: &str| match kept.iter().find(|e| e.code == code).map(|e| &e.input) {
        Some(Input::Assessed { self_score, .. }) => *self_score,
        other => panic!("{code}: {other:?}"),
    };
    assert_eq!([score("1.1.1"), score("1.2"), score("1.3")], [p(100), p(150), p(200)]);
    assert_eq!(kept.iter().find(|e| e.code == "1.1.1").unwrap().note.as_deref(), Some("Kế hoạch số 12"));
    assert_eq!(lines(store.clone()).await, before + 3, "one audit line per row written");

    // Two bad rows and a good one: both refusals come back, nothing is written.
    let rows = vec![own("1.2", 50, ""), own("1.4", 300, ""), own("9.1", 100, "")];
    let refused = store.save_sheet(c, u, rows, Some(specialist), t).await.unwrap().unwrap_err();
    let got: Vec<(&str, &str, Option<&str>)> =
        refused.iter().map(|r| (r.code.as_str(), r.error.code, r.error.field.as_deref())).collect();
    assert_eq!(
        got,
        [("1.4", "par_points_above_max", Some("self_score")), ("9.1", "reform_entry_office_only", Some("code"))]
    );
    assert_eq!(score_of(&store, c, u, "1.2").await, Some(p(150)), "the good row waited for the others");
    assert_eq!(lines(store.clone()).await, before + 3);

    // Saving the same values again writes nothing; clearing a note writes that row.
    let rows = vec![own("1.1.1", 100, ""), own("1.2", 150, ""), own("1.3", 200, "Đủ")];
    assert_eq!(store.save_sheet(c, u, rows, Some(specialist), t).await.unwrap().unwrap(), 1);
    let note = store.entries(c, u).await.unwrap().into_iter().find(|e| e.code == "1.1.1").unwrap().note;
    assert_eq!(note, None, "an emptied note is removed");

    // The office's figures and the unit's scores are one save each.
    let rows =
        vec![SheetEdit::Office { code: "9.1".into(), input: Input::Adjustment { points: p(50) }, note: "".into() }];
    assert_eq!(store.save_sheet(c, u, rows, Some(officer), t).await.unwrap().unwrap(), 1);
    // An appraisal before the campaign is appraised refuses the whole sheet.
    let e = store.save_sheet(c, u, vec![appraisal("1.2", 150, "")], Some(officer), t).await.unwrap_err();
    assert_eq!(e.rule().unwrap().code, "reform_campaign_status");

    // Appraisal: a reason only where the score changes; untouched rows are skipped.
    store.advance_campaign(c, CampaignStatus::Appraising, Some(officer), t).await.unwrap();
    let rows = vec![appraisal("1.1.1", 100, ""), appraisal("1.2", 100, ""), appraisal("1.3", 0, "")];
    let refused = store.save_sheet(c, u, rows, Some(officer), t).await.unwrap().unwrap_err();
    let got: Vec<(&str, &str)> = refused.iter().map(|r| (r.code.as_str(), r.error.field.as_deref().unwrap())).collect();
    assert_eq!(got, [("1.2", "reason"), ("1.3", "reason")], "the unchanged 1.1.1 needs none");
    let rows =
        vec![appraisal("1.1.1", 100, ""), appraisal("1.2", 100, "Thiếu minh chứng"), appraisal("1.3", 0, "Không có")];
    assert_eq!(store.save_sheet(c, u, rows.clone(), Some(officer), t).await.unwrap().unwrap(), 3);
    assert_eq!(store.save_sheet(c, u, rows, Some(officer), t).await.unwrap().unwrap(), 0, "saved twice, written once");
    let audit = store.campaign_audit(c).await.unwrap();
    assert_eq!(audit.iter().filter(|l| l.action == "entry.appraise").count(), 3);
    // Unit rows are refused once the unit may no longer change them.
    let e = store.save_sheet(c, u, vec![own("1.2", 0, "")], Some(specialist), t).await.unwrap_err();
    assert_eq!(e.rule().unwrap().code, "reform_campaign_status");
}

async fn score_of(store: &Store, c: i64, u: i64, code: &str) -> Option<Points> {
    store.entries(c, u).await.unwrap().into_iter().find(|e| e.code == code).and_then(|e| match e.input {
        Input::Assessed { self_score, .. } => Some(self_score),
        _ => None,
    })
}

async fn reform_sheet_drafts_are_kept_per_user_until_saved(store: Store) {
    let (c, u, specialist, officer) = open_campaign(&store).await;
    let t = at("2022-12-02 10:05");
    let mut fields = serde_json::Map::new();
    fields.insert("self:1.2".into(), "1,5".into());
    fields.insert("self:1.3".into(), "abc".into());
    assert_eq!(store.save_sheet_draft(c, u, specialist, fields.clone(), t).await.unwrap(), t);
    let draft = store.sheet_draft(c, u, specialist).await.unwrap().unwrap();
    assert_eq!((draft.fields, draft.saved_at), (fields.clone(), t), "kept as typed, even what does not parse");
    assert!(store.sheet_draft(c, u, officer).await.unwrap().is_none(), "a draft is its author's");
    // A second draft replaces the first.
    fields.insert("self:1.3".into(), "2".into());
    store.save_sheet_draft(c, u, specialist, fields.clone(), at("2022-12-02 10:06")).await.unwrap();
    assert_eq!(store.sheet_draft(c, u, specialist).await.unwrap().unwrap().fields["self:1.3"], "2");
    assert!(store.campaign_audit(c).await.unwrap().iter().all(|l| !l.action.starts_with("entry.")), "no audit line");
    // Saving the sheet ends the draft.
    store.save_sheet(c, u, vec![own("1.2", 150, "")], Some(specialist), t).await.unwrap().unwrap();
    assert!(store.sheet_draft(c, u, specialist).await.unwrap().is_none());
    // Discarding one, and a draft too large.
    store.save_sheet_draft(c, u, specialist, fields, t).await.unwrap();
    store.discard_sheet_draft(c, u, specialist).await.unwrap();
    assert!(store.sheet_draft(c, u, specialist).await.unwrap().is_none());
    let mut big = serde_json::Map::new();
    big.insert("x".into(), "y".repeat(motcua_store::MAX_DRAFT_BYTES).into());
    let e = store.save_sheet_draft(c, u, specialist, big, t).await.unwrap_err();
    assert_eq!(e.rule().unwrap().code, "reform_draft_too_large");
}
