//! Programme completion certificates. Who may do what is `core::certificates` on top of the
//! caller's standing in the programme (`core::programmes`): its managers and admins issue,
//! prepare, approve and revoke them; recipients see their approved ones; anyone checks a
//! code.

use crate::notifications::Detail;
use crate::people::person_in;
use crate::{Actor, Mentordesk, Result};
use chrono::{DateTime, Datelike, Utc};
use mentordesk_core::certificates::{self as rules, Step};
use mentordesk_core::events::Event;
use mentordesk_core::local_time;
use mentordesk_core::policy::Command;
use mentordesk_core::programmes::{require_manager, require_not_archived, Standing};
use mentordesk_db::appointments::people as people_of;
use mentordesk_db::certificates::{self as repo, CertificateRecord, Inserted};
use mentordesk_db::programmes as programmes_repo;
use mentordesk_db::{audit, Db, SqliteConnection};
use mentordesk_shared::certificates::*;
use mentordesk_shared::ids::{CertificateId, ProgrammeId, UserId};
use mentordesk_shared::programmes::{ProgrammeStatus, StatusStamp};
use mentordesk_shared::ApiError;

/// Codes drawn before giving up on finding an unused one (60 random bits: a second draw is
/// already astronomically rare).
const CODE_ATTEMPTS: usize = 8;

impl Mentordesk {
    async fn certificate_views(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        records: Vec<CertificateRecord>,
    ) -> Result<Vec<CertificateView>> {
        let mut ids: Vec<UserId> = records
            .iter()
            .flat_map(|c| {
                [c.user_id, c.created_by].into_iter().chain(
                    [c.generated, c.approved, c.revoked]
                        .into_iter()
                        .flatten()
                        .map(|s| s.0),
                )
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let people = people_of(conn, &ids).await?;
        let stamp = |s: Option<(UserId, DateTime<Utc>)>| {
            s.map(|(by, at)| StatusStamp {
                by: person_in(&people, by).name,
                at,
            })
        };
        let today = self.now().date_naive();
        let mut standings: Vec<(ProgrammeId, bool)> = Vec::new();
        let mut out = Vec::with_capacity(records.len());
        for c in records {
            let manages = match standings.iter().find(|(p, _)| *p == c.programme_id) {
                Some((_, m)) => *m,
                None => {
                    let m = Self::standing(conn, actor, c.programme_id).await?.manages();
                    standings.push((c.programme_id, m));
                    m
                }
            };
            out.push(CertificateView {
                id: c.id,
                programme_id: c.programme_id,
                programme_name: c.programme_name,
                recipient: person_in(&people, c.user_id),
                series_id: c.series_id,
                code: c.code,
                issued_on: c.issued_on,
                expires_on: c.expires_on,
                status: c.status,
                expired: rules::expired(c.status, c.expires_on, today),
                created_by: person_in(&people, c.created_by).name,
                created_at: c.created_at,
                generated: stamp(c.generated),
                approved: stamp(c.approved),
                revoked: stamp(c.revoked),
                revoke_reason: c.revoke_reason,
                can_generate: manages && rules::can(c.status, Step::Generate),
                can_approve: manages && rules::can(c.status, Step::Approve),
                can_revoke: manages && rules::can(c.status, Step::Revoke),
            });
        }
        Ok(out)
    }

    async fn certificate_view(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: CertificateId,
    ) -> Result<CertificateView> {
        let record = repo::find(conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The certificate"))?;
        self.certificate_views(conn, actor, vec![record])
            .await?
            .pop()
            .ok_or_else(|| ApiError::not_found("The certificate"))
    }

    /// A certificate and the caller's standing in its programme; `not_found` unless the
    /// caller may see it (`core::certificates::visible`).
    async fn visible_certificate(
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: CertificateId,
    ) -> Result<(CertificateRecord, Standing)> {
        let certificate = repo::find(conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The certificate"))?;
        let standing = Self::standing(conn, actor, certificate.programme_id).await?;
        if !rules::visible(
            standing.manages(),
            certificate.user_id == actor.user,
            certificate.status,
            certificate.was_approved(),
        ) {
            return Err(ApiError::not_found("The certificate"));
        }
        Ok((certificate, standing))
    }

    /// A certificate for a caller who must run its programme: others who see it (its
    /// recipient) are told why not; everyone else gets `not_found`.
    async fn managed_certificate(
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: CertificateId,
    ) -> Result<CertificateRecord> {
        let (certificate, standing) = Self::visible_certificate(conn, actor, id).await?;
        require_manager(&standing)?;
        Ok(certificate)
    }

    /// One programme's certificates (its managers and admins: all of them, with who may
    /// receive one next; its other members: their own), or the caller's own.
    pub async fn certificates_list(&self, req: CertificateQuery) -> Result<CertificateList> {
        let actor = self.require(Command::CertificatesList).await?;
        let mut conn = self.db.read().await?;
        let own = |records: Vec<CertificateRecord>| -> Vec<CertificateRecord> {
            records
                .into_iter()
                .filter(|c| rules::recipient_sees(c.status, c.was_approved()))
                .collect()
        };
        let Some(id) = req.programme_id.filter(|_| !req.mine) else {
            let records = own(repo::of_user(&mut conn, actor.user, None).await?);
            return Ok(CertificateList {
                certificates: self.certificate_views(&mut conn, &actor, records).await?,
                ..CertificateList::default()
            });
        };
        let programme = programmes_repo::find(&mut conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The programme"))?;
        let standing = Self::standing(&mut conn, &actor, id).await?;
        if !standing.manages() {
            let records = own(repo::of_user(&mut conn, actor.user, Some(id)).await?);
            // A former mentee still lists their own; anyone else outside sees nothing.
            if records.is_empty() && !standing.sees_members() {
                return Err(ApiError::not_found("The programme"));
            }
            return Ok(CertificateList {
                certificates: self.certificate_views(&mut conn, &actor, records).await?,
                ..CertificateList::default()
            });
        }
        let records = repo::of_programme(&mut conn, id).await?;
        let certificates = self.certificate_views(&mut conn, &actor, records).await?;
        if programme.status == ProgrammeStatus::Archived {
            return Ok(CertificateList {
                certificates,
                ..CertificateList::default()
            });
        }
        let today = self.today_of(&mut conn, actor.user).await?;
        let eligible: Vec<UserId> = repo::completions(&mut conn, id, None)
            .await?
            .into_iter()
            .filter(|(_, c)| c.completed(programme.status) && !c.certified)
            .map(|(u, _)| u)
            .collect();
        let people = people_of(&mut conn, &eligible).await?;
        let mut eligible: Vec<_> = eligible.iter().map(|u| person_in(&people, *u)).collect();
        eligible.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(CertificateList {
            certificates,
            can_issue: true,
            suggested_series_id: Some(rules::suggested_series_id(&programme.name, today.year())),
            eligible,
        })
    }

    /// Today on `user`'s wall clock (UTC if their zone is unknown).
    async fn today_of(
        &self,
        conn: &mut SqliteConnection,
        user: UserId,
    ) -> Result<chrono::NaiveDate> {
        let zone = people_of(conn, &[user])
            .await?
            .first()
            .and_then(|p| p.time_zone.parse().ok())
            .unwrap_or(chrono_tz::UTC);
        Ok(local_time::today(zone, self.now()))
    }

    /// A manager of the programme (or an admin) issues a certificate to a mentee who
    /// completed it. It is stored as pending generation, then its document is prepared in a
    /// second step (`certificates_generate`), which leaves it waiting for approval. Should
    /// that step fail, the certificate stays pending generation and is returned as such; a
    /// manager runs the step again.
    pub async fn certificates_issue(&self, req: NewCertificate) -> Result<CertificateView> {
        let actor = self.require(Command::CertificatesIssue).await?;
        let now = self.now();
        let id = CertificateId(uuid::Uuid::now_v7());
        {
            let mut tx = self.db.write().await?;
            let (programme, _) = Self::managed_programme(&mut tx, &actor, req.programme_id).await?;
            require_not_archived(programme.status)?;
            let Some(mentee) = people_of(&mut tx, &[req.mentee_id]).await?.pop() else {
                return Err(ApiError::field(
                    "mentee_id",
                    "Choose one of this programme's mentees.",
                ));
            };
            let facts = repo::completion(&mut tx, req.programme_id, req.mentee_id).await?;
            rules::check_eligible(&mentee.name(), programme.status, &facts)?;
            let today = self.today_of(&mut tx, actor.user).await?;
            let fields = rules::issue_fields(&req, &programme.name, today)?;
            let mut code = None;
            for _ in 0..CODE_ATTEMPTS {
                let candidate = rules::generate_code();
                match repo::insert(
                    &mut tx,
                    id,
                    req.programme_id,
                    req.mentee_id,
                    &fields,
                    &candidate,
                    actor.user,
                    now,
                )
                .await?
                {
                    Inserted::Done => {
                        code = Some(candidate);
                        break;
                    }
                    Inserted::CodeTaken => continue,
                    Inserted::AlreadyCertified => {
                        return Err(ApiError::conflict(format!(
                            "{} already has a certificate for this programme; revoke it \
                             before issuing another.",
                            mentee.name()
                        )))
                    }
                }
            }
            let Some(code) = code else {
                return Err(ApiError::internal(
                    "Could not find an unused certificate code; try again.",
                ));
            };
            audit::record(
                &mut tx,
                now,
                Some(actor.user),
                "certificate_issued",
                Some(req.mentee_id),
                &format!(
                    "{}: {} {code} for {}",
                    programme.name,
                    fields.series_id,
                    mentee.name()
                ),
            )
            .await?;
            Db::commit(tx).await?;
        }
        match self.generate_certificate(&actor, id).await {
            Ok(view) => Ok(view),
            Err(error) => {
                tracing::warn!(%error, certificate = %id, "preparing a certificate failed; it stays pending generation");
                let mut conn = self.db.read().await?;
                self.certificate_view(&mut conn, &actor, id).await
            }
        }
    }

    /// Prepares a certificate's document: pending generation → pending approval.
    async fn generate_certificate(
        &self,
        actor: &Actor,
        id: CertificateId,
    ) -> Result<CertificateView> {
        let now = self.now();
        let mut tx = self.db.write().await?;
        let certificate = Self::managed_certificate(&mut tx, actor, id).await?;
        let to = rules::next_status(certificate.status, Step::Generate)?;
        // The printable document (the PDF renderer, from `certificate_document`'s fields)
        // is prepared here, before the certificate moves on.
        repo::set_status(&mut tx, id, certificate.status, to, actor.user, "", now).await?;
        let view = self.certificate_view(&mut tx, actor, id).await?;
        Db::commit(tx).await?;
        Ok(view)
    }

    /// Runs the generation step again for a certificate that stayed pending generation.
    pub async fn certificates_generate(&self, req: CertificateRef) -> Result<CertificateView> {
        let actor = self.require(Command::CertificatesGenerate).await?;
        self.generate_certificate(&actor, req.id).await
    }

    /// Approves a certificate waiting for approval (its recipient is notified), or revokes
    /// one in any other status, with a reason.
    pub async fn certificates_decide(&self, req: CertificateDecision) -> Result<CertificateView> {
        let actor = self.require(Command::CertificatesDecide).await?;
        let (step, reason) = match req.action {
            CertificateAction::Approve => (Step::Approve, String::new()),
            CertificateAction::Revoke => (Step::Revoke, rules::revoke_reason(&req.reason)?),
        };
        let now = self.now();
        let mut tx = self.db.write().await?;
        let certificate = Self::managed_certificate(&mut tx, &actor, req.id).await?;
        let to = rules::next_status(certificate.status, step)?;
        repo::set_status(
            &mut tx,
            req.id,
            certificate.status,
            to,
            actor.user,
            &reason,
            now,
        )
        .await?;
        let recipient = person_in(
            &people_of(&mut tx, &[certificate.user_id]).await?,
            certificate.user_id,
        );
        let (action, outcome) = match step {
            Step::Approve => (
                "certificate_approved",
                format!(
                    "{}: your certificate {} is approved. Its code is {}.",
                    certificate.programme_name, certificate.series_id, certificate.code
                ),
            ),
            _ => (
                "certificate_revoked",
                format!(
                    "{}: your certificate {} was revoked — {reason}",
                    certificate.programme_name, certificate.series_id
                ),
            ),
        };
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            action,
            Some(certificate.user_id),
            &format!(
                "{}: {} {} for {}{}",
                certificate.programme_name,
                certificate.series_id,
                certificate.code,
                recipient.name,
                if reason.is_empty() {
                    String::new()
                } else {
                    format!(" — {reason}")
                }
            ),
        )
        .await?;
        let event = match step {
            Step::Approve => Some(Event::CertificateApproved {
                certificate: req.id,
                programme: certificate.programme_id,
                recipient: certificate.user_id,
            }),
            // Revoked before approval: it was never the recipient's to see.
            _ if certificate.was_approved() => Some(Event::CertificateRevoked {
                certificate: req.id,
                programme: certificate.programme_id,
                recipient: certificate.user_id,
            }),
            _ => None,
        };
        let published = match event {
            Some(event) => {
                self.record(&mut tx, &[(event, Detail::Text(outcome))], actor.user, now)
                    .await?
            }
            None => Vec::new(),
        };
        let view = self.certificate_view(&mut tx, &actor, req.id).await?;
        Db::commit(tx).await?;
        self.publish(published);
        Ok(view)
    }

    /// Checks a code, signed in or not: valid, expired (its expiry date is before today,
    /// UTC), revoked, or not found. Certificates not yet approved, and those revoked before
    /// approval, are not found.
    pub async fn certificates_verify(
        &self,
        req: CertificateCode,
    ) -> Result<CertificateVerification> {
        self.authorize(Command::CertificatesVerify).await?;
        if req.code.trim().is_empty() {
            return Err(ApiError::field("code", "Enter the certificate's code."));
        }
        let today = self.now().date_naive();
        let record = match rules::normalise_code(&req.code) {
            Some(code) => {
                let mut conn = self.db.read().await?;
                let record = repo::find_by_code(&mut conn, &code).await?;
                match record {
                    Some(r) => {
                        let name =
                            person_in(&people_of(&mut conn, &[r.user_id]).await?, r.user_id).name;
                        Some((r, name))
                    }
                    None => None,
                }
            }
            None => None,
        };
        let verdict = rules::verdict(
            record
                .as_ref()
                .map(|(r, _)| (r.status, r.was_approved(), r.expires_on)),
            today,
        );
        let certificate = match (verdict, record) {
            (CertificateVerdict::NotFound, _) | (_, None) => None,
            (_, Some((r, recipient))) => Some(VerifiedCertificate {
                recipient,
                programme: r.programme_name,
                series_id: r.series_id,
                code: r.code,
                issued_on: r.issued_on,
                expires_on: r.expires_on,
                revoked_at: r.revoked.map(|(_, at)| at),
            }),
        };
        Ok(CertificateVerification {
            verdict,
            message: rules::verdict_message(
                verdict,
                certificate.as_ref().and_then(|c| c.expires_on),
                certificate.as_ref().and_then(|c| c.revoked_at),
            ),
            certificate,
        })
    }

    /// The fields the printable certificate shows, for whoever may see the certificate
    /// (authorised as reading certificates, `certificates_list`), approved ones only.
    pub async fn certificate_document(&self, id: CertificateId) -> Result<CertificateDocument> {
        let actor = self.require(Command::CertificatesList).await?;
        self.document_for(&actor, id).await
    }

    /// Writes an approved certificate to the Downloads folder as a printable PDF.
    pub async fn certificates_export(
        &self,
        req: CertificateRef,
    ) -> Result<mentordesk_shared::admin::SavedDocument> {
        let actor = self.require(Command::CertificatesExport).await?;
        let doc = self.document_for(&actor, req.id).await?;
        let file_name = rules::file_name(&doc);
        let bytes = crate::blocking(move || {
            Ok(mentordesk_core::pdf::certificate(
                &doc,
                "Anyone can check this certificate in Mentordesk: Certificates → Verify a \
                 certificate, with the code above.",
            ))
        })
        .await?;
        self.files
            .save_document(&self.downloads_dir, &file_name, bytes)
            .await
    }

    async fn document_for(&self, actor: &Actor, id: CertificateId) -> Result<CertificateDocument> {
        let mut conn = self.db.read().await?;
        let (c, standing) = Self::visible_certificate(&mut conn, actor, id).await?;
        let print = rules::document_print(c.status, standing.manages())?;
        let approver = c.approved.map(|(by, _)| by);
        let mut ids = vec![c.user_id];
        ids.extend(approver);
        let people = people_of(&mut conn, &ids).await?;
        let recipient = person_in(&people, c.user_id).name;
        Ok(CertificateDocument {
            statement: rules::statement(&recipient, &c.programme_name),
            programme: c.programme_name,
            recipient,
            issued_on: rules::long_date(c.issued_on),
            expires_on: c.expires_on.map(rules::long_date),
            series_id: c.series_id,
            code: c.code,
            approved_by: match print {
                rules::Print::Final => approver
                    .map(|by| person_in(&people, by).name)
                    .unwrap_or_default(),
                rules::Print::Draft => rules::DRAFT_SIGNATURE.to_string(),
            },
        })
    }
}
