//! App-wide state shared through context: who is signed in, which screen shows, toasts.

use crate::api;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::access::Permission;
use mentordesk_shared::accounts::Me;
use mentordesk_shared::conversations::{Notification, Subject};
use mentordesk_shared::ids::{ConversationId, GroupId, ProgrammeId, SessionId, ThreadId, UserId};
use std::time::Duration;

/// The screens of the signed-in app. A desktop app needs no URLs, so this enum is the router.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Onboarding,
    Profile,
    Directory,
    Person(UserId),
    Settings,
    Apply,
    AdminPeople,
    AdminApplications,
    AdminRoles,
    AdminAudit,
    /// My sessions as mentor and mentee.
    Sessions,
    /// One session: time, actions, notes, action items, ratings, history.
    Session(SessionId),
    /// A mentor's weekly hours, exceptions, booking settings and week view.
    Availability,
    /// A mentee picks a free slot of this mentor.
    Book(UserId),
    /// Group appointments.
    Appointments,
    /// The notification centre.
    Notifications,
    /// Conversations, with one open.
    Messages(Option<ConversationId>),
    /// Connections and connection requests.
    Connections,
    /// Support groups.
    Groups,
    /// One group's threads.
    Group(GroupId),
    /// One forum thread with its replies.
    Thread(ThreadId),
    /// Programmes: mine and open to apply.
    Programmes,
    /// One programme: overview, members, applications, matches.
    Programme(ProgrammeId),
    /// Figures across the programmes the viewer runs, and meeting reports.
    Dashboard,
    /// My certificates, and verifying a code.
    Certificates,
    /// Administration: import people from a CSV file.
    AdminImport,
}

impl Page {
    /// The sidebar item a page belongs to.
    pub fn section(self) -> Page {
        match self {
            Page::Messages(_) => Page::Messages(None),
            Page::Group(_) | Page::Thread(_) => Page::Groups,
            Page::Programme(_) => Page::Programmes,
            other => other,
        }
    }

    /// Pages opened from a list (a profile, a session, a booking): they offer "Back" and keep
    /// the sidebar item of the list they were opened from highlighted.
    pub fn is_detail(self) -> bool {
        matches!(
            self,
            Page::Person(_) | Page::Session(_) | Page::Book(_) | Page::Group(_) | Page::Thread(_)
        )
    }
}

/// What shows while nobody is signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScreen {
    Loading,
    FirstAdmin,
    SignIn,
    SignUp,
    Reset,
    /// Check a certificate's code without an account.
    Verify,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub kind: ToastKind,
    pub message: String,
}

/// Copyable handles to the app-wide signals.
#[derive(Clone, Copy)]
pub struct AppState {
    pub me: RwSignal<Option<Me>>,
    pub screen: RwSignal<AuthScreen>,
    pub page: RwSignal<Page>,
    /// An informational message for the sign-in screen (session ended, password reset…).
    pub notice: RwSignal<Option<String>>,
    /// A start-up failure (backend unreachable).
    pub startup_error: RwSignal<Option<String>>,
    pub toast: RwSignal<Option<Toast>>,
    pub data_dir: RwSignal<String>,
    /// Bumped whenever something changes that several pages show (profile, applications).
    pub revision: RwSignal<u64>,
    /// The last user input (milliseconds since the epoch), for the inactivity timeout.
    pub last_input_ms: StoredValue<f64>,
    /// Where a detail page's "Back" button returns to (see [`Page::is_detail`]).
    pub back: StoredValue<Page>,
    /// Unread notifications (the sidebar's badge).
    pub unread_notifications: RwSignal<u32>,
    /// Unread messages across conversations (the sidebar's badge).
    pub unread_messages: RwSignal<u32>,
    /// The newest notification the shell announced for the person signed in; pages
    /// showing its subject refresh when it changes.
    pub announced: RwSignal<Option<Notification>>,
    /// The running CSV import's progress, as the shell reports it.
    pub import_progress: RwSignal<Option<mentordesk_shared::imports::ImportProgress>>,
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            me: RwSignal::new(None),
            screen: RwSignal::new(AuthScreen::Loading),
            page: RwSignal::new(Page::Home),
            notice: RwSignal::new(None),
            startup_error: RwSignal::new(None),
            toast: RwSignal::new(None),
            data_dir: RwSignal::new(String::new()),
            revision: RwSignal::new(0),
            last_input_ms: StoredValue::new(js_sys::Date::now()),
            back: StoredValue::new(Page::Directory),
            unread_notifications: RwSignal::new(0),
            unread_messages: RwSignal::new(0),
            import_progress: RwSignal::new(None),
            announced: RwSignal::new(None),
        }
    }

    /// Enters the signed-in app on the given page.
    pub fn enter(&self, me: Me, page: Page) {
        self.notice.set(None);
        self.last_input_ms.set_value(js_sys::Date::now());
        self.page.set(page);
        self.me.set(Some(me));
    }

    /// Leaves the app for the sign-in screen, optionally with a notice.
    pub fn leave(&self, notice: Option<String>) {
        self.toast.set(None);
        self.me.set(None);
        self.page.set(Page::Home);
        self.screen.set(AuthScreen::SignIn);
        self.notice.set(notice);
    }

    pub fn go(&self, page: Page) {
        let current = self.page.get_untracked();
        if page.is_detail() && !current.is_detail() {
            self.back.set_value(current);
        }
        self.page.set(page);
    }

    /// Opens what a notification is about.
    pub fn open_subject(&self, subject: Subject) {
        use mentordesk_shared::access::Permission;
        let page = match subject {
            Subject::Session(id) => Page::Session(id),
            Subject::Appointment(_) => Page::Appointments,
            Subject::Conversation(id) => Page::Messages(Some(id)),
            Subject::Application(_) => {
                if self.me.with_untracked(|me| {
                    me.as_ref()
                        .is_some_and(|me| me.can(Permission::ApplicationsReview))
                }) {
                    Page::AdminApplications
                } else {
                    Page::Apply
                }
            }
            Subject::Person(id) => Page::Person(id),
            Subject::Thread(id) => Page::Thread(id),
            Subject::Programme(id) => Page::Programme(id),
        };
        self.go(page);
    }

    /// Reads the unread counts for the sidebar's badges again.
    pub fn refresh_badges(&self) {
        let state = *self;
        spawn_local(async move {
            let query = mentordesk_shared::conversations::NotificationQuery {
                unread_only: true,
                before: None,
                limit: Some(1),
            };
            if let Ok(list) = api::notifications_list(query).await {
                state.unread_notifications.set(list.unread);
            }
            if let Ok(counts) = api::conversations_unread().await {
                state.unread_messages.set(counts.total);
            }
        });
    }

    /// Whether the signed-in user holds a permission (reactive).
    pub fn can(&self, permission: Permission) -> bool {
        self.me
            .with(|me| me.as_ref().is_some_and(|me| me.can(permission)))
    }

    /// The signed-in user's id, untracked.
    pub fn my_id(&self) -> Option<UserId> {
        self.me.with_untracked(|me| me.as_ref().map(|m| m.user_id))
    }

    pub fn toast(&self, message: impl Into<String>) {
        self.show_toast(ToastKind::Success, message.into());
    }

    pub fn toast_error(&self, message: impl Into<String>) {
        self.show_toast(ToastKind::Error, message.into());
    }

    fn show_toast(&self, kind: ToastKind, message: String) {
        let id = self
            .toast
            .with_untracked(|t| t.as_ref().map(|t| t.id + 1).unwrap_or(1));
        self.toast.set(Some(Toast { id, kind, message }));
        let toast = self.toast;
        set_timeout(
            move || {
                if toast.with_untracked(|t| t.as_ref().is_some_and(|t| t.id == id)) {
                    toast.set(None);
                }
            },
            Duration::from_millis(3500),
        );
    }

    /// Reloads the signed-in user (name, photo, roles, onboarding) after a change.
    pub fn refresh_me(&self) {
        let state = *self;
        spawn_local(async move {
            if let Ok(me) = api::accounts_me().await {
                if state.me.with_untracked(Option::is_some) {
                    state.me.set(Some(me));
                }
            }
        });
    }

    /// Tells every page that shared data changed.
    pub fn bump(&self) {
        self.revision.update(|r| *r += 1);
    }

    /// Signs out on the backend and returns to the sign-in screen.
    pub fn sign_out(&self, notice: Option<String>) {
        let state = *self;
        spawn_local(async move {
            // Even if the backend already ended the session, the UI leaves.
            let _ = api::accounts_sign_out().await;
            state.leave(notice);
        });
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Lists loaded once per session and shared by the pickers.
#[derive(Clone, Copy)]
pub struct Catalog {
    pub tags: LocalResource<Vec<String>>,
    pub zones: LocalResource<Vec<String>>,
}

impl Catalog {
    pub fn new() -> Self {
        Catalog {
            tags: LocalResource::new(|| async { api::tags_list().await.unwrap_or_default() }),
            zones: LocalResource::new(|| async { api::timezones_list().await.unwrap_or_default() }),
        }
    }

    pub fn tags_signal(&self) -> Signal<Vec<String>> {
        let tags = self.tags;
        Signal::derive(move || tags.get().unwrap_or_default())
    }

    pub fn zones_signal(&self) -> Signal<Vec<String>> {
        let zones = self.zones;
        Signal::derive(move || zones.get().unwrap_or_default())
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_catalog() -> Catalog {
    expect_context::<Catalog>()
}
