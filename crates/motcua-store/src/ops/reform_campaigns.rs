//! PAR campaigns: a year's evaluation of a peer group of units, from draft
//! to published results.

use chrono::NaiveDateTime;
use motcua_rules::RuleError;

use super::inbox::path_upper_bound;
use super::reform_audit::{Change, record};
use super::reform_entries::entries_of;
use super::reform_frameworks::{framework_by_id, published_rows, upsert_published};
use crate::db::{Conn, Row};
use crate::reform::{Campaign, CampaignSheets, CampaignStatus, CampaignUnit, NewCampaign};
use crate::{Store, StoreError, params};

const COLUMNS: &str =
    "id, province_id, framework_id, year, name, bands, period_from, period_to, deadline, status, published_at";

fn campaign_from_row(r: &Row) -> Result<Campaign, StoreError> {
    let status = r.str(9)?;
    Ok(Campaign {
        id: r.i64(0)?,
        province_id: r.i64(1)?,
        framework_id: r.i64(2)?,
        year: i32::try_from(r.i64(3)?).map_err(|_| StoreError::internal("bad campaign year"))?,
        name: r.string(4)?,
        bands: r.json(5)?,
        period_from: r.date(6)?,
        period_to: r.date(7)?,
        deadline: r.time(8)?,
        status: CampaignStatus::parse(status)
            .ok_or_else(|| StoreError::internal(format!("unknown campaign status {status}")))?,
        published_at: r.opt_time(10)?,
        units: Vec::new(),
    })
}

fn campaign_not_found() -> StoreError {
    StoreError::not_found("reform_campaign_not_found")
}

/// A campaign with its units, or `reform_campaign_not_found`.
pub(crate) fn campaign_by_id(c: &mut dyn Conn, id: i64) -> Result<Campaign, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM reform_campaigns WHERE id = $1");
    let mut campaign = campaign_from_row(&c.query_opt(&sql, params![id])?.ok_or_else(campaign_not_found)?)?;
    campaign.units = c
        .query(
            "SELECT u.id, u.code, u.name, u.path, cu.submitted_at FROM reform_campaign_units cu \
             JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = $1 ORDER BY u.code",
            params![id],
        )?
        .iter()
        .map(|r| {
            Ok(CampaignUnit {
                unit_id: r.i64(0)?,
                code: r.string(1)?,
                name: r.string(2)?,
                path: r.string(3)?,
                submitted_at: r.opt_time(4)?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(campaign)
}

/// Refuses an action the campaign's status does not allow, naming the
/// status it is in.
pub(crate) fn require_status(campaign: &Campaign, allowed: &[CampaignStatus]) -> Result<(), StoreError> {
    if allowed.contains(&campaign.status) {
        Ok(())
    } else {
        Err(StoreError::Rule(RuleError::conflict("reform_campaign_status").arg("status", campaign.status.as_str())))
    }
}

/// The audit value of a campaign: what may change, not the unit list.
fn audit_view(c: &Campaign) -> serde_json::Value {
    serde_json::json!({"status": c.status.as_str(), "deadline": c.deadline.to_string(), "name": c.name})
}

impl Store {
    /// Creates a campaign in `draft`. Refuses a framework of another
    /// province (`reform_framework_not_found`), an empty peer group
    /// (`reform_units_empty`, field `unit_ids`), a unit outside the
    /// province (`reform_unit_outside_province`, field `unit_ids[i]`), a
    /// period that ends before it starts (`reform_period_invalid`) and a
    /// year outside 1990–2100 (`reform_year_invalid`).
    pub async fn create_campaign(
        &self,
        new: NewCampaign,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<Campaign, StoreError> {
        if !(1990..=2100).contains(&new.year) {
            return Err(RuleError::invalid("reform_year_invalid", "year").arg("year", new.year).into());
        }
        if new.period_to < new.period_from {
            return Err(RuleError::invalid("reform_period_invalid", "period_to").into());
        }
        if new.unit_ids.is_empty() {
            return Err(RuleError::invalid("reform_units_empty", "unit_ids").into());
        }
        self.blocking(move |s| {
            s.write(|c| {
                framework_by_id(c, new.province_id, new.framework_id).map_err(|e| match e.rule() {
                    Some(r) if r.code == "reform_framework_not_found" => {
                        RuleError::invalid("reform_framework_not_found", "framework_id").into()
                    }
                    _ => e,
                })?;
                let bands = serde_json::to_string(&new.bands)
                    .map_err(|e| StoreError::internal(format!("cannot encode bands: {e}")))?;
                let id = c
                    .query_one(
                        "INSERT INTO reform_campaigns (province_id, framework_id, year, name, bands, period_from, \
                         period_to, deadline, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9) \
                         RETURNING id",
                        params![
                            new.province_id,
                            new.framework_id,
                            new.year,
                            &new.name,
                            bands,
                            new.period_from,
                            new.period_to,
                            new.deadline,
                            now
                        ],
                    )?
                    .i64(0)?;
                let mut seen = std::collections::HashSet::new();
                for (i, unit_id) in new.unit_ids.iter().enumerate() {
                    if !seen.insert(*unit_id) {
                        continue;
                    }
                    let inside = c
                        .query_opt("SELECT province_id FROM units WHERE id = $1", params![*unit_id])?
                        .map(|r| r.i64(0))
                        .transpose()?
                        == Some(new.province_id);
                    if !inside {
                        return Err(RuleError::invalid("reform_unit_outside_province", &format!("unit_ids[{i}]"))
                            .arg("id", unit_id)
                            .into());
                    }
                    c.execute(
                        "INSERT INTO reform_campaign_units (campaign_id, unit_id) VALUES ($1, $2)",
                        params![id, *unit_id],
                    )?;
                }
                let campaign = campaign_by_id(c, id)?;
                let change = Change {
                    province_id: new.province_id,
                    campaign_id: Some(id),
                    actor_id: by,
                    at: now,
                    action: "campaign.create",
                    entity: format!("campaign:{id}"),
                };
                let after = serde_json::json!({"year": new.year, "framework_id": new.framework_id, "units": seen.len(), "status": "draft"});
                record(c, change, None::<&()>, Some(&after))?;
                Ok(campaign)
            })
        })
        .await
    }

    /// One campaign with its peer units and who has submitted.
    pub async fn campaign(&self, id: i64) -> Result<Campaign, StoreError> {
        self.blocking(move |s| s.read(|c| campaign_by_id(c, id))).await
    }

    /// The campaigns of a province, newest year first (units not loaded).
    pub async fn campaigns(&self, province_id: i64) -> Result<Vec<Campaign>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!(
                    "SELECT {COLUMNS} FROM reform_campaigns WHERE province_id = $1 ORDER BY year DESC, id DESC"
                );
                c.query(&sql, params![province_id])?.iter().map(campaign_from_row).collect()
            })
        })
        .await
    }

    /// The campaigns of a province that evaluate only units of the subtree
    /// `path`: what a reform officer placed at that unit runs (all of the
    /// province's for an officer at the root).
    pub async fn campaigns_of_office(&self, province_id: i64, path: String) -> Result<Vec<Campaign>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let sql = format!(
                    "SELECT {COLUMNS} FROM reform_campaigns WHERE province_id = $1 AND NOT EXISTS ( \
                     SELECT 1 FROM reform_campaign_units cu JOIN units u ON u.id = cu.unit_id \
                     WHERE cu.campaign_id = reform_campaigns.id AND NOT (u.path >= $2 AND u.path < $3)) \
                     ORDER BY year DESC, id DESC"
                );
                c.query(&sql, params![province_id, &path, path_upper_bound(&path)])?
                    .iter()
                    .map(campaign_from_row)
                    .collect()
            })
        })
        .await
    }

    /// The campaigns, past draft, in which a unit of the subtree `path` is
    /// evaluated: what a unit's officers see.
    pub async fn campaigns_for_units(&self, path: String) -> Result<Vec<Campaign>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let cols = COLUMNS.split(", ").map(|col| format!("c.{col}")).collect::<Vec<_>>().join(", ");
                let sql = format!(
                    "SELECT DISTINCT {cols} FROM reform_campaigns c \
                     JOIN reform_campaign_units cu ON cu.campaign_id = c.id JOIN units u ON u.id = cu.unit_id \
                     WHERE u.path >= $1 AND u.path < $2 AND c.status <> 'draft' ORDER BY c.year DESC, c.id DESC"
                );
                c.query(&sql, params![&path, path_upper_bound(&path)])?.iter().map(campaign_from_row).collect()
            })
        })
        .await
    }

    /// Changes a campaign's deadline (an extension), before appraisal.
    pub async fn set_campaign_deadline(
        &self,
        id: i64,
        deadline: NaiveDateTime,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<Campaign, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let before = campaign_by_id(c, id)?;
                require_status(&before, &[CampaignStatus::Draft, CampaignStatus::Open])?;
                c.execute("UPDATE reform_campaigns SET deadline = $1 WHERE id = $2", params![deadline, id])?;
                let after = campaign_by_id(c, id)?;
                let change = Change {
                    province_id: before.province_id,
                    campaign_id: Some(id),
                    actor_id: by,
                    at: now,
                    action: "campaign.deadline",
                    entity: format!("campaign:{id}"),
                };
                record(c, change, Some(&audit_view(&before)), Some(&audit_view(&after)))?;
                Ok(after)
            })
        })
        .await
    }

    /// Moves a campaign to its next status (`to` must be it, else
    /// `reform_campaign_status`). Publishing scores every unit on the
    /// appraised basis, in the same transaction: a unit with an item not
    /// appraised or a survey figure missing refuses the whole publication
    /// with that rule, its field naming the unit. The published ranking is
    /// then kept as the year's published results, for next year's changes.
    pub async fn advance_campaign(
        &self,
        id: i64,
        to: CampaignStatus,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<Campaign, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                let before = campaign_by_id(c, id)?;
                if before.status.next() != Some(to) {
                    return Err(StoreError::Rule(
                        RuleError::conflict("reform_campaign_status").arg("status", before.status.as_str()),
                    ));
                }
                let mut ranked_count = None;
                if to == CampaignStatus::Published {
                    let sheets = sheets_of(c, before.clone())?;
                    let (_, ranked) = sheets.ranking().map_err(StoreError::Rule)?;
                    for unit in &ranked {
                        upsert_published(c, before.province_id, &unit.to_published(before.year), "campaign")?;
                    }
                    ranked_count = Some(ranked.len());
                    c.execute("UPDATE reform_campaigns SET published_at = $1 WHERE id = $2", params![now, id])?;
                }
                c.execute("UPDATE reform_campaigns SET status = $1 WHERE id = $2", params![to.as_str(), id])?;
                let after = campaign_by_id(c, id)?;
                let change = Change {
                    province_id: before.province_id,
                    campaign_id: Some(id),
                    actor_id: by,
                    at: now,
                    action: "campaign.status",
                    entity: format!("campaign:{id}"),
                };
                let mut after_view = audit_view(&after);
                if let Some(n) = ranked_count {
                    after_view["ranked_units"] = n.into();
                }
                record(c, change, Some(&audit_view(&before)), Some(&after_view))?;
                Ok(after)
            })
        })
        .await
    }

    /// A campaign with its framework and every unit's entries: what the
    /// results, the ranking and the unit reports are computed from.
    pub async fn campaign_sheets(&self, id: i64) -> Result<CampaignSheets, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let campaign = campaign_by_id(c, id)?;
                sheets_of(c, campaign)
            })
        })
        .await
    }

    /// The published results of the year before a campaign's, in its
    /// province: imported from CSV or kept when last year's campaign was
    /// published.
    pub async fn previous_results(
        &self,
        province_id: i64,
        year: i32,
    ) -> Result<Vec<motcua_rules::par::PublishedResult>, StoreError> {
        self.blocking(move |s| s.read(|c| published_rows(c, province_id, year - 1))).await
    }
}

pub(crate) fn sheets_of(c: &mut dyn Conn, campaign: Campaign) -> Result<CampaignSheets, StoreError> {
    let framework = framework_by_id(c, campaign.province_id, campaign.framework_id)?.framework;
    let mut entries = Vec::with_capacity(campaign.units.len());
    for unit in &campaign.units {
        entries.push((unit.clone(), entries_of(c, campaign.id, unit.unit_id)?));
    }
    Ok(CampaignSheets { campaign, framework, entries })
}
