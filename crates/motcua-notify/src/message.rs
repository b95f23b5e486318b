//! A notice ready for one channel: the address, the rendered texts and the
//! variables (Zalo ZNS sends the variables to a template registered with
//! Zalo, not a text).

use motcua_rules::RuleError;
use motcua_rules::notice::{ChannelKind, NoticeKind};

use crate::builtin::texts;
use crate::template::{Vars, render};

/// Where a notice goes. `Debug` masks it: an address is personal data and
/// never reaches a log line.
#[derive(Clone, PartialEq, Eq)]
pub enum Address {
    Email(String),
    /// A Vietnamese number as stored (`0912345678`).
    Phone(String),
}

impl std::fmt::Debug for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Address::Email(e) => write!(f, "Email({})", motcua_rules::mask::mask_email(e)),
            Address::Phone(p) => write!(f, "Phone({})", motcua_rules::mask::mask_phone(p)),
        }
    }
}

impl Address {
    /// The address masked for a staff page (`n***@example.vn`, `09******78`).
    pub fn masked(&self) -> String {
        match self {
            Address::Email(e) => motcua_rules::mask::mask_email(e),
            Address::Phone(p) => motcua_rules::mask::mask_phone(p),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Address::Email(s) | Address::Phone(s) => s,
        }
    }
}

/// What a channel sends. `Debug` shows no address and no text.
#[derive(Clone)]
pub struct Outgoing {
    pub kind: NoticeKind,
    pub to: Address,
    pub subject: String,
    /// The e-mail's body (Vietnamese, then English) or the SMS text.
    pub text: String,
    /// The variables, for channels that fill a registered template.
    pub vars: Vars,
    /// Names this notice at the provider (`motcua-42`), so a provider's
    /// report can be matched to it without any personal data.
    pub tracking_id: String,
}

impl std::fmt::Debug for Outgoing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outgoing")
            .field("kind", &self.kind)
            .field("to", &self.to)
            .field("tracking_id", &self.tracking_id)
            .finish_non_exhaustive()
    }
}

/// The line between the Vietnamese text and the English one.
pub const LANGUAGE_SEPARATOR: &str = "\n\n----------\n\n";

/// Renders the notice `kind` for `channel` with the built-in templates:
/// an e-mail has both languages, an SMS the short Vietnamese text.
pub fn compose(
    kind: NoticeKind,
    channel: ChannelKind,
    to: Address,
    vars: Vars,
    tracking_id: String,
) -> Result<Outgoing, RuleError> {
    let t = texts(kind);
    let (subject, text) = match channel {
        ChannelKind::Email => (
            format!("{} / {}", render(t.subject_vi, &vars)?, render(t.subject_en, &vars)?),
            format!("{}{LANGUAGE_SEPARATOR}{}", render(t.body_vi, &vars)?, render(t.body_en, &vars)?),
        ),
        ChannelKind::Sms => (String::new(), render(t.sms_vi, &vars)?),
        ChannelKind::Zalo => (render(t.subject_vi, &vars)?, render(t.body_vi, &vars)?),
    };
    Ok(Outgoing { kind, to, subject, text, vars, tracking_id })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::variables;

    fn all_vars(kind: NoticeKind) -> Vars {
        variables(kind).into_iter().map(|v| (v, format!("<{v}>"))).collect()
    }

    #[test]
    fn an_email_has_both_languages_vietnamese_first() {
        let kind = NoticeKind::ResultReady;
        let m = compose(kind, ChannelKind::Email, Address::Email("an@example.vn".into()), all_vars(kind), "t".into())
            .unwrap();
        assert_eq!(m.subject, "Hồ sơ <dossier_code> đã có kết quả / The result of dossier <dossier_code> is ready");
        let (vi, en) = m.text.split_once(LANGUAGE_SEPARATOR).unwrap();
        assert!(vi.starts_with("Kính gửi <applicant_name>"), "{vi}");
        assert!(en.starts_with("Dear <applicant_name>"), "{en}");
    }

    #[test]
    fn every_kind_composes_on_every_channel_with_its_variables() {
        for kind in NoticeKind::ALL {
            for channel in ChannelKind::ALL {
                let to = Address::Phone("0912345678".into());
                let m = compose(kind, channel, to, all_vars(kind), "t".into()).unwrap();
                assert!(!m.text.contains('{'), "{kind:?} {channel:?}: {}", m.text);
            }
        }
    }

    #[test]
    fn a_missing_value_is_refused_not_left_empty() {
        let mut vars = all_vars(NoticeKind::Received);
        vars.remove("due_date");
        let to = Address::Email("an@example.vn".into());
        let e = compose(NoticeKind::Received, ChannelKind::Email, to, vars, "t".into()).unwrap_err();
        assert_eq!(e.code, "notify_unknown_variable");
    }

    #[test]
    fn debug_masks_the_address_and_hides_the_text() {
        let kind = NoticeKind::Received;
        let m =
            compose(kind, ChannelKind::Sms, Address::Phone("0912345678".into()), all_vars(kind), "t".into()).unwrap();
        let shown = format!("{m:?}");
        assert!(!shown.contains("0912345678") && !shown.contains("applicant_name"), "{shown}");
    }
}
