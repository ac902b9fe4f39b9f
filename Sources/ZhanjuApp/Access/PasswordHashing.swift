import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// Bcrypt on threads of its own. On the application's thread pool it queued in front of the
/// SQLite driver's work (which runs there too): sixty wrong passwords sent at once stalled every
/// query for ten seconds and answered 500s to other users. Here a burst of sign-ins costs only
/// sign-ins, and a burst beyond `maxWaiting` is told to come back (429) rather than queued.
final class PasswordHashing: Sendable {
    let cost: Int
    private let pool: NIOThreadPool
    private let waiting = NIOLockedValueBox(0)
    static let maxWaiting = 32

    init(cost: Int, threads: Int = System.coreCount) {
        self.cost = cost
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await run { try Bcrypt.hash(password, cost: cost) }
    }

    /// False for a password bcrypt could not have been given: a NUL ends its input there, so
    /// "a\0anything" would match the hash of "a" (passwords with one are refused when set).
    func verify(_ password: String, against hash: String) async throws -> Bool {
        guard !password.utf8.contains(0) else { return false }
        return try await run { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = waiting.withLockedValue { n -> Bool in
            guard n < Self.maxWaiting else { return false }
            n += 1
            return true
        }
        guard admitted else {
            throw ZhanjuError(.tooManyRequests, code: "sign_in.busy",
                              message: Text("登录请求过多,请稍后再试。", "Too many sign-in attempts at once; try again in a moment."))
        }
        defer { waiting.withLockedValue { $0 -= 1 } }
        return try await pool.runIfActive(work)
    }

    func shutdown() { pool.shutdownGracefully { _ in } }
}

/// Stops the hashing threads with the application.
struct PasswordHashingLifecycle: LifecycleHandler {
    func shutdownAsync(_ app: Application) async { app.access.hashing.shutdown() }
}
