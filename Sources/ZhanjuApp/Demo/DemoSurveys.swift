import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// The demo's surveys, made through SurveyService as the workstation would: the seed's needs
/// survey (its questionnaire sent to every household, and its 196 paper questionnaires typed in
/// against their slips, so the analysis gives the published percentages: security 77.04%), and
/// an autumn survey in progress (one sampled household per grid, some answers online, some on
/// paper, some saved part way).
enum DemoSurveys {
    struct Made: Sendable {
        var seedDistribution: UUID
        var current: UUID
        var responses: Int
    }

    /// The autumn questionnaire: every kind of question, skip logic, two sections, both languages.
    static let autumn: Questionnaire = {
        func o(_ k: String, _ zh: String, _ en: String) -> ChoiceOption { ChoiceOption(k, BilingualText(zh, en)) }
        return Questionnaire(title: BilingualText("2026 年秋季居民需求调查", "Autumn 2026 residents' needs survey"), sections: [
            QuestionnaireSection("services", BilingualText("服务", "Services"), [
                Question("satisfaction", BilingualText("您对工作站的服务满意吗?", "How satisfied are you with the workstation's services?"),
                         .ratingScale(lowest: 1, highest: 5, lowLabel: BilingualText("很不满意", "Very unsatisfied"), highLabel: BilingualText("很满意", "Very satisfied")), required: true),
                Question("wanted", BilingualText("您最希望增加哪些服务?", "Which services would you most like added?"),
                         .multipleChoice(options: [o("elderly_canteen", "老年食堂", "Canteen for the elderly"), o("parcel_lockers", "快递柜", "Parcel lockers"),
                                                   o("night_patrol", "夜间巡逻", "Night patrols"), o("reading_room", "阅览室", "Reading room")],
                                         allowsOther: true, minimum: 1, maximum: 3), required: true),
            ]),
            QuestionnaireSection("volunteering", BilingualText("志愿服务", "Volunteering"), [
                Question("volunteer", BilingualText("您愿意参加志愿服务吗?", "Would you volunteer?"),
                         .singleChoice(options: [o("yes", "愿意", "Yes"), o("no", "不愿意", "No")], allowsOther: false), required: true),
                Question("why_not", BilingualText("为什么不愿意?", "Why not?"),
                         .singleChoice(options: [o("busy", "工作忙", "Busy at work"), o("no_time", "没时间", "No time"), o("unpaid", "没有报酬", "Unpaid")], allowsOther: true),
                         required: true, showIf: .chosen(question: "volunteer", anyOf: ["no"])),
                Question("hours", BilingualText("每月能拿出几小时?", "How many hours a month could you give?"),
                         .number(minimum: 0, maximum: 100, wholeNumbers: true), showIf: .chosen(question: "volunteer", anyOf: ["yes"])),
                Question("available_from", BilingualText("从哪天起可以参加?", "From which day could you start?"), .date(earliest: nil, latest: nil),
                         showIf: .chosen(question: "volunteer", anyOf: ["yes"])),
                Question("comment", BilingualText("还有什么想说的?", "Anything else?"), .freeText(maxLength: 500)),
            ]),
        ])
    }()

    static func create(on db: any Database, app: Application, context: WriteContext, rng: inout SeededGenerator) async throws -> Made? {
        let places = try await RegistryDirectory(db: db).surveyPlaces()
        guard let workstation = places.first(where: { $0.kind == "workstation" }) else { return nil }
        let today = app.clock.today
        let service = SurveyService(db: db, context: context, now: app.access.now(), today: today)

        // MARK: the seed's survey
        let seed = try await service.create(.init(ownerKind: "workstation", ownerId: workstation.id, questionnaire: SeedSurvey.questionnaire, bilingual: true))
        let sent = try await service.send(seed.id!, .init(nameZh: "神仙树社区居民需求调查(入户问卷)", nameEn: "Shenxianshu needs survey (door to door)",
                                                          scopeKind: "workstation", scopeId: workstation.id, sampling: "one_per_household",
                                                          householdsPerGrid: nil, seed: "2010", anonymous: true, closesOn: today.adding(days: 30).iso))
        // Each paper questionnaire came back with its household's slip: the respondent's compound decides which slips.
        let invitations = try await SurveyInvitation.query(on: db).filter(\.$distributionID == sent.id!).sort(\.$position).all()
        let compoundByName = Dictionary(places.filter { $0.kind == "compound" }.map { ($0.name.zh, $0.id) }, uniquingKeysWith: { a, _ in a })
        var slips: [UUID: [SurveyInvitation]] = Dictionary(grouping: invitations, by: \.compoundID)
        for key in slips.keys { slips[key]!.shuffle(using: &rng) }
        let respondents = SeedSurvey.respondentList()
        let answers = SeedSurvey.responses()
        var records: [SurveyService.PaperRecord] = []
        for (person, given) in zip(respondents, answers) {
            let name = SeedSurvey.compounds.first { $0.key == person.compound }?.label.zh ?? ""
            guard let compound = compoundByName[name], let slip = slips[compound]?.popLast() else { continue }
            records.append(.init(answers: given, code: slip.code, compoundID: compound, sex: person.sex, age: person.born.age(on: SeedSurvey.surveyDate)))
        }
        let entered = try await service.enterPaperBatch(sent.id!, records)
        _ = try await service.close(sent.id!)
        if let item = try await CatalogueDirectory(db: db).items().first(where: { $0.code == "SAF-HAZ" }) {
            _ = try await service.link(seed.id!, .init(kind: SurveyLinkKind.serviceItem.rawValue, target: item.code, questionKey: "workstation_services",
                                                       note: "77.04% 的住户希望工作站提供社区治安服务 / 77.04% want public-security services"))
        }

        // MARK: the autumn survey, in progress
        let autumn = try await service.create(.init(ownerKind: "workstation", ownerId: workstation.id, questionnaire: Self.autumn, bilingual: true))
        let current = try await service.send(autumn.id!, .init(nameZh: "2026 年秋季需求调查(每网格抽 3 户)", nameEn: "Autumn 2026 (3 households per grid)",
                                                              scopeKind: "workstation", scopeId: workstation.id, sampling: "households_per_grid",
                                                              householdsPerGrid: 3, seed: "2026", anonymous: true, closesOn: today.adding(days: 14).iso))
        let codes = try await SurveyInvitation.query(on: db).filter(\.$distributionID == current.id!).sort(\.$position).all().map(\.code)
        var done = 0
        for (i, code) in codes.enumerated() {
            let volunteer = i % 3 != 0
            var a: SurveyAnswers = ["satisfaction": .rating(2 + i % 4), "wanted": .choices(i % 2 == 0 ? ["night_patrol", "parcel_lockers"] : ["elderly_canteen"]),
                                    "volunteer": .choice(volunteer ? "yes" : "no")]
            if volunteer { a["hours"] = .number(Double(4 + i % 8)) } else { a["why_not"] = .choice(i % 2 == 0 ? "busy" : "unpaid") }
            switch i % 4 {
            case 0, 1: _ = try await service.answer(code: code, answers: a, submit: true); done += 1
            case 2: _ = try await service.answer(code: code, answers: ["satisfaction": .rating(4)], submit: false)
            default: break
            }
        }
        return Made(seedDistribution: sent.id!, current: current.id!, responses: entered + done)
    }
}
