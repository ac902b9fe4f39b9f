import Foundation
import Testing
@testable import ZhanjuRules

private func cats(_ keys: String...) -> [SurveyCategory] { keys.map { SurveyCategory($0, BilingualText($0, $0)) } }

@Suite("Surveys: percentages, frequencies and means")
struct SurveyFrequencyTests {
    @Test("percentages are rounded half up on whole numbers", arguments: [
        (151, 196, "77.04%"), (144, 196, "73.47%"), (154, 196, "78.57%"), (140, 196, "71.43%"),
        (1, 8, "12.50%"), (1, 3, "33.33%"), (2, 3, "66.67%"), (0, 5, "0.00%"), (5, 5, "100.00%"),
    ])
    func shares(count: Int, base: Int, text: String) {
        #expect(Share(count, of: base).formatted() == text)
    }

    @Test("other precisions, and an empty base")
    func precision() {
        #expect(Share(122, of: 196).formatted(decimals: 1) == "62.2%")
        #expect(Share(1, of: 200).formatted(decimals: 0) == "1%", "0.5% rounds half up")
        #expect(Share(1, of: 3).scaledPercent() == 3_333)
        #expect(Share(3, of: 0).formatted() == "—")
        #expect(Share(3, of: 0).fraction == nil)
    }

    @Test("single choice: percentages of respondents who answered; the skipped are counted apart")
    func single() throws {
        let q = VolunteerSurvey.questionnaire
        let responses: [SurveyAnswers] = [
            ["willing": .choice("yes")], ["willing": .choice("yes")], ["willing": .choice("no"), "why_not": .choices(["busy"])],
            ["willing": .choice("no"), "why_not": .choices(["busy", "other"], other: "照顾孩子")], ["willing": .choice("no")], [:],
        ]
        let willing = try #require(FrequencyTable(question: "willing", in: q, responses: responses))
        #expect(willing.respondents == 5)
        #expect(willing.missing == 1)
        #expect(willing.notShown == 0)
        #expect(willing["yes"]?.count == 2)
        #expect(willing["no"]?.ofRespondents.formatted() == "60.00%")
        #expect(willing["no"]?.ofAnswers == nil)

        let whyNot = try #require(FrequencyTable(question: "why_not", in: q, responses: responses))
        #expect(whyNot.multipleResponse)
        #expect(whyNot.respondents == 2, "two of the three who said no answered")
        #expect(whyNot.answers == 3)
        #expect(whyNot.missing == 4)
        #expect(whyNot.notShown == 3, "the two who said yes and the one who said nothing were never asked")
        #expect(whyNot.rows.map(\.category.key) == ["busy", "unpaid", "not_interested", "other"])
        #expect(whyNot["busy"]?.ofRespondents.formatted() == "100.00%")
        #expect(whyNot["busy"]?.ofAnswers?.formatted() == "66.67%")
        #expect(whyNot["other"]?.category.label == BilingualText("其他", "Other"))
        #expect(FrequencyTable(question: "hours", in: q, responses: responses) == nil, "numbers have descriptives, not frequencies")
    }

    @Test("rating scales count every point, labelled at the ends, and have means")
    func ratings() throws {
        let q = VolunteerSurvey.questionnaire
        let responses: [SurveyAnswers] = [1, 2, 2, 4, 5, 5, 5].map { ["satisfaction": .rating($0)] }
        let t = try #require(FrequencyTable(question: "satisfaction", in: q, responses: responses))
        #expect(t.rows.map(\.count) == [1, 2, 0, 1, 3])
        #expect(t.rows.first?.category.label == BilingualText("1 很不满意", "1 Very dissatisfied"))
        let d = try #require(Descriptives(question: "satisfaction", responses: responses))
        #expect(d.count == 7)
        #expect(abs(d.mean - 24.0 / 7) < 1e-12)
        #expect(d.median == 4)
        #expect(d.minimum == 1 && d.maximum == 5)
        // Sample standard deviation: Σ(x − x̄)² / (n − 1).
        let mean = 24.0 / 7
        let ss = [1.0, 2, 2, 4, 5, 5, 5].reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        #expect(abs(d.standardDeviation! - (ss / 6).squareRoot()) < 1e-12)
    }

    @Test("descriptives: even counts, one value, none, and by group")
    func descriptives() throws {
        let d = try #require(Descriptives([4, 1, 3, 2]))
        #expect(d.median == 2.5)
        #expect(abs(d.standardDeviation! - 1.290_994_448_735_805_6) < 1e-12)
        #expect(Descriptives([7])?.standardDeviation == nil)
        #expect(Descriptives([]) == nil)
        let groups = CategoricalVariable.grouping(key: "compound", label: BilingualText("小区"), categories: cats("A", "B", "C"),
                                                  values: ["A", "B", "A", nil, "B"])
        let by = Descriptives.byGroup([1, 10, 3, 100, nil], groups: groups)
        #expect(by.map(\.category.key) == ["A", "B", "C"])
        #expect(by[0].descriptives?.mean == 2)
        #expect(by[1].descriptives?.count == 1, "a group member without a value is left out")
        #expect(by[2].descriptives == nil)
    }

    @Test("a million values keep a stable mean and deviation")
    func stability() throws {
        let values = (0..<1_000_000).map { 1e9 + Double($0 % 2) }
        let d = try #require(Descriptives(values))
        #expect(abs(d.mean - (1e9 + 0.5)) < 1e-6)
        #expect(abs(d.standardDeviation! - 0.500_000_25) < 1e-6)
    }
}

@Suite("Surveys: cross-tabulation, groups and response rates")
struct SurveyCrossTabulationTests {
    @Test("counts, totals and the three kinds of percentage; respondents missing a side are left out")
    func single() {
        let rows = CategoricalVariable.grouping(key: "sex", label: BilingualText("性别"), categories: cats("f", "m"),
                                                values: ["f", "f", "m", "m", "m", nil])
        let columns = CategoricalVariable.grouping(key: "yes", label: BilingualText("是否"), categories: cats("y", "n"),
                                                   values: ["y", "n", "y", "y", nil, "y"])
        let t = CrossTabulation(rows: rows, columns: columns)
        #expect(t.counts == [[1, 1], [2, 0]])
        #expect(t.rowTotals == [2, 2])
        #expect(t.columnTotals == [3, 1])
        #expect(t.total == 4)
        #expect(t.excluded == 2)
        #expect(t.ofRow(1, 0).formatted() == "100.00%")
        #expect(t.ofColumn(1, 0).formatted() == "66.67%")
        #expect(t.ofTotal(0, 1).formatted() == "25.00%")
    }

    @Test("multiple choice: a respondent counts in each category chosen; totals are respondents")
    func multiple() throws {
        let q = VolunteerSurvey.questionnaire
        let responses: [SurveyAnswers] = [
            ["willing": .choice("no"), "why_not": .choices(["busy", "unpaid"])],
            ["willing": .choice("no"), "why_not": .choices(["busy"])],
            ["willing": .choice("yes")],
        ]
        let why = try #require(CategoricalVariable(question: q.question("why_not")!, responses: responses))
        let sex = CategoricalVariable.sex([.female, .male, .female])
        let t = CrossTabulation(rows: sex, columns: why)
        #expect(t.counts == [[1, 1, 0, 0], [1, 0, 0, 0]])
        #expect(t.rowTotals == [1, 1])
        #expect(t.columnTotals == [2, 1, 0, 0])
        #expect(t.total == 2)
        #expect(t.excluded == 1)
        #expect(t.columnsMultipleResponse)
        #expect(t.rows.map(\.label.zh) == ["女", "男"])
    }

    @Test("a grouping value the app did not list is kept, after the listed ones")
    func unlistedGroup() {
        let v = CategoricalVariable.grouping(key: "compound", label: BilingualText("小区"), categories: cats("zhonghai", "victoria"),
                                             values: ["victoria", "rongcheng", nil])
        #expect(v.categories.map(\.key) == ["zhonghai", "victoria", "rongcheng"])
        #expect(v.values == [.one(1), .one(2), .missing])
        #expect(v.filtered([true, false, true]).values == [.one(1), .missing])
    }

    @Test("age bands from birth date and survey date", arguments: [
        ("2008-06-01", "2026-05-31", "under_18"), ("2008-06-01", "2026-06-01", "18_29"), ("1996-06-02", "2026-06-01", "18_29"),
        ("1996-06-01", "2026-06-01", "30_39"), ("1967-01-01", "2026-12-31", "50_59"),
        ("1966-06-01", "2026-06-01", "60_69"), ("1956-06-01", "2026-06-01", "70_plus"),
        ("2008-02-29", "2026-02-28", "under_18"), ("2008-02-29", "2026-03-01", "18_29"),
    ])
    func ageBands(birth: String, on: String, band: String) {
        #expect(AgeBands.standard.band(born: CivilDate(iso: birth)!, on: CivilDate(iso: on)!)?.key == band)
    }

    @Test("age band labels, a birth after the survey, and the variable")
    func ageBandVariable() {
        let bands = AgeBands.standard
        #expect(bands.categories.map(\.key) == ["under_18", "18_29", "30_39", "40_49", "50_59", "60_69", "70_plus"])
        #expect(bands.categories[1].label == BilingualText("18–29岁", "18–29"))
        #expect(bands.categories.last?.label == BilingualText("70岁及以上", "70 and over"))
        let day = CivilDate(iso: "2026-06-01")!
        #expect(bands.band(born: CivilDate(iso: "2026-06-02")!, on: day) == nil)
        let v = bands.variable(births: [CivilDate(iso: "1950-01-01"), nil, CivilDate(iso: "2000-01-01")], on: day)
        #expect(v.values == [.one(6), .missing, .one(1)])
        #expect(AgeBands(lowerBounds: [60]).categories.map(\.key) == ["under_60", "60_plus"])
    }

    @Test("age bands are configuration: stored as JSON, and refused when they do not ascend")
    func ageBandCoding() throws {
        let data = try JSONEncoder().encode(AgeBands(lowerBounds: [18, 60]))
        #expect(String(decoding: data, as: UTF8.self) == #"{"lower_bounds":[18,60]}"#)
        #expect(try JSONDecoder().decode(AgeBands.self, from: data) == AgeBands(lowerBounds: [18, 60]))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AgeBands.self, from: Data(#"{"lower_bounds":[60,18]}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AgeBands.self, from: Data(#"{"lower_bounds":[]}"#.utf8)) }
    }

    @Test("response rates by group, in the app's order")
    func responseRates() {
        let invitations: [(group: String, responded: Bool)] = [("zhonghai", true), ("zhonghai", false), ("victoria", true),
                                                              ("zhonghai", true), ("rongcheng", false)]
        let rates = ResponseRates(groups: cats("zhonghai", "dayuan", "victoria"), invitations: invitations)
        #expect(rates.lines.map(\.group.key) == ["zhonghai", "dayuan", "victoria", "rongcheng"])
        #expect(rates.lines.map(\.invited) == [3, 0, 1, 1])
        #expect(rates.lines.map(\.responded) == [2, 0, 1, 0])
        #expect(rates.lines[0].rate.formatted() == "66.67%")
        #expect(rates.lines[1].rate.formatted() == "—")
        #expect(rates.rate.formatted() == "60.00%")
    }
}

@Suite("Surveys: chi-square test of independence")
struct SurveyChiSquareTests {
    @Test("the survival function at the 5% critical values", arguments: [
        (3.841, 1, 0.050_043), (5.991, 2, 0.050_009), (11.07, 5, 0.049_986), (124.342, 100, 0.050_000),
        (6.635, 1, 0.010_000), (10.828, 1, 0.001_000), (3.940, 10, 0.950_000),
    ])
    func criticalValues(x: Double, df: Int, p: Double) {
        #expect(abs(ChiSquareDistribution.survival(x, degreesOfFreedom: df) - p) < 5e-5, "χ²=\(x), df=\(df)")
    }

    @Test("closed forms: df 2 is exp(−x/2), df 1 is erfc(√(x/2)), Q(1, x) is exp(−x)")
    func closedForms() {
        for x in [0.001, 0.1, 0.5, 1, 2, 3.5, 7, 15, 40, 90] {
            #expect(abs(ChiSquareDistribution.survival(x, degreesOfFreedom: 2) - exp(-x / 2)) < 1e-14, "x=\(x)")
            let q1 = ChiSquareDistribution.survival(x, degreesOfFreedom: 1)
            #expect(abs(q1 - erfc((x / 2).squareRoot())) <= 1e-13 * max(1, erfc((x / 2).squareRoot()) * 1e3), "x=\(x)")
            #expect(abs(IncompleteGamma.upper(1, x) - exp(-x)) < 1e-14)
            #expect(abs(IncompleteGamma.lower(3, x) + IncompleteGamma.upper(3, x) - 1) < 1e-14)
        }
        #expect(ChiSquareDistribution.survival(0, degreesOfFreedom: 3) == 1)
        // A far tail keeps its relative accuracy (erfc(√50) ≈ 2.1e-23).
        let tail = ChiSquareDistribution.survival(100, degreesOfFreedom: 1)
        #expect(abs(tail / erfc(50.0.squareRoot()) - 1) < 1e-10)
    }

    @Test("log-gamma against known values and the platform's lgamma")
    func logGamma() {
        #expect(abs(IncompleteGamma.logGamma(0.5) - 0.572_364_942_924_700_1) < 1e-14, "ln √π")
        #expect(abs(IncompleteGamma.logGamma(5) - log(24.0)) < 1e-13)
        for x in [0.01, 0.3, 1, 1.5, 2.5, 10, 50.5, 171] {
            #expect(abs(IncompleteGamma.logGamma(x) - lgamma(x)) < 1e-12 * max(1, abs(lgamma(x))), "x=\(x)")
        }
    }

    @Test("a 2×2 table: X², one degree of freedom, p")
    func twoByTwo() throws {
        let test = ChiSquareTest(counts: [[10, 20], [30, 40]])
        // Expected [[12, 18], [28, 42]]; X² = 4/12 + 4/18 + 4/28 + 4/42.
        let x2 = 4.0 / 12 + 4.0 / 18 + 4.0 / 28 + 4.0 / 42
        #expect(abs(try #require(test.statistic) - x2) < 1e-12)
        #expect(test.degreesOfFreedom == 1)
        #expect(abs(try #require(test.pValue) - erfc((x2 / 2).squareRoot())) < 1e-12)
        #expect(test.expected == [[12, 18], [28, 42]])
        #expect(test.applies)
    }

    @Test("when it does not apply, it says why")
    func rule() {
        let small = ChiSquareTest(counts: [[1, 2], [3, 4]])
        #expect(!small.applies)
        #expect(small.reasons == [.expectedBelowFive(cells: 4, of: 4)])
        #expect(small.statistic != nil, "the figures are still there, to be read with the warning")

        let belowOne = ChiSquareTest(counts: [[0, 1, 0], [10, 20, 15], [12, 25, 30], [9, 22, 14], [15, 18, 21]])
        #expect(belowOne.reasons == [.expectedBelowOne(cells: 3)], "3 of 15 cells below 5 is 20%: allowed; below 1 is not")

        // Exactly 20% of cells below 5 passes; one more fails.
        let edge = ChiSquareTest(counts: [[2, 2, 3, 3, 2], [30, 30, 30, 30, 30], [30, 30, 30, 30, 30], [30, 30, 30, 30, 30], [30, 30, 30, 30, 30]])
        #expect(edge.applies, "\(edge.reasons)")

        let oneRow = ChiSquareTest(counts: [[5, 7], [0, 0]])
        #expect(oneRow.reasons == [.tooFewCategories(rows: 1, columns: 2)])
        #expect(oneRow.droppedRows == [1])
        #expect(oneRow.statistic == nil && oneRow.pValue == nil)

        // A category nobody chose is dropped, and degrees of freedom count what is left.
        let dropped = ChiSquareTest(counts: [[10, 0, 20], [30, 0, 40]])
        #expect(dropped.droppedColumns == [1])
        #expect(dropped.degreesOfFreedom == 1)
        #expect(dropped.statistic == ChiSquareTest(counts: [[10, 20], [30, 40]]).statistic)
    }

    @Test("multiple choice: cells are not independent counts, so no test")
    func multipleResponse() throws {
        let q = VolunteerSurvey.questionnaire
        let responses: [SurveyAnswers] = (0..<40).map { i in ["willing": .choice("no"), "why_not": .choices(i % 3 == 0 ? ["busy", "unpaid"] : ["busy"])] }
        let why = try #require(CategoricalVariable(question: q.question("why_not")!, responses: responses))
        let sex = CategoricalVariable.sex((0..<40).map { $0 % 2 == 0 ? .female : .male })
        let test = CrossTabulation(rows: sex, columns: why).chiSquare
        #expect(test.reasons == [.multipleResponse])
        #expect(test.statistic == nil)
    }
}
