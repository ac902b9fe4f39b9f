import OpenAPIKit
import ZhanjuRules

/// The services capability's components, one schema per body type (below), named as the
/// operations in ServicesAPI refer to them.
enum ServicesDocument {
    static func schemas(_ d: inout OpenAPIDocument) {
        d.addSchema("ServiceAttribute", ServiceAttribute.self)
        d.addSchema("ServiceItem", ServicesAPI.ItemView.self)
        d.addSchema("ServiceItemInput", ServiceItemInput.self)
        d.addSchema("Case", CaseView.self)
        d.addSchema("CaseList", .record(["items": .list(.named("Case")), "page": .integer(1...100_000), "per": .integer(1...200),
                                         "total": .integer(minimum: (0, exclusive: false))]))
        d.addSchema("NewCase", CaseService.OpenInput.self)
        d.addSchema("CaseAction", CaseService.ActInput.self)
        d.addSchema("CaseRating", ServicesAPI.Rating.self)
        d.addSchema("Visit", VisitLog.View.self)
        d.addSchema("NewVisit", VisitLog.Input.self)
        d.addSchema("Dashboard", Dashboard.self)
        d.addSchema("Holiday", ServicesAPI.HolidayView.self)
        d.addSchema("HolidayYear", ServicesAPI.HolidayYear.self)
        d.addSchema("Added", ServicesAPI.Added.self)
    }
}

/// An extra question a service item asks (Open311-style attributes), as the catalogue shows it.
extension ServiceAttribute: APISchema {
    static var schema: JSONSchema {
        .record(["code": .string, "datatype": .oneOf(Datatype.self), "required": .boolean, "description_zh": .string, "description_en": .string,
                 "order": .int(), "values": .list(.record(["key": .string, "name_zh": .string, "name_en": .string]))])
    }
}

extension ServicesAPI.ItemView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "code": .string, "family": .oneOf(ServiceFamily.self), "name_zh": .string, "name_en": .string,
                 "description_zh": .string, "description_en": .string, "level": .oneOf(HandlingLevel.self), "materials": .list(.string),
                 "sla_days": .int(1...90), "attributes": .list(.named("ServiceAttribute")), "active": .boolean,
                 "survey_findings": .list(.record(["survey_zh": .string, "survey_en": .string, "note": .string]))])
    }
}

extension ServiceItemInput: APISchema {
    static var schema: JSONSchema {
        .record(["code": .string, "family": .oneOf(ServiceFamily.self), "name_zh": .string, "name_en": .string,
                 "description_zh": .string.optional, "description_en": .string.optional, "level": .oneOf(HandlingLevel.self),
                 "materials": .list(.string).optional, "sla_days": .int(1...90), "attributes": .list(.named("ServiceAttribute")).optional,
                 "active": .boolean.optional])
    }
}

extension CaseView: APISchema {
    /// A timeline holds the steps taken and the case's other events (CaseService: report, rate, escalate).
    static var schema: JSONSchema {
        .record(["id": .uuid, "number": .string, "service_code": .string.optional, "family": .oneOf(ServiceFamily.self),
                 "status": .oneOf(CaseStatus.self), "channel": .oneOf(CaseService.Origin.self), "household_id": .uuid.optional,
                 "compound_id": .uuid.optional, "grid_id": .uuid.optional, "committee_id": .uuid.optional, "workstation_id": .uuid,
                 "assigned_kind": .oneOf(BodyKind.self), "assigned_body_id": .uuid, "description": .string, "attributes": .map(.string),
                 "address": .string.optional, "lat": .number.optional, "long": .number.optional, "reported_at": .dateTime, "due_on": .date,
                 "due_confirmed": .boolean, "overdue": .boolean.optional, "finished_late": .boolean.optional, "paused": .boolean.optional,
                 "escalated": .boolean, "rating": .int(1...5).optional, "rating_comment": .string.optional,
                 "events": .list(.record([
                     "at": .dateTime, "actor": .string, "action": .oneOf(["report", "rate", "escalate"] + CaseAction.allCases.map(\.rawValue)),
                     "from_status": .oneOf(CaseStatus.self), "to_status": .oneOf(CaseStatus.self), "note": .string,
                 ])).optional])
    }
}

extension CaseService.OpenInput: APISchema {
    /// `attributes`: answers by question code.
    static var schema: JSONSchema {
        .record(["service_code": .string, "description": .string.optional, "household_id": .uuid.optional, "compound_id": .uuid.optional,
                 "resident_id": .uuid.optional, "channel": .oneOf(CaseService.Origin.self).optional, "attributes": .map(.list(.string)).optional,
                 "address": .string.optional, "lat": .number.optional, "long": .number.optional, "media_url": .string.optional])
    }
}

extension CaseService.ActInput: APISchema {
    /// `assign_to` (dispatch): a body (`workstation`, `service_point`, `property_manager`, `sub_district`); `assignee` a username.
    static var schema: JSONSchema {
        .record(["action": .oneOf(CaseAction.self), "note": .string.optional, "assign_to": .string.optional, "assignee": .string.optional])
    }
}

extension ServicesAPI.Rating: APISchema {
    static var schema: JSONSchema { .record(["rating": .int(1...5), "comment": .string.optional]) }
}

extension VisitLog.View: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "household_id": .uuid, "grid_id": .uuid.optional, "visited_on": .date, "purpose": .string, "notes": .string,
                 "follow_up": .string.optional, "case_id": .uuid.optional])
    }
}

extension VisitLog.Input: APISchema {
    static var schema: JSONSchema {
        .record(["household_id": .uuid, "visited_on": .date.optional, "purpose": .string.optional, "notes": .string.optional,
                 "follow_up": .string.optional])
    }
}

extension Dashboard: APISchema {
    static var schema: JSONSchema {
        let counts = JSONSchema.list(.record(["key": .string, "label_zh": .string, "label_en": .string, "count": .int()]))
        return .record(["scope": .oneOf(Dashboard.scopes), "id": .uuid, "name_zh": .string, "name_en": .string, "total": .int(), "open": .int(),
                        "overdue": .int(), "resolved": .int(), "average_days_to_resolve": .number.optional, "satisfaction": .number.optional,
                        "ratings": .int(), "by_family": counts, "by_status": counts])
    }
}

extension ServicesAPI.HolidayView: APISchema {
    static var schema: JSONSchema {
        .record(["date": .date, "kind": .oneOf(HolidayCalendar.Kind.self), "name_zh": .string, "name_en": .string])
    }
}

extension ServicesAPI.HolidayYear: APISchema {
    static var schema: JSONSchema { .record(["csv": .string]) }
}

extension ServicesAPI.Added: APISchema {
    static var schema: JSONSchema { .record(["added": .int()]) }
}
