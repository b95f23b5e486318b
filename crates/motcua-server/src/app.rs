//! Building and running the application: the router, its layers, and a
//! listener on the configured address (port 0 for tests).

use std::net::SocketAddr;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue};
use axum::routing::{delete, get, post, put};
use tokio::net::TcpListener;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::error::localize_errors;
use crate::routes::{
    account, auth, calendar, data_views, dossiers, flow, health, inbox, notifications, portal_scores, procedures,
    public, register, results, search, signatures, stats, supplement, synonyms, units,
};
use crate::state::AppState;
use crate::time::Clock;

use crate::routes::eforms;
use crate::routes::kept_documents as kept;
use crate::routes::payments;
use crate::routes::procedure_forms as forms;

/// The online supplement: the files of a submission plus room for the framing.
fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(crate::web::public::uploads::MAX_BODY)
}

/// One form file and its name.
fn form_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(crate::web::public::uploads::MAX_FORM + 64 * 1024)
}

/// One PDF to sign or verify.
fn pdf_limit() -> DefaultBodyLimit {
    crate::signatures::body_limit()
}

/// The whole HTTP surface.
pub fn router(state: AppState) -> Router {
    let max_body = state.config.max_body_bytes;
    let api = Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/register", post(auth::register))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/account/password", post(account::change_password))
        .route("/account/sessions", get(account::sessions))
        .route("/account/sessions/{id}", delete(account::end_session))
        .route("/units", get(units::list).post(units::create))
        .route("/units/{code}/counter", put(units::put_counter))
        .route("/users", get(units::users).post(units::create_user))
        .route("/users/{id}/password-reset", post(account::reset))
        .route("/fields", get(procedures::fields))
        .route("/procedures", get(procedures::list).post(procedures::create))
        .route("/procedures/export", get(procedures::export))
        .route("/procedures/import", post(procedures::import))
        .route("/procedures/{code}", get(procedures::get).put(procedures::update))
        .route("/procedures/{code}/history", get(procedures::history))
        .route("/procedures/{code}/forms", get(forms::list).post(forms::add).layer(form_limit()))
        .route("/procedures/{code}/forms/{id}", get(forms::download).patch(forms::rename).delete(forms::remove))
        .route("/procedures/{code}/eform", get(eforms::get).put(eforms::put).delete(eforms::delete))
        .route("/catalogue/synonyms", get(synonyms::get).put(synonyms::put))
        .route("/calendar", get(calendar::get_calendar))
        .route("/calendar/deadline", get(calendar::deadline))
        .route("/calendar/config", put(calendar::put_config))
        .route("/calendar/years/{year}", put(calendar::put_year).delete(calendar::delete_year))
        .route("/dossiers", post(dossiers::create))
        .route("/dossiers/search", get(search::search))
        .route("/register", get(register::register))
        .route("/dossiers/{ref}", get(dossiers::get))
        .route("/dossiers/{ref}/actions", post(dossiers::act))
        .route("/dossiers/{ref}/eform", get(eforms::dossier))
        .route("/dossiers/{ref}/supplement", post(supplement::supplement).layer(upload_limit()))
        .route("/dossiers/{ref}/results", get(results::list).post(results::prepare).layer(pdf_limit()))
        .route("/dossiers/{ref}/results/remote-signing", post(results::sign_remote))
        .route("/dossiers/{ref}/results/to-sign", get(results::to_sign))
        .route("/dossiers/{ref}/results/signed", post(results::upload_signed).layer(pdf_limit()))
        .route("/dossiers/{ref}/results/issue", post(results::issue))
        .route("/dossiers/{ref}/results/revoke", post(results::revoke))
        .route("/dossiers/{ref}/results/{id}/file", get(results::file))
        .route("/public/results/{token}", get(results::public))
        .route("/dossiers/{ref}/files/{id}/digitise", post(kept::digitise))
        .route("/dossiers/{ref}/scans", post(kept::scan).layer(pdf_limit()))
        .route("/dossiers/{ref}/kept-documents", get(kept::of_dossier))
        .route("/me/kept-documents", get(kept::mine))
        .route("/kept-documents/search", post(kept::search))
        .route("/dossiers/{ref}/payments", get(payments::list))
        .route("/dossiers/{ref}/payments/due", get(payments::due))
        .route("/dossiers/{ref}/payments/online", post(payments::online))
        .route("/dossiers/{ref}/payments/{id}/receipt", get(payments::receipt))
        .route("/payments/callback", post(payments::callback))
        .route("/payments/statements", get(payments::statements).post(payments::import_statement))
        .route("/dossiers/bulk-actions", post(flow::bulk))
        .route("/dossiers/{ref}/assignees", get(flow::assignees))
        .route("/dossiers/{ref}/notifications", get(notifications::of_dossier))
        .route("/account/notifications", get(notifications::my_contact).put(notifications::set_my_contact))
        .route("/escalation-rules", get(notifications::rules))
        .route("/escalation-rules/{scope}/{code}", put(notifications::put_rule).delete(notifications::delete_rule))
        .route("/escalations", get(notifications::escalations))
        .route("/notifications/status", get(notifications::status))
        .route("/exchange/log", get(crate::routes::exchange::log))
        .route("/inbox", get(inbox::inbox))
        .route("/data-views", get(data_views::list))
        .route("/stats/units", get(stats::units))
        .route("/stats/dashboard", get(stats::dashboard))
        .route("/stats/steps", get(stats::steps))
        .route("/public/ranking", get(stats::public_ranking))
        .route("/index766/portal-scores", post(portal_scores::record))
        .route("/public/dossiers/{code}", get(public::status))
        .route("/signatures/verify", post(signatures::verify).layer(crate::signatures::body_limit()))
        .route("/openapi.json", get(crate::openapi::serve))
        .merge(crate::routes::reform::routes());
    Router::new()
        .route("/healthz", get(health::healthz))
        .nest("/api/v1", api)
        .merge(crate::web::router())
        .fallback(not_found)
        // Text that cannot be stored (NUL, broken UTF-8) in a path parameter,
        // the query string or a form, refused before any handler runs.
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::input::guard))
        // Cookie-authenticated API writes prove they come from this site.
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::origin::guard))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::web::html_errors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::web::csrf::ensure_token))
        .layer(axum::middleware::from_fn(crate::error::api_rejections))
        .layer(axum::middleware::from_fn(localize_errors))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("no-referrer"),
        ))
        // Answers carry personal data (dossiers, the look-up, slips, every
        // page with a login): no cache keeps them. Only the fingerprinted
        // stylesheet sets its own, long, caching.
        .layer(SetResponseHeaderLayer::if_not_present(
            axum::http::header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        // Pages load only their own stylesheet, script and images; inline
        // scripts and other origins are refused, so injected markup cannot run.
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("content-security-policy"),
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                 form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
            ),
        ))
        // Paths carry no personal data (the public look-up's check digits
        // are a query parameter, which the trace span leaves out).
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            tracing::info_span!("http", http.method = %req.method(), http.path = %req.uri().path())
        }))
        .with_state(state)
}

async fn not_found() -> crate::error::ApiError {
    crate::error::ApiError::coded(axum::http::StatusCode::NOT_FOUND, "not_found", None)
}

/// A built application: its state and a bound listener.
pub struct Application {
    pub state: AppState,
    listener: TcpListener,
}

impl Application {
    /// Opens the store, migrates it, loads the calendar and binds the
    /// listener. Demo data is the caller's choice (see `crate::demo`).
    pub async fn build(config: Config, clock: Clock) -> anyhow_like::Result<Application> {
        let store =
            motcua_store::Store::open_at(&config.database_url, config.code_format, config.files_dir.as_deref())?;
        store.migrate().await?;
        let listener = TcpListener::bind(&config.bind).await?;
        let state = AppState::new(store, config, clock)
            .await
            .map_err(|e| anyhow_like::Error(format!("{}: {}", e.code, e.message_en)))?;
        Ok(Application { state, listener })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until ctrl-c (or SIGTERM); in-flight requests finish first.
    pub async fn run(self) -> std::io::Result<()> {
        spawn_housekeeping(&self.state);
        crate::notify::spawn(&self.state);
        crate::portal_sync::sender::start(&self.state);
        crate::exchange::start(&self.state);
        axum::serve(self.listener, router(self.state).into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown())
            .await
    }

    /// Serves until `stop` resolves (tests).
    pub async fn run_until(self, stop: impl std::future::Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        spawn_housekeeping(&self.state);
        axum::serve(self.listener, router(self.state).into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(stop)
            .await
    }
}

/// Every hour, deletes the throttling counters that have been quiet for
/// two days (each failed login or look-up may leave one).
fn spawn_housekeeping(state: &AppState) {
    let state = state.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            let now = state.now();
            if let Err(e) = state.store.throttle_prune(now - chrono::Duration::days(2), now).await {
                tracing::warn!(error.cause = %e, "could not prune the throttling counters");
            }
        }
    });
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// Start-up errors: a message for the operator, nothing more.
pub mod anyhow_like {
    #[derive(Debug)]
    pub struct Error(pub String);

    impl std::fmt::Display for Error {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl std::error::Error for Error {}

    impl From<motcua_store::StoreError> for Error {
        fn from(e: motcua_store::StoreError) -> Self {
            Error(e.to_string())
        }
    }

    impl From<std::io::Error> for Error {
        fn from(e: std::io::Error) -> Self {
            Error(e.to_string())
        }
    }

    pub type Result<T> = std::result::Result<T, Error>;
}
