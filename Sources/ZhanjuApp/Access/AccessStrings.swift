import ZhanjuRules

/// The access pages' words, in both languages.
extension Strings {
    static let signIn = Text("登录", "Sign in")
    static let signOut = Text("退出", "Sign out")
    static let username = Text("用户名", "Username")
    static let password = Text("密码", "Password")
    static let newPassword = Text("新密码", "New password")
    static let currentPassword = Text("当前密码", "Current password")
    static let changePassword = Text("修改密码", "Change password")
    static let myAccount = Text("我的账号", "My account")
    static let myData = Text("我家的信息", "My household's data")
    static let corrections = Text("更正申请", "Correction requests")
    static let correction = Text("更正申请", "correction request")
    static let accessLog = Text("个人信息查阅记录", "Personal-data access log")
    static let auditChain = Text("审计链", "Audit chain")
    static let accounts = Text("账号管理", "Accounts")
    static let account = Text("账号", "account")
    static let apiTokens = Text("API 令牌", "API tokens")
    static let reveal = Text("查看完整", "Show full")
    static let reason = Text("查看事由", "Reason")
    static let roles = Text("角色", "Roles")
    static let scope = Text("范围", "Scope")
    static let disabled = Text("已停用", "Disabled")
    static let enable = Text("启用", "Enable")
    static let disable = Text("停用", "Disable")
    static let resetPassword = Text("重置密码", "Reset password")
    static let revoke = Text("撤销", "Revoke")
    static let revoked = Text("已撤销", "Revoked")
    static let createToken = Text("新建令牌", "Create a token")
    static let tokenName = Text("令牌名称", "Token name")
    static let tokenShownOnce = Text("令牌只显示这一次,请立即复制保存:", "The token is shown this once; copy it now:")
    static let downloadJSON = Text("下载(JSON)", "Download (JSON)")
    static let downloadCSV = Text("下载(CSV)", "Download (CSV)")
    static let askCorrection = Text("申请更正", "Ask for a correction")
    static let field = Text("项目", "Field")
    static let requestedValue = Text("应改为", "Should read")
    static let explanation = Text("说明", "Explanation")
    static let status = Text("状态", "Status")
    static let answer = Text("答复", "Answer")
    static let accept = Text("采纳", "Accept")
    static let reject = Text("不予采纳", "Reject")
    static let when = Text("时间", "When")
    static let who = Text("查阅人", "Who")
    static let whose = Text("被查阅人", "Whose")
    static let administrator = Text("街道管理员", "Sub-district administrator")
    static let linkedResident = Text("关联居民的身份证号", "ID number of the linked resident")
    static let displayName = Text("显示名称", "Display name")
    static let readsOfMyData = Text("谁查看过我家的完整号码", "Who has read my household's full numbers")
    static let entryChannel = Text("信息来源", "Information came")
    static let caseOrigin = Text("受理途径", "How the request came in")
    static let onBehalfOf = Text("代办居民编号", "Resident served (id)")

    static let errorForbidden = Text("您没有执行此操作的权限。", "You do not have permission to do this.")
    static let errorUnauthorized = Text("请先登录。", "Please sign in first.")
    static let errorSignIn = Text("用户名或密码不正确。", "Wrong username or password.")
    static func errorLocked(_ seconds: Int) -> Text {
        Text("登录失败次数过多,请 \(seconds) 秒后再试。", "Too many failed sign-ins; try again in \(seconds) seconds.")
    }
    static let errorWeakPassword = Text("密码至少 10 个字符。", "A password has at least 10 characters.")
    static func errorGuessablePassword(_ weakness: PasswordRules.Weakness) -> Text {
        switch weakness {
        case .common: return Text("这是最常被猜中的密码之一,请换一个。", "This is one of the passwords guessed first; choose another.")
        case .repeated: return Text("密码不能是同一字符或短片段的重复。", "A password cannot be one character or a short piece repeated.")
        case .sequence: return Text("密码不能是连续的数字、字母或键盘上的一排。", "A password cannot be a run of digits, letters or a keyboard row.")
        case .username: return Text("密码不能是用户名。", "A password cannot be the username.")
        }
    }
}

extension Role {
    var label: Text {
        switch self {
        case .administrator: return Strings.administrator
        case .workstationHead: return Text("工作站站长", "Workstation head")
        case .workstationStaff: return Text("工作站工作人员", "Workstation staff")
        case .servicePointStaff: return Text("服务点工作人员", "Service-point staff")
        case .gridWorker: return Text("网格员", "Grid worker")
        case .committeeChair: return Text("居委会主任/副主任", "Committee chair / deputy")
        case .committeeMember: return Text("居委会委员", "Committee member")
        case .councilMember: return Text("居民议事会成员", "Council member")
        case .supervisor: return Text("居务监督委员会成员", "Supervisor")
        case .electionCommittee: return Text("选举委员会成员", "Election committee member")
        case .ownersCommittee: return Text("业主委员会成员", "Owners' committee member")
        case .propertyManager: return Text("物业服务企业", "Property manager")
        case .volunteerLead: return Text("志愿服务组织负责人", "Volunteer organisation lead")
        case .partyOfficer: return Text("党组织成员", "Party organisation officer")
        case .resident: return Text("居民", "Resident")
        case .areaReader: return Text("本辖区浏览", "Reader of their area")
        }
    }
}
