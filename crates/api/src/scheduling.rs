//! Availability, the week view and the slot finder.

use crate::{Actor, Mentordesk, Result};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use mentordesk_core::local_time::{self, day_start, local_span, split_at_midnights};
use mentordesk_core::policy::Command;
use mentordesk_core::slots::{self, Busy, Interval, Schedule};
use mentordesk_core::validate;
use mentordesk_db::{accounts as users_repo, appointments as people_repo, Db};
use mentordesk_db::{sessions as repo, SqliteConnection};
use mentordesk_shared::ids::{SessionId, UserId};
use mentordesk_shared::scheduling::*;
use mentordesk_shared::ApiError;

/// The zone a person reads times in: their profile's, or UTC if it is unknown.
pub(crate) async fn zone_of(conn: &mut SqliteConnection, user: UserId) -> Result<Tz> {
    let person = people_repo::person(conn, user).await?;
    Ok(person
        .and_then(|p| p.time_zone.parse().ok())
        .unwrap_or(chrono_tz::UTC))
}

pub(crate) async fn has_role(conn: &mut SqliteConnection, user: UserId, key: &str) -> Result<bool> {
    Ok(users_repo::roles_of(conn, user)
        .await?
        .iter()
        .any(|r| r.key == key))
}

/// A mentor's parsed schedule, if they published one.
pub(crate) async fn schedule_of(
    conn: &mut SqliteConnection,
    mentor: UserId,
) -> Result<Option<Schedule>> {
    match repo::get_availability(conn, mentor).await? {
        Some((availability, _)) => Ok(Some(Schedule::parse(&availability)?)),
        None => Ok(None),
    }
}

/// Everything that occupies `user` between `from` and `to`: sessions on either side
/// (buffers apply to them) and scheduled appointments they organise or accepted.
/// `except` leaves one session out (when that session looks for a new time).
pub(crate) async fn busy_of(
    conn: &mut SqliteConnection,
    user: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    except: Option<SessionId>,
) -> Result<Busy> {
    Ok(busy_from(
        repo::occupied(conn, user, from, to).await?,
        except,
    ))
}

/// Busy time from what the database read: sessions (buffers apply) and appointments.
pub(crate) fn busy_from(
    (sessions, appointments): mentordesk_db::booking::Occupied,
    except: Option<SessionId>,
) -> Busy {
    Busy {
        sessions: sessions
            .into_iter()
            .filter(|s| Some(s.id) != except)
            .map(|s| Interval::new(s.starts_at, s.ends_at))
            .collect(),
        blocks: appointments
            .into_iter()
            .map(|(s, e)| Interval::new(s, e))
            .collect(),
    }
}

/// The window of busy time a check around `[start, end)` needs: caps count a whole
/// local week, so a little over a week either side (clipped to what chrono represents).
pub(crate) fn cap_window(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        start
            .checked_sub_signed(Duration::days(8))
            .unwrap_or(DateTime::<Utc>::MIN_UTC),
        end.checked_add_signed(Duration::days(8))
            .unwrap_or(DateTime::<Utc>::MAX_UTC),
    )
}

/// `date` plus `days`, or a field error where the calendar runs out (requests' dates are
/// checked to lie in `validate::date`'s years first, so this is a second line of defence).
fn days_after(date: NaiveDate, days: u16, field: &str) -> Result<NaiveDate> {
    date.checked_add_signed(Duration::days(i64::from(days)))
        .ok_or_else(|| ApiError::field(field, validate::date(NaiveDate::MAX).unwrap_err()))
}

impl Mentordesk {
    pub async fn availability_get(&self) -> Result<AvailabilityView> {
        let actor = self.require(Command::AvailabilityGet).await?;
        let mut conn = self.db.read().await?;
        match repo::get_availability(&mut conn, actor.user).await? {
            Some((availability, updated_at)) => Ok(AvailabilityView {
                availability,
                published: true,
                updated_at: Some(updated_at),
            }),
            None => {
                let zone = zone_of(&mut conn, actor.user).await?;
                Ok(AvailabilityView {
                    availability: Availability {
                        time_zone: zone.name().to_string(),
                        weekly: Vec::new(),
                        exceptions: Vec::new(),
                        settings: BookingSettings::default(),
                    },
                    published: false,
                    updated_at: None,
                })
            }
        }
    }

    pub async fn availability_save(&self, req: Availability) -> Result<AvailabilityView> {
        let actor = self.require(Command::AvailabilitySave).await?;
        if let Some(e) = req
            .exceptions
            .iter()
            .find(|e| !validate::date_in_range(e.date))
        {
            return Err(ApiError::field(
                "exceptions",
                format!(
                    "{}: {}",
                    e.date,
                    validate::date(e.date).expect_err("out of range")
                ),
            ));
        }
        let schedule = Schedule::parse(&req)?;
        let mut clean = req.clone();
        clean.time_zone = schedule.time_zone().name().to_string();
        clean.settings.durations.sort_unstable();
        clean.settings.durations.dedup();
        clean
            .weekly
            .sort_by_key(|r| (r.weekday.num_days_from_monday(), r.start));
        clean.exceptions.sort_by_key(|e| (e.date, e.start));
        let now = self.now();
        let mut tx = self.db.write().await?;
        repo::save_availability(&mut tx, actor.user, &clean, now).await?;
        Db::commit(tx).await?;
        Ok(AvailabilityView {
            availability: clean,
            published: true,
            updated_at: Some(now),
        })
    }

    pub async fn availability_week(&self, req: WeekQuery) -> Result<WeekView> {
        let actor = self.require(Command::AvailabilityWeek).await?;
        validate::dates(&[("week_of", req.week_of)])?;
        let mut conn = self.db.read().await?;
        let viewer = zone_of(&mut conn, actor.user).await?;
        let now = self.now();
        let week_start =
            local_time::week_start(req.week_of.unwrap_or(local_time::today(viewer, now)));
        let from = day_start(viewer, week_start);
        let to = day_start(viewer, days_after(week_start, 7, "week_of")?);
        let schedule = schedule_of(&mut conn, actor.user).await?;
        let mentor_zone = schedule
            .as_ref()
            .map(|s| s.time_zone().name().to_string())
            .unwrap_or_else(|| viewer.name().to_string());
        let available = match &schedule {
            Some(s) => slots::available_hours(s, from, to)
                .into_iter()
                .flat_map(|i| split_at_midnights(viewer, i.start, i.end))
                .collect(),
            None => Vec::new(),
        };
        let listed = repo::list_for(
            &mut conn,
            actor.user,
            &repo::ListFilter {
                ends_after: Some(from),
                starts_before: Some(to),
                statuses: vec![
                    SessionStatus::Requested,
                    SessionStatus::Proposed,
                    SessionStatus::Confirmed,
                    SessionStatus::Completed,
                ],
                limit: 500,
                ..repo::ListFilter::default()
            },
        )
        .await?;
        let sessions = listed
            .into_iter()
            .flat_map(|l| {
                let s = l.session;
                let name = format!("{} {}", l.other_first_name, l.other_last_name);
                split_at_midnights(viewer, s.starts_at.max(from), s.ends_at.min(to))
                    .into_iter()
                    .map(move |span| WeekSession {
                        session_id: s.id,
                        title: s.title.clone(),
                        with_name: name.clone(),
                        status: s.status,
                        span,
                    })
            })
            .collect();
        Ok(WeekView {
            week_start,
            viewer_zone: viewer.name().to_string(),
            mentor_zone,
            available,
            sessions,
        })
    }

    pub async fn slots_find(&self, req: SlotQuery) -> Result<SlotList> {
        let actor = self.require(Command::SlotsFind).await?;
        validate::dates(&[("from", req.from)])?;
        let mut conn = self.db.read().await?;
        self.slots_for(&mut conn, &actor, &req).await
    }

    async fn slots_for(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        req: &SlotQuery,
    ) -> Result<SlotList> {
        // The mentor, their role, blocks either way and the viewer: one statement.
        let people = repo::booking_people(&mut *conn, actor.user, req.mentor_id).await?;
        let mentor = people
            .mentor
            .filter(|p| p.is_active && people.mentor_is_mentor)
            .ok_or_else(|| ApiError::not_found("This mentor"))?;
        if actor.user != mentor.id && people.blocked {
            return Err(ApiError::forbidden(
                "You cannot book sessions with this person.",
            ));
        }
        let except = match req.for_session {
            Some(id) => {
                let s = repo::get(&mut *conn, id)
                    .await?
                    .ok_or_else(|| ApiError::not_found("This session"))?;
                if s.mentor != mentor.id || (actor.user != s.mentor && actor.user != s.mentee) {
                    return Err(ApiError::not_found("This session"));
                }
                Some(id)
            }
            None => None,
        };
        let viewer: Tz = people
            .requester
            .and_then(|p| p.time_zone.parse().ok())
            .unwrap_or(chrono_tz::UTC);
        let now = self.now();
        let schedule = schedule_of(&mut *conn, mentor.id).await?;
        let Some(schedule) = schedule else {
            return Ok(SlotList {
                mentor_id: mentor.id,
                mentor_name: mentor.name(),
                mentor_zone: mentor.time_zone.clone(),
                viewer_zone: viewer.name().to_string(),
                durations: Vec::new(),
                duration_minutes: req.duration_minutes.unwrap_or(0),
                published: false,
                slots: Vec::new(),
            });
        };
        let settings = schedule.settings();
        let shortest = settings.durations.iter().copied().min().unwrap_or(60);
        let duration = req.duration_minutes.unwrap_or(shortest);
        if !settings.durations.contains(&duration) {
            return Err(ApiError::field(
                "duration_minutes",
                "Choose one of the lengths this mentor offers.",
            ));
        }
        let first = req.from.unwrap_or(local_time::today(viewer, now));
        let days = req
            .days
            .unwrap_or(settings.horizon_days.saturating_add(1))
            .clamp(1, 366);
        let from = day_start(viewer, first);
        let to = day_start(viewer, days_after(first, days, "from")?);
        let (busy_from, busy_to) = cap_window(from, to);
        let mut busy = busy_of(&mut *conn, mentor.id, busy_from, busy_to, except).await?;
        if actor.user != mentor.id {
            // The viewer's own sessions and appointments: they cannot be in two places.
            let own = busy_of(&mut *conn, actor.user, from, to, except).await?;
            busy.blocks.extend(own.sessions);
            busy.blocks.extend(own.blocks);
        }
        let found = slots::available_slots(&schedule, &busy, duration, now, from, to);
        Ok(SlotList {
            mentor_id: mentor.id,
            mentor_name: mentor.name(),
            mentor_zone: schedule.time_zone().name().to_string(),
            viewer_zone: viewer.name().to_string(),
            durations: settings.durations.clone(),
            duration_minutes: duration,
            published: true,
            slots: found
                .into_iter()
                .map(|s| local_span(viewer, s.start, s.end))
                .collect(),
        })
    }
}
