//! Dashboards and meeting reports through the real API on a real SQLite file: sessions a
//! matched pair books count for their programme (also those booked before the match was
//! approved), by what became of them, per week; ratings, pairs, mentors at capacity,
//! overdue tasks and action items (those of sessions booked before the match too) and open
//! blockers; who may read which programme's figures; saved reports and their CSV export;
//! bad input changes nothing.

#[path = "support/workspace.rs"]
mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{count, office_hours, Org, Workspace, FOREVER};
use mentordesk_api::Mentordesk;
use mentordesk_core::clock::Clock;
use mentordesk_core::oversight::{day_number, monday_of_week, week_of_day};
use mentordesk_shared::ids::{ActionItemId, ProgrammeId, SessionId, UserId};
use mentordesk_shared::oversight::*;
use mentordesk_shared::programme_work::*;
use mentordesk_shared::programmes::*;
use mentordesk_shared::scheduling::*;
use mentordesk_shared::sessions::*;
use mentordesk_shared::ErrorCode;

/// A mentor who takes mentees (their default capacity of 3).
async fn accepting(mentor: &Mentordesk) {
    let mut fields = mentor
        .profile_get(mentordesk_shared::profiles::UserRef { user_id: None })
        .await
        .unwrap()
        .fields;
    fields.accepting_mentees = true;
    mentor.profile_update(fields).await.unwrap();
}

async fn programme(
    manager: &Mentordesk,
    name: &str,
    members: &[(UserId, ProgrammeRole)],
) -> ProgrammeId {
    let id = manager
        .programmes_create(ProgrammeFields {
            name: name.into(),
            ..ProgrammeFields::default()
        })
        .await
        .unwrap()
        .summary
        .id;
    for (user, role) in members {
        manager
            .programmes_set_member(ProgrammeMemberChange {
                programme_id: id,
                user_id: *user,
                role: *role,
                add: true,
            })
            .await
            .unwrap();
    }
    id
}

async fn matched(manager: &Mentordesk, programme_id: ProgrammeId, mentor: UserId, mentee: UserId) {
    let m = manager
        .matches_propose(MatchProposal {
            programme_id,
            mentor_id: mentor,
            mentee_id: mentee,
            goal: "Back into engineering".into(),
        })
        .await
        .unwrap();
    manager
        .matches_decide(MatchDecision {
            id: m.id,
            action: MatchAction::Approve,
            reason: String::new(),
        })
        .await
        .unwrap();
}

async fn book(
    mentee: &Mentordesk,
    mentor: &Mentordesk,
    mentor_id: UserId,
    start: DateTime<Utc>,
) -> SessionId {
    let s = mentee
        .sessions_request(SessionRequest {
            mentor_id,
            starts_at: start,
            duration_minutes: 60,
            title: "Career chat".into(),
            agenda: String::new(),
        })
        .await
        .unwrap();
    act(mentor, s.session_id, SessionAction::Accept).await;
    s.session_id
}

async fn act(app: &Mentordesk, id: SessionId, action: SessionAction) {
    app.sessions_act(SessionActionRequest {
        session_id: id,
        action,
        message: String::new(),
        new_start: None,
        new_duration_minutes: None,
    })
    .await
    .unwrap();
}

async fn action_item(
    app: &Mentordesk,
    session_id: SessionId,
    assignee_id: UserId,
    due_date: NaiveDate,
) -> ActionItemId {
    let detail = app
        .action_items_add(ActionItemInput {
            session_id,
            title: "Update the CV".into(),
            description: String::new(),
            assignee_id,
            due_date: Some(due_date),
        })
        .await
        .unwrap();
    detail.action_items.last().unwrap().item_id
}

fn query(programme_id: Option<ProgrammeId>, from: NaiveDate, to: NaiveDate) -> DashboardQuery {
    DashboardQuery {
        programme_id,
        from,
        to,
    }
}

#[tokio::test]
async fn a_programme_dashboard_counts_its_pairs_sessions_and_open_work_for_its_managers_only() {
    let (ws, admin) = Workspace::with_admin().await;
    let org = Org {
        ws,
        admin: admin.with_inactivity(FOREVER),
    };
    let (pat, _) = org.person("pat@example.org", &["programme_manager"]).await;
    let (quinn, _) = org
        .person("quinn@example.org", &["programme_manager"])
        .await;
    let (maria, maria_id) = org.person("maria@example.org", &["mentor"]).await;
    let (ann, ann_id) = org.person("ann@example.org", &["mentee"]).await;
    let (ben, ben_id) = org.person("ben@example.org", &["mentee"]).await;
    let (_cy, cy_id) = org.person("cy@example.org", &["mentee"]).await;
    maria
        .availability_save(office_hours("Europe/London", &[60]))
        .await
        .unwrap();
    accepting(&maria).await;
    let returners = programme(
        &pat,
        "Returners",
        &[
            (maria_id, ProgrammeRole::Mentor),
            (ann_id, ProgrammeRole::Mentee),
            (ben_id, ProgrammeRole::Mentee),
            (cy_id, ProgrammeRole::Mentee),
        ],
    )
    .await;
    let elsewhere = programme(&quinn, "Quinn's cohort", &[]).await;
    matched(&pat, returners, maria_id, ann_id).await;

    let slots = ann
        .slots_find(SlotQuery {
            mentor_id: maria_id,
            duration_minutes: Some(60),
            from: None,
            days: Some(14),
            for_session: None,
        })
        .await
        .unwrap()
        .slots;
    let held = book(&ann, &maria, maria_id, slots[0].starts_at).await;
    let missed = book(&ann, &maria, maria_id, slots[1].starts_at).await;
    let dropped = book(&ann, &maria, maria_id, slots[2].starts_at).await;
    act(&ann, dropped, SessionAction::Cancel).await;
    // Ben books before he is matched: not the programme's yet.
    let later = book(&ben, &maria, maria_id, slots[3].starts_at).await;
    org.ws.clock.set(slots[1].ends_at + Duration::minutes(5));
    act(&maria, held, SessionAction::Complete).await;
    act(&maria, missed, SessionAction::MarkNoShow).await;
    ann.sessions_rate(RatingInput {
        session_id: held,
        rating: 4,
        comment: String::new(),
    })
    .await
    .unwrap();
    // The mentor's rating of the mentee is not the session's rating.
    maria
        .sessions_rate(RatingInput {
            session_id: held,
            rating: 1,
            comment: String::new(),
        })
        .await
        .unwrap();

    let today = org.ws.clock.now().date_naive();
    // Action items: one overdue, one overdue but done, one not due yet; and one of Ben's
    // session, which is not the programme's yet.
    action_item(&maria, held, ann_id, today - Duration::days(2)).await;
    let done = action_item(&maria, held, ann_id, today - Duration::days(3)).await;
    maria
        .action_items_edit(ActionItemEdit {
            item_id: done,
            title: "Update the CV".into(),
            description: String::new(),
            assignee_id: ann_id,
            due_date: Some(today - Duration::days(3)),
            status: ActionItemStatus::Completed,
        })
        .await
        .unwrap();
    action_item(&maria, held, ann_id, today + Duration::days(5)).await;
    action_item(&maria, later, ben_id, today - Duration::days(1)).await;
    let from = slots[0].starts_at.date_naive() - Duration::days(20);
    let to = slots[3].starts_at.date_naive() + Duration::days(10);
    let board = pat
        .dashboard_get(query(Some(returners), from, to))
        .await
        .unwrap();
    assert_eq!(board.title, "Returners");
    assert_eq!(board.active_pairs, 1);
    assert_eq!(
        board.counts,
        SessionCounts {
            scheduled: 2,
            attended: 1,
            cancelled: 1,
            no_show: 1,
            upcoming: 0
        },
        "Ben's session is not the programme's"
    );
    assert_eq!(board.rating.unwrap().label(), "4.0");
    assert_eq!(board.rating.unwrap().ratings, 1);
    let first_week = monday_of_week(week_of_day(day_number(from)));
    assert_eq!(board.weeks[0].week_start, first_week);
    let held_week = monday_of_week(week_of_day(day_number(slots[0].starts_at.date_naive())));
    let week = board
        .weeks
        .iter()
        .find(|w| w.week_start == held_week)
        .unwrap();
    assert!(week.counts.attended >= 1);
    let weekly_total: u32 = board.weeks.iter().map(|w| w.counts.scheduled).sum();
    assert_eq!(weekly_total, 2);
    assert!(board.mentors_at_capacity.is_empty());
    assert_eq!(board.overdue_action_items, 1);

    // Ben and Cy are matched too: Maria is at her (default) capacity of 3, and Ben's
    // session, booked before his match, now counts for the programme.
    matched(&pat, returners, maria_id, ben_id).await;
    matched(&pat, returners, maria_id, cy_id).await;
    // A task due yesterday and a report with a blocker.
    pat.tasks_create(NewTask {
        programme_id: returners,
        fields: TaskFields {
            title: "Collect mid-point feedback".into(),
            description: String::new(),
            due_on: Some(today - Duration::days(1)),
            assignees: vec![maria_id],
        },
    })
    .await
    .unwrap();
    maria
        .reports_create(NewReport {
            programme_id: returners,
            task_id: None,
            fields: ReportFields {
                title: "Week 2".into(),
                achievements: "Two sessions held".into(),
                blockers: "No room booked for the workshop".into(),
                recommendations: String::new(),
            },
        })
        .await
        .unwrap();
    let board = pat
        .dashboard_get(query(Some(returners), from, to))
        .await
        .unwrap();
    assert_eq!(board.active_pairs, 3);
    assert_eq!(board.counts.scheduled, 3);
    assert_eq!(board.counts.upcoming, 1);
    assert_eq!(board.overdue_tasks, 1);
    assert_eq!(board.open_blockers, 1);
    assert_eq!(
        board.overdue_action_items, 2,
        "Ben's session's item counts with his session"
    );
    assert_eq!(board.mentors_at_capacity.len(), 1);
    assert_eq!(board.mentors_at_capacity[0].user_id, maria_id);
    assert_eq!(
        (
            board.mentors_at_capacity[0].mentees,
            board.mentors_at_capacity[0].capacity
        ),
        (3, 3)
    );

    // Across programmes: a manager reads hers, an administrator all, a mentee none.
    let mine = pat.dashboard_get(query(None, from, to)).await.unwrap();
    assert_eq!(mine.title, "Your programmes");
    assert_eq!(mine.programmes.len(), 1);
    assert_eq!(mine.counts, board.counts);
    let all = org
        .admin
        .dashboard_get(query(None, from, to))
        .await
        .unwrap();
    assert_eq!(all.title, "All programmes");
    let names: Vec<_> = all.programmes.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Returners", "Quinn's cohort"], "busiest first");
    assert_eq!(all.counts, board.counts);
    assert_eq!(all.overdue_action_items, 2);
    let err = quinn
        .dashboard_get(query(Some(returners), from, to))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let theirs = quinn.dashboard_get(query(None, from, to)).await.unwrap();
    assert_eq!(theirs.programmes.len(), 1);
    assert_eq!(theirs.programmes[0].programme_id, elsewhere);
    assert_eq!(theirs.counts, SessionCounts::default());
    let err = ann
        .dashboard_get(query(Some(returners), from, to))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden, "a member, not a manager");
    assert!(ann
        .dashboard_get(query(None, from, to))
        .await
        .unwrap()
        .programmes
        .is_empty());

    // A range that ends before it starts.
    let err = pat
        .dashboard_get(query(Some(returners), to, from))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(
        err.field_message("to"),
        Some("The end date is before the start date.")
    );
}

#[tokio::test]
async fn a_saved_meeting_report_counts_per_programme_and_mentor_and_exports_as_csv() {
    let (ws, admin) = Workspace::with_admin().await;
    let org = Org {
        ws,
        admin: admin.with_inactivity(FOREVER),
    };
    let (pat, _) = org.person("pat@example.org", &["programme_manager"]).await;
    let (quinn, _) = org
        .person("quinn@example.org", &["programme_manager"])
        .await;
    let (maria, maria_id) = org.person("maria@example.org", &["mentor"]).await;
    let (ann, ann_id) = org.person("ann@example.org", &["mentee"]).await;
    maria
        .availability_save(office_hours("Europe/London", &[60]))
        .await
        .unwrap();
    accepting(&maria).await;
    let returners = programme(
        &pat,
        "Returners, \"2027\"",
        &[
            (maria_id, ProgrammeRole::Mentor),
            (ann_id, ProgrammeRole::Mentee),
        ],
    )
    .await;
    matched(&pat, returners, maria_id, ann_id).await;
    let slots = ann
        .slots_find(SlotQuery {
            mentor_id: maria_id,
            duration_minutes: Some(60),
            from: None,
            days: Some(14),
            for_session: None,
        })
        .await
        .unwrap()
        .slots;
    let held = book(&ann, &maria, maria_id, slots[0].starts_at).await;
    let _upcoming = book(&ann, &maria, maria_id, slots[5].starts_at).await;
    org.ws.clock.set(slots[0].ends_at + Duration::minutes(1));
    act(&maria, held, SessionAction::Complete).await;

    let from = slots[0].starts_at.date_naive();
    let to = slots[5].starts_at.date_naive();
    // Bad input first: nothing is saved.
    let err = pat
        .meeting_reports_create(NewMeetingReport {
            title: " ".into(),
            programme_id: Some(returners),
            from,
            to,
        })
        .await
        .unwrap_err();
    assert_eq!(err.field_message("title"), Some("Give the report a title."));
    let err = quinn
        .meeting_reports_create(NewMeetingReport {
            title: "Not mine".into(),
            programme_id: Some(returners),
            from,
            to,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(count(&pat, "meeting_reports").await, 0);

    let report = pat
        .meeting_reports_create(NewMeetingReport {
            title: "Autumn meetings".into(),
            programme_id: Some(returners),
            from,
            to,
        })
        .await
        .unwrap();
    assert_eq!(report.created_by, "pat Tester");
    assert_eq!(report.rows.len(), 1);
    assert_eq!(report.rows[0].mentor_name, "maria Tester");
    assert_eq!(
        report.totals,
        SessionCounts {
            scheduled: 2,
            attended: 1,
            cancelled: 0,
            no_show: 0,
            upcoming: 1
        }
    );
    // Saved as it was: later sessions do not change it.
    act(&ann, _upcoming, SessionAction::Cancel).await;
    let again = pat
        .meeting_reports_get(MeetingReportRef {
            report_id: report.id,
        })
        .await
        .unwrap();
    assert_eq!(again.totals, report.totals);
    let listed = org
        .admin
        .meeting_reports_list(MeetingReportQuery { programme_id: None })
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].title, "Autumn meetings");
    assert!(quinn
        .meeting_reports_list(MeetingReportQuery { programme_id: None })
        .await
        .unwrap()
        .is_empty());
    let err = quinn
        .meeting_reports_get(MeetingReportRef {
            report_id: report.id,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    let saved = pat
        .meeting_reports_export(MeetingReportExport {
            report_id: report.id,
            format: ExportFormat::Csv,
        })
        .await
        .unwrap();
    assert!(std::path::Path::new(&saved.path).starts_with(org.ws.path().join("downloads")));
    assert!(saved.file_name.ends_with(".csv"), "{}", saved.file_name);
    let text = std::fs::read_to_string(&saved.path).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        vec![
            "Programme,Mentor,Scheduled,Attended,No-show,Cancelled,Upcoming",
            "\"Returners, \"\"2027\"\"\",maria Tester,2,1,0,0,1",
            "\"Returners, \"\"2027\"\"\",All mentors,2,1,0,0,1",
            "All programmes,All mentors,2,1,0,0,1",
        ]
    );

    let pdf = pat
        .meeting_reports_export(MeetingReportExport {
            report_id: report.id,
            format: ExportFormat::Pdf,
        })
        .await
        .unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", &pdf.path, "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh --for-tests");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Autumn meetings"), "{text}");
    assert!(text.contains("maria Tester"), "{text}");
    assert!(text.contains("Saved by"), "{text}");
    assert!(text.contains("pat Tester"), "{text}");
}
