//! Profiles, photos, onboarding, the directory, blocking and applications.

#[path = "support/workspace.rs"]
mod common;

use base64::Engine;
use common::{count, Workspace};
use mentordesk_shared::accounts::OnboardingStatus;
use mentordesk_shared::admin::*;
use mentordesk_shared::profiles::*;
use mentordesk_shared::ErrorCode;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 30, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

#[tokio::test]
async fn a_profile_edit_is_saved_and_bad_fields_change_nothing() {
    let (ws, _admin) = Workspace::with_admin().await;
    let (app, _) = ws.mentee("edit@example.org").await;
    let mut fields = app.profile_get(UserRef::default()).await.unwrap().fields;
    fields.headline = "Aspiring data engineer".into();
    fields.bio = "I like pipelines.".into();
    fields.expertise = vec!["SQL".into(), "Python".into()];
    fields.github = "@mina".into();
    let saved = app.profile_update(fields.clone()).await.unwrap();
    assert_eq!(saved.fields.github, "https://github.com/mina");
    assert_eq!(saved.fields.expertise, vec!["SQL", "Python"]);

    let mut bad = saved.fields.clone();
    bad.headline = "Changed".into();
    bad.bio = "x".repeat(1001);
    bad.interests = (0..11).map(|i| format!("interest {i}")).collect();
    bad.time_zone = "Atlantis/Capital".into();
    let err = app.profile_update(bad).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    for field in ["bio", "interests", "time_zone"] {
        assert!(err.field_message(field).is_some(), "{field}");
    }
    let after = app.profile_get(UserRef::default()).await.unwrap();
    assert_eq!(
        after.fields.headline, "Aspiring data engineer",
        "a rejected edit changes nothing"
    );

    // Survives reopening the workspace (an app restart).
    drop(app);
    let reopened = ws.sign_in("edit@example.org").await;
    assert_eq!(
        reopened
            .profile_get(UserRef::default())
            .await
            .unwrap()
            .fields
            .headline,
        "Aspiring data engineer"
    );
}

#[tokio::test]
async fn tags_come_from_one_shared_vocabulary() {
    let (ws, _admin) = Workspace::with_admin().await;
    let (a, _) = ws.mentee("a@example.org").await;
    let (b, _) = ws.mentee("b@example.org").await;
    let mut fa = a.profile_get(UserRef::default()).await.unwrap().fields;
    fa.expertise = vec!["Rust".into()];
    a.profile_update(fa).await.unwrap();
    let mut fb = b.profile_get(UserRef::default()).await.unwrap().fields;
    fb.interests = vec!["rust".into(), "Go".into()];
    b.profile_update(fb).await.unwrap();
    assert_eq!(a.tags_list().await.unwrap(), vec!["Go", "Rust"]);
}

#[tokio::test]
async fn photos_are_resized_and_non_images_are_refused() {
    let (ws, _admin) = Workspace::with_admin().await;
    let (app, _) = ws.mentee("photo@example.org").await;
    let err = app
        .profile_set_photo(PhotoUpload {
            base64: b64(b"%PDF-1.4 not a picture"),
        })
        .await
        .unwrap_err();
    assert!(err.field_message("photo").is_some());
    let view = app
        .profile_set_photo(PhotoUpload {
            base64: b64(&png(1200, 900)),
        })
        .await
        .unwrap();
    let data = view.photo.expect("photo set");
    let jpeg = base64::engine::general_purpose::STANDARD
        .decode(data.trim_start_matches("data:image/jpeg;base64,"))
        .unwrap();
    let stored = image::load_from_memory(&jpeg).unwrap();
    assert_eq!((stored.width(), stored.height()), (256, 256));
    let files: Vec<_> = std::fs::read_dir(ws.path().join("photos"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1, "one resized file in the app data dir");
    let replaced = app
        .profile_set_photo(PhotoUpload {
            base64: b64(&png(300, 300)),
        })
        .await
        .unwrap();
    assert!(replaced.photo.is_some());
    assert_eq!(
        std::fs::read_dir(ws.path().join("photos")).unwrap().count(),
        1,
        "the old photo is removed"
    );
    assert!(app.profile_remove_photo().await.unwrap().photo.is_none());
}

#[tokio::test]
async fn onboarding_records_status_step_and_completion_time() {
    let (ws, _admin) = Workspace::with_admin().await;
    let (app, _) = ws.mentee("onboard@example.org").await;
    let view = app
        .onboarding_update(OnboardingUpdate {
            step: 2,
            complete: false,
        })
        .await
        .unwrap();
    assert_eq!(view.onboarding_status, OnboardingStatus::InProgress);
    assert_eq!(view.onboarding_step, 2);
    assert!(view.onboarding_completed_at.is_none());
    let done = app
        .onboarding_update(OnboardingUpdate {
            step: 4,
            complete: true,
        })
        .await
        .unwrap();
    assert_eq!(done.onboarding_status, OnboardingStatus::Completed);
    assert!(done.onboarding_completed_at.is_some());
    assert!(app
        .onboarding_update(OnboardingUpdate {
            step: 9,
            complete: false
        })
        .await
        .unwrap_err()
        .field_message("step")
        .is_some());
}

#[tokio::test]
async fn blocking_is_stored_listed_and_undone() {
    let (ws, _admin) = Workspace::with_admin().await;
    let (a, a_id) = ws.mentee("blocker@example.org").await;
    let (_b, b_id) = ws.mentee("blocked@example.org").await;
    assert!(a
        .blocks_add(UserTarget { user_id: a_id })
        .await
        .unwrap_err()
        .field_message("user_id")
        .is_some());
    a.blocks_add(UserTarget { user_id: b_id }).await.unwrap();
    a.blocks_add(UserTarget { user_id: b_id }).await.unwrap();
    let list = a.blocks_list().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].user_id, b_id);
    assert!(a.is_blocked_between(b_id, a_id).await.unwrap());
    a.blocks_remove(UserTarget { user_id: b_id }).await.unwrap();
    assert!(a.blocks_list().await.unwrap().is_empty());
    assert!(!a.is_blocked_between(a_id, b_id).await.unwrap());
}

fn application(role: ApplicationRole) -> ApplicationSubmit {
    ApplicationSubmit {
        role,
        previous_roles: vec!["Tutor".into()],
        previous_programmes: vec!["Code Club".into()],
        programme_of_interest: "Early careers".into(),
        years_technical_experience: Some(6),
        been_mentor_before: true,
        technical_proficiency: vec!["Rust".into()],
        motivation: "I enjoy teaching.".into(),
        document: None,
    }
}

#[tokio::test]
async fn an_approved_mentor_application_grants_the_mentor_role_and_lists_them() {
    let (ws, admin) = Workspace::with_admin().await;
    let (app, id) = ws.mentee("future.mentor@example.org").await;
    let mut req = application(ApplicationRole::Mentor);
    req.document = Some(DocumentUpload {
        file_name: "cv.pdf".into(),
        base64: b64(b"%PDF-1.7\n1 0 obj <<>> endobj\n"),
    });
    let submitted = app.applications_submit(req.clone()).await.unwrap();
    assert_eq!(submitted.status, ApplicationStatus::Pending);
    assert_eq!(
        app.applications_submit(req).await.unwrap_err().code,
        ErrorCode::Conflict
    );

    let applicants = admin
        .users_list(UserQuery {
            filter: UserFilter::Applicants(ApplicationRole::Mentor),
            text: String::new(),
        })
        .await
        .unwrap();
    assert_eq!(
        applicants.iter().map(|u| u.user_id).collect::<Vec<_>>(),
        vec![id]
    );
    let saved = admin
        .applications_save_document(ApplicationRef { id: submitted.id })
        .await
        .unwrap();
    assert_eq!(saved.file_name, "cv.pdf");
    assert_eq!(
        std::fs::read(&saved.path).unwrap(),
        b"%PDF-1.7\n1 0 obj <<>> endobj\n"
    );
    assert!(std::path::Path::new(&saved.path).starts_with(ws.path().join("downloads")));
    let again = admin
        .applications_save_document(ApplicationRef { id: submitted.id })
        .await
        .unwrap();
    assert!(
        again.path.ends_with("cv (1).pdf"),
        "an existing download is never overwritten: {}",
        again.path
    );

    let no_reason = admin
        .applications_decide(ApplicationDecision {
            id: submitted.id,
            approve: false,
            reason: " ".into(),
        })
        .await
        .unwrap_err();
    assert!(no_reason.field_message("reason").is_some());
    let decided = admin
        .applications_decide(ApplicationDecision {
            id: submitted.id,
            approve: true,
            reason: String::new(),
        })
        .await
        .unwrap();
    assert_eq!(decided.status, ApplicationStatus::Approved);
    assert!(app.accounts_me().await.unwrap().has_role("mentor"));
    let approved = admin
        .users_list(UserQuery {
            filter: UserFilter::Approved(ApplicationRole::Mentor),
            text: String::new(),
        })
        .await
        .unwrap();
    assert_eq!(approved.len(), 1);
    let mentors = admin
        .users_list(UserQuery {
            filter: UserFilter::Role("mentor".into()),
            text: String::new(),
        })
        .await
        .unwrap();
    assert_eq!(mentors.len(), 1);
    assert_eq!(
        admin
            .applications_decide(ApplicationDecision {
                id: submitted.id,
                approve: false,
                reason: "late".into()
            })
            .await
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );

    // Now a mentor, they appear in the directory once their profile says where they are.
    let mut fields = app.profile_get(UserRef::default()).await.unwrap().fields;
    fields.expertise = vec!["Rust".into()];
    fields.accepting_mentees = true;
    app.profile_update(fields).await.unwrap();
    let page = admin
        .directory_search(DirectoryQuery {
            expertise: Some("rust".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.mentors.len(), 1);
    assert!(admin
        .directory_search(DirectoryQuery {
            text: "nobody-by-this-name".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .mentors
        .is_empty());
    assert_eq!(
        common::sqlx_count(
            &admin,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'application_approved'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn an_oversized_or_foreign_document_is_refused_and_leaves_no_file() {
    let (ws, admin) = Workspace::with_admin().await;
    let (app, _) = ws.mentee("big@example.org").await;
    let mut req = application(ApplicationRole::ProgrammeManager);
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(mentordesk_core::media::DOCUMENT_MAX_BYTES + 10, b'a');
    req.document = Some(DocumentUpload {
        file_name: "huge.pdf".into(),
        base64: b64(&big),
    });
    let err = app.applications_submit(req.clone()).await.unwrap_err();
    assert!(err.field_message("document").unwrap().contains("too large"));
    req.document = Some(DocumentUpload {
        file_name: "run.exe".into(),
        base64: b64(b"MZ\x90\x00\x03 program"),
    });
    assert!(app
        .applications_submit(req)
        .await
        .unwrap_err()
        .field_message("document")
        .is_some());
    assert_eq!(count(&admin, "role_applications").await, 0);
    assert!(
        !ws.path().join("documents").exists()
            || std::fs::read_dir(ws.path().join("documents"))
                .unwrap()
                .count()
                == 0
    );
}

#[tokio::test]
async fn the_demo_organisation_is_realistic_and_loads_only_into_an_empty_workspace() {
    let ws = Workspace::new();
    let app = ws.open().await;
    let summary = app.load_demo().await.unwrap().expect("loaded");
    assert_eq!(
        (
            summary.admins,
            summary.managers,
            summary.mentors,
            summary.mentees
        ),
        (1, 2, 12, 40)
    );
    assert!(app.load_demo().await.unwrap().is_none());
    let admin = ws.open().await;
    admin
        .accounts_sign_in(mentordesk_shared::accounts::SignIn {
            email: mentordesk_api::demo::DEMO_ADMIN_EMAIL.into(),
            password: mentordesk_api::demo::DEMO_PASSWORD.into(),
        })
        .await
        .unwrap();
    let page = admin
        .directory_search(DirectoryQuery::default())
        .await
        .unwrap();
    assert_eq!(page.mentors.len(), 12);
    assert!(page
        .mentors
        .iter()
        .all(|m| m.photo.is_some() && !m.expertise.is_empty()));
    assert!(
        page.time_zones.len() >= 10,
        "mentors spread over many zones"
    );
    let pending = admin
        .applications_list(ApplicationQuery {
            status: Some(ApplicationStatus::Pending),
            role: None,
        })
        .await
        .unwrap();
    assert!(pending.len() >= 3);
}
