extension CueLexicon {
    /// Texts of automatic replies: out of office, holidays, unmonitored mailboxes.
    static let autoReply: [Cue] = [
        Cue("auto.away", "reads as an out-of-office or holiday auto-reply", [
            "out of the office", "out of office", "out of my office", "on leave", "on annual leave",
            "on vacation", "on holiday", "currently travelling", "travelling to", "limited access to email",
            "limited access to e-mail", "limited access to mails", "limited access to my email",
            "will be back on", "will be back", "back in the office", "returning monday", "returning on",
            "upon my return", "when i return", "on my return", "no longer monitored", "automatically generated",
            "automatic reply", "auto-reply", "office is closed", "fuera de la oficina", "de vacaciones",
            "acceso limitado", "estoy fuera", "estou de férias", "de férias", "fora do escritório",
            "sem acesso ao e-mail", "absent du bureau", "je suis absent", "je suis absente", "en congés",
            "en congé", "de retour le", "na urlopie", "poza biurem", "nieobecn*", "przebywam na urlopie",
            "currently out of the office", "away from the office", "away from my desk", "annual leave",
            "public holiday", "bank holiday", "office will be closed", "our office will be closed", "for urgent",
            "urgent matters", "in my absence", "during my absence", "en mi ausencia", "durante mi ausencia",
            "na minha ausência", "em caso de urgência", "para assuntos urgentes", "en cas d'urgence",
            "pendant mon absence", "w pilnych sprawach", "w razie pilnych", "по срочным вопросам", "acil durumlarda",
            "acil konular", "in dringenden fällen", "während meiner abwesenheit", "per urgenze",
            "in caso di urgenza", "durante la mia assenza", "trường hợp khẩn cấp", "如有急事", "للأمور العاجلة",
            "في حالة الطوارئ", "в отпуске", "вне офиса", "отсутствую", "ofis dışında", "ofis dışındayım", "izindeyim", "izinde",
            "nicht im büro", "abwesend", "im urlaub", "außer haus", "nicht weitergeleitet", "fuori ufficio",
            "in ferie", "assente", "chiusura aziendale", "nghỉ phép", "vắng mặt", "không có mặt", "不在办公室",
            "休假", "外出", "خارج المكتب", "في إجازة", "اجازة", "إجازة", "فور عودتي",
        ]),
    ]

    /// Texts of bounces and delivery reports.
    static let bounce: [Cue] = [
        Cue("bounce.text", "reads as a delivery failure report", [
            "could not be delivered", "couldn't be delivered", "delivery failed", "delivery has failed",
            "undeliverable", "undelivered mail", "permanent error", "mailbox is full", "user unknown",
            "recipient address rejected", "address not found", "delivery status notification",
            "mail delivery system", "mail delivery software", "non-delivery", "returned to sender",
            "wasn't able to deliver", "i'm afraid i wasn't able to deliver", "delayed mail",
            "message could not be delivered", "unzustellbar", "nicht zugestellt", "no se pudo entregar",
            "não foi possível entregar", "non distribuable", "non remis", "nie można dostarczyć",
            "не доставлено", "не может быть доставлено", "iletilemedi", "退信", "投递失败", "无法投递",
            "邮箱已满", "系统退信", "không thể gửi", "تعذر تسليم",
        ]),
    ]

    /// Newsletters, digests and list traffic.
    static let bulk: [Cue] = [
        Cue("bulk.newsletter", "reads as a newsletter or platform digest", [
            "unsubscribe", "you are receiving this", "you received this", "receiving these updates",
            "update preferences", "manage notifications", "stop receiving", "newsletter", "in this issue",
            "weekly update", "read the full", "subscribers", "darse de baja", "cancelar suscripción",
            "descadastrar", "se désinscrire", "désabonner", "wypisz się", "wypisz", "отписаться",
            "abonelikten çık", "abmelden", "disiscriviti", "hủy đăng ký", "退订", "取消订阅",
            "إلغاء الاشتراك", "buying requests", "upgrade to gold", "view in browser", "view this email in your browser",
            "email preferences", "all rights reserved", "this email was sent to", "you have received this email",
            "no longer wish to receive", "opt out", "opt-out", "ver en el navegador", "si no desea recibir",
            "cancelar inscrição", "ne plus recevoir", "rezygnacja z subskrypcji", "отписаться от рассылки",
            "aboneliği iptal", "newsletter abbestellen", "annulla iscrizione",
        ]),
    ]

    /// Spam, cold pitches and phishing lures.
    static let spam: [Cue] = [
        Cue("spam.phishing", "asks you to sign in, verify or download through a link (phishing pattern)", [
            "verify your account", "verify your mailbox", "verify now", "mailbox verification", "sign in",
            "sign-in", "log in", "login", "log in with your email", "password", "suspension", "deactivated",
            "quota", "storage", "release pending messages", "messages are on hold", "on hold", "within 24 hours",
            "within 48 hours", "action required", "download and confirm", "secure document", "view document",
            "open the attached file with your browser", "click below", "click here", "验证", "登录", "升级",
            "подтвердите", "verifique", "vérifiez", "verify your email", "confirm your account", "unusual activity",
            "unusual sign-in", "account will be", "will expire", "has expired", "mailbox full", "revalidate",
            "re-validate", "update your account", "shared a document", "shared a file", "view shared", "docusign",
            "onedrive", "sharepoint", "wetransfer", "access the document", "review the document", "credentials",
            "kindly login", "log on", "delivery attempt", "customs fee", "contraseña", "senha", "mot de passe",
            "hasło", "пароль", "şifre", "passwort", "密码", "كلمة المرور", "verificar su cuenta",
            "verifique sua conta", "vérifier votre compte", "zweryfikuj", "hesabınızı doğrulayın",
            "konto bestätigen",
        ]),
        Cue("spam.fee", "asks you to pay a fee before any order (advance-fee or directory scam pattern)", [
            "registration fee", "processing fee", "vendor registration fee", "fee must be paid", "must be paid to",
            "pay the fee", "pay a fee", "annual fee", "listing fee", "accredited registration",
            "approved foreign vendor", "mandated to purchase", "government contract", "contract must be executed",
            "tasa de registro", "taxa de registro", "frais d'inscription", "opłata rejestracyjna",
            "регистрационный сбор", "kayıt ücreti", "registrierungsgebühr", "quota di registrazione", "注册费",
            "رسوم التسجيل",
        ]),
        Cue("spam.pitch", "sells a service to you instead of buying", [
            "we offer", "our services", "our service", "freight agent", "forwarding", "sea freight",
            "shipping rates", "door to door", "seo", "search engine", "website redesign", "web design",
            "mobile-friendly", "mock-up", "no obligation", "free trial", "buyers database", "buyer database",
            "database of buyers", "email marketing", "e-mail marketing", "mass mailing", "leads",
            "google ranking", "first page of google", "backlinks", "rankings", 
            "update your entry", "directory", "dear friend",
            "рассылк*", "базы", "marketing por correo", "servicios de", "campañas", "posicionamiento",
            "we are a leading", "leading manufacturer", "i am writing to introduce", "introduce our company",
            "introduce our services", "partnership opportunity", "business opportunity", "guest post",
            "link building", "digital marketing", "social media marketing", "lead generation", "b2b leads",
            "email list", "contact list", "attendee list", "attendees list", "visitors list", "booth space",
            "exhibitor", "exhibitors", "logistics services", "customs clearance", "shipping agent",
            "freight forwarder", "free quote", "free audit", "free consultation", "limited time offer",
            "investment opportunity", "crypto", "bitcoin", "inheritance", "beneficiary", "lottery", "western union",
            "moneygram", "ofrecemos servicios", "nuestros servicios", "nossos serviços", "oferecemos serviços",
            "nous proposons nos services", "nos services", "oferujemy usługi", "nasze usługi", "предлагаем услуги",
            "наши услуги", "hizmetlerimiz", "wir bieten ihnen", "unsere dienstleistungen", "i nostri servizi",
            "dịch vụ của chúng tôi", "我们提供", "خدماتنا",
        ]),
    ]
}
