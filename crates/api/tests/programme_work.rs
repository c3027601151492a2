//! A programme's tasks and reports through the real API on a real SQLite file: managers
//! create and assign tasks, assignees move them on, overdue ones are marked, members write
//! reports whose blockers managers resolve; outsiders see nothing, and bad input changes
//! nothing.

#[path = "support/workspace.rs"]
mod common;

use chrono::{Duration, NaiveDate};
use common::{count, Workspace};
use mentordesk_api::Mentordesk;
use mentordesk_core::clock::Clock;
use mentordesk_shared::admin::SetUserRoles;
use mentordesk_shared::ids::{ProgrammeId, UserId};
use mentordesk_shared::programme_work::*;
use mentordesk_shared::programmes::*;
use mentordesk_shared::ErrorCode;

struct Team {
    ws: Workspace,
    pat: (Mentordesk, UserId),
    maria: (Mentordesk, UserId),
    ann: (Mentordesk, UserId),
    zed: (Mentordesk, UserId),
    programme: ProgrammeId,
}

async fn team() -> Team {
    let (ws, admin) = Workspace::with_admin().await;
    let roles = admin.roles_list().await.unwrap();
    let role = |key: &str| roles.iter().find(|r| r.key == key).unwrap().id;
    let pat = ws.mentee("pat@example.org").await;
    admin
        .users_set_roles(SetUserRoles {
            user_id: pat.1,
            role_ids: vec![role("programme_manager")],
        })
        .await
        .unwrap();
    let maria = ws.mentee("maria@example.org").await;
    admin
        .users_set_roles(SetUserRoles {
            user_id: maria.1,
            role_ids: vec![role("mentor")],
        })
        .await
        .unwrap();
    let ann = ws.mentee("ann@example.org").await;
    let zed = ws.mentee("zed@example.org").await;
    let programme = pat
        .0
        .programmes_create(ProgrammeFields {
            name: "Returners".into(),
            ..ProgrammeFields::default()
        })
        .await
        .unwrap()
        .summary
        .id;
    for (user, role) in [
        (maria.1, ProgrammeRole::Mentor),
        (ann.1, ProgrammeRole::Mentee),
    ] {
        pat.0
            .programmes_set_member(ProgrammeMemberChange {
                programme_id: programme,
                user_id: user,
                role,
                add: true,
            })
            .await
            .unwrap();
    }
    Team {
        ws,
        pat,
        maria,
        ann,
        zed,
        programme,
    }
}

fn task(title: &str, due_on: Option<NaiveDate>, assignees: Vec<UserId>) -> TaskFields {
    TaskFields {
        title: title.into(),
        description: "Collect what each pair wants from the programme.".into(),
        due_on,
        assignees,
    }
}

#[tokio::test]
async fn managers_assign_tasks_that_assignees_move_on_until_completed() {
    let t = team().await;
    let today = t.ws.clock.now().date_naive();
    // Bad input: no title, someone outside the programme; nothing stored.
    let err = t
        .pat
        .0
        .tasks_create(NewTask {
            programme_id: t.programme,
            fields: task("  ", None, vec![t.zed.1]),
        })
        .await
        .unwrap_err();
    assert!(err.field_message("title").is_some() && err.field_message("assignees").is_some());
    assert_eq!(count(&t.pat.0, "programme_tasks").await, 0);
    // Mentors and mentees do not create tasks.
    let err = t
        .maria
        .0
        .tasks_create(NewTask {
            programme_id: t.programme,
            fields: task("Mine", None, vec![]),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);

    let open = t
        .pat
        .0
        .tasks_create(NewTask {
            programme_id: t.programme,
            fields: task("Plan the kick-off", None, vec![]),
        })
        .await
        .unwrap();
    assert_eq!(open.status, TaskStatus::Unassigned);
    let survey = t
        .pat
        .0
        .tasks_create(NewTask {
            programme_id: t.programme,
            fields: task(
                "Run the intake survey",
                Some(today - Duration::days(1)),
                vec![t.maria.1],
            ),
        })
        .await
        .unwrap();
    assert_eq!(survey.status, TaskStatus::Pending);
    assert!(survey.overdue, "due yesterday and not done");
    assert_eq!(survey.assignees[0].user_id, t.maria.1);

    // Ann is a member but not assigned: she sees it and cannot move it.
    let anns = t
        .ann
        .0
        .tasks_list(TaskQuery {
            programme_id: Some(t.programme),
            mine: false,
        })
        .await
        .unwrap();
    assert_eq!(anns.len(), 2);
    assert!(anns
        .iter()
        .all(|v| v.next_statuses.is_empty() && !v.can_edit));
    let err = t
        .ann
        .0
        .tasks_set_status(TaskStatusChange {
            id: survey.id,
            status: TaskStatus::InProgress,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    // Outsiders see nothing.
    let err = t
        .zed
        .0
        .tasks_list(TaskQuery {
            programme_id: Some(t.programme),
            mine: false,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    // Maria moves hers on; an unassigned task cannot start.
    let started = t
        .maria
        .0
        .tasks_set_status(TaskStatusChange {
            id: survey.id,
            status: TaskStatus::InProgress,
        })
        .await
        .unwrap();
    assert_eq!(started.status, TaskStatus::InProgress);
    let done = t
        .maria
        .0
        .tasks_set_status(TaskStatusChange {
            id: survey.id,
            status: TaskStatus::Completed,
        })
        .await
        .unwrap();
    assert!(done.completed_at.is_some() && !done.overdue);
    let err = t
        .pat
        .0
        .tasks_set_status(TaskStatusChange {
            id: open.id,
            status: TaskStatus::InProgress,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let mine = t
        .maria
        .0
        .tasks_list(TaskQuery {
            programme_id: None,
            mine: true,
        })
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);

    // Assigning someone makes the open task pending; unassigning makes it unassigned again.
    let assigned = t
        .pat
        .0
        .tasks_update(TaskEdit {
            id: open.id,
            fields: task("Plan the kick-off", None, vec![t.ann.1]),
        })
        .await
        .unwrap();
    assert_eq!(assigned.status, TaskStatus::Pending);
    let unassigned = t
        .pat
        .0
        .tasks_update(TaskEdit {
            id: open.id,
            fields: task("Plan the kick-off", None, vec![]),
        })
        .await
        .unwrap();
    assert_eq!(unassigned.status, TaskStatus::Unassigned);
    t.pat.0.tasks_delete(TaskRef { id: open.id }).await.unwrap();
    assert_eq!(count(&t.pat.0, "programme_tasks").await, 1);
}

#[tokio::test]
async fn members_write_reports_and_managers_resolve_their_blockers() {
    let t = team().await;
    let survey = t
        .pat
        .0
        .tasks_create(NewTask {
            programme_id: t.programme,
            fields: task("Run the intake survey", None, vec![t.maria.1]),
        })
        .await
        .unwrap();
    let err = t
        .maria
        .0
        .reports_create(NewReport {
            programme_id: t.programme,
            task_id: Some(survey.id),
            fields: ReportFields {
                title: "Survey".into(),
                ..ReportFields::default()
            },
        })
        .await
        .unwrap_err();
    assert!(err.field_message("achievements").is_some());
    assert_eq!(count(&t.pat.0, "programme_reports").await, 0);

    let report = t
        .maria
        .0
        .reports_create(NewReport {
            programme_id: t.programme,
            task_id: Some(survey.id),
            fields: ReportFields {
                title: "Survey, week 1".into(),
                achievements: "14 of 20 answered.".into(),
                blockers: "Two mentees have no e-mail on file.".into(),
                recommendations: "Ask at the kick-off.".into(),
            },
        })
        .await
        .unwrap();
    assert_eq!(report.kind, ReportKind::Task);
    assert!(report.blockers_open && !report.can_resolve);
    let err = t
        .zed
        .0
        .reports_create(NewReport {
            programme_id: t.programme,
            task_id: None,
            fields: ReportFields {
                title: "Outside".into(),
                achievements: "x".into(),
                ..ReportFields::default()
            },
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    let err = t
        .maria
        .0
        .reports_set_blockers(ReportBlockers {
            id: report.id,
            resolved: true,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let open = t
        .pat
        .0
        .reports_list(ReportQuery {
            programme_id: Some(t.programme),
            open_blockers: true,
        })
        .await
        .unwrap();
    assert_eq!(open.len(), 1);
    assert!(open[0].can_resolve);
    let resolved = t
        .pat
        .0
        .reports_set_blockers(ReportBlockers {
            id: report.id,
            resolved: true,
        })
        .await
        .unwrap();
    assert!(!resolved.blockers_open);
    assert!(t
        .pat
        .0
        .reports_list(ReportQuery {
            programme_id: Some(t.programme),
            open_blockers: true,
        })
        .await
        .unwrap()
        .is_empty());
    let all = t
        .ann
        .0
        .reports_list(ReportQuery {
            programme_id: Some(t.programme),
            open_blockers: false,
        })
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].task.as_ref().unwrap().1, "Run the intake survey");
    let listed = t
        .pat
        .0
        .tasks_list(TaskQuery {
            programme_id: Some(t.programme),
            mine: false,
        })
        .await
        .unwrap();
    assert_eq!(listed[0].reports, 1);
}
