import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp

@Suite("Administering accounts on the pages: ask first, post then redirect, a temporary password shown once")
struct AccountAdministrationPagesTests {
    @Test("disabling asks first, then redirects to a list that says what was done; refreshing repeats nothing")
    func disable() async throws {
        try await withApp { (app: Application) async throws in
            let id = try await app.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": "right password"]).object["id"] as! String
            let list = try await app.page("/accounts", lang: "en")
            #expect(list.text.contains("href=\"/accounts/\(id)/confirm?action=disable\""), "a link to a question, not a button that acts")
            #expect(list.text.contains("Your account"), "one's own row offers no way to lock oneself out")
            let own = try await Account.query(on: app.db).filter(\.$username == "tester").first()!.id!
            #expect(!list.text.contains("/accounts/\(own)/confirm"))
            let ask = try await app.page("/accounts/\(id)/confirm?action=disable", lang: "en")
            #expect(ask.text.contains("Disable the account of clerk"))
            let done = try await app.form("/accounts/\(id)/disable", [])
            #expect(done.status == .seeOther)
            let location = try #require(done.headers.first(name: .location))
            #expect(location == "/accounts?done=disabled&account=\(id)")
            #expect(try await app.page(location, lang: "en").text.contains("clerk disabled"))
            #expect(try await app.page("/accounts?done=disabled&account=\(UUID())", lang: "en").text.contains("disabled;") == false)
        }
    }

    @Test("a reset's temporary password is shown once, on a page that refreshing does not reset again")
    func reset() async throws {
        try await withApp { (app: Application) async throws in
            let id = try await app.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": "right password"]).object["id"] as! String
            let done = try await app.form("/accounts/\(id)/reset", [])
            #expect(done.status == .seeOther)
            #expect(done.headers.first(name: .location) == "/accounts/\(id)/temporary-password")
            let sealed = try #require(done.headers.setCookie?[AccountNotice.temporaryCookie]?.string)
            #expect(!sealed.isEmpty)
            var headers: HTTPHeaders = ["Accept": "text/html", "Accept-Language": "en"]
            headers.add(name: .cookie, value: "\(AccessMiddleware.sessionCookie)=\(app.admin.cookie!); \(AccountNotice.temporaryCookie)=\(sealed)")
            let shown = try await app.testing().sendRequest(.GET, "/accounts/\(id)/temporary-password", headers: headers)
            let password = try #require(shown.text.firstMatch(of: /class="revealed">([^<]+)</).map { String($0.1) })
            #expect(shown.headers.first(name: .cacheControl) == "no-store")
            let hash = try await Account.find(UUID(uuidString: id), on: app.db)!.passwordHash
            let again = try await app.page("/accounts/\(id)/temporary-password", lang: "en")
            #expect(again.text.contains("shown already"))
            #expect(try await Account.find(UUID(uuidString: id), on: app.db)!.passwordHash == hash, "opening the page again resets nothing")
            #expect(try await app.signInForm("clerk", password).headers.first(name: .location) == "/account/password")
        }
    }
}
