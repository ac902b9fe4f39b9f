import Foundation
import Plot
import ZhanjuRules

/// The surveys' pages' HTML, from their models alone (no database). Form controls for answers
/// are written as fragments, every value from data through `attr()`.
enum SurveyPageView {
    static func sl(_ lang: Lang) -> SurveyLanguage { lang == .en ? .en : .zh }
    static func colon(_ lang: Lang) -> String { lang == .zh ? ":" : ": " }

    static func errorBox(_ errors: [ZhanjuError], lang: Lang) -> Node<HTML.BodyContext> {
        guard !errors.isEmpty else { return .empty }
        return .div(.class("error"), .attribute(named: "role", value: "alert"), .ul(.forEach(errors) { .li(.text($0.message[lang])) }))
    }

    // MARK: answering controls

    /// One question's control, named `q.<key>` (and `q.<key>.other` for the "other" text).
    static func control(_ question: Question, in questionnaire: Questionnaire? = nil, saved: SurveyAnswer?, error: ZhanjuError?, lang: Lang) -> String {
        let l = sl(lang)
        let name = "q.\(question.key)"
        var html = "<fieldset class=\"question\" id=\"\(attr(name))\"><legend>\(attr(question.text[l]))"
        if question.required { html += " <span class=\"required\">*</span>" }
        html += "</legend>"
        if let help = question.help { html += "<p class=\"muted\">\(attr(help[l]))</p>" }
        if let condition = question.showIf {
            html += "<p class=\"muted\">\(attr(Text("仅在以下情况回答:", "Answer only if: ")[lang]))\(attr(describe(condition, in: questionnaire, lang: lang)))</p>"
        }
        if let error { html += "<p class=\"field-error\">\(attr(error.message[lang]))</p>" }
        let chosen = Set(saved?.chosenKeys ?? [])
        let label = " aria-label=\"\(attr(question.text[l]))\""
        switch question.kind {
        case .singleChoice(let options, let other), .multipleChoice(let options, let other, _, _):
            let type = question.kind.isMultiple ? "checkbox" : "radio"
            for o in options {
                html += "<label class=\"choice\"><input type=\"\(type)\" name=\"\(attr(name))\" value=\"\(attr(o.key))\"\(chosen.contains(o.key) ? " checked" : "")> \(attr(o.text[l]))</label>"
            }
            if other {
                html += "<label class=\"choice\"><input type=\"\(type)\" name=\"\(attr(name))\" value=\"other\"\(chosen.contains("other") ? " checked" : "")> \(attr(SurveyStrings.other[lang]))</label>"
                html += "<input type=\"text\" name=\"\(attr(name)).other\" value=\"\(attr(saved?.otherText ?? ""))\" aria-label=\"\(attr(SurveyStrings.other[lang]))\">"
            }
        case .ratingScale(let low, let high, let lowLabel, let highLabel):
            // The end labels on a line of their own, above a row of numbered points.
            html += "<div class=\"scale\">"
            if lowLabel != nil || highLabel != nil {
                html += "<div class=\"ends muted\"><span>\(attr(lowLabel?[l] ?? ""))</span><span>\(attr(highLabel?[l] ?? ""))</span></div>"
            }
            html += "<div class=\"points\">"
            for point in low...high {
                let on = saved?.numericValue == Double(point)
                html += "<label class=\"point\"><span>\(point)</span><input type=\"radio\" name=\"\(attr(name))\" value=\"\(point)\"\(on ? " checked" : "")></label>"
            }
            html += "</div></div>"
        case .number(let minimum, let maximum, let whole):
            // 5 comes back as 5, not 5.0; a fraction as typed.
            let value = saved?.numericValue.map { whole || $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) } ?? ""
            html += "<input type=\"number\"\(label) name=\"\(attr(name))\" value=\"\(attr(value))\"\(minimum.map { " min=\"\($0)\"" } ?? "")\(maximum.map { " max=\"\($0)\"" } ?? "")\(whole ? " step=\"1\"" : " step=\"any\"")>"
        case .date:
            var value = ""
            if case .date(let d) = saved { value = d.iso }
            html += "<input type=\"date\"\(label) name=\"\(attr(name))\" value=\"\(attr(value))\">"
        case .freeText(let max):
            var value = ""
            if case .text(let s) = saved { value = s }
            html += "<textarea\(label) name=\"\(attr(name))\" maxlength=\"\(max)\" rows=\"3\">\(attr(value))</textarea>"
        }
        return html + "</fieldset>"
    }

    /// A condition in words: questions by their text and options by their label (keys are the
    /// builder's, never shown). Without the questionnaire, keys are all there is.
    static func describe(_ c: SkipCondition, in q: Questionnaire? = nil, lang: Lang) -> String {
        let l = sl(lang)
        func question(_ key: String) -> String { q?.question(key).map { "“\($0.text[l])”" } ?? key }
        func option(_ key: String, of question: String) -> String {
            if key == "other" { return SurveyStrings.other[lang] }
            return q?.question(question)?.kind.options.first { $0.key == key }?.text[l] ?? key
        }
        switch c {
        case .chosen(let k, let keys):
            let options = keys.map { option($0, of: k) }.joined(separator: lang == .zh ? "或" : " or ")
            return Text("\(question(k))选了\(options)", "\(question(k)) is \(options)")[lang]
        case .between(let k, let lo, let hi): return Text("\(question(k))在 \(lo) 到 \(hi) 之间", "\(question(k)) is from \(lo) to \(hi)")[lang]
        case .answered(let k): return Text("已答\(question(k))", "\(question(k)) is answered")[lang]
        case .all(let cs): return cs.map { describe($0, in: q, lang: lang) }.joined(separator: lang == .zh ? " 且 " : " and ")
        case .any(let cs): return cs.map { describe($0, in: q, lang: lang) }.joined(separator: lang == .zh ? " 或 " : " or ")
        case .not(let inner): return Text("非(", "not (")[lang] + describe(inner, in: q, lang: lang) + ")"
        }
    }

    /// Every section with its questions' controls.
    static func questions(_ q: Questionnaire, saved: SurveyAnswers, errors: [ZhanjuError], lang: Lang) -> String {
        var html = ""
        for section in q.sections {
            html += "<section class=\"card\"><h2>\(attr(section.title[sl(lang)]))</h2>"
            for question in section.questions {
                html += control(question, in: q, saved: saved[question.key], error: errors.first { $0.field == "answers.\(question.key)" }, lang: lang)
            }
            html += "</section>"
        }
        return html
    }

    /// The answers a form posted (`q.<key>` fields), and what could not be read.
    static func answers(from values: [String: [String]], _ q: Questionnaire) -> (SurveyAnswers, [ZhanjuError]) {
        var out: SurveyAnswers = [:]
        var errors: [ZhanjuError] = []
        for question in q.questions {
            let name = "q.\(question.key)"
            let given = (values[name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            let other = values[name + ".other"]?.first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            guard !given.isEmpty else { continue }
            switch question.kind {
            case .singleChoice: out[question.key] = .choice(given[0], other: given[0] == "other" ? other : nil)
            case .multipleChoice: out[question.key] = .choices(given, other: given.contains("other") ? other : nil)
            case .ratingScale:
                if let n = Int(given[0]) { out[question.key] = .rating(n) }
                else { errors.append(ZhanjuError.invalid("answers.\(question.key)", "survey.number", Text("“\(question.text.zh)”请选一个分值。", "“\(question.text[.en])”: choose a point."))) }
            case .number:
                if let x = Double(given[0]), x.isFinite { out[question.key] = .number(x) }
                else { errors.append(ZhanjuError.invalid("answers.\(question.key)", "survey.number", Text("“\(question.text.zh)”请填数字。", "“\(question.text[.en])”: a number, please."))) }
            case .date:
                if let d = CivilDate(iso: given[0]) { out[question.key] = .date(d) }
                else { errors.append(ZhanjuError.invalid("answers.\(question.key)", "survey.date", Text("“\(question.text.zh)”请填日期。", "“\(question.text[.en])”: a date, please."))) }
            case .freeText: out[question.key] = .text(given[0])
            }
        }
        return (out, errors)
    }

    // MARK: pages

    static func list(_ m: SurveyPageModel.List, lang: Lang) -> [Node<HTML.BodyContext>] {
        [
            .p(.text(Text("向全体住户或抽样住户发放问卷,网上或纸质回收,当天分析。",
                          "Ask every household, or a fair sample, answer online or on paper, and read the results the same day.")[lang])),
            .if(m.canBuild, .p(.a(.class("button"), .href(attr(SitePath.newSurvey.link())), .text(Text("新建问卷", "New questionnaire")[lang])))),
            .if(m.items.isEmpty, .p(.class("muted"), .text(Text("暂无问卷。", "No questionnaires yet.")[lang]))),
            .forEach(m.items) { item in
                .section(.class("card"),
                    .h2(.a(.href(attr(SitePath.survey.link(item.id))), .text(item.title[lang]))),
                    .p(.class("muted"), .text("\(SurveyStrings.version[lang])\(colon(lang))\(item.version)")),
                    .ul(.forEach(item.distributions) { d in
                        .li(.a(.href(attr(SitePath.surveyDistribution.link(d.id))), .text(Text(d.nameZh, d.nameEn.isEmpty ? d.nameZh : d.nameEn)[lang])),
                            .text(" · \(SurveyStatus(rawValue: d.status)?.label[lang] ?? d.status) · " + counts(d, lang)))
                    }))
            },
            .if(!m.canEnter.isEmpty, .group(.h2(.text(SurveyStrings.paperEntry[lang])),
                .ul(.forEach(m.canEnter) { d in .li(.a(.href(attr(SitePath.surveyPaper.link(d.id))), .text(d.name[lang]))) }))),
            .p(.a(.href(attr(SitePath.surveyAnswer.link())), .text(Text("凭邀请码填写问卷", "Answer a survey with a code")[lang]))),
        ]
    }

    static let kindLabels: [(String, Text)] = [("single_choice", Text("单选", "Single choice")), ("multiple_choice", Text("多选", "Multiple choice")),
                                               ("rating_scale", Text("评分量表", "Rating scale")), ("number", Text("数字", "Number")),
                                               ("date", Text("日期", "Date")), ("free_text", Text("文字", "Free text"))]
    static func kindLabel(_ k: QuestionKind) -> Text { kindLabels.first { $0.0 == SurveyRead.kindName(k) }?.1 ?? Text(SurveyRead.kindName(k), SurveyRead.kindName(k)) }

    /// The fields of one question in the builder (also the first question of a new questionnaire).
    static func questionFields(_ earlier: [Question], lang: Lang, values: [String: [String]], conditionFields: Bool = true) -> String {
        func v(_ k: String) -> String { attr(values[k]?.first ?? "") }
        func text(_ name: String, _ label: Text, required: Bool = false) -> String {
            "<div class=\"field\"><label>\(attr(label[lang]))<input type=\"text\" name=\"\(name)\" value=\"\(v(name))\"\(required ? " required" : "")></label></div>"
        }
        let kinds = kindLabels
        var html = text("section_key", Text("部分代码(如 services)", "Section key (e.g. services)"), required: true)
        html += text("section_zh", Text("部分标题(中文)", "Section title (Chinese)"))
        html += text("section_en", Text("部分标题(英文)", "Section title (English)"))
        html += text("key", Text("题目代码(字母开头,如 q1)", "Question key (starts with a letter, e.g. q1)"), required: true)
        html += text("text_zh", Text("题目(中文)", "Question (Chinese)"), required: true)
        html += text("text_en", Text("题目(英文)", "Question (English)"))
        html += "<div class=\"field\"><label>\(attr(Text("题型", "Kind")[lang]))" + Select(name: "kind", options: kinds.map { ($0.0, $0.1[lang]) }, selected: values["kind"]?.first, required: true).html + "</label></div>"
        html += "<div class=\"field\"><label>\(attr(Text("选项:每行一个,写作 代码|中文|English", "Options: one a line, as key|Chinese|English")[lang]))<textarea name=\"options\" rows=\"4\">\(v("options"))</textarea></label></div>"
        html += "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"allows_other\"\((values["allows_other"] ?? []).isEmpty ? "" : " checked")> \(attr(Text("设“其他(请注明)”", "Offer “other (please say)”")[lang]))</label></div>"
        html += text("minimum", Text("最小值/最少选几项/量表最低分", "Minimum (number, selections, or lowest point)"))
        html += text("maximum", Text("最大值/最多选几项/量表最高分", "Maximum (number, selections, or highest point)"))
        html += text("help", Text("说明(选填,写作 中文|English)", "Help (optional, as Chinese|English)"))
        html += text("low_label", Text("量表最低分的说明(中文|English)", "Scale: label of the lowest point (Chinese|English)"))
        html += text("high_label", Text("量表最高分的说明(中文|English)", "Scale: label of the highest point (Chinese|English)"))
        html += "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"required\"\((values["required"] ?? []).isEmpty ? "" : " checked")> \(attr(SurveyStrings.required[lang]))</label></div>"
        if !earlier.isEmpty && conditionFields {
            // Chosen by name: a question to have been answered, or answers (of one question) to
            // have been chosen; the keys behind them are never shown.
            let answered = earlier.filter { $0.kind.isChoice || $0.kind.isNumeric }.map { ($0.key, $0.text[sl(lang)]) }
            html += "<div class=\"field\"><label>\(attr(Text("仅当此前这道题已回答时显示", "Show only once this earlier question is answered")[lang]))" + Select(name: "show_if_question", options: answered, selected: values["show_if_question"]?.first, blank: "—").html + "</label></div>"
            let picked = Set(values["show_if_choice"] ?? [])
            let options = SurveyPageModel.choices(Questionnaire(title: BilingualText(""), sections: [QuestionnaireSection("s", BilingualText(""), earlier)]), lang: lang)
            if !options.isEmpty {
                html += "<div class=\"field\"><label>\(attr(Text("或:仅当选了以下答案之一时显示(同一道题,可多选)", "Or: show only when one of these answers was chosen (of one question; choose several with Ctrl)")[lang]))<select name=\"show_if_choice\" multiple size=\"\(min(6, options.count))\">"
                for o in options { html += "<option value=\"\(attr(o.value))\"\(picked.contains(o.value) ? " selected" : "")>\(attr(o.label))</option>" }
                html += "</select></label></div>"
            }
        }
        return html
    }

    static func newSurvey(owners: [SurveyPageModel.Choice], values: [String: [String]], errors: [ZhanjuError], lang: Lang, csrf: Node<HTML.FormContext>) -> [Node<HTML.BodyContext>] {
        func v(_ k: String) -> String { attr(values[k]?.first ?? "") }
        return [
            errorBox(errors, lang: lang),
            .form(.class("edit"), .method(.post), .action(attr(SitePath.newSurvey.link())), csrf,
                  .raw("<div class=\"field\"><label>\(attr(Text("所属", "Belongs to")[lang]))" + Select(name: "owner", options: owners.map { ($0.value, $0.label) }, selected: values["owner"]?.first, required: true).html + "</label></div>"),
                  .raw("<div class=\"field\"><label>\(attr(Text("问卷标题(中文)", "Title (Chinese)")[lang]))<input type=\"text\" name=\"title_zh\" value=\"\(v("title_zh"))\" required></label></div>"),
                  .raw("<div class=\"field\"><label>\(attr(Text("问卷标题(英文)", "Title (English)")[lang]))<input type=\"text\" name=\"title_en\" value=\"\(v("title_en"))\"></label></div>"),
                  .h2(.text(Text("第一道题", "The first question")[lang])),
                  .raw(questionFields([], lang: lang, values: values)),
                  .button(.type(.submit), .text(Text("保存问卷", "Save the questionnaire")[lang]))),
        ]
    }

    static func builder(_ m: SurveyPageModel.Builder, values sent: [String: [String]], errors: [ZhanjuError], lang: Lang, csrf: Node<HTML.FormContext>) -> [Node<HTML.BodyContext>] {
        let l = sl(lang)
        let scopes = m.places
        // What a link form sent stays with that form; the question and sending forms start empty.
        let values = sent["link_kind"] == nil ? sent : [:]
        return [
            .p(.text("\(SurveyStrings.version[lang])\(colon(lang))\(m.version) · "), .a(.href(attr(SitePath.surveyPreview.link(m.id))), .text(Text("预览", "Preview")[lang]))),
            // A link form's refusal shows beside that form, further down; every other one here.
            errorBox(sent["link_kind"] == nil ? errors : [], lang: lang),
            .h2(.text(SurveyStrings.questionnaire[lang])),
            .forEach(m.questionnaire.sections) { section in
                .section(.class("card"), .h3(.text("\(section.title[l]) (\(section.key))")),
                    .ol(.forEach(section.questions) { q in
                        .li(.strong(.text(q.text[l])), .text(" · \(kindLabel(q.kind)[lang])" + (q.required ? " · \(SurveyStrings.required[lang])" : "")),
                            .if(!q.kind.options.isEmpty, .p(.class("muted"), .text(q.kind.options.map { $0.text[l] }.joined(separator: " / ")))),
                            .unwrap(q.showIf) { .p(.class("muted"), .text(Text("显示条件:", "Shown if: ")[lang] + describe($0, in: m.questionnaire, lang: lang))) },
                            .div(.class("actions"),
                                .a(.href(attr(SitePath.survey.link(m.id, query: [("edit", q.key)], fragment: "add-question"))), .text(Text("修改", "Edit")[lang])),
                                .forEach([("up", Text("上移", "Move up")), ("down", Text("下移", "Move down"))]) { direction, label in
                                    .form(.class("inline"), .method(.post), .action(attr(SitePath.surveyQuestionMove.link(m.id))), csrf,
                                          .input(.type(.hidden), .name("key"), .value(attr(q.key))),
                                          .input(.type(.hidden), .name("direction"), .value(direction)),
                                          .button(.type(.submit), .class("link"), .text(label[lang])))
                                },
                                .form(.class("inline"), .method(.post), .action(attr(SitePath.surveyQuestionRemove.link(m.id))), csrf,
                                      .input(.type(.hidden), .name("key"), .value(attr(q.key))),
                                      .button(.type(.submit), .class("link"), .text(Text("删除这道题", "Remove this question")[lang])))))
                    }))
            },
            .section(.class("card"), .id("add-question"),
                .h3(.text((m.editing == nil ? Text("增加一道题", "Add a question") : Text("修改这道题", "Edit the question"))[lang])),
                .p(.class("muted"), .text(Text("已有答卷后再修改,会保存为新版本;已有答卷仍按原版本分析。", "Once anyone has answered, an edit is saved as a new version; earlier answers keep theirs.")[lang])),
                .form(.class("edit"), .method(.post), .action(attr(SitePath.surveyQuestion.link(m.id))), csrf,
                      .unwrap(m.editing) { .input(.type(.hidden), .name("replace"), .value(attr($0))) },
                      .if(!(values["keep_condition"] ?? []).isEmpty, .group(
                          .input(.type(.hidden), .name("keep_condition"), .value("on")),
                          .p(.class("muted"), .text(Text("这道题的显示条件保持不变。", "The question's display condition stays as it is.")[lang])))),
                      .raw(questionFields(m.questionnaire.questions.prefix { $0.key != m.editing }.map { $0 }, lang: lang, values: values,
                                          conditionFields: (values["keep_condition"] ?? []).isEmpty)),
                      .button(.type(.submit), .text((m.editing == nil ? Text("加入问卷", "Add to the questionnaire") : Text("保存修改", "Save the question"))[lang])),
                      .if(m.editing != nil, .a(.href(attr(SitePath.survey.link(m.id))), .text(Text("取消", "Cancel")[lang]))))),
            .h2(.text(Text("发放", "Send")[lang])),
            .forEach(m.distributions) { d in
                .p(.a(.href(attr(SitePath.surveyDistribution.link(d.id))), .text(Text(d.nameZh, d.nameEn.isEmpty ? d.nameZh : d.nameEn)[lang])),
                   .text(" · v\(d.version) · \(counts(d, lang)) · \(SurveyStatus(rawValue: d.status)?.label[lang] ?? d.status)"))
            },
            .section(.class("card"), .id("send"),
                .p(.class("muted"), .text(Text("先看抽样结果,确认后再发放。同一个随机种子抽出同样的样本。", "The sample is shown first; send it once it looks right. The same seed draws the same sample.")[lang])),
                .form(.class("edit"), .method(.post), .action(attr(SitePath.surveySample.link(m.id))), csrf,
                      .raw(distributionFields(scopes: scopes, values: values, today: m.today, lang: lang)),
                      .button(.type(.submit), .text(Text("查看抽样", "Show the sample")[lang])))),
            .h2(.text(Text("转化为服务事项或议题", "Turn a result into a service or a council topic")[lang])),
            .ul(.forEach(m.links) { link in
                .li(.text(link.kind == .serviceItem ? Text("服务事项 ", "Service item ")[lang] : Text("议事会议题 ", "Council topic ")[lang]),
                    // The catalogue's page, which everyone may read (its edit form is for those who manage it).
                    link.kind == .serviceItem
                        ? .a(.href(attr(SitePath.services.link(fragment: "item-\(link.target)"))), .text(m.serviceItems.first { $0.value == link.target }?.label ?? link.target))
                        : .a(.href(attr(SitePath.councilTopic.link(link.target))), .text(m.topics[link.target.uppercased()] ?? m.topics[link.target] ?? Text("议题", "Topic")[lang])),
                    .text(" · \(link.note)" + (link.question.flatMap { m.questionnaire.question($0) }.map { "(\($0.text[l]))" } ?? "")))
            }),
            .raw(linkForm(m, kind: .serviceItem, values: sent, errors: errors, lang: lang, csrf: csrf.render())),
            .if(m.topicChoices.isEmpty,
                .p(.class("muted"), .text(Text("本问卷所属机构范围内还没有议事会议题可以关联。", "There is no council topic within the questionnaire owner's reach to link yet.")[lang])),
                else: .raw(linkForm(m, kind: .councilTopic, values: sent, errors: errors, lang: lang, csrf: csrf.render()))),
        ]
    }

    /// The form linking a result to a service item or a council topic. After a refusal the form
    /// that was sent keeps what was typed and shows each error beside it, by the field's label.
    static func linkForm(_ m: SurveyPageModel.Builder, kind: SurveyLinkKind, values: [String: [String]], errors: [ZhanjuError], lang: Lang, csrf: String) -> String {
        let l = sl(lang)
        let sent = values["link_kind"]?.first == kind.rawValue
        func v(_ k: String) -> String? { sent ? values[k]?.first : nil }
        func beside(_ k: String) -> String {
            guard sent else { return "" }
            return errors.filter { $0.field == k }.map { "<p class=\"field-error\">\(attr($0.message[lang]))</p>" }.joined()
        }
        let (label, options, button): (Text, [SurveyPageModel.Choice], Text) = kind == .serviceItem
            ? (Text("服务事项", "Service item"), m.serviceItems, Text("关联服务事项", "Link the service item"))
            : (Text("议事会议题", "Council topic"), m.topicChoices, Text("关联议事会议题", "Link the council topic"))
        let note = kind == .serviceItem ? Text("说明(例如:77.04% 的住户希望提供治安服务)", "Note (e.g. 77.04% want security services)") : SurveyStrings.linkNote
        return "<form class=\"edit\" method=\"post\" action=\"\(attr(SitePath.surveyLink.link(m.id)))\" id=\"link-\(kind.rawValue)\">" + csrf
            + "<input type=\"hidden\" name=\"kind\" value=\"\(kind.rawValue)\">"
            + "<div class=\"field\"><label>\(attr(label[lang]))" + Select(name: "target", options: options.map { ($0.value, $0.label) }, selected: v("target"), required: true).html + "</label>\(beside("target"))</div>"
            + "<div class=\"field\"><label>\(attr(SurveyStrings.fromQuestion[lang]))" + Select(name: "question_key", options: m.questionnaire.questions.map { ($0.key, $0.text[l]) }, selected: v("question_key"), blank: "—").html
            + "</label>\(beside("question_key"))</div>"
            + "<div class=\"field\"><label>\(attr(note[lang]))<input type=\"text\" name=\"note\" maxlength=\"500\" value=\"\(attr(v("note") ?? ""))\" required></label>\(beside("note"))</div>"
            + "<button type=\"submit\">\(attr(button[lang]))</button></form>"
    }

    static func distributionFields(scopes: [SurveyPageModel.Choice], values: [String: [String]], today: CivilDate, lang: Lang) -> String {
        func v(_ k: String, _ d: String = "") -> String { attr(values[k]?.first ?? d) }
        var html = "<div class=\"field\"><label>\(attr(Text("发放名称(中文)", "Name (Chinese)")[lang]))<input type=\"text\" name=\"name_zh\" value=\"\(v("name_zh"))\" required></label></div>"
        html += "<div class=\"field\"><label>\(attr(Text("发放名称(英文)", "Name (English)")[lang]))<input type=\"text\" name=\"name_en\" value=\"\(v("name_en"))\"></label></div>"
        html += "<div class=\"field\"><label>\(attr(Text("范围", "Scope")[lang]))" + Select(name: "scope", options: scopes.map { ($0.value, $0.label) }, selected: values["scope"]?.first, required: true).html + "</label></div>"
        html += "<div class=\"field\"><label>\(attr(Text("抽样", "Sampling")[lang]))" + Select(name: "sampling", options: SurveySamplingKind.allCases.map { ($0.rawValue, $0.label[lang]) }, selected: values["sampling"]?.first ?? "households_per_grid", required: true).html + "</label></div>"
        html += "<div class=\"field\"><label>\(attr(Text("每个网格抽几户", "Households per grid")[lang]))<input type=\"number\" name=\"households_per_grid\" min=\"1\" max=\"500\" value=\"\(v("households_per_grid", "1"))\"></label></div>"
        html += "<div class=\"field\"><label>\(attr(Text("随机种子(留空则自动生成)", "Seed (left empty: one is chosen)")[lang]))<input type=\"text\" name=\"seed\" value=\"\(v("seed"))\" inputmode=\"numeric\"></label></div>"
        html += "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"anonymous\"\((values["anonymous"] ?? ["on"]).isEmpty ? "" : " checked")> \(attr(Text("匿名(答卷与邀请码不关联)", "Anonymous (answers carry no link to the invitation)")[lang]))</label></div>"
        html += "<div class=\"field\"><label>\(attr(SurveyStrings.closesOn[lang]))<input type=\"date\" name=\"closes_on\" value=\"\(v("closes_on", today.adding(days: 14).iso))\" required></label></div>"
        return html
    }

    /// Answered invitations out of those issued, and paper without a code apart, as the
    /// distribution's page counts them (a rate never above 100%).
    static func counts(_ d: SurveyRead.DistributionView, _ lang: Lang) -> String {
        let base = "\(SurveyStrings.answered[lang]) \(d.responded) / \(SurveyStrings.invited[lang]) \(d.invited)"
        guard d.withoutInvitation > 0 else { return base }
        return base + Text(",另有无邀请码纸质问卷 \(d.withoutInvitation) 份", "; also \(d.withoutInvitation) on paper without a code")[lang]
    }

    static func sample(_ m: SurveyPageModel.Sample, lang: Lang, csrf: Node<HTML.FormContext>) -> [Node<HTML.BodyContext>] {
        let i = m.input
        let heads = [SurveyStrings.grid, Text("户数", "Households"), Text("人数", "Residents"), Text("邀请", "Invitations"), Text("不足", "Short")].map { $0[lang] }
        func hidden(_ name: String, _ value: String?) -> Node<HTML.FormContext> { .input(.type(.hidden), .name(name), .value(attr(value ?? ""))) }
        return [
            .p(.strong(.text(m.title[lang])), .text(" · \(m.scopeName) · \(SurveySamplingKind(rawValue: m.preview.sampling)?.label[lang] ?? "")")),
            .p(.text(Text("住户 \(m.preview.households) 户,居民 \(m.preview.residents) 人;将发出 \(m.preview.invitations) 个邀请码。随机种子:\(m.preview.seed)",
                          "\(m.preview.households) households, \(m.preview.residents) residents; \(m.preview.invitations) invitation codes will be issued. Seed: \(m.preview.seed)")[lang])),
            .table(.class("wide"), .thead(.tr(.th(.text(heads[0])), .forEach(heads.dropFirst()) { .th(.class("num"), .text($0)) })),
                   .tbody(.forEach(m.preview.grids) { g in
                       .tr(.td(.attribute(named: "data-label", value: attr(heads[0])), .text(lang == .zh ? g.grid : g.gridEn)),
                           .td(.class("num"), .attribute(named: "data-label", value: attr(heads[1])), .text("\(g.households)")),
                           .td(.class("num"), .attribute(named: "data-label", value: attr(heads[2])), .text("\(g.residents)")),
                           .td(.class("num"), .attribute(named: "data-label", value: attr(heads[3])), .text("\(g.invitations)")),
                           .td(.class("num"), .attribute(named: "data-label", value: attr(heads[4])), .text(g.shortfall > 0 ? "\(g.shortfall)" : "0")))
                   })),
            .form(.class("edit"), .method(.post), .action(attr(SitePath.surveySend.link(m.questionnaireID))), csrf,
                  hidden("name_zh", i.nameZh), hidden("name_en", i.nameEn), hidden("scope", "\(i.scopeKind ?? ""):\(i.scopeId?.uuidString ?? "")"),
                  hidden("sampling", i.sampling), hidden("households_per_grid", i.householdsPerGrid.map(String.init)), hidden("seed", m.preview.seed),
                  hidden("anonymous", (i.anonymous ?? true) ? "on" : ""), hidden("closes_on", i.closesOn),
                  .button(.type(.submit), .text(Text("确认发放", "Send to this sample")[lang]))),
            .p(.a(.href(attr(SitePath.survey.link(m.questionnaireID))), .text(Text("返回修改", "Back to change it")[lang]))),
        ]
    }

    static func ratesTable(_ title: Text, _ lines: [SurveyRead.RatesView.Line], lang: Lang) -> Node<HTML.BodyContext> {
        guard !lines.isEmpty else { return .empty }
        return .group(.h3(.text(title[lang])),
            .table(.tr(.th(.text(title[lang])), .th(.text(SurveyStrings.invited[lang])), .th(.text(SurveyStrings.answered[lang])), .th(.text(SurveyStrings.rate[lang]))),
                   .forEach(lines) { line in
                       .tr(.td(.text(lang == .zh ? line.labelZh : line.labelEn)), .td(.class("num"), .text("\(line.invited)")),
                           .td(.class("num"), .text("\(line.responded)")), .td(.class("num"), .text(line.rate)))
                   }))
    }

    static func distribution(_ m: SurveyPageModel.Distribution, lang: Lang, csrf: Node<HTML.FormContext>) -> [Node<HTML.BodyContext>] {
        let d = m.view
        let id = d.id
        return [
            .p(.strong(.text(m.title[lang])), .text(" · v\(d.version) · \(m.scopeName) · \(SurveySamplingKind(rawValue: d.sampling)?.label[lang] ?? d.sampling)"
                                                  + (d.householdsPerGrid.map { " (\($0))" } ?? "") + " · \(d.anonymous ? SurveyStrings.anonymous[lang] : SurveyStrings.identified[lang])")),
            .p(.text("\(SurveyStatus(rawValue: d.status)?.label[lang] ?? d.status) · \((d.closedOn.map { (Text("提前结束于", "Closed early on"), $0) } ?? (SurveyStrings.closesOn, d.closesOn)).0[lang])\(colon(lang))\(d.closedOn ?? d.closesOn) · \(Text("随机种子", "Seed")[lang])\(colon(lang))\(d.seed)")),
            .p(.class("actions"),
               .a(.class("button"), .href(attr(SitePath.surveyAnalysis.link(id))), .text(SurveyStrings.analysis[lang])), .text(" "),
               .a(.class("button"), .href(attr(SitePath.surveySlips.link(id))), .text(Text("打印邀请条", "Print invitation slips")[lang])),
               .if(m.takesPaper, .group(.text(" "), .a(.class("button"), .href(attr(SitePath.surveyPaper.link(id))), .text(SurveyStrings.paperEntry[lang]))))),
            .h2(.text(SurveyStrings.rates[lang])),
            .p(.text(Text("发出 \(m.rates.invited),已答 \(m.rates.responded)(\(m.rates.rate))。", "\(m.rates.invited) invited, \(m.rates.responded) answered (\(m.rates.rate)).")[lang]
                     + (m.rates.withoutInvitation == 0 ? "" : Text("另有无邀请码的纸质问卷 \(m.rates.withoutInvitation) 份。", " Also \(m.rates.withoutInvitation) on paper without a code.")[lang]))),
            ratesTable(SurveyStrings.compound, m.rates.byCompound, lang: lang),
            ratesTable(SurveyStrings.zone, m.rates.byZone, lang: lang),
            ratesTable(SurveyStrings.grid, m.rates.byGrid, lang: lang),
            .h2(.text(Text("导出", "Exports")[lang])),
            .ul(.li(.a(.href(attr(SurveysAPI.exportPath(id, "responses.csv"))), .text(Text("答卷 CSV", "Responses, CSV")[lang]))),
                .li(.a(.href(attr(SurveysAPI.exportPath(id, "responses.xlsx"))), .text(Text("答卷 XLSX", "Responses, XLSX")[lang]))),
                .li(.a(.href(attr(SurveysAPI.exportPath(id, "tables.csv"))), .text(Text("频数表 CSV", "Frequency tables, CSV")[lang]))),
                .li(.a(.href(attr(SurveysAPI.exportPath(id, "spss.sps"))), .text(Text("SPSS 标签语法", "SPSS label syntax")[lang])))),
            .if(m.canRun && d.status == SurveyStatus.open.rawValue,
                .form(.class("edit"), .method(.post), .action(attr(SitePath.surveyClose.link(id))), csrf,
                      .button(.type(.submit), .text(Text("结束收集", "Close the survey")[lang])))),
            .p(.a(.href(attr(SitePath.survey.link(d.questionnaireId))), .text(SurveyStrings.questionnaire[lang]))),
        ]
    }

    static func slips(_ m: SurveyPageModel.Slips, lang: Lang) -> [Node<HTML.BodyContext>] {
        [
            .p(.class("muted"), .text(Text("每户一张,沿虚线剪开。每个邀请码只能答一次。", "One slip per invitation; cut along the dashed lines. Each code answers once.")[lang])),
            .div(.class("slips"), .forEach(m.invitations) { inv in
                .div(.class("card slip"),
                     // Printed for every household, in both languages, each marked as such.
                     .p(.strong(.attribute(named: "lang", value: "zh-Hans"), .text(m.title.zh)), .br(), .span(.attribute(named: "lang", value: "en"), .text(m.title.en))),
                     .p(.text("\(inv.compound) \(inv.door)")),
                     .p(.text("邀请码 Code: "), .strong(.text(inv.code))),
                     .p(.text("网址 Address: \(m.site ?? "")\(SitePath.surveyAnswer.link(query: [("code", inv.code)]))")),
                     .p(.class("muted"), .text("截止 Closes: \(m.closesOn)")))
            }),
        ]
    }

    static func analysis(_ m: SurveyPageModel.Analysis, lang: Lang) -> [Node<HTML.BodyContext>] {
        let a = m.analysis
        func pick(_ name: String, _ selected: String?, _ options: [SurveyPageModel.Choice], _ blank: String) -> Node<HTML.FormContext> {
            .raw("<div class=\"field\"><label>\(attr(blank))" + Select(name: name, options: options.map { ($0.value, $0.label) }, selected: selected, blank: "—").html + "</label></div>")
        }
        let sexes = [SurveyPageModel.Choice(value: "female", label: Text("女", "Female")[lang]), .init(value: "male", label: Text("男", "Male")[lang])]
        let bands = AgeBands.standard.categories.map { SurveyPageModel.Choice(value: $0.key, label: $0.label[sl(lang)]) }
        let chose = m.filter.question.map { "\($0)=\(m.filter.option ?? "")" }
        return [
            .p(.text(a.filtered.map { Text("答卷 \(a.respondents) 份;筛选后 \($0) 份。", "\(a.respondents) responses; \($0) after the filters.")[lang] }
                     ?? SurveyStrings.filteredSuppressed(a.respondents)[lang])),
            .form(.class("search"), .method(.get), .action(attr(SitePath.surveyAnalysis.link(m.distributionID))),
                  pick("row", m.row, m.variables, Text("交叉表:行", "Cross-tab: rows")[lang]),
                  pick("column", m.column, m.variables, Text("列", "columns")[lang]),
                  pick("compound", m.filter.compound?.uuidString, m.compounds, Text("只看小区", "Only compound")[lang]),
                  pick("sex", m.filter.sex, sexes, Text("只看性别", "Only sex")[lang]),
                  pick("age_band", m.filter.ageBand, bands, Text("只看年龄段", "Only age band")[lang]),
                  pick("chose", chose, m.choices, Text("只看选了某项的人", "Only those who chose")[lang]),
                  .button(.type(.submit), .text(Text("查看", "Show")[lang]))),
            .unwrap(a.crossTab) { crossTab($0, anonymous: m.anonymous, lang: lang) },
            .h2(.text(Text("频数", "Frequencies")[lang])),
            .forEach(a.frequencies) { f in frequency(f, lang: lang) },
        ]
    }

    static func frequency(_ f: SurveyRead.FrequencyView, lang: Lang) -> Node<HTML.BodyContext> {
        let title = lang == .zh ? f.textZh : f.textEn
        let base = Text("答题 \(f.respondents) 人" + (f.multipleResponse ? ",共选 \(f.answers) 项" : "") + (f.missing > 0 ? ",未答/未问 \(f.missing)" : ""),
                        "\(f.respondents) answered" + (f.multipleResponse ? ", \(f.answers) choices" : "") + (f.missing > 0 ? ", \(f.missing) not answered or not asked" : ""))
        let answer = Text("答案", "Answer")[lang]
        return .section(.class("card"), .id(attr("q-\(f.question)")),
            .h3(.text(title)), .p(.class("muted"), .text(base[lang])),
            .if(!f.rows.isEmpty, .group(
                // On a phone each answer is a block of labelled lines (table.wide), nothing cut off.
                .table(.class("wide"), .thead(.tr(.th(.text(answer)), .th(.class("num"), .text(SurveyStrings.count[lang])), .th(.class("num"), .text(SurveyStrings.ofRespondents[lang])),
                           .if(f.multipleResponse, .th(.class("num"), .text(SurveyStrings.ofAnswers[lang]))))),
                       .tbody(.forEach(f.rows) { r in
                           .tr(.td(.attribute(named: "data-label", value: attr(answer)), .text(lang == .zh ? r.labelZh : r.labelEn)),
                               .td(.class("num"), .attribute(named: "data-label", value: attr(SurveyStrings.count[lang])), .text(r.count.map(String.init) ?? "<5")),
                               .td(.class("num"), .attribute(named: "data-label", value: attr(SurveyStrings.ofRespondents[lang])), .text(r.ofRespondents)),
                               .if(f.multipleResponse, .td(.class("num"), .attribute(named: "data-label", value: attr(SurveyStrings.ofAnswers[lang])), .text(r.ofAnswers ?? ""))))
                       })),
                .h4(.text(Text("图示", "Chart")[lang])),
                BarChart.table(f.rows.map { BarChart.Bar(label: lang == .zh ? $0.labelZh : $0.labelEn, value: Double($0.count ?? 0), note: $0.ofRespondents) }, title: title))),
            .unwrap(f.mean) { m in .p(.text("\(SurveyStrings.mean[lang])\(colon(lang))\(String(format: "%.2f", m.mean)) (n = \(m.count), \(Text("中位数", "median")[lang]) \(String(format: "%.2f", m.median)))")) })
    }

    static func crossTab(_ c: SurveyRead.CrossTabView, anonymous: Bool, lang: Lang) -> Node<HTML.BodyContext> {
        func label(_ x: SurveyRead.CrossTabView.Category) -> String { lang == .zh ? x.labelZh : x.labelEn }
        func cell(_ n: Int?) -> String { n.map(String.init) ?? "<5" }
        let chi = c.chiSquare
        return .section(.class("card"), .h2(.text(Text("交叉表", "Cross-tabulation")[lang])),
            .div(.class("scroll"), .table(.tr(.th(.text("")), .forEach(c.columns) { .th(.text(label($0))) }, .th(.text(Text("合计", "Total")[lang]))),
                   .forEach(Array(c.rows.enumerated())) { i, r in
                       .tr(.th(.text(label(r))), .forEach(Array(c.columns.indices)) { j in
                           .td(.class("num"), .text("\(cell(c.counts[i][j])) (\(c.columnPercent[i][j]))"))
                       }, .td(.class("num"), .text(cell(c.rowTotals[i]))))
                   },
                   .tr(.th(.text(Text("合计", "Total")[lang])), .forEach(c.columnTotals) { .td(.class("num"), .text(cell($0))) }, .td(.class("num"), .text(cell(c.total)))))),
            .p(.class("muted"), .text(Text("括号内为列百分比。", "Column percentages in brackets.")[lang])),
            .if(anonymous && c.suppressed > 0, .p(.class("muted"), .text(SurveyStrings.suppressedNote[lang]))),
            .p(.text(chi.reasons == [SurveyRead.CrossTabView.ChiSquare.suppressedReason]
                     ? Text("不给出卡方检验:表中有小于 5 的格子被隐去,检验值会让人推算出被隐去的人数。",
                            "No chi-square test: some cells under 5 are hidden, and the statistic would let one work out the hidden counts.")[lang]
                     : chi.applies
                     ? Text("卡方检验:χ² = \(String(format: "%.3f", chi.statistic ?? 0)),自由度 \(chi.degreesOfFreedom),p = \(String(format: "%.4f", chi.pValue ?? 1))",
                            "Chi-square test: χ² = \(String(format: "%.3f", chi.statistic ?? 0)), df \(chi.degreesOfFreedom), p = \(String(format: "%.4f", chi.pValue ?? 1))")[lang]
                     : Text("卡方检验不适用(\(chi.reasons.map { reason($0).zh }.joined(separator: "、")))",
                            "Chi-square does not apply (\(chi.reasons.map { reason($0).en }.joined(separator: ", ")))")[lang])))
    }

    /// Why a chi-square test does not apply, in words (the API gives the rule's reason as code).
    static func reason(_ code: String) -> Text {
        if code.hasPrefix("multipleResponse") { return Text("多选题的各格不是独立计数", "multiple-choice cells are not independent counts") }
        if code.hasPrefix("tooFewCategories") { return Text("有答案的行或列少于两个", "fewer than two rows or columns hold answers") }
        if code.hasPrefix("expectedBelowFive") { return Text("超过五分之一的格子期望频数小于 5", "more than a fifth of the cells expect fewer than 5") }
        if code.hasPrefix("expectedBelowOne") { return Text("有格子期望频数小于 1", "a cell expects fewer than 1") }
        return Text(code, code)
    }

    static func codeForm(error: ZhanjuError?, lang: Lang, code: String = "") -> [Node<HTML.BodyContext>] {
        [
            errorBox(error.map { [$0] } ?? [], lang: lang),
            .form(.class("edit"), .method(.post), .action(attr(SitePath.surveyAnswerSave.link())),
                  .raw("<div class=\"field\"><label>\(attr(SurveyStrings.invitation[lang]))<input type=\"text\" name=\"code\" value=\"\(attr(code))\" autocomplete=\"off\" autocapitalize=\"characters\" required></label></div>"),
                  .button(.type(.submit), .text(Text("开始填写", "Start")[lang]))),
        ]
    }

    static func answering(_ m: SurveyPageModel.Answering, errors: [ZhanjuError], notice: Text?, lang: Lang) -> [Node<HTML.BodyContext>] {
        [
            .p(.strong(.text(m.name[lang])), .text(" · \(SurveyStrings.closesOn[lang])\(colon(lang))\(m.closesOn)")),
            .if(m.anonymous, .p(.class("muted"), .text(Text("匿名调查:提交后答卷与邀请码不再关联。", "Anonymous: once submitted, your answers carry no link to your code.")[lang]))),
            .unwrap(notice) { .p(.class("notice"), .text($0[lang])) },
            errorBox(errors, lang: lang),
            .form(.class("edit survey"), .method(.post), .action(attr(SitePath.surveyAnswerSave.link())),
                  .input(.type(.hidden), .name("code"), .value(attr(m.code))),
                  .input(.type(.hidden), .name("opened"), .value("1")),
                  .raw(questions(m.questionnaire, saved: m.saved, errors: errors, lang: lang)),
                  .div(.class("actions"),
                       .button(.type(.submit), .name("action"), .value("save"), .text(SurveyStrings.saveDraft[lang])), .text(" "),
                       .button(.type(.submit), .name("action"), .value("submit"), .text(SurveyStrings.submit[lang])))),
        ]
    }

    static func preview(_ q: Questionnaire, lang: Lang) -> [Node<HTML.BodyContext>] {
        [.p(.class("muted"), .text(Text("预览:居民看到的问卷(不能提交)。", "Preview: the questionnaire as residents see it (cannot be submitted).")[lang])),
         .form(.class("edit survey"), .raw(questions(q, saved: [:], errors: [], lang: lang)))]
    }

    static func paper(_ m: SurveyPageModel.Paper, values: [String: [String]], saved: SurveyAnswers, errors: [ZhanjuError], notice: Text?, lang: Lang,
                      csrf: Node<HTML.FormContext>) -> [Node<HTML.BodyContext>] {
        func v(_ k: String) -> String { attr(values[k]?.first ?? "") }
        /// A refusal of one of the form's own fields, beside it.
        func beside(_ k: String) -> String {
            errors.filter { $0.field == k }.map { "<p class=\"field-error\">\(attr($0.message[lang]))</p>" }.joined()
        }
        let sexes: [(String, String)] = [("female", Text("女", "Female")[lang]), ("male", Text("男", "Male")[lang])]
        if let closed = m.closedOn {
            return [.p(.strong(.text(m.name[lang]))), .p(.class("notice"), .text(SurveyStrings.closed(closed).message[lang]))]
        }
        return [
            .p(.strong(.text(m.name[lang])), .text(" · "), .text(SurveyChannel.paper.label[lang])),
            .unwrap(notice) { .p(.class("notice"), .text($0[lang])) },
            errorBox(errors, lang: lang),
            .form(.class("edit survey"), .method(.post), .action(attr(SitePath.surveyPaper.link(m.distributionID))), csrf,
                  .raw(m.compounds.isEmpty
                       // No compound of the survey's is wholly theirs (a grid worker's area is a grid): a slip's code places the household.
                       ? "<div class=\"field\"><label>\(attr(Text("纸条上的邀请码", "The slip's code")[lang]))<input type=\"text\" name=\"code\" value=\"\(v("code"))\" required></label>\(beside("code"))"
                         + "<p class=\"muted\">\(attr(Text("您负责的范围内,没有邀请码的纸质问卷由工作站或居委会录入。", "Within the area you serve, paper without a code is typed in by the workstation or the committee.")[lang]))</p></div>"
                       : "<div class=\"field\"><label>\(attr(Text("纸条上的邀请码(没有则留空,并填下面三项)", "The slip's code (if none, leave empty and fill the three below)")[lang]))<input type=\"text\" name=\"code\" value=\"\(v("code"))\"></label>\(beside("code"))</div>"
                         + "<div class=\"field\"><label>\(attr(SurveyStrings.compound[lang]))" + Select(name: "compound_id", options: m.compounds.map { ($0.value, $0.label) }, selected: values["compound_id"]?.first, blank: "—").html + "</label>\(beside("compound_id"))</div>"),
                  .raw("<div class=\"field\"><label>\(attr(SurveyStrings.sex[lang]))" + Select(name: "sex", options: sexes, selected: values["sex"]?.first, blank: "—").html + "</label>\(beside("sex"))</div>"),
                  .raw("<div class=\"field\"><label>\(attr(SurveyStrings.age[lang]))<input type=\"number\" name=\"age\" min=\"0\" max=\"120\" value=\"\(v("age"))\"></label>\(beside("age"))</div>"),
                  .raw(questions(m.questionnaire, saved: saved, errors: errors, lang: lang)),
                  .button(.type(.submit), .text(Text("保存这份纸质问卷", "Save this paper questionnaire")[lang]))),
        ]
    }
}

extension QuestionKind {
    var isMultiple: Bool { if case .multipleChoice = self { true } else { false } }
}
