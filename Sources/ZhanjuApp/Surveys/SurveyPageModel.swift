import Foundation
import ZhanjuRules

/// What the surveys' pages show, built from the capability's reads; the views render these
/// alone (SurveyPagesTests builds them without a database).
enum SurveyPageModel {
    struct Choice: Sendable, Equatable {
        var value: String
        var label: String
    }

    struct ListItem: Sendable {
        var id: UUID
        var title: Text
        var version: Int
        var distributions: [(id: UUID, name: Text, status: SurveyStatus, responded: Int, invited: Int)]
    }

    struct List: Sendable {
        var items: [ListItem]
        var canBuild: Bool
        var canEnter: [(id: UUID, name: Text)]
    }

    struct Builder: Sendable {
        var id: UUID
        var title: Text
        var version: Int
        var questionnaire: Questionnaire
        var distributions: [SurveyRead.DistributionView]
        var places: [Choice]
        var serviceItems: [Choice]
        var links: [(kind: SurveyLinkKind, target: String, note: String, question: String?)]
        var today: CivilDate
    }

    struct Sample: Sendable {
        var questionnaireID: UUID
        var title: Text
        var scopeName: String
        var input: SurveyService.DistributionInput
        var preview: SurveyRead.SamplePreview
    }

    struct Distribution: Sendable {
        var view: SurveyRead.DistributionView
        var title: Text
        var scopeName: String
        var rates: SurveyRead.RatesView
        var canRun: Bool
    }

    struct Slips: Sendable {
        var name: Text
        var title: Text
        var closesOn: String
        var invitations: [SurveyRead.InvitationView]
        /// The site's address (`https://host`), printed before each slip's path; nil when unknown.
        var site: String? = nil
    }

    struct Analysis: Sendable {
        var distributionID: UUID
        var name: Text
        var anonymous: Bool
        var analysis: SurveyRead.AnalysisView
        var variables: [Choice]
        var compounds: [Choice]
        var row: String?
        var column: String?
        var filter: SurveyRead.Filter
    }

    struct Answering: Sendable {
        var code: String
        var name: Text
        var closesOn: String
        var anonymous: Bool
        var questionnaire: Questionnaire
        var saved: SurveyAnswers
    }

    struct Paper: Sendable {
        var distributionID: UUID
        var name: Text
        var questionnaire: Questionnaire
        var compounds: [Choice]
    }

    /// The variables a table may be broken down by: choice and rating questions, then the facts.
    static func variables(_ q: Questionnaire, lang: Lang) -> [Choice] {
        q.questions.filter { CategoricalVariable.categories(of: $0) != nil }.map { Choice(value: $0.key, label: $0.text[lang == .en ? .en : .zh]) }
            + SurveyRead.Fact.allCases.map { Choice(value: $0.rawValue, label: "[\($0.label[lang])]") }
    }
}
