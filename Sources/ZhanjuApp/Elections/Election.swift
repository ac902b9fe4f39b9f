import Fluent
import Foundation
import ZhanjuRules

/// Where an election stands. Each stage allows the steps of the procedure that belong to it
/// (RULES.md, "Election procedure"); the service refuses the others with 409.
enum ElectionStage: String, Codable, CaseIterable, Sendable {
    /// Called, with its posts and rule set; the election committee draws up the roll.
    case roll
    /// The roll is published: objections, roll changes and nominations.
    case rollPublished = "roll_published"
    /// The final candidate list is published: voting codes are printed; polling opens on election day.
    case finalList = "final_list"
    /// Ballots are taken for the current round.
    case polling
    /// Every round is counted and nothing follows: the result may be announced.
    case counted
    /// The result is announced and public.
    case announced

    var label: Text {
        switch self {
        case .roll: return Text("编制选民名单", "Drawing up the voter roll")
        case .rollPublished: return Text("选民名单已公布,接受异议和提名", "Roll published: objections and nominations")
        case .finalList: return Text("正式候选人名单已公布", "Final candidate list published")
        case .polling: return Text("投票中", "Polling")
        case .counted: return Text("计票完毕,待公布", "Counted, to be announced")
        case .announced: return Text("选举结果已公布", "Result announced")
        }
    }
}

final class Election: Model, @unchecked Sendable {
    static let schema = "elections"
    @ID(key: .id) var id: UUID?
    @Field(key: "committee_id") var committeeID: UUID
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "rule_set_name") var ruleSetName: String
    @Field(key: "rule_set_version") var ruleSetVersion: Int
    @Field(key: "rules") var rulesJSON: String
    @Field(key: "method") var method: String
    @Field(key: "polling_day") var pollingDay: String
    @Field(key: "stage") var stage: String
    @Field(key: "round") var round: Int
    @OptionalField(key: "roll_published_on") var rollPublishedOn: String?
    @OptionalField(key: "final_list_published_on") var finalListPublishedOn: String?
    @OptionalField(key: "announced_on") var announcedOn: String?
    @Field(key: "log_length") var logLength: Int
    @Field(key: "log_head") var logHead: String
    @Field(key: "created_at") var createdAt: Date
    init() {}

    var rules: ElectionRuleSet { (try? JSONDecoder().decode(ElectionRuleSet.self, from: Data(rulesJSON.utf8))) ?? .residentsCommittee }
    var stageValue: ElectionStage { ElectionStage(rawValue: stage) ?? .roll }
    var polling: CivilDate { CivilDate(iso: pollingDay)! }
    var name: Text { Text(nameZh, nameEn) }
}

final class ElectionPostSeats: Model, @unchecked Sendable {
    static let schema = "election_posts"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "post") var post: String
    @Field(key: "seats") var seats: Int
    init() {}
}

final class ElectionStaffMember: Model, @unchecked Sendable {
    static let schema = "election_staff"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "resident_id") var personID: UUID
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    init() {}
}

final class RollEntry: Model, @unchecked Sendable {
    static let schema = "election_roll"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "resident_id") var personID: UUID
    @Field(key: "name") var name: String
    @Field(key: "sex") var sex: String
    @Field(key: "door") var door: String
    @Field(key: "household_id") var householdID: UUID
    @Field(key: "basis") var basis: String
    @Field(key: "position") var position: Int
    @Field(key: "removed") var removed: Bool
    @OptionalField(key: "voted_round") var votedRound: Int?
    init() {}
}

final class RollChange: Model, @unchecked Sendable {
    static let schema = "election_roll_changes"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "seq") var seq: Int
    @Field(key: "resident_id") var personID: UUID
    @Field(key: "name") var name: String
    @Field(key: "change") var change: String
    @Field(key: "reason") var reason: String
    @Field(key: "changed_on") var changedOn: String
    init() {}
}

final class RollObjection: Model, @unchecked Sendable {
    static let schema = "election_objections"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "resident_id") var personID: UUID
    @Field(key: "name") var name: String
    @Field(key: "request") var request: String
    @Field(key: "reason") var reason: String
    @Field(key: "raised_on") var raisedOn: String
    @OptionalField(key: "decision") var decision: String?
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_on") var answeredOn: String?
    init() {}
}

final class NominationRecord: Model, @unchecked Sendable {
    static let schema = "election_nominations"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "nominee_id") var nomineeID: UUID
    @Field(key: "nominee_name") var nomineeName: String
    @Field(key: "post") var post: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "group_name") var groupName: String?
    @Field(key: "signers") var signers: String
    @Field(key: "made_on") var madeOn: String
    init() {}

    var signerIDs: [UUID] { signers.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
}

final class CandidateEntry: Model, @unchecked Sendable {
    static let schema = "election_candidates"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "resident_id") var personID: UUID
    @Field(key: "name") var name: String
    @Field(key: "sex") var sex: String
    @Field(key: "post") var post: String
    @Field(key: "list") var list: String
    init() {}
}

final class VotingCode: Model, @unchecked Sendable {
    static let schema = "election_codes"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "round") var round: Int
    @Field(key: "roll_entry_id") var rollEntryID: UUID
    @Field(key: "code_hash") var codeHash: String
    /// False when the code is printed and never written after: what spends a code is its
    /// voter's mark on the roll (`voted_round`), written in the ballot's transaction, so a ballot
    /// dirties one record of the voter's rather than two (issue 12, "Speed"). Kept for the
    /// databases of earlier versions, where it was set beside that mark.
    @Field(key: "used") var used: Bool
    init() {}
}

final class StoredBallot: Model, @unchecked Sendable {
    static let schema = "election_ballots"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "round") var round: Int
    @Field(key: "sequence") var sequence: Int
    @Field(key: "receipt") var receipt: String
    @Field(key: "ballot") var ballotJSON: String
    @Field(key: "previous") var previous: String
    @Field(key: "hash") var hash: String
    init() {}

    func record(election: UUID) throws -> BallotLogRecord {
        let ballot = try JSONDecoder().decode(Ballot.self, from: Data(ballotJSON.utf8))
        return BallotLogRecord(entry: BallotLogEntry(sequence: sequence, election: election.uuidString, round: round, receipt: receipt, ballot: ballot),
                               previous: previous, hash: hash)
    }
}

final class RoundRecord: Model, @unchecked Sendable {
    static let schema = "election_rounds"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "definition") var definitionJSON: String
    @Field(key: "ballots_issued") var ballotsIssued: Int
    @OptionalField(key: "result") var resultJSON: String?
    @OptionalField(key: "scrutineers") var scrutineers: String?
    @OptionalField(key: "log_head") var logHead: String?
    @OptionalField(key: "counted_on") var countedOn: String?
    init() {}

    var definition: ElectionRound { try! JSONDecoder().decode(ElectionRound.self, from: Data(definitionJSON.utf8)) }
    var result: RoundResult? { resultJSON.flatMap { try? JSONDecoder().decode(RoundResult.self, from: Data($0.utf8)) } }
}

/// The plain JSON the elections capability stores and publishes: no key strategy, so person ids
/// used as keys stay as they are, and sorted keys, so the same value is always the same text.
enum ElectionJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    /// An encoder to use for many values (making one costs more than encoding a ballot).
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}

extension Election {
    /// The election as a write reads it, with its chain's lock held (WritePath.lockChains): a write
    /// that changes an election's stage, roll, codes or log waits for ballot batches being written
    /// to it on any node, and they wait for it, while other elections' ballots go on.
    static func locked(_ id: UUID, on tx: any Database) async throws -> Election {
        try await WritePath.lockChains([id.uuidString], on: tx)
        guard let e = try await Election.find(id, on: tx) else { throw ZhanjuError.notFound(Text("选举", "election")) }
        return e
    }
}
