//! The catalogue search on each database's own full-text index: SQLite's
//! FTS5 table `procedure_words` ranked by `bm25`, PostgreSQL's
//! `procedures.search_vector` (GIN) ranked by `ts_rank`. What a query means
//! (words, variants, synonyms, filler) is decided once, in
//! `motcua_rules::catalogue_search`; this module only writes that plan in
//! each database's query language and keeps the index in step with the
//! catalogue (docs/catalogue-search.md).
//!
//! The two query languages differ, so this is one of the few places with
//! SQL per dialect; the filters around the match are shared.

use chrono::NaiveDateTime;
use motcua_rules::catalogue_search::{
    SearchPlan, SynonymGroup, Term, answer_key, format_synonyms, index_text, parse_synonyms, words,
};

use super::procedures::{ProcedureQuery, summary_from_row};
use crate::db::{Conn, Dialect, QueryBuilder, Value};
use crate::model::{ProcedureHits, SynonymList};
use crate::{Store, StoreError, params};

/// The best matches by the database's relevance that are ordered by the
/// plan's own key and paged through: a citizen reads the first page or two;
/// past 200, a query says too little to be answered by ranking.
const CANDIDATES: usize = 200;

/// The weights of a word found in the code, the name and the field's name:
/// a citizen's words describe the name; the field only breaks ties.
const SQLITE_RANK: &str = "bm25(procedure_words, 0.5, 10.0, 1.0)";

/// Writes the catalogue words of one procedure into the full-text index,
/// replacing what was there; called in the transaction that saves it.
pub(crate) fn index_procedure(
    c: &mut dyn Conn,
    id: i64,
    code: &str,
    name: &str,
    field: &str,
) -> Result<(), StoreError> {
    let (code, name, field) = (index_text(code), index_text(name), index_text(field));
    match c.dialect() {
        Dialect::Sqlite => {
            c.execute("DELETE FROM procedure_words WHERE rowid = $1", params![id])?;
            c.execute(
                "INSERT INTO procedure_words (rowid, code, name, field) VALUES ($1, $2, $3, $4)",
                params![id, &code, &name, &field],
            )?;
        }
        Dialect::Postgres => {
            c.execute(
                "UPDATE procedures SET search_vector = \
                 setweight(to_tsvector('simple', $1), 'D') || setweight(to_tsvector('simple', $2), 'A') || \
                 setweight(to_tsvector('simple', $3), 'C') WHERE id = $4",
                params![&code, &name, &field, id],
            )?;
        }
    }
    Ok(())
}

/// Indexes every procedure (the migration that adds the index; a field
/// renamed). Returns how many.
pub(crate) fn index_all(c: &mut dyn Conn) -> Result<usize, StoreError> {
    let rows =
        c.query("SELECT p.id, p.code, p.name, f.name FROM procedures p JOIN fields f ON f.id = p.field_id", &[])?;
    for r in &rows {
        index_procedure(c, r.i64(0)?, r.str(1)?, r.str(2)?, r.str(3)?)?;
    }
    Ok(rows.len())
}

/// The synonym groups, in the administrator's order.
pub(crate) fn synonyms(c: &mut dyn Conn) -> Result<Vec<SynonymGroup>, StoreError> {
    let rows = c.query("SELECT phrases FROM search_synonyms ORDER BY position", &[])?;
    let mut groups = Vec::with_capacity(rows.len());
    for r in &rows {
        // Each row was checked when saved; a row edited by hand into
        // something unreadable is skipped rather than failing every search.
        if let Ok(mut g) = parse_synonyms(r.str(0)?) {
            groups.append(&mut g);
        }
    }
    Ok(groups)
}

/// One term in FTS5's language: a phrase in double quotes, alternatives
/// joined by OR. The words are `[a-z0-9]+` (catalogue words), so quoting
/// cannot be broken out of.
fn fts5_term(t: &Term) -> String {
    let phrases: Vec<String> = t.phrases.iter().map(|p| format!("\"{}\"", p.join(" "))).collect();
    format!("({})", phrases.join(" OR "))
}

/// One term in PostgreSQL's `tsquery`: words of a phrase joined by `<->`
/// (followed by), alternatives by `|`.
fn tsquery_term(t: &Term) -> String {
    let phrases: Vec<String> = t.phrases.iter().map(|p| p.join(" <-> ")).collect();
    format!("({})", phrases.join(" | "))
}

/// The plan as a match expression: every term (`all`) or any.
fn match_expression(dialect: Dialect, plan: &SearchPlan, all: bool) -> String {
    let (terms, join): (Vec<String>, &str) = match dialect {
        Dialect::Sqlite => (plan.terms.iter().map(fts5_term).collect(), if all { " AND " } else { " OR " }),
        Dialect::Postgres => (plan.terms.iter().map(tsquery_term).collect(), if all { " & " } else { " | " }),
    };
    terms.join(join)
}

/// The filters of a catalogue list other than its words.
pub(crate) fn push_filters(b: &mut QueryBuilder, q: &ProcedureQuery) {
    if let Some(field) = &q.field_code {
        b.push(" AND f.code = $?", [field.into()]);
    }
    if q.online_only {
        b.push(" AND p.online_level <> $?", ["none".into()]);
    }
    if !q.include_abolished {
        b.push(" AND p.publication_status <> $?", ["abolished".into()]);
    }
}

const COLUMNS: &str = "p.id, p.code, p.name, f.code, f.name, p.level, p.online_level, p.publication_status";

/// The query's FROM and WHERE, matching `expr` (`$1`); `select` may use
/// `$2`, `$3` … bound to `select_args`.
fn matching(dialect: Dialect, select: &str, select_args: Vec<Value>, expr: &str, q: &ProcedureQuery) -> QueryBuilder {
    let mut b = match dialect {
        Dialect::Sqlite => QueryBuilder::new(
            format!(
                "SELECT {select} FROM procedure_words w JOIN procedures p ON p.id = w.rowid \
                 JOIN fields f ON f.id = p.field_id WHERE procedure_words MATCH $1"
            ),
            vec![Value::from(expr)],
        ),
        Dialect::Postgres => QueryBuilder::new(
            format!(
                "SELECT {select} FROM procedures p JOIN fields f ON f.id = p.field_id \
                 WHERE p.search_vector @@ to_tsquery('simple', $1)"
            ),
            vec![Value::from(expr)],
        ),
    };
    b.args.extend(select_args);
    push_filters(&mut b, q);
    b
}

fn count(c: &mut dyn Conn, expr: &str, q: &ProcedureQuery) -> Result<u64, StoreError> {
    let b = matching(c.dialect(), "COUNT(*)", Vec::new(), expr, q);
    Ok(c.query_one(&b.sql, &b.args)?.i64(0)?.max(0) as u64)
}

/// The offset a ranked page starts at, from its cursor (`r40`); anything
/// else starts at the top.
fn offset_of(cursor: Option<&str>) -> u64 {
    cursor.and_then(|c| c.strip_prefix('r')).and_then(|n| n.parse().ok()).unwrap_or(0).min(100_000)
}

/// The procedures matching `text`, best first: those with every term, or,
/// when none has them all, those with any (`all_words: false`).
pub(crate) fn search(c: &mut dyn Conn, text: &str, q: &ProcedureQuery) -> Result<ProcedureHits, StoreError> {
    let plan = motcua_rules::catalogue_search::plan(text, &synonyms(c)?);
    if plan.is_empty() {
        return Ok(ProcedureHits { items: Vec::new(), next_cursor: None, total: 0, all_words: true });
    }
    let dialect = c.dialect();
    let mut all_words = true;
    let mut expr = match_expression(dialect, &plan, true);
    let mut total = count(c, &expr, q)?;
    if total == 0 && plan.partial_allowed {
        all_words = false;
        expr = match_expression(dialect, &plan, false);
        total = count(c, &expr, q)?;
    }
    let rank = match dialect {
        Dialect::Sqlite => SQLITE_RANK.to_owned(),
        // Normalisation 1: divided by 1 + log(length), so that a short name
        // with the words ranks above a long one that also has them.
        Dialect::Postgres => "-ts_rank(p.search_vector, to_tsquery('simple', $1), 1)::float8".to_owned(),
    };
    // The database's relevance picks the candidates; the plan's own key
    // orders them (`answer_key`), then that relevance, then the code.
    let mut b = matching(dialect, &format!("{COLUMNS}, {rank} AS score"), Vec::new(), &expr, q);
    b.push(" ORDER BY score, p.code LIMIT $?", [(CANDIDATES as i64).into()]);
    let mut ranked = Vec::new();
    for r in c.query(&b.sql, &b.args)?.iter() {
        let summary = summary_from_row(r)?;
        let other = words(&format!("{} {}", summary.code, summary.field_name));
        let key = answer_key(&plan, &words(&summary.name), &other);
        ranked.push((key, r.opt_f64(8)?.unwrap_or(0.0), summary));
    }
    ranked.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then_with(|| a.2.code.cmp(&b.2.code)));
    let limit = q.limit.clamp(1, 200) as usize;
    let offset = offset_of(q.after.as_deref()) as usize;
    let shown = ranked.len().min(total as usize);
    let items: Vec<_> = ranked.into_iter().skip(offset).take(limit).map(|(_, _, s)| s).collect();
    let next_cursor = (offset + limit < shown).then(|| format!("r{}", offset + limit));
    Ok(ProcedureHits { items, next_cursor, total, all_words })
}

/// How many procedures the other filters leave, for a list without words.
pub(crate) fn count_all(c: &mut dyn Conn, q: &ProcedureQuery) -> Result<u64, StoreError> {
    let mut b =
        QueryBuilder::new("SELECT COUNT(*) FROM procedures p JOIN fields f ON f.id = p.field_id WHERE 1 = 1", vec![]);
    push_filters(&mut b, q);
    Ok(c.query_one(&b.sql, &b.args)?.i64(0)?.max(0) as u64)
}

impl Store {
    /// The synonym list as the administrator edits it, with its last change.
    pub async fn synonym_list(&self) -> Result<SynonymList, StoreError> {
        self.blocking(|s| {
            s.read(|c| {
                let groups = synonyms(c)?;
                let last = c.query_opt(
                    "SELECT s.updated_at, u.full_name FROM search_synonyms s LEFT JOIN users u ON u.id = s.updated_by \
                     ORDER BY s.updated_at DESC LIMIT 1",
                    &[],
                )?;
                let (updated_at, updated_by) = match last {
                    Some(r) => (Some(r.time(0)?), r.opt_string(1)?),
                    None => (None, None),
                };
                Ok(SynonymList { text: format_synonyms(&groups), groups: groups.len(), updated_at, updated_by })
            })
        })
        .await
    }

    /// Replaces the synonym list with `groups` (checked by
    /// `motcua_rules::catalogue_search::parse_synonyms`) in one transaction.
    pub async fn replace_synonyms(
        &self,
        groups: Vec<SynonymGroup>,
        by: i64,
        now: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        self.blocking(move |s| {
            s.write(|c| {
                c.execute("DELETE FROM search_synonyms", &[])?;
                for (i, g) in groups.iter().enumerate() {
                    c.execute(
                        "INSERT INTO search_synonyms (position, phrases, updated_at, updated_by) VALUES ($1, $2, $3, $4)",
                        params![i as i64 + 1, &g.phrases.join(", "), now, by],
                    )?;
                }
                Ok(groups.len())
            })
        })
        .await
    }
}
