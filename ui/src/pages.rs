//! One module per screen.

pub mod admin_applications;
pub mod admin_audit;
pub mod admin_people;
pub mod admin_roles;
pub mod apply;
pub mod appointments;
pub mod availability;
pub mod book;
pub mod connections;
pub mod directory;
pub mod first_run;
pub mod groups;
pub mod home;
pub mod messages;
pub mod notifications;
pub mod onboarding;
pub mod person;
pub mod profile_editor;
pub mod programme_work;
pub mod programmes;
pub mod reset;
pub mod session;
pub mod sessions;
pub mod settings;
pub mod sign_in;
pub mod sign_up;
