//! The outbox worker: sends queued e-mails over SMTP with retries and exponential backoff.
//! Registration never waits for SMTP; when the server is down the row stays queued.

use std::time::Duration;

use chrono::Utc;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{Smtp, SmtpSecurity};
use crate::db::entities::outbox;
use crate::db::{self, register};
use crate::domain::Services;
use crate::error::{Error, Result};

/// How long a claimed message is reserved for the process that claimed it.
const LEASE: chrono::Duration = chrono::Duration::minutes(5);
const BATCH: u64 = 20;

pub struct OutboxWorker {
    svc: Services,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

fn transport(cfg: &Smtp) -> Result<AsyncSmtpTransport<Tokio1Executor>> {
    let builder = match cfg.security {
        SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.host),
        SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&cfg.host).map_err(Error::internal)?,
        SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&cfg.host).map_err(Error::internal)?,
    };
    let mut builder = builder.port(cfg.port).timeout(Some(Duration::from_secs(cfg.timeout_secs)));
    if !cfg.username.is_empty() {
        builder = builder.credentials(Credentials::new(cfg.username.clone(), cfg.password.clone()));
    }
    Ok(builder.build())
}

impl OutboxWorker {
    pub fn new(svc: Services) -> Result<OutboxWorker> {
        let transport = transport(&svc.config.smtp)?;
        let from = svc.config.smtp.from.parse().map_err(Error::internal)?;
        Ok(OutboxWorker { svc, transport, from })
    }

    /// Runs forever (spawned at start).
    pub async fn run(self) {
        let idle = Duration::from_millis(self.svc.config.outbox.poll_interval_ms);
        loop {
            match self.run_once().await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "outbox pass failed"),
            }
            tokio::time::sleep(idle).await;
        }
    }

    /// One pass: claims due messages and tries each once. Returns how many were sent.
    pub async fn run_once(&self) -> Result<usize> {
        let cfg = &self.svc.config.outbox;
        let db = &self.svc.db;
        let due = db::outbox::claim_due(db, Utc::now(), LEASE, BATCH, cfg.max_attempts).await?;
        let mut sent = 0;
        let mut due = due.into_iter();
        while let Some(m) = due.next() {
            let e = match self.send(&m).await {
                Ok(()) => {
                    db::outbox::mark_sent(db, m.id, Utc::now()).await?;
                    tracing::info!(outbox_id = m.id, kind = %m.kind, "e-mail sent");
                    sent += 1;
                    continue;
                }
                Err(e) => e,
            };
            let exp = m.attempts.clamp(0, 20) as u32;
            let delay = cfg.backoff_base_ms.saturating_mul(1u64 << exp).min(cfg.backoff_max_ms);
            let next = Utc::now() + chrono::Duration::milliseconds(delay as i64);
            tracing::warn!(outbox_id = m.id, attempt = m.attempts + 1, retry_in_ms = delay, error = %e.error(), "e-mail not sent, will retry");
            db::outbox::mark_failed(db, m.id, &e.error().to_string(), next).await?;
            if let NotSent::Unreachable(_) = e {
                // The rest of the batch would fail the same way: each try costs reading
                // the receipt, building the message and two writes, hundreds of times a
                // second while the queue is long. They are released for the next pass,
                // after the poll interval, without counting an attempt.
                db::outbox::release(db, &due.map(|m| m.id).collect::<Vec<_>>()).await?;
                break;
            }
        }
        Ok(sent)
    }

    async fn send(&self, m: &outbox::Model) -> std::result::Result<(), NotSent> {
        let msg = self.message(m).await.map_err(NotSent::Failed)?;
        self.transport.send(msg).await.map(drop).map_err(|e| {
            // An answer from the server concerns this message; no answer at all (refused,
            // unreachable, TLS, timeout) concerns every message.
            let answered = e.is_transient() || e.is_permanent() || e.is_client() || e.is_response();
            let error = Error::Internal(format!("smtp: {e}"));
            if answered {
                NotSent::Failed(error)
            } else {
                NotSent::Unreachable(error)
            }
        })
    }

    async fn message(&self, m: &outbox::Model) -> Result<Message> {
        let to: Mailbox = m.recipient.parse().map_err(Error::internal)?;
        let builder = Message::builder().from(self.from.clone()).to(to).subject(m.subject.clone());
        let text = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(m.body.clone());
        let msg = match &m.filing_id {
            Some(id) => {
                let f = register::by_id(&self.svc.db.conn, id).await?.ok_or(Error::NotFound)?;
                // An answer (outgoing entry) carries its own PDF; anything else the receipt.
                let (name, pdf) = if m.kind == "answer" {
                    let doc = register::documents_of(&self.svc.db.conn, id).await?.into_iter().next().ok_or(Error::NotFound)?;
                    (format!("{}.pdf", f.number), self.svc.storage.get(&doc.sha256)?)
                } else {
                    let pdf = match &f.receipt_sha256 {
                        Some(sha) => self.svc.storage.get(sha)?,
                        None => self.svc.issue_receipt(&f).await?,
                    };
                    (format!("receipt-{}.pdf", f.number), pdf)
                };
                let att = Attachment::new(name)
                    .body(pdf, ContentType::parse("application/pdf").expect("valid mime"));
                builder.multipart(MultiPart::mixed().singlepart(text).singlepart(att))
            }
            None => builder.singlepart(text),
        }
        .map_err(Error::internal)?;
        Ok(msg)
    }
}

/// Why a message was not sent.
enum NotSent {
    /// The SMTP server did not answer: the other messages would fail the same way.
    Unreachable(Error),
    /// This message failed (refused by the server, its receipt missing...).
    Failed(Error),
}

impl NotSent {
    fn error(&self) -> &Error {
        match self {
            NotSent::Unreachable(e) | NotSent::Failed(e) => e,
        }
    }
}
