import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// What a hand attack pass on the demo found, each held to the rule it broke.
@Suite("Attack pass: scoped administrators, passwords, bursts, assignees and what answers reveal")
struct AttackFindingsTests {
    func signInAttempt(_ app: Application, _ user: String, _ password: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/auth/token", headers: ["Content-Type": "application/json", "Accept-Language": "en"],
                                            body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["username": user, "password": password])))
    }

    @Test("an official of one sub-district administers that sub-district, not the installation's accounts, calendar or catalogue")
    func scopedAdministrator() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            let person = try await app.json(.POST, "/api/v1/residents", ["name": "孙杰", "sex": "male", "birth_date": "1975-02-02", "hukou": "local"])
            let official = try #require(person.object["id"] as? String)
            #expect(try await app.json(.POST, "/api/v1/appointments", ["resident_id": official, "post": "sub_district_official", "body_kind": "sub_district",
                                                                       "body_id": t.subDistrict, "starts_on": "2025-01-01"]).status == .created)
            #expect(try await app.json(.POST, "/api/v1/accounts", ["username": "sd.official", "password": "Correct-Horse-77", "resident": official]).status == .created)
            let caller = try await app.signIn("sd.official", "Correct-Horse-77")
            #expect(try await app.json(.GET, "/api/v1/households/\(t.household)", as: caller).status == .ok, "their sub-district is theirs")
            #expect(try await app.json(.GET, "/api/v1/accounts", as: caller).status == .forbidden)
            #expect(try await app.json(.POST, "/api/v1/accounts", ["username": "evil.admin", "password": "Correct-Horse-77", "administrator": true],
                                       as: caller).status == .forbidden)
            #expect(try await app.json(.POST, "/api/v1/holidays", ["year": 2031, "days": []], as: caller).status == .forbidden)
            #expect(try await app.page("/accounts", as: caller).status == .forbidden)
            #expect(try await app.json(.GET, "/api/v1/accounts").status == .ok, "the installation's administrator still manages accounts")
        }
    }

    @Test("a password with a NUL or an invisible character is refused, and a NUL never signs anyone in")
    func passwordsWithControlCharacters() async throws {
        try await withApp { (app: Application) async throws in
            for bad in ["a\u{0}bcdefghijklmnop", "\u{0}abcdefghijklmnop", "Correct\u{202E}Horse-77"] {
                let r = try await app.json(.POST, "/api/v1/accounts", ["username": "nul.test", "password": bad])
                #expect(r.status == .unprocessableEntity && r.object["code"] as? String == "password.control_character", "\(r.text)")
            }
            #expect(try await app.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": "Correct-Horse-77"]).status == .created)
            #expect(try await signInAttempt(app, "clerk", "Correct-Horse-77\u{0}anything").status == .unauthorized)
        }
    }

    @Test("thirty wrong passwords sent at once: no 5xx, and once the account locks the rest are not even tried")
    func burstOfWrongPasswords() async throws {
        try await withApp { (app: Application) async throws in
            #expect(try await app.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": "Correct-Horse-77"]).status == .created)
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for n in 0..<30 { group.addTask { try await signInAttempt(app, "clerk", "wrong guess \(n)").status.code } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { [401, 429].contains($0) }, "\(statuses)")
            let refused = statuses.filter { $0 == 401 }.count
            let account = try #require(try await Account.query(on: app.db).filter(\.$username == "clerk").first())
            #expect(account.failedSignIns == refused, "every password tried is counted")
            #expect(refused <= 6, "five free tries and the one that locks; the burst's others wait (\(refused) were tried)")
            #expect(try await signInAttempt(app, "clerk", "Correct-Horse-77").status == .tooManyRequests, "the right password waits too")
        }
    }

    @Test("a case goes only to someone who may handle it where it is, and 'mine' lists only cases still theirs to handle")
    func assignees() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let filed = try await app.json(.POST, "/api/v1/cases", ["service_code": "SAF-ORDER", "description": "夜间噪音"], as: f.resident)
            let id = try #require(filed.object["id"] as? String)
            #expect(try await app.json(.POST, "/api/v1/cases/\(id)/actions", ["action": "accept"], as: f.clerk).status == .ok)
            let toResident = try await app.json(.POST, "/api/v1/cases/\(id)/actions", ["action": "dispatch", "assignee": "resident", "note": "n"], as: f.clerk)
            #expect(toResident.status == .unprocessableEntity && toResident.object["field"] as? String == "assignee", "\(toResident.text)")
            #expect(try await app.json(.POST, "/api/v1/cases/\(id)/actions", ["action": "dispatch", "assignee": "worker", "note": "n"], as: f.clerk).status == .ok)
            let mine = try await app.json(.GET, "/api/v1/cases?view=mine", as: f.worker).object
            #expect((mine["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
        }
    }

    @Test("a case names only a person who lives where it is filed")
    func residentOfTheCase() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let other = try await app.json(.POST, "/api/v1/compounds", ["committee_id": f.t.committee, "code": "OTHER", "name_zh": "别处", "name_en": "Elsewhere"])
            let otherID = try #require(other.object["id"] as? String)
            let r = try await app.json(.POST, "/api/v1/cases", ["service_code": "SAF-ORDER", "description": "x", "compound_id": otherID, "resident_id": f.residentID],
                                       as: f.clerk)
            #expect(r.status == .unprocessableEntity && r.object["field"] as? String == "resident_id", "\(r.text)")
            let here = try await app.json(.POST, "/api/v1/cases", ["service_code": "SAF-ORDER", "description": "x", "compound_id": f.t.compound,
                                                                   "resident_id": f.residentID], as: f.clerk)
            #expect(here.status == .created, "\(here.text)")
        }
    }

    @Test("names and descriptions refuse NUL and direction overrides, naming the field")
    func controlCharactersInText() async throws {
        try await withApp { (app: Application) async throws in
            let t = try await Territory.make(app)
            for name in ["N\u{0}UL", "abc\u{202E}txt.exe"] {
                let r = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "head", "name": name, "sex": "male",
                                                                        "birth_date": "1980-01-01", "hukou": "local"])
                #expect(r.status == .unprocessableEntity && r.object["field"] as? String == "name", "\(r.text)")
            }
            let lines = try await app.json(.POST, "/api/v1/residents", ["household_id": t.household, "relation": "head", "name": "李\t强", "sex": "male",
                                                                        "birth_date": "1980-01-01", "hukou": "local"])
            #expect(lines.status == .created, "a tab is fine: \(lines.text)")
        }
    }

    @Test("an API token sent as the session cookie is not a session, cached or not")
    func tokenIsNotACookie() async throws {
        try await withApp { (app: Application) async throws in
            let token = try #require(app.admin.token)
            #expect(try await app.json(.GET, "/api/v1/me").status == .ok, "the token is now cached")
            let asCookie = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Cookie": "\(AccessMiddleware.sessionCookie)=\(token)"])
            #expect(asCookie.status == .unauthorized)
        }
    }

    @Test("Open311 discovery names only a plain host; a household out of reach answers like an unknown one; a case is rated once")
    func smallerLeaks() async throws {
        try await withApp { (app: Application) async throws in
            let hostile = try await app.testing().sendRequest(.GET, "/open311/discovery.json", headers: ["Host": #"evil.com","injected":"1"#])
            #expect(!hostile.text.contains("injected") && hostile.text.contains("http://127.0.0.1/open311/v2/"))
            let f = try await ServiceFixture.make(app)
            let elsewhere = try await Territory.make(app, code: "X")
            func open311(_ address: String) async throws -> UInt {
                let body = "api_key=\(f.resident.token!)&service_code=SAF-ORDER&description=x&address_id=\(address)"
                return try await app.testing().sendRequest(.POST, "/open311/v2/requests.json", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                           body: ByteBuffer(string: body)).status.code
            }
            #expect(try await open311(elsewhere.household) == open311(UUID().uuidString))
            let filed = try await app.json(.POST, "/api/v1/cases", ["service_code": "SAF-ORDER", "description": "楼道灯坏"], as: f.resident)
            let id = try #require(filed.object["id"] as? String)
            for step in [["action": "accept"], ["action": "dispatch", "note": "请处理"], ["action": "resolve", "note": "已修"]] {
                #expect(try await app.json(.POST, "/api/v1/cases/\(id)/actions", step, as: f.clerk).status == .ok)
            }
            #expect(try await app.json(.POST, "/api/v1/cases/\(id)/rating", ["rating": 5], as: f.resident).status == .ok)
            #expect(try await app.json(.POST, "/api/v1/cases/\(id)/rating", ["rating": 1], as: f.resident).status == .conflict)
            let mine = try await app.json(.GET, "/api/v1/my/household", as: f.resident)
            #expect(mine.headers.first(name: .cacheControl) == "no-store")
        }
    }
}
