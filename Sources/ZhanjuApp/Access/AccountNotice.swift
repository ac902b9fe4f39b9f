import Fluent
import Foundation
import Vapor

/// What the account list says after an administrator's action, carried over the redirect that
/// follows it (post/redirect/get) as the action and the account's id: the words come from here
/// and the name from the database, so a crafted link cannot make the page say anything else.
enum AccountNotice {
    static let temporaryCookie = "zhanju_temporary"

    enum Done: String, CaseIterable { case created, disabled, enabled }

    static func redirect(_ req: Request, _ done: Done, _ id: UUID) -> Response {
        req.redirect(to: SitePath.accounts.link(query: [("done", "\(done.rawValue)"), ("account", "\(id)")]), redirectType: .normal)
    }

    static func read(_ req: Request) async throws -> String? {
        let q = QueryParameters(req)
        guard let done = try? q.choice("done", as: Done.self), let id = try? q.uuid("account"),
              let account = try await Account.find(id, on: req.db) else { return nil }
        let name = account.username
        let text: Text
        switch done {
        case .created: text = Text("已创建账户 \(name)。", "Account \(name) created.")
        case .disabled: text = Text("已停用 \(name),其登录和令牌均已失效。", "\(name) disabled; their sessions and tokens have ended.")
        case .enabled: text = Text("已启用 \(name)。", "\(name) enabled.")
        }
        return "✓ " + text[Lang.of(req)]
    }
}
