//! The rules of the admin's bulk import of people from a CSV file (seed 002 BulkUploads).
//!
//! [`parse`] turns the file into rows and refuses files it cannot read (every such
//! error is on the field `file`); [`validate`] checks each row with the same rules
//! as sign-up and says, per row, the first thing wrong with it; [`plan`] sets aside the
//! rows whose e-mail already has an account (the database says which) and the mentees a
//! full programme cannot take; [`preview`] is what the admin confirms; [`errors_csv`] is
//! the list of rejected rows to download and [`codes_csv`] the set-password codes.
//! [`memberships`] turns a row's roles into its programme roles. Which roles an import may
//! grant is [`importable_role`]: never administration.
//!
//! Columns are matched by header ([`field_for_header`]: the aliases of [`ImportField`], in
//! any case, spacing or punctuation). Names come from first and last name columns when
//! the file has both (stored as written; a full-name column beside them is not imported),
//! otherwise from one full-name column that [`split_name`] splits; a first name column
//! without a last name column (or the reverse) and no full-name column is a file error.
//! Columns Mentordesk does not know are not imported: the preview lists them, each with a
//! note (and the likely column when the header is one typo away from a known one).
//!
//! Row numbers are a spreadsheet's: the header is row 1, the first data row is row 2.
//! A quoted cell with a line break in it is still one row; a blank line takes up a row
//! number (as in a spreadsheet or a text editor) but is not counted or reported. A row
//! whose number of cells differs from the header's is a *row* error, so the rest of
//! the file can still be imported.

use crate::policy::builtin_grants;
use crate::programmes::name_key;
use crate::validate::{self, Email};
use mentordesk_shared::access::{BuiltinRole, Permission};
use mentordesk_shared::imports::{
    ColumnMapping, ImportField, ImportPreview, ImportRowView, RowError, EXISTING_ACCOUNT,
};
use mentordesk_shared::programmes::ProgrammeRole;
use mentordesk_shared::ApiError;
use sha2::{Digest, Sha256};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// The largest file accepted, in bytes (checked before anything is read).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
/// The most data rows one file may have.
pub const MAX_IMPORT_ROWS: usize = 100_000;
/// How many valid rows the preview shows.
pub const SAMPLE_ROWS: usize = 5;
/// The role someone gets when the roles cell is empty.
pub const DEFAULT_ROLE: &str = "mentee";

/// The request field every file-level error is attached to.
const FILE: &str = "file";
/// How many characters of a value a message quotes before cutting it short.
const QUOTED_MAX: usize = 60;
/// Reasons longer than this are cut short (a runaway cell must not make a huge message).
const REASON_MAX: usize = 500;
/// The number of fields a row stores (every [`ImportField`] but `Ignored`).
const STORED: usize = ImportField::IMPORTED.len();

fn slot(field: ImportField) -> Option<usize> {
    ImportField::IMPORTED.iter().position(|f| *f == field)
}

/// A file that could be read: its columns and its rows, not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedImport {
    pub file_name: String,
    pub columns: Vec<ColumnMapping>,
    /// Rows with as many cells as the header, blank rows left out, in file order.
    pub rows: Vec<RawRow>,
    /// Rows that could not be read as a whole (wrong number of cells, unclosed quote).
    pub errors: Vec<RowError>,
}

impl ParsedImport {
    /// Data rows in the file, blank rows left out.
    pub fn total_rows(&self) -> u32 {
        (self.rows.len() + self.errors.len()) as u32
    }

    /// Where the names come from: the first and last name columns when the file has
    /// both (a full-name column is then not imported), otherwise its full-name column.
    pub fn name_columns(&self) -> NameColumns {
        if self
            .columns
            .iter()
            .any(|c| c.field == Some(ImportField::FirstName))
        {
            NameColumns::FirstAndLast
        } else {
            NameColumns::Full
        }
    }
}

/// One data row's cells, trimmed, by field; a field without a column reads as "".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// The spreadsheet row number (header = 1).
    pub row: u32,
    /// All cells one after the other: one allocation per row.
    text: String,
    ends: [u32; STORED],
}

impl RawRow {
    /// A row from `(field, cell)` pairs (a later pair for the same field wins).
    pub fn new(row: u32, cells: &[(ImportField, &str)]) -> RawRow {
        let mut by_slot = [""; STORED];
        for (field, cell) in cells {
            if let Some(i) = slot(*field) {
                by_slot[i] = cell.trim();
            }
        }
        RawRow::from_slots(row, &by_slot)
    }

    fn from_slots(row: u32, cells: &[&str; STORED]) -> RawRow {
        let mut text = String::with_capacity(cells.iter().map(|c| c.len()).sum());
        let mut ends = [0u32; STORED];
        for (end, cell) in ends.iter_mut().zip(cells) {
            text.push_str(cell);
            *end = text.len() as u32;
        }
        RawRow { row, text, ends }
    }

    /// The cell for `field`, trimmed; "" when the file has no such column.
    pub fn cell(&self, field: ImportField) -> &str {
        match slot(field) {
            Some(i) => {
                let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
                &self.text[start..self.ends[i] as usize]
            }
            None => "",
        }
    }
}

/// What a row may refer to, as the database knows it now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Lower-cased role key or role name (single spaces, see [`name_key`]) → role key:
    /// `"mentor"→"mentor"`, `"programme manager"→"programme_manager"`. Only roles an
    /// import may grant belong here (see [`importable_role`]).
    pub roles: HashMap<String, String>,
    /// Role key → the role's name, for messages.
    pub role_names: HashMap<String, String>,
    /// Lookups (like `roles`) of roles that exist but that an import may not grant → the
    /// role's name; such a row gets an error saying so rather than "unknown role".
    pub withheld_roles: HashMap<String, String>,
    /// [`name_key`] of a programme's name → the programme's id (archived ones left out).
    pub programmes: HashMap<String, String>,
    /// [`name_key`] of an archived programme's name → its name: nobody can join it.
    pub archived_programmes: HashMap<String, String>,
    /// Programme id → (the most mentees it takes, mentees it has now), for programmes
    /// with a limit (`ProgrammeCriteria::max_mentees`).
    pub mentee_places: HashMap<String, (u32, u32)>,
}

/// A role of the workspace, as [`Known::for_workspace`] reads it.
#[derive(Debug, Clone, Copy)]
pub struct WorkspaceRole<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub permissions: &'a [Permission],
}

/// A programme of the workspace, as [`Known::for_workspace`] reads it.
#[derive(Debug, Clone, Copy)]
pub struct WorkspaceProgramme<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub archived: bool,
    pub max_mentees: Option<u32>,
    /// Mentees it has now.
    pub mentees: u32,
}

/// Whether an import may give people this role: never the administrator role, and no
/// role that grants more than the built-in non-admin roles (programme manager, mentor,
/// mentee, new parent) could. So a custom role such as "Auditor" (`audit.view`) or one
/// with `users.manage` is given by hand under Users, where it is audited person by
/// person; a file of 50,000 rows never hands out administration.
pub fn importable_role(key: &str, permissions: &[Permission]) -> bool {
    if key == BuiltinRole::Admin.key() {
        return false;
    }
    permissions.iter().all(|p| {
        BuiltinRole::ALL
            .into_iter()
            .filter(|r| *r != BuiltinRole::Admin)
            .any(|r| builtin_grants(r).contains(p))
    })
}

/// What a spreadsheet may call the programme-manager role besides its key and name.
const MANAGER_ALIAS: &str = "manager";

impl Known {
    /// Builds the lookups from `(role key, role name)` and `(programme id, programme name)`
    /// pairs; every role given may be imported, no programme is archived or limited.
    pub fn new<K, N, I, P>(
        roles: impl IntoIterator<Item = (K, N)>,
        programmes: impl IntoIterator<Item = (I, P)>,
    ) -> Known
    where
        K: AsRef<str>,
        N: AsRef<str>,
        I: AsRef<str>,
        P: AsRef<str>,
    {
        let mut known = Known::default();
        for (key, name) in roles {
            known.add_role(key.as_ref(), name.as_ref());
        }
        for (id, name) in programmes {
            known
                .programmes
                .insert(name_key(name.as_ref()), id.as_ref().to_string());
        }
        known
    }

    /// The lookups for a workspace: the roles an import may grant ([`importable_role`];
    /// the others are remembered so their rows say why), programmes by name (archived
    /// ones remembered apart), and how many more mentees limited programmes take.
    pub fn for_workspace(
        roles: &[WorkspaceRole<'_>],
        programmes: &[WorkspaceProgramme<'_>],
    ) -> Known {
        let mut known = Known::default();
        for role in roles {
            if importable_role(role.key, role.permissions) {
                known.add_role(role.key, role.name);
            } else {
                for lookup in [name_key(role.key), name_key(role.name)] {
                    known.withheld_roles.insert(lookup, role.name.to_string());
                }
            }
        }
        for p in programmes {
            if p.archived {
                known
                    .archived_programmes
                    .insert(name_key(p.name), p.name.to_string());
                continue;
            }
            known.programmes.insert(name_key(p.name), p.id.to_string());
            if let Some(max) = p.max_mentees {
                known
                    .mentee_places
                    .insert(p.id.to_string(), (max, p.mentees));
            }
        }
        known
    }

    fn add_role(&mut self, key: &str, name: &str) {
        self.roles.insert(name_key(key), key.to_string());
        self.roles.insert(name_key(name), key.to_string());
        if key == BuiltinRole::ProgrammeManager.key() {
            self.roles.insert(MANAGER_ALIAS.into(), key.to_string());
        }
        self.role_names.insert(key.to_string(), name.to_string());
    }
}

/// A row that passed every check, normalised, ready to be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRow {
    pub row: u32,
    /// The name as the codes file shows it: a full-name cell as written, or the first
    /// and last name joined by a space. Trimmed, runs of whitespace (line breaks too)
    /// made one space.
    pub name: String,
    /// The profile's first and last name: the cells of the first and last name columns
    /// (whitespace tidied), or a full name split by [`split_name`].
    pub first_name: String,
    pub last_name: String,
    pub email: Email,
    /// `email.key()`: the case-folded address that must be unique.
    pub email_key: String,
    /// Role keys, each once, in the order written; `["mentee"]` when the cell is empty.
    pub roles: Vec<String>,
    pub programme_id: Option<String>,
    /// The programme as written in the file (whitespace tidied).
    pub programme_name: Option<String>,
    /// The roles the person holds in the programme ([`memberships`]); empty without one.
    pub memberships: Vec<ProgrammeRole>,
    pub tags: Vec<String>,
    /// An IANA name; `None` when the cell is empty.
    pub time_zone: Option<String>,
}

/// The outcome of [`validate`]: every data row is in exactly one of the two lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validated {
    pub rows: Vec<ValidRow>,
    /// Sorted by row; includes the rows [`parse`] could not read.
    pub errors: Vec<RowError>,
}

/// Refuses a file longer than [`MAX_IMPORT_BYTES`]; call it on the decoded length
/// (or `base64_len / 4 * 3`) before decoding anything.
pub fn check_size(len: usize) -> Result<(), ApiError> {
    if len > MAX_IMPORT_BYTES {
        return Err(ApiError::field(
            FILE,
            format!(
                "The file is {} MB; the most Mentordesk can import at once is {} MB. Split it into smaller files.",
                megabytes(len),
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// Rounded up, so a file just over the limit never reads as exactly the limit.
fn megabytes(len: usize) -> String {
    format!(
        "{:.1}",
        (len as f64 / (1024.0 * 1024.0) * 10.0).ceil() / 10.0
    )
}

/// Reads a CSV file (UTF-8, optional BOM, `,` `;` or tab separated, CRLF or LF).
pub fn parse(file_name: &str, bytes: &[u8]) -> Result<ParsedImport, ApiError> {
    check_size(bytes.len())?;
    let text = decode(file_name, bytes)?;
    let no_rows = || ApiError::field(FILE, "The file has no rows to import.");
    if text.trim().is_empty() {
        return Err(no_rows());
    }
    let delimiter = sniff_delimiter(text);
    let mut reader = csv_reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    let mut rows_seen = RowCounter::new(text.as_bytes());
    let unreadable = |e: csv::Error| {
        ApiError::field(
            FILE,
            format!("“{file_name}” could not be read as CSV ({e})."),
        )
    };

    if !reader.read_record(&mut record).map_err(unreadable)? {
        return Err(no_rows());
    }
    rows_seen.advance(reader.position().byte() as usize);
    let columns = map_columns(&record)?;
    let slots: Vec<Option<usize>> = columns.iter().map(|c| c.field.and_then(slot)).collect();
    let email_column = columns
        .iter()
        .position(|c| c.field == Some(ImportField::Email));
    let unnamed: Vec<usize> = columns
        .iter()
        .filter(|c| c.header.is_empty())
        .map(|c| c.index as usize)
        .collect();

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    while reader.read_record(&mut record).map_err(unreadable)? {
        let end = reader.position().byte() as usize;
        let (row, start) = rows_seen.advance(end);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if rows.len() + errors.len() >= MAX_IMPORT_ROWS {
            return Err(ApiError::field(
                FILE,
                format!(
                    "The file has more than {} rows. Split it into files of at most {} rows each.",
                    thousands(MAX_IMPORT_ROWS),
                    thousands(MAX_IMPORT_ROWS)
                ),
            ));
        }
        let email = || {
            email_column
                .and_then(|i| record.get(i))
                .map(|e| e.trim().to_string())
                .unwrap_or_default()
        };
        if end == text.len() && unclosed_quote(&text[start..end], &record) {
            errors.push(RowError {
                row,
                email: email(),
                reason: "A quote in this row is never closed, so the rest of the file was read as part of it: close the quote (or remove it) and import the file again.".into(),
            });
            continue;
        }
        if record.len() != columns.len() {
            errors.push(RowError {
                row,
                email: email(),
                reason: format!(
                    "This row has {} cells but the header has {} columns: a value that contains “{}” needs quotes around it.",
                    record.len(),
                    columns.len(),
                    delimiter as char
                ),
            });
            continue;
        }
        if let Some(&i) = unnamed.iter().find(|&&i| !record[i].trim().is_empty()) {
            return Err(ApiError::field(
                FILE,
                format!(
                    "Column {} has no header but row {row} has a value in it: give the column a header or delete it.",
                    i + 1
                ),
            ));
        }
        let mut cells = [""; STORED];
        for (cell, slot) in record.iter().zip(&slots) {
            if let Some(i) = slot {
                cells[*i] = cell.trim();
            }
        }
        rows.push(RawRow::from_slots(row, &cells));
    }
    if rows.is_empty() && errors.is_empty() {
        return Err(no_rows());
    }
    Ok(ParsedImport {
        file_name: file_name.to_string(),
        columns,
        rows,
        errors,
    })
}

/// The reader every CSV in this module goes through (the error file's round trip too).
fn csv_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// Checks the bytes are UTF-8 text and returns them without a BOM.
fn decode<'a>(file_name: &str, bytes: &'a [u8]) -> Result<&'a str, ApiError> {
    let not_csv = |extra: &str| {
        ApiError::field(
            FILE,
            format!(
                "“{file_name}” is not a CSV file: save it as CSV (UTF-8) and try again{extra}."
            ),
        )
    };
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let lower_name = file_name.to_lowercase();
    let excel_name = [".xlsx", ".xlsm", ".xls"]
        .iter()
        .any(|ext| lower_name.ends_with(ext));
    if (is_zip && (contains(head, b"xl/") || excel_name))
        || (is_ole && excel_name)
        || (is_ole && contains(head, b"W\0o\0r\0k\0b\0o\0o\0k"))
    {
        return Err(ApiError::field(
            FILE,
            format!("“{file_name}” is an Excel workbook, not a CSV file: in Excel choose File › Save As, pick “CSV UTF-8 (Comma delimited)” as the type, and import that file."),
        ));
    }
    if is_zip && contains(head, b"opendocument.spreadsheet") {
        return Err(ApiError::field(
            FILE,
            format!("“{file_name}” is a spreadsheet, not a CSV file: use Save As (or Export), pick CSV with UTF-8 as the character set, and import that file."),
        ));
    }
    const BINARY: [&[u8]; 9] = [
        b"PK\x03\x04",
        b"\x89PNG",
        b"%PDF",
        b"GIF8",
        b"\xFF\xD8\xFF",
        b"RIFF",
        b"\x1F\x8B",
        &[0xD0, 0xCF, 0x11, 0xE0],
        b"{\\rtf",
    ];
    if BINARY.iter().any(|magic| bytes.starts_with(magic)) {
        return Err(not_csv(""));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(not_csv(" (this file is saved as UTF-16 “Unicode text”)"));
    }
    if bytes.contains(&0) {
        return Err(not_csv(""));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{FEFF}').unwrap_or(text)),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            Err(not_csv(&format!(
                " (line {line} has text in another encoding)"
            )))
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `,`, `;` or tab: whichever the header line (outside quotes) has most of; `,` if none.
fn sniff_delimiter(text: &str) -> u8 {
    let candidates = [b',', b';', b'\t'];
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.trim_start_matches(['\r', '\n']).bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|c| *c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..candidates.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

/// Turns the byte offsets where records end into spreadsheet row numbers, counting the
/// blank lines the CSV reader skips and not the line breaks inside quoted cells.
struct RowCounter<'a> {
    text: &'a [u8],
    end: usize,
    row: u32,
}

impl<'a> RowCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        RowCounter {
            text,
            end: 0,
            row: 0,
        }
    }

    /// The row number of the record that ended at `end`, and where its text starts.
    fn advance(&mut self, end: usize) -> (u32, usize) {
        let mut at = self.end;
        // The "\n" of a "\r\n" that ended the previous record.
        if at > 0 && self.text[at - 1] == b'\r' && self.text.get(at) == Some(&b'\n') {
            at += 1;
        }
        let mut blank = 0;
        while at < end {
            match self.text[at] {
                b'\r' => {
                    blank += 1;
                    at += 1;
                    if at < end && self.text[at] == b'\n' {
                        at += 1;
                    }
                }
                b'\n' => {
                    blank += 1;
                    at += 1;
                }
                _ => break,
            }
        }
        self.row += 1 + blank;
        self.end = end;
        (self.row, at)
    }
}

/// The last record swallowed the end of the file: a line break inside a cell and an odd
/// number of quotes from the record's start to the end of the file.
fn unclosed_quote(raw: &str, record: &csv::StringRecord) -> bool {
    record.iter().any(|cell| cell.contains(['\n', '\r']))
        && raw.bytes().filter(|b| *b == b'"').count() % 2 == 1
}

/// A header as it is matched: lower case, letters and digits only, without a note in
/// brackets (“First Name [Required]”, “Time zone (IANA)”). So “First Name”,
/// “first_name”, “first-name”, “First.Name” and “FIRSTNAME” are all `firstname`.
fn header_key(header: &str) -> String {
    let mut key = String::with_capacity(header.len());
    let mut depth = 0u32;
    for ch in header.chars() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && ch.is_alphanumeric() => key.extend(ch.to_lowercase()),
            _ => {}
        }
    }
    if key.is_empty() {
        // Nothing outside the brackets: “(name)” is still `name`.
        key.extend(
            header
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
    }
    key
}

/// The field a header names (aliases, any case, spacing or punctuation, see
/// [`ImportField::aliases`]); `Ignored` for an empty header; `None` for one Mentordesk
/// does not know.
pub fn field_for_header(header: &str) -> Option<ImportField> {
    if header.trim().is_empty() {
        return Some(ImportField::Ignored);
    }
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    ImportField::IMPORTED
        .into_iter()
        .find(|field| field.aliases().iter().any(|alias| header_key(alias) == key))
}

/// The field a header Mentordesk does not know was probably meant to be: one whose alias
/// is a single typo away (a letter added, dropped, changed or two swapped), for headers of
/// five or more characters (“Rolse”, “Emial”, “Frist name”; not “Username”).
fn near_miss(header: &str) -> Option<ImportField> {
    let key: Vec<char> = header_key(header).chars().collect();
    if key.len() < 5 {
        return None;
    }
    ImportField::IMPORTED.into_iter().find(|field| {
        field.aliases().iter().any(|alias| {
            let alias: Vec<char> = header_key(alias).chars().collect();
            alias.len() >= 4 && edit_distance(&key, &alias) <= 1
        })
    })
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours each count 1.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    if a.len().abs_diff(b.len()) > 1 {
        return 2;
    }
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, cell) in d.iter_mut().step_by(width).enumerate() {
        *cell = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// Where a file's names come from (see [`ImportField`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameColumns {
    /// One column with the whole name, split by [`split_name`].
    Full,
    /// A first name column and a last name column, stored as they are.
    FirstAndLast,
}

/// The note on a column with the whole name: how it becomes the profile's two names.
const SPLIT_NOTE: &str = "Split into first name and last name: the last word is the last name, and “Lovelace, Ada” is read last name first.";

fn quoted_header(column: &ColumnMapping) -> String {
    format!("“{}”", shorten(&column.header))
}

fn map_columns(header: &csv::StringRecord) -> Result<Vec<ColumnMapping>, ApiError> {
    let mut columns: Vec<ColumnMapping> = header
        .iter()
        .enumerate()
        .map(|(index, raw)| {
            let header = raw.trim().to_string();
            ColumnMapping {
                index: index as u32,
                field: field_for_header(&header),
                header,
                note: None,
            }
        })
        .collect();
    let recognised: Vec<Option<ImportField>> = columns.iter().map(|c| c.field).collect();
    let first_of = |field: ImportField| columns.iter().find(|c| c.field == Some(field)).cloned();
    let full = first_of(ImportField::Name);
    let first = first_of(ImportField::FirstName);
    let last = first_of(ImportField::LastName);

    // Where the names come from: first and last name columns when the file has both
    // (stored as they are, nothing to guess), otherwise a full-name column. A name column
    // that is not used is shown as not imported, with the reason.
    let mut problems = Vec::new();
    let names = match (&full, &first, &last) {
        (_, Some(first), Some(last)) => {
            let note = format!(
                "The names come from the {} and {} columns.",
                quoted_header(first),
                quoted_header(last)
            );
            for column in columns
                .iter_mut()
                .filter(|c| c.field == Some(ImportField::Name))
            {
                column.field = None;
                column.note = Some(note.clone());
            }
            Some(NameColumns::FirstAndLast)
        }
        (Some(full), one, other) => {
            let (lone, missing) = if one.is_some() {
                (ImportField::FirstName, ImportField::LastName)
            } else {
                (ImportField::LastName, ImportField::FirstName)
            };
            if one.is_some() || other.is_some() {
                let note = format!(
                    "The names come from the {} column (a {} column is used only together with a {} column).",
                    quoted_header(full),
                    lone.label().to_lowercase(),
                    missing.label().to_lowercase()
                );
                for column in columns.iter_mut().filter(|c| c.field == Some(lone)) {
                    column.field = None;
                    column.note = Some(note.clone());
                }
            }
            Some(NameColumns::Full)
        }
        (None, Some(lone), None) | (None, None, Some(lone)) => {
            let (has, missing) = if lone.field == Some(ImportField::FirstName) {
                (ImportField::FirstName, ImportField::LastName)
            } else {
                (ImportField::LastName, ImportField::FirstName)
            };
            problems.push(format!(
                "The file has a {} column ({}) but no {} column: add a column headed “{}”, or put the whole name in one column headed “{}”.",
                has.label().to_lowercase(),
                quoted_header(lone),
                missing.label().to_lowercase(),
                missing.header(),
                ImportField::Name.header()
            ));
            None
        }
        (None, None, None) => None,
    };

    // Columns Mentordesk does not know are not imported (exports carry IDs, departments,
    // phone numbers…); the preview lists them, with the likely column for a typo.
    for i in 0..columns.len() {
        if recognised[i].is_some() {
            continue;
        }
        let covered = |f: ImportField| {
            recognised.contains(&Some(f))
                || (names.is_some()
                    && matches!(
                        f,
                        ImportField::Name | ImportField::FirstName | ImportField::LastName
                    ))
        };
        let hint = near_miss(&columns[i].header)
            .filter(|f| !covered(*f))
            .map(|f| {
                format!(
                    " Did you mean “{}”? Rename the column to import it.",
                    f.header()
                )
            })
            .unwrap_or_default();
        columns[i].note = Some(format!("Mentordesk has no field for this column.{hint}"));
    }

    for column in columns.iter_mut() {
        match column.field {
            Some(ImportField::Ignored) => {
                column.note = Some("The column has no header.".into());
            }
            Some(ImportField::Name) => column.note = Some(SPLIT_NOTE.into()),
            _ => {}
        }
    }

    for (i, column) in columns.iter().enumerate() {
        let Some(field) = column.field.filter(|f| *f != ImportField::Ignored) else {
            continue;
        };
        if let Some(other) = columns[i + 1..].iter().find(|c| c.field == Some(field)) {
            return Err(ApiError::field(
                FILE,
                format!(
                    "Columns {} (“{}”) and {} (“{}”) are both the {} column: keep one of them.",
                    column.index + 1,
                    shorten(&column.header),
                    other.index + 1,
                    shorten(&other.header),
                    field.label().to_lowercase()
                ),
            ));
        }
    }

    let no_name = names.is_none() && problems.is_empty();
    let no_email = !columns.iter().any(|c| c.field == Some(ImportField::Email));
    let name_headers = format!(
        "“{}” (or “{}” and “{}”)",
        ImportField::Name.header(),
        ImportField::FirstName.header(),
        ImportField::LastName.header()
    );
    let email = ImportField::Email;
    match (no_name, no_email) {
        (true, true) => problems.push(format!(
            "The file has no name or {} columns: add columns headed {name_headers} and “{}”.",
            email.label().to_lowercase(),
            email.header()
        )),
        (true, false) => problems.push(format!(
            "The file has no name column: add a column headed {name_headers}."
        )),
        (false, true) => problems.push(format!(
            "The file has no {} column: add a column headed “{}”.",
            email.label().to_lowercase(),
            email.header()
        )),
        (false, false) => {}
    }
    if problems.is_empty() {
        return Ok(columns);
    }
    let mut message = problems.join(" ");
    if columns
        .iter()
        .any(|c| c.field.is_none() && c.header.contains('@'))
    {
        message.push_str(" The first row must be the header that names the columns.");
    }
    Err(ApiError::field(FILE, message))
}

/// Checks every row; the first problem of a row is its error.
pub fn validate(parsed: &ParsedImport, known: &Known) -> Validated {
    let mut role_keys: Vec<&str> = known.roles.values().map(String::as_str).collect();
    role_keys.sort_unstable();
    role_keys.dedup();
    let mut role_list: Vec<&str> = role_keys
        .iter()
        .map(|key| known.role_names.get(*key).map_or(*key, String::as_str))
        .collect();
    role_list.sort_unstable_by_key(|name| name.to_lowercase());
    let role_list = role_list.join(", ");

    let names = parsed.name_columns();
    let mut first_row_of: HashMap<String, u32> = HashMap::with_capacity(parsed.rows.len());
    let mut rows = Vec::with_capacity(parsed.rows.len());
    let mut errors = parsed.errors.clone();
    for raw in &parsed.rows {
        match check_row(raw, names, known, &role_list, &mut first_row_of) {
            Ok(row) => rows.push(row),
            Err(reason) => errors.push(RowError {
                row: raw.row,
                email: raw.cell(ImportField::Email).to_string(),
                reason: cap(reason),
            }),
        }
    }
    errors.sort_by_key(|e| e.row);
    Validated { rows, errors }
}

/// A row's name, first name and last name (see [`ValidRow`]), checked as sign-up checks
/// them: a first or last name has at most 100 characters, and so does a full name.
fn row_names(raw: &RawRow, names: NameColumns) -> Result<(String, String, String), String> {
    match names {
        NameColumns::Full => {
            let name = tidy(raw.cell(ImportField::Name));
            if name.is_empty() {
                return Err("The name is missing.".into());
            }
            let name = validate::person_name(&name, "name").map_err(|m| about("Name", &m))?;
            let (first, last) = split_name(&name);
            Ok((name, first, last))
        }
        NameColumns::FirstAndLast => {
            let first = tidy(raw.cell(ImportField::FirstName));
            let last = tidy(raw.cell(ImportField::LastName));
            match (first.is_empty(), last.is_empty()) {
                (true, true) => return Err("The first name and last name are missing.".into()),
                (true, false) => return Err("The first name is missing.".into()),
                (false, true) => return Err("The last name is missing.".into()),
                (false, false) => {}
            }
            let first =
                validate::person_name(&first, "first name").map_err(|m| about("First name", &m))?;
            let last =
                validate::person_name(&last, "last name").map_err(|m| about("Last name", &m))?;
            Ok((format!("{first} {last}"), first, last))
        }
    }
}

fn check_row(
    raw: &RawRow,
    names: NameColumns,
    known: &Known,
    role_list: &str,
    first_row_of: &mut HashMap<String, u32>,
) -> Result<ValidRow, String> {
    let (name, first_name, last_name) = row_names(raw, names)?;

    let email_cell = raw.cell(ImportField::Email);
    if email_cell.is_empty() {
        return Err("The e-mail address is missing.".into());
    }
    let email = Email::parse(email_cell)?;
    let email_key = email.key().to_string();
    match first_row_of.entry(email_key.clone()) {
        Entry::Occupied(first) => return Err(format!("Same e-mail as row {}.", first.get())),
        Entry::Vacant(slot) => {
            slot.insert(raw.row);
        }
    }

    let mut roles: Vec<String> = Vec::new();
    for role in list_items(raw.cell(ImportField::Roles)) {
        let key = known
            .roles
            .get(role)
            .or_else(|| known.roles.get(&name_key(role)))
            .ok_or_else(|| {
                if let Some(name) = known.withheld_roles.get(&name_key(role)) {
                    format!(
                        "The “{}” role cannot be given by import: import the person without it, then give it under Users.",
                        shorten(name)
                    )
                } else if role_list.is_empty() {
                    format!(
                        "Unknown role “{}”: no roles can be given by import.",
                        shorten(role)
                    )
                } else {
                    format!(
                        "Unknown role “{}”. Known roles: {role_list}.",
                        shorten(role)
                    )
                }
            })?;
        if !roles.contains(key) {
            roles.push(key.clone());
        }
    }
    if roles.is_empty() {
        roles.push(DEFAULT_ROLE.to_string());
    }

    let programme_cell = raw.cell(ImportField::Programme);
    let (programme_id, programme_name, memberships) = if programme_cell.is_empty() {
        (None, None, Vec::new())
    } else {
        let key = name_key(programme_cell);
        let id = known.programmes.get(&key).ok_or_else(|| {
            match known.archived_programmes.get(&key) {
                Some(name) => format!(
                    "The programme “{}” is archived: nobody can join it any more.",
                    shorten(name)
                ),
                None => format!(
                    "Unknown programme “{}”: check its name, or create the programme first.",
                    shorten(&tidy(programme_cell))
                ),
            }
        })?;
        let memberships = memberships(&roles);
        if memberships.is_empty() {
            return Err(format!(
                "To join “{}” the person needs the mentee, mentor or programme manager role: add one of them to the roles.",
                shorten(&tidy(programme_cell))
            ));
        }
        (Some(id.clone()), Some(tidy(programme_cell)), memberships)
    };

    let zone_cell = raw.cell(ImportField::TimeZone);
    let time_zone = if zone_cell.is_empty() {
        None
    } else if zone_cell.chars().count() > QUOTED_MAX {
        return Err(format!(
            "“{}” is not a known time zone.",
            shorten(zone_cell)
        ));
    } else {
        Some(validate::time_zone(zone_cell)?.name().to_string())
    };

    let tags_cell = raw.cell(ImportField::Tags);
    let tags = if tags_cell.is_empty() {
        Vec::new()
    } else {
        let items: Vec<String> = list_items(tags_cell).map(str::to_string).collect();
        validate::tags(&items).map_err(|m| about("Tags", &m))?
    };

    Ok(ValidRow {
        row: raw.row,
        name,
        first_name,
        last_name,
        email,
        email_key,
        roles,
        programme_id,
        programme_name,
        memberships,
        tags,
        time_zone,
    })
}

/// The roles someone holds in the programme of their row, from their workspace roles:
/// programme managers as manager; mentors as mentor, otherwise mentees as mentee (someone
/// who is both mentors). Empty when none applies (a new parent alone, a custom role):
/// a programme's members hold the matching role, as when a manager adds them by hand.
pub fn memberships(role_keys: &[String]) -> Vec<ProgrammeRole> {
    let holds = |role: BuiltinRole| role_keys.iter().any(|k| k == role.key());
    let mut out = Vec::new();
    if holds(BuiltinRole::ProgrammeManager) {
        out.push(ProgrammeRole::Manager);
    }
    if holds(BuiltinRole::Mentor) {
        out.push(ProgrammeRole::Mentor);
    } else if holds(BuiltinRole::Mentee) {
        out.push(ProgrammeRole::Mentee);
    }
    out
}

/// The items of a list cell: separated by `;`, `|`, `,` or line breaks, trimmed, empty ones dropped.
fn list_items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', '|', ',', '\n', '\r'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// Trimmed, with runs of whitespace (line breaks too) made one space.
fn tidy(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// "Tags" + "Choose at most 10." → "Tags: choose at most 10."
fn about(what: &str, message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => format!("{what}: {}{}", first.to_lowercase(), chars.as_str()),
        None => what.to_string(),
    }
}

/// A value as a message quotes it: at most [`QUOTED_MAX`] characters.
fn shorten(value: &str) -> String {
    match value.char_indices().nth(QUOTED_MAX) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_string(),
    }
}

fn cap(reason: String) -> String {
    match reason.char_indices().nth(REASON_MAX) {
        Some((at, _)) => format!("{}…", &reason[..at]),
        None => reason,
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// What an import does with each valid row, once the accounts that exist are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Rows that become accounts, in file order.
    pub create: Vec<ValidRow>,
    /// Valid rows whose e-mail address already has an account, each with the reason
    /// [`EXISTING_ACCOUNT`]: left alone, not errors.
    pub existing: Vec<RowError>,
    /// The validation errors plus rows refused because their programme is full; by row.
    pub errors: Vec<RowError>,
}

impl Plan {
    /// Rows that passed the checks (new or existing).
    pub fn valid_rows(&self) -> u32 {
        (self.create.len() + self.existing.len()) as u32
    }
}

/// Splits the valid rows into the ones to create and the ones whose `email_key` is in
/// `existing` (case-folded addresses that already have an account), and refuses new
/// mentees beyond a programme's `max_mentees` (the rows after it is full, in file order).
pub fn plan(validated: Validated, existing: &HashSet<String>, known: &Known) -> Plan {
    let mut create = Vec::with_capacity(validated.rows.len());
    let mut skipped = Vec::new();
    let mut errors = validated.errors;
    let mut extra_errors = false;
    let mut joining: HashMap<&str, u32> = HashMap::new();
    for row in validated.rows {
        if existing.contains(&row.email_key) {
            skipped.push(RowError {
                row: row.row,
                email: row.email.as_str().to_string(),
                reason: EXISTING_ACCOUNT.to_string(),
            });
            continue;
        }
        if let Some(id) = row.programme_id.as_deref() {
            if let Some((id, &(max, now))) = known.mentee_places.get_key_value(id) {
                if row.memberships.contains(&ProgrammeRole::Mentee) {
                    let joined = joining.entry(id.as_str()).or_default();
                    if now + *joined >= max {
                        errors.push(RowError {
                            row: row.row,
                            email: row.email.as_str().to_string(),
                            reason: format!(
                                "The programme “{}” is full: it takes {} mentees.",
                                shorten(row.programme_name.as_deref().unwrap_or_default()),
                                thousands(max as usize)
                            ),
                        });
                        extra_errors = true;
                        continue;
                    }
                    *joined += 1;
                }
            }
        }
        create.push(row);
    }
    if extra_errors {
        errors.sort_by_key(|e| e.row);
    }
    Plan {
        create,
        existing: skipped,
        errors,
    }
}

/// What the admin confirms: columns, counts, every row error, the rows that will be
/// skipped, and the first rows that will become accounts.
pub fn preview(parsed: &ParsedImport, plan: &Plan) -> ImportPreview {
    ImportPreview {
        file_name: parsed.file_name.clone(),
        columns: parsed.columns.clone(),
        total_rows: parsed.total_rows(),
        valid_rows: plan.valid_rows(),
        existing_rows: plan.existing.len() as u32,
        errors: plan.errors.clone(),
        existing: plan.existing.clone(),
        sample: plan
            .create
            .iter()
            .take(SAMPLE_ROWS)
            .map(|r| ImportRowView {
                row: r.row,
                name: r.name.clone(),
                first_name: r.first_name.clone(),
                last_name: r.last_name.clone(),
                email: r.email.as_str().to_string(),
                roles: r.roles.clone(),
                programme: r.programme_name.clone(),
                tags: r.tags.clone(),
            })
            .collect(),
    }
}

/// Words that follow a surname after a comma ("King, Jr."): part of the last name.
const NAME_SUFFIXES: [&str; 9] = ["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "dds"];

/// A full name as first and last name, for the profile: "Ada King Lovelace" → ("Ada
/// King", "Lovelace"); a single word ("Madonna", "山田太郎": names written without spaces)
/// is all first name, with an empty last name; "Lovelace, Ada" (one comma) is read as
/// last name first; "Martin Luther King, Jr." keeps the suffix with the last name
/// ("King, Jr."). Whitespace is tidied; any script works, splitting only at whitespace.
pub fn split_name(name: &str) -> (String, String) {
    let name = tidy(name);
    if let Some((before, after)) = name.split_once(',') {
        let (before, after) = (before.trim(), after.trim());
        if !after.contains(',') && !before.is_empty() && !after.is_empty() {
            let suffix = after.trim_end_matches('.').to_lowercase();
            if NAME_SUFFIXES.contains(&suffix.as_str()) {
                let (first, last) = split_at_last_word(before);
                return if last.is_empty() {
                    (first.to_string(), after.to_string())
                } else {
                    (first.to_string(), format!("{last}, {after}"))
                };
            }
            return (after.to_string(), before.to_string());
        }
    }
    let (first, last) = split_at_last_word(&name);
    (first.to_string(), last.to_string())
}

/// "a b c" → ("a b", "c"); "a" → ("a", "").
fn split_at_last_word(name: &str) -> (&str, &str) {
    match name.rsplit_once(' ') {
        Some((first, last)) if !first.is_empty() => (first, last),
        _ => (name, ""),
    }
}

/// One line of the set-password codes file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeLine<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub code: &'a str,
}

/// The one-time set-password codes of an import, the only place they are ever shown:
/// a UTF-8 BOM, the header `name,email,code`, CRLF line ends, cells quoted and guarded
/// against formulas as in [`errors_csv`]. One line per account created, in file order.
pub fn codes_csv(lines: &[CodeLine<'_>]) -> String {
    let mut out = String::with_capacity(
        32 + lines
            .iter()
            .map(|l| l.name.len() + l.email.len() + l.code.len() + 8)
            .sum::<usize>(),
    );
    out.push('\u{FEFF}');
    out.push_str("name,email,code\r\n");
    for line in lines {
        push_cell(&mut out, line.name);
        out.push(',');
        push_cell(&mut out, line.email);
        out.push(',');
        push_cell(&mut out, line.code);
        out.push_str("\r\n");
    }
    out
}

/// The most characters a stored file name keeps.
const FILE_NAME_MAX: usize = 200;

/// The name of the uploaded file as it is stored and shown: its last path component,
/// without control characters, at most 200 characters; "import.csv" when nothing is left.
pub fn clean_file_name(file_name: &str) -> String {
    let last = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>();
    let last = last.trim();
    let cut = match last.char_indices().nth(FILE_NAME_MAX) {
        Some((at, _)) => &last[..at],
        None => last,
    };
    if cut.is_empty() {
        "import.csv".to_string()
    } else {
        cut.to_string()
    }
}

/// The uploaded file's name without its extension, safe as part of a file name on every
/// platform (no `<>:"/\|?*` or control characters, no leading or trailing dots or spaces).
fn file_stem(file_name: &str) -> String {
    let name = clean_file_name(file_name);
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.trim().is_empty() => stem,
        _ => name.as_str(),
    };
    let safe: String = stem
        .chars()
        .map(|c| if "<>:\"/\\|?*".contains(c) { '_' } else { c })
        .collect();
    let safe = safe.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let safe = match safe.char_indices().nth(100) {
        Some((at, _)) => safe[..at].trim_end(),
        None => safe,
    };
    if safe.is_empty() {
        "import".to_string()
    } else {
        safe.to_string()
    }
}

/// `people.csv` → `people — set-password codes.csv`.
pub fn codes_file_name(file_name: &str) -> String {
    format!("{} — set-password codes.csv", file_stem(file_name))
}

/// `people.csv` → `people — errors.csv`.
pub fn errors_file_name(file_name: &str) -> String {
    format!("{} — errors.csv", file_stem(file_name))
}

/// SHA-256 of the file's bytes in lower-case hex: what the import record keeps of it.
pub fn content_digest(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xF)] as char);
    }
    out
}

/// The rejected rows as a CSV file to download: a UTF-8 BOM (so Excel shows names
/// correctly), the header `row,email,reason`, CRLF line ends (RFC 4180), cells quoted
/// when they hold a comma, a quote, a line break or edge whitespace. A cell that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets
/// a leading `'` so opening the file cannot run anything.
pub fn errors_csv(errors: &[RowError]) -> String {
    let mut out = String::with_capacity(
        32 + errors
            .iter()
            .map(|e| e.email.len() + e.reason.len() + 16)
            .sum::<usize>(),
    );
    out.push('\u{FEFF}');
    out.push_str("row,email,reason\r\n");
    for error in errors {
        out.push_str(&error.row.to_string());
        out.push(',');
        push_cell(&mut out, &error.email);
        out.push(',');
        push_cell(&mut out, &error.reason);
        out.push_str("\r\n");
    }
    out
}

fn push_cell(out: &mut String, value: &str) {
    let formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = value.contains([',', '"', '\r', '\n'])
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    if quote {
        for ch in value.chars() {
            if ch == '"' {
                out.push('"');
            }
            out.push(ch);
        }
        out.push('"');
    } else {
        out.push_str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        Known::new(
            [
                ("mentor", "Mentor"),
                ("mentee", "Mentee"),
                ("programme_manager", "Programme manager"),
            ],
            [("p-women", "Women in Tech"), ("p-rust", "Rust  Beginners")],
        )
    }

    fn parse_str(text: &str) -> ParsedImport {
        parse("people.csv", text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn file_error(name: &str, bytes: &[u8]) -> String {
        let err = parse(name, bytes).expect_err("the file should be refused");
        assert_eq!(err.code, mentordesk_shared::ErrorCode::Validation);
        err.field_message("file")
            .unwrap_or_else(|| panic!("no error on field file: {err:?}"))
            .to_string()
    }

    fn run(text: &str) -> Validated {
        validate(&parse_str(text), &known())
    }

    fn reasons(v: &Validated) -> Vec<(u32, &str)> {
        v.errors
            .iter()
            .map(|e| (e.row, e.reason.as_str()))
            .collect()
    }

    #[test]
    fn mixed_file_reports_exactly_the_bad_rows_and_keeps_the_good_ones_intact() {
        let text = concat!(
            "\u{FEFF}\"Name\",E-mail,Roles,Programme,Tags,Time zone\r\n",
            "Zoë Ångström,zoe@example.com,mentor,Women in Tech,\"Rust, Go\",Europe/London\r\n", // 2
            "\"Núñez, José\",jose@example.com,\"mentor; mentee\",,,\r\n",                       // 3
            "\"Ada \"\"Countess\"\" Lovelace\",ada@example.com,,,,\r\n",                       // 4
            "\"Nguyễn Thị\nMinh\",minh@example.com,Programme Manager,rust beginners,\"AI\nData\",Asia/Ho_Chi_Minh\r\n", // 5 (two lines)
            "山田太郎,taro@example.jp,Mentee,,,Asia/Tokyo\r\n",                                   // 6
            ",noname@example.com,,,,\r\n",                                                     // 7
            "Bad Mail,not-an-email,,,,\r\n",                                                   // 8
            "Wizard,wiz@example.com,sorcerer,,,\r\n",                                          // 9
            "Lost,lost@example.com,,Knitting Club,,\r\n",                                      // 10
            "Mars,mars@example.com,,,,Mars/Olympus\r\n",                                       // 11
            "Again,ZOE@example.com,,,,\r\n",                                                   // 12
            "Too,many,cells,here,,,,\r\n",                                                     // 13
            "Taggy,taggy@example.com,,,\"a;b;c;d;e;f;g;h;i;j;k\",\r\n",                        // 14
        );
        let parsed = parse_str(text);
        assert_eq!(parsed.total_rows(), 13);
        let v = validate(&parsed, &known());
        let rows: Vec<u32> = v.errors.iter().map(|e| e.row).collect();
        assert_eq!(rows, vec![7, 8, 9, 10, 11, 12, 13, 14], "{:#?}", v.errors);
        let r = reasons(&v);
        assert_eq!(r[0].1, "The name is missing.");
        assert_eq!(r[1].1, "“not-an-email” is not a valid e-mail address.");
        assert_eq!(
            r[2].1,
            "Unknown role “sorcerer”. Known roles: Mentee, Mentor, Programme manager."
        );
        assert!(
            r[3].1.starts_with("Unknown programme “Knitting Club”"),
            "{}",
            r[3].1
        );
        assert_eq!(r[4].1, "“Mars/Olympus” is not a known time zone.");
        assert_eq!(r[5].1, "Same e-mail as row 2.");
        assert!(
            r[6].1
                .starts_with("This row has 8 cells but the header has 6 columns"),
            "{}",
            r[6].1
        );
        assert_eq!(r[7].1, "Tags: choose at most 10 (you have 11).");
        assert_eq!(v.errors[1].email, "not-an-email");
        assert_eq!(v.errors[6].email, "many");

        assert_eq!(v.rows.len(), 5);
        let zoe = &v.rows[0];
        assert_eq!((zoe.row, zoe.name.as_str()), (2, "Zoë Ångström"));
        assert_eq!(zoe.email.as_str(), "zoe@example.com");
        assert_eq!(zoe.roles, vec!["mentor"]);
        assert_eq!(zoe.programme_id.as_deref(), Some("p-women"));
        assert_eq!(zoe.programme_name.as_deref(), Some("Women in Tech"));
        assert_eq!(zoe.tags, vec!["Rust", "Go"]);
        assert_eq!(zoe.time_zone.as_deref(), Some("Europe/London"));

        let jose = &v.rows[1];
        assert_eq!((jose.row, jose.name.as_str()), (3, "Núñez, José"));
        assert_eq!(jose.roles, vec!["mentor", "mentee"]);
        assert_eq!(jose.programme_id, None);
        assert_eq!(jose.time_zone, None);

        let ada = &v.rows[2];
        assert_eq!(
            (ada.row, ada.name.as_str()),
            (4, "Ada \"Countess\" Lovelace")
        );
        assert_eq!(ada.roles, vec![DEFAULT_ROLE]);

        let minh = &v.rows[3];
        assert_eq!((minh.row, minh.name.as_str()), (5, "Nguyễn Thị Minh"));
        assert_eq!(minh.roles, vec!["programme_manager"]);
        assert_eq!(minh.programme_id.as_deref(), Some("p-rust"));
        assert_eq!(minh.memberships, vec![ProgrammeRole::Manager]);
        assert_eq!(zoe.memberships, vec![ProgrammeRole::Mentor]);
        assert!(jose.memberships.is_empty());
        assert_eq!(minh.tags, vec!["AI", "Data"]);

        let taro = &v.rows[4];
        assert_eq!((taro.row, taro.name.as_str()), (6, "山田太郎"));
        assert_eq!(taro.email_key, "taro@example.jp");
        assert_eq!(taro.roles, vec!["mentee"]);
        assert_eq!(taro.time_zone.as_deref(), Some("Asia/Tokyo"));

        let existing = HashSet::from(["taro@example.jp".to_string()]);
        let p = preview(&parsed, &plan(v, &existing, &known()));
        assert_eq!((p.total_rows, p.valid_rows, p.existing_rows), (13, 5, 1));
        assert_eq!(p.errors.len(), 8);
        assert_eq!(
            p.existing,
            vec![RowError {
                row: 6,
                email: "taro@example.jp".into(),
                reason: EXISTING_ACCOUNT.into()
            }]
        );
        assert_eq!(p.sample.len(), 4, "the existing row is not among them");
        assert_eq!(p.sample[0].programme.as_deref(), Some("Women in Tech"));
        assert_eq!(p.columns[1].header, "E-mail");
        assert_eq!(p.columns[1].field, Some(ImportField::Email));
        assert_eq!(p.file_name, "people.csv");
    }

    #[test]
    fn row_numbers_follow_the_spreadsheet_for_every_line_ending() {
        for newline in ["\n", "\r\n", "\r"] {
            let text = [
                "name,email",
                "A,a@example.com",
                "\"Multi",
                "line\",bad",
                "",
                "C,c@example.com",
                "D,also bad",
            ]
            .join(newline);
            let v = run(&text);
            assert_eq!(
                v.errors.iter().map(|e| e.row).collect::<Vec<_>>(),
                vec![3, 6],
                "line ending {newline:?}: {:?}",
                v.errors
            );
            assert_eq!(v.rows.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 5]);
        }
    }

    #[test]
    fn empty_and_header_only_files_have_no_rows() {
        for text in [
            "",
            "\u{FEFF}",
            "  \r\n\r\n",
            "name,email\r\n",
            "name,email\n,\n , \n\n",
        ] {
            assert_eq!(
                file_error("people.csv", text.as_bytes()),
                "The file has no rows to import.",
                "{text:?}"
            );
        }
    }

    #[test]
    fn binary_files_are_not_csv() {
        let expected = "“photo.png” is not a CSV file: save it as CSV (UTF-8) and try again.";
        assert_eq!(
            file_error("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            expected
        );
        assert_eq!(
            file_error("people.csv", b"%PDF-1.7\n%\xe2\xe3"),
            "“people.csv” is not a CSV file: save it as CSV (UTF-8) and try again."
        );
        assert!(
            file_error("people.csv", b"name,email\nA\0B,a@example.com\n")
                .contains("is not a CSV file: save it as CSV (UTF-8)")
        );
        assert!(file_error("people.zip", b"PK\x03\x04\x14\0\0\0notes.txt")
            .contains("is not a CSV file"));
        assert!(file_error("people.txt", b"\xFF\xFEn\0a\0m\0e\0").contains("UTF-16"));
    }

    #[test]
    fn excel_workbooks_get_a_save_as_csv_hint() {
        let xlsx =
            b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml....PK\x03\x04xl/workbook.xml";
        let message = file_error("people.xlsx", xlsx);
        assert!(message.contains("is an Excel workbook"), "{message}");
        assert!(
            message.contains("Save As") && message.contains("CSV UTF-8"),
            "{message}"
        );
        let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert!(file_error("old.xls", &xls).contains("Save As"));
    }

    #[test]
    fn text_in_another_encoding_is_refused_with_its_line() {
        // "José" in Windows-1252 on line 3.
        let bytes = b"name,email\nAda,ada@example.com\nJos\xe9,jose@example.com\n";
        assert_eq!(
            file_error("people.csv", bytes),
            "“people.csv” is not a CSV file: save it as CSV (UTF-8) and try again (line 3 has text in another encoding)."
        );
    }

    #[test]
    fn oversized_files_are_refused_by_their_length_alone() {
        // 100 MB of bytes that would be refused as binary if they were read.
        let huge = vec![0u8; 100 * 1024 * 1024];
        let message = file_error("huge.csv", &huge);
        assert_eq!(
            message,
            "The file is 100.0 MB; the most Mentordesk can import at once is 20 MB. Split it into smaller files."
        );
        assert!(check_size(MAX_IMPORT_BYTES).is_ok());
        assert!(check_size(MAX_IMPORT_BYTES + 1)
            .unwrap_err()
            .message
            .starts_with("The file is 20.1 MB;"));
    }

    #[test]
    fn missing_and_duplicate_columns_are_file_errors() {
        assert!(
            file_error("p.csv", b"Ada,ada@example.com\nB,b@example.com\n")
                .ends_with("The first row must be the header that names the columns.")
        );
        assert_eq!(
            file_error("p.csv", b"name,roles\nA,mentor\n"),
            "The file has no e-mail column: add a column headed “email”."
        );
        assert_eq!(
            file_error("p.csv", b"email,roles\na@example.com,mentor\n"),
            "The file has no name column: add a column headed “name” (or “first name” and “last name”)."
        );
        assert_eq!(
            file_error("p.csv", b"roles\nmentor\n"),
            "The file has no name or e-mail columns: add columns headed “name” (or “first name” and “last name”) and “email”."
        );
        assert_eq!(
            file_error("p.csv", b"name,email,E-Mail Address\nA,a@example.com,b@example.com\n"),
            "Columns 2 (“email”) and 3 (“E-Mail Address”) are both the e-mail column: keep one of them."
        );
        assert_eq!(
            file_error(
                "p.csv",
                b"First Name,Given name,Last Name,Email\nA,B,C,a@example.com\n"
            ),
            "Columns 1 (“First Name”) and 2 (“Given name”) are both the first name column: keep one of them."
        );
    }

    #[test]
    fn columns_mentordesk_does_not_know_are_listed_and_not_imported() {
        // Before: “Column “favourite colour” is not one Mentordesk can import.”
        let parsed = parse_str(
            "name,email,favourite colour,Rolse,Emails\nA,a@example.com,blue,mentor,b@example.com\n",
        );
        let v = validate(&parsed, &known());
        assert!(v.errors.is_empty(), "{:?}", v.errors);
        assert_eq!(v.rows[0].roles, vec![DEFAULT_ROLE], "“Rolse” is not read");
        let fields: Vec<_> = parsed.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec![
                Some(ImportField::Name),
                Some(ImportField::Email),
                None,
                None,
                None
            ]
        );
        assert_eq!(
            parsed.columns[2].note.as_deref(),
            Some("Mentordesk has no field for this column.")
        );
        assert_eq!(
            parsed.columns[3].note.as_deref(),
            Some("Mentordesk has no field for this column. Did you mean “roles”? Rename the column to import it.")
        );
        // The file has an e-mail column, so “Emails” is not suggested as one.
        assert_eq!(
            parsed.columns[4].note.as_deref(),
            Some("Mentordesk has no field for this column.")
        );
        assert_eq!(parsed.columns[1].note, None);
        // A typo is one edit away; “Username” is not a misspelt “surname”.
        for (header, field) in [
            ("Frist name", Some(ImportField::FirstName)),
            ("Surnme", Some(ImportField::LastName)),
            ("Emial", Some(ImportField::Email)),
            ("Programe", Some(ImportField::Programme)),
            ("Username", None),
            ("Employee ID", None),
            ("Department", None),
            ("Team", None),
        ] {
            assert_eq!(near_miss(header), field, "{header}");
        }
    }

    #[test]
    fn columns_without_a_header_are_ignored_only_while_empty() {
        let parsed = parse_str("name,email,,\nA,a@example.com,,\n");
        assert_eq!(parsed.columns[2].field, Some(ImportField::Ignored));
        assert_eq!(parsed.rows.len(), 1);
        assert_eq!(
            file_error("p.csv", b"name,email,\nA,a@example.com,\nB,b@example.com,x\n"),
            "Column 3 has no header but row 3 has a value in it: give the column a header or delete it."
        );
    }

    #[test]
    fn header_aliases_match_in_any_case_and_spacing() {
        let text = "  Full Name ;EMAIL ADDRESS; Role ;PROGRAM;Skills;TZ\n\
                    Ada;ada@example.com;Mentor;women in tech;rust;UTC\n";
        let parsed = parse_str(text);
        let fields: Vec<_> = parsed.columns.iter().map(|c| c.field.unwrap()).collect();
        assert_eq!(
            fields,
            vec![
                ImportField::Name,
                ImportField::Email,
                ImportField::Roles,
                ImportField::Programme,
                ImportField::Tags,
                ImportField::TimeZone
            ]
        );
        assert_eq!(parsed.columns[0].header, "Full Name");
        for (alias, field) in [
            ("display name", ImportField::Name),
            ("E-mail", ImportField::Email),
            ("e_mail address", ImportField::Email),
            ("Interests", ImportField::Tags),
            ("TimeZone", ImportField::TimeZone),
            ("Time   Zone", ImportField::TimeZone),
            ("programme", ImportField::Programme),
            ("Email Address [Required]", ImportField::Email),
            ("Work Email", ImportField::Email),
            ("Time zone (IANA)", ImportField::TimeZone),
            ("E.mail", ImportField::Email),
        ] {
            assert_eq!(field_for_header(alias), Some(field), "{alias}");
        }
        assert_eq!(field_for_header("colour"), None);
        assert_eq!(field_for_header("#"), None, "a header, not a blank one");
        assert_eq!(field_for_header("  "), Some(ImportField::Ignored));
    }

    #[test]
    fn first_and_last_name_headers_match_in_any_spelling() {
        for header in [
            "First Name",
            "first_name",
            "FIRSTNAME",
            "first-name",
            "First.Name",
            "firstName",
            "  first   name ",
            "Given name",
            "given_name",
            "GivenName",
            "Forename",
            "Forenames",
            "First Name [Required]",
            "First name*",
        ] {
            assert_eq!(
                field_for_header(header),
                Some(ImportField::FirstName),
                "{header}"
            );
        }
        for header in [
            "Last Name",
            "last_name",
            "LASTNAME",
            "Surname",
            "SURNAME",
            "Family name",
            "family_name",
            "FamilyName",
            "sn",
        ] {
            assert_eq!(
                field_for_header(header),
                Some(ImportField::LastName),
                "{header}"
            );
        }
        for header in [
            "Name",
            "Full name",
            "full_name",
            "Display Name",
            "displayName",
        ] {
            assert_eq!(
                field_for_header(header),
                Some(ImportField::Name),
                "{header}"
            );
        }
        assert_eq!(field_for_header("Middle name"), None);
        assert_eq!(field_for_header("Preferred name"), None);
    }

    #[test]
    fn first_and_last_name_columns_are_stored_as_written() {
        let parsed = parse_str(concat!(
            "Employee ID,First Name,Last Name,Work Email,Department,Time Zone\r\n",
            "E-1001,Mary Ann,van der Berg,mary@example.com,Finance,Europe/Amsterdam\r\n",
            "E-1002,  José  Luis ,\"García Márquez\",jose@example.com,Sales,\r\n",
            "E-1003,Ada,\"Lovelace, Countess\",ada@example.com,R&D,\r\n",
        ));
        assert_eq!(parsed.name_columns(), NameColumns::FirstAndLast);
        let mapping: Vec<(&str, Option<ImportField>)> = parsed
            .columns
            .iter()
            .map(|c| (c.header.as_str(), c.field))
            .collect();
        assert_eq!(
            mapping,
            vec![
                ("Employee ID", None),
                ("First Name", Some(ImportField::FirstName)),
                ("Last Name", Some(ImportField::LastName)),
                ("Work Email", Some(ImportField::Email)),
                ("Department", None),
                ("Time Zone", Some(ImportField::TimeZone)),
            ]
        );
        let v = validate(&parsed, &known());
        assert!(v.errors.is_empty(), "{:?}", v.errors);
        let names: Vec<(&str, &str, &str)> = v
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.first_name.as_str(), r.last_name.as_str()))
            .collect();
        // Splitting “Mary Ann van der Berg” would give “Mary Ann van der” | “Berg”.
        assert_eq!(
            names,
            vec![
                ("Mary Ann van der Berg", "Mary Ann", "van der Berg"),
                ("José Luis García Márquez", "José Luis", "García Márquez"),
                ("Ada Lovelace, Countess", "Ada", "Lovelace, Countess"),
            ]
        );
        assert_eq!(v.rows[0].time_zone.as_deref(), Some("Europe/Amsterdam"));
        let p = preview(&parsed, &plan(v, &HashSet::new(), &known()));
        assert_eq!(
            (
                p.sample[0].first_name.as_str(),
                p.sample[0].last_name.as_str()
            ),
            ("Mary Ann", "van der Berg")
        );
        assert_eq!(p.columns[1].field, Some(ImportField::FirstName));
        assert_eq!(p.columns[1].note, None);
    }

    #[test]
    fn a_full_name_column_is_split_and_says_so() {
        let parsed = parse_str("Full name,email\n\"Lovelace, Ada\",ada@example.com\n");
        assert_eq!(parsed.name_columns(), NameColumns::Full);
        assert_eq!(parsed.columns[0].note.as_deref(), Some(SPLIT_NOTE));
        let v = validate(&parsed, &known());
        let row = &v.rows[0];
        assert_eq!(
            (
                row.name.as_str(),
                row.first_name.as_str(),
                row.last_name.as_str()
            ),
            ("Lovelace, Ada", "Ada", "Lovelace")
        );
        let p = preview(&parsed, &plan(v, &HashSet::new(), &known()));
        assert_eq!(
            (
                p.sample[0].first_name.as_str(),
                p.sample[0].last_name.as_str()
            ),
            ("Ada", "Lovelace")
        );
    }

    #[test]
    fn first_and_last_name_columns_win_over_a_full_name_column() {
        let parsed = parse_str(concat!(
            "Display name,Email,First name,Last name\n",
            "\"Ada Lovelace (Contractor)\",ada@example.com,Ada,Lovelace\n",
            "Room 4,room4@example.com,,\n",
        ));
        assert_eq!(parsed.name_columns(), NameColumns::FirstAndLast);
        assert_eq!(parsed.columns[0].field, None);
        assert_eq!(
            parsed.columns[0].note.as_deref(),
            Some("The names come from the “First name” and “Last name” columns.")
        );
        let v = validate(&parsed, &known());
        assert_eq!(
            (v.rows[0].first_name.as_str(), v.rows[0].last_name.as_str()),
            ("Ada", "Lovelace")
        );
        assert_eq!(v.rows[0].name, "Ada Lovelace");
        assert_eq!(
            reasons(&v),
            vec![(3, "The first name and last name are missing.")]
        );

        // Two full-name columns beside first and last name columns are both unused.
        let parsed =
            parse_str("name,display name,first name,surname,email\nA B,A B,A,B,a@example.com\n");
        assert_eq!(parsed.columns[0].field, None);
        assert_eq!(parsed.columns[1].field, None);

        // A first name column alone beside a full-name column: the full name is used.
        let parsed = parse_str("Name,Given name,Email\nAda Lovelace,Ada,ada@example.com\n");
        assert_eq!(parsed.name_columns(), NameColumns::Full);
        assert_eq!(parsed.columns[1].field, None);
        assert_eq!(
            parsed.columns[1].note.as_deref(),
            Some("The names come from the “Name” column (a first name column is used only together with a last name column).")
        );
        let v = validate(&parsed, &known());
        assert_eq!(
            (v.rows[0].first_name.as_str(), v.rows[0].last_name.as_str()),
            ("Ada", "Lovelace")
        );
    }

    #[test]
    fn a_first_name_column_without_a_last_name_column_is_a_file_error() {
        assert_eq!(
            file_error("p.csv", b"First Name,Email\nAda,ada@example.com\n"),
            "The file has a first name column (“First Name”) but no last name column: add a column headed “last name”, or put the whole name in one column headed “name”."
        );
        assert_eq!(
            file_error("p.csv", b"Surname,Email\nLovelace,ada@example.com\n"),
            "The file has a last name column (“Surname”) but no first name column: add a column headed “first name”, or put the whole name in one column headed “name”."
        );
        assert_eq!(
            file_error("p.csv", b"Forename,roles\nAda,mentor\n"),
            "The file has a first name column (“Forename”) but no last name column: add a column headed “last name”, or put the whole name in one column headed “name”. The file has no e-mail column: add a column headed “email”."
        );
    }

    #[test]
    fn missing_or_long_first_and_last_names_are_errors_on_their_column() {
        let long = "N".repeat(101);
        let v = run(&format!(
            concat!(
                "first_name,last_name,email\n",
                "Ada,Lovelace,ada@example.com\n",   // 2
                ",Hopper,grace@example.com\n",      // 3
                "Alan,  ,alan@example.com\n",       // 4
                ",,nobody@example.com\n",           // 5
                "{long},Short,long1@example.com\n", // 6
                "Short,{long},long2@example.com\n", // 7
                "Katherine,Johnson,\n",             // 8
            ),
            long = long
        ));
        assert_eq!(
            reasons(&v),
            vec![
                (3, "The first name is missing."),
                (4, "The last name is missing."),
                (5, "The first name and last name are missing."),
                (6, "First name: use at most 100 characters (this has 101)."),
                (7, "Last name: use at most 100 characters (this has 101)."),
                (8, "The e-mail address is missing."),
            ]
        );
        assert_eq!(v.errors[0].email, "grace@example.com");
        assert_eq!(v.rows.len(), 1);
        // 100 characters each: a profile takes them.
        let ok = "N".repeat(100);
        let v = run(&format!(
            "first name,last name,email\n{ok},{ok},n@example.com\n"
        ));
        assert!(v.errors.is_empty(), "{:?}", v.errors);
    }

    #[test]
    fn semicolon_and_tab_files_are_read() {
        let v =
            run("name;email;roles;tags\n\"Núñez; José\";jose@example.com;mentor,mentee;\"a;b\"\n");
        assert!(v.errors.is_empty(), "{:?}", v.errors);
        assert_eq!(v.rows[0].name, "Núñez; José");
        assert_eq!(v.rows[0].roles, vec!["mentor", "mentee"]);
        assert_eq!(v.rows[0].tags, vec!["a", "b"]);

        let v = run("name\temail\tprogramme\nAda, Countess\tada@example.com\tWomen in Tech\n");
        assert!(v.errors.is_empty(), "{:?}", v.errors);
        assert_eq!(v.rows[0].name, "Ada, Countess");
        assert_eq!(sniff_delimiter("\"a;b;c\",d\n"), b',');
    }

    #[test]
    fn later_rows_with_the_same_email_in_any_case_are_duplicates() {
        let v = run(
            "name,email\nA,a@example.com\nB,b@example.com\nA2, A@Example.COM \nA3,a@example.com\n",
        );
        assert_eq!(
            reasons(&v),
            vec![(4, "Same e-mail as row 2."), (5, "Same e-mail as row 2.")]
        );
        assert_eq!(v.errors[0].email, "A@Example.COM");
        assert_eq!(v.rows.len(), 2);
    }

    #[test]
    fn a_row_with_another_problem_still_claims_its_email() {
        let v = run("name,email,roles\nA,a@example.com,wizard\nB,a@example.com,mentor\n");
        assert_eq!(v.errors.len(), 2);
        assert_eq!(v.errors[1].reason, "Same e-mail as row 2.");
    }

    #[test]
    fn roles_are_split_matched_by_key_or_name_and_deduplicated() {
        let v = run(concat!(
            "name,email,roles\n",
            "A,a@example.com,\"Mentor, mentee\"\n",
            "B,b@example.com,mentor|MENTOR | programme   manager\n",
            "C,c@example.com,manager;mentee\n",
            "D,d@example.com, ; \n",
            "E,e@example.com,\"mentor,,\"\n",
        ));
        assert!(v.errors.is_empty(), "{:?}", v.errors);
        let roles: Vec<Vec<String>> = v.rows.iter().map(|r| r.roles.clone()).collect();
        assert_eq!(
            roles,
            vec![
                vec!["mentor".to_string(), "mentee".into()],
                vec!["mentor".into(), "programme_manager".into()],
                vec!["programme_manager".into(), "mentee".into()],
                vec!["mentee".into()],
                vec!["mentor".into()],
            ]
        );
        let v = validate(
            &parse_str("name,email,roles\nA,a@example.com,mentor\n"),
            &Known::default(),
        );
        assert_eq!(
            v.errors[0].reason,
            "Unknown role “mentor”: no roles can be given by import."
        );
    }

    #[test]
    fn long_values_are_reported_without_flooding_the_message() {
        let name = "N".repeat(101);
        let v = run(&format!("name,email,roles\n{name},n@example.com,\n"));
        assert_eq!(
            v.errors[0].reason,
            "Name: use at most 100 characters (this has 101)."
        );
        let v = run(&format!(
            "name,email,roles\nA,a@example.com,{}\n",
            "r".repeat(1000)
        ));
        assert!(v.errors[0].reason.len() < 200, "{}", v.errors[0].reason);
        assert!(v.errors[0].reason.contains('…'));
    }

    #[test]
    fn an_unclosed_quote_is_reported_on_its_row() {
        let v = run("name,email,roles\nA,a@example.com,mentor\nB,b@example.com,\"mentor\nC,c@example.com,mentee\n");
        assert_eq!(v.rows.len(), 1);
        assert_eq!(v.errors.len(), 1);
        assert_eq!(v.errors[0].row, 3);
        assert!(v.errors[0]
            .reason
            .starts_with("A quote in this row is never closed"));
    }

    #[test]
    fn too_many_rows_are_refused() {
        let mut text = String::from("name,email\n");
        for i in 0..=MAX_IMPORT_ROWS {
            text.push_str(&format!("P,p{i}@example.com\n"));
        }
        assert_eq!(
            file_error("big.csv", text.as_bytes()),
            "The file has more than 100,000 rows. Split it into files of at most 100,000 rows each."
        );
    }

    #[test]
    fn errors_csv_quotes_neutralises_formulas_and_round_trips() {
        let errors = vec![
            RowError {
                row: 2,
                email: "plain@example.com".into(),
                reason: "Unknown role “sorcerer”. Known roles: manager, mentee, mentor.".into(),
            },
            RowError {
                row: 3,
                email: "say \"hi\", José".into(),
                reason: "two\nlines".into(),
            },
            RowError {
                row: 40,
                email: "=HYPERLINK(\"http://evil\")".into(),
                reason: "山田太郎".into(),
            },
            RowError {
                row: 41,
                email: String::new(),
                reason: " padded ".into(),
            },
        ];
        let csv = errors_csv(&errors);
        assert!(csv.starts_with("\u{FEFF}row,email,reason\r\n2,plain@example.com,\"Unknown role “sorcerer”. Known roles: manager, mentee, mentor.\"\r\n"), "{csv}");
        assert!(
            csv.contains("\r\n3,\"say \"\"hi\"\", José\",\"two\nlines\"\r\n"),
            "{csv}"
        );
        assert!(
            csv.contains("\r\n40,\"'=HYPERLINK(\"\"http://evil\"\")\",山田太郎\r\n"),
            "{csv}"
        );
        assert!(csv.ends_with("\r\n41,,\" padded \"\r\n"), "{csv}");

        let text = csv.strip_prefix('\u{FEFF}').unwrap();
        assert_eq!(sniff_delimiter(text), b',');
        let mut reader = csv_reader(text, b',');
        let read: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(read[0], vec!["row", "email", "reason"]);
        assert_eq!(read.len(), errors.len() + 1);
        for (error, cells) in errors.iter().zip(&read[1..]) {
            assert_eq!(cells[0], error.row.to_string());
            let email = if error.email.starts_with('=') {
                format!("'{}", error.email)
            } else {
                error.email.clone()
            };
            assert_eq!(cells[1], email);
            assert_eq!(cells[2], error.reason);
        }
        assert_eq!(errors_csv(&[]), "\u{FEFF}row,email,reason\r\n");
    }

    #[test]
    fn names_split_into_first_and_last_sensibly_in_any_script() {
        for (name, first, last) in [
            ("Ada Lovelace", "Ada", "Lovelace"),
            ("  Ada   King \n Lovelace ", "Ada King", "Lovelace"),
            ("Ludwig van Beethoven", "Ludwig van", "Beethoven"),
            ("Madonna", "Madonna", ""),
            ("山田太郎", "山田太郎", ""),
            ("Zoë Ångström", "Zoë", "Ångström"),
            ("Nguyễn Thị Minh", "Nguyễn Thị", "Minh"),
            ("Ольга Петрова", "Ольга", "Петрова"),
            ("Núñez, José", "José", "Núñez"),
            ("Lovelace , Ada King", "Ada King", "Lovelace"),
            ("Martin Luther King, Jr.", "Martin Luther", "King, Jr."),
            ("Person 7, JR", "Person", "7, JR"),
            ("Prince, Jr", "Prince", "Jr"),
            ("a, b, c", "a, b,", "c"),
            (",Ada", ",Ada", ""),
            ("Ada \"Countess\" Lovelace", "Ada \"Countess\"", "Lovelace"),
        ] {
            assert_eq!(
                split_name(name),
                (first.to_string(), last.to_string()),
                "{name:?}"
            );
        }
    }

    #[test]
    fn programme_roles_follow_workspace_roles() {
        let of =
            |roles: &[&str]| memberships(&roles.iter().map(|r| r.to_string()).collect::<Vec<_>>());
        use ProgrammeRole::*;
        assert_eq!(of(&["mentee"]), vec![Mentee]);
        assert_eq!(of(&["mentor"]), vec![Mentor]);
        assert_eq!(of(&["mentor", "mentee"]), vec![Mentor]);
        assert_eq!(of(&["programme_manager"]), vec![Manager]);
        assert_eq!(of(&["programme_manager", "mentee"]), vec![Manager, Mentee]);
        assert_eq!(of(&["new_parent", "mentee"]), vec![Mentee]);
        assert!(of(&["new_parent"]).is_empty());
        assert!(of(&["custom_x_123456"]).is_empty());

        let known = Known::new(
            [("mentee", "Mentee"), ("new_parent", "New parent")],
            [("p-women", "Women in Tech")],
        );
        let v = validate(
            &parse_str("name,email,roles,programme\nA,a@example.com,new parent,Women in Tech\nB,b@example.com,new parent;mentee,women in tech\n"),
            &known,
        );
        assert_eq!(
            reasons(&v),
            vec![(2, "To join “Women in Tech” the person needs the mentee, mentor or programme manager role: add one of them to the roles.")]
        );
        assert_eq!(v.rows[0].memberships, vec![ProgrammeRole::Mentee]);
    }

    fn workspace_known() -> Known {
        let admin = builtin_grants(BuiltinRole::Admin);
        let mentee = builtin_grants(BuiltinRole::Mentee);
        let mentor = builtin_grants(BuiltinRole::Mentor);
        let manager = builtin_grants(BuiltinRole::ProgrammeManager);
        Known::for_workspace(
            &[
                WorkspaceRole {
                    key: "admin",
                    name: "Administrator",
                    permissions: admin,
                },
                WorkspaceRole {
                    key: "programme_manager",
                    name: "Programme manager",
                    permissions: manager,
                },
                WorkspaceRole {
                    key: "mentor",
                    name: "Mentor",
                    permissions: mentor,
                },
                WorkspaceRole {
                    key: "mentee",
                    name: "Mentee",
                    permissions: mentee,
                },
                WorkspaceRole {
                    key: "custom_buddy_1a2b3c",
                    name: "Buddy",
                    permissions: &[Permission::ProfileEditOwn, Permission::PeopleFind],
                },
                WorkspaceRole {
                    key: "custom_auditor_4d5e6f",
                    name: "Auditor",
                    permissions: &[Permission::AuditView],
                },
            ],
            &[
                WorkspaceProgramme {
                    id: "p-open",
                    name: "Women in Tech",
                    archived: false,
                    max_mentees: None,
                    mentees: 40,
                },
                WorkspaceProgramme {
                    id: "p-small",
                    name: "Small Circle",
                    archived: false,
                    max_mentees: Some(3),
                    mentees: 1,
                },
                WorkspaceProgramme {
                    id: "p-old",
                    name: "Pilot 2024",
                    archived: true,
                    max_mentees: None,
                    mentees: 0,
                },
            ],
        )
    }

    #[test]
    fn imports_never_grant_administration() {
        assert!(!importable_role("admin", &[]));
        assert!(!importable_role("custom_x", &[Permission::UsersManage]));
        assert!(!importable_role("custom_x", &[Permission::RolesManage]));
        assert!(importable_role("custom_x", &[]));
        for role in BuiltinRole::ALL {
            assert_eq!(
                importable_role(role.key(), builtin_grants(role)),
                role != BuiltinRole::Admin,
                "{role:?}"
            );
        }

        let known = workspace_known();
        let v = validate(
            &parse_str(concat!(
                "name,email,roles\n",
                "A,a@example.com,Administrator\n",
                "B,b@example.com,admin\n",
                "C,c@example.com,auditor\n",
                "D,d@example.com,Buddy;manager\n",
                "E,e@example.com,wizard\n",
            )),
            &known,
        );
        assert_eq!(
            reasons(&v),
            vec![
                (2, "The “Administrator” role cannot be given by import: import the person without it, then give it under Users."),
                (3, "The “Administrator” role cannot be given by import: import the person without it, then give it under Users."),
                (4, "The “Auditor” role cannot be given by import: import the person without it, then give it under Users."),
                (6, "Unknown role “wizard”. Known roles: Buddy, Mentee, Mentor, Programme manager."),
            ]
        );
        assert_eq!(
            v.rows[0].roles,
            vec!["custom_buddy_1a2b3c", "programme_manager"]
        );
    }

    #[test]
    fn archived_programmes_take_nobody_and_full_ones_no_more_mentees() {
        let known = workspace_known();
        let v = validate(
            &parse_str(concat!(
                "name,email,roles,programme\n",
                "A,a@example.com,,Pilot 2024\n",         // 2 archived
                "B,b@example.com,,small circle\n",       // 3 mentee: place 2 of 3
                "C,c@example.com,mentor,Small Circle\n", // 4 mentors take no place
                "D,d@example.com,,Small Circle\n",       // 5 existing: takes no place
                "E,e@example.com,,Small Circle\n",       // 6 place 3 of 3
                "F,f@example.com,,Small Circle\n",       // 7 full
                "G,g@example.com,manager,Small Circle\n", // 8 managers take no place
                "H,h@example.com,,Women in Tech\n",      // 9 no limit
                "I,i@example.com,manager;mentee,Small Circle\n", // 10 full
            )),
            &known,
        );
        assert_eq!(
            reasons(&v),
            vec![(
                2,
                "The programme “Pilot 2024” is archived: nobody can join it any more."
            )]
        );
        let existing = HashSet::from(["d@example.com".to_string()]);
        let plan = plan(v, &existing, &known);
        let created: Vec<u32> = plan.create.iter().map(|r| r.row).collect();
        assert_eq!(created, vec![3, 4, 6, 8, 9]);
        assert_eq!(plan.existing.len(), 1);
        assert_eq!(plan.existing[0].row, 5);
        let errors: Vec<(u32, &str)> = plan
            .errors
            .iter()
            .map(|e| (e.row, e.reason.as_str()))
            .collect();
        assert_eq!(
            errors,
            vec![
                (
                    2,
                    "The programme “Pilot 2024” is archived: nobody can join it any more."
                ),
                (
                    7,
                    "The programme “Small Circle” is full: it takes 3 mentees."
                ),
                (
                    10,
                    "The programme “Small Circle” is full: it takes 3 mentees."
                ),
            ]
        );
        assert_eq!(plan.valid_rows(), 6);
    }

    #[test]
    fn codes_file_has_a_bom_a_header_and_one_guarded_line_per_account() {
        let csv = codes_csv(&[
            CodeLine {
                name: "Zoë Ångström",
                email: "zoe@example.com",
                code: "AB0C-1DEF-GH23",
            },
            CodeLine {
                name: "Núñez, José",
                email: "jose@example.com",
                code: "ZZZZ-0000-1111",
            },
            CodeLine {
                name: "=cmd|' /C calc'!A0",
                email: "x@example.com",
                code: "QQQQ-RRRR-SSSS",
            },
        ]);
        assert_eq!(
            csv,
            "\u{FEFF}name,email,code\r\n\
             Zoë Ångström,zoe@example.com,AB0C-1DEF-GH23\r\n\
             \"Núñez, José\",jose@example.com,ZZZZ-0000-1111\r\n\
             '=cmd|' /C calc'!A0,x@example.com,QQQQ-RRRR-SSSS\r\n"
        );
        assert_eq!(codes_csv(&[]), "\u{FEFF}name,email,code\r\n");
    }

    #[test]
    fn saved_file_names_come_from_the_upload_and_are_safe_everywhere() {
        assert_eq!(
            codes_file_name("people.csv"),
            "people — set-password codes.csv"
        );
        assert_eq!(errors_file_name("people.csv"), "people — errors.csv");
        assert_eq!(
            codes_file_name("Staff 2026.v2.csv"),
            "Staff 2026.v2 — set-password codes.csv"
        );
        assert_eq!(
            codes_file_name("C:\\Users\\ana\\Équipe.csv"),
            "Équipe — set-password codes.csv"
        );
        assert_eq!(
            codes_file_name("/home/ana/new:hires?.csv"),
            "new_hires_ — set-password codes.csv"
        );
        assert_eq!(errors_file_name(""), "import — errors.csv");
        assert_eq!(errors_file_name("..."), "import — errors.csv");
        assert_eq!(errors_file_name(".csv"), "csv — errors.csv");
        assert_eq!(errors_file_name("noextension"), "noextension — errors.csv");
        assert_eq!(clean_file_name("a/b/people.csv"), "people.csv");
        assert_eq!(clean_file_name("  \u{7}"), "import.csv");
        assert_eq!(clean_file_name(&"x".repeat(500)).chars().count(), 200);
        assert!(codes_file_name(&"é".repeat(500)).chars().count() < 130);
    }

    #[test]
    fn the_content_digest_is_sha256_in_hex() {
        assert_eq!(
            content_digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(content_digest(b"").len(), 64);
    }

    fn generated(rows: usize) -> String {
        let mut text = String::from("name,email,roles,programme,tags,time zone\r\n");
        for i in 0..rows {
            text.push_str(&format!(
                "\"Person {i}, Jr.\",person.{i}@example.com,\"mentor;mentee\",Women in Tech,\"rust, go\",Europe/London\r\n"
            ));
        }
        text
    }

    #[test]
    fn a_large_file_is_read_completely() {
        let text = generated(2_000);
        let v = run(&text);
        assert!(v.errors.is_empty());
        assert_eq!(v.rows.len(), 2_000);
        assert_eq!(v.rows[1_999].row, 2_001);
    }

    /// `cargo test -p mentordesk-core --release imports::tests::speed -- --ignored --nocapture`
    #[test]
    #[ignore = "a timing figure, not a check"]
    fn speed() {
        let rows = 50_000;
        let text = generated(rows);
        let known = known();
        let started = std::time::Instant::now();
        let parsed = parse("speed.csv", text.as_bytes()).unwrap();
        let parsed_at = started.elapsed();
        let v = validate(&parsed, &known);
        let total = started.elapsed();
        assert_eq!(v.rows.len(), rows);
        println!(
            "{rows} rows, {:.1} MB: parse {parsed_at:?}, validate {:?}, total {total:?} ({:.0} rows/s)",
            text.len() as f64 / 1_048_576.0,
            total - parsed_at,
            rows as f64 / total.as_secs_f64()
        );
    }
}
