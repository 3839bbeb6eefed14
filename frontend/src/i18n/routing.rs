//! Messages of routing: the routing slip (fiche de circulation), the assignment forms, work
//! lists, answer drafts and their dispatch, and the answer in the filer's space.

messages! {
    /// Routing, work list and answer messages.
    R {
        NavWork => ["Mon travail", "عملي", "ⵜⴰⵡⵓⵔⵉ ⵉⵏⵓ", "My work"],
        WorkTitle => ["Courriers à traiter", "المراسلات قيد المعالجة", "ⵜⵉⴱⵔⴰⵜⵉⵏ ⵏ ⵓⵙⵎⵓⵙⵙⵓ", "Correspondence to handle"],
        UnitWorkTitle => ["Courriers du service : {unit}", "مراسلات المصلحة: {unit}", "ⵜⵉⴱⵔⴰⵜⵉⵏ ⵏ ⵜⵏⴰⴼⵓⵜ: {unit}", "Unit's correspondence: {unit}"],
        WorkIntro => [
            "Courriers qui vous sont imputés, à vous ou à vos services, par échéance.",
            "المراسلات المحالة عليكم أو على مصالحكم، حسب الأجل.",
            "ⵜⵉⴱⵔⴰⵜⵉⵏ ⵉ ⴽ ⵉⵜⵜⵓⴼⴽⴰⵏ ⵏⵖ ⵉ ⵜⵏⴰⴼⵓⵜⵉⵏ ⵏⵏⴽ, ⵙ ⵓⵣⵎⵣ.",
            "Correspondence assigned to you or your units, by deadline.",
        ],
        NoWork => ["Rien à traiter.", "لا شيء للمعالجة.", "ⵓⵍⴰ ⵢⴰⵜ ⵉ ⵓⵙⵎⵓⵙⵙⵓ.", "Nothing to handle."],
        Filters => ["Filtres", "عوامل التصفية", "ⵉⵙⵍⵓⵜⵏ", "Filters"],
        Filter => ["Filtrer", "تصفية", "ⵙⵍⵓⵜ", "Filter"],
        Any => ["— Tous —", "— الكل —", "— ⴰⴽⴽ —", "— All —"],
        Due => ["Échéance", "الأجل", "ⴰⵣⵎⵣ", "Deadline"],
        DueOverdue => ["En retard", "متأخر", "ⵉⵜⵜⵄⴻⵟⵟⵍ", "Overdue"],
        DueSoon => ["Bientôt dû", "قريب الأجل", "ⵉⵇⵇⵔⴱ", "Due soon"],
        DueSoonOrOverdue => ["En retard ou bientôt dû", "متأخر أو قريب الأجل", "ⵉⵜⵜⵄⴻⵟⵟⵍ ⵏⵖ ⵉⵇⵇⵔⴱ", "Overdue or due soon"],
        NoDeadline => ["Sans échéance", "بدون أجل", "ⴰⵔ ⴰⵣⵎⵣ", "No deadline"],
        Number => ["Numéro", "الرقم", "ⵓⵟⵟⵓⵏ", "Number"],
        Subject => ["Objet", "الموضوع", "ⴰⵙⵏⵜⵍ", "Subject"],
        Purpose => ["Pour", "الغرض", "ⵉ", "For"],
        PurposeAction => ["Pour action", "للإنجاز", "ⵉ ⵜⵉⴳⵉ", "For action"],
        PurposeInformation => ["Pour information", "للإخبار", "ⵉ ⵓⵙⵙⵏ", "For information"],
        Assignee => ["Imputé à", "محال على", "ⵉⵜⵜⵓⴼⴽⴰ ⵉ", "Assigned to"],
        Status => ["État", "الحالة", "ⴰⴷⴷⴰⴷ", "Status"],
        AssignmentPending => ["En attente", "في الانتظار", "ⵉⵜⵜⵔⴰⴵⵓ", "Pending"],
        AssignmentAccepted => ["Accepté", "مقبول", "ⵉⵜⵜⵓⵇⴱⴰⵍ", "Accepted"],
        AssignmentReassigned => ["Réimputé", "أعيدت إحالته", "ⵉⵜⵜⵓⵄⴰⵡⴷ ⵓⴼⴽⴰ", "Reassigned"],
        AssignmentDone => ["Traité", "تمت معالجته", "ⵉⵜⵜⵓⵙⴽⴰⵔ", "Done"],
        Personal => ["Personnellement", "شخصيا", "ⵙ ⵉⵎⴰⵏ ⵏⵏⴽ", "Personally"],
        Open => ["Ouvrir", "فتح", "ⵕⵥⵎ", "Open"],
        SlipTitle => ["Fiche de circulation", "بطاقة التداول", "ⵜⴰⴼⵔⴽⵉⵜ ⵏ ⵓⵎⵓⵙⵙⵓ", "Routing slip"],
        SlipEmpty => ["Ce courrier n'est encore imputé à personne.", "لم تتم إحالة هذه المراسلة بعد.", "ⵜⴰⴱⵔⴰⵜ ⴰ ⵓⵔ ⵜⵜⵓⴼⴽⴰ ⴰⵔ ⴷⵖⵉ.", "This correspondence is not assigned yet."],
        EntryStatus => ["État du courrier", "حالة المراسلة", "ⴰⴷⴷⴰⴷ ⵏ ⵜⴱⵔⴰⵜ", "Correspondence status"],
        AssignedBy => ["Par", "من طرف", "ⵙⴳ", "By"],
        AssignedAt => ["Le", "بتاريخ", "ⴳ", "On"],
        Instructions => ["Instructions", "التعليمات", "ⵜⵉⵏⴰⴹⵉⵏ", "Instructions"],
        RespondedBy => ["Suite donnée par {who}", "تابعه {who}", "ⵉⴹⴼⵕ ⵜ {who}", "Handled by {who}"],
        ReplacedBy => ["Remplacée par la ligne {n}", "عوضت بالسطر {n}", "ⵜⵜⵓⵙⵏⴼⵍ ⵙ ⵓⵣⵔⵉⵔⴳ {n}", "Replaced by line {n}"],
        AssignTitle => ["Imputer", "إحالة", "ⴼⴽ", "Assign"],
        Unit => ["Service", "المصلحة", "ⵜⴰⵏⴰⴼⵓⵜ", "Unit"],
        Person => ["Ou une personne", "أو شخص", "ⵏⵖ ⵢⴰⵏ ⵓⴼⴳⴰⵏ", "Or a person"],
        ChooseUnit => ["— Choisir un service —", "— اختر مصلحة —", "— ⴼⵔⵏ ⵜⴰⵏⴰⴼⵓⵜ —", "— Choose a unit —"],
        ChoosePerson => ["— Personne —", "— لا أحد —", "— ⵓⵍⴰ ⵢⴰⵏ —", "— Nobody —"],
        DeadlineField => ["Échéance (facultatif)", "الأجل (اختياري)", "ⴰⵣⵎⵣ (ⵙ ⵓⴼⵔⴰⵏ)", "Deadline (optional)"],
        AssignButton => ["Imputer", "إحالة", "ⴼⴽ", "Assign"],
        AssignmentFor => ["Ligne {n} : {who}", "السطر {n}: {who}", "ⴰⵣⵔⵉⵔⴳ {n}: {who}", "Line {n}: {who}"],
        Accept => ["Accepter", "قبول", "ⵇⴱⵍ", "Accept"],
        MarkDone => ["Marquer traité", "تحديد كمعالج", "ⵙⵎⴰⵍ ⵉⵜⵜⵓⵙⴽⴰⵔ", "Mark done"],
        Reassign => ["Réimputer", "إعادة الإحالة", "ⴰⵍⵙ ⴰⴼⴽⴰ", "Reassign"],
        ReassignTo => ["Réimputer à", "إعادة الإحالة إلى", "ⴰⵍⵙ ⴰⴼⴽⴰ ⵉ", "Reassign to"],
        DraftsTitle => ["Réponse", "الجواب", "ⴰⵔⴰⵔ", "Answer"],
        NewDraft => ["Rédiger la réponse", "تحرير الجواب", "ⴰⵔⵓ ⴰⵔⴰⵔ", "Draft the answer"],
        ToParapheur => [
            "Ou préparer la réponse au parapheur (visa et signature)",
            "أو إعداد الجواب في حامل التوقيعات (تأشير وتوقيع)",
            "ⵏⵖ ⵙⵡⵊⴷ ⴰⵔⴰⵔ ⴳ ⵓⵙⴷⴰⵡ ⵏ ⵓⵣⵎⴰⵎ",
            "Or prepare the answer in the parapheur (approval and signature)",
        ],
        EditDraft => ["Modifier le projet", "تعديل المشروع", "ⵙⵏⴼⵍ ⴰⵙⵏⴼⴰⵔ", "Edit the draft"],
        DraftSubject => ["Objet de la réponse", "موضوع الجواب", "ⴰⵙⵏⵜⵍ ⵏ ⵓⵔⴰⵔ", "Answer subject"],
        DraftBody => ["Texte de la réponse", "نص الجواب", "ⴰⴹⵔⵉⵙ ⵏ ⵓⵔⴰⵔ", "Answer text"],
        DraftPdf => ["Réponse en PDF (facultatif)", "الجواب بصيغة PDF (اختياري)", "ⴰⵔⴰⵔ ⵙ PDF (ⵙ ⵓⴼⵔⴰⵏ)", "Answer as a PDF (optional)"],
        DraftPdfHint => [
            "Sinon, une lettre est composée à partir du texte lors de l'envoi.",
            "وإلا، تنشأ رسالة من النص عند الإرسال.",
            "ⵎⴰⵍⴰ ⵓⵀⵓ, ⴰⴷ ⵜⵜⵓⵙⴽⴰⵔ ⵜⴱⵔⴰⵜ ⵙⴳ ⵓⴹⵔⵉⵙ.",
            "Otherwise a letter is composed from the text when it is sent.",
        ],
        SaveDraft => ["Enregistrer le projet", "حفظ المشروع", "ⵃⴹⵓ ⴰⵙⵏⴼⴰⵔ", "Save the draft"],
        DraftBy => ["Projet de {who}", "مشروع {who}", "ⴰⵙⵏⴼⴰⵔ ⵏ {who}", "Draft by {who}"],
        DraftStatusDraft => ["Projet", "مشروع", "ⴰⵙⵏⴼⴰⵔ", "Draft"],
        DraftStatusDispatched => ["Envoyée : {n}", "أرسل: {n}", "ⵜⵜⵓⵣⵏ: {n}", "Sent: {n}"],
        Attached => ["PDF joint : {name}", "ملف PDF مرفق: {name}", "PDF ⵉⵜⵜⵓⵔⵏⴰⵏ: {name}", "Attached PDF: {name}"],
        DispatchMode => ["Mode d'envoi", "طريقة الإرسال", "ⴰⵏⴰⵡ ⵏ ⵓⵣⴰⵏ", "How to send"],
        ModePortal => ["Espace du déposant et courriel", "فضاء المودع والبريد الإلكتروني", "ⴰⵙⵉⵍ ⵏ ⵓⵎⴰⵣⴰⵏ ⴷ ⵉⵎⴰⵢⵍ", "Filer's space and e-mail"],
        ModeEmail => ["Courriel seulement", "البريد الإلكتروني فقط", "ⵉⵎⴰⵢⵍ ⴽⴰ", "E-mail only"],
        ModePost => ["Imprimée et postée", "مطبوع ومرسل بالبريد", "ⵉⵜⵜⵓⵙⵉⵍⴳⵏ ⴷ ⵉⵜⵜⵓⵣⵏ", "Printed and posted"],
        Dispatch => ["Enregistrer au départ et envoyer", "تسجيل في الصادر وإرسال", "ⵣⵎⵎⴻⵎ ⴷ ⴰⵣⵏ", "Register as outgoing and send"],
        Dispatched => ["Réponse enregistrée au départ sous le n° {n}.", "سجل الجواب في الصادر تحت الرقم {n}.", "ⵉⵜⵜⵓⵣⵎⵎⴻⵎ ⵓⵔⴰⵔ ⵙ ⵓⵟⵟⵓⵏ {n}.", "Answer registered as outgoing no. {n}."],
        Saved => ["Enregistré.", "تم الحفظ.", "ⵉⵜⵜⵓⵃⴹⴰ.", "Saved."],
        DownloadOutgoing => ["Télécharger la réponse {n} (PDF)", "تحميل الجواب {n} (PDF)", "ⴰⴳⵎ ⴰⵔⴰⵔ {n} (PDF)", "Download answer {n} (PDF)"],
        BackToWork => ["Retour à mon travail", "العودة إلى عملي", "ⵓⵖⵓⵍ ⵖⵔ ⵜⵡⵓⵔⵉ ⵉⵏⵓ", "Back to my work"],
        AnswersTitle => ["Réponse de l'administration", "جواب الإدارة", "ⴰⵔⴰⵔ ⵏ ⵜⵏⴱⴰⴹⵜ", "The administration's answer"],
        AnswerNumber => ["Réponse n° {n} du {date}", "الجواب رقم {n} بتاريخ {date}", "ⴰⵔⴰⵔ {n} ⵏ {date}", "Answer no. {n} of {date}"],
        DownloadAnswer => ["Télécharger la réponse (PDF)", "تحميل الجواب (PDF)", "ⴰⴳⵎ ⴰⵔⴰⵔ (PDF)", "Download the answer (PDF)"],
    }
}

/// The routing slip's assignment states (`pending`, `accepted`, `reassigned`, `done`).
pub fn assignment_status(status: &str) -> R {
    match status {
        "accepted" => R::AssignmentAccepted,
        "reassigned" => R::AssignmentReassigned,
        "done" => R::AssignmentDone,
        _ => R::AssignmentPending,
    }
}

/// `action` or `information`.
pub fn purpose(p: &str) -> R {
    if p == "information" { R::PurposeInformation } else { R::PurposeAction }
}

/// Dispatch modes (`portal`, `email`, `post`).
pub fn mode(m: &str) -> R {
    match m {
        "portal" => R::ModePortal,
        "email" => R::ModeEmail,
        _ => R::ModePost,
    }
}
