//! sea-orm entities, one per table (see `migrations/`). Relations are left out on purpose:
//! queries join by id explicitly in `db::queries`.

pub mod administration;
pub mod assignment;
pub mod audit_event;
pub mod audit_head;
pub mod clearance;
pub mod correspondent;
pub mod daily_reminder;
pub mod document;
pub mod draft;
pub mod email_verification;
pub mod filing;
pub mod outbox;
pub mod register_counter;
pub mod service;
pub mod session;
pub mod unit;
pub mod user;
pub mod user_role;
