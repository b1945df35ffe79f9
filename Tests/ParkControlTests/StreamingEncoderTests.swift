import Foundation
import ParkControl
import Testing

/// The channel's JSON encoder writes what Foundation's `JSONEncoder` writes (members in the
/// order they are encoded), so any Varlink client reads the same values.
@Suite("Streaming JSON encoder")
struct StreamingEncoderTests {
    struct Sample: Codable {
        var text: String
        var count: Int64
        var flag: Bool
        var ratio: Double
        var missing: String?
        var present: Int?
        var list: [Int]
        var nested: [[String]]
        var table: [String: Int]
        var empty: [String]
        var emptyTable: [String: String]
    }

    /// Both encodings, parsed back and written again with sorted keys: the same values.
    func agree(_ value: some Encodable) throws -> Bool {
        func normalised(_ data: Data) throws -> Data {
            let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        }
        return try normalised(VarlinkCoding.encode(value)) == normalised(JSONEncoder().encode(value))
    }

    @Test("compact text, members in declaration order, absent optionals left out")
    func exactText() throws {
        struct Small: Encodable {
            var b: Int
            var a: String
            var c: Bool?
            var d: [Int]
        }
        let text = String(decoding: try VarlinkCoding.encode(Small(b: -7, a: "x", c: nil, d: [1, 2])), as: UTF8.self)
        #expect(text == #"{"b":-7,"a":"x","d":[1,2]}"#)
    }

    @Test("strings are escaped as JSON requires", arguments: [
        "plain", "quote \" and backslash \\", "slash / too", "tab\tnew\nline\r", "\u{0001}\u{001F}", "青岛英才人力资源有限公司", "emoji 🏢", "",
    ])
    func strings(_ text: String) throws {
        #expect(try agree(["value": text]))
        let decoded = try JSONDecoder().decode([String: String].self, from: VarlinkCoding.encode(["value": text]))
        #expect(decoded["value"] == text)
    }

    @Test("lists of strings, written without a container per string: the same text as through one")
    func stringLists() throws {
        struct Lists: Encodable {
            var names: [String]
            var none: [String]
            var maybe: [String]?
            var deeper: [[String]]
        }
        let lists = Lists(names: ["a", "quote \" / \\", "line\nbreak", "青岛", ""], none: [], maybe: ["x"], deeper: [["y", "z"], []])
        #expect(String(decoding: try VarlinkCoding.encode(lists), as: UTF8.self)
            == #"{"names":["a","quote \" \/ \\","line\nbreak","青岛",""],"none":[],"maybe":["x"],"deeper":[["y","z"],[]]}"#)
        #expect(try agree(lists))
        #expect(String(decoding: try VarlinkCoding.encode(["solo"]), as: UTF8.self) == #"["solo"]"#)
        #expect(String(decoding: try VarlinkCoding.encode("solo"), as: UTF8.self) == #""solo""#)
    }

    @Test("numbers, booleans, nesting, dictionaries and empty containers")
    func values() throws {
        let sample = Sample(
            text: "A-1204", count: Int64.min, flag: true, ratio: 0.5, missing: nil, present: Int.max, list: [0, -1, 42],
            nested: [["a"], [], ["b", "c"]], table: ["x": 1, "y": 2], empty: [], emptyTable: [:])
        #expect(try agree(sample))
        #expect(try agree([1.0, 2.25, -0.125, 1e21]))
        #expect(try agree([UInt64.max]))
    }

    @Test("wire messages of the reward interface round-trip")
    func rewardReply() throws {
        let line = RewardAPI.Line(
            tenant: 1, creditCode: "91370200163562681G", name: "青岛英才人力资源有限公司", rule: "RENT", period: "2021-06", amount: "40000.00",
            explanation: RewardAPI.Explanation(
                rule: "RENT", title: "Rent subsidy", clause: "P2021", policy: "P2021", policyDocument: "Opinions (P2021)", period: "2021-06",
                amount: "40000.00", steps: [RewardAPI.Step(kind: "parameter", name: "rent_cap", value: "40 yuan/m²·month", source: "P2021", context: nil)]))
        let run = RewardAPI.RewardRun(
            id: 1, period: "2021-06", kind: "regular", status: "draft", rules: ["RENT"], total: "40000.00", lines: 1, adjusts: [],
            inputsHash: "ab", policies: [RewardAPI.PolicyVersion(id: "P2021", hash: "cd")], createdAt: "2026-11-29T00:00:00.000Z",
            createdBy: "root", approvedAt: nil, approvedBy: nil)
        let reply = RewardAPI.GetReply(run: run, lines: [line])
        #expect(try agree(reply))
        let decoded = try JSONDecoder().decode(RewardAPI.GetReply.self, from: VarlinkCoding.encode(reply))
        #expect(decoded.lines == [line] && decoded.run == run)
    }

    @Test("JSON values of the channel's own tree encode as they read")
    func jsonValues() throws {
        let value = JSONValue.object([
            "s": .string("x"), "i": .integer(-3), "b": .bool(false), "n": .null, "a": .array([.integer(1), .object([:])]),
        ])
        #expect(try agree(value))
    }

    @Test("a number JSON cannot hold is refused, not written")
    func nonFinite() {
        #expect(throws: (any Error).self) { _ = try VarlinkCoding.encode([Double.nan]) }
        #expect(throws: (any Error).self) { _ = try VarlinkCoding.encode(["x": Double.infinity]) }
    }
}
