import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// What a case list shows, in both languages, gathered from the queue, the catalogue and the
/// registry's directory. CaseQueueView renders it without a database.
struct CaseQueueModel: Sendable {
    /// One page of a list: the same for everyone who handles the same bodies' cases, so a
    /// body's list is kept for a few seconds (AccessState.caseQueues) and emptied by every case
    /// or registry write in this process.
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

    static func build(_ req: Request) async throws -> CaseQueueModel {
        let principal = try req.requirePrincipal()
        let handler = principal.grants.holds(.casesHandle)
        let filter = try CaseQueue.Filter(req.queryParameters, defaultView: handler ? .body : .own)
        let listing: Listing
        switch filter.view {
        case .own, .mine:
            listing = try await Self.listing(req, filter)
        case .body, .overdue, .escalated:
            // The list depends on the bodies handled, the filter and the day (what is overdue).
            let handled = principal.grants.all.filter { $0.role.permissions.contains(.casesHandle) }
                .map { "\($0.role.rawValue):\($0.scope)" }.sorted().joined(separator: ",")
            let key = "\(handled) \(filter.key) \(req.today.iso)"
            listing = try await req.access.caseQueues.value(key, now: req.access.now()) { try await Self.listing(req, filter) }
        }
        let views: [(CaseQueue.View, Text)] = handler
            ? [(.body, Strings.queueBody), (.mine, Strings.queueMine), (.overdue, Strings.queueOverdue), (.escalated, Strings.queueEscalated), (.own, Strings.myCases)]
            : [(.own, Strings.myCases)]
        return CaseQueueModel(views: views.map { (view: $0.0, label: $0.1) }, filter: filter, listing: listing, mayFile: principal.grants.holds(.casesFile))
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
