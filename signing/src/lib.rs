//! PAdES signing and verification.
