//! The leptos app: pages and components, rendered on the server and hydrated in the browser.
