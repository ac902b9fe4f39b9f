import Foundation
import Plot
import Vapor

/// Forms for registry records: rendered from a field list, submitted as the same JSON the API
/// takes, written by the same service, and re-shown with the error beside its field.
struct FormField: Sendable {
    enum Kind: Sendable {
        case text, date, number, checkbox, hidden
        /// Several lines (a description, notes).
        case textarea
        case select([(String, Text)])
        case multi([(String, Text)])
        /// A file to upload (the form is then sent as multipart/form-data); `accept` lists the
        /// types offered, the service still checks the content's first bytes.
        case file(accept: String)
    }
    var name: String
    var label: Text
    var kind: Kind
    var required: Bool = false
}

enum FormKit {
    /// Parses an application/x-www-form-urlencoded body, keeping repeated keys.
    static func values(of req: Request) -> [String: [String]] {
        guard var buffer = req.body.data, let body = buffer.readString(length: buffer.readableBytes) else { return [:] }
        var out: [String: [String]] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            guard let key = parts.first, !key.isEmpty else { continue }
            out[key.replacingOccurrences(of: "[]", with: ""), default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return out
    }

    /// Builds the API's JSON from form values, typed by the field list; empty means absent.
    static func decode<R: Decodable>(_ type: R.Type, from values: [String: [String]], fields: [FormField]) throws -> R {
        var object: [String: Any] = [:]
        for field in fields {
            let given = (values[field.name] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
            switch field.kind {
            case .multi: object[field.name] = given.filter { !$0.isEmpty }
            case .checkbox: object[field.name] = given.contains("on") || given.contains("true")
            case .number:
                guard let raw = given.first, !raw.isEmpty else { continue }
                guard let n = Int(raw) else { throw ZhanjuError.invalid(field.name, "number", Text("\(field.name):应为整数。", "\(field.name): expected a whole number.")) }
                object[field.name] = n
            default:
                if let raw = given.first, !raw.isEmpty { object[field.name] = raw }
            }
        }
        let data = try JSONSerialization.data(withJSONObject: object)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(R.self, from: data)
    }

    /// Fields recording how an entry reached the system (audit chain: staff entries made for a resident).
    static let channelFields: [FormField] = [
        FormField(name: "_channel", label: Strings.entryChannel, kind: .select(Channel.allCases.filter { $0 != .system }.map { ($0.rawValue, $0.label) })),
        FormField(name: "_on_behalf_of", label: Strings.onBehalfOf, kind: .text),
    ]

    static func page(title: String, lang: Lang, req: Request, fields: [FormField], values: [String: [String]],
                     error: ZhanjuError? = nil, intro: Node<HTML.BodyContext> = .empty, channel: Bool = false, submit: Text = Strings.save) -> Response {
        let shown = channel ? fields + channelFields : fields
        // The service names the first thing wrong; every other required field left empty is said
        // at once too, so a person fixes the form in one go.
        var errors = error.map { [$0] + $0.also } ?? []
        if error != nil {
            for field in shown where field.required && !errors.contains(where: { $0.field == field.name })
                && (values[field.name]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                switch field.kind {
                case .text, .date, .number, .select, .textarea: errors.append(.required(field.name))
                case .hidden, .checkbox, .multi, .file: break
                }
            }
        }
        var values = values
        // Staff entering their own work is the usual case: the choice starts there, not at "—".
        if channel, (values["_channel"]?.first ?? "").isEmpty { values["_channel"] = [Channel.online.rawValue] }
        let html = Layout.page(title, req: req,
            intro,
            .if(!errors.isEmpty, .div(.class("error"), .attribute(named: "role", value: "alert"), .p(.text(Strings.fixErrors[lang])),
                                      .ul(.forEach(errors) { e in .li(.text(message(e, fields: shown, lang: lang))) }))),
            .form(.class("edit"), .method(.post), .action(attr(req.url.string)),
                  .if(shown.contains { if case .file = $0.kind { return true }; return false }, .enctype(.multipartData)),
                  Layout.csrfField(req),
                  .forEach(shown) { field in fieldNode(field, lang: lang, values: values[field.name] ?? [], error: errors.first { $0.field == field.name }) },
                  .button(.type(.submit), .text(submit[lang])))
        )
        return Layout.response(html, status: error == nil ? .ok : (error!.kind == .notFound ? .notFound : .unprocessableEntity))
    }

    /// A service's message names the field as the API does ("household_id: required."); on a
    /// page it names the label the person sees.
    static func message(_ e: ZhanjuError, fields: [FormField], lang: Lang) -> String {
        let text = e.message[lang]
        guard let name = e.field, let field = fields.first(where: { $0.name == name || $0.name == "attribute[\(name)]" }) else { return text }
        for separator in [": ", ":", ":"] where text.hasPrefix(name + separator) {
            return field.label[lang] + (lang == .zh ? ":" : ": ") + text.dropFirst(name.count + separator.count)
        }
        return text
    }

    /// The id that links a field's message to its control (aria-describedby).
    static func errorID(_ name: String) -> String {
        "error-" + String(name.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
    }

    static func fieldNode(_ field: FormField, lang: Lang, values: [String], error: ZhanjuError?) -> Node<HTML.FormContext> {
        let value = values.first ?? ""
        let label = field.label[lang] + (field.required ? " *" : "")
        let errorNode: Node<HTML.FormContext> = error.map {
            .span(.class("field-error"), .id(errorID(field.name)), .text(message($0, fields: [field], lang: lang)))
        } ?? .empty
        // An invalid control says so, and points at the message beside it.
        let ariaInvalid = Attribute<HTML.InputContext>(name: "aria-invalid", value: error == nil ? "" : "true", ignoreIfValueIsEmpty: true)
        let ariaDescribed = Attribute<HTML.InputContext>(name: "aria-describedby", value: error == nil ? "" : errorID(field.name), ignoreIfValueIsEmpty: true)
        let invalidRaw = error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(errorID(field.name))\""
        switch field.kind {
        case .hidden:
            return .input(.type(.hidden), .name(attr(field.name)), .value(attr(value)))
        case .textarea:
            return .div(.class(error == nil ? "field" : "field invalid"),
                        .label(.text(label), .raw("<textarea name=\"\(attr(field.name))\" rows=\"4\"\(field.required ? " required" : "")\(invalidRaw)>\(attr(value))</textarea>")),
                        errorNode)
        case .text, .date, .number:
            let type: HTMLInputType = { if case .date = field.kind { return .date }; if case .number = field.kind { return .number }; return .text }()
            return .div(.class(error == nil ? "field" : "field invalid"),
                        .label(.text(label), .input(.type(type), .name(attr(field.name)), .value(attr(value)), .required(field.required), ariaInvalid, ariaDescribed)), errorNode)
        case .file(let accept):
            return .div(.class(error == nil ? "field" : "field invalid"),
                        .label(.text(label), .input(.type(.file), .name(attr(field.name)), .attribute(named: "accept", value: attr(accept)), .required(field.required),
                                                    ariaInvalid, ariaDescribed)), errorNode)
        case .checkbox:
            return .div(.class("field"), .label(.class("check"), .input(.type(.checkbox), .name(attr(field.name)), .checked(value == "on" || value == "true")), .text(" " + field.label[lang])), errorNode)
        case .select(let options):
            let select = Select(name: field.name, options: options.map { ($0.0, $0.1[lang]) }, selected: value, blank: "—", required: field.required,
                                describedBy: error == nil ? nil : errorID(field.name))
            return .div(.class(error == nil ? "field" : "field invalid"), .label(.text(label), select.node()), errorNode)
        case .multi(let options):
            return .fieldset(.class(error == nil ? "field" : "field invalid"), .element(named: "legend", text: field.label[lang]),
                             .forEach(options) { v, t in
                                 .label(.class("check"), .input(.type(.checkbox), .name(attr(field.name + "[]")), .value(attr(v)), .checked(values.contains(v))), .text(" " + t[lang]))
                             }, errorNode)
        }
    }
}
