//! The editable profile as signals, and the groups of fields that show it, shared by the
//! profile editor and the onboarding wizard.

use crate::api;
use crate::components::forms::{CheckboxField, Errors, FieldError, TextArea, TextField};
use crate::components::tag_picker::TagPicker;
use crate::components::timezone_picker::TimeZonePicker;
use crate::state::use_catalog;
use crate::util::{optional_u32_text, parse_optional_u32};
use leptos::prelude::*;
use mentordesk_shared::profiles::{ExperienceLevel, ProfileFields, ProfileView, UserRef};
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

    /// Fetches the signed-in user's profile into the form, then hands all of it to `then` for
    /// the rest of the page; a failure goes into `errors`.
    pub fn load_own(self, errors: Errors, then: impl Fn(ProfileView) + 'static) {
        let profile = LocalResource::new(|| api::profile_get(UserRef { user_id: None }));
        Effect::new(move |_| {
            if let Some(result) = profile.get() {
                match result {
                    Ok(view) => {
                        self.load(&view.fields);
                        then(view);
                    }
                    Err(err) => errors.set(Some(err)),
                }
            }
        });
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
const COMMUNICATION_OPTIONS: [&str; 5] =
    ["Video call", "Phone call", "Chat", "E-mail", "In person"];

/// First and last name side by side.
#[component]
pub fn NameFields(
    form: ProfileForm,
    errors: Errors,
    /// Marks both as required.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    view! {
        <div class="field-row">
            <TextField label="First name" id="profile-first-name" field="first_name" value=form.first_name errors=errors required=required />
            <TextField label="Last name" id="profile-last-name" field="last_name" value=form.last_name errors=errors required=required />
        </div>
    }
}

/// Country and city side by side.
#[component]
pub fn PlaceFields(form: ProfileForm, errors: Errors) -> impl IntoView {
    view! {
        <div class="field-row">
            <TextField label="Country" id="profile-country" field="country" value=form.country errors=errors />
            <TextField label="City" id="profile-city" field="city" value=form.city errors=errors />
        </div>
    }
}

/// The time zone picker with its label and error.
#[component]
pub fn TimeZoneField(form: ProfileForm, errors: Errors) -> impl IntoView {
    let catalog = use_catalog();
    // Outlined while the time zone has an error, like every other field.
    let invalid = Signal::derive(move || {
        errors.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.field_message("time_zone").is_some())
        })
    });
    view! {
        <div class="field">
            <label for="profile-timezone">"Time zone"</label>
            <TimeZonePicker value=form.time_zone zones=catalog.zones_signal() id="profile-timezone" invalid=invalid />
            <FieldError errors=errors field="time_zone" />
        </div>
    }
}

/// Bio (up to 1000 characters) and goals. `guided` adds example prompts as placeholders.
#[component]
pub fn StoryFields(
    form: ProfileForm,
    errors: Errors,
    #[prop(optional)] guided: bool,
) -> impl IntoView {
    view! {
        <TextArea
            label="Bio"
            id="profile-bio"
            field="bio"
            value=form.bio
            errors=errors
            limit=1000
            rows=7
            placeholder=guided.then_some("A few sentences about your background and what you care about.")
        />
        <TextArea
            label="Goals"
            id="profile-goals"
            field="goals"
            value=form.goals
            errors=errors
            rows=4
            placeholder=guided.then_some("What would you like to achieve in the next six months?")
        />
    }
}

/// A labelled tag picker suggesting the shared vocabulary.
#[component]
fn TagField(
    label: &'static str,
    id: &'static str,
    field: &'static str,
    tags: RwSignal<Vec<String>>,
    errors: Errors,
    hint: Option<&'static str>,
) -> impl IntoView {
    let catalog = use_catalog();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
            <TagPicker tags=tags suggestions=catalog.tags_signal() id=id />
            <FieldError errors=errors field=field />
        </div>
    }
}

/// Expertise, interests and proficiencies. `guided` adds a hint to each.
#[component]
pub fn SkillFields(
    form: ProfileForm,
    errors: Errors,
    #[prop(optional)] guided: bool,
) -> impl IntoView {
    view! {
        <TagField label="Expertise" id="profile-expertise" field="expertise" tags=form.expertise errors=errors hint=guided.then_some("What you know well.") />
        <TagField label="Interests" id="profile-interests" field="interests" tags=form.interests errors=errors hint=guided.then_some("What you'd like to learn or talk about.") />
        <TagField label="Proficiencies" id="profile-proficiencies" field="proficiencies" tags=form.proficiencies errors=errors hint=guided.then_some("Tools, languages and methods you use.") />
    }
}

/// Job roles held. `guided` adds a hint.
#[component]
pub fn JobRolesField(
    form: ProfileForm,
    errors: Errors,
    #[prop(optional)] guided: bool,
) -> impl IntoView {
    view! {
        <TagField label="Job roles" id="profile-job-roles" field="job_roles" tags=form.job_roles errors=errors hint=guided.then_some("Roles you have held.") />
    }
}

/// Mentorship style and preferred communication, which everyone fills in.
#[component]
pub fn WorkingStyleFields(form: ProfileForm, errors: Errors) -> impl IntoView {
    view! {
        <TextField
            label="Mentorship style"
            id="profile-mentorship-style"
            field="mentorship_style"
            value=form.mentorship_style
            errors=errors
            placeholder="e.g. Structured weekly check-ins"
        />
        <div class="field">
            <label for="profile-communication">"Preferred communication"</label>
            <input id="profile-communication" list="communication-options" bind:value=form.preferred_communication />
            <datalist id="communication-options">
                {COMMUNICATION_OPTIONS.iter().map(|o| view! { <option value=*o></option> }).collect_view()}
            </datalist>
            <FieldError errors=errors field="preferred_communication" />
        </div>
    }
}

/// Mentee capacity, whether new mentees are welcome and support for new parents: mentors only.
#[component]
pub fn MentorFields(form: ProfileForm, errors: Errors) -> impl IntoView {
    view! {
        <TextField
            label="Mentee capacity"
            id="profile-capacity"
            field="mentee_capacity"
            input_type="number"
            value=form.mentee_capacity
            errors=errors
            hint="How many mentees you can support at once."
        />
        <CheckboxField label="I'm accepting new mentees" value=form.accepting_mentees id="profile-accepting" />
        <FieldError errors=errors field="accepting_mentees" />
        <CheckboxField
            label="I can support new parents"
            value=form.supports_new_parents
            id="profile-supports-parents"
            hint="Working parents returning from leave can find you."
        />
        <FieldError errors=errors field="supports_new_parents" />
    }
}
