import Vapor

/// The one error family of the application. The API renders it as RFC 9457 problem+json,
/// pages as a translated message next to the field it names.
public struct ZhanjuError: Error, Sendable {
    public enum Kind: String, Sendable {
        case invalid          // 422: a field's value breaks a rule
        case malformed        // 400: the request could not be read at all
        case notFound = "not_found"
        case conflict         // 409: the value is fine but clashes with what exists
        case forbidden
        case unauthorized     // 401: sign in first
        case tooManyRequests = "too_many_requests"  // 429: wait before trying again
    }

    public var kind: Kind
    /// A stable machine code, e.g. `id_number.check_digit` or `appointment.station_committee_separation`.
    public var code: String
    /// The field (JSON name) at fault, when one is.
    public var field: String?
    public var message: Text
    /// The other fields found wrong in the same pass (Validation), so that a form or a client
    /// hears of every broken rule at once rather than one per submit.
    public var also: [ZhanjuError] = []

    public init(_ kind: Kind, code: String, field: String? = nil, message: Text) {
        self.kind = kind
        self.code = code
        self.field = field
        self.message = message
    }

    public var status: HTTPResponseStatus {
        switch kind {
        case .invalid: return .unprocessableEntity
        case .malformed: return .badRequest
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .forbidden: return .forbidden
        case .unauthorized: return .unauthorized
        case .tooManyRequests: return .tooManyRequests
        }
    }

    public static func required(_ field: String) -> ZhanjuError {
        ZhanjuError(.invalid, code: "required", field: field, message: Strings.errorRequired(field))
    }

    public static func invalid(_ field: String, _ code: String, _ message: Text) -> ZhanjuError {
        ZhanjuError(.invalid, code: code, field: field, message: message)
    }

    public static func notFound(_ what: Text) -> ZhanjuError {
        ZhanjuError(.notFound, code: "not_found", message: Strings.errorNotFound(what))
    }
}

/// RFC 9457 problem details.
struct Problem: Content {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var code: String
    var field: String?
    var instance: String?
    /// Every field found wrong, the first included, when more than one was.
    var errors: [FieldProblem]?
}

struct FieldProblem: Content {
    var field: String?
    var code: String
    var detail: String
}

/// Turns every error into problem+json for the API and a bilingual error page elsewhere.
/// Unknown errors become a 500 without internals; bad input never reaches that branch.
enum ErrorResponse {
    static func make(for error: any Error, _ request: Request) throws -> Response {
        let response = try body(for: error, request)
        // An abort's own headers (`Allow` on a 405, `Retry-After`) survive the rendering.
        if let abort = error as? any AbortError {
            for (name, value) in abort.headers { response.headers.replaceOrAdd(name: name, value: value) }
        }
        return response
    }

    private static func body(for error: any Error, _ request: Request) throws -> Response {
        let lang = Lang.of(request)
        let (status, code, field, detail) = describe(error, lang: lang, request: request)
        if request.url.path.hasPrefix("/api/") || request.headers.accept.mediaTypes.contains(.json) && !request.headers.accept.mediaTypes.contains(.html) {
            var problem = Problem(type: "https://zhanju.invalid/problems/\(code)", title: status.reasonPhrase,
                                  status: Int(status.code), detail: detail, code: code, field: field, instance: request.url.path)
            if let e = error as? ZhanjuError, !e.also.isEmpty {
                problem.errors = ([e] + e.also).map { FieldProblem(field: $0.field, code: $0.code, detail: $0.message[lang]) }
            }
            let response = Response(status: status)
            try response.content.encode(problem, as: .json)
            if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"zhanju\"") }
            response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
            return response
        }
        return ErrorPage.response(status: status, detail: detail, req: request)
    }

    static func describe(_ error: any Error, lang: Lang, request: Request) -> (HTTPResponseStatus, String, String?, String) {
        switch error {
        case let e as ZhanjuError:
            return (e.status, e.code, e.field, e.message[lang])
        case let e as DecodingError:
            let field = e.fieldPath
            return (.badRequest, "malformed", field, Strings.errorMalformed(field ?? "body")[lang])
        case let e as any AbortError:
            return (e.status, "http_\(e.status.code)", nil, (HTTPStatusText.explanation(e.status) ?? Text(e.reason, e.reason))[lang])
        default:
            request.logger.report(error: error)
            return (.internalServerError, "internal", nil, Strings.errorInternal[lang])
        }
    }
}

extension DecodingError {
    var fieldPath: String? {
        let path: [any CodingKey]
        switch self {
        case .keyNotFound(let key, let ctx): path = ctx.codingPath + [key]
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx): path = ctx.codingPath
        @unknown default: return nil
        }
        // Swift's names (`committeeId`) back to the JSON's (`committee_id`): the decoder converts
        // keys from snake case, so its coding path holds the converted names.
        let names = path.map { $0.intValue.map(String.init) ?? OpenAPIDocument.snakeCase($0.stringValue) }
        return names.isEmpty ? nil : names.joined(separator: ".")
    }
}

/// What the framework's own refusals (no such route, a body too large) say, in the reader's language.
enum HTTPStatusText {
    static func explanation(_ status: HTTPResponseStatus) -> Text? {
        switch status.code {
        case 400: return Text("请求无法读取。", "The request could not be read.")
        case 404: return Text("没有这个页面或记录。", "There is no such page or record.")
        case 405: return Text("这个地址不接受这种请求。", "This address does not take that kind of request.")
        case 413: return Text("提交的内容太大。", "What was sent is too large.")
        case 415: return Text("提交的内容格式不受支持。", "What was sent is in a format this address does not take.")
        default: return nil
        }
    }

    static func title(_ status: HTTPResponseStatus) -> Text {
        switch status.code {
        case 400: return Text("请求有误", "Bad request")
        case 401: return Text("请先登录", "Sign in first")
        case 403: return Text("无权访问", "Not permitted")
        case 404: return Text("未找到", "Not found")
        case 405: return Text("请求方式不对", "Method not allowed")
        case 409: return Text("与现有记录冲突", "Conflict")
        case 413: return Text("内容太大", "Too large")
        case 422: return Text("请修改后重试", "Please correct and try again")
        case 429: return Text("请稍后再试", "Please wait and try again")
        default: return Text("出错了", "Something went wrong")
        }
    }
}
