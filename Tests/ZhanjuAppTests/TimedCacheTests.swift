import Foundation
import Testing
@testable import ZhanjuApp

/// Page bodies and figures kept a few seconds: fresh ones served, aged ones served while one
/// request renders the next, and nothing a write here has made stale ever served again.
@Suite("Timed cache: fresh, aged, and emptied by writes")
struct TimedCacheTests {
    @Test("a fresh value is served; an aged one is served while the next is rendered once; a write empties it at once")
    func lifecycle() async throws {
        let cache = TimedCache<Int>()
        let start = Date()
        #expect(try await cache.value("k", now: start) { 1 } == 1)
        #expect(try await cache.value("k", now: start.addingTimeInterval(1)) { 2 } == 1, "fresh")
        let aged = start.addingTimeInterval(TimedCache<Int>.maxAge + 1)
        #expect(try await cache.value("k", now: aged) { 3 } == 1, "aged: served while 3 is rendered")
        var next = 0
        for _ in 0..<100 {
            next = try await cache.value("k", now: aged.addingTimeInterval(0.1)) { 4 }
            if next != 1 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(next == 3, "the rendering started by the aged read replaced it; 4 was never rendered")
        cache.invalidate()
        #expect(try await cache.value("k", now: aged.addingTimeInterval(0.2)) { 5 } == 5, "after a write, never the old value")
    }
}
