import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Forms go through as rendered: a person who fills in only what the form asks for, and changes
/// no default, is not refused over a choice they never saw a reason to make.
@Suite("Forms work on their defaults")
struct FormDefaultsTests {
    func fill(_ fields: [(String, String)], _ given: [String: String]) -> [(String, String)] {
        fields.filter { $0.0 != "_csrf" }.map { (name, value) in (name, given[name] ?? value) }
    }

    @Test("a clerk files at the counter for a household, recorded for its head; a grid worker's default is their patrol")
    func caseForm() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let page = try await app.page("/cases/new?service_code=SAF-HAZ&household_id=\(f.t.household)", lang: "zh-Hans", as: f.clerk)
            #expect(page.text.components(separatedBy: Strings.caseOrigin.zh).count == 2, "one choice of how the request came in")
            #expect(!page.text.contains("name=\"_channel\""))
            let filed = try await app.form("/cases/new", fill(renderedForm(page.text), ["description": "楼道堆物", "attribute[hazard]": "fire_exit"]), as: f.clerk)
            #expect(filed.status == .seeOther, "\(filed.text.prefix(600))")
            let counter = try #require(try await Case.query(on: app.db).sort(\.$reportedAt, .descending).first())
            #expect(counter.channel == "counter" && counter.residentID?.uuidString == f.residentID.uppercased())

            let patrol = try await app.page("/cases/new?service_code=SAF-HAZ&household_id=\(f.t.household)", lang: "en", as: f.worker)
            let found = try await app.form("/cases/new", fill(renderedForm(patrol.text), ["description": "e-bike in the stairwell", "attribute[hazard]": "ebike_charging"]), as: f.worker)
            #expect(found.status == .seeOther, "\(found.text.prefix(600))")
            #expect(try await Case.query(on: app.db).filter(\.$channel == "patrol").count() == 1)
        }
    }

    @Test("an edit form submitted unchanged saves")
    func unchangedEdit() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let page = try await app.page("/residents/\(f.residentID)/edit", lang: "zh-Hans")
            #expect(page.status == .ok)
            let saved = try await app.form("/residents/\(f.residentID)/edit", fill(renderedForm(page.text), [:]))
            #expect(saved.status == .seeOther, "\(saved.text.prefix(800))")
        }
    }
}
