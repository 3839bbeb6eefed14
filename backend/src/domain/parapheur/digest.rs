//! Daily digest (being written).
