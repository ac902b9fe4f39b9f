import Fluent
import Foundation
import ZhanjuRules

/// Where a topic stands, from being raised to being decided.
enum TopicStatus: String, Codable, CaseIterable, Sendable {
    /// Raised by a resident: gathering co-signatures, not yet public.
    case collecting
    /// Published (enough co-signers, or raised by the committee or the workstation): awaiting review.
    case published
    /// Admissible: it may go on the deciding body's agenda.
    case admitted
    /// Not admissible, with a public reason.
    case inadmissible
    /// A matter reserved to another body (the residents' assembly, the owners): sent there, with the rule.
    case referred
    /// On a meeting's agenda.
    case scheduled
    /// Decided (adopted, rejected or tied) at a meeting.
    case decided

    var label: Text {
        switch self {
        case .collecting: return Text("征集联署中", "Gathering co-signatures")
        case .published: return Text("已公开,待审查", "Published, awaiting review")
        case .admitted: return Text("已受理,待上会", "Admitted, awaiting a meeting")
        case .inadmissible: return Text("不予受理", "Not admissible")
        case .referred: return Text("已转交有权机构", "Referred to the body that must decide")
        case .scheduled: return Text("已列入会议议程", "On a meeting's agenda")
        case .decided: return Text("已表决", "Decided")
        }
    }
}

/// Who raised a topic.
enum TopicOrigin: String, Codable, CaseIterable, Sendable {
    case resident
    case committee
    /// The workstation, as guidance (指导).
    case workstation
    /// From a trend of cases on the services dashboard (raised by the workstation).
    case caseTrend = "case_trend"

    var label: Text {
        switch self {
        case .resident: return Text("居民提出", "Raised by residents")
        case .committee: return Text("居委会提出", "Raised by the committee")
        case .workstation: return Text("工作站指导", "Workstation guidance")
        case .caseTrend: return Text("来自诉求趋势", "From a trend of cases")
        }
    }
}

enum MeetingStatus: String, Codable, CaseIterable, Sendable {
    /// Notice given with the agenda; attendance and votes are taken.
    case noticed
    /// Every item has its result and the minutes are written: the chair and the recorder sign.
    case closed
    /// Minutes signed by the chair and the recorder.
    case signed

    var label: Text {
        switch self {
        case .noticed: return Text("已发通知", "Notice given")
        case .closed: return Text("已闭会,待签署纪要", "Closed, minutes to be signed")
        case .signed: return Text("纪要已签署", "Minutes signed")
        }
    }
}

/// Who signs a meeting's minutes.
enum MinutesSigner: String, Codable, CaseIterable, Sendable {
    case chair
    case recorder
}

/// What a petition signature stands for.
enum PetitionSignatureKind: String, Codable, CaseIterable, Sendable {
    /// An adult resident, for themselves.
    case resident
    /// A household, through its representative.
    case household
    /// A residents' group, by its own decision.
    case residentsGroup = "residents_group"
}

/// The places a notice may be addressed to.
enum NoticeScope: String, Codable, CaseIterable, Sendable {
    case workstation
    case committee
    case compound
    /// One building (楼栋) of a compound: served by the committee the compound belongs to.
    case building
}

final class CouncilTopic: Model, @unchecked Sendable {
    static let schema = "council_topics"
    @ID(key: .id) var id: UUID?
    @Field(key: "committee_id") var committeeID: UUID
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "matter") var matter: String
    @Field(key: "origin") var origin: String
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "author_label") var authorLabel: String
    @Field(key: "status") var status: String
    @Field(key: "deciding_body") var decidingBody: String
    @Field(key: "topic_rules") var topicRulesJSON: String
    @OptionalField(key: "review_reason") var reviewReason: String?
    @OptionalField(key: "review_rule") var reviewRule: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    init() {}

    var statusValue: TopicStatus { TopicStatus(rawValue: status) ?? .collecting }
    var matterValue: MatterKind { MatterKind(rawValue: matter) ?? .delegated }
    var topicRules: TopicRules { CouncilJSON.decode(TopicRules.self, topicRulesJSON) ?? .standard }
}

final class CouncilCoSignature: Model, @unchecked Sendable {
    static let schema = "council_co_signatures"
    @ID(key: .id) var id: UUID?
    @Field(key: "topic_id") var topicID: UUID
    @Field(key: "resident_id") var residentID: UUID
    @Field(key: "household_id") var householdID: UUID
    @Field(key: "signed_at") var signedAt: Date
    init() {}
}

final class CouncilComment: Model, @unchecked Sendable {
    static let schema = "council_comments"
    @ID(key: .id) var id: UUID?
    @Field(key: "topic_id") var topicID: UUID
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "author_label") var authorLabel: String
    @Field(key: "text") var text: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "hidden_reason") var hiddenReason: String?
    @OptionalField(key: "hidden_at") var hiddenAt: Date?
    init() {}
}

final class CouncilMeeting: Model, @unchecked Sendable {
    static let schema = "council_meetings"
    @ID(key: .id) var id: UUID?
    @Field(key: "committee_id") var committeeID: UUID
    @Field(key: "body") var body: String
    @Field(key: "title") var title: String
    @Field(key: "place") var place: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "rules") var rulesJSON: String
    @Field(key: "status") var status: String
    @Field(key: "noticed_at") var noticedAt: Date
    @OptionalField(key: "minutes") var minutes: String?
    @OptionalField(key: "chair_id") var chairID: UUID?
    @OptionalField(key: "chair_name") var chairName: String?
    @OptionalField(key: "recorder_id") var recorderID: UUID?
    @OptionalField(key: "recorder_name") var recorderName: String?
    init() {}

    var statusValue: MeetingStatus { MeetingStatus(rawValue: status) ?? .noticed }
    var rules: MeetingRules { CouncilJSON.decode(MeetingRules.self, rulesJSON) ?? .chengduCouncil }
}

final class CouncilAgendaItem: Model, @unchecked Sendable {
    static let schema = "council_agenda_items"
    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "topic_id") var topicID: UUID
    @Field(key: "position") var position: Int
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "result") var resultJSON: String?
    init() {}

    var result: MotionResult? { resultJSON.flatMap { CouncilJSON.decode(MotionResult.self, $0) } }
}

final class CouncilAttendance: Model, @unchecked Sendable {
    static let schema = "council_attendance"
    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "resident_id") var residentID: UUID
    @Field(key: "name") var name: String
    @Field(key: "member") var member: Bool
    @Field(key: "signed_in_at") var signedInAt: Date
    init() {}
}

final class CouncilVote: Model, @unchecked Sendable {
    static let schema = "council_votes"
    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "resident_id") var residentID: UUID
    @Field(key: "name") var name: String
    @Field(key: "choice") var choice: String
    init() {}
}

final class CouncilResolution: Model, @unchecked Sendable {
    static let schema = "council_resolutions"
    @ID(key: .id) var id: UUID?
    @Field(key: "committee_id") var committeeID: UUID
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "topic_id") var topicID: UUID
    @Field(key: "title") var title: String
    @Field(key: "adopted_on") var adoptedOn: String
    @Field(key: "status") var status: String
    init() {}

    var statusValue: ExecutionStatus { ExecutionStatus(rawValue: status) ?? .pending }
}

final class CouncilTask: Model, @unchecked Sendable {
    static let schema = "council_tasks"
    @ID(key: .id) var id: UUID?
    @Field(key: "resolution_id") var resolutionID: UUID
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "title") var title: String
    @Field(key: "owner_id") var ownerID: UUID
    @Field(key: "owner_name") var ownerName: String
    @Field(key: "due_on") var dueOn: String
    @Field(key: "weight") var weight: Int
    @Field(key: "percent_done") var percentDone: Int
    init() {}
}

final class CouncilEvidence: Model, @unchecked Sendable {
    static let schema = "council_evidence"
    @ID(key: .id) var id: UUID?
    @Field(key: "resolution_id") var resolutionID: UUID
    @OptionalField(key: "task_id") var taskID: UUID?
    @Field(key: "text") var text: String
    @OptionalField(key: "file_name") var fileName: String?
    @OptionalField(key: "content_type") var contentType: String?
    @OptionalField(key: "content") var content: Data?
    @Field(key: "size") var size: Int
    @Field(key: "added_by") var addedBy: String
    @Field(key: "added_at") var addedAt: Date
    init() {}
}

final class CouncilExecutionEvent: Model, @unchecked Sendable {
    static let schema = "council_execution_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "resolution_id") var resolutionID: UUID
    @Field(key: "seq") var seq: Int
    @Field(key: "action") var action: String
    @Field(key: "from_status") var fromStatus: String
    @Field(key: "to_status") var toStatus: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "actor") var actor: String
    /// How the body decided the step, when a body did (JSON of `BodyDecision`).
    @OptionalField(key: "decision") var decisionJSON: String?
    @Field(key: "at") var at: Date
    init() {}
}

final class CouncilPetition: Model, @unchecked Sendable {
    static let schema = "council_petitions"
    @ID(key: .id) var id: UUID?
    @Field(key: "committee_id") var committeeID: UUID
    @Field(key: "purpose") var purpose: String
    @Field(key: "rules") var rulesJSON: String
    @Field(key: "opened_on") var openedOn: String
    @Field(key: "created_at") var createdAt: Date
    init() {}

    var rules: PetitionRules { CouncilJSON.decode(PetitionRules.self, rulesJSON) ?? .organicLaw2018 }
}

final class CouncilPetitionSignature: Model, @unchecked Sendable {
    static let schema = "council_petition_signatures"
    @ID(key: .id) var id: UUID?
    @Field(key: "petition_id") var petitionID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "name") var name: String
    @Field(key: "signed_at") var signedAt: Date
    init() {}
}

final class CouncilNotice: Model, @unchecked Sendable {
    static let schema = "council_notices"
    @ID(key: .id) var id: UUID?
    @Field(key: "scope") var scope: String
    @Field(key: "scope_id") var scopeID: UUID
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "author") var author: String
    @Field(key: "published_at") var publishedAt: Date
    init() {}
}

final class CouncilNoticeRead: Model, @unchecked Sendable {
    static let schema = "council_notice_reads"
    @ID(key: .id) var id: UUID?
    @Field(key: "notice_id") var noticeID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "read_at") var readAt: Date
    init() {}
}

final class OwnersVote: Model, @unchecked Sendable {
    static let schema = "owners_votes"
    @ID(key: .id) var id: UUID?
    @Field(key: "compound_id") var compoundID: UUID
    @Field(key: "matter") var matter: String
    @Field(key: "title") var title: String
    @Field(key: "rules") var rulesJSON: String
    @Field(key: "opened_on") var openedOn: String
    @OptionalField(key: "closed_on") var closedOn: String?
    @OptionalField(key: "result") var resultJSON: String?
    init() {}

    var rules: OwnersVoteRules { CouncilJSON.decode(OwnersVoteRules.self, rulesJSON) ?? .civilCode2021 }
}

final class OwnerBallotRecord: Model, @unchecked Sendable {
    static let schema = "owner_ballots"
    @ID(key: .id) var id: UUID?
    @Field(key: "vote_id") var voteID: UUID
    @Field(key: "owner_id") var ownerID: UUID
    @Field(key: "choice") var choice: String
    init() {}
}

final class CouncilRuleSet: Model, @unchecked Sendable {
    static let schema = "council_rule_sets"
    @ID(key: .id) var id: UUID?
    @Field(key: "committee_id") var committeeID: UUID
    @Field(key: "body") var body: String
    @Field(key: "version") var version: Int
    @Field(key: "rules") var rulesJSON: String
    @Field(key: "set_at") var setAt: Date
    init() {}

    var rules: MeetingRules? { CouncilJSON.decode(MeetingRules.self, rulesJSON) }
}

enum CouncilJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(json.utf8))
    }
}
