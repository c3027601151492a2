//! Types shared by the Mentordesk UI (compiled to wasm32) and the backend.
//!
//! Everything that crosses the IPC boundary lives here: ids, enums, request
//! payloads, views and the one error type. Nothing here touches Tauri, SQL or
//! the operating system.

pub mod access;
pub mod accounts;
pub mod admin;
pub mod conversations;
pub mod error;
pub mod ids;
pub mod imports;
pub mod profiles;
pub mod programme_work;
pub mod programmes;
pub mod scheduling;
pub mod sessions;

pub use error::{ApiError, ErrorCode, FieldError};
