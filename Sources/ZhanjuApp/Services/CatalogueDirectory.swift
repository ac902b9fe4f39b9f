import Fluent
import Foundation

/// What other capabilities (surveys) read of the service catalogue: items by code, with names.
/// Values only; the catalogue's tables stay the Services capability's own.
struct CatalogueDirectory: Sendable {
    let db: any Database

    struct Item: Sendable, Equatable {
        var code: String
        var name: Text
    }

    func itemName(code: String) async throws -> Text? {
        try await ServiceItem.query(on: db).filter(\.$code == code.uppercased()).first().map { Text($0.nameZh, $0.nameEn) }
    }

    /// Every item, by family and code, for choosing one by name.
    func items() async throws -> [Item] {
        try await ServiceItem.query(on: db).sort(\.$family).sort(\.$code).all().map { Item(code: $0.code, name: Text($0.nameZh, $0.nameEn)) }
    }
}
