/// One owner's ballot: it carries the area of all the owner's parts.
public struct OwnerBallot: Hashable, Codable, Sendable {
    public var owner: OwnersRegister.Holder
    public var choice: VoteChoice
    public init(owner: OwnersRegister.Holder, choice: VoteChoice) {
        self.owner = owner
        self.choice = choice
    }
}

/// An owners' vote counted by area and by headcount, with each threshold met or missed.
public struct OwnersVoteResult: Hashable, Sendable {
    public enum Outcome: String, Codable, Sendable {
        case adopted
        case rejected
        /// Too few owners took part, by area or by number: the vote decides nothing.
        case notValid = "not_valid"
    }

    /// One threshold of the double majority.
    public typealias Criterion = CitedShareCheck

    /// Area (hundredths of m²) and owners behind one choice.
    public struct Share: Hashable, Codable, Sendable {
        public var area: Int
        public var owners: Int
    }

    public var matter: OwnersMatter
    public var specialMajority: Bool
    public var totalArea: Int
    public var totalOwners: Int
    public var participationArea: Criterion
    public var participationHeadcount: Criterion
    /// Measured against the participating area and owners.
    public var agreementArea: Criterion
    public var agreementHeadcount: Criterion
    public var votes: [VoteChoice: Share]
    public var outcome: Outcome
    /// The thresholds that settled the outcome: those missed, or the two agreement thresholds met.
    public var decidedBy: [RuleCitation]
    /// Parts counted on each area source (registered, surveyed, contract).
    public var partsByAreaSource: [OwnersRegister.AreaSource: Int]

    public var criteria: [Criterion] { [participationArea, participationHeadcount, agreementArea, agreementHeadcount] }
}

extension OwnersVoteRules {
    /// Counts an owners' vote on `matter`. Each owner votes once for all their parts; an abstention
    /// takes part but does not agree. Refuses a ballot from someone who owns no part, and a second
    /// ballot from the same owner.
    public func count(_ matter: OwnersMatter, register: OwnersRegister, ballots: [OwnerBallot]) throws(CouncilRefusal) -> OwnersVoteResult {
        var votes: [VoteChoice: OwnersVoteResult.Share] = [:]
        for choice in VoteChoice.allCases { votes[choice] = .init(area: 0, owners: 0) }
        var seen: Set<OwnersRegister.Holder> = []
        for b in ballots {
            guard let area = register.areaByOwner[b.owner] else { throw CouncilRefusal(.notAnOwner, subject: b.owner.code) }
            guard seen.insert(b.owner).inserted else { throw CouncilRefusal(.ownerVotedTwice, subject: b.owner.code) }
            votes[b.choice]!.area += area
            votes[b.choice]!.owners += 1
        }
        let participatingArea = votes.values.reduce(0) { $0 + $1.area }
        let participatingOwners = seen.count
        let agreeing = votes[.for]!

        let special = needsSpecialMajority(matter)
        let participationArea = OwnersVoteResult.Criterion(
            rule: cite(.ownersParticipationArea), check: self.participationArea.check(participatingArea, of: register.totalArea))
        let participationHeadcount = OwnersVoteResult.Criterion(
            rule: cite(.ownersParticipationHeadcount), check: self.participationHeadcount.check(participatingOwners, of: register.owners))
        let agreementArea = OwnersVoteResult.Criterion(
            rule: cite(special ? .ownersSpecialMajorityArea : .ownersOrdinaryMajorityArea),
            check: (special ? specialArea : ordinaryArea).check(agreeing.area, of: participatingArea))
        let agreementHeadcount = OwnersVoteResult.Criterion(
            rule: cite(special ? .ownersSpecialMajorityHeadcount : .ownersOrdinaryMajorityHeadcount),
            check: (special ? specialHeadcount : ordinaryHeadcount).check(agreeing.owners, of: participatingOwners))

        let participation = [participationArea, participationHeadcount]
        let agreement = [agreementArea, agreementHeadcount]
        let outcome: OwnersVoteResult.Outcome
        let decidedBy: [RuleCitation]
        if participation.contains(where: { !$0.met }) {
            outcome = .notValid
            decidedBy = participation.filter { !$0.met }.map(\.rule)
        } else if agreement.contains(where: { !$0.met }) {
            outcome = .rejected
            decidedBy = agreement.filter { !$0.met }.map(\.rule)
        } else {
            outcome = .adopted
            decidedBy = agreement.map(\.rule)
        }
        return OwnersVoteResult(matter: matter, specialMajority: special, totalArea: register.totalArea, totalOwners: register.owners,
                                participationArea: participationArea, participationHeadcount: participationHeadcount,
                                agreementArea: agreementArea, agreementHeadcount: agreementHeadcount, votes: votes,
                                outcome: outcome, decidedBy: decidedBy, partsByAreaSource: register.partsByAreaSource)
    }
}
