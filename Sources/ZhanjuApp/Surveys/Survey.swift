import Fluent
import Foundation
import ZhanjuRules

/// The body a questionnaire belongs to.
enum SurveyOwnerKind: String, Codable, CaseIterable, Sendable {
    case workstation
    case committee
}

/// Where a distribution is sent: every household of a workstation, a committee, a compound or a grid.
enum SurveyScopeKind: String, Codable, CaseIterable, Sendable {
    case workstation
    case committee
    case compound
    case grid

    var label: Text {
        switch self {
        case .workstation: Text("工作站", "Workstation")
        case .committee: Text("居委会", "Residents' committee")
        case .compound: Text("小区", "Compound")
        case .grid: Text("网格", "Grid")
        }
    }
}

/// How the sample is drawn (ZhanjuRules' SamplingMode, by name).
enum SurveySamplingKind: String, Codable, CaseIterable, Sendable {
    case everyone
    case onePerHousehold = "one_per_household"
    case householdsPerGrid = "households_per_grid"

    var label: Text {
        switch self {
        case .everyone: Text("每位居民", "Every resident")
        case .onePerHousehold: Text("每户一份", "One per household")
        case .householdsPerGrid: Text("每个网格随机抽取若干户", "N random households per grid")
        }
    }
}

enum SurveyStatus: String, Codable, CaseIterable, Sendable {
    /// Invitations issued; answers are taken until the closing date.
    case open
    /// Closed early, or past its closing date (read as closed).
    case closed

    var label: Text {
        switch self {
        case .open: Text("收集中", "Collecting")
        case .closed: Text("已结束", "Closed")
        }
    }
}

/// How an answer came in.
enum SurveyChannel: String, Codable, CaseIterable, Sendable {
    /// The resident answered on the answering page (phone or computer).
    case web
    /// Staff or a grid worker typed in a paper questionnaire.
    case paper

    var label: Text {
        switch self {
        case .web: Text("网上", "Online")
        case .paper: Text("纸质问卷(代录)", "Paper (typed in)")
        }
    }
}

/// What a result is linked to.
enum SurveyLinkKind: String, Codable, CaseIterable, Sendable {
    /// A change to the service catalogue (an item's code).
    case serviceItem = "service_item"
    /// A topic for the residents' council (its id, once the council capability exists).
    case councilTopic = "council_topic"
}

final class SurveyQuestionnaireRow: Model, @unchecked Sendable {
    static let schema = "survey_questionnaires"
    @ID(key: .id) var id: UUID?
    @Field(key: "owner_kind") var ownerKind: String
    @Field(key: "owner_id") var ownerID: UUID
    @Field(key: "title_zh") var titleZh: String
    @Field(key: "title_en") var titleEn: String
    @Field(key: "current_version") var currentVersion: Int
    @Field(key: "created_at") var createdAt: Date
    init() {}
    var title: Text { Text(titleZh, titleEn.isEmpty ? titleZh : titleEn) }
}

final class SurveyVersionRow: Model, @unchecked Sendable {
    static let schema = "survey_versions"
    @ID(key: .id) var id: UUID?
    @Field(key: "questionnaire_id") var questionnaireID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "definition") var definition: String
    @Field(key: "created_at") var createdAt: Date
    init() {}

    var questionnaire: Questionnaire {
        get throws { try SurveyJSON.decoder.decode(Questionnaire.self, from: Data(definition.utf8)) }
    }
}

final class SurveyDistribution: Model, @unchecked Sendable {
    static let schema = "survey_distributions"
    @ID(key: .id) var id: UUID?
    @Field(key: "questionnaire_id") var questionnaireID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "scope_kind") var scopeKind: String
    @Field(key: "scope_id") var scopeID: UUID
    @Field(key: "sampling") var sampling: String
    @Field(key: "seed") var seed: String
    @Field(key: "invitee") var invitee: String
    @Field(key: "anonymous") var anonymous: Bool
    @Field(key: "closes_on") var closesOn: String
    /// The day it was closed by hand (migration 022); nil while open.
    @OptionalField(key: "closed_on") var closedOn: String?
    @Field(key: "status") var status: String
    @Field(key: "invited") var invited: Int
    @Field(key: "created_at") var createdAt: Date
    init() {}

    var name: Text { Text(nameZh, nameEn.isEmpty ? nameZh : nameEn) }
    var samplingMode: SamplingMode { (try? SurveyJSON.decoder.decode(SamplingMode.self, from: Data(sampling.utf8))) ?? .onePerHousehold }
    var closes: CivilDate { CivilDate(iso: closesOn) ?? CivilDate(year: 2000, month: 1, day: 1)! }
    /// Open and not past its closing date.
    func isOpen(on today: CivilDate) -> Bool { status == SurveyStatus.open.rawValue && today <= closes }
    func statusValue(on today: CivilDate) -> SurveyStatus { isOpen(on: today) ? .open : .closed }
    /// The day it stopped taking answers, as told to respondents: the day it was closed by hand
    /// when that came before its planned closing date, else the planned date.
    var closedOnDay: String {
        if let c = closedOn, c < closesOn { return c }
        return closesOn
    }
}

final class SurveyInvitation: Model, @unchecked Sendable {
    static let schema = "survey_invitations"
    @ID(key: .id) var id: UUID?
    @Field(key: "distribution_id") var distributionID: UUID
    @Field(key: "code") var code: String
    @Field(key: "household_id") var householdID: UUID
    @OptionalField(key: "resident_id") var residentID: UUID?
    @Field(key: "compound_id") var compoundID: UUID
    @OptionalField(key: "zone_id") var zoneID: UUID?
    @OptionalField(key: "grid_id") var gridID: UUID?
    @Field(key: "door") var door: String
    @Field(key: "position") var position: Int
    init() {}
}

final class SurveyAnsweredMark: Model, @unchecked Sendable {
    static let schema = "survey_answered"
    @ID(key: .id) var id: UUID?
    @Field(key: "invitation_id") var invitationID: UUID
    @Field(key: "distribution_id") var distributionID: UUID
    @Field(key: "answered_on") var answeredOn: String
    @Field(key: "channel") var channel: String
    init() {}
}

final class SurveyDraft: Model, @unchecked Sendable {
    static let schema = "survey_drafts"
    @ID(key: .id) var id: UUID?
    @Field(key: "invitation_id") var invitationID: UUID
    @Field(key: "answers") var answers: String
    @Field(key: "saved_at") var savedAt: Date
    init() {}
}

final class SurveyResponseRow: Model, @unchecked Sendable {
    static let schema = "survey_responses"
    @ID(key: .id) var id: UUID?
    @Field(key: "distribution_id") var distributionID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "answers") var answers: String
    @Field(key: "channel") var channel: String
    @OptionalField(key: "entered_by") var enteredBy: String?
    @OptionalField(key: "invitation_id") var invitationID: UUID?
    @OptionalField(key: "compound_id") var compoundID: UUID?
    @OptionalField(key: "zone_id") var zoneID: UUID?
    @OptionalField(key: "grid_id") var gridID: UUID?
    @OptionalField(key: "sex") var sex: String?
    @OptionalField(key: "age_band") var ageBand: String?
    @Field(key: "submitted_on") var submittedOn: String
    @OptionalField(key: "codes") var codes: String?
    init() {}

    var answerValues: SurveyAnswers { (try? SurveyJSON.decoder.decode(SurveyAnswers.self, from: Data(answers.utf8))) ?? [:] }
}

extension SurveyResponseRow: ColumnInsertable {
    var columnValues: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("distribution_id", distributionID), ("version", version), ("answers", answers), ("channel", channel),
         ("entered_by", enteredBy), ("invitation_id", invitationID), ("compound_id", compoundID), ("zone_id", zoneID), ("grid_id", gridID),
         ("sex", sex), ("age_band", ageBand), ("submitted_on", submittedOn), ("codes", codes)]
    }
}

extension SurveyInvitation: ColumnInsertable {
    var columnValues: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("distribution_id", distributionID), ("code", code), ("household_id", householdID), ("resident_id", residentID),
         ("compound_id", compoundID), ("zone_id", zoneID), ("grid_id", gridID), ("door", door), ("position", position)]
    }
}

extension SurveyAnsweredMark: ColumnInsertable {
    var columnValues: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("invitation_id", invitationID), ("distribution_id", distributionID), ("answered_on", answeredOn), ("channel", channel)]
    }
}

final class SurveyLink: Model, @unchecked Sendable {
    static let schema = "survey_links"
    @ID(key: .id) var id: UUID?
    @Field(key: "questionnaire_id") var questionnaireID: UUID
    @OptionalField(key: "question_key") var questionKey: String?
    @Field(key: "kind") var kind: String
    @Field(key: "target") var target: String
    @Field(key: "note") var note: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// The stored JSON of questionnaires, answers and sampling modes: ZhanjuRules' own keys
/// (already snake_case), so plain coders, never the app's key-converting ones.
enum SurveyJSON {
    static let decoder = JSONDecoder()
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
    static func string(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
}

/// Single answers (single choice, rating) coded one character per question in questionnaire
/// order: the category's position in `SurveyCodes.alphabet`, "." for no answer or a question of
/// another kind. Stored with each response, so that the database counts a cross-tabulation from
/// an index instead of parsing every response's JSON.
enum SurveyCodes {
    static let alphabet = Array("123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    static func codes(_ q: Questionnaire, _ answers: SurveyAnswers) -> String {
        var out = ""
        for question in q.questions { out.append(code(question, answers[question.key]) ?? ".") }
        return out
    }

    static func code(_ question: Question, _ answer: SurveyAnswer?) -> Character? {
        guard let answer, !answer.isBlank, let categories = CategoricalVariable.categories(of: question) else { return nil }
        let key: String
        switch (question.kind, answer) {
        case (.singleChoice, .choice(let k, _)): key = k
        case (.ratingScale, .rating(let r)): key = String(r)
        default: return nil
        }
        guard let i = categories.firstIndex(where: { $0.key == key }), i < alphabet.count else { return nil }
        return alphabet[i]
    }

    /// The 1-based position of a question's character, when its answers can be coded.
    static func position(of key: String, in q: Questionnaire) -> Int? {
        guard let i = q.questions.firstIndex(where: { $0.key == key }), let categories = CategoricalVariable.categories(of: q.questions[i]),
              categories.count <= alphabet.count else { return nil }
        return i + 1
    }
}
