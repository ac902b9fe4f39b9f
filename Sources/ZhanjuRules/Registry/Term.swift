/// The period a post is held: from a start date to an end date inclusive; no end means still in office.
public struct Term: Hashable, Sendable {
    public var starts: CivilDate
    public var ends: CivilDate?

    public init(starts: CivilDate, ends: CivilDate? = nil) {
        self.starts = starts
        self.ends = ends
    }

    public func overlaps(_ other: Term) -> Bool {
        let selfEndsBeforeOther = ends.map { $0 < other.starts } ?? false
        let otherEndsBeforeSelf = other.ends.map { $0 < starts } ?? false
        return !selfEndsBeforeOther && !otherEndsBeforeSelf
    }

    public func contains(_ date: CivilDate) -> Bool {
        starts <= date && (ends.map { date <= $0 } ?? true)
    }
}
