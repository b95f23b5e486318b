//! The demo's simulated year, as a new user meets it: every story is in the
//! past, and besides the plain ones there are assignments, reassignments,
//! returns to an earlier step and late steps of dossiers that finished on
//! time (the work of issue 10 shows on the first start).

use std::collections::HashMap;

use motcua_rules::dossier::Status;
use motcua_store::DossierRef;

use crate::common::TestApp;

both_backends!(
    the_simulated_year_has_returns_reassignments_and_late_steps,
    TestApp::builder().dossiers(300),
    |app| async move {
        let store = &app.state.store;
        let now = app.now();
        let (mut assigned, mut reassigned, mut returned, mut late_step_on_time) = (0, 0, 0, 0);
        let mut id = 1;
        while let Some(d) = store.dossier(DossierRef::Id(id)).await.unwrap() {
            let events = store.dossier_events(d.id).await.unwrap();
            assert!(events.iter().all(|e| e.at <= now), "dossier {id} has an event after today");
            let mut count: HashMap<&str, usize> = HashMap::new();
            for e in &events {
                *count.entry(e.action.as_str()).or_default() += 1;
            }
            let assigns = count.get("assign").copied().unwrap_or(0);
            assigned += usize::from(assigns > 0);
            // Two assignments within one step: the second is a reassignment.
            reassigned += usize::from(events.windows(2).any(|w| w[0].action == "assign" && w[1].action == "assign"));
            if count.contains_key("return_to_step") {
                returned += 1;
                let back = events.iter().find(|e| e.action == "return_to_step").unwrap();
                assert!(back.note.as_deref().is_some_and(|n| !n.is_empty()), "a return has its reason");
                assert!(back.to_step < back.from_step, "a return goes to an earlier step");
            }
            let on_time = matches!((d.state.finished_at, d.state.due_at), (Some(f), Some(due)) if f <= due);
            if d.state.status == Status::Returned && on_time {
                let steps = store.dossier_steps(d.id).await.unwrap();
                late_step_on_time += usize::from(steps.iter().any(|s| s.late == Some(true)));
            }
            id += 1;
        }
        assert!(id > 250, "the demo made {} dossiers", id - 1);
        assert!(assigned >= 10, "assigned: {assigned}");
        assert!(reassigned >= 3, "reassigned: {reassigned}");
        assert!(returned >= 3, "returned to an earlier step: {returned}");
        assert!(late_step_on_time >= 3, "late steps of dossiers on time: {late_step_on_time}");
    }
);
