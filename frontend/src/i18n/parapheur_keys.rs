//! Messages of the key page's PKCS#11 and CSC forms (`/parapheur/keys`); the PKCS#12
//! upload and the key's facts use `parapheur_circuit::PA`.

messages! {
    /// Registering a PKCS#11 token or a remote CSC credential.
    PK {
        Pkcs11Legend => ["Enregistrer un jeton PKCS#11", "تسجيل رمز PKCS#11", "ⵙⵙⴽⵛⵎ ⴰⵎⴰⵜⴰⵔ PKCS#11", "Register a PKCS#11 token"],
        Pkcs11Hint => [
            "La clé reste sur le jeton (carte, HSM). Seuls le module, le jeton et le nom de la clé sont enregistrés ; le code PIN vous est demandé à chaque signature et n'est jamais enregistré.",
            "يبقى المفتاح على الرمز (بطاقة، HSM). لا يُحفظ إلا الوحدة والرمز واسم المفتاح؛ يُطلب منك الرمز السري عند كل توقيع ولا يُحفظ أبدا.",
            "ⵜⴰⵙⴰⵔⵓⵜ ⴰⴷ ⵜⵇⵇⵉⵎ ⴳ ⵓⵎⴰⵜⴰⵔ. ⵖⴰⵙ ⴰⵎⵓⴷⵉⵍ, ⴰⵎⴰⵜⴰⵔ ⴷ ⵉⵙⵎ ⵏ ⵜⵙⴰⵔⵓⵜ ⴰⴷ ⵜⵜⵓⵃⵟⴰⵏ; ⵓⵟⵟⵓⵏ PIN ⴰⴷ ⴽ ⵉⵜⵜⵓⵙⵇⵙⴰ ⴳ ⴽⵓ ⴰⵣⵎⴰⵎ.",
            "The key stays on the token (card, HSM). Only the module, the token and the key's name are stored; the PIN is asked at each signature and never stored.",
        ],
        Module => ["Module PKCS#11 (chemin sur le serveur)", "وحدة PKCS#11 (المسار على الخادم)", "ⴰⵎⵓⴷⵉⵍ PKCS#11 (ⴰⴱⵔⵉⴷ ⴳ ⵓⵎⴰⴽⴰⵢ)", "PKCS#11 module (path on the server)"],
        ModuleHint => ["Par exemple /usr/lib/softhsm/libsofthsm2.so", "مثلا ‎/usr/lib/softhsm/libsofthsm2.so", "ⴰⵎⴷⵢⴰ: /usr/lib/softhsm/libsofthsm2.so", "For example /usr/lib/softhsm/libsofthsm2.so"],
        Token => ["Nom du jeton (emplacement)", "اسم الرمز (المنفذ)", "ⵉⵙⵎ ⵏ ⵓⵎⴰⵜⴰⵔ", "Token label (slot)"],
        KeyLabel => ["Nom de la clé sur le jeton", "اسم المفتاح على الرمز", "ⵉⵙⵎ ⵏ ⵜⵙⴰⵔⵓⵜ ⴳ ⵓⵎⴰⵜⴰⵔ", "Key label on the token"],
        RegisterPkcs11 => ["Enregistrer le jeton", "تسجيل الرمز", "ⵙⵙⴽⵛⵎ ⴰⵎⴰⵜⴰⵔ", "Register the token"],
        CscLegend => ["Enregistrer une clé à distance (CSC)", "تسجيل مفتاح عن بعد (CSC)", "ⵙⵙⴽⵛⵎ ⵜⴰⵙⴰⵔⵓⵜ ⵙ ⵜⵓⴳⴳⵓⴳⵜ (CSC)", "Register a remote key (CSC)"],
        CscHint => [
            "La clé reste chez le service de signature (API Cloud Signature Consortium). Si le service demande un code PIN, il vous est demandé à chaque signature et n'est jamais enregistré.",
            "يبقى المفتاح لدى خدمة التوقيع (واجهة Cloud Signature Consortium). إذا طلبت الخدمة رمزا سريا، يُطلب منك عند كل توقيع ولا يُحفظ أبدا.",
            "ⵜⴰⵙⴰⵔⵓⵜ ⴰⴷ ⵜⵇⵇⵉⵎ ⵖⵔ ⵜⵏⴰⴼⵓⵜ ⵏ ⵓⵣⵎⴰⵎ (CSC). ⵎⴰ ⵜⵙⵇⵙⴰ ⵜⵏⴰⴼⵓⵜ ⵓⵟⵟⵓⵏ PIN, ⴰⴷ ⴽ ⵉⵜⵜⵓⵙⵇⵙⴰ ⴳ ⴽⵓ ⴰⵣⵎⴰⵎ.",
            "The key stays with the signing service (Cloud Signature Consortium API). If the service asks for a PIN, it is asked at each signature and never stored.",
        ],
        Endpoint => ["Adresse du service", "عنوان الخدمة", "ⴰⵏⵙⴰ ⵏ ⵜⵏⴰⴼⵓⵜ", "Service address"],
        EndpointHint => [
            "Adresse de l'API avec sa version, par exemple https://signature.example/csc/v2",
            "عنوان الواجهة مع إصدارها، مثلا ‎https://signature.example/csc/v2",
            "ⴰⵏⵙⴰ ⵏ API ⴷ ⵜⵓⵏⵖⵉⵍⵜ ⵏⵏⵙ, ⴰⵎⴷⵢⴰ: https://signature.example/csc/v2",
            "The API's address with its version, for example https://signature.example/csc/v2",
        ],
        CredentialId => ["Identifiant de la clé (credentialID)", "معرف المفتاح (credentialID)", "ⴰⵙⵖⵍ ⵏ ⵜⵙⴰⵔⵓⵜ (credentialID)", "Key identifier (credentialID)"],
        RegisterCsc => ["Enregistrer la clé à distance", "تسجيل المفتاح عن بعد", "ⵙⵙⴽⵛⵎ ⵜⴰⵙⴰⵔⵓⵜ", "Register the remote key"],
        ModuleAbsolute => [
            "Indiquez le chemin complet du module, commençant par « / ».",
            "أدخل المسار الكامل للوحدة، يبدأ بـ «/».",
            "ⵙⵙⴽⵛⵎ ⴰⴱⵔⵉⴷ ⴰⴽⵎⴰⵍ ⵏ ⵓⵎⵓⴷⵉⵍ, ⵉⵙⵙⴰⵏⴼⵓⵍ ⵙ «/».",
            "Give the module's full path, starting with “/”.",
        ],
        EndpointUrl => [
            "Indiquez une adresse commençant par https:// (ou http:// sur un réseau interne).",
            "أدخل عنوانا يبدأ بـ https://‎ (أو http://‎ على شبكة داخلية).",
            "ⵙⵙⴽⵛⵎ ⴰⵏⵙⴰ ⵉⵙⵙⴰⵏⴼⵓⵍ ⵙ https:// (ⵏⵉⵖ http://).",
            "Give an address starting with https:// (or http:// on an internal network).",
        ],
        CertOnDevice => [
            "lu sur le jeton ou le service à chaque signature",
            "يُقرأ من الرمز أو الخدمة عند كل توقيع",
            "ⵉⵜⵜⵓⵖⵔⴰ ⴳ ⵓⵎⴰⵜⴰⵔ ⵏⵉⵖ ⵜⴰⵏⴰⴼⵓⵜ ⴳ ⴽⵓ ⴰⵣⵎⴰⵎ",
            "read from the token or the service at each signature",
        ],
        Certificate => ["Certificat", "الشهادة", "ⴰⵙⵍⴽⵉⵏ", "Certificate"],
        Purpose => ["Usage", "الاستعمال", "ⴰⵙⵙⵎⵔⵙ", "Use"],
        SigningKey => [
            "Clé officielle (certificat d'une autorité reconnue)",
            "مفتاح رسمي (شهادة من سلطة معترف بها)",
            "ⵜⴰⵙⴰⵔⵓⵜ ⵜⴰⵏⵚⴱⴰⴹⵜ (ⴰⵙⵍⴽⵉⵏ ⵏ ⵓⵏⴱⴰⴹ ⵉⵜⵜⵓⵙⵙⵏⵏ)",
            "Official key (certificate from a trusted authority)",
        ],
        TestKey => [
            "Clé de test : ne peut pas signer les réponses de l'administration",
            "مفتاح تجريبي: لا يمكنه توقيع أجوبة الإدارة",
            "ⵜⴰⵙⴰⵔⵓⵜ ⵏ ⵓⴰⵔⵎ: ⵓⵔ ⵜⵣⵎⵎⴰⵎ ⵜⵉⵔⴰⵔⵓⵜⵉⵏ ⵏ ⵜⵏⴱⴰⴹⵜ",
            "Test key: cannot sign the administration's answers",
        ],
        RegisterAsTest => ["Enregistrer comme clé de test", "تسجيل كمفتاح تجريبي", "ⵙⵙⴽⵛⵎ ⵎⴰⵙ ⴷ ⵜⴰⵙⴰⵔⵓⵜ ⵏ ⵓⴰⵔⵎ", "Register as a test key"],
        RegisterAsTestHint => [
            "Pour un certificat qui n'est pas délivré par une autorité reconnue (par exemple fabriqué pour essayer le parapheur). Une clé de test ne signe jamais une réponse envoyée au nom de l'administration.",
            "لشهادة غير صادرة عن سلطة معترف بها (مثلا مصنوعة لتجربة المسار). لا يوقّع المفتاح التجريبي أبدا جوابا باسم الإدارة.",
            "ⵉ ⵓⵙⵍⴽⵉⵏ ⵓⵔ ⵉⴼⴽⵉ ⵢⴰⵏ ⵓⵏⴱⴰⴹ ⵉⵜⵜⵓⵙⵙⵏⵏ. ⵜⴰⵙⴰⵔⵓⵜ ⵏ ⵓⴰⵔⵎ ⵓⵔ ⵜⵣⵎⵎⴰⵎ ⴰⴱⴷⴰ ⵜⴰⵔⴰⵔⵓⵜ ⵙ ⵉⵙⵎ ⵏ ⵜⵏⴱⴰⴹⵜ.",
            "For a certificate not issued by a trusted authority (for example one made to try the parapheur). A test key never signs an answer sent in the administration's name.",
        ],
    }
}
