import Vapor

/// Every path the router knows with the methods it answers there, so that a request with another
/// method (TRACE, PATCH, OPTIONS…) on a known path is answered 405 with `Allow` (RFC 9110 §15.5.6)
/// rather than 404 as if the path did not exist.
/// Unchecked: the router is built once in `init` and only read afterwards.
struct KnownPaths: @unchecked Sendable {
    private let router: TrieRouter<[String]>

    init(_ routes: [Route]) {
        var methods: [String: (path: [PathComponent], methods: Set<String>)] = [:]
        for route in routes {
            let key = route.path.map { c -> String in
                switch c {
                case .parameter: return ":"
                case .catchall: return "**"
                case .anything: return "*"
                case .constant(let s): return s
                }
            }.joined(separator: "/")
            methods[key, default: (route.path, [])].methods.insert(route.method.rawValue)
        }
        let router = TrieRouter<[String]>()
        // The home page's empty path cannot be registered in a trie; "/" keeps answering 404.
        for (_, entry) in methods where !entry.path.isEmpty {
            var allowed = entry.methods
            // Vapor answers HEAD wherever it answers GET.
            if allowed.contains("GET") { allowed.insert("HEAD") }
            router.register(allowed.sorted(), at: entry.path)
        }
        self.router = router
    }

    /// The methods answered at this path, or nil when no route has the path.
    func methods(at path: String) -> [String]? {
        var parameters = Parameters()
        return router.route(path: path.split(separator: "/").map(String.init), parameters: &parameters)
    }
}

struct KnownPathsKey: StorageKey { typealias Value = KnownPaths }

/// Runs only for requests no route matched (`req.route == nil`); inside the error middleware so
/// the 405 is rendered as problem+json (API) or an error page like every other error.
struct MethodNotAllowedMiddleware: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard req.route == nil, let known = req.application.storage[KnownPathsKey.self],
              let allowed = known.methods(at: req.url.path), !allowed.contains(req.method.rawValue)
        else { return next.respond(to: req) }
        return req.eventLoop.makeFailedFuture(MethodNotAllowed(allowed: allowed))
    }
}

struct MethodNotAllowed: AbortError {
    var allowed: [String]
    var status: HTTPResponseStatus { .methodNotAllowed }
    var reason: String { "Allowed: \(allowed.joined(separator: ", "))" }
    var headers: HTTPHeaders { ["Allow": allowed.joined(separator: ", ")] }
}
