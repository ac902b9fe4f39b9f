import ZhanjuRules

/// The elections capability's words, in both languages (DESIGN.md's glossary for the bodies).
enum ElectionStrings {
    static let election = Text("选举", "election")
    static let elections = Text("选举", "Elections")
    static let result = Text("选举结果", "election result")
    static let objection = Text("异议", "objection")
    static let codeRefused = Text("投票码无效、已使用,或不属于正在进行的投票。", "This voting code is unknown, already used, or not for a vote now open.")
    static let electionCommittee = Text("选举委员会", "Election committee")
    static let voterRoll = Text("选民名单", "Voter roll")
    static let candidates = Text("候选人", "Candidates")
    static let preliminaryList = Text("初步候选人名单", "Preliminary candidate list")
    static let finalList = Text("正式候选人名单", "Final candidate list")
    static let nominations = Text("提名", "Nominations")
    static let objections = Text("对选民名单的异议", "Objections to the roll")
    static let rollChanges = Text("选民名单公布后的变更", "Changes to the roll since publication")
    static let timetable = Text("选举日程", "Timetable")
    static let staff = Text("选举工作人员", "Election staff")
    static let count = Text("计票", "Count")
    static let ballotLog = Text("选票日志", "Ballot log")
    static let receipt = Text("回执码", "Receipt")
    static let vote = Text("投票", "Vote")
    static let elected = Text("当选", "Elected")
    static let votes = Text("票数", "Votes")
    static let pollingDay = Text("选举日", "Election day")
    static let stage = Text("阶段", "Stage")
    static let round = Text("轮次", "Round")

    /// A post as a label ("Deputy chair"; the rules write it mid-sentence, "deputy chair").
    static func post(_ p: CommitteePost) -> Text { Text(p.zh, p.en.prefix(1).uppercased() + p.en.dropFirst()) }
    static func post(_ raw: String) -> Text { CommitteePost(rawValue: raw).map(post) ?? Text(raw, raw) }
    static func method(_ m: ElectionMethod) -> Text { Text(m.zh, m.en) }
    static func role(_ raw: String) -> Text { StaffRole(rawValue: raw).map { Text($0.zh, $0.en) } ?? Text(raw, raw) }
    static func kind(_ raw: String) -> Text {
        switch ElectionRound.Kind(rawValue: raw) {
        case .first: return Text("第一轮", "first round")
        case .further: return Text("另行选举", "further round")
        case .runoff: return Text("决胜投票", "runoff")
        case nil: return Text(raw, raw)
        }
    }
}
