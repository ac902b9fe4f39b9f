import Foundation
import Plot
import ZhanjuRules

/// The case page's HTML, from its model alone.
enum CasePageView {
    static func content(_ m: CasePageModel, error: ZhanjuError?, lang: Lang, csrf: Node<HTML.FormContext>) -> [Node<HTML.BodyContext>] {
        let colon = lang == .zh ? ":" : ": "
        let due = "\(Strings.due[lang])\(colon)\(m.dueOn)" + (m.dueConfirmed ? "" : " " + Strings.unconfirmed[lang])
            + (m.overdue ? " · " + Strings.overdue[lang] : m.finishedLate ? " · " + Strings.finishedLate[lang] : "")
            + (m.paused ? " · " + CaseStatus.awaitingResident.label[lang] : "") + (m.escalated ? " · " + Strings.escalated[lang] : "")
        let handledBy = "\(Strings.handlingBody[lang])\(colon)\(m.handlingBody[lang])" + (m.assignee.map { " · \(Strings.assignee[lang])\(colon)\($0)" } ?? "")
        let levels: [(String, HandlingLevel)] = [("workstation", .workstation), ("service_point", .servicePoint), ("property_manager", .propertyManager),
                                                 ("sub_district", .subDistrictCentre)]
        return [
            .p(.strong(.text(m.item[lang])), .span(.class("count"), .text(" · " + m.status[lang]))),
            .p(.strong(.text(Strings.whoseRequest[lang] + colon)),
               .unwrap(m.householdLink, { .a(.href(attr($0)), .text(m.whose)) }, else: .text(m.whose))),
            .p(.text(m.description)),
            .if(!m.answers.isEmpty, .ul(.forEach(m.answers) { a in .li(.text("\(a.question[lang])\(colon)\(a.answer[lang])")) })),
            .p(.class(m.overdue || m.finishedLate ? "flag" : "muted"), .text(due)),
            .p(.class("muted"), .text(handledBy)),
            .unwrap(m.rating) { r in
                .p(.text("\(Strings.rating[lang])\(colon)" + String(repeating: "★", count: r) + String(repeating: "☆", count: 5 - r) + (m.ratingComment.map { " \($0)" } ?? "")))
            },
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0.message[lang])) },
            .if(!m.actions.isEmpty, .form(.class("edit"), .method(.post), .action(attr(SitePath.caseAct.link(m.id))), csrf,
                .div(.class("field"), .label(.text(Strings.note[lang]), .raw("<textarea name=\"note\" rows=\"2\"></textarea>"))),
                .if(m.actions.contains(.dispatch), .group(
                    .div(.class("field"), .label(.text(Strings.assignTo[lang]),
                                                 Select(name: "assign_to", options: levels.map { ($0.0, $0.1.label[lang]) }, blank: "—").node())),
                    .div(.class("field"), .label(.text(Strings.assignee[lang]), Select(name: "assignee", options: m.assigneeChoices, blank: "—").node())))),
                .div(.class("actions"), .forEach(m.actions) { a in .button(.type(.submit), .name("action"), .value(attr(a.rawValue)), .text(a.label[lang])) }))),
            .if(m.mayRate, .form(.class("edit"), .method(.post), .action(attr(SitePath.caseRate.link(m.id))), csrf,
                .div(.class("field"), .label(.text(Strings.rating[lang]),
                                             Select(name: "rating", options: (1...5).reversed().map { (String($0), String(repeating: "★", count: $0)) }).node())),
                .div(.class("field"), .label(.text(Strings.note[lang]), .input(.type(.text), .name("comment")))),
                .button(.type(.submit), .text(Strings.rate[lang])))),
            .h2(.text(Strings.timeline[lang])),
            .ol(.class("timeline"), .forEach(m.timeline) { step in
                .li(.span(.class("muted"), .text(step.at + " · ")), .strong(.text(step.what[lang])), .text(" · " + step.who[lang]),
                    .if(!step.note.isEmpty, .text(" — \(step.note)")))
            }),
        ]
    }
}
