import Fluent
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp
import ZhanjuRules

/// The server as a process of its own (the built `zhanju` executable) on the test's SQLite file:
/// voters send ballots at once, the server is killed with SIGKILL mid-stream, started again, and
/// every ballot it acknowledged is in the log, with no ballot twice.
@Suite("An acknowledged ballot survives kill -9 of the server")
struct ElectionCrashTests {
    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/zhanju")
    }

    static func start(_ file: String, port: Int) throws -> Process {
        let p = Process()
        p.executableURL = binary
        p.arguments = ["serve", "--database", file, "--hostname", "127.0.0.1", "--port", "\(port)"]
        var env = ProcessInfo.processInfo.environment
        env["ZHANJU_SECRET_KEY"] = testSecret
        env.removeValue(forKey: "DATABASE_URL")
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    static func waitReady(_ app: Application, port: Int) async throws {
        for _ in 0..<300 {
            if let r = try? await app.client.get(URI(string: "http://127.0.0.1:\(port)/readyz")), r.status == .ok { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        Issue.record("the server on port \(port) did not answer")
    }

    @Test("ballots sent at once, the server killed with SIGKILL after some are acknowledged, restarted: every acknowledged ballot is there, none twice")
    func killNine() async throws {
        guard ProcessInfo.processInfo.environment["ZHANJU_TEST_DATABASE_URL"] == nil else { return }   // the process shares the test's SQLite file
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            Issue.record("no \(Self.binary.path): swift build builds it")
            return
        }
        try await withApp { (app: Application) async throws in
            let f = try await ElectionFixture.make(app)
            let (e, c, codes) = try await ElectionsTests.openPolling(app, f)
            let file = try #require(app.storage[TestDatabasePathKey.self])

            let port = Int.random(in: 41_000..<49_000)
            let server = try Self.start(file, port: port)
            try await Self.waitReady(app, port: port)

            let acknowledged = NIOLockedValueBox<[String: String]>([:])   // code → receipt
            let killed = NIOLockedValueBox(false)
            let pid = server.processIdentifier
            await withTaskGroup(of: Void.self) { group in
                for code in codes.prefix(16) {
                    group.addTask {
                        let object: [String: Any] = ["code": code, "marks": ["chair": [c["选民1"]!], "member": [c["选民3"]!, c["选民4"]!]]]
                        guard let data = try? JSONSerialization.data(withJSONObject: object),
                              let r = try? await app.client.post(URI(string: "http://127.0.0.1:\(port)/api/v1/ballots"), beforeSend: { req in
                            req.body = ByteBuffer(data: data)
                            req.headers.contentType = .json
                        }), r.status == .created, let receipt = try? r.content.get(String.self, at: "receipt") else { return }
                        let count = acknowledged.withLockedValue { $0[code] = receipt; return $0.count }
                        if count >= 6, killed.withLockedValue({ let was = $0; $0 = true; return !was }) { kill(pid, SIGKILL) }
                    }
                }
            }
            server.waitUntilExit()
            #expect(server.terminationReason == .uncaughtSignal, "the server was killed, not stopped")
            let acks = acknowledged.withLockedValue { $0 }
            #expect(acks.count >= 6)

            // Started again on the same file: the log holds every acknowledged receipt, each once,
            // and no more ballots than codes spent.
            let again = Int.random(in: 49_000..<57_000)
            let restarted = try Self.start(file, port: again)
            defer { restarted.terminate(); restarted.waitUntilExit() }
            try await Self.waitReady(app, port: again)
            for (code, receipt) in acks {
                let found = try await app.client.get(URI(string: "http://127.0.0.1:\(again)/api/v1/elections/\(e)/receipts/\(receipt)"))
                #expect((try? found.content.get(Bool.self, at: "found")) == true, "acknowledged ballot of \(code) lost")
            }
            let stored = try await StoredBallot.query(on: app.db).all()
            #expect(Set(stored.map(\.receipt)).count == stored.count && stored.count >= acks.count)
            let marked = try await RollEntry.query(on: app.db).filter(\.$votedRound == 1).count()
            #expect(marked == stored.count, "voters marked (their codes spent) \(marked), ballots \(stored.count)")
            // Counted, the published log holds them all and verifies.
            #expect(try await app.json(.POST, "/api/v1/elections/\(e)/count", ["scrutineers": [f.id("选民19"), f.id("选民20")]]).status == .ok)
            let log = try await app.client.get(URI(string: "http://127.0.0.1:\(again)/api/v1/elections/\(e)/log"))
            let records = try JSONDecoder().decode(ElectionRead.LogFile.self, from: Data(buffer: log.body ?? ByteBuffer())).records
            #expect(records.count == stored.count)
            #expect(try ElectionCommands.verify(data: Data(buffer: log.body ?? ByteBuffer())).contains("verifies"))
            // An acknowledged code sent again after the restart casts nothing.
            let code = try #require(acks.keys.first)
            let resent = try await app.client.post(URI(string: "http://127.0.0.1:\(again)/api/v1/ballots")) { req in
                req.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["code": code, "marks": ["chair": [c["选民1"]!]]]))
                req.headers.contentType = .json
            }
            #expect(resent.status == .unprocessableEntity)
        }
    }
}
