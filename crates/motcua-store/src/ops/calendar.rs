//! The working-day calendar as editable data.

use chrono::NaiveDateTime;
use motcua_rules::calendar::{CalendarConfig, YearSchedule};

use crate::{Store, StoreError, params};

/// The calendar as stored: the weekly pattern (if set) and the years.
#[derive(Debug, Clone)]
pub struct StoredCalendar {
    pub config: Option<CalendarConfig>,
    pub years: Vec<YearSchedule>,
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::internal(e.to_string()))
}

impl Store {
    pub async fn calendar(&self) -> Result<StoredCalendar, StoreError> {
        self.blocking(|s| {
            s.read(|c| {
                let config = c
                    .query_opt("SELECT config FROM calendar_config WHERE id = 1", &[])?
                    .map(|r| r.json(0))
                    .transpose()?;
                let years = c
                    .query("SELECT schedule FROM calendar_years ORDER BY year", &[])?
                    .iter()
                    .map(|r| r.json(0).map_err(StoreError::from))
                    .collect::<Result<_, _>>()?;
                Ok(StoredCalendar { config, years })
            })
        })
        .await
    }

    pub async fn put_calendar_config(&self, config: CalendarConfig, now: NaiveDateTime) -> Result<(), StoreError> {
        self.blocking(move |s| {
            let text = json(&config)?;
            s.write(|c| {
                c.execute(
                    "INSERT INTO calendar_config (id, config, updated_at) VALUES (1, $1, $2) \
                     ON CONFLICT (id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at",
                    params![&text, now],
                )?;
                Ok(())
            })
        })
        .await
    }

    /// Creates or replaces one year's schedule.
    pub async fn put_calendar_year(
        &self,
        schedule: YearSchedule,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.blocking(move |s| {
            let text = json(&schedule)?;
            s.write(|c| {
                c.execute(
                    "INSERT INTO calendar_years (year, schedule, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (year) DO UPDATE SET schedule = excluded.schedule, \
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                    params![schedule.year, &text, now, by],
                )?;
                Ok(())
            })
        })
        .await
    }

    /// Removes a year; returns whether it existed.
    pub async fn delete_calendar_year(&self, year: i32) -> Result<bool, StoreError> {
        self.blocking(move |s| {
            s.write(|c| Ok(c.execute("DELETE FROM calendar_years WHERE year = $1", params![year])? > 0))
        })
        .await
    }
}
