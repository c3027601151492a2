//! Small helpers: dates in local time, labels, initials, files and downloads.

use base64::Engine as _;
use chrono::{DateTime, Datelike, Local, NaiveDate, TimeZone, Timelike, Utc};
use mentordesk_shared::access::BuiltinRole;
use mentordesk_shared::admin::ApplicationStatus;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The IANA zone of this computer, e.g. `Europe/Berlin`.
pub fn detect_time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
        .filter(|z| !z.is_empty())
}

/// "3 Mar 2025, 14:05" in the computer's local time.
pub fn format_datetime(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%-d %b %Y, %H:%M")
        .to_string()
}

/// "3 Mar 2025" in the computer's local time.
pub fn format_date(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%-d %b %Y").to_string()
}

/// A `yyyy-mm-dd` value of `<input type="date">` as the start (or end) of that local day.
pub fn date_input_to_utc(value: &str, end_of_day: bool) -> Option<DateTime<Utc>> {
    let date = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()?;
    let time = if end_of_day {
        date.and_hms_opt(23, 59, 59)?
    } else {
        date.and_hms_opt(0, 0, 0)?
    };
    Local
        .from_local_datetime(&time)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// "Good morning" / "Good afternoon" / "Good evening" by the local clock.
pub fn greeting() -> &'static str {
    match Local::now().hour() {
        5..=11 => "Good morning",
        12..=17 => "Good afternoon",
        _ => "Good evening",
    }
}

/// The current time in another zone ("14:05"), if the browser knows the zone.
pub fn local_time_in(zone: &str) -> Option<String> {
    if zone.is_empty() {
        return None;
    }
    let date = js_sys::Date::new_0();
    let options = js_sys::Object::new();
    let set = |k: &str, v: &str| {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
    };
    set("timeZone", zone);
    set("hour", "2-digit");
    set("minute", "2-digit");
    let func = js_sys::Reflect::get(&date, &JsValue::from_str("toLocaleTimeString"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let args = js_sys::Array::of2(&JsValue::from_str("en-GB"), &options);
    js_sys::Reflect::apply(&func, &date, &args)
        .ok()
        .and_then(|v| v.as_string())
}

/// Up to two initials for an avatar without a photo.
pub fn initials(name: &str) -> String {
    let mut out: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase();
    if out.is_empty() {
        out.push('?');
    }
    out
}

/// A calm background colour for an initials avatar, stable per name.
pub fn avatar_colour(name: &str) -> &'static str {
    const COLOURS: [&str; 8] = [
        "#0f766e", "#4f46e5", "#0e7490", "#7c3aed", "#b45309", "#be185d", "#15803d", "#1d4ed8",
    ];
    let hash = name
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    COLOURS[(hash % COLOURS.len() as u32) as usize]
}

/// A readable label for a role key or name ("programme_manager" → "Programme manager").
pub fn role_label(role: &str) -> String {
    match BuiltinRole::from_key(role) {
        Some(builtin) => builtin.label().to_string(),
        None => humanize(role),
    }
}

/// "sign_in_failed" → "Sign in failed"; "user.deactivated" → "User deactivated".
pub fn humanize(key: &str) -> String {
    let spaced = key.replace(['_', '.', '-'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn status_label(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Pending => "Pending",
        ApplicationStatus::Approved => "Approved",
        ApplicationStatus::Declined => "Declined",
    }
}

pub fn status_class(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Pending => "badge badge-pending",
        ApplicationStatus::Approved => "badge badge-success",
        ApplicationStatus::Declined => "badge badge-danger",
    }
}

/// An optional whole number typed into a field: empty means none.
pub fn parse_optional_u32(value: &str) -> Result<Option<u32>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse::<u32>()
        .map(Some)
        .map_err(|_| "Enter a whole number, like 3.".to_string())
}

pub fn optional_u32_text(value: Option<u32>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A file chosen in an `<input type="file">`, read into memory.
pub struct PickedFile {
    pub name: String,
    pub size: f64,
    pub base64: String,
}

/// Takes the first file of a file input's change event.
pub fn first_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    input.files()?.get(0)
}

/// Clears a file input so choosing the same file again fires `change`.
pub fn reset_file_input(ev: &web_sys::Event) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value("");
    }
}

pub async fn read_file(file: web_sys::File) -> Result<PickedFile, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The file could not be read.".to_string())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Ok(PickedFile {
        name: file.name(),
        size: file.size(),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

/// "1.2 MB", "340 KB".
pub fn format_size(bytes: f64) -> String {
    if bytes >= 1_000_000.0 {
        format!("{:.1} MB", bytes / 1_000_000.0)
    } else {
        format!("{:.0} KB", (bytes / 1000.0).max(1.0))
    }
}

/// When something happened, as a list shows it: "just now", "5 min ago", "14:05" (today),
/// "Yesterday 14:05", "Mon 14:05" (this week), "3 Nov" (this year), "3 Nov 2025".
pub fn relative_time(at: DateTime<Utc>) -> String {
    let now = Utc::now();
    let ago = now - at;
    if ago.num_seconds() < 60 {
        return "just now".into();
    }
    if ago.num_minutes() < 60 {
        return format!("{} min ago", ago.num_minutes());
    }
    let local = at.with_timezone(&Local);
    let today = now.with_timezone(&Local).date_naive();
    let days = (today - local.date_naive()).num_days();
    match days {
        0 => local.format("%H:%M").to_string(),
        1 => local.format("Yesterday %H:%M").to_string(),
        2..=6 => local.format("%a %H:%M").to_string(),
        _ if local.year() == today.year() => local.format("%-d %b").to_string(),
        _ => local.format("%-d %b %Y").to_string(),
    }
}
