import ZhanjuRules

/// What reflection over the registry's examples cannot see: closed sets and calendar dates.
/// Registry resources are one shape for reading and writing, so their required lists stay with
/// the service (422 naming the field) rather than in the schema.
enum RegistryDocument {
    static func refine(_ d: inout OpenAPIDocument) {
        d.closed("Resident", "sex", Sex.self)
        d.closed("Resident", "hukou", Hukou.self)
        d.closed("Resident", "relation", Relation.self)
        d.closed("Resident", "tags[]", ServiceTag.self)
        d.formatted("Resident", "birth_date", "date")
        d.closed("Organisation", "kind", BodyKind.self)
        d.closed("Appointment", "post", Post.self)
        d.closed("Appointment", "body_kind", BodyKind.self)
        d.formatted("Appointment", "starts_on", "date")
        d.formatted("Appointment", "ends_on", "date")
        d.closed("SubDistrict", "policy_exceptions[]", AppointmentPolicy.Exception.self)
        d.closed("HouseholdDetail", "residents[].sex", Sex.self)
        d.closed("HouseholdDetail", "residents[].hukou", Hukou.self)
        d.closed("HouseholdDetail", "residents[].relation", Relation.self)
        d.closed("HouseholdDetail", "residents[].tags[]", ServiceTag.self)
    }
}
