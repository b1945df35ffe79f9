import Foundation
@testable import ParkDaemon
import Testing

@Suite("The spool's file steps")
struct DurableFileTests {
    @Test("a directory's names are read whole, of every length up to 255 bytes, dot files left out, many times over")
    func names() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-names-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var expected: Set<String> = []
        for number in 0..<3_000 {
            // Lengths up to 255, so the entries in readdir's buffer end at every offset.
            let digits = String(number)
            let name = String(repeating: "x", count: max(0, number % 255 + 1 - digits.count)) + digits
            guard FileManager.default.createFile(atPath: directory + "/" + name, contents: nil) else { continue }
            expected.insert(name)
        }
        #expect(FileManager.default.createFile(atPath: directory + "/.hidden.tmp", contents: nil))
        #expect(expected.count > 2_900)
        for _ in 0..<20 {
            #expect(Set(try DurableFile.names(in: directory)) == expected)
        }
        #expect(throws: SpoolFailure.self) { try DurableFile.names(in: directory + "/missing") }
    }
}

@Suite("The bytes a batch of the spool holds for its writing thread")
struct HeldBytesTests {
    @Test("bytes are held up to the limit; a file past it is not held, and leaves the others room")
    func limit() {
        let held = IntakeService.HeldBytes(limit: 100)
        #expect(held.take(60))
        #expect(!held.take(50), "60 + 50 is past 100")
        #expect(held.take(40), "the 50 refused were not counted")
        #expect(!held.take(1))
    }
}
