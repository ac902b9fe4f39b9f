/// Age bands for tables, from a birth date and the survey's date. The bands are configuration;
/// the default starts adulthood at 18 and old age at 60 (Law on the Protection of the Rights and
/// Interests of the Elderly, art. 2), in ten-year steps between.
public struct AgeBands: Hashable, Sendable, Codable {
    /// The first age of each band after the first, ascending. The first band is everyone younger.
    public var lowerBounds: [Int]

    public init(lowerBounds: [Int]) {
        precondition(!lowerBounds.isEmpty && zip(lowerBounds, lowerBounds.dropFirst()).allSatisfy { $0 < $1 },
                     "age bands ascend")
        self.lowerBounds = lowerBounds
    }

    /// Stored bands are checked like constructed ones: at least one bound, ascending.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let bounds = try c.decode([Int].self, forKey: .lowerBounds)
        guard !bounds.isEmpty, zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw DecodingError.dataCorruptedError(forKey: .lowerBounds, in: c, debugDescription: "age bands ascend")
        }
        lowerBounds = bounds
    }

    private enum CodingKeys: String, CodingKey {
        case lowerBounds = "lower_bounds"
    }

    /// Under 18, 18–29, 30–39, 40–49, 50–59, 60–69, 70 and over.
    public static let standard = AgeBands(lowerBounds: [18, 30, 40, 50, 60, 70])

    /// The bands as categories, youngest first. Keys: `under_18`, `18_29`, …, `70_plus`.
    public var categories: [SurveyCategory] {
        var result = [SurveyCategory("under_\(lowerBounds[0])",
                                     BilingualText("\(lowerBounds[0])岁以下", "under \(lowerBounds[0])"))]
        for (i, low) in lowerBounds.enumerated() {
            if i + 1 < lowerBounds.count {
                let high = lowerBounds[i + 1] - 1
                result.append(SurveyCategory("\(low)_\(high)", BilingualText("\(low)–\(high)岁", "\(low)–\(high)")))
            } else {
                result.append(SurveyCategory("\(low)_plus", BilingualText("\(low)岁及以上", "\(low) and over")))
            }
        }
        return result
    }

    /// The band of someone born on `birth`, on `date`; nil when born after it.
    public func band(born birth: CivilDate, on date: CivilDate) -> SurveyCategory? {
        bandIndex(born: birth, on: date).map { categories[$0] }
    }

    /// The position of that band in `categories`.
    public func bandIndex(born birth: CivilDate, on date: CivilDate) -> Int? {
        guard birth <= date else { return nil }
        let age = birth.age(on: date)
        return lowerBounds.lastIndex { $0 <= age }.map { $0 + 1 } ?? 0
    }

    /// Age bands as a grouping variable; unknown birth dates (or births after `date`) are missing.
    public func variable(births: [CivilDate?], on date: CivilDate) -> CategoricalVariable {
        let values: [CategoricalVariable.Value] = births.map { birth in
            birth.flatMap { bandIndex(born: $0, on: date) }.map { .one($0) } ?? .missing
        }
        return CategoricalVariable(key: "age_band", label: BilingualText("年龄段", "Age band"), categories: categories,
                                   multipleResponse: false, values: values)
    }
}
