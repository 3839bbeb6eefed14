//! Jobs that run once a day at `routing.reminder_hour` (UTC): started after that hour, a
//! job runs at once for today. Several server processes may run the same job; each job's
//! own rows (one per user and day) keep its e-mails to one per user and day.

use std::future::Future;

use chrono::{Duration, NaiveDate, NaiveTime, Utc};

use crate::domain::Services;
use crate::error::Result;

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

/// Runs `job` once a day forever (spawned at start); `name` is for the logs. `job`
/// returns how many e-mails it queued.
pub async fn every_day<F, Fut>(svc: Services, name: &'static str, job: F)
where
    F: Fn(Services, NaiveDate) -> Fut,
    Fut: Future<Output = Result<usize>>,
{
    let hour = svc.config.routing.reminder_hour;
    let mut last_day = None;
    loop {
        let ran_today = last_day == Some(Utc::now().date_naive());
        tokio::time::sleep(wait(hour, ran_today)).await;
        let day = Utc::now().date_naive();
        if last_day == Some(day) {
            continue;
        }
        match job(svc.clone(), day).await {
            Ok(n) => tracing::info!(day = %day, queued = n, job = name, "daily job done"),
            Err(e) => tracing::warn!(day = %day, error = %e, job = name, "daily job failed; next attempt tomorrow"),
        }
        last_day = Some(day);
    }
}
