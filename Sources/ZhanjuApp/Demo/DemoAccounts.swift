import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// One demo account per role, each linked to a real post holder of the demo (Weirong's bodies
/// where a role is per committee), so a newcomer can sign in as each and see that role's slice.
enum DemoAccounts {
    /// Every demo account's username, administrator first.
    static let usernames = ["admin", "station.head", "station.staff", "sp.staff", "grid.worker", "wr.chair", "wr.member", "wr.council",
                            "wr.supervisor", "wr.election", "vic.owners", "vic.property", "volunteer", "resident",
                            "wr.clerk", "wr.scrutineer"]   // the last two made with the demo's elections (DemoElections)

    /// Bcrypt is the slow part of making accounts: the loader starts hashing every password
    /// before it builds the structure, one at a time, so the hashing keeps the second core busy
    /// while the one write builds on the first (all at once, they took both cores from it).
    static func hashPasswords(_ access: AccessState) async throws -> [String: String] {
        var hashes: [String: String] = [:]
        for name in usernames { hashes[name] = try await access.hashing.hash(ShenxianshuDemo.password(for: name)) }
        return hashes
    }

    /// `hashes`: the passwords' bcrypt hashes by username (hashPasswords).
    static func create(on db: any Database, context: WriteContext, hashes: [String: String]) async throws -> [(username: String, role: String)] {
        let service = AccountService(db: db, context: context)
        guard let weirong = try await ResidentsCommittee.query(on: db).filter(\.$code == "WR").first(),
              let victoria = try await Compound.query(on: db).filter(\.$code == "VIC").first() else { return [] }
        let wrOrgs = try await Organisation.query(on: db).group(.or) { $0.filter(\.$committee.$id == weirong.id!).filter(\.$compound.$id == victoria.id!) }.all()
        let victoriaPoint = try await ServicePoint.query(on: db).filter(\.$compound.$id == victoria.id!).first()
        let victoriaGrid = try await Household.query(on: db).filter(\.$compound.$id == victoria.id!).filter(\.$grid.$id != nil).first()?.$grid.id

        func holder(_ post: Post, in bodies: [UUID]) async throws -> UUID? {
            try await Appointment.query(on: db).filter(\.$post == post.rawValue).filter(\.$bodyID ~~ bodies).sort(\.$startsOn).first()?.$resident.id
        }
        func orgs(_ kind: BodyKind) -> [UUID] { wrOrgs.filter { $0.kind == kind.rawValue && ($0.$compound.id == nil || $0.$compound.id == victoria.id) }.map { $0.id! } }

        let workstation = weirong.$workstation.id
        var plan: [(String, Role, UUID?)] = [
            ("station.head", .workstationHead, try await holder(.stationHead, in: [workstation])),
            ("station.staff", .workstationStaff, try await holder(.stationStaff, in: [workstation])),
            ("sp.staff", .servicePointStaff, try await holder(.servicePointStaff, in: victoriaPoint.map { [$0.id!] } ?? [])),
            ("grid.worker", .gridWorker, try await holder(.gridWorker, in: victoriaGrid.map { [$0] } ?? [])),
            ("wr.chair", .committeeChair, try await holder(.chair, in: [weirong.id!])),
            ("wr.member", .committeeMember, try await holder(.member, in: [weirong.id!])),
            ("wr.council", .councilMember, try await holder(.councilMember, in: orgs(.residentsCouncil))),
            ("wr.supervisor", .supervisor, try await holder(.supervisor, in: orgs(.supervisoryCommittee))),
            ("wr.election", .electionCommittee, try await holder(.electionCommitteeMember, in: orgs(.electionCommittee))),
            ("vic.owners", .ownersCommittee, try await holder(.ownersDirector, in: orgs(.ownersCommittee))),
            ("vic.property", .propertyManager, try await holder(.propertyManagerHead, in: orgs(.propertyManager))),
            ("volunteer", .volunteerLead, try await holder(.volunteerLead, in: wrOrgs.filter { $0.kind == BodyKind.volunteerOrganisation.rawValue }.map { $0.id! })),
        ]
        // A resident of Victoria who holds no post at all.
        let posted = Set(try await Appointment.query(on: db).all().map { $0.$resident.id })
        let candidates = try await Resident.query(on: db).join(Household.self, on: \Resident.$household.$id == \Household.$id)
            .filter(Household.self, \.$compound.$id == victoria.id!).filter(\.$relation == Relation.head.rawValue).sort(\.$id).range(0..<200).all()
        plan.append(("resident", .resident, candidates.first { !posted.contains($0.id!) }?.id))

        var made: [(username: String, role: String)] = []
        _ = try await service.create(.init(username: "admin", password: ShenxianshuDemo.password(for: "admin"), displayName: "芳草街街道管理员",
                                           resident: nil, administrator: true), prehashed: hashes["admin"])
        made.append(("admin", Role.administrator.label.en))
        for (username, role, person) in plan {
            guard let person else { continue }
            _ = try await service.create(.init(username: username, password: ShenxianshuDemo.password(for: username), displayName: nil,
                                               resident: person.uuidString, administrator: false), prehashed: hashes[username])
            made.append((username, role.label.en))
        }
        return made
    }
}
