import Foundation
@testable import ZhanjuApp
import ZhanjuRules

/// A filled value of every elections body type, for APISchemaTests (each nested list holds one
/// element, so its items' schema is checked too).
enum ElectionExamples {
    static var all: [(String, any Encodable)] {
        let person = UUID()
        let explanation = ExplanationView(ElectionExplanation(.electionMajority, zh: "以 9 票当选主任", en: "elected chair with 9 votes"))
        let count = ElectionRead.CountView(residentId: person.uuidString, name: "王芳", votes: 9, printed: true)
        let elected = ElectionRead.ElectedView(residentId: person.uuidString, name: "王芳", post: "chair", round: 1, votes: 9, explanation: explanation)
        let round = ElectionRead.RoundView(number: 1, ballotsIssued: 21, counted: true, countedOn: "2026-12-20", registeredVoters: 21, ballotsCast: 14, valid: true,
                                           validity: [explanation],
                                           posts: [.init(post: "chair", kind: "first", seats: 1, votesNeeded: 8, validBallots: 14, blankBallots: 0, voidBallots: 0,
                                                         counts: [count], elected: [elected], openSeats: 0, explanations: [explanation])],
                                           ballot: [.init(post: "chair", kind: "first", seats: 1, candidates: [count])], logHead: HashChain.genesis)
        let objection = RollObjection()
        (objection.id, objection.electionID, objection.personID, objection.name, objection.request, objection.reason, objection.raisedOn) =
            (UUID(), UUID(), person, "王芳", "remove", "已迁出", "2026-12-02")
        (objection.decision, objection.answer, objection.answeredOn) = ("upheld", "经核实已迁出", "2026-12-03")
        let objectionView = ElectionRead.ObjectionView(objection, rules: .residentsCommittee, calendar: HolidayCalendar([]))
        let nomination = NominationRecord()
        (nomination.id, nomination.electionID, nomination.nomineeID, nomination.nomineeName, nomination.post, nomination.kind, nomination.signers, nomination.madeOn) =
            (UUID(), UUID(), person, "王芳", "chair", "self_nomination", UUID().uuidString, "2026-12-03")
        let candidate = ElectionRead.CandidateView(residentId: person, name: "王芳", sex: "female", post: "chair")
        let staff = ElectionRead.StaffView(residentId: person, name: "赵敏", role: "scrutineer")
        let detail = ElectionRead.Detail(
            election: .example,
            timetable: [.init(milestone: "polling_day", date: "2026-12-20", confirmed: true, explanation: explanation)],
            staff: [staff],
            roll: [.init(residentId: person, name: "王芳", door: "1-1-101", basis: "local_hukou", removed: false, voted: true)],
            rollChanges: [.init(seq: 1, residentId: person, name: "王芳", change: "remove", reason: "异议成立", changedOn: "2026-12-03")],
            objections: [objectionView], nominations: [ElectionRead.NominationView(nomination)],
            preliminaryCandidates: [candidate], finalCandidates: [candidate], codesIssued: 21, votedThisRound: 14, rounds: [round],
            boxes: [.example], papersPending: [.init(box: "booth", number: 2, state: "mismatch", receipt: nil)], proxies: [.example])
        let result = ElectionRead.Result(election: .example, committeeNameZh: "维融社区居委会", committeeNameEn: "Weirong", rounds: [round], elected: [elected],
                                         openSeats: [.init(post: "member", seats: 1)], womenElected: 1, checks: [explanation], termStarts: "2026-12-20", termEnds: "2031-12-19")
        let records = BallotLog.chain([BallotLogEntry(sequence: 1, election: "E", round: 1, receipt: "AAAA-BBBB", ballot: Ballot(marks: [.chair: [.candidate(person.uuidString)]]))])
        let log = ElectionRead.LogFile(format: 1, election: "E", rules: .residentsCommittee,
                                       rounds: [ElectionRound(number: 1, posts: [.init(post: .chair, kind: .first, seats: 1, candidates: [person.uuidString])])],
                                       published: [PublishedCount(round: 1, registeredVoters: 3, ballotsIssued: 3, ballotsCast: 1, votes: [.chair: [person.uuidString: 1]])],
                                       head: records.last!.hash, records: records)
        return [
            ("Election", ElectionRead.Summary.example),
            ("NewElection", ElectionService.CreateInput.example),
            ("ElectionDetail", detail),
            ("NewElectionStaff", ElectionService.StaffInput(residentId: person, role: "scrutineer")),
            ("ElectionStaff", staff),
            ("VoterRollBuild", ElectionService.RollBuild(listed: 20, notListed: [.init(residentId: person, name: "少年", reasons: [explanation])])),
            ("VoterRollChange", ElectionService.RollChangeInput.example),
            ("VoterRollChangeResult", ElectionsAPI.RollChangeResult(residentId: person, listed: true)),
            ("NewRollObjection", ElectionService.ObjectionInput.example),
            ("RollObjection", objectionView),
            ("RollObjectionAnswer", ElectionService.AnswerInput.example),
            ("NewNomination", ElectionService.NominationInput.example),
            ("Nomination", ElectionRead.NominationView(nomination)),
            ("FinalCandidateList", ElectionService.FinalListInput.example),
            ("VotingCode", ElectionService.IssuedCode.example),
            ("ElectionCount", ElectionService.CountInput.example),
            ("ElectionResult", result),
            ("BallotLog", log),
            ("BallotReceiptLookup", ElectionRead.ReceiptView(electionId: UUID(), receipt: "AAAA-BBBB", found: true, round: 1, sequence: 1, hash: records[0].hash,
                                                             previous: HashChain.genesis)),
            ("VotingCodeEntry", ElectionsAPI.CodeInput(code: "K7QF-3M9T-XW2C-8HRP")),
            ("BallotPaper", ElectionsAPI.BallotPaper.example),
            ("NewBallot", ElectionService.BallotInput.example),
            ("NewProxy", ElectionService.ProxyInput.example),
            ("Proxy", ElectionService.ProxyView.example),
            ("NewMobileBox", ElectionService.MobileBoxInput.example),
            ("BallotBox", ElectionService.BoxView.example),
            ("PaperBallotIssue", ElectionService.IssueInput.example),
            ("PaperBallotIssued", ElectionService.Issued.example),
            ("PaperBallotEntry", ElectionService.PaperInput.example),
            ("PaperBallot", ElectionService.PaperView.example),
            ("NewRecallPetition", ElectionService.RecallInput.example),
            ("RecallVote", ElectionService.RecallVoteInput.example),
            ("Recall", ElectionService.RecallView.example),
            ("BallotReceipt", ElectionService.Receipt(electionId: UUID(), round: 1, sequence: 1, receipt: "AAAA-BBBB", hash: records[0].hash)),
        ]
    }
}
