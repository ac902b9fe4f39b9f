/// Something wrong with a questionnaire itself, naming the question (or section) it is in.
public struct QuestionnaireIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Hashable, Sendable {
        case noQuestions
        case emptySection
        case duplicateSectionKey
        /// Keys are a letter, then letters, digits or `_`, at most 32 characters (they become export column names).
        case invalidKey
        case duplicateQuestionKey
        case missingText(SurveyLanguage)
        /// A choice question needs two answers to choose from ("other" counts as one).
        case tooFewOptions
        case invalidOptionKey(String)
        case duplicateOptionKey(String)
        /// `other` is the key of "other (please say)"; no option may use it.
        case reservedOptionKey
        case missingOptionText(option: String, language: SurveyLanguage)
        case selectionLimits(minimum: Int, maximum: Int?)
        /// A rating scale runs upwards over 2 to 11 points.
        case scaleRange(lowest: Int, highest: Int)
        case numberRange
        case dateRange
        case textLength
        case conditionUnknownQuestion(String)
        /// A condition may only read a question that comes before it.
        case conditionRefersToLaterQuestion(String)
        case conditionRefersToItself
        /// Questions whose conditions read each other in a circle, starting with this one.
        case conditionCycle([String])
        case conditionUnknownOption(question: String, option: String)
        /// `chosen` on a question without options, or `between` on one without a number.
        case conditionKindMismatch(question: String)
        /// `chosen` with no options, `between` with an empty range, or `all`/`any` of nothing.
        case conditionEmpty
    }

    /// The question the problem is in; nil for the questionnaire or a section.
    public var question: String?
    public var section: String?
    public var problem: Problem

    public init(question: String? = nil, section: String? = nil, _ problem: Problem) {
        self.question = question
        self.section = section
        self.problem = problem
    }

    public var description: String {
        let place = question.map { "question \($0)" } ?? section.map { "section \($0)" } ?? "questionnaire"
        return "\(place): \(problem)"
    }
}

extension Questionnaire {
    static let maximumKeyLength = 32

    static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, key.unicodeScalars.count <= maximumKeyLength,
              first.isASCII, first.properties.isAlphabetic else { return false }
        return key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    static func isValidOptionKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.count <= maximumKeyLength
            && key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// Every problem with the questionnaire, in questionnaire order. `languages` are those every
    /// text must have (Chinese by default; add English for a bilingual survey).
    public func validate(requiring languages: Set<SurveyLanguage> = [.zh]) -> [QuestionnaireIssue] {
        var issues: [QuestionnaireIssue] = []
        let required = SurveyLanguage.allCases.filter { languages.contains($0) }
        for language in required where title.isMissing(language) { issues.append(.init(.missingText(language))) }
        if questions.isEmpty { issues.append(.init(.noQuestions)) }

        var sectionKeys: Set<String> = []
        for section in sections {
            if !Self.isValidKey(section.key) { issues.append(.init(section: section.key, .invalidKey)) }
            if !sectionKeys.insert(section.key).inserted { issues.append(.init(section: section.key, .duplicateSectionKey)) }
            if section.questions.isEmpty { issues.append(.init(section: section.key, .emptySection)) }
            for language in required where section.title.isMissing(language) {
                issues.append(.init(section: section.key, .missingText(language)))
            }
        }

        let position = positions()
        var questionKeys: Set<String> = []
        for (index, q) in questions.enumerated() {
            func add(_ p: QuestionnaireIssue.Problem) { issues.append(.init(question: q.key, p)) }
            if !Self.isValidKey(q.key) { add(.invalidKey) }
            if !questionKeys.insert(q.key).inserted { add(.duplicateQuestionKey) }
            for language in required where q.text.isMissing(language) { add(.missingText(language)) }
            checkKind(q.kind, languages: required).forEach(add)
            if let condition = q.showIf {
                checkCondition(condition, of: q, at: index, position: position).forEach(add)
            }
        }
        issues += cycles()
        return issues
    }

    private func checkKind(_ kind: QuestionKind, languages: [SurveyLanguage]) -> [QuestionnaireIssue.Problem] {
        var problems: [QuestionnaireIssue.Problem] = []
        switch kind {
        case .singleChoice(let options, let other), .multipleChoice(let options, let other, _, _):
            if options.count + (other ? 1 : 0) < 2 { problems.append(.tooFewOptions) }
            var keys: Set<String> = []
            for option in options {
                if option.key == ChoiceOption.otherKey {
                    problems.append(.reservedOptionKey)
                } else if !Self.isValidOptionKey(option.key) {
                    problems.append(.invalidOptionKey(option.key))
                }
                if !keys.insert(option.key).inserted { problems.append(.duplicateOptionKey(option.key)) }
                for language in languages where option.text.isMissing(language) {
                    problems.append(.missingOptionText(option: option.key, language: language))
                }
            }
            if case .multipleChoice(_, _, let minimum, let maximum) = kind {
                let count = options.count + (other ? 1 : 0)
                if minimum < 0 || minimum > count || (maximum.map { $0 < max(minimum, 1) || $0 > count } ?? false) {
                    problems.append(.selectionLimits(minimum: minimum, maximum: maximum))
                }
            }
        case .ratingScale(let lowest, let highest, let low, let high):
            // Bounded before subtracting: a scale from Int.min to Int.max must be refused, not overflow.
            if highest <= lowest || lowest < -1_000 || highest > 1_000 || highest - lowest > 10 { problems.append(.scaleRange(lowest: lowest, highest: highest)) }
            for label in [low, high].compactMap({ $0 }) {
                for language in languages where label.isMissing(language) { problems.append(.missingText(language)) }
            }
        case .number(let minimum, let maximum, _):
            let finite = [minimum, maximum].compactMap { $0 }.allSatisfy(\.isFinite)
            if !finite || (minimum != nil && maximum != nil && minimum! > maximum!) { problems.append(.numberRange) }
        case .date(let earliest, let latest):
            if let e = earliest, let l = latest, e > l { problems.append(.dateRange) }
        case .freeText(let maxLength):
            if maxLength < 1 || maxLength > Questionnaire.longestText { problems.append(.textLength) }
        }
        return problems
    }

    private func checkCondition(_ condition: SkipCondition, of q: Question, at index: Int,
                                position: [String: Int]) -> [QuestionnaireIssue.Problem] {
        var problems: [QuestionnaireIssue.Problem] = []
        func walk(_ c: SkipCondition) {
            switch c {
            case .all(let cs), .any(let cs):
                if cs.isEmpty { problems.append(.conditionEmpty) }
                cs.forEach(walk)
                return
            case .not(let inner):
                walk(inner)
                return
            default: break
            }
            let target = c.questions[0]
            if target == q.key { problems.append(.conditionRefersToItself); return }
            guard let at = position[target], let referenced = question(target) else {
                problems.append(.conditionUnknownQuestion(target)); return
            }
            if at > index { problems.append(.conditionRefersToLaterQuestion(target)) }
            switch c {
            case .chosen(_, let keys):
                if !referenced.kind.isChoice { problems.append(.conditionKindMismatch(question: target)); return }
                if keys.isEmpty { problems.append(.conditionEmpty) }
                let known = referenced.kind.answerKeys
                for key in keys where !known.contains(key) {
                    problems.append(.conditionUnknownOption(question: target, option: key))
                }
            case .between(_, let lowest, let highest):
                if !referenced.kind.isNumeric { problems.append(.conditionKindMismatch(question: target)) }
                if !(lowest <= highest) { problems.append(.conditionEmpty) }
            default: break
            }
        }
        walk(condition)
        return problems
    }

    /// Circles of conditions (a reads b, b reads a), each reported once at its earliest question.
    /// The rule that conditions read only earlier questions already excludes them; this names the
    /// circle so the builder can show it.
    private func cycles() -> [QuestionnaireIssue] {
        let qs = questions
        let position = positions()
        var edges: [String: [String]] = [:]
        for q in qs where edges[q.key] == nil {
            edges[q.key] = (q.showIf?.questions ?? []).filter { $0 != q.key && position[$0] != nil }
        }
        var issues: [QuestionnaireIssue] = []
        var reported: Set<[String]> = []
        var state: [String: Int] = [:] // 1 on the path, 2 done
        var path: [String] = []
        func visit(_ key: String) {
            state[key] = 1
            path.append(key)
            for next in edges[key] ?? [] {
                if state[next] == 1 {
                    let circle = Array(path[path.firstIndex(of: next)!...])
                    let start = circle.indices.min { position[circle[$0]]! < position[circle[$1]]! }!
                    let normal = Array(circle[start...] + circle[..<start])
                    if reported.insert(normal).inserted {
                        issues.append(.init(question: normal[0], .conditionCycle(normal)))
                    }
                } else if state[next] == nil {
                    visit(next)
                }
            }
            path.removeLast()
            state[key] = 2
        }
        for q in qs where state[q.key] == nil { visit(q.key) }
        return issues.sorted { position[$0.question!]! < position[$1.question!]! }
    }
}
