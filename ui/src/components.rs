//! Reusable building blocks: avatars, form pieces, account-screen pieces, pickers, dialogs, tabs,
//! icons, toasts, and the scheduling pieces (slots, week grid, stars, calendar export).

pub mod auth;
pub mod avatar;
pub mod calendar_export;
pub mod dialog;
pub mod dropdown;
pub mod forms;
pub mod icon;
pub mod layout;
pub mod people_picker;
pub mod slot_list;
pub mod stars;
pub mod tabs;
pub mod tag_picker;
pub mod timezone_picker;
pub mod toast;
pub mod week_view;
