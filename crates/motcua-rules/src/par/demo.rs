//! Two demo campaigns whose results match the seeds (the news articles of
//! docs/sources.md#seeds), for the demo data and the tests.
//!
//! - Bắc Kạn 2022, 8 district-level units (seed 000): Huyện Ngân Sơn
//!   70,56 điểm, "xếp loại khá", last of 8, with the five area scores the
//!   seed gives (12/14, 11,5/17, 7/12, 5/10, 16,71/17,50). The three areas
//!   the seed does not give (cải cách thể chế 5,5/8, tổ chức bộ máy
//!   4,5/7,5, tác động 8,35/14) are DEMO values chosen so the total is
//!   70,56. The other seven units, their scores and their order are DEMO.
//! - Sơn Tây 2017, 15 wards and communes (seed 003): Phường Xuân Khanh
//!   first with 91/100, then Lê Lợi, Ngô Quyền, Sơn Lộc, Trung Hưng in the
//!   seed's order, and Phú Thịnh, Sơn Đông, Kim Sơn among the lowest. Every
//!   score other than Xuân Khanh's 91 is DEMO.
//!
//! The sheets are not typed in: a unit's plan gives the published figures
//! (area totals, a few items the seed names as weak) and the rest of each
//! area is spread over its items in proportion to their maxima. Each item
//! then gets the input that yields its points through the real engine: an
//! appraised score (with the unit's higher self-score and a reason on
//! every other item it lost points on), a SIPAS percentage, or dossier
//! counts for computed items. The tests score the sheets and check the
//! published figures come out.

use super::band::{Bands, demo_bac_kan_bands, par_default_bands};
use super::framework::{Framework, Leaf, Method, PeerLevel, ValidFramework};
use super::mapping::{Ratio, RatioMapping};
use super::points::{Percent, Points};
use super::sheet::{Entry, Input, Sheet};
use super::templates::commune_template;

/// A campaign ready to score: framework, bands and one sheet per unit.
#[derive(Debug, Clone)]
pub struct DemoCampaign {
    pub year: i32,
    pub name: String,
    pub notes: String,
    pub framework: ValidFramework,
    pub bands: Bands<Percent>,
    pub sheets: Vec<Sheet>,
}

/// An item a plan fixes rather than spreads.
#[derive(Clone, Copy)]
enum Fixed {
    /// Appraised points of a self-assessed item.
    Points(i64),
    /// A SIPAS percentage (hundredths) for a survey item.
    Sipas(i64),
    /// A computed item's points (hundredths).
    Computed(i64),
    /// A bonus or penalty magnitude (hundredths).
    Adjust(i64),
}

/// One unit's published figures, in hundredths.
struct Plan {
    code: &'static str,
    name: &'static str,
    /// The net total (what the index is computed from).
    total: i64,
    /// Areas whose net points are given.
    areas: &'static [(&'static str, i64)],
    fixed: &'static [(&'static str, Fixed)],
}

const REASON: &str = "Tài liệu kiểm chứng chưa đầy đủ so với điểm tự đánh giá (dữ liệu mẫu)";

/// The points a fixed item earns.
fn fixed_points(leaf: &Leaf, f: Fixed) -> i64 {
    match (f, &leaf.method) {
        (Fixed::Sipas(p), Method::Survey { from_sipas: Some(m) }) => {
            m.points(Ratio::from_percent(Percent::from_hundredths(p)), leaf.max).hundredths()
        }
        (Fixed::Adjust(p), Method::Penalty) => -p,
        (Fixed::Points(p) | Fixed::Computed(p) | Fixed::Adjust(p), _) => p,
        (Fixed::Sipas(_), _) => panic!("demo: {} takes no SIPAS percentage", leaf.code),
    }
}

/// Spreads `amount` hundredths over items with these maxima, in proportion,
/// the remainder one hundredth at a time in order.
fn spread(amount: i64, maxima: &[i64]) -> Vec<i64> {
    let total: i64 = maxima.iter().sum();
    assert!((0..=total).contains(&amount), "demo: {amount} does not fit in {total}");
    if total == 0 {
        return vec![0; maxima.len()];
    }
    let mut out: Vec<i64> = maxima.iter().map(|m| amount * m / total).collect();
    let mut left = amount - out.iter().sum::<i64>();
    while left > 0 {
        for (p, m) in out.iter_mut().zip(maxima) {
            if left > 0 && *p < *m {
                *p += 1;
                left -= 1;
            }
        }
    }
    out
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Dossier-like counts whose ratio earns exactly `p` of `max` under `rule`.
fn counts_for(rule: &RatioMapping, p: i64, max: i64) -> (u64, u64) {
    let (num, den) = match rule {
        RatioMapping::Proportional => (p as u64, max as u64),
        RatioMapping::Linear { zero_at, full_at } => {
            let (z, f) = (zero_at.hundredths() as u64, full_at.hundredths() as u64);
            (z * max as u64 + (f - z) * p as u64, 10_000 * max as u64)
        }
        RatioMapping::Steps { .. } => panic!("demo: step rules are not inverted"),
    };
    let g = gcd(num, den).max(1);
    let (num, den) = (num / g, den / g);
    // At least a few hundred dossiers, like a real period.
    let k = 300u64.div_ceil(den);
    (num * k, den * k)
}

/// The smallest SIPAS percentage (hundredths) that earns exactly `p`.
fn sipas_for(rule: &RatioMapping, p: i64, max: Points) -> i64 {
    let earns = |bp: i64| rule.points(Ratio::from_percent(Percent::from_hundredths(bp)), max).hundredths();
    let (mut lo, mut hi) = (0i64, 10_000i64);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if earns(mid) >= p { hi = mid } else { lo = mid + 1 }
    }
    assert_eq!(earns(lo), p, "demo: no SIPAS percentage earns exactly {p}");
    lo
}

/// The entry that gives `leaf` exactly `p` points (hundredths).
fn input_for(leaf: &Leaf, p: i64, lost_so_far: &mut usize) -> Input {
    let max = leaf.max.hundredths();
    match &leaf.method {
        Method::SelfAssessed => {
            let appraised = Points::from_hundredths(p);
            if p < max {
                *lost_so_far += 1;
                // Every other item the unit lost points on: it had claimed
                // the maximum, the appraisers cut it, with a reason.
                if *lost_so_far % 2 == 1 {
                    return Input::Assessed {
                        self_score: leaf.max,
                        appraised: Some(appraised),
                        reason: Some(REASON.to_owned()),
                    };
                }
            }
            Input::Assessed { self_score: appraised, appraised: Some(appraised), reason: None }
        }
        Method::Survey { from_sipas: Some(rule) } => {
            Input::Sipas { percent: Percent::from_hundredths(sipas_for(rule, p, leaf.max)) }
        }
        Method::Survey { from_sipas: None } => Input::Survey { points: Points::from_hundredths(p) },
        Method::Computed { mapping, .. } => {
            let (numerator, denominator) = counts_for(mapping, p, max);
            Input::Computed { numerator, denominator }
        }
        Method::Bonus | Method::Penalty => Input::Adjustment { points: Points::from_hundredths(p.abs()) },
    }
}

/// Builds the sheet of `plan` on `fw`.
fn sheet(fw: &ValidFramework, plan: &Plan) -> Sheet {
    let leaves = fw.leaves();
    let mut points: Vec<Option<i64>> = vec![None; leaves.len()];
    let mut fixed: Vec<Option<Fixed>> = vec![None; leaves.len()];
    for (code, f) in plan.fixed {
        let i = fw.leaf_index(code).unwrap_or_else(|| panic!("demo: no item {code}"));
        points[i] = Some(fixed_points(&leaves[i], *f));
        fixed[i] = Some(*f);
    }
    let area_of = |code: &str| fw.areas().iter().position(|a| a.code == code).expect("demo area exists");
    let given: Vec<(usize, i64)> = plan.areas.iter().map(|(c, p)| (area_of(c), *p)).collect();
    // Free scored items of a set of areas, and what is left to spread on them.
    let fill = |areas: &[usize], target: i64, points: &mut Vec<Option<i64>>| {
        let fixed: i64 = (0..leaves.len()).filter(|&i| areas.contains(&leaves[i].area)).filter_map(|i| points[i]).sum();
        let free: Vec<usize> = (0..leaves.len())
            .filter(|&i| areas.contains(&leaves[i].area) && points[i].is_none() && !leaves[i].method.is_adjustment())
            .collect();
        let maxima: Vec<i64> = free.iter().map(|&i| leaves[i].max.hundredths()).collect();
        for (&i, p) in free.iter().zip(spread(target - fixed, &maxima)) {
            points[i] = Some(p);
        }
    };
    for &(a, target) in &given {
        fill(&[a], target, &mut points);
    }
    let rest: Vec<usize> = (0..fw.areas().len()).filter(|a| !given.iter().any(|(g, _)| g == a)).collect();
    let rest_target = plan.total - given.iter().map(|(_, p)| p).sum::<i64>();
    fill(&rest, rest_target, &mut points);

    let mut lost = 0;
    let entries = leaves
        .iter()
        .zip(points.iter().zip(&fixed))
        .filter_map(|(leaf, (p, f))| {
            let input = match f {
                // Keep the plan's percentage: several give the same points.
                Some(Fixed::Sipas(bp)) => Input::Sipas { percent: Percent::from_hundredths(*bp) },
                _ => input_for(leaf, (*p)?, &mut lost),
            };
            Some(Entry { code: leaf.code.clone(), input })
        })
        .collect();
    Sheet { unit_code: plan.code.to_owned(), unit_name: plan.name.to_owned(), entries }
}

/// The commune template renamed for a demo campaign.
fn demo_framework(code: &str, name: &str, year: i32, level: PeerLevel, notes: &str) -> ValidFramework {
    let mut f: Framework = commune_template().into_framework();
    f.code = code.to_owned();
    f.name = name.to_owned();
    f.year = Some(year);
    f.level = level;
    f.notes = notes.to_owned();
    f.validate().expect("the demo framework is valid")
}

const BAC_KAN_2022: &[Plan] = &[
    Plan {
        code: "BK.NS",
        name: "Huyện Ngân Sơn",
        total: 7056,
        areas: &[("1", 1200), ("2", 550), ("3", 1150), ("4", 450), ("5", 700), ("6", 500), ("7", 1671), ("8", 835)],
        // The weaknesses the seed lists: reporting and communication,
        // publication of procedures, job-position structure, a disciplined
        // official, low disbursement.
        fixed: &[
            ("1.2", Fixed::Points(100)),
            ("1.4", Fixed::Points(100)),
            ("3.1", Fixed::Points(150)),
            ("5.1", Fixed::Points(100)),
            ("5.4.2", Fixed::Adjust(50)),
            ("6.1", Fixed::Computed(160)),
            ("8.1.1", Fixed::Sipas(7550)),
        ],
    },
    Plan { code: "BK.TP", name: "Thành phố Bắc Kạn", total: 8642, areas: &[("3", 1520)], fixed: &[] },
    Plan { code: "BK.CM", name: "Huyện Chợ Mới", total: 8215, areas: &[("7", 1390)], fixed: &[] },
    Plan { code: "BK.BT", name: "Huyện Bạch Thông", total: 8037, areas: &[("6", 650)], fixed: &[] },
    Plan { code: "BK.BB", name: "Huyện Ba Bể", total: 7890, areas: &[("1", 1050)], fixed: &[] },
    Plan { code: "BK.CD", name: "Huyện Chợ Đồn", total: 7764, areas: &[("5", 825)], fixed: &[] },
    Plan { code: "BK.NR", name: "Huyện Na Rì", total: 7518, areas: &[("8", 910)], fixed: &[] },
    Plan { code: "BK.PN", name: "Huyện Pác Nặm", total: 7203, areas: &[("2", 475)], fixed: &[] },
];

/// Bắc Kạn 2022, district level: Ngân Sơn 70.56, "khá", last of 8.
pub fn demo_bac_kan_2022_districts() -> DemoCampaign {
    let notes = "DEMO. Huyện Ngân Sơn: tổng điểm 70,56, xếp loại khá, cuối cùng trong 8 huyện, thành phố và điểm 5 lĩnh vực \
                 (12/14; 11,5/17; 7/12; 5/10; 16,71/17,50) theo seed 000 (QĐ 501/QĐ-UBND ngày 29/3/2023 của UBND tỉnh \
                 Bắc Kạn). Điểm 3 lĩnh vực còn lại của Ngân Sơn, toàn bộ điểm của 7 đơn vị khác và bộ tiêu chí là dữ liệu mẫu.";
    let fw = demo_framework(
        "demo-bac-kan-district",
        "Chỉ số CCHC cấp huyện tỉnh Bắc Kạn năm 2022 (dữ liệu mẫu)",
        2022,
        PeerLevel::District,
        notes,
    );
    let sheets = BAC_KAN_2022.iter().map(|p| sheet(&fw, p)).collect();
    DemoCampaign {
        year: 2022,
        name: "Chỉ số CCHC năm 2022 của các huyện, thành phố tỉnh Bắc Kạn (dữ liệu mẫu)".to_owned(),
        notes: notes.to_owned(),
        framework: fw,
        bands: demo_bac_kan_bands(),
        sheets,
    }
}

/// DEMO published results of the year before, to show year-on-year
/// changes in the demo; not published figures.
pub const DEMO_BAC_KAN_2021_CSV: &str = "year,unit_code,unit_name,par_index,rank,area:3:points,classification
2021,BK.TP,Thành phố Bắc Kạn,84.10,1,14.80,Tốt
2021,BK.BT,Huyện Bạch Thông,81.25,2,13.10,Tốt
2021,BK.CM,Huyện Chợ Mới,79.60,3,13.00,Khá
2021,BK.CD,Huyện Chợ Đồn,78.35,4,12.75,Khá
2021,BK.BB,Huyện Ba Bể,76.02,5,12.10,Khá
2021,BK.NS,Huyện Ngân Sơn,73.48,6,12.40,Khá
2021,BK.PN,Huyện Pác Nặm,71.90,7,11.60,Khá
2021,BK.NR,Huyện Na Rì,70.15,8,11.25,Khá
";

const SON_TAY_2017: &[Plan] = &[
    Plan {
        code: "ST.XK", name: "Phường Xuân Khanh", total: 9100, areas: &[], fixed: &[("9.1", Fixed::Adjust(100))]
    },
    Plan { code: "ST.LL", name: "Phường Lê Lợi", total: 8950, areas: &[], fixed: &[] },
    Plan { code: "ST.NQ", name: "Phường Ngô Quyền", total: 8820, areas: &[], fixed: &[] },
    Plan { code: "ST.SL", name: "Phường Sơn Lộc", total: 8705, areas: &[], fixed: &[] },
    Plan { code: "ST.TH", name: "Phường Trung Hưng", total: 8575, areas: &[("3", 1500)], fixed: &[] },
    Plan { code: "ST.QT", name: "Phường Quang Trung", total: 8410, areas: &[], fixed: &[] },
    Plan { code: "ST.VS", name: "Phường Viên Sơn", total: 8330, areas: &[("7", 1600)], fixed: &[] },
    Plan { code: "ST.TST", name: "Phường Trung Sơn Trầm", total: 8330, areas: &[("1", 1300)], fixed: &[] },
    Plan { code: "ST.DL", name: "Xã Đường Lâm", total: 8060, areas: &[], fixed: &[] },
    Plan { code: "ST.XS", name: "Xã Xuân Sơn", total: 7920, areas: &[], fixed: &[] },
    Plan { code: "ST.TM", name: "Xã Thanh Mỹ", total: 7785, areas: &[], fixed: &[] },
    Plan { code: "ST.CD", name: "Xã Cổ Đông", total: 7640, areas: &[], fixed: &[] },
    // Seed 003 names these among the lowest: late reports, tasks without
    // funds, weak use of the document software.
    Plan {
        code: "ST.PT",
        name: "Phường Phú Thịnh",
        total: 7310,
        areas: &[("7", 1200)],
        fixed: &[("1.2", Fixed::Points(50))],
    },
    Plan {
        code: "ST.SD",
        name: "Xã Sơn Đông",
        total: 7135,
        areas: &[("7", 1150)],
        fixed: &[("1.2", Fixed::Points(50))],
    },
    Plan {
        code: "ST.KS",
        name: "Xã Kim Sơn",
        total: 6980,
        areas: &[("6", 550), ("7", 1100)],
        fixed: &[("1.2", Fixed::Points(0)), ("7.1", Fixed::Points(200))],
    },
];

/// Sơn Tây 2017, wards and communes: Xuân Khanh first with 91/100.
pub fn demo_son_tay_2017_communes() -> DemoCampaign {
    let notes = "DEMO. Phường Xuân Khanh đứng đầu với 91/100 điểm; tiếp theo Lê Lợi, Ngô Quyền, Sơn Lộc, Trung Hưng; \
                 Kim Sơn, Sơn Đông, Phú Thịnh còn đạt thấp (seed 003, thị xã Sơn Tây công bố ngày 05/7/2018 cho năm 2017). \
                 Mọi điểm số khác và bộ tiêu chí (mẫu cấp xã của motcua, không phải bộ tiêu chí năm 2017 của Sơn Tây) là dữ liệu mẫu.";
    let fw = demo_framework(
        "demo-son-tay-commune",
        "Chỉ số CCHC các xã, phường thị xã Sơn Tây năm 2017 (dữ liệu mẫu)",
        2017,
        PeerLevel::Commune,
        notes,
    );
    let sheets = SON_TAY_2017.iter().map(|p| sheet(&fw, p)).collect();
    DemoCampaign {
        year: 2017,
        name: "Chỉ số CCHC năm 2017 của 15 xã, phường thị xã Sơn Tây (dữ liệu mẫu)".to_owned(),
        notes: notes.to_owned(),
        framework: fw,
        bands: par_default_bands(),
        sheets,
    }
}

#[cfg(test)]
mod tests {
    use super::super::csv::parse_published_csv;
    use super::super::history::{rank_change_vi, year_on_year};
    use super::super::ranking::rank_units;
    use super::super::sheet::{ScoreBasis, UnitScore, score_sheet};
    use super::*;

    fn score_all(c: &DemoCampaign) -> Vec<UnitScore> {
        c.sheets.iter().map(|s| score_sheet(&c.framework, s, ScoreBasis::Appraisal).unwrap()).collect()
    }

    fn p(s: &str) -> Points {
        Points::parse(s).unwrap()
    }

    #[test]
    fn spread_is_exact_and_bounded() {
        assert_eq!(spread(650, &[200, 300, 400]), [145, 217, 288]);
        assert_eq!(spread(0, &[100, 100]), [0, 0]);
        assert_eq!(spread(200, &[100, 100]), [100, 100]);
        assert_eq!(counts_for(&RatioMapping::Proportional, 160, 400), (120, 300));
    }

    #[test]
    fn ngan_son_is_70_56_khá_and_last_of_8() {
        let c = demo_bac_kan_2022_districts();
        let scores = score_all(&c);
        let ns = scores.iter().find(|s| s.unit_code == "BK.NS").unwrap();
        assert_eq!(ns.points, p("70.56"));
        assert_eq!(ns.index, Percent::parse("70.56").unwrap());
        // The five area scores of seed 000, in the framework's areas 1, 3, 5, 6, 7.
        let area = |code: &str| ns.areas.iter().find(|a| a.code == code).unwrap();
        assert_eq!((area("1").points, area("1").max), (p("12"), p("14")));
        assert_eq!((area("3").points, area("3").max), (p("11.5"), p("17")));
        assert_eq!((area("5").points, area("5").max), (p("7"), p("12")));
        assert_eq!((area("6").points, area("6").max), (p("5"), p("10")));
        assert_eq!((area("7").points, area("7").max), (p("16.71"), p("17.5")));
        assert_eq!(area("5").breakdown.penalty, p("0.5"));
        // The appraisal cut some of its self-scores, each with a reason.
        assert!(ns.self_points > ns.points);

        let ranking = rank_units(&scores, &c.bands);
        let last = ranking.last().unwrap();
        assert_eq!((last.unit_code.as_str(), last.rank, last.band_label_vi.as_str()), ("BK.NS", 8, "Khá"));
        assert_eq!(ranking.iter().map(|r| r.rank).collect::<Vec<_>>(), (1..=8).collect::<Vec<_>>());
        // Where Ngân Sơn should act: the most points lost first.
        let losses = ns.losses();
        assert_eq!((losses[0].code.as_str(), losses[0].lost), ("8", p("5.65")));
        assert_eq!((losses[1].code.as_str(), losses[1].lost), ("3", p("5.5")));

        let previous = parse_published_csv(DEMO_BAC_KAN_2021_CSV).unwrap();
        let yoy = year_on_year(&ranking, &previous.rows);
        let ns_change = yoy.iter().find(|y| y.unit_code == "BK.NS").unwrap();
        assert_eq!(rank_change_vi(ns_change.rank_change.unwrap()), "giảm 2 bậc");
        assert_eq!(ns_change.index_change, Percent::parse("-2.92"));
        let area3 = ns_change.areas.iter().find(|a| a.code == "3").unwrap();
        assert_eq!(area3.points_change, Some(p("-0.9")));
    }

    #[test]
    fn xuan_khanh_wins_with_91_and_the_seed_order_holds() {
        let c = demo_son_tay_2017_communes();
        let ranking = rank_units(&score_all(&c), &c.bands);
        assert_eq!(ranking.len(), 15);
        let first = &ranking[0];
        assert_eq!((first.unit_code.as_str(), first.rank, first.points), ("ST.XK", 1, p("91")));
        assert_eq!(first.band_code, "A");
        let order: Vec<&str> = ranking.iter().take(5).map(|r| r.unit_code.as_str()).collect();
        assert_eq!(order, ["ST.XK", "ST.LL", "ST.NQ", "ST.SL", "ST.TH"]);
        let bottom: Vec<&str> = ranking.iter().rev().take(3).map(|r| r.unit_code.as_str()).collect();
        assert_eq!(bottom, ["ST.KS", "ST.SD", "ST.PT"]);
        // Viên Sơn and Trung Sơn Trầm tie at 83.30: both 7th, then 9th.
        let rank_of = |code: &str| ranking.iter().find(|r| r.unit_code == code).unwrap().rank;
        assert_eq!((rank_of("ST.VS"), rank_of("ST.TST"), rank_of("ST.DL")), (7, 7, 9));
    }

    #[test]
    fn demo_sheets_round_trip_through_json() {
        let c = demo_bac_kan_2022_districts();
        for s in &c.sheets {
            let back: Sheet = serde_json::from_str(&serde_json::to_string(s).unwrap()).unwrap();
            assert_eq!(&back, s);
        }
    }
}
