//! Messages of the parapheur's folder pages: the inbox (`/parapheur`), a new folder, and a
//! folder with its documents, actions, annotations and history.

messages! {
    /// Parapheur folder pages.
    P {
        Nav => ["Parapheur", "الملفات للتوقيع", "ⴰⵙⴷⴰⵡ ⵏ ⵓⵣⵎⴰⵎ", "Parapheur"],
        InboxTitle => ["Parapheur", "ملفات التأشير والتوقيع", "ⴰⵙⴷⴰⵡ ⵏ ⵓⵣⵎⴰⵎ", "Parapheur"],
        InboxIntro => [
            "Les parapheurs qui attendent votre visa ou votre signature, ceux que vous avez lancés et ceux terminés récemment.",
            "الملفات التي تنتظر تأشيرتكم أو توقيعكم، والتي أطلقتموها، والمنتهية مؤخرًا.",
            "ⵉⵙⴷⴰⵡⵏ ⵍⵍⵉ ⵜⵜⵔⴰⵊⵓⵏ ⴰⵣⵎⴰⵎ ⵏⵏⴽ, ⵍⵍⵉ ⵜⵙⵙⵏⵜⵉⴷ, ⴷ ⵍⵍⵉ ⵉⵜⵜⵓⵙⵎⴷⵏ ⵖⵉⵍⴰ.",
            "Folders waiting for your visa or signature, those you started and those finished recently.",
        ],
        NewFolder => ["Nouveau parapheur", "ملف جديد", "ⴰⵙⴷⴰⵡ ⴰⵎⴰⵢⵏⵓ", "New folder"],
        ToAct => ["À traiter", "للمعالجة", "ⵉ ⵓⵙⵎⵓⵙⵙⵓ", "To act on"],
        Mine => ["Mes parapheurs", "ملفاتي", "ⵉⵙⴷⴰⵡⵏ ⵉⵏⵓ", "My folders"],
        Done => ["Terminés récemment", "المنتهية مؤخرًا", "ⵉⵜⵜⵓⵙⵎⴷⵏ ⵖⵉⵍⴰ", "Recently done"],
        NothingToAct => ["Aucun parapheur ne vous attend.", "لا يوجد ملف بانتظارك.", "ⵓⵍⴰ ⵢⴰⵏ ⵓⵙⴷⴰⵡ ⵓⵔ ⴽ ⵉⵜⵜⵔⴰⵊⵓ.", "No folder is waiting for you."],
        NothingMine => ["Vous n'avez lancé aucun parapheur.", "لم تطلقوا أي ملف.", "ⵓⵔ ⵜⵙⵙⵏⵜⵉⴷ ⴽⵔⴰ ⵏ ⵓⵙⴷⴰⵡ.", "You have not started any folder."],
        NothingDone => ["Aucun parapheur terminé.", "لا يوجد ملف منتهٍ.", "ⵓⵍⴰ ⵢⴰⵏ ⵓⵙⴷⴰⵡ ⵉⵜⵜⵓⵙⵎⴷⵏ.", "No finished folder."],
        Title => ["Intitulé", "العنوان", "ⴰⵣⵡⵍ", "Title"],
        Status => ["État", "الحالة", "ⴰⴷⴷⴰⴷ", "Status"],
        Step => ["Étape", "المرحلة", "ⵜⴰⵙⵓⵔⵉⴼⵜ", "Step"],
        Deadline => ["Échéance", "الأجل", "ⴰⵣⵎⵣ", "Deadline"],
        Updated => ["Mis à jour", "آخر تحديث", "ⵉⵜⵜⵓⵙⵎⴰⵢⵏⵓ", "Updated"],
        NoDeadline => ["—", "—", "—", "—"],
        StepOf => ["Étape {n} : {kind}", "المرحلة {n}: {kind}", "ⵜⴰⵙⵓⵔⵉⴼⵜ {n}: {kind}", "Step {n}: {kind}"],
        ForWhom => ["pour {who}", "نيابة عن {who}", "ⵉ {who}", "for {who}"],
        Select => ["Choisir « {title} »", "اختيار «{title}»", "ⴼⵔⵏ «{title}»", "Select “{title}”"],
        BatchTitle => ["Signer la sélection", "توقيع المختار", "ⵣⵎⵎ ⵜⵉⵏ ⵢⵜⵜⵓⴼⵔⴰⵏ", "Sign the selection"],
        BatchHint => [
            "Cochez les parapheurs à signer, puis saisissez le code PIN de votre clé une seule fois.",
            "حدد الملفات المراد توقيعها، ثم أدخل الرمز السري لمفتاحك مرة واحدة.",
            "ⴼⵔⵏ ⵉⵙⴷⴰⵡⵏ, ⵙⴽⵛⵎ PIN ⵏ ⵜⵙⴰⵔⵓⵜ ⵏⵏⴽ ⵢⴰⵜ ⵜⵉⴽⴽⵍⵜ.",
            "Tick the folders to sign, then type your key's PIN once.",
        ],
        BatchButton => ["Signer les parapheurs cochés", "توقيع الملفات المحددة", "ⵣⵎⵎ ⵉⵙⴷⴰⵡⵏ ⵢⵜⵜⵓⴼⵔⴰⵏ", "Sign the ticked folders"],
        Pin => ["Code PIN de votre clé", "الرمز السري لمفتاحك", "PIN ⵏ ⵜⵙⴰⵔⵓⵜ ⵏⵏⴽ", "Your key's PIN"],
        StatusDraft => ["Brouillon", "مسودة", "ⴰⵣⵡⵉⵔ", "Draft"],
        StatusInProgress => ["En cours", "قيد المسار", "ⵉⵜⵜⴷⴷⵓ", "In progress"],
        StatusCompleted => ["Terminé", "منتهٍ", "ⵉⵜⵜⵓⵙⵎⴷ", "Completed"],
        StatusRejected => ["Rejeté", "مرفوض", "ⵉⵜⵜⵓⴳⴳⵉ", "Rejected"],
        StepWaiting => ["À venir", "قادمة", "ⴰⴷ ⴷ ⵜⴰⵙ", "Waiting"],
        StepPending => ["En attente d'action", "بانتظار الإجراء", "ⵜⵜⵔⴰⵊⵓ", "Awaiting action"],
        StepDone => ["Fait", "تم", "ⵜⵜⵓⴳ", "Done"],
        StepSkipped => ["Sans objet", "غير لازمة", "ⵓⵔ ⵜⵍⵍⵉ", "Skipped"],
        StepRejected => ["Rejeté", "مرفوضة", "ⵜⵜⵓⴳⴳⵉ", "Rejected"],
        Visa => ["visa", "تأشيرة", "ⴰⵙⵎⴰⵍ", "visa"],
        Signature => ["signature", "توقيع", "ⴰⵣⵎⴰⵎ", "signature"],
        ModeAll => ["tous doivent agir", "على الجميع التصرف", "ⵉⵍⴰⵇ ⴰⴷ ⴳⵏ ⴰⴽⴽ", "all must act"],
        ModeOne => ["un seul suffit", "يكفي واحد", "ⵢⴰⵏ ⵉⴳⴳⵯⵣ", "one is enough"],
        RoleInUnit => ["{role} — {unit}", "{role} — {unit}", "{role} — {unit}", "{role} — {unit}"],
        RoleNameOfficial => ["Responsable", "المسؤول", "ⴰⵎⵙⵡⵓⵔⵉ", "Official"],
        RoleNameAgent => ["Agent", "الموظف", "ⴰⵎⵙⵡⵓⵔⵉ", "Agent"],
        RoleNameClerk => ["Agent du bureau d'ordre", "موظف مكتب الضبط", "ⴰⵎⵙⵡⵓⵔⵉ ⵏ ⵓⵙⵡⵉⵜⵜⵉ", "Registry clerk"],
        RoleNameAdmin => ["Administrateur", "المدير", "ⴰⵏⵎⵀⴰⵍ", "Administrator"],
        // New folder
        NewIntro => [
            "Joignez le ou les documents principaux (PDF) et les annexes ; le circuit se définit ensuite.",
            "أرفق الوثيقة أو الوثائق الرئيسية (PDF) والمرفقات؛ يحدد المسار بعد ذلك.",
            "ⵔⵏⵓ ⵉⵙⴽⴽⵉⵏⵏ ⵉⵎⵇⵔⴰⵏⵏ (PDF) ⴷ ⵉⵎⵔⵏⵉⵜⵏ; ⴰⴱⵔⵉⴷ ⴷⴼⴼⵉⵔ.",
            "Attach the main document(s) (PDF) and the annexes; the circuit is set next.",
        ],
        MainDocs => ["Documents principaux (PDF)", "الوثائق الرئيسية (PDF)", "ⵉⵙⴽⴽⵉⵏⵏ ⵉⵎⵇⵔⴰⵏⵏ (PDF)", "Main documents (PDF)"],
        MainDocsHint => [
            "Ce sont eux qui seront visés et signés.",
            "هي التي ستُؤشَّر وتُوقَّع.",
            "ⵏⵉⵜⵏⵉ ⴰⴷ ⵉⵜⵜⵓⵣⵎⵎⵏ.",
            "These are the documents approved and signed.",
        ],
        Annexes => ["Annexes (PDF, JPEG ou PNG, facultatif)", "المرفقات (PDF أو JPEG أو PNG، اختياري)", "ⵉⵎⵔⵏⵉⵜⵏ (PDF, JPEG, PNG, ⵙ ⵓⴼⵔⴰⵏ)", "Annexes (PDF, JPEG or PNG, optional)"],
        AnswerTo => ["En réponse au courrier (facultatif)", "جوابا على المراسلة (اختياري)", "ⴰⵔⴰⵔ ⵉ ⵜⴱⵔⴰⵜ (ⵙ ⵓⴼⵔⴰⵏ)", "Answering the correspondence (optional)"],
        AnswerToHint => [
            "Lorsqu'il est signé, la réponse part au bureau d'ordre comme courrier départ.",
            "بعد التوقيع، يُحال الجواب على مكتب الضبط كمراسلة صادرة.",
            "ⵎⵔ ⵉⵜⵜⵓⵣⵎⵎ, ⴰⵔⴰⵔ ⴰⴷ ⵉⴷⴷⵓ ⵖⵔ ⵓⵙⵡⵉⵜⵜⵉ.",
            "Once signed, the answer goes to the registry as outgoing mail.",
        ],
        NoEntry => ["— Aucun —", "— لا شيء —", "— ⵓⵍⴰ ⵢⴰⵏ —", "— None —"],
        Create => ["Créer le parapheur", "إنشاء الملف", "ⵙⵏⴼⵍⵓⵍ ⴰⵙⴷⴰⵡ", "Create the folder"],
        Created => ["Parapheur créé. Définissez maintenant son circuit.", "تم إنشاء الملف. حدد الآن مساره.", "ⵉⵜⵜⵓⵙⵏⴼⵍⵍ ⵓⵙⴷⴰⵡ. ⵙⵎⵔⵙ ⴰⴱⵔⵉⴷ ⵏⵏⵙ.", "Folder created. Now set its circuit."],
        // Folder page
        Documents => ["Documents", "الوثائق", "ⵉⵙⴽⴽⵉⵏⵏ", "Documents"],
        MainDoc => ["Document principal", "وثيقة رئيسية", "ⴰⵙⴽⴽⵉⵏ ⴰⵎⵇⵔⴰⵏ", "Main document"],
        Annex => ["Annexe", "مرفق", "ⴰⵎⵔⵏⵉ", "Annex"],
        Download => ["Télécharger « {name} » ({size})", "تحميل «{name}» ({size})", "ⴰⴳⵎ «{name}» ({size})", "Download “{name}” ({size})"],
        Signatures => ["{n} signature(s)", "{n} توقيع(ات)", "{n} ⵓⵣⵎⴰⵎ", "{n} signature(s)"],
        PageAlt => ["« {name} », page {n} sur {total}", "«{name}»، الصفحة {n} من {total}", "«{name}», ⵜⴰⵙⵏⴰ {n} ⵙⴳ {total}", "“{name}”, page {n} of {total}"],
        ShowPages => ["Pages du document ({n})", "صفحات الوثيقة ({n})", "ⵜⵉⵙⵏⵉⵡⵉⵏ ⵏ ⵓⵙⴽⴽⵉⵏ ({n})", "Pages of the document ({n})"],
        InReplyTo => ["Courrier", "المراسلة", "ⵜⴰⴱⵔⴰⵜ", "Correspondence"],
        SelectColumn => ["Sélection", "الاختيار", "ⴰⴼⵔⴰⵏ", "Selection"],
        NoPreview => ["Aperçu indisponible pour ce document.", "المعاينة غير متاحة لهذه الوثيقة.", "ⵓⵔ ⵉⵍⵍⵉ ⵓⵙⴽⴰⵏ.", "No preview for this document."],
        Circuit => ["Circuit", "المسار", "ⴰⴱⵔⵉⴷ", "Circuit"],
        NoCircuit => ["Aucun circuit n'est encore défini.", "لم يحدد أي مسار بعد.", "ⵓⵔ ⵉⵜⵜⵓⵙⵎⴰⵍ ⴰⴱⵔⵉⴷ.", "No circuit is set yet."],
        EditCircuit => ["Définir le circuit", "تحديد المسار", "ⵙⵎⵔⵙ ⴰⴱⵔⵉⴷ", "Set the circuit"],
        WhoActs => ["Qui", "من", "ⵎⴰⵏ", "Who"],
        ActedBy => ["{who}, {when}", "{who}، {when}", "{who}, {when}", "{who}, {when}"],
        CurrentStep => ["Étape en cours : {step}. À agir : {who}.", "المرحلة الحالية: {step}. على: {who}.", "ⵜⴰⵙⵓⵔⵉⴼⵜ ⵏ ⵖⵉⵍⴰ: {step}. ⴰⴷ ⵉⴳ: {who}.", "Current step: {step}. To act: {who}."],
        Originator => ["Initiateur", "المُنشئ", "ⴰⵙⵏⵜⴰⵢ", "Originator"],
        Answers => ["Répond au courrier {number}", "جواب على المراسلة {number}", "ⴰⵔⴰⵔ ⵉ ⵜⴱⵔⴰⵜ {number}", "Answers correspondence {number}"],
        YourTurn => ["À vous d'agir", "دورك للتصرف", "ⵜⵓⵔⵏⴰ ⵏⵏⴽ", "Your turn"],
        YourTurnFor => ["À vous d'agir, pour {who} (délégation)", "دورك للتصرف نيابة عن {who} (تفويض)", "ⵜⵓⵔⵏⴰ ⵏⵏⴽ, ⵉ {who} (ⴰⵙⵏⴼⵍ)", "Your turn, for {who} (delegation)"],
        Approve => ["Viser", "تأشير", "ⵙⵎⴰⵍ", "Approve (visa)"],
        Comment => ["Commentaire (facultatif)", "تعليق (اختياري)", "ⴰⵙⴼⵙⵔ (ⵙ ⵓⴼⵔⴰⵏ)", "Comment (optional)"],
        Sign => ["Signer", "توقيع", "ⵣⵎⵎ", "Sign"],
        SignVisibleAt => [
            "Signature visible en page {page}, à l'emplacement encadré sur l'image.",
            "توقيع مرئي في الصفحة {page}، في الموضع المؤطر على الصورة.",
            "ⴰⵣⵎⴰⵎ ⵉⵜⵜⴱⴰⵢⴰⵏ ⴳ ⵜⵙⵏⴰ {page}.",
            "Visible signature on page {page}, at the place framed on the image.",
        ],
        SignInvisible => ["Signature invisible (aucun emplacement défini).", "توقيع غير مرئي (لم يحدد موضع).", "ⴰⵣⵎⴰⵎ ⵓⵔ ⵉⵜⵜⴱⴰⵢⴰⵏ.", "Invisible signature (no place set)."],
        SignHere => ["Votre signature", "توقيعك", "ⴰⵣⵎⴰⵎ ⵏⵏⴽ", "Your signature"],
        NoKey => [
            "Vous n'avez pas de clé de signature active.",
            "ليس لديك مفتاح توقيع نشط.",
            "ⵓⵔ ⵖⵓⵔⴽ ⵜⴰⵙⴰⵔⵓⵜ ⵏ ⵓⵣⵎⴰⵎ.",
            "You have no active signing key.",
        ],
        ManageKeys => ["Gérer mes clés", "إدارة مفاتيحي", "ⵙⵙⵓⴷⵙ ⵜⵉⵙⵓⵔⴰ ⵉⵏⵓ", "Manage my keys"],
        Reject => ["Rejeter", "رفض", "ⴰⴳⵢ", "Reject"],
        RejectReason => ["Motif du rejet", "سبب الرفض", "ⴰⵙⵔⴰⴳ ⵏ ⵓⴳⴳⵉ", "Reason for rejecting"],
        RejectHint => ["Le parapheur revient à son initiateur.", "يعود الملف إلى منشئه.", "ⴰⵙⴷⴰⵡ ⴰⴷ ⵢⵓⵖⵓⵍ ⵖⵔ ⵓⵙⵏⵜⴰⵢ.", "The folder goes back to its originator."],
        Return => ["Renvoyer à une étape précédente", "إرجاع إلى مرحلة سابقة", "ⵙⵓⵖⵍ ⵖⵔ ⵜⴰⵙⵓⵔⵉⴼⵜ ⵣⵔⵉⵏ", "Return to an earlier step"],
        ReturnTo => ["Étape", "المرحلة", "ⵜⴰⵙⵓⵔⵉⴼⵜ", "Step"],
        ReturnReason => ["Motif (facultatif)", "السبب (اختياري)", "ⴰⵙⵔⴰⴳ (ⵙ ⵓⴼⵔⴰⵏ)", "Reason (optional)"],
        Annotate => ["Annoter", "إضافة ملاحظة", "ⵔⵏⵓ ⵜⴰⵎⵓⵜⵍⵜ", "Annotate"],
        Note => ["Annotation", "ملاحظة", "ⵜⴰⵎⵓⵜⵍⵜ", "Annotation"],
        Private => ["Privée (vous seul la voyez)", "خاصة (لا يراها غيرك)", "ⵜⵓⵙⵍⵉⴳⵜ (ⵏⴽ ⵡⴰⵃⴷⴽ)", "Private (only you see it)"],
        Public => ["Publique (visible des participants)", "عامة (يراها المشاركون)", "ⵜⴰⴳⴷⵓⴷⴰⵏⵜ", "Public (participants see it)"],
        Visibility => ["Visibilité", "الظهور", "ⴰⴱⴰⵢⵏ", "Visibility"],
        AddNote => ["Ajouter l'annotation", "إضافة الملاحظة", "ⵔⵏⵓ ⵜⴰⵎⵓⵜⵍⵜ", "Add the annotation"],
        Notes => ["Annotations", "الملاحظات", "ⵜⵉⵎⵓⵜⵍⵉⵏ", "Annotations"],
        NoNotes => ["Aucune annotation.", "لا توجد ملاحظات.", "ⵓⵍⴰ ⵢⴰⵜ ⵜⵎⵓⵜⵍⵜ.", "No annotations."],
        PrivateTag => ["privée", "خاصة", "ⵜⵓⵙⵍⵉⴳⵜ", "private"],
        History => ["Historique", "السجل", "ⴰⵎⵣⵔⵓⵢ", "History"],
        When => ["Date", "التاريخ", "ⴰⵙⴰⴽⵓⴷ", "When"],
        Who => ["Qui", "من", "ⵎⴰⵏ", "Who"],
        What => ["Action", "الإجراء", "ⵜⵉⴳⵉ", "Action"],
        Reason => ["Motif / commentaire", "السبب / التعليق", "ⴰⵙⵔⴰⴳ", "Reason / comment"],
        EvCreated => ["Création", "إنشاء", "ⴰⵙⵏⴼⵍⵓⵍ", "Created"],
        EvStarted => ["Circuit lancé", "إطلاق المسار", "ⴰⴱⵔⵉⴷ ⵉⴱⴷⴰ", "Circuit started"],
        EvApproved => ["Visa", "تأشيرة", "ⴰⵙⵎⴰⵍ", "Approved (visa)"],
        EvSigned => ["Signature", "توقيع", "ⴰⵣⵎⴰⵎ", "Signed"],
        EvRejected => ["Rejet", "رفض", "ⴰⴳⴳⵉ", "Rejected"],
        EvReturned => ["Renvoi à l'étape {n}", "إرجاع إلى المرحلة {n}", "ⴰⵙⵓⵖⵍ ⵖⵔ ⵜⴰⵙⵓⵔⵉⴼⵜ {n}", "Returned to step {n}"],
        EvAnnotated => ["Annotation", "ملاحظة", "ⵜⴰⵎⵓⵜⵍⵜ", "Annotated"],
        EvCompleted => ["Parapheur terminé", "انتهاء الملف", "ⴰⵙⴷⴰⵡ ⵉⵜⵜⵓⵙⵎⴷ", "Folder completed"],
        DoneApproved => ["Visa enregistré.", "تم تسجيل التأشيرة.", "ⵉⵜⵜⵓⵣⵎⵎ ⵓⵙⵎⴰⵍ.", "Visa recorded."],
        DoneSigned => ["Document(s) signé(s).", "تم توقيع الوثائق.", "ⵉⵜⵜⵓⵣⵎⵎⵏ ⵉⵙⴽⴽⵉⵏⵏ.", "Document(s) signed."],
        DoneRejected => ["Parapheur rejeté ; il revient à son initiateur.", "تم رفض الملف؛ يعود إلى منشئه.", "ⵉⵜⵜⵓⴳⴳⵉ ⵓⵙⴷⴰⵡ.", "Folder rejected; it goes back to its originator."],
        DoneReturned => ["Parapheur renvoyé à l'étape choisie.", "تم إرجاع الملف إلى المرحلة المختارة.", "ⵉⵜⵜⵓⵙⵓⵖⵍ ⵓⵙⴷⴰⵡ.", "Folder returned to the chosen step."],
        DoneAnnotated => ["Annotation ajoutée.", "تمت إضافة الملاحظة.", "ⵜⵜⵓⵔⵏⴰ ⵜⵎⵓⵜⵍⵜ.", "Annotation added."],
        BadPage => [
            "Cette page n'existe pas : le document en compte {n}.",
            "هذه الصفحة غير موجودة: عدد صفحات الوثيقة {n}.",
            "ⵜⴰⵙⵏⴰ ⴰ ⵓⵔ ⵜⵍⵍⵉ: ⴰⵙⴽⴽⵉⵏ ⵖⵓⵔⵙ {n}.",
            "This page does not exist: the document has {n}.",
        ],
        ActionRefused => ["Action refusée", "إجراء مرفوض", "ⵜⴰⴳⵉⵜ ⵜⵜⵓⴳⴳⵉ", "Action refused"],
    }
}

/// The folder's status in words.
pub fn folder_status(s: &str) -> P {
    match s {
        "draft" => P::StatusDraft,
        "completed" => P::StatusCompleted,
        "rejected" => P::StatusRejected,
        _ => P::StatusInProgress,
    }
}

/// A step's status in words.
pub fn step_status(s: &str) -> P {
    match s {
        "pending" => P::StepPending,
        "done" => P::StepDone,
        "skipped" => P::StepSkipped,
        "rejected" => P::StepRejected,
        _ => P::StepWaiting,
    }
}

/// `visa` or `signature`.
pub fn step_kind(s: &str) -> P {
    if s == "signature" { P::Signature } else { P::Visa }
}

/// A role's name, for steps assigned to a role in a unit.
pub fn role_name(s: &str) -> P {
    match s {
        "agent" => P::RoleNameAgent,
        "clerk" => P::RoleNameClerk,
        "admin" => P::RoleNameAdmin,
        _ => P::RoleNameOfficial,
    }
}

/// A history line's action (returns carry the step they went back to).
pub fn event(action: &str) -> P {
    match action {
        "created" => P::EvCreated,
        "started" => P::EvStarted,
        "approved" => P::EvApproved,
        "signed" => P::EvSigned,
        "rejected" => P::EvRejected,
        "returned" => P::EvReturned,
        "completed" => P::EvCompleted,
        _ => P::EvAnnotated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_parapheur_message_exists_in_every_language() {
        for lang in Lang::ALL {
            for m in P::ALL {
                assert!(!m.text(lang).is_empty(), "{m:?} in {lang:?}");
            }
        }
    }
}
