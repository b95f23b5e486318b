//! Drives demo dossiers through the real rules and store at past times.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime};
use motcua_rules::calendar::{WorkCalendar, vietnam_default_config};
use motcua_rules::dossier::{self, Action, ActionKind, Actor, Assignee, Context};
use motcua_rules::{Role, TimeLimit};
use motcua_store::model::{
    Applicant, AttachmentKind, Channel, ComponentReceived, Dossier, EventInput, NewAttachment, NewUser,
    ProcedureVersion, Unit,
};
use motcua_store::{DossierRef, NewDossier, Store, StoreError};

use super::random::Rng;
use super::{CENTRE, COMMUNES, PROCEDURES};

/// A password hash no password matches: the simulated officers and
/// citizens appear in histories but cannot log in.
const NO_LOGIN: &str = "!no-login";

const FAMILY: &[&str] = &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Nông", "Lương", "Đàm", "Bế", "Hà"];
const MIDDLE: &[&str] = &["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc"];
const GIVEN: &[&str] =
    &["An", "Bình", "Chi", "Dũng", "Giang", "Hạnh", "Khánh", "Lan", "Nam", "Phương", "Sơn", "Tâm", "Trang", "Vinh"];

/// Who acts for each unit and role.
struct Staff {
    actors: HashMap<(i64, Role), Actor>,
    citizens: Vec<Actor>,
}

impl Staff {
    fn get(&self, unit_id: i64, role: Role) -> Actor {
        self.actors.get(&(unit_id, role)).cloned().expect("every demo unit has every role")
    }
}

async fn staff(store: &Store, units: &[Unit], now: NaiveDateTime) -> Result<Staff, StoreError> {
    let existing = store.users(None).await?;
    let mut actors = HashMap::new();
    for unit in units.iter().filter(|u| u.level != "province" && u.level != "district") {
        for role in [Role::CounterOfficer, Role::Specialist, Role::Leader] {
            let user = match existing.iter().find(|u| u.unit_id == Some(unit.id) && u.role == role) {
                Some(u) => u.clone(),
                None => {
                    let username = format!("{}.{}", role.as_str(), unit.code.to_lowercase());
                    store
                        .create_user(
                            NewUser {
                                username,
                                password_hash: NO_LOGIN.into(),
                                full_name: format!("{} {}", role.name_vi(), unit.name),
                                role,
                                unit_id: Some(unit.id),
                            },
                            now,
                        )
                        .await?
                }
            };
            actors.insert((unit.id, role), Actor { user_id: user.id, role, unit: Some(unit.as_ref()) });
        }
    }
    // Citizens have no unit, so `users(None)` (staff by unit path) does not list them.
    let mut citizens = Vec::new();
    if let Some((demo_citizen, _)) = store.user_for_login("congdan".into()).await? {
        citizens.push(Actor { user_id: demo_citizen.id, role: Role::Citizen, unit: None });
    }
    for i in 0..20 {
        let user = store
            .create_user(
                NewUser {
                    username: format!("congdan.mau{i:02}"),
                    password_hash: NO_LOGIN.into(),
                    full_name: format!("Công dân mẫu {i}"),
                    role: Role::Citizen,
                    unit_id: None,
                },
                now,
            )
            .await?;
        citizens.push(Actor { user_id: user.id, role: Role::Citizen, unit: None });
    }
    Ok(Staff { actors, citizens })
}

fn applicant(rng: &mut Rng) -> Applicant {
    let name = format!("{} {} {}", rng.pick(FAMILY), rng.pick(MIDDLE), rng.pick(GIVEN));
    let phone = format!("09{:08}", rng.below(100_000_000));
    let id = format!("004{:09}", rng.below(1_000_000_000));
    Applicant {
        name,
        id_number: Some(id),
        phone: Some(phone),
        email: None,
        address: Some(format!("Tổ {}, {}", rng.below(30) + 1, "tỉnh Cao Bằng")),
        organization: false,
    }
}

/// One dossier's story, decided up front.
struct Plan {
    refuse: bool,
    withdraw: bool,
    stop: bool,
    supplements: u32,
    payment: bool,
    late: bool,
    reschedule: bool,
    /// The citizen has not answered yet: the dossier stays waiting.
    unanswered: bool,
}

fn plan(rng: &mut Rng, online: bool) -> Plan {
    let unanswered = rng.chance(0.15);
    Plan {
        refuse: online && rng.chance(0.04),
        withdraw: rng.chance(0.02),
        stop: rng.chance(0.02),
        supplements: if rng.chance(0.08) { 1 + u32::from(rng.chance(0.1)) } else { 0 },
        payment: rng.chance(0.08),
        late: rng.chance(0.07),
        reschedule: rng.chance(0.03),
        unanswered,
    }
}

struct Sim<'a> {
    store: &'a Store,
    calendar: Arc<WorkCalendar>,
    now: NaiveDateTime,
}

impl Sim<'_> {
    /// `t` plus `hours` working hours.
    fn later(&self, t: NaiveDateTime, hours: u32) -> NaiveDateTime {
        self.calendar
            .deadline(t, TimeLimit::new(hours, motcua_rules::TimeUnit::WorkingHours))
            .unwrap_or(t + Duration::hours(i64::from(hours)))
    }

    /// Applies an action at `at` if that moment has come; `None` when the
    /// story stops here (the future, or a rule that says no).
    async fn act(
        &self,
        d: &Dossier,
        version: &Arc<ProcedureVersion>,
        actor: &Actor,
        action: Action,
        note: Option<&str>,
        at: NaiveDateTime,
    ) -> Option<Dossier> {
        if at >= self.now {
            return None;
        }
        let workflow = d.workflow(version);
        let ctx = Context { calendar: &self.calendar, limit: version.data.time_limit, workflow: &workflow, now: at };
        let next = dossier::apply(&d.state, actor, &action, note, &ctx).ok()?;
        let kind = action.kind();
        let event = EventInput::by(kind.as_str(), actor, note.map(str::to_owned));
        if kind == ActionKind::SubmitSupplement {
            // The citizen's supplement comes with its file.
            let file = NewAttachment {
                kind: AttachmentKind::Supplement,
                component: None,
                name: "Bản sao bổ sung.pdf".into(),
                content_type: "application/pdf".into(),
                data: super::forms::one_page_pdf("BAN SAO BO SUNG", &["Ban sao giay to con thieu (mau)"]),
            };
            let store = self.store;
            let decided = move |_: &Dossier, _: &ProcedureVersion| Ok(next);
            return store
                .act_with_files(DossierRef::Id(d.id), d.version, event, at, vec![file], decided)
                .await
                .ok()
                .map(|(d, _)| d);
        }
        self.store.act(DossierRef::Id(d.id), d.version, event, at, move |_, _| Ok(next)).await.ok()
    }
}

/// A working moment on a random day of the past year.
fn submission_time(rng: &mut Rng, calendar: &WorkCalendar, now: NaiveDateTime) -> NaiveDateTime {
    // A tenth in the last four weeks, so that there is open work in every inbox.
    let back = if rng.chance(0.1) { rng.below(28) } else { rng.below(365) };
    let day = now.date() - Duration::days(1 + back as i64);
    let day = calendar.add_working_days(day, 0).unwrap_or(day);
    let minutes = 7 * 60 + 30 + rng.below(9 * 60) as u32;
    day.and_time(NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).expect("valid time"))
}

pub async fn run(
    store: &Store,
    now: NaiveDateTime,
    n: usize,
    unit: &dyn Fn(&str) -> Unit,
) -> Result<usize, StoreError> {
    let stored = store.calendar().await?;
    let calendar = Arc::new(
        WorkCalendar::with_proposals(
            stored.config.unwrap_or_else(vietnam_default_config),
            stored.years,
            now.year() + crate::state::PROPOSED_YEARS_AHEAD,
        )
        .map_err(motcua_rules::RuleError::from)?,
    );
    let units = store.units().await?;
    let staff = staff(store, &units, now).await?;
    let mut versions = Vec::new();
    for p in PROCEDURES {
        versions.push(store.current_version(p.code.into()).await?);
    }
    let sim = Sim { store, calendar: calendar.clone(), now };
    let mut rng = Rng::new(0x6d6f_7463_7561);
    let mut created = 0;
    for _ in 0..n {
        let version = rng.pick(&versions).clone();
        let t0 = submission_time(&mut rng, &calendar, now);
        // A commune procedure is handed in at any commune, a province one
        // at the centre: each goes to the unit that implements it there.
        let receiving = if version.data.level == "commune" {
            let commune: &&str = rng.pick(COMMUNES);
            unit(commune)
        } else {
            unit(CENTRE)
        };
        let online = version.data.online_level.accepts_online() && rng.chance(0.45);
        if one(&sim, &staff, &version, &receiving, online, t0, &mut rng).await?.is_some() {
            created += 1;
        }
    }
    Ok(created)
}

async fn one(
    sim: &Sim<'_>,
    staff: &Staff,
    version: &Arc<ProcedureVersion>,
    receiving: &Unit,
    online: bool,
    t0: NaiveDateTime,
    rng: &mut Rng,
) -> Result<Option<Dossier>, StoreError> {
    let counter = staff.get(receiving.id, Role::CounterOfficer);
    let components: Vec<ComponentReceived> =
        version.data.components.iter().map(|c| ComponentReceived { name: c.name.clone(), count: 1 }).collect();
    let ctx = Context { calendar: &sim.calendar, limit: version.data.time_limit, workflow: &[], now: t0 };
    let citizen = rng.pick(&staff.citizens).clone();
    let (state, channel, by, action) = if online {
        (dossier::submit_online(receiving.as_ref(), &citizen)?, Channel::Online, &citizen, "submit_online")
    } else {
        let channel = if rng.chance(0.05) { Channel::Postal } else { Channel::Counter };
        match dossier::receive_at_counter(receiving.as_ref(), &counter, &ctx) {
            Ok(s) => (s, channel, &counter, "receive_at_counter"),
            Err(_) => return Ok(None),
        }
    };
    let (mut d, _) = sim
        .store
        .create_dossier(NewDossier {
            version: version.clone(),
            receiving_unit: receiving.clone(),
            channel,
            applicant: applicant(rng),
            components,
            state,
            event: EventInput::by(action, by, None),
            idempotency: None,
            now: t0,
        })
        .await?;
    let p = plan(rng, online);
    let mut t = t0;
    macro_rules! step {
        ($actor:expr, $action:expr, $note:expr, $hours:expr) => {{
            t = sim.later(t, $hours);
            match sim.act(&d, version, &$actor, $action, $note, t).await {
                Some(next) => d = next,
                None => return Ok(Some(d)),
            }
        }};
    }
    if online {
        if p.refuse {
            step!(counter, Action::RefuseToReceive, Some("Hồ sơ không thuộc thẩm quyền giải quyết"), 2);
            return Ok(Some(d));
        }
        step!(counter, Action::Receive, None, 1 + rng.below(6) as u32);
    }
    if p.withdraw {
        step!(citizen_or_counter(&citizen, &counter, online), Action::Withdraw, Some("Công dân đề nghị rút hồ sơ"), 3);
        return Ok(Some(d));
    }
    step!(counter, Action::Forward, None, 1);
    let due = d.state.due_at.unwrap_or(t);
    let budget = sim.calendar.working_days_between(t.date(), due.date()).unwrap_or(1).max(1) as u32;
    let workflow = d.workflow(version);
    for (i, s) in workflow.iter().enumerate() {
        let owner = staff.get(s.unit.id, s.role);
        if i == 0 {
            for _ in 0..p.supplements {
                step!(owner, Action::RequestSupplement, Some("Đề nghị bổ sung bản sao giấy tờ còn thiếu"), 2);
                if p.unanswered {
                    return Ok(Some(d));
                }
                // Most online applicants send the supplement from their
                // page; the counter accepts it after checking.
                if online && rng.chance(0.7) {
                    step!(
                        citizen,
                        Action::SubmitSupplement,
                        Some("Đã gửi bản sao còn thiếu"),
                        4 * (1 + rng.below(4) as u32)
                    );
                }
                step!(counter, Action::SupplementReceived, None, 8 * (1 + rng.below(3) as u32));
            }
            if p.payment {
                step!(owner, Action::RequestPayment, None, 1);
                if p.unanswered {
                    return Ok(Some(d));
                }
                step!(counter, Action::RecordPayment, None, 4);
            }
            if p.stop {
                let leader = staff.get(s.unit.id, Role::Leader);
                step!(leader, Action::Stop, Some("Hồ sơ thuộc trường hợp phải dừng giải quyết theo quy định"), 4);
                return Ok(Some(d));
            }
            if p.reschedule && p.late {
                let leader = staff.get(s.unit.id, Role::Leader);
                let new_date = sim.calendar.add_working_days(due.date(), 3).unwrap_or(due.date());
                step!(
                    leader,
                    Action::Reschedule { new_due_date: new_date },
                    Some("Cần xác minh thêm thông tin tại địa phương"),
                    1
                );
            }
        }
        let story = side_story(&p, d.id, version, &workflow, i);
        if story.assign {
            // The step's leader hands the dossier to the step's officer by
            // name (phân công); sometimes takes it over again (reassignment).
            let leader = staff.get(s.unit.id, Role::Leader);
            step!(leader, Action::Assign { assignee: assignee(&owner) }, None, 1);
            if story.reassign && s.role != Role::Leader {
                step!(leader, Action::Assign { assignee: assignee(&leader) }, Some("Lãnh đạo trực tiếp xử lý"), 1);
            }
        }
        if story.return_to_first {
            // The last step sends the dossier back to the first (trả lại);
            // the earlier steps handle it again, quickly, on the same clock.
            step!(owner, Action::ReturnToStep { to_step: 0 }, Some("Đề nghị thẩm định lại thành phần hồ sơ"), 2);
            for earlier in &workflow[..i] {
                step!(staff.get(earlier.unit.id, earlier.role), Action::Forward, None, 2);
            }
        }
        // Each step takes its share of the time; a late dossier overruns.
        let hours = if p.late {
            8 * (budget + 2)
        } else {
            let usual = (8 * budget / version.steps.len() as u32).max(1) / 2 + rng.below(4) as u32;
            match slow_first_step(&p, d.id, version, &workflow) {
                // The first step overruns its own share by a working day;
                // the later steps make it up, so the dossier stays on time.
                true if i == 0 => 8 * (s.share + 1),
                true => 1,
                false => usual,
            }
        };
        if i + 1 < workflow.len() {
            // Handing over to a leader carries an internal note (never shown
            // to the citizen, docs/lifecycle.md#notes).
            let note = (workflow[i + 1].role == Role::Leader).then_some("Đề nghị lãnh đạo xem xét, ký duyệt");
            step!(owner, Action::Forward, note, hours);
        } else {
            step!(owner, Action::Finish, None, hours);
        }
    }
    step!(counter, Action::ReturnResult, None, 2 + 8 * rng.below(3) as u32);
    Ok(Some(d))
}

/// Some dossiers that finish on time have a late first step (per-step
/// deadlines, docs/lifecycle.md): those whose limit is in working days and
/// whose later steps hold at least a day of slack. Chosen by the dossier's
/// id, so the random stream (and every other dossier's story) is unchanged.
fn slow_first_step(p: &Plan, id: i64, version: &ProcedureVersion, workflow: &[dossier::WorkflowStep]) -> bool {
    let slack: u32 = workflow.iter().skip(1).map(|s| s.share).sum();
    !p.late
        && id % 4 == 1
        && version.data.time_limit.unit == motcua_rules::TimeUnit::WorkingDays
        && workflow.first().is_some_and(|s| s.share > 0)
        && slack >= 1
}

/// What else happens at step `i` besides its work: an assignment (and a
/// reassignment) and, at the last step, a return to the first. Chosen by
/// the dossier's id like [`slow_first_step`], and only for dossiers whose
/// story is otherwise plain, so that the extra hours stay within the limit.
struct SideStory {
    assign: bool,
    reassign: bool,
    return_to_first: bool,
}

fn side_story(
    p: &Plan,
    id: i64,
    version: &ProcedureVersion,
    workflow: &[dossier::WorkflowStep],
    i: usize,
) -> SideStory {
    let plain = !p.late && !slow_first_step(p, id, version, workflow);
    SideStory {
        assign: plain && id % 6 == 3,
        reassign: id % 18 == 9,
        return_to_first: plain
            && id % 10 == 7
            && i > 0
            && i + 1 == workflow.len()
            && matches!(workflow[i].role, Role::Leader | Role::Specialist)
            && version.data.time_limit.unit == motcua_rules::TimeUnit::WorkingDays,
    }
}

fn assignee(actor: &Actor) -> Assignee {
    Assignee { user_id: actor.user_id, role: actor.role, unit: actor.unit.clone(), active: true }
}

fn citizen_or_counter(citizen: &Actor, counter: &Actor, online: bool) -> Actor {
    if online { citizen.clone() } else { counter.clone() }
}
