import Foundation
import NIOConcurrencyHelpers

/// Values that many people ask for and few writes change: rendered page bodies that (a sub-district's structure,
/// a committee's page: a dozen queries and a large tree each time). Kept for up to `maxAge`,
/// keyed by everything the body depends on (the record, the language, what the viewer may do
/// there), and emptied by every write in this process that changes it, and by Coherence within a
/// quarter of a second of another process's. `maxAge` is only the safety net for a change made
/// outside the services (an operator's SQL). Requests that find no fresh body wait for one rendering rather than each
/// rendering their own (sixty-four at once after every expiry). The page's frame (header, the
/// viewer's name, the CSRF token) is rendered around it per request, and access is checked
/// before a body is looked up.
final class TimedCache<Value: Sendable>: Sendable {
    static var maxAge: TimeInterval { 30 }
    private enum Found { case fresh(Value), rendering(Task<Value, any Error>) }
    private struct Entry { var value: Value; var at: Date }
    private struct Store {
        var entries: [String: Entry] = [:]
        var renderings: [String: (generation: Int, task: Task<Value, any Error>)] = [:]
        var generation = 0
    }
    private let store = NIOLockedValueBox(Store())
    private let capacity = 2_048

    func value(_ key: String, now: Date, render: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let found: Found = store.withLockedValue { s in
            if let cached = s.entries[key], now.timeIntervalSince(cached.at) < Self.maxAge { return .fresh(cached.value) }
            if let running = s.renderings[key], running.generation == s.generation {
                // Only aged, not made stale by a write here (a write empties the entries): the
                // aged body is served while one request renders the next, so readers do not all
                // stop at every expiry. Another process's write thus shows within maxAge plus
                // one rendering.
                if let aged = s.entries[key] { return .fresh(aged.value) }
                return .rendering(running.task)
            }
            let generation = s.generation
            let task = Task { () async throws -> Value in
                defer { self.store.withLockedValue { s in if s.renderings[key]?.generation == generation { s.renderings[key] = nil } } }
                let html = try await render()
                self.store.withLockedValue { s in
                    // Rendered from data a write has since changed: not kept.
                    guard s.generation == generation else { return }
                    if s.entries.count >= self.capacity { s.entries.removeAll(keepingCapacity: true) }
                    s.entries[key] = Entry(value: html, at: now)
                }
                return html
            }
            s.renderings[key] = (generation, task)
            if let aged = s.entries[key] { return .fresh(aged.value) }
            return .rendering(task)
        }
        switch found {
        case .fresh(let value): return value
        case .rendering(let task): return try await task.value
        }
    }

    func invalidate() {
        store.withLockedValue { s in
            s.generation += 1
            s.entries.removeAll(keepingCapacity: true)
        }
    }
}

/// Rendered page bodies (see TimedCache).
typealias PageFragmentCache = TimedCache<String>

extension TimedCache where Value == String {
    func fragment(_ key: String, now: Date, render: @escaping @Sendable () async throws -> String) async throws -> String {
        try await value(key, now: now, render: render)
    }
}
