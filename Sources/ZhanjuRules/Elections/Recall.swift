/// Recall (罢免) of a committee member: proposed jointly by a share of the voters or of the
/// residents' representatives; passed when enough voters vote and enough of them agree
/// (Villagers' Committee Law art. 16, analogy).
public struct RecallResult: Codable, Hashable, Sendable {
    public var recalled: Bool
    public var turnoutMet: Bool
    public var approvalMet: Bool
    /// The turnout and approval findings, with their figures.
    public var explanations: [ElectionExplanation]
}

extension ElectionRuleSet {
    /// Whether a recall petition may go to a vote. Voter signers count when on the roll, once
    /// each; representative signers when among the representatives. Either share suffices.
    public func checkRecallPetition(voterSigners: [String], roll: Set<String>,
                                    representativeSigners: [String] = [], representatives: Set<String> = []) -> ElectionCheck {
        let voters = Set(voterSigners).intersection(roll).count
        let reps = Set(representativeSigners).intersection(representatives).count
        let byVoters = recallPetitionVoters.isMet(voters, of: roll.count)
        let byReps = recallPetitionRepresentatives.isMet(reps, of: representatives.count)
        let votersText = ElectionExplanation(.recallPetition,
            zh: "\(voters) 名选民联名提出罢免;须选民 \(roll.count) 人的\(recallPetitionVoters.zh)(\(recallPetitionVoters.minimum(of: roll.count)) 人)",
            en: "\(voters) voters propose the recall; \(recallPetitionVoters.en) of the \(roll.count) voters (\(recallPetitionVoters.minimum(of: roll.count))) required")
        let repsText = ElectionExplanation(.recallPetition,
            zh: "\(reps) 名居民代表联名提出罢免;须居民代表 \(representatives.count) 人的\(recallPetitionRepresentatives.zh)(\(recallPetitionRepresentatives.minimum(of: representatives.count)) 人)",
            en: "\(reps) representatives propose the recall; \(recallPetitionRepresentatives.en) of the \(representatives.count) representatives (\(recallPetitionRepresentatives.minimum(of: representatives.count))) required")
        if byVoters { return ElectionCheck(notes: [votersText]) }
        if byReps { return ElectionCheck(notes: [repsText]) }
        var refusals = [votersText]
        if !representativeSigners.isEmpty { refusals.append(repsText) }
        return ElectionCheck(refusals: refusals)
    }

    /// The outcome of a recall vote: more than half of the registered voters vote, and more than
    /// half of those voting agree.
    public func recallResult(registeredVoters: Int, ballotsCast: Int, inFavour: Int) -> RecallResult {
        let turnoutMet = recallTurnout.isMet(ballotsCast, of: registeredVoters)
        let approvalMet = recallApproval.isMet(inFavour, of: ballotsCast)
        let explanations = [
            ElectionExplanation(.recallVote,
                zh: "登记选民 \(registeredVoters) 人,投票 \(ballotsCast) 人;须\(recallTurnout.zh)(\(recallTurnout.minimum(of: registeredVoters)) 人)投票",
                en: "\(ballotsCast) of \(registeredVoters) registered voters voted; \(recallTurnout.en) (\(recallTurnout.minimum(of: registeredVoters))) must vote"),
            ElectionExplanation(.recallVote,
                zh: "赞成罢免 \(inFavour) 票;须投票人数的\(recallApproval.zh)(\(recallApproval.minimum(of: ballotsCast)) 票)同意",
                en: "\(inFavour) in favour; \(recallApproval.en) of those voting (\(recallApproval.minimum(of: ballotsCast))) must agree"),
        ]
        return RecallResult(recalled: turnoutMet && approvalMet, turnoutMet: turnoutMet, approvalMet: approvalMet, explanations: explanations)
    }
}
