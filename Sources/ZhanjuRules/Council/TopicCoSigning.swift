/// When a topic raised by a resident is published: once enough other residents co-sign it.
/// RULES.md is silent; the default is ten co-signers, as a nomination needs (our default).
public struct TopicRules: Codable, Hashable, Sendable {
    public var name: String
    public var version: Int
    /// Co-signers needed besides the author.
    public var coSigners: Int
    /// Different households the co-signers must come from; nil for no such rule.
    public var coSignerHouseholds: Int?

    public init(name: String, version: Int = 1, coSigners: Int = 10, coSignerHouseholds: Int? = nil) {
        self.name = name
        self.version = version
        self.coSigners = coSigners
        self.coSignerHouseholds = coSignerHouseholds
    }

    public static let standard = TopicRules(name: "topic-co-sign")

    func cite(_ rule: CouncilRule) -> RuleCitation { RuleCitation(rule, ruleSet: name, version: version) }
}

/// A count against a fixed number (not a share): what was needed, what there was, what is missing.
public struct CountCheck: Hashable, Codable, Sendable {
    public var rule: RuleCitation
    public var count: Int
    public var required: Int
    public var met: Bool { count >= required }
    public var missing: Int { max(required - count, 0) }
}

/// One co-signature, with the signer's household.
public struct CoSignature: Hashable, Codable, Sendable {
    public var resident: String
    public var household: String
    public init(resident: String, household: String) {
        self.resident = resident
        self.household = household
    }
}

public struct TopicCoSignReading: Hashable, Codable, Sendable {
    public var coSigners: CountCheck
    /// Nil when the rule set has no household rule.
    public var households: CountCheck?
    public var setAside: [CouncilRefusal]
    public var publishable: Bool { coSigners.met && (households?.met ?? true) }
}

extension TopicRules {
    /// Counts co-signatures: the author's own does not count, nor does anyone's second, nor one from
    /// someone who is not a resident of the area (`eligible`, when given).
    public func read(author: String, coSignatures: [CoSignature], eligible: Set<String>? = nil) -> TopicCoSignReading {
        var setAside: [CouncilRefusal] = []
        var residents: Set<String> = []
        var households: Set<String> = []
        for s in coSignatures {
            if s.resident == author { setAside.append(CouncilRefusal(.authorCannotCoSign, subject: s.resident)); continue }
            if let eligible, !eligible.contains(s.resident) { setAside.append(CouncilRefusal(.signerNotOnRoll, subject: s.resident)); continue }
            guard residents.insert(s.resident).inserted else { setAside.append(CouncilRefusal(.duplicateSignature, subject: s.resident)); continue }
            households.insert(s.household)
        }
        return TopicCoSignReading(
            coSigners: CountCheck(rule: cite(.topicCoSignatures), count: residents.count, required: coSigners),
            households: coSignerHouseholds.map { CountCheck(rule: cite(.topicCoSignatureHouseholds), count: households.count, required: $0) },
            setAside: setAside)
    }
}
