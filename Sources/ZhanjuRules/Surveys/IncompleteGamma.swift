import Foundation

/// The gamma function's logarithm and the regularized incomplete gamma functions, written here
/// so the chi-square p-value depends on no platform library beyond `exp`, `log` and `sin`.
public enum IncompleteGamma {
    /// ln Γ(x) for x > 0, by Lanczos' approximation (g = 7, nine coefficients; about 15 digits).
    public static func logGamma(_ x: Double) -> Double {
        precondition(x > 0, "logGamma is defined here for x > 0")
        if x < 0.5 {
            // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
            return log(Double.pi / sin(Double.pi * x)) - logGamma(1 - x)
        }
        let coefficients: [Double] = [
            0.999_999_999_999_809_93, 676.520_368_121_885_1, -1_259.139_216_722_402_8,
            771.323_428_777_653_13, -176.615_029_162_140_59, 12.507_343_278_686_905,
            -0.138_571_095_265_720_12, 9.984_369_578_019_571_6e-6, 1.505_632_735_149_311_6e-7,
        ]
        let z = x - 1
        var a = coefficients[0]
        for i in 1..<coefficients.count { a += coefficients[i] / (z + Double(i)) }
        let t = z + 7.5
        return 0.5 * log(2 * Double.pi) + (z + 0.5) * log(t) - t + log(a)
    }

    /// P(a, x) = γ(a, x) / Γ(a), the regularized lower incomplete gamma function.
    public static func lower(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0 && x >= 0)
        if x == 0 { return 0 }
        return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x)
    }

    /// Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x), the regularized upper incomplete gamma function.
    /// Computed directly on each side of x = a + 1, so small tail probabilities keep their digits.
    public static func upper(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0 && x >= 0)
        if x == 0 { return 1 }
        return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x)
    }

    /// P(a, x) by its power series (converges fast for x < a + 1).
    static func series(_ a: Double, _ x: Double) -> Double {
        var term = 1 / a, sum = term, ap = a
        for _ in 0..<10_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * 1e-16 { break }
        }
        return sum * exp(-x + a * log(x) - logGamma(a))
    }

    /// Q(a, x) by its continued fraction, evaluated with the modified Lentz method (x ≥ a + 1).
    static func continuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(-x + a * log(x) - logGamma(a)) * h
    }
}

/// The chi-square distribution's survival function: the probability of a statistic at least
/// this large under independence, Q(df/2, x/2).
public enum ChiSquareDistribution {
    public static func survival(_ x: Double, degreesOfFreedom df: Int) -> Double {
        precondition(df > 0, "a chi-square distribution has at least one degree of freedom")
        guard x > 0 else { return 1 }
        return IncompleteGamma.upper(Double(df) / 2, x / 2)
    }
}
