import Foundation
import Plot
import ZhanjuRules

/// The elections pages' HTML, from their models alone (no database): the committee's overview
/// with a form for each step its stage allows, the printable code slips, the public result, the
/// ballot and the receipt lookup.
enum ElectionPageView {
    /// An error shown beside the form that caused it.
    struct FormError: Sendable {
        var step: ElectionPageModel.Step
        var error: ZhanjuError
    }

    static func colon(_ lang: Lang) -> String { lang == .zh ? ":" : ": " }

    static func errorNode(_ e: FormError?, _ step: ElectionPageModel.Step, lang: Lang) -> Node<HTML.BodyContext> {
        guard let e, e.step == step else { return .empty }
        return .div(.class("error"), .attribute(named: "role", value: "alert"), .p(.text(e.error.message[lang])))
    }

    static func field(_ label: Text, _ control: Node<HTML.LabelContext>, lang: Lang) -> Node<HTML.FormContext> {
        .div(.class("field"), .label(.text(label[lang]), control))
    }

    static func select(_ name: String, _ choices: [ElectionPageModel.Choice], lang: Lang, label: Text) -> Node<HTML.FormContext> {
        field(label, Select(name: name, options: choices.map { ($0.value, $0.label) }, blank: "—", required: true).node(), lang: lang)
    }

    static func text(_ name: String, _ label: Text, lang: Lang, type: HTMLInputType = .text, required: Bool = true) -> Node<HTML.FormContext> {
        field(label, .input(.type(type), .name(attr(name)), .required(required)), lang: lang)
    }

    static func stepForm(_ m: ElectionPageModel, _ path: SitePath, _ step: ElectionPageModel.Step, csrf: Node<HTML.FormContext>, error: FormError?, lang: Lang,
                         title: Text, submit: Text, _ fields: Node<HTML.FormContext>...) -> Node<HTML.BodyContext> {
        guard m.allows(step) else { return .empty }
        return .section(.class("card"), .id(attr(step.rawValue)), .h3(.text(title[lang])), errorNode(error, step, lang: lang),
                        .form(.class("edit"), .method(.post), .action(attr(path.link(m.id))), csrf,
                              .input(.type(.hidden), .name("step"), .value(attr(step.rawValue))),
                              .group(fields), .button(.type(.submit), .text(submit[lang]))))
    }

    static func overview(_ m: ElectionPageModel, error: FormError?, lang: Lang, csrf: Node<HTML.FormContext>) -> [Node<HTML.BodyContext>] {
        let c = colon(lang)
        let seats = m.seats.map { "\(ElectionStrings.post($0.post)[lang]) \($0.seats)" }.joined(separator: lang == .zh ? "、" : ", ")
        let posts: [ElectionPageModel.Choice] = m.seats.filter { $0.seats > 0 }.map { .init(value: $0.post.rawValue, label: ElectionStrings.post($0.post)[lang]) }
        let roles = StaffRole.allCases.map { ElectionPageModel.Choice(value: $0.rawValue, label: ElectionStrings.role($0.rawValue)[lang]) }
        return [
            .p(.strong(.text(m.committee[lang])), .text(" · \(m.method[lang]) · \(seats)")),
            .p(.text("\(ElectionStrings.stage[lang])\(c)"), .strong(.text(m.stage.label[lang])),
               .text(" · \(ElectionStrings.round[lang])\(c)\(m.round) · \(ElectionStrings.pollingDay[lang])\(c)\(m.pollingDay)")),
            .if(m.stage == .announced, .p(.a(.class("button"), .href(attr(SitePath.electionResult.link(m.id))), .text(Text("选举结果(公开)", "The result (public)")[lang])))),

            .h2(.text(ElectionStrings.timetable[lang])),
            .table(.tr(.th(.text(Text("事项", "Milestone")[lang])), .th(.text(Text("日期", "Date")[lang])), .th(.text(Text("依据", "Rule")[lang]))),
                   .forEach(m.timetable) { t in
                       .tr(.td(.text(t.milestone[lang])), .td(.text(t.date + (t.confirmed ? "" : " " + Text("(节假日未定)", "(holidays not yet known)")[lang]))), .td(.text(t.note[lang])))
                   }),

            .h2(.text(ElectionStrings.staff[lang])),
            .if(m.staff.isEmpty, .p(.class("muted"), .text(Text("尚未指定。", "None appointed yet.")[lang]))),
            .ul(.forEach(m.staff) { s in .li(.text("\(s.name) · \(s.role[lang])")) }),
            stepForm(m, .electionStaff, .staff, csrf: csrf, error: error, lang: lang, title: Text("指定选举工作人员", "Appoint election staff"), submit: Strings.save,
                     select("resident_id", m.areaChoices, lang: lang, label: Text("人员", "Person")),
                     select("role", roles, lang: lang, label: Text("职责", "Role"))),

            .h2(.text(ElectionStrings.voterRoll[lang] + " (\(m.registered))")),
            stepForm(m, .electionStep, .buildRoll, csrf: csrf, error: error, lang: lang, title: Text("从居民登记编制选民名单", "Draw up the roll from the register"),
                     submit: Text("编制", "Draw up")),
            stepForm(m, .electionStep, .publishRoll, csrf: csrf, error: error, lang: lang, title: Text("公布选民名单", "Publish the roll"), submit: Text("公布", "Publish")),
            .if(!m.roll.isEmpty, .details(.summary(.text(Text("查看名单", "Show the roll")[lang])),
                .table(.tr(.th(.text(Strings.name[lang])), .th(.text(Text("门牌", "Door")[lang])), .th(.text(Text("登记依据", "Basis")[lang])),
                           .th(.text(Text("本轮已投票", "Voted this round")[lang]))),
                       .forEach(m.roll) { r in
                           .tr(.class(r.removed ? "muted" : ""), .td(.text(r.name + (r.removed ? " " + Text("(已删除)", "(removed)")[lang] : ""))), .td(.text(r.door)),
                               .td(.text(r.basis[lang])), .td(.text(r.voted ? "✓" : "")))
                       }))),
            stepForm(m, .electionRoll, .changeRoll, csrf: csrf, error: error, lang: lang, title: Text("增加或删除选民", "Add or remove a voter"), submit: Strings.save,
                     select("resident_id", m.areaChoices, lang: lang, label: Text("居民", "Resident")),
                     select("change", ElectionService.Change.allCases.map { .init(value: $0.rawValue, label: $0.label[lang]) }, lang: lang, label: Text("变更", "Change")),
                     text("reason", Text("理由", "Reason"), lang: lang),
                     text("since", Text("居住或任职起始日(非本地户籍居民、社区工作者)", "Living or serving here since (non-local residents, community workers)"), lang: lang, type: .date, required: false)),
            .if(!m.rollChanges.isEmpty, .group(.h3(.text(ElectionStrings.rollChanges[lang])),
                .ul(.forEach(m.rollChanges) { ch in .li(.text("\(ch.on) · \(ch.name) · \(ch.change[lang]) · \(ch.reason)")) }))),

            .h2(.text(ElectionStrings.objections[lang])),
            .if(m.objections.isEmpty, .p(.class("muted"), .text(Text("没有异议。", "No objections.")[lang]))),
            .forEach(m.objections) { o in
                .div(.class("card"),
                     .p(.strong(.text(o.name)), .text(" · \(o.request[lang]) · \(o.reason) · \(o.raisedOn) · \(Text("答复期限", "answer due")[lang])\(c)\(o.due)")),
                     .unwrap(o.decision, { d in .p(.text("\(d[lang]) · \(o.answer ?? "")")) },
                             else: .form(.class("edit"), .method(.post), .action(attr(SitePath.electionObjectionAnswer.link(m.id, o.id))), csrf,
                                         select("decision", ElectionService.Decision.allCases.map { .init(value: $0.rawValue, label: $0.label[lang]) }, lang: lang, label: Text("决定", "Decision")),
                                         text("answer", Text("答复", "Answer"), lang: lang),
                                         .button(.type(.submit), .text(Text("答复", "Answer")[lang])))))
            },
            errorNode(error, .objection, lang: lang),
            stepForm(m, .electionObjection, .objection, csrf: csrf, error: nil, lang: lang, title: Text("登记异议", "Record an objection"), submit: Strings.save,
                     select("resident_id", m.areaChoices, lang: lang, label: Text("涉及的居民", "Resident concerned")),
                     select("request", ElectionService.Change.allCases.map { .init(value: $0.rawValue, label: ($0 == .add ? Text("要求补登", "add to the roll") : Text("要求删除", "remove from the roll"))[lang]) },
                            lang: lang, label: Text("要求", "Request")),
                     text("reason", Text("理由", "Reason"), lang: lang)),

            .h2(.text(ElectionStrings.nominations[lang])),
            .ul(.forEach(m.nominations) { n in .li(.text("\(n.name) · \(n.post[lang]) · \(n.kind[lang]) · \(Text("签名", "signers")[lang]) \(n.signers) · \(n.on)")) }),
            stepForm(m, .electionNomination, .nominate, csrf: csrf, error: error, lang: lang, title: Text("登记提名", "Record a nomination"), submit: Strings.save,
                     select("nominee_id", m.rollChoices, lang: lang, label: Text("被提名人", "Nominee")),
                     select("post", posts, lang: lang, label: Text("职位", "Post")),
                     select("kind", [ElectionService.NominationKind.selfNomination, .jointVoters, .jointHouseholds].map { .init(value: $0.rawValue, label: $0.label[lang]) },
                            lang: lang, label: Text("提名方式", "How nominated")),
                     .fieldset(.class("field"), .element(named: "legend", text: Text("签名或附议的选民", "Voters who sign or co-sign")[lang]),
                               .forEach(m.rollChoices) { ch in .label(.class("check"), .input(.type(.checkbox), .name("signers[]"), .value(attr(ch.value))), .text(" " + ch.label)) })),

            .h2(.text(ElectionStrings.candidates[lang])),
            .h3(.text(ElectionStrings.preliminaryList[lang])),
            .ul(.forEach(m.preliminary) { p in .li(.text("\(p.name) · \(ElectionStrings.post(p.post)[lang])")) }),
            stepForm(m, .electionFinalList, .finalList, csrf: csrf, error: error, lang: lang, title: Text("确定并公布正式候选人名单", "Settle and publish the final candidate list"),
                     submit: Text("公布", "Publish"),
                     .fieldset(.class("field"), .element(named: "legend", text: ElectionStrings.finalList[lang]),
                               .forEach(m.preliminary) { p in
                                   .label(.class("check"), .input(.type(.checkbox), .name("candidates[]"), .value(attr("\(p.id.uuidString):\(p.post.rawValue)"))),
                                          .text(" \(p.name) · \(ElectionStrings.post(p.post)[lang])"))
                               })),
            .if(!m.final.isEmpty, .group(.h3(.text(ElectionStrings.finalList[lang])),
                .ul(.forEach(m.final) { p in .li(.text("\(p.name) · \(ElectionStrings.post(p.post)[lang])" + (p.sex == .female ? " · " + Text("女", "woman")[lang] : ""))) }))),

            .h2(.text(Text("委托投票(投票前公布)", "Proxies (published before polling)")[lang])),
            .if(m.proxies.isEmpty, .p(.class("muted"), .text(Text("没有委托。", "No proxies.")[lang]))),
            .ul(.forEach(m.proxies) { p in .li(.text("\(p.grantor) → \(p.holder) · \(p.relation[lang])")) }),
            stepForm(m, .electionProxy, .proxy, csrf: csrf, error: error, lang: lang, title: Text("登记书面委托", "Record a written proxy"), submit: Strings.save,
                     select("grantor_id", m.rollChoices, lang: lang, label: Text("委托人", "Voter giving the proxy")),
                     select("holder_id", m.rollChoices, lang: lang, label: Text("受托人(近亲属)", "Holder (a close relative)")),
                     select("relation", KinRelation.allCases.map { .init(value: $0.rawValue, label: lang == .zh ? $0.zh : $0.en) }, lang: lang, label: Text("受托人是委托人的", "The holder is the voter's")),
                     .div(.class("field"), .label(.class("check"), .input(.type(.checkbox), .name("written")), .text(" " + Text("已交书面委托书", "The signed authorisation was handed in")[lang])))),

            .h2(.text(ElectionStrings.vote[lang])),
            .p(.text("\(Text("本轮已发投票码", "Codes issued this round")[lang])\(c)\(m.codesIssued) · \(Text("已投票", "Voted")[lang])\(c)\(m.votedThisRound) / \(m.registered)")),
            stepForm(m, .electionCodes, .codes, csrf: csrf, error: error, lang: lang, title: Text("打印投票码(每位选民一张,只显示一次)", "Print voting codes (one slip per voter, shown once)"),
                     submit: Text("生成并打印", "Issue and print")),
            stepForm(m, .electionStep, .openPolling, csrf: csrf, error: error, lang: lang, title: Text("开始投票(选举日)", "Open polling (on election day)"), submit: Text("开始", "Open")),
            .if(m.stage == .polling, .p(.a(.href(attr(SitePath.vote.link())), .text(Text("投票页面", "The voting page")[lang])), .text(" · "),
                                        .a(.href(attr(SitePath.electionBooth.link(m.id))), .text(Text("投票站:发票、录入纸质选票", "Polling station: issue and enter paper ballots")[lang])))),
            stepForm(m, .electionMobileBox, .mobileBox, csrf: csrf, error: error, lang: lang, title: Text("派出流动票箱", "Send out a mobile ballot box"), submit: Text("派出", "Send out"),
                     .fieldset(.class("field"), .element(named: "legend", text: Text("携带票箱的工作人员(至少 3 人)", "Staff carrying it (at least 3)")[lang]),
                               .forEach(m.carrierChoices) { ch in .label(.class("check"), .input(.type(.checkbox), .name("carriers[]"), .value(attr(ch.value))), .text(" " + ch.label)) })),
            stepForm(m, .electionCount, .count, csrf: csrf, error: error, lang: lang, title: Text("结束投票并计票", "Close polling and count"), submit: ElectionStrings.count,
                     .fieldset(.class("field"), .element(named: "legend", text: Text("监票人", "Scrutineers")[lang]),
                               .forEach(m.scrutineerChoices) { ch in .label(.class("check"), .input(.type(.checkbox), .name("scrutineers[]"), .value(attr(ch.value))), .text(" " + ch.label)) })),
            stepForm(m, .electionStep, .announce, csrf: csrf, error: error, lang: lang, title: Text("公布选举结果", "Announce the result"), submit: Text("公布", "Announce")),

            .if(m.stage == .announced, .group(recallSection(m, error: error, lang: lang, csrf: csrf))),

            .h2(.text(ElectionStrings.count[lang])),
            .if(m.rounds.allSatisfy { !$0.counted }, .p(.class("muted"), .text(Text("尚未计票。", "Not counted yet.")[lang]))),
            .forEach(m.rounds.filter(\.counted)) { r in roundNode(r, lang: lang) },
            .p(.a(.href(attr(SitePath.electionReceipt.link(m.id))), .text(Text("回执查询", "Look up a receipt")[lang])), .text(" · "),
               .a(.href(attr(ElectionsAPI.logPath(m.id))), .text(Text("下载选票日志", "Download the ballot log")[lang]))),
        ]
    }

    static func roundNode(_ r: ElectionRead.RoundView, lang: Lang) -> Node<HTML.BodyContext> {
        let c = colon(lang)
        return .section(.class("card"),
            .h3(.text("\(ElectionStrings.round[lang]) \(r.number)" + (r.valid == false ? " · " + Text("投票无效", "void")[lang] : ""))),
            .p(.text("\(Text("登记选民", "Registered voters")[lang])\(c)\(r.registeredVoters ?? 0) · \(Text("发出", "Issued")[lang])\(c)\(r.ballotsIssued) · \(Text("收回", "Cast")[lang])\(c)\(r.ballotsCast ?? 0)")),
            .ul(.forEach(r.validity) { v in .li(.text(lang == .zh ? v.zh : v.en)) }),
            .forEach(r.posts) { p in
                .div(.h4(.text("\(ElectionStrings.post(p.post)[lang]) · \(ElectionStrings.kind(p.kind)[lang]) · \(Text("应选", "seats")[lang]) \(p.seats)"
                               + (p.votesNeeded > 0 ? " · \(Text("当选须得", "needs")[lang]) \(p.votesNeeded)" : ""))),
                     .p(.class("muted"), .text("\(Text("有效", "valid")[lang]) \(p.validBallots) · \(Text("弃权", "blank")[lang]) \(p.blankBallots) · \(Text("无效", "void")[lang]) \(p.voidBallots)")),
                     .table(.tr(.th(.text(Strings.name[lang])), .th(.text(ElectionStrings.votes[lang])), .th(.text(ElectionStrings.elected[lang]))),
                            .forEach(p.counts) { count in
                                .tr(.td(.text(count.name)), .td(.text("\(count.votes)")), .td(.text(p.elected.contains { $0.residentId == count.residentId } ? "✓" : "")))
                            }),
                     .ul(.forEach(p.elected.map(\.explanation) + p.explanations) { x in .li(.text(lang == .zh ? x.zh : x.en)) }))
            })
    }

    /// The printable slips: one per voter, cut along the lines.
    static func slips(_ name: Text, codes: [ElectionService.IssuedCode], lang: Lang) -> [Node<HTML.BodyContext>] {
        [
            .p(.class("muted"), .text(Text("每张投票码只显示这一次,请立即打印并分发;投票码只能使用一次,凭码在投票页面投票。",
                                           "Each code is shown this once: print and hand them out now. A code is used once, on the voting page.")[lang])),
            .if(codes.isEmpty, .p(.text(Text("所有选民本轮都已有投票码。", "Every voter already has a code for this round.")[lang]))),
            .div(.class("slips"), .forEach(codes) { s in
                .div(.class("card slip"), .p(.strong(.text(name[lang]))), .p(.text("\(s.name) · \(s.door) · \(ElectionStrings.round[lang]) \(s.round)")),
                     .p(.class("code"), .text(s.code)), .p(.class("muted"), .text(SitePath.vote.link())))
            }),
        ]
    }

    static func result(_ r: ElectionRead.Result, lang: Lang) -> [Node<HTML.BodyContext>] {
        let c = colon(lang)
        return [
            .p(.strong(.text(lang == .zh ? r.committeeNameZh : r.committeeNameEn)),
               .text(" · \(ElectionStrings.pollingDay[lang])\(c)\(r.election.pollingDay) · \(Text("公布", "Announced")[lang])\(c)\(r.election.announcedOn ?? "")")),
            .h2(.text(ElectionStrings.elected[lang])),
            .table(.tr(.th(.text(Text("职位", "Post")[lang])), .th(.text(Strings.name[lang])), .th(.text(ElectionStrings.votes[lang])), .th(.text(Text("依据", "On")[lang]))),
                   .forEach(r.elected) { e in
                       .tr(.td(.text(ElectionStrings.post(e.post)[lang])), .td(.text(e.name)), .td(.text("\(e.votes)")), .td(.text(lang == .zh ? e.explanation.zh : e.explanation.en)))
                   }),
            .p(.text("\(Text("任期", "Term")[lang])\(c)\(r.termStarts) – \(r.termEnds ?? "")")),
            .if(!r.openSeats.isEmpty, .p(.class("flag"), .text(Text("空缺", "Open seats")[lang] + c + r.openSeats.map { "\(ElectionStrings.post($0.post)[lang]) \($0.seats)" }.joined(separator: ", ")))),
            .ul(.forEach(r.checks) { x in .li(.text(lang == .zh ? x.zh : x.en)) }),
            .forEach(r.rounds.filter(\.counted)) { roundNode($0, lang: lang) },
            .p(.class("muted"), .text("\(ElectionStrings.ballotLog[lang])\(c)\(r.election.ballotsInLog) · \(r.election.logHead)")),
            .p(.a(.href(attr(SitePath.electionReceipt.link(r.election.id))), .text(Text("回执查询", "Look up a receipt")[lang])), .text(" · "),
               .a(.href(attr(ElectionsAPI.logPath(r.election.id))), .text(Text("下载选票日志(可用 zhanju election verify 离线核验)", "Download the ballot log (check it offline with zhanju election verify)")[lang]))),
        ]
    }

    static func codeForm(error: ZhanjuError?, lang: Lang) -> [Node<HTML.BodyContext>] {
        [
            .p(.text(Text("请输入投票码(印在投票码单上,只能使用一次)。", "Enter the voting code printed on your slip (it is used once).")[lang])),
            .unwrap(error) { .div(.class("error"), .attribute(named: "role", value: "alert"), .p(.text($0.message[lang]))) },
            .form(.class("edit"), .method(.post), .action(attr(SitePath.vote.link())),
                  .div(.class("field"), .label(.text(Text("投票码", "Voting code")[lang]), .input(.type(.text), .name("code"), .required(true), .attribute(named: "autocomplete", value: "off")))),
                  .button(.type(.submit), .text(Text("打开选票", "Open the ballot")[lang]))),
        ]
    }

    static func ballot(_ paper: ElectionsAPI.BallotPaper, code: String, error: ZhanjuError?, lang: Lang) -> [Node<HTML.BodyContext>] {
        [
            .p(.strong(.text(lang == .zh ? paper.nameZh : paper.nameEn)), .text(" · \(ElectionStrings.round[lang]) \(paper.round)")),
            .unwrap(error) { .div(.class("error"), .attribute(named: "role", value: "alert"), .p(.text($0.message[lang]))) },
            .form(.class("edit"), .method(.post), .action(attr(SitePath.voteCast.link())),
                  .input(.type(.hidden), .name("code"), .value(attr(code))),
                  .forEach(paper.posts) { p in
                      .fieldset(.class("field"), .element(named: "legend", text: "\(ElectionStrings.post(p.post)[lang]) · \(ElectionStrings.kind(p.kind)[lang])"
                                                          + " · " + Text("最多选 \(p.seats) 人,多选则该职位无效", "mark at most \(p.seats); more makes this post void")[lang]),
                                .forEach(p.candidates) { c in
                                    .label(.class("check"), .input(.type(.checkbox), .name(attr("marks.\(p.post)[]")), .value(attr(c.residentId))), .text(" " + c.name))
                                })
                  },
                  .button(.type(.submit), .text(Text("投票", "Cast the ballot")[lang]))),
        ]
    }

    static func receipt(electionID: UUID, name: Text, lookup: ElectionRead.ReceiptView?, lang: Lang) -> [Node<HTML.BodyContext>] {
        let c = colon(lang)
        return [
            .p(.strong(.text(name[lang]))),
            .form(.class("search"), .method(.get), .action(attr(SitePath.electionReceipt.link(electionID))),
                  .input(.type(.text), .name("receipt"), .value(attr(lookup?.receipt ?? "")), .attribute(named: "aria-label", value: attr(ElectionStrings.receipt[lang]))),
                  .button(.type(.submit), .text(Text("查询", "Look up")[lang]))),
            .unwrap(lookup) { l in
                l.found
                    ? .div(.class("card"), .p(.strong(.text(Text("您的选票已记入公开选票日志。", "Your ballot is in the public ballot log.")[lang]))),
                           .p(.text("\(ElectionStrings.receipt[lang])\(c)\(l.receipt) · \(ElectionStrings.round[lang])\(c)\(l.round ?? 0) · \(Text("序号", "Entry")[lang])\(c)\(l.sequence ?? 0)")),
                           .p(.class("muted"), .text("hash\(c)\(l.hash ?? "")")))
                    : .p(.class("flag"), .text(Text("选票日志中没有这个回执码。", "This receipt is not in the ballot log.")[lang]))
            },
        ]
    }
}

extension ElectionPageView {
    /// The committee's recall section: the recalls so far (a form for the count of each one
    /// proposed), and a petition against a sitting member picked by name, signed from the current roll.
    static func recallSection(_ m: ElectionPageModel, error: FormError?, lang: Lang, csrf: Node<HTML.FormContext>) -> [Node<HTML.BodyContext>] {
        [
            .h2(.text(Text("罢免", "Recall")[lang])),
            .p(.class("muted"), .text(Text("罢免由当前选民名单上的选民联名提出,经选民投票表决;所需人数和票数按本次选举的规则集计算,并随结果公开。",
                                           "A recall is proposed by voters on the current roll who sign, and put to the voters; the signers and votes needed follow this election's rule set and are published with the result.")[lang])),
            .forEach(m.recalls) { r in
                .div(.class("card"), recallNode(r, lang: lang),
                     .if(r.state == RecallState.petitioned.rawValue,
                         .form(.class("edit"), .method(.post), .action(attr(SitePath.electionRecallVote.link(m.id, r.id))), csrf,
                               text("ballots_cast", Text("投票人数", "Ballots cast"), lang: lang, type: .number),
                               text("in_favour", Text("赞成罢免票数", "Votes in favour of the recall"), lang: lang, type: .number),
                               .button(.type(.submit), .text(Text("登记表决结果", "Record the vote")[lang])))))
            },
            errorNode(error, .recallVote, lang: lang),
            stepForm(m, .electionRecall, .recall, csrf: csrf, error: error, lang: lang, title: Text("提出罢免", "Propose a recall"), submit: Strings.save,
                     select("member_id", m.memberChoices, lang: lang, label: Text("被提出罢免的成员", "Member to recall")),
                     text("reason", Text("罢免理由", "Reason for the recall"), lang: lang),
                     .fieldset(.class("field"), .element(named: "legend", text: Text("联名的选民", "Voters who sign")[lang]),
                               .forEach(m.currentRollChoices) { ch in .label(.class("check"), .input(.type(.checkbox), .name("signers[]"), .value(attr(ch.value))), .text(" " + ch.label)) })),
        ]
    }

    /// One recall, explained: who, why, the petition's figures and the vote's.
    static func recallNode(_ r: ElectionService.RecallView, lang: Lang) -> Node<HTML.BodyContext> {
        let c = colon(lang)
        return .group(
            .h3(.text("\(r.memberName) · \(ElectionStrings.post(r.post)[lang]) · \((RecallState(rawValue: r.state)?.label ?? Text(r.state, r.state))[lang])")),
            .p(.text("\(Text("理由", "Reason")[lang])\(c)\(r.reason) · \(Text("提出", "Proposed")[lang])\(c)\(r.petitionedOn) · \(Text("联名", "Signers")[lang])\(c)\(r.signers) / \(r.petitionRoll)")),
            .ul(.forEach(r.petition + r.vote) { x in .li(.text(lang == .zh ? x.zh : x.en)) }),
            .unwrap(r.decidedOn) { d in .p(.text("\(Text("表决", "Voted")[lang])\(c)\(d) · \(Text("登记选民", "Registered voters")[lang])\(c)\(r.registeredVoters ?? 0) · \(Text("投票", "Voted")[lang])\(c)\(r.ballotsCast ?? 0) · \(Text("赞成", "In favour")[lang])\(c)\(r.inFavour ?? 0)")) })
    }

    /// The public result page's recalls.
    static func recalls(_ list: [ElectionService.RecallView], lang: Lang) -> [Node<HTML.BodyContext>] {
        guard !list.isEmpty else { return [] }
        return [.h2(.text(Text("罢免", "Recalls")[lang])), .forEach(list) { r in .section(.class("card"), recallNode(r, lang: lang)) }]
    }
}
