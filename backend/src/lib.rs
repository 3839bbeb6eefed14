//! The Sijill server: configuration, persistence, domain services, HTTP and background jobs.
//!
//! `config` reads and checks the one typed configuration; `db` holds every SQL statement
//! and the sea-orm entities; `domain` holds the product's rules as plain Rust services
//! (`domain::Services`), testable without HTTP; `http` maps HTTP onto those services;
//! `jobs` runs the outbox worker.

pub mod app;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod http;
pub mod i18n;
pub mod jobs;
pub mod storage;

pub use error::{Error, Result};
