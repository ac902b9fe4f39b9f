import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("A resident's own page: readable on a phone, in their language and time")
struct MyDataPageTests {
    @Test("each download is one row however many live there, times are China time, values are translated, a correction is confirmed")
    func myPage() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            var ids: [String] = []
            for (name, relation) in [("张一", "head"), ("张二", "spouse"), ("张三", "child")] {
                let r = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": relation, "name": name, "sex": "male",
                                                                        "birth_date": "1970-01-01", "hukou": "local"])
                ids.append(r.object["id"] as! String)
            }
            _ = try await app.json(.POST, "/api/v1/accounts", ["username": "home", "password": "a long password", "resident": ids[0]])
            let me = try await app.signIn("home", "a long password")
            for _ in 0..<3 { #expect(try await app.page("/my/export.json", as: me).status == .ok) }
            let page = try await app.page("/my", lang: "zh-Hans", as: me)
            // The test clock stands still: the three downloads fall in one minute, one row saying so (not nine rows).
            #expect(page.text.components(separatedBy: "全户资料下载").count - 1 == 1)
            #expect(page.text.contains("(3 次)"))
            let names = try #require(page.text.firstMatch(of: /(张.)、(张.)、(张.)\(3 次\)/), "one cell names all three")
            #expect(Set([String(names.1), String(names.2), String(names.3)]) == ["张一", "张二", "张三"])
            #expect(page.text.contains("本人下载"))
            #expect(!page.text.contains(">export<") && !page.text.contains("resident&#39;s own download") && !page.text.contains("own download<"))
            // 2026-11-27 (the test clock's day) in China time, to the minute, never a UTC stamp.
            #expect(page.text.contains(ChinaTime.format(app.access.now())))
            #expect(!page.text.contains("T") || !page.text.contains("Z<"))

            let filed = try await app.form("/my/corrections", [("resident_id", ids[1]), ("field", "name"), ("requested_value", "张贰")], lang: "zh-Hans", as: me)
            #expect(filed.status == .seeOther)
            let location = try #require(filed.headers.first(name: .location))
            let after = try await app.page(location, lang: "zh-Hans", as: me)
            #expect(after.text.contains("已收到您的更正申请"))
            #expect(after.text.contains("待答复") && !after.text.contains(">open<"))
        }
    }

    @Test("China time is UTC+8 to the minute, across midnight")
    func chinaTime() {
        #expect(ChinaTime.format(Date(timeIntervalSince1970: 1_764_518_400)) == "2025-12-01 00:00")   // 2025-11-30 16:00 UTC
        #expect(ChinaTime.format(Date(timeIntervalSince1970: 1_764_518_399)) == "2025-11-30 23:59")
    }
}
