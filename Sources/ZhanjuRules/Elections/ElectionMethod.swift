/// How the committee is elected (Organic Law 2018 art. 8): by all voters, by one representative
/// per household, or by two or three representatives per residents' group.
public enum ElectionMethod: String, Codable, CaseIterable, Sendable {
    case allVoters = "all_voters"
    case householdRepresentatives = "household_representatives"
    case groupRepresentatives = "group_representatives"

    public var zh: String {
        switch self {
        case .allVoters: return "全体选民直接选举"
        case .householdRepresentatives: return "每户派代表选举"
        case .groupRepresentatives: return "每个居民小组选举代表选举"
        }
    }

    public var en: String {
        switch self {
        case .allVoters: return "all voters"
        case .householdRepresentatives: return "one representative per household"
        case .groupRepresentatives: return "representatives of each residents' group"
        }
    }
}

/// A voter standing for a household or a residents' group in a representative election.
public struct Representative: Codable, Hashable, Sendable {
    public var person: String
    /// The household or residents' group represented.
    public var unit: String
    public init(person: String, unit: String) {
        self.person = person
        self.unit = unit
    }
}

extension ElectionRuleSet {
    /// Whether the representatives on a roll fit the method: under household representation each
    /// household sends `representativesPerHousehold`, at most; under group representation each
    /// group sends a number within `representativesPerGroup`. `units` are every household or
    /// group of the area (a group that sends no one is refused; a household may abstain).
    /// Nothing to check when all voters vote.
    public func checkRepresentation(_ method: ElectionMethod, representatives: [Representative], units: Set<String>) -> ElectionCheck {
        var check = ElectionCheck()
        guard method != .allVoters else {
            check.notes.append(.init(.representation, zh: "全体选民直接选举,无需代表", en: "all voters vote; no representatives"))
            return check
        }
        var byUnit: [String: Set<String>] = [:]
        for r in representatives { byUnit[r.unit, default: []].insert(r.person) }
        var seen: [String: String] = [:]
        for r in representatives.sorted(by: { ($0.unit, $0.person) < ($1.unit, $1.person) }) {
            if let first = seen[r.person], first != r.unit {
                check.refusals.append(.init(.representation, zh: "\(r.person) 同时代表 \(first) 和 \(r.unit)",
                                            en: "\(r.person) represents both \(first) and \(r.unit)"))
            }
            seen[r.person] = seen[r.person] ?? r.unit
        }
        for unit in byUnit.keys.sorted() where !units.contains(unit) {
            check.refusals.append(.init(.representation, zh: "\(unit) 不属于本居委会", en: "\(unit) is not in the committee's area"))
        }
        switch method {
        case .householdRepresentatives:
            for (unit, people) in byUnit.sorted(by: { $0.key < $1.key }) where people.count > representativesPerHousehold {
                check.refusals.append(.init(.representation, zh: "\(unit) 派出 \(people.count) 名代表,每户 \(representativesPerHousehold) 名",
                                            en: "household \(unit) sends \(people.count) representatives; \(representativesPerHousehold) per household"))
            }
        case .groupRepresentatives:
            for unit in units.sorted() {
                let count = byUnit[unit]?.count ?? 0
                if !representativesPerGroup.contains(count) {
                    check.refusals.append(.init(.representation, zh: "居民小组 \(unit) 推选代表 \(count) 名,每组 \(representativesPerGroup.lowerBound)–\(representativesPerGroup.upperBound) 名",
                                                en: "residents' group \(unit) sends \(count) representatives; \(representativesPerGroup.lowerBound)–\(representativesPerGroup.upperBound) per group"))
                }
            }
        case .allVoters:
            break
        }
        if check.accepted {
            check.notes.append(.init(.representation, zh: "\(method.zh):\(byUnit.count) 个单位,代表 \(seen.count) 名",
                                     en: "\(method.en): \(byUnit.count) units, \(seen.count) representatives"))
        }
        return check
    }
}
