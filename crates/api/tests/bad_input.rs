//! Bad input that used to slip past validation, through the real API on a real SQLite
//! file: control characters in texts, search texts too long for SQLite's LIKE, dates at
//! the ends of what chrono represents, and internal errors that carried SQL text to the
//! window. Each gets a typed error naming its field (or a plain sentence with an error id),
//! and none writes anything.

#[path = "support/workspace.rs"]
mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{office_hours, Org};
use mentordesk_api::Mentordesk;
use mentordesk_core::clock::Clock;
use mentordesk_shared::admin::{AuditQuery, CreateRole, UserFilter, UserQuery};
use mentordesk_shared::conversations::*;
use mentordesk_shared::oversight::{DashboardQuery, NewMeetingReport};
use mentordesk_shared::profiles::{DirectoryQuery, UserRef};
use mentordesk_shared::programme_work::{NewReport, NewTask, ReportFields, TaskFields};
use mentordesk_shared::programmes::{ProgrammeCriteria, ProgrammeFields, ProgrammeQuery};
use mentordesk_shared::scheduling::*;
use mentordesk_shared::sessions::*;
use mentordesk_shared::{ApiError, ErrorCode};
use std::collections::BTreeMap;

/// A NUL first: Rust counts it, SQLite's `length()` stops at it.
const NUL_FIRST: &str = "\u{0}hello";

/// Every table's row count: what "writes nothing" compares.
async fn row_counts(app: &Mentordesk) -> BTreeMap<String, i64> {
    use sqlx::Row;
    let mut conn = app.db().read().await.unwrap();
    let tables: Vec<String> = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get::<String, _>(0))
    .collect();
    let mut counts = BTreeMap::new();
    for table in tables {
        let n: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM \"{table}\""))
            .fetch_one(&mut *conn)
            .await
            .unwrap()
            .get(0);
        counts.insert(table, n);
    }
    counts
}

/// A validation error on `field`, whose message is `wanted`'s.
#[track_caller]
fn assert_field_error(result: Result<impl std::fmt::Debug, ApiError>, field: &str, wanted: &str) {
    let err = result.expect_err("bad input is refused");
    assert_eq!(err.code, ErrorCode::Validation, "{err:?}");
    let message = err
        .field_message(field)
        .unwrap_or_else(|| panic!("no error on {field}: {err:?}"));
    assert!(message.contains(wanted), "{field}: {message}");
}

fn wall(date: NaiveDate) -> WallTime {
    WallTime {
        date,
        time: "10:00".into(),
    }
}

#[tokio::test]
async fn text_starting_with_a_nul_is_a_field_error_and_writes_nothing() {
    let org = Org::new().await;
    let (mentee, mentee_id) = org.person("mina@example.org", &["mentee"]).await;
    let admin = &org.admin;
    let next_week = org.ws.clock.now().date_naive() + Duration::days(7);
    // Things to write into.
    let session = admin
        .sessions_propose(SessionProposal {
            mentee_id,
            start: wall(next_week),
            duration_minutes: 60,
            title: "Kick-off".into(),
            agenda: String::new(),
            meeting_link: String::new(),
        })
        .await
        .unwrap();
    let group = admin
        .groups_create(NewGroup {
            name: "Parents".into(),
            description: String::new(),
        })
        .await
        .unwrap();
    let thread = admin
        .threads_create(NewThread {
            group_id: group.id,
            title: "Hello".into(),
            body: "First post".into(),
        })
        .await
        .unwrap();
    let conversation = admin
        .conversations_open_direct(mentordesk_shared::profiles::UserTarget { user_id: mentee_id })
        .await
        .unwrap();
    let programme = admin
        .programmes_create(ProgrammeFields {
            name: "Women in Tech".into(),
            description: String::new(),
            criteria: ProgrammeCriteria::default(),
            questions: vec![],
        })
        .await
        .unwrap();
    let programme_id = programme.summary.id;
    let before = row_counts(admin).await;
    let profile = admin
        .profile_get(UserRef { user_id: None })
        .await
        .unwrap()
        .fields;

    let control = "control characters";
    let mut fields = profile.clone();
    fields.headline = NUL_FIRST.into();
    fields.bio = NUL_FIRST.into();
    let err = admin.profile_update(fields).await.unwrap_err();
    for field in ["headline", "bio"] {
        assert!(
            err.field_message(field).unwrap().contains(control),
            "{err:?}"
        );
    }
    let mut fields = profile.clone();
    fields.first_name = "Ada\nLovelace".into();
    assert_field_error(admin.profile_update(fields).await, "first_name", "one line");
    assert_field_error(
        admin
            .messages_send(SendMessage {
                conversation_id: conversation.id,
                body: NUL_FIRST.into(),
            })
            .await,
        "body",
        control,
    );
    assert_field_error(
        admin
            .conversations_create_group(NewGroupConversation {
                title: NUL_FIRST.into(),
                members: vec![mentee_id],
            })
            .await,
        "title",
        control,
    );
    assert_field_error(
        admin
            .threads_create(NewThread {
                group_id: group.id,
                title: NUL_FIRST.into(),
                body: "Fine".into(),
            })
            .await,
        "title",
        control,
    );
    assert_field_error(
        admin
            .threads_reply(NewReply {
                thread_id: thread.id,
                body: NUL_FIRST.into(),
            })
            .await,
        "body",
        control,
    );
    assert_field_error(
        admin
            .groups_create(NewGroup {
                name: "Fine".into(),
                description: NUL_FIRST.into(),
            })
            .await,
        "description",
        control,
    );
    assert_field_error(
        admin
            .notes_add(NoteInput {
                session_id: session.session_id,
                body: NUL_FIRST.into(),
                is_private: false,
            })
            .await,
        "body",
        control,
    );
    assert_field_error(
        admin
            .action_items_add(ActionItemInput {
                session_id: session.session_id,
                title: NUL_FIRST.into(),
                description: String::new(),
                assignee_id: mentee_id,
                due_date: None,
            })
            .await,
        "title",
        control,
    );
    assert_field_error(
        admin
            .sessions_edit(SessionEdit {
                session_id: session.session_id,
                meeting_link: None,
                agenda: Some("Plan\u{7}".into()),
                mentor_notes: None,
            })
            .await,
        "agenda",
        control,
    );
    assert_field_error(
        mentee
            .sessions_act(SessionActionRequest {
                session_id: session.session_id,
                action: SessionAction::Decline,
                message: NUL_FIRST.into(),
                new_start: None,
                new_duration_minutes: None,
            })
            .await,
        "message",
        control,
    );
    assert_field_error(
        admin
            .sessions_propose(SessionProposal {
                mentee_id,
                start: wall(next_week + Duration::days(1)),
                duration_minutes: 60,
                title: NUL_FIRST.into(),
                agenda: String::new(),
                meeting_link: String::new(),
            })
            .await,
        "title",
        control,
    );
    assert_field_error(
        admin
            .programmes_create(ProgrammeFields {
                name: NUL_FIRST.into(),
                description: String::new(),
                criteria: ProgrammeCriteria::default(),
                questions: vec![],
            })
            .await,
        "name",
        control,
    );
    assert_field_error(
        admin
            .tasks_create(NewTask {
                programme_id,
                fields: TaskFields {
                    title: NUL_FIRST.into(),
                    ..TaskFields::default()
                },
            })
            .await,
        "title",
        control,
    );
    assert_field_error(
        admin
            .reports_create(NewReport {
                programme_id,
                task_id: None,
                fields: ReportFields {
                    title: "Week 1".into(),
                    achievements: NUL_FIRST.into(),
                    ..ReportFields::default()
                },
            })
            .await,
        "achievements",
        control,
    );
    assert_field_error(
        admin
            .meeting_reports_create(NewMeetingReport {
                title: NUL_FIRST.into(),
                programme_id: None,
                from: next_week,
                to: next_week,
            })
            .await,
        "title",
        control,
    );
    assert_field_error(
        admin
            .roles_create(CreateRole {
                name: NUL_FIRST.into(),
                description: String::new(),
                permissions: vec![],
            })
            .await,
        "name",
        control,
    );
    assert_eq!(row_counts(admin).await, before, "nothing was written");

    // Line feeds and tabs are part of multi-line texts, and unusual but printable text is text.
    let sent = admin
        .messages_send(SendMessage {
            conversation_id: conversation.id,
            body: "Two lines:\n\tindented — Zoë 👩‍👩‍👧 שלום".into(),
        })
        .await
        .unwrap();
    assert!(sent.body.contains("\n\tindented"));
}

#[tokio::test]
async fn search_texts_are_capped_and_their_wildcards_taken_literally() {
    let org = Org::new().await;
    org.person("ann@example.org", &["mentor"]).await;
    let admin = &org.admin;
    let long = "a".repeat(50_000);
    let cap = "at most 200";
    // SQLite refuses a LIKE pattern this long ("LIKE or GLOB pattern too complex").
    assert_field_error(
        admin
            .directory_search(DirectoryQuery {
                text: long.clone(),
                ..DirectoryQuery::default()
            })
            .await,
        "text",
        cap,
    );
    assert_field_error(
        admin
            .users_list(UserQuery {
                filter: UserFilter::All,
                text: long.clone(),
            })
            .await,
        "text",
        cap,
    );
    assert_field_error(
        admin
            .audit_list(AuditQuery {
                text: long.clone(),
                ..AuditQuery::default()
            })
            .await,
        "text",
        cap,
    );
    assert_field_error(
        admin
            .groups_list(GroupQuery {
                search: Some(long.clone()),
            })
            .await,
        "search",
        cap,
    );
    assert_field_error(
        admin
            .programmes_list(ProgrammeQuery {
                text: long.clone(),
                ..ProgrammeQuery::default()
            })
            .await,
        "text",
        cap,
    );
    assert_field_error(
        admin
            .messages_search(MessageSearch {
                query: long.clone(),
            })
            .await,
        "query",
        cap,
    );
    assert_field_error(
        admin
            .directory_search(DirectoryQuery {
                text: "an\u{0}n".into(),
                ..DirectoryQuery::default()
            })
            .await,
        "text",
        "control characters",
    );
    // `%` and `_` are searched for, not wildcards.
    for wildcard in ["%", "_", "\\"] {
        let users = admin
            .users_list(UserQuery {
                filter: UserFilter::All,
                text: wildcard.into(),
            })
            .await
            .unwrap();
        assert!(users.is_empty(), "{wildcard:?} matched {}", users.len());
        let mentors = admin
            .directory_search(DirectoryQuery {
                text: wildcard.into(),
                ..DirectoryQuery::default()
            })
            .await
            .unwrap();
        assert!(mentors.mentors.is_empty(), "{wildcard:?}");
    }
    let found = admin
        .directory_search(DirectoryQuery {
            text: "ann".into(),
            ..DirectoryQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(found.mentors.len(), 1);
}

#[tokio::test]
async fn dates_at_the_ends_of_the_calendar_are_field_errors_not_panics() {
    let org = Org::new().await;
    let (mentor, mentor_id) = org.person("maria@example.org", &["mentor"]).await;
    let (mentee, mentee_id) = org.person("mina@example.org", &["mentee"]).await;
    mentor
        .availability_save(office_hours("Europe/London", &[30, 60]))
        .await
        .unwrap();
    let admin = &org.admin;
    let programme = admin
        .programmes_create(ProgrammeFields {
            name: "Returners".into(),
            ..ProgrammeFields::default()
        })
        .await
        .unwrap()
        .summary
        .id;
    let before = row_counts(admin).await;
    let range = "between 1900 and 2200";
    // What the IPC dates "+262142-12-31" and "-262143-01-01" decode to.
    for date in [NaiveDate::MAX, NaiveDate::MIN] {
        assert_field_error(
            admin
                .slots_find(SlotQuery {
                    mentor_id,
                    duration_minutes: None,
                    from: Some(date),
                    days: Some(366),
                    for_session: None,
                })
                .await,
            "from",
            range,
        );
        assert_field_error(
            mentor
                .availability_week(WeekQuery {
                    week_of: Some(date),
                })
                .await,
            "week_of",
            range,
        );
        assert_field_error(
            admin
                .sessions_list(SessionFilter {
                    to: Some(date),
                    ..SessionFilter::default()
                })
                .await,
            "to",
            range,
        );
        assert_field_error(
            admin
                .dashboard_get(DashboardQuery {
                    programme_id: None,
                    from: date,
                    to: date,
                })
                .await,
            "from",
            range,
        );
        assert_field_error(
            admin
                .meeting_reports_create(NewMeetingReport {
                    title: "Far".into(),
                    programme_id: None,
                    from: date,
                    to: date,
                })
                .await,
            "to",
            range,
        );
        let mut far = office_hours("Europe/London", &[30, 60]);
        far.exceptions.push(DateException {
            date,
            kind: ExceptionKind::Unavailable,
            start: 0,
            end: 1440,
        });
        assert_field_error(mentor.availability_save(far).await, "exceptions", range);
        assert_field_error(
            mentor
                .sessions_propose(SessionProposal {
                    mentee_id,
                    start: wall(date),
                    duration_minutes: 60,
                    title: "Far".into(),
                    agenda: String::new(),
                    meeting_link: String::new(),
                })
                .await,
            "start",
            range,
        );
        assert_field_error(
            admin
                .appointments_create(AppointmentInput {
                    title: "Far".into(),
                    description: String::new(),
                    start: wall(date),
                    duration_minutes: 60,
                    meeting_link: String::new(),
                    attendee_ids: vec![mentee_id],
                })
                .await,
            "start",
            range,
        );
        assert_field_error(
            admin
                .tasks_create(NewTask {
                    programme_id: programme,
                    fields: TaskFields {
                        title: "Far".into(),
                        due_on: Some(date),
                        ..TaskFields::default()
                    },
                })
                .await,
            "due_on",
            range,
        );
        assert_field_error(
            admin
                .programmes_create(ProgrammeFields {
                    name: "Far away".into(),
                    criteria: ProgrammeCriteria {
                        starts_on: Some(date),
                        ..ProgrammeCriteria::default()
                    },
                    ..ProgrammeFields::default()
                })
                .await,
            "starts_on",
            range,
        );
    }
    for at in [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
        assert_field_error(
            admin
                .audit_list(AuditQuery {
                    from: Some(at),
                    ..AuditQuery::default()
                })
                .await,
            "from",
            range,
        );
        assert_field_error(
            mentee
                .sessions_request(SessionRequest {
                    mentor_id,
                    starts_at: at,
                    duration_minutes: 60,
                    title: "Far".into(),
                    agenda: String::new(),
                })
                .await,
            "starts_at",
            range,
        );
    }
    assert_eq!(row_counts(admin).await, before);
}

#[tokio::test]
async fn an_internal_error_quotes_an_id_and_keeps_the_sql_for_the_log() {
    let org = Org::new().await;
    let admin = &org.admin;
    // Break the workspace under the app: the next read of tags fails inside SQLite.
    {
        let mut tx = admin.db().write().await.unwrap();
        sqlx::query("ALTER TABLE tags RENAME TO tags_elsewhere")
            .execute(&mut *tx)
            .await
            .unwrap();
        mentordesk_db::Db::commit(tx).await.unwrap();
    }
    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    let err = admin.tags_list().await.unwrap_err();
    drop(guard);
    assert_eq!(err.code, ErrorCode::Internal);
    let id = err.error_id().expect("an error id to quote").to_string();
    assert!(err.message.starts_with("Something went wrong on our side."));
    for sql in ["no such table", "tags", "SELECT", "database", "sqlite"] {
        assert!(
            !err.message.contains(sql),
            "{sql} reached the window: {}",
            err.message
        );
    }
    let logged = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    let line = logged
        .lines()
        .find(|l| l.contains(&id))
        .unwrap_or_else(|| panic!("no log line with {id}:\n{logged}"));
    assert!(line.contains("no such table: tags"), "{line}");
}

/// What the log receives.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
