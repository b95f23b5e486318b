//! The catalogue search for citizens (tìm thủ tục): what the words a
//! citizen types mean, before a database's full-text index looks them up.
//!
//! Citizens type "lam giay khai sinh", "dang ki ket hon" or "so do": words
//! in any order, without diacritics, with the spelling variants of `i`/`y`
//! and with everyday names of procedures. Three steps turn such a query
//! into a [`SearchPlan`] (decision and measurements: docs/catalogue-search.md):
//!
//! 1. [`words`]: fold (lower case, no diacritics, `đ` as `d`), split at
//!    anything that is not a letter or digit, and write the `i`/`y` variants
//!    of one syllable one way ([`canonical_syllable`]: "ký" and "kí" are
//!    both `ki`). The catalogue is indexed with the same function, so both
//!    sides agree.
//! 2. Synonyms ([`SynonymGroup`], edited by the administrator): a run of
//!    query words equal to one phrase of a group matches any phrase of the
//!    group ("sổ đỏ" finds "quyền sử dụng đất"). Longest phrase first.
//! 3. Filler words ([`FILLER_WORDS`]: "làm", "xin", "thủ tục" …) that ask
//!    for something rather than name it are dropped, unless nothing else is
//!    left.
//!
//! The database then finds the procedures that contain every term, ranked
//! by its own relevance function; when none contains them all, those that
//! contain some of them (the plan says which; [`SearchPlan::terms`]).

use crate::error::RuleError;
use crate::fold::fold_letter;

/// The field a query's errors name.
pub const QUERY_FIELD: &str = "q";

/// The longest query looked at, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;

/// The most terms a plan keeps: a query longer than this is a pasted
/// paragraph, and its first terms say what it is about.
pub const MAX_TERMS: usize = 12;

/// The most synonym groups, phrases per group and characters per phrase an
/// administrator can save: enough for every everyday name of a province's
/// catalogue, small enough to expand every query in microseconds.
pub const MAX_GROUPS: usize = 500;
pub const MAX_PHRASES_PER_GROUP: usize = 12;
pub const MAX_PHRASE_CHARS: usize = 80;

/// Words (folded) and phrases that ask for a procedure rather than name
/// it ("làm", "xin", "thủ tục", "như thế nào", "ở đâu", "hồ sơ") and the
/// function words of any sentence ("có", "không", "này", "của", "và"). A
/// query made only of them keeps them, and then must match them all.
pub const FILLER_WORDS: &[&str] = &[
    "lam",
    "xin",
    "muon",
    "gi",
    "thu tuc",
    "ho so",
    "nhu the nao",
    "the nao",
    "o dau",
    "bao lau",
    "bao nhieu",
    "huong dan",
    "cach",
    "toi",
    "em",
    "minh",
    "nhung",
    "nao",
    "khong",
    "co",
    "nay",
    "cua",
    "va",
    "la",
    "thi",
    "duoc",
    "cho",
    "de",
    "voi",
    "ve",
    "tai",
];

/// The catalogue's words of `text`: folded, split at anything that is not
/// a letter or a digit, variants written one way.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let mut pushed = false;
        for l in c.to_lowercase() {
            let f = fold_letter(l);
            if f.is_ascii_alphanumeric() {
                word.push(f);
                pushed = true;
            }
        }
        if !pushed && !word.is_empty() {
            out.push(canonical_syllable(&word));
            word.clear();
        }
    }
    if !word.is_empty() {
        out.push(canonical_syllable(&word));
    }
    out
}

/// One syllable with the `i`/`y` variants of Vietnamese spelling written
/// as `i`: after a consonant, a final `y` that is the syllable's only vowel
/// is written either way ("ký"/"kí", "lý"/"lí", "mỹ"/"mĩ", "sỹ"/"sĩ",
/// "tỷ"/"tỉ", "quý"/"quí"). A `y` after another vowel ("tuy", "duy",
/// "hay") is a different sound and stays, as does "y" alone ("y tế").
pub fn canonical_syllable(word: &str) -> String {
    const ONSETS: [&str; 10] = ["k", "l", "m", "s", "t", "h", "v", "n", "d", "qu"];
    match word.strip_suffix('y') {
        Some(onset) if ONSETS.contains(&onset) => format!("{onset}i"),
        _ => word.to_owned(),
    }
}

/// A group of phrases that mean the same to a citizen, as the
/// administrator wrote them ("sổ đỏ, sổ hồng, giấy chứng nhận quyền sử
/// dụng đất").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymGroup {
    pub phrases: Vec<String>,
}

impl SynonymGroup {
    /// Each phrase as catalogue words.
    fn phrase_words(&self) -> Vec<Vec<String>> {
        self.phrases.iter().map(|p| words(p)).filter(|w| !w.is_empty()).collect()
    }
}

/// Reads the administrator's synonym list: one group per line, phrases
/// separated by commas; blank lines and lines starting with `#` are
/// skipped. Every mistake is reported at once, each naming its line.
pub fn parse_synonyms(text: &str) -> Result<Vec<SynonymGroup>, Vec<RuleError>> {
    const FIELD: &str = "synonyms";
    let mut groups = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let phrases: Vec<String> = line
            .split(',')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        let err = |case: &str| RuleError::invalid("synonym_line_invalid", FIELD).arg("line", line_no).arg("case", case);
        if phrases.len() < 2 {
            errors.push(err("one-phrase"));
        } else if phrases.len() > MAX_PHRASES_PER_GROUP {
            errors.push(err("too-many-phrases").arg("max", MAX_PHRASES_PER_GROUP));
        } else if phrases.iter().any(|p| p.chars().count() > MAX_PHRASE_CHARS) {
            errors.push(err("phrase-too-long").arg("max", MAX_PHRASE_CHARS));
        } else if phrases.iter().any(|p| words(p).is_empty()) {
            errors.push(err("no-words"));
        } else {
            groups.push(SynonymGroup { phrases });
        }
    }
    if groups.len() > MAX_GROUPS {
        errors.push(RuleError::invalid("synonym_list_too_long", FIELD).arg("max", MAX_GROUPS));
    }
    if errors.is_empty() { Ok(groups) } else { Err(errors) }
}

/// The synonym list written back as the administrator edits it.
pub fn format_synonyms(groups: &[SynonymGroup]) -> String {
    groups.iter().map(|g| g.phrases.join(", ")).collect::<Vec<_>>().join("\n")
}

/// One thing a procedure must contain to match: one of its phrases, each a
/// run of catalogue words (a plain word is a phrase of one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub phrases: Vec<Vec<String>>,
}

/// What a query asks the full-text index for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchPlan {
    /// Every term, in the order typed, without repeats. Empty when the
    /// query has no words (punctuation only).
    pub terms: Vec<Term>,
    /// Whether procedures with only some of the terms may be shown when
    /// none has them all: not for a query of filler alone ("không có thủ
    /// tục này"), whose single words would match anything.
    pub partial_allowed: bool,
}

impl SearchPlan {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Turns a citizen's query into terms: synonyms expanded (longest phrase
/// first), filler words dropped unless nothing else is left.
pub fn plan(query: &str, synonyms: &[SynonymGroup]) -> SearchPlan {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let typed = words(&query);
    let groups: Vec<Vec<Vec<String>>> = synonyms.iter().map(SynonymGroup::phrase_words).collect();
    let fillers: Vec<Vec<String>> = FILLER_WORDS.iter().map(|f| words(f)).collect();
    let mut terms: Vec<Term> = Vec::new();
    let mut dropped: Vec<Term> = Vec::new();
    let mut i = 0;
    while i < typed.len() {
        let rest = &typed[i..];
        // The longest synonym phrase starting here, and its group.
        let synonym = groups
            .iter()
            .flat_map(|g| g.iter().map(move |p| (p, g)))
            .filter(|(p, _)| rest.starts_with(p))
            .max_by_key(|(p, _)| p.len());
        if let Some((phrase, group)) = synonym {
            push_new(&mut terms, Term { phrases: group.clone() });
            i += phrase.len();
            continue;
        }
        let filler = fillers.iter().filter(|f| rest.starts_with(f)).max_by_key(|f| f.len());
        if let Some(f) = filler {
            push_new(&mut dropped, Term { phrases: f.iter().map(|w| vec![w.clone()]).collect() });
            i += f.len();
            continue;
        }
        push_new(&mut terms, Term { phrases: vec![vec![typed[i].clone()]] });
        i += 1;
    }
    let mut partial_allowed = terms.len() > 1;
    if terms.is_empty() {
        // Only filler was typed ("thủ tục"): search for it as typed.
        partial_allowed = false;
        for t in dropped {
            for p in t.phrases {
                push_new(&mut terms, Term { phrases: vec![p] });
            }
        }
    }
    terms.truncate(MAX_TERMS);
    SearchPlan { terms, partial_allowed }
}

fn push_new(terms: &mut Vec<Term>, t: Term) {
    if !terms.contains(&t) {
        terms.push(t);
    }
}

/// How well one procedure answers a plan, as an ordering key (smaller is
/// better): first the procedures with more of the terms anywhere, then with
/// more of them in the name, then those whose name says the least beyond
/// them. The database's own relevance (`bm25`, `ts_rank`) picks the
/// candidates and breaks what ties remain.
///
/// Why not the database's relevance alone: it counts a word twice when a
/// name repeats it ("Đăng ký tạm trú tạm dừng" above "Đăng ký tạm trú" for
/// "đăng ký tạm trú"), and when only some words match, SQLite's `bm25` can
/// put two matches of one common word above three different words. In a
/// catalogue where variants add qualifiers to a base name, the base name is
/// what a citizen asking in few words means.
pub fn answer_key(plan: &SearchPlan, name: &[String], other: &[String]) -> (usize, usize, usize) {
    let mut anywhere = 0;
    let mut in_name = 0;
    let mut covered = vec![false; name.len()];
    for t in &plan.terms {
        let mut found_in_name = false;
        for p in &t.phrases {
            for start in positions(name, p) {
                found_in_name = true;
                covered[start..start + p.len()].iter_mut().for_each(|c| *c = true);
            }
        }
        if found_in_name {
            in_name += 1;
            anywhere += 1;
        } else if t.phrases.iter().any(|p| !positions(other, p).is_empty()) {
            anywhere += 1;
        }
    }
    let extra = covered.iter().filter(|c| !**c).count();
    let terms = plan.terms.len();
    (terms - anywhere, terms - in_name, extra)
}

/// Where `phrase` starts in `words`.
fn positions(words: &[String], phrase: &[String]) -> Vec<usize> {
    if phrase.is_empty() || phrase.len() > words.len() {
        return Vec::new();
    }
    (0..=words.len() - phrase.len()).filter(|&i| words[i..i + phrase.len()] == *phrase).collect()
}

/// The words a procedure is indexed by, one field at a time (code, name,
/// field name), as one space-separated string for the full-text index.
pub fn index_text(text: &str) -> String {
    words(text).join(" ")
}

#[cfg(test)]
#[path = "catalogue_search_tests.rs"]
mod tests;
