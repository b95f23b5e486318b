//! First start of a real installation (`motcua init`): the province, its
//! first administrator and the shipped calendar years. Everything else
//! (departments, communes, staff, procedures) the administrator then adds
//! through the API.

use chrono::NaiveDateTime;
use motcua_rules::Role;
use motcua_rules::calendar::vietnam_schedules;
use motcua_rules::codes::UnitCode;
use motcua_rules::validate::required_text;
use motcua_store::Store;
use motcua_store::model::{NewUnit, NewUser, Unit, User};

use crate::auth::hash_password_blocking;
use crate::error::ApiError;

/// Creates the province and its administrator in an empty database and
/// stores the shipped calendar years. Refuses a database that has data.
pub async fn init(
    store: &Store,
    province_code: &str,
    province_name: &str,
    admin_username: &str,
    admin_password: &str,
    now: NaiveDateTime,
) -> Result<(Unit, User), ApiError> {
    if !store.units().await?.is_empty() {
        return Err(ApiError::coded(axum::http::StatusCode::CONFLICT, "already_initialised", None));
    }
    let code = UnitCode::parse(province_code, "province_code")?;
    let name = required_text(province_name, "province_name", 300)?;
    let username = admin_username.trim().to_lowercase();
    // The same policy as every account (`motcua_rules::password`).
    motcua_rules::password::check(admin_password, &username, "MOTCUA_ADMIN_PASSWORD").map_err(|e| {
        let e = ApiError::from(e);
        if e.code == "password_too_short" {
            e.arg("case", "admin").arg("min", motcua_rules::password::MIN_CHARS)
        } else {
            e
        }
    })?;
    let password_hash = hash_password_blocking(admin_password.to_owned()).await?;
    let province = store
        .create_unit(NewUnit { parent_id: None, code: code.into_string(), name, level: "province".into() }, now)
        .await?;
    let admin = store
        .create_user(
            NewUser {
                username,
                password_hash,
                full_name: "Quản trị hệ thống".into(),
                role: Role::Admin,
                unit_id: Some(province.id),
            },
            now,
        )
        .await?;
    if store.calendar().await?.years.is_empty() {
        for year in vietnam_schedules() {
            store.put_calendar_year(year, Some(admin.id), now).await.map_err(ApiError::from)?;
        }
    }
    Ok((province, admin))
}
