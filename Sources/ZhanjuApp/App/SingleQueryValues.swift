import Vapor

/// No API parameter takes several values by repetition (lists are comma-separated, as Open311's
/// are), and `Request.queryParameters` keeps the last of repeated values. So `?per=abc&per=` would
/// read as `per` absent and quietly succeed; a repeated name is refused instead, 400 naming it.
enum SingleQueryValues {
    static func check(_ req: Request) throws {
        guard let query = req.url.query, query.contains("&") else { return }
        var seen = Set<String>()
        for pair in query.split(separator: "&") {
            let raw = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            let name = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw
            guard !name.isEmpty else { continue }
            if !seen.insert(name).inserted {
                throw QueryParameters.bad(name, Text("只能给出一次", "given more than once"))
            }
        }
    }
}

/// Applies the check to the JSON API (Open311 applies it itself, to answer in its own format).
struct SingleQueryValuesMiddleware: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // The query first: most requests (every household read) have none, and `url.path`
        // decodes the whole path again.
        guard req.url.query?.contains("&") == true, req.url.path.hasPrefix("/api/") else { return next.respond(to: req) }
        do { try SingleQueryValues.check(req) } catch { return req.eventLoop.makeFailedFuture(error) }
        return next.respond(to: req)
    }
}
