/// Who the owners are and what area each holds, counted as the Supreme People's Court's
/// interpretation on building ownership says (2009, arts. 8–9): area as registered; one owner per
/// exclusive part, except that one buyer of several parts counts once, and so do the developer's
/// unsold or sold-but-undelivered parts together. Tenants are residents, not owners.
public struct OwnersRegister: Hashable, Sendable {
    /// Where a part's area comes from, in the interpretation's order of preference (art. 8).
    public enum AreaSource: String, Codable, CaseIterable, Sendable {
        /// 不动产登记簿.
        case registered
        /// 测绘机构的实测面积, until registered.
        case surveyed
        /// 房屋买卖合同记载的面积, until surveyed.
        case contract
    }

    /// Who holds a part for counting: a buyer (co-owners of one part together as one key), or the
    /// developer for everything unsold or not yet delivered.
    public enum Holder: Hashable, Codable, Sendable, Comparable {
        case owner(String)
        case developer

        public var code: String {
            switch self {
            case .owner(let id): return id
            case .developer: return "developer"
            }
        }
    }

    /// One exclusive part (专有部分): a flat, a shop, a parking space sold with title.
    public struct ExclusivePart: Hashable, Codable, Sendable {
        public var id: String
        /// Square metres in hundredths (87.65 m² is 8765).
        public var areaHundredths: Int
        public var areaSource: AreaSource
        public var holder: Holder
        public init(id: String, areaHundredths: Int, areaSource: AreaSource = .registered, holder: Holder) {
            self.id = id
            self.areaHundredths = areaHundredths
            self.areaSource = areaSource
            self.holder = holder
        }
    }

    /// Area held by each owner as counted (all their parts together).
    public private(set) var areaByOwner: [Holder: Int]
    /// Parts held by each owner.
    public private(set) var partsByOwner: [Holder: Int]
    /// Parts whose area was taken from each source.
    public private(set) var partsByAreaSource: [AreaSource: Int]
    public let totalArea: Int
    public var owners: Int { areaByOwner.count }
    public let parts: Int

    /// Builds the register; refuses a part with no area or one listed twice.
    public init(_ parts: [ExclusivePart]) throws(CouncilRefusal) {
        var area: [Holder: Int] = [:], count: [Holder: Int] = [:], sources: [AreaSource: Int] = [:]
        var seen: Set<String> = []
        var total = 0
        for p in parts {
            guard p.areaHundredths > 0 else {
                throw CouncilRefusal(.exclusivePartArea, subject: p.id, detail: "area \(p.areaHundredths)", zh: "面积 \(p.areaHundredths)")
            }
            guard seen.insert(p.id).inserted else { throw CouncilRefusal(.exclusivePartListedTwice, subject: p.id) }
            area[p.holder, default: 0] += p.areaHundredths
            count[p.holder, default: 0] += 1
            sources[p.areaSource, default: 0] += 1
            total += p.areaHundredths
        }
        (areaByOwner, partsByOwner, partsByAreaSource, totalArea, self.parts) = (area, count, sources, total, parts.count)
    }
}
