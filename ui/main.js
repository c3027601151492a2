// Loads the Mentordesk UI (Leptos, compiled to WebAssembly). Kept out of index.html so the
// Content Security Policy needs no inline scripts.
import init from './mentordesk_ui.js';

init();
