//! Programme completion certificates (seed 000 CERTIFICATE: user, programme, series id,
//! issue and expiration dates, created by/at, approved by, certificate code, status).
//!
//! Who sees what (`core::certificates` decides):
//! - a programme's managers and admins see every certificate of the programme, in every
//!   status;
//! - the recipient sees their own once it is approved, and keeps seeing it (as revoked) if
//!   an approved certificate is revoked; certificates still being prepared or waiting for
//!   approval, and those revoked before approval, are the managers' business;
//! - anyone, signed in or not, may check a code (`certificates_verify`): only approved and
//!   revoked-after-approval certificates are found.

use crate::ids::{CertificateId, ProgrammeId, UserId};
use crate::programmes::StatusStamp;
use crate::sessions::PersonBrief;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Seed 000's certificate status, plus `revoked`:
/// pending generation → pending approval → approved; any of them → revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    /// Issued; its printable document is being prepared.
    PendingGeneration,
    /// The document is ready; a manager of the programme or an admin approves it.
    PendingApproval,
    Approved,
    /// Withdrawn, with a reason; it stays on record and verifies as revoked.
    Revoked,
}

impl CertificateStatus {
    pub const ALL: [CertificateStatus; 4] = [
        CertificateStatus::PendingGeneration,
        CertificateStatus::PendingApproval,
        CertificateStatus::Approved,
        CertificateStatus::Revoked,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CertificateStatus::PendingGeneration => "pending_generation",
            CertificateStatus::PendingApproval => "pending_approval",
            CertificateStatus::Approved => "approved",
            CertificateStatus::Revoked => "revoked",
        }
    }

    pub fn from_key(key: &str) -> Option<CertificateStatus> {
        CertificateStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            CertificateStatus::PendingGeneration => "Being prepared",
            CertificateStatus::PendingApproval => "Waiting for approval",
            CertificateStatus::Approved => "Approved",
            CertificateStatus::Revoked => "Revoked",
        }
    }
}

/// One programme's certificates (its managers: all of them; others: their own), or (with
/// `mine`, or without a programme) the caller's own across programmes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CertificateQuery {
    pub programme_id: Option<ProgrammeId>,
    pub mine: bool,
}

/// A manager issues a certificate to a mentee who completed the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCertificate {
    pub programme_id: ProgrammeId,
    pub mentee_id: UserId,
    /// 1–40 letters, digits and dashes (stored in upper case); empty: derived from the
    /// programme's name and the year of issue, like `WIT-2026` (the list's
    /// `suggested_series_id`).
    pub series_id: String,
    /// Defaults to today in the manager's zone; never in the future.
    pub issued_on: Option<NaiveDate>,
    /// After the issue date, if the certificate expires.
    pub expires_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateRef {
    pub id: CertificateId,
}

/// What a manager or admin does with a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateAction {
    /// Pending approval → approved (the recipient is notified).
    Approve,
    /// Any status but revoked → revoked; needs a reason.
    Revoke,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateDecision {
    pub id: CertificateId,
    pub action: CertificateAction,
    /// Required when revoking (1–1000 characters); ignored when approving.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateView {
    pub id: CertificateId,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub recipient: PersonBrief,
    pub series_id: String,
    /// `MD-XXXX-XXXX-XXXX`: what anyone types to verify it.
    pub code: String,
    pub issued_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub status: CertificateStatus,
    /// Approved, and its expiry date is before today (UTC).
    pub expired: bool,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// Its document was prepared (pending generation → pending approval).
    pub generated: Option<StatusStamp>,
    pub approved: Option<StatusStamp>,
    pub revoked: Option<StatusStamp>,
    /// Why it was revoked (empty otherwise).
    pub revoke_reason: String,
    /// What the viewer may do now (managers of the programme and admins only).
    pub can_generate: bool,
    pub can_approve: bool,
    pub can_revoke: bool,
}

/// `certificates_list`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CertificateList {
    pub certificates: Vec<CertificateView>,
    /// Listing one programme the viewer runs: they may issue certificates in it.
    pub can_issue: bool,
    /// The series id an empty `series_id` gets if issued today (when `can_issue`).
    pub suggested_series_id: Option<String>,
    /// Mentees who completed the programme and hold no certificate for it that is not
    /// revoked (when `can_issue`).
    pub eligible: Vec<PersonBrief>,
}

/// A code as someone typed it (case, spaces, dashes and the look-alikes O/I/L do not matter;
/// the `MD-` prefix is optional).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CertificateCode {
    pub code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateVerdict {
    Valid,
    /// Its expiry date is before today (UTC).
    Expired,
    Revoked,
    /// No approved (or revoked after approval) certificate has this code.
    NotFound,
}

/// What verifying a code shows; `certificate` is `None` when not found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateVerification {
    pub verdict: CertificateVerdict,
    /// One sentence saying the verdict, e.g. "No certificate has this code."
    pub message: String,
    pub certificate: Option<VerifiedCertificate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedCertificate {
    pub recipient: String,
    pub programme: String,
    pub series_id: String,
    pub code: String,
    pub issued_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    /// When it was revoked (the reason is not shown publicly).
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Plain fields for the printable certificate (approved certificates only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateDocument {
    pub programme: String,
    pub recipient: String,
    /// "This certifies that … has completed …"
    pub statement: String,
    /// Long dates, e.g. "4 December 2026".
    pub issued_on: String,
    pub expires_on: Option<String>,
    pub series_id: String,
    pub code: String,
    pub approved_by: String,
}
