import Foundation
import Testing
@testable import ZhanjuApp
import ZhanjuRules

@Suite("The clock a demonstration is served with (`zhanju serve --today`)")
struct ClockTests {
    @Test("shifted to a day thirty days on: today is that day, and time keeps running")
    func shifted() async throws {
        let target = ZhanjuClock().today.adding(days: 30)
        let clock = ZhanjuClock.shifted(to: target)
        #expect(clock.today == target)
        let first = clock.now()
        try await Task.sleep(nanoseconds: 20_000_000)
        #expect(clock.now() > first)
    }
}
