import Fluent
import Foundation
import SQLKit

/// The one way services write. A write runs in one transaction that first takes a lock every
/// process on the database respects, so that what a service re-reads inside the transaction is
/// still true when it writes, and the audit chain's next link and the counters are taken by one
/// writer at a time across server processes, CLI commands and nodes:
/// - SQLite: `BEGIN IMMEDIATE` takes the database's write lock at the start (a plain `BEGIN`
///   would take it at the first write, after reads another process may since have changed);
///   other processes wait for it up to the busy timeout (30 s, configure.swift).
/// - PostgreSQL: `pg_advisory_xact_lock`, released with the transaction.
/// Within a process the WriteLock queues writers first, so they wait in order rather than poll.
/// A write inside a write (a service calling another) joins the outer transaction. A unique or
/// foreign key violation at commit is a conflict (409), never a 500.
enum WritePath {
    /// The transaction of the write the current task is inside, if any.
    static var current: (any Database)? { inside?.db }

    /// The write the current task is inside: its transaction and what it remembers while it lasts.
    @TaskLocal static var inside: Inside?

    final class Inside: @unchecked Sendable {
        let db: any Database
        /// The audit chain's last link as this write left it, so a long write (the demo, an
        /// import) does not read it back before every entry. Gone with the write, committed or not.
        var lastAuditLink: (sequence: Int, hash: String)?
        /// The territory as this write sees it (AccessState.map), and whether it has changed it.
        var map: TerritoryMap?
        var territoryChanged = false
        /// Run once the write has committed (emptying caches: a read between an earlier emptying
        /// and the commit would put the old figures back).
        var afterCommit: [@Sendable () -> Void] = []
        /// Rows this write has created, by table: they exist for the rest of the write, so a
        /// reference check (Check.existing) need not read them back.
        var created: [String: Set<UUID>] = [:]
        /// Audit entries linked but not yet inserted: a long write inserts them many to a
        /// statement, and always before it commits (AuditTrail.flush).
        var pendingAudit: [AuditTrail.Row] = []
        /// The kinds of cached data this write changed (Coherence).
        var changed: Set<CacheDomain> = []
        init(db: any Database) { self.db = db }

        func remember(created id: UUID?, in table: String) {
            guard let id else { return }
            created[table, default: []].insert(id)
        }
    }

    /// Says the current write changes a kind of data other processes keep copies of: its
    /// generation is bumped in the same transaction, and every process empties those copies.
    static func changed(_ domain: CacheDomain) {
        inside?.changed.insert(domain)
    }

    /// Runs `work` after the current write commits, or now when there is none.
    static func afterCommit(_ work: @escaping @Sendable () -> Void) {
        if let inside { inside.afterCommit.append(work) } else { work() }
    }

    /// The advisory lock's first key ("zhan"); the second is the schema's, so installations (and
    /// test runs) in separate schemas of one database do not wait on each other. One lock per
    /// installation, since every write appends to its one audit chain.
    static let lockKey: Int32 = 0x7A68_616E

    /// For what must only ever be written inside a write (audit links, counters): outside one,
    /// two processes could take the same next value.
    static let chainWriteAudited = ZhanjuError(.conflict, code: "internal.chain_write_audited", message: Text("内部错误:只锁定选票链的写入不能写审计记录。", "Internal error: a write holding only chain locks cannot extend the audit chain."))

    static func requireWrite() throws {
        guard current != nil else {
            throw ZhanjuError(.conflict, code: "internal.outside_write", message: Text("内部错误:写入未经统一写入路径。", "Internal error: a write outside the write path."))
        }
    }

    /// What a write locks. `.installation` is every write that may append to the audit chain or
    /// take a counter. `.chains` is a write confined to independent chains (one election's ballots)
    /// that takes each chain's lock itself (`lockChains`) once it knows which: on PostgreSQL it
    /// neither waits for nor holds up the installation's other writes. SQLite has one writer, so
    /// there both are the same.
    enum Scope: Sendable { case installation, chains }

    static func run<T: Sendable>(on db: any Database, lock: WriteLock, coherence: Coherence? = nil, scope: Scope = .installation,
                                 _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let tx = current { return try await body(tx) }
        let sqlite = (db as? any SQLDatabase)?.dialect.name == "sqlite"
        if scope == .chains && !sqlite { return try await written(on: db, coherence: coherence, installationLock: false, body) }
        return try await lock.run { try await written(on: db, coherence: coherence, installationLock: true, body) }
    }

    /// A write made on a connection of its own (the SQLite ballot writer: prepared statements
    /// inside its own `BEGIN IMMEDIATE`): it waits in this process's queue of writers like every
    /// other write, and, as a `.chains` write, extends no audit chain and changes no cached domain,
    /// so there is nothing to flush or bump after it.
    static func runOnOwnConnection<T: Sendable>(lock: WriteLock, _ body: @Sendable () async throws -> T) async throws -> T {
        try await lock.run(body)
    }

    /// Takes the locks of the chains a `.chains` write (or any write) is about to extend, in the
    /// order given, so two writes never wait on each other crosswise: on PostgreSQL one advisory
    /// lock per chain, separate from the installation's; SQLite's one writer holds them all. Says
    /// whether it waited for locks, in which case what was read before them must be read again.
    @discardableResult
    static func lockChains(_ keys: [String], on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase, sql.dialect.name != "sqlite", !keys.isEmpty else { return false }
        for key in keys {
            try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || \(bind: key), 0))").run()
        }
        return true
    }

    private static func written<T: Sendable>(on db: any Database, coherence: Coherence?, installationLock: Bool,
                                             _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        do {
            let collected = Inside(db: db)
            let result = try await transaction(db, installationLock: installationLock) { tx in
                let scoped = Inside(db: tx)
                defer { collected.afterCommit = scoped.afterCommit }
                return try await $inside.withValue(scoped) {
                    let result = try await body(tx)
                    // The audit chain has one next link: only a write holding the installation's lock may extend it.
                    if !installationLock && !(scoped.pendingAudit.isEmpty && scoped.lastAuditLink == nil) { throw WritePath.chainWriteAudited }
                    try await AuditTrail.flush(scoped, on: tx)
                    let bumped = try await Coherence.bump(scoped.changed, on: tx)
                    if let coherence, !bumped.isEmpty { scoped.afterCommit.append { coherence.acknowledge(bumped) } }
                    return result
                }
            }
            for work in collected.afterCommit { work() }
            return result
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw ZhanjuError(.conflict, code: "conflict", message: Text("与已有记录冲突(可能刚被他人写入),请刷新后重试。",
                                                                          "This conflicts with an existing record (perhaps written just now); reload and try again."))
        }
}

    private static func transaction<T: Sendable>(_ db: any Database, installationLock: Bool, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        // Already inside a transaction that did not come through here (a migration): join it.
        if db.inTransaction { return try await body(db) }
        guard let sql = db as? any SQLDatabase else { return try await db.transaction(body) }
        if sql.dialect.name == "sqlite" {
            return try await db.withConnection { conn in
                let c = conn as! any SQLDatabase
                try await c.raw("BEGIN IMMEDIATE").run()
                do {
                    let result = try await body(conn)
                    try await c.raw("COMMIT").run()
                    return result
                } catch {
                    try? await c.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
        return try await db.transaction { tx in
            guard installationLock else { return try await body(tx) }
            try await (tx as! any SQLDatabase).raw("SELECT pg_advisory_xact_lock(\(literal: Int(lockKey)), hashtext(current_schema()))").run()
            return try await body(tx)
        }
    }
}

extension AccessState {
    /// A write on a connection of its own, in the one write path's queue (WritePath.runOnOwnConnection).
    func writeOnOwnConnection<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await WritePath.runOnOwnConnection(lock: writeLock, body)
    }

    /// A write through the one write path (WritePath).
    func write<T: Sendable>(on db: any Database, scope: WritePath.Scope = .installation,
                            _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await WritePath.run(on: db, lock: writeLock, coherence: coherence, scope: scope, body)
    }
}
