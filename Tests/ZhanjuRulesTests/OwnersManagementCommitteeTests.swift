import Testing
import ZhanjuRules

@Suite("Property-management committee (Beijing model): odd, at least 7, owners at least half, chaired by the residents' committee")
struct OwnersManagementCommitteeTests {
    let rules = PropertyManagementCommitteeRules.beijing
    typealias Member = PropertyManagementCommitteeRules.Member

    /// `n` members, the first `owners` of them owners, the chair "m1" from the residents' committee.
    func members(_ n: Int, owners: Int) -> [Member] {
        (1...n).map { Member(id: "m\($0)", isOwner: $0 <= owners, onResidentsCommittee: $0 == 1) }
    }

    func rulesBroken(_ n: Int, owners: Int, chair: String? = "m1", elected: Bool = false) -> [CouncilRule] {
        rules.check(members: members(n, owners: owners), chair: chair, ownersCommitteeElected: elected).map(\.rule)
    }

    @Test("seven members, four of them owners, chaired from the residents' committee: valid")
    func valid() {
        #expect(rulesBroken(7, owners: 4).isEmpty)
    }

    @Test("size: 5 too few, 8 even, 9 fine", arguments: [(5, false), (7, true), (8, false), (9, true)])
    func size(n: Int, valid: Bool) {
        #expect(rulesBroken(n, owners: n).contains(.managementCommitteeSize) == !valid)
    }

    @Test("owners at least half: 3 of 7 is short, 4 of 7 enough; 5 of 9 enough, 4 of 9 short")
    func owners() {
        #expect(rulesBroken(7, owners: 3) == [.managementCommitteeOwners])
        #expect(rulesBroken(7, owners: 4).isEmpty)
        #expect(rulesBroken(9, owners: 5).isEmpty)
        #expect(rulesBroken(9, owners: 4) == [.managementCommitteeOwners])
    }

    @Test("a chair not from the residents' committee, or none, is refused")
    func chair() {
        #expect(rulesBroken(7, owners: 7, chair: "m2") == [.managementCommitteeChair])
        #expect(rulesBroken(7, owners: 7, chair: nil) == [.managementCommitteeChair])
    }

    @Test("once the owners elect their committee, it is dissolved")
    func superseded() {
        #expect(rulesBroken(7, owners: 4, elected: true) == [.managementCommitteeSuperseded])
    }
}
