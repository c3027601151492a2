// `sqlx::migrate!` embeds the migrations at compile time; a new migration file must
// rebuild this crate (cargo does not watch the folder on its own).
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
