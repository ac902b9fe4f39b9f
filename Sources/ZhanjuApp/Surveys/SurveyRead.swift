import Fluent
import Foundation
import SQLKit
import Vapor
import ZhanjuRules

/// What the surveys show: questionnaires, distributions with their sample, response rates by
/// compound, zone and grid, and the analysis (frequencies, means, cross-tabulations with a
/// chi-square test, small cells suppressed in anonymous surveys). Views for the API and the pages.
enum SurveyRead {
    struct QuestionnaireSummary: Content, Sendable {
        var id: UUID
        var ownerKind: String
        var ownerId: UUID
        var titleZh: String
        var titleEn: String
        var currentVersion: Int
        var createdAt: Date
        init(_ q: SurveyQuestionnaireRow) {
            (id, ownerKind, ownerId, titleZh, titleEn, currentVersion, createdAt) = (q.id!, q.ownerKind, q.ownerID, q.titleZh, q.titleEn, q.currentVersion, q.createdAt)
        }
    }

    struct DistributionView: Content, Sendable {
        var id: UUID
        var questionnaireId: UUID
        var version: Int
        var nameZh: String
        var nameEn: String
        var scopeKind: String
        var scopeId: UUID
        var sampling: String
        var householdsPerGrid: Int?
        var seed: String
        var invitee: String
        var anonymous: Bool
        var closesOn: String
        /// The day it was closed by hand before its closing date; absent otherwise.
        var closedOn: String?
        var status: String
        var invited: Int
        /// Invitations answered (web, phone or a slip's code on paper): the rate's numerator.
        var responded: Int
        /// Paper questionnaires typed in without a slip's code: counted apart, as no invitation is theirs.
        var withoutInvitation: Int
        /// Both counts, read from the responses as stored.
        static func read(_ d: SurveyDistribution, on db: any Database, today: CivilDate) async throws -> Self {
            let all = try await SurveyResponseRow.query(on: db).filter(\.$distributionID == d.id!).count()
            // Answered invitations are marked apart (an anonymous response carries no link to its code).
            let coded = try await SurveyAnsweredMark.query(on: db).filter(\.$distributionID == d.id!).count()
            return .init(d, responded: coded, withoutInvitation: all - coded, today: today)
        }
        init(_ d: SurveyDistribution, responded: Int, withoutInvitation: Int, today: CivilDate) {
            (id, questionnaireId, version, nameZh, nameEn) = (d.id!, d.questionnaireID, d.version, d.nameZh, d.nameEn)
            (scopeKind, scopeId, seed, invitee, anonymous, closesOn, invited) = (d.scopeKind, d.scopeID, d.seed, d.invitee, d.anonymous, d.closesOn, d.invited)
            status = d.statusValue(on: today).rawValue
            closedOn = d.closedOnDay == d.closesOn ? nil : d.closedOnDay
            (self.responded, self.withoutInvitation) = (responded, withoutInvitation)
            switch d.samplingMode {
            case .everyone: (sampling, householdsPerGrid) = ("everyone", nil)
            case .onePerHousehold: (sampling, householdsPerGrid) = ("one_per_household", nil)
            case .householdsPerGrid(let n): (sampling, householdsPerGrid) = ("households_per_grid", n)
            }
        }
    }

    /// The sample as shown before sending.
    struct SamplePreview: Content, Sendable {
        struct GridLine: Content, Sendable {
            /// The grid's name in Chinese (as the registry keeps it) and in English.
            var grid: String
            var gridEn: String
            var households: Int
            var residents: Int
            var invitations: Int
            var shortfall: Int
        }
        var seed: String
        var sampling: String
        var households: Int
        var residents: Int
        var invitations: Int
        var grids: [GridLine]
        static let example = SamplePreview(seed: "2026", sampling: "households_per_grid", households: 1204, residents: 2900, invitations: 12,
                                           grids: [.init(grid: "SXS-G01 第一网格", gridEn: "SXS-G01 Grid 1", households: 400, residents: 960, invitations: 1, shortfall: 0)])
    }

    static func preview(_ plan: SurveyService.Plan, gridNames: [UUID: Text]) -> SamplePreview {
        let sampling: String = switch plan.mode {
        case .everyone: "everyone"
        case .onePerHousehold: "one_per_household"
        case .householdsPerGrid: "households_per_grid"
        }
        return SamplePreview(seed: String(plan.seed), sampling: sampling, households: plan.sample.households, residents: plan.sample.residents,
                             invitations: plan.sample.invitees.count,
                             grids: plan.sample.grids.map { g in
                                 let name = gridNames[g.grid] ?? Text("未分网格", "No grid")
                                 return .init(grid: name.zh, gridEn: name[.en], households: g.households, residents: g.residents,
                                              invitations: g.invitations, shortfall: g.shortfall) }.sorted { $0.grid < $1.grid })
    }

    static func gridNames(on db: any Database) async throws -> [UUID: Text] {
        Dictionary(try await RegistryDirectory(db: db).surveyPlaces().filter { $0.kind == "grid" }.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    struct InvitationView: Content, Sendable {
        var code: String
        var door: String
        var compound: String
        var grid: String?
        var answered: Bool
    }

    /// The invitations in address order, for printing slips (who answered is shown only in
    /// identified distributions; anonymous ones show counts, never which door).
    static func invitations(_ d: SurveyDistribution, on db: any Database) async throws -> [InvitationView] {
        let rows = try await SurveyInvitation.query(on: db).filter(\.$distributionID == d.id!).sort(\.$position).all()
        let answered = Set(try await SurveyAnsweredMark.query(on: db).filter(\.$distributionID == d.id!).all().map(\.invitationID))
        let places = try await RegistryDirectory(db: db).surveyPlaces()
        let names = Dictionary(places.map { ($0.id, $0.name.zh) }, uniquingKeysWith: { a, _ in a })
        return rows.map { InvitationView(code: $0.code, door: $0.door, compound: names[$0.compoundID] ?? "", grid: $0.gridID.flatMap { names[$0] },
                                         answered: d.anonymous ? false : answered.contains($0.id!)) }
    }

    // MARK: response rates

    struct RatesView: Content, Sendable {
        struct Line: Content, Sendable {
            var key: String
            var labelZh: String
            var labelEn: String
            var invited: Int
            var responded: Int
            var rate: String
        }
        var invited: Int
        var responded: Int
        var rate: String
        /// Responses without an invitation (paper questionnaires entered without a slip).
        var withoutInvitation: Int
        var byCompound: [Line]
        var byZone: [Line]
        var byGrid: [Line]
        static let example = RatesView(invited: 10, responded: 4, rate: "40.00%", withoutInvitation: 0,
                                       byCompound: [.init(key: UUID().uuidString, labelZh: "中海名城", labelEn: "Zhonghai Mingcheng", invited: 10, responded: 4, rate: "40.00%")],
                                       byZone: [], byGrid: [])
    }

    static func rates(_ d: SurveyDistribution, on db: any Database) async throws -> RatesView {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT i.compound_id, i.zone_id, i.grid_id, CASE WHEN a.id IS NULL THEN 0 ELSE 1 END AS answered
            FROM survey_invitations i LEFT JOIN survey_answered a ON a.invitation_id = i.id WHERE i.distribution_id = \(bind: d.id!)
            """).all()
        var compound: [(String, Bool)] = [], zone: [(String, Bool)] = [], grid: [(String, Bool)] = []
        for row in rows {
            let done = try row.decode(column: "answered", as: Int.self) == 1
            compound.append(((try row.decode(column: "compound_id", as: UUID.self)).uuidString, done))
            if let z = try row.decode(column: "zone_id", as: UUID?.self) { zone.append((z.uuidString, done)) }
            grid.append(((try row.decode(column: "grid_id", as: UUID?.self))?.uuidString ?? "none", done))
        }
        let registry = RegistryDirectory(db: db)
        let places = try await registry.surveyPlaces()
        var names = Dictionary(places.map { ($0.id.uuidString, $0.name) }, uniquingKeysWith: { a, _ in a })
        for (id, name) in try await registry.zoneNames(zone.compactMap { UUID(uuidString: $0.0) }) { names[id.uuidString] = name }
        names["none"] = Text("未分网格", "No grid")
        func lines(_ list: [(String, Bool)]) -> [RatesView.Line] {
            var order: [String] = []
            for (k, _) in list where !order.contains(k) { order.append(k) }
            let groups = order.map { SurveyCategory($0, BilingualText(names[$0]?.zh ?? $0, names[$0]?.en ?? $0)) }
            let r = ResponseRates(groups: groups, invitations: list.map { (group: $0.0, responded: $0.1) })
            return r.lines.map { .init(key: $0.group.key, labelZh: $0.group.label.zh, labelEn: $0.group.label[.en], invited: $0.invited, responded: $0.responded, rate: $0.rate.formatted()) }
                .sorted { $0.labelZh < $1.labelZh }
        }
        let all = ResponseRates(groups: [], invitations: compound.map { (group: $0.0, responded: $0.1) })
        let free = try await SurveyResponseRow.query(on: db).filter(\.$distributionID == d.id!).count() - all.responded
        return RatesView(invited: all.invited, responded: all.responded, rate: all.rate.formatted(), withoutInvitation: max(0, free),
                         byCompound: lines(compound), byZone: lines(zone), byGrid: lines(grid))
    }

    // MARK: analysis

    /// Keys of the respondent facts a table may be broken down by; never a question's key
    /// (question keys start with a letter).
    enum Fact: String, CaseIterable, Sendable {
        case compound = ":compound"
        case zone = ":zone"
        case grid = ":grid"
        case sex = ":sex"
        case ageBand = ":age_band"
        case channel = ":channel"

        var label: Text {
            switch self {
            case .compound: SurveyStrings.compound
            case .zone: SurveyStrings.zone
            case .grid: SurveyStrings.grid
            case .sex: SurveyStrings.sex
            case .ageBand: SurveyStrings.ageBand
            case .channel: Text("方式", "Channel")
            }
        }
    }

    struct Filter: Sendable, Equatable {
        var compound: UUID?
        var sex: String?
        var ageBand: String?
        var channel: String?
        /// Only respondents who chose `option` in `question`.
        var question: String?
        var option: String?
        static let none = Filter()
        var isEmpty: Bool { self == .none }
    }

    /// The responses of one distribution with the facts about who answered, filtered.
    struct Loaded: Sendable {
        var distribution: SurveyDistribution
        var questionnaire: Questionnaire
        var answers: [SurveyAnswers]
        var compound: [UUID?]
        var zone: [UUID?]
        var grid: [UUID?]
        var sex: [String?]
        var ageBand: [String?]
        var channel: [String]
        var names: [UUID: Text]
        var total: Int
    }

    /// The questionnaire version a distribution was sent with.
    static func questionnaire(of d: SurveyDistribution, on db: any Database) async throws -> Questionnaire {
        guard let row = try await SurveyVersionRow.query(on: db).filter(\.$questionnaireID == d.questionnaireID).filter(\.$version == d.version).first() else {
            throw SurveyStrings.notFound()
        }
        return try row.questionnaire
    }

    static func load(_ d: SurveyDistribution, filter: Filter, on db: any Database) async throws -> Loaded {
        try await load(d, questionnaire: try await questionnaire(of: d, on: db), filter: filter, on: db)
    }

    static func load(_ d: SurveyDistribution, questionnaire q: Questionnaire, filter: Filter, on db: any Database) async throws -> Loaded {
        let rows = try await (db as! any SQLDatabase).select()
            .columns("answers", "compound_id", "zone_id", "grid_id", "sex", "age_band", "channel")
            .from(SurveyResponseRow.schema).where("distribution_id", .equal, d.id!).all()
        var out = Loaded(distribution: d, questionnaire: q, answers: [], compound: [], zone: [], grid: [], sex: [], ageBand: [], channel: [], names: [:], total: rows.count)
        out.answers.reserveCapacity(rows.count)
        for row in rows {
            let answers = (try? SurveyJSON.decoder.decode(SurveyAnswers.self, from: Data(try row.decode(column: "answers", as: String.self).utf8))) ?? [:]
            let compound = try row.decode(column: "compound_id", as: UUID?.self)
            let sex = try row.decode(column: "sex", as: String?.self)
            let band = try row.decode(column: "age_band", as: String?.self)
            let channel = try row.decode(column: "channel", as: String.self)
            if let c = filter.compound, compound != c { continue }
            if let s = filter.sex, sex != s { continue }
            if let b = filter.ageBand, band != b { continue }
            if let ch = filter.channel, channel != ch { continue }
            if let fq = filter.question, let fo = filter.option, !(answers[fq]?.chosenKeys.contains(fo) ?? false) { continue }
            out.answers.append(answers)
            out.compound.append(compound)
            out.zone.append(try row.decode(column: "zone_id", as: UUID?.self))
            out.grid.append(try row.decode(column: "grid_id", as: UUID?.self))
            out.sex.append(sex)
            out.ageBand.append(band)
            out.channel.append(channel)
        }
        let registry = RegistryDirectory(db: db)
        for p in try await registry.surveyPlaces() { out.names[p.id] = p.name }
        for (id, name) in try await registry.zoneNames(Array(Set(out.zone.compactMap { $0 }))) { out.names[id] = name }
        return out
    }

    /// The variable a key names: a choice or rating question, or a fact about who answered.
    static func variable(_ key: String, in l: Loaded) -> CategoricalVariable? {
        if let fact = Fact(rawValue: key) {
            func places(_ ids: [UUID?]) -> CategoricalVariable {
                var order: [UUID] = []
                for id in ids.compactMap({ $0 }) where !order.contains(id) { order.append(id) }
                let cats = order.map { SurveyCategory($0.uuidString, BilingualText(l.names[$0]?.zh ?? "—", l.names[$0]?.en ?? "—")) }
                    .sorted { $0.label.zh < $1.label.zh }
                return .grouping(key: key, label: BilingualText(fact.label.zh, fact.label.en), categories: cats, values: ids.map { $0?.uuidString })
            }
            switch fact {
            case .compound: return places(l.compound)
            case .zone: return places(l.zone)
            case .grid: return places(l.grid)
            case .sex: return .sex(l.sex.map { $0.flatMap(Sex.init(rawValue:)) })
            case .ageBand:
                return .grouping(key: key, label: BilingualText("年龄段", "Age band"), categories: AgeBands.standard.categories, values: l.ageBand)
            case .channel:
                return .grouping(key: key, label: BilingualText("方式", "Channel"),
                                 categories: SurveyChannel.allCases.map { SurveyCategory($0.rawValue, BilingualText($0.label.zh, $0.label.en)) }, values: l.channel)
            }
        }
        guard let question = l.questionnaire.question(key) else { return nil }
        return CategoricalVariable(question: question, responses: l.answers)
    }

    struct FrequencyView: Content, Sendable {
        struct Row: Content, Sendable {
            var key: String
            var labelZh: String
            var labelEn: String
            /// Null where the cell is suppressed (fewer than 5 in an anonymous survey's breakdown).
            var count: Int?
            var ofRespondents: String
            var ofAnswers: String?
        }
        struct Mean: Content, Sendable {
            var count: Int
            var mean: Double
            var median: Double
            var minimum: Double
            var maximum: Double
            var standardDeviation: Double?
        }
        var question: String
        var textZh: String
        var textEn: String
        var kind: String
        var multipleResponse: Bool
        var respondents: Int
        var answers: Int
        var missing: Int
        var rows: [Row]
        var mean: Mean?
    }

    static func kindName(_ k: QuestionKind) -> String {
        switch k {
        case .singleChoice: "single_choice"
        case .multipleChoice: "multiple_choice"
        case .ratingScale: "rating_scale"
        case .number: "number"
        case .date: "date"
        case .freeText: "free_text"
        }
    }

    /// `suppress`: a filtered view of an anonymous survey (one compound, women of 70 and over)
    /// may narrow to a few households, so its small counts are suppressed too, and so is the
    /// mean of fewer than the threshold.
    /// A filtered subset of fewer than the threshold gives no frequencies at all: its counts,
    /// percentages and bars would each give its size (and its members' answers) away.
    static func frequencies(_ l: Loaded, suppress: Bool = false) -> [FrequencyView] {
        if suppress && l.answers.count < DisclosureControl.standard.threshold { return [] }
        var out: [FrequencyView] = []
        for q in l.questionnaire.questions {
            var view = FrequencyView(question: q.key, textZh: q.text.zh, textEn: q.text[.en], kind: kindName(q.kind), multipleResponse: false,
                                     respondents: 0, answers: 0, missing: 0, rows: [], mean: nil)
            if let table = FrequencyTable(question: q.key, in: l.questionnaire, responses: l.answers) {
                view.multipleResponse = table.multipleResponse
                (view.respondents, view.answers, view.missing) = (table.respondents, table.answers, table.missing)
                let hidden = suppress ? table.suppressed() : nil
                view.rows = table.rows.enumerated().map { i, r in
                    let shown = hidden.map { !$0.cells[0][i].isSuppressed } ?? true
                    return .init(key: r.category.key, labelZh: r.category.label.zh, labelEn: r.category.label[.en], count: shown ? r.count : nil,
                                 ofRespondents: shown ? r.ofRespondents.formatted() : "—", ofAnswers: shown ? r.ofAnswers?.formatted() : (r.ofAnswers == nil ? nil : "—"))
                }
            } else {
                view.respondents = l.answers.reduce(0) { $0 + (($1[q.key].map { !$0.isBlank } ?? false) ? 1 : 0) }
                view.answers = view.respondents
                view.missing = l.answers.count - view.respondents
            }
            if q.kind.isNumeric, let d = Descriptives(question: q.key, responses: l.answers), !suppress || d.count >= DisclosureControl.standard.threshold {
                view.mean = .init(count: d.count, mean: d.mean, median: d.median, minimum: d.minimum, maximum: d.maximum, standardDeviation: d.standardDeviation)
            }
            out.append(view)
        }
        return out
    }

    struct CrossTabView: Content, Sendable {
        struct Category: Content, Sendable {
            var key: String
            var labelZh: String
            var labelEn: String
        }
        struct ChiSquare: Content, Sendable {
            var applies: Bool
            var statistic: Double?
            var degreesOfFreedom: Int
            var pValue: Double?
            var reasons: [String]
            /// Why no test is given: small cells of an anonymous survey's table are hidden.
            static let suppressedReason = "small_cells_suppressed"
        }
        var row: String
        var column: String
        var rows: [Category]
        var columns: [Category]
        /// Counts; null where suppressed.
        var counts: [[Int?]]
        /// Column percentages ("—" where suppressed).
        var columnPercent: [[String]]
        var rowTotals: [Int?]
        var columnTotals: [Int?]
        var total: Int?
        var excluded: Int
        var suppressed: Int
        var chiSquare: ChiSquare
    }

    static func crossTab(_ l: Loaded, row: String, column: String) -> CrossTabView? {
        guard row != column, let r = variable(row, in: l), let c = variable(column, in: l) else { return nil }
        return view(CrossTabulation(rows: r, columns: c), row: row, column: column, anonymous: l.distribution.anonymous)
    }

    static func view(_ table: CrossTabulation, row: String, column: String, anonymous: Bool) -> CrossTabView {
        let chi = table.chiSquare
        func cats(_ list: [SurveyCategory]) -> [CrossTabView.Category] { list.map { .init(key: $0.key, labelZh: $0.label.zh, labelEn: $0.label[.en]) } }
        let chiView = CrossTabView.ChiSquare(applies: chi.applies, statistic: chi.applies ? chi.statistic : nil, degreesOfFreedom: chi.degreesOfFreedom,
                                             pValue: chi.applies ? chi.pValue : nil, reasons: chi.reasons.map { "\($0)" })
        if anonymous {
            let s = table.suppressed()
            let counts = s.cells.map { $0.map(\.count) }
            // A statistic over the full table beside a table with cells hidden lets one work the
            // hidden counts back out of χ²; so where any cell is hidden, no test is given.
            let shownChi = s.suppressedCount == 0 ? chiView
                : CrossTabView.ChiSquare(applies: false, statistic: nil, degreesOfFreedom: chi.degreesOfFreedom, pValue: nil, reasons: [CrossTabView.ChiSquare.suppressedReason])
            return CrossTabView(row: row, column: column, rows: cats(table.rows), columns: cats(table.columns), counts: counts,
                                columnPercent: table.rows.indices.map { i in table.columns.indices.map { j in
                                    s.cells[i][j].isSuppressed ? "—" : table.ofColumn(i, j).formatted(decimals: 1) } },
                                rowTotals: s.rowTotals?.map(\.count) ?? table.rowTotals, columnTotals: s.columnTotals?.map(\.count) ?? table.columnTotals,
                                total: s.total.map { $0.count } ?? table.total, excluded: table.excluded, suppressed: s.suppressedCount, chiSquare: shownChi)
        }
        return CrossTabView(row: row, column: column, rows: cats(table.rows), columns: cats(table.columns), counts: table.counts,
                            columnPercent: table.rows.indices.map { i in table.columns.indices.map { j in table.ofColumn(i, j).formatted(decimals: 1) } },
                            rowTotals: table.rowTotals, columnTotals: table.columnTotals, total: table.total, excluded: table.excluded, suppressed: 0, chiSquare: chiView)
    }

    struct AnalysisView: Content, Sendable {
        var distributionId: UUID
        var respondents: Int
        /// Responses after the filters; null (with `filteredSuppressed`) where a filtered view of an
        /// anonymous survey holds fewer than the threshold.
        var filtered: Int?
        /// True where `filtered` is withheld: then no frequencies and no cross-tab are given either.
        var filteredSuppressed: Bool = false
        var frequencies: [FrequencyView]
        var crossTab: CrossTabView?

        init(distributionId: UUID, respondents: Int, filtered: Int?, filteredSuppressed: Bool = false, frequencies: [FrequencyView], crossTab: CrossTabView?) {
            (self.distributionId, self.respondents, self.filtered, self.filteredSuppressed, self.frequencies, self.crossTab) = (distributionId, respondents, filtered, filteredSuppressed, frequencies, crossTab)
        }

        /// The analysis of a loaded distribution. In an anonymous survey, a filtered view (one
        /// compound, then "only those who chose X") of fewer than the small-cell threshold shows
        /// neither its count, nor any frequency, percentage, mean, bar or cross-tab: each would
        /// give the hidden count, and so the few respondents' answers, away. Zero counts as small
        /// here: "0 chose X" beside "fewer than 5 chose Y" would tell as much.
        static func of(_ d: SurveyDistribution, _ l: Loaded, filter: Filter, crossTab: CrossTabView?) -> AnalysisView {
            let suppress = d.anonymous && !filter.isEmpty
            if suppress && l.answers.count < DisclosureControl.standard.threshold {
                return .init(distributionId: d.id!, respondents: l.total, filtered: nil, filteredSuppressed: true, frequencies: [], crossTab: nil)
            }
            return .init(distributionId: d.id!, respondents: l.total, filtered: l.answers.count, frequencies: SurveyRead.frequencies(l, suppress: suppress), crossTab: crossTab)
        }
    }

    // MARK: exports

    /// The responses as CSV: one row per response, the questionnaire's columns (SurveyColumns),
    /// then compound, zone, grid, sex, age band and channel (the channel alone when anonymous). UTF-8 with BOM; formula-like cells neutralised.
    static func responsesCSV(_ l: Loaded) throws -> String {
        let table = responseTable(l)
        return "\u{FEFF}" + (try CSVFile.render(header: table[0], rows: Array(table.dropFirst())))
    }

    /// The header and one row per response: the questionnaire's columns, then who answered.
    /// In an anonymous distribution the raw rows carry no compound, zone, grid, sex or age band:
    /// together with the answers they single out a household (the one woman over 70 in zone B),
    /// and a raw file, unlike a table, cannot suppress its small cells. Breakdowns by them stay
    /// available as tables, where small cells are suppressed. Only the channel remains.
    static func responseTable(_ l: Loaded) -> [[String]] {
        let columns = SurveyColumns(l.questionnaire)
        let anonymous = l.distribution.anonymous
        var rows: [[String]] = [["response"] + columns.names + (anonymous ? ["channel"] : ["compound", "zone", "grid", "sex", "age_band", "channel"])]
        rows.reserveCapacity(l.answers.count + 1)
        for i in l.answers.indices {
            let who = anonymous ? [l.channel[i]] : [
                l.compound[i].flatMap { l.names[$0]?.zh } ?? "", l.zone[i].flatMap { l.names[$0]?.zh } ?? "", l.grid[i].flatMap { l.names[$0]?.zh } ?? "",
                l.sex[i] ?? "", l.ageBand[i] ?? "", l.channel[i]]
            rows.append(["\(i + 1)"] + columns.cells(for: l.answers[i]) + who)
        }
        return rows
    }

    /// The frequency tables as CSV, one line per answer.
    static func tablesCSV(_ frequencies: [FrequencyView], lang: Lang) throws -> String {
        var rows: [[String]] = []
        for f in frequencies {
            for r in f.rows {
                rows.append([f.question, lang == .zh ? f.textZh : f.textEn, r.key, lang == .zh ? r.labelZh : r.labelEn, r.count.map(String.init) ?? "", r.ofRespondents, r.ofAnswers ?? ""])
            }
            if let m = f.mean { rows.append([f.question, lang == .zh ? f.textZh : f.textEn, "mean", lang == .zh ? "平均" : "mean", "\(m.count)", String(format: "%.2f", m.mean), ""]) }
        }
        return "\u{FEFF}" + (try CSVFile.render(header: ["question", "text", "answer", "label", "count", "percent_of_respondents", "percent_of_answers"], rows: rows))
    }
}

/// What other capabilities read of the surveys: the results linked to service-catalogue items,
/// so the catalogue shows which survey finding an item answers (the other way of the link).
struct SurveyLinks: Sendable {
    let db: any Database

    struct Finding: Sendable, Equatable {
        var survey: Text
        var note: String
        /// The questionnaire it came from, for a link back where the reader may open it.
        var questionnaireID: UUID?
        /// The questionnaire's owner body: those who run surveys there may open it.
        var owner: (kind: String, id: UUID)? = nil

        static func == (a: Finding, b: Finding) -> Bool { (a.survey, a.note, a.questionnaireID) == (b.survey, b.note, b.questionnaireID) }

        /// Whether this reader may open the survey behind the finding (`surveys.run` over its owner).
        func opens(for principal: Principal?, map: TerritoryMap) -> Bool {
            guard let principal, let owner, questionnaireID != nil else { return false }
            let place: Place = switch owner.kind {
            case "workstation": map.place(workstation: owner.id)
            case "committee": map.place(committee: owner.id)
            default: map.place(compound: owner.id)
            }
            return principal.grants.allows(.surveysRun, at: place)
        }
    }

    /// Findings by service item code.
    func serviceItemFindings() async throws -> [String: [Finding]] {
        let links = try await SurveyLink.query(on: db).filter(\.$kind == SurveyLinkKind.serviceItem.rawValue).sort(\.$createdAt).all()
        guard !links.isEmpty else { return [:] }
        let rows = try await SurveyQuestionnaireRow.query(on: db).filter(\.$id ~~ Array(Set(links.map(\.questionnaireID)))).all()
        let titles = Dictionary(rows.map { ($0.id!, $0.title) }, uniquingKeysWith: { a, _ in a })
        let owners = Dictionary(rows.map { ($0.id!, (kind: $0.ownerKind, id: $0.ownerID)) }, uniquingKeysWith: { a, _ in a })
        var out: [String: [Finding]] = [:]
        for l in links { out[l.target, default: []].append(Finding(survey: titles[l.questionnaireID] ?? SurveyStrings.survey, note: l.note, questionnaireID: l.questionnaireID, owner: owners[l.questionnaireID])) }
        return out
    }
}
