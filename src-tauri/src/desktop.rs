//! Living on the desktop: the tray icon and its menu (the next session with a countdown,
//! open, pause reminders for an hour, quit), closing the window to the tray, and starting
//! at login. The person these concern is the one the device reminds
//! (`Mentordesk::reminder_person`).

use crate::Api;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Emitter, Manager, Runtime, WindowEvent};
use tokio::sync::Notify;

/// How often the tray's countdown is brought up to date (it counts in minutes).
const TRAY_REFRESH: Duration = Duration::from_secs(20);

/// The shell's desktop state, managed by Tauri (absent in the IPC tests).
pub struct Desktop {
    close_to_tray: AtomicBool,
    /// Whether a tray icon exists: without one, closing the window quits.
    has_tray: AtomicBool,
    /// Wakes the tray to refresh at once (sign-in, settings, anything announced).
    refresh: Arc<Notify>,
}

impl Desktop {
    pub fn new(close_to_tray: bool) -> Self {
        Desktop {
            close_to_tray: AtomicBool::new(close_to_tray),
            has_tray: AtomicBool::new(false),
            refresh: Arc::new(Notify::new()),
        }
    }

    pub fn refresh_handle(&self) -> Arc<Notify> {
        self.refresh.clone()
    }
}

/// Brings the main window forward.
pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// After the person saved their settings: follow "close to tray" and "start at login".
/// A no-op where the desktop parts are not set up (the IPC tests).
pub fn preferences_changed<R: Runtime>(app: &AppHandle<R>, close_to_tray: bool, at_login: bool) {
    let Some(desktop) = app.try_state::<Desktop>() else {
        return;
    };
    desktop.close_to_tray.store(close_to_tray, Ordering::SeqCst);
    set_start_at_login(app, at_login);
    desktop.refresh.notify_one();
}

/// Something the tray shows may have changed (sign-in, sign-out, a pause).
pub fn refresh_tray<R: Runtime>(app: &AppHandle<R>) {
    if let Some(desktop) = app.try_state::<Desktop>() {
        desktop.refresh.notify_one();
    }
}

/// Registers (or removes) the login item through the autostart plugin.
pub fn set_start_at_login<R: Runtime>(app: &AppHandle<R>, on: bool) {
    use tauri_plugin_autostart::ManagerExt;
    let launcher = app.autolaunch();
    let result = match (on, launcher.is_enabled().unwrap_or(false)) {
        (true, false) => launcher.enable(),
        (false, true) => launcher.disable(),
        _ => Ok(()),
    };
    if let Err(error) = result {
        tracing::warn!(%error, on, "the login item could not be changed");
    }
}

/// The window's close button: hide to the tray when the person wants that and a tray
/// exists; otherwise the app quits as usual.
pub fn on_window_event<R: Runtime>(window: &tauri::Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        let Some(desktop) = window.app_handle().try_state::<Desktop>() else {
            return;
        };
        if desktop.close_to_tray.load(Ordering::SeqCst) && desktop.has_tray.load(Ordering::SeqCst) {
            api.prevent_close();
            let _ = window.hide();
        }
    }
}

/// Builds the tray icon and keeps its menu up to date until the app ends.
pub fn build_tray<R: Runtime>(app: &AppHandle<R>, api: Api) -> tauri::Result<()> {
    let next = MenuItem::with_id(app, "next", "Nobody is signed in", false, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", "Open Mentordesk", true, None::<&str>)?;
    let pause = MenuItem::with_id(
        app,
        "pause",
        "Pause reminders for an hour",
        false,
        None::<&str>,
    )?;
    let quit = MenuItem::with_id(app, "quit", "Quit Mentordesk", true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &next,
            &PredefinedMenuItem::separator(app)?,
            &open,
            &pause,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;

    // What the "next" and "pause" items act on, as of the last refresh.
    let shown = Arc::new(std::sync::Mutex::new(TrayView::default()));
    let menu_view = shown.clone();
    let menu_api = api.clone();
    let mut builder = TrayIconBuilder::with_id("main")
        .tooltip("Mentordesk")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(move |app, event| match event.id.as_ref() {
            "next" => {
                let subject = menu_view.lock().expect("tray view lock").subject;
                show_main(app);
                if let Some(subject) = subject {
                    let _ = app.emit("open-subject", subject);
                }
            }
            "open" => show_main(app),
            "pause" => {
                let paused = menu_view.lock().expect("tray view lock").paused;
                let (api, app) = (menu_api.clone(), app.clone());
                tauri::async_runtime::spawn(async move {
                    let minutes = if paused { 0 } else { 60 };
                    if let Err(error) = api.pause_reminders_here(minutes).await {
                        tracing::warn!(%error.message, "pausing reminders failed");
                    }
                    refresh_tray(&app);
                });
            }
            "quit" => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                show_main(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let tray = builder.build(app)?;
    let desktop = app.state::<Desktop>();
    desktop.has_tray.store(true, Ordering::SeqCst);
    let refresh = desktop.refresh_handle();

    // Anything announced may change what comes next.
    let mut events = api.subscribe();
    let wake = refresh.clone();
    tauri::async_runtime::spawn(async move {
        while let Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) =
            events.recv().await
        {
            wake.notify_one();
        }
    });

    tauri::async_runtime::spawn(async move {
        loop {
            let view = TrayView::read(&api).await;
            let _ = next.set_text(&view.next_text);
            let _ = next.set_enabled(view.subject.is_some());
            let _ = pause.set_enabled(view.signed_in);
            let _ = pause.set_text(if view.paused {
                "Resume reminders"
            } else {
                "Pause reminders for an hour"
            });
            let _ = tray.set_tooltip(Some(&view.tooltip));
            *shown.lock().expect("tray view lock") = view;
            tokio::select! {
                _ = tokio::time::sleep(TRAY_REFRESH) => {}
                _ = refresh.notified() => {}
            }
        }
    });
    Ok(())
}

/// What the tray shows.
#[derive(Debug, Default, Clone)]
struct TrayView {
    next_text: String,
    tooltip: String,
    subject: Option<mentordesk_shared::conversations::Subject>,
    signed_in: bool,
    paused: bool,
}

impl TrayView {
    async fn read(api: &Api) -> TrayView {
        if api.reminder_person().is_none() {
            return TrayView {
                next_text: "Nobody is signed in".into(),
                tooltip: "Mentordesk".into(),
                ..TrayView::default()
            };
        }
        let paused = api.reminders_paused_until().await.ok().flatten().is_some();
        match api.next_up().await {
            Ok(Some(next)) => TrayView {
                next_text: format!("{} — {}", next.title, next.countdown),
                tooltip: format!("Mentordesk · next: {} {}", next.title, next.countdown),
                subject: Some(next.subject),
                signed_in: true,
                paused,
            },
            Ok(None) => TrayView {
                next_text: "No sessions coming up".into(),
                tooltip: "Mentordesk · no sessions coming up".into(),
                subject: None,
                signed_in: true,
                paused,
            },
            Err(error) => {
                tracing::warn!(%error.message, "reading the next session failed");
                TrayView {
                    next_text: "Next session unavailable".into(),
                    tooltip: "Mentordesk".into(),
                    signed_in: true,
                    paused,
                    ..TrayView::default()
                }
            }
        }
    }
}
