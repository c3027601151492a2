//! The one error type that crosses IPC as `{code, message, fields}`.

use serde::{Deserialize, Serialize};

/// A closed set of error classes the UI can branch on without matching strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input broke a rule; `fields` says which field and why.
    Validation,
    NotFound,
    /// Signed in, but the user's roles do not grant this.
    Forbidden,
    /// The request clashes with existing data (duplicate e-mail, pending application…).
    Conflict,
    /// Not signed in, or the session ended (sign-out, inactivity).
    Unauthenticated,
    /// Too many failed attempts; try again later.
    RateLimited,
    /// A platform service (keyring, notifications, disk) is not available.
    Unavailable,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Validation => "validation",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Internal => "internal",
        }
    }
}

const ERROR_ID_LEN: usize = 8;

/// A short id for one internal error: 8 hex digits, from a counter hashed with the
/// standard library's randomly keyed hasher (random per process where the platform has a
/// random source), so ids differ between errors and between runs.
fn new_error_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    format!("{:08x}", hasher.finish() as u32)
}

/// One rejected field: `field` is the request's field name in snake_case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{code:?}: {message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

impl ApiError {
    /// An error of class `code`. An `internal` one goes through [`ApiError::internal`]:
    /// its message is logged, never shown.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        if code == ErrorCode::Internal {
            return Self::internal(message);
        }
        ApiError {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// A validation error on one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError {
            code: ErrorCode::Validation,
            message: message.clone(),
            fields: vec![FieldError {
                field: field.into(),
                message,
            }],
        }
    }

    /// A validation error on several fields at once.
    pub fn fields(fields: Vec<FieldError>) -> Self {
        let message = match fields.as_slice() {
            [one] => one.message.clone(),
            _ => "Some fields need attention.".to_string(),
        };
        ApiError {
            code: ErrorCode::Validation,
            message,
            fields,
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} was not found."))
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unauthenticated, message)
    }

    /// Something failed on our side (the database, the disk, a bug). `detail` says what,
    /// for the log only: it may hold SQL, paths or other inner workings, so the person
    /// sees a plain sentence with a short error id instead, and the log line carries the
    /// same id with the detail. This is the only way an `internal` error is made, so no
    /// path can carry the detail to the window.
    pub fn internal(detail: impl Into<String>) -> Self {
        let id = new_error_id();
        let detail = detail.into();
        tracing::error!(error_id = %id, detail = %detail, "internal error");
        ApiError {
            code: ErrorCode::Internal,
            message: format!(
                "Something went wrong on our side. If it happens again, quote error id {id}."
            ),
            fields: Vec::new(),
        }
    }

    /// The error id an `internal` error's message quotes (8 hex digits).
    pub fn error_id(&self) -> Option<&str> {
        if self.code != ErrorCode::Internal {
            return None;
        }
        let (_, tail) = self.message.split_once("error id ")?;
        let id = tail.get(..ERROR_ID_LEN)?;
        id.chars().all(|c| c.is_ascii_hexdigit()).then_some(id)
    }

    /// The message for one field, if the error names it.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.as_str())
    }
}

/// Collects field errors while validating a request, so the user sees all of them at once.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_string(),
            message: message.into(),
        });
    }

    /// Runs a parser and keeps its value, or records its message under `field`.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, String>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::fields(self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_serialises_as_code_message_and_fields() {
        let err = ApiError::field("email", "Enter a valid e-mail address.");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "validation");
        assert_eq!(json["message"], "Enter a valid e-mail address.");
        assert_eq!(json["fields"][0]["field"], "email");
    }

    /// Collects what the log receives.
    #[derive(Clone, Default)]
    struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_internal_error_shows_a_plain_sentence_with_an_id_and_logs_the_detail() {
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let detail = "The workspace database failed: error returned from database: (code: 275) \
                      CHECK constraint failed: length(body) BETWEEN 1 AND 2000";
        let err = tracing::subscriber::with_default(subscriber, || ApiError::internal(detail));
        assert_eq!(err.code, ErrorCode::Internal);
        assert!(err.fields.is_empty());
        let id = err
            .error_id()
            .expect("the message quotes an id")
            .to_string();
        assert_eq!(id.len(), 8);
        assert_eq!(
            err.message,
            format!("Something went wrong on our side. If it happens again, quote error id {id}.")
        );
        for leak in ["CHECK", "constraint", "length(", "database", "code: 275"] {
            assert!(
                !err.message.contains(leak),
                "{leak} leaked: {}",
                err.message
            );
        }
        let logged = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        let line = logged
            .lines()
            .find(|l| l.contains(&id))
            .unwrap_or_else(|| panic!("no log line with {id}: {logged}"));
        assert!(line.contains("ERROR"), "{line}");
        assert!(
            line.contains("CHECK constraint failed: length(body)"),
            "{line}"
        );
    }

    #[test]
    fn every_internal_error_is_redacted_and_gets_its_own_id() {
        let a = ApiError::new(ErrorCode::Internal, "SELECT * FROM users");
        let b = ApiError::internal("SELECT * FROM users");
        assert!(!a.message.contains("SELECT") && !b.message.contains("SELECT"));
        assert_ne!(a.error_id(), b.error_id());
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["code"], "internal");
        assert!(json.get("fields").is_none());
        assert_eq!(ApiError::conflict("x").error_id(), None);
    }

    #[test]
    fn errors_without_fields_omit_them() {
        let json = serde_json::to_value(ApiError::forbidden("no")).unwrap();
        assert_eq!(json["code"], "forbidden");
        assert!(json.get("fields").is_none());
    }
}
