//! Citizens' ratings of dossiers (đánh giá việc giải quyết TTHC,
//! docs/sources.md#citizen-rating): 9 criteria of 0..=2 points, 18 in total, given
//! once per dossier after its result is returned.

use motcua_rules::RuleError;
use motcua_rules::dossier::Status;
use motcua_rules::scope::UnitRef;
use motcua_rules::stats;

use super::dossiers::dossier_not_found;
use super::inbox::path_upper_bound;
use super::stats::add_counts;
use crate::db::{DbError, Row};
use crate::model::{NewRating, RATING_CRITERIA, RATING_MAX_SCORE, Rating, RatingSummary};
use crate::{Store, StoreError, params};

/// The stored form of the scores: a JSON array written by hand, always
/// `[d,d,d,d,d,d,d,d,d]` with one digit per score (each is 0..=2). The
/// summary relies on that fixed width: criterion `i` is the character at
/// position `2 + 2i` (1-based), which both databases can read with
/// `SUBSTR`, where their JSON functions differ.
fn scores_json(scores: &[u8; RATING_CRITERIA]) -> String {
    let mut s = String::with_capacity(2 * RATING_CRITERIA + 1);
    for (i, score) in scores.iter().enumerate() {
        debug_assert!(*score <= RATING_MAX_SCORE, "checked before");
        s.push(if i == 0 { '[' } else { ',' });
        s.push(char::from(b'0' + score));
    }
    s.push(']');
    s
}

/// Refuses a score above [`RATING_MAX_SCORE`], naming it (`scores[3]`).
fn check_scores(scores: &[u8; RATING_CRITERIA]) -> Result<(), StoreError> {
    match scores.iter().position(|&s| s > RATING_MAX_SCORE) {
        Some(i) => Err(StoreError::Rule(
            RuleError::invalid("invalid_score", &format!("scores[{i}]"))
                .arg("criterion", i + 1)
                .arg("max", RATING_MAX_SCORE),
        )),
        None => Ok(()),
    }
}

fn rating_from_row(r: &Row) -> Result<Rating, StoreError> {
    Ok(Rating {
        dossier_id: r.i64(0)?,
        scores: r.json(1)?,
        total: u32::try_from(r.i64(2)?).map_err(|_| StoreError::internal("negative rating total"))?,
        comment: r.opt_string(3)?,
        rated_at: r.time(4)?,
    })
}

impl Store {
    /// Records a citizen's rating of a dossier. Whether the caller may rate
    /// it (is its owner) is the caller's rule. Fails with
    /// `invalid_score` (field `scores[i]`) for a score above 2,
    /// `dossier_not_found`, `rating_not_allowed` unless the dossier's result
    /// was returned, and `already_rated` (conflict) for a second rating.
    pub async fn rate_dossier(&self, r: NewRating) -> Result<Rating, StoreError> {
        check_scores(&r.scores)?;
        self.blocking(move |s| {
            s.write(|c| {
                let d = c
                    .query_opt(
                        "SELECT d.status, d.receiving_unit_id, d.procedure_id, d.province_id, u.path, \
                         d.handling_unit_id, hu.path FROM dossiers d JOIN units u ON u.id = d.receiving_unit_id \
                         JOIN units hu ON hu.id = d.handling_unit_id WHERE d.id = $1",
                        params![r.dossier_id],
                    )?
                    .ok_or_else(dossier_not_found)?;
                if d.i64(0)? != i64::from(Status::Returned.code()) {
                    return Err(StoreError::Rule(RuleError::not_allowed("rating_not_allowed")));
                }
                let total: u32 = r.scores.iter().map(|&s| u32::from(s)).sum();
                // The primary key allows one rating per dossier, also
                // against a concurrent second one.
                c.execute(
                    "INSERT INTO dossier_ratings (dossier_id, scores, total, comment, unit_id, rated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                    params![r.dossier_id, scores_json(&r.scores), total, r.comment.as_deref(), d.i64(1)?, r.now],
                )
                .map_err(|e| match e {
                    DbError::Unique(_) => StoreError::conflict("already_rated", None),
                    other => other.into(),
                })?;
                // Counted for the 766 satisfaction indicator, like an action.
                let unit = UnitRef { id: d.i64(1)?, path: d.string(4)? };
                let handling = UnitRef { id: d.i64(5)?, path: d.string(6)? };
                add_counts(c, &unit, &handling, d.i64(2)?, d.i64(3)?, &stats::rating_deltas(total, r.now))?;
                Ok(Rating { dossier_id: r.dossier_id, scores: r.scores, total, comment: r.comment, rated_at: r.now })
            })
        })
        .await
    }

    /// The rating of a dossier, if it has one.
    pub async fn rating(&self, dossier_id: i64) -> Result<Option<Rating>, StoreError> {
        self.blocking(move |s| {
            s.read(|c| {
                c.query_opt(
                    "SELECT dossier_id, scores, total, comment, rated_at FROM dossier_ratings WHERE dossier_id = $1",
                    params![dossier_id],
                )?
                .as_ref()
                .map(rating_from_row)
                .transpose()
            })
        })
        .await
    }

    /// The count and averages of the ratings of dossiers received in the
    /// unit subtree `unit_path_prefix` (`/1/4/`).
    pub async fn rating_summary(&self, unit_path_prefix: &str) -> Result<RatingSummary, StoreError> {
        let (lo, hi) = (unit_path_prefix.to_owned(), path_upper_bound(unit_path_prefix));
        self.blocking(move |s| {
            s.read(|c| {
                // Sums, not AVG: PostgreSQL's AVG is numeric, which the
                // backends do not decode; the division is done here.
                let criteria: String = (0..RATING_CRITERIA)
                    .map(|i| format!(", CAST(SUM(CAST(SUBSTR(r.scores, {}, 1) AS INTEGER)) AS BIGINT)", 2 + 2 * i))
                    .collect();
                let sql = format!(
                    "SELECT COUNT(*), CAST(SUM(r.total) AS BIGINT){criteria} FROM dossier_ratings r \
                     JOIN units u ON u.id = r.unit_id WHERE u.path >= $1 AND u.path < $2"
                );
                let row = c.query_one(&sql, params![lo, hi])?;
                let count = row.i64(0)?;
                if count == 0 {
                    return Ok(RatingSummary { count, average_total: None, average_scores: None });
                }
                let avg = |i: usize| -> Result<f64, StoreError> { Ok(row.i64(i)? as f64 / count as f64) };
                let mut scores = [0.0; RATING_CRITERIA];
                for (i, score) in scores.iter_mut().enumerate() {
                    *score = avg(2 + i)?;
                }
                Ok(RatingSummary { count, average_total: Some(avg(1)?), average_scores: Some(scores) })
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_stored_as_fixed_width_json() {
        let scores = [2, 1, 0, 2, 2, 2, 2, 1, 0];
        let json = scores_json(&scores);
        assert_eq!(json, "[2,1,0,2,2,2,2,1,0]");
        assert_eq!(serde_json::from_str::<[u8; RATING_CRITERIA]>(&json).unwrap(), scores);
        for (i, s) in scores.iter().enumerate() {
            // The 1-based SUBSTR position the summary reads.
            assert_eq!(json.as_bytes()[2 + 2 * i - 1], b'0' + s);
        }
    }

    #[test]
    fn a_score_above_two_names_its_criterion() {
        assert!(check_scores(&[2; RATING_CRITERIA]).is_ok());
        let err = check_scores(&[0, 0, 0, 3, 0, 0, 9, 0, 0]).unwrap_err();
        let rule = err.rule().unwrap();
        assert_eq!((rule.code, rule.field.as_deref()), ("invalid_score", Some("scores[3]")));
    }
}
