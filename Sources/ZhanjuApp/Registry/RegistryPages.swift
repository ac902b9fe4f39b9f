import Fluent
import Plot
import SQLKit
import Vapor
import ZhanjuRules

/// The registry's pages: home, structure tree, committee, compound, household, people search.
/// Forms live in RegistryForms.swift.
enum RegistryPages {
    static func register(on app: Application) {
        app.get(.home) { req in try await home(req) }.access(.open)
        app.get(.structure) { req in try await structure(req) }.access(.permission(.structureRead))
        app.get(.committee) { req in try await committee(req) }.access(.permission(.structureRead))
        app.get(.compound) { req in try await compound(req) }.access(.permission(.structureRead))
        app.get(.household) { req in try await household(req) }.access(.permission(.householdsRead))
        app.get(.building) { req in try await building(req) }.access(.permission(.structureRead))
        app.get(.people) { req in try await people(req) }.access(.permission(.householdsRead))
        RegistryForms.register(on: app)
    }

    static func home(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        var subDistricts: [SubDistrict] = []
        if let principal = req.principal {
            let reach = principal.reach(.structureRead)
            let query = SubDistrict.query(on: req.pageDB).sort(\.$code).range(0..<200)
            if !reach.everywhere { query.filter(\.$id ~~ Array(reach.subDistricts.union(reach.containingSubDistricts))) }
            subDistricts = reach.isEmpty ? [] : try await query.all()
        }
        let intro = Text(
            "一个社区工作站承担政府下沉的行政事务,服务多个依法选举产生的居民委员会;居委会回归自治。本系统登记这一结构及其周边组织与任职,并按规则检查其规模。",
            "One community workstation carries the administrative work the government pushes down and serves several elected residents' committees, which are left free to govern themselves. Zhanju records that structure, the bodies around it and who holds which post, and checks it against the size rules.")
        // The layout adds the application's name to every title.
        let html = Layout.page(Strings.structure[lang], req: req,
            .p(.text(intro[lang])),
            .if(req.principal == nil, .p(.a(.class("button"), .href(SitePath.signIn.link()), .text(Strings.signIn[lang])))),
            .unwrap(req.principal?.householdID) { _ in .p(.a(.class("button"), .href(SitePath.my.link()), .text(Strings.myData[lang]))) },
            .if(req.principal != nil, .group(
            .h2(.text(Strings.subDistrict[lang])),
            .if(subDistricts.isEmpty, .p(.class("muted"), .text(Strings.noneYet[lang]))),
            .div(.class("cards"), .forEach(subDistricts) { sd in
                .div(.class("card"),
                     .h3(.a(.href(attr(SitePath.structure.link(sd.id!))), .text(Layout.name(sd.nameZh, sd.nameEn, lang)))),
                     .p(.class("muted"), .text("\(Strings.appointmentPolicy[lang]): \(RuleSetNames.appointmentPolicy(sd.policyName)[lang])")))
            }),
            .form(.class("search"), .action(SitePath.people.link()), .method(.get),
                  .input(.type(.search), .name("q"), .placeholder(attr(Strings.searchHint[lang])), .attribute(named: "aria-label", value: attr(Strings.people[lang]))),
                  .button(.type(.submit), .text(Strings.search[lang])))
            ))
        )
        return Layout.response(html)
    }

    static func structure(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let reach = try req.reach(.structureRead)
        guard reach.everywhere || reach.subDistricts.contains(id) || reach.containingSubDistricts.contains(id),
              let sd = try await SubDistrict.find(id, on: req.pageDB) else { throw ZhanjuError.notFound(Strings.subDistrict) }
        let canAddCommittee = req.principal?.grants.holds(.structureWrite) ?? false
        // What the tree shows depends on the viewer's reach: it is part of the key.
        let scopes = (req.principal?.grants.scopes(for: .structureRead) ?? []).map { "\($0)" }.sorted().joined(separator: ";")
        let body = try await req.access.pageFragments.fragment("structure \(id) \(lang.rawValue) \(canAddCommittee) \(scopes)", now: req.access.now()) {
            try await req.readingPage { try await structureBody(req, sd: sd, lang: lang, canAddCommittee: canAddCommittee) }
        }
        return Layout.response(Layout.page(Layout.name(sd.nameZh, sd.nameEn, lang), req: req, .raw(body)))
    }

    static func structureBody(_ req: Request, sd: SubDistrict, lang: Lang, canAddCommittee: Bool) async throws -> String {
        let tree = try await StructureTree.visible(subDistrictID: sd.id!, to: req)
        func count(_ h: Int, _ r: Int) -> Node<HTML.BodyContext> {
            .span(.class("count"), .text("\(Strings.households[lang]) \(h) · \(Strings.residents[lang]) \(r)"))
        }
        let body: Node<HTML.BodyContext> = .group(
            .p(.text("\(Strings.appointmentPolicy[lang]): \(RuleSetNames.appointmentPolicy(tree.policyName)[lang])")),
            .ul(.forEach(sd.policy.exceptions.sorted { $0.rawValue < $1.rawValue }) { .li(.text($0.label[lang])) }),
            .h2(.text(Strings.structure[lang])),
            .ul(.class("tree"), .forEach(tree.workstations) { ws in
                .li(.span(.class("node"), .strong(.text(Layout.name(ws.workstation.nameZh, ws.workstation.nameEn, lang)))), count(ws.households, ws.residents),
                    .if(canAddCommittee, .a(.class("count"), .href(attr(SitePath.newCommittee.link(query: [("workstation_id", "\(ws.workstation.id)")]))), .text("+ " + Strings.residentsCommittee[lang]))),
                    .ul(.forEach(ws.committees) { rc in
                        .li(.a(.class("node"), .href(attr(SitePath.committee.link(rc.committee.id))), .text(Layout.name(rc.committee.nameZh, rc.committee.nameEn, lang))),
                            count(rc.households, rc.residents),
                            .if(!rc.breaks.isEmpty, .span(.class("flag"), .text(" ⚠ " + rc.breaks.map { lang == .zh ? $0.messageZh : $0.messageEn }.joined(separator: "; ")))),
                            .ul(.forEach(rc.compounds) { c in
                                .li(.a(.href(attr(SitePath.compound.link(c.compound.id))), .text(Layout.name(c.compound.nameZh, c.compound.nameEn, lang))), count(c.households, c.residents),
                                    .unwrap(c.servicePoint) { .span(.class("count"), .text("· \(Strings.servicePoint[lang]): \($0)")) })
                            }))
                    }))
            }),
            .h2(.text(Strings.grid[lang])),
            .if(tree.workstations.allSatisfy { $0.grids.isEmpty }, .p(.class("muted"), .text(Strings.noneYet[lang]))),
            .if(!tree.workstations.allSatisfy { $0.grids.isEmpty }, .table(.class("wide"),
                .thead(.tr(.th(.text(Strings.grid[lang])), .th(.class("num"), .text(Strings.households[lang])), .th(.class("num"), .text(Strings.residents[lang])), .th(.text(Strings.ruleBreaks[lang])))),
                .tbody(.forEach(tree.workstations.flatMap(\.grids)) { g in
                    .tr(.td(.text("\(g.grid.code) \(Layout.name(g.grid.nameZh, g.grid.nameEn, lang))")), .td(.class("num"), .text("\(g.households)")),
                        .td(.class("num"), .text("\(g.residents)")),
                        .td(.class(g.breaks.isEmpty ? "ok" : "flag"), .text(g.breaks.isEmpty ? "✓" : g.breaks.map { lang == .zh ? $0.messageZh : $0.messageEn }.joined(separator: "; "))))
                })))
        )
        return body.render()
    }

    struct Holder {
        var post: Post
        var name: String
        var residentID: UUID
        var term: String
    }

    static func holders(bodyIDs: [UUID], on db: any Database, today: CivilDate) async throws -> [UUID: [Holder]] {
        guard !bodyIDs.isEmpty else { return [:] }
        let rows = try await Appointment.query(on: db).filter(\.$bodyID ~~ bodyIDs).with(\.$resident).all()
        var out: [UUID: [Holder]] = [:]
        for row in rows where row.term?.ends.map({ $0 >= today }) ?? true {
            guard let post = Post(rawValue: row.post) else { continue }
            out[row.bodyID, default: []].append(Holder(post: post, name: row.resident.name, residentID: row.$resident.id,
                                                       term: "\(row.startsOn) – \(row.endsOn ?? "")"))
        }
        for key in out.keys { out[key]!.sort { (Post.allCases.firstIndex(of: $0.post)!, $0.name) < (Post.allCases.firstIndex(of: $1.post)!, $1.name) } }
        return out
    }

    static func holdersTable(_ holders: [Holder], lang: Lang) -> Node<HTML.BodyContext> {
        guard !holders.isEmpty else { return .p(.class("muted"), .text(Strings.noneYet[lang])) }
        return .table(.class("wide"),
            .thead(.tr(.th(.text(Strings.post[lang])), .th(.text(Strings.name[lang])), .th(.text(Strings.term[lang])))),
            .tbody(.forEach(holders) { h in .tr(.td(.text(h.post.label[lang])), .td(.text(h.name)), .td(.class("muted"), .text(h.term))) }))
    }

    static func committee(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let map = try await req.territoryMap()
        guard map.workstationOfCommittee[id] != nil else { throw ZhanjuError.notFound(Strings.residentsCommittee) }
        let place = map.place(committee: id)
        try req.authorize(.structureRead, at: place, notFound: Strings.residentsCommittee)
        let canEdit = req.may(.structureWrite, at: place), canAppoint = req.may(.appointmentsWrite, at: place)
        // The body is the same for everyone who may do the same there: rendered once per few seconds.
        var title = ""
        let body = try await req.access.pageFragments.fragment("committee \(id) \(lang.rawValue) \(canEdit) \(canAppoint)", now: req.access.now()) {
            try await req.readingPage { try await committeeBody(req, id: id, lang: lang, canEdit: canEdit, canAppoint: canAppoint) }
        }
        if let rc = try await ResidentsCommittee.find(id, on: req.pageDB) { title = Layout.name(rc.nameZh, rc.nameEn, lang) }
        return Layout.response(Layout.page(title, req: req, .raw(body)))
    }

    static func committeeBody(_ req: Request, id: UUID, lang: Lang, canEdit: Bool, canAppoint: Bool) async throws -> String {
        guard let rc = try await ResidentsCommittee.find(id, on: req.pageDB),
              let ws = try await Workstation.find(rc.$workstation.id, on: req.pageDB),
              let tree = try await StructureTree.load(subDistrictID: ws.$subDistrict.id, committee: rc.id, on: req.pageDB, today: req.today,
                                                      counts: req.access.structureCounts, now: req.access.now()),
              let node = tree.workstations.flatMap(\.committees).first(where: { $0.committee.id == rc.id }) else {
            throw ZhanjuError.notFound(Strings.residentsCommittee)
        }
        let orgs = try await Organisation.query(on: req.pageDB).group(.or) { $0.filter(\.$committee.$id == rc.id!).filter(\.$compound.$id ~~ node.compounds.map(\.compound.id)) }
            .sort(\.$kind).all()
        let holders = try await holders(bodyIDs: [rc.id!] + orgs.map { $0.id! }, on: req.pageDB, today: req.today)
        let groups = orgs.filter { $0.kind == BodyKind.residentsGroup.rawValue }
        let body: Node<HTML.BodyContext> = .group(
            .p(.a(.href(attr(SitePath.structure.link(ws.$subDistrict.id))), .text(Layout.name(ws.nameZh, ws.nameEn, lang))),
               .span(.class("count"), .text("\(Strings.households[lang]) \(node.households) · \(Strings.residents[lang]) \(node.residents) · \(Strings.structureRules[lang]) \(RuleSetNames.structureRules(node.structureRules)[lang])"))),
            .h2(.text(Strings.ruleBreaks[lang])), Layout.breaksList(node.breaks, lang: lang),
            .h2(.text(Strings.compounds[lang])),
            .table(.class("wide"), .thead(.tr(.th(.text(Strings.compound[lang])), .th(.class("num"), .text(Strings.households[lang])), .th(.class("num"), .text(Strings.residents[lang])), .th(.text(Strings.servicePoint[lang])))),
                   .tbody(.forEach(node.compounds) { c in
                       .tr(.td(.a(.href(attr(SitePath.compound.link(c.compound.id))), .text(Layout.name(c.compound.nameZh, c.compound.nameEn, lang)))),
                           .td(.class("num"), .text("\(c.households)")), .td(.class("num"), .text("\(c.residents)")), .td(.text(c.servicePoint ?? "—")))
                   })),
            .div(.class("actions"), .if(canEdit, .a(.class("button"), .href(attr(SitePath.newCompound.link(query: [("committee_id", "\(rc.id!)")]))), .text(Strings.addCompound[lang]))),
                 .if(canAppoint, .a(.class("button"), .href(attr(SitePath.newAppointment.link(query: [("body_kind", "residents_committee"), ("body_id", "\(rc.id!)")]))), .text(Strings.addAppointment[lang]))),
                 .if(canEdit, .a(.class("button"), .href(attr(SitePath.newOrganisation.link(query: [("committee_id", "\(rc.id!)")]))), .text(Strings.create[lang] + " · " + Strings.organisation[lang]))),
                 .if(canEdit, .a(.class("button"), .href(attr(SitePath.committeeEdit.link(rc.id!))), .text(Strings.edit[lang]))),
                 .a(.class("button"), .href(attr(SitePath.elections.link(query: [("committee", "\(rc.id!)")]))), .text(ElectionStrings.elections[lang]))),
            .h2(.text(Strings.residentsCommittee[lang] + " · " + Strings.posts[lang])),
            holdersTable(holders[rc.id!] ?? [], lang: lang),
            .h2(.text(Strings.organisations[lang])),
            .forEach(orgs.filter { $0.kind != BodyKind.residentsGroup.rawValue }) { org in
                .section(.h3(.text("\(org.bodyKind?.label[lang] ?? org.kind) · \(Layout.name(org.nameZh, org.nameEn, lang))")),
                         holdersTable(holders[org.id!] ?? [], lang: lang),
                         .if(canAppoint, .p(.a(.href(attr(SitePath.newAppointment.link(query: [("body_kind", "\(org.kind)"), ("body_id", "\(org.id!)")]))), .text(Strings.addAppointment[lang])))))
            },
            .h2(.text(Strings.residentsGroup[lang])),
            .if(groups.isEmpty, .p(.class("muted"), .text(Strings.noneYet[lang]))),
            .ul(.forEach(groups) { g in .li(.text(Layout.name(g.nameZh, g.nameEn, lang) + " — " + (holders[g.id!] ?? []).map { "\($0.post.label[lang]) \($0.name)" }.joined(separator: ", "))) })
        )
        return body.render()
    }

    static func compound(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let map = try await req.territoryMap()
        guard map.committeeOfCompound[id] != nil, let names = map.compoundNames[id] else { throw ZhanjuError.notFound(Strings.compound) }
        let place = map.place(compound: id)
        try req.authorize(.structureRead, at: place, notFound: Strings.compound)
        let canEdit = req.may(.structureWrite, at: place), canAddHousehold = req.may(.householdsWrite, at: place)
        let body = try await req.access.pageFragments.fragment("compound \(id) \(lang.rawValue) \(canEdit) \(canAddHousehold)", now: req.access.now()) {
            try await req.readingPage { try await compoundBody(req, id: id, lang: lang, canEdit: canEdit, canAddHousehold: canAddHousehold) }
        }
        return Layout.response(Layout.page(Layout.name(names.zh, names.en, lang), req: req, .raw(body)))
    }

    static func compoundBody(_ req: Request, id: UUID, lang: Lang, canEdit: Bool, canAddHousehold: Bool) async throws -> String {
        guard let c = try await Compound.find(id, on: req.pageDB),
              let rc = try await ResidentsCommittee.find(c.$committee.id, on: req.pageDB) else { throw ZhanjuError.notFound(Strings.compound) }
        let zones = try await Zone.query(on: req.pageDB).filter(\.$compound.$id == c.id!).sort(\.$code).all()
        let buildings = try await Building.query(on: req.pageDB).filter(\.$compound.$id == c.id!).all()
            .sorted { ($0.number.count, $0.number) < ($1.number.count, $1.number) }
        let perBuilding = try await Counts.grouped("SELECT building_id AS k, COUNT(*) AS n FROM households WHERE compound_id = \(bind: c.id!) GROUP BY building_id", on: req.pageDB)
        let servicePoint = try await ServicePoint.query(on: req.pageDB).filter(\.$compound.$id == c.id!).first()
        let spHolders = try await holders(bodyIDs: servicePoint.map { [$0.id!] } ?? [], on: req.pageDB, today: req.today)
        let total = perBuilding.values.reduce(0, +)
        let body: Node<HTML.BodyContext> = .group(
            .p(.a(.href(attr(SitePath.committee.link(rc.id!))), .text(Layout.name(rc.nameZh, rc.nameEn, lang))),
               .span(.class("count"), .text("\(Strings.households[lang]) \(total) · \(Strings.buildings[lang]) \(buildings.count)")),
               .unwrap(c.address) { .span(.class("count"), .text("· \($0)")) }),
            .h2(.text(Strings.servicePoint[lang])),
            .unwrap(servicePoint, { sp in .div(.p(.text(Layout.name(sp.nameZh, sp.nameEn, lang) + (sp.address.map { " · \($0)" } ?? ""))),
                                               holdersTable(spHolders[sp.id!] ?? [], lang: lang)) },
                    else: .p(.class("muted"), .text(Strings.noneYet[lang]))),
            .h2(.text(Strings.zones[lang])),
            .if(zones.isEmpty, .p(.class("muted"), .text(Strings.noneYet[lang]))),
            .forEach(zones) { z in
                let bs = buildings.filter { $0.$zone.id == z.id }
                return .section(.h3(.text("\(Layout.name(z.nameZh, z.nameEn, lang)) · \(Strings.households[lang]) \(bs.reduce(0) { $0 + (perBuilding[$1.id!] ?? 0) })")),
                                buildingList(bs, perBuilding, lang))
            },
            .if(buildings.contains { $0.$zone.id == nil }, .group(.h2(.text(Strings.buildings[lang])), buildingList(buildings.filter { $0.$zone.id == nil }, perBuilding, lang))),
            .div(.class("actions"), .if(canAddHousehold, .a(.class("button"), .href(attr(SitePath.newHousehold.link(query: [("compound_id", "\(c.id!)")]))), .text(Strings.addHousehold[lang]))),
                 .if(canEdit, .a(.class("button"), .href(attr(SitePath.newBuilding.link(query: [("compound_id", "\(c.id!)")]))), .text(Strings.create[lang] + " · " + Strings.building[lang]))),
                 .if(canEdit, .a(.class("button"), .href(attr(SitePath.newZone.link(query: [("compound_id", "\(c.id!)")]))), .text(Strings.create[lang] + " · " + Strings.zone[lang]))),
                 .if(canEdit, .a(.class("button"), .href(attr(SitePath.compoundEdit.link(c.id!))), .text(Strings.edit[lang]))))
        )
        return body.render()
    }

    static func buildingList(_ buildings: [Building], _ counts: [UUID: Int], _ lang: Lang) -> Node<HTML.BodyContext> {
        .p(.class("buildings"), .forEach(buildings) { b in
            .a(.class("node"), .href(attr(SitePath.building.link(b.id!))),
               .text("\(b.number)\(lang == .zh ? "栋" : "") (\(counts[b.id!] ?? 0))"))
        })
    }

    static func household(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        guard let rows = try await HouseholdRead.rows(id, for: req), let detail = HouseholdDetail(rows) else { throw ZhanjuError.notFound(Strings.household) }
        let householdPlace = HouseholdRead.place(of: rows.head, try await req.territoryMap())
        try req.authorize(.householdsRead, at: householdPlace, notFound: Strings.household)
        let sensitive = req.may(.sensitiveRead, at: householdPlace), canEdit = req.may(.householdsWrite, at: householdPlace)
        let revealable = [PersonalNumbers.Field.idNumber, .phone].filter { req.may($0.revealPermission, at: householdPlace) }
        let p = detail.place
        let place = lang == .zh
            ? "\(Layout.name(p.compoundZh, p.compoundEn, lang)) \(p.zone.map { "\($0)区 " } ?? "")\(p.building)栋\(p.entrance)单元 \(detail.door)"
            : "\(Layout.name(p.compoundZh, p.compoundEn, lang)), \(p.zone.map { "zone \($0), " } ?? "")building \(p.building), entrance \(p.entrance), door \(detail.door)"
        // Staff file a request for the household from its page, so the form knows whose it is.
        let canFile = req.may(.casesFile, at: householdPlace) && req.principal?.grants.holds(.casesHandle) == true
        let today = req.today
        let html = Layout.page("\(Strings.household[lang]) \(detail.door)", req: req,
            .p(.a(.href(attr(SitePath.compound.link(detail.compoundId))), .text(place))),
            .table(.class("wide"),
                .thead(.tr(.th(.text(Strings.name[lang])), .th(.text(Strings.relation[lang])), .th(.text(Strings.sex[lang])), .th(.class("num"), .text(Strings.age[lang])),
                           .th(.text(Strings.hukou[lang])), .th(.text(Strings.idNumber[lang])), .th(.text(Strings.phone[lang])), .th(.text(Strings.tags[lang])), .th())),
                .tbody(.forEach(detail.residents) { r in
                    .tr(cell(Strings.name, lang, r.name ?? ""), cell(Strings.relation, lang, r.relation.flatMap(Relation.init).map { $0.label[lang] } ?? ""),
                        cell(Strings.sex, lang, r.sex.flatMap(Sex.init).map { $0.label[lang] } ?? ""),
                        cell(Strings.age, lang, r.birthDate.flatMap(CivilDate.init(iso:)).map { String($0.age(on: today)) } ?? ""),
                        cell(Strings.hukou, lang, r.hukou.flatMap(Hukou.init).map { $0.label[lang] } ?? ""),
                        cell(Strings.idNumber, lang, r.idNumberMasked ?? "—"), cell(Strings.phone, lang, r.phoneMasked ?? "—"),
                        cell(Strings.tags, lang, ServiceTag.visible(r.tags ?? [], sensitive: sensitive).compactMap(ServiceTag.init).map { $0.label[lang] }.joined(separator: "、")),
                        .td(.if(canEdit, .a(.href(attr(SitePath.residentEdit.link(r.id!))), .text(Strings.edit[lang]))),
                            .forEach(revealable) { f in .a(.class("reveal"), .href(attr(SitePath.residentReveal.link(r.id!, query: [("field", "\(f.rawValue)")]))), .text(f.revealLabel[lang])) }))
                })),
            .div(.class("actions"),
                 .if(canEdit, .a(.class("button"), .href(attr(SitePath.newResident.link(query: [("household_id", "\(id)")]))), .text(Strings.addResident[lang]))),
                 .if(canFile, .a(.class("button"), .href(attr(SitePath.newCase.link(query: [("household_id", "\(id)")]))), .text(Text("为这一户提交诉求", "File a request for this household")[lang]))))
        )
        return Layout.response(html)
    }

    static func cell(_ column: Text, _ lang: Lang, _ value: String) -> Node<HTML.TableRowContext> { labelledCell(column, lang, value) }

    static func building(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        guard let b = try await Building.find(try req.uuidParameter("id"), on: req.pageDB),
              let c = try await Compound.find(b.$compound.id, on: req.pageDB) else { throw ZhanjuError.notFound(Strings.building) }
        let place = try await req.territoryMap().place(compound: c.id!)
        try req.authorize(.structureRead, at: place, notFound: Strings.building)
        let canEdit = req.may(.structureWrite, at: place), canAddHousehold = req.may(.householdsWrite, at: place)
        let canOpen = req.may(.householdsRead, at: place)
        let households = try await Household.query(on: req.pageDB).filter(\.$building.$id == b.id!).with(\.$entrance).all()
            .sorted { ($0.entrance.number, $0.door.count, $0.door) < ($1.entrance.number, $1.door.count, $1.door) }
        let members = try await Counts.grouped(
            "SELECT r.household_id AS k, COUNT(*) AS n FROM residents r JOIN households h ON h.id = r.household_id WHERE h.building_id = \(bind: b.id!) GROUP BY r.household_id", on: req.pageDB)
        let html = Layout.page("\(Layout.name(c.nameZh, c.nameEn, lang)) · \(Strings.building[lang]) \(b.number)", req: req,
            .p(.a(.href(attr(SitePath.compound.link(c.id!))), .text(Layout.name(c.nameZh, c.nameEn, lang))),
               .span(.class("count"), .text("\(Strings.floors[lang]) \(b.floors) · \(Strings.households[lang]) \(households.count)"))),
            .table(.class("wide"),
                .thead(.tr(.th(.text(Strings.entrance[lang])), .th(.text(Strings.door[lang])), .th(.class("num"), .text(Strings.residents[lang])))),
                .tbody(.forEach(households) { h in
                    .tr(cell(Strings.entrance, lang, h.entrance.number),
                        .td(.if(canOpen || req.may(.householdsRead, at: HouseholdResource.placeIn(place, h)), .a(.href(attr(SitePath.household.link(h.id!))), .text(h.door)), else: .text(h.door))),
                        cell(Strings.residents, lang, String(members[h.id!] ?? 0)))
                })),
            .div(.class("actions"), .if(canEdit, .a(.class("button"), .href(attr(SitePath.newEntrance.link(query: [("building_id", "\(b.id!)")]))), .text(Strings.create[lang] + " · " + Strings.entrance[lang]))),
                 .if(canAddHousehold, .a(.class("button"), .href(attr(SitePath.newHousehold.link(query: [("compound_id", "\(c.id!)")]))), .text(Strings.addHousehold[lang]))))
        )
        return Layout.response(html)
    }

    static func people(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let q = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces).filter { $0 != "%" && $0 != "_" }
        let page = try QueryParameters(req).paging(maxPer: 50).page
        var rows: [Resident] = []
        let reach = try req.reach(.householdsRead)
        if !q.isEmpty && !reach.isEmpty {
            var query = Resident.query(on: req.pageDB).filter(\.$name, .custom("LIKE"), q + "%")
            if !reach.everywhere { query = ResidentResource.limit(query, to: reach) }
            rows = try await query.sort(\.$name).sort(\.$id).range(Paging(page: page, per: 50).range(lookahead: true)).all()
        }
        let more = rows.count > 50
        let html = Layout.page(Strings.people[lang], req: req,
            .form(.class("search"), .action(SitePath.people.link()), .method(.get),
                  .input(.type(.search), .name("q"), .value(attr(q)), .placeholder(attr(Strings.searchHint[lang])), .attribute(named: "aria-label", value: attr(Strings.people[lang]))),
                  .button(.type(.submit), .text(Strings.search[lang]))),
            .if(!q.isEmpty && rows.isEmpty, .p(.class("muted"), .text(Strings.noneYet[lang]))),
            .if(!rows.isEmpty, .table(.class("wide"),
                .thead(.tr(.th(.text(Strings.name[lang])), .th(.text(Strings.sex[lang])), .th(.text(Strings.birthDate[lang])), .th(.text(Strings.idNumber[lang])), .th(.text(Strings.household[lang])))),
                .tbody(.forEach(rows.prefix(50)) { r in
                    .tr(cell(Strings.name, lang, r.name), cell(Strings.sex, lang, Sex(rawValue: r.sex)?.label[lang] ?? ""), cell(Strings.birthDate, lang, r.birthDate),
                        cell(Strings.idNumber, lang, r.idNumberMasked ?? "—"),
                        .td(.unwrap(r.$household.id) { .a(.href(attr(SitePath.household.link($0))), .text(Text("查看这一户", "Open the household")[lang])) }))
                }))),
            .div(.class("actions"),
                 .if(page > 1, .a(.href(attr(SitePath.people.link(query: [("q", q), ("page", "\(page - 1)")]))), .text(Strings.previous[lang]))),
                 .if(more, .a(.href(attr(SitePath.people.link(query: [("q", q), ("page", "\(page + 1)")]))), .text(Strings.next[lang]))))
        )
        return Layout.response(html)
    }
}
