//! Native notifications against a real notification server: dunst, started here inside
//! the D-Bus session and X display `scripts/test.sh` provides (`xvfb-run` +
//! `dbus-run-session`). What arrived is read back from `dunstctl history`. Each test starts
//! its own dunst, so they run one at a time (`--test-threads=1`).
#![cfg(feature = "e2e")]

use mentordesk_api::Mentordesk;
use mentordesk_shared::accounts::{CreateFirstAdmin, SignUp, SignUpIntent};
use mentordesk_shared::conversations::{NativeStatus, NotificationKind};
use mentordesk_shared::profiles::UserTarget;
use mentordesk_shell::notifier;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "violet harbour lamp";

struct Dunst(Child);

impl Drop for Dunst {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts dunst with its built-in defaults and waits until it answers on the bus.
fn dunst() -> Dunst {
    let child = Command::new("dunst")
        .args(["-config", "/dev/null"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dunst is installed by scripts/setup.sh");
    // Wait for it to own the name without calling it: a call to an unowned name would
    // have D-Bus start another server.
    let started = Instant::now();
    while !name_has_owner() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "dunst did not take org.freedesktop.Notifications on the session bus"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        matches!(notifier::probe(), NativeStatus::Available(name) if name.starts_with("dunst"))
    );
    Dunst(child)
}

fn name_has_owner() -> bool {
    let out = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.Notifications",
        ])
        .output()
        .expect("dbus-send runs");
    String::from_utf8_lossy(&out.stdout).contains("boolean true")
}

/// (summary, body, appname) of every notification in dunst's history.
fn history() -> Vec<(String, String, String)> {
    let out = Command::new("dunstctl")
        .arg("history")
        .output()
        .expect("dunstctl runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("history is JSON");
    let field =
        |n: &serde_json::Value, key: &str| n[key]["data"].as_str().unwrap_or("").to_string();
    json["data"][0]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|n| (field(n, "summary"), field(n, "body"), field(n, "appname")))
                .collect()
        })
        .unwrap_or_default()
}

/// Waits until dunst has `count` notifications in its history (it moves them there when
/// they close; `dunstctl close-all` closes them at once).
fn history_with(count: usize) -> Vec<(String, String, String)> {
    let started = Instant::now();
    loop {
        let _ = Command::new("dunstctl").arg("close-all").status();
        let h = history();
        if h.len() >= count || started.elapsed() > Duration::from_secs(5) {
            return h;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test]
async fn a_connection_request_pops_up_once_for_the_person_signed_in() {
    let _dunst = dunst();
    let dir = tempfile::tempdir().unwrap();
    let admin = Mentordesk::open(dir.path()).await.unwrap();
    admin
        .accounts_create_first_admin(CreateFirstAdmin {
            email: "admin@example.org".into(),
            password: PASSWORD.into(),
            first_name: "Ada".into(),
            last_name: "Admin".into(),
        })
        .await
        .unwrap();
    let mut people = Vec::new();
    for (email, first) in [("ann@example.org", "Ann"), ("bob@example.org", "Bob")] {
        let app = Mentordesk::open(dir.path()).await.unwrap();
        let me = app
            .accounts_sign_up(SignUp {
                email: email.into(),
                password: PASSWORD.into(),
                first_name: first.into(),
                last_name: "Example".into(),
                intent: SignUpIntent::Mentee,
                time_zone: Some("Europe/London".into()),
            })
            .await
            .unwrap();
        people.push((app, me.user_id));
    }
    let (ann, bob) = (&people[0], &people[1]);
    // The app that writes announces (in the desktop app there is one instance).
    let mut events = ann.0.subscribe();
    ann.0
        .connections_request(UserTarget { user_id: bob.1 })
        .await
        .unwrap();
    let published = events.recv().await.unwrap();
    assert_eq!(
        published.notification.kind,
        NotificationKind::ConnectionRequest
    );
    // For Bob, signed in on this instance; not for Ann's.
    assert!(bob.0.wants_native(&published).await);
    assert!(!ann.0.wants_native(&published).await);
    let id = notifier::show(&published, |_| {}).expect("shown");
    assert!(id > 0);

    let shown = history_with(1);
    assert_eq!(
        shown,
        vec![(
            "Ann Example wants to connect".to_string(),
            String::new(),
            notifier::APP_NAME.to_string()
        )],
        "exactly one, with the words the notification centre has"
    );
}

/// The real app on the real clock: a confirmed session starts in about three minutes and
/// the mentee wants a reminder two minutes before. The app — with nobody at its window,
/// the mentee having signed in on this device before — shows the reminder natively once,
/// with the session's title, the mentor and the time in the mentee's zone.
#[tokio::test]
async fn the_running_app_reminds_of_a_session_minutes_away_exactly_once() {
    use chrono::{Duration as Minutes, Timelike, Utc};
    use mentordesk_shared::accounts::SignIn;
    use mentordesk_shared::conversations::NotificationSettingsUpdate;
    use mentordesk_shared::sessions::*;
    let _dunst = dunst();
    let dir = tempfile::tempdir().unwrap();
    let admin = Mentordesk::open(dir.path()).await.unwrap();
    admin
        .accounts_create_first_admin(CreateFirstAdmin {
            email: "admin@example.org".into(),
            password: PASSWORD.into(),
            first_name: "Ada".into(),
            last_name: "Admin".into(),
        })
        .await
        .unwrap();
    let roles = admin.roles_list().await.unwrap();
    let mut people = Vec::new();
    for (email, first, zone, role) in [
        // A zone without DST: a wall-clock time typed in London's repeated hour would
        // name its first occurrence, an hour earlier, on the night the clocks go back.
        ("maria@example.org", "Maria", "Africa/Lagos", "mentor"),
        ("kenji@example.org", "Kenji", "Asia/Tokyo", "mentee"),
    ] {
        let app = Mentordesk::open(dir.path()).await.unwrap();
        let me = app
            .accounts_sign_up(SignUp {
                email: email.into(),
                password: PASSWORD.into(),
                first_name: first.into(),
                last_name: "Example".into(),
                intent: SignUpIntent::Mentee,
                time_zone: Some(zone.into()),
            })
            .await
            .unwrap();
        admin
            .users_set_roles(mentordesk_shared::admin::SetUserRoles {
                user_id: me.user_id,
                role_ids: roles
                    .iter()
                    .filter(|r| r.key == role)
                    .map(|r| r.id)
                    .collect(),
            })
            .await
            .unwrap();
        people.push((app, me.user_id));
    }
    let (maria, kenji) = (&people[0].0, &people[1]);

    // Kenji: one reminder, two minutes before.
    let kenji_app = Mentordesk::open(dir.path()).await.unwrap();
    kenji_app
        .accounts_sign_in(SignIn {
            email: "kenji@example.org".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    let settings = kenji_app.notification_settings_get().await.unwrap();
    kenji_app
        .notification_settings_save(NotificationSettingsUpdate {
            lead_minutes: vec![2],
            native: settings.native,
            close_to_tray: true,
            start_at_login: false,
        })
        .await
        .unwrap();
    // Maria proposes a session three to four minutes ahead (her wall clock, which has
    // whole minutes): the two-minute reminder is then due one to two minutes from now,
    // never already past however close to a minute's end this runs. Kenji accepts.
    let lagos: chrono_tz::Tz = "Africa/Lagos".parse().unwrap();
    let start = (Utc::now() + Minutes::minutes(4)).with_timezone(&lagos);
    let proposed = maria
        .sessions_propose(SessionProposal {
            mentee_id: kenji.1,
            start: WallTime {
                date: start.date_naive(),
                time: format!("{:02}:{:02}", start.hour(), start.minute()),
            },
            duration_minutes: 30,
            title: "Career chat".into(),
            agenda: String::new(),
            meeting_link: "https://meet.example.org/career-chat".into(),
        })
        .await
        .unwrap();
    kenji_app
        .sessions_act(SessionActionRequest {
            session_id: proposed.session_id,
            action: SessionAction::Accept,
            message: String::new(),
            new_start: None,
            new_duration_minutes: None,
        })
        .await
        .unwrap();
    let detail = kenji_app
        .sessions_get(SessionRef {
            session_id: proposed.session_id,
        })
        .await
        .unwrap();
    assert_eq!(
        detail.status,
        mentordesk_shared::scheduling::SessionStatus::Confirmed
    );
    // Kenji signed in here last: this device reminds him.
    for (app, _) in &people {
        app.db().close().await;
    }
    kenji_app.db().close().await;
    admin.db().close().await;

    let mut app = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .args(["--data-dir", dir.path().to_str().unwrap()])
        .env("MENTORDESK_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the app starts");
    let started = Instant::now();
    let mut shown = Vec::new();
    while started.elapsed() < Duration::from_secs(200) {
        shown = history_with(1);
        if !shown.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_secs(1));
    }
    // Another scheduler round or two: it never comes twice.
    std::thread::sleep(Duration::from_secs(5));
    let again = history_with(2);
    let _ = app.kill();
    let _ = app.wait();

    assert_eq!(shown.len(), 1, "the reminder arrived: {shown:?}");
    let (summary, body, appname) = &shown[0];
    assert_eq!(summary, "Career chat in 2 minutes");
    assert!(
        body.starts_with("with Maria Example · ") && body.contains(&detail.span.start),
        "{body} (Kenji's start {})",
        detail.span.start
    );
    assert!(body.ends_with("JST"), "in Kenji's zone: {body}");
    assert_eq!(appname, notifier::APP_NAME);
    assert_eq!(again.len(), 1, "exactly once: {again:?}");
}
