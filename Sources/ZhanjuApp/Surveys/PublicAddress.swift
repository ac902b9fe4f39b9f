import Foundation
import Vapor

/// The configured public address (`ZHANJU_PUBLIC_URL`), normalised; nil when none is set.
struct PublicAddressKey: StorageKey {
    typealias Value = String
}

/// The site's address for what is printed and carried away on paper (a survey slip's link):
/// the configured public address first; else the one the request came to, from its Host header
/// and scheme (`X-Forwarded-Proto` where a proxy in front ends TLS). A Host that is not a plain
/// host name (and port) is not printed: the slip then shows the path alone.
enum PublicAddress {
    /// `https://host[:port]` without a trailing slash, or nil when `raw` is not an http(s) address.
    static func normalised(_ raw: String) -> String? {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        while s.hasSuffix("/") { s.removeLast() }
        guard let url = URL(string: s), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil,
              s.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\"" && $0 != "<" && $0 != ">" }) else { return nil }
        return s
    }

    static func isPlainHost(_ host: String) -> Bool {
        !host.isEmpty && host.count <= 255 && host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) }
    }

    static func of(_ req: Request) -> String? {
        if let configured = req.application.storage[PublicAddressKey.self] { return configured }
        guard let host = req.headers.first(name: .host), isPlainHost(host) else { return nil }
        let forwarded = req.headers.first(name: "X-Forwarded-Proto")?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let scheme = forwarded.flatMap { ["http", "https"].contains($0) ? $0 : nil } ?? "http"
        return "\(scheme)://\(host)"
    }

    /// An absolute link to a site path (the path alone when no address is known).
    static func link(_ path: String, _ req: Request) -> String { (of(req) ?? "") + path }
}
