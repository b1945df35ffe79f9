import Foundation

/// `--json` output: the reply as the daemon sent it, keys sorted, one document per command.
enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        StandardStream.output.write(data)
    }
}
