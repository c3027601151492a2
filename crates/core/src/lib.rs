//! Mentordesk's core: the rules every caller goes through.
//!
//! Validation (newtypes that are valid by construction), the permission policy,
//! password hashing and sign-in throttling, reset codes, profile completeness and
//! media checks. Nothing here knows about Tauri or SQL; the shell and the database
//! crate depend on this crate, never the other way round.

pub mod booking;
pub mod clock;
pub mod completeness;
pub mod events;
pub mod forum;
pub mod ics;
pub mod imports;
pub mod local_time;
pub mod media;
pub mod messaging;
pub mod passwords;
pub mod policy;
pub mod programme_work;
pub mod programmes;
pub mod reminders;
pub mod reset_codes;
pub mod session_status;
pub mod slots;
pub mod throttle;
pub mod validate;

pub use mentordesk_shared::{ApiError, ErrorCode};

pub type Result<T, E = ApiError> = std::result::Result<T, E>;
