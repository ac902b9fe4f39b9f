import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// What the council's API and pages show, as values built from its records and the rules'
/// readings. Public disclosure (居务公开) names office holders but not the residents who raise,
/// co-sign or petition: those are counted.
enum CouncilRead {
    struct RuleView: Content, Sendable, Equatable {
        var rule: String
        var ruleSet: String
        var version: Int
        var source: String
        init(_ c: RuleCitation) { (rule, ruleSet, version, source) = (c.rule.rawValue, c.ruleSet, c.version, c.source) }
        var label: Text { CouncilStrings.rule(CouncilRule(rawValue: rule) ?? .meetingQuorum) }
    }

    struct CheckView: Content, Sendable, Equatable {
        var rule: RuleView
        var count: Int
        var base: Int?
        var required: Int
        var met: Bool
        init(_ c: CitedShareCheck) { (rule, count, base, required, met) = (RuleView(c.rule), c.check.count, c.check.base, c.check.required, c.met) }
        init(_ c: CountCheck) { (rule, count, base, required, met) = (RuleView(c.rule), c.count, nil, c.required, c.met) }
    }

    struct RefusalView: Content, Sendable, Equatable {
        var rule: String
        var subject: String?
        /// In English; `detail_zh` in Chinese.
        var detail: String?
        var detailZh: String?

        init(rule: String, subject: String?, detail: String?, detailZh: String? = nil) {
            (self.rule, self.subject, self.detail, self.detailZh) = (rule, subject, detail, detailZh ?? detail)
        }

        init(_ r: CouncilRefusal, subject: String?) {
            self.init(rule: r.rule.rawValue, subject: subject, detail: r.detail, detailZh: r.detailZh)
        }

        subscript(lang: Lang) -> String? { lang == .zh ? detailZh : detail }
    }

    struct CommentView: Content, Sendable {
        var id: UUID
        var topicId: UUID
        var author: String
        /// Nil once hidden; the reason is shown instead.
        var text: String?
        var hiddenReason: String?
        var createdAt: Date
        init(_ c: CouncilComment) {
            (id, topicId, author, createdAt) = (c.id!, c.topicID, c.authorLabel, c.createdAt)
            (text, hiddenReason) = c.hiddenAt == nil ? (c.text, nil) : (nil, c.hiddenReason)
        }
    }

    struct TopicView: Content, Sendable {
        var id: UUID
        var committeeId: UUID
        var title: String
        var body: String
        var matter: String
        var origin: String
        var author: String
        var status: String
        var decidingBody: String
        var coSigners: CheckView
        var reviewReason: String?
        var reviewRule: String?
        var createdAt: Date
        var publishedAt: Date?
        var comments: [CommentView]
    }

    static func topic(_ t: CouncilTopic, on db: any Database) async throws -> TopicView {
        let signatures = try await CouncilCoSignature.query(on: db).filter(\.$topicID == t.id!).all()
        let reading = t.topicRules.read(author: t.authorID?.uuidString ?? "",
                                        coSignatures: signatures.map { CoSignature(resident: $0.residentID.uuidString, household: $0.householdID.uuidString) })
        let comments = try await CouncilComment.query(on: db).filter(\.$topicID == t.id!).sort(\.$createdAt).all()
        // Residents are named "a resident" in public; office holders by name.
        let author = t.origin == TopicOrigin.resident.rawValue ? "居民 / a resident" : t.authorLabel
        return TopicView(id: t.id!, committeeId: t.committeeID, title: t.title, body: t.body, matter: t.matter, origin: t.origin, author: author,
                         status: t.status, decidingBody: t.decidingBody, coSigners: CheckView(reading.coSigners), reviewReason: t.reviewReason,
                         reviewRule: t.reviewRule, createdAt: t.createdAt, publishedAt: t.publishedAt, comments: comments.map(CommentView.init))
    }

    struct AttendeeView: Content, Sendable {
        var residentId: UUID
        var name: String
        var member: Bool
    }

    struct VoteView: Content, Sendable {
        var residentId: UUID
        var name: String
        var choice: String
    }

    struct ItemView: Content, Sendable {
        var id: UUID
        var topicId: UUID
        var title: String
        var position: Int
        var outcome: String?
        var decidedBy: RuleView?
        var `for`: Int
        var against: Int
        var abstain: Int
        /// Votes for against the base the rule set names (present, all members, or votes cast).
        var decision: CheckView?
        var votes: [VoteView]
        var resolutionId: UUID?
    }

    struct MeetingView: Content, Sendable {
        var id: UUID
        var committeeId: UUID
        var body: String
        var title: String
        var place: String
        var startsAt: Date
        var noticedAt: Date
        var status: String
        var ruleSet: String
        var ruleSetVersion: Int
        var ballot: String
        var decisionBase: String
        /// Live: members signed in against the members in office today.
        var quorum: CheckView
        var attendance: [AttendeeView]
        var items: [ItemView]
        var minutes: String?
        var chair: String?
        var recorder: String?
    }

    static func meeting(_ m: CouncilMeeting, service: CouncilService) async throws -> MeetingView {
        let db = service.db
        let rules = m.rules
        let attendance = try await CouncilAttendance.query(on: db).filter(\.$meetingID == m.id!).sort(\.$signedInAt).all()
        let members = try await service.members(m)
        let reading = rules.attendance(members: Set(members.map(\.id.uuidString) + attendance.filter(\.member).map(\.residentID.uuidString)),
                                       signedIn: attendance.map(\.residentID.uuidString))
        var items: [ItemView] = []
        for item in try await CouncilAgendaItem.query(on: db).filter(\.$meetingID == m.id!).sort(\.$position).all() {
            let topic = try await CouncilTopic.find(item.topicID, on: db)
            let votes = try await CouncilVote.query(on: db).filter(\.$itemID == item.id!).sort(\.$name).all()
            let result = item.result
            let tally = result?.tally ?? MotionTally(for: votes.filter { $0.choice == "for" }.count, against: votes.filter { $0.choice == "against" }.count,
                                                     abstain: votes.filter { $0.choice == "abstain" }.count)
            let resolution = try await CouncilResolution.query(on: db).filter(\.$itemID == item.id!).first()?.id
            items.append(ItemView(id: item.id!, topicId: item.topicID, title: topic?.title ?? "", position: item.position, outcome: item.outcome,
                                  decidedBy: result.map { RuleView($0.decidedBy) }, for: tally.for, against: tally.against, abstain: tally.abstain,
                                  decision: result?.decision.map { CheckView(CitedShareCheck(rule: RuleCitation(rules.majorityRule, ruleSet: rules.name, version: rules.version), check: $0)) },
                                  votes: rules.ballot == .rollCall ? votes.map { VoteView(residentId: $0.residentID, name: $0.name, choice: $0.choice) } : [],
                                  resolutionId: resolution))
        }
        return MeetingView(id: m.id!, committeeId: m.committeeID, body: m.body, title: m.title, place: m.place, startsAt: m.startsAt, noticedAt: m.noticedAt,
                           status: m.status, ruleSet: rules.name, ruleSetVersion: rules.version, ballot: rules.ballot.rawValue,
                           decisionBase: rules.decision.base.rawValue, quorum: CheckView(CitedShareCheck(rule: reading.quorum.rule, check: reading.quorum.check)),
                           attendance: attendance.map { AttendeeView(residentId: $0.residentID, name: $0.member ? $0.name : Masking.name($0.name), member: $0.member) },
                           items: items, minutes: m.minutes, chair: m.chairName, recorder: m.recorderName)
    }

    struct TaskView: Content, Sendable {
        var id: UUID
        var parentId: UUID?
        var title: String
        var ownerId: UUID
        var ownerName: String
        var dueOn: String
        var weight: Int
        var percentDone: Int
        var overdue: Bool
    }

    struct EvidenceView: Content, Sendable {
        var id: UUID
        var taskId: UUID?
        var text: String
        var fileName: String?
        var contentType: String?
        var size: Int
        var fileUrl: String?
        var addedBy: String
        var addedAt: Date
    }

    struct EventView: Content, Sendable {
        var seq: Int
        var action: String
        var fromStatus: String
        var toStatus: String
        var reason: String?
        var actor: String
        var at: Date
        /// How the supervisory committee decided a finding or a sign-off: who agreed, by name.
        var decision: CouncilService.BodyDecision? = nil
    }

    /// The entries of a resolution's history: the lifecycle's actions and the work reported.
    static let historyActions = ["adopted", "task_added", "progress", "evidence"] + ExecutionAction.allCases.map(\.rawValue)

    struct ResolutionView: Content, Sendable {
        var id: UUID
        var committeeId: UUID
        var topicId: UUID
        var meetingId: UUID
        var title: String
        var adoptedOn: String
        var status: String
        var decidedBy: RuleView?
        /// Weighted progress in hundredths of a percent, rolled up through the tasks.
        var progressBasisPoints: Int
        var openTasks: Int
        var overdueTasks: [UUID]
        var tasks: [TaskView]
        var evidence: [EvidenceView]
        var history: [EventView]
    }

    static func evidenceFileURL(_ id: UUID) -> String { "/api/v1/council/evidence/\(id.uuidString)/file" }

    static func resolution(_ r: CouncilResolution, today: CivilDate, on db: any Database) async throws -> ResolutionView {
        let tasks = try await CouncilTask.query(on: db).filter(\.$resolutionID == r.id!).all()
        let progress = try? ExecutionProgress.read(CouncilService.tree(tasks), today: today)
        let reading = (basisPoints: progress?.basisPoints ?? 0, openTasks: progress?.openTasks ?? tasks.count, overdue: progress?.overdue ?? [])
        // Completed or rescinded work is overdue no longer.
        let overdue = [ExecutionStatus.completed, .rescinded].contains(r.statusValue) ? [] : reading.overdue.compactMap(UUID.init(uuidString:))
        let evidence = try await CouncilEvidence.query(on: db).filter(\.$resolutionID == r.id!).sort(\.$addedAt)
            .field(\.$id).field(\.$resolutionID).field(\.$taskID).field(\.$text).field(\.$fileName).field(\.$contentType).field(\.$size)
            .field(\.$addedBy).field(\.$addedAt).all()   // not the files themselves
        let history = try await CouncilExecutionEvent.query(on: db).filter(\.$resolutionID == r.id!).sort(\.$seq).all()
        let item = try await CouncilAgendaItem.find(r.itemID, on: db)
        let ordered = tasks.sorted { ($0.dueOn, $0.title) < ($1.dueOn, $1.title) }
        return ResolutionView(
            id: r.id!, committeeId: r.committeeID, topicId: r.topicID, meetingId: item?.meetingID ?? r.itemID, title: r.title, adoptedOn: r.adoptedOn,
            status: r.status, decidedBy: item?.result.map { RuleView($0.decidedBy) }, progressBasisPoints: reading.basisPoints,
            openTasks: reading.openTasks, overdueTasks: overdue,
            tasks: ordered.map { TaskView(id: $0.id!, parentId: $0.parentID, title: $0.title, ownerId: $0.ownerID, ownerName: $0.ownerName, dueOn: $0.dueOn,
                                          weight: $0.weight, percentDone: $0.percentDone, overdue: overdue.contains($0.id!)) },
            evidence: evidence.map { EvidenceView(id: $0.id!, taskId: $0.taskID, text: $0.text, fileName: $0.fileName, contentType: $0.contentType, size: $0.size,
                                                  fileUrl: $0.fileName == nil ? nil : evidenceFileURL($0.id!), addedBy: $0.addedBy, addedAt: $0.addedAt) },
            history: history.map { EventView(seq: $0.seq, action: $0.action, fromStatus: $0.fromStatus, toStatus: $0.toStatus, reason: $0.reason, actor: $0.actor, at: $0.at,
                                             decision: $0.decisionJSON.flatMap { CouncilJSON.decode(CouncilService.BodyDecision.self, $0) }) })
    }

    struct PetitionView: Content, Sendable {
        var id: UUID
        var committeeId: UUID
        var purpose: String
        var openedOn: String
        var ruleSet: String
        var countedOn: String
        var criteria: [CheckView]
        /// Any one criterion met obliges the committee to convene the residents' assembly.
        var obliged: Bool
        var holdingRule: RuleView
        var mustBeHeldBy: String?
        var mustBeHeldByConfirmed: Bool
        var signatures: Int
        var setAside: [RefusalView]
    }

    static func petition(_ p: CouncilPetition, service: CouncilService) async throws -> PetitionView {
        let reading = try await service.reading(p)
        let count = try await CouncilPetitionSignature.query(on: service.db).filter(\.$petitionID == p.id!).count()
        return PetitionView(id: p.id!, committeeId: p.committeeID, purpose: p.purpose, openedOn: p.openedOn, ruleSet: p.rules.name, countedOn: reading.countedOn.iso,
                            criteria: [reading.adultResidents, reading.households, reading.residentsGroups].map(CheckView.init), obliged: reading.obliged,
                            holdingRule: RuleView(reading.holdingRule), mustBeHeldBy: reading.mustBeHeldBy?.iso, mustBeHeldByConfirmed: reading.mustBeHeldByConfirmed,
                            signatures: count, setAside: reading.setAside.map { RefusalView($0, subject: nil) })
    }

    struct ShareView: Content, Sendable, Equatable {
        var choice: String
        var areaHundredths: Int
        var owners: Int
    }

    /// An owners' vote as counted (stored with the vote when it closes).
    struct OwnersResult: Content, Sendable, Equatable {
        var outcome: String
        var specialMajority: Bool
        var totalAreaHundredths: Int
        var totalOwners: Int
        var criteria: [CheckView]
        var decidedBy: [RuleView]
        var votes: [ShareView]

        init(outcome: String, specialMajority: Bool, totalAreaHundredths: Int, totalOwners: Int, criteria: [CheckView], decidedBy: [RuleView], votes: [ShareView]) {
            (self.outcome, self.specialMajority, self.totalAreaHundredths, self.totalOwners) = (outcome, specialMajority, totalAreaHundredths, totalOwners)
            (self.criteria, self.decidedBy, self.votes) = (criteria, decidedBy, votes)
        }

        init(_ r: OwnersVoteResult) {
            self.init(outcome: r.outcome.rawValue, specialMajority: r.specialMajority, totalAreaHundredths: r.totalArea, totalOwners: r.totalOwners,
                      criteria: r.criteria.map(CheckView.init), decidedBy: r.decidedBy.map(RuleView.init),
                      votes: VoteChoice.allCases.map { ShareView(choice: $0.rawValue, areaHundredths: r.votes[$0]?.area ?? 0, owners: r.votes[$0]?.owners ?? 0) })
        }
    }

    struct OwnersVoteView: Content, Sendable {
        var id: UUID
        var compoundId: UUID
        var matter: String
        var title: String
        var ruleSet: String
        var openedOn: String
        var closedOn: String?
        var ballots: Int
        /// The count: as it stands while open, as closed once closed.
        var result: OwnersResult
    }

    static func ownersVote(_ v: OwnersVote, on db: any Database) async throws -> OwnersVoteView {
        let ballots = try await OwnerBallotRecord.query(on: db).filter(\.$voteID == v.id!).count()
        let stored = v.resultJSON.flatMap { CouncilJSON.decode(OwnersResult.self, $0) }
        let result: OwnersResult
        if let stored { result = stored } else { result = try await CouncilService.count(v, on: db) }
        return OwnersVoteView(id: v.id!, compoundId: v.compoundID, matter: v.matter, title: v.title, ruleSet: v.rules.name, openedOn: v.openedOn,
                              closedOn: v.closedOn, ballots: ballots, result: result)
    }

    struct NoticeView: Content, Sendable {
        var id: UUID
        var scope: String
        var scopeId: UUID
        var title: String
        var body: String
        var author: String
        var publishedAt: Date
        /// Whether the caller has marked it read.
        var read: Bool
        /// Read receipts so far.
        var reads: Int
    }

    static func notice(_ n: CouncilNotice, account: UUID?, on db: any Database) async throws -> NoticeView {
        let reads = try await CouncilNoticeRead.query(on: db).filter(\.$noticeID == n.id!).all()
        return NoticeView(id: n.id!, scope: n.scope, scopeId: n.scopeID, title: n.title, body: n.body, author: n.author, publishedAt: n.publishedAt,
                          read: account.map { a in reads.contains { $0.accountID == a } } ?? false, reads: reads.count)
    }

    struct BallotsEntered: Content, Sendable {
        var entered: Int
    }

    struct MeetingRulesView: Content, Sendable {
        var body: String
        var name: String
        var version: Int
        var quorum: String
        var decision: String
        var decisionBase: String
        var ballot: String
    }

    struct JurisdictionView: Content, Sendable {
        var matter: String
        var deciders: [String]
    }

    /// The rule sets the council capability applies, with their names and versions.
    struct RuleSets: Content, Sendable {
        var meetings: [MeetingRulesView]
        var topicRuleSet: String
        var topicCoSigners: Int
        var petitionRuleSet: String
        var ownersRuleSet: String
        var jurisdiction: [JurisdictionView]
    }

    static var ruleSets: RuleSets {
        RuleSets(meetings: MeetingRules.defaults.map { MeetingRulesView(body: $0.body.rawValue, name: $0.name, version: $0.version, quorum: $0.quorum.description,
                                                                         decision: $0.decision.threshold.description, decisionBase: $0.decision.base.rawValue,
                                                                         ballot: $0.ballot.rawValue) },
                 topicRuleSet: TopicRules.standard.name, topicCoSigners: TopicRules.standard.coSigners, petitionRuleSet: PetitionRules.organicLaw2018.name,
                 ownersRuleSet: OwnersVoteRules.civilCode2021.name,
                 jurisdiction: MatterKind.allCases.map { JurisdictionView(matter: $0.rawValue, deciders: (CouncilService.jurisdiction.deciders[$0] ?? []).map(\.rawValue)) })
    }

    struct OverdueView: Content, Sendable {
        var resolutionId: UUID
        var committeeId: UUID
        var title: String
        var status: String
        var overdueTasks: [TaskView]
    }

    /// Resolutions with tasks past due, in the committees the caller guides.
    static func overdue(service: CouncilService) async throws -> [OverdueView] {
        let map = try await service.context.access.map(on: service.db)
        var out: [OverdueView] = []
        for r in try await CouncilResolution.query(on: service.db).filter(\.$status ~~ [ExecutionStatus.pending.rawValue, ExecutionStatus.inProgress.rawValue, ExecutionStatus.awaitingSignOff.rawValue]).all()
        where service.allows(.councilGuide, at: map.place(committee: r.committeeID)) {
            let view = try await resolution(r, today: service.today, on: service.db)
            guard !view.overdueTasks.isEmpty else { continue }
            out.append(OverdueView(resolutionId: r.id!, committeeId: r.committeeID, title: r.title, status: r.status, overdueTasks: view.tasks.filter(\.overdue)))
        }
        return out
    }
}

extension CouncilRead {
    struct MemberView: Content, Sendable {
        var residentId: UUID
        var name: String
        var post: String
    }

    struct BodyView: Content, Sendable {
        var body: String
        var members: [MemberView]
        /// The meeting rule set the body decides by (none for the committee, which executes).
        var ruleSet: MeetingRulesView?
        /// What the composition rules refuse, each with its rule: seats, a committee member or a
        /// close relative of one among the supervisors (ties presumed from the household register).
        var problems: [RefusalView]
    }

    struct BodiesView: Content, Sendable {
        var committeeId: UUID
        var bodies: [BodyView]
    }

    static func rulesView(_ r: MeetingRules) -> MeetingRulesView {
        MeetingRulesView(body: r.body.rawValue, name: r.name, version: r.version, quorum: r.quorum.description, decision: r.decision.threshold.description,
                         decisionBase: r.decision.base.rawValue, ballot: r.ballot.rawValue)
    }

    /// A committee's council, supervisory committee and the committee itself, with their members
    /// today and what the composition rules say of them: the council's seats, and each member a
    /// residents' representative in office; the supervisors' independence of the committee.
    static func bodies(committee: UUID, today: CivilDate, on db: any Database) async throws -> BodiesView {
        let registry = RegistryDirectory(db: db)
        let council = try await registry.members(of: .residentsCouncil, committee: committee, on: today)
        let supervisors = try await registry.members(of: .supervisoryCommittee, committee: committee, on: today)
        let committeeMembers = try await registry.members(of: .residentsCommittee, committee: committee, on: today)
        let names = Dictionary((council + supervisors + committeeMembers).map { ($0.id.uuidString, $0.name) }, uniquingKeysWith: { a, _ in a })
        func view(_ m: [RegistryDirectory.BodyMember]) -> [MemberView] { m.map { MemberView(residentId: $0.id, name: $0.name, post: $0.post.rawValue) } }
        // The council is drawn from the residents' representatives in office today.
        let representatives = try await CouncilService.representatives(committee: committee, on: today, db: db)
        let seats = CouncilComposition.chengdu.check(members: council.map(\.id.uuidString), representatives: Set(representatives.map(\.residentID.uuidString)))
        let ties = try await registry.familyTies(among: (supervisors + committeeMembers).map(\.id))
        let supervision = SupervisoryComposition.standard.check(supervisors: supervisors.map(\.id.uuidString),
                                                                committeeMembers: Set(committeeMembers.map(\.id.uuidString)), ties: ties)
        let conflicts = supervision.conflicts.map {
            RefusalView(rule: $0.rule.rule.rawValue, subject: names[$0.candidate] ?? $0.candidate,
                        detail: "\(names[$0.committeeMember] ?? $0.committeeMember)\($0.relation.map { " (\(CouncilStrings.tie($0).en))" } ?? "")\($0.basis == .sameHousehold ? ", presumed from the household register" : "")",
                        detailZh: "\(names[$0.committeeMember] ?? $0.committeeMember)\($0.relation.map { "(\(CouncilStrings.tie($0).zh))" } ?? "")\($0.basis == .sameHousehold ? ",据户籍登记推定" : "")")
        }
        return BodiesView(committeeId: committee, bodies: [
            BodyView(body: DecidingBody.residentsCouncil.rawValue, members: view(council), ruleSet: rulesView(.chengduCouncil),
                     problems: seats.refusals.map { RefusalView($0, subject: $0.subject.flatMap { names[$0] } ?? $0.subject) }),
            BodyView(body: DecidingBody.supervisoryCommittee.rawValue, members: view(supervisors), ruleSet: rulesView(.supervisoryCommittee),
                     problems: conflicts + (supervision.seatsProblem.map { [RefusalView($0, subject: nil)] } ?? [])),
            BodyView(body: DecidingBody.residentsCommittee.rawValue, members: view(committeeMembers), ruleSet: nil, problems: []),
        ])
    }
}
