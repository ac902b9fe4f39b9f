import Foundation
import Vapor
import ZhanjuRules

/// A URL's query read strictly. A parameter that is present but unreadable is the caller's
/// mistake, answered 400 naming it; it is never quietly dropped (a filter that fell away would
/// return the unfiltered list, which looks like an answer). An empty value counts as absent,
/// as forms send empty selects.
struct QueryParameters: Sendable {
    let values: [String: String]

    init(_ values: [String: String]) { self.values = values }
    init(_ req: Request) { self.init(req.queryParameters) }

    subscript(name: String) -> String? {
        guard let v = values[name], !v.isEmpty else { return nil }
        return v
    }

    func uuid(_ name: String) throws -> UUID? {
        guard let raw = self[name] else { return nil }
        guard let id = UUID(uuidString: raw) else { throw Self.bad(name, Text("应为 UUID", "expected a UUID")) }
        return id
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = self[name] else { return nil }
        // Int("9223372036854775808") is nil and Int("+5") is 5: digits only, then the range.
        guard raw.count <= 18, raw.allSatisfy(\.isASCII), raw.allSatisfy(\.isNumber) || (raw.first == "-" && raw.dropFirst().allSatisfy(\.isNumber) && raw.count > 1),
              let n = Int(raw) else {
            throw Self.bad(name, Text("应为整数", "expected a whole number"))
        }
        guard range.contains(n) else {
            throw Self.bad(name, Text("应在 \(range.lowerBound)–\(range.upperBound) 之间", "must be between \(range.lowerBound) and \(range.upperBound)"))
        }
        return n
    }

    func choice<E: RawRepresentable & CaseIterable>(_ name: String, as: E.Type) throws -> E? where E.RawValue == String {
        guard let raw = self[name] else { return nil }
        guard let e = E(rawValue: raw) else {
            throw Self.bad(name, Text("应为 \(E.allCases.map(\.rawValue).joined(separator: "、")) 之一",
                                      "expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        return e
    }

    func date(_ name: String) throws -> CivilDate? {
        guard let raw = self[name] else { return nil }
        guard let d = CivilDate(iso: raw) else { throw Self.bad(name, Text("应为 YYYY-MM-DD 格式的日期", "expected a date as YYYY-MM-DD")) }
        return d
    }

    func text(_ name: String, max: Int) throws -> String? {
        guard let raw = self[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard raw.count <= max else { throw Self.bad(name, Text("不超过 \(max) 个字符", "at most \(max) characters")) }
        return raw
    }

    /// `page` (1…100,000) and `per` (1…maxPer); their product stays far from overflow.
    func paging(maxPer: Int, defaultPer: Int = 50) throws -> Paging {
        Paging(page: try int("page", in: 1...Paging.maxPage) ?? 1, per: try int("per", in: 1...maxPer) ?? defaultPer)
    }

    static func bad(_ name: String, _ why: Text) -> ZhanjuError {
        ZhanjuError(.malformed, code: "query.\(name)", field: name, message: Text("查询参数 \(name):\(why.zh)。", "Query parameter \(name): \(why.en)."))
    }
}

/// One page of a list. Bounded so that `offset` can never overflow, whatever a caller sends.
struct Paging: Sendable, Equatable {
    static let maxPage = 100_000
    var page: Int
    var per: Int

    var offset: Int { (page - 1) * per }
    /// The rows of this page, and with `lookahead` one more to tell whether a next page exists.
    func range(lookahead: Bool = false) -> Range<Int> { offset..<(offset + per + (lookahead ? 1 : 0)) }
}
