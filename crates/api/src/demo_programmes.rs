//! The demo organisation's programmes: two active ones with members, applications waiting
//! and decided, and matches approved, waiting and rejected; a completed one and an archived
//! one. Aisha Bello (mentee) is matched with Amara Nwosu in Women in Tech; Priya Raman and
//! Tom Okafor manage them.

use crate::{Mentordesk, Result};
use chrono::{DateTime, Datelike, Duration, Utc};
use mentordesk_core::programmes as rules;
use mentordesk_db::programme_work as work;
use mentordesk_db::programmes as repo;
use mentordesk_db::Tx;
use mentordesk_shared::admin::ApplicationStatus;
use mentordesk_shared::ids::{
    MatchId, ProgrammeApplicationId, ProgrammeId, ReportId, TaskId, UserId,
};
use mentordesk_shared::programme_work::{ReportFields, TaskFields, TaskStatus};
use mentordesk_shared::programmes::*;

struct DemoProgramme {
    /// The name; cohorts add the year they started (`Women in Tech 2026`).
    name: &'static str,
    cohort: bool,
    /// Days before the demo is loaded that the programme started: the active ones some
    /// months ago, the completed one a season before, the archived one over a year ago.
    started_days_ago: i64,
    description: &'static str,
    skills: &'static [&'static str],
    questions: &'static [&'static str],
    open_to_mentors: bool,
    open_to_mentees: bool,
    status: ProgrammeStatus,
    /// Index into the managers.
    manager: usize,
    /// Ranges of mentor and mentee indexes that are members.
    mentors: std::ops::Range<usize>,
    mentees: std::ops::Range<usize>,
    /// Approved (then ended, for finished programmes) pairs as (mentor, mentee) indexes.
    pairs: &'static [(usize, usize)],
}

const PROGRAMMES: [DemoProgramme; 4] = [
    DemoProgramme {
        name: "Women in Tech",
        cohort: true,
        started_days_ago: 150,
        description: "Six months of one-to-one mentoring for women moving into senior and \
                      technical-leadership roles. Pairs meet every two weeks and work towards \
                      one concrete goal: a promotion case, a first team to lead, a talk to give.",
        skills: &["Leadership", "Career growth", "System design"],
        questions: &[
            "Why do you want to join the programme?",
            "What would you like to have achieved in six months?",
        ],
        open_to_mentors: false,
        open_to_mentees: true,
        status: ProgrammeStatus::Active,
        manager: 0,
        mentors: 0..6,
        mentees: 0..14,
        pairs: &[
            (0, 0),
            (0, 6),
            (1, 1),
            (2, 2),
            (4, 4),
            (5, 5),
            (1, 7),
            (2, 8),
        ],
    },
    DemoProgramme {
        name: "Career Switchers",
        cohort: false,
        started_days_ago: 130,
        description: "For people moving into software from another career: a mentor who made \
                      a similar move, a portfolio project and interview practice.",
        skills: &["Interview practice", "Frontend", "Python"],
        questions: &["What are you switching from, and why?"],
        open_to_mentors: true,
        open_to_mentees: true,
        status: ProgrammeStatus::Active,
        manager: 1,
        mentors: 6..12,
        mentees: 14..28,
        pairs: &[(6, 14), (7, 15), (8, 16), (9, 17), (11, 18), (6, 19)],
    },
    DemoProgramme {
        name: "Open Source Mentorship",
        cohort: true,
        started_days_ago: 260,
        description: "Mentees made their first contributions to open-source projects with a \
                      maintainer as mentor.",
        skills: &["Open source", "Git"],
        questions: &[],
        open_to_mentors: false,
        open_to_mentees: false,
        status: ProgrammeStatus::Completed,
        manager: 0,
        mentors: 1..4,
        mentees: 28..34,
        pairs: &[(1, 28), (2, 29), (3, 30)],
    },
    DemoProgramme {
        name: "Graduate Engineers",
        cohort: true,
        started_days_ago: 420,
        description: "A graduate cohort's first year, with a senior engineer each.",
        skills: &["Graduate", "Code review"],
        questions: &[],
        open_to_mentors: false,
        open_to_mentees: false,
        status: ProgrammeStatus::Archived,
        manager: 1,
        mentors: 8..10,
        mentees: 34..38,
        pairs: &[(8, 34), (9, 35)],
    },
];

const ANSWERS: [&str; 4] = [
    "I lead a small team informally and want to learn to do it well.",
    "A written promotion case and the confidence to present it.",
    "I spent eight years in hospitality and have been teaching myself to code at night.",
    "Ship a portfolio project I can talk about in interviews.",
];

impl Mentordesk {
    pub(crate) async fn demo_programmes(
        &self,
        tx: &mut Tx,
        managers: &[UserId],
        mentors: &[UserId],
        mentees: &[UserId],
        admin: UserId,
    ) -> Result<()> {
        let now = self.now();
        let day = |n: i64| now - Duration::days(n);
        for (index, spec) in PROGRAMMES.iter().enumerate() {
            let id = ProgrammeId(uuid::Uuid::now_v7());
            let manager = managers[spec.manager % managers.len()];
            let started = day(spec.started_days_ago);
            let name = if spec.cohort {
                format!("{} {}", spec.name, started.year())
            } else {
                spec.name.to_string()
            };
            let fields = ProgrammeFields {
                name: name.clone(),
                description: spec.description.into(),
                criteria: ProgrammeCriteria {
                    accepting_applications: spec.open_to_mentors || spec.open_to_mentees,
                    open_to_mentors: spec.open_to_mentors,
                    open_to_mentees: spec.open_to_mentees,
                    mentor_min_years: spec.open_to_mentors.then_some(5),
                    skills: spec.skills.iter().map(|s| s.to_string()).collect(),
                    hours_per_month: Some(4),
                    starts_on: Some(started.date_naive()),
                    ends_on: started.date_naive().checked_add_signed(Duration::days(182)),
                    max_mentees: Some(30),
                },
                questions: spec.questions.iter().map(|s| s.to_string()).collect(),
            };
            let fields = rules::fields(&fields)?;
            repo::insert(
                tx,
                id,
                &fields,
                &rules::name_key(&fields.name),
                manager,
                started,
            )
            .await?;
            repo::add_member(
                tx,
                id,
                manager,
                ProgrammeRole::Manager,
                Some(manager),
                started,
            )
            .await?;
            for (n, m) in spec.mentors.clone().enumerate() {
                let at = started + Duration::days(n as i64 + 1);
                repo::add_member(tx, id, mentors[m], ProgrammeRole::Mentor, Some(manager), at)
                    .await?;
            }
            for (n, m) in spec.mentees.clone().enumerate() {
                let at = started + Duration::days(n as i64 + 2);
                let mentee = mentees[m];
                // Mentees of open programmes came in through an approved application.
                if !spec.questions.is_empty() && n % 3 == 0 {
                    self.demo_application_to(
                        tx,
                        id,
                        mentee,
                        spec,
                        Some((manager, ApplicationStatus::Approved, "")),
                        at - Duration::days(1),
                    )
                    .await?;
                }
                repo::add_member(tx, id, mentee, ProgrammeRole::Mentee, Some(manager), at).await?;
            }
            for (n, (mentor, mentee)) in spec.pairs.iter().enumerate() {
                let at = started + Duration::days(20 + n as i64);
                let proposal = MatchProposal {
                    programme_id: id,
                    mentor_id: mentors[*mentor],
                    mentee_id: mentees[*mentee],
                    goal: GOAL_OF[n % GOAL_OF.len()].into(),
                };
                let match_id = MatchId(uuid::Uuid::now_v7());
                let origin = if n % 3 == 2 {
                    MatchOrigin::Mentee
                } else {
                    MatchOrigin::Manager
                };
                let by = if origin == MatchOrigin::Mentee {
                    proposal.mentee_id
                } else {
                    manager
                };
                repo::insert_match(tx, match_id, &proposal, &proposal.goal, origin, by, at).await?;
                repo::decide_match(
                    tx,
                    match_id,
                    MatchStatus::Pending,
                    MatchStatus::Approved,
                    manager,
                    "",
                    at + Duration::hours(20),
                )
                .await?;
                if spec.status == ProgrammeStatus::Active {
                    Self::demo_meetings(tx, n, &proposal, at + Duration::hours(20), now).await?;
                }
                if spec.status != ProgrammeStatus::Active {
                    repo::decide_match(
                        tx,
                        match_id,
                        MatchStatus::Approved,
                        MatchStatus::Ended,
                        manager,
                        "",
                        started + Duration::days(180),
                    )
                    .await?;
                }
            }
            if index == 0 {
                // The manager saved last month's meeting report on this month's first
                // morning (or just now, early on the 1st).
                let today = now.date_naive();
                let last = today.with_day(1).unwrap_or(today) - Duration::days(1);
                let first = last.with_day(1).unwrap_or(last);
                let saved_at = (last + Duration::days(1))
                    .and_hms_opt(9, 0, 0)
                    .map_or(now, |t| t.and_utc().min(now));
                let req = mentordesk_shared::oversight::NewMeetingReport {
                    title: format!("{} meetings", first.format("%B %Y")),
                    programme_id: Some(id),
                    from: first,
                    to: last,
                };
                let scope = mentordesk_core::oversight::Scope::Programmes(vec![id]);
                Self::save_report(tx, &scope, &req, manager, saved_at).await?;
            }
            let assignable: Vec<UserId> = spec
                .mentors
                .clone()
                .map(|m| mentors[m])
                .chain(spec.mentees.clone().map(|m| mentees[m]))
                .collect();
            self.demo_work(tx, id, spec, manager, &assignable, started, now)
                .await?;
            match spec.status {
                ProgrammeStatus::Active => {
                    self.demo_waiting(tx, id, spec, manager, admin, mentors, mentees, now)
                        .await?;
                }
                ProgrammeStatus::Completed => {
                    repo::set_status(tx, id, ProgrammeStatus::Completed, manager, day(30)).await?;
                    let pairs: Vec<UserId> = spec.pairs.iter().map(|(_, m)| mentees[*m]).collect();
                    Self::demo_certificates(tx, id, &name, manager, &pairs, day(25)).await?;
                }
                ProgrammeStatus::Archived => {
                    repo::set_status(tx, id, ProgrammeStatus::Completed, manager, day(200)).await?;
                    repo::set_status(tx, id, ProgrammeStatus::Archived, admin, day(90)).await?;
                }
            }
        }
        Ok(())
    }

    /// Certificates for a completed programme's mentees: approved, except the last one,
    /// which waits for the manager's approval.
    async fn demo_certificates(
        tx: &mut Tx,
        programme: ProgrammeId,
        name: &str,
        manager: UserId,
        mentees: &[UserId],
        at: DateTime<Utc>,
    ) -> Result<()> {
        use chrono::Datelike;
        use mentordesk_core::certificates as certificate_rules;
        use mentordesk_db::certificates::{self as certificates_repo, Inserted};
        use mentordesk_shared::certificates::CertificateStatus;
        use mentordesk_shared::ids::CertificateId;
        let issued_on = at.date_naive();
        let fields = certificate_rules::IssueFields {
            series_id: certificate_rules::suggested_series_id(name, issued_on.year()),
            issued_on,
            expires_on: None,
        };
        for (n, mentee) in mentees.iter().enumerate() {
            let id = CertificateId(uuid::Uuid::now_v7());
            loop {
                let code = certificate_rules::generate_code();
                match certificates_repo::insert(
                    tx, id, programme, *mentee, &fields, &code, manager, at,
                )
                .await?
                {
                    Inserted::Done => break,
                    Inserted::CodeTaken => continue,
                    Inserted::AlreadyCertified => return Ok(()),
                }
            }
            let later = |h: i64| at + Duration::hours(h);
            certificates_repo::set_status(
                tx,
                id,
                CertificateStatus::PendingGeneration,
                CertificateStatus::PendingApproval,
                manager,
                "",
                later(1),
            )
            .await?;
            if n + 1 < mentees.len() {
                certificates_repo::set_status(
                    tx,
                    id,
                    CertificateStatus::PendingApproval,
                    CertificateStatus::Approved,
                    manager,
                    "",
                    later(26),
                )
                .await?;
            }
        }
        Ok(())
    }

    /// A matched pair's meetings since their match was approved, every two weeks until three
    /// weeks ahead: most held (and rated by the mentee), some missed or cancelled, the
    /// coming ones confirmed. They count for the programme's dashboard and reports. A time
    /// that would overlap another demo session is left out.
    async fn demo_meetings(
        tx: &mut Tx,
        pair: usize,
        proposal: &MatchProposal,
        approved_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        use chrono::{Datelike, Weekday};
        use mentordesk_db::sessions::{self as sessions_repo, NewSession};
        use mentordesk_shared::scheduling::SessionStatus;
        use mentordesk_shared::sessions::SessionRole;
        const TITLES: [&str; 4] = [
            "Fortnightly check-in",
            "Goal review",
            "Practice and feedback",
            "Planning the next step",
        ];
        // On weekdays, in the mentor's working hours on their own clock.
        let zone = crate::scheduling::zone_of(tx, proposal.mentor_id).await?;
        const HOURS: [&str; 6] = ["09:00", "10:00", "11:00", "14:00", "15:00", "16:00"];
        let mut day =
            approved_at.with_timezone(&zone).date_naive() + Duration::days(2 + pair as i64 % 5);
        let end = (now + Duration::days(21)).with_timezone(&zone).date_naive();
        let mut i = 0usize;
        while day <= end {
            while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                day += Duration::days(1);
            }
            let time = HOURS[(pair * 3 + i) % HOURS.len()];
            let Ok(starts_at) = mentordesk_core::local_time::wall_time_instant(
                zone,
                &mentordesk_shared::sessions::WallTime {
                    date: day,
                    time: time.into(),
                },
            ) else {
                day += Duration::days(14);
                i += 1;
                continue;
            };
            let ends_at = starts_at + Duration::minutes(45);
            let status = if ends_at > now {
                SessionStatus::Confirmed
            } else if (i + pair) % 7 == 3 {
                SessionStatus::Cancelled
            } else if (i + 2 * pair) % 6 == 5 {
                SessionStatus::NoShow
            } else {
                SessionStatus::Completed
            };
            let title = TITLES[(pair + i) % TITLES.len()];
            let inserted = sessions_repo::insert(
                tx,
                &NewSession {
                    mentor: proposal.mentor_id,
                    mentee: proposal.mentee_id,
                    title,
                    agenda: "",
                    starts_at,
                    ends_at,
                    status,
                    meeting_link: "",
                    created_by: proposal.mentee_id,
                },
                starts_at - Duration::days(7),
            )
            .await?;
            if let (Some(id), SessionStatus::Completed) = (inserted, status) {
                let rating = if (pair + i) % 4 == 1 { 4 } else { 5 };
                sessions_repo::add_rating(
                    tx,
                    id,
                    proposal.mentee_id,
                    proposal.mentor_id,
                    SessionRole::Mentee,
                    rating,
                    "",
                    ends_at + Duration::hours(3),
                )
                .await?;
                sessions_repo::add_rating(
                    tx,
                    id,
                    proposal.mentor_id,
                    proposal.mentee_id,
                    SessionRole::Mentor,
                    5,
                    "",
                    ends_at + Duration::hours(5),
                )
                .await?;
            }
            day += Duration::days(14);
            i += 1;
        }
        Ok(())
    }

    /// What waits for a manager in an active programme: applications (and one declined),
    /// a match a mentee asked for, one a manager proposed, and one rejected.
    #[allow(clippy::too_many_arguments)]
    async fn demo_waiting(
        &self,
        tx: &mut Tx,
        id: ProgrammeId,
        spec: &DemoProgramme,
        manager: UserId,
        admin: UserId,
        mentors: &[UserId],
        mentees: &[UserId],
        now: DateTime<Utc>,
    ) -> Result<()> {
        // Applicants from outside the programme: the next mentees after its members.
        let outside = spec.mentees.end..spec.mentees.end + 4;
        for (n, m) in outside.enumerate() {
            let Some(&applicant) = mentees.get(m % mentees.len()) else {
                continue;
            };
            let decision = match n {
                3 => Some((
                    manager,
                    ApplicationStatus::Declined,
                    "This cohort is full; please apply to the autumn one.",
                )),
                _ => None,
            };
            self.demo_application_to(
                tx,
                id,
                applicant,
                spec,
                decision,
                now - Duration::days(3 - n as i64 % 3) - Duration::hours(n as i64 * 5),
            )
            .await?;
        }
        // Pending and rejected matches among members not matched yet.
        let free_mentees: Vec<usize> = spec
            .mentees
            .clone()
            .filter(|m| !spec.pairs.iter().any(|(_, e)| e == m))
            .collect();
        let waiting = [
            (spec.mentors.start + 5, MatchOrigin::Mentee, None),
            (spec.mentors.start + 1, MatchOrigin::Manager, None),
            (
                spec.mentors.start + 2,
                MatchOrigin::Manager,
                Some("Their time zones leave no shared working hours."),
            ),
        ];
        for (n, (mentor, origin, rejected)) in waiting.into_iter().enumerate() {
            let Some(&mentee) = free_mentees.get(n) else {
                continue;
            };
            let proposal = MatchProposal {
                programme_id: id,
                mentor_id: mentors[mentor % mentors.len()],
                mentee_id: mentees[mentee],
                goal: GOAL_OF[(n + 2) % GOAL_OF.len()].into(),
            };
            let match_id = MatchId(uuid::Uuid::now_v7());
            let by = if origin == MatchOrigin::Mentee {
                proposal.mentee_id
            } else {
                manager
            };
            let at = now - Duration::days(2) + Duration::hours(n as i64 * 3);
            repo::insert_match(tx, match_id, &proposal, &proposal.goal, origin, by, at).await?;
            if let Some(reason) = rejected {
                repo::decide_match(
                    tx,
                    match_id,
                    MatchStatus::Pending,
                    MatchStatus::Rejected,
                    admin,
                    reason,
                    at + Duration::hours(4),
                )
                .await?;
            }
        }
        Ok(())
    }

    /// Tasks in every state (one overdue) and reports, one with blockers still open.
    #[allow(clippy::too_many_arguments)]
    async fn demo_work(
        &self,
        tx: &mut Tx,
        id: ProgrammeId,
        spec: &DemoProgramme,
        manager: UserId,
        people: &[UserId],
        started: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let active = spec.status == ProgrammeStatus::Active;
        let today = now.date_naive();
        let plans: [(&str, &str, i64, usize, TaskStatus); 5] = [
            (
                "Run the intake survey",
                "Ask every pair what they want from the programme.",
                -40,
                1,
                TaskStatus::Completed,
            ),
            (
                "Plan the mid-point check-in",
                "A short call with each pair halfway through.",
                10,
                1,
                TaskStatus::InProgress,
            ),
            (
                "Collect the kick-off feedback",
                "Summarise what worked and what did not.",
                -3,
                2,
                TaskStatus::Pending,
            ),
            (
                "Book the closing event",
                "Room, date and a speaker.",
                30,
                0,
                TaskStatus::Unassigned,
            ),
            (
                "Share the reading list",
                "Five articles each pair can discuss.",
                5,
                1,
                TaskStatus::Pending,
            ),
        ];
        let mut first_task = None;
        for (n, (title, description, due_in, assigned, status)) in plans.into_iter().enumerate() {
            let status = if active {
                status
            } else {
                TaskStatus::Completed
            };
            let assignees: Vec<UserId> = if status == TaskStatus::Unassigned {
                Vec::new()
            } else {
                people
                    .iter()
                    .skip(n)
                    .take(assigned.max(1))
                    .copied()
                    .collect()
            };
            let fields = TaskFields {
                title: title.into(),
                description: description.into(),
                due_on: Some(if active {
                    today + Duration::days(due_in)
                } else {
                    started.date_naive() + Duration::days(60 + n as i64 * 10)
                }),
                assignees,
            };
            let task = TaskId(uuid::Uuid::now_v7());
            let created = started + Duration::days(3 + n as i64);
            let initial = mentordesk_core::programme_work::status_after_assigning(
                TaskStatus::Unassigned,
                !fields.assignees.is_empty(),
            );
            work::insert_task(tx, task, id, &fields, initial, manager, created).await?;
            if status == TaskStatus::InProgress || status == TaskStatus::Completed {
                work::set_task_status(
                    tx,
                    task,
                    TaskStatus::Pending,
                    TaskStatus::InProgress,
                    created + Duration::days(2),
                )
                .await?;
            }
            if status == TaskStatus::Completed {
                work::set_task_status(
                    tx,
                    task,
                    TaskStatus::InProgress,
                    TaskStatus::Completed,
                    created + Duration::days(9),
                )
                .await?;
            }
            first_task.get_or_insert(task);
        }
        let reports = [
            (
                "Intake survey results",
                first_task,
                "34 of 40 mentees answered; most want help with promotion cases and interviews.",
                "",
                "Pair people who want interview practice with mentors who hire.",
                None,
            ),
            (
                "Month two check-in",
                None,
                "Seven pairs have met at least three times.",
                "Two mentors changed jobs and have little time until the new year.",
                "Offer their mentees a second mentor for January.",
                Some(Duration::days(12)),
            ),
        ];
        for (n, (title, task, achievements, blockers, recommendations, age)) in
            reports.into_iter().enumerate()
        {
            let report = ReportId(uuid::Uuid::now_v7());
            let at = match age {
                Some(age) if active => now - age,
                _ => started + Duration::days(45 + n as i64 * 20),
            };
            let author = people.get(n).copied().unwrap_or(manager);
            work::insert_report(
                tx,
                report,
                id,
                task,
                &ReportFields {
                    title: title.into(),
                    achievements: achievements.into(),
                    blockers: blockers.into(),
                    recommendations: recommendations.into(),
                },
                author,
                at,
            )
            .await?;
            if !active && !blockers.is_empty() {
                work::set_blockers_resolved(tx, report, true, manager, at + Duration::days(7))
                    .await?;
            }
        }
        Ok(())
    }

    async fn demo_application_to(
        &self,
        tx: &mut Tx,
        programme: ProgrammeId,
        applicant: UserId,
        spec: &DemoProgramme,
        decision: Option<(UserId, ApplicationStatus, &str)>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let answers: Vec<QuestionAnswer> = spec
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| QuestionAnswer {
                question: q.to_string(),
                answer: ANSWERS[(i + applicant.0.as_u128() as usize) % ANSWERS.len()].into(),
            })
            .collect();
        let id = ProgrammeApplicationId(uuid::Uuid::now_v7());
        repo::insert_application(
            tx,
            id,
            programme,
            applicant,
            ProgrammeRole::Mentee,
            &answers,
            at,
        )
        .await?;
        if let Some((by, status, reason)) = decision {
            repo::decide_application(tx, id, status, by, reason, at + Duration::hours(30)).await?;
        }
        Ok(())
    }
}

const GOAL_OF: [&str; 6] = [
    "Build the case for a senior promotion by the next review",
    "Lead a first small team with confidence",
    "Land a first developer role",
    "Give a talk at a local meetup",
    "Design and ship a portfolio project end to end",
    "Get comfortable with system-design interviews",
];
