import Testing
import ZhanjuRules

/// Owners "o1", "o2", … each holding one part of the given area (hundredths of m²).
private func register(_ areas: [Int]) -> OwnersRegister {
    try! OwnersRegister(areas.enumerated().map { i, a in .init(id: "p\(i + 1)", areaHundredths: a, holder: .owner("o\(i + 1)")) })
}

/// Ballots: owners 1…n in order, with the choices given.
private func ballots(_ choices: [VoteChoice]) -> [OwnerBallot] {
    choices.enumerated().map { i, c in OwnerBallot(owner: .owner("o\(i + 1)"), choice: c) }
}

private func count(_ matter: OwnersMatter, _ register: OwnersRegister, _ choices: [VoteChoice]) -> OwnersVoteResult {
    try! OwnersVoteRules.civilCode2021.count(matter, register: register, ballots: ballots(choices))
}

@Suite("Owners: which matters need which majority (Civil Code art. 278 ¶1)")
struct OwnersMatterTests {
    let rules = OwnersVoteRules.civilCode2021

    @Test("raising the maintenance fund, rebuilding and changing the use of common parts (items 6–8) need 3/4")
    func special() {
        for m in [OwnersMatter.raiseMaintenanceFund, .rebuildOrRenovate, .changeUseOfCommonParts] {
            #expect(rules.needsSpecialMajority(m), "\(m)")
            #expect((6...8).contains(m.item))
        }
    }

    @Test("rules, covenant, the owners' committee, the property manager, using the fund and other matters need more than half")
    func ordinary() {
        for m in [OwnersMatter.procedureRules, .managementCovenant, .ownersCommittee, .propertyManager, .useMaintenanceFund, .otherMajorMatter] {
            #expect(!rules.needsSpecialMajority(m), "\(m)")
        }
        #expect(OwnersMatter.useMaintenanceFund.item == 5)
        #expect(OwnersMatter.otherMajorMatter.item == 9)
    }

    @Test("the defaults: 2/3 take part; 3/4 or more than half of those taking part agree")
    func defaults() {
        #expect(rules.participationArea == .twoThirds && rules.participationHeadcount == .twoThirds)
        #expect(rules.specialArea == .threeQuarters && rules.specialHeadcount == .threeQuarters)
        #expect(rules.ordinaryArea == .moreThanHalf && rules.ordinaryHeadcount == .moreThanHalf)
    }
}

@Suite("Owners: counting area and heads (SPC interpretation 2009, arts. 8–9)")
struct OwnersRegisterTests {
    /// A's two flats, B, C, D, E, and the developer's two unsold flats: 8 parts, 6 owners, 300.00 m².
    static let compound = try! OwnersRegister([
        .init(id: "1-101", areaHundredths: 5_000, holder: .owner("A")),
        .init(id: "1-102", areaHundredths: 5_000, holder: .owner("A")),
        .init(id: "1-201", areaHundredths: 5_000, holder: .owner("B")),
        .init(id: "1-202", areaHundredths: 5_000, areaSource: .surveyed, holder: .owner("C")),
        .init(id: "2-101", areaHundredths: 4_000, areaSource: .contract, holder: .owner("D")),
        .init(id: "2-102", areaHundredths: 3_000, holder: .owner("E")),
        .init(id: "2-201", areaHundredths: 1_500, holder: .developer),
        .init(id: "2-202", areaHundredths: 1_500, holder: .developer),
    ])

    @Test("one buyer of several flats counts once, with all their area; the developer's unsold flats count as one owner")
    func counting() {
        let r = Self.compound
        #expect(r.parts == 8)
        #expect(r.owners == 6)
        #expect(r.totalArea == 30_000)
        #expect(r.areaByOwner[.owner("A")] == 10_000 && r.partsByOwner[.owner("A")] == 2)
        #expect(r.areaByOwner[.developer] == 3_000 && r.partsByOwner[.developer] == 2)
        #expect(r.partsByAreaSource == [.registered: 6, .surveyed: 1, .contract: 1])
    }

    @Test("A votes once and carries 100.00 m²")
    func multiFlatOwnerVotes() throws {
        let r = try OwnersVoteRules.civilCode2021.count(.propertyManager, register: Self.compound, ballots: [
            .init(owner: .owner("A"), choice: .for), .init(owner: .owner("B"), choice: .for),
            .init(owner: .owner("C"), choice: .against), .init(owner: .developer, choice: .for),
        ])
        #expect(r.votes[.for]?.area == 18_000 && r.votes[.for]?.owners == 3)
        #expect(r.participationArea.check.count == 23_000 && r.participationHeadcount.check.count == 4)
        #expect(r.outcome == .adopted)
        #expect(r.partsByAreaSource[.contract] == 1)
    }

    @Test("a part with no area, and a part listed twice, are refused")
    func badParts() {
        #expect(refusal { try OwnersRegister([.init(id: "x", areaHundredths: 0, holder: .owner("A"))]) }?.rule == .exclusivePartArea)
        #expect(refusal { try OwnersRegister([.init(id: "x", areaHundredths: 1, holder: .owner("A")), .init(id: "x", areaHundredths: 1, holder: .owner("B"))]) }?.rule == .exclusivePartListedTwice)
    }

    @Test("a tenant is not an owner, and an owner votes once")
    func badBallots() {
        let tenant = refusal { try OwnersVoteRules.civilCode2021.count(.propertyManager, register: Self.compound, ballots: [.init(owner: .owner("tenant"), choice: .for)]) }
        #expect(tenant?.rule == .notAnOwner && tenant?.subject == "tenant")
        let twice = refusal { try OwnersVoteRules.civilCode2021.count(.propertyManager, register: Self.compound, ballots: [.init(owner: .developer, choice: .for), .init(owner: .developer, choice: .against)]) }
        #expect(twice?.rule == .ownerVotedTwice && twice?.subject == "developer")
    }
}

@Suite("Owners: the vote counts only if 2/3 of the area and 2/3 of the owners take part (art. 278 ¶2)")
struct OwnersParticipationTests {
    @Test("exactly 2/3 of the area and of the owners is enough")
    func exactlyTwoThirds() {
        let r = count(.propertyManager, register([10_000, 10_000, 10_000]), [.for, .for])
        #expect(r.participationArea.met && r.participationArea.check.count == 20_000 && r.participationArea.check.required == 20_000)
        #expect(r.participationHeadcount.met)
        #expect(r.outcome == .adopted)
    }

    @Test("2/3 of the area less one hundredth of a square metre: the vote is not valid, and says by how much")
    func areaShort() {
        let r = count(.propertyManager, register([10_000, 9_999, 10_001]), [.for, .for])
        #expect(r.outcome == .notValid)
        #expect(r.decidedBy.map(\.rule) == [.ownersParticipationArea])
        #expect(r.participationArea.check.missing == 1)
        #expect(r.participationHeadcount.met)
    }

    @Test("2/3 of the owners less one: not valid, however much area they hold")
    func headcountShort() {
        let areas = [25_000, 1_000, 1_000, 1_000, 1_000, 1_000]
        let short = count(.propertyManager, register(areas), [.for, .for, .for])
        #expect(short.outcome == .notValid)
        #expect(short.decidedBy.map(\.rule) == [.ownersParticipationHeadcount])
        #expect(short.participationHeadcount.check.required == 4 && short.participationHeadcount.check.missing == 1)
        #expect(count(.propertyManager, register(areas), [.for, .for, .for, .for]).outcome == .adopted)
    }

    @Test("both short: both named")
    func bothShort() {
        let r = count(.propertyManager, register([10_000, 10_000, 10_000]), [.for])
        #expect(r.decidedBy.map(\.rule) == [.ownersParticipationArea, .ownersParticipationHeadcount])
    }

    @Test("an abstention takes part but does not agree")
    func abstention() {
        let r = count(.propertyManager, register([10_000, 10_000, 10_000]), [.for, .abstain])
        #expect(r.participationHeadcount.met && r.participationArea.met)
        #expect(r.outcome == .rejected, "1 of 2 taking part is half, not more")
        #expect(count(.propertyManager, register([10_000, 10_000, 10_000]), [.for, .for, .abstain]).outcome == .adopted)
    }
}

@Suite("Owners: ordinary matters need more than half of the participating area and owners")
struct OwnersOrdinaryMajorityTests {
    @Test("exactly half of the participating area fails, even with most owners")
    func halfArea() {
        let r = count(.useMaintenanceFund, register([5_000, 1_000, 1_000, 3_000]), [.against, .for, .for, .for])
        #expect(r.outcome == .rejected)
        #expect(r.decidedBy.map(\.rule) == [.ownersOrdinaryMajorityArea])
        #expect(r.agreementArea.check.count == 5_000 && r.agreementArea.check.base == 10_000 && r.agreementArea.check.missing == 1)
        #expect(r.agreementHeadcount.met)
    }

    @Test("one hundredth of a square metre more than half carries it")
    func overHalfArea() {
        let r = count(.useMaintenanceFund, register([4_999, 1_000, 1_000, 3_001]), [.against, .for, .for, .for])
        #expect(r.outcome == .adopted)
        #expect(r.decidedBy.map(\.rule) == [.ownersOrdinaryMajorityArea, .ownersOrdinaryMajorityHeadcount])
        #expect(!r.specialMajority)
    }

    @Test("exactly half of the participating owners fails, even with most area")
    func halfHeadcount() {
        let areas = [4_000, 3_000, 1_500, 1_500]
        let r = count(.ownersCommittee, register(areas), [.for, .for, .against, .against])
        #expect(r.outcome == .rejected)
        #expect(r.decidedBy.map(\.rule) == [.ownersOrdinaryMajorityHeadcount])
        #expect(count(.ownersCommittee, register(areas), [.for, .for, .for, .against]).outcome == .adopted)
    }
}

@Suite("Owners: raising the fund, rebuilding and changing common parts need 3/4 of the participating area and owners")
struct OwnersSpecialMajorityTests {
    @Test("exactly 3/4 of area and owners carries it")
    func exactlyThreeQuarters() {
        let r = count(.raiseMaintenanceFund, register([2_500, 2_500, 2_500, 2_500]), [.for, .for, .for, .against])
        #expect(r.specialMajority)
        #expect(r.outcome == .adopted)
        #expect(r.decidedBy.map(\.rule) == [.ownersSpecialMajorityArea, .ownersSpecialMajorityHeadcount])
    }

    @Test("3/4 of the area less one hundredth fails")
    func areaShort() {
        let r = count(.rebuildOrRenovate, register([2_499, 2_500, 2_500, 2_501]), [.for, .for, .for, .against])
        #expect(r.outcome == .rejected)
        #expect(r.decidedBy.map(\.rule) == [.ownersSpecialMajorityArea])
        #expect(r.agreementArea.check.required == 7_500 && r.agreementArea.check.missing == 1)
    }

    @Test("3/4 of the owners less one fails, however much area they hold")
    func headcountShort() {
        let areas = [10_000, 10_000, 10_000, 10_000, 10_000, 1_000, 1_000, 1_000]
        let r = count(.changeUseOfCommonParts, register(areas), [.for, .for, .for, .for, .for, .against, .against, .against])
        #expect(r.outcome == .rejected)
        #expect(r.decidedBy.map(\.rule) == [.ownersSpecialMajorityHeadcount])
        #expect(r.agreementHeadcount.check.required == 6 && r.agreementHeadcount.check.missing == 1)
    }

    @Test("the base is those taking part: 3 of 6 owners agreeing is enough when 4 took part")
    func participatingBase() {
        let r = count(.raiseMaintenanceFund, register([5_000, 5_000, 5_000, 5_000, 5_000, 5_000]), [.for, .for, .for, .against])
        #expect(r.participationArea.met && r.participationHeadcount.met)
        #expect(r.agreementHeadcount.check.base == 4)
        #expect(r.outcome == .adopted)
        #expect(r.totalOwners == 6 && r.totalArea == 30_000)
    }

    @Test("the same votes use the fund (more than half) but do not raise it (3/4)")
    func sameVotesDifferentMatter() {
        let areas = [2_500, 2_500, 2_500, 2_500]
        let votes: [VoteChoice] = [.for, .for, .for, .against]
        #expect(count(.useMaintenanceFund, register(areas), votes).outcome == .adopted)
        let twoOfFour = [VoteChoice.for, .for, .against, .abstain]
        #expect(count(.useMaintenanceFund, register(areas), twoOfFour).outcome == .rejected)
        #expect(count(.raiseMaintenanceFund, register(areas + [100]), [.for, .for, .for, .against, .for]).outcome == .adopted)
        #expect(count(.raiseMaintenanceFund, register(areas + [100]), [.for, .for, .for, .against, .against]).outcome == .rejected, "3 of 5 is less than 3/4")
    }
}
