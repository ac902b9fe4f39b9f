import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// `zhanju bench ballots-setup`: elections open for polling in many committees of a generated
/// city, walked there through ElectionService as an election committee would (staff, roll,
/// nominations, final list, codes, polling), and one web ballot per printed code written out as
/// the request body a voter's phone would send. scripts/bench-ballots.sh sends them with wrk
/// (issue 12, "Speed": durable ballots per second at 64 connections beside hello-world).
public enum IntakeBench {
    public static func prepare(_ app: Application, elections wanted: Int, bodies path: String) async throws -> String {
        try await open(app, elections: wanted, bodies: path).report
    }

    static func open(_ app: Application, elections wanted: Int, bodies path: String) async throws -> (report: String, elections: [UUID]) {
        let db = app.db
        let context = WriteContext.system("bench", app)
        let calendar = try await app.access.calendar(on: db)
        let today = app.clock.today
        func on(_ offset: Int) -> ElectionService {
            let date = today.adding(days: offset)
            return ElectionService(db: db, context: context, calendar: calendar, now: Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400 + 2 * 3_600), today: date)
        }
        let taken = Set(try await Election.query(on: db).all().map(\.committeeID))
        let committees = try await RegistryDirectory(db: db).committees().filter { !taken.contains($0.id) }.prefix(wanted)
        var rng = SeededGenerator(seed: 2026)
        var lines: [String] = []
        var made: [UUID] = []
        let started = Date()
        for committee in committees {
            let people = try await RegistryDirectory(db: db).voterRoll(committee: committee.id)
            var pool = people.filter { $0.hukou == .local && $0.politicalRights && $0.birthDate.age(on: today) >= 25 }.shuffled(using: &rng)
            // One person per household, so none chosen is another's relative (the staff rule).
            var households: Set<UUID> = []
            func take(_ sex: Sex? = nil) -> RegistryDirectory.PossibleVoter? {
                guard let i = pool.firstIndex(where: { !households.contains($0.householdID) && (sex == nil || $0.sex == sex) }) else { return nil }
                households.insert(pool[i].householdID)
                return pool.remove(at: i)
            }
            let candidates = [take(), take(), take(), take(), take(.female), take(), take(), take()].compactMap { $0 }
            let staff = (0..<10).compactMap { _ in take() }
            let signers = (0..<12).compactMap { _ in take()?.id }
            guard candidates.count == 8, staff.count == 10, signers.count == 12 else { continue }

            let e = try await on(-47).create(.init(
                committeeId: committee.id, nameZh: "\(committee.name.zh)换届选举", nameEn: "\(committee.name.en) election", ruleSet: nil, ruleSetVersion: nil,
                method: nil, pollingDay: today.iso, posts: [.init(post: "chair", seats: 1), .init(post: "deputy_chair", seats: 1), .init(post: "member", seats: 3)]))
            let id = e.id!
            let early = on(-42)
            for person in staff.prefix(7) { _ = try await early.addStaff(id, .init(residentId: person.id, role: StaffRole.electionCommittee.rawValue)) }
            for person in staff[7..<9] { _ = try await early.addStaff(id, .init(residentId: person.id, role: StaffRole.scrutineer.rawValue)) }
            _ = try await early.addStaff(id, .init(residentId: staff[9].id, role: StaffRole.clerk.rawValue))
            _ = try await early.buildRoll(id)
            _ = try await early.publishRoll(id)
            let slate = zip(candidates.map(\.id), ["chair", "chair", "deputy_chair", "deputy_chair", "member", "member", "member", "member"]).map { ($0, $1) }
            let nominate = on(-34)
            for (person, post) in slate {
                _ = try await nominate.nominate(id, .init(nomineeId: person, post: post, kind: "self_nomination", signers: signers, groupId: nil))
            }
            _ = try await on(-11).publishFinalList(id, .init(candidates: slate.map { .init(residentId: $0.0, post: $0.1) }))
            let polling = on(0)
            let codes = try await polling.issueCodes(id)
            _ = try await polling.openPolling(id)
            let c = candidates.map { $0.id.uuidString }
            for slip in codes {
                let r = Int(rng.next() % 100)
                let members = r < 70 ? [c[4], c[5], c[6]] : [c[4], c[6], c[7]]
                lines.append(#"{"code":"\#(slip.code)","marks":{"chair":["\#(r < 60 ? c[0] : c[1])"],"deputy_chair":["\#(r % 3 == 0 ? c[3] : c[2])"],"member":["\#(members.joined(separator: "\",\""))"]}}"#)
            }
            made.append(id)
        }
        // Mixed across elections, as a city's voters arrive.
        lines.shuffle(using: &rng)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return ("\(made.count) elections open for polling today, \(lines.count) ballots written to \(path) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s", made)
    }
}

extension IntakeBench {
    /// `zhanju bench election-count`: an election of a generated city with `ballots` web ballots
    /// in its log (appended as the intake appends them, chained), then timed as the server and
    /// a voter's machine do it: the count through ElectionService (the database groups the
    /// ballots, the rule set tallies them), the log served as lines, and `election verify` on
    /// that file (issue 12: tally and verify a million ballots in under 2 s).
    public static func count(_ app: Application, ballots wanted: Int, file path: String) async throws -> String {
        let db = app.db
        guard let opened = try await open(app, elections: 1, bodies: path + ".bodies").elections.first, let e = try await Election.find(opened, on: db),
              let round = try await RoundRecord.query(on: db).filter(\.$electionID == e.id!).filter(\.$number == e.round).first()?.definition else {
            return "no election open for polling: generate the city first (scripts/bench.sh)"
        }
        let context = WriteContext.system("bench", app)
        let calendar = try await app.access.calendar(on: db)
        let today = app.clock.today
        let service = ElectionService(db: db, context: context, calendar: calendar, now: Date(timeIntervalSince1970: Double(today.dayNumber) * 86_400 + 20 * 3_600), today: today)
        var rng = SeededGenerator(seed: 7)
        let c = round.posts.map(\.candidates)
        let started = Date()
        var appended = 0
        while appended < wanted {
            let n = min(20_000, wanted - appended)
            let ballots = (0..<n).map { _ -> Ballot in
                let r = Int(rng.next() % 100)
                return Ballot(marks: [.chair: [.candidate(c[0][r < 60 ? 0 : 1])], .deputyChair: [.candidate(c[1][r % 3 == 0 ? 1 : 0])],
                                      .member: (r < 70 ? [c[2][0], c[2][1], c[2][2]] : [c[2][0], c[2][2], c[2][3]]).map { .candidate($0) }])
            }
            _ = try await context.access.write(on: db, scope: .chains) { tx in
                let fresh = try await Election.locked(e.id!, on: tx)
                return try await ElectionService.append(ballots, to: fresh, round: fresh.round, on: tx).count
            }
            appended += n
        }
        let filled = Date().timeIntervalSince(started)
        let scrutineers = try await ElectionStaffMember.query(on: db).filter(\.$electionID == e.id!).filter(\.$role == StaffRole.scrutineer.rawValue).all().map(\.personID)
        let countStarted = Date()
        _ = try await service.count(e.id!, .init(scrutineers: scrutineers))
        let counted = Date().timeIntervalSince(countStarted)
        let exportStarted = Date()
        let data = try await ElectionRead.logLines(e.id!, on: db)
        try data.write(to: URL(fileURLWithPath: path))
        let exported = Date().timeIntervalSince(exportStarted)
        let verifyStarted = Date()
        let report = try ElectionCommands.verify(file: path)
        let verified = Date().timeIntervalSince(verifyStarted)
        func s(_ t: TimeInterval) -> String { String(format: "%.2f s", t) }
        return """
            \(appended) ballots appended to \(e.nameEn) in \(s(filled)) (chained, 20,000 to a write)
            count through the service (grouped in the database, tallied by the rule set, written): \(s(counted))
            log served as lines and written to \(path): \(s(exported)), \(data.count / 1_048_576) MiB
            zhanju election verify on that file (rechain, recount, compare): \(s(verified))
            \(report.split(separator: "\n").first ?? "")
            """
    }
}
