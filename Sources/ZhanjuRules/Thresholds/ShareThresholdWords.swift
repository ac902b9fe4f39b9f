/// A share in the words of the statutes, for explanations: "过半数", "不少于三分之一", "at least one third".
extension ShareThreshold {
    public var zh: String {
        if comparison == .moreThan && numerator * 2 == denominator { return "过半数" }
        let fraction = Self.fractionZh(numerator, denominator)
        return comparison == .moreThan ? "超过\(fraction)" : "不少于\(fraction)"
    }

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
