import Fluent
import Foundation
import SQLKit
import Vapor
import ZhanjuRules

/// How an entry reached the system. Staff typing in what a resident said at the counter or wrote
/// on paper record it as such, with the resident it was for.
enum Channel: String, Codable, CaseIterable, Sendable {
    case online, counter, paper, system

    var label: Text {
        switch self {
        case .online: return Text("本人在线", "Online, by the person")
        case .counter: return Text("窗口代办", "At the counter, for the resident")
        case .paper: return Text("纸质表格录入", "From a paper form")
        case .system: return Text("系统", "System")
        }
    }
}

/// Who is writing, as the audit chain records it.
struct AuditActor: Sendable {
    var accountID: UUID?
    var label: String
    var channel: Channel
    var onBehalfOf: UUID?

    static func system(_ label: String) -> AuditActor { AuditActor(accountID: nil, label: label, channel: .system, onBehalfOf: nil) }
}

/// Everything a service needs to write on someone's behalf: who (for the audit chain), what they
/// may do (nil for the system itself: migrations, the demo loader), and the access machinery.
struct WriteContext: Sendable {
    var actor: AuditActor
    var principal: Principal?
    var access: AccessState

    static func system(_ label: String, _ app: Application) -> WriteContext {
        WriteContext(actor: .system(label), principal: nil, access: app.access)
    }
}

extension Request {
    /// The signed-in actor; the channel and the resident served come from the
    /// `Zhanju-Channel`/`Zhanju-On-Behalf-Of` headers (API) or the `_channel`/`_on_behalf_of` fields (forms).
    func writeContext() throws -> WriteContext {
        let principal = try requirePrincipal()
        let rawChannel = headers.first(name: "Zhanju-Channel") ?? (try? content.get(String.self, at: "_channel")) ?? "online"
        guard let channel = Channel(rawValue: rawChannel), channel != .system else {
            throw ZhanjuError.invalid("_channel", "choice", Text("录入方式无效。", "Unknown entry channel."))
        }
        var onBehalfOf: UUID?
        if let raw = headers.first(name: "Zhanju-On-Behalf-Of") ?? (try? content.get(String.self, at: "_on_behalf_of")), !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else { throw ZhanjuError.invalid("_on_behalf_of", "uuid", Text("代办对象应为居民编号。", "on_behalf_of must be a resident id.")) }
            onBehalfOf = id
        }
        if channel != .online && onBehalfOf == nil && channel == .counter {
            throw ZhanjuError.invalid("_on_behalf_of", "required", Text("窗口代办须注明为哪位居民办理。", "A counter entry must name the resident it was made for."))
        }
        return WriteContext(actor: AuditActor(accountID: principal.accountID, label: principal.auditLabel, channel: channel, onBehalfOf: onBehalfOf),
                            principal: principal, access: access)
    }
}

/// The audit chain: every write through the services appends one entry in the same transaction.
enum AuditTrail {
    /// What the hash covers, in a fixed order (sorted keys).
    struct Content: Codable {
        var sequence: Int
        var at: String
        var actorAccountId: UUID?
        var actor: String
        var channel: String
        var onBehalfOf: UUID?
        var action: String
        var targetType: String
        var targetId: UUID?
        var before: String?
        var after: String?

        init(_ r: AuditRecord) {
            self.init(sequence: r.sequence, at: r.at, actorAccountId: r.actorAccountID, actor: r.actor, channel: r.channel, onBehalfOf: r.onBehalfOf,
                      action: r.action, targetType: r.targetType, targetId: r.targetID, before: r.beforeDigest, after: r.afterDigest)
        }

        init(sequence: Int, at: String, actorAccountId: UUID?, actor: String, channel: String, onBehalfOf: UUID?, action: String,
             targetType: String, targetId: UUID?, before: String?, after: String?) {
            self.sequence = sequence; self.at = at; self.actorAccountId = actorAccountId; self.actor = actor; self.channel = channel
            self.onBehalfOf = onBehalfOf; self.action = action; self.targetType = targetType; self.targetId = targetId
            self.before = before; self.after = after
        }

        /// The text the hash covers, in the entry's canonical form (nil for a form this build
        /// does not know, which verification reports as a broken entry).
        func text(format: Int) -> String? {
            guard format == 1 else { return nil }
            return CanonicalForm.object([
                "sequence": .int(sequence), "at": .string(at), "actorAccountId": CanonicalForm.uuid(actorAccountId), "actor": .string(actor),
                "channel": .string(channel), "onBehalfOf": CanonicalForm.uuid(onBehalfOf), "action": .string(action),
                "targetType": .string(targetType), "targetId": CanonicalForm.uuid(targetId),
                "before": CanonicalForm.string(before), "after": CanonicalForm.string(after),
            ])
        }
    }

    /// A digest of a record's state as the API shows it (personal numbers only masked).
    static func digest<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return HashChain.digest(String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self))
    }

    /// Appends inside the caller's write (WritePath), whose lock every process respects, so the
    /// read of the last link and the insert of the next are never interleaved.
    static func append(_ action: String, _ targetType: String, _ targetID: UUID?, before: String?, after: String?,
                       by actor: AuditActor, at now: Date, on db: any Database) async throws {
        try WritePath.requireWrite()
        let last: (sequence: Int, hash: String)?
        if let known = WritePath.inside?.lastAuditLink { last = known }
        else { last = try await AuditRecord.query(on: db).sort(\.$sequence, .descending).first().map { ($0.sequence, $0.hash) } }
        let record = AuditRecord()
        record.sequence = (last?.sequence ?? 0) + 1
        record.at = CanonicalForm.timestamp(now)
        record.actorAccountID = actor.accountID
        record.actor = actor.label
        record.channel = actor.channel.rawValue
        record.onBehalfOf = actor.onBehalfOf
        record.action = action
        record.targetType = targetType
        record.targetID = targetID
        record.beforeDigest = before
        record.afterDigest = after
        record.previousHash = last?.hash ?? HashChain.genesis
        record.format = CanonicalForm.currentFormat
        record.hash = HashChain.link(previous: record.previousHash, content: Content(record).text(format: record.format) ?? "")
        let row = Row(record)
        if let inside = WritePath.inside {
            inside.pendingAudit.append(row)
            if inside.pendingAudit.count >= Row.perStatement { try await flush(inside, on: db) }
        } else {
            try await Row.insert([row], on: db)
        }
        WritePath.inside?.lastAuditLink = (record.sequence, record.hash)
    }

    /// Inserts the write's pending entries; WritePath calls it before every commit.
    static func flush(_ inside: WritePath.Inside, on db: any Database) async throws {
        guard !inside.pendingAudit.isEmpty else { return }
        let rows = inside.pendingAudit
        inside.pendingAudit = []
        try await Row.insert(rows, on: db)
    }

    /// An entry as it is inserted. Written with SQLKit rather than as a Fluent model: every write
    /// appends one entry, and the model's reflection of its fields cost more than the rest of
    /// the append together.
    struct Row: Sendable {
        /// 15 values a row: 400 rows stay well inside SQLite's and PostgreSQL's bind limits.
        static let perStatement = 400
        var values: [SQLBind]

        init(_ r: AuditRecord) {
            values = [SQLBind(UUID()), SQLBind(r.sequence), SQLBind(r.at), SQLBind(r.actorAccountID), SQLBind(r.actor),
                      SQLBind(r.channel), SQLBind(r.onBehalfOf), SQLBind(r.action), SQLBind(r.targetType), SQLBind(r.targetID),
                      SQLBind(r.beforeDigest), SQLBind(r.afterDigest), SQLBind(r.previousHash), SQLBind(r.hash), SQLBind(r.format)]
        }

        static func insert(_ rows: [Row], on db: any Database) async throws {
            for start in stride(from: 0, to: rows.count, by: perStatement) {
                let insert = (db as! any SQLDatabase).insert(into: AuditRecord.schema)
                    .columns("id", "sequence", "at", "actor_account_id", "actor", "channel", "on_behalf_of", "action", "target_type", "target_id",
                             "before_digest", "after_digest", "previous_hash", "hash", "format")
                for row in rows[start..<min(rows.count, start + perStatement)] { insert.values(row.values) }
                try await insert.run()
            }
        }
    }

    struct Verification: Sendable {
        var checked: Int
        var firstBreak: HashChain.Break?
    }

    /// Recomputes the chain from its first entry, in batches.
    static func verify(on db: any Database) async throws -> Verification {
        var last = (sequence: 0, hash: HashChain.genesis)
        var checked = 0
        while true {
            let batch = try await AuditRecord.query(on: db).filter(\.$sequence > last.sequence).sort(\.$sequence).limit(5000).all()
            if batch.isEmpty { return Verification(checked: checked, firstBreak: nil) }
            let entries = batch.map { HashChain.Entry(sequence: $0.sequence, content: Content($0).text(format: $0.format) ?? "", previous: $0.previousHash, hash: $0.hash) }
            let result = HashChain.verify(entries, from: last)
            if let broken = result.firstBreak { return Verification(checked: checked + entries.count, firstBreak: broken) }
            checked += entries.count
            last = result.last
        }
    }
}

/// One writer at a time within the process, so the audit chain's links stay in order and SQLite
/// never sees two write transactions race for its lock.
actor WriteLock {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    private func acquire() async {
        if !held { held = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty { held = false } else { waiters.removeFirst().resume() }
    }

    /// Set while a task holds the lock, so a service called from another service does not wait on itself.
    @TaskLocal static var holding = false

    nonisolated func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        if Self.holding { return try await body() }
        await acquire()
        do {
            let result = try await Self.$holding.withValue(true) { try await body() }
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }
}
