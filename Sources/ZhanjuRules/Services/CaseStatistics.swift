/// What a dashboard shows about a set of cases.
public struct CaseStatistics: Sendable, Equatable {
    public struct Fact: Sendable {
        public var family: String
        public var status: CaseStatus
        public var overdue: Bool
        /// Working days from report to resolution, for resolved cases.
        public var daysToResolve: Int?
        public var rating: Int?
        public init(family: String, status: CaseStatus, overdue: Bool, daysToResolve: Int?, rating: Int?) {
            self.family = family
            self.status = status
            self.overdue = overdue
            self.daysToResolve = daysToResolve
            self.rating = rating
        }
    }

    public var total = 0
    public var open = 0
    public var overdue = 0
    public var resolved = 0
    /// Mean working days to resolution; nil with nothing resolved.
    public var averageDaysToResolve: Double?
    /// Mean satisfaction (1–5); nil with no ratings.
    public var satisfaction: Double?
    public var ratings = 0
    /// Cases per service family, largest first.
    public var byFamily: [(family: String, count: Int)] = []

    public init(_ facts: [Fact]) {
        total = facts.count
        open = facts.filter { $0.status.isOpen }.count
        overdue = facts.filter { $0.overdue && $0.status.isOpen }.count
        let days = facts.compactMap(\.daysToResolve)
        resolved = days.count
        averageDaysToResolve = days.isEmpty ? nil : Double(days.reduce(0, +)) / Double(days.count)
        let r = facts.compactMap(\.rating)
        ratings = r.count
        satisfaction = r.isEmpty ? nil : Double(r.reduce(0, +)) / Double(r.count)
        var counts: [String: Int] = [:]
        for f in facts { counts[f.family, default: 0] += 1 }
        byFamily = counts.map { ($0.key, $0.value) }.sorted { ($1.count, $0.family) < ($0.count, $1.family) }
    }

    public static func == (a: CaseStatistics, b: CaseStatistics) -> Bool {
        a.total == b.total && a.open == b.open && a.overdue == b.overdue && a.resolved == b.resolved
            && a.averageDaysToResolve == b.averageDaysToResolve && a.satisfaction == b.satisfaction
            && a.byFamily.map(\.family) == b.byFamily.map(\.family) && a.byFamily.map(\.count) == b.byFamily.map(\.count)
    }
}
