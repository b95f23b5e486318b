//! Stand-ins on 127.0.0.1 for an SMS gateway and for Zalo ZNS, speaking
//! the protocols the channels speak: `POST /sms` takes the default SMS
//! body (`{"to", "text", "id"}`) and answers `{"code": "0", "id": …}`;
//! `POST /message/template` checks the `access_token` header and the ZNS
//! body (a phone `84` + 9 digits, a template id, an object of strings, a
//! tracking id) and answers as Zalo does, `{"error": 0, "message":
//! "Success", "data": {"msg_id", "sent_time"}}` or a non-zero `error`.

use std::sync::{Arc, Mutex};

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

/// The token the Zalo stand-in accepts.
pub const ZALO_TOKEN: &str = "test-zalo-oa-token";

/// How the stand-in answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GatewayBehaviour {
    Accept,
    /// HTTP 503 to everything.
    Down,
    /// HTTP 200 with a refusal in the body.
    Refuse,
    /// HTTP 200 with a body that is not the protocol's.
    Garble,
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: &'static str,
    pub body: Value,
}

#[derive(Clone)]
struct Shared {
    requests: Arc<Mutex<Vec<Request>>>,
    behaviour: Arc<Mutex<GatewayBehaviour>>,
}

/// A running stand-in; stops when dropped.
pub struct GatewayStandIn {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    shared: Shared,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for GatewayStandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl GatewayStandIn {
    pub async fn start() -> GatewayStandIn {
        let shared = Shared {
            requests: Arc::new(Mutex::new(Vec::new())),
            behaviour: Arc::new(Mutex::new(GatewayBehaviour::Accept)),
        };
        let app =
            Router::new().route("/sms", post(sms)).route("/message/template", post(zns)).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let base = format!("http://{}", listener.local_addr().expect("bound"));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        GatewayStandIn { base, shared, task }
    }

    pub fn set_behaviour(&self, b: GatewayBehaviour) {
        *self.shared.behaviour.lock().expect("stand-in lock") = b;
    }

    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().expect("stand-in lock").clone()
    }

    pub fn sms_url(&self) -> String {
        format!("{}/sms", self.base)
    }

    pub fn zns_url(&self) -> String {
        format!("{}/message/template", self.base)
    }
}

impl Shared {
    fn record(&self, path: &'static str, body: &Value) -> (GatewayBehaviour, usize) {
        let mut r = self.requests.lock().expect("stand-in lock");
        r.push(Request { path, body: body.clone() });
        (*self.behaviour.lock().expect("stand-in lock"), r.len())
    }
}

async fn sms(State(s): State<Shared>, Json(body): Json<Value>) -> Response {
    let (behaviour, n) = s.record("/sms", &body);
    let well_formed =
        ["to", "text"].iter().all(|k| body.get(*k).and_then(Value::as_str).is_some_and(|v| !v.is_empty()));
    match behaviour {
        GatewayBehaviour::Down => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        GatewayBehaviour::Garble => "OK".into_response(),
        GatewayBehaviour::Refuse => Json(json!({"code": "99", "message": "refused"})).into_response(),
        GatewayBehaviour::Accept if !well_formed => {
            (StatusCode::BAD_REQUEST, Json(json!({"code": "1", "message": "to and text are required"}))).into_response()
        }
        GatewayBehaviour::Accept => Json(json!({"code": "0", "id": format!("sms-{n}")})).into_response(),
    }
}

/// Whether a ZNS body is what the protocol asks.
fn zns_problem(body: &Value) -> Option<&'static str> {
    let phone = body.get("phone").and_then(Value::as_str)?;
    if !(phone.len() == 11 && phone.starts_with("84") && phone.bytes().all(|b| b.is_ascii_digit())) {
        return Some("Phone number is invalid");
    }
    if body.get("template_id").and_then(Value::as_str).is_none_or(str::is_empty) {
        return Some("Template id is invalid");
    }
    let data = body.get("template_data").and_then(Value::as_object)?;
    if !data.values().all(Value::is_string) {
        return Some("Template data is invalid");
    }
    if body.get("tracking_id").and_then(Value::as_str).is_none() {
        return Some("Tracking id is required");
    }
    None
}

async fn zns(State(s): State<Shared>, headers: HeaderMap, Json(body): Json<Value>) -> Response {
    let (behaviour, n) = s.record("/message/template", &body);
    match behaviour {
        GatewayBehaviour::Down => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        GatewayBehaviour::Garble => return Json(json!({"ok": true})).into_response(),
        GatewayBehaviour::Refuse => {
            return Json(json!({"error": -108, "message": "Phone number is invalid"})).into_response();
        }
        GatewayBehaviour::Accept => {}
    }
    if headers.get("access_token").and_then(|v| v.to_str().ok()) != Some(ZALO_TOKEN) {
        return Json(json!({"error": -124, "message": "Access token is invalid"})).into_response();
    }
    let shape = if body.get("phone").is_none() || body.get("template_data").is_none() {
        Some("Body is invalid")
    } else {
        zns_problem(&body)
    };
    if let Some(message) = shape {
        return Json(json!({"error": -100, "message": message})).into_response();
    }
    Json(
        json!({"error": 0, "message": "Success", "data": {"msg_id": format!("zns-{n}"), "sent_time": "1772589600000"}}),
    )
    .into_response()
}
