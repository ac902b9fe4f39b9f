import Foundation
@testable import ZhanjuApp
import ZhanjuRules

/// A filled value of every surveys body type, for APISchemaTests (lists hold one element, and the
/// questionnaire every kind of question and condition, so their items' schemas are checked too).
enum SurveyExamples {
    static var questionnaire: Questionnaire {
        var q = SeedSurvey.questionnaire
        q.sections.append(QuestionnaireSection("more", BilingualText("更多", "More"), [
            Question("scale", BilingualText("满意度", "Satisfaction"), .ratingScale(lowest: 1, highest: 5, lowLabel: BilingualText("差", "Poor"), highLabel: BilingualText("好", "Good"))),
            Question("hours", BilingualText("小时", "Hours"), .number(minimum: 0, maximum: 100, wholeNumbers: true), showIf: .between(question: "scale", lowest: 3, highest: 5)),
            Question("from", BilingualText("日期", "From"), .date(earliest: CivilDate(iso: "2026-01-01"), latest: nil), showIf: .all([.answered(question: "hours"), .not(.answered(question: "scale"))])),
            Question("note", BilingualText("备注", "Note"), .freeText(maxLength: 200), help: BilingualText("选填", "Optional")),
        ]))
        return q
    }

    static var all: [(String, any Encodable)] {
        let q = SurveyQuestionnaireRow()
        (q.id, q.ownerKind, q.ownerID, q.titleZh, q.titleEn, q.currentVersion, q.createdAt) = (UUID(), "workstation", UUID(), "调查", "Survey", 1, Date())
        let d = SurveyDistribution()
        (d.id, d.questionnaireID, d.version, d.nameZh, d.nameEn, d.scopeKind, d.scopeID) = (UUID(), UUID(), 1, "发放", "Sent", "grid", UUID())
        (d.sampling, d.seed, d.invitee, d.anonymous, d.closesOn, d.status, d.invited, d.createdAt) =
            ("{\"households\":3,\"type\":\"households_per_grid\"}", "7", "household", true, "2026-12-31", "closed", 3, Date())
        d.closedOn = "2026-12-20"
        let distribution = SurveyRead.DistributionView(d, responded: 1, withoutInvitation: 0, today: CivilDate(iso: "2026-11-27")!)
        let frequency = SurveyRead.FrequencyView(question: "q", textZh: "题", textEn: "Q", kind: "rating_scale", multipleResponse: true, respondents: 2, answers: 3, missing: 0,
                                                 rows: [.init(key: "a", labelZh: "甲", labelEn: "A", count: 2, ofRespondents: "100.00%", ofAnswers: "66.67%")],
                                                 mean: .init(count: 2, mean: 3.5, median: 3.5, minimum: 3, maximum: 4, standardDeviation: 0.7))
        let cross = SurveyRead.CrossTabView(row: "q", column: ":sex", rows: [.init(key: "a", labelZh: "甲", labelEn: "A")], columns: [.init(key: "female", labelZh: "女", labelEn: "Female")],
                                            counts: [[nil]], columnPercent: [["—"]], rowTotals: [3], columnTotals: [nil], total: 3, excluded: 0, suppressed: 1,
                                            chiSquare: .init(applies: false, statistic: nil, degreesOfFreedom: 0, pValue: nil, reasons: ["too_few"]))
        let answers: SurveyAnswers = ["workstation_services": .choices(["security"], other: nil), "scale": .rating(4), "from": .date(CivilDate(iso: "2026-12-01")!)]
        return [
            ("Survey", SurveyRead.QuestionnaireSummary(q)),
            ("NewSurvey", SurveyService.QuestionnaireInput(ownerKind: "workstation", ownerId: UUID(), questionnaire: questionnaire, bilingual: true)),
            ("SurveyDetail", SurveysAPI.Detail(survey: .init(q), questionnaire: questionnaire, distributions: [distribution], links: [.example])),
            ("SurveyRevision", SurveysAPI.Revision.example),
            ("NewSurveyDistribution", SurveyService.DistributionInput.example),
            ("SurveySample", SurveyRead.SamplePreview.example),
            ("SurveyDistribution", distribution),
            ("NewSurveyLink", SurveyService.LinkInput.example),
            ("SurveyLink", SurveysAPI.LinkView.example),
            ("SurveyInvitation", SurveyRead.InvitationView(code: "ABCD-EFGH", door: "1-1-101", compound: "中海名城", grid: "SXS-G01", answered: false)),
            ("SurveyRates", SurveyRead.RatesView.example),
            ("SurveyAnalysis", SurveyRead.AnalysisView(distributionId: UUID(), respondents: 3, filtered: 2, frequencies: [frequency], crossTab: cross)),
            ("PaperSurveyResponse", SurveyService.PaperInput(code: "ABCD-EFGH", compoundId: UUID(), sex: "female", age: 45, answers: answers)),
            ("PaperSurveyResult", SurveysAPI.PaperResult.example),
            ("SurveyCode", SurveysAPI.CodeInput(code: "ABCD-EFGH")),
            ("SurveyAnswering", SurveysAPI.Answering(distributionId: UUID(), nameZh: "发放", nameEn: "Sent", closesOn: "2026-12-31", open: true, anonymous: true, questionnaire: questionnaire,
                                                     saved: [.init(question: "scale", answer: .rating(4)), .init(question: "note", answer: .text("好")),
                                                             .init(question: "hours", answer: .number(2.5)), .init(question: "x", answer: .choice("other", other: "自填"))])),
            ("SurveyAnswers", SurveysAPI.AnswerInput(code: "ABCD-EFGH", answers: answers, submit: true)),
            ("SurveyAnswerResult", SurveysAPI.AnswerResult.example),
        ]
    }
}
