import Foundation
import Plot
import ZhanjuRules

/// The grid page's HTML, from its model alone.
enum GridPageView {
    static func content(_ m: GridPageModel, lang: Lang) -> [Node<HTML.BodyContext>] {
        let g = m.grid
        func page(_ n: Int) -> String { SitePath.grid.link(g.id, query: [("page", "\(n)"), ("tag", m.tag?.rawValue ?? "")].filter { !$0.1.isEmpty }) }
        return [
            .p(.a(.href(attr(SitePath.dashboard.link("grid", g.id))), .text(Strings.dashboards[lang]))),
            .form(.class("search"), .method(.get), .action(attr(SitePath.grid.link(g.id))),
                  Select(name: "tag", options: ServiceTag.allCases.filter { m.sensitive || !$0.isSensitive }.map { ($0.rawValue, $0.label[lang]) },
                         selected: m.tag?.rawValue, blank: Strings.tags[lang], ariaLabel: Strings.tags[lang]).node(),
                  .button(.type(.submit), .text(Strings.search[lang]))),
            .if(m.rows.isEmpty, .p(.class("muted"), .text(Strings.noneYet[lang]))),
            .if(!m.rows.isEmpty, .table(.class("wide"),
                .thead(.tr(.th(.text(Strings.door[lang])), .th(.text(Strings.residents[lang])), .th(.text(Strings.tags[lang])), .th(.text(Strings.visits[lang])), .th())),
                .tbody(.forEach(m.rows) { h in
                    let ages = h.ages.map(String.init).joined(separator: "/")
                    return .tr(.td(.attribute(named: "data-label", value: attr(Strings.door[lang])), .a(.href(attr(SitePath.household.link(h.id))), .text(h.door))),
                               RegistryPages.cell(Strings.residents, lang, ages.isEmpty ? "0" : Text("\(h.people) 人,年龄 \(ages)", "\(h.people), aged \(ages)")[lang]),
                               RegistryPages.cell(Strings.tags, lang, h.tags.map { $0.label[lang] }.joined(separator: lang == .zh ? "、" : ", ")),
                               RegistryPages.cell(Strings.visits, lang, h.lastVisit ?? "—"),
                               .td(.a(.class("button"), .href(attr(SitePath.newVisit.link(query: [("household_id", "\(h.id)")]))), .text(Strings.logVisit[lang])), .text(" "),
                                   .a(.href(attr(SitePath.newCase.link(query: [("household_id", "\(h.id)"), ("service_code", "SAF-HAZ")]))), .text(Strings.reportEvent[lang]))))
                }))),
            .div(.class("actions"),
                 .if(m.page > 1, .a(.href(attr(page(m.page - 1))), .text(Strings.previous[lang]))),
                 .if(m.hasNext, .a(.href(attr(page(m.page + 1))), .text(Strings.next[lang])))),
        ]
    }
}
