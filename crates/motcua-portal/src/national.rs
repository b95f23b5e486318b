//! Procedure records from the national TTHC database, in the form its
//! sharing service answers a `LayThuTuc` request (docs/portal-sync.md,
//! "Procedure import"): upper-case keys, one object per procedure.
//!
//! Accepted input: the whole answer (`{"error_code": 0, "result": [...]}`),
//! the `result` array alone, or one procedure object. Read per procedure:
//!
//! - `MATTHC` (required, `d.dddddd`), `TENTTHC` (required);
//! - `LINHVUCTHUCHIEN[0].MALINHVUC`, `.TENLINHVUC`: the field;
//! - `CACHTHUCTHUCHIEN[].THOIGIAN[]`: the first entry's `THOIGIANGIAIQUYET`
//!   and `DONVITINH` are the time limit; every `PHILEPHI[]` (`SOTIEN`,
//!   `MOTA`) is a fee (once per description and amount);
//! - `THANHPHANHOSO[].GIAYTO[]`: `TENGIAYTO` a component, `TENMAUDON` its form;
//! - `CANCUPHAPLY[]`: `SOVANBAN`, `TENVANBAN`;
//! - `MOTADOITUONGTHUCHIEN`: who may apply; `KETQUATHUCHIEN[].TENKETQUA`: the result.
//!
//! Everything else (the steps, the agencies, the forms' files) is left to
//! motcua's own catalogue.

use serde_json::Value;

use crate::catalogue::is_procedure_code;
use crate::validate::Problem;

/// The time-limit units the national database writes (`DONVITINH`),
/// matched without case: "Ngày làm việc", "Ngày", "Giờ", "Tháng".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitUnit {
    WorkingDays,
    WorkingHours,
    Days,
    Months,
}

impl LimitUnit {
    fn parse(s: &str) -> Option<LimitUnit> {
        match s.trim().to_lowercase().as_str() {
            "ngày làm việc" => Some(LimitUnit::WorkingDays),
            "giờ" | "giờ làm việc" => Some(LimitUnit::WorkingHours),
            "ngày" => Some(LimitUnit::Days),
            "tháng" => Some(LimitUnit::Months),
            _ => None,
        }
    }
}

/// What the national record gives for one procedure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NationalProcedure {
    pub code: String,
    pub name: String,
    pub field_code: Option<String>,
    pub field_name: Option<String>,
    pub time_limit: Option<(u32, LimitUnit)>,
    /// Description and amount in đồng.
    pub fees: Vec<(String, i64)>,
    /// Component name and its form's name.
    pub components: Vec<(String, Option<String>)>,
    /// Number and title.
    pub legal_basis: Vec<(String, String)>,
    pub applicants: Option<String>,
    pub result: Option<String>,
}

fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn amount(v: &Value) -> Option<i64> {
    match v.get("SOTIEN")? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().replace(['.', ','], "").parse().ok(),
        _ => None,
    }
}

/// One procedure object; the problems carry `[i].FIELD`.
fn procedure(i: usize, v: &Value, problems: &mut Vec<Problem>) -> Option<NationalProcedure> {
    let mut bad = |field: &str, code: &'static str| problems.push(Problem { field: format!("[{i}].{field}"), code });
    if !v.is_object() {
        bad("MATTHC", "portal_required");
        return None;
    }
    let code = text(v, "MATTHC");
    let name = text(v, "TENTTHC");
    match &code {
        None => bad("MATTHC", "portal_required"),
        Some(c) if !is_procedure_code(c) => bad("MATTHC", "portal_bad_format"),
        _ => {}
    }
    if name.is_none() {
        bad("TENTTHC", "portal_required");
    }
    let mut p = NationalProcedure { code: code?, name: name?, ..NationalProcedure::default() };
    if let Some(field) = list(v, "LINHVUCTHUCHIEN").first() {
        p.field_code = text(field, "MALINHVUC");
        p.field_name = text(field, "TENLINHVUC");
    }
    for way in list(v, "CACHTHUCTHUCHIEN") {
        for time in list(way, "THOIGIAN") {
            if p.time_limit.is_none() {
                let n = text(time, "THOIGIANGIAIQUYET").and_then(|n| n.parse::<f64>().ok());
                let unit = text(time, "DONVITINH").and_then(|u| LimitUnit::parse(&u));
                match (n, unit) {
                    (Some(n), Some(u)) if n >= 0.0 && n.fract() == 0.0 => p.time_limit = Some((n as u32, u)),
                    (None, _) => {}
                    _ => bad("CACHTHUCTHUCHIEN.THOIGIAN", "portal_bad_value"),
                }
            }
            for fee in list(time, "PHILEPHI") {
                let Some(sum) = amount(fee) else { continue };
                let label = text(fee, "MOTA").or_else(|| text(fee, "MAPHILEPHI")).unwrap_or_else(|| "Lệ phí".into());
                if !p.fees.iter().any(|(l, s)| *l == label && *s == sum) {
                    p.fees.push((label, sum));
                }
            }
        }
    }
    for part in list(v, "THANHPHANHOSO") {
        for doc in list(part, "GIAYTO") {
            if let Some(name) = text(doc, "TENGIAYTO")
                && !p.components.iter().any(|(n, _)| *n == name)
            {
                p.components.push((name, text(doc, "TENMAUDON")));
            }
        }
    }
    for law in list(v, "CANCUPHAPLY") {
        if let (Some(number), title) = (text(law, "SOVANBAN"), text(law, "TENVANBAN")) {
            p.legal_basis.push((number, title.unwrap_or_default()));
        }
    }
    p.applicants = text(v, "MOTADOITUONGTHUCHIEN");
    let results: Vec<String> = list(v, "KETQUATHUCHIEN").iter().filter_map(|r| text(r, "TENKETQUA")).collect();
    p.result = (!results.is_empty()).then(|| results.join("; "));
    Some(p)
}

/// Every procedure in `bytes`, or every problem: a file with one bad
/// record is refused whole, so an import is all or nothing.
pub fn parse_procedures(bytes: &[u8]) -> Result<Vec<NationalProcedure>, Vec<Problem>> {
    let v: Value = serde_json::from_slice(bytes)
        .map_err(|_| vec![Problem { field: "file".into(), code: "portal_import_not_json" }])?;
    let items: Vec<&Value> = match &v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) if o.contains_key("result") => {
            o["result"].as_array().map(|a| a.iter().collect()).unwrap_or_default()
        }
        Value::Object(_) => vec![&v],
        _ => Vec::new(),
    };
    if items.is_empty() {
        return Err(vec![Problem { field: "file".into(), code: "portal_import_empty" }]);
    }
    let mut problems = Vec::new();
    let parsed: Vec<NationalProcedure> =
        items.iter().enumerate().filter_map(|(i, p)| procedure(i, p, &mut problems)).collect();
    if problems.is_empty() { Ok(parsed) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANSWER: &str = r#"{"error_code": 0, "result": [{
        "MATTHC": "1.004194", "TENTTHC": "Đăng ký tạm trú",
        "LINHVUCTHUCHIEN": [{"MALINHVUC": "G09", "TENLINHVUC": "Đăng ký, quản lý cư trú"}],
        "CACHTHUCTHUCHIEN": [
          {"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": "3", "DONVITINH": "Ngày làm việc", "MOTA": "",
             "PHILEPHI": [{"MAPHILEPHI": "LP1", "SOTIEN": 15000, "DONVI": "Đồng", "MOTA": "Lệ phí đăng ký"}]}]},
          {"KENH": 2, "THOIGIAN": [{"THOIGIANGIAIQUYET": 3, "DONVITINH": "Ngày làm việc",
             "PHILEPHI": [{"SOTIEN": "7.000", "MOTA": "Lệ phí (trực tuyến)"}]}]}],
        "THANHPHANHOSO": [{"GIAYTO": [
          {"MAGIAYTO": "GT1", "TENGIAYTO": "Tờ khai thay đổi thông tin cư trú", "TENMAUDON": "CT01.docx", "URL": ""},
          {"TENGIAYTO": "Giấy tờ chứng minh chỗ ở hợp pháp"}]}],
        "CANCUPHAPLY": [{"SOVANBAN": "68/2020/QH14", "TENVANBAN": "Luật Cư trú"}],
        "MOTADOITUONGTHUCHIEN": "Công dân Việt Nam",
        "KETQUATHUCHIEN": [{"MAKETQUA": "KQ1", "TENKETQUA": "Xác nhận đăng ký tạm trú"}],
        "TRANGTHAI": 1}]}"#;

    #[test]
    fn the_sharing_answer_is_read() {
        let p = parse_procedures(ANSWER.as_bytes()).unwrap();
        assert_eq!(p.len(), 1);
        let p = &p[0];
        assert_eq!((p.code.as_str(), p.name.as_str()), ("1.004194", "Đăng ký tạm trú"));
        assert_eq!(p.field_code.as_deref(), Some("G09"));
        assert_eq!(p.time_limit, Some((3, LimitUnit::WorkingDays)));
        assert_eq!(p.fees, vec![("Lệ phí đăng ký".into(), 15_000), ("Lệ phí (trực tuyến)".into(), 7_000)]);
        assert_eq!(p.components[0], ("Tờ khai thay đổi thông tin cư trú".into(), Some("CT01.docx".into())));
        assert_eq!(p.components.len(), 2);
        assert_eq!(p.legal_basis, vec![("68/2020/QH14".into(), "Luật Cư trú".into())]);
        assert_eq!(p.result.as_deref(), Some("Xác nhận đăng ký tạm trú"));
        assert_eq!(p.applicants.as_deref(), Some("Công dân Việt Nam"));
        // The array alone and one object are read too.
        let v: Value = serde_json::from_str(ANSWER).unwrap();
        let array = serde_json::to_vec(&v["result"]).unwrap();
        assert_eq!(parse_procedures(&array).unwrap().len(), 1);
        let one = serde_json::to_vec(&v["result"][0]).unwrap();
        assert_eq!(parse_procedures(&one).unwrap()[0].code, "1.004194");
    }

    #[test]
    fn a_bad_record_refuses_the_file_with_every_problem() {
        let bad = r#"[{"MATTHC": "1.004194", "TENTTHC": "A"}, {"MATTHC": "4194"}, {"TENTTHC": "B",
            "CACHTHUCTHUCHIEN": [{"THOIGIAN": [{"THOIGIANGIAIQUYET": 2, "DONVITINH": "tuần"}]}]}]"#
            .as_bytes();
        let problems = parse_procedures(bad).unwrap_err();
        let got: Vec<(&str, &str)> = problems.iter().map(|p| (p.field.as_str(), p.code)).collect();
        assert_eq!(
            got,
            vec![
                ("[1].MATTHC", "portal_bad_format"),
                ("[1].TENTTHC", "portal_required"),
                ("[2].MATTHC", "portal_required")
            ]
        );
        assert_eq!(parse_procedures(b"not json").unwrap_err()[0].code, "portal_import_not_json");
        assert_eq!(parse_procedures(br#"{"error_code":0,"result":[]}"#).unwrap_err()[0].code, "portal_import_empty");
    }
}
