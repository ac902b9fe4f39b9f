import Fluent
import Foundation
import SQLKit

/// One process at a time runs a periodic job: each node's timer asks for the job's lease, and only
/// the one that gets it runs; the lease is taken inside the write lock, so two nodes asking at
/// once cannot both get it, and it lapses by itself if its holder dies.
enum JobLease {
    static let table = "job_leases"

    /// Whether `holder` may run `job` now (and holds it for `duration`).
    static func take(_ job: String, holder: String, for duration: TimeInterval, now: Date, access: AccessState, on db: any Database) async throws -> Bool {
        try await access.write(on: db) { tx in
            let sql = tx as! any SQLDatabase
            let stamp = now.timeIntervalSince1970
            let current = try await sql.select().columns("holder", "until").from(table).where("name", .equal, job).first()
            if let current {
                let (held, until) = (try current.decode(column: "holder", as: String.self), try current.decode(column: "until", as: Double.self))
                guard held == holder || until <= stamp else { return false }
                try await sql.update(table).set("holder", to: SQLBind(holder)).set("until", to: SQLBind(stamp + duration)).where("name", .equal, job).run()
            } else {
                try await sql.insert(into: table).columns("name", "holder", "until").values(SQLBind(job), SQLBind(holder), SQLBind(stamp + duration)).run()
            }
            return true
        }
    }
}
