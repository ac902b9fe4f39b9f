internal import CSQLite3
import Foundation

/// Synchronous, read-only SQLite connections for point lookups on hot routes, each with one
/// statement prepared once. The caller reads rows through `SQLiteReadRow` while the connection
/// is held, so no C type leaves this module.
///
/// This is a second copy of SQLite in the process (the Fluent driver vendors its own). POSIX
/// locks belong to the process, so one copy closing a file releases the other's locks: these
/// connections are opened once and closed only at shutdown, after the server has stopped.
public final class SQLiteReadPool: @unchecked Sendable {
    private final class Connection {
        var db: OpaquePointer?
        var statement: OpaquePointer?
        let lock = NSLock()
    }

    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "SQLite read pool: \(message)" }
    }

    private let path: String
    private let sql: String
    private let connections: [Connection]
    private let pragmas: [String]
    private let counterLock = NSLock()
    private var counter = 0

    /// - Parameter pragmas: run on each connection when it opens, e.g. `PRAGMA cache_size=-32768`.
    public init(path: String, sql: String, connections count: Int, pragmas: [String] = []) {
        self.path = path
        self.sql = sql
        self.pragmas = pragmas
        connections = (0..<max(1, count)).map { _ in Connection() }
    }

    /// Runs the statement with one text parameter and hands each row to `body`.
    public func query(text parameter: String, _ body: (SQLiteReadRow) throws -> Void) throws {
        // Take the first free connection; wait only when all are busy, so one event loop never
        // stalls behind another's lookup.
        let c: Connection
        if let free = connections.first(where: { $0.lock.try() }) {
            c = free
        } else {
            counterLock.lock()
            counter = (counter + 1) % connections.count
            c = connections[counter]
            counterLock.unlock()
            c.lock.lock()
        }
        defer { c.lock.unlock() }
        if c.statement == nil { try open(c) }
        let stmt = c.statement
        defer {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
        }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        guard sqlite3_bind_text(stmt, 1, parameter, -1, transient) == SQLITE_OK else { throw Failure(message: lastError(c)) }
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw Failure(message: lastError(c)) }
            try body(SQLiteReadRow(statement: stmt))
        }
    }

    private func open(_ c: Connection) throws {
        if c.db == nil {
            var db: OpaquePointer?
            guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
                let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
                sqlite3_close(db)
                throw Failure(message: message)
            }
            sqlite3_busy_timeout(db, 5_000)
            c.db = db
            for pragma in pragmas where sqlite3_exec(db, pragma, nil, nil, nil) != SQLITE_OK {
                throw Failure(message: lastError(c))
            }
        }
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v3(c.db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil) == SQLITE_OK else {
            throw Failure(message: lastError(c))
        }
        c.statement = stmt
    }

    /// Closes every connection; call only once the server no longer serves requests.
    public func close() {
        for c in connections {
            c.lock.lock()
            sqlite3_finalize(c.statement)
            sqlite3_close(c.db)
            c.statement = nil
            c.db = nil
            c.lock.unlock()
        }
    }

    private func lastError(_ c: Connection) -> String { c.db.map { String(cString: sqlite3_errmsg($0)) } ?? "no connection" }
}

/// One result row, valid only inside the `query` callback that produced it.
public struct SQLiteReadRow {
    let statement: OpaquePointer?

    public func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL, let p = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: p)
    }

    public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
}
