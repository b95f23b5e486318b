//! Throughput of the deadline arithmetic on the shipped calendar.
//!
//! - `add_working_days/indexed`: the precomputed index (one table look-up);
//! - `add_working_days/naive_walk`: the baseline it replaces, walking day by
//!   day and checking each day against a `HashSet` of holidays;
//! - `deadline/working_days` and `deadline/working_hours`: whole deadlines.
//!
//! Each iteration runs a fixed batch of deterministic pseudo-random queries
//! (days in 2025–2026, n in 1..=30), reported as elements per second.

use std::collections::HashSet;
use std::hint::black_box;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Weekday};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use motcua_rules::TimeLimit;
use motcua_rules::TimeUnit;
use motcua_rules::calendar::{WorkCalendar, vietnam_schedules};

const BATCH: usize = 4096;

/// Days from 01/01/2025 that leave room for 30 working days (or 30 × 8
/// working hours) before the end of 2026.
const DAY_SPAN: u64 = 660;

/// A fixed xorshift sequence: the same queries on every run and machine.
struct Queries(u64);

impl Queries {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn day(&mut self) -> NaiveDate {
        let first = NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date");
        first + TimeDelta::days((self.next() % DAY_SPAN) as i64)
    }

    fn moment(&mut self) -> NaiveDateTime {
        let minute = (self.next() % (24 * 60)) as i64;
        self.day().and_time(NaiveTime::MIN) + TimeDelta::minutes(minute)
    }

    fn n(&mut self) -> u32 {
        (self.next() % 30) as u32 + 1
    }
}

/// The baseline: holidays and swapped days in hash sets, walked day by day.
struct NaiveCalendar {
    days_off: HashSet<NaiveDate>,
    extra_working_days: HashSet<NaiveDate>,
}

impl NaiveCalendar {
    fn vietnam() -> Self {
        let years = vietnam_schedules();
        NaiveCalendar {
            days_off: years.iter().flat_map(|y| y.days_off.iter().copied()).collect(),
            extra_working_days: years.iter().flat_map(|y| y.extra_working_days.iter().copied()).collect(),
        }
    }

    fn is_working_day(&self, day: NaiveDate) -> bool {
        let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        self.extra_working_days.contains(&day) || (weekday && !self.days_off.contains(&day))
    }

    fn add_working_days(&self, mut day: NaiveDate, n: u32) -> NaiveDate {
        let mut counted = 0;
        while counted < n {
            day = day.succ_opt().expect("inside chrono's range");
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        day
    }
}

fn add_working_days(c: &mut Criterion) {
    let calendar = WorkCalendar::vietnam();
    let naive = NaiveCalendar::vietnam();
    let mut queries = Queries(0x9E37_79B9_7F4A_7C15);
    let batch: Vec<(NaiveDate, u32)> = (0..BATCH).map(|_| (queries.day(), queries.n())).collect();
    for (day, n) in &batch {
        let indexed = calendar.add_working_days(*day, *n).expect("inside the data");
        assert_eq!(indexed, naive.add_working_days(*day, *n), "baseline disagrees");
    }

    let mut group = c.benchmark_group("add_working_days");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("indexed", |b| {
        b.iter(|| {
            for (day, n) in &batch {
                black_box(calendar.add_working_days(black_box(*day), black_box(*n)).expect("inside the data"));
            }
        })
    });
    group.bench_function("naive_walk", |b| {
        b.iter(|| {
            for (day, n) in &batch {
                black_box(naive.add_working_days(black_box(*day), black_box(*n)));
            }
        })
    });
    group.finish();
}

fn deadline(c: &mut Criterion) {
    let calendar = WorkCalendar::vietnam();
    let mut queries = Queries(0x2545_F491_4F6C_DD1D);
    let batch: Vec<(NaiveDateTime, u32)> = (0..BATCH).map(|_| (queries.moment(), queries.n())).collect();

    let mut group = c.benchmark_group("deadline");
    group.throughput(Throughput::Elements(BATCH as u64));
    for (name, unit) in [("working_days", TimeUnit::WorkingDays), ("working_hours", TimeUnit::WorkingHours)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for (received, n) in &batch {
                    let limit = TimeLimit::new(*n, unit);
                    black_box(calendar.deadline(black_box(*received), limit).expect("inside the data"));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, add_working_days, deadline);
criterion_main!(benches);
