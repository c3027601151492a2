//! Reusable building blocks: avatars, form pieces, account-screen pieces, pickers, dialogs, tabs,
//! icons, toasts.

pub mod auth;
pub mod avatar;
pub mod dialog;
pub mod dropdown;
pub mod forms;
pub mod icon;
pub mod layout;
pub mod tabs;
pub mod tag_picker;
pub mod timezone_picker;
pub mod toast;
