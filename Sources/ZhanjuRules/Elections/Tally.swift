/// A person elected, to which post, with how many votes, and on which threshold.
public struct ElectedPerson: Codable, Hashable, Sendable {
    public var person: String
    public var post: CommitteePost
    public var round: Int
    public var votes: Int
    /// Elected as a write-in, not a printed candidate.
    public var writtenIn: Bool
    public var explanation: ElectionExplanation

    public init(person: String, post: CommitteePost, round: Int, votes: Int, writtenIn: Bool, explanation: ElectionExplanation) {
        self.person = person
        self.post = post
        self.round = round
        self.votes = votes
        self.writtenIn = writtenIn
        self.explanation = explanation
    }
}

/// Candidates tied for the last seats of a post, who go to a runoff for the places left.
public struct Runoff: Codable, Hashable, Sendable {
    public var post: CommitteePost
    public var among: [String]
    public var places: Int
    /// The votes each of them had.
    public var votes: Int

    public init(post: CommitteePost, among: [String], places: Int, votes: Int) {
        self.post = post
        self.among = among
        self.places = places
        self.votes = votes
    }
}

/// The count of one post in one round.
public struct PostResult: Codable, Hashable, Sendable {
    public struct Count: Codable, Hashable, Sendable {
        public var person: String
        public var votes: Int
        public var printed: Bool
    }

    public var post: CommitteePost
    public var kind: ElectionRound.Kind
    public var seats: Int
    /// Votes needed to be elected (0 for a runoff: the most votes win).
    public var votesNeeded: Int
    public var validBallots: Int
    public var blankBallots: Int
    public var voidBallots: Int
    /// Everyone who received a vote, and every printed candidate, most votes first (ties by id).
    public var counts: [Count]
    public var elected: [ElectedPerson]
    public var openSeats: Int
    /// Why seats stay open, and notes on who was passed over.
    public var explanations: [ElectionExplanation]
    public var runoff: Runoff?

    public func votes(for person: String) -> Int { counts.first { $0.person == person }?.votes ?? 0 }
}

/// The count of one round: whether the vote is valid, and each post's result.
public struct RoundResult: Codable, Hashable, Sendable {
    public var round: Int
    public var registeredVoters: Int
    public var ballotsIssued: Int
    public var ballotsCast: Int
    /// False when turnout fell short or more ballots were cast than issued: nobody is elected.
    public var valid: Bool
    /// The turnout and reconciliation findings, met or not.
    public var validity: [ElectionExplanation]
    public var posts: [PostResult]

    public var elected: [ElectedPerson] { posts.flatMap(\.elected) }
    public var openSeats: Int { posts.reduce(0) { $0 + $1.openSeats } }
    public func post(_ post: CommitteePost) -> PostResult? { posts.first { $0.post == post } }
}

extension ElectionRuleSet {
    /// Counts a round. `registeredVoters` is the roll (or the representatives, under a
    /// representative method); `ballotsIssued` the ballots handed out (web codes used, paper
    /// ballots issued, proxies included); `alreadyElected` those elected in earlier rounds, who are
    /// passed over. Posts are counted in rank order, so a person elected chair is passed over
    /// for member. Every threshold counts against the ballots cast, blank and void ones included.
    public func tally(_ round: ElectionRound, ballots: [Ballot], registeredVoters: Int, ballotsIssued: Int,
                      alreadyElected: Set<String> = []) -> RoundResult {
        tally(round, counted: ballots.map { (ballot: $0, count: 1) }, registeredVoters: registeredVoters, ballotsIssued: ballotsIssued, alreadyElected: alreadyElected)
    }

    /// The same count over ballots given once with how many times each was cast: a million
    /// ballots of a few dozen distinct forms are read as those few dozen (the server's count
    /// groups them in the database, the offline check as it reads the log).
    public func tally(_ round: ElectionRound, counted ballots: [(ballot: Ballot, count: Int)], registeredVoters: Int, ballotsIssued: Int,
                      alreadyElected: Set<String> = []) -> RoundResult {
        let cast = ballots.reduce(0) { $0 + $1.count }
        var validity: [ElectionExplanation] = []
        var valid = true

        // A first round held again (after a void one) needs its turnout whatever the rule set says of later rounds.
        let needsTurnout = round.posts.contains { $0.kind == .first } || laterRoundsNeedTurnout
        if needsTurnout {
            let met = turnout.isMet(cast, of: registeredVoters)
            valid = valid && met
            validity.append(.init(.turnout,
                zh: "登记选民 \(registeredVoters) 人,投票 \(cast) 人;须\(turnout.zh)(\(turnout.minimum(of: registeredVoters)) 人)参加投票,\(met ? "选举有效" : "选举无效")",
                en: "\(cast) of \(registeredVoters) registered voters voted; \(turnout.en) (\(turnout.minimum(of: registeredVoters))) must vote: the vote is \(met ? "valid" : "void")"))
        }
        let reconciled = cast <= ballotsIssued && ballotsIssued <= registeredVoters
        valid = valid && reconciled
        validity.append(.init(.ballotReconciliation,
            zh: reconciled ? "收回选票 \(cast) 张,不多于发出的 \(ballotsIssued) 张" : "收回选票 \(cast) 张、发出 \(ballotsIssued) 张、选民 \(registeredVoters) 人:收回多于发出(或发出多于选民),选举无效",
            en: reconciled ? "\(cast) ballots cast, no more than the \(ballotsIssued) issued" : "\(cast) ballots cast, \(ballotsIssued) issued, \(registeredVoters) voters: more cast than issued (or issued than voters), the vote is void"))

        var electedSoFar = alreadyElected
        var posts: [PostResult] = []
        for post in round.posts {
            let result = count(post, round: round, ballots: ballots, cast: cast, valid: valid, passOver: electedSoFar)
            electedSoFar.formUnion(result.elected.map(\.person))
            posts.append(result)
        }
        return RoundResult(round: round.number, registeredVoters: registeredVoters, ballotsIssued: ballotsIssued,
                           ballotsCast: cast, valid: valid, validity: validity, posts: posts)
    }

    private func count(_ post: ElectionRound.Post, round: ElectionRound, ballots: [(ballot: Ballot, count: Int)], cast: Int, valid: Bool,
                       passOver: Set<String>) -> PostResult {
        var votes: [String: Int] = Dictionary(post.candidates.map { ($0, 0) }, uniquingKeysWith: { a, _ in a })
        var validBallots = 0, blank = 0, void = 0
        for (ballot, n) in ballots {
            let reading = classify(ballot, for: post)
            switch reading.status {
            case .valid: validBallots += n
            case .blank: blank += n
            case .void: void += n
            }
            for person in reading.votes { votes[person, default: 0] += n }
        }
        let printed = Set(post.candidates)
        let counts = votes.map { PostResult.Count(person: $0.key, votes: $0.value, printed: printed.contains($0.key)) }
            .sorted { ($0.votes, $1.person) > ($1.votes, $0.person) }

        let needed: Int
        let share: ShareThreshold?
        let rule: ElectionRule
        switch post.kind {
        case .first: (share, rule) = (electionMajority, .electionMajority)
        case .further: (share, rule) = (furtherRoundMinimum, .furtherRoundThreshold)
        case .runoff: (share, rule) = (nil, .runoff)
        }
        needed = share?.minimum(of: cast) ?? 1

        var result = PostResult(post: post.post, kind: post.kind, seats: post.seats, votesNeeded: share == nil ? 0 : needed,
                                validBallots: validBallots, blankBallots: blank, voidBallots: void, counts: counts,
                                elected: [], openSeats: post.seats, explanations: [], runoff: nil)
        guard valid else {
            result.explanations.append(.init(.repeatElection,
                zh: "本轮投票无效,\(post.post.zh) \(post.seats) 个名额无人当选", en: "the vote is void: none of the \(post.seats) \(post.post.en) seats is filled"))
            return result
        }

        var contenders = counts
        if post.kind == .runoff { contenders.removeAll { !printed.contains($0.person) } }
        for c in contenders where passOver.contains(c.person) && c.votes > 0 {
            result.explanations.append(.init(.higherPost,
                zh: "\(round.name(c.person)) 已当选,其 \(c.votes) 票不计入\(post.post.zh)", en: "\(round.name(c.person)) is already elected; their \(c.votes) votes for \(post.post.en) are passed over"))
        }
        contenders.removeAll { passOver.contains($0.person) }
        let passing = contenders.filter { $0.votes >= needed }

        var winners = passing
        if passing.count > post.seats {
            let cutoff = passing[post.seats - 1].votes
            if passing[post.seats].votes == cutoff {
                winners = passing.filter { $0.votes > cutoff }
                let tied = passing.filter { $0.votes == cutoff }
                let places = post.seats - winners.count
                result.runoff = Runoff(post: post.post, among: tied.map(\.person), places: places, votes: cutoff)
                result.explanations.append(.init(.runoff,
                    zh: "\(tied.map { round.name($0.person) }.joined(separator: "、")) 各得 \(cutoff) 票,票数相等,就其中 \(places) 个名额再次投票",
                    en: "\(tied.map { round.name($0.person) }.joined(separator: ", ")) tied on \(cutoff) votes: a runoff among them for \(places) \(places == 1 ? "seat" : "seats")"))
            } else {
                winners = Array(passing.prefix(post.seats))
            }
        }

        for w in winners {
            let writtenIn = !printed.contains(w.person)
            let suffix = (zh: writtenIn ? "(另选)" : "", en: writtenIn ? " (written in)" : "")
            let explanation: ElectionExplanation
            switch post.kind {
            case .first:
                explanation = .init(rule, zh: "以 \(w.votes) 票当选\(post.post.zh)\(suffix.zh);须获投票数 \(cast) 的\(electionMajority.zh)(\(needed) 票)",
                                    en: "elected \(post.post.en)\(suffix.en) with \(w.votes) votes; \(electionMajority.en) of the \(cast) ballots cast (\(needed)) needed")
            case .further:
                explanation = .init(rule, zh: "另行选举中以 \(w.votes) 票得票最多当选\(post.post.zh)\(suffix.zh);须\(furtherRoundMinimum.zh)投票数 \(cast)(\(needed) 票)",
                                    en: "elected \(post.post.en)\(suffix.en) in a further round with the most votes, \(w.votes); \(furtherRoundMinimum.en) of the \(cast) ballots cast (\(needed)) needed")
            case .runoff:
                explanation = .init(rule, zh: "决胜投票中以 \(w.votes) 票得票最多当选\(post.post.zh)", en: "elected \(post.post.en) in a runoff with the most votes, \(w.votes)")
            }
            result.elected.append(ElectedPerson(person: w.person, post: post.post, round: round.number, votes: w.votes, writtenIn: writtenIn, explanation: explanation))
        }
        result.openSeats = post.seats - result.elected.count

        let short = post.seats - passing.count
        if short > 0 {
            let reached = passing.count
            switch post.kind {
            case .first, .further:
                let best = contenders.first { $0.votes < needed }
                let bestText = best.map { (zh: ",未达到者中最高为 \(round.name($0.person)) \($0.votes) 票", en: "; the best of the rest, \(round.name($0.person)), had \($0.votes)") } ?? (zh: "", en: "")
                let shareText = post.kind == .first ? (electionMajority.zh, electionMajority.en) : (furtherRoundMinimum.zh, furtherRoundMinimum.en)
                let then = post.kind == .first ? (zh: ",另行选举", en: " for a further round") : (zh: "", en: "")
                result.explanations.append(.init(rule,
                    zh: "\(post.post.zh)应选 \(post.seats) 人,\(reached) 人获得投票数 \(cast) 的\(shareText.0)(\(needed) 票)\(bestText.zh);\(short) 个名额空缺\(then.zh)",
                    en: "\(post.post.en): \(reached) of the candidates for \(post.seats) \(post.seats == 1 ? "seat" : "seats") reached \(shareText.1) of the \(cast) ballots cast (\(needed) votes)\(bestText.en); \(short) \(short == 1 ? "seat stays" : "seats stay") open\(then.en)"))
            case .runoff:
                result.explanations.append(.init(.runoff,
                    zh: "决胜投票中 \(short) 个名额无人得票", en: "\(short) runoff \(short == 1 ? "place" : "places") drew no votes"))
            }
        }
        return result
    }
}
