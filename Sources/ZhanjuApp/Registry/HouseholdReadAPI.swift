import Foundation
import OpenAPIKit
import Vapor
import ZhanjuRules

enum HouseholdReadAPI {
    /// Served synchronously on the event loop: from the cache with no database at all, or on
    /// SQLite through the immediate store; no task hop, JSON written once by hand (Foundation's encoder
    /// was a fifth of this route's time).
    @Sendable static func respond(_ req: Request) throws -> EventLoopFuture<Response> {
        let id = try req.uuidParameter("id")
        let key = Hex.uuid(id)
        if let entry = req.access.households.get(key) { return req.eventLoop.makeSucceededFuture(try HouseholdRead.served(entry, req)) }
        let ticket = req.access.households.ticket()
        // A miss on SQLite is read in place when the territory map is already in memory.
        if let store = req.application.householdStore as? any ImmediateHouseholdStore, let map = req.access.cachedMap() {
            guard let rows = try store.rowsNow(id) else { throw ZhanjuError.notFound(Strings.household) }
            let entry = HouseholdCache.entry(HouseholdRead.named(rows, map), map)
            req.access.households.put(key, entry, ticket: ticket)
            return req.eventLoop.makeSucceededFuture(try HouseholdRead.served(entry, req))
        }
        return req.eventLoop.makeFutureWithTask {
            guard let rows = try await HouseholdRead.rows(id, for: req) else { throw ZhanjuError.notFound(Strings.household) }
            let entry = HouseholdCache.entry(rows, try await req.territoryMap())
            req.access.households.put(key, entry, ticket: ticket)
            return try HouseholdRead.served(entry, req)
        }
    }

    static func register(on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        // Registered with its own responder rather than `api.get`: Vapor's wrapper collects the
        // body and re-wraps the response in two more futures, a visible share of a cache hit.
        let route = Route(method: .GET, path: ["households", ":id"], responder: BasicResponder(closure: respond),
                          requestType: Request.self, responseType: Response.self)
        api.add(route.access(.permission(.householdsRead)))
        document.addSchema("HouseholdDetail", HouseholdDetail.self)
        document.add("GET", "/api/v1/households/{id}", OpenAPI.Operation(
            tags: ["Household"], summary: "Read a household with its place and members (ID and phone numbers masked)", operationId: "readHousehold",
            parameters: [.path("id")],
            responses: [200: OpenAPIDocument.reply("The household", OpenAPIDocument.content([OpenAPIDocument.json: .named("HouseholdDetail")])),
                        404: OpenAPIDocument.reply("Not found", OpenAPIDocument.content([OpenAPIDocument.problemJSON: .named("Problem")]))]))
    }
}
