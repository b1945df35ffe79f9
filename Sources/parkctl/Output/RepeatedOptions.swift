import ArgumentParser
import Foundation

/// A single-value option given twice (`--rent 40 … --rent 4`): argument parser keeps the last
/// without a word, so a slip changes what is recorded. parkctl refuses it as a usage error naming
/// the option, as parkd refuses a JSON object that names a member twice. Options that take
/// several values (`--seat`, `--run`, `--reviewer`) repeat freely.
enum RepeatedOptions {
    /// Why `words` (the arguments after `parkctl`) cannot be read, or nil.
    static func refusal(_ words: [String]) -> String? {
        var counts: [String: Int] = [:]
        for word in words.prefix(while: { $0 != "--" }) where word.hasPrefix("--") {
            counts[String(word.dropFirst(2).prefix { $0 != "=" }), default: 0] += 1
        }
        let repeated = counts.filter { $0.value > 1 }.keys.sorted()
        guard !repeated.isEmpty, let tool = try? JSONDecoder().decode(Tool.self, from: Data(Parkctl._dumpHelp().utf8)) else { return nil }
        // The command named, and the options it and the commands above it take.
        var command = tool.command
        var options = command.arguments ?? []
        for word in words.prefix(while: { $0 != "--" }) where !word.hasPrefix("-") {
            guard let subcommand = command.subcommands?.first(where: { $0.commandName == word }) else { continue }
            command = subcommand
            options += subcommand.arguments ?? []
        }
        for name in repeated {
            let option = options.first { $0.kind == "option" && ($0.names ?? []).contains { $0.kind == "long" && $0.name == name } }
            if let option, option.isRepeating == false {
                return "--\(name) is given \(counts[name] ?? 0) times; it takes one value: give it once"
            }
        }
        return nil
    }

    /// What argument parser says of the commands (`--experimental-dump-help`), as far as read here.
    private struct Tool: Decodable {
        let command: Command
    }

    private struct Command: Decodable {
        let commandName: String
        let arguments: [Argument]?
        let subcommands: [Command]?
    }

    private struct Argument: Decodable {
        struct Name: Decodable {
            let kind: String
            let name: String
        }

        let kind: String
        let names: [Name]?
        let isRepeating: Bool
    }
}
