/// The seed's needs survey of the Shenxianshu community (shared/seed): its questions as a
/// questionnaire, and 196 generated responses whose counts give the published percentages
/// exactly wherever they are counts out of 196 (151/196 = 77.04%). The demo loads it; the tests
/// check the analysis against the published figures.
///
/// Counts the text does not publish (the other options of a question, who answered what) are
/// ours, chosen to add up. Two published figures are not counts out of 196 and are reproduced on
/// their own bases or left out: 74.36% not interested in activities is 145 of the 195 who
/// answered; 78.28% indifferent to the reform is no count out of any base up to 196 and is not
/// reproduced.
public enum SeedSurvey {
    /// One published figure: the question, the option, the count chosen and the percentage printed.
    public struct Published: Hashable, Sendable {
        public var question: String
        public var option: String
        public var count: Int
        public var base: Int
        public var printed: String
    }

    public static let respondents = 196
    /// The survey's date (the study ran in 2010; the day is ours).
    public static let surveyDate = CivilDate(year: 2010, month: 6, day: 1)!

    private static func o(_ key: String, _ zh: String, _ en: String) -> ChoiceOption { ChoiceOption(key, BilingualText(zh, en)) }
    private static let approveOptions = [o("approve", "赞同", "Approve"), o("disapprove", "不赞同", "Disapprove"),
                                         o("indifferent", "无所谓", "Do not care")]
    private static let howChosen = [o("elected", "选举产生", "Elected"), o("appointed", "上级任命", "Appointed from above"),
                                    o("dont_know", "不知道", "Do not know")]

    public static let questionnaire = Questionnaire(
        title: BilingualText("神仙树社区居民需求调查", "Shenxianshu community needs survey"),
        sections: [
            QuestionnaireSection("services", BilingualText("社区服务", "Services"), [
                Question("workstation_services", BilingualText("您认为社区工作站应该提供哪些公共服务？",
                                                               "Which public services should the workstation provide?"),
                         .multipleChoice(options: [o("security", "社区治安", "Public security"),
                                                   o("epidemic_prevention", "卫生防疫", "Epidemic prevention"),
                                                   o("social_security", "社会保障", "Social security"),
                                                   o("minimum_income", "最低生活保障", "Minimum-income support"),
                                                   o("family_planning", "计划生育", "Family planning")],
                                         allowsOther: false, minimum: 1, maximum: nil), required: true),
                Question("employment_services", BilingualText("社区是否应当提供劳动就业服务？", "Should the community provide employment services?"),
                         .singleChoice(options: [o("should", "应当", "It should"), o("should_not", "不应当", "It should not")],
                                       allowsOther: false), required: true),
                Question("education_services", BilingualText("您觉得社区应该提供的教育服务有哪些？",
                                                             "Which education services should the community provide?"),
                         .multipleChoice(options: [o("elderly_school", "老年学校（诗歌、绘画、舞蹈等）", "Elderly school (poetry, painting, dance)"),
                                                   o("reading_room", "图书阅览室", "Reading room"),
                                                   o("child_daycare", "儿童托管教育", "Child day-care"),
                                                   o("skills_training", "技能培训", "Skills training")],
                                         allowsOther: false, minimum: 1, maximum: nil), required: true),
            ]),
            QuestionnaireSection("participation", BilingualText("社区参与", "Taking part"), [
                Question("activities_interest", BilingualText("您对社区活动感兴趣吗？", "Are you interested in community activities?"),
                         .singleChoice(options: [o("interested", "感兴趣", "Interested"), o("not_interested", "不感兴趣", "Not interested")],
                                       allowsOther: false)),
                Question("volunteer", BilingualText("您是否愿意参与社区志愿者服务？", "Would you take part in community volunteering?"),
                         .singleChoice(options: [o("yes", "愿意", "Yes"), o("no", "不愿意", "No")], allowsOther: false), required: true),
                Question("volunteer_why_not", BilingualText("不愿意的原因是什么？", "Why not?"),
                         .multipleChoice(options: [o("busy", "工作忙", "Busy at work"), o("no_time", "没时间", "No time"),
                                                   o("unpaid", "没有工作报酬", "Unpaid"), o("not_interested", "没有兴趣", "Not interested")],
                                         allowsOther: true, minimum: 1, maximum: nil),
                         required: true, showIf: .chosen(question: "volunteer", anyOf: ["no"])),
                Question("join_body", BilingualText("您愿意成为以下哪个自治组织的一员？", "Which self-governing body would you join?"),
                         .singleChoice(options: [o("owners_committee", "业主委员会", "Owners' committee"),
                                                 o("residents_committee", "居民委员会", "Residents' committee"),
                                                 o("residents_council", "居民议事会", "Residents' council"),
                                                 o("none", "都不愿意", "None")], allowsOther: false), required: true),
            ]),
            QuestionnaireSection("bodies", BilingualText("自治组织", "Self-governing bodies"), [
                Question("residents_committee_chosen", BilingualText("您认为居委会成员应如何产生？", "How are residents' committee members chosen?"),
                         .singleChoice(options: howChosen, allowsOther: false), required: true),
                Question("owners_committee_chosen", BilingualText("您认为业委会成员应如何产生？", "How are owners' committee members chosen?"),
                         .singleChoice(options: howChosen, allowsOther: false), required: true),
                Question("core_body", BilingualText("您认为下列哪个社区组织应是社区（楼盘）管理的核心主体？",
                                                    "Which body should be the core of the compound's management?"),
                         .singleChoice(options: [o("residents_committee", "居委会", "Residents' committee"),
                                                 o("owners_committee", "业委会", "Owners' committee"),
                                                 o("property_manager", "物业", "Property manager"),
                                                 o("workstation", "社区工作站", "Workstation"),
                                                 o("residents_council", "居民议事会", "Residents' council")], allowsOther: false),
                         required: true),
            ]),
            QuestionnaireSection("model", BilingualText("一站多居", "One station, many committees"), [
                Question("model_attitude", BilingualText("听了介绍后，您是否赞同“一站多居”治理模式？",
                                                         "Having had it explained, do you approve of the one-station-many-committees model?"),
                         .singleChoice(options: approveOptions, allowsOther: false), required: true),
                Question("committee_per_compound", BilingualText("是否赞同每个楼盘都设立一个居委会？",
                                                                 "Should every compound have its own residents' committee?"),
                         .singleChoice(options: approveOptions, allowsOther: false), required: true),
                Question("cross_appointment", BilingualText("您如何看待业委会与居委会交叉任职？",
                                                            "What do you think of members sitting on both the owners' and the residents' committee?"),
                         .singleChoice(options: [o("approve", "赞同，可促进良性互动", "Approve: the two bodies work together"),
                                                 o("must_not", "性质不同，不能交叉任职", "They differ in nature and must not share members"),
                                                 o("unsure", "说不清", "Cannot say")], allowsOther: false), required: true),
            ]),
        ])

    /// Counts per option of each single choice (in order; they add up to 196, or 195 where one
    /// respondent left the question empty).
    static let singleCounts: [(question: String, counts: [(String, Int)])] = [
        ("employment_services", [("should", 96), ("should_not", 100)]),
        ("activities_interest", [("interested", 50), ("not_interested", 145)]),
        ("volunteer", [("yes", 122), ("no", 74)]),
        ("join_body", [("owners_committee", 74), ("residents_committee", 44), ("residents_council", 34), ("none", 44)]),
        ("residents_committee_chosen", [("elected", 150), ("appointed", 23), ("dont_know", 23)]),
        ("owners_committee_chosen", [("elected", 157), ("appointed", 17), ("dont_know", 22)]),
        ("core_body", [("residents_committee", 56), ("owners_committee", 62), ("property_manager", 38), ("workstation", 30),
                       ("residents_council", 10)]),
        ("model_attitude", [("approve", 129), ("disapprove", 17), ("indifferent", 50)]),
        ("committee_per_compound", [("approve", 119), ("disapprove", 22), ("indifferent", 55)]),
        ("cross_appointment", [("approve", 78), ("must_not", 66), ("unsure", 52)]),
    ]

    /// Counts per option of each multiple choice over all 196; the first two options of each
    /// together cover everyone, so nobody leaves the question empty.
    static let multipleCounts: [(question: String, counts: [(String, Int)])] = [
        ("workstation_services", [("security", 151), ("social_security", 129), ("epidemic_prevention", 144),
                                  ("minimum_income", 41), ("family_planning", 33)]),
        ("education_services", [("elderly_school", 154), ("reading_room", 140), ("child_daycare", 111), ("skills_training", 89)]),
    ]

    /// Reasons of the 74 who would not volunteer (one each; four wrote their own).
    static let whyNotCounts: [(String, Int)] = [("busy", 28), ("no_time", 20), ("unpaid", 12), ("not_interested", 10), ("other", 4)]

    /// The percentages the text prints, with the counts that give them.
    public static let published: [Published] = [
        Published(question: "workstation_services", option: "security", count: 151, base: 196, printed: "77.04%"),
        Published(question: "workstation_services", option: "epidemic_prevention", count: 144, base: 196, printed: "73.47%"),
        Published(question: "workstation_services", option: "social_security", count: 129, base: 196, printed: "65.82%"),
        Published(question: "employment_services", option: "should_not", count: 100, base: 196, printed: "51%"),
        Published(question: "education_services", option: "elderly_school", count: 154, base: 196, printed: "78.57%"),
        Published(question: "education_services", option: "reading_room", count: 140, base: 196, printed: "71.43%"),
        Published(question: "education_services", option: "child_daycare", count: 111, base: 196, printed: "56.63%"),
        Published(question: "education_services", option: "skills_training", count: 89, base: 196, printed: "45.41%"),
        Published(question: "activities_interest", option: "not_interested", count: 145, base: 195, printed: "74.36%"),
        Published(question: "volunteer", option: "yes", count: 122, base: 196, printed: "62.2%"),
        Published(question: "volunteer", option: "no", count: 74, base: 196, printed: "37.8%"),
        Published(question: "join_body", option: "owners_committee", count: 74, base: 196, printed: "37.8%"),
        Published(question: "join_body", option: "residents_committee", count: 44, base: 196, printed: "22.4%"),
        Published(question: "join_body", option: "none", count: 44, base: 196, printed: "22.4%"),
        Published(question: "residents_committee_chosen", option: "appointed", count: 23, base: 196, printed: "11.73%"),
        Published(question: "residents_committee_chosen", option: "dont_know", count: 23, base: 196, printed: "11.73%"),
        Published(question: "owners_committee_chosen", option: "appointed", count: 17, base: 196, printed: "8.67%"),
        Published(question: "owners_committee_chosen", option: "dont_know", count: 22, base: 196, printed: "11.22%"),
        Published(question: "core_body", option: "residents_committee", count: 56, base: 196, printed: "28.6%"),
        Published(question: "model_attitude", option: "approve", count: 129, base: 196, printed: "65.82%"),
        Published(question: "model_attitude", option: "disapprove", count: 17, base: 196, printed: "8.67%"),
        Published(question: "model_attitude", option: "indifferent", count: 50, base: 196, printed: "25.51%"),
        Published(question: "committee_per_compound", option: "approve", count: 119, base: 196, printed: "60.7%"),
        Published(question: "committee_per_compound", option: "disapprove", count: 22, base: 196, printed: "11.2%"),
        Published(question: "committee_per_compound", option: "indifferent", count: 55, base: 196, printed: "28.1%"),
        Published(question: "cross_appointment", option: "must_not", count: 66, base: 196, printed: "33.7%"),
        Published(question: "cross_appointment", option: "approve", count: 78, base: 196, printed: "39.8%"),
    ]

    /// Who answered, for tables by compound, sex and age band.
    public struct Respondent: Hashable, Sendable {
        public var compound: String
        public var sex: Sex
        public var born: CivilDate
    }

    /// The four compounds, as grouping categories.
    public static let compounds = [
        SurveyCategory("zhonghai_mingcheng", BilingualText("中海名城", "Zhonghai Mingcheng")),
        SurveyCategory("shenxianshu_dayuan", BilingualText("神仙树大院", "Shenxianshu Dayuan")),
        SurveyCategory("victoria", BilingualText("维多利亚", "Victoria")),
        SurveyCategory("rongcheng_houjie", BilingualText("融城后街", "Rongcheng Houjie")),
    ]
    static let compoundCounts = [78, 52, 36, 30]

    /// The 196 respondents: compound, sex and birth date (aged 20 to 84 on the survey date).
    public static func respondentList(seed: UInt64 = 2010) -> [Respondent] {
        var rng = SeededGenerator(seed: seed ^ 0x5EED)
        let compoundKeys = zip(compounds, compoundCounts).flatMap { Array(repeating: $0.key, count: $1) }
        let sexes = shuffled(Array(repeating: Sex.female, count: 104) + Array(repeating: Sex.male, count: 92), &rng)
        return compoundKeys.indices.map { i in
            // Aged exactly `age` on the survey date: born after this day `age + 1` years before, up to this day `age` years before.
            let age = 20 + StableDraw.below(65, using: &rng)
            let earliest = CivilDate(year: surveyDate.year - age - 1, month: surveyDate.month, day: surveyDate.day)!.adding(days: 1)
            let latest = CivilDate(year: surveyDate.year - age, month: surveyDate.month, day: surveyDate.day)!
            let born = earliest.adding(days: StableDraw.below(latest.dayNumber - earliest.dayNumber + 1, using: &rng))
            return Respondent(compound: compoundKeys[i], sex: sexes[i], born: born)
        }
    }

    /// The 196 responses, in the order of `respondentList`. The same seed gives the same answers.
    public static func responses(seed: UInt64 = 2010) -> [SurveyAnswers] {
        var rng = SeededGenerator(seed: seed)
        var answers = [SurveyAnswers](repeating: [:], count: respondents)
        for (question, counts) in singleCounts {
            var keys: [String?] = counts.flatMap { Array(repeating: Optional($0.0), count: $0.1) }
            keys += Array(repeating: nil, count: respondents - keys.count)
            for (i, key) in shuffled(keys, &rng).enumerated() {
                if let key { answers[i][question] = .choice(key) }
            }
        }
        for (question, counts) in multipleCounts {
            // Respondent at position p of a shuffled order chooses option j when (p − start_j) mod 196 < count_j;
            // options start where the one before ended, so the first two cover everyone.
            let order = shuffled(Array(0..<respondents), &rng)
            var chosen = [[String]](repeating: [], count: respondents)
            var start = 0
            for (option, count) in counts {
                for p in 0..<respondents where (p - start + respondents) % respondents < count {
                    chosen[order[p]].append(option)
                }
                start = (start + count) % respondents
            }
            for i in 0..<respondents { answers[i][question] = .choices(chosen[i]) }
        }
        let refusers = answers.indices.filter { answers[$0]["volunteer"] == .choice("no") }
        let reasons = shuffled(whyNotCounts.flatMap { Array(repeating: $0.0, count: $0.1) }, &rng)
        for (i, reason) in zip(refusers, reasons) {
            answers[i]["volunteer_why_not"] = reason == ChoiceOption.otherKey ? .choices([reason], other: "要照顾家人") : .choices([reason])
        }
        return answers
    }

    private static func shuffled<T>(_ items: [T], _ rng: inout SeededGenerator) -> [T] {
        StableDraw.choose(items.count, from: items, using: &rng)
    }
}
