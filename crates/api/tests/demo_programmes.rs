//! The demo's programmes, read through the real API as Priya Raman (their manager), Aisha
//! Bello (a mentee in one) and the administrator: what each sees, what waits for a
//! decision, and that the loaded matches respect every mentor's capacity.

#[path = "support/workspace.rs"]
mod common;

use common::{sqlx_count, Workspace};
use mentordesk_api::demo::DEMO_PASSWORD;
use mentordesk_api::Mentordesk;
use mentordesk_shared::accounts::SignIn;
use mentordesk_shared::admin::ApplicationStatus;
use mentordesk_shared::programme_work::{ReportQuery, TaskQuery, TaskStatus};
use mentordesk_shared::programmes::*;

async fn as_demo_user(ws: &Workspace, email: &str) -> Mentordesk {
    let app = ws.open().await;
    app.accounts_sign_in(SignIn {
        email: email.into(),
        password: DEMO_PASSWORD.into(),
    })
    .await
    .unwrap_or_else(|e| panic!("{email} signs in: {e:?}"));
    app
}

#[tokio::test]
async fn the_demo_programmes_show_managers_their_work_and_mentees_their_match() {
    let ws = Workspace::new();
    ws.open()
        .await
        .load_demo()
        .await
        .unwrap()
        .expect("an empty workspace");

    let admin = as_demo_user(&ws, "admin@mentordesk.demo").await;
    let all = admin
        .programmes_list(ProgrammeQuery::default())
        .await
        .unwrap();
    let statuses: Vec<ProgrammeStatus> = all.iter().map(|p| p.status).collect();
    assert_eq!(all.len(), 4);
    assert!(statuses.contains(&ProgrammeStatus::Completed));
    assert_eq!(
        statuses.last(),
        Some(&ProgrammeStatus::Archived),
        "archived last"
    );

    let priya = as_demo_user(&ws, "priya.raman@mentordesk.demo").await;
    let hers = priya
        .programmes_list(ProgrammeQuery::default())
        .await
        .unwrap();
    assert_eq!(hers.len(), 2, "Priya manages two of the four");
    let wit = hers
        .iter()
        .find(|p| p.name == "Women in Tech 2026")
        .expect("Priya runs Women in Tech");
    assert!(wit.can_manage);
    assert_eq!(wit.pending_applications, 3);
    assert_eq!(wit.pending_matches, 2);
    assert_eq!(wit.active_pairs, 8);
    let applications = priya
        .programme_applications_list(ProgrammeApplicationQuery {
            programme_id: Some(wit.id),
            ..ProgrammeApplicationQuery::default()
        })
        .await
        .unwrap();
    assert!(applications
        .iter()
        .any(|a| a.status == ApplicationStatus::Declined && !a.reason.is_empty()));
    assert!(applications
        .iter()
        .filter(|a| a.status == ApplicationStatus::Pending)
        .all(|a| a.answers.len() == 2 && a.answers.iter().all(|q| !q.answer.is_empty())));
    let matches = priya
        .matches_list(MatchQuery {
            programme_id: Some(wit.id),
            statuses: vec![],
        })
        .await
        .unwrap();
    assert!(matches.iter().any(|m| m.status == MatchStatus::Rejected));
    assert!(matches
        .iter()
        .any(|m| m.status == MatchStatus::Pending && m.origin == MatchOrigin::Mentee));
    let waiting = matches
        .iter()
        .find(|m| m.status == MatchStatus::Pending)
        .unwrap();
    let suggestions = priya
        .matches_suggest(MatchSuggestionQuery {
            programme_id: wit.id,
            mentee_id: waiting.mentee.user_id,
        })
        .await
        .unwrap();
    assert_eq!(
        suggestions.len(),
        5,
        "the programme's six mentors but the one she waits for, ranked"
    );
    assert!(suggestions
        .iter()
        .all(|s| s.mentor.user_id != waiting.mentor.user_id));
    assert!(suggestions.windows(2).all(|w| w[0].score >= w[1].score));

    // Work in progress: a task overdue, one in progress, one done, one nobody has; a report
    // whose blockers are still open.
    let tasks = priya
        .tasks_list(TaskQuery {
            programme_id: Some(wit.id),
            mine: false,
        })
        .await
        .unwrap();
    assert_eq!(tasks.len(), 5);
    assert_eq!(tasks.iter().filter(|t| t.overdue).count(), 1);
    for status in TaskStatus::ALL {
        assert!(tasks.iter().any(|t| t.status == status), "{status:?}");
    }
    let open_blockers = priya
        .reports_list(ReportQuery {
            programme_id: Some(wit.id),
            open_blockers: true,
        })
        .await
        .unwrap();
    assert_eq!(open_blockers.len(), 1);

    let aisha = as_demo_user(&ws, "aisha.bello@mentordesk.demo").await;
    let mine = aisha
        .programmes_list(ProgrammeQuery::default())
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].my_roles, vec![ProgrammeRole::Mentee]);
    assert!(!mine[0].can_manage && mine[0].pending_applications == 0);
    let her_matches = aisha.matches_list(MatchQuery::default()).await.unwrap();
    assert_eq!(her_matches.len(), 1);
    assert_eq!(her_matches[0].mentor.name, "Amara Nwosu");
    assert_eq!(her_matches[0].status, MatchStatus::Approved);
    let open = aisha
        .programmes_list(ProgrammeQuery {
            scope: ProgrammeScope::Open,
            ..ProgrammeQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(open.len(), 1, "Career Switchers takes applications");

    // No mentor holds more approved mentees than their capacity.
    let over = sqlx_count(
        &admin,
        "SELECT count(*) FROM (SELECT m.mentor_id, count(*) AS n FROM matches m \
         JOIN profiles p ON p.user_id = m.mentor_id WHERE m.status = 'approved' \
         GROUP BY m.mentor_id HAVING n > coalesce(p.mentee_capacity, 3))",
    )
    .await;
    assert_eq!(over, 0);
}

#[tokio::test]
async fn the_demo_manager_reads_a_lively_dashboard_and_certificates_of_a_finished_programme() {
    use mentordesk_shared::certificates::{
        CertificateCode, CertificateQuery, CertificateStatus, CertificateVerdict,
    };
    use mentordesk_shared::oversight::DashboardQuery;
    let ws = Workspace::new();
    ws.open().await.load_demo().await.unwrap().unwrap();
    let priya = as_demo_user(&ws, "priya.raman@mentordesk.demo").await;
    let today = priya.now().date_naive();
    let board = priya
        .dashboard_get(DashboardQuery {
            programme_id: None,
            from: today - chrono::Duration::weeks(12),
            to: today + chrono::Duration::days(14),
        })
        .await
        .unwrap();
    assert_eq!(board.title, "Your programmes");
    let names: Vec<&str> = board.programmes.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["Women in Tech 2026", "Open Source Mentorship 2026"]
    );
    let wit = &board.programmes[0];
    assert_eq!(wit.active_pairs, 8);
    assert!(wit.counts.attended >= 10, "{:?}", wit.counts);
    assert!(
        wit.counts.no_show >= 1 && wit.counts.upcoming >= 1,
        "{:?}",
        wit.counts
    );
    assert!(wit.rating.is_some_and(|r| r.tenths >= 40));
    assert!(wit.overdue_tasks >= 1 && wit.open_blockers >= 1);
    let busy_weeks = board
        .weeks
        .iter()
        .filter(|w| w.counts.scheduled > 0)
        .count();
    assert!(
        busy_weeks >= 8,
        "meetings spread over the weeks: {busy_weeks}"
    );
    // Every scheduled session is a programme session: the weeks add up to the total.
    let weekly: u32 = board.weeks.iter().map(|w| w.counts.scheduled).sum();
    assert_eq!(weekly, board.counts.scheduled);

    let finished = board.programmes[1].programme_id;
    let certificates = priya
        .certificates_list(CertificateQuery {
            programme_id: Some(finished),
            mine: false,
        })
        .await
        .unwrap()
        .certificates;
    let statuses: Vec<CertificateStatus> = certificates.iter().map(|c| c.status).collect();
    assert_eq!(statuses.len(), 3);
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == CertificateStatus::Approved)
            .count(),
        2
    );
    assert!(statuses.contains(&CertificateStatus::PendingApproval));
    let approved = certificates
        .iter()
        .find(|c| c.status == CertificateStatus::Approved)
        .unwrap();
    assert!(
        approved.series_id.starts_with("OSM"),
        "{}",
        approved.series_id
    );
    let verified = ws
        .open()
        .await
        .certificates_verify(CertificateCode {
            code: approved.code.to_lowercase(),
        })
        .await
        .unwrap();
    assert_eq!(verified.verdict, CertificateVerdict::Valid);

    // Last month's meeting report is saved, with the meetings held then.
    let reports = priya
        .meeting_reports_list(mentordesk_shared::oversight::MeetingReportQuery {
            programme_id: None,
        })
        .await
        .unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].created_by, "Priya Raman");
    assert!(reports[0].totals.attended >= 3, "{:?}", reports[0].totals);
}
