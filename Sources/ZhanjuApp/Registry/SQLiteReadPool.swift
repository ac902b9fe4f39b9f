import Foundation
import NIOConcurrencyHelpers

/// Synchronous, read-only SQLite connections for point lookups on hot routes, each with one
/// statement prepared once, on the driver's own SQLite library (SQLiteLibrary.swift).
final class SQLiteReadPool: Sendable {
    private final class Connection: @unchecked Sendable {
        // Guarded by `lock`: one caller at a time uses the handle and its statement.
        var handle: SQLiteHandle?
        var statement: SQLiteStatement?
        let lock = NSLock()
    }

    typealias Failure = SQLiteHandle.Failure

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
        guard let stmt = c.statement, let handle = c.handle else { throw Failure(message: "no statement") }
        defer { stmt.reset() }
        guard stmt.bind(parameter, at: 1) else { throw handle.failure() }
        while true {
            switch stmt.step() {
            case .done: return
            case .row: try body(SQLiteReadRow(statement: stmt))
            case .failed: throw handle.failure()
            }
        }
    }

    private func open(_ c: Connection) throws {
        if c.handle == nil {
            let handle = try SQLiteHandle(path: path, mode: .readOnly)
            c.handle = handle
            for pragma in pragmas { try handle.execute(pragma) }
        }
        c.statement = try c.handle!.prepare(sql, persistent: true)
    }

    /// Closes every connection; call only once the server no longer serves requests.
    func close() {
        for c in connections {
            c.lock.lock()
            c.statement?.finalize()
            c.handle?.close()
            c.statement = nil
            c.handle = nil
            c.lock.unlock()
        }
    }
}

/// One result row, valid only inside the `query` callback that produced it.
struct SQLiteReadRow {
    fileprivate let statement: SQLiteStatement

    func text(_ column: Int32) -> String? { statement.text(column) }

    func int(_ column: Int32) -> Int { statement.int(column) }
}
