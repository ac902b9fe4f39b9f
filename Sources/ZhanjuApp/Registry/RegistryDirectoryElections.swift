import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// What the elections capability reads of the registry: the people living in a committee's area
/// with the facts the voter roll is drawn up from (birth date, sex, hukou, political rights), the
/// committee's names, and the committee's residents' groups. Values only, like the rest of the
/// directory.
extension RegistryDirectory {
    struct PossibleVoter: Sendable, Equatable {
        var id: UUID
        var name: String
        var sex: Sex
        var birthDate: CivilDate
        var hukou: Hukou
        var politicalRights: Bool
        var householdID: UUID
        /// Building, entrance and door ("3-1-502"), printed on the roll beside the name.
        var door: String
    }

    /// Everyone living in a household of the committee's compounds, by address then name: the
    /// people the election committee draws the voter roll from (`voterRoll(committee:on:)` in
    /// DESIGN.md's words; the rule set decides who of them is a voter on election day).
    func voterRoll(committee: UUID) async throws -> [PossibleVoter] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT r.id, r.name, r.sex, r.birth_date, r.hukou, r.political_rights, h.id AS household_id,
                   b.number AS building, e.number AS entrance, h.door
            FROM residents r JOIN households h ON h.id = r.household_id JOIN compounds c ON c.id = h.compound_id
            JOIN buildings b ON b.id = h.building_id JOIN entrances e ON e.id = h.entrance_id
            WHERE c.committee_id = \(bind: committee)
            ORDER BY c.code, LENGTH(b.number), b.number, LENGTH(e.number), e.number, LENGTH(h.door), h.door, r.birth_date
            """).all()
        return try rows.compactMap { row in
            guard let birth = CivilDate(iso: try row.decode(column: "birth_date", as: String.self)) else { return nil }
            return PossibleVoter(
                id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                sex: Sex(rawValue: try row.decode(column: "sex", as: String.self)) ?? .male, birthDate: birth,
                hukou: Hukou(rawValue: try row.decode(column: "hukou", as: String.self)) ?? .local,
                politicalRights: try row.decode(column: "political_rights", as: Bool.self),
                householdID: try row.decode(column: "household_id", as: UUID.self),
                door: "\(try row.decode(column: "building", as: String.self))-\(try row.decode(column: "entrance", as: String.self))-\(try row.decode(column: "door", as: String.self))")
        }
    }

    /// One person as the roll would list them, wherever they live (a community worker may live
    /// outside the area), or nil.
    func possibleVoter(_ id: UUID) async throws -> PossibleVoter? {
        guard let r = try await Resident.find(id, on: db), let birth = CivilDate(iso: r.birthDate) else { return nil }
        var door = ""
        if let hid = r.$household.id { door = try await doorLabels([hid])[hid] ?? "" }
        return PossibleVoter(id: id, name: r.name, sex: Sex(rawValue: r.sex) ?? .male, birthDate: birth, hukou: Hukou(rawValue: r.hukou) ?? .local,
                             politicalRights: r.politicalRights, householdID: r.$household.id ?? id, door: door)
    }

    /// A committee's names, or nil when there is no such committee.
    func committeeName(_ id: UUID) async throws -> Text? {
        try await ResidentsCommittee.find(id, on: db).map { Text($0.nameZh, $0.nameEn) }
    }

    /// Every residents' committee, by code, for choosing where an election is held.
    func committees() async throws -> [(id: UUID, name: Text)] {
        try await ResidentsCommittee.query(on: db).sort(\.$code).all().map { ($0.id!, Text($0.nameZh, $0.nameEn)) }
    }

    /// The heads of the committee's households (the register's relation "head"): each household's
    /// representative on the roll unless it chooses another member.
    func householdHeads(committee: UUID) async throws -> Set<UUID> {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT r.id FROM residents r JOIN households h ON h.id = r.household_id JOIN compounds c ON c.id = h.compound_id
            WHERE c.committee_id = \(bind: committee) AND r.relation = \(bind: Relation.head.rawValue)
            """).all()
        return Set(try rows.map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// The residents' groups of a committee (they may nominate), by id with their names.
    func residentsGroups(of committee: UUID) async throws -> [UUID: String] {
        let groups = try await Organisation.query(on: db).filter(\.$committee.$id == committee)
            .filter(\.$kind == BodyKind.residentsGroup.rawValue).all()
        return Dictionary(groups.map { ($0.id!, $0.nameZh) }, uniquingKeysWith: { a, _ in a })
    }

    /// The residents' group each of these households belongs to: the group of its compound, as
    /// the register records a group's area (the first by id where a compound has two). Households
    /// of a compound without a group are left out.
    func residentsGroups(ofHouseholds households: [UUID]) async throws -> [UUID: UUID] {
        guard !households.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT h.id AS household, o.id AS grp FROM households h
            JOIN organisations o ON o.compound_id = h.compound_id AND o.kind = \(bind: BodyKind.residentsGroup.rawValue)
            WHERE h.id IN (\(binds: Array(Set(households))))
            """).all()
        var out: [UUID: UUID] = [:]
        for row in rows {
            let (household, group) = (try row.decode(column: "household", as: UUID.self), try row.decode(column: "grp", as: UUID.self))
            if let known = out[household], known.uuidString < group.uuidString { continue }
            out[household] = group
        }
        return out
    }

    /// The family relations the register records among the members of these people's households,
    /// each stated against the household's head (a spouse, child, parent, grandchild or sibling
    /// of the head), for the staff exclusion: a candidate's spouse and lineal relatives may not
    /// serve. Relations between two members who are not the head are not recorded, so not given.
    func kinship(around people: [UUID]) async throws -> [Kinship] {
        guard !people.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT r.id, r.household_id, r.relation FROM residents r
            WHERE r.household_id IN (SELECT household_id FROM residents WHERE id IN (\(binds: Array(Set(people)))) AND household_id IS NOT NULL)
            """).all()
        var byHousehold: [UUID: [(UUID, String?)]] = [:]
        for row in rows {
            guard let h = try row.decode(column: "household_id", as: UUID?.self) else { continue }
            byHousehold[h, default: []].append((try row.decode(column: "id", as: UUID.self), try row.decode(column: "relation", as: String?.self)))
        }
        var out: [Kinship] = []
        for members in byHousehold.values {
            guard let head = members.first(where: { $0.1 == Relation.head.rawValue })?.0 else { continue }
            for (id, relation) in members where id != head {
                let kin: KinRelation?
                switch relation.flatMap(Relation.init(rawValue:)) {
                case .spouse: kin = .spouse
                case .child: kin = .child
                case .parent: kin = .parent
                case .grandchild: kin = .grandchild
                case .sibling: kin = .sibling
                default: kin = nil
                }
                if let kin { out.append(Kinship(person: id.uuidString, relative: head.uuidString, relation: kin)) }
            }
        }
        return out
    }
}
