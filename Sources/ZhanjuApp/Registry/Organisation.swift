import Fluent
import Foundation
import ZhanjuRules

/// The bodies around the committees (owners' committees, property managers, councils, supervisory
/// committees, party organisations, volunteer organisations, residents' groups, election
/// committees). They share one table: they differ in kind and in which place they belong to.
final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @OptionalParent(key: "workstation_id") var workstation: Workstation?
    @OptionalParent(key: "committee_id") var committee: ResidentsCommittee?
    @OptionalParent(key: "compound_id") var compound: Compound?
    @OptionalParent(key: "parent_id") var parent: Organisation?
    init() {}

    var bodyKind: BodyKind? { BodyKind(rawValue: kind) }
}

/// Who holds which post in which body, from when to when.
/// The body is named by kind and id because posts belong to bodies of several tables;
/// AppointmentService checks that the body exists and is of the post's kind.
final class Appointment: Model, @unchecked Sendable {
    static let schema = "appointments"
    @ID(key: .id) var id: UUID?
    @Parent(key: "resident_id") var resident: Resident
    @Field(key: "post") var post: String
    @Field(key: "body_kind") var bodyKind: String
    @Field(key: "body_id") var bodyID: UUID
    @Field(key: "starts_on") var startsOn: String
    @OptionalField(key: "ends_on") var endsOn: String?
    init() {}

    var term: Term? {
        guard let starts = CivilDate(iso: startsOn) else { return nil }
        return Term(starts: starts, ends: endsOn.flatMap(CivilDate.init(iso:)))
    }
}
