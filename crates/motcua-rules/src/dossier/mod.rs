//! The dossier lifecycle: statuses, actions, workflows and the state
//! machine that decides what may happen next.

mod action;
pub mod assignment;
pub mod digitised;
pub mod machine;
mod note;
pub mod result;
pub mod routing;
mod state;
mod status;
pub mod step_clock;
mod workflow;

pub use action::{Action, ActionKind};
pub use assignment::{Assignee, check_assignee};
pub use machine::{allowed_actions, apply, receive_at_counter, submit_online};
pub use note::{NoteAudience, NoteRule, note_audience, note_audience_by, parse_note_audience};
pub use routing::{StepSpec, StepUnit};
pub use state::{Actor, Context, DossierState};
pub use status::{Progress, Status};
pub use step_clock::StepEnd;
pub use workflow::{WorkflowStep, check_workflow};
