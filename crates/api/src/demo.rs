//! A realistic demo organisation, so a newcomer sees a living app.
//!
//! One admin, two programme managers, twelve mentors across time zones and forty
//! mentees, with full profiles, generated avatars, applications in every state,
//! sessions and appointments, support groups with forum threads, connections, conversations and
//! notifications, and an audit trail. Every account signs in with [`DEMO_PASSWORD`].

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
        let threads = self
            .demo_groups(&mut tx, &manager_ids, &mentor_ids, &mentee_ids)
            .await?;
        self.demo_conversations(&mut tx, &manager_ids, &mentor_ids, &mentee_ids, &threads)
            .await?;
        let managers: Vec<UserId> = manager_ids.iter().map(|(id, _)| *id).collect();
        let mentors: Vec<UserId> = mentor_ids.iter().map(|(id, _)| *id).collect();
        self.demo_programmes(&mut tx, &managers, &mentors, &mentee_ids, admin)
            .await?;
        // Reminders for everyone's upcoming sessions and appointments, as bookings plan them.
        let now = self.now();
        let everyone = manager_ids
            .iter()
            .chain(mentor_ids.iter())
            .map(|(id, _)| *id)
            .chain(mentee_ids.iter().copied());
        for person in everyone {
            for (subject, starts_at) in
                mentordesk_db::notifications::upcoming_subjects(&mut tx, person, now).await?
            {
                crate::notifications::plan_reminders(&mut tx, person, subject, starts_at, now)
                    .await?;
            }
        }
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
        // Sessions are placed by week, in each person's zone, so that whatever day the
        // demo is loaded this week has what comes next and next week is full.
        let local = |tz: &str, when: When, time: &str| {
            let zone: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::UTC);
            let date = when.date(mentordesk_core::local_time::today(zone, now));
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
                    // A day off in the third week, clear of the demo's sessions.
                    date: When::NextWeek(14 + i as i64 % 4).date(
                        mentordesk_core::local_time::today(
                            tz.parse::<chrono_tz::Tz>().unwrap_or(chrono_tz::UTC),
                            now,
                        ),
                    ),
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
                // (when, local time, status, minutes). Next week always holds a proposed,
                // a confirmed and a requested session of each mentor (Monday to
                // Wednesday), the coming weekdays one or two confirmed ones, and the week
                // after one more; the past ones are days back from today.
                let plan: &[(When, &str, SessionStatus, i64)] = match k {
                    0 => &[
                        (When::Ago(21), "10:00", SessionStatus::Completed, 60),
                        (When::Ago(7), "10:00", SessionStatus::Completed, 60),
                        (When::Weekday(1), "10:00", SessionStatus::Confirmed, 60),
                        (When::NextWeek(1), "10:00", SessionStatus::Confirmed, 60),
                        (When::NextWeek(8), "10:00", SessionStatus::Confirmed, 60),
                    ],
                    1 => &[
                        (When::Ago(14), "14:00", SessionStatus::Completed, 60),
                        (When::Ago(3), "15:00", SessionStatus::NoShow, 30),
                        (When::NextWeek(2), "15:00", SessionStatus::Requested, 60),
                        (When::NextWeek(3), "09:00", SessionStatus::Declined, 30),
                    ],
                    _ => &[
                        (When::Ago(10), "11:00", SessionStatus::Cancelled, 30),
                        (When::NextWeek(0), "11:00", SessionStatus::Proposed, 60),
                        (When::Weekday(2), "16:00", SessionStatus::Confirmed, 30),
                    ],
                };
                for (step, &(when, time, status, minutes)) in plan.iter().enumerate() {
                    let starts_at = local(tz, when, time)?;
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
                                // Ten days after the session on the mentor's calendar: the
                                // open one (from a week ago) is due in three days wherever
                                // the person reading it lives, never "overdue" by an hour.
                                due_date: Some(
                                    mentordesk_core::local_time::today(
                                        tz.parse().unwrap_or(chrono_tz::UTC),
                                        ends_at,
                                    ) + Duration::days(10),
                                ),
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
                    if k == 0 && when == When::NextWeek(1) && i % 2 == 0 {
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
            let starts_at = local(tz, When::Weekday(3), "16:00")?;
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
            let starts_at = local(tz, When::Weekday(6), "15:00")?;
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
    /// Returns the threads the demo's notifications point at.
    async fn demo_groups(
        &self,
        tx: &mut mentordesk_db::Tx,
        managers: &[(UserId, &'static str)],
        mentors: &[(UserId, &'static str)],
        mentees: &[UserId],
    ) -> Result<DemoThreads> {
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
        repo::add_reply(tx, welcome, mentee(31), WELCOME_REPLY, ago(1, 5)).await?;
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
        // Aisha's own thread: its replies are in her notification centre.
        let switch = repo::create_thread(
            tx,
            changers,
            mentee(0),
            SWITCH_THREAD,
            "I've spent three years on a support desk and I'm applying for junior backend \
             roles. How did you talk about the move in interviews without underselling the \
             support years?",
            ago(3, 0),
        )
        .await?;
        repo::add_reply(tx, switch, mentee(2), SWITCH_REPLIES[0], ago(2, 5)).await?;
        repo::add_reply(tx, switch, mentor(3), SWITCH_REPLIES[1], ago(0, 9)).await?;

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
        Ok(DemoThreads { welcome, switch })
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

/// Threads of `demo_groups` that the demo's notifications open.
struct DemoThreads {
    /// Priya's pinned welcome thread in "Working parents".
    welcome: mentordesk_shared::ids::ThreadId,
    /// Aisha's thread in "Career changers".
    switch: mentordesk_shared::ids::ThreadId,
}

const WELCOME_REPLY: &str = "Found this group through the cohort kick-off invite. Thank you, \
     I've already picked up two tips for my return next month.";
const SWITCH_THREAD: &str = "From support desk to junior developer: how did you explain the move?";
const SWITCH_REPLIES: [&str; 2] = [
    "I framed it as \"I already debug production for a living, now I want to fix the cause\". \
     Interviewers loved it.",
    "Support is a superpower: you know what users break. Pick two tickets you chased down to \
     the root cause and tell those stories, with numbers.",
];

/// The group conversation of the spring frontend cohort.
pub const DEMO_COHORT_CONVERSATION: &str = "Spring cohort — frontend";

/// One day of the study buddies' long conversation: the first speaker's and the second
/// speaker's lines alternate; `{topic}`, `{next}` and `{slug}` are filled in per day.
const BUDDY_DAYS: [[&str; 20]; 2] = [
    [
        "Morning! Today's plan: {topic} for an hour before work.",
        "Same plan here. Compare notes at lunch?",
        "Deal. I'll write down three questions I still can't answer.",
        "Started on {topic}. The first example already confused me, which is probably good.",
        "Ha, that was me yesterday. Draw it on paper, it helps.",
        "Paper helped. Why does nobody tell you that?",
        "Lunch check-in: 40 minutes done, two of my three questions answered.",
        "Only 25 minutes here, stand-up ran over again.",
        "That still counts. Small and daily beats one heroic Sunday.",
        "Writing that on a sticky note.",
        "Can you explain {topic} back to me in two sentences? That's the real test.",
        "Trying: I know what it does, I'm less sure why you'd pick it over the alternatives.",
        "That's exactly the interview question though. \"Why this and not that?\"",
        "Okay, adding trade-offs to tomorrow's list.",
        "I found a good 20-minute video on it, sending the link after dinner.",
        "Thank you! Dinner first, brain later.",
        "Here it is: https://learn.mentordesk.demo/{slug}",
        "Watched it. The diagram halfway through finally made it click.",
        "Evening wrap: one thing you learned today?",
        "That I understand more than I think when I say it out loud. Night!",
    ],
    [
        "Mock interview day! Can you be the interviewer tonight?",
        "Yes! 19:30? I'll pick a question on {topic}.",
        "Perfect. Be mean.",
        "I'll be realistic, which is worse.",
        "Ha. Warming up on the bus with flashcards.",
        "Which deck?",
        "My own. Writing them is half the learning.",
        "Okay, ready when you are. Camera on.",
        "Joining now.",
        "That was good! You paused before answering, which made you sound calm.",
        "I was not calm 😅 But thank you.",
        "One thing: you jumped into code before asking how big the input is.",
        "Argh, yes. Clarifying questions first. Every time.",
        "Your explanation of {topic} was clearer than last week, honestly.",
        "Your turn tomorrow?",
        "Yes, but go easy, I have a deadline at work.",
        "I'll pick something fair. Maybe {next}.",
        "Fine, I'll skim it at lunch.",
        "Sending you my notes from tonight so you can see what I wrote down.",
        "Got them. Sleep well, interviewer-in-training!",
    ],
];

/// When each line of [`BUDDY_DAYS`] is sent, London time: a day of study with a lunch
/// check-in, and a mock interview at 19:30.
const BUDDY_TIMES: [[(u32, u32); 20]; 2] = [
    [
        (7, 40),
        (7, 52),
        (7, 55),
        (8, 30),
        (8, 41),
        (9, 5),
        (12, 40),
        (12, 52),
        (12, 58),
        (13, 3),
        (13, 30),
        (13, 45),
        (13, 47),
        (13, 52),
        (18, 10),
        (18, 14),
        (19, 45),
        (20, 50),
        (21, 30),
        (21, 41),
    ],
    [
        (8, 5),
        (8, 20),
        (8, 21),
        (8, 24),
        (8, 40),
        (8, 55),
        (9, 2),
        (19, 28),
        (19, 29),
        (20, 15),
        (20, 16),
        (20, 18),
        (20, 19),
        (20, 22),
        (20, 25),
        (20, 31),
        (20, 33),
        (20, 40),
        (21, 5),
        (21, 20),
    ],
];

const BUDDY_TOPICS: [&str; 15] = [
    "binary search",
    "SQL joins",
    "HTTP status codes",
    "Go interfaces",
    "the STAR method",
    "Docker basics",
    "Postgres indexes",
    "git rebase",
    "REST versus RPC",
    "table-driven tests",
    "hash maps and big-O",
    "HTTP caching headers",
    "goroutines and channels",
    "error handling in Go",
    "system design warm-ups",
];

/// A notification the demo stores as if its event had happened at `at`.
struct DemoNote {
    event: mentordesk_core::events::Event,
    detail: crate::notifications::Detail,
    actor: UserId,
    at: chrono::DateTime<chrono::Utc>,
    read: bool,
}

impl Mentordesk {
    /// Connections, conversations and the notification centre for the people newcomers
    /// sign in as: Aisha Bello (mentee), Amara Nwosu (her mentor) and Priya Raman (a
    /// programme manager). Accepted connections and incoming and outgoing requests; a
    /// direct conversation between Aisha and Amara with an edited and a deleted message
    /// and two messages Aisha has not read; a few more direct conversations each, some
    /// unread; one long conversation (300 messages, several pages); a group conversation
    /// of the frontend cohort; and notifications of every kind the demo's sessions,
    /// appointments, connections, messages and threads would have caused, worded as the
    /// API words them (times in each recipient's zone), some read.
    async fn demo_conversations(
        &self,
        tx: &mut mentordesk_db::Tx,
        managers: &[(UserId, &'static str)],
        mentors: &[(UserId, &'static str)],
        mentees: &[UserId],
        threads: &DemoThreads,
    ) -> Result<()> {
        use crate::notifications::{first_line, Detail};
        use chrono::{DateTime, TimeZone, Utc};
        use mentordesk_core::events::Event;
        use mentordesk_db::appointments as appointments_repo;
        use mentordesk_db::conversations as repo;
        use mentordesk_db::notifications::{self as notes_repo, NewNotification};
        use mentordesk_db::sessions as sessions_repo;
        use mentordesk_shared::conversations::{ConnectionStatus, NotificationKind, Subject};
        use mentordesk_shared::scheduling::SessionStatus;

        let now = self.now();
        let ago = |days: i64, hours: i64| now - Duration::days(days) - Duration::hours(hours);
        let minutes_ago = |m: i64| now - Duration::minutes(m);
        // A wall-clock time `days` ago in `zone` (conversations happen at sensible hours).
        let wall = |zone: &str, days: i64, h: u32, m: u32| -> DateTime<Utc> {
            let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
            let date = now.with_timezone(&tz).date_naive() - Duration::days(days);
            date.and_hms_opt(h, m, 0)
                .and_then(|t| tz.from_local_datetime(&t).earliest())
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| ago(days, 0))
        };
        const LONDON: &str = "Europe/London";
        const LAGOS: &str = "Africa/Lagos";
        const KOLKATA: &str = "Asia/Kolkata";

        let (priya, tom) = (managers[0].0, managers[1].0);
        let mentor = |i: usize| mentors[i % mentors.len()].0;
        let mentee = |i: usize| mentees[i % mentees.len()];
        let (amara, lukas, sofia, james, mei, olivia) = (
            mentor(0),
            mentor(1),
            mentor(2),
            mentor(3),
            mentor(4),
            mentor(5),
        );
        let (arjun, fatima, diego, hannah, kwame, chloe) = (
            mentor(6),
            mentor(7),
            mentor(8),
            mentor(9),
            mentor(10),
            mentor(11),
        );
        let (aisha, ben, camila, ines, kemi) =
            (mentee(0), mentee(1), mentee(2), mentee(8), mentee(10));
        let (uma, zoe, freya) = (mentee(20), mentee(25), mentee(31));
        // Whoever asks a mentee or a mentor to connect (or accepts their request) is a
        // mentor here: only mentors' profiles are open to them, and a connection
        // notification opens the other person's profile.

        // ---- Connections: (requester, receiver, accepted, asked at) ----
        let connections = [
            (aisha, amara, true, ago(13, 3)),
            (kemi, aisha, true, ago(16, 6)),
            (aisha, camila, true, ago(12, 4)),
            (aisha, tom, true, ago(11, 6)),
            (aisha, kwame, true, ago(7, 9)),
            (aisha, arjun, false, ago(2, 1)),
            (diego, aisha, false, ago(1, 3)),
            (james, aisha, false, ago(0, 8)),
            (priya, amara, true, ago(14, 2)),
            (tom, amara, true, ago(12, 2)),
            (amara, lukas, true, ago(12, 8)),
            (amara, kwame, true, ago(9, 7)),
            (amara, fatima, false, ago(3, 2)),
            (sofia, amara, false, ago(2, 2)),
            (chloe, amara, false, ago(0, 7)),
            (priya, tom, true, ago(14, 6)),
            (priya, diego, true, ago(10, 9)),
            (priya, olivia, true, ago(8, 5)),
            (priya, hannah, false, ago(4, 3)),
            (uma, priya, false, ago(1, 2)),
            (mei, priya, false, ago(0, 5)),
        ];
        // When each accepted request was answered: a few hours later.
        let answered = |at: DateTime<Utc>| at + Duration::hours(3);
        for (from, to, accepted, at) in connections {
            let id = repo::request_connection(tx, from, to, at).await?;
            if accepted {
                repo::set_connection_status(tx, id, ConnectionStatus::Accepted, answered(at))
                    .await?;
            }
        }

        // ---- The demo's own sessions and appointments, which notifications point at ----
        let all = sessions_repo::ListFilter {
            limit: 100,
            ..Default::default()
        };
        let amaras: Vec<sessions_repo::SessionRecord> = sessions_repo::list_for(tx, amara, &all)
            .await?
            .into_iter()
            .map(|l| l.session)
            .collect();
        let of = |who: UserId, status: SessionStatus| {
            let mut found: Vec<&sessions_repo::SessionRecord> = amaras
                .iter()
                .filter(|s| s.mentee == who && s.status == status)
                .collect();
            found.sort_by_key(|s| s.starts_at);
            found
        };
        let aisha_done = of(aisha, SessionStatus::Completed).last().copied().cloned();
        let aisha_next = of(aisha, SessionStatus::Confirmed);
        let (aisha_soon, aisha_later) = (aisha_next.first().copied(), aisha_next.get(1).copied());
        let ben_requested = of(ben, SessionStatus::Requested).first().copied();
        let camila_proposed_at = of(camila, SessionStatus::Proposed)
            .first()
            .map(|s| s.created_at)
            .unwrap_or_else(|| wall(LAGOS, 5, 12, 0));
        let camila_cancelled = of(camila, SessionStatus::Cancelled).first().copied();
        let camila_confirmed = of(camila, SessionStatus::Confirmed).first().copied();
        let london: chrono_tz::Tz = LONDON.parse().unwrap_or(chrono_tz::UTC);
        let day_of = |s: Option<&sessions_repo::SessionRecord>| {
            s.map(|s| {
                s.starts_at
                    .with_timezone(&london)
                    .format("%A %-d %B")
                    .to_string()
            })
            .unwrap_or_else(|| "our next session".into())
        };
        let (soon_day, later_day) = (day_of(aisha_soon), day_of(aisha_later));
        // When Aisha asked for both (the demo books them at once) and Amara confirmed.
        let (asked_at, confirmed_at) = aisha_soon
            .map(|s| (s.created_at, s.created_at + Duration::hours(4)))
            .unwrap_or((wall(LONDON, 5, 9, 0), wall(LONDON, 5, 13, 0)));
        let appointment = |list: Vec<appointments_repo::AppointmentRecord>, title: &str| {
            list.into_iter().find(|a| a.title == title)
        };
        let kickoff = appointment(
            appointments_repo::list_for(tx, aisha, None, None, 20).await?,
            "Spring cohort kick-off",
        );
        let circle = appointment(
            appointments_repo::list_for(tx, amara, None, None, 20).await?,
            "Mentor circle: giving feedback",
        );

        // ---- Conversations ----
        // Amara and Aisha: three weeks of mentoring, ending with two messages Aisha has
        // not read yet (the new time Amara proposed, and what to bring).
        let m = |who: UserId, body: &str, at: DateTime<Utc>| (who, body.to_string(), at);
        let mentoring = vec![
            m(aisha, "Hi Amara, thank you for accepting my connection request! After our first session I rewrote my CV from scratch; sending you the new draft tomorrow.", wall(LONDON, 12, 18, 40)),
            m(amara, "Lovely, Aisha. Send it whenever it's ready. Remember: every bullet should say what changed because of you, not what you were responsible for.", wall(LONDON, 12, 19, 15)),
            m(aisha, "Here's the draft: https://docs.mentordesk.demo/aisha-cv-v1. I'm worried the three years on the support desk read like filler.", wall(LONDON, 11, 8, 2)),
            m(amara, "They don't. \"Cut repeat tickets by 30% by writing the team's first runbook\" is an engineering story. We'll pull out two more like that.", wall(LONDON, 11, 12, 30)),
            m(aisha, "Oh, I never thought of the runbook as engineering. Adding it now.", wall(LONDON, 11, 12, 41)),
            m(amara, "How did the Go take-home go? You said the deadline was Friday.", wall(LONDON, 9, 17, 20)),
            m(aisha, "Submitted! The API works but I ran out of time for tests, so I wrote a README section on what I would test and why.", wall(LONDON, 9, 17, 48)),
            m(amara, "That README is exactly what reviewers look for. Honest trade-offs beat a rushed test suite.", wall(LONDON, 9, 18, 5)),
            m(aisha, "Feedback came back: they liked the README and the error handling, but said my handlers do too much.", wall(LONDON, 8, 9, 12)),
            m(amara, "Fair, and very fixable. Next session let's split one handler into a service and a thin HTTP layer, live.", wall(LONDON, 8, 9, 40)),
            m(aisha, "Thank you for today. Leading with the outcome felt strange, but the mock answer sounded so much better.", wall(LONDON, 7, 12, 30)),
            m(amara, "You did really well. Your action item is the summary section: three lines, outcomes first. A week is fine.", wall(LONDON, 7, 13, 10)),
            // Edited a few minutes after sending (below).
            m(aisha, "Summary v2: \"Support engineer turned backend developer. I debugged production for 3 years, now I build fixes.\"", wall(LONDON, 6, 20, 15)),
            m(amara, "Much better. Maybe \"now I write the code that fixes it\"? Your call, it's your voice.", wall(LONDON, 6, 21, 2)),
            m(aisha, &format!("I've asked for two more sessions, on {soon_day} and {later_day}, mostly interview practice. Hope that's OK!"), asked_at + Duration::minutes(5)),
            m(amara, "Both confirmed! Bring the job description and we'll map your stories to it.", confirmed_at + Duration::minutes(5)),
            m(aisha, "I have a first-round interview at Globex! Junior backend, Go and Postgres.", wall(LONDON, 4, 19, 30)),
            m(amara, "Aisha, that's brilliant news. Well deserved.", wall(LONDON, 4, 19, 42)),
            // Deleted a minute later (below).
            m(aisha, "Should I bring up salary in the first call?", wall(LONDON, 4, 19, 44)),
            m(aisha, &format!("Could we make {soon_day} a mock system design round? The Globex interview has one."), wall(LONDON, 3, 8, 10)),
            m(amara, "Yes. We'll do a URL shortener: small enough for 45 minutes, deep enough to talk trade-offs.", wall(LONDON, 3, 12, 20)),
            m(aisha, "I've been reading about consistent hashing and now I'm worried I need to know everything 😅", wall(LONDON, 2, 21, 5)),
            m(amara, "You don't. They want to see how you think: say your assumptions out loud, start simple, then scale the parts that hurt.", wall(LONDON, 1, 7, 30)),
            m(aisha, "Saying assumptions out loud. Writing that on a sticky note. Thank you!", wall(LONDON, 1, 7, 52)),
            m(amara, &format!("Small change: something came up on {later_day}, so I've proposed the next day instead. Could you accept it in the app if it works for you?"), minutes_ago(120)),
            m(amara, &format!("And for {soon_day}: bring the take-home repo too. If there's time we'll review one handler together."), minutes_ago(110)),
        ];
        let aisha_amara = repo::direct_conversation(tx, aisha, amara, ago(13, 0)).await?;
        let ids = self
            .demo_messages(tx, aisha_amara, &mentoring, &[(aisha, 24), (amara, 26)])
            .await?;
        let (edited_at, deleted_at) = (mentoring[12].2, mentoring[18].2);
        repo::edit(
            tx,
            ids[12],
            "Summary v2: \"Support engineer turned backend developer. I've debugged production for three years; now I build the fixes.\"",
            (edited_at + Duration::minutes(4)).min(now),
        )
        .await?;
        repo::delete(tx, ids[18], (deleted_at + Duration::minutes(1)).min(now)).await?;

        // Aisha and Kemi, study buddies in Leeds: 300 messages over two weeks, so the
        // history loads older pages as one scrolls up. Kemi wrote last; Aisha has not read it.
        let mut buddies: Vec<(UserId, String, DateTime<Utc>)> = Vec::with_capacity(300);
        // The last of the fifteen days is the latest evening that has ended in Leeds.
        let (last_h, last_m) = BUDDY_TIMES[0][19];
        let last_day = if now.with_timezone(&london).time()
            > chrono::NaiveTime::from_hms_opt(last_h, last_m + 5, 0).unwrap_or_default()
        {
            0
        } else {
            1
        };
        for (day, topic) in BUDDY_TOPICS.iter().enumerate() {
            let next = BUDDY_TOPICS[(day + 1) % BUDDY_TOPICS.len()];
            let slug: String = topic
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            // Who opens the day alternates every two days; Aisha opens the last one, so
            // Kemi writes last.
            let (first, second) = if (day / 2) % 2 == 1 {
                (aisha, kemi)
            } else {
                (kemi, aisha)
            };
            for (k, line) in BUDDY_DAYS[day % 2].iter().enumerate() {
                let body = line
                    .replace("{topic}", topic)
                    .replace("{next}", next)
                    .replace("{slug}", &slug);
                let who = if k % 2 == 0 { first } else { second };
                let (h, m) = BUDDY_TIMES[day % 2][k];
                let days_ago = last_day + (BUDDY_TOPICS.len() - 1 - day) as i64;
                buddies.push((who, body, wall(LONDON, days_ago, h, m)));
            }
        }
        let aisha_kemi = repo::direct_conversation(tx, kemi, aisha, ago(16, 0)).await?;
        self.demo_messages(tx, aisha_kemi, &buddies, &[(aisha, 299), (kemi, 300)])
            .await?;

        let aisha_camila = repo::direct_conversation(tx, aisha, camila, ago(12, 0)).await?;
        let chat = vec![
            m(aisha, "Thanks for connecting, Camila! Amara mentioned you're working towards a tech lead role.", wall(LONDON, 11, 10, 0)),
            m(camila, "Yes! Terrifying and exciting. She's great at turning it into a list of small steps.", wall(LONDON, 11, 10, 25)),
            m(aisha, "Exactly what she did with my CV. One bullet at a time.", wall(LONDON, 11, 10, 31)),
            m(camila, "Your thread about explaining the switch made me rethink my own story. Thank you for starting it.", wall(LONDON, 2, 18, 0)),
            m(aisha, "And thank you for replying! I'm stealing your \"debug production for a living\" line.", wall(LONDON, 2, 18, 20)),
            m(camila, "Steal away. Good luck with the Globex interview!", wall(LONDON, 2, 18, 24)),
        ];
        self.demo_messages(tx, aisha_camila, &chat, &[(aisha, 6), (camila, 6)])
            .await?;

        let aisha_tom = repo::direct_conversation(tx, aisha, tom, ago(11, 0)).await?;
        let chat = vec![
            m(aisha, "Hi Tom, thanks for accepting! Is the waiting list for the spring meetup still open?", wall(LONDON, 10, 13, 5)),
            m(tom, "Hi Aisha! You're already on the list: you signed up in the thread. Details come by e-mail next week.", wall(LONDON, 10, 14, 40)),
            m(aisha, "Oh brilliant, I'd forgotten. Thank you!", wall(LONDON, 10, 14, 46)),
            m(tom, "Saw you accepted Priya's kick-off. The alumni panel is the best part, bring questions.", wall(LONDON, 1, 11, 0)),
            m(aisha, "Will do! I'll ask how they handled their first on-call week.", wall(LONDON, 1, 11, 20)),
        ];
        self.demo_messages(tx, aisha_tom, &chat, &[(aisha, 5), (tom, 5)])
            .await?;

        let aisha_kwame = repo::direct_conversation(tx, aisha, kwame, ago(7, 0)).await?;
        let chat = vec![
            m(aisha, "Thank you for connecting, Kwame! Your notes on idempotent pipelines were so clear.", wall(LONDON, 6, 19, 10)),
            m(kwame, "Glad they helped! Amara says you're moving into backend. Data engineering is backend with more spreadsheets 😄", wall(LONDON, 6, 20, 0)),
            m(aisha, "Ha! I'm practising SQL window functions this week and they hurt my brain.", wall(LONDON, 5, 8, 30)),
            m(kwame, "Try this: rank each customer's orders by date, then keep rank 1. That's half of all window-function questions.", minutes_ago(300)),
        ];
        self.demo_messages(tx, aisha_kwame, &chat, &[(aisha, 3), (kwame, 4)])
            .await?;

        // Amara's mentees and colleagues.
        let amara_ben = repo::direct_conversation(tx, amara, ben, ago(14, 0)).await?;
        let chat = vec![
            m(amara, "Hi Ben, I waited in the room for twenty minutes today. I hope everything is alright?", wall(LAGOS, 3, 16, 0)),
            m(ben, "Amara, I'm so sorry. My daughter's nursery called and I completely lost track of time. I should have messaged.", wall(LAGOS, 3, 22, 10)),
            m(amara, "Family first, always. No harm done.", wall(LAGOS, 3, 22, 30)),
            m(ben, "Thank you for understanding. Is the session I asked for still OK? I've sketched a design for a notification service to walk you through.", wall(LAGOS, 2, 14, 5)),
        ];
        self.demo_messages(tx, amara_ben, &chat, &[(amara, 3), (ben, 4)])
            .await?;
        let ben_last = (chat[3].1.clone(), chat[3].2);

        let amara_camila = repo::direct_conversation(tx, amara, camila, ago(14, 0)).await?;
        let chat = vec![
            m(amara, "Hi Camila, I've proposed a time for our session on your first 90 days as a lead. Tell me if it doesn't work and we'll find another.", camila_proposed_at + Duration::minutes(10)),
            m(camila, "Thank you! Let me check with my team lead and I'll answer in the app by the weekend.", camila_proposed_at + Duration::minutes(85)),
            m(amara, "No pressure. And well done on your first one-to-one last week, that was a big step.", wall(LAGOS, 1, 9, 0)),
            m(camila, "It went better than I feared! I used your question: \"What should I stop doing?\"", wall(LAGOS, 1, 9, 40)),
        ];
        self.demo_messages(tx, amara_camila, &chat, &[(amara, 4), (camila, 4)])
            .await?;

        let amara_lukas = repo::direct_conversation(tx, amara, lukas, ago(12, 0)).await?;
        let chat = vec![
            m(amara, "Thanks for connecting, Lukas! Tom asked whether we'd co-host the mentor circle on feedback. Interested?", wall(LAGOS, 11, 15, 0)),
            m(lukas, "Happily. I have a story about a code review that went very wrong, and what I'd do differently now.", wall(LAGOS, 11, 16, 30)),
            m(amara, "Perfect opener. I'll bring the \"ask before you advise\" framework.", wall(LAGOS, 11, 16, 45)),
            m(lukas, "I drafted an outline for the circle, three parts of ten minutes each: https://docs.mentordesk.demo/feedback-circle", minutes_ago(360)),
            m(lukas, "Also: would you look at my slides for the Rust-for-Gophers meetup? Brutal honesty welcome.", minutes_ago(350)),
        ];
        self.demo_messages(tx, amara_lukas, &chat, &[(amara, 3), (lukas, 5)])
            .await?;
        let lukas_last = [
            (chat[3].1.clone(), chat[3].2),
            (chat[4].1.clone(), chat[4].2),
        ];

        let amara_priya = repo::direct_conversation(tx, priya, amara, ago(14, 0)).await?;
        let chat = vec![
            m(priya, "Hi Amara, thanks for connecting! I'm checking in with every mentor in the spring cohort: how are Aisha, Ben and Camila getting on?", wall(KOLKATA, 13, 15, 0)),
            m(amara, "Thank you, Priya. Aisha is flying, we've already had a first CV session. Ben and Camila are settling in.", wall(KOLKATA, 13, 16, 10)),
            m(priya, "Any news since we last spoke? Anything I can help with?", wall(KOLKATA, 4, 14, 0)),
            m(amara, "All good. Ben missed one session for family reasons and we've sorted it. Aisha has a first-round interview!", wall(KOLKATA, 4, 15, 30)),
            m(priya, "That's wonderful. I'll make sure she knows about the interview practice group.", wall(KOLKATA, 4, 15, 45)),
        ];
        self.demo_messages(tx, amara_priya, &chat, &[(amara, 5), (priya, 5)])
            .await?;
        let amara_to_priya = (chat[3].1.clone(), chat[3].2);

        let priya_tom = repo::direct_conversation(tx, priya, tom, ago(14, 0)).await?;
        let chat = vec![
            m(priya, "Tom, I'm planning the spring kick-off for next week. Any mentees from your groups I should invite?", wall(KOLKATA, 6, 14, 0)),
            m(tom, "Aisha Bello and Farid Haddad are both very engaged in Career changers. Worth inviting.", wall(KOLKATA, 6, 16, 20)),
            m(priya, "Invites sent to eight mentees, and half have accepted already.", wall(KOLKATA, 1, 12, 0)),
            m(tom, "Great. My mentor circle on feedback is the week after; Amara and Lukas are co-hosting.", wall(KOLKATA, 1, 14, 0)),
            m(tom, "Quick one: could you share the cohort survey results before Friday? I'd like to quote two answers in the circle.", minutes_ago(180)),
        ];
        self.demo_messages(tx, priya_tom, &chat, &[(priya, 4), (tom, 5)])
            .await?;
        let (tom_first, tom_last) = (
            (chat[1].1.clone(), chat[1].2),
            (chat[4].1.clone(), chat[4].2),
        );

        // The frontend cohort: a mentor, a manager and five mentees.
        let cohort = repo::create_group_conversation(
            tx,
            DEMO_COHORT_CONVERSATION,
            priya,
            &[diego, aisha, ben, ines, zoe, uma],
            ago(11, 0),
        )
        .await?;
        let chat = vec![
            m(priya, "Welcome to the spring frontend cohort! Diego is your mentor for the next eight weeks. Use this space for questions, wins and links.", wall(LONDON, 10, 9, 0)),
            m(diego, "¡Hola a todos! Every Monday I'll post a small challenge. Reply with a link when you're done and I'll review each one.", wall(LONDON, 10, 15, 30)),
            m(ines, "Excited to be here! I'm a designer learning to code, so be patient with my CSS questions.", wall(LONDON, 10, 16, 2)),
            m(diego, "CSS questions are my favourite questions.", wall(LONDON, 10, 16, 10)),
            m(diego, "Challenge 1: an accessible show/hide panel with a real <button>. No clickable divs!", wall(LONDON, 9, 14, 0)),
            m(zoe, "Done: https://zoe.mentordesk.demo/disclosure. I used aria-expanded and it reads properly in VoiceOver.", wall(LONDON, 8, 11, 20)),
            m(diego, "Zoe, lovely. Extra points for testing with a screen reader.", wall(LONDON, 8, 15, 0)),
            m(aisha, "Mine: https://aisha.mentordesk.demo/disclosure. I'm a backend person, so this took longer than I'd like to admit 😅", wall(LONDON, 7, 20, 10)),
            m(diego, "Aisha, it works with the keyboard, and that's the important part. Next step: the focus outline disappears in dark mode.", wall(LONDON, 6, 15, 45)),
            m(uma, "Question: grid or flexbox for a row of cards that wraps?", wall(LONDON, 5, 9, 5)),
            m(diego, "Grid: repeat(auto-fill, minmax(16rem, 1fr)). Flexbox when the items decide their own size.", wall(LONDON, 5, 14, 30)),
            m(ben, "Sorry I'm late to this, work has been hectic. Catching up on challenge 1 this weekend.", wall(LONDON, 3, 21, 0)),
            m(priya, "Reminder: the spring cohort kick-off is in a few days. Check your invitations and accept if you can come!", wall(LONDON, 1, 10, 0)),
            m(diego, "Challenge 2 is up: a colour-contrast checker. Pair up if you like; Aisha and Ines, you two would make a good team.", minutes_ago(540)),
            m(ines, "Aisha, want to pair on it tomorrow evening?", minutes_ago(360)),
        ];
        self.demo_messages(
            tx,
            cohort,
            &chat,
            &[(aisha, 12), (priya, 14), (diego, 14), (zoe, 15), (uma, 11)],
        )
        .await?;
        let (aisha_in_cohort, ines_in_cohort) = (
            (chat[7].1.clone(), chat[7].2),
            (chat[14].1.clone(), chat[14].2),
        );

        // ---- Notifications, as the events would have recorded them ----
        let timed = |s: &sessions_repo::SessionRecord| Detail::Timed {
            title: s.title.clone(),
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        };
        let message =
            |conversation, sender, recipient, (body, at): (String, DateTime<Utc>), read| DemoNote {
                event: Event::MessageSent {
                    conversation,
                    sender,
                    recipients: vec![recipient],
                },
                detail: Detail::Text(first_line(&body, 140)),
                actor: sender,
                at,
                read,
            };
        let request = |from, to, at, read| DemoNote {
            event: Event::ConnectionRequested { from, to },
            detail: Detail::Text(String::new()),
            actor: from,
            at,
            read,
        };
        let accepted = |by, requester, at| DemoNote {
            event: Event::ConnectionAccepted { by, requester },
            detail: Detail::Text(String::new()),
            actor: by,
            at: answered(at),
            read: true,
        };
        let mut notes = vec![
            // Aisha.
            accepted(amara, aisha, ago(13, 3)),
            accepted(kwame, aisha, ago(7, 9)),
            request(diego, aisha, ago(1, 3), false),
            request(james, aisha, ago(0, 8), false),
            message(
                aisha_amara,
                amara,
                aisha,
                (mentoring[24].1.clone(), mentoring[24].2),
                false,
            ),
            message(
                aisha_amara,
                amara,
                aisha,
                (mentoring[25].1.clone(), mentoring[25].2),
                false,
            ),
            message(cohort, ines, aisha, ines_in_cohort.clone(), false),
            DemoNote {
                event: Event::ForumReplied {
                    thread: threads.switch,
                    author: aisha,
                    by: camila,
                },
                detail: Detail::Text(format!(
                    "{SWITCH_THREAD}: {}",
                    first_line(SWITCH_REPLIES[0], 140)
                )),
                actor: camila,
                at: ago(2, 5),
                read: true,
            },
            DemoNote {
                event: Event::ForumReplied {
                    thread: threads.switch,
                    author: aisha,
                    by: james,
                },
                detail: Detail::Text(format!(
                    "{SWITCH_THREAD}: {}",
                    first_line(SWITCH_REPLIES[1], 140)
                )),
                actor: james,
                at: ago(0, 9),
                read: false,
            },
            // Amara.
            accepted(lukas, amara, ago(12, 8)),
            accepted(kwame, amara, ago(9, 7)),
            request(sofia, amara, ago(2, 2), false),
            request(chloe, amara, ago(0, 7), false),
            message(amara_ben, ben, amara, ben_last, false),
            message(amara_lukas, lukas, amara, lukas_last[0].clone(), false),
            message(amara_lukas, lukas, amara, lukas_last[1].clone(), false),
            message(
                aisha_amara,
                aisha,
                amara,
                (mentoring[23].1.clone(), mentoring[23].2),
                true,
            ),
            // Priya.
            accepted(amara, priya, ago(14, 2)),
            accepted(diego, priya, ago(10, 9)),
            accepted(olivia, priya, ago(8, 5)),
            request(uma, priya, ago(1, 2), false),
            request(mei, priya, ago(0, 5), false),
            message(priya_tom, tom, priya, tom_first, true),
            message(priya_tom, tom, priya, tom_last, false),
            message(amara_priya, amara, priya, amara_to_priya, true),
            message(cohort, aisha, priya, aisha_in_cohort, true),
            message(cohort, ines, priya, ines_in_cohort, false),
            DemoNote {
                event: Event::ForumReplied {
                    thread: threads.welcome,
                    author: priya,
                    by: freya,
                },
                detail: Detail::Text(format!(
                    "Welcome: read this first: {}",
                    first_line(WELCOME_REPLY, 140)
                )),
                actor: freya,
                at: ago(1, 5),
                read: false,
            },
        ];
        // Aisha's sessions with Amara: two confirmations, and the new time Amara proposed.
        for s in [aisha_soon, aisha_later].into_iter().flatten() {
            notes.push(DemoNote {
                event: Event::SessionConfirmed {
                    session: s.id,
                    by: amara,
                    other: aisha,
                },
                detail: timed(s),
                actor: amara,
                at: s.created_at + Duration::hours(4),
                read: true,
            });
            // Amara heard of each request when Aisha made it.
            notes.push(DemoNote {
                event: Event::SessionRequested {
                    session: s.id,
                    mentor: amara,
                    mentee: aisha,
                },
                detail: timed(s),
                actor: aisha,
                at: s.created_at,
                read: true,
            });
            if let Some(p) = &s.proposal {
                notes.push(DemoNote {
                    event: Event::RescheduleProposed {
                        session: s.id,
                        by: amara,
                        other: aisha,
                    },
                    detail: Detail::Timed {
                        title: s.title.clone(),
                        starts_at: p.starts_at,
                        ends_at: p.ends_at,
                    },
                    actor: amara,
                    at: p.at,
                    read: false,
                });
            }
        }
        // Ben's request still waits for Amara's answer; Camila's was confirmed; Camila
        // cancelled an earlier one.
        if let Some(s) = ben_requested {
            notes.push(DemoNote {
                event: Event::SessionRequested {
                    session: s.id,
                    mentor: amara,
                    mentee: ben,
                },
                detail: timed(s),
                actor: ben,
                at: s.created_at,
                read: false,
            });
        }
        if let Some(s) = camila_confirmed {
            notes.push(DemoNote {
                event: Event::SessionRequested {
                    session: s.id,
                    mentor: amara,
                    mentee: camila,
                },
                detail: timed(s),
                actor: camila,
                at: s.created_at,
                read: true,
            });
        }
        if let Some(s) = camila_cancelled {
            notes.push(DemoNote {
                event: Event::SessionCancelled {
                    session: s.id,
                    by: camila,
                    other: amara,
                },
                detail: timed(s),
                actor: camila,
                at: s.created_at + Duration::hours(4),
                read: true,
            });
        }
        // Invitations: Priya's kick-off to Aisha, Tom's mentor circle to Amara.
        for (a, to) in [(&kickoff, aisha), (&circle, amara)] {
            if let Some(a) = a {
                notes.push(DemoNote {
                    event: Event::AppointmentScheduled {
                        appointment: a.id,
                        organiser: a.organiser,
                        attendees: vec![to],
                    },
                    detail: Detail::Timed {
                        title: a.title.clone(),
                        starts_at: a.starts_at,
                        ends_at: a.ends_at,
                    },
                    actor: a.organiser,
                    at: a.created_at,
                    read: true,
                });
            }
        }
        for n in &notes {
            let published = self
                .record(tx, &[(n.event.clone(), n.detail.clone())], n.actor, n.at)
                .await?;
            if n.read {
                for p in published {
                    notes_repo::mark_read(
                        tx,
                        p.user,
                        Some(p.notification.id),
                        (n.at + Duration::hours(1)).min(now),
                    )
                    .await?;
                }
            }
        }

        // What no command records yet but the notification centre shows: the reminders
        // before Aisha and Amara's last session, and Aisha's action item coming due.
        if let Some(s) = &aisha_done {
            for (who, other, zone) in [(aisha, amara, LONDON), (amara, aisha, LAGOS)] {
                let zone: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
                let name = appointments_repo::person(tx, other)
                    .await?
                    .map(|p| p.name())
                    .unwrap_or_default();
                let at = s.starts_at - Duration::minutes(10);
                let id = notes_repo::insert(
                    tx,
                    &NewNotification {
                        user: who,
                        kind: NotificationKind::Reminder,
                        title: format!(
                            "{} in {}",
                            s.title,
                            mentordesk_core::reminders::lead_text(10)
                        ),
                        body: format!(
                            "with {name} · {}",
                            mentordesk_core::local_time::slot_text(zone, s.starts_at, s.ends_at)
                        ),
                        subject: Subject::Session(s.id),
                    },
                    at,
                )
                .await?;
                notes_repo::mark_read(tx, who, Some(id), at + Duration::minutes(10)).await?;
            }
            let items = sessions_repo::action_items(tx, s.id).await?;
            if let Some(item) = items.iter().find(|i| i.assignee == aisha) {
                let due = item
                    .due_date
                    .map(|d| format!(" · due {}", d.format("%a %-d %b")))
                    .unwrap_or_default();
                notes_repo::insert(
                    tx,
                    &NewNotification {
                        user: aisha,
                        kind: NotificationKind::ActionItemDue,
                        title: "An action item is due".into(),
                        body: format!("{} ({}){due}", item.title, s.title),
                        subject: Subject::Session(s.id),
                    },
                    ago(0, 20),
                )
                .await?;
            }
        }
        // Priya's own application, decided when she joined (the oldest in her centre).
        for application in applications::list_for_user(tx, priya).await? {
            if let (ApplicationStatus::Approved, Some(at)) =
                (application.status, application.decided_at)
            {
                let id = notes_repo::insert(
                    tx,
                    &NewNotification {
                        user: priya,
                        kind: NotificationKind::ApplicationDecided,
                        title: "Your application was decided".into(),
                        body: format!("{}: approved", application.role.label()),
                        subject: Subject::Application(application.id),
                    },
                    at,
                )
                .await?;
                notes_repo::mark_read(tx, priya, Some(id), at + Duration::hours(2)).await?;
            }
        }
        Ok(())
    }

    /// Sends `script` into `conversation` in order, each message at its time (made
    /// strictly increasing and in the past, newest first), and leaves the members' read
    /// state as `read_through` says: a member has read the first `n` messages. Returns
    /// the messages' ids.
    async fn demo_messages(
        &self,
        tx: &mut mentordesk_db::Tx,
        conversation: mentordesk_shared::ids::ConversationId,
        script: &[(UserId, String, chrono::DateTime<chrono::Utc>)],
        read_through: &[(UserId, usize)],
    ) -> Result<Vec<i64>> {
        use mentordesk_db::conversations as repo;
        let mut stamps: Vec<chrono::DateTime<chrono::Utc>> =
            script.iter().map(|(_, _, at)| *at).collect();
        let mut latest = self.now() - Duration::minutes(1);
        for at in stamps.iter_mut().rev() {
            *at = (*at).min(latest);
            latest = *at - Duration::minutes(1);
        }
        let mut ids = Vec::with_capacity(script.len());
        for (n, ((who, body, _), at)) in script.iter().zip(stamps).enumerate() {
            ids.push(repo::send(tx, conversation, *who, body, at).await?);
            for (member, through) in read_through {
                if *through == n + 1 {
                    repo::mark_read(tx, conversation, *member).await?;
                }
            }
        }
        Ok(ids)
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

/// A demo session's date, relative to the day the demo is loaded (in the mentor's zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// This many days before today.
    Ago(i64),
    /// The n-th weekday (Monday to Friday) after today.
    Weekday(u32),
    /// This many days after next week's Monday.
    NextWeek(i64),
}

impl When {
    fn date(self, today: chrono::NaiveDate) -> chrono::NaiveDate {
        use chrono::Datelike;
        match self {
            When::Ago(days) => today - Duration::days(days),
            When::Weekday(n) => {
                let mut date = today;
                let mut left = n;
                while left > 0 {
                    date += Duration::days(1);
                    if date.weekday().num_days_from_monday() < 5 {
                        left -= 1;
                    }
                }
                date
            }
            When::NextWeek(days) => {
                mentordesk_core::local_time::week_start(today) + Duration::days(7 + days)
            }
        }
    }
}
