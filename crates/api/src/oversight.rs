//! Dashboards and meeting reports for programme managers and administrators. Who may read
//! which programmes' figures is `core::oversight::scope`; the figures come from
//! `db::oversight`.

use crate::scheduling::zone_of;
use crate::{Actor, Mentordesk, Result};
use chrono::{Duration, TimeZone, Utc};
use mentordesk_core::local_time;
use mentordesk_core::oversight::{self as rules, Scope};
use mentordesk_core::policy::Command;
use mentordesk_db::appointments::people as people_of;
use mentordesk_db::oversight::{self as repo, MeetingReportRecord};
use mentordesk_db::programmes as programmes_repo;
use mentordesk_db::{audit, Db, SqliteConnection};
use mentordesk_shared::access::Permission;
use mentordesk_shared::ids::{MeetingReportId, ProgrammeId};
use mentordesk_shared::oversight::*;
use mentordesk_shared::ApiError;

impl Mentordesk {
    /// Which programmes the caller reads figures of, and what to call them.
    async fn oversight_scope(
        conn: &mut SqliteConnection,
        actor: &Actor,
        requested: Option<ProgrammeId>,
    ) -> Result<(Scope, String)> {
        let oversees = actor.can(Permission::ProgrammesOversee);
        let managed = repo::managed_by(conn, actor.user).await?;
        let programme = match requested {
            // A programme that does not exist is not found, for overseers too (rather than
            // a report about nothing, which its foreign key refuses).
            Some(id) => Some(
                programmes_repo::find(conn, id)
                    .await?
                    .ok_or_else(|| ApiError::not_found("The programme"))?,
            ),
            None => None,
        };
        let seen = match (&programme, requested) {
            (Some(p), Some(id)) => {
                let standing = Self::standing(conn, actor, id).await?;
                mentordesk_core::programmes::visible(&standing, p.status, &p.criteria)
            }
            _ => false,
        };
        let asked = requested.map(|id| match (programme.is_some(), seen) {
            (true, true) => (id, rules::Requested::Seen),
            _ => (id, rules::Requested::Unseen),
        });
        let scope = rules::scope(oversees, &managed, asked)?;
        let title = match (&programme, oversees) {
            (Some(p), _) => p.name.clone(),
            (None, true) => "All programmes".to_string(),
            (None, false) => "Your programmes".to_string(),
        };
        Ok((scope, title))
    }

    /// A programme's dashboard, or one across every programme the caller runs.
    pub async fn dashboard_get(&self, req: DashboardQuery) -> Result<Dashboard> {
        let actor = self.require(Command::DashboardGet).await?;
        rules::check_range(req.from, req.to)?;
        let mut conn = self.db.read().await?;
        let (scope, title) = Self::oversight_scope(&mut conn, &actor, req.programme_id).await?;
        let today = local_time::today(zone_of(&mut conn, actor.user).await?, self.now());
        let (from_day, to_day) = (rules::day_number(req.from), rules::day_number(req.to));
        let facts = rules::DashboardFacts {
            programmes: repo::programmes(&mut conn, &scope).await?,
            weeks: repo::week_counts(&mut conn, &scope, from_day, to_day).await?,
            counts: repo::programme_counts(&mut conn, &scope, from_day, to_day)
                .await?
                .into_iter()
                .map(|c| {
                    (
                        c.programme_id,
                        c.status,
                        c.sessions,
                        c.rating_sum,
                        c.ratings,
                    )
                })
                .collect(),
            active_pairs: repo::active_pairs(&mut conn, &scope).await?,
            overdue_tasks: repo::overdue_tasks(&mut conn, &scope, today).await?,
            overdue_action_items: repo::overdue_action_items(&mut conn, &scope, today).await?,
            open_blockers: repo::open_blockers(&mut conn, &scope).await?,
            mentor_loads: repo::mentors_at_capacity(&mut conn, &scope)
                .await?
                .into_iter()
                .map(|m| {
                    (
                        MentorLoad {
                            user_id: m.user_id,
                            name: format!("{} {}", m.first_name, m.last_name),
                            mentees: m.mentees,
                            capacity: 0,
                        },
                        m.capacity,
                    )
                })
                .collect(),
        };
        Ok(rules::dashboard(
            req.programme_id,
            title,
            req.from,
            req.to,
            facts,
        ))
    }

    async fn report_view(
        conn: &mut SqliteConnection,
        record: MeetingReportRecord,
    ) -> Result<MeetingReport> {
        let author = people_of(conn, &[record.created_by])
            .await?
            .pop()
            .map(|p| p.name())
            .unwrap_or_else(|| "Someone".to_string());
        let (programmes, totals) = rules::report_totals(&record.rows);
        Ok(MeetingReport {
            id: record.id,
            title: record.title,
            programme_id: record.programme_id,
            scope: record
                .programme_name
                .unwrap_or_else(|| "All programmes".to_string()),
            from: record.from,
            to: record.to,
            rows: record.rows,
            programmes,
            totals,
            created_by: author,
            created_at: record.created_at,
        })
    }

    /// Counts a range's meetings per programme and mentor and saves them as a report.
    pub async fn meeting_reports_create(&self, req: NewMeetingReport) -> Result<MeetingReport> {
        let actor = self.require(Command::MeetingReportsCreate).await?;
        let req = rules::report_request(&req)?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (scope, _) = Self::oversight_scope(&mut tx, &actor, req.programme_id).await?;
        if scope == Scope::Programmes(Vec::new()) {
            return Err(ApiError::conflict(
                "You do not run any programme, so there is nothing to report on.",
            ));
        }
        let id = Self::save_report(&mut tx, &scope, &req, actor.user, now).await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "meeting_report.create",
            None,
            &format!("{} ({} to {})", req.title, req.from, req.to),
        )
        .await?;
        let record = repo::find_report(&mut tx, id)
            .await?
            .ok_or_else(|| ApiError::internal("The saved report could not be read back."))?;
        let view = Self::report_view(&mut tx, record).await?;
        Db::commit(tx).await?;
        Ok(view)
    }

    /// Counts the range's meetings in `scope` per programme and mentor and stores them as a
    /// report by `author`.
    pub(crate) async fn save_report(
        tx: &mut SqliteConnection,
        scope: &Scope,
        req: &NewMeetingReport,
        author: mentordesk_shared::ids::UserId,
        now: chrono::DateTime<Utc>,
    ) -> Result<MeetingReportId> {
        // The range's UTC days, the end day included (checked: the range was validated,
        // but the end of the calendar must not overflow either way).
        let from = Utc.from_utc_datetime(&req.from.and_time(chrono::NaiveTime::MIN));
        let to = Utc
            .from_utc_datetime(&req.to.and_time(chrono::NaiveTime::MIN))
            .checked_add_signed(Duration::days(1))
            .unwrap_or(chrono::DateTime::<Utc>::MAX_UTC);
        let counts = repo::report_counts(tx, scope, from, to)
            .await?
            .into_iter()
            .map(|c| rules::MentorStatusCount {
                programme_id: c.programme_id,
                programme_name: c.programme_name,
                mentor_id: c.mentor_id,
                mentor_name: format!("{} {}", c.first_name, c.last_name),
                status: c.status,
                sessions: c.sessions,
            })
            .collect();
        let rows = rules::report_rows(counts);
        let id = MeetingReportId(uuid::Uuid::now_v7());
        repo::insert_report(
            tx,
            id,
            &req.title,
            req.programme_id,
            req.from,
            req.to,
            &rows,
            author,
            now,
        )
        .await?;
        Ok(id)
    }

    /// A saved report, for its author, administrators and the managers of its programme.
    async fn readable_report(
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: MeetingReportId,
    ) -> Result<MeetingReportRecord> {
        let record = repo::find_report(conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The report"))?;
        let may_read = actor.can(Permission::ProgrammesOversee)
            || record.created_by == actor.user
            || match record.programme_id {
                Some(p) => repo::managed_by(conn, actor.user).await?.contains(&p),
                None => false,
            };
        if !may_read {
            return Err(ApiError::not_found("The report"));
        }
        Ok(record)
    }

    pub async fn meeting_reports_list(
        &self,
        req: MeetingReportQuery,
    ) -> Result<Vec<MeetingReportSummary>> {
        let actor = self.require(Command::MeetingReportsList).await?;
        let mut conn = self.db.read().await?;
        if let Some(id) = req.programme_id {
            // Only those who may read the programme's figures list its reports.
            Self::oversight_scope(&mut conn, &actor, Some(id)).await?;
        }
        let managed = if actor.can(Permission::ProgrammesOversee) {
            None
        } else {
            Some(repo::managed_by(&mut conn, actor.user).await?)
        };
        let records =
            repo::list_reports(&mut conn, req.programme_id, actor.user, managed.as_deref()).await?;
        let mut out = Vec::with_capacity(records.len());
        for record in records {
            let view = Self::report_view(&mut conn, record).await?;
            out.push(MeetingReportSummary {
                id: view.id,
                title: view.title,
                scope: view.scope,
                from: view.from,
                to: view.to,
                totals: view.totals,
                created_by: view.created_by,
                created_at: view.created_at,
            });
        }
        Ok(out)
    }

    pub async fn meeting_reports_get(&self, req: MeetingReportRef) -> Result<MeetingReport> {
        let actor = self.require(Command::MeetingReportsGet).await?;
        let mut conn = self.db.read().await?;
        let record = Self::readable_report(&mut conn, &actor, req.report_id).await?;
        Self::report_view(&mut conn, record).await
    }

    /// Writes a saved report to the Downloads folder as CSV or PDF.
    pub async fn meeting_reports_export(
        &self,
        req: MeetingReportExport,
    ) -> Result<mentordesk_shared::admin::SavedDocument> {
        let actor = self.require(Command::MeetingReportsExport).await?;
        let report = {
            let mut conn = self.db.read().await?;
            let record = Self::readable_report(&mut conn, &actor, req.report_id).await?;
            Self::report_view(&mut conn, record).await?
        };
        let file_name = rules::report_file_name(&report, req.format);
        let bytes = match req.format {
            ExportFormat::Csv => rules::report_csv(&report).into_bytes(),
            ExportFormat::Pdf => {
                let generated = self.now();
                crate::blocking(move || Ok(rules::report_pdf(&report, generated))).await?
            }
        };
        self.files
            .save_document(&self.downloads_dir, &file_name, bytes)
            .await
    }
}
