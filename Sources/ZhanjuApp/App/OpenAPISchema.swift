import Foundation
import OpenAPIKit

/// A request or response body's JSON Schema, written by hand for its type (in the capability's
/// Document file), never derived from a value. `APISchemaTests` encodes each type's example
/// and holds it to its schema, so a field added to a type and not to its schema fails a test.
///
/// The rule for Swift optionals: `.optional` (may be absent or null, as the decoder reads both
/// as nil), unless the service requires the field, when it is required and not null: the Swift
/// field is optional only so that the service can name a missing one (422 `required`).
protocol APISchema {
    static var schema: JSONSchema { get }
}

/// The pieces the schemas here are written with: OpenAPIKit's `JSONSchema`, and the few
/// shapes this API uses again and again.
extension JSONSchema {
    /// `{"$ref": "#/components/schemas/NAME"}`.
    static func named(_ name: String) -> JSONSchema { .reference(.component(named: name)) }

    /// Formats are annotations in JSON Schema, so `""` would pass `format: uuid`; the pattern
    /// says what the server reads (any case, as `UUID(uuidString:)` does).
    static var uuid: JSONSchema { .string(format: .uuid, pattern: uuidPattern) }
    static let uuidPattern = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
    /// A `Date`, written RFC 3339 by the app's encoder.
    static var dateTime: JSONSchema { .string(format: .dateTime) }
    /// A calendar day, `2026-11-30` (birth dates, SLA due dates, holidays).
    static var date: JSONSchema { .string(format: .date, pattern: datePattern) }
    /// CivilDate's range: years 1800–9999, months 01–12, days 01–31.
    static let datePattern = "^(1[89][0-9]{2}|[2-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

    /// A Swift `Int` in a body: a larger number cannot be read (400), so the document bounds it;
    /// a narrower range where the service checks one.
    static func int(_ range: ClosedRange<Int> = Int.min...Int.max) -> JSONSchema {
        .integer(format: .int64, maximum: (range.upperBound, exclusive: false), minimum: (range.lowerBound, exclusive: false))
    }
    /// A bounded integer that is not read by the JSON decoder (a query parameter, a status).
    static func integer(_ range: ClosedRange<Int>) -> JSONSchema {
        .integer(maximum: (range.upperBound, exclusive: false), minimum: (range.lowerBound, exclusive: false))
    }

    /// A closed set of strings (`enum`).
    static func oneOf(_ values: [String]) -> JSONSchema { .string(allowedValues: values.map { AnyCodable($0) }) }
    /// A Swift enum written as its raw value: a closed set the type itself names.
    static func oneOf<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> JSONSchema where E.RawValue == String {
        oneOf(E.allCases.map(\.rawValue))
    }

    static func list(_ items: JSONSchema) -> JSONSchema { .array(items: items) }
    /// An object used as a dictionary: any keys, each value of this shape.
    static func map(_ values: JSONSchema) -> JSONSchema { .object(additionalProperties: .b(values)) }

    /// An object with these properties, each required unless marked `.optional` or `.mayBeAbsent`.
    static func record(_ properties: KeyValuePairs<String, JSONSchema>) -> JSONSchema {
        var props = OrderedDictionary<String, JSONSchema>()
        for (name, schema) in properties.sorted(by: { $0.key < $1.key }) {
            precondition(props[name] == nil, "property \(name) twice")
            props[name] = schema
        }
        return .object(properties: props)
    }

    /// A Swift optional: the field may be left out or be null (a closed set then admits null).
    var optional: JSONSchema {
        var schema = optionalSchemaObject()
        if isReference { return schema }
        schema = schema.nullableSchemaObject()
        if let values = allowedValues { schema = schema.with(allowedValues: values + [AnyCodable(nil as String?)]) }
        return schema
    }

    /// A field that may be left out but is never null.
    var mayBeAbsent: JSONSchema { optionalSchemaObject() }

    /// The same schema as a query parameter: an empty value counts as absent (QueryParameters),
    /// so the document allows it rather than calling a request the server accepts invalid.
    func orEmpty() -> JSONSchema {
        if let values = allowedValues { return with(allowedValues: values + [AnyCodable("")]) }
        // A format, a pattern or a number cannot admit "" themselves.
        if !(formatString ?? "").isEmpty || stringContext?.pattern != nil || isInteger {
            return .any(of: [self, .string(allowedValues: [AnyCodable("")])])
        }
        return self
    }
}
