//! Messages of the parapheur's circuit form (template or ad hoc steps, signature
//! placement), the official's key, delegations, circuit templates and the PAdES settings.

messages! {
    /// Circuit, placement, keys, delegations, templates and settings.
    PC {
        NavKey => ["Ma clé", "مفتاحي", "ⵜⴰⵙⴰⵔⵓⵜ ⵉⵏⵓ", "My key"],
        NavDelegations => ["Délégations", "التفويضات", "ⵜⵉⵎⵙⵙⵓⵜⵔⵉⵏ", "Delegations"],
        NavTemplates => ["Modèles de circuit", "نماذج المسارات", "ⵉⵎⴷⵢⴰⵜⵏ ⵏ ⵓⴱⵔⵉⴷ", "Circuit templates"],
        NavSettings => ["Réglages", "الإعدادات", "ⵜⵉⵙⵖⴰⵍ", "Settings"],
        NavInbox => ["Parapheur", "حامل التوقيعات", "ⴰⵙⴷⴰⵡ ⵏ ⵓⵣⵎⴰⵎ", "Parapheur"],
        SubNav => ["Parapheur : pages", "صفحات حامل التوقيعات", "ⵜⵉⵙⵏⴰⵜⵉⵏ ⵏ ⵓⵙⴷⴰⵡ", "Parapheur pages"],
        CircuitTitle => ["Circuit : {title}", "المسار: {title}", "ⴰⴱⵔⵉⴷ: {title}", "Circuit: {title}"],
        CircuitIntro => [
            "Partez d'un modèle ou composez les étapes. Les étapes de même ordre se déroulent en parallèle ; les ordres se suivent.",
            "انطلق من نموذج أو رتب المراحل. المراحل ذات الترتيب نفسه تجري بالتوازي، والترتيبات تتوالى.",
            "ⴱⴷⵓ ⵙⴳ ⵢⴰⵏ ⵓⵎⴷⵢⴰ ⵏⵖ ⵙⵎⵓⵏ ⵜⵉⵙⵓⵔⵉⴼⵉⵏ. ⵜⵉⵙⵓⵔⵉⴼⵉⵏ ⵏ ⵢⴰⵏ ⵓⵙⵡⵉⵙ ⴷⴷⴰⵏⵜ ⵎⵢⴰⵏⴰⵡ.",
            "Start from a template or build the steps. Steps with the same order run in parallel; orders follow one another.",
        ],
        BackToFolder => ["Retour au parapheur", "العودة إلى الملف", "ⵓⵖⵓⵍ ⵖⵔ ⵓⵙⴷⴰⵡ", "Back to the folder"],
        NotEditable => [
            "Le circuit ne peut plus être choisi : le parapheur est en cours ou terminé.",
            "لم يعد بالإمكان اختيار المسار: الملف قيد التداول أو منتهٍ.",
            "ⵓⵔ ⵢⴰⴷ ⵉⵜⵜⵓⵙⵜⴰⵢ ⵓⴱⵔⵉⴷ: ⴰⵙⴷⴰⵡ ⵉⵍⵍⴰ ⴳ ⵓⴱⵔⵉⴷ ⵏⵖ ⵉⵎⴷⴰ.",
            "The circuit can no longer be chosen: the folder is under way or finished.",
        ],
        TemplateLegend => ["Partir d'un modèle", "الانطلاق من نموذج", "ⴱⴷⵓ ⵙⴳ ⵓⵎⴷⵢⴰ", "Start from a template"],
        Template => ["Modèle", "النموذج", "ⴰⵎⴷⵢⴰ", "Template"],
        ChooseTemplate => ["— Choisir un modèle —", "— اختر نموذجا —", "— ⴼⵔⵏ ⴰⵎⴷⵢⴰ —", "— Choose a template —"],
        StartWithTemplate => ["Lancer avec ce modèle", "الانطلاق بهذا النموذج", "ⴱⴷⵓ ⵙ ⵓⵎⴷⵢⴰ ⴰ", "Start with this template"],
        LoadTemplate => ["Reprendre ce modèle dans les étapes", "نسخ هذا النموذج في المراحل", "ⵙⵙⴽⵛⵎ ⴰⵎⴷⵢⴰ ⴰ ⴳ ⵜⵙⵓⵔⵉⴼⵉⵏ", "Copy this template into the steps"],
        NoTemplates => ["Aucun modèle n'est défini.", "لا يوجد أي نموذج.", "ⵓⵍⴰ ⵢⴰⵏ ⵓⵎⴷⵢⴰ.", "No template is defined."],
        StepsLegend => ["Étapes", "المراحل", "ⵜⵉⵙⵓⵔⵉⴼⵉⵏ", "Steps"],
        StepsHint => [
            "Les lignes sans destinataire sont ignorées. Une étape désigne une personne, ou un rôle dans un service.",
            "تُهمل الأسطر التي لا مرسل إليه فيها. كل مرحلة تعيّن شخصا، أو دورا في مصلحة.",
            "ⵉⵣⵔⵉⵔⴳⵏ ⴰⵔ ⴰⵎⵙⵙⵓⴼⵖ ⵓⵔ ⵜⵜⵓⵙⵎⵔⵙⵏ. ⵜⴰⵙⵓⵔⵉⴼⵜ ⵜⵙⵎⴰⵍ ⵢⴰⵏ ⵓⴼⴳⴰⵏ ⵏⵖ ⵢⴰⵏ ⵓⵎⵓⵍ ⴳ ⵜⵏⴰⴼⵓⵜ.",
            "Rows without an assignee are ignored. A step names a person, or a role in a unit.",
        ],
        StepN => ["Étape {n}", "المرحلة {n}", "ⵜⴰⵙⵓⵔⵉⴼⵜ {n}", "Step {n}"],
        Position => ["Ordre", "الترتيب", "ⴰⵙⵡⵉⵙ", "Order"],
        Kind => ["Type", "النوع", "ⴰⵏⴰⵡ", "Type"],
        KindVisa => ["Visa", "تأشيرة", "ⴰⵣⵎⵎⴻⵎ ⵏ ⵓⵇⴱⴰⵍ", "Visa"],
        KindSignature => ["Signature", "توقيع", "ⴰⵣⵎⴰⵎ", "Signature"],
        Mode => ["Étapes parallèles (même ordre)", "المراحل المتوازية (الترتيب نفسه)", "ⵜⵉⵙⵓⵔⵉⴼⵉⵏ ⵎⵢⴰⵏⴰⵡ", "Parallel steps (same order)"],
        ModeAll => ["Toutes doivent agir", "يجب أن يتصرف الجميع", "ⵉⵍⴰⵇ ⴰⴷ ⵙⴽⵔⵏ ⴰⴽⴽ", "All must act"],
        ModeOne => ["Une seule suffit", "يكفي واحد", "ⵢⴰⵏ ⵉⴳⴰ ⵢⴰⵏ", "One is enough"],
        Person => ["Personne", "الشخص", "ⴰⴼⴳⴰⵏ", "Person"],
        NoPerson => ["— Aucune —", "— لا أحد —", "— ⵓⵍⴰ ⵢⴰⵏ —", "— None —"],
        Role => ["Ou un rôle", "أو دور", "ⵏⵖ ⴰⵎⵓⵍ", "Or a role"],
        NoRole => ["— Aucun —", "— لا شيء —", "— ⵓⵍⴰ ⵢⴰⵏ —", "— None —"],
        RoleClerk => ["Agent du bureau d'ordre", "موظف مكتب الضبط", "ⴰⵎⵙⵡⵓⵔⵉ ⵏ ⵓⵎⴽⵜⴰⴱ ⵏ ⵓⵙⵡⵉⵜⵜⵉ", "Registry clerk"],
        RoleAgent => ["Agent", "موظف", "ⴰⵎⵙⵡⵓⵔⵉ", "Agent"],
        RoleOfficial => ["Responsable signataire", "المسؤول الموقّع", "ⴰⵎⵙⴷⴰⵡ ⴰⵎⵣⵎⴰⵎ", "Signing official"],
        RoleAdmin => ["Administrateur", "المدير", "ⴰⵏⵎⵀⴰⵍ", "Administrator"],
        InUnit => ["Dans le service", "في المصلحة", "ⴳ ⵜⵏⴰⴼⵓⵜ", "In the unit"],
        NoUnit => ["— Service —", "— المصلحة —", "— ⵜⴰⵏⴰⴼⵓⵜ —", "— Unit —"],
        PlacementLegend => ["Emplacement de la signature", "موضع التوقيع", "ⴰⴷⵖⴰⵔ ⵏ ⵓⵣⵎⴰⵎ", "Signature placement"],
        PlacementHint => [
            "Cliquez sur la page pour y placer la signature, ou saisissez sa position en points (origine en bas à gauche de la page). Sans emplacement, la signature est invisible.",
            "انقر على الصفحة لوضع التوقيع، أو أدخل موضعه بالنقاط (نقطة الأصل أسفل يسار الصفحة). بدون موضع يكون التوقيع غير مرئي.",
            "ⵙⵙⵏⵇⵔ ⵖⴼ ⵜⴰⵙⵏⴰ ⴰⴷ ⵜⵙⵔⵙⴷ ⴰⵣⵎⴰⵎ, ⵏⵖ ⴰⵔⵓ ⴰⴷⵖⴰⵔ ⵙ ⵜⵉⵏⵇⵉⴹⵉⵏ (ⴰⵥⵓⵕ ⴷⴷⴰⵡ ⵥⵥⵍⴰⵎⵜ). ⴰⵔ ⴰⴷⵖⴰⵔ, ⴰⵣⵎⴰⵎ ⵓⵔ ⵉⵜⵜⵡⴰⵥⵕⴰ.",
            "Click on the page to place the signature there, or type its position in points (origin at the bottom left of the page). Without a placement the signature is invisible.",
        ],
        KeysHint => [
            "Au clavier : placez-vous sur le cadre, les flèches le déplacent, Maj + flèches par grands pas.",
            "بلوحة المفاتيح: انتقل إلى الإطار، تحركه الأسهم، و Shift + الأسهم بخطوات كبيرة.",
            "ⵙ ⵜⴼⵍⵡⵉⵜ: ⴷⴷⵓ ⵖⵔ ⵓⴽⴰⴷⵔ, ⵜⵉⵏⵛⴰⵏⵉⵏ ⴰⴷ ⵜ ⵙⵎⵓⵙⵙⵓⵏⵜ, Shift + ⵜⵉⵏⵛⴰⵏⵉⵏ ⵙ ⵉⵙⵓⵔⵉⴼⵏ ⵉⵎⵇⵇⵓⵔⵏ.",
            "By keyboard: go to the frame; the arrow keys move it, Shift + arrows in big steps.",
        ],
        Page => ["Page", "الصفحة", "ⵜⴰⵙⵏⴰ", "Page"],
        X => ["x (pt, depuis la gauche)", "x (نقطة، من اليسار)", "x (ⵙⴳ ⵥⵥⵍⴰⵎⵜ)", "x (pt, from the left)"],
        Y => ["y (pt, depuis le bas)", "y (نقطة، من الأسفل)", "y (ⵙⴳ ⵡⴰⴷⴷⴰⵢ)", "y (pt, from the bottom)"],
        Width => ["Largeur (pt)", "العرض (نقطة)", "ⵜⵉⵖⵣⵉ ⵜⴰⵣⴳⵔⴰⵔⵜ (pt)", "Width (pt)"],
        Height => ["Hauteur (pt)", "الارتفاع (نقطة)", "ⵜⴰⵖⵣⵉ ⵜⴰⵔⵙⵍⵉⵜ (pt)", "Height (pt)"],
        PageImageAlt => [
            "Page {n} du document : cliquez pour placer la signature",
            "الصفحة {n} من الوثيقة: انقر لوضع التوقيع",
            "ⵜⴰⵙⵏⴰ {n} ⵏ ⵓⵙⴽⴽⵉⵏ: ⵙⵙⵏⵇⵔ ⴰⴷ ⵜⵙⵔⵙⴷ ⴰⵣⵎⴰⵎ",
            "Page {n} of the document: click to place the signature",
        ],
        Frame => [
            "Cadre de la signature, étape {n} : flèches pour le déplacer",
            "إطار التوقيع، المرحلة {n}: الأسهم لتحريكه",
            "ⴰⴽⴰⴷⵔ ⵏ ⵓⵣⵎⴰⵎ, ⵜⴰⵙⵓⵔⵉⴼⵜ {n}: ⵜⵉⵏⵛⴰⵏⵉⵏ ⴰⴷ ⵜ ⵙⵎⵓⵙⵙⵓⵏⵜ",
            "Signature frame, step {n}: arrow keys move it",
        ],
        Announce => [
            "Signature en page {page} : x {x}, y {y}, {w} × {h} points",
            "التوقيع في الصفحة {page}: x {x}، y {y}، {w} × {h} نقطة",
            "ⴰⵣⵎⴰⵎ ⴳ ⵜⵙⵏⴰ {page}: x {x}, y {y}, {w} × {h}",
            "Signature on page {page}: x {x}, y {y}, {w} × {h} points",
        ],
        Placed => [
            "Signature de l'étape {n} placée en page {page} (x {x}, y {y}). Vérifiez puis lancez le circuit.",
            "تم وضع توقيع المرحلة {n} في الصفحة {page} (x {x}، y {y}). تحقق ثم أطلق المسار.",
            "ⴰⵣⵎⴰⵎ ⵏ ⵜⵙⵓⵔⵉⴼⵜ {n} ⴳ ⵜⵙⵏⴰ {page} (x {x}, y {y}). ⵙⵏⵇⴷ ⵜⵙⵏⴽⵔⴷ ⴰⴱⵔⵉⴷ.",
            "Step {n}'s signature placed on page {page} (x {x}, y {y}). Check, then start the circuit.",
        ],
        NoPreview => [
            "Pas d'aperçu de page : saisissez la position en points.",
            "لا توجد معاينة للصفحة: أدخل الموضع بالنقاط.",
            "ⵓⵍⴰ ⵜⴰⵙⵏⴰ ⵉ ⵓⵙⴽⴰⵏ: ⴰⵔⵓ ⴰⴷⵖⴰⵔ ⵙ ⵜⵉⵏⵇⵉⴹⵉⵏ.",
            "No page preview: type the position in points.",
        ],
        Refresh => ["Mettre à jour l'aperçu", "تحديث المعاينة", "ⵙⵎⴰⵢⵏⵓ ⴰⵙⴽⴰⵏ", "Update the preview"],
        StartCircuit => ["Lancer le circuit", "إطلاق المسار", "ⵙⵏⴽⵔ ⴰⴱⵔⵉⴷ", "Start the circuit"],
        ErrPosition => ["Indiquez un ordre entre 1 et 50.", "أدخل ترتيبا بين 1 و50.", "ⴰⵔⵓ ⴰⵙⵡⵉⵙ ⴳⵔ 1 ⴷ 50.", "Give an order between 1 and 50."],
        ErrAssignee => [
            "Choisissez une personne, ou un rôle et un service (pas les deux).",
            "اختر شخصا، أو دورا ومصلحة (وليس الاثنين).",
            "ⴼⵔⵏ ⵢⴰⵏ ⵓⴼⴳⴰⵏ, ⵏⵖ ⴰⵎⵓⵍ ⴷ ⵜⴰⵏⴰⴼⵓⵜ (ⵓⵔ ⵉⴳⵉ ⵙⵉⵏ).",
            "Choose a person, or a role and a unit (not both).",
        ],
        ErrNumber => ["Saisissez un nombre.", "أدخل رقما.", "ⴰⵔⵓ ⵢⴰⵏ ⵓⵎⴹⴰⵏ.", "Enter a number."],
        ErrIncomplete => [
            "Indiquez la page, x, y, la largeur et la hauteur, ou laissez-les tous vides.",
            "أدخل الصفحة و x و y والعرض والارتفاع، أو اتركها كلها فارغة.",
            "ⴰⵔⵓ ⵜⴰⵙⵏⴰ, x, y, ⵜⵉⵖⵣⵉ ⴷ ⵜⴰⵖⵣⵉ, ⵏⵖ ⴰⵊⵊ ⵜⵏ ⵅⵡⴰⵏ.",
            "Give the page, x, y, width and height, or leave them all empty.",
        ],
        ErrPlacementVisa => [
            "Un emplacement ne vaut que pour une étape de signature.",
            "الموضع لا يخص إلا مرحلة التوقيع.",
            "ⴰⴷⵖⴰⵔ ⵉ ⵜⵙⵓⵔⵉⴼⵜ ⵏ ⵓⵣⵎⴰⵎ ⴽⴰ.",
            "A placement is only for a signature step.",
        ],
        ErrOutside => [
            "Le cadre doit tenir dans la page ({w} × {h} points) et mesurer au moins 10 × 10 points.",
            "يجب أن يكون الإطار داخل الصفحة ({w} × {h} نقطة) وألا يقل عن 10 × 10 نقاط.",
            "ⴰⴽⴰⴷⵔ ⵉⵍⴰⵇ ⴰⴷ ⵉⵍⵉ ⴳ ⵜⵙⵏⴰ ({w} × {h}) ⴷ 10 × 10 ⵓⴳⴳⴰⵔ.",
            "The frame must fit in the page ({w} × {h} points) and be at least 10 × 10 points.",
        ],
        ErrNoPage => ["Le document n'a pas de page {n}.", "ليست في الوثيقة صفحة {n}.", "ⵓⵔ ⵜⵍⵍⵉ ⵜⴰⵙⵏⴰ {n} ⴳ ⵓⵙⴽⴽⵉⵏ.", "The document has no page {n}."],
        ErrMode => [
            "Les étapes de même ordre suivent une même règle : toutes, ou une seule.",
            "المراحل ذات الترتيب نفسه تتبع قاعدة واحدة: الجميع أو واحد فقط.",
            "ⵜⵉⵙⵓⵔⵉⴼⵉⵏ ⵏ ⵢⴰⵏ ⵓⵙⵡⵉⵙ ⴹⴼⵕⵏⵜ ⵢⴰⵜ ⵜⵓⵍⴷⴰ: ⴰⴽⴽ, ⵏⵖ ⵢⴰⵏ ⴽⴰ.",
            "Steps with the same order follow one rule: all, or only one.",
        ],
        ErrNoSteps => ["Ajoutez au moins une étape.", "أضف مرحلة واحدة على الأقل.", "ⵔⵏⵓ ⵢⴰⵜ ⵜⵙⵓⵔⵉⴼⵜ ⵓⴳⴳⴰⵔ.", "Add at least one step."],
        ErrChooseTemplate => ["Choisissez un modèle.", "اختر نموذجا.", "ⴼⵔⵏ ⴰⵎⴷⵢⴰ.", "Choose a template."],
        FormErrors => ["Le formulaire contient des erreurs", "يحتوي النموذج على أخطاء", "ⵍⵍⴰⵏⵜ ⵜⵓⵣⴳⵓⵍⵉⵏ ⴳ ⵜⴼⵔⴽⵉⵜ", "The form has errors"],
        Required => ["(obligatoire)", "(إلزامي)", "(ⵉⵍⴰⵇ)", "(required)"],
    }
}

messages! {
    /// The official's key, delegations, templates and settings pages.
    PA {
        KeyTitle => ["Ma clé de signature", "مفتاح توقيعي", "ⵜⴰⵙⴰⵔⵓⵜ ⵏ ⵓⵣⵎⴰⵎ ⵉⵏⵓ", "My signing key"],
        KeyIntro => [
            "La clé avec laquelle vous signez les parapheurs. Un fichier PKCS#12 est vérifié avec son code puis conservé chiffré ; le code n'est jamais enregistré et vous est demandé à chaque signature.",
            "المفتاح الذي توقع به الملفات. يُتحقق من ملف PKCS#12 برمزه ثم يُحفظ مشفرا؛ لا يُحفظ الرمز أبدا ويُطلب منك عند كل توقيع.",
            "ⵜⴰⵙⴰⵔⵓⵜ ⵙ ⵜⵣⵎⵎⵎⴷ ⵉⵙⴷⴰⵡⵏ. ⴰⴼⴰⵢⵍⵓ PKCS#12 ⵉⵜⵜⵓⵙⵏⵇⴷ ⵙ ⵓⵟⵟⵓⵏ ⵏⵏⵙ, ⵉⵜⵜⵓⵃⵟⴰ ⵉⵜⵜⵓⵙⵏⴼⵍ; ⵓⵟⵟⵓⵏ ⵓⵔ ⵉⵜⵜⵓⵃⵟⴰ.",
            "The key you sign folders with. A PKCS#12 file is checked with its PIN then kept encrypted; the PIN is never stored and is asked at each signature.",
        ],
        CurrentKey => ["Clé active", "المفتاح النشط", "ⵜⴰⵙⴰⵔⵓⵜ ⵜⴰⵎⵙⵎⵔⵙⵜ", "Active key"],
        NoKey => ["Aucune clé de signature n'est configurée.", "لا يوجد مفتاح توقيع مضبوط.", "ⵓⵍⴰ ⵜⴰⵙⴰⵔⵓⵜ ⵏ ⵓⵣⵎⴰⵎ.", "No signing key is set up."],
        KeyKind => ["Type", "النوع", "ⴰⵏⴰⵡ", "Type"],
        KindPkcs12 => ["Fichier PKCS#12 (chiffré sur le serveur)", "ملف PKCS#12 (مشفر على الخادم)", "ⴰⴼⴰⵢⵍⵓ PKCS#12 (ⵉⵜⵜⵓⵙⵏⴼⵍ)", "PKCS#12 file (encrypted on the server)"],
        KindPkcs11 => ["Jeton matériel PKCS#11", "رمز مادي PKCS#11", "ⴰⵎⴰⵜⴰⵔ PKCS#11", "PKCS#11 hardware token"],
        KindCsc => ["Service de signature à distance (CSC)", "خدمة توقيع عن بعد (CSC)", "ⵜⴰⵏⴰⴼⵓⵜ ⵏ ⵓⵣⵎⴰⵎ ⵙ ⵜⵓⴳⴳⵓⴳⵜ (CSC)", "Remote signing service (CSC)"],
        KeyLabel => ["Nom de la clé", "اسم المفتاح", "ⵉⵙⵎ ⵏ ⵜⵙⴰⵔⵓⵜ", "Key name"],
        Subject => ["Titulaire du certificat", "صاحب الشهادة", "ⴰⵎⵍⴰ ⵏ ⵓⵙⵍⴽⵉⵏ", "Certificate holder"],
        Validity => ["Validité", "الصلاحية", "ⵜⵉⵖⵓⴷⵉ", "Validity"],
        ValidRange => ["du {from} au {to}", "من {from} إلى {to}", "ⵙⴳ {from} ⴰⵔ {to}", "from {from} to {to}"],
        Unknown => ["non connu", "غير معروف", "ⵓⵔ ⵉⵜⵜⵡⴰⵙⵙⵏ", "unknown"],
        UploadLegend => ["Déposer un certificat PKCS#12", "إيداع شهادة PKCS#12", "ⵙⵙⵓⵍⵉ ⴰⵙⵍⴽⵉⵏ PKCS#12", "Upload a PKCS#12 certificate"],
        ReplaceHint => ["Le nouveau certificat remplace la clé active.", "تحل الشهادة الجديدة محل المفتاح النشط.", "ⴰⵙⵍⴽⵉⵏ ⴰⵎⴰⵢⵏⵓ ⴰⴷ ⵉⵙⵏⴼⵍ ⵜⴰⵙⴰⵔⵓⵜ.", "The new certificate replaces the active key."],
        P12File => ["Fichier (.p12, .pfx)", "الملف (.p12، .pfx)", "ⴰⴼⴰⵢⵍⵓ (.p12, .pfx)", "File (.p12, .pfx)"],
        P12Pin => ["Code PIN du fichier", "الرمز السري للملف", "ⵓⵟⵟⵓⵏ PIN ⵏ ⵓⴼⴰⵢⵍⵓ", "The file's PIN"],
        Upload => ["Déposer", "إيداع", "ⵙⵙⵓⵍⵉ", "Upload"],
        KeySaved => ["Clé de signature enregistrée.", "تم حفظ مفتاح التوقيع.", "ⵜⵜⵓⵃⵟⴰ ⵜⵙⴰⵔⵓⵜ ⵏ ⵓⵣⵎⴰⵎ.", "Signing key saved."],
        FileRequired => ["Choisissez le fichier PKCS#12.", "اختر ملف PKCS#12.", "ⴼⵔⵏ ⴰⴼⴰⵢⵍⵓ PKCS#12.", "Choose the PKCS#12 file."],
        DelegTitle => ["Délégations", "التفويضات", "ⵜⵉⵎⵙⵙⵓⵜⵔⵉⵏ", "Delegations"],
        DelegIntro => [
            "Confiez vos étapes de visa et de signature à un collègue pendant une période : il agit en son nom « pour » vous, et la signature le dit.",
            "أسند مراحل التأشير والتوقيع إلى زميل لمدة محددة: يتصرف باسمه «نيابة عنك»، ويذكر التوقيع ذلك.",
            "ⴼⴽ ⵜⵉⵙⵓⵔⵉⴼⵉⵏ ⵏⵏⴽ ⵉ ⵢⴰⵏ ⵓⵎⴷⴷⴰⴽⴽⵍ ⵉ ⵢⴰⵜ ⵜⵣⵉ: ⴰⴷ ⵉⵙⴽⵔ ⵙ ⵢⵉⵙⵎ ⵏⵏⵙ «ⵉ» ⴽⵢⵢ.",
            "Hand your visa and signature steps to a colleague for a period: they act in their own name “for” you, and the signature says so.",
        ],
        NewDelegation => ["Nouvelle délégation", "تفويض جديد", "ⵜⴰⵎⵙⵙⵓⵜⵔⵜ ⵜⴰⵎⴰⵢⵏⵓⵜ", "New delegation"],
        Delegate => ["Délégataire", "المفوَّض إليه", "ⴰⵎⵙⵙⵓⵜⵔ", "Delegate"],
        ChooseDelegate => ["— Choisir un collègue —", "— اختر زميلا —", "— ⴼⵔⵏ ⴰⵎⴷⴷⴰⴽⴽⵍ —", "— Choose a colleague —"],
        From => ["Du", "من", "ⵙⴳ", "From"],
        To => ["Au (inclus)", "إلى (ضمنا)", "ⴰⵔ (ⴷⵉⴳⵙ)", "To (included)"],
        DateHint => ["Date au format AAAA-MM-JJ.", "التاريخ بصيغة YYYY-MM-DD.", "ⴰⵣⵎⵣ ⵙ ⵜⵍⵖⴰ YYYY-MM-DD.", "Date as YYYY-MM-DD."],
        Delegate_ => ["Déléguer", "تفويض", "ⵙⵙⵓⵜⵔ", "Delegate"],
        Given => ["Délégations que j'ai données", "التفويضات التي منحتها", "ⵜⵉⵎⵙⵙⵓⵜⵔⵉⵏ ⵏⵏⵉ ⴼⴽⵉⵖ", "Delegations I gave"],
        Received => ["Délégations que j'ai reçues", "التفويضات التي تلقيتها", "ⵜⵉⵎⵙⵙⵓⵜⵔⵉⵏ ⵏⵏⵉ ⵜⵜⴰⵎⵥⵖ", "Delegations I received"],
        NoDelegations => ["Aucune.", "لا شيء.", "ⵓⵍⴰ ⵢⴰⵜ.", "None."],
        To_ => ["À", "إلى", "ⵉ", "To"],
        By => ["De", "من", "ⵙⴳ", "From"],
        Period => ["Période", "المدة", "ⵜⴰⵣⵉ", "Period"],
        State => ["État", "الحالة", "ⴰⴷⴷⴰⴷ", "Status"],
        Active => ["En cours", "سارٍ", "ⵉⵜⵜⴷⴷⵓ", "In force"],
        Upcoming => ["À venir", "قادم", "ⵔⴰⴷ ⵉⴷⴷⵓ", "Upcoming"],
        Ended => ["Terminée", "منتهٍ", "ⵉⵎⴷⴰ", "Ended"],
        Revoked => ["Révoquée", "ملغى", "ⵉⵜⵜⵓⴽⴽⵙ", "Revoked"],
        Revoke => ["Révoquer", "إلغاء", "ⴽⴽⵙ", "Revoke"],
        RevokeFor => ["Révoquer la délégation à {who}", "إلغاء التفويض إلى {who}", "ⴽⴽⵙ ⵜⴰⵎⵙⵙⵓⵜⵔⵜ ⵉ {who}", "Revoke the delegation to {who}"],
        DelegSaved => ["Délégation enregistrée.", "تم حفظ التفويض.", "ⵜⵜⵓⵃⵟⴰ ⵜⵎⵙⵙⵓⵜⵔⵜ.", "Delegation saved."],
        DelegRevoked => ["Délégation révoquée.", "تم إلغاء التفويض.", "ⵜⵜⵓⴽⴽⵙ ⵜⵎⵙⵙⵓⵜⵔⵜ.", "Delegation revoked."],
        TemplatesTitle => ["Modèles de circuit", "نماذج المسارات", "ⵉⵎⴷⵢⴰⵜⵏ ⵏ ⵓⴱⵔⵉⴷ", "Circuit templates"],
        TemplatesIntro => [
            "Les circuits habituels de l'administration, que les agents reprennent pour leurs parapheurs.",
            "المسارات المعتادة للإدارة، التي يستعملها الموظفون لملفاتهم.",
            "ⵉⴱⵔⵉⴷⵏ ⵏ ⵜⵏⴱⴰⴹⵜ, ⵏⵏⴰ ⵙⵙⵎⵔⵙⵏ ⵉⵎⵙⵡⵓⵔⵉⵢⵏ ⵉ ⵉⵙⴷⴰⵡⵏ ⵏⵏⵙⵏ.",
            "The administration's usual circuits, which agents reuse for their folders.",
        ],
        TemplateName => ["Nom du modèle", "اسم النموذج", "ⵉⵙⵎ ⵏ ⵓⵎⴷⵢⴰ", "Template name"],
        NewTemplate => ["Nouveau modèle", "نموذج جديد", "ⴰⵎⴷⵢⴰ ⴰⵎⴰⵢⵏⵓ", "New template"],
        SaveTemplate => ["Enregistrer le modèle", "حفظ النموذج", "ⵃⴹⵓ ⴰⵎⴷⵢⴰ", "Save the template"],
        NoTemplatesYet => ["Aucun modèle pour l'instant.", "لا توجد نماذج بعد.", "ⵓⵍⴰ ⵢⴰⵏ ⵓⵎⴷⵢⴰ ⵖⵉⵍⴰ.", "No template yet."],
        TemplateSaved => ["Modèle enregistré.", "تم حفظ النموذج.", "ⵉⵜⵜⵓⵃⵟⴰ ⵓⵎⴷⵢⴰ.", "Template saved."],
        Name => ["Nom", "الاسم", "ⵉⵙⵎ", "Name"],
        StepsCol => ["Étapes", "المراحل", "ⵜⵉⵙⵓⵔⵉⴼⵉⵏ", "Steps"],
        SettingsTitle => ["Réglages du parapheur", "إعدادات حامل التوقيعات", "ⵜⵉⵙⵖⴰⵍ ⵏ ⵓⵙⴷⴰⵡ", "Parapheur settings"],
        SettingsIntro => [
            "Le niveau PAdES de toutes les signatures de l'administration. B-LT (par défaut) permet de vérifier la signature longtemps après, sans accès au réseau.",
            "مستوى PAdES لجميع توقيعات الإدارة. يتيح B-LT (افتراضي) التحقق من التوقيع بعد مدة طويلة دون اتصال.",
            "ⴰⴷⴷⴰⴷ PAdES ⵏ ⴰⴽⴽ ⵉⵣⵎⴰⵎⵏ ⵏ ⵜⵏⴱⴰⴹⵜ. B-LT ⵉⵙⵙⵏⵇⴰⴷ ⴰⵣⵎⴰⵎ ⵖⵉⵍ ⴷ ⵢⵓⵙⴰⵏ.",
            "The PAdES level of every signature of the administration. B-LT (default) lets anyone check a signature long after, offline.",
        ],
        Level => ["Niveau PAdES", "مستوى PAdES", "ⴰⴷⴷⴰⴷ PAdES", "PAdES level"],
        LevelBB => ["B-B : signature de base", "B-B: توقيع أساسي", "B-B: ⴰⵣⵎⴰⵎ ⴰⵎⴰⵜⴰⵢ", "B-B: basic signature"],
        LevelBT => ["B-T : avec horodatage", "B-T: مع ختم زمني", "B-T: ⵙ ⵓⵣⵎⵣ", "B-T: with a timestamp"],
        LevelBLT => ["B-LT : validation à long terme (par défaut)", "B-LT: تحقق طويل الأمد (افتراضي)", "B-LT: ⴰⵙⵏⵇⴷ ⵖⵣⵣⵉⴼⵏ (ⴰⵎⵣⵡⴰⵔⵓ)", "B-LT: long-term validation (default)"],
        LevelBLTA => ["B-LTA : archivage (données de validation horodatées)", "B-LTA: أرشفة (بيانات التحقق مختومة زمنيا)", "B-LTA: ⴰⵙⵓⵙⵙⵓ (ⵙ ⵓⵣⵎⵣ)", "B-LTA: archival (validation data timestamped)"],
        Save => ["Enregistrer", "حفظ", "ⵃⴹⵓ", "Save"],
        NotifLegend => ["Mes notifications par e-mail", "إشعاراتي بالبريد الإلكتروني", "ⵉⵏⵖⵎⵉⵙⵏ ⵉⵏⵓ ⵙ ⵉⵎⴰⵢⵍ", "My e-mail notifications"],
        NotifImmediate => [
            "Un e-mail pour chaque parapheur qui m'attend",
            "رسالة لكل ملف ينتظرني",
            "ⵢⴰⵏ ⵉⵎⴰⵢⵍ ⵉ ⴽⵓ ⴰⵙⴷⴰⵡ ⵉⵜⵜⵔⴰⵊⵓⵏ",
            "One e-mail for each folder waiting for me",
        ],
        NotifDaily => ["Un récapitulatif par jour", "ملخص واحد في اليوم", "ⵢⴰⵏ ⵓⵙⵎⵓⵏ ⴳ ⵡⴰⵙⵙ", "One digest a day"],
        PadesLegend => ["Signatures de l'administration", "توقيعات الإدارة", "ⵉⵣⵎⴰⵎⵏ ⵏ ⵜⵏⴱⴰⴹⵜ", "The administration's signatures"],
        SettingsSaved => ["Réglages enregistrés.", "تم حفظ الإعدادات.", "ⵜⵜⵓⵃⴹⴰⵏⵜ ⵜⵙⵖⴰⵍ.", "Settings saved."],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_message_has_text_in_every_language() {
        for lang in Lang::ALL {
            for m in PC::ALL {
                assert!(!m.text(lang).is_empty(), "{m:?} in {lang:?}");
            }
            for m in PA::ALL {
                assert!(!m.text(lang).is_empty(), "{m:?} in {lang:?}");
            }
        }
    }
}
