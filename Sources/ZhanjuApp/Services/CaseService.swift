import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// The only writer of cases: opening (with routing and the SLA), every step of the lifecycle,
/// ratings and escalation. Each write is one transaction with its timeline entry and audit link.
struct CaseService: Sendable {
    let db: any Database
    let context: WriteContext
    let calendar: HolidayCalendar
    let now: Date
    let today: CivilDate

    init(db: any Database, context: WriteContext, calendar: HolidayCalendar, now: Date, today: CivilDate) {
        (self.db, self.context, self.calendar, self.now, self.today) = (db, context, calendar, now, today)
    }

    init(_ req: Request) async throws {
        self.init(db: req.db, context: try req.writeContext(), calendar: try await req.access.calendar(on: req.db),
                  now: req.access.now(), today: req.today)
    }

    enum Origin: String, Codable, CaseIterable, Sendable {
        case online, counter, paper, patrol, visit, open311
        var label: Text {
            switch self {
            case .online: return Text("居民网上提交", "Online, by the resident")
            case .counter: return Text("窗口代为提交", "At the counter")
            case .paper: return Text("纸质申请录入", "From a paper form")
            case .patrol: return Text("网格巡查发现", "Found on patrol")
            case .visit: return Text("入户走访发现", "Found on a home visit")
            case .open311: return Text("Open311 接口", "Open311 client")
            }
        }

        /// How the audit chain records an entry that came this way.
        var auditChannel: Channel {
            switch self {
            case .counter: return .counter
            case .paper: return .paper
            default: return .online
            }
        }
    }

    struct OpenInput: Content {
        var serviceCode: String?
        var description: String?
        var householdId: UUID?
        var compoundId: UUID?
        var residentId: UUID?
        var channel: String?
        var attributes: [String: [String]]?
        var address: String?
        var lat: Double?
        var long: Double?
        var mediaUrl: String?
        static let example = OpenInput(serviceCode: "SAF-HAZ", description: "3栋楼道电动车充电", householdId: UUID(), compoundId: UUID(), residentId: UUID(),
                                       channel: "online", attributes: ["hazard": ["ebike_charging"]], address: "维多利亚 3栋", lat: 30.58, long: 104.05,
                                       mediaUrl: "https://example.org/photo.jpg")
    }

    struct ActInput: Content {
        var action: String?
        var note: String?
        /// Dispatch: a body (`workstation`, `service_point`, `property_manager`, `sub_district`) and/or a username.
        var assignTo: String?
        var assignee: String?
        static let example = ActInput(action: "dispatch", note: "请网格员现场查看", assignTo: "workstation", assignee: "grid.worker")
    }

    // MARK: opening

    /// Opens a case. Only the Open311 endpoint publishes one (`publicRequest`): the way a case
    /// came in is a field of the input, and a field must not be a way to publish someone's case.
    func open(_ input: OpenInput, publicRequest: Bool = false) async throws -> Case {
        guard let code = input.serviceCode?.trimmingCharacters(in: .whitespaces), !code.isEmpty else { throw ZhanjuError.required("service_code") }
        guard let item = try await ServiceItem.query(on: db).filter(\.$code == code.uppercased()).filter(\.$active == true).first() else {
            throw ZhanjuError.invalid("service_code", "unknown_reference", Strings.errorUnknownRef("service_code"))
        }
        let map = try await context.access.map(on: db)
        // Where: a household, else a compound, else the filer's own household.
        let registry = RegistryDirectory(db: db)
        var household: RegistryDirectory.HouseholdRef?
        if let hid = input.householdId ?? (input.compoundId == nil ? context.principal?.householdID : nil) {
            // No such household and one out of reach answer alike (below): filing is no way to learn which ids exist.
            guard let h = try await registry.household(hid) else {
                if context.principal == nil { throw ZhanjuError.invalid("household_id", "unknown_reference", Strings.errorUnknownRef("household_id")) }
                throw ZhanjuError.notFound(Strings.household)
            }
            household = h
        }
        guard let compoundID = household?.compoundID ?? input.compoundId, map.committeeOfCompound[compoundID] != nil else {
            throw ZhanjuError.required(input.compoundId == nil ? "household_id" : "compound_id")
        }
        let place = household?.place(in: map) ?? map.place(compound: compoundID)
        if let principal = context.principal, !principal.grants.allows(.casesFile, at: place) {
            throw principal.grants.holds(.casesFile) ? ZhanjuError.notFound(Strings.household) : ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden)
        }
        var resident: UUID?
        if let rid = input.residentId {
            // The person lives where the case is: in its household, or in a household of its
            // compound. Anyone else answers like an id that does not exist.
            let r = try await registry.resident(rid)
            var home: RegistryDirectory.HouseholdRef?
            if let hid = r?.householdID { home = try await registry.household(hid) }
            guard let r, let home, household.map({ $0.id == home.id }) ?? (home.compoundID == compoundID) else {
                throw ZhanjuError.invalid("resident_id", "unknown_reference", Strings.errorUnknownRef("resident_id"))
            }
            resident = r.id
        }
        let origin = try Check.choice(input.channel ?? defaultOrigin.rawValue, "channel", as: Origin.self)
        if (origin == .open311) != publicRequest {
            throw ZhanjuError.invalid("channel", "choice", Text("只有 Open311 接口提交的请求才会公开。", "Only requests filed through Open311 are public."))
        }
        // Only those who take cases in say how one came in; a resident files online.
        if let principal = context.principal, !principal.grants.holds(.casesHandle), origin != .online, origin != .open311 {
            throw ZhanjuError.invalid("channel", "choice", Text("居民只能在线提交。", "A resident files online."))
        }
        // The request's own fields are checked whole, so the form shows every problem at once.
        var v = Validation()
        let description = (input.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try v.field { () throws -> Void in
            guard description.count <= 4000 else { throw ZhanjuError.invalid("description", "too_long", Strings.errorTooLong("description", 4000)) }
            try Check.printable(description, "description")
        }
        var answers: [String: String] = [:]
        let given = input.attributes ?? [:]
        for a in item.attributeList.sorted(by: { $0.order < $1.order }) {
            if let checked = try v.field({ try a.check(given[a.code] ?? []) }), let value = checked { answers[a.code] = value }
        }
        for unknown in given.keys.sorted() where !item.attributeList.contains(where: { $0.code == unknown }) {
            _ = try v.field { () throws -> Void in
                throw ZhanjuError.invalid("attribute[\(unknown)]", "unknown_attribute", Strings.errorUnknownRef("attribute[\(unknown)]"))
            }
        }
        if description.isEmpty && answers.isEmpty && v.errors.isEmpty { _ = try v.field { () throws -> Void in throw ZhanjuError.required("description") } }
        if let lat = input.lat, !(-90...90).contains(lat) {
            _ = try v.field { () throws -> Void in throw ZhanjuError.invalid("lat", "range", Text("纬度超出范围。", "lat is out of range.")) }
        }
        if let long = input.long, !(-180...180).contains(long) {
            _ = try v.field { () throws -> Void in throw ZhanjuError.invalid("long", "range", Text("经度超出范围。", "long is out of range.")) }
        }
        try v.finish()
        let target = try await route(item.levelValue ?? .workstation, compound: compoundID, place: place)

        let fixedHousehold = household, fixedPlace = place, fixedResident = resident, fixedAnswers = answers
        let result: Case = try await context.access.write(on: db) { tx in
            let c = Case()
            c.id = UUID()
            // The day's next number, from the day's counter (started after the day's last number
            // where cases were numbered before counters were kept).
            let prefix = "ZJ-\(today.iso.replacingOccurrences(of: "-", with: ""))-"
            let next = try await Counter.next("case:\(prefix)", on: tx) {
                let last = try await Case.query(on: tx).filter(\.$number >= prefix + "000000").filter(\.$number <= prefix + "999999")
                    .sort(\.$number, .descending).first()
                return last.flatMap { Int($0.number.dropFirst(prefix.count)) } ?? 0
            }
            c.number = prefix + String(String(next + 1_000_000).dropFirst())
            c.$item.id = item.id!
            c.family = item.family
            c.status = CaseStatus.reported.rawValue
            c.channel = origin.rawValue
            c.reporterAccountID = context.actor.accountID
            c.residentID = fixedResident ?? context.actor.onBehalfOf
            c.householdID = fixedHousehold?.id
            c.compoundID = compoundID
            c.gridID = fixedHousehold?.gridID
            c.committeeID = fixedPlace.committee
            c.workstationID = fixedPlace.workstation!
            c.subDistrictID = fixedPlace.subDistrict!
            c.assignedKind = target.kind.rawValue
            c.assignedBodyID = target.id
            c.description = description
            c.attributes = String(decoding: try JSONEncoder().encode(fixedAnswers), as: UTF8.self)
            c.address = input.address.map { String($0.prefix(200)) }
            c.lat = input.lat
            c.long = input.long
            c.mediaURL = input.mediaUrl.map { String($0.prefix(500)) }
            c.isPublic = publicRequest
            c.slaDays = item.slaDays
            c.reportedAt = now
            c.reportedOn = today.iso
            c.pausedDays = 0
            c.escalated = false
            c.updatedAt = now
            setDue(c)
            try await c.insert(on: tx)
            try await event(c, "report", from: .reported, to: .reported, note: description, on: tx)
            try await AuditTrail.append("create", "cases", c.id, before: nil, after: AuditTrail.digest(CaseView(c, item: item)), by: context.actor, at: now, on: tx)
            return c
        }
        return result
    }

    private var defaultOrigin: Origin {
        switch context.actor.channel {
        case .counter: return .counter
        case .paper: return .paper
        default: return context.principal?.grants.roles.contains(.gridWorker) == true ? .patrol : .online
        }
    }

    /// Routes by the item's level to the body that handles it where the case is.
    func route(_ level: HandlingLevel, compound: UUID, place: Place) async throws -> (kind: BodyKind, id: UUID) {
        switch level {
        case .subDistrictCentre:
            return (.subDistrict, place.subDistrict!)
        case .servicePoint:
            if let sp = try await RegistryDirectory(db: db).servicePoint(in: compound) { return (.servicePoint, sp) }
        case .propertyManager:
            if let pm = try await RegistryDirectory(db: db).propertyManager(of: compound) { return (.propertyManager, pm) }
        case .workstation:
            break
        }
        return (.workstation, place.workstation!)
    }

    // MARK: the lifecycle

    /// Takes a step. The case is read and checked inside the write, so two clerks pressing
    /// "accept" at once give one step and one 409, whichever process each is on.
    func act(_ id: UUID, _ input: ActInput) async throws -> Case {
        try await context.access.write(on: db) { tx in
            try await CaseService(db: tx, context: context, calendar: calendar, now: now, today: today).actChecked(id, input)
        }
    }

    private func actChecked(_ id: UUID, _ input: ActInput) async throws -> Case {
        guard let c = try await Case.read(id, on: db) else { throw ZhanjuError.notFound(Strings.caseWord) }
        let action = try Check.choice(input.action, "action", as: CaseAction.self)
        let from = c.statusValue
        let map = try await context.access.map(on: db)
        try authorize(action, on: c, map: map)
        guard let to = CaseLifecycle.next(from: from, by: action) else {
            throw ZhanjuError(.conflict, code: "case.transition", field: "action",
                              message: Text("案件处于“\(from.label.zh)”,不能“\(action.label.zh)”。", "A case that is \(from.label.en.lowercased()) cannot be \(action.pastTense)."))
        }
        let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if action.needsNote && note.isEmpty { throw ZhanjuError.required("note") }
        guard note.count <= 2000 else { throw ZhanjuError.invalid("note", "too_long", Strings.errorTooLong("note", 2000)) }
        try Check.printable(note, "note")
        if action == .verify, let principal = context.principal, !principal.grants.roles.contains(.administrator) {
            let resolvedBy = try await CaseEvent.query(on: db).filter(\.$kase.$id == id).filter(\.$action == CaseAction.resolve.rawValue)
                .sort(\.$seq, .descending).first()?.actorAccountID
            if resolvedBy == principal.accountID {
                throw ZhanjuError(.conflict, code: "case.verify_own", field: "action",
                                  message: Text("办结人不能自己核查,请由他人核查。", "Whoever resolved a case cannot verify it; someone else must."))
            }
        }
        var assignee: Account?
        var target: (BodyKind, UUID)?
        if action == .dispatch {
            if let name = input.assignee?.trimmingCharacters(in: .whitespaces).lowercased(), !name.isEmpty {
                guard let a = try await Account.query(on: db).filter(\.$username == name).filter(\.$disabled == false).first() else {
                    throw ZhanjuError.invalid("assignee", "unknown_reference", Strings.errorUnknownRef("assignee"))
                }
                assignee = a
            }
            if let raw = input.assignTo, !raw.isEmpty {
                target = try await body(raw, for: c)
            }
            // Only someone who may handle the case where it is (and, for a property manager, once
            // it is routed to theirs) can be given it: otherwise it would sit in a list they
            // cannot open.
            if let assignee {
                let p = try await GrantBuilder.principal(for: assignee, credential: .token, today: today, map: map, on: db)
                guard CaseScope(p).mayHandle(place: c.place, assignedKind: target?.0.rawValue ?? c.assignedKind) else {
                    throw ZhanjuError.invalid("assignee", "case.assignee_cannot_handle",
                                              Text("该账户不能办理这一案件。", "That account cannot handle this case."))
                }
            }
        }
        let fixedAssignee = assignee, fixedTarget = target
        let before = AuditTrail.digest(CaseView(c, item: nil))
        let result: Case = try await context.access.write(on: db) { tx in
            c.status = to.rawValue
            switch action {
            case .dispatch:
                if c.dispatchedOn == nil { c.dispatchedOn = today.iso }
                if let target = fixedTarget { c.assignedKind = target.0.rawValue; c.assignedBodyID = target.1 }
                if let assignee = fixedAssignee { c.assigneeAccountID = assignee.id }
            case .askResident:
                c.pausedSince = today.iso
            case .residentReplied:
                if let since = c.pausedSince.flatMap(CivilDate.init(iso:)) { c.pausedDays += calendar.workingDays(after: since, through: today) }
                c.pausedSince = nil
            case .resolve:
                c.resolvedOn = today.iso
            case .close:
                c.closedOn = today.iso
            case .reopen:
                c.resolvedOn = nil
                c.closedOn = nil
                c.rating = nil
                c.ratingComment = nil
            default: break
            }
            c.updatedAt = now
            setDue(c)
            try await c.updateColumns(on: tx)
            let extra = fixedAssignee.map { " → \($0.username)" } ?? ""
            try await event(c, action.rawValue, from: from, to: to, note: note + extra, on: tx)
            try await AuditTrail.append(action.rawValue, "cases", c.id, before: before, after: AuditTrail.digest(CaseView(c, item: nil)), by: context.actor, at: now, on: tx)
            return c
        }
        return result
    }

    /// Who may take which step: handlers within reach for the work; the resident (or anyone
    /// handling it) for replying and reopening. A property manager only handles what is routed to it.
    func authorize(_ action: CaseAction, on c: Case, map: TerritoryMap) throws {
        guard let principal = context.principal else { return }
        let handler = CaseScope(principal).mayHandle(c)
        let owner = principal.grants.allows(.ownData, at: c.place) || (c.reporterAccountID != nil && c.reporterAccountID == principal.accountID)
        let allowed = [.residentReplied, .reopen].contains(action) ? (handler || owner) : handler
        if !allowed {
            if owner || CaseScope(principal).mayRead(c) { throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden) }
            throw ZhanjuError.notFound(Strings.caseWord)
        }
    }

    private func body(_ raw: String, for c: Case) async throws -> (BodyKind, UUID) {
        let level: HandlingLevel
        switch raw {
        case "sub_district": level = .subDistrictCentre
        case "workstation": level = .workstation
        case "service_point": level = .servicePoint
        case "property_manager": level = .propertyManager
        default: throw ZhanjuError.invalid("assign_to", "choice", Strings.errorChoice("assign_to", ["sub_district", "workstation", "service_point", "property_manager"]))
        }
        let routed = try await route(level, compound: c.compoundID ?? UUID(), place: c.place)
        if level != .workstation && level != .subDistrictCentre && routed.kind == .workstation {
            throw ZhanjuError.invalid("assign_to", "absent", Text("该小区没有这个机构。", "This compound has no such body."))
        }
        return routed
    }

    /// Rates a resolved case; read and checked inside the write, like a step.
    func rate(_ id: UUID, rating: Int?, comment: String?) async throws -> Case {
        try await context.access.write(on: db) { tx in
            try await CaseService(db: tx, context: context, calendar: calendar, now: now, today: today).rateChecked(id, rating: rating, comment: comment)
        }
    }

    private func rateChecked(_ id: UUID, rating: Int?, comment: String?) async throws -> Case {
        guard let c = try await Case.read(id, on: db) else { throw ZhanjuError.notFound(Strings.caseWord) }
        if let principal = context.principal {
            let owner = principal.grants.allows(.ownData, at: c.place) || c.reporterAccountID == principal.accountID
            guard owner else {
                if CaseScope(principal).mayRead(c) { throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden) }
                throw ZhanjuError.notFound(Strings.caseWord)
            }
        }
        guard let rating, (1...5).contains(rating) else { throw ZhanjuError.invalid("rating", "range", Text("评分为 1–5。", "A rating is 1 to 5.")) }
        guard [.resolved, .verified, .closed].contains(c.statusValue) else {
            throw ZhanjuError(.conflict, code: "case.not_resolved", field: "rating", message: Text("办结后才能评价。", "A case can be rated once it is resolved."))
        }
        // One rating per case: the satisfaction figures count cases, not clicks.
        guard c.rating == nil else {
            throw ZhanjuError(.conflict, code: "case.rated", field: "rating", message: Text("该案件已评价。", "This case has already been rated."))
        }
        let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text { try Check.printable(text, "comment") }
        return try await context.access.write(on: db) { tx in
            c.rating = rating
            c.ratingComment = text?.isEmpty == false ? String(text!.prefix(500)) : nil
            c.updatedAt = now
            try await c.updateColumns(on: tx)
            try await event(c, "rate", from: c.statusValue, to: c.statusValue, note: "\(rating)/5" + (c.ratingComment.map { " \($0)" } ?? ""), on: tx)
            try await AuditTrail.append("rate", "cases", c.id, before: nil, after: AuditTrail.digest(CaseView(c, item: nil)), by: context.actor, at: now, on: tx)
            return c
        }
    }

    /// Marks open cases past their due date as escalated to the sub-district, once each.
    @discardableResult
    func escalateOverdue() async throws -> Int {
        let open = CaseStatus.allCases.filter { $0.isOpen && !$0.pausesClock }.map(\.rawValue)
        let due = try await Case.query(on: db).filter(\.$status ~~ open).filter(\.$escalated == false).filter(\.$dueOn < today.iso).all()
        var escalated = 0
        for candidate in due {
            escalated += try await context.access.write(on: db) { tx in
                // Still open, still overdue and not yet escalated, now that this write holds the lock.
                guard let c = try await Case.read(candidate.id, on: tx), open.contains(c.status), !c.escalated, c.dueOn < today.iso else { return 0 }
                c.escalated = true
                c.updatedAt = now
                try await c.updateColumns(on: tx)
                try await event(c, "escalate", from: c.statusValue, to: c.statusValue,
                                note: "超过办结时限 \(c.dueOn),提交街道督办 / overdue since \(c.dueOn), escalated to the sub-district", on: tx)
                try await AuditTrail.append("escalate", "cases", c.id, before: nil, after: AuditTrail.digest(CaseView(c, item: nil)), by: context.actor, at: now, on: tx)
                return 1
            }
        }
        return escalated
    }

    /// The SLA reading for a case now, from its stored dates.
    func reading(_ c: Case) -> SLAClock.Reading {
        let clock = SLAClock(calendar: calendar)
        var pauses: [SLAClock.Pause] = []
        // Closed pauses are kept as a count: stand them in as one span of that many working days.
        if c.pausedDays > 0, let start = CivilDate(iso: c.reportedOn) {
            pauses.append(.init(start: start, end: calendar.adding(workingDays: c.pausedDays, to: start).date))
        }
        if let since = c.pausedSince.flatMap(CivilDate.init(iso:)) { pauses.append(.init(start: since, end: nil)) }
        let finished = [c.resolvedOn, c.closedOn].compactMap { $0 }.compactMap(CivilDate.init(iso:)).first
        return clock.reading(reportedOn: CivilDate(iso: c.reportedOn) ?? today, dispatchedOn: c.dispatchedOn.flatMap(CivilDate.init(iso:)),
                             slaDays: c.slaDays, pauses: pauses, open: c.statusValue.isOpen, finishedOn: c.statusValue.isOpen ? nil : finished, today: today)
    }

    private func setDue(_ c: Case) {
        let r = reading(c)
        c.dueOn = r.due.iso
        c.dueConfirmed = r.confirmed
    }

    private func event(_ c: Case, _ action: String, from: CaseStatus, to: CaseStatus, note: String, on tx: any Database) async throws {
        WritePath.changed(.cases)
        let (dashboards, queues) = (context.access.dashboards, context.access.caseQueues)
        WritePath.afterCommit { dashboards.invalidate(); queues.invalidate() }
        let e = CaseEvent()
        e.$kase.id = c.id!
        e.seq = try await CaseEvent.query(on: tx).filter(\.$kase.$id == c.id!).count() + 1
        e.at = now
        e.actorAccountID = context.actor.accountID
        e.actor = context.actor.label + (context.actor.channel == .counter || context.actor.channel == .paper ? " · \(context.actor.channel.rawValue)" : "")
        e.action = action
        e.fromStatus = from.rawValue
        e.toStatus = to.rawValue
        e.note = note
        try await e.insert(on: tx)
    }
}

/// Which cases a principal may read and handle: handlers over their reach (a property manager
/// only for what is routed to it); residents for their household's cases and those they filed.
struct CaseScope {
    let principal: Principal

    init(_ principal: Principal) { self.principal = principal }

    func mayHandle(_ c: Case) -> Bool { mayHandle(place: c.place, assignedKind: c.assignedKind) }

    func mayHandle(place: Place, assignedKind: String) -> Bool {
        principal.grants.all.contains { g in
            guard g.gives(.casesHandle), g.scope.covers(place) else { return false }
            return g.role != .propertyManager || assignedKind == BodyKind.propertyManager.rawValue
        }
    }

    func mayRead(_ c: Case) -> Bool {
        mayHandle(c) || principal.grants.allows(.ownData, at: c.place) || c.reporterAccountID == principal.accountID
            || principal.grants.allows(.dashboardsRead, at: c.place)
    }
}
