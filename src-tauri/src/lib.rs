//! The Tauri shell: start-up (workspace location, demo data), the window, and the
//! thin IPC commands over [`mentordesk_api::Mentordesk`].

mod command_names;
pub mod commands;
pub mod desktop;
pub mod notifier;
mod single_instance;
mod startup;

pub use command_names::COMMAND_NAMES;
pub use startup::{data_dir_from, Options};

use mentordesk_api::Mentordesk;
use std::sync::Arc;
use tauri::{Builder, Emitter, Manager, Runtime};

/// The state every command reaches through `tauri::State`.
pub type Api = Arc<Mentordesk>;

/// Registers the API state and every command; shared by the real app and the tests.
pub fn with_commands<R: Runtime>(builder: Builder<R>, api: Api) -> Builder<R> {
    builder.manage(api).invoke_handler(commands::handler())
}

/// Starts the desktop app.
pub fn run() {
    startup::mark_process_start();
    let options = Options::from_args(std::env::args().skip(1));
    if options.help {
        println!("{}", startup::USAGE);
        return;
    }
    let data_dir = data_dir_from(&options);
    let _ = std::fs::create_dir_all(&data_dir);
    startup::init_tracing(Some(&data_dir));
    let listener = match single_instance::claim(&data_dir) {
        single_instance::Instance::First(listener) => listener,
        single_instance::Instance::AlreadyRunning => {
            println!("Mentordesk is already open on this workspace; showed its window.");
            return;
        }
    };
    let api = match tauri::async_runtime::block_on(startup::open_workspace(&options)) {
        Ok(api) => api,
        Err(e) => {
            eprintln!("Mentordesk could not open its workspace: {}", e.message);
            std::process::exit(1);
        }
    };
    let (close_to_tray, start_at_login) =
        tauri::async_runtime::block_on(api.shell_preferences()).unwrap_or((true, false));

    // The login item starts this same workspace, in the tray.
    let mut login_args = vec!["--minimized".to_string()];
    if options.data_dir.is_some() || std::env::var_os("MENTORDESK_DATA_DIR").is_some() {
        login_args.push("--data-dir".into());
        login_args.push(data_dir.to_string_lossy().into_owned());
    }
    let app = with_commands(tauri::Builder::default(), api.clone())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .args(login_args)
                .build(),
        )
        .manage(desktop::Desktop::new(close_to_tray))
        .on_window_event(desktop::on_window_event)
        .build(tauri::generate_context!())
        .expect("the Tauri application builds");
    let handle = app.handle().clone();

    if let Err(error) = desktop::build_tray(&handle, api.clone()) {
        tracing::warn!(%error, "no tray icon; closing the window quits the app");
    }
    desktop::set_start_at_login(&handle, start_at_login);
    let shower = handle.clone();
    single_instance::serve(listener, move || desktop::show_main(&shower));
    if options.minimized {
        if let Some(window) = handle.get_webview_window("main") {
            let _ = window.hide();
        }
    }

    // The UI hears of each new notification for the person signed in here (the badge,
    // open conversations); nobody else's reach the webview.
    let mut announced = api.subscribe();
    let (emitter, listener_api) = (handle.clone(), api.clone());
    tauri::async_runtime::spawn(async move {
        loop {
            match announced.recv().await {
                Ok(p) if listener_api.reminder_person() == Some(p.user) => {
                    let _ = emitter.emit("notification", p.notification);
                }
                Ok(_) => {}
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    });

    // A running CSV import's progress, for the Import people screen's progress bar.
    let mut progress = api.subscribe_import_progress();
    let progress_emitter = handle.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            match progress.recv().await {
                Ok(p) => {
                    let _ = progress_emitter.emit("import-progress", p);
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    });

    let clicked = handle.clone();
    notifier::spawn(
        api,
        std::sync::Arc::new(move |click| match click {
            notifier::Clicked::Open(subject) => {
                desktop::show_main(&clicked);
                // The UI opens the subject's page.
                let _ = clicked.emit("open-subject", subject);
            }
            notifier::Clicked::Join(url) => open_url(&url),
        }),
    );
    app.run(|_, _| {});
}

/// Opens a meeting link in the default browser.
fn open_url(url: &str) {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return;
    }
    #[cfg(target_os = "linux")]
    let opened = std::process::Command::new("xdg-open").arg(url).spawn();
    #[cfg(target_os = "macos")]
    let opened = std::process::Command::new("open").arg(url).spawn();
    #[cfg(target_os = "windows")]
    let opened = std::process::Command::new("explorer").arg(url).spawn();
    if let Err(error) = opened {
        tracing::warn!(%error, "the meeting link could not be opened");
    }
}
