//! "Toàn trình" online, the same on every database: the citizen's
//! supplement is an action and its files in one transaction (all or
//! nothing), flagged on the dossier and in the inbox until the counter acts;
//! a procedure's form files are kept in the administrator's scope, with
//! their history.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::calendar::WorkCalendar;
use motcua_rules::dossier::{self, Action, Actor, Context, Status};
use motcua_store::model::*;
use motcua_store::{DossierRef, InboxQuery, NewDossier, Store, StoreError};

on_both!(
    an_online_supplement_is_written_whole_or_not_at_all,
    forms_stay_in_the_administrators_scope_with_their_history
);

fn supplement_file(data: &[u8]) -> NewAttachment {
    NewAttachment {
        kind: AttachmentKind::Supplement,
        component: None,
        name: "ban-sao.pdf".into(),
        content_type: "application/pdf".into(),
        data: data.to_vec(),
    }
}

async fn citizen(store: &Store) -> Actor {
    let new = NewUser {
        username: "congdan".into(),
        password_hash: "x".into(),
        full_name: "Công dân".into(),
        role: Role::Citizen,
        unit_id: None,
    };
    let u = store.create_user(new, at("2025-01-01 08:00")).await.unwrap();
    Actor { user_id: u.id, role: Role::Citizen, unit: None }
}

async fn send(
    store: &Store,
    d: &Dossier,
    actor: &Actor,
    version: i64,
    files: Vec<NewAttachment>,
    now: chrono::NaiveDateTime,
) -> Result<Dossier, StoreError> {
    let actor = actor.clone();
    let event = EventInput::by("submit_supplement", &actor, None);
    store
        .act_with_files(DossierRef::Id(d.id), version, event, now, files, move |cur, v| {
            let calendar = WorkCalendar::vietnam();
            let workflow = cur.workflow(v);
            let ctx = Context { calendar: &calendar, limit: v.data.time_limit, workflow: &workflow, now };
            dossier::apply(&cur.state, &actor, &Action::SubmitSupplement, None, &ctx)
        })
        .await
        .map(|(d, _)| d)
}

async fn an_online_supplement_is_written_whole_or_not_at_all(store: Store) {
    let province = unit(&store, None, "H97", "province").await;
    let commune = unit(&store, Some(&province), "H97.01", "commune").await;
    publish(&store, "1.001193", "commune", "H97.01").await;
    let counter = staff(&store, &commune, Role::CounterOfficer).await;
    let owner = citizen(&store).await;
    let version = store.current_version("1.001193".into()).await.unwrap();
    let state = dossier::submit_online(commune.as_ref(), &owner).unwrap();
    let now = at("2026-03-09 08:00");
    let new = NewDossier {
        version,
        receiving_unit: commune.clone(),
        channel: Channel::Online,
        applicant: Applicant {
            name: "Nông Thị Mai".into(),
            id_number: None,
            phone: Some("0912345678".into()),
            email: None,
            address: None,
            organization: false,
        },
        components: vec![],
        state,
        event: EventInput::by("submit_online", &owner, None),
        idempotency: None,
        now,
    };
    let (d, _) = store.create_dossier(new).await.unwrap();
    let d = act(&store, &d, &counter, Action::Receive, at("2026-03-09 09:00")).await;
    // Not waiting yet: the rules refuse, no file is written.
    let err = send(&store, &d, &owner, d.version, vec![supplement_file(b"%PDF-1.7")], at("2026-03-09 10:00")).await;
    assert_eq!(err.unwrap_err().rule().unwrap().code, "action_not_allowed_in_status");
    assert!(store.attachments(d.id).await.unwrap().is_empty());

    let d = act(&store, &d, &counter, Action::RequestSupplement, at("2026-03-09 11:00")).await;
    // A stale version, an empty file, no file: nothing written.
    let stale = send(&store, &d, &owner, d.version - 1, vec![supplement_file(b"%PDF-1.7")], at("2026-03-10 09:00"));
    assert_eq!(stale.await.unwrap_err().rule().unwrap().code, "stale_version");
    let empty = send(
        &store,
        &d,
        &owner,
        d.version,
        vec![supplement_file(b"%PDF"), supplement_file(b"")],
        at("2026-03-10 09:00"),
    );
    assert_eq!(empty.await.unwrap_err().rule().unwrap().code, "empty_file");
    let none = send(&store, &d, &owner, d.version, vec![], at("2026-03-10 09:00")).await;
    assert_eq!(none.unwrap_err().rule().unwrap().code, "no_file");
    assert!(store.attachments(d.id).await.unwrap().is_empty());
    assert_eq!(store.dossier_events(d.id).await.unwrap().len(), 3);

    let sent = send(&store, &d, &owner, d.version, vec![supplement_file(b"%PDF-1.7 a")], at("2026-03-10 09:00"))
        .await
        .unwrap();
    assert_eq!(sent.state.status, Status::SupplementRequested);
    assert_eq!(sent.state.supplement_arrived_at, Some(at("2026-03-10 09:00")));
    let stored = store.dossier(DossierRef::Id(d.id)).await.unwrap().unwrap();
    assert_eq!(stored, sent, "what the action answered is what was stored");
    let files = store.attachments(d.id).await.unwrap();
    assert_eq!(
        (files.len(), files[0].kind, files[0].uploaded_by),
        (1, AttachmentKind::Supplement, Some(owner.user_id))
    );
    let events = store.dossier_events(d.id).await.unwrap();
    assert_eq!(events.last().unwrap().action, "submit_supplement");
    let inbox = store.inbox(InboxQuery::new(commune.path.clone(), Some(Role::CounterOfficer), 10)).await.unwrap();
    assert_eq!(inbox.items[0].supplement_arrived_at, Some(at("2026-03-10 09:00")));

    // Accepted: the flag goes, the clock resumes.
    let done = act(&store, &sent, &counter, Action::SupplementReceived, at("2026-03-11 09:00")).await;
    assert_eq!((done.state.status, done.state.supplement_arrived_at), (Status::Received, None));
    let inbox = store.inbox(InboxQuery::new(commune.path.clone(), Some(Role::CounterOfficer), 10)).await.unwrap();
    assert_eq!(inbox.items[0].supplement_arrived_at, None);
}

async fn forms_stay_in_the_administrators_scope_with_their_history(store: Store) {
    let province = unit(&store, None, "H96", "province").await;
    let commune = unit(&store, Some(&province), "H96.01", "commune").await;
    publish(&store, "1.001193", "commune", "H96.01").await;
    let form = |name: &str, data: &[u8]| NewProcedureForm {
        name: name.into(),
        content_type: "application/pdf".into(),
        data: data.to_vec(),
    };
    let now = at("2026-03-09 08:00");
    let code = || "1.001193".to_owned();

    // A commune procedure is every commune's: the province's administrator
    // keeps it, a commune's may not touch it.
    let err =
        store.add_procedure_form(Some(commune.as_ref()), code(), form("a.pdf", b"%PDF"), None, now).await.unwrap_err();
    assert_eq!(err.rule().unwrap().code, "procedure_outside_admin_scope");
    let err =
        store.add_procedure_form(Some(province.as_ref()), "9.999999".into(), form("a.pdf", b"%PDF"), None, now).await;
    assert_eq!(err.unwrap_err().rule().unwrap().code, "procedure_not_found");
    let err = store.add_procedure_form(Some(province.as_ref()), code(), form("a.pdf", b""), None, now).await;
    assert_eq!(err.unwrap_err().rule().unwrap().code, "empty_file");

    let a = store
        .add_procedure_form(Some(province.as_ref()), code(), form("Tờ khai.pdf", b"%PDF a"), None, now)
        .await
        .unwrap();
    let b = store
        .add_procedure_form(Some(province.as_ref()), code(), form("Phụ lục.pdf", b"%PDF b"), None, now)
        .await
        .unwrap();
    let err = store.add_procedure_form(None, code(), form("TỜ KHAI.PDF", b"%PDF c"), None, now).await.unwrap_err();
    assert_eq!(err.rule().unwrap().code, "procedure_form_name_taken");
    let err = store.rename_procedure_form(None, code(), b.id, "tờ khai.pdf".into(), None, now).await.unwrap_err();
    assert_eq!(err.rule().unwrap().code, "procedure_form_name_taken");
    let err = store.rename_procedure_form(Some(commune.as_ref()), code(), b.id, "X.pdf".into(), None, now).await;
    assert_eq!(err.unwrap_err().rule().unwrap().code, "procedure_outside_admin_scope");
    let renamed = store
        .rename_procedure_form(None, code(), b.id, "Phụ lục 1.pdf".into(), None, at("2026-03-09 09:00"))
        .await
        .unwrap();
    assert_eq!(renamed.name, "Phụ lục 1.pdf");
    let (meta, data) = store.procedure_form(code(), a.id).await.unwrap().unwrap();
    assert_eq!((meta.name.as_str(), data.as_slice()), ("Tờ khai.pdf", &b"%PDF a"[..]));
    assert_eq!(meta.size, 6);
    assert!(
        store.procedure_form("1.000000".into(), a.id).await.unwrap().is_none(),
        "a form is read through its procedure"
    );
    let err = store.remove_procedure_form(None, code(), 999_999, None, now).await.unwrap_err();
    assert_eq!(err.rule().unwrap().code, "procedure_form_not_found");
    store.remove_procedure_form(Some(province.as_ref()), code(), a.id, None, at("2026-03-09 10:00")).await.unwrap();
    let left: Vec<String> = store.procedure_forms(code()).await.unwrap().into_iter().map(|f| f.name).collect();
    assert_eq!(left, ["Phụ lục 1.pdf"]);

    let history = store.procedure_history(code()).await.unwrap();
    let forms: Vec<(&str, Option<&str>, Option<&str>, i64)> = history
        .iter()
        .filter(|c| c.form_name.is_some())
        .map(|c| (c.change.as_str(), c.form_name.as_deref(), c.form_old_name.as_deref(), c.version))
        .collect();
    assert_eq!(
        forms,
        [
            ("form_added", Some("Tờ khai.pdf"), None, 1),
            ("form_added", Some("Phụ lục.pdf"), None, 1),
            ("form_renamed", Some("Phụ lục 1.pdf"), Some("Phụ lục.pdf"), 1),
            ("form_removed", Some("Tờ khai.pdf"), None, 1),
        ]
    );
}
