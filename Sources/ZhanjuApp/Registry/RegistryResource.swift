import Fluent
import Vapor

/// One kind of registry record as the API and the forms see it: the same type is read from a
/// request body and written to a response. `apply` is the record's validation and the only way
/// its row is written (RegistryService calls it inside a transaction).
protocol RegistryResource: Content, Sendable {
    associatedtype Row: Model where Row.IDValue == UUID
    /// The path segment under /api/v1.
    static var path: String { get }
    static var label: Text { get }
    /// Query parameters that filter the list, beyond `page` and `per`.
    static var filters: [String] { get }
    /// A fully filled example, used to describe the schema in the OpenAPI document.
    static var example: Self { get }
    static var hasOwnReadRoute: Bool { get }

    init(_ row: Row, on db: any Database) async throws
    func apply(to row: Row, on db: any Database) async throws
    static func filter(_ query: QueryBuilder<Row>, by params: [String: String]) throws -> QueryBuilder<Row>
    static func sort(_ query: QueryBuilder<Row>) -> QueryBuilder<Row>
}

extension RegistryResource {
    /// Resources whose single read is served by a route of their own (households).
    static var hasOwnReadRoute: Bool { false }

    static func uuidParam(_ params: [String: String], _ name: String) throws -> UUID? {
        guard let raw = params[name] else { return nil }
        guard let id = UUID(uuidString: raw) else {
            throw ZhanjuError.invalid(name, "uuid", Text("\(name):应为 UUID。", "\(name): expected a UUID."))
        }
        return id
    }
}

struct ListPage<Item: Content>: Content {
    var items: [Item]
    var page: Int
    var per: Int
    var total: Int
}

/// The only writer of the registry tables. Every write runs in one transaction, so a failure in
/// validation or a crash leaves nothing half-written.
struct RegistryService: Sendable {
    let db: any Database

    func create<R: RegistryResource>(_ input: R) async throws -> R {
        try await db.transaction { tx in
            let row = R.Row()
            // A client may choose the id (idempotent imports, the demo's stable ids).
            if let id = input.resourceID {
                if try await R.Row.find(id, on: tx) != nil {
                    throw ZhanjuError(.conflict, code: "duplicate", field: "id", message: Strings.errorDuplicate("id"))
                }
                row.id = id
            }
            try await input.apply(to: row, on: tx)
            try await row.create(on: tx)
            return try await R(row, on: tx)
        }
    }

    func update<R: RegistryResource>(_ id: UUID, with input: R) async throws -> R {
        try await db.transaction { tx in
            guard let row = try await R.Row.find(id, on: tx) else { throw ZhanjuError.notFound(R.label.en) }
            try await input.apply(to: row, on: tx)
            try await row.update(on: tx)
            return try await R(row, on: tx)
        }
    }

    func read<R: RegistryResource>(_ type: R.Type, _ id: UUID) async throws -> R {
        guard let row = try await R.Row.find(id, on: db) else { throw ZhanjuError.notFound(R.label.en) }
        return try await R(row, on: db)
    }

    func list<R: RegistryResource>(_ type: R.Type, params: [String: String]) async throws -> ListPage<R> {
        let page = max(1, Int(params["page"] ?? "") ?? 1)
        let per = min(500, max(1, Int(params["per"] ?? "") ?? 50))
        let query = try R.filter(R.Row.query(on: db), by: params)
        let total = try await query.copy().count()
        let rows = try await R.sort(query).range(((page - 1) * per)..<(page * per)).all()
        var items: [R] = []
        items.reserveCapacity(rows.count)
        for row in rows { items.append(try await R(row, on: db)) }
        return ListPage(items: items, page: page, per: per, total: total)
    }
}
