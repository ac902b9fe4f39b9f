/// A count out of a base, as a percentage. Rounding is done on whole numbers (half up), so
/// 151 of 196 is exactly "77.04%" on every machine.
public struct Share: Hashable, Sendable {
    public var count: Int
    public var base: Int

    public init(_ count: Int, of base: Int) {
        self.count = count
        self.base = base
    }

    /// The fraction (0...1); nil with an empty base.
    public var fraction: Double? { base > 0 ? Double(count) / Double(base) : nil }

    /// The percentage in units of 10^-decimals percent, rounded half up: `hundredths` for 2 decimals.
    public func scaledPercent(decimals: Int = 2) -> Int? {
        guard base > 0 else { return nil }
        var scale = 100
        for _ in 0..<decimals { scale *= 10 }
        return (2 * count * scale + base) / (2 * base)
    }

    /// "77.04%"; "—" with an empty base.
    public func formatted(decimals: Int = 2) -> String {
        guard let scaled = scaledPercent(decimals: decimals) else { return "—" }
        guard decimals > 0 else { return "\(scaled)%" }
        var unit = 1
        for _ in 0..<decimals { unit *= 10 }
        let fraction = String(scaled % unit)
        return "\(scaled / unit).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)%"
    }
}
