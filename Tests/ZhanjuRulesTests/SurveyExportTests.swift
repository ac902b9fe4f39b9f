import Testing
@testable import ZhanjuRules

@Suite("Surveys: export columns and SPSS syntax")
struct SurveyExportTests {
    let q = VolunteerSurvey.questionnaire

    @Test("one column per single choice, number, date and text; one 0/1 column per option of a multiple choice")
    func columns() {
        let columns = SurveyColumns(q)
        #expect(columns.names == ["willing", "why_not_busy", "why_not_unpaid", "why_not_not_interested", "why_not_other",
                                  "why_not_other_text", "hours", "satisfaction", "complaint", "moved_in"])
        #expect(columns.columns[0].valueLabels == [.init(1, BilingualText("愿意", "Yes")), .init(2, BilingualText("不愿意", "No"))])
        #expect(columns.columns[1].label == BilingualText("为什么不愿意？：工作忙", "Why not?: Busy at work"))
        #expect(columns.columns.filter(\.isText).map(\.name) == ["why_not_other_text", "complaint", "moved_in"])
    }

    @Test("cells: codes, flags (blank when unanswered), plain numbers, ISO dates, the other text")
    func cells() {
        let columns = SurveyColumns(q)
        #expect(columns.cells(for: ["willing": .choice("no"), "why_not": .choices(["unpaid", "other"], other: "要带孙子"),
                                    "satisfaction": .rating(2), "complaint": .text("=1+1"), "moved_in": .date(CivilDate(iso: "2012-05-01")!)])
                == ["2", "0", "1", "0", "1", "要带孙子", "", "2", "=1+1", "2012-05-01"])
        #expect(columns.cells(for: ["willing": .choice("yes"), "hours": .number(12), "satisfaction": .rating(5)])
                == ["1", "", "", "", "", "", "12", "5", "", ""])
        #expect(SurveyColumns.plain(2.5) == "2.5")
        #expect(SurveyColumns.plain(-3) == "-3")
    }

    @Test("names SPSS accepts: reserved words, case-insensitive repeats, 64 bytes")
    func names() {
        var names = SPSSNames()
        #expect(names.make("to") == "v_to")
        #expect(names.make("Q1") == "Q1")
        #expect(names.make("q1") == "q1_2")
        #expect(names.make("_x") == "v_x")
        let long = String(repeating: "a", count: 70)
        #expect(names.make(long) == String(repeating: "a", count: 64))
        #expect(names.make(long) == String(repeating: "a", count: 62) + "_2")
    }

    @Test("string literals: apostrophes doubled, lines joined, cut to SPSS's byte limits, long ones in pieces")
    func literals() {
        #expect(SPSSSyntax.literal("Residents' committee") == "'Residents'' committee'")
        #expect(SPSSSyntax.literal("a\nb\r\nc") == "'a b c'")
        #expect(SPSSSyntax.literal(String(repeating: "居", count: 50), limit: 120) == "'" + String(repeating: "居", count: 40) + "'",
                "120 bytes are 40 characters of 3 bytes")
        #expect(SPSSSyntax.literal(String(repeating: "居", count: 100)) == "'" + String(repeating: "居", count: 50) + "'\n    + '"
                + String(repeating: "居", count: 35) + "'", "256 bytes hold 85 characters, written in pieces of at most 150 bytes")
        let apostrophes = SPSSSyntax.literal(String(repeating: "'", count: 90), limit: 256, indent: 2)
        #expect(apostrophes == "'" + String(repeating: "''", count: 75) + "'\n  + '" + String(repeating: "''", count: 15) + "'",
                "a doubled apostrophe is never split between pieces")
    }

    @Test("the syntax file for the volunteer questionnaire, in English")
    func syntax() {
        #expect(SPSSSyntax.generate(q, language: .en) == """
            * Encoding: UTF-8.
            * Volunteering survey, version 1, labels in en.
            VARIABLE LABELS
              willing 'Would you volunteer?'
              /why_not_busy 'Why not?: Busy at work'
              /why_not_unpaid 'Why not?: Unpaid'
              /why_not_not_interested 'Why not?: Not interested'
              /why_not_other 'Why not?: Other'
              /why_not_other_text 'Why not?: Other'
              /hours 'Hours a month?'
              /satisfaction 'Satisfaction with services'
              /complaint 'What went wrong?'
              /moved_in 'Moved in on'.
            VALUE LABELS
              willing
                1 'Yes'
                2 'No'
              /why_not_busy why_not_unpaid why_not_not_interested why_not_other
                0 'Not chosen'
                1 'Chosen'
              /satisfaction
                1 'Very dissatisfied'
                5 'Very satisfied'
            .
            VARIABLE LEVEL
              willing why_not_busy why_not_unpaid why_not_not_interested why_not_other (NOMINAL)
              /satisfaction (ORDINAL)
              /hours (SCALE).

            """)
    }

    @Test("Chinese labels, apostrophes in labels, and a title that would end a comment early")
    func chinese() {
        let q = Questionnaire(title: BilingualText("居民需求调查.\n第二轮."), version: 3, sections: [
            QuestionnaireSection("s", BilingualText("基本"), [
                Question("body", BilingualText("您愿意加入哪个组织？", "Which body would you join?"),
                         .singleChoice(options: [ChoiceOption("owners", BilingualText("业委会", "Owners' committee")),
                                                 ChoiceOption("residents", BilingualText("居委会", "Residents' committee"))], allowsOther: true)),
            ]),
        ])
        let zh = SPSSSyntax.generate(q)
        #expect(zh.hasPrefix("* Encoding: UTF-8.\n* 居民需求调查. 第二轮, version 3, labels in zh-Hans.\nVARIABLE LABELS\n  body '您愿意加入哪个组织？'\n"))
        #expect(zh.contains("    1 '业委会'\n    2 '居委会'\n    3 '其他'\n"))
        #expect(zh.contains("  /body_other_text '您愿意加入哪个组织？：其他'.\n"))
        let en = SPSSSyntax.generate(q, language: .en)
        #expect(en.contains("    1 'Owners'' committee'\n    2 'Residents'' committee'\n    3 'Other'\n"))
        #expect(en.contains("* 居民需求调查. 第二轮, version 3"), "no English title: the Chinese one")
    }
}
