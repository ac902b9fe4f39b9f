/// Which posts one person may hold at the same time (交叉任职).
///
/// The default is station–committee separation (站居分离): administration and self-governance are
/// kept apart, and so are the party organisation, the owners and the property manager. Places that
/// choose otherwise, as Shenxianshu did, switch on named exceptions; a policy is data stored with the
/// sub-district, so the choice is visible and versioned, never a literal in code.
public struct AppointmentPolicy: Codable, Hashable, Sendable {
    public enum Exception: String, Codable, CaseIterable, Sendable {
        /// The party general branch secretary also heads the workstation (Shenxianshu).
        case generalBranchSecretaryAsStationHead = "general_branch_secretary_as_station_head"
        /// The elected committee chair is also the compound's party branch secretary.
        case chairAsBranchSecretary = "chair_as_branch_secretary"
        /// The compound's branch secretary heads its convenience service point.
        case branchSecretaryAsServicePointHead = "branch_secretary_as_service_point_head"
        /// Members sit on the residents' committee, the owners' committee and the
        /// property-management committee at once.
        case committeeCrossAppointment = "committee_cross_appointment"
    }

    /// The rules a combination can break, each with a stable code shown in errors.
    public enum Rule: String, Codable, CaseIterable, Sendable {
        case onePostPerBody = "one_post_per_body"
        case singleHolder = "single_holder"
        case stationCommitteeSeparation = "station_committee_separation"
        case partyAdministrationSeparation = "party_administration_separation"
        case partySelfGovernanceSeparation = "party_self_governance_separation"
        case ownersSelfGovernanceSeparation = "owners_self_governance_separation"
        case supervisoryIndependence = "supervisory_independence"
        case propertyManagerConflict = "property_manager_conflict"
    }

    public var name: String
    public var version: Int
    public var exceptions: Set<Exception>

    public init(name: String, version: Int = 1, exceptions: Set<Exception>) {
        self.name = name
        self.version = version
        self.exceptions = exceptions
    }

    public static let stationCommitteeSeparation = AppointmentPolicy(name: "station-committee-separation", exceptions: [])
    public static let shenxianshu = AppointmentPolicy(name: "shenxianshu-2010", exceptions: Set(Exception.allCases))

    /// A post as held (or proposed) by one person.
    public struct Holding: Hashable, Sendable {
        public var post: Post
        public var bodyID: String
        public var term: Term
        public init(post: Post, bodyID: String, term: Term) {
            self.post = post
            self.bodyID = bodyID
            self.term = term
        }
    }

    public struct Violation: Error, Hashable, Sendable {
        public var rule: Rule
        public var proposed: Post
        public var conflicting: Post
    }

    /// Checks a proposed holding against the person's other holdings and the body's other holders.
    /// - Parameters:
    ///   - proposed: the post the person would take.
    ///   - personHoldings: the person's other holdings (any body).
    ///   - bodyHoldings: other people's holdings of posts in the same body.
    public func check(_ proposed: Holding, personHoldings: [Holding], bodyHoldings: [Holding] = []) -> Violation? {
        if proposed.post.isSingleHolder,
           let taken = bodyHoldings.first(where: { $0.post == proposed.post && $0.bodyID == proposed.bodyID && $0.term.overlaps(proposed.term) }) {
            return Violation(rule: .singleHolder, proposed: proposed.post, conflicting: taken.post)
        }
        for held in personHoldings where held.term.overlaps(proposed.term) {
            if held.bodyID == proposed.bodyID && held.post.body == proposed.post.body {
                return Violation(rule: .onePostPerBody, proposed: proposed.post, conflicting: held.post)
            }
            if let rule = forbids(proposed.post, held.post) {
                return Violation(rule: rule, proposed: proposed.post, conflicting: held.post)
            }
        }
        return nil
    }

    /// The rule that forbids holding both posts under this policy, if any. Symmetric.
    public func forbids(_ a: Post, _ b: Post) -> Rule? {
        if let rule = forbidsOrdered(a, b) { return rule }
        return forbidsOrdered(b, a)
    }

    private func forbidsOrdered(_ a: Post, _ b: Post) -> Rule? {
        let administrative: Set<BodyKind> = [.workstation, .servicePoint, .grid]
        let party: Set<BodyKind> = [.partyGeneralBranch, .partyBranch]
        switch (a.body, b.body) {
        case (.residentsCommittee, let other) where administrative.contains(other):
            return .stationCommitteeSeparation
        case (.supervisoryCommittee, .residentsCommittee):
            return .supervisoryIndependence
        case (.supervisoryCommittee, let other) where administrative.contains(other):
            return .supervisoryIndependence
        case (.propertyManager, .ownersCommittee), (.propertyManager, .propertyManagementCommittee),
             (.propertyManager, .residentsCommittee), (.propertyManager, .supervisoryCommittee):
            return .propertyManagerConflict
        case (let p, let other) where party.contains(p) && administrative.contains(other):
            if a == .generalBranchSecretary && b == .stationHead && exceptions.contains(.generalBranchSecretaryAsStationHead) { return nil }
            if a == .branchSecretary && b == .servicePointHead && exceptions.contains(.branchSecretaryAsServicePointHead) { return nil }
            return .partyAdministrationSeparation
        case (let p, .residentsCommittee) where party.contains(p):
            if a == .branchSecretary && b == .chair && exceptions.contains(.chairAsBranchSecretary) { return nil }
            return .partySelfGovernanceSeparation
        case (.ownersCommittee, .residentsCommittee), (.ownersCommittee, .propertyManagementCommittee):
            return exceptions.contains(.committeeCrossAppointment) ? nil : .ownersSelfGovernanceSeparation
        case (.propertyManagementCommittee, .residentsCommittee):
            // The Beijing model has the residents' committee chair the property-management committee.
            if a == .managementCommitteeChair { return nil }
            return exceptions.contains(.committeeCrossAppointment) ? nil : .ownersSelfGovernanceSeparation
        default:
            return nil
        }
    }
}
