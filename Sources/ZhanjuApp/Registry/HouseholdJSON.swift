import Foundation
import Vapor
import ZhanjuRules

/// The household JSON, written from plain strings so the SQLite reader can go from row text to
/// bytes without building UUIDs and structs on the way.
enum HouseholdJSON {
    struct Head {
        var id, door, entranceId, buildingId, compoundId: String
        var gridId: String?
        var compoundZh, compoundEn: String
        var zone: String?
        var building, entrance: String
    }
    struct Member {
        var id, householdId: String
        var relation: String?
        var name, sex, birthDate, hukou: String
        var politicalRights: Bool
        var tags: String        // stored form: ",a,b,"
        var phoneMasked, idNumberMasked: String?

        var withoutSensitiveTags: Member {
            var m = self
            m.tags = Resident.encodeTags(ServiceTag.visible(tags.split(separator: ",").map(String.init), sensitive: false))
            return m
        }
    }

    /// The same JSON the Codable encoder writes for HouseholdDetail (snake_case keys, nulls
    /// omitted); a test holds the two equal.
    static func write(_ h: Head, _ members: [Member]) -> String {
        var w = JSONWriter()
        w.object { w in
            w.field("id", h.id)
            w.field("door", h.door)
            w.field("entrance_id", h.entranceId)
            w.field("building_id", h.buildingId)
            w.field("compound_id", h.compoundId)
            w.field("grid_id", h.gridId)
            w.key("place")
            w.object { w in
                w.field("compound_zh", h.compoundZh)
                w.field("compound_en", h.compoundEn)
                w.field("zone", h.zone)
                w.field("building", h.building)
                w.field("entrance", h.entrance)
            }
            w.key("residents")
            w.array(members) { w, r in
                w.object { w in
                    w.field("id", r.id)
                    w.field("household_id", r.householdId)
                    w.field("relation", r.relation)
                    w.field("name", r.name)
                    w.field("sex", r.sex)
                    w.field("birth_date", r.birthDate)
                    w.field("hukou", r.hukou)
                    w.key("political_rights")
                    w.raw(r.politicalRights ? "true" : "false")
                    w.key("tags")
                    w.array(r.tags.split(separator: ",")) { w, tag in w.string(String(tag)) }
                    w.field("phone_masked", r.phoneMasked)
                    w.field("id_number_masked", r.idNumberMasked)
                }
            }
        }
        return w.output
    }

    static func response(_ json: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: json))
    }
}

extension HouseholdDetail {
    func json() -> String {
        HouseholdJSON.write(
            .init(id: id.uuidString, door: door, entranceId: entranceId.uuidString, buildingId: buildingId.uuidString, compoundId: compoundId.uuidString,
                  gridId: gridId?.uuidString, compoundZh: place.compoundZh, compoundEn: place.compoundEn, zone: place.zone,
                  building: place.building, entrance: place.entrance),
            residents.map { r in
                .init(id: r.id?.uuidString ?? "", householdId: r.householdId?.uuidString ?? "", relation: r.relation, name: r.name ?? "", sex: r.sex ?? "",
                      birthDate: r.birthDate ?? "", hukou: r.hukou ?? "", politicalRights: r.politicalRights ?? false,
                      tags: Resident.encodeTags(r.tags ?? []), phoneMasked: r.phoneMasked, idNumberMasked: r.idNumberMasked)
            })
    }

}
