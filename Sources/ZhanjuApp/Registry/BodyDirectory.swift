import Fluent
import Foundation
import ZhanjuRules

/// Finds any body by kind and id, and the sub-district whose rules govern it.
struct BodyDirectory {
    let db: any Database

    /// The sub-district a body belongs to, or nil if no such body of that kind exists.
    func subDistrict(of kind: BodyKind, id: UUID) async throws -> SubDistrict? {
        switch kind {
        case .subDistrict:
            return try await SubDistrict.find(id, on: db)
        case .workstation:
            return try await Workstation.find(id, on: db).asyncFlatMap { try await SubDistrict.find($0.$subDistrict.id, on: db) }
        case .grid:
            return try await Grid.find(id, on: db).asyncFlatMap { try await subDistrict(of: .workstation, id: $0.$workstation.id) }
        case .residentsCommittee:
            return try await ResidentsCommittee.find(id, on: db).asyncFlatMap { try await subDistrict(of: .workstation, id: $0.$workstation.id) }
        case .servicePoint:
            return try await ServicePoint.find(id, on: db).asyncFlatMap { try await compoundSubDistrict($0.$compound.id) }
        default:
            guard let org = try await Organisation.find(id, on: db), org.kind == kind.rawValue else { return nil }
            if let ws = org.$workstation.id { return try await subDistrict(of: .workstation, id: ws) }
            if let rc = org.$committee.id { return try await subDistrict(of: .residentsCommittee, id: rc) }
            if let c = org.$compound.id { return try await compoundSubDistrict(c) }
            return nil
        }
    }

    private func compoundSubDistrict(_ id: UUID) async throws -> SubDistrict? {
        try await Compound.find(id, on: db).asyncFlatMap { try await subDistrict(of: .residentsCommittee, id: $0.$committee.id) }
    }

    /// A body's display name, for pages.
    func name(of kind: BodyKind, id: UUID) async throws -> Text? {
        switch kind {
        case .subDistrict: return try await SubDistrict.find(id, on: db).map { Text($0.nameZh, $0.nameEn) }
        case .workstation: return try await Workstation.find(id, on: db).map { Text($0.nameZh, $0.nameEn) }
        case .grid: return try await Grid.find(id, on: db).map { Text($0.nameZh, $0.nameEn) }
        case .residentsCommittee: return try await ResidentsCommittee.find(id, on: db).map { Text($0.nameZh, $0.nameEn) }
        case .servicePoint: return try await ServicePoint.find(id, on: db).map { Text($0.nameZh, $0.nameEn) }
        default: return try await Organisation.find(id, on: db).map { Text($0.nameZh, $0.nameEn) }
        }
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
