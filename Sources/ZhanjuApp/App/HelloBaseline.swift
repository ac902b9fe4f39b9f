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
        do {
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
