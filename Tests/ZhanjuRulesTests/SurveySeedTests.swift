import Testing
@testable import ZhanjuRules

/// The seed's survey of 196 residents: the analysis must print the text's own percentages.
@Suite("Surveys: the seed's 196 answers give the published percentages")
struct SurveySeedTests {
    let q = SeedSurvey.questionnaire
    let responses = SeedSurvey.responses()
    let people = SeedSurvey.respondentList()

    @Test("the questionnaire is valid in both languages, and every response is complete and valid")
    func valid() {
        #expect(q.validate(requiring: [.zh, .en]).isEmpty)
        #expect(responses.count == 196)
        for (i, r) in responses.enumerated() { #expect(q.validate(r).isEmpty, "response \(i): \(q.validate(r))") }
        #expect(SeedSurvey.responses() == responses, "the same seed gives the same answers")
        #expect(SeedSurvey.responses(seed: 1) != responses)
    }

    @Test("security 77.04%, epidemic prevention 73.47%, elderly school 78.57%, reading room 71.43% of 196")
    func headline() throws {
        let services = try #require(FrequencyTable(question: "workstation_services", in: q, responses: responses))
        #expect(services.respondents == 196)
        #expect(services["security"]?.count == 151)
        #expect(services["security"]?.ofRespondents.formatted() == "77.04%")
        #expect(services["epidemic_prevention"]?.ofRespondents.formatted() == "73.47%")
        let education = try #require(FrequencyTable(question: "education_services", in: q, responses: responses))
        #expect(education.respondents == 196)
        #expect(education["elderly_school"]?.ofRespondents.formatted() == "78.57%")
        #expect(education["reading_room"]?.ofRespondents.formatted() == "71.43%")
        #expect(education["child_daycare"]?.ofRespondents.formatted() == "56.63%")
        #expect(education["skills_training"]?.ofRespondents.formatted() == "45.41%")
        // Of answers: 154 of the 494 education services named.
        #expect(education.answers == 154 + 140 + 111 + 89)
        #expect(education["elderly_school"]?.ofAnswers?.formatted() == "31.17%")
    }

    @Test("every published figure, at the precision the text prints it", arguments: SeedSurvey.published)
    func published(_ figure: SeedSurvey.Published) throws {
        let table = try #require(FrequencyTable(question: figure.question, in: q, responses: responses))
        let row = try #require(table[figure.option])
        #expect(row.count == figure.count)
        #expect(table.respondents == figure.base)
        let decimals = figure.printed.split(separator: ".").dropFirst().first.map { $0.count - 1 } ?? 0
        #expect(row.ofRespondents.formatted(decimals: decimals) == figure.printed)
    }

    @Test("why not volunteer: asked only of the 74 who said no")
    func whyNot() throws {
        let t = try #require(FrequencyTable(question: "volunteer_why_not", in: q, responses: responses))
        #expect(t.respondents == 74)
        #expect(t.notShown == 122)
        #expect(t.rows.map(\.count) == [28, 20, 12, 10, 4])
        #expect(t["busy"]?.ofRespondents.formatted() == "37.84%")
        let interest = try #require(FrequencyTable(question: "activities_interest", in: q, responses: responses))
        #expect(interest.missing == 1 && interest.notShown == 0, "one left it empty; the base is the 195 who answered")
    }

    @Test("attitude to the model by compound: counts add up, and chi-square says why it does not apply")
    func byCompound() throws {
        let compound = CategoricalVariable.grouping(key: "compound", label: BilingualText("小区", "Compound"),
                                                    categories: SeedSurvey.compounds, values: people.map(\.compound))
        let attitude = try #require(CategoricalVariable(question: q.question("model_attitude")!, responses: responses))
        let t = CrossTabulation(rows: attitude, columns: compound)
        #expect(t.rowTotals == [129, 17, 50])
        #expect(t.columnTotals == [78, 52, 36, 30])
        #expect(t.total == 196 && t.excluded == 0)
        let test = t.chiSquare
        #expect(test.degreesOfFreedom == 6)
        // Disapprove (17) expects 17·52/196 = 4.5, 17·36/196 = 3.1 and 17·30/196 = 2.6: 3 cells of 12 below 5.
        #expect(test.reasons == [.expectedBelowFive(cells: 3, of: 12)])
        // The statistic, recomputed here from the counts.
        var x2 = 0.0
        for r in 0..<3 {
            for c in 0..<4 {
                let e = Double(t.rowTotals[r] * t.columnTotals[c]) / 196
                x2 += (Double(t.counts[r][c]) - e) * (Double(t.counts[r][c]) - e) / e
            }
        }
        #expect(abs(try #require(test.statistic) - x2) < 1e-9)
        #expect(abs(try #require(test.pValue) - ChiSquareDistribution.survival(x2, degreesOfFreedom: 6)) < 1e-15)
    }

    @Test("willingness to volunteer by sex and by age band: a test that applies")
    func bySexAndAge() throws {
        let volunteer = try #require(CategoricalVariable(question: q.question("volunteer")!, responses: responses))
        let bySex = CrossTabulation(rows: CategoricalVariable.sex(people.map(\.sex)), columns: volunteer)
        #expect(bySex.rowTotals == [104, 92])
        #expect(bySex.columnTotals == [122, 74])
        let test = bySex.chiSquare
        #expect(test.applies)
        #expect(test.degreesOfFreedom == 1)
        #expect((0...1).contains(try #require(test.pValue)))

        let ages = AgeBands.standard.variable(births: people.map(\.born), on: SeedSurvey.surveyDate)
        let byAge = CrossTabulation(rows: ages, columns: volunteer)
        #expect(byAge.total == 196)
        #expect(byAge.rowTotals[0] == 0, "nobody under 18 was asked")
        #expect(byAge.chiSquare.droppedRows == [0])
        #expect(byAge.chiSquare.degreesOfFreedom == 5)
        let born = people.map { $0.born.age(on: SeedSurvey.surveyDate) }
        #expect(born.min()! >= 20 && born.max()! <= 84)
    }

    @Test("as an anonymous survey, the small cells by compound are suppressed and protected")
    func anonymous() throws {
        let compound = CategoricalVariable.grouping(key: "compound", label: BilingualText("小区", "Compound"),
                                                    categories: SeedSurvey.compounds, values: people.map(\.compound))
        let attitude = try #require(CategoricalVariable(question: q.question("model_attitude")!, responses: responses))
        let t = CrossTabulation(rows: attitude, columns: compound)
        let s = t.suppressed()
        for r in 0..<3 {
            for c in 0..<4 {
                let n = t.counts[r][c]
                #expect((s.cells[r][c] == .belowThreshold) == (n > 0 && n < 5), "cell \(r),\(c) = \(n)")
                if case .count(let shown) = s.cells[r][c] { #expect(shown == n) }
            }
            let hidden = s.cells[r].filter(\.isSuppressed).count + (s.rowTotals![r].isSuppressed ? 1 : 0)
            #expect(hidden != 1, "row \(r)")
        }
        for c in 0..<4 {
            let hidden = s.cells.map { $0[c] }.filter(\.isSuppressed).count + (s.columnTotals![c].isSuppressed ? 1 : 0)
            #expect(hidden != 1, "column \(c)")
        }
    }

    @Test("the SPSS syntax labels every column of the seed questionnaire")
    func spss() {
        let syntax = SPSSSyntax.generate(q, language: .en)
        let columns = SurveyColumns(q)
        for name in columns.names { #expect(syntax.contains(name)) }
        #expect(syntax.contains("'Owners'' committee'"))
        #expect(columns.names.contains("workstation_services_security"))
        let zh = SPSSSyntax.generate(q)
        #expect(zh.contains("  /education_services_elderly_school '您觉得社区应该提供的教育服务有哪些？：老年学校（诗歌、绘画、舞蹈等）'\n"))
        for line in zh.split(separator: "\n") + syntax.split(separator: "\n") {
            #expect(line.utf8.count <= 256, "SPSS reads lines of at most 256 bytes: \(line)")
        }
        #expect(zh.contains("\n    workstation_services_family_planning"), "long lists of names wrap")
        #expect(columns.cells(for: responses[0]).count == columns.names.count)
    }
}
