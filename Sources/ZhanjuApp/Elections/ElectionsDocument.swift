import OpenAPIKit
import ZhanjuRules

/// The elections capability's components, one schema per body type, named as the operations in
/// ElectionsAPI refer to them.
enum ElectionsDocument {
    static func schemas(_ d: inout OpenAPIDocument) {
        d.addSchema("Election", ElectionRead.Summary.self)
        d.addSchema("NewElection", ElectionService.CreateInput.self)
        d.addSchema("ElectionDetail", ElectionRead.Detail.self)
        d.addSchema("NewElectionStaff", ElectionService.StaffInput.self)
        d.addSchema("ElectionStaff", ElectionRead.StaffView.self)
        d.addSchema("VoterRollBuild", ElectionService.RollBuild.self)
        d.addSchema("VoterRollChange", ElectionService.RollChangeInput.self)
        d.addSchema("VoterRollChangeResult", ElectionsAPI.RollChangeResult.self)
        d.addSchema("NewRollObjection", ElectionService.ObjectionInput.self)
        d.addSchema("RollObjection", ElectionRead.ObjectionView.self)
        d.addSchema("RollObjectionAnswer", ElectionService.AnswerInput.self)
        d.addSchema("NewNomination", ElectionService.NominationInput.self)
        d.addSchema("Nomination", ElectionRead.NominationView.self)
        d.addSchema("FinalCandidateList", ElectionService.FinalListInput.self)
        d.addSchema("VotingCode", ElectionService.IssuedCode.self)
        d.addSchema("ElectionCount", ElectionService.CountInput.self)
        d.addSchema("ElectionResult", ElectionRead.Result.self)
        d.addSchema("BallotLog", ElectionRead.LogFile.self)
        d.addSchema("BallotReceiptLookup", ElectionRead.ReceiptView.self)
        d.addSchema("VotingCodeEntry", ElectionsAPI.CodeInput.self)
        d.addSchema("BallotPaper", ElectionsAPI.BallotPaper.self)
        d.addSchema("NewBallot", ElectionService.BallotInput.self)
        d.addSchema("BallotReceipt", ElectionService.Receipt.self)
        d.addSchema("NewProxy", ElectionService.ProxyInput.self)
        d.addSchema("Proxy", ElectionService.ProxyView.self)
        d.addSchema("NewMobileBox", ElectionService.MobileBoxInput.self)
        d.addSchema("BallotBox", ElectionService.BoxView.self)
        d.addSchema("PaperBallotIssue", ElectionService.IssueInput.self)
        d.addSchema("PaperBallotIssued", ElectionService.Issued.self)
        d.addSchema("PaperBallotEntry", ElectionService.PaperInput.self)
        d.addSchema("PaperBallot", ElectionService.PaperView.self)
        d.addSchema("NewRecallPetition", ElectionService.RecallInput.self)
        d.addSchema("RecallVote", ElectionService.RecallVoteInput.self)
        d.addSchema("Recall", ElectionService.RecallView.self)
    }

    static var explanation: JSONSchema { .record(["rule": .oneOf(ElectionRule.self), "zh": .string, "en": .string]) }
    static var seats: JSONSchema { .record(["post": .oneOf(CommitteePost.self), "seats": .int(0...15)]) }
    static var person: JSONSchema { .record(["resident_id": .uuid, "name": .string, "votes": .int(), "printed": .boolean]) }
    static var ballotPost: JSONSchema {
        .record(["post": .oneOf(CommitteePost.self), "kind": .oneOf(ElectionRound.Kind.self), "seats": .int(), "candidates": .list(person)])
    }
    static var elected: JSONSchema {
        .record(["resident_id": .uuid, "name": .string, "post": .oneOf(CommitteePost.self), "round": .int(), "votes": .int(), "explanation": explanation])
    }
    static var round: JSONSchema {
        .record(["number": .int(), "ballots_issued": .int(), "counted": .boolean, "counted_on": JSONSchema.date.optional,
                 "registered_voters": JSONSchema.int().optional, "ballots_cast": JSONSchema.int().optional, "valid": JSONSchema.boolean.optional,
                 "validity": .list(explanation),
                 "posts": .list(.record(["post": .oneOf(CommitteePost.self), "kind": .oneOf(ElectionRound.Kind.self), "seats": .int(), "votes_needed": .int(),
                                         "valid_ballots": .int(), "blank_ballots": .int(), "void_ballots": .int(), "counts": .list(person),
                                         "elected": .list(elected), "open_seats": .int(), "explanations": .list(explanation)])),
                 "ballot": .list(ballotPost), "log_head": JSONSchema.string.optional])
    }
    /// Per post, the printed candidates marked; no other keys (a post not on the ballot is refused).
    static var marks: JSONSchema {
        var properties = OrderedDictionary<String, JSONSchema>()
        for post in CommitteePost.allCases { properties[post.rawValue] = JSONSchema.list(.uuid).mayBeAbsent }
        return .object(properties: properties, additionalProperties: .a(false))
    }
    static var candidate: JSONSchema { .record(["resident_id": .uuid, "name": .string, "sex": .oneOf(Sex.self), "post": .oneOf(CommitteePost.self)]) }
    /// Any JSON object (the rule set's parameters, a round's ballot, a log record): the log is
    /// read by `zhanju election verify`, which defines its shape in ZhanjuRules.
    static var anyObject: JSONSchema { .object(additionalProperties: .a(true)) }
}

extension ElectionRead.Summary: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "committee_id": .uuid, "name_zh": .string, "name_en": .string, "rule_set": .string, "rule_set_version": .int(),
                 "method": .oneOf(ElectionMethod.self), "polling_day": .date, "stage": .oneOf(ElectionStage.self), "round": .int(),
                 "roll_published_on": JSONSchema.date.optional, "final_list_published_on": JSONSchema.date.optional, "announced_on": JSONSchema.date.optional,
                 "ballots_in_log": .int(), "log_head": .string, "seats": .list(ElectionsDocument.seats)])
    }
}

extension ElectionService.CreateInput: APISchema {
    static var schema: JSONSchema {
        .record(["committee_id": .uuid, "name_zh": .string, "name_en": .string, "rule_set": JSONSchema.string.optional,
                 "rule_set_version": JSONSchema.int(1...1000).optional, "method": JSONSchema.oneOf(ElectionMethod.self).optional, "polling_day": .date,
                 "posts": .list(ElectionsDocument.seats)])
    }
}

extension ElectionRead.Detail: APISchema {
    static var schema: JSONSchema {
        .record([
            "election": .named("Election"),
            "timetable": .list(.record(["milestone": .oneOf(ElectionTimetable.Milestone.self), "date": .date, "confirmed": .boolean,
                                        "explanation": ElectionsDocument.explanation])),
            "staff": .list(.named("ElectionStaff")),
            "roll": .list(.record(["resident_id": .uuid, "name": .string, "door": .string, "basis": .oneOf(ElectionService.Basis.self),
                                   "removed": .boolean, "voted": .boolean])),
            "roll_changes": .list(.record(["seq": .int(), "resident_id": .uuid, "name": .string, "change": .oneOf(ElectionService.Change.self),
                                           "reason": .string, "changed_on": .date])),
            "objections": .list(.named("RollObjection")),
            "nominations": .list(.named("Nomination")),
            "preliminary_candidates": .list(ElectionsDocument.candidate),
            "final_candidates": .list(ElectionsDocument.candidate),
            "codes_issued": .int(), "voted_this_round": .int(),
            "rounds": .list(ElectionsDocument.round),
            "boxes": .list(.named("BallotBox")), "papers_pending": .list(.named("PaperBallot")), "proxies": .list(.named("Proxy")),
        ])
    }
}

extension ElectionService.StaffInput: APISchema {
    static var schema: JSONSchema { .record(["resident_id": .uuid, "role": .oneOf(StaffRole.self)]) }
}

extension ElectionRead.StaffView: APISchema {
    static var schema: JSONSchema { .record(["resident_id": .uuid, "name": .string, "role": .oneOf(StaffRole.self)]) }
}

extension ElectionService.RollBuild: APISchema {
    static var schema: JSONSchema {
        .record(["listed": .int(), "not_listed": .list(.record(["resident_id": .uuid, "name": .string, "reasons": .list(ElectionsDocument.explanation)]))])
    }
}

extension ElectionService.RollChangeInput: APISchema {
    /// `since`: for a resident without local hukou or a community worker, since when they live or serve here.
    static var schema: JSONSchema {
        .record(["resident_id": .uuid, "change": .oneOf(ElectionService.Change.self), "reason": .string, "since": JSONSchema.date.optional])
    }
}

extension ElectionsAPI.RollChangeResult: APISchema {
    static var schema: JSONSchema { .record(["resident_id": .uuid, "listed": .boolean]) }
}

extension ElectionService.ObjectionInput: APISchema {
    static var schema: JSONSchema { .record(["resident_id": .uuid, "request": .oneOf(ElectionService.Change.self), "reason": .string]) }
}

extension ElectionRead.ObjectionView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "resident_id": .uuid, "name": .string, "request": .oneOf(ElectionService.Change.self), "reason": .string,
                 "raised_on": .date, "decision": JSONSchema.oneOf(ElectionService.Decision.self).optional, "answer": JSONSchema.string.optional,
                 "answered_on": JSONSchema.date.optional, "answer_due": .date])
    }
}

extension ElectionService.AnswerInput: APISchema {
    static var schema: JSONSchema { .record(["decision": .oneOf(ElectionService.Decision.self), "answer": .string]) }
}

extension ElectionService.NominationInput: APISchema {
    /// `signers`: the voters who sign (joint nominations) or co-sign (self-nomination); `group_id`: the nominating residents' group.
    static var schema: JSONSchema {
        .record(["nominee_id": .uuid, "post": .oneOf(CommitteePost.self), "kind": .oneOf(ElectionService.NominationKind.self),
                 "signers": JSONSchema.list(.uuid).optional, "group_id": JSONSchema.uuid.optional])
    }
}

extension ElectionRead.NominationView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "nominee_id": .uuid, "nominee_name": .string, "post": .oneOf(CommitteePost.self),
                 "kind": .oneOf(ElectionService.NominationKind.self), "signers": .int(), "made_on": .date])
    }
}

extension ElectionService.FinalListInput: APISchema {
    static var schema: JSONSchema { .record(["candidates": .list(.record(["resident_id": .uuid, "post": .oneOf(CommitteePost.self)]))]) }
}

extension ElectionService.IssuedCode: APISchema {
    static var schema: JSONSchema { .record(["name": .string, "door": .string, "round": .int(), "code": .string]) }
}

extension ElectionService.CountInput: APISchema {
    static var schema: JSONSchema { .record(["scrutineers": .list(.uuid)]) }
}

extension ElectionRead.Result: APISchema {
    static var schema: JSONSchema {
        .record(["election": .named("Election"), "committee_name_zh": .string, "committee_name_en": .string, "rounds": .list(ElectionsDocument.round),
                 "elected": .list(ElectionsDocument.elected), "open_seats": .list(ElectionsDocument.seats), "women_elected": .int(),
                 "checks": .list(ElectionsDocument.explanation), "term_starts": .date, "term_ends": JSONSchema.date.optional])
    }
}

extension ElectionRead.LogFile: APISchema {
    /// The file as `zhanju election verify` reads it: ZhanjuRules' BallotLogRecord, ElectionRound,
    /// PublishedCount and ElectionRuleSet, each as Swift's Codable writes it.
    static var schema: JSONSchema {
        .record(["format": .int(1...1), "election": .string, "rules": ElectionsDocument.anyObject, "rounds": .list(ElectionsDocument.anyObject),
                 "published": .list(ElectionsDocument.anyObject), "head": JSONSchema.string.optional, "records": .list(ElectionsDocument.anyObject)])
    }
}

extension ElectionRead.ReceiptView: APISchema {
    static var schema: JSONSchema {
        .record(["election_id": .uuid, "receipt": .string, "found": .boolean, "round": JSONSchema.int().optional, "sequence": JSONSchema.int().optional,
                 "hash": JSONSchema.string.optional, "previous": JSONSchema.string.optional])
    }
}

extension ElectionsAPI.CodeInput: APISchema {
    static var schema: JSONSchema { .record(["code": .string]) }
}

extension ElectionsAPI.BallotPaper: APISchema {
    static var schema: JSONSchema {
        .record(["election_id": .uuid, "name_zh": .string, "name_en": .string, "round": .int(), "posts": .list(ElectionsDocument.ballotPost)])
    }
}

extension ElectionService.BallotInput: APISchema {
    /// `marks`: per post, the printed candidates marked (more than the seats makes the ballot void for that post).
    static var schema: JSONSchema {
        .record(["code": .string, "marks": ElectionsDocument.marks.optional])
    }
}

extension ElectionService.Receipt: APISchema {
    static var schema: JSONSchema { .record(["election_id": .uuid, "round": .int(), "sequence": .int(), "receipt": .string, "hash": .string]) }
}

extension ElectionService.MobileBoxInput: APISchema {
    static var schema: JSONSchema { .record(["carriers": .list(.uuid)]) }
}

extension ElectionService.BoxView: APISchema {
    static var schema: JSONSchema { .record(["label": .string, "kind": .oneOf(["booth", "mobile"]), "round": .int(), "carriers": .list(.string)]) }
}

extension ElectionService.IssueInput: APISchema {
    /// `box`: `booth` (the default) or a mobile box's label; `proxy_holder_id`: the relative who takes the voter's ballot by a recorded proxy.
    static var schema: JSONSchema { .record(["resident_id": .uuid, "box": JSONSchema.string.optional, "proxy_holder_id": JSONSchema.uuid.optional]) }
}

extension ElectionService.Issued: APISchema {
    static var schema: JSONSchema { .record(["name": .string, "box": .string, "round": .int()]) }
}

extension ElectionService.PaperInput: APISchema {
    /// `number`: the paper's number in the count of its box, as both clerks call it; `marks` as on a web ballot.
    static var schema: JSONSchema {
        .record(["box": JSONSchema.string.optional, "number": .int(1...1_000_000), "spoilt": JSONSchema.boolean.optional,
                 "marks": ElectionsDocument.marks.optional])
    }
}

extension ElectionService.PaperView: APISchema {
    static var schema: JSONSchema {
        .record(["box": .string, "number": .int(), "state": .oneOf(ElectionService.PaperState.self), "receipt": JSONSchema.string.optional])
    }
}

extension ElectionService.ProxyInput: APISchema {
    /// `relation`: what the holder is to the grantor; `written`: the signed authorisation was handed in.
    static var schema: JSONSchema {
        .record(["grantor_id": .uuid, "holder_id": .uuid, "relation": .oneOf(KinRelation.self), "written": JSONSchema.boolean.optional])
    }
}

extension ElectionService.ProxyView: APISchema {
    static var schema: JSONSchema {
        .record(["grantor_id": .uuid, "grantor_name": .string, "holder_id": .uuid, "holder_name": .string, "relation": .oneOf(KinRelation.self), "recorded_on": .date])
    }
}

extension ElectionService.RecallInput: APISchema {
    /// `member_id`: a member sitting today (from the committee's appointments); `signers`: the voters who sign the petition.
    static var schema: JSONSchema { .record(["member_id": .uuid, "reason": .string, "signers": .list(.uuid)]) }
}

extension ElectionService.RecallVoteInput: APISchema {
    /// The recall vote's count: ballots cast, and of them those agreeing to the recall.
    static var schema: JSONSchema { .record(["ballots_cast": .int(0...1_000_000), "in_favour": .int(0...1_000_000)]) }
}

extension ElectionService.RecallView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "member_id": .uuid, "member_name": .string, "post": .oneOf(CommitteePost.self), "reason": .string, "petitioned_on": .date,
                 "signers": .int(), "petition_roll": .int(), "petition": .list(ElectionsDocument.explanation), "state": .oneOf(RecallState.self),
                 "registered_voters": JSONSchema.int().optional, "ballots_cast": JSONSchema.int().optional, "in_favour": JSONSchema.int().optional,
                 "decided_on": JSONSchema.date.optional, "vote": .list(ElectionsDocument.explanation)])
    }
}
