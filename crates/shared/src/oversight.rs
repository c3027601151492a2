//! What programme managers read: dashboards (per programme and across programmes) and
//! meeting reports (seed 002 Reports: meetings scheduled vs attended over a date range).
//!
//! Days are UTC calendar days, so two managers in different zones read the same figures;
//! weeks start on Monday.

use crate::ids::{MeetingReportId, ProgrammeId, UserId};
use crate::programmes::ProgrammeStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A dashboard for one programme, or across every programme the viewer runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardQuery {
    pub programme_id: Option<ProgrammeId>,
    /// First and last day of the range, both included.
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Sessions by what became of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionCounts {
    /// On the calendar and not cancelled: attended + no-shows + still to happen.
    pub scheduled: u32,
    /// Held (completed).
    pub attended: u32,
    pub cancelled: u32,
    pub no_show: u32,
    /// Confirmed, not yet marked held or missed.
    pub upcoming: u32,
}

impl SessionCounts {
    /// Attended out of those that are over (attended + no-shows), as a whole percentage.
    pub fn attendance_percent(&self) -> Option<u32> {
        let over = self.attended + self.no_show;
        (over > 0).then(|| (self.attended * 100 + over / 2) / over)
    }

    pub fn add(&mut self, other: &SessionCounts) {
        self.scheduled += other.scheduled;
        self.attended += other.attended;
        self.cancelled += other.cancelled;
        self.no_show += other.no_show;
        self.upcoming += other.upcoming;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekFigures {
    /// The Monday the week starts on (the first week may start before the range).
    pub week_start: NaiveDate,
    pub counts: SessionCounts,
}

/// An average of 1–5 star ratings, kept as tenths so views compare exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AverageRating {
    pub tenths: u32,
    pub ratings: u32,
}

impl AverageRating {
    pub fn label(&self) -> String {
        format!("{}.{}", self.tenths / 10, self.tenths % 10)
    }
}

/// One programme's line on a dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeFigures {
    pub programme_id: ProgrammeId,
    pub name: String,
    pub status: ProgrammeStatus,
    pub active_pairs: u32,
    pub counts: SessionCounts,
    pub rating: Option<AverageRating>,
    pub overdue_tasks: u32,
    pub overdue_action_items: u32,
    pub open_blockers: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorLoad {
    pub user_id: UserId,
    pub name: String,
    /// Approved matches across programmes.
    pub mentees: u32,
    pub capacity: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub programme_id: Option<ProgrammeId>,
    /// The programme's name, or "All programmes" / "Your programmes".
    pub title: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub active_pairs: u32,
    pub counts: SessionCounts,
    pub rating: Option<AverageRating>,
    /// Every week touching the range, oldest first, including empty ones.
    pub weeks: Vec<WeekFigures>,
    /// Mentors at or over capacity, fullest first.
    pub mentors_at_capacity: Vec<MentorLoad>,
    pub overdue_tasks: u32,
    pub overdue_action_items: u32,
    pub open_blockers: u32,
    /// One line per programme in scope, busiest first.
    pub programmes: Vec<ProgrammeFigures>,
}

// ---- Meeting reports (seed 002) ----

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMeetingReport {
    pub title: String,
    /// One programme, or every programme the author runs.
    pub programme_id: Option<ProgrammeId>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// One mentor's meetings in one programme over the report's range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingReportRow {
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub mentor_id: UserId,
    pub mentor_name: String,
    pub counts: SessionCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingReportProgramme {
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub counts: SessionCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingReport {
    pub id: MeetingReportId,
    pub title: String,
    pub programme_id: Option<ProgrammeId>,
    /// The programme's name, or "All programmes".
    pub scope: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Per programme and mentor, by programme then mentor name.
    pub rows: Vec<MeetingReportRow>,
    /// Per programme, in the same order.
    pub programmes: Vec<MeetingReportProgramme>,
    pub totals: SessionCounts,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingReportSummary {
    pub id: MeetingReportId,
    pub title: String,
    pub scope: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub totals: SessionCounts,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingReportQuery {
    /// Reports of one programme, or every report the viewer may read.
    pub programme_id: Option<ProgrammeId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingReportRef {
    pub report_id: MeetingReportId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Pdf,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Pdf => "pdf",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingReportExport {
    pub report_id: MeetingReportId,
    pub format: ExportFormat,
}
