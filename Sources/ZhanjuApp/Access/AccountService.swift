import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// The only writer of accounts, sessions and tokens.
struct AccountService: Sendable {
    let db: any Database
    let context: WriteContext

    init(db: any Database, context: WriteContext) {
        self.db = db
        self.context = context
    }

    init(_ req: Request) throws {
        self.init(db: req.db, context: try req.writeContext())
    }

    struct NewAccount: Content {
        var username: String?
        var password: String?
        var displayName: String?
        /// The person in the registry: a resident id, or an ID number.
        var resident: String?
        var administrator: Bool?
    }

    /// What an account looks like from outside: never the password hash.
    struct AccountView: Content {
        var id: UUID
        var username: String
        var displayName: String
        var residentId: UUID?
        var administrator: Bool
        var disabled: Bool
        var mustChangePassword: Bool

        init(_ a: Account) {
            (id, username, displayName, residentId) = (a.id!, a.username, a.displayName, a.residentID)
            (administrator, disabled, mustChangePassword) = (a.administrator, a.disabled, a.mustChangePassword)
        }
        static let example = AccountView(id: UUID(), username: "wr.chair", displayName: "李淑华", residentId: UUID(), administrator: false, disabled: false, mustChangePassword: false)
        init(id: UUID, username: String, displayName: String, residentId: UUID?, administrator: Bool, disabled: Bool, mustChangePassword: Bool) {
            (self.id, self.username, self.displayName, self.residentId) = (id, username, displayName, residentId)
            (self.administrator, self.disabled, self.mustChangePassword) = (administrator, disabled, mustChangePassword)
        }
    }

    /// Length, and none of the passwords people guess first (NIST SP 800-63B 5.1.1.2): the
    /// shipped list of common ones, one character repeated, a run of a keyboard row or the
    /// alphabet, and the username itself.
    static func checkPassword(_ password: String?, field: String = "password", username: String?, common: CommonPasswords) throws -> String {
        guard let password, !password.isEmpty else { throw ZhanjuError.required(field) }
        guard password.count >= 10 else { throw ZhanjuError.invalid(field, "password.too_short", Strings.errorWeakPassword) }
        // Bcrypt stops at a NUL, and control or direction-override characters cannot be typed
        // back reliably: refused, so what is checked above is what is stored.
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) else {
            throw ZhanjuError.invalid(field, "password.control_character",
                                      Text("密码不能包含控制字符或不可见字符。", "A password cannot contain control or invisible characters."))
        }
        guard password.utf8.count <= 72 else { throw ZhanjuError.invalid(field, "password.too_long", Strings.errorTooLong(field, 72)) }
        if let weakness = PasswordRules.weakness(of: password, username: username, isCommon: common.contains) {
            throw ZhanjuError.invalid(field, "password.\(weakness.rawValue)", Strings.errorGuessablePassword(weakness))
        }
        return password
    }

    func hash(_ password: String) async throws -> String {
        try await context.access.hashing.hash(password)
    }

    /// `prehashed`: the bcrypt hash of `input.password`, made beforehand (the demo hashes its
    /// accounts' passwords on both cores at once; a write transaction takes one account at a time).
    func create(_ input: NewAccount, prehashed: String? = nil) async throws -> AccountView {
        guard let raw = input.username?.trimmingCharacters(in: .whitespaces).lowercased(), !raw.isEmpty else { throw ZhanjuError.required("username") }
        guard (3...32).contains(raw.count), raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw ZhanjuError.invalid("username", "username", Text("用户名为 3–32 个英文字母、数字或 . _ -。", "A username is 3–32 letters, digits or . _ -."))
        }
        let password = try Self.checkPassword(input.password, username: raw, common: context.access.commonPasswords)
        // Not verified again: that would cost as much as hashing. Only code in this module passes one.
        let digest: String
        if let prehashed { digest = prehashed } else { digest = try await hash(password) }
        let result: AccountView = try await context.access.write(on: db) { tx in
            WritePath.changed(.access)
            if try await Account.query(on: tx).filter(\.$username == raw).first() != nil {
                throw ZhanjuError(.conflict, code: "duplicate", field: "username", message: Strings.errorDuplicate("username"))
            }
            let account = Account()
            account.username = raw
            account.passwordHash = digest
            account.administrator = input.administrator ?? false
            account.disabled = false
            account.failedSignIns = 0
            account.mustChangePassword = false
            account.createdAt = context.access.now()
            if let person = input.resident?.trimmingCharacters(in: .whitespaces), !person.isEmpty {
                let registry = RegistryDirectory(db: tx)
                let resident: RegistryDirectory.MemberRecord?
                if let id = UUID(uuidString: person) { resident = try await registry.member(id) }
                else { resident = try await registry.member(holdingIDNumber: person.uppercased(), numbers: context.access.personalNumbers) }
                guard let resident else { throw ZhanjuError.invalid("resident", "unknown_reference", Strings.errorUnknownRef("resident")) }
                account.residentID = resident.id
                account.displayName = try Check.text(input.displayName ?? resident.name, "display_name", max: 64)
            } else {
                account.displayName = try Check.text(input.displayName ?? raw, "display_name", max: 64)
            }
            try await account.create(on: tx)
            let view = AccountView(account)
            try await AuditTrail.append("create", "accounts", account.id, before: nil, after: AuditTrail.digest(view), by: context.actor, at: context.access.now(), on: tx)
            return view
        }
        context.access.invalidate(territory: false)
        return result
    }

    /// Administrator actions on an account: disable, enable, reset the password (the new one must
    /// be changed at the next sign-in). Ending access also ends the account's sessions.
    func administer(_ id: UUID, disabled: Bool? = nil, newPassword: String? = nil) async throws -> AccountView {
        // An administrator cannot lock themselves out: their own account is disabled or reset by
        // another administrator, and their own password changed on the account page.
        if id == context.principal?.accountID, disabled == true || newPassword != nil {
            throw ZhanjuError(.conflict, code: "account.self", message: Text("不能停用或重置自己的账户;自己的密码请在账户页面修改。",
                                                                             "You cannot disable or reset your own account; change your own password on the account page."))
        }
        let common = context.access.commonPasswords
        let username = try await Account.find(id, on: db)?.username
        let digest = try await newPassword.asyncFlatMap { try await hash(try Self.checkPassword($0, field: "new_password", username: username, common: common)) }
        let result: AccountView = try await context.access.write(on: db) { tx in
            WritePath.changed(.access)
            guard let account = try await Account.find(id, on: tx) else { throw ZhanjuError.notFound(Strings.account) }
            let before = AuditTrail.digest(AccountView(account))
            if let disabled { account.disabled = disabled }
            if let digest {
                account.passwordHash = digest
                account.mustChangePassword = true
                account.failedSignIns = 0
                account.lockedUntil = nil
            }
            try await account.update(on: tx)
            // A reset means the password may be known to someone else: whatever it opened
            // (sessions, tokens) closes with it, as it does when the account is disabled.
            if account.disabled || digest != nil { try await Self.endCredentials(of: id, keeping: nil, at: context.access.now(), on: tx) }
            let view = AccountView(account)
            let action = digest != nil ? "reset_password" : (disabled == true ? "disable" : "enable")
            try await AuditTrail.append(action, "accounts", id, before: before, after: AuditTrail.digest(view), by: context.actor, at: context.access.now(), on: tx)
            return view
        }
        context.access.invalidate(territory: false)
        return result
    }

    /// Changes one's own password. Every other session and token of the account ends: a password
    /// is changed because it may be known, and what was opened with it must not outlive it.
    /// `keeping` is the hash of the credential the change was made with.
    func changePassword(_ accountID: UUID, current: String?, new: String?, keeping credentialHash: String?) async throws {
        guard let account = try await Account.find(accountID, on: db) else { throw ZhanjuError.notFound(Strings.account) }
        let hash = account.passwordHash
        let currentPassword = current ?? ""
        guard try await context.access.hashing.verify(currentPassword, against: hash) else {
            throw ZhanjuError.invalid("current_password", "password.wrong", Strings.errorSignIn)
        }
        let checked = try Self.checkPassword(new, field: "new_password", username: account.username, common: context.access.commonPasswords)
        if checked == currentPassword {
            throw ZhanjuError.invalid("new_password", "password.unchanged", Text("新密码不能与当前密码相同。", "The new password must differ from the current one."))
        }
        let digest = try await self.hash(checked)
        try await context.access.write(on: db) { tx in
            WritePath.changed(.access)
            // The hash checked above must still be the account's: an administrator's reset or
            // another change in between is not silently overwritten.
            guard let account = try await Account.find(accountID, on: tx), account.passwordHash == hash else {
                throw ZhanjuError(.conflict, code: "password.changed_meanwhile", field: "current_password",
                                  message: Text("密码刚被更改过,请重新登录后再试。", "The password was changed meanwhile; sign in again and retry."))
            }
            account.passwordHash = digest
            account.mustChangePassword = false
            try await account.update(on: tx)
            try await Self.endCredentials(of: accountID, keeping: credentialHash, at: context.access.now(), on: tx)
            try await AuditTrail.append("change_password", "accounts", accountID, before: nil, after: nil, by: context.actor, at: context.access.now(), on: tx)
        }
        context.access.invalidate(territory: false)
    }

    /// Deletes the account's sessions and revokes its tokens, all but the one credential kept.
    static func endCredentials(of accountID: UUID, keeping kept: String?, at now: Date, on tx: any Database) async throws {
        let sessions = SignInSession.query(on: tx).filter(\.$account.$id == accountID)
        if let kept { sessions.filter(\.$tokenHash != kept) }
        try await sessions.delete()
        let tokens = APIToken.query(on: tx).filter(\.$account.$id == accountID).filter(\.$revokedAt == nil)
        if let kept { tokens.filter(\.$tokenHash != kept) }
        try await tokens.set(\.$revokedAt, to: now).update()
    }

    // MARK: tokens

    struct NewToken: Content {
        var name: String?
        var expiresInDays: Int?
    }

    struct TokenView: Content {
        var id: UUID
        var name: String
        var prefix: String
        var createdAt: Date
        var expiresAt: Date?
        var revokedAt: Date?
        /// Only in the response that creates it.
        var token: String?

        init(_ t: APIToken, token: String? = nil) {
            (id, name, prefix, createdAt, expiresAt, revokedAt, self.token) = (t.id!, t.name, t.prefix, t.createdAt, t.expiresAt, t.revokedAt, token)
        }
        init(id: UUID, name: String, prefix: String, createdAt: Date, expiresAt: Date?, revokedAt: Date?, token: String?) {
            (self.id, self.name, self.prefix, self.createdAt, self.expiresAt, self.revokedAt, self.token) = (id, name, prefix, createdAt, expiresAt, revokedAt, token)
        }
        static let example = TokenView(id: UUID(), name: "counter laptop", prefix: "zj_AbCd", createdAt: Date(), expiresAt: Date(), revokedAt: Date(), token: "zj_…")
    }

    func createToken(for accountID: UUID, _ input: NewToken) async throws -> TokenView {
        let name = try Check.text(input.name, "name", max: 64)
        if let days = input.expiresInDays, !(1...3650).contains(days) {
            throw ZhanjuError.invalid("expires_in_days", "range", Text("有效天数为 1–3650。", "expires_in_days must be 1–3650."))
        }
        let raw = Secret.make(prefix: "zj_")
        let view: TokenView = try await context.access.write(on: db) { tx in
            let token = APIToken()
            token.$account.id = accountID
            token.name = name
            token.tokenHash = Secret.hash(raw)
            token.prefix = String(raw.prefix(8))
            token.createdAt = context.access.now()
            token.expiresAt = input.expiresInDays.map { context.access.now().addingTimeInterval(Double($0) * 86_400) }
            try await token.create(on: tx)
            try await AuditTrail.append("create", "api_tokens", token.id, before: nil, after: nil, by: context.actor, at: context.access.now(), on: tx)
            return TokenView(token, token: raw)
        }
        return view
    }

    static func tokens(of accountID: UUID, on db: any Database) async throws -> [TokenView] {
        try await APIToken.query(on: db).filter(\.$account.$id == accountID).sort(\.$createdAt, .descending).all().map { TokenView($0) }
    }

    /// Revokes one of the account's own tokens (another account's token is simply not found).
    func revokeToken(_ id: UUID, of accountID: UUID) async throws {
        try await context.access.write(on: db) { tx in
            WritePath.changed(.access)
            guard let token = try await APIToken.find(id, on: tx), token.$account.id == accountID else { throw ZhanjuError.notFound(Text("令牌", "token")) }
            guard token.revokedAt == nil else { return }
            token.revokedAt = context.access.now()
            try await token.update(on: tx)
            try await AuditTrail.append("revoke", "api_tokens", id, before: nil, after: nil, by: context.actor, at: context.access.now(), on: tx)
        }
        context.access.invalidate(territory: false)
    }
}
