import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Notices to one building (楼栋), beside the workstation, committee and compound: chosen by name
/// on the form, read by those who live in the building (and those who serve it), with read
/// receipts and the same printable page.
@Suite("Council notices to a building")
struct CouncilBuildingNoticeTests {
    @Test("the committee addresses a notice to a building chosen by name; its residents read it and say so; a neighbour in another building does not see it; another committee's building is out of reach")
    func buildingNotice() async throws {
        try await withApp { (app: Application) async throws in
            _ = try await ShenxianshuDemo.load(into: app)
            let c = try await CouncilTests.callers(app, ["resident", "wr.chair"])
            let account = try #require(try await Account.query(on: app.db).filter(\.$username == "resident").first())
            let home = try #require(try await Household.find(try #require(try await Resident.find(account.residentID!, on: app.db)?.$household.id), on: app.db))
            let mine = try #require(try await Building.find(home.$building.id, on: app.db))
            let other = try #require(try await Building.query(on: app.db).filter(\.$compound.$id == home.$compound.id).filter(\.$id != mine.id!).first())
            let zhmc = try #require(try await Compound.query(on: app.db).filter(\.$code == "ZHMC").first())
            let elsewhere = try #require(try await Building.query(on: app.db).filter(\.$compound.$id == zhmc.id!).first())
            let name = try #require(try await RegistryDirectory(db: app.db).building(mine.id!)).name

            // The form offers the building by its name, not its id; never another committee's.
            let form = try await app.page("/council/notices/new", lang: "zh-Hans", as: c["wr.chair"])
            #expect(form.status == .ok && form.text.contains(name.zh) && form.text.contains("value=\"building:\(mine.id!)\""), "\(name.zh)")
            #expect(!form.text.contains("building:\(elsewhere.id!)"))
            let published = try await app.form("/council/notices/new", [("scope", "building:\(mine.id!)"), ("title", "电梯检修"), ("body", "本栋电梯周四检修。")], as: c["wr.chair"])
            #expect(published.status == .seeOther, "\(published.status) \(published.text.prefix(300))")
            let noticePath = try #require(published.headers.first(name: .location))

            // Its residents read it (page and API), mark it read once, and the committee sees the count.
            let page = try await app.page(noticePath, lang: "en", as: c["resident"])
            #expect(page.status == .ok && page.text.contains(name.en) && page.text.contains("I have read this"))
            let listed = try await app.json(.GET, "/api/v1/council/notices", as: c["resident"]).array
            let entry = try #require(listed.first { $0["title"] as? String == "电梯检修" })
            #expect(entry["scope"] as? String == "building" && entry["scope_id"] as? String == mine.id!.uuidString)
            #expect(try await app.form(noticePath + "/read", [], as: c["resident"]).status == .seeOther)
            #expect(try await app.form(noticePath + "/read", [], as: c["resident"]).status == .seeOther, "a second read changes nothing")
            let seen = try await app.page(noticePath, lang: "zh-Hans", as: c["wr.chair"])
            #expect(seen.text.contains("已读人数:1") && seen.text.contains(name.zh), "\(seen.text.prefix(200))")

            // A notice to the next building is not the resident's to read.
            let next = try await app.json(.POST, "/api/v1/council/notices", ["scope": "building", "scope_id": other.id!.uuidString, "title": "外墙清洗", "body": "x"], as: c["wr.chair"])
            #expect(next.status == .created && next.object["scope"] as? String == "building", "\(next.text)")
            let nextID = try #require(next.object["id"] as? String)
            #expect(try await app.json(.GET, "/api/v1/council/notices/\(nextID)", as: c["resident"]).status == .notFound)
            #expect(try await app.page("/council/notices/\(nextID)", lang: "en", as: c["resident"]).status == .notFound)

            // Another committee's building is out of reach; an unknown one is refused beside its field.
            #expect(try await app.json(.POST, "/api/v1/council/notices", ["scope": "building", "scope_id": elsewhere.id!.uuidString, "title": "t", "body": "b"], as: c["wr.chair"]).status == .notFound)
            let unknown = try await app.json(.POST, "/api/v1/council/notices", ["scope": "building", "scope_id": UUID().uuidString, "title": "t", "body": "b"], as: c["wr.chair"])
            #expect(unknown.status == .unprocessableEntity && unknown.object["field"] as? String == "scope_id", "\(unknown.text)")
            let badScope = try await app.json(.POST, "/api/v1/council/notices", ["scope": "floor", "scope_id": mine.id!.uuidString, "title": "t", "body": "b"], as: c["wr.chair"])
            #expect(badScope.status == .unprocessableEntity && badScope.object["field"] as? String == "scope", "\(badScope.text)")
        }
    }
}
