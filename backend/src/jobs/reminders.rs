//! The daily reminder job: once a day at `routing.reminder_hour` (UTC) it queues, through
//! the outbox, each user's e-mail of what is overdue or due soon
//! (`Services::send_daily_reminders`). Started after that hour, it runs at once for today.
//! Several server processes may run it: the `daily_reminders` rows keep it once per user
//! and day.

use chrono::{Duration, NaiveTime, Utc};

use crate::domain::Services;

/// How long until the next run (zero if today's hour has passed and `ran_today` is false).
fn wait(hour: u32, ran_today: bool) -> std::time::Duration {
    let now = Utc::now();
    let at = NaiveTime::from_hms_opt(hour.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
    let today = now.date_naive().and_time(at).and_utc();
    let next = if now < today {
        today
    } else if !ran_today {
        now
    } else {
        today + Duration::days(1)
    };
    (next - now).to_std().unwrap_or_default()
}

/// Runs forever (spawned at start).
pub async fn run(svc: Services) {
    let hour = svc.config.routing.reminder_hour;
    let mut last_day = None;
    loop {
        let ran_today = last_day == Some(Utc::now().date_naive());
        tokio::time::sleep(wait(hour, ran_today)).await;
        let day = Utc::now().date_naive();
        if last_day == Some(day) {
            continue;
        }
        match svc.send_daily_reminders(day).await {
            Ok(n) => tracing::info!(day = %day, queued = n, "daily reminders"),
            Err(e) => tracing::warn!(day = %day, error = %e, "daily reminders failed; next attempt tomorrow"),
        }
        last_day = Some(day);
    }
}
