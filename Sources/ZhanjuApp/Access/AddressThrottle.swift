import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// Failed sign-ins per network address, counted in the database so that every node behind a
/// load balancer sees the same count: the growing delays (SignInThrottle) hold however many
/// nodes a guesser spreads their tries over. Times are seconds since 1970.
enum AddressThrottle {
    static let table = "sign_in_address_failures"
    /// Failures older than this are forgotten when the next one is recorded.
    static let memory: TimeInterval = 24 * 3600

    /// Until when the address must wait, if it must.
    static func blockedUntil(_ address: String, now: Date, on db: any Database) async throws -> Date? {
        let row = try await (db as! any SQLDatabase).select().column("blocked_until").from(table).where("address", .equal, address).first()
        guard let until = try row?.decode(column: "blocked_until", as: Double?.self) else { return nil }
        let date = Date(timeIntervalSince1970: until)
        return date > now ? date : nil
    }

    /// Counts one more failure, inside the caller's write.
    static func recordFailure(_ address: String, now: Date, throttle: SignInThrottle, on db: any Database) async throws {
        try WritePath.requireWrite()
        let sql = db as! any SQLDatabase
        let stamp = now.timeIntervalSince1970
        try await sql.delete(from: table).where("last_failure_at", .lessThan, stamp - memory).run()
        let previous = try await sql.select().column("failures").from(table).where("address", .equal, address).first()
            .map { try $0.decode(column: "failures", as: Int.self) } ?? 0
        let failures = previous + 1
        let delay = throttle.delay(afterFailures: failures)
        let until: Double? = delay > 0 ? stamp + Double(delay) : nil
        if previous == 0 {
            try await sql.insert(into: table).columns("address", "failures", "blocked_until", "last_failure_at")
                .values(SQLBind(address), SQLBind(failures), SQLBind(until), SQLBind(stamp)).run()
        } else {
            try await sql.update(table).set("failures", to: SQLBind(failures)).set("blocked_until", to: SQLBind(until))
                .set("last_failure_at", to: SQLBind(stamp)).where("address", .equal, address).run()
        }
    }

    /// After a successful sign-in from the address, inside the caller's write.
    static func clear(_ address: String, on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: table).where("address", .equal, address).run()
    }
}
