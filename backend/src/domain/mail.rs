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

/// Subject and body of the e-mail sent to an account's owner when someone signs up again
/// with its address (the sign-up page answers the same either way, so that it does not tell
/// who has an account).
pub fn already_registered_email(lang: Lang, name: &str, signin_link: &str) -> (String, String) {
    match lang {
        Lang::Fr => ("Sijill : vous avez déjà un compte".into(),
            format!("Bonjour {name},\n\nQuelqu'un vient de demander la création d'un compte Sijill avec votre adresse, qui a déjà un compte. Pour vous connecter :\n{signin_link}\n\nSi ce n'était pas vous, ignorez ce message : rien n'a changé.\n")),
        Lang::Ar => ("سجل: لديك حساب بالفعل".into(),
            format!("مرحبًا {name}،\n\nطلب أحدهم للتو إنشاء حساب في سجل بعنوانك، وله حساب بالفعل. لتسجيل الدخول:\n{signin_link}\n\nإن لم تكن أنت، تجاهل هذه الرسالة: لم يتغير شيء.\n")),
        Lang::Zgh => ("ⵙⵉⵊⵉⵍ: ⵖⵓⵔⴽ ⴰⵎⵉⴹⴰⵏ".into(),
            format!("ⴰⵣⵓⵍ {name},\n\nⵢⴰⵏ ⵉⵙⵙⵓⵜⵔ ⴰⴷ ⵉⵙⴽⵔ ⴰⵎⵉⴹⴰⵏ ⵙ ⵜⴰⵏⵙⴰ ⵏⵏⴽ, ⵍⵍⵉ ⵖⵓⵔⵙ ⴰⵎⵉⴹⴰⵏ. ⴰⴷ ⵜⴽⵛⵎⴷ:\n{signin_link}\n")),
        Lang::En => ("Sijill: you already have an account".into(),
            format!("Hello {name},\n\nSomeone just asked to create a Sijill account with your address, which already has one. To sign in:\n{signin_link}\n\nIf it was not you, ignore this message: nothing has changed.\n")),
    }
}

/// What a lockout protects, for its warning e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guarded {
    Password,
    Pin,
}

/// Subject and body of the warning sent when repeated wrong passwords or PINs lock an
/// account or a signing key; `until` is already formatted (UTC).
pub fn lockout_email(lang: Lang, name: &str, what: Guarded, until: &str) -> (String, String) {
    match (lang, what) {
        (Lang::Fr, Guarded::Password) => ("Sijill : connexion bloquée après des essais de mot de passe".into(),
            format!("Bonjour {name},\n\nPlusieurs mots de passe erronés ont été saisis pour votre compte Sijill. Par sécurité, la connexion est bloquée jusqu'à {until} (UTC), même avec le bon mot de passe.\n\nSi ce n'était pas vous, quelqu'un essaie peut-être de deviner votre mot de passe : après le blocage, connectez-vous et utilisez « Se déconnecter partout » sur la page Mon compte.\n")),
        (Lang::Fr, Guarded::Pin) => ("Sijill : clé de signature bloquée après des essais de code PIN".into(),
            format!("Bonjour {name},\n\nPlusieurs codes PIN erronés ont été saisis pour votre clé de signature. Par sécurité, elle est bloquée jusqu'à {until} (UTC).\n\nSi ce n'était pas vous, prévenez sans attendre votre administrateur.\n")),
        (Lang::Ar, Guarded::Password) => ("سجل: حظر الدخول بعد محاولات كلمة المرور".into(),
            format!("مرحبًا {name}،\n\nأُدخلت عدة كلمات مرور خاطئة لحسابك في سجل. حفاظًا على الأمان، حُظر الدخول حتى {until} (UTC)، حتى بكلمة المرور الصحيحة.\n\nإن لم تكن أنت، فقد يحاول أحدهم تخمين كلمة مرورك: بعد انتهاء الحظر، سجل الدخول واستعمل «تسجيل الخروج من كل الأجهزة» في صفحة حسابي.\n")),
        (Lang::Ar, Guarded::Pin) => ("سجل: حظر مفتاح التوقيع بعد محاولات الرمز السري".into(),
            format!("مرحبًا {name}،\n\nأُدخلت عدة رموز سرية خاطئة لمفتاح توقيعك. حفاظًا على الأمان، حُظر حتى {until} (UTC).\n\nإن لم تكن أنت، أخبر المسؤول فورًا.\n")),
        (Lang::Zgh, Guarded::Password) => ("ⵙⵉⵊⵉⵍ: ⴰⴽⵛⵛⵓⵎ ⵉⵜⵜⵓⵃⴱⵙ".into(),
            format!("ⴰⵣⵓⵍ {name},\n\nⵜⵜⵓⵙⴽⵛⵎⵏ ⴽⵔⴰ ⵏ ⵡⴰⵡⴰⵍⵏ ⵏ ⵓⵣⵔⴰⵢ ⵓⵔ ⵉⵖⵓⴷⴰⵏ. ⴰⴽⵛⵛⵓⵎ ⵉⵜⵜⵓⵃⴱⵙ ⴰⵔ {until} (UTC).\n")),
        (Lang::Zgh, Guarded::Pin) => ("ⵙⵉⵊⵉⵍ: ⵜⴰⵙⴰⵔⵓⵜ ⵏ ⵓⵣⵎⴰⵎ ⵜⵜⵓⵃⴱⵙ".into(),
            format!("ⴰⵣⵓⵍ {name},\n\nⵜⵜⵓⵙⴽⵛⵎⵏ ⴽⵔⴰ ⵏ PIN ⵓⵔ ⵉⵖⵓⴷⴰⵏ. ⵜⴰⵙⴰⵔⵓⵜ ⵏⵏⴽ ⵜⵜⵓⵃⴱⵙ ⴰⵔ {until} (UTC).\n")),
        (Lang::En, Guarded::Password) => ("Sijill: sign-in locked after wrong passwords".into(),
            format!("Hello {name},\n\nSeveral wrong passwords were entered for your Sijill account. For your security, signing in is locked until {until} (UTC), even with the right password.\n\nIf it was not you, someone may be trying to guess your password: once the lock ends, sign in and use “Sign out everywhere” on the My account page.\n")),
        (Lang::En, Guarded::Pin) => ("Sijill: signing key locked after wrong PINs".into(),
            format!("Hello {name},\n\nSeveral wrong PINs were entered for your signing key. For your security, it is locked until {until} (UTC).\n\nIf it was not you, tell your administrator at once.\n")),
    }
}
