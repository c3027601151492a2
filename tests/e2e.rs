//! End-to-end: the real app (built with its UI) in a real WebKit webview under
//! Xvfb, driven over WebDriver by tauri-driver + WebKitWebDriver. Each test gets
//! its own workspace folder and app process; screenshots go to `target/e2e/`.
//!
//! Run through `scripts/test.sh` (it starts Xvfb and a D-Bus session).

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use mentordesk_api::Mentordesk;
use mentordesk_shared::accounts::{CreateFirstAdmin, SignUp, SignUpIntent};
use serde_json::json;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "violet harbour lamp";
const WAIT: Duration = Duration::from_secs(30);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One running app: tauri-driver, which starts WebKitWebDriver, which starts the app.
struct Session {
    client: Client,
    driver: Child,
    name: String,
    shots: std::cell::Cell<u32>,
}

impl Session {
    async fn start(name: &str, workspace: &Path) -> Session {
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("MENTORDESK_DATA_DIR", workspace)
            .env("MENTORDESK_DOWNLOADS_DIR", workspace.join("downloads"))
            .env("MENTORDESK_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver is installed (scripts/setup.sh --for-tests)");
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({ "application": env!("CARGO_BIN_EXE_mentordesk") }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if started.elapsed() < WAIT => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!("could not start a WebDriver session: {e}"),
            }
        };
        Session {
            client,
            driver,
            name: name.to_string(),
            shots: Default::default(),
        }
    }

    async fn find(&self, id: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id(id))
            .await
            .unwrap_or_else(|e| panic!("#{id} did not appear: {e}"))
    }

    async fn css(&self, selector: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("{selector} did not appear: {e}"))
    }

    async fn click(&self, id: &str) {
        self.find(id)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click #{id}: {e}"));
    }

    /// Clicks the first element `selector` matches, once it appears.
    async fn click_css(&self, selector: &str) {
        self.css(selector)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {selector}: {e}"));
    }

    async fn type_into(&self, id: &str, text: &str) {
        let field = self.find(id).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Waits until the element's text contains `needle`.
    async fn wait_text(&self, id: &str, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let text = match self.client.find(Locator::Id(id)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return text;
            }
            if started.elapsed() > WAIT {
                self.screenshot("timeout").await;
                panic!("#{id} never contained {needle:?}; last text {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn screenshot(&self, step: &str) {
        self.shots.set(self.shots.get() + 1);
        // Let entrance transitions finish so the picture shows the settled screen.
        tokio::time::sleep(Duration::from_millis(600)).await;
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
        std::fs::create_dir_all(&dir).unwrap();
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(
            dir.join(format!("{}-{:02}-{step}.png", self.name, self.shots.get())),
            png,
        )
        .unwrap();
    }

    /// Scrolls an element to the top of the window (for screenshots of long pages).
    async fn scroll_to(&self, id: &str) {
        self.find(id).await;
        self.client
            .execute(
                "document.getElementById(arguments[0]).scrollIntoView({block: 'start'})",
                vec![json!(id)],
            )
            .await
            .unwrap();
    }

    async fn sign_in(&self, email: &str, password: &str) {
        self.type_into("signin-email", email).await;
        self.type_into("signin-password", password).await;
        self.click("signin-submit").await;
    }

    async fn sign_out(&self) {
        self.click("signout").await;
        self.find("signin-email").await;
    }

    async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// A 600×400 PNG, as a camera or screenshot tool would produce.
fn write_test_png(path: &Path) {
    let img = image::RgbImage::from_fn(600, 400, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 160])
    });
    img.save(path).expect("write the test image");
}

/// A workspace that already has an admin (and optionally more), prepared through the API.
async fn seeded_workspace(mentees: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let api = Mentordesk::open(dir.path()).await.unwrap();
    api.accounts_create_first_admin(CreateFirstAdmin {
        email: "admin@example.org".into(),
        password: PASSWORD.into(),
        first_name: "Ada".into(),
        last_name: "Admin".into(),
    })
    .await
    .unwrap();
    for email in mentees {
        let app = Mentordesk::open(dir.path()).await.unwrap();
        app.accounts_sign_up(SignUp {
            email: (*email).into(),
            password: PASSWORD.into(),
            first_name: email.split('@').next().unwrap().to_string(),
            last_name: "Example".into(),
            intent: SignUpIntent::Mentee,
            time_zone: Some("Europe/London".into()),
        })
        .await
        .unwrap();
        app.db().close().await;
    }
    api.db().close().await;
    dir
}

#[tokio::test]
async fn first_run_asks_for_an_administrator_and_signs_them_in() {
    let workspace = tempfile::tempdir().unwrap();
    let s = Session::start("first-run", workspace.path()).await;
    s.find("first-admin-email").await;
    s.screenshot("welcome").await;
    s.type_into("first-admin-first-name", "Grace").await;
    s.type_into("first-admin-last-name", "Hopper").await;
    s.type_into("first-admin-email", "grace@example.org").await;
    s.type_into("first-admin-password", PASSWORD).await;
    s.click("first-admin-submit").await;
    s.wait_text("current-user-name", "Grace Hopper").await;
    s.wait_text("current-user-roles", "Administrator").await;
    s.find("nav-admin-people").await;
    s.screenshot("signed-in-admin").await;
    s.stop().await;
    // The app keeps a log in its workspace, where an error id shown to a person is found.
    assert!(workspace
        .path()
        .join("logs")
        .join("mentordesk.log")
        .is_file());
}

#[tokio::test]
async fn a_wrong_password_shows_an_error_and_changes_nothing() {
    let workspace = seeded_workspace(&[]).await;
    let s = Session::start("wrong-password", workspace.path()).await;
    s.sign_in("admin@example.org", "not the password").await;
    let error = s.wait_text("signin-error", "not right").await;
    assert!(error.contains("e-mail address or password"));
    s.screenshot("error-shown").await;
    assert!(s
        .client
        .find(Locator::Id("current-user-name"))
        .await
        .is_err());
    // The right password still works: nothing was locked or changed.
    s.sign_in("admin@example.org", PASSWORD).await;
    s.wait_text("current-user-name", "Ada Admin").await;
    s.stop().await;
}

#[tokio::test]
async fn a_mentee_signs_up_and_lands_in_onboarding() {
    let workspace = seeded_workspace(&[]).await;
    let s = Session::start("mentee-sign-up", workspace.path()).await;
    s.click("goto-signup").await;
    s.type_into("signup-first-name", "Maya").await;
    s.type_into("signup-last-name", "Patel").await;
    s.type_into("signup-email", "maya@example.org").await;
    s.type_into("signup-password", "short").await;
    s.click("signup-intent-mentee").await;
    s.click("signup-submit").await;
    s.wait_text("error-password", "at least 8").await;
    s.screenshot("password-too-short").await;
    s.type_into("signup-password", PASSWORD).await;
    s.click("signup-submit").await;
    s.find("onboarding-next").await;
    s.screenshot("onboarding").await;
    s.click("onboarding-skip").await;
    s.wait_text("current-user-name", "Maya Patel").await;
    s.wait_text("current-user-roles", "Mentee").await;
    s.screenshot("home").await;
    s.stop().await;
}

#[tokio::test]
async fn a_profile_edit_survives_an_app_restart() {
    let workspace = seeded_workspace(&["lena@example.org"]).await;
    let s = Session::start("profile-restart", workspace.path()).await;
    s.sign_in("lena@example.org", PASSWORD).await;
    s.wait_text("current-user-name", "lena Example").await;
    s.click("nav-profile").await;
    s.type_into("profile-headline", "Aspiring data engineer")
        .await;
    s.type_into("profile-bio", &"x".repeat(1001)).await;
    s.click("profile-save").await;
    s.wait_text("error-bio", "1000").await;
    s.screenshot("bio-too-long").await;
    s.type_into(
        "profile-bio",
        "I build data pipelines and want to learn system design.",
    )
    .await;
    s.type_into("profile-city", "Leeds").await;
    s.click("profile-save").await;
    s.wait_text("toast", "Profile saved").await;
    s.screenshot("saved").await;

    // A photo chosen from disk is uploaded, resized and shown.
    let photo = workspace.path().join("me.png");
    write_test_png(&photo);
    let input = s.find("profile-photo").await;
    input
        .send_keys(photo.to_str().unwrap())
        .await
        .expect("choose a file");
    s.css(".photo-editor img").await;
    s.screenshot("photo").await;
    s.stop().await;

    let s = Session::start("profile-restart-after", workspace.path()).await;
    s.sign_in("lena@example.org", PASSWORD).await;
    s.wait_text("current-user-name", "lena Example").await;
    s.click("nav-profile").await;
    let headline = s.find("profile-headline").await;
    let started = Instant::now();
    while headline.prop("value").await.unwrap().unwrap_or_default() != "Aspiring data engineer" {
        assert!(started.elapsed() < WAIT, "headline not restored");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        s.find("profile-city")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default(),
        "Leeds"
    );
    s.css(".photo-editor img").await;
    s.screenshot("restored").await;
    s.stop().await;
}

#[tokio::test]
async fn a_mentor_application_approved_by_an_admin_unlocks_mentor_features() {
    let workspace = seeded_workspace(&[]).await;
    let s = Session::start("mentor-approval", workspace.path()).await;
    s.click("goto-signup").await;
    s.type_into("signup-first-name", "Kwame").await;
    s.type_into("signup-last-name", "Mensah").await;
    s.type_into("signup-email", "kwame@example.org").await;
    s.type_into("signup-password", PASSWORD).await;
    s.click("signup-intent-mentor").await;
    s.click("signup-submit").await;
    s.click("apply-role-mentor").await;
    s.type_into("apply-programme", "Data engineering cohort")
        .await;
    s.type_into("apply-years", "7").await;
    s.type_into(
        "apply-motivation",
        "I want to help juniors build reliable pipelines.",
    )
    .await;
    s.screenshot("application-form").await;
    s.click("apply-submit").await;
    s.wait_text("my-application-status", "Pending").await;
    s.screenshot("application-pending").await;
    s.sign_out().await;

    s.sign_in("admin@example.org", PASSWORD).await;
    s.click("nav-admin-applications").await;
    let card = s
        .css(".application-card[data-applicant-email='kwame@example.org']")
        .await;
    s.screenshot("admin-review").await;
    card.find(Locator::Css(".approve-button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    if let Ok(confirm) = s
        .client
        .wait()
        .at_most(Duration::from_secs(3))
        .for_element(Locator::Id("decision-confirm"))
        .await
    {
        confirm.click().await.unwrap();
    }
    s.sign_out().await;

    s.sign_in("kwame@example.org", PASSWORD).await;
    s.wait_text("current-user-roles", "Mentor").await;
    s.click("nav-apply").await;
    s.wait_text("my-application-status", "Approved").await;
    s.click("nav-directory").await;
    s.css(".mentor-card").await;
    s.screenshot("now-a-mentor").await;
    s.stop().await;
}

#[tokio::test]
async fn blocking_a_mentor_from_their_profile_and_unblocking_in_settings() {
    let workspace = seeded_workspace(&["mentor@example.org", "mentee@example.org"]).await;
    {
        // Make mentor@ a mentor through the API, as an admin approval would.
        let admin = Mentordesk::open(workspace.path()).await.unwrap();
        admin
            .accounts_sign_in(mentordesk_shared::accounts::SignIn {
                email: "admin@example.org".into(),
                password: PASSWORD.into(),
            })
            .await
            .unwrap();
        let users = admin.users_list(Default::default()).await.unwrap();
        let mentor = users
            .iter()
            .find(|u| u.email == "mentor@example.org")
            .unwrap();
        let roles = admin.roles_list().await.unwrap();
        let ids = roles
            .iter()
            .filter(|r| r.key == "mentor" || r.key == "mentee")
            .map(|r| r.id)
            .collect();
        admin
            .users_set_roles(mentordesk_shared::admin::SetUserRoles {
                user_id: mentor.user_id,
                role_ids: ids,
            })
            .await
            .unwrap();
        admin.db().close().await;
    }
    let s = Session::start("blocking", workspace.path()).await;
    s.sign_in("mentee@example.org", PASSWORD).await;
    s.click("nav-directory").await;
    s.css(".mentor-card").await.click().await.unwrap();
    s.click("block-button").await;
    s.click("confirm-yes").await;
    s.find("unblock-button").await;
    s.screenshot("blocked").await;
    s.click("nav-settings").await;
    let blocked = s.css(".blocked-user").await;
    assert!(blocked.text().await.unwrap().contains("mentor Example"));
    s.screenshot("settings-blocked-list").await;
    s.stop().await;
}

/// Counts elements matching a CSS selector once at least `at_least` are present.
async fn count_at_least(s: &Session, selector: &str, at_least: usize) -> usize {
    let started = Instant::now();
    loop {
        let n = s
            .client
            .find_all(Locator::Css(selector))
            .await
            .map(|v| v.len())
            .unwrap_or(0);
        if n >= at_least {
            return n;
        }
        if started.elapsed() > WAIT {
            s.screenshot("timeout").await;
            panic!("expected at least {at_least} × {selector}, found {n}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn the_demo_organisation_fills_every_admin_screen() {
    let workspace = tempfile::tempdir().unwrap();
    {
        let api = Mentordesk::open(workspace.path()).await.unwrap();
        api.load_demo()
            .await
            .unwrap()
            .expect("demo loaded into an empty workspace");
        api.db().close().await;
    }
    let s = Session::start("demo-tour", workspace.path()).await;
    s.sign_in(
        mentordesk_api::demo::DEMO_ADMIN_EMAIL,
        mentordesk_api::demo::DEMO_PASSWORD,
    )
    .await;
    s.wait_text("current-user-name", "Morgan Ellis").await;
    s.screenshot("home").await;

    s.click("nav-directory").await;
    assert_eq!(count_at_least(&s, ".mentor-card", 12).await, 12);
    s.screenshot("directory").await;
    s.type_into("directory-search", "Lukas").await;
    let started = Instant::now();
    while s
        .client
        .find_all(Locator::Css(".mentor-card"))
        .await
        .unwrap()
        .len()
        != 1
    {
        assert!(
            started.elapsed() < WAIT,
            "search did not narrow the directory"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    s.css(".mentor-card").await.click().await.unwrap();
    s.find("block-button").await;
    s.screenshot("mentor-profile").await;

    s.click("nav-admin-people").await;
    assert!(count_at_least(&s, ".user-row", 55).await >= 55);
    s.screenshot("people").await;
    s.click("people-tab-mentor-applicants").await;
    let started = Instant::now();
    while s
        .client
        .find_all(Locator::Css(".user-row"))
        .await
        .unwrap()
        .len()
        != 3
    {
        assert!(
            started.elapsed() < WAIT,
            "the mentor-applicants tab should list the 3 pending applicants"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    s.screenshot("people-mentor-applicants").await;

    s.click("nav-admin-applications").await;
    count_at_least(&s, ".application-card", 4).await;
    s.screenshot("applications").await;

    s.click("nav-admin-roles").await;
    assert!(count_at_least(&s, ".role-card", 5).await >= 5);
    s.screenshot("roles").await;

    s.click("nav-admin-audit").await;
    count_at_least(&s, ".audit-row", 10).await;
    s.screenshot("audit-log").await;

    s.click("nav-settings").await;
    s.find("password-current").await;
    s.screenshot("settings").await;
    s.stop().await;
}

#[tokio::test]
async fn an_admin_saves_an_applicants_document_to_downloads() {
    use base64::Engine;
    let workspace = seeded_workspace(&["applicant@example.org"]).await;
    let pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".to_vec();
    {
        let app = Mentordesk::open(workspace.path()).await.unwrap();
        app.accounts_sign_in(mentordesk_shared::accounts::SignIn {
            email: "applicant@example.org".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
        app.applications_submit(mentordesk_shared::admin::ApplicationSubmit {
            motivation: "I mentor at a local code club.".into(),
            document: Some(mentordesk_shared::admin::DocumentUpload {
                file_name: "portfolio.pdf".into(),
                base64: base64::engine::general_purpose::STANDARD.encode(&pdf),
            }),
            ..Default::default()
        })
        .await
        .unwrap();
        app.db().close().await;
    }
    let s = Session::start("save-document", workspace.path()).await;
    s.sign_in("admin@example.org", PASSWORD).await;
    s.click("nav-admin-applications").await;
    let card = s
        .css(".application-card[data-applicant-email='applicant@example.org']")
        .await;
    card.find(Locator::Css(".document-link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    s.wait_text("toast", "Saved to").await;
    s.screenshot("saved").await;
    let saved = workspace.path().join("downloads/portfolio.pdf");
    assert_eq!(
        std::fs::read(saved).expect("the document is in Downloads"),
        pdf
    );
    s.stop().await;
}

#[tokio::test]
async fn an_admin_issues_a_reset_code_that_the_user_redeems_once() {
    let workspace = seeded_workspace(&["forgetful@example.org"]).await;
    let s = Session::start("reset-code", workspace.path()).await;
    s.sign_in("admin@example.org", PASSWORD).await;
    s.click("nav-admin-people").await;
    let row = s.css(".user-row[data-email='forgetful@example.org']").await;
    row.find(Locator::Css(".reset-code-button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let code = s.find("reset-code-value").await.text().await.unwrap();
    assert_eq!(
        code.trim().len(),
        14,
        "a code like XXXX-XXXX-XXXX: {code:?}"
    );
    s.screenshot("code-issued").await;
    s.click("reset-code-done").await;
    s.sign_out().await;

    s.click("goto-reset").await;
    s.type_into("reset-email", "forgetful@example.org").await;
    s.type_into("reset-code", "AAAA-BBBB-CCCC").await;
    s.type_into("reset-new-password", "a fresh start phrase")
        .await;
    s.click("reset-submit").await;
    s.wait_text("error-code", "not valid").await;
    s.screenshot("wrong-code").await;
    s.type_into("reset-code", code.trim()).await;
    s.type_into("reset-new-password", "a fresh start phrase")
        .await;
    s.click("reset-submit").await;
    s.sign_in("forgetful@example.org", "a fresh start phrase")
        .await;
    s.wait_text("current-user-name", "forgetful Example").await;
    s.screenshot("signed-in-with-new-password").await;
    s.sign_out().await;

    // The code is single use.
    s.click("goto-reset").await;
    s.type_into("reset-email", "forgetful@example.org").await;
    s.type_into("reset-code", code.trim()).await;
    s.type_into("reset-new-password", "yet another phrase")
        .await;
    s.click("reset-submit").await;
    s.wait_text("error-code", "already been used").await;
    s.stop().await;
}

// ---------------------------------------------------------------- scheduling

/// Admin, a mentor in London (`maria@`) and a mentee in Tokyo (`kenji@`), through the API.
async fn scheduling_workspace() -> tempfile::TempDir {
    let workspace = seeded_workspace(&[]).await;
    let admin = Mentordesk::open(workspace.path()).await.unwrap();
    admin
        .accounts_sign_in(mentordesk_shared::accounts::SignIn {
            email: "admin@example.org".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    let roles = admin.roles_list().await.unwrap();
    for (email, first, zone, keys) in [
        (
            "maria@example.org",
            "Maria",
            "Europe/London",
            &["mentor", "mentee"][..],
        ),
        ("kenji@example.org", "Kenji", "Asia/Tokyo", &["mentee"][..]),
    ] {
        let app = Mentordesk::open(workspace.path()).await.unwrap();
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
                    .filter(|r| keys.contains(&r.key.as_str()))
                    .map(|r| r.id)
                    .collect(),
            })
            .await
            .unwrap();
        app.db().close().await;
    }
    admin.db().close().await;
    workspace
}

async fn signed_in(workspace: &Path, email: &str) -> Mentordesk {
    let app = Mentordesk::open(workspace).await.unwrap();
    app.accounts_sign_in(mentordesk_shared::accounts::SignIn {
        email: email.into(),
        password: PASSWORD.into(),
    })
    .await
    .unwrap();
    app
}

/// Every day 07:00–21:00 London, no notice: there are always slots in the coming days.
fn every_day() -> mentordesk_shared::scheduling::Availability {
    use mentordesk_shared::scheduling::*;
    Availability {
        time_zone: "Europe/London".into(),
        weekly: (0u8..7)
            .map(|d| WeeklyRange {
                weekday: chrono::Weekday::try_from(d).unwrap(),
                start: 7 * 60,
                end: 21 * 60,
            })
            .collect(),
        exceptions: vec![],
        settings: BookingSettings {
            durations: vec![30, 60],
            min_notice_minutes: 0,
            ..BookingSettings::default()
        },
    }
}

/// A confirmed session between maria (mentor) and kenji (mentee) on a slot a day or more ahead.
async fn confirmed_session(workspace: &Path) -> mentordesk_shared::ids::SessionId {
    use mentordesk_shared::scheduling::SlotQuery;
    use mentordesk_shared::sessions::*;
    let mentor = signed_in(workspace, "maria@example.org").await;
    mentor.availability_save(every_day()).await.unwrap();
    let mentor_id = mentor.accounts_me().await.unwrap().user_id;
    let mentee = signed_in(workspace, "kenji@example.org").await;
    let slots = mentee
        .slots_find(SlotQuery {
            mentor_id,
            duration_minutes: Some(60),
            from: None,
            days: Some(7),
            for_session: None,
        })
        .await
        .unwrap()
        .slots;
    let slot = slots
        .iter()
        .find(|s| s.starts_at > chrono::Utc::now() + chrono::Duration::hours(24))
        .unwrap();
    let s = mentee
        .sessions_request(SessionRequest {
            mentor_id,
            starts_at: slot.starts_at,
            duration_minutes: 60,
            title: "Interview practice".into(),
            agenda: "One system design question".into(),
        })
        .await
        .unwrap();
    mentor
        .sessions_act(SessionActionRequest {
            session_id: s.session_id,
            action: SessionAction::Accept,
            message: String::new(),
            new_start: None,
            new_duration_minutes: None,
        })
        .await
        .unwrap();
    mentor.db().close().await;
    mentee.db().close().await;
    s.session_id
}

/// Waits until an element matching `selector` has attribute `attr` equal to `value`.
async fn wait_attr(s: &Session, selector: &str, attr: &str, value: &str) -> Element {
    let started = Instant::now();
    loop {
        if let Ok(el) = s.client.find(Locator::Css(selector)).await {
            if el.attr(attr).await.ok().flatten().as_deref() == Some(value) {
                return el;
            }
        }
        if started.elapsed() > WAIT {
            s.screenshot("timeout").await;
            panic!("{selector} never had {attr}={value:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn a_mentor_publishes_hours_a_mentee_books_and_both_see_it_once_accepted() {
    let workspace = scheduling_workspace().await;
    let s = Session::start("booking", workspace.path()).await;

    // The mentor publishes hours on every day of the week.
    s.sign_in("maria@example.org", PASSWORD).await;
    s.click("nav-availability").await;
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        s.click(&format!("weekday-{day}-add")).await;
    }
    s.click("availability-save").await;
    s.wait_text("availability-published", "Published").await;
    s.scroll_to("availability-published").await;
    s.screenshot("weekly-hours").await;
    s.scroll_to("week-view").await;
    s.screenshot("week-view").await;
    s.sign_out().await;

    // The mentee, in Tokyo, books a slot from the mentor's profile.
    s.sign_in("kenji@example.org", PASSWORD).await;
    s.click("nav-directory").await;
    s.css(".mentor-card").await.click().await.unwrap();
    s.click("book-session").await;
    s.wait_text("book-zones", "Asia/Tokyo").await;
    let slot = s.css("button.slot").await;
    let start = slot.attr("data-start").await.unwrap().unwrap();
    s.screenshot("slot-finder").await;
    slot.click().await.unwrap();
    s.type_into("request-title", "Career chat").await;
    s.type_into("request-agenda", "Moving into a lead role")
        .await;
    s.click("request-submit").await;
    s.wait_text("session-status", "Requested").await;
    s.screenshot("requested").await;
    s.sign_out().await;

    // The mentor accepts from the sessions list.
    s.sign_in("maria@example.org", PASSWORD).await;
    s.click("nav-sessions").await;
    wait_attr(&s, "li.session-row", "data-awaiting", "true")
        .await
        .click()
        .await
        .unwrap();
    s.click("action-accept").await;
    s.wait_text("session-status", "Confirmed").await;
    s.click("nav-sessions").await;
    wait_attr(&s, "li.session-row", "data-status", "confirmed").await;
    s.screenshot("mentor-upcoming").await;
    // The week view shows it, in the week (London's, the mentor's zone) it starts in.
    s.click("nav-availability").await;
    s.find("week-zones").await;
    s.scroll_to("week-view").await;
    let london = chrono_tz::Europe::London;
    let week_of = |at: chrono::DateTime<chrono::Utc>| {
        mentordesk_core::local_time::week_start(mentordesk_core::local_time::today(london, at))
    };
    let booked_week = week_of(
        chrono::DateTime::parse_from_rfc3339(&start)
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    if booked_week > week_of(chrono::Utc::now()) {
        s.click("week-next").await;
    }
    s.wait_text("week-title", &booked_week.format("%-d %b").to_string())
        .await;
    wait_attr(&s, "button.week-session", "data-status", "confirmed").await;
    s.screenshot("week-view-with-session").await;
    s.sign_out().await;

    s.sign_in("kenji@example.org", PASSWORD).await;
    s.click("nav-sessions").await;
    wait_attr(&s, "li.session-row", "data-status", "confirmed").await;
    s.screenshot("mentee-upcoming").await;
    s.stop().await;

    // One session, at the slot that was clicked.
    let api = signed_in(workspace.path(), "kenji@example.org").await;
    let list = api.sessions_list(Default::default()).await.unwrap();
    assert_eq!(list.sessions.len(), 1);
    assert_eq!(
        list.sessions[0]
            .span
            .starts_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        start
    );
}

#[tokio::test]
async fn a_new_time_proposed_by_the_mentee_is_accepted_then_the_session_is_cancelled() {
    let workspace = scheduling_workspace().await;
    let id = confirmed_session(workspace.path()).await;
    let before = {
        let api = signed_in(workspace.path(), "kenji@example.org").await;
        let d = api
            .sessions_get(mentordesk_shared::sessions::SessionRef { session_id: id })
            .await
            .unwrap();
        d.span.starts_at
    };
    let s = Session::start("reschedule", workspace.path()).await;
    s.sign_in("kenji@example.org", PASSWORD).await;
    s.click("nav-sessions").await;
    s.css(&format!("li.session-row[data-session-id='{id}']"))
        .await
        .click()
        .await
        .unwrap();
    s.click("action-propose_new_time").await;
    // The mentor's free slots, the session's own time excepted; take a later one.
    count_at_least(&s, "#propose-slots button.slot", 3).await;
    let options = s
        .client
        .find_all(Locator::Css("#propose-slots button.slot"))
        .await
        .unwrap();
    let chosen = options.last().unwrap();
    let new_start = chosen.attr("data-start").await.unwrap().unwrap();
    chosen.click().await.unwrap();
    s.type_into("action-message", "Could we move this a little later?")
        .await;
    s.screenshot("proposing").await;
    s.click("action-confirm").await;
    wait_attr(&s, "#proposal-banner", "data-proposed-by", "mentee").await;
    s.sign_out().await;

    s.sign_in("maria@example.org", PASSWORD).await;
    s.click("nav-sessions").await;
    s.css(&format!("li.session-row[data-session-id='{id}']"))
        .await
        .click()
        .await
        .unwrap();
    s.find("proposal-banner").await;
    s.screenshot("new-time-to-answer").await;
    s.click("proposal-accept").await;
    s.wait_text("session-status", "Confirmed").await;
    s.css("li.history-event[data-action='accept_new_time']")
        .await;
    s.screenshot("moved").await;

    // Then the mentor cancels it, with a message.
    s.click("action-cancel").await;
    s.type_into("action-message", "Sorry, I am travelling that week.")
        .await;
    s.click("action-confirm").await;
    s.wait_text("session-status", "Cancelled").await;
    s.screenshot("cancelled").await;
    s.stop().await;

    let api = signed_in(workspace.path(), "kenji@example.org").await;
    let d = api
        .sessions_get(mentordesk_shared::sessions::SessionRef { session_id: id })
        .await
        .unwrap();
    assert_ne!(d.span.starts_at, before);
    assert_eq!(
        d.span
            .starts_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        new_start
    );
    assert_eq!(
        d.status,
        mentordesk_shared::scheduling::SessionStatus::Cancelled
    );
    assert_eq!(
        d.history.last().unwrap().message,
        "Sorry, I am travelling that week."
    );
}

#[tokio::test]
async fn a_completed_session_is_rated_once_and_the_rating_shows_on_the_mentor() {
    let workspace = scheduling_workspace().await;
    let id = confirmed_session(workspace.path()).await;
    {
        // Move the session into the past, as if it had just happened.
        let api = Mentordesk::open(workspace.path()).await.unwrap();
        let mut tx = api.db().write().await.unwrap();
        let start = chrono::Utc::now() - chrono::Duration::hours(2);
        sqlx_update_times(&mut tx, id, start).await;
        mentordesk_db::Db::commit(tx).await.unwrap();
        api.db().close().await;
    }
    let s = Session::start("rating", workspace.path()).await;
    s.sign_in("maria@example.org", PASSWORD).await;
    s.click("nav-sessions").await;
    s.click("tab-past").await;
    s.css(&format!("li.session-row[data-session-id='{id}']"))
        .await
        .click()
        .await
        .unwrap();
    s.click("action-complete").await;
    s.wait_text("session-status", "Completed").await;
    s.sign_out().await;

    s.sign_in("kenji@example.org", PASSWORD).await;
    s.click("nav-sessions").await;
    s.click("tab-past").await;
    s.css(&format!("li.session-row[data-session-id='{id}']"))
        .await
        .click()
        .await
        .unwrap();
    s.click("rating-star-4").await;
    s.type_into("rating-comment", "Practical and kind.").await;
    s.screenshot("rating").await;
    s.click("rating-submit").await;
    wait_attr(&s, "li.rating-item", "data-rating", "4").await;
    // Rated once: the form is gone.
    assert!(s.client.find(Locator::Id("rating-submit")).await.is_err());
    s.click("nav-directory").await;
    let card = s.css(".mentor-card").await;
    card.click().await.unwrap();
    s.wait_text("person-rating", "4.0").await;
    s.screenshot("mentor-rating").await;
    s.stop().await;
}

async fn sqlx_update_times(
    tx: &mut mentordesk_db::Tx,
    id: mentordesk_shared::ids::SessionId,
    start: chrono::DateTime<chrono::Utc>,
) {
    let record = mentordesk_db::sessions::get(tx, id).await.unwrap().unwrap();
    let length = record.ends_at - record.starts_at;
    let moved = mentordesk_db::sessions::update_state(
        tx,
        id,
        record.status,
        start,
        start + length,
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    assert!(moved);
}

#[tokio::test]
async fn the_demo_mentor_and_manager_see_sessions_notes_ratings_and_appointments() {
    let workspace = tempfile::tempdir().unwrap();
    let lagos = chrono_tz::Africa::Lagos;
    // The week view's weeks are the app's: start clear of midnight in Lagos on a Sunday,
    // so that this test and the app agree on which week is "this week".
    loop {
        let local = chrono::Utc::now().with_timezone(&lagos);
        let to_midnight = 86_400 - i64::from(chrono::Timelike::num_seconds_from_midnight(&local));
        if chrono::Datelike::weekday(&local) != chrono::Weekday::Sun || to_midnight > 600 {
            break;
        }
        tokio::time::sleep(Duration::from_secs(to_midnight as u64 + 5)).await;
    }
    // What the demo holds in Amara's next week, read through the API the UI uses.
    let (this_monday, next_week) = {
        let api = Mentordesk::open(workspace.path()).await.unwrap();
        api.load_demo().await.unwrap().expect("demo loaded");
        api.accounts_sign_in(mentordesk_shared::accounts::SignIn {
            email: "amara.nwosu@mentordesk.demo".into(),
            password: mentordesk_api::demo::DEMO_PASSWORD.into(),
        })
        .await
        .unwrap();
        let this_monday = mentordesk_core::local_time::week_start(
            mentordesk_core::local_time::today(lagos, api.now()),
        );
        let next_week = api
            .availability_week(mentordesk_shared::scheduling::WeekQuery {
                week_of: Some(this_monday + chrono::Duration::days(7)),
            })
            .await
            .unwrap()
            .sessions
            .len();
        api.accounts_sign_out().await.unwrap();
        api.db().close().await;
        (this_monday, next_week)
    };
    assert!(
        next_week >= 3,
        "the demo fills the mentor's next week whatever day it is loaded ({next_week})"
    );
    let s = Session::start("demo-scheduling", workspace.path()).await;
    s.sign_in(
        "amara.nwosu@mentordesk.demo",
        mentordesk_api::demo::DEMO_PASSWORD,
    )
    .await;
    s.find("home-next-sessions").await;
    s.screenshot("mentor-home").await;
    s.click("nav-sessions").await;
    count_at_least(&s, "li.session-row", 3).await;
    wait_attr(
        &s,
        "li.session-row[data-awaiting='true']",
        "data-awaiting",
        "true",
    )
    .await;
    s.screenshot("upcoming").await;
    s.click("tab-past").await;
    s.css("li.session-row[data-status='completed']")
        .await
        .click()
        .await
        .unwrap();
    count_at_least(&s, "li.rating-item", 2).await;
    s.screenshot("completed-session").await;
    s.scroll_to("note-body").await;
    s.screenshot("completed-session-notes").await;
    // The mentee's private note is not shown to the mentor.
    assert!(s
        .client
        .find(Locator::Css("li.note[data-private='true']"))
        .await
        .is_err());
    s.click("nav-availability").await;
    // Next week (in Lagos, the mentor's zone) shows every session the demo holds there.
    s.wait_text("week-title", &this_monday.format("%-d %b").to_string())
        .await;
    s.click("week-next").await;
    let next_monday = this_monday + chrono::Duration::days(7);
    s.wait_text("week-title", &next_monday.format("%-d %b").to_string())
        .await;
    let shown = count_at_least(&s, "button.week-session", next_week).await;
    assert_eq!(shown, next_week, "next week shows what the demo holds");
    s.scroll_to("week-view").await;
    s.screenshot("week-view").await;
    s.sign_out().await;

    s.sign_in(
        "priya.raman@mentordesk.demo",
        mentordesk_api::demo::DEMO_PASSWORD,
    )
    .await;
    s.click("nav-appointments").await;
    let row = s.css("article.appointment-row").await;
    assert!(row.text().await.unwrap().contains("Spring cohort kick-off"));
    count_at_least(&s, "li.attendee[data-response='accepted']", 1).await;
    s.screenshot("organiser-appointments").await;
    s.stop().await;
}

/// Sets an input's value as typing would (time and date inputs do not take keys reliably).
async fn set_value(s: &Session, id: &str, value: &str) {
    s.find(id).await;
    s.client
        .execute(
            "const e = document.getElementById(arguments[0]); e.value = arguments[1]; \
             e.dispatchEvent(new Event('input', {bubbles: true})); \
             e.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![json!(id), json!(value)],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn bad_input_in_the_scheduling_forms_is_shown_next_to_the_field_and_saves_nothing() {
    let workspace = scheduling_workspace().await;
    let s = Session::start("bad-input", workspace.path()).await;

    // Hours that end before they start, and a booking horizon of 0 weeks.
    s.sign_in("maria@example.org", PASSWORD).await;
    s.click("nav-availability").await;
    s.click("weekday-mon-add").await;
    set_value(&s, "range-mon-0-start", "17:00").await;
    set_value(&s, "range-mon-0-end", "09:00").await;
    set_value(&s, "horizon-weeks", "0").await;
    s.click("availability-save").await;
    s.wait_text("error-weekly", "start before its end").await;
    s.find("error-horizon_days").await;
    s.scroll_to("weekday-mon").await;
    s.screenshot("availability-errors").await;

    // A group appointment without anyone invited.
    s.click("nav-appointments").await;
    s.click("schedule-appointment").await;
    s.type_into("appointment-title", "Cohort kick-off").await;
    s.click("appointment-submit").await;
    s.find("error-attendee_ids").await;
    s.screenshot("appointment-errors").await;
    s.click("appointment-cancel-dialog").await;
    s.sign_out().await;

    // Nothing was saved: the mentor has published no hours and organises nothing.
    {
        let api = signed_in(workspace.path(), "maria@example.org").await;
        assert!(!api.availability_get().await.unwrap().published);
        let list = api.appointments_list(Default::default()).await.unwrap();
        assert!(list.appointments.is_empty());
        api.availability_save(every_day()).await.unwrap();
        api.db().close().await;
    }

    // A booking request without a title.
    s.sign_in("kenji@example.org", PASSWORD).await;
    s.click("nav-directory").await;
    s.css(".mentor-card").await.click().await.unwrap();
    s.click("book-session").await;
    s.css("button.slot").await.click().await.unwrap();
    s.type_into("request-agenda", "Interview practice").await;
    s.click("request-submit").await;
    s.find("error-title").await;
    s.screenshot("request-errors").await;
    s.stop().await;

    let api = signed_in(workspace.path(), "kenji@example.org").await;
    let all = api
        .sessions_list(mentordesk_shared::sessions::SessionFilter {
            scope: mentordesk_shared::sessions::SessionScope::All,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(all.sessions.is_empty());
}

/// Two mentees who are connected, in a fresh workspace.
async fn connected_pair() -> tempfile::TempDir {
    use mentordesk_shared::conversations::ConnectionAnswer;
    use mentordesk_shared::profiles::UserTarget;
    let workspace = seeded_workspace(&["ann@example.org", "bob@example.org"]).await;
    let ann = signed_in(workspace.path(), "ann@example.org").await;
    let bob = signed_in(workspace.path(), "bob@example.org").await;
    let bob_id = bob.accounts_me().await.unwrap().user_id;
    ann.connections_request(UserTarget { user_id: bob_id })
        .await
        .unwrap();
    let request = bob.connections_list().await.unwrap().incoming[0].id;
    bob.connections_answer(ConnectionAnswer {
        id: request,
        accept: true,
    })
    .await
    .unwrap();
    // They have seen the request and its answer.
    ann.notifications_mark_all_read().await.unwrap();
    bob.notifications_mark_all_read().await.unwrap();
    ann.db().close().await;
    bob.db().close().await;
    workspace
}

/// Messages in every conversation Ann is in, as the backend has them.
async fn message_count(workspace: &Path) -> usize {
    let app = signed_in(workspace, "ann@example.org").await;
    let mut total = 0;
    for c in app.conversations_list().await.unwrap().conversations {
        total += app
            .messages_page(mentordesk_shared::conversations::MessageQuery {
                conversation_id: c.id,
                before: None,
                limit: Some(200),
            })
            .await
            .unwrap()
            .messages
            .len();
    }
    app.db().close().await;
    total
}

#[tokio::test]
async fn two_accounts_exchange_messages_and_see_unread_counts_change() {
    let workspace = connected_pair().await;
    let s = Session::start("messaging", workspace.path()).await;
    s.sign_in("ann@example.org", PASSWORD).await;
    s.click("nav-connections").await;
    s.css("#connections-connected li.connection .connection-message")
        .await
        .click()
        .await
        .unwrap();
    s.wait_text("conversation-title", "bob Example").await;

    // Nothing to send, then one character too many: the error sits under the composer
    // and nothing is stored.
    s.click("message-send").await;
    s.wait_text("error-body", "Write a message").await;
    s.type_into("message-body", &"x".repeat(2001)).await;
    s.click("message-send").await;
    s.wait_text("error-body", "2000").await;
    s.screenshot("too-long").await;
    assert_eq!(message_count(workspace.path()).await, 0, "nothing was sent");

    s.type_into(
        "message-body",
        "Hello Bob, shall we practise interviews this week?\u{E007}",
    )
    .await;
    s.css("article.message[data-mine='true'] .message-body")
        .await;
    s.wait_text("message-history", "practise interviews").await;
    assert_eq!(message_count(workspace.path()).await, 1);
    s.screenshot("ann-sent").await;
    s.sign_out().await;

    // Bob sees one unread message and a notification, reads it, and answers.
    s.sign_in("bob@example.org", PASSWORD).await;
    s.wait_text("nav-messages-badge", "1").await;
    s.wait_text("nav-notifications-badge", "1").await;
    s.click("nav-notifications").await;
    let notification = s
        .css("article.notification[data-kind='message_received'][data-read='false']")
        .await;
    s.screenshot("notification-centre").await;
    // (WebKit's rendered text leaves out the ellipsised line; its content is the check.)
    let text = notification
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(text.contains("practise interviews"), "{text}");
    notification.click().await.unwrap();
    s.wait_text("conversation-title", "ann Example").await;
    s.wait_text("message-history", "practise interviews").await;
    // Reading it clears both badges.
    wait_gone(&s, "#nav-messages-badge").await;
    wait_gone(&s, "#nav-notifications-badge").await;
    s.type_into("message-body", "Yes please! Thursday at six?\u{E007}")
        .await;
    s.wait_text("message-history", "Thursday at six").await;
    s.screenshot("bob-conversation").await;
    s.sign_out().await;

    // Back to Ann: one unread in the list, gone once she opens it.
    s.sign_in("ann@example.org", PASSWORD).await;
    s.wait_text("nav-messages-badge", "1").await;
    s.click("nav-messages").await;
    let item = wait_attr(&s, "li.conversation-item", "data-unread", "1").await;
    s.screenshot("ann-unread").await;
    item.find(Locator::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    s.wait_text("message-history", "Thursday at six").await;
    wait_attr(&s, "li.conversation-item", "data-unread", "0").await;
    wait_gone(&s, "#nav-messages-badge").await;

    // Search across her conversations: word prefixes, marked in the snippet.
    s.type_into("message-search", "thurs").await;
    let hit = s.css("li.search-hit mark").await;
    assert_eq!(hit.text().await.unwrap().to_lowercase(), "thursday");
    s.screenshot("search").await;
    s.stop().await;
}

/// Waits until nothing matches `selector`.
async fn wait_gone(s: &Session, selector: &str) {
    let started = Instant::now();
    while s.client.find(Locator::Css(selector)).await.is_ok() {
        if started.elapsed() > WAIT {
            s.screenshot("timeout").await;
            panic!("{selector} is still there");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn reminder_lead_times_out_of_bounds_are_refused_and_good_ones_saved() {
    let workspace = seeded_workspace(&["ann@example.org"]).await;
    let s = Session::start("notification-settings", workspace.path()).await;
    s.sign_in("ann@example.org", PASSWORD).await;
    s.click("nav-settings").await;
    s.css("li.lead-chip[data-minutes='1440']").await;
    s.css("li.lead-chip[data-minutes='10']").await;
    s.find("native-status").await;

    // Zero minutes, then a year: each refused next to the lead times, nothing saved.
    for (amount, unit, minutes) in [("0", "minutes", "0"), ("365", "days", "525600")] {
        s.type_into("lead-amount", amount).await;
        set_value(&s, "lead-unit", unit).await;
        s.click("lead-add").await;
        let chip = format!("li.lead-chip[data-minutes='{minutes}']");
        s.css(&chip).await;
        s.click("notification-settings-save").await;
        s.wait_text("error-lead_minutes", "").await;
        s.screenshot(&format!("refused-{minutes}")).await;
        s.css(&format!("{chip} .lead-remove"))
            .await
            .click()
            .await
            .unwrap();
        let app = signed_in(workspace.path(), "ann@example.org").await;
        assert_eq!(
            app.notification_settings_get().await.unwrap().lead_minutes,
            vec![1440, 10],
            "nothing saved"
        );
        app.db().close().await;
    }

    // Half an hour before, and no desktop pop-ups for new messages.
    s.type_into("lead-amount", "30").await;
    set_value(&s, "lead-unit", "minutes").await;
    s.click("lead-add").await;
    s.css("input.native-kind[data-kind='message_received']")
        .await
        .click()
        .await
        .unwrap();
    s.click("notification-settings-save").await;
    wait_gone(&s, "#error-lead_minutes").await;
    s.css("li.lead-chip[data-minutes='30']").await;
    let app = signed_in(workspace.path(), "ann@example.org").await;
    let started = Instant::now();
    loop {
        let saved = app.notification_settings_get().await.unwrap();
        if saved.lead_minutes == vec![1440, 30, 10] {
            assert!(!saved
                .native
                .contains(&mentordesk_shared::conversations::NotificationKind::MessageReceived));
            break;
        }
        assert!(started.elapsed() < WAIT, "saved: {saved:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.db().close().await;
    s.scroll_to("notification-settings").await;
    s.screenshot("settings").await;
    s.stop().await;
}

#[tokio::test]
async fn the_demo_mentee_reads_messages_notifications_and_the_forum_and_a_manager_locks_a_thread() {
    let workspace = tempfile::tempdir().unwrap();
    {
        let api = Mentordesk::open(workspace.path()).await.unwrap();
        api.load_demo().await.unwrap().expect("demo loaded");
        api.db().close().await;
    }
    let password = mentordesk_api::demo::DEMO_PASSWORD;
    let s = Session::start("demo-conversations", workspace.path()).await;
    s.sign_in("aisha.bello@mentordesk.demo", password).await;
    s.wait_text("nav-messages-badge", "7").await;
    s.find("nav-notifications-badge").await;

    // The conversation with her mentor, then the long one: scrolling up loads older pages.
    s.click("nav-messages").await;
    count_at_least(&s, "li.conversation-item", 5).await;
    s.screenshot("conversations").await;
    let items = s
        .client
        .find_all(Locator::Css("li.conversation-item"))
        .await
        .unwrap();
    let mut long = None;
    for item in items {
        let text = item
            .prop("textContent")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        if text.contains("Kemi") {
            long = Some(item);
        }
    }
    long.expect("the conversation with Kemi")
        .find(Locator::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    s.wait_text("conversation-title", "Kemi").await;
    let first_page = count_at_least(&s, "article.message", 50).await;
    assert_eq!(first_page, 50, "the newest page only");
    for _ in 0..3 {
        s.client
            .execute(
                "document.getElementById('message-history').scrollTop = 0;",
                vec![],
            )
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(600)).await;
    }
    let loaded = count_at_least(&s, "article.message", 100).await;
    assert!(loaded < 300, "pages, not the whole history ({loaded})");
    s.screenshot("long-history").await;

    s.click("nav-notifications").await;
    count_at_least(&s, "article.notification", 8).await;
    s.screenshot("notification-centre").await;
    s.click("nav-connections").await;
    s.find("connections-incoming").await;
    s.screenshot("connections").await;

    // Groups: join one, open a thread, reply.
    s.click("nav-groups").await;
    let card = s.css("article.group-card[data-joined='false']").await;
    let group_id = card.attr("data-group-id").await.unwrap().unwrap();
    card.find(Locator::Css(".group-join"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_attr(
        &s,
        &format!("article.group-card[data-group-id='{group_id}']"),
        "data-joined",
        "true",
    )
    .await;
    s.screenshot("groups").await;
    s.css(&format!(
        "article.group-card[data-group-id='{group_id}'] .group-open"
    ))
    .await
    .click()
    .await
    .unwrap();
    s.find("group-title").await;
    s.css("article.thread-row[data-locked='false'] .thread-row-title")
        .await
        .click()
        .await
        .unwrap();
    s.find("thread-heading").await;
    let replies = s
        .client
        .find_all(Locator::Css("article.reply"))
        .await
        .unwrap()
        .len();
    s.type_into("reply-body", "Thank you, this helps a lot.")
        .await;
    s.click("reply-submit").await;
    count_at_least(&s, "article.reply", replies + 1).await;
    s.screenshot("thread-replied").await;
    let thread_url_heading = s.find("thread-heading").await.text().await.unwrap();
    s.sign_out().await;

    // Priya (a manager) locks that thread; Aisha can no longer reply.
    s.sign_in("priya.raman@mentordesk.demo", password).await;
    s.click("nav-groups").await;
    s.css(&format!(
        "article.group-card[data-group-id='{group_id}'] .group-open"
    ))
    .await
    .click()
    .await
    .unwrap();
    s.find("group-title").await;
    let rows = s
        .client
        .find_all(Locator::Css("article.thread-row .thread-row-title"))
        .await
        .unwrap();
    let mut opened = false;
    for row in rows {
        if row.text().await.unwrap_or_default() == thread_url_heading {
            row.click().await.unwrap();
            opened = true;
            break;
        }
    }
    assert!(opened, "the thread Aisha replied to is listed");
    s.click("thread-lock").await;
    s.find("thread-locked-notice").await;
    s.screenshot("locked").await;
    s.sign_out().await;
    s.sign_in("aisha.bello@mentordesk.demo", password).await;
    s.click("nav-groups").await;
    s.css(&format!(
        "article.group-card[data-group-id='{group_id}'] .group-open"
    ))
    .await
    .click()
    .await
    .unwrap();
    wait_attr(
        &s,
        "article.thread-row[data-locked='true']",
        "data-locked",
        "true",
    )
    .await;
    s.stop().await;
}

/// Opens the first programme of the signed-in person's list.
async fn open_programme(s: &Session) {
    s.click("nav-programmes").await;
    s.click_css("article.programme-card").await;
}

/// A programme manager, a mentor with room for two mentees and a mentee, all in London.
async fn programme_workspace() -> tempfile::TempDir {
    use mentordesk_shared::profiles::UserRef;
    let workspace = seeded_workspace(&[]).await;
    let admin = signed_in(workspace.path(), "admin@example.org").await;
    let roles = admin.roles_list().await.unwrap();
    for (email, first, key) in [
        ("pat@example.org", "Pat", "programme_manager"),
        ("maria@example.org", "Maria", "mentor"),
        ("ann@example.org", "Ann", "mentee"),
    ] {
        let app = Mentordesk::open(workspace.path()).await.unwrap();
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
        admin
            .users_set_roles(mentordesk_shared::admin::SetUserRoles {
                user_id: me.user_id,
                role_ids: roles
                    .iter()
                    .filter(|r| r.key == key)
                    .map(|r| r.id)
                    .collect(),
            })
            .await
            .unwrap();
        if key == "mentor" {
            let mut fields = app
                .profile_get(UserRef { user_id: None })
                .await
                .unwrap()
                .fields;
            fields.mentee_capacity = Some(2);
            fields.accepting_mentees = true;
            fields.expertise = vec!["Leadership".into()];
            app.profile_update(fields).await.unwrap();
            app.availability_save(every_day()).await.unwrap();
        } else if key == "mentee" {
            let mut fields = app
                .profile_get(UserRef { user_id: None })
                .await
                .unwrap()
                .fields;
            fields.interests = vec!["Leadership".into()];
            app.profile_update(fields).await.unwrap();
        }
        app.db().close().await;
    }
    admin.db().close().await;
    workspace
}

/// Ann and Maria meet once (held two hours ago, rated 5 by Ann) and book once more.
async fn pair_meets(workspace: &Path) {
    use mentordesk_shared::scheduling::SlotQuery;
    use mentordesk_shared::sessions::*;
    let maria = signed_in(workspace, "maria@example.org").await;
    let ann = signed_in(workspace, "ann@example.org").await;
    let maria_id = maria.accounts_me().await.unwrap().user_id;
    let slots = ann
        .slots_find(SlotQuery {
            mentor_id: maria_id,
            duration_minutes: Some(60),
            from: None,
            days: Some(7),
            for_session: None,
        })
        .await
        .unwrap()
        .slots;
    let soon = chrono::Utc::now() + chrono::Duration::hours(24);
    let mut ids = Vec::new();
    for slot in slots
        .iter()
        .filter(|s| s.starts_at > soon)
        .step_by(3)
        .take(2)
    {
        let s = ann
            .sessions_request(SessionRequest {
                mentor_id: maria_id,
                starts_at: slot.starts_at,
                duration_minutes: 60,
                title: "Team-lead practice".into(),
                agenda: String::new(),
            })
            .await
            .unwrap();
        maria
            .sessions_act(SessionActionRequest {
                session_id: s.session_id,
                action: SessionAction::Accept,
                message: String::new(),
                new_start: None,
                new_duration_minutes: None,
            })
            .await
            .unwrap();
        ids.push(s.session_id);
    }
    let mut tx = maria.db().write().await.unwrap();
    sqlx_update_times(
        &mut tx,
        ids[0],
        chrono::Utc::now() - chrono::Duration::hours(2),
    )
    .await;
    mentordesk_db::Db::commit(tx).await.unwrap();
    maria
        .sessions_act(SessionActionRequest {
            session_id: ids[0],
            action: SessionAction::Complete,
            message: String::new(),
            new_start: None,
            new_duration_minutes: None,
        })
        .await
        .unwrap();
    ann.sessions_rate(RatingInput {
        session_id: ids[0],
        rating: 5,
        comment: "Clear and practical.".into(),
    })
    .await
    .unwrap();
    maria.db().close().await;
    ann.db().close().await;
}

/// The first file in `dir` whose name ends with `suffix`, once it has been written.
async fn wait_for_file(dir: &Path, suffix: &str) -> std::path::PathBuf {
    let started = Instant::now();
    loop {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let path = e.path();
                let done = std::fs::metadata(&path)
                    .map(|m| m.len() > 0)
                    .unwrap_or(false);
                if done && path.to_string_lossy().ends_with(suffix) {
                    return path;
                }
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no {suffix} file appeared in {}",
            dir.display()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// What `pdftotext -layout` reads in a PDF.
fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh --for-tests)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn a_manager_creates_a_programme_approves_an_application_and_a_match() {
    use mentordesk_shared::programmes::{MatchQuery, MatchStatus, ProgrammeQuery, ProgrammeRole};
    let workspace = programme_workspace().await;
    let s = Session::start("programme", workspace.path()).await;
    s.sign_in("pat@example.org", PASSWORD).await;
    s.click("nav-programmes").await;
    s.find("programmes-empty").await;
    s.click("new-programme").await;
    // No name: the error sits under the field and nothing is created.
    s.click("programme-submit").await;
    s.wait_text("error-name", "name").await;
    s.client
        .execute(
            "document.getElementById('programme-name').scrollIntoView({block: 'center'})",
            vec![],
        )
        .await
        .unwrap();
    s.screenshot("no-name").await;
    let pat = signed_in(workspace.path(), "pat@example.org").await;
    assert!(pat
        .programmes_list(ProgrammeQuery::default())
        .await
        .unwrap()
        .is_empty());
    pat.db().close().await;
    s.type_into("programme-name", "Women in Tech").await;
    s.type_into(
        "programme-description",
        "Six months of mentoring for women moving into technical leadership.",
    )
    .await;
    s.type_into("programme-questions", "Why do you want to join?")
        .await;
    s.click("programme-submit").await;
    s.wait_text("programme-title", "Women in Tech").await;

    // Maria joins as a mentor from the members tab.
    s.click("tab-members").await;
    s.find("member-role").await;
    s.client
        .execute(
            "const r = document.getElementById('member-role'); r.value = 'mentor'; \
             r.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await
        .unwrap();
    s.type_into("member-picker", "Maria").await;
    s.click_css("li.person-option").await;
    s.css("li.member-row[data-role='mentor']").await;
    s.screenshot("members").await;
    s.sign_out().await;

    // Ann finds it open, must answer the question, then applies.
    s.sign_in("ann@example.org", PASSWORD).await;
    s.click("nav-programmes").await;
    s.click("programme-tab-open").await;
    s.click_css("article.programme-card").await;
    s.wait_text("programme-title", "Women in Tech").await;
    s.click("programme-apply").await;
    s.click("apply-submit").await;
    s.wait_text("error-answers.0", "Answer").await;
    s.screenshot("apply-unanswered").await;
    s.type_into("answer-0", "I lead a small team and want to grow into it.")
        .await;
    s.click("apply-submit").await;
    s.wait_text("programme-waiting", "waiting").await;
    s.screenshot("applied").await;
    s.sign_out().await;

    // Pat approves the application, then proposes Maria for Ann and approves the match.
    s.sign_in("pat@example.org", PASSWORD).await;
    s.click("nav-programmes").await;
    s.wait_text("programmes-list", "1 application waiting")
        .await;
    s.screenshot("list-waiting").await;
    s.click_css("article.programme-card").await;
    s.click("tab-applications").await;
    s.click_css("article.application-card[data-status='pending'] .application-approve")
        .await;
    s.css("article.application-card[data-status='approved']")
        .await;
    s.click("tab-matches").await;
    s.click("propose-match").await;
    let best = s.css("li.suggestion").await;
    assert!(best.text().await.unwrap().contains("Maria Example"));
    s.screenshot("suggestions").await;
    best.find(Locator::Css(".suggestion-pick"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    s.type_into("match-goal", "Step into a team-lead role")
        .await;
    s.click("match-submit").await;
    wait_gone(&s, ".modal-backdrop").await;
    s.click_css("article.match-card[data-status='pending'] .match-approve")
        .await;
    s.css("article.match-card[data-status='approved']").await;
    s.screenshot("match-approved").await;

    // The pair meets: one session held (and rated), one to come. The dashboard counts
    // them; a saved meeting report exports them as CSV and PDF.
    pair_meets(workspace.path()).await;
    s.click("tab-dashboard").await;
    s.find("dashboard").await;
    s.wait_text("kpi-pairs", "1").await;
    s.wait_text("kpi-scheduled", "2").await;
    s.wait_text("kpi-attended", "1").await;
    s.wait_text("kpi-rating", "5.0").await;
    let bars = s
        .client
        .find_all(Locator::Css("#weekly-chart svg rect[data-kind]"))
        .await
        .unwrap();
    assert!(!bars.is_empty(), "the weekly chart draws the sessions");
    s.css("#weekly-table tbody tr").await;
    s.screenshot("dashboard").await;
    s.scroll_to("weekly-chart").await;
    s.screenshot("dashboard-chart").await;
    s.click("meeting-report-save").await;
    s.wait_text("error-title", "title").await;
    s.type_into("meeting-report-title", "Autumn meetings").await;
    s.click("meeting-report-save").await;
    s.css("tr.meeting-report-row").await;
    s.find("meeting-report-view").await;
    s.scroll_to("meeting-reports").await;
    s.screenshot("meeting-report").await;
    s.click_css("tr.meeting-report-row .report-csv").await;
    s.click_css("tr.meeting-report-row .report-pdf").await;
    let downloads = workspace.path().join("downloads");
    let csv = wait_for_file(&downloads, ".csv").await;
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        vec![
            "Programme,Mentor,Scheduled,Attended,No-show,Cancelled,Upcoming",
            "Women in Tech,Maria Example,2,1,0,0,1",
            "Women in Tech,All mentors,2,1,0,0,1",
            "All programmes,All mentors,2,1,0,0,1",
        ]
    );
    let pdf = wait_for_file(&downloads, ".pdf").await;
    let text = pdf_text(&pdf);
    assert!(text.contains("Autumn meetings"), "{text}");
    assert!(text.contains("Maria Example"), "{text}");
    assert!(text.contains("Pat Example"), "{text}");
    // Across programmes, from the sidebar.
    s.click("nav-dashboard").await;
    s.find("programmes-table").await;
    s.wait_text("programmes-table", "Women in Tech").await;
    s.scroll_to("programmes-chart").await;
    s.screenshot("dashboard-all").await;
    s.stop().await;

    let pat = signed_in(workspace.path(), "pat@example.org").await;
    let programme = &pat
        .programmes_list(ProgrammeQuery::default())
        .await
        .unwrap()[0];
    assert_eq!(
        (programme.mentors, programme.mentees, programme.active_pairs),
        (1, 1, 1)
    );
    let matches = pat.matches_list(MatchQuery::default()).await.unwrap();
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].status, MatchStatus::Approved);
    assert_eq!(matches[0].mentee.name, "Ann Example");
    let detail = pat
        .programmes_get(mentordesk_shared::programmes::ProgrammeRef { id: programme.id })
        .await
        .unwrap();
    assert!(detail
        .members
        .iter()
        .any(|m| m.role == ProgrammeRole::Mentee && m.person.name == "Ann Example"));
}

#[tokio::test]
async fn an_assigned_task_is_done_and_its_reported_blocker_resolved() {
    use mentordesk_shared::programme_work::{ReportQuery, TaskQuery, TaskStatus};
    use mentordesk_shared::programmes::{
        ProgrammeFields, ProgrammeMemberChange, ProgrammeQuery, ProgrammeRole,
    };
    let workspace = programme_workspace().await;
    {
        let pat = signed_in(workspace.path(), "pat@example.org").await;
        let maria = signed_in(workspace.path(), "maria@example.org").await;
        let maria_id = maria.accounts_me().await.unwrap().user_id;
        let programme = pat
            .programmes_create(ProgrammeFields {
                name: "Returners".into(),
                description: "Back to work after a long break.".into(),
                ..ProgrammeFields::default()
            })
            .await
            .unwrap();
        pat.programmes_set_member(ProgrammeMemberChange {
            programme_id: programme.summary.id,
            user_id: maria_id,
            role: ProgrammeRole::Mentor,
            add: true,
        })
        .await
        .unwrap();
        pat.db().close().await;
        maria.db().close().await;
    }
    let s = Session::start("tasks", workspace.path()).await;
    s.sign_in("pat@example.org", PASSWORD).await;
    open_programme(&s).await;
    s.click("tab-tasks").await;
    s.click("new-task").await;
    // No title: refused next to the field.
    s.click("task-submit").await;
    s.wait_text("error-title", "title").await;
    s.type_into("task-title", "Run the intake survey").await;
    // Due yesterday, assigned to Maria.
    let yesterday = (chrono::Utc::now() - chrono::Duration::days(1))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    s.client
        .execute(
            "const d = document.getElementById('task-due'); d.value = arguments[0]; \
             d.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(yesterday)],
        )
        .await
        .unwrap();
    s.css("input.task-assignee").await;
    let boxes = s
        .client
        .find_all(Locator::Css("input.task-assignee"))
        .await
        .unwrap();
    for b in boxes {
        let label = b
            .find(Locator::XPath("./following-sibling::span"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if label.contains("Maria") {
            b.click().await.unwrap();
        }
    }
    s.click("task-submit").await;
    wait_gone(&s, ".modal-backdrop").await;
    s.css("article.task-row[data-status='pending'][data-overdue='true']")
        .await;
    s.screenshot("task-overdue").await;
    s.sign_out().await;

    // Maria starts it, finishes it, and reports a blocker.
    s.sign_in("maria@example.org", PASSWORD).await;
    open_programme(&s).await;
    s.click("tab-tasks").await;
    s.click_css("article.task-row .task-move[data-to='in_progress']")
        .await;
    s.click_css("article.task-row[data-status='in_progress'] .task-move[data-to='completed']")
        .await;
    s.css("article.task-row[data-status='completed'][data-overdue='false']")
        .await;
    s.click_css("article.task-row .task-report").await;
    s.type_into("report-title", "Survey, week 1").await;
    s.type_into("report-achievements", "14 of 20 answered.")
        .await;
    s.type_into("report-blockers", "Two mentees have no e-mail on file.")
        .await;
    s.click("report-submit").await;
    wait_gone(&s, ".modal-backdrop").await;
    s.click("tab-reports").await;
    s.css("article.report-card[data-blockers='open']").await;
    s.screenshot("report-written").await;
    s.sign_out().await;

    // Pat resolves the blocker.
    s.sign_in("pat@example.org", PASSWORD).await;
    open_programme(&s).await;
    s.click("tab-reports").await;
    s.click_css("article.report-card[data-blockers='open'] .report-resolve")
        .await;
    s.css("article.report-card[data-blockers='resolved']").await;
    s.screenshot("blocker-resolved").await;
    s.stop().await;

    let pat = signed_in(workspace.path(), "pat@example.org").await;
    let programme = pat
        .programmes_list(ProgrammeQuery::default())
        .await
        .unwrap()[0]
        .id;
    let tasks = pat
        .tasks_list(TaskQuery {
            programme_id: Some(programme),
            mine: false,
        })
        .await
        .unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].status, TaskStatus::Completed);
    assert_eq!(tasks[0].assignees[0].name, "Maria Example");
    let reports = pat
        .reports_list(ReportQuery {
            programme_id: Some(programme),
            open_blockers: false,
        })
        .await
        .unwrap();
    assert_eq!(reports.len(), 1);
    assert!(!reports[0].blockers_open);
}

/// The demo's programme manager opens Women in Tech: what waits for her (applications and
/// matches), its members, the ranked mentors for a mentee, its tasks (one overdue) and a
/// report with open blockers; the demo mentee sees her programme and her match.
#[tokio::test]
async fn the_demo_manager_reviews_her_programme_and_the_mentee_sees_her_match() {
    let workspace = tempfile::tempdir().unwrap();
    {
        let api = Mentordesk::open(workspace.path()).await.unwrap();
        api.load_demo().await.unwrap().expect("demo loaded");
        api.db().close().await;
    }
    let s = Session::start("demo-programmes", workspace.path()).await;
    s.sign_in(
        "priya.raman@mentordesk.demo",
        mentordesk_api::demo::DEMO_PASSWORD,
    )
    .await;
    s.click("nav-programmes").await;
    s.wait_text("programmes-list", "3 applications · 2 matches waiting")
        .await;
    s.screenshot("list").await;
    s.click_css("article.programme-card").await;
    s.wait_text("programme-title", "Women in Tech 20").await;
    s.find("programme-facts").await;
    s.screenshot("overview").await;
    s.click("tab-members").await;
    count_at_least(&s, "li.member-row[data-role='mentee']", 14).await;
    s.screenshot("members").await;
    s.click("tab-applications").await;
    count_at_least(&s, "article.application-card[data-status='pending']", 3).await;
    s.screenshot("applications").await;
    s.click("tab-matches").await;
    count_at_least(&s, "article.match-card[data-status='approved']", 8).await;
    s.css("article.match-card[data-status='pending']").await;
    s.screenshot("matches").await;
    s.click("propose-match").await;
    // Aisha comes first in the list and has Amara already: the other five are ranked.
    count_at_least(&s, "li.suggestion", 5).await;
    s.screenshot("suggestions").await;
    s.click("match-cancel").await;
    wait_gone(&s, ".modal-backdrop").await;
    s.click("tab-tasks").await;
    s.css("article.task-row[data-overdue='true']").await;
    s.screenshot("tasks").await;
    s.click("tab-reports").await;
    s.css("article.report-card[data-blockers='open']").await;
    s.screenshot("reports").await;
    // The dashboard across her programmes: weeks of meetings, the attention list, last
    // month's saved report.
    s.click("nav-dashboard").await;
    s.find("programmes-table").await;
    count_at_least(&s, "#weekly-chart svg rect[data-kind='attended']", 6).await;
    s.screenshot("dashboard").await;
    s.scroll_to("weekly-heading").await;
    s.screenshot("dashboard-weeks").await;
    s.scroll_to("attention").await;
    s.css("tr.meeting-report-row").await;
    s.screenshot("dashboard-attention").await;
    // The finished programme's certificates: two approved, one to approve, which she does.
    s.click("nav-programmes").await;
    s.click_css("article.programme-card[data-status='completed']")
        .await;
    s.click("tab-certificates").await;
    count_at_least(&s, "article.certificate-card[data-status='approved']", 2).await;
    s.screenshot("certificates").await;
    s.click_css("article.certificate-card[data-status='pending_approval'] .certificate-approve")
        .await;
    count_at_least(&s, "article.certificate-card[data-status='approved']", 3).await;
    let code = s
        .css("article.certificate-card[data-status='approved'] .certificate-code")
        .await
        .text()
        .await
        .unwrap();
    s.sign_out().await;
    // Anyone can check a code from the sign-in screen.
    s.click("goto-verify").await;
    s.type_into("verify-code", &code.to_lowercase()).await;
    s.click("verify-submit").await;
    wait_attr(&s, "#verify-result", "data-verdict", "valid").await;
    s.screenshot("verify").await;
    s.click("goto-sign-in").await;

    s.sign_in(
        "aisha.bello@mentordesk.demo",
        mentordesk_api::demo::DEMO_PASSWORD,
    )
    .await;
    open_programme(&s).await;
    s.wait_text("programme-title", "Women in Tech 20").await;
    s.click("tab-matches").await;
    let mine = s.css("article.match-card[data-status='approved']").await;
    assert!(mine.text().await.unwrap().contains("Amara Nwosu"));
    s.screenshot("mentee-match").await;
    s.stop().await;
}

// ---------------------------------------------------------------- importing people

#[tokio::test]
async fn an_admin_imports_people_from_csv_and_only_the_bad_rows_are_reported() {
    let workspace = seeded_workspace(&["taken@example.org"]).await;
    // A BOM, CRLF line ends, quotes, a comma inside quotes, doubled quotes, a newline in
    // a quoted cell and non-ASCII names; rows 4 (bad e-mail), 6 (no name), 8 (unknown
    // role) and 9 (the same e-mail as row 2) are wrong; row 10 already has an account.
    let csv = "\u{feff}Name,E-mail,Roles,Tags\r\n\
               Zoë Łukasiewicz,zoe@example.org,mentee,\"Rust, WebAssembly\"\r\n\
               \"Núñez, José\",jose@example.org,mentor,Leadership\r\n\
               Bad Address,not-an-address,mentee,\r\n\
               \"Nguyễn Thị \"\"Minh\"\"\",minh@example.org,mentee;mentor,\"Data\nScience\"\r\n\
               ,noname@example.org,mentee,\r\n\
               山田太郎,taro@example.org,mentee,\r\n\
               Pat Wizard,pat@example.org,wizard,\r\n\
               Zoe Again,ZOE@example.org,mentee,\r\n\
               Already Here,taken@example.org,mentee,\r\n";
    let file = workspace.path().join("people.csv");
    std::fs::write(&file, csv).unwrap();
    let s = Session::start("import", workspace.path()).await;
    s.sign_in("admin@example.org", PASSWORD).await;
    s.click("nav-admin-import").await;
    // Not a CSV file: refused next to the field, nothing read.
    let png = workspace.path().join("photo.csv");
    write_test_png(&workspace.path().join("photo.png"));
    std::fs::copy(workspace.path().join("photo.png"), &png).unwrap();
    s.find("import-file")
        .await
        .send_keys(png.to_str().unwrap())
        .await
        .unwrap();
    s.wait_text("error-file", "not a CSV file").await;
    s.screenshot("not-csv").await;
    s.find("import-file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    s.find("import-preview").await;
    s.wait_text("import-counts", "9 rows").await;
    let rows: Vec<u32> = {
        let mut out = Vec::new();
        for el in s
            .client
            .find_all(Locator::Css("table.import-errors tr[data-row]"))
            .await
            .unwrap()
        {
            out.push(el.attr("data-row").await.unwrap().unwrap().parse().unwrap());
        }
        out
    };
    assert_eq!(rows, vec![4, 6, 8, 9], "exactly the bad rows");
    let errors = s.css("table.import-errors").await.text().await.unwrap();
    assert!(errors.contains("Same e-mail as row 2"), "{errors}");
    assert!(errors.contains("wizard"), "{errors}");
    s.css("table.import-existing tr[data-row='10']").await;
    s.wait_text("import-counts", "4 will be created").await;
    s.screenshot("preview").await;
    s.click("import-run").await;
    s.find("import-result").await;
    s.wait_text("import-result", "Imported 4 people").await;
    let codes_path = s.find("import-codes-path").await.text().await.unwrap();
    s.screenshot("imported").await;
    s.click("import-errors-save").await;
    let errors_csv = wait_for_file(&workspace.path().join("downloads"), "errors.csv").await;
    let text = std::fs::read_to_string(errors_csv).unwrap();
    let rows: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(rows, vec!["4", "6", "8", "9"]);

    // The same file again creates nobody twice.
    s.find("import-file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    s.wait_text("import-counts", "0 will be created").await;
    s.css("tr.import-history-row").await;
    s.screenshot("again").await;

    // An HR system's export: first and last name columns, and columns Mentordesk does
    // not import, which the preview lists rather than refusing the file.
    let hr = workspace.path().join("hr.csv");
    std::fs::write(
        &hr,
        "Employee ID,First Name,Last Name,Work Email,Department\r\n\
         E1,Mary Ann,van der Berg,mary@example.org,Finance\r\n",
    )
    .unwrap();
    s.find("import-file")
        .await
        .send_keys(hr.to_str().unwrap())
        .await
        .unwrap();
    s.wait_text("import-counts", "1 will be created").await;
    s.css("table.column-map tr[data-header='First Name'][data-field='first_name']")
        .await;
    s.css("table.column-map tr[data-header='Last Name'][data-field='last_name']")
        .await;
    s.css("table.column-map tr.not-imported[data-header='Employee ID']")
        .await;
    let sample = s.css("table.import-sample").await.text().await.unwrap();
    assert!(sample.contains("van der Berg"), "{sample}");
    s.screenshot("hr-export").await;
    s.stop().await;

    // A code from the codes file sets Zoë's password.
    let codes = std::fs::read_to_string(codes_path.trim()).unwrap();
    let zoe = codes
        .lines()
        .find(|l| l.contains("zoe@example.org"))
        .expect("Zoë has a code");
    let code = zoe.rsplit(',').next().unwrap().trim().to_string();
    let api = Mentordesk::open(workspace.path()).await.unwrap();
    api.accounts_reset_with_code(mentordesk_shared::accounts::ResetWithCode {
        email: "zoe@example.org".into(),
        code,
        new_password: "amber meadow lantern".into(),
    })
    .await
    .unwrap();
    api.accounts_sign_in(mentordesk_shared::accounts::SignIn {
        email: "zoe@example.org".into(),
        password: "amber meadow lantern".into(),
    })
    .await
    .unwrap();
    assert_eq!(
        api.accounts_me().await.unwrap().display_name(),
        "Zoë Łukasiewicz"
    );
    api.db().close().await;
}
