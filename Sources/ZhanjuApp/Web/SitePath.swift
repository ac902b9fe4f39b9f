import Foundation
import Vapor

/// Every page and page form of the site, by its path. Routes are registered from it
/// (`app.get(.household) { … }`) and links and redirects are built from it
/// (`SitePath.household.link(id)`), so a link cannot name a page that is not there and a path is
/// written once. SitePathTests holds the router and the sources to it. (The JSON API, Open311
/// and the health checks are machine endpoints, described by the OpenAPI document instead.)
enum SitePath: String, CaseIterable, Sendable {
    case home = "/"
    case signIn = "/sign-in"
    case signOut = "/sign-out"
    case account = "/account"
    case accountPassword = "/account/password"
    case accountTokens = "/account/tokens"
    case accountTokenRevoke = "/account/tokens/:id/revoke"
    case accounts = "/accounts"
    case newAccount = "/accounts/new"
    case accountConfirm = "/accounts/:id/confirm"
    case accountTemporaryPassword = "/accounts/:id/temporary-password"
    case accountReset = "/accounts/:id/reset"
    case accountDisable = "/accounts/:id/disable"
    case accountEnable = "/accounts/:id/enable"
    case structure = "/structure/:id"
    case committee = "/committees/:id"
    case newCommittee = "/committees/new"
    case committeeEdit = "/committees/:id/edit"
    case compound = "/compounds/:id"
    case newCompound = "/compounds/new"
    case compoundEdit = "/compounds/:id/edit"
    case building = "/buildings/:id"
    case newBuilding = "/buildings/new"
    case newZone = "/zones/new"
    case newEntrance = "/entrances/new"
    case newOrganisation = "/organisations/new"
    case newAppointment = "/appointments/new"
    case household = "/households/:id"
    case newHousehold = "/households/new"
    case newResident = "/residents/new"
    case residentEdit = "/residents/:id/edit"
    case residentReveal = "/residents/:id/reveal"
    case people = "/people"
    case my = "/my"
    case myExportJSON = "/my/export.json"
    case myExportCSV = "/my/export.csv"
    case myCorrections = "/my/corrections"
    case corrections = "/corrections"
    case correctionAnswer = "/corrections/:id/answer"
    case accessLog = "/audit/access"
    case grids = "/grid"
    case grid = "/grid/:id"
    case newVisit = "/visits/new"
    case dashboards = "/dashboards"
    case dashboard = "/dashboards/:scope/:id"
    case holidays = "/holidays"
    case services = "/services"
    case serviceEdit = "/services/:code/edit"
    case cases = "/cases"
    case newCase = "/cases/new"
    case kase = "/cases/:id"
    case caseAct = "/cases/:id/act"
    case caseRate = "/cases/:id/rate"
    case elections = "/elections"
    case newElection = "/elections/new"
    case election = "/elections/:id"
    case electionStep = "/elections/:id/step"
    case electionStaff = "/elections/:id/staff"
    case electionRoll = "/elections/:id/roll"
    case electionObjection = "/elections/:id/objections"
    case electionObjectionAnswer = "/elections/:id/objections/:objection/answer"
    case electionNomination = "/elections/:id/nominations"
    case electionFinalList = "/elections/:id/final-list"
    case electionCodes = "/elections/:id/codes"
    case electionCount = "/elections/:id/count"
    case electionMobileBox = "/elections/:id/mobile-boxes"
    case electionProxy = "/elections/:id/proxies"
    case electionBooth = "/elections/:id/booth"
    case electionBoothIssue = "/elections/:id/booth/issue"
    case electionBoothEnter = "/elections/:id/booth/enter"
    case electionBoothResolve = "/elections/:id/booth/resolve"
    case electionResult = "/elections/:id/result"
    case electionRecall = "/elections/:id/recalls"
    case electionRecallVote = "/elections/:id/recalls/:recall/vote"
    case electionReceipt = "/elections/:id/receipt"
    case vote = "/vote"
    case voteCast = "/vote/cast"
    case council = "/council"
    case councilIndex = "/council/committees/:id"
    case councilTopic = "/council/topics/:id"
    case councilCoSign = "/council/topics/:id/co-sign"
    case councilMeeting = "/council/meetings/:id"
    case councilResolution = "/council/resolutions/:id"
    case councilPetition = "/council/petitions/:id"
    case ownersVote = "/council/owners-votes/:id"
    case councilNotice = "/council/notices/:id"
    case councilNoticeRead = "/council/notices/:id/read"
    case surveys = "/surveys"
    case newSurvey = "/surveys/new"
    case survey = "/surveys/:id"
    case surveyQuestion = "/surveys/:id/questions"
    case surveyPreview = "/surveys/:id/preview"
    case surveySample = "/surveys/:id/sample"
    case surveySend = "/surveys/:id/send"
    case surveyLink = "/surveys/:id/links"
    case surveyDistribution = "/surveys/distributions/:id"
    case surveySlips = "/surveys/distributions/:id/slips"
    case surveyAnalysis = "/surveys/distributions/:id/analysis"
    case surveyPaper = "/surveys/distributions/:id/paper"
    case surveyClose = "/surveys/distributions/:id/close"
    case surveyAnswer = "/survey"
    case surveyAnswerSave = "/survey/answer"
    case surveyQuestionMove = "/surveys/:id/questions/move"
    case councilNewTopic = "/council/committees/:id/topics/new"
    case councilReview = "/council/topics/:id/review"
    case councilComment = "/council/topics/:id/comment"
    case councilAct = "/council/resolutions/:id/act"
    case councilNewTask = "/council/resolutions/:id/tasks/new"
    case councilProgress = "/council/tasks/:id/progress"
    case councilEvidence = "/council/resolutions/:id/evidence/new"
    case councilNewMeeting = "/council/committees/:id/meetings/new"
    case councilAttendance = "/council/meetings/:id/attendance"
    case councilVote = "/council/meetings/:id/items/:item/vote"
    case councilDecide = "/council/meetings/:id/items/:item/result"
    case councilMinutes = "/council/meetings/:id/minutes"
    case councilSign = "/council/meetings/:id/sign"
    case councilPetitionSign = "/council/petitions/:id/sign"
    case councilNewNotice = "/council/notices/new"
    case councilRepresentatives = "/council/committees/:id/representatives"
    case councilNewRepresentative = "/council/committees/:id/representatives/new"
    case councilEndRepresentative = "/council/representatives/:id/end"
    case surveyQuestionRemove = "/surveys/:id/questions/remove"

    /// The route's components for the router (`:id` a parameter).
    var components: [PathComponent] {
        rawValue == "/" ? [] : rawValue.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }

    /// The path with its parameters filled in order, and a query of name–value pairs (values
    /// percent-encoded; pairs with no value left out). The result still goes through `attr()`
    /// where it lands in an attribute.
    func link(_ parameters: any CustomStringConvertible..., query: [(String, String?)] = [], fragment: String? = nil) -> String {
        var values = parameters.map(\.description).makeIterator()
        var path = rawValue == "/" ? "/" : "/" + rawValue.split(separator: "/").map { part -> String in
            guard part.hasPrefix(":") else { return String(part) }
            guard let value = values.next() else { preconditionFailure("\(rawValue) needs a value for \(part)") }
            return value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? value
        }.joined(separator: "/")
        let pairs = query.compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: Self.queryValueAllowed) ?? "")" }
        }
        if !pairs.isEmpty { path += "?" + pairs.joined(separator: "&") }
        if let fragment { path += "#" + fragment }
        return path
    }

    private static let queryValueAllowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#?"))
}

extension RoutesBuilder {
    /// A page, registered from its SitePath.
    @discardableResult
    func get<Response: AsyncResponseEncodable>(_ path: SitePath, use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.GET, path.components, use: closure)
    }

    /// A page's form, registered from its SitePath.
    @discardableResult
    func post<Response: AsyncResponseEncodable>(_ path: SitePath, use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.POST, path.components, use: closure)
    }
}
