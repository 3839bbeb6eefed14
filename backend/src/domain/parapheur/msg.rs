//! The parapheur's own user-facing messages, in the four languages, rendered through
//! `i18n::Msg::Parapheur` so that `http::error` maps them like every other message.

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PMsg {
    /// An office document while no converter (`parapheur.libreoffice`) is configured.
    OfficeNeedsConverter(String),
    /// A folder needs at least one main document (PDF).
    NoMainDocument,
    /// Rejecting needs a reason.
    ReasonRequired,
    /// The folder is not in a state that allows this (e.g. starting a completed folder).
    WrongFolderState(String),
    /// The user has no step to act on in this folder now.
    NotYourTurn,
    /// The action does not fit the step (approve on a signature step, sign on a visa…).
    WrongStepKind,
    /// A circuit needs steps, each with one assignee.
    BadCircuit(String),
    /// No active signing key for this user.
    NoSigningKey,
    /// The PIN does not open the key.
    WrongPin,
    /// The key file is not a PKCS#12 with a key and its certificate.
    BadKeystore,
    /// Signing failed (timestamp or revocation service, token…).
    SigningFailed(String),
    /// Someone acted on the folder at the same time; reload and retry.
    ConcurrentChange,
    /// The delegation has already ended or was revoked.
    DelegationOver,
    /// A PKCS#11 module or CSC service the administrators have not allowed
    /// (`parapheur.pkcs11_modules`, `parapheur.csc_services`).
    KeySourceNotAllowed(String),
    /// The key's certificate does not chain to the administration's trust anchors.
    KeyNotTrusted,
    /// A key registered as a test key tried to sign an answer.
    TestKeyForAnswer,
    /// The signatory is not an official of the answering unit (or of a unit above it).
    NotEntitledToSign,
    /// An answer to a register entry completes only after a signature step.
    AnswerNeedsSignature,
    /// A folder's unit must be one of its creator's.
    NotYourUnit,
    /// A batch names more folders than allowed (`batch::MAX_BATCH`).
    TooManyFolders(usize),
    /// The remote signing service failed or could not be reached (details only in the logs).
    SigningServiceUnavailable,
}

impl PMsg {
    pub fn code(&self) -> &'static str {
        match self {
            PMsg::OfficeNeedsConverter(_) => "office_needs_converter",
            PMsg::NoMainDocument => "no_main_document",
            PMsg::ReasonRequired => "reason_required",
            PMsg::WrongFolderState(_) => "wrong_folder_state",
            PMsg::NotYourTurn => "not_your_turn",
            PMsg::WrongStepKind => "wrong_step_kind",
            PMsg::BadCircuit(_) => "bad_circuit",
            PMsg::NoSigningKey => "no_signing_key",
            PMsg::WrongPin => "wrong_pin",
            PMsg::BadKeystore => "bad_keystore",
            PMsg::SigningFailed(_) => "signing_failed",
            PMsg::ConcurrentChange => "concurrent_change",
            PMsg::DelegationOver => "delegation_over",
            PMsg::KeySourceNotAllowed(_) => "key_source_not_allowed",
            PMsg::KeyNotTrusted => "key_not_trusted",
            PMsg::TestKeyForAnswer => "test_key_for_answer",
            PMsg::NotEntitledToSign => "not_entitled_to_sign",
            PMsg::AnswerNeedsSignature => "answer_needs_signature",
            PMsg::NotYourUnit => "not_your_unit",
            PMsg::SigningServiceUnavailable => "signing_service_unavailable",
            PMsg::TooManyFolders(_) => "too_many_folders",
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        use Lang::*;
        use PMsg::*;
        match (self, lang) {
            (OfficeNeedsConverter(n), Fr) => format!("« {n} » est un document bureautique : aucun convertisseur n'est configuré, joignez-le en PDF."),
            (OfficeNeedsConverter(n), Ar) => format!("«{n}» مستند مكتبي ولا يوجد محوّل مُعدّ: أرفقه بصيغة PDF."),
            (OfficeNeedsConverter(n), Zgh) => format!("«{n}» ⴷ ⴰⵙⴽⴽⵉⵏ ⵏ ⵓⵎⴽⵜⴰⴱ: ⵔⵏⵓ ⵜ ⵙ PDF."),
            (OfficeNeedsConverter(n), En) => format!("“{n}” is an office document and no converter is configured: attach it as a PDF."),
            (NoMainDocument, Fr) => "Le parapheur doit contenir au moins un document principal en PDF.".into(),
            (NoMainDocument, Ar) => "يجب أن يتضمن الملف وثيقة رئيسية واحدة على الأقل بصيغة PDF.".into(),
            (NoMainDocument, Zgh) => "ⵉⵍⴰⵇ ⵢⴰⵏ ⵓⵙⴽⴽⵉⵏ ⴰⵎⵇⵔⴰⵏ ⵙ PDF.".into(),
            (NoMainDocument, En) => "The folder needs at least one main document (PDF).".into(),
            (ReasonRequired, Fr) => "Indiquez le motif du rejet.".into(),
            (ReasonRequired, Ar) => "يرجى ذكر سبب الرفض.".into(),
            (ReasonRequired, Zgh) => "ⵎⵍ ⴰⵙⵔⴰⴳ ⵏ ⵓⴳⴳⵉ.".into(),
            (ReasonRequired, En) => "Give the reason for rejecting.".into(),
            (WrongFolderState(s), Fr) => format!("Action impossible : le parapheur est « {s} »."),
            (WrongFolderState(s), Ar) => format!("إجراء غير ممكن: حالة الملف «{s}»."),
            (WrongFolderState(s), Zgh) => format!("ⵓⵔ ⵉⵜⵜⵓⵙⵎⴰⵔ: ⴰⴷⴷⴰⴷ «{s}»."),
            (WrongFolderState(s), En) => format!("Not possible: the folder is “{s}”."),
            (NotYourTurn, Fr) => "Aucune étape de ce parapheur ne vous attend.".into(),
            (NotYourTurn, Ar) => "لا توجد مرحلة في هذا الملف بانتظارك.".into(),
            (NotYourTurn, Zgh) => "ⵓⵍⴰ ⵢⴰⵜ ⵜⴰⵙⵓⵔⵉⴼⵜ ⵓⵔ ⴽ ⵜⵜⵔⴰⵊⵓ.".into(),
            (NotYourTurn, En) => "No step of this folder is waiting for you.".into(),
            (WrongStepKind, Fr) => "Cette action ne correspond pas à l'étape (visa ou signature).".into(),
            (WrongStepKind, Ar) => "هذا الإجراء لا يوافق المرحلة (تأشيرة أو توقيع).".into(),
            (WrongStepKind, Zgh) => "ⵜⴰⴳⵉⵜ ⴰⴷ ⵓⵔ ⵜⵎⵙⴰⵙⴰ ⴷ ⵜⴰⵙⵓⵔⵉⴼⵜ.".into(),
            (WrongStepKind, En) => "This action does not match the step (visa or signature).".into(),
            (BadCircuit(w), Fr) => format!("Circuit invalide : {w}."),
            (BadCircuit(w), Ar) => format!("مسار غير صالح: {w}."),
            (BadCircuit(w), Zgh) => format!("ⴰⴱⵔⵉⴷ ⵓⵔ ⵉⵖⵓⴷⴰⵏ: {w}."),
            (BadCircuit(w), En) => format!("Invalid circuit: {w}."),
            (NoSigningKey, Fr) => "Aucune clé de signature active : déposez votre certificat (PKCS#12) ou configurez votre jeton.".into(),
            (NoSigningKey, Ar) => "لا يوجد مفتاح توقيع نشط: أودع شهادتك (PKCS#12) أو اضبط رمزك.".into(),
            (NoSigningKey, Zgh) => "ⵓⵍⴰ ⵜⴰⵙⴰⵔⵓⵜ ⵏ ⵓⵣⵎⴰⵎ.".into(),
            (NoSigningKey, En) => "No active signing key: upload your certificate (PKCS#12) or set up your token.".into(),
            (WrongPin, Fr) => "Code PIN incorrect.".into(),
            (WrongPin, Ar) => "الرمز السري غير صحيح.".into(),
            (WrongPin, Zgh) => "ⵓⵟⵟⵓⵏ PIN ⵓⵔ ⵉⵖⵓⴷⴰⵏ.".into(),
            (WrongPin, En) => "Wrong PIN.".into(),
            (BadKeystore, Fr) => "Ce fichier n'est pas un magasin PKCS#12 contenant une clé et son certificat.".into(),
            (BadKeystore, Ar) => "هذا الملف ليس مخزن PKCS#12 يحتوي على مفتاح وشهادته.".into(),
            (BadKeystore, Zgh) => "ⴰⴼⴰⵢⵍⵓ ⴰⴷ ⵓⵔ ⵉⴳⵉ PKCS#12.".into(),
            (BadKeystore, En) => "This file is not a PKCS#12 keystore holding a key and its certificate.".into(),
            (SigningFailed(w), Fr) => format!("La signature a échoué : {w}."),
            (SigningFailed(w), Ar) => format!("فشل التوقيع: {w}."),
            (SigningFailed(w), Zgh) => format!("ⵉⵅⵚⴰ ⵓⵣⵎⴰⵎ: {w}."),
            (SigningFailed(w), En) => format!("Signing failed: {w}."),
            (ConcurrentChange, Fr) => "Le parapheur a changé entre-temps ; rechargez et réessayez.".into(),
            (ConcurrentChange, Ar) => "تغيّر الملف في الأثناء؛ أعد التحميل وحاول مجددًا.".into(),
            (ConcurrentChange, Zgh) => "ⵉⵙⵏⴼⵍ ⵓⵙⴷⴰⵡ; ⴰⵍⵙ.".into(),
            (ConcurrentChange, En) => "The folder changed meanwhile; reload and try again.".into(),
            (KeySourceNotAllowed(w), Fr) => format!("« {w} » ne fait pas partie des modules et services de signature autorisés par l'administration."),
            (KeySourceNotAllowed(w), Ar) => format!("«{w}» ليس ضمن وحدات وخدمات التوقيع المرخص بها من طرف الإدارة."),
            (KeySourceNotAllowed(w), Zgh) => format!("«{w}» ⵓⵔ ⵉⵍⵍⵉ ⴳ ⵉⵎⴰⵙⵙⵏ ⵏ ⵓⵣⵎⴰⵎ ⵉⵜⵜⵓⵙⵓⵔⴼⵏ."),
            (KeySourceNotAllowed(w), En) => format!("“{w}” is not one of the signing modules and services the administration allows."),
            (DelegationOver, Fr) => "Cette délégation est déjà terminée ou révoquée.".into(),
            (DelegationOver, Ar) => "هذا التفويض منتهٍ أو ملغى بالفعل.".into(),
            (DelegationOver, Zgh) => "ⵜⴰⵡⴽⴽⵍⵜ ⴰⴷ ⵜⴻⴽⵎⵎⵍ ⵏⵖ ⵜⵜⵓⵙⵙⵔ.".into(),
            (DelegationOver, En) => "This delegation has already ended or been revoked.".into(),
            (KeyNotTrusted, Fr) => "Ce certificat n'est pas délivré par une autorité reconnue par l'administration : enregistrez-le comme clé de test, ou utilisez votre certificat officiel.".into(),
            (KeyNotTrusted, Ar) => "هذه الشهادة غير صادرة عن سلطة تعترف بها الإدارة: سجّلها كمفتاح تجريبي، أو استعمل شهادتك الرسمية.".into(),
            (KeyNotTrusted, Zgh) => "ⴰⵙⵍⴽⵉⵏ ⴰⴷ ⵓⵔ ⵜ ⵉⴼⴽⵉ ⵢⴰⵏ ⵓⵏⴱⴰⴹ ⵉⵜⵜⵓⵙⵙⵏⵏ: ⵙⵙⴽⵛⵎ ⵜ ⵎⴰⵙ ⴷ ⵜⴰⵙⴰⵔⵓⵜ ⵏ ⵓⴰⵔⵎ, ⵏⵖ ⵙⵙⵎⵔⵙ ⴰⵙⵍⴽⵉⵏ ⵏⵏⴽ ⴰⵏⵚⴱⴰⴹ.".into(),
            (KeyNotTrusted, En) => "This certificate is not issued by an authority the administration trusts: register it as a test key, or use your official certificate.".into(),
            (TestKeyForAnswer, Fr) => "Une clé de test ne peut pas signer une réponse de l'administration.".into(),
            (TestKeyForAnswer, Ar) => "لا يمكن لمفتاح تجريبي أن يوقّع جوابا باسم الإدارة.".into(),
            (TestKeyForAnswer, Zgh) => "ⵜⴰⵙⴰⵔⵓⵜ ⵏ ⵓⴰⵔⵎ ⵓⵔ ⵜⵣⵎⵎⴰⵎ ⵜⴰⵔⴰⵔⵓⵜ ⵏ ⵜⵏⴱⴰⴹⵜ.".into(),
            (TestKeyForAnswer, En) => "A test key cannot sign an answer of the administration.".into(),
            (NotEntitledToSign, Fr) => "Seul un responsable de l'entité qui répond (ou d'une entité dont elle relève) peut signer cette réponse.".into(),
            (NotEntitledToSign, Ar) => "لا يوقّع هذا الجواب إلا مسؤول عن الوحدة المجيبة (أو عن وحدة تتبع لها).".into(),
            (NotEntitledToSign, Zgh) => "ⵖⴰⵙ ⴰⵎⵙⵡⵓⵍ ⵏ ⵜⵏⴰⴼⵓⵜ ⵍⵍⵉ ⵉⵜⵜⵔⴰⵔⴰⵏ (ⵏⵖ ⵏ ⵜⵏⴰⴼⵓⵜ ⵏⵏⵉⴳ ⵏⵏⵙ) ⴰⵢ ⵉⵣⵎⵎⴰⵎⵏ ⵜⴰⵔⴰⵔⵓⵜ ⴰⴷ.".into(),
            (NotEntitledToSign, En) => "Only an official of the answering unit (or of a unit above it) may sign this answer.".into(),
            (AnswerNeedsSignature, Fr) => "Une réponse à un courrier enregistré ne part que signée : son circuit doit comporter une étape de signature par un responsable de l'entité qui répond.".into(),
            (AnswerNeedsSignature, Ar) => "لا يصدر جواب عن مراسلة مسجلة إلا موقّعا: يجب أن يتضمن مساره مرحلة توقيع من مسؤول عن الوحدة المجيبة.".into(),
            (AnswerNeedsSignature, Zgh) => "ⵜⴰⵔⴰⵔⵓⵜ ⵖⴼ ⵜⵉⵔⵔⴰ ⵉⵜⵜⵓⵙⵊⵍⵏ ⵓⵔ ⵜⴼⴼⵓⵖ ⴱⵍⴰ ⴰⵣⵎⴰⵎ: ⵉⵍⴰⵇ ⵓⴱⵔⵉⴷ ⵏⵏⵙ ⵢⴰⵜ ⵜⴰⵙⵓⵔⵉⴼⵜ ⵏ ⵓⵣⵎⴰⵎ ⵙⴳ ⵓⵎⵙⵡⵓⵍ ⵏ ⵜⵏⴰⴼⵓⵜ.".into(),
            (AnswerNeedsSignature, En) => "An answer to a registered letter leaves only signed: its circuit needs a signature step by an official of the answering unit.".into(),
            (NotYourUnit, Fr) => "Vous ne pouvez placer un parapheur que sous l'une de vos entités.".into(),
            (NotYourUnit, Ar) => "لا يمكنك وضع الملف إلا تحت إحدى وحداتك.".into(),
            (NotYourUnit, Zgh) => "ⵓⵔ ⵜⵣⵎⵔⴷ ⴰⴷ ⵜⵙⵔⵙⴷ ⴰⵙⴷⴰⵡ ⵖⴰⵙ ⴷⴷⴰⵡ ⵢⴰⵜ ⵙⴳ ⵜⵏⴰⴼⵓⵜⵉⵏ ⵏⵏⴽ.".into(),
            (NotYourUnit, En) => "You can only put a folder under one of your units.".into(),
            (TooManyFolders(n), Fr) => format!("Un lot compte au plus {n} parapheurs."),
            (TooManyFolders(n), Ar) => format!("لا تتجاوز الدفعة {n} ملفا."),
            (TooManyFolders(n), Zgh) => format!("ⴰⴳⵔⴰⵡ ⵓⵔ ⵉⵣⴰⵢⴷ ⵅⴼ {n} ⵏ ⵉⵙⴷⴰⵡⵏ."),
            (TooManyFolders(n), En) => format!("A batch holds at most {n} folders."),
            (SigningServiceUnavailable, Fr) => "Le service de signature est indisponible ; réessayez plus tard.".into(),
            (SigningServiceUnavailable, Ar) => "خدمة التوقيع غير متاحة؛ حاول لاحقا.".into(),
            (SigningServiceUnavailable, Zgh) => "ⵜⴰⵏⴰⴼⵓⵜ ⵏ ⵓⵣⵎⴰⵎ ⵓⵔ ⵜⵍⵍⵉ; ⴰⵍⵙ ⴷⴼⴼⵉⵔ.".into(),
            (SigningServiceUnavailable, En) => "The signing service is unavailable; try again later.".into(),
        }
    }
}
