import Foundation
import NIOConcurrencyHelpers
import ZhanjuRules

/// Recently read households, ready to serve: their rows with the place named, and their JSON with
/// and without sensitive tags. Grid workers and clerks work through the same households again and
/// again, and a primary-key read from a large SQLite file costs several times the rest of the
/// request. RegistryService drops a household whenever it or one of its residents is written, and
/// everything when the territory changes; the cache holds at most `capacity` households.
final class HouseholdCache: Sendable {
    struct Entry: Sendable {
        var rows: HouseholdRead.Rows
        var place: Place
        var json: String
        /// The same household without health, disability and welfare tags.
        var jsonWithoutSensitive: String
    }

    private let capacity: Int
    private let entries = NIOLockedValueBox([String: Entry]())

    init(capacity: Int) { self.capacity = capacity }

    func get(_ id: String) -> Entry? {
        capacity > 0 ? entries.withLockedValue { $0[id] } : nil
    }

    func put(_ id: String, _ entry: Entry) {
        guard capacity > 0 else { return }
        entries.withLockedValue { e in
            // When full, drop an arbitrary entry: cheaper than keeping an order, and fair enough
            // for a working set that shifts slowly.
            if e.count >= capacity, e[id] == nil, let victim = e.keys.first { e[victim] = nil }
            e[id] = entry
        }
    }

    func remove(_ ids: [UUID?]) {
        entries.withLockedValue { e in for id in ids.compactMap({ $0 }) { e[id.uuidString] = nil } }
    }

    func removeAll() { entries.withLockedValue { $0.removeAll(keepingCapacity: true) } }

    var count: Int { entries.withLockedValue { $0.count } }

    static func entry(_ rows: HouseholdRead.Rows, _ map: TerritoryMap) -> Entry {
        let place = HouseholdRead.place(of: rows.head, map)
        return Entry(rows: rows, place: place, json: HouseholdJSON.write(rows.head, rows.members),
                     jsonWithoutSensitive: HouseholdJSON.write(rows.head, rows.members.map(\.withoutSensitiveTags)))
    }
}
