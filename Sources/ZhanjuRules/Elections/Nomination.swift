/// A nomination of one voter for one post (RULES.md, "nomination"): by voters jointly, by
/// household representatives jointly, by a residents' group, or by the voter themself with
/// co-signers.
public struct Nomination: Codable, Hashable, Sendable {
    public enum Kind: Codable, Hashable, Sendable {
        /// Voters who sign jointly.
        case jointVoters(signers: [String])
        /// Household representatives who sign jointly, each with the household they speak for.
        case jointHouseholds(signers: [Representative])
        /// A residents' group, by its meeting's decision.
        case residentsGroup(group: String)
        /// The voter stands themself, with co-signers.
        case selfNomination(coSigners: [String])
    }

    public var nominee: String
    public var post: CommitteePost
    public var kind: Kind

    public init(nominee: String, post: CommitteePost, kind: Kind) {
        self.nominee = nominee
        self.post = post
        self.kind = kind
    }
}

extension ElectionRuleSet {
    /// Whether a nomination is valid. `roll` holds the voters on the published roll; `groups` the
    /// committee's residents' groups. Signers off the roll, signing twice, or signing for
    /// themself are not counted; two signers for one household count as one household.
    public func checkNomination(_ nomination: Nomination, roll: Set<String>, groups: Set<String> = []) -> ElectionCheck {
        var check = ElectionCheck()
        let nominee = nomination.nominee
        check.check(roll.contains(nominee), .init(.nomineeOnRoll,
            zh: roll.contains(nominee) ? "被提名人 \(nominee) 在选民名单上" : "被提名人 \(nominee) 不在选民名单上,不能成为候选人",
            en: roll.contains(nominee) ? "nominee \(nominee) is on the voter roll" : "nominee \(nominee) is not on the voter roll and cannot stand"))

        func counted(_ people: [String]) -> (count: Int, note: (zh: String, en: String)) {
            let distinct = Set(people)
            let valid = distinct.filter { roll.contains($0) && $0 != nominee }
            let offRoll = distinct.filter { !roll.contains($0) }.count
            let duplicates = people.count - distinct.count
            let selfSigned = distinct.contains(nominee) ? 1 : 0
            var zh: [String] = [], en: [String] = []
            if offRoll > 0 { zh.append("\(offRoll) 人不在选民名单上"); en.append("\(offRoll) off the roll") }
            if duplicates > 0 { zh.append("重复签名 \(duplicates) 个"); en.append("\(duplicates) signed twice") }
            if selfSigned > 0 { zh.append("被提名人本人签名"); en.append("the nominee's own signature") }
            return (valid.count, (zh.isEmpty ? "" : "(不计入:" + zh.joined(separator: ",") + ")", en.isEmpty ? "" : " (not counted: " + en.joined(separator: ", ") + ")"))
        }

        switch nomination.kind {
        case .jointVoters(let signers):
            let (count, note) = counted(signers)
            check.check(count >= jointNominationVoters, .init(.nomination,
                zh: "选民联名提名:有效签名 \(count) 人\(note.zh),须 \(jointNominationVoters) 人以上",
                en: "joint nomination by voters: \(count) valid signers\(note.en); \(jointNominationVoters) required"))
        case .jointHouseholds(let signers):
            let valid = signers.filter { roll.contains($0.person) && $0.person != nominee }
            let households = Set(valid.map(\.unit))
            let offRoll = Set(signers.map(\.person)).filter { !roll.contains($0) }.count
            let shared = valid.count - households.count
            var zh = "", en = ""
            if offRoll > 0 { zh += "(不计入:\(offRoll) 人不在选民名单上)"; en += " (not counted: \(offRoll) off the roll)" }
            if shared > 0 { zh += "(同户多人签名只计一户)"; en += " (several signers of one household count as one)" }
            check.check(households.count >= jointNominationHouseholds, .init(.nomination,
                zh: "户代表联名提名:有效 \(households.count) 户\(zh),须 \(jointNominationHouseholds) 户以上",
                en: "joint nomination by household representatives: \(households.count) households\(en); \(jointNominationHouseholds) required"))
        case .residentsGroup(let group):
            if !residentsGroupsMayNominate {
                check.refusals.append(.init(.nomination, zh: "本次选举不接受居民小组提名", en: "this election takes no nominations from residents' groups"))
            } else {
                check.check(groups.contains(group), .init(.nomination,
                    zh: groups.contains(group) ? "居民小组 \(group) 提名" : "\(group) 不是本居委会的居民小组",
                    en: groups.contains(group) ? "nominated by residents' group \(group)" : "\(group) is not one of the committee's residents' groups"))
            }
        case .selfNomination(let coSigners):
            let (count, note) = counted(coSigners)
            check.check(count >= selfNominationCoSigners, .init(.nomination,
                zh: "自荐:附议选民 \(count) 人\(note.zh),须 \(selfNominationCoSigners) 人以上",
                en: "self-nomination: \(count) co-signing voters\(note.en); \(selfNominationCoSigners) required"))
        }
        return check
    }
}
