//! Text folding for search: Vietnamese letters without their diacritics,
//! lower-cased, so "dang ky tam tru" finds "Đăng ký tạm trú" in either
//! database with a plain `LIKE`.

/// Lower-cases and removes Vietnamese diacritics; other characters pass
/// through lower-cased, runs of white space become one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        for l in c.to_lowercase() {
            out.push(motcua_rules::fold::fold_letter(l));
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A `LIKE` pattern matching `query` anywhere, with `%` and `_` in the
/// query taken literally (escaped with `\`).
pub fn like_pattern(query: &str) -> String {
    let folded = fold(query);
    let mut p = String::with_capacity(folded.len() + 2);
    p.push('%');
    for c in folded.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Đăng ký  TẠM TRÚ"), "dang ky tam tru");
        assert_eq!(fold("Cấp Giấy chứng nhận quyền sử dụng đất"), "cap giay chung nhan quyen su dung dat");
        assert_eq!(like_pattern("50%_off"), "%50\\%\\_off%");
    }
}
