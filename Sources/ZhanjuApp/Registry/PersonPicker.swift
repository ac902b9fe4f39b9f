import Fluent
import Foundation
import Plot
import Vapor
import ZhanjuRules

/// Choosing a person for a post by name or by the ID card in hand, never by a record id: a GET
/// search on the form's own page, matches listed with birth year and where they live, the choice
/// carried in the link.
enum PersonPicker {
    struct Match {
        var id: UUID
        var name: String
        var birthYear: String
        var place: String
    }

    /// People the searcher may see by name (their households' reach), staff records with no
    /// household (appointed officials), and whoever holds exactly the ID number typed.
    static func find(_ typed: String, req: Request, lang: Lang) async throws -> [Match] {
        let text = typed.trimmingCharacters(in: .whitespaces).filter { $0 != "%" && $0 != "_" }
        guard !text.isEmpty else { return [] }
        var found: [Resident] = []
        let reach = try req.reach(.householdsRead)
        if (try? IDNumber(text.uppercased())) != nil {
            // The card in hand finds its holder only where the searcher may read people (or a
            // staff record with no household): nobody learns who holds a number elsewhere.
            let ids = try await req.access.personalNumbers.holders(of: text.uppercased(), on: req.db)
            if !ids.isEmpty { found = try await within(Resident.query(on: req.db).filter(\.$id ~~ ids), reach).all() }
        } else {
            var inReach = Resident.query(on: req.db).filter(\.$name, .custom("LIKE"), text + "%")
            if !reach.everywhere { inReach = ResidentResource.limit(inReach, to: reach) }
            found = try await inReach.sort(\.$name).range(0..<30).all()
            found += try await Resident.query(on: req.db).filter(\.$name, .custom("LIKE"), text + "%").filter(\.$household.$id == nil)
                .sort(\.$name).range(0..<10).all()
        }
        let map = try await req.territoryMap()
        let registry = RegistryDirectory(db: req.db)
        let labels = try await registry.doorLabels(found.compactMap { $0.$household.id })
        var seen = Set<UUID>()
        var out: [Match] = []
        for r in found where seen.insert(r.id!).inserted {
            var place = Text("未入户(工作人员)", "No household (staff)")[lang]
            if let hid = r.$household.id, let h = try await registry.household(hid) {
                let compound = map.compoundNames[h.compoundID].map { lang == .zh ? $0.zh : $0.en } ?? ""
                place = "\(compound) \(labels[hid] ?? h.door)"
            }
            out.append(Match(id: r.id!, name: r.name, birthYear: String(r.birthDate.prefix(4)), place: place))
        }
        return out
    }

    /// People in the reach, or with no household (appointed staff, who live nowhere in the register).
    static func within(_ q: QueryBuilder<Resident>, _ reach: Reach) -> QueryBuilder<Resident> {
        guard !reach.everywhere else { return q }
        let ids = Array(reach.households), compounds = Array(reach.compounds), grids = Array(reach.grids)
        return q.join(Household.self, on: \Resident.$household.$id == \Household.$id, method: .left).group(.or) { g in
            g.filter(\.$household.$id == nil)
            g.filter(Household.self, \.$compound.$id ~~ compounds)
            g.filter(Household.self, \.$grid.$id ~~ grids)
            g.filter(\.$household.$id ~~ ids)
        }
    }

    static func node(_ req: Request, chosen: UUID?, action: SitePath, keep: [(String, String)], lang: Lang) async throws -> Node<HTML.BodyContext> {
        func link(_ id: UUID?) -> String { action.link(query: keep.map { ($0.0, $0.1) } + [("resident_id", id?.uuidString)]) }
        if let chosen, let r = try await within(Resident.query(on: req.db).filter(\.$id == chosen), try req.reach(.householdsRead)).first() {
            return .div(.class("card chosen"), .strong(.text(Text("人员:", "Person: ")[lang])),
                        .text("\(r.name) (\(r.birthDate.prefix(4))) "), .a(.href(attr(link(nil))), .text(Text("换一人", "Choose another")[lang])))
        }
        let typed = (try? req.query.get(String.self, at: "find")) ?? ""
        let matches = try await find(typed, req: req, lang: lang)
        return .div(.class("card picker"),
            .h2(.text(Text("任命哪一位?", "Who is appointed?")[lang])),
            .form(.class("search"), .method(.get), .action(attr(action.link())),
                  .forEach(keep) { .input(.type(.hidden), .name(attr($0.0)), .value(attr($0.1))) },
                  .label(.class("grow"), .span(.text(Text("姓名或身份证号", "Name or ID number")[lang])),
                         .input(.type(.search), .name("find"), .value(attr(typed)))),
                  .button(.type(.submit), .text(Text("查找", "Find")[lang]))),
            .if(!typed.isEmpty && matches.isEmpty, .p(.class("muted"), .text(Text("没有找到这个人。", "Nobody found.")[lang]))),
            .if(!matches.isEmpty, .ul(.class("choices"), .forEach(matches) { m in
                .li(.a(.href(attr(link(m.id))), .text("\(m.name) · \(m.birthYear) · \(m.place)")))
            })))
    }
}
