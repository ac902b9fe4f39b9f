/// The rules of a residents' committee election, each with a stable id that results, errors and
/// pages name (RULES.md, "Residents' committee" and "Election procedure"). The figures a rule
/// uses live in an `ElectionRuleSet`; this names the rule and where it comes from.
public enum ElectionRule: String, Codable, CaseIterable, Sendable {
    // Who may vote
    case voterAge = "voter_age"
    case politicalRights = "political_rights"
    case capacity
    case localHukou = "local_hukou"
    case nonLocalResident = "non_local_resident"
    case communityWorker = "community_worker"
    case singleRegistration = "single_registration"
    case representation
    // Timetable
    case rollPublication = "roll_publication"
    case objectionPeriod = "objection_period"
    case objectionAnswer = "objection_answer"
    case finalCandidateList = "final_candidate_list"
    case term
    // Nominations and the slate
    case nomination
    case nomineeOnRoll = "nominee_on_roll"
    case oneChair = "one_chair"
    case committeeSize = "committee_size"
    case committeeWomen = "committee_women"
    case competitiveMargin = "competitive_margin"
    case oneCandidacy = "one_candidacy"
    // Election committee and staff
    case electionCommitteeSize = "election_committee_size"
    case electionCommitteeWithdrawal = "election_committee_withdrawal"
    case staffExclusion = "staff_exclusion"
    case polling
    case mobileBox = "mobile_box"
    case scrutineers
    // Proxies
    case proxyWritten = "proxy_written"
    case proxyRelative = "proxy_relative"
    case proxyLimit = "proxy_limit"
    case proxyOnRoll = "proxy_on_roll"
    // Ballots and the count
    case ballotSpoilt = "ballot_spoilt"
    case ballotOverVote = "ballot_over_vote"
    case ballotBlank = "ballot_blank"
    case writeIn = "write_in"
    case ballotReconciliation = "ballot_reconciliation"
    case turnout
    case electionMajority = "election_majority"
    case furtherRoundThreshold = "further_round_threshold"
    case furtherRoundCandidates = "further_round_candidates"
    case runoff
    case higherPost = "higher_post"
    case repeatElection = "repeat_election"
    // Recall
    case recallPetition = "recall_petition"
    case recallVote = "recall_vote"
    // The public ballot log
    case ballotLog = "ballot_log"

    /// Where the rule comes from, as RULES.md gives it ("analogy": the parallel village rule).
    public var source: String {
        switch self {
        case .voterAge, .politicalRights, .localHukou: return "Organic Law of Urban Residents' Committees 2018 art. 8"
        case .capacity: return "provincial election rules: a voter the election committee confirms cannot exercise the right is not listed"
        case .nonLocalResident: return "Organic Law 2025 revision summaries; Villagers' Committee Law art. 13 (analogy) for one year's residence and the resident's own application"
        case .communityWorker: return "Organic Law 2025 revision summaries"
        case .singleRegistration: return "Villagers' Committee Law art. 13 (analogy): registered in one place only"
        case .representation: return "Organic Law 2018 art. 8: all voters, one representative per household, or 2–3 per residents' group"
        case .rollPublication, .objectionPeriod, .objectionAnswer: return "Villagers' Committee Law art. 14 (analogy); Fujian 2009; Civil Code arts. 201 and 203 for counting periods"
        case .finalCandidateList, .nomination, .nomineeOnRoll: return "provincial rules; Sichuan summary"
        case .term: return "Organic Law 2018 art. 8: five years, re-election allowed"
        case .oneChair, .committeeSize, .committeeWomen: return "Organic Law 2018 art. 7; Jiangsu 2020 rules"
        case .competitiveMargin, .oneCandidacy: return "provincial rules"
        case .electionCommitteeSize, .electionCommitteeWithdrawal: return "municipal guideline; Villagers' Committee Law art. 12 (analogy)"
        case .staffExclusion, .polling, .mobileBox, .scrutineers: return "Fujian 2009"
        case .proxyWritten, .proxyRelative, .proxyLimit, .proxyOnRoll: return "Villagers' Committee Law art. 15 (analogy); local rules"
        case .ballotSpoilt, .ballotOverVote, .ballotBlank, .writeIn, .ballotReconciliation: return "local rules"
        case .turnout, .electionMajority, .furtherRoundThreshold, .furtherRoundCandidates, .runoff, .higherPost, .repeatElection:
            return "Villagers' Committee Law art. 15 (analogy); local rules"
        case .recallPetition, .recallVote: return "Villagers' Committee Law art. 16 (analogy)"
        case .ballotLog: return "Zhanju: a public, hash-chained ballot log anyone can recompute"
        }
    }
}
