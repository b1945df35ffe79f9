import Foundation
import Logging
import ParkControl
@testable import ParkDaemon
import ParkStore
import Testing

/// Drives the dispatcher in-process with a real database, as the server does for each message.
struct DispatcherHarness {
    let dispatcher: Dispatcher
    let database: ParkDatabase
    let directory: String

    static let root = Caller(uid: 0, gid: 0, pid: 10, userName: "root", groups: [0])
    /// Debian's `staff` (50) is configured as the admin group, `users` (100) as the auditor group.
    static let groupAdmin = Caller(uid: 1001, gid: 50, pid: 11, userName: "clerk", groups: [50])
    static let auditor = Caller(uid: 1002, gid: 1002, pid: 12, userName: "finance", groups: [1002, 100])
    static let stranger = Caller(uid: 1003, gid: 1003, pid: 13, userName: "guest", groups: [1003])

    init(policies: PolicyRegistry = PolicyRegistry()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-dispatch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = try ParkDatabase(path: directory + "/parkd.sqlite")
        var config = DaemonConfig()
        config.adminGroup = "staff"
        config.auditorGroup = "users"
        config.stateDirectory = directory
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let state = DaemonState(
            config: config, source: .embeddedDefaults, socketDescription: "test", logLevel: LogLevelControl(.critical), logger: logger,
            now: { Date(timeIntervalSince1970: 1_764_400_000) })  // 2025-11-29 in Shanghai
        let calendar = CalendarRegistry()
        let backups = Backups(database: database, stateDirectory: directory)
        let scheduler = TimerScheduler(
            database: database, state: state, calendar: calendar,
            jobs: ScheduledJobs(
                database: database, rewardRuns: RewardRuns(database: database, policies: policies, logger: logger), backups: backups,
                notices: RewardNotices(database: database, calendar: calendar, state: state, logger: logger),
                reviewNotices: ReviewNotices(database: database, calendar: calendar, state: state, logger: logger), state: state),
            logger: logger, recorded: TimerScheduler.Recorded())
        dispatcher = Dispatcher(
            table: Daemon.methodTable(
                database: database, state: state, policies: policies, calendar: calendar, scheduler: scheduler, backups: backups,
                submissions: TenantSubmissions(
                    database: database, state: state, receiptKey: .generate(), spool: Spool(root: directory + "/spool")),
                intakeCounters: IntakeCounters(), feed: EventCalendarFeed(database: database, state: state, zones: ZoneInfoDirectory(), logger: logger),
                logger: logger),
            state: state,
            database: database, logger: logger)
    }

    func send(_ text: String, as caller: Caller = root) async -> (reply: VarlinkReply?, closed: Bool) {
        await send(Array(text.utf8), as: caller)
    }

    func send(_ bytes: [UInt8], as caller: Caller = root) async -> (reply: VarlinkReply?, closed: Bool) {
        let outcome = await dispatcher.handle(bytes, from: caller)
        let reply = outcome.reply.flatMap { try? JSONDecoder().decode(VarlinkReply.self, from: $0) }
        return (reply, outcome.closeConnection)
    }

    func call(_ method: String, _ parameters: String = "{}", as caller: Caller = root) async -> VarlinkReply? {
        await send(#"{"method":"\#(method)","parameters":\#(parameters)}"#, as: caller).reply
    }

    func cleanUp() {
        try? database.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

@Suite("Dispatching Varlink calls")
struct DispatcherTests {
    static let createFirm = #"{"name":"烟台人力资源有限公司","creditCode":"91370200163562681G","businessLines":["dispatch"]}"#

    @Test("GetInfo lists every interface and each has a description")
    func introspection() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let info = try #require(await harness.call("org.varlink.service.GetInfo", as: DispatcherHarness.stranger))
        let interfaces = info.parameters?["interfaces"]
        let names = [
            "io.parkd.Application", "io.parkd.Audit", "io.parkd.Backup", "io.parkd.BankAccount", "io.parkd.Blocklist", "io.parkd.Calendar", "io.parkd.Demo", "io.parkd.Event", "io.parkd.Incubator", "io.parkd.Lease", "io.parkd.Notice", "io.parkd.Payment", "io.parkd.Policy", "io.parkd.Report", "io.parkd.Review", "io.parkd.Reward",
            "io.parkd.Service", "io.parkd.Stats", "io.parkd.Submission",
            "io.parkd.Tenant", "io.parkd.TenantKey", "io.parkd.Timer", "io.parkd.Unit",
            "org.varlink.service",
        ]
        #expect(interfaces == .array(names.map(JSONValue.string)))
        for name in names {
            let reply = await harness.call("org.varlink.service.GetInterfaceDescription", #"{"interface":"\#(name)"}"#)
            #expect(reply?.parameters?["description"]?.stringValue?.contains("interface \(name)\n") == true)
        }
        let missing = await harness.call("org.varlink.service.GetInterfaceDescription", #"{"interface":"io.nowhere"}"#)
        #expect(missing?.error == "org.varlink.service.InterfaceNotFound")
    }

    @Test("unknown interfaces and methods get the standard errors")
    func unknownMethods() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        #expect(await harness.call("io.nowhere.Thing.Do")?.error == "org.varlink.service.InterfaceNotFound")
        let reply = await harness.call("io.parkd.Tenant.Destroy")
        #expect(reply?.error == "org.varlink.service.MethodNotFound")
        #expect(reply?.parameters?["method"] == .string("io.parkd.Tenant.Destroy"))
        #expect(await harness.call("Status")?.error == "org.varlink.service.MethodNotFound")
    }

    @Test("bad parameters are named", arguments: [
        (#"{"creditCode":"91370200163562681G"}"#, "name"),
        (#"{"name":"A","creditCode":"91370200163562681G","colour":"red"}"#, "colour"),
        (#"{"name":7,"creditCode":"91370200163562681G"}"#, "name"),
        (#"{"name":"A","creditCode":"91370200163562681G","tags":"x"}"#, "tags"),
        (#"["name"]"#, "parameters"),
        // Values Foundation only fails on when it reads them: not a DecodingError, no coding path.
        (#"{"name":"\ud800","creditCode":"91370200163562681G"}"#, "name"),
        (#"{"name":"A","creditCode":"91370200163562681G","contactPhone":"\udc00x"}"#, "contactPhone"),
        (#"{"name":"A","creditCode":"91370200163562681G","colour":1e400}"#, "colour"),
    ])
    func invalidParameters(_ parameters: String, _ name: String) async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let reply = await harness.call("io.parkd.Tenant.Create", parameters)
        #expect(reply?.error == "org.varlink.service.InvalidParameter")
        #expect(reply?.parameters?["parameter"] == .string(name))
    }

    @Test("a value holding U+0000 is refused, named, at any depth, and nothing is stored", arguments: [
        (#"{"name":"烟台\u0000人力","creditCode":"91370200163562681G"}"#, "name"),
        (#"{"name":"A","creditCode":"91370200163562681G","tags":["brand-a","x\u0000"]}"#, "tags"),
        (#"{"name":"A","creditCode":"91370200163562681G","contactPerson":"\\\u0000"}"#, "contactPerson"),
    ])
    func nulCharacter(_ parameters: String, _ name: String) async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let reply = await harness.call("io.parkd.Tenant.Create", parameters)
        #expect(reply?.error == "org.varlink.service.InvalidParameter")
        #expect(reply?.parameters?["parameter"] == .string(name))
        #expect(try await harness.database.tenants(.init()).tenants.isEmpty)
        // The refusal is audited, and the entry reads back exactly as it was hashed.
        #expect(await harness.call("io.parkd.Audit.Verify")?.parameters?["intact"] == .bool(true))
    }

    @Test("a member named with U+0000 is refused, and its audit entry reads back as it was hashed: the trail stays whole", arguments: [
        ("io.parkd.Tenant.Create", #"{"name":"A","creditCode":"91370200163562681G","\u0000":{}}"#),
        ("io.parkd.Reward.Approve", #"{"run":5,"\u0000":{}}"#),
        ("io.parkd.Tenant.Create", #"{"name":"A","creditCode":"91370200163562681G","x\u0000y":1}"#),
    ])
    func nulInMemberName(_ method: String, _ parameters: String) async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let reply = await harness.call(method, parameters)
        #expect(reply?.error == "org.varlink.service.InvalidParameter", "\(String(describing: reply))")
        let entry = try #require(try await harness.database.auditEntries(AuditQuery(limit: 1)).first)
        #expect(entry.method == method && entry.outcome.contains("\\u0000") && !entry.outcome.contains("\u{0}"), "\(entry.outcome)")
        #expect(await harness.call("io.parkd.Audit.Verify")?.parameters?["intact"] == .bool(true))
    }

    @Test("an escaped backslash before u0000 is text, not a NUL")
    func escapedBackslash() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let reply = await harness.call("io.parkd.Tenant.Create", #"{"name":"A\\u0000","creditCode":"91370200163562681G"}"#)
        #expect(reply?.error == nil)
        #expect(reply?.parameters?["tenant"]?["name"] == .string(#"A\u0000"#))
    }

    @Test("numbers no integer can hold are named as the bad parameter", arguments: ["1e400", "-9223372036854775809", "18446744073709551616"])
    func unrepresentableNumbers(_ number: String) async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let reply = await harness.call("io.parkd.Tenant.List", #"{"limit":\#(number)}"#)
        #expect(reply?.error == "org.varlink.service.InvalidParameter")
        #expect(reply?.parameters?["parameter"] == .string("limit"))
    }

    @Test("domain refusals name the field and change nothing")
    func invalidField() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let reply = await harness.call("io.parkd.Tenant.Create", #"{"name":"A","creditCode":"91370200163562681X"}"#)
        #expect(reply?.error == "io.parkd.Service.InvalidField")
        #expect(reply?.parameters?["field"] == .string("creditCode"))
        let future = await harness.call("io.parkd.Tenant.Create", #"{"name":"A","creditCode":"91370200163562681G","appliedOn":"2030-01-01"}"#)
        #expect(future?.parameters?["reason"] == .string("2030-01-01 is in the future (today is 2025-11-29)"))
        #expect(try await harness.database.tenants(.init()).tenants.isEmpty)
    }

    @Test("a refused call whose parameters no JSON value holds is recorded as sent, not as if it had none")
    func unreadableParametersRecorded() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let reply = await harness.call("io.parkd.Tenant.Create", #"{"name":"A","creditCode":"91370200163562681G","registeredCapital":1E400}"#)
        #expect(reply?.error != nil)
        let entries = try await harness.database.auditEntries(AuditQuery(limit: 1))
        #expect(entries.first?.method == "io.parkd.Tenant.Create" && entries.first?.parameters.contains("1E400") == true, "\(entries)")
    }

    @Test("a sheet's call is audited with its application alone: a misspelled or unknown parameter is sealed too, and a refusal is named, not quoted")
    func sheetSealedInTheTrail() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let reply = await harness.call("io.parkd.Review.Score", #"""
            {"application":1,"scores":[{"criterion":"qualifications","score":"15"}],"veto":"secretItem","reason":"secretReason","Scores":"secretScores"}
            """#)
        #expect(reply?.error == "org.varlink.service.InvalidParameter", "\(String(describing: reply))")
        let dissent = await harness.call("io.parkd.Review.Dissent", #"{"application":1,"text":"secretDissent"}"#)
        #expect(dissent?.error == "io.parkd.Application.NoSuchApplication", "\(String(describing: dissent))")
        let entries = try await harness.database.auditEntries(AuditQuery(limit: 10))
        #expect(entries.map(\.method) == ["io.parkd.Review.Dissent", "io.parkd.Review.Score"])
        for entry in entries {
            #expect(entry.parameters.hasPrefix(#"{"application":1,"sealed":"#), "\(entry.parameters)")
            #expect(!entry.outcome.contains("secret") && !entry.parameters.contains("secret"), "\(entry)")
        }
        #expect(entries.first?.outcome == "io.parkd.Application.NoSuchApplication")
    }

    @Test("messages that are not Varlink are answered and the connection closed", arguments: [
        Array("{not json".utf8), [0x7B, 0xFF, 0xFE, 0x7D], Array(#"{"parameters":{}}"#.utf8), Array("[1,2]".utf8),
    ])
    func notVarlink(_ bytes: [UInt8]) async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let (reply, closed) = await harness.send(bytes)
        #expect(reply?.error == "io.parkd.Service.InvalidMessage")
        #expect(closed)
    }

    @Test("a message that is JSON but not an object is named so, not as a field with no name")
    func notAnObject() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        for text in ["[]", "1", #""call""#, "null"] {
            let (reply, _) = await harness.send(Array(text.utf8))
            #expect(reply?.parameters?["reason"] == .string("message is not a Varlink call: the message is not a JSON object"), "\(text)")
        }
        let (wrongType, _) = await harness.send(Array(#"{"method":1}"#.utf8))
        #expect(wrongType?.parameters?["reason"] == .string("message is not a Varlink call: method has the wrong type"))
    }

    @Test("a message that is not JSON is refused saying where and why; one nested deeper than parkd reads, saying so and where")
    func notJSON() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let cases = [
            #"{"method":"#: "invalid JSON at byte 10: a value was expected",
            #"{"method":"io.parkd.Tenant.List" "x"}"#: "invalid JSON at byte 33: ',' or '}' was expected",
            #"{"method":"io.parkd.Tenant.List","parameters":{"a":tru}}"#: "invalid JSON at byte 51: a value was expected",
            String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000):
                "nested more than 512 levels deep at byte 512, deeper than parkd reads",
            // Valid JSON, but deeper than JSONDecoder reads: said so, not "invalid JSON".
            #"{"method":"io.parkd.Tenant.Get","parameters":{"tenant":"1","x":"# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}}":
                "nested more than 512 levels deep at byte 573, deeper than parkd reads",
            // A member named twice, plain or escaped: JSONDecoder would keep one value silently.
            #"{"method":"io.parkd.Tenant.Update","parameters":{"tenant":"1","contactPerson":"A","contactPerson":"M"}}"#:
                "invalid JSON at byte 82: a member name given twice",
            #"{"method":"io.parkd.Tenant.Update","parameters":{"tenant":"2","tenant":"1","contactPerson":"B\u00e9"}}"#:
                "invalid JSON at byte 62: a member name given twice",
            #"{"method":"org.varlink.service.GetInfo","\u006dethod":"io.parkd.Tenant.Nope"}"#: "invalid JSON at byte 40: a member name given twice",
            #"{"method":null}"#: "method must not be null",
            // Not RFC 8259, though JSONDecoder reads them: a trailing comma, a leading zero, a point without digits.
            #"{"method":"org.varlink.service.GetInfo",}"#: "invalid JSON at byte 40: a member name was expected",
            #"{"method":"io.parkd.Tenant.Update","parameters":{"tenant":"9","addTags":["x",]}}"#: "invalid JSON at byte 77: a value was expected",
            #"{"method":"io.parkd.Audit.List","parameters":{"limit":05}}"#: "invalid JSON at byte 55: ',' or '}' was expected",
            #"{"method":"io.parkd.Audit.List","parameters":{"limit":5.}}"#: "invalid JSON at byte 56: a digit was expected",
        ]
        for (text, reason) in cases {
            let (reply, closed) = await harness.send(Array(text.utf8))
            #expect(reply?.error == "io.parkd.Service.InvalidMessage" && closed, "\(text.prefix(60))")
            #expect(reply?.parameters?["reason"] == .string("message is not a Varlink call: " + reason), "\(text.prefix(60))")
        }
    }

    @Test("an upgrade is not implemented by any method; an unknown interface or method is said to be unknown first")
    func upgrade() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        for (text, error) in [
            (#"{"method":"org.varlink.service.GetInfo","upgrade":true}"#, "org.varlink.service.MethodNotImplemented"),
            (#"{"method":"io.parkd.Nope.X","upgrade":true}"#, "org.varlink.service.InterfaceNotFound"),
            (#"{"method":"io.parkd.Tenant.Nope","upgrade":true}"#, "org.varlink.service.MethodNotFound"),
        ] {
            #expect(await harness.send(text).reply?.error == error, "\(text)")
        }
    }

    @Test("a page cursor no page returned is refused, naming it, rather than answered with an empty or a whole page")
    func cursors() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        for (method, parameters, field) in [
            ("io.parkd.Audit.List", #"{"before":0}"#, "before"), ("io.parkd.Audit.List", #"{"before":-1}"#, "before"),
            ("io.parkd.Report.History", #"{"tenant":"1","month":"2021-06","after":-1}"#, "after"),
        ] {
            let reply = await harness.call(method, parameters)
            #expect(reply?.error == "io.parkd.Service.InvalidField" && reply?.parameters?["field"] == .string(field), "\(method) \(parameters)")
        }
    }

    @Test("a member unknown inside a nested parameter is refused, naming its path, as one at the top is; the plain and the escaped reading agree")
    func unknownNestedMember() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let hash = String(repeating: "0", count: 64)
        for (parameters, path) in [
            (#"{"anchors":[{"id":1,"hash":"\#(hash)"},{"id":1,"hash":"\#(hash)","zz":"x"}]}"#, "anchors[1].zz"),
            (#"{"anchors":[{"id":1,"hash":"\#(hash)","zz":"x"}]}"#, "anchors[0].zz"),
            (#"{"anchors":[],"zz":1}"#, "zz"),
        ] {
            let reply = await harness.call("io.parkd.Audit.Verify", parameters)
            #expect(reply?.error == "org.varlink.service.InvalidParameter" && reply?.parameters?["parameter"] == .string(path), "\(parameters): \(String(describing: reply))")
        }
        let known = await harness.call("io.parkd.Audit.Verify", #"{"anchors":[]}"#)
        #expect(known?.error == nil, "\(String(describing: known))")
    }

    @Test("oneway calls are carried out without a reply")
    func oneway() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let (reply, closed) = await harness.send(#"{"method":"io.parkd.Tenant.Create","oneway":true,"parameters":\#(Self.createFirm)}"#)
        #expect(reply == nil && !closed)
        #expect(try await harness.database.tenants(.init()).tenants.count == 1)
    }

    @Test("roles: strangers only introspect, auditors read, admins by group write")
    func roles() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let denied = await harness.call("io.parkd.Tenant.List", as: DispatcherHarness.stranger)
        #expect(denied?.error == "io.parkd.Service.PermissionDenied")
        #expect(denied?.parameters?["method"] == .string("io.parkd.Tenant.List"))
        #expect(denied?.parameters?["uid"] == .integer(1003))
        #expect(await harness.call("io.parkd.Tenant.List", as: DispatcherHarness.auditor)?.error == nil)
        #expect(await harness.call("io.parkd.Audit.Verify", as: DispatcherHarness.auditor)?.error == nil)
        let write = await harness.call("io.parkd.Tenant.Create", Self.createFirm, as: DispatcherHarness.auditor)
        #expect(write?.error == "io.parkd.Service.PermissionDenied")
        let created = await harness.call("io.parkd.Tenant.Create", Self.createFirm, as: DispatcherHarness.groupAdmin)
        #expect(created?.error == nil)
        #expect(created?.parameters?["tenant"]?["status"] == .string("applicant"))
        #expect(created?.parameters?["tenant"]?["appliedOn"] == .string("2025-11-29"))
        // The refused write and the accepted one are both in the trail, with who tried.
        let trail = try await harness.database.auditEntries(AuditQuery())
        #expect(trail.map(\.user) == ["clerk", "finance"])
        #expect(trail.last?.outcome.hasPrefix("io.parkd.Service.PermissionDenied") == true)
    }

    @Test("a tenant goes through its lifecycle over the channel")
    func lifecycle() async throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        _ = await harness.call("io.parkd.Tenant.Create", Self.createFirm)
        let reviewing = await harness.call("io.parkd.Tenant.Transition", #"{"tenant":"91370200163562681G","to":"reviewing","on":"2025-11-29","reason":"材料齐全"}"#)
        #expect(reviewing?.parameters?["tenant"]?["statusSince"] == .string("2025-11-29"))
        let skip = await harness.call("io.parkd.Tenant.Transition", #"{"tenant":"1","to":"active","reason":"x"}"#)
        #expect(skip?.error == "io.parkd.Tenant.InvalidTransition")
        #expect(skip?.parameters?["allowed"] == .array([.string("approved"), .string("rejected")]))
        let missing = await harness.call("io.parkd.Tenant.Get", #"{"tenant":"42"}"#)
        #expect(missing?.error == "io.parkd.Tenant.NoSuchTenant")
        let duplicate = await harness.call("io.parkd.Tenant.Create", Self.createFirm)
        #expect(duplicate?.error == "io.parkd.Tenant.CreditCodeInUse")
        #expect(duplicate?.parameters?["tenant"] == .integer(1))
        let status = await harness.call("io.parkd.Service.Status")
        #expect(status?.parameters?["tenants"] == .integer(1))
        #expect(status?.parameters?["auditEntries"] == .integer(4))
    }
}
