//! The record of staff views of applicants' personal data (Decree 13/2023
//! on the protection of personal data): who saw whose dossier, when and
//! through what. Written when a page or an answer shows the data unmasked;
//! read by administrators (docs/search.md#personal-data-views).

use chrono::NaiveDateTime;
use serde::Serialize;

use super::inbox::path_upper_bound;
use crate::db::Row;
use crate::{Store, StoreError, params};

/// How the data was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ViewedVia {
    /// The dossier page of the office.
    Page,
    /// `GET /api/v1/dossiers/{ref}`.
    Api,
    /// A printed slip (receipt, request, refusal, apology, hand-over, control sheet).
    Slip,
    /// The unit's register of dossiers: its page, PDF or spreadsheet.
    Register,
}

impl ViewedVia {
    pub fn as_str(self) -> &'static str {
        match self {
            ViewedVia::Page => "page",
            ViewedVia::Api => "api",
            ViewedVia::Slip => "slip",
            ViewedVia::Register => "register",
        }
    }

    fn parse(s: &str) -> Option<ViewedVia> {
        [ViewedVia::Page, ViewedVia::Api, ViewedVia::Slip, ViewedVia::Register].into_iter().find(|v| v.as_str() == s)
    }
}

/// One recorded view.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DataView {
    pub id: i64,
    pub at: NaiveDateTime,
    pub user_id: i64,
    pub username: String,
    pub full_name: String,
    pub dossier_id: i64,
    pub dossier_code: Option<String>,
    pub via: ViewedVia,
}

fn view_from_row(r: &Row) -> Result<DataView, StoreError> {
    let via = r.str(7)?;
    Ok(DataView {
        id: r.i64(0)?,
        at: r.time(1)?,
        user_id: r.i64(2)?,
        username: r.string(3)?,
        full_name: r.string(4)?,
        dossier_id: r.i64(5)?,
        dossier_code: r.opt_string(6)?,
        via: ViewedVia::parse(via).ok_or_else(|| StoreError::internal(format!("unknown view kind {via}")))?,
    })
}

impl Store {
    /// Records that `user_id` (of the unit at `unit_path`) saw the personal
    /// data of `dossier_id`.
    pub async fn record_data_view(
        &self,
        user_id: i64,
        unit_path: String,
        dossier_id: i64,
        via: ViewedVia,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                c.execute(
                    "INSERT INTO personal_data_views (at, user_id, unit_path, dossier_id, via) \
                     VALUES ($1, $2, $3, $4, $5)",
                    params![at, user_id, &unit_path, dossier_id, via.as_str()],
                )?;
                Ok(())
            })
        })
        .await
    }

    /// Records that `user_id` saw the personal data of each of
    /// `dossier_ids` at once (a register page lists many): one transaction.
    pub async fn record_data_views(
        &self,
        user_id: i64,
        unit_path: String,
        dossier_ids: Vec<i64>,
        via: ViewedVia,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        if dossier_ids.is_empty() {
            return Ok(());
        }
        self.blocking(move |s| {
            s.write(|c| {
                for id in &dossier_ids {
                    c.execute(
                        "INSERT INTO personal_data_views (at, user_id, unit_path, dossier_id, via) \
                         VALUES ($1, $2, $3, $4, $5)",
                        params![at, user_id, &unit_path, *id, via.as_str()],
                    )?;
                }
                Ok(())
            })
        })
        .await
    }

    /// The views by staff of the subtree at `scope_path`, newest first, a
    /// page at a time (ids below `before_id`); only those of `dossier_id`
    /// when given.
    pub async fn data_views(
        &self,
        scope_path: String,
        dossier_id: Option<i64>,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<DataView>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                let hi = path_upper_bound(&scope_path);
                let rows = c.query(
                    "SELECT v.id, v.at, v.user_id, u.username, u.full_name, v.dossier_id, d.code, v.via \
                     FROM personal_data_views v JOIN users u ON u.id = v.user_id \
                     JOIN dossiers d ON d.id = v.dossier_id \
                     WHERE v.unit_path >= $1 AND v.unit_path < $2 AND v.id < $3 \
                     AND ($4 = 0 OR v.dossier_id = $4) ORDER BY v.id DESC LIMIT $5",
                    params![
                        &scope_path,
                        hi,
                        before_id.unwrap_or(i64::MAX),
                        dossier_id.unwrap_or(0),
                        i64::from(limit.clamp(1, 200))
                    ],
                )?;
                rows.iter().map(view_from_row).collect()
            })
        })
        .await
    }
}
