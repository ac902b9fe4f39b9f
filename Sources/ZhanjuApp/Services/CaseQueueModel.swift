import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// What a case list shows, in both languages, gathered from the queue, the catalogue and the
/// registry's directory. CaseQueueView renders it without a database.
struct CaseQueueModel: Sendable {
    struct Listing: Sendable {
        var total: Int
        var rows: [Row]
    }

    struct Row: Sendable {
        var id: UUID
        var number: String
        var item: Text
        var address: Text
        var filed: String
        var status: CaseStatus
        var escalated: Bool
        var dueOn: String
        var overdue: Bool
    }

    var views: [(view: CaseQueue.View, label: Text)]
    var filter: CaseQueue.Filter
    var listing: Listing
    var mayFile: Bool

    static func filter(_ req: Request) throws -> CaseQueue.Filter {
        try CaseQueue.Filter(req.queryParameters, defaultView: try req.requirePrincipal().grants.holds(.casesHandle) ? .body : .own)
    }

    /// For the lists that are the same for everyone who handles the same bodies' cases (a
    /// body's, the overdue, the escalated), what they depend on: the bodies handled, the filter,
    /// the day (what is overdue) and whether the viewer may file. Nil for one person's own lists.
    static func sharedKey(_ req: Request, _ filter: CaseQueue.Filter) throws -> String? {
        let principal = try req.requirePrincipal()
        switch filter.view {
        case .own, .mine: return nil
        case .body, .overdue, .escalated:
            let handled = principal.grants.all.filter { $0.role.permissions.contains(.casesHandle) }
                .map { "\($0.role.rawValue):\($0.scope)" }.sorted().joined(separator: ",")
            return "\(handled) \(filter.key) \(req.today.iso) \(principal.grants.holds(.casesFile))"
        }
    }

    static func build(_ req: Request, _ filter: CaseQueue.Filter) async throws -> CaseQueueModel {
        let principal = try req.requirePrincipal()
        let views: [(CaseQueue.View, Text)] = principal.grants.holds(.casesHandle)
            ? [(.body, Strings.queueBody), (.mine, Strings.queueMine), (.overdue, Strings.queueOverdue), (.escalated, Strings.queueEscalated), (.own, Strings.myCases)]
            : [(.own, Strings.myCases)]
        return CaseQueueModel(views: views.map { (view: $0.0, label: $0.1) }, filter: filter, listing: try await listing(req, filter),
                              mayFile: principal.grants.holds(.casesFile))
    }

    static func listing(_ req: Request, _ filter: CaseQueue.Filter) async throws -> Listing {
        let (items, total) = try await CaseQueue.list(req, filter)
        guard !items.isEmpty else { return Listing(total: total, rows: []) }
        let service = try await CaseService(req)
        let names = try await CatalogueService.names(on: req.db)
        let doors = try await RegistryDirectory(db: req.db).doorLabels(items.compactMap(\.householdID))
        let map = try await req.territoryMap()
        let rows = items.map { c -> Row in
            let compound = c.compoundID.flatMap { map.compoundNames[$0] }
            let place = c.householdID.flatMap { doors[$0] } ?? c.address ?? ""
            func words(_ name: String?) -> String { [name ?? "", place].filter { !$0.isEmpty }.joined(separator: " ") }
            return Row(id: c.id!, number: c.number, item: names[c.$item.id] ?? Text(c.family, c.family),
                       address: Text(words(compound?.zh), words(compound?.en)), filed: c.reportedOn, status: c.statusValue,
                       escalated: c.escalated, dueOn: c.dueOn, overdue: service.reading(c).overdue)
        }
        return Listing(total: total, rows: rows)
    }
}

extension CaseQueue.Filter {
    /// Everything that chooses the rows, as a cache key.
    var key: String {
        [view.rawValue, status?.rawValue ?? "", family?.rawValue ?? "", compoundID?.uuidString ?? "", from?.iso ?? "", to?.iso ?? "",
         order.rawValue, "\(page)", "\(per)"].joined(separator: "|")
    }
}
