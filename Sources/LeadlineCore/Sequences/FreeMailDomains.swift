import Foundation

/// Public webmail domains: two people writing from them share nothing but a provider, so a reply from the same
/// free-mail domain is not "a colleague at the buyer's company".
public enum FreeMailDomains {
    /// Lower-case domains of public mail providers worldwide (global, Chinese, Russian, Indian, Latin American,
    /// European, African).
    public static let all: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.es", "yahoo.com.br",
        "yahoo.co.in", "yahoo.com.mx", "yahoo.de", "ymail.com", "rocketmail.com", "outlook.com", "hotmail.com",
        "hotmail.co.uk", "hotmail.fr", "hotmail.es", "hotmail.de", "hotmail.it", "live.com", "live.fr", "msn.com",
        "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "zoho.com", "gmx.com", "gmx.de",
        "gmx.net", "web.de", "t-online.de", "mail.com", "email.com", "yandex.ru", "yandex.com", "ya.ru", "mail.ru",
        "bk.ru", "inbox.ru", "list.ru", "rambler.ru", "qq.com", "foxmail.com", "163.com", "126.com", "yeah.net",
        "sina.com", "sina.cn", "sohu.com", "aliyun.com", "139.com", "189.cn", "wp.pl", "o2.pl", "onet.pl",
        "interia.pl", "op.pl", "gazeta.pl", "poczta.fm", "uol.com.br", "bol.com.br", "terra.com.br", "ig.com.br",
        "libero.it", "virgilio.it", "orange.fr", "laposte.net", "free.fr", "sfr.fr", "wanadoo.fr", "seznam.cz",
        "rediffmail.com", "naver.com", "daum.net", "hanmail.net", "yahoo.co.jp", "hushmail.com", "tutanota.com",
        "mail.ua", "ukr.net", "i.ua", "abv.bg", "yahoo.com.tr", "hotmail.com.tr", "mynet.com",
    ]

    /// True when `domain` (any case) is a public mail provider.
    public static func contains(_ domain: String) -> Bool { all.contains(domain.lowercased()) }

    /// The domain part of an address, lower-cased (`"Ana@Firma.PL"` gives `"firma.pl"`), or nil without `@`.
    public static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...].trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "<>")))
        return domain.isEmpty ? nil : domain.lowercased()
    }
}
