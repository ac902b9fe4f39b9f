import Foundation
@testable import ZhanjuApp
import ZhanjuRules

/// A filled value of every council body type, for APISchemaTests (each nested list holds one
/// element and each optional a value, so their schemas are checked too).
enum CouncilExamples {
    static let rule = CouncilRead.RuleView(RuleCitation(.councilQuorum, ruleSet: "chengdu-council", version: 1))
    static let check = CouncilRead.CheckView(CitedShareCheck(rule: RuleCitation(.councilQuorum, ruleSet: "chengdu-council", version: 1),
                                                             check: ShareThreshold.twoThirds.check(12, of: 15)))
    static let at = Date(timeIntervalSince1970: 1_796_000_000)

    static var comment: CouncilRead.CommentView {
        let c = CouncilComment()
        (c.id, c.topicID, c.authorLabel, c.text, c.createdAt) = (UUID(), UUID(), "居民 / a resident", "赞成", at)
        return CouncilRead.CommentView(c)
    }

    static var topic: CouncilRead.TopicView {
        CouncilRead.TopicView(id: UUID(), committeeId: UUID(), title: "东门无障碍坡道", body: "建议增设坡道", matter: "delegated", origin: "resident",
                              author: "居民 / a resident", status: "admitted", decidingBody: "residents_council", coSigners: check, reviewReason: "受理",
                              reviewRule: "reserved_to_residents_assembly", createdAt: at, publishedAt: at, comments: [comment])
    }

    static var meeting: CouncilRead.MeetingView {
        CouncilRead.MeetingView(
            id: UUID(), committeeId: UUID(), body: "residents_council", title: "议事会", place: "会所", startsAt: at, noticedAt: at, status: "signed",
            ruleSet: "chengdu-council", ruleSetVersion: 1, ballot: "roll_call", decisionBase: "all_members", quorum: check,
            attendance: [.init(residentId: UUID(), name: "王芳", member: true)],
            items: [.init(id: UUID(), topicId: UUID(), title: "坡道", position: 1, outcome: "adopted", decidedBy: rule, for: 11, against: 0, abstain: 1,
                          decision: check, votes: [.init(residentId: UUID(), name: "王芳", choice: "for")], resolutionId: UUID())],
            minutes: "纪要", chair: "王芳", recorder: "李强")
    }

    static var task: CouncilRead.TaskView {
        CouncilRead.TaskView(id: UUID(), parentId: UUID(), title: "施工", ownerId: UUID(), ownerName: "李强", dueOn: "2026-12-20", weight: 3, percentDone: 50, overdue: true)
    }

    static var resolution: CouncilRead.ResolutionView {
        CouncilRead.ResolutionView(
            id: UUID(), committeeId: UUID(), topicId: UUID(), meetingId: UUID(), title: "坡道", adoptedOn: "2026-11-01", status: "in_progress", decidedBy: rule,
            progressBasisPoints: 5_000, openTasks: 1, overdueTasks: [UUID()], tasks: [task],
            evidence: [.init(id: UUID(), taskId: UUID(), text: "照片", fileName: "a.png", contentType: "image/png", size: 68, fileUrl: "/api/v1/council/evidence/x/file",
                             addedBy: "wr.chair", addedAt: at)],
            history: [.init(seq: 1, action: "record_finding", fromStatus: "awaiting_sign_off", toStatus: "in_progress", reason: "扶手过高", actor: "wr.supervisor", at: at, decision: .init(members: 3, present: ["王五", "李四", "赵六"], agreed: ["王五", "李四"], ruleSet: "supervisory-committee", version: 1))])
    }

    static var petition: CouncilRead.PetitionView {
        CouncilRead.PetitionView(id: UUID(), committeeId: UUID(), purpose: "召开居民会议", openedOn: "2026-11-01", ruleSet: "urc-2018-petition", countedOn: "2026-11-30",
                                 criteria: [check], obliged: true, holdingRule: rule, mustBeHeldBy: "2026-12-30", mustBeHeldByConfirmed: true, signatures: 9,
                                 setAside: [.init(rule: "signer_under_age", subject: "x", detail: "17")])
    }

    static var ownersVote: CouncilRead.OwnersVoteView {
        CouncilRead.OwnersVoteView(id: UUID(), compoundId: UUID(), matter: "use_maintenance_fund", title: "电梯", ruleSet: "civil-code-278", openedOn: "2026-10-01",
                                   closedOn: "2026-10-10", ballots: 900,
                                   result: .init(outcome: "adopted", specialMajority: false, totalAreaHundredths: 1_500_000, totalOwners: 1_100, criteria: [check],
                                                 decidedBy: [rule], votes: [.init(choice: "for", areaHundredths: 900_000, owners: 700)]))
    }

    static let representative = CouncilRead.RepresentativeView(id: UUID(), groupId: UUID(), residentId: UUID(), name: "李明", startsOn: "2026-11-01",
                                                               endsOn: "2031-10-31", endedOn: nil, endReason: nil, inOffice: true)

    static var all: [(String, any Encodable)] {
        [
            ("CouncilRuleSets", CouncilRead.ruleSets),
            ("CouncilRuleSetInput", CouncilService.RuleSetInput.example),
            ("CouncilMeetingRules", CouncilRead.rulesView(.chengduCouncil)),
            ("CouncilRepresentatives", CouncilRead.RepresentativesView(committeeId: UUID(), on: "2026-11-30", ruleSet: "representatives-5-10", groups: [.init(
                groupId: UUID(), name: "维多利亚居民小组", households: 12, seatsMin: 2, seatsMax: 2, count: 1, representatives: [representative],
                candidates: [.init(residentId: UUID(), name: "王芳 · 3-1-502", post: "resident")],
                problems: [.init(rule: "representatives_per_households", subject: "维多利亚居民小组", detail: "1 representatives for 12 households; 2–2 allowed")])])),
            ("CouncilRepresentative", representative),
            ("NewCouncilRepresentative", CouncilService.RepresentativeInput.example),
            ("CouncilRepresentativeTermEnd", CouncilService.EndTermInput.example),
            ("CouncilBodies", CouncilRead.BodiesView(committeeId: UUID(), bodies: [.init(
                body: "supervisory_committee", members: [.init(residentId: UUID(), name: "赵敏", post: "supervisor")], ruleSet: CouncilRead.rulesView(.supervisoryCommittee),
                problems: [.init(rule: "supervisor_close_relative", subject: "赵敏", detail: "王芳 (spouse), presumed from the household register")])])),
            ("CouncilTopic", topic),
            ("NewCouncilTopic", CouncilService.TopicInput.example),
            ("CouncilTopicReview", CouncilService.ReviewInput.example),
            ("CouncilComment", comment),
            ("NewCouncilComment", CouncilService.CommentInput.example),
            ("CouncilModeration", CouncilService.ModerationInput.example),
            ("CouncilMeeting", meeting),
            ("NewCouncilMeeting", CouncilService.MeetingInput.example),
            ("CouncilAttendance", CouncilService.AttendanceInput.example),
            ("CouncilVote", CouncilService.VoteInput.example),
            ("CouncilItemCounts", CouncilService.DecideInput(for: 9, against: 2, abstain: 1)),
            ("CouncilMinutes", CouncilService.MinutesInput.example),
            ("CouncilMinutesSignature", CouncilService.SignInput.example),
            ("CouncilResolution", resolution),
            ("NewCouncilTask", CouncilService.TaskInput(title: "施工", ownerId: UUID(), dueOn: "2026-12-20", weight: 3, parentId: UUID())),
            ("CouncilTaskProgress", CouncilService.ProgressInput.example),
            ("NewCouncilEvidence", CouncilService.EvidenceInput(taskId: UUID(), text: "照片", fileName: "a.png", contentType: "image/png", contentBase64: "iVBORw0KGgo=")),
            ("CouncilExecutionAction", CouncilService.ActionInput.example),
            ("CouncilOverdue", CouncilRead.OverdueView(resolutionId: UUID(), committeeId: UUID(), title: "清理", status: "in_progress", overdueTasks: [task])),
            ("AssemblyPetition", petition),
            ("NewAssemblyPetition", CouncilService.PetitionInput.example),
            ("AssemblyPetitionSignature", CouncilService.SignatureInput.example),
            ("OwnersVote", ownersVote),
            ("NewOwnersVote", CouncilService.OwnersVoteInput.example),
            ("OwnerBallots", CouncilService.BallotsInput.example),
            ("OwnerBallotsEntered", CouncilRead.BallotsEntered(entered: 900)),
            ("CouncilNotice", CouncilRead.NoticeView(id: UUID(), scope: "committee", scopeId: UUID(), title: "通知", body: "正文", author: "维融居委会",
                                                     publishedAt: at, read: true, reads: 3)),
            ("NewCouncilNotice", CouncilService.NoticeInput.example),
        ]
    }
}
