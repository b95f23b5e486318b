//! Statutory time limits of a procedure (thời hạn giải quyết).

use serde::{Deserialize, Serialize};

/// The unit a procedure's time limit is stated in (`DonViTinh` in the
/// national database: giờ / ngày / ngày làm việc / tháng).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// ngày làm việc: Monday–Friday minus holidays plus swapped Saturdays.
    WorkingDays,
    /// giờ làm việc: hours inside the working windows.
    WorkingHours,
    /// ngày: calendar days (Civil Code art. 148: a last day that is not a
    /// working day moves to the next working day).
    Days,
    /// tháng: calendar months.
    Months,
}

impl TimeUnit {
    pub const ALL: [TimeUnit; 4] = [TimeUnit::WorkingDays, TimeUnit::WorkingHours, TimeUnit::Days, TimeUnit::Months];

    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::WorkingDays => "working_days",
            TimeUnit::WorkingHours => "working_hours",
            TimeUnit::Days => "days",
            TimeUnit::Months => "months",
        }
    }

    pub fn parse(s: &str) -> Option<TimeUnit> {
        TimeUnit::ALL.into_iter().find(|u| u.as_str() == s)
    }

    /// The Vietnamese name users know.
    pub fn name_vi(self) -> &'static str {
        match self {
            TimeUnit::WorkingDays => "ngày làm việc",
            TimeUnit::WorkingHours => "giờ làm việc",
            TimeUnit::Days => "ngày",
            TimeUnit::Months => "tháng",
        }
    }

    /// True when the limit is counted in whole days (the due time is the end
    /// of a day rather than an exact moment).
    pub fn is_day_based(self) -> bool {
        !matches!(self, TimeUnit::WorkingHours)
    }
}

/// A statutory time limit: an amount and its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeLimit {
    pub amount: u32,
    pub unit: TimeUnit,
}

impl TimeLimit {
    pub fn new(amount: u32, unit: TimeUnit) -> Self {
        TimeLimit { amount, unit }
    }

    pub fn working_days(amount: u32) -> Self {
        TimeLimit::new(amount, TimeUnit::WorkingDays)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_round_trip_through_their_names() {
        for u in TimeUnit::ALL {
            assert_eq!(TimeUnit::parse(u.as_str()), Some(u));
        }
        assert_eq!(TimeUnit::parse("weeks"), None);
    }
}
