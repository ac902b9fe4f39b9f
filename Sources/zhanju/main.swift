import ArgumentParser
import Foundation
import class Vapor.Application
import ZhanjuApp
import ZhanjuRules

struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite database file. Default: $DATABASE_URL if set (postgres:// or a path), else ./zhanju.sqlite.")
    var database: String?
}

@main
struct Zhanju: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhanju",
        abstract: "Zhanju (站居): one community workstation, many residents' committees.",
        subcommands: [Serve.self, Migrate.self, Demo.self, Admin.self, Audit.self, ElectionCommand.self, Keys.self, Db.self, BackupCommand.self, RestoreCommand.self, Bench.self]
    )
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server (pages, JSON API under /api/v1, /healthz, /readyz).")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on (or $PORT).") var port: Int?
    @Flag(help: "Migrate, load the Shenxianshu demo if the database is empty, then serve.") var demo = false
    @Option(help: ArgumentHelp("Serve as if today were this date (YYYY-MM-DD), the clock running on from there: to walk the demo's election through its timetable (roll, objections, final list, polling day). Refused with ZHANJU_ENV=production.", valueName: "date"))
    var today: String?

    func validate() throws {
        if let port, !(1...65_535).contains(port) { throw ValidationError("--port must be between 1 and 65535.") }
        if let today {
            guard CivilDate(iso: today) != nil else { throw ValidationError("--today must be a date written YYYY-MM-DD, such as 2026-12-30.") }
            if ProcessInfo.processInfo.environment["ZHANJU_ENV"] == "production" { throw ValidationError("--today is for demonstrations and training; it is refused with ZHANJU_ENV=production.") }
        }
    }

    func run() async throws {
        let config = ZhanjuConfiguration.fromEnvironment(databasePath: db.database, hostname: hostname, port: port)
        let app = try await ZhanjuServer.makeApplication(config)
        if let day = today.flatMap(CivilDate.init(iso:)) {
            app.clock = .shifted(to: day)
            app.logger.warning("serving as if today were \(day.iso): dates on every page and in every write follow this clock")
        }
        do {
            if demo {
                try await ZhanjuServer.migrate(app)
                if try await ZhanjuServer.isEmpty(app) {
                    let report = try await ShenxianshuDemo.load(into: app, progress: DemoProgress.stderr)
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
                // The city writes through a connection of its own; closing the driver's lets it
                // use a rollback journal for the load (CityGenerator).
                app.databases.reinitialize()
                let report = try await CityGenerator(households: households, seed: seed).generate(into: app, progress: ProgressBar.stderr)
                print(report.summary)
                _ = try await CatalogueService.seedIfEmpty(app)
            } else {
                guard try await ZhanjuServer.isEmpty(app) else {
                    // Shut down once, by the catch below (a second shutdown traps).
                    throw ValidationError("The database already holds data; the demo loads into an empty database only.")
                }
                print(try await ShenxianshuDemo.load(into: app, progress: DemoProgress.stderr).summary)
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
        subcommands: [Hello.self, Cipher.self, ElectionLog.self, BallotsSetup.self, ElectionCount.self, SurveyCrossTab.self])

    struct SurveyCrossTab: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "survey",
                                                        abstract: "Cross-tabulate two questions over N survey responses drawn from a synthetic city's residents; writes the CSV export for pandas (scripts/survey-bench.sh).")
        @Option(help: "Responses.") var responses = 1_000_000
        @Option(help: "Households in the synthetic city the respondents are drawn from.") var households = 20_000
        @Option(help: "Directory for the scratch database and the CSV.") var directory = FileManager.default.temporaryDirectory.path
        func validate() throws {
            if !(1...20_000_000).contains(responses) { throw ValidationError("--responses must be between 1 and 20,000,000.") }
            if !(1...5_000_000).contains(households) { throw ValidationError("--households must be between 1 and 5,000,000.") }
        }
        func run() async throws { print(try await SurveyBench.run(responses: responses, households: households, directory: directory)) }
    }

    struct ElectionLog: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "election",
                                                        abstract: "Time `zhanju election verify` on a generated ballot log (read, rechain, recount) of N ballots.")
        @Option(help: "Ballots in the log.") var ballots = 1_000_000
        func validate() throws {
            if !(1...20_000_000).contains(ballots) { throw ValidationError("--ballots must be between 1 and 20,000,000.") }
        }
        func run() throws { print(try ElectionBench.run(ballots: ballots)) }
    }

    struct BallotsSetup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ballots-setup",
                                                        abstract: "Open elections for polling in committees of a generated city and write one web ballot per code (scripts/bench-ballots.sh).")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Committees to hold an election in (those without one yet).") var elections = 20
        @Option(help: "File to write the ballots to, one JSON body per line.") var bodies: String
        func validate() throws {
            if !(1...1_000).contains(elections) { throw ValidationError("--elections must be between 1 and 1,000.") }
        }
        func run() async throws {
            try await withMigratedApp(db.database) { app in try await IntakeBench.prepare(app, elections: elections, bodies: bodies) }
        }
    }

    struct ElectionCount: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "election-count",
                                                        abstract: "In a generated city: an election with N ballots, counted through the service, its log served as lines and verified offline.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Ballots in the election's log.") var ballots = 1_000_000
        @Option(help: "Where to write the log.") var file = "/tmp/zhanju-bench-ballot-log.txt"
        func validate() throws {
            if !(1...20_000_000).contains(ballots) { throw ValidationError("--ballots must be between 1 and 20,000,000.") }
        }
        func run() async throws {
            try await withMigratedApp(db.database) { app in try await IntakeBench.count(app, ballots: ballots, file: file) }
        }
    }

    struct Cipher: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time sealing, hashing and masking personal numbers (the city generator's per-resident cost).")
        @Option(help: "Values to seal and hash.") var count = 200_000
        func run() async throws { print(CipherBench.run(count: count)) }
    }

    struct Hello: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve Vapor's hello-world (/hello, /hello.json) with nothing else.")
        @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
        @Option(help: "Port to listen on.") var port = 8090
        func run() async throws { try await HelloBaseline.serve(hostname: hostname, port: port) }
    }
}

/// Opens the configured database, migrates it, runs `body`, shuts down whatever happens.
func withMigratedApp(_ database: String?, _ body: (Application) async throws -> String) async throws {
    let app = try await ZhanjuServer.makeApplication(.fromEnvironment(databasePath: database))
    do {
        try await ZhanjuServer.migrate(app)
        print(try await body(app))
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Accounts: `zhanju admin create` makes a sub-district administrator.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a sub-district administrator account (first run of a new installation).",
            discussion: "The password is read from $ZHANJU_ADMIN_PASSWORD, or typed at the prompt when that is unset, so it never appears in the shell history.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Username (3–32 letters, digits, . _ -).") var username: String
        @Option(help: "Name shown in the interface.") var displayName: String?

        func run() async throws {
            let password: String
            if let env = ProcessInfo.processInfo.environment["ZHANJU_ADMIN_PASSWORD"], !env.isEmpty {
                password = env
            } else {
                guard let typed = getpass("Password (10 or more characters): ").map({ String(cString: $0) }), !typed.isEmpty else {
                    throw ValidationError("A password is required.")
                }
                password = typed
            }
            try await withMigratedApp(db.database) { app in
                try await AccessCommands.createAdministrator(in: app, username: username, password: password, displayName: displayName)
            }
        }
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The audit chain: `zhanju audit verify` recomputes it and reports the first broken link.",
                                                    subcommands: [Verify.self])
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute the audit hash chain; exits non-zero at the first broken link.")
        @OptionGroup var db: DatabaseOptions
        func run() async throws { try await withMigratedApp(db.database) { try await AccessCommands.verifyAudit(in: $0) } }
    }
}

struct ElectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "election", abstract: "Elections: `zhanju election verify LOGFILE` checks a downloaded ballot log offline.",
                                                    subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute a ballot log's hash chain and count, without the server; names the first broken link or differing count.")
        @Argument(help: "The ballot log, as downloaded from /api/v1/elections/{id}/log.") var logfile: String

        func run() throws {
            do { print(try ElectionCommands.verify(file: logfile)) } catch let failure as AccessCommands.CommandFailure {
                FileHandle.standardError.write(Data((failure.message + "\n").utf8))
                throw ExitCode.failure
            }
        }
    }
}

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Personal-data keys: `zhanju keys rotate` re-seals numbers under the current key.",
                                                    subcommands: [Rotate.self])
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-encrypt every ID and phone number under the current key.",
            discussion: "Set the new secret as ZHANJU_SECRET_KEY and the old one(s) in ZHANJU_PREVIOUS_SECRET_KEYS (comma-separated), then run this. It works in batches, each in a transaction, and can be run again if interrupted.")
        @OptionGroup var db: DatabaseOptions
        func run() async throws { try await withMigratedApp(db.database) { try await AccessCommands.rotateKeys(in: $0) } }
    }
}

/// The demo's stages as they finish, on standard error (standard output keeps the summary).
enum DemoProgress {
    static let stderr: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

struct Db: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The database as a whole: `zhanju db copy --to postgres://…` moves an installation.",
                                                    subcommands: [Copy.self])

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the whole installation into an empty database of the other kind (SQLite to PostgreSQL, or back).",
            discussion: """
                The target is migrated first and must be empty. Every table is copied row for row (sealed numbers and the audit \
                chain unchanged), then every table's count is compared and the audit chain recomputed on the target. The same \
                secret key opens both: set ZHANJU_SECRET_KEY, or leave it unset to use the SQLite file's development key \
                (copied beside a SQLite target). A PostgreSQL target needs a superuser (references are checked per table).
                """)
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The target: postgres://user:password@host:port/database, or a SQLite file path.") var to: String

        func run() async throws {
            var source = ZhanjuConfiguration.fromEnvironment(databasePath: db.database)
            var keyFile: String?
            if source.secretKey == nil, case .sqliteFile(let path) = source.database,
               let key = try? String(contentsOfFile: path + ".key", encoding: .utf8) {
                source.secretKey = key.trimmingCharacters(in: .whitespacesAndNewlines)
                keyFile = path + ".key"
            }
            var target = source
            if to.hasPrefix("postgres://") || to.hasPrefix("postgresql://") {
                target.database = .postgres(to)
            } else {
                target.database = .sqliteFile(to)
                if let keyFile, !FileManager.default.fileExists(atPath: to + ".key") { try FileManager.default.copyItem(atPath: keyFile, toPath: to + ".key") }
            }
            guard target.database != source.database else { throw ValidationError("--to names the database being copied.") }
            let from = try await ZhanjuServer.makeApplication(source)
            let into: Application
            do { into = try await ZhanjuServer.makeApplication(target, secondInProcess: true) } catch {
                try? await from.asyncShutdown()
                throw error
            }
            do {
                try await ZhanjuServer.migrate(from)
                try await ZhanjuServer.migrate(into)
                print(try await ZhanjuServer.copyDatabase(from: from, to: into, progress: DemoProgress.stderr))
            } catch {
                try? await into.asyncShutdown()
                try? await from.asyncShutdown()
                throw error
            }
            try await into.asyncShutdown()
            try await from.asyncShutdown()
        }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent backup of the database while it serves (SQLite: VACUUM INTO; PostgreSQL: pg_dump).",
        discussion: "Prints rows per table and the audit chain's last link, to compare with what `zhanju restore` prints. A SQLite file's development key is copied beside the backup (FILE.key).")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "The backup file to write (must not exist).") var to: String

    func run() async throws {
        let config = ZhanjuConfiguration.fromEnvironment(databasePath: db.database)
        try await withMigratedApp(db.database) { app in
            let report = try await ZhanjuServer.backup(app, config: config, to: to)
            if case .sqliteFile(let path) = config.database, FileManager.default.fileExists(atPath: path + ".key"), !FileManager.default.fileExists(atPath: to + ".key") {
                try FileManager.default.copyItem(atPath: path + ".key", toPath: to + ".key")
            }
            return report
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a new SQLite file or an empty PostgreSQL database, then verify it.",
        discussion: "The server must not be serving the target. A SQLite backup's development key (FILE.key) is put beside the restored file.")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "The backup file.") var from: String

    func run() async throws {
        let config = ZhanjuConfiguration.fromEnvironment(databasePath: db.database)
        try ZhanjuServer.restore(from: from, into: config.database)
        if case .sqliteFile(let path) = config.database, FileManager.default.fileExists(atPath: from + ".key"), !FileManager.default.fileExists(atPath: path + ".key") {
            try FileManager.default.copyItem(atPath: from + ".key", toPath: path + ".key")
        }
        try await withMigratedApp(db.database) { app in "Restored from \(from). " + (try await ZhanjuServer.backupSummary(app)) }
    }
}
