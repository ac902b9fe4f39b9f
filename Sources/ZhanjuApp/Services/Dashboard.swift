import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// Case figures for one workstation, committee or grid: what is open and overdue, how long cases
/// take, how satisfied residents are, and what they ask for (the seed's point: security and
/// epidemic prevention, not employment).
struct Dashboard: Content {
    struct Count: Content { var key: String; var labelZh: String; var labelEn: String; var count: Int }
    var scope: String
    var id: UUID
    var nameZh: String
    var nameEn: String
    var total: Int
    var open: Int
    var overdue: Int
    var resolved: Int
    var averageDaysToResolve: Double?
    var satisfaction: Double?
    var ratings: Int
    var byFamily: [Count]
    var byStatus: [Count]

    static let example = Dashboard(scope: "committee", id: UUID(), nameZh: "维融居民委员会", nameEn: "Weirong Residents' Committee", total: 10, open: 3, overdue: 1,
                                   resolved: 6, averageDaysToResolve: 2.5, satisfaction: 4.5, ratings: 4,
                                   byFamily: [Count(key: "safety_security", labelZh: "社区安全", labelEn: "Safety and security", count: 5)],
                                   byStatus: [Count(key: "closed", labelZh: "已结案", labelEn: "Closed", count: 5)])

    /// The bodies a dashboard can be about (the path's `scope`).
    static let scopes = ["workstation", "committee", "grid"]

    static func load(scope: String, id: UUID, req: Request) async throws -> Dashboard {
        let map = try await req.territoryMap()
        let place: Place
        let name: Text?
        switch scope {
        case "workstation":
            place = map.place(workstation: id)
            name = try await BodyDirectory(db: req.pageDB).name(of: .workstation, id: id)
        case "committee":
            place = map.place(committee: id)
            name = try await BodyDirectory(db: req.pageDB).name(of: .residentsCommittee, id: id)
        case "grid":
            place = map.place(grid: id)
            name = try await BodyDirectory(db: req.pageDB).name(of: .grid, id: id)
        default:
            throw ZhanjuError.notFound(Strings.dashboard)
        }
        guard let name else { throw ZhanjuError.notFound(Strings.dashboard) }
        try req.authorize(.dashboardsRead, at: place, notFound: Strings.dashboard)
        // The same figures for everyone allowed to see them: computed once per few seconds.
        return try await req.access.dashboards.value("\(scope) \(id)", now: req.access.now()) {
            try await req.readingPage { try await compute(scope: scope, id: id, name: name, req: req) }
        }
    }

    static func compute(scope: String, id: UUID, name: Text, req: Request) async throws -> Dashboard {
        let q = Case.query(on: req.pageDB)
        switch scope {
        case "workstation": q.filter(\.$workstationID == id)
        case "committee": q.filter(\.$committeeID == id)
        default: q.filter(\.$gridID == id)
        }
        let cases = try await q.all()
        let service = CaseService(db: req.pageDB, context: .system("dashboard", req.application), calendar: try await req.access.calendar(on: req.pageDB),
                                  now: req.access.now(), today: req.today)
        let facts = cases.map { c -> CaseStatistics.Fact in
            let days: Int? = {
                guard let r = c.resolvedOn.flatMap(CivilDate.init(iso:)), let o = CivilDate(iso: c.reportedOn) else { return nil }
                return service.calendar.workingDays(after: o, through: r)
            }()
            return CaseStatistics.Fact(family: c.family, status: c.statusValue, overdue: service.reading(c).overdue, daysToResolve: days, rating: c.rating)
        }
        let stats = CaseStatistics(facts)
        var statuses: [CaseStatus: Int] = [:]
        for c in cases { statuses[c.statusValue, default: 0] += 1 }
        return Dashboard(scope: scope, id: id, nameZh: name.zh, nameEn: name.en, total: stats.total, open: stats.open, overdue: stats.overdue,
                         resolved: stats.resolved, averageDaysToResolve: stats.averageDaysToResolve.map { ($0 * 10).rounded() / 10 },
                         satisfaction: stats.satisfaction.map { ($0 * 10).rounded() / 10 }, ratings: stats.ratings,
                         byFamily: stats.byFamily.map { f in
                             let label = ServiceFamily(rawValue: f.family)?.label ?? Text(f.family, f.family)
                             return Count(key: f.family, labelZh: label.zh, labelEn: label.en, count: f.count)
                         },
                         byStatus: CaseStatus.allCases.compactMap { s in statuses[s].map { Count(key: s.rawValue, labelZh: s.label.zh, labelEn: s.label.en, count: $0) } })
    }
}
