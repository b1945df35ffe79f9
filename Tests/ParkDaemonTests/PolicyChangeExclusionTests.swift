import Testing

@testable import ParkDaemon

@Suite("A change of the policies and a run's approval, kept apart")
struct PolicyChangeExclusionTests {
    actor Log {
        var entries: [String] = []
        func add(_ entry: String) { entries.append(entry) }
    }

    @Test("whoever holds the exclusion runs alone, whatever the others do meanwhile; a failure releases it")
    func alone() async throws {
        let exclusion = PolicyChangeExclusion()
        let log = Log()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for name in ["reload", "approve 1", "approve 2", "approve 3"] {
                group.addTask {
                    try await exclusion.exclusively {
                        await log.add("\(name) in")
                        try await Task.sleep(for: .milliseconds(20))
                        await log.add("\(name) out")
                    }
                }
            }
            try await group.waitForAll()
        }
        let entries = await log.entries
        #expect(entries.count == 8)
        for pair in stride(from: 0, to: entries.count, by: 2) {
            #expect(entries[pair].hasSuffix(" in") && entries[pair + 1] == entries[pair].dropLast(3) + " out", "\(entries)")
        }
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await exclusion.exclusively { throw Refused() } }
        #expect(try await exclusion.exclusively { 7 } == 7)
    }
}
