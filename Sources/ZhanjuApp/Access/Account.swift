import Fluent
import Foundation

/// A person who signs in: staff or a resident, linked to their record in the registry. Their
/// rights come from that record (posts held, household lived in), plus the administrator flag.
final class Account: Model, @unchecked Sendable {
    static let schema = "accounts"
    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "password_hash") var passwordHash: String
    /// The registry's person (read through RegistryDirectory, never joined).
    @OptionalField(key: "resident_id") var residentID: UUID?
    @Field(key: "display_name") var displayName: String
    @Field(key: "administrator") var administrator: Bool
    @Field(key: "disabled") var disabled: Bool
    @Field(key: "failed_sign_ins") var failedSignIns: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A signed-in browser. The cookie holds a random token; the table holds only its hash, so a
/// copy of the database does not let anyone in.
final class SignInSession: Model, @unchecked Sendable {
    static let schema = "sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "account_id") var account: Account
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    init() {}
}

/// A bearer token for the JSON API, shown once at creation and stored hashed.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Parent(key: "account_id") var account: Account
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters, so a user can tell their tokens apart.
    @Field(key: "prefix") var prefix: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    init() {}
}

/// One read of a full personal number: who, whose, which field, why, when (RULES.md: logs kept
/// at least six months).
final class DataAccessRecord: Model, @unchecked Sendable {
    static let schema = "data_access_records"
    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @Parent(key: "account_id") var account: Account
    @Field(key: "resident_id") var residentID: UUID
    @OptionalField(key: "household_id") var householdID: UUID?
    @OptionalField(key: "compound_id") var compoundID: UUID?
    @Field(key: "field") var field: String
    @Field(key: "reason") var reason: String
    init() {}
}

/// A resident's request to correct what is held about their household; staff must answer it.
final class CorrectionRequest: Model, @unchecked Sendable {
    static let schema = "correction_requests"
    @ID(key: .id) var id: UUID?
    @Field(key: "household_id") var householdID: UUID
    @Field(key: "compound_id") var compoundID: UUID
    @OptionalField(key: "resident_id") var residentID: UUID?
    @Field(key: "field") var field: String
    @Field(key: "requested_value") var requestedValue: String
    @Field(key: "explanation") var explanation: String
    @Parent(key: "requested_by") var requestedBy: Account
    @Field(key: "requested_at") var requestedAt: Date
    @Field(key: "status") var status: String
    @OptionalField(key: "answer") var answer: String?
    @OptionalParent(key: "answered_by") var answeredBy: Account?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    init() {}
}

/// One link of the audit chain. `hash` covers every other column and the previous link.
final class AuditRecord: Model, @unchecked Sendable {
    static let schema = "audit_records"
    @ID(key: .id) var id: UUID?
    @Field(key: "sequence") var sequence: Int
    @Field(key: "at") var at: String
    @OptionalField(key: "actor_account_id") var actorAccountID: UUID?
    @Field(key: "actor") var actor: String
    @Field(key: "channel") var channel: String
    @OptionalField(key: "on_behalf_of") var onBehalfOf: UUID?
    @Field(key: "action") var action: String
    @Field(key: "target_type") var targetType: String
    @OptionalField(key: "target_id") var targetID: UUID?
    @OptionalField(key: "before_digest") var beforeDigest: String?
    @OptionalField(key: "after_digest") var afterDigest: String?
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String
    /// Which canonical form (CanonicalForm) the hash covers; 1 for every entry so far.
    @Field(key: "format") var format: Int
    init() {}
}
