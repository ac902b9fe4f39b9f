/// The stored JSON form of questionnaires, conditions, answers and sampling modes: explicit,
/// snake_case and tagged with `"type"`, so what the database holds is a format we chose, not
/// whatever the compiler synthesises. Dates are `YYYY-MM-DD`.
struct SurveyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private typealias K = SurveyKey

extension KeyedDecodingContainer where Key == SurveyKey {
    fileprivate func date(_ name: String) throws -> CivilDate? {
        guard let text = try decodeIfPresent(String.self, forKey: K(name)) else { return nil }
        guard let d = CivilDate(iso: text) else {
            throw DecodingError.dataCorruptedError(forKey: K(name), in: self, debugDescription: "expected YYYY-MM-DD")
        }
        return d
    }
    func unknown(_ type: String) -> DecodingError {
        .dataCorruptedError(forKey: K("type"), in: self, debugDescription: "unknown type \(type)")
    }
}

extension QuestionKind: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SurveyKey.self)
        let type = try c.decode(String.self, forKey: K("type"))
        switch type {
        case "single_choice":
            self = .singleChoice(options: try c.decode([ChoiceOption].self, forKey: K("options")),
                                 allowsOther: try c.decodeIfPresent(Bool.self, forKey: K("allows_other")) ?? false)
        case "multiple_choice":
            self = .multipleChoice(options: try c.decode([ChoiceOption].self, forKey: K("options")),
                                   allowsOther: try c.decodeIfPresent(Bool.self, forKey: K("allows_other")) ?? false,
                                   minimum: try c.decodeIfPresent(Int.self, forKey: K("minimum")) ?? 0,
                                   maximum: try c.decodeIfPresent(Int.self, forKey: K("maximum")))
        case "rating_scale":
            self = .ratingScale(lowest: try c.decode(Int.self, forKey: K("lowest")), highest: try c.decode(Int.self, forKey: K("highest")),
                                lowLabel: try c.decodeIfPresent(BilingualText.self, forKey: K("low_label")),
                                highLabel: try c.decodeIfPresent(BilingualText.self, forKey: K("high_label")))
        case "number":
            self = .number(minimum: try c.decodeIfPresent(Double.self, forKey: K("minimum")),
                           maximum: try c.decodeIfPresent(Double.self, forKey: K("maximum")),
                           wholeNumbers: try c.decodeIfPresent(Bool.self, forKey: K("whole_numbers")) ?? false)
        case "date":
            self = .date(earliest: try c.date("earliest"), latest: try c.date("latest"))
        case "free_text":
            self = .freeText(maxLength: try c.decode(Int.self, forKey: K("max_length")))
        default:
            throw c.unknown(type)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SurveyKey.self)
        switch self {
        case .singleChoice(let options, let other):
            try c.encode("single_choice", forKey: K("type"))
            try c.encode(options, forKey: K("options"))
            try c.encode(other, forKey: K("allows_other"))
        case .multipleChoice(let options, let other, let minimum, let maximum):
            try c.encode("multiple_choice", forKey: K("type"))
            try c.encode(options, forKey: K("options"))
            try c.encode(other, forKey: K("allows_other"))
            try c.encode(minimum, forKey: K("minimum"))
            try c.encodeIfPresent(maximum, forKey: K("maximum"))
        case .ratingScale(let lowest, let highest, let low, let high):
            try c.encode("rating_scale", forKey: K("type"))
            try c.encode(lowest, forKey: K("lowest"))
            try c.encode(highest, forKey: K("highest"))
            try c.encodeIfPresent(low, forKey: K("low_label"))
            try c.encodeIfPresent(high, forKey: K("high_label"))
        case .number(let minimum, let maximum, let whole):
            try c.encode("number", forKey: K("type"))
            try c.encodeIfPresent(minimum, forKey: K("minimum"))
            try c.encodeIfPresent(maximum, forKey: K("maximum"))
            try c.encode(whole, forKey: K("whole_numbers"))
        case .date(let earliest, let latest):
            try c.encode("date", forKey: K("type"))
            try c.encodeIfPresent(earliest?.iso, forKey: K("earliest"))
            try c.encodeIfPresent(latest?.iso, forKey: K("latest"))
        case .freeText(let maxLength):
            try c.encode("free_text", forKey: K("type"))
            try c.encode(maxLength, forKey: K("max_length"))
        }
    }
}

extension SkipCondition: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SurveyKey.self)
        let type = try c.decode(String.self, forKey: K("type"))
        switch type {
        case "chosen":
            self = .chosen(question: try c.decode(String.self, forKey: K("question")), anyOf: try c.decode([String].self, forKey: K("any_of")))
        case "between":
            self = .between(question: try c.decode(String.self, forKey: K("question")),
                            lowest: try c.decode(Double.self, forKey: K("lowest")), highest: try c.decode(Double.self, forKey: K("highest")))
        case "answered":
            self = .answered(question: try c.decode(String.self, forKey: K("question")))
        case "all": self = .all(try c.decode([SkipCondition].self, forKey: K("conditions")))
        case "any": self = .any(try c.decode([SkipCondition].self, forKey: K("conditions")))
        case "not": self = .not(try c.decode(SkipCondition.self, forKey: K("condition")))
        default: throw c.unknown(type)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SurveyKey.self)
        switch self {
        case .chosen(let q, let keys):
            try c.encode("chosen", forKey: K("type"))
            try c.encode(q, forKey: K("question"))
            try c.encode(keys, forKey: K("any_of"))
        case .between(let q, let lowest, let highest):
            try c.encode("between", forKey: K("type"))
            try c.encode(q, forKey: K("question"))
            try c.encode(lowest, forKey: K("lowest"))
            try c.encode(highest, forKey: K("highest"))
        case .answered(let q):
            try c.encode("answered", forKey: K("type"))
            try c.encode(q, forKey: K("question"))
        case .all(let cs):
            try c.encode("all", forKey: K("type"))
            try c.encode(cs, forKey: K("conditions"))
        case .any(let cs):
            try c.encode("any", forKey: K("type"))
            try c.encode(cs, forKey: K("conditions"))
        case .not(let inner):
            try c.encode("not", forKey: K("type"))
            try c.encode(inner, forKey: K("condition"))
        }
    }
}

extension Question: Codable {
    private enum CodingKeys: String, CodingKey {
        case key, text, help, kind, required
        case showIf = "show_if"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .key), try c.decode(BilingualText.self, forKey: .text),
                  try c.decode(QuestionKind.self, forKey: .kind),
                  required: try c.decodeIfPresent(Bool.self, forKey: .required) ?? false,
                  showIf: try c.decodeIfPresent(SkipCondition.self, forKey: .showIf),
                  help: try c.decodeIfPresent(BilingualText.self, forKey: .help))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(text, forKey: .text)
        try c.encodeIfPresent(help, forKey: .help)
        try c.encode(kind, forKey: .kind)
        try c.encode(required, forKey: .required)
        try c.encodeIfPresent(showIf, forKey: .showIf)
    }
}

extension SurveyAnswer: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SurveyKey.self)
        let type = try c.decode(String.self, forKey: K("type"))
        switch type {
        case "choice":
            self = .choice(try c.decode(String.self, forKey: K("option")), other: try c.decodeIfPresent(String.self, forKey: K("other")))
        case "choices":
            self = .choices(try c.decode([String].self, forKey: K("options")), other: try c.decodeIfPresent(String.self, forKey: K("other")))
        case "rating": self = .rating(try c.decode(Int.self, forKey: K("value")))
        case "number": self = .number(try c.decode(Double.self, forKey: K("value")))
        case "date":
            guard let d = try c.date("value") else {
                throw DecodingError.keyNotFound(K("value"), .init(codingPath: c.codingPath, debugDescription: "a date answer has a value"))
            }
            self = .date(d)
        case "text": self = .text(try c.decode(String.self, forKey: K("value")))
        default: throw c.unknown(type)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SurveyKey.self)
        switch self {
        case .choice(let key, let other):
            try c.encode("choice", forKey: K("type"))
            try c.encode(key, forKey: K("option"))
            try c.encodeIfPresent(other, forKey: K("other"))
        case .choices(let keys, let other):
            try c.encode("choices", forKey: K("type"))
            try c.encode(keys, forKey: K("options"))
            try c.encodeIfPresent(other, forKey: K("other"))
        case .rating(let r):
            try c.encode("rating", forKey: K("type"))
            try c.encode(r, forKey: K("value"))
        case .number(let x):
            try c.encode("number", forKey: K("type"))
            try c.encode(x, forKey: K("value"))
        case .date(let d):
            try c.encode("date", forKey: K("type"))
            try c.encode(d.iso, forKey: K("value"))
        case .text(let s):
            try c.encode("text", forKey: K("type"))
            try c.encode(s, forKey: K("value"))
        }
    }
}
