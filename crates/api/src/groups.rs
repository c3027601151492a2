//! Support groups and their forum: groups with members, threads and replies, and
//! moderation. Who may do what is `core::forum`; every write is one transaction.

use crate::notifications::{first_line, Detail};
use crate::people::person_in;
use crate::{Actor, Mentordesk, Result};
use mentordesk_core::events::Event;
use mentordesk_core::forum::{self, Standing};
use mentordesk_core::policy::Command;
use mentordesk_db::appointments::{self as people_repo, PersonRecord};
use mentordesk_db::groups::{self as repo, GroupRecord, ReplyRecord, ThreadRecord};
use mentordesk_db::{audit, Db, SqliteConnection};
use mentordesk_shared::conversations::*;
use mentordesk_shared::ids::{GroupId, UserId};
use mentordesk_shared::ApiError;

/// Threads per page when the caller does not say.
const PAGE: u16 = 30;
const PAGE_MAX: u16 = 100;

fn summary(g: GroupRecord) -> GroupSummary {
    GroupSummary {
        id: g.id,
        name: g.name,
        description: g.description,
        member_count: g.member_count,
        last_active_at: g.last_active_at,
        joined: g.joined,
    }
}

/// The authors of `ids`, read once.
async fn people_of(conn: &mut SqliteConnection, ids: &[UserId]) -> Result<Vec<PersonRecord>> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    people_repo::people(conn, &ids).await
}

fn thread_summary(t: &ThreadRecord, people: &[PersonRecord]) -> ThreadSummary {
    ThreadSummary {
        id: t.id,
        group_id: t.group,
        title: t.title.clone(),
        author: person_in(people, t.author),
        pinned: t.pinned,
        locked: t.locked,
        reply_count: t.reply_count,
        created_at: t.created_at,
        last_reply_at: t.last_reply_at,
    }
}

/// What the actor is to a group (and to a post in it written by `writer`).
fn standing(actor: &Actor, group: &GroupRecord, writer: Option<UserId>) -> Standing {
    Standing {
        member: group.joined,
        moderator: forum::is_moderator(&actor.permissions),
        author: writer == Some(actor.user),
    }
}

async fn group_for(
    conn: &mut SqliteConnection,
    id: GroupId,
    viewer: UserId,
) -> Result<GroupRecord> {
    repo::group(conn, id, viewer)
        .await?
        .ok_or_else(|| ApiError::not_found("This group"))
}

/// A thread and its group, or `not_found`.
async fn thread_for(
    conn: &mut SqliteConnection,
    id: mentordesk_shared::ids::ThreadId,
    viewer: UserId,
) -> Result<(ThreadRecord, GroupRecord)> {
    let thread = repo::thread(conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("This thread"))?;
    let group = group_for(conn, thread.group, viewer).await?;
    Ok((thread, group))
}

impl Mentordesk {
    pub async fn groups_list(&self, req: GroupQuery) -> Result<Vec<GroupSummary>> {
        let actor = self.require(Command::GroupsList).await?;
        let search =
            mentordesk_core::validate::optional_search_field("search", req.search.as_deref())?;
        let mut conn = self.db.read().await?;
        let groups = repo::list(&mut conn, actor.user, search.as_deref()).await?;
        Ok(groups.into_iter().map(summary).collect())
    }

    /// A new group; its creator is its first member.
    pub async fn groups_create(&self, req: NewGroup) -> Result<GroupSummary> {
        let actor = self.require(Command::GroupsCreate).await?;
        let group = forum::new_group(&req)?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        if repo::name_taken(&mut tx, &group.name).await? {
            return Err(ApiError::field(
                "name",
                format!("A group named {} already exists.", group.name),
            ));
        }
        let id = repo::create(&mut tx, &group.name, &group.description, actor.user, now).await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "group_created",
            None,
            &group.name,
        )
        .await?;
        let created = group_for(&mut tx, id, actor.user).await?;
        Db::commit(tx).await?;
        Ok(summary(created))
    }

    pub async fn groups_join(&self, req: GroupTarget) -> Result<GroupSummary> {
        let actor = self.require(Command::GroupsJoin).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let group = group_for(&mut tx, req.id, actor.user).await?;
        forum::may_join(group.joined, &group.name)?;
        repo::join(&mut tx, group.id, actor.user, now).await?;
        let joined = group_for(&mut tx, group.id, actor.user).await?;
        Db::commit(tx).await?;
        Ok(summary(joined))
    }

    pub async fn groups_leave(&self, req: GroupTarget) -> Result<GroupSummary> {
        let actor = self.require(Command::GroupsLeave).await?;
        let mut tx = self.db.write().await?;
        let group = group_for(&mut tx, req.id, actor.user).await?;
        forum::may_leave(group.joined, &group.name)?;
        repo::leave(&mut tx, group.id, actor.user).await?;
        let left = group_for(&mut tx, group.id, actor.user).await?;
        Db::commit(tx).await?;
        Ok(summary(left))
    }

    /// A page of a group's threads, pinned first, then by last activity.
    pub async fn threads_list(&self, req: ThreadQuery) -> Result<ThreadPage> {
        let actor = self.require(Command::ThreadsList).await?;
        let limit = req.limit.unwrap_or(PAGE).clamp(1, PAGE_MAX);
        let mut conn = self.db.read().await?;
        let group = group_for(&mut conn, req.group_id, actor.user).await?;
        let (threads, more) =
            repo::threads(&mut conn, group.id, req.offset.unwrap_or(0), limit).await?;
        let authors: Vec<UserId> = threads.iter().map(|t| t.author).collect();
        let people = people_of(&mut conn, &authors).await?;
        let s = standing(&actor, &group, None);
        Ok(ThreadPage {
            threads: threads.iter().map(|t| thread_summary(t, &people)).collect(),
            more,
            can_post: forum::may_post(s, &group.name).is_ok(),
            can_moderate: s.moderator,
            group: summary(group),
        })
    }

    pub async fn threads_get(&self, req: ThreadTarget) -> Result<ThreadDetail> {
        let actor = self.require(Command::ThreadsGet).await?;
        let mut conn = self.db.read().await?;
        self.detail(&mut conn, &actor, req).await
    }

    /// A thread with its replies as `actor` sees it.
    async fn detail(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        req: ThreadTarget,
    ) -> Result<ThreadDetail> {
        let (thread, group) = thread_for(conn, req.id, actor.user).await?;
        let replies = repo::replies(conn, thread.id).await?;
        let mut writers: Vec<UserId> = replies.iter().map(|r| r.author).collect();
        writers.push(thread.author);
        let people = people_of(conn, &writers).await?;
        let on_thread = standing(actor, &group, Some(thread.author));
        let reply_view = |r: ReplyRecord| Reply {
            id: r.id,
            author: person_in(&people, r.author),
            can_delete: forum::may_delete_reply(
                standing(actor, &group, Some(r.author)),
                thread.locked,
            )
            .is_ok(),
            body: r.body,
            created_at: r.created_at,
        };
        Ok(ThreadDetail {
            replies: replies.into_iter().map(reply_view).collect(),
            can_moderate: on_thread.moderator,
            can_reply: forum::may_reply(on_thread, thread.locked, &group.name).is_ok(),
            can_delete: forum::may_delete_thread(on_thread, thread.locked, thread.reply_count)
                .is_ok(),
            thread: thread_summary(&thread, &people),
            body: thread.body,
            group: summary(group),
        })
    }

    /// A new thread in a group the caller belongs to.
    pub async fn threads_create(&self, req: NewThread) -> Result<ThreadSummary> {
        let actor = self.require(Command::ThreadsCreate).await?;
        let (title, body) = forum::new_thread(&req)?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let group = group_for(&mut tx, req.group_id, actor.user).await?;
        forum::may_post(standing(&actor, &group, None), &group.name)?;
        let id = repo::create_thread(&mut tx, group.id, actor.user, &title, &body, now).await?;
        let thread = repo::thread(&mut tx, id)
            .await?
            .ok_or_else(|| ApiError::internal("The new thread was not stored."))?;
        let people = people_of(&mut tx, &[actor.user]).await?;
        Db::commit(tx).await?;
        Ok(thread_summary(&thread, &people))
    }

    /// A reply from a member to an open thread; its author hears of it.
    pub async fn threads_reply(&self, req: NewReply) -> Result<Reply> {
        let actor = self.require(Command::ThreadsReply).await?;
        let body = forum::reply_body(&req.body)?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (thread, group) = thread_for(&mut tx, req.thread_id, actor.user).await?;
        forum::may_reply(standing(&actor, &group, None), thread.locked, &group.name)?;
        let id = repo::add_reply(&mut tx, thread.id, actor.user, &body, now).await?;
        let event = Event::ForumReplied {
            thread: thread.id,
            author: thread.author,
            by: actor.user,
        };
        let detail = Detail::Text(format!("{}: {}", thread.title, first_line(&body, 140)));
        let published = self
            .record(&mut tx, &[(event, detail)], actor.user, now)
            .await?;
        let stored = repo::reply(&mut tx, id)
            .await?
            .ok_or_else(|| ApiError::internal("The reply was not stored."))?;
        let people = people_of(&mut tx, &[actor.user]).await?;
        Db::commit(tx).await?;
        self.publish(published);
        Ok(Reply {
            id: stored.id,
            author: person_in(&people, stored.author),
            body: stored.body,
            created_at: stored.created_at,
            can_delete: forum::may_delete_reply(standing(&actor, &group, Some(actor.user)), false)
                .is_ok(),
        })
    }

    /// Pins, unpins, locks or unlocks a thread (moderators; repeating one changes nothing).
    pub async fn threads_moderate(&self, req: ThreadModeration) -> Result<ThreadSummary> {
        let actor = self.require(Command::ThreadsModerate).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (thread, _group) = thread_for(&mut tx, req.thread_id, actor.user).await?;
        let (pinned, locked) = forum::moderate(req.action, thread.pinned, thread.locked);
        if (pinned, locked) != (thread.pinned, thread.locked) {
            repo::set_flags(&mut tx, thread.id, pinned, locked).await?;
            let action = match req.action {
                Moderation::Pin => "thread_pinned",
                Moderation::Unpin => "thread_unpinned",
                Moderation::Lock => "thread_locked",
                Moderation::Unlock => "thread_unlocked",
            };
            audit::record(
                &mut tx,
                now,
                Some(actor.user),
                action,
                Some(thread.author),
                &thread.title,
            )
            .await?;
        }
        let people = people_of(&mut tx, &[thread.author]).await?;
        Db::commit(tx).await?;
        Ok(thread_summary(
            &ThreadRecord {
                pinned,
                locked,
                ..thread
            },
            &people,
        ))
    }

    /// Deletes a thread with its replies: a moderator, or its author while it is open and
    /// unanswered.
    pub async fn threads_delete(&self, req: ThreadTarget) -> Result<()> {
        let actor = self.require(Command::ThreadsDelete).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let (thread, group) = thread_for(&mut tx, req.id, actor.user).await?;
        let s = standing(&actor, &group, Some(thread.author));
        forum::may_delete_thread(s, thread.locked, thread.reply_count)?;
        repo::delete_thread(&mut tx, thread.id).await?;
        if !s.author {
            audit::record(
                &mut tx,
                now,
                Some(actor.user),
                "thread_deleted",
                Some(thread.author),
                &thread.title,
            )
            .await?;
        }
        Db::commit(tx).await
    }

    /// Deletes a reply: a moderator, or its author while the thread is open.
    pub async fn replies_delete(&self, req: ReplyTarget) -> Result<()> {
        let actor = self.require(Command::RepliesDelete).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let reply = repo::reply(&mut tx, req.id)
            .await?
            .ok_or_else(|| ApiError::not_found("This reply"))?;
        let (thread, group) = thread_for(&mut tx, reply.thread, actor.user).await?;
        let s = standing(&actor, &group, Some(reply.author));
        forum::may_delete_reply(s, thread.locked)?;
        repo::delete_reply(&mut tx, reply.id).await?;
        if !s.author {
            audit::record(
                &mut tx,
                now,
                Some(actor.user),
                "reply_deleted",
                Some(reply.author),
                &thread.title,
            )
            .await?;
        }
        Db::commit(tx).await
    }
}
