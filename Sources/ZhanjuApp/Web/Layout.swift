import Plot
import Vapor

/// The frame every page shares: language switch, navigation, print button, footer.
/// Pages work without JavaScript; the stylesheet is mobile-first and has print rules.
enum Layout {
    static func page(_ title: String, req: Request, _ content: Node<HTML.BodyContext>...) -> HTML {
        page(title, req: req, content: content)
    }

    static func page(_ title: String, req: Request, content: [Node<HTML.BodyContext>]) -> HTML {
        let lang = Lang.of(req)
        let path = languageSwitchTarget(req)
        let principal = req.principal
        let switchTo = lang.other
        let separator = path.contains("?") ? "&" : "?"
        return HTML(
            .lang(lang == .zh ? .chinese : .english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Not Plot's .title, which copies the title into twitter:title and og:title
                // attributes; an intranet page has no use for social cards.
                .element(named: "title", text: "\(title) · \(Strings.appName[lang])"),
                .stylesheet("/static/style.css")
            ),
            .body(
                // A keyboard or screen-reader user skips the header's links to the page itself.
                .a(.class("skip"), .href("#main"), .text(Text("跳到正文", "Skip to content")[lang])),
                .header(.class("site"),
                    .a(.class("brand"), .href(SitePath.home.link()), .text(Strings.appName[lang]), .span(.class("tagline"), .text(Strings.tagline[lang]))),
                    .nav(
                        .a(.href(SitePath.home.link()), .text(Strings.home[lang])),
                        .if(principal?.grants.holds(.householdsRead) == true && principal?.grants.roles != [.resident, .areaReader], .a(.href(SitePath.people.link()), .text(Strings.people[lang]))),
                        .if(principal?.householdID != nil, .a(.href(SitePath.my.link()), .text(Strings.myData[lang]))),
                        .a(.href(SitePath.services.link()), .text(Strings.catalogue[lang])),
                        .a(.href(SitePath.council.link()), .text(CouncilStrings.disclosure[lang])),
                        .if(principal?.grants.holds(.casesFile) == true || principal?.grants.holds(.casesHandle) == true, .a(.href(SitePath.cases.link()), .text(Strings.cases[lang]))),
                        .if(principal?.grants.holds(.visitsLog) == true, .a(.href(SitePath.grids.link()), .text(Strings.myGrid[lang]))),
                        .if(principal?.grants.holds(.dashboardsRead) == true, .a(.href(SitePath.dashboards.link()), .text(Strings.dashboards[lang]))),
                        .if(principal?.grants.holds(.correctionsAnswer) == true, .a(.href(SitePath.corrections.link()), .text(Strings.corrections[lang]))),
                        .if(principal?.grants.holds(.auditRead) == true, .a(.href(SitePath.accessLog.link()), .text(Strings.accessLog[lang]))),
                        .if(principal?.grants.holds(.surveysRun) == true || principal?.grants.holds(.surveysEnter) == true, .a(.href(SitePath.surveys.link()), .text(SurveyStrings.surveys[lang]))),
                        .if(principal?.grants.holds(.accountsManage) == true, .a(.href(SitePath.accounts.link()), .text(Strings.accounts[lang]))),
                        .unwrap(principal, { p in .group(
                            .a(.href(SitePath.account.link()), .text(p.displayName)),
                            .form(.class("inline"), .action(SitePath.signOut.link()), .method(.post), csrfField(req),
                                  .button(.type(.submit), .class("link"), .text(Strings.signOut[lang])))) },
                            else: .a(.href(SitePath.signIn.link()), .text(Strings.signIn[lang]))),
                        .a(.class("lang"), .href(attr(path + separator + "lang=" + switchTo.rawValue)), .attribute(named: "hreflang", value: attr(switchTo.rawValue)),
                           .text(Strings.switchLanguage[lang]))
                    )
                ),
                .main(.id("main"), .h1(.text(title)), .group(content)),
                .footer(.class("site"), .text(Strings.appName[lang] + " · " + Strings.tagline[lang]))
            )
        )
    }

    /// The page the language switch reopens: this one when it was a GET; after a form was posted,
    /// the page the form was on (a POST-only address would answer a GET with 404). Any earlier
    /// `lang=` is dropped so switches do not pile up.
    static func languageSwitchTarget(_ req: Request) -> String {
        var target = req.url.string
        if req.method != .GET {
            target = "/"
            if let referer = req.headers.first(name: .referer), let url = URLComponents(string: referer),
               url.host.map({ host in req.headers.first(name: .host).map { $0 == host || $0.hasPrefix(host + ":") } ?? false }) ?? false {
                target = AccessPages.safeNext(url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? ""))
            }
        }
        guard var parts = URLComponents(string: target), let items = parts.percentEncodedQueryItems, items.contains(where: { $0.name == "lang" }) else { return target }
        let kept = items.filter { $0.name != "lang" }
        parts.percentEncodedQueryItems = kept.isEmpty ? nil : kept
        return parts.string ?? target
    }

    static func response(_ html: HTML, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.add(name: .vary, value: "Accept-Language, Cookie")
        return Response(status: status, headers: headers, body: .init(string: html.render()))
    }

    static func breaksList(_ breaks: [StructureTree.RuleBreak], lang: Lang) -> Node<HTML.BodyContext> {
        guard !breaks.isEmpty else { return .p(.class("ok"), .text(Strings.noRuleBreaks[lang])) }
        return .ul(.class("breaks"), .forEach(breaks) { .li(.text(lang == .zh ? $0.messageZh : $0.messageEn)) })
    }

    static func name(_ zh: String, _ en: String, _ lang: Lang) -> String {
        lang == .zh ? zh : "\(en) (\(zh))"
    }
}

enum ErrorPage {
    static func response(status: HTTPResponseStatus, detail: String, req: Request) -> Response {
        let lang = Lang.of(req)
        let title = "\(HTTPStatusText.title(status)[lang]) (\(status.code))"
        return Layout.response(Layout.page(title, req: req, .p(.class("error"), .text(detail)),
                                           .if(status == .unauthorized, .p(.a(.href(SitePath.signIn.link()), .text(Strings.signIn[lang])))),
                                           .p(.a(.href(SitePath.home.link()), .text(Strings.home[lang])))), status: status)
    }
}

extension Layout {
    /// The hidden CSRF field every form posted with a session cookie must carry.
    static func csrfField<Context>(_ req: Request) -> Node<Context> {
        guard case .session(let token) = req.principal?.credential else { return .empty }
        return .raw("<input type=\"hidden\" name=\"_csrf\" value=\"\(attr(token))\">")
    }
}

enum StaticFiles {
    static func register(on app: Application) {
        let css = (try? String(contentsOf: Bundle.module.url(forResource: "style", withExtension: "css", subdirectory: "Resources")!, encoding: .utf8)) ?? ""
        app.get("static", "style.css") { _ -> Response in
            var headers = HTTPHeaders()
            headers.contentType = .css
            headers.add(name: .cacheControl, value: "public, max-age=3600")
            return Response(status: .ok, headers: headers, body: .init(string: css))
        }.access(.open)
    }
}
