/// One respondent's answers, by question key.
public typealias SurveyAnswers = [String: SurveyAnswer]

/// An answer to one question. Choice answers hold option keys; "other" is the key
/// `ChoiceOption.otherKey` together with the text the respondent wrote.
public enum SurveyAnswer: Hashable, Sendable {
    /// A single choice: an option key, or `other` with its text.
    case choice(String, other: String? = nil)
    /// A multiple choice: option keys (in any order), and the "other" text when `other` is among them.
    case choices([String], other: String? = nil)
    case rating(Int)
    case number(Double)
    case date(CivilDate)
    case text(String)

    /// An answer that says nothing: no option chosen or only white space. It counts as no answer.
    public var isBlank: Bool {
        switch self {
        case .choice(let key, _): key.isEmpty
        case .choices(let keys, _): keys.isEmpty
        case .text(let s): BilingualText.isBlank(s)
        case .rating, .number, .date: false
        }
    }

    /// The option keys chosen (empty for non-choice answers).
    public var chosenKeys: [String] {
        switch self {
        case .choice(let key, _): key.isEmpty ? [] : [key]
        case .choices(let keys, _): keys
        default: []
        }
    }

    /// The value of a rating or number answer.
    public var numericValue: Double? {
        switch self {
        case .rating(let r): Double(r)
        case .number(let x): x
        default: nil
        }
    }

    /// The "other" text, if any.
    public var otherText: String? {
        switch self {
        case .choice(_, let other), .choices(_, let other): other
        default: nil
        }
    }
}
