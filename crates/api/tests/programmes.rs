//! Programmes, applications and matches through the real API on a real SQLite file: who
//! sees and runs which programme, the status life, applications answered and decided,
//! matches within the mentor's capacity, ranked suggestions, and bad input that changes
//! nothing.

#[path = "support/workspace.rs"]
mod common;

use common::{count, Workspace};
use mentordesk_api::Mentordesk;
use mentordesk_shared::admin::{ApplicationStatus, SetUserRoles};
use mentordesk_shared::conversations::{NotificationKind, NotificationQuery, Subject};
use mentordesk_shared::ids::UserId;
use mentordesk_shared::profiles::{UserRef, UserTarget};
use mentordesk_shared::programmes::*;
use mentordesk_shared::scheduling::{Availability, BookingSettings, WeeklyRange};
use mentordesk_shared::ErrorCode;

struct People {
    ws: Workspace,
    admin: Mentordesk,
    /// Programme managers.
    pat: (Mentordesk, UserId),
    quinn: (Mentordesk, UserId),
    /// Mentors.
    maria: (Mentordesk, UserId),
    kofi: (Mentordesk, UserId),
    /// Mentees.
    ann: (Mentordesk, UserId),
    bob: (Mentordesk, UserId),
}

async fn give_role(admin: &Mentordesk, user: UserId, key: &str) {
    let roles = admin.roles_list().await.unwrap();
    let role = roles.iter().find(|r| r.key == key).unwrap().id;
    admin
        .users_set_roles(SetUserRoles {
            user_id: user,
            role_ids: vec![role],
        })
        .await
        .unwrap();
}

async fn people() -> People {
    let (ws, admin) = Workspace::with_admin().await;
    let pat = ws.mentee("pat@example.org").await;
    give_role(&admin, pat.1, "programme_manager").await;
    let quinn = ws.mentee("quinn@example.org").await;
    give_role(&admin, quinn.1, "programme_manager").await;
    let maria = ws.mentee("maria@example.org").await;
    give_role(&admin, maria.1, "mentor").await;
    let kofi = ws.mentee("kofi@example.org").await;
    give_role(&admin, kofi.1, "mentor").await;
    let ann = ws.mentee("ann@example.org").await;
    let bob = ws.mentee("bob@example.org").await;
    People {
        ws,
        admin,
        pat,
        quinn,
        maria,
        kofi,
        ann,
        bob,
    }
}

fn fields(name: &str, open: bool) -> ProgrammeFields {
    ProgrammeFields {
        name: name.into(),
        description: "Six months of career mentoring for people new to tech.".into(),
        criteria: ProgrammeCriteria {
            accepting_applications: open,
            open_to_mentors: open,
            open_to_mentees: open,
            skills: vec!["Career growth".into()],
            ..ProgrammeCriteria::default()
        },
        questions: vec![
            "Why do you want to join?".into(),
            "What would you like to have achieved in six months?".into(),
        ],
    }
}

async fn set_profile(
    app: &Mentordesk,
    change: impl FnOnce(&mut mentordesk_shared::profiles::ProfileFields),
) {
    let mut profile = app
        .profile_get(UserRef { user_id: None })
        .await
        .unwrap()
        .fields;
    change(&mut profile);
    app.profile_update(profile).await.unwrap();
}

async fn add(manager: &Mentordesk, programme: &ProgrammeDetail, user: UserId, role: ProgrammeRole) {
    manager
        .programmes_set_member(ProgrammeMemberChange {
            programme_id: programme.summary.id,
            user_id: user,
            role,
            add: true,
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn managers_run_their_programmes_members_see_them_and_nobody_else_does() {
    let p = people().await;
    let programme = p
        .pat
        .0
        .programmes_create(fields("  Women in   Tech ", false))
        .await
        .unwrap();
    assert_eq!(programme.summary.name, "Women in Tech");
    assert_eq!(programme.summary.my_roles, vec![ProgrammeRole::Manager]);
    assert!(programme.summary.can_manage);
    assert_eq!(
        programme.members.len(),
        1,
        "the creator is its first manager"
    );
    let id = programme.summary.id;
    add(&p.pat.0, &programme, p.maria.1, ProgrammeRole::Mentor).await;
    add(&p.pat.0, &programme, p.ann.1, ProgrammeRole::Mentee).await;

    // Another manager, a mentee outside it: not found, and not in their lists.
    for outsider in [&p.quinn.0, &p.bob.0] {
        let err = outsider
            .programmes_get(ProgrammeRef { id })
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        assert!(outsider
            .programmes_list(ProgrammeQuery::default())
            .await
            .unwrap()
            .is_empty());
        let err = outsider
            .programmes_update(ProgrammeEdit {
                id,
                fields: fields("Taken over", false),
            })
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
    }
    // Members see it and its members, but do not run it.
    let seen = p.ann.0.programmes_get(ProgrammeRef { id }).await.unwrap();
    assert_eq!(seen.members.len(), 3);
    assert!(!seen.summary.can_manage && seen.next_statuses.is_empty());
    let err = p
        .maria
        .0
        .programmes_set_status(ProgrammeStatusChange {
            id,
            status: ProgrammeStatus::Completed,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    // Admins see and run every programme.
    let all = p
        .admin
        .programmes_list(ProgrammeQuery::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert!(all[0].can_manage);

    // Names are unique ignoring case and spacing; a bad edit changes nothing.
    let err = p
        .quinn
        .0
        .programmes_create(fields("women IN tech", false))
        .await
        .unwrap_err();
    assert!(err.field_message("name").unwrap().contains("already"));
    let err = p
        .pat
        .0
        .programmes_update(ProgrammeEdit {
            id,
            fields: fields("   ", false),
        })
        .await
        .unwrap_err();
    assert!(err.field_message("name").is_some());
    assert_eq!(count(&p.admin, "programmes").await, 1);
    let unchanged = p.pat.0.programmes_get(ProgrammeRef { id }).await.unwrap();
    assert_eq!(unchanged.summary.name, "Women in Tech");

    // Active → completed → archived, each recording who and when; no way back.
    let completed = p
        .pat
        .0
        .programmes_set_status(ProgrammeStatusChange {
            id,
            status: ProgrammeStatus::Completed,
        })
        .await
        .unwrap();
    assert_eq!(completed.summary.status, ProgrammeStatus::Completed);
    assert_eq!(completed.completed.as_ref().unwrap().by, "Mina pat");
    assert_eq!(completed.next_statuses, vec![ProgrammeStatus::Archived]);
    let err = p
        .pat
        .0
        .programmes_set_status(ProgrammeStatusChange {
            id,
            status: ProgrammeStatus::Active,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let archived = p
        .admin
        .programmes_set_status(ProgrammeStatusChange {
            id,
            status: ProgrammeStatus::Archived,
        })
        .await
        .unwrap();
    assert_eq!(archived.archived.unwrap().by, "Ada Admin");
    let err = p
        .pat
        .0
        .programmes_update(ProgrammeEdit {
            id,
            fields: fields("Women in Tech 2027", false),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);

    // Mentors and mentees cannot create programmes at all.
    let err = p
        .maria
        .0
        .programmes_create(fields("Mine", false))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
}

#[tokio::test]
async fn applications_answer_every_question_and_approval_adds_the_member() {
    let p = people().await;
    let programme = p
        .pat
        .0
        .programmes_create(fields("Returners", true))
        .await
        .unwrap();
    let id = programme.summary.id;

    // Open programmes show to people outside them, with their questions but no members.
    let open = p
        .ann
        .0
        .programmes_list(ProgrammeQuery {
            scope: ProgrammeScope::Open,
            ..ProgrammeQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(open.len(), 1);
    let page = p.ann.0.programmes_get(ProgrammeRef { id }).await.unwrap();
    assert_eq!(page.questions.len(), 2);
    assert!(page.members.is_empty());

    // A missing answer is reported on its field and nothing is stored.
    let err = p
        .ann
        .0
        .programme_applications_submit(ProgrammeApply {
            programme_id: id,
            role: ProgrammeRole::Mentee,
            answers: vec!["To grow".into(), "  ".into()],
        })
        .await
        .unwrap_err();
    assert!(err.field_message("answers.1").is_some(), "{err:?}");
    assert_eq!(count(&p.admin, "programme_applications").await, 0);
    // A mentee cannot apply as a mentor.
    let err = p
        .bob
        .0
        .programme_applications_submit(ProgrammeApply {
            programme_id: id,
            role: ProgrammeRole::Mentor,
            answers: vec!["a".into(), "b".into()],
        })
        .await
        .unwrap_err();
    assert!(err.field_message("role").is_some());

    let application = p
        .ann
        .0
        .programme_applications_submit(ProgrammeApply {
            programme_id: id,
            role: ProgrammeRole::Mentee,
            answers: vec!["To grow".into(), "Lead a small team".into()],
        })
        .await
        .unwrap();
    assert_eq!(application.answers[1].answer, "Lead a small team");
    let err = p
        .ann
        .0
        .programme_applications_submit(ProgrammeApply {
            programme_id: id,
            role: ProgrammeRole::Mentee,
            answers: vec!["Again".into(), "Again".into()],
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);

    // Another programme's manager neither sees nor decides it.
    assert!(p
        .quinn
        .0
        .programme_applications_list(ProgrammeApplicationQuery::default())
        .await
        .unwrap()
        .is_empty());
    let err = p
        .quinn
        .0
        .programme_applications_decide(ProgrammeApplicationDecision {
            id: application.id,
            approve: true,
            reason: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    // Declining needs a reason.
    let err = p
        .pat
        .0
        .programme_applications_decide(ProgrammeApplicationDecision {
            id: application.id,
            approve: false,
            reason: " ".into(),
        })
        .await
        .unwrap_err();
    assert!(err.field_message("reason").is_some());

    let pending = p
        .pat
        .0
        .programme_applications_list(ProgrammeApplicationQuery {
            programme_id: Some(id),
            ..ProgrammeApplicationQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(pending.len(), 1);
    let listed = p
        .pat
        .0
        .programmes_list(ProgrammeQuery::default())
        .await
        .unwrap();
    assert_eq!(listed[0].pending_applications, 1);

    let approved = p
        .pat
        .0
        .programme_applications_decide(ProgrammeApplicationDecision {
            id: application.id,
            approve: true,
            reason: String::new(),
        })
        .await
        .unwrap();
    assert_eq!(approved.status, ApplicationStatus::Approved);
    assert_eq!(approved.decided_by.as_deref(), Some("Mina pat"));
    let err = p
        .pat
        .0
        .programme_applications_decide(ProgrammeApplicationDecision {
            id: application.id,
            approve: false,
            reason: "Changed my mind".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);

    let mine = p.ann.0.programmes_get(ProgrammeRef { id }).await.unwrap();
    assert_eq!(mine.summary.my_roles, vec![ProgrammeRole::Mentee]);
    assert_eq!(mine.summary.mentees, 1);
    assert_eq!(
        mine.summary.my_application,
        Some(ApplicationStatus::Approved)
    );
    let notes = p
        .ann
        .0
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    let decision = notes
        .items
        .iter()
        .find(|n| n.kind == NotificationKind::ProgrammeDecision)
        .expect("the applicant hears of the decision");
    assert_eq!(decision.subject, Subject::Programme(id));
    assert!(decision.body.contains("Returners"), "{}", decision.body);
}

#[tokio::test]
async fn matches_wait_for_approval_and_never_exceed_the_mentors_capacity() {
    let p = people().await;
    set_profile(&p.maria.0, |f| {
        f.mentee_capacity = Some(1);
        f.accepting_mentees = true;
    })
    .await;
    set_profile(&p.kofi.0, |f| f.accepting_mentees = false).await;
    let programme = p
        .pat
        .0
        .programmes_create(fields("Pairs", false))
        .await
        .unwrap();
    let id = programme.summary.id;
    add(&p.pat.0, &programme, p.maria.1, ProgrammeRole::Mentor).await;
    add(&p.pat.0, &programme, p.kofi.1, ProgrammeRole::Mentor).await;
    add(&p.pat.0, &programme, p.ann.1, ProgrammeRole::Mentee).await;
    add(&p.pat.0, &programme, p.bob.1, ProgrammeRole::Mentee).await;
    let propose = |mentor: UserId, mentee: UserId, goal: &str| MatchProposal {
        programme_id: id,
        mentor_id: mentor,
        mentee_id: mentee,
        goal: goal.into(),
    };

    // Bad proposals: no goal, a non-member, a mentor not taking mentees; nothing stored.
    let err = p
        .pat
        .0
        .matches_propose(propose(p.maria.1, p.ann.1, "  "))
        .await
        .unwrap_err();
    assert!(err.field_message("goal").is_some());
    let err = p
        .pat
        .0
        .matches_propose(propose(p.maria.1, p.quinn.1, "Grow"))
        .await
        .unwrap_err();
    assert!(err.field_message("mentee_id").is_some());
    let err = p
        .pat
        .0
        .matches_propose(propose(p.kofi.1, p.ann.1, "Grow"))
        .await
        .unwrap_err();
    assert!(err.message.contains("not accepting"));
    assert_eq!(count(&p.admin, "matches").await, 0);

    // Ann asks for Maria herself; she may not ask on Bob's behalf, and mentors may not propose.
    let err = p
        .ann
        .0
        .matches_propose(propose(p.maria.1, p.bob.1, "Grow"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let err = p
        .maria
        .0
        .matches_propose(propose(p.maria.1, p.ann.1, "Grow"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let asked = p
        .ann
        .0
        .matches_propose(propose(p.maria.1, p.ann.1, "Lead my first team"))
        .await
        .unwrap();
    assert_eq!(asked.status, MatchStatus::Pending);
    assert_eq!(asked.origin, MatchOrigin::Mentee);
    assert!(
        !asked.can_decide,
        "a mentee does not approve her own request"
    );
    let err = p
        .ann
        .0
        .matches_propose(propose(p.maria.1, p.ann.1, "Again"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    // The manager hears of it.
    let pat_notes = p
        .pat
        .0
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    assert!(pat_notes
        .items
        .iter()
        .any(|n| n.kind == NotificationKind::MatchUpdate));

    // Bob's pair is proposed while Maria still has room; then Ann's is approved first.
    let bobs = p
        .pat
        .0
        .matches_propose(propose(p.maria.1, p.bob.1, "Interview practice"))
        .await
        .unwrap();
    let err = p
        .ann
        .0
        .matches_decide(MatchDecision {
            id: asked.id,
            action: MatchAction::Approve,
            reason: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let approved = p
        .pat
        .0
        .matches_decide(MatchDecision {
            id: asked.id,
            action: MatchAction::Approve,
            reason: String::new(),
        })
        .await
        .unwrap();
    assert_eq!(approved.status, MatchStatus::Approved);
    assert_eq!(approved.decided_by.as_deref(), Some("Mina pat"));
    // Maria is now full: approving Bob's pair is refused and it stays pending.
    let err = p
        .admin
        .matches_decide(MatchDecision {
            id: bobs.id,
            action: MatchAction::Approve,
            reason: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("1 of 1"), "{}", err.message);
    let still = p
        .pat
        .0
        .matches_list(MatchQuery {
            programme_id: Some(id),
            statuses: vec![MatchStatus::Pending],
        })
        .await
        .unwrap();
    assert_eq!(still.len(), 1);
    assert_eq!(still[0].id, bobs.id);
    // Rejecting needs a reason; ending Ann's pair frees the place for Bob's.
    let err = p
        .pat
        .0
        .matches_decide(MatchDecision {
            id: bobs.id,
            action: MatchAction::Reject,
            reason: String::new(),
        })
        .await
        .unwrap_err();
    assert!(err.field_message("reason").is_some());
    p.pat
        .0
        .matches_decide(MatchDecision {
            id: asked.id,
            action: MatchAction::End,
            reason: String::new(),
        })
        .await
        .unwrap();
    let bob_approved = p
        .pat
        .0
        .matches_decide(MatchDecision {
            id: bobs.id,
            action: MatchAction::Approve,
            reason: String::new(),
        })
        .await
        .unwrap();
    assert_eq!(bob_approved.status, MatchStatus::Approved);

    // A matched pair may message each other (seed 004 rule 5).
    p.bob
        .0
        .conversations_open_direct(UserTarget { user_id: p.maria.1 })
        .await
        .expect("matched people can message");
    // The pair's own lists show their match; the other mentee's does not show it.
    let bobs_view = p.bob.0.matches_list(MatchQuery::default()).await.unwrap();
    assert_eq!(bobs_view.len(), 1);
    let anns_view = p.ann.0.matches_list(MatchQuery::default()).await.unwrap();
    assert!(anns_view.iter().all(|m| m.mentee.user_id == p.ann.1));
    // The trigger refuses an approval past capacity even without the core's check.
    let mut conn = p.admin.db().write().await.unwrap();
    let err = sqlx::query("UPDATE matches SET status = 'approved' WHERE id = ?")
        .bind(asked.id.to_string())
        .execute(&mut *conn)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("match_over_capacity"), "{err}");
    drop(conn);
    let _ = &p.ws;
}

fn weekdays(zone: &str, from: u16, to: u16) -> Availability {
    use chrono::Weekday::*;
    Availability {
        time_zone: zone.into(),
        weekly: [Mon, Tue, Wed, Thu, Fri]
            .into_iter()
            .map(|weekday| WeeklyRange {
                weekday,
                start: from,
                end: to,
            })
            .collect(),
        exceptions: vec![],
        settings: BookingSettings::default(),
    }
}

#[tokio::test]
async fn suggestions_rank_mentors_by_shared_interests_overlap_and_room_and_explain_why() {
    let p = people().await;
    set_profile(&p.ann.0, |f| {
        f.interests = vec!["Rust".into(), "Leadership".into()];
    })
    .await;
    set_profile(&p.maria.0, |f| {
        f.expertise = vec!["Rust".into(), "Leadership".into()];
        f.mentee_capacity = Some(2);
        f.accepting_mentees = true;
    })
    .await;
    set_profile(&p.kofi.0, |f| {
        f.expertise = vec!["Design".into()];
        f.time_zone = "Asia/Tokyo".into();
        f.mentee_capacity = Some(2);
        f.accepting_mentees = true;
    })
    .await;
    // Maria works London hours; Kofi Tokyo hours, which barely touch a London day.
    p.maria
        .0
        .availability_save(weekdays("Europe/London", 9 * 60, 17 * 60))
        .await
        .unwrap();
    p.kofi
        .0
        .availability_save(weekdays("Asia/Tokyo", 9 * 60, 17 * 60))
        .await
        .unwrap();
    let programme = p
        .pat
        .0
        .programmes_create(fields("Suggestions", false))
        .await
        .unwrap();
    let id = programme.summary.id;
    add(&p.pat.0, &programme, p.maria.1, ProgrammeRole::Mentor).await;
    add(&p.pat.0, &programme, p.kofi.1, ProgrammeRole::Mentor).await;
    add(&p.pat.0, &programme, p.ann.1, ProgrammeRole::Mentee).await;

    let ranked = p
        .pat
        .0
        .matches_suggest(MatchSuggestionQuery {
            programme_id: id,
            mentee_id: p.ann.1,
        })
        .await
        .unwrap();
    assert_eq!(ranked.len(), 2);
    assert_eq!(ranked[0].mentor.user_id, p.maria.1);
    assert_eq!(ranked[0].score, 100, "{:?}", ranked[0].parts);
    assert!(ranked[0].parts[0].detail.contains("Rust, Leadership"));
    assert!(ranked[0].parts[1].detail.contains("40 h a week"));
    assert!(ranked[1].score < ranked[0].score);
    assert_eq!(ranked[1].parts[0].points, 0);
    // Tokyo 09:00–17:00 is London 00:00–08:00 in winter: nothing inside 08:00–20:00.
    assert_eq!(ranked[1].parts[1].points, 0, "{:?}", ranked[1].parts);
    // Ann may ask for her own suggestions; not for somebody else's; outsiders get nothing.
    assert!(p
        .ann
        .0
        .matches_suggest(MatchSuggestionQuery {
            programme_id: id,
            mentee_id: p.ann.1,
        })
        .await
        .is_ok());
    let err = p
        .maria
        .0
        .matches_suggest(MatchSuggestionQuery {
            programme_id: id,
            mentee_id: p.ann.1,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let err = p
        .bob
        .0
        .matches_suggest(MatchSuggestionQuery {
            programme_id: id,
            mentee_id: p.bob.1,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}
