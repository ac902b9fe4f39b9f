/// The residents' council (居民议事会, Chengdu model): about 30 members elected from the residents'
/// representatives, the standing body that decides within the scope the assembly delegates.
public struct CouncilComposition: Codable, Hashable, Sendable {
    public var name: String
    public var version: Int
    /// Seats of this council (about 30 in Chengdu; configurable per committee).
    public var seats: Int
    /// Members must be residents' representatives in office.
    public var drawnFromRepresentatives: Bool

    public init(name: String, version: Int = 1, seats: Int = 30, drawnFromRepresentatives: Bool = true) {
        self.name = name
        self.version = version
        self.seats = seats
        self.drawnFromRepresentatives = drawnFromRepresentatives
    }

    public static let chengdu = CouncilComposition(name: "chengdu-council-30")

    public struct Reading: Hashable, Codable, Sendable {
        public var seats: Int
        public var seated: Int
        public var vacancies: Int { max(seats - seated, 0) }
        /// Members who may not sit, each with the rule.
        public var refusals: [CouncilRefusal]
        public var valid: Bool { refusals.isEmpty }
    }

    /// Checks the members against the seats and, when required, the representatives in office.
    public func check(members: [String], representatives: Set<String>) -> Reading {
        var refusals: [CouncilRefusal] = []
        var seen: Set<String> = []
        for m in members where !seen.insert(m).inserted {
            refusals.append(CouncilRefusal(.councilSeats, subject: m, detail: "listed twice", zh: "重复列出"))
        }
        if seen.count > seats {
            refusals.append(CouncilRefusal(.councilSeats, detail: "\(seen.count) members for \(seats) seats", zh: "\(seen.count) 人,席位 \(seats) 个"))
        }
        if drawnFromRepresentatives {
            for m in seen.sorted() where !representatives.contains(m) {
                refusals.append(CouncilRefusal(.councilMemberNotRepresentative, subject: m))
            }
        }
        return Reading(seats: seats, seated: seen.count, refusals: refusals)
    }
}
