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
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
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

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
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

    #[test]
    fn errors_without_fields_omit_them() {
        let json = serde_json::to_value(ApiError::forbidden("no")).unwrap();
        assert_eq!(json["code"], "forbidden");
        assert!(json.get("fields").is_none());
    }
}
