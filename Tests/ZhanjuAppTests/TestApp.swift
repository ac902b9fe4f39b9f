import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// Runs a test against a fresh, migrated database: a new SQLite file by default, or a new schema
/// in the PostgreSQL database named by ZHANJU_TEST_DATABASE_URL.
/// `backend` chooses the database regardless of the environment (a test that needs one of each);
/// `empty` leaves the migrated database without even the test's administrator.
enum TestBackend { case environment, sqlite, postgres }

func withApp(today: CivilDate = CivilDate(year: 2026, month: 11, day: 27)!, backend: TestBackend = .environment, empty: Bool = false,
             _ body: (Application) async throws -> Void) async throws {
    let env = ProcessInfo.processInfo.environment
    let database: ZhanjuConfiguration.DatabaseTarget
    let name = "t\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
    var file: String?
    if backend != .sqlite, let url = env["ZHANJU_TEST_DATABASE_URL"], !url.isEmpty {
        database = .postgresSchema(url: url, schema: name)
    } else {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("zhanju-\(name).sqlite").path
        database = .sqliteFile(file!)
    }
    let app = try await Application.make(.testing)
    do {
        try await configure(app, ZhanjuConfiguration(database: database, secretKey: testSecret, passwordCost: 4))
        app.clock = .fixed(today)
        app.storage[TestDatabasePathKey.self] = file
        if case .postgresSchema(_, let schema) = database { app.storage[TestSchemaKey.self] = schema }
        try await app.autoMigrate()
        if !empty { try await app.signInAdministrator() }
        try await body(app)
    } catch {
        try? await cleanUp(app, database)
        try await app.asyncShutdown()
        throw error
    }
    try await cleanUp(app, database)
    try await app.asyncShutdown()
    if let file {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    }
}

/// Runs a test against two application instances on one database, as two server processes (or
/// a server and a CLI command, or two nodes) would be: each has its own connections, caches and
/// in-process write lock, and only the database is shared. The first migrates and holds the
/// test's administrator.
func withTwoApps(_ body: (Application, Application) async throws -> Void) async throws {
    try await withApp { (first: Application) async throws in
        let second = try await Application.make(.testing)
        do {
            let target: ZhanjuConfiguration.DatabaseTarget
            if let file = first.storage[TestDatabasePathKey.self] { target = .sqliteFile(file) }
            else { target = .postgresSchema(url: ProcessInfo.processInfo.environment["ZHANJU_TEST_DATABASE_URL"]!, schema: first.storage[TestSchemaKey.self]!) }
            try await configure(second, ZhanjuConfiguration(database: target, secretKey: testSecret, passwordCost: 4))
            second.clock = first.clock
            second.storage[AdminCallerKey.self] = first.admin
            try await body(first, second)
        } catch {
            try await second.asyncShutdown()
            throw error
        }
        try await second.asyncShutdown()
    }
}

private func cleanUp(_ app: Application, _ database: ZhanjuConfiguration.DatabaseTarget) async throws {
    if case .postgresSchema(_, let schema) = database {
        try await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run()
    }
}

let testSecret = "a test secret that is long enough for the cipher"

/// Who a test request comes from: a bearer token for the API, a session cookie and its CSRF
/// token for pages; `.anonymous` for neither.
struct Caller: Sendable {
    var token: String?
    var cookie: String?
    var csrf: String?
    static let anonymous = Caller()
}

struct AdminCallerKey: StorageKey { typealias Value = Caller }
struct TestDatabasePathKey: StorageKey { typealias Value = String }
struct TestSchemaKey: StorageKey { typealias Value = String }

extension Application {
    /// The administrator every test starts with (created directly: there is no one to create them).
    var admin: Caller { storage[AdminCallerKey.self]! }

    func signInAdministrator() async throws {
        _ = try await AccountService(db: db, context: .system("test", self))
            .create(.init(username: "tester", password: "tester-password", displayName: "测试管理员", resident: nil, administrator: true))
        storage[AdminCallerKey.self] = try await signIn("tester", "tester-password")
    }

    /// Signs in through the API (token) and the sign-in page (cookie), as a user would.
    func signIn(_ username: String, _ password: String) async throws -> Caller {
        let t = try await json(.POST, "/api/v1/auth/token", ["username": username, "password": password, "name": "test"], as: .anonymous)
        #expect(t.status == .created, "token for \(username): \(t.text)")
        var caller = try await signInSession(username, password)
        caller.token = t.object["token"] as? String
        return caller
    }

    /// Signs in on the sign-in page only: a session cookie and its CSRF token, no API token.
    func signInSession(_ username: String, _ password: String) async throws -> Caller {
        let p = try await signInForm(username, password)
        #expect(p.status == .seeOther, "session for \(username): \(p.status)")
        let cookie = p.headers.setCookie?[AccessMiddleware.sessionCookie]?.string
        let session = try await SignInSession.query(on: db).filter(\.$tokenHash == Secret.hash(cookie ?? "")).first()
        return Caller(cookie: cookie, csrf: session?.csrfToken)
    }

    /// Opens the sign-in page, as a browser does, and posts it with the page's CSRF token and cookie.
    func signInForm(_ username: String, _ password: String, next: String? = nil, lang: String = "en") async throws -> TestingHTTPResponse {
        let form = try await testing().sendRequest(.GET, "/sign-in", headers: ["Accept-Language": lang])
        let cookie = form.headers.setCookie?[SignInForm.cookie]?.string ?? ""
        let csrf = form.text.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
        #expect(!cookie.isEmpty && csrf == cookie, "the sign-in form carries its CSRF token")
        var fields = [("_csrf", csrf), ("username", username), ("password", password)]
        if let next { fields.append(("next", next)) }
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        return try await testing().sendRequest(.POST, "/sign-in", headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept-Language": lang,
                                                                          "Cookie": "\(SignInForm.cookie)=\(cookie)"], body: ByteBuffer(string: body))
    }

    /// A JSON request through the whole middleware stack.
    func json(_ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil, lang: String = "en", as caller: Caller? = nil) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Accept-Language": lang, "Content-Type": "application/json"]
        if let token = (caller ?? admin).token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        return try await testing().sendRequest(method, path, headers: headers, body: body.map { ByteBuffer(data: try! JSONSerialization.data(withJSONObject: $0)) })
    }

    func page(_ path: String, lang: String = "zh-Hans", as caller: Caller? = nil) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Accept-Language": lang, "Accept": "text/html"]
        if let cookie = (caller ?? admin).cookie { headers.add(name: .cookie, value: "\(AccessMiddleware.sessionCookie)=\(cookie)") }
        return try await testing().sendRequest(.GET, path, headers: headers)
    }

    func form(_ path: String, _ fields: [(String, String)], lang: String = "en", as caller: Caller? = nil, csrf: Bool = true) async throws -> TestingHTTPResponse {
        let who = caller ?? admin
        let all = fields + (csrf ? who.csrf.map { [("_csrf", $0)] } ?? [] : [])
        let body = all.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&")
        var headers: HTTPHeaders = ["Accept-Language": lang, "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"]
        if let cookie = who.cookie { headers.add(name: .cookie, value: "\(AccessMiddleware.sessionCookie)=\(cookie)") }
        return try await testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }
}

extension TestingHTTPResponse {
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:] }
    var text: String { body.string }
}

/// A small territory built through the API: sub-district → workstation → committee → compound →
/// building → entrance → household, for tests that need a place to put people.
struct Territory {
    var subDistrict: String
    var workstation: String
    var committee: String
    var compound: String
    var building: String
    var entrance: String
    var household: String

    /// `code` tells a second territory apart from the first (codes are unique).
    static func make(_ app: Application, policyExceptions: [String] = [], code: String = "") async throws -> Territory {
        func create(_ path: String, _ body: [String: Any]) async throws -> String {
            let r = try await app.json(.POST, "/api/v1/\(path)", body)
            #expect(r.status == .created, "\(path): \(r.text)")
            return r.object["id"] as! String
        }
        let sd = try await create("sub-districts", ["code": "SD\(code)", "name_zh": "芳草街街道", "name_en": "Fangcao", "policy_exceptions": policyExceptions])
        let ws = try await create("workstations", ["sub_district_id": sd, "code": "WS\(code)", "name_zh": "工作站", "name_en": "Workstation"])
        let rc = try await create("committees", ["workstation_id": ws, "code": "RC\(code)", "name_zh": "居委会", "name_en": "Committee"])
        let c = try await create("compounds", ["committee_id": rc, "code": "C\(code)", "name_zh": "小区", "name_en": "Compound"])
        let b = try await create("buildings", ["compound_id": c, "number": "1", "floors": 6])
        let e = try await create("entrances", ["building_id": b, "number": "1"])
        let h = try await create("households", ["entrance_id": e, "door": "101"])
        return Territory(subDistrict: sd, workstation: ws, committee: rc, compound: c, building: b, entrance: e, household: h)
    }
}

/// The values a browser would send for a page's last form, left as rendered: text inputs and
/// hidden fields with their values, checked boxes, and each select's selected option (its first
/// when none is marked), as a person who changes nothing would submit it.
func renderedForm(_ html: String) -> [(String, String)] {
    guard let start = html.range(of: "<form class=\"edit\"", options: .backwards) else { return [] }
    let form = String(html[start.lowerBound...].prefix { _ in true }.split(separator: "</form>", maxSplits: 1).first ?? "")
    var fields: [(String, String)] = []
    func attribute(_ name: String, in tag: Substring) -> String? {
        tag.firstMatch(of: try! Regex("\(name)=\"([^\"]*)\""))?.output[1].substring.map(String.init)
    }
    for input in form.matches(of: /<input[^>]*>/) {
        let tag = form[input.range]
        guard let name = attribute("name", in: tag) else { continue }
        let type = attribute("type", in: tag) ?? "text"
        if type == "checkbox" { if tag.contains(" checked") { fields.append((name, attribute("value", in: tag) ?? "on")) }; continue }
        fields.append((name, (attribute("value", in: tag) ?? "").replacingOccurrences(of: "&amp;", with: "&")))
    }
    for select in form.matches(of: /<select name="([^"]+)"[^>]*>(.*?)<\/select>/) {
        let options = select.output.2.matches(of: /<option value="([^"]*)"( selected)?>/)
        let chosen = options.first { $0.output.2 != nil } ?? options.first
        fields.append((String(select.output.1), chosen.map { String($0.output.1) } ?? ""))
    }
    return fields
}

extension Application {
    /// The case service as the system on a given day (10:00 China time), for playing a case's
    /// life through the calendar: `on("2026-09-29").open(...)`.
    func caseServiceByDay() async throws -> @Sendable (String) -> CaseService {
        let calendar = try await WorkingCalendar.load(on: db)
        let context = WriteContext(actor: .system("test"), principal: nil, access: access)
        let db = self.db
        return { iso in
            let d = CivilDate(iso: iso)!
            return CaseService(db: db, context: context, calendar: calendar, now: Date(timeIntervalSince1970: Double(d.dayNumber) * 86_400 + 7200), today: d)
        }
    }
}
