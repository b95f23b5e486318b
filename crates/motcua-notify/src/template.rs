//! Templates with named variables: `{dossier_code}` is replaced by the
//! variable's value, `{{` and `}}` are literal braces.
//!
//! Each kind of notice has its own set of variables ([`variables`]); a
//! template that names any other is refused with `notify_unknown_variable`
//! (field `template`, the name as `$name`), and a brace left open or a
//! variable with no name with `notify_template_syntax`. [`check`] is what
//! a template is held to when it is saved; the built-in ones are checked by
//! a test.

use std::collections::BTreeMap;

use motcua_rules::RuleError;
use motcua_rules::notice::NoticeKind;

/// The values of a notice's variables, by name.
pub type Vars = BTreeMap<&'static str, String>;

/// The variables every notice about a dossier has.
const COMMON: &[&str] = &["dossier_code", "procedure_name", "unit_name", "lookup_url"];

/// The variables a kind of notice has, besides [`COMMON`].
fn own(kind: NoticeKind) -> &'static [&'static str] {
    match kind {
        NoticeKind::Received => &["applicant_name", "received_at", "due_date"],
        NoticeKind::SupplementRequested | NoticeKind::PaymentRequested => &["applicant_name", "note"],
        NoticeKind::ResultReady => &["applicant_name", "due_date"],
        NoticeKind::Rescheduled => &["applicant_name", "old_due_date", "new_due_date", "note"],
        NoticeKind::StepDueSoon | NoticeKind::StepOverdue | NoticeKind::StepOverdueSecond => {
            &["step_name", "step_unit", "step_due"]
        }
    }
}

/// Every variable a template of `kind` may use.
pub fn variables(kind: NoticeKind) -> Vec<&'static str> {
    COMMON.iter().chain(own(kind)).copied().collect()
}

/// One piece of a parsed template.
enum Piece<'a> {
    Text(&'a str),
    Var(&'a str),
}

/// The pieces of `template`, or `notify_template_syntax`.
fn parse(template: &str) -> Result<Vec<Piece<'_>>, RuleError> {
    let syntax = || RuleError::invalid("notify_template_syntax", "template");
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        pieces.push(Piece::Text(&rest[..i]));
        let after = &rest[i + 1..];
        if rest[i..].starts_with("{{") {
            pieces.push(Piece::Text("{"));
            rest = &rest[i + 2..];
        } else if rest[i..].starts_with("}}") {
            pieces.push(Piece::Text("}"));
            rest = &rest[i + 2..];
        } else if rest[i..].starts_with('}') {
            return Err(syntax());
        } else {
            let end = after.find('}').ok_or_else(syntax)?;
            let name = after[..end].trim();
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
                return Err(syntax());
            }
            pieces.push(Piece::Var(name));
            rest = &after[end + 1..];
        }
    }
    pieces.push(Piece::Text(rest));
    Ok(pieces)
}

/// Checks a template of `kind`: its syntax, and that it names only the
/// kind's variables.
pub fn check(kind: NoticeKind, template: &str) -> Result<(), RuleError> {
    let known = variables(kind);
    for piece in parse(template)? {
        if let Piece::Var(name) = piece
            && !known.contains(&name)
        {
            return Err(RuleError::invalid("notify_unknown_variable", "template").arg("name", name));
        }
    }
    Ok(())
}

/// Renders `template` with `vars`. A variable with no value is an unknown
/// variable, never an empty hole in a message sent to a citizen.
pub fn render(template: &str, vars: &Vars) -> Result<String, RuleError> {
    let mut out = String::with_capacity(template.len() + 64);
    for piece in parse(template)? {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Var(name) => match vars.get(name) {
                Some(v) => out.push_str(v),
                None => return Err(RuleError::invalid("notify_unknown_variable", "template").arg("name", name)),
            },
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vars {
        Vars::from([("dossier_code", "H11.100-260304-0001".to_owned()), ("note", "thiếu {bản sao}".to_owned())])
    }

    #[test]
    fn variables_are_replaced_and_doubled_braces_are_literal() {
        let s = render("Hồ sơ {dossier_code}: {note} {{x}}", &vars()).unwrap();
        // A value's own braces are text, never read as a variable.
        assert_eq!(s, "Hồ sơ H11.100-260304-0001: thiếu {bản sao} {x}");
    }

    #[test]
    fn an_unknown_variable_is_refused_with_its_name() {
        let e = check(NoticeKind::Received, "Hồ sơ {dossier_code}, {step_due}").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("notify_unknown_variable", Some("template")));
        assert!(e.message_en.contains("step_due"), "{}", e.message_en);
        assert!(e.message_vi.contains("step_due"), "{}", e.message_vi);
        let e = render("{dossier_code} {applicant_name}", &vars()).unwrap_err();
        assert_eq!(e.code, "notify_unknown_variable");
        assert!(check(NoticeKind::StepOverdue, "{step_due} {dossier_code}").is_ok());
    }

    #[test]
    fn broken_braces_are_a_syntax_error() {
        for bad in ["{dossier_code", "a } b", "{}", "{ }", "{Dossier}", "{dossier code}", "{a{b}"] {
            let e = check(NoticeKind::Received, bad).unwrap_err();
            assert_eq!(e.code, "notify_template_syntax", "{bad}");
        }
        assert!(check(NoticeKind::Received, "").is_ok());
    }
}
