import Fluent
import Vapor

/// Entry points the CLI calls; kept here so `main` stays thin and tests can reach them.
public enum ZhanjuServer {
    /// Builds a configured application (not yet serving).
    /// `secondInProcess`: another application beside the first (`db copy`'s target), which must
    /// not set up logging again (a process may do that only once).
    public static func makeApplication(_ config: ZhanjuConfiguration, secondInProcess: Bool = false) async throws -> Application {
        var env = try Environment.detect(arguments: ["zhanju"])
        if config.production { env = .production }
        if !secondInProcess { try LoggingSystem.bootstrap(from: &env) }
        let app = try await Application.make(env)
        do {
            try await configure(app, config)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    public static func migrate(_ app: Application) async throws {
        try await app.autoMigrate()
    }

    /// Serves until SIGINT or SIGTERM, then finishes in-flight requests and closes the database.
    public static func serve(_ app: Application) async throws {
        app.environment.arguments = ["zhanju", "serve"]
        // Overdue cases go to the sub-district without anyone having to look (RULES.md: escalation).
        let escalation = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: .minutes(10)) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do {
                    let service = CaseService(db: app.db, context: .system("sla escalation", app), calendar: try await WorkingCalendar.load(on: app.db),
                                              now: app.clock.now(), today: app.clock.today)
                    let n = try await service.escalateOverdue()
                    if n > 0 { app.logger.notice("escalated \(n) overdue case(s) to the sub-district") }
                } catch {
                    app.logger.warning("escalation check failed: \(String(describing: error))")
                }
            }
        }
        defer { escalation.cancel() }
        // Other nodes' and commands' writes empty this process's caches (Coherence).
        let watcher = app.access.coherence.watch(app)
        defer { watcher.cancel() }
        // Load the territory map before the first request needs it (a city's takes a moment).
        if (try? await RegistryDirectory(db: app.db).isEmpty()) != nil { _ = try? await app.access.map(on: app.db) }
        try await app.execute()
    }

    public static func isEmpty(_ app: Application) async throws -> Bool {
        try await RegistryDirectory(db: app.db).isEmpty()
    }

    /// `zhanju db copy`: this installation into an empty database of the other kind.
    public static func copyDatabase(from source: Application, to target: Application, progress: @escaping @Sendable (String) -> Void) async throws -> String {
        do {
            return try await DatabaseCopy.copy(from: source.db, to: target.db, progress: progress)
        } catch let failure as DatabaseCopy.Failure {
            throw AccessCommands.CommandFailure(message: failure.description)
        }
    }

    public static func backup(_ app: Application, config: ZhanjuConfiguration, to file: String) async throws -> String {
        do { return try await Backup.backup(app, target: config.database, to: file) } catch let failure as Backup.Failure {
            throw AccessCommands.CommandFailure(message: failure.description)
        }
    }

    public static func restore(from file: String, into target: ZhanjuConfiguration.DatabaseTarget) throws {
        do { try Backup.restore(from: file, into: target) } catch let failure as Backup.Failure {
            throw AccessCommands.CommandFailure(message: failure.description)
        }
    }

    public static func backupSummary(_ app: Application) async throws -> String {
        try await Backup.summary(app)
    }
}
