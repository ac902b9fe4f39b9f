/// A person on the candidate list for one post.
public struct SlateCandidate: Codable, Hashable, Sendable {
    public var person: String
    public var name: String
    public var sex: Sex
    public var post: CommitteePost

    public init(person: String, name: String, sex: Sex, post: CommitteePost) {
        self.person = person
        self.name = name
        self.sex = sex
        self.post = post
    }
}

/// The seats an election fills and the candidates standing for them (the preliminary or final
/// candidate list).
public struct Slate: Codable, Hashable, Sendable {
    public var seats: [CommitteePost: Int]
    public var candidates: [SlateCandidate]

    public init(seats: [CommitteePost: Int], candidates: [SlateCandidate]) {
        self.seats = seats
        self.candidates = candidates
    }

    public var totalSeats: Int { seats.values.reduce(0, +) }
    public func candidates(for post: CommitteePost) -> [SlateCandidate] { candidates.filter { $0.post == post } }
}

extension ElectionRuleSet {
    /// Whether a candidate list may be published: the committee's size, one chair, the
    /// competitive margin for each post, enough women standing, each person standing for one
    /// post, and no member of the election committee standing who has not withdrawn from it.
    public func checkSlate(_ slate: Slate, electionCommittee: Set<String> = []) -> ElectionCheck {
        var check = ElectionCheck()
        let total = slate.totalSeats
        check.check(committeeSeats.contains(total), .init(.committeeSize,
            zh: "应选 \(total) 人;居委会由 \(committeeSeats.lowerBound)–\(committeeSeats.upperBound) 人组成",
            en: "\(total) seats; a committee has \(committeeSeats.lowerBound)–\(committeeSeats.upperBound) members"))

        let chairs = slate.seats[.chair] ?? 0
        check.check(chairs == chairSeats, .init(.oneChair,
            zh: "主任应选 \(chairs) 人;须为 \(chairSeats) 人", en: "\(chairs) chair seats; there must be \(chairSeats)"))

        for post in CommitteePost.allCases {
            let seats = slate.seats[post] ?? 0
            let standing = slate.candidates(for: post).count
            if seats == 0 {
                if standing > 0 {
                    check.refusals.append(.init(.competitiveMargin, zh: "\(post.zh)无应选名额,却有 \(standing) 名候选人",
                                                en: "\(standing) candidates for \(post.en) but no \(post.en) seats"))
                }
                continue
            }
            let extra = extraCandidates(for: post)
            let range = extra.lowerBound == extra.upperBound ? "\(seats + extra.lowerBound)" : "\(seats + extra.lowerBound)–\(seats + extra.upperBound)"
            let rangeText = extra.lowerBound == extra.upperBound ? "多 \(extra.lowerBound) 人" : "多 \(extra.lowerBound)–\(extra.upperBound) 人"
            let rangeEn = extra.lowerBound == extra.upperBound ? "+ \(extra.lowerBound)" : "+ \(extra.lowerBound) to + \(extra.upperBound)"
            check.check(extra.contains(standing - seats), .init(.competitiveMargin,
                zh: "\(post.zh)应选 \(seats) 人,候选人 \(standing) 人;差额选举须比应选名额\(rangeText),即 \(range) 人",
                en: "\(post.en): \(standing) candidates for \(seats) seats; the margin is seats \(rangeEn), so \(range) candidates"))
        }

        let women = slate.candidates.filter { $0.sex == .female }.count
        check.check(women >= minimumWomen, .init(.committeeWomen,
            zh: "候选人中女性 \(women) 人;至少应有 \(minimumWomen) 人", en: "\(women) women among the candidates; at least \(minimumWomen) required"))

        var seen: Set<String> = []
        for c in slate.candidates where !seen.contains(c.person) {
            seen.insert(c.person)
            let posts = slate.candidates.filter { $0.person == c.person }.map(\.post)
            if posts.count > 1 {
                check.refusals.append(.init(.oneCandidacy,
                    zh: "\(c.name) 同时是\(posts.map(\.zh).joined(separator: "、"))候选人;每人只能是一个职位的候选人",
                    en: "\(c.name) stands for \(posts.map(\.en).joined(separator: " and ")); a person stands for one post"))
            }
        }

        for c in slate.candidates where electionCommittee.contains(c.person) {
            check.refusals.append(.init(.electionCommitteeWithdrawal,
                zh: "\(c.name) 是选举委员会成员,成为正式候选人须先退出选举委员会",
                en: "\(c.name) sits on the election committee and must withdraw from it to stand"))
        }
        return check
    }
}
