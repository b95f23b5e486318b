//! Vietnamese letters without their diacritics ("Đồng" ⇒ "Dong"): for
//! search that ignores accents, and for ASCII file names.

/// The letters with diacritics, grouped by the ASCII letter they fold to.
const GROUPS: [(char, &str); 14] = [
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('A', "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('E', "ÈÉẺẼẸÊỀẾỂỄỆ"),
    ('i', "ìíỉĩị"),
    ('I', "ÌÍỈĨỊ"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('O', "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
    ('u', "ùúủũụưừứửữự"),
    ('U', "ÙÚỦŨỤƯỪỨỬỮỰ"),
    ('y', "ỳýỷỹỵ"),
    ('Y', "ỲÝỶỸỴ"),
    ('d', "đ"),
    ('D', "Đ"),
];

/// One letter without its diacritics, keeping its case; any other
/// character is returned as it is.
pub fn fold_letter(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    GROUPS.iter().find(|(_, marked)| marked.contains(c)).map_or(c, |&(base, _)| base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vietnamese_letter_folds_to_its_ascii_base_in_its_case() {
        let s: String = "Đồng Nai, Quảng Trị, Ỷ Lan, Hưng Yên".chars().map(fold_letter).collect();
        assert_eq!(s, "Dong Nai, Quang Tri, Y Lan, Hung Yen");
        let all = "ẮẰẲẴẶĂẤẦẨẪẬÂÁÀÃẢẠĐẾỀỂỄỆÊÉÈẺẼẸÍÌỈĨỊỐỒỔỖỘÔỚỜỞỠỢƠÓÒÕỎỌỨỪỬỮỰƯÚÙỦŨỤÝỲỶỸỴ";
        for c in all.chars() {
            assert!(fold_letter(c).is_ascii_uppercase(), "{c}");
        }
        for c in all.to_lowercase().chars() {
            assert!(fold_letter(c).is_ascii_lowercase(), "{c}");
        }
        assert_eq!(fold_letter('ß'), 'ß', "not a Vietnamese letter: unchanged");
    }
}
