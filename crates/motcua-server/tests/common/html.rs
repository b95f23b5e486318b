//! What the page tests share: a browser-like HTTP client (its own cookies,
//! redirects not followed so tests see them), an answer as text, and
//! reading values back out of the HTML.

use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::cookie::Jar;
use reqwest::header::HeaderMap;

use super::{TestApp, header};

/// An answer: status, headers, body as text.
pub struct Html {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Html {
    pub async fn read(res: reqwest::Response) -> Html {
        let (status, headers) = (res.status(), res.headers().clone());
        Html { status, headers, body: res.text().await.expect("a text body") }
    }

    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &str {
        assert_eq!(self.status.as_u16(), status, "unexpected answer:\n{}", self.body);
        &self.body
    }

    pub fn location(&self) -> &str {
        header(&self.headers, "location").unwrap_or("")
    }

    #[track_caller]
    pub fn assert_contains(&self, texts: &[&str]) {
        for t in texts {
            assert!(self.body.contains(t), "the page lacks {t:?}:\n{}", self.body);
        }
    }

    #[track_caller]
    pub fn assert_lacks(&self, texts: &[&str]) {
        for t in texts {
            assert!(!self.body.contains(t), "the page shows {t:?}:\n{}", self.body);
        }
    }
}

impl TestApp {
    /// A client with its own cookie jar: logged in as the demo user
    /// `username` (its session cookie is the API token the helpers hold),
    /// in `lang` (`motcua_lang` cookie) when given. Redirects are not
    /// followed, so tests see them.
    pub async fn page_client(&self, username: Option<&str>, lang: Option<&str>) -> reqwest::Client {
        let token = match username {
            Some(user) => Some(self.login(user).await),
            None => None,
        };
        self.page_client_with(token.as_deref(), lang)
    }

    /// A client with its own cookie jar holding the session `token` (when
    /// given) and the language `lang`.
    pub fn page_client_with(&self, token: Option<&str>, lang: Option<&str>) -> reqwest::Client {
        let jar = Arc::new(Jar::default());
        let url = self.base.parse().unwrap();
        if let Some(token) = token {
            jar.add_cookie_str(&format!("motcua_session={token}; Path=/"), &url);
        }
        if let Some(lang) = lang {
            jar.add_cookie_str(&format!("motcua_lang={lang}; Path=/"), &url);
        }
        reqwest::Client::builder().cookie_provider(jar).redirect(reqwest::redirect::Policy::none()).build().unwrap()
    }
}

/// The value of the first `name="NAME" value="…"` of a page, as written.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let needle = format!("name=\"{name}\" value=\"");
    let start = html.find(&needle)? + needle.len();
    Some(html[start..].split('"').next()?.to_owned())
}

/// Undoes askama's HTML escaping (`&#34;` …, `&` last).
pub fn unescape(s: &str) -> String {
    s.replace("&#34;", "\"").replace("&#39;", "'").replace("&#60;", "<").replace("&#62;", ">").replace("&#38;", "&")
}
