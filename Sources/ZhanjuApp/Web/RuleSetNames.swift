import ZhanjuRules

/// Rule sets by the names people use for them; the code (`shenxianshu-2010`) stays in the data and the API.
enum RuleSetNames {
    static func appointmentPolicy(_ code: String) -> Text {
        switch code {
        case AppointmentPolicy.stationCommitteeSeparation.name: return Text("站居分离", "Station–committee separation")
        case AppointmentPolicy.shenxianshu.name: return Text("神仙树模式(2010 年起的交叉任职)", "Shenxianshu model (cross-appointments since 2010)")
        default: return Text(code, code)
        }
    }

    static func structureRules(_ code: String) -> Text {
        switch code {
        case StructureRules.organicLaw2025.name: return Text("居委会组织法(2025 年修订)", "Organic Law of Residents' Committees (2025)")
        default: return Text(code, code)
        }
    }
}
