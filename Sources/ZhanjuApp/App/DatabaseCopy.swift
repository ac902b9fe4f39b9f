import Fluent
import Foundation
import SQLKit
import Vapor

/// `zhanju db copy`: moves a whole installation from its SQLite file to PostgreSQL (or back):
/// every table, row for row, sealed numbers and the audit chain as they are. The target is
/// migrated by this build first and must be empty; the copy goes table by table in batches, in
/// the order the foreign keys need, and ends by comparing every table's row count and
/// recomputing the audit chain on the target. It is not a service write: it copies history
/// (the chain included) rather than making it, so it writes no audit entry of its own.
enum DatabaseCopy {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static let batch = 500
    /// Kept by each side for itself: the migrations this build ran on the target, and the target's
    /// own cache generations.
    static let skipped: Set<String> = ["_fluent_migrations", "cache_generations"]

    enum Kind { case uuid, text, integer, boolean, double, timestamp, bytes }

    struct Table {
        var name: String
        var columns: [(name: String, kind: Kind)]
        var key: String
    }

    /// Copies `source` into `target`; `progress` hears one line per table.
    static func copy(from source: any Database, to target: any Database, progress: @Sendable (String) -> Void) async throws -> String {
        let (src, dst) = (source as! any SQLDatabase, target as! any SQLDatabase)
        // The PostgreSQL side's catalog says each column's type and each table's references.
        let catalog = src.dialect.name == "postgresql" ? src : dst
        guard catalog.dialect.name == "postgresql", src.dialect.name != dst.dialect.name else {
            throw Failure(description: "db copy moves an installation between SQLite and PostgreSQL (one side each).")
        }
        let tables = try await Self.tables(in: catalog)
        for table in tables {
            let rows = try await count(table.name, on: dst)
            if rows > 0 { throw Failure(description: "The target is not empty: \(table.name) holds \(rows) rows. db copy only fills an empty database.") }
        }
        var copied = 0
        for table in tables {
            let started = Date()
            let total = try await copyTable(table, from: src, to: dst)
            copied += total
            progress(String(format: "  %@: %d rows (%.1f s)", table.name, total, Date().timeIntervalSince(started)))
        }
        for table in tables {
            let (a, b) = (try await count(table.name, on: src), try await count(table.name, on: dst))
            guard a == b else { throw Failure(description: "\(table.name): \(a) rows in the source but \(b) in the target.") }
        }
        let chain = try await AuditTrail.verify(on: target)
        if let broken = chain.firstBreak { throw Failure(description: "The copied audit chain is broken: \(broken.description).") }
        return "Copied \(tables.count) tables, \(copied) rows; every table's count matches and the audit chain verifies (\(chain.checked) entries)."
    }

    static func count(_ table: String, on db: any SQLDatabase) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The tables in an order where every table comes after those it references.
    static func tables(in db: any SQLDatabase) async throws -> [Table] {
        let columnRows = try await db.raw("""
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """).all()
        var columns: [String: [(String, Kind)]] = [:]
        for row in columnRows {
            let table = try row.decode(column: "table_name", as: String.self)
            guard !skipped.contains(table) else { continue }
            let column = try row.decode(column: "column_name", as: String.self)
            let type = try row.decode(column: "data_type", as: String.self)
            guard let kind = kind(type) else { throw Failure(description: "\(table).\(column): db copy does not know the type \(type).") }
            columns[table, default: []].append((column, kind))
        }
        let keyRows = try await db.raw("""
            SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
            WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()
            """).all()
        var keys: [String: String] = [:]
        for row in keyRows { keys[try row.decode(column: "table_name", as: String.self)] = try row.decode(column: "column_name", as: String.self) }
        let referenceRows = try await db.raw("""
            SELECT tc.table_name AS child, ccu.table_name AS parent FROM information_schema.table_constraints tc
            JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
            WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
            """).all()
        var parents: [String: Set<String>] = [:]
        for row in referenceRows {
            let (child, parent) = (try row.decode(column: "child", as: String.self), try row.decode(column: "parent", as: String.self))
            if child != parent { parents[child, default: []].insert(parent) }
        }
        var ordered: [String] = []
        var placed = Set<String>()
        var remaining = columns.keys.sorted()
        while !remaining.isEmpty {
            let ready = remaining.filter { parents[$0, default: []].subtracting(placed).isEmpty }
            guard !ready.isEmpty else { throw Failure(description: "The tables' references form a cycle: \(remaining).") }
            ordered += ready
            placed.formUnion(ready)
            remaining.removeAll { placed.contains($0) }
        }
        return try ordered.map { name in
            guard let key = keys[name] else { throw Failure(description: "\(name) has no primary key to copy it by.") }
            return Table(name: name, columns: columns[name]!.map { (name: $0.0, kind: $0.1) }, key: key)
        }
    }

    static func kind(_ type: String) -> Kind? {
        switch type {
        case "uuid": return .uuid
        case "text", "character varying", "character": return .text
        case "bigint", "integer", "smallint": return .integer
        case "boolean": return .boolean
        case "double precision", "real", "numeric": return .double
        case "timestamp with time zone", "timestamp without time zone", "date": return .timestamp
        case "bytea": return .bytes
        default: return nil
        }
    }

    /// Rows in batches by primary key (keyset, so a million rows cost no more per batch than ten);
    /// each batch one insert in its own transaction.
    static func copyTable(_ table: Table, from src: any SQLDatabase, to dst: any SQLDatabase) async throws -> Int {
        guard let keyKind = table.columns.first(where: { $0.name == table.key })?.kind else { return 0 }
        var last: (any Encodable & Sendable)?
        var total = 0
        while true {
            let select = src.select().columns(table.columns.map { SQLIdentifier($0.name) }).from(table.name)
                .orderBy(table.key).limit(batch)
            if let last { select.where(SQLIdentifier(table.key), .greaterThan, SQLBind(last)) }
            let rows = try await select.all()
            guard !rows.isEmpty else { return total }
            var values: [[SQLBind]] = []
            values.reserveCapacity(rows.count)
            for row in rows { values.append(try table.columns.map { try bind(row, $0.name, $0.kind) }) }
            try await insert(values, into: table, on: dst)
            total += rows.count
            last = try value(rows.last!, table.key, keyKind)
            if rows.count < batch { return total }
        }
    }

    static func insert(_ rows: [[SQLBind]], into table: Table, on db: any SQLDatabase) async throws {
        let insert: @Sendable (any SQLDatabase) async throws -> Void = { db in
            let builder = db.insert(into: table.name).columns(table.columns.map(\.name))
            for row in rows { builder.values(row) }
            try await builder.run()
        }
        if db.dialect.name == "sqlite" {
            // A table that references itself (a body's parent body) may hold a child before its
            // parent in key order: its references are checked once the whole table is in.
            try await (db as! any Database).withConnection { connection in
                let session = connection as! any SQLDatabase
                try await session.raw("PRAGMA foreign_keys = OFF").run()
                do { try await insert(session) } catch { try? await session.raw("PRAGMA foreign_keys = ON").run(); throw error }
                try await session.raw("PRAGMA foreign_keys = ON").run()
            }
        } else {
            try await (db as! any Database).transaction { tx in
                try await (tx as! any SQLDatabase).raw("SET LOCAL session_replication_role = replica").run()
                try await insert(tx as! any SQLDatabase)
            }
        }
    }

    static func bind(_ row: any SQLRow, _ column: String, _ kind: Kind) throws -> SQLBind {
        SQLBind(try value(row, column, kind))
    }

    static func value(_ row: any SQLRow, _ column: String, _ kind: Kind) throws -> any Encodable & Sendable {
        switch kind {
        case .uuid: return try row.decode(column: column, as: UUID?.self)
        case .text: return try row.decode(column: column, as: String?.self)
        case .integer: return try row.decode(column: column, as: Int64?.self)
        case .boolean: return try row.decode(column: column, as: Bool?.self)
        case .double: return try row.decode(column: column, as: Double?.self)
        case .timestamp: return try row.decode(column: column, as: Date?.self)
        case .bytes: return try row.decode(column: column, as: Data?.self)
        }
    }
}
