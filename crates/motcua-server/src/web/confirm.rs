//! The question asked before a step that cannot be undone (stopping or
//! withdrawing a dossier, locking an account): the form is posted once
//! without `confirm=yes` and answered with a page that says what will
//! happen and carries the same fields back with `confirm=yes`. It needs no
//! JavaScript, and a form posted without the answer never acts. The shape
//! is the one of the password reset's question (`admin/user_reset.rs`).

use askama::Template;
use axum::response::Response;

use super::page::{Page, render};
use crate::error::ApiResult;

/// The field that carries the answer.
pub const FIELD: &str = "confirm";

/// Whether the form carries the answer `yes`.
pub fn given(value: Option<&str>) -> bool {
    value.is_some_and(|v| v.trim() == "yes")
}

#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub page: Page,
    /// The heading: what is about to be done, to what.
    pub title: String,
    /// What will happen, and that it stays.
    pub effect: String,
    /// Label and value lines (the dossier's code, the reason typed…).
    pub facts: Vec<(String, String)>,
    /// Where the form goes.
    pub action: String,
    /// The fields of the form as first posted, sent again.
    pub fields: Vec<(String, String)>,
    /// The words of the button that does it.
    pub confirm: String,
    /// Where "cancel" goes back to.
    pub cancel: String,
}

impl ConfirmPage {
    pub fn render(&self) -> ApiResult<Response> {
        render(self)
    }
}
