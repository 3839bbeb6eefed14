//! The daily reminder job: each user's e-mail of what is overdue or due soon
//! (`Services::send_daily_reminders`), through the outbox; the `daily_reminders` rows keep
//! it once per user and day.

use crate::domain::Services;

/// Runs forever (spawned at start).
pub async fn run(svc: Services) {
    super::daily::every_day(svc, "daily reminders", |svc, day| async move {
        // Once a day, forget abuse-limit rows long idle (`domain::throttle`).
        if let Err(e) = svc.purge_throttles().await {
            tracing::warn!(error = %e, "throttle purge failed");
        }
        svc.send_daily_reminders(day).await
    })
    .await
}
