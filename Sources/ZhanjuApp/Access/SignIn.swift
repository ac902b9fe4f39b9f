import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// Checks a username and password with growing delays after failures (per account and per
/// address), and opens a session or issues an API token.
enum SignIn {
    static let sessionLifetime: TimeInterval = 12 * 3600

    static func verify(username: String?, password: String?, req: Request) async throws -> Account {
        let access = req.access
        let now = access.now()
        let address = req.remoteAddress?.ipAddress ?? "unknown"
        if let until = try await AddressThrottle.blockedUntil(address, now: now, on: req.db) { throw locked(until, now) }
        let name = (username ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let account = name.isEmpty ? nil : try await Account.query(on: req.db).filter(\.$username == name).first()
        if let until = account?.lockedUntil, until > now { throw locked(until, now) }
        let matches = try await access.hashing.verify(password ?? "", against: account?.passwordHash ?? access.decoyHash)
        guard let id = account?.id else {
            try await access.write(on: req.db) { tx in try await AddressThrottle.recordFailure(address, now: now, throttle: access.throttle, on: tx) }
            throw failed
        }
        // Decided on the row as it is inside the write, not as it was read above: of forty wrong
        // passwords and the right one sent at once, the failures before it have locked the
        // account by the time it is looked at, and each failure is counted.
        enum Outcome: Sendable { case signedIn(Account), failed, locked(Date) }
        let outcome: Outcome = try await access.write(on: req.db) { tx in
            guard let fresh = try await Account.find(id, on: tx) else { return .failed }
            if let until = fresh.lockedUntil, until > now { return .locked(until) }
            if matches, !fresh.disabled {
                if fresh.failedSignIns > 0 || fresh.lockedUntil != nil {
                    fresh.failedSignIns = 0
                    fresh.lockedUntil = nil
                    try await fresh.update(on: tx)
                }
                try await AddressThrottle.clear(address, on: tx)
                return .signedIn(fresh)
            }
            fresh.failedSignIns += 1
            let delay = access.throttle.delay(afterFailures: fresh.failedSignIns)
            fresh.lockedUntil = delay > 0 ? now.addingTimeInterval(Double(delay)) : nil
            try await fresh.update(on: tx)
            try await AddressThrottle.recordFailure(address, now: now, throttle: access.throttle, on: tx)
            return .failed
        }
        switch outcome {
        case .signedIn(let account): return account
        case .locked(let until): throw locked(until, now)
        case .failed: throw failed
        }
    }

    static let failed = ZhanjuError(.unauthorized, code: "sign_in.failed", field: "password", message: Strings.errorSignIn)

    static func locked(_ until: Date, _ now: Date) -> ZhanjuError {
        ZhanjuError(.tooManyRequests, code: "sign_in.locked", message: Strings.errorLocked(max(1, Int(until.timeIntervalSince(now).rounded(.up)))))
    }

    /// Opens a session; returns the cookie's value (the table keeps only its hash).
    static func openSession(for account: Account, req: Request) async throws -> String {
        let token = Secret.make(prefix: "")
        let session = SignInSession()
        session.tokenHash = Secret.hash(token)
        session.$account.id = try account.requireID()
        session.csrfToken = Secret.make(prefix: "")
        session.createdAt = req.access.now()
        session.expiresAt = session.createdAt.addingTimeInterval(sessionLifetime)
        try await req.access.write(on: req.db) { tx in try await session.create(on: tx) }
        return token
    }

    static func cookie(_ token: String, req: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, maxAge: Int(sessionLifetime), path: "/", isSecure: req.access.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    static func closeSession(req: Request) async throws {
        guard let token = req.cookies[AccessMiddleware.sessionCookie]?.string else { return }
        try await req.access.write(on: req.db) { tx in
            WritePath.changed(.access)
            try await SignInSession.query(on: tx).filter(\.$tokenHash == Secret.hash(token)).delete()
        }
        req.access.invalidate(territory: false)
    }
}
