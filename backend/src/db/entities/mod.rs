//! sea-orm entities, one per table (see `migrations/`). Relations are left out on purpose:
//! queries join by id explicitly in `db::queries`.

pub mod administration;
pub mod assignment;
pub mod audit_event;
pub mod audit_head;
pub mod circuit_step;
pub mod circuit_template;
pub mod clearance;
pub mod correspondent;
pub mod daily_reminder;
pub mod delegation;
pub mod document;
pub mod draft;
pub mod draft_attachment;
pub mod email_verification;
pub mod filing;
pub mod folder;
pub mod folder_annotation;
pub mod folder_document;
pub mod folder_event;
pub mod outbox;
pub mod parapheur_digest;
pub mod parapheur_preference;
pub mod parapheur_setting;
pub mod register_counter;
pub mod service;
pub mod session;
pub mod sign_batch;
pub mod sign_batch_item;
pub mod signing_key;
pub mod throttle;
pub mod unit;
pub mod user;
pub mod user_role;
