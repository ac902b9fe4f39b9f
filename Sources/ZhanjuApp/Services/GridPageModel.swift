import Foundation
import SQLKit
import Vapor
import ZhanjuRules

/// A grid's households in walking order with what the worker needs at the door: how many live
/// there and their ages, the service tags the viewer may see, and the last visit. Built from the
/// registry's directory and the visit log; GridPageView renders it without a database.
struct GridPageModel: Sendable {
    struct Row: Sendable {
        var id: UUID
        /// Building-entrance-door, e.g. 3-1-502.
        var door: String
        var people: Int
        var ages: [Int]
        var tags: [ServiceTag]
        var lastVisit: String?
    }

    var grid: RegistryDirectory.GridRef
    var page: Int
    var tag: ServiceTag?
    /// Whether sensitive tags (disability, low income…) are shown and offered as filters.
    var sensitive: Bool
    var rows: [Row]
    var hasNext: Bool

    static let perPage = 100

    static func build(_ req: Request, grid g: RegistryDirectory.GridRef, page: Int, tag: ServiceTag?, sensitive: Bool) async throws -> GridPageModel {
        let registry = RegistryDirectory(db: req.db)
        let households = try await registry.householdsOnRound(grid: g.id, tag: tag, page: Paging(page: page, per: perPage))
        let shown = Array(households.prefix(perPage))
        let ids = shown.map(\.id)
        let byHousehold = try await registry.residents(of: ids)
        // The latest visit per household, counted in SQL rather than reading every visit.
        var lastVisit: [UUID: String] = [:]
        if !ids.isEmpty {
            for row in try await (req.db as! any SQLDatabase).select().column("household_id").column(SQLFunction("MAX", args: SQLColumn("visited_on")), as: "last")
                .from(Visit.schema).where("household_id", .in, ids).groupBy("household_id").all() {
                lastVisit[try row.decode(column: "household_id", as: UUID.self)] = try row.decode(column: "last", as: String?.self)
            }
        }
        let today = req.today
        let rows = shown.map { h -> Row in
            let people = byHousehold[h.id] ?? []
            let tags = Set(people.flatMap { ServiceTag.visible($0.tags, sensitive: sensitive) }).compactMap(ServiceTag.init).sorted { $0.rawValue < $1.rawValue }
            return Row(id: h.id, door: h.label, people: people.count, ages: people.compactMap { CivilDate(iso: $0.birthDate)?.age(on: today) },
                       tags: tags, lastVisit: lastVisit[h.id] ?? nil)
        }
        return GridPageModel(grid: g, page: page, tag: tag, sensitive: sensitive, rows: rows, hasNext: households.count > perPage)
    }
}
