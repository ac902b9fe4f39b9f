/// How long sign-in waits after repeated failures, per account and per address. A few typing
/// mistakes cost nothing; guessing costs a delay that doubles with every further failure.
public struct SignInThrottle: Sendable {
    public var freeFailures: Int
    public var firstDelaySeconds: Int
    public var maximumDelaySeconds: Int

    public static let standard = SignInThrottle(freeFailures: 5, firstDelaySeconds: 30, maximumDelaySeconds: 15 * 60)

    public init(freeFailures: Int, firstDelaySeconds: Int, maximumDelaySeconds: Int) {
        self.freeFailures = freeFailures
        self.firstDelaySeconds = firstDelaySeconds
        self.maximumDelaySeconds = maximumDelaySeconds
    }

    /// Seconds to refuse further attempts after this many consecutive failures.
    public func delay(afterFailures failures: Int) -> Int {
        guard failures >= freeFailures else { return 0 }
        let doublings = min(failures - freeFailures, 20)
        return min(maximumDelaySeconds, firstDelaySeconds << doublings)
    }
}
