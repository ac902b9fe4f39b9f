import Fluent
import Foundation
import OpenAPIKit
import Vapor
import ZhanjuRules

/// The council capability's JSON API. What is decided and done is public (居务公开): topics,
/// meetings with their results, resolutions with their execution and the supervisors' findings,
/// petitions and owners' votes are read without signing in. Every write needs its permission at
/// the committee's place (ZhanjuRules' `Permission.council*`), checked by CouncilService.
enum CouncilAPI {
    static func created<T: Content>(_ value: T, _ req: Request) async throws -> Response {
        try await value.encodeResponse(status: .created, for: req)
    }

    static func service(_ req: Request) async throws -> CouncilService { try await CouncilService(req) }
    static func reader(_ req: Request) async throws -> CouncilService { try await CouncilPages.reader(req) }

    static func register(on api: any RoutesBuilder, document: inout OpenAPIDocument) {
        CouncilDocument.schemas(&document)
        let council = api.grouped("council")
        let execute = RouteAccess.permission(.councilExecute), decide = CouncilService.runsMeetings
        let committeeFilter: [OpenAPIDocument.Parameter] = [.query("committee_id", .uuid)]

        council.get("rule-sets") { _ async throws -> CouncilRead.RuleSets in CouncilRead.ruleSets }.access(.open)
        document.operation("GET", "/api/v1/council/rule-sets", "The rule sets the council applies: each body's quorum, majority and ballot; co-signing; petitions; owners' votes; who decides what",
                           id: "readCouncilRuleSets", tag: "Council", schema: "CouncilRuleSets")

        council.get("committees", ":id", "bodies") { req async throws -> CouncilRead.BodiesView in
            let id = try req.uuidParameter("id")
            guard try await RegistryDirectory(db: req.db).committeeName(id) != nil else { throw ZhanjuError.notFound(Text("居民委员会", "residents' committee")) }
            try await reader(req).allow(.structureRead, at: try await req.access.map(on: req.db).place(committee: id), notFound: Text("居民委员会", "residents' committee"))
            return try await CouncilRead.bodies(committee: id, today: req.today, on: req.db)
        }.access(.permission(.structureRead))
        document.operation("GET", "/api/v1/council/committees/{id}/bodies",
                           "A committee's council, supervisory committee and committee: members today, rule sets, and what the composition rules refuse (seats; supervisors who are committee members or their close relatives)",
                           id: "readCouncilBodies", tag: "Council", schema: "CouncilBodies")

        council.get("committees", ":id", "representatives") { req async throws -> CouncilRead.RepresentativesView in
            let id = try req.uuidParameter("id")
            guard try await RegistryDirectory(db: req.db).committeeName(id) != nil else { throw ZhanjuError.notFound(CouncilService.committeeText) }
            let place = try await req.access.map(on: req.db).place(committee: id)
            let reader = try await reader(req)
            try reader.allow(.structureRead, at: place, notFound: CouncilService.committeeText)
            return try await CouncilRead.representatives(committee: id, on: req.today, withCandidates: reader.allows(.councilExecute, at: place), db: req.db)
        }.access(.permission(.structureRead))
        document.operation("GET", "/api/v1/council/committees/{id}/representatives",
                           "A committee's residents' representatives by residents' group: the seats each group's households allow, those in office today, their terms, and a group outside its seats as a problem",
                           id: "listCouncilRepresentatives", tag: "Council", schema: "CouncilRepresentatives")
        council.post("committees", ":id", "representatives") { req async throws -> Response in
            let r = try await service(req).addRepresentative(committee: try req.uuidParameter("id"), try req.content.decode(CouncilService.RepresentativeInput.self))
            return try await created(CouncilRead.representativeView(r, on: req.today), req)
        }.access(execute)
        document.operation("POST", "/api/v1/council/committees/{id}/representatives",
                           "Record a representative chosen by a residents' group: an adult of a household in the group, within the seats its households allow (the rule named when refused)",
                           id: "addCouncilRepresentative", tag: "Council", body: "NewCouncilRepresentative", status: "201", schema: "CouncilRepresentative", errors: [403, 409, 422])
        council.post("representatives", ":id", "end") { req async throws -> CouncilRead.RepresentativeView in
            let r = try await service(req).endTerm(try req.uuidParameter("id"), try req.content.decode(CouncilService.EndTermInput.self))
            return CouncilRead.representativeView(r, on: req.today)
        }.access(execute)
        document.operation("POST", "/api/v1/council/representatives/{id}/end", "End a representative's term early, with a public reason",
                           id: "endCouncilRepresentativeTerm", tag: "Council", body: "CouncilRepresentativeTermEnd", schema: "CouncilRepresentative", errors: [403, 409, 422])

        council.put("committees", ":id", "rule-sets", ":body") { req async throws -> CouncilRead.MeetingRulesView in
            let body = try Check.choice(req.parameters.get("body"), "body", as: DecidingBody.self)
            let rules = try await service(req).setRuleSet(committee: try req.uuidParameter("id"), body: body, try req.content.decode(CouncilService.RuleSetInput.self))
            return CouncilRead.rulesView(rules)
        }.access(.permission(.councilGuide))
        document.operation("PUT", "/api/v1/council/committees/{id}/rule-sets/{body}", "Set a committee's rule set for a body (quorum, majority and its base, secret or roll-call): a new version; meetings keep the rules they were called under",
                           id: "setCouncilRuleSet", tag: "Council", body: "CouncilRuleSetInput", schema: "CouncilMeetingRules",
                           pathTypes: ["body": .oneOf(DecidingBody.self)])

        // MARK: topics
        council.get("topics") { req async throws -> [CouncilRead.TopicView] in
            let committee = try QueryParameters(req).uuid("committee_id")
            let q = CouncilTopic.query(on: req.db).sort(\.$createdAt, .descending)
            if let committee { q.filter(\.$committeeID == committee) }
            var out: [CouncilRead.TopicView] = []
            for t in try await q.range(0..<200).all() { out.append(try await CouncilRead.topic(t, on: req.db)) }
            return out
        }.access(.open)
        document.operation("GET", "/api/v1/council/topics", "Topics, newest first (public; at most 200)", id: "listCouncilTopics", tag: "Council",
                           schema: "CouncilTopic", array: true, query: committeeFilter)
        council.post("topics") { req async throws -> Response in
            let t = try await service(req).raiseTopic(try req.content.decode(CouncilService.TopicInput.self))
            return try await created(try await CouncilRead.topic(t, on: req.db), req)
        }.access(.signedIn)
        document.operation("POST", "/api/v1/council/topics", "Raise a topic: a resident (published once enough co-sign), the committee, or the workstation as guidance",
                           id: "raiseCouncilTopic", tag: "Council", body: "NewCouncilTopic", status: "201", schema: "CouncilTopic", errors: [403, 404])
        council.get("topics", ":id") { req async throws -> CouncilRead.TopicView in
            try await CouncilRead.topic(try await reader(req).topic(try req.uuidParameter("id")), on: req.db)
        }.access(.open)
        document.operation("GET", "/api/v1/council/topics/{id}", "A topic with its co-signers counted and its comments (hidden ones with the public reason)",
                           id: "readCouncilTopic", tag: "Council", schema: "CouncilTopic")
        council.post("topics", ":id", "co-signatures") { req async throws -> Response in
            let t = try await service(req).coSign(try req.uuidParameter("id"))
            return try await created(try await CouncilRead.topic(t, on: req.db), req)
        }.access(.permission(.councilTakePart))
        document.operation("POST", "/api/v1/council/topics/{id}/co-signatures", "Co-sign a topic as a resident of its committee's area",
                           id: "coSignCouncilTopic", tag: "Council", status: "201", schema: "CouncilTopic", errors: [403, 409, 422])
        council.post("topics", ":id", "review") { req async throws -> CouncilRead.TopicView in
            let t = try await service(req).review(try req.uuidParameter("id"), try req.content.decode(CouncilService.ReviewInput.self))
            return try await CouncilRead.topic(t, on: req.db)
        }.access(execute)
        document.operation("POST", "/api/v1/council/topics/{id}/review", "Admissibility review with a public reason; a matter reserved to the residents' assembly is referred there",
                           id: "reviewCouncilTopic", tag: "Council", body: "CouncilTopicReview", schema: "CouncilTopic", errors: [409])
        council.post("topics", ":id", "comments") { req async throws -> Response in
            let c = try await service(req).comment(try req.uuidParameter("id"), try req.content.decode(CouncilService.CommentInput.self))
            return try await created(CouncilRead.CommentView(c), req)
        }.access(.signedIn)
        document.operation("POST", "/api/v1/council/topics/{id}/comments", "Comment on a topic (residents of the area; the committee)",
                           id: "commentOnCouncilTopic", tag: "Council", body: "NewCouncilComment", status: "201", schema: "CouncilComment", errors: [403])
        council.post("comments", ":id", "moderation") { req async throws -> CouncilRead.CommentView in
            CouncilRead.CommentView(try await service(req).moderate(try req.uuidParameter("id"), try req.content.decode(CouncilService.ModerationInput.self)))
        }.access(execute)
        document.operation("POST", "/api/v1/council/comments/{id}/moderation", "Hide a comment, with the public reason shown in its place",
                           id: "moderateCouncilComment", tag: "Council", body: "CouncilModeration", schema: "CouncilComment", errors: [409])

        // MARK: meetings
        council.get("meetings") { req async throws -> [CouncilRead.MeetingView] in
            let committee = try QueryParameters(req).uuid("committee_id")
            let q = CouncilMeeting.query(on: req.db).sort(\.$startsAt, .descending)
            if let committee { q.filter(\.$committeeID == committee) }
            let s = try await reader(req)
            var out: [CouncilRead.MeetingView] = []
            for m in try await q.range(0..<100).all() { out.append(try await CouncilRead.meeting(m, service: s)) }
            return out
        }.access(.open)
        document.operation("GET", "/api/v1/council/meetings", "Meetings, latest first (public; at most 100)", id: "listCouncilMeetings", tag: "Council",
                           schema: "CouncilMeeting", array: true, query: committeeFilter)
        council.post("meetings") { req async throws -> Response in
            let s = try await service(req)
            let m = try await s.callMeeting(try req.content.decode(CouncilService.MeetingInput.self))
            return try await created(try await CouncilRead.meeting(m, service: s), req)
        }.access(decide)
        document.operation("POST", "/api/v1/council/meetings", "Give notice of a council meeting with its agenda of admitted topics (reserved matters refused, the rule named)",
                           id: "callCouncilMeeting", tag: "Council", body: "NewCouncilMeeting", status: "201", schema: "CouncilMeeting", errors: [404, 409])
        council.get("meetings", ":id") { req async throws -> CouncilRead.MeetingView in
            let s = try await reader(req)
            return try await CouncilRead.meeting(try await s.meeting(try req.uuidParameter("id")), service: s)
        }.access(.open)
        document.operation("GET", "/api/v1/council/meetings/{id}", "A meeting: notice, agenda, attendance with the quorum live, votes, results naming the rule, minutes and signatures",
                           id: "readCouncilMeeting", tag: "Council", schema: "CouncilMeeting")
        council.post("meetings", ":id", "attendance") { req async throws -> Response in
            let s = try await service(req)
            let id = try req.uuidParameter("id")
            _ = try await s.signIn(id, try req.content.decode(CouncilService.AttendanceInput.self))
            return try await created(try await CouncilRead.meeting(try await s.meeting(id), service: s), req)
        }.access(decide)
        document.operation("POST", "/api/v1/council/meetings/{id}/attendance", "Sign someone in (members count towards the quorum; others attend as observers)",
                           id: "signInToCouncilMeeting", tag: "Council", body: "CouncilAttendance", status: "201", schema: "CouncilMeeting", errors: [409])
        council.post("meetings", ":id", "items", ":item", "votes") { req async throws -> Response in
            let s = try await service(req)
            let id = try req.uuidParameter("id")
            _ = try await s.vote(id, item: try req.uuidParameter("item"), try req.content.decode(CouncilService.VoteInput.self))
            return try await created(try await CouncilRead.meeting(try await s.meeting(id), service: s), req)
        }.access(decide)
        document.operation("POST", "/api/v1/council/meetings/{id}/items/{item}/votes", "Record a member's vote by name (roll-call bodies): for, against or abstain",
                           id: "voteOnCouncilItem", tag: "Council", body: "CouncilVote", status: "201", schema: "CouncilMeeting", errors: [409])
        council.post("meetings", ":id", "items", ":item", "result") { req async throws -> CouncilRead.MeetingView in
            let s = try await service(req)
            let id = try req.uuidParameter("id")
            _ = try await s.decide(id, item: try req.uuidParameter("item"), try req.content.decode(CouncilService.DecideInput.self))
            return try await CouncilRead.meeting(try await s.meeting(id), service: s)
        }.access(decide)
        document.operation("POST", "/api/v1/council/meetings/{id}/items/{item}/result", "Close an item's vote: quorum, majority or tie decide, the rule named; adopted items become resolutions (secret ballots give the tellers' counts)",
                           id: "decideCouncilItem", tag: "Council", body: "CouncilItemCounts", schema: "CouncilMeeting", errors: [409])
        council.post("meetings", ":id", "minutes") { req async throws -> CouncilRead.MeetingView in
            let s = try await service(req)
            let m = try await s.close(try req.uuidParameter("id"), try req.content.decode(CouncilService.MinutesInput.self))
            return try await CouncilRead.meeting(m, service: s)
        }.access(decide)
        document.operation("POST", "/api/v1/council/meetings/{id}/minutes", "Close the meeting with its minutes once every item has a result",
                           id: "closeCouncilMeeting", tag: "Council", body: "CouncilMinutes", schema: "CouncilMeeting", errors: [409])
        council.post("meetings", ":id", "signatures") { req async throws -> CouncilRead.MeetingView in
            let s = try await service(req)
            let m = try await s.signMinutes(try req.uuidParameter("id"), try req.content.decode(CouncilService.SignInput.self))
            return try await CouncilRead.meeting(m, service: s)
        }.access(decide)
        document.operation("POST", "/api/v1/council/meetings/{id}/signatures", "Sign the minutes as chair or recorder (two members who attended)",
                           id: "signCouncilMinutes", tag: "Council", body: "CouncilMinutesSignature", schema: "CouncilMeeting", errors: [409])

        // MARK: resolutions, execution, supervision
        council.get("resolutions") { req async throws -> [CouncilRead.ResolutionView] in
            let committee = try QueryParameters(req).uuid("committee_id")
            let q = CouncilResolution.query(on: req.db).sort(\.$adoptedOn, .descending)
            if let committee { q.filter(\.$committeeID == committee) }
            var out: [CouncilRead.ResolutionView] = []
            for r in try await q.range(0..<100).all() { out.append(try await CouncilRead.resolution(r, today: req.today, on: req.db)) }
            return out
        }.access(.open)
        document.operation("GET", "/api/v1/council/resolutions", "Resolutions with their execution (public; at most 100)", id: "listCouncilResolutions", tag: "Council",
                           schema: "CouncilResolution", array: true, query: committeeFilter)
        council.get("resolutions", ":id") { req async throws -> CouncilRead.ResolutionView in
            try await CouncilRead.resolution(try await reader(req).resolution(try req.uuidParameter("id")), today: req.today, on: req.db)
        }.access(.open)
        document.operation("GET", "/api/v1/council/resolutions/{id}", "A resolution: tasks with weighted progress, evidence, status history with findings and sign-off",
                           id: "readCouncilResolution", tag: "Council", schema: "CouncilResolution")
        council.post("resolutions", ":id", "tasks") { req async throws -> Response in
            let id = try req.uuidParameter("id")
            _ = try await service(req).addTask(id, try req.content.decode(CouncilService.TaskInput.self))
            return try await created(try await CouncilRead.resolution(try await reader(req).resolution(id), today: req.today, on: req.db), req)
        }.access(execute)
        document.operation("POST", "/api/v1/council/resolutions/{id}/tasks", "Add a task with its owner, due date and weight (optionally under another task)",
                           id: "addCouncilTask", tag: "Council", body: "NewCouncilTask", status: "201", schema: "CouncilResolution", errors: [409])
        council.post("tasks", ":id", "progress") { req async throws -> CouncilRead.ResolutionView in
            let t = try await service(req).progress(try req.uuidParameter("id"), try req.content.decode(CouncilService.ProgressInput.self))
            return try await CouncilRead.resolution(try await reader(req).resolution(t.resolutionID), today: req.today, on: req.db)
        }.access(execute)
        document.operation("POST", "/api/v1/council/tasks/{id}/progress", "Report a task's progress (0–100); the resolution's progress rolls up by weight",
                           id: "reportCouncilTaskProgress", tag: "Council", body: "CouncilTaskProgress", schema: "CouncilResolution", errors: [409])
        council.on(.POST, "resolutions", ":id", "evidence", body: .collect(maxSize: "4mb")) { req async throws -> Response in
            let id = try req.uuidParameter("id")
            _ = try await service(req).addEvidence(id, try req.content.decode(CouncilService.EvidenceInput.self))
            return try await created(try await CouncilRead.resolution(try await reader(req).resolution(id), today: req.today, on: req.db), req)
        }.access(execute)
        document.operation("POST", "/api/v1/council/resolutions/{id}/evidence", "Attach evidence: a text, and optionally a file (PNG, JPEG, PDF or plain text, at most 2 MiB, base64) kept in the database",
                           id: "addCouncilEvidence", tag: "Council", body: "NewCouncilEvidence", status: "201", schema: "CouncilResolution", errors: [409])
        council.get("evidence", ":id", "file") { req async throws -> Response in
            guard let e = try await CouncilEvidence.find(try req.uuidParameter("id"), on: req.db), let data = e.content, let type = e.contentType,
                  let media = HTTPMediaType.fileExtension(type == "text/plain" ? "txt" : type == "application/pdf" ? "pdf" : type == "image/png" ? "png" : "jpg") else {
                throw ZhanjuError.notFound(CouncilStrings.evidence)
            }
            var headers = HTTPHeaders()
            headers.contentType = media
            headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"evidence-\(e.id!.uuidString).\(media.subType == "plain" ? "txt" : media.subType == "jpeg" ? "jpg" : media.subType)\"")
            return Response(status: .ok, headers: headers, body: .init(data: data))
        }.access(.open)
        CouncilDocument.evidenceFile(&document)
        council.post("resolutions", ":id", "actions") { req async throws -> CouncilRead.ResolutionView in
            let r = try await service(req).act(try req.uuidParameter("id"), try req.content.decode(CouncilService.ActionInput.self))
            return try await CouncilRead.resolution(r, today: req.today, on: req.db)
        }.access(.signedIn)
        document.operation("POST", "/api/v1/council/resolutions/{id}/actions",
                           "Move execution along: the committee starts and reports done; only the supervisory committee signs off or records a finding (public reason) that reopens it; the deciding body rescinds",
                           id: "actOnCouncilResolution", tag: "Council", body: "CouncilExecutionAction", schema: "CouncilResolution", errors: [403, 409])
        council.get("overdue") { req async throws -> [CouncilRead.OverdueView] in
            try await CouncilRead.overdue(service: try await reader(req))
        }.access(.permission(.councilGuide))
        document.operation("GET", "/api/v1/council/overdue", "Resolutions with tasks past due, in the committees the workstation guides", id: "listOverdueCouncilWork",
                           tag: "Council", schema: "CouncilOverdue", array: true)

        // MARK: petitions
        council.get("petitions") { req async throws -> [CouncilRead.PetitionView] in
            let committee = try QueryParameters(req).uuid("committee_id")
            let q = CouncilPetition.query(on: req.db).sort(\.$createdAt, .descending)
            if let committee { q.filter(\.$committeeID == committee) }
            let s = try await reader(req)
            var out: [CouncilRead.PetitionView] = []
            for p in try await q.range(0..<50).all() { out.append(try await CouncilRead.petition(p, service: s)) }
            return out
        }.access(.open)
        document.operation("GET", "/api/v1/council/petitions", "Petitions to convene the residents' assembly, counted against the registry today (public; at most 50)",
                           id: "listAssemblyPetitions", tag: "Council", schema: "AssemblyPetition", array: true, query: committeeFilter)
        council.post("petitions") { req async throws -> Response in
            let s = try await service(req)
            let p = try await s.openPetition(try req.content.decode(CouncilService.PetitionInput.self))
            return try await created(try await CouncilRead.petition(p, service: s), req)
        }.access(.signedIn)
        document.operation("POST", "/api/v1/council/petitions", "Open a petition to convene the residents' assembly", id: "openAssemblyPetition", tag: "Council",
                           body: "NewAssemblyPetition", status: "201", schema: "AssemblyPetition", errors: [403])
        council.get("petitions", ":id") { req async throws -> CouncilRead.PetitionView in
            let s = try await reader(req)
            guard let p = try await CouncilPetition.find(try req.uuidParameter("id"), on: req.db) else { throw ZhanjuError.notFound(CouncilStrings.petition) }
            return try await CouncilRead.petition(p, service: s)
        }.access(.open)
        document.operation("GET", "/api/v1/council/petitions/{id}", "A petition counted against 1/5 of adult residents, 1/5 of households and 1/3 of residents' groups today; whether the committee must convene, and by when",
                           id: "readAssemblyPetition", tag: "Council", schema: "AssemblyPetition")
        council.post("petitions", ":id", "signatures") { req async throws -> Response in
            let s = try await service(req)
            let id = try req.uuidParameter("id")
            _ = try await s.sign(id, try req.content.decode(CouncilService.SignatureInput.self))
            guard let p = try await CouncilPetition.find(id, on: req.db) else { throw ZhanjuError.notFound(CouncilStrings.petition) }
            return try await created(try await CouncilRead.petition(p, service: s), req)
        }.access(.signedIn)
        document.operation("POST", "/api/v1/council/petitions/{id}/signatures", "Sign: a resident for themselves, a household's head for the household; the committee records groups' decisions and paper signatures",
                           id: "signAssemblyPetition", tag: "Council", body: "AssemblyPetitionSignature", status: "201", schema: "AssemblyPetition", errors: [403, 409])

        // MARK: owners' votes
        council.get("owners-votes") { req async throws -> [CouncilRead.OwnersVoteView] in
            let compound = try QueryParameters(req).uuid("compound_id")
            let q = OwnersVote.query(on: req.db).sort(\.$openedOn, .descending)
            if let compound { q.filter(\.$compoundID == compound) }
            var out: [CouncilRead.OwnersVoteView] = []
            for v in try await q.range(0..<50).all() { out.append(try await CouncilRead.ownersVote(v, on: req.db)) }
            return out
        }.access(.open)
        document.operation("GET", "/api/v1/council/owners-votes", "Owners' votes, counted by area and by headcount (public; at most 50)", id: "listOwnersVotes", tag: "Council",
                           schema: "OwnersVote", array: true, query: [.query("compound_id", .uuid)])
        council.post("owners-votes") { req async throws -> Response in
            let v = try await service(req).openOwnersVote(try req.content.decode(CouncilService.OwnersVoteInput.self))
            return try await created(try await CouncilRead.ownersVote(v, on: req.db), req)
        }.access(.permission(.ownersVoteRun))
        document.operation("POST", "/api/v1/council/owners-votes", "Open an owners' vote on a matter of Civil Code art. 278", id: "openOwnersVote", tag: "Council",
                           body: "NewOwnersVote", status: "201", schema: "OwnersVote", errors: [404])
        council.get("owners-votes", ":id") { req async throws -> CouncilRead.OwnersVoteView in
            try await CouncilRead.ownersVote(try await reader(req).ownersVote(try req.uuidParameter("id")), on: req.db)
        }.access(.open)
        document.operation("GET", "/api/v1/council/owners-votes/{id}", "An owners' vote: participation and agreement by exclusive area and by owners, each threshold with its rule",
                           id: "readOwnersVote", tag: "Council", schema: "OwnersVote")
        council.post("owners-votes", ":id", "ballots") { req async throws -> Response in
            try await created(CouncilRead.BallotsEntered(entered: try await service(req).enterBallots(try req.uuidParameter("id"), try req.content.decode(CouncilService.BallotsInput.self))), req)
        }.access(.permission(.ownersVoteRun))
        document.operation("POST", "/api/v1/council/owners-votes/{id}/ballots", "Enter owners' written ballots (one per owner, whatever the parts they hold)",
                           id: "enterOwnerBallots", tag: "Council", body: "OwnerBallots", status: "201", schema: "OwnerBallotsEntered", errors: [409])
        council.post("owners-votes", ":id", "close") { req async throws -> CouncilRead.OwnersVoteView in
            try await CouncilRead.ownersVote(try await service(req).closeOwnersVote(try req.uuidParameter("id")), on: req.db)
        }.access(.permission(.ownersVoteRun))
        document.operation("POST", "/api/v1/council/owners-votes/{id}/close", "Close and count the vote from the registry's exclusive parts", id: "closeOwnersVote",
                           tag: "Council", schema: "OwnersVote", errors: [409])

        // MARK: notices
        council.get("notices") { req async throws -> [CouncilRead.NoticeView] in
            let s = try await reader(req)
            let principal = try req.requirePrincipal()
            var out: [CouncilRead.NoticeView] = []
            for n in try await CouncilNotice.query(on: req.db).sort(\.$publishedAt, .descending).range(0..<500).all() {
                guard try await s.reads(n) else { continue }
                out.append(try await CouncilRead.notice(n, account: principal.accountID, on: req.db))
                if out.count == 100 { break }
            }
            return out
        }.access(.signedIn)
        document.operation("GET", "/api/v1/council/notices", "Notices to the caller's workstation, committee, compound or building, or to the places the caller serves (at most 100)",
                           id: "listCouncilNotices", tag: "Council", schema: "CouncilNotice", array: true)
        council.post("notices") { req async throws -> Response in
            let n = try await service(req).publishNotice(try req.content.decode(CouncilService.NoticeInput.self))
            return try await created(try await CouncilRead.notice(n, account: req.principal?.accountID, on: req.db), req)
        }.access(.signedIn)
        document.operation("POST", "/api/v1/council/notices", "Publish a notice to a workstation, committee, compound or building (scope_id names it)", id: "publishCouncilNotice", tag: "Council",
                           body: "NewCouncilNotice", status: "201", schema: "CouncilNotice", errors: [403, 404])
        council.get("notices", ":id") { req async throws -> CouncilRead.NoticeView in
            let s = try await reader(req)
            guard let n = try await CouncilNotice.find(try req.uuidParameter("id"), on: req.db), try await s.reads(n) else { throw ZhanjuError.notFound(CouncilStrings.notice) }
            return try await CouncilRead.notice(n, account: req.principal?.accountID, on: req.db)
        }.access(.signedIn)
        document.operation("GET", "/api/v1/council/notices/{id}", "A notice, with its read receipts counted", id: "readCouncilNotice", tag: "Council", schema: "CouncilNotice")
        council.post("notices", ":id", "read") { req async throws -> CouncilRead.NoticeView in
            let n = try await service(req).markRead(try req.uuidParameter("id"))
            return try await CouncilRead.notice(n, account: req.principal?.accountID, on: req.db)
        }.access(.signedIn)
        document.operation("POST", "/api/v1/council/notices/{id}/read", "Record that the caller has read the notice (a read receipt, once)", id: "markCouncilNoticeRead",
                           tag: "Council", schema: "CouncilNotice")
    }
}
