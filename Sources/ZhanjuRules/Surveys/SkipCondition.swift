/// When a question is shown: a test on answers to earlier questions. A question whose condition
/// does not hold is skipped: it is not asked and its answer must be absent.
///
/// A condition reads only answers to questions that were themselves shown, so a chain of
/// conditions behaves as a respondent sees it. An unanswered question matches neither `chosen`
/// nor `between`; `not` turns that into a match.
public indirect enum SkipCondition: Hashable, Sendable {
    /// A choice question's answer includes any of these option keys ("other" included).
    case chosen(question: String, anyOf: [String])
    /// A rating or number answer lies in `lowest...highest`.
    case between(question: String, lowest: Double, highest: Double)
    /// The question has any answer.
    case answered(question: String)
    case all([SkipCondition])
    case any([SkipCondition])
    case not(SkipCondition)

    /// Questions the condition reads, in order of appearance, without repeats.
    public var questions: [String] {
        var seen: [String] = []
        func walk(_ c: SkipCondition) {
            switch c {
            case .chosen(let q, _), .between(let q, _, _), .answered(let q):
                if !seen.contains(q) { seen.append(q) }
            case .all(let cs), .any(let cs): cs.forEach(walk)
            case .not(let inner): walk(inner)
            }
        }
        walk(self)
        return seen
    }

    /// Whether the condition holds for `answers` (answers to shown questions only).
    public func holds(for answers: SurveyAnswers) -> Bool {
        switch self {
        case .chosen(let q, let keys):
            guard let answer = answers[q], !answer.isBlank else { return false }
            return answer.chosenKeys.contains { keys.contains($0) }
        case .between(let q, let lowest, let highest):
            guard let value = answers[q]?.numericValue else { return false }
            return lowest <= value && value <= highest
        case .answered(let q):
            return answers[q].map { !$0.isBlank } ?? false
        case .all(let cs): return cs.allSatisfy { $0.holds(for: answers) }
        case .any(let cs): return cs.contains { $0.holds(for: answers) }
        case .not(let inner): return !inner.holds(for: answers)
        }
    }
}

extension Questionnaire {
    /// Keys of the questions a respondent with these answers is shown, in order. Answers to
    /// questions that are skipped are ignored when later conditions are evaluated.
    public func shownQuestions(given answers: SurveyAnswers) -> [String] {
        var seen: SurveyAnswers = [:]
        var shown: [String] = []
        for q in questions {
            if let condition = q.showIf, !condition.holds(for: seen) { continue }
            shown.append(q.key)
            if let a = answers[q.key] { seen[q.key] = a }
        }
        return shown
    }

    /// The answers with those of skipped questions and blank ones removed: what a partial save
    /// keeps after the respondent changed an earlier answer.
    public func pruned(_ answers: SurveyAnswers) -> SurveyAnswers {
        var kept: SurveyAnswers = [:]
        for key in shownQuestions(given: answers) {
            if let a = answers[key], !a.isBlank { kept[key] = a }
        }
        return kept
    }
}
