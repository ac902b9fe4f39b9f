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
        var distributions: [SurveyRead.DistributionView]
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
        /// The key of the question the form edits (nil: the form adds one).
        var editing: String? = nil
        /// Linked council topics' titles by id (read through the council's directory).
        var topics: [String: String] = [:]
        /// The council topics within the owner's reach, to link a result to by title.
        var topicChoices: [Choice] = []
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
        /// Paper is typed in until the distribution is closed (after its closing date too, for
        /// questionnaires filled in before it).
        var takesPaper: Bool = true
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
        /// "Only those who chose": every option of every choice question, by its text
        /// ("Volunteer? — No"); the value (`question=option`) is never shown.
        var choices: [Choice] = []
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
        /// The day it closed, once closed: the page says so instead of offering the form.
        var closedOn: String? = nil
    }

    /// Every answer one may filter on: each option of each single or multiple choice question,
    /// labelled with the question's and the option's text in the page's language.
    static func choices(_ q: Questionnaire, lang: Lang) -> [Choice] {
        let l: SurveyLanguage = lang == .en ? .en : .zh
        return q.questions.flatMap { question -> [Choice] in
            let options: [ChoiceOption], other: Bool
            switch question.kind {
            case .singleChoice(let o, let x), .multipleChoice(let o, let x, _, _): (options, other) = (o, x)
            default: return []
            }
            return options.map { Choice(value: "\(question.key)=\($0.key)", label: "\(question.text[l]) — \($0.text[l])") }
                + (other ? [Choice(value: "\(question.key)=other", label: "\(question.text[l]) — \(SurveyStrings.other[lang])")] : [])
        }
    }

    /// The variables a table may be broken down by: choice and rating questions, then the facts.
    static func variables(_ q: Questionnaire, lang: Lang) -> [Choice] {
        q.questions.filter { CategoricalVariable.categories(of: $0) != nil }.map { Choice(value: $0.key, label: $0.text[lang == .en ? .en : .zh]) }
            + SurveyRead.Fact.allCases.map { Choice(value: $0.rawValue, label: "[\($0.label[lang])]") }
    }
}
