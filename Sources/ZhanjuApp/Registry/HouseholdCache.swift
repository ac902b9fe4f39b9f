import Foundation
import NIOConcurrencyHelpers
import ZhanjuRules

/// Recently read households, ready to serve: their rows with the place named, and their JSON with
/// and without sensitive tags. Grid workers and clerks work through the same households again and
/// again, and a primary-key read from a large SQLite file costs several times the rest of the
/// request. RegistryService drops a household whenever it or one of its residents is written, and
/// everything when the territory changes; the cache holds at most `capacity` households.
final class HouseholdCache: Sendable {
    /// Only what serving needs: where it is (for the permission check) and its JSON. Most
    /// households carry no sensitive tag, so the second form is usually not kept.
    struct Entry: Sendable {
        var place: Place
        /// Without health, disability and welfare tags: what most roles see.
        var json: String
        /// With them, when the household has any.
        var jsonWithSensitive: String?

        func body(sensitive: Bool) -> String { sensitive ? (jsonWithSensitive ?? json) : json }
    }

    private struct Store {
        var entries: [String: Entry] = [:]
        /// Bumped by every removal, so a read that began before a write cannot put back what the
        /// write removed.
        var generation = 0
        /// Insertion order, oldest first from `head`: eviction is first in, first out.
        var order: [String] = []
        var head = 0
    }

    private let capacity: Int
    private let store = NIOLockedValueBox(Store())

    init(capacity: Int) { self.capacity = capacity }

    func get(_ id: String) -> Entry? {
        capacity > 0 ? store.withLockedValue { $0.entries[id] } : nil
    }

    /// Taken before reading a household from the database and handed to `put`.
    func ticket() -> Int { store.withLockedValue { $0.generation } }

    /// Keeps the entry unless a write removed households since `ticket` was taken.
    func put(_ id: String, _ entry: Entry, ticket: Int) {
        guard capacity > 0 else { return }
        store.withLockedValue { s in
            guard s.generation == ticket else { return }
            if s.entries.updateValue(entry, forKey: id) != nil { return }
            s.order.append(id)
            while s.entries.count > capacity, s.head < s.order.count {
                s.entries[s.order[s.head]] = nil
                s.head += 1
            }
            // Compact the order now and then; keys removed by writes are skipped when they come up.
            if s.head > capacity {
                s.order.removeFirst(s.head)
                s.head = 0
            }
        }
    }

    func remove(_ ids: [UUID?]) {
        store.withLockedValue { s in
            s.generation += 1
            for id in ids.compactMap({ $0 }) { s.entries[id.uuidString] = nil }
        }
    }

    func removeAll() { store.withLockedValue { $0 = Store(generation: $0.generation + 1) } }

    var count: Int { store.withLockedValue { $0.entries.count } }

    static func entry(_ rows: HouseholdRead.Rows, _ map: TerritoryMap) -> Entry {
        let place = HouseholdRead.place(of: rows.head, map)
        let plain = rows.members.map(\.withoutSensitiveTags)
        let hasSensitive = zip(plain, rows.members).contains { $0.tags != $1.tags }
        return Entry(place: place, json: HouseholdJSON.write(rows.head, plain),
                     jsonWithSensitive: hasSensitive ? HouseholdJSON.write(rows.head, rows.members) : nil)
    }
}
