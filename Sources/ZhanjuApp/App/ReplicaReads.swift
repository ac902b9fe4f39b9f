import Fluent
import Foundation
import SQLKit
import Vapor

extension DatabaseID {
    /// A streaming replica of the primary (`DATABASE_REPLICA_URL`), for read-only pages.
    static let replica = DatabaseID(string: "replica")
}

struct ReplicaConfiguredKey: StorageKey { typealias Value = Bool }

/// Read-only pages (structure, committee, compound, grid, case lists, dashboards) render from the
/// replica when one is configured, but only when that cannot show something older than the
/// primary would:
/// - the replica has replayed every change this process knows of (its generation rows are at
///   least those Coherence has seen), so a page rendered after a write is never filled from a
///   replica that has not received it yet; and
/// - the person has not written in the last few seconds (a cookie set after every successful
///   write), so their own next pages show what they just did.
/// Everything else (the API, forms, writes, personal data) reads the primary.
enum ReplicaReads {
    /// The database of the page being rendered, when it is the replica.
    @TaskLocal static var pageDatabase: (any Database)?

    static let cookie = "zhanju-primary-until"
    /// How long after a write a person's pages come from the primary.
    static let afterWrite: TimeInterval = 10

    /// Whether a replica at these generations has every change seen so far.
    static func caughtUp(replica: [String: Int64], seen: [String: Int64]) -> Bool {
        seen.allSatisfy { name, generation in (replica[name] ?? -1) >= generation }
    }
}

extension Request {
    /// The database a page's model reads: the replica inside `readingPage` when it may, else the primary.
    var pageDB: any Database { ReplicaReads.pageDatabase ?? db }

    /// Renders a read-only page, from the replica when that is safe (ReplicaReads).
    func readingPage<T: Sendable>(_ render: @Sendable () async throws -> T) async throws -> T {
        guard application.storage[ReplicaConfiguredKey.self] == true, method == .GET || method == .HEAD else { return try await render() }
        if let raw = cookies[ReplicaReads.cookie]?.string, let until = Double(raw), until > application.access.now().timeIntervalSince1970 {
            return try await render()
        }
        let replica = db(.replica)
        do {
            var generations: [String: Int64] = [:]
            for row in try await (replica as! any SQLDatabase).select().columns("domain", "generation").from("cache_generations").all() {
                generations[try row.decode(column: "domain", as: String.self)] = try row.decode(column: "generation", as: Int64.self)
            }
            guard ReplicaReads.caughtUp(replica: generations, seen: access.coherence.seenGenerations()) else { return try await render() }
        } catch {
            logger.warning("replica not usable, reading the primary: \(String(describing: error))")
            return try await render()
        }
        return try await ReplicaReads.$pageDatabase.withValue(replica) { try await render() }
    }
}

/// After a successful write, the writer's pages come from the primary for a few seconds.
struct ReplicaStickinessMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.method != .GET, request.method != .HEAD, response.status.code < 400 {
            let until = request.application.access.now().timeIntervalSince1970 + ReplicaReads.afterWrite
            response.cookies[ReplicaReads.cookie] = HTTPCookies.Value(string: String(Int(until.rounded(.up))), maxAge: Int(ReplicaReads.afterWrite),
                                                                      path: "/", isSecure: request.access.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}
