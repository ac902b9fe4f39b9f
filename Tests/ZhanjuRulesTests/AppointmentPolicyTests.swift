import Testing
@testable import ZhanjuRules

@Suite("Appointment policy: who may hold which posts at once (交叉任职)")
struct AppointmentPolicyTests {
    let term = Term(starts: CivilDate(year: 2026, month: 1, day: 1)!)
    func holding(_ post: Post, _ body: String = "b", _ term: Term? = nil) -> AppointmentPolicy.Holding {
        .init(post: post, bodyID: body, term: term ?? self.term)
    }

    @Test("by default workstation staff may not sit on a residents' committee")
    func stationCommitteeSeparation() {
        let v = AppointmentPolicy.stationCommitteeSeparation.check(holding(.member, "rc"), personHoldings: [holding(.stationStaff, "ws")])
        #expect(v?.rule == .stationCommitteeSeparation)
        // No exception lifts it, not even Shenxianshu's.
        #expect(AppointmentPolicy.shenxianshu.forbids(.chair, .stationHead) == .stationCommitteeSeparation)
        #expect(AppointmentPolicy.shenxianshu.forbids(.deputyChair, .gridWorker) == .stationCommitteeSeparation)
    }

    @Test("Shenxianshu's exceptions, each off by default and on in its policy")
    func shenxianshuExceptions() {
        let pairs: [(Post, Post, AppointmentPolicy.Rule)] = [
            (.generalBranchSecretary, .stationHead, .partyAdministrationSeparation),
            (.chair, .branchSecretary, .partySelfGovernanceSeparation),
            (.branchSecretary, .servicePointHead, .partyAdministrationSeparation),
            (.member, .ownersMember, .ownersSelfGovernanceSeparation),
            (.ownersDirector, .managementCommitteeMember, .ownersSelfGovernanceSeparation),
            (.member, .managementCommitteeMember, .ownersSelfGovernanceSeparation),
        ]
        for (a, b, rule) in pairs {
            #expect(AppointmentPolicy.stationCommitteeSeparation.forbids(a, b) == rule, "\(a) + \(b)")
            #expect(AppointmentPolicy.stationCommitteeSeparation.forbids(b, a) == rule, "symmetric")
            #expect(AppointmentPolicy.shenxianshu.forbids(a, b) == nil, "\(a) + \(b) allowed in Shenxianshu")
        }
    }

    @Test("an exception is as narrow as its name: a deputy secretary still may not head the station")
    func exceptionsAreNarrow() {
        #expect(AppointmentPolicy.shenxianshu.forbids(.generalBranchDeputySecretary, .stationHead) == .partyAdministrationSeparation)
        #expect(AppointmentPolicy.shenxianshu.forbids(.branchSecretary, .deputyChair) == .partySelfGovernanceSeparation)
    }

    @Test("the residents' committee chairs the property-management committee (Beijing model)")
    func managementCommitteeChair() {
        #expect(AppointmentPolicy.stationCommitteeSeparation.forbids(.chair, .managementCommitteeChair) == nil)
    }

    @Test("supervisors are independent of the committee and the workstation, whatever the policy")
    func supervisors() {
        #expect(AppointmentPolicy.shenxianshu.forbids(.supervisor, .member) == .supervisoryIndependence)
        #expect(AppointmentPolicy.shenxianshu.forbids(.stationStaff, .supervisorChair) == .supervisoryIndependence)
        #expect(AppointmentPolicy.shenxianshu.forbids(.propertyManagerHead, .ownersMember) == .propertyManagerConflict)
    }

    @Test("posts held at different times never conflict")
    func termsMustOverlap() {
        let earlier = Term(starts: CivilDate(year: 2020, month: 1, day: 1)!, ends: CivilDate(year: 2025, month: 12, day: 31)!)
        let v = AppointmentPolicy.stationCommitteeSeparation.check(holding(.member, "rc"), personHoldings: [holding(.stationStaff, "ws", earlier)])
        #expect(v == nil)
    }

    @Test("one person holds one post per body; a single-holder post has one holder")
    func bodyRules() {
        let policy = AppointmentPolicy.stationCommitteeSeparation
        #expect(policy.check(holding(.chair, "rc"), personHoldings: [holding(.member, "rc")])?.rule == .onePostPerBody)
        #expect(policy.check(holding(.chair, "rc"), personHoldings: [], bodyHoldings: [holding(.chair, "rc")])?.rule == .singleHolder)
        #expect(policy.check(holding(.member, "rc"), personHoldings: [], bodyHoldings: [holding(.member, "rc")]) == nil)
    }
}

@Suite("Structure size rules (RULES.md)")
struct StructureRulesTests {
    @Test("a committee of 900 households breaks the 2025 law's 1,000–3,000 and names the figures")
    func committeeHouseholds() {
        let breaks = StructureRules.organicLaw2025.checkCommittee(households: 900, seatsHeld: 5, womenHolding: 2)
        #expect(breaks == [.init(rule: .committeeHouseholds, actual: 900, lower: 1_000, upper: 3_000)])
        #expect(StructureRules.organicLaw2025.checkCommittee(households: 3_000, seatsHeld: 9, womenHolding: 1).isEmpty)
    }
    @Test("5–9 seats with at least one woman")
    func committeeSeats() {
        let breaks = StructureRules.organicLaw2025.checkCommittee(households: 1_500, seatsHeld: 4, womenHolding: 0)
        #expect(breaks.map(\.rule) == [.committeeSeats, .committeeWomen])
    }
    @Test("grids hold 300–500 households and at most 2,500 people")
    func grids() {
        #expect(StructureRules.organicLaw2025.checkGrid(households: 400, people: 1_100).isEmpty)
        #expect(StructureRules.organicLaw2025.checkGrid(households: 520, people: 2_600).map(\.rule) == [.gridHouseholds, .gridPeople])
    }
}
