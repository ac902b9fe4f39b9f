import Foundation
import OpenAPIKit
import ZhanjuRules

/// The access capability in the OpenAPI document: its bodies' schemas (below, one per type) and
/// the resident's downloads, which are page routes.
enum AccessDocument {
    /// The scopes a role can be held at (`Me.roles[].scope`), as the /me handler names them.
    static let scopes = ["everywhere", "sub_district", "workstation", "committee", "compound", "grid", "household"]

    /// The access capability's components, named as the operations in AccessAPI refer to them.
    static func schemas(_ d: inout OpenAPIDocument) {
        d.addSchema("Token", AccountService.TokenView.self)
        d.addSchema("SignIn", AccessAPI.Credentials.self)
        d.addSchema("NewToken", AccessAPI.NewToken.self)
        d.addSchema("Me", AccessAPI.Me.self)
        d.addSchema("Account", AccountService.AccountView.self)
        d.addSchema("NewAccount", AccountService.NewAccount.self)
        d.addSchema("PasswordReset", AccessAPI.Reset.self)
        d.addSchema("Revealed", PersonalData.Revealed.self)
        d.addSchema("RevealRequest", PersonalData.RevealRequest.self)
        d.addSchema("HouseholdExport", PersonalData.Export.self)
        d.addSchema("Correction", Corrections.View.self)
        d.addSchema("NewCorrection", Corrections.NewRequest.self)
        d.addSchema("CorrectionAnswer", Corrections.Answer.self)
        d.addSchema("AccessRecord", AccessLog.Entry.self)
        d.addSchema("AuditVerification", AccessAPI.Verification.self)
    }

    /// The resident's downloads (/my/export.json, /my/export.csv): page routes, so an error is an
    /// HTML page unless the caller asks for JSON, and no credentials mean a redirect to sign in.
    static func exports(_ d: inout OpenAPIDocument) {
        let errors = { (status: Int) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> in
            var reply = OpenAPIDocument.errorReply(status)
            reply.content[.html] = .b(OpenAPI.Content(schema: .string))
            return .b(reply)
        }
        for (ext, type, schema) in [("json", OpenAPI.ContentType.json, JSONSchema.named("HouseholdExport")), ("csv", .csv, .string)] {
            d.add("GET", "/my/export.\(ext)", OpenAPI.Operation(
                tags: ["PersonalData"],
                summary: "Download everything held about the caller's household (\(ext.uppercased()); the read is logged)",
                operationId: "downloadMyHousehold\(ext.uppercased())",
                responses: [200: OpenAPIDocument.reply("The household's data", OpenAPIDocument.content([type: schema])), 403: errors(403), 404: errors(404)]))
        }
    }
}

extension AccessAPI.Credentials: APISchema {
    static var schema: JSONSchema {
        .record(["username": .string, "password": .string, "name": .string.optional, "expires_in_days": .int(1...3650).optional])
    }
}

extension AccessAPI.NewToken: APISchema {
    static var schema: JSONSchema { .record(["name": .string.optional, "expires_in_days": .int(1...3650).optional]) }
}

extension AccessAPI.Reset: APISchema {
    static var schema: JSONSchema { .record(["new_password": .string]) }
}

extension AccessAPI.Me: APISchema {
    static var schema: JSONSchema {
        .record(["account": .named("Account"), "household_id": .uuid.optional,
                 "roles": .list(.record(["role": .oneOf(Role.self), "scope": .oneOf(AccessDocument.scopes), "scope_id": .uuid.optional])),
                 "permissions": .list(.oneOf(Permission.self))])
    }
}

extension AccessAPI.Verification: APISchema {
    static var schema: JSONSchema { .record(["checked": .int(), "intact": .boolean, "first_break": .string.optional]) }
}

extension AccountService.TokenView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "name": .string, "prefix": .string, "created_at": .dateTime, "expires_at": .dateTime.optional,
                 "revoked_at": .dateTime.optional, "token": .string.optional])
    }
}

extension AccountService.AccountView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "username": .string, "display_name": .string, "resident_id": .uuid.optional, "administrator": .boolean,
                 "disabled": .boolean, "must_change_password": .boolean])
    }
}

extension AccountService.NewAccount: APISchema {
    /// `resident`: the person in the registry, a resident id or an ID number.
    static var schema: JSONSchema {
        .record(["username": .string, "password": .string, "display_name": .string.optional, "resident": .string.optional,
                 "administrator": .boolean.optional])
    }
}

extension PersonalData.Revealed: APISchema {
    static var schema: JSONSchema {
        .record(["resident_id": .uuid, "field": .oneOf(PersonalNumbers.Field.self), "value": .string.optional])
    }
}

extension PersonalData.RevealRequest: APISchema {
    static var schema: JSONSchema {
        .record(["field": .oneOf(PersonalNumbers.Field.self), "reason": .string])
    }
}

extension PersonalData.Export: APISchema {
    static var schema: JSONSchema {
        .record(["household_id": .uuid, "address": .string, "members": .list(.record([
            "id": .uuid, "name": .string, "relation": .oneOf(Relation.self).optional, "sex": .oneOf(Sex.self), "birth_date": .string,
            "hukou": .oneOf(Hukou.self), "political_rights": .boolean, "id_number": .string.optional, "phone": .string.optional,
            "tags": .list(.oneOf(ServiceTag.self)),
        ]))])
    }
}

extension Corrections.View: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "household_id": .uuid, "resident_id": .uuid.optional, "field": .oneOf(Corrections.fields), "requested_value": .string,
                 "explanation": .string, "requested_at": .dateTime, "status": .oneOf(Corrections.Status.self), "answer": .string.optional,
                 "answered_at": .dateTime.optional])
    }
}

extension Corrections.NewRequest: APISchema {
    static var schema: JSONSchema {
        .record(["resident_id": .uuid.optional, "field": .oneOf(Corrections.fields), "requested_value": .string.optional,
                 "explanation": .string.optional])
    }
}

extension Corrections.Answer: APISchema {
    static var schema: JSONSchema {
        .record(["decision": .oneOf(["accepted", "rejected"]), "answer": .string.optional])
    }
}

extension AccessLog.Entry: APISchema {
    /// A resident's own download is logged as one read of everything (`export`).
    static var schema: JSONSchema {
        .record(["at": .dateTime, "account": .string, "resident_id": .uuid, "resident_name": .string,
                 "field": .oneOf(PersonalNumbers.Field.allCases.map(\.rawValue) + ["export"]), "reason": .string])
    }
}
