// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "zhanju",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "zhanju", targets: ["zhanju"]),
        .library(name: "ZhanjuRules", targets: ["ZhanjuRules"]),
        .library(name: "ZhanjuApp", targets: ["ZhanjuApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
    ],
    targets: [
        // Pure rules; Crypto only for value-in, value-out primitives (AES-GCM, HMAC, SHA-256).
        .target(name: "ZhanjuRules", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        .target(
            name: "ZhanjuApp",
            dependencies: [
                "ZhanjuRules",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "CSV", package: "CSV.swift"),
                // The OpenAPI 3.1 document as typed values (the OpenAPIKit30 product is OpenAPI 3.0).
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "zhanju",
            dependencies: [
                "ZhanjuApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ZhanjuRulesTests", dependencies: ["ZhanjuRules"], swiftSettings: strict),
        .testTarget(
            name: "ZhanjuAppTests",
            dependencies: [
                "ZhanjuApp",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            swiftSettings: strict
        ),
    ]
)
