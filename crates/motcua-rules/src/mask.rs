//! Masking of personal data where the full value is not needed: the public
//! status page, lists, logs.
//!
//! Every function here takes any string, never panics, and never returns a
//! short value in full: what is kept shrinks as the input gets shorter, down
//! to nothing but stars. Work is done on characters, not bytes, because
//! Vietnamese letters take two or three bytes in UTF-8; combining marks
//! (text in decomposed form, NFD) stay with the letter they decorate so that
//! a name is masked the same whether it arrives composed or decomposed.
//!
//! Masking keeps the length of what it hides (one `*` per letter), as in the
//! examples printed on receipts and status pages; the length of a phone
//! number or ID is not secret.

/// The masking character.
const STAR: char = '*';

/// Inputs shorter than this (in characters) are masked completely.
const SHORT: usize = 4;

/// Inputs at least this long (in characters) keep two characters at each
/// end; shorter ones keep one. Eight keeps at least half of the value hidden
/// and never shows four characters in a row at the end.
const LONG: usize = 8;

/// True for combining diacritical marks (U+0300–U+036F), which is where the
/// Vietnamese tone and vowel marks of decomposed text live (grave, acute,
/// tilde, hook above, dot below, circumflex, breve, horn).
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Splits `s` into letters: each base character with the combining marks
/// that follow it. Leading marks form a letter of their own.
fn letters(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if i > start && !is_combining_mark(c) {
            out.push(&s[start..i]);
            start = i;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Keeps a few letters at both ends and stars the middle: two at each end
/// from [`LONG`] letters, one from [`SHORT`], none below.
fn mask_middle(s: &str) -> String {
    let ls = letters(s.trim());
    let n = ls.len();
    let keep = if n >= LONG {
        2
    } else if n >= SHORT {
        1
    } else {
        0
    };
    let mut out = String::with_capacity(s.len());
    for (i, l) in ls.iter().enumerate() {
        if i < keep || i + keep >= n {
            out.push_str(l);
        } else {
            out.push(STAR);
        }
    }
    out
}

/// `"0912345678"` → `"09******78"`. Keeps the first two digits (the network
/// prefix, which helps a citizen recognise their number) and the last two.
/// The last four are never shown together: they are the check of the public
/// status lookup ([`crate::validate::last4_matches`]).
pub fn mask_phone(phone: &str) -> String {
    mask_middle(phone)
}

/// `"001099012345"` → `"00********45"`: like [`mask_phone`], first two and
/// last two characters only, never the last four.
pub fn mask_id(id: &str) -> String {
    mask_middle(id)
}

/// `"Nguyễn Văn An"` → `"N***** V** A*"`: the first letter of each word,
/// then one star per remaining letter. A one-letter word becomes `*`, so a
/// name made of initials is not shown in full. Words are separated by
/// single spaces in the output.
pub fn mask_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (w, word) in name.split_whitespace().enumerate() {
        if w > 0 {
            out.push(' ');
        }
        let ls = letters(word);
        if ls.len() < 2 {
            out.push(STAR);
            continue;
        }
        out.push_str(ls[0]);
        out.extend(std::iter::repeat_n(STAR, ls.len() - 1));
    }
    out
}

/// `"an.nguyen@gmail.com"` → `"a***@gmail.com"`: the first letter of the
/// local part, a fixed `***` (the length of the local part is hidden), and
/// the domain. A local part of one letter, or anything that is not
/// `local@domain`, becomes `***`.
pub fn mask_email(email: &str) -> String {
    let s = email.trim();
    let Some((local, domain)) = s.rsplit_once('@') else {
        return "***".to_owned();
    };
    let ls = letters(local);
    if ls.len() < 2 || domain.is_empty() {
        return "***".to_owned();
    }
    format!("{}***@{domain}", ls[0])
}

/// `"Số 12 ngõ 5, phường Hợp Giang, tỉnh Cao Bằng"` → `"***, tỉnh Cao Bằng"`:
/// only the last comma-separated part (the province, usually) is kept. An
/// address with a single part becomes `***`, since keeping it would show
/// all of it.
pub fn mask_address(address: &str) -> String {
    let parts: Vec<&str> = address.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [.., _, last] => format!("***, {last}"),
        _ => "***".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_keep_two_digits_at_each_end() {
        assert_eq!(mask_phone("0912345678"), "09******78");
        assert_eq!(mask_phone("02438251234"), "02*******34");
        assert_eq!(mask_phone(" 0912345678 "), "09******78");
    }

    #[test]
    fn ids_never_show_the_last_four() {
        assert_eq!(mask_id("001099012345"), "00********45");
        assert_eq!(mask_id("123456789"), "12*****89");
        assert_eq!(mask_id("C1234567"), "C1****67");
        assert!(!mask_id("001099012345").contains("2345"));
    }

    #[test]
    fn short_values_are_never_shown_in_full() {
        assert_eq!(mask_phone(""), "");
        assert_eq!(mask_phone("1"), "*");
        assert_eq!(mask_phone("123"), "***");
        assert_eq!(mask_phone("1234"), "1**4");
        assert_eq!(mask_id("1234567"), "1*****7");
        assert_eq!(mask_name(""), "");
        assert_eq!(mask_name("A"), "*");
        assert_eq!(mask_name("A B"), "* *");
        assert_eq!(mask_email(""), "***");
        assert_eq!(mask_email("a@b.vn"), "***");
        assert_eq!(mask_email("no-at-sign"), "***");
        assert_eq!(mask_email("@gmail.com"), "***");
        assert_eq!(mask_email("an@"), "***");
        assert_eq!(mask_address(""), "***");
        assert_eq!(mask_address("tỉnh Cao Bằng"), "***");
        assert_eq!(mask_address(", tỉnh Cao Bằng,"), "***");
    }

    #[test]
    fn names_are_masked_letter_by_letter_not_byte_by_byte() {
        assert_eq!(mask_name("Nguyễn Văn An"), "N***** V** A*");
        assert_eq!(mask_name("  Đặng   Thị  Ánh "), "Đ*** T** Á**");
        assert_eq!(mask_name("Ưng Hoàng Phúc"), "Ư** H**** P***");
    }

    #[test]
    fn decomposed_names_mask_like_composed_ones() {
        // "Ấu Nguyễn" with the marks as separate combining characters (NFD).
        let nfd = "A\u{0302}\u{0301}u Nguye\u{0302}\u{0303}n";
        assert_eq!(mask_name(nfd), "A\u{0302}\u{0301}* N*****");
        assert_eq!(mask_name("Ấu Nguyễn"), "Ấ* N*****");
        // Stray marks at the start of a word do not panic or leak.
        assert_eq!(mask_name("\u{0301}\u{0301}"), "*");
    }

    #[test]
    fn emails_keep_the_domain() {
        assert_eq!(mask_email("an.nguyen@gmail.com"), "a***@gmail.com");
        assert_eq!(mask_email("Đức@mail.vn"), "Đ***@mail.vn");
        assert_eq!(mask_email("a@b@example.vn"), "a***@example.vn");
    }

    #[test]
    fn addresses_keep_the_last_part() {
        assert_eq!(mask_address("Số 12 ngõ 5, phường Hợp Giang, tỉnh Cao Bằng"), "***, tỉnh Cao Bằng");
        assert_eq!(mask_address("thôn 3,xã Ea Tu,  Đắk Lắk  "), "***, Đắk Lắk");
    }
}
