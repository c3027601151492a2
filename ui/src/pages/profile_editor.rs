//! My profile: every field in sections, the photo, and one Save button.

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::forms::{send_request, FieldError, FormError, Section, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{Loading, PageHeader};
use crate::profile_form::{
    JobRolesField, MentorFields, NameFields, PlaceFields, ProfileForm, SkillFields, StoryFields,
    TimeZoneField, WorkingStyleFields,
};
use crate::state::{use_app, use_catalog};
use crate::util::{first_file, read_file, reset_file_input};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::profiles::{Completeness, ExperienceLevel, PhotoUpload};
use mentordesk_shared::ApiError;

const ALL_FIELDS: [&str; 28] = [
    "first_name",
    "last_name",
    "headline",
    "bio",
    "country",
    "city",
    "time_zone",
    "phone",
    "website",
    "github",
    "linkedin",
    "twitter",
    "facebook",
    "expertise",
    "interests",
    "proficiencies",
    "job_roles",
    "years_experience",
    "experience_level",
    "department",
    "position",
    "organisation",
    "mentorship_style",
    "preferred_communication",
    "mentee_capacity",
    "accepting_mentees",
    "supports_new_parents",
    "goals",
];

#[component]
fn PhotoEditor(name: Signal<String>, photo: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let on_change = move |ev: leptos::ev::Event| {
        let Some(file) = first_file(&ev) else {
            return;
        };
        reset_file_input(&ev);
        busy.set(true);
        errors.set(None);
        spawn_local(async move {
            let result = match read_file(file).await {
                Ok(picked) => {
                    api::profile_set_photo(PhotoUpload {
                        base64: picked.base64,
                    })
                    .await
                }
                Err(message) => Err(ApiError::field("photo", message)),
            };
            match result {
                Ok(view) => {
                    photo.set(view.photo);
                    state.refresh_me();
                    state.toast("Photo updated");
                }
                Err(err) => errors.set(Some(err)),
            }
            busy.set(false);
        });
    };

    let remove = move |_| {
        busy.set(true);
        errors.set(None);
        spawn_local(async move {
            match api::profile_remove_photo().await {
                Ok(view) => {
                    photo.set(view.photo);
                    state.refresh_me();
                    state.toast("Photo removed");
                }
                Err(err) => errors.set(Some(err)),
            }
            busy.set(false);
        });
    };

    view! {
        <div class="photo-editor">
            {move || view! { <Avatar name=name.get() photo=photo.get() size="xl" /> }}
            <div class="photo-actions">
                <label class="button button-secondary file-button" class:disabled=move || busy.get()>
                    <Icon name="upload" />
                    <span>{move || if busy.get() { "Uploading…" } else { "Upload photo" }}</span>
                    <input
                        type="file"
                        id="profile-photo"
                        accept="image/*"
                        class="visually-hidden"
                        disabled=move || busy.get()
                        on:change=on_change
                    />
                </label>
                <Show when=move || photo.with(Option::is_some)>
                    <button
                        type="button"
                        id="profile-photo-remove"
                        class="button button-ghost"
                        disabled=move || busy.get()
                        on:click=remove
                    >
                        "Remove"
                    </button>
                </Show>
                <p class="hint">"PNG, JPEG, GIF or WebP. We resize it for you."</p>
                <FieldError errors=errors field="photo" />
                <FormError errors=errors shown=vec!["photo"] />
            </div>
        </div>
    }
}

#[component]
pub fn ProfileEditorPage() -> impl IntoView {
    let state = use_app();
    let catalog = use_catalog();
    let form = ProfileForm::new();
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let is_mentor = RwSignal::new(false);
    let photo = RwSignal::new(None::<String>);
    let email = RwSignal::new(String::new());
    let completeness = RwSignal::new(None::<Completeness>);

    form.load_own(errors, move |view| {
        is_mentor.set(view.is_mentor);
        photo.set(view.photo);
        email.set(view.email);
        completeness.set(Some(view.completeness));
        loaded.set(true);
    });

    let name = Signal::derive(move || {
        format!("{} {}", form.first_name.get(), form.last_name.get())
            .trim()
            .to_string()
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || form.to_fields().map(api::profile_update),
            move |view| {
                form.load(&view.fields);
                completeness.set(Some(view.completeness));
                state.toast("Profile saved");
                state.refresh_me();
                state.bump();
                catalog.tags.refetch();
            },
        );
    };

    let summary = move || {
        completeness.get().map(|c| {
            let missing = c.missing.iter().take(4).cloned().collect::<Vec<_>>().join(", ");
            view! {
                <div class="completeness-inline">
                    <div class="progress progress-sm">
                        <div class="progress-fill" style=format!("width: {}%", c.percent.min(100))></div>
                    </div>
                    <span class="muted small">
                        {format!("{}% complete", c.percent)}
                        {(!missing.is_empty()).then(|| format!(" · Missing: {missing}"))}
                    </span>
                </div>
            }
        })
    };

    let level_options = move || {
        ExperienceLevel::ALL
            .iter()
            .map(|level| {
                let key = level.key();
                view! {
                    <option value=key selected=move || form.experience_level.with(|v| v == key)>
                        {level.label()}
                    </option>
                }
            })
            .collect_view()
    };

    view! {
        <div class="page profile-editor">
            <PageHeader title="My profile" subtitle="This is what mentors, mentees and admins see about you.">
                {summary}
            </PageHeader>
            <Show when=move || loaded.get() fallback=move || view! {
                <FormError errors=errors shown=Vec::new() />
                <Show when=move || errors.with(Option::is_none)><Loading /></Show>
            }>
                <form class="form stack" on:submit=save novalidate>
                    <FormError errors=errors shown=ALL_FIELDS.to_vec() />
                    <Section title="Basics" description="Your name, a one-line headline and a photo.">
                        <PhotoEditor name=name photo=photo />
                        <NameFields form=form errors=errors required=true />
                        <TextField
                            label="Headline"
                            id="profile-headline"
                            field="headline"
                            value=form.headline
                            errors=errors
                            placeholder="e.g. Product designer, mentor for career changers"
                        />
                        <div class="field">
                            <label>"E-mail"</label>
                            <p class="readonly">{move || email.get()}</p>
                        </div>
                    </Section>
                    <Section title="About" description="Your story and what you want from the programme.">
                        <StoryFields form=form errors=errors />
                    </Section>
                    <Section title="Location & time" description="Helps people find sessions that suit both of you.">
                        <PlaceFields form=form errors=errors />
                        <TimeZoneField form=form errors=errors />
                    </Section>
                    <Section title="Contact & links" description="Optional. Shown on your profile page.">
                        <div class="field-row">
                            <TextField label="Phone" id="profile-phone" field="phone" input_type="tel" value=form.phone errors=errors />
                            <TextField label="Website" id="profile-website" field="website" value=form.website errors=errors placeholder="https://" />
                        </div>
                        <div class="field-row">
                            <TextField label="GitHub" id="profile-github" field="github" value=form.github errors=errors placeholder="https://github.com/…" />
                            <TextField label="LinkedIn" id="profile-linkedin" field="linkedin" value=form.linkedin errors=errors placeholder="https://linkedin.com/in/…" />
                        </div>
                        <div class="field-row">
                            <TextField label="X / Twitter" id="profile-twitter" field="twitter" value=form.twitter errors=errors placeholder="https://x.com/…" />
                            <TextField label="Facebook" id="profile-facebook" field="facebook" value=form.facebook errors=errors placeholder="https://facebook.com/…" />
                        </div>
                    </Section>
                    <Section title="Skills" description="Up to 10 tags each. Pick from suggestions or add your own.">
                        <SkillFields form=form errors=errors />
                    </Section>
                    <Section title="Work" description="Where you are in your career.">
                        <JobRolesField form=form errors=errors />
                        <div class="field-row">
                            <TextField
                                label="Years of experience"
                                id="profile-years"
                                field="years_experience"
                                input_type="number"
                                value=form.years_experience
                                errors=errors
                            />
                            <div class="field">
                                <label for="profile-level">"Experience level"</label>
                                <select id="profile-level" bind:value=form.experience_level>
                                    <option value="" selected=move || form.experience_level.with(String::is_empty)>
                                        "Not specified"
                                    </option>
                                    {level_options}
                                </select>
                                <FieldError errors=errors field="experience_level" />
                            </div>
                        </div>
                        <div class="field-row field-row-3">
                            <TextField label="Position" id="profile-position" field="position" value=form.position errors=errors />
                            <TextField label="Department" id="profile-department" field="department" value=form.department errors=errors />
                            <TextField label="Organisation" id="profile-organisation" field="organisation" value=form.organisation errors=errors />
                        </div>
                    </Section>
                    <Section title="Mentoring" description="How you like to work together.">
                        <WorkingStyleFields form=form errors=errors />
                        <Show
                            when=move || is_mentor.get()
                            fallback=|| view! {
                                <p class="muted small">"Mentee capacity and availability appear here once you are an approved mentor."</p>
                            }
                        >
                            <MentorFields form=form errors=errors />
                        </Show>
                    </Section>
                    <div class="save-bar">
                        <span class="muted small">"Changes are saved when you press Save."</span>
                        <button type="submit" id="profile-save" class="button button-primary button-lg" disabled=move || busy.get()>
                            {move || if busy.get() { "Saving…" } else { "Save profile" }}
                        </button>
                    </div>
                </form>
            </Show>
        </div>
    }
}
