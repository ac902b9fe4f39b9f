import Fluent
import Foundation
import OpenAPIKit
import Vapor
import ZhanjuRules

/// A compound's register of exclusive parts and their owners over the API: read by those who
/// read its households, replaced whole by those who keep its structure, from the real-estate
/// register's extract (the owners' votes count from it). Not replaced while an owners' vote of
/// the compound is open: its ballots were cast by the owners of the register it opened on.
enum DwellingsAPI {
    struct OwnerInput: Content, Sendable {
        /// The owner's key within this extract, which each dwelling names.
        var key: String?
        var name: String?
        var residentId: UUID?
        var developer: Bool?
    }

    struct DwellingInput: Content, Sendable {
        var label: String?
        /// Exclusive floor area in square metres, to the hundredth ("89.5", "120.25").
        var area: String?
        var areaSource: String?
        var owner: String?
        var householdId: UUID?
        var isLet: Bool?

        enum CodingKeys: String, CodingKey { case label, area, areaSource, owner, householdId, isLet = "let" }
    }

    struct RegisterInput: Content, Sendable {
        var owners: [OwnerInput]?
        var dwellings: [DwellingInput]?
        static let example = RegisterInput(owners: [.init(key: "o1", name: "张建国", residentId: nil, developer: false), .init(key: "dev", name: "开发商", residentId: nil, developer: true)],
                                           dwellings: [.init(label: "1-1-101", area: "89.50", areaSource: "registered", owner: "o1", householdId: nil, isLet: false),
                                                       .init(label: "1-1-102", area: "120.25", areaSource: "contract", owner: "dev", householdId: nil, isLet: false)])
    }

    struct RegisterView: Content, Sendable {
        struct Owner: Content, Sendable {
            var id: UUID
            var name: String
            var residentId: UUID?
            var developer: Bool
            var parts: Int
            var area: String
        }
        struct Part: Content, Sendable {
            var label: String
            var area: String
            var areaSource: String
            var ownerId: UUID
            var householdId: UUID?
            var isLet: Bool
            enum CodingKeys: String, CodingKey { case label, area, areaSource, ownerId, householdId, isLet = "let" }
        }
        var compoundId: UUID
        var owners: [Owner]
        var dwellings: [Part]
        var totalArea: String
        static let example = RegisterView(compoundId: UUID(), owners: [.init(id: UUID(), name: "张建国", residentId: nil, developer: false, parts: 1, area: "89.50")],
                                          dwellings: [.init(label: "1-1-101", area: "89.50", areaSource: "registered", ownerId: UUID(), householdId: nil, isLet: false)],
                                          totalArea: "89.50")
    }

    /// Square metres to the hundredth, as written: "89.5" is 8,950 hundredths. Up to 100,000 m².
    static func hundredths(_ text: String?, field: String) throws -> Int {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { throw ZhanjuError.required(field) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), parts[0].allSatisfy(\.isNumber), whole >= 0, whole <= 100_000,
              parts.count == 1 || (1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isNumber) else {
            throw ZhanjuError.invalid(field, "area", Text("“\(field)”应为平方米数,最多两位小数,不超过 100000。", "“\(field)” is square metres with at most two decimals, up to 100000."))
        }
        let cents = parts.count == 2 ? Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0
        guard whole * 100 + cents <= 10_000_000 else {
            throw ZhanjuError.invalid(field, "area", Text("“\(field)”应为平方米数,最多两位小数,不超过 100000。", "“\(field)” is square metres with at most two decimals, up to 100000."))
        }
        return whole * 100 + cents
    }

    static func metres(_ hundredths: Int) -> String { String(format: "%d.%02d", hundredths / 100, hundredths % 100) }

    static func read(_ compound: UUID, on db: any Database) async throws -> RegisterView {
        let registry = RegistryDirectory(db: db)
        let parts = try await registry.dwellings(compound: compound)
        return RegisterView(compoundId: compound,
                            owners: try await registry.owners(compound: compound).map {
                                .init(id: $0.id, name: $0.name, residentId: $0.residentID, developer: $0.developer, parts: $0.parts, area: metres($0.areaHundredths))
                            },
                            dwellings: parts.map { .init(label: $0.label, area: metres($0.areaHundredths), areaSource: $0.areaSource.rawValue, ownerId: $0.ownerID,
                                                          householdId: $0.householdID, isLet: $0.isLet) },
                            totalArea: metres(parts.reduce(0) { $0 + $1.areaHundredths }))
    }

    static func register(on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        let path = api.grouped("compounds", ":id", "dwellings")
        path.get { req async throws -> RegisterView in
            let id = try req.uuidParameter("id")
            guard try await RegistryDirectory(db: req.db).compoundExists(id) else { throw ZhanjuError.notFound(Text("小区", "compound")) }
            try req.authorize(.householdsRead, at: try await req.access.map(on: req.db).place(compound: id), notFound: Text("小区", "compound"))
            return try await read(id, on: req.db)
        }.access(.permission(.householdsRead))
        document.operation("GET", "/api/v1/compounds/{id}/dwellings", "A compound's exclusive parts with their registered area, owner and household, and its owners with the parts and area each holds",
                           id: "readCompoundDwellings", tag: "Registry", schema: "CompoundDwellings")
        // A compound's extract: 1,200 flats are some 100 KB of JSON; room for the largest estates.
        path.on(.PUT, body: .collect(maxSize: "8mb")) { req async throws -> RegisterView in
            let id = try req.uuidParameter("id")
            let input = try req.content.decode(RegisterInput.self)
            _ = try await DwellingService(req).replace(compound: id, input)
            return try await read(id, on: req.db)
        }.access(.permission(.structureWrite))
        document.operation("PUT", "/api/v1/compounds/{id}/dwellings", "Replace a compound's register of exclusive parts and owners with the real-estate register's extract (refused while an owners' vote of the compound is open)",
                           id: "replaceCompoundDwellings", tag: "Registry", body: "CompoundDwellingsInput", schema: "CompoundDwellings", errors: [403, 409, 422])
        document.addSchema("CompoundDwellings", RegisterView.self)
        document.addSchema("CompoundDwellingsInput", RegisterInput.self)
    }
}

extension DwellingsAPI.RegisterView: APISchema {
    static var schema: JSONSchema {
        .record(["compound_id": .uuid, "total_area": .string,
                 "owners": .list(.record(["id": .uuid, "name": .string, "resident_id": JSONSchema.uuid.optional, "developer": .boolean, "parts": .int(), "area": .string])),
                 "dwellings": .list(.record(["label": .string, "area": .string, "area_source": .oneOf(OwnersRegister.AreaSource.self), "owner_id": .uuid,
                                             "household_id": JSONSchema.uuid.optional, "let": .boolean]))])
    }
}

extension DwellingsAPI.RegisterInput: APISchema {
    static var schema: JSONSchema {
        .record(["owners": .list(.record(["key": .string, "name": .string, "resident_id": JSONSchema.uuid.optional, "developer": JSONSchema.boolean.optional])),
                 "dwellings": .list(.record(["label": .string, "area": .string(pattern: "^[0-9]{1,6}(\\.[0-9]{1,2})?$"), "area_source": JSONSchema.oneOf(OwnersRegister.AreaSource.self).optional,
                                             "owner": .string, "household_id": JSONSchema.uuid.optional, "let": JSONSchema.boolean.optional]))])
    }
}

extension DwellingService {
    init(_ req: Request) throws {
        self.init(db: req.db, context: try req.writeContext(), now: req.access.now())
    }

    /// Checks an extract field by field (each error names its place, `dwellings.3.area`), then
    /// replaces the compound's register in one write: its owners and parts, none left half done.
    func replace(compound: UUID, _ input: DwellingsAPI.RegisterInput) async throws -> Int {
        guard try await RegistryDirectory(db: db).compoundExists(compound) else { throw ZhanjuError.notFound(Text("小区", "compound")) }
        let map = try await context.access.map(on: db)
        if let principal = context.principal, !principal.grants.allows(.structureWrite, at: map.place(compound: compound)) {
            if principal.grants.holds(.structureWrite) { throw ZhanjuError.notFound(Text("小区", "compound")) }
            throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden)
        }
        guard let ownersIn = input.owners else { throw ZhanjuError.required("owners") }
        guard let partsIn = input.dwellings, !partsIn.isEmpty else { throw ZhanjuError.required("dwellings") }
        guard ownersIn.count <= 50_000, partsIn.count <= 50_000 else { throw ZhanjuError.invalid("dwellings", "too_many", Text("一次最多 50000 条。", "At most 50000 entries at once.")) }
        var owners: [OwnerInput] = [], keys: Set<String> = []
        for (i, o) in ownersIn.enumerated() {
            let key = try Check.text(o.key, "owners.\(i).key", max: 64)
            guard keys.insert(key).inserted else { throw ZhanjuError.invalid("owners.\(i).key", "duplicate", Text("业主编号重复。", "An owner's key is listed twice.")) }
            owners.append(OwnerInput(key: key, name: try Check.text(o.name, "owners.\(i).name", max: 100), residentID: o.residentId, developer: o.developer ?? false))
        }
        let people = Set(owners.compactMap(\.residentID))
        if !people.isEmpty {
            let known = Set(try await Resident.query(on: db).filter(\.$id ~~ Array(people)).all().compactMap(\.id))
            if let i = owners.firstIndex(where: { $0.residentID.map { !known.contains($0) } ?? false }) {
                throw ZhanjuError.invalid("owners.\(i).resident_id", "unknown_reference", Strings.errorUnknownRef("owners.\(i).resident_id"))
            }
        }
        let households = Set(try await Household.query(on: db).filter(\.$compound.$id == compound).all().compactMap(\.id))
        var parts: [DwellingInput] = [], labels: Set<String> = []
        for (i, d) in partsIn.enumerated() {
            let label = try Check.text(d.label, "dwellings.\(i).label", max: 64)
            guard labels.insert(label).inserted else {
                throw ZhanjuError.invalid("dwellings.\(i).label", "council.exclusive_part_listed_twice", Text("专有部分“\(label)”重复登记。", "The exclusive part “\(label)” is listed twice."))
            }
            let area = try DwellingsAPI.hundredths(d.area, field: "dwellings.\(i).area")
            guard area > 0 else {
                throw ZhanjuError.invalid("dwellings.\(i).area", "council.exclusive_part_area", Text("专有部分须有登记面积。", "An exclusive part has a registered area above zero."))
            }
            let source = try Check.choice(d.areaSource ?? OwnersRegister.AreaSource.registered.rawValue, "dwellings.\(i).area_source", as: OwnersRegister.AreaSource.self)
            let owner = try Check.text(d.owner, "dwellings.\(i).owner", max: 64)
            guard keys.contains(owner) else { throw ZhanjuError.invalid("dwellings.\(i).owner", "unknown_reference", Strings.errorUnknownRef("dwellings.\(i).owner")) }
            if let h = d.householdId, !households.contains(h) {
                throw ZhanjuError.invalid("dwellings.\(i).household_id", "unknown_reference", Text("该住户不在这个小区。", "That household is not in this compound."))
            }
            parts.append(DwellingInput(householdID: d.householdId, label: label, areaHundredths: area, areaSource: source, ownerKey: owner, isLet: d.isLet ?? false))
        }
        return try await record(compound: compound, owners: owners, dwellings: parts, replacing: true)
    }
}
