@testable import ParkDaemon
import Testing

@Suite("Names the spool keeps")
struct SpoolNameTests {
    @Test("a file kept is named by its digest's first 16 hex digits and its name, once however often it is requeued; a long name is cut at a character")
    func keptNames() {
        let digest = String(repeating: "2d17ecf1893be85d", count: 4)
        #expect(IntakeService.keptName(digest: digest, name: "2026-10-report.json") == "2d17ecf1893be85d-2026-10-report.json")
        #expect(IntakeService.keptName(digest: digest, name: "2d17ecf1893be85d-2026-10-report.json") == "2d17ecf1893be85d-2026-10-report.json")
        #expect(IntakeService.keptName(digest: nil, name: "a.json") == "a.json")
        let long = IntakeService.keptName(digest: digest, name: String(repeating: "名", count: 100))
        #expect(long.utf8.count <= 200 && long.hasSuffix("名~"))
    }
}
