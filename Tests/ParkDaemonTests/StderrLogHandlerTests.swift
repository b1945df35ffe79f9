import Logging
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

    @Test("a value with a space, = or a quote is quoted, so that it cannot pass for more fields; others are written bare")
    func quotedValues() {
        let handler = StderrLogHandler(control: LogLevelControl(.info))
        #expect(handler.line(level: .notice, message: "reloaded", metadata: ["config": "/tmp/x database=/etc/passwd", "keys": "socket.mode"])
            == #"NOTICE reloaded config="/tmp/x database=/etc/passwd" keys=socket.mode"# + "\n")
        #expect(StderrLogHandler.fieldValue(#"say "hi""#) == #""say \"hi\"""#)
        #expect(StderrLogHandler.fieldValue("") == #""""#)
        #expect(StderrLogHandler.fieldValue("园区") == "园区")
        #expect(handler.line(level: .warning, message: "missing", metadata: ["group": ["a", "b c"]]) == #"WARNING missing group="a,b c""# + "\n")
    }

    @Test("on a stderr that is the journal's stream, each line carries its syslog priority; elsewhere none")
    func priorities() {
        let control = LogLevelControl(.info)
        let journal = StderrLogHandler(control: control, priorityPrefixes: true)
        #expect(journal.line(level: .error, message: "cannot serve", metadata: ["file": "a\nb"]) == "<3>ERROR cannot serve file=a\\nb\n")
        #expect(journal.line(level: .notice, message: "started", metadata: nil) == "<5>NOTICE started\n")
        #expect(StderrLogHandler(control: control).line(level: .warning, message: "late", metadata: nil) == "WARNING late\n")
    }
}
