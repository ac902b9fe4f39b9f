import ArgumentParser
import Foundation
import ZhanjuApp

struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite database file. Default: $DATABASE_URL if set (postgres:// or a path), else ./zhanju.sqlite.")
    var database: String?
}

@main
struct Zhanju: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhanju",
        abstract: "Zhanju (站居): one community workstation, many residents' committees.",
        subcommands: [Serve.self, Migrate.self, Demo.self, Bench.self]
    )
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server (pages, JSON API under /api/v1, /healthz, /readyz).")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on (or $PORT).") var port: Int?
    @Flag(help: "Migrate, load the Shenxianshu demo if the database is empty, then serve.") var demo = false

    func validate() throws {
        if let port, !(1...65_535).contains(port) { throw ValidationError("--port must be between 1 and 65535.") }
    }

    func run() async throws {
        let config = ZhanjuConfiguration.fromEnvironment(databasePath: db.database, hostname: hostname, port: port)
        let app = try await ZhanjuServer.makeApplication(config)
        do {
            if demo {
                try await ZhanjuServer.migrate(app)
                if try await ZhanjuServer.isEmpty(app) {
                    let report = try await ShenxianshuDemo.load(on: app.db)
                    print(report.summary)
                }
            }
            try await ZhanjuServer.serve(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database tables.")
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let app = try await ZhanjuServer.makeApplication(.fromEnvironment(databasePath: db.database))
        do {
            try await ZhanjuServer.migrate(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        print("migrated")
        try await app.asyncShutdown()
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load demo data: the Shenxianshu community (default), or a synthetic city for scale work.",
        discussion: "The Shenxianshu data set is generated with a fixed seed through the same services users call. --city writes N households with batched inserts.")
    @OptionGroup var db: DatabaseOptions
    @Flag(help: "Generate a synthetic city instead of Shenxianshu.") var city = false
    @Option(help: "Households in the synthetic city.") var households = 1_000_000
    @Option(help: "Random seed for the synthetic city.") var seed: UInt64 = 2010

    func validate() throws {
        if city && !(1...50_000_000).contains(households) { throw ValidationError("--households must be between 1 and 50,000,000.") }
    }

    func run() async throws {
        let app = try await ZhanjuServer.makeApplication(.fromEnvironment(databasePath: db.database))
        do {
            try await ZhanjuServer.migrate(app)
            if city {
                let report = try await CityGenerator(households: households, seed: seed).generate(on: app.db, progress: ProgressBar.stderr)
                print(report.summary)
            } else {
                guard try await ZhanjuServer.isEmpty(app) else {
                    try await app.asyncShutdown()
                    throw ValidationError("The database already holds data; the demo loads into an empty database only.")
                }
                print(try await ShenxianshuDemo.load(on: app.db).summary)
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark helpers: `zhanju bench hello` serves Vapor's hello-world as the baseline for scripts/bench.sh.",
        subcommands: [Hello.self])

    struct Hello: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve Vapor's hello-world (/hello, /hello.json) with nothing else.")
        @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
        @Option(help: "Port to listen on.") var port = 8090
        func run() async throws { try await HelloBaseline.serve(hostname: hostname, port: port) }
    }
}
