import Fluent
import Foundation
import Vapor
import ZhanjuRules

final class RecallRecord: Model, @unchecked Sendable {
    static let schema = "election_recalls"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "member_id") var memberID: UUID
    @Field(key: "member_name") var memberName: String
    @Field(key: "post") var post: String
    @Field(key: "appointment_id") var appointmentID: UUID
    @Field(key: "reason") var reason: String
    @Field(key: "signers") var signers: String
    @Field(key: "petition_roll") var petitionRoll: Int
    @Field(key: "petition_explanations") var petitionJSON: String
    @Field(key: "petitioned_on") var petitionedOn: String
    @Field(key: "state") var state: String
    @OptionalField(key: "registered_voters") var registeredVoters: Int?
    @OptionalField(key: "ballots_cast") var ballotsCast: Int?
    @OptionalField(key: "in_favour") var inFavour: Int?
    @OptionalField(key: "vote_explanations") var voteJSON: String?
    @OptionalField(key: "decided_on") var decidedOn: String?
    init() {}

    var signerIDs: [UUID] { signers.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
}

/// Where a recall stands: petitioned (it goes to a vote), then decided either way.
enum RecallState: String, Codable, CaseIterable, Sendable {
    case petitioned
    case recalled
    case notRecalled = "not_recalled"

    var label: Text {
        switch self {
        case .petitioned: return Text("已提出,待表决", "Proposed, to be voted on")
        case .recalled: return Text("罢免通过", "Recalled")
        case .notRecalled: return Text("罢免未通过", "Not recalled")
        }
    }
}

enum RecallStrings {
    static let recall = Text("罢免", "recall")
    static let recalls = Text("罢免", "Recalls")
}

/// Recall (罢免) of a member the committee's election seated (RULES.md, "Election procedure";
/// Villagers' Committee Law art. 16, analogy): voters on the current roll petition against a
/// sitting member; the rule set decides whether the petition goes to a vote and whether the vote
/// recalls; a recall ends the member's appointment in the registry on the day of the vote.
extension ElectionService {
    struct RecallInput: Content, Sendable {
        /// The sitting member (a resident id, picked by name from the committee's appointments).
        var memberId: UUID?
        var reason: String?
        /// The voters who sign the petition.
        var signers: [UUID]?
        static let example = RecallInput(memberId: UUID(), reason: "长期不履行职责", signers: [UUID(), UUID()])
    }

    struct RecallVoteInput: Content, Sendable {
        /// Ballots cast in the recall vote, as the scrutineers counted them.
        var ballotsCast: Int?
        /// Of those, the ballots agreeing to the recall.
        var inFavour: Int?
        static let example = RecallVoteInput(ballotsCast: 12, inFavour: 7)
    }

    struct RecallView: Content, Sendable, Equatable {
        var id: UUID
        var memberId: UUID
        var memberName: String
        var post: String
        var reason: String
        var petitionedOn: String
        var signers: Int
        /// Voters on the current roll when the petition was made.
        var petitionRoll: Int
        var petition: [ExplanationView]
        var state: String
        var registeredVoters: Int?
        var ballotsCast: Int?
        var inFavour: Int?
        var decidedOn: String?
        var vote: [ExplanationView]

        init(_ r: RecallRecord) {
            func explanations(_ json: String?) -> [ExplanationView] {
                guard let json, let list = try? JSONDecoder().decode([ElectionExplanation].self, from: Data(json.utf8)) else { return [] }
                return list.map(ExplanationView.init)
            }
            (id, memberId, memberName, post, reason, petitionedOn) = (r.id!, r.memberID, r.memberName, r.post, r.reason, r.petitionedOn)
            (signers, petitionRoll, petition, state) = (r.signerIDs.count, r.petitionRoll, explanations(r.petitionJSON), r.state)
            (registeredVoters, ballotsCast, inFavour, decidedOn, vote) = (r.registeredVoters, r.ballotsCast, r.inFavour, r.decidedOn, explanations(r.voteJSON))
        }

        static var example: RecallView {
            let r = RecallRecord()
            (r.id, r.electionID, r.memberID, r.memberName, r.post, r.appointmentID, r.reason) = (UUID(), UUID(), UUID(), "王芳", "member", UUID(), "长期不履行职责")
            (r.signers, r.petitionRoll, r.petitionedOn, r.state) = ([UUID(), UUID()].map(\.uuidString).joined(separator: ","), 10, "2027-03-01", RecallState.recalled.rawValue)
            let rules = ElectionRuleSet.residentsCommittee
            r.petitionJSON = (try? ElectionJSON.encode(rules.checkRecallPetition(voterSigners: ["a", "b"], roll: ["a", "b", "c"]).notes)) ?? "[]"
            (r.registeredVoters, r.ballotsCast, r.inFavour, r.decidedOn) = (10, 6, 4, "2027-03-20")
            r.voteJSON = try? ElectionJSON.encode(rules.recallResult(registeredVoters: 10, ballotsCast: 6, inFavour: 4).explanations)
            return RecallView(r)
        }
    }

    /// The roll as it stands on `day`: everyone living in the committee's area with local hukou
    /// whom the rule set makes a voter that day, and those the election's roll registered on
    /// application (without local hukou) who still live here and hold their political rights.
    static func currentRoll(_ e: Election, on day: CivilDate, db: any Database) async throws -> [RegistryDirectory.PossibleVoter] {
        let people = try await RegistryDirectory(db: db).voterRoll(committee: e.committeeID)
        let applied = Set(try await RollEntry.query(on: db).filter(\.$electionID == e.id!).filter(\.$removed == false).all()
            .filter { $0.basis != Basis.localHukou.rawValue }.map(\.personID))
        let rules = e.rules
        return people.filter { p in
            if p.hukou == .local {
                return rules.voterEligibility(VoterFacts(birthDate: p.birthDate, basis: .localHukou, hasPoliticalRights: p.politicalRights), electionDay: day).eligible
            }
            return applied.contains(p.id) && p.politicalRights
        }
    }

    /// The committee's members sitting on `day` whom a recall may be against: a member recalled
    /// today holds the post to the end of the day (the appointment's last day) but is recalled.
    static func recallable(_ e: Election, on day: CivilDate, context: WriteContext, db: any Database) async throws -> [RegistryElectedTerms.Sitting] {
        let recalled = Set(try await RecallRecord.query(on: db).filter(\.$electionID == e.id!).filter(\.$state == RecallState.recalled.rawValue).all().map(\.appointmentID))
        return try await RegistryElectedTerms(db: db, context: context).sitting(committee: e.committeeID, on: day).filter { !recalled.contains($0.appointment) }
    }

    /// Records a recall petition against a member sitting today, if the rule set lets it go to a
    /// vote: enough of the voters on the current roll sign (each counted once; signers not on the
    /// roll do not count), or, where representatives elected the committee, enough of those
    /// representatives. The figures are kept with the petition.
    func petitionRecall(_ id: UUID, _ input: RecallInput) async throws -> RecallView {
        _ = try await election(id)
        guard let member = input.memberId else { throw ZhanjuError.required("member_id") }
        guard let reason = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else { throw ZhanjuError.required("reason") }
        let signers = input.signers ?? []
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.announced], Text("提出罢免", "propose a recall")) { throw error }
            guard let seat = try await Self.recallable(e, on: today, context: context, db: tx).first(where: { $0.person == member }) else {
                throw ZhanjuError.invalid("member_id", "election.recall_petition", Text("此人不是本居委会的现任成员。", "This person is not a sitting member of the committee."))
            }
            let pending = try await RecallRecord.query(on: tx).filter(\.$electionID == id).filter(\.$memberID == member)
                .filter(\.$state == RecallState.petitioned.rawValue).first()
            if pending != nil {
                throw ZhanjuError(.conflict, code: "election.recall_petition", field: "member_id",
                                  message: Text("对此人的罢免已提出,尚未表决。", "A recall of this member has been proposed and is not yet voted on."))
            }
            let roll = try await Self.currentRoll(e, on: today, db: tx)
            // Where representatives elected the committee, a third of them (the election's roll) may propose it instead.
            let byRepresentatives = (ElectionMethod(rawValue: e.method) ?? .allVoters) != .allVoters
            let representatives = byRepresentatives
                ? Set(try await RollEntry.query(on: tx).filter(\.$electionID == id).filter(\.$removed == false).all().map(\.personID.uuidString)) : []
            let check = e.rules.checkRecallPetition(voterSigners: signers.map(\.uuidString), roll: Set(roll.map(\.id.uuidString)),
                                                    representativeSigners: byRepresentatives ? signers.map(\.uuidString) : [], representatives: representatives)
            if let error = Self.refuse(check, field: "signers") { throw error }
            let r = RecallRecord()
            (r.id, r.electionID, r.memberID, r.memberName, r.appointmentID, r.reason) = (UUID(), id, member, seat.name, seat.appointment, reason)
            r.post = CommitteePost.allCases.first { $0.registryPost == seat.post }?.rawValue ?? seat.post.rawValue
            r.signers = Array(Set(signers)).map(\.uuidString).sorted().joined(separator: ",")
            (r.petitionRoll, r.petitionJSON, r.petitionedOn, r.state) = (roll.count, try ElectionJSON.encode(check.notes), today.iso, RecallState.petitioned.rawValue)
            try await r.create(on: tx)
            try await AuditTrail.append("create", "election_recalls", r.id, before: nil,
                                        after: AuditTrail.digest(["member": member.uuidString, "signers": "\(signers.count)", "roll": "\(roll.count)"]), by: context.actor, at: now, on: tx)
            return RecallView(r)
        }
    }

    /// Records the recall vote's count and decides it by the rule set against the current roll;
    /// a recall ends the member's appointment today, through the registry.
    func decideRecall(_ id: UUID, recall: UUID, _ input: RecallVoteInput) async throws -> RecallView {
        _ = try await election(id)
        guard let cast = input.ballotsCast else { throw ZhanjuError.required("ballots_cast") }
        guard let favour = input.inFavour else { throw ZhanjuError.required("in_favour") }
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            guard let r = try await RecallRecord.query(on: tx).filter(\.$id == recall).filter(\.$electionID == id).first() else {
                throw ZhanjuError.notFound(RecallStrings.recall)
            }
            guard r.state == RecallState.petitioned.rawValue else {
                throw ZhanjuError(.conflict, code: "election.recall_vote", field: "state", message: Text("此罢免已表决。", "This recall has been voted on."))
            }
            let terms = RegistryElectedTerms(db: tx, context: context)
            guard try await Self.recallable(e, on: today, context: context, db: tx).contains(where: { $0.appointment == r.appointmentID }) else {
                throw ZhanjuError(.conflict, code: "election.recall_vote", field: "member_id",
                                  message: Text("\(r.memberName) 已不在任。", "\(r.memberName) no longer holds the post."))
            }
            let registered = try await Self.currentRoll(e, on: today, db: tx).count
            guard cast >= 0, cast <= registered else {
                throw ZhanjuError.invalid("ballots_cast", "election.recall_vote", Text("投票人数须在 0 到登记选民 \(registered) 人之间。",
                                                                                       "Ballots cast must be between 0 and the \(registered) registered voters."))
            }
            guard favour >= 0, favour <= cast else {
                throw ZhanjuError.invalid("in_favour", "election.recall_vote", Text("赞成票须在 0 到投票人数 \(cast) 之间。", "Votes in favour must be between 0 and the \(cast) ballots cast."))
            }
            let result = e.rules.recallResult(registeredVoters: registered, ballotsCast: cast, inFavour: favour)
            if result.recalled { try await terms.end(appointment: r.appointmentID, on: today) }
            (r.registeredVoters, r.ballotsCast, r.inFavour, r.decidedOn) = (registered, cast, favour, today.iso)
            r.voteJSON = try ElectionJSON.encode(result.explanations)
            r.state = (result.recalled ? RecallState.recalled : .notRecalled).rawValue
            try await r.save(on: tx)
            try await AuditTrail.append("recall_vote", "election_recalls", r.id, before: nil,
                                        after: AuditTrail.digest(["registered": registered, "cast": cast, "in_favour": favour, "recalled": result.recalled ? 1 : 0] as [String: Int]),
                                        by: context.actor, at: now, on: tx)
            return RecallView(r)
        }
    }

    /// The election's recalls, oldest first: public once the election is announced (signers are
    /// counted, not named).
    static func recalls(_ id: UUID, on db: any Database) async throws -> [RecallView] {
        guard let e = try await Election.find(id, on: db), e.stageValue == .announced else { throw ZhanjuError.notFound(ElectionStrings.result) }
        return try await RecallRecord.query(on: db).filter(\.$electionID == id).sort(\.$petitionedOn).all().map(RecallView.init)
    }
}
