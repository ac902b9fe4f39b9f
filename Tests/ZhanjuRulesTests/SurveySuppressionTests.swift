import Foundation
import Testing
@testable import ZhanjuRules

private func cats(_ keys: String...) -> [SurveyCategory] { keys.map { SurveyCategory($0, BilingualText($0, $0)) } }

/// A reader's check: in every published row and column sum, no suppressed entry stands alone.
private func isProtected(_ t: SuppressedTable) -> Bool {
    for (r, row) in t.cells.enumerated() {
        let hidden = row.filter(\.isSuppressed).count + (t.rowTotals![r].isSuppressed ? 1 : 0)
        if hidden == 1 { return false }
    }
    if let columns = t.columnTotals {
        for c in columns.indices {
            let hidden = t.cells.map { $0[c] }.filter(\.isSuppressed).count + (columns[c].isSuppressed ? 1 : 0)
            if hidden == 1 { return false }
        }
    }
    return true
}

@Suite("Surveys: small cells suppressed in anonymous surveys")
struct SurveySuppressionTests {
    @Test("a small cell is shown as <5, and three more are withheld so no row or column total gives it away")
    func rectangle() {
        let counts = [[3, 10, 12], [8, 9, 15]]
        let t = SmallCellSuppression.apply(counts: counts, rowTotals: [25, 32], columnTotals: [11, 19, 27], total: 57,
                                           rowsPartition: true, columnsPartition: true)
        #expect(t.cells == [[.belowThreshold, .withheld, .count(12)], [.withheld, .withheld, .count(15)]])
        #expect(t.rowTotals == [.count(25), .count(32)])
        #expect(t.columnTotals == [.count(11), .count(19), .count(27)])
        #expect(t.total == .count(57))
        #expect(t.display(t.cells[0][0]) == "<5")
        #expect(t.display(t.cells[0][1]) == "x")
        #expect(t.display(t.cells[0][2]) == "12")
        #expect(t.suppressedCount == 4)
        #expect(isProtected(t))
    }

    @Test("two small cells that would pin each other (4 + 4 = 8) get a third")
    func pinned() {
        let t = SmallCellSuppression.apply(counts: [[4, 4, 20]], rowTotals: [28], columnTotals: nil, total: nil,
                                           rowsPartition: true, columnsPartition: true)
        #expect(t.cells == [[.belowThreshold, .belowThreshold, .withheld]])
        let apart = SmallCellSuppression.apply(counts: [[1, 3, 20, 30]], rowTotals: [54], columnTotals: nil, total: nil,
                                               rowsPartition: true, columnsPartition: true)
        #expect(apart.cells == [[.belowThreshold, .belowThreshold, .count(20), .count(30)]], "1 + 3 = 4 leaves each 1 to 3")
    }

    @Test("zeros are shown unless asked; a zero is withheld only when nothing else can be")
    func zeros() {
        let shown = SmallCellSuppression.apply(counts: [[0, 12, 30]], rowTotals: [42], columnTotals: nil, total: nil,
                                               rowsPartition: true, columnsPartition: true)
        #expect(shown.suppressedCount == 0)
        let hidden = SmallCellSuppression.apply(counts: [[0, 12, 30]], rowTotals: [42], columnTotals: nil, total: nil,
                                                rowsPartition: true, columnsPartition: true,
                                                control: DisclosureControl(threshold: 5, suppressZeros: true))
        #expect(hidden.cells == [[.belowThreshold, .withheld, .count(30)]])
        // Row 0 holds a small count and a zero: the zero is withheld before the row's total.
        let t = SmallCellSuppression.apply(counts: [[3, 0], [10, 10]], rowTotals: [3, 20], columnTotals: [13, 10], total: 23,
                                           rowsPartition: true, columnsPartition: true)
        #expect(t.cells[0] == [.belowThreshold, .withheld])
        #expect(t.rowTotals?[0] == .count(3))
        #expect(isProtected(t))
    }

    @Test("with one column a cell is its row's total, so row totals go too; the grand total may stay (it gives only their sum)")
    func totals() {
        let t = SmallCellSuppression.apply(counts: [[3], [40]], rowTotals: [3, 40], columnTotals: [43], total: 43,
                                           rowsPartition: true, columnsPartition: true)
        #expect(t.cells == [[.belowThreshold], [.withheld]])
        #expect(t.rowTotals == [.withheld, .withheld])
        #expect(t.columnTotals == [.count(43)])
        #expect(t.total == .count(43), "43 = <5 + x leaves the small one anywhere from 1 to 4")
    }

    @Test("a threshold other than 5")
    func threshold() {
        let t = SmallCellSuppression.apply(counts: [[7, 12, 30]], rowTotals: [49], columnTotals: nil, total: nil,
                                           rowsPartition: true, columnsPartition: true, control: DisclosureControl(threshold: 10))
        #expect(t.cells == [[.belowThreshold, .withheld, .count(30)]])
        #expect(t.display(t.cells[0][0]) == "<10")
        let stored = try! JSONDecoder().decode(DisclosureControl.self, from: Data(#"{"threshold":10,"suppress_zeros":true}"#.utf8))
        #expect(stored == DisclosureControl(threshold: 10, suppressZeros: true))
    }

    @Test("multiple choice does not add up, so only the small counts go")
    func multipleResponse() throws {
        let q = VolunteerSurvey.questionnaire
        var responses: [SurveyAnswers] = (0..<30).map { _ in ["willing": .choice("no"), "why_not": .choices(["busy", "unpaid"])] }
        responses += (0..<3).map { _ in ["willing": .choice("no"), "why_not": .choices(["not_interested"])] }
        let table = try #require(FrequencyTable(question: "why_not", in: q, responses: responses))
        let t = table.suppressed()
        #expect(t.cells == [[.count(30), .count(30), .belowThreshold, .count(0)]])
        #expect(t.rowTotals == [.count(33)])

        let single = try #require(FrequencyTable(question: "willing", in: q,
                                                 responses: (0..<3).map { _ in ["willing": .choice("yes")] } + responses))
        #expect(single.suppressed().cells == [[.belowThreshold, .withheld]])
    }

    @Test("a cross-tabulation by compound: every sum protected, whatever the pattern")
    func crossTabulations() {
        var rng = SeededGenerator(seed: 14)
        for _ in 0..<300 {
            let rows = 2 + StableDraw.below(4, using: &rng), columns = 2 + StableDraw.below(4, using: &rng)
            let counts = (0..<rows).map { _ in (0..<columns).map { _ in StableDraw.below(3, using: &rng) == 0 ? StableDraw.below(5, using: &rng) : StableDraw.below(40, using: &rng) } }
            let rowTotals = counts.map { $0.reduce(0, +) }
            let columnTotals = (0..<columns).map { c in counts.reduce(0) { $0 + $1[c] } }
            let t = SmallCellSuppression.apply(counts: counts, rowTotals: rowTotals, columnTotals: columnTotals,
                                               total: rowTotals.reduce(0, +), rowsPartition: true, columnsPartition: true)
            #expect(isProtected(t), "\(counts)")
            for (r, row) in counts.enumerated() {
                for (c, n) in row.enumerated() where n > 0 && n < 5 { #expect(t.cells[r][c] == .belowThreshold) }
                for (c, n) in row.enumerated() where n >= 5 || n == 0 { #expect(t.cells[r][c] != .belowThreshold) }
            }
        }
    }

    @Test("the cross-tabulation's own suppression uses its totals")
    func fromCrossTabulation() {
        let compound = CategoricalVariable.grouping(key: "compound", label: BilingualText("小区"), categories: cats("zh", "dy"),
                                                    values: Array(repeating: "zh", count: 25) + Array(repeating: "dy", count: 32))
        let answer = CategoricalVariable.grouping(key: "a", label: BilingualText("答"), categories: cats("y", "n", "dk"),
                                                  values: Array(repeating: "y", count: 3) + Array(repeating: "n", count: 10)
                                                      + Array(repeating: "dk", count: 12) + Array(repeating: "y", count: 8)
                                                      + Array(repeating: "n", count: 9) + Array(repeating: "dk", count: 15))
        let t = CrossTabulation(rows: compound, columns: answer)
        #expect(t.counts == [[3, 10, 12], [8, 9, 15]])
        #expect(t.suppressed().cells == [[.belowThreshold, .withheld, .count(12)], [.withheld, .withheld, .count(15)]])
    }
}
