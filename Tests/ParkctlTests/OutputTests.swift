import Foundation
import ParkControl
@testable import parkctl
import Testing

@Suite("parkctl's output: figures and failures")
struct OutputTests {
    @Test("amounts and counts get thousands separators; other text is left alone", arguments: [
        ("1250000.50", "1,250,000.50"), ("-3200.00", "-3,200.00"), ("999.99", "999.99"), ("1000", "1,000"), ("0.05", "0.05"),
        ("100000000000.00", "100,000,000,000.00"), ("-", "-"), ("12a", "12a"), ("", ""), ("1.2.3", "1.2.3"),
        ("-0.50", "-0.50"), ("123456", "123,456"), ("1.", "1."), (".5", ".5"), ("-", "-"), ("--1", "--1"), ("1,000", "1,000"), ("１２３４", "１２３４"),
    ])
    func grouping(_ text: String, _ grouped: String) {
        #expect(text.grouped == grouped)
    }

    @Test("counts are grouped the same way")
    func counts() {
        #expect(72_630.grouped == "72,630")
        #expect(Int64(-1_234_567).grouped == "-1,234,567")
        #expect(0.grouped == "0")
    }

    @Test("a value of several lines goes on under its first line in fields, and stays on its row in tables; no other control character reaches the terminal")
    func severalLines() {
        var fields = Fields()
        fields.add("Title", "宣讲会")
        fields.add("Description", "第一段\n第二段\u{1B}[2J")
        #expect(fields.render() == "Title:       宣讲会\nDescription: 第一段\n             第二段\u{FFFD}[2J")
        var table = Table("ID", "GROUNDS")
        table.add(["1", "no training\nsheet\u{7}"])
        #expect(table.render() == "ID  GROUNDS\n1   no training↵sheet\u{FFFD}")
    }

    @Test("a width is measured by halving the sorted wide ranges, as a scan of them all would; ASCII a column a character")
    func widths() {
        for value in UInt32(0)...0x3FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let scanned = DisplayWidth.wideRanges.contains { $0.contains(value) }
            if DisplayWidth.isWide(scalar.value) != scanned { Issue.record("U+\(String(value, radix: 16))"); return }
        }
        #expect(zip(DisplayWidth.wideRanges, DisplayWidth.wideRanges.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound })
        #expect(DisplayWidth.of("A-1201 2021-06") == 14)
        #expect(DisplayWidth.of("a\u{7}b\u{7F}") == 2)
        #expect(DisplayWidth.of("青岛英才 A1") == 11)
        #expect(DisplayWidth.of("e\u{301}") == 1)
    }

    @Test("a choice of two flags shows as one: the usage line a user may follow as written")
    func eitherFlag() {
        #expect(ReviewCommand.DecisionCommand.Supersede.helpMessage().contains("supersede <decision> (--approved | --rejected) --reason <reason>"))
        #expect(ReviewCommand.AppealCommand.Decide.helpMessage().contains("decide <appeal> (--accept | --refuse) --reason <reason>"))
    }

    @Test("a single-value option given twice is refused, naming it; options of several values, flags and words after -- repeat freely")
    func repeatedOptions() {
        #expect(RepeatedOptions.refusal(["tenant", "add", "--name", "A", "--name", "B", "--credit-code", "91370200718022626N"])
            == "--name is given twice; it takes one value: give it once")
        #expect(RepeatedOptions.refusal(["lease", "add", "--tenant", "1", "--rent=40", "--unit", "1", "--rent", "4"])
            == "--rent is given twice; it takes one value: give it once")
        #expect(RepeatedOptions.refusal(["--socket", "/a", "status", "--socket", "/b"]) == "--socket is given twice; it takes one value: give it once")
        for words in [
            ["lease", "add", "--unit", "1", "--unit", "2"], ["payment", "batch", "create", "--run", "1", "--run", "1"],
            ["--json", "status", "--json"], ["tenant", "add", "--name", "A", "--", "--name"], ["status"],
            // A value that is another option's name is that option's value, not the option.
            ["tenant", "transition", "82", "reviewing", "--reason", "--on", "--on", "2021-02-01"],
            ["reward", "object", "1", "--by", "x", "--grounds", "--grounds"],
        ] {
            #expect(RepeatedOptions.refusal(words) == nil, "\(words)")
        }
    }

    @Test("a connection lost before the request was sent is 'unreachable' (nothing was done); after, the request may have been done (70)")
    func lostConnections() {
        let before = CommandFailure(VarlinkClientError.notSent("Broken pipe"))
        #expect(before.exitCode == CommandFailure.unreachable)
        #expect(before.message(options: [:]) == "connection to parkd lost before the request was sent: Broken pipe")
        let after = CommandFailure(VarlinkClientError.connectionLost("parkd closed the connection"))
        #expect(after.exitCode == CommandFailure.internalError && after.message(options: [:]).contains("may have been carried out"))
    }

    static let startBeforeApproval = VarlinkError(name: ServiceAPI.InvalidField.name, parameters: .object([
        "field": .string("start"), "reason": .string("2021-03-01 is before 2021-03-12, when the tenant became approved"),
    ]))

    @Test("a refused field is named by the option of the command that sent it")
    func fieldOptions() {
        let failure = CommandFailure(Self.startBeforeApproval)
        #expect(failure.message(options: LeaseCommand.Add.fieldOptions)
            == "invalid --start (start): 2021-03-01 is before 2021-03-12, when the tenant became approved")
        #expect(failure.message(options: [:]) == "invalid start: 2021-03-01 is before 2021-03-12, when the tenant became approved")
        let status = CommandFailure(VarlinkError(name: ServiceAPI.InvalidField.name, parameters: .object(["field": .string("to"), "reason": .string("x")])))
        #expect(status.message(options: TenantCommand.Transition.fieldOptions) == "invalid STATUS (to): x")
        let tag = CommandFailure(VarlinkError(name: ServiceAPI.InvalidField.name, parameters: .object(["field": .string("addTags"), "reason": .string("x")])))
        #expect(tag.message(options: TenantCommand.Set.fieldOptions) == "invalid --add-tag (addTags): x")
        #expect(failure.exitCode.rawValue == 65)
    }

    @Test("with --json a failure is one object on one line: error, exitStatus, message, parameters, keys sorted")
    func json() throws {
        let conflict = VarlinkError(name: LeaseAPI.LeaseConflict.name, parameters: .object([
            "unit": .string("A-1204"), "lease": .integer(1), "message": .string("unit A-1204 is held by lease 1 from 2021-03-15 to 2021-12-10"),
        ]))
        let failure = CommandFailure(conflict)
        let data = failure.json(message: failure.message(options: [:]))
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text == #"{"error":"io.parkd.Lease.LeaseConflict","exitStatus":65,"message":"unit A-1204 is held by lease 1 from 2021-03-15 to 2021-12-10","parameters":{"lease":1,"message":"unit A-1204 is held by lease 1 from 2021-03-15 to 2021-12-10","unit":"A-1204"}}"# + "\n")
        let file = CommandFailure.cannotRead("/x/r.csv", "No such file or directory")
        let fileText = try #require(String(data: file.json(message: file.message(options: [:])), encoding: .utf8))
        #expect(fileText == #"{"error":"parkctl.CannotRead","exitStatus":66,"message":"cannot read /x/r.csv: No such file or directory","parameters":{"file":"/x/r.csv","reason":"No such file or directory"}}"# + "\n")
    }
}

@Suite("CSV for postings and bank files")
struct CSVTableTests {
    @Test("RFC 4180 quoting, and text a spreadsheet would run as a formula starts with a quote mark; numbers stay numbers")
    func fields() {
        #expect(CSVTable.field("青岛英才人力资源有限公司") == "青岛英才人力资源有限公司")
        #expect(CSVTable.field("a,b") == "\"a,b\"" && CSVTable.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVTable.field("=HYPERLINK(\"http://evil\",\"点我\"),有限公司") == "\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\"),有限公司\"")
        #expect(CSVTable.field("+1 cmd") == "'+1 cmd" && CSVTable.field("@SUM(A1)") == "'@SUM(A1)" && CSVTable.field("-x") == "'-x")
        #expect(CSVTable.field("-12.50") == "-12.50" && CSVTable.field("40000.00") == "40000.00")
    }

    @Test("a bank file writes every name as recorded, quoted as RFC 4180 says: the bank matches the payee's name to the letter")
    func bankFields() {
        #expect(CSVTable.field("-1+2 @SUM(A1)", for: .bank) == "-1+2 @SUM(A1)")
        #expect(CSVTable.field("=甲,乙", for: .bank) == "\"=甲,乙\"")
        #expect(CSVTable.text(header: "name", rows: [["@公司"]], for: .bank) == "name\r\n@公司")
    }
}

@Suite("How long until a timer's elapse, as systemctl list-timers words it")
struct RelativeTimeTests {
    @Test("counts of one are singular, as systemd writes them", arguments: [
        (Int64(1) * 604_800_000_000 + 86_400_000_000, "1 week 1 day left"),
        (Int64(2) * 604_800_000_000 + 3 * 86_400_000_000, "2 weeks 3 days left"),
        (-(Int64(2_629_800_000_000) + 86_400_000_000), "1 month 1 day ago"),
        (Int64(31_557_600_000_000) + 2_629_800_000_000, "1 year 1 month left"),
        (Int64(2) * 31_557_600_000_000, "2 years 0 months left"),
        (Int64(3) * 86_400_000_000, "3 days left"),
    ])
    func singular(_ microseconds: Int64, _ words: String) {
        #expect(Relative.describe(microseconds) == words)
    }
}

@Suite("A CSV file sent to parkd in parts")
struct ImportPartsTests {
    @Test("a file with Windows line breaks (CRLF) is cut at its lines too, and the parts put together are the file to the byte")
    func windowsLineBreaks() {
        let row = "91370200163562681G,2021-04,1200000.00,48000.00,26\r\n"
        let text = "tenant,month,revenue,tax,placements\r\n" + String(repeating: row, count: 30_000)
        let parts = ReportCommand.Import.parts(of: text)
        #expect(parts.count > 1, "a 1.6 MB file goes in several parts")
        #expect(parts.allSatisfy { $0.utf8.count <= ReportCommand.Import.partBytes + row.utf8.count })
        #expect(parts.joined().utf8.elementsEqual(text.utf8))
        #expect(parts.dropLast().allSatisfy { $0.hasSuffix("\r\n") })
    }
}
