import Foundation
import ZhanjuRules

/// The surveys' words, in both languages.
enum SurveyStrings {
    static let surveys = Text("需求调查", "Needs surveys")
    static let survey = Text("调查", "Survey")
    static let questionnaire = Text("问卷", "Questionnaire")
    static let distribution = Text("发放", "Distribution")
    static let invitation = Text("邀请码", "Invitation code")
    static let version = Text("版本", "Version")
    static let responses = Text("答卷", "Responses")
    static let rates = Text("回收率", "Response rates")
    static let analysis = Text("分析", "Analysis")
    static let required = Text("必答", "Required")
    static let closesOn = Text("截止日期", "Closing date")
    static let anonymous = Text("匿名", "Anonymous")
    static let age = Text("年龄", "Age")
    static let fromQuestion = Text("依据的题目", "From the question")
    static let linkNote = Text("说明", "Note")
    /// An anonymous survey's filtered view of fewer than the threshold: neither its count nor its figures.
    static func filteredSuppressed(_ respondents: Int) -> Text {
        let n = DisclosureControl.standard.threshold
        return Text("答卷 \(respondents) 份;筛选后少于 \(n) 份。匿名调查:人数这么少时不显示任何数字,以免认出某一户的答案。",
                    "\(respondents) responses; fewer than \(n) after the filters. Anonymous survey: for so few, no figures are shown, so no household's answers can be read off.")
    }
    static let identified = Text("实名", "Identified")
    static let paperEntry = Text("录入纸质问卷", "Enter a paper questionnaire")
    static let answer = Text("填写问卷", "Answer a survey")
    static let saveDraft = Text("暂存", "Save for later")
    static let submit = Text("提交", "Submit")
    static let other = Text("其他(请注明)", "Other (please say)")
    static let compound = Text("小区", "Compound")
    static let zone = Text("片区", "Zone")
    static let grid = Text("网格", "Grid")
    static let sex = Text("性别", "Sex")
    static let ageBand = Text("年龄段", "Age band")
    static let invited = Text("发出", "Invited")
    static let answered = Text("已答", "Answered")
    static let rate = Text("回收率", "Rate")
    static let count = Text("人数", "Count")
    static let ofRespondents = Text("占答卷人", "% of respondents")
    static let ofAnswers = Text("占选择次数", "% of answers")
    static let mean = Text("平均", "Mean")
    static let suppressedNote = Text("匿名调查:少于 5 人的格子不显示(“<5”),以免表格认出某一户。",
                                     "Anonymous survey: cells under 5 are not shown (“<5”), so that no table can single out a household.")

    static func notFound() -> ZhanjuError { ZhanjuError.notFound(survey) }

    static func closed(_ closes: String) -> ZhanjuError {
        ZhanjuError(.conflict, code: "survey.closed", field: "code",
                    message: Text("这份调查已于 \(closes) 截止,不再收集答卷。", "This survey closed on \(closes) and takes no more answers."))
    }

    static let alreadyAnswered = ZhanjuError(.conflict, code: "survey.already_answered", field: "code",
                                             message: Text("这个邀请码已经答过问卷,每个邀请码只能答一次。", "This invitation code has already been used: each code answers once."))

    static let unknownCode = ZhanjuError(.invalid, code: "survey.unknown_code", field: "code",
                                         message: Text("没有这个邀请码,请核对纸条上的号码。", "There is no such invitation code; check the one on your slip."))

    /// One issue with a response, in words a resident understands, naming the question.
    static func issue(_ issue: ResponseIssue, in q: Questionnaire) -> ZhanjuError {
        let text = q.question(issue.question)?.text ?? BilingualText(issue.question, issue.question)
        let (zh, en) = (text[.zh], text[.en])
        let message: Text
        let code: String
        switch issue.problem {
        case .unknownQuestion: (code, message) = ("unknown_question", Text("问卷没有“\(zh)”这道题。", "The questionnaire has no question “\(en)”."))
        case .requiredUnanswered: (code, message) = ("required", Text("“\(zh)”必须回答。", "“\(en)” must be answered."))
        case .answeredButSkipped: (code, message) = ("skipped", Text("根据前面的回答,“\(zh)”不用回答。", "Given the earlier answers, “\(en)” is not asked."))
        case .wrongKind: (code, message) = ("wrong_kind", Text("“\(zh)”的答案类型不对。", "The answer to “\(en)” is of the wrong kind."))
        case .unknownOption(let o): (code, message) = ("unknown_option", Text("“\(zh)”没有选项“\(o)”。", "“\(en)” has no option “\(o)”."))
        case .duplicateOption(let o): (code, message) = ("duplicate_option", Text("“\(zh)”的选项“\(o)”选了两次。", "“\(en)”: option “\(o)” chosen twice."))
        case .otherNotAllowed: (code, message) = ("other_not_allowed", Text("“\(zh)”不设“其他”。", "“\(en)” has no “other”."))
        case .otherTextMissing: (code, message) = ("other_text", Text("“\(zh)”选了“其他”,请写明。", "“\(en)”: you chose “other”; please say what."))
        case .otherTextWithoutOther: (code, message) = ("other_text", Text("“\(zh)”填写了说明但没有选“其他”。", "“\(en)”: a text was given without choosing “other”."))
        case .tooFewSelections(let n): (code, message) = ("too_few", Text("“\(zh)”至少选 \(n) 项。", "“\(en)”: choose at least \(n)."))
        case .tooManySelections(let n): (code, message) = ("too_many", Text("“\(zh)”最多选 \(n) 项。", "“\(en)”: choose at most \(n)."))
        case .outOfRange: (code, message) = ("range", Text("“\(zh)”的答案超出范围。", "The answer to “\(en)” is out of range."))
        case .notWholeNumber: (code, message) = ("whole_number", Text("“\(zh)”请填整数。", "“\(en)”: a whole number, please."))
        case .textTooLong(let n): (code, message) = ("too_long", Text("“\(zh)”最多 \(n) 个字。", "“\(en)”: at most \(n) characters."))
        }
        return ZhanjuError(.invalid, code: "survey.\(code)", field: "answers.\(issue.question)", message: message)
    }

    /// A questionnaire's problem, naming where it is.
    static func issue(_ issue: QuestionnaireIssue) -> ZhanjuError {
        let place = issue.question.map { "questionnaire.\($0)" } ?? issue.section.map { "questionnaire.\($0)" } ?? "questionnaire"
        let what = issue.question ?? issue.section ?? ""
        let detail: Text
        switch issue.problem {
        case .noQuestions: detail = Text("问卷还没有题目。", "The questionnaire has no questions yet.")
        case .emptySection: detail = Text("部分“\(what)”没有题目。", "Section “\(what)” has no questions.")
        case .duplicateSectionKey: detail = Text("部分代码“\(what)”重复。", "Section key “\(what)” is used twice.")
        case .invalidKey: detail = Text("代码“\(what)”须以字母开头,只含字母、数字、下划线,最多 32 个字符。", "Key “\(what)” must start with a letter and hold only letters, digits and _, at most 32.")
        case .duplicateQuestionKey: detail = Text("题目代码“\(what)”重复。", "Question key “\(what)” is used twice.")
        case .missingText(let l): detail = l == .zh ? Text("“\(what)”缺少中文文字。", "“\(what)” lacks its Chinese text.") : Text("“\(what)”缺少英文文字。", "“\(what)” lacks its English text.")
        case .tooFewOptions: detail = Text("“\(what)”至少要有两个选项。", "“\(what)” needs at least two options.")
        case .invalidOptionKey(let o): detail = Text("“\(what)”的选项代码“\(o)”不合规。", "“\(what)”: option key “\(o)” is not valid.")
        case .duplicateOptionKey(let o): detail = Text("“\(what)”的选项代码“\(o)”重复。", "“\(what)”: option key “\(o)” is used twice.")
        case .reservedOptionKey: detail = Text("“\(what)”:“other”留给“其他(请注明)”。", "“\(what)”: “other” is kept for “other (please say)”.")
        case .missingOptionText(let o, _): detail = Text("“\(what)”的选项“\(o)”缺少文字。", "“\(what)”: option “\(o)” lacks its text.")
        case .selectionLimits: detail = Text("“\(what)”的最少/最多选择数不合理。", "“\(what)”: the minimum and maximum selections do not fit.")
        case .scaleRange: detail = Text("“\(what)”的量表须为 2–11 个点,由低到高。", "“\(what)”: a scale runs upwards over 2 to 11 points.")
        case .numberRange: detail = Text("“\(what)”的数值范围不合理。", "“\(what)”: the number range is empty.")
        case .dateRange: detail = Text("“\(what)”的日期范围不合理。", "“\(what)”: the date range is empty.")
        case .textLength: detail = Text("“\(what)”的字数上限须在 1 到 \(Questionnaire.longestText) 之间。", "“\(what)”: the text limit must be from 1 to \(Questionnaire.longestText).")
        case .conditionUnknownQuestion(let q): detail = Text("“\(what)”的显示条件引用了不存在的题目“\(q)”。", "“\(what)”: its condition reads an unknown question “\(q)”.")
        case .conditionRefersToLaterQuestion(let q): detail = Text("“\(what)”的显示条件只能引用前面的题目(“\(q)”在后面)。", "“\(what)”: a condition may only read earlier questions (“\(q)” comes later).")
        case .conditionRefersToItself: detail = Text("“\(what)”的显示条件引用了自己。", "“\(what)”: its condition reads itself.")
        case .conditionCycle: detail = Text("“\(what)”的显示条件相互引用成环。", "“\(what)”: conditions read each other in a circle.")
        case .conditionUnknownOption(let q, let o): detail = Text("“\(what)”的条件引用了“\(q)”没有的选项“\(o)”。", "“\(what)”: its condition names option “\(o)”, which “\(q)” lacks.")
        case .conditionKindMismatch(let q): detail = Text("“\(what)”的条件与“\(q)”的题型不符。", "“\(what)”: its condition does not fit the kind of “\(q)”.")
        case .conditionEmpty: detail = Text("“\(what)”的条件是空的。", "“\(what)”: its condition is empty.")
        }
        return ZhanjuError(.invalid, code: "survey.questionnaire", field: place, message: detail)
    }
}
