import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhanjuApp

/// One enum of the site's paths registers the pages and builds their links (DESIGN.md, "Pages").
@Suite("Typed routes: every page is a SitePath, every link is built from one")
struct SitePathTests {
    /// Machine endpoints, described by the OpenAPI document rather than SitePath.
    static func isMachineEndpoint(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path.hasPrefix("/open311/") || path.hasPrefix("/static/") || path.hasPrefix("/hello")
            || ["/healthz", "/readyz"].contains(path)
    }

    @Test("the router's pages and SitePath are the same set")
    func routerMatchesSitePath() async throws {
        try await withApp { (app: Application) async throws in
            let registered = Set(app.routes.all.map { "/" + $0.path.map(\.description).joined(separator: "/") }.filter { !Self.isMachineEndpoint($0) })
            let declared = Set(SitePath.allCases.map(\.rawValue))
            #expect(registered.subtracting(declared).isEmpty, "registered without a SitePath: \(registered.subtracting(declared).sorted())")
            #expect(declared.subtracting(registered).isEmpty, "a SitePath nobody registers: \(declared.subtracting(registered).sorted())")
        }
    }

    @Test("links fill the path's parameters in order and encode the query")
    func links() {
        let id = UUID(uuidString: "9BB9AEA9-BFF6-42BB-A7DA-5BCA79B9E3F8")!
        #expect(SitePath.household.link(id) == "/households/9BB9AEA9-BFF6-42BB-A7DA-5BCA79B9E3F8")
        #expect(SitePath.dashboard.link("grid", id) == "/dashboards/grid/9BB9AEA9-BFF6-42BB-A7DA-5BCA79B9E3F8")
        #expect(SitePath.people.link(query: [("q", "王 芳&x=1"), ("page", nil)]) == "/people?q=%E7%8E%8B%20%E8%8A%B3%26x%3D1")
        #expect(SitePath.services.link(fragment: "SAF-HAZ") == "/services#SAF-HAZ")
        #expect(SitePath.home.link() == "/")
    }

    @Test("no page source writes a path of its own in a link, a form action or a redirect")
    func noPathLiterals() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ZhanjuApp")
        let literal = try Regex(#"(href|action)\((attr\()?"/|redirect\(to: "/"#)
        var found: [String] = []
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)! where url.pathExtension == "swift" {
            for (n, line) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(literal) && !line.contains("/static/") {
                found.append("\(url.lastPathComponent):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
