import Foundation
import Testing

@Suite("Notable events")
struct NotableEventTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Each event's name and MESSAGE_ID, as `NotableEvent.swift` declares them.
    static func declared() throws -> [(name: String, id: String)] {
        let source = try String(contentsOf: repository.appendingPathComponent("Sources/ParkDaemon/Logging/NotableEvent.swift"), encoding: .utf8)
        return source.matches(of: /static let (\w+) = NotableEvent\(messageID: "([0-9a-f]{32})"\)/).map { (String($0.1), String($0.2)) }
    }

    @Test("every event parkd declares is logged somewhere, under a MESSAGE_ID of its own, and listed in the README's table")
    func declaredLoggedAndListed() throws {
        let events = try Self.declared()
        #expect(events.count >= 25)
        #expect(Set(events.map(\.id)).count == events.count, "a MESSAGE_ID given to two events")
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let sources = try FileManager.default.subpathsOfDirectory(atPath: Self.repository.appendingPathComponent("Sources").path)
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("NotableEvent.swift") }
            .map { try String(contentsOf: Self.repository.appendingPathComponent("Sources/" + $0), encoding: .utf8) }
            .joined(separator: "\n")
        for event in events {
            #expect(readme.contains("| `\(event.id)` |"), "\(event.name) (\(event.id)) is not in the README's table of MESSAGE_IDs")
            #expect(sources.contains(".\(event.name).metadata("), "\(event.name) is declared but never logged")
        }
    }
}
