import ZhanjuRules

/// What reflection over the access capability's examples cannot see: closed sets, bounds, and
/// which optional Swift fields a request must still carry (the service answers 422 without them).
enum AccessDocument {
    /// The scopes a role can be held at (`Me.roles[].scope`), as the /me handler names them.
    static let scopes = ["everywhere", "sub_district", "workstation", "committee", "compound", "grid", "household"]

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
