//! Programme completion certificates (seed 000 CERTIFICATE): who may receive one, what a
//! valid one is, how its status moves, who sees it, and what checking its code says.
//!
//! - A programme's managers (and admins, who oversee every programme) issue a certificate
//!   to a mentee who **completed** the programme: they are (or were) one of its mentees —
//!   a member as mentee now, or the mentee of one of its matches — and either the
//!   programme is completed or their match in it has ended. A mentee holds at most one
//!   certificate per programme that is not revoked.
//! - Status: pending generation (its document is being prepared) → pending approval →
//!   approved by a manager of the programme or an admin; any status but revoked → revoked,
//!   with a reason. Every move is stamped with who and when.
//! - Managers and admins see every certificate of their programmes. The recipient sees
//!   theirs once approved, and still (as revoked) if an approved one is revoked; pending
//!   ones, and those revoked before approval, are the managers' business.
//! - Anyone may check a code: approved certificates are valid (or expired after their
//!   expiry date, UTC), revoked-after-approval ones revoked; everything else, pending
//!   ones included, is "not found".
//! - The code is `MD-XXXX-XXXX-XXXX`: 60 random bits in Crockford base32 (as reset codes).
//!   Unlike reset codes it is stored as it is, because it is printed to be shared and
//!   checked; it proves nothing but that the workspace issued the certificate.

use crate::reset_codes;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use mentordesk_shared::certificates::*;
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::programmes::ProgrammeStatus;
use mentordesk_shared::ApiError;
use rand::Rng;

pub const SERIES_MAX: usize = 40;
pub const REASON_MAX: usize = 1000;
/// Initials taken from a programme's name for a derived series id.
pub const SERIES_INITIALS_MAX: usize = 8;
pub const CODE_PREFIX: &str = "MD";
/// Characters of a code after its prefix (three groups of four).
pub const CODE_CHARS: usize = 12;

/// A fresh code, `MD-XXXX-XXXX-XXXX`.
pub fn generate_code() -> String {
    let mut rng = rand::thread_rng();
    let chars: String = (0..CODE_CHARS)
        .map(|_| reset_codes::ALPHABET[rng.gen_range(0..32)] as char)
        .collect();
    format_code(&chars)
}

fn format_code(chars: &str) -> String {
    format!(
        "{CODE_PREFIX}-{}-{}-{}",
        &chars[0..4],
        &chars[4..8],
        &chars[8..12]
    )
}

/// What someone typed as a code, in its stored form (`MD-XXXX-XXXX-XXXX`), or `None` if it
/// cannot be one. Case, spaces and dashes do not matter, nor the look-alikes O (zero) and
/// I/L (one), as with reset codes; the `MD` prefix may be left out.
pub fn normalise_code(typed: &str) -> Option<String> {
    let compact = reset_codes::normalise(typed);
    let body = match compact.strip_prefix(CODE_PREFIX) {
        Some(rest) if compact.len() == CODE_PREFIX.len() + CODE_CHARS => rest,
        _ => compact.as_str(),
    };
    let valid =
        body.len() == CODE_CHARS && body.bytes().all(|b| reset_codes::ALPHABET.contains(&b));
    valid.then(|| format_code(body))
}

/// The series id a certificate gets when the manager leaves it empty: the upper-case
/// initials of the programme's words (letters and digits, at most eight) and the year of
/// issue, e.g. "Women in Tech" issued in 2026 → `WIT-2026`.
pub fn suggested_series_id(programme_name: &str, year: i32) -> String {
    // A year in the name ("Open Source 2025") would only repeat the suffix.
    let initials: String = programme_name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !(word.len() == 4 && word.chars().all(|c| c.is_ascii_digit())))
        .filter_map(|word| word.chars().next())
        .filter_map(ascii_initial)
        .take(SERIES_INITIALS_MAX)
        .collect();
    let initials = if initials.is_empty() {
        "CERT".to_string()
    } else {
        initials
    };
    format!("{initials}-{year}")
}

/// A word's first character as an upper-case ASCII letter or digit: common accented Latin
/// letters lose their accent ("Économie" → E); anything else is left out.
fn ascii_initial(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_uppercase());
    }
    let lower = c.to_lowercase().next()?;
    let base = match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'A',
        'ç' | 'ć' | 'č' => 'C',
        'ď' => 'D',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'E',
        'ğ' => 'G',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'I',
        'ł' => 'L',
        'ñ' | 'ń' | 'ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'O',
        'ř' => 'R',
        'ś' | 'š' | 'ş' => 'S',
        'ť' | 'ţ' => 'T',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'U',
        'ý' | 'ÿ' => 'Y',
        'ź' | 'ż' | 'ž' => 'Z',
        _ => return None,
    };
    Some(base)
}

/// A series id as the manager typed it: trimmed, upper case, 1–40 letters (A–Z), digits
/// and dashes, starting and ending with a letter or digit.
pub fn series_id(input: &str) -> Result<String, String> {
    let value = input.trim().to_ascii_uppercase();
    if value.is_empty() {
        return Err("Give the certificate a series id.".into());
    }
    if value.chars().count() > SERIES_MAX {
        return Err(format!(
            "A series id has at most {SERIES_MAX} characters (this one has {}).",
            value.chars().count()
        ));
    }
    if !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err("Use only letters (A–Z), digits and dashes, e.g. WIT-2026.".into());
    }
    if value.starts_with('-') || value.ends_with('-') {
        return Err("Start and end the series id with a letter or digit.".into());
    }
    Ok(value)
}

/// A new certificate's fields, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueFields {
    pub series_id: String,
    pub issued_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
}

/// Checks what the manager typed; `today` is today in the manager's zone. Every bad field
/// is reported at once.
pub fn issue_fields(
    req: &NewCertificate,
    programme_name: &str,
    today: NaiveDate,
) -> Result<IssueFields, ApiError> {
    let mut errors = FieldErrors::new();
    for (field, date) in [("issued_on", req.issued_on), ("expires_on", req.expires_on)] {
        if let Some(date) = date {
            errors.check(field, crate::validate::date(date));
        }
    }
    let issued_on = req.issued_on.unwrap_or(today);
    if issued_on > today {
        errors.add(
            "issued_on",
            format!(
                "The issue date cannot be in the future (today is {}).",
                long_date(today)
            ),
        );
    }
    if let Some(expires_on) = req.expires_on {
        if expires_on <= issued_on {
            errors.add(
                "expires_on",
                "The certificate must expire after its issue date; leave it empty if it \
                 does not expire.",
            );
        }
    }
    let series = if req.series_id.trim().is_empty() {
        Some(suggested_series_id(programme_name, issued_on.year()))
    } else {
        errors.check("series_id", series_id(&req.series_id))
    };
    errors.into_result()?;
    Ok(IssueFields {
        series_id: series.unwrap_or_default(),
        issued_on,
        expires_on: req.expires_on,
    })
}

/// What the workspace knows of one mentee in one programme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Completion {
    /// A member of the programme as mentee now.
    pub mentee_now: bool,
    /// The mentee of one of its matches, in any status (so they were one of its mentees).
    pub matched: bool,
    /// One of those matches has ended.
    pub match_ended: bool,
    /// Holds a certificate for the programme that is not revoked.
    pub certified: bool,
}

impl Completion {
    pub fn was_mentee(&self) -> bool {
        self.mentee_now || self.matched
    }

    /// Completed the programme: was one of its mentees, and the programme is completed or
    /// their match in it ended.
    pub fn completed(&self, programme: ProgrammeStatus) -> bool {
        self.was_mentee() && (programme == ProgrammeStatus::Completed || self.match_ended)
    }
}

/// May `name` receive a certificate for the programme now? (Archived programmes are
/// refused before this: they no longer change.)
pub fn check_eligible(
    name: &str,
    programme: ProgrammeStatus,
    facts: &Completion,
) -> Result<(), ApiError> {
    if !facts.was_mentee() {
        return Err(ApiError::field(
            "mentee_id",
            format!("{name} is not a mentee of this programme."),
        ));
    }
    if !facts.completed(programme) {
        return Err(ApiError::field(
            "mentee_id",
            format!(
                "{name} has not completed this programme yet: certificates go to mentees \
                 whose match has ended, or to every mentee once the programme is completed."
            ),
        ));
    }
    if facts.certified {
        return Err(ApiError::conflict(format!(
            "{name} already has a certificate for this programme; revoke it before issuing \
             another."
        )));
    }
    Ok(())
}

/// A move of a certificate's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The document is ready: pending generation → pending approval.
    Generate,
    Approve,
    Revoke,
}

/// Where `step` takes a certificate in status `from`, or a `conflict` saying why not.
pub fn next_status(from: CertificateStatus, step: Step) -> Result<CertificateStatus, ApiError> {
    use CertificateStatus::*;
    match (from, step) {
        (PendingGeneration, Step::Generate) => Ok(PendingApproval),
        (PendingApproval, Step::Approve) => Ok(Approved),
        (PendingGeneration | PendingApproval | Approved, Step::Revoke) => Ok(Revoked),
        (Revoked, Step::Revoke) => Err(ApiError::conflict("This certificate is already revoked.")),
        (Revoked, _) => Err(ApiError::conflict(
            "This certificate was revoked; issue a new one instead.",
        )),
        (Approved, Step::Approve) => {
            Err(ApiError::conflict("This certificate is already approved."))
        }
        (PendingGeneration, Step::Approve) => Err(ApiError::conflict(
            "This certificate's document is still being prepared; prepare it before approving.",
        )),
        (PendingApproval | Approved, Step::Generate) => Err(ApiError::conflict(
            "This certificate's document is already prepared.",
        )),
    }
}

/// Whether `step` is open from `from` (for the view's buttons; managers only).
pub fn can(from: CertificateStatus, step: Step) -> bool {
    next_status(from, step).is_ok()
}

/// A revocation needs a reason the managers (and the recipient) will read.
pub fn revoke_reason(reason: &str) -> Result<String, ApiError> {
    let reason = crate::validate::optional_text(reason, REASON_MAX)
        .map_err(|m| ApiError::field("reason", m))?;
    if reason.is_empty() {
        return Err(ApiError::field(
            "reason",
            "Say why the certificate is revoked.",
        ));
    }
    Ok(reason)
}

/// Whether the recipient sees their certificate: once approved, and still when an approved
/// one is revoked.
pub fn recipient_sees(status: CertificateStatus, was_approved: bool) -> bool {
    match status {
        CertificateStatus::Approved => true,
        CertificateStatus::Revoked => was_approved,
        CertificateStatus::PendingGeneration | CertificateStatus::PendingApproval => false,
    }
}

/// Whether a viewer sees a certificate: the programme's managers and admins always, its
/// recipient as [`recipient_sees`] says, nobody else.
pub fn visible(
    manages: bool,
    is_recipient: bool,
    status: CertificateStatus,
    was_approved: bool,
) -> bool {
    manages || (is_recipient && recipient_sees(status, was_approved))
}

/// Approved and past its expiry date.
pub fn expired(status: CertificateStatus, expires_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    status == CertificateStatus::Approved && expires_on.is_some_and(|e| e < today)
}

/// What checking a code says of a stored certificate (`None`: no certificate has the code).
/// Only what the recipient could see is ever found; `today` is the UTC date.
pub fn verdict(
    found: Option<(CertificateStatus, bool, Option<NaiveDate>)>,
    today: NaiveDate,
) -> CertificateVerdict {
    match found {
        Some((status, was_approved, expires_on)) if recipient_sees(status, was_approved) => {
            match status {
                CertificateStatus::Revoked => CertificateVerdict::Revoked,
                _ if expired(status, expires_on, today) => CertificateVerdict::Expired,
                _ => CertificateVerdict::Valid,
            }
        }
        _ => CertificateVerdict::NotFound,
    }
}

pub fn verdict_message(
    verdict: CertificateVerdict,
    expires_on: Option<NaiveDate>,
    revoked_at: Option<DateTime<Utc>>,
) -> String {
    match verdict {
        CertificateVerdict::Valid => match expires_on {
            Some(e) => format!("This certificate is valid until {}.", long_date(e)),
            None => "This certificate is valid.".into(),
        },
        CertificateVerdict::Expired => match expires_on {
            Some(e) => format!("This certificate expired on {}.", long_date(e)),
            None => "This certificate has expired.".into(),
        },
        CertificateVerdict::Revoked => match revoked_at {
            Some(at) => format!(
                "This certificate was revoked on {}.",
                long_date(at.date_naive())
            ),
            None => "This certificate was revoked.".into(),
        },
        CertificateVerdict::NotFound => "No certificate has this code.".into(),
    }
}

/// What a printed certificate is: the real one, or the draft its managers check before
/// approving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Print {
    Final,
    Draft,
}

/// Who signs a draft: nobody yet, and it says so where the signature goes.
pub const DRAFT_SIGNATURE: &str = "— (draft: not approved yet, the code does not verify)";

/// A certificate's document is printed once it is approved, never after it is revoked;
/// while it waits for approval its managers may print a draft to check it.
pub fn document_print(status: CertificateStatus, manages: bool) -> Result<Print, ApiError> {
    match status {
        CertificateStatus::Approved => Ok(Print::Final),
        CertificateStatus::PendingApproval if manages => Ok(Print::Draft),
        CertificateStatus::Revoked => Err(ApiError::conflict(
            "This certificate was revoked; it has no document any more.",
        )),
        _ => Err(ApiError::conflict(
            "This certificate is not approved yet; its document is printed once it is.",
        )),
    }
}

/// A date as certificates print it: "4 December 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The sentence a certificate states.
/// The exported file's name: "Certificate WIT-2026 Zoë Łukasiewicz.pdf", safe on every
/// platform (letters of any script, digits, spaces and dashes).
pub fn file_name(doc: &mentordesk_shared::certificates::CertificateDocument) -> String {
    let clean: String = format!("Certificate {} {}", doc.series_id, doc.recipient)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let draft = if doc.approved_by == DRAFT_SIGNATURE {
        " draft"
    } else {
        ""
    };
    format!(
        "{}{draft}.pdf",
        clean.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

pub fn statement(recipient: &str, programme: &str) -> String {
    format!("This certifies that {recipient} has completed the programme {programme}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentordesk_shared::ids::{ProgrammeId, UserId};
    use mentordesk_shared::ErrorCode;
    use CertificateStatus::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn request(
        series: &str,
        issued: Option<NaiveDate>,
        expires: Option<NaiveDate>,
    ) -> NewCertificate {
        NewCertificate {
            programme_id: ProgrammeId(uuid::Uuid::nil()),
            mentee_id: UserId(uuid::Uuid::nil()),
            series_id: series.into(),
            issued_on: issued,
            expires_on: expires,
        }
    }

    #[test]
    fn codes_look_like_md_and_three_groups_of_crockford_base32() {
        let code = generate_code();
        assert_eq!(code.len(), 17, "{code}");
        assert!(code.starts_with("MD-"));
        assert_eq!(code.matches('-').count(), 3);
        assert!(code[3..]
            .bytes()
            .all(|b| b == b'-' || reset_codes::ALPHABET.contains(&b)));
        assert_ne!(code, generate_code());
        assert_eq!(normalise_code(&code), Some(code.clone()));
    }

    #[test]
    fn typed_codes_are_normalised_as_reset_codes_are() {
        let stored = Some("MD-AB0C-1DEF-GH23".to_string());
        for typed in [
            "MD-AB0C-1DEF-GH23",
            "md-ab0c-1def-gh23",
            "  md ab0c 1def gh23 ",
            "AB0C-1DEF-GH23",
            "ab0c1defgh23",
            "MD-ABOC-IDEF-GH23",
            "md-aboc-ldef-gh23",
        ] {
            assert_eq!(normalise_code(typed), stored, "{typed:?}");
        }
        // A code whose own characters start with MD keeps them.
        assert_eq!(
            normalise_code("MDAB-1DEF-GH23"),
            Some("MD-MDAB-1DEF-GH23".to_string())
        );
        for typed in [
            "",
            "MD-",
            "AB0C-1DEF-GH2",
            "AB0C-1DEF-GH234",
            "MD-AB0C-1DEF-GHU3",
            "MD-AB0C-1DEF-GH2!",
        ] {
            assert_eq!(normalise_code(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn a_series_id_is_derived_from_the_programmes_initials_and_the_year() {
        assert_eq!(suggested_series_id("Women in Tech", 2026), "WIT-2026");
        assert_eq!(
            suggested_series_id("Open Source Mentorship 2025", 2026),
            "OSM-2026"
        );
        assert_eq!(
            suggested_series_id("  women-in   tech 2 ", 2027),
            "WIT2-2027"
        );
        assert_eq!(
            suggested_series_id("a b c d e f g h i j", 2026),
            "ABCDEFGH-2026"
        );
        assert_eq!(suggested_series_id("Économie & Société", 2026), "ES-2026");
        assert_eq!(suggested_series_id("Ωμέγα 中文", 2026), "CERT-2026");
    }

    #[test]
    fn a_typed_series_id_is_letters_digits_and_dashes() {
        assert_eq!(series_id(" wit-2026 ").unwrap(), "WIT-2026");
        assert_eq!(series_id(&"A".repeat(40)).unwrap().len(), 40);
        for bad in ["", "  ", "WIT 2026", "WIT_2026", "-WIT", "WIT-", "ZOË-1"] {
            assert!(series_id(bad).is_err(), "{bad:?}");
        }
        assert!(series_id(&"A".repeat(41)).unwrap_err().contains("40"));
    }

    #[test]
    fn issue_dates_default_to_today_are_never_future_and_expiry_comes_after() {
        let today = date(2026, 12, 4);
        let ok = issue_fields(&request("", None, None), "Women in Tech", today).unwrap();
        assert_eq!(
            ok,
            IssueFields {
                series_id: "WIT-2026".into(),
                issued_on: today,
                expires_on: None
            }
        );
        let back = issue_fields(
            &request("", Some(date(2025, 6, 30)), Some(date(2027, 6, 30))),
            "Women in Tech",
            today,
        )
        .unwrap();
        assert_eq!(back.series_id, "WIT-2025", "the year of issue");
        let err = issue_fields(
            &request("bad id!", Some(date(2026, 12, 5)), Some(date(2026, 12, 5))),
            "Women in Tech",
            today,
        )
        .unwrap_err();
        for field in ["issued_on", "expires_on", "series_id"] {
            assert!(err.field_message(field).is_some(), "{field}: {err:?}");
        }
        let err = issue_fields(
            &request("X-1", Some(today), Some(today)),
            "Women in Tech",
            today,
        )
        .unwrap_err();
        assert!(err.field_message("expires_on").is_some());
    }

    #[test]
    fn only_mentees_who_completed_receive_a_certificate_once() {
        use ProgrammeStatus::*;
        let member = Completion {
            mentee_now: true,
            ..Completion::default()
        };
        assert!(check_eligible("Zoë", Completed, &member).is_ok());
        let err = check_eligible("Zoë", Active, &member).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err
            .field_message("mentee_id")
            .unwrap()
            .starts_with("Zoë has not completed this programme yet"));
        let ended = Completion {
            mentee_now: true,
            matched: true,
            match_ended: true,
            certified: false,
        };
        assert!(check_eligible("Zoë", Active, &ended).is_ok());
        // Removed from the programme after their match ended: they were a mentee.
        let former = Completion {
            mentee_now: false,
            ..ended
        };
        assert!(check_eligible("Zoë", Active, &former).is_ok());
        let stranger = Completion::default();
        assert!(check_eligible("Zoë", Completed, &stranger)
            .unwrap_err()
            .field_message("mentee_id")
            .unwrap()
            .contains("not a mentee"));
        let twice = Completion {
            certified: true,
            ..ended
        };
        assert_eq!(
            check_eligible("Zoë", Completed, &twice).unwrap_err().code,
            ErrorCode::Conflict
        );
    }

    #[test]
    fn status_moves_forward_and_any_live_certificate_can_be_revoked() {
        assert_eq!(
            next_status(PendingGeneration, Step::Generate).unwrap(),
            PendingApproval
        );
        assert_eq!(
            next_status(PendingApproval, Step::Approve).unwrap(),
            Approved
        );
        for from in [PendingGeneration, PendingApproval, Approved] {
            assert_eq!(next_status(from, Step::Revoke).unwrap(), Revoked);
        }
        let twice = next_status(Approved, Step::Approve).unwrap_err();
        assert_eq!(twice.code, ErrorCode::Conflict);
        assert_eq!(twice.message, "This certificate is already approved.");
        for (from, step) in [
            (Revoked, Step::Approve),
            (Revoked, Step::Revoke),
            (Revoked, Step::Generate),
            (PendingGeneration, Step::Approve),
            (PendingApproval, Step::Generate),
            (Approved, Step::Generate),
        ] {
            assert_eq!(
                next_status(from, step).unwrap_err().code,
                ErrorCode::Conflict,
                "{from:?} {step:?}"
            );
            assert!(!can(from, step));
        }
        assert!(revoke_reason("  ")
            .unwrap_err()
            .field_message("reason")
            .is_some());
        assert_eq!(
            revoke_reason(" Issued by mistake ").unwrap(),
            "Issued by mistake"
        );
    }

    #[test]
    fn recipients_see_approved_certificates_and_managers_see_all() {
        assert!(visible(true, false, PendingGeneration, false));
        assert!(visible(false, true, Approved, true));
        assert!(visible(false, true, Revoked, true));
        assert!(!visible(false, true, Revoked, false));
        assert!(!visible(false, true, PendingApproval, false));
        assert!(!visible(false, false, Approved, true));
    }

    #[test]
    fn verifying_says_valid_expired_revoked_or_not_found_and_hides_pending_ones() {
        let today = date(2026, 12, 4);
        use CertificateVerdict as V;
        assert_eq!(verdict(Some((Approved, true, None)), today), V::Valid);
        assert_eq!(
            verdict(Some((Approved, true, Some(today))), today),
            V::Valid
        );
        assert_eq!(
            verdict(Some((Approved, true, Some(date(2026, 12, 3)))), today),
            V::Expired
        );
        assert_eq!(
            verdict(Some((Revoked, true, Some(date(2020, 1, 1)))), today),
            V::Revoked
        );
        assert_eq!(verdict(Some((Revoked, false, None)), today), V::NotFound);
        assert_eq!(
            verdict(Some((PendingApproval, false, None)), today),
            V::NotFound
        );
        assert_eq!(
            verdict(Some((PendingGeneration, false, None)), today),
            V::NotFound
        );
        assert_eq!(verdict(None, today), V::NotFound);
        assert_eq!(
            verdict_message(V::NotFound, None, None),
            "No certificate has this code."
        );
        assert_eq!(
            verdict_message(V::Expired, Some(date(2026, 12, 3)), None),
            "This certificate expired on 3 December 2026."
        );
    }

    #[test]
    fn documents_print_long_dates_for_approved_certificates_only() {
        assert_eq!(long_date(date(2026, 12, 4)), "4 December 2026");
        assert_eq!(document_print(Approved, false).unwrap(), Print::Final);
        assert_eq!(document_print(Approved, true).unwrap(), Print::Final);
        assert_eq!(document_print(PendingApproval, true).unwrap(), Print::Draft);
        for status in [PendingGeneration, PendingApproval, Revoked] {
            assert_eq!(
                document_print(status, false).unwrap_err().code,
                ErrorCode::Conflict
            );
        }
        for status in [PendingGeneration, Revoked] {
            assert_eq!(
                document_print(status, true).unwrap_err().code,
                ErrorCode::Conflict
            );
        }
        assert_eq!(
            statement("Zoë Adams", "Women in Tech"),
            "This certifies that Zoë Adams has completed the programme Women in Tech."
        );
    }
}
