import Foundation
import Vapor
import ZhanjuRules

/// A household as a clerk or grid worker reads it: where it is and who lives there, masked.
struct HouseholdDetail: Content {
    struct Place: Content {
        var compoundZh: String
        var compoundEn: String
        var zone: String?
        var building: String
        var entrance: String
    }
    var id: UUID
    var door: String
    var entranceId: UUID
    var buildingId: UUID
    var compoundId: UUID
    var gridId: UUID?
    var place: Place
    var residents: [ResidentResource]

    static let example = HouseholdDetail(id: UUID(), door: "1-101", entranceId: UUID(), buildingId: UUID(), compoundId: UUID(), gridId: UUID(),
                                         place: Place(compoundZh: "维多利亚", compoundEn: "Victoria", zone: "A", building: "3", entrance: "1"),
                                         residents: [ResidentResource.example])
}

extension HouseholdDetail {
    /// Nil only if the database holds an id that is not a UUID.
    init?(_ rows: HouseholdRead.Rows) {
        let h = rows.head
        guard let id = Hex.uuid(parsing: h.id), let entranceId = Hex.uuid(parsing: h.entranceId),
              let buildingId = Hex.uuid(parsing: h.buildingId), let compoundId = Hex.uuid(parsing: h.compoundId) else { return nil }
        self.init(id: id, door: h.door, entranceId: entranceId, buildingId: buildingId, compoundId: compoundId,
                  gridId: h.gridId.flatMap(Hex.uuid(parsing:)),
                  place: .init(compoundZh: h.compoundZh, compoundEn: h.compoundEn, zone: h.zone, building: h.building, entrance: h.entrance),
                  residents: rows.members.map { m in
                      ResidentResource(id: Hex.uuid(parsing: m.id), householdId: Hex.uuid(parsing: m.householdId), relation: m.relation, name: m.name,
                                       sex: m.sex, birthDate: m.birthDate, hukou: m.hukou, politicalRights: m.politicalRights, phone: nil, idNumber: nil,
                                       tags: m.tags.split(separator: ",").map(String.init), phoneMasked: m.phoneMasked, idNumberMasked: m.idNumberMasked)
                  })
    }
}
