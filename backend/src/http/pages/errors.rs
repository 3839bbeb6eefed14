//! From domain errors to what a form shows: which field, which sentence.

use sijill_frontend::i18n::FormError;

use crate::error::Error;
use crate::i18n::Msg;

/// The form field a domain error belongs to ("" = the whole form) and its message.
pub fn form_error(err: &Error) -> (&'static str, FormError) {
    let msg = match err {
        Error::BadRequest(m) | Error::Conflict(m) | Error::TooLarge(m) | Error::UnsupportedMedia(m) | Error::Unprocessable(m) => m,
        Error::Forbidden(m) => m,
        Error::TooManyRequests { retry_after_secs } => return ("", FormError::TooManyAttempts { minutes: retry_after_secs.div_ceil(60) }),
        _ => return ("", FormError::Unavailable),
    };
    match msg {
        Msg::MissingField("display_name") => ("name", FormError::Required),
        Msg::MissingField(field) => (field, FormError::Required),
        Msg::FieldTooLong("display_name", max) => ("name", FormError::TooLong { max: *max }),
        Msg::FieldTooLong(field, max) => (field, FormError::TooLong { max: *max }),
        Msg::InvalidEmail => ("email", FormError::EmailInvalid),
        Msg::WeakPassword => ("password", FormError::PasswordTooShort { min: crate::domain::auth::MIN_PASSWORD_LEN }),
        Msg::EmailTaken => ("email", FormError::EmailTaken),
        Msg::BadCredentials => ("email", FormError::BadCredentials),
        Msg::EmailNotVerified | Msg::VerifyBeforeToken => ("", FormError::EmailNotVerified),
        Msg::GuessablePassword => ("password", FormError::PasswordGuessable),
        Msg::OwnClearance => ("", FormError::OwnClearance),
        Msg::CrossOrigin => ("", FormError::FormExpired),
        Msg::Csrf => ("", FormError::FormExpired),
        Msg::UnknownAdministration(_) => ("administration", FormError::UnknownAdministration),
        Msg::UnknownService(_) => ("administration", FormError::UnknownService),
        Msg::NoDocuments => ("documents", FormError::NoDocuments),
        Msg::TooManyDocuments(max) => ("documents", FormError::TooManyDocuments { max: *max }),
        Msg::DocumentTooLarge(name, max) => {
            ("documents", FormError::FileTooLarge { name: name.clone(), max_bytes: *max as u64 })
        }
        Msg::TotalTooLarge(max) => ("documents", FormError::TotalTooLarge { max_bytes: *max as u64 }),
        Msg::UnsupportedType(name) => ("documents", FormError::BadFileType { name: name.clone() }),
        Msg::CorruptDocument(name) => ("documents", FormError::DamagedFile { name: name.clone() }),
        Msg::NotAPdf => ("file", FormError::NotPdf),
        Msg::HiddenCharacters(field) => (field, FormError::HiddenCharacters),
        Msg::PdfLimit { document: Some(name), .. } => ("documents", FormError::PdfTooComplex { name: Some(name.clone()) }),
        Msg::PdfLimit { document: None, .. } => ("file", FormError::PdfTooComplex { name: None }),
        _ => ("", FormError::Unavailable),
    }
}
