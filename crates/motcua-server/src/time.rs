//! Time at the edge: the API speaks RFC 3339; the rules and the store use
//! Vietnamese local wall-clock time (UTC+7, no daylight saving).

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Timelike, Utc};

use crate::error::ApiError;

/// UTC+7, Indochina Time, the legal time of Vietnam.
pub fn vn_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// A local time as an RFC 3339 instant with its +07:00 offset.
pub fn to_api(t: NaiveDateTime) -> DateTime<FixedOffset> {
    t.and_local_timezone(vn_offset()).single().expect("a fixed offset is never ambiguous")
}

/// An instant in any offset, as Vietnamese local time.
pub fn from_api(t: DateTime<FixedOffset>) -> NaiveDateTime {
    t.with_timezone(&vn_offset()).naive_local()
}

/// Parses an RFC 3339 parameter, naming it in the error.
pub fn parse_rfc3339(raw: &str, field: &str) -> Result<NaiveDateTime, ApiError> {
    DateTime::parse_from_rfc3339(raw)
        .map(from_api)
        .map_err(|_| ApiError::unprocessable("invalid_datetime", field).arg("field", field))
}

/// Where "now" comes from: the wall clock in production, a fixed or
/// stepped time in tests and demo generation.
pub type Clock = Arc<dyn Fn() -> NaiveDateTime + Send + Sync>;

/// The wall clock, to the second: the domain needs no finer time, and both
/// databases then store exactly what the API answered.
pub fn system_clock() -> Clock {
    Arc::new(|| {
        let now = Utc::now().with_timezone(&vn_offset()).naive_local();
        now.with_nanosecond(0).unwrap_or(now)
    })
}

/// Serde helpers: local times out as RFC 3339 with +07:00.
pub mod rfc3339 {
    use chrono::NaiveDateTime;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::to_api(*t).to_rfc3339())
    }

    pub mod option {
        use chrono::NaiveDateTime;
        use serde::Serializer;

        pub fn serialize<S: Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => s.serialize_str(&super::super::to_api(*t).to_rfc3339()),
                None => s.serialize_none(),
            }
        }
    }
}
