//! Dashboards and meeting reports: which programmes a viewer may read figures of, how
//! sessions are counted (scheduled, attended, cancelled, no-show), weeks, averages and
//! the report's rows and exports.
//!
//! Days are UTC calendar days: a day's sessions are those starting in it. Two managers in
//! different zones therefore read the same figures, and a saved report does not change
//! with who opens it.

use crate::programmes::Capacity;
use chrono::{Datelike, Duration, NaiveDate};
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::ids::ProgrammeId;
use mentordesk_shared::oversight::*;
use mentordesk_shared::scheduling::SessionStatus;
use mentordesk_shared::ApiError;

/// The longest range a dashboard or report covers.
pub const MAX_RANGE_DAYS: i64 = 731;
pub const REPORT_TITLE_MAX: usize = 120;

/// Which programmes' figures a request reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every programme (holders of `programmes.oversee`).
    All,
    /// These programmes (the ones the viewer manages, or one of them).
    Programmes(Vec<ProgrammeId>),
}

/// What the viewer is to a programme they asked the figures of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested {
    /// No such programme, or one the viewer may not see.
    Unseen,
    /// One the viewer sees (a member, or its catalogue page).
    Seen,
}

/// Dashboards and reports are for a programme's managers and for administrators; members
/// of a programme are told its figures are not theirs to read, anyone else gets
/// `not_found` (its existence does not leak); someone who runs no programme reads figures
/// of none.
pub fn scope(
    oversees: bool,
    managed: &[ProgrammeId],
    requested: Option<(ProgrammeId, Requested)>,
) -> Result<Scope, ApiError> {
    match requested {
        Some((id, _)) if oversees || managed.contains(&id) => Ok(Scope::Programmes(vec![id])),
        Some((_, Requested::Seen)) => Err(ApiError::forbidden(
            "Only this programme's managers and administrators read its figures.",
        )),
        Some((_, Requested::Unseen)) => Err(ApiError::not_found("The programme")),
        None if oversees => Ok(Scope::All),
        None => Ok(Scope::Programmes(managed.to_vec())),
    }
}

/// A range a person picked: both dates in the years requests may name
/// (`validate::date`), the end not before the start, at most two years.
pub fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), ApiError> {
    let mut errors = FieldErrors::new();
    let from_ok = errors.check("from", crate::validate::date(from)).is_some();
    let to_ok = errors.check("to", crate::validate::date(to)).is_some();
    if !(from_ok && to_ok) {
        return errors.into_result();
    }
    if to < from {
        errors.add("to", "The end date is before the start date.");
    } else if (to - from).num_days() >= MAX_RANGE_DAYS {
        errors.add("to", "Choose a range of at most two years.");
    }
    errors.into_result()
}

/// Days since 1970-01-01 (what `programme_session_days.day` holds).
pub fn day_number(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")).num_days()
}

/// The date `day` days after 1970-01-01; days beyond what chrono represents give its
/// earliest or latest date rather than overflow.
pub fn date_of_day(day: i64) -> NaiveDate {
    Duration::try_days(day)
        .and_then(|d| {
            NaiveDate::from_ymd_opt(1970, 1, 1)
                .expect("valid date")
                .checked_add_signed(d)
        })
        .unwrap_or(if day < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// The Monday-based week a day falls in (1970-01-01 was a Thursday).
pub fn week_of_day(day: i64) -> i64 {
    (day + 3).div_euclid(7)
}

pub fn monday_of_week(week: i64) -> NaiveDate {
    date_of_day(week.saturating_mul(7).saturating_sub(3))
}

/// Adds `sessions` with status `status` to `counts`; statuses that are not meetings
/// (requests, proposals, declines) count for nothing.
pub fn count_into(counts: &mut SessionCounts, status: &str, sessions: u32) {
    match SessionStatus::ALL.into_iter().find(|s| s.key() == status) {
        Some(SessionStatus::Confirmed) => {
            counts.scheduled += sessions;
            counts.upcoming += sessions;
        }
        Some(SessionStatus::Completed) => {
            counts.scheduled += sessions;
            counts.attended += sessions;
        }
        Some(SessionStatus::NoShow) => {
            counts.scheduled += sessions;
            counts.no_show += sessions;
        }
        Some(SessionStatus::Cancelled) => counts.cancelled += sessions,
        _ => {}
    }
}

/// Every week touching `from..=to`, with the counts of `(week, status, sessions)` rows;
/// weeks without sessions are there with zeros so a chart keeps its time axis.
pub fn weeks(from: NaiveDate, to: NaiveDate, rows: &[(i64, String, u32)]) -> Vec<WeekFigures> {
    let first = week_of_day(day_number(from));
    let last = week_of_day(day_number(to));
    (first..=last)
        .map(|week| {
            let mut counts = SessionCounts::default();
            for (_, status, n) in rows.iter().filter(|(w, _, _)| *w == week) {
                count_into(&mut counts, status, *n);
            }
            WeekFigures {
                week_start: monday_of_week(week),
                counts,
            }
        })
        .collect()
}

/// The average of `ratings` star ratings summing to `sum`, rounded to a tenth.
pub fn average(sum: u64, ratings: u64) -> Option<AverageRating> {
    (ratings > 0).then(|| AverageRating {
        tenths: ((sum * 10 * 2 + ratings) / (ratings * 2)) as u32,
        ratings: ratings as u32,
    })
}

/// Mentors whose approved matches reach their capacity, fullest first, then by name.
pub fn at_capacity(mut loads: Vec<(MentorLoad, Option<u32>)>) -> Vec<MentorLoad> {
    loads.retain(|(load, max)| {
        Capacity {
            max: *max,
            accepting: true,
            current: load.mentees,
        }
        .at_or_over()
    });
    let mut out: Vec<MentorLoad> = loads
        .into_iter()
        .map(|(mut load, max)| {
            load.capacity = Capacity {
                max,
                accepting: true,
                current: load.mentees,
            }
            .limit();
            load
        })
        .collect();
    out.sort_by(|a, b| {
        (b.mentees as i64 - b.capacity as i64)
            .cmp(&(a.mentees as i64 - a.capacity as i64))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// A dashboard's programme lines, busiest first (scheduled sessions, then pairs, then name).
pub fn sort_programmes(programmes: &mut [ProgrammeFigures]) {
    programmes.sort_by(|a, b| {
        b.counts
            .scheduled
            .cmp(&a.counts.scheduled)
            .then(b.active_pairs.cmp(&a.active_pairs))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
}

/// What the database says about the programmes in a dashboard's scope.
#[derive(Debug, Default)]
pub struct DashboardFacts {
    pub programmes: Vec<(
        ProgrammeId,
        String,
        mentordesk_shared::programmes::ProgrammeStatus,
    )>,
    /// (Monday-based week number, status, sessions).
    pub weeks: Vec<(i64, String, u32)>,
    /// (programme, status, sessions, sum of ratings, ratings).
    pub counts: Vec<(ProgrammeId, String, u32, u64, u64)>,
    pub active_pairs: Vec<(ProgrammeId, u32)>,
    pub overdue_tasks: Vec<(ProgrammeId, u32)>,
    pub overdue_action_items: Vec<(ProgrammeId, u32)>,
    pub open_blockers: Vec<(ProgrammeId, u32)>,
    pub mentor_loads: Vec<(MentorLoad, Option<u32>)>,
}

/// The dashboard from its facts: one line per programme, totals over them, the weeks.
pub fn dashboard(
    programme_id: Option<ProgrammeId>,
    title: String,
    from: NaiveDate,
    to: NaiveDate,
    facts: DashboardFacts,
) -> Dashboard {
    let of = |list: &[(ProgrammeId, u32)], id: ProgrammeId| {
        list.iter().find(|(p, _)| *p == id).map_or(0, |(_, n)| *n)
    };
    let mut programmes: Vec<ProgrammeFigures> = facts
        .programmes
        .iter()
        .map(|(id, name, status)| {
            let mut counts = SessionCounts::default();
            let (mut sum, mut ratings) = (0, 0);
            for (_, s, n, rs, r) in facts.counts.iter().filter(|c| c.0 == *id) {
                count_into(&mut counts, s, *n);
                sum += rs;
                ratings += r;
            }
            ProgrammeFigures {
                programme_id: *id,
                name: name.clone(),
                status: *status,
                active_pairs: of(&facts.active_pairs, *id),
                counts,
                rating: average(sum, ratings),
                overdue_tasks: of(&facts.overdue_tasks, *id),
                overdue_action_items: of(&facts.overdue_action_items, *id),
                open_blockers: of(&facts.open_blockers, *id),
            }
        })
        .collect();
    sort_programmes(&mut programmes);
    let mut counts = SessionCounts::default();
    for p in &programmes {
        counts.add(&p.counts);
    }
    let sum: u64 = facts.counts.iter().map(|c| c.3).sum();
    let ratings: u64 = facts.counts.iter().map(|c| c.4).sum();
    let total = |f: fn(&ProgrammeFigures) -> u32| programmes.iter().map(f).sum::<u32>();
    Dashboard {
        programme_id,
        title,
        from,
        to,
        active_pairs: total(|p| p.active_pairs),
        counts,
        rating: average(sum, ratings),
        weeks: weeks(from, to, &facts.weeks),
        mentors_at_capacity: at_capacity(facts.mentor_loads),
        overdue_tasks: total(|p| p.overdue_tasks),
        overdue_action_items: total(|p| p.overdue_action_items),
        open_blockers: total(|p| p.open_blockers),
        programmes,
    }
}

/// What a manager typed to save a report: a title and a valid range.
pub fn report_request(input: &NewMeetingReport) -> Result<NewMeetingReport, ApiError> {
    let title = input.title.trim().to_string();
    let mut errors = FieldErrors::new();
    if title.is_empty() {
        errors.add("title", "Give the report a title.");
    } else if title.chars().count() > REPORT_TITLE_MAX {
        errors.add(
            "title",
            format!("Keep the title to {REPORT_TITLE_MAX} characters."),
        );
    } else {
        errors.check(
            "title",
            crate::validate::check_characters(&title, crate::validate::Lines::Single),
        );
    }
    if let Err(e) = check_range(input.from, input.to) {
        for f in e.fields {
            errors.add(&f.field, f.message);
        }
    }
    errors.into_result()?;
    Ok(NewMeetingReport {
        title,
        ..input.clone()
    })
}

/// One (programme, mentor, status) count as the database groups sessions.
#[derive(Debug, Clone)]
pub struct MentorStatusCount {
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub mentor_id: mentordesk_shared::ids::UserId,
    pub mentor_name: String,
    pub status: String,
    pub sessions: u32,
}

/// A report's rows: one per programme and mentor, sorted by programme then mentor.
pub fn report_rows(counts: Vec<MentorStatusCount>) -> Vec<MeetingReportRow> {
    let mut rows: Vec<MeetingReportRow> = Vec::new();
    let mut index_of = std::collections::HashMap::new();
    for c in counts {
        let index = match index_of.get(&(c.programme_id, c.mentor_id)) {
            Some(i) => *i,
            None => {
                index_of.insert((c.programme_id, c.mentor_id), rows.len());
                rows.push(MeetingReportRow {
                    programme_id: c.programme_id,
                    programme_name: c.programme_name,
                    mentor_id: c.mentor_id,
                    mentor_name: c.mentor_name,
                    counts: SessionCounts::default(),
                });
                rows.len() - 1
            }
        };
        count_into(&mut rows[index].counts, &c.status, c.sessions);
    }
    sort_report_rows(&mut rows);
    rows
}

/// A report's per-programme lines and totals from its per-mentor rows (already sorted by
/// programme then mentor).
pub fn report_totals(rows: &[MeetingReportRow]) -> (Vec<MeetingReportProgramme>, SessionCounts) {
    let mut programmes: Vec<MeetingReportProgramme> = Vec::new();
    let mut totals = SessionCounts::default();
    for row in rows {
        totals.add(&row.counts);
        match programmes.last_mut() {
            Some(p) if p.programme_id == row.programme_id => p.counts.add(&row.counts),
            _ => programmes.push(MeetingReportProgramme {
                programme_id: row.programme_id,
                programme_name: row.programme_name.clone(),
                counts: row.counts,
            }),
        }
    }
    (programmes, totals)
}

/// Sorts report rows by programme name, then mentor name.
pub fn sort_report_rows(rows: &mut [MeetingReportRow]) {
    rows.sort_by(|a, b| {
        a.programme_name
            .to_lowercase()
            .cmp(&b.programme_name.to_lowercase())
            .then(a.programme_id.cmp(&b.programme_id))
            .then_with(|| {
                a.mentor_name
                    .to_lowercase()
                    .cmp(&b.mentor_name.to_lowercase())
            })
    });
}

/// The report as CSV (RFC 4180, CRLF, UTF-8 with a BOM so spreadsheets read accents):
/// one line per programme and mentor, then one total line per programme and the total.
pub fn report_csv(report: &MeetingReport) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "Programme",
        "Mentor",
        "Scheduled",
        "Attended",
        "No-show",
        "Cancelled",
        "Upcoming",
    ];
    let line = |programme: &str, mentor: &str, c: &SessionCounts| {
        vec![
            programme.to_string(),
            mentor.to_string(),
            c.scheduled.to_string(),
            c.attended.to_string(),
            c.no_show.to_string(),
            c.cancelled.to_string(),
            c.upcoming.to_string(),
        ]
    };
    // Writing to a Vec cannot fail.
    let _ = out.write_record(header);
    for row in &report.rows {
        let _ = out.write_record(line(&row.programme_name, &row.mentor_name, &row.counts));
    }
    for p in &report.programmes {
        let _ = out.write_record(line(&p.programme_name, "All mentors", &p.counts));
    }
    let _ = out.write_record(line("All programmes", "All mentors", &report.totals));
    let bytes = out.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// The report as a printable PDF: what it covers, totals, then the per-programme and
/// per-mentor tables.
pub fn report_pdf(report: &MeetingReport, generated: chrono::DateTime<chrono::Utc>) -> Vec<u8> {
    use crate::pdf::{Block, Column, Document};
    let numbers = |c: &SessionCounts| {
        vec![
            c.scheduled.to_string(),
            c.attended.to_string(),
            c.no_show.to_string(),
            c.cancelled.to_string(),
            c.upcoming.to_string(),
        ]
    };
    let figure_columns = || {
        ["Scheduled", "Attended", "No-show", "Cancelled", "Upcoming"]
            .into_iter()
            .map(|t| Column {
                title: t.to_string(),
                width: 1.0,
                numeric: true,
            })
    };
    let mut programmes = vec![Column {
        title: "Programme".into(),
        width: 3.0,
        numeric: false,
    }];
    programmes.extend(figure_columns());
    let mut mentors = vec![
        Column {
            title: "Programme".into(),
            width: 2.2,
            numeric: false,
        },
        Column {
            title: "Mentor".into(),
            width: 2.2,
            numeric: false,
        },
    ];
    mentors.extend(figure_columns());
    let attendance = report
        .totals
        .attendance_percent()
        .map_or("no meetings held or missed yet".to_string(), |p| {
            format!("{p}%")
        });
    let mut programme_rows: Vec<Vec<String>> = report
        .programmes
        .iter()
        .map(|p| {
            let mut row = vec![p.programme_name.clone()];
            row.extend(numbers(&p.counts));
            row
        })
        .collect();
    let mut total = vec!["All programmes".to_string()];
    total.extend(numbers(&report.totals));
    programme_rows.push(total);
    let doc = Document {
        title: report.title.clone(),
        footer: format!("{} · {}", report.title, report.scope),
        blocks: vec![
            Block::Heading(report.title.clone()),
            Block::KeyValues(vec![
                ("Programmes".into(), report.scope.clone()),
                (
                    "Dates".into(),
                    format!(
                        "{} to {} (UTC days, both included)",
                        short_date(report.from),
                        short_date(report.to)
                    ),
                ),
                (
                    "Saved by".into(),
                    format!(
                        "{} on {}",
                        report.created_by,
                        short_date(report.created_at.date_naive())
                    ),
                ),
                ("Exported".into(), short_date(generated.date_naive())),
                (
                    "Meetings".into(),
                    format!(
                        "{} scheduled, {} attended, {} no-shows, {} cancelled; attendance {}",
                        report.totals.scheduled,
                        report.totals.attended,
                        report.totals.no_show,
                        report.totals.cancelled,
                        attendance
                    ),
                ),
            ]),
            Block::Heading("Per programme".into()),
            Block::Table {
                columns: programmes,
                rows: programme_rows,
            },
            Block::Heading("Per mentor".into()),
            if report.rows.is_empty() {
                Block::Paragraph("No meetings in this range.".into())
            } else {
                Block::Table {
                    columns: mentors,
                    rows: report
                        .rows
                        .iter()
                        .map(|r| {
                            let mut row = vec![r.programme_name.clone(), r.mentor_name.clone()];
                            row.extend(numbers(&r.counts));
                            row
                        })
                        .collect(),
                }
            },
        ],
    };
    crate::pdf::render(&doc)
}

/// A file name for a report export: its title and range, safe on every platform.
pub fn report_file_name(report: &MeetingReport, format: ExportFormat) -> String {
    let title: String = report
        .title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{} {} to {}.{}",
        if title.is_empty() {
            "Meeting report"
        } else {
            &title
        },
        report.from,
        report.to,
        format.extension()
    )
}

/// "4 Dec 2026", the form dates take in exports.
pub fn short_date(date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentordesk_shared::ids::UserId;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn pid() -> ProgrammeId {
        ProgrammeId(Uuid::now_v7())
    }

    #[test]
    fn only_managers_and_overseers_read_figures() {
        let (a, b) = (pid(), pid());
        use Requested::*;
        assert_eq!(scope(true, &[], None).unwrap(), Scope::All);
        assert_eq!(
            scope(false, &[a, b], None).unwrap(),
            Scope::Programmes(vec![a, b])
        );
        assert_eq!(
            scope(false, &[a], Some((a, Seen))).unwrap(),
            Scope::Programmes(vec![a])
        );
        assert_eq!(
            scope(true, &[], Some((b, Unseen))).unwrap(),
            Scope::Programmes(vec![b])
        );
        let member = scope(false, &[a], Some((b, Seen))).unwrap_err();
        assert_eq!(member.code, mentordesk_shared::ErrorCode::Forbidden);
        let other = scope(false, &[a], Some((b, Unseen))).unwrap_err();
        assert_eq!(other.code, mentordesk_shared::ErrorCode::NotFound);
        assert_eq!(scope(false, &[], None).unwrap(), Scope::Programmes(vec![]));
    }

    #[test]
    fn ranges_end_after_they_start_and_span_two_years_at_most() {
        assert!(check_range(d(2026, 1, 1), d(2026, 1, 1)).is_ok());
        let back = check_range(d(2026, 2, 1), d(2026, 1, 1)).unwrap_err();
        assert_eq!(
            back.field_message("to"),
            Some("The end date is before the start date.")
        );
        assert!(check_range(d(2025, 1, 1), d(2026, 12, 31)).is_ok());
        assert!(check_range(d(2025, 1, 1), d(2027, 1, 2)).is_err());
    }

    #[test]
    fn weeks_start_on_monday_and_cover_the_range() {
        // 1970-01-05 was a Monday.
        assert_eq!(
            monday_of_week(week_of_day(day_number(d(1970, 1, 5)))),
            d(1970, 1, 5)
        );
        assert_eq!(
            monday_of_week(week_of_day(day_number(d(1970, 1, 1)))),
            d(1969, 12, 29)
        );
        // Thursday 3 Dec 2026 belongs to the week of Monday 30 Nov; Sunday 6 Dec too.
        let thu = day_number(d(2026, 12, 3));
        let sun = day_number(d(2026, 12, 6));
        let mon = day_number(d(2026, 12, 7));
        assert_eq!(week_of_day(thu), week_of_day(sun));
        assert_eq!(week_of_day(mon), week_of_day(sun) + 1);
        let w = week_of_day(thu);
        let rows = vec![
            (w, "completed".to_string(), 3),
            (w, "no_show".to_string(), 1),
            (w, "requested".to_string(), 9),
            (w + 1, "cancelled".to_string(), 2),
            (w + 1, "confirmed".to_string(), 4),
        ];
        let weeks = weeks(d(2026, 12, 3), d(2026, 12, 21), &rows);
        assert_eq!(weeks.len(), 4);
        assert_eq!(weeks[0].week_start, d(2026, 11, 30));
        assert_eq!(
            weeks[0].counts,
            SessionCounts {
                scheduled: 4,
                attended: 3,
                no_show: 1,
                cancelled: 0,
                upcoming: 0
            }
        );
        assert_eq!(weeks[1].counts.scheduled, 4);
        assert_eq!(weeks[1].counts.cancelled, 2);
        assert_eq!(weeks[3].week_start, d(2026, 12, 21));
        assert_eq!(weeks[3].counts, SessionCounts::default());
        assert_eq!(weeks[0].counts.attendance_percent(), Some(75));
    }

    #[test]
    fn averages_round_to_a_tenth() {
        assert_eq!(average(0, 0), None);
        assert_eq!(average(9, 2).unwrap().label(), "4.5");
        assert_eq!(average(13, 3).unwrap().label(), "4.3");
        assert_eq!(average(14, 3).unwrap().label(), "4.7");
        assert_eq!(average(5, 1).unwrap().tenths, 50);
    }

    #[test]
    fn mentors_at_capacity_are_those_whose_matches_reach_it() {
        let load = |name: &str, mentees| MentorLoad {
            user_id: UserId(Uuid::now_v7()),
            name: name.to_string(),
            mentees,
            capacity: 0,
        };
        let out = at_capacity(vec![
            (load("Ann", 2), None),    // 2 of the default 3
            (load("Ben", 3), None),    // at the default
            (load("Cat", 5), Some(4)), // over
            (load("Dan", 1), Some(1)), // at
            (load("Eve", 0), Some(0)), // takes none
            (load("Fay", 1), Some(2)), // room left
        ]);
        let names: Vec<_> = out.iter().map(|m| (m.name.as_str(), m.capacity)).collect();
        assert_eq!(names, vec![("Cat", 4), ("Ben", 3), ("Dan", 1), ("Eve", 0)]);
    }

    #[test]
    fn reports_need_a_title_and_a_range() {
        let bad = report_request(&NewMeetingReport {
            title: "  ".into(),
            programme_id: None,
            from: d(2026, 3, 1),
            to: d(2026, 2, 1),
        })
        .unwrap_err();
        assert_eq!(bad.field_message("title"), Some("Give the report a title."));
        assert!(bad.field_message("to").is_some());
        let ok = report_request(&NewMeetingReport {
            title: "  Q1 meetings ".into(),
            programme_id: None,
            from: d(2026, 1, 1),
            to: d(2026, 3, 31),
        })
        .unwrap();
        assert_eq!(ok.title, "Q1 meetings");
    }

    fn row(programme: ProgrammeId, pname: &str, mentor: &str, attended: u32) -> MeetingReportRow {
        let mut counts = SessionCounts::default();
        count_into(&mut counts, "completed", attended);
        count_into(&mut counts, "no_show", 1);
        count_into(&mut counts, "cancelled", 2);
        MeetingReportRow {
            programme_id: programme,
            programme_name: pname.to_string(),
            mentor_id: UserId(Uuid::now_v7()),
            mentor_name: mentor.to_string(),
            counts,
        }
    }

    #[test]
    fn report_csv_lists_mentors_programmes_and_totals() {
        let (a, b) = (pid(), pid());
        let mut rows = vec![
            row(b, "Women in Tech", "Zoë Łukasiewicz", 3),
            row(a, "Data, \"Science\" Fellows", "Amara Nwosu", 2),
            row(b, "Women in Tech", "Amara Nwosu", 1),
        ];
        sort_report_rows(&mut rows);
        let (programmes, totals) = report_totals(&rows);
        assert_eq!(programmes.len(), 2);
        assert_eq!(totals.attended, 6);
        assert_eq!(totals.scheduled, 9);
        let report = MeetingReport {
            id: mentordesk_shared::ids::MeetingReportId(Uuid::now_v7()),
            title: "Autumn: meetings/attendance".into(),
            programme_id: None,
            scope: "All programmes".into(),
            from: d(2026, 9, 1),
            to: d(2026, 11, 30),
            rows,
            programmes,
            totals,
            created_by: "Priya Raman".into(),
            created_at: chrono::Utc::now(),
        };
        let csv = report_csv(&report);
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Programme,Mentor,Scheduled,Attended,No-show,Cancelled,Upcoming"
        );
        assert_eq!(
            lines[1],
            "\"Data, \"\"Science\"\" Fellows\",Amara Nwosu,3,2,1,2,0"
        );
        assert_eq!(lines[2], "Women in Tech,Amara Nwosu,2,1,1,2,0");
        assert_eq!(lines[3], "Women in Tech,Zoë Łukasiewicz,4,3,1,2,0");
        assert_eq!(
            lines[4],
            "\"Data, \"\"Science\"\" Fellows\",All mentors,3,2,1,2,0"
        );
        assert_eq!(lines[5], "Women in Tech,All mentors,6,4,2,4,0");
        assert_eq!(lines[6], "All programmes,All mentors,9,6,3,6,0");
        assert_eq!(
            report_file_name(&report, ExportFormat::Csv),
            "Autumn meetings attendance 2026-09-01 to 2026-11-30.csv"
        );
    }

    #[test]
    fn ranges_at_the_ends_of_the_calendar_are_refused_and_never_overflow() {
        for (from, to) in [
            (NaiveDate::MAX, NaiveDate::MAX),
            (NaiveDate::MIN, NaiveDate::MIN),
            (NaiveDate::MIN, NaiveDate::MAX),
        ] {
            let err = check_range(from, to).unwrap_err();
            assert!(err.field_message("from").is_some() || err.field_message("to").is_some());
            // The arithmetic itself saturates instead of panicking.
            let _ = weeks(from, to.min(from), &[]);
        }
        assert_eq!(date_of_day(i64::MAX), NaiveDate::MAX);
        assert_eq!(date_of_day(i64::MIN), NaiveDate::MIN);
        let report = NewMeetingReport {
            title: "\u{0}Quarter".into(),
            programme_id: None,
            from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        };
        let err = report_request(&report).unwrap_err();
        assert!(err
            .field_message("title")
            .unwrap()
            .contains("control characters"));
    }
}
