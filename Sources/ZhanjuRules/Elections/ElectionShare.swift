/// A share of a whole that a count must reach: "more than half of the ballots cast", "not fewer
/// than one third", "at least one fifth of the voters". Compared in whole numbers (no rounding),
/// so "more than half of 1,000" is 501 and "at least one third of 1,000" is 334.
public struct ElectionShare: Codable, Hashable, Sendable, CustomStringConvertible {
    public enum Comparison: String, Codable, Sendable {
        /// Strictly more than the fraction (过半数: more than half).
        case moreThan = "more_than"
        /// The fraction or more (不少于: not fewer than).
        case atLeast = "at_least"
    }

    public var comparison: Comparison
    public var numerator: Int
    public var denominator: Int

    public init(_ comparison: Comparison, _ numerator: Int, _ denominator: Int) {
        precondition(denominator > 0 && numerator >= 0 && numerator <= denominator, "a share is a fraction of a whole")
        self.comparison = comparison
        self.numerator = numerator
        self.denominator = denominator
    }

    public static func moreThan(_ numerator: Int, _ denominator: Int) -> ElectionShare { .init(.moreThan, numerator, denominator) }
    public static func atLeast(_ numerator: Int, _ denominator: Int) -> ElectionShare { .init(.atLeast, numerator, denominator) }
    public static let moreThanHalf = moreThan(1, 2)

    /// Whether `count` reaches the share of `whole`. Nothing reaches a share of nothing: an
    /// election with no ballots elects no one, and a petition to a roll of no voters is not one.
    public func isMet(_ count: Int, of whole: Int) -> Bool {
        guard whole > 0 else { return false }
        switch comparison {
        case .moreThan: return count * denominator > numerator * whole
        case .atLeast: return count * denominator >= numerator * whole
        }
    }

    /// The smallest count that reaches the share of `whole` (for "needs 501 of 1,000").
    public func minimum(of whole: Int) -> Int {
        guard whole > 0 else { return 1 }
        let product = numerator * whole
        switch comparison {
        case .moreThan: return product / denominator + 1
        case .atLeast: return (product + denominator - 1) / denominator
        }
    }

    public var description: String { en }

    /// "过半数", "不少于三分之一".
    public var zh: String {
        if comparison == .moreThan && numerator * 2 == denominator { return "过半数" }
        let fraction = Self.fractionZh(numerator, denominator)
        return comparison == .moreThan ? "超过\(fraction)" : "不少于\(fraction)"
    }

    /// "more than half", "at least one third".
    public var en: String {
        let fraction = Self.fractionEn(numerator, denominator)
        return comparison == .moreThan ? "more than \(fraction)" : "at least \(fraction)"
    }

    static func fractionZh(_ n: Int, _ d: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        if n < digits.count && d < digits.count { return "\(digits[d])分之\(digits[n])" }
        return "\(d)分之\(n)"
    }

    static func fractionEn(_ n: Int, _ d: Int) -> String {
        if n == 1 && d == 2 { return "half" }
        if n == d { return "all" }
        let ordinals = [2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth"]
        let cardinals = [1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"]
        guard let ordinal = ordinals[d], let cardinal = cardinals[n] else { return "\(n)/\(d)" }
        return n == 1 ? "one \(ordinal)" : "\(cardinal) \(ordinal == "half" ? "halves" : ordinal + "s")"
    }
}
