//! The texts of the e-mails the server sends, in the recipient's language.

use crate::i18n::Lang;

/// Subject and body of the e-mail carrying the address-verification link.
pub fn verification_email(lang: Lang, name: &str, link: &str) -> (String, String) {
    match lang {
        Lang::Fr => ("Sijill : confirmez votre adresse e-mail".into(),
            format!("Bonjour {name},\n\nPour activer votre compte Sijill, ouvrez ce lien (valable 48 heures) :\n{link}\n\nSi vous n'avez rien demandé, ignorez ce message.\n")),
        Lang::Ar => ("سجل: أكّد عنوان بريدك الإلكتروني".into(),
            format!("مرحبًا {name}،\n\nلتفعيل حسابك في سجل، افتح هذا الرابط (صالح لمدة 48 ساعة):\n{link}\n\nإن لم تطلب ذلك، تجاهل هذه الرسالة.\n")),
        Lang::Zgh => ("ⵙⵉⵊⵉⵍ: ⵙⵙⵏⵜⵎ ⵜⴰⵏⵙⴰ ⵏⵏⴽ ⵏ ⵉⵎⴰⵢⵍ".into(),
            format!("ⴰⵣⵓⵍ {name},\n\nⴰⴷ ⵜⵙⵙⵎⵀⵍⴷ ⴰⵎⵉⴹⴰⵏ ⵏⵏⴽ, ⵕⵥⵎ ⴰⵙⵖⵏ ⴰ (48 ⵏ ⵜⵙⵔⴰⴳⵉⵏ):\n{link}\n")),
        Lang::En => ("Sijill: confirm your e-mail address".into(),
            format!("Hello {name},\n\nTo activate your Sijill account, open this link (valid for 48 hours):\n{link}\n\nIf you did not ask for this, ignore this message.\n")),
    }
}

/// Subject and body of the e-mail carrying the sealed receipt of a filing.
pub fn receipt_email(lang: Lang, number: &str, administration: &str, link: &str) -> (String, String) {
    match lang {
        Lang::Fr => (format!("Accusé de réception {number}"),
            format!("Votre courrier à {administration} est enregistré sous le numéro {number}.\nL'accusé de réception scellé est joint ; il est aussi disponible ici :\n{link}\n")),
        Lang::Ar => (format!("وصل الاستلام {number}"),
            format!("تم تسجيل مراسلتك إلى {administration} تحت الرقم {number}.\nوصل الاستلام المختوم مرفق، ومتاح أيضًا هنا:\n{link}\n")),
        Lang::Zgh => (format!("ⴰⵙⵖⵏ ⵏ ⵓⵙⵙⵉⴹⵏ {number}"),
            format!("ⵜⵜⵓⵣⵎⵎⴻⵎ ⵜⵣⵔⴰⵎⵜ ⵏⵏⴽ ⵖⵔ {administration} ⵙ ⵓⵟⵟⵓⵏ {number}.\n{link}\n")),
        Lang::En => (format!("Acknowledgement of receipt {number}"),
            format!("Your correspondence to {administration} is registered under number {number}.\nThe sealed receipt is attached; it is also available here:\n{link}\n")),
    }
}
