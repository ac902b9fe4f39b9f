/// Pearson's chi-square test of independence for a cross-tabulation, with the rule for when it
/// applies: every row and column has respondents, expected counts are at least 5 in at least 80%
/// of cells and at least 1 in all (Cochran). Otherwise the test still reports its figures, and
/// says why they should not be read.
public struct ChiSquareTest: Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        /// A respondent may be in several cells, so the cells are not independent counts.
        case multipleResponse
        /// Fewer than two rows or two columns have respondents (categories nobody chose are dropped).
        case tooFewCategories(rows: Int, columns: Int)
        /// More than 20% of cells expect fewer than 5 (`cells` of `of`).
        case expectedBelowFive(cells: Int, of: Int)
        /// Some cells expect fewer than 1.
        case expectedBelowOne(cells: Int)
    }

    /// Pearson's X²; nil when it cannot be computed (multiple response, too few categories).
    public var statistic: Double?
    public var degreesOfFreedom: Int
    /// P(χ²(df) ≥ X²); nil with the statistic.
    public var pValue: Double?
    /// Expected counts of the rows and columns that have respondents.
    public var expected: [[Double]]
    /// Indices of rows and columns left out for having no respondents.
    public var droppedRows: [Int]
    public var droppedColumns: [Int]
    /// Why the test does not apply; empty when it does.
    public var reasons: [Reason]

    public var applies: Bool { reasons.isEmpty }

    public init(_ table: CrossTabulation) {
        if table.rowsMultipleResponse || table.columnsMultipleResponse {
            self.init(statistic: nil, degreesOfFreedom: 0, pValue: nil, expected: [], droppedRows: [], droppedColumns: [],
                      reasons: [.multipleResponse])
            return
        }
        self.init(counts: table.counts)
    }

    /// The test on a table of counts (each respondent in one cell).
    public init(counts: [[Int]]) {
        let columnCount = counts.first?.count ?? 0
        let rowSums = counts.map { $0.reduce(0, +) }
        let columnSums = (0..<columnCount).map { c in counts.reduce(0) { $0 + $1[c] } }
        let keptRows = rowSums.indices.filter { rowSums[$0] > 0 }
        let keptColumns = columnSums.indices.filter { columnSums[$0] > 0 }
        let n = Double(rowSums.reduce(0, +))
        droppedRows = rowSums.indices.filter { rowSums[$0] == 0 }
        droppedColumns = columnSums.indices.filter { columnSums[$0] == 0 }
        guard keptRows.count >= 2, keptColumns.count >= 2 else {
            statistic = nil
            degreesOfFreedom = 0
            pValue = nil
            expected = []
            reasons = [.tooFewCategories(rows: keptRows.count, columns: keptColumns.count)]
            return
        }
        var x2 = 0.0
        var belowFive = 0, belowOne = 0
        expected = keptRows.map { r in
            keptColumns.map { c in
                let e = Double(rowSums[r]) * Double(columnSums[c]) / n
                let d = Double(counts[r][c]) - e
                x2 += d * d / e
                if e < 5 { belowFive += 1 }
                if e < 1 { belowOne += 1 }
                return e
            }
        }
        let df = (keptRows.count - 1) * (keptColumns.count - 1)
        let cells = keptRows.count * keptColumns.count
        statistic = x2
        degreesOfFreedom = df
        pValue = ChiSquareDistribution.survival(x2, degreesOfFreedom: df)
        var reasons: [Reason] = []
        // At least 80% of cells expect 5 or more: belowFive ≤ 20% of cells, in whole numbers.
        if belowFive * 5 > cells { reasons.append(.expectedBelowFive(cells: belowFive, of: cells)) }
        if belowOne > 0 { reasons.append(.expectedBelowOne(cells: belowOne)) }
        self.reasons = reasons
    }

    init(statistic: Double?, degreesOfFreedom: Int, pValue: Double?, expected: [[Double]], droppedRows: [Int],
         droppedColumns: [Int], reasons: [Reason]) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
        self.expected = expected
        self.droppedRows = droppedRows
        self.droppedColumns = droppedColumns
        self.reasons = reasons
    }
}
