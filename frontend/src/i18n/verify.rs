//! Messages of the public verification page: each verdict in plain words.

messages! {
    /// Verification page messages.
    V {
        VerifyTitle => ["Vérifier un document signé", "التحقق من وثيقة موقعة", "ⵙⵏⵇⴷ ⴰⵙⵎⵍ ⵉⵜⵜⵓⵙⵎⴰⵍⵏ", "Verify a signed document"],
        VerifyIntro => [
            "Envoyez un accusé de réception ou tout PDF signé : Sijill contrôle chaque signature et vous dit, en clair, si elle est valable. Le fichier n'est pas conservé.",
            "أرسل وصل إيداع أو أي ملف PDF موقع: يتحقق سجل من كل توقيع ويخبرك بوضوح إن كان صالحا. لا يتم الاحتفاظ بالملف.",
            "ⴰⵣⵏ ⴰⵙⵖⵏ ⵏⵖ ⴽⵓ PDF ⵉⵜⵜⵓⵙⵎⴰⵍⵏ: ⵙⵉⴵⵉⵍ ⴰⴷ ⵉⵙⵏⵇⴷ ⴽⵓ ⴰⵙⵎⴰⵍ ⴷ ⴰⴷ ⴰⴽ ⵉⵏⵉ ⵉⵙ ⵉⵖⵓⴷⴰ. ⴰⴼⴰⵢⵍⵓ ⵓⵔ ⵉⵜⵜⵓⵃⴹⴰ.",
            "Send a receipt or any signed PDF: Sijill checks each signature and tells you plainly whether it is valid. The file is not kept.",
        ],
        PdfFile => ["Fichier PDF", "ملف PDF", "ⴰⴼⴰⵢⵍⵓ PDF", "PDF file"],
        VerifyButton => ["Vérifier", "تحقق", "ⵙⵏⵇⴷ", "Verify"],
        ResultTitle => ["Résultat de la vérification", "نتيجة التحقق", "ⴰⵢⴰⴼⵓ ⵏ ⵓⵙⵏⵇⴷ", "Verification result"],
        ReportFor => ["Document : {name}", "الوثيقة: {name}", "ⴰⵙⵎⵍ: {name}", "Document: {name}"],
        SignatureCount => [
            "Ce document porte {n} signature(s).",
            "تحمل هذه الوثيقة {n} توقيع(ات).",
            "ⴰⵙⵎⵍ ⴰ ⵖⵓⵔⵙ {n} ⵏ ⵓⵙⵎⴰⵍ.",
            "This document carries {n} signature(s).",
        ],
        NoSignatures => [
            "Ce document ne porte aucune signature électronique.",
            "لا تحمل هذه الوثيقة أي توقيع إلكتروني.",
            "ⴰⵙⵎⵍ ⴰ ⵓⵔ ⵖⵓⵔⵙ ⴽⵔⴰ ⵏ ⵓⵙⵎⴰⵍ ⴰⵏⵓⵎⴰⵏ.",
            "This document carries no electronic signature.",
        ],
        SignatureN => ["Signature {n}", "التوقيع {n}", "ⴰⵙⵎⴰⵍ {n}", "Signature {n}"],
        Valid => ["Signature valable", "توقيع صالح", "ⴰⵙⵎⴰⵍ ⵉⵖⵓⴷⴰⵏ", "Valid signature"],
        Invalid => ["Signature NON valable", "توقيع غير صالح", "ⴰⵙⵎⴰⵍ ⵓⵔ ⵉⵖⵓⴷⴰ", "Signature NOT valid"],
        Indeterminate => [
            "Signature intacte, mais l'identité du signataire n'a pas pu être confirmée",
            "التوقيع سليم، لكن تعذر تأكيد هوية الموقع",
            "ⴰⵙⵎⴰⵍ ⵉⵎⵓⵏ, ⵎⴰⵛⴰ ⵓⵔ ⵜⵜⵓⵙⵏⵜⵎ ⵜⵎⴰⴳⵉⵜ ⵏ ⵓⵎⵙⵎⴰⵍ",
            "Signature intact, but the signer's identity could not be confirmed",
        ],
        Signer => ["Signataire", "الموقع", "ⴰⵎⵙⵎⴰⵍ", "Signer"],
        Issuer => ["Certificat délivré par", "الشهادة صادرة عن", "ⴰⵙⴰⵔⴰⴳ ⵙⴳ", "Certificate issued by"],
        CertValidity => [
            "Certificat valable du {from} au {to}",
            "الشهادة صالحة من {from} إلى {to}",
            "ⴰⵙⴰⵔⴰⴳ ⵉⵖⵓⴷⴰ ⵙⴳ {from} ⴰⵔ {to}",
            "Certificate valid from {from} to {to}",
        ],
        SignedAt => ["Signé le", "تاريخ التوقيع", "ⵉⵜⵜⵓⵙⵎⴰⵍ ⴳ", "Signed on"],
        TimestampAt => ["Horodaté le", "تاريخ الختم الزمني", "ⴰⵙⴰⴽⵓⴷ ⵏ ⵓⴽⵓⴷ", "Timestamped on"],
        NoTimestamp => [
            "Pas d'horodatage : la date est celle déclarée par le signataire.",
            "لا يوجد ختم زمني: التاريخ هو الذي صرح به الموقع.",
            "ⵓⵔ ⵉⵍⵍⵉ ⵓⴽⵓⴷ: ⴰⵙⴰⴽⵓⴷ ⴷ ⵡⴰ ⵏⵏⴰ ⵉⵏⵏⴰ ⵓⵎⵙⵎⴰⵍ.",
            "No timestamp: the date is the one the signer declared.",
        ],
        Level => ["Niveau", "المستوى", "ⴰⵙⵡⵉⵔ", "Level"],
        IntactYes => [
            "Le contenu signé n'a pas été modifié.",
            "لم يتم تغيير المحتوى الموقع.",
            "ⵜⵓⵎⴰⵢⵜ ⵉⵜⵜⵓⵙⵎⴰⵍⵏ ⵓⵔ ⵜⵜⵓⴱⴷⴷⴰⵍ.",
            "The signed content has not been changed.",
        ],
        IntactNo => [
            "Le contenu a été modifié depuis la signature.",
            "تم تغيير المحتوى بعد التوقيع.",
            "ⵜⵓⵎⴰⵢⵜ ⵜⵜⵓⴱⴷⴷⴰⵍ ⴷⴼⴼⵉⵔ ⵓⵙⵎⴰⵍ.",
            "The content has been changed since it was signed.",
        ],
        ModifiedAfter => [
            "Des modifications ont été ajoutées au document après cette signature.",
            "أضيفت تعديلات إلى الوثيقة بعد هذا التوقيع.",
            "ⵜⵜⵓⵔⵏⴰⵏⵜ ⴽⵔⴰ ⵏ ⵜⵎⵣⵣⴰⵔⵉⵏ ⵉ ⵓⵙⵎⵍ ⴷⴼⴼⵉⵔ ⵓⵙⵎⴰⵍ ⴰ.",
            "Changes were added to the document after this signature.",
        ],
        TrustedYes => [
            "Le certificat remonte à une autorité de confiance reconnue.",
            "الشهادة صادرة عن سلطة ثقة معترف بها.",
            "ⴰⵙⴰⵔⴰⴳ ⵉⴽⴽⴰ ⵙⴳ ⵢⴰⵜ ⵜⵏⴱⴰⴹⵜ ⵏ ⵓⴼⵍⵍⴰⵙ ⵉⵜⵜⵓⵙⵙⵏⵏ.",
            "The certificate leads to a recognised trust authority.",
        ],
        TrustedNo => [
            "Le certificat ne remonte à aucune autorité de confiance reconnue.",
            "الشهادة لا ترجع إلى أي سلطة ثقة معترف بها.",
            "ⴰⵙⴰⵔⴰⴳ ⵓⵔ ⵉⴽⴽⵉ ⵙⴳ ⴽⵔⴰ ⵏ ⵜⵏⴱⴰⴹⵜ ⵏ ⵓⴼⵍⵍⴰⵙ.",
            "The certificate does not lead to any recognised trust authority.",
        ],
        RevocationGood => [
            "Le certificat n'était pas révoqué.",
            "لم تكن الشهادة ملغاة.",
            "ⴰⵙⴰⵔⴰⴳ ⵓⵔ ⵉⵜⵜⵓⴽⴽⵙ.",
            "The certificate was not revoked.",
        ],
        RevocationRevoked => [
            "Le certificat a été révoqué.",
            "تم إلغاء الشهادة.",
            "ⴰⵙⴰⵔⴰⴳ ⵉⵜⵜⵓⴽⴽⵙ.",
            "The certificate has been revoked.",
        ],
        RevocationUnknown => [
            "La révocation du certificat n'a pas pu être contrôlée.",
            "تعذر التحقق من إلغاء الشهادة.",
            "ⵓⵔ ⵉⵜⵜⵓⵙⵏⵇⴷ ⵓⴽⴽⵙ ⵏ ⵓⵙⴰⵔⴰⴳ.",
            "Whether the certificate was revoked could not be checked.",
        ],
        ForSigning => [
            "Certificat de signature ou de cachet.",
            "شهادة توقيع أو ختم.",
            "ⴰⵙⴰⵔⴰⴳ ⵏ ⵓⵙⵎⴰⵍ ⵏⵖ ⵏ ⵓⴽⵓⵜⵛⵉ.",
            "Signing or seal certificate.",
        ],
        AuthOnly => [
            "Certificat d'authentification seulement : il ne devrait pas servir à signer.",
            "شهادة مصادقة فقط: لا ينبغي استعمالها للتوقيع.",
            "ⴰⵙⴰⵔⴰⴳ ⵏ ⵓⵙⵏⵜⵎ ⴽⴰⵏ: ⵓⵔ ⵉⵇⵇⵉⵍ ⵉ ⵓⵙⵎⴰⵍ.",
            "Authentication-only certificate: it should not be used to sign.",
        ],
        ReceiptOf => [
            "Accusé de réception n° {n}",
            "وصل الإيداع رقم {n}",
            "ⴰⵙⵖⵏ ⵓⵟⵟⵓⵏ {n}",
            "Receipt no. {n}",
        ],
        VerifyAnother => ["Vérifier un autre document", "التحقق من وثيقة أخرى", "ⵙⵏⵇⴷ ⴰⵙⵎⵍ ⵢⴰⴹⵏ", "Verify another document"],
    }
}
