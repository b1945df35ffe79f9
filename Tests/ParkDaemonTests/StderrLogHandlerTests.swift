@testable import ParkDaemon
import Testing

@Suite("Log lines on stderr")
struct StderrLogHandlerTests {
    @Test("a value with control characters stays on its entry's line, escaped: a file name cannot forge an entry or drive the terminal")
    func oneLine() {
        #expect(StderrLogHandler.oneLine("…/incoming/tmp/old\nCRITICAL parkd: forged entry\n") == #"…/incoming/tmp/old\nCRITICAL parkd: forged entry\n"#)
        #expect(StderrLogHandler.oneLine("a\tb\r\u{1B}[31m\u{7F}") == #"a\tb\r\u{1B}[31m\u{7F}"#)
        #expect(StderrLogHandler.oneLine("园区 plain") == "园区 plain")
    }
}
