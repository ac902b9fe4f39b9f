import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// What the CLI's access commands do, kept here so tests can call them.
public enum AccessCommands {
    /// `zhanju admin create`: the first sub-district administrator of a new installation.
    public static func createAdministrator(in app: Application, username: String, password: String, displayName: String?) async throws -> String {
        let service = AccountService(db: app.db, context: .system("zhanju admin create", app))
        do {
            let view = try await service.create(.init(username: username, password: password, displayName: displayName, resident: nil, administrator: true))
            return "Created administrator \(view.username) (\(view.id))."
        } catch let error as ZhanjuError {
            throw CommandFailure(message: "\(error.field.map { "\($0): " } ?? "")\(error.message.en)")
        }
    }

    /// `zhanju audit verify`: recomputes the chain; a break is a failure of the command.
    public static func verifyAudit(in app: Application) async throws -> String {
        let result = try await AuditTrail.verify(on: app.db)
        if let broken = result.firstBreak {
            throw CommandFailure(message: "Audit chain BROKEN after checking \(result.checked) entries: \(broken.description).")
        }
        return "Audit chain intact: \(result.checked) entries."
    }

    /// `zhanju keys rotate`: re-seals every personal number under the current key.
    public static func rotateKeys(in app: Application) async throws -> String {
        let changed = try await app.access.personalNumbers.rotate(on: app.db, lock: app.access.writeLock)
        app.access.invalidate()
        return "Re-sealed \(changed) residents' numbers under key \(app.access.cipher.current.id). Earlier keys can now be removed from ZHANJU_PREVIOUS_SECRET_KEYS."
    }

    public struct CommandFailure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
