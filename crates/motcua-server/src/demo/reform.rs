//! The reform demo: the two published campaigns of the PAR engine's demo
//! data (Bắc Kạn 2022 districts, Ngân Sơn 70.56 last of 8; Sơn Tây 2017
//! communes, Xuân Khanh first with 91), each in its own demo province tree,
//! driven through the real store action by action (self-scores,
//! submissions, appraisals with reasons, publication), so every figure the
//! pages show is computed, not copied. Plus an open 2026 campaign for the
//! Cao Bằng demo communes, and a 2026 SIPAS design there, for the reform
//! office and the communes to work on.

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::par::{
    DEMO_BAC_KAN_2021_CSV, DemoCampaign, Input, commune_template, demo_bac_kan_2022_districts,
    demo_son_tay_2017_communes, par_default_bands, parse_published_csv,
};
use motcua_rules::sipas::{Aggregation, sipas_template};
use motcua_store::model::{NewUnit, Unit};
use motcua_store::reform::{CampaignStatus, NewCampaign};
use motcua_store::{Store, StoreError};

/// The demo trees of the two published campaigns: code, name, level, parent.
pub const UNITS: &[(&str, &str, &str, Option<&str>)] = &[
    ("BK", "Tỉnh Bắc Kạn (dữ liệu mẫu)", "province", None),
    ("HN", "Thành phố Hà Nội (dữ liệu mẫu)", "province", None),
    ("HN.ST", "Thị xã Sơn Tây", "district", Some("HN")),
];

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("demo time")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("demo date")
}

/// Creates the demo trees and the units of the demo campaigns; returns them.
pub async fn load_units(store: &Store, now: NaiveDateTime) -> Result<Vec<Unit>, StoreError> {
    let mut units: Vec<Unit> = Vec::new();
    let add = |code: &str, name: &str, level: &str, parent: Option<i64>| NewUnit {
        parent_id: parent,
        code: code.into(),
        name: name.into(),
        level: level.into(),
    };
    let mut queue: Vec<NewUnit> = Vec::new();
    for (code, name, level, parent) in UNITS {
        let parent_id = parent.map(|p| units.iter().find(|u| u.code == p).expect("parents come first").id);
        let unit = store.create_unit(add(code, name, level, parent_id), now).await?;
        units.push(unit);
    }
    let bk = units.iter().find(|u| u.code == "BK").expect("created").id;
    let st = units.iter().find(|u| u.code == "HN.ST").expect("created").id;
    for s in demo_bac_kan_2022_districts().sheets {
        queue.push(add(&s.unit_code, &s.unit_name, "district", Some(bk)));
    }
    for s in demo_son_tay_2017_communes().sheets {
        queue.push(add(&s.unit_code, &s.unit_name, "commune", Some(st)));
    }
    for new in queue {
        units.push(store.create_unit(new, now).await?);
    }
    Ok(units)
}

/// The campaigns and the SIPAS design. `units` holds every demo unit.
pub async fn load(store: &Store, units: &[Unit], now: NaiveDateTime) -> Result<(), StoreError> {
    let id = |code: &str| units.iter().find(|u| u.code == code).map(|u| u.id).expect("demo unit exists");
    let bk = id("BK");
    store.import_published(bk, parse_published_csv(DEMO_BAC_KAN_2021_CSV)?, None, t("2023-01-05 08:00")).await?;
    let times = Times {
        created: t("2022-12-01 08:00"),
        deadline: t("2023-01-15 23:59"),
        submitted: t("2023-01-12 16:00"),
        appraised: t("2023-03-10 10:00"),
        // QĐ 501/QĐ-UBND of 29/3/2023 (seed 000).
        published: t("2023-03-29 15:00"),
    };
    published(store, bk, demo_bac_kan_2022_districts(), &id, &times).await?;
    let times = Times {
        created: t("2017-12-01 08:00"),
        deadline: t("2018-01-15 23:59"),
        submitted: t("2018-01-12 16:00"),
        appraised: t("2018-06-20 10:00"),
        // Published by the town on 05/7/2018 (seed 003).
        published: t("2018-07-05 15:00"),
    };
    published(store, id("HN"), demo_son_tay_2017_communes(), &id, &times).await?;
    open_2026(store, units, now).await
}

struct Times {
    created: NaiveDateTime,
    deadline: NaiveDateTime,
    submitted: NaiveDateTime,
    appraised: NaiveDateTime,
    published: NaiveDateTime,
}

/// Drives one demo campaign from draft to published through the store.
async fn published(
    store: &Store,
    province: i64,
    demo: DemoCampaign,
    id: &impl Fn(&str) -> i64,
    at: &Times,
) -> Result<(), StoreError> {
    let fw = store.create_framework(province, demo.framework.clone(), None, at.created).await?;
    let campaign = store
        .create_campaign(
            NewCampaign {
                province_id: province,
                framework_id: fw.id,
                year: demo.year,
                name: demo.name.clone(),
                bands: demo.bands.clone(),
                period_from: day(demo.year, 1, 1),
                period_to: day(demo.year, 12, 31),
                deadline: at.deadline,
                unit_ids: demo.sheets.iter().map(|s| id(&s.unit_code)).collect(),
            },
            None,
            at.created,
        )
        .await?;
    let c = campaign.id;
    store.advance_campaign(c, CampaignStatus::Open, None, at.created).await?;
    for sheet in &demo.sheets {
        let unit = id(&sheet.unit_code);
        for e in &sheet.entries {
            match &e.input {
                Input::Assessed { self_score, .. } => {
                    store.self_score(c, unit, e.code.clone(), *self_score, None, None, at.submitted).await?;
                }
                other => {
                    store.office_entry(c, unit, e.code.clone(), other.clone(), None, None, at.submitted).await?;
                }
            }
        }
        store.submit_self_assessment(c, unit, None, at.submitted).await?;
    }
    store.advance_campaign(c, CampaignStatus::Appraising, None, at.appraised).await?;
    for sheet in &demo.sheets {
        let unit = id(&sheet.unit_code);
        for e in &sheet.entries {
            if let Input::Assessed { appraised: Some(a), reason, .. } = &e.input {
                store.appraise(c, unit, e.code.clone(), *a, reason.clone(), None, at.appraised).await?;
            }
        }
    }
    store.advance_campaign(c, CampaignStatus::Published, None, at.published).await?;
    Ok(())
}

/// The Cao Bằng communes' 2026 campaign, open for self-assessment, and the
/// 2026 SIPAS design from the shipped template.
async fn open_2026(store: &Store, units: &[Unit], now: NaiveDateTime) -> Result<(), StoreError> {
    let province = units.iter().find(|u| u.code == "H11").expect("demo province").id;
    let fw = store.create_framework(province, commune_template(), None, now).await?;
    let communes = units.iter().filter(|u| super::COMMUNES.contains(&u.code.as_str())).map(|u| u.id).collect();
    let c = store
        .create_campaign(
            NewCampaign {
                province_id: province,
                framework_id: fw.id,
                year: 2026,
                name: "Chỉ số CCHC năm 2026 của các xã, phường (dữ liệu mẫu)".into(),
                bands: par_default_bands(),
                period_from: day(2026, 1, 1),
                period_to: day(2026, 12, 31),
                deadline: t("2027-01-15 23:59"),
                unit_ids: communes,
            },
            None,
            now,
        )
        .await?;
    store.advance_campaign(c.id, CampaignStatus::Open, None, now).await?;
    let mut design = sipas_template().into_design();
    design.year = Some(2026);
    store.create_design(province, design.validate()?, Aggregation::MeanOfMeans, None, now).await?;
    Ok(())
}
