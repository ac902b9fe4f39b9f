import Vapor

/// Headers every response carries. The pages use no script at all, so the policy allows none:
/// a payload that slipped past escaping still cannot run. Styles come from our own stylesheet,
/// forms post only to this site, and no other site may frame a page (clickjacking a reveal or
/// a password reset).
enum SecurityHeaders {
    static let contentSecurityPolicy = [
        "default-src 'none'", "style-src 'self'", "img-src 'self' data:", "form-action 'self'",
        "frame-ancestors 'none'", "base-uri 'none'",
    ].joined(separator: "; ")

    static func add(to headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: "Content-Security-Policy", value: contentSecurityPolicy)
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
    }
}
