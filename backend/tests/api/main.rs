//! The backend's integration tests, in one binary (one link instead of one per file).
//! The two PKCS#11 test files stay binaries of their own: each sets `SOFTHSM2_CONF` for
//! its process.

mod common;
mod parapheur_support;

mod access;
mod accounts;
mod audit;
mod basics;
mod edge;
mod filings;
mod intake;
mod limits;
mod numbering;
mod numbering_processes;
mod outbox;
mod parapheur;
mod parapheur_answer;
mod parapheur_csc;
mod parapheur_digest;
mod parapheur_folder_pages;
mod parapheur_more;
mod parapheur_office;
mod parapheur_pages;
mod pdf_budgets;
mod receipts;
mod routing;
mod search;
