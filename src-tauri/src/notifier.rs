//! Native notifications (notify-rust) and the reminder scheduler.
//!
//! Everything the API announces (`Mentordesk::subscribe`) for the person signed in here
//! is shown natively if their settings want that kind; a click opens its subject in the
//! app, and a reminder with a meeting link has a "Join" action. The scheduler sleeps
//! until the next reminder is due — never longer than a minute, and woken early when
//! something changes — then lets the API fire what is due. Without a notification server
//! nothing is shown natively; the notification centre in the app still has everything.

use crate::Api;
use mentordesk_api::Published;
use mentordesk_core::reminders;
use mentordesk_shared::conversations::{NativeStatus, Subject};
use std::sync::Arc;
use tokio::sync::Notify;

/// The app's name as notification servers show it.
pub const APP_NAME: &str = "Mentordesk";

/// Whether a notification server answers, and its name.
pub fn probe() -> NativeStatus {
    match notify_rust::get_server_information() {
        Ok(info) => NativeStatus::Available(format!("{} {}", info.name, info.version)),
        Err(e) => NativeStatus::Unavailable(format!(
            "No notification server answered ({e}). Notifications stay in the app."
        )),
    }
}

/// What a click on a native notification asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clicked {
    Open(Subject),
    Join(String),
}

/// Shows one notification and waits (on the calling thread) for what the person does
/// with it. Returns the server's id for it, or why it could not be shown.
pub fn show(p: &Published, on_click: impl FnOnce(Clicked) + Send + 'static) -> Result<u32, String> {
    let mut n = notify_rust::Notification::new();
    n.appname(APP_NAME)
        .summary(&p.notification.title)
        .body(&p.notification.body)
        .action("default", "Open");
    if p.join_url.is_some() {
        n.action("join", "Join");
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        let handle = n.show().map_err(|e| e.to_string())?;
        let id = handle.id();
        let subject = p.notification.subject;
        let join = p.join_url.clone();
        std::thread::spawn(move || {
            handle.wait_for_action(|action| match action {
                "default" => on_click(Clicked::Open(subject)),
                "join" => {
                    if let Some(url) = join {
                        on_click(Clicked::Join(url));
                    }
                }
                _ => {}
            });
        });
        Ok(id)
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        let _ = on_click;
        n.show().map(|_| 0).map_err(|e| e.to_string())
    }
}

/// Runs the scheduler and the native notifier for `api` until the process ends.
/// `on_click` gets what a click on a notification asks for.
pub fn spawn(api: Api, on_click: Arc<dyn Fn(Clicked) + Send + Sync>) -> Arc<Notify> {
    let wake = Arc::new(Notify::new());
    let status = probe();
    let native = matches!(status, NativeStatus::Available(_));
    api.set_native_status(status);

    // Anything announced may change what is due next (a confirmation plans reminders).
    let mut events = api.subscribe();
    let (listener_api, listener_wake) = (api.clone(), wake.clone());
    tauri::async_runtime::spawn(async move {
        loop {
            let published = match events.recv().await {
                Ok(p) => p,
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            };
            listener_wake.notify_one();
            if !native || !listener_api.wants_native(&published).await {
                continue;
            }
            let click = on_click.clone();
            let shown =
                tokio::task::spawn_blocking(move || show(&published, move |c| click(c))).await;
            if let Ok(Err(error)) = shown {
                tracing::warn!(%error, "a native notification could not be shown");
            }
        }
    });

    let scheduler_wake = wake.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let sleep = match api.reminders_next().await {
                Ok((next, paused)) => reminders::sleep_for(api.now(), next, paused),
                Err(error) => {
                    tracing::warn!(%error.message, "reading the next reminder failed");
                    reminders::MAX_SLEEP
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(sleep) => {}
                _ = scheduler_wake.notified() => {}
            }
            if let Err(error) = api.reminders_fire_due().await {
                tracing::warn!(%error.message, "firing due reminders failed");
            }
        }
    });
    wake
}
