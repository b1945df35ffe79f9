import Foundation
import ParkControl
@testable import ParkDaemon
import ParkStore
import Testing

@Suite("The plain-call JSON reader")
struct JSONTreeTests {
    static func tree(_ text: String) -> JSONTree? {
        Data(text.utf8).withUnsafeBytes { JSONTree(parsing: $0) }
    }

    /// The same value written with sorted keys, for comparing two decodings.
    static func canonical(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("a plain message decodes to what JSONDecoder reads from it", arguments: [
        #"{"name":"烟台人力资源有限公司","creditCode":"91370200163562681G","businessLines":["dispatch","outsourcing"]}"#,
        #" { "name" : "A 𝔘 １２３" ,"creditCode":"x", "tags":[], "origin":null, "appliedOn":"2025-01-01" } "#,
        "{\"name\":\"\",\"creditCode\":\"\",\n\t\"contactPerson\":\"'; DROP TABLE tenant;--\"\r}",
    ])
    func decodesAsFoundation(text: String) throws {
        let tree = try #require(Self.tree(text))
        let fast = try TenantAPI.Create(from: JSONTreeDecoder(tree))
        let reference = try JSONDecoder().decode(TenantAPI.Create.self, from: Data(text.utf8))
        #expect(try Self.canonical(fast) == Self.canonical(reference))
        #expect(tree.jsonValue == (try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))))
    }

    @Test("integers are read exactly, to the limits of 64 bits", arguments: [
        ("0", Int64(0)), ("-1", -1), ("9223372036854775807", .max), ("-9223372036854775808", .min), ("120", 120),
    ])
    func readsIntegers(text: String, value: Int64) throws {
        let read: Int64? = if case .integer(let read)? = Self.tree(#"{"limit":\#(text)}"#)?.member("limit") { read } else { nil }
        #expect(read == value)
        let list = try TenantAPI.List(from: JSONTreeDecoder(try #require(Self.tree(#"{"limit":\#(text)}"#))))
        #expect(list.limit.map(Int64.init) == value)
    }

    @Test("text another reader could take differently is left to JSONDecoder", arguments: [
        #"{"name":"A\"B"}"#, #"{"name":"\u0041"}"#, #"{"name":"\ud800"}"#, #"{"limit":1.0}"#, #"{"limit":1e2}"#,
        #"{"limit":-0}"#, #"{"limit":01}"#, #"{"limit":9223372036854775808}"#, #"{"limit":-9223372036854775809}"#,
        #"{"limit":1e400}"#, #"{"a":1,"a":2}"#, "{\"name\":\"a\u{1}b\"}", #"{"a":1} x"#, #"{"a":1,}"#, #"[1,]"#,
        #"{"a":tru}"#, #"{"a" 1}"#, #"{'a':1}"#, "", "   ", #"{"a":"#, #"{"a":NaN}"#, #"{"a":+1}"#,
        String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
    ])
    func leavesTheRestToFoundation(text: String) {
        #expect(Self.tree(text) == nil)
    }

    @Test("a value of another type than declared, or out of its range, is not decoded", arguments: [
        #"{"name":7,"creditCode":"x"}"#, #"{"name":"A","creditCode":"x","tags":"x"}"#, #"{"name":"A","creditCode":null}"#,
        #"{"creditCode":"x"}"#, #"{"name":"A","creditCode":"x","tags":[1]}"#, #"{"name":true,"creditCode":"x"}"#,
    ])
    func refusesWhatJSONDecoderRefuses(text: String) throws {
        let tree = try #require(Self.tree(text))
        #expect(throws: (any Error).self) { try TenantAPI.Create(from: JSONTreeDecoder(tree)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(TenantAPI.Create.self, from: Data(text.utf8)) }
    }

    @Test("a repeated member name is found in small and large objects alike", arguments: [3, 40_000])
    func repeatedNames(members: Int) throws {
        let distinct = (0..<members).map { #""m\#($0)":\#($0)"# }.joined(separator: ",")
        let tree = try #require(Self.tree("{\(distinct)}"))
        if case .object(let read) = tree { #expect(read.count == members) } else { Issue.record("not an object: \(tree)") }
        #expect(Self.tree("{\(distinct),\"m\(members - 1)\":0}") == nil)
    }

    @Test("an integer is decoded only into a type that holds it")
    func integerRanges() throws {
        struct Small: Decodable { let value: Int8 }
        struct Unsigned: Decodable { let value: UInt32 }
        struct Fraction: Decodable { let value: Double }
        #expect(try Small(from: JSONTreeDecoder(try #require(Self.tree(#"{"value":-128}"#)))).value == -128)
        #expect(throws: (any Error).self) { try Small(from: JSONTreeDecoder(try #require(Self.tree(#"{"value":128}"#)))) }
        #expect(throws: (any Error).self) { try Unsigned(from: JSONTreeDecoder(try #require(Self.tree(#"{"value":-1}"#)))) }
        // Floating point is left to JSONDecoder, which reads it its own way.
        #expect(throws: (any Error).self) { try Fraction(from: JSONTreeDecoder(try #require(Self.tree(#"{"value":1}"#)))) }
    }

    @Test("untyped values read as JSONDecoder reads them into a JSONValue")
    func untypedValues() throws {
        let text = #"{"a":[1,-2,true,false,null,"x",[],{}],"b":{"c":{"d":9223372036854775807}},"e":"测试"}"#
        #expect(try #require(Self.tree(text)).jsonValue == (try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))))
    }

    @Test("a plain call and the same call spelt with escapes (read by JSONDecoder) get the same reply and audit entry", arguments: [
        ("io.parkd.Tenant.Create", #"{"name":"烟台A","creditCode":"91370200163562681G","tags":["b","a"],"origin":null}"#,
         #"{"name":"\u70df\u53f0A","creditCode":"91370200163562681G","tags":["b","a"],"origin":null}"#),
        ("io.parkd.Tenant.Create", #"{"name":"A","creditCode":"91370200163562681G","colour":"red"}"#,
         #"{"name":"A","creditCode":"91370200163562681G","colour":"r\u0065d"}"#),
        ("io.parkd.Tenant.Create", #"{"name":7,"creditCode":"91370200163562681G"}"#, #"{"name":7,"creditCode":"91370200163562681\u0047"}"#),
        ("io.parkd.Tenant.Get", #"{"tenant":"1"}"#, #"{"tenant":"\u0031"}"#),
        ("io.parkd.Tenant.List", #"{"status":"active","limit":2}"#, #"{"status":"activ\u0065","limit":2}"#),
    ])
    func sameOutcomeEitherWay(method: String, plain: String, escaped: String) async throws {
        #expect(Self.tree(plain) != nil && Self.tree(escaped) == nil)
        var outcomes: [(reply: String, audit: [String])] = []
        for parameters in [plain, escaped] {
            let harness = try DispatcherHarness()
            defer { harness.cleanUp() }
            let reply = try #require(await harness.dispatcher.handle(
                Array(#"{"method":"\#(method)","parameters":\#(parameters)}"#.utf8), from: DispatcherHarness.groupAdmin).reply)
            let trail = try await harness.database.auditEntries(AuditQuery())
            outcomes.append((String(decoding: reply, as: UTF8.self), trail.map { "\($0.method) \($0.parameters) \($0.outcome)" }))
        }
        #expect(outcomes[0].reply == outcomes[1].reply)
        #expect(outcomes[0].audit == outcomes[1].audit)
    }
}
