import Foundation
import Testing
@testable import ZhanjuRules

/// A small questionnaire with every kind of question and skip logic on choices and on a scale.
enum VolunteerSurvey {
    static let yesNo: QuestionKind = .singleChoice(options: [ChoiceOption("yes", BilingualText("愿意", "Yes")),
                                                             ChoiceOption("no", BilingualText("不愿意", "No"))], allowsOther: false)
    static let whyNot: QuestionKind = .multipleChoice(options: [ChoiceOption("busy", BilingualText("工作忙", "Busy at work")),
                                                                ChoiceOption("unpaid", BilingualText("没有报酬", "Unpaid")),
                                                                ChoiceOption("not_interested", BilingualText("不感兴趣", "Not interested"))],
                                                      allowsOther: true, minimum: 1, maximum: 2)

    static func questions() -> [Question] {
        [
            Question("willing", BilingualText("您愿意做志愿者吗？", "Would you volunteer?"), yesNo, required: true),
            Question("why_not", BilingualText("为什么不愿意？", "Why not?"), whyNot, required: true,
                     showIf: .chosen(question: "willing", anyOf: ["no"])),
            Question("hours", BilingualText("每月可服务几小时？", "Hours a month?"), .number(minimum: 0, maximum: 40, wholeNumbers: true),
                     showIf: .chosen(question: "willing", anyOf: ["yes"])),
            Question("satisfaction", BilingualText("对社区服务的满意度", "Satisfaction with services"),
                     .ratingScale(lowest: 1, highest: 5, lowLabel: BilingualText("很不满意", "Very dissatisfied"),
                                  highLabel: BilingualText("很满意", "Very satisfied")), required: true),
            Question("complaint", BilingualText("哪里不满意？", "What went wrong?"), .freeText(maxLength: 20), required: true,
                     showIf: .between(question: "satisfaction", lowest: 1, highest: 2)),
            Question("moved_in", BilingualText("入住日期", "Moved in on"),
                     .date(earliest: CivilDate(iso: "1990-01-01"), latest: CivilDate(iso: "2026-12-31"))),
        ]
    }

    static func make(_ questions: [Question] = questions(), version: Int = 1) -> Questionnaire {
        Questionnaire(title: BilingualText("志愿服务调查", "Volunteering survey"), version: version, sections: [
            QuestionnaireSection("about", BilingualText("关于您", "About you"), Array(questions.prefix(3))),
            QuestionnaireSection("services", BilingualText("社区服务", "Services"), Array(questions.dropFirst(3))),
        ])
    }

    static let questionnaire = make()
}

private func replacing(_ key: String, in questions: [Question] = VolunteerSurvey.questions(), _ change: (inout Question) -> Void) -> Questionnaire {
    var qs = questions
    change(&qs[qs.firstIndex { $0.key == key }!])
    return VolunteerSurvey.make(qs)
}

@Suite("Surveys: a questionnaire is checked before it is sent")
struct SurveyQuestionnaireTests {
    @Test("the volunteer questionnaire is valid in both languages")
    func valid() {
        #expect(VolunteerSurvey.questionnaire.validate(requiring: [.zh, .en]).isEmpty)
        #expect(VolunteerSurvey.questionnaire.questions.count == 6)
    }

    @Test("a condition may only read an earlier question, and each error names the question")
    func laterQuestion() {
        let q = replacing("willing") { $0.showIf = .answered(question: "satisfaction") }
        #expect(q.validate() == [QuestionnaireIssue(question: "willing", .conditionRefersToLaterQuestion("satisfaction"))])
    }

    @Test("a question cannot depend on itself, nor questions on each other in a circle")
    func cycles() {
        let selfish = replacing("hours") { $0.showIf = .between(question: "hours", lowest: 1, highest: 3) }
        #expect(selfish.validate() == [QuestionnaireIssue(question: "hours", .conditionRefersToItself)])

        let circle = replacing("willing") { $0.showIf = .answered(question: "why_not") }
        let issues = circle.validate()
        #expect(issues.contains(QuestionnaireIssue(question: "willing", .conditionRefersToLaterQuestion("why_not"))))
        #expect(issues.contains(QuestionnaireIssue(question: "willing", .conditionCycle(["willing", "why_not"]))))
        #expect(issues.count == 2)
    }

    @Test("a condition names questions and options that exist, of the right kind")
    func conditionTargets() {
        let unknownOption = replacing("hours") { $0.showIf = .chosen(question: "willing", anyOf: ["maybe"]) }
        #expect(unknownOption.validate() == [QuestionnaireIssue(question: "hours", .conditionUnknownOption(question: "willing", option: "maybe"))])

        let unknownQuestion = replacing("hours") { $0.showIf = .any([.answered(question: "age"), .not(.chosen(question: "willing", anyOf: []))]) }
        #expect(unknownQuestion.validate() == [QuestionnaireIssue(question: "hours", .conditionUnknownQuestion("age")),
                                               QuestionnaireIssue(question: "hours", .conditionEmpty)])

        let mismatch = replacing("complaint") { $0.showIf = .all([.chosen(question: "satisfaction", anyOf: ["1"]),
                                                                  .between(question: "willing", lowest: 0, highest: 1)]) }
        #expect(mismatch.validate() == [QuestionnaireIssue(question: "complaint", .conditionKindMismatch(question: "satisfaction")),
                                        QuestionnaireIssue(question: "complaint", .conditionKindMismatch(question: "willing"))])

        let other = replacing("hours") { $0.showIf = .chosen(question: "why_not", anyOf: ["other"]) }
        #expect(other.validate().isEmpty, "other is an answer key where other is allowed")
    }

    @Test("options, keys, ranges and texts")
    func structure() {
        var qs = VolunteerSurvey.questions()
        qs[1].kind = .multipleChoice(options: [ChoiceOption("busy", BilingualText("忙")), ChoiceOption("busy", BilingualText("忙")),
                                               ChoiceOption("other", BilingualText("其他")), ChoiceOption("不", BilingualText("不"))],
                                     allowsOther: false, minimum: 3, maximum: 2)
        qs[2].key = "willing"
        qs[3].kind = .ratingScale(lowest: 0, highest: 11, lowLabel: nil, highLabel: nil)
        qs[4].kind = .freeText(maxLength: 0)
        qs[5].kind = .date(earliest: CivilDate(iso: "2026-01-02"), latest: CivilDate(iso: "2026-01-01"))
        let issues = VolunteerSurvey.make(qs).validate()
        #expect(issues.contains(QuestionnaireIssue(question: "why_not", .duplicateOptionKey("busy"))))
        #expect(issues.contains(QuestionnaireIssue(question: "why_not", .reservedOptionKey)))
        #expect(issues.contains(QuestionnaireIssue(question: "why_not", .invalidOptionKey("不"))))
        #expect(issues.contains(QuestionnaireIssue(question: "why_not", .selectionLimits(minimum: 3, maximum: 2))))
        #expect(issues.contains(QuestionnaireIssue(question: "willing", .duplicateQuestionKey)))
        #expect(issues.contains(QuestionnaireIssue(question: "satisfaction", .scaleRange(lowest: 0, highest: 11))))
        #expect(issues.contains(QuestionnaireIssue(question: "complaint", .textLength)))
        #expect(issues.contains(QuestionnaireIssue(question: "moved_in", .dateRange)))

        // A free-text limit runs from 1 to 10,000 characters: Int.max is refused, 10,000 is not.
        for (limit, refused) in [(Int.max, true), (10_001, true), (10_000, false), (1, false)] {
            let text = replacing("complaint") { $0.kind = .freeText(maxLength: limit) }
            #expect(text.validate().contains(QuestionnaireIssue(question: "complaint", .textLength)) == refused, "limit \(limit)")
        }

        // A scale from Int.min to Int.max is refused like any other too wide, without overflowing.
        var wide = VolunteerSurvey.questions()
        wide[3].kind = .ratingScale(lowest: .min, highest: .max, lowLabel: nil, highLabel: nil)
        #expect(VolunteerSurvey.make(wide).validate().contains(QuestionnaireIssue(question: "satisfaction", .scaleRange(lowest: .min, highest: .max))))

        let single = replacing("willing") { $0.kind = .singleChoice(options: [ChoiceOption("yes", BilingualText("是"))], allowsOther: false) }
        #expect(single.validate().contains(QuestionnaireIssue(question: "willing", .tooFewOptions)))
        let withOther = replacing("willing") { $0.kind = .singleChoice(options: [ChoiceOption("yes", BilingualText("是"))], allowsOther: true) }
        #expect(!withOther.validate().contains(QuestionnaireIssue(question: "willing", .tooFewOptions)), "one option and other is a choice")

        let badKey = replacing("hours") { $0.key = "2hours" }
        #expect(badKey.validate().contains(QuestionnaireIssue(question: "2hours", .invalidKey)))
    }

    @Test("English is checked only when the survey is bilingual")
    func languages() {
        let q = replacing("hours") { $0.text = BilingualText("每月可服务几小时？") }
        #expect(q.validate().isEmpty)
        #expect(q.validate(requiring: [.zh, .en]) == [QuestionnaireIssue(question: "hours", .missingText(.en))])
        #expect(q.question("hours")!.text[.en] == "每月可服务几小时？", "English falls back to Chinese")
        let empty = Questionnaire(title: BilingualText(" "), sections: [QuestionnaireSection("a", BilingualText("甲"), [])])
        #expect(empty.validate() == [QuestionnaireIssue(.missingText(.zh)), QuestionnaireIssue(.noQuestions),
                                     QuestionnaireIssue(section: "a", .emptySection)])
    }

    @Test("skip logic: what a respondent is shown follows their answers, through chains")
    func shown() {
        let q = VolunteerSurvey.questionnaire
        #expect(q.shownQuestions(given: [:]) == ["willing", "satisfaction", "moved_in"])
        #expect(q.shownQuestions(given: ["willing": .choice("no")]) == ["willing", "why_not", "satisfaction", "moved_in"])
        #expect(q.shownQuestions(given: ["willing": .choice("yes"), "satisfaction": .rating(2)])
                == ["willing", "hours", "satisfaction", "complaint", "moved_in"])
        // An answer to a question that is itself skipped does not open later ones.
        let chained = replacing("hours") { $0.showIf = .chosen(question: "why_not", anyOf: ["busy"]) }
        #expect(!chained.shownQuestions(given: ["willing": .choice("yes"), "why_not": .choices(["busy"])]).contains("hours"))
        #expect(chained.shownQuestions(given: ["willing": .choice("no"), "why_not": .choices(["busy"])]).contains("hours"))
        // A partial save keeps only answers still shown.
        let pruned = q.pruned(["willing": .choice("yes"), "why_not": .choices(["busy"]), "hours": .number(4), "moved_in": .text(" ")])
        #expect(pruned == ["willing": .choice("yes"), "hours": .number(4)])
    }
}

@Suite("Surveys: a response is checked against the version it answers")
struct SurveyResponseTests {
    let q = VolunteerSurvey.questionnaire

    @Test("complete answers pass")
    func complete() {
        #expect(q.validate(["willing": .choice("no"), "why_not": .choices(["busy", "other"], other: "照顾老人"),
                            "satisfaction": .rating(4), "moved_in": .date(CivilDate(iso: "2012-05-01")!)]).isEmpty)
        #expect(q.validate(["willing": .choice("yes"), "hours": .number(6), "satisfaction": .rating(1), "complaint": .text("电梯坏了")]).isEmpty)
    }

    @Test("a required question must be answered unless skipped; a partial save may leave it")
    func required() {
        #expect(q.validate([:]) == [ResponseIssue(question: "willing", .requiredUnanswered),
                                    ResponseIssue(question: "satisfaction", .requiredUnanswered)])
        #expect(q.validate(["willing": .choice("no"), "satisfaction": .rating(3)])
                == [ResponseIssue(question: "why_not", .requiredUnanswered)], "shown by the answer no")
        #expect(q.validate(["willing": .choice("no"), "why_not": .choices([]), "satisfaction": .rating(3)])
                == [ResponseIssue(question: "why_not", .requiredUnanswered)], "an empty selection is no answer")
        #expect(q.validate(["willing": .choice("no")], as: .partial).isEmpty)
    }

    @Test("a skipped question carries no answer")
    func skipped() {
        #expect(q.validate(["willing": .choice("yes"), "why_not": .choices(["busy"]), "satisfaction": .rating(5),
                            "complaint": .text("没有")])
                == [ResponseIssue(question: "why_not", .answeredButSkipped), ResponseIssue(question: "complaint", .answeredButSkipped)])
        #expect(q.validate(["willing": .choice("yes"), "why_not": .choices(["busy"])], as: .partial)
                == [ResponseIssue(question: "why_not", .answeredButSkipped)])
    }

    @Test("values within the question's options and ranges, each error naming the question")
    func values() {
        let issues = q.validate(["willing": .choice("maybe"), "satisfaction": .rating(6), "moved_in": .date(CivilDate(iso: "1989-12-31")!)])
        #expect(issues == [ResponseIssue(question: "willing", .unknownOption("maybe")),
                           ResponseIssue(question: "satisfaction", .outOfRange),
                           ResponseIssue(question: "moved_in", .outOfRange)])
        #expect(q.validate(["willing": .choice("yes"), "hours": .number(2.5), "satisfaction": .rating(3)])
                == [ResponseIssue(question: "hours", .notWholeNumber)])
        #expect(q.validate(["willing": .choice("yes"), "hours": .number(.nan), "satisfaction": .rating(3)])
                == [ResponseIssue(question: "hours", .outOfRange)])
        #expect(q.validate(["willing": .choice("yes"), "hours": .number(41), "satisfaction": .rating(2),
                            "complaint": .text(String(repeating: "差", count: 21))])
                == [ResponseIssue(question: "hours", .outOfRange), ResponseIssue(question: "complaint", .textTooLong(maximum: 20))])
        #expect(q.validate(["willing": .text("yes"), "satisfaction": .number(3)])
                == [ResponseIssue(question: "willing", .wrongKind), ResponseIssue(question: "satisfaction", .wrongKind)])
        #expect(q.validate(["willing": .choice("yes"), "satisfaction": .rating(3), "age": .number(40)])
                == [ResponseIssue(question: "age", .unknownQuestion)])
    }

    @Test("multiple choice: limits, repeats and the other text")
    func multiple() {
        func issues(_ answer: SurveyAnswer) -> [ResponseIssue] {
            q.validate(["willing": .choice("no"), "why_not": answer, "satisfaction": .rating(3)])
        }
        #expect(issues(.choices(["busy", "unpaid", "not_interested"])) == [ResponseIssue(question: "why_not", .tooManySelections(maximum: 2))])
        #expect(issues(.choices(["busy", "busy"])) == [ResponseIssue(question: "why_not", .duplicateOption("busy"))])
        #expect(issues(.choices(["other"])) == [ResponseIssue(question: "why_not", .otherTextMissing)])
        #expect(issues(.choices(["busy"], other: "照顾老人")) == [ResponseIssue(question: "why_not", .otherTextWithoutOther)])
        #expect(q.validate(["willing": .choice("other", other: "看情况"), "satisfaction": .rating(3)])
                == [ResponseIssue(question: "willing", .otherNotAllowed)])
    }
}

@Suite("Surveys: versions")
struct SurveyVersioningTests {
    @Test("without responses an edit replaces the draft; with responses it becomes the next version")
    func revision() {
        let v1 = VolunteerSurvey.questionnaire
        var edited = v1
        edited.sections[1].questions.removeLast()
        #expect(QuestionnaireRevision.of(editing: v1, to: v1, responses: 12) == .unchanged)
        #expect(QuestionnaireRevision.of(editing: v1, to: edited, responses: 0) == .editInPlace)
        let revision = QuestionnaireRevision.of(editing: v1, to: edited, responses: 12)
        #expect(revision == .newVersion(2))
        let v2 = revision.apply(to: edited, current: v1)
        #expect(v2.version == 2)

        // The old response keeps its version: valid against v1, which still holds the question.
        let old: SurveyAnswers = ["willing": .choice("yes"), "satisfaction": .rating(4), "moved_in": .date(CivilDate(iso: "2010-03-01")!)]
        #expect(v1.validate(old).isEmpty)
        #expect(v2.validate(old) == [ResponseIssue(question: "moved_in", .unknownQuestion)])

        var renumbered = edited
        renumbered.version = 7
        #expect(QuestionnaireRevision.of(editing: v2, to: renumbered, responses: 3) == .unchanged, "the version field alone is no edit")
        var reworded = v1
        reworded.sections[0].questions[0].text.en = "Would you like to volunteer?"
        #expect(QuestionnaireRevision.of(editing: v1, to: reworded, responses: 1) == .newVersion(2), "rewording too: the old answers were given to the old words")
    }

    @Test("questionnaires and answers are stored as explicit JSON and read back the same")
    func coding() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(VolunteerSurvey.questionnaire)
        let back = try JSONDecoder().decode(Questionnaire.self, from: data)
        #expect(back == VolunteerSurvey.questionnaire)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""show_if":{"any_of":["no"],"question":"willing","type":"chosen"}"#))
        #expect(json.contains(#""earliest":"1990-01-01""#))
        #expect(json.contains(#""type":"multiple_choice""#))

        let answers: SurveyAnswers = ["why_not": .choices(["busy", "other"], other: "照顾老人"), "moved_in": .date(CivilDate(iso: "2012-05-01")!),
                                      "hours": .number(2.5), "willing": .choice("no"), "satisfaction": .rating(3), "complaint": .text("无")]
        #expect(try JSONDecoder().decode(SurveyAnswers.self, from: encoder.encode(answers)) == answers)
        #expect(String(decoding: try encoder.encode(SurveyAnswer.date(CivilDate(iso: "2012-05-01")!)), as: UTF8.self)
                == #"{"type":"date","value":"2012-05-01"}"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SurveyAnswer.self, from: Data(#"{"type":"date","value":"2012-5-1"}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SurveyAnswer.self, from: Data(#"{"type":"vote","value":1}"#.utf8)) }
    }
}
