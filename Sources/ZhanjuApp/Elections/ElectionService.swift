import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor
import ZhanjuRules

/// The only writer of the elections' tables. Every decision is ZhanjuRules' (eligibility, the
/// timetable, nominations, the slate, staff, the count, further rounds); this applies them to
/// what is stored, through the one write path, re-reading inside the write what it checks, and
/// refuses with the rule named (`election.<rule>`, 422) or the stage that forbids the step (409).
struct ElectionService: Sendable {
    let db: any Database
    let context: WriteContext
    let calendar: HolidayCalendar
    let now: Date
    let today: CivilDate
    /// Where web ballots are gathered into group commits (the server's); nil casts each alone.
    var intake: BallotIntake?

    init(db: any Database, context: WriteContext, calendar: HolidayCalendar, now: Date, today: CivilDate) {
        (self.db, self.context, self.calendar, self.now, self.today) = (db, context, calendar, now, today)
    }

    /// As the signed-in caller.
    init(_ req: Request) async throws {
        self.init(db: req.db, context: try req.writeContext(), calendar: try await req.access.calendar(on: req.db), now: req.access.now(), today: req.today)
    }

    /// As a voter with a code (no account): the write is recorded as the polling station's.
    init(voter req: Request) async throws {
        self.init(db: req.db, context: WriteContext(actor: .system("voting code"), principal: nil, access: req.access),
                  calendar: try await req.access.calendar(on: req.db), now: req.access.now(), today: req.today)
        intake = req.application.storage[BallotIntakeKey.self]
    }

    // MARK: refusals

    /// Every refusal of a check at once, the first rule naming the error's code.
    static func refuse(_ check: ElectionCheck, field: String) -> ZhanjuError? {
        guard let first = check.refusals.first else { return nil }
        return ZhanjuError(.invalid, code: "election.\(first.rule.rawValue)", field: field,
                           message: Text(check.refusals.map(\.zh).joined(separator: ";"), check.refusals.map(\.en).joined(separator: "; ")))
    }

    static func stage(_ election: Election, allows stages: Set<ElectionStage>, _ step: Text) -> ZhanjuError? {
        guard !stages.contains(election.stageValue) else { return nil }
        let current = election.stageValue.label
        return ZhanjuError(.conflict, code: "election.stage", field: "stage",
                           message: Text("选举处于“\(current.zh)”阶段,不能\(step.zh)。", "The election is at “\(current.en)”: it cannot \(step.en) now."))
    }

    // MARK: reading, with reach

    /// The election, if the caller runs elections of its committee; otherwise 404 (or 403 when
    /// the caller runs none anywhere).
    func election(_ id: UUID, on db: (any Database)? = nil) async throws -> Election {
        guard let e = try await Election.find(id, on: db ?? self.db) else { throw ZhanjuError.notFound(ElectionStrings.election) }
        try await authorise(committee: e.committeeID)
        return e
    }

    func authorise(committee: UUID) async throws {
        guard let principal = context.principal else { return }
        let map = try await context.access.map(on: db)
        guard principal.grants.allows(.electionsRun, at: map.place(committee: committee)) else {
            if principal.grants.holds(.electionsRun) { throw ZhanjuError.notFound(ElectionStrings.election) }
            throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden)
        }
    }

    /// The elections of the committees the caller runs elections for, newest polling day first.
    func list() async throws -> [Election] {
        let all = try await Election.query(on: db).sort(\.$pollingDay, .descending).all()
        guard let principal = context.principal else { return all }
        let map = try await context.access.map(on: db)
        return all.filter { principal.grants.allows(.electionsRun, at: map.place(committee: $0.committeeID)) }
    }

    // MARK: calling an election

    struct PostInput: Content, Sendable {
        var post: String?
        var seats: Int?
    }

    struct StaffInput: Content, Sendable {
        var residentId: UUID?
        var role: String?
    }

    struct CreateInput: Content, Sendable {
        var committeeId: UUID?
        var nameZh: String?
        var nameEn: String?
        var ruleSet: String?
        var ruleSetVersion: Int?
        var method: String?
        var pollingDay: String?
        var posts: [PostInput]?
        static let example = CreateInput(committeeId: UUID(), nameZh: "维融社区第十二届居委会选举", nameEn: "Weirong 12th committee election",
                                         ruleSet: "urc-election", ruleSetVersion: 1, method: "all_voters", pollingDay: "2026-12-20",
                                         posts: [PostInput(post: "chair", seats: 1), PostInput(post: "member", seats: 4)])
    }

    func create(_ input: CreateInput) async throws -> Election {
        guard let committee = input.committeeId else { throw ZhanjuError.required("committee_id") }
        guard try await RegistryDirectory(db: db).committeeName(committee) != nil else {
            throw ZhanjuError.invalid("committee_id", "unknown_reference", Strings.errorUnknownRef("committee_id"))
        }
        try await authorise(committee: committee)
        let nameZh = try Check.text(input.nameZh, "name_zh")
        let nameEn = try Check.text(input.nameEn, "name_en")
        let ruleSetName = input.ruleSet ?? ElectionRuleSet.residentsCommittee.name
        guard let rules = ElectionRuleSet.named(ruleSetName, version: input.ruleSetVersion ?? 1) else {
            throw ZhanjuError.invalid("rule_set", "choice", Text("没有这个选举规则集。", "There is no such election rule set."))
        }
        let method = try Check.choice(input.method ?? ElectionMethod.allVoters.rawValue, "method", as: ElectionMethod.self)
        if method == .groupRepresentatives,
           try await RegistryDirectory(db: db).residentsGroups(of: committee).isEmpty {
            throw ZhanjuError.invalid("method", "election.representation",
                                      Text("该居委会在登记中没有居民小组,不能由居民小组代表选举。",
                                           "The committee has no residents' groups in the register, so it cannot elect by group representatives."))
        }
        let polling = try Check.date(input.pollingDay, "polling_day")
        guard polling > today else {
            throw ZhanjuError.invalid("polling_day", "election.roll_publication", Text("选举日须在今天之后。", "Election day must be after today."))
        }
        // The roll must still be publishable in time: at least `rollPublishedDaysBefore` days ahead.
        let timetable = rules.timetable(pollingDay: polling, calendar: calendar, rollPublishedOn: today)
        if let error = Self.refuse(timetable.check, field: "polling_day") { throw error }
        var seats: [CommitteePost: Int] = [:]
        for (i, p) in (input.posts ?? []).enumerated() {
            let post = try Check.choice(p.post, "posts.\(i).post", as: CommitteePost.self)
            guard seats[post] == nil else { throw ZhanjuError.invalid("posts.\(i).post", "duplicate", Text("职位重复。", "This post is listed twice.")) }
            seats[post] = try Check.int(p.seats, "posts.\(i).seats", in: 0...15)
        }
        if seats.isEmpty { throw ZhanjuError.required("posts") }
        // The seats alone must make a committee the law allows (size, one chair): a slate without candidates.
        var check = rules.checkSlate(Slate(seats: seats, candidates: []))
        check.refusals.removeAll { $0.rule == .competitiveMargin || $0.rule == .committeeWomen }
        if let error = Self.refuse(check, field: "posts") { throw error }

        let rulesJSON = try ElectionJSON.encode(rules)
        let fixedSeats = seats
        return try await context.access.write(on: db) { tx in
            let e = Election()
            e.id = UUID()
            e.committeeID = committee
            (e.nameZh, e.nameEn) = (nameZh, nameEn)
            (e.ruleSetName, e.ruleSetVersion, e.rulesJSON) = (rules.name, rules.version, rulesJSON)
            e.method = method.rawValue
            e.pollingDay = polling.iso
            e.stage = ElectionStage.roll.rawValue
            e.round = 1
            e.logLength = 0
            e.logHead = HashChain.genesis
            e.createdAt = now
            try await e.create(on: tx)
            for (post, n) in fixedSeats.sorted(by: { $0.key < $1.key }) {
                let s = ElectionPostSeats()
                (s.electionID, s.post, s.seats) = (e.id!, post.rawValue, n)
                try await s.create(on: tx)
            }
            try await AuditTrail.append("create", "elections", e.id, before: nil, after: AuditTrail.digest(["rules": rulesJSON, "polling_day": e.pollingDay]),
                                        by: context.actor, at: now, on: tx)
            return e
        }
    }

    func seats(_ election: UUID, on db: (any Database)? = nil) async throws -> [CommitteePost: Int] {
        let rows = try await ElectionPostSeats.query(on: db ?? self.db).filter(\.$electionID == election).all()
        return Dictionary(rows.compactMap { r in CommitteePost(rawValue: r.post).map { ($0, r.seats) } }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: staff

    func addStaff(_ id: UUID, _ input: StaffInput) async throws -> ElectionStaffMember {
        let e = try await election(id)
        guard let person = input.residentId else { throw ZhanjuError.required("resident_id") }
        let role = try Check.choice(input.role, "role", as: StaffRole.self)
        guard let who = try await RegistryDirectory(db: db).possibleVoter(person) else {
            throw ZhanjuError.invalid("resident_id", "unknown_reference", Strings.errorUnknownRef("resident_id"))
        }
        return try await context.access.write(on: db) { tx in
            let fresh = try await Election.locked(id, on: tx)
            if let error = Self.stage(fresh, allows: [.roll, .rollPublished, .finalList, .polling], Text("增加选举工作人员", "add election staff")) { throw error }
            let rules = fresh.rules
            // Candidates (the final list once published, else those nominated) and their spouses
            // and lineal relatives may not serve; the election committee's members step down
            // from it when they stand (checkSlate), so only the other jobs are checked here.
            let candidates = try await CandidateEntry.query(on: tx).filter(\.$electionID == e.id!).all()
            let standing = candidates.contains { $0.list == "final" } ? candidates.filter { $0.list == "final" } : candidates
            let slate = standing.compactMap { c in CommitteePost(rawValue: c.post).map { SlateCandidate(person: c.personID.uuidString, name: c.name, sex: Sex(rawValue: c.sex) ?? .male, post: $0) } }
            if role != .electionCommittee {
                let staff = [StaffAssignment(person: person.uuidString, name: who.name, role: role)]
                let kinship = try await RegistryDirectory(db: tx).kinship(around: [person] + standing.map(\.personID))
                if let error = Self.refuse(rules.checkStaff(staff, candidates: slate, kinship: kinship), field: "resident_id") { throw error }
            }
            if role == .electionCommittee {
                let members = try await ElectionStaffMember.query(on: tx).filter(\.$electionID == e.id!).filter(\.$role == StaffRole.electionCommittee.rawValue).count()
                guard members < rules.electionCommitteeMembers.upperBound else {
                    throw ZhanjuError.invalid("role", "election.election_committee_size", Text(
                        "选举委员会已有 \(members) 人;须 \(rules.electionCommitteeMembers.lowerBound)–\(rules.electionCommitteeMembers.upperBound) 人",
                        "the election committee already has \(members) members; \(rules.electionCommitteeMembers.lowerBound)–\(rules.electionCommitteeMembers.upperBound) required"))
                }
            }
            let s = ElectionStaffMember()
            (s.id, s.electionID, s.personID, s.name, s.role) = (UUID(), e.id!, person, who.name, role.rawValue)
            try await s.create(on: tx)
            try await AuditTrail.append("create", "election_staff", s.id, before: nil, after: AuditTrail.digest(["role": role.rawValue, "resident": person.uuidString]),
                                        by: context.actor, at: now, on: tx)
            return s
        }
    }

    // MARK: the voter roll

    struct RollBuild: Content, Sendable {
        var listed: Int
        var notListed: [Excluded]
        struct Excluded: Content, Sendable {
            var residentId: UUID
            var name: String
            var reasons: [ExplanationView]
        }
    }

    /// Draws up the roll from the registry: everyone in the area whom the rule set makes a voter
    /// on election day. Residents without local hukou are registered on their own application
    /// (`addToRoll`). Drawn again as often as wanted until it is published.
    func buildRoll(_ id: UUID) async throws -> RollBuild {
        let e = try await election(id)
        if let error = Self.stage(e, allows: [.roll], Text("重新编制选民名单", "draw up the roll again")) { throw error }
        let rules = e.rules
        let people = try await RegistryDirectory(db: db).voterRoll(committee: e.committeeID)
        var listed: [(RegistryDirectory.PossibleVoter, String)] = []
        var excluded: [RollBuild.Excluded] = []
        for p in people {
            // Without local hukou, a person is registered only on application: not drawn up here.
            guard p.hukou == .local else { continue }
            let verdict = rules.voterEligibility(VoterFacts(birthDate: p.birthDate, basis: .localHukou, hasPoliticalRights: p.politicalRights), electionDay: e.polling)
            if verdict.eligible { listed.append((p, "local_hukou")) }
            else { excluded.append(.init(residentId: p.id, name: p.name, reasons: verdict.reasons.map(ExplanationView.init))) }
        }
        switch ElectionMethod(rawValue: e.method) {
        case .householdRepresentatives:
            (listed, excluded) = try await Self.householdRepresentatives(listed, excluded, committee: e.committeeID, rules: rules, on: db)
        case .groupRepresentatives:
            // Each residents' group elects its representatives at its own meeting; the election
            // committee adds them to the roll (changeRoll), and publishing checks every group's number.
            excluded += listed.map { p, _ in .init(residentId: p.id, name: p.name, reasons: [ExplanationView(ElectionExplanation(.representation,
                zh: "居民小组代表选举:由所在居民小组推选 \(rules.representativesPerGroup.lowerBound)–\(rules.representativesPerGroup.upperBound) 名代表,经选举委员会列入名单",
                en: "group representatives: each residents' group chooses \(rules.representativesPerGroup.lowerBound)–\(rules.representativesPerGroup.upperBound), whom the election committee adds to the roll"))]) }
            listed = []
        default:
            break
        }
        let fixed = listed
        try await context.access.write(on: db) { tx in
            let fresh = try await Election.locked(id, on: tx)
            if let error = Self.stage(fresh, allows: [.roll], Text("重新编制选民名单", "draw up the roll again")) { throw error }
            try await RollEntry.query(on: tx).filter(\.$electionID == id).delete()
            let entries = fixed.enumerated().map { i, listed -> RollEntry in
                let (p, basis) = listed
                let r = RollEntry()
                (r.id, r.electionID, r.personID, r.name, r.sex, r.door, r.householdID) = (UUID(), id, p.id, p.name, p.sex.rawValue, p.door, p.householdID)
                (r.basis, r.position, r.removed, r.votedRound) = (basis, i + 1, false, nil)
                return r
            }
            try await RollEntry.insertAll(entries, on: tx)
            try await AuditTrail.append("build_roll", "elections", id, before: nil, after: AuditTrail.digest(["listed": fixed.count]), by: context.actor, at: now, on: tx)
        }
        return RollBuild(listed: fixed.count, notListed: excluded)
    }

    /// The roll's people as representatives of their unit: their household, or under group
    /// representation the residents' group of their household (people of a compound without a
    /// group are left out).
    static func representatives(_ method: ElectionMethod, _ people: [(person: UUID, household: UUID)], on db: any Database) async throws -> [Representative] {
        guard method == .groupRepresentatives else { return people.map { Representative(person: $0.person.uuidString, unit: $0.household.uuidString) } }
        let groups = try await RegistryDirectory(db: db).residentsGroups(ofHouseholds: people.map(\.household))
        return people.compactMap { p in groups[p.household].map { Representative(person: p.person.uuidString, unit: $0.uuidString) } }
    }

    /// One representative per household (Organic Law 2018 art. 8): of a household's voters, its
    /// head, or the eldest when the head is no voter; the others are not listed, each with the
    /// representative named. The household may choose another (remove one, add the other); the
    /// rule set checks the roll either way.
    static func householdRepresentatives(_ listed: [(RegistryDirectory.PossibleVoter, String)], _ excluded: [RollBuild.Excluded], committee: UUID,
                                         rules: ElectionRuleSet, on db: any Database) async throws -> ([(RegistryDirectory.PossibleVoter, String)], [RollBuild.Excluded]) {
        let heads = try await RegistryDirectory(db: db).householdHeads(committee: committee)
        var chosen: [UUID: RegistryDirectory.PossibleVoter] = [:]
        for (p, _) in listed {
            guard let current = chosen[p.householdID] else { chosen[p.householdID] = p; continue }
            let better = heads.contains(p.id) != heads.contains(current.id) ? heads.contains(p.id) : p.birthDate < current.birthDate
            if better { chosen[p.householdID] = p }
        }
        let representatives = Set(chosen.values.map(\.id))
        var out = excluded
        for (p, _) in listed where !representatives.contains(p.id) {
            let by = chosen[p.householdID]!.name
            out.append(.init(residentId: p.id, name: p.name, reasons: [ExplanationView(ElectionExplanation(.representation,
                zh: "每户派代表选举:本户由 \(by) 代表", en: "one representative per household: \(by) represents the household"))]))
        }
        let kept = listed.filter { representatives.contains($0.0.id) }
        let check = rules.checkRepresentation(.householdRepresentatives, representatives: kept.map { Representative(person: $0.0.id.uuidString, unit: $0.0.householdID.uuidString) },
                                              units: Set(listed.map(\.0.householdID.uuidString)))
        if let error = refuse(check, field: "roll") { throw error }
        return (kept, out)
    }

    /// Publishes the roll: at least `rollPublishedDaysBefore` days before election day.
    func publishRoll(_ id: UUID) async throws -> Election {
        _ = try await election(id)
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.roll], Text("公布选民名单", "publish the roll")) { throw error }
            guard try await RollEntry.query(on: tx).filter(\.$electionID == id).count() > 0 else {
                throw ZhanjuError(.conflict, code: "election.roll_empty", field: "roll", message: Text("选民名单为空,请先编制。", "The roll is empty: draw it up first."))
            }
            // The election committee draws up and publishes the roll: it must have its size by then.
            let members = try await ElectionStaffMember.query(on: tx).filter(\.$electionID == id).filter(\.$role == StaffRole.electionCommittee.rawValue).all()
                .map { StaffAssignment(person: $0.personID.uuidString, name: $0.name, role: .electionCommittee) }
            if let error = Self.refuse(e.rules.checkElectionCommittee(members: members, formalCandidates: []), field: "staff") { throw error }
            if ElectionMethod(rawValue: e.method) == .groupRepresentatives {
                // Every residents' group must have sent its number, no fewer and no more.
                let roll = try await RollEntry.query(on: tx).filter(\.$electionID == id).filter(\.$removed == false).all()
                let representatives = try await Self.representatives(.groupRepresentatives, roll.map { ($0.personID, $0.householdID) }, on: tx)
                let groups = try await RegistryDirectory(db: tx).residentsGroups(of: e.committeeID)
                if let error = Self.refuse(e.rules.checkRepresentation(.groupRepresentatives, representatives: representatives,
                                                                         units: Set(groups.keys.map(\.uuidString))), field: "roll") { throw error }
            }
            let check = e.rules.timetable(pollingDay: e.polling, calendar: calendar, rollPublishedOn: today).check
            if let error = Self.refuse(ElectionCheck(refusals: check.refusals.filter { $0.rule == .rollPublication || $0.rule == .objectionAnswer }), field: "roll_published_on") { throw error }
            e.rollPublishedOn = today.iso
            e.stage = ElectionStage.rollPublished.rawValue
            try await e.save(on: tx)
            try await AuditTrail.append("publish_roll", "elections", id, before: nil, after: AuditTrail.digest(["on": today.iso]), by: context.actor, at: now, on: tx)
            return e
        }
    }

    struct RollChangeInput: Content, Sendable {
        var residentId: UUID?
        var change: String?
        var reason: String?
        /// For a resident without local hukou or a community worker: since when they live or serve here.
        var since: String?
        static let example = RollChangeInput(residentId: UUID(), change: "add", reason: "本人申请登记", since: "2024-01-01")
    }

    enum Change: String, CaseIterable, Sendable {
        case add, remove
        var label: Text { self == .add ? Text("增加", "added") : Text("删除", "removed") }
    }

    enum Basis: String, CaseIterable, Sendable {
        case localHukou = "local_hukou"
        case nonLocalResident = "non_local_resident"
        case communityWorker = "community_worker"
        var label: Text {
            switch self {
            case .localHukou: return Text("本地户籍", "local hukou")
            case .nonLocalResident: return Text("非本地户籍居民(本人申请)", "non-local resident (on application)")
            case .communityWorker: return Text("社区工作者(本人申请)", "community worker (on application)")
            }
        }
    }

    /// Adds a person to the roll (checked by the rule set) or removes one, with the reason; after
    /// publication the change is logged and shown. Closed once polling starts.
    func changeRoll(_ id: UUID, _ input: RollChangeInput, basis requested: String? = nil) async throws -> RollEntry? {
        let e = try await election(id)
        guard let person = input.residentId else { throw ZhanjuError.required("resident_id") }
        let change = try Check.choice(input.change, "change", as: Change.self)
        let reason = try Check.text(input.reason, "reason", max: 500)
        let registry = RegistryDirectory(db: db)
        guard let p = try await registry.possibleVoter(person) else {
            throw ZhanjuError.invalid("resident_id", "unknown_reference", Strings.errorUnknownRef("resident_id"))
        }
        var basis = Basis.localHukou
        if change == .add {
            let inArea = try await registry.voterRoll(committee: e.committeeID).contains { $0.id == person }
            let facts: VoterFacts
            switch p.hukou {
            case .local where inArea:
                facts = VoterFacts(birthDate: p.birthDate, basis: .localHukou, hasPoliticalRights: p.politicalRights)
            case _ where inArea:
                basis = .nonLocalResident
                let since = try Check.date(input.since, "since")
                facts = VoterFacts(birthDate: p.birthDate, basis: .nonLocalResident(livingSince: since, applied: true), hasPoliticalRights: p.politicalRights)
            default:
                basis = .communityWorker
                let since = try Check.date(input.since, "since")
                facts = VoterFacts(birthDate: p.birthDate, basis: .communityWorker(servingSince: since, applied: true), hasPoliticalRights: p.politicalRights)
            }
            let verdict = e.rules.voterEligibility(facts, electionDay: e.polling)
            if !verdict.eligible { throw Self.refuse(ElectionCheck(refusals: verdict.reasons), field: "resident_id")! }
        }
        let fixedBasis = basis
        return try await context.access.write(on: db) { tx in
            let fresh = try await Election.locked(id, on: tx)
            if let error = Self.stage(fresh, allows: [.roll, .rollPublished, .finalList], Text("更改选民名单", "change the roll")) { throw error }
            let existing = try await RollEntry.query(on: tx).filter(\.$electionID == id).filter(\.$personID == person).first()
            var entry: RollEntry?
            switch change {
            case .add:
                if let existing, !existing.removed {
                    throw ZhanjuError.invalid("resident_id", "election.single_registration", Text("\(p.name) 已在选民名单上。", "\(p.name) is already on the roll."))
                }
                if let method = ElectionMethod(rawValue: fresh.method), method != .allVoters {
                    let roll = try await RollEntry.query(on: tx).filter(\.$electionID == id).filter(\.$removed == false).all()
                    let representatives = try await Self.representatives(method, roll.map { ($0.personID, $0.householdID) } + [(person, p.householdID)], on: tx)
                    guard let unit = representatives.last?.person == person.uuidString ? representatives.last?.unit : nil else {
                        throw ZhanjuError.invalid("resident_id", "election.representation", Text("\(p.name) 所在小区没有居民小组,不能作为居民小组代表。",
                                                                                              "\(p.name)'s compound has no residents' group to represent."))
                    }
                    // While the groups are still choosing, only a group's upper bound is checked here; publishing checks each group's number.
                    let units: Set<String> = method == .groupRepresentatives ? [unit] : Set(representatives.map(\.unit))
                    let check = e.rules.checkRepresentation(method, representatives: representatives, units: units)
                    let binding = method == .groupRepresentatives
                        ? representatives.filter { $0.unit == unit }.count > e.rules.representativesPerGroup.upperBound : !check.accepted
                    if binding, let error = Self.refuse(check, field: "resident_id") { throw error }
                }
                let r = existing ?? RollEntry()
                if existing == nil {
                    let last = try await RollEntry.query(on: tx).filter(\.$electionID == id).sort(\.$position, .descending).first()?.position ?? 0
                    (r.id, r.electionID, r.personID, r.position, r.votedRound) = (UUID(), id, person, last + 1, nil)
                }
                (r.name, r.sex, r.door, r.householdID, r.basis, r.removed) = (p.name, p.sex.rawValue, p.door, p.householdID, fixedBasis.rawValue, false)
                try await r.save(on: tx)
                entry = r
            case .remove:
                guard let existing, !existing.removed else {
                    throw ZhanjuError.invalid("resident_id", "election.not_on_roll", Text("\(p.name) 不在选民名单上。", "\(p.name) is not on the roll."))
                }
                existing.removed = true
                try await existing.save(on: tx)
                entry = existing
            }
            if fresh.rollPublishedOn != nil {
                let seq = (try await RollChange.query(on: tx).filter(\.$electionID == id).sort(\.$seq, .descending).first()?.seq ?? 0) + 1
                let c = RollChange()
                (c.id, c.electionID, c.seq, c.personID, c.name, c.change, c.reason, c.changedOn) = (UUID(), id, seq, person, p.name, change.rawValue, reason, today.iso)
                try await c.create(on: tx)
            }
            try await AuditTrail.append("roll_\(change.rawValue)", "election_roll", entry?.id, before: nil,
                                        after: AuditTrail.digest(["resident": person.uuidString, "reason": reason]), by: context.actor, at: now, on: tx)
            return entry
        }
    }

    // MARK: objections

    struct ObjectionInput: Content, Sendable {
        var residentId: UUID?
        var request: String?
        var reason: String?
        static let example = ObjectionInput(residentId: UUID(), request: "add", reason: "已满18周岁,漏登")
    }

    struct AnswerInput: Content, Sendable {
        var decision: String?
        var answer: String?
        static let example = AnswerInput(decision: "upheld", answer: "经核实,予以补登")
    }

    enum Decision: String, CaseIterable, Sendable {
        case upheld, rejected
        var label: Text { self == .upheld ? Text("异议成立", "upheld") : Text("异议不成立", "rejected") }
    }

    /// Records an objection to the roll (someone left off, or listed who should not be), raised
    /// within the objection period counted from publication on the holiday calendar.
    func raiseObjection(_ id: UUID, _ input: ObjectionInput) async throws -> RollObjection {
        _ = try await election(id)
        guard let person = input.residentId else { throw ZhanjuError.required("resident_id") }
        let request = try Check.choice(input.request, "request", as: Change.self)
        let reason = try Check.text(input.reason, "reason", max: 500)
        guard let p = try await RegistryDirectory(db: db).possibleVoter(person) else {
            throw ZhanjuError.invalid("resident_id", "unknown_reference", Strings.errorUnknownRef("resident_id"))
        }
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.rollPublished], Text("受理对选民名单的异议", "take objections to the roll")) { throw error }
            let published = CivilDate(iso: e.rollPublishedOn!)!
            let check = e.rules.checkObjection(raisedOn: today, answeredOn: nil, rollPublishedOn: published, calendar: calendar)
            if let error = Self.refuse(check, field: "raised_on") { throw error }
            let o = RollObjection()
            (o.id, o.electionID, o.personID, o.name, o.request, o.reason, o.raisedOn) = (UUID(), id, person, p.name, request.rawValue, reason, today.iso)
            try await o.create(on: tx)
            try await AuditTrail.append("create", "election_objections", o.id, before: nil, after: AuditTrail.digest(["request": request.rawValue, "reason": reason]),
                                        by: context.actor, at: now, on: tx)
            return o
        }
    }

    /// Answers an objection; an upheld one changes the roll (logged). The answer is due within
    /// the working days the rule set gives; a late answer is still given, and shown as late.
    func answerObjection(_ id: UUID, objection: UUID, _ input: AnswerInput) async throws -> RollObjection {
        _ = try await election(id)
        let decision = try Check.choice(input.decision, "decision", as: Decision.self)
        let answer = try Check.text(input.answer, "answer", max: 1000)
        guard let o = try await RollObjection.find(objection, on: db), o.electionID == id else { throw ZhanjuError.notFound(ElectionStrings.objection) }
        if o.decision != nil {
            throw ZhanjuError(.conflict, code: "election.objection_answered", field: "decision", message: Text("这件异议已答复。", "This objection is already answered."))
        }
        if decision == .upheld {
            // The change the objection asked for, with the objection as its reason (checked and logged there).
            let existing = try await RollEntry.query(on: db).filter(\.$electionID == id).filter(\.$personID == o.personID).first()
            let listed = existing.map { !$0.removed } ?? false
            if (o.request == Change.add.rawValue) != listed {
                _ = try await changeRoll(id, RollChangeInput(residentId: o.personID, change: o.request, reason: "异议成立 / objection upheld: \(answer)", since: nil))
            }
        }
        return try await context.access.write(on: db) { tx in
            let fresh = try await RollObjection.find(objection, on: tx)!
            if fresh.decision != nil {
                throw ZhanjuError(.conflict, code: "election.objection_answered", field: "decision", message: Text("这件异议已答复。", "This objection is already answered."))
            }
            (fresh.decision, fresh.answer, fresh.answeredOn) = (decision.rawValue, answer, today.iso)
            try await fresh.save(on: tx)
            try await AuditTrail.append("answer", "election_objections", fresh.id, before: nil, after: AuditTrail.digest(["decision": decision.rawValue, "answer": answer]),
                                        by: context.actor, at: now, on: tx)
            return fresh
        }
    }

    // MARK: nominations and candidate lists

    struct NominationInput: Content, Sendable {
        var nomineeId: UUID?
        var post: String?
        var kind: String?
        var signers: [UUID]?
        var groupId: UUID?
        static let example = NominationInput(nomineeId: UUID(), post: "member", kind: "self_nomination", signers: [UUID()], groupId: nil)
    }

    enum NominationKind: String, CaseIterable, Sendable {
        case jointVoters = "joint_voters"
        case jointHouseholds = "joint_households"
        case residentsGroup = "residents_group"
        case selfNomination = "self_nomination"
        var label: Text {
            switch self {
            case .jointVoters: return Text("选民联名提名", "joint nomination by voters")
            case .jointHouseholds: return Text("户代表联名提名", "joint nomination by household representatives")
            case .residentsGroup: return Text("居民小组提名", "nomination by a residents' group")
            case .selfNomination: return Text("自荐", "self-nomination")
            }
        }
    }

    /// A nomination, checked against the published roll by the rule set; a valid one puts the
    /// nominee on the preliminary candidate list for the post.
    func nominate(_ id: UUID, _ input: NominationInput) async throws -> NominationRecord {
        let e = try await election(id)
        guard let nominee = input.nomineeId else { throw ZhanjuError.required("nominee_id") }
        let post = try Check.choice(input.post, "post", as: CommitteePost.self)
        let kind = try Check.choice(input.kind, "kind", as: NominationKind.self)
        let signers = input.signers ?? []
        guard signers.count <= 500 else { throw ZhanjuError.invalid("signers", "too_long", Strings.errorTooLong("signers", 500)) }
        let groups = try await RegistryDirectory(db: db).residentsGroups(of: e.committeeID)
        var groupName: String?
        if kind == .residentsGroup {
            guard let g = input.groupId else { throw ZhanjuError.required("group_id") }
            groupName = groups[g] ?? g.uuidString
        }
        let fixedGroup = groupName
        return try await context.access.write(on: db) { tx in
            let fresh = try await Election.locked(id, on: tx)
            if let error = Self.stage(fresh, allows: [.rollPublished], Text("接受提名", "take nominations")) { throw error }
            guard (try await ElectionPostSeats.query(on: tx).filter(\.$electionID == id).filter(\.$post == post.rawValue).first()?.seats ?? 0) > 0 else {
                throw ZhanjuError.invalid("post", "election.competitive_margin", Text("本次选举没有\(post.zh)名额。", "This election has no \(post.en) seats."))
            }
            let roll = try await RollEntry.query(on: tx).filter(\.$electionID == id).filter(\.$removed == false).all()
            let onRoll = Set(roll.map(\.personID.uuidString))
            let nomination: Nomination
            switch kind {
            case .jointVoters: nomination = Nomination(nominee: nominee.uuidString, post: post, kind: .jointVoters(signers: signers.map(\.uuidString)))
            case .selfNomination: nomination = Nomination(nominee: nominee.uuidString, post: post, kind: .selfNomination(coSigners: signers.map(\.uuidString)))
            case .jointHouseholds:
                let household = Dictionary(roll.map { ($0.personID, $0.householdID.uuidString) }, uniquingKeysWith: { a, _ in a })
                nomination = Nomination(nominee: nominee.uuidString, post: post, kind: .jointHouseholds(signers: signers.map {
                    Representative(person: $0.uuidString, unit: household[$0] ?? $0.uuidString) }))
            case .residentsGroup: nomination = Nomination(nominee: nominee.uuidString, post: post, kind: .residentsGroup(group: fixedGroup ?? ""))
            }
            let check = fresh.rules.checkNomination(nomination, roll: onRoll, groups: Set(groups.values))
            if let error = Self.refuse(check, field: check.refusals.first?.rule == .nomineeOnRoll ? "nominee_id" : (kind == .residentsGroup ? "group_id" : "signers")) { throw error }
            guard let entry = roll.first(where: { $0.personID == nominee }) else { throw ZhanjuError.required("nominee_id") }
            let n = NominationRecord()
            (n.id, n.electionID, n.nomineeID, n.nomineeName, n.post, n.kind) = (UUID(), id, nominee, entry.name, post.rawValue, kind.rawValue)
            (n.groupName, n.signers, n.madeOn) = (fixedGroup, signers.map(\.uuidString).joined(separator: ","), today.iso)
            try await n.create(on: tx)
            // On the preliminary list for this post (a later nomination for another post moves them).
            if let c = try await CandidateEntry.query(on: tx).filter(\.$electionID == id).filter(\.$personID == nominee).filter(\.$list == "preliminary").first() {
                c.post = post.rawValue
                try await c.save(on: tx)
            } else {
                let c = CandidateEntry()
                (c.id, c.electionID, c.personID, c.name, c.sex, c.post, c.list) = (UUID(), id, nominee, entry.name, entry.sex, post.rawValue, "preliminary")
                try await c.create(on: tx)
            }
            try await AuditTrail.append("create", "election_nominations", n.id, before: nil,
                                        after: AuditTrail.digest(["nominee": nominee.uuidString, "post": post.rawValue, "kind": kind.rawValue, "signers": n.signers]),
                                        by: context.actor, at: now, on: tx)
            return n
        }
    }

    struct FinalListInput: Content, Sendable {
        var candidates: [FinalCandidate]?
        struct FinalCandidate: Content, Sendable {
            var residentId: UUID?
            var post: String?
        }
        static let example = FinalListInput(candidates: [FinalCandidate(residentId: UUID(), post: "chair")])
    }

    /// Publishes the final candidate list, chosen from the validly nominated: the slate must meet
    /// the committee's size, one chair, the competitive margin per post and the women standing;
    /// no election committee member may stand; and it must be published in time.
    func publishFinalList(_ id: UUID, _ input: FinalListInput) async throws -> Election {
        _ = try await election(id)
        let chosen = input.candidates ?? []
        if chosen.isEmpty { throw ZhanjuError.required("candidates") }
        var picks: [(UUID, CommitteePost)] = []
        for (i, c) in chosen.enumerated() {
            guard let person = c.residentId else { throw ZhanjuError.required("candidates.\(i).resident_id") }
            picks.append((person, try Check.choice(c.post, "candidates.\(i).post", as: CommitteePost.self)))
        }
        let fixedPicks = picks
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.rollPublished], Text("公布正式候选人名单", "publish the final candidate list")) { throw error }
            let rules = e.rules
            let preliminary = try await CandidateEntry.query(on: tx).filter(\.$electionID == id).filter(\.$list == "preliminary").all()
            let nominated = try await NominationRecord.query(on: tx).filter(\.$electionID == id).all()
            var slate: [SlateCandidate] = []
            for (i, (person, post)) in fixedPicks.enumerated() {
                guard let p = preliminary.first(where: { $0.personID == person }), nominated.contains(where: { $0.nomineeID == person && $0.post == post.rawValue }) else {
                    throw ZhanjuError.invalid("candidates.\(i).resident_id", "election.nomination",
                                              Text("此人未经有效提名为\(post.zh)候选人。", "This person was not validly nominated for \(post.en)."))
                }
                slate.append(SlateCandidate(person: person.uuidString, name: p.name, sex: Sex(rawValue: p.sex) ?? .male, post: post))
            }
            let seats = try await self.seats(id, on: tx)
            let staff = try await ElectionStaffMember.query(on: tx).filter(\.$electionID == id).all()
            let committee = Set(staff.filter { $0.role == StaffRole.electionCommittee.rawValue }.map(\.personID.uuidString))
            var check = rules.checkSlate(Slate(seats: seats, candidates: slate), electionCommittee: committee)
            let others = staff.filter { $0.role != StaffRole.electionCommittee.rawValue }
                .compactMap { s in StaffRole(rawValue: s.role).map { StaffAssignment(person: s.personID.uuidString, name: s.name, role: $0) } }
            let kinship = try await RegistryDirectory(db: tx).kinship(around: others.compactMap { UUID(uuidString: $0.person) } + fixedPicks.map(\.0))
            check.refusals += rules.checkStaff(others, candidates: slate, kinship: kinship).refusals
            check.refusals += rules.timetable(pollingDay: e.polling, calendar: calendar, finalListPublishedOn: today).check.refusals.filter { $0.rule == .finalCandidateList }
            if let error = Self.refuse(check, field: "candidates") { throw error }

            for c in slate {
                let entry = CandidateEntry()
                (entry.id, entry.electionID, entry.personID, entry.name, entry.sex, entry.post, entry.list) =
                    (UUID(), id, UUID(uuidString: c.person)!, c.name, c.sex.rawValue, c.post.rawValue, "final")
                try await entry.create(on: tx)
            }
            let round = ElectionRound(slate: Slate(seats: seats, candidates: slate))
            let r = RoundRecord()
            (r.id, r.electionID, r.number, r.definitionJSON, r.ballotsIssued) = (UUID(), id, 1, try ElectionJSON.encode(round), 0)
            try await r.create(on: tx)
            e.finalListPublishedOn = today.iso
            e.stage = ElectionStage.finalList.rawValue
            try await e.save(on: tx)
            try await AuditTrail.append("publish_final_list", "elections", id, before: nil, after: AuditTrail.digest(slate.map { "\($0.post.rawValue):\($0.person)" }),
                                        by: context.actor, at: now, on: tx)
            return e
        }
    }

    // MARK: voting codes and polling

    struct IssuedCode: Content, Sendable {
        var name: String
        var door: String
        var round: Int
        var code: String
        static let example = IssuedCode(name: "王芳", door: "3-1-502", round: 1, code: "K7QF-3M9T-XW2C-8HRP")
    }

    /// One-time voting codes for the current round, one per voter on the roll who has none yet,
    /// returned once for printing on slips; only their hashes are kept.
    func issueCodes(_ id: UUID) async throws -> [IssuedCode] {
        _ = try await election(id)
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.finalList, .polling], Text("发放投票码", "issue voting codes")) { throw error }
            let roll = try await RollEntry.query(on: tx).filter(\.$electionID == id).filter(\.$removed == false).sort(\.$position).all()
            let have = Set(try await VotingCode.query(on: tx).filter(\.$electionID == id).filter(\.$round == e.round).all().map(\.rollEntryID))
            var issued: [IssuedCode] = []
            for entry in roll where !have.contains(entry.id!) {
                let code = Self.newCode(groups: 4)
                let c = VotingCode()
                (c.id, c.electionID, c.round, c.rollEntryID, c.codeHash, c.used) = (UUID(), id, e.round, entry.id!, Self.hash(code: code), false)
                try await c.create(on: tx)
                issued.append(IssuedCode(name: entry.name, door: entry.door, round: e.round, code: code))
            }
            if let round = try await RoundRecord.query(on: tx).filter(\.$electionID == id).filter(\.$number == e.round).first() {
                round.ballotsIssued += issued.count
                try await round.save(on: tx)
            }
            try await AuditTrail.append("issue_codes", "elections", id, before: nil, after: AuditTrail.digest(["round": e.round, "codes": issued.count]),
                                        by: context.actor, at: now, on: tx)
            return issued
        }
    }

    /// Opens polling for the current round, on election day only.
    func openPolling(_ id: UUID) async throws -> Election {
        _ = try await election(id)
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.finalList], Text("开始投票", "open polling")) { throw error }
            guard today == e.polling else {
                throw ZhanjuError(.conflict, code: "election.polling", field: "polling_day",
                                  message: Text("投票只能在选举日 \(e.pollingDay) 进行(今天 \(today.iso))。", "Polling takes place on election day, \(e.pollingDay) (today is \(today.iso))."))
            }
            e.stage = ElectionStage.polling.rawValue
            try await e.save(on: tx)
            try await AuditTrail.append("open_polling", "elections", id, before: nil, after: AuditTrail.digest(["round": e.round]), by: context.actor, at: now, on: tx)
            return e
        }
    }

    /// The ballot a code opens: the election and its current round, or 404 for a code that is
    /// unknown, used, or of a round that is over (all alike: a code is no way to learn anything).
    func ballotPaper(code: String) async throws -> (Election, ElectionRound) {
        let hash = Self.hash(code: code)
        guard let c = try await VotingCode.query(on: db).filter(\.$codeHash == hash).first(),
              let voter = try await RollEntry.find(c.rollEntryID, on: db), !voter.removed, (voter.votedRound ?? 0) < c.round,
              let e = try await Election.find(c.electionID, on: db), e.round == c.round, e.stageValue == .polling,
              let round = try await RoundRecord.query(on: db).filter(\.$electionID == e.id!).filter(\.$number == c.round).first()
        else { throw ZhanjuError.invalid("code", "election.code", ElectionStrings.codeRefused) }
        return (e, round.definition)
    }

    struct BallotInput: Content, Sendable {
        var code: String?
        /// Per post (`chair`, `deputy_chair`, `member`), the printed candidates marked.
        var marks: [String: [UUID]]?
        static let example = BallotInput(code: "K7QF-3M9T-XW2C-8HRP", marks: ["chair": [UUID()], "member": [UUID(), UUID()]])
    }

    struct Receipt: Content, Sendable {
        var electionId: UUID
        var round: Int
        var sequence: Int
        var receipt: String
        var hash: String
    }

    /// A ballot as sent, read: the code's hash and the marks per post.
    struct CastRequest: Sendable {
        var hash: String
        var marks: [CommitteePost: [BallotMark]]
    }

    static func read(_ input: BallotInput) throws -> CastRequest {
        guard let code = input.code, !code.isEmpty else { throw ZhanjuError.required("code") }
        var marks: [CommitteePost: [BallotMark]] = [:]
        // A post with nothing marked is a blank for that post, whether it is sent empty or left out.
        for (key, people) in input.marks ?? [:] where !people.isEmpty {
            // The decoder may have turned `deputy_chair` into `deputyChair`, as it does keys.
            guard let post = CommitteePost(rawValue: key) ?? CommitteePost(rawValue: OpenAPIDocument.snakeCase(key)) else {
                throw ZhanjuError.invalid("marks.\(key)", "choice", Text("没有这个职位。", "There is no such post."))
            }
            guard people.count <= 50 else { throw ZhanjuError.invalid("marks.\(key)", "too_long", Strings.errorTooLong("marks.\(key)", 50)) }
            marks[post] = people.map { .candidate(Hex.uuid($0)) }
        }
        return CastRequest(hash: hash(code: code), marks: marks)
    }

    /// Casts a web ballot with a one-time code: the code is re-read and marked used, the voter's
    /// roll entry is marked as having voted in this round (no time, no order), and the ballot is
    /// appended to the election's log with a fresh receipt, all in one write. Ballots arriving
    /// together are gathered for a moment and written in one transaction (BallotIntake), each
    /// acknowledged only once it has committed; the same code sent twice at once casts once, the
    /// other is refused like any spent code (422).
    func cast(_ input: BallotInput) async throws -> Receipt {
        let request = try Self.read(input)
        // Inside a write already (the demo, an import): cast in it, there is no one to gather with.
        guard WritePath.current == nil, let intake else { return try await Self.castBatchWrite([request], on: db, access: context.access)[0].get() }
        return try await intake.submit(request, on: db.eventLoop).get()
    }

    /// Casts a batch in one write holding only the chains of the elections it touches (a ballot
    /// writes no audit entry: its log is its own chain). A ballot refused for its own sake is
    /// refused alone; a failed write fails the batch, and nothing of it was written.
    static func castBatch(_ requests: [CastRequest], on db: any Database, access: AccessState) async -> [Result<Receipt, any Error>] {
        do {
            return try await castBatchWrite(requests, on: db, access: access).map { $0.mapError { $0 as any Error } }
        } catch let error as ZhanjuError {
            return requests.map { _ in .failure(error) }
        } catch {
            return requests.map { _ in .failure(Self.retry) }
        }
    }

    private static func castBatchWrite(_ requests: [CastRequest], on db: any Database, access: AccessState) async throws -> [Result<Receipt, ZhanjuError>] {
        do {
            return try await access.write(on: db, scope: .chains) { tx in try await Self.castAll(requests, on: tx) }
        } catch is InconsistentBallotWrite { throw Self.retry }
    }

    struct InconsistentBallotWrite: Error {}
    static let retry = ZhanjuError(.conflict, code: "conflict", message: Text("投票未能写入,请重试。", "The ballot could not be written; try again."))

    /// One ballot appended to the election's log (a paper ballot, inside a write holding its chain).
    static func append(_ ballot: Ballot, to e: Election, round: Int, on tx: any Database) async throws -> Receipt {
        try await append([ballot], to: e, round: round, on: tx)[0]
    }

    // MARK: the count

    private struct BallotGroup: Decodable { var ballot: String; var n: Int }

    /// A round's ballots as their distinct forms with how many were cast like each (kept by the
    /// writes that append them, migration 030), so a million ballots are decoded as the few
    /// dozen forms they take.
    static func ballotsCounted(_ id: UUID, round: Int, on tx: any Database) async throws -> [(ballot: Ballot, count: Int)] {
        let groups = try await (tx as! any SQLDatabase).raw("""
            SELECT ballot, count AS n FROM election_ballot_forms WHERE election_id = \(bind: id) AND round = \(bind: round)
            """).all(decoding: BallotGroup.self)
        let decoder = JSONDecoder()
        return try groups.map { (ballot: try decoder.decode(Ballot.self, from: Data($0.ballot.utf8)), count: $0.n) }
    }

    struct CountInput: Content, Sendable {
        var scrutineers: [UUID]?
        static let example = CountInput(scrutineers: [UUID(), UUID()])
    }

    /// Closes polling for the current round and counts it, watched by the scrutineers (election
    /// staff in that role). The rule set reads every ballot, decides validity and who is elected,
    /// and plans what follows: a further round or runoff opens at once for the open seats (new
    /// codes are issued), or the count is complete and may be announced.
    func count(_ id: UUID, _ input: CountInput) async throws -> Election {
        _ = try await election(id)
        let scrutineers = input.scrutineers ?? []
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.polling], Text("计票", "count")) { throw error }
            let rules = e.rules
            let staff = try await ElectionStaffMember.query(on: tx).filter(\.$electionID == id).filter(\.$role == StaffRole.scrutineer.rawValue).all()
            for (i, s) in scrutineers.enumerated() where !staff.contains(where: { $0.personID == s }) {
                throw ZhanjuError.invalid("scrutineers.\(i)", "election.scrutineers", Text("此人不是本次选举的监票人。", "This person is not a scrutineer of this election."))
            }
            if let error = Self.refuse(rules.checkScrutineers(scrutineers.map(\.uuidString)), field: "scrutineers") { throw error }
            guard let roundRecord = try await RoundRecord.query(on: tx).filter(\.$electionID == id).filter(\.$number == e.round).first() else {
                throw ZhanjuError(.conflict, code: "election.stage", message: Text("本轮选票未定。", "This round has no ballot."))
            }
            let pending = try await Self.papersPending(id, round: e.round, on: tx)
            if let paper = pending.first {
                throw ZhanjuError(.conflict, code: "election.double_entry", field: "paper_ballots", message: Text(
                    "还有 \(Set(pending.map { "\($0.box)-\($0.number)" }).count) 张纸质选票未完成双人录入或待监票人核定(如 \(paper.box) 第 \(paper.number) 张)。",
                    "\(Set(pending.map { "\($0.box)-\($0.number)" }).count) paper ballots still wait for their second entry or a scrutineer (such as \(paper.box) no. \(paper.number))."))
            }
            let round = roundRecord.definition
            let ballots = try await Self.ballotsCounted(id, round: e.round, on: tx)
            let registered = try await RollEntry.query(on: tx).filter(\.$electionID == id).filter(\.$removed == false).count()
            let earlier = try await RoundRecord.query(on: tx).filter(\.$electionID == id).filter(\.$number < e.round).sort(\.$number).all()
            let electedBefore = earlier.compactMap(\.result).filter(\.valid).flatMap(\.elected)
            let result = rules.tally(round, counted: ballots, registeredVoters: registered, ballotsIssued: roundRecord.ballotsIssued,
                                     alreadyElected: Set(electedBefore.map(\.person)))
            roundRecord.resultJSON = try ElectionJSON.encode(result)
            roundRecord.scrutineers = scrutineers.map(\.uuidString).joined(separator: ",")
            roundRecord.logHead = e.logHead
            roundRecord.countedOn = today.iso
            try await roundRecord.save(on: tx)

            let next = rules.nextRound(after: result, of: round, electedBefore: electedBefore)
            if let nextRound = next.round, next.step != .complete {
                let r = RoundRecord()
                (r.id, r.electionID, r.number, r.definitionJSON, r.ballotsIssued) = (UUID(), id, nextRound.number, try ElectionJSON.encode(nextRound), 0)
                try await r.create(on: tx)
                e.round = nextRound.number
                e.stage = ElectionStage.finalList.rawValue
            } else {
                e.stage = ElectionStage.counted.rawValue
            }
            try await e.save(on: tx)
            try await AuditTrail.append("count", "elections", id, before: nil, after: AuditTrail.digest(PublishedCount(result)), by: context.actor, at: now, on: tx)
            return e
        }
    }

    /// Announces the result: from today the elected hold their posts for the rule set's term, as
    /// appointments in the registry (the appointment policy checks them; a refusal stops the
    /// announcement, naming the rule), and those they replace step down the day before.
    func announce(_ id: UUID) async throws -> Election {
        _ = try await election(id)
        return try await context.access.write(on: db) { tx in
            let e = try await Election.locked(id, on: tx)
            if let error = Self.stage(e, allows: [.counted], Text("公布选举结果", "announce the result")) { throw error }
            let rounds = try await RoundRecord.query(on: tx).filter(\.$electionID == id).sort(\.$number).all()
            let outcome = e.rules.outcome(of: rounds.compactMap(\.result), seats: try await self.seats(id, on: tx), sexes: [:], announcedOn: today)
            let seats = outcome.elected.compactMap { person in UUID(uuidString: person.person).map { RegistryElectedTerms.Seat(person: $0, post: person.post.registryPost) } }
            try await RegistryElectedTerms(db: tx, context: context).seat(committee: e.committeeID, elected: seats, term: outcome.term)
            e.announcedOn = today.iso
            e.stage = ElectionStage.announced.rawValue
            try await e.save(on: tx)
            try await AuditTrail.append("announce", "elections", id, before: nil, after: AuditTrail.digest(["on": today.iso, "log_head": e.logHead]), by: context.actor, at: now, on: tx)
            return e
        }
    }

    // MARK: codes

    /// Letters and digits nobody confuses when reading them off paper (no 0/O, 1/I/L).
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// Groups of four characters joined by dashes: four groups (about 79 bits) for a voting
    /// code, two for a receipt.
    static func newCode(groups: Int) -> String {
        // One draw of the system's generator per group rather than per character (each draw is a
        // system call; a receipt per ballot made eight): 64 random bits give four characters of
        // 31 with a bias below one in 10^13.
        var rng = SystemRandomNumberGenerator()
        let base = UInt64(alphabet.count)
        return (0..<groups).map { _ in
            var bits: UInt64 = rng.next()
            return String((0..<4).map { _ in
                defer { bits /= base }
                return alphabet[Int(bits % base)]
            })
        }.joined(separator: "-")
    }

    /// A web ballot's receipt: the ballot's sequence in four characters, then eight drawn. The
    /// alphabet is in ASCII order, so within an election receipts sort as the log does and the
    /// index on (election, receipt) grows at the end of the election's part, one page written per
    /// batch rather than one per ballot at random places. The sequence is in the public log beside
    /// the receipt anyway; the eight drawn characters (31⁸, as many as a whole receipt drawn)
    /// are what keeps a receipt from being guessed: a receipt's lookup shows its ballot's hash,
    /// from which the few hundred possible ballots could be tried while polling is open.
    /// Past 923,520 ballots (31⁴) in one election, all twelve are drawn.
    static func receipt(sequence: Int) -> String {
        let base = alphabet.count
        guard sequence >= 0, sequence < base * base * base * base else { return newCode(groups: 3) }
        var n = sequence
        var head = [Character](repeating: alphabet[0], count: 4)
        for i in (0..<4).reversed() {
            head[i] = alphabet[n % base]
            n /= base
        }
        return String(head) + "-" + newCode(groups: 2)
    }

    /// What a code is stored as: the SHA-256 of the code as typed, upper-cased, without spaces or dashes.
    static func hash(code: String) -> String {
        // Codes as printed are ASCII: read byte by byte, as the general path below reads them,
        // without its per-character Unicode work (every web ballot hashes its code).
        var bytes = Array("zhanju-voting-code:".utf8)
        bytes.reserveCapacity(bytes.count + code.utf8.count)
        for b in code.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(b - 0x20)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(b)
            case 0x80...: 
                let normal = code.uppercased().filter { $0.isLetter || $0.isNumber }
                return Hex.encode(SHA256.hash(data: Data("zhanju-voting-code:\(normal)".utf8)))
            default: continue
            }
        }
        return Hex.encode(SHA256.hash(data: bytes))
    }

    /// A receipt as typed: upper case, dashes where they belong.
    static func normalReceipt(_ text: String) -> String {
        let chars = Array(text.uppercased().filter { $0.isLetter || $0.isNumber })
        return stride(from: 0, to: chars.count, by: 4).map { String(chars[$0..<min($0 + 4, chars.count)]) }.joined(separator: "-")
    }
}

/// An explanation as the API gives it: the rule's id and both languages.
struct ExplanationView: Content, Sendable, Equatable {
    var rule: String
    var zh: String
    var en: String
    init(_ e: ElectionExplanation) { (rule, zh, en) = (e.rule.rawValue, e.zh, e.en) }
}
