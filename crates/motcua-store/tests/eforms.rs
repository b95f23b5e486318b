//! Electronic forms (tờ khai điện tử), the same on every database: a
//! procedure's e-form is kept in the administrator's scope, checked
//! against the procedure's components, with its history; what a citizen
//! filled in is written with the dossier and its files in one transaction.

#[macro_use]
mod common;

use common::fixtures::*;
use motcua_rules::Role;
use motcua_rules::dossier::{self, Actor};
use motcua_rules::eform::{EformDefinition, EformField, FieldKind, FilledField};
use motcua_store::model::*;
use motcua_store::{DossierEform, InboxQuery, NewDossier, Store};

on_both!(
    an_eform_is_kept_in_the_administrators_scope_with_its_history,
    the_values_are_written_with_the_dossier_or_not_at_all
);

const CODE: &str = "1.004884";
const COMPONENT: &str = "Tờ khai theo mẫu";

/// Publishes [`CODE`] at commune level with a component for the form.
async fn setup(store: &Store) -> (Unit, Unit) {
    let province = unit(store, None, "H96", "province").await;
    let commune = unit(store, Some(&province), "H96.01", "commune").await;
    let mut data = procedure(CODE, "commune", "H96.01", two_steps());
    data.components = vec![Component {
        name: COMPONENT.into(),
        form: Some("Tờ khai".into()),
        originals: 1,
        copies: 0,
        required: true,
    }];
    store.save_procedure(data, "created", None, None, at("2025-01-01 08:00")).await.unwrap();
    (province, commune)
}

fn definition(component: &str) -> EformDefinition {
    EformDefinition {
        title_vi: "  Tờ khai xác nhận tình trạng hôn nhân ".into(),
        title_en: None,
        component: component.into(),
        fields: vec![EformField {
            key: "full_name".into(),
            label_vi: "Họ, chữ đệm, tên".into(),
            label_en: Some("Full name".into()),
            kind: FieldKind::Text,
            required: true,
            max_length: None,
            options: vec![],
        }],
    }
}

async fn an_eform_is_kept_in_the_administrators_scope_with_its_history(store: Store) {
    let (province, commune) = setup(&store).await;
    let now = at("2026-03-09 08:00");
    let code = || CODE.to_owned();
    assert!(store.procedure_eform(code()).await.unwrap().is_none());
    let err = store.procedure_eform("9.999999".into()).await.unwrap_err();
    assert_eq!(err.rule().unwrap().code, "procedure_not_found");

    // A commune procedure is the province's to change, not a commune's.
    let err = store.save_procedure_eform(Some(commune.as_ref()), code(), definition(COMPONENT), None, now).await;
    assert_eq!(err.unwrap_err().rule().unwrap().code, "procedure_outside_admin_scope");
    // The component must be the procedure's; nothing is written.
    let err = store.save_procedure_eform(Some(province.as_ref()), code(), definition("Khác"), None, now).await;
    let err = err.unwrap_err();
    assert_eq!(
        (err.rule().unwrap().code, err.rule().unwrap().field.as_deref()),
        ("eform_component_unknown", Some("component"))
    );
    assert!(store.procedure_eform(code()).await.unwrap().is_none());

    // Saved normalised; saved again, replaced.
    let saved =
        store.save_procedure_eform(Some(province.as_ref()), code(), definition(COMPONENT), None, now).await.unwrap();
    assert_eq!(saved.definition.title_vi, "Tờ khai xác nhận tình trạng hôn nhân");
    let mut second = definition(COMPONENT);
    second.title_vi = "Tờ khai (sửa)".into();
    store.save_procedure_eform(None, code(), second, None, at("2026-03-09 09:00")).await.unwrap();
    let stored = store.procedure_eform(code()).await.unwrap().unwrap();
    assert_eq!((stored.definition.title_vi.as_str(), stored.updated_at), ("Tờ khai (sửa)", at("2026-03-09 09:00")));

    // Removed, once.
    let err = store.remove_procedure_eform(Some(commune.as_ref()), code(), None, now).await.unwrap_err();
    assert_eq!(err.rule().unwrap().code, "procedure_outside_admin_scope");
    store.remove_procedure_eform(Some(province.as_ref()), code(), None, at("2026-03-09 10:00")).await.unwrap();
    assert!(store.procedure_eform(code()).await.unwrap().is_none());
    let err = store.remove_procedure_eform(None, code(), None, now).await.unwrap_err();
    assert_eq!(err.rule().unwrap().code, "eform_not_found");

    // The history has each change, named by the title.
    let history = store.procedure_history(code()).await.unwrap();
    let changes: Vec<(String, Option<String>)> = history
        .iter()
        .filter(|c| c.change.starts_with("eform"))
        .map(|c| (c.change.clone(), c.form_name.clone()))
        .collect();
    assert_eq!(
        changes,
        [
            ("eform_saved".to_owned(), Some("Tờ khai xác nhận tình trạng hôn nhân".to_owned())),
            ("eform_saved".to_owned(), Some("Tờ khai (sửa)".to_owned())),
            ("eform_removed".to_owned(), Some("Tờ khai (sửa)".to_owned())),
        ]
    );
}

fn new_dossier(version: std::sync::Arc<ProcedureVersion>, commune: &Unit, actor: &Actor) -> NewDossier {
    let state = dossier::submit_online(commune.as_ref(), actor).unwrap();
    NewDossier {
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
        components: vec![ComponentReceived { name: COMPONENT.into(), count: 1 }],
        state,
        event: EventInput::by("submit_online", actor, None),
        idempotency: None,
        now: at("2026-03-09 08:00"),
    }
}

fn pdf(data: &[u8]) -> NewAttachment {
    NewAttachment {
        kind: AttachmentKind::Submission,
        component: Some(COMPONENT.into()),
        name: "to-khai.pdf".into(),
        content_type: "application/pdf".into(),
        data: data.to_vec(),
    }
}

async fn the_values_are_written_with_the_dossier_or_not_at_all(store: Store) {
    let (_, commune) = setup(&store).await;
    let user = store
        .create_user(
            NewUser {
                username: "congdan".into(),
                password_hash: "x".into(),
                full_name: "Công dân".into(),
                role: Role::Citizen,
                unit_id: None,
            },
            at("2025-01-01 08:00"),
        )
        .await
        .unwrap();
    let actor = Actor { user_id: user.id, role: Role::Citizen, unit: None };
    let version = store.current_version(CODE.into()).await.unwrap();
    let filled = DossierEform {
        component: COMPONENT.into(),
        title_vi: "Tờ khai".into(),
        title_en: Some("Form".into()),
        fields: vec![FilledField {
            key: "full_name".into(),
            label_vi: "Họ, chữ đệm, tên".into(),
            label_en: None,
            kind: FieldKind::Text,
            value: "Nông Thị Mai".into(),
        }],
    };

    // An empty file refuses the whole: no dossier, no values.
    let inbox = || store.inbox(InboxQuery::new(commune.path.clone(), Some(Role::CounterOfficer), 10));
    assert_eq!(inbox().await.unwrap().items.len(), 0);
    let err = store
        .create_dossier_with_eform(new_dossier(version.clone(), &commune, &actor), vec![pdf(b"")], filled.clone())
        .await;
    assert_eq!(err.unwrap_err().rule().unwrap().code, "empty_file");
    assert_eq!(inbox().await.unwrap().items.len(), 0);

    let (d, created) = store
        .create_dossier_with_eform(
            new_dossier(version.clone(), &commune, &actor),
            vec![pdf(b"%PDF-1.7 tk")],
            filled.clone(),
        )
        .await
        .unwrap();
    assert!(created);
    assert_eq!(inbox().await.unwrap().items.len(), 1);
    assert_eq!(store.dossier_eform(d.id).await.unwrap(), Some(filled));
    let files = store.attachments(d.id).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].component.as_deref(), Some(COMPONENT));

    // A dossier without a form has none.
    let (other, _) = store.create_dossier(new_dossier(version, &commune, &actor)).await.unwrap();
    assert_eq!(store.dossier_eform(other.id).await.unwrap(), None);
}
