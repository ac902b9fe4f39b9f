import Fluent
import Foundation
import Vapor
import ZhanjuRules

/// A case as the API shows it. Personal data stays out: the resident is an id, never a name or number.
struct CaseView: Content {
    struct Event: Content {
        var at: Date
        var actor: String
        var action: String
        var fromStatus: String
        var toStatus: String
        var note: String
    }
    var id: UUID
    var number: String
    var serviceCode: String?
    var family: String
    var status: String
    var channel: String
    var householdId: UUID?
    var compoundId: UUID?
    var gridId: UUID?
    var committeeId: UUID?
    var workstationId: UUID
    var assignedKind: String
    var assignedBodyId: UUID
    var description: String
    var attributes: [String: String]
    var address: String?
    var lat: Double?
    var long: Double?
    var reportedAt: Date
    var dueOn: String
    var dueConfirmed: Bool
    var overdue: Bool?
    var finishedLate: Bool?
    var paused: Bool?
    var escalated: Bool
    var rating: Int?
    var ratingComment: String?
    var events: [Event]?

    init(_ c: Case, item: ServiceItem?, reading: SLAClock.Reading? = nil, events: [CaseEvent]? = nil) {
        (id, number, serviceCode, family, status, channel) = (c.id!, c.number, item?.code, c.family, c.status, c.channel)
        (householdId, compoundId, gridId, committeeId, workstationId) = (c.householdID, c.compoundID, c.gridID, c.committeeID, c.workstationID)
        (assignedKind, assignedBodyId, description, attributes) = (c.assignedKind, c.assignedBodyID, c.description, c.attributeValues)
        (address, lat, long, reportedAt, dueOn, dueConfirmed) = (c.address, c.lat, c.long, c.reportedAt, c.dueOn, c.dueConfirmed)
        (overdue, finishedLate, paused) = (reading?.overdue, reading?.finishedLate, reading?.paused)
        (escalated, rating, ratingComment) = (c.escalated, c.rating, c.ratingComment)
        self.events = events?.map { Event(at: $0.at, actor: $0.actor, action: $0.action, fromStatus: $0.fromStatus, toStatus: $0.toStatus, note: $0.note) }
    }

    static var example: CaseView {
        let c = Case()
        (c.id, c.number, c.family, c.status, c.channel) = (UUID(), "ZJ-20261127-000001", "safety_security", "dispatched", "online")
        (c.householdID, c.compoundID, c.gridID, c.committeeID, c.workstationID) = (UUID(), UUID(), UUID(), UUID(), UUID())
        (c.assignedKind, c.assignedBodyID, c.description, c.attributes) = ("workstation", UUID(), "楼道电动车充电", "{\"hazard\":\"ebike_charging\"}")
        (c.address, c.lat, c.long, c.reportedAt, c.dueOn, c.dueConfirmed, c.escalated) = ("维多利亚 3栋", 30.58, 104.05, Date(), "2026-11-30", true, false)
        (c.rating, c.ratingComment) = (5, "及时")
        let item = ServiceItem()
        item.code = "SAF-HAZ"
        let e = CaseEvent()
        (e.at, e.actor, e.action, e.fromStatus, e.toStatus, e.note) = (Date(), "station.staff", "dispatch", "accepted", "dispatched", "网格员现场查看")
        return CaseView(c, item: item, reading: SLAClock.Reading(due: CivilDate(iso: "2026-11-30")!, confirmed: true, overdue: false, pausedWorkingDays: 0, paused: false),
                        events: [e])
    }
}

extension CaseStatus {
    var label: Text {
        switch self {
        case .reported: return Text("已上报", "Reported")
        case .accepted: return Text("已受理", "Accepted")
        case .rejected: return Text("不予受理", "Rejected")
        case .dispatched: return Text("已派遣", "Dispatched")
        case .inProgress: return Text("处置中", "In progress")
        case .awaitingResident: return Text("待居民补充", "Awaiting the resident")
        case .resolved: return Text("已办结", "Resolved")
        case .verified: return Text("已核查", "Verified")
        case .closed: return Text("已结案", "Closed")
        }
    }
}

extension CaseAction {
    var label: Text {
        switch self {
        case .accept: return Text("受理", "Accept")
        case .reject: return Text("不予受理", "Reject")
        case .dispatch: return Text("派遣", "Dispatch")
        case .start: return Text("开始处置", "Start work")
        case .askResident: return Text("请居民补充", "Ask the resident")
        case .residentReplied: return Text("居民已补充", "Resident replied")
        case .resolve: return Text("办结", "Resolve")
        case .verify: return Text("核查", "Verify")
        case .close: return Text("结案", "Close")
        case .reopen: return Text("重新办理", "Reopen")
        }
    }

    /// The step as the timeline tells it: what was done, not the button that does it.
    var doneLabel: Text {
        switch self {
        case .accept: return Text("已受理", "Accepted")
        case .reject: return Text("不予受理", "Rejected")
        case .dispatch: return Text("已派遣", "Dispatched")
        case .start: return Text("开始处置", "Work started")
        case .askResident: return Text("请居民补充", "Asked the resident")
        case .residentReplied: return Text("居民已补充", "Resident replied")
        case .resolve: return Text("已办结", "Resolved")
        case .verify: return Text("已核查", "Verified")
        case .close: return Text("已结案", "Closed")
        case .reopen: return Text("重新办理", "Reopened")
        }
    }

    var pastTense: String {
        switch self {
        case .accept: return "accepted"
        case .reject: return "rejected"
        case .dispatch: return "dispatched"
        case .start: return "started"
        case .askResident: return "sent back to the resident"
        case .residentReplied: return "answered by the resident"
        case .resolve: return "resolved"
        case .verify: return "verified"
        case .close: return "closed"
        case .reopen: return "reopened"
        }
    }
}

extension Strings {
    static let caseWord = Text("案件", "case")
    static let cases = Text("案件", "Cases")
    static let newCase = Text("提交诉求", "File a request")
    static let myCases = Text("我的诉求", "My requests")
    static let catalogue = Text("服务事项", "Services")
    static let family = Text("类别", "Family")
    static let level = Text("办理层级", "Handled by")
    static let materials = Text("所需材料", "Materials")
    static let slaDays = Text("办结时限(工作日)", "Time limit (working days)")
    static let description = Text("描述", "Description")
    static let caseNumber = Text("案件编号", "Case number")
    static let due = Text("办结期限", "Due")
    static let overdue = Text("已超期", "Overdue")
    static let finishedLate = Text("超期办结", "Finished after the due date")
    static let unconfirmed = Text("(节假日未公布,按周末推算)", "(holidays not yet published; weekends only)")
    static let escalated = Text("已提交街道督办", "Escalated to the sub-district")
    static let timeline = Text("办理过程", "Timeline")
    static let note = Text("说明", "Note")
    static let assignTo = Text("派往", "Send to")
    static let handlingBody = Text("承办单位", "Handled by")
    static let assignee = Text("承办人", "Handler")
    static let whoseRequest = Text("诉求人", "Whose request")
    static let rating = Text("满意度评价", "Satisfaction")
    static let rate = Text("评价", "Rate")
    static let queueMine = Text("我承办的", "Mine")
    static let queueBody = Text("本单位的", "My bodies'")
    static let queueOverdue = Text("超期的", "Overdue")
    static let queueEscalated = Text("街道督办", "Escalated")
    static let dashboards = Text("数据看板", "Dashboards")
    static let dashboard = Text("数据看板", "dashboard")
    static let myGrid = Text("我的网格", "My grid")
    static let visits = Text("走访记录", "Visits")
    static let logVisit = Text("记录走访", "Log a visit")
    static let reportEvent = Text("上报事件", "Report an event")
    static let purpose = Text("走访目的", "Purpose")
    static let followUp = Text("后续跟进", "Follow-up")
    static let visitedOn = Text("走访日期", "Visited on")
    static let holidays = Text("节假日日历", "Holiday calendar")
    static let openCases = Text("未办结", "Open")
    static let averageDays = Text("平均办结用时(工作日)", "Average time to resolve (working days)")
    static let satisfaction = Text("满意度", "Satisfaction")
    static let byFamily = Text("按类别", "By family")
    static let byStatus = Text("按状态", "By status")
}
