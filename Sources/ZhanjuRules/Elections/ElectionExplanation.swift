/// Why an election decision came out as it did: the rule applied and, in both languages, what it
/// found with its figures ("aged 17 on election day; voters must be 18"). Pages show the text;
/// the API returns the rule id beside it, so a client can match on the rule, not the words.
public struct ElectionExplanation: Codable, Hashable, Sendable, CustomStringConvertible {
    public var rule: ElectionRule
    public var zh: String
    public var en: String

    public init(_ rule: ElectionRule, zh: String, en: String) {
        self.rule = rule
        self.zh = zh
        self.en = en
    }

    public var description: String { "[\(rule.rawValue)] \(en)" }
}

extension Array where Element == ElectionExplanation {
    /// The rules named, in order, for tests and logs.
    public var rules: [ElectionRule] { map(\.rule) }
}

/// The outcome of checking something against the rules: accepted when nothing is refused. Every
/// refusal is listed at once, each naming its rule; `notes` explain what was accepted.
public struct ElectionCheck: Codable, Hashable, Sendable {
    public var refusals: [ElectionExplanation]
    public var notes: [ElectionExplanation]

    public init(refusals: [ElectionExplanation] = [], notes: [ElectionExplanation] = []) {
        self.refusals = refusals
        self.notes = notes
    }

    public var accepted: Bool { refusals.isEmpty }

    mutating func check(_ holds: Bool, _ explanation: ElectionExplanation) {
        if holds { notes.append(explanation) } else { refusals.append(explanation) }
    }
}
