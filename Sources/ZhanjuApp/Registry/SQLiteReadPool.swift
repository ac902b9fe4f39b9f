import Foundation
import NIOConcurrencyHelpers
internal import VaporCSQLite

/// Synchronous, read-only SQLite connections for point lookups on hot routes, each with one
/// statement prepared once.
///
/// These connections use the very SQLite library the Fluent driver links (sqlite-nio's vendored
/// copy), never a second one: two SQLite libraries in one process each take the WAL's shared
/// memory for their own and reset it, which crashed the server under load once (BENCHMARKS.md).
/// One library keeps one table of open files and locks for every connection, as SQLite requires.
final class SQLiteReadPool: Sendable {
    private final class Connection: @unchecked Sendable {
        // Guarded by `lock`: one caller at a time uses the handle and its statement.
        var db: OpaquePointer?
        var statement: OpaquePointer?
        let lock = NSLock()
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { "SQLite read pool: \(message)" }
    }

    private let path: String
    private let sql: String
    private let pragmas: [String]
    private let connections: [Connection]
    private let next = NIOLockedValueBox(0)

    /// - Parameter pragmas: run on each connection when it opens, e.g. `PRAGMA cache_size=-16384`.
    init(path: String, sql: String, connections count: Int, pragmas: [String] = []) {
        self.path = path
        self.sql = sql
        self.pragmas = pragmas
        connections = (0..<max(1, count)).map { _ in Connection() }
    }

    /// Runs the statement with one text parameter and hands each row to `body`.
    func query(text parameter: String, _ body: (SQLiteReadRow) throws -> Void) throws {
        // The first free connection; wait only when all are busy, so one event loop never stalls
        // behind another's lookup.
        let c: Connection
        if let free = connections.first(where: { $0.lock.try() }) {
            c = free
        } else {
            c = connections[next.withLockedValue { n in n = (n + 1) % connections.count; return n }]
            c.lock.lock()
        }
        defer { c.lock.unlock() }
        if c.statement == nil { try open(c) }
        let stmt = c.statement
        // Reset only: the next call binds anew, and sqlite3_clear_bindings marks this statement
        // expired, so every lookup would parse and plan it again (measured: every one did).
        defer { sqlite_nio_sqlite3_reset(stmt) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        guard sqlite_nio_sqlite3_bind_text(stmt, 1, parameter, -1, transient) == SQLITE_OK else { throw Failure(message: lastError(c)) }
        while true {
            let rc = sqlite_nio_sqlite3_step(stmt)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw Failure(message: lastError(c)) }
            try body(SQLiteReadRow(statement: stmt))
        }
    }

    private func open(_ c: Connection) throws {
        if c.db == nil {
            var db: OpaquePointer?
            guard sqlite_nio_sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
                let message = db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open \(path)"
                sqlite_nio_sqlite3_close(db)
                throw Failure(message: message)
            }
            sqlite_nio_sqlite3_busy_timeout(db, 5_000)
            c.db = db
            for pragma in pragmas where sqlite_nio_sqlite3_exec(db, pragma, nil, nil, nil) != SQLITE_OK {
                throw Failure(message: lastError(c))
            }
        }
        var stmt: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v3(c.db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil) == SQLITE_OK else {
            throw Failure(message: lastError(c))
        }
        c.statement = stmt
    }

    /// Closes every connection; call only once the server no longer serves requests.
    func close() {
        for c in connections {
            c.lock.lock()
            sqlite_nio_sqlite3_finalize(c.statement)
            sqlite_nio_sqlite3_close(c.db)
            c.statement = nil
            c.db = nil
            c.lock.unlock()
        }
    }

    private func lastError(_ c: Connection) -> String { c.db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "no connection" }
}

/// One result row, valid only inside the `query` callback that produced it.
struct SQLiteReadRow {
    fileprivate let statement: OpaquePointer?

    func text(_ column: Int32) -> String? {
        guard sqlite_nio_sqlite3_column_type(statement, column) != SQLITE_NULL, let p = sqlite_nio_sqlite3_column_text(statement, column) else { return nil }
        return String(cString: p)
    }

    func int(_ column: Int32) -> Int { Int(sqlite_nio_sqlite3_column_int64(statement, column)) }
}
