import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// `zhanju bench survey`: a cross-tabulation over a million responses (issue 14's speed goal).
/// A synthetic city (CityGenerator) into a scratch SQLite file; the seed survey's single-choice
/// questions sent through SurveyService to the city's first workstation; N responses, each from
/// a resident of the city drawn at random (their compound, zone, grid, sex and age band) with the
/// answers of one of the seed's 196 respondents drawn at random, written in one transaction
/// through a prepared statement (as the city is); then the timed part: the cross-tab of two
/// questions as the analysis asks for it (SurveyCrossTab: the counts of the responses' coded
/// answers, kept with each write, read and added up; the table with its chi-square test). The responses are also written as the CSV
/// export writes them (same columns and cells), for pandas to do the same (scripts/survey-bench.sh).
public enum SurveyBench {
    /// The seed questions every respondent answers with one choice.
    static let keys = ["employment_services", "model_attitude", "committee_per_compound", "cross_appointment", "core_body", "volunteer"]
    public static let rowKey = "model_attitude"
    public static let columnKey = "committee_per_compound"

    static var questionnaire: Questionnaire {
        let questions = SeedSurvey.questionnaire.questions.filter { keys.contains($0.key) }.map { q -> Question in
            var q = q
            q.showIf = nil
            return q
        }
        return Questionnaire(title: BilingualText("神仙树需求调查(基准)", "Shenxianshu needs survey (bench)"),
                             sections: [QuestionnaireSection("main", BilingualText("问卷", "Questionnaire"), questions)])
    }

    public static func run(responses count: Int, households: Int, directory: String) async throws -> String {
        let file = (directory as NSString).appendingPathComponent("zhanju-survey-bench.sqlite")
        let csvPath = (directory as NSString).appendingPathComponent("zhanju-survey-bench.csv")
        for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        let app = try await ZhanjuServer.makeApplication(.fromEnvironment(databasePath: file))
        do {
            let report = try await run(app, file: file, csvPath: csvPath, count: count, households: households)
            try await app.asyncShutdown()
            return report
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func run(_ app: Application, file: String, csvPath: String, count: Int, households: Int) async throws -> String {
        try await ZhanjuServer.migrate(app)
        app.databases.reinitialize()
        let city = try await CityGenerator(households: households, seed: 2010).generate(into: app)
        let registry = RegistryDirectory(db: app.db)
        let places = try await registry.surveyPlaces()
        let today = app.clock.today
        struct Person { var compound: UUID; var zone: UUID?; var grid: UUID?; var sex: Sex; var band: String? }
        var people: [Person] = []
        for ws in places where ws.kind == "workstation" {
            for h in try await registry.surveyFrame(kind: "workstation", id: ws.id, adultsOn: today) {
                for r in h.residents {
                    people.append(Person(compound: h.compoundID, zone: h.zoneID, grid: h.gridID, sex: r.sex,
                                         band: r.birthDate.flatMap { AgeBands.standard.band(born: $0, on: today)?.key }))
                }
            }
        }
        guard !people.isEmpty, let workstation = places.first(where: { $0.kind == "workstation" }) else { return "the city has nobody to ask" }
        let names = Dictionary(places.map { ($0.id, $0.name.zh) }, uniquingKeysWith: { a, _ in a })

        // The survey, through the service as the workstation would send it.
        let service = SurveyService(db: app.db, context: .system("survey bench", app), now: app.access.now(), today: today)
        let q = Self.questionnaire
        let row = try await service.create(.init(ownerKind: "workstation", ownerId: workstation.id, questionnaire: q, bilingual: true))
        let d = try await service.send(row.id!, .init(nameZh: "基准", nameEn: "Bench", scopeKind: "workstation", scopeId: workstation.id, sampling: "households_per_grid",
                                                      householdsPerGrid: 1, seed: "1", anonymous: true, closesOn: today.adding(days: 30).iso))

        // The answer sets: each of the seed's 196, checked once and encoded once.
        let sets = SeedSurvey.responses().map { $0.filter { keys.contains($0.key) } }
        for s in sets where !q.validate(s).isEmpty { return "a seed answer set does not fit the bench questionnaire: \(q.validate(s))" }
        let json = try sets.map { try SurveyJSON.string($0) }
        let coded = sets.map { SurveyCodes.codes(q, $0) }
        let columns = SurveyColumns(q)
        let cells = sets.map { try? CSVFile.render(header: [], rows: [columns.cells(for: $0)]) }.map { ($0 ?? "").split(separator: "\r\n").last.map(String.init) ?? "" }

        // Writing: one transaction, one prepared statement; the CSV beside it, streamed.
        let writeStarted = Date()
        var rng = SeededGenerator(seed: 14)
        let writer = try SQLiteBulkWriter(path: file)
        FileManager.default.createFile(atPath: csvPath, contents: nil)
        let csv = try FileHandle(forWritingTo: URL(fileURLWithPath: csvPath))
        let header = try CSVFile.render(header: ["response"] + columns.names + ["compound", "zone", "grid", "sex", "age_band", "channel"], rows: [])
        csv.write(Data(("\u{FEFF}" + header).utf8))
        try writer.execute("BEGIN IMMEDIATE")
        let insertColumns = ["id", "distribution_id", "version", "answers", "channel", "entered_by", "invitation_id", "compound_id", "zone_id", "grid_id", "sex", "age_band", "submitted_on", "codes"]
        var tally = [Int](repeating: 0, count: sets.count)
        var batch: [[BulkValue]] = []
        var lines = ""
        batch.reserveCapacity(10_000)
        for i in 0..<count {
            let p = people[Int(rng.next(upperBound: UInt64(people.count)))]
            let s = Int(rng.next(upperBound: UInt64(sets.count)))
            tally[s] += 1
            batch.append([.uuid(UUID()), .uuid(d.id!), .int(d.version), .text(json[s]), .text("paper"), .text("survey bench"), .null,
                          .uuid(p.compound), BulkValue(p.zone), BulkValue(p.grid), .text(p.sex.rawValue), BulkValue(p.band), .text(today.iso), .text(coded[s])])
            lines += "\(i + 1),\(cells[s]),\(names[p.compound] ?? ""),,\(p.grid.flatMap { names[$0] } ?? ""),\(p.sex.rawValue),\(p.band ?? ""),paper\r\n"
            if batch.count == 10_000 || i == count - 1 {
                try writer.insert(into: "survey_responses", columns: insertColumns, rows: batch)
                csv.write(Data(lines.utf8))
                batch.removeAll(keepingCapacity: true)
                lines = ""
            }
        }
        // The code strings' counts, as SurveyService.count keeps them with each response.
        var counts: [String: Int] = [:]
        for (s, n) in tally.enumerated() where n > 0 { counts[coded[s], default: 0] += n }
        try writer.insert(into: "survey_code_counts", columns: ["id", "distribution_id", "codes", "n"],
                          rows: counts.sorted { $0.key < $1.key }.map { [.uuid(UUID()), .uuid(d.id!), .text($0.key), .int($0.value)] })
        try writer.execute("COMMIT")
        writer.close()
        try csv.close()
        let written = Date().timeIntervalSince(writeStarted)
        let csvSize = (try? FileManager.default.attributesOfItem(atPath: csvPath)[.size] as? Int) ?? 0

        // The timed part, three times: the database counts, the process makes the table and its test.
        var times: [Double] = []
        var table: SurveyRead.CrossTabView?
        for _ in 0..<3 {
            let started = Date()
            guard let counted = try await SurveyCrossTab.count(d, questionnaire: q, row: rowKey, column: columnKey, on: app.db) else { return "no cross-tab" }
            table = SurveyRead.view(counted, row: rowKey, column: columnKey, anonymous: d.anonymous)
            times.append(Date().timeIntervalSince(started))
        }
        let t = table!
        let rowColumn = columns.columns.first { $0.question == rowKey }!.name
        let columnColumn = columns.columns.first { $0.question == columnKey }!.name
        return """
            city: \(city.households) households, \(people.count) adults (\(String(format: "%.1f", city.seconds)) s)
            \(count) responses written in \(String(format: "%.1f", written)) s; CSV \(csvSize / 1_048_576) MiB at \(csvPath)
            cross-tab \(rowKey) × \(columnKey) (the database reads the code strings' counts kept on write, the process adds them up and builds the table and chi-square): \
            \(times.map { String(format: "%.3f", $0) }.joined(separator: " s, ")) s (best \(String(format: "%.3f", times.min()!)) s)
            total \(t.total ?? 0), excluded \(t.excluded), chi-square \(t.chiSquare.statistic.map { String(format: "%.2f", $0) } ?? "n/a"), df \(t.chiSquare.degreesOfFreedom)
            counts: \(t.counts.map { $0.map { $0.map(String.init) ?? "<5" }.joined(separator: " ") }.joined(separator: " | "))
            pandas columns: \(rowColumn) \(columnColumn)
            """
    }
}
