import Foundation
import NIOConcurrencyHelpers

/// Rendered page bodies that many people open and few writes change (a sub-district's structure,
/// a committee's page: a dozen queries and a large tree each time). Kept for up to `maxAge`,
/// keyed by everything the body depends on (the record, the language, what the viewer may do
/// there), and emptied by every registry write in this process; another process's writes show
/// within `maxAge`. The page's frame (header, the viewer's name, the CSRF token) is rendered
/// around it per request, and access is checked before a fragment is looked up.
final class PageFragmentCache: Sendable {
    static let maxAge: TimeInterval = 5
    private struct Entry { var html: String; var at: Date }
    private struct Store { var entries: [String: Entry] = [:]; var generation = 0 }
    private let store = NIOLockedValueBox(Store())
    private let capacity = 2_048

    func fragment(_ key: String, now: Date, render: () async throws -> String) async throws -> String {
        let (cached, generation) = store.withLockedValue { s in (s.entries[key], s.generation) }
        if let cached, now.timeIntervalSince(cached.at) < Self.maxAge { return cached.html }
        let html = try await render()
        store.withLockedValue { s in
            // Rendered from data a write has since changed: not kept.
            guard s.generation == generation else { return }
            if s.entries.count >= capacity { s.entries.removeAll(keepingCapacity: true) }
            s.entries[key] = Entry(html: html, at: now)
        }
        return html
    }

    func invalidate() {
        store.withLockedValue { s in
            s.generation += 1
            s.entries.removeAll(keepingCapacity: true)
        }
    }
}
