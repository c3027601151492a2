//! Accounts against a real workspace: first run, sign-up, sign-in, throttling,
//! passwords, reset codes, deactivation and the inactivity timeout.

#[path = "support/workspace.rs"]
mod common;

use chrono::Duration;
use common::{count, Workspace, PASSWORD};
use mentordesk_shared::accounts::*;
use mentordesk_shared::profiles::UserTarget;
use mentordesk_shared::ErrorCode;

fn sign_up(email: &str, password: &str) -> SignUp {
    SignUp {
        email: email.into(),
        password: password.into(),
        first_name: "Sam".into(),
        last_name: "Taylor".into(),
        intent: SignUpIntent::Mentee,
        time_zone: Some("America/New_York".into()),
    }
}

#[tokio::test]
async fn an_empty_workspace_asks_for_the_first_admin_once() {
    let ws = Workspace::new();
    let app = ws.open().await;
    assert!(app.app_status().await.unwrap().needs_first_admin);
    let err = app
        .accounts_sign_up(sign_up("early@example.org", PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);

    let me = app
        .accounts_create_first_admin(CreateFirstAdmin {
            email: "root@example.org".into(),
            password: PASSWORD.into(),
            first_name: "Root".into(),
            last_name: "Admin".into(),
        })
        .await
        .unwrap();
    assert!(me.has_role("admin"));
    let status = app.app_status().await.unwrap();
    assert!(!status.needs_first_admin);
    assert_eq!(status.signed_in.unwrap().user_id, me.user_id);

    let again = ws
        .open()
        .await
        .accounts_create_first_admin(CreateFirstAdmin {
            email: "second@example.org".into(),
            password: PASSWORD.into(),
            first_name: "Second".into(),
            last_name: "Admin".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    assert_eq!(count(&app, "users").await, 1);
}

#[tokio::test]
async fn sign_up_makes_a_signed_in_mentee_in_their_time_zone() {
    let (ws, _admin) = Workspace::with_admin().await;
    let app = ws.open().await;
    let me = app
        .accounts_sign_up(sign_up("sam@example.org", PASSWORD))
        .await
        .unwrap();
    assert!(me.has_role("mentee"));
    assert!(!me.has_role("admin"));
    let profile = app.profile_get(Default::default()).await.unwrap();
    assert_eq!(profile.fields.time_zone, "America/New_York");
}

#[tokio::test]
async fn invalid_and_duplicate_emails_in_any_case_are_rejected_and_nothing_is_written() {
    let (ws, admin) = Workspace::with_admin().await;
    let app = ws.open().await;
    let before = count(&admin, "users").await;
    let err = app
        .accounts_sign_up(sign_up("not-an-email", PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.field_message("email").is_some());
    let err = app
        .accounts_sign_up(sign_up("ADMIN@Example.ORG", PASSWORD))
        .await
        .unwrap_err();
    assert!(err
        .field_message("email")
        .unwrap()
        .contains("already exists"));
    assert_eq!(count(&admin, "users").await, before);
    assert_eq!(count(&admin, "profiles").await, before);
}

#[tokio::test]
async fn short_and_common_passwords_are_rejected_on_the_password_field() {
    let (ws, admin) = Workspace::with_admin().await;
    let app = ws.open().await;
    for bad in ["short", "password1", "iloveyou", "12345678"] {
        let err = app
            .accounts_sign_up(sign_up("pw@example.org", bad))
            .await
            .unwrap_err();
        assert!(err.field_message("password").is_some(), "{bad} accepted");
    }
    assert_eq!(count(&admin, "users").await, 1);
}

#[tokio::test]
async fn a_wrong_password_is_refused_recorded_and_changes_nothing_else() {
    let (ws, admin) = Workspace::with_admin().await;
    let app = ws.open().await;
    let err = app
        .accounts_sign_in(SignIn {
            email: "admin@example.org".into(),
            password: "wrong password".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Unauthenticated);
    assert!(app.app_status().await.unwrap().signed_in.is_none());
    let failed = common::sqlx_count(
        &admin,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_failed'",
    )
    .await;
    assert_eq!(failed, 1);
    // The right password still works at once: a single typo costs nothing.
    app.accounts_sign_in(SignIn {
        email: "Admin@example.org".into(),
        password: PASSWORD.into(),
    })
    .await
    .unwrap();
    let ok = common::sqlx_count(
        &admin,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in'",
    )
    .await;
    assert_eq!(ok, 1);
}

#[tokio::test]
async fn repeated_failures_slow_guessing_but_the_owner_gets_back_in_within_minutes() {
    let (ws, _admin) = Workspace::with_admin().await;
    let app = ws.open().await;
    let wrong = SignIn {
        email: "admin@example.org".into(),
        password: "not it at all".into(),
    };
    for _ in 0..mentordesk_core::throttle::FREE_ATTEMPTS {
        assert_eq!(
            app.accounts_sign_in(wrong.clone()).await.unwrap_err().code,
            ErrorCode::Unauthenticated
        );
    }
    let right = SignIn {
        email: "admin@example.org".into(),
        password: PASSWORD.into(),
    };
    // Now even the right password must wait…
    assert_eq!(
        app.accounts_sign_in(right.clone()).await.unwrap_err().code,
        ErrorCode::RateLimited
    );
    // …but not for long.
    ws.clock.advance(Duration::minutes(5));
    app.accounts_sign_in(right).await.unwrap();
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one() {
    let (ws, admin) = Workspace::with_admin().await;
    let err = admin
        .accounts_change_password(ChangePassword {
            current_password: "guess guess".into(),
            new_password: "a brand new phrase".into(),
        })
        .await
        .unwrap_err();
    assert!(err.field_message("current_password").is_some());
    admin
        .accounts_change_password(ChangePassword {
            current_password: PASSWORD.into(),
            new_password: "a brand new phrase".into(),
        })
        .await
        .unwrap();
    let other = ws.open().await;
    assert!(other
        .accounts_sign_in(SignIn {
            email: "admin@example.org".into(),
            password: PASSWORD.into()
        })
        .await
        .is_err());
    other
        .accounts_sign_in(SignIn {
            email: "admin@example.org".into(),
            password: "a brand new phrase".into(),
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn reset_codes_are_single_use_expire_after_a_day_and_must_match() {
    let (ws, admin) = Workspace::with_admin().await;
    let (_mentee, mentee_id) = ws.mentee("reset@example.org").await;
    let issued = admin
        .users_issue_reset_code(UserTarget { user_id: mentee_id })
        .await
        .unwrap();
    assert_eq!(
        issued.expires_at - mentordesk_core::clock::Clock::now(ws.clock.as_ref()),
        Duration::hours(24)
    );
    let stored = common::sqlx_count(
        &admin,
        &format!(
            "SELECT COUNT(*) FROM password_resets WHERE code_digest = '{}'",
            issued.code
        ),
    )
    .await;
    assert_eq!(stored, 0, "the code itself is never stored");

    let anon = ws.open().await;
    let reset = |code: &str| ResetWithCode {
        email: "reset@example.org".into(),
        code: code.into(),
        new_password: "fresh start phrase".into(),
    };
    let wrong = anon
        .accounts_reset_with_code(reset("AAAA-BBBB-CCCC"))
        .await
        .unwrap_err();
    assert!(wrong.field_message("code").unwrap().contains("not valid"));
    anon.accounts_reset_with_code(reset(&issued.code.to_lowercase()))
        .await
        .unwrap();
    let used = anon
        .accounts_reset_with_code(reset(&issued.code))
        .await
        .unwrap_err();
    assert!(used
        .field_message("code")
        .unwrap()
        .contains("already been used"));
    anon.accounts_sign_in(SignIn {
        email: "reset@example.org".into(),
        password: "fresh start phrase".into(),
    })
    .await
    .unwrap();

    let second = admin
        .users_issue_reset_code(UserTarget { user_id: mentee_id })
        .await
        .unwrap();
    ws.clock.advance(Duration::hours(24) + Duration::seconds(1));
    let expired = ws
        .open()
        .await
        .accounts_reset_with_code(reset(&second.code))
        .await
        .unwrap_err();
    assert!(expired.field_message("code").unwrap().contains("expired"));
    let redeemed = common::sqlx_count(
        &admin,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'password_reset_redeemed'",
    )
    .await;
    assert_eq!(redeemed, 1);
}

#[tokio::test]
async fn deactivation_ends_access_and_reactivation_restores_it() {
    let (ws, admin) = Workspace::with_admin().await;
    let (mentee, mentee_id) = ws.mentee("leaver@example.org").await;
    let row = admin
        .users_deactivate(UserTarget { user_id: mentee_id })
        .await
        .unwrap();
    assert!(!row.is_active);
    // The open session ends at the next command.
    assert_eq!(
        mentee.accounts_me().await.unwrap_err().code,
        ErrorCode::Unauthenticated
    );
    let again = ws.open().await;
    let err = again
        .accounts_sign_in(SignIn {
            email: "leaver@example.org".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    admin
        .users_reactivate(UserTarget { user_id: mentee_id })
        .await
        .unwrap();
    again
        .accounts_sign_in(SignIn {
            email: "leaver@example.org".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    let logged = common::sqlx_count(&admin, "SELECT COUNT(*) FROM audit_log WHERE action IN ('account_deactivated', 'account_reactivated')").await;
    assert_eq!(logged, 2);
}

#[tokio::test]
async fn the_last_admin_cannot_be_deactivated_or_demoted() {
    let (ws, admin) = Workspace::with_admin().await;
    let me = admin.accounts_me().await.unwrap();
    let err = admin
        .users_deactivate(UserTarget {
            user_id: me.user_id,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    let mentee_role = admin
        .roles_list()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.key == "mentee")
        .unwrap();
    let err = admin
        .users_set_roles(mentordesk_shared::admin::SetUserRoles {
            user_id: me.user_id,
            role_ids: vec![mentee_role.id],
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(ws
        .sign_in("admin@example.org")
        .await
        .accounts_me()
        .await
        .unwrap()
        .has_role("admin"));
}

#[tokio::test]
async fn inactivity_and_sign_out_end_the_session() {
    let (ws, admin) = Workspace::with_admin().await;
    ws.clock.advance(Duration::minutes(29));
    admin.accounts_me().await.unwrap();
    ws.clock.advance(Duration::minutes(30));
    let err = admin.accounts_me().await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Unauthenticated);
    assert!(err.message.contains("without activity"));

    let again = ws.sign_in("admin@example.org").await;
    again.accounts_sign_out().await.unwrap();
    assert_eq!(
        again.accounts_me().await.unwrap_err().code,
        ErrorCode::Unauthenticated
    );
}

#[tokio::test]
async fn the_signed_in_user_never_carries_a_password_or_hash() {
    let (_ws, admin) = Workspace::with_admin().await;
    let json = serde_json::to_string(&admin.accounts_me().await.unwrap()).unwrap();
    assert!(!json.contains("argon2"));
    assert!(!json.contains(PASSWORD));
}
