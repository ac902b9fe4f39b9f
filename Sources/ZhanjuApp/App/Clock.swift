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

    /// The real clock moved by whole days so that today is `date`: time runs on as usual (a
    /// demonstration served with `zhanju serve --today`).
    public static func shifted(to date: CivilDate) -> ZhanjuClock {
        let days = Double(date.dayNumber - ZhanjuClock().today.dayNumber)
        return ZhanjuClock { Date().addingTimeInterval(days * 86_400) }
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
