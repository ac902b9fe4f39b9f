import Fluent
import Foundation
import ZhanjuRules

struct OrganisationResource: RegistryResource {
    var id: UUID?
    var kind: String?
    var nameZh: String?
    var nameEn: String?
    var workstationId: UUID?
    var committeeId: UUID?
    var compoundId: UUID?
    var parentId: UUID?

    static let path = "organisations"
    static let label = Strings.organisation
    static let filters = ["kind", "workstation_id", "committee_id", "compound_id"]
    static let example = OrganisationResource(id: UUID(), kind: "owners_committee", nameZh: "维多利亚业主委员会", nameEn: "Victoria Owners' Committee",
                                              workstationId: nil, committeeId: UUID(), compoundId: UUID(), parentId: nil)

    func apply(to row: Organisation, on db: any Database, context: WriteContext) async throws {
        let kind = try Check.choice(kind, "kind", as: BodyKind.self)
        guard kind.isOrganisation else {
            throw ZhanjuError.invalid("kind", "choice", Strings.errorChoice("kind", BodyKind.allCases.filter(\.isOrganisation).map(\.rawValue)))
        }
        row.kind = kind.rawValue
        row.nameZh = try Check.text(nameZh, "name_zh")
        row.nameEn = try Check.text(nameEn, "name_en")
        row.$workstation.id = try await Check.optionalRef(Workstation.self, workstationId, "workstation_id", on: db)?.requireID()
        let committee = try await Check.optionalRef(ResidentsCommittee.self, committeeId, "committee_id", on: db)
        row.$committee.id = try committee?.requireID()
        let compound = try await Check.optionalRef(Compound.self, compoundId, "compound_id", on: db)
        row.$compound.id = try compound?.requireID()
        if let compound, let committee, compound.$committee.id != committee.id {
            throw ZhanjuError.invalid("compound_id", "mismatch", Strings.errorMismatch("compound_id", "committee_id"))
        }
        if row.$workstation.id == nil && committee == nil && compound == nil {
            // Every body belongs somewhere, or nobody's permissions could ever reach it.
            throw ZhanjuError.required("committee_id")
        }
        if let parent = try await Check.optionalRef(Organisation.self, parentId, "parent_id", on: db) {
            guard parent.id != row.id else { throw ZhanjuError.invalid("parent_id", "cycle", Strings.errorUnknownRef("parent_id")) }
            row.$parent.id = parent.id
        } else {
            row.$parent.id = nil
        }
    }
    static func filter(_ q: QueryBuilder<Organisation>, by p: [String: String]) throws -> QueryBuilder<Organisation> {
        if let kind = try QueryParameters(p).choice("kind", as: BodyKind.self) { q.filter(\.$kind == kind.rawValue) }
        if let id = try uuidParam(p, "workstation_id") { q.filter(\.$workstation.$id == id) }
        if let id = try uuidParam(p, "committee_id") { q.filter(\.$committee.$id == id) }
        if let id = try uuidParam(p, "compound_id") { q.filter(\.$compound.$id == id) }
        return q
    }
    static func sort(_ q: QueryBuilder<Organisation>) -> QueryBuilder<Organisation> { q.sort(\.$kind).sort(\.$nameEn) }
}

extension OrganisationResource {
    init(_ row: Organisation, on db: any Database) async throws {
        self.init(id: row.id, kind: row.kind, nameZh: row.nameZh, nameEn: row.nameEn, workstationId: row.$workstation.id,
                  committeeId: row.$committee.id, compoundId: row.$compound.id, parentId: row.$parent.id)
    }
}

struct AppointmentResource: RegistryResource {
    var id: UUID?
    var residentId: UUID?
    var post: String?
    var bodyKind: String?
    var bodyId: UUID?
    var startsOn: String?
    var endsOn: String?

    static let path = "appointments"
    static let label = Strings.appointment
    static let filters = ["resident_id", "body_id", "post"]
    static let example = AppointmentResource(id: UUID(), residentId: UUID(), post: "chair", bodyKind: "residents_committee", bodyId: UUID(),
                                             startsOn: "2026-01-01", endsOn: "2030-12-31")

    func apply(to row: Appointment, on db: any Database, context: WriteContext) async throws {
        let resident = try await Check.ref(Resident.self, residentId, "resident_id", on: db)
        let post = try Check.choice(post, "post", as: Post.self)
        // The body kind follows from the post; a client that sends one must send the right one.
        if let bodyKind, bodyKind != post.body.rawValue {
            throw ZhanjuError.invalid("body_kind", "mismatch", Text("职务“\(post.label.zh)”属于\(post.body.label.zh)。", "The post \(post.label.en) belongs to a \(post.body.label.en)."))
        }
        guard let bodyId else { throw ZhanjuError.required("body_id") }
        guard let subDistrict = try await BodyDirectory(db: db).subDistrict(of: post.body, id: bodyId) else {
            throw ZhanjuError.invalid("body_id", "unknown_reference", Strings.errorUnknownRef("body_id"))
        }
        let starts = try Check.date(startsOn, "starts_on")
        let ends = try endsOn.flatMap { $0.isEmpty ? nil : $0 }.map { try Check.date($0, "ends_on") }
        if let ends, ends < starts { throw ZhanjuError.invalid("ends_on", "ends_before_start", Strings.errorEndsBeforeStart) }

        let term = Term(starts: starts, ends: ends)
        let proposed = AppointmentPolicy.Holding(post: post, bodyID: bodyId.uuidString, term: term)
        let residentID = try resident.requireID()
        let selfID = row.id ?? UUID()
        let personRows = try await Appointment.query(on: db).filter(\.$resident.$id == residentID).filter(\.$id != selfID).all()
        let bodyRows = try await Appointment.query(on: db).filter(\.$bodyID == bodyId).filter(\.$resident.$id != residentID).filter(\.$id != selfID).all()
        if let violation = subDistrict.policy.check(proposed, personHoldings: personRows.compactMap(\.holding), bodyHoldings: bodyRows.compactMap(\.holding)) {
            throw ZhanjuError(.conflict, code: "appointment.\(violation.rule.rawValue)", field: "post",
                              message: Text("不能任命为\(post.label.zh):与“\(violation.conflicting.label.zh)”冲突。规则:\(violation.rule.label.zh)(任职政策 \(subDistrict.policyName))。",
                                            "Cannot appoint as \(post.label.en): conflicts with \(violation.conflicting.label.en). Rule: \(violation.rule.label.en) (policy \(subDistrict.policyName))."))
        }
        row.$resident.id = residentID
        row.post = post.rawValue
        row.bodyKind = post.body.rawValue
        row.bodyID = bodyId
        row.startsOn = starts.iso
        row.endsOn = ends?.iso
    }

    static func filter(_ q: QueryBuilder<Appointment>, by p: [String: String]) throws -> QueryBuilder<Appointment> {
        if let id = try uuidParam(p, "resident_id") { q.filter(\.$resident.$id == id) }
        if let id = try uuidParam(p, "body_id") { q.filter(\.$bodyID == id) }
        if let post = try QueryParameters(p).choice("post", as: Post.self) { q.filter(\.$post == post.rawValue) }
        return q
    }
    static func sort(_ q: QueryBuilder<Appointment>) -> QueryBuilder<Appointment> { q.sort(\.$startsOn).sort(\.$id) }
}

extension AppointmentResource {
    init(_ row: Appointment, on db: any Database) async throws {
        self.init(id: row.id, residentId: row.$resident.id, post: row.post, bodyKind: row.bodyKind, bodyId: row.bodyID, startsOn: row.startsOn, endsOn: row.endsOn)
    }
}

extension Appointment {
    var holding: AppointmentPolicy.Holding? {
        guard let post = Post(rawValue: post), let term else { return nil }
        return .init(post: post, bodyID: bodyID.uuidString, term: term)
    }
}
