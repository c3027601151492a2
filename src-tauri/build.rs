//! Generates the Tauri context and one `allow-<command>` permission per app command,
//! which the main window's capability (src-tauri/capabilities/main.json) grants.

include!("src/command_names.rs");

fn main() {
    // The UI is embedded into the binary: rebuild whenever ui/dist changes.
    println!("cargo:rerun-if-changed=ui/dist");
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/src/command_names.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("src-tauri/capabilities/*.json")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMAND_NAMES)),
    )
    .expect("the Tauri build step succeeds");
}
