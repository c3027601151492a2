//! A programme's tasks and reports. Who may do what is `core::programme_work` on top of the
//! caller's standing in the programme (`core::programmes`).

use crate::people::person_in;
use crate::{Actor, Mentordesk, Result};
use mentordesk_core::local_time;
use mentordesk_core::policy::Command;
use mentordesk_core::programme_work as rules;
use mentordesk_core::programmes::{require_manager, require_not_archived, Standing};
use mentordesk_db::appointments::people as people_of;
use mentordesk_db::programme_work::{self as repo, ReportRecord, TaskRecord};
use mentordesk_db::programmes as programmes_repo;
use mentordesk_db::{audit, Db, SqliteConnection};
use mentordesk_shared::ids::{ProgrammeId, ReportId, TaskId, UserId};
use mentordesk_shared::programme_work::*;
use mentordesk_shared::ApiError;

impl Mentordesk {
    /// The programme's members (everyone who may be assigned).
    async fn member_ids(
        conn: &mut SqliteConnection,
        programme: ProgrammeId,
    ) -> Result<Vec<UserId>> {
        let mut ids: Vec<UserId> = programmes_repo::members(conn, programme)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    async fn task_views(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        records: Vec<TaskRecord>,
    ) -> Result<Vec<TaskView>> {
        let mut ids: Vec<UserId> = records
            .iter()
            .flat_map(|t| t.assignees.iter().copied().chain([t.created_by]))
            .chain([actor.user])
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let people = people_of(conn, &ids).await?;
        let zone = people
            .iter()
            .find(|p| p.id == actor.user)
            .and_then(|p| p.time_zone.parse().ok())
            .unwrap_or(chrono_tz::UTC);
        let today = local_time::today(zone, self.now());
        let mut standings: Vec<(ProgrammeId, Standing)> = Vec::new();
        let mut out = Vec::with_capacity(records.len());
        for t in records {
            let standing = match standings.iter().find(|(p, _)| *p == t.programme_id) {
                Some((_, s)) => s.clone(),
                None => {
                    let s = Self::standing(conn, actor, t.programme_id).await?;
                    standings.push((t.programme_id, s.clone()));
                    s
                }
            };
            let assigned = t.assignees.contains(&actor.user);
            out.push(TaskView {
                id: t.id,
                programme_id: t.programme_id,
                programme_name: t.programme_name,
                title: t.title,
                description: t.description,
                overdue: rules::overdue(t.due_on, t.status, today),
                next_statuses: rules::next_statuses(t.status, standing.manages(), assigned),
                status: t.status,
                due_on: t.due_on,
                assignees: t.assignees.iter().map(|a| person_in(&people, *a)).collect(),
                created_by: person_in(&people, t.created_by).name,
                created_at: t.created_at,
                completed_at: t.completed_at,
                can_edit: standing.manages(),
                reports: t.reports,
            });
        }
        Ok(out)
    }

    async fn one_task(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: TaskId,
    ) -> Result<TaskView> {
        let record = repo::find_task(conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The task"))?;
        self.task_views(conn, actor, vec![record])
            .await?
            .pop()
            .ok_or_else(|| ApiError::not_found("The task"))
    }

    /// A task and the caller's standing in its programme; `not_found` for those who may not
    /// see the programme's members.
    async fn visible_task(
        conn: &mut SqliteConnection,
        actor: &Actor,
        id: TaskId,
    ) -> Result<(TaskRecord, Standing)> {
        let task = repo::find_task(conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The task"))?;
        let standing = Self::standing(conn, actor, task.programme_id).await?;
        if !standing.sees_members() {
            return Err(ApiError::not_found("The task"));
        }
        Ok((task, standing))
    }

    /// One programme's tasks (its members and managers see them), or the caller's own.
    pub async fn tasks_list(&self, req: TaskQuery) -> Result<Vec<TaskView>> {
        let actor = self.require(Command::TasksList).await?;
        let mut conn = self.db.read().await?;
        let records = match req.programme_id {
            Some(id) if !req.mine => {
                let (_, standing) = Self::visible_programme(&mut conn, &actor, id).await?;
                if !standing.sees_members() {
                    return Err(ApiError::not_found("The programme"));
                }
                repo::tasks_of(&mut conn, id).await?
            }
            _ => repo::tasks_assigned_to(&mut conn, actor.user).await?,
        };
        self.task_views(&mut conn, &actor, records).await
    }

    pub async fn tasks_create(&self, req: NewTask) -> Result<TaskView> {
        let actor = self.require(Command::TasksCreate).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (programme, _) = Self::managed_programme(&mut tx, &actor, req.programme_id).await?;
        require_not_archived(programme.status)?;
        let members = Self::member_ids(&mut tx, req.programme_id).await?;
        let fields = rules::task_fields(&req.fields, &members)?;
        let status =
            rules::status_after_assigning(TaskStatus::Unassigned, !fields.assignees.is_empty());
        let id = TaskId(uuid::Uuid::now_v7());
        repo::insert_task(
            &mut tx,
            id,
            req.programme_id,
            &fields,
            status,
            actor.user,
            now,
        )
        .await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "task_created",
            None,
            &format!("{}: {}", programme.name, fields.title),
        )
        .await?;
        let view = self.one_task(&mut tx, &actor, id).await?;
        Db::commit(tx).await?;
        Ok(view)
    }

    pub async fn tasks_update(&self, req: TaskEdit) -> Result<TaskView> {
        let actor = self.require(Command::TasksUpdate).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (task, standing) = Self::visible_task(&mut tx, &actor, req.id).await?;
        require_manager(&standing)?;
        let programme = programmes_repo::find(&mut tx, task.programme_id)
            .await?
            .ok_or_else(|| ApiError::not_found("The programme"))?;
        require_not_archived(programme.status)?;
        let members = Self::member_ids(&mut tx, task.programme_id).await?;
        let fields = rules::task_fields(&req.fields, &members)?;
        let status = rules::status_after_assigning(task.status, !fields.assignees.is_empty());
        repo::update_task(&mut tx, req.id, &fields, status, now).await?;
        let view = self.one_task(&mut tx, &actor, req.id).await?;
        Db::commit(tx).await?;
        Ok(view)
    }

    pub async fn tasks_set_status(&self, req: TaskStatusChange) -> Result<TaskView> {
        let actor = self.require(Command::TasksSetStatus).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (task, standing) = Self::visible_task(&mut tx, &actor, req.id).await?;
        let assigned = task.assignees.contains(&actor.user);
        rules::check_status_change(task.status, req.status, standing.manages(), assigned)?;
        repo::set_task_status(&mut tx, req.id, task.status, req.status, now).await?;
        let view = self.one_task(&mut tx, &actor, req.id).await?;
        Db::commit(tx).await?;
        Ok(view)
    }

    pub async fn tasks_delete(&self, req: TaskRef) -> Result<()> {
        let actor = self.require(Command::TasksDelete).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (task, standing) = Self::visible_task(&mut tx, &actor, req.id).await?;
        require_manager(&standing)?;
        repo::delete_task(&mut tx, req.id).await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "task_deleted",
            None,
            &format!("{}: {}", task.programme_name, task.title),
        )
        .await?;
        Db::commit(tx).await
    }

    async fn report_views(
        &self,
        conn: &mut SqliteConnection,
        standing: &Standing,
        records: Vec<ReportRecord>,
    ) -> Result<Vec<ReportView>> {
        let mut ids: Vec<UserId> = records.iter().map(|r| r.created_by).collect();
        ids.sort_unstable();
        ids.dedup();
        let people = people_of(conn, &ids).await?;
        Ok(records
            .into_iter()
            .map(|r| ReportView {
                id: r.id,
                programme_id: r.programme_id,
                programme_name: r.programme_name,
                kind: r.kind,
                task: r.task,
                blockers_open: !r.fields.blockers.is_empty() && !r.blockers_resolved,
                can_resolve: standing.manages() && !r.fields.blockers.is_empty(),
                title: r.fields.title,
                achievements: r.fields.achievements,
                blockers: r.fields.blockers,
                recommendations: r.fields.recommendations,
                author: person_in(&people, r.created_by),
                created_at: r.created_at,
            })
            .collect())
    }

    /// A programme's reports, for its members and managers.
    pub async fn reports_list(&self, req: ReportQuery) -> Result<Vec<ReportView>> {
        let actor = self.require(Command::ReportsList).await?;
        let Some(id) = req.programme_id else {
            return Err(ApiError::field("programme_id", "Choose a programme."));
        };
        let mut conn = self.db.read().await?;
        let (_, standing) = Self::visible_programme(&mut conn, &actor, id).await?;
        if !standing.sees_members() {
            return Err(ApiError::not_found("The programme"));
        }
        let records = repo::reports_of(&mut conn, id, req.open_blockers).await?;
        self.report_views(&mut conn, &standing, records).await
    }

    /// A member writes a report about the programme or one of its tasks.
    pub async fn reports_create(&self, req: NewReport) -> Result<ReportView> {
        let actor = self.require(Command::ReportsCreate).await?;
        let fields = rules::report_fields(&req.fields)?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (programme, standing) =
            Self::visible_programme(&mut tx, &actor, req.programme_id).await?;
        if !standing.sees_members() {
            return Err(ApiError::not_found("The programme"));
        }
        require_not_archived(programme.status)?;
        if let Some(task) = req.task_id {
            let found = repo::find_task(&mut tx, task).await?;
            if found.is_none_or(|t| t.programme_id != req.programme_id) {
                return Err(ApiError::field(
                    "task_id",
                    "Choose one of this programme's tasks.",
                ));
            }
        }
        let id = ReportId(uuid::Uuid::now_v7());
        repo::insert_report(
            &mut tx,
            id,
            req.programme_id,
            req.task_id,
            &fields,
            actor.user,
            now,
        )
        .await?;
        let record = repo::find_report(&mut tx, id)
            .await?
            .ok_or_else(|| ApiError::not_found("The report"))?;
        let view = self.report_views(&mut tx, &standing, vec![record]).await?;
        Db::commit(tx).await?;
        view.into_iter()
            .next()
            .ok_or_else(|| ApiError::not_found("The report"))
    }

    /// A manager marks a report's blockers resolved, or open again.
    pub async fn reports_set_blockers(&self, req: ReportBlockers) -> Result<ReportView> {
        let actor = self.require(Command::ReportsSetBlockers).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let report = repo::find_report(&mut tx, req.id)
            .await?
            .ok_or_else(|| ApiError::not_found("The report"))?;
        let standing = Self::standing(&mut tx, &actor, report.programme_id).await?;
        if !standing.sees_members() {
            return Err(ApiError::not_found("The report"));
        }
        require_manager(&standing)?;
        if report.fields.blockers.is_empty() {
            return Err(ApiError::conflict("This report names no blockers."));
        }
        repo::set_blockers_resolved(&mut tx, req.id, req.resolved, actor.user, now).await?;
        let record = repo::find_report(&mut tx, req.id)
            .await?
            .ok_or_else(|| ApiError::not_found("The report"))?;
        let view = self.report_views(&mut tx, &standing, vec![record]).await?;
        Db::commit(tx).await?;
        view.into_iter()
            .next()
            .ok_or_else(|| ApiError::not_found("The report"))
    }
}
