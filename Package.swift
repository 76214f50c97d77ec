// swift-tools-version: 6.2
import PackageDescription

/// Leadline: an export sales team's inbox turned into qualified leads and timely follow-ups.
///
/// Module boundaries (see ../shared/STYLE.md):
/// - `CCurl`: libcurl headers and non-variadic shims; `COpenSSL`: libcrypto's SHA-256 (libcurl loads it anyway);
///   `CMalloc`: glibc's `mallopt` for the worker's memory settings.
/// - `LeadlineMIME`: pure RFC 5322 / MIME parsing and building, charsets, text extraction. No IO.
/// - `LeadlineTransport`: IMAP and SMTP over libcurl, Maildir / .eml sources, file outbox.
/// - `LeadlineCore`: pure domain rules: classification, fact extraction, sequence planning.
/// - `LeadlineStore`: SQLite through GRDB.
/// - `LeadlineApp`: the composition root: configuration, ingest pipeline, services.
/// - `leadline`: the command-line tool; `leadline-bench`: benchmarks (run in release mode).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Leadline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "leadline", targets: ["leadline"]),
        .executable(name: "leadline-bench", targets: ["leadline-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "LeadlineMIME", swiftSettings: swiftSettings),
        .target(
            name: "LeadlineTransport",
            dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LeadlineCore",
            dependencies: ["LeadlineMIME", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Resources/model.json")], swiftSettings: swiftSettings
        ),
        .target(
            name: "LeadlineStore",
            dependencies: ["LeadlineCore", "LeadlineMIME", "COpenSSL", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LeadlineApp",
            dependencies: [
                "LeadlineMIME", "LeadlineTransport", "LeadlineCore", "LeadlineStore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "leadline",
            dependencies: [
                "CMalloc",
                "LeadlineApp", "LeadlineMIME", "LeadlineCore", "LeadlineTransport", "LeadlineStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "leadline-bench",
            dependencies: [
                "LeadlineApp", "LeadlineMIME", "LeadlineCore", "LeadlineTransport", "LeadlineStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LeadlineTesting",
            dependencies: ["LeadlineTransport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadlineMIMETests", dependencies: ["LeadlineMIME"], resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadlineTransportTests",
            dependencies: [
                "LeadlineTransport", "LeadlineTesting", .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadlineCoreTests",
            dependencies: ["LeadlineCore", "LeadlineMIME", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LeadlineStoreTests", dependencies: ["LeadlineStore", "LeadlineCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LeadlineAppTests",
            dependencies: ["LeadlineApp", "LeadlineTransport", "LeadlineStore", "LeadlineCore", "LeadlineMIME", "LeadlineTesting"],
            swiftSettings: swiftSettings
        ),
    ]
)

// A libFuzzer target over the MIME parser, only when asked for (as Hummingbird does with ENABLE_HB_BENCHMARKS):
// LEADLINE_FUZZ=1 swift build -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library (see Scripts/fuzz-mime).
if Context.environment["LEADLINE_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "LeadlineMIMEFuzzer", dependencies: ["LeadlineMIME"], swiftSettings: swiftSettings))
}
