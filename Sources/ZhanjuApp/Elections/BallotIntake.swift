import Foundation
import NIOConcurrencyHelpers
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
///
/// A ballot waits on an event-loop promise under a lock rather than in an actor, so the request
/// is read and answered on its own event loop and only the batch runs as a task: at thousands of
/// ballots a second, the hops of an async route and an actor per ballot cost more than the write.
final class BallotIntake: Sendable {
    typealias Receipt = ElectionService.Receipt
    /// Writes a batch in one transaction: one result per request, in order.
    typealias Write = @Sendable ([ElectionService.CastRequest]) async -> [Result<Receipt, any Error>]

    private struct Pending {
        var request: ElectionService.CastRequest
        var promise: EventLoopPromise<Receipt>
    }

    private struct State {
        var queue: [Pending] = []
        var inFlight = 0
        var gathering = false
        /// How many the last batch held: those answered are the likeliest next to come.
        var lastBatch = 0
        /// Batches written and ballots in them, for tests and benchmarks.
        var batches = 0
        var ballots = 0
    }

    /// How often a waiting gatherer looks at the queue.
    static let step: UInt64 = 200_000
    /// How long the first ballot of a batch waits for others at most, and the most one transaction takes.
    let window: UInt64
    let maxBatch: Int
    /// How many batches may be written at once.
    let parallel: Int
    private let write: Write
    private let state = NIOLockedValueBox(State())

    init(windowMicroseconds: UInt64 = 2_000, maxBatch: Int = 256, parallel: Int = 1, write: @escaping Write) {
        self.window = windowMicroseconds * 1_000
        self.maxBatch = maxBatch
        self.parallel = max(1, parallel)
        self.write = write
    }

    /// Queues a ballot; the future completes once its batch has committed, or failed.
    func submit(_ request: ElectionService.CastRequest, on loop: any EventLoop) -> EventLoopFuture<Receipt> {
        let promise = loop.makePromise(of: Receipt.self)
        let start = state.withLockedValue { s -> Bool? in
            s.queue.append(Pending(request: request, promise: promise))
            // An idle intake waits a moment for company; a busy one gathers while it writes.
            return take(&s, wait: s.inFlight == 0)
        }
        if let wait = start { Task { await gather(wait: wait) } }
        return promise.futureResult
    }

    /// Whether a gatherer is to start now (and whether it waits for company first).
    private func take(_ s: inout State, wait: Bool) -> Bool? {
        guard !s.gathering, s.inFlight < parallel, !s.queue.isEmpty else { return nil }
        s.gathering = true
        return wait
    }

    /// An idle intake waits for company, but only as long as it is coming: until as many are
    /// queued as three quarters of the last batch (whose voters' phones, answered, are the ones
    /// sending next), or the window has passed. A fixed wait made every batch under steady load
    /// wait the whole window for ballots already queued (a third of each ballot's time at 64
    /// connections); a lone voter at a quiet hour is written at once.
    private func gather(wait: Bool) async {
        if wait {
            let deadline = DispatchTime.now().uptimeNanoseconds + window
            while true {
                let enough = state.withLockedValue { s in s.queue.count >= min(maxBatch, max(1, s.lastBatch * 3 / 4)) }
                let now = DispatchTime.now().uptimeNanoseconds
                if enough || now >= deadline { break }
                try? await Task.sleep(nanoseconds: min(Self.step, deadline - now))
            }
        }
        let (batch, next) = state.withLockedValue { s in
            s.gathering = false
            let batch = Array(s.queue.prefix(maxBatch))
            s.lastBatch = batch.count
            s.queue.removeFirst(batch.count)
            s.inFlight += 1
            return (batch, take(&s, wait: false))
        }
        if let next { Task { await gather(wait: next) } }
        let results = await write(batch.map(\.request))
        // One hop to each event loop for the batch rather than one per ballot: every promise
        // completed from off its loop woke that loop on its own.
        var byLoop: [ObjectIdentifier: (loop: any EventLoop, answers: [(EventLoopPromise<Receipt>, Result<Receipt, any Error>)])] = [:]
        for (pending, result) in zip(batch, results) {
            let loop = pending.promise.futureResult.eventLoop
            byLoop[ObjectIdentifier(loop), default: (loop, [])].answers.append((pending.promise, result))
        }
        for (loop, answers) in byLoop.values {
            loop.execute { for (promise, result) in answers { promise.completeWith(result) } }
        }
        // Those who came while this batch was written have waited already.
        let again = state.withLockedValue { s in
            s.batches += 1
            s.ballots += batch.count
            s.inFlight -= 1
            return take(&s, wait: false)
        }
        if let again { Task { await gather(wait: again) } }
    }

    var counts: (batches: Int, ballots: Int) { state.withLockedValue { ($0.batches, $0.ballots) } }
}

struct BallotIntakeKey: StorageKey { typealias Value = BallotIntake }
