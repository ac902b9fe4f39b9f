/// A piece of execution work: a task with a weight, how far it is done, a due date, and subtasks.
/// A task with subtasks takes its progress from them, weighted; its own figure is ignored.
public struct ExecutionTask: Hashable, Sendable {
    public var id: String
    public var weight: Int
    /// 0–100; clamped.
    public var percentDone: Int
    public var due: CivilDate?
    public var subtasks: [ExecutionTask]

    public init(id: String, weight: Int = 1, percentDone: Int = 0, due: CivilDate? = nil, subtasks: [ExecutionTask] = []) {
        self.id = id
        self.weight = weight
        self.percentDone = percentDone
        self.due = due
        self.subtasks = subtasks
    }
}

public struct ProgressReading: Hashable, Sendable {
    /// Weighted progress in hundredths of a percent (0–10,000), rounded down: it shows 100 % only
    /// when every task is finished.
    public var basisPoints: Int
    public var percent: Int { basisPoints / 100 }
    /// Tasks (at every level, leaves only) not yet at 100 %.
    public var openTasks: Int
    /// Unfinished tasks past their due date, leaves and parents alike; flagged to the workstation.
    public var overdue: [String]
    public var finished: Bool { openTasks == 0 }
}

public enum ExecutionProgress {
    /// Rolls progress up through the task tree. Refuses a weight below 1 (a task that does not
    /// count should not be a task).
    public static func read(_ tasks: [ExecutionTask], today: CivilDate) throws(CouncilRefusal) -> ProgressReading {
        var open = 0
        var overdue: [String] = []
        // Progress of one task as a fraction num/den, kept exact.
        func visit(_ t: ExecutionTask) throws(CouncilRefusal) -> (Int, Int) {
            guard t.weight >= 1 else { throw CouncilRefusal(.taskWeight, subject: t.id, detail: "weight \(t.weight)", zh: "权重 \(t.weight)") }
            let fraction: (Int, Int)
            if t.subtasks.isEmpty {
                let p = min(max(t.percentDone, 0), 100)
                if p < 100 { open += 1 }
                fraction = (p, 100)
            } else {
                fraction = try combine(t.subtasks)
            }
            if let due = t.due, today > due, fraction.0 < fraction.1 { overdue.append(t.id) }
            return fraction
        }
        func combine(_ items: [ExecutionTask]) throws(CouncilRefusal) -> (Int, Int) {
            let total = items.reduce(0) { $0 + $1.weight }
            var num = 0
            var den = 1
            for t in items {
                let (n, d) = try visit(t)
                // num/den + weight*n/(d*total)
                let term = (t.weight * n, d * max(total, 1))
                (num, den) = (num * term.1 + term.0 * den, den * term.1)
                let g = gcd(num, den)
                (num, den) = (num / g, den / g)
            }
            return (num, den)
        }
        let (num, den) = tasks.isEmpty ? (0, 1) : try combine(tasks)
        return ProgressReading(basisPoints: num * 10_000 / den, openTasks: open, overdue: overdue)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (abs(a), abs(b))
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }
}
