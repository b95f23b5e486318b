//! The roles people hold in motcua.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// quản trị: units, users, procedures, workflows, holidays.
    Admin,
    /// cán bộ một cửa: receives dossiers, issues receipts, returns results.
    CounterOfficer,
    /// chuyên viên xử lý: handles a step of a dossier inside their unit.
    Specialist,
    /// lãnh đạo: approves, signs, stops, apologises; sees the dashboards.
    Leader,
    /// người dân, tổ chức: submits online, tracks, withdraws, rates.
    Citizen,
    /// cán bộ cải cách hành chính (Sở Nội vụ, phòng Nội vụ): runs the PAR
    /// INDEX and SIPAS campaigns of the province its unit belongs to,
    /// appraises self-assessments, publishes rankings. Acts on no dossier.
    ReformOfficer,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::Admin, Role::CounterOfficer, Role::Specialist, Role::Leader, Role::Citizen, Role::ReformOfficer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::CounterOfficer => "counter_officer",
            Role::Specialist => "specialist",
            Role::Leader => "leader",
            Role::Citizen => "citizen",
            Role::ReformOfficer => "reform_officer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn name_vi(self) -> &'static str {
        match self {
            Role::Admin => "Quản trị",
            Role::CounterOfficer => "Cán bộ một cửa",
            Role::Specialist => "Chuyên viên xử lý",
            Role::Leader => "Lãnh đạo",
            Role::Citizen => "Người dân",
            Role::ReformOfficer => "Cán bộ cải cách hành chính",
        }
    }

    /// Staff act on dossiers of their unit's subtree; citizens only on their own.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Citizen)
    }
}
