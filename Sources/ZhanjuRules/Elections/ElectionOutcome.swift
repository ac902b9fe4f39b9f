/// The election as a whole once its rounds are counted: who holds which post from when, which
/// seats stay open, and whether the committee has its size and a woman, as the result announces.
public struct ElectionOutcome: Hashable, Sendable {
    /// Everyone elected, in post order, then by round.
    public var elected: [ElectedPerson]
    public var seats: [CommitteePost: Int]
    public var openSeats: [CommitteePost: Int]
    public var womenElected: Int
    /// Committee size and women: refusals when the elected committee falls short; notes otherwise.
    public var check: ElectionCheck
    /// The term of those elected, from the day the result is announced.
    public var term: Term

    public func holders(of post: CommitteePost) -> [ElectedPerson] { elected.filter { $0.post == post } }

    /// The posts the elected take up in the registry, for the appointment policy to check.
    public func appointments(committee bodyID: String) -> [(person: String, holding: AppointmentPolicy.Holding)] {
        elected.map { ($0.person, AppointmentPolicy.Holding(post: $0.post.registryPost, bodyID: bodyID, term: term)) }
    }
}

extension ElectionRuleSet {
    /// Sums up counted rounds (void rounds elect no one). `sexes` gives the sex of everyone who
    /// may have been elected, write-ins included; someone missing counts as not a woman.
    public func outcome(of results: [RoundResult], seats: [CommitteePost: Int], sexes: [String: Sex], announcedOn: CivilDate) -> ElectionOutcome {
        let elected = results.filter(\.valid).flatMap(\.elected).sorted { ($0.post, $0.round) < ($1.post, $1.round) }
        var open: [CommitteePost: Int] = [:]
        for post in CommitteePost.allCases {
            let n = (seats[post] ?? 0) - elected.filter { $0.post == post }.count
            if n > 0 { open[post] = n }
        }
        let women = elected.filter { sexes[$0.person] == .female }.count
        var check = ElectionCheck()
        let total = seats.values.reduce(0, +)
        check.check(committeeSeats.contains(elected.count), .init(.committeeSize,
            zh: "应选 \(total) 人,当选 \(elected.count) 人;居委会由 \(committeeSeats.lowerBound)–\(committeeSeats.upperBound) 人组成",
            en: "\(elected.count) elected for \(total) seats; a committee has \(committeeSeats.lowerBound)–\(committeeSeats.upperBound) members"))
        check.check(elected.contains { $0.post == .chair }, .init(.oneChair,
            zh: elected.contains { $0.post == .chair } ? "主任已选出" : "主任尚未选出", en: elected.contains { $0.post == .chair } ? "the chair is elected" : "no chair is elected yet"))
        check.check(women >= minimumWomen, .init(.committeeWomen,
            zh: "当选女性 \(women) 人;至少应有 \(minimumWomen) 人", en: "\(women) \(women == 1 ? "woman" : "women") elected; at least \(minimumWomen) required"))
        return ElectionOutcome(elected: elected, seats: seats, openSeats: open, womenElected: women, check: check, term: term(announcedOn: announcedOn))
    }
}
