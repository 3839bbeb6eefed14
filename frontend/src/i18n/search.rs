//! Messages of the register search page (`/bureau/search`) and of the register export form.

messages! {
    /// Search and export messages.
    S {
        NavSearch => ["Recherche", "البحث", "ⴰⵔⵣⵣⵓ", "Search"],
        Title => ["Rechercher dans le registre", "البحث في السجل", "ⵔⵣⵓ ⴳ ⵓⵙⵉⵊⵉⵍ", "Search the register"],
        Intro => [
            "Par numéro d'ordre, ou par mots de l'objet, du correspondant, du message ou des PDF joints. Seules les entrées que vous pouvez voir sont trouvées, les plus récentes d'abord.",
            "برقم الترتيب، أو بكلمات من الموضوع أو المراسل أو الرسالة أو ملفات PDF المرفقة. لا تظهر إلا المراسلات التي يمكنك الاطلاع عليها، الأحدث أولا.",
            "ⵙ ⵓⵟⵟⵓⵏ, ⵏⵖ ⵙ ⵜⵎⵔⴰⵡⵉⵏ ⵏ ⵓⵙⵏⵜⵍ, ⵏ ⵓⵎⴰⵣⴰⵏ, ⵏ ⵜⵓⵣⵉⵏⵜ ⵏⵖ ⵏ ⵉⵙⴷⴰⵡⵏ PDF. ⵖⴰⵙ ⵜⵉⴱⵔⴰⵜⵉⵏ ⵏⵏⴰ ⵜⵥⵕⵕⴰⴷ ⴰⴷ ⵜⵜⵓⴰⴼⵏⵜ, ⵜⵉⵎⴰⵢⵏⵓⵜⵉⵏ ⵣⵡⴰⵔⵏⵜ.",
            "By registration number, or by words of the subject, correspondent, message or attached PDFs. Only entries you may see are found, newest first.",
        ],
        Query => ["Numéro ou mots", "الرقم أو الكلمات", "ⵓⵟⵟⵓⵏ ⵏⵖ ⵜⵉⵎⵔⴰⵡⵉⵏ", "Number or words"],
        QueryHint => [
            "Par exemple DEMO-2026-A-000123, 123, ou « permis construire » (tous les mots doivent figurer ; accents facultatifs).",
            "مثلا DEMO-2026-A-000123 أو 123 أو «رخصة البناء» (يجب أن ترد كل الكلمات؛ الحركات اختيارية).",
            "ⵙ ⵓⵎⴷⵢⴰ DEMO-2026-A-000123, 123, ⵏⵖ « permis construire » (ⵉⵇⵇⴰⵏ ⴰⴷ ⵉⵍⵉⵏⵜ ⴰⴽⴽ ⵜⵎⵔⴰⵡⵉⵏ).",
            "For example DEMO-2026-A-000123, 123, or “permis construire” (every word must appear; accents optional).",
        ],
        RegisteredFrom => ["Enregistré à partir du", "مسجل ابتداء من", "ⵉⵜⵜⵓⵣⵎⵎⴻⵎ ⵙⴳ", "Registered from"],
        RegisteredTo => ["Enregistré jusqu'au", "مسجل إلى غاية", "ⵉⵜⵜⵓⵣⵎⵎⴻⵎ ⴰⵔ", "Registered until"],
        Submit => ["Rechercher", "بحث", "ⵔⵣⵓ", "Search"],
        Results => ["Résultats", "النتائج", "ⵜⵉⵢⴰⴼⵓⵜⵉⵏ", "Results"],
        NoResults => [
            "Aucune entrée trouvée. Essayez moins de mots ou une période plus large.",
            "لم يتم العثور على أي مراسلة. جرب كلمات أقل أو فترة أوسع.",
            "ⵓⵔ ⵜⵜⵓⴰⴼⴰ ⴽⵔⴰ ⵏ ⵜⴱⵔⴰⵜ. ⴰⵔⵎ ⵜⵉⵎⵔⴰⵡⵉⵏ ⴷⵔⵓⵙⵏⵉⵏ ⵏⵖ ⴰⴽⵓⴷ ⵢⵓⴳⴰⵔⵏ.",
            "No entry found. Try fewer words or a longer period.",
        ],
        ResultsOnPage => ["{n} résultat(s) sur cette page", "{n} نتيجة في هذه الصفحة", "{n} ⵏ ⵜⵢⴰⴼⵓⵜⵉⵏ ⴳ ⵜⵙⵏⴰ ⴰ", "{n} result(s) on this page"],
        PageN => ["Page {page}", "الصفحة {page}", "ⵜⴰⵙⵏⴰ {page}", "Page {page}"],
        ExportTitle => ["Exporter un registre", "تصدير سجل", "ⵙⵙⵓⴼⵖ ⴰⵙⵉⵊⵉⵍ", "Export a register"],
        ExportIntro => [
            "Toutes les entrées d'un registre pour une année ou une période, dans l'ordre des numéros : en CSV pour un tableur, ou en livre PDF imprimable scellé du cachet de l'administration.",
            "كل تسجيلات سجل لسنة أو لفترة، حسب ترتيب الأرقام: بصيغة CSV لبرنامج الجداول، أو كتاب PDF قابل للطباعة مختوم بختم الإدارة.",
            "ⴰⴽⴽ ⵜⵉⴱⵔⴰⵜⵉⵏ ⵏ ⵓⵙⵉⵊⵉⵍ ⵉ ⵢⴰⵏ ⵓⵙⴳⴳⵯⴰⵙ ⵏⵖ ⵢⴰⵏ ⵓⴽⵓⴷ: ⵙ CSV, ⵏⵖ ⴷ ⴰⴷⵍⵉⵙ PDF ⵉⵜⵜⵓⵙⴽⵏⴼⵏ ⵙ ⵓⵙⴽⵏⴼ ⵏ ⵜⵏⴱⴰⴹⵜ.",
            "Every entry of a register for a year or a period, in number order: as CSV for a spreadsheet, or as a printable PDF book sealed with the administration's seal.",
        ],
        Year => ["Année", "السنة", "ⴰⵙⴳⴳⵯⴰⵙ", "Year"],
        YearHint => [
            "Ou bien une période avec les deux dates ci-dessous.",
            "أو فترة بالتاريخين أدناه.",
            "ⵏⵖ ⴰⴽⵓⴷ ⵙ ⵙⵉⵏ ⵉⵣⵎⵣⴰⵢⵏ ⴷⴷⴰⵡ.",
            "Or a period with the two dates below.",
        ],
        Format => ["Format", "الصيغة", "ⴰⵎⵙⴰⵙ", "Format"],
        Csv => ["CSV (tableur)", "CSV (جداول)", "CSV (ⵜⵉⴼⵍⵡⵉⵏ)", "CSV (spreadsheet)"],
        Pdf => ["PDF scellé (livre imprimable)", "PDF مختوم (كتاب للطباعة)", "PDF ⵉⵜⵜⵓⵙⴽⵏⴼⵏ (ⴰⴷⵍⵉⵙ)", "Sealed PDF (printable book)"],
        Download => ["Télécharger", "تنزيل", "ⴰⴳⵎ", "Download"],
        BadQuery => [
            "Un des critères n'est pas accepté (date AAAA-MM-JJ, numéro d'unité…). Corrigez-le et recommencez.",
            "أحد المعايير غير مقبول (تاريخ بصيغة YYYY-MM-DD، رقم الوحدة…). صححه وأعد المحاولة.",
            "ⵢⴰⵏ ⵙⴳ ⵉⵎⵙⵜⴰⵢⵏ ⵓⵔ ⵉⵜⵜⵓⵇⴱⴰⵍ (ⴰⵣⵎⵣ YYYY-MM-DD…). ⵙⵖⵓⴷ ⵜ ⵜⴰⵍⵙⴷ.",
            "One of the criteria is not accepted (date YYYY-MM-DD, unit…). Correct it and try again.",
        ],
    }
}
