//! The official slips as PDF (`motcua-pdf`): the receipt with the
//! appointment date, the supplement request, the refusal and the apology
//! with the new date, built from a dossier and its history.
//!
//! Staff print them from the dossier page; the applicant who submitted
//! online downloads them from "my dossiers". The slip shows the applicant's
//! full data: it is handed to that applicant.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDateTime;
use motcua_pdf::{Agency, Apology, ComponentLine, Receipt, Refusal, Slip, SlipCommon, SupplementRequest};
use motcua_rules::dossier::ActionKind;
use motcua_store::model::{Dossier, DossierEvent, ProcedureVersion};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::routes::dossiers::{parse_ref, visible};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/office/dossiers/{ref}/slips/{file}", get(slip)).route("/my/{ref}/slips/{file}", get(slip))
}

/// The four slips, by the name in their URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlipKind {
    Receipt,
    Supplement,
    Refusal,
    Apology,
}

impl SlipKind {
    pub fn parse(file: &str) -> Option<SlipKind> {
        match file.strip_suffix(".pdf")? {
            "receipt" => Some(SlipKind::Receipt),
            "supplement" => Some(SlipKind::Supplement),
            "refusal" => Some(SlipKind::Refusal),
            "apology" => Some(SlipKind::Apology),
            _ => None,
        }
    }

    /// The history event a slip documents; the latest one is used.
    fn event(self) -> &'static [ActionKind] {
        match self {
            SlipKind::Receipt => &[ActionKind::ReceiveAtCounter, ActionKind::Receive],
            SlipKind::Supplement => &[ActionKind::RequestSupplement],
            SlipKind::Refusal => &[ActionKind::RefuseToReceive],
            SlipKind::Apology => &[ActionKind::Reschedule],
        }
    }
}

fn no_slip() -> ApiError {
    ApiError::coded(StatusCode::NOT_FOUND, "slip_not_available", None)
}

async fn slip(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path((r, file)): Path<(String, String)>,
) -> ApiResult<Response> {
    let kind = SlipKind::parse(&file).ok_or_else(super::not_found)?;
    let (d, version) = visible(&state, &me, parse_ref(&r)).await?;
    // A slip names the applicant; a citizen's own are not recorded.
    crate::routes::data_views::record(&state, &me, &d, motcua_store::ViewedVia::Slip).await?;
    let events = state.store.dossier_events(d.id).await?;
    let lookup_base = public_base(&state, &headers);
    let slip = build(&state, kind, &d, &version, &events, &lookup_base).await?;
    let name = slip.file_name();
    let pdf =
        tokio::task::spawn_blocking(move || slip.render()).await.map_err(|_| ApiError::internal())?.map_err(|e| {
            tracing::error!(error.cause = %e, "slip rendering failed");
            ApiError::internal()
        })?;
    let mut res = pdf.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let disposition = format!("inline; filename=\"{name}\"");
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(|_| ApiError::internal())?);
    Ok(res)
}

/// The site's address for the QR code: the configured public URL, else the
/// host the request came to.
fn public_base(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.config.public_url {
        return url.trim_end_matches('/').to_owned();
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let scheme = if state.config.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// Assembles the slip's data from the dossier, its procedure and history.
async fn build(
    state: &AppState,
    kind: SlipKind,
    d: &Dossier,
    version: &ProcedureVersion,
    events: &[DossierEvent],
    lookup_base: &str,
) -> ApiResult<Slip> {
    let index = events
        .iter()
        .rposition(|e| ActionKind::parse(&e.action).is_some_and(|k| kind.event().contains(&k)))
        .ok_or_else(no_slip)?;
    let event = &events[index];
    let unit = state.store.unit(d.state.receiving_unit.id).await?.ok_or_else(ApiError::internal)?;
    let parent = match unit.parent_id {
        Some(id) => state.store.unit(id).await?.map(|p| p.name),
        None => None,
    };
    let officer = match event.actor_user_id {
        Some(id) => state.store.user(id).await?.map(|u| u.full_name),
        None => None,
    };
    let a = &d.applicant;
    let common = SlipCommon {
        agency: Agency {
            parent: parent.unwrap_or_default().to_uppercase(),
            name: unit.name.to_uppercase(),
            place: place_name(&unit.name),
        },
        // An online submission refused or sent back before reception has no
        // code; an internal number has no place on an official form.
        dossier_code: d.code.clone().unwrap_or_default(),
        procedure_name: version.data.name.clone(),
        procedure_code: version.data.code.clone(),
        applicant: motcua_pdf::Applicant {
            name: a.name.clone(),
            id_number: a.id_number.clone(),
            phone: a.phone.clone(),
            email: a.email.clone(),
            address: a.address.clone(),
        },
        officer_name: officer.unwrap_or_default(),
        issued_at: event.at,
    };
    let received_at = d.state.received_at.unwrap_or(d.submitted_at);
    let note = event.note.clone().unwrap_or_default();
    Ok(match kind {
        SlipKind::Receipt => Slip::Receipt(Receipt {
            components: components(d, version),
            received_at,
            due_at: event.due_at.or(d.state.due_at).ok_or_else(no_slip)?,
            channel: channel_vi(d).to_owned(),
            return_place: format!("Bộ phận Một cửa, {}", unit.name),
            lookup_url: format!("{lookup_base}/lookup?code={}", common.dossier_code),
            common,
        }),
        SlipKind::Supplement => {
            let (reason, items) = split_items(&note);
            Slip::SupplementRequest(SupplementRequest { common, received_at, items, reason })
        }
        SlipKind::Refusal => Slip::Refusal(Refusal { common, reason: note }),
        SlipKind::Apology => {
            let old_due = previous_due(events, index).ok_or_else(no_slip)?;
            Slip::Apology(Apology {
                received_at,
                old_due,
                new_due: event.due_at.ok_or_else(no_slip)?,
                reason: note,
                unit_at_fault: unit_at_fault(state, event).await?.unwrap_or_else(|| unit.name.clone()),
                common,
            })
        }
    })
}

/// The components handed in, with the catalog's original/copy wording.
fn components(d: &Dossier, version: &ProcedureVersion) -> Vec<ComponentLine> {
    d.components
        .iter()
        .map(|c| {
            let kind = version.data.components.iter().find(|k| k.name == c.name).map_or("", |k| {
                match (k.originals, k.copies) {
                    (0, 0) => "",
                    (_, 0) => "Bản chính",
                    (0, _) => "Bản sao",
                    _ => "Bản chính và bản sao",
                }
            });
            ComponentLine { name: c.name.clone(), count: c.count, kind: kind.to_owned() }
        })
        .collect()
}

fn channel_vi(d: &Dossier) -> &'static str {
    match d.channel {
        motcua_store::model::Channel::Counter => "Trực tiếp",
        motcua_store::model::Channel::Online => "Trực tuyến",
        motcua_store::model::Channel::Postal => "Bưu chính",
    }
}

/// The due date in force before event `index` (the one a reschedule moved).
fn previous_due(events: &[DossierEvent], index: usize) -> Option<NaiveDateTime> {
    events[..index].iter().rev().find_map(|e| e.due_at)
}

/// The unit whose officer asked for the new date.
async fn unit_at_fault(state: &AppState, event: &DossierEvent) -> ApiResult<Option<String>> {
    Ok(match event.actor_unit_id {
        Some(id) => state.store.unit(id).await?.map(|u| u.name),
        None => None,
    })
}

/// A supplement note's reason and its list: lines starting with "-" or
/// "•" are the items to add or correct, the other lines the reason.
pub fn split_items(note: &str) -> (String, Vec<String>) {
    let mut reason = Vec::new();
    let mut items = Vec::new();
    for line in note.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.strip_prefix('-').or_else(|| line.strip_prefix('•')) {
            Some(item) => items.push(item.trim().to_owned()),
            None => reason.push(line),
        }
    }
    (reason.join(" "), items)
}

/// The place name for "…, ngày … tháng … năm …": the unit's name without
/// its administrative prefix ("UBND xã Xuân Khanh" → "Xuân Khanh").
pub fn place_name(unit_name: &str) -> String {
    const PREFIXES: [&str; 16] = [
        "UBND tỉnh ",
        "UBND thành phố ",
        "UBND huyện ",
        "UBND quận ",
        "UBND thị xã ",
        "UBND xã ",
        "UBND phường ",
        "UBND thị trấn ",
        "Ủy ban nhân dân ",
        "Tỉnh ",
        "Thành phố ",
        "Huyện ",
        "Thị xã ",
        "Xã ",
        "Phường ",
        "Thị trấn ",
    ];
    let mut name = unit_name.trim();
    // "Ủy ban nhân dân xã X" takes two steps.
    while let Some(rest) = PREFIXES.iter().find_map(|p| {
        let head = name.get(..p.len())?;
        (head.to_lowercase() == p.to_lowercase()).then(|| name[p.len()..].trim_start())
    }) {
        name = rest;
    }
    // Departments and other bodies have no place in their name; their name
    // is the clearest thing to print.
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supplement_notes_split_into_reason_and_items() {
        let (reason, items) = split_items("Thiếu giấy tờ\n- Bản sao CCCD\n• Tờ khai có chữ ký\n\n");
        assert_eq!(reason, "Thiếu giấy tờ");
        assert_eq!(items, vec!["Bản sao CCCD", "Tờ khai có chữ ký"]);
        assert_eq!(split_items("Chỉ có lý do"), ("Chỉ có lý do".to_owned(), vec![]));
    }

    #[test]
    fn place_names_drop_the_administrative_prefix() {
        assert_eq!(place_name("UBND xã Xuân Khanh"), "Xuân Khanh");
        assert_eq!(place_name("UBND huyện Ngân Sơn"), "Ngân Sơn");
        assert_eq!(place_name("Phường Thục Phán"), "Thục Phán");
        assert_eq!(place_name("Ủy ban nhân dân xã Xuân Khanh"), "Xuân Khanh");
        assert_eq!(place_name("Sở Tư pháp"), "Sở Tư pháp");
        assert_eq!(SlipKind::parse("receipt.pdf"), Some(SlipKind::Receipt));
        assert_eq!(SlipKind::parse("receipt"), None);
    }
}
