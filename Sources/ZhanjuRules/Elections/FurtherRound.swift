/// What follows a counted round: nothing (every seat filled, or the open ones may stay vacant),
/// the same round again (the vote was void), or a next round with a runoff for tied posts and a
/// further round (另行选举) for posts where too few reached the threshold.
public struct NextRound: Hashable, Sendable {
    public enum Step: String, Codable, Sendable {
        case complete
        /// The vote was void (turnout, reconciliation): hold it again with the same posts.
        case repeatRound = "repeat_round"
        case nextRound = "next_round"
    }

    public var step: Step
    /// The round to hold, for `repeatRound` and `nextRound`.
    public var round: ElectionRound?
    /// Per post: who may stand and why, which seats stay vacant and why.
    public var explanations: [ElectionExplanation]
}

extension ElectionRuleSet {
    /// Plans the round after `result`. `electedBefore` are those elected in earlier rounds; they
    /// may not stand again. A further round's candidates are the top non-elected of the round
    /// just counted, `furtherRoundCandidatesPerSeat` per open seat; people tied at the last place
    /// all stand (our default, named in the explanation), and printed candidates without votes
    /// make up the number when too few received any. After a further round, seats other than the
    /// chair's may stay vacant once the committee has its minimum size (our default).
    public func nextRound(after result: RoundResult, of round: ElectionRound, electedBefore: [ElectedPerson] = []) -> NextRound {
        guard result.valid else {
            let again = ElectionRound(number: round.number + 1, posts: round.posts, names: round.names)
            return NextRound(step: .repeatRound, round: again, explanations: [.init(.repeatElection,
                zh: round.number == 1 ? "选举无效,重新选举" : "第 \(round.number) 轮投票无效,重新投票",
                en: round.number == 1 ? "the election is void and is held again" : "round \(round.number) is void and is held again")])
        }
        let elected = Set(electedBefore.map(\.person)).union(result.elected.map(\.person))
        let committeeSize = elected.count
        var posts: [ElectionRound.Post] = []
        var explanations: [ElectionExplanation] = []

        for post in result.posts where post.openSeats > 0 {
            if let runoff = post.runoff {
                posts.append(.init(post: post.post, kind: .runoff, seats: runoff.places, candidates: runoff.among))
                explanations.append(.init(.runoff,
                    zh: "\(post.post.zh):\(runoff.among.map(round.name).joined(separator: "、")) 票数相等,就 \(runoff.places) 个名额再次投票",
                    en: "\(post.post.en): a runoff among \(runoff.among.map(round.name).joined(separator: ", ")) for \(runoff.places) \(runoff.places == 1 ? "seat" : "seats")"))
                continue
            }
            if post.kind != .first && post.post != .chair && committeeSeats.contains(committeeSize) {
                explanations.append(.init(.furtherRoundThreshold,
                    zh: "\(post.post.zh) \(post.openSeats) 个名额经另行选举仍空缺;居委会已有 \(committeeSize) 人,达到 \(committeeSeats.lowerBound) 人,名额暂缺",
                    en: "\(post.post.en): \(post.openSeats) \(post.openSeats == 1 ? "seat" : "seats") still open after a further round; the committee already has \(committeeSize) members, at least \(committeeSeats.lowerBound), so \(post.openSeats == 1 ? "it stays" : "they stay") vacant"))
                continue
            }
            let wanted = post.openSeats * furtherRoundCandidatesPerSeat
            let pool = post.counts.filter { !elected.contains($0.person) && ($0.votes > 0 || $0.printed) }
            var standing = Array(pool.prefix(wanted))
            var tieNote: (zh: String, en: String) = ("", "")
            if let last = standing.last, pool.count > wanted, pool[wanted].votes == last.votes {
                standing = pool.filter { $0.votes >= last.votes }
                let tied = pool.filter { $0.votes == last.votes }.count
                tieNote = ("(第 \(wanted) 位有 \(tied) 人票数相等,均列为候选人)", " (the \(tied) tied at place \(wanted) all stand)")
            }
            if standing.isEmpty {
                explanations.append(.init(.furtherRoundCandidates,
                    zh: "\(post.post.zh) \(post.openSeats) 个名额空缺,但已无未当选的人可列为候选人", en: "\(post.post.en): \(post.openSeats) open, but nobody is left to stand"))
                continue
            }
            posts.append(.init(post: post.post, kind: .further, seats: post.openSeats, candidates: standing.map(\.person)))
            let shortNote = standing.count < wanted ? (zh: ",不足 \(wanted) 人", en: ", fewer than \(wanted)") : (zh: "", en: "")
            explanations.append(.init(.furtherRoundCandidates,
                zh: "\(post.post.zh)另行选举 \(post.openSeats) 人:在未当选的人中按得票多少确定候选人 \(standing.count) 人\(shortNote.zh)\(tieNote.zh)(\(standing.map { "\(round.name($0.person)) \($0.votes) 票" }.joined(separator: "、")));得票最多者当选,得票须\(furtherRoundMinimum.zh)投票数",
                en: "\(post.post.en): a further round for \(post.openSeats) \(post.openSeats == 1 ? "seat" : "seats") among the top \(standing.count) not elected\(shortNote.en)\(tieNote.en) (\(standing.map { "\(round.name($0.person)) \($0.votes)" }.joined(separator: ", "))); the most votes win, with \(furtherRoundMinimum.en) of the ballots cast"))
        }
        if posts.isEmpty {
            return NextRound(step: .complete, round: nil, explanations: explanations)
        }
        return NextRound(step: .nextRound, round: ElectionRound(number: round.number + 1, posts: posts, names: round.names), explanations: explanations)
    }
}
