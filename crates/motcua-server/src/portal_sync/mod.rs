//! The sync to the national public service portal (docs/portal-sync.md):
//! the outbox rows the store writes with every event are sent by a leased
//! background job ([`sender`]), one dossier's events in order, through
//! `motcua_portal`'s mapping, validation and client.
//!
//! This module turns what the store holds ([`SyncItem`]) into the portal
//! crate's plain facts; the crate knows nothing of the store.

pub mod import;
pub mod sender;

use std::time::Duration;

use motcua_portal::{DossierFacts, EventFacts, Message, PortalConfig};
use motcua_rules::Role;
use motcua_rules::dossier::ActionKind;
use motcua_store::SyncItem;

/// What a province configures (`--portal-url` and its siblings); none by
/// default: the events are kept and the administrator's page says that the
/// sync is not configured.
#[derive(Debug, Clone)]
pub struct PortalSettings {
    pub client: PortalConfig,
    /// How often the sender looks for events to send.
    pub every: Duration,
    /// Dossiers whose events one round sends at most.
    pub batch: i64,
}

impl PortalSettings {
    pub const DEFAULT_EVERY: Duration = Duration::from_secs(5);
    pub const DEFAULT_BATCH: i64 = 200;
}

/// The title the progress entry gives an officer (ChucDanh).
fn title(role: Role) -> &'static str {
    match role {
        Role::CounterOfficer => "Cán bộ một cửa",
        Role::Specialist => "Chuyên viên",
        Role::Leader => "Lãnh đạo",
        Role::Admin => "Quản trị",
        Role::Citizen | Role::ReformOfficer => "",
    }
}

/// The portal crate's facts of one outbox row.
pub fn facts(item: &SyncItem) -> (DossierFacts, EventFacts) {
    let d = &item.dossier;
    let data = &item.version.data;
    let a = &d.applicant;
    let dossier = DossierFacts {
        code: d.code.clone(),
        procedure_code: data.code.clone(),
        procedure_name: data.name.clone(),
        field_code: data.field_code.clone(),
        field_name: data.field_name.clone().unwrap_or_default(),
        channel: d.channel.code() as u8,
        applicant_name: a.name.clone(),
        applicant_id: a.id_number.clone(),
        applicant_phone: a.phone.clone(),
        applicant_email: a.email.clone(),
        organization: a.organization,
        submitted_at: d.submitted_at,
        received_at: d.state.received_at,
        finished_at: d.state.finished_at,
        returned_at: d.returned_at,
        handling_unit: item.handling_unit.clone(),
        components: d.components.iter().map(|c| (c.name.clone(), c.count)).collect(),
        fees: data.fees.iter().map(|f| (f.name.clone(), f.amount_vnd, f.collected_at.code())).collect(),
        result_name: data.result.clone(),
    };
    let e = &item.event;
    let event = EventFacts {
        seq: e.id as u64,
        at: e.at,
        label: ActionKind::parse(&e.action).map_or_else(|| e.action.clone(), |k| k.name_vi().to_owned()),
        to_status: e.to_status.code() as u8,
        due_at: e.due_at,
        actor_name: item.actor.as_ref().map(|(name, _)| name.clone()),
        actor_title: item.actor.as_ref().map_or("", |(_, role)| title(*role)).to_owned(),
        actor_unit: item.actor.as_ref().and(item.actor_unit.clone()),
        // Staff-only notes stay in motcua.
        public_note: e.applicant_note().map(str::to_owned),
    };
    (dossier, event)
}

/// The portal's messages of one outbox row; `None` without a dossier code.
pub fn message(item: &SyncItem) -> Option<Message> {
    let (d, e) = facts(item);
    motcua_portal::mapping::map_event(&d, &e)
}
