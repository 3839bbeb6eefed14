//! Work on untrusted PDFs (public verification, page images) shares the machine through one
//! gate: a few run at once, a few more wait, and the rest are told at once to come back
//! (503 with `Retry-After`), so an anonymous client cannot queue the server to death.
//! Verification runs on a blocking thread under a [`Cancel`] flag raised when the request
//! is dropped, so work nobody waits for stops at the reader's next check.
//!
//! Limits per file (decoded bytes, time) are `sijill_signing::pdf::Limits`, from `[pdf]`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sijill_signing::pdf::{Cancel, Limits};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::Pdf as PdfConfig;
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// The gate (one per server; cheap to share).
pub struct PdfWork {
    slots: Arc<Semaphore>,
    waiting: AtomicUsize,
    config: PdfConfig,
}

/// Raises the flag when dropped: the request's future holds it while the work runs.
struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Counts a waiting request while it waits.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl PdfWork {
    pub fn new(config: &PdfConfig) -> Self {
        PdfWork {
            slots: Arc::new(Semaphore::new(config.max_concurrent)),
            waiting: AtomicUsize::new(0),
            config: config.clone(),
        }
    }

    /// The limits files are read under.
    pub fn limits(&self) -> Limits {
        self.config.limits()
    }

    fn busy(&self) -> Error {
        Error::Busy { retry_after_secs: self.config.retry_after_secs() }
    }

    /// A slot, after waiting at most `wait_secs` among at most `max_waiting` others.
    pub async fn slot(&self) -> Result<OwnedSemaphorePermit> {
        if let Ok(p) = self.slots.clone().try_acquire_owned() {
            return Ok(p);
        }
        if self.waiting.fetch_add(1, Ordering::Relaxed) >= self.config.max_waiting {
            self.waiting.fetch_sub(1, Ordering::Relaxed);
            return Err(self.busy());
        }
        let _waiting = Waiting(&self.waiting);
        let wait = Duration::from_secs(self.config.wait_secs);
        match tokio::time::timeout(wait, self.slots.clone().acquire_owned()).await {
            Ok(Ok(p)) => Ok(p),
            _ => Err(self.busy()),
        }
    }

    /// Runs `work` on a blocking thread once a slot is free. The slot is held by the work
    /// itself, until it really stops; dropping the returned future cancels it.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce(Cancel) -> Result<T> + Send + 'static) -> Result<T> {
        let permit = self.slot().await?;
        let cancel = Cancel::new();
        let guard = CancelOnDrop(cancel.clone());
        let res = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(cancel)
        })
        .await
        .map_err(Error::internal)?;
        drop(guard);
        res
    }
}

/// The error a failure of the signing library becomes: a passed limit is the file's fault
/// (422, naming the limit); anything else means the file is not a readable PDF.
pub fn pdf_error(e: &sijill_signing::Error, document: Option<&str>) -> Error {
    match e {
        sijill_signing::Error::Limit { limit, .. } => {
            Error::Unprocessable(Msg::PdfLimit { document: document.map(str::to_owned), limit: limit.key() })
        }
        // Nobody waits for the answer any more; any error will do.
        sijill_signing::Error::Cancelled => Error::internal("cancelled"),
        _ => match document {
            Some(name) => Error::UnsupportedMedia(Msg::CorruptDocument(name.to_owned())),
            None => Error::BadRequest(Msg::NotAPdf),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(max_concurrent: usize, max_waiting: usize) -> PdfConfig {
        PdfConfig { max_concurrent, max_waiting, wait_secs: 0, ..PdfConfig::default() }
    }

    #[tokio::test]
    async fn past_the_slots_and_the_queue_the_answer_is_busy() {
        let gate = PdfWork::new(&config(1, 0));
        let held = gate.slot().await.unwrap();
        assert!(matches!(gate.slot().await, Err(Error::Busy { .. })));
        drop(held);
        assert!(gate.slot().await.is_ok());
    }

    #[tokio::test]
    async fn dropping_the_request_cancels_the_work_and_frees_the_slot() {
        let gate = Arc::new(PdfWork::new(&config(1, 4)));
        let (tx, rx) = std::sync::mpsc::channel();
        let g = gate.clone();
        let req = tokio::spawn(async move {
            g.run(move |cancel| {
                while !cancel.is_cancelled() {
                    std::thread::sleep(Duration::from_millis(5));
                }
                tx.send(()).unwrap();
                Ok(())
            })
            .await
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        req.abort();
        let got = tokio::task::spawn_blocking(move || rx.recv_timeout(Duration::from_secs(5))).await.unwrap();
        assert!(got.is_ok(), "the work saw the cancellation");
        let slot = tokio::time::timeout(Duration::from_secs(5), gate.slots.clone().acquire_owned()).await;
        assert!(slot.is_ok(), "the slot came back");
    }
}
