import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import Vapor
import ZhanjuRules

/// Web ballots' batches on a SQLite file, written through a connection of the intake's own with
/// every statement prepared once (issue 12, "Speed"). Through the driver each statement of a batch
/// was parsed again, its values converted one by one, every row decoded through Codable and the
/// batch handed between tasks and the driver's thread at each step: together several times
/// SQLite's own work. This does what `castAll` does, with the same checks in the same order and
/// the same refusals, one lookup per ballot on the indexes instead of `IN` lists.
///
/// Every read is made inside `BEGIN IMMEDIATE`, under the database's write lock: another process
/// on the file (a second server, a CLI command) waits for the batch or the batch for it (busy
/// timeout), so a code read unspent is still unspent at the commit, and each log's head is the
/// one extended. PostgreSQL keeps the driver's path (`castBatch`).
final class SQLiteBallotWriter: @unchecked Sendable {
    typealias Receipt = ElectionService.Receipt

    private let path: String
    /// One thread: SQLite's calls block, so they stay off the event loops and the task pool, and
    /// the connection, its statements and the caches below are only ever touched from it.
    private let thread = NIOThreadPool(numberOfThreads: 1)
    /// Checkpoints run on a connection and thread of their own, beside the batches: in the
    /// writer they were a fifth of its time, and every ballot waits for the writer. Passive, so
    /// they never hold up a writer or a reader on the file.
    private let checkpoints = NIOThreadPool(numberOfThreads: 1)
    private let checkpointing = NIOLockedValueBox(false)
    private var checkpointer: SQLiteHandle?
    private var connection: Connection?
    /// Rounds' ballot definitions as last decoded, with the text they came from: read each batch
    /// (a round may be redefined between batches), decoded again only when the text changed.
    private var definitions: [String: (text: String, round: ElectionRound)] = [:]
    private lazy var encoder = ElectionJSON.encoder()
    /// Each distinct ballot's canonical marks and stored JSON: a round's ballots take a few dozen
    /// forms, and writing them out cost more than looking them up.
    private var texts: [Ballot: (marks: String, json: String)] = [:]
    /// Elections as this connection last read or wrote them (stage, round, log head), good while
    /// no other connection has committed since: SQLite's data version says so, read under the
    /// write lock at each batch's start. Two lookups per election per batch saved, and a city
    /// polls in a thousand elections at once.
    private var known: [String: ElectionState] = [:]
    private var version: Int?

    /// A ballot's receipt at each attempt (from 1) to insert it: its sequence and eight drawn
    /// characters, all twelve drawn after eight refusals. Given by tests to make receipts collide.
    typealias Receipts = @Sendable (_ sequence: Int, _ attempt: Int) -> String
    private let receipts: Receipts

    init(path: String, receipts: @escaping Receipts = { sequence, attempt in
        attempt <= 8 ? ElectionService.receipt(sequence: sequence) : ElectionService.newCode(groups: 3)
    }) {
        self.path = path
        self.receipts = receipts
        thread.start()
        checkpoints.start()
    }

    /// Writes the batch in one transaction: one result per request, in order. A ballot refused
    /// for its own sake fails alone; a failed write fails them all and wrote nothing.
    func write(_ requests: [ElectionService.CastRequest]) async -> [Result<Receipt, any Error>] {
        do {
            return try await thread.runIfActive { [self] in
                do {
                    return try self.transaction(requests).map { $0.mapError { $0 as any Error } }
                } catch let error as ZhanjuError {
                    return requests.map { _ in .failure(error) }
                } catch {
                    return requests.map { _ in .failure(ElectionService.retry) }
                }
            }
        } catch {
            return requests.map { _ in .failure(ElectionService.retry) }
        }
    }

    /// Closes the connection once no batch can come (the server is stopping).
    func close() async {
        try? await thread.shutdownGracefully()
        try? await checkpoints.shutdownGracefully()
        checkpointer?.close()
        connection?.close()
        connection = nil
    }

    private func transaction(_ requests: [ElectionService.CastRequest]) throws -> [Result<Receipt, ZhanjuError>] {
        if connection == nil { connection = try Connection(path: path) }
        let c = connection!
        try c.run(c.begin)
        do {
            let now = try c.dataVersion()
            if now != version || known.count > 100_000 { known.removeAll(keepingCapacity: true) }
            version = now
            let results = try cast(requests, on: c)
            try c.run(c.commit)
            checkpoint(c)
            return results
        } catch {
            try? c.run(c.rollback)
            (known, version) = ([:], nil)
            throw error
        }
    }

    /// Past 4,000 frames a checkpoint starts beside the writer: each batch writes the logs' last
    /// pages again (the ballots' table, the sequence and receipt indexes, the running forms),
    /// and a checkpoint copies a page once however often it was written since the last, so at
    /// SQLite's own mark (1,000) most of its work was those pages over and over. The WAL starts
    /// again from its beginning only when a write begins with every frame copied back, which a
    /// checkpoint running beside continuous batches rarely leaves: past 16,000 frames (64 MB)
    /// the writer checkpoints itself after its commit, so the WAL stays bounded.
    private func checkpoint(_ c: Connection) {
        if c.wal.frames >= 16_000 {
            _ = try? c.handle.value("PRAGMA wal_checkpoint(PASSIVE)")
            return
        }
        guard c.wal.frames >= 4_000, checkpointing.withLockedValue({ was in defer { was = true }; return !was }) else { return }
        checkpoints.submit { [self] state in
            defer { checkpointing.withLockedValue { $0 = false } }
            guard case .active = state else { return }
            if checkpointer == nil, let handle = try? SQLiteHandle(path: path, mode: .readWrite) {
                _ = try? handle.value("PRAGMA synchronous=NORMAL")
                checkpointer = handle
            }
            _ = try? checkpointer?.value("PRAGMA wal_checkpoint(PASSIVE)")
        }
    }

    private struct Code {
        var election: String
        var round: Int
        var entry: String
    }

    private struct FormKey: Hashable {
        var election: String
        var round: Int
        var ballot: String
    }

    private struct ElectionState {
        var id: UUID
        var text: String
        var polling: Bool
        var round: Int
        var length: Int
        var head: String
        var definition: ElectionRound?
    }

    private func cast(_ requests: [ElectionService.CastRequest], on c: Connection) throws -> [Result<Receipt, ZhanjuError>] {
        let refused = ZhanjuError.invalid("code", "election.code", ElectionStrings.codeRefused)
        var results = [Result<Receipt, ZhanjuError>?](repeating: nil, count: requests.count)
        // The same code twice in one batch (sent twice at once): the first casts, the rest are refused like any spent code.
        var firstOf: [String: Int] = [:]
        firstOf.reserveCapacity(requests.count)
        for (i, r) in requests.enumerated() {
            if firstOf[r.hash] == nil { firstOf[r.hash] = i } else { results[i] = .failure(refused) }
        }

        var codes: [(index: Int, code: Code)] = []
        codes.reserveCapacity(firstOf.count)
        var elections: [String: ElectionState] = [:]
        for (hash, i) in firstOf {
            let s = c.code
            defer { s.reset() }
            try c.bind(s, hash, 1)
            guard try c.row(s), let election = s.text(0), let entry = s.text(2) else {
                results[i] = .failure(refused)
                continue
            }
            codes.append((i, Code(election: election, round: s.int(1), entry: entry)))
            if elections[election] == nil { elections[election] = try known[election] ?? self.election(election, on: c) }
        }

        var accepted: [(index: Int, code: Code, rollRow: Int64)] = []
        accepted.reserveCapacity(codes.count)
        for (i, code) in codes {
            guard let e = elections[code.election], e.round == code.round, e.polling, let definition = e.definition else {
                results[i] = .failure(refused)
                continue
            }
            if let problem = ElectionService.marksProblem(requests[i].marks, on: definition) {
                results[i] = .failure(problem)
                continue
            }
            // The roll's mark is what spends a code: the voter has voted in this round (on the web,
            // or on paper at the booth or from a box), or has been struck off.
            let s = c.roll
            defer { s.reset() }
            try c.bind(s, code.entry, 1)
            guard try c.row(s), s.int(1) == 0, (s.isNull(2) ? 0 : s.int(2)) < code.round else {
                results[i] = .failure(refused)
                continue
            }
            accepted.append((i, code, Int64(s.int(0))))
        }
        guard !accepted.isEmpty else { return results.map { $0! } }

        // Every check has passed: from here on the writes go through. A code or a voter changed
        // since the reads cannot happen under the write lock; if it did, the whole transaction is
        // undone rather than leave a code spent without its ballot.
        for a in accepted {
            try c.bind(c.mark, Int64(a.code.round), 1)
            try c.bind(c.mark, a.rollRow, 2)
            try c.run(c.mark)
            guard c.handle.changes == 1 else { throw ElectionService.InconsistentBallotWrite() }
        }

        // Appended in an order that says nothing of who arrived when within the batch.
        var forms: [FormKey: Int] = [:]
        var ids = try RowIDs(after: c.lastRow())
        for (electionText, items) in Dictionary(grouping: accepted.shuffled(), by: \.code.election) {
            var e = elections[electionText]!
            let was = e.length
            for item in items {
                let ballot = Ballot(marks: requests[item.index].marks)
                let sequence = e.length + 1
                let (marks, json) = try texts(of: ballot)
                let s = c.insert
                try c.bind(s, ids.next(), 1)
                try c.bind(s, e.text, 2)
                try c.bind(s, Int64(e.round), 3)
                try c.bind(s, Int64(sequence), 4)
                try c.bind(s, json, 6)
                try c.bind(s, e.head, 7)
                // A receipt is drawn and the log's index on (election, receipt) refuses one the
                // election has used: a second draw then, rather than a lookup before every insert.
                var (receipt, hash) = ("", "")
                for attempt in 1... {
                    receipt = receipts(sequence, attempt)
                    let entry = BallotLogEntry(sequence: sequence, election: e.text, round: e.round, receipt: receipt, ballot: ballot)
                    hash = HashChain.link(previous: e.head, content: entry.canonical(marks: marks))
                    try c.bind(s, receipt, 5)
                    try c.bind(s, hash, 8)
                    if s.step() == .done {
                        s.reset()
                        break
                    }
                    let (taken, failure) = (c.handle.failedOnUniqueness, c.handle.failure())
                    s.reset()
                    guard taken, attempt < 16 else { throw failure }
                }
                forms[FormKey(election: e.text, round: e.round, ballot: json), default: 0] += 1
                results[item.index] = .success(Receipt(electionId: e.id, round: e.round, sequence: sequence, receipt: receipt, hash: hash))
                (e.length, e.head) = (sequence, hash)
            }
            // Fails the write if the log moved meanwhile (it cannot, under the write lock).
            try c.bind(c.head, Int64(e.length), 1)
            try c.bind(c.head, e.head, 2)
            try c.bind(c.head, e.text, 3)
            try c.bind(c.head, Int64(was), 4)
            try c.run(c.head)
            guard c.handle.changes == 1 else {
                throw ZhanjuError(.conflict, code: "conflict", message: Text("选票日志刚被改变,请重试。", "The ballot log changed just now; try again."))
            }
            elections[electionText] = e
            known[electionText] = e
        }
        // The count's running forms (migration 030): one upsert per distinct ballot of the batch.
        for (form, count) in forms {
            let s = c.form
            try c.bind(s, Hex.uuid(Self.randomID()), 1)
            try c.bind(s, form.election, 2)
            try c.bind(s, Int64(form.round), 3)
            try c.bind(s, form.ballot, 4)
            try c.bind(s, Int64(count), 5)
            try c.run(s)
        }
        return results.map { $0! }
    }

    /// The ballots' row ids of a batch: the place each row takes in the table (after its last
    /// row, as SQLite numbers rows), then 64 random bits. In rows' order, so the primary key's
    /// index grows at one end as the table does; an id made of the election and the sequence put
    /// each batch's ballots at as many places of that index as it had elections (a page written
    /// per election per batch). It says no more than the row's place, which the table keeps anyway.
    private struct RowIDs {
        var row: UInt64
        let salt: UInt64

        init(after last: Int) {
            var rng = SystemRandomNumberGenerator()
            (row, salt) = (UInt64(max(0, last)), rng.next())
        }

        mutating func next() -> String {
            row += 1
            return Hex.uuid(SQLiteBallotWriter.uuid(row, salt))
        }
    }

    /// The UUID whose 16 bytes are `high` then `low`, big-endian.
    private static func uuid(_ high: UInt64, _ low: UInt64) -> UUID {
        func byte(_ v: UInt64, _ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: v >> (56 - 8 * i)) }
        return UUID(uuid: (byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5), byte(high, 6), byte(high, 7),
                           byte(low, 0), byte(low, 1), byte(low, 2), byte(low, 3), byte(low, 4), byte(low, 5), byte(low, 6), byte(low, 7)))
    }

    /// A version-4 UUID from two draws of the system's generator: Foundation's `UUID()` opens
    /// and reads /dev/urandom each time.
    private static func randomID() -> UUID {
        var rng = SystemRandomNumberGenerator()
        let (a, b): (UInt64, UInt64) = (rng.next(), rng.next())
        return uuid((a & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000, (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000)
    }

    private func texts(of ballot: Ballot) throws -> (marks: String, json: String) {
        if let kept = texts[ballot] { return kept }
        if texts.count >= 10_000 { texts.removeAll(keepingCapacity: true) }
        let made = (BallotLogEntry.marksText(ballot), try ballot.storedJSON(fallback: encoder))
        texts[ballot] = made
        return made
    }

    /// The election as the batch finds it, with its current round's ballot.
    private func election(_ text: String, on c: Connection) throws -> ElectionState? {
        let s = c.election
        defer { s.reset() }
        try c.bind(s, text, 1)
        guard try c.row(s), let id = Hex.uuid(parsing: text), let stage = s.text(0), let head = s.text(3) else { return nil }
        var e = ElectionState(id: id, text: text, polling: stage == ElectionStage.polling.rawValue, round: s.int(1), length: s.int(2), head: head)
        let r = c.round
        defer { r.reset() }
        try c.bind(r, text, 1)
        try c.bind(r, Int64(e.round), 2)
        if try c.row(r), let definition = r.text(0) {
            let key = "\(text) \(e.round)"
            if let kept = definitions[key], kept.text == definition {
                e.definition = kept.round
            } else {
                let round = try JSONDecoder().decode(ElectionRound.self, from: Data(definition.utf8))
                definitions[key] = (definition, round)
                e.definition = round
            }
        }
        known[text] = e
        return e
    }

    /// The connection and its statements, prepared once for its life.
    private final class Connection {
        let handle: SQLiteHandle
        let wal = WALCounter()
        let begin, commit, rollback: SQLiteStatement
        let code, election, round, roll, mark, insert, form, head, version, last: SQLiteStatement

        init(path: String) throws {
            let handle = try SQLiteHandle(path: path, mode: .readWrite)
            self.handle = handle
            // As the driver's connections have them (SQLitePragmas): a commit reaches the OS before
            // the ballot is acknowledged, so it survives the process being killed.
            for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                           // Codes, roll entries and receipts are looked up at random places of a
                           // city's indexes: a miss is a read system call.
                           "PRAGMA cache_size=-262144"] {
                _ = try handle.value(pragma)
            }
            handle.walFrames(into: wal)
            func prepare(_ sql: String) throws -> SQLiteStatement { try handle.prepare(sql, persistent: true) }
            begin = try prepare("BEGIN IMMEDIATE")
            commit = try prepare("COMMIT")
            rollback = try prepare("ROLLBACK")
            code = try prepare("SELECT election_id, round, roll_entry_id FROM election_codes WHERE code_hash = ?")
            election = try prepare("SELECT stage, round, log_length, log_head FROM elections WHERE id = ?")
            round = try prepare("SELECT definition FROM election_rounds WHERE election_id = ? AND number = ?")
            roll = try prepare("SELECT rowid, removed, voted_round FROM election_roll WHERE id = ?")
            mark = try prepare("UPDATE election_roll SET voted_round = ?1 WHERE rowid = ?2 AND removed = 0 AND (voted_round IS NULL OR voted_round < ?1)")
            insert = try prepare("INSERT INTO election_ballots (id, election_id, round, sequence, receipt, ballot, previous, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            form = try prepare("""
                INSERT INTO election_ballot_forms (id, election_id, round, ballot, count) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (election_id, round, ballot) DO UPDATE SET count = election_ballot_forms.count + excluded.count
                """)
            head = try prepare("UPDATE elections SET log_length = ?, log_head = ? WHERE id = ? AND log_length = ?")
            version = try prepare("PRAGMA data_version")
            last = try prepare("SELECT max(rowid) FROM election_ballots")
        }

        func bind(_ s: SQLiteStatement, _ text: String, _ index: Int32) throws {
            guard s.bind(text, at: index) else { throw handle.failure() }
        }

        func bind(_ s: SQLiteStatement, _ value: Int64, _ index: Int32) throws {
            guard s.bind(value, at: index) else { throw handle.failure() }
        }

        /// Whether the statement gave a row (left to be read, and reset by the caller).
        func row(_ s: SQLiteStatement) throws -> Bool {
            switch s.step() {
            case .row: return true
            case .done: return false
            case .failed: throw handle.failure()
            }
        }

        /// Changes when another connection (of this process or another) commits, not for this one's.
        func dataVersion() throws -> Int {
            defer { version.reset() }
            guard try row(version) else { throw handle.failure() }
            return version.int(0)
        }

        /// The ballots table's last row number (0 when empty).
        func lastRow() throws -> Int {
            defer { last.reset() }
            guard try row(last) else { throw handle.failure() }
            return last.isNull(0) ? 0 : last.int(0)
        }

        /// Runs a statement that returns no rows.
        func run(_ s: SQLiteStatement) throws {
            defer { s.reset() }
            guard s.step() == .done else { throw handle.failure() }
        }

        func close() {
            for s in [begin, commit, rollback, code, election, round, roll, mark, insert, form, head, version, last] { s.finalize() }
            handle.close()
        }
    }
}

struct SQLiteBallotWriterKey: StorageKey { typealias Value = SQLiteBallotWriter }

struct SQLiteBallotWriterLifecycle: LifecycleHandler {
    func shutdownAsync(_ app: Application) async { await app.storage[SQLiteBallotWriterKey.self]?.close() }
}
