import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// A printed slip carries the whole address a resident types or scans.
@Suite("Survey slips: an absolute address from the configured public URL or the request")
struct SurveySlipAddressTests {
    static func slips(_ app: Application, _ path: String, headers: HTTPHeaders, as caller: Caller) async throws -> String {
        var h = headers
        h.add(name: .accept, value: "text/html")
        if let cookie = caller.cookie { h.add(name: .cookie, value: "\(AccessMiddleware.sessionCookie)=\(cookie)") }
        return try await app.testing().sendRequest(.GET, path, headers: h).text
    }

    @Test("a printed slip gives the whole address: the configured public address first, else the request's host and scheme (X-Forwarded-Proto behind a proxy)")
    func slipAddress() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await SurveyFixture.make(app)
            let s = try await f.create(app)
            let path = SitePath.surveySlips.link(UUID(uuidString: s.distribution)!)
            let proxied = try await Self.slips(app, path, headers: ["Host": "zhanju.example.cn", "X-Forwarded-Proto": "https"], as: f.staff)
            #expect(proxied.contains("https://zhanju.example.cn/survey?code=\(s.codes[0])"), "\(proxied.prefix(1500))")
            let plain = try await Self.slips(app, path, headers: ["Host": "192.168.1.20:8080"], as: f.staff)
            #expect(plain.contains("http://192.168.1.20:8080/survey?code="))
            let odd = try await Self.slips(app, path, headers: ["Host": "evil.cn\"><script>"], as: f.staff)
            #expect(!odd.contains("evil.cn") && odd.contains("/survey?code="), "a Host that is not a host name is not printed")
            app.storage[PublicAddressKey.self] = PublicAddress.normalised("https://jiedao.example.cn/")
            let configured = try await Self.slips(app, path, headers: ["Host": "10.0.0.5"], as: f.staff)
            #expect(configured.contains("https://jiedao.example.cn/survey?code=\(s.codes[0])") && !configured.contains("10.0.0.5"))
        }
        #expect(PublicAddress.normalised("javascript:alert(1)") == nil && PublicAddress.normalised("ftp://x.cn") == nil)
        #expect(PublicAddress.normalised(" https://a.example.cn// ") == "https://a.example.cn")
    }
}
