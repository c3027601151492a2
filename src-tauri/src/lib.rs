//! The Tauri shell: start-up (workspace location, demo data), the window, and the
//! thin IPC commands over [`mentordesk_api::Mentordesk`].

mod command_names;
pub mod commands;
pub mod notifier;
mod startup;

pub use command_names::COMMAND_NAMES;
pub use startup::{data_dir_from, Options};

use mentordesk_api::Mentordesk;
use std::sync::Arc;
use tauri::{Builder, Runtime};

/// The state every command reaches through `tauri::State`.
pub type Api = Arc<Mentordesk>;

/// Registers the API state and every command; shared by the real app and the tests.
pub fn with_commands<R: Runtime>(builder: Builder<R>, api: Api) -> Builder<R> {
    builder.manage(api).invoke_handler(commands::handler())
}

/// Starts the desktop app.
pub fn run() {
    startup::mark_process_start();
    startup::init_tracing();
    let options = Options::from_args(std::env::args().skip(1));
    if options.help {
        println!("{}", startup::USAGE);
        return;
    }
    let api = match tauri::async_runtime::block_on(startup::open_workspace(&options)) {
        Ok(api) => api,
        Err(e) => {
            eprintln!("Mentordesk could not open its workspace: {}", e.message);
            std::process::exit(1);
        }
    };
    let app = with_commands(tauri::Builder::default(), api.clone())
        .build(tauri::generate_context!())
        .expect("the Tauri application builds");
    let handle = app.handle().clone();
    notifier::spawn(
        api,
        std::sync::Arc::new(move |clicked| match clicked {
            notifier::Clicked::Open(subject) => {
                use tauri::{Emitter, Manager};
                if let Some(window) = handle.get_webview_window("main") {
                    let _ = window.show();
                    let _ = window.unminimize();
                    let _ = window.set_focus();
                }
                // The UI opens the subject's page.
                let _ = handle.emit("open-subject", subject);
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
