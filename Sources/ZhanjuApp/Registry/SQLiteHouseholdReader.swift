import Foundation
import ZhanjuSQLite

/// Reads one household with its place and members from the SQLite file synchronously, through
/// a statement prepared once per connection (ZhanjuSQLite).
///
/// Why: the household read is the registry's hottest route, and the async driver's cost per query
/// (a hop to its thread pool and back, and a fresh parse of the SQL) is several times the work of
/// the lookup itself (BENCHMARKS.md). A primary-key lookup takes microseconds, so doing it in
/// place is cheaper than handing it off. Read-only connections in WAL mode never block the
/// writer and always see a committed snapshot.
struct SQLiteHouseholdReader: Sendable {
    let pool: SQLiteReadPool

    init(path: String, connections: Int) {
        // 32 MiB of page cache per connection keeps the upper levels of the indexes and the hot
        // pages in memory; the default 2 MiB sent most lookups to the kernel (BENCHMARKS.md).
        pool = SQLiteReadPool(path: path, sql: HouseholdRead.sqliteSQL, connections: connections, pragmas: ["PRAGMA cache_size=-32768"])
    }

    /// The household's rows as plain strings: no UUID parsing, no intermediate models.
    func read(_ id: UUID) throws -> HouseholdRead.Rows? {
        var head: HouseholdJSON.Head?
        var members: [HouseholdJSON.Member] = []
        let key = id.uuidString
        try pool.query(text: key) { row in
            if head == nil {
                // The place's names come from the territory map (HouseholdRead.named).
                head = .init(id: key, door: row.text(0) ?? "", entranceId: row.text(1) ?? "", buildingId: row.text(2) ?? "",
                             compoundId: row.text(3) ?? "", gridId: row.text(4), compoundZh: "", compoundEn: "", zone: nil, building: "", entrance: "")
            }
            guard let residentID = row.text(5) else { return }
            members.append(.init(id: residentID, householdId: key, relation: row.text(6), name: row.text(7) ?? "", sex: row.text(8) ?? "",
                                 birthDate: row.text(9) ?? "", hukou: row.text(10) ?? "", politicalRights: row.int(11) != 0, tags: row.text(14) ?? "",
                                 phoneMasked: row.text(12), idNumberMasked: row.text(13)))
        }
        return head.map { (head: $0, members: members) }
    }

    func close() { pool.close() }
}
