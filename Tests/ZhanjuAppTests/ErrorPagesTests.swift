import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp

@Suite("Error pages and the language switch speak the reader's language and lead somewhere")
struct ErrorPagesTests {
    @Test("a missing page is explained in Chinese in the Chinese interface, and a signed-in reader is not offered to sign in")
    func notFound() async throws {
        try await withApp { (app: Application) async throws in
            let zh = try await app.page("/no-such-page", lang: "zh-Hans")
            #expect(zh.status == .notFound)
            #expect(zh.text.contains("没有这个页面或记录") && zh.text.contains("未找到"))
            #expect(!zh.text.contains("Not Found"))
            #expect(!zh.text.contains(">登录<"), "signed in: the header shows the account, not the sign-in link")
            let en = try await app.page("/no-such-page", lang: "en")
            #expect(en.text.contains("There is no such page"))
            let anonymous = try await app.page("/no-such-page", lang: "zh-Hans", as: .anonymous)
            #expect(anonymous.text.contains(">登录<"))
        }
    }

    @Test("after a form is posted, the language switch reopens the page the form was on, not the post address")
    func switchAfterPost() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html", "Accept-Language": "zh-Hans",
                                        "Host": "zhanju.test", "Referer": "http://zhanju.test/compounds/new?committee_id=\(t.committee)&lang=zh-Hans"]
            headers.add(name: .cookie, value: "\(AccessMiddleware.sessionCookie)=\(app.admin.cookie!)")
            let posted = try await app.testing().sendRequest(.POST, "/compounds/new", headers: headers,
                                                             body: ByteBuffer(string: "_csrf=\(app.admin.csrf!)&committee_id=\(t.committee)&code="))
            #expect(posted.status == .unprocessableEntity)
            #expect(posted.text.contains("href=\"/compounds/new?committee_id=\(t.committee)&amp;lang=en\""), "one lang parameter, on the form's page")
            headers.replaceOrAdd(name: .referer, value: "https://evil.example/phish")
            let foreign = try await app.testing().sendRequest(.POST, "/compounds/new", headers: headers,
                                                              body: ByteBuffer(string: "_csrf=\(app.admin.csrf!)&committee_id=\(t.committee)&code="))
            #expect(foreign.text.contains("href=\"/?lang=en\""), "another site's page is never the target")
        }
    }
}
