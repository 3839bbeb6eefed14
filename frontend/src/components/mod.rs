//! Pieces shared by the pages: the document shell and form controls.

pub mod form;
pub mod shell;
pub mod table;

pub use form::{csrf_field, error_summary, text_field, textarea, FieldSpec, TextArea};
pub use shell::document;
pub use table::data_table;
