//! The signing library's integration tests, in one binary (one link instead of one per
//! file). `pkcs11_softhsm` stays a binary of its own: it sets `SOFTHSM2_CONF` for its process.

mod common;

mod cli;
mod csc_remote;
mod hostile;
mod pades_levels;
mod revocation_online;
mod signing_options;
mod text_compose;
mod tsa_devpki;
