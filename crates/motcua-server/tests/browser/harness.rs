//! A real headless Chromium driven over WebDriver (Debian's `chromium` and
//! `chromium-driver`), against the real server on a fresh database.
//!
//! Without `chromedriver` the tests print "SKIPPED (no chromedriver)" and
//! pass, so `cargo test` works on a machine without a browser; `.ci/run`
//! installs it and sets `MOTCUA_TEST_BROWSER=require`, which turns a missing
//! driver into a failure. Screenshots go to `<target>/tmp/screenshots/`.
//!
//! The tests take turns (one browser at a time): two Chromiums and two
//! servers on a small machine make every wait longer than the work.
//!
//! Nothing sleeps blindly: an action that leaves the page ([`Browser::submit`],
//! [`Browser::press`], [`Browser::login`]) waits until the next document has
//! loaded, and [`Browser::wait_for_text`] polls every 100 ms up to
//! [`TIMEOUT`].

use std::future::Future;
use std::io::Write;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::common::{Backend, TestApp};

/// The longest any wait lasts before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(100);

/// The desktop window.
const DESKTOP: (u32, u32) = (1280, 1000);

/// A phone (an iPhone 12-14 viewport).
pub const PHONE: (u32, u32) = (390, 844);

/// The tallest full-page screenshot taken; longer pages are cut there.
const MAX_SHOT_HEIGHT: u64 = 8000;

/// One browser test at a time.
static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A browser session on a running test server.
pub struct Browser {
    pub client: Client,
    pub app: TestApp,
    test: String,
    shots: u32,
    started: Instant,
    /// `None` once stopped.
    driver: Option<Child>,
    _profile: TempDir,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn find_driver() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("MOTCUA_CHROMEDRIVER") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].iter().map(PathBuf::from).find(|p| p.exists())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Where screenshots go: kept after the run so people can look at them.
pub fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small but real PDF file (header, one empty page, trailer).
pub fn tiny_pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
      2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
      3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n\
      trailer << /Root 1 0 R >>\n%%EOF\n"
        .to_vec()
}

/// A file in a fresh temporary directory, removed with the value.
pub struct TempFile {
    pub path: PathBuf,
    _dir: TempDir,
}

impl TempFile {
    pub fn new(name: &str, data: &[u8]) -> TempFile {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "motcua-upload-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, data).unwrap();
        TempFile { path, _dir: TempDir(dir) }
    }
}

/// A fetched resource: status, content type and bytes.
pub struct Download {
    pub status: u16,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Browser {
    /// Starts the server (SQLite, demo data) and a browser; `None` (with a
    /// plain notice) when there is no chromedriver and it is not required.
    pub async fn start(test: &str) -> Option<Browser> {
        Browser::start_with(test, TestApp::builder()).await
    }

    /// [`Browser::start`] with the server built by `builder` (a payment
    /// platform, another clock).
    pub async fn start_with(test: &str, builder: crate::common::TestAppBuilder) -> Option<Browser> {
        let Some(driver_path) = find_driver() else {
            if std::env::var("MOTCUA_TEST_BROWSER").as_deref() == Ok("require") {
                panic!("MOTCUA_TEST_BROWSER=require but no chromedriver: apt-get install chromium chromium-driver");
            }
            // Straight to stderr: the harness hides eprintln! of passing tests.
            let _ = writeln!(std::io::stderr(), "SKIPPED (no chromedriver): {test}");
            return None;
        };
        let turn = TURN.lock().await;
        let started = Instant::now();
        let app = builder.start(Backend::Sqlite, test).await.expect("SQLite always runs");
        let port = free_port();
        // Its own process group, so that the browsers it starts can be
        // stopped with it when a test fails half-way.
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("chromedriver starts");
        let profile = std::env::temp_dir().join(format!("motcua-chrome-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&profile).unwrap();
        let mut caps = serde_json::Map::new();
        let mut options = json!({
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", format!("--window-size={},{}", DESKTOP.0, DESKTOP.1),
                "--hide-scrollbars",
                format!("--user-data-dir={}", profile.display()),
            ],
            // A Vietnamese user's browser: the interface must come up in
            // Vietnamese without anyone choosing it.
            "prefs": { "intl.accept_languages": "vi-VN,vi" },
        });
        if let Some(binary) =
            ["/usr/bin/chromium", "/usr/lib/chromium/chromium"].iter().find(|p| PathBuf::from(p).exists())
        {
            options["binary"] = json!(binary);
        }
        caps.insert("goog:chromeOptions".into(), options);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let url = format!("http://127.0.0.1:{port}");
        let mut last_err = None;
        for _ in 0..50 {
            match ClientBuilder::new(connector.clone()).capabilities(caps.clone()).connect(&url).await {
                Ok(client) => {
                    return Some(Browser {
                        client,
                        app,
                        test: test.to_owned(),
                        shots: 0,
                        started,
                        driver: Some(driver),
                        _profile: TempDir(profile),
                        _turn: turn,
                    });
                }
                Err(e) => {
                    last_err = Some(e.to_string());
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        panic!("chromedriver did not answer: {last_err:?}");
    }

    /// Opens a path of the test server (and waits for it to load).
    pub async fn open(&self, path: &str) {
        self.client.goto(&format!("{}{path}", self.app.base)).await.unwrap();
    }

    /// The current path (and query).
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// The visible text of the page's main content.
    pub async fn text(&self) -> String {
        self.client.find(Locator::Css("main")).await.unwrap().text().await.unwrap()
    }

    /// The visible text of the first element matching `css`.
    pub async fn text_of(&self, css: &str) -> String {
        let el = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}"));
        el.text().await.unwrap()
    }

    /// Whether an element matches `css`.
    pub async fn has(&self, css: &str) -> bool {
        !self.client.find_all(Locator::Css(css)).await.unwrap().is_empty()
    }

    /// An attribute of the first element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let el = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}"));
        el.attr(name).await.unwrap()
    }

    /// The page's language (`<html lang>`).
    pub async fn lang(&self) -> String {
        self.attr("html", "lang").await.unwrap_or_default()
    }

    /// Polls `check` every 100 ms until it gives `Some`, or fails the test
    /// after [`TIMEOUT`] saying what it waited for.
    pub async fn wait_until<T, F, Fut>(&self, what: &str, mut check: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Option<T>>,
    {
        let end = Instant::now() + TIMEOUT;
        loop {
            if let Some(v) = check().await {
                return v;
            }
            if Instant::now() > end {
                let path = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
                let text = self.main_text().await.unwrap_or_default();
                panic!("waited {TIMEOUT:?} for {what}; on {path}:\n{text}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The main text, or `None` while the page is changing.
    async fn main_text(&self) -> Option<String> {
        let el = self.client.find(Locator::Css("main")).await.ok()?;
        el.text().await.ok()
    }

    /// Waits until the main content shows `text`; returns all of it.
    pub async fn wait_for_text(&self, text: &str) -> String {
        self.wait_until(&format!("the text {text:?}"), || async { self.main_text().await.filter(|t| t.contains(text)) })
            .await
    }

    /// Waits until the current path (without the query) is `path`.
    pub async fn wait_for_path(&self, path: &str) {
        self.wait_until(&format!("the path {path}"), || async {
            let url = self.client.current_url().await.ok()?;
            (url.path() == path).then_some(())
        })
        .await
    }

    /// Marks the current document, runs `act` (a click that leaves the
    /// page), and waits until another document has fully loaded.
    async fn leaving<Fut: Future<Output = ()>>(&self, what: &str, act: Fut) {
        self.client.execute("window.__motcuaOld = true; return null;", vec![]).await.unwrap();
        act.await;
        self.wait_until(&format!("the page after {what}"), || async {
            let js = "return window.__motcuaOld === undefined && document.readyState === 'complete';";
            // While the next page loads the script may fail: not ready yet.
            self.client.execute(js, vec![]).await.ok().filter(|v| v == &Value::Bool(true)).map(|_| ())
        })
        .await;
    }

    /// Types into the input whose id is `id`, replacing what was there.
    pub async fn fill(&self, id: &str, value: &str) {
        let el = self.client.find(Locator::Id(id)).await.unwrap_or_else(|e| panic!("no #{id}: {e}"));
        el.clear().await.unwrap();
        el.send_keys(value).await.unwrap();
    }

    /// Chooses a file for the file input `id`.
    pub async fn attach(&self, id: &str, file: &TempFile) {
        let el = self.client.find(Locator::Id(id)).await.unwrap_or_else(|e| panic!("no #{id}: {e}"));
        el.send_keys(&file.path.display().to_string()).await.unwrap();
    }

    /// Chooses an option of the select `id` by its value.
    pub async fn select(&self, id: &str, value: &str) {
        let el = self.client.find(Locator::Id(id)).await.unwrap_or_else(|e| panic!("no #{id}: {e}"));
        el.select_by_value(value).await.unwrap();
    }

    /// Clicks the element matching the CSS selector (staying on the page).
    pub async fn click(&self, css: &str) {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}")).click().await.unwrap();
    }

    /// Clicks the element matching `css` and waits for the next page.
    pub async fn submit(&self, css: &str) {
        self.leaving(css, self.click(css)).await;
    }

    /// Clicks the button or link whose text is `label` (exactly, trimmed;
    /// the first one when several are) and waits for the next page.
    pub async fn press(&self, label: &str) {
        let xpath = format!("(//button[normalize-space()='{label}'] | //a[normalize-space()='{label}'])[1]");
        let path = self.path().await;
        let el = self
            .client
            .find(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no button \"{label}\" on {path}: {e}"));
        self.leaving(label, async { el.click().await.unwrap() }).await;
    }

    /// Logs in through the login page (and waits for the answer).
    pub async fn login(&self, username: &str, password: &str) {
        self.open("/login").await;
        self.fill("username", username).await;
        self.fill("password", password).await;
        self.submit("main form button[type=submit]").await;
    }

    /// Logs in as a demo user; fails unless the login page is left.
    pub async fn login_as(&self, username: &str) {
        self.login(username, TestApp::password(username)).await;
        let path = self.path().await;
        assert!(!path.starts_with("/login"), "{username} could not log in: {}", self.text().await);
    }

    /// Logs out with the header's button.
    pub async fn logout(&self) {
        self.submit("header form[action='/logout'] button").await;
    }

    /// Switches the interface language with the header's link, as a user
    /// does, and checks the page came back in that language.
    pub async fn set_language(&self, lang: &str) {
        let link = format!("header a[hreflang='{lang}']");
        assert!(self.has(&link).await, "no link to {lang} on {}", self.path().await);
        self.submit(&link).await;
        // One of the site's pages (the browser's own error page has a lang too).
        assert!(self.has("main#content").await, "the language switch landed on {}", self.path().await);
        assert_eq!(self.lang().await, lang, "the language switch landed on {}", self.path().await);
    }

    /// Runs a script in the page and returns its value.
    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    /// Changes one byte of a signed PDF (at `at`) and checks that the public
    /// `/verify` page says "failed" for the copy.
    pub async fn tampered_copy_fails(&self, signed: &[u8], at: usize) {
        let mut tampered = signed.to_vec();
        tampered[at] = tampered[at].wrapping_add(1);
        let copy = TempFile::new("ban-sao.pdf", &tampered);
        self.open("/verify").await;
        self.attach("document", &copy).await;
        self.press("Kiểm tra").await;
        self.wait_for_text("Kết quả kiểm tra").await;
        assert_eq!(self.attr("#result", "data-verdict").await.as_deref(), Some("failed"));
    }

    /// Fetches a path of the server with the browser's cookies (its login).
    pub async fn download(&self, path: &str) -> Download {
        let cookies = self.client.get_all_cookies().await.unwrap();
        let header: Vec<String> = cookies.iter().map(|c| format!("{}={}", c.name(), c.value())).collect();
        let url = if path.starts_with("http") { path.to_owned() } else { self.app.url(path) };
        let res = reqwest::Client::new().get(url).header("cookie", header.join("; ")).send().await.unwrap();
        let status = res.status().as_u16();
        let content_type =
            res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let bytes = res.bytes().await.unwrap().to_vec();
        Download { status, content_type, bytes }
    }

    /// Saves a screenshot of the whole page as `<test>-<n>-<name>.png`.
    pub async fn shot(&mut self, name: &str) -> PathBuf {
        self.shots += 1;
        let (w, h) = self.client.get_window_size().await.unwrap();
        // The window is made as tall as the page, so the picture shows all of it.
        let js = "return [document.documentElement.scrollHeight, window.outerHeight - window.innerHeight];";
        let sizes = self.js(js).await;
        let page = sizes[0].as_u64().unwrap_or(h);
        let chrome = sizes[1].as_u64().unwrap_or(0);
        let tall = (page + chrome).clamp(h, MAX_SHOT_HEIGHT);
        if tall != h {
            self.client.set_window_size(w as u32, tall as u32).await.unwrap();
        }
        let png = self.client.screenshot().await.unwrap();
        if tall != h {
            self.client.set_window_size(w as u32, h as u32).await.unwrap();
        }
        let path = screenshot_dir().join(format!("{}-{:02}-{name}.png", self.test, self.shots));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// Keeps a downloaded file (a slip) next to the screenshots, as
    /// `<test>-<name>`.
    pub fn keep(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = screenshot_dir().join(format!("{}-{name}", self.test));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// At phone width: asserts that the page does not scroll sideways, and
    /// saves a screenshot `<name>-phone`; then back to the desktop window.
    pub async fn check_phone(&mut self, name: &str) {
        self.client.set_window_size(PHONE.0, PHONE.1).await.unwrap();
        let js = "return [document.documentElement.scrollWidth, window.innerWidth];";
        let sizes = self.js(js).await;
        let (scroll, inner) = (sizes[0].as_u64().unwrap(), sizes[1].as_u64().unwrap());
        assert!(inner <= u64::from(PHONE.0) + 20, "the window did not shrink to a phone's: {inner} px");
        if scroll > inner {
            // Name the widest culprits, to say what to fix.
            let culprits = self
                .js(
                    "const w = window.innerWidth; return Array.from(document.querySelectorAll('main *'))\
                     .filter(e => e.getBoundingClientRect().right > w + 1)\
                     .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));",
                )
                .await;
            self.shot(&format!("{name}-phone-OVERFLOW")).await;
            panic!("{} scrolls sideways on a phone: {scroll} px wide in {inner} px; {culprits}", self.path().await);
        }
        self.shot(&format!("{name}-phone")).await;
        self.client.set_window_size(DESKTOP.0, DESKTOP.1).await.unwrap();
    }

    /// Ends the browser session and the driver, and says how long it took.
    pub async fn finish(mut self) {
        let _ = self.client.clone().close().await;
        self.stop_driver();
        let _ = writeln!(
            std::io::stderr(),
            "browser test {}: {:.1} s, {} screenshots",
            self.test,
            self.started.elapsed().as_secs_f64(),
            self.shots
        );
    }
}

impl Browser {
    /// Stops chromedriver and whatever is left of its process group.
    fn stop_driver(&mut self) {
        if let Some(mut driver) = self.driver.take() {
            let group = format!("-{}", driver.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
            let _ = driver.kill();
            let _ = driver.wait();
        }
    }
}

impl Drop for Browser {
    /// A failed test never reaches [`Browser::finish`]: its browser and
    /// driver still go away.
    fn drop(&mut self) {
        self.stop_driver();
    }
}
