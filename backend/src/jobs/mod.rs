//! Background jobs: the outbox worker sending e-mail, the daily reminders and digests, the
//! delivery of answers signed in the parapheur.

pub mod daily;
pub mod digest;
pub mod folder_answers;
pub mod outbox;
pub mod reminders;
