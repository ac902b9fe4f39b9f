import Testing
import ZhanjuRules

@Suite("Election committee and staff: 7–9 members, candidates withdraw, no candidate's family at the count")
struct ElectionStaffTests {
    let rules = ElectionRuleSet.residentsCommittee

    func committee(_ n: Int) -> [StaffAssignment] { (1...n).map { StaffAssignment(person: "e\($0)", name: "E\($0)", role: .electionCommittee) } }

    @Test("an election committee of 7 to 9", arguments: [(6, false), (7, true), (9, true), (10, false)])
    func size(members: Int, ok: Bool) {
        let check = rules.checkElectionCommittee(members: committee(members), formalCandidates: [])
        #expect(check.accepted == ok)
        if !ok { #expect(check.refusals.rules == [.electionCommitteeSize]) }
    }

    @Test("a member who becomes a formal candidate withdraws, and a committee of 7 left with 6 must be refilled")
    func withdrawal() {
        let check = rules.checkElectionCommittee(members: committee(7), formalCandidates: ["e3"])
        #expect(check.refusals.rules == [.electionCommitteeWithdrawal, .electionCommitteeSize])
        #expect(check.refusals[0].en == "E3 is a formal candidate and must withdraw from the election committee")
        #expect(rules.checkElectionCommittee(members: committee(8), formalCandidates: ["e3"]).refusals.rules == [.electionCommitteeWithdrawal])
    }

    @Test("candidates, their spouses and lineal relatives may not be staff; siblings and in-laws may")
    func staffExclusion() {
        let candidates = [SlateCandidate(person: "c1", name: "Li Ming", sex: .male, post: .chair)]
        let kin = [Kinship(person: "s1", relative: "c1", relation: .spouse),
                   Kinship(person: "c1", relative: "s2", relation: .parent),   // s2 is c1's child
                   Kinship(person: "s3", relative: "c1", relation: .sibling),
                   Kinship(person: "s4", relative: "c1", relation: .other)]
        let staff = [StaffAssignment(person: "c1", name: "Li Ming", role: .clerk),
                     StaffAssignment(person: "s1", name: "Zhao Hong", role: .scrutineer),
                     StaffAssignment(person: "s2", name: "Li Xiao", role: .mobileBoxCarrier),
                     StaffAssignment(person: "s3", name: "Li Hua", role: .teller),
                     StaffAssignment(person: "s4", name: "Qian Yi", role: .clerk)]
        let check = rules.checkStaff(staff, candidates: candidates, kinship: kin)
        #expect(check.refusals.rules == [.staffExclusion, .staffExclusion, .staffExclusion])
        #expect(check.refusals.map(\.en) == [
            "Li Ming is a candidate for chair and may not serve as clerk",
            "Zhao Hong is the spouse of candidate Li Ming and may not serve as scrutineer",
            "Li Xiao is the child of candidate Li Ming and may not serve as mobile box carrier",
        ])
    }

    @Test("a mobile ballot box goes out with three staff, not two", arguments: [(2, false), (3, true)])
    func mobileBox(carriers: Int, ok: Bool) {
        let check = rules.checkMobileBox(carriers: (1...carriers).map { "s\($0)" })
        #expect(check.accepted == ok)
        if !ok { #expect(check.refusals.rules == [.mobileBox]) }
        #expect(!rules.checkMobileBox(carriers: ["s1", "s1", "s2"]).accepted, "the same person twice is one carrier")
    }

    @Test("two scrutineers watch the count", arguments: [(1, false), (2, true)])
    func scrutineers(n: Int, ok: Bool) {
        #expect(rules.checkScrutineers((1...n).map { "s\($0)" }).accepted == ok)
    }
}

@Suite("Proxies: written, to a close relative, at most three held by one voter")
struct ElectionProxyTests {
    let rules = ElectionRuleSet.residentsCommittee
    let roll: Set<String> = ["h", "g1", "g2", "g3", "g4", "x"]

    @Test("a voter holds three proxies; a fourth is refused", arguments: [(2, true), (3, false)])
    func limit(held: Int, ok: Bool) {
        let accepted = (1...held).map { Proxy(grantor: "g\($0)", holder: "h", relation: .sibling, written: true) }
        let check = rules.checkProxy(Proxy(grantor: "g4", holder: "h", relation: .child, written: true), roll: roll, accepted: accepted)
        #expect(check.accepted == ok)
        if !ok {
            #expect(check.refusals.rules == [.proxyLimit])
            #expect(check.refusals[0].en == "the holder already holds 3 proxies; at most 3 per voter")
        }
    }

    @Test("only to a close relative, only in writing")
    func relativeAndWriting() {
        #expect(rules.checkProxy(Proxy(grantor: "g1", holder: "h", relation: .other, written: true), roll: roll, accepted: []).refusals.rules == [.proxyRelative])
        #expect(rules.checkProxy(Proxy(grantor: "g1", holder: "h", relation: .spouse, written: false), roll: roll, accepted: []).refusals.rules == [.proxyWritten])
        #expect(rules.checkProxy(Proxy(grantor: "g1", holder: "h", relation: .grandchild, written: true), roll: roll, accepted: []).accepted)
    }

    @Test("a voter gives one proxy; both are on the roll")
    func onePerGrantor() {
        let earlier = [Proxy(grantor: "g1", holder: "x", relation: .spouse, written: true)]
        #expect(rules.checkProxy(Proxy(grantor: "g1", holder: "h", relation: .child, written: true), roll: roll, accepted: earlier).refusals.rules == [.proxyLimit])
        #expect(rules.checkProxy(Proxy(grantor: "z", holder: "h", relation: .child, written: true), roll: roll, accepted: []).refusals.rules == [.proxyOnRoll])
    }
}
