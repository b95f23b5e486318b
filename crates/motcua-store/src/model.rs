//! The records the store keeps and returns.

use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::dossier::{ActionKind, DossierState, NoteAudience, Status, StepSpec, WorkflowStep};
use motcua_rules::fees::{Collection, Exemption, FeeKind, FeeLine};
use motcua_rules::scope::UnitRef;
use motcua_rules::{Role, TimeLimit};
use serde::{Deserialize, Serialize};

/// An administrative unit: province, department, district, commune ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Unit {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// National identifier style code (`H44`, `H44.100`, `000.00.04.G18`).
    pub code: String,
    pub name: String,
    /// `province`, `department`, `district`, `commune`, or another level a
    /// province uses.
    pub level: String,
    #[schema(example = "/1/4/")]
    pub path: String,
    pub province_id: i64,
    /// The counter's telephone, printed on the slips.
    pub phone: Option<String>,
    /// The counter's working hours, `07:30-17:00`; `None`: the installation's default.
    pub counter_hours: Option<String>,
}

impl Unit {
    pub fn as_ref(&self) -> motcua_rules::scope::UnitRef {
        motcua_rules::scope::UnitRef { id: self.id, path: self.path.clone() }
    }
}

#[derive(Debug, Clone)]
pub struct NewUnit {
    pub parent_id: Option<i64>,
    pub code: String,
    pub name: String,
    pub level: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    #[schema(value_type = String, example = "specialist")]
    pub role: Role,
    pub unit_id: Option<i64>,
    #[serde(skip)]
    pub unit_path: Option<String>,
    pub active: bool,
    /// Set by an administrator's password reset: the user must choose a
    /// new password before anything else (`POST /api/v1/account/password`).
    pub must_change_password: bool,
}

/// A live session as its owner sees it on the account page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SessionInfo {
    /// Names the session to end it: the first characters of the token's
    /// hash (the token itself is never stored).
    pub id: String,
    #[serde(with = "vn_time")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(with = "vn_time")]
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: NaiveDateTime,
    /// The browser it was opened from (shortened User-Agent), when known.
    pub device: Option<String>,
    /// The session of the request that asked.
    pub current: bool,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub password_hash: String,
    pub full_name: String,
    pub role: Role,
    pub unit_id: Option<i64>,
}

/// What an administrator may change on an account: its role, its unit and
/// whether it may log in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserChange {
    pub role: Role,
    pub unit_id: Option<i64>,
    pub active: bool,
}

/// A field of procedures (lĩnh vực).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Field {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// A fee or charge (phí, lệ phí), with when it is collected and the
/// exemption categories the administrator defines for it
/// (`motcua_rules::fees`, docs/payments.md#fee-rules).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Fee {
    pub name: String,
    /// In Vietnamese đồng.
    pub amount_vnd: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `fee` (phí) or `charge` (lệ phí, the default, left out when written).
    #[serde(default, skip_serializing_if = "is_default")]
    #[schema(value_type = String, required = false)]
    pub kind: FeeKind,
    /// When it is collected (`HinhThucThu`): `reception` (1, the default,
    /// left out when written), `supplement` (2) or `result` (4).
    #[serde(default, skip_serializing_if = "is_default")]
    #[schema(value_type = String, required = false)]
    pub collected_at: Collection,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(required = false)]
    pub exemptions: Vec<FeeExemption>,
}

/// Defaults are left out of the catalogue's JSON, so a catalogue written
/// before fees had kinds and stages exports and imports unchanged.
fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// An exemption category of a fee, as the administrator defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FeeExemption {
    /// The short code an officer records on a dossier.
    pub code: String,
    pub name: String,
    /// The share of the fee taken off, 1–100 (100: exempt).
    pub percent: u8,
}

/// Runs `f` over `fees` as the fee rules take them.
pub fn with_fee_lines<R>(fees: &[Fee], f: impl FnOnce(&[FeeLine<'_>]) -> R) -> R {
    let exemptions: Vec<Vec<Exemption>> = fees
        .iter()
        .map(|fee| {
            fee.exemptions
                .iter()
                .map(|e| Exemption { code: e.code.clone(), name: e.name.clone(), percent: e.percent })
                .collect()
        })
        .collect();
    let lines: Vec<FeeLine<'_>> = fees
        .iter()
        .zip(&exemptions)
        .map(|(fee, ex)| FeeLine {
            name: &fee.name,
            amount_vnd: fee.amount_vnd,
            kind: fee.kind,
            collected_at: fee.collected_at,
            exemptions: ex,
        })
        .collect();
    f(&lines)
}

/// A required document component (thành phần hồ sơ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Component {
    pub name: String,
    /// The form or template to fill in (mẫu đơn, tờ khai), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    #[serde(default)]
    pub originals: u32,
    #[serde(default)]
    pub copies: u32,
    #[serde(default = "yes")]
    pub required: bool,
}

fn yes() -> bool {
    true
}

/// A legal document the procedure rests on (căn cứ pháp lý).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LegalDoc {
    /// Số ký hiệu, e.g. `68/2020/QH14`.
    pub number: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
}

/// Online service level under Decree 42/2022 art. 11 (docs/sources.md#online-levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnlineLevel {
    /// toàn trình: submitted and handled entirely online.
    Full,
    /// một phần: any other online service.
    Partial,
    /// No online service.
    None,
}

impl OnlineLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            OnlineLevel::Full => "full",
            OnlineLevel::Partial => "partial",
            OnlineLevel::None => "none",
        }
    }
    pub fn parse(s: &str) -> Option<OnlineLevel> {
        [OnlineLevel::Full, OnlineLevel::Partial, OnlineLevel::None].into_iter().find(|l| l.as_str() == s)
    }
    pub fn accepts_online(self) -> bool {
        self != OnlineLevel::None
    }
}

/// Publication status in the national TTHC database (docs/sources.md#tthc-record).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PublicationStatus {
    /// Đang công khai.
    Published,
    /// Đang công khai sửa đổi bổ sung.
    Amended,
    /// Bãi bỏ.
    Abolished,
}

impl PublicationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PublicationStatus::Published => "published",
            PublicationStatus::Amended => "amended",
            PublicationStatus::Abolished => "abolished",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Publication {
    pub status: PublicationStatus,
    /// The publication decision (quyết định công bố), e.g. `1234/QĐ-UBND`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<NaiveDate>,
    /// The publication decision's date (ngày ban hành QĐ công bố): 766
    /// indicators 1.1 and 1.2 (`motcua_rules::index766::publication`).
    /// Without it, the procedure is not measurable for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_date: Option<NaiveDate>,
    /// The latest effective date of the legal basis the decision publishes
    /// (1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_effective: Option<NaiveDate>,
    /// The day the procedure was made public on the national TTHC database
    /// (1.2); none while it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_date: Option<NaiveDate>,
}

/// Which unit handles a step, relative to the dossier
/// (`motcua_rules::dossier::StepUnit`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepUnitKind {
    /// The unit whose counter received the dossier.
    Receiving,
    /// The unit that implements the procedure (cơ quan thực hiện): the
    /// receiving commune for a commune procedure, else the agency.
    Implementing,
    /// The receiving unit or the nearest unit above it at `unit_level`.
    Ancestor,
    /// The unit `unit_code`, for every dossier. Steps written before
    /// routing existed (migration 0007) have no `unit` and read as fixed.
    #[default]
    Fixed,
}

impl StepUnitKind {
    pub const ALL: [StepUnitKind; 4] =
        [StepUnitKind::Implementing, StepUnitKind::Receiving, StepUnitKind::Ancestor, StepUnitKind::Fixed];

    pub fn as_str(self) -> &'static str {
        match self {
            StepUnitKind::Receiving => "receiving",
            StepUnitKind::Implementing => "implementing",
            StepUnitKind::Ancestor => "ancestor",
            StepUnitKind::Fixed => "fixed",
        }
    }

    pub fn is_fixed(&self) -> bool {
        *self == StepUnitKind::Fixed
    }

    pub fn parse(s: &str) -> Option<StepUnitKind> {
        StepUnitKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One workflow step as written in the catalog: the unit that handles it,
/// relative to the dossier or fixed by code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StepData {
    pub name: String,
    /// Absent means `fixed`, so that catalogs written before routing
    /// import and export unchanged.
    #[serde(default, skip_serializing_if = "StepUnitKind::is_fixed")]
    pub unit: StepUnitKind,
    /// For `ancestor`: the level (`province`, `district`, `commune` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_level: Option<String>,
    /// For `fixed`: the unit's code; ignored otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit_code: String,
    #[schema(value_type = String, example = "specialist")]
    pub role: Role,
    /// Share of the time limit, in the limit's unit.
    pub share: u32,
}

/// Everything the catalog says about a procedure (one version of it). This
/// is also the import/export format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProcedureData {
    #[schema(example = "1.004194")]
    pub code: String,
    pub name: String,
    /// The field (lĩnh vực) code.
    pub field_code: String,
    /// The field's name, used when the import creates the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_name: Option<String>,
    /// Implementing level: `province`, `commune`, ...
    pub level: String,
    /// The implementing agency (cơ quan thực hiện), by unit code.
    pub agency_unit_code: String,
    #[schema(value_type = Object, example = json!({"amount": 15, "unit": "working_days"}))]
    pub time_limit: TimeLimit,
    #[serde(default)]
    pub fees: Vec<Fee>,
    #[serde(default)]
    pub components: Vec<Component>,
    #[serde(default)]
    pub legal_basis: Vec<LegalDoc>,
    pub online_level: OnlineLevel,
    pub publication: Publication,
    pub workflow: Vec<StepData>,
    /// Units (by code) that may receive the procedure besides those its
    /// level and agency give (`motcua_rules::dossier::routing::may_receive`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_receivers: Vec<String>,
    /// Who may use it (đối tượng thực hiện).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicants: Option<String>,
    /// What the citizen receives (kết quả thực hiện).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// A certified electronic copy from the original (chứng thực bản sao
    /// điện tử từ bản chính): its result is the signed copy, counted by
    /// 766 indicator 4.6.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub certified_copy: bool,
}

impl ProcedureData {
    /// The parts of khoản 2 Điều 8 NĐ 63/2010 this version states (766
    /// indicator 1.3; docs/index766.md §9 says how each is read).
    pub fn content_parts(&self) -> motcua_rules::index766::publication::ContentParts {
        motcua_rules::index766::publication::ContentParts {
            name: !self.name.trim().is_empty(),
            sequence: !self.workflow.is_empty(),
            // The online level is required, and the counter always takes it.
            method: true,
            components: !self.components.is_empty()
                && self.components.iter().all(|c| !c.name.trim().is_empty() && c.originals + c.copies > 0),
            time_limit: self.time_limit.amount > 0,
            applicants: self.applicants.as_deref().is_some_and(|a| !a.trim().is_empty()),
            agency: !self.agency_unit_code.trim().is_empty(),
        }
    }

    /// Some fee above 0: a dossier of it has a financial obligation (766
    /// indicator 3.6, `motcua_rules::fees::charges_fees`).
    pub fn charges_fees(&self) -> bool {
        self.fees.iter().any(|f| f.amount_vnd > 0)
    }
}

/// A procedure as stored: its current version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Procedure {
    pub id: i64,
    /// Increases by one on every change; send it back to update.
    pub version: i64,
    pub version_id: i64,
    pub field_name: String,
    #[serde(with = "vn_time")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
    #[serde(flatten)]
    pub data: ProcedureData,
}

/// A page of the catalogue, with how many procedures match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcedureHits {
    pub items: Vec<ProcedureSummary>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// Every procedure the query and filters match, over all pages.
    pub total: u64,
    /// False when no procedure has every word and these have some of them.
    pub all_words: bool,
}

/// The administrator's synonym list (`ops/catalogue_search.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymList {
    /// One group per line, phrases separated by commas.
    pub text: String,
    pub groups: usize,
    pub updated_at: Option<NaiveDateTime>,
    /// The name of who saved it last; none for the shipped list.
    pub updated_by: Option<String>,
}

/// A line of the catalog list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProcedureSummary {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub field_code: String,
    pub field_name: String,
    pub level: String,
    pub online_level: OnlineLevel,
    pub publication_status: PublicationStatus,
}

/// One entry of a procedure's change history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProcedureChange {
    pub version: i64,
    pub change: String,
    #[serde(with = "vn_time")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    pub created_by: Option<i64>,
    /// A change of a form file (`form_added`, `form_renamed`,
    /// `form_removed`): the form's name (after a rename), and its name
    /// before a rename. `version` is then the procedure version in force.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub form_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub form_old_name: Option<String>,
}

/// A form file (tờ khai, mẫu đơn) of a procedure, without its contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProcedureForm {
    pub id: i64,
    /// The file name shown and sent.
    pub name: String,
    pub content_type: String,
    /// In bytes.
    pub size: i64,
    /// SHA-256 of the contents, lower-case hex.
    pub sha256: String,
    #[serde(with = "vn_time")]
    #[schema(value_type = String, format = DateTime)]
    pub uploaded_at: NaiveDateTime,
}

/// A form file to store: its name already made safe and its type checked
/// by the caller.
#[derive(Debug, Clone)]
pub struct NewProcedureForm {
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// A procedure version as the lifecycle needs it: its limit and its
/// workflow, with fixed units resolved (relative ones are resolved per
/// dossier, into `Dossier::route`). Immutable, so the store caches it.
#[derive(Debug, Clone)]
pub struct ProcedureVersion {
    pub id: i64,
    pub procedure_id: i64,
    pub data: ProcedureData,
    pub steps: Vec<StepSpec>,
    pub agency_unit_id: i64,
    /// The ids of `data.extra_receivers`.
    pub extra_receivers: Vec<i64>,
}

/// How a dossier came in (`KenhThucHien`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 1 trực tiếp: at the counter.
    Counter = 1,
    /// 2 trực tuyến.
    Online = 2,
    /// 3 bưu chính công ích.
    Postal = 3,
}

impl Channel {
    pub fn code(self) -> i16 {
        self as i16
    }
    pub fn from_code(c: i64) -> Option<Channel> {
        match c {
            1 => Some(Channel::Counter),
            2 => Some(Channel::Online),
            3 => Some(Channel::Postal),
            _ => None,
        }
    }
}

/// The applicant (chủ hồ sơ). Personal data: masked where not needed and
/// never logged.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Applicant {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// An organisation applying (tổ chức, doanh nghiệp) rather than a person.
    #[serde(default)]
    pub organization: bool,
}

impl std::fmt::Debug for Applicant {
    /// Masked, so that a stray `{:?}` in a log line never leaks personal data.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Applicant")
            .field("name", &motcua_rules::mask::mask_name(&self.name))
            .field("id_number", &self.id_number.as_deref().map(motcua_rules::mask::mask_id))
            .field("phone", &self.phone.as_deref().map(motcua_rules::mask::mask_phone))
            .finish_non_exhaustive()
    }
}

/// A component handed in, as ticked at the counter or uploaded online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ComponentReceived {
    pub name: String,
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// A dossier (hồ sơ) with its lifecycle state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dossier {
    pub id: i64,
    /// Issued at reception (Circular 01/2018 art. 19 format by default).
    pub code: Option<String>,
    pub province_id: i64,
    pub procedure_id: i64,
    pub procedure_version_id: i64,
    pub channel: Channel,
    pub applicant: Applicant,
    pub components: Vec<ComponentReceived>,
    pub submitted_at: NaiveDateTime,
    pub returned_at: Option<NaiveDateTime>,
    /// Optimistic-concurrency version: send it with every action.
    pub version: i64,
    pub updated_at: NaiveDateTime,
    pub state: DossierState,
    /// The unit of each workflow step, resolved when the dossier was
    /// created (`motcua_rules::dossier::routing::resolve_route`).
    pub route: Vec<UnitRef>,
    /// The unit its statistics are credited to under "handling" (the unit
    /// that implements the procedure), fixed when it was created
    /// (`motcua_rules::credit::handling_unit`).
    pub handling_unit: UnitRef,
}

impl Dossier {
    /// The workflow the state machine walks for this dossier: its
    /// procedure version's steps with this dossier's units.
    pub fn workflow(&self, version: &ProcedureVersion) -> Vec<WorkflowStep> {
        motcua_rules::dossier::routing::workflow_for(&version.steps, &self.route)
    }
}

/// One line of a dossier's immutable history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DossierEvent {
    /// The event's number in the dossier's history: the version it produced.
    pub id: i64,
    pub at: NaiveDateTime,
    pub action: String,
    #[schema(value_type = Option<String>)]
    pub from_status: Option<Status>,
    #[schema(value_type = String)]
    pub to_status: Status,
    pub actor_user_id: Option<i64>,
    pub actor_unit_id: Option<i64>,
    pub note: Option<String>,
    /// Whether the applicant may read `note` (false: internal, staff only).
    pub note_for_applicant: bool,
    pub due_at: Option<NaiveDateTime>,
    /// The workflow step (0-based) before and after the event: a return
    /// goes from a later step to an earlier one. `None` before the first
    /// forward, and on events written before migration 0008.
    pub from_step: Option<u32>,
    pub to_step: Option<u32>,
    /// The officer the dossier was assigned to before and after the event.
    pub assigned_from: Option<i64>,
    pub assigned_to: Option<i64>,
}

impl DossierEvent {
    /// The note as the applicant may read it: `None` when it is internal.
    pub fn applicant_note(&self) -> Option<&str> {
        self.note.as_deref().filter(|_| self.note_for_applicant)
    }

    /// The event as the applicant may read it: an internal note removed.
    pub fn for_applicant(self) -> DossierEvent {
        let note = if self.note_for_applicant { self.note } else { None };
        DossierEvent { note, ..self }
    }
}

/// What an action records besides the new state.
#[derive(Debug, Clone)]
pub struct EventInput {
    pub action: &'static str,
    pub actor_user_id: Option<i64>,
    pub actor_unit_id: Option<i64>,
    pub note: Option<String>,
    /// Who reads the note (motcua_rules::dossier::note_audience decides).
    pub note_audience: NoteAudience,
}

impl EventInput {
    /// An event recorded by `actor`, with their unit; its note goes to the
    /// default audience of the action (the applicant for a written notice
    /// such as a refusal, else internal) unless [`to`](Self::to) says
    /// otherwise.
    pub fn by(action: &'static str, actor: &motcua_rules::dossier::Actor, note: Option<String>) -> EventInput {
        let note_audience = ActionKind::parse(action)
            .and_then(|kind| motcua_rules::dossier::note_audience_by(kind, actor.role, None).ok())
            .unwrap_or(NoteAudience::Internal);
        EventInput {
            action,
            actor_user_id: Some(actor.user_id),
            actor_unit_id: actor.unit.as_ref().map(|u| u.id),
            note,
            note_audience,
        }
    }

    /// The same event with its note read by `audience`.
    pub fn to(self, audience: NoteAudience) -> EventInput {
        EventInput { note_audience: audience, ..self }
    }
}

/// A page of results with an opaque cursor for the next one.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Stored times are Vietnamese local time (UTC+7, no daylight saving); they
/// leave as RFC 3339 with their `+07:00` offset and come back from any offset.
pub mod vn_time {
    use chrono::{DateTime, FixedOffset, NaiveDateTime};
    use serde::{Deserialize, Deserializer, Serializer};

    fn offset() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
    }

    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        let local = t.and_local_timezone(offset()).single().expect("a fixed offset is never ambiguous");
        s.serialize_str(&local.to_rfc3339())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let raw = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&raw)
            .map(|t| t.with_timezone(&offset()).naive_local())
            .map_err(serde::de::Error::custom)
    }
}

/// Why a file was attached to a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    /// Handed in with the dossier (thành phần hồ sơ).
    Submission,
    /// Handed in later, when a supplement was requested (bổ sung).
    Supplement,
    /// The result of the procedure (kết quả giải quyết).
    Result,
    /// A component's file signed by the agency as an electronic copy of
    /// the original (số hóa), kept for the applicant.
    Digitised,
}

impl AttachmentKind {
    /// Every kind, in the order above.
    pub const ALL: [AttachmentKind; 4] =
        [AttachmentKind::Submission, AttachmentKind::Supplement, AttachmentKind::Result, AttachmentKind::Digitised];

    /// The stored name: `submission`, `supplement`, `result` or `digitised`.
    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentKind::Submission => "submission",
            AttachmentKind::Supplement => "supplement",
            AttachmentKind::Result => "result",
            AttachmentKind::Digitised => "digitised",
        }
    }

    /// The kind with this stored name.
    pub fn parse(s: &str) -> Option<AttachmentKind> {
        AttachmentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A file to attach to a dossier. Size and content-type limits are the
/// caller's to enforce; the store refuses only an empty file.
#[derive(Clone, PartialEq, Eq)]
pub struct NewAttachment {
    /// Why the file is attached.
    pub kind: AttachmentKind,
    /// The name of the procedure's component the file belongs to, if any.
    pub component: Option<String>,
    /// The original file name, already sanitised by the caller.
    pub name: String,
    /// The MIME type the caller accepted (`application/pdf`).
    pub content_type: String,
    /// The file's contents.
    pub data: Vec<u8>,
}

impl std::fmt::Debug for NewAttachment {
    /// The contents show as their length only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAttachment")
            .field("kind", &self.kind)
            .field("component", &self.component)
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .field("size", &self.data.len())
            .finish()
    }
}

/// A stored file's description, without its contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AttachmentMeta {
    /// The file's id, unique across dossiers.
    pub id: i64,
    /// The dossier it belongs to.
    pub dossier_id: i64,
    /// Why the file is attached.
    pub kind: AttachmentKind,
    /// The procedure component the file belongs to, if any.
    pub component: Option<String>,
    /// The original file name.
    pub name: String,
    /// The MIME type given at upload.
    pub content_type: String,
    /// In bytes.
    pub size: i64,
    /// SHA-256 of the contents, lower-case hex, computed by the store.
    pub sha256: String,
    /// The user who uploaded it, when known.
    pub uploaded_by: Option<i64>,
    /// When it was stored (Vietnamese local time).
    pub uploaded_at: NaiveDateTime,
    /// The applicant's kept document this file reuses (số hóa, tái sử
    /// dụng), instead of an upload.
    pub reuses: Option<i64>,
}

/// The number of criteria of a citizen's rating (docs/sources.md#citizen-rating).
pub const RATING_CRITERIA: usize = 9;

/// The most points one criterion can get; 9 × 2 = 18 in total.
pub const RATING_MAX_SCORE: u8 = 2;

/// A citizen's rating of a dossier whose result was returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRating {
    /// The dossier rated.
    pub dossier_id: i64,
    /// One score per criterion of docs/sources.md#citizen-rating, in its order, each
    /// 0..=[`RATING_MAX_SCORE`].
    pub scores: [u8; RATING_CRITERIA],
    /// The citizen's words, if any.
    pub comment: Option<String>,
    /// When the rating is given.
    pub now: NaiveDateTime,
}

/// A stored rating (đánh giá việc giải quyết TTHC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Rating {
    /// The dossier rated.
    pub dossier_id: i64,
    /// One score per criterion, 0..=2, in the order of docs/sources.md#citizen-rating.
    #[schema(value_type = Vec<u8>)]
    pub scores: [u8; RATING_CRITERIA],
    /// The sum of the scores, out of 18.
    pub total: u32,
    /// The citizen's words, if any.
    pub comment: Option<String>,
    /// When the rating was given.
    pub rated_at: NaiveDateTime,
}

/// Ratings of the dossiers received in a unit subtree, averaged.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RatingSummary {
    /// How many ratings.
    pub count: i64,
    /// The average total, out of 18; `None` when there are no ratings.
    pub average_total: Option<f64>,
    /// The average score of each criterion, out of 2, in the order of
    /// docs/sources.md#citizen-rating; `None` when there are no ratings.
    #[schema(value_type = Option<Vec<f64>>)]
    pub average_scores: Option<[f64; RATING_CRITERIA]>,
}

/// Masks a contact that is a phone number or an e-mail address.
fn mask_contact(contact: &str) -> String {
    if contact.contains('@') {
        motcua_rules::mask::mask_email(contact)
    } else {
        motcua_rules::mask::mask_phone(contact)
    }
}

/// A citizen's feedback (phản ánh, kiến nghị). Text lengths are the
/// caller's to check.
#[derive(Clone, PartialEq, Eq)]
pub struct NewFeedback {
    /// The unit it is addressed to; `None` when the citizen names none (the
    /// province answers it).
    pub unit_id: Option<i64>,
    /// The dossier it is about, if any, as the citizen wrote its code.
    pub dossier_code: Option<String>,
    /// The sender's name (personal data).
    pub name: String,
    /// A phone number or an e-mail address (personal data).
    pub contact: Option<String>,
    /// What it is about, in a line.
    pub subject: String,
    /// The feedback itself.
    pub content: String,
    /// What it is about, when the sender says (`regulation` or `conduct`);
    /// staff set it before closing it otherwise.
    pub topic: Option<String>,
    /// The sender agrees that the answer be published.
    pub publish_consent: bool,
    /// SHA-256 (hex) of the key of the sender's tracking link.
    pub track_key_hash: String,
    /// When it must be refused by, and answered by (the working-day
    /// calendar's, `rules::feedback::Deadlines`).
    pub refuse_by: NaiveDateTime,
    pub answer_by: NaiveDateTime,
    /// When it is received.
    pub now: NaiveDateTime,
}

impl std::fmt::Debug for NewFeedback {
    /// Masked, so that a stray `{:?}` in a log line never leaks personal data.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewFeedback")
            .field("unit_id", &self.unit_id)
            .field("dossier_code", &self.dossier_code)
            .field("name", &motcua_rules::mask::mask_name(&self.name))
            .field("contact", &self.contact.as_deref().map(mask_contact))
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

/// A stored feedback and its answer.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Feedback {
    /// The citizen's reference number.
    pub id: i64,
    /// The unit it is addressed to; `None`: no unit (the province answers).
    pub unit_id: Option<i64>,
    /// The name of the unit it is addressed to.
    pub unit_name: Option<String>,
    /// The dossier it is about, if any, as the citizen wrote its code.
    pub dossier_code: Option<String>,
    /// The sender's name (personal data).
    pub name: String,
    /// A phone number or an e-mail address (personal data).
    pub contact: Option<String>,
    /// What it is about, in a line.
    pub subject: String,
    /// The feedback itself.
    pub content: String,
    /// `received` or `answered` ([`Feedback::RECEIVED`], [`Feedback::ANSWERED`]).
    pub status: String,
    /// The unit's answer, once given.
    pub answer: Option<String>,
    /// When it was received.
    pub created_at: NaiveDateTime,
    /// When it was answered, or refused.
    pub answered_at: Option<NaiveDateTime>,
    /// `regulation` or `conduct` (766 indicator 5.1); `None` until set.
    pub topic: Option<String>,
    /// When it must be refused by, and answered by; `None` only for
    /// feedback received before deadlines existed, until the server fills
    /// them in at start-up.
    pub refuse_by: Option<NaiveDateTime>,
    pub answer_by: Option<NaiveDateTime>,
    /// The sender agrees that the answer be published.
    pub publish_consent: bool,
    pub published_at: Option<NaiveDateTime>,
    /// The sender's rating of the handling: `satisfied` or `dissatisfied`.
    pub rating: Option<String>,
    /// The earlier feedback this one repeats.
    pub repeat_of: Option<i64>,
    /// A later feedback repeats this one.
    pub repeated: bool,
}

impl Feedback {
    /// The status of feedback not handled yet.
    pub const RECEIVED: &'static str = "received";
    /// The status of answered feedback.
    pub const ANSWERED: &'static str = "answered";
    /// The status of feedback refused with a reason (in `answer`).
    pub const REFUSED: &'static str = "refused";

    /// Still being handled and past its answer deadline at `now`.
    pub fn overdue(&self, now: NaiveDateTime) -> bool {
        self.status == Feedback::RECEIVED && self.answer_by.is_some_and(|by| now > by)
    }
}

/// One line of a feedback's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackEvent {
    pub at: NaiveDateTime,
    /// Who did it; `None`: the sender.
    pub user_name: Option<String>,
    /// `forwarded`, `refused`, `answered`, `published`, `rated`, `repeat`.
    pub action: String,
    pub from_unit: Option<String>,
    pub to_unit: Option<String>,
    pub note: Option<String>,
}

impl std::fmt::Debug for Feedback {
    /// Masked, so that a stray `{:?}` in a log line never leaks personal data.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Feedback")
            .field("id", &self.id)
            .field("unit_id", &self.unit_id)
            .field("dossier_code", &self.dossier_code)
            .field("name", &motcua_rules::mask::mask_name(&self.name))
            .field("contact", &self.contact.as_deref().map(mask_contact))
            .field("subject", &self.subject)
            .field("status", &self.status)
            .field("created_at", &self.created_at)
            .field("answered_at", &self.answered_at)
            .finish_non_exhaustive()
    }
}
