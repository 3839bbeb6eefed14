//! Finishes the delivery of signed folders' answers left undelivered (see
//! `domain::parapheur::outgoing`): a pass every minute. Safe with several processes: the
//! registration is keyed by the pre-chosen outgoing id and the dispatch is a conditional
//! update of the draft.

use crate::domain::Services;

/// Runs forever (spawned at start).
pub async fn run(svc: Services) {
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        match svc.resume_folder_answers().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(dispatched = n, "folder answers resumed"),
            Err(e) => tracing::warn!(error = %e, "folder answers pass failed"),
        }
    }
}
