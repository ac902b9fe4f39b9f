import Fluent
import Vapor
import ZhanjuRules

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
    /// A fully filled example, which APISchemaTests holds the hand-written schema to.
    static var example: Self { get }
    static var hasOwnReadRoute: Bool { get }
    static var readPermission: Permission { get }
    static var writePermission: Permission { get }
    static var changesTerritory: Bool { get }
    static var grantsFollowHouseholds: Bool { get }

    init(_ row: Row, on db: any Database) async throws
    func apply(to row: Row, on db: any Database, context: WriteContext) async throws
    static func filter(_ query: QueryBuilder<Row>, by params: [String: String]) throws -> QueryBuilder<Row>
    static func sort(_ query: QueryBuilder<Row>) -> QueryBuilder<Row>
    /// The households whose served form a write to this row changes (the household read cache).
    static func households(of row: Row) -> [UUID?]
    /// Where the row sits, for deciding who may read or write it.
    static func place(of row: Row, map: TerritoryMap, on db: any Database) async throws -> Place
    /// Narrows a list to what the reach covers.
    static func limit(_ query: QueryBuilder<Row>, to reach: Reach) -> QueryBuilder<Row>
    /// Narrows a list further where a filter itself discloses something (a sensitive tag): only
    /// to the places where the caller may see it, and refused where they may see it nowhere.
    static func narrow(_ query: QueryBuilder<Row>, filteredBy params: [String: String], for principal: Principal) throws -> QueryBuilder<Row>
    /// Where a record given as input would sit, from the references it names, or nil when they
    /// name nothing that exists (validation then says which).
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place?
    /// What a viewer may see of a record they may read (sensitive tags, for residents).
    func presented(to principal: Principal?, at place: Place) -> Self
}

extension RegistryResource {
    /// Resources whose single read is served by a route of their own (households).
    static var hasOwnReadRoute: Bool { false }
    static var readPermission: Permission { .structureRead }
    static var writePermission: Permission { .structureWrite }
    /// Whether a write can change the territory map (households and residents cannot).
    static var changesTerritory: Bool { true }
    /// Whether a write changes only the grants of the people living in the households it touches
    /// (their resident role), not everyone's: households and residents.
    static var grantsFollowHouseholds: Bool { false }
    static func households(of row: Row) -> [UUID?] { [] }
    func presented(to principal: Principal?, at place: Place) -> Self { self }
    static func narrow(_ query: QueryBuilder<Row>, filteredBy params: [String: String], for principal: Principal) throws -> QueryBuilder<Row> { query }
    static func intendedPlace(of input: Self, map: TerritoryMap, on db: any Database) async throws -> Place? { nil }

    static func uuidParam(_ params: [String: String], _ name: String) throws -> UUID? {
        try QueryParameters(params).uuid(name)
    }
}

struct ListPage<Item: Content>: Content {
    var items: [Item]
    var page: Int
    var per: Int
    var total: Int
}

/// The only writer of the registry tables. Every write runs in one transaction with its audit
/// entry, so a failure in validation or a crash leaves nothing half-written; and every write and
/// read is checked against what the principal may do where (none for the system itself).
struct RegistryService: Sendable {
    let db: any Database
    let context: WriteContext

    init(db: any Database, context: WriteContext) {
        self.db = db
        self.context = context
    }

    init(_ req: Request) throws {
        self.init(db: req.db, context: try req.writeContext())
    }

    /// For reads, which need no channel.
    init(reading req: Request) throws {
        let principal = try req.requirePrincipal()
        self.init(db: req.db, context: WriteContext(actor: AuditActor(accountID: principal.accountID, label: principal.auditLabel, channel: .online),
                                                    principal: principal, access: req.access))
    }

    func create<R: RegistryResource>(_ input: R) async throws -> R {
        let (result, touched): (R, [UUID?]) = try await context.access.write(on: db) { tx in
            WritePath.changed(.registry)
            let row = R.Row()
            try await authorizeTarget(input, on: tx)
            // A client may choose the id (idempotent imports, the demo's stable ids). One taken
            // already is found by the primary key when the row is inserted, not read first: the
            // other unique keys are checked by `apply`, inside the write lock, so a key violation
            // here can only be the id.
            if let id = input.resourceID { row.id = id }
            try await input.apply(to: row, on: tx, context: context)
            let place = try await check(R.self, R.writePermission, row, on: tx)
            do {
                try await row.insert(on: tx)
            } catch let error as any DatabaseError where error.isConstraintFailure && input.resourceID != nil {
                throw ZhanjuError(.conflict, code: "duplicate", field: "id", message: Strings.errorDuplicate("id"))
            }
            WritePath.inside?.remember(created: row.id, in: R.Row.schema)
            let created = try await R(row, on: tx)
            try await audit("create", R.self, row.id, before: nil, after: created, on: tx)
            return (created.presented(to: context.principal, at: place), R.households(of: row))
        }
        // After the commit: a read in between would otherwise cache the old version again.
        forget(R.self, touched, result.resourceID)
        return result
    }

    func update<R: RegistryResource>(_ id: UUID, with input: R) async throws -> R {
        let (result, touched): (R, [UUID?]) = try await context.access.write(on: db) { tx in
            WritePath.changed(.registry)
            guard let row = try await R.Row.find(id, on: tx) else { throw ZhanjuError.notFound(R.label) }
            // Both where it is and where it would move to must be within reach.
            _ = try await check(R.self, R.writePermission, row, on: tx)
            let before = try await R(row, on: tx)
            let householdsBefore = R.households(of: row)
            try await input.apply(to: row, on: tx, context: context)
            let place = try await check(R.self, R.writePermission, row, on: tx)
            try await row.update(on: tx)
            let updated = try await R(row, on: tx)
            try await audit("update", R.self, id, before: before, after: updated, on: tx)
            return (updated.presented(to: context.principal, at: place), householdsBefore + R.households(of: row))
        }
        forget(R.self, touched, id)
        return result
    }

    /// Drops what the write made stale: the households it touched, and the principals whose
    /// grants it can change (only those living there, for households and residents; all of them,
    /// with the territory map, for the structure and posts).
    private func forget<R: RegistryResource>(_ type: R.Type, _ touched: [UUID?], _ id: UUID?) {
        context.access.households.remove(touched)
        context.access.structureCounts.invalidate()
        context.access.pageFragments.invalidate()
        context.access.caseQueues.invalidate()
        if R.grantsFollowHouseholds {
            context.access.invalidate(principalsOf: Set((touched + [id]).compactMap { $0 }))
        } else {
            context.access.invalidate(territory: R.changesTerritory)
        }
    }

    func read<R: RegistryResource>(_ type: R.Type, _ id: UUID) async throws -> R {
        guard let row = try await R.Row.find(id, on: db) else { throw ZhanjuError.notFound(R.label) }
        let place = try await check(R.self, R.readPermission, row, on: db)
        return try await R(row, on: db).presented(to: context.principal, at: place)
    }

    /// For edit forms, which show the record before it is written.
    func authorizeWrite<R: RegistryResource>(_ type: R.Type, _ id: UUID) async throws {
        guard let row = try await R.Row.find(id, on: db) else { throw ZhanjuError.notFound(R.label) }
        _ = try await check(R.self, R.writePermission, row, on: db)
    }

    func list<R: RegistryResource>(_ type: R.Type, params: [String: String]) async throws -> ListPage<R> {
        let paging = try QueryParameters(params).paging(maxPer: 500)
        let (page, per) = (paging.page, paging.per)
        var query = try R.filter(R.Row.query(on: db), by: params)
        if let principal = context.principal {
            let reach = principal.reach(R.readPermission)
            guard !reach.isEmpty else { return ListPage(items: [], page: page, per: per, total: 0) }
            if !reach.everywhere { query = R.limit(query, to: reach) }
            query = try R.narrow(query, filteredBy: params, for: principal)
        }
        let total = try await query.copy().count()
        let rows = try await R.sort(query).range(paging.range()).all()
        let map = try await context.access.map(on: db)
        var items: [R] = []
        items.reserveCapacity(rows.count)
        for row in rows {
            let item = try await R(row, on: db)
            items.append(context.principal == nil ? item : item.presented(to: context.principal, at: try await R.place(of: row, map: map, on: db)))
        }
        return ListPage(items: items, page: page, per: per, total: total)
    }

    /// Denies unless the principal holds the permission at the row's place (404 when they hold it
    /// elsewhere, so ids of other bodies' records stay unconfirmed).
    private func check<R: RegistryResource>(_ type: R.Type, _ permission: Permission, _ row: R.Row, on db: any Database) async throws -> Place {
        // The system itself (migrations, the demo loader) is not checked, and needs no place.
        guard let principal = context.principal else { return Place() }
        let place = try await R.place(of: row, map: try await context.access.map(on: db), on: db)
        try await Self.authorize(principal, permission, at: place, R.label, writing: permission == R.writePermission, on: db)
        return place
    }

    /// Denies unless the principal holds the permission at the place; 404 when they hold it
    /// elsewhere. A write allowed only by a grid grant must also stay within the compounds the
    /// grid serves (GridReach).
    static func authorize(_ principal: Principal, _ permission: Permission, at place: Place, _ label: Text, writing: Bool, on db: any Database) async throws {
        guard principal.grants.allows(permission, at: place) else {
            if principal.grants.holds(permission) { throw ZhanjuError.notFound(label) }
            throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden)
        }
        if writing, let grid = place.grid, let compound = place.compound {
            var withoutGrid = place
            withoutGrid.grid = nil
            if !principal.grants.allows(permission, at: withoutGrid), try await !GridReach.serves(grid: grid, compound: compound, on: db) {
                throw ZhanjuError.notFound(label)
            }
        }
    }

    /// Before validating a new record: may the caller write where it would go? A create out of
    /// reach is answered 404 before its fields are looked at, so that validation (a duplicate
    /// ID number, say) tells nothing about records the caller cannot see.
    private func authorizeTarget<R: RegistryResource>(_ input: R, on db: any Database) async throws {
        guard let principal = context.principal,
              let place = try await R.intendedPlace(of: input, map: try await context.access.map(on: db), on: db) else { return }
        try await Self.authorize(principal, R.writePermission, at: place, R.label, writing: true, on: db)
    }

    private func audit<R: RegistryResource>(_ action: String, _ type: R.Type, _ id: UUID?, before: R?, after: R, on tx: any Database) async throws {
        try await AuditTrail.append(action, R.path, id, before: before.map(AuditTrail.digest), after: AuditTrail.digest(after),
                                    by: context.actor, at: context.access.now(), on: tx)
    }
}
