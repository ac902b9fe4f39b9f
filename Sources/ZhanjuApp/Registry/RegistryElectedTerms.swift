import Fluent
import Foundation
import ZhanjuRules

/// What an announced election changes in the registry: the elected take the committee's posts
/// from the day of the announcement for the rule set's term; whoever held those posts into that
/// day and was not re-elected to the same post steps down the day before. Every change is an
/// ordinary appointment write (RegistryService), so the appointment policy checks it; the
/// elections capability calls this and never touches the appointments table.
struct RegistryElectedTerms: Sendable {
    let db: any Database
    let context: WriteContext

    struct Seat: Sendable, Equatable {
        var person: UUID
        var post: Post
    }

    /// Returns the appointments made (those already in place, as in an imported history, are left as they are).
    @discardableResult
    func seat(committee: UUID, elected: [Seat], term: Term) async throws -> Int {
        // The result was announced by the election committee; the registry records it as a system
        // write in the same transaction, with the announcer as the actor in the audit chain.
        let registry = RegistryService(db: db, context: WriteContext(actor: context.actor, principal: nil, access: context.access))
        let committeePosts: Set<String> = [Post.chair.rawValue, Post.deputyChair.rawValue, Post.member.rawValue]
        let current = try await Appointment.query(on: db).filter(\.$bodyID == committee).all()
            .filter { committeePosts.contains($0.post) && ($0.term?.contains(term.starts) ?? false || (CivilDate(iso: $0.startsOn).map { $0 >= term.starts } ?? false)) }
        func same(_ a: Appointment, _ seat: Seat) -> Bool {
            a.$resident.id == seat.person && a.post == seat.post.rawValue && a.startsOn == term.starts.iso && a.endsOn == term.ends?.iso
        }
        for a in current where !elected.contains(where: { same(a, $0) }) {
            guard let starts = CivilDate(iso: a.startsOn), starts < term.starts else { continue }
            _ = try await registry.update(a.id!, with: AppointmentResource(id: a.id, residentId: a.$resident.id, post: a.post, bodyKind: a.bodyKind, bodyId: a.bodyID,
                                                                             startsOn: a.startsOn, endsOn: term.starts.adding(days: -1).iso))
        }
        var made = 0
        for seat in elected where !current.contains(where: { same($0, seat) }) {
            _ = try await registry.create(AppointmentResource(id: nil, residentId: seat.person, post: seat.post.rawValue, bodyKind: seat.post.body.rawValue,
                                                              bodyId: committee, startsOn: term.starts.iso, endsOn: term.ends?.iso))
            made += 1
        }
        return made
    }
}

/// What a recall (罢免) reads and changes in the registry: the committee's members sitting on a
/// day, and the end of a recalled member's appointment on the day of the vote, as an ordinary
/// appointment write (RegistryService) in the caller's transaction.
extension RegistryElectedTerms {
    struct Sitting: Sendable, Equatable {
        var appointment: UUID
        var person: UUID
        var name: String
        var post: Post
    }

    /// The committee's chair, deputy chairs and members whose appointment covers `day`, by post then name.
    func sitting(committee: UUID, on day: CivilDate) async throws -> [Sitting] {
        let posts: [Post] = [.chair, .deputyChair, .member]
        let appointments = try await Appointment.query(on: db).filter(\.$bodyID == committee).all()
            .filter { a in posts.contains { $0.rawValue == a.post } && (a.term?.contains(day) ?? false) }
        var out: [Sitting] = []
        for a in appointments {
            guard let post = Post(rawValue: a.post), let person = try await Resident.find(a.$resident.id, on: db) else { continue }
            out.append(Sitting(appointment: a.id!, person: a.$resident.id, name: person.name, post: post))
        }
        return out.sorted { (posts.firstIndex(of: $0.post)!, $0.name) < (posts.firstIndex(of: $1.post)!, $1.name) }
    }

    /// Ends an appointment on `day` (its last day in office).
    func end(appointment id: UUID, on day: CivilDate) async throws {
        guard let a = try await Appointment.find(id, on: db) else { return }
        let registry = RegistryService(db: db, context: WriteContext(actor: context.actor, principal: nil, access: context.access))
        _ = try await registry.update(id, with: AppointmentResource(id: a.id, residentId: a.$resident.id, post: a.post, bodyKind: a.bodyKind, bodyId: a.bodyID,
                                                                   startsOn: a.startsOn, endsOn: day.iso))
    }
}
