//! The official slips as PDF (`motcua-pdf`): the receipt with the
//! appointment date, the supplement request, the refusal, the apology with
//! the new date and the hand-over of the result, built from a dossier and
//! its history; and the control sheet of the handling (phiếu kiểm soát),
//! built from its step visits, for staff only.
//!
//! Staff print them from the dossier page; the applicant who submitted
//! online downloads theirs from "my dossiers". The slip shows the
//! applicant's full data: it is handed to that applicant.
//!
//! The appointment printed for the applicant is the counter's closing time
//! on the due day (`motcua_rules::counter_hours`); the due moment itself
//! stays the end of the day for every deadline and statistic.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDateTime;
use motcua_pdf::{
    Agency, Apology, ComponentLine, ControlSheet, Handover, HandoverLine, Receipt, Refusal, Slip, SlipCommon,
    SupplementRequest,
};
use motcua_rules::calendar::Timeliness;
use motcua_rules::counter_hours::CounterHours;
use motcua_rules::dossier::ActionKind;
use motcua_store::StepVisit;
use motcua_store::model::{Dossier, DossierEvent, ProcedureVersion, Unit};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::routes::dossiers::{parse_ref, visible};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/office/dossiers/{ref}/slips/{file}", get(slip)).route("/my/{ref}/slips/{file}", get(slip))
}

/// The slips, by the name in their URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlipKind {
    Receipt,
    Supplement,
    Refusal,
    Apology,
    Handover,
    /// Staff only: it names the officers who handled the dossier.
    Control,
}

impl SlipKind {
    pub const ALL: [SlipKind; 6] = [
        SlipKind::Receipt,
        SlipKind::Supplement,
        SlipKind::Refusal,
        SlipKind::Apology,
        SlipKind::Handover,
        SlipKind::Control,
    ];

    /// Its name in URLs (`receipt`, the file being `receipt.pdf`).
    pub fn name(self) -> &'static str {
        match self {
            SlipKind::Receipt => "receipt",
            SlipKind::Supplement => "supplement",
            SlipKind::Refusal => "refusal",
            SlipKind::Apology => "apology",
            SlipKind::Handover => "handover",
            SlipKind::Control => "control",
        }
    }

    /// The slip named `name` (`receipt`).
    pub fn from_name(name: &str) -> Option<SlipKind> {
        SlipKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The slip of a file name (`receipt.pdf`).
    pub fn parse(file: &str) -> Option<SlipKind> {
        SlipKind::from_name(file.strip_suffix(".pdf")?)
    }

    /// The slip an action issues, if any (the control sheet is never
    /// issued by one action: it grows with the history).
    pub fn of(action: ActionKind) -> Option<SlipKind> {
        SlipKind::ALL.into_iter().find(|k| *k != SlipKind::Control && k.event().contains(&action))
    }

    /// The history event a slip documents; the latest one is used.
    fn event(self) -> &'static [ActionKind] {
        match self {
            SlipKind::Receipt => &[ActionKind::ReceiveAtCounter, ActionKind::Receive],
            SlipKind::Supplement => &[ActionKind::RequestSupplement],
            SlipKind::Refusal => &[ActionKind::RefuseToReceive],
            SlipKind::Apology => &[ActionKind::Reschedule],
            SlipKind::Handover => &[ActionKind::ReturnResult],
            // The sheet starts with the reception and grows with each hand-over.
            SlipKind::Control => &[ActionKind::ReceiveAtCounter, ActionKind::Receive],
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
    if kind == SlipKind::Control && !me.role().is_staff() {
        return Err(super::not_found());
    }
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
pub(crate) fn public_base(state: &AppState, headers: &HeaderMap) -> String {
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
    let hours = counter_hours(state, &unit);
    let officer = officer_name(state, event.actor_user_id).await?;
    let a = &d.applicant;
    let common = SlipCommon {
        agency: agency_of(state, &unit).await?,
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
        officer_name: officer,
        issued_at: event.at,
    };
    let received_at = d.state.received_at.unwrap_or(d.submitted_at);
    let note = event.note.clone().unwrap_or_default();
    Ok(match kind {
        SlipKind::Receipt => Slip::Receipt(Receipt {
            components: components(d, version),
            received_at,
            due_at: hours.appointment(event.due_at.or(d.state.due_at).ok_or_else(no_slip)?),
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
                old_due: hours.appointment(old_due),
                new_due: hours.appointment(event.due_at.ok_or_else(no_slip)?),
                reason: note,
                unit_at_fault: unit_at_fault(state, event).await?.unwrap_or_else(|| unit.name.clone()),
                common,
            })
        }
        SlipKind::Handover => {
            // What was handed over: the return's note, else the decision's, else the catalogue's result.
            let finish = events.iter().rev().find(|e| e.action == ActionKind::Finish.as_str());
            let result =
                [event.note.as_deref(), finish.and_then(|e| e.note.as_deref()), version.data.result.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(str::trim)
                    .find(|n| !n.is_empty())
                    .unwrap_or_default()
                    .to_owned();
            Slip::Handover(Handover {
                received_at,
                due_at: hours.appointment(d.state.due_at.ok_or_else(no_slip)?),
                returned_at: event.at,
                result,
                timeliness: d
                    .state
                    .timeliness(state.now(), &state.calendar())
                    .map(timeliness_vi)
                    .unwrap_or("")
                    .to_owned(),
                common,
            })
        }
        SlipKind::Control => {
            let visits = state.store.dossier_steps(d.id).await?;
            let handling = state.store.unit(d.handling_unit.id).await?.map(|u| u.name).unwrap_or_default();
            Slip::ControlSheet(ControlSheet {
                received_at,
                due_at: d.state.due_at.map(|t| hours.appointment(t)),
                handling_unit: handling,
                lines: handovers(state, &unit, &visits, events).await?,
                common,
            })
        }
    })
}

/// The issuing body of a unit's slips: its parent, its name, its place and its counter's phone.
pub async fn agency_of(state: &AppState, unit: &Unit) -> ApiResult<Agency> {
    let parent = match unit.parent_id {
        Some(id) => state.store.unit(id).await?.map(|p| p.name),
        None => None,
    };
    Ok(Agency {
        parent: parent.unwrap_or_default().to_uppercase(),
        name: unit.name.to_uppercase(),
        place: place_name(&unit.name),
        phone: unit.phone.clone(),
    })
}

/// The unit's counter hours, else the installation's ([`crate::Config::counter_hours`]).
pub fn counter_hours(state: &AppState, unit: &Unit) -> CounterHours {
    unit.counter_hours
        .as_deref()
        .and_then(|h| CounterHours::parse(h, "counter_hours").ok())
        .unwrap_or(state.config.counter_hours)
}

async fn officer_name(state: &AppState, id: Option<i64>) -> ApiResult<String> {
    Ok(match id {
        Some(id) => state.store.user(id).await?.map(|u| u.full_name).unwrap_or_default(),
        None => String::new(),
    })
}

/// The printed words of a timeliness.
fn timeliness_vi(t: Timeliness) -> &'static str {
    match t {
        Timeliness::Early => "Trước hạn",
        Timeliness::OnTime => "Đúng hạn",
        Timeliness::Late => "Quá hạn",
    }
}

/// The control sheet's rows: the counter hands the dossier to its first
/// step, each step to the next (a return is a hand-over too), and the last
/// back to the counter once handled. The giver is who acted to hand over;
/// the receiver is who acted next at the receiving step; the result is the
/// giver's step against its own due moment (the counter has none).
async fn handovers(
    state: &AppState,
    counter: &Unit,
    visits: &[StepVisit],
    events: &[DossierEvent],
) -> ApiResult<Vec<HandoverLine>> {
    let counter_name = format!("Bộ phận tiếp nhận và trả kết quả, {}", counter.name);
    let role_vi = |v: &StepVisit| {
        crate::web::i18n::message(crate::web::i18n::Lang::Vi, &format!("role-{}", v.role.as_str()), &[])
    };
    let actor_after = |seq: i64| events.iter().find(|e| e.id > seq).and_then(|e| e.actor_user_id);
    let actor_at = |seq: i64| events.iter().find(|e| e.id == seq).and_then(|e| e.actor_user_id);
    let result = |v: Option<&StepVisit>| match v.and_then(|v| v.late) {
        Some(true) => "Quá hạn",
        Some(false) => "Đúng hạn",
        None => "",
    };
    let mut lines = Vec::new();
    let mut from = counter_name.clone();
    let mut previous: Option<&StepVisit> = None;
    for v in visits {
        let to = format!("{} ({})", v.unit_name, role_vi(v));
        lines.push(HandoverLine {
            from_unit: from,
            to_unit: to.clone(),
            at: v.started_at,
            giver: officer_name(state, actor_at(v.seq)).await?,
            receiver: officer_name(state, actor_after(v.seq)).await?,
            result: result(previous).to_owned(),
            note: String::new(),
        });
        from = to;
        previous = Some(v);
    }
    // Handled: the last step gives the result back to the counter.
    if let Some(last) = previous
        && let Some(ended) = last.ended_at
        && let Some(end) = events.iter().find(|e| e.id > last.seq && e.at == ended)
    {
        lines.push(HandoverLine {
            from_unit: from,
            to_unit: counter_name,
            at: ended,
            giver: officer_name(state, end.actor_user_id).await?,
            receiver: officer_name(state, actor_after(end.id)).await?,
            result: result(Some(last)).to_owned(),
            note: String::new(),
        });
    }
    Ok(lines)
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
        assert_eq!(SlipKind::parse("handover.pdf"), Some(SlipKind::Handover));
        assert_eq!(SlipKind::parse("control.pdf"), Some(SlipKind::Control));
    }
}
