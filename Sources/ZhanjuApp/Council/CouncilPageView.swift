import Foundation
import Plot
import ZhanjuRules

/// What the disclosure pages (居务公开) show, built from the council's reads; rendered by
/// CouncilPageView without a database. Phone-sized, printable for notice boards.
struct CouncilIndexModel: Sendable {
    var committeeID: UUID
    var committee: Text
    var topics: [CouncilRead.TopicView]
    var meetings: [(id: UUID, title: String, startsAt: Date, status: MeetingStatus)]
    var resolutions: [CouncilRead.ResolutionView]
    var petitions: [CouncilRead.PetitionView]
    var ownersVotes: [(id: UUID, title: String, closed: Bool, outcome: String)]
    /// The caller may raise a topic here (a resident of the area, the committee, the workstation).
    var mayRaise = false
    /// The bodies and what their composition rules say (for those who may read the structure here).
    var bodies: CouncilRead.BodiesView?
    /// The caller sits on the council: may give notice of a meeting.
    var mayCallMeeting = false
}

struct ResolutionPageModel: Sendable {
    var committee: Text
    var resolution: CouncilRead.ResolutionView
    var topic: CouncilRead.TopicView?
    var meetingTitle: String?
    var item: CouncilRead.ItemView?
    /// The caller may take a step of the execution (the committee, the supervisors, the deciding body).
    var mayAct = false
    /// The caller carries it out (the committee): tasks, progress, evidence.
    var mayExecute = false
}

struct TopicPageModel: Sendable {
    var committee: Text
    var topic: CouncilRead.TopicView
    /// The signed-in resident may co-sign (a resident of the area, the topic gathering signatures).
    var canCoSign: Bool
    var error: ZhanjuError?
    var mayReview = false
    var mayComment = false
}

struct NoticePageModel: Sendable {
    var notice: CouncilRead.NoticeView
    var place: Text
    var canMarkRead: Bool
}

enum CouncilPageView {
    static func colon(_ lang: Lang) -> String { lang == .zh ? ":" : ": " }

    static func percent(_ basisPoints: Int) -> String { String(format: "%.1f%%", Double(basisPoints) / 100) }

    static func statusBadge(_ status: String, lang: Lang) -> Node<HTML.BodyContext> {
        .span(.class("badge status-\(attr(status))"), .text(CouncilStrings.status(ExecutionStatus(rawValue: status) ?? .pending)[lang]))
    }

    static func ruleNode(_ r: CouncilRead.RuleView, lang: Lang) -> Node<HTML.BodyContext> {
        .group(.strong(.text(r.label[lang])), .text(" · " + CouncilStrings.ruleSet(r.ruleSet, version: r.version)[lang]), .br(),
               .small(.class("muted"), .text(CouncilStrings.source(CouncilRule(rawValue: r.rule) ?? .meetingQuorum)[lang])))
    }

    static func checkLine(_ c: CouncilRead.CheckView, lang: Lang) -> Node<HTML.ListContext> {
        let figures = c.base.map { lang == .zh ? "\(c.count) / \(String($0)),需 \(c.required)" : "\(c.count) of \(String($0)); \(c.required) needed" }
            ?? (lang == .zh ? "\(c.count),需 \(c.required)" : "\(c.count); \(c.required) needed")
        return .li(.text(c.met ? "✔ " : "✘ "), .strong(.text(c.rule.label[lang])), .text(colon(lang) + figures),
                   .small(.class("muted"), .text(" (" + CouncilStrings.ruleSet(c.rule.ruleSet, version: c.rule.version)[lang] + ")")))
    }

    static func progressBar(_ basisPoints: Int, lang: Lang) -> Node<HTML.BodyContext> {
        .div(.class("progress"), .attribute(named: "role", value: "img"), .attribute(named: "aria-label", value: attr(CouncilStrings.progress[lang] + " " + percent(basisPoints))),
             .span(.class("bar"), .attribute(named: "style", value: attr("width: \(min(max(basisPoints, 0), 10_000) / 100)%"))), .span(.class("label"), .text(percent(basisPoints))))
    }

    // MARK: the committee's disclosure index

    static func index(_ m: CouncilIndexModel, lang: Lang) -> [Node<HTML.BodyContext>] {
        [
            .p(.class("muted"), .text(Text("议事会议决、居委会执行、监事会监督的全过程,向本社区居民公开。",
                                           "How the council decides, the committee carries out and the supervisors check: public to the residents.")[lang])),
            .if(m.mayRaise || m.mayCallMeeting, .p(.class("actions"),
                .if(m.mayRaise, .a(.class("button"), .href(attr(SitePath.councilNewTopic.link(m.committeeID))), .text(Text("提出议题", "Raise a topic")[lang]))),
                .if(m.mayCallMeeting, .group(.text(" "), .a(.class("button"), .href(attr(SitePath.councilNewMeeting.link(m.committeeID))), .text(Text("发出会议通知", "Give notice of a meeting")[lang])))))),
            .unwrap(m.bodies) { b in bodies(b, lang: lang) },
            .h2(.text(CouncilStrings.resolutions[lang])),
            .if(m.resolutions.isEmpty, .p(.class("muted"), .text(CouncilStrings.none[lang]))),
            .ul(.class("cards"), .forEach(m.resolutions) { r in
                .li(.class("card"), .a(.href(attr(SitePath.councilResolution.link(r.id))), .text(r.title)), .text(" "), statusBadge(r.status, lang: lang),
                    progressBar(r.progressBasisPoints, lang: lang),
                    .if(!r.overdueTasks.isEmpty, .p(.class("warning"), .text("\(CouncilStrings.overdue[lang]): \(r.overdueTasks.count)"))))
            }),
            .h2(.text(CouncilStrings.topics[lang])),
            .if(m.topics.isEmpty, .p(.class("muted"), .text(CouncilStrings.none[lang]))),
            .ul(.forEach(m.topics) { t in
                .li(.a(.href(attr(SitePath.councilTopic.link(t.id))), .text(t.title)),
                    .text(" · \((TopicStatus(rawValue: t.status) ?? .collecting).label[lang])"))
            }),
            .h2(.text(CouncilStrings.meetings[lang])),
            .if(m.meetings.isEmpty, .p(.class("muted"), .text(CouncilStrings.none[lang]))),
            .ul(.forEach(m.meetings) { mt in
                .li(.a(.href(attr(SitePath.councilMeeting.link(mt.id))), .text(mt.title)), .text(" · \(ChinaTime.format(mt.startsAt)) · \(mt.status.label[lang])"))
            }),
            .h2(.text(CouncilStrings.petitions[lang])),
            .if(m.petitions.isEmpty, .p(.class("muted"), .text(CouncilStrings.none[lang]))),
            .ul(.forEach(m.petitions) { p in
                .li(.a(.href(attr(SitePath.councilPetition.link(p.id))), .text(p.purpose)),
                    .text(p.obliged ? Text(" · 已达法定人数,居委会须召集居民会议", " · threshold reached: the committee must convene the assembly")[lang]
                                    : Text(" · 征集签名中", " · gathering signatures")[lang]))
            }),
            .h2(.text(CouncilStrings.ownersVotes[lang])),
            .if(m.ownersVotes.isEmpty, .p(.class("muted"), .text(CouncilStrings.none[lang]))),
            .ul(.forEach(m.ownersVotes) { v in
                .li(.a(.href(attr(SitePath.ownersVote.link(v.id))), .text(v.title)),
                    .text(" · " + (v.closed ? CouncilStrings.ownersOutcome(v.outcome)[lang] : Text("表决中", "open")[lang])))
            }),
        ]
    }

    /// A body's rule set in words: its name, quorum, majority and its base, and the ballot.
    static func rulesLine(_ r: CouncilRead.MeetingRulesView, lang: Lang) -> String {
        let quorum = CouncilStrings.threshold(described: r.quorum)[lang], decision = CouncilStrings.threshold(described: r.decision)[lang]
        let base = CouncilStrings.voteBase(r.decisionBase)[lang], ballot = CouncilStrings.ballot(r.ballot)[lang]
        return CouncilStrings.ruleSet(r.name, version: r.version)[lang] + " · "
            + (lang == .zh ? "法定人数 \(quorum) · \(base)\(decision)同意通过 · \(ballot)" : "quorum \(quorum) · adopted by \(decision) \(base) · \(ballot)")
    }

    static func bodies(_ b: CouncilRead.BodiesView, lang: Lang) -> Node<HTML.BodyContext> {
        .section(.class("card"), .h2(.text(Text("议事、执行与监督机构", "The bodies that decide, execute and supervise")[lang])),
                 .p(.a(.href(attr(SitePath.councilRepresentatives.link(b.committeeId))), .text(CouncilStrings.representatives[lang]))),
                 .forEach(b.bodies) { body in
                     .group(.h3(.text(CouncilStrings.body(DecidingBody(rawValue: body.body) ?? .residentsCouncil)[lang] + " (\(body.members.count))")),
                            .unwrap(body.ruleSet) { r in .p(.class("muted"), .text(rulesLine(r, lang: lang))) },
                            .p(.text(body.members.map(\.name).joined(separator: "、"))),
                            .if(!body.problems.isEmpty, .ul(.class("warning"), .forEach(body.problems) { p in
                                .li(.text(CouncilStrings.rule(CouncilRule(rawValue: p.rule) ?? .supervisorySeats)[lang] + colon(lang) + [p.subject, p[lang]].compactMap { $0 }.joined(separator: " · ")))
                            })))
                 })
    }

    // MARK: a resolution, its execution and the supervisors' findings

    static func resolution(_ m: ResolutionPageModel, lang: Lang) -> [Node<HTML.BodyContext>] {
        let r = m.resolution
        let findings = r.history.filter { $0.action == ExecutionAction.recordFinding.rawValue || $0.action == ExecutionAction.signOff.rawValue }
        return [
            .p(.text(m.committee[lang]), .text(" · "), .text(Text("通过日期", "Adopted on")[lang] + colon(lang) + r.adoptedOn), .text(" "), statusBadge(r.status, lang: lang)),
            .unwrap(m.item) { item in
                .p(.text(Text("表决", "Vote")[lang] + colon(lang)),
                   .text(lang == .zh ? "赞成 \(item.for)、反对 \(item.against)、弃权 \(item.abstain)" : "\(item.for) for, \(item.against) against, \(item.abstain) abstaining"),
                   .unwrap(m.meetingTitle) { .text(" · \($0)") })
            },
            .unwrap(r.decidedBy) { rule in .p(.text(Text("依据", "Decided by")[lang] + colon(lang)), ruleNode(rule, lang: lang)) },
            .unwrap(m.topic) { t in .p(.class("muted"), .text(t.body)) },
            .if(m.mayAct || m.mayExecute, .p(.class("actions"),
                .if(m.mayAct, .a(.class("button"), .href(attr(SitePath.councilAct.link(r.id))), .text(Text("办理 / 验收", "Take a step / sign off")[lang]))),
                .if(m.mayExecute, .group(.text(" "), .a(.href(attr(SitePath.councilNewTask.link(r.id))), .text(Text("分解任务", "Add a task")[lang])),
                                         .text(" · "), .a(.href(attr(SitePath.councilEvidence.link(r.id))), .text(Text("提交佐证", "Add evidence")[lang])))))),
            .h2(.text(CouncilStrings.progress[lang])),
            progressBar(r.progressBasisPoints, lang: lang),
            .h2(.text(CouncilStrings.tasksTitle[lang])),
            .if(r.tasks.isEmpty, .p(.class("muted"), .text(CouncilStrings.none[lang]))),
            // On a phone each task is a block of labelled lines (table.wide).
            .table(.class("list wide"),
                .thead(.tr(.th(.text(Text("任务", "Task")[lang])), .th(.text(Text("负责人", "Owner")[lang])), .th(.text(Text("期限", "Due")[lang])),
                           .th(.text(Text("权重", "Weight")[lang])), .th(.text(CouncilStrings.progress[lang])))),
                .tbody(.forEach(r.tasks) { t in
                    .tr(.td(.attribute(named: "data-label", value: attr(Text("任务", "Task")[lang])), .text(t.parentId == nil ? t.title : "↳ " + t.title)),
                        .td(.attribute(named: "data-label", value: attr(Text("负责人", "Owner")[lang])), .text(t.ownerName)),
                        .td(.attribute(named: "data-label", value: attr(Text("期限", "Due")[lang])), .text(t.dueOn),
                            .if(t.overdue, .span(.class("warning"), .text(" " + CouncilStrings.overdue[lang])))),
                        .td(.attribute(named: "data-label", value: attr(Text("权重", "Weight")[lang])), .text(String(t.weight))),
                        .td(.attribute(named: "data-label", value: attr(CouncilStrings.progress[lang])), .text("\(t.percentDone)%"), .if(m.mayExecute, .group(.text(" "), .a(.href(attr(SitePath.councilProgress.link(t.id))), .text(Text("报告", "report")[lang])),
                                                                                                          .text(" · "), .a(.href(attr(SitePath.councilEvidence.link(r.id) + "?task_id=" + t.id.uuidString)), .text(Text("上传佐证", "evidence")[lang]))))))
                })),
            .h2(.text(CouncilStrings.findings[lang])),
            .if(findings.isEmpty, .p(.class("muted"), .text(CouncilStrings.none[lang]))),
            .ul(.forEach(findings) { e in
                .li(.strong(.text(CouncilStrings.action(e.action)[lang])), .text(" · \(ChinaTime.format(e.at)) · " + CouncilStrings.actor(e.actor)[lang]),
                    .unwrap(e.decision) { d in .p(.class("muted"), .text(bodyDecision(d, lang: lang))) },
                    .unwrap(e.reason) { .p(.text($0)) })
            }),
            .h2(.text(CouncilStrings.evidence[lang])),
            .if(r.evidence.isEmpty, .p(.class("muted"), .text(CouncilStrings.none[lang]))),
            .ul(.forEach(r.evidence) { e in
                .li(.text(e.text), .text(" · \(ChinaTime.format(e.addedAt))"),
                    .unwrap(e.fileUrl) { url in .group(.text(" · "), .a(.href(attr(url)), .text(e.fileName ?? url)), .text(" (\(e.size) B)")) })
            }),
            .h2(.text(CouncilStrings.timeline[lang])),
            .ol(.class("timeline"), .forEach(r.history) { e in
                .li(.text("\(ChinaTime.format(e.at)) · "), .strong(.text(CouncilStrings.action(e.action)[lang])), .text(" · " + CouncilStrings.actor(e.actor)[lang]),
                    .unwrap(e.reason) { .div(.text($0)) })
            }),
        ]
    }

    /// "监事 3 人,到会 3 人,2 人同意(王五、李四)", under the rule set named.
    static func bodyDecision(_ d: CouncilService.BodyDecision, lang: Lang) -> String {
        let who = d.agreed.joined(separator: lang == .zh ? "、" : ", ")
        return Text("监事会 \(d.members) 人,到会 \(d.present.count) 人,\(d.agreed.count) 人同意(\(who))· ", "\(d.members) supervisors, \(d.present.count) present, \(d.agreed.count) agreed (\(who)) · ")[lang]
            + CouncilStrings.ruleSet(d.ruleSet, version: d.version)[lang]
    }

    // MARK: a meeting: notice, agenda, attendance and quorum, results, minutes

    static func meeting(_ m: CouncilRead.MeetingView, committee: Text, lang: Lang, mayRun: Bool = false) -> [Node<HTML.BodyContext>] {
        let open = mayRun && m.status == MeetingStatus.noticed.rawValue
        return [
            .p(.text(committee[lang]), .text(" · \(ChinaTime.format(m.startsAt)) · \(m.place) · "), .text((MeetingStatus(rawValue: m.status) ?? .noticed).label[lang])),
            .p(.class("muted"), .text(Text("通知发布于", "Notice given")[lang] + colon(lang) + ChinaTime.format(m.noticedAt) + " · " + CouncilStrings.ruleSet(m.ruleSet, version: m.ruleSetVersion)[lang]
                                     + " · " + CouncilStrings.ballot(m.ballot)[lang])),
            .h2(.text(Text("出席与法定人数", "Attendance and quorum")[lang])),
            .ul(checkLine(m.quorum, lang: lang)),
            .if(open, .p(.class("actions"), .a(.href(attr(SitePath.councilAttendance.link(m.id))), .text(Text("签到", "Sign members in")[lang])))),
            .p(.text(m.attendance.filter(\.member).map(\.name).joined(separator: "、"))),
            .if(m.attendance.contains { !$0.member }, .p(.class("muted"), .text(Text("列席", "Observers")[lang] + colon(lang)
                + m.attendance.filter { !$0.member }.map(\.name).joined(separator: "、")))),
            .h2(.text(Text("议程与表决结果", "Agenda and results")[lang])),
            .ol(.forEach(m.items) { item in
                .li(.strong(.text(item.title)),
                    .unwrap(item.outcome) { o in .group(.text(" · " + CouncilStrings.outcome(MotionResult.Outcome(rawValue: o) ?? .rejected)[lang]),
                        .text(lang == .zh ? "(赞成 \(item.for)、反对 \(item.against)、弃权 \(item.abstain))" : " (\(item.for) for, \(item.against) against, \(item.abstain) abstaining)")) },
                    .unwrap(item.decidedBy) { .div(.text(Text("依据", "Decided by")[lang] + colon(lang)), ruleNode($0, lang: lang)) },
                    .unwrap(item.decision) { .ul(checkLine($0, lang: lang)) },
                    .if(!item.votes.isEmpty, .div(.class("votes"), .text(Text("记名表决", "Roll call")[lang] + colon(lang)),
                        .ul(.forEach(item.votes) { v in .li(.text(v.name + colon(lang) + CouncilStrings.choice(v.choice)[lang])) }))),
                    .unwrap(item.resolutionId) { .div(.a(.href(attr(SitePath.councilResolution.link($0))), .text(CouncilStrings.resolution[lang]))) },
                    .if(open && item.outcome == nil, .div(.class("actions"),
                        .if(m.ballot == BallotKind.rollCall.rawValue, .group(.a(.href(attr(SitePath.councilVote.link(m.id, item.id))), .text(Text("记录表决", "Record votes")[lang])), .text(" · "))),
                        .a(.href(attr(SitePath.councilDecide.link(m.id, item.id))), .text(Text("结束表决并计票", "Close the vote and count")[lang])))))
            }),
            .h2(.text(Text("会议纪要", "Minutes")[lang])),
            .p(.text(m.minutes ?? CouncilStrings.none[lang])),
            .if(open, .p(.class("actions"), .a(.href(attr(SitePath.councilMinutes.link(m.id))), .text(Text("写纪要并闭会", "Write the minutes and close")[lang])))),
            .if(mayRun && m.status == MeetingStatus.closed.rawValue, .p(.class("actions"), .a(.href(attr(SitePath.councilSign.link(m.id))), .text(Text("签署纪要", "Sign the minutes")[lang])))),
            .p(.text(Text("主持人", "Chair")[lang] + colon(lang) + (m.chair ?? "—") + " · " + Text("记录人", "Recorder")[lang] + colon(lang) + (m.recorder ?? "—"))),
        ]
    }

    // MARK: a topic, with co-signing for residents

    static func topic(_ m: TopicPageModel, lang: Lang, csrf: Node<HTML.FormContext>) -> [Node<HTML.BodyContext>] {
        let t = m.topic
        return [
            .p(.text(m.committee[lang]), .text(" · "), .text((TopicStatus(rawValue: t.status) ?? .collecting).label[lang]),
               .text(" · " + (TopicOrigin(rawValue: t.origin) ?? .resident).label[lang])),
            .p(.text(t.body)),
            .p(.text(Text("事项类别", "Matter")[lang] + colon(lang) + CouncilStrings.matter(MatterKind(rawValue: t.matter) ?? .delegated)[lang]
                     + " · " + Text("有权决定", "Decided by")[lang] + colon(lang) + CouncilStrings.body(DecidingBody(rawValue: t.decidingBody) ?? .residentsCouncil)[lang])),
            .ul(checkLine(t.coSigners, lang: lang)),
            .unwrap(t.reviewReason) { reason in .p(.strong(.text(Text("审查意见", "Review")[lang] + colon(lang))), .text(reason),
                .unwrap(t.reviewRule.flatMap(CouncilRule.init(rawValue:))) { .text(" (" + CouncilStrings.rule($0)[lang] + ")") }) },
            .unwrap(m.error) { e in .div(.class("error"), .id("co-sign-error"), .attribute(named: "role", value: "alert"), .p(.text(e.message[lang]))) },
            .if(m.canCoSign, .form(.class("actions"), .action(attr(SitePath.councilCoSign.link(t.id))), .method(.post), csrf,
                .button(.type(.submit), .if(m.error != nil, .attribute(named: "aria-describedby", value: "co-sign-error")), .text(Text("我联署", "Co-sign")[lang])))),
            .if(m.mayReview, .p(.class("actions"), .a(.class("button"), .href(attr(SitePath.councilReview.link(t.id))), .text(Text("受理审查", "Review")[lang])))),
            .h2(.text(Text("讨论", "Discussion")[lang])),
            .if(m.mayComment, .p(.a(.href(attr(SitePath.councilComment.link(t.id))), .text(Text("发表评论", "Comment")[lang])))),
            .if(t.comments.isEmpty, .p(.class("muted"), .text(CouncilStrings.none[lang]))),
            .ul(.forEach(t.comments) { c in
                .li(.strong(.text(c.author)), .text(" · \(ChinaTime.format(c.createdAt))"),
                    .unwrap(c.text) { .p(.text($0)) },
                    .unwrap(c.hiddenReason) { .p(.class("muted"), .text(Text("已隐藏", "Hidden")[lang] + colon(lang) + $0)) })
            }),
        ]
    }

    // MARK: a petition

    static func petition(_ p: CouncilRead.PetitionView, committee: Text, lang: Lang, maySign: Bool = false, csrf: Node<HTML.FormContext> = .empty) -> [Node<HTML.BodyContext>] {
        [
            .p(.text(committee[lang]), .text(" · " + Text("发起于", "Opened on")[lang] + colon(lang) + p.openedOn)),
            .p(.text(Text("按 \(p.countedOn) 的户籍登记统计(满足任一项即可):", "Counted against the register on \(p.countedOn) (any one suffices):")[lang])),
            .ul(.forEach(p.criteria) { checkLine($0, lang: lang) }),
            .if(p.obliged,
                .p(.class("notice"), .strong(.text(Text("已达到法定要求:居民委员会必须召集居民会议。", "The threshold is reached: the residents' committee must convene the residents' assembly.")[lang])),
                   .text(" "),
                   .text(p.mustBeHeldBy.map { d in Text("最迟于 \(d) 召开", "It must be held by \(d)")[lang] + (p.mustBeHeldByConfirmed ? "" : Text("(该年节假日未公布,日期待确认)", " (that year's holidays are not loaded: to be confirmed)")[lang]) }
                         ?? Text("法律未规定召开期限(\(CouncilStrings.ruleSet(p.holdingRule.ruleSet).zh)),居委会应及时召集。", "The law sets no period (\(CouncilStrings.ruleSet(p.holdingRule.ruleSet).en)): the committee must convene it promptly.")[lang])),
                else: .p(.text(Text("尚未达到法定要求。", "The threshold is not reached yet.")[lang]))),
            .p(.class("muted"), .text(Text("签名共 \(p.signatures) 个;未计入 \(p.setAside.count) 个。", "\(p.signatures) signatures; \(p.setAside.count) set aside.")[lang])),
            .if(maySign, .form(.class("actions"), .action(attr(SitePath.councilPetitionSign.link(p.id))), .method(.post), csrf,
                               .button(.type(.submit), .text(Text("我签名提议", "Sign the petition")[lang])))),
        ]
    }

    // MARK: an owners' vote

    static func area(_ hundredths: Int) -> String { String(format: "%.2f m²", Double(hundredths) / 100) }

    static func ownersVote(_ v: CouncilRead.OwnersVoteView, compound: Text, lang: Lang) -> [Node<HTML.BodyContext>] {
        let r = v.result
        return [
            .p(.text(compound[lang]), .text(" · " + CouncilStrings.ownersMatter(OwnersMatter(rawValue: v.matter) ?? .otherMajorMatter)[lang]),
               .text(" · " + CouncilStrings.ruleSet(v.ruleSet)[lang] + " · " + (v.closedOn.map { Text("\($0) 结束", "closed \($0)")[lang] } ?? Text("表决中", "open")[lang]))),
            .p(.strong(.text(v.closedOn == nil ? Text("当前计票", "Count so far")[lang] : CouncilStrings.ownersOutcome(r.outcome)[lang]))),
            .p(.text(Text("专有部分总面积 \(area(r.totalAreaHundredths)),业主 \(r.totalOwners) 人(一人多套计一人,开发商未售部分计一人)。",
                          "Exclusive area \(area(r.totalAreaHundredths)); \(r.totalOwners) owners (one buyer of several flats counts once; the developer's unsold parts count once).")[lang])),
            .ul(.forEach(r.criteria) { c in
                let isArea = c.rule.rule.hasSuffix("_area")
                let figures = isArea ? "\(area(c.count)) / \(area(c.base ?? 0)), \(Text("需", "needed")[lang]) \(area(c.required))" : "\(c.count) / \(c.base ?? 0), \(Text("需", "needed")[lang]) \(c.required)"
                return .li(.text(c.met ? "✔ " : "✘ "), .strong(.text(c.rule.label[lang])), .text(colon(lang) + figures))
            }),
            .table(.class("list"), .thead(.tr(.th(.text(Text("表决", "Vote")[lang])), .th(.text(Text("面积", "Area")[lang])), .th(.text(Text("人数", "Owners")[lang])))),
                   .tbody(.forEach(r.votes) { s in .tr(.td(.text(CouncilStrings.choice(s.choice)[lang])), .td(.text(area(s.areaHundredths))), .td(.text(String(s.owners)))) })),
        ]
    }

    // MARK: a notice

    static func notice(_ m: NoticePageModel, lang: Lang, csrf: Node<HTML.FormContext>) -> [Node<HTML.BodyContext>] {
        [
            .p(.class("muted"), .text("\(m.place[lang]) · \(m.notice.author) · \(ChinaTime.format(m.notice.publishedAt))")),
            .div(.class("notice-body"), .forEach(m.notice.body.split(separator: "\n").map(String.init)) { .p(.text($0)) }),
            .p(.class("muted"), .text(CouncilStrings.readBy[lang] + colon(lang) + String(m.notice.reads))),
            .if(m.canMarkRead && !m.notice.read, .form(.class("actions"), .action(attr(SitePath.councilNoticeRead.link(m.notice.id))), .method(.post), csrf,
                .button(.type(.submit), .text(CouncilStrings.markRead[lang])))),
            .if(m.notice.read, .p(.class("muted"), .text(Text("您已确认阅读。", "You have marked this read.")[lang]))),
        ]
    }
}
