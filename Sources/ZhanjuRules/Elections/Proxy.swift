/// A written proxy (委托投票): a voter who cannot vote asks a close relative to vote for them.
public struct Proxy: Codable, Hashable, Sendable {
    public var grantor: String
    public var holder: String
    /// What the holder is to the grantor.
    public var relation: KinRelation
    /// The grantor signed a written authorisation.
    public var written: Bool

    public init(grantor: String, holder: String, relation: KinRelation, written: Bool) {
        self.grantor = grantor
        self.holder = holder
        self.relation = relation
        self.written = written
    }
}

extension ElectionRuleSet {
    /// Whether a proxy may be accepted beside those already accepted: written, to a close
    /// relative, both on the roll, one proxy per grantor, and no more than the limit per holder.
    public func checkProxy(_ proxy: Proxy, roll: Set<String>, accepted: [Proxy]) -> ElectionCheck {
        var check = ElectionCheck()
        check.check(proxy.written, .init(.proxyWritten,
            zh: proxy.written ? "书面委托" : "委托投票须书面委托", en: proxy.written ? "written authorisation" : "a proxy must be given in writing"))
        check.check(proxyRelations.contains(proxy.relation), .init(.proxyRelative,
            zh: "受托人是委托人的\(proxy.relation.zh);只能委托近亲属", en: "the holder is the grantor's \(proxy.relation.en); only a close relative may hold a proxy"))
        for (who, zh, en) in [(proxy.grantor, "委托人", "grantor"), (proxy.holder, "受托人", "holder")] where !roll.contains(who) {
            check.refusals.append(.init(.proxyOnRoll, zh: "\(zh) \(who) 不在选民名单上", en: "the \(en) \(who) is not on the voter roll"))
        }
        let others = accepted.filter { $0.grantor != proxy.grantor || $0.holder != proxy.holder }
        if let earlier = others.first(where: { $0.grantor == proxy.grantor }) {
            check.refusals.append(.init(.proxyLimit, zh: "委托人已委托 \(earlier.holder) 投票", en: "the grantor has already given a proxy to \(earlier.holder)"))
        }
        let held = Set(others.filter { $0.holder == proxy.holder }.map(\.grantor)).count
        check.check(held < proxiesPerHolder, .init(.proxyLimit,
            zh: "受托人已接受 \(held) 人委托;每人接受委托不得超过 \(proxiesPerHolder) 人",
            en: "the holder already holds \(held) proxies; at most \(proxiesPerHolder) per voter"))
        if proxy.grantor == proxy.holder {
            check.refusals.append(.init(.proxyRelative, zh: "不能委托本人", en: "a voter cannot hold their own proxy"))
        }
        return check
    }
}
