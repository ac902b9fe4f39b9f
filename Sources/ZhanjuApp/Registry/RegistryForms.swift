import Fluent
import Foundation
import Plot
import Vapor
import ZhanjuRules

/// Create and edit forms for the registry records a workstation clerk maintains by hand.
enum RegistryForms {
    static func register(on app: Application) {
        app.get(.newCompound) { req in try await compoundForm(req, id: nil) }.access(.permission(.structureWrite))
        app.post(.newCompound) { req in try await compoundForm(req, id: nil) }.access(.permission(.structureWrite))
        app.get(.compoundEdit) { req in try await compoundForm(req, id: try req.uuidParameter("id")) }.access(.permission(.structureWrite))
        app.post(.compoundEdit) { req in try await compoundForm(req, id: try req.uuidParameter("id")) }.access(.permission(.structureWrite))
        app.get(.newHousehold) { req in try await householdForm(req) }.access(.permission(.householdsWrite))
        app.post(.newHousehold) { req in try await householdForm(req) }.access(.permission(.householdsWrite))
        app.get(.newResident) { req in try await residentForm(req, id: nil) }.access(.permission(.householdsWrite))
        app.post(.newResident) { req in try await residentForm(req, id: nil) }.access(.permission(.householdsWrite))
        app.get(.residentEdit) { req in try await residentForm(req, id: try req.uuidParameter("id")) }.access(.permission(.householdsWrite))
        app.post(.residentEdit) { req in try await residentForm(req, id: try req.uuidParameter("id")) }.access(.permission(.householdsWrite))
        app.get(.newAppointment) { req in try await appointmentForm(req) }.access(.permission(.appointmentsWrite))
        app.get(.newCommittee) { req in try await committeeForm(req, id: nil) }.access(.permission(.structureWrite))
        app.post(.newCommittee) { req in try await committeeForm(req, id: nil) }.access(.permission(.structureWrite))
        app.get(.committeeEdit) { req in try await committeeForm(req, id: try req.uuidParameter("id")) }.access(.permission(.structureWrite))
        app.post(.committeeEdit) { req in try await committeeForm(req, id: try req.uuidParameter("id")) }.access(.permission(.structureWrite))
        app.get(.newZone) { req in try await zoneForm(req) }.access(.permission(.structureWrite))
        app.post(.newZone) { req in try await zoneForm(req) }.access(.permission(.structureWrite))
        app.get(.newBuilding) { req in try await buildingForm(req) }.access(.permission(.structureWrite))
        app.post(.newBuilding) { req in try await buildingForm(req) }.access(.permission(.structureWrite))
        app.get(.newEntrance) { req in try await entranceForm(req) }.access(.permission(.structureWrite))
        app.post(.newEntrance) { req in try await entranceForm(req) }.access(.permission(.structureWrite))
        app.get(.newOrganisation) { req in try await organisationForm(req) }.access(.permission(.structureWrite))
        app.post(.newOrganisation) { req in try await organisationForm(req) }.access(.permission(.structureWrite))
        app.post(.newAppointment) { req in try await appointmentForm(req) }.access(.permission(.appointmentsWrite))
    }

    /// GET shows the form with `initial`; POST validates through RegistryService and either
    /// redirects to `done` or shows the form again with what was typed and the error.
    static func handle<R: RegistryResource>(_ req: Request, _ type: R.Type, id: UUID?, title: String, fields: [FormField],
                                            initial: [String: [String]], channel: Bool = false, done: @escaping (R) -> String) async throws -> Response {
        let lang = Lang.of(req)
        guard req.method == .POST else {
            // Opening an edit form shows the record: only to those who may change it.
            if let id { try await RegistryService(reading: req).authorizeWrite(R.self, id) }
            return FormKit.page(title: title, lang: lang, req: req, fields: fields, values: initial, channel: channel)
        }
        let values = FormKit.values(of: req)
        do {
            let input = try FormKit.decode(R.self, from: values, fields: fields)
            let service = try RegistryService(req)
            let saved: R
            if let id { saved = try await service.update(id, with: input) } else { saved = try await service.create(input) }
            return req.redirect(to: done(saved), redirectType: .normal)
        } catch let error as ZhanjuError {
            return FormKit.page(title: title, lang: lang, req: req, fields: fields, values: values, error: error, channel: channel)
        }
    }

    static func compoundForm(_ req: Request, id: UUID?) async throws -> Response {
        let lang = Lang.of(req)
        var initial: [String: [String]] = ["committee_id": [req.query[String.self, at: "committee_id"] ?? ""]]
        if let id {
            guard let c = try await Compound.find(id, on: req.db) else { throw ZhanjuError.notFound(Strings.compound) }
            initial = ["committee_id": [c.$committee.id.uuidString], "code": [c.code], "name_zh": [c.nameZh], "name_en": [c.nameEn], "address": [c.address ?? ""]]
        }
        let committeeReach = try req.reach(.structureWrite)
        let committeeQuery = ResidentsCommittee.query(on: req.db).sort(\.$code).range(0..<1000)
        let committees = try await (committeeReach.everywhere ? committeeQuery : committeeQuery.filter(\.$id ~~ Array(committeeReach.committees))).all()
        let fields = [
            FormField(name: "committee_id", label: Strings.residentsCommittee, kind: .select(committees.map { ($0.id!.uuidString, Text($0.nameZh, $0.nameEn)) }), required: true),
            FormField(name: "code", label: Strings.code, kind: .text, required: true),
            FormField(name: "name_zh", label: Strings.nameZh, kind: .text, required: true),
            FormField(name: "name_en", label: Strings.nameEn, kind: .text, required: true),
            FormField(name: "address", label: Strings.address, kind: .text),
        ]
        return try await handle(req, CompoundResource.self, id: id, title: (id == nil ? Strings.addCompound : Strings.edit)[lang] + " · " + Strings.compound[lang],
                                fields: fields, initial: initial) { SitePath.compound.link($0.id!) }
    }

    static func householdForm(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        guard let compoundID = (try QueryParameters(req).uuid("compound_id")), let compound = try await Compound.find(compoundID, on: req.db) else {
            throw ZhanjuError.notFound(Strings.compound)
        }
        // The compound's entrances and grids are shown only to those who may add a household
        // there: its committee's and workstation's staff, or a grid worker whose grid serves it.
        let principal = try req.requirePrincipal()
        let wholeCompound = principal.grants.allows(.householdsWrite, at: try await req.territoryMap().place(compound: compoundID))
        let ownGrids = principal.reach(.householdsWrite).grids
        if !wholeCompound, try await !GridReach.served(by: ownGrids, on: req.db).contains(compoundID) {
            throw ZhanjuError.notFound(Strings.compound)
        }
        let buildings = try await Building.query(on: req.db).filter(\.$compound.$id == compoundID).all()
        let entrances = try await Entrance.query(on: req.db).filter(\.$building.$id ~~ buildings.map { $0.id! }).all()
        let byID = Dictionary(uniqueKeysWithValues: buildings.map { ($0.id!, $0.number) })
        let entranceOptions = entrances.map { e in (e.id!.uuidString, Text("\(byID[e.$building.id] ?? "")栋\(e.number)单元", "Building \(byID[e.$building.id] ?? ""), entrance \(e.number)")) }
            .sorted { $0.1.en < $1.1.en }
        let committee = try await ResidentsCommittee.find(compound.$committee.id, on: req.db)
        let grids = try await Grid.query(on: req.db).filter(\.$workstation.$id == (committee?.$workstation.id ?? UUID())).sort(\.$code).all()
            .filter { wholeCompound || ownGrids.contains($0.id!) }
        let fields = [
            FormField(name: "entrance_id", label: Strings.entrance, kind: .select(entranceOptions), required: true),
            FormField(name: "door", label: Strings.door, kind: .text, required: true),
            FormField(name: "grid_id", label: Strings.grid, kind: .select(grids.map { ($0.id!.uuidString, Text("\($0.code) \($0.nameZh)", "\($0.code) \($0.nameEn)")) })),
        ]
        return try await handle(req, HouseholdResource.self, id: nil, title: Strings.addHousehold[lang] + " · " + Layout.name(compound.nameZh, compound.nameEn, lang),
                                fields: fields, initial: [:], channel: true) { SitePath.household.link($0.id!) }
    }

    static func residentForm(_ req: Request, id: UUID?) async throws -> Response {
        let lang = Lang.of(req)
        var initial: [String: [String]] = ["household_id": [req.query[String.self, at: "household_id"] ?? ""], "political_rights": ["on"], "hukou": ["local"]]
        var householdID = (try QueryParameters(req).uuid("household_id"))
        if let id {
            guard let r = try await Resident.find(id, on: req.db) else { throw ZhanjuError.notFound(Strings.resident) }
            householdID = r.$household.id
            initial = ["household_id": [r.$household.id?.uuidString ?? ""], "relation": [r.relation ?? ""], "name": [r.name], "sex": [r.sex],
                       "birth_date": [r.birthDate], "hukou": [r.hukou], "political_rights": [r.politicalRights ? "on" : ""], "tags": r.tagList]
        }
        var sensitive = req.principal?.grants.allows(.sensitiveRead, at: Place()) ?? false
        if let householdID, let h = try await Household.find(householdID, on: req.db) {
            sensitive = req.may(.sensitiveRead, at: HouseholdResource.placeIn(try await req.territoryMap().place(compound: h.$compound.id), h))
        }
        initial["tags"] = ServiceTag.visible(initial["tags"] ?? [], sensitive: sensitive)
        let fields = [
            FormField(name: "household_id", label: Strings.household, kind: .hidden),
            FormField(name: "name", label: Strings.name, kind: .text, required: true),
            FormField(name: "relation", label: Strings.relation, kind: .select(Relation.allCases.map { ($0.rawValue, $0.label) })),
            FormField(name: "sex", label: Strings.sex, kind: .select(Sex.allCases.map { ($0.rawValue, $0.label) }), required: true),
            FormField(name: "birth_date", label: Strings.birthDate, kind: .date, required: true),
            FormField(name: "hukou", label: Strings.hukou, kind: .select(Hukou.allCases.map { ($0.rawValue, $0.label) }), required: true),
            FormField(name: "political_rights", label: Strings.politicalRights, kind: .checkbox),
            // Never pre-filled: the full numbers are not shown back (RULES.md, PIPL); blank keeps the stored one.
            FormField(name: "id_number", label: Strings.idNumber, kind: .text),
            FormField(name: "phone", label: Strings.phone, kind: .text),
            FormField(name: "tags", label: Strings.tags, kind: .multi(ServiceTag.allCases.filter { sensitive || !$0.isSensitive }.map { ($0.rawValue, $0.label) })),
        ]
        return try await handle(req, ResidentResource.self, id: id, title: id == nil ? Strings.addResident[lang] : Strings.edit[lang] + " · " + Strings.resident[lang],
                                fields: fields, initial: initial, channel: true) { r in r.householdId.map { SitePath.household.link($0) } ?? SitePath.people.link(query: [("q", r.name)]) }
    }

    static func appointmentForm(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        guard let kindRaw = req.query[String.self, at: "body_kind"], let kind = BodyKind(rawValue: kindRaw),
              let bodyID = (try QueryParameters(req).uuid("body_id")), let bodyName = try await BodyDirectory(db: req.db).name(of: kind, id: bodyID) else {
            throw ZhanjuError.notFound(Strings.body)
        }
        // Only someone who may appoint to this body sees the form and its search for people.
        try req.authorize(.appointmentsWrite, at: try await req.territoryMap().place(body: kind, id: bodyID), notFound: Strings.body)
        let fields = [
            FormField(name: "body_id", label: Strings.body, kind: .hidden),
            FormField(name: "resident_id", label: Text("人员", "Person"), kind: .hidden, required: true),
            FormField(name: "post", label: Strings.post, kind: .select(Post.allCases.filter { $0.body == kind }.map { ($0.rawValue, $0.label) }), required: true),
            FormField(name: "starts_on", label: Strings.startsOn, kind: .date, required: true),
            FormField(name: "ends_on", label: Strings.endsOn, kind: .date),
        ]
        let lang2 = lang
        var values = req.method == .POST ? FormKit.values(of: req) : ["starts_on": [req.today.iso]]
        values["body_id"] = [bodyID.uuidString]
        if req.method == .GET { values["resident_id"] = [req.query[String.self, at: "resident_id"] ?? ""] }
        // The person is chosen above the form by name or ID card (PersonPicker), never typed as an id.
        let chosen = values["resident_id"]?.first.flatMap(UUID.init(uuidString:))
        let picker = try await PersonPicker.node(req, chosen: chosen, action: .newAppointment,
                                                 keep: [("body_kind", kind.rawValue), ("body_id", bodyID.uuidString)], lang: lang)
        let intro: Node<HTML.BodyContext> = .group(.p(.text("\(kind.label[lang]) · \(bodyName[lang])")), picker)
        guard req.method == .POST else {
            return FormKit.page(title: Strings.addAppointment[lang2], lang: lang2, req: req, fields: fields, values: values, intro: intro)
        }
        do {
            if chosen == nil {
                throw ZhanjuError.invalid("resident_id", "required", Text("请先在上方查找并选择人员。", "First find and choose the person, above."))
            }
            let input = try FormKit.decode(AppointmentResource.self, from: values, fields: fields)
            _ = try await RegistryService(req).create(input)
            let back = kind == .residentsCommittee ? SitePath.committee.link(bodyID) : SitePath.home.link()
            return req.redirect(to: back, redirectType: .normal)
        } catch let error as ZhanjuError {
            return FormKit.page(title: Strings.addAppointment[lang2], lang: lang2, req: req, fields: fields, values: values, error: error, intro: intro)
        }
    }

    static func committeeForm(_ req: Request, id: UUID?) async throws -> Response {
        let lang = Lang.of(req)
        var initial: [String: [String]] = ["workstation_id": [req.query[String.self, at: "workstation_id"] ?? ""], "structure_rules": [StructureRules.organicLaw2025.name]]
        if let id {
            guard let rc = try await ResidentsCommittee.find(id, on: req.db) else { throw ZhanjuError.notFound(Strings.residentsCommittee) }
            initial = ["workstation_id": [rc.$workstation.id.uuidString], "code": [rc.code], "name_zh": [rc.nameZh], "name_en": [rc.nameEn], "structure_rules": [rc.structureRules]]
        }
        let workstationReach = try req.reach(.structureWrite)
        let workstationQuery = Workstation.query(on: req.db).sort(\.$code).range(0..<1000)
        let workstations = try await (workstationReach.everywhere ? workstationQuery : workstationQuery.filter(\.$id ~~ Array(workstationReach.workstations))).all()
        let fields = [
            FormField(name: "workstation_id", label: Strings.workstation, kind: .select(workstations.map { ($0.id!.uuidString, Text($0.nameZh, $0.nameEn)) }), required: true),
            FormField(name: "code", label: Strings.code, kind: .text, required: true),
            FormField(name: "name_zh", label: Strings.nameZh, kind: .text, required: true),
            FormField(name: "name_en", label: Strings.nameEn, kind: .text, required: true),
            FormField(name: "structure_rules", label: Strings.structureRules, kind: .select(StructureRules.all.map { ($0.name, Text($0.name, $0.name)) }), required: true),
        ]
        return try await handle(req, CommitteeResource.self, id: id, title: (id == nil ? Strings.create : Strings.edit)[lang] + " · " + Strings.residentsCommittee[lang],
                                fields: fields, initial: initial) { SitePath.committee.link($0.id!) }
    }

    static func zoneForm(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let compound = try await parent(Compound.self, req, "compound_id", Strings.compound)
        let fields = [
            FormField(name: "compound_id", label: Strings.compound, kind: .hidden),
            FormField(name: "code", label: Strings.code, kind: .text, required: true),
            FormField(name: "name_zh", label: Strings.nameZh, kind: .text, required: true),
            FormField(name: "name_en", label: Strings.nameEn, kind: .text, required: true),
        ]
        return try await handle(req, ZoneResource.self, id: nil, title: Strings.create[lang] + " · " + Strings.zone[lang] + " · " + Layout.name(compound.nameZh, compound.nameEn, lang),
                                fields: fields, initial: ["compound_id": [compound.id!.uuidString]]) { SitePath.compound.link($0.compoundId!) }
    }

    static func buildingForm(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let compound = try await parent(Compound.self, req, "compound_id", Strings.compound)
        let zones = try await Zone.query(on: req.db).filter(\.$compound.$id == compound.id!).sort(\.$code).all()
        let fields = [
            FormField(name: "compound_id", label: Strings.compound, kind: .hidden),
            FormField(name: "zone_id", label: Strings.zone, kind: .select(zones.map { ($0.id!.uuidString, Text($0.nameZh, $0.nameEn)) })),
            FormField(name: "number", label: Text("楼栋号", "Building number"), kind: .text, required: true),
            FormField(name: "floors", label: Strings.floors, kind: .number, required: true),
        ]
        return try await handle(req, BuildingResource.self, id: nil, title: Strings.create[lang] + " · " + Strings.building[lang] + " · " + Layout.name(compound.nameZh, compound.nameEn, lang),
                                fields: fields, initial: ["compound_id": [compound.id!.uuidString]]) { SitePath.building.link($0.id!) }
    }

    static func entranceForm(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let building = try await parent(Building.self, req, "building_id", Strings.building)
        let fields = [
            FormField(name: "building_id", label: Strings.building, kind: .hidden),
            FormField(name: "number", label: Text("单元号", "Entrance number"), kind: .text, required: true),
        ]
        return try await handle(req, EntranceResource.self, id: nil, title: Strings.create[lang] + " · " + Strings.entrance[lang] + " · " + Strings.building[lang] + " " + building.number,
                                fields: fields, initial: ["building_id": [building.id!.uuidString]]) { SitePath.building.link($0.buildingId!) }
    }

    static func organisationForm(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let committee = try await parent(ResidentsCommittee.self, req, "committee_id", Strings.residentsCommittee)
        let compounds = try await Compound.query(on: req.db).filter(\.$committee.$id == committee.id!).sort(\.$code).all()
        let fields = [
            FormField(name: "committee_id", label: Strings.residentsCommittee, kind: .hidden),
            FormField(name: "kind", label: Strings.kind, kind: .select(BodyKind.allCases.filter(\.isOrganisation).map { ($0.rawValue, $0.label) }), required: true),
            FormField(name: "compound_id", label: Strings.compound, kind: .select(compounds.map { ($0.id!.uuidString, Text($0.nameZh, $0.nameEn)) })),
            FormField(name: "name_zh", label: Strings.nameZh, kind: .text, required: true),
            FormField(name: "name_en", label: Strings.nameEn, kind: .text, required: true),
        ]
        return try await handle(req, OrganisationResource.self, id: nil, title: Strings.create[lang] + " · " + Strings.organisation[lang] + " · " + Layout.name(committee.nameZh, committee.nameEn, lang),
                                fields: fields, initial: ["committee_id": [committee.id!.uuidString]]) { SitePath.committee.link($0.committeeId!) }
    }

    /// The record a new child belongs to, named in the query string (`?compound_id=`).
    static func parent<M: Model>(_ type: M.Type, _ req: Request, _ parameter: String, _ label: Text) async throws -> M where M.IDValue == UUID {
        // On POST the hidden field carries it too; the query string is what the page was opened with.
        guard let id = (try QueryParameters(req).uuid(parameter)), let row = try await M.find(id, on: req.db) else {
            throw ZhanjuError.notFound(label)
        }
        return row
    }
}
