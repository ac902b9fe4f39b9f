import Foundation
import Vapor
import ZhanjuRules

/// What a route needs before its handler runs. Every route declares one; a route that does not
/// is refused (deny by default), and a test lists any such route.
enum RouteAccess: Sendable, Hashable {
    /// Anyone: health checks, the sign-in page, the API description, the stylesheet.
    case open
    /// Any signed-in account (their own account pages, their own data).
    case signedIn
    /// The permission somewhere; the handler then checks it at the record's place.
    case permission(Permission)
    /// Any of these permissions somewhere (a meeting is run by the council, or by the committee
    /// for an assembly); the handler checks the one that applies at the record's place.
    case anyOf(Set<Permission>)
}

extension Route {
    @discardableResult
    func access(_ access: RouteAccess) -> Route {
        userInfo["access"] = access
        return self
    }

    var declaredAccess: RouteAccess? { userInfo["access"] as? RouteAccess }
}

struct PrincipalKey: StorageKey { typealias Value = Principal }

/// Resolves the credential (bearer token, else session cookie), enforces the route's declared
/// access and, for cookie-authenticated writes, the CSRF token. Future-based so a cached principal
/// costs no task hop.
struct AccessMiddleware: Middleware {
    static let sessionCookie = "zhanju_session"

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let route = req.route else {
            // No such route: still say who is signed in, so the not-found page does not offer to sign in.
            guard let raw = req.rawCredential else { return next.respond(to: req) }
            return req.eventLoop.makeFutureWithTask { try? await req.access.loadPrincipal(Secret.hash(raw), bearer: req.headers.bearerAuthorization != nil, req: req) }
                .flatMap { principal in
                    if let principal { req.storage[PrincipalKey.self] = principal }
                    return next.respond(to: req)
                }
        }
        guard let access = route.declaredAccess else {
            req.logger.error("route \(route.description) declares no access; refused")
            return req.eventLoop.makeFailedFuture(ZhanjuError(.forbidden, code: "access.undeclared", message: Strings.errorForbidden))
        }
        let bearer: String? = req.headers.bearerAuthorization?.token
        guard let raw = req.rawCredential else {
            return decide(access, route, nil, req, next)
        }
        let hash = Secret.hash(raw)
        if let cached = req.access.cachedPrincipal(hash, bearer: bearer != nil, now: req.application.clock.now()) {
            return decide(access, route, cached, req, next)
        }
        return req.eventLoop.makeFutureWithTask {
            try await req.access.loadPrincipal(hash, bearer: bearer != nil, req: req)
        }.flatMap { decide(access, route, $0, req, next) }
    }

    private func decide(_ access: RouteAccess, _ route: Route, _ principal: Principal?, _ req: Request, _ next: any Responder) -> EventLoopFuture<Response> {
        if let principal { req.storage[PrincipalKey.self] = principal }
        // From the matched route, not `req.url.path`, which decodes the whole path again.
        let isAPI = route.path.first == .constant("api")
        switch access {
        case .open:
            return next.respond(to: req)
        case .signedIn, .permission, .anyOf:
            guard let principal else {
                // A browser asking for a page is sent to sign in; anything else (a script fetching
                // /my/export.json, say) is told 401, which it can act on, not handed a login page.
                // (Named explicitly: HTTPMediaType's == lets `*/*` match text/html.)
                if isAPI || req.method != .GET || !req.headers.accept.mediaTypes.contains(where: { $0.type == "text" && $0.subType == "html" }) {
                    return req.eventLoop.makeFailedFuture(ZhanjuError(.unauthorized, code: "unauthorized", message: Strings.errorUnauthorized))
                }
                let target = req.url.string.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=?"))) ?? SitePath.home.link()
                return req.eventLoop.makeSucceededFuture(req.redirect(to: SitePath.signIn.link() + "?next=\(target)"))
            }
            if principal.mustChangePassword {
                // A temporary password opens the password page and nothing else, in the API too.
                if isAPI { return req.eventLoop.makeFailedFuture(Self.passwordChangeRequired) }
                if req.url.path != SitePath.accountPassword.link(), req.url.path != SitePath.signOut.link() {
                    return req.eventLoop.makeSucceededFuture(req.redirect(to: SitePath.accountPassword.link()))
                }
            }
            if case .permission(let p) = access, !principal.grants.holds(p) {
                return req.eventLoop.makeFailedFuture(ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden))
            }
            if case .anyOf(let ps) = access, !ps.contains(where: { principal.grants.holds($0) }) {
                return req.eventLoop.makeFailedFuture(ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden))
            }
            // Most requests need no CSRF check, and so no future for one.
            guard let check = checkCSRF(principal, req) else { return next.respond(to: req) }
            return check.flatMap { next.respond(to: req) }
        }
    }

    /// Cookie-authenticated writes must carry the session's CSRF token, in the `_csrf` form field
    /// or the X-CSRF-Token header. Bearer tokens are not sent by browsers on their own, so API
    /// clients using them need none. Nil when the request needs no check.
    private func checkCSRF(_ principal: Principal, _ req: Request) -> EventLoopFuture<Void>? {
        guard case .session(let expected) = principal.credential, ![.GET, .HEAD, .OPTIONS].contains(req.method) else { return nil }
        if let header = req.headers.first(name: "X-CSRF-Token") {
            return header == expected ? req.eventLoop.makeSucceededVoidFuture() : req.eventLoop.makeFailedFuture(Self.csrfError)
        }
        // A multipart form carries a file (council evidence, at most 2 MiB): room for it and its fields.
        let max = req.headers.contentType?.type == "multipart" ? 4 << 20 : 1 << 20
        return req.body.collect(max: max).flatMapThrowing { _ in
            let sent = try? req.content.get(String.self, at: "_csrf")
            guard sent == expected else { throw Self.csrfError }
        }
    }

    static let passwordChangeRequired = ZhanjuError(.forbidden, code: "password.change_required",
        message: Text("请先在网页上修改临时密码。", "Change the temporary password on the account page first."))

    static let csrfError = ZhanjuError(.forbidden, code: "csrf", message: Text("表单已过期或来源不明,请刷新页面后重试。", "The form has expired or did not come from this site; reload the page and try again."))
}

extension Request {
    var principal: Principal? { storage[PrincipalKey.self] }

    /// The credential presented: a bearer token, else the session cookie.
    var rawCredential: String? {
        guard let raw = headers.bearerAuthorization?.token ?? cookies[AccessMiddleware.sessionCookie]?.string, !raw.isEmpty else { return nil }
        return raw
    }

    /// Its hash, as the sessions and tokens tables keep it.
    var credentialHash: String? { rawCredential.map(Secret.hash) }

    func requirePrincipal() throws -> Principal {
        guard let principal else { throw ZhanjuError(.unauthorized, code: "unauthorized", message: Strings.errorUnauthorized) }
        return principal
    }

    /// Allows the permission at the place or answers as if the record did not exist: guessing ids
    /// never tells anyone that another body's record is there.
    func authorize(_ permission: Permission, at place: Place, notFound what: Text) throws {
        let principal = try requirePrincipal()
        guard principal.grants.allows(permission, at: place) else {
            if principal.grants.holds(permission) { throw ZhanjuError.notFound(what) }
            throw ZhanjuError(.forbidden, code: "forbidden", message: Strings.errorForbidden)
        }
    }

    /// Whether the principal may do this here (for showing or hiding buttons; routes still check).
    func may(_ permission: Permission, at place: Place) -> Bool {
        principal?.grants.allows(permission, at: place) ?? false
    }

    func reach(_ permission: Permission) throws -> Reach { try requirePrincipal().reach(permission) }

    func territoryMap() async throws -> TerritoryMap { try await access.map(on: db) }
}
