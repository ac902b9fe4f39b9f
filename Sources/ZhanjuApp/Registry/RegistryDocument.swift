import OpenAPIKit
import ZhanjuRules

// The registry's bodies as JSON Schemas, one per type. Registry resources are one shape for
// reading and writing, so every field is a Swift optional here (absent or null) and their
// required lists stay with the service (422 naming the field); the id is the server's to choose
// unless a client sends one (imports, the demo).

extension SubDistrictResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "code": .string.optional, "name_zh": .string.optional, "name_en": .string.optional,
                 "policy_name": .string.optional, "policy_exceptions": .list(.oneOf(AppointmentPolicy.Exception.self)).optional])
    }
}

extension WorkstationResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "sub_district_id": .uuid.optional, "code": .string.optional, "name_zh": .string.optional,
                 "name_en": .string.optional, "address": .string.optional])
    }
}

extension CommitteeResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "workstation_id": .uuid.optional, "code": .string.optional, "name_zh": .string.optional,
                 "name_en": .string.optional, "structure_rules": .string.optional])
    }
}

extension CompoundResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "committee_id": .uuid.optional, "code": .string.optional, "name_zh": .string.optional,
                 "name_en": .string.optional, "address": .string.optional])
    }
}

extension ZoneResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "compound_id": .uuid.optional, "code": .string.optional, "name_zh": .string.optional, "name_en": .string.optional])
    }
}

extension BuildingResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "compound_id": .uuid.optional, "zone_id": .uuid.optional, "number": .string.optional, "floors": .int().optional])
    }
}

extension EntranceResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "building_id": .uuid.optional, "number": .string.optional])
    }
}

extension GridResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "workstation_id": .uuid.optional, "code": .string.optional, "name_zh": .string.optional, "name_en": .string.optional])
    }
}

extension ServicePointResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "compound_id": .uuid.optional, "name_zh": .string.optional, "name_en": .string.optional, "address": .string.optional])
    }
}

extension HouseholdResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "entrance_id": .uuid.optional, "grid_id": .uuid.optional, "door": .string.optional,
                 "building_id": .uuid.optional, "compound_id": .uuid.optional])
    }
}

extension ResidentResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "household_id": .uuid.optional, "relation": .oneOf(Relation.self).optional, "name": .string.optional,
                 "sex": .oneOf(Sex.self).optional, "birth_date": .date.optional, "hukou": .oneOf(Hukou.self).optional,
                 "political_rights": .boolean.optional, "phone": .string.optional, "id_number": .string.optional,
                 "tags": .list(.oneOf(ServiceTag.self)).optional, "phone_masked": .string.optional, "id_number_masked": .string.optional])
    }
}

extension OrganisationResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "kind": .oneOf(BodyKind.self).optional, "name_zh": .string.optional, "name_en": .string.optional,
                 "workstation_id": .uuid.optional, "committee_id": .uuid.optional, "compound_id": .uuid.optional, "parent_id": .uuid.optional])
    }
}

extension AppointmentResource: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid.optional, "resident_id": .uuid.optional, "post": .oneOf(Post.self).optional, "body_kind": .oneOf(BodyKind.self).optional,
                 "body_id": .uuid.optional, "starts_on": .date.optional, "ends_on": .date.optional])
    }
}

/// GET /api/v1/households/{id}: the household, where it is, and its residents as the Resident
/// resource shows them (numbers masked).
extension HouseholdDetail: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "door": .string, "entrance_id": .uuid, "building_id": .uuid, "compound_id": .uuid, "grid_id": .uuid.optional,
                 "place": .record(["compound_zh": .string, "compound_en": .string, "zone": .string.optional, "building": .string, "entrance": .string]),
                 "residents": .list(.named("Resident"))])
    }
}
