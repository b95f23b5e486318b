//! Limits on repeated items in request bodies.
//!
//! The body limit (256 KiB) bounds a request's bytes, not its work: 5,000
//! copies of one dossier component or 20,000 days off fit in it. So every
//! JSON list of every body is capped at [`MAX_LIST`] items (checked once,
//! in [`crate::extract::parse_json`], naming the list), and lists whose
//! items must be distinct say so with [`distinct`]: a dossier's components,
//! a calendar year's days off and extra working days.

use crate::error::ApiError;

/// The most items any JSON list in a request may hold. A year has at most
/// 366 days; a province's catalog import is bounded by the body limit long
/// before this.
pub const MAX_LIST: usize = 1000;

/// The most days a calendar year's list may hold.
pub const MAX_DAYS: usize = 366;

/// Refuses a list longer than `max`, naming it.
pub fn at_most(field: &str, len: usize, max: usize) -> Result<(), ApiError> {
    if len > max {
        Err(ApiError::unprocessable("too_many_items", field).arg("field", field).arg("max", max))
    } else {
        Ok(())
    }
}

/// Refuses the second occurrence of an item, naming it as `field[i]`.
pub fn distinct<T: Ord + std::fmt::Display>(field: &str, items: impl IntoIterator<Item = T>) -> Result<(), ApiError> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, item) in items.into_iter().enumerate() {
        let shown = item.to_string();
        if !seen.insert(item) {
            let path = format!("{field}[{i}]");
            return Err(ApiError::unprocessable("duplicate_item", &path).arg("field", field).arg("value", shown));
        }
    }
    Ok(())
}

/// A calendar year: at most [`MAX_DAYS`] days in each list, none twice.
pub fn check_year(year: &motcua_rules::calendar::YearSchedule) -> Result<(), ApiError> {
    at_most("days_off", year.days_off.len(), MAX_DAYS)?;
    at_most("extra_working_days", year.extra_working_days.len(), MAX_DAYS)?;
    distinct("days_off", year.days_off.iter())?;
    distinct("extra_working_days", year.extra_working_days.iter())?;
    // A name per listed day at most, each a line of text.
    at_most("names", year.names.len(), 2 * MAX_DAYS)?;
    match year.names.values().map(|n| n.chars().count()).find(|n| *n > MAX_DAY_NAME) {
        Some(n) => Err(ApiError::unprocessable("text_too_long", "names").arg("n", n).arg("max", MAX_DAY_NAME)),
        None => Ok(()),
    }
}

/// The longest name of a day off (e.g. "Nghỉ bù Giỗ Tổ Hùng Vương").
const MAX_DAY_NAME: usize = 200;

/// The first JSON list longer than [`MAX_LIST`], by its path.
pub fn check_lists(value: &serde_json::Value) -> Result<(), ApiError> {
    fn walk(v: &serde_json::Value, path: &str) -> Result<(), ApiError> {
        match v {
            serde_json::Value::Array(items) => {
                at_most(if path.is_empty() { "body" } else { path }, items.len(), MAX_LIST)?;
                items.iter().enumerate().try_for_each(|(i, item)| walk(item, &format!("{path}[{i}]")))
            }
            serde_json::Value::Object(map) => map
                .iter()
                .try_for_each(|(k, item)| walk(item, &if path.is_empty() { k.clone() } else { format!("{path}.{k}") })),
            _ => Ok(()),
        }
    }
    walk(value, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn long_lists_and_repeats_are_named() {
        assert!(check_lists(&json!({"a": [1, 2], "b": {"c": []}})).is_ok());
        let e = check_lists(&json!({"x": {"components": vec![1; MAX_LIST + 1]}})).unwrap_err();
        assert_eq!((e.code, e.field.as_deref(), e.status.as_u16()), ("too_many_items", Some("x.components"), 422));
        let e = check_lists(&json!([[0], vec![0; MAX_LIST + 1]])).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("[1]"));
        assert!(distinct("components", ["a", "b"]).is_ok());
        let e = distinct("components", ["a", "b", "a"]).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("duplicate_item", Some("components[2]")));
    }
}
