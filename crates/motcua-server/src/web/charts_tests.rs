use super::*;

fn month(label: &str, early: i64, on_time: i64, late: i64) -> MonthBar {
    MonthBar { label: label.to_owned(), early, on_time, late }
}

const LEGEND: [&str; 3] = ["Trước hạn", "Đúng hạn", "Quá hạn"];

/// Every chart: one well-formed-looking SVG, accessible, no style, no script.
fn check_common(svg: &str) {
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
    assert!(svg.ends_with("</svg>"));
    assert_eq!(svg.matches("<svg").count(), 1);
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains("<title id=\"chart-") && svg.contains("<desc id=\"chart-"));
    assert!(svg.contains(r#"viewBox="0 0 "#) && svg.contains(r#"width="100%""#));
    for banned in [" style=", "<style", "<script", "javascript:", "onload", "onclick", "=\"NaN", "=\"inf", "=\"-inf"] {
        assert!(!svg.contains(banned), "{banned} in {svg}");
    }
    // Elements open and close in balance.
    for tag in ["g", "text", "title", "desc"] {
        let opens = svg.matches(&format!("<{tag}>")).count() + svg.matches(&format!("<{tag} ")).count();
        assert_eq!(opens, svg.matches(&format!("</{tag}>")).count(), "<{tag}> in {svg}");
    }
}

fn view_box(svg: &str) -> (f64, f64) {
    let v = svg.split("viewBox=\"0 0 ").nth(1).unwrap().split('"').next().unwrap();
    let mut it = v.split(' ').map(|x| x.parse::<f64>().unwrap());
    (it.next().unwrap(), it.next().unwrap())
}

#[test]
fn ticks_are_round_and_cover_the_maximum() {
    assert_eq!(nice_ticks(0), [0, 1, 2, 3]);
    assert_eq!(nice_ticks(1), [0, 1, 2, 3]);
    assert_eq!(nice_ticks(4), [0, 1, 2, 3, 4]);
    assert_eq!(nice_ticks(7), [0, 2, 4, 6, 8]);
    assert_eq!(nice_ticks(47), [0, 20, 40, 60]);
    assert_eq!(nice_ticks(100), [0, 25, 50, 75, 100]);
    assert_eq!(nice_ticks(101), [0, 50, 100, 150]);
    assert_eq!(nice_ticks(1234), [0, 500, 1000, 1500]);
    assert_eq!(nice_ticks(20_000), [0, 5000, 10_000, 15_000, 20_000]);
    for max in (0..5000).chain([99_999, 1_000_001, 123_456_789, i64::MAX / 100]) {
        let t = nice_ticks(max);
        assert!((4..=5).contains(&t.len()), "{max}: {t:?}");
        assert_eq!(t[0], 0);
        let step = t[1];
        assert!(t.windows(2).all(|w| w[1] - w[0] == step), "{max}: {t:?}");
        assert!(*t.last().unwrap() >= max, "{max}: {t:?}");
        let mut m = step;
        while m % 10 == 0 {
            m /= 10;
        }
        assert!([1, 2, 5, 25].contains(&m), "{max}: step {step}");
        // Not wastefully high: the top is under twice the maximum (or tiny).
        assert!(*t.last().unwrap() < 2 * max.max(2), "{max}: {t:?}");
    }
}

#[test]
fn monthly_bars_stack_and_label_every_value() {
    let months = [month("01/2026", 12, 30, 2), month("02/2026", 0, 1500, 250), month("03/2026", 0, 0, 0)];
    let svg = monthly_bars("Hồ sơ đã giải quyết", &months, LEGEND, "Chưa có số liệu", Lang::Vi);
    check_common(&svg);
    assert!(svg.contains("<title id=\"chart-bars-"));
    assert!(svg.contains(">Hồ sơ đã giải quyết</title>"));
    // Totals above the bars, with Vietnamese grouping.
    assert!(svg.contains(">44</text>") && svg.contains(">1.750</text>") && svg.contains(">0</text>"));
    // Month labels and the legend in words.
    for text in ["01/2026", "02/2026", "03/2026", "Trước hạn", "Đúng hạn", "Quá hạn"] {
        assert!(svg.contains(&format!(">{text}</text>")), "{text}");
    }
    // The three colours, the late one only where there is a late dossier.
    assert!(svg.contains(&format!(r#"fill="{EARLY}""#)) && svg.contains(&format!(r#"fill="{LATE}""#)));
    assert!(svg.contains("<title>02/2026 – Quá hạn: 250</title>"));
    // Values inside the tall segments.
    assert!(svg.contains(">1.500</text>") && svg.contains(">250</text>"));
    // The description reads the data for a screen reader.
    assert!(svg.contains("01/2026: 44 (Trước hạn 12, Đúng hạn 30, Quá hạn 2); 02/2026: 1.750"));
    // Ticks for 1,750: 0, 500 … 2,000.
    assert!(svg.contains(">2.000</text>"));
    // It fits a phone: scaled into 390 px, the text is still about 10 px.
    let (w, _) = view_box(&svg);
    assert!(w <= 480.0, "{w}");
}

#[test]
fn monthly_bars_are_deterministic_and_scale_with_many_months() {
    let months: Vec<MonthBar> = (1..=24).map(|i| month(&format!("Tháng {i}/2025"), i, 2 * i, i % 3)).collect();
    let a = monthly_bars("Hai năm", &months, LEGEND, "—", Lang::Vi);
    assert_eq!(a, monthly_bars("Hai năm", &months, LEGEND, "—", Lang::Vi));
    check_common(&a);
    // Long labels slant instead of overlapping.
    assert!(a.contains("transform=\"rotate(-40 "));
    let (w, h) = view_box(&a);
    assert!(w >= 24.0 * 40.0 && h > 250.0, "{w} × {h}");
}

#[test]
fn no_data_gives_a_chart_that_says_so() {
    for months in [vec![], vec![month("01/2026", 0, 0, 0)]] {
        let svg = monthly_bars("Hồ sơ", &months, LEGEND, "Chưa có hồ sơ nào được giải quyết", Lang::Vi);
        check_common(&svg);
        assert!(svg.contains(">Chưa có hồ sơ nào được giải quyết</text>"));
        assert!(svg.contains("<desc id=\"chart-bars-") && svg.contains(">Chưa có hồ sơ nào được giải quyết</desc>"));
        assert!(!svg.contains("<rect x=\"44"), "no bar");
    }
}

#[test]
fn text_is_escaped_everywhere() {
    let evil = "<script>alert('x')</script> & \"co\"";
    let months = [month(evil, 1, 2, 3)];
    let svg = monthly_bars(evil, &months, [evil, "b", "c"], evil, Lang::Vi);
    check_common(&svg);
    assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"));
    assert!(!svg.contains("<script") && !svg.contains("& \""));

    let items = [ScoreBar { label: evil.to_owned(), value: None, max: 10.0, note: Some(evil.to_owned()) }];
    let svg = score_bars(evil, &items, Lang::Vi);
    check_common(&svg);
    assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script"));
    assert_eq!(escape("a\u{0}b"), "a\u{FFFD}b");
}

fn groups() -> Vec<ScoreBar> {
    let bar = |label: &str, value, max| ScoreBar { label: label.to_owned(), value, max, note: None };
    vec![
        bar("Công khai, minh bạch", Some(15.0), 18.0),
        bar("Tiến độ, kết quả giải quyết", Some(12.5), 20.0),
        ScoreBar {
            label: "Dịch vụ công trực tuyến".to_owned(),
            value: None,
            max: 12.0,
            note: Some("Chưa có công thức được xác nhận".to_owned()),
        },
        bar("Thanh toán trực tuyến", Some(0.0), 10.0),
        bar("Số hóa hồ sơ", Some(25.0), 22.0),
    ]
}

#[test]
fn score_bars_fill_value_over_max_and_write_it() {
    let svg = score_bars("Điểm theo nhóm", &groups(), Lang::Vi);
    check_common(&svg);
    assert!(svg.contains(">12,50 / 20</text>") && svg.contains(">15,00 / 18</text>"));
    assert!(svg.contains(">0,00 / 10</text>"));
    // No value: a dash and the note, no filled part.
    assert!(svg.contains(">—</text>") && svg.contains(">Chưa có công thức được xác nhận</text>"));
    // The filled part: 12.5 / 20 of the 368-wide track is 230.
    assert!(svg.contains(&format!(r#"width="230" height="14" rx="3" fill="{SCORE}""#)), "{svg}");
    assert!(svg.contains(&format!(r#"width="368" height="14" rx="3" fill="{TRACK}""#)));
    // Above the maximum (bad data) the bar stops at the end of the track.
    assert_eq!(svg.matches(&format!(r#"width="368" height="14" rx="3" fill="{SCORE}""#)).count(), 1);
    // Each row says what it shows; the description has everything.
    assert!(svg.contains("<g><title>Tiến độ, kết quả giải quyết: 12,50 / 20</title>"));
    assert!(svg.contains("Dịch vụ công trực tuyến: — (Chưa có công thức được xác nhận)"));
    assert_eq!(svg, score_bars("Điểm theo nhóm", &groups(), Lang::Vi));
    // English pages keep the decimal point.
    assert!(score_bars("Scores", &groups(), Lang::En).contains(">12.50 / 20</text>"));
    let (w, _) = view_box(&svg);
    assert_eq!(w, 480.0);
}

#[test]
fn long_labels_wrap_then_end_with_an_ellipsis() {
    let long = "Xây dựng và phát triển chính quyền điện tử, chính quyền số; cải cách tổ chức bộ máy hành chính \
                nhà nước và chế độ công vụ, tài chính công, tác động của cải cách hành chính đến phát triển";
    let items = [ScoreBar { label: long.to_owned(), value: Some(7.25), max: 16.0, note: None }];
    let svg = score_bars("PAR", &items, Lang::Vi);
    check_common(&svg);
    // The full label in the row's title, two shortened lines drawn.
    assert!(svg.contains(&format!("<title>{long}: 7,25 / 16</title>")));
    let chars = score_layout::line_chars(score_layout::FS);
    let lines = wrap(long, chars, 2);
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l.chars().count() <= chars), "{lines:?}");
    assert!(lines[1].ends_with('…'));
    assert!(long.starts_with(&lines[0]));
    assert!(svg.contains(&format!(">{}</text>", lines[1])));
}

#[test]
fn wrapping_cuts_at_character_boundaries() {
    assert_eq!(wrap("Số hóa hồ sơ", 40, 2), ["Số hóa hồ sơ"]);
    assert_eq!(wrap("Một hai ba bốn", 7, 2), ["Một hai", "ba bốn"]);
    assert_eq!(wrap("Một hai ba bốn năm", 7, 2), ["Một hai", "ba bốn…"]);
    assert_eq!(wrap("Mộthaibabốnnămsáu", 7, 2), ["Mộthaib", "abốnnă…"]);
    assert_eq!(wrap("Mộthaibabốnnămsáu", 7, 1), ["Mộthai…"]);
    // Decomposed accents (o + U+0302 + U+0323) stay with their letter.
    let decomposed = "Mo\u{302}\u{323}t";
    assert_eq!(ellipsis(&format!("{decomposed} hai"), 3), "M…");
    assert_eq!(wrap("", 10, 2), Vec::<String>::new());
}
