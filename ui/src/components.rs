//! Reusable building blocks: avatars, form pieces, pickers, dialogs, icons, toasts.

pub mod avatar;
pub mod dialog;
pub mod forms;
pub mod icon;
pub mod layout;
pub mod tag_picker;
pub mod timezone_picker;
pub mod toast;
