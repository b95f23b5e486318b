//! A framework as a form, for the reform office: areas, their criteria and
//! sub-criteria, each with its code, name, maximum, method of scoring and
//! guide; rows added and removed with buttons (no script needed); every
//! maximum shown beside the sum it must equal. The JSON import and export
//! stay for experts: the form reads and writes the same [`Framework`], so
//! saving a framework's form unchanged gives the same JSON.
//!
//! The model holds the text as typed, so a refused save shows the form
//! again exactly as it was. A method with parameters (a computed item's
//! metric and rule, a survey item's SIPAS rule) is carried through as its
//! JSON; the form changes its kind, the JSON import its parameters.

use std::collections::HashMap;

use motcua_rules::par::{
    Area, Criterion, Framework, Method, Metric, NoData, PeerLevel, Points, RatioMapping, SubCriterion,
};

use crate::error::ApiError;

pub type Form = HashMap<String, String>;

/// The methods the form offers, as their `kind`; `parent` is a criterion
/// made of sub-criteria.
pub const KINDS: [&str; 6] = ["parent", "self_assessed", "survey", "computed", "bonus", "penalty"];

pub const LEVELS: [&str; 5] = ["ministry", "province", "department", "district", "commune"];

/// A scored row: a criterion or a sub-criterion.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub code: String,
    pub name: String,
    pub max: String,
    pub guide: String,
    pub kind: String,
    /// The method as JSON when it has parameters, else empty.
    pub method_json: String,
    pub sub: Vec<Row>,
}

#[derive(Debug, Clone, Default)]
pub struct AreaRow {
    pub code: String,
    pub name: String,
    pub max: String,
    pub max_source: String,
    pub criteria: Vec<Row>,
}

#[derive(Debug, Clone, Default)]
pub struct Model {
    pub code: String,
    pub version: String,
    pub year: String,
    pub name: String,
    pub level: String,
    pub maximum: String,
    pub defaults: bool,
    pub notes: String,
    pub areas: Vec<AreaRow>,
}

fn num(p: Points) -> String {
    p.to_vi_short().replace(',', ".")
}

fn kind_of(m: &Method) -> &'static str {
    match m {
        Method::SelfAssessed => "self_assessed",
        Method::Survey { .. } => "survey",
        Method::Computed { .. } => "computed",
        Method::Bonus => "bonus",
        Method::Penalty => "penalty",
    }
}

fn method_json(m: &Method) -> String {
    match m {
        Method::Computed { .. } | Method::Survey { from_sipas: Some(_) } => {
            serde_json::to_string(m).unwrap_or_default()
        }
        _ => String::new(),
    }
}

impl Model {
    pub fn of(fw: &Framework) -> Model {
        let row = |code: &str, name: &str, max: Points, guide: &str, method: Option<&Method>, sub: Vec<Row>| Row {
            code: code.to_owned(),
            name: name.to_owned(),
            max: num(max),
            guide: guide.to_owned(),
            kind: method.map_or("parent", kind_of).to_owned(),
            method_json: method.map(method_json).unwrap_or_default(),
            sub,
        };
        Model {
            code: fw.code.clone(),
            version: fw.version.to_string(),
            year: fw.year.map(|y| y.to_string()).unwrap_or_default(),
            name: fw.name.clone(),
            level: serde_json::to_value(fw.level).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            maximum: num(fw.maximum),
            defaults: fw.maxima_are_defaults,
            notes: fw.notes.clone(),
            areas: fw
                .areas
                .iter()
                .map(|a| AreaRow {
                    code: a.code.clone(),
                    name: a.name.clone(),
                    max: num(a.max),
                    max_source: a.max_source.clone(),
                    criteria: a
                        .criteria
                        .iter()
                        .map(|c| {
                            let sub = c
                                .sub
                                .iter()
                                .map(|s| row(&s.code, &s.name, s.max, &s.guide, Some(&s.method), Vec::new()))
                                .collect();
                            row(&c.code, &c.name, c.max, &c.guide, c.method.as_ref(), sub)
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The model from a posted form; rows marked `remove` are left out,
    /// and `op` adds an empty row (`add-area`, `add-crit-<a>`, `add-sub-<a>-<c>`).
    pub fn from_form(f: &Form) -> Model {
        let get = |k: &str| f.get(k).cloned().unwrap_or_default();
        let removed = |p: &str| f.contains_key(&format!("{p}.remove"));
        let row = |p: &str| Row {
            code: get(&format!("{p}.code")),
            name: get(&format!("{p}.name")),
            max: get(&format!("{p}.max")),
            guide: get(&format!("{p}.guide")),
            kind: get(&format!("{p}.kind")),
            method_json: get(&format!("{p}.method_json")),
            sub: Vec::new(),
        };
        let mut areas = Vec::new();
        for a in (0..).take_while(|a| f.contains_key(&format!("a{a}.code"))) {
            let pa = format!("a{a}");
            let mut criteria = Vec::new();
            for c in (0..).take_while(|c| f.contains_key(&format!("{pa}.c{c}.code"))) {
                let pc = format!("{pa}.c{c}");
                let mut crit = row(&pc);
                for s in (0..).take_while(|s| f.contains_key(&format!("{pc}.s{s}.code"))) {
                    let ps = format!("{pc}.s{s}");
                    if !removed(&ps) {
                        crit.sub.push(row(&ps));
                    }
                }
                if !removed(&pc) {
                    criteria.push(crit);
                }
            }
            if !removed(&pa) {
                areas.push(AreaRow {
                    code: get(&format!("{pa}.code")),
                    name: get(&format!("{pa}.name")),
                    max: get(&format!("{pa}.max")),
                    max_source: get(&format!("{pa}.max_source")),
                    criteria,
                });
            }
        }
        let mut m = Model {
            code: get("fw.code"),
            version: get("fw.version"),
            year: get("fw.year"),
            name: get("fw.name"),
            level: get("fw.level"),
            maximum: get("fw.maximum"),
            defaults: f.contains_key("fw.defaults"),
            notes: get("fw.notes"),
            areas,
        };
        m.apply(f.get("op").map(String::as_str).unwrap_or(""));
        m
    }

    fn apply(&mut self, op: &str) {
        let empty = || Row { kind: "self_assessed".into(), ..Row::default() };
        let index = |s: &str| s.parse::<usize>().ok();
        if op == "add-area" {
            self.areas.push(AreaRow { criteria: vec![empty()], ..AreaRow::default() });
        } else if let Some(area) = op.strip_prefix("add-crit-").and_then(index).and_then(|a| self.areas.get_mut(a)) {
            area.criteria.push(empty());
        } else if let Some(crit) = op
            .strip_prefix("add-sub-")
            .and_then(|r| r.split_once('-'))
            .and_then(|(a, c)| Some((index(a)?, index(c)?)))
            .and_then(|(a, c)| self.areas.get_mut(a)?.criteria.get_mut(c))
        {
            crit.kind = "parent".into();
            crit.sub.push(empty());
        }
    }

    /// The framework the model describes; text that does not parse is
    /// refused with the path the rules would name (`areas[1].max`).
    pub fn framework(&self) -> Result<Framework, ApiError> {
        let points = |raw: &str, field: &str| {
            Points::parse(raw.trim())
                .ok_or_else(|| ApiError::unprocessable("reform_points_invalid", field).arg("value", raw.trim()))
        };
        let method = |r: &Row, field: &str| -> Result<Method, ApiError> {
            if let Ok(m) = serde_json::from_str::<Method>(&r.method_json)
                && kind_of(&m) == r.kind
            {
                return Ok(m);
            }
            Ok(match r.kind.as_str() {
                "survey" => Method::Survey { from_sipas: None },
                // A new computed item: a ratio the office enters, until an
                // expert sets its metric and rule in the JSON.
                "computed" => Method::Computed {
                    metric: Metric::Entered,
                    mapping: RatioMapping::Proportional,
                    if_no_data: NoData::ZeroPoints,
                },
                "bonus" => Method::Bonus,
                "penalty" => Method::Penalty,
                "self_assessed" => Method::SelfAssessed,
                other => return Err(ApiError::unprocessable("par_criterion_shape", field).arg("code", other)),
            })
        };
        let version = self.version.trim().parse::<u32>().map_err(|_| {
            ApiError::unprocessable("invalid_number", "version").arg("case", "not-negative").arg("value", &self.version)
        })?;
        let year = match self.year.trim() {
            "" => None,
            y => Some(
                y.parse::<i32>().map_err(|_| ApiError::unprocessable("reform_year_invalid", "year").arg("year", y))?,
            ),
        };
        let level: PeerLevel = serde_json::from_value(serde_json::Value::String(self.level.clone()))
            .map_err(|_| ApiError::unprocessable("required", "level").arg("case", "level"))?;
        let mut areas = Vec::new();
        for (a, area) in self.areas.iter().enumerate() {
            let mut criteria = Vec::new();
            for (c, r) in area.criteria.iter().enumerate() {
                let at = format!("areas[{a}].criteria[{c}]");
                let mut sub = Vec::new();
                for (s, x) in r.sub.iter().enumerate() {
                    let at_sub = format!("{at}.sub[{s}]");
                    sub.push(SubCriterion {
                        code: x.code.trim().to_owned(),
                        name: x.name.trim().to_owned(),
                        max: points(&x.max, &format!("{at_sub}.max"))?,
                        guide: x.guide.trim().to_owned(),
                        method: method(x, &format!("{at_sub}.method"))?,
                    });
                }
                let method = if r.kind == "parent" { None } else { Some(method(r, &format!("{at}.method"))?) };
                criteria.push(Criterion {
                    code: r.code.trim().to_owned(),
                    name: r.name.trim().to_owned(),
                    max: points(&r.max, &format!("{at}.max"))?,
                    guide: r.guide.trim().to_owned(),
                    method,
                    sub,
                });
            }
            areas.push(Area {
                code: area.code.trim().to_owned(),
                name: area.name.trim().to_owned(),
                max: points(&area.max, &format!("areas[{a}].max"))?,
                max_source: area.max_source.trim().to_owned(),
                criteria,
            });
        }
        Ok(Framework {
            code: self.code.trim().to_owned(),
            version,
            year,
            name: self.name.trim().to_owned(),
            level,
            maximum: points(&self.maximum, "maximum")?,
            maxima_are_defaults: self.defaults,
            notes: self.notes.trim().to_owned(),
            areas,
        })
    }
}

/// The form's name of a path the rules give (`areas[1].criteria[0].max`
/// is `a1.c0.max`), to mark the field a refusal is about.
pub fn form_name(path: &str) -> String {
    path.replace("areas[", "a")
        .replace("].criteria[", ".c")
        .replace("].sub[", ".s")
        .replace(']', "")
        .replace(".method.mapping", ".kind")
        .replace(".method.from_sipas", ".kind")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form of a framework, as the page writes it.
    fn as_form(m: &Model) -> Form {
        let mut f = Form::new();
        let mut put = |k: String, v: &str| {
            f.insert(k, v.to_owned());
        };
        for (k, v) in [("code", &m.code), ("version", &m.version), ("year", &m.year), ("name", &m.name)] {
            put(format!("fw.{k}"), v);
        }
        put("fw.level".into(), &m.level);
        put("fw.maximum".into(), &m.maximum);
        put("fw.notes".into(), &m.notes);
        if m.defaults {
            put("fw.defaults".into(), "on");
        }
        let row = |f: &mut Form, p: &str, r: &Row| {
            for (k, v) in [
                ("code", &r.code),
                ("name", &r.name),
                ("max", &r.max),
                ("guide", &r.guide),
                ("kind", &r.kind),
                ("method_json", &r.method_json),
            ] {
                f.insert(format!("{p}.{k}"), v.clone());
            }
        };
        for (a, area) in m.areas.iter().enumerate() {
            for (k, v) in
                [("code", &area.code), ("name", &area.name), ("max", &area.max), ("max_source", &area.max_source)]
            {
                f.insert(format!("a{a}.{k}"), v.clone());
            }
            for (c, r) in area.criteria.iter().enumerate() {
                row(&mut f, &format!("a{a}.c{c}"), r);
                for (s, x) in r.sub.iter().enumerate() {
                    row(&mut f, &format!("a{a}.c{c}.s{s}"), x);
                }
            }
        }
        f
    }

    #[test]
    fn the_shipped_templates_round_trip_through_the_form() {
        for fw in [motcua_rules::par::commune_template(), motcua_rules::par::department_template()] {
            let back = Model::from_form(&as_form(&Model::of(fw.framework()))).framework().unwrap();
            assert_eq!(&back, fw.framework());
        }
    }

    #[test]
    fn rows_are_added_and_removed_and_paths_map_to_fields() {
        let fw = motcua_rules::par::commune_template();
        let mut f = as_form(&Model::of(fw.framework()));
        f.insert("a0.c1.remove".into(), "on".into());
        f.insert("op".into(), "add-crit-1".into());
        let m = Model::from_form(&f);
        assert_eq!(m.areas[0].criteria.len(), fw.areas()[0].criteria.len() - 1);
        assert_eq!(m.areas[1].criteria.len(), fw.areas()[1].criteria.len() + 1);
        assert_eq!(form_name("areas[1].criteria[0].sub[2].max"), "a1.c0.s2.max");
        assert_eq!(form_name("areas[3].max"), "a3.max");
    }
}
