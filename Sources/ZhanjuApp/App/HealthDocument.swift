/// The health checks and the document itself, in the document: open, outside /api/v1.
enum HealthDocument {
    static func document(_ d: inout OpenAPIDocument) {
        typealias Schema = OpenAPIDocument.Schema
        d.addSchema("Health", Schema(type: ["object"], properties: ["status": .oneOf(["ok"])], required: ["status"]))
        d.addSchema("Readiness", Schema(type: ["object"], properties: ["status": .oneOf(["ready", "database unreachable"])], required: ["status"]))
        let json = OpenAPIDocument.json
        d.add("GET", "/healthz", .init(summary: "The process is up", operationId: "healthz", tags: ["Health"], parameters: [], requestBody: nil,
                                       responses: ["200": .init(description: "Up", content: [json: .init(schema: .named("Health"))])], security: []))
        d.add("GET", "/readyz", .init(summary: "The database answers", operationId: "readyz", tags: ["Health"], parameters: [], requestBody: nil,
                                      responses: ["200": .init(description: "Ready", content: [json: .init(schema: .named("Readiness"))]),
                                                  "503": .init(description: "Database unreachable", content: [json: .init(schema: .named("Readiness"))])],
                                      security: []))
        d.add("GET", "/api/openapi.json", .init(summary: "This document", operationId: "openapi", tags: ["Health"], parameters: [], requestBody: nil,
                                                responses: ["200": .init(description: "OpenAPI 3.1", content: [json: .init(schema: Schema(type: ["object"]))])],
                                                security: []))
    }
}
