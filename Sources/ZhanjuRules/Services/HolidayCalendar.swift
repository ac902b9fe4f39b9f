import Foundation

/// Working days in mainland China: Monday to Friday, except public holidays, plus the weekend
/// days the State Council declares make-up working days (调休). The holidays are data, one notice
/// per year; a date in a year with no notice loaded is computed on weekends alone and flagged as
/// unconfirmed, because that year's holidays are not known yet.
public struct HolidayCalendar: Sendable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case holiday
        case workday
    }

    public struct Entry: Sendable, Hashable {
        public var date: CivilDate
        public var kind: Kind
        public var nameZh: String
        public var nameEn: String
        public init(date: CivilDate, kind: Kind, nameZh: String, nameEn: String) {
            self.date = date
            self.kind = kind
            self.nameZh = nameZh
            self.nameEn = nameEn
        }
    }

    public struct ParseError: Error, Equatable, Sendable {
        public var line: Int
        public var reason: String
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    public private(set) var entries: [CivilDate: Entry] = [:]
    /// Years whose notice is loaded.
    public private(set) var years: Set<Int> = []

    public init(_ entries: [Entry]) {
        for e in entries {
            self.entries[e.date] = e
            years.insert(e.date.year)
        }
    }

    /// `date,kind,name_zh,name_en` with a header line, as in cn-holidays.csv.
    public static func parse(csv: String) throws -> [Entry] {
        var out: [Entry] = []
        for (i, raw) in csv.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || (i == 0 && line.hasPrefix("date")) { continue }
            let cols = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cols.count >= 2 else { throw ParseError(line: i + 1, reason: "expected date,kind,name_zh,name_en") }
            guard let date = CivilDate(iso: cols[0]) else { throw ParseError(line: i + 1, reason: "not a date: \(cols[0])") }
            guard let kind = Kind(rawValue: cols[1]) else { throw ParseError(line: i + 1, reason: "kind must be holiday or workday") }
            if kind == .workday && !date.isWeekend { throw ParseError(line: i + 1, reason: "a make-up workday falls on a weekend") }
            out.append(Entry(date: date, kind: kind, nameZh: cols.count > 2 ? cols[2] : "", nameEn: cols.count > 3 ? cols[3] : ""))
        }
        return out
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool {
        switch entries[date]?.kind {
        case .holiday: return false
        case .workday: return true
        case nil: return !date.isWeekend
        }
    }

    public func isConfirmed(_ date: CivilDate) -> Bool { years.contains(date.year) }

    /// The `n`th working day after `start` (n = 0 is `start` itself), and whether every day it
    /// crossed lies in a year whose holidays are loaded.
    public func adding(workingDays n: Int, to start: CivilDate) -> (date: CivilDate, confirmed: Bool) {
        var date = start
        var confirmed = isConfirmed(start)
        var left = n
        while left > 0 {
            date = date.adding(days: 1)
            confirmed = confirmed && isConfirmed(date)
            if isWorkingDay(date) { left -= 1 }
        }
        return (date, confirmed)
    }

    /// Working days in the half-open span (from, through]: what a clock counts between two dates.
    public func workingDays(after from: CivilDate, through end: CivilDate) -> Int {
        guard end > from else { return 0 }
        var n = 0
        var date = from
        while date < end {
            date = date.adding(days: 1)
            if isWorkingDay(date) { n += 1 }
        }
        return n
    }
}

extension CivilDate {
    /// ISO weekday: 1 Monday … 7 Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 + 1 }
    public var isWeekend: Bool { weekday >= 6 }
}
