//! Citizens' per-dossier evaluations (đánh giá việc giải quyết TTHC,
//! docs/sources.md#citizen-rating, table `dossier_ratings`) read for the reform
//! office: each rating with the unit that received the dossier and the
//! officer who received it, for `sipas::summarise_by` to group.

use motcua_rules::sipas::DossierEvaluation;

use super::inbox::path_upper_bound;
use crate::model::RATING_CRITERIA;
use crate::{Store, StoreError, params};

/// One rated dossier, without the citizen or the comment.
#[derive(Debug, Clone)]
pub struct RatedDossier {
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    /// The officer who received the dossier (at the counter or online);
    /// `None` for a dossier whose reception has no recorded actor.
    pub officer_id: Option<i64>,
    pub officer_name: Option<String>,
    pub evaluation: DossierEvaluation,
}

impl Store {
    /// The ratings of dossiers received in the subtree `path`, with the
    /// receiving unit and officer.
    pub async fn dossier_evaluations(&self, path: String) -> Result<Vec<RatedDossier>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                // A dossier is received once: one reception event at most.
                let rows = c.query(
                    "SELECT r.unit_id, u.code, u.name, r.scores, e.actor_user_id, us.full_name \
                     FROM dossier_ratings r JOIN units u ON u.id = r.unit_id \
                     LEFT JOIN dossier_events e ON e.dossier_id = r.dossier_id \
                       AND e.action IN ('receive', 'receive_at_counter') \
                     LEFT JOIN users us ON us.id = e.actor_user_id \
                     WHERE u.path >= $1 AND u.path < $2 ORDER BY r.dossier_id",
                    params![path.as_str(), path_upper_bound(&path)],
                )?;
                rows.iter()
                    .map(|r| {
                        let scores: [u8; RATING_CRITERIA] = r.json(3)?;
                        Ok(RatedDossier {
                            unit_id: r.i64(0)?,
                            unit_code: r.string(1)?,
                            unit_name: r.string(2)?,
                            officer_id: r.opt_i64(4)?,
                            officer_name: r.opt_string(5)?,
                            evaluation: DossierEvaluation::from_points(&scores).map_err(|e| {
                                StoreError::internal(format!("stored rating does not fit the criteria: {e}"))
                            })?,
                        })
                    })
                    .collect()
            })
        })
        .await
    }
}
