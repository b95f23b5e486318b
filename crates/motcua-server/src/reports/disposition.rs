//! The `Content-Disposition` of a downloaded report (RFC 6266, RFC 8187).

/// `attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded`.
///
/// Browsers use `filename*`, so the Vietnamese name survives
/// ("Báo cáo quý 1.xlsx"); the fallback is the same name without diacritics
/// ("Bao cao quy 1.xlsx"), letters it cannot spell in ASCII and the
/// characters a quoted string or a file system would trip on (`"`, `\`, `/`,
/// `%`, control characters) replaced by `_`. Combining accents (a name in
/// decomposed form, as macOS writes them) are dropped from the fallback.
pub fn content_disposition(filename: &str) -> String {
    let ascii: String = filename.chars().filter_map(ascii_fallback).collect();
    let mut encoded = String::with_capacity(filename.len() * 3);
    for b in filename.bytes() {
        if is_attr_char(b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// RFC 8187 `attr-char`: what `filename*` may hold unencoded.
fn is_attr_char(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(b, b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~')
}

fn ascii_fallback(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_' | '(' | ')' | ',' | '+') {
        return Some(c);
    }
    if ('\u{0300}'..='\u{036F}').contains(&c) {
        return None;
    }
    let base = motcua_rules::fold::fold_letter(c);
    // Folded: a Vietnamese letter; unchanged: a character the fallback cannot hold.
    Some(if base != c { base } else { '_' })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_names_keep_their_letters_and_fall_back_without_diacritics() {
        assert_eq!(
            content_disposition("Báo cáo quý 1 - Đồng Nai.xlsx"),
            "attachment; filename=\"Bao cao quy 1 - Dong Nai.xlsx\"; \
             filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%201%20-%20%C4%90%E1%BB%93ng%20Nai.xlsx"
        );
    }

    #[test]
    fn every_vietnamese_letter_folds_to_ascii() {
        let all = "ẮẰẲẴẶĂẤẦẨẪẬÂÁÀÃẢẠĐẾỀỂỄỆÊÉÈẺẼẸÍÌỈĨỊỐỒỔỖỘÔỚỜỞỠỢƠÓÒÕỎỌỨỪỬỮỰƯÚÙỦŨỤÝỲỶỸỴ";
        for c in all.chars().chain(all.to_lowercase().chars()) {
            let folded = ascii_fallback(c);
            assert!(folded.is_some_and(|f| f.is_ascii_alphabetic()), "{c} folds to {folded:?}");
        }
        // Decomposed: "Báo" as B, a, U+0301, o.
        assert!(
            content_disposition("Ba\u{301}o.csv")
                .starts_with("attachment; filename=\"Bao.csv\"; filename*=UTF-8''Ba%CC%81o.csv")
        );
    }

    #[test]
    fn quotes_slashes_and_controls_cannot_break_the_header() {
        let v = content_disposition("a\"b\\c/d%e\r\nf;g.csv");
        assert_eq!(v, "attachment; filename=\"a_b_c_d_e__f_g.csv\"; filename*=UTF-8''a%22b%5Cc%2Fd%25e%0D%0Af%3Bg.csv");
        assert!(axum::http::HeaderValue::from_str(&v).is_ok());
        // Other scripts have no ASCII spelling.
        assert!(
            content_disposition("报告.csv").starts_with("attachment; filename=\"__.csv\"; filename*=UTF-8''%E6%8A%A5")
        );
    }
}
