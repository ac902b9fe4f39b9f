import Foundation
import Vapor
import ZhanjuRules

/// Today's date in Asia/Shanghai, injectable so tests can pin it ("election day is 2026-12-20").
public struct ZhanjuClock: Sendable {
    public var now: @Sendable () -> Date
    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public var today: CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: now())
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    public static func fixed(_ date: CivilDate) -> ZhanjuClock {
        // Noon in Shanghai, so the date is the same in every time zone the tests may run in.
        let seconds = Double(date.dayNumber) * 86_400 + 4 * 3_600
        return ZhanjuClock { Date(timeIntervalSince1970: seconds) }
    }
}

struct ZhanjuClockKey: StorageKey { typealias Value = ZhanjuClock }

extension Application {
    public var clock: ZhanjuClock {
        get { storage[ZhanjuClockKey.self] ?? ZhanjuClock() }
        set { storage[ZhanjuClockKey.self] = newValue }
    }
}

extension Request {
    var today: CivilDate { application.clock.today }
}
