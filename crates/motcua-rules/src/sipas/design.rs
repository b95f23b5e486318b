//! Survey design: elements (yếu tố) and questions answered on the 5-level
//! satisfaction scale, versioned per year.
//!
//! The shipped template ([`sipas_template`]) has the five elements of
//! public administrative service delivery of 2640/QĐ-BNV
//! (docs/sources.md#sipas-elements), which remain aspect (2) of SIPAS from
//! 2022. The questions of element 1 follow the SIPAS 2024 items; the others are drafted and
//! flagged as such, because the questionnaire of 1001/QĐ-BNV was NOT FOUND.

use serde::{Deserialize, Serialize};

use crate::error::RuleError;

/// The answer scale of the official forms (docs/sources.md#sipas-formula, e.g.
/// dichvucong.mic.gov.vn/Pages/DanhGia.aspx), from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Level {
    VeryDissatisfied = 1,
    Dissatisfied = 2,
    Neutral = 3,
    Satisfied = 4,
    VerySatisfied = 5,
}

impl Level {
    pub const ALL: [Level; 5] =
        [Level::VeryDissatisfied, Level::Dissatisfied, Level::Neutral, Level::Satisfied, Level::VerySatisfied];

    /// The level numbered 1..=5 on the form.
    pub fn from_number(n: u8) -> Option<Level> {
        Level::ALL.get(usize::from(n).wrapping_sub(1)).copied()
    }

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Level::VeryDissatisfied => "Rất không hài lòng",
            Level::Dissatisfied => "Không hài lòng",
            Level::Neutral => "Bình thường",
            Level::Satisfied => "Hài lòng",
            Level::VerySatisfied => "Rất hài lòng",
        }
    }

    /// Counted as satisfied: Hài lòng or Rất hài lòng ("% satisfied",
    /// docs/sources.md#sipas-formula; the usual reading, unconfirmed).
    pub fn is_satisfied(self) -> bool {
        matches!(self, Level::Satisfied | Level::VerySatisfied)
    }
}

/// A question: one item rated on the 5-level scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub code: String,
    pub text: String,
    /// True when the wording is a draft, not taken from an official form.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drafted: bool,
}

/// An element (yếu tố) and its questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Element {
    pub code: String,
    pub name: String,
    pub questions: Vec<Question>,
}

/// A survey design as written in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyDesign {
    pub code: String,
    /// Incremented on every change; answers keep the version they used.
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub elements: Vec<Element>,
}

/// A design that passed [`SurveyDesign::validate`]. Questions are numbered
/// 0.. in design order across elements; answers and counts use that order.
#[derive(Debug, Clone)]
pub struct ValidDesign {
    design: SurveyDesign,
    /// For each element, the range of its questions.
    ranges: Vec<std::ops::Range<usize>>,
    questions: usize,
}

impl SurveyDesign {
    /// Checks codes (present, unique across elements and questions), names
    /// and texts, and that every element has a question.
    pub fn validate(self) -> Result<ValidDesign, RuleError> {
        let required = |s: &str, field: &str| {
            if s.trim().is_empty() { Err(RuleError::invalid("required", field)) } else { Ok(()) }
        };
        required(&self.code, "code")?;
        required(&self.name, "name")?;
        if self.elements.is_empty() {
            return Err(RuleError::invalid("sipas_design_empty", "elements"));
        }
        let mut codes: Vec<(String, String)> = Vec::new();
        let mut unique = |code: &str, field: String| -> Result<(), RuleError> {
            required(code, &field)?;
            if let Some((_, first)) = codes.iter().find(|(c, _)| *c == code) {
                return Err(RuleError::invalid("sipas_code_duplicate", &field).arg("code", code).arg("first", first));
            }
            codes.push((code.to_owned(), field));
            Ok(())
        };
        let mut ranges = Vec::with_capacity(self.elements.len());
        let mut next = 0;
        for (e, element) in self.elements.iter().enumerate() {
            unique(&element.code, format!("elements[{e}].code"))?;
            required(&element.name, &format!("elements[{e}].name"))?;
            if element.questions.is_empty() {
                return Err(RuleError::invalid("sipas_design_empty", &format!("elements[{e}].questions"))
                    .arg("case", "element")
                    .arg("element", &element.code));
            }
            for (q, question) in element.questions.iter().enumerate() {
                unique(&question.code, format!("elements[{e}].questions[{q}].code"))?;
                required(&question.text, &format!("elements[{e}].questions[{q}].text"))?;
            }
            ranges.push(next..next + element.questions.len());
            next += element.questions.len();
        }
        Ok(ValidDesign { ranges, questions: next, design: self })
    }
}

impl ValidDesign {
    /// Reads and validates a design from JSON (`sipas_design_json` when
    /// malformed).
    pub fn from_json(json: &str) -> Result<ValidDesign, RuleError> {
        let design: SurveyDesign = serde_json::from_str(json)
            .map_err(|e| RuleError::invalid("sipas_design_json", "design").arg("error", e))?;
        design.validate()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.design).expect("a design always serialises")
    }

    pub fn design(&self) -> &SurveyDesign {
        &self.design
    }

    pub fn into_design(self) -> SurveyDesign {
        self.design
    }

    /// The number of questions, across elements.
    pub fn question_count(&self) -> usize {
        self.questions
    }

    /// The questions of element `e`, as indexes into the flat order.
    pub fn element_questions(&self, e: usize) -> std::ops::Range<usize> {
        self.ranges[e].clone()
    }

    /// The question at flat index `q`.
    pub fn question(&self, q: usize) -> &Question {
        let e = self.ranges.iter().position(|r| r.contains(&q)).expect("question index in range");
        &self.design.elements[e].questions[q - self.ranges[e].start]
    }
}

const TEMPLATE_JSON: &str = include_str!("../../data/par/sipas_template.json");

/// The shipped design: the five elements of 2640/QĐ-BNV, 14 questions.
pub fn sipas_template() -> ValidDesign {
    ValidDesign::from_json(TEMPLATE_JSON).expect("the shipped survey template is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_by_number_and_label() {
        assert_eq!(Level::from_number(0), None);
        assert_eq!(Level::from_number(6), None);
        for (i, l) in Level::ALL.iter().enumerate() {
            assert_eq!(Level::from_number(i as u8 + 1), Some(*l));
            assert_eq!(l.number(), i as u8 + 1);
        }
        assert_eq!(Level::VeryDissatisfied.label_vi(), "Rất không hài lòng");
        let satisfied: Vec<Level> = Level::ALL.into_iter().filter(|l| l.is_satisfied()).collect();
        assert_eq!(satisfied, [Level::Satisfied, Level::VerySatisfied]);
        // One byte each, also as an optional answer: a million answers are
        // a megabyte.
        assert_eq!(std::mem::size_of::<Option<Level>>(), 1);
    }

    #[test]
    fn the_template_has_the_five_elements() {
        let t = sipas_template();
        let names: Vec<&str> = t.design().elements.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Tiếp cận dịch vụ",
                "Thủ tục hành chính",
                "Công chức trực tiếp giải quyết công việc",
                "Kết quả cung ứng dịch vụ",
                "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
            ]
        );
        assert_eq!(t.question_count(), 14);
        assert_eq!(t.element_questions(1), 3..7);
        assert_eq!(t.question(3).code, "2.1");
        // Access: the three SIPAS 2024 items; TTHC: four drafted items.
        assert!(t.design().elements[0].questions.iter().all(|q| !q.drafted));
        assert!(t.design().elements[1].questions.iter().all(|q| q.drafted));
        let back = ValidDesign::from_json(&t.to_json()).unwrap();
        assert_eq!(back.design(), t.design());
    }

    #[test]
    fn bad_designs_are_refused_with_the_path() {
        let mut d = sipas_template().into_design();
        d.elements[2].questions[0].code = "1.1".into();
        let e = d.validate().unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("sipas_code_duplicate", Some("elements[2].questions[0].code")));
        let mut d = sipas_template().into_design();
        d.elements[4].questions.clear();
        assert_eq!(d.validate().unwrap_err().field.as_deref(), Some("elements[4].questions"));
        let mut d = sipas_template().into_design();
        d.elements[0].questions[1].text = " ".into();
        assert_eq!(d.validate().unwrap_err().field.as_deref(), Some("elements[0].questions[1].text"));
    }
}
