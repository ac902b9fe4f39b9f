import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// 002: accounts, sessions, tokens, the audit chain, the personal-data access log, correction
/// requests; and residents' ID and phone numbers encrypted in place, with lookup hashes and
/// masked forms beside them.
struct Migration002Access: AsyncMigration {
    var name: String { "002-access" }
    let cipher: PersonalDataCipher

    func prepare(on db: any Database) async throws {
        try await db.schema("accounts").id()
            .field("username", .string, .required).unique(on: "username")
            .field("password_hash", .string, .required)
            .field("resident_id", .uuid, .references("residents", "id"))
            .field("display_name", .string, .required)
            .field("administrator", .bool, .required)
            .field("disabled", .bool, .required)
            .field("failed_sign_ins", .int, .required)
            .field("locked_until", .datetime)
            .field("must_change_password", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("sessions").id()
            .field("token_hash", .string, .required).unique(on: "token_hash")
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await db.schema("api_tokens").id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required).unique(on: "token_hash")
            .field("prefix", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime)
            .field("revoked_at", .datetime)
            .create()
        try await db.schema("data_access_records").id()
            .field("at", .datetime, .required)
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("resident_id", .uuid, .required, .references("residents", "id"))
            .field("household_id", .uuid)
            .field("compound_id", .uuid)
            .field("field", .string, .required)
            .field("reason", .string, .required)
            .create()
        try await db.schema("correction_requests").id()
            .field("household_id", .uuid, .required, .references("households", "id"))
            .field("compound_id", .uuid, .required)
            .field("resident_id", .uuid, .references("residents", "id"))
            .field("field", .string, .required)
            .field("requested_value", .string, .required)
            .field("explanation", .string, .required)
            .field("requested_by", .uuid, .required, .references("accounts", "id"))
            .field("requested_at", .datetime, .required)
            .field("status", .string, .required)
            .field("answer", .string)
            .field("answered_by", .uuid, .references("accounts", "id"))
            .field("answered_at", .datetime)
            .create()
        try await db.schema("audit_records").id()
            .field("sequence", .int, .required).unique(on: "sequence")
            .field("at", .string, .required)
            .field("actor_account_id", .uuid)
            .field("actor", .string, .required)
            .field("channel", .string, .required)
            .field("on_behalf_of", .uuid)
            .field("action", .string, .required)
            .field("target_type", .string, .required)
            .field("target_id", .uuid)
            .field("before_digest", .string)
            .field("after_digest", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        // One column per statement: SQLite adds columns one at a time.
        // Sealed values get columns of their own: 001's `id_number` carries a UNIQUE constraint that
        // would only index random ciphertexts (uniqueness now lives on the lookup hash).
        for column in ["id_number_sealed", "phone_sealed", "id_number_hash", "phone_hash", "id_number_masked", "phone_masked"] {
            try await db.schema("residents").field(.definition(name: .key(.string(column)), dataType: .string, constraints: [])).update()
        }

        let sql = db as! any SQLDatabase
        try await sql.create(index: "idx_residents_id_number_hash").unique().on("residents").column("id_number_hash").run()
        for (table, column) in [("residents", "phone_hash"), ("api_tokens", "account_id"), ("sessions", "account_id"),
                                ("data_access_records", "resident_id"), ("data_access_records", "compound_id"),
                                ("correction_requests", "compound_id"), ("correction_requests", "status"), ("audit_records", "target_id")] {
            try await sql.create(index: "idx_\(table)_\(column)").on(table).column(column).run()
        }
        try await sealPlainColumns(on: db)
    }

    func revert(on db: any Database) async throws {
        for table in ["audit_records", "correction_requests", "data_access_records", "api_tokens", "sessions", "accounts"] {
            try await db.schema(table).delete()
        }
    }

    /// Moves numbers written before encryption existed (001's plain columns) into the sealed,
    /// hashed and masked columns, emptying the plain ones. Migration 002 runs it, in batches.
    /// Kept here, as it was when 002 shipped, rather than called from PersonalNumbers: a migration
    /// must not change when live code does. It uses only ZhanjuRules primitives (seal, lookup hash, masks).
    private func sealPlainColumns(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        while true {
            let rows = try await sql.raw("SELECT id, phone, id_number FROM residents WHERE phone IS NOT NULL OR id_number IS NOT NULL LIMIT 2000").all()
            if rows.isEmpty { return }
            try await db.transaction { tx in
                let tsql = tx as! any SQLDatabase
                for row in rows {
                    let id = try row.decode(column: "id", as: UUID.self)
                    let phone = try row.decode(column: "phone", as: String?.self), number = try row.decode(column: "id_number", as: String?.self)
                    try await tsql.raw("""
                        UPDATE residents SET phone = NULL, id_number = NULL,
                          phone_sealed = \(bind: phone.map(cipher.seal)), phone_hash = \(bind: phone.map(cipher.lookupHash)), phone_masked = \(bind: phone.map(Masking.phone)),
                          id_number_sealed = \(bind: number.map(cipher.seal)), id_number_hash = \(bind: number.map(cipher.lookupHash)),
                          id_number_masked = \(bind: number.map(Masking.idNumber))
                        WHERE id = \(bind: id)
                        """).run()
                }
            }
        }
    }
}
