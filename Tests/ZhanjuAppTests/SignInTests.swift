import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("Accounts: sign-in, delays after failures, sessions with CSRF, tokens, administration")
struct SignInTests {
    func attempt(_ app: Application, _ user: String, _ password: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json", "Accept-Language": "en"],
                                            body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["username": user, "password": password])))
    }

    @Test("five failed attempts are free, an unknown username failing like a wrong password; the sixth waits, even with the right password")
    func delays() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await app.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": "right password"])
            let unknown = try await attempt(app, "nobody", "whatever")
            let wrong = try await attempt(app, "clerk", "wrong password")
            for r in [unknown, wrong] {
                #expect(r.status == .unauthorized)
                #expect(r.object["code"] as? String == "sign_in.failed")
                #expect(r.object["field"] as? String == "password")
            }
            #expect(unknown.object["detail"] as? String == wrong.object["detail"] as? String, "nothing tells which usernames exist")
            for _ in 0..<3 { #expect(try await attempt(app, "clerk", "wrong password").status == .unauthorized) }
            let locked = try await attempt(app, "clerk", "right password")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.object["code"] as? String == "sign_in.locked")
            #expect((locked.object["detail"] as? String)?.contains("seconds") == true)
        }
    }

    @Test("a page form without the session's CSRF token is refused; with it, it goes through")
    func csrf() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let fields = [("committee_id", t.committee), ("code", "NEWC"), ("name_zh", "新小区"), ("name_en", "New")]
            let without = try await app.form("/compounds/new", fields, csrf: false)
            #expect(without.status == .forbidden)
            let with = try await app.form("/compounds/new", fields)
            #expect(with.status == .seeOther)
        }
    }

    @Test("a revoked token and a disabled account stop working at once; a reset password must be changed")
    func tokensAndAdministration() async throws {
        try await withApp { (app: Application) async throws in
            let created = try await app.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": "right password"])
            #expect(created.status == .created)
            #expect(created.object["password_hash"] == nil)
            let clerk = try await app.signIn("clerk", "right password")
            #expect(try await app.json(.GET, "/api/v1/me", as: clerk).status == .ok)
            let tokens = try await app.json(.GET, "/api/v1/tokens", as: clerk)
            #expect(!tokens.text.contains(clerk.token!), "the secret is never listed")
            let tokenID = try #require((try JSONSerialization.jsonObject(with: Data(buffer: tokens.body)) as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await app.json(.DELETE, "/api/v1/tokens/\(tokenID)", as: clerk).status == .noContent)
            #expect(try await app.json(.GET, "/api/v1/me", as: clerk).status == .unauthorized)
            // Another account's token cannot be revoked by guessing its id.
            let adminTokens = try await app.json(.GET, "/api/v1/tokens")
            let adminTokenID = try #require((try JSONSerialization.jsonObject(with: Data(buffer: adminTokens.body)) as? [[String: Any]])?.first?["id"] as? String)
            let clerk2 = try await app.signIn("clerk", "right password")
            #expect(try await app.json(.DELETE, "/api/v1/tokens/\(adminTokenID)", as: clerk2).status == .notFound)

            let id = created.object["id"] as! String
            #expect(try await app.json(.POST, "/api/v1/accounts/\(id)/disable").object["disabled"] as? Bool == true)
            #expect(try await app.json(.GET, "/api/v1/me", as: clerk2).status == .unauthorized)
            #expect(try await app.page("/account", as: clerk2).status == .seeOther)
            _ = try await app.json(.POST, "/api/v1/accounts/\(id)/enable")
            let reset = try await app.json(.POST, "/api/v1/accounts/\(id)/reset-password", ["new_password": "temporary password"])
            #expect(reset.object["must_change_password"] as? Bool == true)
            let again = try await app.signInSession("clerk", "temporary password")
            let home = try await app.page("/people", as: again)
            #expect(home.status == .seeOther)
            #expect(home.headers.first(name: .location) == "/account/password")
            let changed = try await app.form("/account/password", [("current_password", "temporary password"), ("new_password", "my own new password")], as: again)
            #expect(changed.status == .seeOther)
            #expect(try await app.signIn("clerk", "my own new password").token != nil)
        }
    }

    @Test("a password reset ends every session and token; the temporary password opens only the password page, in the API too")
    func resetEndsCredentials() async throws {
        try await withApp { (app: Application) async throws in
            let id = try await app.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": "right password"]).object["id"] as! String
            let before = try await app.signIn("clerk", "right password")
            #expect(try await app.json(.GET, "/api/v1/me", as: before).status == .ok)
            #expect(try await app.json(.POST, "/api/v1/accounts/\(id)/reset-password", ["new_password": "temporary password"]).status == .ok)
            #expect(try await app.json(.GET, "/api/v1/me", as: before).status == .unauthorized, "the token made before the reset is revoked")
            #expect(try await app.page("/account", as: before).status == .seeOther, "the session made before the reset is gone")

            let minted = try await attempt(app, "clerk", "temporary password")
            #expect(minted.status == .forbidden)
            #expect(minted.object["code"] as? String == "password.change_required")
            let temporary = try await app.signInSession("clerk", "temporary password")
            let api = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Cookie": "\(AccessMiddleware.sessionCookie)=\(temporary.cookie!)"])
            #expect(api.status == .forbidden, "a session on a temporary password cannot use the API either")
            #expect(try await app.page("/account/password", as: temporary).status == .ok)
        }
    }

    @Test("changing one's password ends every other session and token, and keeps the one it was changed with")
    func changeEndsOtherCredentials() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await app.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": "right password"])
            let here = try await app.signInSession("clerk", "right password")
            let elsewhere = try await app.signIn("clerk", "right password")
            let changed = try await app.form("/account/password", [("current_password", "right password"), ("new_password", "a better passphrase")], as: here)
            #expect(changed.status == .seeOther)
            #expect(try await app.page("/account", as: here).status == .ok, "the session that changed it stays")
            #expect(try await app.page("/account", as: elsewhere).status == .seeOther, "another session ends")
            #expect(try await app.json(.GET, "/api/v1/me", as: elsewhere).status == .unauthorized, "tokens end")
        }
    }

    @Test("passwords people guess first are refused: common ones, repeats, runs, the username")
    func guessablePasswords() async throws {
        try await withApp { (app: Application) async throws in
            for (password, code) in [("zzzzzzzzzzzz", "password.repeated"), ("password123", "password.common"), ("Password2024!", "password.common"),
                                     ("1234567890", "password.common"), ("qwertyuiop", "password.common"), ("abcdefghijk", "password.sequence"),
                                     ("woaini1314520", "password.common"), ("clerk.clerk.clerk", "password.repeated"), ("Clerk-2024", "password.username"), ("short", "password.too_short")] {
                let r = try await app.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": password])
                #expect(r.status == .unprocessableEntity, "\(password)")
                #expect(r.object["code"] as? String == code, "\(password): \(r.text)")
                #expect(r.object["field"] as? String == "password")
            }
            let named = try await app.json(.POST, "/api/v1/accounts", ["username": "zhangweiming", "password": "Zhang-Wei-Ming"])
            #expect(named.object["code"] as? String == "password.username")
            #expect(try await app.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": "steamed buns at seven"]).status == .created)
        }
    }

    @Test("development refuses to start when it cannot save the key it made (numbers sealed under it would be lost)")
    func unwritableKeyFile() async throws {
        let app = try await Application.make(.testing)
        // A path below a file, which no one (not even root) can create.
        let config = ZhanjuConfiguration(database: .sqliteFile("/etc/hostname/zhanju-\(UUID().uuidString).sqlite"))
        await #expect(throws: Secrets.KeyFileNotWritten.self) { try await configure(app, config) }
        try await app.asyncShutdown()
    }

    @Test("serve refuses production without a secret key")
    func productionNeedsKey() async throws {
        let app = try await Application.make(.testing)
        await #expect(throws: Secrets.Missing.self) {
            try await configure(app, ZhanjuConfiguration(database: .sqliteMemory, production: true))
        }
        try await app.asyncShutdown()
    }

    @Test("a sign-in posted from another site (no CSRF cookie, or a token that does not match it) is refused")
    func loginCSRF() async throws {
        try await withApp { (app: Application) async throws in
            let crossSite = try await app.testing().sendRequest(.POST, "/sign-in", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                                body: ByteBuffer(string: "username=tester&password=tester-password"))
            #expect(crossSite.status == .forbidden)
            #expect(crossSite.headers.setCookie?[AccessMiddleware.sessionCookie] == nil, "no session was opened")
            let forged = try await app.testing().sendRequest(.POST, "/sign-in", headers: ["Content-Type": "application/x-www-form-urlencoded",
                                                                                         "Cookie": "\(SignInForm.cookie)=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
                                                             body: ByteBuffer(string: "_csrf=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB&username=tester&password=tester-password"))
            #expect(forged.status == .forbidden)
            #expect(try await app.signInForm("tester", "tester-password").status == .seeOther, "the form itself still signs in")
        }
    }

    @Test("sign-in page, signing out, and no open redirect")
    func pages() async throws {
        try await withApp { (app: Application) async throws in
            let page = try await app.page("/sign-in", lang: "en", as: .anonymous)
            #expect(page.status == .ok && page.text.contains("Password"))
            for next in ["//evil.example/", "/\t/evil.example", "/\n/evil.example", "\\evil.example", "/\\evil.example", "https://evil.example"] {
                let evil = try await app.signInForm("tester", "tester-password", next: next)
                #expect(evil.headers.first(name: .location) == "/", "next=\(next.debugDescription) stays on this site")
            }
            let home = try await app.signInForm("tester", "tester-password", next: "/people?q=王 芳")
            #expect(home.headers.first(name: .location) == "/people?q=王%20芳")
            let wrong = try await app.signInForm("tester", "nope", lang: "zh-Hans")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("用户名或密码不正确"))
            let out = try await app.form("/sign-out", [])
            #expect(out.status == .seeOther)
            #expect(try await app.page("/people").status == .seeOther, "the session is gone")
        }
    }
}
