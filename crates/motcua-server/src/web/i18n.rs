//! The interface's words, in Vietnamese (default) and English, from one
//! Fluent catalog: `locales/{vi,en}/*.ftl`, compiled into the binary, plus
//! the error messages of the rules, the store and the API, which live with
//! the rules (`crates/motcua-rules/locales/{vi,en}/errors.ftl`) because
//! those crates raise them.
//!
//! A page asks for a message by id (`page.t("login-title")`); a missing id
//! shows the id itself, and the `catalog_is_complete` test fails, so a
//! message is never silently blank.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, for the switch in the header.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    pub fn english(self) -> bool {
        self == Lang::En
    }
}

/// The catalog files, one per area of the interface, in both languages.
macro_rules! catalog_files {
    ($lang:literal, $errors:expr) => {
        [
            ("common", include_str!(concat!("../../locales/", $lang, "/common.ftl"))),
            ("public", include_str!(concat!("../../locales/", $lang, "/public.ftl"))),
            ("office", include_str!(concat!("../../locales/", $lang, "/office.ftl"))),
            ("admin", include_str!(concat!("../../locales/", $lang, "/admin.ftl"))),
            ("stats", include_str!(concat!("../../locales/", $lang, "/stats.ftl"))),
            ("reports", include_str!(concat!("../../locales/", $lang, "/reports.ftl"))),
            ("reform", include_str!(concat!("../../locales/", $lang, "/reform.ftl"))),
            ("notify", include_str!(concat!("../../locales/", $lang, "/notify.ftl"))),
            ("payments", include_str!(concat!("../../locales/", $lang, "/payments.ftl"))),
            ("documents", include_str!(concat!("../../locales/", $lang, "/documents.ftl"))),
            ("errors", $errors),
        ]
    };
}

const VI: [(&str, &str); 11] = catalog_files!("vi", motcua_rules::messages::ERRORS_VI);
const EN: [(&str, &str); 11] = catalog_files!("en", motcua_rules::messages::ERRORS_EN);

fn bundle(lang: &str, files: &[(&str, &str)]) -> FluentBundle<FluentResource> {
    let id = lang.parse().expect("valid language id");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks would show up in form values and tests; our
    // arguments are short and never change direction.
    bundle.set_use_isolating(false);
    for (name, text) in files {
        let resource = FluentResource::try_new((*text).to_owned())
            .unwrap_or_else(|(_, errors)| panic!("locales/{lang}/{name}.ftl does not parse: {errors:?}"));
        bundle.add_resource(resource).unwrap_or_else(|e| panic!("locales/{lang}/{name}.ftl: duplicate ids {e:?}"));
    }
    bundle
}

static BUNDLE_VI: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle("vi", &VI));
static BUNDLE_EN: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle("en", &EN));

fn bundle_for(lang: Lang) -> &'static FluentBundle<FluentResource> {
    match lang {
        Lang::Vi => &BUNDLE_VI,
        Lang::En => &BUNDLE_EN,
    }
}

/// The message `id` in `lang`, with `args` filled in.
pub fn message(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    let bundle = bundle_for(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (k, v) in args {
        // Numbers stay strings: Fluent's number formatting would group digits
        // the English way in both languages.
        fluent_args.set(*k, FluentValue::from(*v));
    }
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
}

/// Whether the catalog has `id` (for code that falls back when it does not).
pub fn has(lang: Lang, id: &str) -> bool {
    bundle_for(lang).has_message(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(files: &[(&str, &str)]) -> std::collections::BTreeSet<String> {
        files
            .iter()
            .flat_map(|(_, text)| text.lines())
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
            .filter(|id| !id.is_empty() && !id.starts_with(['#', ' ', '.', '-', '*', '[']))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let (vi, en) = (ids(&VI), ids(&EN));
        let only_vi: Vec<_> = vi.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&vi).collect();
        assert!(only_vi.is_empty() && only_en.is_empty(), "only in vi: {only_vi:?}; only in en: {only_en:?}");
        assert!(vi.len() > 50, "the catalog has {} messages", vi.len());
    }

    #[test]
    fn every_message_the_templates_use_exists() {
        let mut missing = Vec::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(path) = stack.pop() {
            for entry in std::fs::read_dir(&path).unwrap() {
                let p = entry.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                for part in text.split("t(\"").skip(1) {
                    let id = part.split('"').next().unwrap();
                    for lang in [Lang::Vi, Lang::En] {
                        if !has(lang, id) {
                            missing.push(format!("{} {}: {id}", p.display(), lang.code()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "messages used but not in the catalog: {missing:#?}");
    }

    #[test]
    fn arguments_are_filled_in() {
        assert_eq!(message(Lang::Vi, "page-of", &[("page", "2")]), "Trang 2");
        assert_eq!(message(Lang::En, "page-of", &[("page", "2")]), "Page 2");
        assert_eq!(message(Lang::En, "no-such-message", &[]), "no-such-message");
    }
}
