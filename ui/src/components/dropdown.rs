//! Keyboard movement through the suggestions under a picker's input.

use leptos::prelude::*;

/// Moves the highlight one of `len` rows down (or up), wrapping round. With nothing highlighted,
/// down starts at the first row and up at the last; with no rows, nothing changes.
pub fn move_highlight(highlighted: RwSignal<Option<usize>>, len: usize, down: bool) {
    if len == 0 {
        return;
    }
    highlighted.update(|h| {
        *h = Some(match (*h, down) {
            (None, true) => 0,
            (None, false) => len - 1,
            (Some(i), true) => (i + 1) % len,
            (Some(i), false) => (i + len - 1) % len,
        })
    });
}
