import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// The working-day calendar: the bundled State Council notices (Resources/cn-holidays.csv, copied
/// into the package) plus the years administrators add, which win on the same date.
enum WorkingCalendar {
    static let bundled: [HolidayCalendar.Entry] = {
        guard let url = Bundle.module.url(forResource: "cn-holidays", withExtension: "csv", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return (try? HolidayCalendar.parse(csv: text)) ?? []
    }()

    static func load(on db: any Database) async throws -> HolidayCalendar {
        var byDate = Dictionary(bundled.map { ($0.date, $0) }, uniquingKeysWith: { $1 })
        for row in try await HolidayRow.query(on: db).all() {
            guard let date = CivilDate(iso: row.date), let kind = HolidayCalendar.Kind(rawValue: row.kind) else { continue }
            byDate[date] = .init(date: date, kind: kind, nameZh: row.nameZh, nameEn: row.nameEn)
        }
        return HolidayCalendar(Array(byDate.values))
    }

    /// Adds a year's notice (CSV lines as in cn-holidays.csv). A year already loaded is refused:
    /// notices do not change after publication, and a typo should not silently move due dates.
    static func addYear(csv: String, context: WriteContext, on db: any Database) async throws -> Int {
        let entries: [HolidayCalendar.Entry]
        do { entries = try HolidayCalendar.parse(csv: csv) } catch let e as HolidayCalendar.ParseError {
            throw ZhanjuError.invalid("csv", "calendar.line", Text("第 \(e.line) 行:\(e.reason)", "Line \(e.line): \(e.reason)"))
        }
        let years = Set(entries.map(\.date.year))
        guard years.count == 1, let year = years.first else {
            throw ZhanjuError.invalid("csv", "calendar.one_year", Text("一次添加一个年份的通知。", "Add one year's notice at a time."))
        }
        let current = try await load(on: db)
        if current.years.contains(year) {
            throw ZhanjuError(.conflict, code: "calendar.year_loaded", field: "csv", message: Text("\(year) 年的节假日已经载入。", "The holidays of \(year) are already loaded."))
        }
        try await context.access.write(on: db) { tx in
            WritePath.changed(.calendar)
            for e in entries {
                let row = HolidayRow()
                row.date = e.date.iso
                row.kind = e.kind.rawValue
                row.nameZh = e.nameZh
                row.nameEn = e.nameEn
                try await row.create(on: tx)
            }
            try await AuditTrail.append("add_year", "holidays", nil, before: nil, after: HashChain.digest(csv), by: context.actor, at: context.access.now(), on: tx)
        }
        context.access.forgetCalendar()
        // Overdue counts and working days on the dashboards follow the calendar.
        context.access.dashboards.invalidate()
        context.access.caseQueues.invalidate()
        return entries.count
    }
}
