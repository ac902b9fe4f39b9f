import Vapor
import ZhanjuRules

/// The sign-in form's CSRF token, before there is a session to keep one in: a random value in
/// a cookie and the same value in the form (double submit). A page on another site can post a
/// form here, but it can neither read nor set this site's cookie, and a SameSite=Strict cookie
/// is not even sent with its post; without the check, such a post would sign the victim in as
/// the attacker (login CSRF), and what they typed next would land in the attacker's account.
enum SignInForm {
    static let cookie = "zhanju_sign_in"

    /// The token already in the browser's cookie, or a new one.
    static func token(for req: Request) -> String {
        if let held = req.cookies[cookie]?.string, held.count >= 32, held.count <= 64,
           held.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            return held
        }
        return Secret.make(prefix: "")
    }

    static func cookieValue(_ token: String, req: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, maxAge: 12 * 3600, path: SitePath.signIn.link(), isSecure: req.access.secureCookies, isHTTPOnly: true, sameSite: .strict)
    }

    static func check(_ sent: String?, _ req: Request) throws {
        guard let sent, let held = req.cookies[cookie]?.string, !held.isEmpty, sent == held else { throw AccessMiddleware.csrfError }
    }
}
