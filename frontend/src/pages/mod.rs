//! One module per page; each exposes `render…` functions returning a complete HTML document,
//! called by the backend's page handlers (backend/src/http/pages).

pub mod auth;
pub mod bureau_admin;
pub mod bureau_entry;
pub mod bureau_forms;
pub mod bureau_model;
pub mod bureau_queue;
pub mod bureau_search;
pub mod catalogue;
pub mod error;
pub mod filing;
pub mod filings;
pub mod home;
pub mod parapheur_admin;
pub mod parapheur_circuit;
pub mod parapheur_folder;
pub mod parapheur_folder_actions;
pub mod parapheur_inbox;
pub mod parapheur_keys;
pub mod receipt;
pub mod routing_answer;
pub mod routing_slip;
pub mod routing_work;
pub mod verify;
pub mod parapheur_batch;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod escaping_tests;
