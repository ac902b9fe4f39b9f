import Foundation
import Vapor

/// Group commit for web ballots (DESIGN.md, "One write path"; issue 12, "Speed"): ballots that
/// arrive within a moment of each other are written in one transaction, and each request is
/// answered only after that transaction has committed, so an acknowledged ballot is durable and
/// a refused one wrote nothing. One transaction for many ballots also means no transaction id or
/// commit time singles out one voter's mark with one ballot.
///
/// On PostgreSQL several batches are written at once: each holds only the locks of its elections'
/// chains, so elections do not queue behind each other or behind other writes. SQLite has one
/// writer, so there one batch is written while the next gathers.
actor BallotIntake {
    struct Pending {
        var request: ElectionService.CastRequest
        var service: ElectionService
        var continuation: CheckedContinuation<ElectionService.Receipt, any Error>
    }

    /// How long the first ballot of a batch waits for others, and the most one transaction takes.
    let window: UInt64
    let maxBatch: Int
    /// How many batches may be written at once.
    let parallel: Int
    private var queue: [Pending] = []
    private var inFlight = 0
    private var gathering = false
    /// Batches written and ballots in them, for tests and benchmarks.
    private(set) var batches = 0
    private(set) var ballots = 0

    init(windowMicroseconds: UInt64 = 2_000, maxBatch: Int = 256, parallel: Int = 1) {
        self.window = windowMicroseconds * 1_000
        self.maxBatch = maxBatch
        self.parallel = max(1, parallel)
    }

    func submit(_ request: ElectionService.CastRequest, service: ElectionService) async throws -> ElectionService.Receipt {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(Pending(request: request, service: service, continuation: continuation))
            // An idle intake waits a moment for company; a busy one gathers while it writes.
            schedule(wait: inFlight == 0)
        }
    }

    private func schedule(wait: Bool) {
        guard !gathering, inFlight < parallel, !queue.isEmpty else { return }
        gathering = true
        Task { await self.gather(wait: wait) }
    }

    private func gather(wait: Bool) async {
        if wait && queue.count < maxBatch { try? await Task.sleep(nanoseconds: window) }
        gathering = false
        let batch = Array(queue.prefix(maxBatch))
        queue.removeFirst(batch.count)
        inFlight += 1
        schedule(wait: false)
        // The first ballot's request is waiting for this batch, so its database handle is live.
        let results = await batch[0].service.castBatch(batch.map(\.request))
        batches += 1
        ballots += batch.count
        for (pending, result) in zip(batch, results) { pending.continuation.resume(with: result) }
        inFlight -= 1
        // Those who came while this batch was written have waited already.
        schedule(wait: false)
    }

    var counts: (batches: Int, ballots: Int) { (batches, ballots) }
}

struct BallotIntakeKey: StorageKey { typealias Value = BallotIntake }
