import Foundation
import Testing

@Suite("parkctl: files, negative amounts, years and headers as a user types them")
struct SmallFixesTests {
    @Test("a missing file exits 66 (not 1, which means a check failed) naming the file and the reason")
    func missingFile() throws {
        let daemon = try RunningDaemon()
        let missing = daemon.directory + "/nope.csv"
        for arguments in [["report", "import", missing], ["policy", "check", missing], ["policy", "test", missing],
                          ["policy", "simulate", "--draft", missing, "--period", "2021"]] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 66, "\(arguments): \(result.stderr)")
            #expect(result.stderr == "parkctl: cannot read \(missing): No such file or directory\n", "\(arguments)")
        }
    }

    @Test("a negative amount reaches the daemon's validation instead of being read as an option")
    func negativeAmounts() throws {
        let daemon = try RunningDaemon()
        let unit = try daemon.parkctl(["unit", "add", "--building", "A", "--number", "101", "--area", "10", "--kind", "office", "--rent", "-5"])
        #expect(unit.status == 65, "\(unit.stderr)")
        #expect(unit.stderr.contains("--rent"), "\(unit.stderr)")
        #expect(!unit.stderr.contains("Unknown option"), "\(unit.stderr)")
    }

    @Test("stats refuses a year or day not written with four digits, naming the option", arguments: [
        ["stats", "--year", "21"], ["stats", "--from", "21-01-01", "--to", "2021-12-31"], ["stats", "--to", "0021-12-31"],
    ])
    func shortYears(arguments: [String]) throws {
        let daemon = try RunningDaemon()
        let result = try daemon.parkctl(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("invalid \(arguments[1])"), "\(result.stderr)")
        #expect(result.stderr.contains("four-digit") || result.stderr.contains("four digits"), "\(result.stderr)")
    }
}
