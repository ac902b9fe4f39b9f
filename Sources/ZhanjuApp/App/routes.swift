import Fluent
import SQLKit
import Vapor

func routes(_ app: Application) throws {
    app.get("healthz") { _ in ["status": "ok"] }.access(.open)
    app.get("readyz") { req async throws -> Response in
        // A node that is stopping says so, so a balancer that checks stops sending to it.
        if req.application.draining.withLockedValue({ $0 }) {
            return try await ["status": "draining"].encodeResponse(status: .serviceUnavailable, for: req)
        }
        do {
            // Any round trip will do: the question is whether the database answers.
            _ = try await (req.db as! any SQLDatabase).raw("SELECT 1").all()
            return try await ["status": "ready"].encodeResponse(for: req)
        } catch {
            req.logger.warning("database not reachable: \(String(describing: error))")
            let response = try await ["status": "database unreachable"].encodeResponse(status: .serviceUnavailable, for: req)
            return response
        }
    }.access(.open)

    var document = OpenAPIDocument()
    let api = app.grouped("api", "v1")
    HouseholdReadAPI.register(on: api, document: &document)
    StructureAPI.register(on: api, document: &document)
    RegistryAPI.register(on: api, document: &document)
    DwellingsAPI.register(on: api, document: &document)
    AccessAPI.register(on: api, document: &document)
    ServicesAPI.register(on: api, document: &document)
    ElectionsAPI.register(on: api, document: &document)
    CouncilAPI.register(on: api, document: &document)
    SurveysAPI.register(on: api, document: &document)
    StaticFiles.register(on: app)
    RegistryPages.register(on: app)
    AccessPages.register(on: app)
    PersonalDataPages.register(on: app)
    CasePages.register(on: app)
    GridPages.register(on: app)
    ElectionPages.register(on: app)
    CouncilPages.register(on: app)
    Open311.register(on: app)
    SurveyPages.register(on: app)

    // The routes outside /api/v1 that the document describes, then everyone's security from the
    // access each route declares: so the document is finished only once every route exists.
    Open311.document(&document)
    HealthDocument.document(&document)
    AccessDocument.exports(&document)
    document.secure(app.routes.all)
    let finished = document
    app.storage[OpenAPIDocumentKey.self] = finished
    app.get("api", "openapi.json") { _ async throws -> Response in
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try finished.json()))
    }.access(.open)
    app.storage[KnownPathsKey.self] = KnownPaths(app.routes.all)
}

struct OpenAPIDocumentKey: StorageKey { typealias Value = OpenAPIDocument }
