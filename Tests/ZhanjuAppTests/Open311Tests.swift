import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// GeoReport v2 as an existing Open311 client speaks it: form-encoded POSTs with api_key and
/// attribute[code], JSON and XML replies, errors as a list of {code, description}.
@Suite("Open311 GeoReport v2")
struct Open311Tests {
    func get(_ app: Application, _ path: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.GET, path, headers: ["Accept-Language": "en"])
    }

    func post(_ app: Application, _ path: String, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        let body = fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        return try await app.testing().sendRequest(.POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en"], body: ByteBuffer(string: body))
    }

    func array(_ r: TestingHTTPResponse) -> [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(buffer: r.body))) as? [[String: Any]] ?? [] }

    @Test("list services, read a definition, file a request with attributes, read it back, in JSON and XML")
    func roundTrip() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let services = try await get(app, "/open311/v2/services.json")
            #expect(services.status == .ok)
            let hazard = try #require(array(services).first { $0["service_code"] as? String == "SAF-HAZ" })
            #expect(hazard["metadata"] as? Bool == true)
            #expect(hazard["type"] as? String == "realtime")
            #expect(hazard["service_name"] as? String == "Safety hazard report")
            let definition = try await get(app, "/open311/v2/services/SAF-HAZ.json").object
            let attrs = definition["attributes"] as? [[String: Any]] ?? []
            #expect(attrs.first?["code"] as? String == "hazard")
            #expect(attrs.first?["datatype"] as? String == "singlevaluelist")
            #expect((attrs.first?["values"] as? [[String: Any]])?.contains { $0["key"] as? String == "gas" } == true)
            let xml = try await get(app, "/open311/v2/services.xml")
            #expect(xml.headers.contentType?.subType == "xml")
            #expect(xml.text.hasPrefix("<?xml") && xml.text.contains("<service><service_code>"))

            let created = try await post(app, "/open311/v2/requests.json", [("api_key", f.resident.token!), ("service_code", "SAF-HAZ"), ("lat", "30.58"), ("long", "104.05"),
                                                                             ("attribute[hazard]", "gas"), ("description", "Smell of gas by the garages"),
                                                                             ("email", "someone@example.org"), ("phone", "13812345678")])
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(array(created).first?["service_request_id"] as? String)
            #expect(array(created).first?["service_notice"] as? String != nil)

            let one = array(try await get(app, "/open311/v2/requests/\(id).json"))
            #expect(one.count == 1)
            #expect(one.first?["status"] as? String == "open")
            #expect(one.first?["service_code"] as? String == "SAF-HAZ")
            #expect(one.first?["lat"] as? Double == 30.58)
            #expect(one.first?["expected_datetime"] as? String != nil)
            #expect(!(try await get(app, "/open311/v2/requests/\(id).json")).text.contains("13812345678"), "no personal data in public replies")
            let listed = array(try await get(app, "/open311/v2/requests.json?service_code=SAF-HAZ&status=open&page_size=10&page=1"))
            #expect(listed.map { $0["service_request_id"] as? String } == [id])
            #expect(array(try await get(app, "/open311/v2/requests.json?status=closed")).isEmpty)
            let oneXML = try await get(app, "/open311/v2/requests/\(id).xml")
            #expect(oneXML.text.contains("<service_requests><request><service_request_id>\(id)</service_request_id>"))

            // The same case staff work on: it is in the clerk's queue, and closing it shows in Open311.
            let queue = try await app.json(.GET, "/api/v1/cases?view=body", as: f.clerk).text
            #expect(queue.contains(id))
            let caseID = try #require(try await Case.query(on: app.db).filter(\.$number == id).first()?.id)
            for (action, note) in [("accept", ""), ("dispatch", ""), ("resolve", "燃气公司已检修")] {
                #expect(try await app.json(.POST, "/api/v1/cases/\(caseID)/actions", ["action": action, "note": note], as: f.clerk).status == .ok)
            }
            let closed = array(try await get(app, "/open311/v2/requests/\(id).json")).first
            #expect(closed?["status"] as? String == "closed")
            // Public: how it ended, in a fixed word; staff notes and rating comments stay inside.
            #expect(closed?["status_notes"] as? String == "Resolved")
            #expect(!(try await get(app, "/open311/v2/requests/\(id).json")).text.contains("燃气公司已检修"))
        }
    }

    @Test("errors follow the standard: a list of code and description, with the HTTP status")
    func errors() async throws {
        try await withApp { (app: Application) async throws in
            let f = try await ServiceFixture.make(app)
            let badKey = try await post(app, "/open311/v2/requests.json", [("api_key", "nope"), ("service_code", "SAF-HAZ"), ("lat", "1"), ("long", "1")])
            #expect(badKey.status == .forbidden)
            #expect(array(badKey).first?["code"] as? Int == 403)
            let noCode = try await post(app, "/open311/v2/requests.json", [("api_key", f.resident.token!), ("lat", "1"), ("long", "1")])
            #expect(noCode.status == .badRequest)
            let noPlace = try await post(app, "/open311/v2/requests.json", [("api_key", f.resident.token!), ("service_code", "SAF-HAZ")])
            #expect(noPlace.status == .badRequest)
            let missingAttribute = try await post(app, "/open311/v2/requests.json", [("api_key", f.resident.token!), ("service_code", "SAF-HAZ"), ("lat", "30"), ("long", "104")])
            #expect(missingAttribute.status == .badRequest)
            #expect((array(missingAttribute).first?["description"] as? String)?.contains("attribute[hazard]") == true)
            let unknown = try await get(app, "/open311/v2/services/NOPE.xml")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("<errors><error><code>404</code>"))
            // A resident's key cannot file for someone else's household.
            let other = try await post(app, "/open311/v2/requests.json", [("api_key", f.resident.token!), ("service_code", "SAF-ORDER"), ("address_id", f.t.compound),
                                                                           ("description", "x")])
            #expect(other.status == .badRequest, "answered like an address that does not exist")
        }
    }
}
