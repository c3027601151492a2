//! The rules of the admin's bulk import of people from a CSV file (seed 002 BulkUploads).
//!
//! [`parse`] turns the file into rows and refuses files it cannot read (every such
//! error is on the field `file`); [`validate`] checks each row with the same rules
//! as sign-up and says, per row, the first thing wrong with it; [`preview`] is what
//! the admin confirms; [`errors_csv`] is the list of rejected rows to download.
//! Whether an account already exists is the database's business, not this module's.
//!
//! Row numbers are a spreadsheet's: the header is row 1, the first data row is row 2.
//! A quoted cell with a line break in it is still one row; a blank line takes up a row
//! number (as in a spreadsheet or a text editor) but is not counted or reported. A row
//! whose number of cells differs from the header's is a *row* error, so the rest of
//! the file can still be imported.

use crate::programmes::name_key;
use crate::validate::{self, Email};
use mentordesk_shared::imports::{
    ColumnMapping, ImportField, ImportPreview, ImportRowView, RowError,
};
use mentordesk_shared::ApiError;
use std::collections::hash_map::Entry;
use std::collections::HashMap;

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
    /// `"mentor"→"mentor"`, `"programme manager"→"manager"`. Only roles an import may
    /// grant belong here.
    pub roles: HashMap<String, String>,
    /// [`name_key`] of a programme's name → the programme's id.
    pub programmes: HashMap<String, String>,
}

impl Known {
    /// Builds the lookups from `(role key, role name)` and `(programme id, programme name)` pairs.
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
            let key = key.as_ref();
            known.roles.insert(name_key(key), key.to_string());
            known.roles.insert(name_key(name.as_ref()), key.to_string());
        }
        for (id, name) in programmes {
            known
                .programmes
                .insert(name_key(name.as_ref()), id.as_ref().to_string());
        }
        known
    }
}

/// A row that passed every check, normalised, ready to be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRow {
    pub row: u32,
    /// Trimmed, runs of whitespace (line breaks too) made one space.
    pub name: String,
    pub email: Email,
    /// `email.key()`: the case-folded address that must be unique.
    pub email_key: String,
    /// Role keys, each once, in the order written; `["mentee"]` when the cell is empty.
    pub roles: Vec<String>,
    pub programme_id: Option<String>,
    /// The programme as written in the file (whitespace tidied).
    pub programme_name: Option<String>,
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

/// Lower case, `_` and `-` as spaces, runs of whitespace as one space.
fn header_key(header: &str) -> String {
    header
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The field a header names (aliases, any case); `Ignored` for an empty header.
pub fn field_for_header(header: &str) -> Option<ImportField> {
    let key = header_key(header);
    if key.is_empty() {
        return Some(ImportField::Ignored);
    }
    ImportField::IMPORTED
        .into_iter()
        .find(|field| field.aliases().iter().any(|alias| header_key(alias) == key))
}

fn known_columns() -> String {
    ImportField::IMPORTED.map(|f| f.header()).join(", ")
}

fn map_columns(header: &csv::StringRecord) -> Result<Vec<ColumnMapping>, ApiError> {
    let columns: Vec<ColumnMapping> = header
        .iter()
        .enumerate()
        .map(|(index, raw)| {
            let header = raw.trim().to_string();
            ColumnMapping {
                index: index as u32,
                field: field_for_header(&header),
                header,
            }
        })
        .collect();

    let unknown: Vec<&str> = columns
        .iter()
        .filter(|c| c.field.is_none())
        .map(|c| c.header.as_str())
        .collect();
    if !unknown.is_empty() {
        let named = unknown
            .iter()
            .map(|h| format!("“{}”", shorten(h)))
            .collect::<Vec<_>>()
            .join(", ");
        let mut message = if unknown.len() == 1 {
            format!("Column {named} is not one Mentordesk can import.")
        } else {
            format!("Columns {named} are not ones Mentordesk can import.")
        };
        message.push_str(&format!(" Known columns: {}.", known_columns()));
        if unknown.iter().any(|h| h.contains('@')) {
            message.push_str(" The first row must be the header that names the columns.");
        }
        return Err(ApiError::field(FILE, message));
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
                    column.header,
                    other.index + 1,
                    other.header,
                    field.label().to_lowercase()
                ),
            ));
        }
    }

    let missing: Vec<ImportField> = ImportField::REQUIRED
        .into_iter()
        .filter(|f| !columns.iter().any(|c| c.field == Some(*f)))
        .collect();
    match missing.as_slice() {
        [] => Ok(columns),
        [one] => Err(ApiError::field(
            FILE,
            format!(
                "The file has no {} column: add a column headed “{}”.",
                one.label().to_lowercase(),
                one.header()
            ),
        )),
        several => Err(ApiError::field(
            FILE,
            format!(
                "The file has no {} columns: add columns headed {}.",
                several
                    .iter()
                    .map(|f| f.label().to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" or "),
                several
                    .iter()
                    .map(|f| format!("“{}”", f.header()))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        )),
    }
}

/// Checks every row; the first problem of a row is its error.
pub fn validate(parsed: &ParsedImport, known: &Known) -> Validated {
    let mut role_keys: Vec<&str> = known.roles.values().map(String::as_str).collect();
    role_keys.sort_unstable();
    role_keys.dedup();
    let role_list = role_keys.join(", ");

    let mut first_row_of: HashMap<String, u32> = HashMap::with_capacity(parsed.rows.len());
    let mut rows = Vec::with_capacity(parsed.rows.len());
    let mut errors = parsed.errors.clone();
    for raw in &parsed.rows {
        match check_row(raw, known, &role_list, &mut first_row_of) {
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

fn check_row(
    raw: &RawRow,
    known: &Known,
    role_list: &str,
    first_row_of: &mut HashMap<String, u32>,
) -> Result<ValidRow, String> {
    let name = tidy(raw.cell(ImportField::Name));
    if name.is_empty() {
        return Err("The name is missing.".into());
    }
    let name = validate::person_name(&name, "name").map_err(|m| about("Name", &m))?;

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
                if role_list.is_empty() {
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
    let (programme_id, programme_name) = if programme_cell.is_empty() {
        (None, None)
    } else {
        let key = name_key(programme_cell);
        let id = known.programmes.get(&key).ok_or_else(|| {
            format!(
                "Unknown programme “{}”: check its name, or create the programme first.",
                shorten(&tidy(programme_cell))
            )
        })?;
        (Some(id.clone()), Some(tidy(programme_cell)))
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
        email,
        email_key,
        roles,
        programme_id,
        programme_name,
        tags,
        time_zone,
    })
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

/// What the admin confirms: columns, counts, every row error and the first valid rows.
pub fn preview(parsed: &ParsedImport, validated: &Validated) -> ImportPreview {
    ImportPreview {
        file_name: parsed.file_name.clone(),
        columns: parsed.columns.clone(),
        total_rows: parsed.total_rows(),
        valid_rows: validated.rows.len() as u32,
        errors: validated.errors.clone(),
        sample: validated
            .rows
            .iter()
            .take(SAMPLE_ROWS)
            .map(|r| ImportRowView {
                row: r.row,
                name: r.name.clone(),
                email: r.email.as_str().to_string(),
                roles: r.roles.clone(),
                programme: r.programme_name.clone(),
                tags: r.tags.clone(),
            })
            .collect(),
    }
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
                ("manager", "Programme manager"),
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
            "Unknown role “sorcerer”. Known roles: manager, mentee, mentor."
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
        assert_eq!(minh.roles, vec!["manager"]);
        assert_eq!(minh.programme_id.as_deref(), Some("p-rust"));
        assert_eq!(minh.tags, vec!["AI", "Data"]);

        let taro = &v.rows[4];
        assert_eq!((taro.row, taro.name.as_str()), (6, "山田太郎"));
        assert_eq!(taro.email_key, "taro@example.jp");
        assert_eq!(taro.roles, vec!["mentee"]);
        assert_eq!(taro.time_zone.as_deref(), Some("Asia/Tokyo"));

        let p = preview(&parsed, &v);
        assert_eq!((p.total_rows, p.valid_rows), (13, 5));
        assert_eq!(p.errors.len(), 8);
        assert_eq!(p.sample.len(), SAMPLE_ROWS);
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
    fn unknown_missing_and_duplicate_columns_are_file_errors() {
        assert_eq!(
            file_error("p.csv", b"name,email,favourite colour\nA,a@example.com,blue\n"),
            "Column “favourite colour” is not one Mentordesk can import. Known columns: name, email, roles, programme, tags, time zone."
        );
        assert!(
            file_error("p.csv", b"name,email,shoe,hat\nA,a@example.com,1,2\n")
                .starts_with("Columns “shoe”, “hat” are not ones")
        );
        assert!(
            file_error("p.csv", b"Ada,ada@example.com\nB,b@example.com\n")
                .ends_with("The first row must be the header that names the columns.")
        );
        assert_eq!(
            file_error("p.csv", b"name,roles\nA,mentor\n"),
            "The file has no e-mail column: add a column headed “email”."
        );
        assert_eq!(
            file_error("p.csv", b"roles\nmentor\n"),
            "The file has no name or e-mail columns: add columns headed “name” and “email”."
        );
        assert_eq!(
            file_error("p.csv", b"name,email,E-Mail Address\nA,a@example.com,b@example.com\n"),
            "Columns 2 (“email”) and 3 (“E-Mail Address”) are both the e-mail column: keep one of them."
        );
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
        assert_eq!(fields, ImportField::IMPORTED.to_vec());
        assert_eq!(parsed.columns[0].header, "Full Name");
        for (alias, field) in [
            ("display name", ImportField::Name),
            ("E-mail", ImportField::Email),
            ("e_mail address", ImportField::Email),
            ("Interests", ImportField::Tags),
            ("TimeZone", ImportField::TimeZone),
            ("Time   Zone", ImportField::TimeZone),
            ("programme", ImportField::Programme),
        ] {
            assert_eq!(field_for_header(alias), Some(field), "{alias}");
        }
        assert_eq!(field_for_header("colour"), None);
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
                vec!["mentor".into(), "manager".into()],
                vec!["manager".into(), "mentee".into()],
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
