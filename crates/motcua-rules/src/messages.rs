//! The messages of every error code, in Vietnamese and English, from one
//! Fluent catalog: `locales/{vi,en}/errors.ftl`, compiled into the binary.
//!
//! The id of a code's message is the code with `_` replaced by `-` and
//! prefixed with `error-` (`calendar_year_unknown` → `error-calendar-year-unknown`).
//! It is the one catalog for all error codes, whichever crate raises them;
//! the web interface loads the same files ([`ERRORS_VI`], [`ERRORS_EN`]).
//! A missing id renders as the code itself; the tests make sure none is.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The Vietnamese error catalog.
pub const ERRORS_VI: &str = include_str!("../locales/vi/errors.ftl");
/// The English error catalog.
pub const ERRORS_EN: &str = include_str!("../locales/en/errors.ftl");

fn bundle(lang: &str, text: &str) -> FluentBundle<FluentResource> {
    let id = lang.parse().expect("valid language id");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks would end up in the JSON error bodies.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(text.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("locales/{lang}/errors.ftl does not parse: {errors:?}"));
    bundle.add_resource(resource).unwrap_or_else(|e| panic!("locales/{lang}/errors.ftl: duplicate ids {e:?}"));
    bundle
}

static BUNDLE_VI: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle("vi", ERRORS_VI));
static BUNDLE_EN: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle("en", ERRORS_EN));

/// The catalog id of an error code's message.
pub fn message_id(code: &str) -> String {
    format!("error-{}", code.replace('_', "-"))
}

fn render(bundle: &FluentBundle<FluentResource>, id: &str, args: &[(&str, &str)]) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent_args = FluentArgs::new();
    for (k, v) in args {
        // Numbers stay strings: each language formats its own numbers.
        fluent_args.set(*k, FluentValue::from(*v));
    }
    let mut errors = Vec::new();
    Some(bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned())
}

/// The message of the error `code` in Vietnamese and in English, with
/// `args` filled in. A code with no message gives the code itself.
pub fn error_message(code: &str, args: &[(&str, &str)]) -> (String, String) {
    error_message_each(code, args, args)
}

/// Like [`error_message`], with different arguments for each language
/// (a number written the Vietnamese way, a status named in each language).
pub fn error_message_each(code: &str, args_vi: &[(&str, &str)], args_en: &[(&str, &str)]) -> (String, String) {
    let id = message_id(code);
    let vi = render(&BUNDLE_VI, &id, args_vi).unwrap_or_else(|| code.to_owned());
    let en = render(&BUNDLE_EN, &id, args_en).unwrap_or_else(|| code.to_owned());
    (vi, en)
}

/// Whether both catalogs have a message for `code`.
pub fn has_message(code: &str) -> bool {
    let id = message_id(code);
    BUNDLE_VI.has_message(&id) && BUNDLE_EN.has_message(&id)
}

#[cfg(test)]
#[path = "messages_tests.rs"]
mod tests;
