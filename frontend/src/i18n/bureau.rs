//! Messages of the bureau d'ordre pages: the clerk's queue, an entry, paper and internal
//! mail forms, the address book of correspondents and clearances.

messages! {
    /// Bureau d'ordre messages.
    B {
        NavBureau => ["Bureau d'ordre", "مكتب الضبط", "ⴰⴱⵉⵔⵓ ⵏ ⵓⵙⵡⵉⵜⵜⵉ", "Registry"],
        QueueTitle => ["Registre du courrier", "سجل المراسلات", "ⴰⵙⵉⵊⵉⵍ ⵏ ⵜⴱⵔⴰⵜⵉⵏ", "Mail register"],
        QueueIntro => [
            "Les entrées que vous pouvez voir, les plus récentes d'abord. Les dépôts du portail y arrivent déjà enregistrés.",
            "المراسلات التي يمكنك الاطلاع عليها، الأحدث أولا. تصل إيداعات البوابة مسجلة مسبقا.",
            "ⵜⵉⴱⵔⴰⵜⵉⵏ ⵏⵏⴰ ⵜⵥⵕⵕⴰⴷ, ⵜⵉⵎⴰⵢⵏⵓⵜⵉⵏ ⵣⵡⴰⵔⵏⵜ. ⵜⵉⴱⵔⴰⵜⵉⵏ ⵏ ⵓⵙⵎⵍ ⵜⵜⴰⵡⴹⵏⵜ ⵜⵜⵓⵣⵎⵎⴻⵎⵏⵜ.",
            "The entries you may see, newest first. Portal filings arrive here already registered.",
        ],
        RegisterPaper => ["Enregistrer un courrier papier", "تسجيل مراسلة ورقية", "ⵣⵎⵎⴻⵎ ⵜⴰⴱⵔⴰⵜ ⵏ ⵜⴽⴰⵔⴹⴰ", "Register paper mail"],
        SendInternal => ["Envoyer un courrier interne", "إرسال مراسلة داخلية", "ⴰⵣⵏ ⵜⴰⴱⵔⴰⵜ ⵜⴰⴳⵯⵏⵙⴰⵏⵜ", "Send internal mail"],
        CorrespondentsTitle => ["Carnet des correspondants", "دفتر المراسلين", "ⴰⴷⴼⵜⴰⵔ ⵏ ⵉⵎⴰⵣⴰⵏⵏ", "Correspondents"],
        ClearancesTitle => ["Habilitations", "التراخيص", "ⵉⵣⵔⴼⴰⵏ", "Clearances"],
        Filters => ["Filtrer le registre", "تصفية السجل", "ⵙⵙⵜⵉ ⴰⵙⵉⵊⵉⵍ", "Filter the register"],
        Apply => ["Appliquer", "تطبيق", "ⵙⵙⵏⵜⵉ", "Apply"],
        Any => ["— Tous —", "— الكل —", "— ⴰⴽⴽ —", "— Any —"],
        Direction => ["Registre", "السجل", "ⴰⵙⵉⵊⵉⵍ", "Register"],
        DirA => ["Arrivée", "الوارد", "ⴰⵙⵉⴷⴼ", "Incoming"],
        DirD => ["Départ", "الصادر", "ⴰⵙⵉⴼⴼⵖ", "Outgoing"],
        DirI => ["Interne", "الداخلي", "ⴰⴳⵯⵏⵙⴰⵏ", "Internal"],
        Status => ["État", "الحالة", "ⴰⴷⴷⴰⴷ", "Status"],
        Origin => ["Canal", "القناة", "ⴰⴱⵔⵉⴷ", "Channel"],
        OriginPortal => ["Portail", "البوابة", "ⴰⵙⵎⵍ", "Portal"],
        OriginPaper => ["Papier", "ورقي", "ⵜⴰⴽⴰⵔⴹⴰ", "Paper"],
        OriginInternal => ["Interne", "داخلي", "ⴰⴳⵯⵏⵙⴰⵏ", "Internal"],
        OriginApi => ["Autre administration", "إدارة أخرى", "ⵜⴰⵏⴱⴰⴹⵜ ⵢⴰⴹⵏ", "Another administration"],
        OriginOutgoing => ["Réponse", "جواب", "ⵜⴰⵔⵉⵔⵜ", "Answer"],
        Unit => ["Unité", "الوحدة", "ⵜⴰⵙⴳⵉⵡⵉⵏⵜ", "Unit"],
        FromDate => ["Reçu à partir du", "توصل به ابتداء من", "ⵉⵜⵜⵓⵎⵥ ⵙⴳ", "Received from"],
        ToDate => ["Reçu jusqu'au", "توصل به إلى غاية", "ⵉⵜⵜⵓⵎⵥ ⴰⵔ", "Received until"],
        Number => ["Numéro d'ordre", "رقم الترتيب", "ⵓⵟⵟⵓⵏ", "Number"],
        ReceivedAt => ["Reçu le", "تاريخ التوصل", "ⵉⵜⵜⵓⵎⵥ ⴳ", "Received"],
        From => ["Expéditeur", "المرسل", "ⴰⵎⴰⵣⴰⵏ", "From"],
        Subject => ["Objet", "الموضوع", "ⴰⵙⵏⵜⵍ", "Subject"],
        Deadline => ["Échéance", "أجل الجواب", "ⴰⵣⵎⵣ ⵏ ⵜⵔⵉⵔⵜ", "Deadline"],
        Priority => ["Priorité", "الأولوية", "ⵜⴰⵣⵡⴰⵔⵜ", "Priority"],
        PriorityLow => ["Basse", "منخفضة", "ⴷⴷⴰⵡ", "Low"],
        PriorityNormal => ["Normale", "عادية", "ⵜⴰⵎⴰⴳⵏⵓⵜ", "Normal"],
        PriorityUrgent => ["Urgente", "مستعجلة", "ⵜⴰⵣⵔⵔⴰⴱⵜ", "Urgent"],
        Confidentiality => ["Confidentialité", "السرية", "ⵜⵓⴼⴼⵔⵜ", "Confidentiality"],
        ConfNormal => ["Normale", "عادية", "ⵜⴰⵎⴰⴳⵏⵓⵜ", "Normal"],
        ConfConfidential => ["Confidentiel", "سري", "ⵉⵜⵜⵓⴼⴼⵔ", "Confidential"],
        ConfSecret => ["Secret", "سري للغاية", "ⵉⵜⵜⵓⴼⴼⵔ ⴰⵟⵟⴰⵚ", "Secret"],
        EntriesCount => ["{n} entrée(s)", "{n} مراسلة", "{n} ⵏ ⵜⴱⵔⴰⵜⵉⵏ", "{n} entries"],
        NoEntries => ["Aucune entrée ne correspond.", "لا توجد مراسلة مطابقة.", "ⵓⵔ ⵜⵍⵍⵉ ⴽⵔⴰ ⵏ ⵜⴱⵔⴰⵜ.", "No entry matches."],
        PageOf => ["Page {page} sur {pages}", "الصفحة {page} من {pages}", "ⵜⴰⵙⵏⴰ {page} ⵙⴳ {pages}", "Page {page} of {pages}"],
        Previous => ["Page précédente", "الصفحة السابقة", "ⵜⴰⵙⵏⴰ ⵜⴰⵣⵡⴰⵔⵜ", "Previous page"],
        Next => ["Page suivante", "الصفحة التالية", "ⵜⴰⵙⵏⴰ ⵜⴰⴹⴼⴼⴰⵔⵜ", "Next page"],
        Pagination => ["Pages du registre", "صفحات السجل", "ⵜⵉⵙⵏⴰ ⵏ ⵓⵙⵉⵊⵉⵍ", "Register pages"],
        Registered => [
            "Courrier enregistré sous le numéro {number}.",
            "سجلت المراسلة تحت رقم {number}.",
            "ⵜⵜⵓⵣⵎⵎⴻⵎ ⵜⴱⵔⴰⵜ ⵙ ⵓⵟⵟⵓⵏ {number}.",
            "Mail registered under number {number}.",
        ],
        PaperIntro => [
            "Saisissez les mentions de l'enveloppe et de la lettre, puis joignez son scan. Le numéro d'ordre est attribué à l'enregistrement.",
            "أدخل بيانات الظرف والرسالة ثم أرفق نسختها الممسوحة. يمنح رقم الترتيب عند التسجيل.",
            "ⵙⴽⵛⵎ ⵉⵙⴰⵍⵍⵏ ⵏ ⵜⴱⵔⴰⵜ, ⵙⴽⵉⵏ ⵔⵏⵓ ⴰⵙⴽⴰⵏⵉ ⵏⵏⵙ. ⴰⵟⵟⵓⵏ ⵉⵜⵜⵓⴼⴽⴰ ⴳ ⵓⵣⵎⵎⴻⵎ.",
            "Type what the envelope and the letter say, then attach its scan. The number is given on registration.",
        ],
        Correspondent => ["Correspondant", "المراسل", "ⴰⵎⴰⵣⴰⵏ", "Correspondent"],
        ChooseCorrespondent => ["— Choisir dans le carnet —", "— اختر من الدفتر —", "— ⴼⵔⵏ ⴳ ⵓⴷⴼⵜⴰⵔ —", "— Choose from the address book —"],
        FindCorrespondent => ["Rechercher dans le carnet", "البحث في الدفتر", "ⵔⵣⵓ ⴳ ⵓⴷⴼⵜⴰⵔ", "Search the address book"],
        FindHint => [
            "Tapez une partie du nom ou de l'e-mail, puis choisissez dans la liste.",
            "اكتب جزءا من الاسم أو البريد الإلكتروني ثم اختر من القائمة.",
            "ⴰⵔⵓ ⴽⵔⴰ ⵙⴳ ⵢⵉⵙⵎ ⵏⵖ ⵉⵎⴰⵢⵍ, ⵙⴽⵉⵏ ⴼⵔⵏ ⴳ ⵜⵍⴳⴰⵎⵜ.",
            "Type part of the name or e-mail, then pick from the list.",
        ],
        Suggestions => ["{n} correspondant(s) trouvé(s)", "تم العثور على {n} مراسل", "ⵢⵓⴼⴰ {n} ⵏ ⵉⵎⴰⵣⴰⵏⵏ", "{n} correspondents found"],
        NewCorrespondent => [
            "Ou un nouveau correspondant (ajouté au carnet)",
            "أو مراسل جديد (يضاف إلى الدفتر)",
            "ⵏⵖ ⴰⵎⴰⵣⴰⵏ ⴰⵎⴰⵢⵏⵓ (ⵉⵜⵜⵔⵏⵓ ⵖⵔ ⵓⴷⴼⵜⴰⵔ)",
            "Or a new correspondent (added to the address book)",
        ],
        Name => ["Nom", "الاسم", "ⵉⵙⵎ", "Name"],
        Kind => ["Type", "النوع", "ⴰⵏⴰⵡ", "Kind"],
        KindPerson => ["Personne", "شخص", "ⴰⵎⴷⴷⴰⴽⴽⵍ", "Person"],
        KindOrganisation => ["Organisme", "هيئة", "ⵜⴰⵎⵙⵙⵓⴷⵙⵜ", "Organisation"],
        KindAdministration => ["Administration", "إدارة", "ⵜⴰⵏⴱⴰⴹⵜ", "Administration"],
        Email => ["E-mail", "البريد الإلكتروني", "ⵉⵎⴰⵢⵍ", "E-mail"],
        Phone => ["Téléphone", "الهاتف", "ⴰⵜⵉⵍⵉⴼⵓⵏ", "Phone"],
        Address => ["Adresse", "العنوان", "ⵜⴰⵏⵙⴰ", "Address"],
        LetterDate => ["Date de la lettre", "تاريخ الرسالة", "ⴰⵙⴰⴽⵓⴷ ⵏ ⵜⴱⵔⴰⵜ", "Letter date"],
        ReceivedDate => ["Date de réception", "تاريخ التوصل", "ⴰⵙⴰⴽⵓⴷ ⵏ ⵓⵎⵥⴰ", "Received on"],
        Category => ["Catégorie", "الصنف", "ⵜⴰⴳⴳⴰⵢⵜ", "Category"],
        Summary => ["Résumé ou observations", "ملخص أو ملاحظات", "ⴰⴳⵣⵣⵓⵍ ⵏⵖ ⵜⵉⵏⵜⵉⵏ", "Summary or notes"],
        Message => ["Message", "الرسالة", "ⵜⵓⵣⵉⵏⵜ", "Message"],
        AddressedUnit => ["Unité destinataire", "الوحدة المرسل إليها", "ⵜⴰⵙⴳⵉⵡⵉⵏⵜ ⵏ ⵓⵎⵣⵣⵓ", "Addressed unit"],
        NoUnit => ["— Bureau d'ordre —", "— مكتب الضبط —", "— ⴰⴱⵉⵔⵓ ⵏ ⵓⵙⵡⵉⵜⵜⵉ —", "— Registry —"],
        FilerEmail => ["E-mail du compte du citoyen", "البريد الإلكتروني لحساب المواطن", "ⵉⵎⴰⵢⵍ ⵏ ⵓⵎⵉⴹⴰⵏ ⵏ ⵓⵖⵔⴼ", "Citizen's account e-mail"],
        FilerEmailHint => [
            "Facultatif : si un compte vérifié a cette adresse, le courrier et sa réponse apparaissent dans son espace.",
            "اختياري: إذا كان هناك حساب مؤكد بهذا العنوان، تظهر المراسلة وجوابها في فضائه.",
            "ⵙ ⵓⴼⵔⴰⵏ: ⵎⴽ ⵉⵍⵍⴰ ⵓⵎⵉⴹⴰⵏ ⵙ ⵜⴰⵏⵙⴰ ⴰ, ⵜⴰⴱⵔⴰⵜ ⴷ ⵜⵔⵉⵔⵜ ⵏⵏⵙ ⴰⴷ ⴱⴰⵏⵏⵜ ⴳ ⵜⵖⵓⵍⵜ ⵏⵏⵙ.",
            "Optional: if a verified account has this address, the mail and its answer show in their space.",
        ],
        Scan => ["Scan du courrier", "النسخة الممسوحة", "ⴰⵙⴽⴰⵏⵉ ⵏ ⵜⴱⵔⴰⵜ", "Scan of the letter"],
        ScanHint => [
            "PDF, JPEG ou PNG ; le contenu est vérifié.",
            "PDF أو JPEG أو PNG؛ يتم التحقق من المحتوى.",
            "PDF, JPEG ⵏⵖ PNG; ⴰⴳⴳⴰⵡ ⵉⵜⵜⵓⵙⵏⵇⴷ.",
            "PDF, JPEG or PNG; the content is checked.",
        ],
        Attachments => ["Pièces jointes", "المرفقات", "ⵉⴼⴰⵢⵍⵓⵜⵏ ⵉⵜⵜⵓⵔⵏⴰⵏ", "Attachments"],
        RegisterButton => ["Enregistrer au registre", "تسجيل في السجل", "ⵣⵎⵎⴻⵎ ⴳ ⵓⵙⵉⵊⵉⵍ", "Register"],
        InternalIntro => [
            "Le courrier interne est enregistré au registre interne et adressé à l'unité choisie.",
            "تسجل المراسلة الداخلية في السجل الداخلي وتوجه إلى الوحدة المختارة.",
            "ⵜⴰⴱⵔⴰⵜ ⵜⴰⴳⵯⵏⵙⴰⵏⵜ ⵜⵜⵓⵣⵎⵎⴻⵎ ⴳ ⵓⵙⵉⵊⵉⵍ ⴰⴳⵯⵏⵙⴰⵏ.",
            "Internal mail is registered in the internal register and addressed to the chosen unit.",
        ],
        FromUnit => ["Unité expéditrice", "الوحدة المرسلة", "ⵜⴰⵙⴳⵉⵡⵉⵏⵜ ⵏ ⵓⵣⴰⵏ", "Sending unit"],
        ToUnit => ["Unité destinataire", "الوحدة المرسل إليها", "ⵜⴰⵙⴳⵉⵡⵉⵏⵜ ⵏ ⵓⵎⵣⵣⵓ", "Receiving unit"],
        ChooseUnit => ["— Choisir —", "— اختر —", "— ⴼⵔⵏ —", "— Choose —"],
        SendButton => ["Envoyer", "إرسال", "ⴰⵣⵏ", "Send"],
        Documents => ["Documents", "الوثائق", "ⵉⵙⴽⴽⵉⵏⵏ", "Documents"],
        Download => ["Télécharger {name}", "تحميل {name}", "ⴰⴳⵎ {name}", "Download {name}"],
        Filer => ["Compte du déposant", "حساب المودع", "ⴰⵎⵉⴹⴰⵏ ⵏ ⵓⵎⴰⵣⴰⵏ", "Filer's account"],
        RegisteredBy => ["Enregistré par", "سجلت من طرف", "ⵉⵣⵎⵎⴻⵎ ⵜ", "Registered by"],
        InReplyTo => ["En réponse à", "جوابا على", "ⴷ ⵜⴰⵔⵉⵔⵜ ⵅⴼ", "In reply to"],
        RoutingSlip => ["Fiche de circulation", "بطاقة التوجيه", "ⵜⴰⴼⵍⵉⵜ ⵏ ⵓⵙⵉⵍⵍⵉ", "Routing slip"],
        BackToQueue => ["Retour au registre", "العودة إلى السجل", "ⵓⵖⵓⵍ ⵖⵔ ⵓⵙⵉⵊⵉⵍ", "Back to the register"],
        Details => ["Mentions", "البيانات", "ⵉⵙⴰⵍⵍⵏ", "Details"],
        NotGiven => ["—", "—", "—", "—"],
        AddCorrespondent => ["Ajouter un correspondant", "إضافة مراسل", "ⵔⵏⵓ ⴰⵎⴰⵣⴰⵏ", "Add a correspondent"],
        EditCorrespondent => ["Modifier le correspondant", "تعديل المراسل", "ⵙⵏⴼⵍ ⴰⵎⴰⵣⴰⵏ", "Edit the correspondent"],
        Edit => ["Modifier {name}", "تعديل {name}", "ⵙⵏⴼⵍ {name}", "Edit {name}"],
        Save => ["Enregistrer", "حفظ", "ⵃⴹⵓ", "Save"],
        Saved => ["Modifications enregistrées.", "تم حفظ التعديلات.", "ⵜⵜⵓⵃⴹⴰⵏⵜ ⵜⵉⵏⴼⵍⵉⵏ.", "Changes saved."],
        SearchButton => ["Rechercher", "بحث", "ⵔⵣⵓ", "Search"],
        NoCorrespondents => ["Aucun correspondant trouvé.", "لم يتم العثور على أي مراسل.", "ⵓⵔ ⵢⵓⴼⵉ ⴽⵔⴰ ⵏ ⵓⵎⴰⵣⴰⵏ.", "No correspondent found."],
        ClearancesIntro => [
            "Les courriers confidentiels et secrets ne sont visibles que des agents habilités à ce niveau. Le niveau secret inclut le confidentiel.",
            "لا يطلع على المراسلات السرية إلا الأعوان المرخص لهم بهذا المستوى. المستوى السري للغاية يشمل السري.",
            "ⵜⵉⴱⵔⴰⵜⵉⵏ ⵉⵜⵜⵓⴼⴼⵔⵏ ⵥⵕⵕⴰⵏⵜ ⵖⴰⵙ ⵉⵏⵎⵀⴰⵍⵏ ⵍⵍⵉ ⵖⵓⵔ ⵉⵍⵍⴰ ⵓⵣⵔⴼ.",
            "Confidential and secret mail is visible only to staff cleared for that level. Secret includes confidential.",
        ],
        StaffMember => ["Agent", "العون", "ⴰⵎⵀⴰⵍ", "Staff member"],
        Level => ["Niveau d'habilitation de {name}", "مستوى ترخيص {name}", "ⴰⴼⵔⴷⵉⵙ ⵏ ⵓⵣⵔⴼ ⵏ {name}", "Clearance level of {name}"],
        LevelNone => ["Aucune", "لا شيء", "ⵓⵍⴰ ⵢⴰⵜ", "None"],
        Change => ["Appliquer", "تطبيق", "ⵙⵙⵏⵜⵉ", "Apply"],
        NotStaff => [
            "Cette page est réservée au personnel d'une administration.",
            "هذه الصفحة مخصصة لموظفي الإدارة.",
            "ⵜⴰⵙⵏⴰ ⴰ ⵉ ⵉⵎⵀⴰⵍⵏ ⵏ ⵜⵏⴱⴰⴹⵜ ⴽⴰ.",
            "This page is for an administration's staff only.",
        ],
    }
}

/// The label of a register direction code (`A`, `D`, `I`).
pub fn direction_label(code: &str) -> B {
    match code {
        "D" => B::DirD,
        "I" => B::DirI,
        _ => B::DirA,
    }
}

/// The label of an intake channel.
pub fn origin_label(origin: &str) -> B {
    match origin {
        "paper" => B::OriginPaper,
        "internal" => B::OriginInternal,
        "api" => B::OriginApi,
        "outgoing" => B::OriginOutgoing,
        _ => B::OriginPortal,
    }
}

pub fn priority_label(p: &str) -> B {
    match p {
        "low" => B::PriorityLow,
        "urgent" => B::PriorityUrgent,
        _ => B::PriorityNormal,
    }
}

pub fn confidentiality_label(c: &str) -> B {
    match c {
        "confidential" => B::ConfConfidential,
        "secret" => B::ConfSecret,
        _ => B::ConfNormal,
    }
}

pub fn kind_label(k: &str) -> B {
    match k {
        "organisation" => B::KindOrganisation,
        "administration" => B::KindAdministration,
        _ => B::KindPerson,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_bureau_message_has_text_in_every_language() {
        for lang in super::super::Lang::ALL {
            for m in super::B::ALL {
                assert!(!m.text(lang).is_empty(), "{m:?} in {lang:?}");
            }
        }
    }
}
