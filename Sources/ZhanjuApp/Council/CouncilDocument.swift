import Foundation
import OpenAPIKit
import ZhanjuRules

/// The council capability's components, one schema per body type, named as CouncilAPI's
/// operations refer to them. Every closed set is an enum from the type that defines it.
enum CouncilDocument {
    static func schemas(_ d: inout OpenAPIDocument) {
        d.addSchema("CouncilRuleSets", CouncilRead.RuleSets.self)
        d.addSchema("CouncilBodies", CouncilRead.BodiesView.self)
        d.addSchema("CouncilRepresentatives", CouncilRead.RepresentativesView.self)
        d.addSchema("CouncilRepresentative", CouncilRead.RepresentativeView.self)
        d.addSchema("NewCouncilRepresentative", CouncilService.RepresentativeInput.self)
        d.addSchema("CouncilRepresentativeTermEnd", CouncilService.EndTermInput.self)
        d.addSchema("CouncilRuleSetInput", CouncilService.RuleSetInput.self)
        d.addSchema("CouncilMeetingRules", CouncilRead.MeetingRulesView.self)
        d.addSchema("CouncilTopic", CouncilRead.TopicView.self)
        d.addSchema("NewCouncilTopic", CouncilService.TopicInput.self)
        d.addSchema("CouncilTopicReview", CouncilService.ReviewInput.self)
        d.addSchema("CouncilComment", CouncilRead.CommentView.self)
        d.addSchema("NewCouncilComment", CouncilService.CommentInput.self)
        d.addSchema("CouncilModeration", CouncilService.ModerationInput.self)
        d.addSchema("CouncilMeeting", CouncilRead.MeetingView.self)
        d.addSchema("NewCouncilMeeting", CouncilService.MeetingInput.self)
        d.addSchema("CouncilAttendance", CouncilService.AttendanceInput.self)
        d.addSchema("CouncilVote", CouncilService.VoteInput.self)
        d.addSchema("CouncilItemCounts", CouncilService.DecideInput.self)
        d.addSchema("CouncilMinutes", CouncilService.MinutesInput.self)
        d.addSchema("CouncilMinutesSignature", CouncilService.SignInput.self)
        d.addSchema("CouncilResolution", CouncilRead.ResolutionView.self)
        d.addSchema("NewCouncilTask", CouncilService.TaskInput.self)
        d.addSchema("CouncilTaskProgress", CouncilService.ProgressInput.self)
        d.addSchema("NewCouncilEvidence", CouncilService.EvidenceInput.self)
        d.addSchema("CouncilExecutionAction", CouncilService.ActionInput.self)
        d.addSchema("CouncilOverdue", CouncilRead.OverdueView.self)
        d.addSchema("AssemblyPetition", CouncilRead.PetitionView.self)
        d.addSchema("NewAssemblyPetition", CouncilService.PetitionInput.self)
        d.addSchema("AssemblyPetitionSignature", CouncilService.SignatureInput.self)
        d.addSchema("OwnersVote", CouncilRead.OwnersVoteView.self)
        d.addSchema("NewOwnersVote", CouncilService.OwnersVoteInput.self)
        d.addSchema("OwnerBallots", CouncilService.BallotsInput.self)
        d.addSchema("OwnerBallotsEntered", CouncilRead.BallotsEntered.self)
        d.addSchema("CouncilNotice", CouncilRead.NoticeView.self)
        d.addSchema("NewCouncilNotice", CouncilService.NoticeInput.self)
    }

    /// The evidence file: its bytes, with the content type it was checked to be.
    static func evidenceFile(_ d: inout OpenAPIDocument) {
        var content = OpenAPI.Content.Map()
        for type in CouncilService.fileTypes {
            content[OpenAPI.ContentType(rawValue: type)!] = .b(OpenAPI.Content(schema: .string))
        }
        var responses = OpenAPI.Response.Map()
        responses[.status(code: 200)] = OpenAPIDocument.reply("The evidence file (public, as part of the disclosure)", content)
        responses[.status(code: 404)] = .b(OpenAPIDocument.errorReply(404))
        d.add(.get, "/api/v1/council/evidence/{id}/file", OpenAPI.Operation(
            tags: ["Council"], summary: "An evidence file, served from the database by any node", operationId: "downloadCouncilEvidence",
            parameters: [.path("id", .uuid)], responses: responses))
    }

    static var rule: JSONSchema { .record(["rule": .oneOf(CouncilRule.self), "rule_set": .string, "version": .int(), "source": .string]) }
    static var check: JSONSchema {
        .record(["rule": rule, "count": .int(), "base": JSONSchema.int().optional, "required": .int(), "met": .boolean])
    }
    static var task: JSONSchema {
        .record(["id": .uuid, "parent_id": JSONSchema.uuid.optional, "title": .string, "owner_id": .uuid, "owner_name": .string, "due_on": .date,
                 "weight": .int(1...100), "percent_done": .int(0...100), "overdue": .boolean])
    }
    static var statuses: JSONSchema { .oneOf(ExecutionStatus.self) }
    static var meetingRules: JSONSchema {
        .record(["body": .oneOf(DecidingBody.self), "name": .string, "version": .int(), "quorum": .string, "decision": .string,
                 "decision_base": .oneOf(VoteBase.self), "ballot": .oneOf(BallotKind.self)])
    }
}

extension CouncilService.RuleSetInput: APISchema {
    static var schema: JSONSchema {
        let share: JSONSchema = .record(["comparison": .oneOf(ShareThreshold.Comparison.self), "numerator": .int(0...1000), "denominator": .int(1...1000)])
        return .record(["quorum": share, "majority": share, "decision_base": .oneOf(VoteBase.self), "ballot": .oneOf(BallotKind.self)])
    }
}

extension CouncilRead.MeetingRulesView: APISchema {
    static var schema: JSONSchema { CouncilDocument.meetingRules }
}

extension CouncilRead.BodiesView: APISchema {
    static var schema: JSONSchema {
        .record(["committee_id": .uuid,
                 "bodies": .list(.record(["body": .oneOf(DecidingBody.self), "members": .list(.record(["resident_id": .uuid, "name": .string, "post": .oneOf(Post.self)])),
                                          "rule_set": CouncilDocument.meetingRules.optional,
                                          "problems": .list(.record(["rule": .oneOf(CouncilRule.self), "subject": JSONSchema.string.optional, "detail": JSONSchema.string.optional, "detail_zh": JSONSchema.string.optional]))]))])
    }
}

extension CouncilRead.RuleSets: APISchema {
    static var schema: JSONSchema {
        .record(["meetings": .list(CouncilDocument.meetingRules),
                 "topic_rule_set": .string, "topic_co_signers": .int(), "petition_rule_set": .string, "owners_rule_set": .string,
                 "jurisdiction": .list(.record(["matter": .oneOf(MatterKind.self), "deciders": .list(.oneOf(DecidingBody.self))]))])
    }
}

extension CouncilRead.TopicView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "committee_id": .uuid, "title": .string, "body": .string, "matter": .oneOf(MatterKind.self), "origin": .oneOf(TopicOrigin.self),
                 "author": .string, "status": .oneOf(TopicStatus.self), "deciding_body": .oneOf(DecidingBody.self), "co_signers": CouncilDocument.check,
                 "review_reason": JSONSchema.string.optional, "review_rule": JSONSchema.oneOf(CouncilRule.self).optional, "created_at": .dateTime,
                 "published_at": JSONSchema.dateTime.optional, "comments": .list(.named("CouncilComment"))])
    }
}

extension CouncilService.TopicInput: APISchema {
    static var schema: JSONSchema {
        .record(["committee_id": .uuid, "title": .string, "body": .string, "matter": JSONSchema.oneOf(MatterKind.self).optional,
                 "origin": JSONSchema.oneOf(TopicOrigin.self).optional])
    }
}

extension CouncilService.ReviewInput: APISchema {
    static var schema: JSONSchema {
        .record(["decision": .oneOf(CouncilService.ReviewDecision.self), "reason": .string, "matter": JSONSchema.oneOf(MatterKind.self).optional])
    }
}

extension CouncilRead.CommentView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "topic_id": .uuid, "author": .string, "text": JSONSchema.string.optional, "hidden_reason": JSONSchema.string.optional, "created_at": .dateTime])
    }
}

extension CouncilService.CommentInput: APISchema {
    static var schema: JSONSchema { .record(["text": .string]) }
}

extension CouncilService.ModerationInput: APISchema {
    static var schema: JSONSchema { .record(["reason": .string]) }
}

extension CouncilRead.MeetingView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "committee_id": .uuid, "body": .oneOf(DecidingBody.self), "title": .string, "place": .string, "starts_at": .dateTime,
                 "noticed_at": .dateTime, "status": .oneOf(MeetingStatus.self), "rule_set": .string, "rule_set_version": .int(), "ballot": .oneOf(BallotKind.self),
                 "decision_base": .oneOf(VoteBase.self), "quorum": CouncilDocument.check,
                 "attendance": .list(.record(["resident_id": .uuid, "name": .string, "member": .boolean])),
                 "items": .list(.record(["id": .uuid, "topic_id": .uuid, "title": .string, "position": .int(), "outcome": JSONSchema.oneOf(["adopted", "rejected", "tied", "no_quorum"]).optional,
                                         "decided_by": CouncilDocument.rule.optional, "for": .int(), "against": .int(), "abstain": .int(),
                                         "decision": CouncilDocument.check.optional,
                                         "votes": .list(.record(["resident_id": .uuid, "name": .string, "choice": .oneOf(VoteChoice.self)])),
                                         "resolution_id": JSONSchema.uuid.optional])),
                 "minutes": JSONSchema.string.optional, "chair": JSONSchema.string.optional, "recorder": JSONSchema.string.optional])
    }
}

extension CouncilService.MeetingInput: APISchema {
    static var schema: JSONSchema {
        .record(["committee_id": .uuid, "title": .string, "place": .string, "starts_at": .dateTime, "topic_ids": .list(.uuid),
                 "body": JSONSchema.oneOf(CouncilService.meetingBodies.map(\.rawValue)).optional])
    }
}

extension CouncilService.AttendanceInput: APISchema {
    static var schema: JSONSchema { .record(["resident_id": .uuid]) }
}

extension CouncilService.VoteInput: APISchema {
    static var schema: JSONSchema { .record(["resident_id": .uuid, "choice": .oneOf(VoteChoice.self)]) }
}

extension CouncilService.DecideInput: APISchema {
    /// Secret ballots only: the tellers' counts (a roll-call body counts the votes recorded).
    static var schema: JSONSchema {
        .record(["for": JSONSchema.int(0...10_000).optional, "against": JSONSchema.int(0...10_000).optional, "abstain": JSONSchema.int(0...10_000).optional])
    }
}

extension CouncilService.MinutesInput: APISchema {
    static var schema: JSONSchema { .record(["minutes": .string]) }
}

extension CouncilService.SignInput: APISchema {
    /// `resident_id`: the signer; a signed-in member signs only as themselves (may be left out).
    static var schema: JSONSchema { .record(["role": .oneOf(MinutesSigner.self), "resident_id": JSONSchema.uuid.optional]) }
}

extension CouncilRead.ResolutionView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "committee_id": .uuid, "topic_id": .uuid, "meeting_id": .uuid, "title": .string, "adopted_on": .date,
                 "status": CouncilDocument.statuses, "decided_by": CouncilDocument.rule.optional, "progress_basis_points": .int(0...10_000),
                 "open_tasks": .int(), "overdue_tasks": .list(.uuid), "tasks": .list(CouncilDocument.task),
                 "evidence": .list(.record(["id": .uuid, "task_id": JSONSchema.uuid.optional, "text": .string, "file_name": JSONSchema.string.optional,
                                            "content_type": JSONSchema.oneOf(CouncilService.fileTypes).optional, "size": .int(), "file_url": JSONSchema.string.optional,
                                            "added_by": .string, "added_at": .dateTime])),
                 "history": .list(.record(["seq": .int(), "action": .oneOf(CouncilRead.historyActions), "from_status": CouncilDocument.statuses,
                                           "to_status": CouncilDocument.statuses, "reason": JSONSchema.string.optional, "actor": .string, "at": .dateTime,
                                           "decision": JSONSchema.record(["members": .int(), "present": .list(.string), "agreed": .list(.string), "rule_set": .string, "version": .int()]).optional]))])
    }
}

extension CouncilService.TaskInput: APISchema {
    static var schema: JSONSchema {
        .record(["title": .string, "owner_id": .uuid, "due_on": .date, "weight": JSONSchema.int(1...100).optional, "parent_id": JSONSchema.uuid.optional])
    }
}

extension CouncilService.ProgressInput: APISchema {
    static var schema: JSONSchema { .record(["percent_done": .int(0...100), "note": JSONSchema.string.optional]) }
}

extension CouncilService.EvidenceInput: APISchema {
    static var schema: JSONSchema {
        .record(["task_id": JSONSchema.uuid.optional, "text": .string, "file_name": JSONSchema.string.optional,
                 "content_type": JSONSchema.oneOf(CouncilService.fileTypes).optional, "content_base64": JSONSchema.string.optional])
    }
}

extension CouncilService.ActionInput: APISchema {
    static var schema: JSONSchema {
        .record(["action": .oneOf(ExecutionAction.self), "reason": JSONSchema.string.optional,
                 "agreed": JSONSchema.list(.uuid).optional, "present": JSONSchema.list(.uuid).optional])
    }
}

extension CouncilRead.OverdueView: APISchema {
    static var schema: JSONSchema {
        .record(["resolution_id": .uuid, "committee_id": .uuid, "title": .string, "status": CouncilDocument.statuses, "overdue_tasks": .list(CouncilDocument.task)])
    }
}

extension CouncilRead.PetitionView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "committee_id": .uuid, "purpose": .string, "opened_on": .date, "rule_set": .string, "counted_on": .date,
                 "criteria": .list(CouncilDocument.check), "obliged": .boolean, "holding_rule": CouncilDocument.rule,
                 "must_be_held_by": JSONSchema.date.optional, "must_be_held_by_confirmed": .boolean, "signatures": .int(),
                 "set_aside": .list(.record(["rule": .oneOf(CouncilRule.self), "subject": JSONSchema.string.optional, "detail": JSONSchema.string.optional, "detail_zh": JSONSchema.string.optional]))])
    }
}

extension CouncilService.PetitionInput: APISchema {
    static var schema: JSONSchema {
        .record(["committee_id": .uuid, "purpose": .string, "hold_within_days": JSONSchema.int(1...365).optional])
    }
}

extension CouncilService.SignatureInput: APISchema {
    /// `subject_id`: the resident, household or residents' group; a resident signing for
    /// themselves or their household may leave it out.
    static var schema: JSONSchema { .record(["kind": .oneOf(PetitionSignatureKind.self), "subject_id": JSONSchema.uuid.optional]) }
}

extension CouncilRead.OwnersVoteView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "compound_id": .uuid, "matter": .oneOf(OwnersMatter.self), "title": .string, "rule_set": .string, "opened_on": .date,
                 "closed_on": JSONSchema.date.optional, "ballots": .int(),
                 "result": .record(["outcome": .oneOf(["adopted", "rejected", "not_valid"]), "special_majority": .boolean, "total_area_hundredths": .int(),
                                    "total_owners": .int(), "criteria": .list(CouncilDocument.check), "decided_by": .list(CouncilDocument.rule),
                                    "votes": .list(.record(["choice": .oneOf(VoteChoice.self), "area_hundredths": .int(), "owners": .int()]))])])
    }
}

extension CouncilService.OwnersVoteInput: APISchema {
    static var schema: JSONSchema { .record(["compound_id": .uuid, "matter": .oneOf(OwnersMatter.self), "title": .string]) }
}

extension CouncilService.BallotsInput: APISchema {
    static var schema: JSONSchema { .record(["ballots": .list(.record(["owner_id": .uuid, "choice": .oneOf(VoteChoice.self)]))]) }
}

extension CouncilRead.BallotsEntered: APISchema {
    static var schema: JSONSchema { .record(["entered": .int()]) }
}

extension CouncilRead.NoticeView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "scope": .oneOf(NoticeScope.self), "scope_id": .uuid, "title": .string, "body": .string, "author": .string,
                 "published_at": .dateTime, "read": .boolean, "reads": .int()])
    }
}

extension CouncilService.NoticeInput: APISchema {
    static var schema: JSONSchema { .record(["scope": .oneOf(NoticeScope.self), "scope_id": .uuid, "title": .string, "body": .string]) }
}

extension CouncilRead.RepresentativeView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "group_id": .uuid, "resident_id": .uuid, "name": .string, "starts_on": .date, "ends_on": .date,
                 "ended_on": JSONSchema.date.optional, "end_reason": JSONSchema.string.optional, "in_office": .boolean])
    }
}

extension CouncilRead.RepresentativesView: APISchema {
    static var schema: JSONSchema {
        .record(["committee_id": .uuid, "on": .date, "rule_set": .string,
                 "groups": .list(.record(["group_id": .uuid, "name": .string, "households": .int(), "seats_min": .int(), "seats_max": .int(), "count": .int(),
                                          "representatives": .list(.named("CouncilRepresentative")),
                                          "candidates": .list(.record(["resident_id": .uuid, "name": .string, "post": .string])),
                                          "problems": .list(.record(["rule": .oneOf(CouncilRule.self), "subject": JSONSchema.string.optional, "detail": JSONSchema.string.optional, "detail_zh": JSONSchema.string.optional]))]))])
    }
}

extension CouncilService.RepresentativeInput: APISchema {
    static var schema: JSONSchema {
        .record(["group_id": .uuid, "resident_id": .uuid, "starts_on": JSONSchema.date.optional])
    }
}

extension CouncilService.EndTermInput: APISchema {
    static var schema: JSONSchema {
        .record(["ended_on": JSONSchema.date.optional, "reason": .string])
    }
}
