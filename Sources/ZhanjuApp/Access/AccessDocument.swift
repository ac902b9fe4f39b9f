import ZhanjuRules

/// What reflection over the access capability's examples cannot see: closed sets, bounds, and
/// which optional Swift fields a request must still carry (the service answers 422 without them).
enum AccessDocument {
    /// The scopes a role can be held at (`Me.roles[].scope`), as the /me handler names them.
    static let scopes = ["everywhere", "sub_district", "workstation", "committee", "compound", "grid", "household"]

    /// The resident's downloads (/my/export.json, /my/export.csv): page routes, so an error is an
    /// HTML page unless the caller asks for JSON, and no credentials mean a redirect to sign in.
    static func exports(_ d: inout OpenAPIDocument) {
        let errors = { (status: Int) -> OpenAPIDocument.Reply in
            var reply = OpenAPIDocument.errorReply(status)
            reply.content?["text/html"] = .init(schema: .string)
            return reply
        }
        for (ext, type, schema) in [("json", "application/json", OpenAPIDocument.Schema.named("HouseholdExport")), ("csv", "text/csv", .string)] {
            d.add("GET", "/my/export.\(ext)", .init(
                summary: "Download everything held about the caller's household (\(ext.uppercased()); the read is logged)", operationId: "downloadMyHousehold\(ext.uppercased())",
                tags: ["PersonalData"], parameters: [], requestBody: nil,
                responses: ["200": .init(description: "The household's data", content: [type: .init(schema: schema)]), "403": errors(403), "404": errors(404)]))
        }
    }

    static func refine(_ d: inout OpenAPIDocument) {
        d.require("SignIn", ["username", "password"])
        d.bounded("SignIn", "expires_in_days", 1...3650)
        d.bounded("NewToken", "expires_in_days", 1...3650)
        d.closed("Me", "roles[].role", Role.self)
        d.closed("Me", "roles[].scope", scopes)
        d.closed("Me", "permissions[]", Permission.self)
        d.require("NewAccount", ["username", "password"])
        d.closed("Revealed", "field", PersonalNumbers.Field.self)
        d.closed("RevealRequest", "field", PersonalNumbers.Field.self)
        d.require("RevealRequest", ["field", "reason"])
        d.closed("Correction", "status", Corrections.Status.self)
        d.closed("Correction", "field", Corrections.fields)
        d.closed("NewCorrection", "field", Corrections.fields)
        d.require("NewCorrection", ["field"])
        d.closed("CorrectionAnswer", "decision", ["accepted", "rejected"])
        d.require("CorrectionAnswer", ["decision"])
        // A resident's own download is logged as one read of everything (`export`).
        d.closed("AccessRecord", "field", PersonalNumbers.Field.allCases.map(\.rawValue) + ["export"])
        d.closed("HouseholdExport", "members[].sex", Sex.self)
        d.closed("HouseholdExport", "members[].hukou", Hukou.self)
        d.closed("HouseholdExport", "members[].relation", Relation.self)
        d.closed("HouseholdExport", "members[].tags[]", ServiceTag.self)
    }
}
