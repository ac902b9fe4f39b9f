import Testing
import ZhanjuRules

private func step(_ status: ExecutionStatus, _ action: ExecutionAction, _ actor: ExecutionActor,
                  _ facts: ExecutionFacts = ExecutionFacts()) -> Result<ExecutionStatus, CouncilRefusal> {
    ExecutionLifecycle.next(from: status, by: action, actor: actor, facts: facts)
}

private func refusedRule(_ result: Result<ExecutionStatus, CouncilRefusal>) -> CouncilRule? {
    if case .failure(let refusal) = result { return refusal.rule }
    return nil
}

@Suite("Execution: the committee carries out a resolution, the supervisory committee signs it off")
struct CouncilExecutionTests {
    let done = ExecutionFacts(openTasks: 0, evidence: 2)

    @Test("the whole loop: started, reported done, a finding reopens it, reported again, signed off")
    func loop() {
        var status = ExecutionStatus.pending
        let steps: [(ExecutionAction, ExecutionActor, ExecutionFacts, ExecutionStatus)] = [
            (.start, .residentsCommittee, ExecutionFacts(), .inProgress),
            (.reportDone, .residentsCommittee, done, .awaitingSignOff),
            (.recordFinding, .supervisoryCommittee, ExecutionFacts(reason: "the ramp has no handrail"), .inProgress),
            (.reportDone, .residentsCommittee, ExecutionFacts(openTasks: 0, evidence: 3), .awaitingSignOff),
            (.signOff, .supervisoryCommittee, ExecutionFacts(), .completed),
        ]
        for (action, actor, facts, expected) in steps {
            guard case .success(let next) = step(status, action, actor, facts) else { Issue.record("\(action) from \(status)"); return }
            #expect(next == expected)
            status = next
        }
    }

    @Test("the committee cannot sign off its own work, nor can the workstation: the sign-off rule is named")
    func onlySupervisorsSignOff() {
        #expect(refusedRule(step(.awaitingSignOff, .signOff, .residentsCommittee)) == .signOffRequired)
        #expect(refusedRule(step(.awaitingSignOff, .signOff, .workstation)) == .signOffRequired)
        #expect(refusedRule(step(.awaitingSignOff, .signOff, .decidingBody)) == .signOffRequired)
    }

    @Test("no action the committee may take, from any state, marks the work completed")
    func committeeNeverCompletes() {
        for status in ExecutionStatus.allCases {
            for action in ExecutionAction.allCases {
                if case .success(let next) = step(status, action, .residentsCommittee, done) {
                    #expect(next != .completed, "\(action) from \(status)")
                }
            }
            #expect(!ExecutionLifecycle.actions(from: status, for: .residentsCommittee).contains(.signOff))
        }
    }

    @Test("supervisors sign off only what was reported done")
    func signOffOnlyWhenReported() {
        #expect(refusedRule(step(.inProgress, .signOff, .supervisoryCommittee)) == .executionTransition)
        #expect(refusedRule(step(.pending, .signOff, .supervisoryCommittee)) == .executionTransition)
        #expect(refusedRule(step(.completed, .signOff, .supervisoryCommittee)) == .executionTransition)
    }

    @Test("a supervisor who took part in the work may not sign it off")
    func independence() {
        #expect(refusedRule(step(.awaitingSignOff, .signOff, .supervisoryCommittee, ExecutionFacts(signerTookPart: true))) == .signerNotIndependent)
    }

    @Test("reported done only with every task finished and evidence attached")
    func reportDone() {
        #expect(refusedRule(step(.inProgress, .reportDone, .residentsCommittee, ExecutionFacts(openTasks: 1, evidence: 5))) == .tasksUnfinished)
        #expect(refusedRule(step(.inProgress, .reportDone, .residentsCommittee, ExecutionFacts(openTasks: 0, evidence: 0))) == .evidenceRequired)
        #expect(refusedRule(step(.pending, .reportDone, .residentsCommittee, done)) == .executionTransition)
    }

    @Test("a finding needs a public reason, and may reopen even completed work")
    func findings() {
        #expect(refusedRule(step(.awaitingSignOff, .recordFinding, .supervisoryCommittee)) == .publicReasonRequired)
        #expect(refusedRule(step(.awaitingSignOff, .recordFinding, .supervisoryCommittee, ExecutionFacts(reason: "  \n"))) == .publicReasonRequired)
        #expect(step(.completed, .recordFinding, .supervisoryCommittee, ExecutionFacts(reason: "the lights failed again")) == .success(.inProgress))
        #expect(refusedRule(step(.pending, .recordFinding, .supervisoryCommittee, ExecutionFacts(reason: "x"))) == .executionTransition)
        #expect(refusedRule(step(.inProgress, .recordFinding, .residentsCommittee, ExecutionFacts(reason: "x"))) == .executionActor)
    }

    @Test("only the deciding body rescinds, with a public reason; nothing follows")
    func rescind() {
        #expect(step(.inProgress, .rescind, .decidingBody, ExecutionFacts(reason: "superseded by resolution 2026-07")) == .success(.rescinded))
        #expect(refusedRule(step(.inProgress, .rescind, .decidingBody)) == .publicReasonRequired)
        #expect(refusedRule(step(.inProgress, .rescind, .residentsCommittee, ExecutionFacts(reason: "x"))) == .executionActor)
        #expect(refusedRule(step(.completed, .rescind, .decidingBody, ExecutionFacts(reason: "x"))) == .executionTransition)
        #expect(ExecutionStatus.rescinded.isFinal)
        for actor in ExecutionActor.allCases { #expect(ExecutionLifecycle.actions(from: .rescinded, for: actor).isEmpty) }
    }

    @Test("the buttons each actor sees")
    func actions() {
        #expect(ExecutionLifecycle.actions(from: .pending, for: .residentsCommittee) == [.start])
        #expect(ExecutionLifecycle.actions(from: .inProgress, for: .residentsCommittee) == [.reportDone])
        #expect(ExecutionLifecycle.actions(from: .awaitingSignOff, for: .supervisoryCommittee) == [.signOff, .recordFinding])
        #expect(ExecutionLifecycle.actions(from: .completed, for: .supervisoryCommittee) == [.recordFinding])
        #expect(ExecutionLifecycle.actions(from: .inProgress, for: .workstation).isEmpty)
    }

    @Test("what the supervisory committee signs: execution, disclosures, finances; nobody else, and not what they prepared")
    func signOffSubjects() {
        for subject in SignOffSubject.allCases {
            #expect(subject.checkSigner(.supervisoryCommittee, preparedIt: false) == nil)
            #expect(subject.checkSigner(.residentsCommittee, preparedIt: false)?.rule == .signOffRequired)
            #expect(subject.checkSigner(.supervisoryCommittee, preparedIt: true)?.rule == .signerNotIndependent)
        }
    }
}

@Suite("Execution progress: weighted, rolled up, overdue flagged")
struct CouncilExecutionProgressTests {
    let today = CivilDate(year: 2026, month: 11, day: 30)!

    @Test("weights: a task of weight 3 done and one of weight 1 untouched is 75 %")
    func weighted() throws {
        let r = try ExecutionProgress.read([
            ExecutionTask(id: "ramp", weight: 3, percentDone: 100),
            ExecutionTask(id: "sign", weight: 1, percentDone: 0),
        ], today: today)
        #expect(r.basisPoints == 7_500 && r.percent == 75)
        #expect(r.openTasks == 1 && !r.finished)
    }

    @Test("subtasks roll up into their parent, whose own figure is ignored")
    func nested() throws {
        let r = try ExecutionProgress.read([
            ExecutionTask(id: "lights", weight: 1, percentDone: 0, subtasks: [
                ExecutionTask(id: "buy", weight: 1, percentDone: 100),
                ExecutionTask(id: "fit", weight: 1, percentDone: 50),
            ]),
            ExecutionTask(id: "notice", weight: 1, percentDone: 100),
        ], today: today)
        #expect(r.basisPoints == 8_750)
        #expect(r.openTasks == 1)
    }

    @Test("never 100 % until every task is finished")
    func roundsDown() throws {
        let r = try ExecutionProgress.read([
            ExecutionTask(id: "a", percentDone: 100), ExecutionTask(id: "b", percentDone: 100), ExecutionTask(id: "c", percentDone: 99),
        ], today: today)
        #expect(r.percent == 99 && r.basisPoints == 9_966)
        let all = try ExecutionProgress.read([ExecutionTask(id: "a", percentDone: 100), ExecutionTask(id: "b", percentDone: 150)], today: today)
        #expect(all.basisPoints == 10_000 && all.finished)
        #expect(try ExecutionProgress.read([], today: today).basisPoints == 0)
    }

    @Test("overdue: unfinished and past its due date (not on it); a parent late with its subtasks too")
    func overdue() throws {
        let yesterday = today.adding(days: -1)
        let r = try ExecutionProgress.read([
            ExecutionTask(id: "late", percentDone: 50, due: yesterday),
            ExecutionTask(id: "due-today", percentDone: 0, due: today),
            ExecutionTask(id: "finished-late", percentDone: 100, due: yesterday),
            ExecutionTask(id: "parent", due: yesterday, subtasks: [ExecutionTask(id: "child", percentDone: 10, due: yesterday)]),
        ], today: today)
        #expect(r.overdue == ["late", "child", "parent"])
    }

    @Test("a weight below 1 is refused, naming the task")
    func weight() {
        let e = refusal { try ExecutionProgress.read([ExecutionTask(id: "x", weight: 0)], today: today) }
        #expect(e?.rule == .taskWeight && e?.subject == "x")
    }
}
