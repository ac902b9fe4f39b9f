/// A questionnaire as values: sections of questions, in the order a respondent meets them.
/// A questionnaire that has responses is never edited; a change makes a new version
/// (`QuestionnaireRevision`), and each response keeps the version it answered.
public struct Questionnaire: Hashable, Sendable, Codable {
    public var title: BilingualText
    public var version: Int
    public var sections: [QuestionnaireSection]

    public init(title: BilingualText, version: Int = 1, sections: [QuestionnaireSection]) {
        self.title = title
        self.version = version
        self.sections = sections
    }

    /// The largest limit a free-text question may set: a long letter, not a book (a limit is
    /// also what a respondent's text is checked against before it is stored).
    public static let longestText = 10_000

    /// Every question in order.
    public var questions: [Question] { sections.flatMap(\.questions) }

    public func question(_ key: String) -> Question? {
        for section in sections { if let q = section.questions.first(where: { $0.key == key }) { return q } }
        return nil
    }

    /// Position of each question in the questionnaire (first occurrence wins for duplicates).
    func positions() -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, q) in questions.enumerated() where index[q.key] == nil { index[q.key] = i }
        return index
    }
}

/// A titled group of questions (one page on a phone, one block on paper).
public struct QuestionnaireSection: Hashable, Sendable, Codable {
    public var key: String
    public var title: BilingualText
    public var questions: [Question]

    public init(_ key: String, _ title: BilingualText, _ questions: [Question]) {
        self.key = key
        self.title = title
        self.questions = questions
    }
}
