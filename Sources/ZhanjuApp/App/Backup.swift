import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// `zhanju backup` and `zhanju restore`. SQLite: `VACUUM INTO`, a consistent copy taken while
/// the server runs (readers and the writer go on), restored by putting the file in place of a
/// database that does not exist yet. PostgreSQL: `pg_dump` in its custom format, restored with
/// `pg_restore` into an empty database. Either way the restored installation is checked: its
/// audit chain recomputed, and the summary (rows per table, the chain's last link) printed to
/// compare with the one the backup printed. The backup's summary is of the copy itself, not of
/// the live database a moment later, which writes may have moved on meanwhile: SQLite's copy is
/// opened and read; PostgreSQL's is read in the snapshot `pg_dump` copies.
enum Backup {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func backup(_ app: Application, target: ZhanjuConfiguration.DatabaseTarget, to file: String) async throws -> String {
        guard !FileManager.default.fileExists(atPath: file) else { throw Failure(description: "\(file) exists already; name a new file.") }
        switch target {
        case .sqliteFile, .sqliteMemory:
            try await (app.db as! any SQLDatabase).raw("VACUUM INTO \(bind: file)").run()
            let copy = DatabaseID(string: "backup-\(UUID().uuidString)")
            app.databases.use(.sqlite(.file(file), maxConnectionsPerEventLoop: 1), as: copy)
            return "Backed up to \(file). " + (try await summary(on: app.db(copy)))
        case .postgres(let url), .postgresSchema(let url, _):
            // The summary and the dump read one snapshot: this transaction exports it, pg_dump
            // imports it, and the transaction stays open until pg_dump has finished with it.
            return try await app.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
                let snapshot = try await sql.raw("SELECT pg_export_snapshot() AS id").first()!.decode(column: "id", as: String.self)
                let dumped = Task.detached { try run("pg_dump", ["--format=custom", "--no-owner", "--snapshot=\(snapshot)", "--file=\(file)", url]) }
                let described = try await summary(on: tx)
                try await dumped.value
                return "Backed up to \(file). " + described
            }
        }
    }

    /// Puts a backup in place; the database must not exist (SQLite) or be empty (PostgreSQL).
    static func restore(from file: String, into target: ZhanjuConfiguration.DatabaseTarget) throws {
        guard FileManager.default.fileExists(atPath: file) else { throw Failure(description: "\(file) does not exist.") }
        switch target {
        case .sqliteFile(let path):
            guard !FileManager.default.fileExists(atPath: path) else {
                throw Failure(description: "\(path) exists: restore makes a new database file; move the old one away first.")
            }
            try FileManager.default.copyItem(atPath: file, toPath: path)
        case .sqliteMemory:
            throw Failure(description: "restore needs a database file.")
        case .postgres(let url), .postgresSchema(let url, _):
            try run("pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction", "--dbname=\(url)", file])
        }
    }

    /// What a backup and its restore must agree on: rows per table and the audit chain's end.
    static func summary(_ app: Application) async throws -> String {
        try await summary(on: app.db)
    }

    static func summary(on db: any Database) async throws -> String {
        let chain = try await AuditTrail.verify(on: db)
        if let broken = chain.firstBreak { throw Failure(description: "The audit chain is broken: \(broken.description).") }
        let sql = db as! any SQLDatabase
        let names: [String]
        if sql.dialect.name == "sqlite" {
            names = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
                .map { try $0.decode(column: "name", as: String.self) }
        } else {
            names = try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
        var counts: [String] = []
        for name in names { counts.append("\(name) \(try await DatabaseCopy.count(name, on: sql))") }
        let last = try await sql.select().column("hash").from("audit_records").orderBy("sequence", .descending).limit(1).first()?.decode(column: "hash", as: String.self)
        return "Audit chain intact: \(chain.checked) entries, last \(last ?? "none"). Rows: \(counts.joined(separator: ", "))."
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure(description: "\(tool) failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
