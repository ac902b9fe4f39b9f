import Foundation
import Plot
import ZhanjuRules

/// A case list's HTML, from its model alone.
enum CaseQueueView {
    static func content(_ m: CaseQueueModel, lang: Lang) -> [Node<HTML.BodyContext>] {
        let f = m.filter
        func page(_ n: Int) -> String {
            SitePath.cases.link(query: [("view", f.view.rawValue), ("status", f.status?.rawValue ?? ""), ("family", f.family?.rawValue ?? ""),
                                        ("sort", f.order.rawValue), ("page", "\(n)")].filter { !$0.1.isEmpty })
        }
        let total = m.listing.total
        return [
            .nav(.class("tabs"), .forEach(m.views) { v in
                .a(.class(v.view == f.view ? "current" : ""), .href(attr(SitePath.cases.link(query: [("view", v.view.rawValue)]))), .text(v.label[lang]))
            }),
            .form(.class("search"), .method(.get), .action(SitePath.cases.link()),
                  .input(.type(.hidden), .name("view"), .value(attr(f.view.rawValue))),
                  Select(name: "status", options: CaseStatus.allCases.map { ($0.rawValue, $0.label[lang]) }, selected: f.status?.rawValue,
                         blank: Strings.status[lang], ariaLabel: Strings.status[lang]).node(),
                  Select(name: "family", options: ServiceFamily.allCases.map { ($0.rawValue, $0.label[lang]) }, selected: f.family?.rawValue,
                         blank: Strings.family[lang], ariaLabel: Strings.family[lang]).node(),
                  Select(name: "sort", options: CaseQueue.Order.allCases.map { ($0.rawValue, $0.label[lang]) }, selected: f.order.rawValue,
                         ariaLabel: Text("排序", "Order")[lang]).node(),
                  .button(.type(.submit), .text(Strings.search[lang]))),
            .p(.class("muted"), .text(Text("共 \(total) 件", total == 1 ? "1 case" : "\(total) cases")[lang])),
            .if(m.listing.rows.isEmpty, .p(.class("muted"), .text(Strings.noneYet[lang]))),
            .if(!m.listing.rows.isEmpty, .table(.class("wide"),
                .thead(.tr(.th(.text(Strings.caseNumber[lang])), .th(.text(Strings.catalogue[lang])), .th(.text(Strings.address[lang])),
                           .th(.text(Text("提交日期", "Filed")[lang])), .th(.text(Strings.status[lang])), .th(.text(Strings.due[lang])))),
                .tbody(.forEach(m.listing.rows) { r in
                    .tr(.td(.class("code"), .attribute(named: "data-label", value: attr(Strings.caseNumber[lang])), .a(.href(attr(SitePath.kase.link(r.id))), .text(r.number))),
                        RegistryPages.cell(Strings.catalogue, lang, r.item[lang]),
                        RegistryPages.cell(Strings.address, lang, r.address[lang]),
                        RegistryPages.cell(Text("提交日期", "Filed"), lang, r.filed),
                        RegistryPages.cell(Strings.status, lang, r.status.label[lang] + (r.escalated ? " ⚑" : "")),
                        .td(.class(r.overdue ? "flag" : ""), .attribute(named: "data-label", value: attr(Strings.due[lang])),
                            .text(r.dueOn + (r.overdue ? " " + Strings.overdue[lang] : ""))))
                }))),
            .if(!m.listing.rows.isEmpty, .p(.class("muted"), .text(Text("⚑ 已提交街道督办;红色期限表示已超期未办结。",
                                                                        "⚑ escalated to the sub-district; a due date in red is overdue and still open.")[lang]))),
            .div(.class("actions"),
                 .if(f.page > 1, .a(.href(attr(page(f.page - 1))), .text(Strings.previous[lang]))),
                 .if(f.page * f.per < total, .a(.href(attr(page(f.page + 1))), .text(Strings.next[lang]))),
                 .if(m.mayFile, .a(.class("button"), .href(SitePath.newCase.link()), .text(Strings.newCase[lang])))),
        ]
    }
}
