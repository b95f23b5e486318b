//! The Vietnamese lunar calendar (âm lịch), computed from the astronomy.
//!
//! Tết, Giỗ Tổ Hùng Vương and the other lunar holidays move every year, so
//! proposing a year's holidays ([`super::proposed_year`]) needs the lunar
//! date of any day. The calendar is lunisolar and follows four rules:
//!
//! 1. a month starts on the local day of a new moon (the conjunction of the
//!    sun and the moon), and lasts until the day before the next one (29 or
//!    30 days);
//! 2. month 11 is the month that contains the December solstice (the sun at
//!    apparent longitude 270°);
//! 3. a lunar year normally has 12 months; when 13 months start between one
//!    month 11 and the next, one of them is a leap month (tháng nhuận): the
//!    first month after month 11 that contains no major solar term (trung
//!    khí: the sun's longitude crossing a multiple of 30°). It takes the
//!    number of the month before it;
//! 4. "local day" means the civil day at UTC+7.
//!
//! Rule 4 is why the Vietnamese calendar is not the Chinese one. Since
//! 1968 Vietnam computes its calendar for the meridian of 105° East (UTC+7),
//! China for 120° East (UTC+8). A new moon or a solar term that happens
//! between 00:00 and 01:00 Beijing time falls on the previous day in
//! Vietnam, which can move a month, a leap month, or Tết itself: Tết 1985
//! was 21/01/1985 in Vietnam and 20/02/1985 in China, Tết 2007 was
//! 17/02/2007 in Vietnam and 18/02/2007 in China. Dates before 1968 are
//! computed for UTC+7 as well, so they may differ by a day from calendars
//! printed at the time, which followed the UTC+8 calendar.
//!
//! The method is the one published by Hồ Ngọc Đức for the Vietnamese
//! calendar, written afresh here from the astronomy in Jean Meeus,
//! *Astronomical Algorithms* (2nd ed., 1998):
//! - new moons: chapter 49, the mean lunation with its 25 periodic terms
//!   and 14 planetary arguments (accurate to well under a minute for
//!   these centuries), converted from dynamical time to universal time
//!   with the ΔT polynomials of Espenak and Meeus (2006);
//! - the sun: chapter 25, the apparent longitude of the low-accuracy
//!   theory (about 0.01°, i.e. a quarter of an hour in time);
//! - whether a month contains a major term: the 30° sector of the sun's
//!   longitude at the local midnight starting the month differs from the
//!   one at the local midnight starting the next month.
//!
//! Checked against the published dates of Tết and Giỗ Tổ, the leap months
//! of 2020, 2023 and 2025, and the years where Vietnam and China differ
//! (see the tests and `docs/calendar.md`). Supported for the years
//! 1900–2199; other years are computed with the same formulas, whose
//! error grows with the distance from 2000 (and nothing there is checked).

use chrono::{Datelike, NaiveDate};

/// Hours east of UTC of the meridian the calendar is computed for.
const UTC_OFFSET_HOURS: f64 = 7.0;

/// The mean length of a lunation in days (Meeus 49.1).
const SYNODIC_MONTH: f64 = 29.530_588_861;

/// The lunar years the calendar is checked for. Other years are computed
/// too, with a growing error.
pub const SUPPORTED_YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// A day of the Vietnamese lunar calendar.
///
/// `year` is the Gregorian year in which the lunar year's month 1 starts
/// (the lunar year 2026, Bính Ngọ, starts on 17/02/2026). `leap` marks a day
/// of the leap month, which follows the ordinary month of the same number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LunarDate {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 29 or 30.
    pub day: u32,
    pub leap: bool,
}

/// The lunar date of a Gregorian day.
pub fn to_lunar(date: NaiveDate) -> LunarDate {
    let day = julian_day_number(i64::from(date.year()), i64::from(date.month()), i64::from(date.day()));
    let k = lunation_of_day(day);
    let year = i64::from(date.year());
    let mut cycle = Cycle::of(year);
    if k < cycle.k11 {
        cycle = Cycle::of(year - 1);
    }
    let index = k - cycle.k11;
    let (n, leap) = match cycle.leap_index {
        Some(l) if index >= l => (index - 1, index == l),
        _ => (index, false),
    };
    let (month, year) = cycle.month_and_year(n);
    LunarDate { year, month, day: to_u32(day - new_moon_day(k) + 1), leap }
}

/// The Gregorian day of a lunar date; `None` when there is no such day
/// (a month out of 1–12, a day past the month's end, a leap month the
/// year does not have, or a day chrono cannot represent).
pub fn from_lunar(year: i32, month: u32, day: u32, leap: bool) -> Option<NaiveDate> {
    if !computable(year) || !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    // n: months after month 11 (month 11 is 0, month 12 is 1, month 1 is 2 ...).
    let n = i64::from((month + 1) % 12);
    let cycle = Cycle::of(i64::from(year) - i64::from(month < 11));
    let index = match (cycle.leap_index, leap) {
        (Some(l), true) if n + 1 == l => l,
        (_, true) => return None,
        (Some(l), false) if n >= l => n + 1,
        (_, false) => n,
    };
    let start = new_moon_day(cycle.k11 + index);
    let length = new_moon_day(cycle.k11 + index + 1) - start;
    if i64::from(day) > length {
        return None;
    }
    date_of_julian_day(start + i64::from(day) - 1)
}

/// Tết Nguyên đán: the Gregorian day of the 1st day of the 1st month of
/// the lunar year `year`.
pub fn lunar_new_year(year: i32) -> Option<NaiveDate> {
    from_lunar(year, 1, 1, false)
}

/// The last day of the lunar year `year` (the 29th or 30th of its month 12,
/// tháng Chạp): the eve of the next Tết.
pub fn last_day_of_lunar_year(year: i32) -> Option<NaiveDate> {
    lunar_new_year(year.checked_add(1)?)?.pred_opt()
}

/// The number of the leap month of the lunar year `year`, if it has one.
pub fn leap_month(year: i32) -> Option<u32> {
    if !computable(year) {
        return None;
    }
    let year = i64::from(year);
    // Months 1 to 10 belong to the cycle starting at month 11 of the year
    // before, months 11 and 12 to the cycle starting in this year.
    let early = Cycle::of(year - 1).leap_index.map(|l| l - 1).filter(|n| *n >= 2);
    let late = || Cycle::of(year).leap_index.map(|l| l - 1).filter(|n| *n < 2);
    early.or_else(late).map(|n| (to_u32(n) + 10) % 12 + 1)
}

/// Whether the formulas stay finite and monotonic for the lunar year
/// `year`: inside the years chrono can represent (not that they are
/// accurate there: see [`SUPPORTED_YEARS`]).
fn computable(year: i32) -> bool {
    (NaiveDate::MIN.year()..=NaiveDate::MAX.year()).contains(&year)
}

/// The lunations from one month 11 to the next.
struct Cycle {
    /// The Gregorian year whose December solstice month 11 contains.
    year: i64,
    /// The lunation number of month 11.
    k11: i64,
    /// With 13 months before the next month 11: the position of the leap
    /// month after month 11 (1 = the month right after it).
    leap_index: Option<i64>,
}

impl Cycle {
    fn of(year: i64) -> Cycle {
        let k11 = month_11_lunation(year);
        let next = month_11_lunation(year + 1);
        let leap_index = if next - k11 == 13 { first_month_without_major_term(k11) } else { None };
        Cycle { year, k11, leap_index }
    }

    /// The month number and lunar year of the `n`-th month after month 11,
    /// leap month left out (0 is month 11, 1 month 12, 2 month 1 ...).
    fn month_and_year(&self, n: i64) -> (u32, i32) {
        let month = (to_u32(n) + 10) % 12 + 1;
        let year = if n < 2 { self.year } else { self.year + 1 };
        (month, i32::try_from(year).unwrap_or(i32::MAX))
    }
}

/// The lunation number (0: the new moon of 6 January 2000, Meeus' k) of
/// month 11 of the cycle containing the December solstice of `year`.
fn month_11_lunation(year: i64) -> i64 {
    let k = lunation_of_day(julian_day_number(year, 12, 31));
    // The solstice (20–23 December) lies before 31 December: in the month
    // that contains 31 December, unless that month started after the sun
    // had already passed 270°, in which case in the month before.
    if major_term_sector(new_moon_day(k)) >= 9 { k - 1 } else { k }
}

/// In a cycle of 13 months starting with the month 11 of lunation `k11`,
/// the position (from 1) of the first month without a major term.
fn first_month_without_major_term(k11: i64) -> Option<i64> {
    let mut sector = major_term_sector(new_moon_day(k11 + 1));
    for index in 1..13 {
        let next = major_term_sector(new_moon_day(k11 + index + 1));
        if next == sector {
            return Some(index);
        }
        sector = next;
    }
    None
}

/// The lunation whose month contains the local day `day` (a Julian day
/// number): the last new moon falling on or before it.
fn lunation_of_day(day: i64) -> i64 {
    let mut k = ((day as f64 - 2_451_550.1) / SYNODIC_MONTH).floor() as i64;
    // The mean lunation is within a day or so of the true one over these
    // centuries; far from them the polynomial terms drift, and these steps
    // (a Newton iteration: about one lunation per 29.5 days) catch up.
    for _ in 0..64 {
        let start = new_moon_day(k);
        if start > day {
            k = k.saturating_sub((start.saturating_sub(day) as f64 / SYNODIC_MONTH).ceil().max(1.0) as i64);
        } else if new_moon_day(k + 1) <= day {
            k = k.saturating_add((day.saturating_sub(start) as f64 / SYNODIC_MONTH).floor().max(1.0) as i64);
        } else {
            break;
        }
    }
    k
}

/// The local day (Julian day number at UTC+7) of the new moon of lunation `k`.
fn new_moon_day(k: i64) -> i64 {
    let jde = new_moon_jde(k);
    let ut = jde - delta_t_days(jde);
    (ut + 0.5 + UTC_OFFSET_HOURS / 24.0).floor() as i64
}

/// The 30° sector (0 to 11) of the sun's apparent longitude at the local
/// midnight that starts the local day `day`. Two months starting in the
/// same sector mean that the first of them contains no major term.
fn major_term_sector(day: i64) -> i64 {
    let ut = day as f64 - 0.5 - UTC_OFFSET_HOURS / 24.0;
    let jde = ut + delta_t_days(ut);
    (sun_apparent_longitude(jde) / 30.0).floor() as i64
}

/// The moment of the new moon of lunation `k` (0: 6 January 2000), as a
/// Julian Ephemeris Day (dynamical time): Meeus chapter 49.
fn new_moon_jde(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let mean = 2_451_550.097_66 + SYNODIC_MONTH * k + 0.000_154_37 * t2 - 0.000_000_150 * t3 + 0.000_000_000_73 * t4;
    // Eccentricity of the Earth's orbit, and the arguments in degrees:
    // the sun's mean anomaly, the moon's mean anomaly, the moon's argument
    // of latitude, the longitude of the moon's ascending node.
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let m = 2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3;
    let mp = 201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4;
    let f = 160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4;
    let omega = 124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3;
    let periodic: f64 = NEW_MOON_TERMS
        .iter()
        .map(|&(coefficient, e_power, [a, b, c, d])| {
            let angle = f64::from(a) * m + f64::from(b) * mp + f64::from(c) * f + f64::from(d) * omega;
            coefficient * e.powi(e_power) * sin_deg(angle)
        })
        .sum();
    let planetary: f64 = PLANETARY_TERMS
        .iter()
        .enumerate()
        .map(|(i, &(base, rate, coefficient))| {
            // A1 alone has a quadratic term.
            let extra = if i == 0 { -0.009_173 * t2 } else { 0.0 };
            coefficient * sin_deg(base + rate * k + extra)
        })
        .sum();
    mean + periodic + planetary
}

/// The periodic terms of a new moon (Meeus table 49.A, new moon column):
/// coefficient in days, power of E, multiples of (M, M′, F, Ω).
const NEW_MOON_TERMS: [(f64, i32, [i8; 4]); 25] = [
    (-0.407_20, 0, [0, 1, 0, 0]),
    (0.172_41, 1, [1, 0, 0, 0]),
    (0.016_08, 0, [0, 2, 0, 0]),
    (0.010_39, 0, [0, 0, 2, 0]),
    (0.007_39, 1, [-1, 1, 0, 0]),
    (-0.005_14, 1, [1, 1, 0, 0]),
    (0.002_08, 2, [2, 0, 0, 0]),
    (-0.001_11, 0, [0, 1, -2, 0]),
    (-0.000_57, 0, [0, 1, 2, 0]),
    (0.000_56, 1, [1, 2, 0, 0]),
    (-0.000_42, 0, [0, 3, 0, 0]),
    (0.000_42, 1, [1, 0, 2, 0]),
    (0.000_38, 1, [1, 0, -2, 0]),
    (-0.000_24, 1, [-1, 2, 0, 0]),
    (-0.000_17, 0, [0, 0, 0, 1]),
    (-0.000_07, 0, [2, 1, 0, 0]),
    (0.000_04, 0, [0, 2, -2, 0]),
    (0.000_04, 0, [3, 0, 0, 0]),
    (0.000_03, 0, [1, 1, -2, 0]),
    (0.000_03, 0, [0, 2, 2, 0]),
    (-0.000_03, 0, [1, 1, 2, 0]),
    (0.000_03, 0, [-1, 1, 2, 0]),
    (-0.000_02, 0, [-1, 1, -2, 0]),
    (-0.000_02, 0, [1, 3, 0, 0]),
    (0.000_02, 0, [0, 4, 0, 0]),
];

/// The planetary arguments A1–A14 (Meeus 49, after table 49.A): degrees at
/// k = 0, degrees per lunation, coefficient in days.
const PLANETARY_TERMS: [(f64, f64, f64); 14] = [
    (299.77, 0.107_408, 0.000_325),
    (251.88, 0.016_321, 0.000_165),
    (251.83, 26.651_886, 0.000_164),
    (349.42, 36.412_478, 0.000_126),
    (84.66, 18.206_239, 0.000_110),
    (141.74, 53.303_771, 0.000_062),
    (207.14, 2.453_732, 0.000_060),
    (154.84, 7.306_860, 0.000_056),
    (34.52, 27.261_239, 0.000_047),
    (207.19, 0.121_824, 0.000_042),
    (291.34, 1.844_379, 0.000_040),
    (161.72, 24.198_154, 0.000_037),
    (239.56, 25.513_099, 0.000_035),
    (331.55, 3.592_518, 0.000_023),
];

/// The sun's apparent ecliptic longitude in degrees, in [0, 360), at the
/// Julian Ephemeris Day `jde`: Meeus chapter 25, low accuracy (0.01°).
fn sun_apparent_longitude(jde: f64) -> f64 {
    let t = (jde - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let mean_longitude = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mean_anomaly = 357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t2;
    let center = (1.914_602 - 0.004_817 * t - 0.000_014 * t2) * sin_deg(mean_anomaly)
        + (0.019_993 - 0.000_101 * t) * sin_deg(2.0 * mean_anomaly)
        + 0.000_289 * sin_deg(3.0 * mean_anomaly);
    // Nutation in longitude and aberration.
    let omega = 125.04 - 1_934.136 * t;
    let apparent = mean_longitude + center - 0.005_69 - 0.004_78 * sin_deg(omega);
    apparent.rem_euclid(360.0)
}

/// ΔT = TT − UT in days at the moment `jd`: the polynomials of Espenak and
/// Meeus (2006) from 1860 to 2150, their long-term parabola elsewhere.
fn delta_t_days(jd: f64) -> f64 {
    let y = 2000.0 + (jd - 2_451_545.0) / 365.25;
    let seconds = match y {
        y if (1860.0..1900.0).contains(&y) => {
            let t = y - 1860.0;
            7.62 + 0.5737 * t - 0.251_754 * t.powi(2) + 0.016_806_68 * t.powi(3) - 0.000_447_362_4 * t.powi(4)
                + t.powi(5) / 233_174.0
        }
        y if (1900.0..1920.0).contains(&y) => {
            let t = y - 1900.0;
            -2.79 + 1.494_119 * t - 0.059_893_9 * t.powi(2) + 0.006_196_6 * t.powi(3) - 0.000_197 * t.powi(4)
        }
        y if (1920.0..1941.0).contains(&y) => {
            let t = y - 1920.0;
            21.20 + 0.844_93 * t - 0.076_100 * t.powi(2) + 0.002_093_6 * t.powi(3)
        }
        y if (1941.0..1961.0).contains(&y) => {
            let t = y - 1950.0;
            29.07 + 0.407 * t - t.powi(2) / 233.0 + t.powi(3) / 2547.0
        }
        y if (1961.0..1986.0).contains(&y) => {
            let t = y - 1975.0;
            45.45 + 1.067 * t - t.powi(2) / 260.0 - t.powi(3) / 718.0
        }
        y if (1986.0..2005.0).contains(&y) => {
            let t = y - 2000.0;
            63.86 + 0.3345 * t - 0.060_374 * t.powi(2)
                + 0.001_727_5 * t.powi(3)
                + 0.000_651_814 * t.powi(4)
                + 0.000_023_735_99 * t.powi(5)
        }
        y if (2005.0..2050.0).contains(&y) => {
            let t = y - 2000.0;
            62.92 + 0.322_17 * t + 0.005_589 * t.powi(2)
        }
        y if (2050.0..2150.0).contains(&y) => -20.0 + 32.0 * ((y - 1820.0) / 100.0).powi(2) - 0.5628 * (2150.0 - y),
        y => -20.0 + 32.0 * ((y - 1820.0) / 100.0).powi(2),
    };
    seconds / 86_400.0
}

fn sin_deg(degrees: f64) -> f64 {
    degrees.rem_euclid(360.0).to_radians().sin()
}

/// The Julian day number (the day starting at the previous noon UT) of a
/// proleptic Gregorian date, valid for any year.
fn julian_day_number(year: i64, month: i64, day: i64) -> i64 {
    let a = (14 - month).div_euclid(12);
    let y = year + 4800 - a;
    let m = month + 12 * a - 3;
    day + (153 * m + 2).div_euclid(5) + 365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) - 32_045
}

/// The date of a Julian day number, when chrono can represent it.
fn date_of_julian_day(jdn: i64) -> Option<NaiveDate> {
    // 1 January of the year 1 is day 1 from the common era and JDN 1,721,426.
    i32::try_from(jdn - 1_721_425).ok().and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// A count that is small and positive for supported dates; 0 if the
/// formulas were pushed far outside them.
fn to_u32(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

#[cfg(test)]
#[path = "lunar_tests.rs"]
mod tests;
