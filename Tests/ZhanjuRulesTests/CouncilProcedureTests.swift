import Testing
import ZhanjuRules

@Suite("Major matters: 四议两公开, in order")
struct CouncilProcedureTests {
    let procedure = MajorMatterProcedure.fourDeliberationsTwoDisclosures

    @Test("propose, consult, deliberate, resolve, publish the resolution, publish the result")
    func inOrder() {
        var taken: [MajorMatterProcedure.Step] = []
        for step in MajorMatterProcedure.Step.allCases {
            #expect(procedure.nextStep(after: taken) == step)
            #expect(procedure.check(step, after: taken, execution: .completed) == nil, "\(step)")
            taken.append(step)
        }
        #expect(procedure.nextStep(after: taken) == nil)
    }

    @Test("no resolution before party members deliberate; no step twice")
    func outOfOrder() {
        let early = procedure.check(.resolution, after: [.proposal, .consultation])
        #expect(early?.rule == .majorMatterStepOrder)
        #expect(early?.detail == "deliberation comes first")
        #expect(procedure.check(.proposal, after: [.proposal])?.rule == .majorMatterStepOrder)
    }

    @Test("the result is published only once the supervisory committee has signed the execution off")
    func resultAfterSignOff() {
        let before: [MajorMatterProcedure.Step] = [.proposal, .consultation, .deliberation, .resolution, .publishResolution]
        #expect(procedure.check(.publishResult, after: before, execution: .awaitingSignOff)?.rule == .signOffRequired)
        #expect(procedure.check(.publishResult, after: before, execution: nil)?.rule == .signOffRequired)
        #expect(procedure.check(.publishResult, after: before, execution: .completed) == nil)
    }

    @Test("a place may configure a shorter procedure; a step it leaves out is refused")
    func configured() {
        let short = MajorMatterProcedure(name: "no-party-branch", steps: [.consultation, .resolution, .publishResolution, .publishResult])
        #expect(short.check(.consultation, after: []) == nil)
        #expect(short.check(.deliberation, after: [.consultation])?.rule == .majorMatterStepOrder)
    }
}
