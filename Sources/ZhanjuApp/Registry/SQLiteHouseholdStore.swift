import Foundation
import Vapor
import ZhanjuRules

/// Reads one household with its members from the SQLite file synchronously, through a statement
/// prepared once per connection (SQLiteReadPool).
///
/// Why: the household read is the registry's hottest route, and the async driver's cost per query
/// (a task hop, a hop to its thread pool and back, a fresh parse of the SQL, rows decoded by
/// column name) is several times the work of the lookup itself (BENCHMARKS.md). A primary-key
/// lookup takes microseconds, so doing it in place on the event loop is cheaper than handing it
/// off. Read-only connections in WAL mode never block the writer and always see a committed
/// snapshot, so a write acknowledged by the driver is visible to the next read here.
struct SQLiteHouseholdStore: ImmediateHouseholdStore {
    static let sql = "\(SQLKitHouseholdStore.select) ?1 \(SQLKitHouseholdStore.order)"

    let pool: SQLiteReadPool

    init(path: String, connections: Int) {
        // 16 MiB of page cache per connection keeps the upper levels of the indexes in memory;
        // the default 2 MiB sent most lookups to the kernel (BENCHMARKS.md).
        pool = SQLiteReadPool(path: path, sql: Self.sql, connections: connections, pragmas: ["PRAGMA cache_size=-16384"])
    }

    /// The household's rows as plain strings, in the order of SQLKitHouseholdStore.select; the place's
    /// names are filled in from the territory map (HouseholdRead.named).
    func rowsNow(_ id: UUID) throws -> HouseholdRead.Rows? {
        var head: HouseholdJSON.Head?
        var members: [HouseholdJSON.Member] = []
        let key = Hex.uuid(id)
        try pool.query(text: key) { row in
            if head == nil {
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

/// Closes the store's connections after the server has stopped.
struct SQLiteHouseholdStoreLifecycle: LifecycleHandler {
    func shutdownAsync(_ app: Application) async { (app.householdStore as? SQLiteHouseholdStore)?.close() }
}
