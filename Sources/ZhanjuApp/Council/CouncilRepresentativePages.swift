import Fluent
import Foundation
import Plot
import Vapor
import ZhanjuRules

/// A committee's residents' representatives on pages: each residents' group with the seats its
/// households allow and who holds them; the committee records a group's choice (the person
/// picked by name from the group's adults) and ends a term early with a public reason. Read as
/// the API reads it (`structure.read` over the committee); written through CouncilService.
enum CouncilRepresentativePages {
    static func register(on app: Application) {
        app.get(.councilRepresentatives) { req in try await list(req) }.access(.permission(.structureRead))
        app.get(.councilNewRepresentative) { req in try await add(req, post: false) }.access(.permission(.councilExecute))
        app.post(.councilNewRepresentative) { req in try await add(req, post: true) }.access(.permission(.councilExecute))
        app.get(.councilEndRepresentative) { req in try await end(req, post: false) }.access(.permission(.councilExecute))
        app.post(.councilEndRepresentative) { req in try await end(req, post: true) }.access(.permission(.councilExecute))
    }

    struct Model: Sendable {
        var committeeID: UUID
        var committee: Text
        var view: CouncilRead.RepresentativesView
        var mayRecord: Bool
        /// Council members today who are not representatives in office (the council is drawn from them).
        var councilOutside: [String]
    }

    static func committee(_ req: Request) async throws -> (UUID, Text, Place) {
        let id = try req.uuidParameter("id")
        guard let name = try await RegistryDirectory(db: req.db).committeeName(id) else { throw ZhanjuError.notFound(CouncilService.committeeText) }
        return (id, name, try await req.access.map(on: req.db).place(committee: id))
    }

    static func list(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let (id, name, place) = try await committee(req)
        let reader = try await CouncilPages.reader(req)
        try reader.allow(.structureRead, at: place, notFound: CouncilService.committeeText)
        let view = try await CouncilRead.representatives(committee: id, on: req.today, withCandidates: false, db: req.db)
        let bodies = try await CouncilRead.bodies(committee: id, today: req.today, on: req.db)
        let outside = bodies.bodies.first { $0.body == DecidingBody.residentsCouncil.rawValue }?.problems
            .filter { $0.rule == CouncilRule.councilMemberNotRepresentative.rawValue }.compactMap(\.subject) ?? []
        let m = Model(committeeID: id, committee: name, view: view, mayRecord: reader.allows(.councilExecute, at: place), councilOutside: outside)
        return Layout.response(Layout.page("\(name[lang]) · \(CouncilStrings.representatives[lang])", req: req, content: page(m, lang: lang)))
    }

    static func page(_ m: Model, lang: Lang) -> [Node<HTML.BodyContext>] {
        let rules = CouncilService.representativeRules
        return [
            .p(.a(.href(attr(SitePath.councilIndex.link(m.committeeID))), .text(m.committee[lang] + " · " + CouncilStrings.disclosure[lang]))),
            .p(.class("muted"), .text(Text(
                "每个居民小组按户数推选居民代表:每 \(rules.householdsPerRepresentative.upperBound) 户至少一人,每 \(rules.householdsPerRepresentative.lowerBound) 户至多一人;任期 \(rules.termYears) 年。议事会成员从在任居民代表中产生。",
                "Each residents' group chooses representatives by its households: at least one per \(rules.householdsPerRepresentative.upperBound), at most one per \(rules.householdsPerRepresentative.lowerBound); a term is \(rules.termYears) years. The council is drawn from the representatives in office.")[lang])),
            .if(!m.councilOutside.isEmpty, .p(.class("warning"), .text(
                CouncilStrings.rule(.councilMemberNotRepresentative)[lang] + (lang == .zh ? ":" : ": ") + m.councilOutside.joined(separator: lang == .zh ? "、" : ", ")))),
            .forEach(m.view.groups) { g in
                .section(.class("card"),
                    .h2(.text(g.name)),
                    .p(.text(Text("\(g.households) 户 · 应有代表 \(g.seatsMin)–\(g.seatsMax) 人 · 在任 \(g.count) 人",
                                  "\(g.households) households · \(g.seatsMin)–\(g.seatsMax) seats · \(g.count) in office")[lang])),
                    .forEach(g.problems) { p in .p(.class("warning"), .text(CouncilStrings.rule(CouncilRule(rawValue: p.rule) ?? .representativesPerHouseholds)[lang] + (lang == .zh ? ":" : ": ") + (p[lang] ?? ""))) },
                    .if(m.mayRecord, .p(.class("actions"), .a(.class("button"), .href(attr(SitePath.councilNewRepresentative.link(m.committeeID, query: [("group", g.groupId.uuidString)]))),
                                                            .text(Text("记录推选的代表", "Record a chosen representative")[lang])))),
                    .if(!g.representatives.isEmpty,
                        .table(.class("list wide"),
                            .thead(.tr(.th(.text(Text("姓名", "Name")[lang])), .th(.text(Text("任期", "Term")[lang])), .th(.text(Text("状态", "Status")[lang])))),
                            .tbody(.forEach(g.representatives) { r in
                                .tr(.td(.attribute(named: "data-label", value: attr(Text("姓名", "Name")[lang])), .text(r.name)),
                                    .td(.attribute(named: "data-label", value: attr(Text("任期", "Term")[lang])), .text("\(r.startsOn) – \(r.endedOn ?? r.endsOn)")),
                                    .td(.attribute(named: "data-label", value: attr(Text("状态", "Status")[lang])),
                                        .text(r.inOffice ? Text("在任", "In office")[lang] : (r.endReason.map { Text("已离任:", "Left: ")[lang] + $0 } ?? Text("任期届满", "Term over")[lang])),
                                        .if(m.mayRecord && r.inOffice, .group(.text(" · "), .a(.href(attr(SitePath.councilEndRepresentative.link(r.id))), .text(Text("提前结束任期", "End the term early")[lang]))))))
                            }))))
            },
            .if(m.view.groups.isEmpty, .p(.class("muted"), .text(Text("本居委会还没有居民小组。", "This committee has no residents' groups yet.")[lang]))),
        ]
    }

    static func add(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let (id, name, place) = try await committee(req)
        try await CouncilPages.reader(req).allow(.councilExecute, at: place, notFound: CouncilService.committeeText)
        let view = try await CouncilRead.representatives(committee: id, on: req.today, withCandidates: true, db: req.db)
        // The group comes from the link on the list; the people offered are that group's adults.
        let chosenGroup = (try? req.query.get(String.self, at: "group")).flatMap(UUID.init(uuidString:))
        let groups = chosenGroup.map { g in view.groups.filter { $0.groupId == g } } ?? view.groups
        guard !groups.isEmpty else { throw ZhanjuError.notFound(Text("居民小组", "residents' group")) }
        let fields = [
            FormField(name: "group_id", label: Text("居民小组", "Residents' group"), kind: .select(groups.map { ($0.groupId.uuidString, Text($0.name, $0.name)) }), required: true),
            FormField(name: "resident_id", label: Text("推选的居民", "The resident chosen"),
                      kind: .select(groups.flatMap { g in g.candidates.map { ($0.residentId.uuidString, Text($0.name, $0.name)) } }), required: true),
            FormField(name: "starts_on", label: Text("任期开始", "Term starts"), kind: .date, required: true),
        ]
        let intro: Node<HTML.BodyContext> = .p(.class("muted"), .text(Text("须为本小组住户中年满十八周岁的居民;超过本小组户数允许的名额时不予记录,并说明依据。",
                                                                          "An adult living in a household of the group; beyond the seats its households allow it is refused, the rule named.")[lang]))
        return try await CouncilForms.handle(req, post: post, title: "\(name[lang]) · " + Text("记录推选的居民代表", "Record a chosen representative")[lang], fields: fields,
                                             initial: ["group_id": [groups[0].groupId.uuidString], "starts_on": [req.today.iso]], intro: intro) { v in
            _ = try await CouncilService(req).addRepresentative(committee: id, .init(groupId: CouncilForms.one(v, "group_id").flatMap(UUID.init(uuidString:)),
                                                                                   residentId: CouncilForms.one(v, "resident_id").flatMap(UUID.init(uuidString:)),
                                                                                   startsOn: CouncilForms.one(v, "starts_on")))
            return SitePath.councilRepresentatives.link(id)
        }
    }

    static func end(_ req: Request, post: Bool) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        guard let r = try await CouncilRepresentative.find(id, on: req.db) else { throw ZhanjuError.notFound(CouncilService.representativeText) }
        try await CouncilPages.reader(req).allow(.councilExecute, at: try await req.access.map(on: req.db).place(committee: r.committeeID), notFound: CouncilService.representativeText)
        let fields = [
            FormField(name: "ended_on", label: Text("不再任职的第一天", "First day no longer serving"), kind: .date, required: true),
            FormField(name: "reason", label: Text("公开理由", "Public reason"), kind: .textarea, required: true),
        ]
        return try await CouncilForms.handle(req, post: post, title: r.name + " · " + Text("提前结束任期", "End the term early")[lang], fields: fields,
                                             initial: ["ended_on": [req.today.iso]]) { v in
            _ = try await CouncilService(req).endTerm(id, .init(endedOn: CouncilForms.one(v, "ended_on"), reason: CouncilForms.one(v, "reason")))
            return SitePath.councilRepresentatives.link(r.committeeID)
        }
    }
}
