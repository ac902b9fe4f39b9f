import Foundation
import Testing

/// Each capability owns its tables; the others read them through the owner's interface
/// (RegistryDirectory for the registry). These tests read the sources: a new query of another
/// capability's models or tables fails here, with the line to change.
@Suite("Capabilities talk through interfaces, not each other's tables")
struct CapabilityBoundaryTests {
    static let registryModels = ["Household", "Resident", "Compound", "Building", "Entrance", "Grid", "ResidentsCommittee", "Workstation",
                                 "SubDistrict", "Organisation", "Appointment", "ServicePoint", "Zone"]
    static let registryTables = ["sub_districts", "workstations", "residents_committees", "compounds", "zones", "buildings", "entrances", "grids",
                                 "service_points", "households", "residents", "organisations", "appointments"]

    static var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ZhanjuApp")
    }

    func files(in capability: String) throws -> [(String, String)] {
        let folder = Self.sources.appendingPathComponent(capability)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// Lines in a capability's sources that use the registry's models or name its tables in SQL.
    func crossings(in capability: String) throws -> [String] {
        let model = try Regex("\\b(" + Self.registryModels.joined(separator: "|") + ")(\\.(query|find|self|schema)\\b|>|\\b *[,)]|\\?)")
        // Raw SQL (keywords in capitals, as this codebase writes them) and SQLKit's builders.
        let tables = Self.registryTables.joined(separator: "|")
        let table = try Regex("\\b(FROM|JOIN|INTO|UPDATE)\\s+(" + tables + ")\\b|\\.(from|join|into|update|insert|delete)\\(\\s*\"(" + tables + ")\"")
        var found: [String] = []
        // A shipped migration is frozen history and may not call the directory (live code): it
        // names the tables it changed, as they were then.
        for (file, text) in try files(in: capability) where !text.contains("AsyncMigration") {
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                if code.contains(model) || code.contains(table) { found.append("\(capability)/\(file):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))") }
            }
        }
        return found
    }

    /// Every folder but the registry's own. Not Demo: it plays the users (through the services) and
    /// reads the demo's fixtures to pick who acts, which DESIGN.md files with the registry.
    static let readers = ["App", "Web", "Access", "Services", "Elections", "Council", "Surveys"]

    @Test("capabilities read the registry only through RegistryDirectory", arguments: readers)
    func readersUseTheDirectory(_ capability: String) throws {
        let found = try crossings(in: capability)
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test("every capability folder is either the registry, a reader held to the directory, or named here")
    func everyFolderIsChecked() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { !$0.hasPrefix(".") && $0 != "Resources" }
        #expect(Set(folders) == Set(Self.readers + ["Registry", "Demo"]), "a new capability folder must be added to `readers`")
    }

    @Test("shipped migrations stand alone: no service, no live helper, so they never change when live code does")
    func migrationsStandAlone() throws {
        let live = try Regex("\\b(\\w+Service|PersonalNumbers|AuditTrail|RegistryDirectory|WritePath|CaseQueue|Counter)\\b")
        var found: [String] = []
        for capability in ["App", "Registry", "Access", "Services", "Elections", "Council", "Surveys"] {
            for (file, text) in try files(in: capability) where text.contains("AsyncMigration") {
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                    if code.contains(live) { found.append("\(capability)/\(file):\(n + 1): \(line)") }
                }
                #expect(file.contains("Migration"), "\(capability)/\(file) holds a migration: migrations live in files of their own")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test("the check itself finds a crossing when there is one")
    func checkFindsCrossings() throws {
        let registry = try crossings(in: "Registry")
        #expect(!registry.isEmpty, "the registry uses its own models, so the pattern must match them")
    }
}
