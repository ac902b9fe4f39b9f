import Foundation
import Plot
import Vapor
import ZhanjuRules

/// On the counter's and the grid worker's request form: whose request it is, found by address
/// or a member's name (a GET search, no JavaScript), or a whole compound for what concerns
/// everyone there. The choice travels as a link, so nobody types an id.
enum CaseHouseholdPicker {
    static func node(_ req: Request, household: String, compound: String, serviceCode: String, lang: Lang) async throws -> Node<HTML.BodyContext> {
        let principal = try req.requirePrincipal()
        let map = try await req.territoryMap()
        let registry = RegistryDirectory(db: req.db)
        let reach = principal.reach(.casesFile)
        func link(household: UUID? = nil, compound: UUID? = nil) -> String {
            SitePath.newCase.link(query: [("service_code", serviceCode), ("household_id", household?.uuidString), ("compound_id", compound?.uuidString)])
        }
        func compoundName(_ id: UUID) -> String { map.compoundNames[id].map { lang == .zh ? $0.zh : $0.en } ?? "" }
        let change = Node<HTML.BodyContext>.a(.href(attr(link())), .text(Text("换一户", "Choose another")[lang]))

        if let id = UUID(uuidString: household), let match = try await registry.householdMatch(id),
           principal.grants.allows(.casesFile, at: match.household.place(in: map)) {
            return .div(.class("card chosen"),
                        .strong(.text(Text("登记给:", "For: ")[lang])),
                        .text("\(compoundName(match.compoundID)) \(match.door)" + (match.headName.map { " · \($0)" } ?? "") + " "), change)
        }
        if let id = UUID(uuidString: compound), map.committeeOfCompound[id] != nil, principal.grants.allows(.casesFile, at: map.place(compound: id)) {
            return .div(.class("card chosen"),
                        .strong(.text(Text("登记给整个小区:", "For the whole compound: ")[lang])), .text(compoundName(id) + " "), change)
        }
        let typed = (try? req.query.get(String.self, at: "find")) ?? ""
        let matches = typed.isEmpty ? [] : try await registry.households(
            matching: typed, compoundNames: map.compoundNames,
            within: reach.everywhere ? nil : (reach.compounds, reach.grids, reach.households))
        let compounds = map.compoundNames.keys.filter { reach.everywhere || reach.compounds.contains($0) }.sorted { compoundName($0) < compoundName($1) }
        return .div(.class("card picker"),
            .h2(.text(Text("这是哪一户的诉求?", "Whose request is it?")[lang])),
            .form(.class("search"), .method(.get), .action(SitePath.newCase.link()),
                  .input(.type(.hidden), .name("service_code"), .value(attr(serviceCode))),
                  .label(.class("grow"), .span(.text(Text("门牌或姓名", "Address or name")[lang])),
                         .input(.type(.search), .name("find"), .value(attr(typed)),
                                .placeholder(attr(Text("如:维多利亚 3栋1单元 1-101,或 王芳", "e.g. Victoria 3-1-1-101, or a name")[lang])))),
                  .button(.type(.submit), .text(Text("查找", "Find")[lang]))),
            .if(!typed.isEmpty && matches.isEmpty, .p(.class("muted"), .text(Text("没有找到,请换个写法(楼栋-单元-门牌,或住户姓名)。",
                                                                                 "No household found; try building-entrance-door, or a member's name.")[lang]))),
            .if(!matches.isEmpty, .ul(.class("choices"), .forEach(matches) { m in
                .li(.a(.href(attr(link(household: m.household.id))),
                       .text("\(compoundName(m.compoundID)) \(m.door)" + (m.headName.map { " · \($0)" } ?? ""))))
            })),
            .if(!compounds.isEmpty, .p(.class("muted"), .text(Text("或者是整个小区的事:", "Or something for a whole compound:")[lang]), .text(" "),
                .group(compounds.prefix(20).map { id in .group(.a(.href(attr(link(compound: id))), .text(compoundName(id))), .text(" ")) }))))
    }
}
