//! The agency identifier (mã định danh, Quyết định 20/2020/QĐ-TTg; the
//! length matches the 13-character `OrganId` of Nghị định 30/2020's
//! appendix VI): four groups `ddd.dd.dd.Xdd`, e.g. `000.00.04.G18`
//! (docs/exchange.md, "Agency identifier").
//!
//! Only the shape is checked: what each group means is not found in a
//! primary text, and whether an identifier exists is the directory's
//! question (the national platform's agency list), not this crate's.

use std::fmt;

use motcua_rules::RuleError;

/// A checked agency identifier.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OrganId(String);

impl OrganId {
    /// The identifier, or `edxml_organ_id` on field `OrganId` (the caller
    /// puts the path with [`RuleError::at`]).
    pub fn parse(text: &str) -> Result<OrganId, RuleError> {
        let text = text.trim();
        if is_organ_id(text) {
            Ok(OrganId(text.to_owned()))
        } else {
            Err(RuleError::invalid("edxml_organ_id", "OrganId").arg("value", shorten(text)))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrganId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `ddd.dd.dd.Xdd`: digits, an upper-case ASCII letter before the last two.
fn is_organ_id(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 13 {
        return false;
    }
    b.iter().enumerate().all(|(i, &c)| match i {
        3 | 6 | 9 => c == b'.',
        10 => c.is_ascii_uppercase(),
        _ => c.is_ascii_digit(),
    })
}

/// At most 20 characters of a refused value, for the message.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(20).collect();
    if s.chars().count() > 20 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_examples_are_accepted() {
        for id in ["000.00.04.G18", "000.00.00.H30", "000.00.04.G14"] {
            assert_eq!(OrganId::parse(id).unwrap().as_str(), id);
        }
        assert_eq!(OrganId::parse(" 000.00.04.G18 ").unwrap().as_str(), "000.00.04.G18");
    }

    #[test]
    fn other_shapes_are_refused_with_the_value() {
        for id in
            ["", "000.00.04.g18", "000.00.04.G1", "000-00-04-G18", "0000.0.04.G18", "000.00.04.GG8", "000.00.04.G18x"]
        {
            let e = OrganId::parse(id).unwrap_err();
            assert_eq!((e.code, e.field.as_deref()), ("edxml_organ_id", Some("OrganId")), "{id}");
        }
        let e = OrganId::parse("abcdefghijklmnopqrstuvwxyz").unwrap_err();
        assert!(e.message_en.contains("abcdefghijklmnopqrst…"), "{}", e.message_en);
    }
}
