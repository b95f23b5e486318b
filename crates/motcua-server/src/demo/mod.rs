//! Demo data for a first start: a province with departments and communes,
//! the catalog of [`catalog`], one login per role, and a few thousand
//! dossiers spread over the past year in every status.
//!
//! The dossiers are not written as rows: each one is driven through the real
//! state machine and store, action by action at past times, so the demo's
//! due dates, codes and histories are exactly what the system would have
//! produced. The demo logins exist only here, never in a real installation.

mod catalog;
pub mod eforms;
mod forms;
pub mod pki;
mod random;
mod reform;
mod simulate;

use chrono::NaiveDateTime;
use motcua_rules::Role;
use motcua_rules::calendar::vietnam_schedules;
use motcua_store::model::{NewUnit, NewUser, Unit};
use motcua_store::{Store, StoreError};

use crate::auth::hash_password_blocking;

pub use catalog::PROCEDURES;
pub use forms::one_page_pdf;

/// The demo logins: username, password, role, and the unit code they work in.
pub const LOGINS: &[(&str, &str, Role, &str)] = &[
    // The province administrator, and two administrators contained to their
    // unit: a commune's and a department's (docs/web.md, "Administration").
    ("admin", "admin-demo-2026", Role::Admin, "H11"),
    ("quantri.xa", "quantri-demo-2026", Role::Admin, "H11.100"),
    ("quantri.snmt", "quantri-demo-2026", Role::Admin, "H11.SNNMT"),
    ("motcua", "motcua-demo-2026", Role::CounterOfficer, "H11.100"),
    ("chuyenvien", "chuyenvien-demo-2026", Role::Specialist, "H11.100"),
    ("lanhdao", "lanhdao-demo-2026", Role::Leader, "H11.100"),
    ("congdan", "congdan-demo-2026", Role::Citizen, ""),
    ("motcua.tinh", "motcua-demo-2026", Role::CounterOfficer, "H11.TTPVHCC"),
    ("chuyenvien.snmt", "chuyenvien-demo-2026", Role::Specialist, "H11.SNNMT"),
    ("lanhdao.snmt", "lanhdao-demo-2026", Role::Leader, "H11.SNNMT"),
    // A second commune with its own officers: the same commune procedures
    // reach them, not Phường Thục Phán's. (Every other commune, department
    // and the centre get theirs from [`staff_logins`].)
    ("motcua.hoaan", "motcua-demo-2026", Role::CounterOfficer, "H11.103"),
    ("chuyenvien.hoaan", "chuyenvien-demo-2026", Role::Specialist, "H11.103"),
    ("lanhdao.hoaan", "lanhdao-demo-2026", Role::Leader, "H11.103"),
    // Reform offices (PAR INDEX, SIPAS). A reform officer acts on its unit's
    // subtree: Cao Bằng's Sở Nội vụ officer works for the province, so it is
    // placed at the province unit; the others at the roots of the two
    // published demo campaigns (Bắc Kạn, and Sơn Tây within Hà Nội).
    ("noivu", "noivu-demo-2026", Role::ReformOfficer, "H11"),
    ("noivu.backan", "noivu-demo-2026", Role::ReformOfficer, "BK"),
    ("noivu.sontay", "noivu-demo-2026", Role::ReformOfficer, "HN.ST"),
];

/// The units whose staff get demo logins by a scheme, and the slug of each
/// unit in those usernames: every current commune (its name without "Phường"
/// or "Xã", without accents or spaces), every department (the Sở's usual
/// abbreviation) and the service centre (`tinh`). See [`staff_logins`].
pub const STAFFED_UNITS: &[(&str, &str)] = &[
    ("H11.TTPVHCC", "tinh"),
    ("H11.STP", "stp"),
    ("H11.SXD", "sxd"),
    ("H11.SNNMT", "snmt"),
    ("H11.STC", "stc"),
    ("H11.SNV", "snv"),
    ("H11.SGDDT", "sgddt"),
    ("H11.100", "thucphan"),
    ("H11.101", "nungtricao"),
    ("H11.102", "tangiang"),
    ("H11.103", "hoaan"),
    ("H11.104", "nguyenbinh"),
    ("H11.105", "quanguyen"),
];

/// The roles every staffed unit has, with the username prefix and the
/// demo password of each.
pub const STAFF_ROLES: &[(Role, &str, &str)] = &[
    (Role::CounterOfficer, "motcua", "motcua-demo-2026"),
    (Role::Specialist, "chuyenvien", "chuyenvien-demo-2026"),
    (Role::Leader, "lanhdao", "lanhdao-demo-2026"),
];

/// One demo login: username, password, role, and the unit code it works in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub username: String,
    pub password: &'static str,
    pub role: Role,
    pub unit: &'static str,
}

/// The staff logins of the scheme: for every unit of [`STAFFED_UNITS`] a
/// counter officer `motcua.<slug>`, a specialist `chuyenvien.<slug>` and a
/// leader `lanhdao.<slug>`, except where [`LOGINS`] already has a login
/// of that role in that unit (Phường Thục Phán's `motcua`, `chuyenvien`,
/// `lanhdao`; the names that [`LOGINS`] gives Sở Nông nghiệp và Môi
/// trường, Xã Hòa An and the centre follow the scheme already).
pub fn staff_logins() -> Vec<Login> {
    let mut out = Vec::new();
    for (unit, slug) in STAFFED_UNITS {
        for (role, prefix, password) in STAFF_ROLES {
            if LOGINS.iter().any(|l| l.3 == *unit && l.2 == *role) {
                continue;
            }
            out.push(Login { username: format!("{prefix}.{slug}"), password, role: *role, unit });
        }
    }
    out
}

/// Every demo login: [`LOGINS`], then [`staff_logins`].
pub fn all_logins() -> Vec<Login> {
    let fixed = LOGINS.iter().map(|(username, password, role, unit)| Login {
        username: (*username).to_owned(),
        password,
        role: *role,
        unit,
    });
    fixed.chain(staff_logins()).collect()
}

/// The demo's units: code, name, level, parent code.
const UNITS: &[(&str, &str, &str, Option<&str>)] = &[
    ("H11", "Tỉnh Cao Bằng (dữ liệu mẫu)", "province", None),
    ("H11.TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", "centre", Some("H11")),
    ("H11.STP", "Sở Tư pháp", "department", Some("H11")),
    ("H11.SXD", "Sở Xây dựng", "department", Some("H11")),
    ("H11.SNNMT", "Sở Nông nghiệp và Môi trường", "department", Some("H11")),
    ("H11.STC", "Sở Tài chính", "department", Some("H11")),
    ("H11.SNV", "Sở Nội vụ", "department", Some("H11")),
    ("H11.SGDDT", "Sở Giáo dục và Đào tạo", "department", Some("H11")),
    ("H11.100", "Phường Thục Phán", "commune", Some("H11")),
    ("H11.101", "Phường Nùng Trí Cao", "commune", Some("H11")),
    ("H11.102", "Phường Tân Giang", "commune", Some("H11")),
    ("H11.103", "Xã Hòa An", "commune", Some("H11")),
    ("H11.104", "Xã Nguyên Bình", "commune", Some("H11")),
    ("H11.105", "Xã Quảng Uyên", "commune", Some("H11")),
    // The old district level, kept for history (before 01/07/2025).
    ("H11.H01", "Huyện Hòa An (cũ)", "district", Some("H11")),
    ("H11.H01.01", "Thị trấn Nước Hai (cũ)", "commune", Some("H11.H01")),
];

/// The communes whose counters receive the demo's commune-level dossiers.
pub const COMMUNES: &[&str] = &["H11.100", "H11.101", "H11.102", "H11.103", "H11.104", "H11.105"];
pub const CENTRE: &str = "H11.TTPVHCC";

/// How many demo dossiers a first start creates.
pub const DEFAULT_DOSSIERS: usize = 3000;

/// Whether the database has no data yet (no unit at all).
pub async fn is_empty(store: &Store) -> Result<bool, StoreError> {
    Ok(store.units().await?.is_empty())
}

/// Loads the demo into an empty database, with `dossiers` dossiers over the
/// year before `now`.
pub async fn load(store: &Store, now: NaiveDateTime, dossiers: usize) -> Result<DemoSummary, StoreError> {
    load_calendar(store, now).await?;
    let mut units = load_units(store, now).await?;
    units.extend(reform::load_units(store, now).await?);
    load_users(store, &units, now).await?;
    let by_code = |code: &str| units.iter().find(|u| u.code == code).cloned().expect("demo unit exists");
    let mut catalog = Vec::new();
    for (i, p) in PROCEDURES.iter().enumerate() {
        let commune = COMMUNES[i % COMMUNES.len()];
        let mut data = p.data(commune, CENTRE);
        catalog::demo_publication(i, &mut data, now.date());
        catalog.push(data);
    }
    store.import_procedures(catalog, None, now).await?;
    forms::load(store, now).await?;
    eforms::load(store, now).await?;
    let created = simulate::run(store, now, dossiers, &by_code).await?;
    reform::load(store, &units, now).await?;
    // The demo's signing keys and root are trusted on this database only.
    store.set_installation_fact("demo", "true".into()).await?;
    Ok(DemoSummary { units: units.len(), procedures: PROCEDURES.len(), dossiers: created })
}

#[derive(Debug)]
pub struct DemoSummary {
    pub units: usize,
    pub procedures: usize,
    pub dossiers: usize,
}

/// The shipped schedules. Later years are not stored: the server proposes
/// them from the Labour Code and the lunar calendar, marked provisional,
/// until an administrator confirms them (`WorkCalendar::with_proposals`).
async fn load_calendar(store: &Store, now: NaiveDateTime) -> Result<(), StoreError> {
    for y in vietnam_schedules() {
        store.put_calendar_year(y, None, now).await?;
    }
    Ok(())
}

async fn load_units(store: &Store, now: NaiveDateTime) -> Result<Vec<Unit>, StoreError> {
    let mut units: Vec<Unit> = Vec::new();
    for (code, name, level, parent) in UNITS {
        let parent_id = parent.map(|p| units.iter().find(|u| u.code == p).expect("parents come first").id);
        let unit = store
            .create_unit(NewUnit { parent_id, code: (*code).into(), name: (*name).into(), level: (*level).into() }, now)
            .await?;
        // A made-up counter telephone, printed on the slips; the hours stay the installation's default.
        let phone = format!("0206 38{:02} {:03}", units.len() % 100, 100 + units.len());
        let unit = store.set_unit_counter(unit.id, Some(phone), None).await?;
        units.push(unit);
    }
    Ok(units)
}

async fn load_users(store: &Store, units: &[Unit], now: NaiveDateTime) -> Result<(), StoreError> {
    // One Argon2 hash per distinct password, shared by the accounts that
    // have it (demo data only): hashing each of the ~40 logins at full cost
    // one after the other would slow the first start for nothing.
    let mut hashes: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for login in all_logins() {
        let unit_id = units.iter().find(|u| u.code == login.unit).map(|u| u.id);
        let password_hash = match hashes.get(login.password) {
            Some(h) => h.clone(),
            None => {
                let h = hash_password_blocking(login.password.to_string())
                    .await
                    .map_err(|e| StoreError::internal(e.message_en))?;
                hashes.insert(login.password, h.clone());
                h
            }
        };
        let full_name = match login.role {
            Role::Admin => "Quản trị hệ thống",
            Role::CounterOfficer => "Nguyễn Thị Hoa",
            Role::Specialist => "Trần Văn Minh",
            Role::Leader => "Hoàng Văn Long",
            Role::Citizen => "Nông Thị Mai",
            Role::ReformOfficer => "Lý Thị Thu",
        };
        store
            .create_user(
                NewUser {
                    username: login.username,
                    password_hash,
                    full_name: full_name.into(),
                    role: login.role,
                    unit_id,
                },
                now,
            )
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_passwords_meet_the_password_policy() {
        for l in all_logins() {
            assert_eq!(motcua_rules::password::check(l.password, &l.username, "password"), Ok(()), "{}", l.username);
        }
    }

    #[test]
    fn every_commune_department_and_the_centre_has_a_counter_officer_a_specialist_and_a_leader() {
        let logins = all_logins();
        let mut names: Vec<&str> = logins.iter().map(|l| l.username.as_str()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "usernames are unique");
        let staffed: Vec<&str> = UNITS
            .iter()
            .filter(|u| matches!(u.2, "commune" | "department" | "centre") && !u.1.ends_with("(cũ)"))
            .map(|u| u.0)
            .collect();
        assert_eq!(staffed.len(), STAFFED_UNITS.len());
        for unit in staffed {
            for (role, _, _) in STAFF_ROLES {
                let n = logins.iter().filter(|l| l.unit == unit && l.role == *role).count();
                assert_eq!(n, 1, "{unit} {role:?}");
            }
        }
        // The scheme's names, and the logins that were there before it.
        let find = |name: &str| logins.iter().find(|l| l.username == name).cloned();
        let l = find("chuyenvien.nguyenbinh").unwrap();
        assert_eq!((l.password, l.role, l.unit), ("chuyenvien-demo-2026", Role::Specialist, "H11.104"));
        let l = find("lanhdao.stp").unwrap();
        assert_eq!((l.password, l.role, l.unit), ("lanhdao-demo-2026", Role::Leader, "H11.STP"));
        let l = find("motcua.sgddt").unwrap();
        assert_eq!((l.password, l.role, l.unit), ("motcua-demo-2026", Role::CounterOfficer, "H11.SGDDT"));
        for old in ["motcua", "chuyenvien", "lanhdao", "motcua.tinh", "chuyenvien.snmt", "lanhdao.hoaan", "quantri.xa"]
        {
            assert!(find(old).is_some(), "{old}");
        }
        assert!(find("motcua.thucphan").is_none(), "Phường Thục Phán keeps its short names");
    }
}
