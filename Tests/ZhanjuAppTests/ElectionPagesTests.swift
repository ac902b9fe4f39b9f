import Foundation
import Plot
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

@Suite("Election pages: the committee's overview, code slips, voting, the public result and receipts")
struct ElectionPagesTests {
    @Test("the overview renders from its model alone, in both languages, with names escaped and only the stage's forms")
    func overviewFromModel() throws {
        let payload = "<script>alert(1)</script>\""
        var detail = try #require(ElectionExamples.all.first { $0.0 == "ElectionDetail" }?.1 as? ElectionRead.Detail)
        detail.roll[0].name = payload
        detail.election.stage = ElectionStage.rollPublished.rawValue
        let area = [RegistryDirectory.PossibleVoter(id: UUID(), name: payload, sex: .female, birthDate: CivilDate(iso: "1980-01-01")!, hukou: .local,
                                                    politicalRights: true, householdID: UUID(), door: "1-1-101")]
        let m = ElectionPageModel.build(detail, committee: Text("维融社区居委会", "Weirong"), area: area)
        #expect(m.allows(.nominate) && m.allows(.objection) && !m.allows(.count) && !m.allows(.buildRoll))
        // Every stage renders, each with its own forms only.
        for stage in ElectionStage.allCases {
            var at = m
            at.stage = stage
            let html = Node<HTML.BodyContext>.group(ElectionPageView.overview(at, error: nil, lang: .en, csrf: .empty)).render()
            #expect(html.contains(stage.label.en), "\(stage)")
            #expect(html.contains("Announce the result") == (stage == .counted), "\(stage)")
            #expect(html.contains("Close polling and count") == (stage == .polling), "\(stage)")
        }
        for lang in Lang.allCases {
            let html = Node<HTML.BodyContext>.group(ElectionPageView.overview(m, error: nil, lang: lang, csrf: .empty)).render()
            #expect(!html.contains("<script>"), "\(lang): unescaped payload")
            #expect(html.contains(lang == .zh ? "登记提名" : "Record a nomination"))
            #expect(!html.contains(lang == .zh ? "结束投票并计票" : "Close polling and count"))
        }
    }

    @Test("a Weirong-style election from the pages: slips printed once, a voter votes with a code, counts, announces; the result and receipts are public")
    func electionFromPages() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            // Calling an election from the form, choosing the committee by name.
            let form = try await app.page("/elections/new", lang: "en")
            #expect(form.status == .ok && form.text.contains("Committee"), "\(form.text)")
            let created = try await app.form("/elections/new", [("committee_id", f.t.committee), ("name_zh", "网页选举"), ("name_en", "Page election"),
                                                                 ("polling_day", "2026-12-10"), ("chair", "1"), ("member", "4")])
            #expect(created.status == .unprocessableEntity, "election day 13 days ahead: the roll cannot be published in time")
            #expect(created.text.contains("voter roll published on 2026-11-27"), "\(created.text)")

            let (e, c) = try await ElectionsTests.prepare(app, f)
            // Weeks have passed on the test's clock: a fresh session, as the committee would sign in again.
            app.storage[AdminCallerKey.self] = try await app.signIn("tester", "tester-password")
            let overview = try await app.page("/elections/\(e)", lang: "en")
            #expect(overview.status == .ok && overview.text.contains("Final candidate list published"), "\(overview.status)")
            #expect(overview.text.contains("选民3"))
            // The committee page links to its elections; the list shows the one run here.
            #expect(try await app.page("/committees/\(f.t.committee)").text.contains("/elections?committee="))
            #expect(try await app.page("/elections?committee=\(f.t.committee)", lang: "en").text.contains("/elections/\(e)"))

            let slips = try await app.form("/elections/\(e)/codes", [])
            #expect(slips.status == .ok)
            let codes = slips.text.matches(of: /class="code">([0-9A-Z-]{19})</).map { String($0.1) }
            #expect(codes.count == 21)
            #expect(try await app.form("/elections/\(e)/codes", []).text.matches(of: /class="code">/).isEmpty, "a code is shown once")

            // Polling opens on election day only: the error is shown beside the step.
            let early = try await app.form("/elections/\(e)/step", [("step", "open_polling")], lang: "en")
            #expect(early.status == .conflict && early.text.contains("Polling takes place on election day"), "\(early.status)")
            ElectionsTests.day(app, ElectionFixture.pollingDay)
            app.storage[AdminCallerKey.self] = try await app.signIn("tester", "tester-password")
            let opened = try await app.form("/elections/\(e)/step", [("step", "open_polling")])
            #expect(opened.status == .seeOther && opened.headers.first(name: .location) == "/elections/\(e)#open_polling")

            // A voter opens the ballot with a code and casts it; the receipt page finds it in the log.
            let wrong = try await app.form("/vote", [("code", "AAAA-AAAA-AAAA-AAAA")], as: .anonymous, csrf: false)
            #expect(wrong.status == .unprocessableEntity)
            for (i, code) in codes.prefix(12).enumerated() {
                let ballot = try await app.form("/vote", [("code", code.lowercased())], as: .anonymous, csrf: false)
                #expect(ballot.status == .ok && ballot.text.contains("marks.chair[]"), "\(ballot.text)")
                var fields = [("code", code), ("marks.chair[]", c[i < 8 ? "选民1" : "选民2"]!)]
                for m in ["选民3", "选民4", "选民5", "选民6"] { fields.append(("marks.member[]", c[m]!)) }
                let cast = try await app.form("/vote/cast", fields, as: .anonymous, csrf: false)
                #expect(cast.status == .seeOther, "\(cast.text)")
                if i == 0 {
                    let location = try #require(cast.headers.first(name: .location))
                    #expect(location.hasPrefix("/elections/\(e)/receipt?receipt="))
                    let receipt = try await app.page(location, as: .anonymous)
                    #expect(receipt.text.contains("您的选票已记入公开选票日志"), "\(receipt.text)")
                }
            }
            let again = try await app.form("/vote/cast", [("code", codes[0]), ("marks.chair[]", c["选民1"]!)], as: .anonymous, csrf: false)
            #expect(again.status == .unprocessableEntity, "a used code casts nothing")

            let scrutineers = [f.id("选民19"), f.id("选民20")].map { ("scrutineers[]", $0) }
            #expect(try await app.form("/elections/\(e)/count", scrutineers).status == .seeOther)
            #expect(try await app.form("/elections/\(e)/step", [("step", "announce")]).status == .seeOther)
            let result = try await app.page("/elections/\(e)/result", lang: "en", as: .anonymous)
            #expect(result.status == .ok)
            for name in ["选民1", "选民3", "选民4", "选民5", "选民6"] { #expect(result.text.contains(name)) }
            #expect(result.text.contains("Term") && result.text.contains("2031-12-19"))
            #expect(try await app.page("/elections?committee=\(f.t.committee)", as: .anonymous).text.contains("/elections/\(e)/result"))
        }
    }

    @Test("the steps' forms post what the API takes: a nomination one co-signer short is shown beside its form with the rule; staff and roll changes are chosen by name")
    func stepForms() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let created = try await app.json(.POST, "/api/v1/elections", ["committee_id": f.t.committee, "name_zh": "选举", "name_en": "Election",
                                                                          "polling_day": ElectionFixture.pollingDay, "posts": [["post": "chair", "seats": 1], ["post": "member", "seats": 4]]])
            let e = try #require(created.object["id"] as? String)
            // Staff chosen from the area's people by name (the select lists "name · door").
            let page = try await app.page("/elections/\(e)", lang: "en")
            #expect(page.text.contains("选民11 · 1-1-211"), "people are chosen by name and door")
            for i in 11...17 {
                #expect(try await app.form("/elections/\(e)/staff", [("resident_id", f.id("选民\(i)")), ("role", "election_committee")]).status == .seeOther)
            }
            #expect(try await app.form("/elections/\(e)/step", [("step", "build_roll")]).status == .seeOther)
            let added = try await app.form("/elections/\(e)/roll", [("resident_id", f.id("外来")), ("change", "add"), ("reason", "本人申请"), ("since", "2024-01-01")])
            #expect(added.status == .seeOther && added.headers.first(name: .location) == "/elections/\(e)#change_roll")
            #expect(try await app.form("/elections/\(e)/step", [("step", "publish_roll")]).status == .seeOther)
            let short = try await app.form("/elections/\(e)/nominations", [("nominee_id", f.id("选民1")), ("post", "chair"), ("kind", "self_nomination")]
                                           + (2...10).map { ("signers[]", f.id("选民\($0)")) }, lang: "en")
            #expect(short.status == .unprocessableEntity)
            #expect(short.text.contains("self-nomination: 9 co-signing voters; 10 required"), "the rule's own words, beside the nomination form")
            let enough = try await app.form("/elections/\(e)/nominations", [("nominee_id", f.id("选民1")), ("post", "chair"), ("kind", "self_nomination")]
                                            + (2...11).map { ("signers[]", f.id("选民\($0)")) })
            #expect(enough.status == .seeOther)
            #expect(try await app.page("/elections/\(e)", lang: "en").text.contains("选民1 · Chair"))
        }
    }
}
