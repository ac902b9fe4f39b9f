import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// Self-governance in the demo, walked through CouncilService day by day: a Victoria resident
/// raises a topic in Weirong that gathers co-signatures; the committee admits it (and refers a
/// residents' compact to the residents' assembly, the rule named); the council meets with a
/// quorum and adopts it with the workstation's guidance topic; the committee carries it out in
/// steps with evidence; the supervisory committee records a finding that reopens it, then signs it
/// off; the guidance topic's work runs late and is flagged to the workstation. A petition to
/// convene the residents' assembly reaches its threshold. Zhonghai Mingcheng's dwellings are
/// registered with areas and owners (some with several flats, some flats let, the developer's
/// unsold ones) and two owners' votes are counted by area and headcount.
enum DemoCouncil {
    struct Made: Sendable {
        var resolutions: Int
        var ownersBallots: Int
        var dwellings: Int
    }

    /// A 1×1 PNG, the evidence photo's stand-in.
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!

    static func create(on db: any Database, app: Application, context: WriteContext, rng: inout SeededGenerator) async throws -> Made? {
        guard let weirong = try await ResidentsCommittee.query(on: db).filter(\.$code == "WR").first(), let committee = weirong.id,
              let victoria = try await Compound.query(on: db).filter(\.$code == "VIC").first(),
              let zhmc = try await Compound.query(on: db).filter(\.$code == "ZHMC").first() else { return nil }
        let calendar = try await app.access.calendar(on: db)
        let today = app.clock.today
        func on(_ days: Int) -> CouncilService {
            let date = today.adding(days: days)
            return CouncilService(db: db, context: context, calendar: calendar, now: Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400 + 2 * 3_600), today: date)
        }
        let registry = RegistryDirectory(db: db)

        // The author: the demo's `resident` account, a Victoria head of household with no post.
        let author = try await Account.query(on: db).filter(\.$username == "resident").first()?.residentID
        let victoriaPeople = try await Resident.query(on: db).join(Household.self, on: \Resident.$household.$id == \Household.$id)
            .filter(Household.self, \.$compound.$id == victoria.id!).sort(\.$id).all()
        let posted = Set(try await Appointment.query(on: db).all().map { $0.$resident.id })
        let adults = victoriaPeople.filter { CivilDate(iso: $0.birthDate).map { $0.age(on: today) >= 18 } == true && !posted.contains($0.id!) && $0.id != author }
        guard let author else { return nil }
        var households: Set<UUID> = []
        var signers: [UUID] = []
        for p in adults.shuffled(using: &rng) where signers.count < 11 {
            guard let h = p.$household.id, households.insert(h).inserted else { continue }
            signers.append(p.id!)
        }

        // MARK: topics
        let ramp = try await on(-40).raiseTopic(.init(committeeId: committee, title: "维多利亚东门增设无障碍坡道和扶手",
            body: "东门只有五级台阶,坐轮椅的老人和推童车的家长进出都要绕行北门。建议在东门增设无障碍坡道并安装扶手,费用由居委会公益金列支。",
            matter: MatterKind.delegated.rawValue, origin: TopicOrigin.resident.rawValue), author: author)
        for (i, s) in signers.prefix(10).enumerated() { _ = try await on(-39 + i / 4).coSign(ramp.id!, resident: s) }
        _ = try await on(-37).comment(ramp.id!, .init(text: "赞成。坡道坡度请按无障碍设计规范,不要太陡。"), resident: signers[10])
        let phone = try await on(-37).comment(ramp.id!, .init(text: "有意见可以打我电话 13800001234 详谈。"), resident: signers[0])
        _ = try await on(-36).moderate(phone.id!, .init(reason: "评论含有个人电话号码,为保护个人信息已隐藏;如需联系请通过居委会。"))
        _ = try await on(-36).review(ramp.id!, .init(decision: "admit", reason: "属于维多利亚小区公共设施事务,在居民会议授权议事会议决的范围内,受理并提交议事会。", matter: nil))

        let tidy = try await on(-35).raiseTopic(.init(committeeId: committee, title: "融城后街楼道堆物集中清理",
            body: "近三个月消防安全类诉求上升(诉求看板),工作站建议议事会议定楼道堆物集中清理的时间和办法。",
            matter: MatterKind.delegated.rawValue, origin: TopicOrigin.caseTrend.rawValue))
        _ = try await on(-35).review(tidy.id!, .init(decision: "admit", reason: "消防安全隐患,受理并提交议事会。", matter: nil))
        let compact = try await on(-34).raiseTopic(.init(committeeId: committee, title: "制定《维融居民公约》",
            body: "建议制定居民公约,约定文明养犬、垃圾分类和公共空间使用。", matter: MatterKind.residentsCompact.rawValue, origin: TopicOrigin.committee.rawValue))
        _ = try await on(-33).review(compact.id!, .init(decision: "admit", reason: "居民公约须由居民会议讨论制定,转居民会议。", matter: nil))

        // MARK: the council meets
        let members = try await registry.members(of: .residentsCouncil, committee: committee, on: today.adding(days: -30))
        let convenor = members.first { $0.post == .councilConvenor } ?? members[0]
        let others = members.filter { $0.id != convenor.id }
        let meeting = try await on(-31).callMeeting(.init(committeeId: committee, title: "维融居民议事会2026年第四次会议", place: "维多利亚会所二楼",
                                                          startsAt: CanonicalForm.timestamp(Date(timeIntervalSince1970: Double(today.adding(days: -30).dayNumber) * 86_400 + 11 * 3_600)),
                                                          topicIds: [ramp.id!, tidy.id!]))
        let day = on(-30)
        let present = [convenor] + others.prefix(max(0, members.count * 4 / 5 - 1))
        for m in present { _ = try await day.signIn(meeting.id!, .init(residentId: m.id)) }
        _ = try await day.signIn(meeting.id!, .init(residentId: author))   // the author attends as an observer
        let items = try await CouncilAgendaItem.query(on: db).filter(\.$meetingID == meeting.id!).sort(\.$position).all()
        for (n, item) in items.enumerated() {
            for (i, m) in present.enumerated() {
                let choice: VoteChoice = i == present.count - 1 ? .abstain : (n == 1 && i % 4 == 3 ? .against : .for)
                _ = try await day.vote(meeting.id!, item: item.id!, .init(residentId: m.id, choice: choice.rawValue))
            }
            _ = try await day.decide(meeting.id!, item: item.id!, .init(for: nil, against: nil, abstain: nil))
        }
        _ = try await day.close(meeting.id!, .init(minutes: "会议由召集人\(convenor.name)主持。应到\(members.count)人,实到\(present.count)人,达到三分之二的法定人数。议题一:维多利亚东门增设无障碍坡道和扶手,记名表决通过;议题二:融城后街楼道堆物集中清理,记名表决通过。提出议题的居民列席。"))
        _ = try await day.signMinutes(meeting.id!, .init(role: "chair", residentId: convenor.id))
        _ = try await day.signMinutes(meeting.id!, .init(role: "recorder", residentId: present[1].id))

        // MARK: the committee carries it out; the supervisors find fault, then sign off
        let resolutions = try await CouncilResolution.query(on: db).filter(\.$committeeID == committee).all()
        guard let rampResolution = resolutions.first(where: { $0.topicID == ramp.id }), let tidyResolution = resolutions.first(where: { $0.topicID == tidy.id }) else { return nil }
        let committeeMembers = try await registry.members(of: .residentsCommittee, committee: committee, on: today)
        let chair = committeeMembers.first { $0.post == .chair } ?? committeeMembers[0]
        let member = committeeMembers.first { $0.post == .member } ?? committeeMembers[0]
        let supervisors = try await registry.members(of: .supervisoryCommittee, committee: committee, on: today)
        let rid = rampResolution.id!
        _ = try await on(-29).act(rid, .init(action: "start", reason: nil))
        let design = try await on(-29).addTask(rid, .init(title: "坡道设计与报价", ownerId: member.id, dueOn: today.adding(days: -20).iso, weight: 1, parentId: nil))
        let build = try await on(-29).addTask(rid, .init(title: "坡道施工", ownerId: chair.id, dueOn: today.adding(days: -6).iso, weight: 3, parentId: nil))
        let rail = try await on(-29).addTask(rid, .init(title: "安装不锈钢扶手", ownerId: member.id, dueOn: today.adding(days: -6).iso, weight: 1, parentId: nil))
        _ = try await on(-22).progress(design.id!, .init(percentDone: 100, note: "三家报价,选定最低价 18,600 元"))
        _ = try await on(-22).addEvidence(rid, .init(taskId: design.id, text: "设计图与三家报价单(已公示)", fileName: nil, contentType: nil, contentBase64: nil))
        _ = try await on(-15).progress(build.id!, .init(percentDone: 50, note: "基础完成"))
        _ = try await on(-9).progress(build.id!, .init(percentDone: 100, note: "坡道浇筑完成"))
        _ = try await on(-8).progress(rail.id!, .init(percentDone: 100, note: "扶手安装完毕"))
        _ = try await on(-8).addEvidence(rid, .init(taskId: build.id, text: "完工照片", fileName: "ramp-east-gate.png", contentType: "image/png", contentBase64: png.base64EncodedString()))
        _ = try await on(-7).act(rid, .init(action: "report_done", reason: nil))
        // The supervisory committee decides as a body: all three present, the finding agreed by two, the sign-off by all.
        let bench = supervisors.map(\.id)
        _ = try await on(-5).act(rid, .init(action: "record_finding", reason: "现场查验:扶手高度 1.05 米,高于无障碍设计规范要求的 0.85–0.90 米,老人使用不便。请整改后再报验收。",
                                            agreed: Array(bench.prefix(2)), present: bench),
                                   actor: .supervisoryCommittee, signer: supervisors.first?.id)
        let fix = try await on(-5).addTask(rid, .init(title: "按规范调整扶手高度", ownerId: member.id, dueOn: today.adding(days: -2).iso, weight: 1, parentId: nil))
        _ = try await on(-3).progress(fix.id!, .init(percentDone: 100, note: "扶手高度调整为 0.88 米"))
        _ = try await on(-3).addEvidence(rid, .init(taskId: fix.id, text: "整改后扶手高度测量记录:0.88 米", fileName: "handrail-height.txt", contentType: "text/plain",
                                                    contentBase64: Data("东门扶手高度复测:0.88 米(规范 0.85–0.90 米)。测量人:监事会、居委会。".utf8).base64EncodedString()))
        _ = try await on(-3).act(rid, .init(action: "report_done", reason: nil))
        _ = try await on(-1).act(rid, .init(action: "sign_off", reason: "复查合格,同意验收办结。", agreed: bench, present: bench), actor: .supervisoryCommittee, signer: supervisors.last?.id)

        // The guidance topic's work runs late: flagged to the workstation.
        let tid = tidyResolution.id!
        _ = try await on(-28).act(tid, .init(action: "start", reason: nil))
        let notice = try await on(-28).addTask(tid, .init(title: "张贴清理通知并逐户告知", ownerId: member.id, dueOn: today.adding(days: -20).iso, weight: 1, parentId: nil))
        let clear = try await on(-28).addTask(tid, .init(title: "集中清运楼道堆物", ownerId: chair.id, dueOn: today.adding(days: -3).iso, weight: 2, parentId: nil))
        _ = try await on(-21).progress(notice.id!, .init(percentDone: 100, note: "95 户已告知"))
        _ = try await on(-10).progress(clear.id!, .init(percentDone: 40, note: "1–4 栋已清运"))
        _ = try await on(-10).addEvidence(tid, .init(taskId: clear.id, text: "1–4 栋清运前后对比(纸质存档)", fileName: nil, contentType: nil, contentBase64: nil))

        _ = try await on(0).publishNotice(.init(scope: NoticeScope.committee.rawValue, scopeId: committee, title: "居务公开:维多利亚东门无障碍坡道已验收办结",
            body: "维融居民议事会于\(today.adding(days: -30).iso)表决通过“维多利亚东门增设无障碍坡道和扶手”。\n居委会分解为设计、施工、扶手三项任务实施;监事会现场查验提出扶手高度问题,整改后于\(today.adding(days: -1).iso)验收办结。\n执行时间线、佐证材料和监事会意见见居务公开页面。"))

        // MARK: a petition to convene the residents' assembly
        let petition = try await on(-12).openPetition(.init(committeeId: committee, purpose: "召开居民会议,讨论制定《维融居民公约》", holdWithinDays: 30))
        let groups = try await registry.residentsGroups(of: committee).keys.sorted { $0.uuidString < $1.uuidString }
        if let group = groups.first { _ = try await on(-10).sign(petition.id!, .init(kind: PetitionSignatureKind.residentsGroup.rawValue, subjectId: group)) }
        for s in signers.prefix(8) { _ = try await on(-11).sign(petition.id!, .init(kind: PetitionSignatureKind.resident.rawValue, subjectId: s)) }

        // MARK: Zhonghai Mingcheng: dwellings, owners, two owners' votes
        let made = try await ownersVotes(compound: zhmc.id!, on: on, db: db, rng: &rng)
        return Made(resolutions: resolutions.count, ownersBallots: made.ballots, dwellings: made.dwellings)
    }

    static func ownersVotes(compound: UUID, on: (Int) -> CouncilService, db: any Database, rng: inout SeededGenerator) async throws -> (ballots: Int, dwellings: Int) {
        let service = on(-60)
        let homes = try await Household.query(on: db).filter(\.$compound.$id == compound).with(\.$building).with(\.$entrance).sort(\.$door).all()
        let heads = Dictionary(try await Resident.query(on: db).join(Household.self, on: \Resident.$household.$id == \Household.$id)
            .filter(Household.self, \.$compound.$id == compound).filter(\.$relation == Relation.head.rawValue).all().map { ($0.$household.id!, ($0.id!, $0.name)) },
                               uniquingKeysWith: { a, _ in a })
        // Floor plans by zone (m², registered): A and B the large flats, C and D smaller ones.
        let plans: [String: [Int]] = ["A": [16_842, 14_236], "B": [14_236, 12_875], "C": [11_968, 10_452], "D": [9_876, 8_935]]
        var owners: [DwellingService.OwnerInput] = [DwellingService.OwnerInput(key: "developer", name: "中海地产(未售及未交付房屋)", residentID: nil, developer: true)]
        var dwellings: [DwellingService.DwellingInput] = []
        var landlords: [String] = []
        for (i, h) in homes.enumerated() {
            let zone = String(h.building.number.prefix(1))
            let plan = plans[zone] ?? [10_000]
            let area = plan[i % plan.count] + Int.random(in: -35...35, using: &rng)
            let label = "\(h.building.number)栋\(h.entrance.number)单元 \(h.door)"
            let roll = Int.random(in: 0..<100, using: &rng)
            let key: String
            var isLet = false
            if roll < 2 {
                key = "developer"; isLet = true                               // unsold, let by the developer
            } else if roll < 12 {
                // Let to tenants by an owner who lives elsewhere; some landlords hold several flats.
                if !landlords.isEmpty && Int.random(in: 0..<3, using: &rng) == 0 {
                    key = landlords.randomElement(using: &rng)!
                } else {
                    key = "landlord-\(landlords.count)"
                    landlords.append(key)
                    owners.append(.init(key: key, name: NamePool.name(using: &rng), residentID: nil, developer: false))
                }
                isLet = true
            } else if let head = heads[h.id!] {
                key = "resident-\(head.0.uuidString)"
                owners.append(.init(key: key, name: head.1, residentID: head.0, developer: false))
            } else {
                key = "developer"; isLet = true
            }
            dwellings.append(.init(householdID: h.id!, label: label, areaHundredths: area, areaSource: i % 50 == 7 ? .surveyed : .registered, ownerKey: key, isLet: isLet))
        }
        // A few owner-occupiers also own a second flat, which they let.
        let occupiers = owners.filter { $0.residentID != nil }
        let letByLandlords = dwellings.indices.filter { dwellings[$0].ownerKey.hasPrefix("landlord-") }
        if !occupiers.isEmpty {
            for (n, j) in letByLandlords.prefix(12).enumerated() { dwellings[j].ownerKey = occupiers[(n * 37) % occupiers.count].key }
        }
        let used = Set(dwellings.map(\.ownerKey))
        owners = owners.filter { used.contains($0.key) }
        let count = try await DwellingService(db: db, context: service.context, now: service.now).record(compound: compound, owners: owners, dwellings: dwellings)

        // Owners in the order of their first flat's address, so the same seed gives the same ballots on every machine.
        var seen: Set<UUID> = []
        let registered = try await RegistryDirectory(db: db).dwellings(compound: compound).sorted { $0.label < $1.label }
            .filter { seen.insert($0.ownerID).inserted }.map { (id: $0.ownerID, parts: 1) }
        var total = 0
        // Using the maintenance fund (ordinary majority): carried by area and by headcount.
        let lift = try await on(-45).openOwnersVote(.init(compoundId: compound, matter: OwnersMatter.useMaintenanceFund.rawValue, title: "使用专项维修资金更换A区4部电梯"))
        var ballots: [CouncilService.BallotsInput.Ballot] = []
        for o in registered where Int.random(in: 0..<100, using: &rng) < 80 {
            let r = Int.random(in: 0..<100, using: &rng)
            ballots.append(.init(ownerId: o.id, choice: (r < 72 ? VoteChoice.for : r < 90 ? .against : .abstain).rawValue))
        }
        total += try await on(-40).enterBallots(lift.id!, .init(ballots: ballots))
        _ = try await on(-38).closeOwnersVote(lift.id!)
        // Changing the use of common parts (3/4 needed): the same turnout, 70 % agree: not carried.
        let use = try await on(-20).openOwnersVote(.init(compoundId: compound, matter: OwnersMatter.changeUseOfCommonParts.rawValue, title: "将B区架空层改作收费儿童托管"))
        ballots = []
        for o in registered where Int.random(in: 0..<100, using: &rng) < 76 {
            let r = Int.random(in: 0..<100, using: &rng)
            ballots.append(.init(ownerId: o.id, choice: (r < 70 ? VoteChoice.for : r < 92 ? .against : .abstain).rawValue))
        }
        total += try await on(-15).enterBallots(use.id!, .init(ballots: ballots))
        _ = try await on(-14).closeOwnersVote(use.id!)
        return (total, count)
    }
}
