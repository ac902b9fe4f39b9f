import Foundation
import ZhanjuRules

/// The council's words, in both languages.
enum CouncilStrings {
    static let topic = Text("议题", "topic")
    static let comment = Text("评论", "comment")
    static let meeting = Text("会议", "meeting")
    static let item = Text("议项", "agenda item")
    static let resolution = Text("决议", "resolution")
    static let task = Text("任务", "task")
    static let petition = Text("提议召开居民会议", "petition")
    static let ownersVote = Text("业主表决", "owners' vote")
    static let notice = Text("通知", "notice")
    static let disclosure = Text("居务公开", "Disclosure")
    static let council = Text("居民议事会", "Residents' council")
    static let resolutions = Text("决议及执行情况", "Resolutions and how they are carried out")
    static let topics = Text("议题", "Topics")
    static let meetings = Text("会议", "Meetings")
    static let petitions = Text("提议召开居民会议", "Petitions to convene the residents' assembly")
    static let ownersVotes = Text("业主共同决定", "Owners' votes")
    static let notices = Text("通知公告", "Notices")
    static let findings = Text("监事会意见", "Supervisors' findings")
    static let timeline = Text("执行时间线", "Execution timeline")
    static let tasksTitle = Text("任务", "Tasks")
    static let evidence = Text("佐证材料", "Evidence")
    static let progress = Text("进度", "Progress")
    static let overdue = Text("已逾期", "Overdue")
    static let print = Text("打印", "Print")
    static let none = Text("暂无。", "None yet.")
    static let markRead = Text("我已阅读", "I have read this")
    static let readBy = Text("已读人数", "Read by")

    static func status(_ s: ExecutionStatus) -> Text {
        switch s {
        case .pending: return Text("待执行", "Pending")
        case .inProgress: return Text("执行中", "In progress")
        case .awaitingSignOff: return Text("待监事会验收", "Awaiting the supervisors' sign-off")
        case .completed: return Text("已办结(监事会验收)", "Completed (signed off by the supervisors)")
        case .rescinded: return Text("已撤销", "Rescinded")
        }
    }

    static func action(_ a: String) -> Text {
        switch a {
        case "adopted": return Text("决议通过", "Resolution adopted")
        case "task_added": return Text("分解任务", "Task added")
        case "progress": return Text("报告进度", "Progress reported")
        case "evidence": return Text("提交佐证", "Evidence added")
        case ExecutionAction.start.rawValue: return Text("开始执行", "Work started")
        case ExecutionAction.reportDone.rawValue: return Text("居委会报告完成", "Reported done by the committee")
        case ExecutionAction.signOff.rawValue: return Text("监事会验收签字", "Signed off by the supervisory committee")
        case ExecutionAction.recordFinding.rawValue: return Text("监事会提出意见,重新办理", "Supervisors' finding: reopened")
        case ExecutionAction.rescind.rawValue: return Text("撤销决议", "Resolution rescinded")
        default: return Text(a, a)
        }
    }

    static func outcome(_ o: MotionResult.Outcome) -> Text {
        switch o {
        case .adopted: return Text("通过", "Adopted")
        case .rejected: return Text("未通过", "Rejected")
        case .tied: return Text("票数相等,未通过", "Tied: not adopted")
        case .noQuorum: return Text("不足法定人数,未表决", "No quorum: not decided")
        }
    }

    static func ownersOutcome(_ o: String) -> Text {
        switch o {
        case "adopted": return Text("通过", "Adopted")
        case "rejected": return Text("未通过", "Rejected")
        default: return Text("参与表决的业主不足,表决无效", "Too few owners took part: the vote is not valid")
        }
    }

    static func body(_ b: DecidingBody) -> Text {
        switch b {
        case .residentsAssembly: return Text("居民会议", "Residents' assembly")
        case .representativesAssembly: return Text("居民代表会议", "Representatives' assembly")
        case .residentsCouncil: return Text("居民议事会", "Residents' council")
        case .supervisoryCommittee: return Text("监事会", "Supervisory committee")
        case .residentsCommittee: return Text("居民委员会", "Residents' committee")
        case .owners: return Text("业主共同决定", "The owners")
        }
    }

    static func matter(_ m: MatterKind) -> Text {
        switch m {
        case .residentsCompact: return Text("居民公约", "Residents' compact")
        case .raisingFundsFromResidents: return Text("向居民筹集费用", "Raising funds from residents")
        case .subsidiesFromCommitteeIncome: return Text("从居委会经济收入中补助", "Subsidies from the committee's income")
        case .affectingAllResidents: return Text("涉及全体居民利益的重要问题", "Important questions affecting all residents")
        case .replacingCommitteeMembers: return Text("撤换和补选居委会成员", "Replacing committee members")
        case .ownersMatter: return Text("业主共同决定事项", "A matter for the owners")
        case .delegated: return Text("居民会议授权议事会议决的事项", "Within the scope the assembly delegates")
        }
    }

    static func ownersMatter(_ m: OwnersMatter) -> Text {
        switch m {
        case .procedureRules: return Text("制定和修改业主大会议事规则", "Owners' assembly procedure rules")
        case .managementCovenant: return Text("制定和修改管理规约", "Management covenant")
        case .ownersCommittee: return Text("选举或更换业主委员会成员", "Electing the owners' committee")
        case .propertyManager: return Text("选聘和解聘物业服务企业", "Hiring or dismissing the property manager")
        case .useMaintenanceFund: return Text("使用维修资金", "Using the maintenance fund")
        case .raiseMaintenanceFund: return Text("筹集维修资金", "Raising the maintenance fund")
        case .rebuildOrRenovate: return Text("改建、重建建筑物及其附属设施", "Rebuilding or renovating")
        case .changeUseOfCommonParts: return Text("改变共有部分用途或利用其经营", "Changing the use of common parts")
        case .otherMajorMatter: return Text("其他重大事项", "Another major matter")
        }
    }

    /// What a rule says, short, for errors and results (its source is in the API and on pages).
    static func rule(_ r: CouncilRule) -> Text {
        switch r {
        case .residentsAssemblyQuorum, .representativesAssemblyQuorum, .councilQuorum, .supervisoryQuorum, .meetingQuorum:
            return Text("法定到会人数", "Quorum")
        case .residentsAssemblyMajority, .representativesAssemblyMajority, .councilMajority, .supervisoryMajority, .meetingMajority:
            return Text("表决通过所需多数", "Majority needed to adopt")
        case .tieIsNotAMajority: return Text("票数相等不构成过半数", "A tie is not a majority")
        case .morePresentThanMembers: return Text("到会人数不能多于成员数", "More present than members")
        case .moreVotesThanPresent: return Text("票数不能多于到会人数", "More votes than members present")
        case .voterNotPresent: return Text("只有到会成员可以表决或签署", "Only members present vote or sign")
        case .votedTwice: return Text("每人只能表决(签到)一次", "Each votes (signs in) once")
        case .secretBallotNotNamed: return Text("无记名投票不记录个人表决", "A secret ballot records no names")
        case .reservedToResidentsAssembly: return Text("该事项须由居民会议决定", "This matter is reserved to the residents' assembly")
        case .reservedToOwners: return Text("该事项须由业主共同决定", "This matter is for the owners to decide")
        case .notADecidingBody: return Text("该机构不能议决议题", "This body does not decide topics")
        case .petitionAdultResidents: return Text("五分之一以上十八周岁以上居民", "1/5 of adult residents")
        case .petitionHouseholds: return Text("五分之一以上的户", "1/5 of households")
        case .petitionResidentsGroups: return Text("三分之一以上的居民小组", "1/3 of residents' groups")
        case .petitionHoldingPeriod: return Text("召开期限", "Period for holding the assembly")
        case .signerNotOnRoll: return Text("签名人不是本居住地区居民", "The signer is not a resident of the area")
        case .signerUnderAge: return Text("签名人未满十八周岁", "The signer is under 18")
        case .duplicateSignature: return Text("已经签过名", "Already signed")
        case .topicCoSignatures: return Text("联署人数", "Co-signers needed")
        case .topicCoSignatureHouseholds: return Text("联署户数", "Co-signing households needed")
        case .authorCannotCoSign: return Text("提出人不能为自己的议题联署", "The author cannot co-sign their own topic")
        case .representativesPerHouseholds: return Text("每5至10户推选一名居民代表", "One representative per 5–10 households")
        case .representativeTerm: return Text("居民代表任期", "A representative's term")
        case .assemblyGroupRepresentatives: return Text("每个居民小组推选二至三人", "2–3 representatives per residents' group")
        case .councilSeats: return Text("议事会席位", "Council seats")
        case .councilMemberNotRepresentative: return Text("议事会成员须为居民代表", "Council members are residents' representatives")
        case .supervisorySeats: return Text("监事会席位", "Supervisory seats")
        case .supervisorIsCommitteeMember: return Text("居委会成员不能担任监事", "A committee member may not supervise")
        case .supervisorCloseRelative: return Text("居委会成员的近亲属不能担任监事", "A close relative of a committee member may not supervise")
        case .ownersParticipationArea: return Text("参与表决的专有部分面积占比", "Share of exclusive area taking part")
        case .ownersParticipationHeadcount: return Text("参与表决的业主人数占比", "Share of owners taking part")
        case .ownersSpecialMajorityArea: return Text("四分之三以上参与表决面积同意", "3/4 of the participating area agree")
        case .ownersSpecialMajorityHeadcount: return Text("四分之三以上参与表决业主同意", "3/4 of the participating owners agree")
        case .ownersOrdinaryMajorityArea: return Text("过半数参与表决面积同意", "More than half of the participating area agree")
        case .ownersOrdinaryMajorityHeadcount: return Text("过半数参与表决业主同意", "More than half of the participating owners agree")
        case .notAnOwner: return Text("不是本小区业主", "Not an owner of the compound")
        case .ownerVotedTwice: return Text("业主已经投过票", "The owner has voted already")
        case .exclusivePartArea: return Text("专有部分面积须大于零", "An exclusive part has an area")
        case .exclusivePartListedTwice: return Text("专有部分重复登记", "An exclusive part is listed twice")
        case .managementCommitteeSize, .managementCommitteeOwners, .managementCommitteeChair, .managementCommitteeSuperseded:
            return Text("物业管理委员会的组成", "The property-management committee's composition")
        case .majorMatterStepOrder: return Text("四议两公开的步骤顺序", "The order of the four deliberations")
        case .executionTransition: return Text("执行状态不允许这一步", "The execution's status does not allow this step")
        case .executionActor: return Text("这一步不由该机构办理", "This step belongs to another body")
        case .signOffRequired: return Text("只有监事会可以验收办结", "Only the supervisory committee signs off completion")
        case .tasksUnfinished: return Text("还有任务未完成", "Tasks are unfinished")
        case .evidenceRequired: return Text("须提交佐证材料", "Evidence is required")
        case .taskWeight: return Text("任务权重至少为1", "A task weighs at least 1")
        case .publicReasonRequired: return Text("须写明公开理由", "A public reason is required")
        case .signerNotIndependent: return Text("参与执行的监事不能验收", "A supervisor who took part may not sign off")
        }
    }
}
