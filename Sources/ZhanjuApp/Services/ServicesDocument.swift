import ZhanjuRules

/// What reflection over the services capability's examples cannot see: closed sets, bounds, and
/// which optional Swift fields a request must still carry (the service answers 422 without them).
enum ServicesDocument {
    static func refine(_ d: inout OpenAPIDocument) {
        for schema in ["ServiceItem", "ServiceItemInput"] {
            d.closed(schema, "family", ServiceFamily.self)
            d.closed(schema, "level", HandlingLevel.self)
            d.bounded(schema, "sla_days", 1...90)
            d.closed(schema, "attributes[].datatype", ServiceAttribute.Datatype.self)
        }
        d.require("ServiceItemInput", ["code", "family", "name_zh", "name_en", "level", "sla_days"])
        d.closed("Case", "family", ServiceFamily.self)
        d.closed("Case", "status", CaseStatus.self)
        d.closed("Case", "channel", CaseService.Origin.self)
        d.closed("Case", "assigned_kind", BodyKind.self)
        d.formatted("Case", "due_on", "date")
        d.bounded("Case", "rating", 1...5)
        // A timeline holds the steps taken and the case's other events (CaseService: report, rate, escalate).
        d.closed("Case", "events[].action", ["report", "rate", "escalate"] + CaseAction.allCases.map(\.rawValue))
        d.closed("Case", "events[].from_status", CaseStatus.self)
        d.closed("Case", "events[].to_status", CaseStatus.self)
        d.require("NewCase", ["service_code"])
        d.values("NewCase", "attributes", .array(.string))
        d.values("Case", "attributes", .string)
        d.closed("NewCase", "channel", CaseService.Origin.self)
        d.closed("CaseAction", "action", CaseAction.self)
        d.require("CaseAction", ["action"])
        d.bounded("CaseRating", "rating", 1...5)
        d.require("CaseRating", ["rating"])
        d.require("NewVisit", ["household_id"])
        d.formatted("NewVisit", "visited_on", "date")
        d.formatted("Visit", "visited_on", "date")
        d.closed("Dashboard", "scope", Dashboard.scopes)
        d.formatted("Holiday", "date", "date")
        d.closed("Holiday", "kind", HolidayCalendar.Kind.self)
        d.require("HolidayYear", ["csv"])
    }
}
