//! Accounts: first run, sign-up, sign-in/out, passwords, reset codes, the signed-in user.

use crate::{blocking, Mentordesk, Result, Session};
use mentordesk_core::media::avatar_data_url;
use mentordesk_core::policy::Command;
use mentordesk_core::validate::{self, Email, NewPassword};
use mentordesk_core::{passwords, reset_codes, throttle};
use mentordesk_db::{accounts as repo, audit, profiles as profiles_repo, settings, Db};
use mentordesk_shared::accounts::*;
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::profiles::UserTarget;
use mentordesk_shared::{ApiError, ErrorCode};

const WRONG_CREDENTIALS: &str = "The e-mail address or password is not right.";
/// Sign-in's answer for an account that has no password yet (an imported one).
pub(crate) const NO_PASSWORD_YET: &str = "This account has no password yet: use the set-password code from your administrator to choose one.";

/// The validated parts of a new account.
struct NewAccount {
    email: Email,
    password: NewPassword,
    first_name: String,
    last_name: String,
    time_zone: String,
}

fn parse_new_account(
    email: &str,
    password: &str,
    first_name: &str,
    last_name: &str,
    time_zone: Option<&str>,
) -> Result<NewAccount> {
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(email));
    let password = errors.check("password", NewPassword::parse(password));
    let first_name = errors.check(
        "first_name",
        validate::person_name(first_name, "first name"),
    );
    let last_name = errors.check("last_name", validate::person_name(last_name, "last name"));
    let time_zone = match time_zone.map(str::trim).filter(|t| !t.is_empty()) {
        Some(tz) => errors
            .check("time_zone", validate::time_zone(tz))
            .map(|tz| tz.name().to_string()),
        None => Some("UTC".to_string()),
    };
    errors.into_result()?;
    Ok(NewAccount {
        email: email.expect("checked above"),
        password: password.expect("checked above"),
        first_name: first_name.expect("checked above"),
        last_name: last_name.expect("checked above"),
        time_zone: time_zone.expect("checked above"),
    })
}

/// Refuses an attempt while the account is throttled after failed attempts.
fn check_throttle(user: &repo::UserRecord, now: chrono::DateTime<chrono::Utc>) -> Result<()> {
    match throttle::blocked_until(user.failed_sign_ins.max(0) as u32, user.last_failure(), now) {
        Some(until) => Err(ApiError::new(
            ErrorCode::RateLimited,
            format!(
                "Too many failed attempts. Try again in {} seconds.",
                (until - now).num_seconds().max(1)
            ),
        )),
        None => Ok(()),
    }
}

impl Mentordesk {
    /// Counts a failed sign-in or reset attempt against the account (for throttling) and
    /// audits it in one transaction; returns `err` for the caller to answer with.
    async fn record_failed_attempt(
        &self,
        user: UserId,
        actor: Option<UserId>,
        action: &str,
        detail: &str,
        err: ApiError,
    ) -> ApiError {
        let now = self.now();
        let recorded = async {
            let mut tx = self.db.write().await?;
            repo::record_failed_sign_in(&mut tx, user, now).await?;
            audit::record(&mut tx, now, actor, action, Some(user), detail).await?;
            Db::commit(tx).await
        }
        .await;
        match recorded {
            Ok(()) => err,
            Err(db_err) => db_err,
        }
    }

    pub async fn app_status(&self) -> Result<AppStatus> {
        self.authorize(Command::AppStatus).await?;
        let mut conn = self.db.read().await?;
        let needs_first_admin = repo::count_users(&mut conn).await? == 0;
        let demo_loaded = settings::get(&mut conn, "demo_loaded").await?.is_some();
        drop(conn);
        let signed_in = match self.current_session() {
            Some(_) => self.accounts_me().await.ok(),
            None => None,
        };
        Ok(AppStatus {
            needs_first_admin,
            signed_in,
            data_dir: self.data_dir().display().to_string(),
            demo_loaded,
        })
    }

    /// Creates the workspace's first administrator; refused once any account exists.
    pub async fn accounts_create_first_admin(&self, req: CreateFirstAdmin) -> Result<Me> {
        self.authorize(Command::AccountsCreateFirstAdmin).await?;
        let account = parse_new_account(
            &req.email,
            &req.password,
            &req.first_name,
            &req.last_name,
            None,
        )?;
        let user = self
            .create_account(account, SignUpIntent::Mentee, "admin", true)
            .await?;
        self.start_session(user).await?;
        self.accounts_me().await
    }

    pub async fn accounts_sign_up(&self, req: SignUp) -> Result<Me> {
        self.authorize(Command::AccountsSignUp).await?;
        let account = parse_new_account(
            &req.email,
            &req.password,
            &req.first_name,
            &req.last_name,
            req.time_zone.as_deref(),
        )?;
        let user = self
            .create_account(account, req.intent, "mentee", false)
            .await?;
        self.start_session(user).await?;
        self.accounts_me().await
    }

    async fn create_account(
        &self,
        account: NewAccount,
        intent: SignUpIntent,
        role: &str,
        first_admin: bool,
    ) -> Result<UserId> {
        let password = account.password.expose().to_string();
        let hash = blocking(move || passwords::hash(&password)).await?;
        let now = self.now();
        let id = UserId(uuid::Uuid::new_v4());
        let mut tx = self.db.write().await?;
        let existing = repo::count_users(&mut tx).await?;
        if first_admin && existing > 0 {
            return Err(ApiError::conflict(
                "This workspace already has an administrator. Sign in instead.",
            ));
        }
        if !first_admin && existing == 0 {
            return Err(ApiError::conflict(
                "Create the workspace's first administrator before anyone signs up.",
            ));
        }
        if repo::find_by_email_key(&mut tx, account.email.key())
            .await?
            .is_some()
        {
            return Err(ApiError::field(
                "email",
                "An account with this e-mail address already exists.",
            ));
        }
        repo::insert_user(
            &mut tx,
            &repo::NewUser {
                id,
                email: account.email.as_str(),
                email_key: account.email.key(),
                password_hash: &hash,
                intent,
                now,
            },
        )
        .await?;
        profiles_repo::insert_profile(
            &mut tx,
            id,
            &account.first_name,
            &account.last_name,
            &account.time_zone,
            now,
        )
        .await?;
        repo::grant_role(&mut tx, id, role, None, now).await?;
        let action = if first_admin {
            "first_admin_created"
        } else {
            "account_created"
        };
        audit::record(
            &mut tx,
            now,
            Some(id),
            action,
            Some(id),
            account.email.as_str(),
        )
        .await?;
        repo::record_sign_in(&mut tx, id, now).await?;
        Db::commit(tx).await?;
        Ok(id)
    }

    /// Signs `user` in here; they become the person this device reminds (see
    /// [`Mentordesk::reminder_person`]) until they sign out.
    async fn start_session(&self, user: UserId) -> Result<()> {
        self.set_session(Some(Session {
            user,
            last_seen: self.now(),
        }));
        self.set_reminder_person(Some(user)).await
    }

    /// Refuses a sign-in that has no password to check against (an unknown e-mail, an
    /// imported account without a password yet): burns one verification's time so the
    /// answer takes as long as a wrong password, audits it, and answers `message`.
    async fn refuse_without_checking(
        &self,
        password: &str,
        who: Option<UserId>,
        detail: &str,
        message: &str,
    ) -> ApiError {
        let password = password.to_string();
        let recorded = async {
            blocking(move || {
                passwords::verify_against_nothing(&password);
                Ok(())
            })
            .await?;
            let mut tx = self.db.write().await?;
            audit::record(&mut tx, self.now(), who, "sign_in_failed", who, detail).await?;
            Db::commit(tx).await
        };
        match recorded.await {
            Ok(()) => ApiError::unauthenticated(message),
            Err(e) => e,
        }
    }

    pub async fn accounts_sign_in(&self, req: SignIn) -> Result<Me> {
        self.authorize(Command::AccountsSignIn).await?;
        let email = Email::parse(&req.email).map_err(|m| ApiError::field("email", m))?;
        if req.password.is_empty() {
            return Err(ApiError::field("password", "Enter your password."));
        }
        let now = self.now();
        let user = {
            let mut conn = self.db.read().await?;
            repo::find_by_email_key(&mut conn, email.key()).await?
        };
        let Some(user) = user else {
            let detail = format!("unknown e-mail {}", email.as_str());
            return Err(self
                .refuse_without_checking(&req.password, None, &detail, WRONG_CREDENTIALS)
                .await);
        };
        let id = user.user_id();
        check_throttle(&user, now)?;
        if passwords::is_unset(&user.password_hash) {
            // An imported account before its owner redeemed their set-password code. No
            // password can match, so there is nothing to guess and the attempt is not
            // counted against the account (which would hold up redeeming the code); it
            // takes as long as any other answer. Saying so tells no more than sign-up
            // already does ("an account with this e-mail address already exists").
            return Err(self
                .refuse_without_checking(
                    &req.password,
                    Some(id),
                    "no password set yet",
                    NO_PASSWORD_YET,
                )
                .await);
        }
        let (password, stored) = (req.password.clone(), user.password_hash.clone());
        let matches = blocking(move || Ok(passwords::verify(&password, &stored))).await?;
        let mut tx = self.db.write().await?;
        if !matches {
            drop(tx);
            let err = ApiError::unauthenticated(WRONG_CREDENTIALS);
            return Err(self
                .record_failed_attempt(id, Some(id), "sign_in_failed", "wrong password", err)
                .await);
        }
        if !user.is_active {
            audit::record(
                &mut tx,
                now,
                Some(id),
                "sign_in_failed",
                Some(id),
                "account deactivated",
            )
            .await?;
            Db::commit(tx).await?;
            return Err(ApiError::forbidden(
                "This account has been deactivated. Contact your administrator.",
            ));
        }
        repo::record_sign_in(&mut tx, id, now).await?;
        audit::record(&mut tx, now, Some(id), "sign_in", Some(id), "").await?;
        Db::commit(tx).await?;
        self.start_session(id).await?;
        self.accounts_me().await
    }

    pub async fn accounts_sign_out(&self) -> Result<()> {
        self.authorize(Command::AccountsSignOut).await?;
        if let Some(session) = self.current_session() {
            let mut tx = self.db.write().await?;
            audit::record(
                &mut tx,
                self.now(),
                Some(session.user),
                "sign_out",
                Some(session.user),
                "",
            )
            .await?;
            Db::commit(tx).await?;
        }
        self.set_session(None);
        self.set_reminder_person(None).await?;
        Ok(())
    }

    pub async fn accounts_me(&self) -> Result<Me> {
        let actor = self.require(Command::AccountsMe).await?;
        let mut conn = self.db.read().await?;
        let user = repo::find_by_id(&mut conn, actor.user)
            .await?
            .ok_or_else(|| ApiError::not_found("Your account"))?;
        let profile = profiles_repo::get_profile(&mut conn, actor.user)
            .await?
            .ok_or_else(|| ApiError::not_found("Your profile"))?;
        let roles = repo::roles_of(&mut conn, actor.user).await?;
        Ok(Me {
            user_id: actor.user,
            email: user.email.clone(),
            first_name: profile.fields.first_name.clone(),
            last_name: profile.fields.last_name.clone(),
            roles: roles
                .into_iter()
                .map(|r| RoleBadge {
                    key: r.key,
                    name: r.name,
                })
                .collect(),
            permissions: actor.permissions,
            signup_intent: user.intent(),
            onboarding_status: profile.onboarding_status,
            onboarding_step: profile.onboarding_step,
            photo: self
                .files
                .read_optional(profile.photo_file.as_deref())
                .map(|b| avatar_data_url(&b)),
            inactivity_timeout_minutes: self.inactivity.num_minutes() as u32,
        })
    }

    pub async fn accounts_change_password(&self, req: ChangePassword) -> Result<()> {
        let actor = self.require(Command::AccountsChangePassword).await?;
        let new = NewPassword::parse(&req.new_password)
            .map_err(|m| ApiError::field("new_password", m))?;
        if req.new_password == req.current_password {
            return Err(ApiError::field(
                "new_password",
                "The new password must differ from the current one.",
            ));
        }
        let stored = {
            let mut conn = self.db.read().await?;
            repo::find_by_id(&mut conn, actor.user)
                .await?
                .ok_or_else(|| ApiError::not_found("Your account"))?
                .password_hash
        };
        let current = req.current_password.clone();
        if !blocking(move || Ok(passwords::verify(&current, &stored))).await? {
            return Err(ApiError::field(
                "current_password",
                "Your current password is not right.",
            ));
        }
        let password = new.expose().to_string();
        let hash = blocking(move || passwords::hash(&password)).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        repo::set_password(&mut tx, actor.user, &hash, now).await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "password_changed",
            Some(actor.user),
            "",
        )
        .await?;
        Db::commit(tx).await
    }

    /// An admin issues a one-time reset code; only its digest is stored.
    pub async fn users_issue_reset_code(&self, req: UserTarget) -> Result<IssuedResetCode> {
        let actor = self.require(Command::UsersIssueResetCode).await?;
        let now = self.now();
        let code = reset_codes::generate();
        let expires_at = now + reset_codes::validity();
        let mut tx = self.db.write().await?;
        let target = repo::find_by_id(&mut tx, req.user_id)
            .await?
            .ok_or_else(|| ApiError::not_found("The account"))?;
        repo::insert_reset(
            &mut tx,
            req.user_id,
            &reset_codes::digest(&code),
            actor.user,
            now,
            expires_at,
        )
        .await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "password_reset_issued",
            Some(req.user_id),
            &target.email,
        )
        .await?;
        Db::commit(tx).await?;
        Ok(IssuedResetCode {
            user_id: req.user_id,
            code,
            expires_at,
        })
    }

    /// Someone without a session sets a new password with the code an admin gave them.
    pub async fn accounts_reset_with_code(&self, req: ResetWithCode) -> Result<()> {
        self.authorize(Command::AccountsResetWithCode).await?;
        let mut errors = FieldErrors::new();
        let email = errors.check("email", Email::parse(&req.email));
        let new = errors.check("new_password", NewPassword::parse(&req.new_password));
        if reset_codes::normalise(&req.code).is_empty() {
            errors.add("code", "Enter the code your administrator gave you.");
        }
        errors.into_result()?;
        let (email, new) = (email.expect("checked"), new.expect("checked"));
        let invalid_code =
            || ApiError::field("code", "This code is not valid for this e-mail address.");
        let now = self.now();
        let user = {
            let mut conn = self.db.read().await?;
            repo::find_by_email_key(&mut conn, email.key()).await?
        };
        let Some(user) = user else {
            return Err(invalid_code());
        };
        let id = user.user_id();
        check_throttle(&user, now)?;
        let password = new.expose().to_string();
        let hash = blocking(move || passwords::hash(&password)).await?;
        let mut tx = self.db.write().await?;
        let found = repo::find_reset(&mut tx, id, &reset_codes::digest(&req.code)).await?;
        let problem = match &found {
            None => Some(invalid_code()),
            Some(r) if r.used_at.is_some() => Some(ApiError::field(
                "code",
                "This code has already been used. Ask your administrator for a new one.",
            )),
            Some(r) if mentordesk_db::from_millis(r.expires_at) <= now => Some(ApiError::field(
                "code",
                "This code has expired. Ask your administrator for a new one.",
            )),
            Some(_) => None,
        };
        if let Some(err) = problem {
            drop(tx);
            let detail = err.message.clone();
            return Err(self
                .record_failed_attempt(id, None, "password_reset_failed", &detail, err)
                .await);
        }
        let reset = found.expect("checked above");
        repo::mark_reset_used(&mut tx, &reset.id, now).await?;
        repo::set_password(&mut tx, id, &hash, now).await?;
        audit::record(&mut tx, now, None, "password_reset_redeemed", Some(id), "").await?;
        Db::commit(tx).await
    }
}
