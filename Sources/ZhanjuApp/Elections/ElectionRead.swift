import Fluent
import SQLKit
import Foundation
import Vapor
import ZhanjuRules

/// What is read about an election: the committee's whole view, the public result, the public
/// ballot log (as the file `zhanju election verify` checks) and receipts.
enum ElectionRead {
    struct Summary: Content, Sendable {
        var id: UUID
        var committeeId: UUID
        var nameZh: String
        var nameEn: String
        var ruleSet: String
        var ruleSetVersion: Int
        var method: String
        var pollingDay: String
        var stage: String
        var round: Int
        var rollPublishedOn: String?
        var finalListPublishedOn: String?
        var announcedOn: String?
        var ballotsInLog: Int
        var logHead: String
        var seats: [SeatsView]

        init(_ e: Election, seats: [CommitteePost: Int]) {
            (id, committeeId, nameZh, nameEn, ruleSet, ruleSetVersion, method) = (e.id!, e.committeeID, e.nameZh, e.nameEn, e.ruleSetName, e.ruleSetVersion, e.method)
            (pollingDay, stage, round, rollPublishedOn, finalListPublishedOn, announcedOn) = (e.pollingDay, e.stage, e.round, e.rollPublishedOn, e.finalListPublishedOn, e.announcedOn)
            (ballotsInLog, logHead) = (e.logLength, e.logHead)
            self.seats = seats.sorted { $0.key < $1.key }.map { SeatsView(post: $0.key.rawValue, seats: $0.value) }
        }
        static var example: Summary {
            let e = Election()
            (e.id, e.committeeID, e.nameZh, e.nameEn, e.ruleSetName, e.ruleSetVersion, e.method) = (UUID(), UUID(), "选举", "Election", "urc-election", 1, "all_voters")
            (e.pollingDay, e.stage, e.round, e.rollPublishedOn, e.finalListPublishedOn, e.announcedOn) = ("2026-12-20", "polling", 1, "2026-11-27", "2026-12-10", nil)
            (e.logLength, e.logHead) = (0, HashChain.genesis)
            return Summary(e, seats: [.chair: 1, .member: 4])
        }
    }

    struct SeatsView: Content, Sendable, Equatable {
        var post: String
        var seats: Int
    }

    struct RollEntryView: Content, Sendable {
        var residentId: UUID
        var name: String
        var door: String
        var basis: String
        var removed: Bool
        var voted: Bool
    }

    struct RollChangeView: Content, Sendable {
        var seq: Int
        var residentId: UUID
        var name: String
        var change: String
        var reason: String
        var changedOn: String
    }

    struct ObjectionView: Content, Sendable {
        var id: UUID
        var residentId: UUID
        var name: String
        var request: String
        var reason: String
        var raisedOn: String
        var decision: String?
        var answer: String?
        var answeredOn: String?
        /// The last day the answer is due (working days on the holiday calendar).
        var answerDue: String
        init(_ o: RollObjection, rules: ElectionRuleSet, calendar: HolidayCalendar) {
            (id, residentId, name, request, reason, raisedOn) = (o.id!, o.personID, o.name, o.request, o.reason, o.raisedOn)
            (decision, answer, answeredOn) = (o.decision, o.answer, o.answeredOn)
            answerDue = rules.objectionAnswerDue(receivedOn: CivilDate(iso: o.raisedOn)!, calendar: calendar).date.iso
        }
    }

    struct NominationView: Content, Sendable {
        var id: UUID
        var nomineeId: UUID
        var nomineeName: String
        var post: String
        var kind: String
        var signers: Int
        var madeOn: String
        init(_ n: NominationRecord) {
            (id, nomineeId, nomineeName, post, kind, signers, madeOn) = (n.id!, n.nomineeID, n.nomineeName, n.post, n.kind, n.signerIDs.count, n.madeOn)
        }
    }

    struct CandidateView: Content, Sendable, Equatable {
        var residentId: UUID
        var name: String
        var sex: String
        var post: String
    }

    struct StaffView: Content, Sendable {
        var residentId: UUID
        var name: String
        var role: String
    }

    struct TimetableEntry: Content, Sendable {
        var milestone: String
        var date: String
        var confirmed: Bool
        var explanation: ExplanationView
    }

    /// The committee's view of an election: every stage's records.
    struct Detail: Content, Sendable {
        var election: Summary
        var timetable: [TimetableEntry]
        var staff: [StaffView]
        var roll: [RollEntryView]
        var rollChanges: [RollChangeView]
        var objections: [ObjectionView]
        var nominations: [NominationView]
        var preliminaryCandidates: [CandidateView]
        var finalCandidates: [CandidateView]
        var codesIssued: Int
        var votedThisRound: Int
        var rounds: [RoundView]
        /// This round's mobile boxes, and its paper ballots not yet in the log.
        var boxes: [ElectionService.BoxView]
        var papersPending: [ElectionService.PaperView]
        /// The proxies recorded, as published before polling.
        var proxies: [ElectionService.ProxyView]
    }

    struct CountView: Content, Sendable, Equatable {
        var residentId: String
        var name: String
        var votes: Int
        var printed: Bool
    }

    struct PostResultView: Content, Sendable {
        var post: String
        var kind: String
        var seats: Int
        var votesNeeded: Int
        var validBallots: Int
        var blankBallots: Int
        var voidBallots: Int
        var counts: [CountView]
        var elected: [ElectedView]
        var openSeats: Int
        var explanations: [ExplanationView]
    }

    struct ElectedView: Content, Sendable {
        var residentId: String
        var name: String
        var post: String
        var round: Int
        var votes: Int
        var explanation: ExplanationView
    }

    struct RoundView: Content, Sendable {
        var number: Int
        var ballotsIssued: Int
        var counted: Bool
        var countedOn: String?
        var registeredVoters: Int?
        var ballotsCast: Int?
        var valid: Bool?
        var validity: [ExplanationView]
        var posts: [PostResultView]
        /// The ballot of the round: per post, its kind, seats and candidates.
        var ballot: [BallotPostView]
        var logHead: String?
    }

    struct BallotPostView: Content, Sendable, Equatable {
        var post: String
        var kind: String
        var seats: Int
        var candidates: [CountView]
    }

    static func roundView(_ r: RoundRecord) -> RoundView {
        let def = r.definition
        let name = { (p: String) in def.name(p) }
        let result = r.result
        let posts = (result?.posts ?? []).map { p in
            PostResultView(post: p.post.rawValue, kind: p.kind.rawValue, seats: p.seats, votesNeeded: p.votesNeeded, validBallots: p.validBallots,
                           blankBallots: p.blankBallots, voidBallots: p.voidBallots,
                           counts: p.counts.map { CountView(residentId: $0.person, name: name($0.person), votes: $0.votes, printed: $0.printed) },
                           elected: p.elected.map { ElectedView(residentId: $0.person, name: name($0.person), post: $0.post.rawValue, round: $0.round, votes: $0.votes,
                                                                explanation: ExplanationView($0.explanation)) },
                           openSeats: p.openSeats, explanations: p.explanations.map(ExplanationView.init))
        }
        return RoundView(number: r.number, ballotsIssued: r.ballotsIssued, counted: result != nil, countedOn: r.countedOn,
                         registeredVoters: result?.registeredVoters, ballotsCast: result?.ballotsCast, valid: result?.valid,
                         validity: (result?.validity ?? []).map(ExplanationView.init), posts: posts,
                         ballot: def.posts.map { p in BallotPostView(post: p.post.rawValue, kind: p.kind.rawValue, seats: p.seats,
                                                                     candidates: p.candidates.map { CountView(residentId: $0, name: name($0), votes: 0, printed: true) }) },
                         logHead: r.logHead)
    }

    static func detail(_ e: Election, service: ElectionService) async throws -> Detail {
        let db = service.db, id = e.id!
        let rules = e.rules
        let timetable = rules.timetable(pollingDay: e.polling, calendar: service.calendar,
                                        rollPublishedOn: e.rollPublishedOn.flatMap(CivilDate.init(iso:)),
                                        finalListPublishedOn: e.finalListPublishedOn.flatMap(CivilDate.init(iso:)))
        let roll = try await RollEntry.query(on: db).filter(\.$electionID == id).sort(\.$position).all()
        let candidates = try await CandidateEntry.query(on: db).filter(\.$electionID == id).all()
        func view(_ list: String) -> [CandidateView] {
            candidates.filter { $0.list == list }.sorted { (CommitteePost(rawValue: $0.post)!, $0.name) < (CommitteePost(rawValue: $1.post)!, $1.name) }
                .map { CandidateView(residentId: $0.personID, name: $0.name, sex: $0.sex, post: $0.post) }
        }
        return Detail(
            election: Summary(e, seats: try await service.seats(id)),
            timetable: timetable.entries.map { TimetableEntry(milestone: $0.milestone.rawValue, date: $0.date.iso, confirmed: $0.confirmed, explanation: ExplanationView($0.explanation)) },
            staff: try await ElectionStaffMember.query(on: db).filter(\.$electionID == id).sort(\.$role).sort(\.$name).all()
                .map { StaffView(residentId: $0.personID, name: $0.name, role: $0.role) },
            roll: roll.map { RollEntryView(residentId: $0.personID, name: $0.name, door: $0.door, basis: $0.basis, removed: $0.removed, voted: $0.votedRound == e.round) },
            rollChanges: try await RollChange.query(on: db).filter(\.$electionID == id).sort(\.$seq).all()
                .map { RollChangeView(seq: $0.seq, residentId: $0.personID, name: $0.name, change: $0.change, reason: $0.reason, changedOn: $0.changedOn) },
            objections: try await RollObjection.query(on: db).filter(\.$electionID == id).sort(\.$raisedOn).all()
                .map { ObjectionView($0, rules: rules, calendar: service.calendar) },
            nominations: try await NominationRecord.query(on: db).filter(\.$electionID == id).sort(\.$madeOn).all().map(NominationView.init),
            preliminaryCandidates: view("preliminary"), finalCandidates: view("final"),
            codesIssued: try await VotingCode.query(on: db).filter(\.$electionID == id).filter(\.$round == e.round).count(),
            votedThisRound: roll.filter { $0.votedRound == e.round }.count,
            rounds: try await RoundRecord.query(on: db).filter(\.$electionID == id).sort(\.$number).all().map(roundView),
            boxes: try await boxes(e, on: db),
            papersPending: Dictionary(grouping: try await ElectionService.papersPending(id, round: e.round, on: db), by: { "\($0.box) \($0.number)" }).values
                .compactMap(\.first).sorted { ($0.box, $0.number) < ($1.box, $1.number) }
                .map { ElectionService.PaperView(box: $0.box, number: $0.number, state: $0.state, receipt: nil) },
            proxies: try await ProxyRecord.query(on: db).filter(\.$electionID == id).sort(\.$grantorName).all().map(ElectionService.ProxyView.init))
    }

    static func boxes(_ e: Election, on db: any Database) async throws -> [ElectionService.BoxView] {
        let staff = try await ElectionStaffMember.query(on: db).filter(\.$electionID == e.id!).all()
        return try await BallotBox.query(on: db).filter(\.$electionID == e.id!).filter(\.$round == e.round).sort(\.$label).all().map { box in
            ElectionService.BoxView(label: box.label, kind: box.kind, round: box.round,
                                    carriers: box.carriers.split(separator: ",").map { id in staff.first { $0.personID.uuidString == id }?.name ?? String(id) })
        }
    }

    // MARK: public

    /// The announced result, as anyone may read it: each round's count with its explanations,
    /// who holds which post and from when, the committee's size and women, and the log's head.
    struct Result: Content, Sendable {
        var election: Summary
        var committeeNameZh: String
        var committeeNameEn: String
        var rounds: [RoundView]
        var elected: [ElectedView]
        var openSeats: [SeatsView]
        var womenElected: Int
        var checks: [ExplanationView]
        var termStarts: String
        var termEnds: String?
    }

    /// Only once announced: before that, 404 (the count is announced on the spot, with the result).
    static func result(_ id: UUID, on db: any Database) async throws -> Result {
        guard let e = try await Election.find(id, on: db), e.stageValue == .announced, let announced = e.announcedOn.flatMap(CivilDate.init(iso:)) else {
            throw ZhanjuError.notFound(ElectionStrings.result)
        }
        let rounds = try await RoundRecord.query(on: db).filter(\.$electionID == id).sort(\.$number).all()
        let seats = try await Dictionary(ElectionPostSeats.query(on: db).filter(\.$electionID == id).all().compactMap { r in CommitteePost(rawValue: r.post).map { ($0, r.seats) } },
                                         uniquingKeysWith: { a, _ in a })
        let candidates = try await CandidateEntry.query(on: db).filter(\.$electionID == id).all()
        var sexes: [String: Sex] = [:]
        for c in candidates { sexes[c.personID.uuidString] = Sex(rawValue: c.sex) }
        let names = rounds.reduce(into: [String: String]()) { $0.merge($1.definition.names) { a, _ in a } }
        let outcome = e.rules.outcome(of: rounds.compactMap(\.result), seats: seats, sexes: sexes, announcedOn: announced)
        let committee = try await RegistryDirectory(db: db).committeeName(e.committeeID) ?? Text("", "")
        return Result(election: Summary(e, seats: seats), committeeNameZh: committee.zh, committeeNameEn: committee.en, rounds: rounds.map(roundView),
                      elected: outcome.elected.map { ElectedView(residentId: $0.person, name: names[$0.person] ?? $0.person, post: $0.post.rawValue, round: $0.round,
                                                                 votes: $0.votes, explanation: ExplanationView($0.explanation)) },
                      openSeats: outcome.openSeats.sorted { $0.key < $1.key }.map { SeatsView(post: $0.key.rawValue, seats: $0.value) },
                      womenElected: outcome.womenElected, checks: (outcome.check.refusals + outcome.check.notes).map(ExplanationView.init),
                      termStarts: outcome.term.starts.iso, termEnds: outcome.term.ends?.iso)
    }

    /// The public ballot log as a file: everything `zhanju election verify` needs, and nothing
    /// about any voter.
    struct LogFile: Codable, Sendable {
        var format: Int
        var election: String
        var rules: ElectionRuleSet
        var rounds: [ElectionRound]
        /// The counts announced so far, per counted round.
        var published: [PublishedCount]
        /// The log's head as the last count left it (absent before the first count).
        var head: String?
        var records: [BallotLogRecord]
    }

    /// Public from the start. A round's ballots join the published file once the round is
    /// counted (no running tally while polling is open); until then a voter finds their receipt
    /// through the receipt lookup. The chain is one: counted rounds are a prefix of it.
    static func logFile(_ id: UUID, on db: any Database) async throws -> LogFile {
        guard try await Election.find(id, on: db) != nil else { throw ZhanjuError.notFound(ElectionStrings.election) }
        let rounds = try await RoundRecord.query(on: db).filter(\.$electionID == id).sort(\.$number).all()
        let counted = rounds.filter { $0.result != nil }
        let countedRounds = Set(counted.map(\.number))
        let ballots = try await StoredBallot.query(on: db).filter(\.$electionID == id).sort(\.$sequence).all().filter { countedRounds.contains($0.round) }
        return LogFile(format: 1, election: id.uuidString, rules: try await Election.find(id, on: db)!.rules, rounds: counted.map(\.definition),
                       published: counted.compactMap(\.result).map(PublishedCount.init), head: counted.last?.logHead,
                       records: try ballots.map { try $0.record(election: id) })
    }

    /// The header of the log as lines (BallotLogLines): the log file without its records.
    struct LogHeader: Codable, Sendable {
        var format: Int
        var election: String
        var rules: ElectionRuleSet
        var rounds: [ElectionRound]
        var published: [PublishedCount]
        var head: String?
    }

    private struct LogRow: Decodable { var sequence: Int; var round: Int; var receipt: String; var ballot: String; var hash: String }

    /// The public ballot log as lines, the same ballots as `logFile`: read by the row without
    /// Fluent, each distinct ballot decoded once, so a log of a million is served in seconds.
    static func logLines(_ id: UUID, on db: any Database) async throws -> Data {
        guard let e = try await Election.find(id, on: db) else { throw ZhanjuError.notFound(ElectionStrings.election) }
        let counted = try await RoundRecord.query(on: db).filter(\.$electionID == id).sort(\.$number).all().filter { $0.result != nil }
        let header = LogHeader(format: 2, election: id.uuidString, rules: e.rules, rounds: counted.map(\.definition),
                               published: counted.compactMap(\.result).map(PublishedCount.init), head: counted.last?.logHead)
        var out = try BallotLogLines.start(header: header)
        guard !counted.isEmpty else { return out }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT sequence, round, receipt, ballot, hash FROM election_ballots
            WHERE election_id = \(bind: id) AND round IN (\(binds: counted.map(\.number))) ORDER BY sequence
            """).all(decoding: LogRow.self)
        // Each distinct ballot is decoded and its marks written out once.
        var ballots: [String: (ballot: Ballot, marks: String)] = [:]
        let decoder = JSONDecoder()
        for row in rows {
            let known: (ballot: Ballot, marks: String)
            if let k = ballots[row.ballot] { known = k } else {
                let ballot = try decoder.decode(Ballot.self, from: Data(row.ballot.utf8))
                known = (ballot, BallotLogEntry.marksText(ballot))
                ballots[row.ballot] = known
            }
            let entry = BallotLogEntry(sequence: row.sequence, election: id.uuidString, round: row.round, receipt: row.receipt, ballot: known.ballot)
            out.append(contentsOf: BallotLogLines.line(hash: row.hash, canonical: entry.canonical(marks: known.marks)).utf8)
        }
        return out
    }

    static func logData(_ file: LogFile) throws -> Data {
        let e = JSONEncoder()
        // Compact: a log of a million ballots is read by people's own machines.
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try e.encode(file)
    }

    struct ReceiptView: Content, Sendable {
        var electionId: UUID
        var receipt: String
        var found: Bool
        var round: Int?
        var sequence: Int?
        var hash: String?
        var previous: String?
    }

    static func receipt(_ id: UUID, _ code: String, on db: any Database) async throws -> ReceiptView {
        guard try await Election.find(id, on: db) != nil else { throw ZhanjuError.notFound(ElectionStrings.election) }
        let normal = ElectionService.normalReceipt(code)
        guard let b = try await StoredBallot.query(on: db).filter(\.$electionID == id).filter(\.$receipt == normal).first() else {
            return ReceiptView(electionId: id, receipt: normal, found: false)
        }
        return ReceiptView(electionId: id, receipt: normal, found: true, round: b.round, sequence: b.sequence, hash: b.hash, previous: b.previous)
    }
}
