//! The parapheur's daily digest job: the digests of the users who chose one
//! (`Services::send_parapheur_digests`), at the hour of the bureau's reminders; the
//! `parapheur_digests` rows keep it once per user and day.

use crate::domain::Services;

/// Runs forever (spawned at start).
pub async fn run(svc: Services) {
    super::daily::every_day(svc, "parapheur digests", |svc, day| async move { svc.send_parapheur_digests(day).await }).await
}
