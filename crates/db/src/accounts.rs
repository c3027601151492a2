//! Users, roles, permissions, role grants and password-reset codes.

use crate::{from_millis, internal, new_id, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, Utc};
use mentordesk_core::policy::builtin_grants;
use mentordesk_shared::access::{BuiltinRole, Permission, RoleView};
use mentordesk_shared::accounts::SignUpIntent;
use mentordesk_shared::admin::{UserFilter, UserQuery};
use mentordesk_shared::ids::{RoleId, UserId};
use mentordesk_shared::ApiError;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRecord {
    pub id: String,
    pub email: String,
    pub password_hash: String,
    pub is_active: bool,
    pub signup_intent: String,
    pub failed_sign_ins: i64,
    pub last_failed_sign_in_at: Option<i64>,
    pub last_sign_in_at: Option<i64>,
    pub created_at: i64,
}

impl UserRecord {
    pub fn user_id(&self) -> UserId {
        UserId(parse_uuid(&self.id))
    }

    pub fn intent(&self) -> SignUpIntent {
        match self.signup_intent.as_str() {
            "mentor_applicant" => SignUpIntent::MentorApplicant,
            "manager_applicant" => SignUpIntent::ManagerApplicant,
            _ => SignUpIntent::Mentee,
        }
    }

    pub fn last_failure(&self) -> Option<DateTime<Utc>> {
        self.last_failed_sign_in_at.map(from_millis)
    }
}

const USER_COLUMNS: &str = "id, email, password_hash, is_active, signup_intent, failed_sign_ins, \
     last_failed_sign_in_at, last_sign_in_at, created_at";

pub fn intent_key(intent: SignUpIntent) -> &'static str {
    match intent {
        SignUpIntent::Mentee => "mentee",
        SignUpIntent::MentorApplicant => "mentor_applicant",
        SignUpIntent::ManagerApplicant => "manager_applicant",
    }
}

pub async fn count_users(conn: &mut SqliteConnection) -> Result<i64, ApiError> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(conn)
        .await
        .map_err(internal)
}

pub async fn find_by_email_key(
    conn: &mut SqliteConnection,
    email_key: &str,
) -> Result<Option<UserRecord>, ApiError> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE email_key = ?"
    ))
    .bind(email_key)
    .fetch_optional(conn)
    .await
    .map_err(internal)
}

pub async fn find_by_id(
    conn: &mut SqliteConnection,
    id: UserId,
) -> Result<Option<UserRecord>, ApiError> {
    sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await
        .map_err(internal)
}

pub struct NewUser<'a> {
    pub id: UserId,
    pub email: &'a str,
    pub email_key: &'a str,
    pub password_hash: &'a str,
    pub intent: SignUpIntent,
    pub now: DateTime<Utc>,
}

pub async fn insert_user(conn: &mut SqliteConnection, user: &NewUser<'_>) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO users (id, email, email_key, password_hash, signup_intent, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(user.id.to_string())
    .bind(user.email)
    .bind(user.email_key)
    .bind(user.password_hash)
    .bind(intent_key(user.intent))
    .bind(to_millis(user.now))
    .bind(to_millis(user.now))
    .execute(conn)
    .await
    .map_err(|e| match internal(e) {
        err if err.code == mentordesk_shared::ErrorCode::Conflict => {
            ApiError::field("email", "An account with this e-mail address already exists.")
        }
        err => err,
    })?;
    Ok(())
}

pub async fn record_failed_sign_in(
    conn: &mut SqliteConnection,
    id: UserId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE users SET failed_sign_ins = failed_sign_ins + 1, last_failed_sign_in_at = ? WHERE id = ?",
    )
    .bind(to_millis(now))
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn record_sign_in(
    conn: &mut SqliteConnection,
    id: UserId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE users SET failed_sign_ins = 0, last_failed_sign_in_at = NULL, last_sign_in_at = ? WHERE id = ?",
    )
    .bind(to_millis(now))
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn set_password(
    conn: &mut SqliteConnection,
    id: UserId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE users SET password_hash = ?, failed_sign_ins = 0, last_failed_sign_in_at = NULL, updated_at = ? WHERE id = ?",
    )
    .bind(hash)
    .bind(to_millis(now))
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn set_active(
    conn: &mut SqliteConnection,
    id: UserId,
    active: bool,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let (deactivated_at, deactivated_by) = if active {
        (None, None)
    } else {
        (Some(to_millis(now)), Some(by.to_string()))
    };
    sqlx::query(
        "UPDATE users SET is_active = ?, deactivated_at = ?, deactivated_by = ?, updated_at = ? WHERE id = ?",
    )
    .bind(active)
    .bind(deactivated_at)
    .bind(deactivated_by)
    .bind(to_millis(now))
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Roles and permissions

/// Makes the permission rows and the built-in roles' grants match the policy table in the core.
/// Runs at every start-up; idempotent.
pub async fn sync_builtin_roles(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    for p in Permission::ALL {
        sqlx::query(
            "INSERT INTO permissions (key, description) VALUES (?, ?) \
             ON CONFLICT (key) DO UPDATE SET description = excluded.description",
        )
        .bind(p.key())
        .bind(p.description())
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
    }
    for role in BuiltinRole::ALL {
        sqlx::query(
            "INSERT INTO roles (id, key, name, description, is_builtin, created_at) VALUES (?, ?, ?, ?, 1, ?) \
             ON CONFLICT (key) DO UPDATE SET name = excluded.name, description = excluded.description, is_builtin = 1",
        )
        .bind(new_id())
        .bind(role.key())
        .bind(role.label())
        .bind(role.description())
        .bind(to_millis(now))
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
        let role_id = role_id_by_key(&mut *conn, role.key())
            .await?
            .expect("the role was just upserted");
        sqlx::query("DELETE FROM role_permissions WHERE role_id = ?")
            .bind(role_id.to_string())
            .execute(&mut *conn)
            .await
            .map_err(internal)?;
        for p in builtin_grants(role) {
            sqlx::query("INSERT INTO role_permissions (role_id, permission_key) VALUES (?, ?)")
                .bind(role_id.to_string())
                .bind(p.key())
                .execute(&mut *conn)
                .await
                .map_err(internal)?;
        }
    }
    Ok(())
}

pub async fn role_id_by_key(
    conn: &mut SqliteConnection,
    key: &str,
) -> Result<Option<RoleId>, ApiError> {
    let id: Option<String> = sqlx::query_scalar("SELECT id FROM roles WHERE key = ?")
        .bind(key)
        .fetch_optional(conn)
        .await
        .map_err(internal)?;
    Ok(id.map(|i| RoleId(parse_uuid(&i))))
}

pub async fn grant_role(
    conn: &mut SqliteConnection,
    user: UserId,
    role_key: &str,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let role = role_id_by_key(&mut *conn, role_key)
        .await?
        .ok_or_else(|| ApiError::not_found("The role"))?;
    sqlx::query(
        "INSERT INTO user_roles (user_id, role_id, granted_at, granted_by) VALUES (?, ?, ?, ?) \
         ON CONFLICT DO NOTHING",
    )
    .bind(user.to_string())
    .bind(role.to_string())
    .bind(to_millis(now))
    .bind(by.map(|b| b.to_string()))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRoleRow {
    pub id: String,
    pub key: String,
    pub name: String,
}

impl UserRoleRow {
    pub fn role_id(&self) -> RoleId {
        RoleId(parse_uuid(&self.id))
    }
}

pub async fn roles_of(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Vec<UserRoleRow>, ApiError> {
    sqlx::query_as(
        "SELECT r.id, r.key, r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id \
         WHERE ur.user_id = ? ORDER BY r.is_builtin DESC, r.name",
    )
    .bind(user.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)
}

/// The union of the permissions of all the user's roles.
/// Whether the account is active and the permissions its roles grant, in one statement:
/// what every command checks first. `None` if there is no such account.
pub async fn caller(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Option<(bool, Vec<Permission>)>, ApiError> {
    let row: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT u.is_active, (SELECT group_concat(DISTINCT rp.permission_key) FROM user_roles ur \
         JOIN role_permissions rp ON rp.role_id = ur.role_id WHERE ur.user_id = u.id) \
         FROM users u WHERE u.id = ?",
    )
    .bind(user.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.map(|(active, keys)| (active == 1, permissions_from_keys(keys))))
}

/// Permissions from a `group_concat` of their keys.
pub(crate) fn permissions_from_keys(keys: Option<String>) -> Vec<Permission> {
    let mut perms: Vec<Permission> = keys
        .unwrap_or_default()
        .split(',')
        .filter_map(Permission::from_key)
        .collect();
    perms.sort();
    perms.dedup();
    perms
}

pub async fn permissions_of(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Vec<Permission>, ApiError> {
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT rp.permission_key FROM user_roles ur \
         JOIN role_permissions rp ON rp.role_id = ur.role_id WHERE ur.user_id = ?",
    )
    .bind(user.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    let mut perms: Vec<Permission> = keys
        .iter()
        .filter_map(|k| Permission::from_key(k))
        .collect();
    perms.sort();
    Ok(perms)
}

#[derive(sqlx::FromRow)]
struct RoleRow {
    id: String,
    key: String,
    name: String,
    description: String,
    is_builtin: bool,
    member_count: i64,
}

pub async fn list_roles(conn: &mut SqliteConnection) -> Result<Vec<RoleView>, ApiError> {
    let rows: Vec<RoleRow> = sqlx::query_as(
        "SELECT r.id, r.key, r.name, r.description, r.is_builtin, \
         (SELECT COUNT(*) FROM user_roles ur WHERE ur.role_id = r.id) AS member_count \
         FROM roles r ORDER BY r.is_builtin DESC, r.created_at, r.name",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(internal)?;
    let grants: Vec<(String, String)> =
        sqlx::query_as("SELECT role_id, permission_key FROM role_permissions")
            .fetch_all(&mut *conn)
            .await
            .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut permissions: Vec<Permission> = grants
                .iter()
                .filter(|(role, _)| *role == r.id)
                .filter_map(|(_, key)| Permission::from_key(key))
                .collect();
            permissions.sort();
            RoleView {
                id: RoleId(parse_uuid(&r.id)),
                key: r.key,
                name: r.name,
                description: r.description,
                builtin: r.is_builtin,
                permissions,
                member_count: r.member_count,
            }
        })
        .collect())
}

pub async fn find_role(
    conn: &mut SqliteConnection,
    id: RoleId,
) -> Result<Option<RoleView>, ApiError> {
    Ok(list_roles(conn).await?.into_iter().find(|r| r.id == id))
}

pub async fn insert_role(
    conn: &mut SqliteConnection,
    key: &str,
    name: &str,
    description: &str,
    now: DateTime<Utc>,
) -> Result<RoleId, ApiError> {
    let id = RoleId(uuid::Uuid::new_v4());
    sqlx::query(
        "INSERT INTO roles (id, key, name, description, is_builtin, created_at) VALUES (?, ?, ?, ?, 0, ?)",
    )
    .bind(id.to_string())
    .bind(key)
    .bind(name)
    .bind(description)
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(|e| match internal(e) {
        err if err.code == mentordesk_shared::ErrorCode::Conflict => {
            ApiError::field("name", "A role with this name already exists.")
        }
        err => err,
    })?;
    Ok(id)
}

pub async fn set_role_permissions(
    conn: &mut SqliteConnection,
    role: RoleId,
    permissions: &[Permission],
) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM role_permissions WHERE role_id = ?")
        .bind(role.to_string())
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
    for p in permissions {
        sqlx::query("INSERT INTO role_permissions (role_id, permission_key) VALUES (?, ?)")
            .bind(role.to_string())
            .bind(p.key())
            .execute(&mut *conn)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

pub async fn delete_role(conn: &mut SqliteConnection, role: RoleId) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM roles WHERE id = ? AND is_builtin = 0")
        .bind(role.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

pub async fn set_user_roles(
    conn: &mut SqliteConnection,
    user: UserId,
    roles: &[RoleId],
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let keep: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
    let current = roles_of(&mut *conn, user).await?;
    for existing in &current {
        if !keep.contains(&existing.id) {
            sqlx::query("DELETE FROM user_roles WHERE user_id = ? AND role_id = ?")
                .bind(user.to_string())
                .bind(&existing.id)
                .execute(&mut *conn)
                .await
                .map_err(internal)?;
        }
    }
    for role in keep {
        sqlx::query(
            "INSERT INTO user_roles (user_id, role_id, granted_at, granted_by) VALUES (?, ?, ?, ?) \
             ON CONFLICT DO NOTHING",
        )
        .bind(user.to_string())
        .bind(role)
        .bind(to_millis(now))
        .bind(by.to_string())
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
    }
    Ok(())
}

/// How many active accounts hold the admin role (the last one may not be removed).
pub async fn active_admin_count(conn: &mut SqliteConnection) -> Result<i64, ApiError> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM users u JOIN user_roles ur ON ur.user_id = u.id \
         JOIN roles r ON r.id = ur.role_id WHERE r.key = 'admin' AND u.is_active = 1",
    )
    .fetch_one(conn)
    .await
    .map_err(internal)
}

// ---------------------------------------------------------------------------
// Admin user lists

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserListRow {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub photo_file: Option<String>,
    pub is_active: bool,
    pub created_at: i64,
    pub last_sign_in_at: Option<i64>,
}

impl UserListRow {
    pub fn user_id(&self) -> UserId {
        UserId(parse_uuid(&self.id))
    }
}

const USER_ROW_SELECT: &str =
    "SELECT u.id, u.email, p.first_name, p.last_name, p.photo_file, u.is_active, \
     u.created_at, u.last_sign_in_at FROM users u JOIN profiles p ON p.user_id = u.id";

pub async fn find_user_row(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Option<UserListRow>, ApiError> {
    sqlx::query_as(&format!("{USER_ROW_SELECT} WHERE u.id = ?"))
        .bind(user.to_string())
        .fetch_optional(conn)
        .await
        .map_err(internal)
}

pub async fn list_users(
    conn: &mut SqliteConnection,
    query: &UserQuery,
) -> Result<Vec<UserListRow>, ApiError> {
    let base = USER_ROW_SELECT;
    let text = crate::like_contains(&query.text.trim().to_lowercase());
    let name_match = "(lower(p.first_name || ' ' || p.last_name) LIKE ?1 ESCAPE '\\' \
                      OR u.email_key LIKE ?1 ESCAPE '\\')";
    let (condition, param): (String, Option<String>) = match &query.filter {
        UserFilter::All => ("1 = 1".into(), None),
        UserFilter::Role(key) => (
            "EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id \
             WHERE ur.user_id = u.id AND r.key = ?2)"
                .into(),
            Some(key.clone()),
        ),
        UserFilter::Applicants(role) => (
            "EXISTS (SELECT 1 FROM role_applications a WHERE a.user_id = u.id \
             AND a.status = 'pending' AND a.role_key = ?2)"
                .into(),
            Some(role.key().to_string()),
        ),
        UserFilter::Approved(role) => (
            "EXISTS (SELECT 1 FROM role_applications a WHERE a.user_id = u.id \
             AND a.status = 'approved' AND a.role_key = ?2)"
                .into(),
            Some(role.key().to_string()),
        ),
        UserFilter::Deactivated => ("u.is_active = 0".into(), None),
    };
    let sql = format!(
        "{base} WHERE {name_match} AND {condition} ORDER BY lower(p.last_name), lower(p.first_name) LIMIT 1000"
    );
    let mut q = sqlx::query_as::<_, UserListRow>(&sql).bind(text);
    if let Some(p) = param {
        q = q.bind(p);
    }
    q.fetch_all(conn).await.map_err(internal)
}

// ---------------------------------------------------------------------------
// Password-reset codes

pub async fn insert_reset(
    conn: &mut SqliteConnection,
    user: UserId,
    digest: &str,
    issued_by: UserId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), ApiError> {
    // A new code replaces any earlier unused one.
    sqlx::query("UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL")
        .bind(to_millis(now))
        .bind(user.to_string())
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
    sqlx::query(
        "INSERT INTO password_resets (id, user_id, code_digest, issued_by, created_at, expires_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(new_id())
    .bind(user.to_string())
    .bind(digest)
    .bind(issued_by.to_string())
    .bind(to_millis(now))
    .bind(to_millis(expires_at))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResetRow {
    pub id: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// The reset record matching this code for this user, used or not.
pub async fn find_reset(
    conn: &mut SqliteConnection,
    user: UserId,
    digest: &str,
) -> Result<Option<ResetRow>, ApiError> {
    sqlx::query_as(
        "SELECT id, expires_at, used_at FROM password_resets WHERE user_id = ? AND code_digest = ? \
         ORDER BY created_at DESC LIMIT 1",
    )
    .bind(user.to_string())
    .bind(digest)
    .fetch_optional(conn)
    .await
    .map_err(internal)
}

pub async fn mark_reset_used(
    conn: &mut SqliteConnection,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE password_resets SET used_at = ? WHERE id = ?")
        .bind(to_millis(now))
        .bind(id)
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}
