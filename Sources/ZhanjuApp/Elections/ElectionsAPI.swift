import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// The elections capability's JSON API. The election committee (and the workstation that guides
/// it) runs an election of its committee; voters need only a code; the result, the ballot log
/// and receipts are public, as the statute and verifiability want.
enum ElectionsAPI {
    struct RollChangeResult: Content, Sendable {
        var residentId: UUID
        var listed: Bool
    }

    struct CodeInput: Content, Sendable {
        var code: String?
    }

    /// What a code opens: the election, the round and its ballot.
    struct BallotPaper: Content, Sendable {
        var electionId: UUID
        var nameZh: String
        var nameEn: String
        var round: Int
        var posts: [ElectionRead.BallotPostView]
        static var example: BallotPaper {
            BallotPaper(electionId: UUID(), nameZh: "选举", nameEn: "Election", round: 1,
                        posts: [.init(post: "chair", kind: "first", seats: 1, candidates: [.init(residentId: UUID().uuidString, name: "王芳", votes: 0, printed: true)])])
        }
    }

    /// The public ballot log's address (a machine endpoint, so not a SitePath).
    static func logPath(_ id: UUID) -> String { ["", "api", "v1", "elections", id.uuidString, "log"].joined(separator: "/") }

    static func summary(_ e: Election, _ req: Request) async throws -> ElectionRead.Summary {
        ElectionRead.Summary(e, seats: try await ElectionPostSeats.query(on: req.db).filter(\.$electionID == e.id!).all()
            .reduce(into: [CommitteePost: Int]()) { d, r in if let p = CommitteePost(rawValue: r.post) { d[p] = r.seats } })
    }

    static func register(on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        ElectionsDocument.schemas(&document)
        let run = RouteAccess.permission(.electionsRun)

        api.get("elections") { req async throws -> [ElectionRead.Summary] in
            var out: [ElectionRead.Summary] = []
            for e in try await ElectionService(req).list() { out.append(try await summary(e, req)) }
            return out
        }.access(run)
        document.operation("GET", "/api/v1/elections", "The elections of the committees one runs elections for", id: "listElections", tag: "Elections",
                           schema: "Election", array: true)
        api.post("elections") { req async throws -> Response in
            let e = try await ElectionService(req).create(try req.content.decode(ElectionService.CreateInput.self))
            let response = try await summary(e, req).encodeResponse(status: .created, for: req)
            response.headers.replaceOrAdd(name: .location, value: "/api/v1/elections/\(e.id!)")
            return response
        }.access(run)
        document.operation("POST", "/api/v1/elections", "Call a residents' committee election: rule set, method, election day, posts and seats",
                           id: "createElection", tag: "Elections", body: "NewElection", status: "201", schema: "Election", errors: [403, 404, 409])
        api.get("elections", ":id") { req async throws -> ElectionRead.Detail in
            let service = try await ElectionService(req)
            return try await ElectionRead.detail(try await service.election(try req.uuidParameter("id")), service: service)
        }.access(run)
        document.operation("GET", "/api/v1/elections/{id}", "An election as its committee sees it: timetable, staff, roll, objections, nominations, lists, rounds",
                           id: "readElection", tag: "Elections", schema: "ElectionDetail")
        api.post("elections", ":id", "staff") { req async throws -> Response in
            let s = try await ElectionService(req).addStaff(try req.uuidParameter("id"), try req.content.decode(ElectionService.StaffInput.self))
            return try await ElectionRead.StaffView(residentId: s.personID, name: s.name, role: s.role).encodeResponse(status: .created, for: req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/staff", "Appoint election staff (committee member, clerk, scrutineer, teller, mobile box carrier)",
                           id: "addElectionStaff", tag: "Elections", body: "NewElectionStaff", status: "201", schema: "ElectionStaff", errors: [409])
        api.post("elections", ":id", "roll", "build") { req async throws -> ElectionService.RollBuild in
            try await ElectionService(req).buildRoll(try req.uuidParameter("id"))
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/roll/build", "Draw up the voter roll from the registry (again, until published)",
                           id: "buildVoterRoll", tag: "Elections", schema: "VoterRollBuild", errors: [409])
        api.post("elections", ":id", "roll", "publish") { req async throws -> ElectionRead.Summary in
            try await summary(try await ElectionService(req).publishRoll(try req.uuidParameter("id")), req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/roll/publish", "Publish the voter roll (at least 20 days before election day by default)",
                           id: "publishVoterRoll", tag: "Elections", schema: "Election", errors: [409, 422])
        api.post("elections", ":id", "roll", "changes") { req async throws -> Response in
            let input = try req.content.decode(ElectionService.RollChangeInput.self)
            let entry = try await ElectionService(req).changeRoll(try req.uuidParameter("id"), input)
            return try await RollChangeResult(residentId: input.residentId!, listed: entry.map { !$0.removed } ?? false).encodeResponse(status: .created, for: req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/roll/changes", "Add a voter (checked by the rule set) or remove one, with the reason; logged after publication",
                           id: "changeVoterRoll", tag: "Elections", body: "VoterRollChange", status: "201", schema: "VoterRollChangeResult", errors: [409])
        api.post("elections", ":id", "objections") { req async throws -> Response in
            let service = try await ElectionService(req)
            let id = try req.uuidParameter("id")
            let o = try await service.raiseObjection(id, try req.content.decode(ElectionService.ObjectionInput.self))
            let e = try await service.election(id)
            return try await ElectionRead.ObjectionView(o, rules: e.rules, calendar: service.calendar).encodeResponse(status: .created, for: req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/objections", "Record an objection to the roll (within 5 days of publication by default)",
                           id: "raiseRollObjection", tag: "Elections", body: "NewRollObjection", status: "201", schema: "RollObjection", errors: [409])
        api.post("elections", ":id", "objections", ":objection", "answer") { req async throws -> ElectionRead.ObjectionView in
            let service = try await ElectionService(req)
            let id = try req.uuidParameter("id")
            let o = try await service.answerObjection(id, objection: try req.uuidParameter("objection"), try req.content.decode(ElectionService.AnswerInput.self))
            return ElectionRead.ObjectionView(o, rules: try await service.election(id).rules, calendar: service.calendar)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/objections/{objection}/answer", "Answer an objection; an upheld one changes the roll",
                           id: "answerRollObjection", tag: "Elections", body: "RollObjectionAnswer", schema: "RollObjection", errors: [409])
        api.post("elections", ":id", "nominations") { req async throws -> Response in
            let n = try await ElectionService(req).nominate(try req.uuidParameter("id"), try req.content.decode(ElectionService.NominationInput.self))
            return try await ElectionRead.NominationView(n).encodeResponse(status: .created, for: req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/nominations", "Record a nomination (joint, by a residents' group, or self with co-signers), checked by the rule set",
                           id: "nominateCandidate", tag: "Elections", body: "NewNomination", status: "201", schema: "Nomination", errors: [409])
        api.post("elections", ":id", "final-list") { req async throws -> ElectionRead.Summary in
            try await summary(try await ElectionService(req).publishFinalList(try req.uuidParameter("id"), try req.content.decode(ElectionService.FinalListInput.self)), req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/final-list", "Publish the final candidate list (margin per post, committee size, women, in time)",
                           id: "publishFinalCandidateList", tag: "Elections", body: "FinalCandidateList", schema: "Election", errors: [409])
        api.post("elections", ":id", "codes") { req async throws -> Response in
            try await ElectionService(req).issueCodes(try req.uuidParameter("id")).encodeResponse(status: .created, for: req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/codes", "Issue one-time voting codes for the current round to voters who have none (shown once, for printing)",
                           id: "issueVotingCodes", tag: "Elections", status: "201", schema: "VotingCode", array: true, errors: [409])
        api.post("elections", ":id", "polling") { req async throws -> ElectionRead.Summary in
            try await summary(try await ElectionService(req).openPolling(try req.uuidParameter("id")), req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/polling", "Open polling for the current round (on election day)",
                           id: "openPolling", tag: "Elections", schema: "Election", errors: [409])
        api.post("elections", ":id", "count") { req async throws -> ElectionRead.Summary in
            try await summary(try await ElectionService(req).count(try req.uuidParameter("id"), try req.content.decode(ElectionService.CountInput.self)), req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/count", "Close polling and count the round before the scrutineers; opens a further round or runoff when seats stay open",
                           id: "countElection", tag: "Elections", body: "ElectionCount", schema: "Election", errors: [409])
        api.post("elections", ":id", "announce") { req async throws -> ElectionRead.Summary in
            try await summary(try await ElectionService(req).announce(try req.uuidParameter("id")), req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/announce", "Announce the result; the elected hold office from today",
                           id: "announceElection", tag: "Elections", schema: "Election", errors: [409])

        api.post("elections", ":id", "proxies") { req async throws -> Response in
            try await ElectionService(req).recordProxy(try req.uuidParameter("id"), try req.content.decode(ElectionService.ProxyInput.self))
                .encodeResponse(status: .created, for: req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/proxies", "Record a written proxy to a close relative on the roll (at most 3 held by one voter)",
                           id: "recordProxy", tag: "Elections", body: "NewProxy", status: "201", schema: "Proxy", errors: [409])

        // Recall (罢免) of a sitting member: the petition, the vote's count; public once decided.
        api.post("elections", ":id", "recalls") { req async throws -> Response in
            try await ElectionService(req).petitionRecall(try req.uuidParameter("id"), try req.content.decode(ElectionService.RecallInput.self))
                .encodeResponse(status: .created, for: req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/recalls", "Record a recall petition against a sitting member (at least 1/5 of the voters on the current roll sign, by default)",
                           id: "petitionRecall", tag: "Elections", body: "NewRecallPetition", status: "201", schema: "Recall", errors: [409])
        api.post("elections", ":id", "recalls", ":recall", "vote") { req async throws -> ElectionService.RecallView in
            try await ElectionService(req).decideRecall(try req.uuidParameter("id"), recall: try req.uuidParameter("recall"),
                                                        try req.content.decode(ElectionService.RecallVoteInput.self))
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/recalls/{recall}/vote", "Record the recall vote's count; a majority of voters voting and a majority of them agreeing ends the appointment",
                           id: "decideRecall", tag: "Elections", body: "RecallVote", schema: "Recall", errors: [409])
        api.get("elections", ":id", "recalls") { req async throws -> [ElectionService.RecallView] in
            try await ElectionService.recalls(try req.uuidParameter("id"), on: req.db)
        }.access(.open)
        document.operation("GET", "/api/v1/elections/{id}/recalls", "The recalls of members this election seated, with their figures and findings (public)",
                           id: "listRecalls", tag: "Elections", schema: "Recall", array: true)

        // Paper: mobile boxes, ballots issued at the booth or from a box, and papers entered twice.
        api.post("elections", ":id", "mobile-boxes") { req async throws -> Response in
            try await ElectionService(req).openMobileBox(try req.uuidParameter("id"), try req.content.decode(ElectionService.MobileBoxInput.self))
                .encodeResponse(status: .created, for: req)
        }.access(run)
        document.operation("POST", "/api/v1/elections/{id}/mobile-boxes", "Send out a mobile ballot box with its carriers (at least 3 by default)",
                           id: "openMobileBox", tag: "Voting", body: "NewMobileBox", status: "201", schema: "BallotBox", errors: [409])
        api.post("elections", ":id", "paper-ballots", "issue") { req async throws -> Response in
            try await ElectionService(req).issuePaperBallot(try req.uuidParameter("id"), try req.content.decode(ElectionService.IssueInput.self))
                .encodeResponse(status: .created, for: req)
        }.access(.signedIn)
        document.operation("POST", "/api/v1/elections/{id}/paper-ballots/issue", "Issue a paper ballot to a voter on the roll (clerk or mobile box carrier); marks them as having voted",
                           id: "issuePaperBallot", tag: "Voting", body: "PaperBallotIssue", status: "201", schema: "PaperBallotIssued", errors: [403, 409])
        api.post("elections", ":id", "paper-ballots") { req async throws -> Response in
            try await ElectionService(req).enterPaper(try req.uuidParameter("id"), try req.content.decode(ElectionService.PaperInput.self))
                .encodeResponse(status: .created, for: req)
        }.access(.signedIn)
        document.operation("POST", "/api/v1/elections/{id}/paper-ballots", "One clerk's entry of a paper ballot; the second clerk's decides (alike: into the log; different: blocked)",
                           id: "enterPaperBallot", tag: "Voting", body: "PaperBallotEntry", status: "201", schema: "PaperBallot", errors: [403, 409])
        api.post("elections", ":id", "paper-ballots", "resolve") { req async throws -> ElectionService.PaperView in
            try await ElectionService(req).resolvePaper(try req.uuidParameter("id"), try req.content.decode(ElectionService.PaperInput.self))
        }.access(.signedIn)
        document.operation("POST", "/api/v1/elections/{id}/paper-ballots/resolve", "A scrutineer settles a paper the two clerks read differently",
                           id: "resolvePaperBallot", tag: "Voting", body: "PaperBallotEntry", schema: "PaperBallot", errors: [403, 409])

        // Public: the announced result, the ballot log and receipts.
        api.get("elections", ":id", "result") { req async throws -> ElectionRead.Result in
            try await ElectionRead.result(try req.uuidParameter("id"), on: req.db)
        }.access(.open)
        document.operation("GET", "/api/v1/elections/{id}/result", "The announced result, explained (public)", id: "readElectionResult", tag: "Elections",
                           schema: "ElectionResult")
        api.get("elections", ":id", "log") { req async throws -> Response in
            let data = try ElectionRead.logData(try await ElectionRead.logFile(try req.uuidParameter("id"), on: req.db))
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"ballot-log.json\"")
            return Response(status: .ok, headers: headers, body: .init(data: data))
        }.access(.open)
        document.operation("GET", "/api/v1/elections/{id}/log", "The public ballot log with the rounds and announced counts, for `zhanju election verify` (no voter identity)",
                           id: "downloadBallotLog", tag: "Elections", schema: "BallotLog")
        api.get("elections", ":id", "log", "lines") { req async throws -> Response in
            let data = try await ElectionRead.logLines(try req.uuidParameter("id"), on: req.db)
            var headers = HTTPHeaders()
            headers.contentType = .plainText
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"ballot-log.txt\"")
            return Response(status: .ok, headers: headers, body: .init(data: data))
        }.access(.open)
        document.operation("GET", "/api/v1/elections/{id}/log/lines", "The same ballot log as lines, one ballot per line (its hash and the canonical text it covers), for elections of any size",
                           id: "downloadBallotLogLines", tag: "Elections", text: .txt)
        api.get("elections", ":id", "receipts", ":receipt") { req async throws -> ElectionRead.ReceiptView in
            try await ElectionRead.receipt(try req.uuidParameter("id"), req.parameters.get("receipt") ?? "", on: req.db)
        }.access(.open)
        document.operation("GET", "/api/v1/elections/{id}/receipts/{receipt}", "Whether a receipt is in the ballot log, and where (public)",
                           id: "lookUpReceipt", tag: "Elections", schema: "BallotReceiptLookup", pathTypes: ["receipt": .string])

        // Voters: a code opens the ballot, and casts it once.
        api.post("ballot-papers") { req async throws -> BallotPaper in
            let input = try req.content.decode(CodeInput.self)
            guard let code = input.code, !code.isEmpty else { throw ZhanjuError.required("code") }
            let (e, round) = try await ElectionService(voter: req).ballotPaper(code: code)
            return BallotPaper(electionId: e.id!, nameZh: e.nameZh, nameEn: e.nameEn, round: round.number, posts: ElectionRead.roundView(
                try await RoundRecord.query(on: req.db).filter(\.$electionID == e.id!).filter(\.$number == round.number).first()!).ballot)
        }.access(.open)
        document.operation("POST", "/api/v1/ballot-papers", "The ballot a voting code opens (the code is not used up)", id: "openBallotPaper", tag: "Voting",
                           body: "VotingCodeEntry", schema: "BallotPaper")
        // On the event loop, without a task per ballot: read, queued for the next batch, answered
        // once the batch has committed (BallotIntake). The same service writes it as `cast`.
        api.on(.POST, "ballots") { req -> EventLoopFuture<Response> in
            let fast = req.headers.first(name: .contentType).map(ElectionService.BallotInput.isJSON(contentType:)) == true ? req.body.data?.withUnsafeReadableBytes(ElectionService.BallotInput.read(json:)) : nil
            let request = try ElectionService.read(try fast ?? req.content.decode(ElectionService.BallotInput.self))
            guard let intake = req.application.storage[BallotIntakeKey.self] else { throw Abort(.serviceUnavailable) }
            return intake.submit(request, on: req.eventLoop).map { $0.created() }
        }.access(.open)
        document.operation("POST", "/api/v1/ballots", "Cast a web ballot with a one-time code: once per voter, answered with a receipt in the public log",
                           id: "castBallot", tag: "Voting", body: "NewBallot", status: "201", schema: "BallotReceipt", errors: [409])
    }
}
