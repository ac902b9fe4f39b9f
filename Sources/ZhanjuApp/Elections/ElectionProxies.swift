import Fluent
import Foundation
import Vapor
import ZhanjuRules

final class ProxyRecord: Model, @unchecked Sendable {
    static let schema = "election_proxies"
    @ID(key: .id) var id: UUID?
    @Field(key: "election_id") var electionID: UUID
    @Field(key: "grantor_id") var grantorID: UUID
    @Field(key: "grantor_name") var grantorName: String
    @Field(key: "holder_id") var holderID: UUID
    @Field(key: "holder_name") var holderName: String
    @Field(key: "relation") var relation: String
    @Field(key: "recorded_on") var recordedOn: String
    init() {}
}

/// Written proxies (Villagers' Committee Law art. 15, analogy): a voter who cannot come asks a
/// close relative on the roll, in writing; one voter holds at most the rule set's number; the
/// list is published before polling (the committee's overview, printable). The holder then takes
/// the grantor's ballot at the booth.
extension ElectionService {
    struct ProxyInput: Content, Sendable {
        var grantorId: UUID?
        var holderId: UUID?
        var relation: String?
        /// The grantor's signed authorisation was handed in.
        var written: Bool?
        static let example = ProxyInput(grantorId: UUID(), holderId: UUID(), relation: "child", written: true)
    }

    struct ProxyView: Content, Sendable, Equatable {
        var grantorId: UUID
        var grantorName: String
        var holderId: UUID
        var holderName: String
        var relation: String
        var recordedOn: String
        init(_ p: ProxyRecord) {
            (grantorId, grantorName, holderId, holderName, relation, recordedOn) = (p.grantorID, p.grantorName, p.holderID, p.holderName, p.relation, p.recordedOn)
        }
        static var example: ProxyView {
            let p = ProxyRecord()
            (p.grantorID, p.grantorName, p.holderID, p.holderName, p.relation, p.recordedOn) = (UUID(), "王大爷", UUID(), "王芳", "child", "2026-12-10")
            return ProxyView(p)
        }
    }

    /// Records a proxy, checked by the rule set against the roll and the proxies already given.
    /// Where the register records how the two are related, the relation stated must be it.
    func recordProxy(_ id: UUID, _ input: ProxyInput) async throws -> ProxyView {
        _ = try await election(id)
        guard let grantor = input.grantorId else { throw ZhanjuError.required("grantor_id") }
        guard let holder = input.holderId else { throw ZhanjuError.required("holder_id") }
        let relation = try Check.choice(input.relation, "relation", as: KinRelation.self)
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.rollPublished, .finalList], Text("登记委托投票", "record proxies")) { throw error }
            let kinship = try await RegistryDirectory(db: tx).kinship(around: [grantor, holder])
            if let known = Kinship.relation(of: holder.uuidString, to: grantor.uuidString, in: kinship), known != relation {
                throw ZhanjuError.invalid("relation", "election.proxy_relative", Text("户籍登记中受托人是委托人的\(known.zh),不是\(relation.zh)。",
                                                                                      "The register records the holder as the grantor's \(known.en), not \(relation.en)."))
            }
            let roll = try await RollEntry.query(on: tx).filter(\.$electionID == id).filter(\.$removed == false).all()
            let accepted = try await ProxyRecord.query(on: tx).filter(\.$electionID == id).all()
            let proxy = Proxy(grantor: grantor.uuidString, holder: holder.uuidString, relation: relation, written: input.written ?? false)
            let check = e.rules.checkProxy(proxy, roll: Set(roll.map(\.personID.uuidString)),
                                           accepted: accepted.compactMap { p in KinRelation(rawValue: p.relation).map { Proxy(grantor: p.grantorID.uuidString, holder: p.holderID.uuidString, relation: $0, written: true) } })
            if let error = Self.refuse(check, field: check.refusals.first?.rule == .proxyWritten ? "written" : check.refusals.first?.rule == .proxyRelative ? "relation" : "holder_id") { throw error }
            let p = ProxyRecord()
            (p.id, p.electionID, p.grantorID, p.holderID, p.relation, p.recordedOn) = (UUID(), id, grantor, holder, relation.rawValue, today.iso)
            p.grantorName = roll.first { $0.personID == grantor }?.name ?? ""
            p.holderName = roll.first { $0.personID == holder }?.name ?? ""
            try await p.create(on: tx)
            try await AuditTrail.append("create", "election_proxies", p.id, before: nil, after: AuditTrail.digest(["grantor": grantor.uuidString, "holder": holder.uuidString]),
                                        by: context.actor, at: now, on: tx)
            return ProxyView(p)
        }
    }
}
