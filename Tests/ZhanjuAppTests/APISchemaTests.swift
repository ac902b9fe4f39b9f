import Foundation
import OpenAPIKit
import Testing
import Vapor
@testable import ZhanjuApp
import ZhanjuRules

/// The document's schemas are written by hand per type (`APISchema`), not derived from values:
/// these tests hold each one to its Swift type, so a field added to a type and not to its schema,
/// or a schema that promises what the type cannot hold, fails here.
@Suite("Each body type's schema matches the type")
struct APISchemaTests {
    /// Every component written for a Swift type, with a filled value of that type.
    static var examples: [(component: String, value: any Encodable)] {
        var all: [(String, any Encodable)] = [
            ("Token", AccountService.TokenView.example),
            ("SignIn", AccessAPI.Credentials(username: "u", password: "p", name: "n", expiresInDays: 30)),
            ("NewToken", AccessAPI.NewToken(name: "n", expiresInDays: 30)),
            ("Me", AccessAPI.Me.example),
            ("Account", AccountService.AccountView.example),
            ("NewAccount", AccountService.NewAccount(username: "u", password: "p", displayName: "d", resident: "r", administrator: false)),
            ("PasswordReset", AccessAPI.Reset(newPassword: "a temporary password")),
            ("Revealed", PersonalData.Revealed.example),
            ("RevealRequest", PersonalData.RevealRequest(field: "phone", reason: "r")),
            ("HouseholdExport", PersonalData.Export.example),
            ("Correction", Corrections.View.example),
            ("NewCorrection", Corrections.NewRequest(residentId: UUID(), field: "phone", requestedValue: "v", explanation: "e")),
            ("CorrectionAnswer", Corrections.Answer(decision: "accepted", answer: "a")),
            ("AccessRecord", AccessLog.Entry.example),
            ("AuditVerification", AccessAPI.Verification.example),
            ("ServiceAttribute", ServiceItemInput.example.attributes![0]),
            ("ServiceItem", ServicesAPI.ItemView.example),
            ("ServiceItemInput", ServiceItemInput.example),
            ("Case", CaseView.example),
            ("NewCase", CaseService.OpenInput.example),
            ("CaseAction", CaseService.ActInput.example),
            ("CaseRating", ServicesAPI.Rating(rating: 5, comment: "及时")),
            ("Visit", VisitLog.View.example),
            ("NewVisit", VisitLog.Input.example),
            ("Dashboard", Dashboard.example),
            ("Holiday", ServicesAPI.HolidayView(date: "2027-01-01", kind: "holiday", nameZh: "元旦", nameEn: "New Year")),
            ("HolidayYear", ServicesAPI.HolidayYear(csv: "date,kind,name_zh,name_en\n2027-01-01,holiday,元旦,New Year")),
            ("Added", ServicesAPI.Added(added: 1)),
            ("HouseholdDetail", HouseholdDetail.example),
            ("CompoundDwellings", DwellingsAPI.RegisterView.example),
            ("CompoundDwellingsInput", DwellingsAPI.RegisterInput.example),
        ]
        for resource in RegistryAPI.resources {
            all.append((String(describing: resource).replacingOccurrences(of: "Resource", with: ""), resource.example))
        }
        all += ElectionExamples.all
        all += CouncilExamples.all
        all += SurveyExamples.all
        return all
    }

    static func document() async throws -> (OpenAPI.Document, JSONValue) {
        var result: (OpenAPI.Document, JSONValue)?
        try await withApp { (app: Application) async throws in
            let document = try #require(app.storage[OpenAPIDocumentKey.self])
            let served = try await app.json(.GET, "/api/openapi.json")
            result = (document.document, try JSONDecoder().decode(JSONValue.self, from: Data(buffer: served.body)))
        }
        return try #require(result)
    }

    @Test("the served document is what OpenAPIKit builds, and passes its validation (refs resolve, ids unique, path parameters defined)")
    func validates() async throws {
        let (document, served) = try await Self.document()
        #expect(document.openAPIVersion == .v3_1_0)
        try document.validate()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try JSONDecoder().decode(JSONValue.self, from: encoder.encode(document)) == served)
    }

    @Test("every type's filled example, encoded as the API encodes it, satisfies its schema and uses no field the schema lacks")
    func examplesSatisfySchemas() async throws {
        let (_, served) = try await Self.document()
        let schemas = try #require(served["components"]?["schemas"])
        let encoder = try #require(try ContentConfiguration.global.requireEncoder(for: .json) as? JSONEncoder)
        var described = Set<String>()
        for (name, value) in Self.examples {
            let schema = try #require(schemas[name], "no component \(name)")
            let json = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
            let problems = SchemaCheck(components: schemas).problems(json, schema, at: name)
            #expect(problems.isEmpty, "\(name): \(problems)")
            described.insert(name)
        }
        // Components not written for a Swift body type: lists, Open311's hand-built shapes, health.
        let others: Set<String> = ["Problem", "CaseList", "StructureTree", "Health", "Readiness"]
        let left = Set(schemas.objectKeys).subtracting(described).subtracting(others)
            .filter { !$0.hasSuffix("List") && !$0.hasPrefix("Open311") }
        #expect(left.isEmpty, "components without an example checked here: \(left.sorted())")
    }

    @Test("a schema names exactly the fields of its type (a field left nil in the example counts too)")
    func schemasNameEveryField() async throws {
        let (_, served) = try await Self.document()
        let schemas = try #require(served["components"]?["schemas"])
        for (name, value) in Self.examples {
            let fields = Set(Mirror(reflecting: value).children.compactMap { $0.label.map(OpenAPIDocument.snakeCase) })
            let properties = Set(schemas[name]?["properties"]?.objectKeys ?? [])
            #expect(fields == properties, "\(name): missing \(fields.subtracting(properties).sorted()), extra \(properties.subtracting(fields).sorted())")
        }
    }

    @Test("a field the schema lets be null is one the decoder reads as absent: every nullable field of a request body set to null still decodes")
    func nullableFieldsDecode() async throws {
        let (_, served) = try await Self.document()
        let schemas = try #require(served["components"]?["schemas"])
        let decoder = try #require(try ContentConfiguration.global.requireDecoder(for: .json) as? JSONDecoder)
        func nulls(_ name: String) throws -> Data {
            var object: [String: Any] = [:]
            for (key, property) in schemas[name]?["properties"]?.object ?? [:] where property["type"]?.strings.contains("null") == true {
                object[key] = NSNull()
            }
            return try JSONSerialization.data(withJSONObject: object)
        }
        _ = try decoder.decode(AccessAPI.Credentials.self, from: try nulls("SignIn"))
        _ = try decoder.decode(AccessAPI.NewToken.self, from: try nulls("NewToken"))
        _ = try decoder.decode(AccessAPI.Reset.self, from: try nulls("PasswordReset"))
        _ = try decoder.decode(AccountService.NewAccount.self, from: try nulls("NewAccount"))
        _ = try decoder.decode(PersonalData.RevealRequest.self, from: try nulls("RevealRequest"))
        _ = try decoder.decode(Corrections.NewRequest.self, from: try nulls("NewCorrection"))
        _ = try decoder.decode(Corrections.Answer.self, from: try nulls("CorrectionAnswer"))
        _ = try decoder.decode(ServiceItemInput.self, from: try nulls("ServiceItemInput"))
        _ = try decoder.decode(CaseService.OpenInput.self, from: try nulls("NewCase"))
        _ = try decoder.decode(CaseService.ActInput.self, from: try nulls("CaseAction"))
        _ = try decoder.decode(ServicesAPI.Rating.self, from: try nulls("CaseRating"))
        _ = try decoder.decode(VisitLog.Input.self, from: try nulls("NewVisit"))
        _ = try decoder.decode(ServicesAPI.HolidayYear.self, from: try nulls("HolidayYear"))
        for resource in RegistryAPI.resources {
            let name = String(describing: resource).replacingOccurrences(of: "Resource", with: "")
            _ = try decoder.decode(resource, from: try nulls(name))
        }
    }
}

/// JSON as read back, to compare and check without Foundation's number bridging.
indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Int.self) { self = .int(v) }
        else if let v = try? c.decode(Double.self) { self = .double(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([JSONValue].self) { self = .array(v) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    subscript(key: String) -> JSONValue? { if case .object(let o) = self { return o[key] } else { return nil } }
    var object: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    var objectKeys: [String] { object.map { Array($0.keys) } ?? [] }
    /// A `type` keyword's names, whether written as a string or a list.
    var strings: [String] {
        switch self {
        case .string(let s): return [s]
        case .array(let a): return a.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        default: return []
        }
    }
}

/// The subset of JSON Schema the document uses, checked strictly: an object may hold only the
/// properties its schema names (unless it sets `additionalProperties`).
struct SchemaCheck {
    let components: JSONValue

    func problems(_ value: JSONValue, _ schema: JSONValue, at path: String) -> [String] {
        // The schema `true` admits any value (the ballot log's parts that ZhanjuRules defines).
        if schema == .bool(true) { return [] }
        if case .string(let ref) = schema["$ref"] {
            guard let target = components[String(ref.split(separator: "/").last ?? "")] else { return ["\(path): unresolved \(ref)"] }
            return problems(value, target, at: path)
        }
        if case .array(let options) = schema["anyOf"] {
            return options.contains { problems(value, $0, at: path).isEmpty } ? [] : ["\(path): matches no anyOf option"]
        }
        var found: [String] = []
        let types = schema["type"]?.strings ?? []
        if !types.isEmpty, !types.contains(where: { Self.matches(value, $0) }) { return ["\(path): \(value) is not \(types)"] }
        if case .array(let allowed) = schema["enum"], !allowed.contains(value) { found.append("\(path): \(value) not in enum") }
        if let constant = schema["const"], constant != value { found.append("\(path): \(value) is not \(constant)") }
        switch value {
        case .string(let s):
            if case .string(let pattern) = schema["pattern"], s.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): \(s) does not match \(pattern)")
            }
            if schema["format"] == .string("date-time"), ISO8601DateFormatter().date(from: s) == nil { found.append("\(path): \(s) is not a date-time") }
        case .int(let n):
            if case .int(let min) = schema["minimum"], n < min { found.append("\(path): \(n) < \(min)") }
            if case .int(let max) = schema["maximum"], n > max { found.append("\(path): \(n) > \(max)") }
        case .array(let items):
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() { found += problems(item, itemSchema, at: "\(path)[\(i)]") }
            }
        case .object(let fields):
            let properties = schema["properties"]?.object ?? [:]
            for name in schema["required"]?.strings ?? [] where fields[name] == nil {
                found.append("\(path).\(name): required but missing")
            }
            for (name, field) in fields {
                if let property = properties[name] { found += problems(field, property, at: "\(path).\(name)") }
                else if let extra = schema["additionalProperties"] { found += problems(field, extra, at: "\(path).\(name)") }
                else { found.append("\(path).\(name): not in the schema") }
            }
        default: break
        }
        return found
    }

    static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.bool, "boolean"), (.int, "integer"), (.int, "number"), (.double, "number"), (.string, "string"),
             (.array, "array"), (.object, "object"): return true
        default: return false
        }
    }
}
