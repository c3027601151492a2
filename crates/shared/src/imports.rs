//! The admin's bulk import of people from a CSV file (seed 002 BulkUploads):
//! what the UI sends, and the preview it shows before anything is created.
//!
//! Row numbers are the ones a spreadsheet shows: the header is row 1 and the first
//! data row is row 2. A quoted cell with a line break in it stays one row; a blank
//! line still takes up a row number, as it does in a spreadsheet or text editor.

use serde::{Deserialize, Serialize};

/// What a CSV column holds.
///
/// A file names people either with one [`ImportField::Name`] column (the whole name,
/// split into first and last name on import) or with [`ImportField::FirstName`] and
/// [`ImportField::LastName`] columns (stored as they are). When it has both, the first
/// and last name columns are used and the whole-name column is not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    /// The whole name, e.g. "Ada Lovelace" or "Lovelace, Ada".
    Name,
    FirstName,
    LastName,
    Email,
    /// Several roles in one cell, separated by `;`, `|` or `,` (the latter inside quotes).
    Roles,
    /// A programme's name; the person joins it in the roles it supports.
    Programme,
    /// Several tags in one cell, separated like roles.
    Tags,
    /// An IANA name such as `Europe/London`.
    TimeZone,
    /// A column that is read but not imported (a column without a header and without data).
    Ignored,
}

impl ImportField {
    /// The fields a column can hold, in the order the known columns are listed.
    pub const IMPORTED: [ImportField; 8] = [
        ImportField::Name,
        ImportField::FirstName,
        ImportField::LastName,
        ImportField::Email,
        ImportField::Roles,
        ImportField::Programme,
        ImportField::Tags,
        ImportField::TimeZone,
    ];

    /// The fields every file must have a column for, besides the name (one
    /// [`ImportField::Name`] column, or [`ImportField::FirstName`] and
    /// [`ImportField::LastName`] columns).
    pub const REQUIRED: [ImportField; 1] = [ImportField::Email];

    pub fn label(self) -> &'static str {
        match self {
            ImportField::Name => "Full name",
            ImportField::FirstName => "First name",
            ImportField::LastName => "Last name",
            ImportField::Email => "E-mail",
            ImportField::Roles => "Roles",
            ImportField::Programme => "Programme",
            ImportField::Tags => "Tags",
            ImportField::TimeZone => "Time zone",
            ImportField::Ignored => "Not imported",
        }
    }

    /// The header a template file uses for this field.
    pub fn header(self) -> &'static str {
        self.aliases().first().copied().unwrap_or("")
    }

    /// The headers recognised for this field, lower case; the first is the usual one.
    /// A header matches in any case, with or without spaces, `_`, `-`, `.` or other
    /// punctuation, and with a note in brackets after it (“First Name [Required]”,
    /// “Time zone (IANA)”): “First Name”, “first_name” and “FIRSTNAME” are all
    /// `first name`.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            ImportField::Name => &["name", "full name", "display name", "employee name"],
            ImportField::FirstName => &[
                "first name",
                "first",
                "fname",
                "given name",
                "given names",
                "forename",
                "forenames",
            ],
            ImportField::LastName => &[
                "last name",
                "last",
                "lname",
                "surname",
                "surnames",
                "family name",
                // Active Directory's attribute for the surname (next to `givenName`).
                "sn",
            ],
            ImportField::Email => &[
                "email",
                "e-mail",
                "email address",
                "e-mail address",
                "mail",
                "work email",
                "work email address",
                "business email",
                "primary email",
            ],
            ImportField::Roles => &["roles", "role"],
            ImportField::Programme => &["programme", "program", "programmes", "programs"],
            ImportField::Tags => &["tags", "tag", "interests", "interest", "skills", "skill"],
            ImportField::TimeZone => &["time zone", "timezone", "tz"],
            ImportField::Ignored => &[],
        }
    }
}

/// How one column of the file was understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// 0-based position of the column in the file.
    pub index: u32,
    /// The header as written in the file, trimmed.
    pub header: String,
    /// The field the column's cells are imported as. `None`: the column is not imported
    /// (a header Mentordesk does not know, or a name column that another one takes the
    /// place of); `note` says why. `Some(Ignored)`: no header and no values.
    pub field: Option<ImportField>,
    /// What the admin should know about the column, as a sentence: why it is not imported,
    /// or how it is stored (a full name is split into first and last name).
    #[serde(default)]
    pub note: Option<String>,
}

/// A row that will not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// The spreadsheet row number (header = 1, first data row = 2).
    pub row: u32,
    /// The row's e-mail cell as written (may be empty or invalid).
    pub email: String,
    /// The first problem found, in words for the admin.
    pub reason: String,
}

/// A valid row as it will be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRowView {
    pub row: u32,
    /// The name as the codes file shows it (a full-name cell as written, or first and
    /// last name joined by a space).
    pub name: String,
    /// The first and last name the profile stores.
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// Role keys (`mentor`, `mentee`, …).
    pub roles: Vec<String>,
    pub programme: Option<String>,
    pub tags: Vec<String>,
}

/// The note on a row whose e-mail address already has an account: not an error, the
/// row is simply left alone (so importing a file twice creates nobody twice).
pub const EXISTING_ACCOUNT: &str = "Already has an account — will be skipped.";

/// What the admin sees before confirming an import. Nothing has been written yet.
///
/// Every data row is counted once: `total_rows = valid_rows + errors.len()`, and of the
/// valid rows, `existing_rows` will be skipped, so `valid_rows - existing_rows` accounts
/// would be created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub file_name: String,
    pub columns: Vec<ColumnMapping>,
    /// Data rows in the file, blank rows left out.
    pub total_rows: u32,
    /// Rows that pass every check, including those whose e-mail already has an account.
    pub valid_rows: u32,
    /// Valid rows whose e-mail address already has an account: they will be skipped.
    pub existing_rows: u32,
    /// Sorted by row.
    pub errors: Vec<RowError>,
    /// The rows counted in `existing_rows`, sorted by row, each with the reason
    /// [`EXISTING_ACCOUNT`] (not errors: the same shape so one table can show both).
    pub existing: Vec<RowError>,
    /// The first five rows that would become accounts.
    pub sample: Vec<ImportRowView>,
}

/// A CSV file as the UI sends it; the API decodes the base64 (a `data:…;base64,`
/// prefix, as `FileReader.readAsDataURL` gives, is accepted too).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportFile {
    pub file_name: String,
    pub content_base64: String,
}

/// What an import did. Valid rows became accounts, rows whose e-mail already had an
/// account were left alone, and rows with errors were not imported:
/// `total_rows = imported + skipped_existing + errors.len()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportResult {
    pub import_id: crate::ids::ImportId,
    pub file_name: String,
    pub total_rows: u32,
    /// Accounts created.
    pub imported: u32,
    /// Rows whose e-mail address already had an account.
    pub skipped_existing: u32,
    /// Sorted by row.
    pub errors: Vec<RowError>,
    /// The skipped rows, each with the reason [`EXISTING_ACCOUNT`].
    pub skipped: Vec<RowError>,
    /// The one-time set-password codes (name, e-mail, code), shown only in this file;
    /// `None` when no account was created.
    pub codes_file: Option<crate::admin::SavedDocument>,
    /// Until when the codes can be used.
    pub codes_expire_at: chrono::DateTime<chrono::Utc>,
}

/// How far a running import is: accounts written so far (inside its transaction) out of
/// the accounts it creates. The last report has `done == total`; the accounts exist for
/// everyone else once `imports_run` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// One past import, for the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub id: crate::ids::ImportId,
    pub file_name: String,
    /// SHA-256 of the file's bytes, in hex: the same file imported twice has the same one.
    pub content_sha256: String,
    pub total_rows: u32,
    pub imported: u32,
    pub skipped_existing: u32,
    pub error_count: u32,
    /// The admin who ran it (`None` if their account is gone).
    pub imported_by: Option<String>,
    pub imported_at: chrono::DateTime<chrono::Utc>,
}

/// Names one past import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRef {
    pub import_id: crate::ids::ImportId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_serialise_in_snake_case_and_have_labels() {
        assert_eq!(
            serde_json::to_value(ImportField::TimeZone).unwrap(),
            "time_zone"
        );
        assert_eq!(ImportField::Email.label(), "E-mail");
        assert_eq!(ImportField::TimeZone.header(), "time zone");
        for field in ImportField::IMPORTED {
            assert!(!field.aliases().is_empty(), "{field:?}");
        }
        assert_eq!(ImportField::Ignored.header(), "");
        assert_eq!(
            serde_json::to_value(ImportField::FirstName).unwrap(),
            "first_name"
        );
        assert_eq!(ImportField::LastName.label(), "Last name");
        assert_eq!(ImportField::LastName.header(), "last name");
    }

    #[test]
    fn progress_and_results_cross_ipc_as_plain_json() {
        assert_eq!(
            serde_json::to_value(ImportProgress { done: 3, total: 5 }).unwrap(),
            serde_json::json!({"done": 3, "total": 5})
        );
        let id = crate::ids::ImportId(uuid::Uuid::nil());
        let json = serde_json::to_value(ImportRef { import_id: id }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"import_id": "00000000-0000-0000-0000-000000000000"})
        );
        assert_eq!(
            serde_json::from_value::<ImportRef>(json).unwrap().import_id,
            id
        );
    }
}
