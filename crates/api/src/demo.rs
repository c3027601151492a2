//! A realistic demo organisation, so a newcomer sees a living app.
//!
//! One admin, two programme managers, twelve mentors across time zones and forty
//! mentees, with full profiles, generated avatars, applications in every state,
//! sessions and appointments, support groups with forum threads, and an audit trail. Every account signs in with [`DEMO_PASSWORD`].

use crate::{Mentordesk, Result};
use chrono::Duration;
use mentordesk_core::{media, passwords};
use mentordesk_db::{accounts as users_repo, applications, audit, profiles, settings, Db};
use mentordesk_shared::accounts::{OnboardingStatus, SignUpIntent};
use mentordesk_shared::admin::{ApplicationRole, ApplicationStatus, ApplicationSubmit};
use mentordesk_shared::ids::{ApplicationId, UserId};
use mentordesk_shared::profiles::{ExperienceLevel, ProfileFields};
use mentordesk_shared::ApiError;

pub const DEMO_PASSWORD: &str = "mentordesk-demo";
pub const DEMO_ADMIN_EMAIL: &str = "admin@mentordesk.demo";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub admins: usize,
    pub managers: usize,
    pub mentors: usize,
    pub mentees: usize,
}

struct Person {
    first: &'static str,
    last: &'static str,
    tz: &'static str,
    country: &'static str,
    city: &'static str,
}

const fn p(
    first: &'static str,
    last: &'static str,
    tz: &'static str,
    country: &'static str,
    city: &'static str,
) -> Person {
    Person {
        first,
        last,
        tz,
        country,
        city,
    }
}

const MANAGERS: [Person; 2] = [
    p("Priya", "Raman", "Asia/Kolkata", "India", "Bengaluru"),
    p(
        "Tom",
        "Okafor",
        "Europe/London",
        "United Kingdom",
        "Manchester",
    ),
];

struct MentorSpec {
    who: Person,
    headline: &'static str,
    position: &'static str,
    organisation: &'static str,
    expertise: &'static [&'static str],
    years: u32,
    style: &'static str,
    accepting: bool,
    parents: bool,
}

const MENTORS: [MentorSpec; 12] = [
    MentorSpec {
        who: p("Amara", "Nwosu", "Africa/Lagos", "Nigeria", "Lagos"),
        headline: "Staff engineer helping backend developers grow into tech leads",
        position: "Staff Engineer",
        organisation: "Paystack",
        expertise: &["Backend", "Go", "System design", "Leadership"],
        years: 14,
        style: "Structured goals with honest weekly check-ins",
        accepting: true,
        parents: true,
    },
    MentorSpec {
        who: p("Lukas", "Schneider", "Europe/Berlin", "Germany", "Berlin"),
        headline: "Rust and embedded systems, from first crate to production",
        position: "Principal Engineer",
        organisation: "Ferrous Works",
        expertise: &["Rust", "Embedded", "Performance", "Open source"],
        years: 17,
        style: "Pair programming and code review",
        accepting: true,
        parents: false,
    },
    MentorSpec {
        who: p("Sofía", "Martínez", "America/Santiago", "Chile", "Santiago"),
        headline: "Product designer turned design manager",
        position: "Design Manager",
        organisation: "Cornershop",
        expertise: &[
            "Product design",
            "UX research",
            "Design systems",
            "Career change",
        ],
        years: 11,
        style: "Portfolio reviews and real critique",
        accepting: true,
        parents: true,
    },
    MentorSpec {
        who: p(
            "James",
            "Whitfield",
            "America/New_York",
            "United States",
            "New York",
        ),
        headline: "Data science for people who like messy data",
        position: "Head of Data",
        organisation: "Hudson Analytics",
        expertise: &["Data science", "Python", "Machine learning", "Statistics"],
        years: 13,
        style: "Project-based: we ship something together",
        accepting: false,
        parents: false,
    },
    MentorSpec {
        who: p("Mei", "Tanaka", "Asia/Tokyo", "Japan", "Tokyo"),
        headline: "Mobile engineer (iOS & Android) and conference speaker",
        position: "Lead Mobile Engineer",
        organisation: "Mercari",
        expertise: &["iOS", "Android", "Kotlin", "Public speaking"],
        years: 9,
        style: "Socratic questions, then practice",
        accepting: true,
        parents: false,
    },
    MentorSpec {
        who: p("Olivia", "Brown", "Australia/Sydney", "Australia", "Sydney"),
        headline: "Engineering manager: first-time managers welcome",
        position: "Engineering Manager",
        organisation: "Atlassian",
        expertise: &["Leadership", "Hiring", "Career growth", "Agile"],
        years: 15,
        style: "Coaching conversations around real situations",
        accepting: true,
        parents: true,
    },
    MentorSpec {
        who: p("Arjun", "Mehta", "Asia/Kolkata", "India", "Pune"),
        headline: "Cloud architect: AWS, Kubernetes and cost control",
        position: "Cloud Architect",
        organisation: "Thoughtworks",
        expertise: &["Cloud", "Kubernetes", "DevOps", "System design"],
        years: 12,
        style: "Architecture katas and whiteboard sessions",
        accepting: true,
        parents: false,
    },
    MentorSpec {
        who: p(
            "Fatima",
            "Al-Sayed",
            "Asia/Dubai",
            "United Arab Emirates",
            "Dubai",
        ),
        headline: "Security engineer who loves teaching threat modelling",
        position: "Security Lead",
        organisation: "Careem",
        expertise: &["Security", "Threat modelling", "Backend", "Compliance"],
        years: 10,
        style: "Hands-on labs and capture-the-flag",
        accepting: true,
        parents: true,
    },
    MentorSpec {
        who: p(
            "Diego",
            "Fernández",
            "America/Mexico_City",
            "Mexico",
            "Mexico City",
        ),
        headline: "Frontend and accessibility, with a soft spot for CSS",
        position: "Senior Frontend Engineer",
        organisation: "Kavak",
        expertise: &["Frontend", "Accessibility", "TypeScript", "React"],
        years: 8,
        style: "Small weekly challenges with feedback",
        accepting: true,
        parents: false,
    },
    MentorSpec {
        who: p(
            "Hannah",
            "Lindqvist",
            "Europe/Stockholm",
            "Sweden",
            "Stockholm",
        ),
        headline: "Product manager: discovery, roadmaps and saying no",
        position: "Group Product Manager",
        organisation: "Spotify",
        expertise: &[
            "Product management",
            "Discovery",
            "Career change",
            "Leadership",
        ],
        years: 12,
        style: "Case studies from your own work",
        accepting: false,
        parents: true,
    },
    MentorSpec {
        who: p("Kwame", "Mensah", "Africa/Accra", "Ghana", "Accra"),
        headline: "Data engineer building pipelines that do not wake you at night",
        position: "Senior Data Engineer",
        organisation: "mPharma",
        expertise: &["Data engineering", "Python", "SQL", "Cloud"],
        years: 7,
        style: "Review your pipelines, then improve one together",
        accepting: true,
        parents: false,
    },
    MentorSpec {
        who: p(
            "Chloé",
            "Dubois",
            "Pacific/Auckland",
            "New Zealand",
            "Wellington",
        ),
        headline: "QA to SRE: reliability, incident reviews and calm on-call",
        position: "Site Reliability Engineer",
        organisation: "Xero",
        expertise: &["SRE", "Observability", "DevOps", "Testing"],
        years: 10,
        style: "Blameless reviews of real incidents",
        accepting: true,
        parents: true,
    },
];

const MENTEE_NAMES: [(&str, &str); 40] = [
    ("Aisha", "Bello"),
    ("Ben", "Carter"),
    ("Camila", "Rocha"),
    ("Daniel", "Kim"),
    ("Elena", "Popescu"),
    ("Farid", "Haddad"),
    ("Grace", "Liu"),
    ("Hugo", "Moreau"),
    ("Ines", "Costa"),
    ("Jonas", "Weber"),
    ("Kemi", "Adeyemi"),
    ("Leo", "Rossi"),
    ("Maya", "Patel"),
    ("Nils", "Johansson"),
    ("Olga", "Ivanova"),
    ("Pedro", "Alves"),
    ("Quinn", "Murphy"),
    ("Rosa", "García"),
    ("Sam", "Taylor"),
    ("Tariq", "Khan"),
    ("Uma", "Iyer"),
    ("Victor", "Nguyen"),
    ("Wanjiru", "Kamau"),
    ("Xavier", "Lopez"),
    ("Yara", "Haddad"),
    ("Zoe", "Clarke"),
    ("Ahmed", "Farouk"),
    ("Bianca", "Ferreira"),
    ("Chen", "Wei"),
    ("Dana", "Cohen"),
    ("Emil", "Novak"),
    ("Freya", "Hansen"),
    ("Gabriel", "Silva"),
    ("Hana", "Sato"),
    ("Ivan", "Petrov"),
    ("Julia", "Schmidt"),
    ("Karan", "Singh"),
    ("Lina", "Berg"),
    ("Mateo", "Vargas"),
    ("Nora", "Quinn"),
];

const MENTEE_PLACES: [(&str, &str, &str); 10] = [
    ("Europe/London", "United Kingdom", "Leeds"),
    ("America/New_York", "United States", "Boston"),
    ("Europe/Lisbon", "Portugal", "Porto"),
    ("Africa/Nairobi", "Kenya", "Nairobi"),
    ("Asia/Singapore", "Singapore", "Singapore"),
    ("America/Sao_Paulo", "Brazil", "São Paulo"),
    ("Europe/Warsaw", "Poland", "Kraków"),
    ("Asia/Kolkata", "India", "Hyderabad"),
    ("America/Los_Angeles", "United States", "Oakland"),
    ("Australia/Lord_Howe", "Australia", "Lord Howe Island"),
];

const INTERESTS: [&str; 12] = [
    "Backend",
    "Frontend",
    "Rust",
    "Data science",
    "Leadership",
    "Cloud",
    "Product design",
    "Security",
    "Career change",
    "Public speaking",
    "Python",
    "Mobile",
];

const GOALS: [&str; 6] = [
    "Move from support into a junior developer role within a year.",
    "Become confident leading design reviews on my team.",
    "Prepare for my first tech lead position.",
    "Return to engineering after parental leave and rebuild my network.",
    "Learn to design systems that scale, and explain my choices.",
    "Switch careers from teaching into product management.",
];

impl Mentordesk {
    /// Loads the demo organisation into an empty workspace. Returns `None` if the
    /// workspace already has accounts (the demo never mixes with real data).
    pub async fn load_demo(&self) -> Result<Option<DemoSummary>> {
        {
            let mut conn = self.db.read().await?;
            if users_repo::count_users(&mut conn).await? > 0 {
                return Ok(None);
            }
        }
        // One hash for all demo accounts keeps loading quick; they share a password anyway.
        let hash = crate::blocking(|| passwords::hash(DEMO_PASSWORD)).await?;
        let start = self.now() - Duration::days(60);
        let mut tx = self.db.write().await?;
        let mut avatars: Vec<(UserId, String)> = Vec::new();
        let mut manager_ids: Vec<(UserId, &'static str)> = Vec::new();
        let mut mentor_ids: Vec<(UserId, &'static str)> = Vec::new();
        let mut mentee_ids: Vec<UserId> = Vec::new();
        let mut n = 0i64;
        let at = |step: i64| start + Duration::hours(step * 7);

        let admin = UserId(uuid::Uuid::new_v4());
        let admin_fields = ProfileFields {
            first_name: "Morgan".into(),
            last_name: "Ellis".into(),
            headline: "Runs the Mentordesk workspace".into(),
            bio: "I look after accounts, approvals and roles for our mentoring programmes. Reach out if anything looks wrong.".into(),
            country: "Ireland".into(),
            city: "Dublin".into(),
            time_zone: "Europe/Dublin".into(),
            position: "Community Operations Lead".into(),
            organisation: "Mentordesk Demo Org".into(),
            department: "People & Culture".into(),
            experience_level: Some(ExperienceLevel::Expert),
            years_experience: Some(16),
            preferred_communication: "Chat first, video when useful".into(),
            job_roles: vec!["Operations".into()],
            interests: vec!["Leadership".into(), "Career growth".into()],
            goals: "Keep every programme running smoothly.".into(),
            ..ProfileFields::default()
        };
        self.demo_person(
            &mut tx,
            admin,
            DEMO_ADMIN_EMAIL,
            &hash,
            &["admin"],
            &admin_fields,
            at(n),
        )
        .await?;
        avatars.push((admin, DEMO_ADMIN_EMAIL.into()));
        n += 1;

        for m in &MANAGERS {
            let id = UserId(uuid::Uuid::new_v4());
            let email = email_of(m.first, m.last);
            let fields = ProfileFields {
                first_name: m.first.into(),
                last_name: m.last.into(),
                headline: "Programme manager for early-career engineers".into(),
                bio: format!("I run mentoring cohorts from {}, pair mentors with mentees and keep an eye on how every pair is doing.", m.city),
                country: m.country.into(),
                city: m.city.into(),
                time_zone: m.tz.into(),
                position: "Programme Manager".into(),
                organisation: "Mentordesk Demo Org".into(),
                department: "Learning & Development".into(),
                experience_level: Some(ExperienceLevel::Advanced),
                years_experience: Some(9),
                preferred_communication: "Video calls".into(),
                job_roles: vec!["Programme management".into()],
                interests: vec!["Leadership".into(), "Career growth".into()],
                goals: "Grow the cohort to 100 active pairs.".into(),
                ..ProfileFields::default()
            };
            self.demo_person(
                &mut tx,
                id,
                &email,
                &hash,
                &["programme_manager", "mentee"],
                &fields,
                at(n),
            )
            .await?;
            let app = ApplicationSubmit {
                role: ApplicationRole::ProgrammeManager,
                previous_roles: vec!["Team lead".into(), "Bootcamp coordinator".into()],
                previous_programmes: vec!["Women in Tech 2025".into()],
                programme_of_interest: "Early-career engineers".into(),
                years_technical_experience: Some(6),
                been_mentor_before: true,
                technical_proficiency: vec!["Agile".into(), "Data analysis".into()],
                motivation: "I want to help more mentoring pairs succeed.".into(),
                document: None,
            };
            self.demo_application(
                &mut tx,
                id,
                &app,
                Some((admin, true, "Welcome aboard!")),
                at(n),
            )
            .await?;
            avatars.push((id, email));
            manager_ids.push((id, m.tz));
            n += 1;
        }

        for (i, m) in MENTORS.iter().enumerate() {
            let id = UserId(uuid::Uuid::new_v4());
            let email = email_of(m.who.first, m.who.last);
            let level = if m.years >= 12 {
                ExperienceLevel::Expert
            } else {
                ExperienceLevel::Advanced
            };
            let fields = ProfileFields {
                first_name: m.who.first.into(),
                last_name: m.who.last.into(),
                headline: m.headline.into(),
                bio: format!(
                    "{} at {} with {} years in the field. I mentor because someone once did it for me. \
                     Bring a real problem from your week and we will work through it together.",
                    m.position, m.organisation, m.years
                ),
                country: m.who.country.into(),
                city: m.who.city.into(),
                time_zone: m.who.tz.into(),
                phone: format!("+1 555 01{:02}", 10 + i),
                website: format!("https://{}.dev", m.who.first.to_lowercase().replace(['é', 'í', 'ó'], "e")),
                github: format!("https://github.com/{}{}", m.who.first.to_lowercase().chars().filter(char::is_ascii_alphabetic).collect::<String>(), i),
                linkedin: format!("https://www.linkedin.com/in/{}-{}", m.who.first.to_lowercase().chars().filter(char::is_ascii_alphabetic).collect::<String>(), m.who.last.to_lowercase().chars().filter(char::is_ascii_alphabetic).collect::<String>()),
                twitter: String::new(),
                facebook: String::new(),
                expertise: m.expertise.iter().map(|s| s.to_string()).collect(),
                interests: vec!["Mentoring".into()],
                proficiencies: m.expertise.iter().take(2).map(|s| s.to_string()).collect(),
                job_roles: vec![m.position.into()],
                years_experience: Some(m.years),
                experience_level: Some(level),
                department: "Engineering".into(),
                position: m.position.into(),
                organisation: m.organisation.into(),
                mentorship_style: m.style.into(),
                preferred_communication: ["Video calls", "Chat, then a call", "In person when possible"][i % 3].into(),
                mentee_capacity: Some(3 + (i as u32 % 4)),
                accepting_mentees: m.accepting,
                supports_new_parents: m.parents,
                goals: "Help two mentees land the role they are aiming for this year.".into(),
            };
            self.demo_person(
                &mut tx,
                id,
                &email,
                &hash,
                &["mentor", "mentee"],
                &fields,
                at(n),
            )
            .await?;
            let app = ApplicationSubmit {
                role: ApplicationRole::Mentor,
                previous_roles: vec![m.position.into()],
                previous_programmes: vec!["Open Source Mentorship 2025".into()],
                programme_of_interest: "Early-career engineers".into(),
                years_technical_experience: Some(m.years),
                been_mentor_before: i % 2 == 0,
                technical_proficiency: m.expertise.iter().map(|s| s.to_string()).collect(),
                motivation: "I would like to give back what my own mentors gave me.".into(),
                document: None,
            };
            self.demo_application(&mut tx, id, &app, Some((admin, true, "")), at(n))
                .await?;
            avatars.push((id, email));
            mentor_ids.push((id, m.who.tz));
            n += 1;
        }

        for (i, (first, last)) in MENTEE_NAMES.iter().enumerate() {
            let id = UserId(uuid::Uuid::new_v4());
            let email = email_of(first, last);
            let (tz, country, city) = MENTEE_PLACES[i % MENTEE_PLACES.len()];
            let new_parent = i % 9 == 4;
            let fields = ProfileFields {
                first_name: (*first).into(),
                last_name: (*last).into(),
                headline: ["Junior developer", "Career changer into tech", "Graduate engineer", "QA analyst learning to code", "Designer exploring frontend"][i % 5].into(),
                bio: format!("Based in {city}. I learn best by building things and asking lots of questions. Looking for a mentor who will challenge me."),
                country: country.into(),
                city: city.into(),
                time_zone: tz.into(),
                interests: vec![INTERESTS[i % 12].into(), INTERESTS[(i + 5) % 12].into()],
                proficiencies: vec![INTERESTS[(i + 2) % 12].into()],
                job_roles: vec![["Developer", "Analyst", "Designer", "Tester"][i % 4].into()],
                years_experience: Some((i % 5) as u32),
                experience_level: Some(if i % 3 == 0 { ExperienceLevel::Beginner } else { ExperienceLevel::Intermediate }),
                position: ["Junior Developer", "Analyst", "Graduate Engineer", "QA Analyst"][i % 4].into(),
                organisation: ["Acme Ltd", "Globex", "Initech", "Umbrella Co"][i % 4].into(),
                preferred_communication: ["Video calls", "Chat", "E-mail"][i % 3].into(),
                goals: GOALS[i % GOALS.len()].into(),
                ..ProfileFields::default()
            };
            let roles: &[&str] = if new_parent {
                &["mentee", "new_parent"]
            } else {
                &["mentee"]
            };
            self.demo_person(&mut tx, id, &email, &hash, roles, &fields, at(n))
                .await?;
            // A few mentees have applied to mentor; one to run programmes; one was declined.
            let application = match i {
                3 | 17 | 29 => Some((ApplicationRole::Mentor, None)),
                11 => Some((ApplicationRole::ProgrammeManager, None)),
                22 => Some((
                    ApplicationRole::Mentor,
                    Some((
                        admin,
                        false,
                        "Please apply again after a year of industry experience.",
                    )),
                )),
                _ => None,
            };
            if let Some((role, decision)) = application {
                let app = ApplicationSubmit {
                    role,
                    previous_roles: vec!["Student tutor".into(), "Meetup organiser".into()],
                    previous_programmes: vec!["Code First Girls".into()],
                    programme_of_interest: "Early-career engineers".into(),
                    years_technical_experience: Some(2 + (i % 4) as u32),
                    been_mentor_before: i % 2 == 1,
                    technical_proficiency: vec![INTERESTS[i % 12].into(), "Git".into()],
                    motivation:
                        "Tutoring at my university showed me how much I enjoy helping others learn."
                            .into(),
                    document: None,
                };
                self.demo_application(&mut tx, id, &app, decision, at(n))
                    .await?;
            }
            avatars.push((id, email));
            mentee_ids.push(id);
            n += 1;
        }

        self.demo_scheduling(&mut tx, &manager_ids, &mentor_ids, &mentee_ids)
            .await?;
        self.demo_groups(&mut tx, &manager_ids, &mentor_ids, &mentee_ids)
            .await?;
        settings::set(&mut tx, "demo_loaded", &self.now().to_rfc3339()).await?;
        Db::commit(tx).await?;

        // Avatars are files; write them after the accounts exist, then point profiles at them.
        let mut tx = self.db.write().await?;
        for (id, seed) in avatars {
            let jpeg = crate::blocking(move || media::identicon(&seed)).await?;
            let file = self.files.save("photos", "jpg", jpeg).await?;
            profiles::set_photo(&mut tx, id, Some(&file), self.now()).await?;
        }
        Db::commit(tx).await?;
        Ok(Some(DemoSummary {
            admins: 1,
            managers: MANAGERS.len(),
            mentors: MENTORS.len(),
            mentees: MENTEE_NAMES.len(),
        }))
    }

    /// Availability for every mentor, and sessions in every state: completed ones with
    /// notes, action items and ratings, confirmed and requested ones ahead, a proposal,
    /// a pending new time, a cancellation; plus two group appointments.
    async fn demo_scheduling(
        &self,
        tx: &mut mentordesk_db::Tx,
        managers: &[(UserId, &'static str)],
        mentors: &[(UserId, &'static str)],
        mentees: &[UserId],
    ) -> Result<()> {
        use chrono::Weekday;
        use mentordesk_core::local_time::wall_time_instant;
        use mentordesk_db::appointments as appointments_repo;
        use mentordesk_db::sessions::{self as repo, EventRecord, NewSession, Proposal};
        use mentordesk_shared::scheduling::*;
        use mentordesk_shared::sessions::{
            ActionItemStatus, AttendeeResponse, SessionRole, WallTime,
        };

        let now = self.now();
        let local = |tz: &str, days: i64, time: &str| {
            let zone: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::UTC);
            let date = now.with_timezone(&zone).date_naive() + Duration::days(days);
            wall_time_instant(
                zone,
                &WallTime {
                    date,
                    time: time.into(),
                },
            )
            .map_err(ApiError::internal)
        };
        const TOPICS: [(&str, &str); 6] = [
            (
                "CV review",
                "Go through my CV line by line and make the impact clearer.",
            ),
            (
                "Preparing for a system design interview",
                "Practise one design question and get feedback on how I explain trade-offs.",
            ),
            (
                "First 90 days as a team lead",
                "How to run one-to-ones and set expectations with a new team.",
            ),
            (
                "Code review habits",
                "What to look for first, and how to give feedback kindly.",
            ),
            (
                "Returning after parental leave",
                "Plan a gradual return and rebuild confidence with the codebase.",
            ),
            (
                "Career change into product",
                "Which skills transfer, and what to learn first.",
            ),
        ];
        for (i, (mentor, tz)) in mentors.iter().enumerate() {
            let weekly = [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ]
            .into_iter()
            .flat_map(|weekday| {
                [
                    WeeklyRange {
                        weekday,
                        start: 9 * 60,
                        end: 12 * 60,
                    },
                    WeeklyRange {
                        weekday,
                        start: 13 * 60 + 30 * (i as u16 % 2),
                        end: 17 * 60,
                    },
                ]
            })
            .collect();
            let availability = Availability {
                time_zone: (*tz).into(),
                weekly,
                exceptions: vec![DateException {
                    date: now
                        .with_timezone(&tz.parse::<chrono_tz::Tz>().unwrap_or(chrono_tz::UTC))
                        .date_naive()
                        + Duration::days(10 + i as i64 % 4),
                    kind: ExceptionKind::Unavailable,
                    start: 0,
                    end: 1440,
                }],
                settings: BookingSettings {
                    durations: if i % 3 == 0 {
                        vec![30, 60, 90]
                    } else {
                        vec![30, 60]
                    },
                    buffer_before_minutes: 0,
                    buffer_after_minutes: [0, 10, 15][i % 3],
                    min_notice_minutes: 12 * 60,
                    daily_cap: if i % 4 == 1 { Some(3) } else { None },
                    weekly_cap: None,
                    horizon_days: 56,
                    step_minutes: 30,
                },
            };
            repo::save_availability(tx, *mentor, &availability, now).await?;

            // Three mentees per mentor, each mentee with one mentor.
            for k in 0..3usize {
                let Some(&mentee) = mentees.get(i * 3 + k) else {
                    continue;
                };
                let (title, agenda) = TOPICS[(i + k) % TOPICS.len()];
                // (days from today, local time, status, minutes)
                let plan: &[(i64, &str, SessionStatus, i64)] = match k {
                    0 => &[
                        (-21, "10:00", SessionStatus::Completed, 60),
                        (-7, "10:00", SessionStatus::Completed, 60),
                        (2, "10:00", SessionStatus::Confirmed, 60),
                        (9, "10:00", SessionStatus::Confirmed, 60),
                    ],
                    1 => &[
                        (-14, "14:00", SessionStatus::Completed, 60),
                        (-3, "15:00", SessionStatus::NoShow, 30),
                        (3, "15:00", SessionStatus::Requested, 60),
                        (5, "09:00", SessionStatus::Declined, 30),
                    ],
                    _ => &[
                        (-10, "11:00", SessionStatus::Cancelled, 30),
                        (4, "11:00", SessionStatus::Proposed, 60),
                        (6, "16:00", SessionStatus::Confirmed, 30),
                    ],
                };
                for (step, &(days, time, status, minutes)) in plan.iter().enumerate() {
                    let starts_at = local(tz, days, time)?;
                    let ends_at = starts_at + Duration::minutes(minutes);
                    let created = starts_at.min(now) - Duration::days(5);
                    let by_mentee = status != SessionStatus::Proposed;
                    let Some(id) = repo::insert(
                        tx,
                        &NewSession {
                            mentor: *mentor,
                            mentee,
                            title,
                            agenda,
                            starts_at,
                            ends_at,
                            status,
                            meeting_link: if status == SessionStatus::Requested {
                                ""
                            } else {
                                "https://meet.mentordesk.demo/room"
                            },
                            created_by: if by_mentee { mentee } else { *mentor },
                        },
                        created,
                    )
                    .await?
                    else {
                        continue;
                    };
                    let first = if by_mentee {
                        SessionStatus::Requested
                    } else {
                        SessionStatus::Proposed
                    };
                    let creator = if by_mentee { mentee } else { *mentor };
                    repo::add_event(
                        tx,
                        id,
                        &EventRecord {
                            at: created,
                            actor: creator,
                            action: first.key().into(),
                            from_status: None,
                            to_status: first,
                            message: String::new(),
                            span: Some((starts_at, ends_at)),
                        },
                    )
                    .await?;
                    if status != first {
                        let (action, actor, message) = match status {
                            SessionStatus::Cancelled => {
                                ("cancel", mentee, "Sorry, I have a deadline that week.")
                            }
                            SessionStatus::NoShow => ("mark_no_show", *mentor, ""),
                            SessionStatus::Declined => (
                                "decline",
                                *mentor,
                                "I am away that day; could you pick another slot?",
                            ),
                            _ => ("accept", *mentor, "Looking forward to it!"),
                        };
                        if status == SessionStatus::Completed || status == SessionStatus::NoShow {
                            repo::add_event(
                                tx,
                                id,
                                &EventRecord {
                                    at: created + Duration::hours(3),
                                    actor: *mentor,
                                    action: "accept".into(),
                                    from_status: Some(first),
                                    to_status: SessionStatus::Confirmed,
                                    message: String::new(),
                                    span: None,
                                },
                            )
                            .await?;
                        }
                        let from = if status == SessionStatus::Completed
                            || status == SessionStatus::NoShow
                        {
                            SessionStatus::Confirmed
                        } else {
                            first
                        };
                        let (action, at) = if status == SessionStatus::Completed {
                            ("complete", ends_at)
                        } else {
                            (action, created + Duration::hours(4))
                        };
                        let at = if status == SessionStatus::NoShow {
                            starts_at + Duration::minutes(20)
                        } else {
                            at
                        };
                        repo::add_event(
                            tx,
                            id,
                            &EventRecord {
                                at,
                                actor,
                                action: action.into(),
                                from_status: Some(from),
                                to_status: status,
                                message: message.into(),
                                span: None,
                            },
                        )
                        .await?;
                    }
                    if status == SessionStatus::Completed {
                        repo::update_details(
                            tx,
                            id,
                            "https://meet.mentordesk.demo/room",
                            agenda,
                            "Good progress. Next time: practise the opening two minutes out loud.",
                            now,
                        )
                        .await?;
                        repo::add_note(
                            tx,
                            id,
                            mentee,
                            "Key takeaway: lead with the outcome, then the details.",
                            false,
                            ends_at,
                        )
                        .await?;
                        repo::add_note(
                            tx,
                            id,
                            mentee,
                            "I was nervous about the feedback part. Practise at home.",
                            true,
                            ends_at,
                        )
                        .await?;
                        repo::add_action_item(
                            tx,
                            id,
                            *mentor,
                            &repo::ActionItemFields {
                                assignee: mentee,
                                title: "Rewrite the summary section",
                                description: "Three lines, outcomes first.",
                                due_date: Some((ends_at + Duration::days(7)).date_naive()),
                                status: if step == 0 {
                                    ActionItemStatus::Completed
                                } else {
                                    ActionItemStatus::InProgress
                                },
                            },
                            ends_at,
                        )
                        .await?;
                        let stars = [5u8, 4, 5, 3, 5][(i + k + step) % 5];
                        repo::add_rating(
                            tx,
                            id,
                            mentee,
                            *mentor,
                            SessionRole::Mentee,
                            stars,
                            [
                                "Clear, practical advice.",
                                "Really helpful session.",
                                "I left with a plan.",
                            ][(i + step) % 3],
                            ends_at + Duration::hours(2),
                        )
                        .await?;
                        repo::add_rating(
                            tx,
                            id,
                            *mentor,
                            mentee,
                            SessionRole::Mentor,
                            5,
                            "Came well prepared.",
                            ends_at + Duration::hours(3),
                        )
                        .await?;
                    }
                    // One confirmed session has a new time waiting for the mentee's answer.
                    if k == 0 && days == 9 && i % 2 == 0 {
                        let proposed_start = starts_at + Duration::days(1);
                        repo::update_state(
                            tx,
                            id,
                            status,
                            starts_at,
                            ends_at,
                            Some(&Proposal {
                                starts_at: proposed_start,
                                ends_at: proposed_start + Duration::minutes(minutes),
                                by: *mentor,
                                message: "I have a clash that morning; does the next day work?"
                                    .into(),
                                at: now - Duration::hours(2),
                            }),
                            now,
                        )
                        .await?;
                        repo::add_event(
                            tx,
                            id,
                            &EventRecord {
                                at: now - Duration::hours(2),
                                actor: *mentor,
                                action: "propose_new_time".into(),
                                from_status: Some(status),
                                to_status: status,
                                message: "I have a clash that morning; does the next day work?"
                                    .into(),
                                span: Some((
                                    proposed_start,
                                    proposed_start + Duration::minutes(minutes),
                                )),
                            },
                        )
                        .await?;
                    }
                }
            }
        }

        // Group appointments (seed 002) organised by the programme managers.
        if let Some(&(manager, tz)) = managers.first() {
            let invited: Vec<UserId> = mentees.iter().copied().step_by(5).take(8).collect();
            let starts_at = local(tz, 3, "16:00")?;
            let id = appointments_repo::create(
                tx,
                &appointments_repo::NewAppointment {
                    organiser: manager,
                    title: "Spring cohort kick-off",
                    description:
                        "Meet the other mentees, hear how the programme works, and ask anything.",
                    starts_at,
                    ends_at: starts_at + Duration::minutes(60),
                    meeting_link: "https://meet.mentordesk.demo/kickoff",
                    attendees: &invited,
                },
                now - Duration::days(2),
            )
            .await?;
            for (j, user) in invited.iter().enumerate() {
                let answer = [
                    AttendeeResponse::Accepted,
                    AttendeeResponse::Accepted,
                    AttendeeResponse::Declined,
                    AttendeeResponse::Pending,
                ][j % 4];
                if answer != AttendeeResponse::Pending {
                    appointments_repo::respond(
                        tx,
                        id,
                        *user,
                        answer,
                        now - Duration::hours(30 - j as i64),
                    )
                    .await?;
                }
            }
        }
        if let Some(&(manager, tz)) = managers.get(1) {
            let invited: Vec<UserId> = mentors.iter().map(|(id, _)| *id).take(6).collect();
            let starts_at = local(tz, 8, "15:00")?;
            let id = appointments_repo::create(
                tx,
                &appointments_repo::NewAppointment {
                    organiser: manager,
                    title: "Mentor circle: giving feedback",
                    description: "Share what works when feedback is hard to hear.",
                    starts_at,
                    ends_at: starts_at + Duration::minutes(45),
                    meeting_link: "https://meet.mentordesk.demo/circle",
                    attendees: &invited,
                },
                now - Duration::days(1),
            )
            .await?;
            for user in invited.iter().take(3) {
                appointments_repo::respond(
                    tx,
                    id,
                    *user,
                    AttendeeResponse::Accepted,
                    now - Duration::hours(20),
                )
                .await?;
            }
        }
        Ok(())
    }

    /// Three support groups with members and forum threads: a pinned welcome thread, a
    /// locked one, conversations with replies, and one still waiting for an answer.
    async fn demo_groups(
        &self,
        tx: &mut mentordesk_db::Tx,
        managers: &[(UserId, &'static str)],
        mentors: &[(UserId, &'static str)],
        mentees: &[UserId],
    ) -> Result<()> {
        use mentordesk_db::groups as repo;

        let now = self.now();
        let ago = |days: i64, hours: i64| now - Duration::days(days) - Duration::hours(hours);
        let (priya, tom) = (managers[0].0, managers[1].0);
        let mentor = |i: usize| mentors[i % mentors.len()].0;
        let mentee = |i: usize| mentees[i % mentees.len()];

        // Working parents: the new parents among the mentees, two mentors, both managers.
        let parents = repo::create(
            tx,
            "Working parents",
            "For parents balancing work and a young family: coming back from leave, \
             childcare, flexible hours. Ask anything; someone here has been there.",
            priya,
            ago(40, 0),
        )
        .await?;
        for (n, who) in [
            mentee(4),
            mentee(13),
            mentee(22),
            mentee(31),
            mentor(1),
            mentor(5),
            tom,
        ]
        .into_iter()
        .enumerate()
        {
            repo::join(tx, parents, who, ago(39, n as i64)).await?;
        }
        let welcome = repo::create_thread(
            tx,
            parents,
            priya,
            "Welcome: read this first",
            "This is a space to ask, share and vent. Be kind, keep what others share here \
             inside the group, and tag questions with where you are (on leave, just back, \
             a few months in) so the right people see them.",
            ago(39, 0),
        )
        .await?;
        repo::add_reply(
            tx,
            welcome,
            mentee(4),
            "Thank you for setting this up!",
            ago(38, 20),
        )
        .await?;
        repo::set_flags(tx, welcome, true, false).await?;
        let back = repo::create_thread(
            tx,
            parents,
            mentee(13),
            "Going back after parental leave: what helped?",
            "I return to work in three weeks after nine months away. What made the first \
             month easier for you: a phased return, a buddy, something else?",
            ago(10, 0),
        )
        .await?;
        for (who, body, at) in [
            (
                mentor(1),
                "A phased return saved me: three days a week for the first month. Ask for it \
                 in writing before you start.",
                ago(9, 4),
            ),
            (
                mentee(22),
                "Book a catch-up with your manager for your first morning, so you hear what \
                 changed from them rather than from the chat history.",
                ago(8, 2),
            ),
            (
                mentee(13),
                "Thank you both. I asked for a phased return and it was approved!",
                ago(2, 6),
            ),
        ] {
            repo::add_reply(tx, back, who, body, at).await?;
        }
        repo::create_thread(
            tx,
            parents,
            mentee(31),
            "Evening sessions with a toddler at home",
            "My mentor is eight hours behind me, so our sessions land at bedtime. Has anyone \
             found a rhythm that works?",
            ago(3, 0),
        )
        .await?;

        // Career changers: a locked meetup thread and a lively discussion.
        let changers = repo::create(
            tx,
            "Career changers",
            "Moving into tech from another field? Share what worked, ask about courses, \
             portfolios and first interviews.",
            tom,
            ago(30, 0),
        )
        .await?;
        for (n, who) in [
            mentee(0),
            mentee(1),
            mentee(2),
            mentee(5),
            mentee(6),
            mentee(9),
            mentor(0),
            mentor(3),
        ]
        .into_iter()
        .enumerate()
        {
            repo::join(tx, changers, who, ago(29, n as i64)).await?;
        }
        let meetup = repo::create_thread(
            tx,
            changers,
            tom,
            "Spring cohort meetup: sign-up closed",
            "Thanks to everyone who signed up for the meetup. The list is full, so this thread \
             is closed; details follow by e-mail.",
            ago(25, 0),
        )
        .await?;
        repo::add_reply(
            tx,
            meetup,
            mentee(0),
            "Signed up, see you there!",
            ago(24, 3),
        )
        .await?;
        repo::add_reply(
            tx,
            meetup,
            mentee(5),
            "Me too. Is there a waiting list?",
            ago(24, 1),
        )
        .await?;
        repo::set_flags(tx, meetup, false, true).await?;
        let teaching = repo::create_thread(
            tx,
            changers,
            mentee(5),
            "From teaching to product: my first 90 days",
            "Three months ago I left the classroom for a product team. Happy to answer \
             questions, and I would love tips on writing good tickets.",
            ago(6, 0),
        )
        .await?;
        repo::add_reply(
            tx,
            teaching,
            mentor(3),
            "Write the problem before the solution, and say how you will know it worked.",
            ago(5, 3),
        )
        .await?;
        repo::add_reply(
            tx,
            teaching,
            mentee(2),
            "This is so encouraging. Which course did you take first?",
            ago(4, 8),
        )
        .await?;

        // Interview practice: small and recent.
        let interviews = repo::create(
            tx,
            "Interview practice",
            "Swap mock interviews and feedback: system design, behavioural and coding rounds.",
            priya,
            ago(15, 0),
        )
        .await?;
        for (n, who) in [mentee(7), mentee(8), mentee(10), mentor(2)]
            .into_iter()
            .enumerate()
        {
            repo::join(tx, interviews, who, ago(14, n as i64)).await?;
        }
        let mock = repo::create_thread(
            tx,
            interviews,
            mentee(7),
            "Mock system design partners this week?",
            "I have a system design round next Friday. Anyone up for a 45-minute mock, \
             taking turns as interviewer?",
            ago(1, 2),
        )
        .await?;
        repo::add_reply(
            tx,
            mock,
            mentor(2),
            "I can do Wednesday evening. Bring a rough design of a URL shortener.",
            ago(0, 20),
        )
        .await?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn demo_person(
        &self,
        tx: &mut mentordesk_db::Tx,
        id: UserId,
        email: &str,
        hash: &str,
        roles: &[&str],
        fields: &ProfileFields,
        created: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let fields = mentordesk_core::validate::profile(fields).map_err(|e| {
            ApiError::internal(format!("demo profile for {email} is invalid: {e:?}"))
        })?;
        users_repo::insert_user(
            tx,
            &users_repo::NewUser {
                id,
                email,
                email_key: &email.to_lowercase(),
                password_hash: hash,
                intent: SignUpIntent::Mentee,
                now: created,
            },
        )
        .await?;
        profiles::insert_profile(
            tx,
            id,
            &fields.first_name,
            &fields.last_name,
            &fields.time_zone,
            created,
        )
        .await?;
        profiles::update_profile(tx, id, &fields, created).await?;
        profiles::set_onboarding(
            tx,
            id,
            OnboardingStatus::Completed,
            4,
            Some(created + Duration::minutes(12)),
        )
        .await?;
        for role in roles {
            users_repo::grant_role(tx, id, role, None, created).await?;
        }
        audit::record(tx, created, Some(id), "account_created", Some(id), email).await?;
        users_repo::record_sign_in(tx, id, created + Duration::days(3)).await?;
        audit::record(
            tx,
            created + Duration::days(3),
            Some(id),
            "sign_in",
            Some(id),
            "",
        )
        .await?;
        Ok(())
    }

    async fn demo_application(
        &self,
        tx: &mut mentordesk_db::Tx,
        user: UserId,
        app: &ApplicationSubmit,
        decision: Option<(UserId, bool, &str)>,
        created: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let id = ApplicationId(uuid::Uuid::new_v4());
        applications::insert(tx, id, user, app, None, created + Duration::hours(1)).await?;
        audit::record(
            tx,
            created + Duration::hours(1),
            Some(user),
            "application_submitted",
            Some(user),
            app.role.label(),
        )
        .await?;
        if let Some((admin, approve, reason)) = decision {
            let status = if approve {
                ApplicationStatus::Approved
            } else {
                ApplicationStatus::Declined
            };
            let when = created + Duration::days(2);
            applications::decide(tx, id, status, admin, reason, when).await?;
            let action = if approve {
                "application_approved"
            } else {
                "application_declined"
            };
            audit::record(tx, when, Some(admin), action, Some(user), app.role.label()).await?;
        }
        Ok(())
    }
}

fn email_of(first: &str, last: &str) -> String {
    let clean = |s: &str| -> String {
        s.to_lowercase()
            .chars()
            .map(|c| match c {
                'á' | 'à' => 'a',
                'é' | 'è' => 'e',
                'í' => 'i',
                'ó' => 'o',
                'ú' => 'u',
                'ñ' => 'n',
                c => c,
            })
            .filter(|c| c.is_ascii_alphanumeric())
            .collect()
    };
    format!("{}.{}@mentordesk.demo", clean(first), clean(last))
}
