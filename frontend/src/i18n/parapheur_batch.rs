//! Messages of the batch signing progress page (`/parapheur/batches/{id}`).

messages! {
    /// Batch signing messages.
    PB {
        Title => ["Signature par lot n° {id}", "التوقيع الجماعي رقم {id}", "ⴰⵣⵎⴰⵎ ⵙ ⵜⴳⵔⵓⵎⵎⴰ ⵓⵟⵟⵓⵏ {id}", "Batch signing no. {id}"],
        Running => [
            "Signature en cours : {n} dossier(s) traité(s) sur {m}.",
            "التوقيع جارٍ: عولج {n} ملف(ات) من أصل {m}.",
            "ⴰⵣⵎⴰⵎ ⵉⵜⵜⴻⴷⴷⵓ: {n} ⵙⴳ {m} ⵏ ⵉⵙⴷⴰⵡⵏ.",
            "Signing in progress: {n} of {m} folder(s) processed.",
        ],
        Done => [
            "Terminé : {signed} dossier(s) signé(s), {failed} en échec, sur {m}.",
            "انتهى: وُقّع {signed} ملف(ات)، وتعذر {failed}، من أصل {m}.",
            "ⵉⴽⵎⵎⵍ: {signed} ⵉⵜⵜⵓⵣⵎⵎⴻⵎ, {failed} ⵓⵔ ⵉⵜⵜⵓⵣⵎⵎⴻⵎ, ⵙⴳ {m}.",
            "Finished: {signed} folder(s) signed, {failed} failed, out of {m}.",
        ],
        Interrupted => [
            "Interrompu (le serveur s'est arrêté) : {n} dossier(s) traité(s) sur {m}. Les dossiers restants ne sont pas signés ; vous pouvez les signer à nouveau.",
            "توقف (توقف الخادم): عولج {n} ملف(ات) من أصل {m}. الملفات المتبقية غير موقعة؛ يمكنكم توقيعها من جديد.",
            "ⵉⴱⴷⴷ (ⵉⴱⴷⴷ ⵓⵎⴰⴽⴰⵢ): {n} ⵙⴳ {m}. ⵉⵙⴷⴰⵡⵏ ⵢⴰⴹⵏ ⵓⵔ ⵜⵜⵓⵣⵎⵎⴻⵎⵏ; ⵜⵣⵎⵔⴷ ⴰⴷ ⵜⵏ ⵜⵣⵎⵎⴻⵎⴷ ⴷⴰⵖ.",
            "Interrupted (the server stopped): {n} of {m} folder(s) processed. The remaining folders are not signed; you may sign them again.",
        ],
        Progress => ["Avancement", "التقدم", "ⴰⵙⵙⵓⴹⴹⵓ", "Progress"],
        RefreshNow => ["Mettre à jour", "تحديث", "ⵙⵎⴰⵢⵏⵓ", "Update"],
        Folder => ["Dossier", "الملف", "ⴰⵙⴷⴰⵡ", "Folder"],
        FolderN => ["Dossier n° {id}", "الملف رقم {id}", "ⴰⵙⴷⴰⵡ ⵓⵟⵟⵓⵏ {id}", "Folder no. {id}"],
        Result => ["Résultat", "النتيجة", "ⵜⴰⵢⴰⴼⵓⵜ", "Result"],
        Detail => ["Détail", "التفاصيل", "ⵉⴼⵔⵓⵙⵏ", "Details"],
        Pending => ["En attente", "في الانتظار", "ⴰⵔ ⵉⵜⵜⵔⴰⵊⵓ", "Waiting"],
        Signed => ["Signé", "موقع", "ⵉⵜⵜⵓⵣⵎⵎⴻⵎ", "Signed"],
        SignedCompleted => ["Signé — circuit terminé", "موقع — اكتمل المسار", "ⵉⵜⵜⵓⵣⵎⵎⴻⵎ — ⵉⴽⵎⵎⵍ ⵓⴱⵔⵉⴷ", "Signed — circuit completed"],
        SignedNext => ["Signé — transmis à l'étape suivante", "موقع — أحيل إلى المرحلة الموالية", "ⵉⵜⵜⵓⵣⵎⵎⴻⵎ — ⵉⵣⵔⵉ ⵖⵔ ⵜⴰⵙⵓⵔⵉⴼⵜ ⵜⴰⴹⴼⴼⵉⵔⵜ", "Signed — sent on to the next step"],
        Failed => ["Échec", "تعذر", "ⵓⵔ ⵉⵜⵜⵓⵣⵎⵎⴻⵎ", "Failed"],
        Back => ["Retour au parapheur", "العودة إلى الملفات", "ⴰⵖⵓⵍ ⵖⵔ ⵓⵙⴷⴰⵡ", "Back to the parapheur"],
    }
}
