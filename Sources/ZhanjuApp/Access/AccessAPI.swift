import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// The access capability's JSON API: tokens, the caller's roles, accounts (administrators),
/// revealing numbers, a resident's own data and corrections, the access log and audit verification.
enum AccessAPI {
    struct Credentials: Content {
        var username: String?
        var password: String?
        var name: String?
        var expiresInDays: Int?
    }

    /// A token for the caller (POST /tokens): the credentials are the caller's bearer token.
    struct NewToken: Content {
        var name: String?
        var expiresInDays: Int?
    }
    struct Reset: Content { var newPassword: String? }

    struct Me: Content {
        struct RoleGrant: Content {
            var role: String
            var scope: String
            var scopeId: UUID?
        }
        var account: AccountService.AccountView
        var householdId: UUID?
        var roles: [RoleGrant]
        var permissions: [String]
        static let example = Me(account: .example, householdId: UUID(), roles: [RoleGrant(role: "committee_member", scope: "committee", scopeId: UUID())],
                                permissions: ["households.read"])
    }

    struct Verification: Content {
        var checked: Int
        var intact: Bool
        var firstBreak: String?
        static let example = Verification(checked: 12, intact: false, firstBreak: "entry 7: content does not match its hash")
    }

    static func register(on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        AccessDocument.schemas(&document)

        // Signing in for an API token: the way a script or a counter app gets its first credential.
        api.post("auth", "token") { req async throws -> Response in
            let input = try req.content.decode(Credentials.self)
            let account = try await SignIn.verify(username: input.username, password: input.password, req: req)
            // A temporary password (an administrator's reset) only opens the password page.
            if account.mustChangePassword { throw AccessMiddleware.passwordChangeRequired }
            let context = WriteContext(actor: AuditActor(accountID: account.id, label: account.username, channel: .online), principal: nil, access: req.access)
            let token = try await AccountService(db: req.db, context: context)
                .createToken(for: account.id!, .init(name: input.name ?? "api", expiresInDays: input.expiresInDays ?? 30))
            return try await token.encodeResponse(status: .created, for: req)
        }.access(.open)
        document.operation("POST", "/api/v1/auth/token", "Exchange a username and password for an API token", id: "signInForToken", tag: "Access",
                           body: "SignIn", status: "201", schema: "Token", errors: [401, 403, 429])

        api.get("me") { req async throws -> Me in
            let p = try req.requirePrincipal()
            guard let account = try await Account.find(p.accountID, on: req.db) else { throw ZhanjuError.notFound(Strings.account) }
            return Me(account: .init(account), householdId: p.householdID,
                      roles: p.grants.all.map { g in
                          let (kind, id): (String, UUID?) = {
                              switch g.scope {
                              case .everywhere: return ("everywhere", nil)
                              case .subDistrict(let i): return ("sub_district", i)
                              case .workstation(let i): return ("workstation", i)
                              case .committee(let i): return ("committee", i)
                              case .compound(let i): return ("compound", i)
                              case .grid(let i): return ("grid", i)
                              case .household(let i): return ("household", i)
                              }
                          }()
                          return .init(role: g.role.rawValue, scope: kind, scopeId: id)
                      },
                      permissions: Permission.allCases.filter(p.grants.holds).map(\.rawValue))
        }.access(.signedIn)
        document.operation("GET", "/api/v1/me", "The caller's account, roles with their scopes, and permissions", id: "readMe", tag: "Access", schema: "Me")

        api.get("tokens") { req async throws -> [AccountService.TokenView] in
            try await AccountService.tokens(of: try req.requirePrincipal().accountID, on: req.db)
        }.access(.signedIn)
        document.operation("GET", "/api/v1/tokens", "The caller's API tokens (never their secret)", id: "listTokens", tag: "Access", schema: "Token", array: true)
        api.post("tokens") { req async throws -> Response in
            let input = try req.content.decode(Credentials.self)
            let token = try await AccountService(req).createToken(for: try req.requirePrincipal().accountID, .init(name: input.name, expiresInDays: input.expiresInDays))
            return try await token.encodeResponse(status: .created, for: req)
        }.access(.signedIn)
        document.operation("POST", "/api/v1/tokens", "Create an API token (its secret is in this response only)", id: "createToken", tag: "Access",
                           body: "NewToken", status: "201", schema: "Token")
        api.delete("tokens", ":id") { req async throws -> HTTPStatus in
            try await AccountService(req).revokeToken(try req.uuidParameter("id"), of: try req.requirePrincipal().accountID)
            return .noContent
        }.access(.signedIn)
        document.operation("DELETE", "/api/v1/tokens/{id}", "Revoke one of the caller's tokens", id: "revokeToken", tag: "Access", status: "204")

        api.get("accounts") { req async throws -> [AccountService.AccountView] in
            // In username order, a page at a time (`page`, `per` up to 500).
            let paging = try QueryParameters(req).paging(maxPer: 500, defaultPer: 500)
            return try await Account.query(on: req.db).sort(\.$username).range(paging.range()).all().map(AccountService.AccountView.init)
        }.access(.permission(.accountsManage))
        document.operation("GET", "/api/v1/accounts", "List accounts", id: "listAccounts", tag: "Accounts", schema: "Account", array: true,
                           query: OpenAPIDocument.paging(perMax: 500))
        api.post("accounts") { req async throws -> Response in
            try await AccountService(req).create(try req.content.decode(AccountService.NewAccount.self)).encodeResponse(status: .created, for: req)
        }.access(.permission(.accountsManage))
        document.operation("POST", "/api/v1/accounts", "Create an account linked to a person in the registry", id: "createAccount", tag: "Accounts",
                           body: "NewAccount", status: "201", schema: "Account", errors: [404, 409])
        api.post("accounts", ":id", "reset-password") { req async throws -> AccountService.AccountView in
            let input = try req.content.decode(Reset.self)
            return try await AccountService(req).administer(try req.uuidParameter("id"), newPassword: input.newPassword ?? "")
        }.access(.permission(.accountsManage))
        document.operation("POST", "/api/v1/accounts/{id}/reset-password", "Set a temporary password, to be changed at the next sign-in", id: "resetPassword",
                           tag: "Accounts", body: "PasswordReset", schema: "Account", errors: [409])
        for (path, disabled) in [("disable", true), ("enable", false)] {
            api.post("accounts", ":id", .constant(path)) { req async throws -> AccountService.AccountView in
                try await AccountService(req).administer(try req.uuidParameter("id"), disabled: disabled)
            }.access(.permission(.accountsManage))
            document.operation("POST", "/api/v1/accounts/{id}/\(path)", "\(path.capitalized) an account", id: "\(path)Account", tag: "Accounts", schema: "Account",
                               errors: [409])
        }

        api.post("residents", ":id", "reveal") { req async throws -> PersonalData.Revealed in
            try await PersonalData.reveal(try req.uuidParameter("id"), try req.content.decode(PersonalData.RevealRequest.self), req: req)
        }.access(.permission(.revealPhone))
        document.operation("POST", "/api/v1/residents/{id}/reveal", "Read a full ID or phone number, with a reason; the read is logged", id: "revealNumber",
                           tag: "PersonalData", body: "RevealRequest", schema: "Revealed")

        api.get("my", "household") { req async throws -> PersonalData.Export in try await PersonalData.export(req) }.access(.permission(.ownData))
        document.operation("GET", "/api/v1/my/household", "Everything held about the caller's household, whole (the read is logged)", id: "exportMyHousehold",
                           tag: "PersonalData", schema: "HouseholdExport", errors: [404])
        api.get("my", "corrections") { req async throws -> [Corrections.View] in
            let (household, _) = try await PersonalData.ownHousehold(req)
            return try await CorrectionRequest.query(on: req.db).filter(\.$householdID == household.id).sort(\.$requestedAt, .descending).all().map(Corrections.View.init)
        }.access(.permission(.ownData))
        document.operation("GET", "/api/v1/my/corrections", "The caller's household's correction requests and their answers", id: "listMyCorrections",
                           tag: "PersonalData", schema: "Correction", array: true)
        api.post("my", "corrections") { req async throws -> Response in
            try await Corrections.file(try req.content.decode(Corrections.NewRequest.self), req: req).encodeResponse(status: .created, for: req)
        }.access(.permission(.ownData))
        document.operation("POST", "/api/v1/my/corrections", "Ask for a correction of the caller's household's data", id: "fileCorrection",
                           tag: "PersonalData", body: "NewCorrection", status: "201", schema: "Correction", errors: [404])
        api.get("corrections") { req async throws -> [Corrections.View] in
            try await Corrections.queue(req, status: try QueryParameters(req).choice("status", as: Corrections.Status.self))
        }.access(.permission(.correctionsAnswer))
        document.operation("GET", "/api/v1/corrections", "Correction requests within the caller's reach", id: "listCorrections", tag: "PersonalData",
                           schema: "Correction", array: true, query: [.query("status", .oneOf(Corrections.Status.self))])
        api.post("corrections", ":id", "answer") { req async throws -> Corrections.View in
            try await Corrections.answer(try req.uuidParameter("id"), try req.content.decode(Corrections.Answer.self), req: req)
        }.access(.permission(.correctionsAnswer))
        document.operation("POST", "/api/v1/corrections/{id}/answer", "Accept or reject a correction request, with an answer", id: "answerCorrection",
                           tag: "PersonalData", body: "CorrectionAnswer", schema: "Correction", errors: [409])

        api.get("audit", "access") { req async throws -> [AccessLog.Entry] in try await AccessLog.entries(req) }.access(.permission(.auditRead))
        document.operation("GET", "/api/v1/audit/access", "Reads of full personal numbers within the caller's reach", id: "listAccessRecords",
                           tag: "Audit", schema: "AccessRecord", array: true)
        api.get("audit", "verify") { req async throws -> Verification in
            guard try req.reach(.auditRead).everywhere else { throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden) }
            let result = try await AuditTrail.verify(on: req.db)
            return Verification(checked: result.checked, intact: result.firstBreak == nil, firstBreak: result.firstBreak?.description)
        }.access(.permission(.auditRead))
        document.operation("GET", "/api/v1/audit/verify", "Recompute the audit hash chain and report the first broken link", id: "verifyAudit",
                           tag: "Audit", schema: "AuditVerification")
    }
}
