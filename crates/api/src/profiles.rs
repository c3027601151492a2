//! Profiles, photos, onboarding, tags, time zones, the directory and blocking.

use crate::{blocking, Actor, Mentordesk, Result};
use mentordesk_core::media::{self, avatar_data_url};
use mentordesk_core::policy::Command;
use mentordesk_core::{completeness, validate};
use mentordesk_db::profiles::ProfileRecord;
use mentordesk_db::sessions as sessions_repo;
use mentordesk_db::{accounts as users_repo, audit, blocks, profiles as repo, Db};
use mentordesk_shared::access::Permission;
use mentordesk_shared::accounts::OnboardingStatus;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::profiles::*;
use mentordesk_shared::sessions::RatingSummary;
use mentordesk_shared::ApiError;

/// Steps of the onboarding wizard.
pub const ONBOARDING_STEPS: u8 = 4;

impl Mentordesk {
    async fn load_profile(&self, user: UserId) -> Result<ProfileRecord> {
        let mut conn = self.db.read().await?;
        repo::get_profile(&mut conn, user)
            .await?
            .ok_or_else(|| ApiError::not_found("The profile"))
    }

    async fn profile_view(&self, viewer: &Actor, user: UserId) -> Result<ProfileView> {
        let record = self.load_profile(user).await?;
        let (roles, blocked_by_me, rating) = {
            let mut conn = self.db.read().await?;
            let roles = users_repo::roles_of(&mut conn, user).await?;
            let blocked =
                viewer.user != user && blocks::has_blocked(&mut conn, viewer.user, user).await?;
            let rating = sessions_repo::mentor_rating(&mut conn, user).await?;
            (roles, blocked, rating)
        };
        let is_mentor = roles.iter().any(|r| r.key == "mentor");
        let photo = self.files.read_optional(record.photo_file.as_deref());
        let completeness = completeness::assess(&record.fields, photo.is_some(), is_mentor);
        let own = viewer.user == user;
        Ok(ProfileView {
            user_id: user,
            // Contact details of others are for admins and managers only.
            email: if own || viewer.can(Permission::UsersViewAll) {
                record.email
            } else {
                String::new()
            },
            fields: record.fields,
            photo: photo.map(|b| avatar_data_url(&b)),
            roles: roles.into_iter().map(|r| r.name).collect(),
            is_mentor,
            onboarding_status: record.onboarding_status,
            onboarding_step: record.onboarding_step,
            onboarding_completed_at: record.onboarding_completed_at,
            completeness,
            member_since: record.member_since,
            blocked_by_me,
            rating,
        })
    }

    /// One's own profile, or someone else's: mentors are public to the directory; anyone
    /// else to those who may see all users, and to people with something between them
    /// (a connection or a request waiting, a match, a shared session; never across a
    /// block: `core::messaging::profile_visible_between`).
    pub async fn profile_get(&self, req: UserRef) -> Result<ProfileView> {
        let actor = self.require(Command::ProfileGet).await?;
        let target = req.user_id.unwrap_or(actor.user);
        if target != actor.user {
            let is_mentor = {
                let mut conn = self.db.read().await?;
                users_repo::roles_of(&mut conn, target)
                    .await?
                    .iter()
                    .any(|r| r.key == "mentor")
            };
            let mut allowed = actor.can(Permission::UsersViewAll)
                || (is_mentor && actor.can(Permission::DirectoryView));
            if !allowed {
                let mut conn = self.db.read().await?;
                let facts =
                    mentordesk_db::conversations::relationship(&mut conn, actor.user, target)
                        .await?;
                let pending =
                    mentordesk_db::conversations::connection_between(&mut conn, actor.user, target)
                        .await?
                        .is_some_and(|c| {
                            c.status == mentordesk_shared::conversations::ConnectionStatus::Pending
                        });
                allowed = mentordesk_core::messaging::profile_visible_between(facts, pending);
            }
            if !allowed {
                return Err(ApiError::forbidden("You cannot see this person's profile."));
            }
        }
        self.profile_view(&actor, target).await
    }

    pub async fn profile_update(&self, req: ProfileFields) -> Result<ProfileView> {
        let actor = self.require(Command::ProfileUpdate).await?;
        let fields = validate::profile(&req)?;
        let mut tx = self.db.write().await?;
        repo::update_profile(&mut tx, actor.user, &fields, self.now()).await?;
        Db::commit(tx).await?;
        self.profile_view(&actor, actor.user).await
    }

    pub async fn profile_set_photo(&self, req: PhotoUpload) -> Result<ProfileView> {
        let actor = self.require(Command::ProfileSetPhoto).await?;
        let bytes = media::decode_upload(&req.base64, media::PHOTO_MAX_BYTES, "photo")?;
        let avatar = blocking(move || media::avatar_from_upload(&bytes)).await?;
        let stored = self.files.save("photos", "jpg", avatar).await?;
        let previous = self.load_profile(actor.user).await?.photo_file;
        let saved = async {
            let mut tx = self.db.write().await?;
            repo::set_photo(&mut tx, actor.user, Some(&stored), self.now()).await?;
            Db::commit(tx).await
        }
        .await;
        if let Err(e) = saved {
            self.files.remove(&stored).await;
            return Err(e);
        }
        if let Some(old) = previous {
            self.files.remove(&old).await;
        }
        self.profile_view(&actor, actor.user).await
    }

    pub async fn profile_remove_photo(&self) -> Result<ProfileView> {
        let actor = self.require(Command::ProfileRemovePhoto).await?;
        let previous = self.load_profile(actor.user).await?.photo_file;
        let mut tx = self.db.write().await?;
        repo::set_photo(&mut tx, actor.user, None, self.now()).await?;
        Db::commit(tx).await?;
        if let Some(old) = previous {
            self.files.remove(&old).await;
        }
        self.profile_view(&actor, actor.user).await
    }

    /// Records the wizard's progress (seed 001: status, step, completion time).
    pub async fn onboarding_update(&self, req: OnboardingUpdate) -> Result<ProfileView> {
        let actor = self.require(Command::OnboardingUpdate).await?;
        if !(1..=ONBOARDING_STEPS).contains(&req.step) {
            return Err(ApiError::field(
                "step",
                format!("The wizard has steps 1 to {ONBOARDING_STEPS}."),
            ));
        }
        let (status, completed_at) = if req.complete {
            (OnboardingStatus::Completed, Some(self.now()))
        } else {
            (OnboardingStatus::InProgress, None)
        };
        let mut tx = self.db.write().await?;
        repo::set_onboarding(&mut tx, actor.user, status, req.step, completed_at).await?;
        Db::commit(tx).await?;
        self.profile_view(&actor, actor.user).await
    }

    pub async fn tags_list(&self) -> Result<Vec<String>> {
        self.require(Command::TagsList).await?;
        let mut conn = self.db.read().await?;
        repo::list_tags(&mut conn).await
    }

    pub async fn timezones_list(&self) -> Result<Vec<String>> {
        self.authorize(Command::TimezonesList).await?;
        Ok(validate::time_zone_names())
    }

    pub async fn directory_search(&self, req: DirectoryQuery) -> Result<DirectoryPage> {
        self.require(Command::DirectorySearch).await?;
        let req = DirectoryQuery {
            text: validate::search_field("text", &req.text)?,
            expertise: validate::optional_search_field("expertise", req.expertise.as_deref())?,
            time_zone: validate::optional_search_field("time_zone", req.time_zone.as_deref())?,
            accepting_only: req.accepting_only,
        };
        let mut conn = self.db.read().await?;
        let rows = repo::directory(&mut conn, &req).await?;
        let (expertise_tags, time_zones) = repo::directory_facets(&mut conn).await?;
        drop(conn);
        let mentors = rows
            .into_iter()
            .map(|r| MentorCard {
                user_id: r.user_id.parse().expect("ids in the workspace are UUIDs"),
                name: format!("{} {}", r.first_name, r.last_name),
                headline: r.headline,
                photo: self
                    .files
                    .read_optional(r.photo_file.as_deref())
                    .map(|b| avatar_data_url(&b)),
                time_zone: r.time_zone,
                country: r.country,
                city: r.city,
                expertise: r
                    .expertise
                    .map(|e| e.split('\u{1f}').map(str::to_string).collect())
                    .unwrap_or_default(),
                accepting_mentees: r.accepting_mentees,
                supports_new_parents: r.supports_new_parents,
                years_experience: r.years_experience.map(|y| y as u32),
                rating: RatingSummary {
                    count: r.rating_count as u32,
                    total: r.rating_total as u32,
                },
            })
            .collect();
        Ok(DirectoryPage {
            mentors,
            expertise_tags,
            time_zones,
        })
    }

    pub async fn blocks_add(&self, req: UserTarget) -> Result<()> {
        let actor = self.require(Command::BlocksAdd).await?;
        if req.user_id == actor.user {
            return Err(ApiError::field("user_id", "You cannot block yourself."));
        }
        let now = self.now();
        let mut tx = self.db.write().await?;
        users_repo::find_by_id(&mut tx, req.user_id)
            .await?
            .ok_or_else(|| ApiError::not_found("The person"))?;
        if blocks::add(&mut tx, actor.user, req.user_id, now).await? {
            audit::record(
                &mut tx,
                now,
                Some(actor.user),
                "user_blocked",
                Some(req.user_id),
                "",
            )
            .await?;
        }
        Db::commit(tx).await
    }

    pub async fn blocks_remove(&self, req: UserTarget) -> Result<()> {
        let actor = self.require(Command::BlocksRemove).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        if blocks::remove(&mut tx, actor.user, req.user_id).await? {
            audit::record(
                &mut tx,
                now,
                Some(actor.user),
                "user_unblocked",
                Some(req.user_id),
                "",
            )
            .await?;
        }
        Db::commit(tx).await
    }

    pub async fn blocks_list(&self) -> Result<Vec<BlockedUser>> {
        let actor = self.require(Command::BlocksList).await?;
        let mut conn = self.db.read().await?;
        blocks::list(&mut conn, actor.user).await
    }

    /// Whether either user has blocked the other; booking and messaging ask this.
    pub async fn is_blocked_between(&self, a: UserId, b: UserId) -> Result<bool> {
        let mut conn = self.db.read().await?;
        blocks::either_blocked(&mut conn, a, b).await
    }
}
