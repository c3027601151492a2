//! Input rules, as parsers: once a value is parsed it is valid by construction.
//!
//! Parsers return `Result<T, String>` with a message meant for the person at the
//! keyboard; [`FieldErrors`] attaches it to the field it belongs to.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::profiles::ProfileFields;
use mentordesk_shared::ApiError;
use std::str::FromStr;

/// How many lines a text may have: single-line texts (names, titles, tags, e-mail
/// addresses, searches) refuse every control character, line breaks included; multi-line
/// texts (bodies, notes, descriptions, bios, agendas) allow line feeds and tabs and no
/// other control character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    Single,
    Multi,
}

/// What the person reads when a text holds control characters.
pub const CONTROL_CHARACTERS: &str = "Remove the invisible control characters from this text.";
/// What the person reads when a single-line text holds a line break or a tab.
pub const ONE_LINE: &str = "Keep this to one line: remove the line breaks and tabs.";

/// Whether `c` may appear in a text of `lines`. Control characters (Unicode's `Cc`:
/// U+0000–U+001F and U+007F–U+009F) are refused, except line feed and tab in multi-line
/// texts; single-line texts also refuse the Unicode line and paragraph separators. A NUL
/// would otherwise end the text early for SQLite's `length()` and the table's CHECK, and
/// the others are invisible, reorder a terminal or break a line where none is shown.
pub fn allowed_char(c: char, lines: Lines) -> bool {
    match lines {
        Lines::Multi => !c.is_control() || c == '\n' || c == '\t',
        Lines::Single => !c.is_control() && c != '\u{2028}' && c != '\u{2029}',
    }
}

/// The one rule for characters in every text a request brings (see [`allowed_char`]),
/// with the message for the field.
pub fn check_characters(value: &str, lines: Lines) -> Result<(), String> {
    match value.chars().find(|&c| !allowed_char(c, lines)) {
        None => Ok(()),
        Some(_)
            if lines == Lines::Single
                && value
                    .chars()
                    .all(|c| allowed_char(c, Lines::Multi) || c == '\r') =>
        {
            Err(ONE_LINE.into())
        }
        Some(_) => Err(CONTROL_CHARACTERS.into()),
    }
}

pub const BIO_MAX: usize = 1000;
/// The longest text a search or list filter takes (directory, people, users, audit log,
/// messages, groups, programmes).
pub const SEARCH_MAX: usize = 200;
/// The dates a request may name: years [`EARLIEST_YEAR`] to [`LATEST_YEAR`]. Wider than any
/// real programme, session or certificate, and far inside what the date arithmetic
/// handles (chrono stops at ±262,143), so no request can make it overflow.
pub const EARLIEST_YEAR: i32 = 1900;
pub const LATEST_YEAR: i32 = 2200;
pub const TAGS_MAX: usize = 10;
pub const TAG_MAX_CHARS: usize = 40;
pub const PASSWORD_MIN: usize = 8;
/// ASVS asks that at least 64 characters be allowed; long passphrases are welcome.
pub const PASSWORD_MAX: usize = 128;

/// An e-mail address; `key()` is the case-folded form that must be unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    display: String,
    key: String,
}

impl Email {
    pub fn parse(input: &str) -> Result<Email, String> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err("Enter your e-mail address.".into());
        }
        if trimmed.chars().count() > 254 {
            return Err("An e-mail address can have at most 254 characters.".into());
        }
        check_characters(trimmed, Lines::Single)?;
        let invalid = || format!("“{trimmed}” is not a valid e-mail address.");
        let parsed = email_address::EmailAddress::from_str(trimmed).map_err(|_| invalid())?;
        // The crate accepts display-name forms and dotless domains; an account needs a plain, routable address.
        let domain = parsed.domain();
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.starts_with('[')
            && domain
                .split('.')
                .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
        if parsed.as_str() != trimmed || !domain_ok || trimmed.contains(char::is_whitespace) {
            return Err(invalid());
        }
        Ok(Email {
            display: trimmed.to_string(),
            key: trimmed.to_lowercase(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.display
    }

    /// The case-insensitive identity of the address.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// A password that a user chooses now: ASVS 5 length rules and the common-password list.
/// Never trimmed or otherwise altered; no composition rules.
///
/// Passwords are not texts that are stored or shown (only their argon2 hash is), so the
/// text rules do not apply, with one exception: a new password may not contain control
/// characters (a pasted line break, tab or NUL), which nobody could type again to sign
/// in. Passwords typed to sign in or to confirm the current one are compared as they
/// are, whatever they contain.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

impl NewPassword {
    pub fn parse(input: &str) -> Result<NewPassword, String> {
        let length = input.chars().count();
        if length < PASSWORD_MIN {
            return Err(format!(
                "Use at least {PASSWORD_MIN} characters ({length} so far)."
            ));
        }
        if length > PASSWORD_MAX {
            return Err(format!("Use at most {PASSWORD_MAX} characters."));
        }
        if input.chars().any(char::is_control) {
            return Err(
                "Remove the invisible control characters (line breaks, tabs) from the password."
                    .into(),
            );
        }
        if crate::passwords::is_common(input) {
            return Err(
                "This password is one of the most common ones and easy to guess. Choose another."
                    .into(),
            );
        }
        Ok(NewPassword(input.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A first or last name: required, one line, at most 100 characters.
pub fn person_name(input: &str, which: &str) -> Result<String, String> {
    let value = input.trim();
    if value.is_empty() {
        return Err(format!("Enter your {which}."));
    }
    optional_line(value, 100)
}

/// Optional multi-line free text (a bio, a description, an agenda, a note) with a length
/// limit; returns the trimmed text. Line feeds and tabs are kept; other control
/// characters are refused.
pub fn optional_text(input: &str, max: usize) -> Result<String, String> {
    text(input, max, Lines::Multi)
}

/// Optional single-line free text (a headline, a city, a title) with a length limit;
/// returns the trimmed text. Every control character is refused, line breaks included.
pub fn optional_line(input: &str, max: usize) -> Result<String, String> {
    text(input, max, Lines::Single)
}

/// Required single-line free text; `empty` is the message when nothing is left.
pub fn required_line(input: &str, max: usize, empty: &str) -> Result<String, String> {
    let value = optional_line(input, max)?;
    if value.is_empty() {
        return Err(empty.into());
    }
    Ok(value)
}

/// Required multi-line free text; `empty` is the message when nothing is left.
pub fn required_text(input: &str, max: usize, empty: &str) -> Result<String, String> {
    let value = optional_text(input, max)?;
    if value.is_empty() {
        return Err(empty.into());
    }
    Ok(value)
}

/// Trimmed text of `lines` with at most `max` characters.
pub fn text(input: &str, max: usize, lines: Lines) -> Result<String, String> {
    let value = input.trim();
    // The length first: it is the cheaper message to act on for a pasted novel.
    let value = max_chars(value, max)?;
    check_characters(&value, lines)?;
    Ok(value)
}

/// The text of a search or list filter: trimmed, one line, at most [`SEARCH_MAX`]
/// characters (a longer LIKE pattern is refused by SQLite as "too complex").
pub fn search_text(input: &str) -> Result<String, String> {
    let value = input.trim();
    let count = value.chars().count();
    if count > SEARCH_MAX {
        return Err(format!(
            "Search for at most {SEARCH_MAX} characters (this has {count})."
        ));
    }
    check_characters(value, Lines::Single)?;
    Ok(value.to_string())
}

/// A search text for the request field `field`, as a field error.
pub fn search_field(field: &str, input: &str) -> Result<String, ApiError> {
    search_text(input).map_err(|m| ApiError::field(field, m))
}

/// An optional search text (a filter left out or empty is no filter).
pub fn optional_search_field(field: &str, input: Option<&str>) -> Result<Option<String>, ApiError> {
    match input {
        Some(text) => Ok(Some(search_field(field, text)?).filter(|t| !t.is_empty())),
        None => Ok(None),
    }
}

fn range_message() -> String {
    format!("Choose a date between {EARLIEST_YEAR} and {LATEST_YEAR}.")
}

/// Whether a date lies in the years requests may name ([`EARLIEST_YEAR`]–[`LATEST_YEAR`]).
pub fn date_in_range(date: NaiveDate) -> bool {
    (EARLIEST_YEAR..=LATEST_YEAR).contains(&date.year())
}

/// A date from a request, refused outside [`EARLIEST_YEAR`]–[`LATEST_YEAR`].
pub fn date(date: NaiveDate) -> Result<NaiveDate, String> {
    if date_in_range(date) {
        Ok(date)
    } else {
        Err(range_message())
    }
}

/// An instant from a request, refused outside [`EARLIEST_YEAR`]–[`LATEST_YEAR`] (UTC).
pub fn instant(at: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    if date_in_range(at.date_naive()) {
        Ok(at)
    } else {
        Err(range_message())
    }
}

/// Checks optional request dates at once, each as a field error on its field.
pub fn dates(list: &[(&str, Option<NaiveDate>)]) -> Result<(), ApiError> {
    let mut errors = FieldErrors::new();
    for (field, value) in list {
        if let Some(d) = value {
            errors.check(field, date(*d));
        }
    }
    errors.into_result()
}

/// Checks optional request instants at once, each as a field error on its field.
pub fn instants(list: &[(&str, Option<DateTime<Utc>>)]) -> Result<(), ApiError> {
    let mut errors = FieldErrors::new();
    for (field, value) in list {
        if let Some(at) = value {
            errors.check(field, instant(*at));
        }
    }
    errors.into_result()
}

fn max_chars(value: &str, max: usize) -> Result<String, String> {
    let count = value.chars().count();
    if count > max {
        Err(format!("Use at most {max} characters (this has {count})."))
    } else {
        Ok(value.to_string())
    }
}

pub fn bio(input: &str) -> Result<String, String> {
    optional_text(input, BIO_MAX)
}

/// An IANA time-zone name such as `Europe/London`.
pub fn time_zone(input: &str) -> Result<Tz, String> {
    let value = input.trim();
    if value.is_empty() {
        return Err("Choose your time zone.".into());
    }
    // Zone names are short; never echo a pasted essay or control characters back.
    if value.chars().count() > 64 || check_characters(value, Lines::Single).is_err() {
        return Err("Choose a time zone from the list.".into());
    }
    Tz::from_str(value).map_err(|_| format!("“{value}” is not a known time zone."))
}

/// All IANA zone names the picker offers, sorted.
pub fn time_zone_names() -> Vec<String> {
    let mut names: Vec<String> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name().to_string())
        .collect();
    names.sort();
    names
}

/// A tag list: trimmed, de-duplicated ignoring case, each ≤ 40 characters, at most 10.
pub fn tags(input: &[String]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    if input.len() > 10 * TAGS_MAX {
        return Err(format!(
            "Choose at most {TAGS_MAX} (you have {}).",
            input.len()
        ));
    }
    for raw in input {
        check_characters(raw.trim(), Lines::Single)?;
        let tag = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > TAG_MAX_CHARS {
            let start: String = tag.chars().take(TAG_MAX_CHARS).collect();
            return Err(format!(
                "“{start}…” is too long: a tag has at most {TAG_MAX_CHARS} characters."
            ));
        }
        if !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag);
        }
    }
    if out.len() > TAGS_MAX {
        return Err(format!(
            "Choose at most {TAGS_MAX} (you have {}).",
            out.len()
        ));
    }
    Ok(out)
}

/// A phone number: digits with optional +, spaces, dashes, dots and brackets; 6–15 digits (E.164).
pub fn phone(input: &str) -> Result<String, String> {
    let value = input.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let plus_ok = value.find('+').is_none_or(|at| at == 0) && value.matches('+').count() <= 1;
    if !allowed || !plus_ok || !(6..=15).contains(&digits) {
        return Err("Enter a phone number such as +44 20 7946 0958.".into());
    }
    Ok(value.to_string())
}

/// A web address; a bare host such as `example.com` gets `https://`.
pub fn website(input: &str) -> Result<String, String> {
    let value = input.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    check_characters(value, Lines::Single)?;
    let candidate = if value.contains("://") {
        value.to_string()
    } else {
        format!("https://{value}")
    };
    match url::Url::parse(&candidate) {
        Ok(u)
            if (u.scheme() == "https" || u.scheme() == "http")
                && u.host_str().is_some_and(|h| h.contains('.'))
                && candidate.chars().count() <= 300 =>
        {
            Ok(candidate)
        }
        _ => Err("Enter a web address such as https://example.com.".into()),
    }
}

/// The social networks a profile links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Social {
    GitHub,
    LinkedIn,
    Twitter,
    Facebook,
}

impl Social {
    fn hosts(self) -> &'static [&'static str] {
        match self {
            Social::GitHub => &["github.com"],
            Social::LinkedIn => &["linkedin.com"],
            Social::Twitter => &["x.com", "twitter.com"],
            Social::Facebook => &["facebook.com", "fb.com"],
        }
    }

    fn profile_url(self, handle: &str) -> String {
        match self {
            Social::GitHub => format!("https://github.com/{handle}"),
            Social::LinkedIn => format!("https://www.linkedin.com/in/{handle}"),
            Social::Twitter => format!("https://x.com/{handle}"),
            Social::Facebook => format!("https://www.facebook.com/{handle}"),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Social::GitHub => "GitHub",
            Social::LinkedIn => "LinkedIn",
            Social::Twitter => "X",
            Social::Facebook => "Facebook",
        }
    }
}

/// A social link: a profile URL on the network, or a handle (`@ada`, `ada`) turned into one.
pub fn social_link(input: &str, network: Social) -> Result<String, String> {
    let value = input.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    if value.chars().count() > 300 {
        return Err("Use at most 300 characters.".into());
    }
    check_characters(value, Lines::Single)?;
    let handle = value.trim_start_matches('@');
    let is_handle = !handle.is_empty()
        && handle.len() <= 100
        && handle
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if is_handle && !handle.contains('.') {
        return Ok(network.profile_url(handle));
    }
    let candidate = if value.contains("://") {
        value.to_string()
    } else {
        format!("https://{value}")
    };
    let host_ok = url::Url::parse(&candidate).ok().is_some_and(|u| {
        let host = u.host_str().unwrap_or_default().trim_start_matches("www.");
        (u.scheme() == "https" || u.scheme() == "http")
            && network
                .hosts()
                .iter()
                .any(|h| host == *h || host.ends_with(&format!(".{h}")))
            && u.path().len() > 1
    });
    if host_ok {
        Ok(candidate)
    } else {
        Err(format!(
            "Enter your {} handle or profile address.",
            network.name()
        ))
    }
}

pub fn bounded_number(value: Option<u32>, max: u32, what: &str) -> Result<Option<u32>, String> {
    match value {
        Some(v) if v > max => Err(format!("{what} can be at most {max}.")),
        other => Ok(other),
    }
}

/// Validates and normalises a whole profile, reporting every bad field at once.
pub fn profile(input: &ProfileFields) -> Result<ProfileFields, ApiError> {
    let mut errors = FieldErrors::new();
    let mut out = ProfileFields {
        years_experience: input.years_experience,
        experience_level: input.experience_level,
        mentee_capacity: input.mentee_capacity,
        accepting_mentees: input.accepting_mentees,
        supports_new_parents: input.supports_new_parents,
        ..ProfileFields::default()
    };
    macro_rules! field {
        ($name:ident, $parsed:expr) => {
            if let Some(v) = errors.check(stringify!($name), $parsed) {
                out.$name = v;
            }
        };
    }
    field!(first_name, person_name(&input.first_name, "first name"));
    field!(last_name, person_name(&input.last_name, "last name"));
    field!(headline, optional_line(&input.headline, 140));
    field!(bio, bio(&input.bio));
    field!(country, optional_line(&input.country, 100));
    field!(city, optional_line(&input.city, 100));
    field!(
        time_zone,
        time_zone(&input.time_zone).map(|tz| tz.name().to_string())
    );
    field!(phone, phone(&input.phone));
    field!(website, website(&input.website));
    field!(github, social_link(&input.github, Social::GitHub));
    field!(linkedin, social_link(&input.linkedin, Social::LinkedIn));
    field!(twitter, social_link(&input.twitter, Social::Twitter));
    field!(facebook, social_link(&input.facebook, Social::Facebook));
    field!(expertise, tags(&input.expertise));
    field!(interests, tags(&input.interests));
    field!(proficiencies, tags(&input.proficiencies));
    field!(job_roles, tags(&input.job_roles));
    field!(
        years_experience,
        bounded_number(input.years_experience, 70, "Years of experience")
    );
    field!(department, optional_line(&input.department, 100));
    field!(position, optional_line(&input.position, 100));
    field!(organisation, optional_line(&input.organisation, 100));
    field!(
        mentorship_style,
        optional_text(&input.mentorship_style, 500)
    );
    field!(
        preferred_communication,
        optional_line(&input.preferred_communication, 200)
    );
    field!(
        mentee_capacity,
        bounded_number(input.mentee_capacity, 50, "Mentee capacity")
    );
    field!(goals, optional_text(&input.goals, 2000));
    errors.into_result().map(|()| out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_profile() -> ProfileFields {
        ProfileFields {
            first_name: " Ada ".into(),
            last_name: "Lovelace".into(),
            time_zone: "Europe/London".into(),
            ..ProfileFields::default()
        }
    }

    #[test]
    fn email_is_trimmed_and_keyed_case_insensitively() {
        let e = Email::parse("  Ada.Lovelace@Example.COM ").unwrap();
        assert_eq!(e.as_str(), "Ada.Lovelace@Example.COM");
        assert_eq!(e.key(), "ada.lovelace@example.com");
    }

    #[test]
    fn malformed_emails_are_rejected() {
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada lovelace@example.com",
            "Ada <ada@example.com>",
            "ada@-example.com",
            "ada@example..com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn passwords_need_eight_characters_and_allow_long_passphrases() {
        assert!(NewPassword::parse("short1!").is_err());
        assert!(NewPassword::parse("eight ch").is_ok());
        let passphrase = "correct horse battery staple ".repeat(4);
        assert!(passphrase.chars().count() > 64);
        assert!(NewPassword::parse(&passphrase).is_ok());
        assert!(NewPassword::parse(&"x".repeat(PASSWORD_MAX + 1)).is_err());
    }

    #[test]
    fn no_composition_rules_apply() {
        assert!(NewPassword::parse("all lowercase words here").is_ok());
        assert!(NewPassword::parse("🦀🦀🦀🦀🦀🦀🦀🦀").is_ok());
    }

    #[test]
    fn common_passwords_are_rejected_in_any_case() {
        for common in ["password", "12345678", "Password", "QWERTYUIOP", "baseball"] {
            let result = NewPassword::parse(common);
            if common.chars().count() >= PASSWORD_MIN {
                assert!(result.unwrap_err().contains("common"), "{common}");
            }
        }
    }

    #[test]
    fn bio_over_1000_characters_is_rejected() {
        assert!(bio(&"é".repeat(1000)).is_ok());
        assert!(bio(&"é".repeat(1001)).unwrap_err().contains("1000"));
    }

    #[test]
    fn eleven_tags_are_rejected_but_duplicates_collapse() {
        let ten: Vec<String> = (0..10).map(|i| format!("tag {i}")).collect();
        assert_eq!(tags(&ten).unwrap().len(), 10);
        let mut eleven = ten.clone();
        eleven.push("one more".into());
        assert!(tags(&eleven).is_err());
        let dupes = vec!["Rust".to_string(), "rust".into(), " RUST ".into()];
        assert_eq!(tags(&dupes).unwrap(), vec!["Rust".to_string()]);
    }

    #[test]
    fn unknown_time_zones_are_rejected() {
        assert!(time_zone("Australia/Lord_Howe").is_ok());
        assert!(time_zone("Mars/Olympus_Mons").is_err());
        assert!(time_zone("").is_err());
        assert!(time_zone_names().contains(&"Asia/Kolkata".to_string()));
    }

    #[test]
    fn social_handles_become_profile_links() {
        assert_eq!(
            social_link("@ada", Social::GitHub).unwrap(),
            "https://github.com/ada"
        );
        assert!(social_link("https://github.com/ada", Social::GitHub).is_ok());
        assert!(social_link("https://example.com/ada", Social::GitHub).is_err());
        assert_eq!(
            social_link("x.com/ada", Social::Twitter).unwrap(),
            "https://x.com/ada"
        );
    }

    #[test]
    fn profile_reports_every_bad_field_at_once() {
        let mut p = valid_profile();
        p.bio = "b".repeat(1001);
        p.time_zone = "Nowhere/Land".into();
        p.expertise = (0..11).map(|i| format!("t{i}")).collect();
        p.first_name = "  ".into();
        let err = profile(&p).unwrap_err();
        assert_eq!(err.code, mentordesk_shared::ErrorCode::Validation);
        for field in ["bio", "time_zone", "expertise", "first_name"] {
            assert!(err.field_message(field).is_some(), "missing {field}");
        }
    }

    #[test]
    fn profile_is_normalised() {
        let p = profile(&valid_profile()).unwrap();
        assert_eq!(p.first_name, "Ada");
    }

    #[test]
    fn control_characters_are_refused_in_every_text() {
        // A leading NUL passes a length check in Rust but ends the text for SQLite's length().
        for bad in [
            "\u{0}hello",
            "bell\u{7}",
            "\u{1b}[31mred",
            "del\u{7f}",
            "nel\u{85}x",
        ] {
            for result in [
                optional_text(bad, 100),
                optional_line(bad, 100),
                required_text(bad, 100, "empty"),
                person_name(bad, "first name"),
                search_text(bad),
            ] {
                assert_eq!(result.unwrap_err(), CONTROL_CHARACTERS, "{bad:?}");
            }
            assert!(tags(&[bad.to_string()]).is_err(), "{bad:?}");
            assert!(Email::parse(&format!("a{bad}@example.com")).is_err());
            assert!(website(&format!("https://example.com/{bad}")).is_err());
        }
    }

    #[test]
    fn multi_line_texts_keep_line_feeds_and_tabs_and_single_line_texts_refuse_them() {
        let text = "First line\n\tindented\nlast";
        assert_eq!(optional_text(text, 100).unwrap(), text);
        assert_eq!(optional_line(text, 100).unwrap_err(), ONE_LINE);
        assert_eq!(optional_line("a\r\nb", 100).unwrap_err(), ONE_LINE);
        assert_eq!(
            optional_text("a\r\nb", 100).unwrap_err(),
            CONTROL_CHARACTERS
        );
        assert_eq!(optional_line("a\u{2028}b", 100).unwrap_err(), ONE_LINE);
        assert!(person_name("Ada\nLovelace", "first name").is_err());
        assert_eq!(tags(&["deep\nlearning".into()]).unwrap_err(), ONE_LINE);
        assert_eq!(
            tags(&["deep   learning ".into()]).unwrap(),
            vec!["deep learning"]
        );
    }

    #[test]
    fn unusual_but_printable_unicode_is_text() {
        for fine in [
            "Zoë 👩‍👩‍👧",
            "e\u{301}\u{301}",
            "\u{200d}joined\u{200d}",
            "שלום \u{202e}abc\u{202c}",
            "\u{feff}bom",
        ] {
            assert!(optional_line(fine, 100).is_ok(), "{fine:?}");
            assert!(person_name(fine, "first name").is_ok(), "{fine:?}");
        }
    }

    #[test]
    fn search_texts_are_capped() {
        assert_eq!(search_text("  ada  ").unwrap(), "ada");
        assert_eq!(
            search_text(&"é".repeat(SEARCH_MAX))
                .unwrap()
                .chars()
                .count(),
            SEARCH_MAX
        );
        let err = search_text(&"a".repeat(50_000)).unwrap_err();
        assert!(err.contains("at most 200"), "{err}");
        assert_eq!(
            optional_search_field("text", Some("  ")).unwrap(),
            None,
            "an empty filter is no filter"
        );
        let err = search_field("text", &"x".repeat(201)).unwrap_err();
        assert_eq!(err.fields[0].field, "text");
    }

    #[test]
    fn dates_outside_1900_to_2200_are_refused() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(date(d(1900, 1, 1)).is_ok());
        assert!(date(d(2200, 12, 31)).is_ok());
        assert!(date(d(1899, 12, 31)).is_err());
        assert!(date(d(2201, 1, 1)).is_err());
        // What the IPC dates "+262142-12-31" and "-262143-01-01" decode to.
        for extreme in [NaiveDate::MAX, NaiveDate::MIN] {
            assert!(date(extreme).is_err());
        }
        assert!(instant(DateTime::<Utc>::MAX_UTC).is_err());
        assert!(instant(DateTime::<Utc>::MIN_UTC).is_err());
        let err = dates(&[("from", Some(NaiveDate::MAX)), ("to", None)]).unwrap_err();
        assert_eq!(err.fields.len(), 1);
        assert_eq!(err.fields[0].field, "from");
        assert!(err.fields[0].message.contains("1900 and 2200"));
    }

    #[test]
    fn new_passwords_refuse_control_characters_but_allow_any_printable_text() {
        assert!(NewPassword::parse("violet\u{0}harbour").is_err());
        assert!(NewPassword::parse("violet harbour\n").is_err());
        assert!(NewPassword::parse("vïolet hárbour 🦀").is_ok());
    }

    #[test]
    fn phone_numbers_are_checked() {
        assert!(phone("+44 20 7946 0958").is_ok());
        assert!(phone("call me").is_err());
        assert!(phone("12").is_err());
        assert_eq!(phone("").unwrap(), "");
    }
}
