//! Form errors, translated. Page handlers map domain errors to these; the page says what went
//! wrong and how to fix it, next to the field concerned.

use super::{fill, format_bytes, Lang};

/// Something the filer must correct. Carries the values the sentence needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormError {
    Required,
    EmailInvalid,
    EmailTaken,
    PasswordTooShort { min: usize },
    TooLong { max: usize },
    BadCredentials,
    EmailNotVerified,
    /// The form's anti-forgery token was missing or stale (e.g. page open for hours).
    FormExpired,
    UnknownAdministration,
    UnknownService,
    NoDocuments,
    TooManyDocuments { max: usize },
    FileTooLarge { name: String, max_bytes: u64 },
    TotalTooLarge { max_bytes: u64 },
    BadFileType { name: String },
    EmptyFile { name: String },
    DamagedFile { name: String },
    NotPdf,
    /// A PDF past the limits set for untrusted files (decoding, size of its structure, time).
    PdfTooComplex { name: Option<String> },
    /// A value outside the allowed choices or format (e.g. a date not written AAAA-MM-JJ).
    Invalid,
    /// Confidential or secret mail needs the user's clearance of that level.
    ClearanceRequired,
    /// Control or text-direction override characters in a name (they hide or reorder it).
    HiddenCharacters,
    /// The server could not complete the action; nothing was stored.
    Unavailable,
    /// Too many attempts (sign-in, sign-up, PIN): wait about this many minutes.
    TooManyAttempts { minutes: u64 },
    /// A common or trivial password (checked with zxcvbn).
    PasswordGuessable,
    /// An administrator tried to change their own clearance.
    OwnClearance,
}

impl FormError {
    pub fn text(&self, lang: Lang) -> String {
        use FormError::*;
        let pick = |fr: &str, ar: &str, zgh: &str, en: &str| -> String {
            match lang {
                Lang::Fr => fr,
                Lang::Ar => ar,
                Lang::Zgh => zgh,
                Lang::En => en,
            }
            .to_owned()
        };
        match self {
            Required => pick("Ce champ est obligatoire.", "هذا الحقل إلزامي.", "ⴰⵏⵙⵙⴰ ⴰ ⵉⵍⴰⵇ.", "This field is required."),
            EmailInvalid => pick(
                "Saisissez une adresse électronique valable, par exemple nom@exemple.ma.",
                "أدخل بريدا إلكترونيا صالحا، مثل name@example.ma.",
                "ⵙⴽⵛⵎ ⵜⴰⵏⵙⴰ ⵏ ⵉⵎⴰⵢⵍ ⵉⵖⵓⴷⴰⵏ, ⵎⴷ name@example.ma.",
                "Enter a valid e-mail address, for example name@example.ma.",
            ),
            EmailTaken => pick(
                "Un compte existe déjà avec cette adresse. Connectez-vous.",
                "يوجد حساب بهذا العنوان. سجل الدخول.",
                "ⵉⵍⵍⴰ ⵓⵎⵉⴹⴰⵏ ⵙ ⵜⴰⵏⵙⴰ ⴰ. ⴽⵛⵎ.",
                "An account already exists with this address. Sign in.",
            ),
            PasswordTooShort { min } => fill(
                &pick(
                    "Le mot de passe doit compter au moins {min} caractères.",
                    "يجب أن تتكون كلمة المرور من {min} أحرف على الأقل.",
                    "ⵜⴰⴳⵓⵔⵉ ⵏ ⵓⵣⵔⴰⵢ ⵉⵇⵇⴰⵏ ⴰⴷ ⵜⵙⵄⵓ {min} ⵏ ⵉⵙⴽⴽⵉⵍⵏ ⵓⴳⴳⴰⵔ.",
                    "The password must have at least {min} characters.",
                ),
                "min",
                &min.to_string(),
            ),
            TooLong { max } => fill(
                &pick(
                    "Ce texte dépasse {max} caractères.",
                    "يتجاوز هذا النص {max} حرفا.",
                    "ⴰⴹⵕⵉⵚ ⴰ ⵉⵣⴰⵢⴷ ⵅⴼ {max} ⵏ ⵉⵙⴽⴽⵉⵍⵏ.",
                    "This text is longer than {max} characters.",
                ),
                "max",
                &max.to_string(),
            ),
            BadCredentials => pick(
                "Adresse ou mot de passe incorrect.",
                "البريد الإلكتروني أو كلمة المرور غير صحيحة.",
                "ⵜⴰⵏⵙⴰ ⵏⵖ ⵜⴰⴳⵓⵔⵉ ⵏ ⵓⵣⵔⴰⵢ ⵓⵔ ⵉⵖⵓⴷⴰ.",
                "Wrong e-mail address or password.",
            ),
            EmailNotVerified => pick(
                "Confirmez d'abord votre adresse avec le lien reçu par courriel.",
                "أكد عنوانك أولا بالرابط الذي توصلت به عبر البريد.",
                "ⵙⵏⵜⵎ ⵜⴰⵏⵙⴰ ⵏⵏⴽ ⵙ ⵓⵙⵖⵓⵏ ⵍⵍⵉ ⵜⵓⵎⵥⴷ ⵙ ⵉⵎⴰⵢⵍ.",
                "First confirm your address with the link you received by e-mail.",
            ),
            FormExpired => pick(
                "Le formulaire a expiré. Vérifiez vos saisies et envoyez-le à nouveau.",
                "انتهت صلاحية الاستمارة. تحقق من المعطيات وأرسلها من جديد.",
                "ⵜⴼⵍⵡⵉⵜ ⵜⵣⵔⵉ ⵓⵣⵎⵣ ⵏⵏⵙ. ⵙⵏⵇⴷ ⴷ ⴰⵣⵏ ⵜⵜ ⵜⵉⴽⴽⵍⵜ ⵢⴰⴹⵏ.",
                "The form has expired. Check your entries and send it again.",
            ),
            UnknownAdministration => pick(
                "Choisissez une administration dans la liste.",
                "اختر إدارة من القائمة.",
                "ⴼⵔⵏ ⵜⴰⵏⴱⴰⴹⵜ ⵙⴳ ⵜⵍⴳⴰⵎⵜ.",
                "Choose an administration from the list.",
            ),
            UnknownService => pick(
                "Ce service n'appartient pas à l'administration choisie.",
                "هذه المصلحة لا تنتمي إلى الإدارة المختارة.",
                "ⵜⴰⵏⴰⴼⵓⵜ ⴰ ⵓⵔ ⵜⴻⵍⵍⵉ ⴳ ⵜⵏⴱⴰⴹⵜ ⵍⵍⵉ ⵜⴼⵔⵏⴷ.",
                "This service does not belong to the chosen administration.",
            ),
            NoDocuments => pick(
                "Joignez au moins un document.",
                "أرفق وثيقة واحدة على الأقل.",
                "ⵔⵏⵓ ⵢⴰⵏ ⵓⴼⴰⵢⵍⵓ ⵓⴳⴳⴰⵔ.",
                "Attach at least one document.",
            ),
            TooManyDocuments { max } => fill(
                &pick(
                    "Vous pouvez joindre au plus {max} documents.",
                    "يمكنك إرفاق {max} وثائق على الأكثر.",
                    "ⵜⵣⵎⵔⴷ ⴰⴷ ⵜⵔⵏⵓⴷ {max} ⵏ ⵉⴼⴰⵢⵍⵓⵜⵏ ⵓⴳⴳⴰⵔ.",
                    "You can attach at most {max} documents.",
                ),
                "max",
                &max.to_string(),
            ),
            FileTooLarge { name, max_bytes } => fill(
                &fill(
                    &pick(
                        "« {name} » dépasse la taille maximale de {max}.",
                        "«{name}» يتجاوز الحجم الأقصى {max}.",
                        "«{name}» ⵉⵣⴰⵢⴷ ⵅⴼ ⵜⵉⴷⴷⵉ ⵜⴰⵎⵇⵇⵔⴰⵏⵜ {max}.",
                        "“{name}” is larger than the maximum of {max}.",
                    ),
                    "name",
                    name,
                ),
                "max",
                &format_bytes(lang, *max_bytes),
            ),
            TotalTooLarge { max_bytes } => fill(
                &pick(
                    "L'ensemble des documents dépasse {max}.",
                    "مجموع الوثائق يتجاوز {max}.",
                    "ⴰⵎⵓⵏ ⵏ ⵉⴼⴰⵢⵍⵓⵜⵏ ⵉⵣⴰⵢⴷ ⵅⴼ {max}.",
                    "All documents together exceed {max}.",
                ),
                "max",
                &format_bytes(lang, *max_bytes),
            ),
            BadFileType { name } => fill(
                &pick(
                    "« {name} » n'est ni un PDF, ni une image JPEG ou PNG.",
                    "«{name}» ليس ملف PDF ولا صورة JPEG أو PNG.",
                    "«{name}» ⵓⵔ ⵉⴳⵉ PDF, JPEG ⵏⵖ PNG.",
                    "“{name}” is not a PDF, JPEG or PNG file.",
                ),
                "name",
                name,
            ),
            EmptyFile { name } => fill(
                &pick("« {name} » est vide.", "«{name}» فارغ.", "«{name}» ⵢⵓⵅⵡⴰ.", "“{name}” is empty."),
                "name",
                name,
            ),
            DamagedFile { name } => fill(
                &pick(
                    "« {name} » est endommagé et ne peut pas être lu.",
                    "«{name}» تالف ولا يمكن قراءته.",
                    "«{name}» ⵉⵅⵙⵔ, ⵓⵔ ⵉⵜⵜⵓⵖⵔⴰ.",
                    "“{name}” is damaged and cannot be read.",
                ),
                "name",
                name,
            ),
            NotPdf => pick(
                "Choisissez un fichier PDF.",
                "اختر ملف PDF.",
                "ⴼⵔⵏ ⴰⴼⴰⵢⵍⵓ PDF.",
                "Choose a PDF file.",
            ),
            PdfTooComplex { name: None } => pick(
                "Ce PDF dépasse les limites de traitement du serveur. Enregistrez-le à nouveau depuis son logiciel d'origine (ou imprimez-le en PDF).",
                "يتجاوز ملف PDF هذا حدود المعالجة في الخادم. احفظه من جديد من برنامجه الأصلي (أو اطبعه بصيغة PDF).",
                "PDF ⴰ ⵢⵓⴳⴳⵓⵔ ⵉⵜⵜⴰⵢⵏ ⵏ ⵓⵙⵎⵓⵙⵙⵓ. ⵙⵎⵓⵜⵜⴳ ⵜ ⴷⴰⵖ ⵙⴳ ⵓⵖⴰⵡⴰⵙ ⵏⵏⵙ.",
                "This PDF exceeds the server's processing limits. Save it again from the software that made it (or print it to PDF).",
            ),
            PdfTooComplex { name: Some(name) } => fill(
                &pick(
                    "« {name} » dépasse les limites de traitement du serveur. Enregistrez-le à nouveau depuis son logiciel d'origine (ou imprimez-le en PDF).",
                    "«{name}» يتجاوز حدود المعالجة في الخادم. احفظه من جديد من برنامجه الأصلي (أو اطبعه بصيغة PDF).",
                    "«{name}» ⵢⵓⴳⴳⵓⵔ ⵉⵜⵜⴰⵢⵏ ⵏ ⵓⵙⵎⵓⵙⵙⵓ. ⵙⵎⵓⵜⵜⴳ ⵜ ⴷⴰⵖ ⵙⴳ ⵓⵖⴰⵡⴰⵙ ⵏⵏⵙ.",
                    "“{name}” exceeds the server's processing limits. Save it again from the software that made it (or print it to PDF).",
                ),
                "name",
                name,
            ),
            Invalid => pick(
                "Cette valeur n'est pas acceptée ; vérifiez-la (dates au format AAAA-MM-JJ, pas dans le futur).",
                "هذه القيمة غير مقبولة؛ تحقق منها (التواريخ بصيغة YYYY-MM-DD وليست في المستقبل).",
                "ⴰⵣⴰⵍ ⴰ ⵓⵔ ⵉⵜⵜⵓⵇⴱⴰⵍ; ⵙⵏⵇⴷ ⵜ (ⵉⵙⴰⴽⵓⴷⵏ ⵙ YYYY-MM-DD).",
                "This value is not accepted; check it (dates as YYYY-MM-DD, not in the future).",
            ),
            ClearanceRequired => pick(
                "Ce niveau de confidentialité demande une habilitation que vous n'avez pas.",
                "يتطلب مستوى السرية هذا ترخيصا لا تملكه.",
                "ⴰⴼⵔⴷⵉⵙ ⴰ ⵏ ⵜⵓⴼⴼⵔⵜ ⵉⵇⵇⴰⵏ ⴰⵣⵔⴼ ⵓⵔ ⵖⵓⵔⴽ ⵉⵍⵍⵉⵏ.",
                "This confidentiality level needs a clearance you do not hold.",
            ),
            TooManyAttempts { minutes } => fill(
                &pick(
                    "Trop de tentatives. Par sécurité, réessayez dans {minutes} min.",
                    "محاولات كثيرة جدا. حفاظا على الأمان، أعد المحاولة بعد {minutes} د.",
                    "ⴰⵟⵟⴰⵚ ⵏ ⵜⵉⵔⵎⵉⵜⵉⵏ. ⴰⵍⵙ ⴷⴼⴼⵉⵔ {minutes} min.",
                    "Too many attempts. For your security, try again in {minutes} min.",
                ),
                "minutes",
                &minutes.to_string(),
            ),
            PasswordGuessable => pick(
                "Ce mot de passe est trop facile à deviner (mot courant, suite, répétition, votre nom ou votre adresse). Choisissez-en un plus long et moins prévisible, par exemple plusieurs mots au hasard.",
                "كلمة المرور هذه سهلة التخمين (كلمة شائعة، تسلسل، تكرار، اسمك أو عنوانك). اختر كلمة أطول وأقل توقعا، مثل عدة كلمات عشوائية.",
                "ⴰⵡⴰⵍ ⴰ ⵏ ⵓⵣⵔⴰⵢ ⵉⵙⵀⵍ ⴰⴷ ⵉⵜⵜⵓⵙⵙⵏ. ⴼⵔⵏ ⵢⴰⵏ ⵢⴰⴹⵏ ⵉⵖⵣⵣⵉⴼⵏ, ⵎⴷ ⴽⵔⴰ ⵏ ⵡⴰⵡⴰⵍⵏ ⵙ ⵜⵎⵓⵖⵍⵉ.",
                "This password is too easy to guess (a common word, a sequence, a repetition, your name or address). Choose a longer, less predictable one, such as several random words.",
            ),
            OwnClearance => pick(
                "Vous ne pouvez pas modifier votre propre habilitation : un autre administrateur doit le faire.",
                "لا يمكنك تعديل ترخيصك الخاص: يجب أن يقوم بذلك مسؤول آخر.",
                "ⵓⵔ ⵜⵣⵎⵉⵔⴷ ⴰⴷ ⵜⵙⵏⴼⵍⴷ ⴰⵣⵔⴼ ⵏⵏⴽ: ⵢⴰⵏ ⵓⵏⵎⵀⴰⵍ ⵢⴰⴹⵏ ⴰⴷ ⵜ ⵉⴳ.",
                "You cannot change your own clearance: another administrator must.",
            ),
            HiddenCharacters => pick(
                "Ce champ contient des caractères invisibles ou d'inversion du sens d'écriture ; retapez-le.",
                "يحتوي هذا الحقل على رموز خفية أو رموز تعكس اتجاه الكتابة؛ أعد كتابته.",
                "ⴰⵏⵙⴰ ⴰ ⵖⵓⵔⵙ ⵉⵙⴽⴽⵉⵍⵏ ⵓⵔ ⵉⵜⵜⵡⴰⵥⵔⴰⵏ; ⴰⵔⵓ ⵜ ⴷⴰⵖ.",
                "This field holds invisible or text-direction override characters; type it again.",
            ),
            Unavailable => pick(
                "Le service est momentanément indisponible ; rien n'a été enregistré. Réessayez dans un instant.",
                "الخدمة غير متاحة مؤقتا؛ لم يسجل أي شيء. أعد المحاولة بعد قليل.",
                "ⵜⴰⵏⴰⴼⵓⵜ ⵓⵔ ⵜⵍⵍⵉ ⵖⵉⵍⴰ; ⵓⵔ ⵉⵜⵜⵓⵣⵎⵎⴻⵎ ⵡⴰⵍⵓ. ⴰⵍⵙ ⴷⴰⵖ.",
                "The service is unavailable for a moment; nothing was stored. Try again shortly.",
            ),
        }
    }
}
