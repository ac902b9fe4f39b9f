import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor
import ZhanjuRules

/// The access machinery an application holds: the personal-data cipher, the password cost, and
/// caches of the territory map and of principals by credential. Any write that can change who may
/// do what (registry, accounts, tokens) calls `invalidate()`, so a revoked token or an ended
/// appointment takes effect on the next request.
final class AccessState: Sendable {
    let cipher: PersonalDataCipher
    let passwordCost: Int
    let secureCookies: Bool
    let throttle = SignInThrottle.standard
    let writeLock = WriteLock()
    let households: HouseholdCache
    let commonPasswords = CommonPasswords.shipped
    let hashing: PasswordHashing
    /// Households, residents and buildings counted per compound and grid for the structure tree
    /// (the structure API, and the pages' bodies when they are rendered).
    let structureCounts = TimedCache<Counts>()
    let pageFragments = PageFragmentCache()
    /// Dashboards' figures, emptied by every case write in this process (at most 5 s old otherwise).
    let dashboards = TimedCache<Dashboard>()
    /// Rendered pages of bodies' case lists, emptied with the dashboards and by every registry,
    /// catalogue and calendar write.
    let caseQueues = PageFragmentCache()
    /// What this process has seen of other processes' writes (Coherence).
    let coherence = Coherence()
    /// Made on first use (a bcrypt hash takes a quarter of a second; commands that never sign
    /// anyone in should not pay it).
    private let decoy = NIOLockedValueBox<String?>(nil)
    private let state = NIOLockedValueBox(State())

    struct State {
        /// Bumped by every change that can alter who may do what (principals are rebuilt).
        var generation = 0
        /// Bumped only by changes to the territory itself (the map is reloaded).
        var territoryGeneration = 0
        var map: TerritoryMap?
        /// The load in progress, so a burst of requests after a change loads the map once.
        var mapLoad: (generation: Int, task: Task<TerritoryMap, any Error>)?
        var calendar: HolidayCalendar?
        var principals: [String: Cached] = [:]
        /// Loads in progress by credential hash, so the requests of one client that arrive
        /// together after a change load its principal once.
        var principalLoads: [String: (generation: Int, task: Task<Principal?, any Error>)] = [:]
    }

    struct Cached {
        var principal: Principal
        var expires: Date?
    }

    /// The application's clock, for timestamps written by services.
    let now: @Sendable () -> Date

    init(cipher: PersonalDataCipher, passwordCost: Int, secureCookies: Bool, householdCache: Int = 16_384, now: @escaping @Sendable () -> Date) {
        self.households = HouseholdCache(capacity: householdCache)
        self.now = now
        self.cipher = cipher
        self.passwordCost = passwordCost
        self.hashing = PasswordHashing(cost: passwordCost)
        self.secureCookies = secureCookies
    }

    /// Verified against when a username is unknown, so a wrong username costs as long as a wrong password.
    var decoyHash: String {
        decoy.withLockedValue { hash in
            if let hash { return hash }
            let made = (try? Bcrypt.hash([UInt8].random(count: 16).base64String(), cost: passwordCost)) ?? ""
            hash = made
            return made
        }
    }

    var personalNumbers: PersonalNumbers { PersonalNumbers(cipher: cipher) }

    /// Forgets cached principals (a post, a household or an account changed); the territory map
    /// too when the territory itself changed.
    func invalidate(territory: Bool = true) {
        if territory, let inside = WritePath.inside {
            inside.map = nil
            inside.territoryChanged = true
        }
        state.withLockedValue {
            $0.generation += 1
            if territory { $0.map = nil; $0.mapLoad = nil; $0.territoryGeneration += 1; households.removeAll(); structureCounts.invalidate(); pageFragments.invalidate(); caseQueues.invalidate() }
            $0.principals.removeAll(keepingCapacity: true)
            $0.principalLoads.removeAll()
        }
    }

    /// Forgets the cached principals of these people or of those living in these households:
    /// a write to a household or a resident changes no one else's grants.
    func invalidate(principalsOf ids: Set<UUID>) {
        guard !ids.isEmpty else { return }
        state.withLockedValue { s in
            // Loads in flight may have read the old rows; they must not be kept.
            s.generation += 1
            s.principals = s.principals.filter { _, cached in
                !(cached.principal.residentID.map(ids.contains) ?? false) && !(cached.principal.householdID.map(ids.contains) ?? false)
            }
        }
    }

    /// The working-day calendar, loaded once and again only after a year is added.
    func calendar(on db: any Database) async throws -> HolidayCalendar {
        if let cached = state.withLockedValue({ $0.calendar }) { return cached }
        let calendar = try await WorkingCalendar.load(on: db)
        state.withLockedValue { $0.calendar = calendar }
        return calendar
    }

    func forgetCalendar() { state.withLockedValue { $0.calendar = nil } }

    func map(on db: any Database) async throws -> TerritoryMap {
        // Inside a write: never wait on the shared load (it may need the very connection the
        // write holds) and never publish a map read through an uncommitted transaction. The
        // write keeps its own, dropped when it changes the territory.
        if let inside = WritePath.inside {
            if let map = inside.map { return map }
            if !inside.territoryChanged, let shared = state.withLockedValue({ $0.map }) { return shared }
            let map = try await TerritoryMap.load(on: db)
            inside.map = map
            return map
        }
        let task: Task<TerritoryMap, any Error> = state.withLockedValue { s in
            if let map = s.map { return Task { map } }
            if let load = s.mapLoad, load.generation == s.territoryGeneration { return load.task }
            let generation = s.territoryGeneration
            let load = Task { try await TerritoryMap.load(on: db) }
            s.mapLoad = (generation, load)
            return load
        }
        let map = try await task.value
        state.withLockedValue { s in
            if s.mapLoad?.generation == s.territoryGeneration, s.map == nil { s.map = map; s.mapLoad = nil }
        }
        return map
    }

    /// The territory map if it is loaded, for synchronous paths that must not wait for it.
    func cachedMap() -> TerritoryMap? { state.withLockedValue { $0.map } }

    /// Cached per credential and per way it was sent: a token's principal is never found for the
    /// same string sent as a session cookie (which would skip the session's CSRF check).
    private static func cacheKey(_ credentialHash: String, bearer: Bool) -> String { (bearer ? "bearer:" : "session:") + credentialHash }

    func cachedPrincipal(_ credentialHash: String, bearer: Bool, now: Date) -> Principal? {
        let key = Self.cacheKey(credentialHash, bearer: bearer)
        return state.withLockedValue { s in
            guard let c = s.principals[key] else { return nil }
            if let expires = c.expires, expires <= now {
                s.principals[key] = nil
                return nil
            }
            return c.principal
        }
    }

    /// Looks a credential up in the database and builds its principal; nil when it is unknown,
    /// expired, revoked, or its account is disabled. Concurrent requests with one credential share
    /// one load.
    func loadPrincipal(_ credentialHash: String, bearer: Bool, req: Request) async throws -> Principal? {
        let key = Self.cacheKey(credentialHash, bearer: bearer)
        let task: Task<Principal?, any Error> = state.withLockedValue { s in
            if let load = s.principalLoads[key], load.generation == s.generation { return load.task }
            let generation = s.generation
            let task = Task {
                defer { self.state.withLockedValue { s in if s.principalLoads[key]?.generation == generation { s.principalLoads[key] = nil } } }
                return try await self.buildPrincipal(credentialHash, bearer: bearer, generation: generation, req: req)
            }
            s.principalLoads[key] = (generation, task)
            return task
        }
        return try await task.value
    }

    private func buildPrincipal(_ credentialHash: String, bearer: Bool, generation: Int, req: Request) async throws -> Principal? {
        let now = req.application.clock.now()
        let db = req.db
        let account: Account?
        let credential: Principal.Credential
        var expires: Date?
        if bearer {
            guard let token = try await APIToken.query(on: db).filter(\.$tokenHash == credentialHash).first(),
                  token.revokedAt == nil, token.expiresAt.map({ $0 > now }) ?? true else { return nil }
            account = try await Account.find(token.$account.id, on: db)
            credential = .token
            expires = token.expiresAt
        } else {
            guard let session = try await SignInSession.query(on: db).filter(\.$tokenHash == credentialHash).first(),
                  session.expiresAt > now else { return nil }
            account = try await Account.find(session.$account.id, on: db)
            credential = .session(csrf: session.csrfToken)
            expires = session.expiresAt
        }
        guard let account, !account.disabled else { return nil }
        let principal = try await GrantBuilder.principal(for: account, credential: credential, today: req.today,
                                                         map: try await map(on: db), on: db)
        state.withLockedValue { if $0.generation == generation { $0.principals[Self.cacheKey(credentialHash, bearer: bearer)] = Cached(principal: principal, expires: expires) } }
        return principal
    }
}

struct AccessStateKey: StorageKey { typealias Value = AccessState }

extension Application {
    var access: AccessState { storage[AccessStateKey.self]! }
}

extension Request {
    var access: AccessState { application.access }
}

/// Random secrets and their stored hashes (tokens, session ids).
enum Secret {
    static func make(prefix: String) -> String { prefix + [UInt8].random(count: 24).base64String().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "") }
    static func hash(_ value: String) -> String {
        var value = value
        return value.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)).withUnsafeBytes { Hex.encode($0) } }
    }
}
