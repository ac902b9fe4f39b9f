import Vapor

/// Open311 GeoReport v2 in the OpenAPI document. Open311 answers its own error shape (a list of
/// `{code, description}`), in JSON or XML after the path's extension, and takes form fields when
/// filing; reads are open, filing needs `api_key` (a Zhanju API token) rather than a bearer header.
extension Open311 {
    typealias Schema = OpenAPIDocument.Schema

    static func document(_ d: inout OpenAPIDocument) {
        let json = OpenAPIDocument.json, xml = "text/xml"
        let string = Schema.string, nullableString = Schema(type: ["string", "null"])
        d.addSchema("Open311Error", Schema(type: ["object"], properties: ["code": .integer(400...599), "description": .string], required: ["code", "description"]))
        d.addSchema("Open311Service", Schema(type: ["object"], properties: [
            "service_code": string, "service_name": .string, "description": .string, "metadata": .boolean,
            "type": .oneOf(["realtime", "batch", "blackbox"]), "keywords": .string, "group": .string,
        ], required: ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]))
        d.addSchema("Open311ServiceDefinition", Schema(type: ["object"], properties: [
            "service_code": .string,
            "attributes": .array(Schema(type: ["object"], properties: [
                "variable": .boolean, "code": .string, "datatype": .oneOf(ServiceAttribute.Datatype.self), "required": .boolean,
                "datatype_description": nullableString, "order": .integer, "description": .string,
                "values": .array(Schema(type: ["object"], properties: ["key": .string, "name": .string], required: ["key", "name"])),
            ], required: ["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"])),
        ], required: ["service_code", "attributes"]))
        let dateTime = Schema(type: ["string"], format: "date-time")
        let nullableDateTime = Schema(type: ["string", "null"], format: "date-time")
        d.addSchema("Open311Request", Schema(type: ["object"], properties: [
            "service_request_id": .string, "status": .oneOf(["open", "closed"]), "status_notes": nullableString, "service_name": .string,
            "service_code": .string, "description": .string, "agency_responsible": nullableString, "service_notice": nullableString,
            "requested_datetime": dateTime, "updated_datetime": dateTime, "expected_datetime": nullableDateTime, "address": nullableString,
            "address_id": nullableString, "zipcode": nullableString, "lat": Schema(type: ["number", "null"]), "long": Schema(type: ["number", "null"]),
            "media_url": nullableString,
        ], required: ["service_request_id", "status", "service_code", "description", "requested_datetime", "updated_datetime"]))
        d.addSchema("Open311Receipt", Schema(type: ["object"], properties: [
            "service_request_id": .string, "service_notice": .string, "account_id": nullableString,
        ], required: ["service_request_id", "service_notice"]))
        d.addSchema("Open311NewRequest", Schema(type: ["object"], properties: [
            "api_key": .string, "service_code": .string, "lat": Schema(type: ["number"]), "long": Schema(type: ["number"]),
            "address_string": .string, "address_id": .uuid, "description": .string, "media_url": .string,
        ], required: ["api_key", "service_code"]))
        d.addSchema("Open311Discovery", Schema(type: ["object"], properties: [
            "changeset": dateTime, "contact": .string, "key_service": .string, "endpoints": .array(Schema(type: ["object"])),
        ], required: ["changeset", "contact", "endpoints"]))

        func errors(_ statuses: [Int], _ format: Format) -> [String: OpenAPIDocument.Reply] {
            var out: [String: OpenAPIDocument.Reply] = [:]
            for s in statuses {
                let content = format == .json ? [json: OpenAPIDocument.MediaContent(schema: .array(.named("Open311Error")))]
                                              : [xml: OpenAPIDocument.MediaContent(schema: .string)]
                out[String(s)] = .init(description: OpenAPIDocument.errorReply(s).description, content: content)
            }
            return out
        }
        func body(_ schema: String, _ format: Format, array: Bool = true) -> [String: OpenAPIDocument.MediaContent] {
            format == .json ? [json: .init(schema: array ? .array(.named(schema)) : .named(schema))] : [xml: .init(schema: .string)]
        }
        func op(_ summary: String, _ id: String, parameters: [OpenAPIDocument.Parameter] = [], requestBody: OpenAPIDocument.Body? = nil,
                responses: [String: OpenAPIDocument.Reply]) -> OpenAPIDocument.Operation {
            .init(summary: summary, operationId: id, tags: ["Open311"], parameters: parameters, requestBody: requestBody, responses: responses, security: [])
        }

        d.add("GET", "/open311/discovery.json", op("Open311 discovery", "open311Discovery",
                                                  responses: ["200": .init(description: "Endpoints", content: [json: .init(schema: .named("Open311Discovery"))])]))
        let listQuery: [OpenAPIDocument.Parameter] = [
            .query("service_request_id"), .query("service_code"),
            // An empty date is not read as absent: Open311 answers 400, as for any unreadable date.
            .query("start_date", Schema(type: ["string"], format: "date-time"), emptyIsAbsent: false),
            .query("end_date", Schema(type: ["string"], format: "date-time"), emptyIsAbsent: false),
            .query("status", { let s = Schema.string; s.pattern = "^(open|closed)(,(open|closed))*$"; return s }()),
            .query("page", .integer(1...100_000)), .query("page_size", .integer(1...1000)),
        ]
        let form = OpenAPIDocument.Body(required: true, content: ["application/x-www-form-urlencoded": .init(schema: .named("Open311NewRequest"))])
        for format in [Format.json, .xml] {
            let ext = format.rawValue, suffix = format == .json ? "JSON" : "XML"
            d.add("GET", "/open311/v2/services.\(ext)", op("Open311 service list (\(suffix))", "open311Services\(suffix)",
                                                          responses: ["200": .init(description: "Active services", content: body("Open311Service", format))]))
            d.add("GET", "/open311/v2/requests.\(ext)", op("Open311 public requests (\(suffix))", "open311Requests\(suffix)", parameters: listQuery,
                                                          responses: ["200": .init(description: "Requests filed through Open311", content: body("Open311Request", format))]
                                                              .merging(errors([400], format)) { a, _ in a }))
            d.add("POST", "/open311/v2/requests.\(ext)", op("File an Open311 request (\(suffix))", "open311Create\(suffix)", requestBody: form,
                                                           responses: ["201": .init(description: "Filed", content: body("Open311Receipt", format))]
                                                               .merging(errors([400, 403, 404], format)) { a, _ in a }))
        }
        // `CODE.json` or `CODE.xml`; any other ending is part of the code and answered in JSON.
        let file = OpenAPIDocument.Parameter(name: "file", in: "path", required: true,
                                             schema: { let s = Schema.string; s.description = "CODE.json, CODE.xml, or CODE (JSON)"; return s }())
        func both(_ a: [String: OpenAPIDocument.MediaContent], _ b: [String: OpenAPIDocument.MediaContent]) -> [String: OpenAPIDocument.MediaContent] {
            a.merging(b) { x, _ in x }
        }
        let notFound = OpenAPIDocument.Reply(description: "No such service or request",
                                             content: both(errors([404], .json)["404"]!.content!, errors([404], .xml)["404"]!.content!))
        d.add("GET", "/open311/v2/services/{file}", op("Open311 service definition (`SERVICE_CODE.json`)", "open311ServiceDefinition", parameters: [file],
                                                      responses: ["200": .init(description: "The service's attributes",
                                                                               content: both(body("Open311ServiceDefinition", .json, array: false), body("", .xml))),
                                                                  "404": notFound]))
        d.add("GET", "/open311/v2/requests/{file}", op("One Open311 request (`SERVICE_REQUEST_ID.json`)", "open311Request", parameters: [file],
                                                      responses: ["200": .init(description: "The request", content: both(body("Open311Request", .json), body("", .xml))),
                                                                  "404": notFound]))
    }
}
