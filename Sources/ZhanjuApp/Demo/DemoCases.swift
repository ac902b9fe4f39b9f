import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// Four months of Shenxianshu's casework, played through CaseService day by day so every case
/// has a real timeline, due dates on the working-day calendar, ratings and some overdue. The mix
/// follows the seed: these residents ask for security and epidemic prevention far more than for
/// employment services.
enum DemoCases {
    static let mix: [(code: String, weight: Int)] = [
        ("SAF-HAZ", 16), ("SAF-ORDER", 10), ("SAF-MEDIATE", 4), ("SAN-DISINFECT", 12), ("SAN-PEST", 6), ("SAN-WASTE", 8),
        ("PRO-REPAIR", 12), ("ELD-CARE", 6), ("ELD-AGE", 3), ("MI-APPLY", 3), ("MI-TEMP", 2), ("DIS-ALLOW", 2), ("DIS-CARD", 1),
        ("FLT-RES", 4), ("SI-MEDICAL", 3), ("SI-PENSION", 1), ("HFP-BIRTH", 2), ("EDU-ROOM", 2), ("VET-REG", 1), ("EMP-REG", 1), ("EMP-TRAIN", 1),
    ]

    static func create(on db: any Database, app: Application, count: Int, rng: inout SeededGenerator) async throws -> Int {
        let calendar = try await WorkingCalendar.load(on: db)
        let today = app.clock.today
        func account(_ name: String) async throws -> Account? { try await Account.query(on: db).filter(\.$username == name).first() }
        guard let staff = try await account("station.staff"), let worker = try await account("grid.worker"),
              let resident = try await account("resident"), let head = try await account("station.head") else { return 0 }
        let households = try await Household.query(on: db).field(\.$id).field(\.$compound.$id).field(\.$grid.$id).all()
        // The grid worker files and handles only on their own grid's round.
        let workerGrid = try await Appointment.query(on: db).filter(\.$resident.$id == worker.residentID ?? UUID())
            .filter(\.$post == Post.gridWorker.rawValue).first()?.bodyID
        let onRound = households.filter { $0.$grid.id != nil && $0.$grid.id == workerGrid }.map { $0.id! }
        let onRoundSet = Set(onRound)
        let items = Dictionary(try await ServiceItem.query(on: db).all().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let residentHousehold = try await Resident.find(resident.residentID, on: db)?.$household.id
        func actor(_ a: Account, _ channel: Channel = .online) -> WriteContext {
            WriteContext(actor: AuditActor(accountID: a.id, label: "\(a.username) (\(a.displayName))", channel: channel), principal: nil, access: app.access)
        }
        func service(_ who: WriteContext, _ day: CivilDate, hour: Int) -> CaseService {
            let seconds = Double(day.dayNumber) * 86_400 + Double(hour - 8) * 3_600   // hour in Shanghai
            return CaseService(db: db, context: who, calendar: calendar, now: Date(timeIntervalSince1970: seconds), today: day)
        }
        let total = mix.map(\.weight).reduce(0, +)
        var made = 0
        for n in 0..<count {
            var pick = Int.random(in: 0..<total, using: &rng)
            let code = mix.first { pick -= $0.weight; return pick < 0 }!.code
            guard let item = items[code] else { continue }
            var reported = today.adding(days: -Int.random(in: 0...120, using: &rng))
            while !calendar.isWorkingDay(reported) && Int.random(in: 0..<3, using: &rng) > 0 { reported = reported.adding(days: -1) }
            let mine = n % 25 == 0 && residentHousehold != nil
            // Only the resident's own household files online (the demo has no accounts for the
            // others): theirs come to the counter or on paper, or are found on the grid's rounds.
            var origin: CaseService.Origin = mine ? .online : [.counter, .paper, .counter, .patrol, .patrol, .visit][Int.random(in: 0..<6, using: &rng)]
            if (origin == .patrol || origin == .visit) && onRound.isEmpty { origin = .counter }
            let household = mine ? residentHousehold!
                : origin == .patrol || origin == .visit ? onRound[Int.random(in: 0..<onRound.count, using: &rng)]
                : households[Int.random(in: 0..<households.count, using: &rng)].id!
            let filer = mine ? resident : (origin == .patrol || origin == .visit ? worker : staff)
            var answers: [String: [String]] = [:]
            for a in item.attributeList where a.required || Bool.random(using: &rng) {
                switch a.datatype {
                case .singlevaluelist: answers[a.code] = [a.values.randomElement(using: &rng)!.key]
                case .multivaluelist: answers[a.code] = Array(a.values.shuffled(using: &rng).prefix(Int.random(in: 1...2, using: &rng)).map(\.key))
                case .number: answers[a.code] = [String(Int.random(in: 1...3000, using: &rng))]
                case .datetime: answers[a.code] = [reported.adding(days: 7).iso]
                case .string, .text: answers[a.code] = ["\(Int.random(in: 1...30, using: &rng))栋"]
                }
            }
            let description = descriptions[code]?.randomElement(using: &rng) ?? item.nameZh
            var context = actor(filer, origin == .counter ? .counter : origin == .paper ? .paper : .online)
            if origin == .counter || origin == .paper {
                context.actor.onBehalfOf = try await Resident.query(on: db).filter(\.$household.$id == household).sort(\.$birthDate).first()?.id
            }
            let opened = try await service(context, reported, hour: 9).open(.init(serviceCode: code, description: description, householdId: household, compoundId: nil,
                                                                                  residentId: nil, channel: origin.rawValue, attributes: answers, address: nil, lat: nil, long: nil, mediaUrl: nil))
            made += 1
            // How far it has got depends on its age and on chance.
            let age = calendar.workingDays(after: reported, through: today)
            var day = reported
            var hour = 9
            func step(_ who: Account, _ action: CaseAction, _ note: String = "", assignee: String? = nil, after days: Int = 0) async throws -> Bool {
                let next = calendar.adding(workingDays: days, to: day).date
                guard next <= today else { return false }
                hour = next == day ? hour + 1 : 9
                day = next
                _ = try await service(actor(who), day, hour: hour).act(opened.id!, .init(action: action.rawValue, note: note, assignTo: nil, assignee: assignee))
                return true
            }
            if Int.random(in: 0..<30, using: &rng) == 0 {
                _ = try await step(staff, .reject, "不属于本站受理范围,已告知向区级部门反映")
                continue
            }
            guard try await step(staff, .accept) else { continue }
            let inRound = onRoundSet.contains(household)
            let handler = inRound && [.workstation, .servicePoint].contains(item.levelValue) && Bool.random(using: &rng) ? worker : staff
            guard try await step(staff, .dispatch, "请\(handler === worker ? "网格员" : "窗口")办理", assignee: handler.username) else { continue }
            guard try await step(handler, .start, after: Int.random(in: 0...1, using: &rng)) else { continue }
            if Int.random(in: 0..<8, using: &rng) == 0 {
                guard try await step(handler, .askResident, "请补充材料或约定上门时间") else { continue }
                guard age > 6, try await step(mine ? resident : staff, .residentReplied, mine ? "已补充" : "居民已到窗口补充材料", after: Int.random(in: 1...3, using: &rng)) else { continue }
            }
            // A few stall past their time limit.
            if Int.random(in: 0..<12, using: &rng) == 0 { continue }
            let work = max(0, item.slaDays - 1 + Int.random(in: -1...2, using: &rng))
            guard try await step(handler, .resolve, resolutions[item.family]?.randomElement(using: &rng) ?? "已办理", after: work) else { continue }
            guard try await step(handler === worker ? staff : (inRound ? worker : head), .verify, "现场核查属实", after: 1) else { continue }
            guard try await step(head, .close, after: 0) else { continue }
            // Only the resident with an account rates online; the others' satisfaction is not invented.
            if mine, Int.random(in: 0..<3, using: &rng) > 0 {
                let rating = [5, 5, 5, 4, 4, 4, 3, 2][Int.random(in: 0..<8, using: &rng)]
                _ = try await service(actor(resident), day, hour: 20).rate(opened.id!, rating: rating, comment: rating >= 4 ? "处理及时" : "希望更快一些")
            }
        }
        _ = try await service(.system("sla escalation", app), today, hour: 7).escalateOverdue()

        // The grid worker's round of the elderly in their grid over the last month.
        if let grid = try await Appointment.query(on: db).filter(\.$resident.$id == worker.residentID ?? UUID()).filter(\.$post == Post.gridWorker.rawValue).first()?.bodyID {
            let elderly = try await Household.query(on: db).filter(\.$grid.$id == grid)
                .join(Resident.self, on: \Household.$id == \Resident.$household.$id).filter(Resident.self, \.$tags, .custom("LIKE"), "%elderly%").all()
            var seen = Set<UUID>()
            for h in elderly where seen.insert(h.id!).inserted && seen.count <= 40 {
                let visitDay = today.adding(days: -Int.random(in: 0...30, using: &rng))
                let purposes = ["独居老人探访", "高龄老人健康询问", "防诈骗宣传入户", "消防安全检查"]
                _ = try await VisitLog.record(.init(householdId: h.id, visitedOn: visitDay.iso, purpose: purposes.randomElement(using: &rng)!,
                                                   notes: ["身体状况良好", "家中燃气软管老化,已提醒更换", "需要助餐服务,已告知申请方式"].randomElement(using: &rng)!,
                                                   followUp: nil), household: .init(id: h.id!, compoundID: h.$compound.id, gridID: h.$grid.id, door: h.door, label: h.door),
                                              today: today, context: actor(worker), on: db)
            }
        }
        return made
    }

    static let descriptions: [String: [String]] = [
        "SAF-HAZ": ["楼道里有人给电动车充电,插线板拖到一楼", "消防通道被私家车堵住了", "楼上阳台花盆摆在外沿,担心掉下来", "地下车库闻到燃气味"],
        "SAF-ORDER": ["晚上小区门口有陌生人徘徊", "单元门禁坏了,外人随意进出", "楼下烧烤摊噪音到凌晨", "车棚电瓶被偷"],
        "SAF-MEDIATE": ["楼上漏水到我家,协商不成", "邻居在公共走廊堆放杂物引起争执"],
        "SAN-DISINFECT": ["电梯按钮很久没消毒", "楼栋出现流感病例,请求消杀", "垃圾房需要消毒"],
        "SAN-PEST": ["地下室老鼠很多", "绿化带蚊子多,请喷药"],
        "SAN-WASTE": ["垃圾桶满了两天没清运", "楼道有人乱扔装修垃圾"],
        "PRO-REPAIR": ["电梯经常停在半层", "三楼楼道灯不亮", "楼顶水箱漏水", "单元门禁刷卡无反应"],
        "ELD-CARE": ["独居老人行动不便,需要助餐", "老人需要陪同去医院复查"],
        "ELD-AGE": ["父亲满八十岁,申请高龄津贴"],
        "MI-APPLY": ["家中失业,收入很低,申请低保"], "MI-TEMP": ["突发重病,医药费负担重"],
        "DIS-ALLOW": ["申请重度残疾人护理补贴"], "DIS-CARD": ["孩子需要办理残疾人证"],
        "FLT-RES": ["新搬来租房,办理居住登记"], "SI-MEDICAL": ["办理明年居民医保缴费"], "SI-PENSION": ["参加城乡居民养老保险"],
        "HFP-BIRTH": ["办理生育登记"], "EDU-ROOM": ["周六上午借用活动室排练舞蹈"], "VET-REG": ["退役军人信息登记"],
        "EMP-REG": ["办理失业登记"], "EMP-TRAIN": ["想报名养老护理培训"],
    ]

    static let resolutions: [String: [String]] = [
        "safety_security": ["已现场劝离并张贴告知", "已协调物业清理通道", "已联系派出所加强巡逻"],
        "sanitation_epidemic": ["已完成消杀", "已安排清运", "已投放鼠药并设置警示"],
        "property_repairs": ["物业已维修完毕", "已更换灯具"],
    ]
}
