//! The admin's bulk import of people from a CSV file (seed 002 BulkUploads):
//! what the UI sends, and the preview it shows before anything is created.
//!
//! Row numbers are the ones a spreadsheet shows: the header is row 1 and the first
//! data row is row 2. A quoted cell with a line break in it stays one row; a blank
//! line still takes up a row number, as it does in a spreadsheet or text editor.

use serde::{Deserialize, Serialize};

/// What a CSV column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    Name,
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
    pub const IMPORTED: [ImportField; 6] = [
        ImportField::Name,
        ImportField::Email,
        ImportField::Roles,
        ImportField::Programme,
        ImportField::Tags,
        ImportField::TimeZone,
    ];

    /// The fields every file must have a column for.
    pub const REQUIRED: [ImportField; 2] = [ImportField::Name, ImportField::Email];

    pub fn label(self) -> &'static str {
        match self {
            ImportField::Name => "Name",
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

    /// The headers recognised for this field, lower case with single spaces; the first is the usual one.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            ImportField::Name => &["name", "full name", "display name"],
            ImportField::Email => &["email", "e-mail", "email address", "e-mail address"],
            ImportField::Roles => &["roles", "role"],
            ImportField::Programme => &["programme", "program"],
            ImportField::Tags => &["tags", "interests", "skills"],
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
    /// `None`: a header Mentordesk does not know.
    pub field: Option<ImportField>,
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
    pub name: String,
    pub email: String,
    /// Role keys (`mentor`, `mentee`, …).
    pub roles: Vec<String>,
    pub programme: Option<String>,
    pub tags: Vec<String>,
}

/// What the admin sees before confirming an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub file_name: String,
    pub columns: Vec<ColumnMapping>,
    /// Data rows in the file, blank rows left out.
    pub total_rows: u32,
    pub valid_rows: u32,
    /// Sorted by row.
    pub errors: Vec<RowError>,
    /// The first five valid rows.
    pub sample: Vec<ImportRowView>,
}

/// A CSV file as the UI sends it; the API decodes the base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFile {
    pub file_name: String,
    pub content_base64: String,
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
    }
}
