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
    static let representatives = Text("居民代表", "Residents' representatives")
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

    /// Who took a step: a person's name as recorded, or the system in the page's language.
    static func actor(_ label: String) -> Text {
        switch label {
        case "demo loader": return Text("系统(演示数据)", "System (demo data)")
        case "reader", "system": return Text("系统", "System")
        default: return Text(label, label)
        }
    }

    /// A vote for, against or abstaining (roll calls, owners' votes).
    static func choice(_ c: String) -> Text {
        switch VoteChoice(rawValue: c) {
        case .for: return Text("赞成", "For")
        case .against: return Text("反对", "Against")
        case .abstain: return Text("弃权", "Abstain")
        case nil: return Text(c, c)
        }
    }

    /// Secret or roll-call, as a rule set says.
    static func ballot(_ b: String) -> Text {
        switch BallotKind(rawValue: b) {
        case .secret: return Text("无记名投票", "secret ballot")
        case .rollCall: return Text("记名表决", "roll call")
        case nil: return Text(b, b)
        }
    }

    /// What a decision's share is taken of.
    static func voteBase(_ b: String) -> Text {
        switch VoteBase(rawValue: b) {
        case .present: return Text("到会人员", "of those present")
        case .allMembers: return Text("全体组成人员", "of all members")
        case .votesCast: return Text("赞成票与反对票", "of votes for and against")
        case nil: return Text(b, b)
        }
    }

    /// A share threshold ("more than 1/2", "at least 2/3") in the page's language.
    static func threshold(_ t: ShareThreshold) -> Text {
        let share = "\(t.numerator)/\(t.denominator)"
        switch t.comparison {
        case .moreThan: return Text("超过 \(share)", "more than \(share)")
        case .atLeast: return Text("不少于 \(share)", "at least \(share)")
        }
    }

    /// The same, from the description the API serves (ShareThreshold.description).
    static func threshold(described d: String) -> Text {
        for (prefix, comparison) in [("more than ", ShareThreshold.Comparison.moreThan), ("at least ", .atLeast)] where d.hasPrefix(prefix) {
            let parts = d.dropFirst(prefix.count).split(separator: "/").compactMap { Int($0) }
            if parts.count == 2 { return threshold(ShareThreshold(comparison, parts[0], parts[1])) }
        }
        return Text(d, d)
    }

    /// The rule sets RULES.md gives as defaults, by name; a committee's own version of one is
    /// named after the default it departs from with a suffix (CouncilService.setRuleSet).
    static let ruleSetNames: [String: Text] = [
        MeetingRules.residentsAssembly2018.name: Text("居民会议规则(居委会组织法 2018)", "Residents' assembly rules (Organic Law 2018)"),
        MeetingRules.representativesAssembly.name: Text("居民代表会议规则(参照村委会组织法)", "Representatives' assembly rules (by analogy with the Villagers' Committee Law)"),
        MeetingRules.chengduCouncil.name: Text("居民议事会规则(成都模式)", "Residents' council rules (Chengdu model)"),
        MeetingRules.supervisoryCommittee.name: Text("监事会议事规则", "Supervisory committee rules"),
        PetitionRules.organicLaw2018.name: Text("提议召开居民会议(居委会组织法 2018)", "Petitions for the residents' assembly (Organic Law 2018)"),
        CouncilComposition.chengdu.name: Text("议事会组成(成都模式,约30人)", "Council composition (Chengdu model, about 30)"),
        JurisdictionRules.organicLaw2018.name: Text("议决权限(居委会组织法 2018)", "Who decides what (Organic Law 2018)"),
        MajorMatterProcedure.fourDeliberationsTwoDisclosures.name: Text("四议两公开", "Four deliberations, two disclosures"),
        OwnersVoteRules.civilCode2021.name: Text("业主共同决定(民法典第278条)", "Owners' decisions (Civil Code art. 278)"),
        PropertyManagementCommitteeRules.beijing.name: Text("物业管理委员会(北京模式)", "Property-management committee (Beijing model)"),
        RepresentativeRules.standard.name: Text("居民代表(每5至10户一名)", "Representatives (one per 5–10 households)"),
        SupervisoryComposition.standard.name: Text("监事独立性", "Supervisors' independence"),
        TopicRules.standard.name: Text("议题联署", "Co-signing a topic"),
    ]

    /// A rule set's name in the page's language; an unknown name is shown as it is.
    static func ruleSet(_ name: String) -> Text {
        if let known = ruleSetNames[name] { return known }
        if let dash = name.lastIndex(of: "-"), let base = ruleSetNames[String(name[..<dash])], name[name.index(after: dash)...].count == 8 {
            return Text(base.zh + "·本居委会自定", base.en + ", this committee's own")
        }
        return Text(name, name)
    }

    /// A rule set's name and version, as pages cite it.
    static func ruleSet(_ name: String, version: Int) -> Text {
        let n = ruleSet(name)
        return Text("\(n.zh) 第\(version)版", "\(n.en) v\(version)")
    }

    /// Where a rule's default comes from, in both languages (the English is the rules' own).
    static func source(_ r: CouncilRule) -> Text { Text(sourceZh(r), r.source) }

    private static func sourceZh(_ r: CouncilRule) -> String {
        switch r {
        case .residentsAssemblyQuorum: return "城市居民委员会组织法(2018)第九条:有选举权的居民过半数出席"
        case .residentsAssemblyMajority: return "城市居民委员会组织法(2018)第九条:到会人员过半数同意"
        case .representativesAssemblyQuorum: return "参照村民委员会组织法第二十六条:三分之二以上组成人员参加"
        case .representativesAssemblyMajority: return "参照村民委员会组织法第二十六条:到会人员过半数同意"
        case .councilQuorum: return "成都居民议事会(人民日报 2011):未见法定人数规定,三分之二为本系统默认值"
        case .councilMajority: return "成都居民议事会:全体组成人员过半数同意(本系统默认值,可配置)"
        case .supervisoryQuorum, .supervisoryMajority: return "RULES.md 未作规定:本系统默认全体组成人员过半数"
        case .meetingQuorum, .meetingMajority: return "该机构自己的规则集:RULES.md 未作规定"
        case .tieIsNotAMajority: return "“过半数”指超过一半:票数相等不构成过半数(而“以上”包括本数,民法典第一千二百五十九条)"
        case .morePresentThanMembers, .moreVotesThanPresent, .voterNotPresent, .votedTwice: return "计票:只有到会成员表决,每人一次"
        case .secretBallotNotNamed: return "该机构的规则集规定无记名投票:不记录个人表决"
        case .reservedToResidentsAssembly: return "城市居民委员会组织法(2018)第十条、第十五至十七条:居民公约、向居民筹集费用、从居委会经济收入中补助、涉及全体居民利益的问题"
        case .reservedToOwners: return "民法典第二百七十八条:由业主共同决定的事项"
        case .notADecidingBody: return "居委会负责执行,监事会负责监督,二者均不议决议题"
        case .petitionAdultResidents, .petitionHouseholds, .petitionResidentsGroups:
            return "城市居民委员会组织法(2018)第十条:五分之一以上的十八周岁以上居民、五分之一以上的户或者三分之一以上的居民小组提议"
        case .petitionHoldingPeriod: return "RULES.md 未规定提议后召开居民会议的期限:规则集未设定则无期限"
        case .signerNotOnRoll, .signerUnderAge, .duplicateSignature: return "城市居民委员会组织法(2018)第九至十条:十八周岁以上居民,每人计一次"
        case .topicCoSignatures, .topicCoSignatureHouseholds, .authorCannotCoSign: return "RULES.md 未作规定:参照提名,默认十人联署"
        case .representativesPerHouseholds: return "RULES.md 居民代表会议:每5至10户推选一名居民代表,按居民小组推选(参照村民委员会组织法第二十五条)"
        case .representativeTerm: return "参照村民委员会组织法第二十五条:居民代表任期与居委会相同,五年(2018年第八条)"
        case .assemblyGroupRepresentatives: return "城市居民委员会组织法(2018)第九条:每个居民小组推选二至三人"
        case .councilSeats, .councilMemberNotRepresentative: return "成都居民议事会:约30名成员,从居民代表中选举产生"
        case .supervisorySeats: return "RULES.md 未作规定:参照村务监督委员会的通常做法,默认3至5人"
        case .supervisorIsCommitteeMember, .supervisorCloseRelative:
            return "居委会组织法2025年修正;参照村民委员会组织法第三十二条:居委会成员及其近亲属(民法典第一千零四十五条)不得担任监事"
        case .ownersParticipationArea, .ownersParticipationHeadcount: return "民法典第二百七十八条第二款:专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决"
        case .ownersSpecialMajorityArea, .ownersSpecialMajorityHeadcount: return "民法典第二百七十八条第二款第六至八项:经参与表决专有部分面积四分之三以上且参与表决人数四分之三以上的业主同意"
        case .ownersOrdinaryMajorityArea, .ownersOrdinaryMajorityHeadcount: return "民法典第二百七十八条第二款其他事项:经参与表决专有部分面积过半数且参与表决人数过半数的业主同意"
        case .notAnOwner, .ownerVotedTwice, .exclusivePartArea, .exclusivePartListedTwice:
            return "最高人民法院建筑物区分所有权司法解释(2009)第八至九条:面积按不动产登记簿;业主人数按专有部分计,一人拥有多个专有部分、建设单位未出售或未交付的部分各计一人"
        case .managementCommitteeSize, .managementCommitteeOwners, .managementCommitteeChair, .managementCommitteeSuperseded:
            return "RULES.md 物业管理委员会(北京模式):临时机构,成员为不少于7人的单数,业主不少于一半,由居委会牵头,业主委员会成立后解散"
        case .majorMatterStepOrder: return "RULES.md 四议两公开:提议、商议、审议、决议,然后决议公开、实施结果公开"
        case .executionTransition, .executionActor, .tasksUnfinished, .evidenceRequired, .taskWeight: return "RULES.md 四议两公开:居委会执行决议,实施结果公开"
        case .signOffRequired, .signerNotIndependent: return "RULES.md 监事会:监督执行;居委会不能自行认定办结"
        case .publicReasonRequired: return "RULES.md 居务公开:居民可以询问,并得到公开答复"
        }
    }
}

extension CouncilStrings {
    /// A family tie the registry presumes, by name.
    static func tie(_ kind: FamilyTie.Kind) -> Text {
        switch kind {
        case .spouse: return Text("配偶", "spouse")
        case .parent: return Text("父母", "parent")
        case .child: return Text("子女", "child")
        case .sibling: return Text("兄弟姐妹", "sibling")
        case .grandparent: return Text("祖父母、外祖父母", "grandparent")
        case .grandchild: return Text("孙子女、外孙子女", "grandchild")
        case .parentInLaw: return Text("配偶的父母", "parent-in-law")
        case .childInLaw: return Text("子女的配偶", "child-in-law")
        case .siblingInLaw: return Text("兄弟姐妹的配偶或配偶的兄弟姐妹", "sibling-in-law")
        case .uncleOrAunt: return Text("伯叔姑舅姨", "uncle or aunt")
        case .nephewOrNiece: return Text("侄甥", "nephew or niece")
        case .cousin: return Text("堂表兄弟姐妹", "cousin")
        case .other: return Text("其他亲属", "other relative")
        }
    }
}
