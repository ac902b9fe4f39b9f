/// The small-cell rule for anonymous surveys: counts below a threshold are not shown, so a
/// table cannot single out a household. Configuration with a default, like every threshold.
public struct DisclosureControl: Hashable, Sendable, Codable {
    /// Counts from 1 to `threshold − 1` are suppressed (shown as "<5").
    public var threshold: Int
    /// Suppress zero counts too ("nobody in building 3 said yes" can itself disclose).
    public var suppressZeros: Bool

    public init(threshold: Int = 5, suppressZeros: Bool = false) {
        self.threshold = threshold
        self.suppressZeros = suppressZeros
    }

    /// Threshold 5, zeros shown: the common rule of statistical offices for published tables.
    public static let standard = DisclosureControl()

    private enum CodingKeys: String, CodingKey {
        case threshold
        case suppressZeros = "suppress_zeros"
    }
}

/// A table after suppression. Each entry is a count, a small count withheld (primary, shown as
/// "<5"), or a count withheld only so that the small one cannot be worked out (complementary,
/// shown as "x").
public struct SuppressedTable: Hashable, Sendable {
    public enum Entry: Hashable, Sendable {
        case count(Int)
        case belowThreshold
        case withheld

        public var count: Int? { if case .count(let n) = self { n } else { nil } }
        public var isSuppressed: Bool { count == nil }
    }

    public var threshold: Int
    public var cells: [[Entry]]
    public var rowTotals: [Entry]?
    public var columnTotals: [Entry]?
    public var total: Entry?

    /// What a page or an export prints for an entry.
    public func display(_ entry: Entry) -> String {
        switch entry {
        case .count(let n): String(n)
        case .belowThreshold: "<\(threshold)"
        case .withheld: "x"
        }
    }

    /// How many entries (cells and totals) are suppressed.
    public var suppressedCount: Int {
        let all = cells.flatMap { $0 } + (rowTotals ?? []) + (columnTotals ?? []) + (total.map { [$0] } ?? [])
        return all.filter(\.isSuppressed).count
    }
}

/// Primary and complementary cell suppression.
///
/// Primary: every count from 1 (0 with `suppressZeros`) to threshold − 1. Complementary: a table
/// is a set of sums (the cells of a row add up to the row's total when each respondent is in one
/// column; likewise columns, and the totals add up to the grand total). In every such sum that
/// holds a suppressed entry, at least two entries are suppressed, and no small count can be
/// pinned to one value from that sum and the bounds a reader knows ("<5" is 1 to 4; "x" is any
/// number). Where that fails the smallest shown entry of the sum is withheld too (a cell before
/// a total, a non-zero count before a zero), until every sum holds.
///
/// This guards against working a cell out from a row or a column; like the rule statistical
/// offices publish, it does not solve the whole table as a linear programme.
public enum SmallCellSuppression {
    public static func apply(counts: [[Int]], rowTotals: [Int]?, columnTotals: [Int]?, total: Int?,
                             rowsPartition: Bool, columnsPartition: Bool,
                             control: DisclosureControl = .standard) -> SuppressedTable {
        let rows = counts.count
        let columns = counts.first?.count ?? 0
        // Entries: cells row-major, then row totals, column totals, grand total.
        var value: [Int] = counts.flatMap { $0 }
        let rowTotalBase = value.count
        if let rowTotals { value += rowTotals }
        let columnTotalBase = value.count
        if let columnTotals { value += columnTotals }
        let totalIndex = value.count
        if let total { value.append(total) }
        let cellCount = rows * columns
        enum Mark { case shown, primary, complement }
        var mark = [Mark](repeating: .shown, count: value.count)
        for i in 0..<cellCount {
            let n = value[i]
            if n < control.threshold && (n > 0 || control.suppressZeros) { mark[i] = .primary }
        }

        // Each sum: entries with coefficient +1 (parts) and the one entry they add up to.
        var sums: [(parts: [Int], whole: Int)] = []
        if rowTotals != nil && columnsPartition {
            for r in 0..<rows { sums.append(((0..<columns).map { r * columns + $0 }, rowTotalBase + r)) }
        }
        if columnTotals != nil && rowsPartition {
            for c in 0..<columns { sums.append(((0..<rows).map { $0 * columns + c }, columnTotalBase + c)) }
        }
        if total != nil {
            if rowTotals != nil && rowsPartition { sums.append(((0..<rows).map { rowTotalBase + $0 }, totalIndex)) }
            if columnTotals != nil && columnsPartition { sums.append(((0..<columns).map { columnTotalBase + $0 }, totalIndex)) }
        }

        let smallest = control.suppressZeros ? 0 : 1
        func bounds(_ i: Int) -> (Int, Int?) {
            switch mark[i] {
            case .shown: (value[i], value[i])
            case .primary: (smallest, control.threshold - 1)
            case .complement: (0, nil)
            }
        }
        /// Whether a primary entry of the sum is pinned to one value by the sum alone.
        func pins(_ sum: (parts: [Int], whole: Int)) -> Bool {
            let terms = sum.parts.map { ($0, 1) } + [(sum.whole, -1)]
            for (target, sign) in terms where mark[target] == .primary {
                // sign·target = −Σ others (coefficient · value); bound the others' sum.
                var low = 0, high: Int? = 0
                for (other, s) in terms where other != target {
                    let (lo, hi) = bounds(other)
                    if s > 0 {
                        low += lo
                        high = high.flatMap { h in hi.map { h + $0 } }
                    } else {
                        if let hi { low -= hi } else { low = Int.min / 4 }
                        high = high.map { $0 - lo }
                    }
                }
                // target = −sign · Σothers, where Σothers ∈ [low, high].
                let (ownLow, ownHigh) = bounds(target)
                var tLow: Int, tHigh: Int?
                if sign > 0 { tLow = high.map { -$0 } ?? Int.min / 4; tHigh = -low } else { tLow = low; tHigh = high }
                tLow = max(tLow, ownLow)
                if let o = ownHigh { tHigh = tHigh.map { min($0, o) } ?? o }
                if let tHigh, tHigh <= tLow { return true }
            }
            return false
        }

        var changed = true
        while changed {
            changed = false
            for sum in sums {
                let members = sum.parts + [sum.whole]
                let hidden = members.filter { mark[$0] != .shown }
                guard !hidden.isEmpty, hidden.count == 1 || pins(sum) else { continue }
                let candidates = members.filter { mark[$0] == .shown }
                let pick = candidates.min { a, b in
                    let ka = (a >= cellCount ? 1 : 0, value[a] == 0 ? 1 : 0, value[a], a)
                    let kb = (b >= cellCount ? 1 : 0, value[b] == 0 ? 1 : 0, value[b], b)
                    return ka < kb
                }
                if let pick {
                    mark[pick] = .complement
                    changed = true
                }
            }
        }

        func entry(_ i: Int) -> SuppressedTable.Entry {
            switch mark[i] {
            case .shown: .count(value[i])
            case .primary: .belowThreshold
            case .complement: .withheld
            }
        }
        return SuppressedTable(
            threshold: control.threshold,
            cells: (0..<rows).map { r in (0..<columns).map { entry(r * columns + $0) } },
            rowTotals: rowTotals.map { _ in (0..<rows).map { entry(rowTotalBase + $0) } },
            columnTotals: columnTotals.map { _ in (0..<columns).map { entry(columnTotalBase + $0) } },
            total: total.map { _ in entry(totalIndex) })
    }
}
