import Testing
import ZhanjuRules

@Suite("Residents' representatives: one per 5–10 households, per residents' group, for a term")
struct CouncilRepresentativeTests {
    let rules = RepresentativeRules.standard

    @Test("seats a group may have for its households", arguments: [
        (0, 0...0), (3, 1...1), (5, 1...1), (9, 1...1), (10, 1...2), (11, 2...2), (20, 2...4), (49, 5...9), (50, 5...10), (51, 6...10),
    ])
    func seats(households: Int, seats: ClosedRange<Int>) {
        #expect(rules.seats(forHouseholds: households) == seats, "\(households) households")
    }

    @Test("a group of 50 households: 4 representatives is too few, 11 too many, each refusal naming the rule")
    func checkGroup() {
        #expect(rules.checkGroup("g1", households: 50, representatives: 5) == nil)
        #expect(rules.checkGroup("g1", households: 50, representatives: 10) == nil)
        let few = rules.checkGroup("g1", households: 50, representatives: 4)
        #expect(few?.rule == .representativesPerHouseholds && few?.subject == "g1")
        #expect(rules.checkGroup("g1", households: 50, representatives: 11)?.rule == .representativesPerHouseholds)
        #expect(rules.checkGroup("tiny", households: 3, representatives: 0)?.rule == .representativesPerHouseholds, "every group has a voice")
    }

    @Test("a term is five years, to the day before the anniversary")
    func term() {
        let start = CivilDate(year: 2026, month: 3, day: 1)!
        let term = rules.term(startingOn: start)
        #expect(term.ends == CivilDate(year: 2031, month: 2, day: 28))
        #expect(rules.checkServing("r1", term: term, on: CivilDate(year: 2031, month: 2, day: 28)!) == nil)
        let after = rules.checkServing("r1", term: term, on: CivilDate(year: 2031, month: 3, day: 1)!)
        #expect(after?.rule == .representativeTerm && after?.subject == "r1")
        #expect(rules.checkServing("r1", term: term, on: CivilDate(year: 2026, month: 2, day: 28)!)?.rule == .representativeTerm)
        #expect(rules.term(startingOn: CivilDate(year: 2028, month: 2, day: 29)!).ends == CivilDate(year: 2033, month: 2, day: 28))
    }

    @Test("an assembly of group representatives: each group sends 2 or 3 (2018 art. 9)", arguments: [(1, false), (2, true), (3, true), (4, false)])
    func assemblyDelegates(delegates: Int, allowed: Bool) {
        let r = rules.checkAssemblyDelegates("g1", delegates: delegates)
        #expect((r == nil) == allowed)
        if !allowed { #expect(r?.rule == .assemblyGroupRepresentatives) }
    }
}

@Suite("The residents' council: about 30 members drawn from the representatives")
struct CouncilCompositionTests {
    let representatives = Set((1...40).map { "r\($0)" })

    @Test("30 representatives fill 30 seats; 28 leave two vacancies")
    func seats() {
        let full = CouncilComposition.chengdu.check(members: (1...30).map { "r\($0)" }, representatives: representatives)
        #expect(full.valid && full.vacancies == 0)
        let short = CouncilComposition.chengdu.check(members: (1...28).map { "r\($0)" }, representatives: representatives)
        #expect(short.valid && short.vacancies == 2)
    }

    @Test("31 members for 30 seats, a member listed twice and one who is not a representative are refused")
    func refusals() {
        let over = CouncilComposition.chengdu.check(members: (1...31).map { "r\($0)" }, representatives: representatives)
        #expect(over.refusals.map(\.rule) == [.councilSeats])
        let twice = CouncilComposition.chengdu.check(members: ["r1", "r1"], representatives: representatives)
        #expect(twice.refusals.map(\.rule) == [.councilSeats] && twice.refusals.first?.subject == "r1")
        let outsider = CouncilComposition.chengdu.check(members: ["r1", "someone"], representatives: representatives)
        #expect(outsider.refusals == [CouncilRefusal(.councilMemberNotRepresentative, subject: "someone")])
        var open = CouncilComposition.chengdu
        open.drawnFromRepresentatives = false
        #expect(open.check(members: ["r1", "someone"], representatives: representatives).valid)
    }
}

@Suite("Supervisory committee: no committee member, no close relative of one")
struct CouncilSupervisoryTests {
    let rules = SupervisoryComposition.standard
    let committee: Set<String> = ["chair", "deputy", "member"]

    @Test("a committee member may not supervise")
    func committeeMember() {
        let c = rules.conflicts(candidate: "deputy", committeeMembers: committee, ties: [])
        #expect(c.map(\.rule.rule) == [.supervisorIsCommitteeMember])
        #expect(c.first?.rule.ruleSet == "supervisory-independence")
    }

    @Test("close relatives under Civil Code art. 1045 are refused, the relation named, whichever way it was recorded", arguments: [
        FamilyTie.Kind.spouse, .parent, .child, .sibling, .grandparent, .grandchild,
    ])
    func closeRelatives(kind: FamilyTie.Kind) {
        let forward = rules.conflicts(candidate: "c", committeeMembers: committee, ties: [FamilyTie("chair", is: kind, of: "c")])
        #expect(forward.count == 1)
        #expect(forward.first?.rule.rule == .supervisorCloseRelative)
        #expect(forward.first?.committeeMember == "chair")
        #expect(forward.first?.relation == kind)
        let backward = rules.conflicts(candidate: "c", committeeMembers: committee, ties: [FamilyTie("c", is: kind.inverse, of: "chair")])
        #expect(backward.first?.relation == kind, "the chair is the candidate's \(kind) either way")
    }

    @Test("in-laws, cousins, uncles and aunts are not close relatives by default; a place may widen the rule")
    func notClose() {
        for kind in [FamilyTie.Kind.parentInLaw, .childInLaw, .siblingInLaw, .uncleOrAunt, .nephewOrNiece, .cousin, .other] {
            #expect(rules.conflicts(candidate: "c", committeeMembers: committee, ties: [FamilyTie("member", is: kind, of: "c")]).isEmpty, "\(kind)")
        }
        var wide = rules
        wide.barredRelations.formUnion([.parentInLaw, .childInLaw, .siblingInLaw])
        #expect(wide.conflicts(candidate: "c", committeeMembers: committee, ties: [FamilyTie("member", is: .siblingInLaw, of: "c")]).count == 1)
    }

    @Test("relatives of people who are not committee members do not matter")
    func otherRelatives() {
        #expect(rules.conflicts(candidate: "c", committeeMembers: committee, ties: [FamilyTie("neighbour", is: .spouse, of: "c")]).isEmpty)
    }

    @Test("a relation presumed from the household is reported as such; one declared as well is reported once, as declared")
    func presumed() {
        let presumed = FamilyTie.presumed("c", .child, "chair", .head)!
        #expect(presumed.kind == .parent && presumed.basis == .sameHousehold)
        let one = rules.conflicts(candidate: "c", committeeMembers: committee, ties: [presumed])
        #expect(one.first?.basis == .sameHousehold && one.first?.relation == .parent)
        let both = rules.conflicts(candidate: "c", committeeMembers: committee, ties: [presumed, FamilyTie("chair", is: .parent, of: "c")])
        #expect(both.count == 1 && both.first?.basis == .declared)
    }

    @Test("the committee: seats 3 to 5 (our default), every supervisor checked", arguments: [(2, false), (3, true), (5, true), (6, false)])
    func seats(count: Int, allowed: Bool) {
        let reading = rules.check(supervisors: (1...count).map { "s\($0)" }, committeeMembers: committee, ties: [])
        #expect((reading.seatsProblem == nil) == allowed)
        if !allowed { #expect(reading.seatsProblem?.rule == .supervisorySeats) }
    }

    @Test("a whole committee with one spouse of the chair is not valid, and says who and why")
    func whole() {
        let reading = rules.check(supervisors: ["s1", "s2", "s3"], committeeMembers: committee, ties: [FamilyTie("s2", is: .spouse, of: "chair")])
        #expect(!reading.valid)
        #expect(reading.conflicts.map(\.candidate) == ["s2"])
        #expect(reading.conflicts.first?.relation == .spouse)
    }
}

@Suite("Relations presumed from the household register (relation to the head)")
struct CouncilFamilyTieTests {
    @Test("what B is to A, from each one's relation to the head", arguments: [
        (RelationToHead.head, RelationToHead.spouse, FamilyTie.Kind?.some(.spouse)),
        (.spouse, .head, .spouse),
        (.head, .child, .child), (.child, .head, .parent),
        (.head, .parent, .parent), (.parent, .head, .child),
        (.head, .grandchild, .grandchild), (.grandchild, .head, .grandparent),
        (.head, .sibling, .sibling), (.sibling, .head, .sibling),
        (.spouse, .child, .child), (.child, .spouse, .parent),
        (.spouse, .grandchild, .grandchild), (.grandchild, .spouse, .grandparent),
        (.spouse, .parent, .parentInLaw), (.parent, .spouse, .childInLaw),
        (.spouse, .sibling, .siblingInLaw), (.sibling, .spouse, .siblingInLaw),
        (.child, .child, .sibling), (.sibling, .sibling, .sibling),
        (.child, .parent, .grandparent), (.parent, .child, .grandchild),
        (.child, .sibling, .uncleOrAunt), (.sibling, .child, .nephewOrNiece),
        (.parent, .parent, .spouse),
        (.parent, .sibling, .child), (.sibling, .parent, .parent),
        (.grandchild, .grandchild, nil), (.child, .grandchild, nil), (.head, .other, nil), (.other, .child, nil),
    ])
    func presumed(a: RelationToHead, b: RelationToHead, kind: FamilyTie.Kind?) {
        #expect(FamilyTie.presumed("a", a, "b", b)?.kind == kind, "\(b) seen from \(a)")
    }

    @Test("nobody is their own relative")
    func same() {
        #expect(FamilyTie.presumed("a", .head, "a", .spouse) == nil)
    }

    @Test("a relation reads both ways")
    func bothWays() {
        let k = FamilyTie("grandma", is: .grandparent, of: "kid")
        #expect(k.kind(of: "grandma", to: "kid") == .grandparent)
        #expect(k.kind(of: "kid", to: "grandma") == .grandchild)
        #expect(k.kind(of: "kid", to: "stranger") == nil)
    }
}
