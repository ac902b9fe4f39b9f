import Fluent
import Foundation
import ZhanjuRules

/// 事项: one service the workstation system offers, with who handles it, what to bring, how long
/// it may take and what to ask (typed like Open311 attributes).
final class ServiceItem: Model, @unchecked Sendable {
    static let schema = "service_items"
    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "family") var family: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "description_zh") var descriptionZh: String
    @Field(key: "description_en") var descriptionEn: String
    @Field(key: "level") var level: String
    /// Required materials, one per line, each `zh|en`.
    @Field(key: "materials") var materials: String
    @Field(key: "sla_days") var slaDays: Int
    /// JSON array of ServiceAttribute.
    @Field(key: "attributes") var attributes: String
    @Field(key: "active") var active: Bool
    init() {}

    var familyValue: ServiceFamily? { ServiceFamily(rawValue: family) }
    var levelValue: HandlingLevel? { HandlingLevel(rawValue: level) }
    var attributeList: [ServiceAttribute] { (try? JSONDecoder().decode([ServiceAttribute].self, from: Data(attributes.utf8))) ?? [] }
    var materialList: [Text] {
        materials.split(separator: "\n").map { line in
            let parts = line.split(separator: "|", maxSplits: 1).map(String.init)
            return Text(parts[0], parts.count > 1 ? parts[1] : parts[0])
        }
    }
}

/// The service families of RULES.md (国发〔2006〕14号, Shenzhen 2006) and the seed.
enum ServiceFamily: String, CaseIterable, Codable, Sendable {
    case employment
    case socialInsurance = "social_insurance"
    case minimumIncome = "minimum_income"
    case healthFamilyPlanning = "health_family_planning"
    case disability
    case elderly
    case veterans
    case floatingPopulation = "floating_population"
    case safetySecurity = "safety_security"
    case sanitationEpidemic = "sanitation_epidemic"
    case educationCulture = "education_culture"
    case propertyRepairs = "property_repairs"

    var label: Text {
        switch self {
        case .employment: return Text("劳动就业", "Employment")
        case .socialInsurance: return Text("社会保障", "Social insurance")
        case .minimumIncome: return Text("社会救助(低保)", "Minimum-income support")
        case .healthFamilyPlanning: return Text("卫生和计划生育", "Health and family planning")
        case .disability: return Text("残疾人服务", "Disability")
        case .elderly: return Text("老龄服务", "Elderly")
        case .veterans: return Text("优抚", "Veterans' care")
        case .floatingPopulation: return Text("流动人口服务", "Floating population")
        case .safetySecurity: return Text("社区安全", "Safety and security")
        case .sanitationEpidemic: return Text("环境卫生与防疫", "Sanitation and epidemic prevention")
        case .educationCulture: return Text("文化教育体育", "Education and culture")
        case .propertyRepairs: return Text("物业与维修", "Property and repairs")
        }
    }
}

/// Who handles an item: the routing target of its cases.
enum HandlingLevel: String, CaseIterable, Codable, Sendable {
    case subDistrictCentre = "sub_district_centre"
    case workstation
    case servicePoint = "service_point"
    case propertyManager = "property_manager"

    var label: Text {
        switch self {
        case .subDistrictCentre: return Text("街道便民服务中心", "Sub-district service centre")
        case .workstation: return Text("社区工作站", "Workstation")
        case .servicePoint: return Text("小区便民服务站", "Compound service point")
        case .propertyManager: return Text("物业服务企业", "Property manager")
        }
    }
}

/// An extra question an item asks, typed as Open311 GeoReport v2 attributes are.
struct ServiceAttribute: Codable, Sendable, Hashable {
    enum Datatype: String, Codable, CaseIterable, Sendable {
        case string, number, datetime, text, singlevaluelist, multivaluelist
    }
    struct Value: Codable, Sendable, Hashable {
        var key: String
        var nameZh: String
        var nameEn: String
    }
    var code: String
    var datatype: Datatype
    var required: Bool
    var descriptionZh: String
    var descriptionEn: String
    var order: Int
    var values: [Value]

    /// Checks one answer against the type; returns the stored form.
    func check(_ given: [String]) throws -> String? {
        let answers = given.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let field = "attribute[\(code)]"
        guard !answers.isEmpty else {
            if required { throw ZhanjuError.required(field) }
            return nil
        }
        switch datatype {
        case .string, .text:
            guard answers[0].count <= (datatype == .string ? 200 : 2000) else { throw ZhanjuError.invalid(field, "too_long", Strings.errorTooLong(field, 2000)) }
            return answers[0]
        case .number:
            guard Double(answers[0]) != nil else { throw ZhanjuError.invalid(field, "number", Text("\(field):应为数字。", "\(field): expected a number.")) }
            return answers[0]
        case .datetime:
            guard CivilDate(iso: String(answers[0].prefix(10))) != nil else { throw ZhanjuError.invalid(field, "datetime", Strings.errorDate(field)) }
            return answers[0]
        case .singlevaluelist, .multivaluelist:
            let keys = Set(values.map(\.key))
            guard answers.allSatisfy(keys.contains) else { throw ZhanjuError.invalid(field, "choice", Strings.errorChoice(field, values.map(\.key))) }
            guard datatype == .multivaluelist || answers.count == 1 else { throw ZhanjuError.invalid(field, "choice", Strings.errorChoice(field, values.map(\.key))) }
            return answers.joined(separator: ",")
        }
    }
}
