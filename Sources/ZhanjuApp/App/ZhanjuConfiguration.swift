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
    /// A streaming replica of a PostgreSQL primary (`DATABASE_REPLICA_URL`) for read-only pages.
    public var replica: DatabaseTarget?
    public var hostname: String
    public var port: Int
    public var production: Bool
    /// The secret personal numbers are sealed under (`ZHANJU_SECRET_KEY` or `ZHANJU_SECRET_KEY_FILE`).
    /// Without one, development uses a key file generated beside the database; production refuses.
    public var secretKey: String?
    /// Earlier secrets, still able to open values until `zhanju keys rotate` has re-sealed them.
    public var previousSecretKeys: [String]
    /// Bcrypt cost; tests lower it, nothing else should.
    public var passwordCost: Int
    /// Session cookies carry `Secure` (on by default in production, where TLS is in front).
    public var secureCookies: Bool
    /// The site's address as residents reach it (`ZHANJU_PUBLIC_URL`, e.g. https://zhanju.example.cn),
    /// printed on paper (survey slips); without it, the address a request came to is used.
    public var publicURL: String?

    public init(database: DatabaseTarget = .sqliteFile("zhanju.sqlite"), hostname: String = "127.0.0.1", port: Int = 8080,
                production: Bool = false, secretKey: String? = nil, previousSecretKeys: [String] = [], passwordCost: Int = 12,
                secureCookies: Bool? = nil) {
        self.database = database
        self.hostname = hostname
        self.port = port
        self.production = production
        self.secretKey = secretKey
        self.previousSecretKeys = previousSecretKeys
        self.passwordCost = passwordCost
        self.secureCookies = secureCookies ?? production
    }

    /// Where development keeps its generated key when no secret is configured.
    var developmentKeyFile: String {
        if case .sqliteFile(let path) = database { return path + ".key" }
        return "zhanju.key"
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
        if let url = env["DATABASE_REPLICA_URL"], !url.isEmpty { config.replica = .postgres(url) }
        config.hostname = hostname ?? env["HOST"] ?? config.hostname
        config.port = port ?? env["PORT"].flatMap(Int.init) ?? config.port
        config.production = env["ZHANJU_ENV"] == "production"
        config.secureCookies = config.production || env["ZHANJU_SECURE_COOKIES"] == "1"
        if let key = env["ZHANJU_SECRET_KEY"], !key.isEmpty {
            config.secretKey = key
        } else if let file = env["ZHANJU_SECRET_KEY_FILE"], let key = try? String(contentsOfFile: file, encoding: .utf8) {
            config.secretKey = key.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let url = env["ZHANJU_PUBLIC_URL"], !url.isEmpty { config.publicURL = url }
        config.previousSecretKeys = (env["ZHANJU_PREVIOUS_SECRET_KEYS"] ?? "").split(separator: ",").map(String.init)
        return config
    }
}
