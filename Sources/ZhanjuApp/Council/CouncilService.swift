import Fluent
import Foundation
import SQLKit
import Vapor
import ZhanjuRules

/// The only writer of the council's tables. Every decision is ZhanjuRules' (co-signing, the
/// jurisdiction of bodies, quorum and majority, the execution lifecycle and its progress, the
/// petition's thresholds, the owners' double majority); this applies them to what is stored,
/// through the one write path, re-reading inside the write what it checks, and refuses with the
/// rule named (`council.<rule>`, 422, or 403 when the rule is about who acts) or the state that
/// forbids the step (409). Deny by default: each step needs its permission at the committee's
/// place (the bodies a person serves), and a resident acts only in the committee they live in.
struct CouncilService: Sendable {
    let db: any Database
    let context: WriteContext
    let calendar: HolidayCalendar
    let now: Date
    let today: CivilDate

    init(db: any Database, context: WriteContext, calendar: HolidayCalendar, now: Date, today: CivilDate) {
        (self.db, self.context, self.calendar, self.now, self.today) = (db, context, calendar, now, today)
    }

    init(_ req: Request) async throws {
        self.init(db: req.db, context: try req.writeContext(), calendar: try await req.access.calendar(on: req.db), now: req.access.now(), today: req.today)
    }

    static let jurisdiction = JurisdictionRules.organicLaw2018
    /// Largest evidence file kept (bytes).
    static let maxFileBytes = 2 * 1024 * 1024
    static let fileTypes = ["image/png", "image/jpeg", "application/pdf", "text/plain"]

    // MARK: refusals and reach

    static func refuse(_ r: CouncilRefusal, field: String, kind: ZhanjuError.Kind = .invalid) -> ZhanjuError {
        // A matter or a body named by its words, not its key.
        let subject: Text? = r.subject.map { s in
            if let m = MatterKind(rawValue: s) { return CouncilStrings.matter(m) }
            if let b = DecidingBody(rawValue: s) { return CouncilStrings.body(b) }
            return Text(s, s)
        }
        let en = [subject?.en, r.detail].compactMap { $0 }.joined(separator: ", ")
        let zh = [subject?.zh, r.detailZh].compactMap { $0 }.joined(separator: ",")
        let label = CouncilStrings.rule(r.rule)
        return ZhanjuError(kind, code: "council.\(r.rule.rawValue)", field: field,
                           message: Text("\(label.zh)\(zh.isEmpty ? "" : "(\(zh))")", "\(label.en)\(en.isEmpty ? "" : " (\(en))")"))
    }

    static func state(_ field: String, _ message: Text) -> ZhanjuError {
        ZhanjuError(.conflict, code: "council.state", field: field, message: message)
    }

    static var forbidden: ZhanjuError { ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden) }

    /// The caller may do `permission` at `place`; system writes (the demo, the CLI) may do anything.
    func allow(_ permission: Permission, at place: Place, notFound what: Text) throws {
        guard let principal = context.principal else { return }
        guard principal.grants.allows(permission, at: place) else {
            if principal.grants.holds(permission) { throw ZhanjuError.notFound(what) }
            throw Self.forbidden
        }
    }

    func allows(_ permission: Permission, at place: Place) -> Bool {
        context.principal.map { $0.grants.allows(permission, at: place) } ?? true
    }

    func place(committee: UUID) async throws -> Place { try await context.access.map(on: db).place(committee: committee) }

    /// The resident acting: the signed-in account's, who must live in the committee's area; for a
    /// system write, the resident named.
    func resident(_ named: UUID?, in committee: UUID, field: String = "resident_id") async throws -> (id: UUID, household: UUID, name: String) {
        let registry = RegistryDirectory(db: db)
        let id: UUID
        if let principal = context.principal {
            guard let own = principal.residentID, principal.grants.holds(.councilTakePart) else { throw Self.forbidden }
            id = own
        } else {
            guard let named else { throw ZhanjuError.required(field) }
            id = named
        }
        guard let person = try await registry.resident(id), let household = person.householdID, let ref = try await registry.household(household) else {
            throw ZhanjuError.invalid(field, "unknown_reference", Strings.errorUnknownRef(field))
        }
        let map = try await context.access.map(on: db)
        guard map.committeeOfCompound[ref.compoundID] == committee else {
            throw Self.refuse(CouncilRefusal(.signerNotOnRoll, subject: person.name, detail: "not a resident of this committee's area"), field: field, kind: .forbidden)
        }
        return (id, household, person.name)
    }

    // MARK: topics

    struct TopicInput: Content, Sendable {
        var committeeId: UUID?
        var title: String?
        var body: String?
        var matter: String?
        var origin: String?
        static let example = TopicInput(committeeId: UUID(), title: "维多利亚东门增设无障碍坡道", body: "东门台阶高,轮椅和童车进出困难。",
                                        matter: "delegated", origin: "resident")
    }

    func raiseTopic(_ input: TopicInput, author named: UUID? = nil) async throws -> CouncilTopic {
        guard let committee = input.committeeId else { throw ZhanjuError.required("committee_id") }
        guard let committeeName = try await RegistryDirectory(db: db).committeeName(committee) else {
            throw ZhanjuError.invalid("committee_id", "unknown_reference", Strings.errorUnknownRef("committee_id"))
        }
        let title = try Check.text(input.title, "title", max: 120)
        let body = try Check.text(input.body, "body", max: 4000)
        let matter = try Check.choice(input.matter ?? MatterKind.delegated.rawValue, "matter", as: MatterKind.self)
        let origin = try Check.choice(input.origin ?? TopicOrigin.resident.rawValue, "origin", as: TopicOrigin.self)
        let place = try await place(committee: committee)
        var author: UUID?
        var label: String
        switch origin {
        case .resident:
            let who = try await resident(named, in: committee, field: "author_id")
            author = who.id
            label = "居民 \(Masking.name(who.name))"
        case .committee:
            try allow(.councilExecute, at: place, notFound: CouncilStrings.topic)
            label = committeeName.zh
        case .workstation, .caseTrend:
            try allow(.councilGuide, at: place, notFound: CouncilStrings.topic)
            label = "社区工作站"
        }
        if let principal = context.principal, origin != .resident { label += " · \(principal.displayName)" }
        let rules = TopicRules.standard
        let rulesJSON = try CouncilJSON.encode(rules)
        let fixedAuthor = author, fixedLabel = label
        return try await context.access.write(on: db) { tx in
            let t = CouncilTopic()
            t.id = UUID()
            (t.committeeID, t.title, t.body, t.matter, t.origin) = (committee, title, body, matter.rawValue, origin.rawValue)
            (t.authorID, t.authorLabel, t.topicRulesJSON, t.createdAt) = (fixedAuthor, fixedLabel, rulesJSON, now)
            t.decidingBody = Self.jurisdiction.mustDecide(matter).rawValue
            let publishNow = origin != .resident || rules.coSigners == 0
            t.status = (publishNow ? TopicStatus.published : .collecting).rawValue
            t.publishedAt = publishNow ? now : nil
            try await t.create(on: tx)
            try await AuditTrail.append("create", "council_topics", t.id, before: nil, after: AuditTrail.digest(["origin": origin.rawValue, "matter": matter.rawValue]),
                                        by: context.actor, at: now, on: tx)
            return t
        }
    }

    func topic(_ id: UUID, on db: (any Database)? = nil) async throws -> CouncilTopic {
        guard let t = try await CouncilTopic.find(id, on: db ?? self.db) else { throw ZhanjuError.notFound(CouncilStrings.topic) }
        return t
    }

    /// A resident co-signs; the topic is published when the rule set's co-signers are reached.
    func coSign(_ id: UUID, resident named: UUID? = nil) async throws -> CouncilTopic {
        let t = try await topic(id)
        let who = try await resident(named, in: t.committeeID)
        return try await context.access.write(on: db) { tx in
            let fresh = try await topic(id, on: tx)
            guard fresh.statusValue == .collecting else {
                throw Self.state("status", Text("议题已公开,不再征集联署。", "The topic is already published: co-signatures are closed."))
            }
            let existing = try await CouncilCoSignature.query(on: tx).filter(\.$topicID == id).all()
            let signatures = existing.map { CoSignature(resident: $0.residentID.uuidString, household: $0.householdID.uuidString) }
            let new = CoSignature(resident: who.id.uuidString, household: who.household.uuidString)
            let reading = fresh.topicRules.read(author: fresh.authorID?.uuidString ?? "", coSignatures: signatures + [new])
            if let refusal = reading.setAside.first(where: { $0.subject == new.resident }) {
                throw Self.refuse(refusal, field: "resident_id", kind: refusal.rule == .duplicateSignature ? .conflict : .invalid)
            }
            let s = CouncilCoSignature()
            (s.id, s.topicID, s.residentID, s.householdID, s.signedAt) = (UUID(), id, who.id, who.household, now)
            try await s.create(on: tx)
            if reading.publishable {
                fresh.status = TopicStatus.published.rawValue
                fresh.publishedAt = now
                try await fresh.save(on: tx)
            }
            try await AuditTrail.append("co_sign", "council_topics", id, before: nil, after: AuditTrail.digest(["co_signers": reading.coSigners.count]),
                                        by: context.actor, at: now, on: tx)
            return fresh
        }
    }

    enum ReviewDecision: String, Codable, CaseIterable, Sendable { case admit, refuse }

    struct ReviewInput: Content, Sendable {
        var decision: String?
        var reason: String?
        var matter: String?
        static let example = ReviewInput(decision: "admit", reason: "属于小区公共事务,由议事会议决。", matter: "delegated")
    }

    /// The committee reviews a published topic: admitted (to the body that must decide it: a
    /// matter reserved to the residents' assembly is referred there, with the rule) or refused,
    /// always with a public reason.
    func review(_ id: UUID, _ input: ReviewInput) async throws -> CouncilTopic {
        let t = try await topic(id)
        try allow(.councilExecute, at: try await place(committee: t.committeeID), notFound: CouncilStrings.topic)
        let decision = try Check.choice(input.decision, "decision", as: ReviewDecision.self)
        let reason = try Check.text(input.reason, "reason", max: 1000)
        let matter = try input.matter.map { try Check.choice($0, "matter", as: MatterKind.self) }
        return try await context.access.write(on: db) { tx in
            let fresh = try await topic(id, on: tx)
            guard fresh.statusValue == .published else {
                throw Self.state("status", Text("只能审查已公开、待审查的议题。", "Only a published topic awaiting review can be reviewed."))
            }
            if let matter { fresh.matter = matter.rawValue }
            (fresh.reviewReason, fresh.reviewedAt) = (reason, now)
            switch decision {
            case .refuse:
                fresh.status = TopicStatus.inadmissible.rawValue
            case .admit:
                switch Self.jurisdiction.route(fresh.matterValue, to: .residentsCouncil) {
                case .allowed:
                    fresh.status = TopicStatus.admitted.rawValue
                    fresh.decidingBody = DecidingBody.residentsCouncil.rawValue
                case .refused(let refusal, let body):
                    fresh.status = TopicStatus.referred.rawValue
                    fresh.decidingBody = body.rawValue
                    fresh.reviewRule = refusal.rule.rawValue
                }
            }
            try await fresh.save(on: tx)
            try await AuditTrail.append("review", "council_topics", id, before: nil, after: AuditTrail.digest(["status": fresh.status, "reason": reason]),
                                        by: context.actor, at: now, on: tx)
            return fresh
        }
    }

    struct CommentInput: Content, Sendable {
        var text: String?
        static let example = CommentInput(text: "赞成,建议同时加装扶手。")
    }

    func comment(_ id: UUID, _ input: CommentInput, resident named: UUID? = nil) async throws -> CouncilComment {
        let t = try await topic(id)
        let text = try Check.text(input.text, "text", max: 2000)
        let place = try await place(committee: t.committeeID)
        var author: UUID?
        var label: String
        if context.principal == nil || !allows(.councilExecute, at: place) {
            let who = try await resident(named, in: t.committeeID)
            // Deliberation is public: a resident is shown by surname only (PIPL: the least that serves).
            (author, label) = (who.id, "居民 \(Masking.name(who.name))")
        } else {
            label = context.principal?.displayName ?? "居委会"
        }
        let fixedAuthor = author, fixedLabel = label
        return try await context.access.write(on: db) { tx in
            let c = CouncilComment()
            (c.id, c.topicID, c.authorID, c.authorLabel, c.text, c.createdAt) = (UUID(), id, fixedAuthor, fixedLabel, text, now)
            try await c.create(on: tx)
            try await AuditTrail.append("create", "council_comments", c.id, before: nil, after: AuditTrail.digest(["topic": id.uuidString]), by: context.actor, at: now, on: tx)
            return c
        }
    }

    struct ModerationInput: Content, Sendable {
        var reason: String?
        static let example = ModerationInput(reason: "含有他人电话号码,已隐藏。")
    }

    /// The committee hides a comment; the reason is shown in its place.
    func moderate(_ commentID: UUID, _ input: ModerationInput) async throws -> CouncilComment {
        guard let c = try await CouncilComment.find(commentID, on: db) else { throw ZhanjuError.notFound(CouncilStrings.comment) }
        let t = try await topic(c.topicID)
        try allow(.councilExecute, at: try await place(committee: t.committeeID), notFound: CouncilStrings.comment)
        guard let reason = try? Check.text(input.reason, "reason", max: 500) else {
            throw Self.refuse(CouncilRefusal(.publicReasonRequired, subject: "moderate"), field: "reason")
        }
        return try await context.access.write(on: db) { tx in
            guard let fresh = try await CouncilComment.find(commentID, on: tx) else { throw ZhanjuError.notFound(CouncilStrings.comment) }
            guard fresh.hiddenAt == nil else { throw Self.state("hidden_reason", Text("该评论已隐藏。", "The comment is already hidden.")) }
            (fresh.hiddenReason, fresh.hiddenAt) = (reason, now)
            try await fresh.save(on: tx)
            try await AuditTrail.append("moderate", "council_comments", commentID, before: nil, after: AuditTrail.digest(["reason": reason]), by: context.actor, at: now, on: tx)
            return fresh
        }
    }

    // MARK: meetings

    struct MeetingInput: Content, Sendable {
        var committeeId: UUID?
        var title: String?
        var place: String?
        /// RFC 3339, e.g. `2026-12-01T11:30:00Z`; read by the service so a bad one is a 422 naming the field.
        var startsAt: String?
        var topicIds: [UUID]?
        /// The body that meets: `residents_council` (the default) or `representatives_assembly`.
        var body: String?
        static let example = MeetingInput(committeeId: UUID(), title: "维融居民议事会第三次会议", place: "维多利亚会所二楼", startsAt: "2026-12-01T11:30:00Z",
                                          topicIds: [UUID()], body: "residents_council")
    }

    /// The bodies a meeting may be called for: the council; the representatives' assembly (whose
    /// members are the representatives in office on the meeting's day); the residents' assembly
    /// (the adult residents of the committee on that day, 2018 art. 9), which alone decides the
    /// matters reserved to it.
    static let meetingBodies: [DecidingBody] = [.residentsCouncil, .representativesAssembly, .residentsAssembly]

    /// Who runs a body's meetings: the council its own (`council.decide`); the committee convenes
    /// and presides over the assemblies (`council.execute`, 2018 art. 9).
    static func runPermission(_ body: DecidingBody) -> Permission {
        body == .residentsCouncil ? .councilDecide : .councilExecute
    }

    static let runsMeetings = RouteAccess.anyOf([.councilDecide, .councilExecute])

    func allowRunning(_ m: CouncilMeeting) async throws {
        try allow(Self.runPermission(DecidingBody(rawValue: m.body) ?? .residentsCouncil), at: try await place(committee: m.committeeID), notFound: CouncilStrings.meeting)
    }

    static func meetingBody(_ raw: String?) throws -> DecidingBody {
        guard let raw, !raw.isEmpty else { return .residentsCouncil }
        let body = try Check.choice(raw, "body", as: DecidingBody.self)
        guard meetingBodies.contains(body) else {
            throw refuse(CouncilRefusal(.notADecidingBody, subject: body.rawValue, detail: "meetings are called for the residents' council, the representatives' assembly or the residents' assembly",
                                        zh: "会议只能由居民议事会、居民代表会议或居民会议召开"), field: "body")
        }
        return body
    }

    /// The Asia/Shanghai day a meeting is held on.
    static func day(of m: CouncilMeeting) -> CivilDate {
        CivilDate(dayNumber: Int(((m.startsAt.timeIntervalSince1970 + 8 * 3_600) / 86_400).rounded(.down)))
    }

    /// The council calls a meeting: the notice carries the agenda of admitted topics. A matter the
    /// council may not decide is refused with the rule that reserves it.
    func callMeeting(_ input: MeetingInput) async throws -> CouncilMeeting {
        guard let committee = input.committeeId else { throw ZhanjuError.required("committee_id") }
        guard try await RegistryDirectory(db: db).committeeName(committee) != nil else {
            throw ZhanjuError.invalid("committee_id", "unknown_reference", Strings.errorUnknownRef("committee_id"))
        }
        try allow(Self.runPermission(try Self.meetingBody(input.body)), at: try await place(committee: committee), notFound: Self.committeeText)
        let title = try Check.text(input.title, "title", max: 120)
        let where_ = try Check.text(input.place, "place", max: 120)
        guard let startsText = input.startsAt, !startsText.isEmpty else { throw ZhanjuError.required("starts_at") }
        let formatter = ISO8601DateFormatter()
        guard let startsAt = formatter.date(from: startsText), (2000...2100).contains(CivilDate(dayNumber: Int(startsAt.timeIntervalSince1970 / 86_400)).year) else {
            throw ZhanjuError.invalid("starts_at", "date_time", Text("会议时间应为 RFC 3339 格式(如 2026-12-01T11:30:00Z),年份在 2000 至 2100 之间。",
                                                                  "The meeting's time is RFC 3339 (e.g. 2026-12-01T11:30:00Z), in a year from 2000 to 2100."))
        }
        let topics = input.topicIds ?? []
        guard !topics.isEmpty else { throw ZhanjuError.required("topic_ids") }
        guard Set(topics).count == topics.count else { throw ZhanjuError.invalid("topic_ids", "duplicate", Text("议题重复。", "A topic is listed twice.")) }
        let body = try Self.meetingBody(input.body)
        let rules = try await meetingRules(committee: committee, body: body)
        let rulesJSON = try CouncilJSON.encode(rules)
        return try await context.access.write(on: db) { tx in
            var agenda: [CouncilTopic] = []
            for (i, id) in topics.enumerated() {
                guard let t = try await CouncilTopic.find(id, on: tx), t.committeeID == committee else {
                    throw ZhanjuError.invalid("topic_ids.\(i)", "unknown_reference", Strings.errorUnknownRef("topic_ids.\(i)"))
                }
                if case .refused(let refusal, _) = Self.jurisdiction.route(t.matterValue, to: rules.body) {
                    throw Self.refuse(refusal, field: "topic_ids.\(i)")
                }
                // Admitted for the council, or referred to the assembly that must decide it (the
                // jurisdiction check above has already matched the body to the matter).
                guard t.statusValue == .admitted || t.statusValue == .referred else {
                    throw Self.state("topic_ids.\(i)", Text("议题“\(t.title)”尚未受理或已上会。", "Topic “\(t.title)” is not admitted, or is already on an agenda."))
                }
                agenda.append(t)
            }
            let m = CouncilMeeting()
            m.id = UUID()
            (m.committeeID, m.body, m.title, m.place, m.startsAt) = (committee, rules.body.rawValue, title, where_, startsAt)
            (m.rulesJSON, m.status, m.noticedAt) = (rulesJSON, MeetingStatus.noticed.rawValue, now)
            try await m.create(on: tx)
            for (i, t) in agenda.enumerated() {
                let item = CouncilAgendaItem()
                (item.id, item.meetingID, item.topicID, item.position) = (UUID(), m.id!, t.id!, i + 1)
                try await item.create(on: tx)
                t.status = TopicStatus.scheduled.rawValue
                t.decidingBody = rules.body.rawValue
                try await t.save(on: tx)
            }
            try await AuditTrail.append("create", "council_meetings", m.id, before: nil, after: AuditTrail.digest(["items": "\(agenda.count)", "rules": rulesJSON]),
                                        by: context.actor, at: now, on: tx)
            return m
        }
    }

    /// The rule set a committee's body meets under: its own latest version, or RULES.md's default.
    func meetingRules(committee: UUID, body: DecidingBody, on db: (any Database)? = nil) async throws -> MeetingRules {
        let stored = try await CouncilRuleSet.query(on: db ?? self.db).filter(\.$committeeID == committee).filter(\.$body == body.rawValue)
            .sort(\.$version, .descending).first()?.rules
        return stored ?? MeetingRules.defaults.first { $0.body == body } ?? .chengduCouncil
    }

    struct RuleSetInput: Content, Sendable {
        struct Share: Content, Sendable {
            var comparison: String?
            var numerator: Int?
            var denominator: Int?
        }
        var quorum: Share?
        var majority: Share?
        var decisionBase: String?
        var ballot: String?
        static let example = RuleSetInput(quorum: .init(comparison: "at_least", numerator: 2, denominator: 3), majority: .init(comparison: "more_than", numerator: 1, denominator: 2),
                                          decisionBase: "all_members", ballot: "secret")
    }

    static func share(_ s: RuleSetInput.Share?, _ field: String) throws -> ShareThreshold {
        guard let s else { throw ZhanjuError.required(field) }
        let comparison = try Check.choice(s.comparison, "\(field).comparison", as: ShareThreshold.Comparison.self)
        let denominator = try Check.int(s.denominator, "\(field).denominator", in: 1...1000)
        let numerator = try Check.int(s.numerator, "\(field).numerator", in: 0...denominator)
        return ShareThreshold(comparison, numerator, denominator)
    }

    /// The workstation sets a committee's rule set for one body (guiding the committee's own
    /// rules): a new version each time, named after the default it departs from.
    func setRuleSet(committee: UUID, body: DecidingBody, _ input: RuleSetInput) async throws -> MeetingRules {
        guard try await RegistryDirectory(db: db).committeeName(committee) != nil else { throw ZhanjuError.notFound(Text("居民委员会", "residents' committee")) }
        try allow(.councilGuide, at: try await place(committee: committee), notFound: Text("居民委员会", "residents' committee"))
        guard body != .residentsCommittee, body != .owners else {
            throw Self.refuse(CouncilRefusal(.notADecidingBody, subject: body.rawValue), field: "body")
        }
        let quorum = try Self.share(input.quorum, "quorum")
        let majority = try Self.share(input.majority, "majority")
        let base = try Check.choice(input.decisionBase, "decision_base", as: VoteBase.self)
        let ballot = try Check.choice(input.ballot, "ballot", as: BallotKind.self)
        let base0 = MeetingRules.defaults.first { $0.body == body } ?? .chengduCouncil
        return try await context.access.write(on: db) { tx in
            let last = try await CouncilRuleSet.query(on: tx).filter(\.$committeeID == committee).filter(\.$body == body.rawValue).sort(\.$version, .descending).first()?.version ?? 0
            let rules = MeetingRules(name: base0.name + "-" + String(committee.uuidString.prefix(8)).lowercased(), version: last + 1, body: body, quorum: quorum,
                                     decision: .init(majority, of: base), ballot: ballot)
            let r = CouncilRuleSet()
            (r.id, r.committeeID, r.body, r.version, r.rulesJSON, r.setAt) = (UUID(), committee, body.rawValue, rules.version, try CouncilJSON.encode(rules), now)
            try await r.create(on: tx)
            try await AuditTrail.append("set_rules", "council_rule_sets", r.id, before: nil, after: r.rulesJSON, by: context.actor, at: now, on: tx)
            return rules
        }
    }

    func meeting(_ id: UUID, on db: (any Database)? = nil) async throws -> CouncilMeeting {
        guard let m = try await CouncilMeeting.find(id, on: db ?? self.db) else { throw ZhanjuError.notFound(CouncilStrings.meeting) }
        return m
    }

    struct MeetingMember: Sendable, Equatable {
        var id: UUID
        var name: String
        var role: Text
    }

    /// The body's members: for the representatives' assembly, the representatives in office on
    /// the meeting's day; otherwise the body's posts in the registry today.
    func members(_ m: CouncilMeeting) async throws -> [MeetingMember] {
        let body = DecidingBody(rawValue: m.body) ?? .residentsCouncil
        if body == .representativesAssembly {
            return try await Self.representatives(committee: m.committeeID, on: Self.day(of: m), db: db)
                .map { MeetingMember(id: $0.residentID, name: $0.name, role: Text("居民代表", "Representative")) }
        }
        if body == .residentsAssembly {
            let day = Self.day(of: m)
            return try await RegistryDirectory(db: db).voterRoll(committee: m.committeeID)
                .filter { $0.birthDate.age(on: day) >= 18 }
                .sorted { ($0.door, $0.name) < ($1.door, $1.name) }
                .map { MeetingMember(id: $0.id, name: $0.name, role: Text("居民 · \($0.door)", "Resident · \($0.door)")) }
        }
        let kind = body.bodyKind ?? .residentsCouncil
        return try await RegistryDirectory(db: db).members(of: kind, committee: m.committeeID, on: today)
            .map { MeetingMember(id: $0.id, name: $0.name, role: $0.post.label) }
    }

    /// Whether someone signing in is a member: for the residents' assembly an adult living in
    /// the committee's area on the day (one look-up, not its whole roll of thousands).
    func isMember(_ m: CouncilMeeting, person: UUID, born: CivilDate?, household: UUID?) async throws -> Bool {
        guard DecidingBody(rawValue: m.body) == .residentsAssembly else { return try await members(m).contains { $0.id == person } }
        guard let born, born.age(on: Self.day(of: m)) >= 18, let household, let home = try await RegistryDirectory(db: db).household(household) else { return false }
        return try await context.access.map(on: db).committeeOfCompound[home.compoundID] == m.committeeID
    }

    struct AttendanceInput: Content, Sendable {
        var residentId: UUID?
        static let example = AttendanceInput(residentId: UUID())
    }

    /// Signs someone in: a member counts towards the quorum; anyone else attends as an observer (列席).
    func signIn(_ id: UUID, _ input: AttendanceInput) async throws -> CouncilAttendance {
        let m = try await meeting(id)
        try await allowRunning(m)
        guard let person = input.residentId else { throw ZhanjuError.required("resident_id") }
        guard let who = try await RegistryDirectory(db: db).resident(person) else {
            throw ZhanjuError.invalid("resident_id", "unknown_reference", Strings.errorUnknownRef("resident_id"))
        }
        let isMember = try await isMember(m, person: person, born: CivilDate(iso: who.birthDate), household: who.householdID)
        return try await context.access.write(on: db) { tx in
            let fresh = try await meeting(id, on: tx)
            guard fresh.statusValue == .noticed else { throw Self.state("status", Text("会议已闭会。", "The meeting is closed.")) }
            guard try await CouncilAttendance.query(on: tx).filter(\.$meetingID == id).filter(\.$residentID == person).first() == nil else {
                throw Self.refuse(CouncilRefusal(.votedTwice, subject: who.name, detail: "already signed in"), field: "resident_id", kind: .conflict)
            }
            let a = CouncilAttendance()
            (a.id, a.meetingID, a.residentID, a.name, a.member, a.signedInAt) = (UUID(), id, person, who.name, isMember, now)
            try await a.create(on: tx)
            try await AuditTrail.append("sign_in", "council_meetings", id, before: nil, after: AuditTrail.digest(["resident": person.uuidString, "member": isMember ? "yes" : "no"]),
                                        by: context.actor, at: now, on: tx)
            return a
        }
    }

    func item(_ meeting: UUID, _ item: UUID, on db: any Database) async throws -> CouncilAgendaItem {
        guard let i = try await CouncilAgendaItem.find(item, on: db), i.meetingID == meeting else { throw ZhanjuError.notFound(CouncilStrings.item) }
        return i
    }

    struct VoteInput: Content, Sendable {
        var residentId: UUID?
        var choice: String?
        static let example = VoteInput(residentId: UUID(), choice: "for")
    }

    /// Records one member's vote by name (roll-call bodies only): a member present, once.
    func vote(_ meetingID: UUID, item itemID: UUID, _ input: VoteInput) async throws -> CouncilVote {
        let m = try await meeting(meetingID)
        try await allowRunning(m)
        guard let person = input.residentId else { throw ZhanjuError.required("resident_id") }
        let choice = try Check.choice(input.choice, "choice", as: VoteChoice.self)
        return try await context.access.write(on: db) { tx in
            let fresh = try await meeting(meetingID, on: tx)
            let item = try await item(meetingID, itemID, on: tx)
            guard fresh.statusValue == .noticed, item.outcome == nil else {
                throw Self.state("status", Text("该议项已表决。", "This item has been decided."))
            }
            guard fresh.rules.ballot == .rollCall else {
                throw Self.refuse(CouncilRefusal(.secretBallotNotNamed, detail: "\(fresh.rules.name) v\(fresh.rules.version)"), field: "resident_id")
            }
            guard let present = try await CouncilAttendance.query(on: tx).filter(\.$meetingID == meetingID).filter(\.$residentID == person).first(), present.member else {
                let name = try await RegistryDirectory(db: tx).resident(person)?.name ?? person.uuidString
                throw Self.refuse(CouncilRefusal(.voterNotPresent, subject: name), field: "resident_id")
            }
            guard try await CouncilVote.query(on: tx).filter(\.$itemID == itemID).filter(\.$residentID == person).first() == nil else {
                throw Self.refuse(CouncilRefusal(.votedTwice, subject: present.name), field: "resident_id", kind: .conflict)
            }
            let v = CouncilVote()
            (v.id, v.itemID, v.residentID, v.name, v.choice) = (UUID(), itemID, person, present.name, choice.rawValue)
            try await v.create(on: tx)
            try await AuditTrail.append("vote", "council_agenda_items", itemID, before: nil, after: AuditTrail.digest(["resident": person.uuidString, "choice": choice.rawValue]),
                                        by: context.actor, at: now, on: tx)
            return v
        }
    }

    struct DecideInput: Content, Sendable {
        /// Secret ballots only: the tellers' counts.
        var `for`: Int?
        var against: Int?
        var abstain: Int?
        static let example = DecideInput(for: nil, against: nil, abstain: nil)
    }

    /// Closes the vote on an item: the quorum from the attendance, the majority from the rule set;
    /// the result names the rule that decided it. An adopted item becomes a resolution to carry out.
    func decide(_ meetingID: UUID, item itemID: UUID, _ input: DecideInput) async throws -> CouncilAgendaItem {
        let m = try await meeting(meetingID)
        try await allowRunning(m)
        let memberCount = try await members(m).count
        return try await context.access.write(on: db) { tx in
            let fresh = try await meeting(meetingID, on: tx)
            let item = try await item(meetingID, itemID, on: tx)
            guard fresh.statusValue == .noticed, item.outcome == nil else {
                throw Self.state("status", Text("该议项已表决。", "This item has been decided."))
            }
            let rules = fresh.rules
            let present = try await CouncilAttendance.query(on: tx).filter(\.$meetingID == meetingID).filter(\.$member == true).all()
            let tally: MotionTally
            if rules.ballot == .rollCall {
                let votes = try await CouncilVote.query(on: tx).filter(\.$itemID == itemID).all()
                let named = votes.compactMap { v in VoteChoice(rawValue: v.choice).map { RollCallVote(member: v.residentID.uuidString, choice: $0) } }
                switch Result(catching: { () throws(CouncilRefusal) -> MotionTally in try rules.tally(rollCall: named, present: Set(present.map { $0.residentID.uuidString })) }) {
                case .success(let t): tally = t
                case .failure(let refusal): throw Self.refuse(refusal, field: "votes")
                }
            } else {
                tally = MotionTally(for: try Check.int(input.for, "for", in: 0...10_000), against: try Check.int(input.against, "against", in: 0...10_000),
                                    abstain: try Check.int(input.abstain, "abstain", in: 0...10_000))
            }
            let result: MotionResult
            switch Result(catching: { () throws(CouncilRefusal) -> MotionResult in try rules.decide(tally, members: max(memberCount, present.count), present: present.count) }) {
            case .success(let r): result = r
            case .failure(let refusal): throw Self.refuse(refusal, field: "for")
            }
            item.outcome = result.outcome.rawValue
            item.resultJSON = try CouncilJSON.encode(result)
            try await item.save(on: tx)
            let topic = try await topic(item.topicID, on: tx)
            // Without a quorum the topic waits for the next meeting, as it was before this one.
            let waiting: TopicStatus = Self.jurisdiction.route(topic.matterValue, to: .residentsCouncil) == .allowed ? .admitted : .referred
            topic.status = (result.outcome == .noQuorum ? waiting : .decided).rawValue
            try await topic.save(on: tx)
            if result.adopted {
                let r = CouncilResolution()
                r.id = UUID()
                (r.committeeID, r.itemID, r.topicID, r.title) = (fresh.committeeID, itemID, topic.id!, topic.title)
                (r.adoptedOn, r.status) = (today.iso, ExecutionStatus.pending.rawValue)
                try await r.create(on: tx)
                try await event(r.id!, "adopted", from: .pending, to: .pending, reason: nil, on: tx)
            }
            try await AuditTrail.append("decide", "council_agenda_items", itemID, before: nil,
                                        after: AuditTrail.digest(["outcome": result.outcome.rawValue, "rule": result.decidedBy.rule.rawValue]), by: context.actor, at: now, on: tx)
            return item
        }
    }

    struct MinutesInput: Content, Sendable {
        var minutes: String?
        static let example = MinutesInput(minutes: "会议由召集人主持,应到15人,实到12人,符合法定人数。")
    }

    /// Closes the meeting with its minutes, once every item has a result.
    func close(_ id: UUID, _ input: MinutesInput) async throws -> CouncilMeeting {
        let m = try await meeting(id)
        try await allowRunning(m)
        let minutes = try Check.text(input.minutes, "minutes", max: 20_000)
        return try await context.access.write(on: db) { tx in
            let fresh = try await meeting(id, on: tx)
            guard fresh.statusValue == .noticed else { throw Self.state("status", Text("会议已闭会。", "The meeting is already closed.")) }
            let open = try await CouncilAgendaItem.query(on: tx).filter(\.$meetingID == id).filter(\.$outcome == nil).count()
            guard open == 0 else { throw Self.state("items", Text("还有 \(open) 个议项未表决。", "\(open) items have no result yet.")) }
            (fresh.minutes, fresh.status) = (minutes, MeetingStatus.closed.rawValue)
            try await fresh.save(on: tx)
            try await AuditTrail.append("close", "council_meetings", id, before: nil, after: AuditTrail.digest(["minutes": minutes]), by: context.actor, at: now, on: tx)
            return fresh
        }
    }

    struct SignInput: Content, Sendable {
        var role: String?
        var residentId: UUID?
        static let example = SignInput(role: "chair", residentId: UUID())
    }

    /// The chair and a recorder, two members who attended, sign the minutes. A signed-in member
    /// signs as themselves.
    func signMinutes(_ id: UUID, _ input: SignInput) async throws -> CouncilMeeting {
        let m = try await meeting(id)
        try await allowRunning(m)
        let role = try Check.choice(input.role, "role", as: MinutesSigner.self)
        let signer: UUID
        if let principal = context.principal {
            guard let own = principal.residentID else { throw Self.forbidden }
            if let named = input.residentId, named != own {
                throw ZhanjuError.invalid("resident_id", "council.signer", Text("只能本人签署。", "One signs only for oneself."))
            }
            signer = own
        } else {
            guard let named = input.residentId else { throw ZhanjuError.required("resident_id") }
            signer = named
        }
        return try await context.access.write(on: db) { tx in
            let fresh = try await meeting(id, on: tx)
            guard fresh.statusValue == .closed else {
                throw Self.state("status", Text("会议闭会、纪要写好后方可签署。", "The minutes are signed once the meeting is closed with them."))
            }
            guard let a = try await CouncilAttendance.query(on: tx).filter(\.$meetingID == id).filter(\.$residentID == signer).first(), a.member else {
                let name = try await RegistryDirectory(db: tx).resident(signer)?.name ?? signer.uuidString
                throw Self.refuse(CouncilRefusal(.voterNotPresent, subject: name, detail: "the signer must be a member who attended", zh: "签署人须为到会成员"), field: "resident_id")
            }
            switch role {
            case .chair:
                guard fresh.chairID == nil else { throw Self.state("role", Text("主持人已签署。", "The chair has signed already.")) }
                guard fresh.recorderID != signer else { throw ZhanjuError.invalid("resident_id", "council.signer", Text("主持人与记录人须为两人。", "The chair and the recorder are two people.")) }
                (fresh.chairID, fresh.chairName) = (signer, a.name)
            case .recorder:
                guard fresh.recorderID == nil else { throw Self.state("role", Text("记录人已签署。", "The recorder has signed already.")) }
                guard fresh.chairID != signer else { throw ZhanjuError.invalid("resident_id", "council.signer", Text("主持人与记录人须为两人。", "The chair and the recorder are two people.")) }
                (fresh.recorderID, fresh.recorderName) = (signer, a.name)
            }
            if fresh.chairID != nil && fresh.recorderID != nil { fresh.status = MeetingStatus.signed.rawValue }
            try await fresh.save(on: tx)
            try await AuditTrail.append("sign_minutes", "council_meetings", id, before: nil, after: AuditTrail.digest(["role": role.rawValue, "resident": signer.uuidString]),
                                        by: context.actor, at: now, on: tx)
            return fresh
        }
    }

    // MARK: execution and supervision

    func resolution(_ id: UUID, on db: (any Database)? = nil) async throws -> CouncilResolution {
        guard let r = try await CouncilResolution.find(id, on: db ?? self.db) else { throw ZhanjuError.notFound(CouncilStrings.resolution) }
        return r
    }

    func event(_ resolution: UUID, _ action: String, from: ExecutionStatus, to: ExecutionStatus, reason: String?, decision: BodyDecision? = nil, on tx: any Database) async throws {
        let last = try await CouncilExecutionEvent.query(on: tx).filter(\.$resolutionID == resolution).sort(\.$seq, .descending).first()?.seq ?? 0
        let e = CouncilExecutionEvent()
        (e.id, e.resolutionID, e.seq, e.action, e.fromStatus, e.toStatus) = (UUID(), resolution, last + 1, action, from.rawValue, to.rawValue)
        (e.reason, e.actor, e.at) = (reason, context.actor.label, now)
        e.decisionJSON = try decision.map { try CouncilJSON.encode($0) }
        try await e.create(on: tx)
    }

    struct TaskInput: Content, Sendable {
        var title: String?
        var ownerId: UUID?
        var dueOn: String?
        var weight: Int?
        var parentId: UUID?
        static let example = TaskInput(title: "设计并报价", ownerId: UUID(), dueOn: "2026-12-20", weight: 1, parentId: nil)
    }

    /// The committee divides a resolution into tasks, each owned by one of its members.
    func addTask(_ id: UUID, _ input: TaskInput) async throws -> CouncilTask {
        let r = try await resolution(id)
        try allow(.councilExecute, at: try await place(committee: r.committeeID), notFound: CouncilStrings.resolution)
        let title = try Check.text(input.title, "title", max: 200)
        guard let owner = input.ownerId else { throw ZhanjuError.required("owner_id") }
        guard let ownerName = try await RegistryDirectory(db: db).names(of: [owner])[owner] else {
            throw ZhanjuError.invalid("owner_id", "unknown_reference", Strings.errorUnknownRef("owner_id"))
        }
        let due = try Check.date(input.dueOn, "due_on")
        let weight = try Check.int(input.weight ?? 1, "weight", in: 1...100)
        return try await context.access.write(on: db) { tx in
            let fresh = try await resolution(id, on: tx)
            guard [.pending, .inProgress].contains(fresh.statusValue) else {
                throw Self.state("status", Text("决议处于“\(CouncilStrings.status(fresh.statusValue).zh)”,不能增加任务。", "The resolution is “\(CouncilStrings.status(fresh.statusValue).en)”: no tasks can be added."))
            }
            if let parent = input.parentId {
                guard let p = try await CouncilTask.find(parent, on: tx), p.resolutionID == id else {
                    throw ZhanjuError.invalid("parent_id", "unknown_reference", Strings.errorUnknownRef("parent_id"))
                }
            }
            let t = CouncilTask()
            (t.id, t.resolutionID, t.parentID, t.title, t.ownerID, t.ownerName) = (UUID(), id, input.parentId, title, owner, ownerName)
            (t.dueOn, t.weight, t.percentDone) = (due.iso, weight, 0)
            try await t.create(on: tx)
            try await event(id, "task_added", from: fresh.statusValue, to: fresh.statusValue, reason: "\(title) · \(ownerName) · \(due.iso)", on: tx)
            try await AuditTrail.append("create", "council_tasks", t.id, before: nil, after: AuditTrail.digest(["resolution": id.uuidString, "due": due.iso]), by: context.actor, at: now, on: tx)
            return t
        }
    }

    struct ProgressInput: Content, Sendable {
        var percentDone: Int?
        var note: String?
        static let example = ProgressInput(percentDone: 50, note: "施工单位已进场。")
    }

    func progress(_ taskID: UUID, _ input: ProgressInput) async throws -> CouncilTask {
        guard let t = try await CouncilTask.find(taskID, on: db) else { throw ZhanjuError.notFound(CouncilStrings.task) }
        let r = try await resolution(t.resolutionID)
        try allow(.councilExecute, at: try await place(committee: r.committeeID), notFound: CouncilStrings.task)
        let percent = try Check.int(input.percentDone, "percent_done", in: 0...100)
        let note = try Check.optionalText(input.note, "note", max: 1000)
        return try await context.access.write(on: db) { tx in
            let fresh = try await resolution(t.resolutionID, on: tx)
            guard fresh.statusValue == .inProgress else {
                throw Self.state("status", Text("决议须在执行中才能报告进度。", "Progress is reported while the resolution is in progress."))
            }
            guard try await CouncilTask.query(on: tx).filter(\.$parentID == taskID).count() == 0 else {
                throw ZhanjuError.invalid("percent_done", "council.task_weight", Text("有子任务的任务,进度由子任务加权汇总。", "A task with subtasks takes its progress from them."))
            }
            let task = try await CouncilTask.find(taskID, on: tx)!
            task.percentDone = percent
            try await task.save(on: tx)
            try await event(fresh.id!, "progress", from: fresh.statusValue, to: fresh.statusValue, reason: "\(task.title): \(percent)%" + (note.map { " · \($0)" } ?? ""), on: tx)
            try await AuditTrail.append("progress", "council_tasks", taskID, before: nil, after: AuditTrail.digest(["percent": percent]), by: context.actor, at: now, on: tx)
            return task
        }
    }

    struct EvidenceInput: Content, Sendable {
        var taskId: UUID?
        var text: String?
        var fileName: String?
        var contentType: String?
        /// The file, base64-encoded (at most 2 MiB once decoded).
        var contentBase64: String?
        static let example = EvidenceInput(taskId: nil, text: "坡道完工照片", fileName: "ramp.png", contentType: "image/png", contentBase64: "iVBORw0KGgo=")
    }

    /// Whether `data` is what `type` says (the first bytes of each kind kept).
    static func looksLike(_ data: Data, _ type: String) -> Bool {
        let bytes = [UInt8](data.prefix(8))
        switch type {
        case "image/png": return bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case "image/jpeg": return bytes.starts(with: [0xFF, 0xD8, 0xFF])
        case "application/pdf": return bytes.starts(with: Array("%PDF-".utf8))
        case "text/plain": return String(data: data, encoding: .utf8) != nil && !data.contains(0)
        default: return false
        }
    }

    func addEvidence(_ id: UUID, _ input: EvidenceInput) async throws -> CouncilEvidence {
        let r = try await resolution(id)
        try allow(.councilExecute, at: try await place(committee: r.committeeID), notFound: CouncilStrings.resolution)
        let text = try Check.text(input.text, "text", max: 2000)
        var file: (name: String, type: String, data: Data)?
        if let encoded = input.contentBase64, !encoded.isEmpty {
            let name = try Check.text(input.fileName, "file_name", max: 120)
            guard !name.contains("/"), !name.contains("\\") else { throw ZhanjuError.invalid("file_name", "file_name", Text("文件名不能含路径。", "The file name may not contain a path.")) }
            let type = try Check.text(input.contentType, "content_type", max: 60)
            guard Self.fileTypes.contains(type) else { throw ZhanjuError.invalid("content_type", "choice", Strings.errorChoice("content_type", Self.fileTypes)) }
            guard let data = Data(base64Encoded: encoded) else { throw ZhanjuError.invalid("content_base64", "base64", Text("文件内容不是有效的 base64。", "The file is not valid base64.")) }
            guard data.count <= Self.maxFileBytes else {
                throw ZhanjuError.invalid("content_base64", "too_large", Text("文件超过 2 MiB。", "The file is larger than 2 MiB."))
            }
            guard Self.looksLike(data, type) else {
                throw ZhanjuError.invalid("content_type", "content_mismatch", Text("文件内容与类型“\(type)”不符。", "The file's content is not “\(type)”."))
            }
            file = (name, type, data)
        } else if input.fileName != nil || input.contentType != nil {
            throw ZhanjuError.required("content_base64")
        }
        let fixed = file
        return try await context.access.write(on: db) { tx in
            let fresh = try await resolution(id, on: tx)
            guard [.pending, .inProgress, .awaitingSignOff].contains(fresh.statusValue) else {
                throw Self.state("status", Text("决议已办结或撤销。", "The resolution is completed or rescinded."))
            }
            if let task = input.taskId {
                guard let t = try await CouncilTask.find(task, on: tx), t.resolutionID == id else {
                    throw ZhanjuError.invalid("task_id", "unknown_reference", Strings.errorUnknownRef("task_id"))
                }
            }
            let e = CouncilEvidence()
            (e.id, e.resolutionID, e.taskID, e.text) = (UUID(), id, input.taskId, text)
            (e.fileName, e.contentType, e.content, e.size) = (fixed?.name, fixed?.type, fixed?.data, fixed?.data.count ?? 0)
            (e.addedBy, e.addedAt) = (context.actor.label, now)
            try await e.create(on: tx)
            try await event(id, "evidence", from: fresh.statusValue, to: fresh.statusValue, reason: text + (fixed.map { " · \($0.name)" } ?? ""), on: tx)
            try await AuditTrail.append("create", "council_evidence", e.id, before: nil, after: AuditTrail.digest(["size": "\(e.size)", "type": fixed?.type ?? "text"]),
                                        by: context.actor, at: now, on: tx)
            return e
        }
    }

    struct ActionInput: Content, Sendable {
        var action: String?
        var reason: String?
        /// For a finding or a sign-off, which the supervisory committee decides as a body: the
        /// supervisors who agreed, and those present besides (those who agreed count as present).
        var agreed: [UUID]? = nil
        var present: [UUID]? = nil
        static let example = ActionInput(action: "record_finding", reason: "坡道扶手未按决议安装,请整改。", agreed: [UUID(), UUID()], present: nil)
    }

    /// How a body decided a step: its members in office, those present and those who agreed, by
    /// name, and the rule set it decided under.
    struct BodyDecision: Codable, Sendable, Equatable {
        var members: Int
        var present: [String]
        var agreed: [String]
        var ruleSet: String
        var version: Int
    }

    /// The supervisory committee's decision on a finding or a sign-off, under its rule set: the
    /// supervisors agreeing must be members in office, present, and enough (quorum, then
    /// majority); refused with the rule named otherwise. Who agreed must not have owned a task
    /// of the work they sign off.
    func supervisorsDecide(_ r: CouncilResolution, _ input: ActionInput, signingOff: Bool, tasks: [CouncilTask]) async throws -> BodyDecision {
        let supervisors = try await RegistryDirectory(db: db).members(of: .supervisoryCommittee, committee: r.committeeID, on: today)
        let names = Dictionary(supervisors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        guard let agreed = input.agreed, !agreed.isEmpty else { throw ZhanjuError.required("agreed") }
        // Whoever agreed was there: present is those ticked as present and those who agreed.
        let present = (input.present ?? []) + agreed.filter { !(input.present ?? []).contains($0) }
        for (field, list) in [("agreed", agreed), ("present", input.present ?? [])] {
            if let i = list.firstIndex(where: { names[$0] == nil }) {
                throw ZhanjuError.invalid("\(field).\(i)", "council.not_a_supervisor", Text("此人不是在任监事。", "Not a supervisor in office."))
            }
            guard Set(list).count == list.count else { throw ZhanjuError.invalid(field, "duplicate", Text("同一人列了两次。", "Someone is listed twice.")) }
        }
        if signingOff, let i = agreed.firstIndex(where: { a in tasks.contains { $0.ownerID == a } }) {
            throw Self.refuse(CouncilRefusal(.signerNotIndependent, subject: names[agreed[i]], detail: "a supervisor who took part in the work may not sign it off", zh: "参与该项工作的监事不得验收"),
                              field: "agreed.\(i)", kind: .forbidden)
        }
        let rules = try await meetingRules(committee: r.committeeID, body: .supervisoryCommittee)
        let result: MotionResult
        do throws(CouncilRefusal) {
            result = try rules.decide(MotionTally(for: agreed.count, against: present.count - agreed.count, abstain: 0), members: supervisors.count, present: present.count)
        } catch {
            throw Self.refuse(error, field: "agreed")
        }
        guard result.adopted else {
            throw Self.refuse(CouncilRefusal(result.decidedBy.rule, detail: "\(agreed.count) of \(supervisors.count) supervisors agreed, \(present.count) present",
                                             zh: "监事 \(supervisors.count) 人,到会 \(present.count) 人,同意 \(agreed.count) 人"),
                              field: result.outcome == .noQuorum ? "present" : "agreed")
        }
        return BodyDecision(members: supervisors.count, present: present.compactMap { names[$0] }, agreed: agreed.compactMap { names[$0] },
                            ruleSet: rules.name, version: rules.version)
    }

    static func permission(for actor: ExecutionActor) -> Permission {
        switch actor {
        case .residentsCommittee: return .councilExecute
        case .supervisoryCommittee: return .councilSupervise
        case .decidingBody: return .councilDecide
        case .workstation: return .councilGuide
        }
    }

    /// The tasks of a resolution as the rules' tree.
    static func tree(_ tasks: [CouncilTask]) -> [ExecutionTask] {
        func build(_ parent: UUID?) -> [ExecutionTask] {
            tasks.filter { $0.parentID == parent }.sorted { ($0.dueOn, $0.title) < ($1.dueOn, $1.title) }.map { t in
                ExecutionTask(id: t.id!.uuidString, weight: t.weight, percentDone: t.percentDone, due: CivilDate(iso: t.dueOn), subtasks: build(t.id))
            }
        }
        return build(nil)
    }

    /// Moves a resolution's execution along: the committee starts and reports it done (every task
    /// finished, evidence attached); only the supervisory committee signs it off or records a
    /// finding that reopens it, with a public reason; the deciding body may rescind it.
    func act(_ id: UUID, _ input: ActionInput, actor named: ExecutionActor? = nil, signer: UUID? = nil) async throws -> CouncilResolution {
        let r = try await resolution(id)
        let action = try Check.choice(input.action, "action", as: ExecutionAction.self)
        let reason = try Check.optionalText(input.reason, "reason", max: 2000)
        let place = try await place(committee: r.committeeID)
        let needed = ExecutionLifecycle.actor(for: action)
        let actor: ExecutionActor
        if context.principal == nil {
            actor = named ?? needed
        } else if allows(Self.permission(for: needed), at: place) {
            actor = needed
        } else if let other = ExecutionActor.allCases.first(where: { allows(Self.permission(for: $0), at: place) }) {
            actor = other
        } else {
            try allow(Self.permission(for: needed), at: place, notFound: CouncilStrings.resolution)
            throw Self.forbidden
        }
        let signerID = context.principal?.residentID ?? signer
        // A finding or a sign-off is the supervisory committee's decision as a body.
        var decision: BodyDecision?
        if actor == .supervisoryCommittee && (action == .recordFinding || action == .signOff) {
            let tasks = try await CouncilTask.query(on: db).filter(\.$resolutionID == id).all()
            decision = try await supervisorsDecide(r, input, signingOff: action == .signOff, tasks: tasks)
        }
        let fixedDecision = decision
        return try await context.access.write(on: db) { tx in
            let fresh = try await resolution(id, on: tx)
            let tasks = try await CouncilTask.query(on: tx).filter(\.$resolutionID == id).all()
            let evidence = try await CouncilEvidence.query(on: tx).filter(\.$resolutionID == id).count()
            let open: Int
            do { open = try ExecutionProgress.read(Self.tree(tasks), today: today).openTasks } catch { open = tasks.count }
            let tookPart = signerID.map { s in tasks.contains { $0.ownerID == s } } ?? false
            let facts = ExecutionFacts(openTasks: open, evidence: evidence, reason: reason, signerTookPart: tookPart)
            switch ExecutionLifecycle.next(from: fresh.statusValue, by: action, actor: actor, facts: facts) {
            case .failure(let refusal):
                switch refusal.rule {
                case .signOffRequired, .executionActor, .signerNotIndependent: throw Self.refuse(refusal, field: "action", kind: .forbidden)
                case .executionTransition: throw Self.refuse(refusal, field: "action", kind: .conflict)
                case .publicReasonRequired: throw Self.refuse(refusal, field: "reason")
                default: throw Self.refuse(refusal, field: "action", kind: .conflict)
                }
            case .success(let next):
                let from = fresh.statusValue
                fresh.status = next.rawValue
                try await fresh.save(on: tx)
                try await event(id, action.rawValue, from: from, to: next, reason: reason, decision: fixedDecision, on: tx)
                try await AuditTrail.append(action.rawValue, "council_resolutions", id, before: from.rawValue, after: next.rawValue, by: context.actor, at: now, on: tx)
                return fresh
            }
        }
    }

    // MARK: petitions to convene the residents' assembly

    struct PetitionInput: Content, Sendable {
        var committeeId: UUID?
        var purpose: String?
        /// Days within which the assembly must be held once the petition qualifies, when the
        /// committee's rules set a period (RULES.md gives none).
        var holdWithinDays: Int?
        static let example = PetitionInput(committeeId: UUID(), purpose: "召开居民会议,讨论制定《维融居民公约》", holdWithinDays: 30)
    }

    func openPetition(_ input: PetitionInput, resident named: UUID? = nil) async throws -> CouncilPetition {
        guard let committee = input.committeeId else { throw ZhanjuError.required("committee_id") }
        guard try await RegistryDirectory(db: db).committeeName(committee) != nil else {
            throw ZhanjuError.invalid("committee_id", "unknown_reference", Strings.errorUnknownRef("committee_id"))
        }
        let committeePlace = try await place(committee: committee)
        if context.principal != nil && !allows(.councilExecute, at: committeePlace) {
            _ = try await resident(named, in: committee)
        }
        let purpose = try Check.text(input.purpose, "purpose", max: 500)
        var rules = PetitionRules.organicLaw2018
        if let days = input.holdWithinDays { rules.holdWithin = .init(days: try Check.int(days, "hold_within_days", in: 1...365), workingDays: false) }
        let json = try CouncilJSON.encode(rules)
        return try await context.access.write(on: db) { tx in
            let p = CouncilPetition()
            (p.id, p.committeeID, p.purpose, p.rulesJSON, p.openedOn, p.createdAt) = (UUID(), committee, purpose, json, today.iso, now)
            try await p.create(on: tx)
            try await AuditTrail.append("create", "council_petitions", p.id, before: nil, after: AuditTrail.digest(["rules": json]), by: context.actor, at: now, on: tx)
            return p
        }
    }

    struct SignatureInput: Content, Sendable {
        var kind: String?
        var subjectId: UUID?
        static let example = SignatureInput(kind: "resident", subjectId: UUID())
    }

    /// A signature: a resident signs for themselves, a household's head for the household; a
    /// residents' group's decision, and paper signatures, are recorded by the committee.
    func sign(_ id: UUID, _ input: SignatureInput) async throws -> CouncilPetitionSignature {
        guard let p = try await CouncilPetition.find(id, on: db) else { throw ZhanjuError.notFound(CouncilStrings.petition) }
        let kind = try Check.choice(input.kind, "kind", as: PetitionSignatureKind.self)
        let registry = RegistryDirectory(db: db)
        let petitionPlace = try await place(committee: p.committeeID)
        let recordsForOthers = context.principal == nil || allows(.councilExecute, at: petitionPlace)
        let subject: UUID
        let name: String
        switch kind {
        case .resident:
            if recordsForOthers {
                guard let s = input.subjectId, let r = try await registry.resident(s) else { throw ZhanjuError.invalid("subject_id", "unknown_reference", Strings.errorUnknownRef("subject_id")) }
                (subject, name) = (s, r.name)
            } else {
                let who = try await resident(nil, in: p.committeeID)
                (subject, name) = (who.id, who.name)
            }
        case .household:
            if recordsForOthers {
                guard let s = input.subjectId, let h = try await registry.household(s) else { throw ZhanjuError.invalid("subject_id", "unknown_reference", Strings.errorUnknownRef("subject_id")) }
                (subject, name) = (s, h.label)
            } else {
                let who = try await resident(nil, in: p.committeeID)
                guard try await registry.head(of: who.household) == who.id, let h = try await registry.household(who.household) else {
                    throw ZhanjuError.invalid("kind", "council.household_representative", Text("户的签名由户主代表。", "A household signs through its head."))
                }
                (subject, name) = (who.household, h.label)
            }
        case .residentsGroup:
            guard recordsForOthers else { throw Self.forbidden }
            let groups = try await registry.residentsGroups(of: p.committeeID)
            guard let s = input.subjectId, let g = groups[s] else { throw ZhanjuError.invalid("subject_id", "unknown_reference", Strings.errorUnknownRef("subject_id")) }
            (subject, name) = (s, g)
        }
        return try await context.access.write(on: db) { tx in
            guard try await CouncilPetitionSignature.query(on: tx).filter(\.$petitionID == id).filter(\.$kind == kind.rawValue).filter(\.$subjectID == subject).first() == nil else {
                throw Self.refuse(CouncilRefusal(.duplicateSignature, subject: name), field: "subject_id", kind: .conflict)
            }
            let s = CouncilPetitionSignature()
            (s.id, s.petitionID, s.kind, s.subjectID, s.name, s.signedAt) = (UUID(), id, kind.rawValue, subject, name, now)
            try await s.create(on: tx)
            try await AuditTrail.append("sign", "council_petitions", id, before: nil, after: AuditTrail.digest(["kind": kind.rawValue, "subject": subject.uuidString]),
                                        by: context.actor, at: now, on: tx)
            return s
        }
    }

    /// The petition counted against the registry today; when it qualifies, the period for holding
    /// the assembly runs from the day the signatures first met a threshold (the registry as it
    /// stands today: it keeps no history).
    func reading(_ p: CouncilPetition) async throws -> PetitionReading {
        let signatures = try await CouncilPetitionSignature.query(on: db).filter(\.$petitionID == p.id!).sort(\.$signedAt).all()
        let roll = try await RegistryDirectory(db: db).petitionRoll(committee: p.committeeID)
        func signed(by day: CivilDate?) -> PetitionSignatures {
            let counted = signatures.filter { day == nil || ChinaTime.civilDate($0.signedAt) <= day! }
            func of(_ kind: PetitionSignatureKind) -> [String] { counted.filter { $0.kind == kind.rawValue }.map { $0.subjectID.uuidString } }
            return PetitionSignatures(residents: of(.resident), households: of(.household), residentsGroups: of(.residentsGroup))
        }
        var reading = p.rules.read(signed(by: nil), roll: roll, on: today, calendar: calendar)
        guard reading.obliged else { return reading }
        for day in Array(Set(signatures.map { ChinaTime.civilDate($0.signedAt) })).sorted() {
            let then = p.rules.read(signed(by: day), roll: roll, on: day, calendar: calendar)
            if then.obliged {
                (reading.mustBeHeldBy, reading.mustBeHeldByConfirmed) = (then.mustBeHeldBy, then.mustBeHeldByConfirmed)
                break
            }
        }
        return reading
    }

    // MARK: owners' votes

    struct OwnersVoteInput: Content, Sendable {
        var compoundId: UUID?
        var matter: String?
        var title: String?
        static let example = OwnersVoteInput(compoundId: UUID(), matter: "use_maintenance_fund", title: "使用专项维修资金更换A区电梯")
    }

    func ownersPlace(_ compound: UUID) async throws -> Place { try await context.access.map(on: db).place(compound: compound) }

    func openOwnersVote(_ input: OwnersVoteInput) async throws -> OwnersVote {
        guard let compound = input.compoundId else { throw ZhanjuError.required("compound_id") }
        guard try await RegistryDirectory(db: db).compoundExists(compound) else {
            throw ZhanjuError.invalid("compound_id", "unknown_reference", Strings.errorUnknownRef("compound_id"))
        }
        try allow(.ownersVoteRun, at: try await ownersPlace(compound), notFound: CouncilStrings.ownersVote)
        let matter = try Check.choice(input.matter, "matter", as: OwnersMatter.self)
        let title = try Check.text(input.title, "title", max: 200)
        guard try await RegistryDirectory(db: db).owners(compound: compound).contains(where: { $0.parts > 0 }) else {
            throw ZhanjuError.invalid("compound_id", "council.exclusive_part_area", Text("该小区尚未登记专有部分与业主。", "The compound has no exclusive parts and owners registered."))
        }
        let json = try CouncilJSON.encode(OwnersVoteRules.civilCode2021)
        return try await context.access.write(on: db) { tx in
            let v = OwnersVote()
            (v.id, v.compoundID, v.matter, v.title, v.rulesJSON, v.openedOn) = (UUID(), compound, matter.rawValue, title, json, today.iso)
            try await v.create(on: tx)
            try await AuditTrail.append("create", "owners_votes", v.id, before: nil, after: AuditTrail.digest(["matter": matter.rawValue, "rules": json]), by: context.actor, at: now, on: tx)
            return v
        }
    }

    func ownersVote(_ id: UUID, on db: (any Database)? = nil) async throws -> OwnersVote {
        guard let v = try await OwnersVote.find(id, on: db ?? self.db) else { throw ZhanjuError.notFound(CouncilStrings.ownersVote) }
        return v
    }

    struct BallotsInput: Content, Sendable {
        struct Ballot: Content, Sendable {
            var ownerId: UUID?
            var choice: String?
        }
        var ballots: [Ballot]?
        static let example = BallotsInput(ballots: [.init(ownerId: UUID(), choice: "for")])
    }

    /// Enters owners' written ballots (书面投票), one per owner whatever the parts they hold.
    func enterBallots(_ id: UUID, _ input: BallotsInput) async throws -> Int {
        let v = try await ownersVote(id)
        try allow(.ownersVoteRun, at: try await ownersPlace(v.compoundID), notFound: CouncilStrings.ownersVote)
        let ballots = input.ballots ?? []
        guard !ballots.isEmpty else { throw ZhanjuError.required("ballots") }
        guard ballots.count <= 10_000 else { throw ZhanjuError.invalid("ballots", "too_long", Strings.errorTooLong("ballots", 10_000)) }
        let owners = Set(try await RegistryDirectory(db: db).owners(compound: v.compoundID).map(\.id))
        var rows: [(UUID, VoteChoice)] = []
        var seen: Set<UUID> = []
        for (i, b) in ballots.enumerated() {
            guard let owner = b.ownerId else { throw ZhanjuError.required("ballots.\(i).owner_id") }
            let choice = try Check.choice(b.choice, "ballots.\(i).choice", as: VoteChoice.self)
            guard owners.contains(owner) else { throw Self.refuse(CouncilRefusal(.notAnOwner, subject: owner.uuidString), field: "ballots.\(i).owner_id") }
            guard seen.insert(owner).inserted else { throw Self.refuse(CouncilRefusal(.ownerVotedTwice, subject: owner.uuidString), field: "ballots.\(i).owner_id", kind: .conflict) }
            rows.append((owner, choice))
        }
        let fixed = rows
        return try await context.access.write(on: db) { tx in
            let fresh = try await ownersVote(id, on: tx)
            guard fresh.closedOn == nil else { throw Self.state("closed_on", Text("表决已结束。", "The vote is closed.")) }
            let already = Set(try await OwnerBallotRecord.query(on: tx).filter(\.$voteID == id).all().map(\.ownerID))
            if let twice = fixed.first(where: { already.contains($0.0) }) {
                throw Self.refuse(CouncilRefusal(.ownerVotedTwice, subject: twice.0.uuidString), field: "ballots", kind: .conflict)
            }
            let sql = tx as! any SQLDatabase
            for start in stride(from: 0, to: fixed.count, by: 1000) {
                let insert = sql.insert(into: OwnerBallotRecord.schema).columns("id", "vote_id", "owner_id", "choice")
                for (owner, choice) in fixed[start..<min(fixed.count, start + 1000)] {
                    insert.values(SQLBind(UUID()), SQLBind(id), SQLBind(owner), SQLBind(choice.rawValue))
                }
                try await insert.run()
            }
            try await AuditTrail.append("ballots", "owners_votes", id, before: nil, after: AuditTrail.digest(["ballots": fixed.count]), by: context.actor, at: now, on: tx)
            return fixed.count
        }
    }

    /// Counts the vote by area and by headcount from the registry's exclusive parts, and closes it.
    func closeOwnersVote(_ id: UUID) async throws -> OwnersVote {
        let v = try await ownersVote(id)
        try allow(.ownersVoteRun, at: try await ownersPlace(v.compoundID), notFound: CouncilStrings.ownersVote)
        return try await context.access.write(on: db) { tx in
            let fresh = try await ownersVote(id, on: tx)
            guard fresh.closedOn == nil else { throw Self.state("closed_on", Text("表决已结束。", "The vote is closed.")) }
            let result = try await Self.count(fresh, on: tx)
            fresh.closedOn = today.iso
            fresh.resultJSON = try CouncilJSON.encode(result)
            try await fresh.save(on: tx)
            try await AuditTrail.append("close", "owners_votes", id, before: nil, after: AuditTrail.digest(["outcome": result.outcome]), by: context.actor, at: now, on: tx)
            return fresh
        }
    }

    static func count(_ v: OwnersVote, on db: any Database) async throws -> CouncilRead.OwnersResult {
        let (register, holders) = try await RegistryDirectory(db: db).ownersRegister(compound: v.compoundID)
        let ballots = try await OwnerBallotRecord.query(on: db).filter(\.$voteID == v.id!).all().compactMap { b -> OwnerBallot? in
            guard let holder = holders[b.ownerID], let choice = VoteChoice(rawValue: b.choice) else { return nil }
            return OwnerBallot(owner: holder, choice: choice)
        }
        let matter = OwnersMatter(rawValue: v.matter) ?? .otherMajorMatter
        switch Result(catching: { () throws(CouncilRefusal) -> OwnersVoteResult in try v.rules.count(matter, register: register, ballots: ballots) }) {
        case .success(let r): return CouncilRead.OwnersResult(r)
        case .failure(let refusal): throw refuse(refusal, field: "ballots", kind: .conflict)
        }
    }

    // MARK: notices

    struct NoticeInput: Content, Sendable {
        var scope: String?
        var scopeId: UUID?
        var title: String?
        var body: String?
        static let example = NoticeInput(scope: "committee", scopeId: UUID(), title: "居务公开:东门无障碍坡道决议", body: "议事会于12月1日表决通过……")
    }

    func scopePlace(_ scope: NoticeScope, _ id: UUID) async throws -> Place? {
        let map = try await context.access.map(on: db)
        let registry = RegistryDirectory(db: db)
        switch scope {
        case .workstation: return map.subDistrictOfWorkstation[id] != nil ? map.place(workstation: id) : nil
        case .committee: return try await registry.committeeName(id) != nil ? map.place(committee: id) : nil
        case .compound: return try await registry.compoundExists(id) ? map.place(compound: id) : nil
        case .building: return try await registry.building(id).map { map.place(compound: $0.compoundID) }
        }
    }

    /// A notice to a scope, published by the committee (or the workstation) serving it.
    func publishNotice(_ input: NoticeInput) async throws -> CouncilNotice {
        let scope = try Check.choice(input.scope, "scope", as: NoticeScope.self)
        guard let scopeID = input.scopeId else { throw ZhanjuError.required("scope_id") }
        guard let place = try await scopePlace(scope, scopeID) else {
            throw ZhanjuError.invalid("scope_id", "unknown_reference", Strings.errorUnknownRef("scope_id"))
        }
        // Deny by default: a place the caller does not serve is not found to one who serves
        // elsewhere (the committee of another area), forbidden to anyone else.
        if !allows(.councilExecute, at: place) && !allows(.councilGuide, at: place), let principal = context.principal {
            if principal.grants.holds(.councilExecute) || principal.grants.holds(.councilGuide) { throw ZhanjuError.notFound(CouncilStrings.notice) }
            throw Self.forbidden
        }
        let title = try Check.text(input.title, "title", max: 200)
        let body = try Check.text(input.body, "body", max: 20_000)
        return try await context.access.write(on: db) { tx in
            let n = CouncilNotice()
            (n.id, n.scope, n.scopeID, n.title, n.body) = (UUID(), scope.rawValue, scopeID, title, body)
            (n.author, n.publishedAt) = (context.principal?.displayName ?? context.actor.label, now)
            try await n.create(on: tx)
            try await AuditTrail.append("create", "council_notices", n.id, before: nil, after: AuditTrail.digest(["scope": scope.rawValue]), by: context.actor, at: now, on: tx)
            return n
        }
    }

    /// Whether the caller is among a notice's readers: living in its scope, or serving it.
    func reads(_ n: CouncilNotice) async throws -> Bool {
        guard let principal = context.principal else { return true }
        guard let scope = NoticeScope(rawValue: n.scope), let place = try await scopePlace(scope, n.scopeID) else { return false }
        if principal.grants.allows(.councilExecute, at: place) || principal.grants.allows(.councilGuide, at: place) { return true }
        guard let household = principal.householdID, let ref = try await RegistryDirectory(db: db).household(household) else { return false }
        let map = try await context.access.map(on: db)
        let mine = map.place(household: household, compound: ref.compoundID, grid: ref.gridID)
        switch scope {
        case .workstation: return mine.workstation == n.scopeID
        case .committee: return mine.committee == n.scopeID
        case .compound: return mine.compound == n.scopeID
        case .building: return try await RegistryDirectory(db: db).building(ofHousehold: household) == n.scopeID
        }
    }

    /// Records that the signed-in reader has read the notice (once).
    func markRead(_ id: UUID) async throws -> CouncilNotice {
        guard let n = try await CouncilNotice.find(id, on: db), try await reads(n) else { throw ZhanjuError.notFound(CouncilStrings.notice) }
        guard let principal = context.principal else { throw Self.forbidden }
        try await context.access.write(on: db) { tx in
            guard try await CouncilNoticeRead.query(on: tx).filter(\.$noticeID == id).filter(\.$accountID == principal.accountID).first() == nil else { return }
            let r = CouncilNoticeRead()
            (r.id, r.noticeID, r.accountID, r.readAt) = (UUID(), id, principal.accountID, now)
            try await r.create(on: tx)
            try await AuditTrail.append("read", "council_notices", id, before: nil, after: nil, by: context.actor, at: now, on: tx)
        }
        return n
    }
}
