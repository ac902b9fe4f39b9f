import Vapor

/// The two languages of every user-visible string.
public enum Lang: String, Sendable, CaseIterable {
    case zh = "zh-Hans"
    case en

    /// `?lang=` wins (the switch on every page), then the `lang` cookie, then Accept-Language.
    public static func of(_ request: Request) -> Lang {
        if let q = request.query[String.self, at: "lang"], let lang = Lang(code: q) { return lang }
        if let c = request.cookies["lang"]?.string, let lang = Lang(code: c) { return lang }
        for item in request.headers[.acceptLanguage].joined(separator: ",").split(separator: ",") {
            let tag = item.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .zh
    }

    init?(code: String) {
        let c = code.lowercased()
        if c.hasPrefix("zh") { self = .zh } else if c.hasPrefix("en") { self = .en } else { return nil }
    }

    var other: Lang { self == .zh ? .en : .zh }
}

/// A user-visible string in both languages. Having both is a compile-time requirement.
public struct Text: Sendable, Hashable {
    public let zh: String
    public let en: String
    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }
    public subscript(_ lang: Lang) -> String { lang == .zh ? zh : en }
}
