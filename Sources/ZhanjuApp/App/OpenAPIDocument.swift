import Foundation
import Vapor

/// The OpenAPI 3.1 document served at /api/openapi.json. Routes add themselves as they are
/// registered; a test compares the document with the router so neither can drift.
struct OpenAPIDocument: Sendable {
    private(set) var paths: [String: [String: Operation]] = [:]
    private(set) var schemas: [String: Schema] = [:]

    struct Operation: Encodable, Sendable {
        var summary: String
        var operationId: String
        var tags: [String]
        var parameters: [Parameter]
        var requestBody: Body?
        var responses: [String: Reply]
    }
    struct Parameter: Encodable, Sendable {
        var name: String
        var `in`: String
        var required: Bool
        var schema: Schema
    }
    struct Body: Encodable, Sendable {
        var required: Bool
        var content: [String: MediaContent]
    }
    struct MediaContent: Encodable, Sendable { var schema: Schema }
    struct Reply: Encodable, Sendable {
        var description: String
        var content: [String: MediaContent]?
    }
    final class Schema: Encodable, @unchecked Sendable {
        var ref: String?
        var type: [String]?
        var format: String?
        var properties: [String: Schema]?
        var items: Schema?
        var required: [String]?
        init(ref: String? = nil, type: [String]? = nil, format: String? = nil, properties: [String: Schema]? = nil, items: Schema? = nil, required: [String]? = nil) {
            (self.ref, self.type, self.format, self.properties, self.items, self.required) = (ref, type, format, properties, items, required)
        }
        enum CodingKeys: String, CodingKey { case ref = "$ref", type, format, properties, items, required }
        static func named(_ name: String) -> Schema { Schema(ref: "#/components/schemas/\(name)") }
        static let string = Schema(type: ["string"])
        static let integer = Schema(type: ["integer"])
        static let uuid = Schema(type: ["string"], format: "uuid")
    }

    static let problem = MediaContent(schema: .named("Problem"))

    init() {
        schemas["Problem"] = Schema(type: ["object"], properties: [
            "type": .string, "title": .string, "status": .integer, "detail": .string, "code": .string,
            "field": Schema(type: ["string", "null"]), "instance": .string,
        ], required: ["type", "title", "status", "detail", "code"])
    }

    mutating func add(_ method: String, _ path: String, _ operation: Operation) {
        paths[path, default: [:]][method.lowercased()] = operation
    }

    mutating func addSchema(_ name: String, _ schema: Schema) { schemas[name] = schema }

    /// One operation with the usual error replies; `schema` names a component described from an example.
    mutating func operation(_ method: String, _ path: String, _ summary: String, id: String, tag: String, body: String? = nil,
                            status: String = "200", schema: String? = nil, array: Bool = false, query: [String] = []) {
        let json = "application/json"
        let problem = ["application/problem+json": Self.problem]
        var params = query.map { Parameter(name: $0, in: "query", required: false, schema: .string) }
        for segment in path.split(separator: "/") where segment.hasPrefix("{") {
            params.append(Parameter(name: String(segment.dropFirst().dropLast()), in: "path", required: true, schema: .uuid))
        }
        let content = schema.map { [json: MediaContent(schema: array ? Schema(type: ["array"], items: .named($0)) : .named($0))] }
        add(method, path, Operation(summary: summary, operationId: id, tags: [tag], parameters: params,
                                    requestBody: body.map { Body(required: true, content: [json: MediaContent(schema: .named($0))]) },
                                    responses: [status: Reply(description: summary, content: content),
                                                "401": Reply(description: "Not signed in", content: problem),
                                                "403": Reply(description: "Not permitted", content: problem),
                                                "404": Reply(description: "Not found (or outside the caller's reach)", content: problem),
                                                "422": Reply(description: "A field breaks a rule", content: problem)]))
    }

    mutating func addResource<R: RegistryResource>(_ type: R.Type) {
        let name = String(describing: R.self).replacingOccurrences(of: "Resource", with: "")
        schemas[name] = Self.schema(describing: R.example)
        schemas[name + "List"] = Schema(type: ["object"], properties: [
            "items": Schema(type: ["array"], items: .named(name)), "page": .integer, "per": .integer, "total": .integer,
        ], required: ["items", "page", "per", "total"])
        let json = "application/json"
        let errors: [String: Reply] = [
            "400": Reply(description: "Malformed request", content: ["application/problem+json": Self.problem]),
            "404": Reply(description: "Not found", content: ["application/problem+json": Self.problem]),
            "409": Reply(description: "Conflicts with existing records or the appointment policy", content: ["application/problem+json": Self.problem]),
            "422": Reply(description: "A field breaks a rule", content: ["application/problem+json": Self.problem]),
        ]
        let idParam = Parameter(name: "id", in: "path", required: true, schema: .uuid)
        let listParams = (["page", "per"].map { Parameter(name: $0, in: "query", required: false, schema: .integer) })
            + R.filters.map { Parameter(name: $0, in: "query", required: false, schema: .string) }
        let body = Body(required: true, content: [json: MediaContent(schema: .named(name))])
        let one = [json: MediaContent(schema: .named(name))]
        add("GET", "/api/v1/\(R.path)", Operation(summary: "List \(R.label.en)", operationId: "list\(name)", tags: [name], parameters: listParams, requestBody: nil,
                                                   responses: ["200": Reply(description: "A page", content: [json: MediaContent(schema: .named(name + "List"))])].merging(errors) { a, _ in a }))
        add("POST", "/api/v1/\(R.path)", Operation(summary: "Create \(R.label.en)", operationId: "create\(name)", tags: [name], parameters: [], requestBody: body,
                                                    responses: ["201": Reply(description: "Created", content: one)].merging(errors) { a, _ in a }))
        if !R.hasOwnReadRoute {
            add("GET", "/api/v1/\(R.path)/{id}", Operation(summary: "Read \(R.label.en)", operationId: "read\(name)", tags: [name], parameters: [idParam], requestBody: nil,
                                                            responses: ["200": Reply(description: "The record", content: one)].merging(errors) { a, _ in a }))
        }
        add("PUT", "/api/v1/\(R.path)/{id}", Operation(summary: "Update \(R.label.en)", operationId: "update\(name)", tags: [name], parameters: [idParam], requestBody: body,
                                                        responses: ["200": Reply(description: "Updated", content: one)].merging(errors) { a, _ in a }))
    }

    /// Describes a value by reflection, so a field added to a resource appears in the document
    /// without anyone remembering to add it. Examples fill every field, so nothing is guessed.
    static func schema(describing value: Any) -> Schema {
        switch value {
        case is String: return .string
        case is UUID: return .uuid
        case is Int: return .integer
        case is Bool: return Schema(type: ["boolean"])
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return schema(forType: type(of: value)) }
            let inner = schema(describing: wrapped)
            if inner.ref != nil { return inner }
            return Schema(ref: nil, type: (inner.type ?? []) + ["null"], format: inner.format, properties: inner.properties, items: inner.items)
        case .collection:
            return Schema(type: ["array"], items: mirror.children.first.map { schema(describing: $0.value) } ?? .string)
        default:
            var props: [String: Schema] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                props[snakeCase(label)] = schema(describing: child.value)
            }
            return Schema(type: ["object"], properties: props)
        }
    }

    static func schema(forType t: Any.Type) -> Schema {
        switch t {
        case is String?.Type: return Schema(type: ["string", "null"])
        case is UUID?.Type: return Schema(type: ["string", "null"], format: "uuid")
        case is Int?.Type: return Schema(type: ["integer", "null"])
        case is Bool?.Type: return Schema(type: ["boolean", "null"])
        case is [String]?.Type: return Schema(type: ["array", "null"], items: .string)
        default: return Schema(type: ["object", "null"])
        }
    }

    static func snakeCase(_ name: String) -> String {
        var out = ""
        for ch in name {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    func json() throws -> Data {
        struct Doc: Encodable {
            var openapi = "3.1.0"
            var info: [String: String]
            var paths: [String: [String: Operation]]
            var components: [String: [String: Schema]]
        }
        let doc = Doc(info: ["title": "Zhanju API", "version": "1.0.0",
                             "description": "Registry of the one-workstation-many-committees structure (一站多居). Errors are RFC 9457 problem+json."],
                      paths: paths, components: ["schemas": schemas])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(doc)
    }
}
