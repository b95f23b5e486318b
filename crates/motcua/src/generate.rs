//! `motcua generate-dossiers`: many synthetic dossiers, fast, for the
//! inbox and statistics benchmarks.
//!
//! Unlike the demo, these are not driven action by action: each is created
//! in a plausible state (received, at a workflow step, handled or returned)
//! with one history row that explains it, so the statistics counters and a
//! replay of the history agree (`motcua stats check`). The
//! database must hold the demo catalog and units (`motcua demo` first, or a
//! first `motcua serve`).

use std::time::Instant;

use chrono::{Duration, NaiveTime};
use motcua_rules::Role;
use motcua_rules::calendar::{WorkCalendar, vietnam_default_config};
use motcua_rules::dossier::{self, Actor, Context, Status};
use motcua_store::model::{Applicant, Channel, EventInput, NewUnit};
use motcua_store::{NewDossier, Store};

/// Applicants' names, drawn uniformly from common family names, middle
/// names and given names (15 × 15 × 60 = 13,500 full names), so that the
/// staff search meets realistic collisions: a full name matches about one
/// dossier in 13,500, a given name alone one in 60.
const FAMILY: [&str; 15] =
    ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Nông", "Lương", "Hà"];
const MIDDLE: [&str; 15] =
    ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu", "Thanh", "Xuân", "Kim", "Hồng", "Công", "Bảo", "Gia"];
const GIVEN: [&str; 60] = [
    "An", "Anh", "Bảo", "Bình", "Chi", "Cường", "Dũng", "Duy", "Dương", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa",
    "Hoa", "Hùng", "Hương", "Huy", "Khánh", "Khoa", "Lan", "Linh", "Long", "Mai", "Minh", "My", "Nam", "Nga", "Ngọc",
    "Nhung", "Oanh", "Phong", "Phúc", "Phương", "Quân", "Quang", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thành",
    "Thủy", "Tiến", "Toàn", "Trang", "Trung", "Tú", "Tuấn", "Tùng", "Uyên", "Văn", "Việt", "Vinh", "Vy", "Xuân", "Yến",
    "Hậu", "Lộc",
];

/// Rows written per transaction: large enough to amortise the commit,
/// small enough to keep the write lock short for a running server.
const BATCH: usize = 5_000;

/// Adds synthetic communes under the first province until it has `n`.
pub async fn communes(store: &Store, n: usize) -> Result<(), String> {
    let err = |e: motcua_store::StoreError| e.to_string();
    let units = store.units().await.map_err(err)?;
    let province = units.iter().find(|u| u.parent_id.is_none()).ok_or("no province: load the demo first")?;
    let have = units.iter().filter(|u| u.level == "commune" && u.province_id == province.id).count();
    let now = motcua_server::time::system_clock()();
    for i in have..n {
        let unit = NewUnit {
            parent_id: Some(province.id),
            code: format!("{}.X{i:04}", province.code),
            name: format!("Xã Mẫu {i:04}"),
            level: "commune".into(),
        };
        store.create_unit(unit, now).await.map_err(err)?;
    }
    println!("motcua: {} communes under {}", n.max(have), province.code);
    Ok(())
}

pub async fn dossiers(store: &Store, count: usize) -> Result<(), String> {
    let err = |e: motcua_store::StoreError| e.to_string();
    let stored = store.calendar().await.map_err(err)?;
    // As the server does: years not entered are proposed, two years ahead.
    let today = motcua_server::time::system_clock()();
    let through = chrono::Datelike::year(&today) + motcua_server::state::PROPOSED_YEARS_AHEAD;
    let calendar =
        WorkCalendar::with_proposals(stored.config.unwrap_or_else(vietnam_default_config), stored.years, through)
            .map_err(|e| e.to_string())?;
    let catalog = store.export_procedures().await.map_err(err)?;
    if catalog.is_empty() {
        return Err("no procedures: load the demo first (motcua demo)".into());
    }
    let mut versions = Vec::new();
    for p in &catalog {
        versions.push(store.current_version(p.code.clone()).await.map_err(err)?);
    }
    let units = store.units().await.map_err(err)?;
    let centre = units
        .iter()
        .find(|u| u.level == motcua_rules::dossier::routing::CENTRE_LEVEL)
        .cloned()
        .ok_or("no public service centre (unit level centre)")?;
    let mut routes = std::collections::HashMap::new();
    // The centre's province only: the demo also holds other provinces'
    // units (the reform office's published rankings), which do not receive
    // this catalogue.
    let communes: Vec<_> =
        units.iter().filter(|u| u.level == "commune" && u.province_id == centre.province_id).cloned().collect();
    let now = motcua_server::time::system_clock()();
    let started = Instant::now();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n.max(1)
    };
    let mut written = 0;
    let mut empty_batches = 0;
    while written < count {
        let mut batch = Vec::with_capacity(BATCH);
        for _ in 0..BATCH.min(count - written) {
            let version = versions[next(versions.len() as u64) as usize].clone();
            // Commune-level procedures are received at any commune's counter.
            let receiving = if version.data.level == "commune" {
                communes[next(communes.len() as u64) as usize].clone()
            } else {
                centre.clone()
            };
            let day = now.date() - Duration::days(1 + next(365) as i64);
            // Only working days: moving a day off to the next working day
            // would pile a whole holiday's dossiers onto one day.
            if !calendar.is_working_day(day).unwrap_or(false) {
                continue;
            }
            let at = day.and_time(NaiveTime::from_hms_opt(8 + next(8) as u32, next(60) as u32, 0).expect("valid"));
            let officer = Actor { user_id: 0, role: Role::CounterOfficer, unit: Some(receiving.as_ref()) };
            let ctx = Context { calendar: &calendar, limit: version.data.time_limit, workflow: &[], now: at };
            let Ok(mut state) = dossier::receive_at_counter(receiving.as_ref(), &officer, &ctx) else { continue };
            // A year of dossiers: most are finished, recent ones still open.
            let roll = next(100);
            // Each dossier has one history row, so its state must be one
            // that row explains (`motcua stats check` verifies it): closed
            // states end at that moment, and no pause without its request.
            if roll < 55 {
                state.status = Status::Returned;
                state.finished_at = Some(at);
            } else if roll < 65 {
                state.status = Status::Handled;
                state.finished_at = Some(at);
            } else if roll < 95 {
                let key = (version.id, receiving.id);
                if let std::collections::hash_map::Entry::Vacant(e) = routes.entry(key) {
                    e.insert(store.route(version.clone(), receiving.clone()).await.map_err(err)?);
                }
                let step = next(version.steps.len() as u64) as usize;
                state.status = Status::InProcess;
                state.step = Some(step as u32);
                state.current_unit = routes[&key][step].clone();
                state.current_role = version.steps[step].role;
                // In the step since reception, with its own due moment, so
                // the inbox and the escalation scheduler see it as real.
                state.step_started_at = Some(at);
                state.step_due_at =
                    dossier::step_clock::step_due(&calendar, version.data.time_limit, version.steps[step].share, at)
                        .unwrap_or(None);
            }
            batch.push(NewDossier {
                version,
                receiving_unit: receiving,
                channel: if next(2) == 0 { Channel::Online } else { Channel::Counter },
                applicant: Applicant {
                    name: format!(
                        "{} {} {}",
                        FAMILY[next(FAMILY.len() as u64) as usize],
                        MIDDLE[next(MIDDLE.len() as u64) as usize],
                        GIVEN[next(GIVEN.len() as u64) as usize]
                    ),
                    id_number: Some(format!("004{:09}", next(1_000_000_000))),
                    phone: Some(format!("09{:08}", next(100_000_000))),
                    email: None,
                    address: None,
                    organization: false,
                },
                components: vec![],
                state,
                event: EventInput {
                    action: "receive_at_counter",
                    actor_user_id: None,
                    actor_unit_id: None,
                    note: None,
                    note_audience: motcua_rules::dossier::NoteAudience::Internal,
                },
                idempotency: None,
                now: at,
            });
        }
        if batch.is_empty() {
            // Every day drawn was a day off or outside the calendar's years.
            empty_batches += 1;
            if empty_batches > 3 {
                return Err("no working day with calendar data in the past year: enter the calendar first".into());
            }
            continue;
        }
        written += store.create_dossiers_bulk(batch).await.map_err(err)?;
        if written % 100_000 < BATCH {
            println!("motcua: {written} dossiers written ({:.0}/s)", written as f64 / started.elapsed().as_secs_f64());
        }
    }
    println!("motcua: {written} dossiers written in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}
