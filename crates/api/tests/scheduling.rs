//! Scheduling through the real API on a real SQLite file: availability, slots,
//! booking races, the status machine, rescheduling, notes, action items, ratings,
//! group appointments and calendar files.

#[path = "support/workspace.rs"]
mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::{count, office_hours, Org, Workspace, FOREVER, PASSWORD};
use mentordesk_api::Mentordesk;
use mentordesk_shared::accounts::SignIn;
use mentordesk_shared::conversations::{NotificationKind, NotificationQuery, Subject};
use mentordesk_shared::ids::UserId;
use mentordesk_shared::profiles::UserRef;
use mentordesk_shared::scheduling::*;
use mentordesk_shared::sessions::*;
use mentordesk_shared::ErrorCode;

impl Org {
    async fn again(&self, email: &str) -> Mentordesk {
        let app = self.ws.open().await.with_inactivity(FOREVER);
        app.accounts_sign_in(SignIn {
            email: email.into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
        app
    }

    fn now(&self) -> DateTime<Utc> {
        use mentordesk_core::clock::Clock;
        self.ws.clock.now()
    }
}

fn slots_query(mentor: UserId, minutes: u16) -> SlotQuery {
    SlotQuery {
        mentor_id: mentor,
        duration_minutes: Some(minutes),
        from: None,
        days: Some(14),
        for_session: None,
    }
}

fn request(mentor: UserId, start: DateTime<Utc>, minutes: u16) -> SessionRequest {
    SessionRequest {
        mentor_id: mentor,
        starts_at: start,
        duration_minutes: minutes,
        title: "Career chat".into(),
        agenda: "CV and interviews".into(),
    }
}

fn act(id: mentordesk_shared::ids::SessionId, action: SessionAction) -> SessionActionRequest {
    SessionActionRequest {
        session_id: id,
        action,
        message: String::new(),
        new_start: None,
        new_duration_minutes: None,
    }
}

#[tokio::test]
async fn a_mentee_books_a_slot_in_their_zone_and_both_see_it_once_accepted() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    let (mentee, _) = org
        .person_in("kenji@example.org", "Asia/Tokyo", &["mentee"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();

    let shortest = mentee
        .slots_find(SlotQuery {
            duration_minutes: None,
            ..slots_query(mentor_id, 60)
        })
        .await
        .unwrap();
    assert_eq!(
        (shortest.duration_minutes, shortest.durations.clone()),
        (30, vec![30, 60])
    );
    let err = mentee
        .slots_find(slots_query(mentor_id, 45))
        .await
        .unwrap_err();
    assert!(err.field_message("duration_minutes").is_some());
    let list = mentee.slots_find(slots_query(mentor_id, 60)).await.unwrap();
    assert!(list.published);
    assert_eq!(list.viewer_zone, "Asia/Tokyo");
    assert_eq!(list.mentor_zone, "Europe/London");
    // It is 09:00 in London: the first slot is 10:00 London, 19:00 in Tokyo.
    let first = &list.slots[0];
    assert_eq!(first.start, "19:00");
    assert_eq!(first.zone_abbreviation, "JST");
    assert_eq!(first.starts_at.format("%H:%M").to_string(), "10:00");

    let booked = mentee
        .sessions_request(request(mentor_id, first.starts_at, 60))
        .await
        .unwrap();
    assert_eq!(booked.status, SessionStatus::Requested);
    assert_eq!(booked.my_role, SessionRole::Mentee);
    assert_eq!(booked.allowed_actions, vec![SessionAction::Cancel]);
    assert_eq!(booked.other_span.start, "10:00");

    // The slot is gone for everyone the moment it is requested.
    let after = mentee.slots_find(slots_query(mentor_id, 60)).await.unwrap();
    assert!(after.slots.iter().all(|s| s.starts_at != first.starts_at));

    let waiting = mentor
        .sessions_list(SessionFilter::default())
        .await
        .unwrap();
    assert_eq!(waiting.sessions.len(), 1);
    assert!(waiting.sessions[0].awaiting_me);
    let accepted = mentor
        .sessions_act(act(booked.session_id, SessionAction::Accept))
        .await
        .unwrap();
    assert_eq!(accepted.status, SessionStatus::Confirmed);

    // Each side heard of the other's step, with the time in their own zone.
    let asked = mentor
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    assert_eq!(asked.items.len(), 1);
    assert_eq!(asked.items[0].kind, NotificationKind::BookingRequest);
    assert_eq!(asked.items[0].subject, Subject::Session(booked.session_id));
    assert!(
        asked.items[0].body.ends_with("10:00–11:00 GMT"),
        "{}",
        asked.items[0].body
    );
    let confirmed = mentee
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    assert_eq!(confirmed.items[0].kind, NotificationKind::SessionConfirmed);
    assert!(
        confirmed.items[0].body.ends_with("19:00–20:00 JST"),
        "{}",
        confirmed.items[0].body
    );

    for app in [&mentor, &mentee] {
        let upcoming = app.sessions_list(SessionFilter::default()).await.unwrap();
        assert_eq!(upcoming.sessions.len(), 1);
        assert_eq!(upcoming.sessions[0].status, SessionStatus::Confirmed);
        assert!(!upcoming.sessions[0].awaiting_me);
    }
    let week = mentor
        .availability_week(WeekQuery {
            week_of: Some(first.starts_at.date_naive()),
        })
        .await
        .unwrap();
    assert_eq!(week.sessions.len(), 1);
    assert!(!week.available.is_empty());
    assert_eq!(week.sessions[0].span.start, "10:00");
}

#[tokio::test]
async fn many_mentees_racing_for_one_slot_one_wins_and_different_slots_all_win() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    let mut mentees = Vec::new();
    for i in 0..12 {
        mentees.push(
            org.person_in(
                &format!("mentee{i}@example.org"),
                "Europe/Paris",
                &["mentee"],
            )
            .await
            .0,
        );
    }
    let slots = mentees[0]
        .slots_find(slots_query(mentor_id, 60))
        .await
        .unwrap()
        .slots;
    let contested = slots[0].starts_at;

    let mut tasks = Vec::new();
    for app in mentees.iter().take(8) {
        let app = std::sync::Arc::new(org.again(&app.accounts_me().await.unwrap().email).await);
        tasks.push(tokio::spawn(async move {
            app.sessions_request(request(mentor_id, contested, 60))
                .await
        }));
    }
    let mut won = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => won += 1,
            Err(e) => {
                assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");
                assert!(e.message.contains("has just been taken"), "{}", e.message);
            }
        }
    }
    assert_eq!(won, 1);
    assert_eq!(count(&mentor, "sessions").await, 1);

    // Different slots: all succeed.
    let mut tasks = Vec::new();
    for (i, app) in mentees.iter().enumerate().skip(8) {
        let app = std::sync::Arc::new(org.again(&app.accounts_me().await.unwrap().email).await);
        let start = slots[i].starts_at;
        tasks.push(tokio::spawn(async move {
            app.sessions_request(request(mentor_id, start, 60)).await
        }));
    }
    for task in tasks {
        task.await.unwrap().expect("a free slot books");
    }
    assert_eq!(count(&mentor, "sessions").await, 5);
}

#[tokio::test]
async fn the_database_refuses_overlaps_even_without_the_api_check() {
    let org = Org::new().await;
    let (_, mentor) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    let (_, a) = org
        .person_in("a@example.org", "Europe/London", &["mentee"])
        .await;
    let (_, b) = org
        .person_in("b@example.org", "Europe/London", &["mentee"])
        .await;
    let start = org.now() + Duration::days(2);
    let mut tx = org.admin.db().write().await.unwrap();
    let new = |mentee, start: DateTime<Utc>| mentordesk_db::sessions::NewSession {
        mentor,
        mentee,
        title: "x",
        agenda: "",
        starts_at: start,
        ends_at: start + Duration::hours(1),
        status: SessionStatus::Requested,
        meeting_link: "",
        created_by: mentee,
    };
    let now = org.now();
    assert!(
        mentordesk_db::sessions::insert(&mut tx, &new(a, start), now)
            .await
            .unwrap()
            .is_some()
    );
    let overlapping = start + Duration::minutes(30);
    assert!(
        mentordesk_db::sessions::insert(&mut tx, &new(b, overlapping), now)
            .await
            .unwrap()
            .is_none()
    );
    // Back to back is fine.
    let next = start + Duration::hours(1);
    assert!(mentordesk_db::sessions::insert(&mut tx, &new(b, next), now)
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn bad_input_gets_a_field_error_and_writes_nothing() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    let (mentee, _) = org
        .person_in("kenji@example.org", "Europe/London", &["mentee"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    let before = mentor.availability_get().await.unwrap();

    let mut bad = office_hours("Mars/Olympus_Mons", &[30, 60]);
    bad.weekly[0].end = 8 * 60; // ends before it starts
    let err = mentor.availability_save(bad).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.field_message("time_zone").is_some());
    assert!(err.field_message("weekly").is_some());
    assert_eq!(mentor.availability_get().await.unwrap(), before);

    let slot = mentee
        .slots_find(slots_query(mentor_id, 60))
        .await
        .unwrap()
        .slots[0]
        .starts_at;
    let cases = [
        (request(mentor_id, slot, 10), "duration_minutes"),
        (
            request(mentor_id, org.now() - Duration::days(1), 60),
            "starts_at",
        ),
        // Saturday 10:00 London: outside the weekly hours.
        (
            request(
                mentor_id,
                Utc.with_ymd_and_hms(2026, 11, 7, 10, 0, 0).unwrap(),
                60,
            ),
            "starts_at",
        ),
    ];
    for (req, field) in cases {
        let err = mentee.sessions_request(req).await.unwrap_err();
        assert!(err.field_message(field).is_some(), "{field}: {err:?}");
    }
    assert_eq!(count(&mentor, "sessions").await, 0);

    let booked = mentee
        .sessions_request(request(mentor_id, slot, 60))
        .await
        .unwrap();
    // The mentee may not accept their own request: the table forbids it.
    let err = mentee
        .sessions_act(act(booked.session_id, SessionAction::Accept))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("Only the mentor"), "{}", err.message);
    let err = mentee
        .notes_add(NoteInput {
            session_id: booked.session_id,
            body: "x".repeat(NOTE_MAX + 1),
            is_private: false,
        })
        .await
        .unwrap_err();
    assert!(err.field_message("body").is_some());
    let err = mentee
        .sessions_rate(RatingInput {
            session_id: booked.session_id,
            rating: 6,
            comment: String::new(),
        })
        .await
        .unwrap_err();
    assert!(err.field_message("rating").is_some());
    assert_eq!(count(&mentor, "session_notes").await, 0);
    assert_eq!(count(&mentor, "ratings").await, 0);
    let detail = mentee
        .sessions_get(SessionRef {
            session_id: booked.session_id,
        })
        .await
        .unwrap();
    assert_eq!(detail.status, SessionStatus::Requested);
    assert_eq!(detail.history.len(), 1);
}

#[tokio::test]
async fn a_reschedule_moves_a_confirmed_session_and_keeps_its_history() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    let (mentee, _) = org
        .person_in("kenji@example.org", "Europe/London", &["mentee"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    let slots = mentee
        .slots_find(slots_query(mentor_id, 60))
        .await
        .unwrap()
        .slots;
    let s = mentee
        .sessions_request(request(mentor_id, slots[0].starts_at, 60))
        .await
        .unwrap();
    let s = mentor
        .sessions_act(act(s.session_id, SessionAction::Accept))
        .await
        .unwrap();
    let seq = s.sequence;

    // The mentee picks another free slot, offered with the session's own time excluded.
    let options = mentee
        .slots_find(SlotQuery {
            for_session: Some(s.session_id),
            ..slots_query(mentor_id, 60)
        })
        .await
        .unwrap()
        .slots;
    let target = options[3].clone();
    let proposed = mentee
        .sessions_act(SessionActionRequest {
            new_start: Some(WallTime {
                date: target.date,
                time: target.start.clone(),
            }),
            message: "Could we do Thursday instead?".into(),
            ..act(s.session_id, SessionAction::ProposeNewTime)
        })
        .await
        .unwrap();
    let pending = proposed.pending_proposal.as_ref().unwrap();
    assert_eq!(pending.proposed_by, SessionRole::Mentee);
    assert_eq!(pending.span.starts_at, target.starts_at);
    assert_eq!(
        proposed.span.starts_at, slots[0].starts_at,
        "time unchanged until accepted"
    );
    assert!(!proposed
        .allowed_actions
        .contains(&SessionAction::AcceptNewTime));

    let moved = mentor
        .sessions_act(act(s.session_id, SessionAction::AcceptNewTime))
        .await
        .unwrap();
    assert_eq!(moved.span.starts_at, target.starts_at);
    assert_eq!(moved.status, SessionStatus::Confirmed);
    assert!(moved.pending_proposal.is_none());
    assert!(moved.sequence > seq);
    let actions: Vec<&str> = moved.history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["requested", "accept", "propose_new_time", "accept_new_time"]
    );
    assert_eq!(moved.history[2].message, "Could we do Thursday instead?");

    // The old time is free again; the new one is taken.
    let now_free = mentee
        .slots_find(slots_query(mentor_id, 60))
        .await
        .unwrap()
        .slots;
    assert!(now_free.iter().any(|x| x.starts_at == slots[0].starts_at));
    assert!(now_free.iter().all(|x| x.starts_at != target.starts_at));

    // A declined new time leaves the session where it is.
    let p = mentor
        .sessions_act(SessionActionRequest {
            new_start: Some(WallTime {
                date: slots[0].date,
                time: slots[0].start.clone(),
            }),
            ..act(s.session_id, SessionAction::ProposeNewTime)
        })
        .await
        .unwrap();
    assert_eq!(
        p.pending_proposal.as_ref().unwrap().proposed_by,
        SessionRole::Mentor
    );
    let kept = mentee
        .sessions_act(act(s.session_id, SessionAction::DeclineNewTime))
        .await
        .unwrap();
    assert_eq!(kept.span.starts_at, target.starts_at);
    assert!(kept.pending_proposal.is_none());
}

#[tokio::test]
async fn a_cancellation_frees_the_slot_and_ratings_come_after_completion() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    let (mentee, mentee_id) = org
        .person_in("kenji@example.org", "Europe/London", &["mentee"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    let slots = mentee
        .slots_find(slots_query(mentor_id, 60))
        .await
        .unwrap()
        .slots;

    let first = mentee
        .sessions_request(request(mentor_id, slots[0].starts_at, 60))
        .await
        .unwrap();
    mentor
        .sessions_act(act(first.session_id, SessionAction::Accept))
        .await
        .unwrap();
    let waiting = "SELECT COUNT(*) FROM reminders WHERE fired_at IS NULL";
    assert_eq!(
        common::sqlx_count(&mentor, waiting).await,
        2,
        "10 minutes before, each"
    );
    let cancelled = mentee
        .sessions_act(SessionActionRequest {
            message: "Something came up, sorry.".into(),
            ..act(first.session_id, SessionAction::Cancel)
        })
        .await
        .unwrap();
    assert_eq!(cancelled.status, SessionStatus::Cancelled);
    assert!(cancelled.allowed_actions.is_empty());
    // The reminders went with it, and the mentor hears of the cancellation.
    assert_eq!(common::sqlx_count(&mentor, waiting).await, 0);
    let told = mentor
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    assert_eq!(told.items[0].kind, NotificationKind::SessionCancelled);
    assert_eq!(told.items[0].subject, Subject::Session(first.session_id));
    let again = mentee
        .slots_find(slots_query(mentor_id, 60))
        .await
        .unwrap()
        .slots;
    assert!(again.iter().any(|s| s.starts_at == slots[0].starts_at));

    let second = mentee
        .sessions_request(request(mentor_id, slots[1].starts_at, 60))
        .await
        .unwrap();
    mentor
        .sessions_act(act(second.session_id, SessionAction::Accept))
        .await
        .unwrap();
    let rate = |rating| RatingInput {
        session_id: second.session_id,
        rating,
        comment: "Very helpful".into(),
    };
    let err = mentee.sessions_rate(rate(5)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let err = mentor
        .sessions_act(act(second.session_id, SessionAction::Complete))
        .await
        .unwrap_err();
    assert!(err.message.contains("once it has ended"), "{}", err.message);

    org.ws.clock.set(slots[1].ends_at + Duration::minutes(5));
    let done = mentor
        .sessions_act(act(second.session_id, SessionAction::Complete))
        .await
        .unwrap();
    assert_eq!(done.status, SessionStatus::Completed);
    assert!(done.can_rate);
    let rated = mentee.sessions_rate(rate(4)).await.unwrap();
    assert!(!rated.can_rate);
    assert_eq!(rated.ratings[0].rating, 4);
    let err = mentee.sessions_rate(rate(5)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    mentor
        .sessions_rate(RatingInput {
            session_id: second.session_id,
            rating: 5,
            comment: String::new(),
        })
        .await
        .unwrap();

    // The mentor's profile and directory card show mentees' ratings only.
    let profile = mentee
        .profile_get(UserRef {
            user_id: Some(mentor_id),
        })
        .await
        .unwrap();
    assert_eq!(profile.rating, RatingSummary { count: 1, total: 4 });
    let mentee_profile = org
        .admin
        .profile_get(UserRef {
            user_id: Some(mentee_id),
        })
        .await
        .unwrap();
    assert_eq!(mentee_profile.rating.count, 0);
    let past = mentee
        .sessions_list(SessionFilter {
            scope: SessionScope::Past,
            ..SessionFilter::default()
        })
        .await
        .unwrap();
    let statuses: Vec<SessionStatus> = past.sessions.iter().map(|s| s.status).collect();
    assert_eq!(
        statuses,
        [SessionStatus::Completed, SessionStatus::Cancelled],
        "latest first"
    );
    let cancelled_only = mentee
        .sessions_list(SessionFilter {
            scope: SessionScope::All,
            statuses: vec![SessionStatus::Cancelled],
            ..SessionFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(cancelled_only.sessions.len(), 1);
    assert_eq!(cancelled_only.sessions[0].session_id, first.session_id);
}

#[tokio::test]
async fn private_notes_stay_private_and_action_items_track_follow_ups() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    let (mentee, mentee_id) = org
        .person_in("kenji@example.org", "Europe/London", &["mentee"])
        .await;
    let (outsider, _) = org
        .person_in("olga@example.org", "Europe/London", &["mentee"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    let slot = mentee
        .slots_find(slots_query(mentor_id, 60))
        .await
        .unwrap()
        .slots[0]
        .starts_at;
    let s = mentee
        .sessions_request(request(mentor_id, slot, 60))
        .await
        .unwrap();
    let id = s.session_id;

    mentee
        .notes_add(NoteInput {
            session_id: id,
            body: "Ask about the team lead role".into(),
            is_private: true,
        })
        .await
        .unwrap();
    let seen = mentor
        .notes_add(NoteInput {
            session_id: id,
            body: "Bring your CV".into(),
            is_private: false,
        })
        .await
        .unwrap();
    assert_eq!(seen.notes.len(), 1, "the mentee's private note is hidden");
    let mine = mentee
        .sessions_get(SessionRef { session_id: id })
        .await
        .unwrap();
    assert_eq!(mine.notes.len(), 2);
    let mentor_note = mine.notes.iter().find(|n| !n.mine).unwrap().note_id;
    let err = mentee
        .notes_edit(NoteEdit {
            note_id: mentor_note,
            body: "changed".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let private = mine.notes.iter().find(|n| n.is_private).unwrap().note_id;
    let err = mentor
        .notes_delete(NoteRef { note_id: private })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    // Someone outside the session sees nothing of it.
    let err = outsider
        .sessions_get(SessionRef { session_id: id })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    let with_item = mentor
        .action_items_add(ActionItemInput {
            session_id: id,
            title: "Update the CV".into(),
            description: "Lead with the migration project".into(),
            assignee_id: mentee_id,
            due_date: Some(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()),
        })
        .await
        .unwrap();
    let item = &with_item.action_items[0];
    assert!(item.overdue);
    assert_eq!(item.assignee.user_id, mentee_id);
    let done = mentee
        .action_items_edit(ActionItemEdit {
            item_id: item.item_id,
            title: item.title.clone(),
            description: item.description.clone(),
            assignee_id: mentee_id,
            due_date: item.due_date,
            status: ActionItemStatus::Completed,
        })
        .await
        .unwrap();
    assert_eq!(done.action_items[0].status, ActionItemStatus::Completed);
    assert!(!done.action_items[0].overdue);
    let outsider_id = outsider.accounts_me().await.unwrap().user_id;
    let err = mentor
        .action_items_add(ActionItemInput {
            session_id: id,
            title: "x".into(),
            description: String::new(),
            assignee_id: outsider_id,
            due_date: None,
        })
        .await
        .unwrap_err();
    assert!(err.field_message("assignee_id").is_some());

    let err = mentee
        .sessions_edit(SessionEdit {
            session_id: id,
            meeting_link: None,
            agenda: None,
            mentor_notes: Some("mine now".into()),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let edited = mentor
        .sessions_edit(SessionEdit {
            session_id: id,
            meeting_link: Some("meet.example.com/maria".into()),
            agenda: None,
            mentor_notes: Some("Strong on systems design".into()),
        })
        .await
        .unwrap();
    assert_eq!(edited.meeting_link, "https://meet.example.com/maria");
    assert_eq!(edited.mentor_notes, "Strong on systems design");
}

#[tokio::test]
async fn blocked_people_cannot_book_each_other() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    let (mentee, mentee_id) = org
        .person_in("kenji@example.org", "Europe/London", &["mentee"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    let slot = mentee
        .slots_find(slots_query(mentor_id, 60))
        .await
        .unwrap()
        .slots[0]
        .starts_at;
    mentor
        .blocks_add(mentordesk_shared::profiles::UserTarget { user_id: mentee_id })
        .await
        .unwrap();
    let err = mentee
        .sessions_request(request(mentor_id, slot, 60))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let err = mentee
        .slots_find(slots_query(mentor_id, 60))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(count(&mentor, "sessions").await, 0);
}

#[tokio::test]
async fn a_mentor_proposes_a_session_in_their_own_wall_clock() {
    let org = Org::new().await;
    let (mentor, _) = org
        .person_in("maria@example.org", "America/New_York", &["mentor"])
        .await;
    let (mentee, mentee_id) = org
        .person_in("kenji@example.org", "Australia/Sydney", &["mentee"])
        .await;
    let found = mentor
        .people_search(PeopleQuery {
            query: "kenji".into(),
            role: Some("mentee".into()),
        })
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    let proposal = |time: &str| SessionProposal {
        mentee_id,
        start: WallTime {
            date: NaiveDate::from_ymd_opt(2026, 11, 10).unwrap(),
            time: time.into(),
        },
        duration_minutes: 45,
        title: "Kick-off".into(),
        agenda: String::new(),
        meeting_link: String::new(),
    };
    let s = mentor.sessions_propose(proposal("17:00")).await.unwrap();
    assert_eq!(s.status, SessionStatus::Proposed);
    // 17:00 in New York (EST) is 09:00 the next morning in Sydney (AEDT).
    assert_eq!(s.span.start, "17:00");
    assert_eq!(
        (
            s.other_span.start.as_str(),
            s.other_span.date.to_string().as_str()
        ),
        ("09:00", "2026-11-11")
    );
    let err = mentor
        .sessions_propose(proposal("17:30"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict, "overlaps the first proposal");
    let accepted = mentee
        .sessions_act(act(s.session_id, SessionAction::Accept))
        .await
        .unwrap();
    assert_eq!(accepted.status, SessionStatus::Confirmed);
    // A mentee cannot propose sessions: that is the mentor's permission.
    let err = mentee
        .sessions_propose(proposal("19:00"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
}

#[tokio::test]
async fn group_appointments_collect_answers_and_export_as_calendar_files() {
    let org = Org::new().await;
    let (manager, _) = org
        .person_in("pat@example.org", "Europe/Berlin", &["programme_manager"])
        .await;
    let (ann, ann_id) = org
        .person_in("ann@example.org", "Europe/London", &["mentee"])
        .await;
    let (bob, bob_id) = org
        .person_in("bob@example.org", "America/Chicago", &["mentor"])
        .await;
    let downloads = org.ws.path().join("downloads");
    let input = AppointmentInput {
        title: "Cohort kick-off".into(),
        description: "Welcome and introductions".into(),
        start: WallTime {
            date: NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(),
            time: "16:00".into(),
        },
        duration_minutes: 90,
        meeting_link: "https://meet.example.com/kickoff".into(),
        attendee_ids: vec![ann_id, bob_id],
    };
    let a = manager.appointments_create(input.clone()).await.unwrap();
    assert_eq!(a.attendees.len(), 2);
    assert!(a
        .attendees
        .iter()
        .all(|t| t.response == AttendeeResponse::Pending));

    let answered = ann
        .appointments_respond(AppointmentResponse {
            appointment_id: a.appointment_id,
            response: AttendeeResponse::Accepted,
        })
        .await
        .unwrap();
    assert_eq!(answered.my_response, Some(AttendeeResponse::Accepted));
    bob.appointments_respond(AppointmentResponse {
        appointment_id: a.appointment_id,
        response: AttendeeResponse::Declined,
    })
    .await
    .unwrap();
    let list = manager
        .appointments_list(AppointmentFilter::default())
        .await
        .unwrap();
    let seen = &list.appointments[0];
    assert!(seen.i_organise);
    let ann_row = seen
        .attendees
        .iter()
        .find(|t| t.person.user_id == ann_id)
        .unwrap();
    assert_eq!(ann_row.response, AttendeeResponse::Accepted);
    assert_eq!(ann_row.responded_at, Some(org.now()));
    // Bob reads it on his own clock: 16:00 Berlin is 09:00 Chicago.
    let bobs = bob
        .appointments_list(AppointmentFilter::default())
        .await
        .unwrap();
    assert_eq!(bobs.appointments[0].span.start, "09:00");

    let err = ann
        .appointments_cancel(AppointmentRef {
            appointment_id: a.appointment_id,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let cancelled = manager
        .appointments_cancel(AppointmentRef {
            appointment_id: a.appointment_id,
        })
        .await
        .unwrap();
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);

    let saved = ann
        .calendar_export_appointment(AppointmentRef {
            appointment_id: a.appointment_id,
        })
        .await
        .unwrap();
    assert!(saved.path.starts_with(downloads.to_str().unwrap()));
    let text = std::fs::read_to_string(&saved.path).unwrap();
    assert!(text.contains("STATUS:CANCELLED"), "{text}");
    assert!(text.contains("SEQUENCE:1"));
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London"));
    assert!(text.contains("DTSTART;TZID=Europe/London:20261112T150000"));
    assert!(text.contains("ORGANIZER;CN=pat Tester:mailto:pat@example.org"));
    assert!(text.contains("PARTSTAT=DECLINED"));

    let err = manager
        .appointments_create(AppointmentInput {
            attendee_ids: vec![],
            duration_minutes: 5,
            ..input
        })
        .await
        .unwrap_err();
    assert!(err.field_message("attendee_ids").is_some());
    assert!(err.field_message("duration_minutes").is_some());
    assert_eq!(count(&manager, "appointments").await, 1);
}

#[tokio::test]
async fn all_my_sessions_export_as_one_calendar() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    let (mentee, _) = org
        .person_in("kenji@example.org", "America/Santiago", &["mentee"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    let slots = mentee
        .slots_find(slots_query(mentor_id, 60))
        .await
        .unwrap()
        .slots;
    let a = mentee
        .sessions_request(request(mentor_id, slots[0].starts_at, 60))
        .await
        .unwrap();
    mentee
        .sessions_request(request(mentor_id, slots[2].starts_at, 30))
        .await
        .unwrap();
    mentee
        .sessions_act(act(a.session_id, SessionAction::Cancel))
        .await
        .unwrap();
    let saved = mentee.calendar_export_all().await.unwrap();
    assert_eq!(saved.events, 2);
    let text = std::fs::read_to_string(&saved.path).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
    assert!(text.contains("TZID:America/Santiago"));
    assert!(text.contains("STATUS:CANCELLED"));
    assert!(text.contains("STATUS:TENTATIVE"));
    let one = mentee
        .calendar_export_session(SessionRef {
            session_id: a.session_id,
        })
        .await
        .unwrap();
    assert_ne!(one.path, saved.path);
    assert!(
        one.file_name.ends_with("career-chat.ics"),
        "{}",
        one.file_name
    );
}

#[tokio::test]
async fn the_demo_has_sessions_in_every_state_for_its_mentors_and_mentees() {
    let ws = Workspace::new();
    let app = ws.open().await;
    app.load_demo().await.unwrap().expect("loaded");
    let mentor = ws.open().await;
    mentor
        .accounts_sign_in(SignIn {
            email: "amara.nwosu@mentordesk.demo".into(),
            password: mentordesk_api::demo::DEMO_PASSWORD.into(),
        })
        .await
        .unwrap();
    let all = mentor
        .sessions_list(SessionFilter {
            scope: SessionScope::All,
            ..SessionFilter::default()
        })
        .await
        .unwrap();
    let mut statuses: Vec<SessionStatus> = all.sessions.iter().map(|s| s.status).collect();
    statuses.sort_by_key(|s| s.key());
    statuses.dedup();
    assert_eq!(statuses.len(), 7, "{statuses:?}");
    assert!(all.sessions.iter().any(|s| s.awaiting_me));
    let published = mentor.availability_get().await.unwrap();
    assert!(published.published);
    let week = mentor
        .availability_week(WeekQuery::default())
        .await
        .unwrap();
    assert!(!week.available.is_empty());
    let profile = mentor.profile_get(UserRef::default()).await.unwrap();
    assert!(profile.rating.count >= 2);
    // Her upcoming confirmed sessions have reminders planned: the tray counts down to the
    // next one and the scheduler has something due.
    let next = mentor
        .next_up()
        .await
        .unwrap()
        .expect("an upcoming session");
    assert!(next.starts_at > mentor.now());
    assert!(mentor.reminders_next().await.unwrap().0.is_some());
    let manager = ws.open().await;
    manager
        .accounts_sign_in(SignIn {
            email: "priya.raman@mentordesk.demo".into(),
            password: mentordesk_api::demo::DEMO_PASSWORD.into(),
        })
        .await
        .unwrap();
    let appointments = manager
        .appointments_list(AppointmentFilter::default())
        .await
        .unwrap();
    assert_eq!(appointments.appointments.len(), 1);
    let responses: Vec<AttendeeResponse> = appointments.appointments[0]
        .attendees
        .iter()
        .map(|a| a.response)
        .collect();
    assert!(responses.contains(&AttendeeResponse::Accepted));
    assert!(responses.contains(&AttendeeResponse::Declined));
    assert!(responses.contains(&AttendeeResponse::Pending));
}

/// Reminders on an injected clock: they fire once at their time with the right words,
/// never twice (not after a restart either), one missed while the app was closed fires
/// at start-up only if its session has not started, and they follow a cancellation.
#[tokio::test]
async fn reminders_fire_once_at_their_time_and_follow_the_session() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    let (mentee, _) = org
        .person_in("kenji@example.org", "Asia/Tokyo", &["mentee"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    // Two sessions two days ahead, at 10:00 and 14:00 London time.
    let start = org.now() + Duration::days(2) + Duration::hours(1);
    let later = start + Duration::hours(4);
    let mut ids = Vec::new();
    for at in [start, later] {
        let s = mentee
            .sessions_request(request(mentor_id, at, 60))
            .await
            .unwrap();
        mentor
            .sessions_act(act(s.session_id, SessionAction::Accept))
            .await
            .unwrap();
        ids.push(s.session_id);
    }
    // 24 h and 10 min before each, for both people.
    let (next, paused) = mentor.reminders_next().await.unwrap();
    assert_eq!(next, Some(start - Duration::hours(24)));
    assert_eq!(paused, None);
    assert!(
        mentor.reminders_fire_due().await.unwrap().is_empty(),
        "nothing due yet"
    );

    org.ws.clock.set(start - Duration::hours(24));
    let fired = mentor.reminders_fire_due().await.unwrap();
    assert_eq!(fired.len(), 2, "one each for the first session");
    let kenji = fired.iter().find(|p| p.user != mentor_id).unwrap();
    assert_eq!(kenji.notification.kind, NotificationKind::Reminder);
    assert_eq!(kenji.notification.title, "Career chat in 24 hours");
    assert_eq!(
        kenji.notification.body,
        "with maria Tester · Wed 4 Nov 19:00–20:00 JST"
    );
    assert_eq!(kenji.notification.subject, Subject::Session(ids[0]));
    assert!(
        mentor.reminders_fire_due().await.unwrap().is_empty(),
        "never twice"
    );
    // A restart (another instance on the workspace) does not fire them again.
    let restarted = org.again("maria@example.org").await;
    assert!(restarted.reminders_fire_due().await.unwrap().is_empty());

    // The app was closed from before 10 minutes ahead until after the first session had
    // started: its 10-minute reminders are dropped, the later session's 24-hour ones
    // (due long ago, session still ahead) fire once.
    org.ws.clock.set(start + Duration::minutes(5));
    let fired = restarted.reminders_fire_due().await.unwrap();
    assert_eq!(fired.len(), 2);
    assert!(fired
        .iter()
        .all(|p| p.notification.subject == Subject::Session(ids[1])
            && p.notification.title.ends_with("in 24 hours")));

    // Cancelling the later session takes its 10-minute reminders away.
    mentee
        .sessions_act(act(ids[1], SessionAction::Cancel))
        .await
        .unwrap();
    org.ws.clock.set(later - Duration::minutes(10));
    assert!(restarted.reminders_fire_due().await.unwrap().is_empty());
    assert_eq!(restarted.reminders_next().await.unwrap().0, None);
}

/// Lead times out of bounds are refused with nothing saved; new lead times move the
/// person's upcoming reminders; a pause holds theirs back until it ends.
#[tokio::test]
async fn reminder_settings_are_checked_replan_reminders_and_pause_them() {
    use mentordesk_shared::conversations::{NotificationSettingsUpdate, PauseReminders};
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    let (mentee, _) = org
        .person_in("kenji@example.org", "Asia/Tokyo", &["mentee"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    let start = org.now() + Duration::days(2) + Duration::hours(1);
    let s = mentee
        .sessions_request(request(mentor_id, start, 60))
        .await
        .unwrap();
    mentor
        .sessions_act(act(s.session_id, SessionAction::Accept))
        .await
        .unwrap();
    let defaults = mentee.notification_settings_get().await.unwrap();
    assert_eq!(defaults.lead_minutes, vec![1440, 10]);
    assert!(defaults.close_to_tray);

    let update = |leads: Vec<u32>| NotificationSettingsUpdate {
        lead_minutes: leads,
        native: vec![
            NotificationKind::Reminder,
            NotificationKind::MessageReceived,
        ],
        close_to_tray: false,
        start_at_login: true,
    };
    for bad in [vec![0], vec![365 * 24 * 60]] {
        let e = mentee
            .notification_settings_save(update(bad))
            .await
            .unwrap_err();
        assert!(e.field_message("lead_minutes").is_some(), "{e:?}");
    }
    assert_eq!(mentee.notification_settings_get().await.unwrap(), defaults);

    let saved = mentee
        .notification_settings_save(update(vec![60]))
        .await
        .unwrap();
    assert_eq!(saved.lead_minutes, vec![60]);
    assert!(!saved.close_to_tray && saved.start_at_login);
    assert!(!saved.native.contains(&NotificationKind::BookingRequest));
    let kenji_due = "SELECT COUNT(*) FROM reminders r JOIN users u ON u.id = r.user_id \
                     WHERE u.email = 'kenji@example.org' AND r.fired_at IS NULL";
    assert_eq!(
        common::sqlx_count(&mentee, kenji_due).await,
        1,
        "one hour before only"
    );

    // Paused until 58 minutes before: the hour-before reminder waits, then fires once.
    org.ws.clock.set(start - Duration::hours(25));
    mentee
        .reminders_pause(PauseReminders {
            minutes: 24 * 60 + 2,
        })
        .await
        .unwrap();
    org.ws.clock.set(start - Duration::minutes(60));
    let fired = mentee.reminders_fire_due().await.unwrap();
    assert!(fired.iter().all(|p| p.user == mentor_id), "Kenji's waits");
    org.ws.clock.set(start - Duration::minutes(55));
    let fired = mentee.reminders_fire_due().await.unwrap();
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].notification.title, "Career chat in 1 hour");
    let too_long = mentee
        .reminders_pause(PauseReminders {
            minutes: 8 * 24 * 60,
        })
        .await
        .unwrap_err();
    assert!(too_long.field_message("minutes").is_some());
}

/// The tray's view: the person reminded on this device is the last one who signed in
/// here; an inactivity lock keeps their next session and pause, signing out ends them.
#[tokio::test]
async fn the_tray_follows_the_person_reminded_here_until_they_sign_out() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    let start = org.now() + Duration::days(2) + Duration::hours(1);
    // Kenji signs in here on a short inactivity timeout.
    let (_, _) = org
        .person_in("kenji@example.org", "Asia/Tokyo", &["mentee"])
        .await;
    let mentee = org.ws.open().await.with_inactivity(30);
    mentee
        .accounts_sign_in(SignIn {
            email: "kenji@example.org".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    assert_eq!(mentee.next_up().await.unwrap(), None, "nothing booked yet");
    let s = mentee
        .sessions_request(request(mentor_id, start, 60))
        .await
        .unwrap();
    assert_eq!(
        mentee.next_up().await.unwrap(),
        None,
        "a request is not a session yet"
    );
    mentor
        .sessions_act(act(s.session_id, SessionAction::Accept))
        .await
        .unwrap();

    org.ws.clock.set(start - Duration::minutes(25));
    let next = mentee
        .next_up()
        .await
        .unwrap()
        .expect("the confirmed session");
    assert_eq!(next.title, "Career chat");
    assert_eq!(next.subject, Subject::Session(s.session_id));
    assert_eq!(next.countdown, "in 25 min");
    // Half an hour without activity locks the app; the tray still knows whom to remind.
    org.ws.clock.set(start - Duration::minutes(2));
    assert_eq!(
        mentee
            .sessions_list(Default::default())
            .await
            .unwrap_err()
            .code,
        ErrorCode::Unauthenticated
    );
    assert_eq!(
        mentee.next_up().await.unwrap().unwrap().countdown,
        "in 2 min"
    );
    let until = mentee.pause_reminders_here(60).await.unwrap();
    assert_eq!(until, Some(org.now() + Duration::hours(1)));
    assert_eq!(mentee.reminders_paused_until().await.unwrap(), until);
    assert_eq!(mentee.pause_reminders_here(0).await.unwrap(), None);
    // A restart remembers the person; signing out forgets them.
    let restarted = org.ws.open().await;
    assert_eq!(restarted.reminder_person(), mentee.reminder_person());
    assert!(restarted.next_up().await.unwrap().is_some());
    mentee.accounts_sign_out().await.unwrap();
    assert_eq!(mentee.reminder_person(), None);
    assert_eq!(mentee.next_up().await.unwrap(), None);
    assert_eq!(mentee.pause_reminders_here(60).await.unwrap(), None);
    assert_eq!(org.ws.open().await.reminder_person(), None);

    // The window's behaviour is the installation's: closing to the tray unless told not to.
    assert_eq!(restarted.shell_preferences().await.unwrap(), (true, false));
}

/// An open action item is announced to its assignee the day before it is due (in their
/// zone), once; moving its date announces the new one; completed items stay quiet.
#[tokio::test]
async fn action_items_coming_due_are_announced_once_per_due_date() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org
        .person_in("maria@example.org", "Europe/London", &["mentor"])
        .await;
    let (mentee, mentee_id) = org
        .person_in("kenji@example.org", "Asia/Tokyo", &["mentee"])
        .await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    let s = mentee
        .sessions_request(request(mentor_id, org.now() + Duration::days(2), 60))
        .await
        .unwrap();
    mentor
        .sessions_act(act(s.session_id, SessionAction::Accept))
        .await
        .unwrap();
    let tokyo: chrono_tz::Tz = "Asia/Tokyo".parse().unwrap();
    let today = org.now().with_timezone(&tokyo).date_naive();
    let add = |title: &str, days: i64| ActionItemInput {
        session_id: s.session_id,
        title: title.into(),
        description: String::new(),
        assignee_id: mentee_id,
        due_date: Some(today + Duration::days(days)),
    };
    let due_items = |fired: &[mentordesk_api::Published]| -> Vec<String> {
        fired
            .iter()
            .filter(|p| p.notification.kind == NotificationKind::ActionItemDue)
            .map(|p| {
                assert_eq!(p.user, mentee_id);
                assert_eq!(p.notification.subject, Subject::Session(s.session_id));
                p.notification.title.clone()
            })
            .collect()
    };
    mentor
        .action_items_add(add("Update the CV", 1))
        .await
        .unwrap();
    mentor
        .action_items_add(add("Read the design doc", 3))
        .await
        .unwrap();
    let detail = mentor.action_items_add(add("Old task", -2)).await.unwrap();
    let old = detail
        .action_items
        .iter()
        .find(|i| i.title == "Old task")
        .unwrap()
        .clone();
    mentee
        .action_items_edit(ActionItemEdit {
            item_id: old.item_id,
            title: old.title.clone(),
            description: String::new(),
            assignee_id: mentee_id,
            due_date: old.due_date,
            status: ActionItemStatus::Completed,
        })
        .await
        .unwrap();

    let fired = mentor.reminders_fire_due().await.unwrap();
    assert_eq!(
        due_items(&fired),
        vec!["Action item due tomorrow: Update the CV".to_string()],
        "the one due tomorrow in Tokyo; not the later one, not the completed one"
    );
    assert!(
        due_items(&mentor.reminders_fire_due().await.unwrap()).is_empty(),
        "once"
    );

    // Two days on (Tokyo), the design doc is due tomorrow; the CV is overdue but was told.
    org.ws.clock.set(org.now() + Duration::days(2));
    assert_eq!(
        due_items(&mentor.reminders_fire_due().await.unwrap()),
        vec!["Action item due tomorrow: Read the design doc".to_string()]
    );
    // Moving the CV's date announces the new date once.
    let cv = mentee
        .sessions_get(SessionRef {
            session_id: s.session_id,
        })
        .await
        .unwrap()
        .action_items
        .into_iter()
        .find(|i| i.title == "Update the CV")
        .unwrap();
    let new_today = org.now().with_timezone(&tokyo).date_naive();
    mentee
        .action_items_edit(ActionItemEdit {
            item_id: cv.item_id,
            title: cv.title.clone(),
            description: String::new(),
            assignee_id: mentee_id,
            due_date: Some(new_today),
            status: ActionItemStatus::InProgress,
        })
        .await
        .unwrap();
    assert_eq!(
        due_items(&mentor.reminders_fire_due().await.unwrap()),
        vec!["Action item due today: Update the CV".to_string()]
    );
    assert!(due_items(&mentor.reminders_fire_due().await.unwrap()).is_empty());
    let list = mentee
        .notifications_list(NotificationQuery {
            unread_only: true,
            before: None,
            limit: None,
        })
        .await
        .unwrap();
    assert_eq!(
        list.items
            .iter()
            .filter(|n| n.kind == NotificationKind::ActionItemDue)
            .count(),
        3
    );
}
