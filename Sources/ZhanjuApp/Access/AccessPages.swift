import Fluent
import Foundation
import Plot
import Vapor
import ZhanjuRules

/// Sign-in, sign-out, password change, one's own account and API tokens, and the
/// administrator's account list.
enum AccessPages {
    static func register(on app: Application) {
        app.get(.signIn) { req in signInPage(req, error: nil) }.access(.open)
        app.post(.signIn) { req in try await signIn(req) }.access(.open)
        app.post(.signOut) { req in try await signOut(req) }.access(.signedIn)
        app.get(.account) { req in try await account(req, newToken: nil) }.access(.signedIn)
        app.get(.accountPassword) { req in passwordPage(req, error: nil) }.access(.signedIn)
        app.post(.accountPassword) { req in try await changePassword(req) }.access(.signedIn)
        app.post(.accountTokens) { req in try await createToken(req) }.access(.signedIn)
        app.post(.accountTokenRevoke) { req in try await revokeToken(req) }.access(.signedIn)
        app.get(.accounts) { req in try await accounts(req, error: nil, notice: try await AccountNotice.read(req)) }.access(.permission(.accountsManage))
        app.get(.accountConfirm) { req in try await confirmAdministration(req) }.access(.permission(.accountsManage))
        app.get(.accountTemporaryPassword) { req in try await temporaryPassword(req) }.access(.permission(.accountsManage))
        app.post(.newAccount) { req in try await createAccount(req) }.access(.permission(.accountsManage))
        app.post(.accountReset) { req in try await administer(req, reset: true) }.access(.permission(.accountsManage))
        app.post(.accountDisable) { req in try await administer(req, disabled: true) }.access(.permission(.accountsManage))
        app.post(.accountEnable) { req in try await administer(req, disabled: false) }.access(.permission(.accountsManage))
    }

    /// Only paths on this site: `next=//evil.example` must not become an open redirect, nor
    /// `/\t/evil.example`, which browsers read as `//evil.example` once they drop the tab.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), raw.count <= 2_000,
              !raw.unicodeScalars.contains(where: { $0 == "\\" || ($0.properties.isWhitespace && $0 != " ") || $0.properties.generalCategory == .control || $0.properties.generalCategory == .format })
        else { return "/" }
        // A search for a full name comes back decoded, with its space.
        return raw.replacingOccurrences(of: " ", with: "%20")
    }

    static func signInPage(_ req: Request, error: ZhanjuError?, status: HTTPResponseStatus = .ok) -> Response {
        let lang = Lang.of(req)
        let next = safeNext(req.query[String.self, at: "next"] ?? (try? req.content.get(String.self, at: "next")))
        let csrf = SignInForm.token(for: req)
        let html = Layout.page(Strings.signIn[lang], req: req,
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0.message[lang])) },
            .form(.class("edit"), .method(.post), .action(SitePath.signIn.link()),
                  .input(.type(.hidden), .name("_csrf"), .value(attr(csrf))),
                  .input(.type(.hidden), .name("next"), .value(attr(next))),
                  .div(.class("field"), .label(.text(Strings.username[lang]), .input(.type(.text), .name("username"), .required(true), .attribute(named: "autocomplete", value: "username")))),
                  .div(.class("field"), .label(.text(Strings.password[lang]), .input(.type(.password), .name("password"), .required(true), .attribute(named: "autocomplete", value: "current-password")))),
                  .button(.type(.submit), .text(Strings.signIn[lang]))))
        let response = Layout.response(html, status: status)
        response.cookies[SignInForm.cookie] = SignInForm.cookieValue(csrf, req: req)
        return response
    }

    static func signIn(_ req: Request) async throws -> Response {
        let values = FormKit.values(of: req)
        do {
            try SignInForm.check(values["_csrf"]?.first, req)
            let account = try await SignIn.verify(username: values["username"]?.first, password: values["password"]?.first, req: req)
            let token = try await SignIn.openSession(for: account, req: req)
            let response = req.redirect(to: account.mustChangePassword ? SitePath.accountPassword.link() : safeNext(values["next"]?.first), redirectType: .normal)
            response.cookies[AccessMiddleware.sessionCookie] = SignIn.cookie(token, req: req)
            return response
        } catch let error as ZhanjuError {
            return signInPage(req, error: error, status: error.status)
        }
    }

    static func signOut(_ req: Request) async throws -> Response {
        try await SignIn.closeSession(req: req)
        let response = req.redirect(to: SitePath.home.link(), redirectType: .normal)
        response.cookies[AccessMiddleware.sessionCookie] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
                                                                             isSecure: req.access.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    static func passwordPage(_ req: Request, error: ZhanjuError?) -> Response {
        let lang = Lang.of(req)
        let fields = [FormField(name: "current_password", label: Strings.currentPassword, kind: .text, required: true),
                      FormField(name: "new_password", label: Strings.newPassword, kind: .text, required: true)]
        let html = Layout.page(Strings.changePassword[lang], req: req,
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0.message[lang])) },
            .form(.class("edit"), .method(.post), .action(SitePath.accountPassword.link()), Layout.csrfField(req),
                  .forEach(fields) { f in
                      .div(.class(error?.field == f.name ? "field invalid" : "field"),
                           .label(.text(f.label[lang] + " *"), .input(.type(.password), .name(attr(f.name)), .required(true))))
                  },
                  .button(.type(.submit), .text(Strings.save[lang]))))
        return Layout.response(html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func changePassword(_ req: Request) async throws -> Response {
        let values = FormKit.values(of: req)
        do {
            try await AccountService(req).changePassword(try req.requirePrincipal().accountID, current: values["current_password"]?.first,
                                                         new: values["new_password"]?.first, keeping: req.credentialHash)
            return req.redirect(to: SitePath.account.link(), redirectType: .normal)
        } catch let error as ZhanjuError {
            return passwordPage(req, error: error)
        }
    }

    static func account(_ req: Request, newToken: AccountService.TokenView?) async throws -> Response {
        let lang = Lang.of(req)
        let principal = try req.requirePrincipal()
        let tokens = try await AccountService.tokens(of: principal.accountID, on: req.db)
        let map = try await req.territoryMap()
        let names = try await ScopeNames.load(principal.grants.all.map(\.scope), map: map, on: req.db)
        let html = Layout.page(Strings.myAccount[lang] + " · " + principal.displayName, req: req,
            .h2(.text(Strings.roles[lang])),
            .table(.class("wide"), .thead(.tr(.th(.text(Strings.roles[lang])), .th(.text(Strings.scope[lang])))),
                   .tbody(.forEach(principal.grants.all.filter { $0.role != .areaReader }) { g in
                       .tr(.td(.text(g.role.label[lang])), .td(.text(names[g.scope]?[lang] ?? "—")))
                   })),
            .p(.a(.href(SitePath.accountPassword.link()), .text(Strings.changePassword[lang]))),
            .h2(.text(Strings.apiTokens[lang])),
            .unwrap(newToken?.token) { t in .p(.class("notice"), .text(Strings.tokenShownOnce[lang] + " "), .code(.text(t))) },
            .if(tokens.isEmpty, .p(.class("muted"), .text(Strings.noneYet[lang]))),
            .if(!tokens.isEmpty, .table(.class("wide"),
                .thead(.tr(.th(.text(Strings.tokenName[lang])), .th(.text("prefix")), .th(.text(Strings.when[lang])), .th(.text(Strings.status[lang])), .th())),
                .tbody(.forEach(tokens) { t in
                    .tr(.td(.text(t.name)), .td(.code(.text(t.prefix + "…"))), .td(.text(ChinaTime.format(t.createdAt))),
                        .td(.text(t.revokedAt == nil ? "✓" : Strings.revoked[lang])),
                        .td(.if(t.revokedAt == nil, .form(.class("inline"), .method(.post), .action(attr(SitePath.accountTokenRevoke.link(t.id))), Layout.csrfField(req),
                                                          .button(.type(.submit), .text(Strings.revoke[lang]))))))
                }))),
            .form(.class("edit"), .method(.post), .action(SitePath.accountTokens.link()), Layout.csrfField(req),
                  .div(.class("field"), .label(.text(Strings.tokenName[lang] + " *"), .input(.type(.text), .name("name"), .required(true)))),
                  .div(.class("field"), .label(.text(Text("有效天数(可空)", "Valid for days (optional)")[lang]), .input(.type(.number), .name("expires_in_days")))),
                  .button(.type(.submit), .text(Strings.createToken[lang])))
        )
        return Layout.response(html)
    }

    static func createToken(_ req: Request) async throws -> Response {
        let values = FormKit.values(of: req)
        let days = values["expires_in_days"]?.first.flatMap { Int($0) }
        let token = try await AccountService(req).createToken(for: try req.requirePrincipal().accountID, .init(name: values["name"]?.first, expiresInDays: days))
        return try await account(req, newToken: token)
    }

    static func revokeToken(_ req: Request) async throws -> Response {
        try await AccountService(req).revokeToken(try req.uuidParameter("id"), of: try req.requirePrincipal().accountID)
        return req.redirect(to: SitePath.account.link(), redirectType: .normal)
    }

    static func accounts(_ req: Request, error: ZhanjuError?, notice: String?) async throws -> Response {
        let lang = Lang.of(req)
        let all = try await Account.query(on: req.db).sort(\.$username).range(0..<500).all()
        let fields = [
            FormField(name: "username", label: Strings.username, kind: .text, required: true),
            FormField(name: "display_name", label: Strings.displayName, kind: .text),
            FormField(name: "password", label: Strings.password, kind: .text, required: true),
            FormField(name: "resident", label: Strings.linkedResident, kind: .text),
            FormField(name: "administrator", label: Strings.administrator, kind: .checkbox),
        ]
        let html = Layout.page(Strings.accounts[lang], req: req,
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            // The form is below a list that runs to pages on a phone: a way there from the top.
            .p(.a(.href("#new-account"), .text(Text("新建账号 ↓", "Create an account ↓")[lang]))),
            .table(.class("wide"),
                .thead(.tr(.th(.text(Strings.username[lang])), .th(.text(Strings.displayName[lang])), .th(.text(Strings.status[lang])), .th())),
                .tbody(.forEach(all) { a in
                    .tr(labelledCell(Strings.username, lang, a.username),
                        labelledCell(Strings.displayName, lang, a.displayName + (a.administrator ? " · " + Strings.administrator[lang] : "")),
                        labelledCell(Strings.status, lang, a.disabled ? Strings.disabled[lang] : Text("在用", "Active")[lang]),
                        .td(a.id == req.principal?.accountID
                            // One's own account is changed on the account page, never locked from here.
                            ? .a(.href(SitePath.account.link()), .text(Text("本人账户", "Your account")[lang]))
                            : a.disabled
                            ? .form(.class("inline"), .method(.post), .action(attr(SitePath.accountEnable.link(a.id!))), Layout.csrfField(req),
                                    .button(.type(.submit), .text(Strings.enable[lang])))
                            // Disabling and resetting take someone's access away: each asks first, on a page of its own.
                            : .group(.a(.class("button"), .href(attr(SitePath.accountConfirm.link(a.id!, query: [("action", "disable")]))), .text(Strings.disable[lang])), .text(" "),
                                     .a(.class("button"), .href(attr(SitePath.accountConfirm.link(a.id!, query: [("action", "reset")]))), .text(Strings.resetPassword[lang])))))
                })),
            .h2(.id("new-account"), .text(Strings.create[lang])),
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0.message[lang])) },
            .form(.class("edit"), .method(.post), .action(SitePath.newAccount.link()), Layout.csrfField(req),
                  .forEach(fields) { FormKit.fieldNode($0, lang: lang, values: [], error: error?.field == $0.name ? error : nil) },
                  .button(.type(.submit), .text(Strings.create[lang])))
        )
        return Layout.response(html, status: error == nil ? .ok : error!.status)
    }

    static func createAccount(_ req: Request) async throws -> Response {
        let v = FormKit.values(of: req)
        do {
            let created = try await AccountService(req).create(.init(username: v["username"]?.first, password: v["password"]?.first,
                                                                     displayName: v["display_name"]?.first.flatMap { $0.isEmpty ? nil : $0 },
                                                                     resident: v["resident"]?.first, administrator: v["administrator"]?.first == "on"))
            return AccountNotice.redirect(req, .created, created.id)
        } catch let error as ZhanjuError {
            return try await accounts(req, error: error, notice: nil)
        }
    }

    /// Post, then redirect: refreshing the page that follows repeats nothing. A reset's temporary
    /// password goes to its own page through a sealed, short-lived cookie, shown there once.
    static func administer(_ req: Request, disabled: Bool? = nil, reset: Bool = false) async throws -> Response {
        let id = try req.uuidParameter("id")
        let temporary = reset ? Secret.make(prefix: "").prefix(14).description : nil
        let view = try await AccountService(req).administer(id, disabled: disabled, newPassword: temporary)
        if let temporary {
            let response = req.redirect(to: SitePath.accountTemporaryPassword.link(id), redirectType: .normal)
            response.cookies[AccountNotice.temporaryCookie] = HTTPCookies.Value(string: req.access.cipher.seal("\(id) \(temporary)"), maxAge: 300, path: SitePath.accounts.link(),
                                                                                isSecure: req.access.secureCookies, isHTTPOnly: true, sameSite: .strict)
            return response
        }
        return AccountNotice.redirect(req, disabled == true ? .disabled : .enabled, view.id)
    }

    static func confirmAdministration(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        guard let account = try await Account.find(id, on: req.db) else { throw ZhanjuError.notFound(Strings.account) }
        let reset = try QueryParameters(req).choice("action", as: AdministrationAction.self) == .reset
        let question = reset
            ? Text("重置 \(account.displayName)(\(account.username))的密码?其所有登录和 API 令牌将立即失效,下次登录须用临时密码并立即修改。",
                   "Reset the password of \(account.displayName) (\(account.username))? Every session and API token of theirs ends now; they sign in with a temporary password and must change it.")
            : Text("停用 \(account.displayName)(\(account.username))的账户?其所有登录和 API 令牌将立即失效,直到重新启用。",
                   "Disable the account of \(account.displayName) (\(account.username))? Every session and API token of theirs ends now, until it is enabled again.")
        let html = Layout.page((reset ? Strings.resetPassword : Strings.disable)[lang], req: req,
            .p(.text(question[lang])),
            .form(.class("edit"), .method(.post), .action(attr((reset ? SitePath.accountReset : .accountDisable).link(id))), Layout.csrfField(req),
                  .div(.class("actions"), .button(.type(.submit), .class("danger"), .text((reset ? Strings.resetPassword : Strings.disable)[lang])), .text(" "),
                       .a(.href(SitePath.accounts.link()), .text(Text("取消", "Cancel")[lang])))))
        return Layout.response(html)
    }

    static func temporaryPassword(_ req: Request) async throws -> Response {
        let lang = Lang.of(req)
        let id = try req.uuidParameter("id")
        let sealed = req.cookies[AccountNotice.temporaryCookie]?.string
        let opened = sealed.flatMap { try? req.access.cipher.open($0) }?.split(separator: " ", maxSplits: 1)
        let account = try await Account.find(id, on: req.db)
        let shown: Node<HTML.BodyContext>
        if let opened, opened.count == 2, opened[0] == id.uuidString, let account {
            shown = .group(.p(.text(Text("\(account.displayName)(\(account.username))的临时密码,只显示这一次;请当面或电话告知本人,首次登录须修改:",
                                         "The temporary password of \(account.displayName) (\(account.username)), shown this once; tell them in person or by phone. They must change it at sign-in:")[lang])),
                           .p(.strong(.class("revealed"), .text(String(opened[1])))))
        } else {
            shown = .p(.class("muted"), .text(Text("临时密码已显示过,不再显示。如需要,请再次重置。", "The temporary password has been shown already and is not shown again. Reset again if it is needed.")[lang]))
        }
        let response = Layout.response(Layout.page(Strings.resetPassword[lang], req: req, shown, .p(.a(.href(SitePath.accounts.link()), .text(Strings.accounts[lang])))))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.cookies[AccountNotice.temporaryCookie] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: SitePath.accounts.link(),
                                                                            isSecure: req.access.secureCookies, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    enum AdministrationAction: String, CaseIterable { case disable, reset }
}

/// Names of the bodies scopes point at, for showing someone what their roles cover.
enum ScopeNames {
    static func load(_ scopes: [Scope], map: TerritoryMap, on db: any Database) async throws -> [Scope: Text] {
        var out: [Scope: Text] = [:]
        let directory = BodyDirectory(db: db)
        for scope in Set(scopes) {
            switch scope {
            case .everywhere: out[scope] = Text("全部", "Everywhere")
            case .subDistrict(let id): out[scope] = try await directory.name(of: .subDistrict, id: id)
            case .workstation(let id): out[scope] = try await directory.name(of: .workstation, id: id)
            case .committee(let id): out[scope] = try await directory.name(of: .residentsCommittee, id: id)
            case .grid(let id): out[scope] = try await directory.name(of: .grid, id: id)
            case .compound(let id): out[scope] = try await RegistryDirectory(db: db).compoundName(id)
            case .household(let id):
                out[scope] = try await RegistryDirectory(db: db).household(id).map { Text("本户 \($0.door)", "Own household \($0.door)") }
            }
        }
        return out
    }
}
