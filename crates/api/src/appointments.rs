//! Group appointments (seed 002), calendar files and the people lookup.

use crate::notifications::{plan_reminders, Detail};
use crate::people::brief;
use crate::scheduling::zone_of;
use crate::{Actor, Mentordesk, Result};
use chrono_tz::Tz;
use mentordesk_core::booking;
use mentordesk_core::events::Event;
use mentordesk_core::ics::{self, PartStat, Person, Status};
use mentordesk_core::local_time::local_span;
use mentordesk_core::policy::Command;
use mentordesk_db::appointments::{self as repo, AppointmentRecord, PersonRecord};
use mentordesk_db::notifications as notes_repo;
use mentordesk_db::sessions::{self as sessions_repo, SessionRecord};
use mentordesk_db::{blocks, Db, SqliteConnection};
use mentordesk_shared::access::BuiltinRole;
use mentordesk_shared::conversations::Subject;
use mentordesk_shared::ids::{AppointmentId, UserId};
use mentordesk_shared::scheduling::SessionStatus;
use mentordesk_shared::sessions::*;
use mentordesk_shared::ApiError;

fn ics_person(p: &PersonRecord) -> Person {
    Person {
        name: p.name(),
        email: p.email.clone(),
    }
}

fn session_event(
    s: &SessionRecord,
    mentor: &PersonRecord,
    mentee: &PersonRecord,
    tz: Tz,
) -> ics::Event {
    let mentee_state = match s.status {
        SessionStatus::Proposed => PartStat::NeedsAction,
        SessionStatus::Declined => PartStat::Declined,
        _ => PartStat::Accepted,
    };
    let mut description = format!(
        "Mentoring session: {} with {}.",
        mentor.name(),
        mentee.name()
    );
    if !s.agenda.is_empty() {
        description.push_str("\n\nAgenda:\n");
        description.push_str(&s.agenda);
    }
    ics::Event {
        uid: format!("session-{}@mentordesk", s.id),
        sequence: s.sequence,
        summary: s.title.clone(),
        description,
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        zone: tz,
        status: match s.status {
            SessionStatus::Requested | SessionStatus::Proposed => Status::Tentative,
            SessionStatus::Confirmed | SessionStatus::Completed | SessionStatus::NoShow => {
                Status::Confirmed
            }
            SessionStatus::Declined | SessionStatus::Cancelled => Status::Cancelled,
        },
        organizer: ics_person(mentor),
        attendees: vec![(ics_person(mentee), mentee_state)],
        meeting_link: s.meeting_link.clone(),
        created_at: s.created_at,
        updated_at: s.updated_at,
    }
}

fn appointment_event(a: &AppointmentRecord, people: &[PersonRecord], tz: Tz) -> Option<ics::Event> {
    let organiser = people.iter().find(|p| p.id == a.organiser)?;
    Some(ics::Event {
        uid: format!("appointment-{}@mentordesk", a.id),
        sequence: a.sequence,
        summary: a.title.clone(),
        description: a.description.clone(),
        starts_at: a.starts_at,
        ends_at: a.ends_at,
        zone: tz,
        status: match a.status {
            AppointmentStatus::Scheduled => Status::Confirmed,
            AppointmentStatus::Cancelled => Status::Cancelled,
        },
        organizer: ics_person(organiser),
        attendees: a
            .attendees
            .iter()
            .filter_map(|t| {
                let p = people.iter().find(|p| p.id == t.user)?;
                let state = match t.response {
                    AttendeeResponse::Pending => PartStat::NeedsAction,
                    AttendeeResponse::Accepted => PartStat::Accepted,
                    AttendeeResponse::Declined => PartStat::Declined,
                };
                Some((ics_person(p), state))
            })
            .collect(),
        meeting_link: a.meeting_link.clone(),
        created_at: a.created_at,
        updated_at: a.updated_at,
    })
}

fn everyone_in(a: &AppointmentRecord) -> Vec<UserId> {
    std::iter::once(a.organiser)
        .chain(a.attendees.iter().map(|t| t.user))
        .collect()
}

/// Everyone in `records`, read in as few statements as possible.
async fn people_in(
    conn: &mut SqliteConnection,
    records: &[AppointmentRecord],
) -> Result<Vec<PersonRecord>> {
    people_of(conn, records.iter().flat_map(everyone_in)).await
}

async fn people_of(
    conn: &mut SqliteConnection,
    ids: impl Iterator<Item = UserId>,
) -> Result<Vec<PersonRecord>> {
    let mut ids: Vec<UserId> = ids.collect();
    ids.sort();
    ids.dedup();
    let mut people = Vec::with_capacity(ids.len());
    // SQLite allows a few hundred bound values per statement comfortably.
    for chunk in ids.chunks(500) {
        people.extend(repo::people(&mut *conn, chunk).await?);
    }
    Ok(people)
}

impl Mentordesk {
    /// An appointment as the viewer sees it; `people` holds at least everyone in it.
    fn appointment_view(
        actor: &Actor,
        a: &AppointmentRecord,
        people: &[PersonRecord],
        viewer: Tz,
    ) -> Result<AppointmentView> {
        let find = |id: UserId| people.iter().find(|p| p.id == id);
        let organiser = find(a.organiser).ok_or_else(|| ApiError::not_found("The organiser"))?;
        Ok(AppointmentView {
            appointment_id: a.id,
            title: a.title.clone(),
            description: a.description.clone(),
            organiser: brief(organiser, None),
            span: local_span(viewer, a.starts_at, a.ends_at),
            duration_minutes: (a.ends_at - a.starts_at).num_minutes() as u16,
            meeting_link: a.meeting_link.clone(),
            status: a.status,
            attendees: a
                .attendees
                .iter()
                .filter_map(|t| {
                    Some(AttendeeView {
                        person: brief(find(t.user)?, None),
                        response: t.response,
                        responded_at: t.responded_at,
                    })
                })
                .collect(),
            i_organise: a.organiser == actor.user,
            my_response: a
                .attendees
                .iter()
                .find(|t| t.user == actor.user)
                .map(|t| t.response),
            sequence: a.sequence,
            created_at: a.created_at,
            updated_at: a.updated_at,
        })
    }

    /// An appointment the actor organises or is invited to; `not_found` otherwise.
    async fn appointment_for(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: AppointmentId,
    ) -> Result<AppointmentRecord> {
        repo::get(conn, id)
            .await?
            .filter(|a| everyone_in(a).contains(&actor.user))
            .ok_or_else(|| ApiError::not_found("This appointment"))
    }

    async fn appointment_after_write(
        &self,
        actor: &Actor,
        id: AppointmentId,
    ) -> Result<AppointmentView> {
        let mut conn = self.db.read().await?;
        let a = self.appointment_for(&mut conn, actor, id).await?;
        let viewer = zone_of(&mut conn, actor.user).await?;
        let people = repo::people(&mut conn, &everyone_in(&a)).await?;
        Self::appointment_view(actor, &a, &people, viewer)
    }

    pub async fn appointments_create(&self, req: AppointmentInput) -> Result<AppointmentView> {
        let actor = self.require(Command::AppointmentsCreate).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let viewer = zone_of(&mut tx, actor.user).await?;
        let valid = booking::validate_appointment(&req, actor.user, viewer, now)?;
        let people = repo::people(&mut tx, &valid.attendees).await?;
        let missing = valid
            .attendees
            .iter()
            .any(|id| !people.iter().any(|p| p.id == *id && p.is_active));
        if missing {
            return Err(ApiError::field(
                "attendee_ids",
                "Some of the people invited are not active in this workspace.",
            ));
        }
        for p in &people {
            if blocks::either_blocked(&mut tx, actor.user, p.id).await? {
                return Err(ApiError::field(
                    "attendee_ids",
                    format!("You cannot invite {}.", p.name()),
                ));
            }
        }
        let id = repo::create(
            &mut tx,
            &repo::NewAppointment {
                organiser: actor.user,
                title: &valid.title,
                description: &valid.description,
                starts_at: valid.starts_at,
                ends_at: valid.ends_at,
                meeting_link: &valid.meeting_link,
                attendees: &valid.attendees,
            },
            now,
        )
        .await?;
        let event = Event::AppointmentScheduled {
            appointment: id,
            organiser: actor.user,
            attendees: valid.attendees.clone(),
        };
        let detail = Detail::Timed {
            title: valid.title.clone(),
            starts_at: valid.starts_at,
            ends_at: valid.ends_at,
        };
        let published = self
            .record(&mut tx, &[(event, detail)], actor.user, now)
            .await?;
        self.plan_appointment_reminders(&mut tx, id, now).await?;
        Db::commit(tx).await?;
        self.publish(published);
        self.appointment_after_write(&actor, id).await
    }

    /// Plans an appointment's reminders again: for the organiser and everyone who
    /// accepted, while it is scheduled and ahead.
    pub(crate) async fn plan_appointment_reminders(
        &self,
        conn: &mut SqliteConnection,
        id: AppointmentId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let subject = Subject::Appointment(id);
        notes_repo::clear(conn, subject).await?;
        let Some(a) = repo::get(conn, id).await? else {
            return Ok(());
        };
        if a.status != AppointmentStatus::Scheduled {
            return Ok(());
        }
        let going = std::iter::once(a.organiser).chain(
            a.attendees
                .iter()
                .filter(|x| x.response == AttendeeResponse::Accepted)
                .map(|x| x.user),
        );
        for person in going {
            plan_reminders(conn, person, subject, a.starts_at, now).await?;
        }
        Ok(())
    }

    pub async fn appointments_list(&self, req: AppointmentFilter) -> Result<AppointmentList> {
        let actor = self.require(Command::AppointmentsList).await?;
        let now = self.now();
        let mut conn = self.db.read().await?;
        let viewer = zone_of(&mut conn, actor.user).await?;
        let (after, by) = match req.scope {
            SessionScope::Upcoming => (Some(now), None),
            SessionScope::Past => (None, Some(now)),
            SessionScope::All => (None, None),
        };
        let records = repo::list_for(&mut conn, actor.user, after, by, 200).await?;
        let people = people_in(&mut conn, &records).await?;
        let appointments = records
            .iter()
            .map(|a| Self::appointment_view(&actor, a, &people, viewer))
            .collect::<Result<Vec<_>>>()?;
        Ok(AppointmentList {
            viewer_zone: viewer.name().to_string(),
            appointments,
        })
    }

    /// An attendee accepts or declines; the response time is kept (seed 002).
    pub async fn appointments_respond(&self, req: AppointmentResponse) -> Result<AppointmentView> {
        let actor = self.require(Command::AppointmentsRespond).await?;
        if req.response == AttendeeResponse::Pending {
            return Err(ApiError::field(
                "response",
                "Accept or decline the invitation.",
            ));
        }
        let now = self.now();
        let mut tx = self.db.write().await?;
        let a = self
            .appointment_for(&mut tx, &actor, req.appointment_id)
            .await?;
        if a.status == AppointmentStatus::Cancelled {
            return Err(ApiError::conflict("This appointment was cancelled."));
        }
        if a.ends_at <= now {
            return Err(ApiError::conflict("This appointment is over."));
        }
        if !repo::respond(&mut tx, a.id, actor.user, req.response, now).await? {
            return Err(ApiError::forbidden(
                "Only invited people answer an invitation.",
            ));
        }
        self.plan_appointment_reminders(&mut tx, a.id, now).await?;
        Db::commit(tx).await?;
        self.appointment_after_write(&actor, a.id).await
    }

    pub async fn appointments_cancel(&self, req: AppointmentRef) -> Result<AppointmentView> {
        let actor = self.require(Command::AppointmentsCancel).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let a = self
            .appointment_for(&mut tx, &actor, req.appointment_id)
            .await?;
        if a.organiser != actor.user {
            return Err(ApiError::forbidden(
                "Only the organiser cancels an appointment.",
            ));
        }
        if a.status == AppointmentStatus::Cancelled {
            return Err(ApiError::conflict("This appointment is already cancelled."));
        }
        if a.ends_at <= now {
            return Err(ApiError::conflict("This appointment is over."));
        }
        repo::cancel(&mut tx, a.id, now).await?;
        let event = Event::AppointmentCancelled {
            appointment: a.id,
            organiser: actor.user,
            attendees: a.attendees.iter().map(|x| x.user).collect(),
        };
        let detail = Detail::Timed {
            title: a.title.clone(),
            starts_at: a.starts_at,
            ends_at: a.ends_at,
        };
        let published = self
            .record(&mut tx, &[(event, detail)], actor.user, now)
            .await?;
        self.plan_appointment_reminders(&mut tx, a.id, now).await?;
        Db::commit(tx).await?;
        self.publish(published);
        self.appointment_after_write(&actor, a.id).await
    }

    async fn save_calendar(
        &self,
        title: &str,
        date: chrono::NaiveDate,
        events: &[ics::Event],
    ) -> Result<SavedCalendar> {
        let text = ics::calendar(title, events, self.now());
        let file_name = ics::file_name(title, date);
        let path = self
            .files
            .save_download(&self.downloads_dir, &file_name, text.into_bytes())
            .await?;
        Ok(SavedCalendar {
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or(file_name),
            path: path.display().to_string(),
            events: events.len() as u32,
        })
    }

    pub async fn calendar_export_session(&self, req: SessionRef) -> Result<SavedCalendar> {
        let actor = self.require(Command::CalendarExportSession).await?;
        let (event, title, date) = {
            let mut conn = self.db.read().await?;
            let s = sessions_repo::get(&mut conn, req.session_id)
                .await?
                .filter(|s| s.mentor == actor.user || s.mentee == actor.user)
                .ok_or_else(|| ApiError::not_found("This session"))?;
            let people = repo::people(&mut conn, &[s.mentor, s.mentee]).await?;
            let (Some(mentor), Some(mentee)) = (
                people.iter().find(|p| p.id == s.mentor),
                people.iter().find(|p| p.id == s.mentee),
            ) else {
                return Err(ApiError::not_found("A participant"));
            };
            let viewer = zone_of(&mut conn, actor.user).await?;
            let date = s.starts_at.with_timezone(&viewer).date_naive();
            (
                session_event(&s, mentor, mentee, viewer),
                s.title.clone(),
                date,
            )
        };
        self.save_calendar(&title, date, &[event]).await
    }

    pub async fn calendar_export_appointment(&self, req: AppointmentRef) -> Result<SavedCalendar> {
        let actor = self.require(Command::CalendarExportAppointment).await?;
        let (event, title, date) = {
            let mut conn = self.db.read().await?;
            let a = self
                .appointment_for(&mut conn, &actor, req.appointment_id)
                .await?;
            let people = repo::people(&mut conn, &everyone_in(&a)).await?;
            let viewer = zone_of(&mut conn, actor.user).await?;
            let event = appointment_event(&a, &people, viewer)
                .ok_or_else(|| ApiError::not_found("The organiser"))?;
            (
                event,
                a.title.clone(),
                a.starts_at.with_timezone(&viewer).date_naive(),
            )
        };
        self.save_calendar(&title, date, &[event]).await
    }

    /// Every session and appointment of the caller in one calendar file.
    pub async fn calendar_export_all(&self) -> Result<SavedCalendar> {
        let actor = self.require(Command::CalendarExportAll).await?;
        let now = self.now();
        let (events, date) = {
            let mut conn = self.db.read().await?;
            let viewer = zone_of(&mut conn, actor.user).await?;
            let sessions = sessions_repo::list_for(
                &mut conn,
                actor.user,
                &sessions_repo::ListFilter {
                    newest_first: true,
                    limit: 10_000,
                    ..sessions_repo::ListFilter::default()
                },
            )
            .await?;
            let appointments = repo::list_for(&mut conn, actor.user, None, None, 10_000).await?;
            let ids = sessions
                .iter()
                .flat_map(|l| [l.session.mentor, l.session.mentee])
                .chain(appointments.iter().flat_map(everyone_in));
            let people = people_of(&mut conn, ids).await?;
            let find = |id: UserId| people.iter().find(|p| p.id == id);
            let mut events: Vec<ics::Event> = sessions
                .iter()
                .filter_map(|l| {
                    let s = &l.session;
                    Some(session_event(s, find(s.mentor)?, find(s.mentee)?, viewer))
                })
                .collect();
            events.extend(
                appointments
                    .iter()
                    .filter_map(|a| appointment_event(a, &people, viewer)),
            );
            events.sort_by_key(|e| e.starts_at);
            (events, now.with_timezone(&viewer).date_naive())
        };
        self.save_calendar("Mentordesk sessions", date, &events)
            .await
    }

    pub async fn people_search(&self, req: PeopleQuery) -> Result<Vec<PersonResult>> {
        let actor = self.require(Command::PeopleSearch).await?;
        let role = match req.role.as_deref().filter(|r| !r.is_empty()) {
            Some(key) => Some(
                BuiltinRole::from_key(key)
                    .ok_or_else(|| ApiError::field("role", "Choose a known role."))?
                    .key(),
            ),
            None => None,
        };
        if req.query.chars().count() > 100 {
            return Err(ApiError::field("query", "Use at most 100 characters."));
        }
        let query = mentordesk_core::validate::search_field("query", &req.query)?;
        let mut conn = self.db.read().await?;
        let found = repo::search_people(&mut conn, &query, role, 21).await?;
        let mut out = Vec::new();
        for (person, roles) in found {
            if person.id == actor.user
                || blocks::either_blocked(&mut conn, actor.user, person.id).await?
            {
                continue;
            }
            out.push(PersonResult {
                person: brief(&person, None),
                roles,
            });
        }
        out.truncate(20);
        Ok(out)
    }
}
