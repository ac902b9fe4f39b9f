/// How a questionnaire's answers are laid out as columns for export: names safe for SPSS (and
/// any statistics package), codes for choices, one 0/1 column per option of a multiple choice.
/// The app writes these cells as CSV; `SPSSSyntax` labels the same columns.
public struct SurveyColumns: Sendable {
    public enum Measure: String, Hashable, Sendable {
        case nominal = "NOMINAL"
        case ordinal = "ORDINAL"
        case scale = "SCALE"
    }

    public struct ValueLabel: Hashable, Sendable {
        public var value: Int
        public var label: BilingualText
        public init(_ value: Int, _ label: BilingualText) {
            self.value = value
            self.label = label
        }
    }

    public struct Column: Hashable, Sendable {
        public enum Content: Hashable, Sendable {
            /// A single choice's option, coded 1… in the questionnaire's order ("other" last).
            case code
            /// 1 when this option was chosen, 0 when not, empty when the question went unanswered.
            case flag(option: String)
            /// What was written under "other".
            case otherText
            case number
            case date
            case text
        }

        public var name: String
        public var question: String
        public var content: Content
        public var label: BilingualText
        public var measure: Measure
        public var valueLabels: [ValueLabel]

        public init(name: String, question: String, content: Content, label: BilingualText,
                    measure: Measure, valueLabels: [ValueLabel] = []) {
            self.name = name
            self.question = question
            self.content = content
            self.label = label
            self.measure = measure
            self.valueLabels = valueLabels
        }

        /// Whether the column holds text (SPSS string variable).
        public var isText: Bool {
            switch content {
            case .otherText, .date, .text: true
            default: false
            }
        }
    }

    public var columns: [Column]

    public init(_ questionnaire: Questionnaire) {
        var names = SPSSNames()
        var columns: [Column] = []
        for q in questionnaire.questions {
            switch q.kind {
            case .singleChoice(let options, let allowsOther):
                let labels = options.enumerated().map { ValueLabel($0.offset + 1, $0.element.text) }
                    + (allowsOther ? [ValueLabel(options.count + 1, ChoiceOption.otherText)] : [])
                columns.append(Column(name: names.make(q.key), question: q.key, content: .code, label: q.text,
                                      measure: .nominal, valueLabels: labels))
                if allowsOther {
                    columns.append(Column(name: names.make(q.key + "_other_text"), question: q.key, content: .otherText,
                                          label: Self.joined(q.text, ChoiceOption.otherText), measure: .nominal))
                }
            case .multipleChoice(let options, let allowsOther, _, _):
                let flags = [ValueLabel(0, BilingualText("未选", "Not chosen")), ValueLabel(1, BilingualText("选中", "Chosen"))]
                let all = options.map { ($0.key, $0.text) } + (allowsOther ? [(ChoiceOption.otherKey, ChoiceOption.otherText)] : [])
                for (key, text) in all {
                    columns.append(Column(name: names.make(q.key + "_" + key), question: q.key, content: .flag(option: key),
                                          label: Self.joined(q.text, text), measure: .nominal, valueLabels: flags))
                }
                if allowsOther {
                    columns.append(Column(name: names.make(q.key + "_other_text"), question: q.key, content: .otherText,
                                          label: Self.joined(q.text, ChoiceOption.otherText), measure: .nominal))
                }
            case .ratingScale(let lowest, let highest, let low, let high):
                let labels = [low.map { ValueLabel(lowest, $0) }, high.map { ValueLabel(highest, $0) }].compactMap { $0 }
                columns.append(Column(name: names.make(q.key), question: q.key, content: .number, label: q.text,
                                      measure: .ordinal, valueLabels: labels))
            case .number:
                columns.append(Column(name: names.make(q.key), question: q.key, content: .number, label: q.text, measure: .scale))
            case .date:
                columns.append(Column(name: names.make(q.key), question: q.key, content: .date, label: q.text, measure: .nominal))
            case .freeText:
                columns.append(Column(name: names.make(q.key), question: q.key, content: .text, label: q.text, measure: .nominal))
            }
        }
        self.columns = columns
        codes = Dictionary(questionnaire.questions.map { q in
            (q.key, Dictionary(q.kind.answerKeys.enumerated().map { ($0.element, $0.offset + 1) }, uniquingKeysWith: { a, _ in a }))
        }, uniquingKeysWith: { a, _ in a })
    }

    /// Option key → code, per question.
    private var codes: [String: [String: Int]]

    /// The header row: column names.
    public var names: [String] { columns.map(\.name) }

    /// One respondent's cells, in column order ("" where there is no answer). Plain values; the
    /// app quotes them for CSV and neutralises formula-like text.
    public func cells(for answers: SurveyAnswers) -> [String] {
        columns.map { column in
            guard let answer = answers[column.question], !answer.isBlank else { return "" }
            switch (column.content, answer) {
            case (.code, .choice(let key, _)):
                return codes[column.question]?[key].map(String.init) ?? ""
            case (.flag(let option), .choices(let keys, _)):
                return keys.contains(option) ? "1" : "0"
            case (.otherText, _):
                return answer.chosenKeys.contains(ChoiceOption.otherKey) ? (answer.otherText ?? "") : ""
            case (.number, .rating(let r)):
                return String(r)
            case (.number, .number(let x)):
                return Self.plain(x)
            case (.date, .date(let d)):
                return d.iso
            case (.text, .text(let s)):
                return s
            default:
                return ""
            }
        }
    }

    /// A number as plain decimal text: whole numbers without ".0".
    static func plain(_ x: Double) -> String {
        if x.isFinite && x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    static func joined(_ question: BilingualText, _ option: BilingualText) -> BilingualText {
        BilingualText("\(question.zh)：\(option.zh)", question.en.isEmpty ? "" : "\(question.en): \(option[.en])")
    }
}

/// Unique variable names SPSS accepts: a letter first; letters, digits and `_`; at most 64 bytes;
/// not a reserved word; unique regardless of case.
struct SPSSNames {
    static let reserved: Set<String> = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]
    private var taken: Set<String> = []

    mutating func make(_ wanted: String) -> String {
        var base = String(String.UnicodeScalarView(wanted.unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_") ? scalar : "_"
        }))
        if base.first.map({ !($0.isASCII && $0.isLetter) }) ?? true { base = "v" + base }
        if Self.reserved.contains(base.uppercased()) { base = "v_" + base }
        base = String(base.prefix(64))
        var name = base
        var n = 2
        while taken.contains(name.uppercased()) {
            let suffix = "_\(n)"
            name = String(base.prefix(64 - suffix.count)) + suffix
            n += 1
        }
        taken.insert(name.uppercased())
        return name
    }
}
