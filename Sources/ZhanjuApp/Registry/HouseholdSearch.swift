import Fluent
import Foundation
import SQLKit
import ZhanjuRules

/// Finding a household the way a clerk says it: "维多利亚 3栋1单元 1-101", "3-1-1-101", a door,
/// or a member's name. Nobody types a household's id.
extension RegistryDirectory {
    struct HouseholdMatch: Sendable, Equatable {
        var household: HouseholdRef
        var compoundID: UUID
        /// Building, entrance and door as written on a letterbox: "3-1-1-101".
        var door: String
        /// The head (or eldest member), so two households are told apart by who lives there.
        var headName: String?
    }

    /// What a person types, made comparable with "building-entrance-door": 栋, 单元, 号 and
    /// their English words become dashes; a compound's name, when given, narrows the search.
    static func searchTerms(_ typed: String, compoundNames: [UUID: (zh: String, en: String)]) -> (compound: UUID?, text: String) {
        var text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        var compound: UUID?
        for (id, names) in compoundNames {
            for name in [names.zh, names.en] where !name.isEmpty && text.localizedCaseInsensitiveContains(name) {
                compound = id
                text = text.replacingOccurrences(of: name, with: "", options: .caseInsensitive)
            }
        }
        for (word, dash) in [("栋", "-"), ("幢", "-"), ("单元", "-"), ("号", ""), ("室", ""), ("Building", "-"), ("Entrance", "-")] {
            text = text.replacingOccurrences(of: word, with: dash, options: .caseInsensitive)
        }
        text = text.split(whereSeparator: { $0 == " " || $0 == "　" }).joined(separator: "-")
        while text.contains("--") { text = text.replacingOccurrences(of: "--", with: "-") }
        return (compound, text.trimmingCharacters(in: CharacterSet(charactersIn: "-")))
    }

    /// Up to `limit` households within these compounds, grids and households (nil: everywhere)
    /// whose address or member's name contains the text, in walking order.
    func households(matching typed: String, compoundNames: [UUID: (zh: String, en: String)],
                    within reach: (compounds: Set<UUID>, grids: Set<UUID>, households: Set<UUID>)?, limit: Int = 20) async throws -> [HouseholdMatch] {
        let (compound, text) = Self.searchTerms(typed, compoundNames: compoundNames)
        guard !text.isEmpty || compound != nil else { return [] }
        if let reach, reach.compounds.isEmpty, reach.grids.isEmpty, reach.households.isEmpty { return [] }
        let like = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
        var query = SQLQueryString("""
            SELECT h.id, h.compound_id, h.grid_id, h.door, b.number AS building, e.number AS entrance,
              (SELECT r.name FROM residents r WHERE r.household_id = h.id
                 ORDER BY CASE WHEN r.relation = 'head' THEN 0 ELSE 1 END, r.birth_date LIMIT 1) AS head
            FROM households h JOIN buildings b ON b.id = h.building_id JOIN entrances e ON e.id = h.entrance_id
            WHERE (b.number || '-' || e.number || '-' || h.door LIKE \(bind: like)
               OR EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id AND r.name LIKE \(bind: like)))
            """)
        if let compound {
            query.appendInterpolation(unsafeRaw: " AND h.compound_id = ")
            query.appendInterpolation(bind: compound)
        }
        if let reach {
            query.appendInterpolation(unsafeRaw: " AND (1 = 0")
            for (column, ids) in [("h.compound_id", reach.compounds), ("h.grid_id", reach.grids), ("h.id", reach.households)] where !ids.isEmpty {
                query.appendInterpolation(unsafeRaw: " OR \(column) IN (")
                query.appendInterpolation(binds: Array(ids))
                query.appendInterpolation(unsafeRaw: ")")
            }
            query.appendInterpolation(unsafeRaw: ")")
        }
        query.appendInterpolation(unsafeRaw: """
             ORDER BY h.compound_id, LENGTH(b.number), b.number, LENGTH(e.number), e.number, LENGTH(h.door), h.door LIMIT \(max(1, min(limit, 100)))
            """)
        return try await (db as! any SQLDatabase).raw(query).all().map { row in
            let door = try row.decode(column: "door", as: String.self)
            let label = "\(try row.decode(column: "building", as: String.self))-\(try row.decode(column: "entrance", as: String.self))-\(door)"
            let compoundID = try row.decode(column: "compound_id", as: UUID.self)
            let ref = HouseholdRef(id: try row.decode(column: "id", as: UUID.self), compoundID: compoundID,
                                   gridID: try row.decode(column: "grid_id", as: UUID?.self), door: door, label: label)
            return HouseholdMatch(household: ref, compoundID: compoundID, door: label, headName: try row.decode(column: "head", as: String?.self))
        }
    }

    /// One household with its walking label and head, for showing which household a form is for.
    func householdMatch(_ id: UUID) async throws -> HouseholdMatch? {
        guard let ref = try await household(id) else { return nil }
        let label = try await doorLabels([id])[id] ?? ref.door
        let head = try await self.head(of: id)
        var name: String?
        if let head { name = try await names(of: [head])[head] }
        return HouseholdMatch(household: ref, compoundID: ref.compoundID, door: label, headName: name)
    }
}
