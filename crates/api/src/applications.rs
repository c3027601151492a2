//! Applications for the mentor and programme-manager roles, and their review.

use crate::notifications::Detail;
use crate::{Mentordesk, Result};
use mentordesk_core::events::Event;
use mentordesk_core::media;
use mentordesk_core::policy::Command;
use mentordesk_core::validate;
use mentordesk_db::applications::{self as repo, StoredDocument};
use mentordesk_db::{accounts as users_repo, audit, Db};
use mentordesk_shared::admin::*;
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::ids::ApplicationId;
use mentordesk_shared::ApiError;

fn validate_application(req: &ApplicationSubmit) -> Result<ApplicationSubmit> {
    let mut errors = FieldErrors::new();
    let mut out = ApplicationSubmit {
        role: req.role,
        been_mentor_before: req.been_mentor_before,
        ..ApplicationSubmit::default()
    };
    if let Some(v) = errors.check("previous_roles", validate::tags(&req.previous_roles)) {
        out.previous_roles = v;
    }
    if let Some(v) = errors.check(
        "previous_programmes",
        validate::tags(&req.previous_programmes),
    ) {
        out.previous_programmes = v;
    }
    if let Some(v) = errors.check(
        "technical_proficiency",
        validate::tags(&req.technical_proficiency),
    ) {
        out.technical_proficiency = v;
    }
    if let Some(v) = errors.check(
        "programme_of_interest",
        validate::optional_line(&req.programme_of_interest, 200),
    ) {
        out.programme_of_interest = v;
    }
    if let Some(v) = errors.check(
        "years_technical_experience",
        validate::bounded_number(req.years_technical_experience, 70, "Years of experience"),
    ) {
        out.years_technical_experience = v;
    }
    match validate::optional_text(&req.motivation, 2000) {
        Ok(v) if v.is_empty() => errors.add(
            "motivation",
            "Tell the administrators in a few words why you are applying.",
        ),
        Ok(v) => out.motivation = v,
        Err(m) => errors.add("motivation", m),
    }
    errors.into_result().map(|()| out)
}

impl Mentordesk {
    pub async fn applications_submit(&self, req: ApplicationSubmit) -> Result<ApplicationView> {
        let actor = self.require(Command::ApplicationsSubmit).await?;
        let application = validate_application(&req)?;
        let document = match &req.document {
            Some(doc) => {
                let bytes =
                    media::decode_upload(&doc.base64, media::DOCUMENT_MAX_BYTES, "document")?;
                let checked = media::check_document(&doc.file_name, &bytes)?;
                Some((checked, bytes))
            }
            None => None,
        };
        {
            let mut conn = self.db.read().await?;
            let roles = users_repo::roles_of(&mut conn, actor.user).await?;
            if roles.iter().any(|r| r.key == application.role.key()) {
                return Err(ApiError::conflict(format!(
                    "You are already a {}.",
                    application.role.label().to_lowercase()
                )));
            }
        }
        let stored = match document {
            Some((checked, bytes)) => {
                let file = self
                    .files
                    .save("documents", checked.extension, bytes)
                    .await?;
                Some(StoredDocument {
                    file,
                    name: checked.file_name,
                    media_type: checked.media_type.to_string(),
                })
            }
            None => None,
        };
        let id = ApplicationId(uuid::Uuid::new_v4());
        let now = self.now();
        let saved = async {
            let mut tx = self.db.write().await?;
            repo::insert(&mut tx, id, actor.user, &application, stored.as_ref(), now).await?;
            audit::record(
                &mut tx,
                now,
                Some(actor.user),
                "application_submitted",
                Some(actor.user),
                application.role.label(),
            )
            .await?;
            Db::commit(tx).await
        }
        .await;
        if let Err(e) = saved {
            if let Some(doc) = &stored {
                self.files.remove(&doc.file).await;
            }
            return Err(e);
        }
        let mut conn = self.db.read().await?;
        repo::find(&mut conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The application"))
    }

    pub async fn applications_mine(&self) -> Result<Vec<ApplicationView>> {
        let actor = self.require(Command::ApplicationsMine).await?;
        let mut conn = self.db.read().await?;
        repo::list_for_user(&mut conn, actor.user).await
    }

    pub async fn applications_list(&self, req: ApplicationQuery) -> Result<Vec<ApplicationView>> {
        self.require(Command::ApplicationsList).await?;
        let mut conn = self.db.read().await?;
        repo::list(&mut conn, &req).await
    }

    /// Approves (granting the role) or declines (with a reason) a pending application.
    pub async fn applications_decide(&self, req: ApplicationDecision) -> Result<ApplicationView> {
        let actor = self.require(Command::ApplicationsDecide).await?;
        let reason =
            validate::optional_text(&req.reason, 1000).map_err(|m| ApiError::field("reason", m))?;
        if !req.approve && reason.is_empty() {
            return Err(ApiError::field(
                "reason",
                "Say why the application is declined; the applicant will see it.",
            ));
        }
        let now = self.now();
        let mut tx = self.db.write().await?;
        let application = repo::find(&mut tx, req.id)
            .await?
            .ok_or_else(|| ApiError::not_found("The application"))?;
        if application.status != ApplicationStatus::Pending {
            return Err(ApiError::conflict(
                "This application has already been decided.",
            ));
        }
        let status = if req.approve {
            ApplicationStatus::Approved
        } else {
            ApplicationStatus::Declined
        };
        repo::decide(&mut tx, req.id, status, actor.user, &reason, now).await?;
        if req.approve {
            users_repo::grant_role(
                &mut tx,
                application.user_id,
                application.role.key(),
                Some(actor.user),
                now,
            )
            .await?;
        }
        let action = if req.approve {
            "application_approved"
        } else {
            "application_declined"
        };
        let detail = if reason.is_empty() {
            application.role.label().to_string()
        } else {
            format!("{}: {reason}", application.role.label())
        };
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            action,
            Some(application.user_id),
            &detail,
        )
        .await?;
        let outcome = if req.approve {
            format!("{}: approved", application.role.label())
        } else {
            format!("{}: declined — {reason}", application.role.label())
        };
        let event = Event::ApplicationDecided {
            application: req.id,
            applicant: application.user_id,
        };
        let published = self
            .record(&mut tx, &[(event, Detail::Text(outcome))], actor.user, now)
            .await?;
        let decided = repo::find(&mut tx, req.id)
            .await?
            .ok_or_else(|| ApiError::not_found("The application"))?;
        Db::commit(tx).await?;
        self.publish(published);
        Ok(decided)
    }

    /// Saves an applicant's supporting document into the Downloads folder, never
    /// overwriting an existing file, and says where it went.
    pub async fn applications_save_document(&self, req: ApplicationRef) -> Result<SavedDocument> {
        self.require(Command::ApplicationsSaveDocument).await?;
        let doc = {
            let mut conn = self.db.read().await?;
            repo::document(&mut conn, req.id)
                .await?
                .ok_or_else(|| ApiError::not_found("The document"))?
        };
        let bytes = self.files.read(&doc.file).await?;
        self.files
            .save_document(&self.downloads_dir, &doc.name, bytes)
            .await
    }
}
