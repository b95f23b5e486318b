//! What the store keeps for administrative-reform evaluation (PAR INDEX)
//! and citizen satisfaction (SIPAS): the rows as domain types. The rules
//! (`motcua_rules::par`, `motcua_rules::sipas`) own every formula; these
//! types carry what was entered, by whom and when.

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::RuleError;
use motcua_rules::par::{
    Bands, Entry, Input, Percent, Points, RankedUnit, ScoreBasis, Sheet, UnitScore, ValidFramework, rank_units,
    score_sheet,
};
use serde::Serialize;

/// Times leave the API in RFC 3339 with the Vietnamese offset (+07:00),
/// as everywhere in motcua; stored times are Vietnamese wall-clock time.
pub mod vn_time {
    use chrono::NaiveDateTime;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%Y-%m-%dT%H:%M:%S+07:00").to_string())
    }

    pub mod option {
        use chrono::NaiveDateTime;
        use serde::Serializer;

        pub fn serialize<S: Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => super::serialize(t, s),
                None => s.serialize_none(),
            }
        }
    }
}

/// A stored framework version: its row and the validated document.
#[derive(Debug, Clone)]
pub struct StoredFramework {
    pub id: i64,
    pub province_id: i64,
    pub created_at: NaiveDateTime,
    pub framework: ValidFramework,
}

/// A framework version in a list: no document.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FrameworkMeta {
    pub id: i64,
    pub code: String,
    pub version: u32,
    pub name: String,
    /// `department`, `district`, `commune` …: units are ranked only against peers.
    pub level: String,
    #[schema(value_type = String)]
    #[serde(serialize_with = "vn_time::serialize")]
    pub created_at: NaiveDateTime,
}

/// Where a campaign is in its year. Each step only moves forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    /// Being set up by the reform office; units do not see it yet.
    Draft,
    /// Units self-assess and submit.
    Open,
    /// The reform office appraises; units can no longer change their scores.
    Appraising,
    /// Results are final and published; nothing changes any more.
    Published,
}

impl CampaignStatus {
    pub const ALL: [CampaignStatus; 4] =
        [CampaignStatus::Draft, CampaignStatus::Open, CampaignStatus::Appraising, CampaignStatus::Published];

    pub fn as_str(self) -> &'static str {
        match self {
            CampaignStatus::Draft => "draft",
            CampaignStatus::Open => "open",
            CampaignStatus::Appraising => "appraising",
            CampaignStatus::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<CampaignStatus> {
        CampaignStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The one status this one may move to.
    pub fn next(self) -> Option<CampaignStatus> {
        match self {
            CampaignStatus::Draft => Some(CampaignStatus::Open),
            CampaignStatus::Open => Some(CampaignStatus::Appraising),
            CampaignStatus::Appraising => Some(CampaignStatus::Published),
            CampaignStatus::Published => None,
        }
    }
}

/// A new campaign, as the reform office sets it up.
#[derive(Debug, Clone)]
pub struct NewCampaign {
    pub province_id: i64,
    pub framework_id: i64,
    pub year: i32,
    pub name: String,
    pub bands: Bands<Percent>,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub deadline: NaiveDateTime,
    /// The peer group, in any order; every unit inside the province.
    pub unit_ids: Vec<i64>,
}

/// A campaign with its peer units.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Campaign {
    pub id: i64,
    pub province_id: i64,
    pub framework_id: i64,
    pub year: i32,
    pub name: String,
    #[schema(value_type = Object)]
    pub bands: Bands<Percent>,
    #[schema(value_type = String)]
    pub period_from: NaiveDate,
    #[schema(value_type = String)]
    pub period_to: NaiveDate,
    #[schema(value_type = String)]
    #[serde(serialize_with = "vn_time::serialize")]
    pub deadline: NaiveDateTime,
    pub status: CampaignStatus,
    #[schema(value_type = Option<String>)]
    #[serde(serialize_with = "vn_time::option::serialize")]
    pub published_at: Option<NaiveDateTime>,
    pub units: Vec<CampaignUnit>,
}

impl Campaign {
    pub fn unit(&self, unit_id: i64) -> Option<&CampaignUnit> {
        self.units.iter().find(|u| u.unit_id == unit_id)
    }
}

/// A peer unit of a campaign and whether it has submitted.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CampaignUnit {
    pub unit_id: i64,
    pub code: String,
    pub name: String,
    #[serde(skip)]
    pub path: String,
    #[schema(value_type = Option<String>)]
    #[serde(serialize_with = "vn_time::option::serialize")]
    pub submitted_at: Option<NaiveDateTime>,
}

/// One stored entry of a unit's sheet, with who entered and appraised it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StoredEntry {
    pub code: String,
    #[schema(value_type = Object)]
    pub input: Input,
    pub note: Option<String>,
    pub entered_by: Option<i64>,
    #[schema(value_type = String)]
    #[serde(serialize_with = "vn_time::serialize")]
    pub entered_at: NaiveDateTime,
    pub appraised_by: Option<i64>,
    #[schema(value_type = Option<String>)]
    #[serde(serialize_with = "vn_time::option::serialize")]
    pub appraised_at: Option<NaiveDateTime>,
}

/// An evidence file's metadata; the contents are read one file at a time.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EvidenceMeta {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    #[schema(value_type = String)]
    #[serde(serialize_with = "vn_time::serialize")]
    pub uploaded_at: NaiveDateTime,
}

/// A file to keep as evidence; the caller has checked its type and size.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub code: String,
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// One line of the audit log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub campaign_id: Option<i64>,
    pub actor_id: Option<i64>,
    #[schema(value_type = String)]
    #[serde(serialize_with = "vn_time::serialize")]
    pub at: NaiveDateTime,
    pub action: String,
    pub entity: String,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
}

/// Everything needed to score a campaign: the campaign, its framework and
/// each unit's entries.
#[derive(Debug, Clone)]
pub struct CampaignSheets {
    pub campaign: Campaign,
    pub framework: ValidFramework,
    /// One per peer unit, in the campaign's unit order.
    pub entries: Vec<(CampaignUnit, Vec<StoredEntry>)>,
}

impl CampaignSheets {
    /// The sheet of one unit: its entries in framework order.
    pub fn sheet(&self, unit: &CampaignUnit, entries: &[StoredEntry]) -> Sheet {
        let mut list: Vec<&StoredEntry> = entries.iter().collect();
        list.sort_by_key(|e| self.framework.leaf_index(&e.code).unwrap_or(usize::MAX));
        Sheet {
            unit_code: unit.code.clone(),
            unit_name: unit.name.clone(),
            entries: list.into_iter().map(|e| Entry { code: e.code.clone(), input: e.input.clone() }).collect(),
        }
    }

    /// Scores every unit on `basis`: the score, or the rule the sheet
    /// breaks (an item not appraised yet …), per unit.
    pub fn scores(&self, basis: ScoreBasis) -> Vec<(CampaignUnit, Result<UnitScore, RuleError>)> {
        self.entries.iter().map(|(u, e)| (u.clone(), score_sheet(&self.framework, &self.sheet(u, e), basis))).collect()
    }

    /// The ranking of the appraised results, when every unit has one;
    /// otherwise the first unit's refusal, its field prefixed with the unit
    /// code (`BK.NS: entries[3].appraised`).
    pub fn ranking(&self) -> Result<(Vec<UnitScore>, Vec<RankedUnit>), RuleError> {
        let mut scores = Vec::with_capacity(self.entries.len());
        for (unit, score) in self.scores(ScoreBasis::Appraisal) {
            match score {
                Ok(s) => scores.push(s),
                Err(e) => {
                    let field = format!("{}: {}", unit.code, e.field.as_deref().unwrap_or("entries"));
                    return Err(e.at(&field));
                }
            }
        }
        let ranked = rank_units(&scores, &self.campaign.bands);
        Ok((scores, ranked))
    }
}

/// Points and percentages are stored in hundredths.
pub(crate) fn points_db(p: Points) -> i64 {
    p.hundredths()
}

pub(crate) fn percent_db(p: Percent) -> i64 {
    p.hundredths()
}

/// The kind column of an entry and its stored fields.
pub(crate) struct EntryColumns {
    pub kind: &'static str,
    pub self_points: Option<i64>,
    pub appraised: Option<i64>,
    pub reason: Option<String>,
    pub percent: Option<i64>,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
}

pub(crate) fn entry_columns(input: &Input) -> EntryColumns {
    let none = EntryColumns {
        kind: "",
        self_points: None,
        appraised: None,
        reason: None,
        percent: None,
        numerator: None,
        denominator: None,
    };
    match input {
        Input::Assessed { self_score, appraised, reason } => EntryColumns {
            kind: "assessed",
            self_points: Some(points_db(*self_score)),
            appraised: appraised.map(points_db),
            reason: reason.clone(),
            ..none
        },
        Input::Survey { points } => EntryColumns { kind: "survey", self_points: Some(points_db(*points)), ..none },
        Input::Sipas { percent } => EntryColumns { kind: "sipas", percent: Some(percent_db(*percent)), ..none },
        // Counts beyond i64 are not dossier counts; saturate rather than wrap.
        Input::Computed { numerator, denominator } => EntryColumns {
            kind: "computed",
            numerator: Some(i64::try_from(*numerator).unwrap_or(i64::MAX)),
            denominator: Some(i64::try_from(*denominator).unwrap_or(i64::MAX)),
            ..none
        },
        Input::Adjustment { points } => {
            EntryColumns { kind: "adjustment", self_points: Some(points_db(*points)), ..none }
        }
    }
}

/// Rebuilds an input from its stored columns; `None` for a row that does
/// not fit its kind (written by hand, never by the store).
pub(crate) fn entry_input(c: &EntryColumns) -> Option<Input> {
    let pts = |v: Option<i64>| v.map(Points::from_hundredths);
    let count = |v: Option<i64>| v.and_then(|n| u64::try_from(n).ok());
    Some(match c.kind {
        "assessed" => {
            Input::Assessed { self_score: pts(c.self_points)?, appraised: pts(c.appraised), reason: c.reason.clone() }
        }
        "survey" => Input::Survey { points: pts(c.self_points)? },
        "sipas" => Input::Sipas { percent: Percent::from_hundredths(c.percent?) },
        "computed" => Input::Computed { numerator: count(c.numerator)?, denominator: count(c.denominator)? },
        "adjustment" => Input::Adjustment { points: pts(c.self_points)? },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_kind_round_trips_through_its_columns() {
        let p = Points::from_hundredths;
        for input in [
            Input::Assessed {
                self_score: p(150), appraised: Some(p(100)), reason: Some("thiếu minh chứng".into())
            },
            Input::Assessed { self_score: p(200), appraised: None, reason: None },
            Input::Survey { points: p(375) },
            Input::Sipas { percent: Percent::from_hundredths(7550) },
            Input::Computed { numerator: 1171, denominator: 1700 },
            Input::Adjustment { points: p(50) },
        ] {
            assert_eq!(entry_input(&entry_columns(&input)), Some(input));
        }
    }

    #[test]
    fn statuses_move_forward_one_step_and_round_trip() {
        for s in CampaignStatus::ALL {
            assert_eq!(CampaignStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(CampaignStatus::Draft.next(), Some(CampaignStatus::Open));
        assert_eq!(CampaignStatus::Published.next(), None);
    }
}
