//! Database migrations (append-only).
