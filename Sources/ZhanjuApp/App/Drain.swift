import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Stopping a node without losing a request. On SIGTERM (or SIGINT) the node first drains for
/// `grace`: it keeps serving, answers `/readyz` with 503 so a balancer that checks it stops
/// sending, and closes every connection after its response (`Connection: close`), so a balancer
/// never sends a request on a kept-alive connection just as the node closes it. Then the server
/// stops accepting, finishes what it has, and the process leaves.
enum Drain {
    static let grace: TimeAmount = .seconds(2)

    /// Serves until a stop signal, then drains and stops the server.
    static func serve(_ app: Application) async throws {
        try await app.asyncBoot()
        try await app.server.start(address: nil)
        await stopSignal()
        app.logger.notice("stopping: draining for \(grace.nanoseconds / 1_000_000) ms")
        app.draining.withLockedValue { $0 = true }
        try? await Task.sleep(nanoseconds: UInt64(grace.nanoseconds))
        await app.server.shutdown()
    }

    /// Returns at the first SIGTERM or SIGINT.
    private static func stopSignal() async {
        let queue = DispatchQueue(label: "zhanju.stop-signal")
        let sources = NIOLockedValueBox<[any DispatchSourceSignal]>([])
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = NIOLockedValueBox(false)
            for code in [SIGTERM, SIGINT] {
                let source = DispatchSource.makeSignalSource(signal: code, queue: queue)
                source.setEventHandler {
                    let first = once.withLockedValue { done in defer { done = true }; return !done }
                    if first { continuation.resume() }
                }
                source.resume()
                sources.withLockedValue { $0.append(source) }
            }
        }
        sources.withLockedValue { $0.forEach { $0.cancel() } }
    }
}

struct DrainingKey: StorageKey { typealias Value = NIOLockedValueBox<Bool> }

extension Application {
    /// Set once a stop signal arrived (Drain).
    var draining: NIOLockedValueBox<Bool> {
        if let box = storage[DrainingKey.self] { return box }
        let box = NIOLockedValueBox(false)
        storage[DrainingKey.self] = box
        return box
    }
}

/// While draining, every response says the connection closes. (Vapor adds its own
/// `Connection: keep-alive` after this; a balancer takes "close" from either line, as nginx does,
/// and closes the connection after the response.) Future-based, as every middleware on the path
/// of all requests: an async one put each request, and every middleware inside it, on a task of
/// the global pool and back (a sixth of a web ballot's CPU, BENCHMARKS.md).
struct DrainMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in
            if request.application.draining.withLockedValue({ $0 }) { response.headers.replaceOrAdd(name: .connection, value: "close") }
            return response
        }
    }
}
