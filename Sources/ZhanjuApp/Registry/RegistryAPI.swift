import Fluent
import Vapor
import ZhanjuRules

/// The registry's JSON API: list (paged, filtered), read, create, update for each resource.
enum RegistryAPI {
    static let resources: [any RegistryResource.Type] = [
        SubDistrictResource.self, WorkstationResource.self, CommitteeResource.self, CompoundResource.self,
        ZoneResource.self, BuildingResource.self, EntranceResource.self, GridResource.self, ServicePointResource.self,
        HouseholdResource.self, ResidentResource.self, OrganisationResource.self, AppointmentResource.self,
    ]

    static func register(on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        for resource in resources { register(resource, on: api, document: &document) }
    }

    static func register<R: RegistryResource>(_ type: R.Type, on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        let group = api.grouped(R.path.pathComponents)
        group.get { req async throws -> ListPage<R> in
            try await RegistryService(reading: req).list(R.self, params: req.queryParameters)
        }.access(.permission(R.readPermission))
        group.post { req async throws -> Response in
            let created = try await RegistryService(req).create(try req.content.decode(R.self))
            let response = try await created.encodeResponse(status: .created, for: req)
            if let id = created.resourceID { response.headers.replaceOrAdd(name: .location, value: "/api/v1/\(R.path)/\(id)") }
            return response
        }.access(.permission(R.writePermission))
        if !R.hasOwnReadRoute {
            group.get(":id") { req async throws -> R in
                try await RegistryService(reading: req).read(R.self, try req.uuidParameter("id"))
            }.access(.permission(R.readPermission))
        }
        group.put(":id") { req async throws -> R in
            try await RegistryService(req).update(try req.uuidParameter("id"), with: try req.content.decode(R.self))
        }.access(.permission(R.writePermission))
        document.addResource(R.self)
    }
}

extension RegistryResource {
    var resourceID: UUID? { Mirror(reflecting: self).children.first { $0.label == "id" }?.value as? UUID }
}

extension Request {
    /// The URL's query as a flat dictionary (last value wins).
    var queryParameters: [String: String] {
        guard let query = url.query else { return [:] }
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            guard let key = parts.first, !key.isEmpty else { continue }
            result[key] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }

    func uuidParameter(_ name: String) throws -> UUID {
        guard let raw = parameters.get(name), let id = Hex.uuid(parsing: raw) else {
            // An id that cannot exist is simply not found: no hint about what ids look like.
            throw ZhanjuError(.notFound, code: "not_found", message: Text("未找到该记录。", "No such record."))
        }
        return id
    }
}
