/// A category a table counts: an option, a scale point, a compound, an age band.
public struct SurveyCategory: Hashable, Sendable {
    public var key: String
    public var label: BilingualText

    public init(_ key: String, _ label: BilingualText) {
        self.key = key
        self.label = label
    }
}

/// Per respondent, the categories they fall in: what frequency tables and cross-tabulations
/// count. Built from a question (choices, scale points) or from a grouping value the app supplies
/// (compound, age band, sex). All variables of one analysis list respondents in the same order.
public struct CategoricalVariable: Sendable {
    public enum Value: Hashable, Sendable {
        case missing
        case one(Int)
        /// Several categories (multiple choice), as indices into `categories`, without repeats.
        case many([Int])
    }

    public var key: String
    public var label: BilingualText
    public var categories: [SurveyCategory]
    /// A respondent may fall in several categories (multiple choice).
    public var multipleResponse: Bool
    public var values: [Value]

    public init(key: String, label: BilingualText, categories: [SurveyCategory], multipleResponse: Bool, values: [Value]) {
        self.key = key
        self.label = label
        self.categories = categories
        self.multipleResponse = multipleResponse
        self.values = values
    }

    /// The categories of a choice or rating question; nil for numbers, dates and free text.
    public static func categories(of question: Question) -> [SurveyCategory]? {
        switch question.kind {
        case .singleChoice, .multipleChoice:
            return question.kind.options.map { SurveyCategory($0.key, $0.text) }
                + (question.kind.allowsOther ? [SurveyCategory(ChoiceOption.otherKey, ChoiceOption.otherText)] : [])
        case .ratingScale(let lowest, let highest, let low, let high):
            return (lowest...highest).map { point in
                let n = String(point)
                let end = point == lowest ? low : point == highest ? high : nil
                return SurveyCategory(n, end.map { BilingualText("\(n) \($0.zh)", "\(n) \($0[.en])") } ?? BilingualText(n, n))
            }
        case .number, .date, .freeText:
            return nil
        }
    }

    /// A question's answers as a variable; nil for questions that are not categorical. Answers
    /// outside the question's categories (which validation refuses) count as missing.
    public init?(question: Question, responses: [SurveyAnswers]) {
        guard let categories = Self.categories(of: question) else { return nil }
        var index: [String: Int] = [:]
        for (i, c) in categories.enumerated() { index[c.key] = i }
        let multiple: Bool
        if case .multipleChoice = question.kind { multiple = true } else { multiple = false }
        let key = question.key
        let values: [Value] = responses.map { answers in
            guard let answer = answers[key] else { return .missing }
            switch answer {
            case .choice(let k, _):
                return index[k].map { .one($0) } ?? .missing
            case .choices(let keys, _):
                var seen: [Int] = []
                for k in keys { if let i = index[k], !seen.contains(i) { seen.append(i) } }
                return seen.isEmpty ? .missing : .many(seen.sorted())
            case .rating(let r):
                return index[String(r)].map { .one($0) } ?? .missing
            default:
                return .missing
            }
        }
        self.init(key: question.key, label: question.text, categories: categories, multipleResponse: multiple, values: values)
    }

    /// A grouping value per respondent (a category key, or nil when unknown). Keys not among
    /// `categories` are added after them, labelled with the key, so nothing is lost.
    public static func grouping(key: String, label: BilingualText, categories: [SurveyCategory], values: [String?]) -> CategoricalVariable {
        var all = categories
        var index: [String: Int] = [:]
        for (i, c) in all.enumerated() where index[c.key] == nil { index[c.key] = i }
        let coded: [Value] = values.map { value in
            guard let value else { return .missing }
            if let i = index[value] { return .one(i) }
            all.append(SurveyCategory(value, BilingualText(value, value)))
            index[value] = all.count - 1
            return .one(all.count - 1)
        }
        return CategoricalVariable(key: key, label: label, categories: all, multipleResponse: false, values: coded)
    }

    /// Sex as a grouping variable (女 / 男).
    public static func sex(_ values: [Sex?]) -> CategoricalVariable {
        grouping(key: "sex", label: BilingualText("性别", "Sex"),
                 categories: [SurveyCategory(Sex.female.rawValue, BilingualText("女", "Female")),
                              SurveyCategory(Sex.male.rawValue, BilingualText("男", "Male"))],
                 values: values.map { $0?.rawValue })
    }

    /// The respondents for whom `keep` holds, in order (for filters: one compound, women only).
    public func filtered(_ keep: [Bool]) -> CategoricalVariable {
        precondition(keep.count == values.count, "a filter lists every respondent")
        var copy = self
        copy.values = zip(values, keep).compactMap { $1 ? $0 : nil }
        return copy
    }
}
