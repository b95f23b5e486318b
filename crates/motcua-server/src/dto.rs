//! Response shapes that differ from the stored records: times as RFC 3339
//! with +07:00, statuses with their national code and names.

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use motcua_rules::calendar::{Timeliness, WorkCalendar};
use motcua_rules::dossier::{ActionKind, Status, step_clock};
use motcua_store::StepVisit;
use motcua_store::model::{Applicant, Channel, ComponentReceived, Dossier, DossierEvent, ProcedureVersion};
use serde::Serialize;

use crate::time::to_api;

#[derive(Serialize, utoipa::ToSchema)]
pub struct StatusView {
    /// snake_case name, e.g. `in_process`.
    pub key: &'static str,
    /// National code 1–10 (DVCQG `TrangThai`).
    pub code: i16,
    pub name_vi: &'static str,
    pub name_en: &'static str,
}

impl From<Status> for StatusView {
    fn from(s: Status) -> Self {
        StatusView { key: s.as_str(), code: s.code(), name_vi: s.name_vi(), name_en: s.name_en() }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EventView {
    pub at: DateTime<FixedOffset>,
    pub action: String,
    pub action_vi: &'static str,
    pub from_status: Option<StatusView>,
    pub to_status: StatusView,
    pub actor_user_id: Option<i64>,
    pub actor_unit_id: Option<i64>,
    pub note: Option<String>,
    /// Whether the applicant reads `note`: false for an internal note,
    /// which a citizen's own view of the dossier never carries.
    pub note_for_applicant: bool,
    pub due_at: Option<DateTime<FixedOffset>>,
    /// The workflow step (from 0) before and after the event: a
    /// `return_to_step` goes from a later one to an earlier one.
    pub from_step: Option<u32>,
    pub to_step: Option<u32>,
    /// The officer (user id) the dossier was assigned to before and after
    /// the event: an `assign` names both.
    pub assigned_from: Option<i64>,
    pub assigned_to: Option<i64>,
}

impl From<DossierEvent> for EventView {
    fn from(e: DossierEvent) -> Self {
        EventView {
            at: to_api(e.at),
            action_vi: ActionKind::parse(&e.action).map_or("", ActionKind::name_vi),
            action: e.action,
            from_status: e.from_status.map(Into::into),
            to_status: e.to_status.into(),
            actor_user_id: e.actor_user_id,
            actor_unit_id: e.actor_unit_id,
            note: e.note,
            note_for_applicant: e.note_for_applicant,
            due_at: e.due_at.map(to_api),
            from_step: e.from_step,
            to_step: e.to_step,
            assigned_from: e.assigned_from,
            assigned_to: e.assigned_to,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WhereView {
    pub unit_id: i64,
    pub role: &'static str,
    /// Index of the workflow step, from 0; absent before the first forward.
    pub step: Option<u32>,
    pub step_name: Option<String>,
    /// The officer (user id) the current step is assigned to, if any.
    pub assigned_user_id: Option<i64>,
}

/// A dossier as staff in scope and its owner see it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DossierView {
    pub id: i64,
    pub code: Option<String>,
    pub procedure_code: String,
    pub procedure_name: String,
    pub status: StatusView,
    #[schema(value_type = String)]
    pub channel: Channel,
    pub applicant: Applicant,
    pub components: Vec<ComponentReceived>,
    pub receiving_unit_id: i64,
    pub current: WhereView,
    pub submitted_at: DateTime<FixedOffset>,
    pub received_at: Option<DateTime<FixedOffset>>,
    /// Ngày hẹn trả kết quả.
    pub due_at: Option<DateTime<FixedOffset>>,
    /// Set while the clock is stopped for a supplement.
    pub paused_at: Option<DateTime<FixedOffset>>,
    /// Set while a supplement the owner sent online waits for the counter
    /// to accept it (`supplement_received`) or ask again
    /// (`request_supplement`); the clock stays stopped meanwhile.
    pub supplement_arrived_at: Option<DateTime<FixedOffset>>,
    pub supplement_count: u32,
    pub rescheduled: bool,
    pub finished_at: Option<DateTime<FixedOffset>>,
    pub returned_at: Option<DateTime<FixedOffset>>,
    /// early | on_time | late, as it stands now or as it ended.
    #[schema(value_type = Option<String>)]
    pub timeliness: Option<Timeliness>,
    /// Working days past the due date (0 when not late).
    pub days_overdue: i64,
    /// Send back with the next action.
    pub version: i64,
    #[schema(value_type = Vec<String>)]
    pub allowed_actions: Vec<ActionKind>,
    pub events: Vec<EventView>,
    /// Each step visit with its unit, times and own deadline (per-step
    /// deadlines, docs/lifecycle.md), in the order they started.
    pub steps: Vec<StepView>,
}

impl DossierView {
    pub fn new(
        d: Dossier,
        version: &ProcedureVersion,
        events: Vec<DossierEvent>,
        allowed_actions: Vec<ActionKind>,
        calendar: &WorkCalendar,
        now: NaiveDateTime,
    ) -> Self {
        let s = &d.state;
        let timeliness = s.timeliness(now, calendar);
        let end = s.paused_at.or(s.finished_at).unwrap_or(now);
        let days_overdue = match (timeliness, s.due_at) {
            (Some(Timeliness::Late), Some(due)) => calendar.days_overdue(due, end).unwrap_or(0),
            _ => 0,
        };
        DossierView {
            id: d.id,
            code: d.code.clone(),
            procedure_code: version.data.code.clone(),
            procedure_name: version.data.name.clone(),
            status: s.status.into(),
            channel: d.channel,
            applicant: d.applicant.clone(),
            components: d.components.clone(),
            receiving_unit_id: s.receiving_unit.id,
            current: WhereView {
                unit_id: s.current_unit.id,
                role: s.current_role.as_str(),
                step: s.step,
                assigned_user_id: s.assigned_user_id,
                // Once handled, the dossier is back at the counter, not at a step.
                step_name: s
                    .step
                    .filter(|_| !s.status.is_closed())
                    .and_then(|i| version.steps.get(i as usize))
                    .map(|st| st.name.clone()),
            },
            submitted_at: to_api(d.submitted_at),
            received_at: s.received_at.map(to_api),
            due_at: s.due_at.map(to_api),
            paused_at: s.paused_at.map(to_api),
            supplement_arrived_at: s.supplement_arrived_at.map(to_api),
            supplement_count: s.supplement_count,
            rescheduled: s.rescheduled,
            finished_at: s.finished_at.map(to_api),
            returned_at: d.returned_at.map(to_api),
            timeliness,
            days_overdue,
            version: d.version,
            allowed_actions,
            events: events.into_iter().map(Into::into).collect(),
            steps: Vec::new(),
        }
    }

    /// The view with the dossier's step visits (`Store::dossier_steps`).
    pub fn with_steps(mut self, visits: Vec<StepVisit>, version: &ProcedureVersion, now: NaiveDateTime) -> Self {
        let paused_at = self.paused_at.map(|t| t.naive_local());
        self.steps = visits.into_iter().map(|v| StepView::new(v, version, paused_at, now)).collect();
        self
    }
}

/// One visit of one workflow step (`dossier_steps`).
#[derive(Serialize, utoipa::ToSchema)]
pub struct StepView {
    /// Index of the step in the workflow, from 0.
    pub step: u32,
    pub step_name: Option<String>,
    pub unit_id: i64,
    pub unit_name: String,
    pub role: &'static str,
    pub started_at: DateTime<FixedOffset>,
    /// The step's own due moment; absent for a step without a share, or
    /// for a visit older than per-step deadlines.
    pub due_at: Option<DateTime<FixedOffset>>,
    /// Absent while the step runs.
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// Ended after its due moment; absent while running or not known.
    pub late: Option<bool>,
    /// Running and past its own due moment now.
    pub overdue: bool,
    /// Working days the step waited for supplements.
    pub paused_days: u32,
    /// Working days taken, less the paused days, once ended.
    pub working_days: Option<u32>,
}

impl StepView {
    pub fn new(v: StepVisit, version: &ProcedureVersion, paused_at: Option<NaiveDateTime>, now: NaiveDateTime) -> Self {
        StepView {
            step: v.step,
            step_name: version.steps.get(v.step as usize).map(|s| s.name.clone()),
            overdue: v.ended_at.is_none() && step_clock::step_overdue(v.due_at, paused_at, now),
            unit_id: v.unit_id,
            unit_name: v.unit_name,
            role: v.role.as_str(),
            started_at: to_api(v.started_at),
            due_at: v.due_at.map(to_api),
            ended_at: v.ended_at.map(to_api),
            late: v.late,
            paused_days: v.paused_days,
            working_days: v.working_days,
        }
    }
}
