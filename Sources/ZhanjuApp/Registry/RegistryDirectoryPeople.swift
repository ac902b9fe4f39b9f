import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// What Access reads of the registry: the posts a person holds (their grants), where they live,
/// a person's whole record for the data subject's own reads and for revealing a number, and names
/// for logs. Values only, like the rest of the directory.
extension RegistryDirectory {
    struct PostHeld: Sendable, Equatable {
        var post: Post
        var bodyKind: BodyKind
        var bodyID: UUID
        var term: Term?
    }

    /// Everything held about one person, numbers still sealed: only PersonalNumbers opens them.
    struct MemberRecord: Sendable {
        var id: UUID
        var householdID: UUID?
        var name: String
        var relation: String?
        var sex: String
        var birthDate: String
        var hukou: String
        var politicalRights: Bool
        var tags: [String]
        var idNumberSealed: String?
        var phoneSealed: String?
    }

    /// The posts this person has held or holds, with their terms (the caller decides which are current).
    func postsHeld(by resident: UUID) async throws -> [PostHeld] {
        try await Appointment.query(on: db).filter(\.$resident.$id == resident).all().compactMap { a in
            guard let post = Post(rawValue: a.post), let kind = BodyKind(rawValue: a.bodyKind) else { return nil }
            return PostHeld(post: post, bodyKind: kind, bodyID: a.bodyID, term: a.term)
        }
    }

    /// Who holds a post today in any of these bodies (for lists of people who may take work there).
    func postHolders(in bodies: [UUID], on day: CivilDate) async throws -> Set<UUID> {
        guard !bodies.isEmpty else { return [] }
        return Set(try await Appointment.query(on: db).filter(\.$bodyID ~~ bodies).all().filter { $0.term?.contains(day) == true }.map { $0.$resident.id })
    }

    /// The compounds a grid's households lie in (a grid may cut across compounds).
    func compounds(touchedByGrid grid: UUID) async throws -> Set<UUID> {
        Set(try await Household.query(on: db).filter(\.$grid.$id == grid).unique().field(\.$compound.$id).all().map { $0.$compound.id })
    }

    /// The household this person lives in.
    func household(of resident: UUID) async throws -> HouseholdRef? {
        guard let hid = try await Resident.find(resident, on: db)?.$household.id else { return nil }
        return try await household(hid)
    }

    func member(_ id: UUID) async throws -> MemberRecord? {
        try await Resident.find(id, on: db).map(Self.record)
    }

    /// The person holding this ID number (by its lookup hash; the number is never decoded).
    func member(holdingIDNumber number: String, numbers: PersonalNumbers) async throws -> MemberRecord? {
        guard let id = try await numbers.holders(of: number, on: db).first else { return nil }
        return try await member(id)
    }

    func compoundName(_ id: UUID) async throws -> Text? {
        try await Compound.find(id, on: db).map { Text($0.nameZh, $0.nameEn) }
    }

    /// A household's members, eldest first.
    func members(of household: UUID) async throws -> [MemberRecord] {
        try await Resident.query(on: db).filter(\.$household.$id == household).sort(\.$birthDate).all().map(Self.record)
    }

    /// Names of these people, for logs and lists.
    func names(of residents: [UUID]) async throws -> [UUID: String] {
        guard !residents.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).select().column("id").column("name").from("residents")
            .where("id", .in, Array(Set(residents))).all()
        return Dictionary(try rows.map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self)) },
                          uniquingKeysWith: { a, _ in a })
    }

    /// Whether anything has been registered yet (a fresh installation).
    func isEmpty() async throws -> Bool {
        try await SubDistrict.query(on: db).count() == 0
    }

    /// Where a person sits in the territory: their household's place, or nowhere (staff with no
    /// household), which only a reach over everything covers.
    func place(of member: MemberRecord, in map: TerritoryMap) async throws -> Place {
        guard let hid = member.householdID, let household = try await household(hid) else { return Place() }
        return household.place(in: map)
    }

    private static func record(_ r: Resident) -> MemberRecord {
        MemberRecord(id: r.id!, householdID: r.$household.id, name: r.name, relation: r.relation, sex: r.sex, birthDate: r.birthDate,
                     hukou: r.hukou, politicalRights: r.politicalRights, tags: r.tagList, idNumberSealed: r.idNumberSealed, phoneSealed: r.phoneSealed)
    }
}
