//! The four-step onboarding wizard. Each step saves the profile, then the step reached.

use crate::api;
use crate::components::forms::{CheckboxField, FieldError, FormError, TextArea, TextField};
use crate::components::layout::Loading;
use crate::components::tag_picker::TagPicker;
use crate::components::timezone_picker::TimeZonePicker;
use crate::profile_form::{ProfileForm, COMMUNICATION_OPTIONS};
use crate::state::{use_app, use_catalog, Page};
use crate::util::detect_time_zone;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::profiles::{OnboardingUpdate, UserRef};

const STEPS: [&str; 4] = ["About you", "Your story", "Skills", "Preferences"];

/// The fields each step shows, so errors on other steps can be surfaced.
fn step_fields(step: u8) -> Vec<&'static str> {
    match step {
        1 => vec![
            "first_name",
            "last_name",
            "headline",
            "time_zone",
            "country",
            "city",
        ],
        2 => vec!["bio", "goals"],
        3 => vec!["expertise", "interests", "proficiencies", "job_roles"],
        _ => vec![
            "mentorship_style",
            "preferred_communication",
            "mentee_capacity",
            "accepting_mentees",
            "supports_new_parents",
        ],
    }
}

#[component]
fn Stepper(step: RwSignal<u8>) -> impl IntoView {
    view! {
        <ol class="stepper" aria-label="Onboarding progress">
            {STEPS
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let n = (i + 1) as u8;
                    view! {
                        <li
                            class="step"
                            class:done=move || { step.get() > n }
                            class:current=move || step.get() == n
                            aria-current=move || (step.get() == n).then_some("step")
                        >
                            <span class="step-dot">{n}</span>
                            <span class="step-label">{*label}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
fn TagField(
    label: &'static str,
    id: &'static str,
    field: &'static str,
    tags: RwSignal<Vec<String>>,
    errors: crate::components::forms::Errors,
    hint: &'static str,
) -> impl IntoView {
    let catalog = use_catalog();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="hint">{hint}</p>
            <TagPicker tags=tags suggestions=catalog.tags_signal() id=id />
            <FieldError errors=errors field=field />
        </div>
    }
}

#[component]
pub fn OnboardingPage() -> impl IntoView {
    let state = use_app();
    let catalog = use_catalog();
    let form = ProfileForm::new();
    let errors = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let is_mentor = RwSignal::new(false);
    let start = state
        .me
        .with_untracked(|me| me.as_ref().map(|m| m.onboarding_step).unwrap_or(1))
        .clamp(1, 4);
    let step = RwSignal::new(start);

    let profile = LocalResource::new(|| api::profile_get(UserRef { user_id: None }));
    Effect::new(move |_| {
        if let Some(result) = profile.get() {
            match result {
                Ok(view) => {
                    form.load(&view.fields);
                    if view.fields.time_zone.is_empty() {
                        if let Some(zone) = detect_time_zone() {
                            form.time_zone.set(zone);
                        }
                    }
                    is_mentor.set(view.is_mentor);
                    loaded.set(true);
                }
                Err(err) => errors.set(Some(err)),
            }
        }
    });

    // Saves the profile, then records the step reached (or completion).
    let save = move |next: u8, complete: bool| {
        if busy.get_untracked() {
            return;
        }
        let fields = match form.to_fields() {
            Ok(fields) => fields,
            Err(err) => {
                errors.set(Some(err));
                return;
            }
        };
        busy.set(true);
        errors.set(None);
        spawn_local(async move {
            let result = match api::profile_update(fields).await {
                Ok(_) => {
                    api::onboarding_update(OnboardingUpdate {
                        step: next,
                        complete,
                    })
                    .await
                }
                Err(err) => Err(err),
            };
            match result {
                Ok(_) => {
                    state.refresh_me();
                    state.bump();
                    if complete {
                        state.go(Page::Home);
                        state.toast("You're all set — your profile is ready.");
                    } else {
                        step.set(next);
                    }
                }
                Err(err) => {
                    // Jump back to the first step with a rejected field.
                    let first_bad = (1..=4u8).find(|s| {
                        step_fields(*s)
                            .iter()
                            .any(|f| err.field_message(f).is_some())
                    });
                    if let Some(s) = first_bad {
                        step.set(s);
                    }
                    errors.set(Some(err));
                }
            }
            busy.set(false);
        });
    };

    let skip = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let current = step.get_untracked();
        spawn_local(async move {
            let result = api::onboarding_update(OnboardingUpdate {
                step: current,
                complete: false,
            })
            .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    state.refresh_me();
                    state.go(Page::Home);
                }
                Err(err) => errors.set(Some(err)),
            }
        });
    };

    let step_one = move || {
        view! {
            <h2>"About you"</h2>
            <p class="muted">"The basics people see first."</p>
            <div class="field-row">
                <TextField label="First name" id="profile-first-name" field="first_name" value=form.first_name errors=errors />
                <TextField label="Last name" id="profile-last-name" field="last_name" value=form.last_name errors=errors />
            </div>
            <TextField
                label="Headline"
                id="profile-headline"
                field="headline"
                value=form.headline
                errors=errors
                placeholder="e.g. Backend engineer who loves teaching"
                hint="One line that sums you up."
            />
            <div class="field">
                <label for="profile-timezone">"Time zone"</label>
                <TimeZonePicker value=form.time_zone zones=catalog.zones_signal() id="profile-timezone" />
                <FieldError errors=errors field="time_zone" />
            </div>
            <div class="field-row">
                <TextField label="Country" id="profile-country" field="country" value=form.country errors=errors />
                <TextField label="City" id="profile-city" field="city" value=form.city errors=errors />
            </div>
        }
    };

    let step_two = move || {
        view! {
            <h2>"Your story"</h2>
            <p class="muted">"What you have done, and what you hope to get from the programme."</p>
            <TextArea
                label="Bio"
                id="profile-bio"
                field="bio"
                value=form.bio
                errors=errors
                limit=1000
                rows=7
                placeholder="A few sentences about your background and what you care about."
            />
            <TextArea
                label="Goals"
                id="profile-goals"
                field="goals"
                value=form.goals
                errors=errors
                rows=4
                placeholder="What would you like to achieve in the next six months?"
            />
        }
    };

    let step_three = move || {
        view! {
            <h2>"Skills"</h2>
            <p class="muted">"Tags help mentors and mentees find each other. Up to 10 of each."</p>
            <TagField label="Expertise" id="profile-expertise" field="expertise" tags=form.expertise errors=errors hint="What you know well." />
            <TagField label="Interests" id="profile-interests" field="interests" tags=form.interests errors=errors hint="What you'd like to learn or talk about." />
            <TagField label="Proficiencies" id="profile-proficiencies" field="proficiencies" tags=form.proficiencies errors=errors hint="Tools, languages and methods you use." />
            <TagField label="Job roles" id="profile-job-roles" field="job_roles" tags=form.job_roles errors=errors hint="Roles you have held." />
        }
    };

    let step_four = move || {
        view! {
            <h2>"Preferences"</h2>
            <p class="muted">"How you like to work together."</p>
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
            <Show when=move || is_mentor.get()>
                <div class="mentor-only">
                    <p class="eyebrow">"For mentors"</p>
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
                    <CheckboxField
                        label="I can support new parents"
                        value=form.supports_new_parents
                        id="profile-supports-parents"
                        hint="Working parents returning from leave can find you."
                    />
                </div>
            </Show>
        }
    };

    let body = move || match step.get() {
        1 => step_one().into_any(),
        2 => step_two().into_any(),
        3 => step_three().into_any(),
        _ => step_four().into_any(),
    };

    view! {
        <div class="page onboarding">
            <header class="page-header">
                <div>
                    <h1>"Let's set up your profile"</h1>
                    <p class="muted">"It takes a few minutes. You can skip and come back any time."</p>
                </div>
            </header>
            <Stepper step=step />
            <section class="card wizard-card">
                <Show when=move || loaded.get() fallback=|| view! { <Loading /> }>
                    <form class="form" on:submit=|ev| ev.prevent_default() novalidate>
                        <FormError errors=errors shown=Signal::derive(move || step_fields(step.get())) />
                        {body}
                    </form>
                </Show>
                <Show when=move || !loaded.get() && errors.with(Option::is_some)>
                    <FormError errors=errors shown=Vec::new() />
                </Show>
                <footer class="wizard-actions">
                    <button type="button" id="onboarding-skip" class="button button-ghost" on:click=skip>
                        "Skip for now"
                    </button>
                    <div class="spacer"></div>
                    <Show when=move || { step.get() > 1 }>
                        <button
                            type="button"
                            id="onboarding-back"
                            class="button button-secondary"
                            disabled=move || busy.get()
                            on:click=move |_| {
                                errors.set(None);
                                step.update(|s| *s = s.saturating_sub(1).max(1));
                            }
                        >
                            "Back"
                        </button>
                    </Show>
                    <Show
                        when=move || { step.get() < 4 }
                        fallback=move || {
                            view! {
                                <button
                                    type="button"
                                    id="onboarding-finish"
                                    class="button button-primary"
                                    disabled=move || busy.get() || !loaded.get()
                                    on:click=move |_| save(4, true)
                                >
                                    {move || if busy.get() { "Saving…" } else { "Finish" }}
                                </button>
                            }
                        }
                    >
                        <button
                            type="button"
                            id="onboarding-next"
                            class="button button-primary"
                            disabled=move || busy.get() || !loaded.get()
                            on:click=move |_| save(step.get_untracked() + 1, false)
                        >
                            {move || if busy.get() { "Saving…" } else { "Next" }}
                        </button>
                    </Show>
                </footer>
            </section>
        </div>
    }
}
