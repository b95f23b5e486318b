//! Charts drawn on the server as SVG, for pages to embed inline (askama
//! `|safe` on the returned string).
//!
//! - Every text is escaped here ([`escape`]): labels come from unit and
//!   procedure names.
//! - The site's Content-Security-Policy refuses inline styles, so the
//!   drawing uses presentation attributes only (`fill`, `stroke`,
//!   `font-size`), never `style=`, and no script.
//! - Accessible: `role="img"`, a `<title>` and a `<desc>` (the data as a
//!   sentence), every value written as text so colour never carries it
//!   alone.
//! - A `viewBox` and `width="100%"`, so a chart shrinks to a phone (390 px)
//!   without overflowing; the page gives the visible heading (the title is
//!   not drawn).
//! - Deterministic: the same data gives the same bytes.
//!
//! [`monthly_bars`]: dossiers resolved per month, early / on time / late
//! stacked. [`score_bars`]: one horizontal bar per score (the six 766
//! groups of a unit, the PAR areas).

use std::fmt::Write;

use super::format::{count, fixed};
use super::i18n::Lang;

/// Resolved early: dark green (7.9:1 against white, white text on it).
pub const EARLY: &str = "#1b5e20";
/// Resolved on time: a lighter green, told from early by lightness as well
/// as hue; dark text on it.
pub const ON_TIME: &str = "#66bb6a";
/// Resolved late: red (5.6:1 against white, white text on it).
pub const LATE: &str = "#c62828";
/// The filled part of a score bar.
pub const SCORE: &str = "#1b5e20";
/// The full length of a score bar, behind the filled part.
pub const TRACK: &str = "#e5e7eb";
/// Text and axis.
pub const INK: &str = "#1f2937";
/// Secondary text (tick labels, notes): 4.8:1 against white.
pub const MUTED: &str = "#4b5563";
/// Grid lines.
pub const GRID: &str = "#d1d5db";
/// Text on the dark segments.
const ON_DARK: &str = "#ffffff";
/// Text on the light segment.
const ON_LIGHT: &str = "#0b2e13";

const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/// Average advance of a character, as a fraction of the font size: enough
/// for Vietnamese text in a sans-serif font (diacritics add no width).
const CHAR_WIDTH: f64 = 0.56;

/// One month of [`monthly_bars`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthBar {
    pub label: String,
    pub early: i64,
    pub on_time: i64,
    pub late: i64,
}

impl MonthBar {
    fn parts(&self) -> [i64; 3] {
        [self.early, self.on_time, self.late].map(|n| n.max(0))
    }

    fn total(&self) -> i64 {
        self.parts().iter().sum()
    }
}

/// One bar of [`score_bars`].
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreBar {
    pub label: String,
    /// `None` when there is no score (shown as "—" with the note).
    pub value: Option<f64>,
    pub max: f64,
    pub note: Option<String>,
}

/// Y-axis ticks for values up to `max`: 0 and 3 or 4 equal steps of 1, 2,
/// 2.5 or 5 × 10ⁿ (integers), the last tick at or above `max` and as low as
/// those steps allow. `max` ≤ 0 is treated as 1.
pub fn nice_ticks(max: i64) -> Vec<i64> {
    let max = max.max(1);
    // (top, step, intervals) of the lowest top found; the first found wins a
    // tie, which is the smaller step (more ticks).
    let mut best: Option<(i64, i64, i64)> = None;
    let mut magnitude = 1i64;
    loop {
        // 1, 2, 2.5 and 5 × magnitude, as numerator and denominator.
        for (num, den) in [(1, 1), (2, 1), (5, 2), (5, 1)] {
            let Some(scaled) = magnitude.checked_mul(num) else { continue };
            if scaled % den != 0 {
                continue;
            }
            let step = scaled / den;
            let intervals = (max / step + i64::from(max % step != 0)).max(3);
            if intervals <= 4 {
                let top = step.saturating_mul(intervals);
                if best.is_none_or(|(t, _, _)| top < t) {
                    best = Some((top, step, intervals));
                }
            }
        }
        // Once a step reaches max, larger ones only raise the top.
        if magnitude >= max {
            break;
        }
        match magnitude.checked_mul(10) {
            Some(m) => magnitude = m,
            None => break,
        }
    }
    let (_, step, intervals) = best.unwrap_or((max, max, 1));
    (0..=intervals).map(|i| i * step).collect()
}

/// Dossiers resolved per month, early / on time / late stacked from the
/// bottom, the month under each bar and its total above, a y-axis with
/// round ticks and a legend. With no month or only zeros, a chart that
/// says `empty`.
pub fn monthly_bars(title: &str, months: &[MonthBar], legend: [&str; 3], empty: &str, lang: Lang) -> String {
    let thousands = |n: i64| count(n, lang);
    const LEFT: f64 = 44.0;
    const RIGHT: f64 = 12.0;
    const TOP: f64 = 36.0; // legend
    const ABOVE: f64 = 18.0; // room for the totals over the tallest bar
    const PLOT_H: f64 = 200.0;
    const MIN_WIDTH: f64 = 480.0;
    const MIN_BAND: f64 = 40.0;
    const FS: f64 = 12.0;
    let colours = [EARLY, ON_TIME, LATE];
    let text_colours = [ON_DARK, ON_LIGHT, ON_DARK];

    let max = months.iter().map(MonthBar::total).max().unwrap_or(0);
    let n = months.len();
    let id = chart_id("bars", title, &format!("{months:?}{legend:?}"));
    if n == 0 || max == 0 {
        let (w, h) = (MIN_WIDTH, 120.0);
        let mut s = open(&id, title, empty, w, h);
        let _ = write!(
            s,
            r#"<rect x="0.5" y="0.5" width="{}" height="{}" fill="none" stroke="{GRID}"/><text x="{}" y="{}" font-size="14" fill="{MUTED}" text-anchor="middle">{}</text>"#,
            num(w - 1.0),
            num(h - 1.0),
            num(w / 2.0),
            num(h / 2.0 + 5.0),
            escape(empty)
        );
        s.push_str("</svg>");
        return s;
    }

    let band = ((MIN_WIDTH - LEFT - RIGHT) / n as f64).max(MIN_BAND);
    let bar_w = (band * 0.6).min(48.0);
    // Month labels slant when they are wider than their band; the first
    // one then needs room on the left.
    let longest = text_width(months.iter().map(|m| m.label.chars().count()).max().unwrap_or(0), FS);
    let slant = longest > band - 4.0;
    // Room by a generous estimate (wide fonts), cos and sin of 40°.
    let (run, drop) = (longest * 1.2 * 0.77, longest * 1.2 * 0.64);
    let left = if slant { LEFT.max(run - band / 2.0 + 4.0) } else { LEFT };
    let label_h = if slant { (drop + 20.0).min(110.0) } else { 22.0 };
    let width = left + RIGHT + band * n as f64;
    let plot_top = TOP + ABOVE;
    let base = plot_top + PLOT_H;
    let height = base + label_h;
    let ticks = nice_ticks(max);
    let top_tick = *ticks.last().unwrap_or(&max) as f64;
    let y = |v: i64| base - v as f64 / top_tick * PLOT_H;

    let desc = months
        .iter()
        .map(|m| {
            let [a, b, c] = m.parts();
            format!(
                "{}: {} ({} {}, {} {}, {} {})",
                m.label,
                thousands(m.total()),
                legend[0],
                thousands(a),
                legend[1],
                thousands(b),
                legend[2],
                thousands(c)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut s = open(&id, title, &desc, width, height);

    // Legend: a swatch and its words, in stacking order from the bottom.
    let mut x = left;
    for (i, name) in legend.iter().enumerate() {
        let _ = write!(
            s,
            r#"<rect x="{}" y="12" width="12" height="12" fill="{}"/><text x="{}" y="22" font-size="{FS}" fill="{INK}">{}</text>"#,
            num(x),
            colours[i],
            num(x + 16.0),
            escape(name)
        );
        x += 16.0 + text_width(name.chars().count(), FS) + 18.0;
    }

    // Grid and y-axis.
    for &t in &ticks {
        let ty = y(t);
        let _ = write!(
            s,
            r#"<line x1="{}" y1="{yy}" x2="{}" y2="{yy}" stroke="{}" stroke-width="1"/><text x="{}" y="{}" font-size="11" fill="{MUTED}" text-anchor="end">{}</text>"#,
            num(left),
            num(width - RIGHT),
            if t == 0 { INK } else { GRID },
            num(left - 6.0),
            num(ty + 4.0),
            thousands(t),
            yy = num(ty)
        );
    }

    // Bars: segments from the bottom, each value written inside when it
    // fits; the total above; the month below.
    for (i, m) in months.iter().enumerate() {
        let centre = left + band * (i as f64 + 0.5);
        let x0 = centre - bar_w / 2.0;
        s.push_str("<g>");
        let _ = write!(s, "<title>{}</title>", escape(&format!("{}: {}", m.label, thousands(m.total()))));
        let mut below = 0i64;
        for (k, &v) in m.parts().iter().enumerate() {
            if v == 0 {
                continue;
            }
            let (y_top, y_bottom) = (y(below + v), y(below));
            let h = y_bottom - y_top;
            let _ = write!(
                s,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{ON_DARK}" stroke-width="1"><title>{}</title></rect>"#,
                num(x0),
                num(y_top),
                num(bar_w),
                num(h),
                colours[k],
                escape(&format!("{} – {}: {}", m.label, legend[k], thousands(v)))
            );
            let digits = thousands(v);
            if h >= 15.0 && text_width(digits.chars().count(), 11.0) <= bar_w - 4.0 {
                let _ = write!(
                    s,
                    r#"<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="middle">{digits}</text>"#,
                    num(centre),
                    num(y_top + h / 2.0 + 4.0),
                    text_colours[k]
                );
            }
            below += v;
        }
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" font-size="{FS}" font-weight="bold" fill="{INK}" text-anchor="middle">{}</text>"#,
            num(centre),
            num(y(m.total()) - 5.0),
            thousands(m.total())
        );
        if slant {
            let (lx, ly) = (num(centre + 4.0), num(base + 14.0));
            let _ = write!(
                s,
                r#"<text x="{lx}" y="{ly}" font-size="{FS}" fill="{INK}" text-anchor="end" transform="rotate(-40 {lx} {ly})">{}</text>"#,
                escape(&m.label)
            );
        } else {
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" font-size="{FS}" fill="{INK}" text-anchor="middle">{}</text>"#,
                num(centre),
                num(base + 16.0),
                escape(&m.label)
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

/// Horizontal bars, one per item: its label above (wrapped over two lines,
/// then cut with "…"; the whole label in the row's `<title>`), a light
/// track the full length of the maximum, the filled part value ÷ max, and
/// "12,50 / 20" at the end, or "—" and the note when there is no value.
pub fn score_bars(title: &str, items: &[ScoreBar], lang: Lang) -> String {
    use score_layout::*;
    let bar_w = WIDTH - LEFT - VALUE_W - 8.0;
    let label_chars = line_chars(FS);
    let note_chars = line_chars(12.0);

    let shown: Vec<(Vec<String>, String, Option<String>)> = items
        .iter()
        .map(|it| {
            let lines = wrap(&it.label, label_chars, 2);
            let note = it.note.as_deref().map(|n| wrap(n, note_chars, 1).concat());
            (lines, score_text(it, lang), note)
        })
        .collect();
    let desc = items
        .iter()
        .zip(&shown)
        .map(|(it, (_, value, _))| match &it.note {
            Some(note) => format!("{}: {value} ({note})", it.label),
            None => format!("{}: {value}", it.label),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let row_height = |lines: usize, note: bool| lines as f64 * LINE + BAR_H + if note { LINE } else { 0.0 } + GAP;
    let height = 10.0 + shown.iter().map(|(l, _, n)| row_height(l.len(), n.is_some())).sum::<f64>();
    let id = chart_id("scores", title, &format!("{items:?}"));
    let mut s = open(&id, title, &desc, WIDTH, height.max(24.0));

    let mut y = 10.0;
    for (it, (lines, value, note)) in items.iter().zip(&shown) {
        s.push_str("<g>");
        let _ = write!(s, "<title>{}</title>", escape(&format!("{}: {value}", it.label)));
        for line in lines {
            y += LINE;
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" font-size="{FS}" fill="{INK}">{}</text>"#,
                num(LEFT),
                num(y - 4.0),
                escape(line)
            );
        }
        let _ = write!(
            s,
            r#"<rect x="{}" y="{}" width="{}" height="{BAR_H}" rx="3" fill="{TRACK}"/>"#,
            num(LEFT),
            num(y),
            num(bar_w)
        );
        if let Some(v) = it.value
            && it.max > 0.0
            && v > 0.0
        {
            let filled = bar_w * (v / it.max).clamp(0.0, 1.0);
            let _ = write!(
                s,
                r#"<rect x="{}" y="{}" width="{}" height="{BAR_H}" rx="3" fill="{SCORE}"/>"#,
                num(LEFT),
                num(y),
                num(filled)
            );
        }
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" font-size="{FS}" font-weight="bold" fill="{INK}">{}</text>"#,
            num(LEFT + bar_w + 8.0),
            num(y + BAR_H - 2.0),
            escape(value)
        );
        y += BAR_H;
        if let Some(note) = note {
            y += LINE;
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" font-size="12" font-style="italic" fill="{MUTED}">{}</text>"#,
                num(LEFT),
                num(y - 3.0),
                escape(note)
            );
        }
        y += GAP;
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

/// The geometry of [`score_bars`].
mod score_layout {
    pub const WIDTH: f64 = 480.0;
    pub const LEFT: f64 = 8.0;
    /// Room for "12.50 / 20" after the track.
    pub const VALUE_W: f64 = 96.0;
    pub const FS: f64 = 13.0;
    pub const LINE: f64 = 17.0;
    pub const BAR_H: f64 = 14.0;
    pub const GAP: f64 = 14.0;

    /// Characters of a label or note line at `size`.
    pub fn line_chars(size: f64) -> usize {
        ((WIDTH - 2.0 * LEFT) / (size * super::CHAR_WIDTH)).floor() as usize
    }
}

/// "12,50 / 20" ("12.50 / 20" in English), or "—" without a value.
fn score_text(it: &ScoreBar, lang: Lang) -> String {
    match it.value {
        Some(v) => {
            format!("{} / {}", fixed(v, 2, lang), num(it.max).replace('.', if lang.english() { "." } else { "," }))
        }
        None => "—".to_owned(),
    }
}

/// The opening of a chart: the `<svg>` element, its title and description.
fn open(id: &str, title: &str, desc: &str, width: f64, height: f64) -> String {
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMidYMin meet" role="img" aria-labelledby="{id}-t {id}-d" font-family="{FONT}"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        num(width),
        num(height),
        escape(title),
        escape(desc)
    );
    s
}

/// An id for the title and description, the same for the same chart and
/// different for different ones on one page (FNV-1a of its content).
fn chart_id(kind: &str, title: &str, data: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in title.bytes().chain([0]).chain(data.bytes()) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("chart-{kind}-{:08x}", hash as u32)
}

/// A coordinate: at most one decimal, no trailing ".0".
fn num(x: f64) -> String {
    let s = format!("{:.1}", if x.abs() < 0.05 { 0.0 } else { x });
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

/// Estimated width of `chars` characters at `size`.
fn text_width(chars: usize, size: f64) -> f64 {
    chars as f64 * size * CHAR_WIDTH
}

/// Text and attribute values with `& < > " '` escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `text` in at most `max_lines` lines of at most `width` characters,
/// broken between words (a word longer than a line is cut); what does not
/// fit ends the last line with "…". Never cuts a letter from its combining
/// accents.
fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let (width, max_lines) = (width.max(2), max_lines.max(1));
    // Words, a word longer than a line cut into pieces that join without a
    // space (`true`).
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    for word in text.split_whitespace() {
        let (mut rest, mut glued) = (word, false);
        while rest.chars().count() > width {
            let cut = cut_point(rest, width);
            if cut == 0 {
                break;
            }
            pieces.push((&rest[..cut], glued));
            (rest, glued) = (&rest[cut..], true);
        }
        pieces.push((rest, glued));
    }
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &(piece, glued)) in pieces.iter().enumerate() {
        let space = !current.is_empty() && !glued;
        if current.chars().count() + usize::from(space) + piece.chars().count() <= width {
            if space {
                current.push(' ');
            }
            current.push_str(piece);
            continue;
        }
        if lines.len() + 1 == max_lines {
            // The last line: the rest, cut.
            for &(p, g) in &pieces[i..] {
                if !current.is_empty() && !g {
                    current.push(' ');
                }
                current.push_str(p);
            }
            lines.push(ellipsis(&current, width));
            return lines;
        }
        lines.push(std::mem::take(&mut current));
        current.push_str(piece);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// `s` cut to `width` characters, the last one "…" (only when cut).
fn ellipsis(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_owned();
    }
    let cut = cut_point(s, width - 1);
    format!("{}…", s[..cut].trim_end())
}

/// The byte index after at most `chars` characters of `s`, moved back so
/// that a combining accent stays with its letter.
fn cut_point(s: &str, chars: usize) -> usize {
    let mut idx: Vec<(usize, char)> = s.char_indices().collect();
    idx.push((s.len(), ' '));
    let mut i = chars.min(idx.len() - 1);
    while i > 0 && is_combining(idx[i].1) {
        i -= 1;
    }
    idx[i].0
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

#[cfg(test)]
#[path = "charts_tests.rs"]
mod tests;
