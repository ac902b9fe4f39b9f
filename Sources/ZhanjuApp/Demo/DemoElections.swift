import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// Weirong's elections in the demo, walked through ElectionService day by day as an election
/// committee would: the 2026 election whose announced result is where the committee's current
/// posts come from (roll, nominations, final list, web ballots, count, announcement), and the new
/// election the committee has called, at the roll stage, with staff appointed and accounts for
/// a clerk and a scrutineer.
enum DemoElections {
    struct Made: Sendable {
        var previous: UUID
        var current: UUID
        var ballots: Int
        var accounts: [(username: String, role: String)]
    }

    /// `hashes`: the accounts' bcrypt hashes made beforehand (DemoAccounts.hashPasswords).
    static func create(on db: any Database, app: Application, context: WriteContext, hashes: [String: String],
                       rng: inout SeededGenerator) async throws -> Made? {
        guard let weirong = try await ResidentsCommittee.query(on: db).filter(\.$code == "WR").first(), let committee = weirong.id else { return nil }
        let calendar = try await app.access.calendar(on: db)
        func on(_ day: String) -> ElectionService {
            let date = CivilDate(iso: day)!
            return ElectionService(db: db, context: context, calendar: calendar, now: Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400 + 2 * 3_600), today: date)
        }
        let registry = RegistryDirectory(db: db)
        let people = try await registry.voterRoll(committee: committee)
        let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Who holds the committee's posts now: elected on 1 July 2026.
        let held = try await Appointment.query(on: db).filter(\.$bodyID == committee).all()
        func holders(_ post: Post) -> [UUID] { held.filter { $0.post == post.rawValue }.map { $0.$resident.id }.sorted { $0.uuidString < $1.uuidString } }
        let chair = holders(.chair), deputies = holders(.deputyChair), members = holders(.member)
        let posted = Set(try await Appointment.query(on: db).all().map { $0.$resident.id })
        // Everyone else of voting age with local hukou, in a fixed order, to stand against them, sign and serve.
        let adults = people.filter { $0.hukou == .local && $0.birthDate.age(on: CivilDate(iso: "2026-07-01")!) >= 25 && !posted.contains($0.id) }
        let candidateHouseholds = Set((chair + deputies + members).compactMap { byID[$0]?.householdID })
        var pool = adults.filter { !candidateHouseholds.contains($0.householdID) }.shuffled(using: &rng)
        // One person per household, so no one chosen is another's spouse or relative (staff exclusion).
        var used = candidateHouseholds
        func take() -> RegistryDirectory.PossibleVoter {
            let i = pool.firstIndex { !used.contains($0.householdID) }!
            used.insert(pool[i].householdID)
            return pool.remove(at: i)
        }

        // MARK: the 2026 election
        let previous = try await on("2026-05-15").create(.init(
            committeeId: committee, nameZh: "维融居民委员会2026年换届选举", nameEn: "Weirong Residents' Committee election 2026", ruleSet: nil, ruleSetVersion: nil,
            method: nil, pollingDay: "2026-07-01", posts: [.init(post: "chair", seats: chair.count), .init(post: "deputy_chair", seats: deputies.count),
                                                             .init(post: "member", seats: members.count)]))
        let pid = previous.id!
        let service = on("2026-05-20")
        for _ in 0..<7 { _ = try await service.addStaff(pid, .init(residentId: take().id, role: StaffRole.electionCommittee.rawValue)) }
        let scrutineers = [take(), take()]
        for s in scrutineers { _ = try await service.addStaff(pid, .init(residentId: s.id, role: StaffRole.scrutineer.rawValue)) }
        _ = try await service.addStaff(pid, .init(residentId: take().id, role: StaffRole.clerk.rawValue))
        _ = try await service.buildRoll(pid)
        // Post holders without local hukou applied to be registered, as long-term residents.
        for person in chair + deputies + members where byID[person]?.hukou != .local {
            _ = try await service.changeRoll(pid, .init(residentId: person, change: "add", reason: "本人申请登记(居住满一年)", since: "2020-03-01"))
        }
        _ = try await service.publishRoll(pid)

        let challengers = (chair + deputies + members).map { _ in take() }
        let signers = (0..<12).map { _ in take().id }
        let nominate = on("2026-05-28")
        var slate: [(UUID, String)] = []
        for (i, (post, holders)) in [("chair", chair), ("deputy_chair", deputies), ("member", members)].enumerated() {
            for person in holders { slate.append((person, post)) }
            slate.append((challengers[i].id, post))
        }
        for (person, post) in slate {
            _ = try await nominate.nominate(pid, .init(nomineeId: person, post: post, kind: "self_nomination", signers: signers, groupId: nil))
        }
        _ = try await on("2026-06-20").publishFinalList(pid, .init(candidates: slate.map { .init(residentId: $0.0, post: $0.1) }))
        let polling = on("2026-07-01")
        let codes = try await polling.issueCodes(pid)
        _ = try await polling.openPolling(pid)
        // Three voters in five vote on the web; the holders carry their posts, the challengers a share.
        var cast = 0
        for slip in codes.prefix(codes.count * 3 / 5) {
            var marks: [String: [UUID]] = [:]
            let roll = Int.random(in: 0..<100, using: &rng)
            marks["chair"] = [roll < 68 ? chair[0] : challengers[0].id]
            marks["deputy_chair"] = [roll % 3 == 0 ? challengers[1].id : deputies[0]]
            marks["member"] = roll < 80 ? members : Array(members.prefix(members.count - 1)) + [challengers[2].id]
            if roll == 99 { marks["member"] = members + [challengers[2].id] }   // one name too many: void for members
            _ = try await polling.cast(.init(code: slip.code, marks: marks))
            cast += 1
        }
        _ = try await polling.count(pid, .init(scrutineers: scrutineers.map(\.id)))
        _ = try await polling.announce(pid)

        // MARK: the new election, at the roll stage
        let today = app.clock.today
        let current = try await on(today.iso).create(.init(
            committeeId: committee, nameZh: "维融居民委员会补选", nameEn: "Weirong Residents' Committee by-election", ruleSet: nil, ruleSetVersion: nil, method: nil,
            pollingDay: today.adding(days: 30).iso, posts: [.init(post: "chair", seats: 1), .init(post: "deputy_chair", seats: 1), .init(post: "member", seats: 3)]))
        let cid = current.id!
        let now = on(today.iso)
        // The election committee the registry records (chair and four members), and two more to make seven.
        let organisations = try await Organisation.query(on: db).filter(\.$committee.$id == committee).filter(\.$kind == BodyKind.electionCommittee.rawValue).all().compactMap(\.id)
        let committeeMembers = Set(try await Appointment.query(on: db).filter(\.$bodyID ~~ organisations).all().map { $0.$resident.id })
        for person in committeeMembers.sorted(by: { $0.uuidString < $1.uuidString }) {
            _ = try await now.addStaff(cid, .init(residentId: person, role: StaffRole.electionCommittee.rawValue))
        }
        for _ in committeeMembers.count..<7 { _ = try await now.addStaff(cid, .init(residentId: take().id, role: StaffRole.electionCommittee.rawValue)) }
        let clerk = take(), scrutineer = take(), second = take()
        _ = try await now.addStaff(cid, .init(residentId: clerk.id, role: StaffRole.clerk.rawValue))
        _ = try await now.addStaff(cid, .init(residentId: scrutineer.id, role: StaffRole.scrutineer.rawValue))
        _ = try await now.addStaff(cid, .init(residentId: second.id, role: StaffRole.scrutineer.rawValue))
        _ = try await now.buildRoll(cid)

        // Accounts for the polling staff (the election committee's is `wr.election`; voters use codes).
        let accounts = AccountService(db: db, context: context)
        var made: [(username: String, role: String)] = []
        for (username, person, role) in [("wr.clerk", clerk.id, StaffRole.clerk), ("wr.scrutineer", scrutineer.id, StaffRole.scrutineer)] {
            _ = try await accounts.create(.init(username: username, password: ShenxianshuDemo.password(for: username), displayName: nil,
                                                resident: person.uuidString, administrator: false), prehashed: hashes[username])
            made.append((username, role.en))
        }
        return Made(previous: pid, current: cid, ballots: cast, accounts: made)
    }
}
