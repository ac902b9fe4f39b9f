/// One answer a choice question offers. The key is what responses store and exports code;
/// it stays the same when the text is reworded.
public struct ChoiceOption: Codable, Hashable, Sendable {
    public var key: String
    public var text: BilingualText

    public init(_ key: String, _ text: BilingualText) {
        self.key = key
        self.text = text
    }

    /// The key a response uses for "other (please say)". No option may use it.
    public static let otherKey = "other"
    public static let otherText = BilingualText("其他", "Other")
}

/// What kind of answer a question takes, with the bounds a response is checked against.
public enum QuestionKind: Hashable, Sendable {
    /// One option; `allowsOther` adds "other" with a text.
    case singleChoice(options: [ChoiceOption], allowsOther: Bool)
    /// Any number of options between `minimum` and `maximum` (nil: all of them).
    case multipleChoice(options: [ChoiceOption], allowsOther: Bool, minimum: Int, maximum: Int?)
    /// Whole points from `lowest` to `highest` (at most 11 points, as 0–10), with optional end labels.
    case ratingScale(lowest: Int, highest: Int, lowLabel: BilingualText?, highLabel: BilingualText?)
    /// A number, optionally bounded and optionally whole.
    case number(minimum: Double?, maximum: Double?, wholeNumbers: Bool)
    /// A calendar date, optionally bounded.
    case date(earliest: CivilDate?, latest: CivilDate?)
    /// Free text of at most `maxLength` characters.
    case freeText(maxLength: Int)

    /// The options of a choice question (without "other"); empty for other kinds.
    public var options: [ChoiceOption] {
        switch self {
        case .singleChoice(let o, _), .multipleChoice(let o, _, _, _): o
        default: []
        }
    }

    public var allowsOther: Bool {
        switch self {
        case .singleChoice(_, let other), .multipleChoice(_, let other, _, _): other
        default: false
        }
    }

    public var isChoice: Bool {
        switch self {
        case .singleChoice, .multipleChoice: true
        default: false
        }
    }

    /// Kinds whose answers are numbers (conditions may test a range).
    public var isNumeric: Bool {
        switch self {
        case .ratingScale, .number: true
        default: false
        }
    }

    /// The option keys a response may hold, "other" included when allowed.
    public var answerKeys: [String] {
        options.map(\.key) + (allowsOther ? [ChoiceOption.otherKey] : [])
    }
}

/// A question: its key (stable across wording changes and versions), text, kind, whether it must
/// be answered, and the condition under which it is shown at all (skip logic).
public struct Question: Hashable, Sendable {
    public var key: String
    public var text: BilingualText
    public var help: BilingualText?
    public var kind: QuestionKind
    public var required: Bool
    /// Shown only when this holds for earlier answers; nil: always shown.
    public var showIf: SkipCondition?

    public init(_ key: String, _ text: BilingualText, _ kind: QuestionKind, required: Bool = false,
                showIf: SkipCondition? = nil, help: BilingualText? = nil) {
        self.key = key
        self.text = text
        self.kind = kind
        self.required = required
        self.showIf = showIf
        self.help = help
    }
}
