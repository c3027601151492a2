//! Sessions: booking, proposals, the status machine, lists, the session page,
//! notes, action items and ratings.

use crate::notifications::{plan_reminders, Detail};
use crate::people::{brief, zone};
use crate::scheduling::{busy_from, busy_of, cap_window, has_role, schedule_of, zone_of};
use crate::{Actor, Mentordesk, Result};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use mentordesk_core::booking::{self, Participants};
use mentordesk_core::events::Event;
use mentordesk_core::local_time::slot_text;
use mentordesk_core::local_time::{self, day_start, local_span};
use mentordesk_core::media::avatar_data_url;
use mentordesk_core::policy::Command;
use mentordesk_core::session_status::{self, Party};
use mentordesk_core::slots::Interval;
use mentordesk_db::appointments::{self as people_repo, PersonRecord};
use mentordesk_db::booking::BookingState;
use mentordesk_db::notifications::{self as notes_repo, NewNotification};
use mentordesk_db::sessions::{
    self as repo, ActionItemRecord, EventRecord, NoteRecord, Proposal, RatingRecord, SessionRecord,
};
use mentordesk_db::{blocks, from_millis, to_millis, Db, SqliteConnection};
use mentordesk_shared::conversations::{NotificationKind, Subject};
use mentordesk_shared::ids::{SessionId, UserId};
use mentordesk_shared::scheduling::SessionStatus;
use mentordesk_shared::sessions::*;
use mentordesk_shared::ApiError;

/// What a session page shows besides the session and its participants.
struct SessionParts {
    notes: Vec<NoteRecord>,
    items: Vec<ActionItemRecord>,
    ratings: Vec<RatingRecord>,
    events: Vec<EventRecord>,
}

/// An instant as the workspace stores it (whole milliseconds), so a page built from
/// what was just written equals one read back.
fn stored(at: DateTime<Utc>) -> DateTime<Utc> {
    from_millis(to_millis(at))
}

fn participants(s: &SessionRecord) -> Participants {
    Participants {
        mentor: s.mentor,
        mentee: s.mentee,
    }
}

/// Whether the viewer is the one who has to answer.
fn awaiting(s: &SessionRecord, role: Party) -> bool {
    match (s.status, role) {
        (SessionStatus::Requested, Party::Mentor) | (SessionStatus::Proposed, Party::Mentee) => {
            true
        }
        (SessionStatus::Confirmed, _) => s
            .proposal
            .as_ref()
            .is_some_and(|p| p.by != participants(s).of(role)),
        _ => false,
    }
}

impl Mentordesk {
    /// Loads a session the actor takes part in, with their side; `not_found` otherwise.
    async fn session_for(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: SessionId,
    ) -> Result<(SessionRecord, Party)> {
        let s = repo::get(conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("This session"))?;
        let role = participants(&s).role_of(actor.user)?;
        Ok((s, role))
    }

    pub(crate) async fn session_detail(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: SessionId,
    ) -> Result<SessionDetail> {
        let (s, role) = self.session_for(&mut *conn, actor, id).await?;
        let people = people_repo::people(&mut *conn, &[s.mentor, s.mentee]).await?;
        let parts = SessionParts {
            notes: repo::notes(&mut *conn, id).await?,
            items: repo::action_items(&mut *conn, id).await?,
            ratings: repo::ratings(&mut *conn, id).await?,
            events: repo::events(&mut *conn, id).await?,
        };
        self.detail_of(actor, s, role, &people, parts)
    }

    /// The session page of `s` for `actor`, from its participants and its parts.
    fn detail_of(
        &self,
        actor: &Actor,
        s: SessionRecord,
        role: Party,
        people: &[PersonRecord],
        parts: SessionParts,
    ) -> Result<SessionDetail> {
        let find = |id: UserId| {
            people
                .iter()
                .find(|p| p.id == id)
                .cloned()
                .ok_or_else(|| ApiError::not_found("A participant"))
        };
        let (mentor, mentee) = (find(s.mentor)?, find(s.mentee)?);
        let photo = |p: &PersonRecord| {
            self.files
                .read_optional(p.photo_file.as_deref())
                .map(|b| avatar_data_url(&b))
        };
        let name_of = |id: UserId| {
            if id == mentor.id {
                mentor.name()
            } else if id == mentee.id {
                mentee.name()
            } else {
                "Someone".to_string()
            }
        };
        let me = if role == Party::Mentor {
            &mentor
        } else {
            &mentee
        };
        let other = if role == Party::Mentor {
            &mentee
        } else {
            &mentor
        };
        let viewer = zone(&me.time_zone);
        let now = self.now();
        let pending_by = s
            .proposal
            .as_ref()
            .and_then(|p| participants(&s).role_of(p.by).ok());
        let SessionParts {
            notes,
            items,
            ratings,
            events,
        } = parts;
        let today = local_time::today(viewer, now);
        let person = |id: UserId| {
            if id == mentor.id {
                brief(&mentor, None)
            } else {
                brief(&mentee, None)
            }
        };
        let rated = ratings.iter().any(|r| r.rater == actor.user);
        Ok(SessionDetail {
            session_id: s.id,
            title: s.title.clone(),
            agenda: s.agenda.clone(),
            status: s.status,
            my_role: role,
            mentor: brief(&mentor, photo(&mentor)),
            mentee: brief(&mentee, photo(&mentee)),
            span: local_span(viewer, s.starts_at, s.ends_at),
            other_span: local_span(zone(&other.time_zone), s.starts_at, s.ends_at),
            duration_minutes: (s.ends_at - s.starts_at).num_minutes() as u16,
            meeting_link: s.meeting_link.clone(),
            mentor_notes: s.mentor_notes.clone(),
            pending_proposal: s.proposal.as_ref().map(|p| PendingProposal {
                proposed_by: pending_by.unwrap_or(role.other()),
                proposed_by_name: name_of(p.by),
                span: local_span(viewer, p.starts_at, p.ends_at),
                message: p.message.clone(),
                proposed_at: p.at,
            }),
            allowed_actions: booking::allowed_actions(
                s.status,
                role,
                s.starts_at,
                s.ends_at,
                pending_by,
                now,
            ),
            can_rate: s.status == SessionStatus::Completed && !rated,
            notes: notes
                .into_iter()
                .filter(|n| booking::note_visible(n.author, n.is_private, actor.user))
                .map(|n| SessionNote {
                    note_id: n.id,
                    author: person(n.author),
                    body: n.body,
                    is_private: n.is_private,
                    mine: n.author == actor.user,
                    created_at: n.created_at,
                    updated_at: n.updated_at,
                })
                .collect(),
            action_items: items
                .into_iter()
                .map(|i| ActionItem {
                    item_id: i.id,
                    overdue: i.status != ActionItemStatus::Completed
                        && i.due_date.is_some_and(|d| d < today),
                    title: i.title,
                    description: i.description,
                    assignee: person(i.assignee),
                    created_by: person(i.created_by),
                    due_date: i.due_date,
                    status: i.status,
                    created_at: i.created_at,
                    updated_at: i.updated_at,
                })
                .collect(),
            ratings: ratings
                .into_iter()
                .map(|r| RatingView {
                    rater: person(r.rater),
                    rater_role: r.rater_role,
                    rating: r.rating,
                    comment: r.comment,
                    created_at: r.created_at,
                })
                .collect(),
            history: events
                .into_iter()
                .map(|e| SessionEvent {
                    at: e.at,
                    actor_name: name_of(e.actor),
                    action: e.action,
                    from_status: e.from_status,
                    to_status: e.to_status,
                    message: e.message,
                    span: e.span.map(|(a, b)| local_span(viewer, a, b)),
                })
                .collect(),
            sequence: s.sequence,
            viewer_zone: viewer.name().to_string(),
            created_at: s.created_at,
        })
    }

    async fn detail_after_write(&self, actor: &Actor, id: SessionId) -> Result<SessionDetail> {
        let mut conn = self.db.read().await?;
        self.session_detail(&mut conn, actor, id).await
    }

    /// A mentee books one of a mentor's free slots (seed 003's "book a session").
    pub async fn sessions_request(&self, req: SessionRequest) -> Result<SessionDetail> {
        // The caller check reads in the booking's own transaction (see `decide`).
        let user = self
            .signed_in_user(Command::SessionsRequest)?
            .ok_or_else(|| ApiError::unauthenticated("Please sign in first."))?;
        let now = self.now();
        let valid = booking::validate_request(&req, user, now)?;
        let window = cap_window(valid.starts_at, valid.ends_at);
        let query = mentordesk_db::booking::BookingQuery {
            requester: user,
            mentor: req.mentor_id,
            mentor_window: window,
            slot: (valid.starts_at, valid.ends_at),
        };
        // The check runs inside the transaction, between its read and its insert, on
        // whichever task runs the batch this booking lands in: it owns what it needs.
        let decide = {
            let valid = valid.clone();
            let duration = req.duration_minutes;
            move |state: &BookingState| check_request(state, &valid, duration, now)
        };
        let booked = mentordesk_db::booking::request(
            &self.db,
            mentordesk_db::booking::Booking {
                query,
                decide: Box::new(decide),
                now,
            },
        )
        .await;
        let mentordesk_db::booking::Booked {
            outcome,
            state,
            notified,
        } = booked;
        // The caller check's effect on the backend session (signed out if inactive).
        let actor = match &state {
            Some(state) => self.admit(
                Command::SessionsRequest,
                user,
                state.requester_caller.clone(),
            )?,
            None => Actor {
                user,
                permissions: Vec::new(),
            },
        };
        let viewer = state.as_ref().map_or(chrono_tz::UTC, requester_zone);
        let id = outcome?.ok_or_else(|| {
            ApiError::conflict(format!(
                "The slot {} has just been taken. Choose another one.",
                slot_text(viewer, valid.starts_at, valid.ends_at)
            ))
        })?;
        // Only a stored booking notified anyone.
        self.publish(
            notified
                .into_iter()
                .map(|(nid, n)| {
                    let new = NewNotification {
                        user: n.user,
                        kind: n.kind,
                        title: n.title,
                        body: n.body,
                        subject: Subject::Session(id),
                    };
                    crate::Published::stored(nid, new, now, None)
                })
                .collect(),
        );
        let people = state
            .map(|s| s.people)
            .ok_or_else(|| ApiError::internal("The booking's people were not read."))?;
        let mentor = people
            .mentor
            .ok_or_else(|| ApiError::internal("The booking's mentor was not read."))?;
        let requester = people.requester;
        let event = EventRecord {
            at: now,
            actor: actor.user,
            action: "requested".into(),
            from_status: None,
            to_status: SessionStatus::Requested,
            message: String::new(),
            span: Some((valid.starts_at, valid.ends_at)),
        };
        // The page of the new session, built from exactly what this transaction wrote
        // rather than read back: a new session has no notes, action items or ratings,
        // and one event. (Saves a connection and six statements per booking.)
        let session = SessionRecord {
            id,
            mentor: mentor.id,
            mentee: actor.user,
            title: valid.title.clone(),
            agenda: valid.agenda.clone(),
            starts_at: stored(valid.starts_at),
            ends_at: stored(valid.ends_at),
            status: SessionStatus::Requested,
            meeting_link: String::new(),
            mentor_notes: String::new(),
            proposal: None,
            created_by: actor.user,
            sequence: 0,
            created_at: stored(now),
            updated_at: stored(now),
        };
        let role = participants(&session).role_of(actor.user)?;
        let people: Vec<PersonRecord> = [Some(mentor), requester].into_iter().flatten().collect();
        let parts = SessionParts {
            notes: Vec::new(),
            items: Vec::new(),
            ratings: Vec::new(),
            events: vec![EventRecord {
                at: stored(event.at),
                span: Some((stored(valid.starts_at), stored(valid.ends_at))),
                ..event
            }],
        };
        self.detail_of(&actor, session, role, &people, parts)
    }

    /// A mentor offers a session to a mentee; it holds the time until the mentee answers.
    pub async fn sessions_propose(&self, req: SessionProposal) -> Result<SessionDetail> {
        let actor = self.require(Command::SessionsPropose).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let viewer = zone_of(&mut tx, actor.user).await?;
        let (valid, link) = booking::validate_proposal(&req, actor.user, viewer, now)?;
        let mentee = people_repo::person(&mut tx, req.mentee_id)
            .await?
            .filter(|p| p.is_active);
        let is_mentee = match &mentee {
            Some(m) => {
                has_role(&mut tx, m.id, "mentee").await?
                    || has_role(&mut tx, m.id, "new_parent").await?
            }
            None => false,
        };
        let Some(mentee) = mentee.filter(|_| is_mentee) else {
            return Err(ApiError::field("mentee_id", "Choose a mentee."));
        };
        if blocks::either_blocked(&mut tx, actor.user, mentee.id).await? {
            return Err(ApiError::forbidden(
                "You cannot propose sessions to this person.",
            ));
        }
        let id = repo::insert(
            &mut tx,
            &repo::NewSession {
                mentor: actor.user,
                mentee: mentee.id,
                title: &valid.title,
                agenda: &valid.agenda,
                starts_at: valid.starts_at,
                ends_at: valid.ends_at,
                status: SessionStatus::Proposed,
                meeting_link: &link,
                created_by: actor.user,
            },
            now,
        )
        .await?
        .ok_or_else(|| {
            ApiError::conflict(format!(
                "You or {} already have a session on {}.",
                mentee.name(),
                slot_text(viewer, valid.starts_at, valid.ends_at)
            ))
        })?;
        repo::add_event(
            &mut tx,
            id,
            &EventRecord {
                at: now,
                actor: actor.user,
                action: "proposed".into(),
                from_status: None,
                to_status: SessionStatus::Proposed,
                message: String::new(),
                span: Some((valid.starts_at, valid.ends_at)),
            },
        )
        .await?;
        let event = Event::SessionProposed {
            session: id,
            mentor: actor.user,
            mentee: mentee.id,
        };
        let detail = Detail::Timed {
            title: valid.title.clone(),
            starts_at: valid.starts_at,
            ends_at: valid.ends_at,
        };
        let published = self
            .record(&mut tx, &[(event, detail)], actor.user, now)
            .await?;
        Db::commit(tx).await?;
        self.publish(published);
        self.detail_after_write(&actor, id).await
    }

    /// One step of the status machine (accept, decline, cancel, new times, completion).
    pub async fn sessions_act(&self, req: SessionActionRequest) -> Result<SessionDetail> {
        let actor = self.require(Command::SessionsAct).await?;
        let now = self.now();
        let message = booking::action_message(&req.message)?;
        let mut tx = self.db.write().await?;
        let (s, role) = self.session_for(&mut tx, &actor, req.session_id).await?;
        let people = participants(&s);
        let pending_by = s.proposal.as_ref().and_then(|p| people.role_of(p.by).ok());
        booking::proposal_allows(req.action, role, pending_by)?;
        let next = session_status::next_status(s.status, req.action, role)?;
        session_status::check_timing(req.action, s.starts_at, s.ends_at, now)?;
        let viewer = zone_of(&mut tx, actor.user).await?;

        let mut starts_at = s.starts_at;
        let mut ends_at = s.ends_at;
        let mut proposal: Option<Proposal> = None;
        let mut event_span = None;
        match req.action {
            SessionAction::ProposeNewTime => {
                let (new_start, new_end) =
                    self.new_time(&mut tx, &req, &s, role, viewer, now).await?;
                event_span = Some((new_start, new_end));
                if s.status == SessionStatus::Confirmed {
                    // The other participant answers; the session keeps its time until then.
                    self.check_both_free(&mut tx, &s, new_start, new_end, viewer)
                        .await?;
                    proposal = Some(Proposal {
                        starts_at: new_start,
                        ends_at: new_end,
                        by: actor.user,
                        message: message.clone(),
                        at: now,
                    });
                } else {
                    // A counter-offer to a request or proposal moves it and holds the new time.
                    starts_at = new_start;
                    ends_at = new_end;
                }
            }
            SessionAction::AcceptNewTime => {
                let p = s.proposal.as_ref().expect("proposal_allows checked it");
                if p.starts_at <= now {
                    return Err(ApiError::conflict(
                        "The proposed time has passed. Propose another one.",
                    ));
                }
                starts_at = p.starts_at;
                ends_at = p.ends_at;
                event_span = Some((starts_at, ends_at));
            }
            _ => {}
        }
        let moved = repo::update_state(
            &mut tx,
            s.id,
            next,
            starts_at,
            ends_at,
            proposal.as_ref(),
            now,
        )
        .await?;
        if !moved {
            return Err(ApiError::conflict(format!(
                "{} is no longer free for both of you.",
                slot_text(viewer, starts_at, ends_at)
            )));
        }
        repo::add_event(
            &mut tx,
            s.id,
            &EventRecord {
                at: now,
                actor: actor.user,
                action: req.action.key().to_string(),
                from_status: Some(s.status),
                to_status: next,
                message,
                span: event_span,
            },
        )
        .await?;
        let other = people.of(match role {
            Party::Mentor => Party::Mentee,
            Party::Mentee => Party::Mentor,
        });
        let (by, session) = (actor.user, s.id);
        let event = match req.action {
            SessionAction::Accept => Event::SessionConfirmed { session, by, other },
            SessionAction::Decline => Event::SessionDeclined { session, by, other },
            SessionAction::Cancel => Event::SessionCancelled { session, by, other },
            SessionAction::ProposeNewTime => Event::RescheduleProposed { session, by, other },
            SessionAction::AcceptNewTime | SessionAction::DeclineNewTime => {
                Event::RescheduleAnswered {
                    session,
                    by,
                    other,
                    accepted: req.action == SessionAction::AcceptNewTime,
                }
            }
            SessionAction::Complete | SessionAction::MarkNoShow => Event::SessionEnded { session },
        };
        let (shown_start, shown_end) = event_span.unwrap_or((starts_at, ends_at));
        let detail = Detail::Timed {
            title: s.title.clone(),
            starts_at: shown_start,
            ends_at: shown_end,
        };
        let replan = event.reschedules().is_some();
        let published = self
            .record(&mut tx, &[(event, detail)], actor.user, now)
            .await?;
        if replan {
            self.plan_session_reminders(
                &mut tx,
                s.id,
                next,
                starts_at,
                [people.mentor, people.mentee],
                now,
            )
            .await?;
        }
        Db::commit(tx).await?;
        self.publish(published);
        self.detail_after_write(&actor, s.id).await
    }

    /// Plans the reminders of a session again: for both participants while it is
    /// confirmed and ahead, none otherwise (a cancellation or end removes those not yet
    /// shown; a new time moves them).
    pub(crate) async fn plan_session_reminders(
        &self,
        conn: &mut SqliteConnection,
        session: SessionId,
        status: SessionStatus,
        starts_at: DateTime<Utc>,
        people: [UserId; 2],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let subject = Subject::Session(session);
        notes_repo::clear(conn, subject).await?;
        if status != SessionStatus::Confirmed {
            return Ok(());
        }
        for person in people {
            plan_reminders(conn, person, subject, starts_at, now).await?;
        }
        Ok(())
    }

    /// The new time of a proposal, checked: in the future, 30–180 minutes, and for a
    /// mentee one of the mentor's free slots (the session's own time not counting).
    async fn new_time(
        &self,
        conn: &mut SqliteConnection,
        req: &SessionActionRequest,
        s: &SessionRecord,
        role: Party,
        viewer: Tz,
        now: DateTime<Utc>,
    ) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
        let Some(wall) = &req.new_start else {
            return Err(ApiError::field("new_start", "Choose the new time."));
        };
        let minutes = req
            .new_duration_minutes
            .unwrap_or((s.ends_at - s.starts_at).num_minutes() as u16);
        let length =
            booking::duration(minutes).map_err(|m| ApiError::field("new_duration_minutes", m))?;
        let start = local_time::wall_time_instant(viewer, wall)
            .map_err(|m| ApiError::field("new_start", m))?;
        if start <= now {
            return Err(ApiError::field("new_start", "Choose a time in the future."));
        }
        if start == s.starts_at && start + length == s.ends_at {
            return Err(ApiError::field(
                "new_start",
                "That is the session's current time.",
            ));
        }
        if role == Party::Mentee {
            let schedule = schedule_of(&mut *conn, s.mentor).await?.ok_or_else(|| {
                ApiError::conflict("The mentor has no published availability to choose from.")
            })?;
            let (from, to) = cap_window(start, start + length);
            let busy = busy_of(&mut *conn, s.mentor, from, to, Some(s.id)).await?;
            booking::check_offered(&schedule, &busy, start, minutes, now, viewer)
                .map_err(|e| rename_field(e, "starts_at", "new_start"))?;
        }
        Ok((start, start + length))
    }

    /// A proposed time must not clash with either participant's other sessions.
    async fn check_both_free(
        &self,
        conn: &mut SqliteConnection,
        s: &SessionRecord,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        viewer: Tz,
    ) -> Result<()> {
        let slot = Interval::new(start, end);
        for user in [s.mentor, s.mentee] {
            let busy = busy_of(&mut *conn, user, start, end, Some(s.id)).await?;
            if busy.sessions.iter().any(|i| i.overlaps(&slot)) {
                return Err(ApiError::field(
                    "new_start",
                    format!(
                        "{} clashes with another session.",
                        slot_text(viewer, start, end)
                    ),
                ));
            }
        }
        Ok(())
    }

    pub async fn sessions_list(&self, req: SessionFilter) -> Result<SessionList> {
        let actor = self.require(Command::SessionsList).await?;
        mentordesk_core::validate::dates(&[("from", req.from), ("to", req.to)])?;
        let mut conn = self.db.read().await?;
        let viewer = zone_of(&mut conn, actor.user).await?;
        let now = self.now();
        if let (Some(from), Some(to)) = (req.from, req.to) {
            if to < from {
                return Err(ApiError::field(
                    "to",
                    "The end date is before the start date.",
                ));
            }
        }
        let filter = repo::ListFilter {
            ends_after: (req.scope == SessionScope::Upcoming).then_some(now),
            ends_by: (req.scope == SessionScope::Past).then_some(now),
            starts_from: req.from.map(|d| day_start(viewer, d)),
            starts_before: req
                .to
                .and_then(|d| d.checked_add_signed(Duration::days(1)))
                .map(|d| day_start(viewer, d)),
            statuses: req.statuses.clone(),
            role: req.role,
            newest_first: req.scope != SessionScope::Upcoming,
            limit: req.limit.unwrap_or(100).clamp(1, 500),
        };
        let rows = repo::list_for(&mut conn, actor.user, &filter).await?;
        Ok(SessionList {
            viewer_zone: viewer.name().to_string(),
            sessions: rows
                .into_iter()
                .map(|l| {
                    let s = l.session;
                    let role = if s.mentor == actor.user {
                        Party::Mentor
                    } else {
                        Party::Mentee
                    };
                    let other = if role == Party::Mentor {
                        s.mentee
                    } else {
                        s.mentor
                    };
                    SessionSummary {
                        session_id: s.id,
                        title: s.title.clone(),
                        status: s.status,
                        my_role: role,
                        with: PersonBrief {
                            user_id: other,
                            name: format!("{} {}", l.other_first_name, l.other_last_name),
                            photo: None,
                            time_zone: l.other_time_zone,
                        },
                        span: local_span(viewer, s.starts_at, s.ends_at),
                        duration_minutes: (s.ends_at - s.starts_at).num_minutes() as u16,
                        has_pending_proposal: s.proposal.is_some(),
                        awaiting_me: awaiting(&s, role),
                    }
                })
                .collect(),
        })
    }

    pub async fn sessions_get(&self, req: SessionRef) -> Result<SessionDetail> {
        let actor = self.require(Command::SessionsGet).await?;
        let mut conn = self.db.read().await?;
        self.session_detail(&mut conn, &actor, req.session_id).await
    }

    /// Meeting link and agenda (either participant); the mentor's notes (mentor only).
    pub async fn sessions_edit(&self, req: SessionEdit) -> Result<SessionDetail> {
        let actor = self.require(Command::SessionsEdit).await?;
        let mut tx = self.db.write().await?;
        let (s, role) = self.session_for(&mut tx, &actor, req.session_id).await?;
        let mut errors = mentordesk_shared::error::FieldErrors::new();
        let link = match &req.meeting_link {
            Some(l) => errors.check("meeting_link", booking::meeting_link(l)),
            None => Some(s.meeting_link.clone()),
        };
        let agenda = match &req.agenda {
            Some(a) => errors.check(
                "agenda",
                mentordesk_core::validate::optional_text(a, AGENDA_MAX),
            ),
            None => Some(s.agenda.clone()),
        };
        let notes = match &req.mentor_notes {
            Some(_) if role != Party::Mentor => {
                return Err(ApiError::forbidden(
                    "Only the mentor writes the mentor's notes.",
                ))
            }
            Some(n) => errors.check(
                "mentor_notes",
                mentordesk_core::validate::optional_text(n, NOTE_MAX),
            ),
            None => Some(s.mentor_notes.clone()),
        };
        errors.into_result()?;
        repo::update_details(
            &mut tx,
            s.id,
            &link.expect("checked"),
            &agenda.expect("checked"),
            &notes.expect("checked"),
            self.now(),
        )
        .await?;
        Db::commit(tx).await?;
        self.detail_after_write(&actor, s.id).await
    }

    /// Seed 004: each participant rates 1–5 once, after completion.
    pub async fn sessions_rate(&self, req: RatingInput) -> Result<SessionDetail> {
        let actor = self.require(Command::SessionsRate).await?;
        let mut tx = self.db.write().await?;
        let (s, role) = self.session_for(&mut tx, &actor, req.session_id).await?;
        let already = repo::ratings(&mut tx, s.id)
            .await?
            .iter()
            .any(|r| r.rater == actor.user);
        let comment = booking::validate_rating(s.status, already, req.rating, &req.comment)?;
        let rated = participants(&s).of(role.other());
        repo::add_rating(
            &mut tx,
            s.id,
            actor.user,
            rated,
            role,
            req.rating,
            &comment,
            self.now(),
        )
        .await?;
        Db::commit(tx).await?;
        self.detail_after_write(&actor, s.id).await
    }

    pub async fn notes_add(&self, req: NoteInput) -> Result<SessionDetail> {
        let actor = self.require(Command::NotesAdd).await?;
        let body = booking::note_body(&req.body)?;
        let mut tx = self.db.write().await?;
        let (s, _) = self.session_for(&mut tx, &actor, req.session_id).await?;
        repo::add_note(&mut tx, s.id, actor.user, &body, req.is_private, self.now()).await?;
        Db::commit(tx).await?;
        self.detail_after_write(&actor, s.id).await
    }

    pub async fn notes_edit(&self, req: NoteEdit) -> Result<SessionDetail> {
        let actor = self.require(Command::NotesEdit).await?;
        let body = booking::note_body(&req.body)?;
        let mut tx = self.db.write().await?;
        let note = self.own_note(&mut tx, &actor, req.note_id).await?;
        repo::edit_note(&mut tx, note.id, &body, self.now()).await?;
        Db::commit(tx).await?;
        self.detail_after_write(&actor, note.session).await
    }

    pub async fn notes_delete(&self, req: NoteRef) -> Result<SessionDetail> {
        let actor = self.require(Command::NotesDelete).await?;
        let mut tx = self.db.write().await?;
        let note = self.own_note(&mut tx, &actor, req.note_id).await?;
        repo::delete_note(&mut tx, note.id).await?;
        Db::commit(tx).await?;
        self.detail_after_write(&actor, note.session).await
    }

    /// A note the actor may change: visible to them (not someone else's private note)
    /// and their own.
    async fn own_note(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: mentordesk_shared::ids::NoteId,
    ) -> Result<repo::NoteRecord> {
        let note = repo::get_note(&mut *conn, id)
            .await?
            .filter(|n| booking::note_visible(n.author, n.is_private, actor.user))
            .ok_or_else(|| ApiError::not_found("This note"))?;
        self.session_for(&mut *conn, actor, note.session).await?;
        booking::check_note_author(note.author, actor.user)?;
        Ok(note)
    }

    /// An action item of a session the actor takes part in, with that session.
    async fn action_item_for(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: mentordesk_shared::ids::ActionItemId,
    ) -> Result<(repo::ActionItemRecord, SessionRecord)> {
        let item = repo::get_action_item(&mut *conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("This action item"))?;
        let (s, _) = self.session_for(conn, actor, item.session).await?;
        Ok((item, s))
    }

    pub async fn action_items_add(&self, req: ActionItemInput) -> Result<SessionDetail> {
        let actor = self.require(Command::ActionItemsAdd).await?;
        let mut tx = self.db.write().await?;
        let (s, _) = self.session_for(&mut tx, &actor, req.session_id).await?;
        let valid = booking::validate_action_item(
            &req.title,
            &req.description,
            req.assignee_id,
            req.due_date,
            &participants(&s),
        )?;
        repo::add_action_item(
            &mut tx,
            s.id,
            actor.user,
            &item_fields(&valid, req.assignee_id, ActionItemStatus::Pending),
            self.now(),
        )
        .await?;
        Db::commit(tx).await?;
        self.detail_after_write(&actor, s.id).await
    }

    pub async fn action_items_edit(&self, req: ActionItemEdit) -> Result<SessionDetail> {
        let actor = self.require(Command::ActionItemsEdit).await?;
        let mut tx = self.db.write().await?;
        let (item, s) = self.action_item_for(&mut tx, &actor, req.item_id).await?;
        let valid = booking::validate_action_item(
            &req.title,
            &req.description,
            req.assignee_id,
            req.due_date,
            &participants(&s),
        )?;
        repo::edit_action_item(
            &mut tx,
            item.id,
            &item_fields(&valid, req.assignee_id, req.status),
            self.now(),
        )
        .await?;
        Db::commit(tx).await?;
        self.detail_after_write(&actor, s.id).await
    }

    /// Either participant may remove an action item of their session.
    pub async fn action_items_delete(&self, req: ActionItemRef) -> Result<SessionDetail> {
        let actor = self.require(Command::ActionItemsDelete).await?;
        let mut tx = self.db.write().await?;
        let (item, s) = self.action_item_for(&mut tx, &actor, req.item_id).await?;
        repo::delete_action_item(&mut tx, item.id).await?;
        Db::commit(tx).await?;
        self.detail_after_write(&actor, s.id).await
    }
}

fn item_fields(
    valid: &booking::ValidActionItem,
    assignee: UserId,
    status: ActionItemStatus,
) -> repo::ActionItemFields<'_> {
    repo::ActionItemFields {
        assignee,
        title: &valid.title,
        description: &valid.description,
        due_date: valid.due_date,
        status,
    }
}

/// Moves a field error to the name the request used.
fn rename_field(mut e: ApiError, from: &str, to: &str) -> ApiError {
    for f in &mut e.fields {
        if f.field == from {
            f.field = to.to_string();
        }
    }
    e
}

/// The requester's zone, as the booking read it (UTC if unknown).
fn requester_zone(state: &BookingState) -> Tz {
    state
        .people
        .requester
        .as_ref()
        .and_then(|p| p.time_zone.parse().ok())
        .unwrap_or(chrono_tz::UTC)
}

/// A mentee's request, checked against what its transaction read: the caller's access,
/// an active mentor, no block either way, a slot the mentor offers (availability, busy
/// time and buffers, notice, caps, horizon) and nothing of the mentee's own at that time.
fn check_request(
    state: &BookingState,
    valid: &booking::ValidRequest,
    duration_minutes: u16,
    now: DateTime<Utc>,
) -> Result<mentordesk_db::booking::Requested> {
    crate::admission(Command::SessionsRequest, state.requester_caller.clone())?;
    let people = &state.people;
    let mentor = people
        .mentor
        .as_ref()
        .filter(|p| p.is_active && people.mentor_is_mentor)
        .ok_or_else(|| ApiError::field("mentor_id", "Choose an active mentor."))?;
    if people.blocked {
        return Err(ApiError::forbidden(
            "You cannot book sessions with this person.",
        ));
    }
    let availability = state.availability.as_ref().ok_or_else(|| {
        ApiError::conflict(format!(
            "{} has not published availability yet.",
            mentor.name()
        ))
    })?;
    let schedule = mentordesk_core::slots::Schedule::parse(availability)?;
    let viewer = requester_zone(state);
    let busy = busy_from(state.mentor_busy.clone(), None);
    booking::check_offered(
        &schedule,
        &busy,
        valid.starts_at,
        duration_minutes,
        now,
        viewer,
    )?;
    let own = busy_from(state.requester_busy.clone(), None);
    let slot = Interval::new(valid.starts_at, valid.ends_at);
    if own
        .sessions
        .iter()
        .chain(&own.blocks)
        .any(|i| i.overlaps(&slot))
    {
        return Err(ApiError::conflict(format!(
            "You already have something on {}.",
            slot_text(viewer, valid.starts_at, valid.ends_at)
        )));
    }
    // The mentor hears of it, in their own zone.
    let mentor_zone: Tz = mentor.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let requester = people
        .requester
        .as_ref()
        .map(PersonRecord::name)
        .unwrap_or_else(|| "A mentee".into());
    Ok(mentordesk_db::booking::Requested {
        title: valid.title.clone(),
        agenda: valid.agenda.clone(),
        starts_at: valid.starts_at,
        ends_at: valid.ends_at,
        notify: vec![mentordesk_db::booking::Notice {
            user: mentor.id,
            kind: NotificationKind::BookingRequest,
            title: format!("{requester} asked for a session"),
            body: format!(
                "{} · {}",
                valid.title,
                slot_text(mentor_zone, valid.starts_at, valid.ends_at)
            ),
        }],
    })
}
