import Foundation
import Vapor
import ZhanjuRules

/// The OpenAPI 3.1 document served at /api/openapi.json. Routes add themselves as they are
/// registered; a test compares the document with the router so neither can drift, and
/// schemathesis (scripts/schemathesis.sh) holds the server to what it says.
struct OpenAPIDocument: Sendable {
    private(set) var paths: [String: [String: Operation]] = [:]
    var schemas: [String: Schema] = [:]

    struct Operation: Encodable, Sendable {
        var summary: String
        var operationId: String
        var tags: [String]
        var parameters: [Parameter]
        var requestBody: Body?
        var responses: [String: Reply]
        /// `[]` for open routes, the bearer scheme otherwise (set from the router, see `secure`).
        var security: [[String: [String]]]?
    }
    struct Parameter: Encodable, Sendable {
        var name: String
        var `in`: String
        var required: Bool
        var schema: Schema
        /// `emptyIsAbsent`: the handler reads `?name=` as no value (QueryParameters does).
        static func query(_ name: String, _ schema: Schema = .string, emptyIsAbsent: Bool = true) -> Parameter {
            Parameter(name: name, in: "query", required: false, schema: emptyIsAbsent ? schema.orEmpty() : schema)
        }
    }
    struct Body: Encodable, Sendable {
        var required: Bool
        var content: [String: MediaContent]
    }
    struct MediaContent: Encodable, Sendable { var schema: Schema }
    struct Reply: Encodable, Sendable {
        var description: String
        var content: [String: MediaContent]?
        var headers: [String: Header]?
        init(description: String, content: [String: MediaContent]? = nil, headers: [String: Header]? = nil) {
            (self.description, self.content, self.headers) = (description, content, headers)
        }
    }
    struct Header: Encodable, Sendable { var schema: Schema; var description: String }

    static let problem = MediaContent(schema: .named("Problem"))
    static let json = "application/json"

    /// Every error status an API route can answer, and why. A route lists the ones its code can
    /// produce; 401 and 403 come from its declared access (`secure`).
    static func errorReply(_ status: Int) -> Reply {
        let problem = ["application/problem+json": Self.problem]
        switch status {
        case 400: return Reply(description: "Malformed request: a body that is not JSON of this shape, or a malformed query parameter (`field` names it)", content: problem)
        case 401: return Reply(description: "No valid bearer token (missing, expired, revoked, or its account disabled)", content: problem,
                               headers: ["WWW-Authenticate": Header(schema: .string, description: "Bearer realm=\"zhanju\"")])
        case 403: return Reply(description: "The caller lacks the permission, or must change a reset password first", content: problem)
        case 404: return Reply(description: "Not found (or outside the caller's reach)", content: problem)
        case 409: return Reply(description: "Conflicts with existing records, the record's state, or the appointment policy", content: problem)
        case 413: return Reply(description: "Body too large", content: problem)
        case 415: return Reply(description: "Body is not application/json", content: problem)
        case 422: return Reply(description: "A field breaks a rule (`field` names it)", content: problem)
        case 429: return Reply(description: "Too many failed sign-ins: wait before trying again", content: problem)
        default: return Reply(description: HTTPResponseStatus(statusCode: status).reasonPhrase, content: problem)
        }
    }

    /// Errors any route with a JSON body can answer before its handler decides anything.
    static let bodyErrors: Set<Int> = [400, 413, 415, 422]

    init() {
        schemas["Problem"] = Schema(type: ["object"], properties: [
            "type": .string, "title": .string, "status": .integer(400...599), "detail": .string, "code": .string,
            "field": Schema(type: ["string", "null"]), "instance": .string,
        ], required: ["type", "title", "status", "detail", "code"])
    }

    mutating func add(_ method: String, _ path: String, _ operation: Operation) {
        paths[path, default: [:]][method.lowercased()] = operation
    }

    mutating func addSchema(_ name: String, _ schema: Schema) { schemas[name] = schema }

    /// One operation. `schema` names a component (described from an example); `errors` lists the
    /// statuses the handler can answer besides those a body or a path parameter bring.
    /// Path parameters are UUIDs unless `pathTypes` says otherwise.
    mutating func operation(_ method: String, _ path: String, _ summary: String, id: String, tag: String, body: String? = nil,
                            status: String = "200", schema: String? = nil, array: Bool = false, query: [Parameter] = [],
                            pathTypes: [String: Schema] = [:], errors: Set<Int> = []) {
        var params = query
        for segment in path.split(separator: "/") where segment.hasPrefix("{") {
            let name = String(segment.dropFirst().dropLast())
            params.append(Parameter(name: name, in: "path", required: true, schema: pathTypes[name] ?? .uuid))
        }
        var statuses = errors
        if body != nil { statuses.formUnion(Self.bodyErrors) }
        if path.contains("{") { statuses.insert(404) }
        if !query.isEmpty { statuses.insert(400) }
        var responses: [String: Reply] = [:]
        for s in statuses { responses[String(s)] = Self.errorReply(s) }
        let content = schema.map { [Self.json: MediaContent(schema: array ? .array(.named($0)) : .named($0))] }
        responses[status] = Reply(description: summary, content: status == "204" ? nil : content)
        add(method, path, Operation(summary: summary, operationId: id, tags: [tag], parameters: params,
                                    requestBody: body.map { Body(required: true, content: [Self.json: MediaContent(schema: .named($0))]) },
                                    responses: responses))
    }

    /// `page` and `per` on every list: bounded integers, 400 naming the parameter otherwise.
    static func paging(perMax: Int) -> [Parameter] {
        [.query("page", .integer(1...100_000)), .query("per", .integer(1...perMax))]
    }

    /// Registry filters that take one of a closed set (the resource's `filter` checks the same set).
    static let filterSets: [String: [String]] = [
        "kind": BodyKind.allCases.map(\.rawValue), "post": Post.allCases.map(\.rawValue), "tag": ServiceTag.allCases.map(\.rawValue),
    ]

    /// The filter's schema from its name: `*_id` filters are UUIDs; the others are named here.
    static func filterSchema(_ name: String) -> Schema {
        if let values = filterSets[name] { return .oneOf(values) }
        if name.hasSuffix("_id") { return .uuid }
        return .string
    }

    mutating func addResource<R: RegistryResource>(_ type: R.Type) {
        let name = String(describing: R.self).replacingOccurrences(of: "Resource", with: "")
        schemas[name] = Self.schema(describing: R.example)
        // The id is the server's to choose unless a client sends one (imports, the demo).
        schemas[name]?.required = schemas[name]?.required?.filter { $0 != "id" }
        schemas[name + "List"] = Schema(type: ["object"], properties: [
            "items": .array(.named(name)), "page": .integer(1...100_000), "per": .integer(1...500), "total": Schema(type: ["integer"], minimum: 0),
        ], required: ["items", "page", "per", "total"])
        let listParams = Self.paging(perMax: 500) + R.filters.map { Parameter.query($0, Self.filterSchema($0)) }
        operation("GET", "/api/v1/\(R.path)", "List \(R.label.en)", id: "list\(name)", tag: name, schema: name + "List", query: listParams)
        operation("POST", "/api/v1/\(R.path)", "Create \(R.label.en)", id: "create\(name)", tag: name, body: name, status: "201", schema: name,
                  errors: [404, 409])
        if !R.hasOwnReadRoute {
            operation("GET", "/api/v1/\(R.path)/{id}", "Read \(R.label.en)", id: "read\(name)", tag: name, schema: name)
        }
        operation("PUT", "/api/v1/\(R.path)/{id}", "Update \(R.label.en)", id: "update\(name)", tag: name, body: name, schema: name, errors: [409])
    }

    /// Sets each documented operation's security and 401/403 replies from the access its route
    /// declares, so the document cannot claim a route is open when the router guards it.
    mutating func secure(_ routes: [Route]) {
        for route in routes {
            let path = "/" + route.path.map { c -> String in
                if case .parameter(let name) = c { return "{\(name)}" }
                return c.description
            }.joined(separator: "/")
            let method = route.method.rawValue.lowercased()
            guard var op = paths[path]?[method], let access = route.declaredAccess else { continue }
            switch access {
            case .open:
                op.security = []
            case .signedIn, .permission:
                op.security = [["bearer": []]]
                op.responses["401"] = Self.errorReply(401)
                // Outside /api a browser (Accept: text/html) without credentials is sent to sign
                // in, and an account with a temporary password to the password page.
                if !path.hasPrefix("/api/") {
                    op.responses["401"]?.content?["text/html"] = MediaContent(schema: .string)
                    op.responses["303"] = Reply(description: "To the sign-in page (a browser, not signed in) or the password page (a temporary password)",
                                                headers: ["Location": Header(schema: .string, description: SitePath.signIn.link(query: [("next", "… or /account/password")]))])
                }
                op.responses["403"] = op.responses["403"] ?? Self.errorReply(403)
            }
            paths[path]?[method] = op
        }
    }

    func json() throws -> Data {
        struct Doc: Encodable {
            var openapi = "3.1.0"
            var info: [String: String]
            var paths: [String: [String: Operation]]
            var components: Components
        }
        struct Components: Encodable {
            var schemas: [String: Schema]
            var securitySchemes: [String: [String: String]]
        }
        let doc = Doc(info: ["title": "Zhanju API", "version": "1.0.0",
                             "description": "Registry of the one-workstation-many-committees structure (一站多居). Errors are RFC 9457 problem+json. "
                                 + "Times are RFC 3339. Pages sign in with a session cookie; the API takes a bearer token from POST /api/v1/auth/token."],
                      paths: paths,
                      components: Components(schemas: schemas,
                                             securitySchemes: ["bearer": ["type": "http", "scheme": "bearer", "description": "An API token (POST /api/v1/auth/token, or the account page)"]]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(doc)
    }
}
