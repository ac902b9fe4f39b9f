import Vapor

/// Everything the server reads from its environment, with safe defaults for local use.
public struct ZhanjuConfiguration: Sendable {
    public enum DatabaseTarget: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(String)
        /// A PostgreSQL database with the tables in one schema (tests isolate themselves this way).
        case postgresSchema(url: String, schema: String)
    }

    public var database: DatabaseTarget
    public var hostname: String
    public var port: Int
    public var production: Bool

    public init(database: DatabaseTarget = .sqliteFile("zhanju.sqlite"), hostname: String = "127.0.0.1", port: Int = 8080,
                production: Bool = false) {
        self.database = database
        self.hostname = hostname
        self.port = port
        self.production = production
    }

    /// Reads `DATABASE_URL` (a postgres:// URL, or a SQLite path), `PORT`, `HOST` and `ZHANJU_ENV`.
    /// An explicit `--database PATH` wins over the environment.
    public static func fromEnvironment(databasePath: String? = nil, hostname: String? = nil, port: Int? = nil) -> ZhanjuConfiguration {
        var config = ZhanjuConfiguration()
        let env = ProcessInfo.processInfo.environment
        if let path = databasePath {
            config.database = .sqliteFile(path)
        } else if let url = env["DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                config.database = .postgres(url)
            } else {
                config.database = .sqliteFile(url.replacingOccurrences(of: "sqlite://", with: ""))
            }
        }
        config.hostname = hostname ?? env["HOST"] ?? config.hostname
        config.port = port ?? env["PORT"].flatMap(Int.init) ?? config.port
        config.production = env["ZHANJU_ENV"] == "production"
        return config
    }
}
