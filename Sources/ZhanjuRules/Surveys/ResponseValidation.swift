/// Something wrong with a response, naming the question.
public struct ResponseIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Hashable, Sendable {
        /// The response answers a question the questionnaire does not have.
        case unknownQuestion
        case requiredUnanswered
        /// The question was skipped by its condition, yet carries an answer.
        case answeredButSkipped
        /// The answer is of another kind than the question (a date for a choice question).
        case wrongKind
        case unknownOption(String)
        case duplicateOption(String)
        case otherNotAllowed
        /// "Other" was chosen without saying what.
        case otherTextMissing
        /// An "other" text came without choosing "other".
        case otherTextWithoutOther
        case tooFewSelections(minimum: Int)
        case tooManySelections(maximum: Int)
        case outOfRange
        case notWholeNumber
        case textTooLong(maximum: Int)
    }

    public var question: String
    public var problem: Problem

    public init(question: String, _ problem: Problem) {
        self.question = question
        self.problem = problem
    }

    public var description: String { "question \(question): \(problem)" }
}

/// A response being saved part way (required questions may still be empty) or submitted.
public enum ResponseCompleteness: Sendable {
    case partial
    case complete
}

extension Questionnaire {
    /// Every problem with `answers`, in questionnaire order, then answers to unknown questions.
    /// Blank answers count as none. A partial save is not held to required questions.
    public func validate(_ answers: SurveyAnswers, as completeness: ResponseCompleteness = .complete) -> [ResponseIssue] {
        var issues: [ResponseIssue] = []
        let shown = Set(shownQuestions(given: answers))
        let known = Set(questions.map(\.key))
        for q in questions {
            let answer = answers[q.key].flatMap { $0.isBlank ? nil : $0 }
            guard shown.contains(q.key) else {
                if answer != nil { issues.append(.init(question: q.key, .answeredButSkipped)) }
                continue
            }
            guard let answer else {
                if q.required && completeness == .complete { issues.append(.init(question: q.key, .requiredUnanswered)) }
                continue
            }
            issues += Self.check(answer, against: q.kind).map { ResponseIssue(question: q.key, $0) }
        }
        for key in answers.keys.sorted() where !known.contains(key) {
            issues.append(.init(question: key, .unknownQuestion))
        }
        return issues
    }

    static func check(_ answer: SurveyAnswer, against kind: QuestionKind) -> [ResponseIssue.Problem] {
        switch (kind, answer) {
        case (.singleChoice(let options, let allowsOther), .choice(let key, let other)):
            return checkChoices([key], other: other, options: options, allowsOther: allowsOther)
        case (.multipleChoice(let options, let allowsOther, let minimum, let maximum), .choices(let keys, let other)):
            var problems = checkChoices(keys, other: other, options: options, allowsOther: allowsOther)
            let count = Set(keys).count
            if count < minimum { problems.append(.tooFewSelections(minimum: minimum)) }
            if let maximum, count > maximum { problems.append(.tooManySelections(maximum: maximum)) }
            return problems
        case (.ratingScale(let lowest, let highest, _, _), .rating(let value)):
            return (lowest...highest).contains(value) ? [] : [.outOfRange]
        case (.number(let minimum, let maximum, let whole), .number(let value)):
            var problems: [ResponseIssue.Problem] = []
            if !value.isFinite || (minimum.map { value < $0 } ?? false) || (maximum.map { value > $0 } ?? false) {
                problems.append(.outOfRange)
            }
            if whole && value.isFinite && value.rounded(.towardZero) != value { problems.append(.notWholeNumber) }
            return problems
        case (.date(let earliest, let latest), .date(let value)):
            return (earliest.map { value < $0 } ?? false) || (latest.map { value > $0 } ?? false) ? [.outOfRange] : []
        case (.freeText(let maxLength), .text(let text)):
            return text.count > maxLength ? [.textTooLong(maximum: maxLength)] : []
        default:
            return [.wrongKind]
        }
    }

    private static func checkChoices(_ keys: [String], other: String?, options: [ChoiceOption], allowsOther: Bool) -> [ResponseIssue.Problem] {
        var problems: [ResponseIssue.Problem] = []
        var seen: Set<String> = []
        for key in keys {
            if !seen.insert(key).inserted { problems.append(.duplicateOption(key)); continue }
            if key == ChoiceOption.otherKey {
                if !allowsOther { problems.append(.otherNotAllowed) }
            } else if !options.contains(where: { $0.key == key }) {
                problems.append(.unknownOption(key))
            }
        }
        let otherChosen = seen.contains(ChoiceOption.otherKey)
        let otherSaid = other.map { !BilingualText.isBlank($0) } ?? false
        if otherChosen && allowsOther && !otherSaid { problems.append(.otherTextMissing) }
        if !otherChosen && otherSaid { problems.append(.otherTextWithoutOther) }
        return problems
    }
}
