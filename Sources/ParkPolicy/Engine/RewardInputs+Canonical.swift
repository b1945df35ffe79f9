import Foundation
import ParkCore

extension RewardInputs {
    /// The inputs as canonical JSON (keys sorted, no spaces) and its SHA-256 in hex: what a run
    /// stores and records, so that it can be recomputed and checked bit for bit.
    public func canonical() throws -> (json: [UInt8], hash: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = Array(try encoder.encode(self))
        return (json, Self.hash(json))
    }

    /// Reads inputs stored by `canonical()`.
    public static func decode(_ json: [UInt8]) throws -> RewardInputs {
        try JSONDecoder().decode(RewardInputs.self, from: Data(json))
    }

    public static func hash(_ bytes: [UInt8]) -> String {
        ContentHash.sha256(bytes)
    }
}
