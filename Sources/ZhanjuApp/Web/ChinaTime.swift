import Foundation
import ZhanjuRules

/// Times as people here read them: China Standard Time (UTC+8, no daylight saving since 1991),
/// to the minute, e.g. `2026-11-30 14:05`. The one formatter for pages; the API speaks RFC 3339.
enum ChinaTime {
    static let offset: TimeInterval = 8 * 3600

    static func format(_ date: Date) -> String {
        let seconds = Int((date.timeIntervalSince1970 + offset).rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let minutes = (seconds - days * 86_400) / 60
        let day = CivilDate(dayNumber: days)
        return day.iso + " " + two(minutes / 60) + ":" + two(minutes % 60)
    }

    /// The date in China of an instant.
    static func civilDate(_ date: Date) -> CivilDate {
        CivilDate(dayNumber: Int(((date.timeIntervalSince1970 + offset) / 86_400).rounded(.down)))
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
