import OpenAPIKit
import Vapor

/// Open311 GeoReport v2 in the OpenAPI document. Open311 answers its own error shape (a list of
/// `{code, description}`), in JSON or XML after the path's extension, and takes form fields when
/// filing; reads are open, filing needs `api_key` (a Zhanju API token) rather than a bearer header.
extension Open311 {
    static func document(_ d: inout OpenAPIDocument) {
        let json = OpenAPIDocument.json, xml = OpenAPI.ContentType(rawValue: "text/xml")!
        let nullableString = JSONSchema.string(nullable: true).mayBeAbsent
        let dateTime = JSONSchema.dateTime
        d.addSchema("Open311Error", .record(["code": .integer(400...599), "description": .string]))
        d.addSchema("Open311Service", .record([
            "service_code": .string, "service_name": .string, "description": .string, "metadata": .boolean,
            "type": .oneOf(["realtime", "batch", "blackbox"]), "keywords": .string, "group": .string,
        ]))
        d.addSchema("Open311ServiceDefinition", .record([
            "service_code": .string,
            "attributes": .list(.record([
                "variable": .boolean, "code": .string, "datatype": .oneOf(ServiceAttribute.Datatype.self), "required": .boolean,
                "datatype_description": .string(nullable: true), "order": .integer, "description": .string,
                "values": .list(.record(["key": .string, "name": .string])),
            ])),
        ]))
        d.addSchema("Open311Request", .record([
            "service_request_id": .string, "status": .oneOf(["open", "closed"]), "status_notes": nullableString, "service_name": .string.mayBeAbsent,
            "service_code": .string, "description": .string, "agency_responsible": nullableString, "service_notice": nullableString,
            "requested_datetime": dateTime, "updated_datetime": dateTime, "expected_datetime": .string(format: .dateTime, nullable: true).mayBeAbsent,
            "address": nullableString, "address_id": nullableString, "zipcode": nullableString, "lat": .number(nullable: true).mayBeAbsent,
            "long": .number(nullable: true).mayBeAbsent, "media_url": nullableString,
        ]))
        d.addSchema("Open311Receipt", .record(["service_request_id": .string, "service_notice": .string, "account_id": nullableString]))
        d.addSchema("Open311NewRequest", .record([
            "api_key": .string, "service_code": .string, "lat": .number.mayBeAbsent, "long": .number.mayBeAbsent,
            "address_string": .string.mayBeAbsent, "address_id": .uuid.mayBeAbsent, "description": .string.mayBeAbsent, "media_url": .string.mayBeAbsent,
        ]))
        d.addSchema("Open311Discovery", .record([
            "changeset": dateTime, "contact": .string, "key_service": .string.mayBeAbsent, "endpoints": .list(.object),
        ]))

        func errors(_ statuses: [Int], _ format: Format) -> OpenAPI.Response.Map {
            var out = OpenAPI.Response.Map()
            for s in statuses {
                let content = format == .json ? OpenAPIDocument.content([json: .list(.named("Open311Error"))]) : OpenAPIDocument.content([xml: .string])
                out[.status(code: s)] = OpenAPIDocument.reply(OpenAPIDocument.errorReply(s).description ?? "", content)
            }
            return out
        }
        func body(_ schema: String, _ format: Format, array: Bool = true) -> OpenAPI.Content.Map {
            format == .json ? OpenAPIDocument.content([json: array ? .list(.named(schema)) : .named(schema)]) : OpenAPIDocument.content([xml: .string])
        }
        func op(_ summary: String, _ id: String, parameters: OpenAPI.Parameter.Array = [], requestBody: OpenAPI.Request? = nil,
                responses: OpenAPI.Response.Map) -> OpenAPI.Operation {
            OpenAPI.Operation(tags: ["Open311"], summary: summary, operationId: id, parameters: parameters, requestBody: requestBody,
                              responses: responses, security: [])
        }
        func merging(_ a: OpenAPI.Response.Map, _ b: OpenAPI.Response.Map) -> OpenAPI.Response.Map {
            var out = a
            for (status, reply) in b where out[status] == nil { out[status] = reply }
            return out
        }

        d.add("GET", "/open311/discovery.json", op("Open311 discovery", "open311Discovery",
                                                 responses: [200: OpenAPIDocument.reply("Endpoints", OpenAPIDocument.content([json: .named("Open311Discovery")]))]))
        let listQuery: OpenAPI.Parameter.Array = [
            .query("service_request_id"), .query("service_code"),
            // An empty date is not read as absent: Open311 answers 400, as for any unreadable date.
            .query("start_date", .dateTime, emptyIsAbsent: false),
            .query("end_date", .dateTime, emptyIsAbsent: false),
            .query("status", .string(pattern: "^(open|closed)(,(open|closed))*$")),
            .query("page", .integer(1...100_000)), .query("page_size", .integer(1...1000)),
        ]
        let form = OpenAPI.Request(content: OpenAPIDocument.content([.form: .named("Open311NewRequest")]), required: true)
        for format in [Format.json, .xml] {
            let ext = format.rawValue, suffix = format == .json ? "JSON" : "XML"
            d.add("GET", "/open311/v2/services.\(ext)", op("Open311 service list (\(suffix))", "open311Services\(suffix)",
                                                         responses: [200: OpenAPIDocument.reply("Active services", body("Open311Service", format))]))
            d.add("GET", "/open311/v2/requests.\(ext)", op("Open311 public requests (\(suffix))", "open311Requests\(suffix)", parameters: listQuery,
                                                         responses: merging([200: OpenAPIDocument.reply("Requests filed through Open311", body("Open311Request", format))],
                                                                            errors([400], format))))
            d.add("POST", "/open311/v2/requests.\(ext)", op("File an Open311 request (\(suffix))", "open311Create\(suffix)", requestBody: form,
                                                          responses: merging([201: OpenAPIDocument.reply("Filed", body("Open311Receipt", format))],
                                                                             errors([400, 403, 404], format))))
        }
        // `CODE.json` or `CODE.xml`; any other ending is part of the code and answered in JSON.
        let file: OpenAPIDocument.Parameter = .path("file", .string(description: "CODE.json, CODE.xml, or CODE (JSON)"))
        let notFound = OpenAPIDocument.reply("No such service or request", OpenAPIDocument.content([json: .list(.named("Open311Error")), xml: .string]))
        d.add("GET", "/open311/v2/services/{file}", op("Open311 service definition (`SERVICE_CODE.json`)", "open311ServiceDefinition", parameters: [file],
                                                     responses: [200: OpenAPIDocument.reply("The service's attributes",
                                                                                            OpenAPIDocument.content([json: .named("Open311ServiceDefinition"), xml: .string])),
                                                                 404: notFound]))
        d.add("GET", "/open311/v2/requests/{file}", op("One Open311 request (`SERVICE_REQUEST_ID.json`)", "open311Request", parameters: [file],
                                                     responses: [200: OpenAPIDocument.reply("The request",
                                                                                            OpenAPIDocument.content([json: .list(.named("Open311Request")), xml: .string])),
                                                                 404: notFound]))
    }
}
