import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp

/// Plot escapes text but writes attribute values as given: a name, a door or a query parameter
/// that reaches an attribute could close it and open a script. These tests store a payload in
/// every field that reaches a page, reflect it through every query parameter a page reads, and
/// open every page.
@Suite("No script in pages: stored and reflected payloads come back escaped")
struct ScriptPayloadTests {
    static let payload = "\"'><script>zj()</script><img src=x onerror=zj()>"

    /// A tag the payload would open if any character of it reached the page unescaped.
    static func assertInert(_ r: TestingHTTPResponse, _ what: String) {
        #expect(!r.text.contains("<script"), "\(what): script tag")
        #expect(!r.text.contains("<img"), "\(what): img tag")
        #expect(!r.text.contains("'><"), "\(what): attribute closed")
    }

    @Test("every page, with a payload stored in every name and reflected through every parameter")
    func everyPage() async throws {
        try await withApp { (app: Application) async throws in
            let p = Self.payload
            let t = try await Territory.make(app)
            func put(_ path: String, _ body: [String: Any]) async throws {
                let r = try await app.json(.PUT, path, body)
                #expect(r.status == .ok, "\(path): \(r.text)")
            }
            func post(_ path: String, _ body: [String: Any]) async throws -> String {
                let r = try await app.json(.POST, path, body)
                #expect(r.status == .created, "\(path): \(r.text)")
                return r.object["id"] as? String ?? ""
            }
            try await put("/api/v1/sub-districts/\(t.subDistrict)", ["code": "SD", "name_zh": p, "name_en": p])
            try await put("/api/v1/workstations/\(t.workstation)", ["sub_district_id": t.subDistrict, "code": "WS", "name_zh": p, "name_en": p, "address": p])
            try await put("/api/v1/committees/\(t.committee)", ["workstation_id": t.workstation, "code": "RC", "name_zh": p, "name_en": p])
            try await put("/api/v1/compounds/\(t.compound)", ["committee_id": t.committee, "code": "C", "name_zh": p, "name_en": p, "address": p])
            let grid = try await post("/api/v1/grids", ["workstation_id": t.workstation, "code": "G1", "name_zh": p, "name_en": p])
            let zone = try await post("/api/v1/zones", ["compound_id": t.compound, "code": "Z", "name_zh": p, "name_en": p])
            try await put("/api/v1/buildings/\(t.building)", ["compound_id": t.compound, "zone_id": zone, "number": "1", "floors": 6])
            try await put("/api/v1/households/\(t.household)", ["entrance_id": t.entrance, "grid_id": grid, "door": "1<b>'\""])
            _ = try await post("/api/v1/service-points", ["compound_id": t.compound, "name_zh": p, "name_en": p, "address": p])
            _ = try await post("/api/v1/organisations", ["kind": "owners_committee", "compound_id": t.compound, "name_zh": p, "name_en": p])
            let resident = try await post("/api/v1/residents", ["household_id": t.household, "relation": "head", "name": String(p.prefix(60)), "sex": "female",
                                                                "birth_date": "1950-01-01", "hukou": "local"])
            _ = try await CatalogueService.seedIfEmpty(app)
            let kase = try await app.json(.POST, "/api/v1/cases", ["service_code": "SAF-HAZ", "description": p, "household_id": t.household,
                                                                   "attributes": ["hazard": ["ebike_charging"]], "address": p])
            #expect(kase.status == .created, "case: \(kase.text.prefix(400))")
            let caseID = kase.object["id"] as? String ?? ""

            let account = try await post("/api/v1/accounts", ["username": "payload", "password": "a long password", "display_name": String(p.prefix(60))])
            let election = try await post("/api/v1/elections", ["committee_id": t.committee, "name_zh": p, "name_en": p, "polling_day": "2026-12-20",
                                                                "posts": [["post": "chair", "seats": 1], ["post": "member", "seats": 4]]])
            #expect(try await app.json(.POST, "/api/v1/elections/\(election)/roll/build").status == .ok)
            // Council: a residents' group and its representative, a topic, comment, meeting, resolution with a task, petition, notice and owners' vote, every text the payload.
            let group = try await post("/api/v1/organisations", ["kind": "residents_group", "committee_id": t.committee, "compound_id": t.compound, "name_zh": p, "name_en": p])
            let representative = try await post("/api/v1/council/committees/\(t.committee)/representatives", ["group_id": group, "resident_id": resident])
            let topic = try await post("/api/v1/council/topics", ["committee_id": t.committee, "title": p, "body": p, "origin": "committee"])
            _ = try await post("/api/v1/council/topics/\(topic)/comments", ["text": p])
            #expect(try await app.json(.POST, "/api/v1/council/topics/\(topic)/review", ["decision": "admit", "reason": p]).status == .ok)
            let meeting = try await post("/api/v1/council/meetings", ["committee_id": t.committee, "title": p, "place": p, "starts_at": "2026-12-01T11:00:00Z", "topic_ids": [topic]])
            let item = try #require(try await CouncilAgendaItem.query(on: app.db).first()?.id)
            let res = CouncilResolution()
            (res.id, res.committeeID, res.itemID, res.topicID, res.title, res.adoptedOn, res.status) = (UUID(), UUID(uuidString: t.committee)!, item, UUID(uuidString: topic)!, p, "2026-11-01", "in_progress")
            try await res.create(on: app.db)
            let task = CouncilTask()
            (task.id, task.resolutionID, task.title, task.ownerID, task.ownerName, task.dueOn, task.weight, task.percentDone) = (UUID(), res.id!, p, UUID(uuidString: resident)!, p, "2026-11-02", 1, 10)
            try await task.create(on: app.db)
            let petition = try await post("/api/v1/council/petitions", ["committee_id": t.committee, "purpose": p])
            let notice = try await post("/api/v1/council/notices", ["scope": "committee", "scope_id": t.committee, "title": p, "body": p])
            _ = try await DwellingService(db: app.db, context: .system("test", app), now: Date()).record(
                compound: UUID(uuidString: t.compound)!, owners: [.init(key: "o", name: p, residentID: nil, developer: false)],
                dwellings: [.init(householdID: UUID(uuidString: t.household)!, label: p, areaHundredths: 9_000, areaSource: .registered, ownerKey: "o", isLet: true)])
            let vote = try await post("/api/v1/council/owners-votes", ["compound_id": t.compound, "matter": "property_manager", "title": p])
            let survey = try await app.json(.POST, "/api/v1/surveys", ["owner_kind": "workstation", "owner_id": t.workstation, "questionnaire": [
                "title": ["zh": p, "en": p], "version": 1,
                "sections": [["key": "s", "title": ["zh": p, "en": p], "questions": [
                    ["key": "a", "text": ["zh": p, "en": p], "kind": ["type": "single_choice", "allows_other": true, "options": [["key": "x", "text": ["zh": p, "en": p]], ["key": "y", "text": ["zh": p, "en": p]]]]],
                    ["key": "b", "text": ["zh": p, "en": p], "kind": ["type": "number"], "show_if": ["type": "chosen", "question": "a", "any_of": ["x"]]],
                    ["key": "c", "text": ["zh": p, "en": p], "kind": ["type": "date"]], ["key": "d", "text": ["zh": p, "en": p], "kind": ["type": "free_text", "max_length": 100]],
                ]]]]])
            #expect(survey.status == .created, "survey: \(survey.text.prefix(400))")
            let surveyID = (survey.object["survey"] as? [String: Any])?["id"] as? String ?? ""
            let sent = try await app.json(.POST, "/api/v1/surveys/\(surveyID)/distributions", ["name_zh": p, "name_en": p, "scope_kind": "workstation", "scope_id": t.workstation,
                                                                                            "sampling": "one_per_household", "closes_on": "2026-12-31"])
            #expect(sent.status == .created, "distribution: \(sent.text.prefix(400))")
            let distribution = sent.object["id"] as? String ?? ""
            _ = try await app.json(.POST, "/api/v1/surveys/distributions/\(distribution)/paper", ["compound_id": t.compound, "answers": ["a": ["type": "choice", "option": "other", "other": p]]])
            let q = p.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let pages = [
                "/council", "/council/committees/\(t.committee)", "/council/topics/\(topic)", "/council/meetings/\(meeting)", "/council/resolutions/\(res.id!)",
                "/council/petitions/\(petition)", "/council/owners-votes/\(vote)", "/council/notices/\(notice)", "/council/notices/new",
                "/council/committees/\(t.committee)/topics/new", "/council/topics/\(topic)/review", "/council/topics/\(topic)/comment",
                "/council/resolutions/\(res.id!)/act", "/council/resolutions/\(res.id!)/tasks/new", "/council/tasks/\(task.id!)/progress",
                "/council/resolutions/\(res.id!)/evidence/new", "/council/committees/\(t.committee)/meetings/new", "/council/meetings/\(meeting)/attendance",
                "/council/meetings/\(meeting)/items/\(item)/vote", "/council/meetings/\(meeting)/items/\(item)/result", "/council/meetings/\(meeting)/minutes",
                "/council/meetings/\(meeting)/sign", "/council/committees/\(t.committee)/representatives",
                "/council/committees/\(t.committee)/representatives/new?group=\(group)", "/council/committees/\(t.committee)/representatives/new?group=\(q)",
                "/council/representatives/\(representative)/end",
                "/surveys", "/surveys/new", "/surveys/\(surveyID)", "/surveys/\(surveyID)/preview", "/surveys/distributions/\(distribution)",
                "/surveys/distributions/\(distribution)/slips", "/surveys/distributions/\(distribution)/paper", "/survey", "/survey?code=\(q)",
                "/surveys/distributions/\(distribution)/analysis?row=a&column=:compound&chose=\(q)&age_band=\(q)",
                "/", "/structure/\(t.subDistrict)", "/committees/\(t.committee)", "/compounds/\(t.compound)", "/buildings/\(t.building)",
                "/households/\(t.household)", "/people?q=\(q)", "/people?q=%E2%80%9C",
                "/compounds/new?committee_id=\(q)", "/compounds/\(t.compound)/edit", "/households/new?compound_id=\(t.compound)",
                "/residents/new?household_id=\(q)", "/residents/new?household_id=\(t.household)", "/residents/\(resident)/edit",
                "/appointments/new?body_kind=residents_committee&body_id=\(t.committee)", "/committees/new?workstation_id=\(q)",
                "/committees/\(t.committee)/edit", "/zones/new?compound_id=\(t.compound)", "/buildings/new?compound_id=\(t.compound)",
                "/entrances/new?building_id=\(t.building)", "/organisations/new?committee_id=\(t.committee)",
                "/residents/\(resident)/reveal?field=\(q)", "/residents/\(resident)/reveal", "/corrections", "/audit/access",
                "/sign-in?next=\(q)", "/sign-in?next=/\(q)", "/account", "/account/password", "/accounts",
                "/accounts?done=created&account=\(account)", "/accounts?done=\(q)&account=\(q)", "/accounts/\(account)/confirm?action=reset",
                "/accounts/\(account)/confirm?action=\(q)", "/accounts/\(account)/temporary-password",
                "/grid", "/grid/\(grid)", "/visits/new?household_id=\(q)", "/visits/new?household_id=\(t.household)",
                "/dashboards", "/dashboards/committee/\(t.committee)", "/dashboards/grid/\(grid)", "/dashboards/workstation/\(t.workstation)", "/holidays",
                "/services", "/services/SAF-HAZ/edit", "/cases/new?household_id=\(q)&service_code=\(q)", "/cases/new?service_code=SAF-HAZ&household_id=\(t.household)",
                "/cases", "/cases?view=body", "/cases/\(caseID)", "/nowhere/\(q)", "/households/\(t.household)?lang=\(q)",
                "/elections", "/elections?committee=\(t.committee)", "/elections?committee=\(q)", "/elections/new?committee=\(q)", "/elections/\(election)",
                "/elections/\(election)/result", "/elections/\(election)/receipt?receipt=\(q)", "/vote",
                "/elections/\(election)/booth", "/elections/\(election)/booth?done=\(q)",
            ]
            for path in pages {
                for lang in ["zh-Hans", "en"] {
                    let r = try await app.page(path, lang: lang)
                    #expect(r.status.code < 500, "\(path): \(r.status)")
                    Self.assertInert(r, path)
                    Self.assertLabelled(r.text, path)
                }
            }
            // A page route added later must be added to this walk (with whatever it shows).
            let walked = Set(pages.map { Self.pattern(of: $0) })
            let routes = app.routes.all.filter { $0.method == .GET && $0.path.first != .constant("api") && $0.path.first != .constant("open311") }
            let skipped: Set<String> = ["/healthz", "/readyz", "/static/style.css", "/my", "/my/export.json", "/my/export.csv"]
            for route in routes {
                let path = "/" + route.path.map { $0.description }.joined(separator: "/")
                #expect(skipped.contains(path) || walked.contains { Self.matches($0, path) }, "page \(path) is not in the payload walk")
            }
        }
    }

    /// Every control a person fills in has a name a screen reader can say: it sits inside a
    /// `<label>` or carries `aria-label` (hidden fields and buttons need none).
    static func assertLabelled(_ html: String, _ what: String) {
        let labels = html.ranges(of: /<label[\s>].*?<\/label>/.dotMatchesNewlines())
        for control in html.matches(of: /<(input|select|textarea)\b[^>]*>/) {
            let tag = String(control.output.0)
            if tag.contains("type=\"hidden\"") || tag.contains("type=\"submit\"") || tag.contains("aria-label=") { continue }
            let inside = labels.contains { $0.contains(control.range.lowerBound) }
            #expect(inside, "\(what): unlabelled \(tag)")
        }
    }

    static func pattern(of path: String) -> [String] {
        path.split(separator: "?").first.map { $0.split(separator: "/").map(String.init) } ?? []
    }

    static func matches(_ walked: [String], _ route: String) -> Bool {
        let parts = route.split(separator: "/").map(String.init)
        return parts.count == walked.count && zip(parts, walked).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }

    @Test("a quote carrying a combining mark is still escaped (escaping goes by scalar, not by character)")
    func combiningMarks() {
        #expect(attr("x\"\u{301} autofocus y='\u{301}") == "x&quot;\u{301} autofocus y=&#39;\u{301}")
        #expect(attr(">\u{20DD}") == "&gt;\u{20DD}")
    }

    @Test("a resident's own pages and exports, with a payload as a family member's name")
    func ownData() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let resident = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "head", "name": "=HYPERLINK(\"http://evil\")",
                                                                           "sex": "male", "birth_date": "1960-05-05", "hukou": "local"])
            #expect(resident.status == .created)
            _ = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "spouse", "name": String(Self.payload.prefix(60)),
                                                                "sex": "female", "birth_date": "1962-05-05", "hukou": "local"])
            let account = try await app.json(.POST, "/api/v1/accounts", ["username": "home", "password": "a long password", "resident": resident.object["id"] as! String])
            #expect(account.status == .created)
            let me = try await app.signIn("home", "a long password")
            Self.assertInert(try await app.page("/my", as: me), "/my")
            let json = try await app.page("/my/export.json", as: me)
            #expect(json.headers.contentType == .json, "JSON, which a browser with nosniff will not run as a page")
            let csv = try await app.page("/my/export.csv", as: me)
            #expect(csv.status == .ok)
            #expect(csv.text.contains("'=HYPERLINK"), "a formula is written as text: \(csv.text)")
            #expect(!csv.text.contains(",=HYPERLINK") && !csv.text.contains(",\"=HYPERLINK"))
        }
    }

    @Test("every response carries the security headers; the policy allows no script")
    func headers() async throws {
        try await withApp { (app: Application) async throws in
            for path in ["/", "/sign-in", "/api/v1/me", "/nowhere", "/static/style.css"] {
                let r = try await app.page(path)
                let csp = r.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("script-src"), "\(path)")
                #expect(r.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(r.headers.first(name: "Referrer-Policy") == "same-origin")
            }
        }
    }
}
