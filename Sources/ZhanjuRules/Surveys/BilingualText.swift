/// The two languages a questionnaire is written in. Raw values match the app's language tags.
public enum SurveyLanguage: String, Codable, CaseIterable, Sendable {
    case zh = "zh-Hans"
    case en
}

/// Text a resident reads, in Chinese and English. Chinese is the questionnaire's own language;
/// English may be left empty, and then reads as the Chinese.
public struct BilingualText: Codable, Hashable, Sendable {
    public var zh: String
    public var en: String

    public init(_ zh: String, _ en: String = "") {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`, falling back to Chinese when the English is empty.
    public subscript(_ language: SurveyLanguage) -> String {
        language == .en && !BilingualText.isBlank(en) ? en : zh
    }

    /// Whether the text in `language` is missing (empty or only white space).
    public func isMissing(_ language: SurveyLanguage) -> Bool {
        BilingualText.isBlank(language == .zh ? zh : en)
    }

    static func isBlank(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}
