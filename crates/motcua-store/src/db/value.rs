//! Values that cross the database boundary, the same for both backends.
//!
//! Store code binds [`Value`]s and reads [`Row`]s, so a query is written
//! once and runs on SQLite and PostgreSQL alike. Times are Vietnamese local
//! wall-clock time (UTC+7 has no daylight saving, so local time is
//! unambiguous): `TEXT 'YYYY-MM-DD HH:MM:SS'` in SQLite, `timestamp` in
//! PostgreSQL. Binary values are `BLOB` in SQLite and `bytea` in PostgreSQL.

use chrono::{NaiveDate, NaiveDateTime};

use super::DbError;

/// The text form of a time in SQLite; sorts like the time itself.
pub const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// [`TIME_FORMAT`] written directly: chrono's format machinery interprets
/// the pattern on every call, which showed in the lifecycle profile.
pub fn format_time(t: &NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    format!("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second())
}

/// Reads [`TIME_FORMAT`] by position; anything else goes to chrono.
pub fn parse_time(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    if b.len() == 19 && b[4] == b'-' && b[7] == b'-' && b[10] == b' ' && b[13] == b':' && b[16] == b':' {
        let date = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
        return date.and_hms_opt(num(11..13)?, num(14..16)?, num(17..19)?);
    }
    NaiveDateTime::parse_from_str(s, TIME_FORMAT).ok()
}

#[derive(Clone, PartialEq)]
pub enum Value {
    Null,
    I64(i64),
    F64(f64),
    Bool(bool),
    Text(String),
    Time(NaiveDateTime),
    Date(NaiveDate),
    /// Raw bytes: `BLOB` in SQLite, `bytea` in PostgreSQL.
    Bytes(Vec<u8>),
}

impl std::fmt::Debug for Value {
    /// Bytes show as their length: a file's contents in an error message
    /// or a log line would be noise at best.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Null => f.write_str("Null"),
            Value::I64(v) => f.debug_tuple("I64").field(v).finish(),
            Value::F64(v) => f.debug_tuple("F64").field(v).finish(),
            Value::Bool(v) => f.debug_tuple("Bool").field(v).finish(),
            Value::Text(v) => f.debug_tuple("Text").field(v).finish(),
            Value::Time(v) => f.debug_tuple("Time").field(v).finish(),
            Value::Date(v) => f.debug_tuple("Date").field(v).finish(),
            Value::Bytes(b) => write!(f, "Bytes(<{} bytes>)", b.len()),
        }
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::I64(v)
    }
}
impl From<i32> for Value {
    fn from(v: i32) -> Self {
        Value::I64(v.into())
    }
}
impl From<i16> for Value {
    fn from(v: i16) -> Self {
        Value::I64(v.into())
    }
}
impl From<u32> for Value {
    fn from(v: u32) -> Self {
        Value::I64(v.into())
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::F64(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}
impl From<NaiveDateTime> for Value {
    fn from(v: NaiveDateTime) -> Self {
        Value::Time(v)
    }
}
impl From<NaiveDate> for Value {
    fn from(v: NaiveDate) -> Self {
        Value::Date(v)
    }
}
impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Bytes(v)
    }
}
impl From<&[u8]> for Value {
    fn from(v: &[u8]) -> Self {
        Value::Bytes(v.to_vec())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// One result row, decoded eagerly.
#[derive(Debug, Clone)]
pub struct Row(pub Vec<Value>);

impl Row {
    fn at(&self, i: usize) -> Result<&Value, DbError> {
        self.0.get(i).ok_or_else(|| DbError::Decode(format!("no column {i}")))
    }

    fn wrong(&self, i: usize, want: &str) -> DbError {
        DbError::Decode(format!("column {i}: expected {want}, found {:?}", self.0.get(i)))
    }

    pub fn opt_i64(&self, i: usize) -> Result<Option<i64>, DbError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::I64(v) => Ok(Some(*v)),
            Value::Bool(b) => Ok(Some(i64::from(*b))),
            _ => Err(self.wrong(i, "integer")),
        }
    }

    pub fn i64(&self, i: usize) -> Result<i64, DbError> {
        self.opt_i64(i)?.ok_or_else(|| self.wrong(i, "integer"))
    }

    pub fn opt_f64(&self, i: usize) -> Result<Option<f64>, DbError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::F64(v) => Ok(Some(*v)),
            Value::I64(v) => Ok(Some(*v as f64)),
            _ => Err(self.wrong(i, "number")),
        }
    }

    pub fn bool(&self, i: usize) -> Result<bool, DbError> {
        match self.at(i)? {
            Value::Bool(b) => Ok(*b),
            Value::I64(v) => Ok(*v != 0),
            _ => Err(self.wrong(i, "boolean")),
        }
    }

    pub fn opt_str(&self, i: usize) -> Result<Option<&str>, DbError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::Text(s) => Ok(Some(s)),
            _ => Err(self.wrong(i, "text")),
        }
    }

    pub fn str(&self, i: usize) -> Result<&str, DbError> {
        self.opt_str(i)?.ok_or_else(|| self.wrong(i, "text"))
    }

    pub fn string(&self, i: usize) -> Result<String, DbError> {
        self.str(i).map(str::to_owned)
    }

    pub fn opt_string(&self, i: usize) -> Result<Option<String>, DbError> {
        Ok(self.opt_str(i)?.map(str::to_owned))
    }

    pub fn opt_time(&self, i: usize) -> Result<Option<NaiveDateTime>, DbError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::Time(t) => Ok(Some(*t)),
            Value::Text(s) => parse_time(s).map(Some).ok_or_else(|| self.wrong(i, "time")),
            _ => Err(self.wrong(i, "time")),
        }
    }

    pub fn time(&self, i: usize) -> Result<NaiveDateTime, DbError> {
        self.opt_time(i)?.ok_or_else(|| self.wrong(i, "time"))
    }

    pub fn date(&self, i: usize) -> Result<NaiveDate, DbError> {
        match self.at(i)? {
            Value::Date(d) => Ok(*d),
            Value::Text(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| self.wrong(i, "date")),
            _ => Err(self.wrong(i, "date")),
        }
    }

    pub fn opt_date(&self, i: usize) -> Result<Option<NaiveDate>, DbError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            _ => self.date(i).map(Some),
        }
    }

    /// A binary column (`BLOB` / `bytea`), or `None` when NULL.
    pub fn opt_bytes(&self, i: usize) -> Result<Option<&[u8]>, DbError> {
        match self.at(i)? {
            Value::Null => Ok(None),
            Value::Bytes(b) => Ok(Some(b)),
            _ => Err(self.wrong(i, "bytes")),
        }
    }

    /// A binary column (`BLOB` / `bytea`).
    pub fn bytes(&self, i: usize) -> Result<&[u8], DbError> {
        self.opt_bytes(i)?.ok_or_else(|| self.wrong(i, "bytes"))
    }

    /// Takes a binary column out of the row without copying it (an empty
    /// value stays in its place): for file contents, which may be large.
    pub fn take_bytes(&mut self, i: usize) -> Result<Vec<u8>, DbError> {
        match self.0.get_mut(i) {
            Some(Value::Bytes(b)) => Ok(std::mem::take(b)),
            _ => Err(self.wrong(i, "bytes")),
        }
    }

    /// Like [`Row::take_bytes`], `None` when the column is NULL (a file
    /// whose bytes moved out to the file store).
    pub fn take_opt_bytes(&mut self, i: usize) -> Result<Option<Vec<u8>>, DbError> {
        match self.0.get_mut(i) {
            Some(Value::Null) => Ok(None),
            Some(Value::Bytes(b)) => Ok(Some(std::mem::take(b))),
            _ => Err(self.wrong(i, "bytes")),
        }
    }

    /// A JSON text column decoded into `T`.
    pub fn json<T: serde::de::DeserializeOwned>(&self, i: usize) -> Result<T, DbError> {
        serde_json::from_str(self.str(i)?).map_err(|e| DbError::Decode(format!("column {i}: bad JSON: {e}")))
    }
}

/// Shorthand for a parameter list: `params![a, b, c]`.
#[macro_export]
macro_rules! params {
    ($($v:expr),* $(,)?) => { &[$($crate::db::Value::from($v)),*][..] };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_through_the_text_form() {
        let t = NaiveDateTime::parse_from_str("2026-03-04 09:05:07", TIME_FORMAT).unwrap();
        assert_eq!(format_time(&t), "2026-03-04 09:05:07");
        assert_eq!(parse_time("2026-03-04 09:05:07"), Some(t));
        assert_eq!(parse_time("2026-02-30 09:05:07"), None);
        assert_eq!(parse_time("2026-03-04T09:05:07"), None);
        assert_eq!(parse_time("garbage"), None);
    }

    #[test]
    fn bytes_are_read_and_taken_but_never_printed() {
        let mut row = Row(vec![Value::from(vec![0u8, 255, 7]), Value::Null, Value::from("x")]);
        assert_eq!(row.bytes(0).unwrap(), &[0, 255, 7]);
        assert_eq!(row.opt_bytes(1).unwrap(), None);
        assert!(row.bytes(1).is_err(), "NULL is not bytes");
        assert!(row.bytes(2).is_err(), "text is not bytes");
        assert_eq!(format!("{:?}", row.0[0]), "Bytes(<3 bytes>)");
        assert_eq!(row.take_bytes(0).unwrap(), vec![0, 255, 7]);
        assert_eq!(row.bytes(0).unwrap(), &[] as &[u8], "taken, not copied");
    }
}
