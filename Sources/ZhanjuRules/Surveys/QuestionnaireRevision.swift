/// What saving an edited questionnaire does. Responses answer the version they were given, so a
/// version with responses is frozen: an edit to it becomes the next version, and the old
/// responses keep theirs (they are validated, analysed and exported against it).
public enum QuestionnaireRevision: Hashable, Sendable {
    /// Nothing a respondent would see changed.
    case unchanged
    /// No responses yet: the edit replaces the draft, same version.
    case editInPlace
    /// Responses exist: the edit is saved as this new version.
    case newVersion(Int)

    /// `current` is the newest version; `responses` is how many responses answer it (partial
    /// saves included, since their answers too were given to its questions).
    public static func of(editing current: Questionnaire, to edited: Questionnaire, responses: Int) -> QuestionnaireRevision {
        var same = edited
        same.version = current.version
        if same == current { return .unchanged }
        return responses > 0 ? .newVersion(current.version + 1) : .editInPlace
    }

    /// The questionnaire to store for this revision.
    public func apply(to edited: Questionnaire, current: Questionnaire) -> Questionnaire {
        var result = edited
        switch self {
        case .unchanged, .editInPlace: result.version = current.version
        case .newVersion(let v): result.version = v
        }
        return result
    }
}
