//! The editable profile as signals, shared by the profile editor and the onboarding wizard.

use crate::util::{optional_u32_text, parse_optional_u32};
use leptos::prelude::*;
use mentordesk_shared::profiles::{ExperienceLevel, ProfileFields};
use mentordesk_shared::{ApiError, FieldError};

/// One signal per field of [`ProfileFields`]; numbers are kept as typed text.
#[derive(Clone, Copy)]
pub struct ProfileForm {
    pub first_name: RwSignal<String>,
    pub last_name: RwSignal<String>,
    pub headline: RwSignal<String>,
    pub bio: RwSignal<String>,
    pub country: RwSignal<String>,
    pub city: RwSignal<String>,
    pub time_zone: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub website: RwSignal<String>,
    pub github: RwSignal<String>,
    pub linkedin: RwSignal<String>,
    pub twitter: RwSignal<String>,
    pub facebook: RwSignal<String>,
    pub expertise: RwSignal<Vec<String>>,
    pub interests: RwSignal<Vec<String>>,
    pub proficiencies: RwSignal<Vec<String>>,
    pub job_roles: RwSignal<Vec<String>>,
    pub years_experience: RwSignal<String>,
    /// An [`ExperienceLevel::key`], or empty for none.
    pub experience_level: RwSignal<String>,
    pub department: RwSignal<String>,
    pub position: RwSignal<String>,
    pub organisation: RwSignal<String>,
    pub mentorship_style: RwSignal<String>,
    pub preferred_communication: RwSignal<String>,
    pub mentee_capacity: RwSignal<String>,
    pub accepting_mentees: RwSignal<bool>,
    pub supports_new_parents: RwSignal<bool>,
    pub goals: RwSignal<String>,
}

impl ProfileForm {
    pub fn new() -> Self {
        let s = || RwSignal::new(String::new());
        let v = || RwSignal::new(Vec::<String>::new());
        ProfileForm {
            first_name: s(),
            last_name: s(),
            headline: s(),
            bio: s(),
            country: s(),
            city: s(),
            time_zone: s(),
            phone: s(),
            website: s(),
            github: s(),
            linkedin: s(),
            twitter: s(),
            facebook: s(),
            expertise: v(),
            interests: v(),
            proficiencies: v(),
            job_roles: v(),
            years_experience: s(),
            experience_level: s(),
            department: s(),
            position: s(),
            organisation: s(),
            mentorship_style: s(),
            preferred_communication: s(),
            mentee_capacity: s(),
            accepting_mentees: RwSignal::new(false),
            supports_new_parents: RwSignal::new(false),
            goals: s(),
        }
    }

    /// Fills every signal from a loaded profile.
    pub fn load(&self, f: &ProfileFields) {
        self.first_name.set(f.first_name.clone());
        self.last_name.set(f.last_name.clone());
        self.headline.set(f.headline.clone());
        self.bio.set(f.bio.clone());
        self.country.set(f.country.clone());
        self.city.set(f.city.clone());
        self.time_zone.set(f.time_zone.clone());
        self.phone.set(f.phone.clone());
        self.website.set(f.website.clone());
        self.github.set(f.github.clone());
        self.linkedin.set(f.linkedin.clone());
        self.twitter.set(f.twitter.clone());
        self.facebook.set(f.facebook.clone());
        self.expertise.set(f.expertise.clone());
        self.interests.set(f.interests.clone());
        self.proficiencies.set(f.proficiencies.clone());
        self.job_roles.set(f.job_roles.clone());
        self.years_experience
            .set(optional_u32_text(f.years_experience));
        self.experience_level.set(
            f.experience_level
                .map(|l| l.key().to_string())
                .unwrap_or_default(),
        );
        self.department.set(f.department.clone());
        self.position.set(f.position.clone());
        self.organisation.set(f.organisation.clone());
        self.mentorship_style.set(f.mentorship_style.clone());
        self.preferred_communication
            .set(f.preferred_communication.clone());
        self.mentee_capacity
            .set(optional_u32_text(f.mentee_capacity));
        self.accepting_mentees.set(f.accepting_mentees);
        self.supports_new_parents.set(f.supports_new_parents);
        self.goals.set(f.goals.clone());
    }

    /// The request to send, or field errors for numbers that are not numbers.
    pub fn to_fields(&self) -> Result<ProfileFields, ApiError> {
        let mut problems = Vec::new();
        let mut number =
            |field: &str, text: RwSignal<String>| match parse_optional_u32(&text.get_untracked()) {
                Ok(n) => n,
                Err(message) => {
                    problems.push(FieldError {
                        field: field.to_string(),
                        message,
                    });
                    None
                }
            };
        let years_experience = number("years_experience", self.years_experience);
        let mentee_capacity = number("mentee_capacity", self.mentee_capacity);
        if !problems.is_empty() {
            return Err(ApiError::fields(problems));
        }
        let g = |s: RwSignal<String>| s.get_untracked();
        Ok(ProfileFields {
            first_name: g(self.first_name),
            last_name: g(self.last_name),
            headline: g(self.headline),
            bio: g(self.bio),
            country: g(self.country),
            city: g(self.city),
            time_zone: g(self.time_zone),
            phone: g(self.phone),
            website: g(self.website),
            github: g(self.github),
            linkedin: g(self.linkedin),
            twitter: g(self.twitter),
            facebook: g(self.facebook),
            expertise: self.expertise.get_untracked(),
            interests: self.interests.get_untracked(),
            proficiencies: self.proficiencies.get_untracked(),
            job_roles: self.job_roles.get_untracked(),
            years_experience,
            experience_level: ExperienceLevel::from_key(&g(self.experience_level)),
            department: g(self.department),
            position: g(self.position),
            organisation: g(self.organisation),
            mentorship_style: g(self.mentorship_style),
            preferred_communication: g(self.preferred_communication),
            mentee_capacity,
            accepting_mentees: self.accepting_mentees.get_untracked(),
            supports_new_parents: self.supports_new_parents.get_untracked(),
            goals: g(self.goals),
        })
    }
}

impl Default for ProfileForm {
    fn default() -> Self {
        Self::new()
    }
}

/// Suggestions for "Preferred communication".
pub const COMMUNICATION_OPTIONS: [&str; 5] =
    ["Video call", "Phone call", "Chat", "E-mail", "In person"];
