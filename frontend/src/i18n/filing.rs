//! Messages of the filing form, the receipt page and "My filings".

messages! {
    /// Filing, receipt and follow-up messages.
    F {
        FileTitle => ["Déposer un courrier", "إيداع مراسلة", "ⴰⵣⵏ ⵜⴰⴱⵔⴰⵜ", "File correspondence"],
        FileIntro => [
            "Votre courrier est enregistré dès l'envoi au registre d'arrivée de l'administration choisie.",
            "تسجل مراسلتك فور إرسالها في سجل الوارد للإدارة المختارة.",
            "ⵜⴰⴱⵔⴰⵜ ⵏⵏⴽ ⴰⴷ ⵜⵜⵓⵣⵎⵎⴻⵎ ⵖⵉⵍⴰ ⴳ ⵓⵙⵉⵊⵉⵍ ⵏ ⵜⵏⴱⴰⴹⵜ.",
            "Your correspondence is registered in the chosen administration's incoming register as soon as you send it.",
        ],
        Addressee => ["Destinataire", "الجهة المرسل إليها", "ⴰⵎⴰⵣⴰⵏ", "Addressee"],
        Administration => ["Administration", "الإدارة", "ⵜⴰⵏⴱⴰⴹⵜ", "Administration"],
        ChooseAdministration => ["— Choisir —", "— اختر —", "— ⴼⵔⵏ —", "— Choose —"],
        Service => ["Service (facultatif)", "المصلحة (اختياري)", "ⵜⴰⵏⴰⴼⵓⵜ (ⵙ ⵓⴼⵔⴰⵏ)", "Service (optional)"],
        AnyService => [
            "— Bureau d'ordre central —",
            "— مكتب الضبط المركزي —",
            "— ⴰⴱⵉⵔⵓ ⴰⵏⴰⵎⵎⴰⵙ —",
            "— Central registry —",
        ],
        ServiceName => ["Service", "المصلحة", "ⵜⴰⵏⴰⴼⵓⵜ", "Service"],
        Subject => ["Objet", "الموضوع", "ⴰⵙⵏⵜⵍ", "Subject"],
        Message => ["Message", "الرسالة", "ⵜⵓⵣⵉⵏⵜ", "Message"],
        Documents => ["Pièces jointes", "المرفقات", "ⵉⴼⴰⵢⵍⵓⵜⵏ ⵉⵜⵜⵓⵔⵏⴰⵏ", "Attachments"],
        DocumentsHint => [
            "PDF, JPEG ou PNG ; au plus {count} fichiers de {size} chacun.",
            "PDF أو JPEG أو PNG؛ {count} ملفات على الأكثر، {size} لكل ملف.",
            "PDF, JPEG ⵏⵖ PNG; {count} ⵏ ⵉⴼⴰⵢⵍⵓⵜⵏ ⵓⴳⴳⴰⵔ, {size} ⵉ ⴽⵓ ⵢⴰⵏ.",
            "PDF, JPEG or PNG; at most {count} files of {size} each.",
        ],
        Send => ["Envoyer le courrier", "إرسال المراسلة", "ⴰⵣⵏ ⵜⴰⴱⵔⴰⵜ", "Send"],
        SendOnce => [
            "Envoyez une seule fois : un second envoi du même formulaire renvoie le même accusé.",
            "أرسل مرة واحدة: الإرسال الثاني لنفس الاستمارة يعيد نفس الوصل.",
            "ⴰⵣⵏ ⵢⴰⵜ ⵜⵉⴽⴽⵍⵜ: ⴰⵣⴰⵏ ⵡⵉⵙⵙ ⵙⵉⵏ ⵉⵜⵜⴰⵍⵙ ⴰⵙⵖⵏ ⵏⵏⵉⴷⵏ.",
            "Send once: sending the same form again returns the same receipt.",
        ],
        SelectedFiles => ["Fichiers choisis", "الملفات المختارة", "ⵉⴼⴰⵢⵍⵓⵜⵏ ⵉⵜⵜⵓⴼⵔⴰⵏⵏ", "Chosen files"],
        ReceiptTitle => ["Accusé de réception", "وصل الإيداع", "ⴰⵙⵖⵏ ⵏ ⵓⵎⵔⵓⵙ", "Acknowledgement of receipt"],
        ReceiptLead => [
            "Votre courrier est enregistré. Conservez ce numéro.",
            "تم تسجيل مراسلتك. احتفظ بهذا الرقم.",
            "ⵜⵜⵓⵣⵎⵎⴻⵎ ⵜⴱⵔⴰⵜ ⵏⵏⴽ. ⵃⴹⵓ ⵓⵟⵟⵓⵏ ⴰ.",
            "Your correspondence is registered. Keep this number.",
        ],
        Number => ["Numéro d'ordre", "رقم الترتيب", "ⵓⵟⵟⵓⵏ", "Registration number"],
        ReceivedAt => ["Reçu le", "تاريخ التوصل", "ⵉⵜⵜⵓⵎⵥ ⴳ", "Received on"],
        Filer => ["Déposant", "المودع", "ⴰⵎⴰⵣⴰⵏ", "Filer"],
        DocumentName => ["Document", "الوثيقة", "ⴰⴼⴰⵢⵍⵓ", "Document"],
        DocumentSize => ["Taille", "الحجم", "ⵜⵉⴷⴷⵉ", "Size"],
        Fingerprint => ["Empreinte SHA-256", "البصمة SHA-256", "ⴰⴽⵟⵟⵓⵎ SHA-256", "SHA-256 fingerprint"],
        DownloadReceipt => [
            "Télécharger l'accusé scellé (PDF)",
            "تحميل الوصل المختوم (PDF)",
            "ⴰⴳⵎ ⴰⵙⵖⵏ ⵉⵜⵜⵓⵙⵎⴰⵍⵏ (PDF)",
            "Download the sealed receipt (PDF)",
        ],
        ReceiptEmailed => [
            "Une copie de l'accusé vous est aussi envoyée par courriel.",
            "ترسل إليك أيضا نسخة من الوصل عبر البريد الإلكتروني.",
            "ⴰⴷ ⴰⴽ ⵏⴰⵣⵏ ⴷⴰⵖ ⵜⴰⵏⵖⵍⵜ ⵏ ⵓⵙⵖⵏ ⵙ ⵉⵎⴰⵢⵍ.",
            "A copy of the receipt is also sent to you by e-mail.",
        ],
        VerifyThisReceipt => [
            "Vérifier le sceau de cet accusé",
            "التحقق من ختم هذا الوصل",
            "ⵙⵏⵇⴷ ⴰⵙⵎⴰⵍ ⵏ ⵓⵙⵖⵏ ⴰ",
            "Verify this receipt's seal",
        ],
        MyFilingsTitle => ["Mes dépôts", "إيداعاتي", "ⵜⵉⴱⵔⴰⵜⵉⵏ ⵉⵏⵓ", "My filings"],
        NoFilings => [
            "Vous n'avez encore déposé aucun courrier.",
            "لم تودع أي مراسلة بعد.",
            "ⵓⵔ ⵜⴰⵣⵏⴷ ⴽⵔⴰ ⵏ ⵜⴱⵔⴰⵜ ⴰⵔ ⴷⵖⵉ.",
            "You have not filed any correspondence yet.",
        ],
        Date => ["Date", "التاريخ", "ⴰⵙⴰⴽⵓⴷ", "Date"],
        Status => ["État", "الحالة", "ⴰⴷⴷⴰⴷ", "Status"],
        Receipt => ["Accusé", "الوصل", "ⴰⵙⵖⵏ", "Receipt"],
        ReceiptPdfOf => ["Accusé {n} (PDF)", "وصل {n} (PDF)", "ⴰⵙⵖⵏ {n} (PDF)", "Receipt {n} (PDF)"],
        StatusRegistered => ["Enregistré", "مسجل", "ⵉⵜⵜⵓⵣⵎⵎⴻⵎ", "Registered"],
        StatusAssigned => ["Imputé à un service", "محال على مصلحة", "ⵉⵜⵜⵓⴼⴽⴰ ⵉ ⵜⵏⴰⴼⵓⵜ", "Assigned to a service"],
        StatusInProgress => ["En cours de traitement", "قيد المعالجة", "ⴳ ⵓⵙⵎⵓⵙⵙⵓ", "In progress"],
        StatusAnswered => ["Répondu", "تم الرد", "ⵉⵜⵜⵓⵔⴰⵔ", "Answered"],
        StatusClosed => ["Clos", "مغلق", "ⵉⵜⵜⵓⵇⵇⵏ", "Closed"],
    }
}

/// Where a filing stands, as the filer sees it (PRODUCT.md §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FilingStatus {
    Registered,
    Assigned,
    InProgress,
    Answered,
    Closed,
}

impl FilingStatus {
    pub fn label(self) -> F {
        match self {
            FilingStatus::Registered => F::StatusRegistered,
            FilingStatus::Assigned => F::StatusAssigned,
            FilingStatus::InProgress => F::StatusInProgress,
            FilingStatus::Answered => F::StatusAnswered,
            FilingStatus::Closed => F::StatusClosed,
        }
    }

    /// Parses the backend's status names ("registered", "in_progress", ...).
    pub fn from_name(name: &str) -> FilingStatus {
        match name.to_ascii_lowercase().replace('-', "_").as_str() {
            "assigned" => FilingStatus::Assigned,
            "in_progress" | "inprogress" => FilingStatus::InProgress,
            "answered" => FilingStatus::Answered,
            "closed" => FilingStatus::Closed,
            _ => FilingStatus::Registered,
        }
    }
}
