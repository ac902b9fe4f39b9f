/// An SPSS syntax file that labels an exported data file: VARIABLE LABELS, VALUE LABELS and
/// VARIABLE LEVEL for the columns of `SurveyColumns`. Strings are quoted with apostrophes, an
/// apostrophe inside doubled; long labels are cut to SPSS's limits (256 bytes for a variable
/// label, 120 for a value label) and written in pieces joined with `+`; lists of names wrap, so
/// no line nears SPSS's 256-byte limit.
public enum SPSSSyntax {
    public static let variableLabelBytes = 256
    public static let valueLabelBytes = 120
    /// Bytes of a piece as written (an apostrophe doubled counts two): with a 64-byte name in
    /// front, a line stays under 256.
    static let pieceBytes = 150

    public static func generate(_ questionnaire: Questionnaire, language: SurveyLanguage = .zh) -> String {
        generate(columns: SurveyColumns(questionnaire).columns, title: questionnaire.title[language],
                 version: questionnaire.version, language: language)
    }

    /// Syntax for any columns (the app may add its own, such as how a response was collected).
    public static func generate(columns: [SurveyColumns.Column], title: String, version: Int, language: SurveyLanguage) -> String {
        var out = "* Encoding: UTF-8.\n"
        out += "* \(comment(title)), version \(version), labels in \(language.rawValue).\n"
        guard !columns.isEmpty else { return out }

        out += "VARIABLE LABELS\n"
        for (i, column) in columns.enumerated() {
            out += (i == 0 ? "  " : "  /") + column.name + " " + literal(column.label[language], limit: variableLabelBytes, indent: 4)
            out += i == columns.count - 1 ? ".\n" : "\n"
        }

        // Columns sharing the same labels (a multiple choice's 0/1 flags) are labelled together.
        var groups: [(names: [String], labels: [SurveyColumns.ValueLabel])] = []
        for column in columns where !column.valueLabels.isEmpty {
            if let last = groups.last, last.labels == column.valueLabels {
                groups[groups.count - 1].names.append(column.name)
            } else {
                groups.append(([column.name], column.valueLabels))
            }
        }
        if !groups.isEmpty {
            out += "VALUE LABELS\n"
            for (i, group) in groups.enumerated() {
                out += (i == 0 ? "  " : "  /") + wrapped(group.names, indent: 4) + "\n"
                for label in group.labels {
                    out += "    \(label.value) " + literal(label.label[language], limit: valueLabelBytes, indent: 6) + "\n"
                }
            }
            out += ".\n"
        }

        let numeric = columns.filter { !$0.isText }
        var levels: [(SurveyColumns.Measure, [String])] = []
        for measure in [SurveyColumns.Measure.nominal, .ordinal, .scale] {
            let names = numeric.filter { $0.measure == measure }.map(\.name)
            if !names.isEmpty { levels.append((measure, names)) }
        }
        if !levels.isEmpty {
            out += "VARIABLE LEVEL\n"
            for (i, (measure, names)) in levels.enumerated() {
                out += (i == 0 ? "  " : "  /") + wrapped(names, indent: 4) + " (\(measure.rawValue))"
                out += i == levels.count - 1 ? ".\n" : "\n"
            }
        }
        return out
    }

    /// A quoted SPSS string: apostrophes doubled, line breaks made spaces, cut to `limit` UTF-8
    /// bytes on a character boundary, and split into `'…' + '…'` pieces on separate lines.
    public static func literal(_ text: String, limit: Int = variableLabelBytes, indent: Int = 4) -> String {
        var flat = ""
        for ch in text {
            flat.append(ch.isNewline ? " " : ch)
        }
        var cut = ""
        var bytes = 0
        for ch in flat {
            let n = String(ch).utf8.count
            if bytes + n > limit { break }
            cut.append(ch)
            bytes += n
        }
        var pieces: [String] = []
        var piece = ""
        var pieceBytes = 0
        for ch in cut {
            let n = ch == "'" ? 2 : String(ch).utf8.count
            if pieceBytes + n > Self.pieceBytes && !piece.isEmpty {
                pieces.append(piece)
                piece = ""
                pieceBytes = 0
            }
            piece.append(ch)
            pieceBytes += n
        }
        pieces.append(piece)
        let quoted = pieces.map { piece in "'" + piece.map { $0 == "'" ? "''" : String($0) }.joined() + "'" }
        return quoted.joined(separator: "\n" + String(repeating: " ", count: indent) + "+ ")
    }

    /// Names separated by spaces, broken onto indented lines so that no line grows past about
    /// 100 bytes (SPSS reads command lines of at most 256).
    static func wrapped(_ names: [String], indent: Int) -> String {
        var lines: [String] = []
        var line = ""
        for name in names {
            if !line.isEmpty && line.utf8.count + 1 + name.utf8.count > 100 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + name
        }
        lines.append(line)
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }

    /// Text safe inside a `*` comment: one line, no period at a line end except the closing one.
    static func comment(_ text: String) -> String {
        var s = ""
        for ch in text { s.append(ch.isNewline ? " " : ch) }
        while s.hasSuffix(".") || s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
