/// How often each answer was given. Percentages are of the respondents who answered the question
/// and, for multiple choice, also of all answers given (selections), as questionnaires report them.
public struct FrequencyTable: Sendable {
    public struct Row: Hashable, Sendable {
        public var category: SurveyCategory
        public var count: Int
        /// Share of respondents who answered the question.
        public var ofRespondents: Share
        /// Share of all selections (multiple choice only).
        public var ofAnswers: Share?
    }

    public var key: String
    public var label: BilingualText
    public var multipleResponse: Bool
    /// Respondents who answered: the base of `ofRespondents`.
    public var respondents: Int
    /// Selections made (equals `respondents` for a single answer per respondent).
    public var answers: Int
    /// Respondents with no answer (skipped by logic or left empty).
    public var missing: Int
    /// Of `missing`, those the skip logic never asked (known only when built from a questionnaire).
    public var notShown: Int?
    public var rows: [Row]

    public init(_ variable: CategoricalVariable) {
        var counts = [Int](repeating: 0, count: variable.categories.count)
        var respondents = 0, answers = 0, missing = 0
        for value in variable.values {
            switch value {
            case .missing: missing += 1
            case .one(let i): counts[i] += 1; respondents += 1; answers += 1
            case .many(let list):
                respondents += 1
                for i in list { counts[i] += 1; answers += 1 }
            }
        }
        key = variable.key
        label = variable.label
        multipleResponse = variable.multipleResponse
        self.respondents = respondents
        self.answers = answers
        self.missing = missing
        notShown = nil
        rows = variable.categories.indices.map { i in
            Row(category: variable.categories[i], count: counts[i], ofRespondents: Share(counts[i], of: respondents),
                ofAnswers: variable.multipleResponse ? Share(counts[i], of: answers) : nil)
        }
    }

    /// The table of a choice or rating question; nil for other kinds. Counts who was not asked.
    public init?(question key: String, in questionnaire: Questionnaire, responses: [SurveyAnswers]) {
        guard let question = questionnaire.question(key),
              let variable = CategoricalVariable(question: question, responses: responses) else { return nil }
        self.init(variable)
        if question.showIf != nil {
            notShown = responses.reduce(0) { $0 + (questionnaire.shownQuestions(given: $1).contains(key) ? 0 : 1) }
        } else {
            notShown = 0
        }
    }

    /// The row of one category key.
    public subscript(_ categoryKey: String) -> Row? { rows.first { $0.category.key == categoryKey } }

    /// The counts as a one-row table with its total, for small-cell suppression. With multiple
    /// choice the counts do not add up to the total, and no cell can be found by subtraction.
    public func suppressed(_ control: DisclosureControl = .standard) -> SuppressedTable {
        SmallCellSuppression.apply(counts: [rows.map(\.count)], rowTotals: [respondents], columnTotals: nil, total: nil,
                                   rowsPartition: true, columnsPartition: !multipleResponse, control: control)
    }
}
