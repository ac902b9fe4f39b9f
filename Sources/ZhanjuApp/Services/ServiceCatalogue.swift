import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// The catalogue as the API and forms see it, and the only writer of service items.
struct ServiceItemInput: Content {
    var code: String?
    var family: String?
    var nameZh: String?
    var nameEn: String?
    var descriptionZh: String?
    var descriptionEn: String?
    var level: String?
    var materials: [String]?
    var slaDays: Int?
    var attributes: [ServiceAttribute]?
    var active: Bool?

    init(_ i: ServiceItem) {
        (code, family, nameZh, nameEn, descriptionZh, descriptionEn) = (i.code, i.family, i.nameZh, i.nameEn, i.descriptionZh, i.descriptionEn)
        (level, materials, slaDays, attributes, active) = (i.level, i.materials.split(separator: "\n").map(String.init), i.slaDays, i.attributeList, i.active)
    }

    init(code: String, family: ServiceFamily, zh: String, en: String, descriptionZh: String, descriptionEn: String, level: HandlingLevel,
         materials: [String], slaDays: Int, attributes: [ServiceAttribute] = []) {
        (self.code, self.family, self.nameZh, self.nameEn, self.descriptionZh, self.descriptionEn) = (code, family.rawValue, zh, en, descriptionZh, descriptionEn)
        (self.level, self.materials, self.slaDays, self.attributes, self.active) = (level.rawValue, materials, slaDays, attributes, true)
    }

    static let example = ServiceItemInput(code: "SAF-HAZ", family: .safetySecurity, zh: "安全隐患报告", en: "Safety hazard report", descriptionZh: "…", descriptionEn: "…",
                                          level: .workstation, materials: ["无|None"], slaDays: 2,
                                          attributes: [ServiceAttribute(code: "hazard", datatype: .singlevaluelist, required: true, descriptionZh: "隐患类型", descriptionEn: "Kind of hazard",
                                                                        order: 1, values: [.init(key: "fire_exit", nameZh: "消防通道堵塞", nameEn: "Blocked fire exit")])])

    func apply(to row: ServiceItem) throws {
        row.code = try Check.text(code, "code", max: 32).uppercased()
        guard row.code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw ZhanjuError.invalid("code", "code", Text("编码由字母、数字和 - 组成。", "A code is letters, digits and -."))
        }
        row.family = try Check.choice(family, "family", as: ServiceFamily.self).rawValue
        row.nameZh = try Check.text(nameZh, "name_zh", max: 64)
        row.nameEn = try Check.text(nameEn, "name_en", max: 128)
        row.descriptionZh = (descriptionZh ?? "").trimmingCharacters(in: .whitespaces)
        row.descriptionEn = (descriptionEn ?? "").trimmingCharacters(in: .whitespaces)
        row.level = try Check.choice(level, "level", as: HandlingLevel.self).rawValue
        row.materials = (materials ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
        guard let sla = slaDays else { throw ZhanjuError.required("sla_days") }
        guard (1...90).contains(sla) else { throw ZhanjuError.invalid("sla_days", "range", Text("办结时限为 1–90 个工作日。", "sla_days must be 1–90 working days.")) }
        row.slaDays = sla
        let attrs = attributes ?? []
        guard Set(attrs.map(\.code)).count == attrs.count else { throw ZhanjuError.invalid("attributes", "duplicate", Strings.errorDuplicate("attributes.code")) }
        for a in attrs where [.singlevaluelist, .multivaluelist].contains(a.datatype) && a.values.isEmpty {
            throw ZhanjuError.invalid("attributes", "values", Text("列表型问题 \(a.code) 需要选项。", "List attribute \(a.code) needs values."))
        }
        row.attributes = String(decoding: try JSONEncoder().encode(attrs), as: UTF8.self)
        row.active = active ?? true
    }
}

public struct CatalogueService: Sendable {
    let db: any Database
    let context: WriteContext

    func create(_ input: ServiceItemInput) async throws -> ServiceItem {
        try await save(ServiceItem(), input, action: "create")
    }

    func update(_ code: String, _ input: ServiceItemInput) async throws -> ServiceItem {
        guard let row = try await ServiceItem.query(on: db).filter(\.$code == code.uppercased()).first() else { throw ZhanjuError.notFound(Text("服务事项", "service item")) }
        return try await save(row, input, action: "update")
    }

    private func save(_ row: ServiceItem, _ input: ServiceItemInput, action: String) async throws -> ServiceItem {
        let before = row.id == nil ? nil : AuditTrail.digest(ServiceItemInput(row))
        try input.apply(to: row)
        return try await context.access.write(on: db) { tx in
            WritePath.changed(.catalogue)
            if let clash = try await ServiceItem.query(on: tx).filter(\.$code == row.code).first(), clash.id != row.id {
                throw ZhanjuError(.conflict, code: "duplicate", field: "code", message: Strings.errorDuplicate("code"))
            }
            try await row.save(on: tx)
            try await AuditTrail.append(action, "service_items", row.id, before: before, after: AuditTrail.digest(ServiceItemInput(row)),
                                        by: context.actor, at: context.access.now(), on: tx)
            // Case lists show the items' names.
            let queues = context.access.caseQueues
            WritePath.afterCommit { queues.invalidate() }
            return row
        }
    }

    /// Every item's name by id, for lists of cases.
    static func names(on db: any Database) async throws -> [UUID: Text] {
        Dictionary(try await ServiceItem.query(on: db).all().map { ($0.id!, Text($0.nameZh, $0.nameEn)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Loads the seed catalogue into an installation that has none (the city generator, `zhanju migrate`
    /// on a new database), through the same service staff edit it with.
    public static func seedIfEmpty(_ app: Application) async throws -> Int {
        guard try await ServiceItem.query(on: app.db).count() == 0 else { return 0 }
        let service = CatalogueService(db: app.db, context: .system("catalogue seed", app))
        for item in seed { _ = try await service.create(item) }
        return seed.count
    }

    /// The catalogue the demo and a new installation start from: the families of RULES.md with
    /// the items a Chengdu workstation actually handles.
    static let seed: [ServiceItemInput] = {
        func attr(_ code: String, _ type: ServiceAttribute.Datatype, _ zh: String, _ en: String, required: Bool = false, order: Int,
                  _ values: [(String, String, String)] = []) -> ServiceAttribute {
            ServiceAttribute(code: code, datatype: type, required: required, descriptionZh: zh, descriptionEn: en, order: order,
                             values: values.map { .init(key: $0.0, nameZh: $0.1, nameEn: $0.2) })
        }
        let id = "居民身份证|Resident ID card", hukou = "户口簿|Household register (hukou book)"
        return [
            .init(code: "EMP-REG", family: .employment, zh: "失业登记", en: "Unemployment registration",
                  descriptionZh: "办理失业登记,领取就业创业证,享受就业服务。", descriptionEn: "Register as unemployed to receive the employment card and job services.",
                  level: .workstation, materials: [id, "解除或终止劳动合同证明|Proof that the labour contract ended"], slaDays: 5,
                  attributes: [attr("last_employer", .string, "原工作单位", "Last employer", order: 1)]),
            .init(code: "EMP-TRAIN", family: .employment, zh: "职业技能培训报名", en: "Vocational training sign-up",
                  descriptionZh: "报名参加政府补贴的职业技能培训。", descriptionEn: "Sign up for subsidised vocational training.",
                  level: .workstation, materials: [id], slaDays: 10,
                  attributes: [attr("course", .singlevaluelist, "培训项目", "Course", required: true, order: 1,
                                    [("elderly_care", "养老护理", "Elderly care"), ("cooking", "中式烹调", "Chinese cooking"), ("computer", "计算机操作", "Computer skills")])]),
            .init(code: "SI-PENSION", family: .socialInsurance, zh: "城乡居民养老保险参保", en: "Residents' pension enrolment",
                  descriptionZh: "未参加职工养老保险的居民参加城乡居民基本养老保险。", descriptionEn: "Join the residents' basic pension scheme if not covered by an employee scheme.",
                  level: .subDistrictCentre, materials: [id, hukou], slaDays: 10),
            .init(code: "SI-MEDICAL", family: .socialInsurance, zh: "城乡居民医保参保缴费", en: "Residents' medical insurance",
                  descriptionZh: "办理城乡居民基本医疗保险参保登记与缴费。", descriptionEn: "Enrol in and pay for residents' basic medical insurance.",
                  level: .workstation, materials: [id, hukou], slaDays: 5),
            .init(code: "MI-APPLY", family: .minimumIncome, zh: "最低生活保障申请", en: "Minimum-income support (dibao) application",
                  descriptionZh: "家庭人均收入低于当地低保标准的,可申请最低生活保障。", descriptionEn: "Households whose income per head is below the local line may apply for minimum-income support.",
                  level: .subDistrictCentre, materials: [id, hukou, "家庭收入证明|Proof of household income", "银行账户|Bank account"], slaDays: 30,
                  attributes: [attr("household_size", .number, "共同生活家庭成员人数", "People in the household", required: true, order: 1),
                               attr("monthly_income", .number, "家庭月收入(元)", "Household income per month (yuan)", required: true, order: 2)]),
            .init(code: "MI-TEMP", family: .minimumIncome, zh: "临时救助申请", en: "Temporary assistance",
                  descriptionZh: "因突发事件、意外伤害、重大疾病导致基本生活暂时困难的家庭申请临时救助。", descriptionEn: "For households in sudden hardship from accident, illness or disaster.",
                  level: .workstation, materials: [id, "困难情况说明|Statement of the hardship"], slaDays: 10),
            .init(code: "HFP-BIRTH", family: .healthFamilyPlanning, zh: "生育登记", en: "Birth registration (family planning)",
                  descriptionZh: "办理生育登记服务。", descriptionEn: "Register a birth with the family-planning service.",
                  level: .workstation, materials: [id, "结婚证|Marriage certificate"], slaDays: 3),
            .init(code: "DIS-CARD", family: .disability, zh: "残疾人证申领", en: "Disability certificate",
                  descriptionZh: "申请办理第二代残疾人证,安排残疾评定。", descriptionEn: "Apply for the disability certificate and an assessment.",
                  level: .subDistrictCentre, materials: [id, hukou, "近期免冠照片|Recent photograph"], slaDays: 20),
            .init(code: "DIS-ALLOW", family: .disability, zh: "残疾人两项补贴申请", en: "Disability allowances",
                  descriptionZh: "困难残疾人生活补贴和重度残疾人护理补贴。", descriptionEn: "Living allowance for disabled people in hardship and care allowance for the severely disabled.",
                  level: .workstation, materials: [id, "残疾人证|Disability certificate"], slaDays: 15),
            .init(code: "ELD-AGE", family: .elderly, zh: "高龄津贴申领", en: "Old-age allowance (80 and over)",
                  descriptionZh: "80 周岁以上老人按月领取高龄津贴。", descriptionEn: "A monthly allowance for residents aged 80 and over.",
                  level: .workstation, materials: [id, "银行账户|Bank account"], slaDays: 10),
            .init(code: "ELD-CARE", family: .elderly, zh: "居家养老服务申请", en: "Home care for the elderly",
                  descriptionZh: "为老人安排助餐、助洁、助浴、助医等上门服务。", descriptionEn: "Meals, cleaning, bathing or escorts to the doctor for older residents at home.",
                  level: .servicePoint, materials: [id], slaDays: 5,
                  attributes: [attr("services", .multivaluelist, "需要的服务", "Services needed", required: true, order: 1,
                                    [("meals", "助餐", "Meals"), ("cleaning", "助洁", "Cleaning"), ("bathing", "助浴", "Bathing"), ("escort", "助医陪诊", "Escort to the doctor")])]),
            .init(code: "VET-REG", family: .veterans, zh: "优抚对象信息登记", en: "Veterans' care registration",
                  descriptionZh: "退役军人及其他优抚对象信息采集与待遇申请。", descriptionEn: "Register veterans and other entitled persons and apply for their benefits.",
                  level: .workstation, materials: [id, "退役证明|Discharge certificate"], slaDays: 10),
            .init(code: "FLT-RES", family: .floatingPopulation, zh: "居住登记与居住证", en: "Residence registration and permit",
                  descriptionZh: "非本地户籍人员办理居住登记、申领居住证。", descriptionEn: "Non-local residents register their residence and apply for the residence permit.",
                  level: .workstation, materials: [id, "租房合同或房产证明|Lease or proof of ownership"], slaDays: 15,
                  attributes: [attr("tenure", .singlevaluelist, "居住方式", "Housing", required: true, order: 1,
                                    [("rent", "租住", "Renting"), ("own", "自有住房", "Own home"), ("employer", "单位宿舍", "Employer housing")])]),
            .init(code: "SAF-HAZ", family: .safetySecurity, zh: "安全隐患报告", en: "Safety hazard report",
                  descriptionZh: "消防通道堵塞、电动车违规充电、燃气泄漏、高空坠物等隐患。", descriptionEn: "Blocked fire exits, e-bikes charging indoors, gas leaks, objects that may fall.",
                  level: .workstation, materials: [], slaDays: 2,
                  attributes: [attr("hazard", .singlevaluelist, "隐患类型", "Kind of hazard", required: true, order: 1,
                                    [("fire_exit", "消防通道堵塞", "Blocked fire exit"), ("ebike_charging", "电动车违规充电", "E-bike charging indoors"),
                                     ("gas", "燃气隐患", "Gas"), ("falling_objects", "高空坠物隐患", "Objects that may fall"), ("other", "其他", "Other")]),
                               attr("location", .string, "具体位置", "Exact location", order: 2)]),
            .init(code: "SAF-ORDER", family: .safetySecurity, zh: "治安问题反映", en: "Public-order problem",
                  descriptionZh: "盗窃、可疑人员、噪音扰民等治安问题。", descriptionEn: "Theft, suspicious people, noise at night and other public-order problems.",
                  level: .workstation, materials: [], slaDays: 2),
            .init(code: "SAF-MEDIATE", family: .safetySecurity, zh: "邻里纠纷调解", en: "Neighbour dispute mediation",
                  descriptionZh: "由人民调解委员会调解邻里纠纷。", descriptionEn: "Mediation of disputes between neighbours by the people's mediation committee.",
                  level: .workstation, materials: [], slaDays: 10),
            .init(code: "SAN-DISINFECT", family: .sanitationEpidemic, zh: "防疫消杀", en: "Epidemic prevention and disinfection",
                  descriptionZh: "楼栋、电梯、公共区域的消毒与防疫措施。", descriptionEn: "Disinfection of buildings, lifts and common areas; epidemic measures.",
                  level: .workstation, materials: [], slaDays: 2),
            .init(code: "SAN-PEST", family: .sanitationEpidemic, zh: "病媒生物防制", en: "Pest control",
                  descriptionZh: "灭鼠、灭蚊、灭蟑。", descriptionEn: "Rats, mosquitoes, cockroaches.",
                  level: .servicePoint, materials: [], slaDays: 3,
                  attributes: [attr("pest", .singlevaluelist, "类型", "Pest", required: true, order: 1,
                                    [("rats", "鼠", "Rats"), ("mosquitoes", "蚊", "Mosquitoes"), ("cockroaches", "蟑螂", "Cockroaches")])]),
            .init(code: "SAN-WASTE", family: .sanitationEpidemic, zh: "垃圾清运与环境卫生", en: "Rubbish and cleanliness",
                  descriptionZh: "垃圾未及时清运、公共区域不洁。", descriptionEn: "Rubbish not collected, common areas dirty.",
                  level: .propertyManager, materials: [], slaDays: 2),
            .init(code: "EDU-ROOM", family: .educationCulture, zh: "社区活动室预约", en: "Community room booking",
                  descriptionZh: "预约活动室开展文体活动。", descriptionEn: "Book the community room for cultural or sports activities.",
                  level: .servicePoint, materials: [], slaDays: 3,
                  attributes: [attr("date", .datetime, "使用日期", "Date wanted", required: true, order: 1)]),
            .init(code: "PRO-REPAIR", family: .propertyRepairs, zh: "公共设施报修", en: "Common-area repair",
                  descriptionZh: "电梯、楼道照明、供水管道、门禁等公共设施故障。", descriptionEn: "Lifts, stair lighting, water pipes, door entry and other shared facilities.",
                  level: .propertyManager, materials: [], slaDays: 3,
                  attributes: [attr("facility", .singlevaluelist, "设施", "Facility", required: true, order: 1,
                                    [("lift", "电梯", "Lift"), ("lighting", "照明", "Lighting"), ("water", "供水", "Water"), ("door", "门禁", "Door entry"), ("other", "其他", "Other")])]),
        ]
    }()
}
