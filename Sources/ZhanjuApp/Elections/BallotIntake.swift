import Foundation
import Vapor

/// Group commit for web ballots (DESIGN.md, "One write path"; issue 12, "Speed"): ballots that
/// arrive within a moment of each other are written in one transaction, and each request is
/// answered only after that transaction has committed, so an acknowledged ballot is durable and
/// a refused one wrote nothing. One transaction for many ballots also means no transaction id or
/// commit time singles out one voter's mark with one ballot.
actor BallotIntake {
    struct Pending {
        var request: ElectionService.CastRequest
        var service: ElectionService
        var continuation: CheckedContinuation<ElectionService.Receipt, any Error>
    }

    /// How long the first ballot of a batch waits for others, and the most one transaction takes.
    let window: UInt64
    let maxBatch: Int
    private var queue: [Pending] = []
    private var flushing = false
    /// Batches written and ballots in them, for tests and benchmarks.
    private(set) var batches = 0
    private(set) var ballots = 0

    init(windowMicroseconds: UInt64 = 2_000, maxBatch: Int = 256) {
        self.window = windowMicroseconds * 1_000
        self.maxBatch = maxBatch
    }

    func submit(_ request: ElectionService.CastRequest, service: ElectionService) async throws -> ElectionService.Receipt {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(Pending(request: request, service: service, continuation: continuation))
            if !flushing {
                flushing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            if queue.count < maxBatch { try? await Task.sleep(nanoseconds: window) }
            let batch = Array(queue.prefix(maxBatch))
            queue.removeFirst(batch.count)
            // The first ballot's request is waiting for this batch, so its database handle is live.
            let results = await batch[0].service.castBatch(batch.map(\.request))
            batches += 1
            ballots += batch.count
            for (pending, result) in zip(batch, results) { pending.continuation.resume(with: result) }
        }
        flushing = false
    }

    var counts: (batches: Int, ballots: Int) { (batches, ballots) }
}

struct BallotIntakeKey: StorageKey { typealias Value = BallotIntake }
