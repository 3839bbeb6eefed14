//! Background jobs: the outbox worker sending e-mail.

pub mod digest;
pub mod folder_answers;
pub mod outbox;
pub mod reminders;
