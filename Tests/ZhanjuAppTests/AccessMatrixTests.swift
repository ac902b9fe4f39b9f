import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Who may do what where, for every demo role: the expected status of each probe. Cross-scope
/// probes (another committee's household, another grid, another family) must be 404 for roles
/// that read households somewhere, 403 for roles that never do — never the data.
@Suite("Authorisation matrix over the Shenxianshu demo")
struct AccessMatrixTests {
    @Test("every role sees its slice and nothing else, on the API and the pages")
    func matrix() async throws {
        try await withApp { (app: Application) async throws in
            let demo = try await ShenxianshuDemo.load(into: app)
            var callers: [String: Caller] = [:]
            for (username, _) in demo.accounts { callers[username] = try await app.signIn(username, ShenxianshuDemo.password(for: username)) }
            callers["anonymous"] = .anonymous

            // Places to probe.
            let residentAccount = try #require(try await Account.query(on: app.db).filter(\.$username == "resident").first())
            let own = try #require(try await Resident.find(residentAccount.residentID!, on: app.db)?.$household.id)
            func household(_ compound: String, not excluded: UUID? = nil) async throws -> Household {
                let c = try #require(try await Compound.query(on: app.db).filter(\.$code == compound).first())
                let q = Household.query(on: app.db).filter(\.$compound.$id == c.id!).sort(\.$door)
                if let excluded { q.filter(\.$id != excluded) }
                return try #require(try await q.first())
            }
            let neighbour = try await household("VIC", not: own).id!          // same compound and grid as the resident
            let rongcheng = try await household("RCHJ").id!                    // Weirong, another compound and grid
            let zhonghai = try await household("ZHMC").id!                     // another committee
            let neighbourPerson = try #require(try await Resident.query(on: app.db).filter(\.$household.$id == neighbour).first()).id!
            let zhmcCommittee = try #require(try await ResidentsCommittee.query(on: app.db).filter(\.$code == "ZHMC").first()).id!

            let seedSurvey = try #require(try await SurveyQuestionnaireRow.query(on: app.db).filter(\.$titleZh == SeedSurvey.questionnaire.title.zh).first()?.id)
            let ok: UInt = 200, created: UInt = 201, unauthorized: UInt = 401, forbidden: UInt = 403, notFound: UInt = 404
            let roles = ["admin", "station.head", "station.staff", "sp.staff", "grid.worker", "wr.chair", "wr.member", "wr.council",
                         "wr.supervisor", "wr.election", "vic.owners", "vic.property", "volunteer", "resident", "anonymous"]
            // Expected status per role, in the order of `roles`.
            typealias Probe = (name: String, method: HTTPMethod, path: String, body: [String: Any]?, expect: [UInt])
            let elections = try await Election.query(on: app.db).sort(\.$pollingDay).all()
            let (announcedElection, newElection) = (elections.first?.id ?? UUID(), elections.last?.id ?? UUID())
            let callElection: [String: Any] = ["committee_id": zhmcCommittee.uuidString, "name_zh": "换届选举", "name_en": "Election", "polling_day": "2026-12-27",
                                               "posts": [["post": "chair", "seats": 1], ["post": "member", "seats": 4]]]
            let probes: [Probe] = [
                // Council members, supervisors, owners, property and volunteer leads are residents too: they
                // read their own household only, so every other household is simply not found.
                ("neighbour's household", .GET, "/api/v1/households/\(neighbour)", nil,
                 [ok, ok, ok, ok, ok, ok, ok, notFound, notFound, ok, notFound, notFound, notFound, notFound, unauthorized]),
                ("the resident's own household", .GET, "/api/v1/households/\(own)", nil,
                 [ok, ok, ok, ok, ok, ok, ok, notFound, notFound, ok, notFound, notFound, notFound, ok, unauthorized]),
                ("Rongcheng household (same committee, other compound and grid)", .GET, "/api/v1/households/\(rongcheng)", nil,
                 [ok, ok, ok, notFound, notFound, ok, ok, notFound, notFound, ok, notFound, notFound, notFound, notFound, unauthorized]),
                ("Zhonghai Mingcheng household (other committee)", .GET, "/api/v1/households/\(zhonghai)", nil,
                 [ok, ok, ok, notFound, notFound, notFound, notFound, notFound, notFound, notFound, notFound, notFound, notFound, notFound, unauthorized]),
                ("Zhonghai Mingcheng committee record", .GET, "/api/v1/committees/\(zhmcCommittee)", nil,
                 [ok, ok, ok, notFound, notFound, notFound, notFound, notFound, notFound, notFound, notFound, notFound, notFound, notFound, unauthorized]),
                ("reveal a neighbour's ID number", .POST, "/api/v1/residents/\(neighbourPerson)/reveal", ["field": "id_number", "reason": "低保复核"],
                 [ok, ok, ok, ok, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, unauthorized]),
                ("reveal a neighbour's phone", .POST, "/api/v1/residents/\(neighbourPerson)/reveal", ["field": "phone", "reason": "走访联系"],
                 [ok, ok, ok, ok, ok, ok, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, unauthorized]),
                ("create a compound", .POST, "/api/v1/compounds", ["committee_id": zhmcCommittee.uuidString, "code": "NEW", "name_zh": "新", "name_en": "New"],
                 [created, created, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, unauthorized]),
                ("list accounts", .GET, "/api/v1/accounts", nil,
                 [ok, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, unauthorized]),
                ("personal-data access log", .GET, "/api/v1/audit/access", nil,
                 [ok, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, ok, forbidden, forbidden, forbidden, forbidden, forbidden, unauthorized]),
                // Workstation staff and grid workers in the demo live outside the area; everyone else is a resident of it.
                ("own household export", .GET, "/api/v1/my/household", nil,
                 [forbidden, forbidden, forbidden, ok, forbidden, ok, ok, ok, ok, ok, ok, ok, ok, ok, unauthorized]),
                ("correction queue", .GET, "/api/v1/corrections", nil,
                 [ok, ok, ok, ok, forbidden, ok, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, unauthorized]),
                // Elections: run by the election committee and the workstation that guides it; the result is public.
                ("Weirong's new election, as its committee sees it", .GET, "/api/v1/elections/\(newElection)", nil,
                 [ok, ok, ok, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, ok, forbidden, forbidden, forbidden, forbidden, unauthorized]),
                ("call an election in another committee", .POST, "/api/v1/elections", callElection,
                 [created, created, created, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, notFound, forbidden, forbidden, forbidden, forbidden, unauthorized]),
                ("Weirong's announced result", .GET, "/api/v1/elections/\(announcedElection)/result", nil,
                 [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok]),
                // Council: what is decided and done is public; overdue work is flagged to the workstation.
                ("Weirong's resolutions and their execution (disclosure)", .GET, "/api/v1/council/resolutions", nil,
                 [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok]),
                ("overdue execution, for the workstation", .GET, "/api/v1/council/overdue", nil,
                 [ok, ok, ok, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, unauthorized]),
                // Surveys: the workstation's seed survey is run by the workstation; a committee chair runs its own committee's only.
                ("the workstation's needs survey", .GET, "/api/v1/surveys/\(seedSurvey)", nil,
                 [ok, ok, ok, forbidden, forbidden, notFound, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden, unauthorized]),
            ]
            var failures: [String] = []
            for probe in probes {
                for (i, role) in roles.enumerated() {
                    // Each role's create names a code of its own, so that no answer can be a duplicate's 409.
                    let body = probe.body.map { b in b["code"] == nil ? b : b.merging(["code": "N\(i)"]) { $1 } }
                    let r = try await app.json(probe.method, probe.path, body, as: callers[role]!)
                    let expected = probe.expect[i]
                    if r.status.code != expected { failures.append("\(probe.name) as \(role): \(r.status.code), expected \(expected)") }
                    if r.status.code >= 400, r.text.contains("\"door\"") { failures.append("\(probe.name) as \(role): error body carries data") }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")

            // Lists narrow to the reach: a Weirong member lists only Weirong's compounds; a resident only their household.
            let wrCompounds = try await app.json(.GET, "/api/v1/compounds", as: callers["wr.member"]!).object["items"] as? [[String: Any]] ?? []
            #expect(Set(wrCompounds.compactMap { $0["code"] as? String }) == ["VIC", "RCHJ"])
            let residentHouseholds = try await app.json(.GET, "/api/v1/households", as: callers["resident"]!).object
            #expect(residentHouseholds["total"] as? Int == 1)
            let gridHouseholds = try await app.json(.GET, "/api/v1/households?per=1", as: callers["grid.worker"]!).object["total"] as? Int ?? 0
            let allHouseholds = try await app.json(.GET, "/api/v1/households?per=1").object["total"] as? Int ?? 0
            #expect(gridHouseholds > 0 && gridHouseholds < allHouseholds)

            // Sensitive tags: the grid worker sees them, the committee member does not.
            let tagged = try #require(try await Resident.query(on: app.db).filter(\.$tags, .custom("LIKE"), "%,disabled,%")
                .join(Household.self, on: \Resident.$household.$id == \Household.$id)
                .filter(Household.self, \.$compound.$id ~~ (try await Compound.query(on: app.db).filter(\.$code ~~ ["VIC", "RCHJ"]).all().map { $0.id! })).first())
            let asChair = try await app.json(.GET, "/api/v1/residents/\(tagged.id!)", as: callers["wr.chair"]!)
            #expect(asChair.status == .ok)
            #expect(!((asChair.object["tags"] as? [String]) ?? []).contains("disabled"))
            let asStaff = try await app.json(.GET, "/api/v1/residents/\(tagged.id!)", as: callers["station.staff"]!)
            #expect(((asStaff.object["tags"] as? [String]) ?? []).contains("disabled"))

            // Pages: the same slice; signed-out visitors are sent to sign in.
            #expect(try await app.page("/households/\(zhonghai)", as: callers["wr.member"]!).status == .notFound)
            #expect(try await app.page("/households/\(neighbour)", as: callers["wr.member"]!).status == .ok)
            #expect(try await app.page("/households/\(neighbour)", as: callers["resident"]!).status == .notFound)
            #expect(try await app.page("/my", as: callers["resident"]!).status == .ok)
            #expect(try await app.page("/accounts", as: callers["vic.property"]!).status == .forbidden)
            let signedOut = try await app.page("/households/\(neighbour)", as: .anonymous)
            #expect(signedOut.status == .seeOther)
            #expect(signedOut.headers.first(name: .location)?.hasPrefix("/sign-in?next=") == true)
            let tree = try await app.page("/structure/\(demo.subDistrictID)", lang: "en", as: callers["wr.member"]!)
            #expect(tree.text.contains("Weirong") && !tree.text.contains("Zhonghai Mingcheng Residents"))

            // Every link a role is shown on its home and structure pages opens for that role.
            for role in roles where role != "anonymous" {
                let home = try await app.page("/", lang: "en", as: callers[role]!)
                var links = Set(home.text.matches(of: /href="(\/(structure|committees|compounds|grid|dashboards)[^"?#]*)"/).map { String($0.1) })
                for structure in links where structure.hasPrefix("/structure/") {
                    let page = try await app.page(structure, lang: "en", as: callers[role]!)
                    links.formUnion(page.text.matches(of: /href="(\/(committees|compounds)\/[^"?#]*)"/).map { String($0.1) })
                }
                for link in links.sorted() {
                    let status = try await app.page(link, lang: "en", as: callers[role]!).status
                    #expect(status == .ok, "\(role) is shown \(link), which answers \(status.code)")
                }
            }
        }
    }


    @Test("every route declares the access it needs; an undeclared one is refused")
    func everyRouteDeclared() async throws {
        try await withApp { (app: Application) async throws in
            let undeclared = app.routes.all.filter { $0.declaredAccess == nil }.map(\.description)
            #expect(undeclared.isEmpty, "routes without declared access: \(undeclared)")
            app.get("forgotten") { _ in "secret" }
            let r = try await app.json(.GET, "/forgotten")
            #expect(r.status == .forbidden)
            #expect(!r.text.contains("secret"))
        }
    }
}
