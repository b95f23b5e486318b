//! Units and users, for administrators.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use motcua_rules::Role;
use motcua_rules::codes::UnitCode;
use motcua_rules::validate::{PersonName, required_text};
use motcua_store::model::{NewUnit, NewUser, Unit, User};
use serde::Deserialize;

use crate::admin_scope::AdminScope;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::state::AppState;

/// The unit tree (staff see it all: it is public organisation data).
#[utoipa::path(get, path = "/api/v1/units", tag = "admin", responses((status = 200, body = Vec<Unit>)))]
pub async fn list(State(state): State<AppState>, me: CurrentUser) -> ApiResult<Json<Vec<Unit>>> {
    me.staff_scope()?;
    Ok(Json(state.store.units().await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct UnitRequest {
    pub parent_id: Option<i64>,
    pub code: String,
    pub name: String,
    pub level: String,
}

/// Levels a unit may have; a province may add its own names later.
/// `centre` is a public administrative service centre (Trung tâm Phục vụ
/// hành chính công): it receives the province's procedures for the
/// departments (`motcua_rules::dossier::routing::may_receive`).
pub const LEVELS: [&str; 6] = ["province", "department", "centre", "district", "commune", "division"];

/// Adds a unit under a parent in the administrator's subtree.
#[utoipa::path(post, path = "/api/v1/units", tag = "admin", request_body = UnitRequest,
    responses((status = 201, body = Unit), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    admin: AdminScope,
    ApiJson(req): ApiJson<UnitRequest>,
) -> ApiResult<(StatusCode, Json<Unit>)> {
    let unit = create_unit(&state, &admin, req).await?;
    Ok((StatusCode::CREATED, Json(unit)))
}

/// The logic of `POST /units`, shared with the administrator's pages.
pub async fn create_unit(state: &AppState, admin: &AdminScope, req: UnitRequest) -> ApiResult<Unit> {
    // Every problem of the form at once, in the order of its fields.
    let mut p = motcua_rules::Problems::new();
    let parent_id = req.parent_id;
    if parent_id.is_none() {
        p.add(motcua_rules::RuleError::invalid("required", "parent_id").arg("case", "parent-unit"));
    }
    let code = p.check(UnitCode::parse(&req.code, "code"));
    let name = p.check(required_text(&req.name, "name", 300));
    if !LEVELS.contains(&req.level.as_str()) {
        p.add(motcua_rules::RuleError::invalid("invalid_level", "level").arg("levels", LEVELS.join(", ")));
    }
    let (Some(parent_id), Some(code), Some(name)) = (parent_id, code, name) else { return Err(p.into()) };
    if !p.is_empty() {
        return Err(p.into());
    }
    // An administrator adds units only inside their own subtree.
    let parent = state
        .store
        .unit(parent_id)
        .await?
        .ok_or_else(|| ApiError::unprocessable("unknown_unit", "parent_id").arg("case", "parent"))?;
    let parent = admin.chosen_unit(parent, "parent_id")?;
    let unit = state
        .store
        .create_unit(
            NewUnit { parent_id: Some(parent.id), code: code.into_string(), name, level: req.level },
            state.now(),
        )
        .await?;
    Ok(unit)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CounterRequest {
    /// The counter's telephone, printed on the slips; empty or absent clears it.
    pub phone: Option<String>,
    /// `07:30-17:00`; empty or absent: the installation's default hours.
    pub counter_hours: Option<String>,
}

/// Sets the telephone and working hours of a unit's one-stop counter (a
/// unit of the administrator's subtree); the slips print the phone and give
/// the closing time of the due day as the appointment.
#[utoipa::path(put, path = "/api/v1/units/{code}/counter", tag = "admin", request_body = CounterRequest,
    params(("code" = String, Path, description = "Unit code")),
    responses((status = 200, body = Unit), (status = 403, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
pub async fn put_counter(
    State(state): State<AppState>,
    admin: AdminScope,
    axum::extract::Path(code): axum::extract::Path<String>,
    ApiJson(req): ApiJson<CounterRequest>,
) -> ApiResult<Json<Unit>> {
    let unit = state
        .store
        .unit_by_code(code)
        .await?
        .ok_or_else(|| ApiError::unprocessable("unknown_unit", "code").arg("case", "plain"))?;
    Ok(Json(set_counter(&state, &admin, unit, req).await?))
}

/// The logic of `PUT /units/{code}/counter`, shared with the units page.
pub async fn set_counter(state: &AppState, admin: &AdminScope, unit: Unit, req: CounterRequest) -> ApiResult<Unit> {
    let unit = admin.chosen_unit(unit, "unit")?;
    let given = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let phone = given(req.phone);
    if let Some(p) = &phone {
        motcua_rules::validate::PhoneNumber::parse(p, "phone")?;
    }
    let hours = given(req.counter_hours)
        .map(|h| motcua_rules::counter_hours::CounterHours::parse(&h, "counter_hours").map(|h| h.to_string()))
        .transpose()?;
    Ok(state.store.set_unit_counter(unit.id, phone, hours).await?)
}

/// Users of the administrator's subtree.
#[utoipa::path(get, path = "/api/v1/users", tag = "admin", responses((status = 200, body = Vec<User>)))]
pub async fn users(State(state): State<AppState>, admin: AdminScope) -> ApiResult<Json<Vec<User>>> {
    Ok(Json(list_users(&state, &admin).await?))
}

/// The logic of `GET /users`, shared with the administrator's pages: the
/// query reads only the subtree's path range.
pub async fn list_users(state: &AppState, admin: &AdminScope) -> ApiResult<Vec<User>> {
    Ok(state.store.users(Some(admin.unit().path.clone())).await?)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct UserRequest {
    pub username: String,
    pub password: String,
    pub full_name: String,
    #[schema(value_type = String, example = "specialist")]
    pub role: Role,
    pub unit_id: i64,
}

/// Creates a member of staff in the administrator's subtree.
#[utoipa::path(post, path = "/api/v1/users", tag = "admin", request_body = UserRequest,
    responses((status = 201, body = User), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create_user(
    State(state): State<AppState>,
    admin: AdminScope,
    ApiJson(req): ApiJson<UserRequest>,
) -> ApiResult<(StatusCode, Json<User>)> {
    let user = create_staff_user(&state, &admin, req).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// The logic of `POST /users`, shared with the administrator's pages.
pub async fn create_staff_user(state: &AppState, admin: &AdminScope, req: UserRequest) -> ApiResult<User> {
    // Every problem of the form at once: the username and password, the
    // name, the role (the unit is looked up after).
    let mut problems = Vec::new();
    let username =
        crate::routes::auth::check_credentials(&req.username, &req.password).map_err(|e| problems.push(e)).ok();
    if problems.last().is_some_and(|e| e.field.as_deref() == Some("username")) {
        // A bad username stopped the password's check: run it too.
        let typed = req.username.trim().to_lowercase();
        if let Err(e) = motcua_rules::password::check(&req.password, &typed, "password") {
            problems.push(e.into());
        }
    }
    let full_name = PersonName::parse(&req.full_name, "full_name").map_err(|e| problems.push(e.into())).ok();
    if !req.role.is_staff() {
        problems.push(ApiError::unprocessable("invalid_role", "role").arg("case", "staff"));
    }
    if let Some(e) = ApiError::many(problems) {
        return Err(e);
    }
    let (Some(username), Some(full_name)) = (username, full_name) else { return Err(ApiError::internal()) };
    let role = admin.grantable(req.role)?;
    let unit =
        state.store.unit(req.unit_id).await?.ok_or_else(|| ApiError::unprocessable("unknown_unit", "unit_id"))?;
    let unit = admin.chosen_unit(unit, "unit_id")?;
    let password_hash = state.hashes.hash(None, req.password).await?;
    let user = state
        .store
        .create_user(
            NewUser { username, password_hash, full_name: full_name.as_str().to_owned(), role, unit_id: Some(unit.id) },
            state.now(),
        )
        .await?;
    Ok(user)
}
