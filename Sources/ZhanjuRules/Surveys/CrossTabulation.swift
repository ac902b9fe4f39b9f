/// Counts of one variable by another: respondents in each row category who fall in each column
/// category. Respondents missing either variable are left out (and counted). With multiple
/// choice on a side, a respondent counts once in each category chosen, so totals are
/// respondents, not sums of cells.
public struct CrossTabulation: Sendable {
    public var rowKey: String
    public var columnKey: String
    public var rows: [SurveyCategory]
    public var columns: [SurveyCategory]
    public var rowsMultipleResponse: Bool
    public var columnsMultipleResponse: Bool
    /// `counts[row][column]`.
    public var counts: [[Int]]
    /// Respondents in each row category (with a column answer).
    public var rowTotals: [Int]
    /// Respondents in each column category (with a row answer).
    public var columnTotals: [Int]
    /// Respondents counted.
    public var total: Int
    /// Respondents left out for a missing row or column value.
    public var excluded: Int

    public init(rows: CategoricalVariable, columns: CategoricalVariable) {
        precondition(rows.values.count == columns.values.count, "both variables list the same respondents")
        let width = columns.categories.count
        var flat = [Int](repeating: 0, count: rows.categories.count * width)
        var rowTotals = [Int](repeating: 0, count: rows.categories.count)
        var columnTotals = [Int](repeating: 0, count: width)
        var total = 0, excluded = 0
        for (r, c) in zip(rows.values, columns.values) {
            switch (r, c) {
            case (.missing, _), (_, .missing):
                excluded += 1
            case (.one(let i), .one(let j)):
                flat[i * width + j] += 1
                rowTotals[i] += 1
                columnTotals[j] += 1
                total += 1
            default:
                let rs: [Int], cs: [Int]
                switch r { case .one(let i): rs = [i]; case .many(let l): rs = l; case .missing: rs = [] }
                switch c { case .one(let j): cs = [j]; case .many(let l): cs = l; case .missing: cs = [] }
                for i in rs {
                    rowTotals[i] += 1
                    for j in cs { flat[i * width + j] += 1 }
                }
                for j in cs { columnTotals[j] += 1 }
                total += 1
            }
        }
        rowKey = rows.key
        columnKey = columns.key
        self.rows = rows.categories
        self.columns = columns.categories
        rowsMultipleResponse = rows.multipleResponse
        columnsMultipleResponse = columns.multipleResponse
        counts = (0..<rows.categories.count).map { Array(flat[($0 * width)..<(($0 + 1) * width)]) }
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.total = total
        self.excluded = excluded
    }

    /// Share of the row's respondents (row percentages).
    public func ofRow(_ row: Int, _ column: Int) -> Share { Share(counts[row][column], of: rowTotals[row]) }
    /// Share of the column's respondents (column percentages).
    public func ofColumn(_ row: Int, _ column: Int) -> Share { Share(counts[row][column], of: columnTotals[column]) }
    /// Share of all respondents counted.
    public func ofTotal(_ row: Int, _ column: Int) -> Share { Share(counts[row][column], of: total) }

    /// Pearson's chi-square test of independence, with whether it applies.
    public var chiSquare: ChiSquareTest { ChiSquareTest(self) }

    /// The table with small cells suppressed (anonymous surveys); shares of suppressed entries
    /// must not be shown either.
    public func suppressed(_ control: DisclosureControl = .standard) -> SuppressedTable {
        SmallCellSuppression.apply(counts: counts, rowTotals: rowTotals, columnTotals: columnTotals, total: total,
                                   rowsPartition: !rowsMultipleResponse, columnsPartition: !columnsMultipleResponse,
                                   control: control)
    }
}

extension CrossTabulation {
    /// A table of single answers on both sides from counts already made (by the database, over
    /// many responses): totals are the sums of rows and columns, as `init(rows:columns:)` gives
    /// them for single answers.
    public init(rowKey: String, rows: [SurveyCategory], columnKey: String, columns: [SurveyCategory], counts: [[Int]], excluded: Int) {
        precondition(counts.count == rows.count && counts.allSatisfy { $0.count == columns.count }, "one count per cell")
        self.rowKey = rowKey
        self.columnKey = columnKey
        self.rows = rows
        self.columns = columns
        rowsMultipleResponse = false
        columnsMultipleResponse = false
        self.counts = counts
        rowTotals = counts.map { $0.reduce(0, +) }
        columnTotals = columns.indices.map { j in counts.reduce(0) { $0 + $1[j] } }
        total = rowTotals.reduce(0, +)
        self.excluded = excluded
    }
}
