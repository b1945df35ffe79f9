import Foundation
import Testing

@Suite("parkctl application and blocklist against a real parkd")
struct ApplicationCommandTests {
    /// `application add` with a complete, passing form; `changes` replaces or drops options
    /// (an empty array drops it).
    static func add(_ code: String, name: String = "青岛英才人力资源有限公司", _ changes: [String: [String]] = [:]) -> [String] {
        let options: [(String, [String])] = [
            ("--name", [name]), ("--credit-code", [code]), ("--business-line", ["recruitment", "dispatch"]),
            ("--hr-service-licence", ["(鲁)人服证字[2019]第0200001号"]), ("--dispatch-licence", ["370200201900001"]),
            ("--registered-capital", ["5000000"]), ("--headcount", ["120"]), ("--office-area", ["600"]),
            ("--expected-revenue", ["300000000"]), ("--expected-tax", ["12000000"]), ("--legal-representative", ["张伟"]),
            ("--shareholder", ["青岛英才控股=60", "李明=12.5"]), ("--on", ["2021-03-01"]),
        ]
        var arguments = ["application", "add"]
        for (option, values) in options {
            // `--option=value`, so that a value starting with a hyphen (-5) is read as the value.
            for value in changes[option] ?? values { arguments.append("\(option)=\(value)") }
        }
        for (option, values) in changes.sorted(by: { $0.key < $1.key }) where !options.contains(where: { $0.0 == option }) {
            for value in values { arguments.append("\(option)=\(value)") }
        }
        return arguments
    }

    @Test("an application taken through the submissions pipeline: the same form rules and prescreen, the receipt saying the outcome")
    func applicationSubmitted() throws {
        let daemon = try RunningDaemon()
        let code = "91370200163562681G"
        #expect(try daemon.parkctl(["tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", code]).status == 0)
        func submit(_ id: String, _ payload: String) throws -> CommandResult {
            let file = daemon.directory + "/\(id).json"
            try #"{"submissionId":"\#(id)","tenant":"\#(code)","type":"application","createdAt":"2026-12-01T10:00:00+08:00","payload":\#(payload)}"#
                .write(toFile: file, atomically: true, encoding: .utf8)
            return try daemon.parkctl(["submit", file])
        }
        let fields = #""name":"青岛英才人力资源有限公司","businessLines":["recruitment","dispatch"],"hrServiceLicence":"(鲁)人服证字[2019]第0200001号","dispatchLicence":"370200201900001","plannedOfficeArea":"600","expectedAnnualRevenue":"300000000","expectedAnnualTax":"12000000","legalRepresentative":"张伟","shareholders":["青岛英才控股=60","李明=12.5"]"#
        let bad = try submit("apply-0", "{" + fields + #","registeredCapital":"5000000","headcount":-3}"#)
        #expect(bad.stdout.hasPrefix("rejected") && bad.stdout.contains(#""path":"$.payload.headcount""#), "\(bad.stdout)\(bad.stderr)")
        let taken = try submit("apply-1", "{" + fields + #","registeredCapital":"5000000","headcount":120}"#)
        #expect(taken.stdout.contains(#""result":{"application":{"id":1,"status":"awaitingReview"},"failed":[]}"#), "\(taken.stdout)\(taken.stderr)")
        #expect(try daemon.parkctl(["application", "show", "1"]).stdout.contains("awaitingReview"))
        #expect(try daemon.parkctl(["tenant", "show", code]).stdout.contains("reviewing"))
        // A second application while the first is open fails the prescreen, as over the admin channel.
        let again = try submit("apply-2", "{" + fields + #","registeredCapital":"5000000","headcount":120}"#)
        #expect(again.stdout.contains(#""status":"prescreenFailed""#), "\(again.stdout)")
    }

    @Test("an application is prescreened on arrival: passed ones wait for review, failed ones list every reason")
    func prescreen() throws {
        let daemon = try RunningDaemon()
        let passed = try daemon.parkctl(Self.add("91370200MA3C1234XQ"))
        #expect(passed.status == 0)
        #expect(passed.stdout == "application 1: passed the prescreen, awaiting review; tenant 1 is reviewing\n")
        let tenant = try daemon.parkctl(["tenant", "show", "1"])
        #expect(tenant.stdout.contains("Status:             reviewing since 2021-03-01"))
        #expect(tenant.stdout.contains("application passed the prescreen"))

        // Registered capital short by a fen, and no dispatch licence for dispatch.
        let failed = try daemon.parkctl(Self.add(
            "91370200MA3C5678YJ", name: "青岛小微劳务有限公司", ["--registered-capital": ["1999999.99"], "--dispatch-licence": []]))
        #expect(failed.status == 0)
        #expect(failed.stdout == """
            application 2: failed the prescreen; tenant 2 is rejected
              licences: no dispatch licence, needed for dispatch
              registeredCapital: registered capital 1999999.99 yuan is below the minimum of 2000000.00

            """)
        #expect(try daemon.parkctl(["tenant", "show", "2"]).stdout.contains("Status:             rejected since 2021-03-01"))

        // A second application of a firm under review fails, and its record stays as it is.
        let again = try daemon.parkctl(Self.add("91370200MA3C1234XQ"))
        #expect(again.stdout == "application 3: failed the prescreen; tenant 1 is reviewing\n  noOpenApplication: application 1 of the firm is still open\n")

        // An invalid credit code is received and fails; the registry cannot hold the firm.
        let invalid = try daemon.parkctl(Self.add("91370200MA3C1234XA", name: "错码公司"))
        #expect(invalid.stdout == "application 4: failed the prescreen\n  creditCode: check character is 'A' but the first 17 characters require 'Q'\n")
        #expect(try daemon.parkctl(["tenant", "list"]).stdout.components(separatedBy: "\n").count == 4)

        let show = try daemon.parkctl(["application", "show", "2"])
        #expect(show.stdout.contains("Registered capital:   1,999,999.99 yuan"))
        #expect(show.stdout.contains("Shareholders:         青岛英才控股 60%, 李明 12.5%"))
        #expect(show.stdout.contains("registeredCapital  FAILED  registered capital 1999999.99 yuan is below the minimum of 2000000.00"))
        #expect(show.stdout.contains("notBlocklisted     passed  not on the park's blocklist"))

        let list = try daemon.parkctl(["application", "list", "--status", "prescreenFailed"])
        #expect(list.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 4)
        #expect(list.stdout.contains("licences,registeredCapital"))

        let json = try daemon.parkctl(["--json", "application", "show", "1"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["status"] as? String == "awaitingReview")
        #expect((object?["checks"] as? [[String: Any]])?.count == 6)
        #expect(object?["registeredCapital"] as? String == "5000000.00")
        #expect((object?["shareholders"] as? [[String: Any]])?.last?["percent"] as? String == "12.5")
    }

    @Test("an applicant already in the registry is reused; a tenant already in the park is refused")
    func registry() throws {
        let daemon = try RunningDaemon()
        _ = try daemon.parkctl(["tenant", "add", "--name", "青岛英才", "--credit-code", "91370200MA3D0001A6", "--on", "2021-02-01"])
        let reused = try daemon.parkctl(Self.add("91370200MA3D0001A6"))
        #expect(reused.stdout == "application 1: passed the prescreen, awaiting review; tenant 1 is reviewing\n")
        #expect(try daemon.parkctl(["tenant", "list"]).stdout.components(separatedBy: "\n").count == 3)

        let open = try daemon.parkctl(Self.add("91370200MA3D0001A6"))
        #expect(open.stdout == """
            application 2: failed the prescreen; tenant 1 is reviewing
              noOpenApplication: application 1 of the firm is still open

            """)
        // A firm the registry already holds as approved (entered before parkd took applications).
        _ = try daemon.parkctl(["tenant", "add", "--name", "青岛英才二", "--credit-code", "91370200163562681G", "--on", "2021-02-01"])
        for status in ["reviewing", "approved"] {
            #expect(try daemon.parkctl(["tenant", "transition", "2", status, "--on", "2021-03-20", "--reason", "评审通过"]).status == 0)
        }
        let refused = try daemon.parkctl(Self.add("91370200163562681G"))
        #expect(refused.stdout == """
            application 3: failed the prescreen; tenant 2 is approved
              notATenant: already tenant 2, approved since 2021-03-20

            """)
    }

    @Test("a blocklisted firm fails the prescreen until it is taken off the list, which is kept")
    func blocklist() throws {
        let daemon = try RunningDaemon()
        let listed = try daemon.parkctl([
            "blocklist", "add", "91370200MA3D0002BA", "--name", "青岛失信人力", "--reason", "失信被执行人 (2020)鲁02执123号", "--on", "2021-01-05",
        ])
        #expect(listed.stdout == "91370200MA3D0002BA is on the blocklist since 2021-01-05\n")
        let twice = try daemon.parkctl(["blocklist", "add", "91370200MA3D0002BA", "--name", "x", "--reason", "again"])
        #expect(twice.status == 65)
        #expect(twice.stderr == "parkctl: 91370200MA3D0002BA is on the blocklist already, since 2021-01-05\n")

        let failed = try daemon.parkctl(Self.add("91370200MA3D0002BA", name: "青岛失信人力"))
        #expect(failed.stdout.hasSuffix("  notBlocklisted: on the park's blocklist since 2021-01-05: 失信被执行人 (2020)鲁02执123号\n"))

        #expect(try daemon.parkctl(["blocklist", "remove", "91370200MA3D0002BA", "--reason", "已履行"]).stdout == "91370200MA3D0002BA is off the blocklist\n")
        #expect(try daemon.parkctl(["blocklist", "list"]).stdout == "no one on the blocklist\n")
        #expect(try daemon.parkctl(["blocklist", "list", "--all"]).stdout.contains("by root: 已履行"))
        let notListed = try daemon.parkctl(["blocklist", "remove", "91370200MA3D0002BA", "--reason", "again"])
        #expect(notListed.status == 66)
        #expect(notListed.stderr == "parkctl: 91370200MA3D0002BA is not on the blocklist\n")
        #expect(try daemon.parkctl(Self.add("91370200MA3D0003CE")).stdout.contains("passed the prescreen"))
    }

    @Test("a firm whose application awaits its entry review is neither approved nor rejected by hand: the review decides, or a withdrawal")
    func reviewOwesTheDecision() throws {
        let daemon = try RunningDaemon()
        #expect(try daemon.parkctl(Self.add("91370200MA3C1234XQ")).status == 0)
        for target in ["approved", "rejected"] {
            let refused = try daemon.parkctl(["tenant", "transition", "1", target, "--on", "2021-03-05", "--reason", "直接批准"])
            #expect(refused.status == 65, "\(refused.stderr)")
            #expect(refused.stderr == "parkctl: invalid STATUS (to): the firm's application 1 awaits its entry review, whose notice decides it "
                + "(one not yet reviewed can be withdrawn instead: application withdraw 1)\n", "\(refused.stderr)")
        }
        #expect(try daemon.parkctl(["tenant", "show", "1"]).stdout.contains("Status:             reviewing since 2021-03-01"))
        #expect(try daemon.parkctl(["application", "withdraw", "1", "--reason", "另选园区", "--on", "2021-03-10"]).status == 0)
        #expect(try daemon.parkctl(["tenant", "show", "1"]).stdout.contains("Status:             rejected since 2021-03-10"))
    }

    @Test("withdrawing an open application rejects the firm's record; only an open one can be withdrawn")
    func withdraw() throws {
        let daemon = try RunningDaemon()
        _ = try daemon.parkctl(Self.add("91370200MA3C1234XQ"))
        let withdrawn = try daemon.parkctl(["application", "withdraw", "1", "--reason", "另选园区", "--on", "2021-03-10"])
        #expect(withdrawn.stdout == "application 1 withdrawn on 2021-03-10; tenant 1 is rejected\n")
        #expect(try daemon.parkctl(["tenant", "show", "1"]).stdout.contains("application 1 withdrawn: 另选园区"))
        let again = try daemon.parkctl(["application", "withdraw", "1", "--reason", "again"])
        #expect(again.status == 65)
        #expect(again.stderr == "parkctl: invalid APPLICATION (application): application 1 is withdrawn, not open: only an open application can be withdrawn\n")
        #expect(try daemon.parkctl(["application", "withdraw", "9", "--reason", "x"]).status == 66)
        #expect(try daemon.parkctl(["application", "show", "9"]).stderr == "parkctl: no application has id 9\n")
    }

    @Test("bad input names the field and changes nothing", arguments: [
        (["--registered-capital": ["-5"]], "parkctl: invalid --registered-capital (registeredCapital): '-5' must not be negative\n"),
        (["--shareholder": ["李明"]], "parkctl: invalid --shareholder (shareholders): '李明' is not NAME=PERCENT, e.g. 青岛英才控股=60\n"),
        (["--shareholder": ["甲=60", "乙=50"]], "parkctl: invalid --shareholder (shareholders): the shares add up to 110%, more than 100%\n"),
        (["--business-line": ["payroll"]], "parkctl: invalid --business-line (businessLines): 'payroll' is not a business line; use one of recruitment, dispatch, training, outsourcing, headhunting, consulting, assessment, other\n"),
        (["--office-area": ["6.005"]], "parkctl: invalid --office-area (plannedOfficeArea): '6.005' is not an area in m² with at most two decimals, e.g. 120.25\n"),
    ])
    func badInput(_ change: [String: [String]], _ message: String) throws {
        let daemon = try RunningDaemon()
        let refused = try daemon.parkctl(Self.add("91370200MA3C1234XQ", change))
        #expect(refused.status == 65)
        #expect(refused.stderr == message)
        #expect(try daemon.parkctl(["application", "list"]).stdout == "no applications\n")
        #expect(try daemon.parkctl(["tenant", "list"]).stdout == "no tenants\n")
        #expect(try daemon.parkctl(["audit", "list", "--limit", "1"]).stdout.contains("InvalidField"))
    }

    @Test("the configuration sets the criteria and the capital threshold")
    func configured() throws {
        let daemon = try RunningDaemon(config: """
            reviews:
              prescreen:
                criteria: [registeredCapital, notBlocklisted]
                minimum_registered_capital: "10000000"

            """)
        let failed = try daemon.parkctl(Self.add("91370200MA3C1234XQ", ["--dispatch-licence": []]))
        #expect(failed.stdout == "application 1: failed the prescreen; tenant 1 is rejected\n  registeredCapital: registered capital 5000000.00 yuan is below the minimum of 10000000.00\n")
        let json = try daemon.parkctl(["--json", "application", "show", "1"])
        #expect(json.stdout.components(separatedBy: "\"criterion\"").count == 3)
    }

    @Test("a list of applications larger than a call may be (their statements in full) is read whole by parkctl, as a table and as JSON")
    func listLargerThanACall() throws {
        let daemon = try RunningDaemon()
        let statements = (1...20).map { "声明\($0)：" + String(repeating: "本公司守法经营，无失信记录。", count: 70) }
        for serial in 1...25 {
            let added = try daemon.parkctl(Self.add(SpoolPark.creditCode(serial), name: "英才人力资源\(serial)有限公司", ["--statement": statements]))
            #expect(added.status == 0, "\(added.stderr)")
        }
        let json = try daemon.parkctl(["--json", "application", "list"])
        #expect(json.status == 0 && json.stdout.utf8.count > 1 << 20, "\(json.stdout.utf8.count) bytes; \(json.stderr)")
        #expect(json.stdout.components(separatedBy: "\"statements\"").count == 26, "every application with its statements")
        let table = try daemon.parkctl(["application", "list"])
        #expect(table.status == 0 && table.stdout.split(separator: "\n").count == 26, "\(table.stderr)")
    }
}
