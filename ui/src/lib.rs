//! Mentordesk's user interface: a Leptos client-side app that talks to the Tauri backend.

pub mod api;
pub mod app;
pub mod charts;
pub mod components;
pub mod pages;
pub mod profile_form;
pub mod schedule;
pub mod state;
pub mod util;

use wasm_bindgen::prelude::wasm_bindgen;

/// Mounts the app to `<body>` when the module loads.
#[wasm_bindgen(start)]
pub fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
