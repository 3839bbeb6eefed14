//! Sijill's pages: leptos views rendered to HTML by the backend (`ssr`) and woken in the
//! browser as islands (`hydrate`). Every page works as plain HTML forms without JavaScript;
//! the islands only add conveniences (search-as-you-type, upload preview).

// Deeply nested views (long forms) need more than the default 128 to compute their layout.
#![recursion_limit = "256"]

pub mod i18n;
pub mod islands;
pub mod model;

#[cfg(feature = "ssr")]
pub mod components;
#[cfg(feature = "ssr")]
pub mod pages;

/// Entry point of the wasm bundle: starts the reactive runtime that the island script
/// (emitted by the page shell) uses to hydrate each `<leptos-island>`.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
