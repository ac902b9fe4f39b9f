import Foundation
internal import VaporCSQLite

// The one file that calls SQLite's C interface directly, for the places that bypass the async
// driver: the household read's prepared lookups (SQLiteReadPool), the city loader's prepared
// inserts (SQLiteBulkWriter) and the web ballots' group commit (SQLiteBallotWriter).
//
// It is the SQLite library the Fluent driver links (sqlite-nio's vendored copy, `sqlite_nio_`
// prefixed), never a second one: two SQLite libraries in one process each take the WAL's shared
// memory for their own and reset it, which crashed the server under load once (BENCHMARKS.md).
// Package.swift cannot name that module: VaporCSQLite is a target of sqlite-nio, not a product,
// so it is reached through FluentSQLiteDriver -> SQLiteKit -> SQLiteNIO, whose versions
// Package.swift pins; a test opens a connection through here beside the driver's.

/// One connection, used by one caller at a time (its owner locks around it).
final class SQLiteHandle: @unchecked Sendable {
    private var db: OpaquePointer?

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { "SQLite: \(message)" }
    }

    enum Mode { case readOnly, readWrite }

    init(path: String, mode: Mode) throws {
        let flags = mode == .readOnly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX : SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX
        guard sqlite_nio_sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK else {
            let message = db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            sqlite_nio_sqlite3_close(db)
            db = nil
            throw Failure(message: message)
        }
        sqlite_nio_sqlite3_busy_timeout(db, 30_000)
    }

    func execute(_ sql: String) throws {
        guard sqlite_nio_sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure() }
    }

    /// A statement kept for the connection's life (`persistent`), or run a few times and finalized.
    func prepare(_ sql: String, persistent: Bool) throws -> SQLiteStatement {
        var stmt: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        guard sqlite_nio_sqlite3_prepare_v3(db, sql, -1, flags, &stmt, nil) == SQLITE_OK, let stmt else { throw failure() }
        return SQLiteStatement(raw: stmt)
    }

    /// The first column of the first row, as text (a count, or a PRAGMA's answer).
    func value(_ sql: String) throws -> String? {
        let stmt = try prepare(sql, persistent: false)
        defer { stmt.finalize() }
        switch stmt.step() {
        case .row: return stmt.text(0)
        case .done: return nil
        case .failed: throw failure()
        }
    }

    /// After each commit on this connection the WAL's length in frames goes to `counter`. SQLite
    /// then no longer checkpoints by itself on this connection (the hook replaces its automatic
    /// checkpoint): the owner checkpoints, on another connection if it likes.
    func walFrames(into counter: WALCounter) {
        sqlite_nio_sqlite3_wal_hook(db, { context, _, _, frames in
            Unmanaged<WALCounter>.fromOpaque(context!).takeUnretainedValue().frames = Int(frames)
            return SQLITE_OK
        }, Unmanaged.passUnretained(counter).toOpaque())
    }

    /// Rows the last INSERT, UPDATE or DELETE changed.
    var changes: Int { Int(sqlite_nio_sqlite3_changes(db)) }

    /// Whether the last statement failed on a UNIQUE constraint (the statement alone is undone;
    /// the transaction goes on).
    /// (SQLITE_CONSTRAINT_UNIQUE is a C macro Swift does not import: SQLITE_CONSTRAINT | 8 << 8.)
    var failedOnUniqueness: Bool { sqlite_nio_sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT | 8 << 8 }

    func failure(_ prefix: String = "") -> Failure {
        Failure(message: prefix + (db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "no connection"))
    }

    func close() {
        sqlite_nio_sqlite3_close(db)
        db = nil
    }
}

/// A connection's WAL length after its last commit (`SQLiteHandle.walFrames`), kept by its owner
/// beside the handle and touched only on the handle's thread.
final class WALCounter: @unchecked Sendable {
    var frames = 0
}

/// A prepared statement of an SQLiteHandle.
struct SQLiteStatement {
    fileprivate let raw: OpaquePointer

    enum Step { case row, done, failed }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ text: String, at index: Int32) -> Bool { sqlite_nio_sqlite3_bind_text(raw, index, text, -1, Self.transient) == SQLITE_OK }
    func bind(_ value: Int64, at index: Int32) -> Bool { sqlite_nio_sqlite3_bind_int64(raw, index, value) == SQLITE_OK }
    func bindNull(at index: Int32) -> Bool { sqlite_nio_sqlite3_bind_null(raw, index) == SQLITE_OK }

    func step() -> Step {
        switch sqlite_nio_sqlite3_step(raw) {
        case SQLITE_ROW: return .row
        case SQLITE_DONE: return .done
        default: return .failed
        }
    }

    /// Ready to run again, keeping the plan. Never sqlite3_clear_bindings: it marks the statement
    /// expired, so every run would parse and plan it again (measured: every one did).
    func reset() { sqlite_nio_sqlite3_reset(raw) }

    func finalize() { sqlite_nio_sqlite3_finalize(raw) }

    func text(_ column: Int32) -> String? {
        guard sqlite_nio_sqlite3_column_type(raw, column) != SQLITE_NULL, let p = sqlite_nio_sqlite3_column_text(raw, column) else { return nil }
        return String(cString: p)
    }

    func int(_ column: Int32) -> Int { Int(sqlite_nio_sqlite3_column_int64(raw, column)) }

    func isNull(_ column: Int32) -> Bool { sqlite_nio_sqlite3_column_type(raw, column) == SQLITE_NULL }
}
