import Foundation
import InterfaceTestSupport
import ParkControl
@testable import ParkDaemon
import Testing

/// Every method parkd serves, called by root with parameters of the declared types but odd or
/// extreme values (the largest integers, dates at the ends of the calendar, amounts beyond any
/// park, empty, huge and control-character strings, ids of things that exist and do not).
///
/// Each call must be answered, with a result or a typed error; an `InternalError` means parkd
/// met something it did not check, and a trap stops the test run. The signatures come from the
/// interface definitions parkd serves, so a method added later is covered without a change here.
@Suite("Calls with extreme parameter values")
struct ExtremeParameterTests {
    static let rounds = 60

    @Test("every method answers extreme values with a result or a typed error, and parkd keeps its audit chain")
    func everyMethod() async throws {
        let harness = try DispatcherHarness(policies: PolicyRegistry(book: try PolicyRegistry.read(directory: Self.referencePolicies)))
        defer { harness.cleanUp() }
        try await Self.seed(harness)

        let definitions = try harness.dispatcher.table.interfaces.map { try InterfaceDefinition($0.definition) }
        let methods = definitions.flatMap { definition in definition.methods.map { (definition, $0) } }
        #expect(methods.count > 40)
        var values = ExtremeValues(seed: 0x7061_726b_64)
        var internalErrors: [String] = []
        var unanswered: [String] = []
        for _ in 0..<Self.rounds {
            for (definition, method) in methods {
                let parameters = try values.parameters(for: method.fields, in: definition)
                let text = String(decoding: try VarlinkCoding.encode(parameters), as: UTF8.self)
                let message = #"{"method":"\#(definition.name).\#(method.name)","parameters":\#(text)}"#
                guard let reply = await harness.send(message).reply else {
                    unanswered.append(message)
                    continue
                }
                if reply.error == ServiceAPI.InternalError.name {
                    internalErrors.append("\(message) -> \(reply.parameters.map { "\($0)" } ?? "")")
                }
            }
        }
        #expect(unanswered.isEmpty, "no reply to: \(unanswered.prefix(5))")
        #expect(internalErrors.isEmpty, "\(internalErrors.count) internal errors, first: \(internalErrors.prefix(5))")

        // Whatever was accepted went through the store properly: the chain of audited changes holds.
        let verified = try #require(await harness.call("io.parkd.Audit.Verify"))
        #expect(verified.error == nil)
        #expect(verified.parameters?["intact"] == .bool(true), "\(verified)")
        #expect(await harness.call("org.varlink.service.GetInfo")?.error == nil)
    }

    static let referencePolicies = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Config/policies").path

    /// A park with something of each kind, so that ids 1 and 2 and the seeded credit codes reach
    /// real tenants, units, leases, reports and runs.
    static func seed(_ harness: DispatcherHarness) async throws {
        let calls: [(String, String)] = [
            ("io.parkd.Tenant.Create", #"{"name":"烟台人力资源有限公司","creditCode":"\#(ExtremeValues.creditCodes[0])","businessLines":["dispatch"],"appliedOn":"2019-01-02"}"#),
            ("io.parkd.Tenant.Create", #"{"name":"济南人才服务有限公司","creditCode":"\#(ExtremeValues.creditCodes[1])","appliedOn":"2019-01-02"}"#),
            ("io.parkd.Tenant.Transition", #"{"tenant":"1","to":"reviewing","on":"2019-01-10","reason":"review"}"#),
            ("io.parkd.Tenant.Transition", #"{"tenant":"1","to":"approved","on":"2019-01-20","reason":"meeting"}"#),
            ("io.parkd.Tenant.Transition", #"{"tenant":"1","to":"active","on":"2019-02-01","reason":"moved in"}"#),
            ("io.parkd.Unit.Create", #"{"building":"A","floor":"3","number":"301","area":"120.50","kind":"office","listRent":"45.00"}"#),
            ("io.parkd.Unit.Create", #"{"building":"B","number":"101","area":"30","kind":"incubator","listRent":"20.00"}"#),
            ("io.parkd.Lease.Create", #"{"tenant":"1","units":[1],"start":"2019-02-01","end":"2027-01-31","rent":"42.00"}"#),
            ("io.parkd.Report.Create", #"{"tenant":"1","month":"2021-06","revenue":"1200000.00","tax":"80000.00","employersServed":30,"workersDispatched":100,"workersOutsourced":10,"jobSeekersServed":200,"placements":50,"trainingSessions":2,"trainingAttendees":60,"phdHires":1,"headcount":25}"#),
            ("io.parkd.Reward.Run", #"{"period":"2021-06"}"#),
        ]
        for (method, parameters) in calls {
            let reply = try #require(await harness.call(method, parameters))
            try #require(reply.error == nil, "seeding \(method): \(reply)")
        }
    }
}

/// Values of declared Varlink types, chosen at random (from a seed, so a failure can be
/// replayed) among those most likely to break an unguarded check.
struct ExtremeValues {
    static let creditCodes = ["91370200163562681G", "91370100MA3C5K3P1A"]

    static let strings: [String] = [
        // Ids and references that exist.
        "1", "2", creditCodes[0], creditCodes[1], "P2021", "P2019", "PLACEMENT",
        // Ids that do not, and numbers at the edges.
        "0", "-1", "3", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999",
        // Dates, months and years: valid, at the ends of the calendar, and malformed.
        "2021-06", "2021", "2021-06-30", "2019-02-01", "2025-11-29", "2026-11-29", "9999-12-31", "9999-12", "9999",
        "0001-01-01", "0001-01", "0000-00-00", "0000", "10000-01-01", "2021-02-29", "2021-13", "2021-6", "21-06-30",
        // Amounts.
        "0", "0.00", "0.01", "-0.01", "42.00", "1.005", "99999999999999.99", "100000.00", "100000.01",
        "92233720368547758.07", "1e5", "NaN", "+1", " 1", "1 ", "１２",
        // Words the domain knows.
        "active", "reviewing", "approved", "exiting", "exited", "rejected", "applicant", "recruitment", "dispatch",
        "office", "incubator", "shared", "local", "external", "debug", "trace", "error",
        // Text of every kind.
        "", " ", "\u{0}", "\n", "\t,\"", "山东人和人力资源服务有限公司", "🏢", "../../etc/passwd", "/", "%s%n",
        "x'); DROP TABLE tenant; --", String(repeating: "长", count: 5_000), String(repeating: "9", count: 400),
        "period,month\n2021-06,1\n", "id: P9\ntitle: x\n",
    ]

    static let integers: [Int64] = [
        0, 1, 2, 3, -1, 28, 29, 31, 100, 1000, 1001, 9999, 10000, 100_000, Int64(Int32.max), Int64(Int32.max) + 1,
        Int64.max, Int64.min, Int64.max - 1,
    ]

    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// SplitMix64: every seed gives a full-period, well-mixed sequence.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    private mutating func pick<T>(_ choices: [T]) -> T {
        choices[below(choices.count)]
    }

    /// A parameters object: each optional parameter left out a third of the time.
    mutating func parameters(
        for fields: [InterfaceDefinition.Field], in definition: InterfaceDefinition, depth: Int = 0
    ) throws -> JSONValue {
        var object: [String: JSONValue] = [:]
        for field in fields {
            if field.type.hasPrefix("?") && below(3) == 0 { continue }
            object[field.name] = try value(of: field.type, in: definition, depth: depth)
        }
        return .object(object)
    }

    private mutating func value(of type: String, in definition: InterfaceDefinition, depth: Int) throws -> JSONValue {
        if type.hasPrefix("?") {
            return below(8) == 0 ? .null : try value(of: String(type.dropFirst()), in: definition, depth: depth)
        }
        if type.hasPrefix("[]") {
            let count = depth > 1 ? 0 : pick([0, 1, 1, 2, 3, 50])
            return .array(try (0..<count).map { _ in try value(of: String(type.dropFirst(2)), in: definition, depth: depth + 1) })
        }
        if type.hasPrefix("[string]") {
            let element = String(type.dropFirst("[string]".count))
            return .object([pick(Self.strings): try value(of: element, in: definition, depth: depth + 1)])
        }
        switch type {
        case "string": return .string(pick(Self.strings))
        case "int": return .integer(pick(Self.integers))
        case "bool": return .bool(below(2) == 0)
        case "float": return .integer(pick(Self.integers))
        case "object": return .object(["x": .integer(1)])
        default: break
        }
        let fields = type.hasPrefix("(") ? try InterfaceDefinition.fields(ofAnonymous: type) : definition.type(named: type)?.fields ?? []
        if !fields.isEmpty, fields.allSatisfy({ $0.type.isEmpty }) {
            // An enum: one of its cases, or now and then a name it does not have.
            return .string(below(6) == 0 ? pick(Self.strings) : pick(fields).name)
        }
        return try parameters(for: fields, in: definition, depth: depth + 1)
    }
}
