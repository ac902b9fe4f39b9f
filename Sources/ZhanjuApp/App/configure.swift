import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor
import ZhanjuRules

/// Configures an application without binding a socket, so tests use it through VaporTesting.
public func configure(_ app: Application, _ config: ZhanjuConfiguration) async throws {
    // The key first: without it nothing may be opened (production), and a development key that
    // cannot be saved must stop the start before anything is sealed under it.
    let cipher = try Secrets.cipher(for: config, logger: app.logger)
    switch config.database {
    case .sqliteFile(let path):
        app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1, sqlLogLevel: .trace), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, maxConnectionsPerEventLoop: 1), as: .sqlite)
    case .postgres(let url):
        app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .psql)
    case .postgresSchema(let url, let schema):
        var pg = try SQLPostgresConfiguration(url: url)
        pg.searchPath = [schema]
        app.databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: 2, sqlLogLevel: .trace), as: .psql)
        try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
    }
    switch config.replica {
    case .postgres(let url):
        app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .replica, isDefault: false)
        app.storage[ReplicaConfiguredKey.self] = true
    case .postgresSchema(let url, let schema):
        var pg = try SQLPostgresConfiguration(url: url)
        pg.searchPath = [schema]
        app.databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: 2, sqlLogLevel: .trace), as: .replica, isDefault: false)
        app.storage[ReplicaConfiguredKey.self] = true
    case .sqliteFile, .sqliteMemory, nil:
        break   // a SQLite file has no replica; its readers already run beside the writer (WAL)
    }
    if case .sqliteFile(let path) = config.database {
        try await SQLitePragmas.apply(app)
        app.storage[SQLiteFileKey.self] = path
        app.storage[HouseholdStoreKey.self] = SQLiteHouseholdStore(path: path, connections: System.coreCount)
        app.lifecycle.use(SQLiteHouseholdStoreLifecycle())
    }

    // snake_case on the wire, camelCase in Swift; times as RFC 3339 (`2026-11-30T06:43:45Z`), not
    // Foundation's default seconds since 2001. The audit chain's digests use encoders of their own
    // (AuditTrail.digest, AuditTrail.Content.text), so existing chains keep verifying.
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.dateDecodingStrategy = .iso8601
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    ContentConfiguration.global.use(decoder: decoder, for: .json)

    app.storage[AccessStateKey.self] = AccessState(cipher: cipher, passwordCost: config.passwordCost, secureCookies: config.secureCookies,
                                                   now: { [weak app] in app?.clock.now() ?? Date() })
    app.lifecycle.use(PasswordHashingLifecycle())
    app.storage[PublicAddressKey.self] = config.publicURL.flatMap(PublicAddress.normalised)

    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.middleware = Middlewares()
    app.middleware.use(DrainMiddleware())
    app.middleware.use(ResponseMiddleware())
    app.middleware.use(AccessMiddleware())
    app.middleware.use(MethodNotAllowedMiddleware())
    app.middleware.use(SingleQueryValuesMiddleware())
    if app.storage[ReplicaConfiguredKey.self] == true { app.middleware.use(ReplicaStickinessMiddleware()) }

    app.migrations.add(ZhanjuMigrations.all(cipher: cipher))
    try routes(app)
}

enum ZhanjuMigrations {
    /// In order; each shipped migration stays as it was.
    static func all(cipher: PersonalDataCipher) -> [any Migration] {
        [
            Migration001CreateRegistry(), // the registry's tables
            Migration002Access(cipher: cipher), // accounts, sessions, tokens, audit, personal numbers sealed
            Migration003Services(), // service catalogue, cases, timelines, visits, added holidays
            Migration004WritePath(), // counters, the audit entries' canonical form
            Migration005CacheGenerations(), // what each process must re-read after another's write
            Migration006SharedState(), // failed sign-ins per address and periodic jobs' leases, alike on every node
            Migration007Elections(), // elections: roll, nominations, codes, ballots and their log, rounds
            Migration008ElectionBooth(), // elections: ballot boxes (booth, mobile) and paper ballots entered twice
            Migration009ElectionProxies(), // elections: written proxies
            Migration010ElectionRecalls(), // elections: recalls of sitting members
            Migration011Council(), // council: topics, meetings, votes, resolutions and their execution, petitions, notices
            Migration012Dwellings(), // registry: dwellings with exclusive area and their owners, apart from households
            Migration013OwnersVotes(), // council: owners' votes counted by area and headcount
            Migration014CouncilRuleSets(), // council: a committee's own versioned rule set per body
            Migration015CouncilRepresentatives(), // council: residents' representatives per residents' group, with their terms
            Migration016CouncilBodyDecisions(), // council: how the supervisory committee decided a finding or a sign-off, by name
            Migration020Surveys(), // surveys: questionnaires, distributions, invitations, answered marks, responses, links
            Migration021SurveyCodes(), // surveys: single answers coded per response, code-string counts per distribution
            Migration022SurveyClosedOn(), // surveys: the day a distribution was closed by hand, shown instead of its planned date
            Migration030ElectionBallotForms(), // elections: each round's distinct ballots with their counts, kept as ballots are written
        ]
    }
}

/// SQLite's defaults are wrong for a server: WAL lets readers run beside the writer, foreign keys
/// are off unless asked for, and a writer should wait rather than fail when another holds the lock.
/// Most of these are per connection: with one connection per event loop, running them on each
/// loop's database reaches every connection.
struct SQLiteFileKey: StorageKey { typealias Value = String }

extension Application {
    /// The database file, when the database is SQLite on disk (the household reader and the city
    /// loader open their own connections to it).
    var sqliteFile: String? { storage[SQLiteFileKey.self] }
}

enum SQLitePragmas {
    static func apply(_ app: Application) async throws {
        for loop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            try await sql.raw("PRAGMA synchronous=NORMAL").run()
            // SQLite's busy handler is not fair: with another process writing steadily, a waiter can
            // lose several rounds (seen: over 5 s with two instances filing 40 cases at once on
            // two loaded cores). A write that waits long is better than one refused.
            try await sql.raw("PRAGMA busy_timeout=30000").run()
            try await sql.raw("PRAGMA foreign_keys=ON").run()
            // 64 MiB of pages per connection (SQLite's default is 2 MiB): a city's indexes are
            // looked up at random (codes, roll entries, receipts), and a miss is a read system call.
            try await sql.raw("PRAGMA cache_size=-65536").run()
        }
    }
}

/// The outermost middleware, in one callback per request rather than one future each: errors
/// become problem+json or an error page (ErrorResponse), every response carries its request id
/// (the one Vapor puts in the log lines, from X-Request-ID when a proxy sent one) so a user can
/// quote it, and the language chosen with the switch (`?lang=`) is remembered for later pages.
/// Future-based rather than async: an async middleware costs every request two task hops.
struct ResponseMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let promise = request.eventLoop.makePromise(of: Response.self)
        next.respond(to: request).whenComplete { result in
            var response: Response
            switch result {
            case .success(let r):
                response = r
            case .failure(let error):
                do { response = try ErrorResponse.make(for: error, request) } catch { return promise.fail(error) }
            }
            response.headers.replaceOrAdd(name: "X-Request-ID", value: request.id)
            SecurityHeaders.add(to: &response.headers)
            // What a signed-in person is shown (numbers, households, cases) stays out of shared
            // and browser caches; the stylesheet and public pages may be cached.
            if request.principal != nil, !response.headers.contains(name: .cacheControl) {
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            }
            if request.url.query?.contains("lang=") == true, let q = request.query[String.self, at: "lang"], let lang = Lang(code: q) {
                response.cookies["lang"] = HTTPCookies.Value(string: lang.rawValue, maxAge: 365 * 24 * 3600, path: "/", isHTTPOnly: true, sameSite: .lax)
            }
            promise.succeed(response)
        }
        return promise.futureResult
    }
}
