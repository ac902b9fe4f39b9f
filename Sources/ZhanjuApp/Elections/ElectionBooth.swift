import Fluent
import Foundation
import SQLKit
import Vapor
import ZhanjuRules

final class BallotBox: Model, @unchecked Sendable {
    static let schema = "election_boxes"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "round") var round: Int
    @Field(key: "label") var label: String
    @Field(key: "kind") var kind: String
    @Field(key: "carriers") var carriers: String
    init() {}
}

final class PaperEntry: Model, @unchecked Sendable {
    static let schema = "election_paper_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "round") var round: Int
    @Field(key: "box") var box: String
    @Field(key: "number") var number: Int
    @Field(key: "clerk") var clerk: UUID
    @Field(key: "ballot") var ballotJSON: String
    @Field(key: "state") var state: String
    init() {}

    var ballot: Ballot? { try? JSONDecoder().decode(Ballot.self, from: Data(ballotJSON.utf8)) }
}

/// Polling on paper (Fujian 2009): a clerk checks the voter against the roll and issues a ballot
/// at the booth or from a mobile box carried by enough staff; at the count each paper is entered
/// by two clerks independently, and goes into the log only when both read it alike; a mismatch
/// blocks it until a scrutineer settles the reading. Issuing marks the voter as having voted; the
/// papers carry no voter, so the two never meet.
extension ElectionService {
    enum PaperState: String, CaseIterable, Sendable {
        /// Entered by one clerk, waiting for the second.
        case entered
        /// Both clerks read it alike: in the log.
        case accepted
        /// The clerks differ: blocked until a scrutineer settles it.
        case mismatch
        /// Settled by a scrutineer: in the log.
        case resolved
    }

    static let boothBox = "booth"

    /// Who may do a polling job: the election committee's people (elections.run over the
    /// committee), or someone appointed to this election in one of `roles`.
    func authoriseStaff(_ e: Election, roles: Set<StaffRole>, on tx: any Database) async throws {
        guard let principal = context.principal else { return }
        let map = try await context.access.map(on: tx)
        if principal.grants.allows(.electionsRun, at: map.place(committee: e.committeeID)) { return }
        if let resident = principal.residentID,
           try await ElectionStaffMember.query(on: tx).filter(\.$electionID == e.id!).filter(\.$personID == resident)
               .filter(\.$role ~~ roles.map(\.rawValue)).count() > 0 { return }
        throw ZhanjuError(.forbidden, code: "election.staff", message: Text(
            "只有本次选举的\(roles.map(\.zh).sorted().joined(separator: "、"))可以这样做。", "Only this election's \(roles.map(\.en).sorted().joined(separator: " or ")) may do this."))
    }

    struct MobileBoxInput: Content, Sendable {
        var carriers: [UUID]?
        static let example = MobileBoxInput(carriers: [UUID(), UUID(), UUID()])
    }

    struct BoxView: Content, Sendable {
        var label: String
        var kind: String
        var round: Int
        var carriers: [String]
        static let example = BoxView(label: "M1", kind: "mobile", round: 1, carriers: ["赵敏", "钱丽", "孙强"])
    }

    /// Sends out a mobile ballot box for the current round, carried by at least the rule set's
    /// number of staff appointed as carriers.
    func openMobileBox(_ id: UUID, _ input: MobileBoxInput) async throws -> BoxView {
        _ = try await election(id)
        let carriers = input.carriers ?? []
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.polling], Text("派出流动票箱", "send out a mobile box")) { throw error }
            let staff = try await ElectionStaffMember.query(on: tx).filter(\.$electionID == id).filter(\.$role == StaffRole.mobileBoxCarrier.rawValue).all()
            var names: [String] = []
            for (i, c) in carriers.enumerated() {
                guard let s = staff.first(where: { $0.personID == c }) else {
                    throw ZhanjuError.invalid("carriers.\(i)", "election.mobile_box", Text("此人不是本次选举的流动票箱工作人员。", "This person is not a mobile box carrier of this election."))
                }
                names.append(s.name)
            }
            if let error = Self.refuse(e.rules.checkMobileBox(carriers: carriers.map(\.uuidString)), field: "carriers") { throw error }
            let n = try await BallotBox.query(on: tx).filter(\.$electionID == id).filter(\.$round == e.round).filter(\.$kind == "mobile").count()
            let box = BallotBox()
            (box.id, box.electionID, box.round, box.label, box.kind, box.carriers) = (UUID(), id, e.round, "M\(n + 1)", "mobile", carriers.map(\.uuidString).joined(separator: ","))
            try await box.create(on: tx)
            try await AuditTrail.append("open_mobile_box", "elections", id, before: nil, after: AuditTrail.digest(["box": box.label, "carriers": box.carriers]),
                                        by: context.actor, at: now, on: tx)
            return BoxView(label: box.label, kind: box.kind, round: box.round, carriers: names)
        }
    }

    struct IssueInput: Content, Sendable {
        var residentId: UUID?
        /// `booth`, or a mobile box's label (`M1`).
        var box: String?
        /// The relative who takes the voter's ballot by a recorded proxy.
        var proxyHolderId: UUID?
        static let example = IssueInput(residentId: UUID(), box: "booth", proxyHolderId: UUID())
    }

    struct Issued: Content, Sendable {
        var name: String
        var box: String
        var round: Int
        static let example = Issued(name: "王芳", box: "booth", round: 1)
    }

    /// Issues a paper ballot to a voter on the roll who has not voted in this round (by code or
    /// on paper), at the booth or from a mobile box: the voter is marked, and the round counts one
    /// more ballot issued. Their voting code, if any, no longer casts.
    func issuePaperBallot(_ id: UUID, _ input: IssueInput) async throws -> Issued {
        guard let person = input.residentId else { throw ZhanjuError.required("resident_id") }
        let boxLabel = (input.box ?? Self.boothBox).trimmingCharacters(in: .whitespaces)
        guard let fetched = try await Election.find(id, on: db) else { throw ZhanjuError.notFound(ElectionStrings.election) }
        try await authoriseStaff(fetched, roles: [.clerk, .mobileBoxCarrier], on: db)
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.polling], Text("发放选票", "issue ballots")) { throw error }
            if boxLabel != Self.boothBox,
               try await BallotBox.query(on: tx).filter(\.$electionID == id).filter(\.$round == e.round).filter(\.$label == boxLabel).count() == 0 {
                throw ZhanjuError.invalid("box", "election.mobile_box", Text("本轮没有这个票箱。", "There is no such ballot box in this round."))
            }
            guard let entry = try await RollEntry.query(on: tx).filter(\.$electionID == id).filter(\.$personID == person).filter(\.$removed == false).first() else {
                throw ZhanjuError.invalid("resident_id", "election.not_on_roll", Text("此人不在选民名单上。", "This person is not on the voter roll."))
            }
            if let holder = input.proxyHolderId,
               try await ProxyRecord.query(on: tx).filter(\.$electionID == id).filter(\.$grantorID == person).filter(\.$holderID == holder).count() == 0 {
                throw ZhanjuError.invalid("proxy_holder_id", "election.proxy_written", Text("没有登记这份书面委托。", "No such written proxy is recorded."))
            }
            let marked = try await (tx as! any SQLDatabase).raw("""
                UPDATE election_roll SET voted_round = \(bind: e.round)
                WHERE id = \(bind: entry.id!) AND (voted_round IS NULL OR voted_round < \(bind: e.round)) RETURNING id
                """).all()
            guard marked.count == 1 else {
                throw ZhanjuError(.conflict, code: "election.voted", field: "resident_id", message: Text("\(entry.name) 本轮已经投票。", "\(entry.name) has already voted in this round."))
            }
            // A voter holding a code for the round takes paper instead: the code was their issued
            // ballot, and the mark just written spends it (they had not voted, or the mark would
            // have been refused). Without one, one more ballot is issued.
            let holdsCode = try await VotingCode.query(on: tx).filter(\.$electionID == id).filter(\.$round == e.round)
                .filter(\.$rollEntryID == entry.id!).count() > 0
            if !holdsCode {
                let round = try await RoundRecord.query(on: tx).filter(\.$electionID == id).filter(\.$number == e.round).first()!
                round.ballotsIssued += 1
                try await round.save(on: tx)
            }
            try await AuditTrail.append("issue_paper_ballot", "elections", id, before: nil,
                                        after: AuditTrail.digest(["round": "\(e.round)", "box": boxLabel, "proxy": input.proxyHolderId == nil ? "no" : "yes"]),
                                        by: context.actor, at: now, on: tx)
            return Issued(name: entry.name, box: boxLabel, round: e.round)
        }
    }

    struct PaperInput: Content, Sendable {
        var box: String?
        /// The paper's number in the count of its box (1, 2, …), as both clerks call it.
        var number: Int?
        var spoilt: Bool?
        var marks: [String: [UUID]]?
        static let example = PaperInput(box: "booth", number: 1, spoilt: false, marks: ["chair": [UUID()], "member": [UUID()]])
    }

    struct PaperView: Content, Sendable {
        var box: String
        var number: Int
        var state: String
        /// The receipt, once the paper is in the log.
        var receipt: String?
        static let example = PaperView(box: "booth", number: 1, state: "accepted", receipt: "AB12-CD34")
    }

    /// The marks as the ballot reads them, each post's sorted, so two clerks' entries compare.
    static func paperBallot(_ input: PaperInput, round: ElectionRound) throws -> Ballot {
        if input.spoilt == true { return .spoiltBallot }
        var marks: [CommitteePost: [BallotMark]] = [:]
        for (key, people) in input.marks ?? [:] where !people.isEmpty {
            guard let post = CommitteePost(rawValue: key) ?? CommitteePost(rawValue: OpenAPIDocument.snakeCase(key)),
                  let p = round.posts.first(where: { $0.post == post }) else {
                throw ZhanjuError.invalid("marks.\(key)", "election.ballot", Text("本轮选票上没有这个职位。", "This round's ballot has no such post."))
            }
            guard people.allSatisfy({ p.candidates.contains($0.uuidString) }) else {
                throw ZhanjuError.invalid("marks.\(key)", "election.ballot", Text("所选的人不是本轮\(post.zh)候选人。", "Someone marked is not on this round's ballot for \(post.en)."))
            }
            marks[post] = people.map(\.uuidString).sorted().map { .candidate($0) }
        }
        return Ballot(marks: marks)
    }

    /// One clerk's reading of one paper. The second reading by another clerk decides: alike, the
    /// ballot goes into the log; different, the paper is blocked until a scrutineer settles it.
    func enterPaper(_ id: UUID, _ input: PaperInput) async throws -> PaperView {
        guard let principal = context.principal else { throw ZhanjuError(.unauthorized, code: "unauthorized", message: Strings.errorForbidden) }
        guard let fetched = try await Election.find(id, on: db) else { throw ZhanjuError.notFound(ElectionStrings.election) }
        try await authoriseStaff(fetched, roles: [.clerk, .teller], on: db)
        let box = (input.box ?? Self.boothBox).trimmingCharacters(in: .whitespaces)
        guard let number = input.number else { throw ZhanjuError.required("number") }
        _ = try Check.int(number, "number", in: 1...1_000_000)
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.polling], Text("录入纸质选票", "enter paper ballots")) { throw error }
            if box != Self.boothBox,
               try await BallotBox.query(on: tx).filter(\.$electionID == id).filter(\.$round == e.round).filter(\.$label == box).count() == 0 {
                throw ZhanjuError.invalid("box", "election.mobile_box", Text("本轮没有这个票箱。", "There is no such ballot box in this round."))
            }
            let round = try await RoundRecord.query(on: tx).filter(\.$electionID == id).filter(\.$number == e.round).first()!
            let ballot = try Self.paperBallot(input, round: round.definition)
            let earlier = try await PaperEntry.query(on: tx).filter(\.$electionID == id).filter(\.$round == e.round).filter(\.$box == box).filter(\.$number == number).all()
            if earlier.contains(where: { $0.clerk == principal.accountID }) {
                throw ZhanjuError(.conflict, code: "election.double_entry", field: "number", message: Text("您已录入这张选票;须由另一名工作人员独立录入。", "You have entered this paper; another clerk enters it independently."))
            }
            guard earlier.count < 2 else {
                throw ZhanjuError(.conflict, code: "election.double_entry", field: "number", message: Text("这张选票已由两人录入。", "Two clerks have already entered this paper."))
            }
            let entry = PaperEntry()
            (entry.id, entry.electionID, entry.round, entry.box, entry.number, entry.clerk) = (UUID(), id, e.round, box, number, principal.accountID)
            entry.ballotJSON = try ElectionJSON.encode(ballot)
            guard let first = earlier.first else {
                entry.state = PaperState.entered.rawValue
                try await entry.create(on: tx)
                return PaperView(box: box, number: number, state: entry.state, receipt: nil)
            }
            var receipt: String?
            if first.ballot == ballot {
                entry.state = PaperState.accepted.rawValue
                receipt = try await Self.append(ballot, to: e, round: e.round, on: tx).receipt
            } else {
                entry.state = PaperState.mismatch.rawValue
            }
            first.state = entry.state
            try await first.save(on: tx)
            try await entry.create(on: tx)
            return PaperView(box: box, number: number, state: entry.state, receipt: receipt)
        }
    }

    /// A scrutineer settles a paper the clerks read differently, from the paper itself.
    func resolvePaper(_ id: UUID, _ input: PaperInput) async throws -> PaperView {
        guard let fetched = try await Election.find(id, on: db) else { throw ZhanjuError.notFound(ElectionStrings.election) }
        try await authoriseStaff(fetched, roles: [.scrutineer], on: db)
        let box = (input.box ?? Self.boothBox).trimmingCharacters(in: .whitespaces)
        guard let number = input.number else { throw ZhanjuError.required("number") }
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.polling], Text("核定纸质选票", "settle paper ballots")) { throw error }
            let entries = try await PaperEntry.query(on: tx).filter(\.$electionID == id).filter(\.$round == e.round).filter(\.$box == box).filter(\.$number == number).all()
            guard !entries.isEmpty, entries.allSatisfy({ $0.state == PaperState.mismatch.rawValue }) else {
                throw ZhanjuError(.conflict, code: "election.double_entry", field: "number", message: Text("这张选票没有待核定的分歧。", "This paper has no mismatch to settle."))
            }
            let round = try await RoundRecord.query(on: tx).filter(\.$electionID == id).filter(\.$number == e.round).first()!
            let ballot = try Self.paperBallot(input, round: round.definition)
            let receipt = try await Self.append(ballot, to: e, round: e.round, on: tx).receipt
            for entry in entries {
                entry.state = PaperState.resolved.rawValue
                try await entry.save(on: tx)
            }
            try await AuditTrail.append("resolve_paper", "elections", id, before: nil, after: AuditTrail.digest(["box": box, "number": "\(number)"]),
                                        by: context.actor, at: now, on: tx)
            return PaperView(box: box, number: number, state: PaperState.resolved.rawValue, receipt: receipt)
        }
    }

    /// Papers of the round not yet in the log (entered once, or read differently): the count waits for them.
    static func papersPending(_ id: UUID, round: Int, on tx: any Database) async throws -> [PaperEntry] {
        try await PaperEntry.query(on: tx).filter(\.$electionID == id).filter(\.$round == round)
            .filter(\.$state ~~ [PaperState.entered.rawValue, PaperState.mismatch.rawValue]).sort(\.$box).sort(\.$number).all()
    }
}
