//! Batch signing in the background (being written).
