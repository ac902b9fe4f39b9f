import Foundation
import NIOConcurrencyHelpers

/// Households, residents and buildings counted per compound and grid, for the structure and
/// committee pages: counting a committee's 7,000 residents on every view was most of those pages'
/// time with a city loaded. Every registry write through this process empties it; writes by another
/// process or node are seen within `maxAge` (the counts are shown, never used to decide anything).
final class StructureCountsCache: Sendable {
    static let maxAge: TimeInterval = 5
    private struct Entry { var counts: Counts; var at: Date; var generation: Int }
    private struct Store { var entries: [String: Entry] = [:]; var generation = 0 }
    private let store = NIOLockedValueBox(Store())
    private let capacity = 512

    func counts(compounds: [UUID], grids: [UUID], now: Date, load: () async throws -> Counts) async throws -> Counts {
        let key = compounds.map(\.uuidString).sorted().joined(separator: ",") + "|" + grids.map(\.uuidString).sorted().joined(separator: ",")
        let (cached, generation) = store.withLockedValue { s in (s.entries[key], s.generation) }
        if let cached, cached.generation == generation, now.timeIntervalSince(cached.at) < Self.maxAge { return cached.counts }
        let counts = try await load()
        store.withLockedValue { s in
            // A write since the load began may have changed what was counted: keep nothing then.
            guard s.generation == generation else { return }
            if s.entries.count >= capacity { s.entries.removeAll(keepingCapacity: true) }
            s.entries[key] = Entry(counts: counts, at: now, generation: generation)
        }
        return counts
    }

    func invalidate() {
        store.withLockedValue { s in
            s.generation += 1
            s.entries.removeAll(keepingCapacity: true)
        }
    }
}
