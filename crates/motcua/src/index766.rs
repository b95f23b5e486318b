//! `motcua index766 recompute FILE [--json]`: runs motcua's 766 scoring on
//! a saved response of the national portal's evaluation API
//! (`POST /api/v1/reporting/evaluation/{group}`) and compares, unit by unit,
//! the portal's published score with motcua's.
//!
//! Two response shapes (field names exactly as the portal writes them):
//! - group trees, `data.parent` + `data.children[]`, with raw counters:
//!   progress (`totalReceived`, `totalOnTime`, ...), online payment
//!   (`totalDossierFinancialObligation`, ...) and online services
//!   (`authorityCount`, ..., formula unresolved);
//! - metric lists, `data.overview` + `data.evaluation[]`, each unit with
//!   `metrics[]` of `{code, numerator, denominator, ratio, score, maxScore}`.
//!
//! Numbers may be integers or floats; extra fields are ignored. A missing
//! field is an error naming its path (`data.children[2].totalOnTime`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use motcua_rules::index766::{Config, Group, Indicator, Outcome, Rule, evaluate, ratio_of, round2};
use serde_json::Value;

#[derive(clap::Subcommand)]
pub enum Cmd {
    /// Recompute the scores of a saved response of the national portal's
    /// evaluation API and print, per unit, the portal's score, motcua's and
    /// the difference (motcua − portal).
    Recompute {
        /// The saved API response (JSON).
        file: PathBuf,
        /// Print a JSON array (one object per unit) instead of a table.
        #[arg(long)]
        json: bool,
        /// Settings for what the sources leave open (JSON; see docs/index766.md).
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

pub fn run(cmd: Cmd) -> Result<(), String> {
    match cmd {
        Cmd::Recompute { file, json, config } => {
            let config = match config {
                Some(path) => load_config(&path)?,
                None => Config::default(),
            };
            let text = std::fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let rows = recompute(&text, &config).map_err(|e| format!("{}: {e}", file.display()))?;
            let out = if json { to_json(&rows) } else { to_table(&rows) };
            print!("{out}");
            Ok(())
        }
    }
}

fn load_config(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let config: Config =
        serde_json::from_str(&text).map_err(|e| format!("{}: invalid 766 configuration: {e}", path.display()))?;
    config.check().map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(config)
}

/// One unit of the response, compared.
#[derive(Debug)]
pub struct Row {
    pub code: String,
    pub name: String,
    /// A [`Group::as_str`], or "mixed" when a metric list mixes groups.
    pub group: String,
    pub portal: Option<f64>,
    /// Rounded to 2 decimals; `None` where the formula is unresolved.
    pub motcua: Option<f64>,
    pub provisional: bool,
    /// Why `motcua` is `None`.
    pub reason: Option<String>,
    pub notes: Vec<String>,
    /// Per metric, for metric lists.
    pub metrics: Option<Vec<MetricRow>>,
}

#[derive(Debug)]
pub struct MetricRow {
    pub code: String,
    pub portal: Option<f64>,
    pub motcua: Option<f64>,
    pub provisional: bool,
    pub reason: Option<String>,
}

impl Row {
    /// motcua − portal, rounded to 2 decimals.
    pub fn diff(&self) -> Option<f64> {
        diff(self.portal, self.motcua)
    }
}

fn diff(portal: Option<f64>, motcua: Option<f64>) -> Option<f64> {
    Some(round2(motcua? - portal?))
}

/// Parses a response and compares every unit, parent or overview first.
pub fn recompute(text: &str, config: &Config) -> Result<Vec<Row>, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let top = At { value: &root, path: String::new() };
    if !root.is_object() {
        return Err("the top level must be a JSON object with `code` and `data`".into());
    }
    let code = top.req("code")?;
    if code.value.as_str() != Some("OK") {
        let message = top.get("message").and_then(|m| m.value.as_str().map(str::to_owned));
        return Err(format!(
            "the response's `code` is {}, not \"OK\"{}",
            code.value,
            message.map(|m| format!(" (message: {m})")).unwrap_or_default()
        ));
    }
    let data = top.req("data")?;
    if !data.value.is_object() {
        return Err(format!("`data` must be an object, found {}", kind(data.value)));
    }
    if data.get("parent").is_some() || data.get("children").is_some() {
        tree(&data, config)
    } else if data.get("overview").is_some() || data.get("evaluation").is_some() {
        metric_list(&data, config)
    } else {
        Err("`data` has neither `parent` and `children` (a group tree) nor `overview` and `evaluation` \
             (a metric list)"
            .into())
    }
}

// ---- group trees --------------------------------------------------------------------

fn tree(data: &At, config: &Config) -> Result<Vec<Row>, String> {
    let parent = data.req("parent")?;
    let children = data.array("children")?;
    let group = tree_group(&parent)?;
    let mut rows = Vec::with_capacity(children.len() + 1);
    rows.push(tree_row(&parent, group, true, config)?);
    for child in &children {
        rows.push(tree_row(child, group, false, config)?);
    }
    Ok(rows)
}

const PROGRESS_FIELDS: [&str; 2] = ["totalReceived", "totalOnTime"];
const PAYMENT_FIELDS: [&str; 5] = [
    "totalDossierOnlinePaymentSuccess",
    "totalDossierFinancialObligation",
    "totalDossierOnlineFormalityPaymentSuccess",
    "totalFeeFormality",
    "totalFeeDossierFormality",
];
const ONLINE_FIELDS: [&str; 4] = ["authorityCount", "onlineServiceTotal", "onlineDossierCount", "channelTotalSum"];

/// Which group a tree is, from the fields its parent has.
fn tree_group(parent: &At) -> Result<Group, String> {
    let has = |fields: &[&str]| fields.iter().any(|f| parent.get(f).is_some());
    if has(&PROGRESS_FIELDS) {
        Ok(Group::Progress)
    } else if has(&PAYMENT_FIELDS) {
        Ok(Group::OnlinePayment)
    } else if has(&ONLINE_FIELDS) {
        Ok(Group::OnlineService)
    } else {
        Err(format!(
            "cannot tell the group of `{}`: it has none of totalReceived, totalOnTime (progress), \
             totalDossierFinancialObligation, totalFeeFormality, ... (online payment) or authorityCount, \
             onlineServiceTotal, ... (online services)",
            parent.path
        ))
    }
}

fn tree_row(unit: &At, group: Group, is_parent: bool, config: &Config) -> Result<Row, String> {
    let code = unit.text("departmentCode")?;
    let name = unit.text("departmentName")?;
    // The parent publishes totalScore / totalMaxScore, children score / maxScore
    // in the progress tree; the payment tree uses totalScore everywhere.
    let (score_keys, max_keys) = if is_parent || group != Group::Progress {
        (["totalScore", "score"], ["totalMaxScore", "maxScore"])
    } else {
        (["score", "totalScore"], ["maxScore", "totalMaxScore"])
    };
    let portal = unit.first_of(&score_keys)?;
    let portal_max = max_keys.iter().find_map(|k| unit.get(k)).map(|m| m.float()).transpose()?.flatten();

    let mut row = Row {
        code,
        name,
        group: group.as_str().to_owned(),
        portal,
        motcua: None,
        provisional: false,
        reason: None,
        notes: Vec::new(),
        metrics: None,
    };
    match group {
        Group::Progress => {
            let received = unit.count("totalReceived")?;
            let on_time = unit.count("totalOnTime")?;
            if let Some(overdue) = unit.opt_count("totalOverdue")?
                && (on_time + overdue - received).abs() > 1e-9
            {
                row.notes.push(format!(
                    "totalOnTime + totalOverdue = {} is not totalReceived = {received}",
                    on_time + overdue
                ));
            }
            let outcome = evaluate(Indicator::ProgressOnTime, group.max(), ratio_of(on_time, received), config);
            if received == 0.0 {
                row.notes.push(format!(
                    "no dossier received (totalReceived = 0): the portal's score for this case was never observed; \
                     motcua gives progress_when_empty = {} (configuration)",
                    config.progress_when_empty
                ));
            }
            row.set(outcome);
        }
        Group::OnlinePayment => {
            let [success, obligation, formality_success, fee_formality, fee_dossier] =
                PAYMENT_FIELDS.map(|f| unit.count(f));
            let (success, obligation) = (success?, obligation?);
            let (formality_success, fee_formality, fee_dossier) = (formality_success?, fee_formality?, fee_dossier?);
            let parts = [
                (Indicator::PaymentDossiers, ratio_of(success, obligation)),
                (Indicator::PaymentFormalityTransactions, ratio_of(formality_success, fee_formality)),
                (Indicator::PaymentFormalityIntegrated, ratio_of(fee_dossier, fee_formality)),
            ];
            let mut sum = 0.0;
            for (indicator, ratio) in parts {
                let outcome = evaluate(indicator, indicator.def().max, ratio, config);
                sum += outcome.score.unwrap_or(0.0);
                row.provisional |= outcome.provisional;
            }
            if fee_formality > 0.0 && fee_dossier / fee_formality > 0.8 {
                row.notes.push(
                    "totalFeeDossierFormality / totalFeeFormality is above 80%: the fitted formula (2.5·C, no cap) \
                     and motcua's cap at 2 points (spec: full marks from 80%) differ here"
                        .into(),
                );
            }
            row.motcua = Some(round2(sum));
        }
        Group::OnlineService => online_service(unit, &mut row, config)?,
        _ => unreachable!("tree_group returns only tree groups"),
    }
    if let Some(max) = portal_max
        && (max - group.max()).abs() > 1e-9
    {
        row.notes.push(format!("the portal's maximum is {max}, motcua's {}", group.max()));
    }
    Ok(row)
}

fn online_service(unit: &At, row: &mut Row, config: &Config) -> Result<(), String> {
    let Some(formula) = &config.online_service else {
        row.provisional = true;
        row.reason = Some(match Indicator::OnlineFullDossiers.def().rule {
            Rule::Unresolved { reason } => reason.to_owned(),
            _ => "the online-service formula is unresolved".to_owned(),
        });
        return Ok(());
    };
    let mut ratios = [None; Indicator::COUNT];
    for term in &formula.terms {
        let ratio = match term.indicator {
            Indicator::OnlineProvided => {
                ratio_of(unit.count("partialCount")? + unit.count("fullCount")?, unit.count("authorityCount")?)
            }
            Indicator::OnlineServiceWithDossiers => {
                ratio_of(unit.count("onlineDossierCount")?, unit.count("onlineServiceTotal")?)
            }
            Indicator::OnlineSubmission => ratio_of(unit.count("channelOnlineSum")?, unit.count("channelTotalSum")?),
            other => {
                row.provisional = true;
                row.reason = Some(format!(
                    "the configured online-service formula uses indicator {}, which the portal's response has no \
                     counters for",
                    other.id()
                ));
                return Ok(());
            }
        };
        ratios[term.indicator.index()] = ratio;
    }
    row.motcua = Some(round2(formula.score(|i| ratios[i.index()])));
    row.provisional = true;
    row.notes.push("online-service score from the configured stand-in formula, not the portal's".into());
    Ok(())
}

impl Row {
    fn set(&mut self, outcome: Outcome) {
        self.motcua = outcome.score.map(round2);
        self.provisional |= outcome.provisional;
    }
}

// ---- metric lists ---------------------------------------------------------------------

fn metric_list(data: &At, config: &Config) -> Result<Vec<Row>, String> {
    let overview = data.req("overview")?;
    let evaluation = data.array("evaluation")?;
    let mut rows = Vec::with_capacity(evaluation.len() + 1);
    if !overview.value.is_null() {
        rows.push(metric_row(&overview, true, config)?);
    }
    for unit in &evaluation {
        rows.push(metric_row(unit, false, config)?);
    }
    Ok(rows)
}

fn metric_row(unit: &At, is_overview: bool, config: &Config) -> Result<Row, String> {
    let (code, name) = if is_overview {
        // The overview is the whole province; tolerate it without its own code.
        let text = |k| unit.get(k).map(|v| v.string()).transpose();
        (text("departmentCode")?.unwrap_or_else(|| "overview".into()), text("departmentName")?.unwrap_or_default())
    } else {
        (unit.text("departmentCode")?, unit.text("departmentName")?)
    };
    let portal = unit.first_of(&["totalScore"])?;
    let metrics = unit.array("metrics")?;

    let mut groups: Vec<Group> = Vec::new();
    let mut sum = 0.0;
    let mut provisional = false;
    let mut reason: Option<String> = None;
    let mut notes = Vec::new();
    let mut rows = Vec::with_capacity(metrics.len());
    for m in &metrics {
        let code = m.text("code")?;
        let numerator = m.opt_count("numerator")?;
        let denominator = m.opt_count("denominator")?;
        let percent = m.get("ratio").map(|v| v.float()).transpose()?.flatten();
        let portal_score = m.get("score").map(|v| v.float()).transpose()?.flatten();
        let portal_max = m.get("maxScore").map(|v| v.float()).transpose()?.flatten();
        let mut metric = MetricRow { code, portal: portal_score, motcua: None, provisional: false, reason: None };

        let Some(indicator) = Indicator::from_metric_code(&metric.code) else {
            if portal_score.unwrap_or(0.0) == 0.0 && portal_max.unwrap_or(0.0) == 0.0 {
                metric.reason = Some("unknown metric without points: ignored".into());
            } else {
                let why = format!("unknown metric code `{}`: motcua has no formula for it", metric.code);
                metric.reason = Some(why.clone());
                reason.get_or_insert(why);
            }
            rows.push(metric);
            continue;
        };
        let def = indicator.def();
        if !groups.contains(&def.group) {
            groups.push(def.group);
        }
        if def.rule == Rule::Tracking {
            metric.reason = Some("tracked only, no points".into());
            rows.push(metric);
            continue;
        }
        let max = portal_max.unwrap_or(def.max);
        if (max - def.max).abs() > 1e-9 {
            notes.push(format!(
                "{}: the portal's maximum is {max}, motcua's {}; scored out of {max}",
                metric.code, def.max
            ));
        }
        // Counts when both are given; otherwise the portal's percentage.
        let ratio = match (numerator, denominator) {
            (Some(n), Some(d)) => ratio_of(n, d),
            _ => percent.map(|p| p / 100.0),
        };
        let outcome = evaluate(indicator, max, ratio, config);
        match (outcome.score, def.rule) {
            (Some(points), _) => {
                sum += points;
                metric.motcua = Some(round2(points));
            }
            (None, Rule::Unresolved { reason: why }) => {
                metric.reason = Some(why.to_owned());
                reason.get_or_insert_with(|| why.to_owned());
            }
            (None, _) => {}
        }
        if outcome.provisional {
            metric.provisional = true;
            provisional = true;
            notes.push(format!("{}: {}", metric.code, def.note.unwrap_or("formula not verified")));
        }
        rows.push(metric);
    }
    let group = match groups.as_slice() {
        [one] => one.as_str(),
        [] => "unknown",
        _ => "mixed",
    };
    Ok(Row {
        code,
        name,
        group: group.to_owned(),
        portal,
        motcua: if reason.is_some() { None } else { Some(round2(sum)) },
        provisional: provisional || reason.is_some(),
        reason,
        notes,
        metrics: Some(rows),
    })
}

// ---- reading JSON with paths ----------------------------------------------------------

/// A JSON value and where it is in the response (`data.children[2]`).
struct At<'a> {
    value: &'a Value,
    path: String,
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> At<'a> {
    fn child_path(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_owned() } else { format!("{}.{key}", self.path) }
    }

    /// The field `key`, when present (even if null).
    fn get(&self, key: &str) -> Option<At<'a>> {
        self.value.get(key).map(|value| At { value, path: self.child_path(key) })
    }

    fn req(&self, key: &str) -> Result<At<'a>, String> {
        self.get(key).ok_or_else(|| format!("missing field `{}`", self.child_path(key)))
    }

    fn array(&self, key: &str) -> Result<Vec<At<'a>>, String> {
        let field = self.req(key)?;
        let items = field
            .value
            .as_array()
            .ok_or_else(|| format!("`{}` must be an array, found {}", field.path, kind(field.value)))?;
        Ok(items.iter().enumerate().map(|(i, value)| At { value, path: format!("{}[{i}]", field.path) }).collect())
    }

    /// A required text field (a code may also be written as a number).
    fn text(&self, key: &str) -> Result<String, String> {
        self.req(key)?.string()
    }

    fn string(&self) -> Result<String, String> {
        match self.value {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            other => Err(format!("`{}` must be a string, found {}", self.path, kind(other))),
        }
    }

    /// A number or null.
    fn float(&self) -> Result<Option<f64>, String> {
        match self.value {
            Value::Null => Ok(None),
            Value::Number(n) => n.as_f64().map(Some).ok_or_else(|| format!("`{}` is not a usable number", self.path)),
            other => Err(format!("`{}` must be a number, found {}", self.path, kind(other))),
        }
    }

    /// A required counter: a number, not negative (an integer or a float).
    fn count(&self, key: &str) -> Result<f64, String> {
        let field = self.req(key)?;
        field.opt_count_value()?.ok_or_else(|| format!("`{}` must be a number, found null", field.path))
    }

    /// An optional counter: missing or null is `None`.
    fn opt_count(&self, key: &str) -> Result<Option<f64>, String> {
        self.get(key).map(|f| f.opt_count_value()).transpose().map(Option::flatten)
    }

    fn opt_count_value(&self) -> Result<Option<f64>, String> {
        match self.float()? {
            Some(n) if n < 0.0 => Err(format!("`{}` must not be negative, found {n}", self.path)),
            other => Ok(other),
        }
    }

    /// The first of `keys` that is present, as a number or null; missing
    /// altogether names the first key.
    fn first_of(&self, keys: &[&str]) -> Result<Option<f64>, String> {
        match keys.iter().find_map(|k| self.get(k)) {
            Some(field) => field.float(),
            None => Err(format!("missing field `{}`", self.child_path(keys[0]))),
        }
    }
}

// ---- output ------------------------------------------------------------------------------

fn num(x: Option<f64>) -> String {
    x.map(|x| Value::from(x).to_string()).unwrap_or_else(|| "null".into())
}

fn text(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}

/// A JSON array, one unit per line, keys in a fixed order.
pub fn to_json(rows: &[Row]) -> String {
    let mut out = String::from("[\n");
    for (i, row) in rows.iter().enumerate() {
        let mut fields = vec![
            ("code", text(&row.code)),
            ("name", text(&row.name)),
            ("group", text(&row.group)),
            ("portal", num(row.portal)),
            ("motcua", num(row.motcua)),
            ("diff", num(row.diff())),
            ("provisional", row.provisional.to_string()),
        ];
        if let Some(reason) = &row.reason {
            fields.push(("reason", text(reason)));
        }
        if !row.notes.is_empty() {
            let notes: Vec<String> = row.notes.iter().map(|n| text(n)).collect();
            fields.push(("notes", format!("[{}]", notes.join(","))));
        }
        if let Some(metrics) = &row.metrics {
            let items: Vec<String> = metrics
                .iter()
                .map(|m| {
                    let mut f = vec![
                        ("code", text(&m.code)),
                        ("portal", num(m.portal)),
                        ("motcua", num(m.motcua)),
                        ("diff", num(diff(m.portal, m.motcua))),
                        ("provisional", m.provisional.to_string()),
                    ];
                    if let Some(reason) = &m.reason {
                        f.push(("reason", text(reason)));
                    }
                    object(&f)
                })
                .collect();
            fields.push(("metrics", format!("[{}]", items.join(","))));
        }
        out.push_str("  ");
        out.push_str(&object(&fields));
        out.push_str(if i + 1 < rows.len() { ",\n" } else { "\n" });
    }
    out.push_str("]\n");
    out
}

fn object(fields: &[(&str, String)]) -> String {
    let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{}:{v}", text(k))).collect();
    format!("{{{}}}", inner.join(","))
}

fn cell(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.2}")).unwrap_or_else(|| "—".into())
}

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

/// A table for people: one line per unit, then its notes; `*` marks a
/// provisional score.
pub fn to_table(rows: &[Row]) -> String {
    let code_w = rows.iter().map(|r| r.code.chars().count()).max().unwrap_or(0).max(4);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<code_w$}  {:<32}  {:<14}  {:>8}  {:>9}  {:>7}",
        "CODE", "NAME", "GROUP", "PORTAL", "MOTCUA", "DIFF"
    );
    let (mut matched, mut differ, mut unresolved, mut provisional) = (0, 0, 0, 0);
    for row in rows {
        let mark = if row.provisional && row.motcua.is_some() { "*" } else { " " };
        let _ = writeln!(
            out,
            "{:<code_w$}  {:<32}  {:<14}  {:>8}  {:>8}{mark}  {:>7}",
            row.code,
            clip(&row.name, 32),
            row.group,
            cell(row.portal),
            cell(row.motcua),
            cell(row.diff()),
        );
        if let Some(reason) = &row.reason {
            let _ = writeln!(out, "{:code_w$}  no motcua score: {reason}", "");
        }
        for note in &row.notes {
            let _ = writeln!(out, "{:code_w$}  note: {note}", "");
        }
        match row.diff() {
            _ if row.motcua.is_none() => unresolved += 1,
            Some(d) if d.abs() <= 0.01 + 1e-9 => matched += 1,
            Some(_) => differ += 1,
            None => {}
        }
        if row.provisional && row.motcua.is_some() {
            provisional += 1;
        }
    }
    let _ = writeln!(
        out,
        "\n{} unit(s): {matched} within 0.01 of the portal, {differ} differ, {unresolved} without a motcua score; \
         {provisional} provisional (*)",
        rows.len()
    );
    out
}
