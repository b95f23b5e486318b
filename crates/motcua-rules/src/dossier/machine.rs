//! The dossier state machine: who may do what, in which status, and what
//! the dossier looks like afterwards.
//!
//! Every action is checked in the same order, so the error a caller gets is
//! predictable:
//! 1. the caller's role may never do this action → `role_not_allowed` (403);
//! 2. the dossier's status does not allow it → `action_not_allowed_in_status` (409);
//! 3. the caller is not the one who may do it here (outside their unit's
//!    subtree, not the step's owner, not the dossier's owner) → 403;
//! 4. the action's own rules (a reason is required, reschedule only once and
//!    in time, an assignee of the step's unit, a return to an earlier step
//!    (`assignment.rs`), ...) → 409 or 422.
//!
//! A dossier that leaves its step (forward, return, finish: the step, unit
//! or role changes) loses its assignment: the next step's unit assigns anew.
//!
//! Sources: docs/sources.md#one-stop (61/2018/NĐ-CP, 118/2025/NĐ-CP, TT 01/2018)
//! and the 766 end-time rules (#766-end-time). The decisions the sources leave open
//! are listed in `docs/lifecycle.md`.

use chrono::NaiveDate;

use super::action::{Action, ActionKind};
use super::assignment::{check_assignee, check_return};
use super::state::{Actor, Context, DossierState};
use super::status::Status;
use crate::error::RuleError;
use crate::role::Role;
use crate::scope::UnitRef;

/// A new online submission (status 1, Mới đăng ký), waiting at the counter
/// of `receiving_unit`. No code or due date yet: both are issued at
/// reception.
pub fn submit_online(receiving_unit: UnitRef, citizen: &Actor) -> Result<DossierState, RuleError> {
    if citizen.role != Role::Citizen {
        return Err(RuleError::forbidden("role_not_allowed").arg("case", "submit"));
    }
    Ok(DossierState {
        status: Status::Submitted,
        step: None,
        current_unit: receiving_unit.clone(),
        current_role: Role::CounterOfficer,
        receiving_unit,
        owner_user_id: Some(citizen.user_id),
        received_at: None,
        due_at: None,
        paused_at: None,
        resume_status: None,
        supplement_count: 0,
        rescheduled: false,
        paused_days: 0,
        processing_days: None,
        finished_at: None,
        step_started_at: None,
        step_due_at: None,
        step_paused_days: 0,
        ended_step: None,
        assigned_user_id: None,
        supplement_arrived_at: None,
    })
}

/// A dossier handed in at the counter: received at once (status 2), with
/// its due date computed from `ctx.now`.
pub fn receive_at_counter(
    receiving_unit: UnitRef,
    officer: &Actor,
    ctx: &Context<'_>,
) -> Result<DossierState, RuleError> {
    if officer.role != Role::CounterOfficer {
        return Err(role_not_allowed(ActionKind::ReceiveAtCounter));
    }
    if !officer.has_scope_over(&receiving_unit) {
        return Err(outside_scope());
    }
    let due = ctx.calendar.deadline(ctx.now, ctx.limit)?;
    Ok(DossierState {
        status: Status::Received,
        step: None,
        current_unit: receiving_unit.clone(),
        current_role: Role::CounterOfficer,
        receiving_unit,
        owner_user_id: None,
        received_at: Some(ctx.now),
        due_at: Some(due),
        paused_at: None,
        resume_status: None,
        supplement_count: 0,
        rescheduled: false,
        paused_days: 0,
        processing_days: None,
        finished_at: None,
        step_started_at: None,
        step_due_at: None,
        step_paused_days: 0,
        ended_step: None,
        assigned_user_id: None,
        supplement_arrived_at: None,
    })
}

/// Applies `action` by `actor` with an optional written `note`, returning
/// the dossier's next state. Nothing is changed on error.
pub fn apply(
    state: &DossierState,
    actor: &Actor,
    action: &Action,
    note: Option<&str>,
    ctx: &Context<'_>,
) -> Result<DossierState, RuleError> {
    let kind = action.kind();
    if !role_may(actor.role, kind) {
        return Err(role_not_allowed(kind));
    }
    if !status_allows(state, kind, ctx) {
        return Err(not_in_status(kind, state.status));
    }
    check_actor(state, actor, kind)?;
    // A citizen who withdraws online says why: the counter has no one in
    // front of it to ask (decision, docs/lifecycle.md#online-withdrawal).
    let needs_note = kind.requires_note() || (kind == ActionKind::Withdraw && actor.role == Role::Citizen);
    if needs_note && note.is_none_or(|n| n.trim().is_empty()) {
        return Err(RuleError::invalid("required", "note").arg("case", "reason").arg_each(
            "action",
            kind.name_vi().to_lowercase(),
            kind.as_str().replace('_', " "),
        ));
    }
    let now = ctx.now;
    let mut next = state.clone();
    match action {
        Action::Receive => {
            next.status = Status::Received;
            next.received_at = Some(now);
            next.due_at = Some(ctx.calendar.deadline(now, ctx.limit)?);
        }
        Action::RefuseToReceive => close(&mut next, Status::NotReceived, now),
        Action::Forward => {
            let to = state.step.map_or(0, |s| s + 1);
            let step = &ctx.workflow[to as usize];
            next.status = Status::InProcess;
            next.step = Some(to);
            next.current_unit = step.unit.clone();
            next.current_role = step.role;
        }
        // Asked again after an online supplement that does not answer the
        // request: the same round goes on (status, pause and count kept),
        // with the new written note; only "arrived" is cleared below.
        Action::RequestSupplement if state.status == Status::SupplementRequested => {
            next.supplement_arrived_at = None;
        }
        Action::RequestSupplement => {
            next.status = Status::SupplementRequested;
            next.resume_status = Some(state.status);
            // Before reception the clock has not started: asking an online
            // applicant to complete the file is not a supplement round.
            if state.status != Status::Submitted {
                next.paused_at = Some(now);
                next.supplement_count += 1;
            }
        }
        Action::SupplementReceived => {
            next.status = state.resume_status.unwrap_or(Status::InProcess);
            next.resume_status = None;
            if let (Some(paused), Some(due)) = (state.paused_at, state.due_at) {
                next.due_at = Some(ctx.calendar.extend_for_pause(due, ctx.limit, paused, now)?);
                let waited = ctx.calendar.working_days_between(paused.date(), now.date())?;
                next.paused_days += u32::try_from(waited).unwrap_or(0);
            }
            next.paused_at = None;
        }
        Action::RequestPayment => {
            next.status = Status::PaymentRequested;
            next.resume_status = Some(state.status);
        }
        Action::RecordPayment => payment_recorded(&mut next, state),
        Action::Reschedule { new_due_date } => {
            next.due_at = Some(reschedule(state, *new_due_date, ctx)?);
            next.rescheduled = true;
        }
        Action::SubmitSupplement => next.supplement_arrived_at = Some(now),
        Action::Withdraw => close(&mut next, Status::Withdrawn, now),
        Action::Stop => close(&mut next, Status::Stopped, now),
        Action::Finish => {
            close(&mut next, Status::Handled, now);
            if let Some(received) = state.received_at {
                let worked = ctx.calendar.working_days_between(received.date(), now.date())?;
                next.processing_days = Some(u32::try_from(worked).unwrap_or(0).saturating_sub(state.paused_days));
            }
            // The result goes back to the counter that received the dossier.
            next.current_unit = state.receiving_unit.clone();
            next.current_role = Role::CounterOfficer;
        }
        Action::ReturnResult => {
            next.status = Status::Returned;
        }
        Action::Assign { assignee } => {
            check_assignee(state, assignee)?;
            next.assigned_user_id = Some(assignee.user_id);
        }
        Action::ReturnToStep { to_step } => {
            check_return(state, *to_step, ctx)?;
            let step = &ctx.workflow[*to_step as usize];
            next.step = Some(*to_step);
            next.current_unit = step.unit.clone();
            next.current_role = step.role;
        }
    }
    if next.status != Status::SupplementRequested {
        next.supplement_arrived_at = None;
    }
    if next.step != state.step
        || next.current_unit.id != state.current_unit.id
        || next.current_role != state.current_role
    {
        next.assigned_user_id = None;
    }
    super::step_clock::follow(state, &mut next, ctx)?;
    Ok(next)
}

/// The national payment platform's confirmation that the dossier's fee was
/// paid online: the same transition as [`Action::RecordPayment`], with no
/// officer (the platform's signed callback is the evidence,
/// docs/payments.md). Only a dossier waiting for a payment (status 6).
pub fn paid_online(state: &DossierState, ctx: &Context<'_>) -> Result<DossierState, RuleError> {
    if state.status != Status::PaymentRequested {
        return Err(not_in_status(ActionKind::RecordPayment, state.status));
    }
    let mut next = state.clone();
    payment_recorded(&mut next, state);
    super::step_clock::follow(state, &mut next, ctx)?;
    Ok(next)
}

/// The payment is in: back to where the dossier was when it was asked.
fn payment_recorded(next: &mut DossierState, state: &DossierState) {
    next.status = state.resume_status.unwrap_or(Status::InProcess);
    next.resume_status = None;
}

/// The actions `actor` may take on the dossier now, for menus and the
/// dossier page. Reschedule is listed when allowed in principle; its date
/// is checked when it is applied.
pub fn allowed_actions(state: &DossierState, actor: &Actor, ctx: &Context<'_>) -> Vec<ActionKind> {
    ActionKind::ALL
        .into_iter()
        .filter(|&kind| {
            !matches!(kind, ActionKind::SubmitOnline | ActionKind::ReceiveAtCounter)
                && role_may(actor.role, kind)
                && status_allows(state, kind, ctx)
                && check_actor(state, actor, kind).is_ok()
                && (kind != ActionKind::Reschedule || reschedule_window_open(state, ctx))
                && (kind != ActionKind::ReturnToStep || state.step.is_some_and(|s| s > 0))
        })
        .collect()
}

/// Step 1: the actions each role may ever take.
fn role_may(role: Role, kind: ActionKind) -> bool {
    use ActionKind::*;
    match role {
        Role::Admin | Role::ReformOfficer => false,
        Role::Citizen => matches!(kind, SubmitOnline | Withdraw | SubmitSupplement),
        Role::CounterOfficer => matches!(
            kind,
            ReceiveAtCounter
                | Receive
                | RefuseToReceive
                | Forward
                | RequestSupplement
                | SupplementReceived
                | RequestPayment
                | RecordPayment
                | Reschedule
                | Withdraw
                | Finish
                | ReturnResult
                | Assign
        ),
        Role::Specialist => matches!(
            kind,
            Forward
                | RequestSupplement
                | SupplementReceived
                | RequestPayment
                | RecordPayment
                | Finish
                | Assign
                | ReturnToStep
        ),
        Role::Leader => matches!(
            kind,
            Forward
                | RequestSupplement
                | SupplementReceived
                | RequestPayment
                | RecordPayment
                | Reschedule
                | Stop
                | Finish
                | Assign
                | ReturnToStep
        ),
    }
}

/// Step 2: the statuses (and workflow position) each action starts from.
fn status_allows(state: &DossierState, kind: ActionKind, ctx: &Context<'_>) -> bool {
    use ActionKind::*;
    use Status::*;
    let s = state.status;
    let at_last_step = state.step.is_some_and(|i| i as usize + 1 == ctx.workflow.len());
    match kind {
        SubmitOnline | ReceiveAtCounter => false,
        Receive | RefuseToReceive => s == Submitted,
        Forward => match s {
            Received => !ctx.workflow.is_empty(),
            InProcess => !at_last_step,
            _ => false,
        },
        // Again while waiting only once an online supplement has arrived:
        // there is something to answer.
        RequestSupplement => {
            matches!(s, Submitted | Received | InProcess)
                || (s == SupplementRequested && state.supplement_arrived_at.is_some())
        }
        SubmitSupplement => s == SupplementRequested,
        SupplementReceived => s == SupplementRequested,
        RequestPayment => matches!(s, Received | InProcess),
        RecordPayment => s == PaymentRequested,
        Reschedule => matches!(s, Received | InProcess | PaymentRequested),
        Withdraw => matches!(s, Submitted | Received | InProcess | SupplementRequested | PaymentRequested),
        Stop => matches!(s, Received | InProcess | SupplementRequested | PaymentRequested),
        Finish => s == InProcess && at_last_step,
        ReturnResult => s == Handled,
        Assign | ReturnToStep => s == InProcess,
    }
}

/// Step 3: whether this particular actor may act on this dossier.
///
/// Counter work (reception, return, the counter's side of supplements and
/// payments) belongs to the counter officers of the receiving unit's
/// subtree; step work belongs to the step's role in the current unit's
/// subtree, and to that unit's leaders.
fn check_actor(state: &DossierState, actor: &Actor, kind: ActionKind) -> Result<(), RuleError> {
    if actor.role == Role::Citizen {
        // Citizens only withdraw and send supplements, and only for their
        // own dossiers.
        return if state.owner_user_id == Some(actor.user_id) {
            Ok(())
        } else {
            Err(RuleError::forbidden("not_owner"))
        };
    }
    let at_counter = actor.role == Role::CounterOfficer && actor.has_scope_over(&state.receiving_unit);
    let owns_step =
        actor.has_scope_over(&state.current_unit) && (actor.role == state.current_role || actor.role == Role::Leader);
    let ok = match kind {
        ActionKind::Receive | ActionKind::RefuseToReceive | ActionKind::ReturnResult | ActionKind::Withdraw => {
            at_counter
        }
        ActionKind::Forward if state.status == Status::Received => at_counter,
        // Asking again is for whoever may accept the supplement.
        ActionKind::RequestSupplement if state.status == Status::SupplementRequested => at_counter || owns_step,
        ActionKind::RequestSupplement if state.status != Status::InProcess => at_counter,
        ActionKind::SupplementReceived
        | ActionKind::RequestPayment
        | ActionKind::RecordPayment
        | ActionKind::RequestSupplement => at_counter || owns_step,
        ActionKind::Reschedule => at_counter || (actor.role == Role::Leader && owns_step),
        ActionKind::Stop => actor.role == Role::Leader && owns_step,
        ActionKind::Forward | ActionKind::Finish | ActionKind::Assign | ActionKind::ReturnToStep => owns_step,
        ActionKind::SubmitOnline | ActionKind::ReceiveAtCounter | ActionKind::SubmitSupplement => false,
    };
    if ok {
        return Ok(());
    }
    if !actor.has_scope_over(&state.current_unit) && !actor.has_scope_over(&state.receiving_unit) {
        Err(outside_scope())
    } else {
        Err(RuleError::forbidden("not_step_owner"))
    }
}

/// The apology with a new date (61/2018/NĐ-CP; docs/sources.md#apology): at most
/// once, at least one working day before the due date, to a later working
/// day.
fn reschedule(
    state: &DossierState,
    new_due_date: NaiveDate,
    ctx: &Context<'_>,
) -> Result<chrono::NaiveDateTime, RuleError> {
    if state.rescheduled {
        return Err(RuleError::not_allowed("reschedule_only_once"));
    }
    let Some(due) = state.due_at else {
        return Err(RuleError::not_allowed("reschedule_without_due_date"));
    };
    // A calendar gap is reported as such, not as "too late".
    if ctx.calendar.working_days_between(ctx.now.date(), due.date())? < 1 {
        return Err(RuleError::not_allowed("reschedule_too_late"));
    }
    if new_due_date <= due.date() {
        return Err(RuleError::invalid("reschedule_not_later", "new_due_date"));
    }
    if !ctx.calendar.is_working_day(new_due_date)? {
        return Err(RuleError::invalid("reschedule_not_working_day", "new_due_date"));
    }
    Ok(ctx.calendar.end_of_day(new_due_date))
}

/// Whether a reschedule could be accepted now: not used yet, and today is
/// at least one working day before the due date.
fn reschedule_window_open(state: &DossierState, ctx: &Context<'_>) -> bool {
    let Some(due) = state.due_at.filter(|_| !state.rescheduled) else { return false };
    ctx.calendar.working_days_between(ctx.now.date(), due.date()).is_ok_and(|days| days >= 1)
}

fn close(next: &mut DossierState, status: Status, now: chrono::NaiveDateTime) {
    next.status = status;
    next.finished_at = Some(now);
    next.resume_status = None;
    // An unanswered supplement request ends the 766 clock at the request
    // (docs/sources.md#766-end-time); keep `paused_at` so statistics can see it.
}

fn role_not_allowed(kind: ActionKind) -> RuleError {
    RuleError::forbidden("role_not_allowed").arg("case", "action").arg_each(
        "action",
        kind.name_vi(),
        kind.as_str().replace('_', " "),
    )
}

fn not_in_status(kind: ActionKind, status: Status) -> RuleError {
    RuleError::not_allowed("action_not_allowed_in_status")
        .arg_each("action", kind.name_vi(), kind.as_str().replace('_', " "))
        .arg_each("status", status.name_vi(), status.name_en())
}

fn outside_scope() -> RuleError {
    RuleError::forbidden("outside_unit_scope")
}

#[cfg(test)]
#[path = "machine_tests.rs"]
mod tests;
