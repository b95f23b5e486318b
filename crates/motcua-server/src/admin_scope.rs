//! Administration contained to a unit: an administrator (`admin`) acts only
//! inside their unit's subtree, and what belongs to the whole province (the
//! working-day calendar, reform officers) only an administrator of the root
//! unit may change.
//!
//! The containment is in the types: every administrator's handler, JSON or
//! page, takes an [`AdminScope`], which exists only for a logged-in `admin`
//! with a unit, and the province's writes take a [`ProvinceAdmin`], which
//! only [`AdminScope::province`] makes. A handler cannot forget the check:
//! without the value it cannot call the shared logic. Procedures are checked
//! by `motcua_rules::scope::check_procedure_units`, inside the store's write
//! transaction (`Store::save_procedure_within`).
//!
//! Out of scope answers 403 (`forbidden`, or a specific code) for a record
//! the administrator names by id, and 422 naming the field for a unit chosen
//! in a form or a body, so the form can show it beside the field.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use motcua_rules::Role;
use motcua_rules::scope::UnitRef;
use motcua_store::model::{Unit, User};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A logged-in administrator and the subtree they administer.
#[derive(Debug, Clone)]
pub struct AdminScope {
    me: CurrentUser,
    unit: UnitRef,
}

impl AdminScope {
    /// The scope of `me`; 403 unless `me` is an administrator with a unit.
    pub fn of(me: &CurrentUser) -> ApiResult<AdminScope> {
        match (me.role(), me.unit()) {
            (Role::Admin, Some(unit)) => Ok(AdminScope { me: me.clone(), unit }),
            _ => Err(ApiError::forbidden()),
        }
    }

    pub fn me(&self) -> &CurrentUser {
        &self.me
    }

    pub fn user_id(&self) -> i64 {
        self.me.user.id
    }

    /// The administrator's unit: the root of what they administer.
    pub fn unit(&self) -> &UnitRef {
        &self.unit
    }

    /// Whether `unit` is the administrator's unit or lies below it.
    pub fn contains(&self, unit: &Unit) -> bool {
        self.unit.contains(&unit.as_ref())
    }

    /// Whether the administrator's unit is a root (a province).
    pub fn is_province(&self) -> bool {
        self.unit.depth() == 1
    }

    /// `unit` if it lies in the subtree; else 422 `unit_outside_admin_scope`
    /// on `field` (a unit chosen in a form or a body).
    pub fn chosen_unit(&self, unit: Unit, field: &str) -> ApiResult<Unit> {
        if self.contains(&unit) { Ok(unit) } else { Err(ApiError::unprocessable("unit_outside_admin_scope", field)) }
    }

    /// `user` if it is staff of a unit in the subtree; else 403
    /// `user_outside_admin_scope` (a citizen has no unit: also outside).
    pub fn staff_member(&self, user: User) -> ApiResult<User> {
        let inside = user
            .unit_id
            .zip(user.unit_path.clone())
            .is_some_and(|(id, path)| self.unit.contains(&UnitRef { id, path }));
        if inside { Ok(user) } else { Err(ApiError::coded(StatusCode::FORBIDDEN, "user_outside_admin_scope", None)) }
    }

    /// The account `id` if it is staff of the subtree: 404
    /// `user_not_found`, else as [`staff_member`](Self::staff_member).
    pub async fn staff_user(&self, state: &AppState, id: i64) -> ApiResult<User> {
        let user = state
            .store
            .user(id)
            .await?
            .ok_or_else(|| ApiError::from(motcua_store::StoreError::not_found("user_not_found")))?;
        self.staff_member(user)
    }

    /// The role `role` given to an account: reform officers act on the
    /// province's PAR INDEX and SIPAS work, so only a province administrator
    /// creates them (403 `province_admin_only`).
    pub fn grantable(&self, role: Role) -> ApiResult<Role> {
        if role == Role::ReformOfficer {
            self.province("reform-officer")?;
        }
        Ok(role)
    }

    /// The province administrator this scope is, or 403
    /// `province_admin_only` (`case` says what was refused).
    pub fn province(&self, case: &'static str) -> ApiResult<ProvinceAdmin> {
        if self.is_province() {
            Ok(ProvinceAdmin { scope: self.clone() })
        } else {
            Err(ApiError::coded(StatusCode::FORBIDDEN, "province_admin_only", None).arg("case", case))
        }
    }
}

impl FromRequestParts<AppState> for AdminScope {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let me = CurrentUser::from_request_parts(parts, state).await?;
        AdminScope::of(&me)
    }
}

/// An administrator of a root unit: the only one who changes what the whole
/// province shares. Made only by [`AdminScope::province`].
#[derive(Debug, Clone)]
pub struct ProvinceAdmin {
    scope: AdminScope,
}

impl ProvinceAdmin {
    pub fn user_id(&self) -> i64 {
        self.scope.user_id()
    }

    pub fn scope(&self) -> &AdminScope {
        &self.scope
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin_at(id: i64, path: &str) -> AdminScope {
        let user = User {
            id: 1,
            username: "a".into(),
            full_name: "A".into(),
            role: Role::Admin,
            unit_id: Some(id),
            unit_path: Some(path.into()),
            active: true,
            must_change_password: false,
        };
        AdminScope::of(&CurrentUser { user, token_hash: String::new() }).unwrap()
    }

    #[test]
    fn only_a_root_administrator_is_the_province() {
        assert!(admin_at(1, "/1/").province("calendar").is_ok());
        let err = admin_at(17, "/1/17/").province("calendar").unwrap_err();
        assert_eq!((err.status.as_u16(), err.code), (403, "province_admin_only"));
        assert!(admin_at(17, "/1/17/").grantable(Role::Specialist).is_ok());
        assert_eq!(admin_at(17, "/1/17/").grantable(Role::ReformOfficer).unwrap_err().code, "province_admin_only");
    }

    #[test]
    fn only_administrators_with_a_unit_have_a_scope() {
        let mut user = admin_at(1, "/1/").me.user;
        user.role = Role::Leader;
        assert!(AdminScope::of(&CurrentUser { user: user.clone(), token_hash: String::new() }).is_err());
        user.role = Role::Admin;
        user.unit_id = None;
        assert!(AdminScope::of(&CurrentUser { user, token_hash: String::new() }).is_err());
    }
}
