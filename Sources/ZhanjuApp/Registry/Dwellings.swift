import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// 业主: the registered owner of one or more exclusive parts of a compound (or the developer).
final class PropertyOwner: Model, @unchecked Sendable {
    static let schema = "property_owners"
    @ID(key: .id) var id: UUID?
    @Field(key: "compound_id") var compoundID: UUID
    @Field(key: "name") var name: String
    @OptionalField(key: "resident_id") var residentID: UUID?
    @Field(key: "developer") var developer: Bool
    init() {}
}

/// 专有部分: a flat with its exclusive area as registered, its owner, and who lives there.
final class Dwelling: Model, @unchecked Sendable {
    static let schema = "dwellings"
    @ID(key: .id) var id: UUID?
    @Field(key: "compound_id") var compoundID: UUID
    @OptionalField(key: "household_id") var householdID: UUID?
    @Field(key: "label") var label: String
    @Field(key: "area_hundredths") var areaHundredths: Int
    @Field(key: "area_source") var areaSource: String
    @Field(key: "owner_id") var ownerID: UUID
    @Field(key: "let") var isLet: Bool
    init() {}
}

/// The only writer of dwellings and owners: a compound's register of exclusive parts, recorded
/// in one write (from the real-estate register's extract), with one audit entry.
struct DwellingService: Sendable {
    let db: any Database
    let context: WriteContext
    let now: Date

    struct OwnerInput: Sendable {
        var key: String
        var name: String
        var residentID: UUID?
        var developer: Bool
    }

    struct DwellingInput: Sendable {
        var householdID: UUID?
        var label: String
        var areaHundredths: Int
        var areaSource: OwnersRegister.AreaSource
        var ownerKey: String
        var isLet: Bool
    }

    /// What the rules' register refuses in these parts (no area, listed twice), if anything.
    static func problem(_ dwellings: [DwellingInput]) -> CouncilRefusal? {
        do throws(CouncilRefusal) {
            _ = try OwnersRegister(dwellings.map { .init(id: $0.label, areaHundredths: $0.areaHundredths, areaSource: $0.areaSource, holder: .owner($0.ownerKey)) })
            return nil
        } catch {
            return error
        }
    }

    /// Records a compound's owners and dwellings. Refuses a part without area or listed twice
    /// (the rules' register is built first, so the same checks hold as when a vote is counted).
    func record(compound: UUID, owners: [OwnerInput], dwellings: [DwellingInput], replacing: Bool = false) async throws -> Int {
        guard try await RegistryDirectory(db: db).compoundExists(compound) else {
            throw ZhanjuError.invalid("compound_id", "unknown_reference", Strings.errorUnknownRef("compound_id"))
        }
        if let refusal = Self.problem(dwellings) {
            throw ZhanjuError.invalid("dwellings", "council.\(refusal.rule.rawValue)", Text("专有部分登记有误:\(refusal.subject ?? "")", "The register of exclusive parts is wrong: \(refusal.subject ?? "")"))
        }
        let ownerIDs = Dictionary(owners.map { ($0.key, UUID()) }, uniquingKeysWith: { a, _ in a })
        guard dwellings.allSatisfy({ ownerIDs[$0.ownerKey] != nil }) else { throw ZhanjuError.invalid("owner", "unknown_reference", Strings.errorUnknownRef("owner")) }
        return try await context.access.write(on: db) { tx in
            let sql = tx as! any SQLDatabase
            if replacing {
                // Checked inside the write: a vote opened meanwhile on the old register keeps it.
                if let open = try await OwnersVoteDirectory(db: tx).openVote(compound: compound) {
                    throw ZhanjuError(.conflict, code: "registry.owners_vote_open", field: "dwellings",
                                      message: Text("业主表决“\(open)”尚在进行,表决结束后才能更换专有部分登记。", "The owners' vote “\(open)” is open; the register can be replaced once it closes."))
                }
                try await Dwelling.query(on: tx).filter(\.$compoundID == compound).delete()
                // Owners who voted stay, holding nothing now: a counted vote keeps its ballots.
                let voted = try await OwnersVoteDirectory(db: tx).owners(whoVotedIn: compound)
                try await PropertyOwner.query(on: tx).filter(\.$compoundID == compound).filter(\.$id !~ Array(voted)).delete()
            }
            for chunk in stride(from: 0, to: owners.count, by: 500) {
                let insert = sql.insert(into: PropertyOwner.schema).columns("id", "compound_id", "name", "resident_id", "developer")
                for o in owners[chunk..<min(owners.count, chunk + 500)] {
                    insert.values(SQLBind(ownerIDs[o.key]!), SQLBind(compound), SQLBind(o.name), SQLBind(o.residentID), SQLBind(o.developer))
                }
                try await insert.run()
            }
            for chunk in stride(from: 0, to: dwellings.count, by: 500) {
                let insert = sql.insert(into: Dwelling.schema).columns("id", "compound_id", "household_id", "label", "area_hundredths", "area_source", "owner_id", "let")
                for d in dwellings[chunk..<min(dwellings.count, chunk + 500)] {
                    insert.values(SQLBind(UUID()), SQLBind(compound), SQLBind(d.householdID), SQLBind(d.label), SQLBind(d.areaHundredths),
                                  SQLBind(d.areaSource.rawValue), SQLBind(ownerIDs[d.ownerKey]!), SQLBind(d.isLet))
                }
                try await insert.run()
            }
            try await AuditTrail.append(replacing ? "replace_dwellings" : "record_dwellings", "compounds", compound, before: nil,
                                        after: AuditTrail.digest(["owners": owners.count, "dwellings": dwellings.count]), by: context.actor, at: now, on: tx)
            return dwellings.count
        }
    }
}

/// What the council capability reads of the registry: the members of a committee's bodies, the
/// roll a petition is counted against, and a compound's owners with their exclusive parts.
extension RegistryDirectory {
    struct BodyMember: Sendable, Equatable {
        var id: UUID
        var name: String
        var post: Post
    }

    /// The bodies of one kind around a committee (its council, its supervisory committee) or,
    /// for the committee itself, the committee.
    func bodies(of kind: BodyKind, committee: UUID) async throws -> [UUID] {
        if kind == .residentsCommittee { return [committee] }
        return try await Organisation.query(on: db).filter(\.$committee.$id == committee).filter(\.$kind == kind.rawValue).all().compactMap(\.id)
    }

    /// Who sits on a committee's body of this kind on `day`, by name.
    func members(of kind: BodyKind, committee: UUID, on day: CivilDate) async throws -> [BodyMember] {
        let bodies = try await bodies(of: kind, committee: committee)
        guard !bodies.isEmpty else { return [] }
        let held = try await Appointment.query(on: db).filter(\.$bodyID ~~ bodies).with(\.$resident).all()
        var out: [UUID: BodyMember] = [:]
        for a in held where a.term?.contains(day) == true {
            guard let post = Post(rawValue: a.post), let id = a.resident.id else { continue }
            if out[id] == nil { out[id] = BodyMember(id: id, name: a.resident.name, post: post) }
        }
        return out.values.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
    }

    /// The committee a compound belongs to.
    func committee(ofCompound compound: UUID) async throws -> UUID? {
        try await Compound.find(compound, on: db)?.$committee.id
    }

    /// The registry of the committee's area on the day, as the petition rules count it.
    func petitionRoll(committee: UUID) async throws -> PetitionRoll {
        let people = try await voterRoll(committee: committee)
        let sql = db as! any SQLDatabase
        let households = try await sql.raw("""
            SELECT h.id FROM households h JOIN compounds c ON c.id = h.compound_id WHERE c.committee_id = \(bind: committee)
            """).all().map { try $0.decode(column: "id", as: UUID.self).uuidString }
        let groups = try await residentsGroups(of: committee)
        return PetitionRoll(residents: Dictionary(people.map { ($0.id.uuidString, $0.birthDate) }, uniquingKeysWith: { a, _ in a }),
                            households: Set(households), residentsGroups: Set(groups.keys.map(\.uuidString)))
    }

    struct OwnerRecord: Sendable, Equatable {
        var id: UUID
        var name: String
        var residentID: UUID?
        var developer: Bool
        var parts: Int
        var areaHundredths: Int
    }

    struct DwellingRecord: Sendable, Equatable {
        var id: UUID
        var label: String
        var householdID: UUID?
        var areaHundredths: Int
        var areaSource: OwnersRegister.AreaSource
        var ownerID: UUID
        var isLet: Bool
    }

    /// A compound's exclusive parts as registered.
    func dwellings(compound: UUID) async throws -> [DwellingRecord] {
        try await Dwelling.query(on: db).filter(\.$compoundID == compound).sort(\.$label).all().map {
            DwellingRecord(id: $0.id!, label: $0.label, householdID: $0.householdID, areaHundredths: $0.areaHundredths,
                           areaSource: OwnersRegister.AreaSource(rawValue: $0.areaSource) ?? .registered, ownerID: $0.ownerID, isLet: $0.isLet)
        }
    }

    /// A compound's owners, each with the parts and area they hold.
    func owners(compound: UUID) async throws -> [OwnerRecord] {
        let parts = try await dwellings(compound: compound)
        var count: [UUID: (Int, Int)] = [:]
        for p in parts { count[p.ownerID, default: (0, 0)].0 += 1; count[p.ownerID, default: (0, 0)].1 += p.areaHundredths }
        // Those holding no part now (owners of an earlier extract who voted) are owners no more.
        return try await PropertyOwner.query(on: db).filter(\.$compoundID == compound).sort(\.$name).all().compactMap {
            guard let held = count[$0.id!] else { return nil }
            return OwnerRecord(id: $0.id!, name: $0.name, residentID: $0.residentID, developer: $0.developer, parts: held.0, areaHundredths: held.1)
        }
    }

    /// The owner a resident is in a compound, if any.
    func owner(resident: UUID, compound: UUID) async throws -> UUID? {
        let candidates = try await PropertyOwner.query(on: db).filter(\.$compoundID == compound).filter(\.$residentID == resident).all().compactMap(\.id)
        guard !candidates.isEmpty else { return nil }
        // The owner holding a part in the current register (an earlier extract's may remain).
        return try await Dwelling.query(on: db).filter(\.$ownerID ~~ candidates).first()?.ownerID
    }

    /// The rules' register of a compound: every part with its area and holder; the developer's
    /// parts held together as one owner (SPC interpretation art. 9).
    func ownersRegister(compound: UUID) async throws -> (register: OwnersRegister, holders: [UUID: OwnersRegister.Holder]) {
        let owners = try await PropertyOwner.query(on: db).filter(\.$compoundID == compound).all()
        var holders: [UUID: OwnersRegister.Holder] = [:]
        for o in owners { holders[o.id!] = o.developer ? .developer : .owner(o.id!.uuidString) }
        let parts = try await dwellings(compound: compound).map {
            OwnersRegister.ExclusivePart(id: $0.id.uuidString, areaHundredths: $0.areaHundredths, areaSource: $0.areaSource, holder: holders[$0.ownerID] ?? .owner($0.ownerID.uuidString))
        }
        return (try OwnersRegister(parts), holders)
    }
}

extension RegistryDirectory {
    /// Family ties among these people, presumed from their relations to the head of a household
    /// they share (all the registry records; FamilyTie.presumed says which pairs it can tell).
    func familyTies(among people: [UUID]) async throws -> [FamilyTie] {
        guard !people.isEmpty else { return [] }
        let wanted = Set(people)
        let rows = try await Resident.query(on: db).filter(\.$id ~~ Array(wanted)).filter(\.$household.$id != nil).all()
        let households = Set(rows.compactMap { $0.$household.id })
        guard !households.isEmpty else { return [] }
        let everyone = try await Resident.query(on: db).filter(\.$household.$id ~~ Array(households)).all()
        var ties: [FamilyTie] = []
        for h in households {
            let members = everyone.filter { $0.$household.id == h && wanted.contains($0.id!) }
            for (i, a) in members.enumerated() {
                for b in members.dropFirst(i + 1) {
                    guard let ra = a.relation.flatMap(Relation.init(rawValue:)), let rb = b.relation.flatMap(Relation.init(rawValue:)),
                          let tie = FamilyTie.presumed(a.id!.uuidString, ra, b.id!.uuidString, rb) else { continue }
                    ties.append(tie)
                }
            }
        }
        return ties
    }
}
