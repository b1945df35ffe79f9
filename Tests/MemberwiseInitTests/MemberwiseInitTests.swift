import Foundation
import MemberwiseInit
import Testing

@MemberwiseInit
public struct Sample: Equatable {
    public var id: Int64
    public let tenant: Int64?
    public var units: [String] = []
    public var note: String? = nil
    public let kind = "office"
    public static let table = "sample"
    public var unitCount: Int { units.count }
    public var changes: Int = 0
    public var renamed: String { didSet { changes += 1 } }

    public static func == (left: Sample, right: Sample) -> Bool {
        (left.id, left.tenant, left.units, left.note, left.renamed) == (right.id, right.tenant, right.units, right.note, right.renamed)
    }
}

@MemberwiseInit
public struct Check {
    public var test: (Int) -> Bool
    public var name: @Sendable (Int) -> String
}

@Suite("@MemberwiseInit")
struct MemberwiseInitTests {
    @Test("a parameter for each stored property in the order declared; a var's value is its default, a let's value is no parameter")
    func parameters() {
        let full = Sample(id: 1, tenant: 7, units: ["A-101"], note: "corner", changes: 0, renamed: "x")
        #expect(full.id == 1 && full.tenant == 7 && full.units == ["A-101"] && full.note == "corner" && full.renamed == "x")
        #expect(full.kind == "office" && full.unitCount == 1)
        let defaults = Sample(id: 2, tenant: nil, renamed: "y")
        #expect(defaults.units == [] && defaults.note == nil && defaults.changes == 0)
        // Setting a property in the initialiser does not run its observer.
        #expect(full.changes == 0)
    }

    @Test("a closure parameter escapes, @Sendable or not")
    func escaping() {
        let limit = 3
        let check = Check(test: { $0 < limit }, name: { "check \($0) < \(limit)" })
        #expect(check.test(2) && !check.test(3) && check.name(2) == "check 2 < 3")
    }

    @Test("refused, with the reason at the attribute: an internal struct, an enum, a property without its type written out")
    func refusals() throws {
        let problems = try typecheck("""
            import MemberwiseInit
            @MemberwiseInit struct Day { var day: Int }
            @MemberwiseInit public enum Kind { case office }
            @MemberwiseInit public struct Month { public var month = 1 }
            func kind() -> Kind { Kind(office: 1) }
            """)
        #expect(problems.contains("2:1: error: @MemberwiseInit makes a public initialiser: Day is not public or package"))
        #expect(problems.contains("3:1: error: @MemberwiseInit applies to a struct"))
        #expect(problems.contains("4:1: error: @MemberwiseInit needs the type of month written out"))
    }

    /// The compiler's messages on `source`, typechecked against the built macro as the package's
    /// modules are.
    private func typecheck(_ source: String) throws -> String {
        let built = try #require(Bundle.main.executableURL).deletingLastPathComponent()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("memberwise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sample.swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let swiftc = Process()
        swiftc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        swiftc.arguments = [
            "swiftc", "-typecheck", "-I", built.appendingPathComponent("Modules").path,
            "-load-plugin-executable", built.appendingPathComponent("ParkMacros-tool").path + "#ParkMacros", file.path,
        ]
        let errors = Pipe()
        swiftc.standardError = errors
        swiftc.standardOutput = FileHandle.nullDevice
        try swiftc.run()
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        swiftc.waitUntilExit()
        #expect(swiftc.terminationStatus != 0)
        return messages.replacingOccurrences(of: file.path + ":", with: "")
    }
}
