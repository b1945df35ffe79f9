// swift-tools-version: 6.1
import CompilerPluginSupport
import PackageDescription

/// One set of compiler settings for every target: Swift 6 language mode (strict concurrency).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

let package = Package(
    name: "parkd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parkd", targets: ["parkd"]),
        .executable(name: "parkctl", targets: ["parkctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
    ],
    targets: [
        // The macros' expansions: `@MemberwiseInit` (Swift's memberwise initialiser, made public, for
        // the types other modules build) and `@TableRow` (a record's mapping to its table's rows).
        .macro(
            name: "ParkMacros",
            dependencies: [
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "MemberwiseInit", dependencies: ["ParkMacros"], swiftSettings: swiftSettings),
        .target(name: "TableRow", dependencies: ["ParkMacros"], swiftSettings: swiftSettings),
        // How parkd writes a JSON string: one rule for the wire contract's values and the domain's.
        .target(name: "JSONString", swiftSettings: swiftSettings),
        // Domain: tenants, credit codes, dates, money. No I/O.
        .target(
            name: "ParkCore",
            dependencies: ["MemberwiseInit", "JSONString", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Policies as data: the formula language, policy files, the reward engine. No I/O.
        .target(
            name: "ParkPolicy",
            dependencies: [
                "ParkCore", "MemberwiseInit",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // Persistence: GRDB on the system libsqlite3.
        .target(
            name: "ParkStore",
            dependencies: ["ParkCore", "ParkPolicy", "MemberwiseInit", "TableRow", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The wire contract shared by daemon and CLI: Varlink framing, interfaces, client.
        .target(
            name: "ParkControl",
            dependencies: [
                "MemberwiseInit",
                "JSONString",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        // The daemon's services, handlers, configuration and systemd glue, as a library.
        .target(
            name: "ParkDaemon",
            dependencies: [
                "ParkCore", "ParkPolicy", "ParkStore", "ParkControl", "CSystemd", "MemberwiseInit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "parkd",
            dependencies: [
                "ParkDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "parkctl",
            dependencies: [
                "ParkControl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "parkd-bench",
            dependencies: [
                "ParkControl", "ParkCore", "ParkStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/ControlChannel",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "policy-bench",
            dependencies: ["ParkPolicy", "ParkCore"],
            path: "Benchmarks/PolicyEngine",
            swiftSettings: swiftSettings
        ),
        // The macro through its use (a test target depending on the macro's own target would stop
        // the tests from importing parkctl, an executable).
        .testTarget(name: "MemberwiseInitTests", dependencies: ["MemberwiseInit"], swiftSettings: swiftSettings),
        .testTarget(name: "ParkCoreTests", dependencies: ["ParkCore"], swiftSettings: swiftSettings),
        .testTarget(name: "ParkPolicyTests", dependencies: ["ParkPolicy", "ParkCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ParkStoreTests",
            dependencies: ["ParkStore", "ParkCore", "ParkPolicy", "TableRow", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Shared by the tests of the wire contract: interface definitions read back from their text.
        .target(
            name: "InterfaceTestSupport",
            dependencies: ["ParkControl"],
            path: "Tests/InterfaceTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParkControlTests",
            dependencies: [
                "ParkControl", "InterfaceTestSupport", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParkDaemonTests",
            dependencies: [
                "ParkDaemon", "InterfaceTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // parkctl's own logic (option names, figures, failures), without a daemon.
        .testTarget(name: "ParkctlTests", dependencies: ["parkctl", "ParkControl"], swiftSettings: swiftSettings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["parkd", "parkctl", "ParkControl", "ParkCore"],
            resources: [.copy("Scripts")],
            swiftSettings: swiftSettings
        ),
    ]
)
