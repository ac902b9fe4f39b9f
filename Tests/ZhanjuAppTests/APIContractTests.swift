import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// What schemathesis holds the server to, pinned where it is cheap to run: the statuses and shapes
/// the OpenAPI document promises.
@Suite("The API keeps the contract its document states")
struct APIContractTests {
    @Test("a method a known path does not answer is 405 with Allow, not 404; an unknown path stays 404")
    func methodNotAllowed() async throws {
        try await withApp { (app: Application) async throws in
            let trace = try await app.json(.TRACE, "/api/v1/committees")
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers.first(name: "Allow") == "GET, HEAD, POST")
            #expect(trace.headers.contentType?.subType == "problem+json")
            let patch = try await app.json(.PATCH, "/api/v1/cases/\(UUID())")
            #expect(patch.status == .methodNotAllowed)
            #expect(try await app.json(.TRACE, "/api/v1/no-such-thing").status == .notFound)
        }
    }

    @Test("a download without credentials: a browser is sent to sign in, a script is told 401")
    func downloadsWithoutCredentials() async throws {
        try await withApp { (app: Application) async throws in
            let browser = try await app.testing().sendRequest(.GET, "/my/export.json", headers: ["Accept": "text/html"])
            #expect(browser.status == .seeOther)
            let script = try await app.testing().sendRequest(.GET, "/my/export.json", headers: ["Accept": "application/json"])
            #expect(script.status == .unauthorized)
            #expect(script.headers.first(name: .wwwAuthenticate) != nil)
            let anything = try await app.testing().sendRequest(.GET, "/my/export.csv", headers: ["Accept": "*/*"])
            #expect(anything.status == .unauthorized)
        }
    }

    @Test("times are RFC 3339 strings, not seconds since 2001")
    func rfc3339() async throws {
        try await withApp { (app: Application) async throws in
            let r = try await app.json(.POST, "/api/v1/tokens", ["name": "laptop", "expires_in_days": 1])
            #expect(r.status == .created)
            let created = try #require(r.object["created_at"] as? String)
            #expect(ISO8601DateFormatter().date(from: created) != nil, "\(created)")
        }
    }

    @Test("a field of the wrong type is a 400 naming the JSON field, not the Swift property")
    func decodingErrorNamesJSONField() async throws {
        try await withApp { (app: Application) async throws in
            let r = try await app.json(.POST, "/api/v1/compounds", ["committee_id": 12, "code": "X"])
            #expect(r.status == .badRequest)
            #expect(r.object["field"] as? String == "committee_id")
        }
    }

    @Test("an administrator cannot disable or reset their own account (409); another's, yes")
    func noSelfLockout() async throws {
        try await withApp { (app: Application) async throws in
            let me = try #require((try await app.json(.GET, "/api/v1/me").object["account"] as? [String: Any])?["id"] as? String)
            #expect(try await app.json(.POST, "/api/v1/accounts/\(me)/disable").status == .conflict)
            #expect(try await app.json(.POST, "/api/v1/accounts/\(me)/reset-password", ["new_password": "another password"]).status == .conflict)
            #expect(try await app.json(.GET, "/api/v1/me").status == .ok)
            let other = try #require(try await app.json(.POST, "/api/v1/accounts", ["username": "clerk", "password": "right password"]).object["id"] as? String)
            #expect(try await app.json(.POST, "/api/v1/accounts/\(other)/disable").status == .ok)
        }
    }

    @Test("a repeated parameter and an unknown filter value are 400 naming the parameter, not ignored or 422")
    func strictQuery() async throws {
        try await withApp { (app: Application) async throws in
            for path in ["/api/v1/committees?per=abc&per=", "/api/v1/residents?tag=bogus", "/api/v1/corrections?status=bogus",
                         "/api/v1/organisations?kind=bogus", "/api/v1/appointments?post=bogus"] {
                let r = try await app.json(.GET, path)
                #expect(r.status == .badRequest, "\(path)")
                #expect(r.object["field"] as? String == String(path.split(separator: "?")[1].prefix { $0 != "=" }), "\(path)")
            }
            #expect(try await app.json(.GET, "/open311/v2/requests.json?page_size=abc&page_size=", as: .anonymous).status == .badRequest)
        }
    }

    @Test("Open311 refuses a malformed page_size instead of ignoring it")
    func open311Paging() async throws {
        try await withApp { (app: Application) async throws in
            #expect(try await app.json(.GET, "/open311/v2/requests.json?page_size=abc", as: .anonymous).status == .badRequest)
            #expect(try await app.json(.GET, "/open311/v2/requests.json?page=0", as: .anonymous).status == .badRequest)
            #expect(try await app.json(.GET, "/open311/v2/requests.json?page_size=10", as: .anonymous).status == .ok)
        }
    }

    @Test("the audit digest keeps Foundation's date form whatever the API's encoder does")
    func auditDigestUnchanged() throws {
        struct Stamped: Encodable { var at: Date }
        let value = Stamped(at: Date(timeIntervalSinceReferenceDate: 807_152_400))
        // The form every existing chain was written with: seconds since 2001.
        #expect(AuditTrail.digest(value) == HashChain.digest("{\"at\":807152400}"))
    }

    @Test("the document names its security, closed sets and required fields")
    func documentIsSpecific() async throws {
        try await withApp { (app: Application) async throws in
            let doc = try await app.json(.GET, "/api/openapi.json").object
            let components = try #require(doc["components"] as? [String: Any])
            #expect((components["securitySchemes"] as? [String: Any])?["bearer"] != nil)
            let paths = try #require(doc["paths"] as? [String: [String: [String: Any]]])
            #expect((paths["/healthz"]?["get"]?["security"] as? [Any])?.isEmpty == true)
            #expect((paths["/api/v1/me"]?["get"]?["security"] as? [[String: Any]])?.first?["bearer"] != nil)
            #expect((paths["/api/v1/me"]?["get"]?["responses"] as? [String: Any])?["401"] != nil)
            let schemas = try #require(components["schemas"] as? [String: [String: Any]])
            let status = (schemas["Case"]?["properties"] as? [String: [String: Any]])?["status"]
            #expect(status?["enum"] as? [String] == CaseStatus.allCases.map(\.rawValue))
            #expect((schemas["Case"]?["required"] as? [String])?.contains("number") == true)
            let reported = (schemas["Case"]?["properties"] as? [String: [String: Any]])?["reported_at"]
            #expect(reported?["format"] as? String == "date-time")
        }
    }
}

@Suite("Every list pages")
struct ListPagingTests {
    @Test("accounts and visits come a page at a time, and refuse an out-of-range page naming it")
    func accountsAndVisits() async throws {
        try await withApp { (app: Application) async throws in
            for name in ["aaa.clerk", "bbb.clerk"] {
                #expect(try await app.json(.POST, "/api/v1/accounts", ["username": name, "password": "right password"]).status == .created)
            }
            let second = try await app.json(.GET, "/api/v1/accounts?per=1&page=2")
            let names = ((try? JSONSerialization.jsonObject(with: Data(buffer: second.body))) as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
            #expect(names == ["bbb.clerk"])
            let bad = try await app.json(.GET, "/api/v1/accounts?page=0")
            #expect(bad.status == .badRequest && bad.object["field"] as? String == "page")
            let visits = try await app.json(.GET, "/api/v1/visits?per=501")
            #expect(visits.status == .badRequest && visits.object["field"] as? String == "per")
        }
    }
}
