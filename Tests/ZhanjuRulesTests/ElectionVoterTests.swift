import Testing
import ZhanjuRules

@Suite("Voter roll: who may vote (Organic Law 2018 art. 8; 2025 revision)")
struct ElectionVoterTests {
    let rules = ElectionRuleSet.residentsCommittee
    let electionDay = day("2026-12-20")

    func eligible(_ facts: VoterFacts) -> VoterEligibility { rules.voterEligibility(facts, electionDay: electionDay) }

    @Test("18 on election day votes; 17 years and 364 days does not", arguments: [("2008-12-20", true), ("2008-12-21", false), ("2008-12-19", true)])
    func age(birth: String, votes: Bool) {
        let result = eligible(VoterFacts(birthDate: day(birth)))
        #expect(result.eligible == votes)
        if !votes {
            #expect(result.reasons.rules == [.voterAge])
            #expect(result.reasons[0].en == "aged 17 on election day; voters must be 18")
        }
    }

    @Test("born on 29 February: of age on 1 March")
    func leapDay() {
        let facts = VoterFacts(birthDate: day("2008-02-29"))
        #expect(!rules.voterEligibility(facts, electionDay: day("2026-02-28")).eligible)
        #expect(rules.voterEligibility(facts, electionDay: day("2026-03-01")).eligible)
    }

    @Test("a person deprived of political rights is not on the roll")
    func politicalRights() {
        let result = eligible(VoterFacts(birthDate: day("1970-01-01"), hasPoliticalRights: false))
        #expect(!result.eligible && result.reasons.rules == [.politicalRights])
    }

    @Test("every reason at once: too young, no political rights, registered elsewhere")
    func allReasons() {
        let result = eligible(VoterFacts(birthDate: day("2010-01-01"), hasPoliticalRights: false, registeredElsewhere: true))
        #expect(result.reasons.rules == [.voterAge, .politicalRights, .singleRegistration])
    }

    @Test("an eligible voter's reasons say why")
    func reasonsWhenEligible() {
        let result = eligible(VoterFacts(birthDate: day("1980-05-05")))
        #expect(result.eligible)
        #expect(result.reasons.rules == [.voterAge, .politicalRights, .localHukou])
    }

    @Test("a long-term resident without local hukou is registered on application after a year's residence",
          arguments: [("2025-12-20", true, true), ("2025-12-21", true, false), ("2024-01-01", false, false)])
    func nonLocal(since: String, applied: Bool, votes: Bool) {
        let result = eligible(VoterFacts(birthDate: day("1990-01-01"), basis: .nonLocalResident(livingSince: day(since), applied: applied)))
        #expect(result.eligible == votes, "\(since) applied \(applied)")
        if !votes { #expect(result.reasons.rules == [.nonLocalResident]) }
    }

    @Test("a community worker with six months' service is registered; five months and 30 days is not",
          arguments: [("2026-06-20", true), ("2026-06-21", false)])
    func communityWorker(since: String, votes: Bool) {
        let result = eligible(VoterFacts(birthDate: day("1995-03-03"), basis: .communityWorker(servingSince: day(since), applied: true)))
        #expect(result.eligible == votes)
        if !votes {
            #expect(result.reasons.rules == [.communityWorker])
            #expect(result.reasons[0].en == "community worker; 5 months' service by election day, 6 required")
        }
    }

    @Test("six months from 31 August are complete on 1 March")
    func monthEnds() {
        let facts = VoterFacts(birthDate: day("1995-03-03"), basis: .communityWorker(servingSince: day("2026-08-31"), applied: true))
        #expect(!rules.voterEligibility(facts, electionDay: day("2027-02-28")).eligible)
        #expect(rules.voterEligibility(facts, electionDay: day("2027-03-01")).eligible)
    }

    @Test("a rule set that registers no community workers refuses them by that rule")
    func switchedOff() {
        var strict = rules
        strict.communityWorkersMayRegister = false
        let facts = VoterFacts(birthDate: day("1995-03-03"), basis: .communityWorker(servingSince: day("2020-01-01"), applied: true))
        #expect(strict.voterEligibility(facts, electionDay: electionDay).reasons.rules == [.communityWorker])
    }
}

@Suite("Election method: households and residents' groups send representatives (2018 art. 8)")
struct ElectionRepresentationTests {
    let rules = ElectionRuleSet.residentsCommittee

    @Test("one representative per household; two from one household is refused")
    func households() {
        let ok = rules.checkRepresentation(.householdRepresentatives, representatives: [.init(person: "a", unit: "h1"), .init(person: "b", unit: "h2")], units: ["h1", "h2", "h3"])
        #expect(ok.accepted)
        let two = rules.checkRepresentation(.householdRepresentatives, representatives: [.init(person: "a", unit: "h1"), .init(person: "b", unit: "h1")], units: ["h1"])
        #expect(two.refusals.rules == [.representation])
    }

    @Test("each residents' group sends two or three", arguments: [(1, false), (2, true), (3, true), (4, false)])
    func groups(count: Int, ok: Bool) {
        let reps = (0..<count).map { Representative(person: "p\($0)", unit: "g1") }
        #expect(rules.checkRepresentation(.groupRepresentatives, representatives: reps, units: ["g1"]).accepted == ok)
    }

    @Test("nobody represents two units")
    func twoUnits() {
        let check = rules.checkRepresentation(.householdRepresentatives, representatives: [.init(person: "a", unit: "h1"), .init(person: "a", unit: "h2")], units: ["h1", "h2"])
        #expect(check.refusals.rules == [.representation])
    }
}
