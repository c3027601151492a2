//! Programmes, their members and applications, and mentor–mentee matches.
//!
//! Every command reads the caller's standing in the programme (`core::programmes::Standing`)
//! and lets the core decide; a programme the caller may not see is `not_found`.

use crate::notifications::Detail;
use crate::people::person_in;
use crate::{blocking, Actor, Mentordesk, Result};
use chrono::{Datelike, Duration};
use mentordesk_core::events::Event;
use mentordesk_core::media;
use mentordesk_core::policy::Command;
use mentordesk_core::programmes::{self as rules, Applicant, Capacity, Pair, Standing};
use mentordesk_core::slots::Schedule;
use mentordesk_db::appointments::{people as people_of, PersonRecord};
use mentordesk_db::programmes::{self as repo, ProgrammeListing, ProgrammeRecord};
use mentordesk_db::{accounts as users_repo, audit, blocks, sessions as sessions_repo, Db};
use mentordesk_db::{profiles as profiles_repo, SqliteConnection};
use mentordesk_shared::access::{BuiltinRole, Permission};
use mentordesk_shared::admin::ApplicationStatus;
use mentordesk_shared::ids::{MatchId, ProgrammeApplicationId, ProgrammeId, UserId};
use mentordesk_shared::programmes::*;
use mentordesk_shared::ApiError;

fn name(people: &[PersonRecord], id: UserId) -> String {
    person_in(people, id).name
}

impl Mentordesk {
    /// What the caller is to the programme.
    pub(crate) async fn standing(
        conn: &mut SqliteConnection,
        actor: &Actor,
        programme: ProgrammeId,
    ) -> Result<Standing> {
        Ok(Standing {
            oversees: actor.can(Permission::ProgrammesOversee),
            roles: repo::roles_of(conn, programme, actor.user).await?,
        })
    }

    /// The programme and the caller's standing, `not_found` unless the caller may see it.
    pub(crate) async fn visible_programme(
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: ProgrammeId,
    ) -> Result<(ProgrammeRecord, Standing)> {
        let programme = repo::find(conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The programme"))?;
        let standing = Self::standing(conn, actor, id).await?;
        rules::require_visible(&standing, programme.status, &programme.criteria)?;
        Ok((programme, standing))
    }

    /// The programme, for a caller who must run it.
    pub(crate) async fn managed_programme(
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: ProgrammeId,
    ) -> Result<(ProgrammeRecord, Standing)> {
        let (programme, standing) = Self::visible_programme(conn, actor, id).await?;
        rules::require_manager(&standing)?;
        Ok((programme, standing))
    }

    fn summary_of(&self, listing: ProgrammeListing, standing: &Standing) -> ProgrammeSummary {
        let p = listing.programme;
        let manages = standing.manages();
        ProgrammeSummary {
            id: p.id,
            accepting_applications: rules::open_for_applications(p.status, &p.criteria),
            name: p.name,
            description: p.description,
            status: p.status,
            picture: self
                .files
                .read_optional(p.picture_file.as_deref())
                .map(|b| media::avatar_data_url(&b)),
            managers: listing.managers,
            mentors: listing.mentors,
            mentees: listing.mentees,
            active_pairs: listing.active_pairs,
            pending_applications: if manages {
                listing.pending_applications
            } else {
                0
            },
            pending_matches: if manages { listing.pending_matches } else { 0 },
            my_roles: listing.my_roles,
            can_manage: manages,
            my_application: listing.my_application,
        }
    }

    async fn programme_detail(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: ProgrammeId,
    ) -> Result<ProgrammeDetail> {
        let (programme, standing) = Self::visible_programme(conn, actor, id).await?;
        let listing = repo::listing(conn, id, actor.user)
            .await?
            .ok_or_else(|| ApiError::not_found("The programme"))?;
        let members = if standing.sees_members() {
            repo::members(conn, id).await?
        } else {
            Vec::new()
        };
        let mut ids: Vec<UserId> = members.iter().map(|m| m.user_id).collect();
        ids.push(programme.created_by);
        ids.extend(programme.completed.map(|(u, _)| u));
        ids.extend(programme.archived.map(|(u, _)| u));
        ids.sort_unstable();
        ids.dedup();
        let people = people_of(conn, &ids).await?;
        let next_statuses = if standing.manages() {
            rules::next_statuses(programme.status).to_vec()
        } else {
            Vec::new()
        };
        Ok(ProgrammeDetail {
            criteria: programme.criteria.clone(),
            questions: programme.questions.clone(),
            created_by: name(&people, programme.created_by),
            created_at: programme.created_at,
            completed: programme.completed.map(|(by, at)| StatusStamp {
                by: name(&people, by),
                at,
            }),
            archived: programme.archived.map(|(by, at)| StatusStamp {
                by: name(&people, by),
                at,
            }),
            members: members
                .into_iter()
                .map(|m| ProgrammeMember {
                    person: person_in(&people, m.user_id),
                    role: m.role,
                    added_at: m.added_at,
                    matched: m.matched,
                })
                .collect(),
            next_statuses,
            summary: self.summary_of(listing, &standing),
        })
    }

    pub async fn programmes_list(&self, req: ProgrammeQuery) -> Result<Vec<ProgrammeSummary>> {
        let actor = self.require(Command::ProgrammesList).await?;
        let oversees = actor.can(Permission::ProgrammesOversee);
        let req = ProgrammeQuery {
            text: mentordesk_core::validate::search_field("text", &req.text)?,
            ..req
        };
        let mut conn = self.db.read().await?;
        let listings = repo::list(&mut conn, actor.user, oversees, &req).await?;
        Ok(listings
            .into_iter()
            .map(|l| {
                let standing = Standing {
                    oversees,
                    roles: l.my_roles.clone(),
                };
                self.summary_of(l, &standing)
            })
            .collect())
    }

    pub async fn programmes_get(&self, req: ProgrammeRef) -> Result<ProgrammeDetail> {
        let actor = self.require(Command::ProgrammesGet).await?;
        let mut conn = self.db.read().await?;
        self.programme_detail(&mut conn, &actor, req.id).await
    }

    /// Creates a programme; its creator becomes its first manager.
    pub async fn programmes_create(&self, req: ProgrammeFields) -> Result<ProgrammeDetail> {
        let actor = self.require(Command::ProgrammesCreate).await?;
        let fields = rules::fields(&req)?;
        let id = ProgrammeId(uuid::Uuid::now_v7());
        let now = self.now();
        let mut tx = self.db.write().await?;
        repo::insert(
            &mut tx,
            id,
            &fields,
            &rules::name_key(&fields.name),
            actor.user,
            now,
        )
        .await?;
        repo::add_member(
            &mut tx,
            id,
            actor.user,
            ProgrammeRole::Manager,
            Some(actor.user),
            now,
        )
        .await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "programme_created",
            None,
            &fields.name,
        )
        .await?;
        let detail = self.programme_detail(&mut tx, &actor, id).await?;
        Db::commit(tx).await?;
        Ok(detail)
    }

    pub async fn programmes_update(&self, req: ProgrammeEdit) -> Result<ProgrammeDetail> {
        let actor = self.require(Command::ProgrammesUpdate).await?;
        let fields = rules::fields(&req.fields)?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (programme, _) = Self::managed_programme(&mut tx, &actor, req.id).await?;
        rules::require_not_archived(programme.status)?;
        repo::update(
            &mut tx,
            req.id,
            &fields,
            &rules::name_key(&fields.name),
            now,
        )
        .await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "programme_updated",
            None,
            &fields.name,
        )
        .await?;
        let detail = self.programme_detail(&mut tx, &actor, req.id).await?;
        Db::commit(tx).await?;
        Ok(detail)
    }

    /// Completes or archives a programme, recording who and when.
    pub async fn programmes_set_status(
        &self,
        req: ProgrammeStatusChange,
    ) -> Result<ProgrammeDetail> {
        let actor = self.require(Command::ProgrammesSetStatus).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (programme, _) = Self::managed_programme(&mut tx, &actor, req.id).await?;
        rules::check_status_change(programme.status, req.status)?;
        repo::set_status(&mut tx, req.id, req.status, actor.user, now).await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            &format!("programme_{}", req.status.key()),
            None,
            &programme.name,
        )
        .await?;
        let detail = self.programme_detail(&mut tx, &actor, req.id).await?;
        Db::commit(tx).await?;
        Ok(detail)
    }

    /// Sets (a square 256 px JPEG made from the upload) or removes the programme's picture.
    pub async fn programmes_set_picture(&self, req: ProgrammePicture) -> Result<ProgrammeDetail> {
        let actor = self.require(Command::ProgrammesSetPicture).await?;
        let previous = {
            let mut conn = self.db.read().await?;
            let (programme, _) = Self::managed_programme(&mut conn, &actor, req.id).await?;
            rules::require_not_archived(programme.status)?;
            programme.picture_file
        };
        let stored = match &req.base64 {
            Some(base64) => {
                let bytes = media::decode_upload(base64, media::PHOTO_MAX_BYTES, "picture")?;
                let picture = blocking(move || media::avatar_from_upload(&bytes)).await?;
                Some(self.files.save("programmes", "jpg", picture).await?)
            }
            None => None,
        };
        let saved = async {
            let mut tx = self.db.write().await?;
            // Checked again inside the transaction: the caller may have lost the role.
            Self::managed_programme(&mut tx, &actor, req.id).await?;
            repo::set_picture(&mut tx, req.id, stored.as_deref(), self.now()).await?;
            Db::commit(tx).await
        }
        .await;
        if let Err(e) = saved {
            if let Some(file) = &stored {
                self.files.remove(file).await;
            }
            return Err(e);
        }
        if let Some(old) = previous {
            self.files.remove(&old).await;
        }
        let mut conn = self.db.read().await?;
        self.programme_detail(&mut conn, &actor, req.id).await
    }

    /// Adds someone to the programme in a role they hold in the workspace, or removes them.
    pub async fn programmes_set_member(
        &self,
        req: ProgrammeMemberChange,
    ) -> Result<ProgrammeDetail> {
        let actor = self.require(Command::ProgrammesSetMember).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (programme, _) = Self::managed_programme(&mut tx, &actor, req.programme_id).await?;
        rules::require_not_archived(programme.status)?;
        let people = people_of(&mut tx, &[req.user_id]).await?;
        let Some(who) = people.first() else {
            return Err(ApiError::field(
                "user_id",
                "Choose someone in the workspace.",
            ));
        };
        if req.add {
            let needed = match req.role {
                ProgrammeRole::Manager => BuiltinRole::ProgrammeManager,
                ProgrammeRole::Mentor => BuiltinRole::Mentor,
                ProgrammeRole::Mentee => BuiltinRole::Mentee,
            };
            let roles = users_repo::roles_of(&mut tx, req.user_id).await?;
            let holds = roles
                .iter()
                .any(|r| r.key == needed.key() || r.key == BuiltinRole::Admin.key());
            if !who.is_active || !holds {
                return Err(ApiError::field(
                    "user_id",
                    format!(
                        "{} is not an active {}; only people with that role can join as one.",
                        who.name(),
                        needed.label().to_lowercase()
                    ),
                ));
            }
            if req.role == ProgrammeRole::Mentee {
                if let Some(max) = programme.criteria.max_mentees {
                    let now_in =
                        repo::count_role(&mut tx, req.programme_id, ProgrammeRole::Mentee).await?;
                    if now_in >= max {
                        return Err(ApiError::conflict(format!(
                            "This programme is full: it takes {max} mentees."
                        )));
                    }
                }
            }
            if !repo::add_member(
                &mut tx,
                req.programme_id,
                req.user_id,
                req.role,
                Some(actor.user),
                now,
            )
            .await?
            {
                return Err(ApiError::conflict(format!(
                    "{} is already a {} in this programme.",
                    who.name(),
                    req.role.label().to_lowercase()
                )));
            }
        } else {
            if req.role == ProgrammeRole::Manager {
                let managers =
                    repo::count_role(&mut tx, req.programme_id, ProgrammeRole::Manager).await?;
                if managers <= 1 {
                    return Err(ApiError::conflict(
                        "A programme keeps at least one manager; add another one first.",
                    ));
                }
            }
            let open = repo::matches(
                &mut tx,
                req.user_id,
                false,
                &MatchQuery {
                    programme_id: Some(req.programme_id),
                    statuses: vec![MatchStatus::Pending, MatchStatus::Approved],
                },
            )
            .await?;
            let involved = open.iter().any(|m| match req.role {
                ProgrammeRole::Mentor => m.mentor_id == req.user_id,
                ProgrammeRole::Mentee => m.mentee_id == req.user_id,
                ProgrammeRole::Manager => false,
            });
            if involved {
                return Err(ApiError::conflict(format!(
                    "{} has open matches in this programme; end or reject them first.",
                    who.name()
                )));
            }
            if !repo::remove_member(&mut tx, req.programme_id, req.user_id, req.role).await? {
                return Err(ApiError::not_found("The member"));
            }
        }
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            if req.add {
                "programme_member_added"
            } else {
                "programme_member_removed"
            },
            Some(req.user_id),
            &format!("{}: {}", programme.name, req.role.label()),
        )
        .await?;
        let detail = self
            .programme_detail(&mut tx, &actor, req.programme_id)
            .await?;
        Db::commit(tx).await?;
        Ok(detail)
    }

    async fn application_views(
        &self,
        conn: &mut SqliteConnection,
        records: Vec<repo::ProgrammeApplicationRecord>,
    ) -> Result<Vec<ProgrammeApplicationView>> {
        let mut ids: Vec<UserId> = records
            .iter()
            .flat_map(|r| std::iter::once(r.user_id).chain(r.decided_by))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let people = people_of(conn, &ids).await?;
        Ok(records
            .into_iter()
            .map(|r| ProgrammeApplicationView {
                id: r.id,
                programme_id: r.programme_id,
                programme_name: r.programme_name,
                applicant: person_in(&people, r.user_id),
                role: r.role,
                answers: r.answers,
                status: r.status,
                reason: r.reason,
                decided_by: r.decided_by.map(|u| name(&people, u)),
                decided_at: r.decided_at,
                created_at: r.created_at,
            })
            .collect())
    }

    pub async fn programme_applications_submit(
        &self,
        req: ProgrammeApply,
    ) -> Result<ProgrammeApplicationView> {
        let actor = self.require(Command::ProgrammeApplicationsSubmit).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (programme, standing) =
            Self::visible_programme(&mut tx, &actor, req.programme_id).await?;
        let needed = match req.role {
            ProgrammeRole::Mentor => Some(BuiltinRole::Mentor),
            ProgrammeRole::Mentee => Some(BuiltinRole::Mentee),
            ProgrammeRole::Manager => None,
        };
        let roles = users_repo::roles_of(&mut tx, actor.user).await?;
        let profile = profiles_repo::get_profile(&mut tx, actor.user).await?;
        let applicant = Applicant {
            holds_role: needed.is_some_and(|n| roles.iter().any(|r| r.key == n.key())),
            years_experience: profile.and_then(|p| p.fields.years_experience),
            already_member_as: standing.roles.clone(),
            has_pending_application: repo::has_pending_application(
                &mut tx,
                req.programme_id,
                actor.user,
            )
            .await?,
            mentees_now: repo::count_role(&mut tx, req.programme_id, ProgrammeRole::Mentee).await?,
        };
        let answers = rules::application(
            programme.status,
            &programme.criteria,
            &programme.questions,
            &applicant,
            &req,
        )?;
        let id = ProgrammeApplicationId(uuid::Uuid::now_v7());
        repo::insert_application(
            &mut tx,
            id,
            req.programme_id,
            actor.user,
            req.role,
            &answers,
            now,
        )
        .await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "programme_application_submitted",
            Some(actor.user),
            &format!("{} as {}", programme.name, req.role.label().to_lowercase()),
        )
        .await?;
        let view = self.application_view(&mut tx, id).await?;
        Db::commit(tx).await?;
        Ok(view)
    }

    /// The caller's own applications (`mine`), or those of programmes they run.
    pub async fn programme_applications_list(
        &self,
        req: ProgrammeApplicationQuery,
    ) -> Result<Vec<ProgrammeApplicationView>> {
        let actor = self.require(Command::ProgrammeApplicationsList).await?;
        let mut conn = self.db.read().await?;
        let oversees = actor.can(Permission::ProgrammesOversee);
        if let (Some(id), false) = (req.programme_id, req.mine) {
            Self::managed_programme(&mut conn, &actor, id).await?;
        }
        let records = repo::applications(&mut conn, actor.user, oversees, &req).await?;
        self.application_views(&mut conn, records).await
    }

    /// Approves (adding the applicant as a member) or declines with a reason.
    pub async fn programme_applications_decide(
        &self,
        req: ProgrammeApplicationDecision,
    ) -> Result<ProgrammeApplicationView> {
        let actor = self.require(Command::ProgrammeApplicationsDecide).await?;
        let reason = rules::decision_reason(req.approve, &req.reason)?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let application = repo::find_application(&mut tx, req.id)
            .await?
            .ok_or_else(|| ApiError::not_found("The application"))?;
        // Only the programme's managers see its applications: to anyone else (the applicant
        // aside) the application does not exist.
        let (programme, standing) =
            match Self::visible_programme(&mut tx, &actor, application.programme_id).await {
                Ok(found) => found,
                Err(_) => return Err(ApiError::not_found("The application")),
            };
        if !standing.manages() {
            return Err(if application.user_id == actor.user {
                ApiError::forbidden("Your application is decided by the programme's managers.")
            } else {
                ApiError::not_found("The application")
            });
        }
        if application.status != ApplicationStatus::Pending {
            return Err(ApiError::conflict(
                "This application has already been decided.",
            ));
        }
        if req.approve {
            rules::require_not_archived(programme.status)?;
            if programme.status != ProgrammeStatus::Active {
                return Err(ApiError::conflict(
                    "The programme has ended; it takes no new members.",
                ));
            }
            if application.role == ProgrammeRole::Mentee {
                if let Some(max) = programme.criteria.max_mentees {
                    let now_in =
                        repo::count_role(&mut tx, programme.id, ProgrammeRole::Mentee).await?;
                    if now_in >= max {
                        return Err(ApiError::conflict(format!(
                            "This programme is full: it takes {max} mentees."
                        )));
                    }
                }
            }
        }
        let status = if req.approve {
            ApplicationStatus::Approved
        } else {
            ApplicationStatus::Declined
        };
        repo::decide_application(&mut tx, req.id, status, actor.user, &reason, now).await?;
        if req.approve {
            repo::add_member(
                &mut tx,
                programme.id,
                application.user_id,
                application.role,
                Some(actor.user),
                now,
            )
            .await?;
        }
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            if req.approve {
                "programme_application_approved"
            } else {
                "programme_application_declined"
            },
            Some(application.user_id),
            &programme.name,
        )
        .await?;
        let outcome = if req.approve {
            format!(
                "{}: you are in, as a {}.",
                programme.name,
                application.role.label().to_lowercase()
            )
        } else {
            format!("{}: declined — {reason}", programme.name)
        };
        let published = self
            .record(
                &mut tx,
                &[(
                    Event::ProgrammeApplicationDecided {
                        programme: programme.id,
                        applicant: application.user_id,
                    },
                    Detail::Text(outcome),
                )],
                actor.user,
                now,
            )
            .await?;
        let view = self.application_view(&mut tx, req.id).await?;
        Db::commit(tx).await?;
        self.publish(published);
        Ok(view)
    }

    async fn match_views(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        records: Vec<repo::MatchRecord>,
    ) -> Result<Vec<MatchView>> {
        let mut ids: Vec<UserId> = records
            .iter()
            .flat_map(|r| [r.mentor_id, r.mentee_id, r.proposed_by])
            .chain(records.iter().filter_map(|r| r.decided_by))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let people = people_of(conn, &ids).await?;
        let oversees = actor.can(Permission::ProgrammesOversee);
        let mut managed: Vec<ProgrammeId> = Vec::new();
        let mut checked: Vec<ProgrammeId> = Vec::new();
        for r in &records {
            if oversees || checked.contains(&r.programme_id) {
                continue;
            }
            checked.push(r.programme_id);
            if repo::roles_of(conn, r.programme_id, actor.user)
                .await?
                .contains(&ProgrammeRole::Manager)
            {
                managed.push(r.programme_id);
            }
        }
        Ok(records
            .into_iter()
            .map(|r| {
                let manages = oversees || managed.contains(&r.programme_id);
                MatchView {
                    id: r.id,
                    programme_id: r.programme_id,
                    programme_name: r.programme_name,
                    mentor: person_in(&people, r.mentor_id),
                    mentee: person_in(&people, r.mentee_id),
                    goal: r.goal,
                    can_decide: manages
                        && matches!(r.status, MatchStatus::Pending | MatchStatus::Approved),
                    status: r.status,
                    origin: r.origin,
                    proposed_by: name(&people, r.proposed_by),
                    decided_by: r.decided_by.map(|u| name(&people, u)),
                    decided_at: r.decided_at,
                    reason: r.reason,
                    created_at: r.created_at,
                }
            })
            .collect())
    }

    /// One match as the caller sees it.
    async fn match_view(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: MatchId,
    ) -> Result<MatchView> {
        let record = repo::find_match(conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The match"))?;
        self.match_views(conn, actor, vec![record])
            .await?
            .pop()
            .ok_or_else(|| ApiError::not_found("The match"))
    }

    /// One application as its decider and applicant see it.
    async fn application_view(
        &self,
        conn: &mut SqliteConnection,
        id: ProgrammeApplicationId,
    ) -> Result<ProgrammeApplicationView> {
        let record = repo::find_application(conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The application"))?;
        self.application_views(conn, vec![record])
            .await?
            .pop()
            .ok_or_else(|| ApiError::not_found("The application"))
    }

    async fn capacity_of(conn: &mut SqliteConnection, mentor: UserId) -> Result<Capacity> {
        let (max, accepting, current) = repo::capacity(conn, mentor).await?;
        Ok(Capacity {
            max,
            accepting,
            current,
        })
    }

    /// A manager proposes a pair, or a mentee asks for a mentor; either waits for approval.
    pub async fn matches_propose(&self, req: MatchProposal) -> Result<MatchView> {
        let actor = self.require(Command::MatchesPropose).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (programme, standing) =
            Self::visible_programme(&mut tx, &actor, req.programme_id).await?;
        let origin = rules::match_origin(&standing, actor.user, &req)?;
        let mentor_roles = repo::roles_of(&mut tx, req.programme_id, req.mentor_id).await?;
        let mentee_roles = repo::roles_of(&mut tx, req.programme_id, req.mentee_id).await?;
        let pair = Pair {
            mentor_is_member: mentor_roles.contains(&ProgrammeRole::Mentor),
            mentee_is_member: mentee_roles.contains(&ProgrammeRole::Mentee),
            open_match_exists: repo::open_match_exists(
                &mut tx,
                req.programme_id,
                req.mentor_id,
                req.mentee_id,
            )
            .await?,
            blocked: blocks::either_blocked(&mut tx, req.mentor_id, req.mentee_id).await?,
            capacity: Self::capacity_of(&mut tx, req.mentor_id).await?,
        };
        let goal = rules::match_proposal(programme.status, &req, &pair)?;
        let id = MatchId(uuid::Uuid::now_v7());
        repo::insert_match(&mut tx, id, &req, &goal, origin, actor.user, now).await?;
        let people = people_of(&mut tx, &[req.mentor_id, req.mentee_id]).await?;
        let detail = format!(
            "{}: {} with {} — {goal}",
            programme.name,
            name(&people, req.mentor_id),
            name(&people, req.mentee_id)
        );
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "match_proposed",
            Some(req.mentee_id),
            &detail,
        )
        .await?;
        let managers: Vec<UserId> = repo::members(&mut tx, req.programme_id)
            .await?
            .into_iter()
            .filter(|m| m.role == ProgrammeRole::Manager)
            .map(|m| m.user_id)
            .collect();
        let published = self
            .record(
                &mut tx,
                &[(
                    Event::MatchProposed {
                        programme: req.programme_id,
                        managers,
                    },
                    Detail::Text(format!("Waiting for approval. {detail}")),
                )],
                actor.user,
                now,
            )
            .await?;
        let view = self.match_view(&mut tx, &actor, id).await?;
        Db::commit(tx).await?;
        self.publish(published);
        Ok(view)
    }

    pub async fn matches_list(&self, req: MatchQuery) -> Result<Vec<MatchView>> {
        let actor = self.require(Command::MatchesList).await?;
        let mut conn = self.db.read().await?;
        if let Some(id) = req.programme_id {
            Self::visible_programme(&mut conn, &actor, id).await?;
        }
        let oversees = actor.can(Permission::ProgrammesOversee);
        let records = repo::matches(&mut conn, actor.user, oversees, &req).await?;
        self.match_views(&mut conn, &actor, records).await
    }

    /// Approves (within the mentor's capacity at this moment), rejects or ends a match.
    pub async fn matches_decide(&self, req: MatchDecision) -> Result<MatchView> {
        let actor = self.require(Command::MatchesDecide).await?;
        let reason = rules::decision_reason(req.action != MatchAction::Reject, &req.reason)?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let record = repo::find_match(&mut tx, req.id)
            .await?
            .ok_or_else(|| ApiError::not_found("The match"))?;
        let (programme, standing) =
            match Self::visible_programme(&mut tx, &actor, record.programme_id).await {
                Ok(found) => found,
                Err(_) => return Err(ApiError::not_found("The match")),
            };
        let involved = record.mentor_id == actor.user || record.mentee_id == actor.user;
        if !standing.manages() {
            return Err(if involved {
                ApiError::forbidden(
                    "Only this programme's managers and administrators decide on matches.",
                )
            } else {
                ApiError::not_found("The match")
            });
        }
        let capacity = Self::capacity_of(&mut tx, record.mentor_id).await?;
        let to = rules::match_decision(record.status, req.action, &capacity)?;
        if to == MatchStatus::Approved && programme.status != ProgrammeStatus::Active {
            return Err(ApiError::conflict(
                "Matches are approved in active programmes only.",
            ));
        }
        repo::decide_match(&mut tx, req.id, record.status, to, actor.user, &reason, now).await?;
        let people = people_of(&mut tx, &[record.mentor_id, record.mentee_id]).await?;
        let pair = format!(
            "{} with {}",
            name(&people, record.mentor_id),
            name(&people, record.mentee_id)
        );
        let outcome = match to {
            MatchStatus::Approved => format!("{}: {pair} — approved.", programme.name),
            MatchStatus::Rejected => format!("{}: {pair} — rejected: {reason}", programme.name),
            _ => format!("{}: {pair} — ended.", programme.name),
        };
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            &format!("match_{}", to.key()),
            Some(record.mentee_id),
            &outcome,
        )
        .await?;
        let published = self
            .record(
                &mut tx,
                &[(
                    Event::MatchDecided {
                        programme: programme.id,
                        mentor: record.mentor_id,
                        mentee: record.mentee_id,
                    },
                    Detail::Text(outcome),
                )],
                actor.user,
                now,
            )
            .await?;
        let view = self.match_view(&mut tx, &actor, req.id).await?;
        Db::commit(tx).await?;
        self.publish(published);
        Ok(view)
    }

    /// The programme's mentors ranked for a mentee, best first, each score explained.
    pub async fn matches_suggest(&self, req: MatchSuggestionQuery) -> Result<Vec<MatchSuggestion>> {
        let actor = self.require(Command::MatchesSuggest).await?;
        let mut conn = self.db.read().await?;
        let (_, standing) = Self::visible_programme(&mut conn, &actor, req.programme_id).await?;
        if !standing.manages() && req.mentee_id != actor.user {
            return Err(ApiError::forbidden(
                "Suggestions are for the programme's managers, or for a mentee about themself.",
            ));
        }
        let mentee_roles = repo::roles_of(&mut conn, req.programme_id, req.mentee_id).await?;
        if !mentee_roles.contains(&ProgrammeRole::Mentee) {
            return Err(ApiError::field(
                "mentee_id",
                "Choose one of this programme's mentees.",
            ));
        }
        let mentee_person = people_of(&mut conn, &[req.mentee_id]).await?;
        let zone = mentee_person
            .first()
            .and_then(|p| p.time_zone.parse().ok())
            .unwrap_or(chrono_tz::UTC);
        let mentee = rules::MenteeFacts {
            interests: repo::tags_of(&mut conn, req.mentee_id, "interest").await?,
            time_zone: zone,
        };
        // The coming week from next Monday, so today's hour does not tilt the comparison.
        let today = self.now().with_timezone(&zone).date_naive();
        let monday = today + Duration::days(i64::from(7 - today.weekday().num_days_from_monday()));
        let week_start = mentordesk_core::local_time::day_start(zone, monday);
        let candidates = repo::mentor_candidates(&mut conn, req.programme_id).await?;
        let mut scored = Vec::with_capacity(candidates.len());
        for c in candidates {
            // Not themself, nobody either has blocked, and not a mentor the mentee is
            // already matched with (or waiting for) here.
            if c.user_id == req.mentee_id
                || blocks::either_blocked(&mut conn, c.user_id, req.mentee_id).await?
                || repo::open_match_exists(&mut conn, req.programme_id, c.user_id, req.mentee_id)
                    .await?
            {
                continue;
            }
            let schedule = sessions_repo::get_availability(&mut conn, c.user_id)
                .await?
                .and_then(|(a, _)| Schedule::parse(&a).ok());
            let facts = rules::MentorFacts {
                expertise: c.expertise,
                schedule,
                capacity: Capacity {
                    max: c.capacity,
                    accepting: c.accepting,
                    current: c.current,
                },
            };
            let (score, parts) = rules::suggestion_score(&facts, &mentee, week_start);
            scored.push((c.user_id, score, parts, facts.capacity.left()));
        }
        let ids: Vec<UserId> = scored.iter().map(|s| s.0).collect();
        let people = people_of(&mut conn, &ids).await?;
        let mut out: Vec<MatchSuggestion> = scored
            .into_iter()
            .map(|(id, score, parts, left)| MatchSuggestion {
                mentor: person_in(&people, id),
                score,
                parts,
                capacity_left: left,
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| a.mentor.name.cmp(&b.mentor.name))
        });
        Ok(out)
    }
}
