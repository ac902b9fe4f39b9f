import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// Casting a batch of web ballots in one write (BallotIntake). Each step is one statement for the
/// whole batch, not one per ballot, so a batch of two hundred costs about what a single ballot
/// does: read the codes, lock the elections' chains, read the roll entries, spend the codes, mark
/// the voters, insert the ballots, move each log's head. Every ballot is checked before anything
/// is written and refused alone, so one bad code never fails the others.
extension ElectionService {
    private struct CodeRow: Decodable, Sendable {
        var id: UUID
        var election_id: UUID
        var round: Int
        var roll_entry_id: UUID
        var code_hash: String
        var used: Bool
    }

    private struct RollRow: Decodable, Sendable {
        var id: UUID
        var removed: Bool
        var voted_round: Int?
    }

    private struct Accepted {
        var index: Int
        var code: CodeRow
    }

    static func castAll(_ requests: [CastRequest], on tx: any Database) async throws -> [Result<Receipt, ZhanjuError>] {
        try WritePath.requireWrite()
        let sql = tx as! any SQLDatabase
        let refused = ZhanjuError.invalid("code", "election.code", ElectionStrings.codeRefused)
        var results = [Result<Receipt, ZhanjuError>?](repeating: nil, count: requests.count)
        // The same code twice in one batch (sent twice at once): the first casts, the rest are refused like any spent code.
        var firstOf: [String: Int] = [:]
        for (i, r) in requests.enumerated() {
            if firstOf[r.hash] == nil { firstOf[r.hash] = i } else { results[i] = .failure(refused) }
        }
        let hashes = Array(firstOf.keys)
        var codes = try await codeRows(hashes, on: sql)
        // Each election's log is its own chain with its own lock; what the codes said before the
        // locks were held is read again under them.
        let electionIDs = Set(codes.values.map(\.election_id)).sorted { $0.uuidString < $1.uuidString }
        if try await WritePath.lockChains(electionIDs.map(\.uuidString), on: tx) { codes = try await codeRows(hashes, on: sql) }

        var elections: [UUID: Election] = [:]
        for e in try await Election.query(on: tx).filter(\.$id ~~ electionIDs).all() { elections[e.id!] = e }
        var rounds: [UUID: ElectionRound] = [:]
        for e in elections.values {
            if let r = try await RoundRecord.query(on: tx).filter(\.$electionID == e.id!).filter(\.$number == e.round).first() { rounds[e.id!] = r.definition }
        }
        var roll: [UUID: RollRow] = [:]
        let entryIDs = codes.values.map(\.roll_entry_id)
        if !entryIDs.isEmpty {
            for row in try await sql.raw("SELECT id, removed, voted_round FROM election_roll WHERE id IN (\(binds: entryIDs))").all(decoding: RollRow.self) {
                roll[row.id] = row
            }
        }

        var accepted: [Accepted] = []
        for (hash, i) in firstOf {
            guard let c = codes[hash], !c.used, let e = elections[c.election_id], e.round == c.round, e.stageValue == .polling,
                  let definition = rounds[c.election_id] else {
                results[i] = .failure(refused)
                continue
            }
            if let problem = marksProblem(requests[i].marks, on: definition) {
                results[i] = .failure(problem)
                continue
            }
            // The voter may have taken a paper ballot instead (that spends the code too), or been struck off.
            guard let entry = roll[c.roll_entry_id], !entry.removed, (entry.voted_round ?? 0) < c.round else {
                results[i] = .failure(refused)
                continue
            }
            accepted.append(Accepted(index: i, code: c))
        }

        if !accepted.isEmpty {
            // Every check has passed: from here on the writes go through.
            let spent = try await sql.raw("""
                UPDATE election_codes SET used = \(bind: true) WHERE id IN (\(binds: accepted.map(\.code.id))) AND used = \(bind: false) RETURNING id
                """).all()
            var marked = 0
            for (round, items) in Dictionary(grouping: accepted, by: \.code.round) {
                marked += try await sql.raw("""
                    UPDATE election_roll SET voted_round = \(bind: round)
                    WHERE id IN (\(binds: items.map(\.code.roll_entry_id))) AND removed = \(bind: false) AND (voted_round IS NULL OR voted_round < \(bind: round))
                    RETURNING id
                    """).all().count
            }
            // Cannot happen with the chains locked after the reads above; if it did, the whole
            // transaction is undone rather than leave a code spent without its ballot.
            guard spent.count == accepted.count, marked == accepted.count else { throw InconsistentBallotWrite() }
            for (electionID, items) in Dictionary(grouping: accepted, by: \.code.election_id) {
                let e = elections[electionID]!
                // Appended in an order that says nothing of who arrived when within the batch.
                let ballots = items.shuffled().map { (index: $0.index, ballot: Ballot(marks: requests[$0.index].marks)) }
                for (index, receipt) in try await append(ballots.map(\.ballot), to: e, round: e.round, on: tx).enumerated() {
                    results[ballots[index].index] = .success(receipt)
                }
            }
        }
        return results.map { $0! }
    }

    private static func codeRows(_ hashes: [String], on sql: any SQLDatabase) async throws -> [String: CodeRow] {
        guard !hashes.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT id, election_id, round, roll_entry_id, code_hash, used FROM election_codes WHERE code_hash IN (\(binds: hashes))
            """).all(decoding: CodeRow.self)
        return Dictionary(rows.map { ($0.code_hash, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Why marks cannot be on this round's ballot: a post it does not have, or someone not printed for it.
    static func marksProblem(_ marks: [CommitteePost: [BallotMark]], on definition: ElectionRound) -> ZhanjuError? {
        for (post, people) in marks {
            guard let p = definition.posts.first(where: { $0.post == post }) else {
                return ZhanjuError.invalid("marks.\(post.rawValue)", "election.ballot", Text("本轮选票上没有\(post.zh)。", "This round's ballot has no \(post.en)."))
            }
            for case .candidate(let person) in people where !p.candidates.contains(person) {
                return ZhanjuError.invalid("marks.\(post.rawValue)", "election.ballot", Text("所选的人不是本轮\(post.zh)候选人。", "Someone marked is not on this round's ballot for \(post.en)."))
            }
        }
        return nil
    }

    /// Appends ballots to the election's log (inside a write holding its chain): the next
    /// sequences after the log's length, chained from its head, each with a receipt not yet used
    /// in the election; one insert for them all and one move of the head.
    static func append(_ ballots: [Ballot], to e: Election, round: Int, on tx: any Database) async throws -> [Receipt] {
        try WritePath.requireWrite()
        guard !ballots.isEmpty else { return [] }
        let sql = tx as! any SQLDatabase
        let receipts = try await freshReceipts(ballots.count, election: e.id!, on: sql)
        var (length, head) = (e.logLength, e.logHead)
        var rows: [StoredBallot] = []
        var out: [Receipt] = []
        rows.reserveCapacity(ballots.count)
        for (ballot, receipt) in zip(ballots, receipts) {
            let entry = BallotLogEntry(sequence: length + 1, election: e.id!.uuidString, round: round, receipt: receipt, ballot: ballot)
            let record = BallotLog.record(entry, after: head)
            let b = StoredBallot()
            (b.id, b.electionID, b.round, b.sequence, b.receipt) = (UUID(), e.id!, round, entry.sequence, receipt)
            (b.ballotJSON, b.previous, b.hash) = (try ElectionJSON.encode(ballot), record.previous, record.hash)
            rows.append(b)
            out.append(Receipt(electionId: e.id!, round: round, sequence: entry.sequence, receipt: receipt, hash: record.hash))
            (length, head) = (entry.sequence, record.hash)
        }
        try await StoredBallot.insertAll(rows, on: tx)
        let moved = try await sql.raw("""
            UPDATE elections SET log_length = \(bind: length), log_head = \(bind: head)
            WHERE id = \(bind: e.id!) AND log_length = \(bind: e.logLength) RETURNING id
            """).all()
        guard moved.count == 1 else {
            throw ZhanjuError(.conflict, code: "conflict", message: Text("选票日志刚被改变,请重试。", "The ballot log changed just now; try again."))
        }
        // The next ballot of this write continues from here.
        (e.logLength, e.logHead) = (length, head)
        return out
    }

    /// `count` receipts, distinct from each other and from those already in the election's log.
    private static func freshReceipts(_ count: Int, election: UUID, on sql: any SQLDatabase) async throws -> [String] {
        var receipts: [String] = []
        var seen: Set<String> = []
        while receipts.count < count {
            var candidates: [String] = []
            while candidates.count < count - receipts.count {
                let r = newCode(groups: 2)
                if seen.insert(r).inserted { candidates.append(r) }
            }
            let taken = Set(try await sql.raw("""
                SELECT receipt FROM election_ballots WHERE election_id = \(bind: election) AND receipt IN (\(binds: candidates))
                """).all().map { try $0.decode(column: "receipt", as: String.self) })
            receipts += candidates.filter { !taken.contains($0) }
        }
        return receipts
    }
}
