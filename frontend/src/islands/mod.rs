//! Islands: the only parts of a page that the wasm bundle wakes up. Each renders complete,
//! working HTML on the server; in the browser it adds a convenience on top.

pub mod batch_progress;
mod catalogue_search;
mod correspondent_search;
pub mod sig_placement;
mod upload_preview;

pub use batch_progress::BatchProgress;
pub use catalogue_search::CatalogueSearch;
pub use correspondent_search::CorrespondentSearch;
pub use sig_placement::SigPlacement;
pub use upload_preview::UploadPreview;
