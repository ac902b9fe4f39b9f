import ZhanjuRules

/// Every user-visible string, in zh-Hans and en. Glossary names follow DESIGN.md.
public enum Strings {
    // Site
    static let appName = Text("站居", "Zhanju")
    static let tagline = Text("一站多居 · 社区治理", "One workstation, many residents' committees")
    static let home = Text("首页", "Home")
    static let structure = Text("组织结构", "Structure")
    static let people = Text("人员查询", "People")
    static let search = Text("查询", "Search")
    static let switchLanguage = Text("English", "中文")
    static let print = Text("打印", "Print")
    static let save = Text("保存", "Save")
    static let create = Text("新建", "Create")
    static let edit = Text("编辑", "Edit")
    static let noneYet = Text("暂无", "None yet")
    static let previous = Text("上一页", "Previous")
    static let next = Text("下一页", "Next")
    static let yes = Text("是", "Yes")
    static let no = Text("否", "No")
    static let fixErrors = Text("请更正以下错误。", "Please correct the errors below.")
    static let saved = Text("已保存。", "Saved.")

    // Glossary
    static let subDistrict = Text("街道办事处", "Sub-district (street office)")
    static let workstation = Text("社区工作站", "Community workstation")
    static let servicePoint = Text("便民服务站", "Convenience service point")
    static let residentsCommittee = Text("居民委员会", "Residents' committee")
    static let residentsGroup = Text("居民小组", "Residents' group")
    static let compound = Text("小区", "Compound")
    static let zone = Text("片区", "Zone")
    static let building = Text("楼栋", "Building")
    static let entrance = Text("单元", "Entrance")
    static let household = Text("户", "Household")
    static let resident = Text("居民", "Resident")
    static let grid = Text("网格", "Grid")
    static let organisation = Text("组织", "Organisation")
    static let appointment = Text("任职", "Appointment")
    static let households = Text("户数", "Households")
    static let residents = Text("人数", "Residents")
    static let posts = Text("职务与任职人", "Posts and holders")
    static let organisations = Text("相关组织", "Bodies around the committee")
    static let ruleBreaks = Text("不符合规则之处", "Where the structure breaks the rules")
    static let noRuleBreaks = Text("符合全部规模规则。", "Meets every size rule.")
    static let members = Text("成员", "Members")
    static let zones = Text("片区", "Zones")
    static let buildings = Text("楼栋", "Buildings")
    static let compounds = Text("小区", "Compounds")
    static let committees = Text("居民委员会", "Residents' committees")
    static let workstations = Text("社区工作站", "Workstations")
    static let appointmentPolicy = Text("任职政策", "Appointment policy")
    static let structureRules = Text("规模规则", "Size rules")
    static let term = Text("任期", "Term")
    static let since = Text("起", "from")
    static let floors = Text("层数", "Floors")
    static let door = Text("门牌", "Door")
    static let address = Text("地址", "Address")
    static let code = Text("编码", "Code")
    static let nameZh = Text("中文名称", "Name (Chinese)")
    static let nameEn = Text("英文名称", "Name (English)")
    static let name = Text("姓名", "Name")
    static let sex = Text("性别", "Sex")
    static let birthDate = Text("出生日期", "Birth date")
    static let age = Text("年龄", "Age")
    static let relation = Text("与户主关系", "Relation to head")
    static let hukou = Text("户籍", "Hukou")
    static let politicalRights = Text("享有政治权利", "Has political rights")
    static let phone = Text("电话", "Phone")
    static let idNumber = Text("身份证号", "ID number")
    static let tags = Text("服务标签", "Service tags")
    static let post = Text("职务", "Post")
    static let body = Text("机构", "Body")
    static let person = Text("人员", "Person")
    static let startsOn = Text("任职起始", "Starts on")
    static let endsOn = Text("任职结束", "Ends on")
    static let kind = Text("类型", "Kind")
    static let addResident = Text("登记居民", "Register a resident")
    static let addHousehold = Text("登记住户", "Register a household")
    static let addCompound = Text("新建小区", "Add a compound")
    static let addAppointment = Text("任命", "Appoint")
    static let searchHint = Text("姓名(开头的字)", "Name (or its beginning)")
    static let resultsFor = Text("查询结果", "Results")
    static let healthTitle = Text("服务状态", "Service status")

    static func errorRequired(_ field: String) -> Text { Text("\(field):必填。", "\(field): required.") }
    static func errorNotFound(_ what: Text) -> Text { Text("未找到该\(what.zh)。", "No such \(what.en.lowercased()).") }
    static func errorMalformed(_ field: String) -> Text { Text("无法读取 \(field) 的值。", "Could not read the value of \(field).") }
    static let errorInternal = Text("服务器内部错误,已记录。", "Internal error; it has been logged.")
    static func errorTooLong(_ field: String, _ max: Int) -> Text { Text("\(field):不超过 \(max) 个字符。", "\(field): at most \(max) characters.") }
    static func errorDate(_ field: String) -> Text { Text("\(field):应为 YYYY-MM-DD 格式的日期。", "\(field): expected a date as YYYY-MM-DD.") }
    static func errorChoice(_ field: String, _ allowed: [String]) -> Text {
        Text("\(field):应为 \(allowed.joined(separator: "、")) 之一。", "\(field): must be one of \(allowed.joined(separator: ", ")).")
    }
    static func errorUnknownRef(_ field: String) -> Text { Text("\(field):引用的记录不存在。", "\(field): refers to a record that does not exist.") }
    static func errorDuplicate(_ field: String) -> Text { Text("\(field):已被使用。", "\(field): already in use.") }
    static func errorMismatch(_ field: String, _ other: String) -> Text {
        Text("\(field)与\(other)不属于同一小区或楼栋。", "\(field) does not belong to the same compound or building as \(other).")
    }
    static func errorPhone(_ field: String) -> Text { Text("\(field):应为 11 位手机号或带区号的座机号。", "\(field): expected an 11-digit mobile or an area-coded landline.") }
    static let errorEndsBeforeStart = Text("任职结束日期早于起始日期。", "The term ends before it starts.")
    static let errorHouseholdNotEmpty = Text("户中仍有居民。", "The household still has residents.")

    static func idProblem(_ p: IDNumber.Problem) -> Text {
        switch p {
        case .length: return Text("身份证号应为 18 位。", "An ID number has 18 characters.")
        case .characters: return Text("身份证号应为 17 位数字加一位数字或 X。", "An ID number is 17 digits followed by a digit or X.")
        case .region: return Text("身份证号的地区码无效。", "The ID number's region code is not valid.")
        case .birthDate: return Text("身份证号中的出生日期无效。", "The birth date inside the ID number is not a real date.")
        case .checkDigit: return Text("身份证号校验码错误(GB 11643)。", "The ID number's check character is wrong (GB 11643).")
        case .birthDateMismatch: return Text("身份证号中的出生日期与登记的出生日期不一致。", "The ID number's birth date differs from the recorded birth date.")
        case .sexMismatch: return Text("身份证号的性别位与登记的性别不一致。", "The ID number's sex digit differs from the recorded sex.")
        }
    }
}
