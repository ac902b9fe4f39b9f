import OpenAPIKit

/// The health checks and the document itself, in the document: open, outside /api/v1.
enum HealthDocument {
    static func document(_ d: inout OpenAPIDocument) {
        d.addSchema("Health", .record(["status": .oneOf(["ok"])]))
        d.addSchema("Readiness", .record(["status": .oneOf(["ready", "database unreachable"])]))
        let json = OpenAPIDocument.json
        func op(_ summary: String, _ id: String, _ responses: OpenAPI.Response.Map) -> OpenAPI.Operation {
            OpenAPI.Operation(tags: ["Health"], summary: summary, operationId: id, responses: responses, security: [])
        }
        d.add("GET", "/healthz", op("The process is up", "healthz", [200: OpenAPIDocument.reply("Up", OpenAPIDocument.content([json: .named("Health")]))]))
        d.add("GET", "/readyz", op("The database answers", "readyz", [
            200: OpenAPIDocument.reply("Ready", OpenAPIDocument.content([json: .named("Readiness")])),
            503: OpenAPIDocument.reply("Database unreachable", OpenAPIDocument.content([json: .named("Readiness")])),
        ]))
        d.add("GET", "/api/openapi.json", op("This document", "openapi", [200: OpenAPIDocument.reply("OpenAPI 3.1", OpenAPIDocument.content([json: .object]))]))
    }
}
