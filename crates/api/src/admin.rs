//! Administration: user lists, (de)activation, role assignment, custom roles, the audit log.

use crate::{Mentordesk, Result};
use mentordesk_core::media::avatar_data_url;
use mentordesk_core::policy::Command;
use mentordesk_core::validate;
use mentordesk_db::{accounts as repo, audit, Db};
use mentordesk_shared::access::{Permission, RoleView};
use mentordesk_shared::admin::*;
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::profiles::UserTarget;
use mentordesk_shared::ApiError;

impl Mentordesk {
    pub async fn users_list(&self, req: UserQuery) -> Result<Vec<UserRow>> {
        self.require(Command::UsersList).await?;
        let req = UserQuery {
            text: validate::search_field("text", &req.text)?,
            filter: match req.filter {
                UserFilter::Role(key) => UserFilter::Role(validate::search_field("filter", &key)?),
                other => other,
            },
        };
        let mut conn = self.db.read().await?;
        let rows = repo::list_users(&mut conn, &req).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(self.to_user_row(&mut conn, row).await?);
        }
        Ok(out)
    }

    async fn user_row(&self, user: UserId) -> Result<UserRow> {
        let mut conn = self.db.read().await?;
        let row = repo::find_user_row(&mut conn, user)
            .await?
            .ok_or_else(|| ApiError::not_found("The account"))?;
        self.to_user_row(&mut conn, row).await
    }

    async fn to_user_row(
        &self,
        conn: &mut mentordesk_db::SqliteConnection,
        row: repo::UserListRow,
    ) -> Result<UserRow> {
        let roles = repo::roles_of(conn, row.user_id()).await?;
        Ok(UserRow {
            user_id: row.user_id(),
            email: row.email,
            name: format!("{} {}", row.first_name, row.last_name),
            roles: roles.iter().map(|r| r.name.clone()).collect(),
            role_ids: roles.iter().map(|r| r.role_id()).collect(),
            is_active: row.is_active,
            created_at: mentordesk_db::from_millis(row.created_at),
            last_sign_in_at: row.last_sign_in_at.map(mentordesk_db::from_millis),
            photo: self
                .files
                .read_optional(row.photo_file.as_deref())
                .map(|b| avatar_data_url(&b)),
        })
    }

    pub async fn users_deactivate(&self, req: UserTarget) -> Result<UserRow> {
        let actor = self.require(Command::UsersDeactivate).await?;
        if req.user_id == actor.user {
            return Err(ApiError::field(
                "user_id",
                "You cannot deactivate your own account.",
            ));
        }
        self.set_active(actor.user, req.user_id, false).await
    }

    pub async fn users_reactivate(&self, req: UserTarget) -> Result<UserRow> {
        let actor = self.require(Command::UsersReactivate).await?;
        self.set_active(actor.user, req.user_id, true).await
    }

    async fn set_active(&self, by: UserId, user: UserId, active: bool) -> Result<UserRow> {
        let now = self.now();
        let mut tx = self.db.write().await?;
        let target = repo::find_by_id(&mut tx, user)
            .await?
            .ok_or_else(|| ApiError::not_found("The account"))?;
        if target.is_active != active {
            repo::set_active(&mut tx, user, active, by, now).await?;
            if !active && repo::active_admin_count(&mut tx).await? == 0 {
                return Err(ApiError::conflict(
                    "This is the last active administrator; make someone else an administrator first.",
                ));
            }
            let action = if active {
                "account_reactivated"
            } else {
                "account_deactivated"
            };
            audit::record(&mut tx, now, Some(by), action, Some(user), &target.email).await?;
        }
        Db::commit(tx).await?;
        self.user_row(user).await
    }

    pub async fn users_set_roles(&self, req: SetUserRoles) -> Result<UserRow> {
        let actor = self.require(Command::UsersSetRoles).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        repo::find_by_id(&mut tx, req.user_id)
            .await?
            .ok_or_else(|| ApiError::not_found("The account"))?;
        let all = repo::list_roles(&mut tx).await?;
        let mut names = Vec::new();
        for id in &req.role_ids {
            let role = all.iter().find(|r| r.id == *id).ok_or_else(|| {
                ApiError::field("role_ids", "One of the chosen roles does not exist.")
            })?;
            names.push(role.name.clone());
        }
        if req.role_ids.is_empty() {
            return Err(ApiError::field(
                "role_ids",
                "Give the account at least one role.",
            ));
        }
        let before: Vec<String> = repo::roles_of(&mut tx, req.user_id)
            .await?
            .into_iter()
            .map(|r| r.name)
            .collect();
        repo::set_user_roles(&mut tx, req.user_id, &req.role_ids, actor.user, now).await?;
        if repo::active_admin_count(&mut tx).await? == 0 {
            return Err(ApiError::conflict(
                "The workspace needs at least one active administrator.",
            ));
        }
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "roles_changed",
            Some(req.user_id),
            &format!("{} → {}", before.join(", "), names.join(", ")),
        )
        .await?;
        Db::commit(tx).await?;
        self.user_row(req.user_id).await
    }

    pub async fn roles_list(&self) -> Result<Vec<RoleView>> {
        self.require(Command::RolesList).await?;
        let mut conn = self.db.read().await?;
        repo::list_roles(&mut conn).await
    }

    pub async fn permissions_list(&self) -> Result<Vec<PermissionInfo>> {
        self.require(Command::PermissionsList).await?;
        Ok(Permission::ALL
            .into_iter()
            .map(|p| PermissionInfo {
                permission: p,
                key: p.key().to_string(),
                description: p.description().to_string(),
            })
            .collect())
    }

    pub async fn roles_create(&self, req: CreateRole) -> Result<RoleView> {
        let actor = self.require(Command::RolesCreate).await?;
        let mut errors = FieldErrors::new();
        let name = req.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            errors.add("name", "Give the role a name.");
        } else if name.chars().count() > 50 {
            errors.add("name", "A role name has at most 50 characters.");
        } else {
            // One line: control characters are refused before the spacing is collapsed.
            errors.check(
                "name",
                validate::check_characters(req.name.trim(), validate::Lines::Single),
            );
        }
        let description = errors.check(
            "description",
            validate::optional_text(&req.description, 200),
        );
        errors.into_result()?;
        let slug: String = name
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        let key = format!(
            "custom_{slug}_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..6]
        );
        let now = self.now();
        let mut tx = self.db.write().await?;
        let id =
            repo::insert_role(&mut tx, &key, &name, &description.unwrap_or_default(), now).await?;
        repo::set_role_permissions(&mut tx, id, &dedup(&req.permissions)).await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "role_created",
            None,
            &format!("{name}: {}", keys(&req.permissions)),
        )
        .await?;
        let role = repo::find_role(&mut tx, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The role"))?;
        Db::commit(tx).await?;
        Ok(role)
    }

    pub async fn roles_set_permissions(&self, req: SetRolePermissions) -> Result<RoleView> {
        let actor = self.require(Command::RolesSetPermissions).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let role = repo::find_role(&mut tx, req.role_id)
            .await?
            .ok_or_else(|| ApiError::not_found("The role"))?;
        if role.builtin {
            return Err(ApiError::conflict(
                "Built-in roles keep the permissions of the policy table; create a custom role instead.",
            ));
        }
        repo::set_role_permissions(&mut tx, req.role_id, &dedup(&req.permissions)).await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "role_permissions_changed",
            None,
            &format!(
                "{}: {} → {}",
                role.name,
                keys(&role.permissions),
                keys(&req.permissions)
            ),
        )
        .await?;
        let role = repo::find_role(&mut tx, req.role_id)
            .await?
            .ok_or_else(|| ApiError::not_found("The role"))?;
        Db::commit(tx).await?;
        Ok(role)
    }

    pub async fn roles_delete(&self, req: RoleRef) -> Result<()> {
        let actor = self.require(Command::RolesDelete).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let role = repo::find_role(&mut tx, req.role_id)
            .await?
            .ok_or_else(|| ApiError::not_found("The role"))?;
        if role.builtin {
            return Err(ApiError::conflict("Built-in roles cannot be deleted."));
        }
        repo::delete_role(&mut tx, req.role_id).await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "role_deleted",
            None,
            &role.name,
        )
        .await?;
        Db::commit(tx).await
    }

    pub async fn audit_list(&self, req: AuditQuery) -> Result<AuditPage> {
        self.require(Command::AuditList).await?;
        validate::instants(&[("from", req.from), ("to", req.to)])?;
        let query = AuditQuery {
            limit: if req.limit == 0 { 50 } else { req.limit },
            text: validate::search_field("text", &req.text)?,
            action: validate::optional_search_field("action", req.action.as_deref())?,
            ..req
        };
        let mut conn = self.db.read().await?;
        let (entries, total) = audit::list(&mut conn, &query).await?;
        let actions = audit::actions(&mut conn).await?;
        Ok(AuditPage {
            entries,
            total,
            actions,
        })
    }
}

fn dedup(permissions: &[Permission]) -> Vec<Permission> {
    let mut out = permissions.to_vec();
    out.sort();
    out.dedup();
    out
}

fn keys(permissions: &[Permission]) -> String {
    if permissions.is_empty() {
        return "no permissions".into();
    }
    dedup(permissions)
        .iter()
        .map(|p| p.key())
        .collect::<Vec<_>>()
        .join(", ")
}
