/// A share that a count must reach: "more than half" (过半数) or "at least two thirds" (三分之二以上).
///
/// Chinese statutes say 以上 for "at least" (the figure itself included, Civil Code art. 1259) and
/// 过半数 for "more than half" (exactly half is not enough). Both are kept exact: the smallest count
/// that meets a share of a base is computed in integers, never in floating point.
public struct ShareThreshold: Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Comparison: String, Codable, CaseIterable, Sendable {
        /// 过半数 and the like: the count must be strictly greater than the share of the base.
        case moreThan = "more_than"
        /// 以上: the count may equal the share of the base.
        case atLeast = "at_least"
    }

    public let comparison: Comparison
    public let numerator: Int
    public let denominator: Int

    public init(_ comparison: Comparison, _ numerator: Int, _ denominator: Int) {
        precondition(denominator > 0 && (0...denominator).contains(numerator), "a share lies between 0 and 1")
        self.comparison = comparison
        self.numerator = numerator
        self.denominator = denominator
    }

    public static func moreThan(_ numerator: Int, _ denominator: Int) -> ShareThreshold { .init(.moreThan, numerator, denominator) }
    public static func atLeast(_ numerator: Int, _ denominator: Int) -> ShareThreshold { .init(.atLeast, numerator, denominator) }

    /// 过半数.
    public static let moreThanHalf = moreThan(1, 2)
    /// 三分之二以上.
    public static let twoThirds = atLeast(2, 3)
    /// 四分之三以上.
    public static let threeQuarters = atLeast(3, 4)

    /// A stored rule set is read back only if every share in it lies between 0 and 1.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let comparison = try c.decode(Comparison.self, forKey: .comparison)
        let numerator = try c.decode(Int.self, forKey: .numerator)
        let denominator = try c.decode(Int.self, forKey: .denominator)
        guard denominator > 0, (0...denominator).contains(numerator) else {
            throw DecodingError.dataCorruptedError(forKey: .numerator, in: c, debugDescription: "a share lies between 0 and 1")
        }
        self.init(comparison, numerator, denominator)
    }

    /// The smallest count that meets the share of `base` (never below 1: nothing is decided by nobody).
    /// Exact for any base an `Int` holds (area in hundredths of a square metre included).
    public func minimum(of base: Int) -> Int {
        let base = max(base, 0)
        let (quotient, remainder) = denominator.dividingFullWidth(numerator.multipliedFullWidth(by: base))
        let least: Int
        switch comparison {
        case .atLeast: least = remainder == 0 ? quotient : quotient + 1
        case .moreThan: least = quotient + 1
        }
        return max(least, 1)
    }

    /// Whether `count` meets the share of `base`. An empty base is never met.
    public func isMet(_ count: Int, of base: Int) -> Bool {
        base > 0 && count >= minimum(of: base)
    }

    /// Measures `count` against the share of `base`, with the figures that explain the answer.
    public func check(_ count: Int, of base: Int) -> ShareCheck {
        ShareCheck(threshold: self, count: count, base: base, required: minimum(of: base), met: isMet(count, of: base))
    }

    /// "more than 1/2", "at least 2/3".
    public var description: String {
        "\(comparison == .moreThan ? "more than" : "at least") \(numerator)/\(denominator)"
    }
}

/// A count measured against a share of a base: what was needed, what there was, what is missing.
public struct ShareCheck: Hashable, Codable, Sendable {
    public var threshold: ShareThreshold
    public var count: Int
    public var base: Int
    /// The smallest count that meets the threshold on this base.
    public var required: Int
    public var met: Bool

    /// How many more are needed (0 when met).
    public var missing: Int { max(required - count, 0) }
    /// How many could be lost and the threshold still be met (0 when not met).
    public var margin: Int { met ? count - required : 0 }
}

/// A share check together with the rule that set the threshold: one line of an explanation.
public struct CitedShareCheck: Hashable, Codable, Sendable {
    public var rule: RuleCitation
    public var check: ShareCheck
    public var met: Bool { check.met }
    public init(rule: RuleCitation, check: ShareCheck) {
        self.rule = rule
        self.check = check
    }
}
