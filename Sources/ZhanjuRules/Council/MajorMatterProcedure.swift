/// 四议两公开 ("four deliberations, two disclosures"), the order a major matter goes through
/// (RULES.md): the party organisation proposes; it consults the committees; party members
/// deliberate; the assembly, representatives' assembly or council resolves; the resolution is
/// published; the result of carrying it out is published. Which matters are major is configuration.
public struct MajorMatterProcedure: Codable, Hashable, Sendable {
    public enum Step: String, Codable, CaseIterable, Sendable {
        /// 提议: the party organisation proposes.
        case proposal
        /// 商议: the party organisation and the committee(s) consult.
        case consultation
        /// 审议: party members deliberate.
        case deliberation
        /// 决议: the residents' assembly, representatives' assembly or council resolves.
        case resolution
        /// 决议公开.
        case publishResolution = "publish_resolution"
        /// 实施结果公开: only once the supervisory committee has signed the execution off.
        case publishResult = "publish_result"
    }

    public var name: String
    public var version: Int
    /// The steps, in the order they must be taken.
    public var steps: [Step]

    public init(name: String, version: Int = 1, steps: [Step] = Step.allCases) {
        self.name = name
        self.version = version
        self.steps = steps
    }

    public static let fourDeliberationsTwoDisclosures = MajorMatterProcedure(name: "si-yi-liang-gong-kai")

    /// The step due next, given those taken; nil when the procedure is complete.
    public func nextStep(after taken: [Step]) -> Step? {
        steps.first { !taken.contains($0) }
    }

    /// Refuses a step taken out of order, twice, or (for publishing the result) before the
    /// execution is signed off.
    public func check(_ step: Step, after taken: [Step], execution: ExecutionStatus? = nil) -> CouncilRefusal? {
        if taken.contains(step) {
            return CouncilRefusal(.majorMatterStepOrder, subject: step.rawValue, detail: "already taken", zh: "已完成")
        }
        let due = nextStep(after: taken)
        guard due == step else {
            return CouncilRefusal(.majorMatterStepOrder, subject: step.rawValue, detail: due.map { "\($0.rawValue) comes first" } ?? "not in this procedure",
                                  zh: due.map { "应先完成 \($0.rawValue)" } ?? "不属于本程序")
        }
        if step == .publishResult && execution != .completed {
            return CouncilRefusal(.signOffRequired, subject: step.rawValue, detail: "execution is \(execution?.rawValue ?? "not started")",
                                  zh: "执行状态:\(execution?.rawValue ?? "未开始")")
        }
        return nil
    }
}
