/// How many invitations have been answered, overall and by group (compound, zone, grid).
public struct ResponseRates: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var group: SurveyCategory
        public var invited: Int
        public var responded: Int
        public var rate: Share { Share(responded, of: invited) }
    }

    /// One line per group, in the order given, then groups met only in the invitations.
    public var lines: [Line]
    public var invited: Int
    public var responded: Int
    public var rate: Share { Share(responded, of: invited) }

    /// `invitations` lists each invitation's group key and whether it has been answered.
    public init(groups: [SurveyCategory], invitations: [(group: String, responded: Bool)]) {
        var order = groups
        var index: [String: Int] = [:]
        for (i, g) in order.enumerated() where index[g.key] == nil { index[g.key] = i }
        var invitedBy = [Int](repeating: 0, count: order.count)
        var respondedBy = [Int](repeating: 0, count: order.count)
        for (group, responded) in invitations {
            let i: Int
            if let known = index[group] {
                i = known
            } else {
                order.append(SurveyCategory(group, BilingualText(group, group)))
                invitedBy.append(0)
                respondedBy.append(0)
                i = order.count - 1
                index[group] = i
            }
            invitedBy[i] += 1
            if responded { respondedBy[i] += 1 }
        }
        lines = order.indices.map { Line(group: order[$0], invited: invitedBy[$0], responded: respondedBy[$0]) }
        invited = invitations.count
        responded = respondedBy.reduce(0, +)
    }
}
