import Foundation
import Vapor

extension OpenAPIDocument {
    /// A JSON Schema (the subset OpenAPI 3.1 documents here use). A class so that a named schema
    /// can be refined after reflection described it (a closed set, a bound, a required list);
    /// every factory returns a fresh instance, so refining one field never touches another.
    final class Schema: Encodable, @unchecked Sendable {
        var ref: String?
        var type: [String]?
        var format: String?
        var properties: [String: Schema]?
        var items: Schema?
        var required: [String]?
        /// A closed set; `nil` inside it when the field may be null.
        var enumValues: [String?]?
        var minimum: Int?
        var maximum: Int?
        var minLength: Int?
        var maxLength: Int?
        var pattern: String?
        var additionalProperties: Schema?
        var anyOf: [Schema]?
        var description: String?

        convenience init(anyOf: [Schema]) {
            self.init()
            self.anyOf = anyOf
        }

        init(ref: String? = nil, type: [String]? = nil, format: String? = nil, properties: [String: Schema]? = nil, items: Schema? = nil,
             required: [String]? = nil, enumValues: [String?]? = nil, minimum: Int? = nil, maximum: Int? = nil) {
            (self.ref, self.type, self.format, self.properties, self.items, self.required) = (ref, type, format, properties, items, required)
            (self.enumValues, self.minimum, self.maximum) = (enumValues, minimum, maximum)
        }
        enum CodingKeys: String, CodingKey {
            case ref = "$ref", type, format, properties, items, required, enumValues = "enum", minimum, maximum, minLength, maxLength, pattern, additionalProperties, anyOf, description
        }

        static func named(_ name: String) -> Schema { Schema(ref: "#/components/schemas/\(name)") }
        static var string: Schema { Schema(type: ["string"]) }
        static var integer: Schema { Schema(type: ["integer"]) }
        static var boolean: Schema { Schema(type: ["boolean"]) }
        /// Formats are annotations in JSON Schema, so `""` would pass `format: uuid`; the pattern
        /// says what the server reads (any case, as `UUID(uuidString:)` does).
        static var uuid: Schema { let s = Schema(type: ["string"], format: "uuid"); s.pattern = uuidPattern; return s }
        static let uuidPattern = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
        static var dateTime: Schema { Schema(type: ["string"], format: "date-time") }
        /// A calendar day, `2026-11-30` (SLA due dates, holidays).
        static var date: Schema { let s = Schema(type: ["string"], format: "date"); s.pattern = datePattern; return s }
        /// CivilDate's range: years 1800–9999, months 01–12, days 01–31.
        static let datePattern = "^(1[89][0-9]{2}|[2-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
        static func integer(_ range: ClosedRange<Int>) -> Schema { Schema(type: ["integer"], minimum: range.lowerBound, maximum: range.upperBound) }
        static func oneOf(_ values: [String]) -> Schema { Schema(type: ["string"], enumValues: values) }
        static func oneOf<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> Schema where E.RawValue == String {
            oneOf(E.allCases.map(\.rawValue))
        }
        static func array(_ items: Schema) -> Schema { Schema(type: ["array"], items: items) }
        static func map(_ values: Schema) -> Schema { let s = Schema(type: ["object"]); s.additionalProperties = values; return s }

        /// The same schema as a query parameter: an empty value counts as absent (QueryParameters),
        /// so the document allows it rather than calling a request the server accepts invalid.
        func orEmpty() -> Schema {
            if let values = enumValues {
                enumValues = values + [""]
                return self
            }
            // A format, a pattern or a number cannot admit "" themselves.
            if format != nil || pattern != nil || type == ["integer"] { return Schema(anyOf: [self, Schema(type: ["string"], enumValues: [""])]) }
            return self
        }

        var isNullable: Bool { type?.contains("null") == true }

        /// The same schema, the closed set applied (keeping `null` when the field may be null).
        func restricted(to values: [String]) -> Schema {
            let copy = Schema(ref: ref, type: type, format: nil, properties: properties, items: items, required: required)
            copy.description = description
            copy.enumValues = values + (isNullable ? [nil] : [])
            return copy
        }
    }

    // MARK: refinements reflection cannot see

    /// Makes a field of a named schema one of a closed set. `path` walks properties with dots;
    /// `[]` after a name steps into the array's items (`events[].action`), and `[]` alone is the
    /// array itself (`permissions[]`).
    mutating func closed(_ schema: String, _ path: String, _ values: [String]) {
        refine(schema, path) { $0.restricted(to: values) }
    }

    mutating func closed<E: CaseIterable & RawRepresentable>(_ schema: String, _ path: String, _ type: E.Type) where E.RawValue == String {
        closed(schema, path, E.allCases.map(\.rawValue))
    }

    mutating func bounded(_ schema: String, _ path: String, _ range: ClosedRange<Int>) {
        refine(schema, path) { s in s.minimum = range.lowerBound; s.maximum = range.upperBound; return s }
    }

    /// Says what a free-form object's values are (`attributes`: answers by question code).
    mutating func values(_ schema: String, _ path: String, _ values: Schema) {
        refine(schema, path) { s in s.additionalProperties = values; return s }
    }

    mutating func formatted(_ schema: String, _ path: String, _ format: String) {
        refine(schema, path) { s in
            s.format = format
            if format == "date" { s.pattern = Schema.datePattern }
            return s
        }
    }

    /// Replaces a schema's required list: for inputs whose Swift fields are optional so that the
    /// service can name a missing one (422 `required`), the document still says what is needed.
    mutating func require(_ schema: String, _ fields: [String]) {
        guard let s = schemas[schema] else { preconditionFailure("no schema \(schema)") }
        precondition(Set(fields).isSubset(of: Set(s.properties?.keys.map { $0 } ?? [])), "\(schema) lacks one of \(fields)")
        s.required = fields.sorted()
    }

    private mutating func refine(_ schema: String, _ path: String, _ change: (Schema) -> Schema) {
        guard let root = schemas[schema] else { preconditionFailure("no schema \(schema)") }
        var parent = root
        let steps = path.split(separator: ".").map(String.init)
        for (i, step) in steps.enumerated() {
            let isLast = i == steps.count - 1
            let name = step.hasSuffix("[]") ? String(step.dropLast(2)) : step
            guard let field = parent.properties?[name] else { preconditionFailure("\(schema) has no field \(path)") }
            if step.hasSuffix("[]") {
                guard let items = field.items else { preconditionFailure("\(schema).\(path) is not an array") }
                if isLast { field.items = change(items) } else { parent = items }
            } else {
                if isLast { parent.properties?[name] = change(field) } else { parent = field }
            }
        }
    }

    // MARK: reflection

    /// Describes a value by reflection, so a field added to a resource appears in the document
    /// without anyone remembering to add it. Examples fill every field, so nothing is guessed.
    /// A field that is not optional is required: the encoder always writes it, and the decoder
    /// fails (400, naming it) without it.
    static func schema(describing value: Any) -> Schema {
        switch value {
        case is String: return .string
        case is UUID: return .uuid
        // Swift's Int: a larger number in a body cannot be read (400), so the document bounds it.
        case is Int: return Schema(type: ["integer"], format: "int64", minimum: Int.min, maximum: Int.max)
        case is Double: return Schema(type: ["number"])
        case is Bool: return .boolean
        case is Date: return .dateTime
        // A Swift enum is written as its raw value: a closed set the type itself names.
        case let e as any CaseIterable & RawRepresentable:
            if e.rawValue is String { return .oneOf(cases(of: e)) }
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return schema(forType: type(of: value)) }
            let inner = schema(describing: wrapped)
            if inner.ref != nil { return inner }
            inner.type = (inner.type ?? []) + ["null"]
            return inner
        case .collection:
            return Schema(type: ["array"], items: mirror.children.first.map { schema(describing: $0.value) } ?? .string)
        case .dictionary:
            return Schema(type: ["object"])
        default:
            var props: [String: Schema] = [:]
            var required: [String] = []
            for child in mirror.children {
                guard let label = child.label else { continue }
                let name = snakeCase(label)
                props[name] = schema(describing: child.value)
                if Mirror(reflecting: child.value).displayStyle != .optional { required.append(name) }
            }
            return Schema(type: ["object"], properties: props, required: required.sorted())
        }
    }

    private static func cases<E: CaseIterable & RawRepresentable>(of value: E) -> [String] {
        E.allCases.compactMap { $0.rawValue as? String }
    }

    static func schema(forType t: Any.Type) -> Schema {
        switch t {
        case is String?.Type: return Schema(type: ["string", "null"])
        case is UUID?.Type: let s = Schema(type: ["string", "null"], format: "uuid"); s.pattern = Schema.uuidPattern; return s
        case is Int?.Type: return Schema(type: ["integer", "null"])
        case is Double?.Type: return Schema(type: ["number", "null"])
        case is Bool?.Type: return Schema(type: ["boolean", "null"])
        case is Date?.Type: return Schema(type: ["string", "null"], format: "date-time")
        case is [String]?.Type: return Schema(type: ["array", "null"], items: .string)
        default: return Schema(type: ["object", "null"])
        }
    }

    /// The JSON name of a Swift property, as the global encoder's `.convertToSnakeCase` writes it.
    static func snakeCase(_ name: String) -> String {
        // Foundation starts a word at an upper-case letter after a lower-case one, and at the last
        // capital of a run followed by a lower-case letter (`mediaURL` → `media_url`).
        let chars = Array(name)
        var out = ""
        for (i, ch) in chars.enumerated() {
            if ch.isUppercase, i > 0 {
                let previous = chars[i - 1], next = i + 1 < chars.count ? chars[i + 1] : nil
                if !previous.isUppercase || next?.isLowercase == true { out += "_" }
            }
            out += ch.lowercased()
        }
        return out
    }
}
