//! The parapheur's daily digest job: once a day at `routing.reminder_hour` (UTC, the hour
//! of the bureau's reminders) it queues the digests of the users who chose one
//! (`Services::send_parapheur_digests`). Several processes may run it: the
//! `parapheur_digests` rows keep it once per user and day.

use chrono::{Duration, NaiveTime, Utc};

use crate::domain::Services;

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
        match svc.send_parapheur_digests(day).await {
            Ok(n) => tracing::info!(day = %day, queued = n, "parapheur digests"),
            Err(e) => tracing::warn!(day = %day, error = %e, "parapheur digests failed; next attempt tomorrow"),
        }
        last_day = Some(day);
    }
}
