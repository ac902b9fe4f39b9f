import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// Reading full personal numbers: by staff whose duty needs it (with a reason, logged), and by
/// residents of their own household (download, logged too).
enum PersonalData {
    struct Revealed: Content {
        var residentId: UUID
        var field: String
        var value: String?
        static let example = Revealed(residentId: UUID(), field: "phone", value: "13812345678")
    }

    struct RevealRequest: Content {
        var field: String?
        var reason: String?
    }

    static func reveal(_ residentID: UUID, _ input: RevealRequest, req: Request) async throws -> Revealed {
        let field = try Check.choice(input.field, "field", as: PersonalNumbers.Field.self)
        let registry = RegistryDirectory(db: req.db)
        guard let resident = try await registry.member(residentID) else { throw ZhanjuError.notFound(Strings.resident) }
        let place = try await registry.place(of: resident, in: try await req.territoryMap())
        // Whoever may not read the household at all learns nothing, not even that the person exists.
        try req.authorize(.householdsRead, at: place, notFound: Strings.resident)
        try req.authorize(field.revealPermission, at: place, notFound: Strings.resident)
        let reason = try Check.text(input.reason, "reason", max: 200)
        let value = try req.access.personalNumbers.open(field, of: resident)
        try await log(field.rawValue, reason: reason, residents: [resident], place: place, req: req)
        return Revealed(residentId: residentID, field: field.rawValue, value: value)
    }

    /// Writes the access record(s) before the value leaves the server.
    static func log(_ field: String, reason: String, residents: [RegistryDirectory.MemberRecord], place: Place, req: Request) async throws {
        let principal = try req.requirePrincipal()
        let now = req.access.now()
        try await req.access.write(on: req.db) { tx in
            for resident in residents {
                let record = DataAccessRecord()
                record.at = now
                record.$account.id = principal.accountID
                record.residentID = resident.id
                record.householdID = resident.householdID
                record.compoundID = place.compound
                record.field = field
                record.reason = reason
                try await record.create(on: tx)
            }
        }
    }

    /// Everything held about a household, whole: for its own residents.
    struct Export: Content {
        struct Member: Content {
            var id: UUID
            var name: String
            var relation: String?
            var sex: String
            var birthDate: String
            var hukou: String
            var politicalRights: Bool
            var idNumber: String?
            var phone: String?
            var tags: [String]
        }
        var householdId: UUID
        var address: String
        var members: [Member]
        static let example = Export(householdId: UUID(), address: "维多利亚 3栋1单元 1-101", members: [
            Member(id: UUID(), name: "王芳", relation: "head", sex: "female", birthDate: "1949-12-31", hukou: "local", politicalRights: true,
                   idNumber: "11010519491231002X", phone: "13812345678", tags: ["elderly"])])

        func csv() throws -> String {
            try CSVFile.render(header: ["household_id", "address", "resident_id", "name", "relation", "sex", "birth_date", "hukou",
                                        "political_rights", "id_number", "phone", "tags"],
                               rows: members.map { m in
                                   [householdId.uuidString, address, m.id.uuidString, m.name, m.relation ?? "", m.sex, m.birthDate, m.hukou,
                                    m.politicalRights ? "true" : "false", m.idNumber ?? "", m.phone ?? "", m.tags.joined(separator: ";")]
                               })
        }
    }

    static func ownHousehold(_ req: Request) async throws -> (RegistryDirectory.HouseholdRef, Place) {
        let principal = try req.requirePrincipal()
        guard let id = principal.householdID, let household = try await RegistryDirectory(db: req.db).household(id) else {
            throw ZhanjuError.notFound(Strings.household)
        }
        let place = household.place(in: try await req.territoryMap())
        try req.authorize(.ownData, at: place, notFound: Strings.household)
        return (household, place)
    }

    static func export(_ req: Request) async throws -> Export {
        let (household, place) = try await ownHousehold(req)
        let members = try await RegistryDirectory(db: req.db).members(of: household.id)
        let numbers = req.access.personalNumbers
        guard let rows = try await HouseholdRead.rows(household.id, for: req) else { throw ZhanjuError.notFound(Strings.household) }
        let h = rows.head
        let address = "\(h.compoundZh) \(h.zone.map { "\($0)区 " } ?? "")\(h.building)栋\(h.entrance)单元 \(h.door)"
        try await log("export", reason: AccessLog.ownDownloadReason, residents: members, place: place, req: req)
        return Export(householdId: household.id, address: address, members: try members.map { r in
            .init(id: r.id, name: r.name, relation: r.relation, sex: r.sex, birthDate: r.birthDate, hukou: r.hukou, politicalRights: r.politicalRights,
                  idNumber: try numbers.open(.idNumber, of: r), phone: try numbers.open(.phone, of: r), tags: r.tags)
        })
    }
}

/// Residents asking for their data to be corrected, and staff answering.
enum Corrections {
    enum Status: String, Codable, CaseIterable, Sendable { case open, accepted, rejected }

    static func statusLabel(_ s: Status) -> Text {
        switch s {
        case .open: return Text("待答复", "Awaiting an answer")
        case .accepted: return Text("已更正", "Corrected")
        case .rejected: return Text("未予更正", "Not corrected")
        }
    }

    struct View: Content {
        var id: UUID
        var householdId: UUID
        var residentId: UUID?
        var field: String
        var requestedValue: String
        var explanation: String
        var requestedAt: Date
        var status: String
        var answer: String?
        var answeredAt: Date?

        init(_ c: CorrectionRequest) {
            (id, householdId, residentId, field, requestedValue, explanation) = (c.id!, c.householdID, c.residentID, c.field, c.requestedValue, c.explanation)
            (requestedAt, status, answer, answeredAt) = (c.requestedAt, c.status, c.answer, c.answeredAt)
        }
        init(id: UUID, householdId: UUID, residentId: UUID?, field: String, requestedValue: String, explanation: String, requestedAt: Date,
             status: String, answer: String?, answeredAt: Date?) {
            (self.id, self.householdId, self.residentId, self.field, self.requestedValue, self.explanation) = (id, householdId, residentId, field, requestedValue, explanation)
            (self.requestedAt, self.status, self.answer, self.answeredAt) = (requestedAt, status, answer, answeredAt)
        }
        static let example = View(id: UUID(), householdId: UUID(), residentId: UUID(), field: "phone", requestedValue: "13912345678",
                                  explanation: "换了号码", requestedAt: Date(), status: "accepted", answer: "已更正", answeredAt: Date())
    }

    struct NewRequest: Content {
        var residentId: UUID?
        var field: String?
        var requestedValue: String?
        var explanation: String?
    }

    struct Answer: Content {
        var decision: String?
        var answer: String?
    }

    /// Fields a resident can ask about (the registry's own field names), and `erase`: asking for a
    /// record to be deleted (RULES.md: residents may ask to delete their data).
    static let fields = ["name", "sex", "birth_date", "relation", "hukou", "political_rights", "id_number", "phone", "tags", "door", "erase", "other"]

    static func label(_ field: String) -> Text {
        switch field {
        case "name": return Strings.name
        case "sex": return Strings.sex
        case "birth_date": return Strings.birthDate
        case "relation": return Strings.relation
        case "hukou": return Strings.hukou
        case "political_rights": return Strings.politicalRights
        case "id_number": return Strings.idNumber
        case "phone": return Strings.phone
        case "tags": return Strings.tags
        case "door": return Strings.door
        case "erase": return Text("删除这条记录", "Delete this record")
        default: return Text("其他", "Other")
        }
    }

    static func file(_ input: NewRequest, req: Request) async throws -> View {
        let (household, _) = try await PersonalData.ownHousehold(req)
        let field = try Check.text(input.field, "field", max: 32)
        guard fields.contains(field) else { throw ZhanjuError.invalid("field", "choice", Strings.errorChoice("field", fields)) }
        if let rid = input.residentId {
            guard let r = try await RegistryDirectory(db: req.db).member(rid), r.householdID == household.id else {
                throw ZhanjuError.invalid("resident_id", "unknown_reference", Strings.errorUnknownRef("resident_id"))
            }
        }
        let value = try Check.text(input.requestedValue, "requested_value", max: 200)
        let explanation = (input.explanation ?? "").trimmingCharacters(in: .whitespaces)
        guard explanation.count <= 1000 else { throw ZhanjuError.invalid("explanation", "too_long", Strings.errorTooLong("explanation", 1000)) }
        try Check.printable(explanation, "explanation")
        let context = try req.writeContext()
        return try await req.access.write(on: req.db) { tx in
            let c = CorrectionRequest()
            c.householdID = household.id
            c.compoundID = household.compoundID
            c.residentID = input.residentId
            c.field = field
            c.requestedValue = value
            c.explanation = explanation
            c.$requestedBy.id = try req.requirePrincipal().accountID
            c.requestedAt = req.access.now()
            c.status = Status.open.rawValue
            try await c.create(on: tx)
            try await AuditTrail.append("create", "correction_requests", c.id, before: nil, after: AuditTrail.digest(View(c)),
                                        by: context.actor, at: req.access.now(), on: tx)
            return View(c)
        }
    }

    static func answer(_ id: UUID, _ input: Answer, req: Request) async throws -> View {
        let context = try req.writeContext()
        let map = try await req.territoryMap()
        // Read and checked inside the write: of two answers given at once, the second is told
        // the request is already answered rather than overwriting the first.
        return try await req.access.write(on: req.db) { tx in
            guard let c = try await CorrectionRequest.find(id, on: tx), let household = try await RegistryDirectory(db: tx).household(c.householdID) else {
                throw ZhanjuError.notFound(Strings.correction)
            }
            let place = household.place(in: map)
            try req.authorize(.correctionsAnswer, at: place, notFound: Strings.correction)
            guard let decision = Status(rawValue: input.decision ?? ""), decision != .open else {
                throw ZhanjuError.invalid("decision", "choice", Strings.errorChoice("decision", ["accepted", "rejected"]))
            }
            let text = try Check.text(input.answer, "answer", max: 1000)
            guard c.status == Status.open.rawValue else {
                throw ZhanjuError(.conflict, code: "correction.answered", field: "decision", message: Text("该申请已答复。", "This request has already been answered."))
            }
            let before = AuditTrail.digest(View(c))
            c.status = decision.rawValue
            c.answer = text
            c.$answeredBy.id = try req.requirePrincipal().accountID
            c.answeredAt = req.access.now()
            try await c.update(on: tx)
            try await AuditTrail.append("answer", "correction_requests", c.id, before: before, after: AuditTrail.digest(View(c)),
                                        by: context.actor, at: req.access.now(), on: tx)
            return View(c)
        }
    }

    /// Requests within the answerer's reach, open first.
    static func queue(_ req: Request, status: Status?) async throws -> [View] {
        let reach = try req.reach(.correctionsAnswer)
        guard !reach.isEmpty else { return [] }
        let q = CorrectionRequest.query(on: req.db)
        if !reach.everywhere {
            q.group(.or) { $0.filter(\.$compoundID ~~ Array(reach.compounds)).filter(\.$householdID ~~ Array(reach.households)) }
        }
        if let status { q.filter(\.$status == status.rawValue) }
        return try await q.sort(\.$status, .descending).sort(\.$requestedAt).range(0..<500).all().map(View.init)
    }
}

/// Who read whose full numbers: for supervisors and administrators within their reach, and for
/// residents about their own household.
enum AccessLog {
    struct Entry: Content {
        var at: Date
        var account: String
        var residentId: UUID
        var residentName: String
        var field: String
        var reason: String
        static let example = Entry(at: Date(), account: "station.staff (赵敏)", residentId: UUID(), residentName: "王芳", field: "id_number", reason: "低保复核")
    }

    /// What was read, in words: a full ID or phone number, or the household's whole record.
    static func fieldLabel(_ field: String) -> Text {
        switch field {
        case "export": return Text("全户资料下载", "Whole household download")
        case PersonalNumbers.Field.idNumber.rawValue: return Strings.idNumber
        case PersonalNumbers.Field.phone.rawValue: return Strings.phone
        default: return Text(field, field)
        }
    }

    /// Reasons the system writes itself, in the reader's language; a person's reason as they wrote it.
    static func reasonLabel(_ reason: String) -> Text {
        reason == ownDownloadReason ? Text("本人下载", "Own download") : Text(reason, reason)
    }

    static let ownDownloadReason = "resident's own download"

    static func entries(_ req: Request, household: UUID? = nil) async throws -> [Entry] {
        let q = DataAccessRecord.query(on: req.db).with(\.$account)
        if let household {
            q.filter(\.$householdID == household)
        } else {
            let reach = try req.reach(.auditRead)
            guard !reach.isEmpty else { return [] }
            if !reach.everywhere { q.filter(\.$compoundID ~~ Array(reach.compounds)) }
        }
        let records = try await q.sort(\.$at, .descending).range(0..<500).all()
        let names = try await RegistryDirectory(db: req.db).names(of: records.map(\.residentID))
        return records.map {
            Entry(at: $0.at, account: "\($0.account.username) (\($0.account.displayName))", residentId: $0.residentID,
                  residentName: names[$0.residentID] ?? "—", field: $0.field, reason: $0.reason)
        }
    }
}
