//! Background jobs: the outbox worker sending e-mail.

pub mod outbox;
pub mod reminders;
