/// Who receives a survey: everyone, one invitation per household, or a fixed number of random
/// households in each grid.
public enum SamplingMode: Hashable, Sendable {
    /// Every resident in the frame gets an invitation.
    case everyone
    /// Every household gets one invitation, answered once by whoever in it takes it.
    case onePerHousehold
    /// In each grid, this many households drawn at random (all of them where a grid has fewer).
    case householdsPerGrid(Int)
}

/// A household as the sampling frame sees it: its grid and the residents eligible to answer
/// (the app decides eligibility, e.g. adults living there).
public struct SamplingHousehold<ID: Hashable & Comparable & Sendable & CustomStringConvertible>: Hashable, Sendable {
    public var id: ID
    public var grid: ID
    public var residents: [ID]

    public init(id: ID, grid: ID, residents: [ID]) {
        self.id = id
        self.grid = grid
        self.residents = residents
    }
}

/// One invitation: a household, and the resident when residents are invited one by one.
public struct SurveyInvitee<ID: Hashable & Comparable & Sendable & CustomStringConvertible>: Hashable, Sendable {
    public var grid: ID
    public var household: ID
    public var resident: ID?

    public init(grid: ID, household: ID, resident: ID? = nil) {
        self.grid = grid
        self.household = household
        self.resident = resident
    }
}

/// The sample, and what to show before anything is sent.
public struct SurveySample<ID: Hashable & Comparable & Sendable & CustomStringConvertible>: Sendable {
    public struct GridLine: Hashable, Sendable {
        public var grid: ID
        public var households: Int
        public var residents: Int
        public var invitations: Int
        /// Households short of the number asked for (the grid has fewer, so all were taken).
        public var shortfall: Int
    }

    public var mode: SamplingMode
    public var seed: UInt64
    /// Sorted by grid, household, resident: the same whatever the frame's order.
    public var invitees: [SurveyInvitee<ID>]
    /// One line per grid in the frame, sorted by grid.
    public var grids: [GridLine]
    public var households: Int
    public var residents: Int
    /// Whether the seed decided anything (only random draws use it).
    public var usesSeed: Bool { if case .householdsPerGrid = mode { true } else { false } }
    public var gridsShort: [ID] { grids.filter { $0.shortfall > 0 }.map(\.grid) }
}

public enum SamplingError: Error, Hashable, Sendable {
    case householdsPerGridBelowOne(Int)
    /// The same household listed twice (the app's frame is inconsistent).
    case duplicateHousehold(String)
    /// The same resident listed in two households, or twice in one.
    case duplicateResident(String)
}

public enum SurveySampling {
    /// Draws the sample. The frame is sorted by id first, so the result depends on its content
    /// and the seed only; each grid's draw has its own generator (seed mixed with the grid's id),
    /// so adding or removing a grid leaves the other grids' samples as they were.
    public static func draw<ID>(_ mode: SamplingMode, from frame: [SamplingHousehold<ID>],
                                seed: UInt64) throws(SamplingError) -> SurveySample<ID> {
        if case .householdsPerGrid(let n) = mode, n < 1 { throw .householdsPerGridBelowOne(n) }
        let households = frame.sorted { $0.id < $1.id }
        var seenResidents: Set<ID> = []
        for (i, h) in households.enumerated() {
            if i > 0 && households[i - 1].id == h.id { throw .duplicateHousehold(h.id.description) }
            for r in h.residents where !seenResidents.insert(r).inserted { throw .duplicateResident(r.description) }
        }

        var byGrid: [ID: [SamplingHousehold<ID>]] = [:]
        for h in households { byGrid[h.grid, default: []].append(h) }

        var invitees: [SurveyInvitee<ID>] = []
        var lines: [SurveySample<ID>.GridLine] = []
        for grid in byGrid.keys.sorted() {
            let members = byGrid[grid]!
            let people = members.reduce(0) { $0 + $1.residents.count }
            var chosen: [SurveyInvitee<ID>] = []
            var shortfall = 0
            switch mode {
            case .everyone:
                for h in members {
                    for r in h.residents.sorted() { chosen.append(.init(grid: grid, household: h.id, resident: r)) }
                }
            case .onePerHousehold:
                chosen = members.map { .init(grid: grid, household: $0.id, resident: nil) }
            case .householdsPerGrid(let n):
                var rng = SeededGenerator(seed: seed ^ StableDraw.fnv1a(grid.description))
                chosen = StableDraw.choose(n, from: members, using: &rng)
                    .sorted { $0.id < $1.id }
                    .map { .init(grid: grid, household: $0.id, resident: nil) }
                shortfall = max(0, n - members.count)
            }
            invitees += chosen
            lines.append(.init(grid: grid, households: members.count, residents: people,
                               invitations: chosen.count, shortfall: shortfall))
        }
        return SurveySample(mode: mode, seed: seed, invitees: invitees, grids: lines,
                            households: households.count, residents: seenResidents.count)
    }
}

/// Stored as `{"type": "households_per_grid", "households": 3}`.
extension SamplingMode: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SurveyKey.self)
        let type = try c.decode(String.self, forKey: SurveyKey("type"))
        switch type {
        case "everyone": self = .everyone
        case "one_per_household": self = .onePerHousehold
        case "households_per_grid": self = .householdsPerGrid(try c.decode(Int.self, forKey: SurveyKey("households")))
        default: throw c.unknown(type)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SurveyKey.self)
        switch self {
        case .everyone: try c.encode("everyone", forKey: SurveyKey("type"))
        case .onePerHousehold: try c.encode("one_per_household", forKey: SurveyKey("type"))
        case .householdsPerGrid(let n):
            try c.encode("households_per_grid", forKey: SurveyKey("type"))
            try c.encode(n, forKey: SurveyKey("households"))
        }
    }
}
