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
        if !elections.isEmpty {
            for r in try await RoundRecord.query(on: tx).filter(\.$electionID ~~ Array(elections.keys)).all() where elections[r.electionID]?.round == r.number {
                rounds[r.electionID] = r.definition
            }
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
            guard let c = codes[hash], let e = elections[c.election_id], e.round == c.round, e.stageValue == .polling,
                  let definition = rounds[c.election_id] else {
                results[i] = .failure(refused)
                continue
            }
            if let problem = marksProblem(requests[i].marks, on: definition) {
                results[i] = .failure(problem)
                continue
            }
            // The roll's mark is what spends a code: the voter has voted in this round (on the web,
            // or on paper at the booth or from a box), or has been struck off.
            guard let entry = roll[c.roll_entry_id], !entry.removed, (entry.voted_round ?? 0) < c.round else {
                results[i] = .failure(refused)
                continue
            }
            accepted.append(Accepted(index: i, code: c))
        }

        if !accepted.isEmpty {
            // Every check has passed: from here on the writes go through.
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
            guard marked == accepted.count else { throw InconsistentBallotWrite() }
            // Appended in an order that says nothing of who arrived when within the batch.
            let byElection = Dictionary(grouping: accepted.shuffled(), by: \.code.election_id).map { (elections[$0.key]!, $0.value) }
            let receipts = try await append(byElection.map { e, items in (e, items.map { Ballot(marks: requests[$0.index].marks) }) }, on: tx)
            for ((_, items), made) in zip(byElection, receipts) {
                for (item, receipt) in zip(items, made) { results[item.index] = .success(receipt) }
            }
        }
        return results.map { $0! }
    }

    private static func codeRows(_ hashes: [String], on sql: any SQLDatabase) async throws -> [String: CodeRow] {
        guard !hashes.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT id, election_id, round, roll_entry_id, code_hash FROM election_codes WHERE code_hash IN (\(binds: hashes))
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

    /// Appends ballots to the election's log (inside a write holding its chain).
    static func append(_ ballots: [Ballot], to e: Election, round: Int, on tx: any Database) async throws -> [Receipt] {
        precondition(e.round == round, "ballots are appended to the election's current round")
        return try await append([(e, ballots)], on: tx)[0]
    }

    /// Appends ballots to several elections' logs at once (inside a write holding their chains):
    /// for each, the next sequences after its log's length, chained from its head, each with a
    /// receipt not yet used in the election; one insert for them all and one statement moving
    /// every head, which fails the write if any log moved meanwhile.
    static func append(_ batches: [(election: Election, ballots: [Ballot])], on tx: any Database) async throws -> [[Receipt]] {
        try WritePath.requireWrite()
        let batches = batches.filter { !$0.ballots.isEmpty }
        guard !batches.isEmpty else { return [] }
        let sql = tx as! any SQLDatabase
        let receipts = try await freshReceipts(batches.map { ($0.election.id!, $0.ballots.count) }, on: sql)
        let encoder = ElectionJSON.encoder()
        var rows: [StoredBallot] = []
        var out: [[Receipt]] = []
        var heads: [(id: UUID, was: Int, length: Int, head: String)] = []
        for ((e, ballots), made) in zip(batches, receipts) {
            let id = e.id!
            let idText = id.uuidString
            var (length, head) = (e.logLength, e.logHead)
            var receiptsOut: [Receipt] = []
            for (ballot, receipt) in zip(ballots, made) {
                let entry = BallotLogEntry(sequence: length + 1, election: idText, round: e.round, receipt: receipt, ballot: ballot)
                let hash = HashChain.link(previous: head, content: entry.canonical)
                let b = StoredBallot()
                (b.id, b.electionID, b.round, b.sequence, b.receipt) = (ballotID(election: id, sequence: entry.sequence), id, e.round, entry.sequence, receipt)
                (b.ballotJSON, b.previous, b.hash) = (try ballot.storedJSON(fallback: encoder), head, hash)
                rows.append(b)
                receiptsOut.append(Receipt(electionId: id, round: e.round, sequence: entry.sequence, receipt: receipt, hash: hash))
                (length, head) = (entry.sequence, hash)
            }
            heads.append((id, e.logLength, length, head))
            out.append(receiptsOut)
        }
        try await StoredBallot.insertAll(rows, on: tx)
        // The count's running forms (migration 030): one upsert for the batch's distinct ballots.
        var forms: [String: (election: UUID, round: Int, ballot: String, count: Int)] = [:]
        for r in rows { forms["\(r.electionID) \(r.round) \(r.ballotJSON)", default: (r.electionID, r.round, r.ballotJSON, 0)].count += 1 }
        let upsert = sql.insert(into: "election_ballot_forms").columns("id", "election_id", "round", "ballot", "count")
        for f in forms.values { upsert.values(SQLBind(UUID()), SQLBind(f.election), SQLBind(f.round), SQLBind(f.ballot), SQLBind(f.count)) }
        try await upsert.onConflict(with: ["election_id", "round", "ballot"]) {
            $0.set(SQLIdentifier("count"), to: SQLRaw("election_ballot_forms.count + excluded.count"))
        }.run()
        let moved = try await sql.raw("""
            UPDATE elections SET
              log_length = CASE id \(SQLList(heads.map { SQLQueryString("WHEN \(bind: $0.id) THEN \(bind: $0.length)") }, separator: SQLRaw(" "))) END,
              log_head = CASE id \(SQLList(heads.map { SQLQueryString("WHEN \(bind: $0.id) THEN \(bind: $0.head)") }, separator: SQLRaw(" "))) END
            WHERE \(SQLList(heads.map { SQLQueryString("(id = \(bind: $0.id) AND log_length = \(bind: $0.was))") }, separator: SQLRaw(" OR ")))
            RETURNING id
            """).all()
        guard moved.count == heads.count else {
            throw ZhanjuError(.conflict, code: "conflict", message: Text("选票日志刚被改变,请重试。", "The ballot log changed just now; try again."))
        }
        // The next ballots of this write continue from here.
        for ((e, _), h) in zip(batches, heads) { (e.logLength, e.logHead) = (h.length, h.head) }
        return out
    }

    /// A ballot's row id: the election's first eight bytes and the ballot's sequence, so that
    /// a batch's rows go at the end of the primary key's index rather than at random places in
    /// it (the sequence is public in the log already; the id tells nothing more).
    static func ballotID(election: UUID, sequence: Int) -> UUID {
        let e = election.uuid
        let s = UInt64(sequence)
        return UUID(uuid: (e.0, e.1, e.2, e.3, e.4, e.5, e.6, e.7,
                           UInt8(truncatingIfNeeded: s >> 56), UInt8(truncatingIfNeeded: s >> 48), UInt8(truncatingIfNeeded: s >> 40), UInt8(truncatingIfNeeded: s >> 32),
                           UInt8(truncatingIfNeeded: s >> 24), UInt8(truncatingIfNeeded: s >> 16), UInt8(truncatingIfNeeded: s >> 8), UInt8(truncatingIfNeeded: s)))
    }

    /// For each election, `count` receipts distinct from each other and from those already in
    /// its log: drawn, then checked against the logs in one query.
    private static func freshReceipts(_ wanted: [(election: UUID, count: Int)], on sql: any SQLDatabase) async throws -> [[String]] {
        var out = wanted.map { _ in [String]() }
        var seen: [UUID: Set<String>] = [:]
        while true {
            var candidates: [(slot: Int, election: UUID, receipt: String)] = []
            for (slot, w) in wanted.enumerated() {
                var drawn = 0
                while drawn < w.count - out[slot].count {
                    let r = newCode(groups: 2)
                    if seen[w.election, default: []].insert(r).inserted {
                        candidates.append((slot, w.election, r))
                        drawn += 1
                    }
                }
            }
            guard !candidates.isEmpty else { return out }
            let taken = try await sql.raw("""
                SELECT election_id, receipt FROM election_ballots
                WHERE \(SQLList(Dictionary(grouping: candidates, by: \.election).map { election, group in
                    SQLQueryString("(election_id = \(bind: election) AND receipt IN (\(binds: group.map(\.receipt))))") }, separator: SQLRaw(" OR ")))
                """).all()
            let used = Set(try taken.map { "\(try $0.decode(column: "election_id", as: UUID.self)) \(try $0.decode(column: "receipt", as: String.self))" })
            for c in candidates where !used.contains("\(c.election) \(c.receipt)") { out[c.slot].append(c.receipt) }
        }
    }
}
