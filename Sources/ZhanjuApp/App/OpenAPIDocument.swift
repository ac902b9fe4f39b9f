import Foundation
import OpenAPIKit
import Vapor
import ZhanjuRules

/// The OpenAPI 3.1 document served at /api/openapi.json, built as OpenAPIKit values. Routes add
/// themselves as they are registered, each body type bringing its own schema (`APISchema`); a
/// test compares the document with the router so neither can drift, and schemathesis
/// (scripts/schemathesis.sh) holds the server to what it says.
struct OpenAPIDocument: Sendable {
    private(set) var paths: OrderedDictionary<OpenAPI.Path, OpenAPI.PathItem> = [:]
    private(set) var schemas: OpenAPI.ComponentDictionary<JSONSchema> = [:]

    static let json = OpenAPI.ContentType.json
    static let problemJSON = OpenAPI.ContentType(rawValue: "application/problem+json")!

    /// A media type map of one or more types, each with its schema.
    static func content(_ entries: KeyValuePairs<OpenAPI.ContentType, JSONSchema>) -> OpenAPI.Content.Map {
        var map = OpenAPI.Content.Map()
        for (type, schema) in entries { map[type] = .b(OpenAPI.Content(schema: schema)) }
        return map
    }
    static func reply(_ description: String, _ content: OpenAPI.Content.Map = [:], headers: OpenAPI.Header.Map? = nil) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
        .b(OpenAPI.Response(description: description, headers: headers, content: content))
    }
    static func header(_ description: String, _ schema: JSONSchema = .string) -> Either<OpenAPI.Reference<OpenAPI.Header>, OpenAPI.Header> {
        .b(OpenAPI.Header(schema: schema, description: description))
    }

    /// A query or path parameter (`.query(…)`, `.path(…)`, below).
    typealias Parameter = Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter>

    /// Every error status an API route can answer, and why, as RFC 9457 problem+json. A route
    /// lists the ones its code can produce; 401 and 403 come from its declared access (`secure`).
    static func errorReply(_ status: Int) -> OpenAPI.Response {
        let problem = content([problemJSON: .named("Problem")])
        func reply(_ description: String, headers: OpenAPI.Header.Map? = nil) -> OpenAPI.Response {
            OpenAPI.Response(description: description, headers: headers, content: problem)
        }
        switch status {
        case 400: return reply("Malformed request: a body that is not JSON of this shape, or a malformed query parameter (`field` names it)")
        case 401: return reply("No valid bearer token (missing, expired, revoked, or its account disabled)",
                               headers: ["WWW-Authenticate": header("Bearer realm=\"zhanju\"")])
        case 403: return reply("The caller lacks the permission, or must change a reset password first")
        case 404: return reply("Not found (or outside the caller's reach)")
        case 409: return reply("Conflicts with existing records, the record's state, or the appointment policy")
        case 413: return reply("Body too large")
        case 415: return reply("Body is not application/json")
        case 422: return reply("A field breaks a rule (`field` names it)")
        case 429: return reply("Too many failed sign-ins: wait before trying again")
        default: return reply(HTTPResponseStatus(statusCode: status).reasonPhrase)
        }
    }

    /// Errors any route with a JSON body can answer before its handler decides anything.
    static let bodyErrors: Set<Int> = [400, 413, 415, 422]

    init() {
        addSchema("Problem", ProblemDetails.self)
    }

    /// Adds an operation as written. `secure` later sets its security from the router.
    mutating func add(_ method: OpenAPI.HttpMethod, _ path: String, _ operation: OpenAPI.Operation) {
        let key = OpenAPI.Path(rawValue: path)
        var item = paths[key] ?? OpenAPI.PathItem()
        precondition(item[method] == nil, "\(method.rawValue) \(path) documented twice")
        item[method] = operation
        paths[key] = item
    }

    mutating func addSchema(_ name: String, _ schema: JSONSchema) {
        guard let key = OpenAPI.ComponentKey(rawValue: name) else { preconditionFailure("\(name) cannot name a component") }
        precondition(schemas[key] == nil, "schema \(name) added twice")
        schemas[key] = schema
    }

    /// A component for a type that writes its own schema.
    mutating func addSchema<T: APISchema>(_ name: String, _ type: T.Type) { addSchema(name, T.schema) }

    /// One operation. `schema` names a component; `errors` lists the statuses the handler can
    /// answer besides those a body or a path parameter bring. Path parameters are UUIDs unless
    /// `pathTypes` says otherwise.
    mutating func operation(_ method: OpenAPI.HttpMethod, _ path: String, _ summary: String, id: String, tag: String, body: String? = nil,
                            status: String = "200", schema: String? = nil, array: Bool = false, query: [Parameter] = [],
                            pathTypes: [String: JSONSchema] = [:], errors: Set<Int> = [], text: OpenAPI.ContentType? = nil) {
        guard let status = Int(status) else { preconditionFailure("status \(status)") }
        var params = query
        for segment in path.split(separator: "/") where segment.hasPrefix("{") {
            let name = String(segment.dropFirst().dropLast())
            params.append(.path(name, pathTypes[name] ?? .uuid))
        }
        var statuses = errors
        if body != nil { statuses.formUnion(Self.bodyErrors) }
        if path.contains("{") { statuses.insert(404) }
        if !query.isEmpty { statuses.insert(400) }
        var responses = OpenAPI.Response.Map()
        for s in statuses.sorted() { responses[.status(code: s)] = .b(Self.errorReply(s)) }
        let content = schema.map { Self.content([Self.json: array ? .list(.named($0)) : .named($0)]) } ?? text.map { Self.content([$0: .string]) } ?? [:]
        responses[.status(code: status)] = Self.reply(summary, status == 204 ? [:] : content)
        add(method, path, OpenAPI.Operation(tags: [tag], summary: summary, operationId: id, parameters: params,
                                            requestBody: body.map { OpenAPI.Request(content: Self.content([Self.json: .named($0)]), required: true) },
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
    static func filterSchema(_ name: String) -> JSONSchema {
        if let values = filterSets[name] { return .oneOf(values) }
        if name.hasSuffix("_id") { return .uuid }
        return .string
    }

    /// A registry resource: its schema (the type's own, see RegistryDocument), a paged list of
    /// it, and list, create, read and update.
    mutating func addResource<R: RegistryResource>(_ type: R.Type) {
        guard let described = R.self as? any APISchema.Type else { preconditionFailure("\(R.self) does not write its schema (APISchema)") }
        let name = String(describing: R.self).replacingOccurrences(of: "Resource", with: "")
        addSchema(name, described.schema)
        addSchema(name + "List", .record([
            "items": .list(.named(name)), "page": .integer(1...100_000), "per": .integer(1...500), "total": .integer(minimum: (0, exclusive: false)),
        ]))
        let listParams = Self.paging(perMax: 500) + R.filters.map { .query($0, Self.filterSchema($0)) }
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
            let path = OpenAPI.Path(route.path.map { c -> String in
                if case .parameter(let name) = c { return "{\(name)}" }
                return c.description
            })
            guard let method = OpenAPI.HttpMethod(rawValue: route.method.rawValue), var item = paths[path], var op = item[method],
                  let access = route.declaredAccess else { continue }
            switch access {
            case .open:
                op.security = []
            case .signedIn, .permission, .anyOf:
                op.security = [[.component(named: "bearer"): []]]
                var unauthorized = Self.errorReply(401)
                // Outside /api a browser (Accept: text/html) without credentials is sent to sign
                // in, and an account with a temporary password to the password page.
                if path.components.first != "api" {
                    unauthorized.content[.html] = .b(OpenAPI.Content(schema: .string))
                    op.responses[.status(code: 303)] = Self.reply(
                        "To the sign-in page (a browser, not signed in) or the password page (a temporary password)",
                        headers: ["Location": Self.header("/sign-in?next=… or /account/password")])
                }
                op.responses[.status(code: 401)] = .b(unauthorized)
                if op.responses[.status(code: 403)] == nil { op.responses[.status(code: 403)] = .b(Self.errorReply(403)) }
            }
            item[method] = op
            paths[path] = item
        }
    }

    /// The whole document as OpenAPIKit values.
    var document: OpenAPI.Document {
        OpenAPI.Document(
            openAPIVersion: .v3_1_0,
            info: .init(title: "Zhanju API",
                        description: "Registry of the one-workstation-many-committees structure (一站多居). Errors are RFC 9457 problem+json. "
                            + "Times are RFC 3339. Pages sign in with a session cookie; the API takes a bearer token from POST /api/v1/auth/token.",
                        version: "1.0.0"),
            servers: [],
            paths: paths.mapValues { .b($0) },
            components: .init(schemas: schemas,
                              securitySchemes: ["bearer": .b(.http(scheme: "bearer", description: "An API token (POST /api/v1/auth/token, or the account page)"))]))
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    /// The JSON name of a Swift property, as the global encoder's `.convertToSnakeCase` writes it
    /// (ZhanjuError names a decoding error's field with it).
    static func snakeCase(_ name: String) -> String {
        // Foundation starts a word at an upper-case letter after a lower-case one, and at the last
        // capital of a run followed by a lower-case letter (`mediaURL` → `media_url`).
        let chars = Array(name)
        var out = ""
        for (i, ch) in chars.enumerated() {
            if ch.isUppercase, i > 0 {
                let previous = chars[i - 1], next = i + 1 < chars.count ? chars[i + 1] : nil
                if !previous.isUppercase || next?.isLowercase == true { out += "_" }
            }
            out += ch.lowercased()
        }
        return out
    }
}

extension Either where A == OpenAPI.Reference<OpenAPI.Parameter>, B == OpenAPI.Parameter {
    /// `emptyIsAbsent`: the handler reads `?name=` as no value (QueryParameters does).
    static func query(_ name: String, _ schema: JSONSchema = .string, emptyIsAbsent: Bool = true) -> Self {
        .b(OpenAPI.Parameter(name: name, context: .query(schema: emptyIsAbsent ? schema.orEmpty() : schema)))
    }
    static func path(_ name: String, _ schema: JSONSchema = .uuid, description: String? = nil) -> Self {
        .b(OpenAPI.Parameter(name: name, context: .path(schema: schema), description: description))
    }
}

/// RFC 9457 problem details, as ZhanjuError writes them.
enum ProblemDetails: APISchema {
    static var schema: JSONSchema {
        .record(["type": .string, "title": .string, "status": .integer(400...599), "detail": .string, "code": .string,
                 "field": .string.optional, "instance": .string.mayBeAbsent,
                 "errors": .array(items: .record(["field": .string.optional, "code": .string, "detail": .string])).mayBeAbsent])
    }
}
