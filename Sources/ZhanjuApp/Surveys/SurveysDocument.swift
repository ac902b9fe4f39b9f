import Foundation
import OpenAPIKit
import ZhanjuRules

/// The surveys capability's components, named as the operations in SurveysAPI refer to them.
/// Questionnaires and answers are ZhanjuRules' stored form (SurveyCoding): tagged with `type`.
enum SurveysDocument {
    static func schemas(_ d: inout OpenAPIDocument) {
        d.addSchema("Survey", SurveyRead.QuestionnaireSummary.self)
        d.addSchema("NewSurvey", SurveyService.QuestionnaireInput.self)
        d.addSchema("SurveyDetail", SurveysAPI.Detail.self)
        d.addSchema("SurveyRevision", SurveysAPI.Revision.self)
        d.addSchema("NewSurveyDistribution", SurveyService.DistributionInput.self)
        d.addSchema("SurveySample", SurveyRead.SamplePreview.self)
        d.addSchema("SurveyDistribution", SurveyRead.DistributionView.self)
        d.addSchema("NewSurveyLink", SurveyService.LinkInput.self)
        d.addSchema("SurveyLink", SurveysAPI.LinkView.self)
        d.addSchema("SurveyInvitation", SurveyRead.InvitationView.self)
        d.addSchema("SurveyRates", SurveyRead.RatesView.self)
        d.addSchema("SurveyAnalysis", SurveyRead.AnalysisView.self)
        d.addSchema("PaperSurveyResponse", SurveyService.PaperInput.self)
        d.addSchema("PaperSurveyResult", SurveysAPI.PaperResult.self)
        d.addSchema("SurveyCode", SurveysAPI.CodeInput.self)
        d.addSchema("SurveyAnswering", SurveysAPI.Answering.self)
        d.addSchema("SurveyAnswers", SurveysAPI.AnswerInput.self)
        d.addSchema("SurveyAnswerResult", SurveysAPI.AnswerResult.self)
    }

    /// The downloads: responses as CSV and XLSX, frequency tables as CSV, SPSS syntax.
    static func downloads(_ d: inout OpenAPIDocument, query: [OpenAPIDocument.Parameter]) {
        let xlsx = OpenAPI.ContentType(rawValue: SurveyXLSX.mediaType)!
        let files: [(String, String, OpenAPI.ContentType, String, Bool)] = [
            ("responses.csv", "downloadSurveyResponsesCSV", .csv, "The responses, one row per response (UTF-8 with BOM; formula-like cells neutralised); an anonymous survey's rows carry no compound, zone, grid, sex or age band, and its responses are exported whole (a filter is refused, 400)", true),
            ("tables.csv", "downloadSurveyTablesCSV", .csv, "The frequency tables, one row per answer (UTF-8 with BOM)", true),
            ("responses.xlsx", "downloadSurveyResponsesXLSX", xlsx, "The responses as an XLSX workbook (an anonymous survey's without compound, zone, grid, sex or age band, and whole: a filter is refused, 400)", true),
            ("spss.sps", "downloadSurveySPSS", .txt, "SPSS syntax: variable and value labels for the responses' columns", false),
        ]
        for (name, id, type, summary, filtered) in files {
            var responses = OpenAPI.Response.Map()
            var statuses: Set<Int> = [404]
            if filtered { statuses.insert(400) }
            for s in statuses.sorted() { responses[.status(code: s)] = .b(OpenAPIDocument.errorReply(s)) }
            responses[.status(code: 200)] = OpenAPIDocument.reply(summary, OpenAPIDocument.content([type: .string]))
            d.add("GET", "/api/v1/surveys/distributions/{id}/\(name)", OpenAPI.Operation(
                tags: ["Surveys"], summary: summary, operationId: id,
                parameters: (filtered ? query : []) + [.path("id", .uuid)], responses: responses))
        }
    }

    static var bilingual: JSONSchema { .record(["zh": .string, "en": .string]) }
    static var option: JSONSchema { .record(["key": .string, "text": bilingual]) }
    static var kind: JSONSchema {
        .record(["type": .oneOf(["single_choice", "multiple_choice", "rating_scale", "number", "date", "free_text"]),
                 "options": JSONSchema.list(option).mayBeAbsent, "allows_other": JSONSchema.boolean.mayBeAbsent,
                 "minimum": JSONSchema.number.mayBeAbsent, "maximum": JSONSchema.number.mayBeAbsent,
                 "lowest": JSONSchema.int().mayBeAbsent, "highest": JSONSchema.int().mayBeAbsent,
                 "low_label": bilingual.mayBeAbsent, "high_label": bilingual.mayBeAbsent, "whole_numbers": JSONSchema.boolean.mayBeAbsent,
                 "earliest": JSONSchema.date.mayBeAbsent, "latest": JSONSchema.date.mayBeAbsent, "max_length": JSONSchema.int(1...Questionnaire.longestText).mayBeAbsent])
    }
    /// A skip condition; `all`/`any`/`not` nest conditions of the same shape.
    static var condition: JSONSchema {
        .record(["type": .oneOf(["chosen", "between", "answered", "all", "any", "not"]),
                 "question": JSONSchema.string.mayBeAbsent, "any_of": JSONSchema.list(.string).mayBeAbsent,
                 "lowest": JSONSchema.number.mayBeAbsent, "highest": JSONSchema.number.mayBeAbsent,
                 "conditions": JSONSchema.list(.object(additionalProperties: .a(true))).mayBeAbsent,
                 "condition": JSONSchema.object(additionalProperties: .a(true)).mayBeAbsent])
    }
    static var question: JSONSchema {
        .record(["key": .string, "text": bilingual, "help": bilingual.mayBeAbsent, "kind": kind, "required": JSONSchema.boolean.mayBeAbsent,
                 "show_if": condition.mayBeAbsent])
    }
    static var questionnaire: JSONSchema {
        .record(["title": bilingual, "version": .int(), "sections": .list(.record(["key": .string, "title": bilingual, "questions": .list(question)]))])
    }
    static var answer: JSONSchema {
        .record(["type": .oneOf(["choice", "choices", "rating", "number", "date", "text"]),
                 "option": JSONSchema.string.mayBeAbsent, "options": JSONSchema.list(.string).mayBeAbsent, "other": JSONSchema.string.mayBeAbsent,
                 "value": JSONSchema.any(of: [JSONSchema.number, .string]).mayBeAbsent])
    }
    static var line: JSONSchema {
        .record(["key": .string, "label_zh": .string, "label_en": .string, "invited": .int(), "responded": .int(), "rate": .string])
    }
    static var category: JSONSchema { .record(["key": .string, "label_zh": .string, "label_en": .string]) }
}

extension SurveyRead.QuestionnaireSummary: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "owner_kind": .oneOf(SurveyOwnerKind.self), "owner_id": .uuid, "title_zh": .string, "title_en": .string,
                 "current_version": .int(), "created_at": .dateTime])
    }
}

extension SurveyService.QuestionnaireInput: APISchema {
    static var schema: JSONSchema {
        .record(["owner_kind": JSONSchema.oneOf(SurveyOwnerKind.self).optional, "owner_id": JSONSchema.uuid.optional,
                 "questionnaire": SurveysDocument.questionnaire, "bilingual": JSONSchema.boolean.optional])
    }
}

extension SurveysAPI.Detail: APISchema {
    static var schema: JSONSchema {
        .record(["survey": .named("Survey"), "questionnaire": SurveysDocument.questionnaire, "distributions": .list(.named("SurveyDistribution")),
                 "links": .list(.named("SurveyLink"))])
    }
}

extension SurveysAPI.Revision: APISchema {
    static var schema: JSONSchema { .record(["revision": .oneOf(["unchanged", "edit_in_place", "new_version"]), "version": .int()]) }
}

extension SurveyService.DistributionInput: APISchema {
    static var schema: JSONSchema {
        .record(["name_zh": .string, "name_en": JSONSchema.string.optional, "scope_kind": .oneOf(SurveyScopeKind.self), "scope_id": .uuid,
                 "sampling": .oneOf(SurveySamplingKind.self), "households_per_grid": JSONSchema.int(1...500).optional,
                 "seed": JSONSchema.string.optional, "anonymous": JSONSchema.boolean.optional, "closes_on": .date])
    }
}

extension SurveyRead.SamplePreview: APISchema {
    static var schema: JSONSchema {
        .record(["seed": .string, "sampling": .oneOf(SurveySamplingKind.self), "households": .int(), "residents": .int(), "invitations": .int(),
                 "grids": .list(.record(["grid": .string, "grid_en": .string, "households": .int(), "residents": .int(), "invitations": .int(), "shortfall": .int()]))])
    }
}

extension SurveyRead.DistributionView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "questionnaire_id": .uuid, "version": .int(), "name_zh": .string, "name_en": .string,
                 "scope_kind": .oneOf(SurveyScopeKind.self), "scope_id": .uuid, "sampling": .oneOf(SurveySamplingKind.self),
                 "households_per_grid": JSONSchema.int().optional, "seed": .string, "invitee": .oneOf(["household", "resident"]),
                 "anonymous": .boolean, "closes_on": .date, "closed_on": JSONSchema.date.optional, "status": .oneOf(SurveyStatus.self), "invited": .int(), "responded": .int(), "without_invitation": .int()])
    }
}

extension SurveyService.LinkInput: APISchema {
    static var schema: JSONSchema {
        .record(["kind": .oneOf(SurveyLinkKind.self), "target": .string, "question_key": JSONSchema.string.optional, "note": .string])
    }
}

extension SurveysAPI.LinkView: APISchema {
    static var schema: JSONSchema {
        .record(["id": .uuid, "kind": .oneOf(SurveyLinkKind.self), "target": .string, "question_key": JSONSchema.string.optional, "note": .string])
    }
}

extension SurveyRead.InvitationView: APISchema {
    static var schema: JSONSchema {
        .record(["code": .string, "door": .string, "compound": .string, "grid": JSONSchema.string.optional, "answered": .boolean])
    }
}

extension SurveyRead.RatesView: APISchema {
    static var schema: JSONSchema {
        .record(["invited": .int(), "responded": .int(), "rate": .string, "without_invitation": .int(),
                 "by_compound": .list(SurveysDocument.line), "by_zone": .list(SurveysDocument.line), "by_grid": .list(SurveysDocument.line)])
    }
}

extension SurveyRead.AnalysisView: APISchema {
    static var schema: JSONSchema {
        let row = JSONSchema.record(["key": .string, "label_zh": .string, "label_en": .string, "count": JSONSchema.int().optional,
                                     "of_respondents": .string, "of_answers": JSONSchema.string.optional])
        let mean = JSONSchema.record(["count": .int(), "mean": .number, "median": .number, "minimum": .number, "maximum": .number,
                                      "standard_deviation": JSONSchema.number.optional])
        let frequency = JSONSchema.record([
            "question": .string, "text_zh": .string, "text_en": .string,
            "kind": .oneOf(["single_choice", "multiple_choice", "rating_scale", "number", "date", "free_text"]),
            "multiple_response": .boolean, "respondents": .int(), "answers": .int(), "missing": .int(), "rows": .list(row), "mean": mean.optional])
        let chi = JSONSchema.record(["applies": .boolean, "statistic": JSONSchema.number.optional, "degrees_of_freedom": .int(),
                                     "p_value": JSONSchema.number.optional, "reasons": .list(.string)])
        let cross = JSONSchema.record([
            "row": .string, "column": .string, "rows": .list(SurveysDocument.category), "columns": .list(SurveysDocument.category),
            "counts": .list(.list(JSONSchema.int().optional)), "column_percent": .list(.list(.string)),
            "row_totals": .list(JSONSchema.int().optional), "column_totals": .list(JSONSchema.int().optional), "total": JSONSchema.int().optional,
            "excluded": .int(), "suppressed": .int(), "chi_square": chi])
        // `filtered` is null, with `filtered_suppressed` true, where an anonymous survey's filtered view
        // holds fewer than the small-cell threshold (then frequencies are empty and cross_tab absent).
        return .record(["distribution_id": .uuid, "respondents": .int(), "filtered": JSONSchema.int().optional, "filtered_suppressed": .boolean, "frequencies": .list(frequency), "cross_tab": cross.optional])
    }
}

extension SurveyService.PaperInput: APISchema {
    static var schema: JSONSchema {
        .record(["code": JSONSchema.string.optional, "compound_id": JSONSchema.uuid.optional, "sex": JSONSchema.oneOf(Sex.self).optional,
                 "age": JSONSchema.int().optional, "answers": .map(SurveysDocument.answer)])
    }
}

extension SurveysAPI.PaperResult: APISchema {
    static var schema: JSONSchema { .record(["response_id": .uuid, "channel": .oneOf(SurveyChannel.self), "entered_by": .string]) }
}

extension SurveysAPI.CodeInput: APISchema {
    static var schema: JSONSchema { .record(["code": .string]) }
}

extension SurveysAPI.Answering: APISchema {
    static var schema: JSONSchema {
        .record(["distribution_id": .uuid, "name_zh": .string, "name_en": .string, "closes_on": .date, "open": .boolean, "anonymous": .boolean,
                 "questionnaire": SurveysDocument.questionnaire, "saved": .list(.record(["question": .string, "answer": SurveysDocument.answer]))])
    }
}

extension SurveysAPI.AnswerInput: APISchema {
    static var schema: JSONSchema {
        .record(["code": .string, "answers": .map(SurveysDocument.answer), "submit": JSONSchema.boolean.optional])
    }
}

extension SurveysAPI.AnswerResult: APISchema {
    static var schema: JSONSchema { .record(["status": .oneOf(["draft", "submitted"])]) }
}
