//! Garbage through every IPC command, via Tauri's mock runtime.
//!
//! [`cases`] holds one valid sample request per command (so it also documents the shapes
//! the UI sends), run as an administrator on a workspace with data, where a second,
//! third… person's ids stand for "other people's ids". Each sample is walked leaf by leaf
//! and every leaf replaced with garbage of its kind ([`Kind`]): empty, 100,000 characters,
//! a leading NUL, other control characters, odd Unicode (bidi overrides, zero-width
//! joiners, combining marks, a BOM), the wrong type, 0 / -1 / u32::MAX / i64::MAX / 1e308,
//! dates at the ends of what chrono represents and outside 1900–2200, unknown ids and
//! other people's ids, empty and 1,000-element lists. For every variant:
//!
//! - the call returns (no panic), and an error is `{code, message, fields}` with a code that
//!   is not `internal`; a `validation` error names a field (a request that does not
//!   decode is a `validation` error on `req`);
//! - control characters, 100,000 characters and out-of-range dates are refused, except in
//!   the few fields that are looked up rather than stored (a code to verify, a password
//!   to compare), listed per case;
//! - the row count of every table in the SQLite file is unchanged, except where the
//!   variant is valid input: those are listed per case (`writes`), e.g. odd Unicode in a
//!   message body. Failed sign-ins and reset attempts are audited (`audits_failures`).
//!
//! Each sample itself runs last, after its variants, and must decode. `GARBAGE_STATS=1`
//! (with `--nocapture`) prints every variant's answer, to see what the garbage reached.

#[path = "support/ipc.rs"]
mod ipc;

use base64::Engine;
use mentordesk_api::Mentordesk;
use mentordesk_shell::{with_commands, COMMAND_NAMES};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::WebviewWindow;

const PASSWORD: &str = "violet harbour lamp";
const ADMIN: &str = "ops@example.org";
const UNKNOWN_ID: &str = "00000000-0000-4000-8000-000000000000";

/// What replaces a leaf of a sample request.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Empty,
    /// 100,000 characters.
    Huge,
    /// A NUL first ("\u0000hello"): Rust counts it, SQLite's `length()` stops at it.
    Nul,
    /// Bell, escape sequences, DEL, a C1 control.
    Controls,
    /// A line feed and a tab: fine in multi-line texts only.
    Lines,
    /// A right-to-left override, zero-width joiner and space.
    Bidi,
    /// Stacked combining marks, a family emoji, a byte-order mark.
    Combining,
    WrongType,
    Null,
    Zero,
    MinusOne,
    U32Max,
    I64Max,
    HugeFloat,
    Fraction,
    /// "+262142-12-31": chrono's last date.
    DateMax,
    /// "-262143-01-01": chrono's first date.
    DateMin,
    /// 1899-12-31: representable, outside the years requests may name.
    DateOld,
    /// 30 February.
    DateInvalid,
    InstantMax,
    InstantMin,
    InstantFar,
    UnknownId,
    /// One of other people's things (see `World::foreign`).
    Foreign(String),
    EmptyList,
    /// The list's first element 1,000 times.
    LongList,
    EmptyObject,
}

impl Kind {
    fn value(&self, original: &Value) -> Value {
        match self {
            Kind::Empty => json!(""),
            Kind::Huge => json!("x".repeat(100_000)),
            Kind::Nul => json!("\u{0}hello"),
            Kind::Controls => json!("bell\u{7} esc\u{1b}[2J del\u{7f} nel\u{85}"),
            Kind::Lines => json!("two\nlines\tand a tab"),
            Kind::Bidi => json!("\u{202e}evil\u{202c} zw\u{200d}j\u{200b}s"),
            Kind::Combining => json!("Zoe\u{301}\u{301}\u{301} 👩‍👩‍👧 \u{feff}bom"),
            Kind::WrongType => match original {
                Value::String(_) => json!(12345),
                Value::Number(_) => json!("12"),
                Value::Bool(_) => json!("true"),
                _ => json!("req"),
            },
            Kind::Null => Value::Null,
            Kind::Zero => json!(0),
            Kind::MinusOne => json!(-1),
            Kind::U32Max => json!(u32::MAX),
            Kind::I64Max => json!(i64::MAX),
            Kind::HugeFloat => json!(1e308),
            Kind::Fraction => json!(0.5),
            Kind::DateMax => json!("+262142-12-31"),
            Kind::DateMin => json!("-262143-01-01"),
            Kind::DateOld => json!("1899-12-31"),
            Kind::DateInvalid => json!("2026-02-30"),
            Kind::InstantMax => json!("+262142-12-31T23:59:59Z"),
            Kind::InstantMin => json!("-262143-01-01T00:00:00Z"),
            Kind::InstantFar => json!("9999-12-31T23:59:59Z"),
            Kind::UnknownId => json!(UNKNOWN_ID),
            Kind::Foreign(id) => match original {
                Value::Number(_) => id.parse::<i64>().map(|n| json!(n)).unwrap_or(json!(id)),
                _ => json!(id),
            },
            Kind::EmptyList => json!([]),
            Kind::LongList => {
                let first = original
                    .as_array()
                    .and_then(|a| a.first())
                    .cloned()
                    .unwrap_or(Value::Null);
                Value::Array(vec![first; 1000])
            }
            Kind::EmptyObject => json!({}),
        }
    }

    /// Must be refused wherever it lands (unless the field is only looked up).
    fn must_be_refused(&self) -> bool {
        matches!(
            self,
            Kind::Huge
                | Kind::Nul
                | Kind::Controls
                | Kind::DateMax
                | Kind::DateMin
                | Kind::DateOld
                | Kind::InstantMax
                | Kind::InstantMin
                | Kind::InstantFar
        )
    }
}

/// Classes of garbage that are valid input somewhere, for `Case::writes`.
#[derive(Debug, Clone, Copy)]
enum Class {
    /// An empty text (an optional field).
    Empty,
    /// Odd but printable Unicode: valid in every text.
    Line,
    /// Odd Unicode, line feeds and tabs: valid in multi-line texts.
    Text,
    /// Another person's or thing's id.
    Foreign,
    /// Numbers such as 0 that the rules accept.
    Number,
    /// A list emptied or repeated.
    List,
    /// Anything (documented where used).
    Any,
}

impl Class {
    fn covers(self, kind: &Kind) -> bool {
        match self {
            Class::Empty => *kind == Kind::Empty,
            Class::Line => matches!(kind, Kind::Bidi | Kind::Combining),
            Class::Text => matches!(kind, Kind::Bidi | Kind::Combining | Kind::Lines),
            Class::Foreign => matches!(kind, Kind::Foreign(_)),
            Class::Number => matches!(
                kind,
                Kind::Zero | Kind::U32Max | Kind::I64Max | Kind::HugeFloat | Kind::Fraction
            ),
            Class::List => matches!(kind, Kind::EmptyList | Kind::LongList),
            Class::Any => true,
        }
    }
}

struct Case {
    cmd: &'static str,
    /// The sample `req`; `None` for commands without one.
    req: Option<Value>,
    /// Leaves (JSON pointers without the leading `/`) where garbage of these classes is
    /// valid input and may write rows.
    writes: Vec<(&'static str, &'static [Class])>,
    /// Leaves that are looked up or compared (a code, a password to check), or cleaned
    /// rather than stored as typed (an uploaded file's name): garbage there is a miss or
    /// is cleaned away, not an error.
    lookups: &'static [&'static str],
    /// Failed attempts are audited (sign-in, reset codes): an error may add audit rows.
    audits_failures: bool,
    /// Tables an accepted variant may add rows to whatever it changed (an update that is
    /// audited every time).
    ok_adds: &'static [&'static str],
    /// An update: the sample is applied before the variants and again after each one that
    /// is accepted, so each variant is compared with the sample's state.
    restores: bool,
}

fn case(cmd: &'static str, req: Value) -> Case {
    Case {
        cmd,
        req: Some(req),
        writes: Vec::new(),
        lookups: &[],
        audits_failures: false,
        ok_adds: &[],
        restores: false,
    }
}

fn bare(cmd: &'static str) -> Case {
    Case {
        cmd,
        req: None,
        writes: Vec::new(),
        lookups: &[],
        audits_failures: false,
        ok_adds: &[],
        restores: false,
    }
}

impl Case {
    fn writes(mut self, path: &'static str, classes: &'static [Class]) -> Self {
        self.writes.push((path, classes));
        self
    }

    fn lookups(mut self, paths: &'static [&'static str]) -> Self {
        self.lookups = paths;
        self
    }

    fn audits_failures(mut self) -> Self {
        self.audits_failures = true;
        self
    }

    fn ok_adds(mut self, tables: &'static [&'static str]) -> Self {
        self.ok_adds = tables;
        self
    }

    fn restores(mut self) -> Self {
        self.restores = true;
        self
    }

    fn may_write(&self, path: &str, kind: &Kind) -> bool {
        self.writes
            .iter()
            .any(|(p, classes)| *p == path && classes.iter().any(|c| c.covers(kind)))
    }
}

const TEXT: &[Class] = &[Class::Text, Class::Empty];
const REQUIRED_TEXT: &[Class] = &[Class::Text];
const LINE: &[Class] = &[Class::Line, Class::Empty];
const REQUIRED_LINE: &[Class] = &[Class::Line];
const FOREIGN: &[Class] = &[Class::Foreign];

// ---- The app and its data ----

struct World {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    api: Arc<Mentordesk>,
    _dir: tempfile::TempDir,
    /// Named ids and values of the samples.
    ids: BTreeMap<&'static str, String>,
    /// Ids of things that belong to others.
    foreign: Vec<String>,
    count_sql: String,
}

fn block<T>(f: impl std::future::Future<Output = T>) -> T {
    tauri::async_runtime::block_on(f)
}

fn png_base64() -> String {
    let img = image::RgbImage::from_pixel(8, 8, image::Rgb([200, 80, 40]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn world() -> World {
    use mentordesk_shared::accounts::*;
    use mentordesk_shared::admin::*;
    use mentordesk_shared::conversations::*;
    use mentordesk_shared::profiles::UserTarget;
    use mentordesk_shared::programme_work::*;
    use mentordesk_shared::programmes::*;
    use mentordesk_shared::scheduling::*;
    use mentordesk_shared::sessions::*;

    let dir = tempfile::tempdir().unwrap();
    let api = Arc::new(block(Mentordesk::open(dir.path())).unwrap());
    let admin = &api;
    let me = block(admin.accounts_create_first_admin(CreateFirstAdmin {
        email: ADMIN.into(),
        password: PASSWORD.into(),
        first_name: "Olu".into(),
        last_name: "Ops".into(),
    }))
    .unwrap();
    let mut ids: BTreeMap<&'static str, String> = BTreeMap::new();
    ids.insert("admin", me.user_id.to_string());
    let roles = block(admin.roles_list()).unwrap();
    let role = |key: &str| roles.iter().find(|r| r.key == key).unwrap().id;
    ids.insert("mentee_role", role("mentee").to_string());
    ids.insert("mentor_role", role("mentor").to_string());
    let person = |email: &str, first: &str, role_key: &str| {
        let app = block(Mentordesk::open(dir.path())).unwrap();
        let me = block(app.accounts_sign_up(SignUp {
            email: email.into(),
            password: PASSWORD.into(),
            first_name: first.into(),
            last_name: "Tester".into(),
            intent: SignUpIntent::Mentee,
            time_zone: Some("UTC".into()),
        }))
        .unwrap();
        block(admin.users_set_roles(SetUserRoles {
            user_id: me.user_id,
            role_ids: vec![role(role_key)],
        }))
        .unwrap();
        (app, me.user_id)
    };
    let (maria, maria_id) = person("maria@example.org", "Maria", "mentor");
    let (mina, mina_id) = person("mina@example.org", "Mina", "mentee");
    let (olga, olga_id) = person("olga@example.org", "Olga", "mentee");
    let (_tom, tom_id) = person("tom@example.org", "Tom", "mentee");
    for (name, id) in [
        ("maria", maria_id),
        ("mina", mina_id),
        ("olga", olga_id),
        ("tom", tom_id),
    ] {
        ids.insert(name, id.to_string());
    }
    let today = admin.now().date_naive();
    let day = |n: i64| today + chrono::Duration::days(n);
    for n in [-30, 0, 7, 8, 9, 11, 14, 20, 365] {
        ids.insert(
            Box::leak(format!("day{n}").into_boxed_str()),
            day(n).to_string(),
        );
    }
    let hours = Availability {
        time_zone: "UTC".into(),
        weekly: [
            chrono::Weekday::Mon,
            chrono::Weekday::Tue,
            chrono::Weekday::Wed,
            chrono::Weekday::Thu,
            chrono::Weekday::Fri,
            chrono::Weekday::Sat,
            chrono::Weekday::Sun,
        ]
        .into_iter()
        .map(|weekday| WeeklyRange {
            weekday,
            start: 9 * 60,
            end: 17 * 60,
        })
        .collect(),
        exceptions: vec![],
        settings: BookingSettings {
            durations: vec![30, 60],
            min_notice_minutes: 0,
            horizon_days: 56,
            step_minutes: 60,
            ..BookingSettings::default()
        },
    };
    block(maria.availability_save(hours)).unwrap();
    let mut fields =
        block(maria.profile_get(mentordesk_shared::profiles::UserRef { user_id: None }))
            .unwrap()
            .fields;
    fields.accepting_mentees = true;
    block(maria.profile_update(fields)).unwrap();

    // Sessions: the admin's with Mina, and Maria's with Mina (not the admin's).
    let wall = |n: i64, time: &str| WallTime {
        date: day(n),
        time: time.into(),
    };
    let s1 = block(admin.sessions_propose(SessionProposal {
        mentee_id: mina_id,
        start: wall(7, "10:00"),
        duration_minutes: 60,
        title: "Kick-off".into(),
        agenda: "Goals".into(),
        meeting_link: String::new(),
    }))
    .unwrap()
    .session_id;
    // Confirmed, so its mentor (the admin) may propose a new time.
    block(mina.sessions_act(SessionActionRequest {
        session_id: s1,
        action: SessionAction::Accept,
        message: String::new(),
        new_start: None,
        new_duration_minutes: None,
    }))
    .unwrap();
    let slot = |app: &Mentordesk, skip: usize| {
        block(app.slots_find(SlotQuery {
            mentor_id: maria_id,
            duration_minutes: Some(60),
            from: Some(day(2)),
            days: Some(14),
            for_session: None,
        }))
        .unwrap()
        .slots[skip]
            .starts_at
    };
    let s2 = block(mina.sessions_request(SessionRequest {
        mentor_id: maria_id,
        starts_at: slot(&mina, 0),
        duration_minutes: 60,
        title: "Career chat".into(),
        agenda: String::new(),
    }))
    .unwrap()
    .session_id;
    ids.insert("s1", s1.to_string());
    ids.insert("s2", s2.to_string());
    ids.insert("free_slot", slot(admin, 3).to_rfc3339());
    let note = |app: &Mentordesk, s| {
        block(app.notes_add(NoteInput {
            session_id: s,
            body: "A note".into(),
            is_private: false,
        }))
        .unwrap()
        .notes
        .last()
        .unwrap()
        .note_id
    };
    ids.insert("n1", note(admin, s1).to_string());
    ids.insert("n2", note(&maria, s2).to_string());
    let item = |app: &Mentordesk, s, who| {
        block(app.action_items_add(ActionItemInput {
            session_id: s,
            title: "Update CV".into(),
            description: String::new(),
            assignee_id: who,
            due_date: Some(day(14)),
        }))
        .unwrap()
        .action_items
        .last()
        .unwrap()
        .item_id
    };
    ids.insert("a1", item(admin, s1, mina_id).to_string());
    ids.insert("a2", item(&maria, s2, mina_id).to_string());

    // Appointments: the admin's, one the admin is invited to, and one of others.
    let appointment = |app: &Mentordesk, n, attendees: Vec<_>| {
        block(app.appointments_create(AppointmentInput {
            title: "Circle".into(),
            description: String::new(),
            start: wall(n, "15:00"),
            duration_minutes: 60,
            meeting_link: String::new(),
            attendee_ids: attendees,
        }))
        .unwrap()
        .appointment_id
    };
    ids.insert("ap1", appointment(admin, 9, vec![mina_id]).to_string());
    ids.insert("ap3", appointment(&maria, 10, vec![me.user_id]).to_string());
    ids.insert("ap2", appointment(&maria, 12, vec![mina_id]).to_string());

    // Groups and the forum.
    let group = |name: &str| {
        block(admin.groups_create(NewGroup {
            name: name.into(),
            description: String::new(),
        }))
        .unwrap()
        .id
    };
    let g1 = group("Parents");
    ids.insert("g1", g1.to_string());
    ids.insert("g3", group("Leavers").to_string());
    block(mina.groups_join(GroupTarget { id: g1 })).unwrap();
    let thread = |app: &Mentordesk| {
        block(app.threads_create(NewThread {
            group_id: g1,
            title: "Hello".into(),
            body: "First post".into(),
        }))
        .unwrap()
        .id
    };
    let t1 = thread(admin);
    let t2 = thread(&mina);
    ids.insert("t1", t1.to_string());
    ids.insert("t2", t2.to_string());
    let r2 = block(mina.threads_reply(NewReply {
        thread_id: t2,
        body: "A reply".into(),
    }))
    .unwrap()
    .id;
    ids.insert("r2", r2.to_string());

    // Conversations and messages.
    let c1 = block(admin.conversations_open_direct(UserTarget { user_id: mina_id }))
        .unwrap()
        .id;
    let c2 = block(maria.conversations_open_direct(UserTarget { user_id: mina_id }))
        .unwrap()
        .id;
    let send = |app: &Mentordesk, c| {
        block(app.messages_send(SendMessage {
            conversation_id: c,
            body: "hello there".into(),
        }))
        .unwrap()
        .id
    };
    ids.insert("c1", c1.to_string());
    ids.insert("c2", c2.to_string());
    ids.insert("m1", send(admin, c1).to_string());
    ids.insert("m2", send(&maria, c2).to_string());

    // Connections: Olga asks the admin, and Mina.
    block(olga.connections_request(UserTarget {
        user_id: me.user_id,
    }))
    .unwrap();
    block(olga.connections_request(UserTarget { user_id: mina_id })).unwrap();
    let olgas = block(olga.connections_list()).unwrap().outgoing;
    let connection = |to| {
        olgas
            .iter()
            .find(|c| c.person.user_id == to)
            .unwrap()
            .id
            .to_string()
    };
    ids.insert("cn1", connection(me.user_id));
    ids.insert("cn2", connection(mina_id));

    // Programmes: one running, one completed (for certificates), one spare.
    let programme = |name: &str, members: &[(mentordesk_shared::ids::UserId, ProgrammeRole)]| {
        let id = block(admin.programmes_create(ProgrammeFields {
            name: name.into(),
            description: "About it".into(),
            criteria: ProgrammeCriteria {
                accepting_applications: true,
                open_to_mentees: true,
                open_to_mentors: true,
                ..ProgrammeCriteria::default()
            },
            questions: vec!["Why?".into()],
        }))
        .unwrap()
        .summary
        .id;
        for (user, role) in members {
            block(admin.programmes_set_member(ProgrammeMemberChange {
                programme_id: id,
                user_id: *user,
                role: *role,
                add: true,
            }))
            .unwrap();
        }
        id
    };
    let p1 = programme(
        "Women in Tech",
        &[
            (maria_id, ProgrammeRole::Mentor),
            (mina_id, ProgrammeRole::Mentee),
        ],
    );
    let p3 = programme("Finished", &[(mina_id, ProgrammeRole::Mentee)]);
    let p4 = programme("Spare", &[]);
    ids.insert("p1", p1.to_string());
    ids.insert("p3", p3.to_string());
    ids.insert("p4", p4.to_string());
    let pa1 = block(olga.programme_applications_submit(ProgrammeApply {
        programme_id: p1,
        role: ProgrammeRole::Mentee,
        answers: vec!["To grow".into()],
    }))
    .unwrap()
    .id;
    ids.insert("pa1", pa1.to_string());
    let ma1 = block(admin.matches_propose(MatchProposal {
        programme_id: p1,
        mentor_id: maria_id,
        mentee_id: mina_id,
        goal: "A new job".into(),
    }))
    .unwrap()
    .id;
    ids.insert("ma1", ma1.to_string());
    let tk1 = block(admin.tasks_create(NewTask {
        programme_id: p1,
        fields: TaskFields {
            title: "Kick-off".into(),
            description: String::new(),
            due_on: Some(day(14)),
            assignees: vec![maria_id],
        },
    }))
    .unwrap()
    .id;
    ids.insert("tk1", tk1.to_string());
    let rp1 = block(admin.reports_create(NewReport {
        programme_id: p1,
        task_id: None,
        fields: ReportFields {
            title: "Week 1".into(),
            blockers: "Rooms".into(),
            ..ReportFields::default()
        },
    }))
    .unwrap()
    .id;
    ids.insert("rp1", rp1.to_string());
    block(admin.programmes_set_status(ProgrammeStatusChange {
        id: p3,
        status: ProgrammeStatus::Completed,
    }))
    .unwrap();
    let ct1 = block(
        admin.certificates_issue(mentordesk_shared::certificates::NewCertificate {
            programme_id: p3,
            mentee_id: mina_id,
            series_id: String::new(),
            issued_on: None,
            expires_on: None,
        }),
    )
    .unwrap();
    ids.insert("ct1", ct1.id.to_string());
    ids.insert("ct1_code", ct1.code.clone());
    let mr1 = block(
        admin.meeting_reports_create(mentordesk_shared::oversight::NewMeetingReport {
            title: "Quarter".into(),
            programme_id: Some(p1),
            from: day(-30),
            to: day(0),
        }),
    )
    .unwrap()
    .id;
    ids.insert("mr1", mr1.to_string());

    // A role application with a document, and a custom role.
    let png = png_base64();
    ids.insert("png", png.clone());
    let aa1 = block(olga.applications_submit(ApplicationSubmit {
        role: ApplicationRole::Mentor,
        motivation: "I like helping".into(),
        document: Some(DocumentUpload {
            file_name: "cv.png".into(),
            base64: png,
        }),
        ..ApplicationSubmit::default()
    }))
    .unwrap()
    .id;
    ids.insert("aa1", aa1.to_string());
    let rl1 = block(admin.roles_create(CreateRole {
        name: "Helpers".into(),
        description: String::new(),
        permissions: vec![mentordesk_shared::access::Permission::DirectoryView],
    }))
    .unwrap()
    .id;
    ids.insert("rl1", rl1.to_string());

    // Notifications: the admin's, and Mina's.
    let first_notification = |app: &Mentordesk| {
        block(app.notifications_list(NotificationQuery::default()))
            .unwrap()
            .items
            .first()
            .expect("a notification")
            .id
            .to_string()
    };
    ids.insert("nt1", first_notification(admin));
    ids.insert("nt2", first_notification(&mina));
    let csv = "email,first_name,last_name\nnew.person@example.org,New,Person\n";
    ids.insert("csv", base64::engine::general_purpose::STANDARD.encode(csv));

    let foreign = [
        "olga", "s2", "n2", "a2", "ap2", "t2", "r2", "c2", "m2", "cn2", "nt2", "pa1", "aa1",
    ]
    .iter()
    .map(|k| ids[k].clone())
    .collect();

    // The IPC app, signed in as the admin.
    let app = with_commands(mock_builder(), api.clone())
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let count_sql = block(async {
        use sqlx::Row;
        let mut conn = api.db().read().await.unwrap();
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
        let columns: Vec<String> = tables
            .iter()
            .map(|t| format!("(SELECT COUNT(*) FROM \"{t}\") AS \"{t}\""))
            .collect();
        format!("SELECT {}", columns.join(", "))
    });
    World {
        _app: app,
        window,
        api,
        _dir: dir,
        ids,
        foreign,
        count_sql,
    }
}

impl World {
    fn invoke(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        ipc::invoke(&self.window, cmd, body)
    }

    fn counts(&self) -> BTreeMap<String, i64> {
        block(async {
            use sqlx::{Column, Row};
            let mut conn = self.api.db().read().await.unwrap();
            let row = sqlx::query(&self.count_sql)
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            row.columns()
                .iter()
                .map(|c| (c.name().to_string(), row.get::<i64, _>(c.ordinal())))
                .collect()
        })
    }

    /// Signs the admin in again if a command signed someone else in (or out).
    fn ensure_admin(&self) {
        let me = self.invoke("accounts_me", json!({}));
        if me.as_ref().ok().and_then(|m| m["user_id"].as_str()) == Some(&self.ids["admin"]) {
            return;
        }
        self.invoke(
            "accounts_sign_in",
            json!({"req": {"email": ADMIN, "password": PASSWORD}}),
        )
        .expect("the admin signs in again");
    }
}

// ---- The samples ----

fn cases(w: &World) -> Vec<Case> {
    let id = |k: &str| w.ids[k].clone();
    let profile = w
        .invoke("profile_get", json!({"req": {"user_id": null}}))
        .expect("the admin's profile")["fields"]
        .clone();
    let mut profile = profile;
    profile["headline"] = json!("Keeps the lights on");
    profile["bio"] = json!("Runs the programme office.");
    profile["city"] = json!("Lisbon");
    profile["expertise"] = json!(["Operations"]);
    profile["years_experience"] = json!(12);
    profile["mentee_capacity"] = json!(3);
    profile["website"] = json!("example.org");
    let criteria = json!({
        "accepting_applications": true, "open_to_mentors": true, "open_to_mentees": true,
        "mentor_min_years": 2, "skills": ["Rust"], "hours_per_month": 4,
        "starts_on": id("day0"), "ends_on": id("day365"), "max_mentees": 10
    });
    vec![
        bare("app_status"),
        case(
            "accounts_create_first_admin",
            json!({"email": "second@example.org", "password": PASSWORD, "first_name": "Sam", "last_name": "Second"}),
        ),
        // Signs the new person in (the admin signs in again after).
        case(
            "accounts_sign_up",
            json!({"email": "new@example.org", "password": PASSWORD, "first_name": "Nia",
                   "last_name": "New", "intent": "mentee", "time_zone": "Europe/London"}),
        )
        .writes("first_name", REQUIRED_LINE)
        .writes("last_name", REQUIRED_LINE)
        .writes("password", REQUIRED_LINE)
        .writes("time_zone", &[Class::Empty]),
        // Tom's account, so the admin is never throttled.
        case(
            "accounts_sign_in",
            json!({"email": "tom@example.org", "password": PASSWORD}),
        )
        .lookups(&["password"])
        .audits_failures(),
        bare("accounts_sign_out"),
        bare("accounts_me"),
        // A wrong current password: nothing ever changes the admin's password.
        case(
            "accounts_change_password",
            json!({"current_password": "not the password", "new_password": "amber meadow kite"}),
        )
        .lookups(&["current_password"]),
        case(
            "accounts_reset_with_code",
            json!({"email": "tom@example.org", "code": "ABCD-EFGH-JKMN", "new_password": "amber meadow kite"}),
        )
        .lookups(&["code"])
        .audits_failures(),
        case("profile_get", json!({"user_id": id("mina")})),
        case("profile_update", profile)
            .restores()
            .writes("expertise/0", LINE)
            .writes("expertise", &[Class::List]),
        case("profile_set_photo", json!({"base64": id("png")})),
        bare("profile_remove_photo"),
        case("onboarding_update", json!({"step": 2, "complete": false})),
        bare("tags_list"),
        bare("timezones_list"),
        case(
            "directory_search",
            json!({"text": "maria", "expertise": "Rust", "time_zone": "UTC", "accepting_only": false}),
        ),
        case("blocks_add", json!({"user_id": id("tom")})).writes("user_id", FOREIGN),
        case("blocks_remove", json!({"user_id": id("tom")})).writes("user_id", FOREIGN),
        bare("blocks_list"),
        case(
            "applications_submit",
            json!({"role": "mentor", "previous_roles": ["Engineer"], "previous_programmes": ["Returners"],
                   "programme_of_interest": "Women in Tech", "years_technical_experience": 5,
                   "been_mentor_before": false, "technical_proficiency": ["Rust"],
                   "motivation": "I like helping",
                   "document": {"file_name": "cv.png", "base64": id("png")}}),
        )
        .writes("previous_roles/0", LINE)
        .writes("previous_roles", &[Class::List])
        .writes("previous_programmes/0", LINE)
        .writes("previous_programmes", &[Class::List])
        .writes("technical_proficiency/0", LINE)
        .writes("technical_proficiency", &[Class::List])
        .writes("programme_of_interest", LINE)
        .writes("years_technical_experience", &[Class::Number])
        .writes("motivation", REQUIRED_TEXT)
        .writes("document/file_name", &[Class::Empty, Class::Line, Class::Text])
        .writes("document", &[Class::Any]),
        bare("applications_mine"),
        case("applications_list", json!({"status": "pending", "role": "mentor"})),
        // Olga's application: the sample's id is one of "other people's".
        case(
            "applications_decide",
            json!({"id": id("aa1"), "approve": false, "reason": "Not yet"}),
        )
        .writes("id", FOREIGN),
        case("applications_save_document", json!({"id": id("aa1")})),
        case(
            "users_list",
            json!({"filter": {"kind": "role", "role": "mentee"}, "text": "mi"}),
        ),
        case("users_deactivate", json!({"user_id": id("tom")})).writes("user_id", FOREIGN),
        case("users_reactivate", json!({"user_id": id("tom")})).writes("user_id", FOREIGN),
        case("users_issue_reset_code", json!({"user_id": id("tom")})).writes("user_id", FOREIGN),
        case(
            "users_set_roles",
            json!({"user_id": id("tom"), "role_ids": [id("mentee_role"), id("mentor_role")]}),
        )
        .writes("user_id", FOREIGN)
        .writes("role_ids", &[Class::List]),
        bare("roles_list"),
        bare("permissions_list"),
        case(
            "roles_create",
            json!({"name": "Reviewers", "description": "Read applications",
                   "permissions": ["applications.review", "directory.view"]}),
        )
        .writes("name", REQUIRED_LINE)
        .writes("description", TEXT)
        .writes("permissions", &[Class::List]),
        case(
            "roles_set_permissions",
            json!({"role_id": id("rl1"), "permissions": ["directory.view", "users.block"]}),
        )
        .writes("permissions", &[Class::List]),
        case("roles_delete", json!({"role_id": id("rl1")})),
        case(
            "audit_list",
            json!({"action": "sign_in", "text": "ops", "from": "2020-01-01T00:00:00Z",
                   "to": "2100-01-01T00:00:00Z", "limit": 50, "offset": 0}),
        ),
        bare("availability_get"),
        case(
            "availability_save",
            json!({"time_zone": "UTC",
                   "weekly": [{"weekday": "Mon", "start": 540, "end": 1020}],
                   "exceptions": [{"date": id("day20"), "kind": "unavailable", "start": 0, "end": 1440}],
                   "settings": {"durations": [30, 60], "buffer_before_minutes": 5,
                                "buffer_after_minutes": 5, "min_notice_minutes": 60,
                                "daily_cap": 4, "weekly_cap": 10, "horizon_days": 28,
                                "step_minutes": 30}}),
        )
        .restores()
        .writes("weekly", &[Class::List])
        .writes("exceptions", &[Class::List]),
        case("availability_week", json!({"week_of": id("day7")})),
        case(
            "slots_find",
            json!({"mentor_id": id("maria"), "duration_minutes": 60, "from": id("day0"),
                   "days": 14, "for_session": null}),
        ),
        case(
            "sessions_request",
            json!({"mentor_id": id("maria"), "starts_at": id("free_slot"), "duration_minutes": 60,
                   "title": "Career chat", "agenda": "CV"}),
        )
        .writes("title", REQUIRED_LINE)
        .writes("agenda", TEXT),
        case(
            "sessions_propose",
            json!({"mentee_id": id("mina"), "start": {"date": id("day8"), "time": "10:00"},
                   "duration_minutes": 60, "title": "Follow-up", "agenda": "Progress",
                   "meeting_link": "https://meet.example.com/abc"}),
        )
        .writes("title", REQUIRED_LINE)
        .writes("agenda", TEXT)
        .writes("meeting_link", &[Class::Empty]),
        // A new time for the admin's confirmed session (the mentor's side).
        case(
            "sessions_act",
            json!({"session_id": id("s1"), "action": "propose_new_time", "message": "How about this?",
                   "new_start": {"date": id("day11"), "time": "11:00"}, "new_duration_minutes": 60}),
        )
        .writes("message", TEXT)
        .writes("action", &[Class::Any])
        .writes("new_duration_minutes", &[Class::Any]),
        case(
            "sessions_list",
            json!({"scope": "all", "statuses": ["proposed", "confirmed"], "from": id("day0"),
                   "to": id("day365"), "role": "mentor", "limit": 50}),
        ),
        case("sessions_get", json!({"session_id": id("s1")})),
        case(
            "sessions_edit",
            json!({"session_id": id("s1"), "meeting_link": "https://meet.example.com/abc",
                   "agenda": "Plan", "mentor_notes": "Went well"}),
        ),
        case(
            "sessions_rate",
            json!({"session_id": id("s1"), "rating": 5, "comment": "Great"}),
        ),
        case(
            "notes_add",
            json!({"session_id": id("s1"), "body": "Bring the CV", "is_private": true}),
        )
        .writes("body", REQUIRED_TEXT),
        case("notes_edit", json!({"note_id": id("n1"), "body": "Bring the new CV"})),
        case("notes_delete", json!({"note_id": id("n1")})),
        case(
            "action_items_add",
            json!({"session_id": id("s1"), "title": "Send the CV", "description": "PDF",
                   "assignee_id": id("mina"), "due_date": id("day14")}),
        )
        .writes("title", REQUIRED_LINE)
        .writes("description", TEXT),
        case(
            "action_items_edit",
            json!({"item_id": id("a1"), "title": "Send the CV", "description": "PDF",
                   "assignee_id": id("mina"), "due_date": id("day14"), "status": "in_progress"}),
        ),
        case("action_items_delete", json!({"item_id": id("a1")})),
        case(
            "appointments_create",
            json!({"title": "Circle", "description": "Monthly", "start": {"date": id("day9"), "time": "17:00"},
                   "duration_minutes": 60, "meeting_link": "https://meet.example.com/circle",
                   "attendee_ids": [id("mina"), id("maria")]}),
        )
        .writes("title", REQUIRED_LINE)
        .writes("description", TEXT)
        .writes("meeting_link", &[Class::Empty])
        .writes("attendee_ids/0", FOREIGN)
        .writes("attendee_ids/1", FOREIGN)
        .writes("attendee_ids", &[Class::List]),
        case("appointments_list", json!({"scope": "upcoming"})),
        case(
            "appointments_respond",
            json!({"appointment_id": id("ap3"), "response": "accepted"}),
        ),
        case("appointments_cancel", json!({"appointment_id": id("ap1")})),
        case("calendar_export_session", json!({"session_id": id("s1")})),
        case("calendar_export_appointment", json!({"appointment_id": id("ap1")})),
        bare("calendar_export_all"),
        case("people_search", json!({"query": "mina", "role": "mentee"})),
        bare("connections_list"),
        case("connections_request", json!({"user_id": id("tom")})).writes("user_id", FOREIGN),
        case("connections_answer", json!({"id": id("cn1"), "accept": true})),
        case("connections_remove", json!({"id": id("cn1")})),
        bare("conversations_list"),
        bare("conversations_unread"),
        case("conversations_open_direct", json!({"user_id": id("mina")})),
        case(
            "conversations_create_group",
            json!({"title": "Circle", "members": [id("mina"), id("maria")]}),
        )
        .writes("title", REQUIRED_LINE)
        .writes("members/0", FOREIGN)
        .writes("members/1", FOREIGN)
        .writes("members", &[Class::List]),
        case("conversations_mark_read", json!({"id": id("c1")})),
        case(
            "messages_page",
            json!({"conversation_id": id("c1"), "before": 1_000_000, "limit": 20}),
        ),
        case(
            "messages_send",
            json!({"conversation_id": id("c1"), "body": "See you soon"}),
        )
        .writes("body", REQUIRED_TEXT),
        // The search index follows an edited message.
        case(
            "messages_edit",
            json!({"id": w.ids["m1"].parse::<i64>().unwrap(), "body": "hello again"}),
        )
        .writes("body", REQUIRED_TEXT),
        case(
            "messages_delete",
            json!({"id": w.ids["m1"].parse::<i64>().unwrap()}),
        ),
        case("messages_search", json!({"query": "hello"})),
        case(
            "notifications_list",
            json!({"unread_only": false, "before": id("nt1"), "limit": 20}),
        ),
        case("notifications_mark_read", json!({"id": id("nt1")})),
        bare("notifications_mark_all_read"),
        bare("notification_settings_get"),
        case(
            "notification_settings_save",
            json!({"lead_minutes": [1440, 10], "native": ["reminder", "message_received"],
                   "close_to_tray": true, "start_at_login": false}),
        )
        .restores()
        .writes("lead_minutes", &[Class::List])
        .writes("native", &[Class::List]),
        case("reminders_pause", json!({"minutes": 60})),
        case("groups_list", json!({"search": "Par"})),
        case(
            "groups_create",
            json!({"name": "Returners", "description": "Back from leave"}),
        )
        .writes("name", REQUIRED_LINE)
        .writes("description", TEXT),
        case("groups_join", json!({"id": id("g3")})),
        case("groups_leave", json!({"id": id("g3")})),
        case(
            "threads_list",
            json!({"group_id": id("g1"), "offset": 0, "limit": 20}),
        ),
        case("threads_get", json!({"id": id("t1")})),
        case(
            "threads_create",
            json!({"group_id": id("g1"), "title": "Childcare", "body": "Tips?"}),
        )
        .writes("title", REQUIRED_LINE)
        .writes("body", REQUIRED_TEXT),
        case(
            "threads_reply",
            json!({"thread_id": id("t1"), "body": "Thanks"}),
        )
        .writes("body", REQUIRED_TEXT)
        .writes("thread_id", FOREIGN),
        case(
            "threads_moderate",
            json!({"thread_id": id("t1"), "action": "pin"}),
        )
        .writes("thread_id", FOREIGN),
        // A moderator deletes anyone's thread and reply.
        case("threads_delete", json!({"id": id("t1")})).writes("id", FOREIGN),
        case("replies_delete", json!({"id": id("r2")})),
        case(
            "programmes_list",
            json!({"scope": "mine", "statuses": ["active"], "text": "Women"}),
        ),
        case("programmes_get", json!({"id": id("p1")})),
        case(
            "programmes_create",
            json!({"name": "Leaders", "description": "For new managers", "criteria": criteria,
                   "questions": ["Why now?"]}),
        )
        .writes("name", REQUIRED_LINE)
        .writes("description", TEXT)
        .writes("questions/0", LINE)
        .writes("questions", &[Class::List])
        .writes("criteria/skills/0", LINE)
        .writes("criteria/skills", &[Class::List])
        .writes("criteria/mentor_min_years", &[Class::Number])
        .writes("criteria/hours_per_month", &[Class::Number])
        .writes("criteria/max_mentees", &[Class::Number])
        .writes("criteria", &[Class::Any]),
        // Every saved change is audited.
        case(
            "programmes_update",
            json!({"id": id("p1"), "fields": {"name": "Women in Tech", "description": "Updated",
                   "criteria": criteria, "questions": ["Why?"]}}),
        )
        .restores()
        .ok_adds(&["audit_log"]),
        case(
            "programmes_set_status",
            json!({"id": id("p4"), "status": "archived"}),
        ),
        case(
            "programmes_set_picture",
            json!({"id": id("p1"), "base64": id("png")}),
        ),
        case(
            "programmes_set_member",
            json!({"programme_id": id("p1"), "user_id": id("tom"), "role": "mentee", "add": true}),
        )
        .writes("user_id", FOREIGN)
        .writes("role", &[Class::Any]),
        case(
            "programme_applications_submit",
            json!({"programme_id": id("p1"), "role": "mentor", "answers": ["To give back"]}),
        )
        .writes("answers/0", REQUIRED_TEXT)
        .writes("answers", &[Class::List]),
        case(
            "programme_applications_list",
            json!({"programme_id": id("p1"), "status": "pending", "mine": false}),
        ),
        case(
            "programme_applications_decide",
            json!({"id": id("pa1"), "approve": false, "reason": "Full this round"}),
        )
        .writes("id", FOREIGN),
        case(
            "matches_propose",
            json!({"programme_id": id("p1"), "mentor_id": id("maria"), "mentee_id": id("tom"),
                   "goal": "Confidence"}),
        )
        .writes("goal", REQUIRED_TEXT)
        .writes("mentee_id", FOREIGN),
        case(
            "matches_list",
            json!({"programme_id": id("p1"), "statuses": ["pending"]}),
        ),
        case(
            "matches_decide",
            json!({"id": id("ma1"), "action": "reject", "reason": "Timing"}),
        )
        .writes("reason", REQUIRED_TEXT),
        case(
            "matches_suggest",
            json!({"programme_id": id("p1"), "mentee_id": id("mina")}),
        ),
        case("tasks_list", json!({"programme_id": id("p1"), "mine": false})),
        case(
            "tasks_create",
            json!({"programme_id": id("p1"), "fields": {"title": "Plan", "description": "Dates",
                   "due_on": id("day14"), "assignees": [id("maria")]}}),
        )
        .writes("fields/title", REQUIRED_LINE)
        .writes("fields/description", TEXT)
        .writes("fields/assignees", &[Class::List])
        .writes("fields/assignees/0", FOREIGN),
        case(
            "tasks_update",
            json!({"id": id("tk1"), "fields": {"title": "Plan", "description": "Dates",
                   "due_on": id("day14"), "assignees": [id("maria")]}}),
        )
        .writes("fields/assignees", &[Class::List])
        .writes("fields/assignees/0", FOREIGN),
        case(
            "tasks_set_status",
            json!({"id": id("tk1"), "status": "in_progress"}),
        ),
        case("tasks_delete", json!({"id": id("tk1")})),
        case(
            "reports_list",
            json!({"programme_id": id("p1"), "open_blockers": true}),
        ),
        case(
            "reports_create",
            json!({"programme_id": id("p1"), "task_id": null, "fields": {"title": "Week 2",
                   "achievements": "Pairs met", "blockers": "", "recommendations": "More rooms"}}),
        )
        .writes("fields/title", REQUIRED_LINE)
        .writes("fields/achievements", TEXT)
        .writes("fields/blockers", TEXT)
        .writes("fields/recommendations", TEXT),
        case(
            "reports_set_blockers",
            json!({"id": id("rp1"), "resolved": true}),
        ),
        case(
            "certificates_list",
            json!({"programme_id": id("p3"), "mine": false}),
        ),
        case(
            "certificates_issue",
            json!({"programme_id": id("p3"), "mentee_id": id("mina"), "series_id": "DONE-2026",
                   "issued_on": id("day0"), "expires_on": id("day365")}),
        ),
        case("certificates_generate", json!({"id": id("ct1")})),
        case(
            "certificates_decide",
            json!({"id": id("ct1"), "action": "approve", "reason": ""}),
        )
        .writes("reason", TEXT),
        case("certificates_verify", json!({"code": id("ct1_code")})).lookups(&["code"]),
        case("certificates_export", json!({"id": id("ct1")})),
        case(
            "dashboard_get",
            json!({"programme_id": id("p1"), "from": id("day-30"), "to": id("day0")}),
        ),
        case(
            "meeting_reports_create",
            json!({"title": "Month", "programme_id": id("p1"), "from": id("day-30"), "to": id("day0")}),
        )
        .writes("title", REQUIRED_LINE)
        .writes("programme_id", &[Class::Any]),
        case("meeting_reports_list", json!({"programme_id": id("p1")})),
        case("meeting_reports_get", json!({"report_id": id("mr1")})),
        case(
            "meeting_reports_export",
            json!({"report_id": id("mr1"), "format": "csv"}),
        ),
        // An uploaded file's name is cleaned (control characters dropped, cut to length).
        case(
            "imports_preview",
            json!({"file_name": "people.csv", "content_base64": id("csv")}),
        )
        .lookups(&["file_name"]),
        case(
            "imports_run",
            json!({"file_name": "people.csv", "content_base64": id("csv")}),
        )
        .lookups(&["file_name"])
        .writes("file_name", &[Class::Any]),
        bare("imports_list"),
        case("imports_errors_export", json!({"import_id": UNKNOWN_ID})),
    ]
}

// ---- Walking a sample ----

/// Every leaf of `value` (and every list and object node) as a JSON pointer.
fn nodes(value: &Value, pointer: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                nodes(v, format!("{pointer}/{k}"), out);
            }
            if !pointer.is_empty() {
                out.push((pointer, value.clone()));
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                nodes(v, format!("{pointer}/{i}"), out);
            }
            out.push((pointer, value.clone()));
        }
        _ => out.push((pointer, value.clone())),
    }
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36 && s.parse::<uuid::Uuid>().is_ok()
}

fn is_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

fn is_instant(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok()
}

/// The garbage a node gets, by what it holds.
fn kinds(w: &World, pointer: &str, value: &Value) -> Vec<Kind> {
    use Kind::*;
    let foreign = || w.foreign.iter().cloned().map(Foreign);
    match value {
        Value::String(s) if is_uuid(s) => {
            let mut k = vec![UnknownId, Empty, Nul, WrongType];
            k.extend(foreign().filter(|f| matches!(f, Foreign(id) if is_uuid(id))));
            k
        }
        Value::String(s) if is_date(s) => {
            vec![
                DateMax,
                DateMin,
                DateOld,
                DateInvalid,
                Empty,
                Nul,
                WrongType,
            ]
        }
        Value::String(s) if is_instant(s) => {
            vec![InstantMax, InstantMin, InstantFar, Empty, Nul, WrongType]
        }
        Value::String(_) => vec![
            Empty, Huge, Nul, Controls, Lines, Bidi, Combining, WrongType,
        ],
        Value::Number(_) => {
            let mut k = vec![
                Zero, MinusOne, U32Max, I64Max, HugeFloat, Fraction, WrongType,
            ];
            if pointer.ends_with("/id") {
                k.push(Foreign(w.ids["m2"].clone()));
            }
            k
        }
        Value::Bool(_) => vec![WrongType, Null],
        Value::Null => vec![Empty, Nul, Zero, DateMax, UnknownId],
        Value::Array(items) if items.is_empty() => vec![Null, WrongType],
        Value::Array(_) => vec![EmptyList, LongList, Null],
        Value::Object(_) => vec![Null, EmptyObject, WrongType],
    }
}

fn describe_counts(before: &BTreeMap<String, i64>, after: &BTreeMap<String, i64>) -> String {
    after
        .iter()
        .filter(|(t, n)| before.get(*t) != Some(n))
        .map(|(t, n)| format!("{t} {:+}", n - before.get(t).copied().unwrap_or(0)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is wrong with one answer, if anything.
fn judge(
    case: &Case,
    path: &str,
    kind: &Kind,
    answer: &std::thread::Result<Result<Value, Value>>,
    before: &BTreeMap<String, i64>,
    after: &BTreeMap<String, i64>,
) -> Option<String> {
    let answer = match answer {
        Err(_) => return Some("panicked (no answer)".into()),
        Ok(a) => a,
    };
    let changed = before != after;
    match answer {
        Err(e) => {
            let (Some(code), Some(_)) = (e["code"].as_str(), e["message"].as_str()) else {
                return Some(format!("untyped error {e}"));
            };
            if code == "internal" {
                return Some(format!("internal: {e}"));
            }
            if code == "validation"
                && e["fields"]
                    .as_array()
                    .is_none_or(|f| f.is_empty() || f.iter().any(|f| f["field"].as_str().is_none()))
            {
                return Some(format!("validation without a field: {e}"));
            }
            if changed {
                let only_audit = after
                    .iter()
                    .filter(|(t, n)| before.get(*t) != Some(n))
                    .all(|(t, _)| t == "audit_log");
                if !(case.audits_failures && only_audit) {
                    return Some(format!(
                        "refused ({code}) but wrote: {}",
                        describe_counts(before, after)
                    ));
                }
            }
            None
        }
        Ok(_) => {
            if kind.must_be_refused() && !case.lookups.contains(&path) {
                return Some("accepted; it must be refused".into());
            }
            let only_allowed = after
                .iter()
                .filter(|(t, n)| before.get(*t) != Some(n))
                .all(|(t, n)| case.ok_adds.contains(&t.as_str()) && *n > before[t]);
            if changed && !only_allowed && !case.may_write(path, kind) {
                return Some(format!(
                    "accepted and wrote: {} (declare it in `writes` if it is valid input)",
                    describe_counts(before, after)
                ));
            }
            None
        }
    }
}

#[test]
fn garbage_through_every_command_is_refused_with_typed_errors_and_changes_nothing() {
    let started = std::time::Instant::now();
    let w = world();
    let cases = cases(&w);
    let covered: Vec<&str> = cases.iter().map(|c| c.cmd).collect();
    assert_eq!(covered, COMMAND_NAMES, "one case per command, in order");

    // The shell answers panics with nothing: silence their noise, count them as failures.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| eprintln!("panic: {info}")));
    let mut failures: Vec<String> = Vec::new();
    let mut variants = 0usize;
    for case in &cases {
        if let Some(sample) = &case.req {
            let restore = || {
                if case.restores {
                    let _ = w.invoke(case.cmd, json!({ "req": sample }));
                }
            };
            restore();
            let mut targets = Vec::new();
            nodes(sample, String::new(), &mut targets);
            // The whole request, too.
            targets.push((String::new(), sample.clone()));
            for (pointer, original) in targets {
                for kind in kinds(&w, &pointer, &original) {
                    let mut req = sample.clone();
                    let new = kind.value(&original);
                    if pointer.is_empty() {
                        req = new;
                    } else {
                        *req.pointer_mut(&pointer).expect("the node exists") = new;
                    }
                    let path = pointer.trim_start_matches('/');
                    let before = w.counts();
                    let answer = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        w.invoke(case.cmd, json!({ "req": req }))
                    }));
                    let after = w.counts();
                    variants += 1;
                    if std::env::var_os("GARBAGE_STATS").is_some() {
                        let code = match &answer {
                            Ok(Ok(_)) => "ok".to_string(),
                            Ok(Err(e)) if e["fields"][0]["field"] == "req" => "decode".into(),
                            Ok(Err(e)) => e["code"].as_str().unwrap_or("?").to_string(),
                            Err(_) => "panic".into(),
                        };
                        eprintln!("STAT {} {path} {kind:?} {code}", case.cmd);
                    }
                    if let Some(problem) = judge(case, path, &kind, &answer, &before, &after) {
                        failures.push(format!("{} {path:?} ← {kind:?}: {problem}", case.cmd));
                    }
                    if matches!(answer, Ok(Ok(_))) {
                        restore();
                    }
                    if matches!(answer, Ok(Ok(_))) || case.cmd.starts_with("accounts_") {
                        w.ensure_admin();
                    }
                }
            }
        }
        // The sample itself: it decodes, and any error is typed.
        let body = match &case.req {
            Some(req) => json!({ "req": req }),
            None => json!({}),
        };
        match std::panic::catch_unwind(AssertUnwindSafe(|| w.invoke(case.cmd, body))) {
            Err(_) => failures.push(format!("{}: the sample panicked", case.cmd)),
            Ok(Err(e)) if e["code"] == "internal" || e["fields"][0]["field"] == "req" => {
                failures.push(format!("{}: the sample failed: {e}", case.cmd))
            }
            Ok(Err(e)) if e["code"].as_str().is_none() => {
                failures.push(format!("{}: the sample's error is untyped: {e}", case.cmd))
            }
            Ok(_) => {}
        }
        w.ensure_admin();
    }
    std::panic::set_hook(default_hook);
    eprintln!(
        "{variants} variants of {} commands in {:?}",
        cases.len(),
        started.elapsed()
    );
    assert!(variants > 2000, "only {variants} variants");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_request_that_does_not_decode_is_a_typed_validation_error() {
    let w = world();
    for (cmd, req) in [
        ("sessions_list", json!({"scope": "someday"})),
        ("onboarding_update", json!({"step": -1, "complete": false})),
        (
            "onboarding_update",
            json!({"step": 99999, "complete": false}),
        ),
        ("groups_create", json!({"name": 5, "description": ""})),
        ("slots_find", json!({"mentor_id": "not a uuid"})),
        ("messages_send", json!(null)),
    ] {
        let err = w.invoke(cmd, json!({ "req": req })).unwrap_err();
        assert_eq!(err["code"], "validation", "{cmd}: {err}");
        assert_eq!(err["fields"][0]["field"], "req", "{cmd}: {err}");
        assert!(
            err["message"]
                .as_str()
                .unwrap()
                .contains("could not read this request"),
            "{err}"
        );
    }
    // Without `req` at all.
    let err = w.invoke("messages_send", json!({})).unwrap_err();
    assert_eq!(err["code"], "validation");
    // Commands without a request ignore what comes along.
    assert!(w.invoke("accounts_me", json!({"req": "\u{0}"})).is_ok());
}
