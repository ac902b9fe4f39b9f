import Testing
import ZhanjuRules

@Suite("Election rule set: RULES.md's figures as named, versioned defaults")
struct ElectionRuleSetTests {
    let rules = ElectionRuleSet.residentsCommittee

    @Test("the default rule set carries RULES.md's figures")
    func defaults() {
        #expect(rules.name == "urc-election" && rules.version == 1)
        #expect(ElectionRuleSet.named("urc-election", version: 1) == rules)
        // Residents' committee: 18 on election day; 5–9 seats, one chair, at least one woman; five-year term.
        #expect(rules.votingAge == 18)
        #expect(rules.communityWorkerMinimumServiceMonths == 6)
        #expect(rules.committeeSeats == 5...9 && rules.chairSeats == 1 && rules.minimumWomen == 1)
        #expect(rules.termYears == 5)
        #expect(rules.representativesPerHousehold == 1 && rules.representativesPerGroup == 2...3)
        // Election procedure: roll ≥ 20 days ahead; objections within 5 days, answered within 3; final list ≥ 5 days ahead.
        #expect(rules.rollPublishedDaysBefore == 20 && rules.objectionDays == 5 && rules.objectionAnswerWorkingDays == 3)
        #expect(rules.finalCandidateListDaysBefore == 5)
        // Nomination: ≥ 10 voters, ≥ 5 household representatives, a group, or self with ≥ 10 co-signers.
        #expect(rules.jointNominationVoters == 10 && rules.jointNominationHouseholds == 5 && rules.residentsGroupsMayNominate)
        #expect(rules.selfNominationCoSigners == 10)
        // Competitive margin: chair and deputy seats + 1; members + 1 to + 3.
        #expect(rules.extraCandidates(for: .chair) == 1...1 && rules.extraCandidates(for: .deputyChair) == 1...1)
        #expect(rules.extraCandidates(for: .member) == 1...3)
        // Election committee 7–9; staff exclusion of spouses and lineal relatives; mobile box ≥ 3; 2 scrutineers.
        #expect(rules.electionCommitteeMembers == 7...9 && rules.mobileBoxMinimumCarriers == 3 && rules.scrutineersPerCount == 2)
        #expect(rules.staffExcludedRelations == [.spouse, .parent, .child, .grandparent, .grandchild])
        // Proxies: to a close relative, at most 3 held by one voter.
        #expect(rules.proxiesPerHolder == 3 && rules.proxyRelations.contains(.sibling) && !rules.proxyRelations.contains(.other))
        // Count: valid on more than half of registered voters; elected on more than half of ballots cast;
        // further round among twice the open seats, most votes but not fewer than one third.
        #expect(rules.turnout == .moreThan(1, 2) && rules.electionMajority == .moreThan(1, 2))
        #expect(rules.furtherRoundMinimum == .atLeast(1, 3) && rules.furtherRoundCandidatesPerSeat == 2)
        // Recall: 1/5 of voters or 1/3 of representatives propose; majority votes, majority of them agree.
        #expect(rules.recallPetitionVoters == .atLeast(1, 5) && rules.recallPetitionRepresentatives == .atLeast(1, 3))
        #expect(rules.recallTurnout == .moreThan(1, 2) && rules.recallApproval == .moreThan(1, 2))
    }

    @Test("committee size and women come from the structure rules, so the two cannot drift apart")
    func sharedWithStructure() {
        #expect(rules.committeeSeats == StructureRules.organicLaw2025.committeeSeats)
        #expect(rules.minimumWomen == StructureRules.organicLaw2025.committeeMinimumWomen)
    }

    @Test("every rule names its source")
    func sources() {
        for rule in ElectionRule.allCases { #expect(!rule.source.isEmpty, "\(rule)") }
        #expect(ElectionRule.turnout.source.contains("art. 15"))
        #expect(ElectionRule.recallVote.source.contains("art. 16"))
    }

    @Test("a term runs five years from the announcement, to the eve of the anniversary")
    func term() {
        #expect(rules.term(announcedOn: day("2026-12-20")) == Term(starts: day("2026-12-20"), ends: day("2031-12-19")))
        #expect(rules.term(announcedOn: day("2028-02-29")).ends == day("2033-02-28"))
    }
}

@Suite("Shares of a whole, counted in whole numbers")
struct ElectionShareTests {
    @Test("more than half: exactly half is not enough, half plus one is", arguments: [(500, false), (501, true)])
    func moreThanHalf(count: Int, met: Bool) {
        #expect(ShareThreshold.moreThanHalf.isMet(count, of: 1_000) == met)
        #expect(ShareThreshold.moreThanHalf.minimum(of: 1_000) == 501)
        #expect(ShareThreshold.moreThanHalf.minimum(of: 999) == 500)
    }

    @Test("at least one third: 333 of 1,000 is short, 334 reaches it; 3 of 9 reaches it exactly", arguments: [(333, 1_000, false), (334, 1_000, true), (2, 9, false), (3, 9, true)])
    func atLeastOneThird(count: Int, whole: Int, met: Bool) {
        #expect(ShareThreshold.atLeast(1, 3).isMet(count, of: whole) == met)
    }

    @Test("nothing reaches a share of nothing")
    func empty() {
        #expect(!ShareThreshold.atLeast(1, 5).isMet(0, of: 0))
        #expect(!ShareThreshold.moreThanHalf.isMet(0, of: 0))
    }

    @Test("shares read as the law says them")
    func wording() {
        #expect(ShareThreshold.moreThanHalf.zh == "过半数" && ShareThreshold.moreThanHalf.en == "more than half")
        #expect(ShareThreshold.atLeast(1, 3).zh == "不少于三分之一" && ShareThreshold.atLeast(1, 3).en == "at least one third")
        #expect(ShareThreshold.atLeast(2, 3).en == "at least two thirds")
        #expect(ShareThreshold.atLeast(1, 5).zh == "不少于五分之一")
    }
}
