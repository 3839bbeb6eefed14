//! Pieces shared by the pages: the document shell and form controls.

pub mod form;
pub mod shell;

pub use form::{csrf_field, error_summary, text_field, FieldSpec};
pub use shell::document;
