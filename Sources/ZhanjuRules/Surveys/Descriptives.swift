/// Summary of numeric answers (rating scales and numbers): count, mean, sample standard
/// deviation (n − 1), median, least and greatest.
public struct Descriptives: Hashable, Sendable {
    public var count: Int
    public var mean: Double
    /// nil with fewer than two values.
    public var standardDeviation: Double?
    public var median: Double
    public var minimum: Double
    public var maximum: Double

    /// nil for no values.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        // Welford's running mean and sum of squares: stable for a million values.
        var mean = 0.0, m2 = 0.0, n = 0.0
        for x in values {
            n += 1
            let delta = x - mean
            mean += delta / n
            m2 += delta * (x - mean)
        }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        count = sorted.count
        self.mean = mean
        standardDeviation = sorted.count > 1 ? (m2 / (n - 1)).squareRoot() : nil
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
    }

    /// The numeric answers to a question (ratings and numbers), one per respondent who gave one.
    public static func values(of key: String, in responses: [SurveyAnswers]) -> [Double?] {
        responses.map { $0[key]?.numericValue }
    }

    /// Descriptives of a rating or number question; nil when nobody answered it.
    public init?(question key: String, responses: [SurveyAnswers]) {
        self.init(Self.values(of: key, in: responses).compactMap { $0 })
    }

    /// Descriptives within each category of a grouping variable (single response), in its order.
    public static func byGroup(_ values: [Double?], groups: CategoricalVariable) -> [(category: SurveyCategory, descriptives: Descriptives?)] {
        precondition(values.count == groups.values.count, "values and groups list the same respondents")
        var buckets = [[Double]](repeating: [], count: groups.categories.count)
        for (value, group) in zip(values, groups.values) {
            guard let value else { continue }
            switch group {
            case .missing: continue
            case .one(let i): buckets[i].append(value)
            case .many(let list): for i in list { buckets[i].append(value) }
            }
        }
        return groups.categories.indices.map { (groups.categories[$0], Descriptives(buckets[$0])) }
    }
}
