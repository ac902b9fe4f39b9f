import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Vapor

/// The kinds of data a process keeps copies of, each with a generation row in the database.
enum CacheDomain: String, CaseIterable, Sendable {
    /// The structure, households, residents and posts: the territory map, household reads,
    /// structure counts, page bodies, and every principal's grants.
    case registry
    /// Accounts, tokens and sessions: principals.
    case access
    /// Cases and visits: dashboards, case lists, grid pages.
    case cases
    /// The working-day calendar: due dates, dashboards, case lists.
    case calendar
    /// The service catalogue: case lists.
    case catalogue
}

/// Keeps one process's caches true to the database that several processes write. A write that
/// changes a kind of data says so (`WritePath.changed`); the write path bumps that kind's
/// generation row in the same transaction. Each server process reads the rows every
/// `interval` (one small query) and empties the caches of any kind another process has
/// changed: a token revoked or an account disabled on one node stops working on every node
/// within that interval, and a household or post created on one is seen by all. The process's
/// own writes empty its caches at once, and are acknowledged here so they are not emptied twice.
final class Coherence: Sendable {
    /// How often a serving process looks: the bound on how long another process's write can
    /// go unseen (plus one query).
    static let interval: TimeAmount = .milliseconds(250)

    private let seen = NIOLockedValueBox([String: Int64]())

    /// Inside a write, after its work: bumps the generations of what it changed and returns them.
    static func bump(_ domains: Set<CacheDomain>, on db: any Database) async throws -> [(CacheDomain, Int64)] {
        guard !domains.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        let names = domains.map(\.rawValue).sorted()
        try await sql.update("cache_generations").set(SQLIdentifier("generation"), to: SQLRaw("generation + 1"))
            .where("domain", .in, names).run()
        return try await sql.select().columns("domain", "generation").from("cache_generations").where("domain", .in, names).all().compactMap { row in
            guard let domain = CacheDomain(rawValue: try row.decode(column: "domain", as: String.self)) else { return nil }
            return (domain, try row.decode(column: "generation", as: Int64.self))
        }
    }

    /// After this process's write committed: its own bump needs no emptying later, unless
    /// another process bumped in between (then the next look empties the caches).
    func acknowledge(_ bumped: [(CacheDomain, Int64)]) {
        seen.withLockedValue { seen in
            for (domain, generation) in bumped where seen[domain.rawValue] == generation - 1 { seen[domain.rawValue] = generation }
        }
    }

    /// Reads the generations and empties the caches of every kind changed since the last look.
    /// The first look only learns them (the caches start empty).
    @discardableResult
    func look(on db: any Database, access: AccessState) async throws -> Set<CacheDomain> {
        let rows = try await (db as! any SQLDatabase).select().columns("domain", "generation").from("cache_generations").all()
        var current: [String: Int64] = [:]
        for row in rows { current[try row.decode(column: "domain", as: String.self)] = try row.decode(column: "generation", as: Int64.self) }
        let changed: Set<CacheDomain> = seen.withLockedValue { seen in
            defer { for (name, generation) in current where generation > (seen[name] ?? 0) { seen[name] = generation } }
            guard !seen.isEmpty else { return [] }
            return Set(current.compactMap { name, generation in generation > (seen[name] ?? 0) ? CacheDomain(rawValue: name) : nil })
        }
        if !changed.isEmpty { access.forget(changed) }
        return changed
    }

    /// Looks every `interval` until the returned task is cancelled.
    func watch(_ app: Application) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                do { try await look(on: app.db, access: app.access) } catch {
                    app.logger.warning("cache coherence check failed: \(String(describing: error))")
                }
                try? await Task.sleep(nanoseconds: UInt64(Self.interval.nanoseconds))
            }
        }
    }
}

extension AccessState {
    /// Empties every cache that holds data of these kinds (another process changed them).
    func forget(_ domains: Set<CacheDomain>) {
        if domains.contains(.registry) { invalidate(territory: true) }
        if domains.contains(.access) { invalidate(territory: false) }
        if domains.contains(.calendar) { forgetCalendar() }
        if !domains.isDisjoint(with: [.cases, .calendar]) { dashboards.invalidate(); pageFragments.invalidate() }
        if !domains.isDisjoint(with: [.cases, .calendar, .catalogue]) { caseQueues.invalidate() }
    }
}
