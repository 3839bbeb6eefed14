//! Languages and the messages the server itself produces (errors, e-mails).
//! French is the default; Arabic (right-to-left), Amazigh in Tifinagh (`zgh`) and English.

/// The one language type of the whole application, shared with the pages.
pub use sijill_frontend::i18n::Lang;

/// What went wrong, independent of language; `http::error` renders it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    MissingField(&'static str),
    FieldTooLong(&'static str, usize),
    UnknownAdministration(String),
    UnknownService(String),
    NoDocuments,
    TooManyDocuments(usize),
    DocumentTooLarge(String, usize),
    TotalTooLarge(usize),
    UnsupportedType(String),
    CorruptDocument(String),
    InvalidEmail,
    WeakPassword,
    EmailTaken,
    BadCredentials,
    EmailNotVerified,
    InvalidToken,
    Csrf,
    NotFound,
    Unauthenticated,
    Forbidden,
    SealUnavailable,
    VerifierUnavailable,
    NotAPdf,
    BadIdempotencyKey,
    /// A field holds a value outside its allowed set or format (a date, a level, a unit…).
    InvalidValue(&'static str),
    /// The step was already taken (e.g. an assignment accepted twice).
    AlreadyDone,
    /// Registering or reading confidential mail needs a clearance of that level.
    ClearanceRequired,
    /// A PDF passes a limit set for untrusted files (`limit`: `decoded_bytes`, `time_ms`…).
    PdfLimit { document: Option<String>, limit: &'static str },
    /// Verifications or page images are all busy; try again in a moment.
    Busy,
    /// An e-parapheur message (see `domain::parapheur::msg`).
    Parapheur(crate::domain::parapheur::msg::PMsg),
    Internal,
}

impl Msg {
    /// Stable machine-readable code for the `error` field.
    pub fn code(&self) -> &'static str {
        match self {
            Msg::MissingField(_) => "missing_field",
            Msg::FieldTooLong(..) => "field_too_long",
            Msg::UnknownAdministration(_) => "unknown_administration",
            Msg::UnknownService(_) => "unknown_service",
            Msg::NoDocuments => "no_documents",
            Msg::TooManyDocuments(_) => "too_many_documents",
            Msg::DocumentTooLarge(..) => "document_too_large",
            Msg::TotalTooLarge(_) => "total_too_large",
            Msg::UnsupportedType(_) => "unsupported_type",
            Msg::CorruptDocument(_) => "corrupt_document",
            Msg::InvalidEmail => "invalid_email",
            Msg::WeakPassword => "weak_password",
            Msg::EmailTaken => "email_taken",
            Msg::BadCredentials => "bad_credentials",
            Msg::EmailNotVerified => "email_not_verified",
            Msg::InvalidToken => "invalid_token",
            Msg::Csrf => "csrf",
            Msg::NotFound => "not_found",
            Msg::Unauthenticated => "unauthenticated",
            Msg::Forbidden => "forbidden",
            Msg::SealUnavailable => "seal_unavailable",
            Msg::VerifierUnavailable => "verifier_unavailable",
            Msg::NotAPdf => "not_a_pdf",
            Msg::BadIdempotencyKey => "bad_idempotency_key",
            Msg::InvalidValue(_) => "invalid_value",
            Msg::AlreadyDone => "already_done",
            Msg::ClearanceRequired => "clearance_required",
            Msg::PdfLimit { .. } => "pdf_limit_exceeded",
            Msg::Busy => "busy",
            Msg::Parapheur(m) => m.code(),
            Msg::Internal => "internal",
        }
    }

    /// The sentence shown to the user.
    pub fn text(&self, lang: Lang) -> String {
        use Lang::*;
        use Msg::*;
        let mb = |b: &usize| (*b as f64 / 1_048_576.0 * 10.0).round() / 10.0;
        match (self, lang) {
            (Parapheur(m), l) => m.text(l),
            (MissingField(f), Fr) => format!("Le champ « {f} » est obligatoire."),
            (MissingField(f), Ar) => format!("الحقل «{f}» إلزامي."),
            (MissingField(f), Zgh) => format!("ⴰⵏⵙⴰ «{f}» ⵉⵍⴰⵇ."),
            (MissingField(f), En) => format!("The field “{f}” is required."),
            (FieldTooLong(f, n), Fr) => format!("Le champ « {f} » dépasse {n} caractères."),
            (FieldTooLong(f, n), Ar) => format!("الحقل «{f}» يتجاوز {n} حرفًا."),
            (FieldTooLong(f, n), Zgh) => format!("ⴰⵏⵙⴰ «{f}» ⵢⵓⴳⴳⵓⵔ {n} ⵏ ⵉⵙⴽⴽⵉⵍⵏ."),
            (FieldTooLong(f, n), En) => format!("The field “{f}” is longer than {n} characters."),
            (UnknownAdministration(c), Fr) => format!("Administration inconnue : {c}."),
            (UnknownAdministration(c), Ar) => format!("إدارة غير معروفة: {c}."),
            (UnknownAdministration(c), Zgh) => format!("ⵜⴰⵏⴱⴰⴹⵜ ⵓⵔ ⵉⵜⵜⵡⴰⵙⵙⵏⵏ: {c}."),
            (UnknownAdministration(c), En) => format!("Unknown administration: {c}."),
            (UnknownService(c), Fr) => format!("Service inconnu pour cette administration : {c}."),
            (UnknownService(c), Ar) => format!("خدمة غير معروفة لدى هذه الإدارة: {c}."),
            (UnknownService(c), Zgh) => format!("ⵜⴰⵏⴰⴼⵓⵜ ⵓⵔ ⵉⵜⵜⵡⴰⵙⵙⵏⵏ: {c}."),
            (UnknownService(c), En) => format!("Unknown service for this administration: {c}."),
            (NoDocuments, Fr) => "Joignez au moins un document (PDF, JPEG ou PNG).".into(),
            (NoDocuments, Ar) => "أرفق وثيقة واحدة على الأقل (PDF أو JPEG أو PNG).".into(),
            (NoDocuments, Zgh) => "ⵔⵏⵓ ⵢⴰⵏ ⵓⵙⴽⴽⵉⵏ ⵓⵍⴰ ⵉⴷⵊ (PDF, JPEG ⵏⵉⵖ PNG).".into(),
            (NoDocuments, En) => "Attach at least one document (PDF, JPEG or PNG).".into(),
            (TooManyDocuments(n), Fr) => format!("Trop de documents : {n} au maximum."),
            (TooManyDocuments(n), Ar) => format!("عدد الوثائق كبير جدًا: {n} كحد أقصى."),
            (TooManyDocuments(n), Zgh) => format!("ⴰⵟⵟⴰⵚ ⵏ ⵉⵙⴽⴽⵉⵏⵏ: {n} ⵎⴰⵙ ⵓⴳⴳⴰⵔ."),
            (TooManyDocuments(n), En) => format!("Too many documents: at most {n}."),
            (DocumentTooLarge(name, b), Fr) => format!("Le document « {name} » dépasse {} Mo.", mb(b)),
            (DocumentTooLarge(name, b), Ar) => format!("الوثيقة «{name}» تتجاوز {} ميغابايت.", mb(b)),
            (DocumentTooLarge(name, b), Zgh) => format!("ⴰⵙⴽⴽⵉⵏ «{name}» ⵢⵓⴳⴳⵓⵔ {} MB.", mb(b)),
            (DocumentTooLarge(name, b), En) => format!("The document “{name}” is larger than {} MB.", mb(b)),
            (TotalTooLarge(b), Fr) => format!("L'ensemble des documents dépasse {} Mo.", mb(b)),
            (TotalTooLarge(b), Ar) => format!("مجموع الوثائق يتجاوز {} ميغابايت.", mb(b)),
            (TotalTooLarge(b), Zgh) => format!("ⵉⵙⴽⴽⵉⵏⵏ ⴰⴽⴽ ⵓⴳⴳⵓⵔⵏ {} MB.", mb(b)),
            (TotalTooLarge(b), En) => format!("The documents together are larger than {} MB.", mb(b)),
            (UnsupportedType(n), Fr) => format!("« {n} » n'est ni un PDF, ni un JPEG, ni un PNG."),
            (UnsupportedType(n), Ar) => format!("«{n}» ليس ملف PDF أو JPEG أو PNG."),
            (UnsupportedType(n), Zgh) => format!("«{n}» ⵓⵔ ⵉⴳⵉ PDF, JPEG ⵏⵉⵖ PNG."),
            (UnsupportedType(n), En) => format!("“{n}” is not a PDF, JPEG or PNG file."),
            (CorruptDocument(n), Fr) => format!("Le document « {n} » est illisible ou endommagé."),
            (CorruptDocument(n), Ar) => format!("الوثيقة «{n}» غير مقروءة أو تالفة."),
            (CorruptDocument(n), Zgh) => format!("ⴰⵙⴽⴽⵉⵏ «{n}» ⵓⵔ ⵉⵜⵜⵓⵖⵔⴰ."),
            (CorruptDocument(n), En) => format!("The document “{n}” is unreadable or damaged."),
            (InvalidEmail, Fr) => "Adresse e-mail invalide.".into(),
            (InvalidEmail, Ar) => "عنوان البريد الإلكتروني غير صالح.".into(),
            (InvalidEmail, Zgh) => "ⵜⴰⵏⵙⴰ ⵏ ⵉⵎⴰⵢⵍ ⵓⵔ ⵜⵖⵓⴷⴰ.".into(),
            (InvalidEmail, En) => "Invalid e-mail address.".into(),
            (WeakPassword, Fr) => "Le mot de passe doit compter au moins 10 caractères.".into(),
            (WeakPassword, Ar) => "يجب أن تتكون كلمة المرور من 10 أحرف على الأقل.".into(),
            (WeakPassword, Zgh) => "ⴰⵡⴰⵍ ⵏ ⵓⵣⵔⴰⵢ ⵉⵇⵇⴰⵏ 10 ⵏ ⵉⵙⴽⴽⵉⵍⵏ ⵓⵍⴰ ⵉⴷⵊ.".into(),
            (WeakPassword, En) => "The password must have at least 10 characters.".into(),
            (EmailTaken, Fr) => "Un compte existe déjà pour cette adresse.".into(),
            (EmailTaken, Ar) => "يوجد حساب بهذا العنوان مسبقًا.".into(),
            (EmailTaken, Zgh) => "ⵍⵍⴰⵏ ⵢⴰⵏ ⵓⵎⵉⴹⴰⵏ ⵙ ⵜⴰⵏⵙⴰ ⴰⴷ.".into(),
            (EmailTaken, En) => "An account already exists for this address.".into(),
            (BadCredentials, Fr) => "E-mail ou mot de passe incorrect.".into(),
            (BadCredentials, Ar) => "البريد الإلكتروني أو كلمة المرور غير صحيحة.".into(),
            (BadCredentials, Zgh) => "ⵉⵎⴰⵢⵍ ⵏⵉⵖ ⴰⵡⴰⵍ ⵏ ⵓⵣⵔⴰⵢ ⵓⵔ ⵉⵚⵃⵉⵃ.".into(),
            (BadCredentials, En) => "Wrong e-mail or password.".into(),
            (EmailNotVerified, Fr) => "Confirmez d'abord votre adresse e-mail (lien reçu par e-mail).".into(),
            (EmailNotVerified, Ar) => "يرجى أولًا تأكيد بريدك الإلكتروني (الرابط المرسل إليك).".into(),
            (EmailNotVerified, Zgh) => "ⵙⵙⵏⵜⵎ ⵜⴰⵏⵙⴰ ⵏⵏⴽ ⵏ ⵉⵎⴰⵢⵍ ⵣⵡⴰⵔ.".into(),
            (EmailNotVerified, En) => "Please confirm your e-mail address first (link sent by e-mail).".into(),
            (InvalidToken, Fr) => "Lien invalide ou expiré.".into(),
            (InvalidToken, Ar) => "رابط غير صالح أو منتهي الصلاحية.".into(),
            (InvalidToken, Zgh) => "ⴰⵙⵖⵏ ⵓⵔ ⵉⵖⵓⴷⴰ ⵏⵉⵖ ⵉⵎⵎⵓⵜ.".into(),
            (InvalidToken, En) => "Invalid or expired link.".into(),
            (Csrf, Fr) => "Le formulaire a expiré ; rechargez la page et réessayez.".into(),
            (Csrf, Ar) => "انتهت صلاحية الاستمارة؛ أعد تحميل الصفحة وحاول مجددًا.".into(),
            (Csrf, Zgh) => "ⵜⵎⵎⵓⵜ ⵜⵉⵙⵙⵉ; ⴰⵍⵙ ⴰⵙⵍⵖⵏ ⵜⴰⵍⵙⵜ ⵜⴰⵔⵎⵜ.".into(),
            (Csrf, En) => "The form has expired; reload the page and try again.".into(),
            (NotFound, Fr) => "Introuvable.".into(),
            (NotFound, Ar) => "غير موجود.".into(),
            (NotFound, Zgh) => "ⵓⵔ ⵉⵜⵜⵓⴼⴰ.".into(),
            (NotFound, En) => "Not found.".into(),
            (Unauthenticated, Fr) => "Connectez-vous pour continuer.".into(),
            (Unauthenticated, Ar) => "يرجى تسجيل الدخول للمتابعة.".into(),
            (Unauthenticated, Zgh) => "ⴽⵛⵎ ⴰⴼⴰⴷ ⴰⴷ ⵜⴽⵎⵎⵍⴷ.".into(),
            (Unauthenticated, En) => "Sign in to continue.".into(),
            (Forbidden, Fr) => "Vous n'avez pas le droit de faire cela.".into(),
            (Forbidden, Ar) => "ليست لديك صلاحية القيام بذلك.".into(),
            (Forbidden, Zgh) => "ⵓⵔ ⵖⵓⵔⴽ ⴰⵣⵔⴼ ⴰⴷ ⵜⴳⴷ ⴰⵢⴰ.".into(),
            (Forbidden, En) => "You are not allowed to do this.".into(),
            (SealUnavailable, Fr) => "Le cachet électronique n'est pas disponible ; le récépissé sera produit plus tard.".into(),
            (SealUnavailable, Ar) => "الختم الإلكتروني غير متاح؛ سيصدر وصل الاستلام لاحقًا.".into(),
            (SealUnavailable, Zgh) => "ⵜⴰⵙⴼⵔⴰⵜ ⵜⴰⵍⵉⴽⵜⵔⵓⵏⵉⵜ ⵓⵔ ⵜⵍⵍⵉ; ⴰⵙⵖⵏ ⴰⴷ ⵢⴰⵙ ⴷⴼⴼⵉⵔ.".into(),
            (SealUnavailable, En) => "The electronic seal is not available; the receipt will be produced later.".into(),
            (VerifierUnavailable, Fr) => "La vérification des signatures n'est pas encore disponible.".into(),
            (VerifierUnavailable, Ar) => "التحقق من التوقيعات غير متاح بعد.".into(),
            (VerifierUnavailable, Zgh) => "ⴰⵙⵏⵇⴷ ⵏ ⵜⵙⵏⵖⴰⵍ ⵓⵔ ⵉⵍⵍⵉ ⵖⵉⵍⴰⴷ.".into(),
            (VerifierUnavailable, En) => "Signature verification is not available yet.".into(),
            (NotAPdf, Fr) => "Le fichier n'est pas un PDF lisible.".into(),
            (NotAPdf, Ar) => "الملف ليس PDF مقروءًا.".into(),
            (NotAPdf, Zgh) => "ⴰⴼⴰⵢⵍⵓ ⵓⵔ ⵉⴳⵉ PDF ⵉⵜⵜⵓⵖⵔⴰⵏ.".into(),
            (NotAPdf, En) => "The file is not a readable PDF.".into(),
            (BadIdempotencyKey, Fr) => "En-tête Idempotency-Key invalide (1 à 200 caractères visibles).".into(),
            (BadIdempotencyKey, Ar) => "ترويسة Idempotency-Key غير صالحة (من 1 إلى 200 حرف مرئي).".into(),
            (BadIdempotencyKey, Zgh) => "Idempotency-Key ⵓⵔ ⵉⵖⵓⴷⴰ (1 ⵅⴼ 200 ⵏ ⵉⵙⴽⴽⵉⵍⵏ).".into(),
            (BadIdempotencyKey, En) => "Invalid Idempotency-Key header (1 to 200 visible characters).".into(),
            (InvalidValue(f), Fr) => format!("La valeur du champ « {f} » n'est pas acceptée."),
            (InvalidValue(f), Ar) => format!("قيمة الحقل «{f}» غير مقبولة."),
            (InvalidValue(f), Zgh) => format!("ⴰⵣⴰⵍ ⵏ ⵓⵏⵙⴰ «{f}» ⵓⵔ ⵉⵜⵜⵓⵇⴱⴰⵍ."),
            (InvalidValue(f), En) => format!("The value of the field “{f}” is not accepted."),
            (AlreadyDone, Fr) => "Cette étape a déjà été faite ; rechargez la page.".into(),
            (AlreadyDone, Ar) => "تم إنجاز هذه الخطوة من قبل؛ أعد تحميل الصفحة.".into(),
            (AlreadyDone, Zgh) => "ⵜⴰⵙⵓⵔⵉⴼⵜ ⴰ ⵜⵜⵓⵙⴽⴰⵔ ⵢⴰⴷⵏ; ⵙⵙⵉⵍⵉ ⵜⴰⵙⵏⴰ.".into(),
            (AlreadyDone, En) => "This step was already taken; reload the page.".into(),
            (ClearanceRequired, Fr) => "Ce niveau de confidentialité demande une habilitation que vous n'avez pas.".into(),
            (ClearanceRequired, Ar) => "يتطلب مستوى السرية هذا ترخيصًا لا تملكه.".into(),
            (ClearanceRequired, Zgh) => "ⴰⴼⵔⴷⵉⵙ ⴰⴷ ⵏ ⵜⵓⴼⴼⵔⵜ ⵉⵇⵇⴰⵏ ⴰⵣⵔⴼ ⵓⵔ ⵖⵓⵔⴽ ⵉⵍⵍⵉⵏ.".into(),
            (ClearanceRequired, En) => "This confidentiality level needs a clearance you do not hold.".into(),
            (PdfLimit { document: None, limit }, Fr) => format!("Ce PDF dépasse une limite de traitement du serveur (limite : {limit}) ; il n'a pas été traité. Enregistrez-le à nouveau depuis son logiciel d'origine."),
            (PdfLimit { document: None, limit }, Ar) => format!("يتجاوز ملف PDF هذا حدًا من حدود المعالجة في الخادم (الحد: {limit})؛ لم تتم معالجته. احفظه من جديد من برنامجه الأصلي."),
            (PdfLimit { document: None, limit }, Zgh) => format!("PDF ⴰ ⵢⵓⴳⴳⵓⵔ ⵢⴰⵏ ⵓⵜⵜⴰⵢ ⵏ ⵓⵙⵎⵓⵙⵙⵓ (ⴰⵜⵜⴰⵢ: {limit}); ⵓⵔ ⵉⵜⵜⵓⵙⵎⵓⵙⵙⵓ. ⵙⵎⵓⵜⵜⴳ ⵜ ⴷⴰⵖ ⵙⴳ ⵓⵖⴰⵡⴰⵙ ⵏⵏⵙ."),
            (PdfLimit { document: None, limit }, En) => format!("This PDF exceeds one of the server's processing limits (limit: {limit}); it was not processed. Save it again from the software that made it."),
            (PdfLimit { document: Some(n), limit }, Fr) => format!("Le document « {n} » dépasse une limite de traitement du serveur (limite : {limit}) ; rien n'a été enregistré. Enregistrez-le à nouveau depuis son logiciel d'origine."),
            (PdfLimit { document: Some(n), limit }, Ar) => format!("الوثيقة «{n}» تتجاوز حدًا من حدود المعالجة في الخادم (الحد: {limit})؛ لم يُسجَّل أي شيء. احفظها من جديد من برنامجها الأصلي."),
            (PdfLimit { document: Some(n), limit }, Zgh) => format!("ⴰⵙⴽⴽⵉⵏ «{n}» ⵢⵓⴳⴳⵓⵔ ⵢⴰⵏ ⵓⵜⵜⴰⵢ ⵏ ⵓⵙⵎⵓⵙⵙⵓ (ⴰⵜⵜⴰⵢ: {limit}); ⵓⵔ ⵉⵜⵜⵓⵣⵎⵎⴻⵎ ⵡⴰⵍⵓ."),
            (PdfLimit { document: Some(n), limit }, En) => format!("The document “{n}” exceeds one of the server's processing limits (limit: {limit}); nothing was stored. Save it again from the software that made it."),
            (Busy, Fr) => "Le service est très sollicité ; réessayez dans quelques secondes.".into(),
            (Busy, Ar) => "الخدمة مشغولة جدًا؛ أعد المحاولة بعد بضع ثوانٍ.".into(),
            (Busy, Zgh) => "ⵜⴰⵏⴰⴼⵓⵜ ⵜⵜⵡⴰⵟⵟⴼ ⴱⵣⵣⴰⴼ; ⴰⵍⵙ ⴷⴼⴼⵉⵔ ⴽⵔⴰ ⵏ ⵜⵙⵉⵏⵜⵉⵜⵉⵏ.".into(),
            (Busy, En) => "The service is very busy; try again in a few seconds.".into(),
            (Internal, Fr) => "Erreur interne ; réessayez plus tard.".into(),
            (Internal, Ar) => "خطأ داخلي؛ حاول لاحقًا.".into(),
            (Internal, Zgh) => "ⵜⴰⵣⴳⵍⵜ ⵜⴰⴳⵯⵏⵙⴰⵏⵜ; ⴰⵍⵙ ⴷⴼⴼⵉⵔ.".into(),
            (Internal, En) => "Internal error; try again later.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_wins_then_quality() {
        assert_eq!(Lang::negotiate(Some("ar"), Some("en")), Lang::Ar);
        assert_eq!(Lang::negotiate(None, Some("de, en;q=0.5, zgh;q=0.9")), Lang::Zgh);
        assert_eq!(Lang::negotiate(None, Some("de")), Lang::Fr);
        assert_eq!(Lang::negotiate(Some("xx"), None), Lang::Fr);
    }
}
