import Vapor

/// Vapor's hello-world, served by the same binary so benchmarks can report ratios measured in
/// one run on one machine (absolute figures drift on shared machines).
public enum HelloBaseline {
    public static func serve(hostname: String, port: Int) async throws {
        var env = Environment(name: "production", arguments: ["zhanju", "serve"])
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        app.http.server.configuration.hostname = hostname
        app.http.server.configuration.port = port
        app.get("hello") { _ in "Hello, world!" }
        app.get("hello.json") { _ in ["message": "Hello, world!"] }
        // A body the size of a household's JSON (~1.2 KB), to separate framework cost from payload cost.
        let big = "{\"message\":\"" + String(repeating: "Hello, world! ", count: 85) + "\"}"
        app.get("hello.big") { _ -> Response in
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(string: big))
        }
        do {
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
