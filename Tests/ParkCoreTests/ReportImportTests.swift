import ParkCore
import Testing

@Suite("Report CSV files")
struct ReportImportTests {
    static let header = "tenant,month,revenue,tax,employersServed,workersDispatched,workersOutsourced,jobSeekersServed,placements,trainingSessions,trainingAttendees,phdHires,headcount"

    @Test("columns in any order, quoted cells, CRLF line ends and a BOM are read")
    func reads() throws {
        let text = "\u{FEFF}month,headcount,tenant,revenue,tax,employersServed,workersDispatched,workersOutsourced,jobSeekersServed,placements,trainingSessions,trainingAttendees,phdHires\r\n"
            + "2021-03,48,\"91370200163562681G\",\"1,250,000.50\",0,1,2,3,4,5,1,6,0\r\n"
        let parsed = try ReportImport.parse(text)
        // "1,250,000.50" is one quoted cell, and not an amount: refused, not split.
        #expect(parsed.rows.isEmpty)
        #expect(parsed.problems == [ImportProblem(line: 2, column: "revenue", reason: "'1,250,000.50' is not an amount in yuan with at most two decimals, e.g. 1234.50")])
        let fixed = text.replacingOccurrences(of: "\"1,250,000.50\"", with: "\"1250000.50\"")
        let row = try #require(try ReportImport.parse(fixed).rows.first)
        #expect(row.line == 2)
        #expect(row.tenant == .creditCode("91370200163562681G"))
        #expect(row.figures.revenue?.description == "1250000.50")
        #expect(row.figures.counts["headcount"] == 48)
    }

    @Test("every bad cell of every row is named")
    func everyProblem() throws {
        let text = Self.header + "\n1,2021-13,100,1,0,0,0,0,0,0,0,0,1\n1,2021-04,-5,1,x,0,0,0,0,0,0,0,1\n1,2021-05,100,1,0,0,0,0,0,0,0,0\n"
        let problems = try ReportImport.parse(text).problems
        #expect(Set(problems.map(\.line)) == [2, 3, 4])
        #expect(problems.contains { $0.line == 3 && $0.column == "employersServed" })
        #expect(problems.contains { $0.line == 3 && $0.column == "revenue" })
        #expect(problems.contains { $0.line == 4 && $0.reason == "12 cells; the header has 13" })
    }

    @Test("a month with a digit of its year missing is a problem of its line, not a report of the year 21")
    func yearBefore1900() throws {
        let problems = try ReportImport.parse(Self.header + "\n1,0021-03,100,1,0,0,0,0,0,0,0,0,1\n").problems
        #expect(problems == [ImportProblem(line: 2, column: "month", reason: "'0021-03' is before 1900, and parkd records no earlier day (is a digit of the year missing?)")])
    }

    @Test("as a spreadsheet saves it: a header in another case, and empty unnamed columns after the last, are read; an unnamed column holding a value is named by its place")
    func spreadsheetHeader() throws {
        let rows = try ReportImport.parse("Tenant,MONTH,Revenue,tax,,,\r\n1,2021-06,1195000.00,43500.00,,,\r\n,,,,,,\r\n1,2021-07,1.00,0.10\r\n").rows
        #expect(rows.count == 2 && rows.first?.figures.revenue?.description == "1195000.00" && rows.last?.month.description == "2021-07")
        #expect {
            try ReportImport.parse("tenant,month,revenue,,\n1,2021-06,1195000.00,,\n1,2021-07,1.00,,x\n")
        } throws: { error in
            (error as? ImportRefused)?.problems == [
                ImportProblem(line: 1, column: "column 5", reason: "has no name, yet line 3 holds 'x' in it; name the column or leave it empty"),
            ]
        }
    }

    @Test("a bad header refuses the file at once", arguments: [
        ("tenant,revenue,tax", "missing column"), ("month", "missing column"), (header + ",colour", "unknown column"),
        (header + ",tax", "column given twice"),
    ])
    func badHeader(_ header: String, _ reason: String) {
        #expect {
            try ReportImport.parse(header + "\n")
        } throws: { error in
            (error as? ImportRefused)?.problems.contains { $0.line == 1 && $0.reason.hasPrefix(reason) } == true
        }
    }

    @Test("a problem names the same line whether rows end with LF, CRLF or a lone CR, past a quoted line break", arguments: ["\n", "\r\n", "\r"])
    func lineNumbersPastQuotedBreaks(_ end: String) throws {
        // Row 2 holds a tenant name over two lines; the bad cell is on line 4.
        let text = [Self.header, "\"青岛英才\(end)人力资源\",2021-03,100,1,0,0,0,0,0,0,0,0,1", "1,2021-04,-5,1,0,0,0,0,0,0,0,0,1", ""]
            .joined(separator: end)
        let problems = try ReportImport.parse(text).problems
        #expect(problems.contains { $0.line == 4 && $0.column == "revenue" }, "\(problems)")
    }

    @Test("an unclosed quote is a problem, not a crash")
    func unclosedQuote() {
        #expect(throws: ImportRefused.self) { try ReportImport.parse(Self.header + "\n\"1,2021-03\n") }
    }

    @Test("damaged files (cells, quotes, separators and line ends changed at random) are read or refused, never trap")
    func damagedFiles() throws {
        let rows = (1...12).map { "9137020016356268\($0 % 10)G,2021-\($0 < 10 ? "0" : "")\($0),12500.50,300,1,2,3,4,5,1,6,0,48" }
        let original = Array((Self.header + "\r\n" + rows.joined(separator: "\r\n") + "\r\n").unicodeScalars)
        let pieces: [String] = ["\"", ",", "\r", "\n", "\r\n", "\u{0}", "\u{FEFF}", "-", ".", "9", "99999999999999999999999",
                                "1e400", "测", "\u{1F600}", " ", "\"\"", "2021-02-29", "0000-00", "\t"]
        var state: UInt64 = 0x5DEE_CE66_D
        func draw(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var read = 0, refused = 0
        for _ in 0..<3_000 {
            var text = original
            for _ in 0...draw(4) {
                let at = draw(text.count)
                switch draw(3) {
                case 0: text.remove(at: at)
                case 1: text.insert(contentsOf: pieces[draw(pieces.count)].unicodeScalars, at: at)
                default: text.replaceSubrange(at..<min(text.count, at + 1 + draw(8)), with: pieces[draw(pieces.count)].unicodeScalars)
                }
            }
            var damaged = String.UnicodeScalarView()
            damaged.append(contentsOf: text)
            do {
                let (parsed, problems) = try ReportImport.parse(String(damaged))
                read += 1
                for row in parsed { #expect(row.line >= 2) }
                for problem in problems { #expect(problem.line >= 1 && !problem.reason.isEmpty) }
            } catch {
                refused += 1
                #expect(!error.problems.isEmpty)
            }
        }
        #expect(read > 1_000 && refused > 100, "read \(read), refused \(refused)")
    }
}
