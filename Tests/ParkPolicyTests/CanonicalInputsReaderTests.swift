import Foundation
import Testing

@testable import ParkPolicy

/// A run's stored inputs read back (`RewardInputs.decode`): the canonical shape directly, to
/// exactly what `JSONDecoder` reads; anything else through `JSONDecoder`, to the same values or
/// the same refusal.
@Suite struct CanonicalInputsReaderTests {
    /// What a reading gave: the inputs, or the error's text.
    enum Outcome: Equatable {
        case inputs(RewardInputs)
        case refused(String)
    }

    static func decoded(_ json: [UInt8]) -> Outcome {
        do { return .inputs(try JSONDecoder().decode(RewardInputs.self, from: Data(json))) } catch { return .refused("\(error)") }
    }

    static func read(_ json: [UInt8]) -> Outcome {
        do { return .inputs(try RewardInputs.decode(json)) } catch { return .refused("\(error)") }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func randomParksReadBackDirectlyToWhatJSONDecoderReads(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var tenants = (0..<300).map { RandomTenant.make(id: Int64(seed) * 1_000 + Int64($0), &random) }
        // Extremes of every integer, an empty list of everything, non-ASCII text.
        tenants[0].reports = ReportFacts([ReportFact(month: "2021-01", version: Int.max) { $0 == .revenue ? .min : .max }])
        tenants[1] = TenantFacts(
            id: .max, name: "华东人力资源服务有限公司 🏢", creditCode: "", businessLines: [], tags: [], origin: "", appliedOn: "",
            statusChanges: [], leases: [], reports: ReportFacts(), events: [])
        let inputs = RewardInputs(tenants: tenants)
        let json = inputs.canonical().json
        let direct = try #require(CanonicalInputsReader.inputs(from: json))
        #expect(direct == inputs)
        #expect(direct == (try JSONDecoder().decode(RewardInputs.self, from: Data(json))))
        #expect(direct.canonical().hash == inputs.canonical().hash)
    }

    @Test func textItDoesNotReadDirectlyIsReadByJSONDecoderToTheSameEnd() throws {
        var random = SeededGenerator(seed: 9)
        var tenant = RandomTenant.make(id: 7, &random)
        tenant.name = "A \"quoted\" name\\ on\ntwo lines"
        let escaped = RewardInputs(tenants: [tenant]).canonical().json
        #expect(CanonicalInputsReader.inputs(from: escaped) == nil)
        #expect(try RewardInputs.decode(escaped) == RewardInputs(tenants: [tenant]))

        let plain = String(decoding: RewardInputs(tenants: [RandomTenant.make(id: 8, &random)]).canonical().json, as: UTF8.self)
        /// `plain` with `addition` after the number that follows the first `marker`.
        func adding(_ addition: String, afterNumberFollowing marker: String) -> String {
            guard let found = plain.range(of: marker) else { return plain }
            var end = found.upperBound
            while end < plain.endIndex, plain[end].isNumber { end = plain.index(after: end) }
            return String(plain[..<end]) + addition + String(plain[end...])
        }
        let values = try #require(plain.range(of: #""values":["#))
        let firstFigureEnd = try #require(plain[values.upperBound...].firstIndex(of: ","))
        // Each variant leaves the canonical shape; JSONDecoder reads it to a value or refuses it,
        // and `decode` does the same.
        let variants = [
            plain.replacingOccurrences(of: #"{"tenants":"#, with: #"{ "tenants" : "#),
            adding(".0", afterNumberFollowing: #""version":"#),
            adding("e0", afterNumberFollowing: #""version":"#),
            plain.replacingOccurrences(of: #""version":"#, with: #""version":0"#),
            plain.replacingOccurrences(of: #""version":"#, with: #""version":99999999999999999999"#),
            String(plain[..<values.upperBound]) + String(plain[plain.index(after: firstFigureEnd)...]),
            plain.replacingOccurrences(of: #""name":"#, with: #""nickname":"x","name":"#),
            plain.replacingOccurrences(of: #""origin":"#, with: #""origin_":"#),
            String(plain.dropLast()),
            plain + " ",
        ]
        for variant in variants {
            #expect(variant != plain)
            #expect(Self.read(Array(variant.utf8)) == Self.decoded(Array(variant.utf8)), "\(variant.prefix(80))")
        }
        let notUTF8 = Array(plain.utf8.prefix(40)) + [0xFF] + Array(plain.utf8.dropFirst(40))
        #expect(Self.read(notUTF8) == Self.decoded(notUTF8))
    }
}
