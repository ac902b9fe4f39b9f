import Fluent
import SQLKit
import Foundation
import ZhanjuRules

/// Field validation shared by every registry write. Each failure names the JSON field.
enum Check {
    static func text(_ value: String?, _ field: String, max: Int = 100) throws -> String {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            throw ZhanjuError.required(field)
        }
        guard trimmed.count <= max else { throw ZhanjuError.invalid(field, "too_long", Strings.errorTooLong(field, max)) }
        try printable(trimmed, field)
        return trimmed
    }

    /// Text people will read back: no NUL or other control characters (a NUL cut names short on
    /// the way out of SQLite), and no direction overrides or isolates, which make "evil.txt"
    /// display as something else. Line breaks and tabs are fine.
    static func printable(_ text: String, _ field: String) throws {
        let refused = text.unicodeScalars.contains { s in
            (s.properties.generalCategory == .control && !["\n", "\r", "\t"].contains(s)) || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
        if refused {
            throw ZhanjuError.invalid(field, "control_character", Text("“\(field)”含有控制字符或方向控制符。", "“\(field)” contains control or text-direction characters."))
        }
    }

    static func optionalText(_ value: String?, _ field: String, max: Int = 200) throws -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try text(value, field, max: max)
    }

    static func date(_ value: String?, _ field: String) throws -> CivilDate {
        guard let value, !value.isEmpty else { throw ZhanjuError.required(field) }
        guard let date = CivilDate(iso: value) else { throw ZhanjuError.invalid(field, "date", Strings.errorDate(field)) }
        return date
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ value: String?, _ field: String, as: E.Type) throws -> E where E.RawValue == String {
        guard let value, !value.isEmpty else { throw ZhanjuError.required(field) }
        guard let e = E(rawValue: value) else {
            throw ZhanjuError.invalid(field, "choice", Strings.errorChoice(field, E.allCases.map(\.rawValue)))
        }
        return e
    }

    static func int(_ value: Int?, _ field: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value else { throw ZhanjuError.required(field) }
        guard range.contains(value) else {
            throw ZhanjuError.invalid(field, "range", Text("\(field):应在 \(range.lowerBound)–\(range.upperBound) 之间。",
                                                           "\(field): must be between \(range.lowerBound) and \(range.upperBound)."))
        }
        return value
    }

    /// Mobile numbers (11 digits starting 1) or landlines with area code (e.g. 028-85123456).
    static func phone(_ value: String?, _ field: String) throws -> String? {
        guard let raw = value?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        let digits = raw.filter { $0 != "-" && $0 != " " }
        let isMobile = digits.count == 11 && digits.first == "1" && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
        let isLandline = digits.first == "0" && (10...12).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
        guard isMobile || isLandline else { throw ZhanjuError.invalid(field, "phone", Strings.errorPhone(field)) }
        return digits
    }

    /// The referenced row must exist; returns it.
    static func ref<M: Model>(_ type: M.Type, _ id: UUID?, _ field: String, on db: any Database) async throws -> M where M.IDValue == UUID {
        guard let id else { throw ZhanjuError.required(field) }
        guard let row = try await M.find(id, on: db) else {
            throw ZhanjuError.invalid(field, "unknown_reference", Strings.errorUnknownRef(field))
        }
        return row
    }

    /// Like `ref` where only the id is needed: an existence check by SQL, without decoding a model.
    static func existing<M: Model>(_ type: M.Type, _ id: UUID?, _ field: String, on db: any Database) async throws -> UUID? where M.IDValue == UUID {
        guard let id else { return nil }
        if WritePath.inside?.created[M.schema]?.contains(id) == true { return id }
        guard try await (db as! any SQLDatabase).select().column("id").from(M.schema).where("id", .equal, id).limit(1).first() != nil else {
            throw ZhanjuError.invalid(field, "unknown_reference", Strings.errorUnknownRef(field))
        }
        return id
    }

    static func optionalRef<M: Model>(_ type: M.Type, _ id: UUID?, _ field: String, on db: any Database) async throws -> M? where M.IDValue == UUID {
        guard let id else { return nil }
        return try await ref(type, id, field, on: db)
    }

    /// A value that must be unique in its column, or within a parent (`within: ("entrance_id", id)`);
    /// `except` is the row being updated.
    static func unique<M: Model>(_ type: M.Type, _ key: FieldKey, _ value: String, _ field: String, within parent: (FieldKey, UUID)? = nil,
                                 except: UUID?, on db: any Database) async throws where M.IDValue == UUID {
        var query = M.query(on: db).filter(key, .equal, value)
        if let (parentKey, parentID) = parent { query = query.filter(parentKey, .equal, parentID) }
        if let except { query = query.filter(\._$id != except) }
        if try await query.count() > 0 {
            throw ZhanjuError(.conflict, code: "duplicate", field: field, message: Strings.errorDuplicate(field))
        }
    }
}

/// Collects every field's rule break in one pass over a record, so that a form shows them all
/// at once and a client hears of all of them: each check runs, a field found invalid is noted
/// and the pass goes on; `finish` throws the first with the others in `also`. Conflicts,
/// refusals and missing references elsewhere still stop at once.
struct Validation {
    private(set) var errors: [ZhanjuError] = []

    /// The checked value, or nil when the field broke a rule (noted).
    mutating func field<T>(_ check: () throws -> T) throws -> T? {
        do { return try check() } catch let e as ZhanjuError where e.kind == .invalid && e.field != nil {
            errors.append(e)
            return nil
        }
    }

    mutating func field<T>(_ check: () async throws -> T) async throws -> T? {
        do { return try await check() } catch let e as ZhanjuError where e.kind == .invalid && e.field != nil {
            errors.append(e)
            return nil
        }
    }

    func finish() throws {
        guard var first = errors.first else { return }
        first.also = Array(errors.dropFirst())
        throw first
    }
}
