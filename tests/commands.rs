//! The IPC commands through Tauri's mock runtime: names, argument shape and the
//! `{code, message, fields}` error contract the UI relies on.

#[path = "support/ipc.rs"]
mod ipc;

use mentordesk_shell::{with_commands, COMMAND_NAMES};
use serde_json::{json, Value};
use std::sync::Arc;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::WebviewWindow;

struct TestApp {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

fn app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let api = tauri::async_runtime::block_on(mentordesk_api::Mentordesk::open(dir.path())).unwrap();
    let app = with_commands(mock_builder(), Arc::new(api))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    TestApp {
        _app: app,
        window,
        _dir: dir,
    }
}

fn invoke(app: &TestApp, cmd: &str, body: Value) -> Result<Value, Value> {
    ipc::invoke(&app.window, cmd, body)
}

fn snake_case(debug_name: &str) -> String {
    let mut out = String::new();
    for (i, c) in debug_name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[test]
fn every_policy_command_is_registered_under_its_name() {
    let from_policy: Vec<String> = mentordesk_core::policy::Command::all()
        .map(|c| snake_case(&format!("{c:?}")))
        .collect();
    assert_eq!(
        from_policy,
        COMMAND_NAMES
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    );
    let app = app();
    for name in COMMAND_NAMES {
        // An empty body fails argument parsing or the policy, but never "command not found".
        if let Err(e) = invoke(&app, name, json!({})) {
            let text = e.to_string();
            assert!(
                !text.contains("not found") || text.contains("code"),
                "{name}: {text}"
            );
        }
    }
    let unknown = invoke(&app, "no_such_command", json!({})).unwrap_err();
    assert!(unknown.to_string().contains("not found"));
}

#[test]
fn errors_cross_ipc_as_code_message_and_fields() {
    let app = app();
    let status = invoke(&app, "app_status", json!({})).unwrap();
    assert_eq!(status["needs_first_admin"], true);

    let err = invoke(
        &app,
        "accounts_create_first_admin",
        json!({"req": {"email": "nope", "password": "short", "first_name": "A", "last_name": "B"}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "validation");
    let fields: Vec<&str> = err["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["email", "password"]);

    let denied = invoke(
        &app,
        "users_list",
        json!({"req": {"filter": {"kind": "all"}, "text": ""}}),
    )
    .unwrap_err();
    assert_eq!(denied["code"], "unauthenticated");
    assert!(denied["message"].as_str().unwrap().contains("sign in"));
}

#[test]
fn a_first_admin_signs_in_and_edits_a_profile_over_ipc() {
    let app = app();
    let me = invoke(
        &app,
        "accounts_create_first_admin",
        json!({"req": {"email": "ops@example.org", "password": "violet harbour lamp", "first_name": "Olu", "last_name": "Ops"}}),
    )
    .unwrap();
    assert_eq!(me["email"], "ops@example.org");
    assert!(me.get("password_hash").is_none());
    assert!(me["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "roles.manage"));

    let mut profile = invoke(&app, "profile_get", json!({"req": {"user_id": null}})).unwrap();
    profile["fields"]["headline"] = json!("Keeps the lights on");
    let saved = invoke(&app, "profile_update", json!({"req": profile["fields"]})).unwrap();
    assert_eq!(saved["fields"]["headline"], "Keeps the lights on");

    profile["fields"]["bio"] = json!("x".repeat(1001));
    let err = invoke(&app, "profile_update", json!({"req": profile["fields"]})).unwrap_err();
    assert_eq!(err["fields"][0]["field"], "bio");

    invoke(&app, "accounts_sign_out", json!({})).unwrap();
    assert_eq!(
        invoke(&app, "accounts_me", json!({})).unwrap_err()["code"],
        "unauthenticated"
    );
}

#[test]
fn the_main_window_may_call_exactly_the_app_s_commands() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities/main.json"),
    )
    .unwrap();
    let capability: Value = serde_json::from_str(&text).unwrap();
    let granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    let mut expected: Vec<String> = COMMAND_NAMES
        .iter()
        .map(|n| format!("allow-{}", n.replace('_', "-")))
        .collect();
    // Besides its own commands, the UI may only listen to the shell's events.
    expected.extend([
        "core:event:allow-listen".into(),
        "core:event:allow-unlisten".into(),
    ]);
    assert_eq!(granted, expected);
}

#[test]
fn scheduling_payloads_cross_ipc_with_typed_field_errors() {
    let app = app();
    invoke(
        &app,
        "accounts_create_first_admin",
        json!({"req": {"email": "ops@example.org", "password": "violet harbour lamp", "first_name": "Olu", "last_name": "Ops"}}),
    )
    .unwrap();
    // An admin holds every permission, so availability commands run; bad input is typed.
    let err = invoke(
        &app,
        "availability_save",
        json!({"req": {
            "time_zone": "Nowhere/Special",
            "weekly": [{"weekday": "Mon", "start": 600, "end": 540}],
            "exceptions": [],
            "settings": {"durations": [10], "buffer_before_minutes": 0, "buffer_after_minutes": 0,
                         "min_notice_minutes": 0, "daily_cap": null, "weekly_cap": null,
                         "horizon_days": 56, "step_minutes": 30}
        }}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "validation");
    let fields: Vec<&str> = err["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["time_zone", "weekly", "durations"]);

    let saved = invoke(
        &app,
        "availability_save",
        json!({"req": {
            "time_zone": "Europe/Lisbon",
            "weekly": [{"weekday": "Tue", "start": 540, "end": 720}],
            "exceptions": [{"date": "2030-01-01", "kind": "unavailable", "start": 0, "end": 1440}],
            "settings": {"durations": [60, 30], "buffer_before_minutes": 5, "buffer_after_minutes": 10,
                         "min_notice_minutes": 60, "daily_cap": 3, "weekly_cap": null,
                         "horizon_days": 28, "step_minutes": 30}
        }}),
    )
    .unwrap();
    assert_eq!(saved["published"], true);
    assert_eq!(
        saved["availability"]["settings"]["durations"],
        json!([30, 60])
    );
    let week = invoke(&app, "availability_week", json!({"req": {"week_of": null}})).unwrap();
    assert_eq!(week["mentor_zone"], "Europe/Lisbon");
    let list = invoke(&app, "sessions_list", json!({"req": {"scope": "upcoming"}})).unwrap();
    assert_eq!(list["sessions"], json!([]));
    let missing = invoke(
        &app,
        "sessions_get",
        json!({"req": {"session_id": "00000000-0000-4000-8000-000000000000"}}),
    )
    .unwrap_err();
    assert_eq!(missing["code"], "not_found");
}

#[test]
fn forum_payloads_cross_ipc_with_typed_errors() {
    let app = app();
    invoke(
        &app,
        "accounts_create_first_admin",
        json!({"req": {"email": "ops@example.org", "password": "violet harbour lamp", "first_name": "Olu", "last_name": "Ops"}}),
    )
    .unwrap();
    let err = invoke(
        &app,
        "groups_create",
        json!({"req": {"name": " ", "description": "x".repeat(1001)}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "validation");
    assert_eq!(err["fields"][0]["field"], "name");
    assert_eq!(err["fields"][1]["field"], "description");

    let group = invoke(
        &app,
        "groups_create",
        json!({"req": {"name": "Working parents", "description": ""}}),
    )
    .unwrap();
    assert_eq!(group["member_count"], 1);
    assert_eq!(group["joined"], true);
    let twice = invoke(&app, "groups_join", json!({"req": {"id": group["id"]}})).unwrap_err();
    assert_eq!(twice["code"], "conflict");
    let list = invoke(&app, "groups_list", json!({"req": {}})).unwrap();
    assert_eq!(list[0]["name"], "Working parents");

    let thread = invoke(
        &app,
        "threads_create",
        json!({"req": {"group_id": group["id"], "title": "Hello", "body": "First post"}}),
    )
    .unwrap();
    let locked = invoke(
        &app,
        "threads_moderate",
        json!({"req": {"thread_id": thread["id"], "action": "lock"}}),
    )
    .unwrap();
    assert_eq!(locked["locked"], true);
    let refused = invoke(
        &app,
        "threads_reply",
        json!({"req": {"thread_id": thread["id"], "body": "Too late"}}),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "conflict");
    let page = invoke(
        &app,
        "threads_list",
        json!({"req": {"group_id": group["id"]}}),
    )
    .unwrap();
    assert_eq!(page["threads"][0]["title"], "Hello");
    assert_eq!(page["more"], false);
    let detail = invoke(&app, "threads_get", json!({"req": {"id": thread["id"]}})).unwrap();
    assert_eq!(detail["can_reply"], false);
    invoke(&app, "threads_delete", json!({"req": {"id": thread["id"]}})).unwrap();
}
