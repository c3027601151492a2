//! The one place events become notifications: stored in the caller's transaction,
//! announced once it commits; the notification centre; reminders (planned, fired and
//! paused) and notification settings.

use crate::people::name_of;
use crate::{Mentordesk, Result};
use chrono::{DateTime, Utc};
use mentordesk_core::events::Event;
use mentordesk_core::policy::Command;
use mentordesk_core::reminders;
use mentordesk_db::appointments as people_repo;
use mentordesk_db::notifications::{self as notes_repo, NewNotification};
use mentordesk_db::settings as settings_repo;
use mentordesk_db::{Db, SqliteConnection};
use mentordesk_shared::conversations::*;
use mentordesk_shared::ids::{NotificationId, UserId};
use mentordesk_shared::ApiError;

/// Notifications per page when the caller does not say.
const PAGE: u16 = 50;
const PAGE_MAX: u16 = 200;

/// A notification stored for someone, announced after its transaction commits (for
/// native notifications and the tray).
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub user: UserId,
    pub notification: Notification,
    /// For reminders: the meeting link a "Join" action opens.
    pub join_url: Option<String>,
}

impl Published {
    /// What a notification stored as `id` at `at` announces.
    pub(crate) fn stored(
        id: NotificationId,
        new: NewNotification,
        at: DateTime<Utc>,
        join_url: Option<String>,
    ) -> Self {
        Published {
            user: new.user,
            notification: Notification {
                id,
                kind: new.kind,
                title: new.title,
                body: new.body,
                subject: new.subject,
                created_at: at,
                read: false,
            },
            join_url,
        }
    }
}

/// Plans `person`'s reminders of `subject`, starting at `starts_at`, from their own lead
/// times (the one place reminders are planned: sessions, appointments, new settings).
pub(crate) async fn plan_reminders(
    conn: &mut SqliteConnection,
    person: UserId,
    subject: Subject,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    let leads = notes_repo::settings(conn, person).await?.lead_minutes;
    let planned = reminders::plan(starts_at, &leads, now);
    notes_repo::replan(conn, person, subject, starts_at, &planned).await
}

pub(crate) fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > max {
        let cut: String = line.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    } else {
        line.to_string()
    }
}

/// The line under a notification's title.
#[derive(Debug, Clone)]
pub(crate) enum Detail {
    Text(String),
    /// A title and a time, shown in each recipient's own zone.
    Timed {
        title: String,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    },
}

impl Mentordesk {
    /// Stores the notifications `events` cause, in the caller's transaction; returns them
    /// for [`Mentordesk::publish`] once it commits.
    pub(crate) async fn record(
        &self,
        conn: &mut SqliteConnection,
        events: &[(Event, Detail)],
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Published>> {
        let mut out = Vec::new();
        let mut ids = vec![actor];
        ids.extend(events.iter().flat_map(|(e, _)| e.notify()).map(|(u, _)| u));
        ids.sort();
        ids.dedup();
        let people = people_repo::people(conn, &ids).await?;
        let who = name_of(&people, actor);
        for (event, detail) in events {
            for (user, kind) in event.notify() {
                if user == actor {
                    continue;
                }
                let detail = match detail {
                    Detail::Text(text) => text.clone(),
                    Detail::Timed {
                        title,
                        starts_at,
                        ends_at,
                    } => {
                        let zone = people
                            .iter()
                            .find(|p| p.id == user)
                            .and_then(|p| p.time_zone.parse().ok())
                            .unwrap_or(chrono_tz::UTC);
                        format!(
                            "{title} · {}",
                            mentordesk_core::local_time::slot_text(zone, *starts_at, *ends_at)
                        )
                    }
                };
                let title = match kind {
                    NotificationKind::BookingRequest => format!("{who} asked for a session"),
                    NotificationKind::SessionProposed => format!("{who} proposed a session"),
                    NotificationKind::SessionConfirmed => format!("{who} confirmed your session"),
                    NotificationKind::SessionDeclined => format!("{who} declined your request"),
                    NotificationKind::SessionCancelled => format!("{who} cancelled a session"),
                    NotificationKind::RescheduleProposed => format!("{who} proposed a new time"),
                    NotificationKind::RescheduleAnswered => {
                        format!("{who} answered your proposed time")
                    }
                    NotificationKind::AppointmentInvitation => format!("{who} invited you"),
                    NotificationKind::AppointmentCancelled => {
                        format!("{who} cancelled an appointment")
                    }
                    NotificationKind::ApplicationDecided => "Your application was decided".into(),
                    NotificationKind::ConnectionRequest => format!("{who} wants to connect"),
                    NotificationKind::ConnectionAccepted => {
                        format!("{who} accepted your connection request")
                    }
                    NotificationKind::MessageReceived => format!("New message from {who}"),
                    NotificationKind::ActionItemDue => "An action item is due".into(),
                    NotificationKind::ForumReply => format!("{who} replied to your thread"),
                    NotificationKind::ProgrammeDecision => {
                        "Your programme application was decided".into()
                    }
                    NotificationKind::MatchUpdate => format!("{who} updated a match"),
                    NotificationKind::CertificateUpdate => match event {
                        Event::CertificateRevoked { .. } => "Your certificate was revoked".into(),
                        _ => "Your certificate was approved".into(),
                    },
                    NotificationKind::Reminder => "Coming up".into(),
                };
                let new = NewNotification {
                    user,
                    kind,
                    title,
                    body: detail,
                    subject: event.subject(),
                };
                let id = notes_repo::insert(conn, &new, now).await?;
                out.push(Published::stored(id, new, now, None));
            }
        }
        Ok(out)
    }

    /// Announces committed notifications to whoever listens (the shell).
    pub(crate) fn publish(&self, published: Vec<Published>) {
        for p in published {
            // Nobody listening (tests, the bench) is fine.
            let _ = self.events.send(p);
        }
    }

    /// Notifications as they are stored, for native notifications and the tray.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Published> {
        self.events.subscribe()
    }

    /// Whether `p` is for the person this device reminds and their settings want
    /// its kind shown natively.
    pub async fn wants_native(&self, p: &Published) -> bool {
        if self.reminder_person() != Some(p.user) {
            return false;
        }
        let Ok(mut conn) = self.db.read().await else {
            return false;
        };
        match notes_repo::settings(&mut conn, p.user).await {
            Ok(s) => !s.native_off.contains(&p.notification.kind),
            Err(_) => false,
        }
    }

    // ---- Notification centre ----

    pub async fn notifications_list(&self, req: NotificationQuery) -> Result<NotificationList> {
        let actor = self.require(Command::NotificationsList).await?;
        let limit = req.limit.unwrap_or(PAGE).clamp(1, PAGE_MAX);
        let mut conn = self.db.read().await?;
        let (items, more) =
            notes_repo::list(&mut conn, actor.user, req.unread_only, req.before, limit).await?;
        let unread = notes_repo::unread_count(&mut conn, actor.user).await?;
        Ok(NotificationList {
            items,
            unread,
            more,
        })
    }

    pub async fn notifications_mark_read(&self, req: NotificationTarget) -> Result<()> {
        let actor = self.require(Command::NotificationsMarkRead).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        notes_repo::mark_read(&mut tx, actor.user, Some(req.id), now).await?;
        Db::commit(tx).await
    }

    pub async fn notifications_mark_all_read(&self) -> Result<u32> {
        let actor = self.require(Command::NotificationsMarkAllRead).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let n = notes_repo::mark_read(&mut tx, actor.user, None, now).await?;
        Db::commit(tx).await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }
}

impl Mentordesk {
    /// When the next reminder is due, and until when the signed-in person paused theirs:
    /// what the scheduler sleeps on (see `core::reminders::sleep_for`).
    pub async fn reminders_next(&self) -> Result<(Option<DateTime<Utc>>, Option<DateTime<Utc>>)> {
        let mut conn = self.db.read().await?;
        let next = notes_repo::next_due(&mut conn).await?;
        let paused = match self.current_session() {
            Some(s) => notes_repo::settings(&mut conn, s.user).await?.paused_until,
            None => None,
        };
        Ok((next, paused))
    }

    /// Handles every reminder due now, in one transaction: one whose session or
    /// appointment is still ahead becomes a notification (announced after commit), one
    /// whose subject has started is dropped; either way it never comes back. Reminders
    /// of someone who paused theirs wait until the pause ends. Open action items coming
    /// due are announced to their assignee here too, once per due date.
    pub async fn reminders_fire_due(&self) -> Result<Vec<Published>> {
        let now = self.now();
        let mut tx = self.db.write().await?;
        let due = notes_repo::due(&mut tx, now, 500).await?;
        let mut published = Vec::new();
        for r in due {
            let settings = notes_repo::settings(&mut tx, r.user).await?;
            if settings.paused_until.is_some_and(|until| until > now) {
                continue;
            }
            notes_repo::mark_fired(&mut tx, r.id, now).await?;
            let Some(reminder) = self.reminder_text(&mut tx, &r).await? else {
                continue;
            };
            if reminders::overdue(r.starts_at, now) == reminders::Overdue::Drop {
                continue;
            }
            let new = NewNotification {
                user: r.user,
                kind: NotificationKind::Reminder,
                title: reminder.0,
                body: reminder.1,
                subject: r.subject,
            };
            let id = notes_repo::insert(&mut tx, &new, now).await?;
            published.push(Published::stored(id, new, now, reminder.2));
        }
        // Action items coming due: the day before their date in the assignee's zone (or
        // at once when already due), once per due date. Two days ahead in UTC covers
        // every zone's "tomorrow".
        let horizon = (now + chrono::Duration::days(2)).date_naive();
        for item in notes_repo::action_items_coming_due(&mut tx, horizon, 500).await? {
            let zone = people_repo::person(&mut tx, item.assignee)
                .await?
                .and_then(|p| p.time_zone.parse().ok())
                .unwrap_or(chrono_tz::UTC);
            let today = mentordesk_core::local_time::today(zone, now);
            let Some(when) = reminders::action_item_due(item.due, today) else {
                continue;
            };
            notes_repo::mark_action_item_announced(&mut tx, item.id, item.due).await?;
            let new = NewNotification {
                user: item.assignee,
                kind: NotificationKind::ActionItemDue,
                title: format!("Action item {when}: {}", item.title),
                body: format!(
                    "From {} · due {}",
                    item.session_title,
                    item.due.format("%a %-d %b")
                ),
                subject: Subject::Session(item.session),
            };
            let id = notes_repo::insert(&mut tx, &new, now).await?;
            published.push(Published::stored(id, new, now, None));
        }
        Db::commit(tx).await?;
        self.publish(published.clone());
        Ok(published)
    }

    /// A reminder's title ("Career chat in 10 minutes"), its line (with whom, when in
    /// the person's zone) and the meeting link; `None` if its subject is gone.
    async fn reminder_text(
        &self,
        conn: &mut SqliteConnection,
        r: &notes_repo::ReminderRecord,
    ) -> Result<Option<(String, String, Option<String>)>> {
        let (title, with, starts_at, ends_at, link) = match r.subject {
            Subject::Session(id) => {
                let Some(s) = mentordesk_db::sessions::get(conn, id).await? else {
                    return Ok(None);
                };
                let other = if s.mentor == r.user {
                    s.mentee
                } else {
                    s.mentor
                };
                let people = people_repo::people(conn, &[other]).await?;
                (
                    s.title,
                    format!("with {}", name_of(&people, other)),
                    s.starts_at,
                    s.ends_at,
                    s.meeting_link,
                )
            }
            Subject::Appointment(id) => {
                let Some(a) = people_repo::get(conn, id).await? else {
                    return Ok(None);
                };
                let people = people_repo::people(conn, &[a.organiser]).await?;
                (
                    a.title,
                    format!("organised by {}", name_of(&people, a.organiser)),
                    a.starts_at,
                    a.ends_at,
                    a.meeting_link,
                )
            }
            _ => return Ok(None),
        };
        let zone = people_repo::person(conn, r.user)
            .await?
            .and_then(|p| p.time_zone.parse().ok())
            .unwrap_or(chrono_tz::UTC);
        Ok(Some((
            format!("{title} in {}", reminders::lead_text(r.lead_minutes)),
            format!(
                "{with} · {}",
                mentordesk_core::local_time::slot_text(zone, starts_at, ends_at)
            ),
            (!link.is_empty()).then_some(link),
        )))
    }
}

impl Mentordesk {
    /// Tells the API whether native notifications can be shown here (the shell probes
    /// the notification server at start-up); the settings screen shows it.
    pub fn set_native_status(&self, status: NativeStatus) {
        *self
            .native_status
            .lock()
            .expect("status mutex is never poisoned") = status;
    }

    fn native_status(&self) -> NativeStatus {
        self.native_status
            .lock()
            .expect("status mutex is never poisoned")
            .clone()
    }

    async fn settings_view(
        &self,
        conn: &mut SqliteConnection,
        user: UserId,
    ) -> Result<NotificationSettings> {
        let stored = notes_repo::settings(conn, user).await?;
        Ok(NotificationSettings {
            lead_minutes: stored.lead_minutes,
            native: NotificationKind::ALL
                .into_iter()
                .filter(|k| !stored.native_off.contains(k))
                .collect(),
            paused_until: stored.paused_until.filter(|until| *until > self.now()),
            native_status: self.native_status(),
            // Closing to the tray is what a reminder app should do unless told otherwise.
            close_to_tray: settings_repo::get(conn, CLOSE_TO_TRAY).await?.as_deref()
                != Some("false"),
            start_at_login: settings_repo::get(conn, START_AT_LOGIN).await?.as_deref()
                == Some("true"),
        })
    }

    pub async fn notification_settings_get(&self) -> Result<NotificationSettings> {
        let actor = self.require(Command::NotificationSettingsGet).await?;
        let mut conn = self.db.read().await?;
        self.settings_view(&mut conn, actor.user).await
    }

    /// Saves lead times (each 1 minute to 7 days, at most 5; checked by the core, nothing
    /// saved if one is wrong), which kinds appear natively, and the app's tray and login
    /// behaviour. The person's upcoming reminders are planned again with the new times.
    pub async fn notification_settings_save(
        &self,
        req: NotificationSettingsUpdate,
    ) -> Result<NotificationSettings> {
        let actor = self.require(Command::NotificationSettingsSave).await?;
        let leads = reminders::validate_leads(&req.lead_minutes)
            .map_err(|m| ApiError::field("lead_minutes", m))?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let mut stored = notes_repo::settings(&mut tx, actor.user).await?;
        stored.lead_minutes = leads;
        stored.native_off = NotificationKind::ALL
            .into_iter()
            .filter(|k| !req.native.contains(k))
            .collect();
        notes_repo::save_settings(&mut tx, actor.user, &stored, now).await?;
        let flag = |b: bool| if b { "true" } else { "false" };
        settings_repo::set(&mut tx, CLOSE_TO_TRAY, flag(req.close_to_tray)).await?;
        settings_repo::set(&mut tx, START_AT_LOGIN, flag(req.start_at_login)).await?;
        for (subject, starts_at) in notes_repo::upcoming_subjects(&mut tx, actor.user, now).await? {
            plan_reminders(&mut tx, actor.user, subject, starts_at, now).await?;
        }
        let view = self.settings_view(&mut tx, actor.user).await?;
        Db::commit(tx).await?;
        Ok(view)
    }

    /// Holds the signed-in person's reminders back for `minutes` (the tray's "pause for
    /// an hour"), or lifts the pause with 0. At most a week.
    pub async fn reminders_pause(&self, req: PauseReminders) -> Result<NotificationSettings> {
        let actor = self.require(Command::RemindersPause).await?;
        if req.minutes > reminders::MAX_LEAD_MINUTES {
            return Err(ApiError::field(
                "minutes",
                "Pause reminders for at most 7 days.",
            ));
        }
        let now = self.now();
        let mut tx = self.db.write().await?;
        let mut stored = notes_repo::settings(&mut tx, actor.user).await?;
        stored.paused_until =
            (req.minutes > 0).then(|| now + chrono::Duration::minutes(i64::from(req.minutes)));
        notes_repo::save_settings(&mut tx, actor.user, &stored, now).await?;
        let view = self.settings_view(&mut tx, actor.user).await?;
        Db::commit(tx).await?;
        Ok(view)
    }
}

/// Workspace settings of this installation (not of a person).
const CLOSE_TO_TRAY: &str = "close_to_tray";
const START_AT_LOGIN: &str = "start_at_login";

/// What the shell's tray and window need. These are not IPC commands: they concern the
/// person this device reminds — the last one who signed in here and has not signed out.
/// An inactivity timeout locks the app, but their reminders keep coming, like a phone's
/// notifications on its lock screen; signing out stops them.
impl Mentordesk {
    pub fn reminder_person(&self) -> Option<UserId> {
        *self
            .reminder_person
            .lock()
            .expect("reminder person mutex is never poisoned")
    }

    pub(crate) async fn set_reminder_person(&self, user: Option<UserId>) -> Result<()> {
        let mut tx = self.db.write().await?;
        match user {
            Some(user) => settings_repo::set(&mut tx, REMINDER_PERSON, &user.to_string()).await?,
            None => settings_repo::set(&mut tx, REMINDER_PERSON, "").await?,
        }
        Db::commit(tx).await?;
        *self
            .reminder_person
            .lock()
            .expect("reminder person mutex is never poisoned") = user;
        Ok(())
    }

    /// Their next confirmed session or scheduled appointment that has not ended, with its
    /// countdown; `None` when nobody is reminded here or nothing is ahead.
    pub async fn next_up(&self) -> Result<Option<NextUp>> {
        let Some(user) = self.reminder_person() else {
            return Ok(None);
        };
        let now = self.now();
        let mut conn = self.db.read().await?;
        let next = notes_repo::next_up(&mut conn, user, now).await?;
        Ok(next.map(|(subject, title, starts_at)| NextUp {
            title,
            subject,
            starts_at,
            countdown: reminders::countdown(starts_at, now),
        }))
    }

    /// Until when their reminders are paused (`None`: not paused, or nobody reminded here).
    pub async fn reminders_paused_until(&self) -> Result<Option<DateTime<Utc>>> {
        let Some(user) = self.reminder_person() else {
            return Ok(None);
        };
        let mut conn = self.db.read().await?;
        let stored = notes_repo::settings(&mut conn, user).await?;
        Ok(stored.paused_until.filter(|until| *until > self.now()))
    }

    /// The tray's "Pause reminders for an hour" (0 minutes resumes them) for the person
    /// reminded here; `Ok(None)` if there is nobody.
    pub async fn pause_reminders_here(&self, minutes: u32) -> Result<Option<DateTime<Utc>>> {
        let Some(user) = self.reminder_person() else {
            return Ok(None);
        };
        let minutes = minutes.min(reminders::MAX_LEAD_MINUTES);
        let now = self.now();
        let mut tx = self.db.write().await?;
        let mut stored = notes_repo::settings(&mut tx, user).await?;
        stored.paused_until =
            (minutes > 0).then(|| now + chrono::Duration::minutes(i64::from(minutes)));
        notes_repo::save_settings(&mut tx, user, &stored, now).await?;
        Db::commit(tx).await?;
        Ok(stored.paused_until)
    }

    /// This installation's window behaviour: (close to tray, start at login).
    pub async fn shell_preferences(&self) -> Result<(bool, bool)> {
        let mut conn = self.db.read().await?;
        Ok((
            settings_repo::get(&mut conn, CLOSE_TO_TRAY)
                .await?
                .as_deref()
                != Some("false"),
            settings_repo::get(&mut conn, START_AT_LOGIN)
                .await?
                .as_deref()
                == Some("true"),
        ))
    }
}

/// Who the device reminds, as stored (an account that is gone or inactive reminds nobody).
pub(crate) async fn stored_reminder_person(conn: &mut SqliteConnection) -> Result<Option<UserId>> {
    let Some(id) = settings_repo::get(conn, REMINDER_PERSON).await? else {
        return Ok(None);
    };
    let Ok(user) = id.parse::<UserId>() else {
        return Ok(None);
    };
    Ok(people_repo::person(conn, user).await?.map(|_| user))
}

const REMINDER_PERSON: &str = "reminder_person";
